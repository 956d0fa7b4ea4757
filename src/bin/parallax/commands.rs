//! The command line's grammar: every command, its arguments and flags (as
//! clap reads them), and whether it answers in JSON.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use parallax::store::ArticleFilter;

use crate::{bench, extraction, research, serve, stories, verdicts};

#[derive(Subcommand)]
pub(crate) enum Command {
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
pub(crate) enum EvalCommand {
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
pub(crate) enum SourcesAction {
    /// Give an outlet a new name (kept by later imports).
    Rename {
        /// Outlet id (see `parallax sources`).
        id: i64,
        /// New name.
        name: String,
    },
}

/// Largest file an import accepts unless told otherwise, in megabytes.
pub(crate) const DEFAULT_MAX_SIZE_MB: u64 = 50;

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// Files or folders; `-` reads one document from standard input.
    #[arg(required = true)]
    pub(crate) paths: Vec<String>,
    /// Outlet name for every imported article, overriding what the inputs say.
    #[arg(long)]
    pub(crate) source: Option<String>,
    /// Largest file accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = DEFAULT_MAX_SIZE_MB)]
    pub(crate) max_size: u64,
    /// Store articles without running extraction (run `parallax extract` later).
    #[arg(long)]
    pub(crate) no_extract: bool,
    /// The paths are output of `parallax extract --stdin-jsonl`: store its
    /// articles and extractions without extracting again (extractor version
    /// and every span checked), then group stories.
    #[arg(long, conflicts_with_all = ["source", "no_extract"])]
    pub(crate) extracted: bool,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args, Clone, Default)]
pub(crate) struct FilterArgs {
    /// Only these outlets (name or domain; repeatable).
    #[arg(long = "source", value_name = "NAME")]
    pub(crate) sources: Vec<String>,
    /// Published on or after this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Published on or before this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// Only these languages (ISO 639-1 code; repeatable).
    #[arg(long = "language", value_name = "CODE")]
    pub(crate) languages: Vec<String>,
    /// Only articles with this tag, or in a story with it (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub(crate) tags: Vec<String>,
    /// Only articles in this collection, or in a story in it (repeatable).
    #[arg(long = "collection", value_name = "NAME")]
    pub(crate) collections: Vec<String>,
}

impl FilterArgs {
    pub(crate) fn filter(&self) -> ArticleFilter {
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
pub(crate) enum SortArg {
    Published,
    Oldest,
    Title,
    Source,
    Imported,
}

#[derive(Args)]
pub(crate) struct ArticlesArgs {
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Order.
    #[arg(long, value_enum, default_value = "published")]
    pub(crate) sort: SortArg,
    /// Rows per page.
    #[arg(long, default_value_t = 50)]
    pub(crate) limit: u64,
    /// Rows to skip (reads the list up to there: prefer `--after`).
    #[arg(long, default_value_t = 0, conflicts_with = "after")]
    pub(crate) offset: u64,
    /// The page after the one whose `next` token this is (as printed by
    /// the page before): read straight off the order's index.
    #[arg(long, value_name = "TOKEN")]
    pub(crate) after: Option<String>,
    #[arg(long)]
    pub(crate) json: bool,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct SearchArgs {
    /// Saved searches (to search for the word "save" or "saved", write `search -- save`).
    #[command(subcommand)]
    pub(crate) saved: Option<research::SavedSearchAction>,
    /// FTS5 query.
    #[arg(required = true)]
    pub(crate) query: Option<String>,
    #[command(flatten)]
    pub(crate) filter: FilterArgs,
    /// Results per page.
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: u64,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    pub(crate) page: u64,
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date of the form YYYY-MM-DD"))
}

impl Command {
    pub(crate) fn wants_json(&self) -> bool {
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
