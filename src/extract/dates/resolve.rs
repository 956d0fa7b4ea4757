//! Resolution: what a matched expression means, turned into a calendar
//! date against the anchor (the published date), the previous day-precise
//! date of the text, or the year of the last explicit date.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::DateKind;
use super::Found;
use super::patterns::{Holiday, Match, Meaning, Modifier, Unit};
use super::scanner::Scanner;
use crate::model::DatePrecision;

/// Resolves one meaning to (kind, date, precision, explicit year).
pub(super) fn resolve(
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
pub(super) fn flag_sentence_conflicts(
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
