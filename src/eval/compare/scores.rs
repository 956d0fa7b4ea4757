//! What a comparison evaluation reports: ratios per kind and status, the
//! misses, and the figures of each story.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compare::Comparison;

/// Found / total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    /// Numerator.
    pub hit: usize,
    /// Denominator.
    pub total: usize,
    /// `hit / total` (1 when there is nothing to count).
    pub value: f64,
}

impl Ratio {
    pub(super) fn add(&mut self, hit: bool) {
        self.total += 1;
        if hit {
            self.hit += 1;
        }
        self.value = self.hit as f64 / self.total as f64;
    }

    pub(super) fn merge(&mut self, other: Ratio) {
        self.hit += other.hit;
        self.total += other.total;
        self.value = if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        };
    }

    pub(super) fn empty() -> Ratio {
        Ratio {
            hit: 0,
            total: 0,
            value: 1.0,
        }
    }
}

/// A finding the comparison missed, or a reported item no finding supports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Gold file stem.
    pub story: String,
    /// Gold finding id, or the reported item's subject.
    pub what: String,
    /// `kind/status`.
    pub class: String,
    /// Why it counts as a miss.
    pub detail: String,
}

/// Scores of one story or of all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareScores {
    /// Gold findings found.
    pub recall: Ratio,
    /// Recall per gold `kind/status`.
    pub by_class: BTreeMap<String, Ratio>,
    /// Reported conflicts that are gold conflicts.
    pub conflict_precision: Ratio,
    /// Conflict precision per section of the comparison (which mechanism
    /// reported them), so a validation set can say what misfires without
    /// being read.
    pub conflict_precision_by_section: BTreeMap<String, Ratio>,
    /// Gold conflicts found.
    pub conflict_recall: Ratio,
    /// Reported misattributions that are gold ones.
    pub misattributed_precision: Ratio,
    /// Gold misattributions found.
    pub misattributed_recall: Ratio,
    /// Quotation passages given their real speaker.
    pub speaker_accuracy: Ratio,
    /// Reported unique items that two or more articles state.
    pub false_unique: Ratio,
}

impl CompareScores {
    pub(super) fn new() -> CompareScores {
        CompareScores {
            recall: Ratio::empty(),
            by_class: BTreeMap::new(),
            conflict_precision: Ratio::empty(),
            conflict_precision_by_section: BTreeMap::new(),
            conflict_recall: Ratio::empty(),
            misattributed_precision: Ratio::empty(),
            misattributed_recall: Ratio::empty(),
            speaker_accuracy: Ratio::empty(),
            false_unique: Ratio::empty(),
        }
    }

    pub(super) fn merge(&mut self, other: &CompareScores) {
        self.recall.merge(other.recall);
        for (class, ratio) in &other.by_class {
            self.by_class
                .entry(class.clone())
                .or_insert_with(Ratio::empty)
                .merge(*ratio);
        }
        self.conflict_precision.merge(other.conflict_precision);
        for (section, ratio) in &other.conflict_precision_by_section {
            self.conflict_precision_by_section
                .entry(section.clone())
                .or_insert_with(Ratio::empty)
                .merge(*ratio);
        }
        self.conflict_recall.merge(other.conflict_recall);
        self.misattributed_precision
            .merge(other.misattributed_precision);
        self.misattributed_recall.merge(other.misattributed_recall);
        self.speaker_accuracy.merge(other.speaker_accuracy);
        self.false_unique.merge(other.false_unique);
    }
}

/// The result of one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryScores {
    /// Gold file stem.
    pub file: String,
    /// Its description.
    pub story: String,
    /// Articles compared.
    pub articles: usize,
    /// Gold findings.
    pub findings: usize,
    /// Reported items.
    pub reported: usize,
    /// Scores.
    pub scores: CompareScores,
}

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareEvaluation {
    /// Each story's comparison, by gold file stem (for inspection; not
    /// serialised).
    #[serde(skip)]
    pub comparisons: Vec<(String, Comparison)>,
    /// Every story pooled.
    pub total: CompareScores,
    /// Per story.
    pub stories: Vec<StoryScores>,
    /// Misses and unsupported items (as many as asked for).
    pub errors: Vec<Miss>,
}
