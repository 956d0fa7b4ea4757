//! The writer's side of an import: the calling thread, the only one that
//! writes, stores each result in input order and commits in groups.

use super::{
    BULK_ARTICLES, DuplicateOf, Failure, ImportOptions, ImportReport, Item, NearDuplicateLink,
    Stage, Tuning, Warning, reader::Ready,
};
use crate::error::Result;
use crate::store::{BatchError, ImportLock, ImportSession, Insertion, Store};

/// The writer's side of an import.
pub(super) struct Run<'a> {
    pub(super) store: &'a mut Store,
    pub(super) options: &'a ImportOptions,
    pub(super) tuning: &'a Tuning<'a>,
    pub(super) batch: i64,
    pub(super) report: ImportReport,
    /// Articles written since the last commit. Commits happen every
    /// [`BULK_ARTICLES`](super::BULK_ARTICLES) articles and at the end of each file, so a crash
    /// loses at most one uncommitted group (every stored article is whole)
    /// and a rerun completes the rest.
    pub(super) pending: usize,
}

impl<'a> Run<'a> {
    /// Starts writing `batch`: the connection takes the import's settings
    /// ([`Tuning::session`]) until [`Run::finish`] puts them back.
    pub(super) fn start(
        store: &'a mut Store,
        options: &'a ImportOptions,
        tuning: &'a Tuning<'a>,
        batch: i64,
        report: ImportReport,
    ) -> Result<(Run<'a>, ImportSession)> {
        let session = store.begin_import_session(tuning.session)?;
        let run = Run {
            store,
            options,
            tuning,
            batch,
            report,
            pending: 0,
        };
        Ok((run, session))
    }
}

impl Run<'_> {
    /// Ends the run: commits what is pending, puts the connection's
    /// settings back (whatever `outcome` was), records the batch as
    /// finished, cancelled or interrupted and lets the next import in.
    pub(super) fn finish(
        self,
        session: ImportSession,
        outcome: Result<()>,
        lock: ImportLock,
    ) -> Result<ImportReport> {
        let end = self.tuning.measure(Stage::Commit, || self.store.end_bulk());
        let ended = self.store.end_import_session(session);
        let outcome = outcome.and(end).and(ended);
        let report = self.report;
        let status = if report.cancelled {
            "cancelled"
        } else if outcome.is_err() {
            "interrupted"
        } else {
            "finished"
        };
        self.store
            .finish_batch(self.batch, report.counts(), status, &self.options.now)?;
        drop(lock);
        outcome.map(|()| report)
    }

    pub(super) fn item(&mut self, item: Ready) -> Result<()> {
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
                            at: origin.into(),
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
    pub(super) fn fail(&mut self, failure: Failure) -> Result<()> {
        let error = BatchError {
            at: failure.origin.into(),
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
    pub(super) fn file_done(&mut self) -> Result<()> {
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
