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
mod html;
mod mail;
mod mhtml;
mod office;
pub mod pdf;
mod records;
mod text;
mod tuning;
mod validate;
mod warc;
mod workers;
mod zip;

use std::fmt;
use std::io::Read;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::extract::items::Extraction;
use crate::extract::pipeline;
use crate::model::{DatePrecision, Format, Origin, RawArticle};
use crate::store::{BatchCounts, BatchError, ImportLock, Insertion, NewArticle, Store};

pub use detect::{Detected, detect};
pub use tuning::{Meter, Stage, Tuning};
pub use validate::domain_of;

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

    fn markup_for(&self, file_bytes: u64) -> u64 {
        self.markup_floor
            .max(file_bytes.saturating_mul(self.markup_per_file_byte))
    }

    fn extraction_for(&self, file_bytes: u64) -> u64 {
        self.extraction_floor
            .max(file_bytes.saturating_mul(self.extraction_per_file_byte))
    }
}

/// Runs the PDF reader in a separate process: given a PDF's bytes, returns
/// what [`pdf::worker_main`] wrote to its standard output, or why the process
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
        }
    }
}

/// How an import bounds what a hostile file can cost beyond the size cap of
/// [`ImportOptions`]: the work each file may take and where PDFs are read.
/// [`import`] uses the default (the default [`Budget`], PDFs read on a
/// thread of this process); front ends facing untrusted files call
/// [`import_guarded`] with a [`PdfWorker`].
#[derive(Debug, Clone, Default)]
pub struct Safeguards {
    /// The work each input file may cost.
    pub budget: Budget,
    /// Reads PDFs in a separate process; `None` reads them on a thread of
    /// this process (tests, trusted corpora), where a hostile PDF's memory
    /// cannot be bounded.
    pub pdf_worker: Option<PdfWorker>,
}

/// What a parser produces for each thing it finds in a file.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An article.
    Article(RawArticle),
    /// Something that should have been an article and could not be read.
    Failed(Failure),
    /// Something deliberately passed over (a non-HTML web-archive record).
    Skipped {
        /// Where.
        origin: Origin,
        /// Why.
        reason: String,
    },
    /// A remark about a file that does not stop its import (unknown columns).
    Warning {
        /// File.
        path: String,
        /// Remark.
        message: String,
    },
}

impl Item {
    /// A failure at `origin`.
    pub fn failed(origin: Origin, error: impl Into<String>) -> Item {
        Item::Failed(Failure {
            origin,
            error: error.into(),
        })
    }
}

/// An input that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Where.
    pub origin: Origin,
    /// Why, in words a person can act on.
    pub error: String,
}

/// An input whose text was already in the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateOf {
    /// The input's path.
    pub path: String,
    /// Its line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub line: Option<u64>,
    /// Its record id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub record: Option<String>,
    /// The stored article it repeats.
    pub article: i64,
    /// That article's external id.
    pub external_id: String,
}

/// A new article linked to an existing near-duplicate.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NearDuplicateLink {
    /// The new article.
    pub article: i64,
    /// The existing article.
    pub near: i64,
    /// Estimated Jaccard similarity of their shingles.
    pub similarity: f64,
}

/// A remark about one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    /// File.
    pub path: String,
    /// Remark.
    pub message: String,
}

/// Outcome of an import run.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportReport {
    /// Batch id in the archive's import history.
    pub batch: i64,
    /// New articles stored.
    pub imported: u64,
    /// Inputs that repeated stored articles.
    pub duplicates: u64,
    /// New articles linked to near-duplicates.
    pub near_duplicates: u64,
    /// Records deliberately skipped.
    pub skipped: u64,
    /// Inputs rejected.
    pub failed: Vec<BatchError>,
    /// Which input repeated which article.
    pub duplicate_of: Vec<DuplicateOf>,
    /// Near-duplicate links made.
    pub near_duplicate_links: Vec<NearDuplicateLink>,
    /// Remarks that did not stop any input.
    pub warnings: Vec<Warning>,
    /// Ids of the new articles, in import order.
    pub article_ids: Vec<i64>,
    /// True when the run was cancelled before the end.
    pub cancelled: bool,
}

