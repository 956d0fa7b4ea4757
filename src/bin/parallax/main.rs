//! The `parallax` command line: a thin layer over the core library.
//!
//! Every command has a `--json` form whose shape is documented in
//! `docs/cli-json.md`. Exit codes: 0 when everything worked, 1 when some
//! inputs were rejected (the rest was imported), 2 for usage or fatal errors.

mod bench;
mod extraction;
mod filter;
mod output;
mod research;
mod serve;
mod stories;
mod verdicts;
mod worker;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use parallax::ingest::{self, ImportOptions, Input, Safeguards};
use parallax::search::{self, SearchQuery};
use parallax::store::{ArticleFilter, ArticleSort};
use parallax::{Error, Store};

use output::{Failure, print_json};

/// mimalloc rather than the system's allocator: an import allocates per
/// token in extraction and per row in the writer, on several threads at
/// once, and glibc's malloc spent about a sixth of the import bench's CPU
/// (issue 16).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Offline archive and source comparison for news articles.
#[derive(Parser)]
#[command(name = "parallax", version, about, propagate_version = true)]
struct Cli {
    /// Archive file (default: the OS data directory, e.g. ~/.local/share/parallax/archive.db).
    #[arg(long, global = true, env = "PARALLAX_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files, folders (recursively) or `-` (standard input).
    Import(ImportArgs),
    /// List articles.
    Articles(ArticlesArgs),
    /// Show one article, by id or external id.
    Show {
        /// Archive id or external id.
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search (FTS5 syntax: "phrase", prefix*, AND/OR/NOT, NEAR(a b, 5), title:word).
    Search(SearchArgs),
    /// List outlets, or rename one.
    Sources {
        #[command(subcommand)]
        action: Option<SourcesAction>,
        #[arg(long)]
        json: bool,
    },
    /// Archive totals.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Check the archive: SQLite integrity and every extracted span against its article text.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Import history.
    Batches {
        /// How many of the latest runs to show.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Run extraction on articles not yet extracted by this version (or all);
    /// with --stdin-jsonl, a filter from article records to extracted lines.
    Extract {
        /// Re-extract every article and recompute automatic entity aliases.
        #[arg(long, conflicts_with = "stdin_jsonl")]
        all: bool,
        /// No archive: read JSON Lines article records on standard input and
        /// write one line per record (its extraction, MinHash, blocking keys,
        /// or why it is no article) to standard output, for `import --extracted`.
        #[arg(long)]
        stdin_jsonl: bool,
        /// With --stdin-jsonl: the file name the records' origins carry.
        #[arg(long, requires = "stdin_jsonl", default_value = "<stdin>")]
        path: String,
        /// With --stdin-jsonl: each line is {"path", "line", "record"}, the
        /// record's line as a string with where it was read (a slice of many files).
        #[arg(long, requires = "stdin_jsonl")]
        envelope: bool,
        /// With --stdin-jsonl: outlet name for every article, overriding the records'.
        #[arg(long, requires = "stdin_jsonl")]
        source: Option<String>,
        /// With --stdin-jsonl: longest line read, in megabytes.
        #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_SIZE_MB, requires = "stdin_jsonl")]
        max_size: u64,
        #[arg(long, conflicts_with = "stdin_jsonl")]
        json: bool,
    },
    /// Canonical entities with their aliases, kinds and article counts.
    Entities {
        /// Only this kind: person, organisation, place, group.
        #[arg(long)]
        kind: Option<String>,
        /// Most mentioned first; how many.
        #[arg(long, default_value_t = 100)]
        limit: u64,
        #[arg(long)]
        json: bool,
    },
    /// Merge, split or rename entities (decisions survive re-extraction).
    Entity {
        #[command(subcommand)]
        action: extraction::EntityAction,
        #[arg(long)]
        json: bool,
    },
    /// Export every article with its extraction.
    Export {
        /// jsonl (one article per line) or csv.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: extraction::FormatArg,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Score extraction against gold data (e.g. ../shared/corpus/gva-dev).
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Stories: articles grouped by the event they report (updated on each call).
    Stories {
        /// Regroup every article from scratch (user decisions are kept).
        #[arg(long)]
        rebuild: bool,
        #[arg(long)]
        json: bool,
    },
    /// Compare the articles of one story claim by claim.
    Compare {
        /// Story id (see `parallax stories`).
        story: i64,
        #[arg(long)]
        json: bool,
        /// Markdown report.
        #[arg(long)]
        md: bool,
    },
    /// Which outlets covered which stories, and when each first reported.
    Coverage {
        #[arg(long)]
        json: bool,
    },
    /// Move an article, split or merge stories (decisions survive re-runs).
    Story {
        #[command(subcommand)]
        action: stories::StoryAction,
        #[arg(long)]
        json: bool,
    },
    /// Mark comparison findings confirmed or wrong, list verdicts (kept across re-runs and regrouping).
    Verdict {
        #[command(subcommand)]
        action: verdicts::VerdictAction,
    },
    /// Tag articles and stories; list, rename, merge and delete tags.
    Tag {
        #[command(subcommand)]
        action: research::TagAction,
        #[arg(long, global = true)]
        json: bool,
    },
    /// Named, ordered sets of articles and stories.
    Collection {
        #[command(subcommand)]
        action: research::CollectionAction,
        #[arg(long, global = true)]
        json: bool,
    },
    /// Notes and highlights on articles, passages, stories and findings.
    Note {
        #[command(subcommand)]
        action: research::NoteAction,
        #[arg(long, global = true)]
        json: bool,
    },
    /// Cite articles (by id or external id, a collection's or a story's) as CSL-JSON, BibTeX, RIS or text.
    Cite {
        /// Articles.
        ids: Vec<String>,
        /// csl-json, bibtex, ris, or text (Chicago author-date).
        #[arg(long, value_enum, default_value = "csl-json")]
        format: research::CiteFormat,
        /// Every article of this collection, in its order.
        #[arg(long)]
        collection: Option<String>,
        /// Every article of this story.
        #[arg(long)]
        story: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Delete articles (by id or external id), or with --batch the articles an import created.
    Delete {
        /// Articles.
        ids: Vec<String>,
        /// An import batch (see `parallax imports`).
        #[arg(long)]
        batch: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Import history with each batch's failed files and warnings.
    Imports {
        /// How many of the latest runs to show.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Import again the files batch N failed on (those still on disk).
        #[arg(long, value_name = "N")]
        retry: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Serve the UI and the archive over HTTP on loopback (prints the URL with its token).
    Serve(serve::ServeArgs),
    /// Benchmarks.
    Bench {
        #[command(subcommand)]
        what: bench::BenchCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Comparison against close readings (compare-gold format): recall per kind and
    /// status, conflict and misattribution precision/recall, speaker accuracy, false unique.
    Compare(stories::EvalCompareArgs),
    /// Story clustering (B³, pairwise) and story-level date/city/killed/injured on a GVA corpus folder.
    Stories(stories::EvalStoriesArgs),
    /// Article-level main-event accuracy on a GVA corpus folder (articles.jsonl + gold.jsonl).
    Gva {
        /// Folder holding articles.jsonl and gold.jsonl.
        dir: PathBuf,
        /// Misses to list per field.
        #[arg(long, default_value_t = 5)]
        errors: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum SourcesAction {
    /// Give an outlet a new name (kept by later imports).
    Rename {
        /// Outlet id (see `parallax sources`).
        id: i64,
        /// New name.
        name: String,
    },
}

/// Largest file an import accepts unless told otherwise, in megabytes.
const DEFAULT_MAX_SIZE_MB: u64 = 50;

#[derive(Args)]
struct ImportArgs {
    /// Files or folders; `-` reads one document from standard input.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Outlet name for every imported article, overriding what the inputs say.
    #[arg(long)]
    source: Option<String>,
    /// Largest file accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_SIZE_MB)]
    max_size: u64,
    /// Store articles without running extraction (run `parallax extract` later).
    #[arg(long)]
    no_extract: bool,
    /// The paths are output of `parallax extract --stdin-jsonl`: store its
    /// articles and extractions without extracting again (extractor version
    /// and every span checked), then group stories.
    #[arg(long, conflicts_with_all = ["source", "no_extract"])]
    extracted: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args, Clone, Default)]
struct FilterArgs {
    /// Only these outlets (name or domain; repeatable).
    #[arg(long = "source", value_name = "NAME")]
    sources: Vec<String>,
    /// Published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Only these languages (ISO 639-1 code; repeatable).
    #[arg(long = "language", value_name = "CODE")]
    languages: Vec<String>,
    /// Only articles with this tag, or in a story with it (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Only articles in this collection, or in a story in it (repeatable).
    #[arg(long = "collection", value_name = "NAME")]
    collections: Vec<String>,
}

impl FilterArgs {
    fn filter(&self) -> ArticleFilter {
        ArticleFilter {
            sources: self.sources.clone(),
            from: self.from,
            to: self.to,
            languages: self.languages.clone(),
            tags: self.tags.clone(),
            collections: self.collections.clone(),
            ..ArticleFilter::default()
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Published,
    Oldest,
    Title,
    Source,
    Imported,
}

#[derive(Args)]
struct ArticlesArgs {
    #[command(flatten)]
    filter: FilterArgs,
    /// Order.
    #[arg(long, value_enum, default_value = "published")]
    sort: SortArg,
    /// Rows per page.
    #[arg(long, default_value_t = 50)]
    limit: u64,
    /// Rows to skip (reads the list up to there: prefer `--after`).
    #[arg(long, default_value_t = 0, conflicts_with = "after")]
    offset: u64,
    /// The page after the one whose `next` token this is (as printed by
    /// the page before): read straight off the order's index.
    #[arg(long, value_name = "TOKEN")]
    after: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct SearchArgs {
    /// Saved searches (to search for the word "save" or "saved", write `search -- save`).
    #[command(subcommand)]
    saved: Option<research::SavedSearchAction>,
    /// FTS5 query.
    #[arg(required = true)]
    query: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Results per page.
    #[arg(long, default_value_t = 20)]
    limit: u64,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    page: u64,
    #[arg(long, global = true)]
    json: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

fn main() -> ExitCode {
    // A child process reading one PDF for an import (see `worker`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == worker::PDF_WORKER_ARG)
    {
        return ExitCode::from(u8::try_from(worker::run_pdf_worker()).unwrap_or(1));
    }
    // Behave like other Unix tools when output is piped into `head`: exit
    // quietly on a closed pipe instead of panicking in `println!`.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread
    // starts; no Rust code relies on SIGPIPE being ignored.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let json = cli.command.wants_json();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            if json {
                print_json(&Failure::from(&error));
            }
            output::tell!("error: {error}");
            ExitCode::from(2)
        }
    }
}

impl Command {
    fn wants_json(&self) -> bool {
        match self {
            Command::Import(a) => a.json,
            Command::Articles(a) => a.json,
            Command::Search(a) => a.json,
            Command::Show { json, .. }
            | Command::Sources { json, .. }
            | Command::Stats { json }
            | Command::Verify { json }
            | Command::Batches { json, .. } => *json,
            Command::Extract {
                stdin_jsonl: false,
                json,
                ..
            }
            | Command::Entities { json, .. }
            | Command::Entity { json, .. } => *json,
            Command::Eval {
                what: EvalCommand::Gva { json, .. },
            } => *json,
            Command::Eval {
                what: EvalCommand::Stories(a),
            } => a.json,
            Command::Eval {
                what: EvalCommand::Compare(a),
            } => a.json,
            Command::Stories { json, .. }
            | Command::Coverage { json }
            | Command::Story { json, .. } => *json,
            Command::Compare { json, .. } => *json,
            Command::Verdict { action } => action.json(),
            Command::Tag { json, .. }
            | Command::Collection { json, .. }
            | Command::Note { json, .. }
            | Command::Cite { json, .. }
            | Command::Delete { json, .. }
            | Command::Imports { json, .. } => *json,
            Command::Extract {
                stdin_jsonl: true, ..
            }
            | Command::Bench { .. }
            | Command::Export { .. }
            | Command::Serve(_) => false,
        }
    }
}

fn archive_path(db: Option<PathBuf>) -> Result<PathBuf, Error> {
    db.or_else(parallax::store::default_path).ok_or_else(|| {
        Error::InvalidArgument(
            "no data directory found for the default archive; pass --db PATH".into(),
        )
    })
}

/// Opens the archive for a command that writes (creating or migrating it).
fn open(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open(&archive_path(db)?)
}

/// Opens the archive for a command that only reads: read-only, so it never
/// waits for or disturbs an import running in another process.
fn open_reading(db: Option<PathBuf>) -> Result<Store, Error> {
    Store::open_for_reading(&archive_path(db)?)
}

/// Opens the archive read-only for a command that only reads, else for writing.
fn open_for(db: Option<PathBuf>, reads_only: bool) -> Result<Store, Error> {
    if reads_only {
        open_reading(db)
    } else {
        open(db)
    }
}

/// The current time, read once here at the edge and passed into the core.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Import(args) => import(cli.db, args),
        Command::Articles(args) => {
            let store = open_reading(cli.db)?;
            let sort = match args.sort {
                SortArg::Published => ArticleSort::Published,
                SortArg::Oldest => ArticleSort::PublishedAsc,
                SortArg::Title => ArticleSort::Title,
                SortArg::Source => ArticleSort::Source,
                SortArg::Imported => ArticleSort::Imported,
            };
            let after = args
                .after
                .as_deref()
                .map(parallax::store::PageToken::decode)
                .transpose()?;
            let page = store.articles_page(
                &args.filter.filter(),
                sort,
                after.as_ref(),
                args.offset,
                args.limit,
            )?;
            if args.json {
                print_json(&page);
            } else {
                output::articles(&page);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let store = open_reading(cli.db)?;
            let article = store.find_article(&id)?;
            let occurrences = store.occurrences(article.id)?;
            let near = store.near_duplicates(article.id)?;
            let record = parallax::export::ArticleRecord::load(&store, article.id)?;
            let research = output::Research {
                tags: store.tags_of_article(article.id)?,
                notes: store.notes(parallax::store::NoteScope::Article(article.id))?,
                citation: parallax::research::cite_as_text(&store, article.id)?,
            };
            if json {
                print_json(&output::ArticleDetail::new(
                    record,
                    occurrences,
                    near,
                    research,
                ));
            } else {
                output::article(&record, &occurrences, &near, &research);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(SearchArgs {
            saved: Some(action),
            json,
            ..
        }) => research::saved_search(&mut open_for(cli.db, action.reads_only())?, action, json),
        Command::Search(args) => {
            let store = open_reading(cli.db)?;
            let limit = args.limit.max(1);
            let request = SearchQuery {
                query: args.query.clone().unwrap_or_default(),
                filter: args.filter.filter(),
                offset: (args.page.max(1) - 1) * limit,
                limit,
            };
            let page = search::search(&store, &request)?;
            if args.json {
                print_json(&page);
            } else {
                output::hits(&page);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { action, json } => {
            let sources = match action {
                Some(SourcesAction::Rename { id, name }) => {
                    let mut store = open(cli.db)?;
                    store.rename_source(id, &name)?;
                    store.sources()?
                }
                None => open_reading(cli.db)?.sources()?,
            };
            if json {
                print_json(&sources);
            } else {
                output::sources(&sources);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { json } => {
            let store = open_reading(cli.db)?;
            let stats = store.stats()?;
            if json {
                print_json(&stats);
            } else {
                output::stats(&stats, store.path());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { json } => {
            let store = open_reading(cli.db)?;
            let integrity = store.integrity_check()?;
            let spans = store.verify_spans()?;
            let sound = integrity == ["ok"] && spans.mismatch_count == 0;
            if json {
                print_json(
                    &serde_json::json!({ "integrity": integrity, "spans": spans, "ok": sound }),
                );
            } else {
                output::say!("integrity: {}", integrity.join("; "));
                output::say!(
                    "spans: {} checked in {} articles, {} mismatched",
                    spans.spans,
                    spans.articles,
                    spans.mismatch_count
                );
                for m in &spans.mismatches {
                    output::say!(
                        "  article {} {} {}:{}-{}: stored {:?}, text has {:?}",
                        m.article,
                        m.item,
                        m.field,
                        m.start,
                        m.end,
                        m.stored,
                        m.actual
                    );
                }
            }
            Ok(if sound {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Batches { limit, json } => {
            let store = open_reading(cli.db)?;
            let batches = store.batches(limit)?;
            if json {
                print_json(&batches);
            } else {
                output::batches(&batches);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: EvalCommand::Stories(args),
        } => stories::eval_stories(args),
        Command::Eval {
            what: EvalCommand::Compare(args),
        } => stories::eval_compare(args),
        Command::Stories { rebuild, json } => stories::list(&mut open(cli.db)?, rebuild, json),
        Command::Compare { story, json, md } => {
            stories::compare(&mut open(cli.db)?, story, json, md)
        }
        Command::Coverage { json } => stories::coverage(&mut open(cli.db)?, json),
        Command::Story { action, json } => stories::decide(&mut open(cli.db)?, action, json),
        Command::Verdict { action } => verdicts::run(&mut open(cli.db)?, action),
        Command::Extract {
            stdin_jsonl: true,
            path,
            envelope,
            source,
            max_size,
            ..
        } => filter::run(&filter::FilterOptions {
            path,
            envelope,
            source,
            max_line_bytes: max_size.saturating_mul(1024 * 1024),
        }),
        Command::Extract { all, json, .. } => extraction::extract(&mut open(cli.db)?, all, json),
        Command::Entities { kind, limit, json } => {
            extraction::entities(&open_reading(cli.db)?, kind.as_deref(), limit, json)
        }
        Command::Entity { action, json } => extraction::entity(&mut open(cli.db)?, action, json),
        Command::Export { format, output } => {
            extraction::export(&open_reading(cli.db)?, format, output)
        }
        Command::Eval {
            what: EvalCommand::Gva { dir, errors, json },
        } => {
            let (store, gold) = parallax::eval::load_corpus(&dir)?;
            let scores = parallax::eval::score_extraction(&store, &gold, errors)?;
            if json {
                print_json(&scores);
            } else {
                output::eval_scores(&scores);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Tag { action, json } => {
            research::tag(&mut open_for(cli.db, action.reads_only())?, action, json)
        }
        Command::Collection { action, json } => {
            research::collection(&mut open_for(cli.db, action.reads_only())?, action, json)
        }
        Command::Note { action, json } => {
            research::note(&mut open_for(cli.db, action.reads_only())?, action, json)
        }
        Command::Cite {
            ids,
            format,
            collection,
            story,
            json,
        } => research::cite(
            // Citing a story brings its grouping up to date first.
            &mut open_for(cli.db, story.is_none())?,
            &ids,
            collection.as_deref(),
            story,
            format,
            json,
        ),
        Command::Delete { ids, batch, json } => {
            research::delete(&mut open(cli.db)?, &ids, batch, json)
        }
        Command::Imports {
            retry: Some(batch),
            json,
            ..
        } => {
            // Relative paths were recorded as typed where that import ran;
            // they are looked for from here, as `import` would read them.
            let here = std::env::current_dir().map_err(|e| Error::io(".", e))?;
            let plan = parallax::research::retry_paths(
                &open_reading(cli.db.clone())?,
                batch,
                Some(&here),
            )?;
            for missing in &plan.missing {
                output::tell!("not retried, no longer a file: {missing}");
            }
            if plan.paths.is_empty() {
                return Err(Error::InvalidArgument(format!(
                    "batch {batch} has no failed file left to retry"
                )));
            }
            import(
                cli.db,
                ImportArgs {
                    paths: plan.paths,
                    source: None,
                    max_size: DEFAULT_MAX_SIZE_MB,
                    no_extract: false,
                    extracted: false,
                    json,
                },
            )
        }
        Command::Imports { limit, json, .. } => {
            research::imports(&open_reading(cli.db)?, limit, json)
        }
        Command::Serve(args) => serve::run(archive_path(cli.db)?, args),
        Command::Bench { what } => bench::run(what),
    }
}

fn import(db: Option<PathBuf>, args: ImportArgs) -> Result<ExitCode, Error> {
    let mut store = open(db)?;
    let max_file_bytes = args.max_size.saturating_mul(1024 * 1024);
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path == "-" {
            // One byte over the cap is enough for the import to refuse it.
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
            inputs.push(Input::Bytes {
                name: "<stdin>".into(),
                bytes,
            });
        } else {
            inputs.push(Input::Path(PathBuf::from(path)));
        }
    }
    let options = ImportOptions {
        source: args.source.clone(),
        max_file_bytes,
        extract: !args.no_extract,
        ..ImportOptions::new(now())
    };
    let safeguards = Safeguards {
        pdf_worker: worker::pdf_worker(),
        ..Safeguards::default()
    };
    let bar = output::progress_bar(std::io::stderr().is_terminal());
    let cancel = AtomicBool::new(false);
    let mut progress = |p: &ingest::Progress| {
        if p.waiting {
            eprintln!(
                "another import of this archive is running; waiting for it to finish (Ctrl-C to give up)"
            );
        }
        output::update_bar(&bar, p)
    };
    let report = if args.extracted {
        let report = ingest::extracted::import_extracted(
            &mut store,
            &inputs,
            &options,
            &mut progress,
            &cancel,
        )?;
        // The merge's articles are grouped at once: the stories are the
        // point of gathering a distributed run's output in one archive.
        parallax::app::update_stories(&mut store, false)?;
        report
    } else {
        ingest::import_guarded(
            &mut store,
            &inputs,
            &options,
            &safeguards,
            &mut progress,
            &cancel,
        )?
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.json {
        print_json(&report);
    } else {
        output::import_report(&report);
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
