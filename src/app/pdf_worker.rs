//! The PDF reader as a child process of the front end's own binary
//! (`parallax __pdf-worker`, `parallax-desktop __pdf-worker`): it reads a
//! PDF on standard input and writes its text as JSON (the core's
//! [`ingest::pdf::worker_main`](crate::ingest::pdf::worker_main)); imports
//! start it for each PDF with the memory and time limits of `ingest::pdf`,
//! and it is killed at them (issue 13: a 13.6 MB flate bomb took 7.9 GB in
//! a thread that could not be stopped). Both front ends use this one
//! definition; each passes the path of its own executable.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use parallax_sandbox::Limits;

use crate::ingest::{PdfWorker, pdf};

/// The hidden first argument that makes a front end's binary a PDF worker.
pub const PDF_WORKER_ARG: &str = "__pdf-worker";

/// Most bytes of text a worker may answer with.
const MAX_ANSWER_BYTES: u64 = 256 << 20;

/// Runs as the PDF worker: standard input to standard output; the exit code.
pub fn run_pdf_worker() -> i32 {
    pdf::worker_main(&mut std::io::stdin().lock(), &mut std::io::stdout().lock())
}

/// The worker imports use for PDFs: `program` (the running binary) with
/// [`PDF_WORKER_ARG`], bounded.
pub fn pdf_worker(program: PathBuf) -> PdfWorker {
    let limits = Limits {
        memory_bytes: pdf::WORKER_MEMORY_BYTES,
        cpu: pdf::TIME_LIMIT,
        wall: pdf::TIME_LIMIT,
        max_output_bytes: MAX_ANSWER_BYTES,
    };
    PdfWorker(Arc::new(move |bytes: &[u8]| {
        let mut command = Command::new(&program);
        command.arg(PDF_WORKER_ARG);
        parallax_sandbox::run(command, bytes, &limits).map_err(|failure| failure.to_string())
    }))
}
