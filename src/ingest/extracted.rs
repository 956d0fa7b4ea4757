//! Extraction as a stateless filter, and its output merged back into an
//! archive (issue 15).
//!
//! [`extract_record`] takes one JSON Lines article record (the fields a
//! JSONL import reads) and returns one [`ExtractedLine`]: the record as
//! read, its extraction (every item with its span, exact text and the
//! extractor version; the main event inside it), the body's MinHash
//! signature and the story blocking keys that need no archive
//! ([`crate::stories::blocking`]). It holds no state and reads nothing but
//! its argument, so any number of processes on any number of machines can
//! run it over slices of a corpus (`parallax extract --stdin-jsonl`, under
//! Spark's `RDD.pipe`).
//!
//! [`merge`] (an import with [`ImportOptions::extracted`]) stores such lines as a local import would have
//! stored the records, without extracting again: each record goes through
//! the import's own reading and checking (records, `validate`,
//! fingerprints), the extraction must come from this build's extractor and
//! every span must hold its text in the checked article, and the article
//! and its extraction are then written by the import's writer. A line that
//! fails a check is a failure of the batch naming the file, the line and
//! the reason; the import goes on.
//!
//! Two things differ from a local import by design: the filter sees one
//! record at a time, so the per-file extraction budget (a guard against a
//! small file that costs hours) does not apply — each record is still read
//! up to extraction's per-article limit — and a record's origin is what the
//! filter was told (`--path`, the line numbers of its input or of its
//! envelope), not the extracted file's.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    Failure, ImportOptions, ImportReport, Input, Item, Planned, Progress, Ready, Run, Tuning,
    Warning, finish, plan_item, records,
};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::items::{EXTRACTOR_VERSION, Extraction};
use crate::model::Origin;
use crate::store::{ImportLock, NewArticle, Store};
use crate::stories::blocking;

/// Version of the line format below; a reader refuses other versions.
pub const EXTRACTED_FORMAT: u32 = 1;

/// Longest line [`merge`] reads: a record of the import's
/// largest file with its extraction. Longer lines are refused unread.
const MAX_LINE_BYTES: u64 = 256 * 1024 * 1024;

/// One line of the filter's output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ExtractedLine {
    /// The record is an article, extracted.
    Extracted(Box<ExtractedArticle>),
    /// The record is no article (malformed, no text, too short): why.
    Failed(FailedRecord),
}

/// An article record with its extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedArticle {
    /// [`EXTRACTED_FORMAT`].
    pub format: u32,
    /// Where the record was read (file as the filter was told, line).
    pub origin: Origin,
    /// The article's id as the archive will know it (the record's id, else
    /// the file stem and line).
    pub external_id: String,
    /// The outlet name the filter was told to give every article
    /// (`--source`), which the merge gives too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_override: Option<String>,
    /// The record as read: the merge reads it again exactly as an import
    /// would, so the stored article is the one a local import stores.
    pub record: Map<String, Value>,
    /// What extraction found, with the extractor version and the main
    /// event; spans index the checked headline and text.
    pub extraction: Extraction,
    /// MinHash signature of the body (128 values; near-duplicates and the
    /// band keys come from it).
    pub signature: Vec<u32>,
    /// Story blocking keys that need no archive: `person:…`, `place:…@…`,
    /// `band:…` ([`crate::stories::blocking`]).
    pub blocking_keys: Vec<String>,
    /// Remarks an import would record for this article (text longer than
    /// extraction reads).
    pub warnings: Vec<String>,
    /// The record's fields that map to no article field.
    pub ignored_fields: Vec<String>,
}

/// A record that is no article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedRecord {
    /// [`EXTRACTED_FORMAT`].
    pub format: u32,
    /// Where the record was read.
    pub origin: Origin,
    /// Why it is no article, in words a person can act on.
    pub error: String,
}

