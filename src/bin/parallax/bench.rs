//! `parallax bench …`: measured throughput of the real code paths, for the
//! figures reported in issues and the README. Not a test: it asserts nothing.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use clap::Subcommand;
use parallax::ingest::{self, ImportOptions, Input};
use parallax::{Error, Store};
use serde::Serialize;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Import files into a fresh temporary archive and report articles/s and MB/s
    /// (import, dedupe and FTS indexing).
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also run extraction on every article (off by default: this measures
        /// the archive core).
        #[arg(long)]
        extract: bool,
        /// Runs; the best is reported alongside the mean.
        #[arg(long, default_value_t = 3)]
        runs: u32,
        #[arg(long)]
        json: bool,
    },
    /// Run the extraction pipeline (no database) on one thread over the
    /// articles of a JSONL file; reports articles per wall and per CPU second.
    Extract {
        /// JSONL file with `title`, `text`, `published` fields.
        path: PathBuf,
        /// Runs; the best is reported.
        #[arg(long, default_value_t = 3)]
        runs: u32,
        #[arg(long)]
        json: bool,
    },
    /// Story benchmarks: clustering growth.
    #[command(flatten)]
    Stories(crate::stories::StoryBench),
}

#[derive(Serialize)]
struct ExtractBench {
    articles: u64,
    runs: u32,
    best_wall_seconds: f64,
    best_cpu_seconds: f64,
    articles_per_second: f64,
    articles_per_cpu_second: f64,
}

/// CPU time of the calling thread, so a busy machine doesn't distort a
/// single-threaded measurement.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc == 0 {
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    } else {
        f64::NAN
    }
}

#[derive(Serialize)]
struct ImportBench {
    runs: u32,
    articles: u64,
    megabytes: f64,
    best_seconds: f64,
    mean_seconds: f64,
    articles_per_second: f64,
    megabytes_per_second: f64,
}

pub fn run(command: BenchCommand) -> Result<ExitCode, Error> {
    match command {
        BenchCommand::Stories(what) => crate::stories::bench(what),
        BenchCommand::Extract { path, runs, json } => {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let docs: Vec<(Option<String>, String, Option<chrono::NaiveDate>)> = text
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|v| {
                    (
                        v["title"].as_str().map(str::to_string),
                        v["text"].as_str().unwrap_or_default().to_string(),
                        v["published"]
                            .as_str()
                            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                    )
                })
                .collect();
            // Tables and the gazetteer are built once per process, outside the runs.
            parallax::extract::pipeline::run(&parallax::extract::pipeline::Input {
                title: None,
                text: "Warm-up in Chicago.",
                published: None,
                region_hint: None,
            });
            let (mut best_wall, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
            for _ in 0..runs.max(1) {
                let (start, cpu) = (Instant::now(), thread_cpu_seconds());
                for (title, text, published) in &docs {
                    let out =
                        parallax::extract::pipeline::run(&parallax::extract::pipeline::Input {
                            title: title.as_deref(),
                            text,
                            published: *published,
                            region_hint: None,
                        });
                    std::hint::black_box(out);
                }
                best_wall = best_wall.min(start.elapsed().as_secs_f64());
                best_cpu = best_cpu.min(thread_cpu_seconds() - cpu);
            }
            let n = docs.len() as u64;
            let result = ExtractBench {
                articles: n,
                runs: runs.max(1),
                best_wall_seconds: best_wall,
                best_cpu_seconds: best_cpu,
                articles_per_second: n as f64 / best_wall,
                articles_per_cpu_second: n as f64 / best_cpu,
            };
            if json {
                super::print_json(&result);
            } else {
                println!(
                    "{} articles: best {:.3} s wall ({:.0} articles/s), {:.3} s CPU ({:.0} articles per CPU-second, one thread)",
                    n,
                    best_wall,
                    result.articles_per_second,
                    best_cpu,
                    result.articles_per_cpu_second
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        BenchCommand::Import {
            paths,
            runs,
            json,
            extract,
        } => {
            let bytes: u64 = paths.iter().map(dir_size).sum();
            let mut times = Vec::new();
            let mut articles = 0;
            for _ in 0..runs.max(1) {
                let dir =
                    std::env::temp_dir().join(format!("parallax-bench-{}", std::process::id()));
                std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
                let db = dir.join("bench.db");
                for suffix in ["", "-wal", "-shm"] {
                    let file = PathBuf::from(format!("{}{suffix}", db.display()));
                    if file.exists() {
                        std::fs::remove_file(&file).map_err(|e| Error::io(&file, e))?;
                    }
                }
                let mut store = Store::open(&db)?;
                let inputs: Vec<Input> = paths.iter().cloned().map(Input::Path).collect();
                let options = ImportOptions {
                    max_file_bytes: u64::MAX,
                    extract,
                    ..ImportOptions::new("2000-01-01T00:00:00Z")
                };
                let safeguards = parallax::ingest::Safeguards {
                    budget: parallax::ingest::Budget::unlimited(),
                    pdf_worker: None,
                };
                let start = Instant::now();
                let report = ingest::import_guarded(
                    &mut store,
                    &inputs,
                    &options,
                    &safeguards,
                    &mut |_| {},
                    &AtomicBool::new(false),
                )?;
                times.push(start.elapsed().as_secs_f64());
                articles = report.imported + report.duplicates;
                drop(store);
                std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            let best = times.iter().copied().fold(f64::INFINITY, f64::min);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let megabytes = bytes as f64 / 1e6;
            let result = ImportBench {
                runs: times.len() as u32,
                articles,
                megabytes,
                best_seconds: best,
                mean_seconds: mean,
                articles_per_second: articles as f64 / best,
                megabytes_per_second: megabytes / best,
            };
            if json {
                super::print_json(&result);
            } else {
                println!(
                    "{} articles, {:.1} MB: best {:.3} s, mean {:.3} s over {} runs → {:.0} articles/s, {:.1} MB/s",
                    result.articles,
                    result.megabytes,
                    best,
                    mean,
                    result.runs,
                    result.articles_per_second,
                    result.megabytes_per_second
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn dir_size(path: &PathBuf) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| dir_size(&e.path()))
                    .sum()
            })
            .unwrap_or(0),
        _ => 0,
    }
}
