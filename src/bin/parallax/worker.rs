//! The PDF reader as a child process of this binary: `parallax
//! __pdf-worker` reads a PDF on standard input and writes its text as JSON
//! (the core's `ingest::pdf::worker_main`); imports start it for each PDF
//! with the memory and time limits of `ingest::pdf`, and it is killed at
//! them (issue 13: a 13.6 MB flate bomb took 7.9 GB in a thread that could
//! not be stopped).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use parallax::ingest::{PdfWorker, pdf};
use parallax_sandbox::Limits;

/// The hidden first argument that makes this binary a PDF worker.
pub const PDF_WORKER_ARG: &str = "__pdf-worker";

/// Most bytes of text a worker may answer with.
const MAX_ANSWER_BYTES: u64 = 256 << 20;

/// Runs as the PDF worker: standard input to standard output.
pub fn run_pdf_worker() -> i32 {
    pdf::worker_main(&mut std::io::stdin().lock(), &mut std::io::stdout().lock())
}

/// The worker the import uses for PDFs: this same binary, bounded. `None`
/// (PDFs read in this process, unbounded) only when the binary cannot find
/// itself, which it reports.
pub fn pdf_worker() -> Option<PdfWorker> {
    let program: PathBuf = match std::env::current_exe() {
        Ok(path) => path,
        Err(e) => {
            eprintln!(
                "warning: cannot find this program to start the PDF reader ({e}); PDFs are read without memory limits"
            );
            return None;
        }
    };
    let limits = Limits {
        memory_bytes: pdf::WORKER_MEMORY_BYTES,
        cpu: pdf::TIME_LIMIT,
        wall: pdf::TIME_LIMIT,
        max_output_bytes: MAX_ANSWER_BYTES,
    };
    Some(PdfWorker(Arc::new(move |bytes: &[u8]| {
        let mut command = Command::new(&program);
        command.arg(PDF_WORKER_ARG);
        parallax_sandbox::run(command, bytes, &limits).map_err(|failure| failure.to_string())
    })))
}
