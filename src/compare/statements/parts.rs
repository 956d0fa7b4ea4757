//! Parts of two sentences that state the same fact.
//!
//! Two long sentences may share one fact and little else: "Kime, already in
//! custody on other charges, is suspected of firing the shot that hit
//! Malijah in the head" and "Police said Malijah was shot in the head while
//! sitting in a car with her father". Measured over whole sentences their
//! overlap stays below [`super::SAME`], since each tells facts the other
//! does not. A fact is clause-sized ([`crate::compare::clauses`]), so a
//! sentence pair that is related but not the same is read again part by
//! part: runs of one or two adjacent clauses on each side, their overlap
//! measured over the smaller run, the way sentences are measured. The best
//! run pair states the same fact when it reaches [`super::SAME`] on at
//! least [`super::MIN_SHARED`] shared keys, one of them rarer (a key most
//! sentences of the story hold says nothing of which fact is meant).
//!
//! Overlap over the smaller run alone would let a short run of common
//! words ("that left one man dead") match inside any longer run holding
//! them, so a run pair is measured over the *larger* run: each run must be
//! mostly the other. And two runs that each give a number the other does
//! not ("Nathaniel Williams, 29" / "Nathaniel Williams, 30"; "one count of
//! murder" / "two counts of aggravated murder") do not state the same
//! fact, whatever their words share: numbers are compared as figures and
//! attributes, where a difference is weighed, not hidden in an agreement.
//! Nor do runs that share little beyond names ("according to DART Chief
//! James Spiller" / "DART Chief James Spiller said"): that is who speaks or
//! whom it is about, and names are compared as entities; at least
//! [`MIN_SHARED_WORDS`] shared keys must lie outside the extracted names.
//!
//! The passages listed are then the two runs, not the sentences: the fact
//! the outlets share, not the rest of what each sentence says.

use std::ops::Range;

use super::{MIN_SHARED, MIN_SHARED_WORDS, SAME, Weights};
use crate::compare::reading::Reading;
use crate::extract::figures::number_values;

/// Most adjacent clauses in one run.
const MAX_RUN: usize = 2;

/// Two runs of clauses that state the same fact.
#[derive(Debug, Clone, PartialEq)]
pub struct PartPair {
    /// Weighted overlap of the two runs.
    pub similarity: f64,
    /// The first sentence's run, as a range of its words.
    pub first: Range<usize>,
    /// The second sentence's run.
    pub second: Range<usize>,
}

/// Runs of one to [`MAX_RUN`] adjacent clauses of a sentence, as word ranges.
fn runs(sentence: &crate::compare::reading::Sentence) -> Vec<Range<usize>> {
    let clauses = &sentence.clauses;
    let mut out = Vec::new();
    for first in 0..clauses.len() {
        for last in first..clauses.len().min(first + MAX_RUN) {
            out.push(clauses[first].start..clauses[last].end);
        }
    }
    out
}

/// The numbers the words `range` of sentence `index` of `reading` write,
/// in digits or in words.
fn numbers(reading: &Reading<'_>, index: usize, range: &Range<usize>) -> Vec<f64> {
    let words = &reading.sentences[index].words;
    match (
        words.get(range.start),
        range.end.checked_sub(1).and_then(|at| words.get(at)),
    ) {
        (Some(first), Some(last)) => number_values(&reading.slice(first.1, last.2)),
        _ => Vec::new(),
    }
}