/// Progress of an import, reported after each file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    /// True while the import waits for another import of the same archive
    /// (in this process or another) to finish.
    pub waiting: bool,
    /// Files finished.
    pub files_done: u64,
    /// Files found in all inputs.
    pub files_total: u64,
    /// The file being read.
    pub current: String,
    /// New articles so far.
    pub imported: u64,
    /// Duplicates so far.
    pub duplicates: u64,
    /// Failures so far.
    pub failed: u64,
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
    let names: Vec<String> = inputs.iter().map(Input::display).collect();
    let Some(lock) = wait_for_lock(store, progress, cancel)? else {
        return Err(Error::Cancelled);
    };
    let batch = store.begin_batch(&names, &options.now, &lock)?;
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
    let mut state = Progress {
        waiting: false,
        files_done: 0,
        files_total: files.len() as u64,
        current: String::new(),
        imported: 0,
        duplicates: 0,
        failed: 0,
    };

    // From here to the end of the writing no `?` returns early: the
    // connection's settings are always put back.
    let session = store.begin_import_session(tuning.session)?;
    let mut run = Run {
        store,
        options,
        tuning,
        batch,
        report,
        pending: 0,
    };
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
                    state.files_done += 1;
                    state.imported = run.report.imported;
                    state.duplicates = run.report.duplicates;
                    state.failed = run.report.failed.len() as u64;
                    progress(&state);
                }
            }
        }
        // Dropping the receiver (end of this closure) stops the reader thread.
        outcome
    });
    let end = tuning.measure(Stage::Commit, || run.store.end_bulk());
    let ended = run.store.end_import_session(session);
    let outcome = outcome.and(end).and(ended);
    let report = run.report;
    let counts = report.counts();
    let status = if report.cancelled {
        "cancelled"
    } else if outcome.is_err() {
        "interrupted"
    } else {
        "finished"
    };
    store.finish_batch(batch, counts, status, &options.now)?;
    drop(lock);
    outcome.map(|()| report)
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
                files_done: 0,
                files_total: 0,
                current: String::new(),
                imported: 0,
                duplicates: 0,
                failed: 0,
            });
            told = true;
        }
        std::thread::sleep(LOCK_POLL);
    }
}

/// Runs the extraction pipeline on an article about to be stored.
fn extract_new(article: &NewArticle) -> Extraction {
    let domain = article
        .source_domain
        .clone()
        .or_else(|| article.url.as_deref().and_then(domain_of));
    pipeline::run(&pipeline::Input {
        title: article.title.as_deref(),
        text: &article.text,
        published: article
            .published
            .as_ref()
            .filter(|p| p.precision == DatePrecision::Day)
            .map(|p| p.date),
        region_hint: domain.as_deref().and_then(pipeline::region_hint_for_domain),
    })
}

/// One file to read: on disk, or bytes handed in.
enum Source<'a> {
    File(PathBuf),
    Bytes(&'a str, &'a [u8]),
}

/// What the reader thread sends the writer, in input order.
enum Prepared {
    FileStart(String),
    Item(Ready),
    /// An article a worker is finishing: its result arrives here.
    Pending(Receiver<Ready>),
    FileEnd,
}

/// A parsed item, validated when it is an article.
enum Ready {
    Article(Box<NewArticle>, Origin, Option<Box<Extraction>>),
    Other(Item),
}

/// Where a reader sends what it finds in one file, with what reading that
/// file may still cost. Readers call [`Sink::emit`] for each item, ask
/// [`Sink::spend_markup`] before parsing a page, and stop at the next
/// record once [`Sink::stopped`] (the import was cancelled).
pub(crate) struct Sink<'a> {
    emit: &'a mut dyn FnMut(Item),
    /// Bytes of markup the file may still have parsed.
    markup_left: u64,
    /// Pages not read because the markup budget was spent.
    pages_cut: u64,
    cancel: Option<&'a AtomicBool>,
    pdf_worker: Option<&'a PdfWorker>,
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

