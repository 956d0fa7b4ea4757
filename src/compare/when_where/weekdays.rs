//! Weekdays written beside a date ("Thursday, July 8, 2016").
//!
//! The calendar settles what words cannot: a weekday and a date written
//! together either fall on the same day or not. An article whose weekday
//! does not fall on its own date contradicts itself, and that slip alone is
//! shown as `differs`, for a reader to judge which word is wrong. When
//! another outlet writes the same weekday beside a date it does fall on,
//! within the same week ("Thursday, July 7, 2016"), both mean that
//! Thursday and disagree on its date, and the calendar says whose date
//! fits: a `conflict`, with that reason.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::compare::reading::Reading;
use crate::compare::{Claim, Status, Variant};
use crate::extract::items::DateItem;
use crate::text::calendar::weekday_named_in;

/// Most days apart two dates written beside the same weekday may be and
/// still mean the same day (the same week's weekday).
const SAME_WEEK: i64 = 6;

/// A weekday written beside a date (the date holds digits).
struct Written<'a> {
    reader: usize,
    item: &'a DateItem,
    weekday: Weekday,
    date: NaiveDate,
}

/// The weekday items: each self-contradicting weekday, as a conflict with
/// another outlet whose same weekday fits its date, else as `differs`.
pub(super) fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let written: Vec<Written<'_>> = readings
        .iter()
        .enumerate()
        .flat_map(|(reader, reading)| {
            reading
                .document
                .extraction
                .dates
                .iter()
                .filter(|d| d.anchor.text.chars().any(|c| c.is_ascii_digit()))
                .filter_map(move |item| {
                    Some(Written {
                        reader,
                        item,
                        weekday: weekday_named_in(&item.anchor.text)?,
                        date: item.date?,
                    })
                })
        })
        .collect();
    let mut claims = Vec::new();
    for slip in written.iter().filter(|w| w.item.weekday_conflict) {
        let article = readings[slip.reader].document;
        let slip_variant = Variant {
            date: Some(slip.date),
            ..Variant::passage(article.id, &slip.item.anchor)
        };
        let fitting = written.iter().find(|other| {
            other.reader != slip.reader
                && !other.item.weekday_conflict
                && other.weekday == slip.weekday
                && other.date.weekday() == other.weekday
                && other.date != slip.date
                && (other.date - slip.date).num_days().abs() <= SAME_WEEK
        });
        let claim = match fitting {
            Some(other) => {
                let other_article = readings[other.reader].document;
                Claim {
                    key: String::new(),
                    kind: "date".into(),
                    subject: format!("date of {:?}", other.weekday),
                    status: Status::Conflict,
                    variants: vec![
                        slip_variant,
                        Variant {
                            date: Some(other.date),
                            ..Variant::passage(other_article.id, &other.item.anchor)
                        },
                    ],
                    note: Some(format!(
                        "{} and {} name the same weekday with different dates; {} falls on it, {} does not",
                        article.label(),
                        other_article.label(),
                        other.date,
                        slip.date
                    )),
                    scope: None,
                }
            }
            None => Claim {
                key: String::new(),
                kind: "date".into(),
                subject: "weekday contradicts the date given with it".into(),
                status: Status::Differs,
                variants: vec![slip_variant],
                note: Some("the named weekday does not fall on the stated date".into()),
                scope: None,
            },
        };
        claims.push(claim);
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, passages};
    use crate::extract::items::{Anchor, DateKind, Field};
    use crate::model::DatePrecision;

    fn dated(text: &str, words: &str, date: (i32, u32, u32), conflict: bool) -> DateItem {
        let start = text.find(words).map_or(0, |b| text[..b].chars().count());
        DateItem {
            anchor: Anchor {
                field: Field::Text,
                start,
                end: start + words.chars().count(),
                text: words.into(),
            },
            kind: DateKind::Absolute,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2),
            precision: DatePrecision::Day,
            part_of_day: None,
            weekday_conflict: conflict,
        }
    }

    #[test]
    fn weekdays_beside_dates_read_as_data() {
        // Outlets' (text, date words, date, weekday contradicts) → the
        // weekday items: (status, passages).
        type Outlet<'c> = (&'c str, &'c str, (i32, u32, u32), bool);
        type Found<'c> = Vec<(Status, Vec<&'c str>)>;
        let cases: Vec<(Vec<Outlet>, Found)> = vec![
            (
                vec![
                    (
                        "Officers fell on Thursday, July 8, 2016.",
                        "Thursday, July 8, 2016",
                        (2016, 7, 8),
                        true,
                    ),
                    (
                        "The rally on Thursday, July 7, 2016 ended in gunfire.",
                        "Thursday, July 7, 2016",
                        (2016, 7, 7),
                        false,
                    ),
                ],
                vec![(
                    Status::Conflict,
                    vec!["Thursday, July 8, 2016", "Thursday, July 7, 2016"],
                )],
            ),
            (
                // No other outlet's Thursday to weigh it against.
                vec![
                    (
                        "Officers fell on Thursday, July 8, 2016.",
                        "Thursday, July 8, 2016",
                        (2016, 7, 8),
                        true,
                    ),
                    (
                        "The rally ended in gunfire on July 7, 2016.",
                        "July 7, 2016",
                        (2016, 7, 7),
                        false,
                    ),
                ],
                vec![(Status::Differs, vec!["Thursday, July 8, 2016"])],
            ),
            (
                // Another week's Thursday is another day.
                vec![
                    (
                        "Officers fell on Thursday, July 8, 2016.",
                        "Thursday, July 8, 2016",
                        (2016, 7, 8),
                        true,
                    ),
                    (
                        "A vigil on Thursday, July 21, 2016 drew hundreds.",
                        "Thursday, July 21, 2016",
                        (2016, 7, 21),
                        false,
                    ),
                ],
                vec![(Status::Differs, vec!["Thursday, July 8, 2016"])],
            ),
        ];
        for (outlets, expected) in cases {
            let documents: Vec<_> = outlets
                .iter()
                .enumerate()
                .map(|(i, (text, words, date, conflict))| {
                    let mut document = article(i as i64 + 1, text, vec![]);
                    document.extraction.dates = vec![dated(text, words, *date, *conflict)];
                    document
                })
                .collect();
            let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
            assert_eq!(passages(&compare(&readings)), expected, "{outlets:?}");
        }
    }
}
