//! What an import does to bound a hostile file beyond the size cap: the
//! work [`Budget`] each file may spend and the [`PdfWorker`] process PDFs
//! are read in, together an import's [`Safeguards`].

use std::fmt;
use std::sync::Arc;

use crate::error::Result;

/// The work one input file may cost, counted in work done rather than time
/// taken, so the same input imports the same way on any machine under any
/// load. A small file can stand for much work — a 4.5 MB zip of 1,200
/// one-megabyte pages, a mailbox of large HTML messages — so each file may
/// spend the larger of a floor and a multiple of its own size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Bytes of markup (HTML pages, in any container) the page reader may
    /// parse per file, at least; pages beyond are not read.
    pub markup_floor: u64,
    /// Bytes of markup per byte of the file, when that is more.
    pub markup_per_file_byte: u64,
    /// Characters extraction may read per file, at least; articles beyond
    /// are stored without extraction (`parallax extract` does them later).
    pub extraction_floor: u64,
    /// Characters of extraction per byte of the file, when that is more.
    pub extraction_per_file_byte: u64,
}

impl Default for Budget {
    /// Readability parses about 20 MB of markup per second and extraction
    /// reads about 2 million characters per second on one core of the
    /// development machine, so a file costs at most ~10 s of each unless it
    /// is large itself (a 50 MB crawl may parse 400 MB of pages).
    fn default() -> Self {
        Budget {
            markup_floor: 64 << 20,
            markup_per_file_byte: 8,
            extraction_floor: 16_000_000,
            extraction_per_file_byte: 2,
        }
    }
}

impl Budget {
    /// No limits, for trusted corpora that must be read whole (evaluation).
    pub fn unlimited() -> Budget {
        Budget {
            markup_floor: u64::MAX,
            markup_per_file_byte: 0,
            extraction_floor: u64::MAX,
            extraction_per_file_byte: 0,
        }
    }

    pub(super) fn markup_for(&self, file_bytes: u64) -> u64 {
        self.markup_floor
            .max(file_bytes.saturating_mul(self.markup_per_file_byte))
    }

    pub(super) fn extraction_for(&self, file_bytes: u64) -> u64 {
        self.extraction_floor
            .max(file_bytes.saturating_mul(self.extraction_per_file_byte))
    }
}

/// Runs the PDF reader in a separate process: given a PDF's bytes, returns
/// what [`pdf::worker_main`](super::pdf::worker_main) wrote to its standard output, or why the process
/// failed (killed at its memory or time limit, crashed). The caller owns
/// the process and its limits; the core never starts one itself.
#[derive(Clone)]
pub struct PdfWorker(pub Arc<RunPdfWorker>);

/// What a [`PdfWorker`] runs: a PDF's bytes in, the worker's output (or
/// why it failed) out.
pub type RunPdfWorker = dyn Fn(&[u8]) -> Result<Vec<u8>, String> + Send + Sync;

impl fmt::Debug for PdfWorker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PdfWorker(..)")
    }
}

/// How an import bounds what a hostile file can cost beyond the size cap of
/// [`ImportOptions`](super::ImportOptions): the work each file may take and where PDFs are read.
/// [`import`](super::import) uses the default (the default [`Budget`], PDFs read on a
/// thread of this process); front ends facing untrusted files call
/// [`import_guarded`](super::import_guarded) with a [`PdfWorker`].
#[derive(Debug, Clone, Default)]
pub struct Safeguards {
    /// The work each input file may cost.
    pub budget: Budget,
    /// Reads PDFs in a separate process; `None` reads them on a thread of
    /// this process (tests, trusted corpora), where a hostile PDF's memory
    /// cannot be bounded.
    pub pdf_worker: Option<PdfWorker>,
}
