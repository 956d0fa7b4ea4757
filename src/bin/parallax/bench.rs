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
        BenchCommand::Import { paths, runs, json, extract } => {
            let bytes: u64 = paths.iter().map(|p| dir_size(p)).sum();
            let mut times = Vec::new();
            let mut articles = 0;
            for _ in 0..runs.max(1) {
                let dir = std::env::temp_dir().join(format!("parallax-bench-{}", std::process::id()));
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
                let options = ImportOptions { source: None, max_file_bytes: u64::MAX, now: "2000-01-01T00:00:00Z".into(), extract };
                let start = Instant::now();
                let report = ingest::import(&mut store, &inputs, &options, &mut |_| {}, &AtomicBool::new(false))?;
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
                    result.articles, result.megabytes, best, mean, result.runs, result.articles_per_second, result.megabytes_per_second
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
            .map(|entries| entries.filter_map(|e| e.ok()).map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0),
        _ => 0,
    }
}
