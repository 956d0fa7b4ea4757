//! Counts of things, not people: "17 search warrants", "four separate crime
//! scenes", "dozens of shots", "multiple crime scenes".
//!
//! Figures ([`super::figures`]) compare how many people something happened
//! to; outlets also count the things of an event — warrants served, shots
//! fired, scenes processed, vehicles impounded — and say it more or less
//! precisely. A count of things is read from the words of the event's
//! sentences: a number (in digits or words) or a word that says "more than
//! one" (`data/vague_quantities.txt`, each with the least it can mean),
//! then up to [`MAX_NOUN_WORDS`] lower-case content words, the last of which
//! is what is counted ("search warrants" counts warrants). Measures and
//! people are left out (`data/uncounted_nouns.txt`, `data/families.txt`):
//! time, distance and money are not counts of things, and people are the
//! figures' own. A number inside a figure the figures compare, a date or
//! a name is not read, nor one glued to other words ("K9", "7th") or naming
//! a service (`data/named_numbers.txt`: "50 911 calls").
//!
//! The same thing counted by two outlets or more is compared: equal numbers
//! are `agreed`; a number and a vague word it satisfies, or two vague
//! words, `compatible`; anything else `differs`, never a conflict. Things
//! are counted at different times (warrants "so far") and as parts (two of
//! the shots hit the car), and nothing in the words tells which: a
//! difference is shown with its reason for the reader to judge.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use super::figures::{counts_in_a_role, family};
use super::numbers::named_numbers;
use super::reading::{Reading, data_lines, lexicon};
use super::{Claim, Status, Variant, char_slice};
use crate::extract::figures::number_values;
use crate::extract::items::Field;

/// Most words read after a quantity for what it counts.
const MAX_NOUN_WORDS: usize = 3;

/// How many of a thing one passage says: a number ("17", "four"), or a
/// range with the words that give it ("dozens": 24 or more; "at least 15";
/// "between 15 and 20").
#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    low: f64,
    /// Infinite when only a least is said.
    high: f64,
    /// The words that make it a range; `None` for a number.
    words: Option<&'static str>,
}

impl Quantity {
    fn exact(value: f64) -> Quantity {
        Quantity {
            low: value,
            high: value,
            words: None,
        }
    }

    fn at_least(words: &'static str, least: f64) -> Quantity {
        Quantity {
            low: least,
            high: f64::INFINITY,
            words: Some(words),
        }
    }

    /// As written for a reason: "17", "dozens", "at least 15".
    fn describe(&self) -> String {
        match self.words {
            None => format!("{}", self.low),
            Some(words) if self.high.is_finite() => {
                format!("{words} {} and {}", self.low, self.high)
            }
            Some(words) if vague_quantities().contains_key(words) => format!("\"{words}\""),
            Some(words) => format!("{words} {}", self.low),
        }
    }
}

/// Words before a number that make it a least ("at least 15 shots").
const LEAST: &[(&str, &str, f64)] = &[("at", "least", 0.0), ("more", "than", 1.0)];

/// One outlet's count of a thing.
#[derive(Debug, Clone)]
struct Counted {
    reader: usize,
    quantity: Quantity,
    /// What is counted, as written ("search warrants").
    noun: String,
    start: usize,
    end: usize,
}

fn vague_quantities() -> &'static HashMap<&'static str, f64> {
    static VAGUE: OnceLock<HashMap<&'static str, f64>> = OnceLock::new();
    VAGUE.get_or_init(|| {
        data_lines(include_str!("data/vague_quantities.txt"))
            .filter_map(|line| {
                let (word, least) = line.split_once(' ')?;
                Some((word, least.trim().parse().ok()?))
            })
            .collect()
    })
}

fn uncounted() -> &'static HashSet<&'static str> {
    static UNCOUNTED: OnceLock<HashSet<&'static str>> = OnceLock::new();
    UNCOUNTED.get_or_init(|| data_lines(include_str!("data/uncounted_nouns.txt")).collect())
}

