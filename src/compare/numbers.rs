//! The numbers each report writes, for telling a number only one outlet
//! gives ("interviewed 213 witnesses", "his 25-year-old father", "58 people
//! were trapped") from one every report repeats or gives differently.
//!
//! A number is read from digits ("213", "5,500" → `5500`, "1:45",
//! "25-year-old" → `25`); what another report writes is read in words too
//! ("eight" → `8`, [`number_values`]) and from its extracted figures. What it counts is the
//! word after it ("213 witnesses" → `witness`; a clock time counts
//! `o'clock`). A number is *novel* in a report when no other report writes
//! it and no other report writes another number of the same thing: "2:17
//! a.m." against "about 2:20 a.m." is the same time told more or less
//! precisely, not a fact of one report's own. Numbers that are parts of
//! names ("7th Street", "K9", a plate "678ZRL"), addresses ("1555 Main
//! Street"), telephone numbers ("253-288-7403", and those in
//! `data/named_numbers.txt`: "call 911") or extracted dates are never
//! novel: places and dates are compared as places and dates.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::reading::{Reading, data_lines, lexicon};
use crate::extract::figures::number_values;
use crate::extract::items::Field;

/// What a clock time counts.
const CLOCK: &str = "o'clock";

/// Per reading: the numbers its non-noise sentences write and its figures'
/// values; and what those numbers count.
pub struct Numbers {
    of_reading: Vec<BTreeSet<String>>,
    units: Vec<BTreeSet<String>>,
}

