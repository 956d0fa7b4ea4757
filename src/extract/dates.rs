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

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use crate::model::DatePrecision;

/// Whether a mention names its date outright or relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// "December 26, 2023", "Oct. 7", "in 2009", "Christmas Day".
    Absolute,
    /// "Monday", "yesterday", "last week", "two days later".
    Relative,
}

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
    if ["posted", "updated", "published", "last updated", "date"]
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
                ![
                    "am",
                    "pm",
                    "a",
                    "p",
                    "m",
                    "at",
                    "est",
                    "edt",
                    "cst",
                    "cdt",
                    "mst",
                    "mdt",
                    "pst",
                    "pdt",
                    "et",
                    "ct",
                    "pt",
                    "utc",
                    "gmt",
                    "ist",
                    "hrs",
                    "updated",
                    "posted",
                    "published",
                    "on",
                    "by",
                ]
                .contains(&word.to_ascii_lowercase().as_str())
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
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    kind: TokenKind,
    /// Index of the (roughly detected) sentence holding the token.
    sentence: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Punct(normalise_punct(c))
        };
        let mut end = start + c.len_utf8();
        if kind != TokenKind::Punct(normalise_punct(c)) {
            while let Some(&(index, next)) = chars.peek() {
                let same = match kind {
                    TokenKind::Word => next.is_alphabetic(),
                    TokenKind::Number => next.is_ascii_digit(),
                    TokenKind::Punct(_) => false,
                };
                if !same {
                    break;
                }
                end = index + next.len_utf8();
                chars.next();
            }
        }
        tokens.push(Token {
            start,
            end,
            kind,
            sentence: 0,
        });
    }
    assign_sentences(text, &mut tokens);
    tokens
}

fn normalise_punct(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '–' | '—' | '‑' => '-',
        '“' | '”' => '"',
        other => other,
    }
}

/// A cheap sentence split, good enough to keep weekday/date comparisons and
/// future cues inside one sentence: a stop followed by a capital, or a line
/// break.
fn assign_sentences(text: &str, tokens: &mut [Token]) {
    let mut sentence = 0usize;
    for index in 0..tokens.len() {
        if index > 0 {
            let previous = &tokens[index - 1];
            let gap = text.get(previous.end..tokens[index].start).unwrap_or("");
            let line_break = gap.contains('\n');
            let stop = matches!(previous.kind, TokenKind::Punct('.' | '!' | '?'))
                && !gap.is_empty()
                && text[tokens[index].start..]
                    .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
                && !(index >= 2
                    && is_abbreviation(&text[tokens[index - 2].start..tokens[index - 2].end]));
            if line_break || stop {
                sentence += 1;
            }
        }
        tokens[index].sentence = sentence;
    }
}

fn is_abbreviation(word: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "sgt", "gov", "sen", "rep", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "s", "u", "m", "jr",
        "det", "capt", "col", "ofc",
    ];
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

// ---------------------------------------------------------------------------
// Patterns

/// What a matched expression means before it is resolved.
#[derive(Debug, Clone, Copy)]
enum Meaning {
    /// A full date with its year.
    Full(NaiveDate),
    /// Month and day; the year comes from the anchor or context.
    MonthDay { month: u32, day: u32 },
    /// A month of a given year ("December 2023").
    MonthOfYear { year: i32, month: u32 },
    /// A month alone ("in February"), shifted by a modifier.
    Month { month: u32, modifier: Modifier },
    /// A year alone ("in 2009").
    Year(i32),
    /// A holiday; the year comes from the anchor or context. The flag marks
    /// "<holiday> weekend", which may still be under way at the anchor.
    Holiday(Holiday, bool),
    /// A weekday ("Monday", "last Tuesday").
    Weekday {
        weekday: Weekday,
        modifier: Modifier,
    },
    /// Days from the anchor ("yesterday" = -1).
    AnchorDays(i64),
    /// Weeks from the anchor's week ("last week" = -1).
    AnchorWeeks(i64),
    /// Months from the anchor's month.
    AnchorMonths(i64),
    /// Years from the anchor's year.
    AnchorYears(i64),
    /// A shift from the previously mentioned date ("two days later").
    Chained { amount: i64, unit: Unit },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    None,
    Last,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    Fixed {
        month: u32,
        day: u32,
    },
    /// The n-th (1-based; 0 = last) given weekday of a month.
    Floating {
        month: u32,
        weekday: Weekday,
        nth: u8,
    },
    /// Western Easter Sunday.
    Easter,
}

struct Match {
    /// Index one past the last token of the expression.
    end: usize,
    meaning: Meaning,
    explicit_weekday: Option<Weekday>,
    part_of_day: Option<&'static str>,
}

impl Match {
    fn new(end: usize, meaning: Meaning) -> Self {
        Match {
            end,
            meaning,
            explicit_weekday: None,
            part_of_day: None,
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    tokens: Vec<Token>,
}

/// Month names and their usual abbreviations, lower case: shared by the
/// stages that must not mistake "Oct." or "May" for something else.
pub(crate) const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
/// The full weekday names, lower-case, that the tagger reads.
pub(crate) fn weekday_names() -> impl Iterator<Item = &'static str> {
    WEEKDAYS.iter().map(|(name, _)| *name)
}
const WEEKDAY_ABBREVIATIONS: [(&str, Weekday); 10] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];
const PARTS_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];
/// Words that let a bare month, year or one-word holiday be read as a date.
const DATE_PREPOSITIONS: &[&str] = &[
    "in", "since", "by", "during", "until", "till", "through", "from", "before", "after", "early",
    "late", "mid", "of", "on", "over",
];
/// Words that, before a weekday in the same clause, announce the future.
const FUTURE_CUES: &[&str] = &[
    "will",
    "scheduled",
    "expected",
    "upcoming",
    "slated",
    "tomorrow",
];
/// Words before a weekday that make it a named day, not a date.
const WEEKDAY_BLOCKERS: &[&str] = &[
    "black", "good", "cyber", "super", "ash", "palm", "easter", "bloody", "holy",
];
/// Words after a weekday that make it a newspaper or brand name.
const WEEKDAY_NAME_FOLLOWERS: &[&str] = &[
    "times",
    "telegraph",
    "herald",
    "mail",
    "express",
    "mirror",
    "post",
    "star",
    "journal",
    "observer",
    "tribune",
    "independent",
    "school",
];

