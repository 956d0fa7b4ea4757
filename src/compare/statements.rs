//! Statements: the same fact told by several outlets in their own words.
//!
//! Outlets rarely agree word for word; they agree on facts ("no firearm was
//! found in his vehicle" / "a gun was not found in Few's truck"). Two
//! sentences of different outlets state the same thing when their content
//! keys ([`super::reading`]: stems, synonyms folded) overlap enough, each
//! key weighted by how rare it is in the story: the victim's name and
//! "police" are in every report and say little; "firearm", "vehicle" and
//! "found" together say a lot. The measure is a weighted overlap
//! coefficient — the shared weight over the smaller sentence's weight — so
//! a short statement inside a long sentence still matches. Sentences are
//! joined strongest pair first, at most one sentence per outlet in a
//! statement; a sentence that tells several facts may join one statement
//! per fact (a fact being the keys its pairs share); candidates come from
//! an index of each sentence's rarer keys, so a story of fifty reports does
//! not compare every pair of sentences. A related pair that falls short of
//! [`SAME`] as whole sentences is read again clause by clause ([`parts`]):
//! long sentences that share one fact and little else state that fact
//! together, and the passages are then the clauses that state it. Pairs of
//! whole sentences are joined before pairs of parts. The weights, the key
//! numbers and the index of sentences by key are built in [`weights`].
//!
//! A statement is `agreed`. When one outlet states it and another denies it
//! — the pair matches strongly, and only one has a denial cue whose clause
//! holds at least half of the keys they share ("there was no evidence that
//! Few backed into …" / "Few backed into the marshal's vehicle"; a denial
//! of another detail of the sentence does not count) — it `differs`, with the two
//! passages as its reason: a denial may concern another detail of the
//! sentence, or come later, so it is shown for a reader to judge and not
//! called a contradiction (measured: such pairs were rarely contradictions).
//!
//! The same similarity tells unique claims apart ([`BestMatches`]): a
//! sentence no other outlet's sentence matches even loosely is one
//! outlet's alone.

use std::collections::BTreeMap;
use std::ops::Range;

use super::clauses::{Gaps, is_clause_punctuation};
use super::reading::{Reading, Sentence};
use super::{Claim, Status, Variant};
use crate::extract::items::{Anchor, Field};

mod parts;
mod weights;

pub use self::weights::{Coverage, Weights};

/// Weighted overlap at which two sentences state the same thing.
pub const SAME: f64 = 0.5;
/// Weighted overlap below which no other outlet states a sentence's content.
pub const ELSEWHERE: f64 = 0.34;
/// Fewest shared keys for a statement.
const MIN_SHARED: usize = 3;
/// Fewest shared keys outside names: sentences that share little beyond
/// who they speak of ("Norris Greenhouse Sr. is the father of Norris
/// Greenhouse Jr." / "Greenhouse Jr.'s father, Norris Greenhouse Sr., put
/// up property for the bond") do not state the same fact; names are
/// compared as entities.
pub(super) const MIN_SHARED_WORDS: usize = 2;
/// Overlap needed before a denial is noted.
const DENIAL: f64 = SAME;
/// Most statements (facts) one sentence may join.
const MAX_FACTS: usize = 3;
/// Share of a pair's shared keys a statement's keys must hold for the pair
/// to state that statement's fact.
const SAME_FACT: f64 = 0.5;

/// True when most of a pair's shared keys are a statement's keys: the pair
/// states that statement's fact.
fn same_fact(statement_keys: &[String], pair_keys: &[String]) -> bool {
    let held = pair_keys
        .iter()
        .filter(|k| statement_keys.contains(k))
        .count();
    held as f64 >= SAME_FACT * pair_keys.len() as f64
}

/// The keys two sentences share, in the first one's order.
fn shared_keys<'s>(a: &'s Sentence, b: &Sentence) -> Vec<&'s str> {
    a.keys
        .iter()
        .filter(|k| b.keys.binary_search(k).is_ok())
        .map(String::as_str)
        .collect()
}

/// Each sentence's best similarity to any sentence of another outlet,
/// found while aligning statements (every candidate pair is scored there).
pub struct BestMatches(Vec<Vec<f64>>);

impl BestMatches {
    /// The best similarity of a sentence to any non-noise sentence of
    /// another outlet (0 when none shares a rarer key).
    pub fn of(&self, reader: usize, sentence: usize) -> f64 {
        self.0
            .get(reader)
            .and_then(|r| r.get(sentence))
            .copied()
            .unwrap_or(0.0)
    }
}