impl Numbers {
    /// The numbers of every reading.
    pub fn of(readings: &[Reading<'_>]) -> Numbers {
        let mut of_reading = Vec::with_capacity(readings.len());
        let mut units = Vec::with_capacity(readings.len());
        for reading in readings {
            let mut numbers = BTreeSet::new();
            let mut counted = BTreeSet::new();
            for sentence in reading.sentences.iter().filter(|s| !s.noise) {
                // Dates included: "2 a.m." read as a time in one report is
                // still a number another report writes.
                let text = reading.slice(sentence.start, sentence.end);
                for number in numbers_in(&text) {
                    numbers.insert(number.digits);
                    counted.extend(number.unit);
                }
                // Numbers in words: "eight to 20 years" gives the 8 of
                // "8 to 20 years".
                numbers.extend(number_values(&text).into_iter().map(value_text));
            }
            for figure in &reading.document.extraction.figures {
                if let (Some(value), false) = (figure.value, figure.implicit) {
                    numbers.insert(value_text(value));
                }
            }
            of_reading.push(numbers);
            units.push(counted);
        }
        Numbers { of_reading, units }
    }

    /// The passage of the words `range` of sentence `index` of `reader`
    /// that gives its novel numbers (see the module doc): from the word
    /// before the first to what the last counts ("interviewed 213
    /// witnesses", "Smith, 55"); `None` when it gives none.
    pub fn novel_in(
        &self,
        readings: &[Reading<'_>],
        reader: usize,
        index: usize,
        range: &Range<usize>,
    ) -> Option<(usize, usize)> {
        let others = || {
            (0..self.of_reading.len())
                .filter(move |&other| other != reader)
                .map(|other| (&self.of_reading[other], &self.units[other]))
        };
        let reading = &readings[reader];
        let novel: Vec<Written> = written(reading, index, range)
            .into_iter()
            .filter(|number| {
                others().all(|(numbers, units)| {
                    !numbers.contains(&number.digits)
                        && number
                            .unit
                            .as_ref()
                            .is_none_or(|unit| !units.contains(unit))
                })
            })
            .collect();
        let (first, last) = (novel.first()?, novel.last()?);
        let words = &reading.sentences[index].words[range.clone()];
        let start = words
            .iter()
            .rev()
            .find(|word| word.2 <= first.start)
            .map_or(first.start, |word| word.1);
        let end = match last.unit {
            Some(_) => words
                .iter()
                .find(|word| word.1 >= last.end)
                .map_or(last.end, |word| word.2),
            None => last.end,
        };
        Some((start, end))
    }
}

/// A number as written.
#[derive(Debug, PartialEq)]
struct Written {
    /// Digits without thousands separators or leading zeros ("5500",
    /// "1:45", "2.5").
    digits: String,
    /// What it counts: the key of the next word, or [`CLOCK`].
    unit: Option<String>,
    /// Part of a name or an address ("7th", "K9", "1555 Main").
    naming: bool,
    /// Character span: in the text read, made the document's by
    /// [`written`].
    start: usize,
    end: usize,
}

/// The novel-candidate numbers of the words `range` of sentence `index`:
/// not naming, outside the document's extracted dates.
fn written(reading: &Reading<'_>, index: usize, range: &Range<usize>) -> Vec<Written> {
    let sentence = &reading.sentences[index];
    let (Some(first), Some(last)) = (
        sentence.words.get(range.start),
        range
            .end
            .checked_sub(1)
            .and_then(|at| sentence.words.get(at)),
    ) else {
        return Vec::new();
    };
    let (from, to) = (first.1, last.2);
    let dates = &reading.document.extraction.dates;
    // Read to the sentence's end so the last number's unit is seen.
    numbers_in(&reading.slice(from, sentence.end.max(to)))
        .into_iter()
        .map(|number| Written {
            start: from + number.start,
            end: from + number.end,
            ..number
        })
        .filter(|number| number.end <= to && !number.naming)
        .filter(|number| {
            !dates.iter().any(|date| {
                date.anchor.field == Field::Text
                    && date.anchor.start < number.end
                    && number.start < date.anchor.end
            })
        })
        .collect()
}

/// Numbers that name a service rather than count (`data/named_numbers.txt`).
pub(super) fn named_numbers() -> &'static BTreeSet<&'static str> {
    static NAMED: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    NAMED.get_or_init(|| data_lines(include_str!("data/named_numbers.txt")).collect())
}

/// The numbers written in digits in `text` (see [`Written`]).
fn numbers_in(text: &str) -> Vec<Written> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if !chars[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        let mut digits = String::new();
        while at < chars.len() {
            let c = chars[at];
            let next_is_digit = chars.get(at + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                digits.push(c);
            } else if matches!(c, ',' | '.' | ':') && next_is_digit {
                // A thousands comma is dropped; a decimal point or a
                // clock's colon kept.
                if c != ',' {
                    digits.push(c);
                }
            } else {
                break;
            }
            at += 1;
        }
        let end = at;
        // Glued to letters ("7th", "K9") or to more digits by a hyphen (a
        // telephone number "253-288-7403", a case number).
        let joined = |c: Option<&char>, beyond: Option<&char>| {
            c.is_some_and(|c| c.is_alphabetic())
                || (c == Some(&'-') && beyond.is_some_and(char::is_ascii_digit))
        };
        let before = |back: usize| start.checked_sub(back).and_then(|at| chars.get(at));
        let glued = joined(before(1), before(2)) || joined(chars.get(end), chars.get(end + 1));
        let (unit, capitalised) = unit_after(&chars[end..], digits.contains(':'));
        let digits = canonical(&digits);
        let named = named_numbers().contains(digits.as_str());
        out.push(Written {
            digits,
            unit,
            naming: glued || capitalised || named,
            start,
            end,
        });
    }
    out
}

/// What a number followed by `rest` counts, and whether the next word is
/// capitalised (a street's or a building's name after it).
fn unit_after(rest: &[char], clock: bool) -> (Option<String>, bool) {
    // Skip the spaces and hyphens between a number and its word: "25-year-old".
    let skip = rest.iter().take_while(|c| matches!(c, ' ' | '-')).count();
    let word: String = rest[skip..]
        .iter()
        .take_while(|c| c.is_alphabetic() || **c == '.')
        .collect();
    let lower = word.to_lowercase();
    if clock
        || lower.starts_with("a.m")
        || lower.starts_with("p.m")
        || lower == "am"
        || lower == "pm"
    {
        return (Some(CLOCK.to_string()), false);
    }
    if skip == 0 {
        // Punctuation right after the number ("Smith, 55."): nothing counted.
        return (None, false);
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let trimmed = lower.trim_end_matches('.');
    let unit = (!trimmed.is_empty())
        .then(|| lexicon().key(trimmed))
        .flatten();
    (unit, capitalised)
}

/// Digits without leading zeros ("07" → "7"; "0" stays).
fn canonical(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with(['.', ':']) {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// A figure's value as digits would write it: `5.0` → "5", `2.5` → "2.5".
fn value_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_from_text() {
        // Text → each number's digits, what it counts, whether it names.
        // Digits, what the number counts, whether it names.
        type Number = (&'static str, Option<&'static str>, bool);
        let cases: [(&str, &[Number]); 11] = [
            ("interviewed 213 witnesses", &[("213", Some("wit"), false)]),
            (
                "a town of about 5,500, about 90 miles away",
                &[("5500", None, false), ("90", Some("mile"), false)],
            ),
            (
                "died at about 1:45 a.m. Friday",
                &[("1:45", Some(CLOCK), false)],
            ),
            ("at 6 p.m.", &[("6", Some(CLOCK), false)]),
            ("his 25-year-old father", &[("25", Some("year"), false)]),
            ("Michael Smith, 55.", &[("55", None, false)]),
            ("on 7th Street", &[("7", None, true)]),
            (
                "the bar at 1555 Main Street",
                &[("1555", Some("main"), true)],
            ),
            (
                "call 253-288-7403",
                &[
                    ("253", None, true),
                    ("288", None, true),
                    ("7403", None, true),
                ],
            ),
            ("call 911", &[("911", None, true)]),
            ("officers", &[]),
        ];
        for (text, expected) in cases {
            let numbers: Vec<(String, Option<String>, bool)> = numbers_in(text)
                .into_iter()
                .map(|n| (n.digits, n.unit, n.naming))
                .collect();
            let expected: Vec<(String, Option<String>, bool)> = expected
                .iter()
                .map(|(d, u, n)| (d.to_string(), u.map(str::to_string), *n))
                .collect();
            assert_eq!(numbers, expected, "{text}");
        }
    }

    #[test]
    fn a_number_is_novel_when_no_other_report_gives_it_or_another_of_its_kind() {
        // The first report's sentence, the other's → the novel passage.
        let cases = [
            (
                "Detectives said they interviewed 213 witnesses last week.",
                "Detectives have interviewed many witnesses.",
                Some("interviewed 213 witnesses"),
            ),
            (
                "The gunfire began at 2:17 a.m. near the bar.",
                "The gunfire began around 2:20 a.m. near the bar.",
                None,
            ),
            (
                "The victim was Michael Smith, 55.",
                "The victim was Michael Smith.",
                Some("Smith, 55"),
            ),
            (
                "The victim was Michael Smith, 55.",
                "Michael Smith, 55, died.",
                None,
            ),
            (
                "He was sentenced to 8 to 20 years.",
                "He got eight to twenty years.",
                None,
            ),
            (
                "Police were called to 1555 Main Street.",
                "Police were called to the bar.",
                None,
            ),
        ];
        for (one, other, expected) in cases {
            // A sentence before it: spans are the document's, not the sentence's.
            let first = format!("“It’s sad,” she said. {one}");
            let documents = [
                crate::compare::tests::article(1, &first, vec![]),
                crate::compare::tests::article(2, other, vec![]),
            ];
            let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
            let numbers = Numbers::of(&readings);
            let range = 0..readings[0].sentences[1].words.len();
            let found = numbers
                .novel_in(&readings, 0, 1, &range)
                .map(|(start, end)| readings[0].slice(start, end));
            assert_eq!(found.as_deref(), expected, "{one} / {other}");
        }
    }

    #[test]
    fn figure_values_are_written_as_digits() {
        assert_eq!(value_text(5.0), "5");
        assert_eq!(value_text(2.5), "2.5");
        assert_eq!(value_text(1_000_000.0), "1000000");
    }
}
