//! How an import uses the machine: how many threads extract, and an
//! optional [`Meter`] that a bench gives to learn where the CPU goes.
//!
//! Neither changes what is imported: the archive is the same with one
//! thread or many, metered or not (`tests/import.rs` checks it). The core
//! never reads a clock itself; a meter is the caller's, as "now" is.

use std::num::NonZeroUsize;

use crate::store::SessionSettings;

/// The stages of an import, as a [`Meter`] sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Reading files, detecting their format and parsing them into articles.
    Parse,
    /// Checking an article's text and fields, detecting its language.
    Validate,
    /// Exact-duplicate hashes and the MinHash signature of the text.
    Fingerprint,
    /// The extraction pipeline.
    Extract,
    /// Writing an article: its row (and the full-text index, by trigger),
    /// its occurrence, its LSH band keys and near-duplicate links.
    StoreArticle,
    /// Writing an article's extraction rows and resolving its entities.
    StoreExtraction,
    /// Committing a group of articles (the full-text index flushes its
    /// pending terms here).
    Commit,
}

impl Stage {
    /// Every stage, in the order an article meets them.
    pub const ALL: [Stage; 7] = [
        Stage::Parse,
        Stage::Validate,
        Stage::Fingerprint,
        Stage::Extract,
        Stage::StoreArticle,
        Stage::StoreExtraction,
        Stage::Commit,
    ];

    /// The stage's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Validate => "validate",
            Stage::Fingerprint => "fingerprint",
            Stage::Extract => "extract",
            Stage::StoreArticle => "store article",
            Stage::StoreExtraction => "store extraction",
            Stage::Commit => "commit",
        }
    }
}

/// Counts the CPU an import spends in each [`Stage`]. Stages nest on a
/// thread (a parser hands each article on to validation while it parses),
/// so a meter should count a stage's own time, without the stages entered
/// inside it. Every `enter` is followed by the `leave` of the same stage on
/// the same thread, unless a parser panics in between (the file fails).
pub trait Meter: Send + Sync {
    /// The calling thread starts work on `stage`.
    fn enter(&self, stage: Stage);
    /// The calling thread is done with `stage`.
    fn leave(&self, stage: Stage);
}

/// Settings of how an import runs, which never change its outcome.
#[derive(Clone, Copy, Default)]
pub struct Tuning<'a> {
    /// Threads that extract; `None` uses one per core.
    pub workers: Option<NonZeroUsize>,
    /// Counts each stage's CPU, for benches.
    pub meter: Option<&'a dyn Meter>,
    /// How the writer connection is set up while importing (page cache,
    /// checkpoints); the default is what the import bench measured best.
    pub session: SessionSettings,
}

impl Tuning<'_> {
    /// Runs `work` under the meter, if there is one.
    pub(crate) fn measure<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        if let Some(meter) = self.meter {
            meter.enter(stage);
        }
        let out = work();
        if let Some(meter) = self.meter {
            meter.leave(stage);
        }
        out
    }
}
