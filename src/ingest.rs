//! Import: from files, folders and byte streams to stored articles.
//!
//! The flow is `walk` (inputs → files, sorted, so imports are deterministic)
//! → read with a size cap → `detect` the format by content → parse into
//! [`RawArticle`]s (one file may hold many) → `validate` (checked on the
//! reader thread, fingerprinted and extracted on the `workers`, one per
//! core) → store, in input order, one savepoint per article. Anything
//! wrong with one input is recorded as a failure naming the file (and line
//! or record) and the import goes on.
//!
//! Every input is hostile until read (issue 13): only regular files are
//! read (a FIFO would block forever, `/dev/zero` never ends), and through
//! `take(max + 1)` whatever their metadata says; the reader thread has a
//! large stack for parsers that recurse; each file has a work [`Budget`]
//! (markup parsed, text extracted) proportional to its size, so a small
//! file cannot keep an import busy for hours; PDFs can be read in a
//! separate process ([`PdfWorker`]) that the caller bounds in memory and
//! time. The budget and the worker are an import's [`Safeguards`]
//! ([`import_guarded`]). What a limit cuts is reported as a warning that
//! says what.

pub mod dates;
pub mod detect;
pub mod encoding;
mod epub;
pub mod extracted;
mod feed;
mod files;
mod formats;
mod html;
mod mail;
mod mhtml;
mod office;
pub mod pdf;
mod reader;
mod records;
mod report;
mod safeguards;
mod sink;
mod text;
mod tuning;
mod validate;
mod warc;
mod workers;
mod writer;
mod zip;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::store::{ImportLock, Store};

pub use detect::{Detected, detect};
use files::{Walked, io_reason, walk};
pub(crate) use formats::read_bytes;
pub(crate) use reader::panic_message;
use reader::{Job, Planned, Prepared, Ready, Source, finish, plan_item, prepare};
pub use report::{DuplicateOf, Failure, ImportReport, Item, NearDuplicateLink, Progress, Warning};
pub use safeguards::{Budget, PdfWorker, RunPdfWorker, Safeguards};
pub(crate) use sink::Sink;
pub use tuning::{Meter, Stage, Tuning};
pub use validate::domain_of;
use writer::Run;

/// Articles stored per commit during an import.
const BULK_ARTICLES: usize = 256;

/// Default cap on the size of one input file.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Stack of the threads that read, parse and extract. Page depth is capped
/// (`html::MAX_DEPTH`) well below what 2 MiB holds, but other parsers
/// (feeds, mail, office XML) recurse on nesting too; address space is
/// reserved, not used, until a parser needs it.
const READER_STACK_BYTES: usize = 256 * 1024 * 1024;

/// How often an import waiting for another one's lock looks again.
const LOCK_POLL: Duration = Duration::from_millis(250);

/// One thing to import.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file or a folder (read recursively).
    Path(PathBuf),
    /// Bytes already in memory (standard input, a dropped blob), with a display name.
    Bytes {
        /// Name shown in reports, e.g. `<stdin>`.
        name: String,
        /// The content.
        bytes: Vec<u8>,
    },
}

impl Input {
    fn display(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }
}

/// Settings of one import run.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Outlet name to give every article, overriding what the inputs say.
    pub source: Option<String>,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// The time of the import (RFC 3339), passed in so the core never reads the clock.
    pub now: String,
    /// Run extraction on each new article as it is stored.
    pub extract: bool,
    /// The inputs are the extraction filter's output (`parallax extract
    /// --stdin-jsonl`): each line's article is stored with the extraction it
    /// carries, checked and not extracted again ([`extracted`]).
    pub extracted: bool,
}

impl ImportOptions {
    /// Options with the defaults: no outlet override, the default size cap,
    /// extraction on.
    pub fn new(now: impl Into<String>) -> ImportOptions {
        ImportOptions {
            source: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            now: now.into(),
            extract: true,
            extracted: false,
        }
    }
}

/// Imports `inputs` into `store`. Per-input problems are recorded in the
/// report (and the batch), never returned as errors; an `Err` means the
/// archive itself failed. Articles stored before a cancellation stay.
///
/// Reading, parsing and checking run on a reader thread; fingerprinting
/// and extraction on `workers`, one per core; this thread only writes to
/// the store. They are joined by small bounded channels, and the writer
/// takes results in input order, so the archive (rows, ids, order) is the
/// same whatever the number of threads.
pub fn import(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    import_guarded(
        store,
        inputs,
        options,
        &Safeguards::default(),
        progress,
        cancel,
    )
}

/// [`import`] with the given [`Safeguards`].
pub fn import_guarded(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    safeguards: &Safeguards,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    import_tuned(
        store,
        inputs,
        options,
        safeguards,
        &Tuning::default(),
        progress,
        cancel,
    )
}