/// Runs the import's reading, checking, fingerprinting and extraction on
/// one JSON Lines record found at `origin` (path and line), with
/// `source` as every article's outlet when given. `None` for a blank line,
/// which a JSONL import skips too. Never panics: an extraction that would
/// crash fails the record.
pub fn extract_record(line: &str, origin: Origin, source: Option<&str>) -> Option<ExtractedLine> {
    let line = line.trim_start_matches('\u{feff}').trim();
    if line.is_empty() {
        return None;
    }
    let failed = |origin: Origin, error: String| {
        Some(ExtractedLine::Failed(FailedRecord {
            format: EXTRACTED_FORMAT,
            origin,
            error,
        }))
    };
    let record = match records::parse_jsonl_object(line) {
        Ok(record) => record,
        Err(error) => return failed(origin, error),
    };
    let (item, ignored_fields) = records::read_object(&record, origin.clone());
    let options = filter_options(source);
    let (job, warnings) = match planned(item, &options) {
        Ok(planned) => planned,
        Err(failure) => return failed(failure.origin, failure.error),
    };
    let tuning = Tuning::default();
    let finished = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| finish(job, &tuning)));
    let (article, origin, extraction) = match finished {
        Ok(Ready::Article(article, origin, Some(extraction))) => (article, origin, extraction),
        Ok(_) => return failed(origin, "the article was not extracted".into()),
        Err(panic) => {
            return failed(
                origin,
                format!(
                    "extraction crashed on this article ({})",
                    super::panic_message(panic.as_ref())
                ),
            );
        }
    };
    let NewArticle {
        external_id,
        title,
        text,
        source_name,
        source_domain,
        published,
        signature,
        ..
    } = *article;
    let document = Document {
        id: 0,
        external_id,
        source: source_name.or(source_domain),
        title,
        published: published.map(|p| p.date),
        text,
        extraction: *extraction,
    };
    let blocking_keys = blocking::article_keys(&document, &signature);
    Some(ExtractedLine::Extracted(Box::new(ExtractedArticle {
        format: EXTRACTED_FORMAT,
        origin,
        external_id: document.external_id,
        source_override: source.map(str::to_string),
        record,
        extraction: document.extraction,
        signature: signature.0.to_vec(),
        blocking_keys,
        warnings,
        ignored_fields,
    })))
}

/// The import settings the filter and the merge read records with:
/// extraction on, the outlet override given.
fn filter_options(source: Option<&str>) -> ImportOptions {
    ImportOptions {
        source: source.map(str::to_string),
        extract: true,
        ..ImportOptions::new("")
    }
}

/// The import's plan for one read item: the article's job and the
/// remarks about it, or why it is no article. Extraction is granted
/// without a file budget (the filter sees one record, not the file).
fn planned(
    item: Item,
    options: &ImportOptions,
) -> std::result::Result<(super::Job, Vec<String>), Failure> {
    let origin = match &item {
        Item::Article(raw) => raw.origin.clone(),
        Item::Failed(failure) => return Err(failure.clone()),
        Item::Skipped { origin, reason } => {
            return Err(Failure {
                origin: origin.clone(),
                error: reason.clone(),
            });
        }
        Item::Warning { path, message } => {
            return Err(Failure {
                origin: Origin::file(path),
                error: message.clone(),
            });
        }
    };
    let mut unlimited = u64::MAX;
    let mut not_extracted = 0;
    let mut job = None;
    let mut warnings = Vec::new();
    for planned in plan_item(
        item,
        options,
        &Tuning::default(),
        &mut unlimited,
        &mut not_extracted,
    ) {
        match planned {
            Planned::Job(planned_job) => job = Some(planned_job),
            Planned::Other(Item::Warning { message, .. }) => warnings.push(message),
            Planned::Other(Item::Failed(failure)) => return Err(failure),
            Planned::Other(_) => {}
        }
    }
    job.map(|job| (job, warnings)).ok_or(Failure {
        origin,
        error: "the record was not planned for extraction".into(),
    })
}

/// An extracted article checked against this build: the article as the
/// import stores it, its extraction and the remarks about it.
struct Checked {
    article: NewArticle,
    origin: Origin,
    extraction: Extraction,
    warnings: Vec<String>,
    ignored_fields: Vec<String>,
}

/// Reads the record again as an import would and checks the extraction
/// against it: this build's extractor version, the same MinHash, the same
/// id, and every span holding its text.
fn check(extracted: ExtractedArticle) -> std::result::Result<Checked, String> {
    let ExtractedArticle {
        format,
        origin,
        external_id,
        source_override,
        record,
        extraction,
        signature,
        ..
    } = extracted;
    if format != EXTRACTED_FORMAT {
        return Err(format!(
            "line format {format}; this build reads format {EXTRACTED_FORMAT}"
        ));
    }
    if extraction.version != EXTRACTOR_VERSION {
        return Err(format!(
            "extracted by extractor version {}; this build's is {EXTRACTOR_VERSION} (run the filter of this build again)",
            extraction.version
        ));
    }
    let (item, ignored_fields) = records::read_object(&record, origin.clone());
    let options = filter_options(source_override.as_deref());
    let (job, warnings) = planned(item, &options).map_err(|failure| failure.error)?;
    let article = job.checked.fingerprint();
    if article.external_id != external_id {
        return Err(format!(
            "the record reads as article {:?}, the line says {external_id:?}",
            article.external_id
        ));
    }
    if article.signature.0[..] != signature[..] {
        return Err(
            "the MinHash signature differs from this build's for the same text (run the filter of this build again)"
                .into(),
        );
    }
    let (_, misplaced) =
        extraction.misplaced_spans(article.title.as_deref().unwrap_or(""), &article.text);
    if let Some(first) = misplaced.first() {
        return Err(format!(
            "{} span{} not holding {} text: {} {} {}-{} is {:?}, the article has {:?}",
            misplaced.len(),
            if misplaced.len() == 1 { "" } else { "s" },
            if misplaced.len() == 1 { "its" } else { "their" },
            first.item,
            first.anchor.field.as_str(),
            first.anchor.start,
            first.anchor.end,
            first.anchor.text,
            first.actual
        ));
    }
    Ok(Checked {
        article,
        origin,
        extraction,
        warnings,
        ignored_fields,
    })
}

