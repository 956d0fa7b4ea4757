//! `parallax bench import`: an import end to end into a fresh archive on
//! disk — wall time, the process's CPU time, each stage's own CPU time
//! (see [`parallax::ingest::Stage`]) and, with `--stories`, grouping the
//! imported articles into stories — at each number of cores asked for
//! (the process is pinned to the first N cores), so the speed-up from one
//! core to two is measured by the same command.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use parallax::ingest::{self, ImportOptions, Input, Safeguards, Stage, Tuning};
use parallax::store::SessionSettings;
use parallax::{Error, Store};

use super::archive_files;
use serde::Serialize;

use super::meter::{CpuMeter, process_cpu_seconds};

/// What to import and how.
pub struct Plan {
    pub inputs: Vec<PathBuf>,
    pub extract: bool,
    pub stories: bool,
    pub runs: u32,
    pub cores: Vec<usize>,
    pub session: SessionSettings,
    /// Folder for the archive (removed after each run).
    pub scratch: PathBuf,
}

/// One stage's share of a run.
#[derive(Serialize, Clone)]
pub struct StageFigure {
    pub stage: String,
    pub cpu_seconds: f64,
    pub articles_per_cpu_second: f64,
}

/// The best run (least wall time) at one number of cores.
#[derive(Serialize, Clone)]
pub struct CoreFigure {
    pub cores: usize,
    pub articles: u64,
    pub import_wall_seconds: f64,
    pub import_cpu_seconds: f64,
    pub stories_wall_seconds: f64,
    pub stories_cpu_seconds: f64,
    pub total_wall_seconds: f64,
    pub total_cpu_seconds: f64,
    pub articles_per_cpu_second: f64,
    pub stages: Vec<StageFigure>,
    /// Wall time of every run, in order.
    pub wall_seconds: Vec<f64>,
}

/// Every figure of the bench.
#[derive(Serialize)]
pub struct ImportFigures {
    pub megabytes: f64,
    pub runs: u32,
    pub at: Vec<CoreFigure>,
    /// Total wall time at the fewest cores over that at the most.
    pub speed_up: Option<f64>,
}

pub fn run(plan: &Plan, megabytes: f64) -> Result<ImportFigures, Error> {
    let mut at = Vec::new();
    for &cores in &plan.cores {
        pin_to_cores(cores)?;
        let mut best: Option<CoreFigure> = None;
        let mut walls = Vec::new();
        for _ in 0..plan.runs.max(1) {
            let figure = one_run(plan, cores)?;
            walls.push(figure.total_wall_seconds);
            if best
                .as_ref()
                .is_none_or(|b| figure.total_wall_seconds < b.total_wall_seconds)
            {
                best = Some(figure);
            }
        }
        if let Some(mut best) = best {
            best.wall_seconds = walls;
            at.push(best);
        }
    }
    pin_to_cores(0)?;
    let speed_up = match (at.first(), at.last()) {
        (Some(few), Some(many)) if at.len() > 1 && many.total_wall_seconds > 0.0 => {
            Some(few.total_wall_seconds / many.total_wall_seconds)
        }
        _ => None,
    };
    Ok(ImportFigures {
        megabytes,
        runs: plan.runs.max(1),
        at,
        speed_up,
    })
}

fn one_run(plan: &Plan, cores: usize) -> Result<CoreFigure, Error> {
    std::fs::create_dir_all(&plan.scratch).map_err(|e| Error::io(&plan.scratch, e))?;
    let db = plan.scratch.join("bench.db");
    archive_files::remove(&db)?;
    let mut store = Store::open(&db)?;
    let inputs: Vec<Input> = plan.inputs.iter().cloned().map(Input::Path).collect();
    let options = ImportOptions {
        max_file_bytes: u64::MAX,
        extract: plan.extract,
        ..ImportOptions::new("2000-01-01T00:00:00Z")
    };
    let safeguards = Safeguards::default();
    let meter = CpuMeter::new();
    let tuning = Tuning {
        workers: NonZeroUsize::new(cores),
        meter: Some(&meter),
        session: plan.session,
    };
    let (start, cpu) = (Instant::now(), process_cpu_seconds());
    let report = ingest::import_tuned(
        &mut store,
        &inputs,
        &options,
        &safeguards,
        &tuning,
        &mut |_| {},
        &AtomicBool::new(false),
    )?;
    let import_wall = start.elapsed().as_secs_f64();
    let import_cpu = process_cpu_seconds() - cpu;
    let (mut stories_wall, mut stories_cpu) = (0.0, 0.0);
    if plan.stories {
        let (start, cpu) = (Instant::now(), process_cpu_seconds());
        parallax::app::group_stories(&mut store, false)?;
        stories_wall = start.elapsed().as_secs_f64();
        stories_cpu = process_cpu_seconds() - cpu;
    }
    drop(store);
    archive_files::remove(&db)?;
    let articles = report.imported + report.duplicates;
    let rate = |seconds: f64| {
        if seconds > 0.0 {
            articles as f64 / seconds
        } else {
            f64::INFINITY
        }
    };
    let mut stages: Vec<StageFigure> = Stage::ALL
        .iter()
        .map(|stage| StageFigure {
            stage: stage.name().to_string(),
            cpu_seconds: meter.seconds(*stage),
            articles_per_cpu_second: rate(meter.seconds(*stage)),
        })
        .collect();
    let metered: f64 = stages.iter().map(|s| s.cpu_seconds).sum();
    stages.push(StageFigure {
        stage: "unmetered import".into(),
        cpu_seconds: import_cpu - metered,
        articles_per_cpu_second: rate(import_cpu - metered),
    });
    if plan.stories {
        stages.push(StageFigure {
            stage: "stories".into(),
            cpu_seconds: stories_cpu,
            articles_per_cpu_second: rate(stories_cpu),
        });
    }
    Ok(CoreFigure {
        cores,
        articles,
        import_wall_seconds: import_wall,
        import_cpu_seconds: import_cpu,
        stories_wall_seconds: stories_wall,
        stories_cpu_seconds: stories_cpu,
        total_wall_seconds: import_wall + stories_wall,
        total_cpu_seconds: import_cpu + stories_cpu,
        articles_per_cpu_second: rate(import_cpu + stories_cpu),
        stages,
        wall_seconds: Vec::new(),
    })
}

/// Pins this thread, and the threads it starts from now on, to the first
/// `cores` cores the process may use (0: all of them again).
fn pin_to_cores(cores: usize) -> Result<(), Error> {
    // SAFETY: the set is a plain bit array we own; zeroed is the empty set.
    let mut allowed: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    let count = if cores == 0 {
        libc::CPU_SETSIZE as usize
    } else {
        cores
    };
    // Not `available_parallelism`, which a previous pinning narrows.
    // SAFETY: sysconf reads a system setting and touches no memory of ours.
    let online = usize::try_from(unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) }).unwrap_or(1);
    if cores > online {
        return Err(Error::InvalidArgument(format!(
            "{cores} cores asked for; this machine has {online}"
        )));
    }
    for cpu in 0..count.min(libc::CPU_SETSIZE as usize) {
        // SAFETY: `cpu` is below CPU_SETSIZE, the set's size.
        unsafe { libc::CPU_SET(cpu, &mut allowed) };
    }
    // SAFETY: pid 0 is the calling thread; `allowed` is a valid set.
    let rc =
        unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &allowed) };
    if rc != 0 {
        return Err(Error::io(
            "<sched_setaffinity>",
            std::io::Error::last_os_error(),
        ));
    }
    Ok(())
}