/// The reader thread: reads, detects, parses and validates every file in
/// order. Stops when cancelled or when the writer hangs up.
fn prepare(
    files: &[Source<'_>],
    options: &ImportOptions,
    safeguards: &Safeguards,
    tuning: &Tuning<'_>,
    cancel: &AtomicBool,
    sender: &SyncSender<Prepared>,
    pool: &workers::Pool,
) {
    for file in files {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let (display, bytes) = match file {
            Source::File(path) => (
                path.display().to_string(),
                tuning
                    .measure(Stage::Parse, || read_capped(path, options.max_file_bytes))
                    .map(std::borrow::Cow::Owned),
            ),
            Source::Bytes(name, bytes) if bytes.len() as u64 > options.max_file_bytes => (
                name.to_string(),
                Err(too_large(bytes.len() as u64, options.max_file_bytes)),
            ),
            Source::Bytes(name, bytes) => {
                (name.to_string(), Ok(std::borrow::Cow::Borrowed(*bytes)))
            }
        };
        if sender.send(Prepared::FileStart(display.clone())).is_err() {
            return;
        }
        let mut hung_up = false;
        match bytes {
            Ok(bytes) => {
                let file_bytes = bytes.len() as u64;
                let mut extraction_left = safeguards.budget.extraction_for(file_bytes);
                let mut not_extracted = 0u64;
                let pages_cut = {
                    let mut forward = |item: Item| {
                        if hung_up {
                            return;
                        }
                        for planned in plan_item(
                            item,
                            options,
                            tuning,
                            &mut extraction_left,
                            &mut not_extracted,
                        ) {
                            let message = match planned {
                                Planned::Job(job) => match pool.submit(job) {
                                    Some(result) => Prepared::Pending(result),
                                    None => {
                                        hung_up = true;
                                        continue;
                                    }
                                },
                                Planned::Other(item) => Prepared::Item(Ready::Other(item)),
                            };
                            hung_up = hung_up || sender.send(message).is_err();
                        }
                    };
                    let mut sink = Sink {
                        emit: &mut forward,
                        markup_left: safeguards.budget.markup_for(file_bytes),
                        pages_cut: 0,
                        cancel: Some(cancel),
                        pdf_worker: safeguards.pdf_worker.as_ref(),
                    };
                    // A parser that panics (a library's bug on input nobody
                    // foresaw) fails this file, not the import.
                    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        tuning.measure(Stage::Parse, || {
                            read_bytes(&Origin::file(&display), &bytes, 0, &mut sink)
                        })
                    }));
                    if let Err(panic) = read {
                        let message = panic_message(panic.as_ref());
                        sink.emit(Item::failed(
                            Origin::file(&display),
                            format!("the reader crashed on this file ({message}); what it read before is kept"),
                        ));
                    }
                    sink.pages_cut
                };
                let mut warnings = Vec::new();
                if pages_cut > 0 {
                    warnings.push(format!(
                        "{pages_cut} page{} not read: the file's budget of {} MB of markup was spent (split the file to read them)",
                        plural(pages_cut),
                        safeguards.budget.markup_for(file_bytes) >> 20
                    ));
                }
                if not_extracted > 0 {
                    warnings.push(format!(
                        "{not_extracted} article{} stored without extraction: the file's budget of {:.1} million characters of extraction was spent (run `parallax extract` to extract them)",
                        plural(not_extracted),
                        safeguards.budget.extraction_for(file_bytes) as f64 / 1e6
                    ));
                }
                for message in warnings {
                    let warning = Item::Warning {
                        path: display.clone(),
                        message,
                    };
                    hung_up =
                        hung_up || sender.send(Prepared::Item(Ready::Other(warning))).is_err();
                }
            }
            Err(error) => {
                hung_up = sender
                    .send(Prepared::Item(Ready::Other(Item::failed(
                        Origin::file(&display),
                        error,
                    ))))
                    .is_err()
            }
        }
        if hung_up || sender.send(Prepared::FileEnd).is_err() {
            return;
        }
    }
}

/// What a caught panic said, for the failure it becomes.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown error".into())
}

