//! Undo of deletions while an application session lasts.
//!
//! A front end that lets a person delete (the desktop shell's Edit menu and
//! Ctrl+Z, `parallax serve`) keeps one [`UndoStack`] beside its writer
//! connection: every [`Deletion`] the store returns is pushed, and
//! [`UndoStack::undo`] restores the newest. Newest first, because a later
//! deletion may have removed rows an earlier one's restore would need. The
//! stack is bounded ([`UNDO_DEPTH`]) so a long session does not keep every
//! deleted article in memory; what falls off can no longer be undone.

use std::collections::VecDeque;

use crate::error::Result;
use crate::store::{Deletion, Store};

/// Deletions kept for undo.
pub const UNDO_DEPTH: usize = 20;

/// The deletions of a session that can still be undone, newest last.
#[derive(Debug, Default)]
pub struct UndoStack {
    deletions: VecDeque<Deletion>,
}

impl UndoStack {
    /// An empty stack.
    pub fn new() -> UndoStack {
        UndoStack::default()
    }

    /// Keeps a deletion for undo (the oldest falls off past [`UNDO_DEPTH`]).
    pub fn push(&mut self, deletion: Deletion) {
        if self.deletions.len() == UNDO_DEPTH {
            self.deletions.pop_front();
        }
        self.deletions.push_back(deletion);
    }

    /// What the next undo would restore, for an "Undo delete …" menu item.
    pub fn peek(&self) -> Option<&Deletion> {
        self.deletions.back()
    }

    /// Restores the newest deletion and returns it; `None` when there is
    /// nothing to undo. A deletion that cannot be restored (something took
    /// its place since) is dropped with the error: it never can be.
    pub fn undo(&mut self, store: &mut Store) -> Result<Option<Deletion>> {
        let Some(deletion) = self.deletions.pop_back() else {
            return Ok(None);
        };
        store.restore(&deletion)?;
        Ok(Some(deletion))
    }
}