/// Stores the articles of the filter's output files (or standard input)
/// into `store` without extracting them again, in input order, as
/// [`super::import`] stores records: same rows, same ids, same remarks.
/// A line that is not the filter's output, or whose extraction does not
/// check out, is a failure naming the file and line; a record the filter
/// failed is the failure the import would have recorded for it.
///
/// Called by [`super::import_tuned`] for an import with
/// [`ImportOptions::extracted`], once it holds the import lock and has
/// begun the batch.
pub(super) fn merge(
    store: &mut Store,
    inputs: &[Input],
    options: &ImportOptions,
    tuning: &Tuning<'_>,
    (lock, batch): (ImportLock, i64),
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let names: Vec<String> = inputs.iter().map(Input::display).collect();
    let (mut run, session) = Run::start(store, options, tuning, batch, ImportReport::empty(batch))?;
    let mut state = Progress::reading(inputs.len());
    let mut outcome = Ok(());
    for (input, name) in inputs.iter().zip(&names) {
        if cancel.load(Ordering::Relaxed) {
            run.report.cancelled = true;
            break;
        }
        state.current = name.clone();
        progress(&state);
        outcome = merge_input(&mut run, input, name, cancel).and_then(|()| run.file_done());
        if outcome.is_err() {
            break;
        }
        state.file_done(&run.report);
        progress(&state);
    }
    run.finish(session, outcome, lock)
}

/// Merges one file of the filter's output (or bytes handed in), line by
/// line: memory stays that of one line however long the file.
fn merge_input(run: &mut Run<'_>, input: &Input, name: &str, cancel: &AtomicBool) -> Result<()> {
    let reader: Box<dyn BufRead + '_> = match input {
        Input::Path(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(std::io::BufReader::new(file)),
            Err(e) => {
                return run.fail(Failure {
                    origin: Origin::file(name),
                    error: super::io_reason(&e),
                });
            }
        },
        Input::Bytes { bytes, .. } => Box::new(bytes.as_slice()),
    };
    // Fields no article field takes, per file the records came from: the
    // import warns of them once per file, after its records.
    let mut ignored: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut reader = std::io::Read::take(reader, MAX_LINE_BYTES);
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        if cancel.load(Ordering::Relaxed) {
            run.report.cancelled = true;
            break;
        }
        line.clear();
        reader.set_limit(MAX_LINE_BYTES);
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io(name, e))?;
        if read == 0 {
            break;
        }
        number += 1;
        let at = Origin {
            path: name.to_string(),
            line: Some(number),
            ..Origin::default()
        };
        if line.last() != Some(&b'\n') && read as u64 >= MAX_LINE_BYTES {
            run.fail(Failure {
                origin: at,
                error: format!("line longer than {} MB: not read", MAX_LINE_BYTES >> 20),
            })?;
            // The rest of the long line is skipped up to its end.
            loop {
                line.clear();
                reader.set_limit(MAX_LINE_BYTES);
                let more = reader
                    .read_until(b'\n', &mut line)
                    .map_err(|e| Error::io(name, e))?;
                if more == 0 || line.last() == Some(&b'\n') {
                    break;
                }
            }
            continue;
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            run.fail(Failure {
                origin: at,
                error: "line is not UTF-8".into(),
            })?;
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<ExtractedLine>(text)
            .map_err(|e| format!("not a line of `parallax extract --stdin-jsonl` output: {e}"));
        match parsed {
            Err(error) => run.fail(Failure { origin: at, error })?,
            Ok(ExtractedLine::Failed(failed)) => run.fail(Failure {
                origin: failed.origin,
                error: failed.error,
            })?,
            Ok(ExtractedLine::Extracted(extracted)) => match check(*extracted) {
                Err(error) => run.fail(Failure { origin: at, error })?,
                Ok(checked) => {
                    ignored
                        .entry(checked.origin.path.clone())
                        .or_default()
                        .extend(checked.ignored_fields);
                    let path = checked.origin.path.clone();
                    run.item(Ready::Article(
                        Box::new(checked.article),
                        checked.origin,
                        Some(Box::new(checked.extraction)),
                    ))?;
                    for message in checked.warnings {
                        run.item(Ready::Other(Item::Warning {
                            path: path.clone(),
                            message,
                        }))?;
                    }
                }
            },
        }
    }
    for (path, names) in ignored.into_iter().filter(|(_, names)| !names.is_empty()) {
        let names: Vec<String> = names.into_iter().collect();
        let message = records::unknown_fields_warning(&names);
        run.store
            .record_batch_warning(run.batch, &path, None, &message)?;
        run.report.warnings.push(Warning { path, message });
    }
    Ok(())
}
