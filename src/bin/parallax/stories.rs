//! `parallax stories`, `compare`, `coverage`, `story move|split|merge`,
//! `eval stories` and `bench cluster|compare`: the story commands.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Subcommand};
use parallax::stories::synthetic;
use parallax::{Error, Store, compare, eval};

use crate::output::{print_json, say, tell};

/// `parallax story …`.
#[derive(Subcommand)]
pub enum StoryAction {
    /// Move an article into another story.
    Move {
        /// Article id.
        article: i64,
        /// Target story id.
        story: i64,
    },
    /// Split the listed articles off a story into a new one.
    Split {
        /// Story id.
        story: i64,
        /// Article ids to split off.
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Merge the second story into the first.
    Merge {
        /// Story that remains.
        into: i64,
        /// Story merged into it.
        from: i64,
    },
}

/// `parallax eval stories DIR`.
#[derive(Args)]
pub struct EvalStoriesArgs {
    /// Folder holding articles.jsonl and gold.jsonl.
    pub dir: PathBuf,
    /// Make the corpus this many times larger (see `stories::synthetic`).
    #[arg(long, default_value_t = 1)]
    pub copies: usize,
    /// Story-level errors to print.
    #[arg(long, default_value_t = 10)]
    pub errors: usize,
    /// Print the evidence for this many wrongly split and wrongly merged pairs.
    #[arg(long, default_value_t = 0)]
    pub diagnose: usize,
    /// Join threshold (default: the built-in one).
    #[arg(long)]
    pub threshold: Option<f32>,
    #[arg(long)]
    pub json: bool,
}

/// `parallax eval compare`.
#[derive(Debug, clap::Args)]
pub struct EvalCompareArgs {
    /// Folders of close readings (`*.json`, compare-gold format version 1).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Folder the readings' `corpus` paths are relative to (default: the folder above the first DIR).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Misses, unsupported conflicts and false unique items to list.
    #[arg(long, default_value_t = 20)]
    pub errors: usize,
    /// Also write each story's comparison (`<file>.json` and `<file>.md`) into this folder.
    #[arg(long, value_name = "DIR")]
    pub comparisons: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

/// `parallax eval compare`.
pub fn eval_compare(args: EvalCompareArgs) -> Result<ExitCode, Error> {
    let result =
        parallax::eval::compare::evaluate(&args.dirs, args.corpus.as_deref(), args.errors)?;
    if let Some(folder) = &args.comparisons {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        for (file, comparison) in &result.comparisons {
            let json = folder.join(format!("{file}.json"));
            let text = serde_json::to_string_pretty(comparison).map_err(Error::from)?;
            std::fs::write(&json, text).map_err(|e| Error::io(&json, e))?;
            let md = folder.join(format!("{file}.md"));
            std::fs::write(&md, parallax::compare::markdown::render(comparison))
                .map_err(|e| Error::io(&md, e))?;
        }
    }
    if args.json {
        print_json(&result);
        return Ok(ExitCode::SUCCESS);
    }
    let percent = |r: &parallax::eval::compare::Ratio| {
        if r.total == 0 {
            "—".to_string()
        } else {
            format!("{:.2} ({}/{})", r.value, r.hit, r.total)
        }
    };
    let t = &result.total;
    println!("{:<26} {}", "recall", percent(&t.recall));
    println!("{:<26} {}", "conflict recall", percent(&t.conflict_recall));
    println!(
        "{:<26} {}",
        "conflict precision",
        percent(&t.conflict_precision)
    );
    for (section, ratio) in &t.conflict_precision_by_section {
        println!("  {:<24} {}", format!("from {section}"), percent(ratio));
    }
    println!(
        "{:<26} {}",
        "misattributed recall",
        percent(&t.misattributed_recall)
    );
    println!(
        "{:<26} {}",
        "misattributed precision",
        percent(&t.misattributed_precision)
    );
    println!(
        "{:<26} {}",
        "speaker accuracy",
        percent(&t.speaker_accuracy)
    );
    println!("{:<26} {}", "false unique share", percent(&t.false_unique));
    println!();
    println!("recall by kind/status:");
    for (class, ratio) in &t.by_class {
        println!("  {:<24} {}", class, percent(ratio));
    }
    println!();
    println!("per story: recall · conflicts P/R · speakers · false unique");
    for story in &result.stories {
        let s = &story.scores;
        println!(
            "  {:<22} {} · {} / {} · {} · {}",
            story.file,
            percent(&s.recall),
            percent(&s.conflict_precision),
            percent(&s.conflict_recall),
            percent(&s.speaker_accuracy),
            percent(&s.false_unique)
        );
    }
    if !result.errors.is_empty() {
        println!();
        for miss in &result.errors {
            println!(
                "  {} [{}] {}: {}",
                miss.story, miss.class, miss.what, miss.detail
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `parallax stories`.
/// Groups new articles into stories first, unless an import of this
/// archive is running: then the stories as last grouped are used (the
/// import's articles join them on the next call), rather than grouping a
/// half-imported archive or waiting for the import.
fn group_unless_importing(store: &mut Store, rebuild: bool) -> Result<(), Error> {
    if store.import_running()? {
        tell!("note: an import of this archive is running; showing the stories as last grouped");
        return Ok(());
    }
    // Nothing to place: no grouping run; and no reading of every story
    // (`update_stories` returns the list, which `compare` does not need
    // and `stories` reads itself).
    parallax::app::group_stories(store, rebuild)
}

pub fn list(store: &mut Store, rebuild: bool, json: bool) -> Result<ExitCode, Error> {
    group_unless_importing(store, rebuild)?;
    let stories = store.stories()?;
    if json {
        print_json(&stories);
    } else {
        say!(
            "{:>5}  {:<10}  {:<18}  {:>3}  {:>3}  {:>3}  title",
            "id",
            "date",
            "place",
            "art",
            "k",
            "i"
        );
        for s in &stories {
            let place: String = s
                .place
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default()
                .chars()
                .take(18)
                .collect();
            let title: String = s
                .title
                .clone()
                .unwrap_or_default()
                .chars()
                .take(70)
                .collect();
            say!(
                "{:>5}  {:<10}  {:<18}  {:>3}  {:>3}  {:>3}  {}{}",
                s.id,
                s.date.map(|d| d.to_string()).unwrap_or_default(),
                place,
                s.articles.len(),
                s.killed
                    .map(|k| k.to_string())
                    .unwrap_or_else(|| "-".into()),
                s.injured
                    .map(|k| k.to_string())
                    .unwrap_or_else(|| "-".into()),
                title,
                if s.pinned { "  [pinned]" } else { "" }
            );
        }
        say!("{} stories", stories.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// `parallax compare STORY`.
pub fn compare(store: &mut Store, story: i64, json: bool, md: bool) -> Result<ExitCode, Error> {
    group_unless_importing(store, false)?;
    // JSON when asked for; otherwise the Markdown report (`--md`, the
    // default), its articles cited at the end.
    if json && !md {
        print_json(&parallax::app::compare_story(store, story)?);
    } else {
        let report = parallax::research::comparison_report(store, story)?;
        print!("{}", crate::output::block(&report));
    }
    Ok(ExitCode::SUCCESS)
}

/// `parallax coverage`.
pub fn coverage(store: &mut Store, json: bool) -> Result<ExitCode, Error> {
    group_unless_importing(store, false)?;
    let coverage = store.coverage()?;
    if json {
        print_json(&coverage);
    } else {
        say!(
            "{:<40} {:>8} {:>6} {:>7}",
            "outlet",
            "stories",
            "first",
            "missed"
        );
        for o in &coverage.outlets {
            say!(
                "{:<40} {:>8} {:>6} {:>7}",
                o.source.chars().take(40).collect::<String>(),
                o.stories,
                o.first_reports,
                o.missed.len()
            );
        }
        println!();
        for s in &coverage.stories {
            let outlets: Vec<String> = s
                .outlets
                .iter()
                .map(|(name, date)| {
                    format!(
                        "{name} ({})",
                        date.map(|d| d.to_string())
                            .unwrap_or_else(|| "undated".into())
                    )
                })
                .collect();
            say!(
                "story {} {}: {}",
                s.story,
                s.title
                    .clone()
                    .unwrap_or_default()
                    .chars()
                    .take(60)
                    .collect::<String>(),
                outlets.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `parallax story move|split|merge`.
pub fn decide(store: &mut Store, action: StoryAction, json: bool) -> Result<ExitCode, Error> {
    let touched: Vec<i64> = match action {
        StoryAction::Move { article, story } => {
            parallax::app::move_article(store, article, story, &now())?;
            vec![story]
        }
        StoryAction::Split { story, articles } => {
            let new = parallax::app::split_story(store, story, &articles, &now())?;
            vec![story, new]
        }
        StoryAction::Merge { into, from } => {
            parallax::app::merge_stories(store, into, from, &now())?;
            vec![into]
        }
    };
    let stories: Vec<_> = touched
        .iter()
        .map(|id| store.story(*id))
        .collect::<Result<_, _>>()?;
    if json {
        print_json(&stories);
    } else {
        for s in &stories {
            say!("story {}: articles {:?} (pinned)", s.id, s.articles);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn replicate_gold(
    gold: &[parallax::eval::Incident],
    copies: usize,
) -> Vec<parallax::eval::Incident> {
    let mut out = Vec::new();
    for k in 0..copies.max(1) {
        for incident in gold {
            let mut incident = incident.clone();
            if k > 0 {
                incident.docs = incident.docs.iter().map(|d| format!("{d}#{k}")).collect();
            }
            incident.event_id = format!("{}#{k}", incident.event_id);
            out.push(incident);
        }
    }
    out
}

/// `parallax eval stories DIR`.
pub fn eval_stories(args: EvalStoriesArgs) -> Result<ExitCode, Error> {
    let start = Instant::now();
    let (articles, gold) = eval::stories::load(&args.dir)?;
    let extraction_seconds = start.elapsed().as_secs_f64();
    let articles = synthetic::replicate(&articles, args.copies);
    let gold = replicate_gold(&gold, args.copies);
    let threshold = args
        .threshold
        .unwrap_or(parallax::stories::cluster::JOIN_THRESHOLD);
    let result =
        eval::stories::evaluate_with_threshold(&articles, &gold, args.errors, threshold, &|| {
            start.elapsed()
        });
    if args.json {
        print_json(&result);
    } else {
        say!(
            "articles {} (extraction {:.2} s), gold incidents {}, stories {}",
            result.articles,
            extraction_seconds,
            result.incidents,
            result.stories
        );
        let (s, z, p) = (result.b_cubed, result.b_cubed_singletons, result.pairwise);
        say!(
            "B³       P {:.3} R {:.3} F1 {:.3}   (singletons F1 {:.3})",
            s.precision,
            s.recall,
            s.f1,
            z.f1
        );
        say!(
            "pairwise P {:.3} R {:.3} F1 {:.3}",
            p.precision,
            p.recall,
            p.f1
        );
        say!(
            "story date {:.1}%  city {:.1}% (in the gold state {:.1}%)  killed {:.1}%  injured {:.1}%",
            result.date * 100.0,
            result.city * 100.0,
            result.city_in_state * 100.0,
            result.killed * 100.0,
            result.injured * 100.0
        );
        say!("clustering {:.3} s", result.seconds);
        for e in &result.errors {
            say!("  {e}");
        }
        if args.diagnose > 0 {
            let drafts = parallax::stories::group_with_threshold(&articles, &[], threshold);
            for line in eval::stories::diagnose(&articles, &gold, &drafts, args.diagnose) {
                say!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Story benchmarks.
#[derive(Subcommand)]
pub enum StoryBench {
    /// Clustering time over 1×, 2×, 4×, 8× copies of a gva-style corpus (see `stories::synthetic`).
    Cluster {
        /// Folder with `articles.jsonl` and `gold.jsonl`.
        dir: PathBuf,
        /// Largest multiple.
        #[arg(long, default_value_t = 8)]
        max: usize,
        #[arg(long)]
        json: bool,
    },
    /// Time to compare one story of N articles made from the given files' extractions.
    Compare {
        /// Folder with `articles.jsonl` (gva layout) to draw articles from.
        dir: PathBuf,
        /// Articles in the story.
        #[arg(long, default_value_t = 50)]
        articles: usize,
        /// Runs; the best and the mean are reported.
        #[arg(long, default_value_t = 10)]
        runs: usize,
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

#[derive(serde::Serialize)]
struct CompareBench {
    articles: usize,
    runs: usize,
    best_milliseconds: f64,
    mean_milliseconds: f64,
}

/// `parallax bench cluster|compare`.
pub fn bench(what: StoryBench) -> Result<ExitCode, Error> {
    match what {
        StoryBench::Cluster { dir, max, json } => {
            let (articles, gold) = eval::stories::load(&dir)?;
            let mut points = Vec::new();
            for copies in [1usize, 2, 4, 8, 16]
                .into_iter()
                .filter(|c| *c <= max.max(1))
            {
                let copied = synthetic::replicate(&articles, copies);
                let start = Instant::now();
                let result =
                    eval::stories::evaluate(&copied, &replicate_gold(&gold, copies), 0, &|| {
                        start.elapsed()
                    });
                let point = GrowthPoint {
                    copies,
                    articles: copied.len(),
                    seconds: result.seconds,
                    microseconds_per_article: result.seconds * 1e6 / copied.len().max(1) as f64,
                    b_cubed_f1: result.b_cubed.f1,
                };
                if !json {
                    say!(
                        "{:>2}×  {:>6} articles  {:>7.3} s  {:>6.0} µs/article  B³ F1 {:.3}",
                        point.copies,
                        point.articles,
                        point.seconds,
                        point.microseconds_per_article,
                        point.b_cubed_f1
                    );
                }
                points.push(point);
            }
            if json {
                print_json(&points);
            }
            Ok(ExitCode::SUCCESS)
        }
        StoryBench::Compare {
            dir,
            articles: count,
            runs,
            json,
        } => {
            let (articles, _) = eval::stories::load(&dir)?;
            // The longest articles make the hardest story of that size.
            let mut chosen = articles;
            chosen.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.id.cmp(&b.id)));
            chosen.truncate(count.max(1));
            let story = parallax::stories::group_with_threshold(
                &chosen,
                &[chosen.iter().map(|a| a.id).collect()],
                0.0,
            )
            .into_iter()
            .next()
            .map(|d| d.summary)
            .ok_or_else(|| Error::InvalidArgument("no articles to compare".into()))?;
            let mut times = Vec::new();
            for _ in 0..runs.max(1) {
                let start = Instant::now();
                let comparison = compare::compare(&story, &chosen);
                times.push(start.elapsed().as_secs_f64() * 1000.0);
                if comparison.articles.len() != chosen.len() {
                    return Err(Error::InvalidArgument("comparison lost articles".into()));
                }
            }
            let best = times.iter().copied().fold(f64::INFINITY, f64::min);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let result = CompareBench {
                articles: chosen.len(),
                runs: times.len(),
                best_milliseconds: best,
                mean_milliseconds: mean,
            };
            if json {
                print_json(&result);
            } else {
                say!(
                    "compare {} articles: best {:.1} ms, mean {:.1} ms over {} runs",
                    result.articles,
                    best,
                    mean,
                    result.runs
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
