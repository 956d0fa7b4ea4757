//! Import: from files, folders and byte streams to stored articles.
//!
//! The flow is `walk` (inputs → files, sorted, so imports are deterministic)
//! → read with a size cap → `detect` the format by content → parse into
//! [`RawArticle`]s (one file may hold many) → `validate` → store, one
//! transaction per article. Anything wrong with one input is recorded as a
//! failure naming the file (and line or record) and the import goes on.

pub mod dates;
pub mod detect;
pub mod encoding;
mod epub;
mod feed;
mod html;
mod mail;
mod mhtml;
mod office;
mod pdf;
mod records;
mod text;
mod validate;
mod warc;
mod zip;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;

use serde::Serialize;

use crate::error::Result;
use crate::extract::items::Extraction;
use crate::extract::pipeline;
use crate::model::{DatePrecision, Format, Origin, RawArticle};
use crate::store::{BatchCounts, BatchError, Insertion, NewArticle, Store};

pub use detect::{Detected, detect};
pub use validate::domain_of;

/// Articles stored per commit during an import.
const BULK_ARTICLES: usize = 256;

/// Default cap on the size of one input file.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateOf {
    /// The input's path.
    pub path: String,
    /// Its line, for line-oriented formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Its record id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The stored article it repeats.
    pub article: i64,
    /// That article's external id.
    pub external_id: String,
}

/// A new article linked to an existing near-duplicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearDuplicateLink {
    /// The new article.
    pub article: i64,
    /// The existing article.
    pub near: i64,
    /// Estimated Jaccard similarity of their shingles.
    pub similarity: f64,
}

/// A remark about one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// File.
    pub path: String,
    /// Remark.
    pub message: String,
}

