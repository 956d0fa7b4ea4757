//! Extraction stage: the news date tagger.
//!
//! Finds every date expression in an article and resolves it against an
//! anchor (the article's published date). News writes dates relative to the
//! day of publication ("Monday", "earlier today", "last week", "Oct. 7"), and
//! nearly always about the past, so ambiguous expressions resolve to the most
//! recent matching day at or before the anchor unless the clause announces
//! the future ("will", "scheduled", "next").
//!
//! No crate covers this, so it is a small hand-written scanner: the text is
//! cut once into word / number / punctuation tokens, and at each token a few
//! patterns are tried, the longest match winning. Patterns are deliberately
//! conservative (precision over recall): month and weekday names must be
//! capitalised, a bare month or year needs a preposition ("in May", "in
//! 2009"), single-word holidays need one too ("on Christmas"), and numbers
//! glued to "-year-old", times or longer numbers are never dates.
//!
//! Choices worth knowing:
//! - a bare weekday equal to the anchor's weekday is the anchor day itself;
//!   "last <weekday>" is always strictly before the anchor;
//! - "overnight" resolves to the anchor day (part of day "night"): a report
//!   published on day D about "overnight" events usually covers the hours
//!   after midnight of D, and picking D-1 is only safe with an explicit
//!   "last night" / "<weekday> night";
//! - "ago" counts back from the anchor; "later", "earlier", "the next day"
//!   count from the most recent day-precise date mentioned before, else the
//!   anchor;
//! - week-precise dates are the Monday of their week.
//!
//! Modules: `scanner` (tokens, the quick clause split and the small
//! readers), `patterns` (the expressions tried at each token), `resolve`
//! (meanings to calendar dates). Word lists are data files in `dates/`;
//! month and weekday names are shared (`text::calendar`).

mod patterns;
mod resolve;
mod scanner;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use crate::extract::items::DateKind;
use crate::model::DatePrecision;
use crate::text::calendar;
use crate::text::words::{WordList, WordTable};
use patterns::Match;
use resolve::{flag_sentence_conflicts, resolve};
use scanner::Scanner;

/// Words that let a bare month, year or one-word holiday be read as a date.
static DATE_PREPOSITIONS: WordList = WordList::new(include_str!("dates/date_prepositions.txt"));
/// Words that, before a weekday in the same clause, announce the future.
static FUTURE_CUES: WordList = WordList::new(include_str!("dates/future_cues.txt"));
/// Words before a weekday that make it a named day, not a date.
static WEEKDAY_BLOCKERS: WordList = WordList::new(include_str!("dates/weekday_blockers.txt"));
/// Words after a weekday that make it a newspaper or brand name.
static WEEKDAY_NAME_FOLLOWERS: WordList =
    WordList::new(include_str!("dates/weekday_name_followers.txt"));
/// Number words that count days, weeks, months or years, with their value.
static NUMBER_WORDS: WordTable = WordTable::new(include_str!("dates/number_words.txt"));
/// Holiday names and their dates (read by `patterns`).
static HOLIDAYS: WordTable = WordTable::new(include_str!("dates/holidays.txt"));
/// Labels opening the line of a page's own date stamp ("Posted:").
static STAMP_LABELS: WordList = WordList::new(include_str!("dates/stamp_labels.txt"));
/// Words a date stamp's line may hold besides the date, clock and zone.
static STAMP_WORDS: WordList = WordList::new(include_str!("dates/stamp_words.txt"));

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// Byte range of the expression in the tagged text.
    pub range: Range<usize>,
    /// Absolute or relative.
    pub kind: DateKind,
    /// The resolved date (first day of the week, month or year for coarser
    /// precisions); `None` when it cannot be resolved without an anchor.
    pub date: Option<NaiveDate>,
    /// How much of `date` is meant.
    pub precision: DatePrecision,
    /// "morning", "afternoon", "evening" or "night" when the text says so
    /// (or gives a clock time next to the date).
    pub part_of_day: Option<&'static str>,
    /// A weekday named with an explicit date that falls on another weekday.
    pub weekday_conflict: bool,
}

/// Tags every date expression in `text`, resolved against `anchor`.
/// Mentions are sorted by start and never overlap.
pub fn tag(text: &str, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    tag_detailed(text, anchor)
        .into_iter()
        .map(|found| found.mention)
        .collect()
}

