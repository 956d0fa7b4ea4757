//! The reader thread of an import: reads each file in input order, parses
//! it, checks each article and spends the file's extraction budget, and
//! hands articles to the workers for fingerprinting and extraction.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};

use super::files::{read_capped, too_large};
use super::{
    Failure, ImportOptions, Item, Safeguards, Sink, Stage, Tuning, domain_of, read_bytes, validate,
    workers,
};
use crate::extract::items::Extraction;
use crate::extract::pipeline;
use crate::model::{DatePrecision, Origin};
use crate::store::NewArticle;

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
pub(super) enum Source<'a> {
    File(PathBuf),
    Bytes(&'a str, &'a [u8]),
}

/// What the reader thread sends the writer, in input order.
pub(super) enum Prepared {
    FileStart(String),
    Item(Ready),
    /// An article a worker is finishing: its result arrives here.
    Pending(Receiver<Ready>),
    FileEnd,
}

/// A parsed item, validated when it is an article.
pub(super) enum Ready {
    Article(Box<NewArticle>, Origin, Option<Box<Extraction>>),
    Other(Item),
}

/// The reader thread: reads, detects, parses and validates every file in
/// order. Stops when cancelled or when the writer hangs up.
pub(super) fn prepare(
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
pub(super) struct Job {
    pub(super) checked: validate::Checked,
    pub(super) origin: Origin,
    pub(super) extract: bool,
}

/// What the reader makes of one item, in order: an article's job, then
/// any remarks about it.
pub(super) enum Planned {
    Job(Job),
    Other(Item),
}

/// Checks an article and decides, while the file's extraction budget
/// lasts, whether it is extracted; says so when extraction will read only
/// part of a long text. Runs in input order on the reader thread, so the
/// budget is spent the same way whatever the number of threads.
pub(super) fn plan_item(
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
pub(super) fn finish(job: Job, tuning: &Tuning<'_>) -> Ready {
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