/// Holiday names, as token sequences; `needs_cue` marks single words that
/// are dates only after a preposition or before a part of the day.
const HOLIDAYS: &[(&[&str], Holiday, bool)] = &[
    (
        &["christmas", "eve"],
        Holiday::Fixed { month: 12, day: 24 },
        false,
    ),
    (
        &["christmas", "day"],
        Holiday::Fixed { month: 12, day: 25 },
        false,
    ),
    (&["christmas"], Holiday::Fixed { month: 12, day: 25 }, true),
    (
        &["new", "year", "'", "s", "eve"],
        Holiday::Fixed { month: 12, day: 31 },
        false,
    ),
    (
        &["new", "year", "'", "s", "day"],
        Holiday::Fixed { month: 1, day: 1 },
        false,
    ),
    (
        &["new", "year", "'", "s"],
        Holiday::Fixed { month: 1, day: 1 },
        true,
    ),
    (
        &["independence", "day"],
        Holiday::Fixed { month: 7, day: 4 },
        false,
    ),
    (
        &["fourth", "of", "july"],
        Holiday::Fixed { month: 7, day: 4 },
        false,
    ),
    (
        &["july", "fourth"],
        Holiday::Fixed { month: 7, day: 4 },
        false,
    ),
    (&["halloween"], Holiday::Fixed { month: 10, day: 31 }, true),
    (
        &["valentine", "'", "s", "day"],
        Holiday::Fixed { month: 2, day: 14 },
        false,
    ),
    (
        &["veterans", "day"],
        Holiday::Fixed { month: 11, day: 11 },
        false,
    ),
    (
        &["st", ".", "patrick", "'", "s", "day"],
        Holiday::Fixed { month: 3, day: 17 },
        false,
    ),
    (&["easter", "sunday"], Holiday::Easter, false),
    (&["easter"], Holiday::Easter, true),
    (
        &["cinco", "de", "mayo"],
        Holiday::Fixed { month: 5, day: 5 },
        false,
    ),
    (
        &["thanksgiving", "day"],
        Holiday::Floating {
            month: 11,
            weekday: Weekday::Thu,
            nth: 4,
        },
        false,
    ),
    (
        &["thanksgiving"],
        Holiday::Floating {
            month: 11,
            weekday: Weekday::Thu,
            nth: 4,
        },
        true,
    ),
    (
        &["memorial", "day"],
        Holiday::Floating {
            month: 5,
            weekday: Weekday::Mon,
            nth: 0,
        },
        false,
    ),
    (
        &["labor", "day"],
        Holiday::Floating {
            month: 9,
            weekday: Weekday::Mon,
            nth: 1,
        },
        false,
    ),
    (
        &["mother", "'", "s", "day"],
        Holiday::Floating {
            month: 5,
            weekday: Weekday::Sun,
            nth: 2,
        },
        false,
    ),
    (
        &["father", "'", "s", "day"],
        Holiday::Floating {
            month: 6,
            weekday: Weekday::Sun,
            nth: 3,
        },
        false,
    ),
    (
        &["martin", "luther", "king", "jr", ".", "day"],
        Holiday::Floating {
            month: 1,
            weekday: Weekday::Mon,
            nth: 3,
        },
        false,
    ),
    (
        &["martin", "luther", "king", "day"],
        Holiday::Floating {
            month: 1,
            weekday: Weekday::Mon,
            nth: 3,
        },
        false,
    ),
    (
        &["mlk", "day"],
        Holiday::Floating {
            month: 1,
            weekday: Weekday::Mon,
            nth: 3,
        },
        false,
    ),
];

const NUMBER_WORDS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

