//! Clock times: the time of day outlets give, compared across outlets.
//!
//! Reports time an incident to the minute, more or less precisely: "about
//! 10:30 p.m.", "shortly after 10:30 p.m.", "just before 6:30 p.m.",
//! "around 6:30 p.m.". Each time is read with its qualifier as an interval
//! of minutes (`data/clock_qualifiers.txt`: "about" is ten minutes either
//! side, "shortly after" the twenty minutes after, "before" the hour
//! before), and the times of different outlets whose intervals meet
//! are one time told by each: `agreed` when they write the same minute with
//! the same qualifier, else `compatible`.
//!
//! Times that do not meet are never called a conflict: a story has many
//! times (the shooting, the 911 calls, the arrest, a news conference), and
//! which event a time belongs to is not read here. Only times in sentences
//! of the story's event, outside page furniture, are read.

use std::sync::OnceLock;

use super::reading::{Reading, Scope, data_lines};
use super::{Claim, Status, Variant};
use crate::extract::items::{Anchor, Field};

/// Minutes in a day.
const DAY: i32 = 24 * 60;

/// A qualifier: its words and the interval it allows around the time, in
/// minutes (before, after).
struct Qualifier {
    words: Vec<&'static str>,
    before: i32,
    after: i32,
}

fn qualifiers() -> &'static [Qualifier] {
    static QUALIFIERS: OnceLock<Vec<Qualifier>> = OnceLock::new();
    QUALIFIERS.get_or_init(|| {
        let mut out: Vec<Qualifier> = data_lines(include_str!("data/clock_qualifiers.txt"))
            .filter_map(|line| {
                let mut fields = line.split('|').map(str::trim);
                let words = fields.next()?.split_whitespace().collect();
                let before = fields.next()?.parse().ok()?;
                let after = fields.next()?.parse().ok()?;
                Some(Qualifier {
                    words,
                    before,
                    after,
                })
            })
            .collect();
        // Longest first: "shortly after" before "after".
        out.sort_by_key(|q| std::cmp::Reverse(q.words.len()));
        out
    })
}

/// A time of day one outlet gives.
#[derive(Debug, Clone, PartialEq)]
struct Told {
    reader: usize,
    /// Minutes after midnight.
    minute: i32,
    /// The interval the qualifier allows (may run past midnight).
    low: i32,
    high: i32,
    /// The qualifier's words, empty for an exact time.
    qualifier: String,
    /// Character span of the qualifier and the time.
    start: usize,
    end: usize,
}

/// Reads "10:30 p.m.", "9 a.m.", "6:30 PM" at the start of `chars`:
/// (minutes after midnight, characters read).
fn clock_at(chars: &[char]) -> Option<(i32, usize)> {
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let hour_digits = digits(0);
    if hour_digits == 0 || hour_digits > 2 {
        return None;
    }
    let hour: i32 = chars[..hour_digits]
        .iter()
        .collect::<String>()
        .parse()
        .ok()?;
    let mut at = hour_digits;
    let mut minute = 0;
    if chars.get(at) == Some(&':') && digits(at + 1) == 2 {
        minute = chars[at + 1..at + 3]
            .iter()
            .collect::<String>()
            .parse()
            .ok()?;
        at += 3;
    }
    if !(1..=12).contains(&hour) || minute >= 60 {
        return None;
    }
    if chars.get(at) == Some(&' ') {
        at += 1;
    }
    let rest: String = chars[at..chars.len().min(at + 4)]
        .iter()
        .collect::<String>()
        .to_lowercase();
    let (afternoon, length) = if rest.starts_with("a.m.") {
        (false, 4)
    } else if rest.starts_with("p.m.") {
        (true, 4)
    } else if rest.starts_with("am") {
        (false, 2)
    } else if rest.starts_with("pm") {
        (true, 2)
    } else {
        return None;
    };
    // "am"/"pm" must end there ("amid", "pmc" are words).
    if length == 2 && chars.get(at + 2).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let hour = hour % 12 + if afternoon { 12 } else { 0 };
    Some((hour * 60 + minute, at + length))
}

/// The times of day in the event sentences of every reading.
fn told(readings: &[Reading<'_>]) -> Vec<Told> {
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        for sentence in &reading.sentences {
            if sentence.noise || sentence.scope != Scope::Event {
                continue;
            }
            let chars: Vec<char> = reading
                .slice(sentence.start, sentence.end)
                .chars()
                .collect();
            let mut at = 0;
            while at < chars.len() {
                let starts_word =
                    at == 0 || !chars[at - 1].is_alphanumeric() && chars[at - 1] != ':';
                let Some((minute, length)) = starts_word.then(|| clock_at(&chars[at..])).flatten()
                else {
                    at += 1;
                    continue;
                };
                let start = sentence.start + at;
                let end = start + length;
                // The qualifier: the words right before the time.
                // Words are in text order: those ending by `start` are a prefix.
                let before = &sentence.words[..sentence.words.partition_point(|w| w.2 <= start)];
                let qualifier = qualifiers().iter().find(|q| {
                    q.words.len() <= before.len()
                        && before[before.len() - q.words.len()..]
                            .iter()
                            .zip(&q.words)
                            .all(|(w, cue)| w.0 == *cue)
                });
                let (low, high, words, from) = match qualifier {
                    Some(q) => (
                        minute - q.before,
                        minute + q.after,
                        q.words.join(" "),
                        before[before.len() - q.words.len()].1,
                    ),
                    None => (minute, minute, String::new(), start),
                };
                out.push(Told {
                    reader,
                    minute,
                    low,
                    high,
                    qualifier: words,
                    start: from,
                    end,
                });
                at += length;
            }
        }
    }
    out
}

