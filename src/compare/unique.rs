//! Claims only one outlet makes.
//!
//! "Only one outlet says this" is a strong statement, so it is made of a
//! clause ([`super::clauses`]) only when nothing in it is stated elsewhere
//! in any wording:
//! - it is not page furniture and says something specific (a name, a
//!   number, a date, a quotation, or [`SPECIFIC_KEYS`] content words or
//!   more) and something not every report says (a rarer key);
//! - no sentence of another outlet holds [`STATED`] or more of its
//!   rarity-weighted content keys ([`statements::Weights::coverage`]: the
//!   keys that align statements, synonyms folded) — unless it writes a
//!   number no other outlet writes or counts ([`super::numbers`]): "and
//!   interviewed 213 witnesses" says something of its own even where
//!   another outlet says detectives interviewed witnesses, and the words
//!   around the number are the claim;
//! - findings of two outlets or more cover less than [`TOUCHED`] of it: an
//!   aligned figure, date, place, participant attribute, statement or
//!   quotation, or a passage another outlet shares.
//!
//! Neighbouring clauses of one sentence that are both one outlet's are
//! listed as one claim. A claim holding a quotation no other outlet
//! carries is listed as a `quote`; any other as a `statement`.

use std::collections::BTreeMap;

use std::ops::Range;

use super::numbers::Numbers;
use super::participants;
use super::reading::Reading;
use super::statements::{self, BestMatches, Weights};
use super::words::writes;
use super::{Participant, QuoteGroup, Status, UniqueClaim};
use crate::extract::items::Field;

/// Fewest content keys of a unique clause.
const MIN_KEYS: usize = 3;
/// Share of a clause that shared findings may cover before it no longer
/// counts as one outlet's own (a shared age inside a long clause does not
/// make the rest of it shared).
const TOUCHED: f64 = 0.3;
/// Content keys that make a clause specific without a name or number.
const SPECIFIC_KEYS: usize = 6;
/// Fewest content keys of a unique clause that no other outlet states.
const MIN_OWN_KEYS: usize = 2;
/// Share of a clause's key weight that the related sentences of one other
/// outlet may hold before the clause counts as stated there too: the same
/// loose threshold below which a sentence matches nothing elsewhere.
pub const STATED: f64 = statements::ELSEWHERE;