fn plural(count: u64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// An article checked and granted (or refused) extraction from its
/// file's budget, still to be fingerprinted and extracted: work that needs
/// nothing but the article, so it runs on the [`workers`].
struct Job {
    checked: validate::Checked,
    origin: Origin,
    extract: bool,
}

/// What the reader makes of one item, in order: an article's job, then
/// any remarks about it.
enum Planned {
    Job(Job),
    Other(Item),
}

/// Checks an article and decides, while the file's extraction budget
/// lasts, whether it is extracted; says so when extraction will read only
/// part of a long text. Runs in input order on the reader thread, so the
/// budget is spent the same way whatever the number of threads.
fn plan_item(
    item: Item,
    options: &ImportOptions,
    tuning: &Tuning<'_>,
    extraction_left: &mut u64,
    not_extracted: &mut u64,
) -> Vec<Planned> {
    let Item::Article(raw) = item else {
        return vec![Planned::Other(item)];
    };
    let origin = raw.origin.clone();
    let checked = tuning.measure(Stage::Validate, || {
        validate::check(raw, options.source.as_deref())
    });
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => return vec![Planned::Other(Item::Failed(Failure { origin, error }))],
    };
    let mut remarks = Vec::new();
    let mut extract = false;
    if options.extract {
        let text = checked.text();
        let text_chars = text.chars().count();
        let read_chars = pipeline::extracted_part(text, pipeline::MAX_TEXT_CHARS)
            .chars()
            .count();
        let title_chars = checked.title().map_or(0, |t| t.chars().count());
        let cost = (read_chars + title_chars.min(pipeline::MAX_TITLE_CHARS)) as u64;
        if cost <= *extraction_left {
            *extraction_left -= cost;
            extract = true;
            let what = record_name(&origin);
            if read_chars < text_chars {
                remarks.push(Planned::Other(Item::Warning {
                    path: origin.path.clone(),
                    message: format!(
                        "{what}text is {text_chars} characters; extraction read the first {read_chars} (all of it is stored and searchable)"
                    ),
                }));
            }
            if title_chars > pipeline::MAX_TITLE_CHARS {
                remarks.push(Planned::Other(Item::Warning {
                    path: origin.path.clone(),
                    message: format!(
                        "{what}title is {title_chars} characters; extraction read the first {}",
                        pipeline::MAX_TITLE_CHARS
                    ),
                }));
            }
        } else {
            *extraction_left = 0;
            *not_extracted += 1;
        }
    }
    remarks.insert(
        0,
        Planned::Job(Job {
            checked,
            origin,
            extract,
        }),
    );
    remarks
}

/// Fingerprints an article and extracts it when its job says so.
fn finish(job: Job, tuning: &Tuning<'_>) -> Ready {
    let article = tuning.measure(Stage::Fingerprint, || job.checked.fingerprint());
    let extraction = job
        .extract
        .then(|| Box::new(tuning.measure(Stage::Extract, || extract_new(&article))));
    Ready::Article(Box::new(article), job.origin, extraction)
}

/// "record 12 (line 3): " or "line 3: " or "" — which part of a file a
/// remark is about.
fn record_name(origin: &Origin) -> String {
    match (&origin.record, origin.line) {
        (Some(record), Some(line)) => format!("record {record} (line {line}): "),
        (Some(record), None) => format!("record {record}: "),
        (None, Some(line)) => format!("line {line}: "),
        (None, None) => String::new(),
    }
}

impl ImportReport {
    fn counts(&self) -> BatchCounts {
        BatchCounts {
            imported: self.imported,
            duplicates: self.duplicates,
            near_duplicates: self.near_duplicates,
            failed: self.failed.len() as u64,
            skipped: self.skipped,
        }
    }

    fn empty(batch: i64) -> Self {
        ImportReport {
            batch,
            imported: 0,
            duplicates: 0,
            near_duplicates: 0,
            skipped: 0,
            failed: Vec::new(),
            duplicate_of: Vec::new(),
            near_duplicate_links: Vec::new(),
            warnings: Vec::new(),
            article_ids: Vec::new(),
            cancelled: false,
        }
    }
}

/// The writer's side of an import.
struct Run<'a> {
    store: &'a mut Store,
    options: &'a ImportOptions,
    tuning: &'a Tuning<'a>,
    batch: i64,
    report: ImportReport,
    /// Articles written since the last commit. Commits happen every
    /// [`BULK_ARTICLES`] articles and at the end of each file, so a crash
    /// loses at most one uncommitted group (every stored article is whole)
    /// and a rerun completes the rest.
    pending: usize,
}

