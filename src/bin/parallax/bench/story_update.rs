//! `parallax bench stories`: story grouping at the size of a real archive
//! (issue 16): a full regrouping's wall time, CPU and peak memory, and a
//! story update's after some new articles.
//!
//! The corpus is the scale bench's (`DIR/corpus-N`, N records made from
//! gva-dev by the synthetic transformation, built when missing). Its last
//! M records (`--new`) are held back; the others are imported with
//! extraction into `DIR/stories-N-M/base.db` once (`base.done` marks a
//! finished import). Each run then works on a copy: the first grouping
//! (`parallax stories --rebuild`: every article read in full and its
//! sketch kept), a second full regrouping (the sketches kept), the import
//! of the held-back records, and the update (`parallax stories`, which
//! also lists every story, as a person running it sees it). Each step is a
//! child process, so its wall time, CPU (user and system) and peak
//! resident memory are its own; the machine's load is read before and
//! after.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use parallax::Error;

use super::archive_files;
use serde::Serialize;

use super::corpus;

/// What to build and measure.
pub struct Plan {
    /// Records in the corpus (the archive's size with the new ones).
    pub articles: usize,
    /// Records held back and imported before the update.
    pub new: usize,
    /// The gva-style folder the corpus is made from.
    pub corpus: PathBuf,
    /// Where corpora and archives are kept between runs.
    pub folder: PathBuf,
    /// Update runs (each on a fresh copy); every one is reported.
    pub runs: usize,
}

/// One child process's cost.
#[derive(Serialize, Clone, Copy)]
pub struct Step {
    pub wall_seconds: f64,
    pub cpu_seconds: f64,
    pub max_rss_megabytes: f64,
}

/// What `parallax bench stories` reports.
#[derive(Serialize)]
pub struct StoryFigures {
    /// Articles in the archive before the new ones were imported.
    pub base_articles: u64,
    /// New articles the update placed.
    pub new_articles: u64,
    /// Load averages (1, 5, 15 minutes) before the first step and after the last.
    pub load_before: [f64; 3],
    pub load_after: [f64; 3],
    /// The base archive's import with extraction, when this run built it.
    pub base_import: Option<Step>,
    /// The first grouping: every article read in full and sketched.
    pub first_grouping: Step,
    /// A full regrouping with every sketch kept.
    pub rebuild: Step,
    /// The import of the new articles, with extraction.
    pub import_new: Step,
    /// The story update after it, once per run.
    pub update: Vec<Step>,
    /// The archive after the update, with its write-ahead log.
    pub archive_megabytes: f64,
    /// The kept sketches' bytes, and per article.
    pub sketch_megabytes: f64,
    pub sketch_bytes_per_article: f64,
}

/// Builds what is missing and measures.
pub fn run(plan: &Plan, progress: bool) -> Result<StoryFigures, Error> {
    let load_before = load();
    let work = plan
        .folder
        .join(format!("stories-{}-{}", plan.articles, plan.new));
    std::fs::create_dir_all(&work).map_err(|e| Error::io(&work, e))?;
    let records = plan.folder.join(format!("corpus-{}", plan.articles));
    if !records.join("complete").exists() {
        corpus::build_parts(&plan.corpus.join("articles.jsonl"), &records, plan.articles)?;
        std::fs::write(records.join("complete"), b"").map_err(|e| Error::io(&records, e))?;
    }
    let (base_records, new_records) = (work.join("base"), work.join("new"));
    let binary = std::env::current_exe().map_err(|e| Error::io(Path::new("parallax"), e))?;
    let base = work.join("base.db");
    let done = work.join("base.done");
    let mut base_import = None;
    if !(done.exists() && base.exists()) {
        split(&records, &base_records, &new_records, plan.new)?;
        archive_files::remove(&base)?;
        if progress {
            println!(
                "importing the base archive with extraction into {}",
                base.display()
            );
        }
        let (step, _) = parallax_step(&binary, &base, &["import", "--json"], &base_records)?;
        base_import = Some(step);
        std::fs::write(&done, b"").map_err(|e| Error::io(&done, e))?;
    }
    let grouped = work.join("grouped.db");
    archive_files::copy(&base, &grouped)?;
    let (first_grouping, _) = parallax_step(
        &binary,
        &grouped,
        &["stories", "--rebuild", "--json"],
        Path::new(""),
    )?;
    let (rebuild, _) = parallax_step(
        &binary,
        &grouped,
        &["stories", "--rebuild", "--json"],
        Path::new(""),
    )?;
    let base_articles = article_count(&grouped)?;
    let (import_new, _) = parallax_step(&binary, &grouped, &["import", "--json"], &new_records)?;
    let new_articles = article_count(&grouped)?.saturating_sub(base_articles);
    let run = work.join("run.db");
    let mut update = Vec::new();
    for _ in 0..plan.runs.max(1) {
        archive_files::copy(&grouped, &run)?;
        let (step, _) = parallax_step(&binary, &run, &["stories", "--json"], Path::new(""))?;
        if progress {
            println!(
                "update after {new_articles} new articles: {:.2} s wall, {:.2} s CPU, {:.0} MB",
                step.wall_seconds, step.cpu_seconds, step.max_rss_megabytes
            );
        }
        update.push(step);
    }
    let store = parallax::store::Store::open_read_only(&run)?;
    let (sketches, sketch_bytes) = store.kept_sketch_bytes()?;
    drop(store);
    let figures = StoryFigures {
        base_articles,
        new_articles,
        load_before,
        load_after: load(),
        base_import,
        first_grouping,
        rebuild,
        import_new,
        update,
        archive_megabytes: archive_files::megabytes(&run),
        sketch_megabytes: sketch_bytes as f64 / 1e6,
        sketch_bytes_per_article: sketch_bytes as f64 / sketches.max(1) as f64,
    };
    archive_files::remove(&run)?;
    archive_files::remove(&grouped)?;
    Ok(figures)
}

