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

use crate::anchor::{self, Field};
use crate::compare::Comparison;
use crate::model::{ArticleSummary, Page, Source, StorySummary, Verdict};
use crate::research::{self, Retry, SavedSearchCount};
use crate::search::{self, SearchPage, SearchQuery};
use crate::store::{
    Batch, Collection, CollectionEntry, CollectionItem, Coverage, Deleted, Deletion,
    DeletionCounts, EntitySummary, ImportRecord, Note, NoteScope, NoteTarget, PageToken, Stats,
    Tag,
};
use crate::undo;
use crate::views::{self, ArticleView, Facets, MapPlace};

use super::application::{Application, Now};
use super::arguments::{
    ArticlesArgs, BatchArgs, CancelArgs, CiteArgs, CiteFormat, CollectionArgs, CollectionMoveArgs,
    EntitiesArgs, EntitySplitArgs, HistoryArgs, IdArgs, JobArgs, ListArgs, MergeArgs, MetadataArgs,
    NameArgs, NameChangeArgs, NoArgs, NoteAddArgs, NoteArgs, NoteEditArgs, NotesArgs, RenameArgs,
    SearchSaveArgs, StoryMoveArgs, StorySplitArgs, TagArgs, VerdictClearArgs, VerdictSetArgs,
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
    command!("search", search, ListArgs => SearchPage),
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
    command!("notes", notes, NotesArgs => Vec<Note>),
    command!("note_add", note_add, NoteAddArgs => Note),
    command!("note_edit", note_edit, NoteEditArgs => Note),
    command!("note_delete", note_delete, NoteArgs => Removed),
    command!("tags", tags, NoArgs => Vec<Tag>),
    command!("article_tags", article_tags, IdArgs => Vec<String>),
    command!("tag_add", tag_add, TagArgs => Changed),
    command!("tag_remove", tag_remove, TagArgs => Changed),
    command!("tag_rename", tag_rename, NameChangeArgs => Vec<Tag>),
    command!("tag_merge", tag_merge, NameChangeArgs => Vec<Tag>),
    command!("tag_delete", tag_delete, NameArgs => Removed),
    command!("collections", collections, NoArgs => Vec<Collection>),
    command!("collection_items", collection_items, NameArgs => Vec<CollectionItem>),
    command!("collection_add", collection_add, CollectionArgs => Changed),
    command!("collection_remove", collection_remove, CollectionArgs => Changed),
    command!("collection_move", collection_move, CollectionMoveArgs => Vec<CollectionItem>),
    command!("collection_delete", collection_delete, NameArgs => Removed),
    command!("searches_saved", searches_saved, NoArgs => Vec<SavedSearchCount>),
    command!("search_save", search_save, SearchSaveArgs => SavedSearchCount),
    command!("search_forget", search_forget, NameArgs => Changed),
    command!("cite", cite, CiteArgs => Citation),
    command!("delete_articles", delete_articles, ArticlesArgs => Removed),
    command!("delete_batch", delete_batch, BatchArgs => Removed),
    command!("undo", undo, NoArgs => UndoState),
    command!("undo_state", undo_state, NoArgs => UndoState),
    command!("import_history", import_history, HistoryArgs => Vec<ImportRecord>),
    command!("import_retry_paths", import_retry_paths, BatchArgs => Retry),
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
/// file dialogs, the first-paint signal, and an article's file or address
/// opened in the desktop's own application (see
/// [`crate::research::original`]).
pub const WINDOW_COMMANDS: &[&str] = &[
    "import",
    "pick_inputs",
    "save_text",
    "ui_ready",
    "open_original",
];

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

/// What a deletion removed; [`undo`] puts it back while the session lasts.
#[derive(Debug, Serialize, TS)]
pub struct Removed {
    /// What was deleted.
    pub deleted: Deleted,
    /// Rows of each kind removed.
    pub counts: DeletionCounts,
    /// In a few words, for the message: `2 articles`.
    pub label: String,
    /// The Edit menu's undo item now: `Undo delete 2 articles`.
    pub undo: String,
}

impl From<&Deletion> for Removed {
    fn from(deletion: &Deletion) -> Removed {
        let label = deletion.label();
        Removed {
            deleted: deletion.deleted.clone(),
            counts: deletion.counts,
            undo: undo::menu_label(Some(&label)),
            label,
        }
    }
}

/// What an undo restored, and what the next one would.
#[derive(Debug, Serialize, TS)]
pub struct UndoState {
    /// What this undo restored (`null`: nothing, or only asked).
    pub restored: Option<String>,
    /// What the next undo would restore (`null`: nothing left).
    pub next: Option<String>,
    /// The Edit menu's undo item: `Undo delete 2 articles`, or `Undo`
    /// (disabled) when `next` is `null`.
    pub menu: String,
}

impl UndoState {
    fn new(restored: Option<String>, next: Option<String>) -> UndoState {
        UndoState {
            restored,
            menu: undo::menu_label(next.as_deref()),
            next,
        }
    }
}

/// How many links a tag or collection command added or removed.
#[derive(Debug, Serialize, TS)]
pub struct Changed {
    /// Articles, stories or saved searches changed (those already so are
    /// not counted).
    pub changed: u64,
}

/// Articles cited.
#[derive(Debug, Serialize, TS)]
pub struct Citation {
    /// `csl-json`, `bibtex`, `ris` or `text`.
    pub format: String,
    /// The articles cited, in order.
    pub articles: Vec<i64>,
    /// The citation document (or lines of text).
    pub citation: String,
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
    let after = args.after.as_deref().map(PageToken::decode).transpose()?;
    application.read(|store| store.articles_page(&filter, sort, after.as_ref(), offset, limit))
}

fn facets(application: &Application, args: ListArgs, now: &Now) -> Reply<Facets> {
    let spec = args.filter.unwrap_or_default();
    application.facets(&spec, args.query.as_deref(), now)
}

fn search(application: &Application, args: ListArgs, _: &Now) -> Reply<SearchPage> {
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
    application.read(|store| research::comparison_report(store, id))
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

fn notes(application: &Application, args: NotesArgs, _: &Now) -> Reply<Vec<Note>> {
    let scope = match (args.article, args.story, args.findings.as_deref()) {
        (Some(article), None, None) => NoteScope::Article(article),
        (None, Some(story), None) => NoteScope::Story(story),
        (None, None, Some(keys)) => NoteScope::Findings(keys),
        (None, None, None) => NoteScope::All,
        _ => {
            return Err(CommandError::invalid_argument(
                "list the notes of an article, a story or findings, one at a time",
            ));
        }
    };
    application.read(|store| store.notes(scope))
}

fn note_add(application: &Application, args: NoteAddArgs, now: &Now) -> Reply<Note> {
    let body = args.body.unwrap_or_default();
    let field = args.field.unwrap_or(Field::Text);
    application.write(|store| {
        let target = match (args.article, args.start, args.end, args.story, args.finding) {
            (Some(article), Some(start), Some(end), None, None) => {
                let stored = store.article(article)?;
                let text = match field {
                    Field::Text => stored.text,
                    Field::Title => stored.title.unwrap_or_default(),
                };
                NoteTarget::Passage {
                    article,
                    anchor: anchor::select(&text, field, start, end)?,
                }
            }
            (Some(article), None, None, None, None) => NoteTarget::Article(article),
            (None, None, None, Some(story), None) => NoteTarget::Story(story),
            (None, None, None, Some(story), Some(key)) => {
                return research::note_on_finding(store, story, &key, &body, &now.timestamp);
            }
            _ => {
                return Err(crate::Error::InvalidArgument(
                    "a note is on an article (with start and end for a passage), a story, or a story's finding".into(),
                ));
            }
        };
        store.add_note(&target, &body, &now.timestamp)
    })
}

fn note_edit(application: &Application, args: NoteEditArgs, now: &Now) -> Reply<Note> {
    application.write(|store| store.edit_note(args.note, &args.body, &now.timestamp))
}

fn note_delete(application: &Application, args: NoteArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_note(args.note))?;
    Ok(Removed::from(&deletion))
}

fn tags(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Tag>> {
    application.read(|store| store.tags())
}

fn article_tags(application: &Application, args: IdArgs, _: &Now) -> Reply<Vec<String>> {
    application.read(|store| {
        let article = store.find_article(&args.id)?;
        store.tags_of_article(article.id)
    })
}

/// A count as the replies carry it.
fn count(n: usize) -> Changed {
    Changed {
        changed: u64::try_from(n).unwrap_or(u64::MAX),
    }
}

fn tag_add(application: &Application, args: TagArgs, now: &Now) -> Reply<Changed> {
    let articles = args.articles.unwrap_or_default();
    let stories = args.stories.unwrap_or_default();
    application.write(|store| {
        let mut changed = if articles.is_empty() {
            0
        } else {
            store.tag_articles(&args.tag, &articles, &now.timestamp)?
        };
        for story in stories {
            changed += usize::from(store.tag_story(&args.tag, story, &now.timestamp)?);
        }
        Ok(count(changed))
    })
}

fn tag_remove(application: &Application, args: TagArgs, _: &Now) -> Reply<Changed> {
    let articles = args.articles.unwrap_or_default();
    application.write(|store| Ok(count(store.untag_articles(&args.tag, &articles)?)))
}

fn tag_rename(application: &Application, args: NameChangeArgs, _: &Now) -> Reply<Vec<Tag>> {
    application.write(|store| {
        store.rename_tag(&args.from, &args.to)?;
        store.tags()
    })
}

fn tag_merge(application: &Application, args: NameChangeArgs, _: &Now) -> Reply<Vec<Tag>> {
    application.write(|store| {
        store.merge_tags(&args.from, &args.to)?;
        store.tags()
    })
}

fn tag_delete(application: &Application, args: NameArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_tag(&args.name))?;
    Ok(Removed::from(&deletion))
}

fn collections(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Collection>> {
    application.read(|store| store.collections())
}

fn collection_items(
    application: &Application,
    args: NameArgs,
    _: &Now,
) -> Reply<Vec<CollectionItem>> {
    application.read(|store| store.collection_items(&args.name))
}

/// A collection command's articles, then its stories.
fn collection_entries(
    articles: Option<Vec<i64>>,
    stories: Option<Vec<i64>>,
) -> Vec<CollectionEntry> {
    articles
        .unwrap_or_default()
        .into_iter()
        .map(CollectionEntry::Article)
        .chain(
            stories
                .unwrap_or_default()
                .into_iter()
                .map(CollectionEntry::Story),
        )
        .collect()
}

fn collection_add(application: &Application, args: CollectionArgs, now: &Now) -> Reply<Changed> {
    let entries = collection_entries(args.articles, args.stories);
    application.write(|store| {
        Ok(count(store.add_to_collection(
            &args.name,
            &entries,
            &now.timestamp,
        )?))
    })
}

fn collection_remove(application: &Application, args: CollectionArgs, _: &Now) -> Reply<Changed> {
    let entries = collection_entries(args.articles, args.stories);
    application.write(|store| Ok(count(store.remove_from_collection(&args.name, &entries)?)))
}

fn collection_move(
    application: &Application,
    args: CollectionMoveArgs,
    _: &Now,
) -> Reply<Vec<CollectionItem>> {
    application.write(|store| store.move_in_collection(&args.name, args.from, args.to))
}

fn collection_delete(application: &Application, args: NameArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_collection(&args.name))?;
    Ok(Removed::from(&deletion))
}

fn searches_saved(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<SavedSearchCount>> {
    application.read(research::saved_searches)
}

fn search_save(
    application: &Application,
    args: SearchSaveArgs,
    now: &Now,
) -> Reply<SavedSearchCount> {
    let filter = args.filter.unwrap_or_default().to_filter()?;
    application.write(|store| {
        research::save_search(store, &args.name, &args.query, &filter, &now.timestamp)
    })
}

fn search_forget(application: &Application, args: NameArgs, _: &Now) -> Reply<Changed> {
    let forgotten = application.write(|store| store.delete_saved_search(&args.name))?;
    Ok(count(usize::from(forgotten)))
}

fn cite(application: &Application, args: CiteArgs, _: &Now) -> Reply<Citation> {
    let format = args.format()?;
    let citation = application.read(|store| match format {
        CiteFormat::File(format) => research::cite(store, &args.articles, format),
        CiteFormat::Text => research::cite_lines(store, &args.articles),
    })?;
    Ok(Citation {
        format: args.format,
        articles: args.articles,
        citation,
    })
}

fn delete_articles(application: &Application, args: ArticlesArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_articles(&args.articles))?;
    Ok(Removed::from(&deletion))
}

fn delete_batch(application: &Application, args: BatchArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_batch(args.batch))?;
    Ok(Removed::from(&deletion))
}

fn undo(application: &Application, _: NoArgs, _: &Now) -> Reply<UndoState> {
    let restored = application.undo()?.map(|deletion| deletion.label());
    Ok(UndoState::new(restored, application.undo_label()))
}

fn undo_state(application: &Application, _: NoArgs, _: &Now) -> Reply<UndoState> {
    Ok(UndoState::new(None, application.undo_label()))
}

fn import_history(
    application: &Application,
    args: HistoryArgs,
    _: &Now,
) -> Reply<Vec<ImportRecord>> {
    application.read(|store| store.import_history(args.limit.unwrap_or(50)))
}

fn import_retry_paths(application: &Application, args: BatchArgs, _: &Now) -> Reply<Retry> {
    // Neither transport knows the folder a CLI import ran in: a relative
    // path is refused by name, never looked up in this process's folder.
    application.read(|store| research::retry_paths(store, args.batch, None))
}