/// Outcome of an import run.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
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
/// Reading, parsing and validating (hashing, language detection) run on a
/// second thread while this one writes to the store, connected by a small
/// bounded channel: the two halves take about the same time, and the order
/// of articles — hence the archive — stays exactly the order of the inputs.
pub fn import(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let names: Vec<String> = inputs.iter().map(Input::display).collect();
    let batch = store.begin_batch(&names, &options.now)?;
    let mut report = ImportReport::empty(batch);

    let mut files: Vec<Source<'_>> = Vec::new();
    for input in inputs {
        match input {
            Input::Path(path) => {
                let mut found = Vec::new();
                walk(path, &mut found, &mut |failure| report.failed.push(failure));
                files.extend(found.into_iter().map(|(file, _)| Source::File(file)));
            }
            Input::Bytes { name, bytes } => files.push(Source::Bytes(name, bytes)),
        }
    }
    let mut state = Progress {
        files_done: 0,
        files_total: files.len() as u64,
        current: String::new(),
        imported: 0,
        duplicates: 0,
        failed: 0,
    };

    let mut run = Run {
        store,
        options,
        batch,
        report,
        pending: 0,
    };
    let outcome = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Prepared>(256);
        scope.spawn(move || prepare(&files, options, cancel, &sender));
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
                Prepared::FileEnd => {
                    if let Err(e) = run.store.end_bulk() {
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
    let end = run.store.end_bulk();
    let outcome = outcome.and(end);
    let report = run.report;
    let counts = BatchCounts {
        imported: report.imported,
        duplicates: report.duplicates,
        near_duplicates: report.near_duplicates,
        failed: report.failed.len() as u64,
        skipped: report.skipped,
    };
    for failure in &report.failed {
        store.record_batch_error(batch, failure)?;
    }
    let status = if report.cancelled {
        "cancelled"
    } else if outcome.is_err() {
        "interrupted"
    } else {
        "finished"
    };
    store.finish_batch(batch, counts, status, &options.now)?;
    outcome.map(|()| report)
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

/// What the reader thread sends the writer.
enum Prepared {
    FileStart(String),
    Item(Ready),
    FileEnd,
}

/// A parsed item, validated when it is an article.
enum Ready {
    Article(Box<NewArticle>, Origin, Option<Box<Extraction>>),
    Other(Item),
}

/// The reader thread: reads, detects, parses and validates every file in
/// order. Stops when cancelled or when the writer hangs up.
fn prepare(
    files: &[Source<'_>],
    options: &ImportOptions,
    cancel: &AtomicBool,
    sender: &SyncSender<Prepared>,
) {
    for file in files {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let (display, bytes) = match file {
            Source::File(path) => (
                path.display().to_string(),
                read_capped(path, options.max_file_bytes),
            ),
            Source::Bytes(name, bytes) if bytes.len() as u64 > options.max_file_bytes => (
                name.to_string(),
                Err(too_large(bytes.len() as u64, options.max_file_bytes)),
            ),
            Source::Bytes(name, bytes) => (name.to_string(), Ok(bytes.to_vec())),
        };
        if sender.send(Prepared::FileStart(display.clone())).is_err() {
            return;
        }
        let mut hung_up = false;
        match bytes {
            Ok(bytes) => read_bytes(&Origin::file(&display), &bytes, 0, &mut |item| {
                if hung_up {
                    return;
                }
                let ready = match item {
                    Item::Article(raw) => {
                        let origin = raw.origin.clone();
                        match validate::validate(raw, options.source.as_deref()) {
                            Ok(article) => {
                                let extraction =
                                    options.extract.then(|| Box::new(extract_new(&article)));
                                Ready::Article(Box::new(article), origin, extraction)
                            }
                            Err(error) => Ready::Other(Item::Failed(Failure { origin, error })),
                        }
                    }
                    other => Ready::Other(other),
                };
                hung_up = sender.send(Prepared::Item(ready)).is_err();
            }),
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

impl ImportReport {
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
                let insertion =
                    self.store
                        .insert_article(&article, Some(self.batch), &self.options.now)?;
                self.pending += 1;
                if self.pending >= BULK_ARTICLES {
                    self.store.end_bulk()?;
                    self.pending = 0;
                }
                match insertion {
                    Insertion::New {
                        id,
                        near_duplicates,
                    } => {
                        if let Some(mut extraction) = extraction {
                            self.store.save_extraction(id, &mut extraction)?;
                        }
                        self.report.imported += 1;
                        if article.text.is_empty() {
                            let at = origin
                                .line
                                .map(|l| format!(" (line {l})"))
                                .unwrap_or_default();
                            self.report.warnings.push(Warning {
                                path: origin.path.clone(),
                                message: format!("record {}{at} has a headline but no text: stored headline-only", article.external_id),
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
            Ready::Other(Item::Failed(failure)) => self.fail(failure),
            Ready::Other(Item::Skipped { .. }) => self.report.skipped += 1,
            Ready::Other(Item::Warning { path, message }) => {
                self.report.warnings.push(Warning { path, message })
            }
        }
        Ok(())
    }

    fn fail(&mut self, failure: Failure) {
        self.report.failed.push(BatchError {
            path: failure.origin.path,
            line: failure.origin.line,
            record: failure.origin.record,
            error: failure.error,
        });
    }
}

/// Parses one file's bytes (or a container entry's) into items. `depth` is
/// the container nesting level, for formats that recurse (zip).
pub(crate) fn read_bytes(origin: &Origin, bytes: &[u8], depth: u32, emit: &mut dyn FnMut(Item)) {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        emit(Item::failed(origin.clone(), "empty file"));
        return;
    }
    let format = match detect(&origin.path, bytes) {
        Detected::Format(format) => format,
        Detected::Gzip => {
            emit(Item::failed(
                origin.clone(),
                "gzip-compressed file that is not a WARC archive",
            ));
            return;
        }
        Detected::Unsupported(mime) => {
            emit(Item::failed(
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
                emit(Item::Article(article));
            }
            Err(e) => emit(Item::failed(origin.clone(), e)),
        },
        Format::Html => match decode(html::declared_charset(bytes).as_deref()) {
            Ok(text) => match html::parse(&text, None) {
                Ok(mut article) => {
                    article.origin = origin.clone();
                    emit(Item::Article(article));
                }
                Err(e) => emit(Item::failed(origin.clone(), e.to_string())),
            },
            Err(e) => emit(Item::failed(origin.clone(), e)),
        },
        Format::Jsonl | Format::Json | Format::Csv => match decode(None) {
            Ok(text) => match format {
                Format::Jsonl => records::parse_jsonl(&text, path, emit),
                Format::Json => records::parse_json(&text, path, emit),
                _ => records::parse_csv(&text, path, emit),
            },
            Err(e) => emit(Item::failed(origin.clone(), e)),
        },
        Format::Pdf => pdf::read(origin, bytes, emit),
        Format::Email => mail::read_message(origin, bytes, emit),
        Format::Mbox => mail::read_mbox(origin, bytes, emit),
        Format::Warc => warc::read(origin, bytes, &Default::default(), emit),
        Format::Wacz => warc::read_wacz(origin, bytes, emit),
        Format::Feed => feed::read(origin, bytes, emit),
        Format::Docx => office::read_docx(origin, bytes, emit),
        Format::Odt => office::read_odt(origin, bytes, emit),
        Format::Epub => epub::read(origin, bytes, emit),
        Format::Mhtml => mhtml::read(origin, bytes, emit),
        Format::Zip => zip::read(origin, bytes, depth, emit),
    }
}

fn too_large(size: u64, max: u64) -> String {
    format!(
        "file is {:.1} MB, over the {:.0} MB limit (raise it with --max-size)",
        size as f64 / 1e6,
        max as f64 / (1024.0 * 1024.0)
    )
}

/// Reads a file, refusing it when larger than `max` bytes.
fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    std::fs::read(path).map_err(|e| io_reason(&e))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Lists the files under `path` (itself if a file), sorted, skipping hidden
/// entries; each is returned with the root it was found under.
fn walk(path: &Path, files: &mut Vec<(PathBuf, String)>, fail: &mut dyn FnMut(BatchError)) {
    let root = path.display().to_string();
    let mut stack = vec![path.to_path_buf()];
    let mut found = Vec::new();
    while let Some(current) = stack.pop() {
        let meta = match std::fs::metadata(&current) {
            Ok(m) => m,
            Err(e) => {
                fail(BatchError {
                    path: current.display().to_string(),
                    line: None,
                    record: None,
                    error: io_reason(&e),
                });
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
                Err(e) => fail(BatchError {
                    path: current.display().to_string(),
                    line: None,
                    record: None,
                    error: io_reason(&e),
                }),
            }
        } else {
            found.push(current);
        }
    }
    files.extend(found.into_iter().map(|f| (f, root.clone())));
}
