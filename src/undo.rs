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

/// The Edit menu's undo item for what the next undo would restore (a
/// [`Deletion::label`]): `Undo delete 3 articles`, or `Undo` (shown
/// disabled) when there is nothing to undo. Both front ends show this text.
pub fn menu_label(next: Option<&str>) -> String {
    match next {
        Some(label) => format!("Undo delete {label}"),
        None => "Undo".to_string(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::menu_label;

    #[test]
    fn the_menu_names_what_undo_restores() {
        let cases = [
            (Some("3 articles"), "Undo delete 3 articles"),
            (
                Some("tag \"fire safety\""),
                "Undo delete tag \"fire safety\"",
            ),
            (
                Some("import 2 (1 article)"),
                "Undo delete import 2 (1 article)",
            ),
            (None, "Undo"),
        ];
        for (next, expected) in cases {
            assert_eq!(menu_label(next), expected, "{next:?}");
        }
    }
}