/// [`import_guarded`] with the given [`Tuning`] (threads, a meter), which
/// never changes what is imported.
pub fn import_tuned(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    safeguards: &Safeguards,
    tuning: &Tuning<'_>,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let (lock, batch) = begin(store, inputs, options, progress, cancel)?;
    if options.extracted {
        return extracted::merge(
            store,
            inputs,
            options,
            tuning,
            (lock, batch),
            progress,
            cancel,
        );
    }
    let mut report = ImportReport::empty(batch);

    let mut files: Vec<Source<'_>> = Vec::new();
    for input in inputs {
        match input {
            Input::Path(path) => {
                let mut found = Vec::new();
                walk(path, &mut found, &mut |event| match event {
                    Walked::Failed(failure) => report.failed.push(failure),
                    Walked::Skipped { path, reason } => {
                        report.skipped += 1;
                        report.warnings.push(Warning {
                            path,
                            message: reason,
                        });
                    }
                });
                files.extend(found.into_iter().map(|(file, _)| Source::File(file)));
            }
            Input::Bytes { name, bytes } => files.push(Source::Bytes(name, bytes)),
        }
    }
    // Recorded now: a killed import still tells what it could not read.
    for failure in &report.failed {
        store.record_batch_error(batch, failure)?;
    }
    for warning in &report.warnings {
        store.record_batch_warning(batch, &warning.path, None, &warning.message)?;
    }
    let mut state = Progress::reading(files.len());

    // From here to the end of the writing no `?` returns early: the
    // connection's settings are always put back.
    let (mut run, session) = Run::start(store, options, tuning, batch, report)?;
    let workers = tuning
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
    let (pool, queue) = workers::Pool::new(workers);
    let outcome = std::thread::scope(|scope| {
        workers::Pool::start(scope, workers, &queue, tuning)?;
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Prepared>(256);
        let reader = std::thread::Builder::new()
            .name("parallax-import-reader".into())
            .stack_size(READER_STACK_BYTES)
            .spawn_scoped(scope, move || {
                prepare(&files, options, safeguards, tuning, cancel, &sender, &pool)
            });
        if let Err(e) = reader {
            return Err(Error::io("<import reader thread>", e));
        }
        let mut outcome = Ok(());
        for message in receiver {
            if cancel.load(Ordering::Relaxed) {
                run.report.cancelled = true;
                break;
            }
            match message {
                Prepared::FileStart(name) => {
                    state.current = name;
                    progress(&state);
                }
                Prepared::Item(item) => {
                    if let Err(e) = run.item(item) {
                        outcome = Err(e);
                        break;
                    }
                }
                Prepared::Pending(result) => {
                    // A worker that vanished without an answer (it cannot
                    // panic past its guard) would leave a hole in the
                    // archive's order: stop rather than skip it.
                    let item = result.recv().map_err(|_| {
                        Error::io(
                            "<import worker thread>",
                            std::io::Error::other("a worker stopped without finishing its article"),
                        )
                    });
                    if let Err(e) = item.and_then(|item| run.item(item)) {
                        outcome = Err(e);
                        break;
                    }
                }
                Prepared::FileEnd => {
                    if let Err(e) = run.file_done() {
                        outcome = Err(e);
                        break;
                    }
                    run.pending = 0;
                    state.file_done(&run.report);
                    progress(&state);
                }
            }
        }
        // Dropping the receiver (end of this closure) stops the reader thread.
        outcome
    });
    run.finish(session, outcome, lock)
}

/// Opens an import: takes the archive's import lock (see [`wait_for_lock`])
/// and starts the batch of `inputs`, returning the lock and the batch id.
fn begin(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<(ImportLock, i64)> {
    let names: Vec<String> = inputs.iter().map(Input::display).collect();
    let Some(lock) = wait_for_lock(store, progress, cancel)? else {
        return Err(Error::Cancelled);
    };
    let batch = store.begin_batch(&names, &options.now, &lock)?;
    Ok((lock, batch))
}

/// Takes the archive's import lock, waiting (and saying so through
/// `progress`) while another import holds it; `None` when cancelled while
/// waiting.
fn wait_for_lock(
    store: &Store,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<Option<ImportLock>> {
    let mut told = false;
    loop {
        if let Some(lock) = store.try_lock_imports()? {
            return Ok(Some(lock));
        }
        if cancel.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if !told {
            progress(&Progress {
                waiting: true,
                ..Progress::reading(0)
            });
            told = true;
        }
        std::thread::sleep(LOCK_POLL);
    }
}

/// An in-memory archive holding the JSONL records `lines`, imported as one
/// file: the small archive the read models' tests count over.
#[cfg(test)]
pub(crate) fn archive_of_lines(lines: &[&str]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let input = Input::Bytes {
        name: "batch.jsonl".into(),
        bytes: lines.join("\n").into_bytes(),
    };
    let options = ImportOptions {
        max_file_bytes: 1 << 20,
        ..ImportOptions::new("2024-05-01T00:00:00Z")
    };
    import(
        &mut store,
        &[input],
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    store
}
