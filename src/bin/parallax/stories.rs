//! `parallax stories`, `compare`, `coverage`, `story move|split|merge`,
//! `eval-stories` and `bench cluster|compare`: the story commands.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;
use parallax::Error;
use parallax::stories::{evaluation, synthetic};

use crate::output::print_json;

/// `parallax eval-stories DIR`.
pub fn eval_stories(dir: PathBuf, copies: usize, errors: usize, diagnose: usize, threshold: Option<f32>, json: bool) -> Result<ExitCode, Error> {
    let start = Instant::now();
    let (articles, gold) = evaluation::load(&dir)?;
    let extraction_seconds = start.elapsed().as_secs_f64();
    let (articles, gold) = if copies > 1 {
        let copied = synthetic::replicate(&articles, copies);
        let mut gold_copies = Vec::new();
        for k in 0..copies {
            for incident in &gold {
                let mut incident = incident.clone();
                incident.event_id = format!("{}#{k}", incident.event_id);
                if k > 0 {
                    incident.docs = incident.docs.iter().map(|d| format!("{d}#{k}")).collect();
                }
                gold_copies.push(incident);
            }
        }
        (copied, gold_copies)
    } else {
        (articles, gold)
    };
    let threshold = threshold.unwrap_or(parallax::stories::cluster::JOIN_THRESHOLD);
    let result = evaluation::evaluate_with_threshold(&articles, &gold, errors, threshold);
    if json {
        print_json(&result);
    } else {
        println!("articles {} (extraction {:.2} s), gold incidents {}, stories {}", result.articles, extraction_seconds, result.incidents, result.stories);
        let s = result.b_cubed;
        let z = result.b_cubed_singletons;
        let p = result.pairwise;
        println!("B³       P {:.3} R {:.3} F1 {:.3}   (singletons F1 {:.3})", s.precision, s.recall, s.f1, z.f1);
        println!("pairwise P {:.3} R {:.3} F1 {:.3}", p.precision, p.recall, p.f1);
        println!(
            "story date {:.1}%  city {:.1}%  killed {:.1}%  injured {:.1}%",
            result.date * 100.0,
            result.city * 100.0,
            result.killed * 100.0,
            result.injured * 100.0
        );
        println!("clustering {:.3} s", result.seconds);
        for e in &result.errors {
            println!("  {e}");
        }
        if diagnose > 0 {
            let drafts = parallax::stories::group_with_threshold(&articles, &[], threshold);
            for line in evaluation::diagnose(&articles, &gold, &drafts, diagnose) {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Story benchmarks.
#[derive(Subcommand)]
pub enum StoryBench {
    /// Clustering time over 1×…N× copies of a gva-style corpus (see `stories::synthetic`).
    Cluster {
        /// Directory with `articles.jsonl` and `gold.jsonl`.
        dir: PathBuf,
        /// Largest multiple.
        #[arg(long, default_value_t = 8)]
        max: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(serde::Serialize)]
struct GrowthPoint {
    copies: usize,
    articles: usize,
    seconds: f64,
    microseconds_per_article: f64,
    b_cubed_f1: f64,
}

/// `parallax bench cluster`.
pub fn bench(what: StoryBench) -> Result<ExitCode, Error> {
    match what {
        StoryBench::Cluster { dir, max, json } => {
            let (articles, gold) = evaluation::load(&dir)?;
            let mut points = Vec::new();
            for copies in [1usize, 2, 4, 8, 16].into_iter().filter(|c| *c <= max.max(1)) {
                let copied = synthetic::replicate(&articles, copies);
                let mut gold_copies = Vec::new();
                for k in 0..copies {
                    for incident in &gold {
                        let mut incident = incident.clone();
                        if k > 0 {
                            incident.docs = incident.docs.iter().map(|d| format!("{d}#{k}")).collect();
                        }
                        incident.event_id = format!("{}#{k}", incident.event_id);
                        gold_copies.push(incident);
                    }
                }
                let result = evaluation::evaluate(&copied, &gold_copies, 0);
                let point = GrowthPoint {
                    copies,
                    articles: copied.len(),
                    seconds: result.seconds,
                    microseconds_per_article: result.seconds * 1e6 / copied.len().max(1) as f64,
                    b_cubed_f1: result.b_cubed.f1,
                };
                if !json {
                    println!(
                        "{:>2}×  {:>6} articles  {:>7.3} s  {:>6.0} µs/article  B³ F1 {:.3}",
                        point.copies, point.articles, point.seconds, point.microseconds_per_article, point.b_cubed_f1
                    );
                }
                points.push(point);
            }
            if json {
                print_json(&points);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
