//! Calendar words shared by the sentence splitter, the date tagger and the
//! entity recogniser: month and weekday names with their abbreviations,
//! time-zone abbreviations and parts of the day (files in `calendar/`).
//!
//! All lists are lower case; readers compare ignoring ASCII case or
//! capitalise as they need.

use chrono::Weekday;

use super::words::{WordList, WordTable};

/// Month names in calendar order.
pub static MONTHS: WordList = WordList::new(include_str!("calendar/months.txt"));
/// Month abbreviations with the month's number (1–12).
pub static MONTH_ABBREVIATIONS: WordTable =
    WordTable::new(include_str!("calendar/month_abbreviations.txt"));
/// Weekday names, Monday first.
pub static WEEKDAYS: WordList = WordList::new(include_str!("calendar/weekdays.txt"));
/// Weekday abbreviations with the weekday name they stand for.
pub static WEEKDAY_ABBREVIATIONS: WordTable =
    WordTable::new(include_str!("calendar/weekday_abbreviations.txt"));
/// Time-zone abbreviations written after a clock time.
pub static TIME_ZONES: WordList = WordList::new(include_str!("calendar/time_zones.txt"));
/// Parts of the day ("morning" … "night").
pub static PARTS_OF_DAY: WordList = WordList::new(include_str!("calendar/parts_of_day.txt"));

/// The number (1–12) of a month abbreviation.
pub fn abbreviated_month(word: &str) -> Option<u32> {
    MONTH_ABBREVIATIONS
        .get_ignore_case(word)
        .and_then(|month| month.parse().ok())
}

/// Index (0 = Monday) of a weekday abbreviation.
pub fn abbreviated_weekday(word: &str) -> Option<usize> {
    let name = WEEKDAY_ABBREVIATIONS.get_ignore_case(word)?;
    WEEKDAYS.iter().position(|weekday| *weekday == name)
}

/// The weekday of a [`WEEKDAYS`] index (0 = Monday).
pub fn weekday_from_index(index: usize) -> Option<Weekday> {
    Some(match index {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        6 => Weekday::Sun,
        _ => return None,
    })
}

/// The first weekday name (in [`WEEKDAYS`] order) that `text` holds,
/// ignoring case.
pub fn weekday_named_in(text: &str) -> Option<Weekday> {
    let lower = text.to_lowercase();
    WEEKDAYS
        .iter()
        .position(|name| lower.contains(name))
        .and_then(weekday_from_index)
}

/// Month names followed by their abbreviations: the words the stages must
/// not mistake for something else ("Oct.", "May").
pub fn month_words() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().copied().chain(
        MONTH_ABBREVIATIONS
            .iter()
            .map(|(abbreviation, _)| *abbreviation),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::malformed_rows;

    #[test]
    fn lists_are_whole() {
        assert_eq!(MONTHS.len(), 12);
        assert_eq!(WEEKDAYS.len(), 7);
        assert!(malformed_rows(include_str!("calendar/month_abbreviations.txt")).is_empty());
        assert!(malformed_rows(include_str!("calendar/weekday_abbreviations.txt")).is_empty());
        for (abbreviation, _) in MONTH_ABBREVIATIONS.iter() {
            assert!(abbreviated_month(abbreviation).is_some_and(|m| (1..=12).contains(&m)));
        }
        for (abbreviation, _) in WEEKDAY_ABBREVIATIONS.iter() {
            assert!(
                abbreviated_weekday(abbreviation).is_some(),
                "{abbreviation}"
            );
        }
        assert_eq!(month_words().count(), 24);
    }
}