impl Run<'_> {
    fn item(&mut self, item: Ready) -> Result<()> {
        match item {
            Ready::Article(article, origin, extraction) => {
                if self.pending == 0 {
                    self.store.begin_bulk()?;
                }
                let insertion = self.tuning.measure(Stage::StoreArticle, || {
                    self.store
                        .insert_article(&article, Some(self.batch), &self.options.now)
                })?;
                self.pending += 1;
                if self.pending >= BULK_ARTICLES {
                    self.tuning
                        .measure(Stage::Commit, || self.store.end_bulk())?;
                    self.pending = 0;
                }
                match insertion {
                    Insertion::New {
                        id,
                        near_duplicates,
                    } => {
                        if let Some(mut extraction) = extraction {
                            self.tuning.measure(Stage::StoreExtraction, || {
                                self.store.save_extraction(id, &mut extraction)
                            })?;
                        }
                        self.report.imported += 1;
                        if article.text.is_empty() {
                            let at = origin
                                .line
                                .map(|l| format!(" (line {l})"))
                                .unwrap_or_default();
                            let message = format!(
                                "record {}{at} has a headline but no text: stored headline-only",
                                article.external_id
                            );
                            self.store.record_batch_warning(
                                self.batch,
                                &origin.path,
                                origin.line,
                                &message,
                            )?;
                            self.report.warnings.push(Warning {
                                path: origin.path.clone(),
                                message,
                            });
                        }
                        self.report.article_ids.push(id);
                        if !near_duplicates.is_empty() {
                            self.report.near_duplicates += 1;
                        }
                        self.report
                            .near_duplicate_links
                            .extend(near_duplicates.into_iter().map(|(near, similarity)| {
                                NearDuplicateLink {
                                    article: id,
                                    near,
                                    similarity,
                                }
                            }));
                    }
                    Insertion::Duplicate { id, external_id } => {
                        self.report.duplicates += 1;
                        self.report.duplicate_of.push(DuplicateOf {
                            path: origin.path,
                            line: origin.line,
                            record: origin.record,
                            article: id,
                            external_id,
                        });
                    }
                }
            }
            Ready::Other(Item::Article(_)) => {}
            Ready::Other(Item::Failed(failure)) => self.fail(failure)?,
            Ready::Other(Item::Skipped { .. }) => self.report.skipped += 1,
            Ready::Other(Item::Warning { path, message }) => {
                self.store
                    .record_batch_warning(self.batch, &path, None, &message)?;
                self.report.warnings.push(Warning { path, message })
            }
        }
        Ok(())
    }

    /// Records a failure in the report and, at once, in the batch: a killed
    /// import still tells what it could not read.
    fn fail(&mut self, failure: Failure) -> Result<()> {
        let error = BatchError {
            path: failure.origin.path,
            line: failure.origin.line,
            record: failure.origin.record,
            error: failure.error,
        };
        self.report.failed.push(error);
        if let Some(error) = self.report.failed.last() {
            self.store
                .record_batch_failure(self.batch, error, self.report.counts())?;
        }
        Ok(())
    }

    /// Commits what the file brought, with the batch's counts so far.
    fn file_done(&mut self) -> Result<()> {
        self.tuning.measure(Stage::Commit, || {
            self.store.begin_bulk()?;
            self.store
                .update_batch_counts(self.batch, self.report.counts())?;
            self.store.end_bulk()
        })?;
        self.pending = 0;
        Ok(())
    }
}