/// Infers a likely publication date for an article that has none, from
/// fully specified days (with their year) printed as a timestamp: a
/// "Posted:"/"Updated:" line, a line holding only a date and time, an
/// embedded post's signature, a dateline. The latest such stamp wins.
/// `None` when the text has no such stamp: a wrong anchor is worse than none.
pub fn infer_anchor(text: &str) -> Option<NaiveDate> {
    let full_dates: Vec<(Range<usize>, NaiveDate)> = tag_detailed(text, None)
        .into_iter()
        .filter(|found| {
            found.explicit_year && !found.future && found.mention.precision == DatePrecision::Day
        })
        .filter_map(|found| Some((found.mention.range, found.mention.date?)))
        .collect();
    // Only dates printed where pages print their own date count: the
    // latest date merely mentioned is too often a court date or an old
    // event (measured on gva-dev: half of such guesses were wrong). The
    // latest stamp matched the published date slightly more often than the
    // earliest one (62 vs 59 of 90).
    full_dates
        .iter()
        .filter(|(range, _)| is_timestamp_context(text, range))
        .map(|(_, date)| *date)
        .max()
}

/// True when a full date stands where pages print their own date: a
/// "Posted:" / "Updated:" line, a line holding little but the date and a
/// clock time, the signature of an embedded post, or a dateline.
fn is_timestamp_context(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let before = text[line_start..range.start].trim();
    let after = text[range.end..line_end].trim();
    let lower_before = before.to_ascii_lowercase();
    if STAMP_LABELS
        .iter()
        .any(|label| lower_before.starts_with(label))
        && before.len() < 40
    {
        return true;
    }
    // Letters left on the line, other than clock and zone words.
    let stray_letters = |part: &str| {
        part.split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty())
            .filter(|word| {
                let lower = word.to_ascii_lowercase();
                !(STAMP_WORDS.contains(&lower.as_str())
                    || calendar::TIME_ZONES.contains(&lower.as_str()))
            })
            .map(str::len)
            .sum::<usize>()
    };
    if stray_letters(before) + stray_letters(after) == 0 {
        return true;
    }
    // "— Name (@handle) December 26, 2023".
    if before.ends_with(')')
        && before.rfind("(@").is_some_and(|at| before.len() - at < 30)
        && after.is_empty()
    {
        return true;
    }
    // "INDIANAPOLIS (July 3, 2015) –".
    before.ends_with('(') && after.starts_with(')') && before.len() < 40
}

/// A mention plus what `infer_anchor` needs to know about it.
struct Found {
    mention: DateMention,
    explicit_year: bool,
    future: bool,
}

// ---------------------------------------------------------------------------
// Resolution

fn tag_detailed(text: &str, anchor: Option<NaiveDate>) -> Vec<Found> {
    let scanner = Scanner::new(text);
    let mut found_all: Vec<(usize, Match)> = Vec::new();
    let mut index = 0;
    while index < scanner.tokens.len() {
        let first_byte = text
            .as_bytes()
            .get(scanner.tokens[index].start)
            .copied()
            .unwrap_or(b' ');
        // Cheap filter: every pattern starts with a letter or a digit.
        if !(first_byte.is_ascii_alphanumeric()) {
            index += 1;
            continue;
        }
        match scanner.try_all(index) {
            Some(mut found) => {
                scanner.trailing_part_of_day(&mut found);
                let start = index;
                index = found.end.max(index + 1);
                found_all.push((start, found));
            }
            None => index += 1,
        }
    }

    let mut results: Vec<Found> = Vec::with_capacity(found_all.len());
    let mut previous_day: Option<NaiveDate> = None;
    let mut context_year: Option<i32> = None;
    for (start, found) in &found_all {
        let future = scanner.future_clause(*start);
        let (kind, date, precision, explicit_year) =
            resolve(found.meaning, anchor, previous_day, context_year, future);
        let part_of_day = found.part_of_day.or_else(|| {
            (precision == DatePrecision::Day)
                .then(|| scanner.clock_part_of_day(*start, found.end))
                .flatten()
        });
        let weekday_conflict = match (found.explicit_weekday, date) {
            (Some(weekday), Some(date)) => date.weekday() != weekday,
            _ => false,
        };
        if precision == DatePrecision::Day && date.is_some() {
            previous_day = date;
        }
        if explicit_year {
            context_year = date.map(|date| date.year()).or(context_year);
        }
        let first = &scanner.tokens[*start];
        let last = &scanner.tokens[found.end.saturating_sub(1).max(*start)];
        results.push(Found {
            mention: DateMention {
                range: first.start..last.end,
                kind,
                date,
                precision,
                part_of_day,
                weekday_conflict,
            },
            explicit_year,
            future,
        });
    }
    flag_sentence_conflicts(&scanner, &found_all, &mut results);
    results
}

#[cfg(test)]
mod tests;