/// Unique claims, in article order. `shared` holds the (article, start,
/// end) spans of every finding two outlets or more share.
pub fn collect(
    readings: &[Reading<'_>],
    weights: &Weights,
    best: &BestMatches,
    shared: &[(i64, usize, usize)],
    quotes: &[QuoteGroup],
) -> Vec<UniqueClaim> {
    let mut by_article: BTreeMap<i64, Vec<(usize, usize)>> = BTreeMap::new();
    for &(article, start, end) in shared {
        by_article.entry(article).or_default().push((start, end));
    }
    let lone_quotes: Vec<(i64, usize, usize)> = quotes
        .iter()
        .filter(|q| q.status == "unique")
        .flat_map(|q| q.variants.iter())
        .filter(|v| v.field == Field::Text)
        .map(|v| (v.article, v.start, v.end))
        .collect();
    let numbers = Numbers::of(readings);
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let document = reading.document;
        let touched = by_article
            .get(&document.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (index, sentence) in reading.sentences.iter().enumerate() {
            if sentence.noise || sentence.keys.len() < MIN_KEYS {
                continue;
            }
            // Runs of neighbouring unique clauses: (first char, last char).
            let mut runs: Vec<(usize, usize)> = Vec::new();
            let mut previous_unique = false;
            let whole = 0..sentence.words.len();
            let clauses = if best.of(reader, index) < statements::ELSEWHERE {
                // No sentence of another outlet matches it even loosely:
                // the sentence is judged whole.
                std::slice::from_ref(&whole)
            } else {
                sentence.clauses.as_slice()
            };
            for range in clauses {
                let span = unique_span(
                    readings,
                    (reader, index),
                    (weights, &numbers),
                    touched,
                    range.clone(),
                );
                if let Some((start, end)) = span {
                    match runs.last_mut() {
                        Some(run) if previous_unique => run.1 = end,
                        _ => runs.push((start, end)),
                    }
                }
                previous_unique = span.is_some();
            }
            for (start, end) in runs {
                let quote = lone_quotes
                    .iter()
                    .any(|&(a, s, e)| a == document.id && s < end && start < e);
                out.push(UniqueClaim {
                    key: String::new(),
                    kind: if quote { "quote" } else { "statement" }.into(),
                    article: document.id,
                    field: Field::Text,
                    text: reading.slice(start, end),
                    start,
                    end,
                });
            }
        }
    }
    out
}

/// Identity attributes of a participant that can be one outlet's own.
/// Conditions and charges are left out: outlets state them of the wounded
/// or the accused as a group ("all three are in stable condition"), so
/// one outlet naming the person is no sign that others do not say it.
const OWN_ATTRIBUTES: &[&str] = &["age", "residence"];

/// Adds to `unique` the ages and homes of the story's people that only one
/// outlet states ("Patrick Zamarripa, 32", "his 25-year-old father"): what
/// only one outlet says about a participant is as much its own as a clause
/// no other outlet states, and the participants' comparison has already
/// read it where it is said and looked for it in every other report. That
/// search follows names, so an age or town another report writes without
/// the name ("a two-story brick house in Mesquite") escapes it: a value
/// written anywhere in another report is not listed. A passage inside a
/// unique claim already listed adds nothing; the rest are listed as
/// `attribute` claims, in article order with the others.
pub fn add_attributes(
    unique: &mut Vec<UniqueClaim>,
    readings: &[Reading<'_>],
    participants: &[Participant],
) {
    let order = |article: i64| {
        readings
            .iter()
            .position(|r| r.document.id == article)
            .unwrap_or(usize::MAX)
    };
    let mut added = Vec::new();
    for participant in participants {
        for claim in participant
            .attributes
            .iter()
            .filter(|c| c.status == Status::Unique && OWN_ATTRIBUTES.contains(&c.subject.as_str()))
        {
            for variant in claim.variants.iter().filter(|v| v.field == Field::Text) {
                let value = match (variant.value, &variant.reading) {
                    (Some(age), _) => format!("{age}"),
                    (None, Some(reading)) => reading.clone(),
                    (None, None) => continue,
                };
                let elsewhere = readings
                    .iter()
                    .any(|r| r.document.id != variant.article && writes(&r.document.text, &value));
                if elsewhere {
                    continue;
                }
                let listed = unique.iter().chain(&added).any(|u| {
                    u.overlaps(variant.article, variant.field, variant.start, variant.end)
                });
                if !listed {
                    added.push(UniqueClaim {
                        key: String::new(),
                        kind: "attribute".into(),
                        article: variant.article,
                        field: variant.field,
                        text: variant.text.clone(),
                        start: variant.start,
                        end: variant.end,
                    });
                }
            }
        }
    }
    unique.extend(added);
    unique.sort_by_key(|u| (order(u.article), u.start, u.end));
}

/// The words of the clause `range` of sentence `index` that name someone:
/// those inside an extracted name, and the capitalised words right before
/// one (a title: "Assistant Police Chief" before "Derek Kammerzell").
fn naming_words(reading: &Reading<'_>, index: usize, range: &Range<usize>) -> Vec<usize> {
    let sentence = &reading.sentences[index];
    let entities = &reading.document.extraction.entities;
    let inside = |at: usize| {
        let (_, start, end) = sentence.words[at];
        entities.iter().any(|n| {
            n.anchor.field == Field::Text && n.anchor.start <= start && end <= n.anchor.end
        })
    };
    let capitalised = |at: usize| {
        let (_, start, _) = sentence.words[at];
        reading
            .slice(start, start + 1)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let mut naming: Vec<usize> = Vec::new();
    for at in range.clone() {
        if !inside(at) {
            continue;
        }
        naming.push(at);
        // The title before a name, as far back as the clause's capitals go.
        let mut before = at;
        while before > range.start && capitalised(before - 1) && !inside(before - 1) {
            before -= 1;
            naming.push(before);
        }
    }
    naming.sort_unstable();
    naming.dedup();
    naming
}

/// Words a claim keeps in front of its own words when they deny them: cut
/// from "Police are no longer saying road rage prompted …", the claim would
/// say the opposite of the text.
const DENIAL_REACH: usize = 3;

/// The start of a denial ([`reading::Lexicon::negations`]) among the
/// [`DENIAL_REACH`] words of the clause before word `first`.
fn denial_before(
    words: &[(String, usize, usize)],
    clause_start: usize,
    first: usize,
) -> Option<usize> {
    let negations = &super::reading::lexicon().negations;
    let from = first.saturating_sub(DENIAL_REACH).max(clause_start);
    (from..first).find_map(|at| {
        negations
            .iter()
            .any(|phrase| {
                phrase.len() <= first - at
                    && words[at..]
                        .iter()
                        .zip(phrase.iter())
                        .all(|(word, cue)| word.0 == *cue)
            })
            .then(|| match at.checked_sub(1) {
                // "n't" starts inside its word: the claim starts with "don't".
                Some(before) if words[before].2 == words[at].1 => words[before].1,
                _ => words[at].1,
            })
    })
}

/// The part of the clause `range` of `sentence` that is one outlet's alone
/// (see the module doc): from its first to its last word whose content no
/// other outlet states; `None` when the clause is not one outlet's.
fn unique_span(
    readings: &[Reading<'_>],
    (reader, index): (usize, usize),
    (weights, numbers): (&Weights, &Numbers),
    touched: &[(usize, usize)],
    range: Range<usize>,
) -> Option<(usize, usize)> {
    let reading = &readings[reader];
    let sentence = &reading.sentences[index];
    let keys = weights.clause_keys(reader, index, &range);
    if keys.len() < MIN_KEYS {
        return None;
    }
    let (start, end) = (
        sentence.words[range.start].1,
        sentence.words[range.end - 1].2,
    );
    let extraction = &reading.document.extraction;
    // The passage of a number only this report gives, read once: it makes
    // the clause specific and, when other words are stated elsewhere, is
    // the claim.
    let novel = numbers.novel_in(readings, reader, index, &range);
    let within = |field: Field, s: usize, e: usize| field == Field::Text && start <= s && e <= end;
    let specific = keys.len() >= SPECIFIC_KEYS
        || extraction
            .entities
            .iter()
            .any(|e| within(e.anchor.field, e.anchor.start, e.anchor.end))
        || extraction
            .figures
            .iter()
            .any(|f| within(f.anchor.field, f.anchor.start, f.anchor.end))
        || extraction
            .dates
            .iter()
            .any(|d| within(d.anchor.field, d.anchor.start, d.anchor.end))
        || extraction
            .quotes
            .iter()
            .any(|q| q.anchor.field == Field::Text && q.anchor.start < end && start < q.anchor.end)
        || novel.is_some();
    if !specific {
        return None;
    }
    // Stated elsewhere in other words: not one outlet's own, unless it
    // gives a number nobody else gives; then that number is the claim.
    let coverage = weights.coverage(reader, &keys)?;
    let (start, end) = if coverage.share >= STATED {
        novel?
    } else {
        own_span(
            reading,
            (reader, index),
            weights,
            &range,
            &keys,
            &coverage.covered,
        )?
    };
    let length = (end - start).max(1);
    let covered: usize = touched
        .iter()
        .map(|&(s, e)| e.min(end).saturating_sub(s.max(start)))
        .sum();
    if covered as f64 / length as f64 >= TOUCHED {
        return None;
    }
    Some((start, end))
}

/// The words `first..=last` without an attribution at either end: names
/// (`naming`) followed by a cue ("Salame says", "Chief Walton said that")
/// at the start, a cue with names before or after it ("Walton said",
/// "said Walton", "according to Walton") at the end. A name at an end
/// without a cue stays: "another responding officer, Sgt. Kenneth
/// Parnell" says who did it.
fn without_attribution(
    words: &[(String, usize, usize)],
    naming: &[usize],
    (first, last): (usize, usize),
) -> (usize, usize) {
    let cues = participants::attribution_cues();
    // "the White House said": the article goes with the name.
    let is_name = |at: usize| naming.binary_search(&at).is_ok() || words[at].0 == "the";
    let is_cue = |at: usize| cues.contains(&words[at].0.as_str());
    let mut from = first;
    let mut at = first;
    while at < last && is_name(at) {
        at += 1;
    }
    if at > first && at < last && is_cue(at) {
        from = at + 1;
        if words[from].0 == "that" && from < last {
            from += 1;
        }
    }
    let mut to = last;
    let mut at = last;
    while at > from && is_name(at) {
        at -= 1;
    }
    // "according to Walton": the cue's own preposition goes with it.
    if at > from + 1 && words[at].0 == "to" && is_cue(at - 1) {
        at -= 1;
    }
    if at > from && is_cue(at) {
        at -= 1;
        while at > from && is_name(at) {
            at -= 1;
        }
        to = at;
    }
    (from, to)
}

/// From the first to the last word of the clause `range` whose content
/// no other outlet states (`covered` tells, per key of `keys`), with a
/// denial right before it; `None` when those words are too few or only
/// name someone.
fn own_span(
    reading: &Reading<'_>,
    (reader, index): (usize, usize),
    weights: &Weights,
    range: &Range<usize>,
    keys: &[usize],
    covered: &[bool],
) -> Option<(usize, usize)> {
    let sentence = &reading.sentences[index];
    let own: Vec<usize> = keys
        .iter()
        .zip(covered)
        .filter(|(_, covered)| !**covered)
        .map(|(&key, _)| key)
        .collect();
    if own.len() < MIN_OWN_KEYS {
        return None;
    }
    let novel_words: Vec<usize> = weights.words_holding(reader, index, range, &own).collect();
    // Names, their titles and attribution alone state nothing ("NBC News
    // reports", "said Precious Grant", "According to Kent Assistant Police
    // Chief Derek Kammerzell"): some own word must be none of these.
    let cues = participants::attribution_cues();
    let naming = naming_words(reading, index, range);
    let states = novel_words.iter().any(|at| {
        !cues.contains(&sentence.words[*at].0.as_str()) && naming.binary_search(at).is_err()
    });
    if !states {
        return None;
    }
    // Who said it ("Salame says …", "…, said Chief Walton") is where the
    // claim comes from, not part of what only this outlet says.
    let (from, to) = without_attribution(
        &sentence.words,
        &naming,
        (*novel_words.first()?, *novel_words.last()?),
    );
    let kept: Vec<usize> = novel_words
        .iter()
        .copied()
        .filter(|at| (from..=to).contains(at))
        .collect();
    // What is left once the attribution is set aside must still say
    // something of its own ("attack, according to the White House" is
    // one word and a source).
    if kept.len() < MIN_OWN_KEYS {
        return None;
    }
    let (first, last) = (kept.first()?, kept.last()?);
    let start =
        denial_before(&sentence.words, range.start, *first).unwrap_or(sentence.words[*first].1);
    Some((start, sentence.words[*last].2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::reading::words;

    #[test]
    fn a_name_and_its_title_state_nothing() {
        // Sentence, the name extracted in it → the words that name someone.
        let cases = [
            (
                "According to Kent Assistant Police Chief Derek Kammerzell, detectives served a warrant.",
                "Derek Kammerzell",
                vec![
                    "kent",
                    "assistant",
                    "police",
                    "chief",
                    "derek",
                    "kammerzell",
                ],
            ),
            (
                "Police said Capt. Marc McManus was hurt.",
                "Marc McManus",
                vec!["capt", "marc", "mcmanus"],
            ),
            // A lower-case word ends the title.
            (
                "The family of Rose Baca spoke.",
                "Rose Baca",
                vec!["rose", "baca"],
            ),
        ];
        for (text, name, expected) in cases {
            let mut document = crate::compare::tests::article(1, text, vec![]);
            document.extraction.entities =
                vec![crate::compare::tests::entity(text, name, "person")];
            let reading = super::super::reading::Reading::of(&document);
            let sentence = &reading.sentences[0];
            let naming: Vec<&str> = naming_words(&reading, 0, &(0..sentence.words.len()))
                .into_iter()
                .map(|at| sentence.words[at].0.as_str())
                .collect();
            assert_eq!(naming, expected, "{text}");
        }
    }

    #[test]
    fn a_value_is_written_as_whole_words() {
        // Text, value → written there.
        let cases = [
            ("Smith, 32, of Dayton", "32", true),
            ("a 32-year-old man", "32", true),
            ("at 1:32 a.m.", "32", false),
            ("in 2032", "32", false),
            ("rated 3.32", "32", false),
            ("in Dunbar on Monday", "Dunbar", true),
            ("in Dunbarton", "Dunbar", false),
            ("anything", "", false),
        ];
        for (text, value, expected) in cases {
            assert_eq!(writes(text, value), expected, "{value} in {text}");
        }
    }

    #[test]
    fn a_home_only_one_outlet_gives_is_its_own() {
        // Outlets' texts (the person named in each) → the attribute
        // claims listed as one outlet's.
        let name = "Patrick Zamarripa";
        let cases: [(&str, &str, Vec<&str>); 2] = [
            (
                "Officer Patrick Zamarripa, 32, of Fort Worth, was killed on Thursday night downtown.",
                "Officer Patrick Zamarripa, 32, was killed on Thursday night downtown.",
                vec!["Fort Worth"],
            ),
            (
                "Officer Patrick Zamarripa, 32, of Fort Worth, was killed on Thursday night downtown.",
                "Officer Patrick Zamarripa, 32, was killed on Thursday night downtown. Fort Worth mourned.",
                vec![],
            ),
        ];
        for (first, second, expected) in cases {
            let documents: Vec<_> = [first, second]
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let mut document = crate::compare::tests::article(i as i64 + 1, text, vec![]);
                    document.extraction.entities =
                        vec![crate::compare::tests::entity(text, name, "person")];
                    document
                })
                .collect();
            let comparison = crate::compare::compare(&crate::compare::tests::story(), &documents);
            let attributes: Vec<&str> = comparison
                .unique
                .iter()
                .filter(|u| u.kind == "attribute")
                .map(|u| u.text.as_str())
                .collect();
            assert_eq!(attributes, expected, "{second}");
        }
    }

    #[test]
    fn who_said_it_is_not_part_of_the_claim() {
        // Own words of a claim (the names in it) → the claim without an
        // attribution at either end.
        let cases = [
            (
                "Salame says police believe alcohol played a role",
                &["salame"][..],
                "police believe alcohol played a role",
            ),
            (
                "Chief Walton said that the carnage began about 5",
                &["chief", "walton"][..],
                "the carnage began about 5",
            ),
            (
                "the shootings lasted about 24 minutes, Walton said",
                &["walton"][..],
                "the shootings lasted about 24 minutes",
            ),
            (
                "the crowd was large, according to Bucheit",
                &["bucheit"][..],
                "the crowd was large",
            ),
            (
                "the strikes hit three sites, according to the White House",
                &["white", "house"][..],
                "the strikes hit three sites",
            ),
            (
                "the crowd was large, said Craig Bucheit",
                &["craig", "bucheit"][..],
                "the crowd was large",
            ),
            // A name without a cue says who did it.
            (
                "the camera was worn by another officer, Kenneth Parnell",
                &["kenneth", "parnell"][..],
                "the camera was worn by another officer, Kenneth Parnell",
            ),
            (
                "Parnell wore the camera",
                &["parnell"][..],
                "Parnell wore the camera",
            ),
        ];
        for (text, names, expected) in cases {
            let words = words(text, 0);
            let naming: Vec<usize> = (0..words.len())
                .filter(|&at| names.contains(&words[at].0.as_str()))
                .collect();
            let (from, to) = without_attribution(&words, &naming, (0, words.len() - 1));
            let claim: String = text
                .chars()
                .skip(words[from].1)
                .take(words[to].2 - words[from].1)
                .collect();
            assert_eq!(claim, expected, "{text}");
        }
    }

    #[test]
    fn a_claim_keeps_the_denial_of_its_words() {
        // Sentence, its first own word → where the claim starts.
        let cases = [
            (
                "Police are no longer saying road rage prompted it.",
                "longer",
                "no longer saying road rage prompted it.",
            ),
            (
                "I don't know what he was thinking.",
                "know",
                "don't know what he was thinking.",
            ),
            ("There was never a warrant.", "warrant", "never a warrant."),
            // A denial further back denies something else.
            (
                "Nobody was hurt and the family later moved away.",
                "moved",
                "moved away.",
            ),
            ("The family moved away.", "moved", "moved away."),
        ];
        for (sentence, first, expected) in cases {
            let words = words(sentence, 0);
            let at = words
                .iter()
                .position(|w| w.0 == first)
                .expect("the first own word is in the sentence");
            let start = denial_before(&words, 0, at).unwrap_or(words[at].1);
            let claim: String = sentence.chars().skip(start).collect();
            assert_eq!(claim, expected, "{sentence}");
        }
    }
}