/// True when a denial cue denies what a pair shares: the words after the
/// cue, up to the next clause punctuation, hold at least half of the keys
/// the pair shares. A denial scopes over what follows it in its clause,
/// not over the whole sentence: "no outstanding warrants against the
/// father" denies the warrants, while "a K9 could not track the suspect,
/// described as a black male in his late teens" denies the tracking, not
/// the description another outlet shares, and "other officers were not
/// injured" does not deny that one officer's injuries were minor.
/// `body` is the text the sentence's spans point into.
fn denies(sentence: &Sentence, body: &str, shared: &[&str]) -> bool {
    let lexicon = super::reading::lexicon();
    let words = &sentence.words;
    let gaps = Gaps::new(
        body.get(sentence.bytes.clone()).unwrap_or(""),
        sentence.start,
    );
    let wanted = shared.len().div_ceil(2).max(1);
    (0..words.len()).any(|i| {
        lexicon.negations.iter().any(|cue| {
            let after = i + cue.len();
            if after > words.len() || !words[i..after].iter().zip(cue).all(|(w, c)| w.0 == *c) {
                return false;
            }
            let mut denied: Vec<String> = Vec::new();
            for j in after..words.len() {
                if j > after
                    && gaps
                        .between(words[j - 1].2, words[j].1)
                        .iter()
                        .any(|&c| is_clause_break(c))
                {
                    break;
                }
                if let Some(key) = lexicon.key(&words[j].0)
                    && shared.contains(&key.as_str())
                    && !denied.contains(&key)
                {
                    denied.push(key);
                }
            }
            denied.len() >= wanted
        })
    })
}

/// Punctuation that ends the reach of a denial: a clause's, or a full
/// stop or mark inside the sentence.
fn is_clause_break(c: char) -> bool {
    is_clause_punctuation(c) || matches!(c, '.' | '!' | '?')
}