/// Prints the figures as a table.
pub fn print(figures: &StoryFigures) {
    println!(
        "{} articles, then {} new; load before {:?}, after {:?}",
        figures.base_articles, figures.new_articles, figures.load_before, figures.load_after
    );
    let row = |name: &str, step: &Step| {
        println!(
            "{name:<28} {:>8.2} s wall {:>8.2} s CPU {:>8.0} MB",
            step.wall_seconds, step.cpu_seconds, step.max_rss_megabytes
        );
    };
    if let Some(step) = &figures.base_import {
        row("base import (extraction)", step);
    }
    row("first grouping", &figures.first_grouping);
    row("rebuild, sketches kept", &figures.rebuild);
    row("import of the new articles", &figures.import_new);
    for step in &figures.update {
        row("update", step);
    }
    println!(
        "archive {:.0} MB; sketches {:.0} MB ({:.0} bytes an article)",
        figures.archive_megabytes, figures.sketch_megabytes, figures.sketch_bytes_per_article
    );
}

/// Writes the corpus's records but the last `new` into `base` and those
/// into `new` (files of the corpus's size).
fn split(records: &Path, base: &Path, new: &Path, held: usize) -> Result<(), Error> {
    let mut parts: Vec<PathBuf> = std::fs::read_dir(records)
        .map_err(|e| Error::io(records, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    parts.sort();
    let mut total = 0;
    for part in &parts {
        let file = std::fs::File::open(part).map_err(|e| Error::io(part, e))?;
        total += std::io::BufReader::new(file).lines().count();
    }
    let keep = total.saturating_sub(held);
    for folder in [base, new] {
        if folder.exists() {
            std::fs::remove_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    }
    let held_path = new.join("new.jsonl");
    let held_file = std::fs::File::create(&held_path).map_err(|e| Error::io(&held_path, e))?;
    let mut held_out = BufWriter::new(held_file);
    let mut seen = 0;
    for part in &parts {
        let target = base.join(part.file_name().unwrap_or_default());
        let file = std::fs::File::create(&target).map_err(|e| Error::io(&target, e))?;
        let mut out = BufWriter::new(file);
        let input = std::fs::File::open(part).map_err(|e| Error::io(part, e))?;
        for line in std::io::BufReader::new(input).lines() {
            let line = line.map_err(|e| Error::io(part, e))?;
            let (writer, path) = if seen < keep {
                (&mut out, &target)
            } else {
                (&mut held_out, &held_path)
            };
            writeln!(writer, "{line}").map_err(|e| Error::io(path, e))?;
            seen += 1;
        }
        out.flush().map_err(|e| Error::io(&target, e))?;
    }
    held_out.flush().map_err(|e| Error::io(&held_path, e))
}

/// Runs `parallax --db DB ARGS [INPUT]` as a child, its output discarded.
fn parallax_step(
    binary: &Path,
    db: &Path,
    args: &[&str],
    input: &Path,
) -> Result<(Step, i32), Error> {
    let mut command = Command::new(binary);
    command.arg("--db").arg(db).args(args);
    if !input.as_os_str().is_empty() {
        command.arg(input);
    }
    command.stdout(Stdio::null());
    let start = Instant::now();
    let child = command.spawn().map_err(|e| Error::io(binary, e))?;
    let (code, cpu, rss) = wait(child.id())?;
    let wall = start.elapsed().as_secs_f64();
    // Exit code 1: some inputs were rejected, the rest imported.
    if !matches!(code, 0 | 1) {
        return Err(Error::InvalidArgument(format!(
            "parallax {} on {} ended with code {code}",
            args.join(" "),
            db.display()
        )));
    }
    Ok((
        Step {
            wall_seconds: wall,
            cpu_seconds: cpu,
            max_rss_megabytes: rss,
        },
        code,
    ))
}

/// Waits for the child `pid`: its exit code, CPU seconds and peak
/// resident megabytes.
fn wait(pid: u32) -> Result<(i32, f64, f64), Error> {
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 writes one we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `status` and `usage` are valid and writable for the call;
    // `pid` is our own child, not yet waited for.
    let rc = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if rc != pid as libc::pid_t {
        return Err(Error::io(
            Path::new("parallax"),
            std::io::Error::last_os_error(),
        ));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok((
        code,
        seconds(usage.ru_utime) + seconds(usage.ru_stime),
        usage.ru_maxrss as f64 / 1024.0,
    ))
}

/// Copies an archive (with its write-ahead log) and writes the copy to
/// disk, so a step's commits do not wait for the copy's pages.
fn article_count(db: &Path) -> Result<u64, Error> {
    let store = parallax::store::Store::open_read_only(db)?;
    Ok(store.stats()?.articles)
}

/// The load averages over 1, 5 and 15 minutes (`/proc/loadavg`; zeros
/// where it cannot be read).
fn load() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut out = [0.0; 3];
    for (slot, field) in out.iter_mut().zip(text.split_whitespace()) {
        *slot = field.parse().unwrap_or(0.0);
    }
    out
}
