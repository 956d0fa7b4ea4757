//! The date patterns: at each token the tagger tries every pattern and
//! keeps the longest match — weekday with a date, month first, day first,
//! ISO and US numeric dates, holidays, a year, deictic and counted
//! expressions ("yesterday", "two days later"), a bare weekday.

use std::sync::LazyLock;

use chrono::{NaiveDate, Weekday};

use super::scanner::{Scanner, TokenKind};
use super::{DATE_PREPOSITIONS, HOLIDAYS, NUMBER_WORDS, WEEKDAY_BLOCKERS, WEEKDAY_NAME_FOLLOWERS};
use crate::text::calendar;
use crate::text::tokens;

/// What a matched expression means before it is resolved.
#[derive(Debug, Clone, Copy)]
pub(super) enum Meaning {
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
pub(super) enum Modifier {
    None,
    Last,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holiday {
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

pub(super) struct Match {
    /// Index one past the last token of the expression.
    pub end: usize,
    pub meaning: Meaning,
    pub explicit_weekday: Option<Weekday>,
    pub part_of_day: Option<&'static str>,
}

/// A holiday name as the tagger matches it: its words (an apostrophe or
/// full stop is a word of its own), its date, and whether it is a date only
/// after a preposition or before a part of the day.
pub(super) struct HolidayName {
    pub words: Vec<String>,
    pub holiday: Holiday,
    pub needs_cue: bool,
}

/// `dates/holidays.txt`, read once, in file order.
pub(super) static HOLIDAY_NAMES: LazyLock<Vec<HolidayName>> = LazyLock::new(|| {
    HOLIDAYS
        .iter()
        .filter_map(|(name, date)| holiday_name(name, date))
        .collect()
});

/// One row of the holiday table (`None` when its date cannot be read; a
/// test checks that every row can).
pub(super) fn holiday_name(name: &str, date: &str) -> Option<HolidayName> {
    let (date, needs_cue) = match date.strip_suffix(", after a preposition") {
        Some(date) => (date, true),
        None => (date, false),
    };
    let month_number = |word: &str| {
        calendar::MONTHS
            .iter()
            .position(|month| month.eq_ignore_ascii_case(word))
            .map(|index| index as u32 + 1)
    };
    let words: Vec<&str> = date.split_whitespace().collect();
    let holiday = match words.as_slice() {
        ["Easter"] => Holiday::Easter,
        [month, day] => Holiday::Fixed {
            month: month_number(month)?,
            day: day.parse().ok()?,
        },
        [nth, weekday, "of", month] => Holiday::Floating {
            month: month_number(month)?,
            weekday: calendar::WEEKDAYS
                .iter()
                .position(|name| name.eq_ignore_ascii_case(weekday))
                .and_then(calendar::weekday_from_index)?,
            nth: match *nth {
                "last" => 0,
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                _ => return None,
            },
        },
        _ => return None,
    };
    Some(HolidayName {
        words: tokens::tokens(name)
            .iter()
            .map(|atom| atom.text(name).to_lowercase())
            .collect(),
        holiday,
        needs_cue,
    })
}

impl Match {
    pub(super) fn new(end: usize, meaning: Meaning) -> Self {
        Match {
            end,
            meaning,
            explicit_weekday: None,
            part_of_day: None,
        }
    }
}

impl Scanner<'_> {
    pub(super) fn try_all(&self, index: usize) -> Option<Match> {
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
    pub(super) fn try_weekday_with_date(&self, index: usize) -> Option<Match> {
        let (weekday, mut next) = if let Some(weekday) = self.weekday_at(index) {
            (weekday, index + 1)
        } else {
            let word = self.word(index)?;
            let weekday =
                calendar::abbreviated_weekday(word).and_then(calendar::weekday_from_index)?;
            if !self.capitalised(index) || self.punct(index + 1) != Some('.') {
                return None;
            }
            (weekday, index + 2)
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
    pub(super) fn try_month_first(&self, index: usize) -> Option<Match> {
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
            && self.word_in(index - 1, &DATE_PREPOSITIONS)
            && !self.word_is(index - 1, "on");
        if !(mid || cued || modifier != Modifier::None) {
            return None;
        }
        Some(Match::new(next, Meaning::Month { month, modifier }))
    }

    /// "26 December", "26th of December 2023".
    pub(super) fn try_day_first(&self, index: usize) -> Option<Match> {
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

    /// True when the five tokens from `index` touch, as the number, mark,
    /// number, mark, number of "2014-01-12" or "12/26/2023" do.
    fn glued_five(&self, index: usize) -> bool {
        (index..index + 4).all(|left| self.glued(left))
    }

    /// "2014-01-12".
    pub(super) fn try_iso(&self, index: usize) -> Option<Match> {
        let year = self.year_at_unchecked(index)?;
        if self.punct(index + 1) != Some('-') || self.punct(index + 3) != Some('-') {
            return None;
        }
        if !self.glued_five(index) {
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

    pub(super) fn year_at_unchecked(&self, index: usize) -> Option<i32> {
        let (year, digits) = self.number(index)?;
        (digits == 4 && (1900..=2100).contains(&year)).then_some(year as i32)
    }

    /// "12/26/2023", "12/26/23" (US order).
    pub(super) fn try_numeric(&self, index: usize) -> Option<Match> {
        let (month, month_digits) = self.number(index)?;
        if month_digits > 2
            || self.punct(index + 1) != Some('/')
            || self.punct(index + 3) != Some('/')
        {
            return None;
        }
        if !self.glued_five(index) {
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

    pub(super) fn try_holiday(&self, index: usize) -> Option<Match> {
        let first = self.word(index)?;
        if !first.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        for HolidayName {
            words,
            holiday,
            needs_cue,
        } in HOLIDAY_NAMES.iter()
        {
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
            let followed_by_part = self.word_in(end, &calendar::PARTS_OF_DAY);
            if *needs_cue
                && !followed_by_part
                && !(index > 0 && self.word_in(index - 1, &DATE_PREPOSITIONS))
            {
                continue;
            }
            let weekend = self.word_is(end, "weekend");
            return Some(Match::new(end, Meaning::Holiday(*holiday, weekend)));
        }
        None
    }

    /// "in 2009", "since 2014", "mid-2015".
    pub(super) fn try_year(&self, index: usize) -> Option<Match> {
        let year = self.year_at(index)?;
        let mid =
            index >= 2 && self.punct(index - 1) == Some('-') && self.word_is(index - 2, "mid");
        let cued = index > 0
            && self.word_in(index - 1, &DATE_PREPOSITIONS)
            && !self.word_is(index - 1, "on");
        if !(mid || cued && self.standalone_number(index)) {
            return None;
        }
        Some(Match::new(index + 1, Meaning::Year(year)))
    }

    /// "Monday", "last Tuesday", "next Friday".
    pub(super) fn try_weekday(&self, index: usize) -> Option<Match> {
        let (modifier, weekday_index) = if self.word_is(index, "last") {
            (Modifier::Last, index + 1)
        } else if self.word_is(index, "next") {
            (Modifier::Next, index + 1)
        } else {
            (Modifier::None, index)
        };
        let weekday = self.weekday_at(weekday_index)?;
        if index > 0 && self.word_in(index - 1, &WEEKDAY_BLOCKERS) {
            return None;
        }
        if self.word_in(weekday_index + 1, &WEEKDAY_NAME_FOLLOWERS)
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
    pub(super) fn try_relative(&self, index: usize) -> Option<Match> {
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
    pub(super) fn try_count_shift(&self, index: usize) -> Option<Match> {
        let amount = if let Some((value, digits)) = self.number(index) {
            if digits > 3 || !self.standalone_number(index) {
                return None;
            }
            i64::from(value)
        } else {
            let word = self.word(index)?;
            NUMBER_WORDS.get_ignore_case(word)?.parse::<i64>().ok()?
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
}