/// The key numbers of the words `range` of sentence `index` of `reader`
/// that are not `named`, sorted and deduplicated.
fn keys_outside_names(
    weights: &Weights,
    (reader, index): (usize, usize),
    range: &Range<usize>,
    named: &[bool],
) -> Vec<usize> {
    let mut out: Vec<usize> = weights.word_keys[reader][index]
        .iter()
        .filter(|(word, _)| range.contains(word) && !named.get(*word).copied().unwrap_or(false))
        .map(|&(_, id)| id)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// True when each list holds a number the other lacks.
fn numbers_differ(first: &[f64], second: &[f64]) -> bool {
    let lacks = |of: &[f64], other: &[f64]| of.iter().any(|value| !other.contains(value));
    lacks(first, second) && lacks(second, first)
}

/// A run of clauses of one sentence, read for matching.
struct Run {
    /// Its words, as a range of the sentence's words.
    words: Range<usize>,
    /// Its key numbers, sorted.
    keys: Vec<usize>,
    /// Their total weight.
    weight: f64,
    /// The numbers it writes.
    numbers: Vec<f64>,
    /// Its keys outside extracted names, sorted.
    worded: Vec<usize>,
}

impl Weights {
    /// The runs of sentence `at` (reading, sentence) with enough keys to
    /// state a fact.
    fn runs_of(&self, readings: &[Reading<'_>], at: (usize, usize)) -> Vec<Run> {
        let reading = &readings[at.0];
        // Which words are names was read once per story, with the weights.
        let named = &self.named[at.0][at.1];
        runs(&reading.sentences[at.1])
            .into_iter()
            .map(|words| {
                let keys = self.clause_keys(at.0, at.1, &words);
                Run {
                    weight: keys.iter().map(|&id| self.weight[id]).sum(),
                    numbers: numbers(reading, at.1, &words),
                    worded: keys_outside_names(self, at, &words, named),
                    keys,
                    words,
                }
            })
            .filter(|run| run.keys.len() >= MIN_SHARED)
            .collect()
    }

    /// The pair of runs of sentences `a` and `b` (as (reading, sentence))
    /// that best state one fact, when one pair does (see the module doc).
    pub(super) fn best_parts(
        &self,
        readings: &[Reading<'_>],
        a: (usize, usize),
        b: (usize, usize),
    ) -> Option<PartPair> {
        let limit = self.rare_limit();
        let of_b = self.runs_of(readings, b);
        let mut best: Option<PartPair> = None;
        for run in self.runs_of(readings, a) {
            for other in &of_b {
                let shared: Vec<usize> = run
                    .keys
                    .iter()
                    .copied()
                    .filter(|id| other.keys.binary_search(id).is_ok())
                    .collect();
                if shared.len() < MIN_SHARED
                    || !shared.iter().any(|&id| self.index[id].len() <= limit)
                {
                    continue;
                }
                let larger = run.weight.max(other.weight);
                if larger <= 0.0 || numbers_differ(&run.numbers, &other.numbers) {
                    continue;
                }
                let outside_names = shared
                    .iter()
                    .filter(|id| {
                        run.worded.binary_search(id).is_ok()
                            && other.worded.binary_search(id).is_ok()
                    })
                    .count();
                if outside_names < MIN_SHARED_WORDS {
                    continue;
                }
                let similarity = shared.iter().map(|&id| self.weight[id]).sum::<f64>() / larger;
                // Ties go to the first pair met: runs are listed shortest
                // first from each clause, so the tighter passage wins.
                if similarity >= SAME && best.as_ref().is_none_or(|p| similarity > p.similarity) {
                    best = Some(PartPair {
                        similarity,
                        first: run.words.clone(),
                        second: other.words.clone(),
                    });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::reading::Reading;
    use crate::compare::statements::{Weights, compare};
    use crate::compare::tests::{article, entity, passages};
    use crate::compare::{Claim, Status};

    /// Statements found in outlets' texts, each text with the person names
    /// extraction would mark in it: (status, the passages' texts).
    fn statements(texts: &[(&str, &[&str])]) -> Vec<Claim> {
        let documents: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, (text, names))| {
                let mut document = article(i as i64 + 1, text, vec![]);
                document.extraction.entities = names
                    .iter()
                    .map(|name| entity(text, name, "person"))
                    .collect();
                document
            })
            .collect();
        let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
        let weights = Weights::of(&readings);
        compare(&readings, &weights).0
    }

    #[test]
    fn parts_of_sentences_read_as_data() {
        // Outlets' texts (with their person names) → statements found.
        type Case<'c> = (Vec<(&'c str, &'c [&'c str])>, Vec<(Status, Vec<&'c str>)>);
        let cases: Vec<Case> = vec![
            (
                // One fact shared by two sentences that tell others too:
                // the passages are the clauses that state it.
                vec![
                    (
                        "Prosecutors said the gunman fired from a gray sedan, and the bullet struck the girl in the head while the family waited at a red light downtown.",
                        &[],
                    ),
                    (
                        "The bullet struck the girl in the head, her aunt told reporters on Monday.",
                        &[],
                    ),
                ],
                vec![(
                    Status::Agreed,
                    vec![
                        "and the bullet struck the girl in the head",
                        "The bullet struck the girl in the head",
                    ],
                )],
            ),
            (
                // Different numbers of the same thing are not one fact.
                vec![
                    (
                        "Witnesses described a long argument near the door, and two people were shot inside the crowded bar before midnight.",
                        &[],
                    ),
                    (
                        "Eight people were shot inside the crowded bar, the sheriff told reporters on Monday.",
                        &[],
                    ),
                ],
                vec![],
            ),
            (
                // Who speaks is not what is said.
                vec![
                    (
                        "The mayor spoke at length about the budget on Monday, according to Chief James Spiller.",
                        &["James Spiller"],
                    ),
                    (
                        "The bus schedule will change, Chief James Spiller said.",
                        &["James Spiller"],
                    ),
                ],
                vec![],
            ),
            (
                // Whole sentences that share little beyond the names they
                // write do not state one fact either.
                vec![
                    (
                        "Norris Greenhouse Sr. is the father of Norris Greenhouse Jr.",
                        &["Norris Greenhouse Sr.", "Norris Greenhouse Jr."],
                    ),
                    (
                        "The father, Norris Greenhouse Sr., put up property for the bond of Norris Greenhouse Jr.",
                        &["Norris Greenhouse Sr.", "Norris Greenhouse Jr."],
                    ),
                ],
                vec![],
            ),
        ];
        for (texts, expected) in cases {
            assert_eq!(passages(&statements(&texts)), expected, "{texts:?}");
        }
    }
}
