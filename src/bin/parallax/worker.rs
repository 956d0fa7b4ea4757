//! The CLI's PDF worker: this binary, started as `parallax __pdf-worker`
//! for each PDF an import reads. The worker and its limits are defined once
//! for both front ends in `parallax::app::pdf_worker`; only finding this
//! binary (an environment read, which the core leaves to its callers) is
//! done here.

use parallax::ingest::PdfWorker;

pub use parallax::app::pdf_worker::{PDF_WORKER_ARG, run_pdf_worker};

/// The worker imports use for PDFs: this binary, bounded. `None` (PDFs
/// read in this process, unbounded) only when the binary cannot find
/// itself, which it reports.
pub fn pdf_worker() -> Option<PdfWorker> {
    match std::env::current_exe() {
        Ok(program) => Some(parallax::app::pdf_worker::pdf_worker(program)),
        Err(e) => {
            eprintln!(
                "warning: cannot find this program to start the PDF reader ({e}); PDFs are read without memory limits"
            );
            None
        }
    }
}
