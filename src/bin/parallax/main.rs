//! The `parallax` command line: a thin layer over the core library.
//!
//! Every command has a `--json` form whose shape is documented in
//! `docs/cli-json.md`. Exit codes: 0 when everything worked, 1 when some
//! inputs were rejected (the rest was imported), 2 for usage or fatal errors.

mod bench;
mod commands;
mod extraction;
mod filter;
mod import;
mod output;
mod research;
mod serve;
mod stories;
mod verdicts;
mod worker;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use parallax::search::{self, SearchQuery};
use parallax::store::ArticleSort;
use parallax::{Error, Store};

use commands::{
    Command, DEFAULT_MAX_SIZE_MB, EvalCommand, FilterArgs, ImportArgs, SearchArgs, SortArg,
    SourcesAction,
};
use import::import;
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
