//! `parallax bench …`: measured throughput of the real code paths, for the
//! figures reported in issues and the README. Not a test: it asserts nothing.

mod archive_files;
mod corpus;
mod import;
mod meter;
mod scale;
mod story_update;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use parallax::Error;
use serde::Serialize;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Import files into a fresh archive on disk: wall and CPU time, each
    /// stage's CPU (articles per CPU-second), at each core count asked for.
    Import {
        /// Files or folders to import.
        #[arg(required_unless_present = "synthetic")]
        paths: Vec<PathBuf>,
        /// Import a corpus made from this gva-style folder's
        /// `articles.jsonl` by the synthetic transformation (copies with
        /// their own names, rare words and dates) instead of PATHS.
        #[arg(long, value_name = "DIR")]
        synthetic: Option<PathBuf>,
        /// Articles in the synthetic corpus (4,816: the held-out split's size).
        #[arg(long, default_value_t = 4816)]
        articles: usize,
        /// Also run extraction on every article (off by default: this measures
        /// the archive core).
        #[arg(long)]
        extract: bool,
        /// Then group the archive into stories, as `parallax stories` does.
        #[arg(long)]
        stories: bool,
        /// Core counts to run at (the process is pinned to that many cores),
        /// e.g. `1,2`; the default is every core.
        #[arg(long, value_delimiter = ',')]
        cores: Vec<usize>,
        /// Runs at each core count; the fastest is reported.
        #[arg(long, default_value_t = 3)]
        runs: u32,
        /// The writer's page cache while importing, in MiB (0: SQLite's default).
        #[arg(long, default_value_t = parallax::store::IMPORT_PAGE_CACHE_MIB)]
        page_cache_mib: u32,
        /// WAL pages between checkpoints while importing (0: SQLite's default).
        #[arg(long, default_value_t = parallax::store::IMPORT_CHECKPOINT_PAGES)]
        checkpoint_pages: u32,
        #[arg(long)]
        json: bool,
    },
    /// Search, browsing and facet counts at the size of a real archive:
    /// builds (or reuses) an archive of N articles made from gva-dev, then
    /// times each query class in process and from the CLI, the Library's
    /// first and a deep page, and the facet counts.
    Scale {
        /// Articles in the archive.
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// The gva-style folder whose `articles.jsonl` the corpus is made from.
        #[arg(long, value_name = "DIR", default_value = "../shared/corpus/gva-dev")]
        corpus: PathBuf,
        /// Where archives and corpora are kept between runs (default: a
        /// `parallax-bench-scale` folder in the system's temporary folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Import with extraction (off by default: searching and browsing
        /// do not read extraction rows, and it multiplies the build time).
        #[arg(long)]
        extract: bool,
        /// Timed repetitions per query class.
        #[arg(long, default_value_t = 20)]
        repetitions: usize,
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
    /// Story grouping at the size of a real archive: imports (once) an
    /// archive of N articles made from gva-dev, less the last `--new`, with
    /// extraction; then times the first grouping, a full regrouping with
    /// the sketches kept, and the story update after importing the rest.
    Stories {
        /// Articles in the archive, the new ones included.
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Articles imported after the grouping, before the update.
        #[arg(long, default_value_t = 1000)]
        new: usize,
        /// The gva-style folder whose `articles.jsonl` the corpus is made from.
        #[arg(long, value_name = "DIR", default_value = "../shared/corpus/gva-dev")]
        corpus: PathBuf,
        /// Where archives and corpora are kept between runs (default: the
        /// scale bench's `parallax-bench-scale` folder in the system's
        /// temporary folder, whose corpora it shares).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Update runs, each on a fresh copy; every one is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        #[arg(long)]
        json: bool,
    },
    /// Story benchmarks: clustering growth.
    #[command(flatten)]
    Story(crate::stories::StoryBench),
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

pub fn run(command: BenchCommand) -> Result<ExitCode, Error> {
    match command {
        BenchCommand::Story(what) => crate::stories::bench(what),
        BenchCommand::Stories {
            articles,
            new,
            corpus,
            dir,
            runs,
            json,
        } => {
            let plan = story_update::Plan {
                articles,
                new,
                corpus,
                folder: dir.unwrap_or_else(|| std::env::temp_dir().join("parallax-bench-scale")),
                runs,
            };
            let figures = story_update::run(&plan, !json)?;
            if json {
                super::print_json(&figures);
            } else {
                story_update::print(&figures);
            }
            Ok(ExitCode::SUCCESS)
        }
        BenchCommand::Scale {
            articles,
            corpus,
            dir,
            extract,
            repetitions,
            json,
        } => {
            let plan = scale::Plan {
                articles,
                corpus,
                folder: dir.unwrap_or_else(|| std::env::temp_dir().join("parallax-bench-scale")),
                extract,
                repetitions,
            };
            let figures = scale::run(&plan, !json)?;
            if json {
                super::print_json(&figures);
            } else {
                scale::print(&figures);
            }
            Ok(ExitCode::SUCCESS)
        }
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
                let (start, cpu) = (Instant::now(), meter::thread_cpu_seconds());
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
                best_cpu = best_cpu.min(meter::thread_cpu_seconds() - cpu);
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
            synthetic,
            articles,
            extract,
            stories,
            cores,
            runs,
            page_cache_mib,
            checkpoint_pages,
            json,
        } => {
            let scratch =
                std::env::temp_dir().join(format!("parallax-bench-{}", std::process::id()));
            std::fs::create_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
            let inputs = match synthetic {
                Some(dir) => {
                    let file = scratch.join(format!("synthetic-{articles}.jsonl"));
                    let written = corpus::build(&dir.join("articles.jsonl"), &file, articles)?;
                    if !json {
                        println!(
                            "synthetic corpus: {written} articles from {}",
                            dir.display()
                        );
                    }
                    vec![file]
                }
                None => paths,
            };
            let megabytes = inputs.iter().map(dir_size).sum::<u64>() as f64 / 1e6;
            let cores = if cores.is_empty() {
                vec![std::thread::available_parallelism().map_or(1, |n| n.get())]
            } else {
                cores
            };
            let plan = import::Plan {
                inputs,
                extract,
                stories,
                runs,
                cores,
                session: parallax::store::SessionSettings {
                    page_cache_mib,
                    checkpoint_pages,
                },
                scratch: scratch.clone(),
            };
            let figures = import::run(&plan, megabytes);
            std::fs::remove_dir_all(&scratch).map_err(|e| Error::io(&scratch, e))?;
            let figures = figures?;
            if json {
                super::print_json(&figures);
            } else {
                print_import(&figures);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_import(figures: &import::ImportFigures) {
    for at in &figures.at {
        println!(
            "{} core{}: {} articles, {:.1} MB; import {:.2} s wall, {:.2} s CPU; stories {:.2} s wall, {:.2} s CPU; total {:.2} s wall, {:.2} s CPU ({:.0} articles per CPU-second); runs {}",
            at.cores,
            if at.cores == 1 { "" } else { "s" },
            at.articles,
            figures.megabytes,
            at.import_wall_seconds,
            at.import_cpu_seconds,
            at.stories_wall_seconds,
            at.stories_cpu_seconds,
            at.total_wall_seconds,
            at.total_cpu_seconds,
            at.articles_per_cpu_second,
            at.wall_seconds
                .iter()
                .map(|s| format!("{s:.2}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for stage in &at.stages {
            println!(
                "    {:<18} {:>7.2} CPU-s  {:>8.0} articles per CPU-second",
                stage.stage, stage.cpu_seconds, stage.articles_per_cpu_second
            );
        }
    }
    if let Some(speed_up) = figures.speed_up {
        println!("speed-up from fewest to most cores: {speed_up:.2}×");
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