impl<'a> Scanner<'a> {
    fn text_of(&self, index: usize) -> &'a str {
        self.tokens
            .get(index)
            .and_then(|token| self.text.get(token.start..token.end))
            .unwrap_or("")
    }

    fn word(&self, index: usize) -> Option<&'a str> {
        let token = self.tokens.get(index)?;
        (token.kind == TokenKind::Word).then(|| self.text_of(index))
    }

    fn word_is(&self, index: usize, expected: &str) -> bool {
        self.word(index)
            .is_some_and(|word| word.eq_ignore_ascii_case(expected))
    }

    fn word_in(&self, index: usize, list: &[&str]) -> bool {
        self.word(index)
            .is_some_and(|word| list.iter().any(|item| item.eq_ignore_ascii_case(word)))
    }

    fn capitalised(&self, index: usize) -> bool {
        self.word(index)
            .is_some_and(|word| word.starts_with(|c: char| c.is_uppercase()))
    }

    fn punct(&self, index: usize) -> Option<char> {
        match self.tokens.get(index)?.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The value and digit count of a number token.
    fn number(&self, index: usize) -> Option<(u32, usize)> {
        let token = self.tokens.get(index)?;
        if token.kind != TokenKind::Number || token.end - token.start > 4 {
            return None;
        }
        let digits = self.text_of(index);
        digits.parse().ok().map(|value| (value, digits.len()))
    }

    /// True when tokens `left` and `left + 1` touch (no space between).
    fn glued(&self, left: usize) -> bool {
        match (self.tokens.get(left), self.tokens.get(left + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    /// A number that stands alone: not inside "1,000", "3.5", "555-1234",
    /// "12/26", nor followed by "-year-old" or a clock colon.
    fn standalone_number(&self, index: usize) -> bool {
        // Only an opening bracket or quote may touch it on the left.
        if index > 0
            && self.glued(index - 1)
            && !matches!(self.punct(index - 1), Some('(' | '"' | '\''))
        {
            return false;
        }
        if !self.glued(index) {
            return true;
        }
        let next_glued = self.glued(index + 1);
        match self.punct(index + 1) {
            Some(',' | '.' | '/' | ':') => !(next_glued && self.number(index + 2).is_some()),
            Some('-') => {
                !(next_glued
                    && (self.number(index + 2).is_some() || self.word(index + 2).is_some()))
            }
            Some('%') => false,
            _ => true,
        }
    }

    fn month_at(&self, index: usize) -> Option<(u32, usize)> {
        let word = self.word(index)?;
        if !self.capitalised(index) {
            return None;
        }
        if let Some(position) = MONTHS
            .iter()
            .position(|month| month.eq_ignore_ascii_case(word))
        {
            return Some((position as u32 + 1, index + 1));
        }
        let (_, month) = MONTH_ABBREVIATIONS
            .iter()
            .find(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(word))?;
        // "Jan" is also a first name: an abbreviation needs its period or a
        // day number right after it.
        if self.punct(index + 1) == Some('.') && self.glued(index) {
            return Some((*month, index + 2));
        }
        if self.number(index + 1).is_some() {
            return Some((*month, index + 1));
        }
        None
    }

    fn weekday_at(&self, index: usize) -> Option<Weekday> {
        let word = self.word(index)?;
        if !self.capitalised(index) {
            return None;
        }
        WEEKDAYS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))
            .map(|(_, weekday)| *weekday)
    }

    /// A day number 1–31 with an optional ordinal suffix; returns the day and
    /// the next token index.
    fn day_at(&self, index: usize) -> Option<(u32, usize)> {
        let (day, digits) = self.number(index)?;
        if digits > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let mut next = index + 1;
        if self.glued(index) && self.word_in(next, &["st", "nd", "rd", "th"]) {
            next += 1;
        }
        // "5:30", "5-year-old", "5.5", "5,000".
        if self.glued(next - 1)
            && matches!(self.punct(next), Some(':' | '-' | '.' | ',' | '/'))
            && self.glued(next)
            && self.number(next + 1).is_some()
        {
            return None;
        }
        if self.glued(next - 1) && self.punct(next) == Some('-') {
            return None;
        }
        Some((day, next))
    }

    fn year_at(&self, index: usize) -> Option<i32> {
        let (year, digits) = self.number(index)?;
        if digits != 4 || !(1900..=2100).contains(&year) {
            return None;
        }
        if self.glued(index)
            && matches!(
                self.punct(index + 1),
                Some(',' | '.' | '-' | '/' | ':' | '%')
            )
            && self.glued(index + 1)
            && (self.number(index + 2).is_some() || self.word(index + 2).is_some())
        {
            return None;
        }
        Some(year as i32)
    }

    /// An explicit year after a day: ", 2023" or " 2023".
    fn trailing_year(&self, index: usize) -> Option<(i32, usize)> {
        if self.punct(index) == Some(',')
            && let Some(year) = self.year_at(index + 1)
        {
            return Some((year, index + 2));
        }
        self.year_at(index).map(|year| (year, index + 1))
    }

    fn try_all(&self, index: usize) -> Option<Match> {
        let candidates = [
            self.try_weekday_with_date(index),
            self.try_month_first(index),
            self.try_day_first(index),
            self.try_iso(index),
            self.try_numeric(index),
            self.try_holiday(index),
            self.try_year(index),
            self.try_relative(index),
            self.try_weekday(index),
        ];
        candidates
            .into_iter()
            .flatten()
            .max_by_key(|found| found.end)
    }

    /// "Wednesday, Dec. 26, 2023", "Wed., Dec. 26", "Tuesday (Dec. 26)".
    fn try_weekday_with_date(&self, index: usize) -> Option<Match> {
        let (weekday, mut next) = if let Some(weekday) = self.weekday_at(index) {
            (weekday, index + 1)
        } else {
            let word = self.word(index)?;
            let (_, weekday) = WEEKDAY_ABBREVIATIONS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(word))?;
            if !self.capitalised(index) || self.punct(index + 1) != Some('.') {
                return None;
            }
            (*weekday, index + 2)
        };
        if matches!(self.punct(next), Some(',' | '(')) {
            next += 1;
        }
        let mut date = self
            .try_month_first(next)
            .or_else(|| self.try_day_first(next))
            .or_else(|| self.try_numeric(next))?;
        if !matches!(date.meaning, Meaning::Full(_) | Meaning::MonthDay { .. }) {
            return None;
        }
        if self.punct(date.end) == Some(')') && self.punct(index + 1) == Some('(') {
            date.end += 1;
        }
        date.explicit_weekday = Some(weekday);
        Some(date)
    }

    /// "December 26, 2023", "Dec. 26", "October 7", "December 2023", "in February".
    fn try_month_first(&self, index: usize) -> Option<Match> {
        let (month, next) = self.month_at(index)?;
        if let Some((day, after_day)) = self.day_at(next) {
            if !self.standalone_number(next) {
                return None;
            }
            if let Some((year, after_year)) = self.trailing_year(after_day) {
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                return Some(Match::new(after_year, Meaning::Full(date)));
            }
            NaiveDate::from_ymd_opt(2000, month, day)?;
            return Some(Match::new(after_day, Meaning::MonthDay { month, day }));
        }
        let of_year = if self.word_is(next, "of") {
            next + 1
        } else {
            next
        };
        if let Some(year) = self.year_at(of_year) {
            return Some(Match::new(
                of_year + 1,
                Meaning::MonthOfYear { year, month },
            ));
        }
        // A bare month needs a preposition or modifier before it, and must
        // not begin a longer name ("March Street", "May Day Parade").
        if self.capitalised(next) && self.same_sentence(index, next) {
            return None;
        }
        let modifier = if index > 0 && self.word_is(index - 1, "last") {
            Modifier::Last
        } else if index > 0 && self.word_is(index - 1, "next") {
            Modifier::Next
        } else {
            Modifier::None
        };
        let mid = index >= 2
            && self.punct(index - 1) == Some('-')
            && self.word_is(index - 2, "mid")
            && self.glued(index - 2);
        let cued = index > 0
            && self.word_in(index - 1, DATE_PREPOSITIONS)
            && !self.word_is(index - 1, "on");
        if !(mid || cued || modifier != Modifier::None) {
            return None;
        }
        Some(Match::new(next, Meaning::Month { month, modifier }))
    }

    /// "26 December", "26th of December 2023".
    fn try_day_first(&self, index: usize) -> Option<Match> {
        let (day, mut next) = self.day_at(index)?;
        if !self.standalone_number(index) {
            return None;
        }
        if self.word_is(next, "of") {
            next += 1;
        }
        let (month, after_month) = self.month_at(next)?;
        if let Some((year, after_year)) = self.trailing_year(after_month) {
            let date = NaiveDate::from_ymd_opt(year, month, day)?;
            return Some(Match::new(after_year, Meaning::Full(date)));
        }
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(Match::new(after_month, Meaning::MonthDay { month, day }))
    }

    /// "2014-01-12".
    fn try_iso(&self, index: usize) -> Option<Match> {
        let year = self.year_at_unchecked(index)?;
        if self.punct(index + 1) != Some('-') || self.punct(index + 3) != Some('-') {
            return None;
        }
        if !(self.glued(index)
            && self.glued(index + 1)
            && self.glued(index + 2)
            && self.glued(index + 3))
        {
            return None;
        }
        let (month, month_digits) = self.number(index + 2)?;
        let (day, day_digits) = self.number(index + 4)?;
        if month_digits != 2
            || day_digits != 2
            || (self.glued(index + 4) && self.number(index + 6).is_some())
        {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Match::new(index + 5, Meaning::Full(date)))
    }

    fn year_at_unchecked(&self, index: usize) -> Option<i32> {
        let (year, digits) = self.number(index)?;
        (digits == 4 && (1900..=2100).contains(&year)).then_some(year as i32)
    }

    /// "12/26/2023", "12/26/23" (US order).
    fn try_numeric(&self, index: usize) -> Option<Match> {
        let (month, month_digits) = self.number(index)?;
        if month_digits > 2
            || self.punct(index + 1) != Some('/')
            || self.punct(index + 3) != Some('/')
        {
            return None;
        }
        if !(self.glued(index)
            && self.glued(index + 1)
            && self.glued(index + 2)
            && self.glued(index + 3))
        {
            return None;
        }
        if index > 0
            && self.glued(index - 1)
            && matches!(self.punct(index - 1), Some('/' | '-' | '.'))
        {
            return None;
        }
        let (day, day_digits) = self.number(index + 2)?;
        let (year, year_digits) = self.number(index + 4)?;
        if day_digits > 2
            || self.glued(index + 4) && matches!(self.punct(index + 5), Some('/' | '-'))
        {
            return None;
        }
        let year = match year_digits {
            4 => year as i32,
            2 if year < 70 => 2000 + year as i32,
            2 => 1900 + year as i32,
            _ => return None,
        };
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(Match::new(index + 5, Meaning::Full(date)))
    }

    fn try_holiday(&self, index: usize) -> Option<Match> {
        let first = self.word(index)?;
        if !first.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        for (words, holiday, needs_cue) in HOLIDAYS {
            let matches = words.iter().enumerate().all(|(offset, expected)| {
                let position = index + offset;
                match self.tokens.get(position).map(|token| token.kind) {
                    Some(TokenKind::Punct(c)) => expected.len() == 1 && expected.starts_with(c),
                    Some(TokenKind::Word) => self.text_of(position).eq_ignore_ascii_case(expected),
                    _ => false,
                }
            });
            if !matches {
                continue;
            }
            let end = index + words.len();
            let followed_by_part = self.word_in(end, &PARTS_OF_DAY);
            if *needs_cue
                && !followed_by_part
                && !(index > 0 && self.word_in(index - 1, DATE_PREPOSITIONS))
            {
                continue;
            }
            let weekend = self.word_is(end, "weekend");
            return Some(Match::new(end, Meaning::Holiday(*holiday, weekend)));
        }
        None
    }

    /// "in 2009", "since 2014", "mid-2015".
    fn try_year(&self, index: usize) -> Option<Match> {
        let year = self.year_at(index)?;
        let mid =
            index >= 2 && self.punct(index - 1) == Some('-') && self.word_is(index - 2, "mid");
        let cued = index > 0
            && self.word_in(index - 1, DATE_PREPOSITIONS)
            && !self.word_is(index - 1, "on");
        if !(mid || cued && self.standalone_number(index)) {
            return None;
        }
        Some(Match::new(index + 1, Meaning::Year(year)))
    }

    /// "Monday", "last Tuesday", "next Friday".
    fn try_weekday(&self, index: usize) -> Option<Match> {
        let (modifier, weekday_index) = if self.word_is(index, "last") {
            (Modifier::Last, index + 1)
        } else if self.word_is(index, "next") {
            (Modifier::Next, index + 1)
        } else {
            (Modifier::None, index)
        };
        let weekday = self.weekday_at(weekday_index)?;
        if index > 0 && self.word_in(index - 1, WEEKDAY_BLOCKERS) {
            return None;
        }
        if self.word_in(weekday_index + 1, WEEKDAY_NAME_FOLLOWERS)
            && self.capitalised(weekday_index + 1)
        {
            return None;
        }
        // "Mail on Sunday".
        if index >= 2
            && self.word_is(index - 1, "on")
            && self.word_is(index - 2, "mail")
            && self.capitalised(index - 2)
        {
            return None;
        }
        Some(Match::new(
            weekday_index + 1,
            Meaning::Weekday { weekday, modifier },
        ))
    }

    /// Deictic and chained expressions: "today", "earlier today", "last
    /// week", "two days later", "the next day", "a week ago".
    fn try_relative(&self, index: usize) -> Option<Match> {
        let word = self.word(index)?;
        let lower = word.to_ascii_lowercase();
        let anchor_day = |end: usize, days: i64, part: Option<&'static str>| {
            let mut found = Match::new(end, Meaning::AnchorDays(days));
            found.part_of_day = part;
            Some(found)
        };
        match lower.as_str() {
            "today" => {
                if index > 0 && self.word_is(index - 1, "USA") {
                    return None;
                }
                anchor_day(index + 1, 0, None)
            }
            "tonight" => anchor_day(index + 1, 0, Some("night")),
            "yesterday" => anchor_day(index + 1, -1, None),
            "tomorrow" => anchor_day(index + 1, 1, None),
            "overnight" => {
                // "overnight Sunday" is left to the weekday pattern.
                if self.weekday_at(index + 1).is_some() || self.month_at(index + 1).is_some() {
                    return None;
                }
                anchor_day(index + 1, 0, Some("night"))
            }
            "earlier" | "later" | "early" | "late" => {
                let inner = self
                    .try_relative(index + 1)
                    .or_else(|| self.try_weekday(index + 1))?;
                match inner.meaning {
                    Meaning::AnchorDays(_)
                    | Meaning::Weekday { .. }
                    | Meaning::AnchorWeeks(0)
                    | Meaning::AnchorMonths(0)
                    | Meaning::AnchorYears(0) => Some(Match {
                        end: inner.end,
                        ..inner
                    }),
                    _ => None,
                }
            }
            "this" => {
                let next = self.word(index + 1)?.to_ascii_lowercase();
                match next.as_str() {
                    "morning" => anchor_day(index + 2, 0, Some("morning")),
                    "afternoon" => anchor_day(index + 2, 0, Some("afternoon")),
                    "evening" => anchor_day(index + 2, 0, Some("evening")),
                    "week" => Some(Match::new(index + 2, Meaning::AnchorWeeks(0))),
                    "month" => Some(Match::new(index + 2, Meaning::AnchorMonths(0))),
                    "year" => Some(Match::new(index + 2, Meaning::AnchorYears(0))),
                    _ => None,
                }
            }
            "last" | "next" => {
                let sign = if lower == "last" { -1 } else { 1 };
                let next = self.word(index + 1)?.to_ascii_lowercase();
                match next.as_str() {
                    "night" if sign < 0 => anchor_day(index + 2, -1, Some("night")),
                    "week" => Some(Match::new(index + 2, Meaning::AnchorWeeks(sign))),
                    "month" => Some(Match::new(index + 2, Meaning::AnchorMonths(sign))),
                    "year" => Some(Match::new(index + 2, Meaning::AnchorYears(sign))),
                    _ => None,
                }
            }
            "the" => {
                // "the next day", "the following morning", "the day before".
                let second = self.word(index + 1)?.to_ascii_lowercase();
                let third = self.word(index + 2).map(str::to_ascii_lowercase);
                let (amount, unit_word, end) = match (second.as_str(), third.as_deref()) {
                    ("next" | "following", Some(unit)) => (1, unit.to_string(), index + 3),
                    ("previous" | "prior", Some(unit)) => (-1, unit.to_string(), index + 3),
                    ("day" | "night", Some("before")) if self.clause_ends_at(index + 3) => {
                        (-1, second.clone(), index + 3)
                    }
                    ("day" | "night", Some("after")) if self.clause_ends_at(index + 3) => {
                        (1, second.clone(), index + 3)
                    }
                    _ => return None,
                };
                let (unit, part) = match unit_word.as_str() {
                    "day" => (Unit::Day, None),
                    "morning" => (Unit::Day, Some("morning")),
                    "afternoon" => (Unit::Day, Some("afternoon")),
                    "evening" => (Unit::Day, Some("evening")),
                    "night" => (Unit::Day, Some("night")),
                    "week" => (Unit::Week, None),
                    _ => return None,
                };
                let mut found = Match::new(end, Meaning::Chained { amount, unit });
                found.part_of_day = part;
                Some(found)
            }
            _ => self.try_count_shift(index),
        }
    }

    /// "two days later", "3 weeks ago", "a day earlier", "18 months ago".
    fn try_count_shift(&self, index: usize) -> Option<Match> {
        let amount = if let Some((value, digits)) = self.number(index) {
            if digits > 3 || !self.standalone_number(index) {
                return None;
            }
            i64::from(value)
        } else {
            let word = self.word(index)?;
            NUMBER_WORDS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(word))?
                .1
        };
        let unit_word = self.word(index + 1)?.to_ascii_lowercase();
        let unit = match unit_word.trim_end_matches('s') {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return None,
        };
        let direction = self.word(index + 2)?.to_ascii_lowercase();
        let meaning = match direction.as_str() {
            "ago" => match unit {
                Unit::Day => Meaning::AnchorDays(-amount),
                Unit::Week => Meaning::AnchorWeeks(-amount),
                Unit::Month => Meaning::AnchorMonths(-amount),
                Unit::Year => Meaning::AnchorYears(-amount),
            },
            "later" => Meaning::Chained { amount, unit },
            "earlier" => Meaning::Chained {
                amount: -amount,
                unit,
            },
            // "two days after the shooting" counts from an event, not a
            // date: only a bare "two days after." is taken.
            "after" | "before" | "prior" if self.clause_ends_at(index + 3) => Meaning::Chained {
                amount: if direction == "after" {
                    amount
                } else {
                    -amount
                },
                unit,
            },
            _ => return None,
        };
        Some(Match::new(index + 3, meaning))
    }

    /// True at the end of the text or before a clause-ending mark.
    fn clause_ends_at(&self, index: usize) -> bool {
        index >= self.tokens.len()
            || matches!(
                self.punct(index),
                Some(',' | '.' | ';' | ':' | '!' | '?' | ')' | '"')
            )
    }

    /// A part of the day right after the expression ("Tuesday evening").
    fn trailing_part_of_day(&self, found: &mut Match) {
        if found.part_of_day.is_none()
            && self.same_sentence(found.end.saturating_sub(1), found.end)
            && let Some(word) = self.word(found.end)
            && let Some(part) = PARTS_OF_DAY
                .iter()
                .find(|part| part.eq_ignore_ascii_case(word))
        {
            found.part_of_day = Some(part);
            found.end += 1;
        }
    }

    /// A clock time next to the expression ("at 6 p.m. Monday", "Monday
    /// about 11:30 p.m."), read as a part of the day; not part of the span.
    fn clock_part_of_day(&self, start: usize, end: usize) -> Option<&'static str> {
        let first = start.saturating_sub(9);
        let last = (end + 9).min(self.tokens.len());
        (first..last)
            .filter(|&index| index < start || index >= end)
            .filter(|&index| self.same_sentence(index, start))
            .find_map(|index| self.clock_at(index))
    }

    fn clock_at(&self, index: usize) -> Option<&'static str> {
        let (hour, digits) = self.number(index)?;
        if digits > 2 || !(1..=12).contains(&hour) {
            return None;
        }
        let mut next = index + 1;
        if self.punct(next) == Some(':') && self.number(next + 1).is_some() {
            next += 2;
        }
        let marker = self.word(next)?.to_ascii_lowercase();
        let afternoon = match marker.as_str() {
            "a" | "am" => false,
            "p" | "pm" => true,
            _ => return None,
        };
        if (marker == "a" || marker == "p")
            && !(self.punct(next + 1) == Some('.') && self.word_is(next + 2, "m"))
        {
            return None;
        }
        let hour = hour % 12 + if afternoon { 12 } else { 0 };
        Some(match hour {
            5..=11 => "morning",
            12..=16 => "afternoon",
            17..=20 => "evening",
            _ => "night",
        })
    }

    /// True when the clause before `index` announces the future.
    fn future_clause(&self, index: usize) -> bool {
        let mut position = index;
        let mut steps = 0;
        while position > 0 && steps < 10 {
            position -= 1;
            steps += 1;
            if !self.same_sentence(position, index)
                || matches!(self.punct(position), Some(',' | ';' | ':' | '"'))
            {
                return false;
            }
            if self.word_in(position, FUTURE_CUES) || self.word_is(position, "next") {
                return true;
            }
            if self
                .word(position)
                .is_some_and(|word| word.eq_ignore_ascii_case("ll"))
                && position > 0
                && self.punct(position - 1) == Some('\'')
            {
                return true;
            }
        }
        false
    }
}

