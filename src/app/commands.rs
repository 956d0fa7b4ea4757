//! The UI's commands, in one table: each command's name, its arguments and
//! its reply type, and the one call into the core that answers it.
//! `parallax serve` answers `POST /api/<name>` from this table, the desktop
//! window answers its `call` IPC command from it, and the UI's
//! `backend.ts` calls these names (tests check all three against
//! [`COMMANDS`], and the UI's types for every argument and reply are
//! generated from the types named here).
//!
//! A few commands belong to one transport, because what they do only
//! exists there: uploads and polled imports over HTTP
//! ([`HTTP_COMMANDS`]); imports with progress over an IPC channel, native
//! dialogs and the first-paint signal in the window ([`WINDOW_COMMANDS`]).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::compare::{Comparison, markdown};
use crate::model::{ArticleSummary, Page, Source, StorySummary, Verdict};
use crate::search::{self, Hit, SearchQuery};
use crate::store::{Batch, Coverage, EntitySummary, Stats};
use crate::views::{self, ArticleView, Facets, MapPlace};

use super::application::{Application, Now};
use super::arguments::{
    CancelArgs, EntitiesArgs, EntitySplitArgs, IdArgs, JobArgs, ListArgs, MergeArgs, MetadataArgs,
    NoArgs, RenameArgs, StoryMoveArgs, StorySplitArgs, VerdictClearArgs, VerdictSetArgs,
    VerdictsArgs, story_id,
};
use super::command_error::CommandError;
use super::imports::ImportState;

/// A command of the table.
pub struct Command {
    /// The name the UI calls it by.
    pub name: &'static str,
    /// Runs it: JSON arguments in, the reply as JSON text out.
    run: fn(&Application, Value, &Now) -> Result<String, CommandError>,
    /// The TypeScript names of its argument and reply types.
    types: fn(&ts_rs::Config) -> (String, String),
    /// Writes its argument and reply types as TypeScript (see
    /// [`super::typescript`]), noting the files they are in.
    export: fn(&ts_rs::Config, &mut Vec<ts_rs::Dependency>) -> Result<(), ts_rs::ExportError>,
}

/// One row of [`COMMANDS`]: the name, the handler, and its argument and
/// reply types (the compiler checks they are the handler's).
macro_rules! command {
    ($name:literal, $handler:ident, $args:ty => $reply:ty) => {
        Command {
            name: $name,
            run: |application, args, now| {
                let reply: $reply = $handler(application, parse::<$args>(args)?, now)?;
                serde_json::to_string(&reply).map_err(|e| CommandError::new("json", e.to_string()))
            },
            types: |config| (<$args as TS>::name(config), <$reply as TS>::name(config)),
            export: |config, files| {
                super::typescript::export::<$args>(config, files)?;
                super::typescript::export::<$reply>(config, files)
            },
        }
    };
}

/// Every command both transports answer.
pub const COMMANDS: &[Command] = &[
    command!("archive", archive, NoArgs => ArchiveInfo),
    command!("stats", stats, NoArgs => Stats),
    command!("sources", sources, NoArgs => Vec<Source>),
    command!("batches", batches, NoArgs => Vec<Batch>),
    command!("articles", articles, ListArgs => Page<ArticleSummary>),
    command!("facets", facets, ListArgs => Facets),
    command!("search", search, ListArgs => Page<Hit>),
    command!("article", article, IdArgs => ArticleView),
    command!("update_article", update_article, MetadataArgs => ArticleView),
    command!("rename_source", rename_source, RenameArgs => Vec<Source>),
    command!("import_status", import_status, JobArgs => ImportState),
    command!("import_cancel", import_cancel, CancelArgs => Cancelled),
    command!("entities", entities, EntitiesArgs => Vec<EntitySummary>),
    command!("places", places, NoArgs => Vec<MapPlace>),
    command!("entity_merge", entity_merge, MergeArgs => EntityChanged),
    command!("entity_split", entity_split, EntitySplitArgs => EntityChanged),
    command!("entity_rename", entity_rename, RenameArgs => EntityChanged),
    command!("stories", stories, NoArgs => Vec<StorySummary>),
    command!("compare", compare, IdArgs => Comparison),
    command!("compare_markdown", compare_markdown, IdArgs => String),
    command!("coverage", coverage, NoArgs => Coverage),
    command!("story_move", story_move, StoryMoveArgs => StorySummary),
    command!("story_split", story_split, StorySplitArgs => StorySummary),
    command!("story_merge", story_merge, MergeArgs => StorySummary),
    command!("verdict_set", verdict_set, VerdictSetArgs => Verdict),
    command!("verdict_clear", verdict_clear, VerdictClearArgs => Cleared),
    command!("verdicts", verdicts, VerdictsArgs => Vec<Verdict>),
];

