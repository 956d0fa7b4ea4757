//! The replies of commands that answer with something of their own (not a
//! core type): what a deletion removed, what an undo restored, counts of
//! links changed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::command_error::CommandError;
use crate::store::{Deleted, Deletion, DeletionCounts, Stats};
use crate::undo;

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
    pub(super) fn new(restored: Option<String>, next: Option<String>) -> UndoState {
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

pub(super) type Reply<T> = Result<T, CommandError>;
