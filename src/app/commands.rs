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

mod archive;
mod replies;
mod research;
mod stories;

use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::TS;

use crate::compare::Comparison;
use crate::model::{ArticleSummary, Page, Source, StorySummary, Verdict};
use crate::research::{Retry, SavedSearchCount};
use crate::search::SearchPage;
use crate::store::{
    Batch, Collection, CollectionItem, Coverage, EntitySummary, ImportRecord, Note, Stats, Tag,
};
use crate::views::{ArticleView, Facets, MapPlace};

use super::application::{Application, Now};
use super::arguments::{
    ArticlesArgs, BatchArgs, CancelArgs, CiteArgs, CollectionArgs, CollectionMoveArgs,
    EntitiesArgs, EntitySplitArgs, HistoryArgs, IdArgs, JobArgs, ListArgs, MergeArgs, MetadataArgs,
    NameArgs, NameChangeArgs, NoArgs, NoteAddArgs, NoteArgs, NoteEditArgs, NotesArgs, RenameArgs,
    SearchSaveArgs, StoryMoveArgs, StorySplitArgs, TagArgs, VerdictClearArgs, VerdictSetArgs,
    VerdictsArgs,
};
use super::command_error::CommandError;
use super::imports::ImportState;
use archive::{
    archive, article, articles, batches, delete_articles, delete_batch, facets, import_cancel,
    import_history, import_retry_paths, import_status, rename_source, search, sources, stats, undo,
    undo_state, update_article,
};
pub use replies::{
    ArchiveInfo, Cancelled, Changed, Citation, Cleared, EntityChanged, Removed, UndoState,
};
use research::{
    article_tags, cite, collection_add, collection_delete, collection_items, collection_move,
    collection_remove, collections, note_add, note_delete, note_edit, notes, search_forget,
    search_save, searches_saved, tag_add, tag_delete, tag_merge, tag_remove, tag_rename, tags,
};
use stories::{
    compare, compare_markdown, coverage, entities, entity_merge, entity_rename, entity_split,
    places, stories, story_merge, story_move, story_split, verdict_clear, verdict_set, verdicts,
};

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