/// Commands only `parallax serve` answers: a file's bytes uploaded for an
/// import, and an import started from uploads or `--import-dir` paths
/// (then polled with `import_status`).
pub const HTTP_COMMANDS: &[&str] = &[UPLOAD, IMPORT_START];
/// See [`HTTP_COMMANDS`].
pub const UPLOAD: &str = "upload";
/// See [`HTTP_COMMANDS`].
pub const IMPORT_START: &str = "import_start";

/// Commands only the desktop window answers (each a Tauri command of its
/// own): an import of paths with progress over a channel, the native
/// file dialogs, and the first-paint signal.
pub const WINDOW_COMMANDS: &[&str] = &["import", "pick_inputs", "save_text", "ui_ready"];

impl Application {
    /// Runs the command `name` with JSON arguments; the reply is JSON text.
    pub fn call(&self, name: &str, args: Value, now: &Now) -> Result<String, CommandError> {
        let command = COMMANDS
            .iter()
            .find(|command| command.name == name)
            .ok_or_else(|| CommandError::new("not_found", format!("unknown command {name:?}")))?;
        // Absent arguments are no arguments.
        let args = if args.is_null() {
            Value::Object(Default::default())
        } else {
            args
        };
        (command.run)(self, args, now)
    }
}

impl Command {
    /// The TypeScript names of the argument and reply types.
    pub fn typescript(&self, config: &ts_rs::Config) -> (String, String) {
        (self.types)(config)
    }

    /// Writes the command's argument and reply types as TypeScript into
    /// `config`'s folder, noting the files they are in.
    pub fn export_types(
        &self,
        config: &ts_rs::Config,
        files: &mut Vec<ts_rs::Dependency>,
    ) -> Result<(), ts_rs::ExportError> {
        (self.export)(config, files)
    }
}

fn parse<T: DeserializeOwned>(args: Value) -> Result<T, CommandError> {
    serde_json::from_value(args)
        .map_err(|e| CommandError::new("bad_request", format!("bad arguments: {e}")))
}

/// The archive a front end has open.
#[derive(Debug, Serialize, TS)]
pub struct ArchiveInfo {
    /// Its file.
    pub path: String,
    /// Its totals.
    pub stats: Stats,
    /// `tauri` in the window, `http` under `parallax serve`.
    pub transport: String,
}

/// Whether an import was asked to stop.
#[derive(Debug, Serialize, Deserialize, TS)]
pub struct Cancelled {
    /// False when no import was running.
    pub cancelled: bool,
}

/// The entity an edit left.
#[derive(Debug, Serialize, TS)]
pub struct EntityChanged {
    /// Its id.
    pub entity: i64,
}

/// The finding whose verdict was removed.
#[derive(Debug, Serialize, TS)]
pub struct Cleared {
    /// Its key.
    pub cleared: String,
}

type Reply<T> = Result<T, CommandError>;

fn archive(application: &Application, _: NoArgs, _: &Now) -> Reply<ArchiveInfo> {
    let path = application.archive().path().display().to_string();
    let stats = application.read(|store| store.stats())?;
    Ok(ArchiveInfo {
        path,
        stats,
        transport: application.settings().transport.to_string(),
    })
}

fn stats(application: &Application, _: NoArgs, _: &Now) -> Reply<Stats> {
    application.read(|store| store.stats())
}

