//! What an import tells: the [`Item`]s a parser finds in a file, the
//! [`ImportReport`] of a run and the [`Progress`] reported after each file.

use serde::Serialize;
use ts_rs::TS;

use crate::model::{InputLocation, Origin, RawArticle};
use crate::store::{BatchCounts, BatchError};

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
    /// The input.
    #[serde(flatten)]
    pub at: InputLocation,
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

impl Progress {
    /// Before the first of `files` files is read.
    pub(super) fn reading(files: usize) -> Progress {
        Progress {
            waiting: false,
            files_done: 0,
            files_total: files as u64,
            current: String::new(),
            imported: 0,
            duplicates: 0,
            failed: 0,
        }
    }

    /// One more file done, with the counts of `report` so far.
    pub(super) fn file_done(&mut self, report: &ImportReport) {
        self.files_done += 1;
        self.imported = report.imported;
        self.duplicates = report.duplicates;
        self.failed = report.failed.len() as u64;
    }
}

impl ImportReport {
    pub(super) fn counts(&self) -> BatchCounts {
        BatchCounts {
            imported: self.imported,
            duplicates: self.duplicates,
            near_duplicates: self.near_duplicates,
            failed: self.failed.len() as u64,
            skipped: self.skipped,
        }
    }

    pub(super) fn empty(batch: i64) -> Self {
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
