//! The [`Sink`] a reader sends what it finds in one file to, with the work
//! that file may still cost and the import's cancellation.

use std::sync::atomic::{AtomicBool, Ordering};

use super::{Item, PdfWorker};

/// Where a reader sends what it finds in one file, with what reading that
/// file may still cost. Readers call [`Sink::emit`] for each item, ask
/// [`Sink::spend_markup`] before parsing a page, and stop at the next
/// record once [`Sink::stopped`] (the import was cancelled).
pub(crate) struct Sink<'a> {
    pub(super) emit: &'a mut dyn FnMut(Item),
    /// Bytes of markup the file may still have parsed.
    pub(super) markup_left: u64,
    /// Pages not read because the markup budget was spent.
    pub(super) pages_cut: u64,
    pub(super) cancel: Option<&'a AtomicBool>,
    pub(super) pdf_worker: Option<&'a PdfWorker>,
}

impl<'a> Sink<'a> {
    /// A sink without limits, cancellation or PDF worker (unit tests).
    #[cfg(test)]
    pub(crate) fn unbounded(emit: &'a mut dyn FnMut(Item)) -> Sink<'a> {
        Sink {
            emit,
            markup_left: u64::MAX,
            pages_cut: 0,
            cancel: None,
            pdf_worker: None,
        }
    }

    /// Sends one item on.
    pub(crate) fn emit(&mut self, item: Item) {
        (self.emit)(item);
    }

    /// Takes `bytes` of markup from the file's budget before a page is
    /// parsed. `false`: do not parse it — the budget is spent (the page is
    /// counted for the file's warning, and so is every later page) or the
    /// import was cancelled.
    pub(crate) fn spend_markup(&mut self, bytes: usize) -> bool {
        if self.stopped() {
            return false;
        }
        let bytes = bytes as u64;
        if bytes > self.markup_left {
            self.markup_left = 0;
            self.pages_cut += 1;
            return false;
        }
        self.markup_left -= bytes;
        true
    }

    /// Runs `read` with its failures dropped (records decoded before a
    /// damaged part of a file, whose own failure is reported once); what it
    /// emits otherwise, and the markup it spends, count as usual.
    pub(crate) fn dropping_failures(&mut self, read: impl FnOnce(&mut Sink<'_>)) {
        let (markup_left, pages_cut) = (self.markup_left, self.pages_cut);
        let (cancel, pdf_worker) = (self.cancel, self.pdf_worker);
        let outer = &mut *self.emit;
        let mut filter = |item: Item| {
            if !matches!(item, Item::Failed(_)) {
                outer(item);
            }
        };
        let mut inner = Sink {
            emit: &mut filter,
            markup_left,
            pages_cut,
            cancel,
            pdf_worker,
        };
        read(&mut inner);
        let (markup_left, pages_cut) = (inner.markup_left, inner.pages_cut);
        self.markup_left = markup_left;
        self.pages_cut = pages_cut;
    }

    /// True once the import is cancelled.
    pub(crate) fn stopped(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// The process that reads PDFs, when the caller gave one.
    pub(crate) fn pdf_worker(&self) -> Option<&PdfWorker> {
        self.pdf_worker
    }
}