/// True when a noun (singular or plural) is one the figures count: a kind
/// of person or site (`data/families.txt`).
fn counts_people(noun: &str) -> bool {
    [Some(noun), noun.strip_suffix('s'), noun.strip_suffix("es")]
        .into_iter()
        .flatten()
        .any(|form| family(Some(form)) != form || form == "people")
}

/// True for a word that looks plural: "warrants", "scenes", "bullets";
/// not "witness", "status", "analysis".
fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
}

/// The quantity a lower-cased word gives, if any.
fn quantity_of(word: &str) -> Option<Quantity> {
    if let Some((&written, &least)) = vague_quantities().get_key_value(word) {
        return Some(Quantity::at_least(written, least));
    }
    // "50 911 calls": 911 names a service.
    if named_numbers().contains(word) {
        return None;
    }
    if word.chars().all(|c| c.is_ascii_digit() || c == ',')
        && word.starts_with(|c: char| c.is_ascii_digit())
    {
        return word
            .replace(',', "")
            .parse()
            .ok()
            .filter(|value: &f64| *value > 1.0)
            .map(Quantity::exact);
    }
    if word.chars().all(char::is_alphabetic) {
        // "one" is as often a pronoun ("one of the cars") as a count.
        if word == "one" {
            return None;
        }
        if let [value] = number_values(word).as_slice() {
            return (*value > 1.0).then_some(Quantity::exact(*value));
        }
    }
    None
}

