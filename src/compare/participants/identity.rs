//! Who a person is, read from the words around a mention: an age (", 23,",
//! "23-year-old", "(34)", "aged 34") and a home (", 24, of Kent", "who lives
//! in Garfield"), and the unnamed people an outlet describes by age ("the
//! 14-year-old girl"), given to the one participant of that age. Separate
//! because background sentences give these and nothing else.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use super::vocabulary::lists;
use super::{Gathered, Read, Stated};
use crate::compare::reading::Reading;
use crate::extract::items::{EntityItem, EntityKind, Field};

/// Longest text read after a name for its age or residence (characters).
const AFTER: usize = 48;
/// Longest text read before a name for its age (characters).
const BEFORE: usize = 40;

fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// An age written in digits ("23") or words ("two", "twenty-two").
fn age_number(written: &str) -> Option<u32> {
    static ENGLISH: OnceLock<text2num::Language> = OnceLock::new();
    if let Ok(value) = written.parse() {
        return Some(value);
    }
    let words = written.to_lowercase().replace('-', " ");
    let english = ENGLISH.get_or_init(text2num::Language::english);
    text2num::text2digits(&words, english).ok()?.parse().ok()
}

/// ", 23," / ", 23." / " (23)" / ", aged 23" right after a name.
fn age_after(text: &str) -> Option<(u32, usize, usize)> {
    static AFTER_NAME: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &AFTER_NAME,
        r"^(?:,? (?:Jr|Sr)\.?|,? (?:II|III|IV))?(?:,\s*(?:aged\s+)?(\d{1,3})(?:,|\.(?:\s|$)|;|:|\)|\s+(?:and|who|was|is|were|of|from|had|has)\b|\s*$)|\s*\((\d{1,3})\))",
    )?;
    let captures = pattern.captures(text)?;
    let number = captures.get(1).or_else(|| captures.get(2))?;
    let value: u32 = number.as_str().parse().ok()?;
    (1..=110)
        .contains(&value)
        .then_some((value, number.start(), number.end()))
}

/// "23-year-old " or "23 year old " (and up to two lower-case words, "man
/// named", and one title, "Officer" or "Sgt.") right before a name, on the
/// same line: two capitalised words between are another person's name
/// ("… of 2-year-old Makanzee Oldham\n\nCleveland Smelley"), not a title.
fn age_before(text: &str) -> Option<(u32, usize, usize)> {
    static BEFORE_NAME: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &BEFORE_NAME,
        r"\b(\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)[- ]year[- ]old(?:[ \t]+[a-z]+){0,2}(?:[ \t]+[A-Z][a-z]*\.?)?[ \t]+$",
    )?;
    let captures = pattern.captures(text)?;
    let number = captures.get(1)?;
    let value = age_number(number.as_str())?;
    let end = number.end() + "-year-old".len();
    (1..=110)
        .contains(&value)
        .then_some((value, number.start(), end))
}

/// Where a residence's place name starts after a name: ", 24, of ",
/// ", from ", " of ", ", who is from ", ", who lives in ". The bool is
/// true when the form alone says the words are a home ("Name, 16, of
/// Garfield", "who lives in Garfield"), so a name the gazetteer does not
/// know (a neighbourhood) is still read; after a bare " of " the place must
/// be one the extraction found there, so "Hill of the sheriff's office" is
/// no residence.
fn residence_after(text: &str) -> Option<(usize, bool)> {
    static RESIDENCE: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &RESIDENCE,
        r"^(?:,? (?:Jr|Sr)\.?|,? (?:II|III|IV))?(?:(,\s*\d{1,3},\s*(?:of|from)\s+)|,?\s+(who\s+(?:is|was)\s+from|who\s+(?:lives|lived)\s+in)\s+|(?:,\s*|\s+)(?:of|from)\s+)(?:the\s+)?",
    )?;
    let captures = pattern.captures(text)?;
    let strong = captures.get(1).is_some() || captures.get(2).is_some();
    captures.get(0).map(|m| (m.end(), strong))
}

/// A run of capitalised words at the start of `text` ("Garfield",
/// "East Liberty", "St. Albans"), up to three, as its length in bytes.
fn capitalised_run(text: &str) -> Option<usize> {
    static RUN: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(&RUN, r"^(?:St\.\s+)?[A-Z][a-z]+(?:[-\s][A-Z][a-z]+){0,2}\b")?;
    pattern.find(text).map(|m| m.end())
}

/// An unnamed person an outlet describes by age ("a 1-year-old girl",
/// "the 14-year-old girl who was wounded").
struct Description {
    reader: usize,
    age: u32,
    start: usize,
    end: usize,
}

/// "a|an|the N-year-old" then, within three words, a noun for a person
/// (`data/person_nouns.txt`), in the event's sentences of one outlet; an
/// age right before a name is the name's, read by [`read_identity`].
fn descriptions(readings: &[Reading<'_>]) -> Vec<Description> {
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let people_at: BTreeSet<usize> = reading
            .document
            .extraction
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person && e.anchor.field == Field::Text)
            .map(|e| e.anchor.start)
            .collect();
        for sentence in reading
            .sentences
            .iter()
            .filter(|s| !s.noise && !s.scope.is_background())
        {
            let words = &sentence.words;
            for (i, word) in words.iter().enumerate().skip(1) {
                let Some(number) = word.0.strip_suffix("-year-old") else {
                    continue;
                };
                if !matches!(words[i - 1].0.as_str(), "a" | "an" | "the") {
                    continue;
                }
                let Some(age) = age_number(number).filter(|a| (1..=110).contains(a)) else {
                    continue;
                };
                if words
                    .get(i + 1)
                    .is_some_and(|next| people_at.contains(&next.1))
                {
                    continue;
                }
                let noun = words[i + 1..]
                    .iter()
                    .take(3)
                    .any(|w| lists().person_nouns.contains(&w.0.as_str()));
                if noun {
                    out.push(Description {
                        reader,
                        age,
                        start: word.1,
                        end: word.2,
                    });
                }
            }
        }
    }
    out
}