/// Parses one file's bytes (or a container entry's) into items. `depth` is
/// the container nesting level, for formats that recurse (zip).
pub(crate) fn read_bytes(origin: &Origin, bytes: &[u8], depth: u32, sink: &mut Sink<'_>) {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        sink.emit(Item::failed(origin.clone(), "empty file"));
        return;
    }
    let format = match detect(&origin.path, bytes) {
        Detected::Format(format) => format,
        Detected::Gzip => {
            sink.emit(Item::failed(
                origin.clone(),
                "gzip-compressed file that is not a WARC archive",
            ));
            return;
        }
        Detected::Unsupported(mime) => {
            sink.emit(Item::failed(
                origin.clone(),
                format!("binary file ({mime}) is not a supported format"),
            ));
            return;
        }
    };
    let decode = |declared: Option<&str>| -> Result<String, String> {
        encoding::decode(bytes, declared)
            .map(|d| d.text)
            .map_err(|e| e.to_string())
    };
    let path = origin.path.as_str();
    match format {
        Format::Text | Format::Markdown => match decode(None) {
            Ok(text) => {
                let mut article = text::parse(&text, format);
                article.origin = origin.clone();
                sink.emit(Item::Article(article));
            }
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Html => match decode(html::declared_charset(bytes).as_deref()) {
            Ok(text) if !sink.spend_markup(text.len()) => {}
            Ok(text) => match html::parse(&text, None) {
                Ok(mut article) => {
                    article.origin = origin.clone();
                    sink.emit(Item::Article(article));
                }
                Err(e) => sink.emit(Item::failed(origin.clone(), e.to_string())),
            },
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Jsonl | Format::Json | Format::Csv => match decode(None) {
            Ok(text) => match format {
                Format::Jsonl => records::parse_jsonl(&text, path, sink),
                Format::Json => records::parse_json(&text, path, sink),
                _ => records::parse_csv(&text, path, sink),
            },
            Err(e) => sink.emit(Item::failed(origin.clone(), e)),
        },
        Format::Pdf => pdf::read(origin, bytes, sink),
        Format::Email => mail::read_message(origin, bytes, sink),
        Format::Mbox => mail::read_mbox(origin, bytes, sink),
        Format::Warc => warc::read(origin, bytes, &Default::default(), sink),
        Format::Wacz => warc::read_wacz(origin, bytes, sink),
        Format::Feed => feed::read(origin, bytes, sink),
        Format::Docx => office::read_docx(origin, bytes, sink),
        Format::Odt => office::read_odt(origin, bytes, sink),
        Format::Epub => epub::read(origin, bytes, sink),
        Format::Mhtml => mhtml::read(origin, bytes, sink),
        Format::Zip => zip::read(origin, bytes, depth, sink),
    }
}

fn too_large(size: u64, max: u64) -> String {
    format!(
        "file is {:.1} MB, over the {:.0} MB limit (raise it with --max-size)",
        size as f64 / 1e6,
        max as f64 / (1024.0 * 1024.0)
    )
}

/// Reads a regular file, refusing it when larger than `max` bytes. It is
/// opened without blocking and checked on the open handle (a FIFO put in a
/// listed file's place would block the import forever), and read through
/// `take(max + 1)`: a size in the metadata is not trusted to be where the
/// data ends.
fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "file grew past the {:.0} MB limit while being read (raise it with --max-size)",
            max as f64 / (1024.0 * 1024.0)
        ));
    }
    Ok(bytes)
}

/// Why a path that is not a regular file or folder is not read.
fn not_regular(kind: &std::fs::FileType) -> String {
    let what = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                "a FIFO (named pipe)"
            } else if kind.is_char_device() {
                "a character device"
            } else if kind.is_block_device() {
                "a block device"
            } else if kind.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            let _ = kind;
            "not a regular file"
        }
    };
    format!("skipped: {what}, not a regular file (use `-` to import standard input)")
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What the walk found besides files to read.
enum Walked {
    /// A path that could not be listed or read.
    Failed(BatchError),
    /// A path deliberately not read (a FIFO, a device, a socket).
    Skipped { path: String, reason: String },
}

/// Lists the regular files under `path` (itself if a file), sorted,
/// skipping hidden entries; each is returned with the root it was found
/// under. Symlinks to files are followed, and what they point at is judged:
/// a link to `/dev/zero` is a device.
fn walk(path: &Path, files: &mut Vec<(PathBuf, String)>, report: &mut dyn FnMut(Walked)) {
    let root = path.display().to_string();
    let mut stack = vec![path.to_path_buf()];
    let mut found = Vec::new();
    while let Some(current) = stack.pop() {
        let meta = match std::fs::metadata(&current) {
            Ok(m) => m,
            Err(e) => {
                report(Walked::Failed(BatchError {
                    path: current.display().to_string(),
                    line: None,
                    record: None,
                    error: io_reason(&e),
                }));
                continue;
            }
        };
        if meta.is_dir() {
            match std::fs::read_dir(&current) {
                Ok(entries) => {
                    let mut children: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok())
                        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                        // Symlinked folders could loop; files behind symlinks are fine.
                        .filter(|e| {
                            !(e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir())
                        })
                        .map(|e| e.path())
                        .collect();
                    children.sort();
                    stack.extend(children.into_iter().rev());
                }
                Err(e) => report(Walked::Failed(BatchError {
                    path: current.display().to_string(),
                    line: None,
                    record: None,
                    error: io_reason(&e),
                })),
            }
        } else if meta.is_file() {
            found.push(current);
        } else {
            report(Walked::Skipped {
                path: current.display().to_string(),
                reason: not_regular(&meta.file_type()),
            });
        }
    }
    files.extend(found.into_iter().map(|f| (f, root.clone())));
}