/// The counts of things the event's sentences of `reading` give.
fn counts_in(reader: usize, reading: &Reading<'_>) -> Vec<Counted> {
    let document = reading.document;
    let extraction = &document.extraction;
    let covered = |start: usize, end: usize| {
        let overlaps =
            |field: Field, s: usize, e: usize| field == Field::Text && s < end && start < e;
        extraction.figures.iter().any(|f| {
            overlaps(f.anchor.field, f.anchor.start, f.anchor.end) && counts_in_a_role(reading, f)
        }) || extraction
            .dates
            .iter()
            .any(|d| overlaps(d.anchor.field, d.anchor.start, d.anchor.end))
            || extraction
                .entities
                .iter()
                .any(|e| overlaps(e.anchor.field, e.anchor.start, e.anchor.end))
    };
    let text = &document.text;
    let lexicon = lexicon();
    let mut out = Vec::new();
    for sentence in &reading.sentences {
        if sentence.noise || sentence.scope.is_background() {
            continue;
        }
        let words = &sentence.words;
        // Only spaces between two words: no punctuation breaks the phrase.
        let adjacent = |a: usize, b: usize| {
            char_slice(text, words[a].2, words[b].1)
                .chars()
                .all(|c| c == ' ')
        };
        let capitalised = |at: usize| {
            char_slice(text, words[at].1, words[at].1 + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        };
        for at in 0..words.len() {
            let Some(mut quantity) = quantity_of(&words[at].0) else {
                continue;
            };
            let before = |back: usize| at.checked_sub(back).map(|i| words[i].0.as_str());
            // The passage starts at the qualifier ("at least 15 shots").
            let mut first = at;
            if quantity.words.is_none() {
                // "at least 15 shots", "more than 20 shots": a least.
                if let Some((opening, _, more)) = LEAST.iter().find(|(first, second, _)| {
                    before(2) == Some(*first) && before(1) == Some(*second)
                }) {
                    quantity = Quantity::at_least(
                        if *opening == "at" {
                            "at least"
                        } else {
                            "more than"
                        },
                        quantity.low + more,
                    );
                    first = at - 2;
                }
                // "between 15 and 20 shots": a range.
                if before(1) == Some("and")
                    && before(3) == Some("between")
                    && let Some(Quantity {
                        low, words: None, ..
                    }) = before(2).and_then(quantity_of)
                {
                    quantity = Quantity {
                        low,
                        high: quantity.low,
                        words: Some("between"),
                    };
                    first = at - 3;
                }
            }
            // A number glued to letters or inside a figure, date or name is
            // read elsewhere or names something.
            let written = char_slice(text, words[at].1, words[at].2);
            if written != words[at].0 && !written.eq_ignore_ascii_case(&words[at].0) {
                continue;
            }
            if covered(words[at].1, words[at].2) {
                continue;
            }
            let mut next = at + 1;
            if vague_quantities().contains_key(words[at].0.as_str())
                && words.get(next).is_some_and(|w| w.0 == "of")
                && adjacent(at, next)
            {
                next += 1;
            }
            let mut noun: Vec<usize> = Vec::new();
            while next < words.len()
                && noun.len() < MAX_NOUN_WORDS
                && adjacent(next - 1, next)
                && words[next].0.chars().all(char::is_alphabetic)
                && !capitalised(next)
                && !lexicon.is_stopword(&words[next].0)
            {
                let word = &words[next].0;
                // "five detectives working": a verb ends what is counted.
                if !noun.is_empty() && (word.ends_with("ing") || word.ends_with("ed")) {
                    break;
                }
                noun.push(next);
                next += 1;
                // More than one of a thing is written in the plural, and
                // the plural ends the noun ("multiple shots inside").
                if is_plural(word) {
                    break;
                }
            }
            if !noun.last().is_some_and(|&last| is_plural(&words[last].0)) {
                continue;
            }
            // Money: "$1 million bond".
            if char_slice(text, words[at].1.saturating_sub(1), words[at].1) == "$" {
                continue;
            }
            let Some(&head) = noun.last() else {
                continue;
            };
            let head_word = words[head].0.as_str();
            if uncounted().contains(head_word)
                || counts_people(head_word)
                || lexicon.key(head_word).is_none()
            {
                continue;
            }
            out.push(Counted {
                reader,
                quantity,
                noun: noun
                    .iter()
                    .map(|&i| words[i].0.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                start: words[first].1,
                end: words[head].2,
            });
        }
    }
    out
}

/// Status and reason of two outlets' counts of one thing: the same number
/// agrees; ranges that meet are compatible; anything else differs.
fn compare_pair(a: &Quantity, b: &Quantity, noun: &str) -> (Status, String) {
    if a.words.is_none() && b.words.is_none() && a.low == b.low {
        return (Status::Agreed, "every outlet gives the same number".into());
    }
    let (first, second) = (a.describe(), b.describe());
    if a.low <= b.high && b.low <= a.high {
        let why = if a.words.is_some() && b.words.is_some() {
            format!("{first} and {second} {noun}: no outlet gives a number")
        } else {
            format!("{first} and {second} {noun} can both be true")
        };
        return (Status::Compatible, why);
    }
    (
        Status::Differs,
        format!(
            "{first} against {second} {noun}: counts of things are often given at different times or of a part, so this is not called a contradiction"
        ),
    )
}

/// Counts of things two outlets or more give, compared (see the module doc).
pub fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let lexicon = lexicon();
    // What is counted (the key of its last word) → each outlet's counts.
    let mut by_thing: BTreeMap<String, BTreeMap<usize, Vec<Counted>>> = BTreeMap::new();
    for (reader, reading) in readings.iter().enumerate() {
        for counted in counts_in(reader, reading) {
            let head = counted.noun.rsplit(' ').next().unwrap_or(&counted.noun);
            let Some(key) = lexicon.key(head) else {
                continue;
            };
            by_thing
                .entry(key)
                .or_default()
                .entry(reader)
                .or_default()
                .push(counted);
        }
    }
    let mut out = Vec::new();
    for (_, per_outlet) in by_thing {
        if per_outlet.len() < 2 {
            continue;
        }
        // Each outlet's first count: a report's first mention of a count is
        // its statement of it; later ones are often parts.
        let firsts: Vec<&Counted> = per_outlet.values().filter_map(|c| c.first()).collect();
        let noun = firsts[0].noun.clone();
        let mut status = Status::Agreed;
        let mut note = String::from("every outlet gives the same number");
        for (x, a) in firsts.iter().enumerate() {
            for b in &firsts[x + 1..] {
                let (pair, why) = compare_pair(&a.quantity, &b.quantity, &noun);
                if pair > status {
                    status = pair;
                    note = why;
                }
            }
        }
        let variants = firsts
            .iter()
            .map(|c| {
                let document = readings[c.reader].document;
                let mut variant = Variant::passage(
                    document.id,
                    &crate::extract::items::Anchor {
                        field: Field::Text,
                        start: c.start,
                        end: c.end,
                        text: char_slice(&document.text, c.start, c.end),
                    },
                );
                match c.quantity.words {
                    None => variant.value = Some(c.quantity.low),
                    Some(words) => {
                        variant.low = Some(c.quantity.low);
                        variant.high = c.quantity.high.is_finite().then_some(c.quantity.high);
                        variant.qualifier = Some(words.to_string());
                    }
                }
                variant
            })
            .collect();
        out.push(Claim {
            key: String::new(),
            kind: "figure".into(),
            subject: noun,
            status,
            variants,
            note: Some(note),
            scope: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::articles;

    /// Counts of things in outlets' texts, compared: (subject, status, the
    /// passages).
    fn counts(texts: &[&str]) -> Vec<(String, &'static str, Vec<String>)> {
        let documents = articles(texts);
        let views: Vec<&crate::document::Document> = documents.iter().collect();
        let readings = Reading::all(&views);
        compare(&readings)
            .into_iter()
            .map(|claim| {
                (
                    claim.subject,
                    claim.status.as_str(),
                    claim.variants.into_iter().map(|v| v.text).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn counts_of_things_read_as_data() {
        // Outlets' texts → (subject, status, passages) of each count compared.
        type Expected<'c> = &'c [(&'c str, &'c str, &'c [&'c str])];
        let cases: &[(&[&str], Expected)] = &[
            // A number and a vague word it satisfies.
            (
                &[
                    "Media reported that agents were processing four separate crime scenes.",
                    "There are multiple crime scenes along the parkway that are now secured.",
                ],
                &[(
                    "separate crime scenes",
                    "compatible",
                    &["four separate crime scenes", "multiple crime scenes"],
                )],
            ),
            // A vague word the number falls short of differs.
            (
                &[
                    "He says 17 search warrants have been executed so far.",
                    "Investigators have served dozens of search warrants in this case.",
                ],
                &[(
                    "search warrants",
                    "differs",
                    &["17 search warrants", "dozens of search warrants"],
                )],
            ),
            // Synonyms count one thing; equal numbers agree.
            (
                &[
                    "The gunman carried two weapons into the store.",
                    "Police said the gunman had two guns.",
                ],
                &[("weapons", "agreed", &["two weapons", "two guns"])],
            ),
            // Different numbers differ, never conflict.
            (
                &[
                    "Witnesses heard 15 shots outside the bar.",
                    "A caller reported 20 shots had been fired.",
                ],
                &[("shots", "differs", &["15 shots", "20 shots"])],
            ),
            // A least or a range meets a number inside it.
            (
                &[
                    "A witness heard at least 15 shots fired.",
                    "The 911 calls indicated between 15 and 20 shots fired.",
                    "One caller reported at least 20 shots fired.",
                ],
                &[(
                    "shots",
                    "compatible",
                    &[
                        "at least 15 shots",
                        "between 15 and 20 shots",
                        "at least 20 shots",
                    ],
                )],
            ),
            // Measures, money, service numbers, people and one outlet's
            // count alone are not compared.
            (
                &[
                    "The bar is three miles from the station and drew 50 911 calls; bond was set at $2 million dollars. Four officers fired 12 rounds.",
                    "It is two miles away and there were 30 911 calls; bond was $1 million dollars. Three officers responded.",
                ],
                &[],
            ),
        ];
        for (texts, expected) in cases {
            let got = counts(texts);
            let expected: Vec<(String, &str, Vec<String>)> = expected
                .iter()
                .map(|(subject, status, passages)| {
                    (
                        subject.to_string(),
                        *status,
                        passages.iter().map(|p| p.to_string()).collect(),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{texts:?}");
        }
    }
}