// ---------------------------------------------------------------------------
// Resolution

fn tag_detailed(text: &str, anchor: Option<NaiveDate>) -> Vec<Found> {
    let scanner = Scanner {
        text,
        tokens: tokenize(text),
    };
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

/// Resolves one meaning to (kind, date, precision, explicit year).
fn resolve(
    meaning: Meaning,
    anchor: Option<NaiveDate>,
    previous_day: Option<NaiveDate>,
    context_year: Option<i32>,
    future: bool,
) -> (DateKind, Option<NaiveDate>, DatePrecision, bool) {
    use DateKind::{Absolute, Relative};
    use DatePrecision::{Day, Month, Week, Year};
    match meaning {
        Meaning::Full(date) => (Absolute, Some(date), Day, true),
        Meaning::MonthDay { month, day } => {
            let date = yearless(anchor, context_year, future, |year| {
                NaiveDate::from_ymd_opt(year, month, day)
            });
            (Absolute, date, Day, false)
        }
        Meaning::Holiday(holiday, weekend) => {
            // A holiday weekend reported on its Saturday ends after the
            // anchor: up to three days ahead still counts as this one.
            let upcoming = weekend
                && anchor.is_some_and(|anchor| {
                    holiday_date(holiday, anchor.year())
                        .is_some_and(|date| date > anchor && (date - anchor).num_days() <= 3)
                });
            let date = yearless(anchor, context_year, future || upcoming, |year| {
                holiday_date(holiday, year)
            });
            (Absolute, date, Day, false)
        }
        Meaning::MonthOfYear { year, month } => (
            Absolute,
            NaiveDate::from_ymd_opt(year, month, 1),
            Month,
            true,
        ),
        Meaning::Month { month, modifier } => {
            let date = anchor.and_then(|anchor| {
                let year = match modifier {
                    Modifier::Last => {
                        if month < anchor.month() {
                            anchor.year()
                        } else {
                            anchor.year() - 1
                        }
                    }
                    Modifier::Next => {
                        if month > anchor.month() {
                            anchor.year()
                        } else {
                            anchor.year() + 1
                        }
                    }
                    Modifier::None if future => {
                        if month >= anchor.month() {
                            anchor.year()
                        } else {
                            anchor.year() + 1
                        }
                    }
                    Modifier::None => {
                        if month <= anchor.month() {
                            anchor.year()
                        } else {
                            anchor.year() - 1
                        }
                    }
                };
                NaiveDate::from_ymd_opt(year, month, 1)
            });
            (Absolute, date, Month, false)
        }
        Meaning::Year(year) => (Absolute, NaiveDate::from_ymd_opt(year, 1, 1), Year, false),
        Meaning::Weekday { weekday, modifier } => {
            let date = anchor.and_then(|anchor| {
                let back = (7 + anchor.weekday().num_days_from_monday()
                    - weekday.num_days_from_monday())
                    % 7;
                let forward = (7 - back) % 7;
                match modifier {
                    Modifier::Last => anchor.checked_sub_days(Days::new(u64::from(if back == 0 {
                        7
                    } else {
                        back
                    }))),
                    Modifier::Next => {
                        anchor.checked_add_days(Days::new(u64::from(if forward == 0 {
                            7
                        } else {
                            forward
                        })))
                    }
                    Modifier::None if future => {
                        anchor.checked_add_days(Days::new(u64::from(forward)))
                    }
                    Modifier::None => anchor.checked_sub_days(Days::new(u64::from(back))),
                }
            });
            (Relative, date, Day, false)
        }
        Meaning::AnchorDays(days) => (
            Relative,
            anchor.and_then(|anchor| shift_days(anchor, days)),
            Day,
            false,
        ),
        Meaning::AnchorWeeks(weeks) => (
            Relative,
            anchor.and_then(|anchor| week_start(shift_days(anchor, weeks * 7)?)),
            Week,
            false,
        ),
        Meaning::AnchorMonths(months) => (
            Relative,
            anchor.and_then(|anchor| month_start(shift_months(anchor, months)?)),
            Month,
            false,
        ),
        Meaning::AnchorYears(years) => {
            let date = anchor.and_then(|anchor| {
                NaiveDate::from_ymd_opt(anchor.year() + i32::try_from(years).ok()?, 1, 1)
            });
            (Relative, date, Year, false)
        }
        Meaning::Chained { amount, unit } => {
            let base = previous_day.or(anchor);
            let date = base.and_then(|base| match unit {
                Unit::Day => shift_days(base, amount),
                Unit::Week => week_start(shift_days(base, amount * 7)?),
                Unit::Month => month_start(shift_months(base, amount)?),
                Unit::Year => {
                    NaiveDate::from_ymd_opt(base.year() + i32::try_from(amount).ok()?, 1, 1)
                }
            });
            let precision = match unit {
                Unit::Day => Day,
                Unit::Week => Week,
                Unit::Month => Month,
                Unit::Year => Year,
            };
            (Relative, date, precision, false)
        }
    }
}

/// Places a yearless day: the nearest occurrence at or before the anchor
/// (or at or after it when the clause speaks of the future); without an
/// anchor, the year of the last explicit date in the text, if any.
fn yearless(
    anchor: Option<NaiveDate>,
    context_year: Option<i32>,
    future: bool,
    make: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    let Some(anchor) = anchor else {
        return context_year.and_then(&make);
    };
    let this_year = make(anchor.year());
    if future {
        match this_year {
            Some(date) if date >= anchor => Some(date),
            _ => make(anchor.year() + 1),
        }
    } else {
        match this_year {
            Some(date) if date <= anchor => Some(date),
            _ => make(anchor.year() - 1),
        }
    }
}

fn holiday_date(holiday: Holiday, year: i32) -> Option<NaiveDate> {
    match holiday {
        Holiday::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        Holiday::Floating {
            month,
            weekday,
            nth: 0,
        } => {
            let next_month = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            }?;
            let last = next_month.pred_opt()?;
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            last.checked_sub_days(Days::new(u64::from(back)))
        }
        Holiday::Floating {
            month,
            weekday,
            nth,
        } => NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth),
        Holiday::Easter => easter_sunday(year),
    }
}