/// Gives each description to the one participant of that age: an outlet's
/// "the 14-year-old girl" is the "Abigail Kopf, 14," of another. An age
/// that two participants share, or none, identifies nobody and is left.
pub(super) fn attach_descriptions(readings: &[Reading<'_>], gathered: &mut [Gathered]) {
    for description in descriptions(readings) {
        let value = description.age.to_string();
        let holders: Vec<usize> = gathered
            .iter()
            .enumerate()
            .filter(|(_, g)| g.read.ages.iter().any(|a| a.value == value))
            .map(|(i, _)| i)
            .collect();
        let [holder] = holders[..] else {
            continue;
        };
        gathered[holder].read.ages.push(Stated {
            reader: description.reader,
            value,
            number: Some(f64::from(description.age)),
            place: None,
            start: description.start,
            end: description.end,
        });
    }
}

/// Reads who the person is from the words around one mention: an age
/// ("Name, 23," / "23-year-old Name") and a residence ("Name, 24, of Kent").
pub(super) fn read_identity(
    readings: &[Reading<'_>],
    reader: usize,
    entity: &EntityItem,
    read: &mut Read,
) {
    let reading = &readings[reader];
    let (start, end) = (entity.anchor.start, entity.anchor.end);
    let after = reading.slice(end, end + AFTER);
    let before_start = start.saturating_sub(BEFORE);
    let before = reading.slice(before_start, start);
    let chars = |s: &str, byte: usize| s[..byte].chars().count();
    if let Some((value, s, e)) = age_after(&after) {
        read.ages.push(Stated {
            reader,
            value: value.to_string(),
            number: Some(f64::from(value)),
            place: None,
            start: end + chars(&after, s),
            end: end + chars(&after, e),
        });
    } else if let Some((value, s, e)) = age_before(&before) {
        read.ages.push(Stated {
            reader,
            value: value.to_string(),
            number: Some(f64::from(value)),
            place: None,
            start: before_start + chars(&before, s),
            end: before_start + chars(&before, e),
        });
    }
    if let Some((offset, strong)) = residence_after(&after) {
        let at = end + chars(&after, offset);
        let found = reading
            .document
            .extraction
            .entities
            .iter()
            .find(|e| e.anchor.field == Field::Text && e.anchor.start == at);
        if let Some(place) = found.filter(|e| e.kind == EntityKind::Place) {
            read.residences.push(Stated {
                reader,
                value: place
                    .place
                    .as_ref()
                    .map_or_else(|| place.name.clone(), |p| p.name.clone()),
                number: None,
                place: place.place.clone(),
                start: place.anchor.start,
                end: place.anchor.end,
            });
        } else if strong && found.is_none() {
            // A home the gazetteer does not know: its words, compared as
            // written.
            let rest = &after[offset..];
            if let Some(length) = capitalised_run(rest) {
                let name = &rest[..length];
                read.residences.push(Stated {
                    reader,
                    value: name.to_string(),
                    number: None,
                    place: None,
                    start: at,
                    end: at + name.chars().count(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_data() {
        for (after, expected) in [
            (", 23, and Lt. Derrick Stafford", Some(23)),
            (" Jr., 32, and", Some(32)),
            (", 6.", Some(6)),
            (" (34) was", Some(34)),
            (", aged 19, was", Some(19)),
            (", 2016, the", None),
            (", 911 dispatchers", None),
            (" said 23 people", None),
        ] {
            assert_eq!(age_after(after).map(|a| a.0), expected, "{after:?}");
        }
        for (before, expected) in [
            ("killing of 6-year-old ", Some(6)),
            ("shot a 22-year-old man named ", Some(22)),
            ("a 22-year-old man, ", None),
            ("32-year-old Officer ", Some(32)),
            ("a 40-year-old Sgt. ", Some(40)),
            ("shooting of two-year-old ", Some(2)),
            ("Twenty-two-year-old ", Some(22)),
            ("a few-year-old ", None),
            ("shooting of 2 year old ", Some(2)),
            ("murder of 2-year-old Makanzee Oldham\n\n", None),
            ("of 2-year-old Makanzee Oldham ", None),
        ] {
            assert_eq!(age_before(before).map(|a| a.0), expected, "{before:?}");
        }
    }

    #[test]
    fn residences_start_after_of_or_from() {
        for (after, expected) in [
            (", 24, of Kent, was", Some((9, true))),
            (", from Fairfield said", Some((7, false))),
            (" of Kettering in", Some((4, false))),
            (", who is from Gastonia, North", Some((14, true))),
            (" who lives in Garfield.", Some((14, true))),
            (" said on Sunday", None),
        ] {
            assert_eq!(residence_after(after), expected, "{after:?}");
        }
    }

    #[test]
    fn unknown_homes_are_capitalised_runs() {
        for (text, expected) in [
            ("Garfield, who was", Some("Garfield")),
            ("East Liberty.", Some("East Liberty")),
            ("St. Albans, police", Some("St. Albans")),
            ("the city", None),
        ] {
            assert_eq!(
                capitalised_run(text).map(|n| &text[..n]),
                expected,
                "{text:?}"
            );
        }
    }
}