fn sources(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Source>> {
    application.read(|store| store.sources())
}

fn batches(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Batch>> {
    application.read(|store| store.batches(50))
}

fn articles(application: &Application, args: ListArgs, _: &Now) -> Reply<Page<ArticleSummary>> {
    let filter = args.filter()?;
    let sort = views::parse_sort(args.sort.as_deref().unwrap_or(""))?;
    let offset = args.offset.unwrap_or(0);
    let limit = args.limit.unwrap_or(100).min(1000);
    application.read(|store| store.articles(&filter, sort, offset, limit))
}

fn facets(application: &Application, args: ListArgs, now: &Now) -> Reply<Facets> {
    let spec = args.filter.unwrap_or_default();
    application.facets(&spec, args.query.as_deref(), now)
}

fn search(application: &Application, args: ListArgs, _: &Now) -> Reply<Page<Hit>> {
    let request = SearchQuery {
        filter: args.filter()?,
        query: args.query.unwrap_or_default(),
        offset: args.offset.unwrap_or(0),
        limit: args.limit.unwrap_or(50).min(10_000),
    };
    application.read(|store| search::search(store, &request))
}

fn article(application: &Application, args: IdArgs, _: &Now) -> Reply<ArticleView> {
    application.read(|store| views::article_view(store, &args.id))
}

fn update_article(application: &Application, args: MetadataArgs, _: &Now) -> Reply<ArticleView> {
    let published = args.published()?;
    application.write(|store| {
        store.update_article_metadata(
            args.id,
            args.title.as_deref(),
            args.url.as_deref(),
            published,
            args.source.as_deref(),
        )?;
        views::article_view(store, &args.id.to_string())
    })
}

fn rename_source(application: &Application, args: RenameArgs, _: &Now) -> Reply<Vec<Source>> {
    application.write(|store| {
        store.rename_source(args.id, &args.name)?;
        store.sources()
    })
}

fn import_status(application: &Application, args: JobArgs, _: &Now) -> Reply<ImportState> {
    application.imports().state(args.job)
}

fn import_cancel(application: &Application, args: CancelArgs, _: &Now) -> Reply<Cancelled> {
    let cancelled = application.imports().cancel(args.job)?;
    Ok(Cancelled { cancelled })
}

fn entities(application: &Application, args: EntitiesArgs, _: &Now) -> Reply<Vec<EntitySummary>> {
    let limit = args.limit.unwrap_or(2000);
    application.read(|store| store.entities(args.kind.as_deref(), limit))
}

fn places(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<MapPlace>> {
    application.read(|store| views::map_places(store, 2000))
}

fn entity_merge(application: &Application, args: MergeArgs, _: &Now) -> Reply<EntityChanged> {
    application.write(|store| store.merge_entities(args.into, args.from))?;
    Ok(EntityChanged { entity: args.into })
}

fn entity_split(application: &Application, args: EntitySplitArgs, _: &Now) -> Reply<EntityChanged> {
    let entity = application.write(|store| store.split_entity(args.id, &args.alias))?;
    Ok(EntityChanged { entity })
}

fn entity_rename(application: &Application, args: RenameArgs, _: &Now) -> Reply<EntityChanged> {
    application.write(|store| store.rename_entity(args.id, &args.name))?;
    Ok(EntityChanged { entity: args.id })
}

fn stories(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<StorySummary>> {
    application.stories()
}

fn compare(application: &Application, args: IdArgs, _: &Now) -> Reply<Comparison> {
    let id = story_id(&args.id)?;
    application.read(|store| super::compare_story(store, id))
}

/// The comparison as the readable report the CLI's `compare --md` prints.
fn compare_markdown(application: &Application, args: IdArgs, _: &Now) -> Reply<String> {
    let id = story_id(&args.id)?;
    let comparison = application.read(|store| super::compare_story(store, id))?;
    Ok(markdown::render(&comparison))
}

fn coverage(application: &Application, _: NoArgs, _: &Now) -> Reply<Coverage> {
    application.read(|store| store.coverage())
}

fn story_move(application: &Application, args: StoryMoveArgs, now: &Now) -> Reply<StorySummary> {
    application.write(|store| {
        super::move_article(store, args.article, args.story, &now.timestamp)?;
        store.story(args.story)
    })
}

fn story_split(application: &Application, args: StorySplitArgs, now: &Now) -> Reply<StorySummary> {
    application.write(|store| {
        let new = super::split_story(store, args.story, &args.articles, &now.timestamp)?;
        store.story(new)
    })
}

fn story_merge(application: &Application, args: MergeArgs, now: &Now) -> Reply<StorySummary> {
    application.write(|store| {
        super::merge_stories(store, args.into, args.from, &now.timestamp)?;
        store.story(args.into)
    })
}

fn verdict_set(application: &Application, args: VerdictSetArgs, now: &Now) -> Reply<Verdict> {
    let judgement = args.judgement()?;
    application.write(|store| {
        super::set_verdict(
            store,
            args.story,
            &args.key,
            judgement,
            args.note.as_deref(),
            &now.timestamp,
        )
    })
}

fn verdict_clear(application: &Application, args: VerdictClearArgs, _: &Now) -> Reply<Cleared> {
    application.write(|store| super::clear_verdict(store, args.story, &args.key))?;
    Ok(Cleared { cleared: args.key })
}

fn verdicts(application: &Application, args: VerdictsArgs, _: &Now) -> Reply<Vec<Verdict>> {
    application.read(|store| super::verdicts(store, args.story))
}