/// Western Easter Sunday by the anonymous Gregorian computus.
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn shift_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn shift_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let months32 = u32::try_from(months.unsigned_abs()).ok()?;
    let first = month_start(date)?;
    if months >= 0 {
        first.checked_add_months(Months::new(months32))
    } else {
        first.checked_sub_months(Months::new(months32))
    }
}

fn week_start(date: NaiveDate) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
}

fn month_start(date: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), date.month(), 1)
}

/// Flags a bare weekday standing within a few words of an explicit
/// day-precise date of the same week that falls on another weekday ("on
/// Wednesday, hours before the Dec. 25 strikes"): both cannot be right.
fn flag_sentence_conflicts(
    scanner: &Scanner<'_>,
    found_all: &[(usize, Match)],
    results: &mut [Found],
) {
    for (weekday_position, (start, found)) in found_all.iter().enumerate() {
        let Meaning::Weekday { weekday, .. } = found.meaning else {
            continue;
        };
        let Some(weekday_date) = results[weekday_position].mention.date else {
            continue;
        };
        let sentence = scanner.tokens[*start].sentence;
        let conflicting =
            found_all
                .iter()
                .enumerate()
                .any(|(other_position, (other_start, other))| {
                    if scanner.tokens[*other_start].sentence != sentence
                        || !matches!(
                            other.meaning,
                            Meaning::Full(_) | Meaning::MonthDay { .. } | Meaning::Holiday(..)
                        )
                    {
                        return false;
                    }
                    // Only a date standing right by the weekday ("on Wednesday,
                    // hours before the Dec. 25 strikes") is about the same moment; a
                    // date further off in the sentence is usually another event.
                    let (first, second) = if other_start < start {
                        (other.end, *start)
                    } else {
                        (found.end, *other_start)
                    };
                    if second.saturating_sub(first) > 6 {
                        return false;
                    }
                    let Some(date) = results[other_position].mention.date else {
                        return false;
                    };
                    (date - weekday_date).num_days().abs() < 7 && date.weekday() != weekday
                });
        if conflicting {
            results[weekday_position].mention.weekday_conflict = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    /// (text of the span, date, precision) for every mention.
    fn spans(
        text: &str,
        anchor: Option<NaiveDate>,
    ) -> Vec<(String, Option<NaiveDate>, DatePrecision)> {
        tag(text, anchor)
            .into_iter()
            .map(|m| (text[m.range].to_string(), m.date, m.precision))
            .collect()
    }

    fn single(text: &str, anchor: NaiveDate) -> DateMention {
        let mentions = tag(text, Some(anchor));
        assert_eq!(mentions.len(), 1, "{text}: {mentions:?}");
        mentions.into_iter().next().unwrap()
    }

    const TUESDAY: (i32, u32, u32) = (2023, 12, 26);

    fn anchor() -> NaiveDate {
        day(TUESDAY.0, TUESDAY.1, TUESDAY.2)
    }

    #[test]
    fn weekdays_resolve_to_most_recent_past() {
        let mention = single("Troops were attacked on Monday.", anchor());
        assert_eq!(
            &"Troops were attacked on Monday."[mention.range.clone()],
            "Monday"
        );
        assert_eq!(mention.date, Some(day(2023, 12, 25)));
        assert_eq!(mention.kind, DateKind::Relative);
        assert_eq!(
            single("A drone attack on Wednesday hit the base.", anchor()).date,
            Some(day(2023, 12, 20))
        );
        assert_eq!(
            single("He spoke Tuesday.", anchor()).date,
            Some(day(2023, 12, 26))
        );
        assert_eq!(
            single("He spoke last Tuesday.", anchor()).date,
            Some(day(2023, 12, 19))
        );
        assert_eq!(
            single("He will speak next Friday.", anchor()).date,
            Some(day(2023, 12, 29))
        );
    }

    #[test]
    fn future_clause_moves_weekday_forward() {
        assert_eq!(
            single("The suspect will be arraigned Thursday.", anchor()).date,
            Some(day(2023, 12, 28))
        );
        assert_eq!(
            single("He was arraigned Thursday, and will return.", anchor()).date,
            Some(day(2023, 12, 21))
        );
    }

    #[test]
    fn part_of_day_after_weekday() {
        let text = "Four people were hurt in a shooting on Tuesday evening, police said.";
        let mention = single(text, day(2014, 1, 14));
        assert_eq!(&text[mention.range.clone()], "Tuesday evening");
        assert_eq!(mention.date, Some(day(2014, 1, 14)));
        assert_eq!(mention.part_of_day, Some("evening"));
        let text = "The shooting happened late Tuesday night.";
        let mention = single(text, day(2014, 7, 9));
        assert_eq!(&text[mention.range.clone()], "late Tuesday night");
        assert_eq!(mention.date, Some(day(2014, 7, 8)));
        assert_eq!(mention.part_of_day, Some("night"));
    }

    #[test]
    fn clock_time_gives_part_of_day_without_span() {
        let text = "Shots were fired at 11:30 p.m. Friday near the park.";
        let mention = single(text, anchor());
        assert_eq!(&text[mention.range.clone()], "Friday");
        assert_eq!(mention.date, Some(day(2023, 12, 22)));
        assert_eq!(mention.part_of_day, Some("night"));
        let text = "Police arrived just before 6 p.m. on Monday.";
        assert_eq!(single(text, anchor()).part_of_day, Some("evening"));
        assert!(tag("The store opens at 6 p.m. daily.", Some(anchor())).is_empty());
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            spans(
                "It began on December 26, 2023 and on Dec. 26 and 26 December.",
                None
            ),
            vec![
                (
                    "December 26, 2023".to_string(),
                    Some(day(2023, 12, 26)),
                    DatePrecision::Day
                ),
                (
                    "Dec. 26".to_string(),
                    Some(day(2023, 12, 26)),
                    DatePrecision::Day
                ),
                (
                    "26 December".to_string(),
                    Some(day(2023, 12, 26)),
                    DatePrecision::Day
                ),
            ]
        );
        assert_eq!(
            single("Hamas attacked on Oct. 7 in the south.", anchor()).date,
            Some(day(2023, 10, 7))
        );
        assert_eq!(
            single("There have been 103 attacks since October 17.", anchor()).date,
            Some(day(2023, 10, 17))
        );
        assert_eq!(
            single("The file is dated 2014-01-12.", anchor()).date,
            Some(day(2014, 1, 12))
        );
        assert_eq!(
            single("The file is dated 12/26/2023.", anchor()).date,
            Some(day(2023, 12, 26))
        );
        assert_eq!(
            single("Filed 1/5/14 in court.", anchor()).date,
            Some(day(2014, 1, 5))
        );
        // A day later in the year than the anchor is last year's.
        assert_eq!(
            single("The fire on Dec. 28 spread.", day(2024, 1, 3)).date,
            Some(day(2023, 12, 28))
        );
        assert_eq!(
            single("The fire on Dec. 28 spread.", anchor()).date,
            Some(day(2022, 12, 28))
        );
        assert_eq!(
            single("The trial is scheduled for Jan. 9.", anchor()).date,
            Some(day(2024, 1, 9))
        );
    }

    #[test]
    fn months_and_years() {
        let mention = single("The group was designated in 2009.", anchor());
        assert_eq!(
            (mention.date, mention.precision, mention.kind),
            (
                Some(day(2009, 1, 1)),
                DatePrecision::Year,
                DateKind::Absolute
            )
        );
        let mention = single("Talks began in February.", anchor());
        assert_eq!(
            (mention.date, mention.precision),
            (Some(day(2023, 2, 1)), DatePrecision::Month)
        );
        let mention = single("Talks began in February.", day(2024, 1, 10));
        assert_eq!(mention.date, Some(day(2023, 2, 1)));
        let text = "Talks stalled in mid-December.";
        let mention = single(text, anchor());
        assert_eq!(
            (
                &text[mention.range.clone()],
                mention.date,
                mention.precision
            ),
            ("December", Some(day(2023, 12, 1)), DatePrecision::Month)
        );
        let mention = single("It opened in December 2021.", anchor());
        assert_eq!(
            (mention.date, mention.precision),
            (Some(day(2021, 12, 1)), DatePrecision::Month)
        );
    }

    #[test]
    fn holidays() {
        let text = "Strikes were launched on Christmas night.";
        let mention = single(text, anchor());
        assert_eq!(&text[mention.range.clone()], "Christmas night");
        assert_eq!(
            (mention.date, mention.part_of_day),
            (Some(day(2023, 12, 25)), Some("night"))
        );
        assert_eq!(
            single("It happened on Christmas day.", anchor()).date,
            Some(day(2023, 12, 25))
        );
        assert_eq!(
            single("Christmas Day was quiet.", anchor()).date,
            Some(day(2023, 12, 25))
        );
        assert_eq!(
            single("A party on New Year's Eve ended early.", day(2024, 1, 2)).date,
            Some(day(2023, 12, 31))
        );
        assert_eq!(
            single("He was shot on Thanksgiving.", day(2015, 12, 1)).date,
            Some(day(2015, 11, 26))
        );
        assert_eq!(
            single("Fireworks on Independence Day hurt two.", day(2016, 7, 6)).date,
            Some(day(2016, 7, 4))
        );
        assert_eq!(
            single("The Memorial Day parade was held.", day(2016, 6, 6)).date,
            Some(day(2016, 5, 30))
        );
        assert_eq!(
            single("Shots rang out on Halloween.", day(2016, 11, 2)).date,
            Some(day(2016, 10, 31))
        );
        assert!(tag("They sold Christmas trees.", Some(anchor())).is_empty());
        assert_eq!(
            single("Six were shot over the Labor Day weekend.", day(2015, 9, 5)).date,
            Some(day(2015, 9, 7))
        );
        assert_eq!(
            single(
                "Six were shot over the Labor Day weekend.",
                day(2015, 9, 20)
            )
            .date,
            Some(day(2015, 9, 7))
        );
        let easter = single("The girl was shot Easter morning.", day(2016, 4, 20));
        assert_eq!(
            (easter.date, easter.part_of_day),
            (Some(day(2016, 3, 27)), Some("morning"))
        );
        assert_eq!(
            single("Services on Easter drew crowds.", day(2024, 4, 2)).date,
            Some(day(2024, 3, 31))
        );
    }

    #[test]
    fn deictic_words() {
        let text = "An attack on the base earlier today wounded three.";
        let mention = single(text, anchor());
        assert_eq!(
            (&text[mention.range.clone()], mention.date),
            ("earlier today", Some(day(2023, 12, 26)))
        );
        assert_eq!(
            single("He was hurt yesterday.", anchor()).date,
            Some(day(2023, 12, 25))
        );
        assert_eq!(
            single("Two died last night.", anchor()).date,
            Some(day(2023, 12, 25))
        );
        assert_eq!(
            single("Police said this morning.", anchor()).part_of_day,
            Some("morning")
        );
        let overnight = single("A man was shot overnight.", anchor());
        assert_eq!(
            (overnight.date, overnight.part_of_day),
            (Some(day(2023, 12, 26)), Some("night"))
        );
        let week = single("The talks collapsed last week.", anchor());
        assert_eq!(
            (week.date, week.precision),
            (Some(day(2023, 12, 18)), DatePrecision::Week)
        );
        let month = single("Sales rose last month.", anchor());
        assert_eq!(
            (month.date, month.precision),
            (Some(day(2023, 11, 1)), DatePrecision::Month)
        );
        let year = single("Crime fell last year.", anchor());
        assert_eq!(
            (year.date, year.precision),
            (Some(day(2022, 1, 1)), DatePrecision::Year)
        );
        assert!(tag("I read USA Today.", Some(anchor())).is_empty());
    }

    #[test]
    fn chained_shifts() {
        assert_eq!(
            spans(
                "He was shot on Dec. 10 and died two days later. A week ago police made an arrest.",
                Some(anchor())
            ),
            vec![
                (
                    "Dec. 10".to_string(),
                    Some(day(2023, 12, 10)),
                    DatePrecision::Day
                ),
                (
                    "two days later".to_string(),
                    Some(day(2023, 12, 12)),
                    DatePrecision::Day
                ),
                (
                    "A week ago".to_string(),
                    Some(day(2023, 12, 18)),
                    DatePrecision::Week
                ),
            ]
        );
        assert_eq!(
            single("He died the next day.", anchor()).date,
            Some(day(2023, 12, 27))
        );
        assert!(tag("He died two days after the shooting.", Some(anchor())).is_empty());
        assert!(
            tag(
                "It came less than a week after he returned.",
                Some(anchor())
            )
            .is_empty()
        );
        assert_eq!(
            tag(
                "He was hurt Monday and died two days after.",
                Some(anchor())
            )[1]
            .date,
            Some(day(2023, 12, 27))
        );
        assert_eq!(
            spans(
                "The crash was on Monday; three days earlier a warning came.",
                Some(anchor())
            )[1]
            .1,
            Some(day(2023, 12, 22))
        );
    }

    #[test]
    fn no_anchor() {
        let mentions = tag(
            "On Monday, after the Oct. 7 attack and on December 1, 2023, then Dec. 5.",
            None,
        );
        let dates: Vec<_> = mentions.iter().map(|m| m.date).collect();
        assert_eq!(
            dates,
            vec![None, None, Some(day(2023, 12, 1)), Some(day(2023, 12, 5))]
        );
    }

    #[test]
    fn weekday_conflicts() {
        let text = "The attack came on Wednesday, Dec. 26, 2023, officials said.";
        let mention = single(text, anchor());
        assert_eq!(&text[mention.range.clone()], "Wednesday, Dec. 26, 2023");
        assert_eq!(mention.date, Some(day(2023, 12, 26)));
        assert!(mention.weekday_conflict);
        assert!(!single("It came on Tuesday, Dec. 26, 2023.", anchor()).weekday_conflict);
        let mentions = tag(
            "The drone struck on Wednesday, hours before the Dec. 25 strikes.",
            Some(anchor()),
        );
        assert_eq!(mentions.len(), 2);
        assert!(mentions[0].weekday_conflict);
        assert!(!mentions[1].weekday_conflict);
        // A date far off in the sentence is another event.
        let mentions = tag(
            "On Dec. 25 the report, released after weeks of delay and much debate, said the attack came Wednesday.",
            Some(anchor()),
        );
        assert_eq!(mentions.len(), 2);
        assert!(!mentions[1].weekday_conflict);
    }

    #[test]
    fn things_that_are_not_dates() {
        let anchor = Some(anchor());
        for text in [
            "A 12-year-old boy was hurt.",
            "They may return soon.",
            "Protesters march through the city.",
            "Crowds gathered on March Street.",
            "Call 555-2014 or 1-800-555-1234.",
            "He lives at 2009 Elm Street.",
            "The Sunday Times reported it.",
            "Shoppers crowded stores on Black Friday.",
            "About 2,014 people and 20,670 others.",
            "The 2015 Honda was stolen.",
            "Police said 7 of them were hurt.",
        ] {
            assert!(
                tag(text, anchor).is_empty(),
                "{text}: {:?}",
                tag(text, anchor)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(text in "(\\PC|[ \n0-9/,.:-]|Monday|Dec|May|last|week|ago|two|days|later|Christmas|Day){0,60}") {
            let mentions = tag(&text, Some(anchor()));
            for pair in mentions.windows(2) {
                proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
            }
            for mention in &mentions {
                proptest::prop_assert!(text.get(mention.range.clone()).is_some());
            }
            let _inferred = infer_anchor(&text);
        }
    }

    #[test]
    fn may_followed_by_day_is_a_date() {
        assert_eq!(
            single("The trial opened May 3.", day(2016, 6, 1)).date,
            Some(day(2016, 5, 3))
        );
    }

    #[test]
    fn infers_anchor_from_timestamps() {
        let text = "Filed on December 1, 2023. — Name (@handle) December 26, 2023\nA trial will start on March 3, 2024.";
        assert_eq!(infer_anchor(text), Some(day(2023, 12, 26)));
        assert_eq!(infer_anchor("He was shot on Monday."), None);
        // A date merely mentioned in prose is not a stamp.
        assert_eq!(
            infer_anchor("The trial began on March 3, 2015, in Dallas."),
            None
        );
        assert_eq!(
            infer_anchor("Posted: Thursday, April 23, 2015 10:11 AM EDT\nA man was held."),
            Some(day(2015, 4, 23))
        );
        assert_eq!(
            infer_anchor("October 01, 2016 08:54 AM\nThree people died."),
            Some(day(2016, 10, 1))
        );
    }

    #[test]
    fn spans_are_sorted_and_disjoint() {
        let text =
            "On Monday, Dec. 25, and Tuesday night, then two days later and in 2009 — yesterday.";
        let mentions = tag(text, Some(anchor()));
        for pair in mentions.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start);
        }
        assert_eq!(mentions.len(), 5);
    }
}
