//! Extraction over the archive: the articles an older extractor version
//! read (or every article) read again and their extractions stored. A step
//! that needs the store and the domain together, so it lives in the
//! application layer: extraction itself stays pure and never sees the
//! archive.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::items::{self, EXTRACTOR_VERSION};
use crate::extract::pipeline;
use crate::ingest::domain_of;
use crate::store::Store;

/// Outcome of [`extract_archive`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractReport {
    /// Articles (re-)extracted.
    pub extracted: u64,
    /// Articles already extracted by this version and left alone.
    pub up_to_date: u64,
    /// Extractor version now stored.
    pub version: u32,
    /// True when cancelled before the end.
    pub cancelled: bool,
}

/// Runs extraction over the archive: every article with no extraction or one
/// made by another extractor version, or every article with `all`. With
/// `all`, automatic entity-alias decisions are recomputed too (a person's
/// merges and splits stay). Extraction runs on a second thread while this
/// one reads and writes the archive.
pub fn extract_archive(
    store: &mut Store,
    all: bool,
    progress: &mut dyn FnMut(u64, u64),
    cancel: &AtomicBool,
) -> Result<ExtractReport> {
    let total = store.article_count()?;
    let ids = store.articles_needing_extraction(EXTRACTOR_VERSION, all)?;
    if all {
        store.reset_automatic_aliases()?;
    }
    let mut report = ExtractReport {
        extracted: 0,
        up_to_date: total - ids.len() as u64,
        version: EXTRACTOR_VERSION,
        cancelled: false,
    };
    let todo = ids.len() as u64;

    type Job = (
        i64,
        Option<String>,
        String,
        Option<chrono::NaiveDate>,
        Option<String>,
    );
    let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<Job>(64);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<(i64, items::Extraction)>();
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            for (id, title, text, published, domain) in job_rx {
                let extraction = pipeline::run(&pipeline::Input {
                    title: title.as_deref(),
                    text: &text,
                    published,
                    region_hint: domain.as_deref().and_then(pipeline::region_hint_for_domain),
                });
                if done_tx.send((id, extraction)).is_err() {
                    return;
                }
            }
        });
        let mut job_tx = Some(job_tx);
        let mut pending = 0usize;
        let mut write = |store: &mut Store,
                         (id, mut extraction): (i64, items::Extraction),
                         report: &mut ExtractReport|
         -> Result<()> {
            store.save_extraction(id, &mut extraction)?;
            report.extracted += 1;
            progress(report.extracted, todo);
            Ok(())
        };
        store.begin_bulk()?;
        for (n, id) in ids.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
                break;
            }
            let input = store.extraction_input(*id)?;
            let domain = input
                .domain
                .or_else(|| input.url.as_deref().and_then(domain_of));
            let job = (*id, input.title, input.text, input.published, domain);
            if let Some(sender) = &job_tx
                && sender.send(job).is_err()
            {
                return Err(Error::InvalidArgument("extraction worker stopped".into()));
            }
            pending += 1;
            while let Ok(done) = done_rx.try_recv() {
                pending -= 1;
                write(store, done, &mut report)?;
            }
            if n % 256 == 255 {
                store.end_bulk()?;
                store.begin_bulk()?;
            }
        }
        job_tx.take();
        while pending > 0 {
            let Ok(done) = done_rx.recv() else { break };
            pending -= 1;
            write(store, done, &mut report)?;
        }
        store.end_bulk()?;
        Ok(())
    })?;
    Ok(report)
}