/// The passage of a statement in one sentence: the whole sentence, or the
/// run of its words (`part`) that states the fact.
fn passage(
    readings: &[Reading<'_>],
    reader: usize,
    sentence: usize,
    part: Option<&Range<usize>>,
) -> Variant {
    let reading = &readings[reader];
    let s = &reading.sentences[sentence];
    let (start, end) = match part {
        Some(words) if !words.is_empty() && words.end <= s.words.len() => {
            (s.words[words.start].1, s.words[words.end - 1].2)
        }
        _ => (s.start, s.end),
    };
    Variant::passage(
        reading.document.id,
        &Anchor {
            field: Field::Text,
            start,
            end,
            text: reading.slice(start, end),
        },
    )
}

/// The keys two runs of words share, in the first one's word order.
fn shared_part_keys(
    first: &Sentence,
    first_words: &Range<usize>,
    second: &Sentence,
    second_words: &Range<usize>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (word, key) in &first.word_keys {
        if first_words.contains(word)
            && !out.contains(key)
            && second
                .word_keys
                .iter()
                .any(|(w, k)| second_words.contains(w) && k == key)
        {
            out.push(key.clone());
        }
    }
    out
}

/// A sentence of the story: (reading, sentence).
type SentenceRef = (usize, usize);
/// A pair of aligned sentences: similarity, both sentences, the keys they
/// share, and, when only a part of each states the fact, the two parts as
/// word ranges ([`parts`]).
type Pair = (
    f64,
    SentenceRef,
    SentenceRef,
    Vec<String>,
    Option<(Range<usize>, Range<usize>)>,
);

/// Statements two outlets or more make (see the module doc), and each
/// sentence's best match in another outlet.
pub fn compare(readings: &[Reading<'_>], weights: &Weights) -> (Vec<Claim>, BestMatches) {
    // Every candidate pair of sentences of different outlets is scored once
    // (candidates are symmetric: both hold the same rarer key).
    let mut best: Vec<Vec<f64>> = readings
        .iter()
        .map(|r| vec![0.0; r.sentences.len()])
        .collect();
    let mut pairs: Vec<Pair> = Vec::new();
    let mut sums = vec![0.0; weights.count];
    for (r, reading) in readings.iter().enumerate() {
        for (s, sentence) in reading.sentences.iter().enumerate() {
            if sentence.noise {
                continue;
            }
            for ((other_r, other_s), bound) in weights.candidates(r, s, &mut sums) {
                // Below ELSEWHERE a pair neither aligns nor changes whether
                // a sentence is matched elsewhere.
                if bound < ELSEWHERE {
                    continue;
                }
                let other = &readings[other_r].sentences[other_s];
                if other.noise {
                    continue;
                }
                let (similarity, count) = weights.score((r, s), (other_r, other_s));
                best[r][s] = best[r][s].max(similarity);
                best[other_r][other_s] = best[other_r][other_s].max(similarity);
                if similarity >= SAME
                    && count >= MIN_SHARED
                    && sentence.keys.len() >= MIN_SHARED
                    && weights.shared_outside_names((r, s), (other_r, other_s)) >= MIN_SHARED_WORDS
                {
                    pairs.push((
                        similarity,
                        (r, s),
                        (other_r, other_s),
                        shared_keys(sentence, other)
                            .iter()
                            .map(|k| k.to_string())
                            .collect(),
                        None,
                    ));
                } else if count >= MIN_SHARED
                    && let Some(part) = weights.best_parts(readings, (r, s), (other_r, other_s))
                {
                    let shared = shared_part_keys(sentence, &part.first, other, &part.second);
                    pairs.push((
                        part.similarity,
                        (r, s),
                        (other_r, other_s),
                        shared,
                        Some((part.first, part.second)),
                    ));
                }
            }
        }
    }
    // Whole sentences that state the same thing first, then parts of
    // sentences: a part pair is weaker evidence, however high its overlap.
    pairs.sort_by(|a, b| {
        a.4.is_some()
            .cmp(&b.4.is_some())
            .then(b.0.total_cmp(&a.0))
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    // Strongest pairs first; a statement holds one sentence per outlet. A
    // sentence may tell several facts ("Kime, already in custody on other
    // charges, is suspected of firing the shot that hit Malijah in the
    // head"), each of which another outlet tells in a sentence of its own:
    // it joins one statement per fact, a fact being the keys its pairs
    // share. A pair whose shared keys are mostly those of a statement one of
    // its sentences is in states that statement's fact again.
    let mut statements_of: BTreeMap<SentenceRef, Vec<usize>> = BTreeMap::new();
    let mut statements: Vec<Vec<SentenceRef>> = Vec::new();
    // Statement → the (stating, denying) sentences, in pair order.
    let mut denial: BTreeMap<usize, (SentenceRef, SentenceRef)> = BTreeMap::new();
    let mut shared_keys: Vec<Vec<String>> = Vec::new();
    // (statement, sentence) → the words of the sentence that state it, when
    // it joined by a part of itself.
    let mut parts_of: BTreeMap<(usize, SentenceRef), Range<usize>> = BTreeMap::new();
    for (similarity, a, b, shared, parts) in &pairs {
        let same_fact = |sentence: &SentenceRef| -> Vec<usize> {
            statements_of
                .get(sentence)
                .map(|ids| {
                    ids.iter()
                        .copied()
                        .filter(|&id| same_fact(&shared_keys[id], shared))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (of_a, of_b) = (same_fact(a), same_fact(b));
        let has_reader = |statement: usize, reader: usize| {
            statements[statement].iter().any(|(r, _)| *r == reader)
        };
        let facets = |sentence: &SentenceRef| statements_of.get(sentence).map_or(0, Vec::len);
        let target = match (of_a.first().copied(), of_b.first().copied()) {
            (None, None) if facets(a) < MAX_FACTS && facets(b) < MAX_FACTS => {
                statements.push(vec![*a, *b]);
                shared_keys.push(shared.clone());
                statements.len() - 1
            }
            (Some(id), None) if !has_reader(id, b.0) && facets(b) < MAX_FACTS => {
                statements[id].push(*b);
                id
            }
            (None, Some(id)) if !has_reader(id, a.0) && facets(a) < MAX_FACTS => {
                statements[id].push(*a);
                id
            }
            _ => continue,
        };
        for (sentence, part) in [
            (a, parts.as_ref().map(|p| &p.0)),
            (b, parts.as_ref().map(|p| &p.1)),
        ] {
            let ids = statements_of.entry(*sentence).or_default();
            if !ids.contains(&target) {
                ids.push(target);
                if let Some(words) = part {
                    parts_of.insert((target, *sentence), words.clone());
                }
            }
        }
        let (sa, sb) = (&readings[a.0].sentences[a.1], &readings[b.0].sentences[b.1]);
        let keys: Vec<&str> = shared.iter().map(String::as_str).collect();
        // A denial is read over whole sentences, so only a whole-sentence
        // pair may differ: a part pair's sentences may deny another of
        // their facts ("had warrants …, but police found no warrants").
        if *similarity >= DENIAL
            && parts.is_none()
            && !sa.scope.is_background()
            && !sb.scope.is_background()
            && denies(sa, &readings[a.0].document.text, &keys)
                != denies(sb, &readings[b.0].document.text, &keys)
        {
            denial.entry(target).or_insert((*a, *b));
        }
    }
    let mut claims = Vec::new();
    for (id, members) in statements.iter().enumerate() {
        let mut members = members.clone();
        members.sort();
        let variants: Vec<Variant> = members
            .iter()
            .map(|&(r, s)| passage(readings, r, s, parts_of.get(&(id, (r, s)))))
            .collect();
        let keys = shared_keys[id].clone();
        let mut subject_keys: Vec<&String> = keys.iter().collect();
        subject_keys.sort_by(|a, b| {
            weights
                .of_key(b)
                .total_cmp(&weights.of_key(a))
                .then(a.cmp(b))
        });
        let subject = subject_keys
            .iter()
            .take(4)
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let background = members
            .iter()
            .all(|&(r, s)| readings[r].sentences[s].scope.is_background());
        let (status, note) = match denial.get(&id) {
            Some((a, b)) => {
                let (deny, state) = if denies(
                    &readings[a.0].sentences[a.1],
                    &readings[a.0].document.text,
                    &keys.iter().map(String::as_str).collect::<Vec<_>>(),
                ) {
                    (a, b)
                } else {
                    (b, a)
                };
                (
                    Status::Differs,
                    Some(format!(
                        "{} states it, {} denies it (not called a conflict: a denial may be of another detail or come later)",
                        readings[state.0].document.label(),
                        readings[deny.0].document.label()
                    )),
                )
            }
            None => (
                Status::Agreed,
                Some(format!("{} outlets state it", members.len())),
            ),
        };
        claims.push(Claim {
            key: String::new(),
            kind: "statement".into(),
            subject,
            status,
            variants,
            note,
            scope: background.then(|| "background".to_string()),
        });
    }
    claims.sort_by(|a, b| {
        (
            b.status == Status::Differs,
            b.variants.len(),
            a.variants.first().map(|v| (v.article, v.start)),
        )
            .cmp(&(
                a.status == Status::Differs,
                a.variants.len(),
                b.variants.first().map(|v| (v.article, v.start)),
            ))
    });
    (claims, BestMatches(best))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::articles;

    fn statements(texts: &[&str]) -> Vec<(Status, usize)> {
        let documents = articles(texts);
        let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
        let weights = Weights::of(&readings);
        compare(&readings, &weights)
            .0
            .into_iter()
            .map(|c| (c.status, c.variants.len()))
            .collect()
    }

    #[test]
    fn statements_read_as_data() {
        // Outlets' texts → statements found (status, outlets).
        type Case<'c> = (Vec<&'c str>, Vec<(Status, usize)>);
        let cases: Vec<Case> = vec![
            (
                vec![
                    "Officials said no firearm was found in his vehicle. The boy was a first grader.",
                    "A gun was not found in the vehicle, police said. The mayor spoke on Monday.",
                ],
                vec![(Status::Agreed, 2)],
            ),
            (
                vec![
                    "Few backed into the marshal's vehicle several times before the shots.",
                    "There is no evidence that Few backed into the marshal's vehicle, police said.",
                ],
                vec![(Status::Differs, 2)],
            ),
            (
                // Other officers' injuries are denied, not the one's.
                vec![
                    "One of the officers involved had minor injuries and other officers were not injured.",
                    "Bristol Police Chief Blain Wade said his officer's injuries are minor.",
                ],
                vec![(Status::Agreed, 2)],
            ),
            (
                // The denial is of the tracking, which only one outlet
                // tells, not of the description both give.
                vec![
                    "A K9 could not track the suspect, described only as a black male in his late teens or early 20s.",
                    "Police said the suspect is described as a black male in his late teens or early 20s.",
                ],
                vec![(Status::Agreed, 2)],
            ),
            (
                // Only the synonyms (data/synonyms.txt) say it is one fact:
                // protesters marching is a demonstration, peacefully calm.
                vec![
                    "Protesters marched peacefully until the gunfire began, organizers said.",
                    "The demonstration was calm until shots rang out.",
                ],
                vec![(Status::Agreed, 2)],
            ),
            (
                vec![
                    "The suspect fled in a silver sedan toward the highway.",
                    "The mayor thanked firefighters at a ceremony downtown.",
                ],
                vec![],
            ),
        ];
        for (texts, expected) in cases {
            assert_eq!(statements(&texts), expected, "{texts:?}");
        }
    }
}