/// True when two intervals of minutes meet, across midnight too.
fn meet(a: &Told, b: &Told) -> bool {
    [-DAY, 0, DAY]
        .iter()
        .any(|shift| a.low <= b.high + shift && b.low + shift <= a.high)
}

/// Times of day two outlets or more give (see the module doc).
pub fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let times = told(readings);
    // Groups of times that meet, each time joining the first group one of
    // whose times it meets; one time per outlet in a group.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (index, time) in times.iter().enumerate() {
        let home = groups.iter_mut().find(|group| {
            group
                .iter()
                .all(|&other| times[other].reader != time.reader)
                && group.iter().any(|&other| meet(&times[other], time))
        });
        match home {
            Some(group) => group.push(index),
            None => groups.push(vec![index]),
        }
    }
    let mut claims = Vec::new();
    for group in groups.into_iter().filter(|g| g.len() >= 2) {
        let first = &times[group[0]];
        let same = group.iter().all(|&other| {
            times[other].minute == first.minute && times[other].qualifier == first.qualifier
        });
        let variants: Vec<Variant> = group
            .iter()
            .map(|&index| {
                let time = &times[index];
                let document = readings[time.reader].document;
                Variant {
                    qualifier: (!time.qualifier.is_empty()).then(|| time.qualifier.clone()),
                    ..Variant::passage(
                        document.id,
                        &Anchor {
                            field: Field::Text,
                            start: time.start,
                            end: time.end,
                            text: readings[time.reader].slice(time.start, time.end),
                        },
                    )
                }
            })
            .collect();
        let (status, note) = if same {
            (Status::Agreed, "the outlets give the same time")
        } else {
            (
                Status::Compatible,
                "the outlets' times meet, told more or less precisely",
            )
        };
        claims.push(Claim {
            key: String::new(),
            kind: "time".into(),
            subject: "time of day".into(),
            status,
            variants,
            note: Some(note.into()),
            scope: None,
        });
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{articles, passages};

    #[test]
    fn clock_times_read_as_data() {
        // Text → (minutes after midnight, characters read).
        let cases = [
            ("10:30 p.m. on Monday", Some((22 * 60 + 30, 10))),
            ("9 a.m.", Some((9 * 60, 6))),
            ("6:30 PM", Some((18 * 60 + 30, 7))),
            ("12:15 am", Some((15, 8))),
            ("12 p.m.", Some((12 * 60, 7))),
            ("6:30 last night", None),
            ("13:00 p.m.", None),
            ("9 amid the smoke", None),
            ("2016", None),
        ];
        for (text, expected) in cases {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(clock_at(&chars), expected, "{text}");
        }
    }

    #[test]
    fn times_compared_across_outlets_read_as_data() {
        // Outlets' texts → the time claims: (status, passages).
        type Case<'c> = (Vec<&'c str>, Vec<(Status, Vec<&'c str>)>);
        let cases: Vec<Case> = vec![
            (
                vec![
                    "The incident happened about 10:30 p.m. near the corner.",
                    "Police were called shortly after 10:30 p.m. to the square.",
                ],
                vec![(
                    Status::Compatible,
                    vec!["about 10:30 p.m.", "shortly after 10:30 p.m."],
                )],
            ),
            (
                vec![
                    "The shooting was reported at 2:15 a.m. on Sunday.",
                    "Officers arrived at 2:15 a.m., police said.",
                ],
                vec![(Status::Agreed, vec!["at 2:15 a.m.", "at 2:15 a.m."])],
            ),
            (
                // Times that do not meet are not compared: they may be of
                // different steps of the story.
                vec![
                    "The shooting happened at 9 p.m. on Friday.",
                    "A suspect was arrested at 11:45 p.m. on Friday.",
                ],
                vec![],
            ),
            (
                // Across midnight.
                vec![
                    "Shots rang out just before 12:05 a.m. in the park.",
                    "Neighbours heard shots around 11:55 p.m. near the park.",
                ],
                vec![(
                    Status::Compatible,
                    vec!["just before 12:05 a.m.", "around 11:55 p.m."],
                )],
            ),
        ];
        for (texts, expected) in cases {
            let documents = articles(&texts);
            let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
            assert_eq!(passages(&compare(&readings)), expected, "{texts:?}");
        }
    }
}
