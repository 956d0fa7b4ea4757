//! Date tagger tests: cases in `test_data/` (input → expected mentions) and
//! a property test.

use super::*;
use crate::text::cases::{Case, check};

/// 2023-12-26, a Tuesday: the anchor of every case that names none.
fn anchor_of(case: &Case) -> Option<NaiveDate> {
    match case.option("anchor") {
        Some("none") => None,
        Some(date) => NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        None => NaiveDate::from_ymd_opt(2023, 12, 26),
    }
}

#[test]
fn mentions() {
    check("src/extract/dates/test_data/mentions.txt", |case| {
        let text = &case.input;
        let mentions = tag(text, anchor_of(case));
        assert!(
            mentions
                .windows(2)
                .all(|pair| pair[0].range.end <= pair[1].range.start),
            "{}: mentions overlap",
            case.name
        );
        mentions
            .iter()
            .map(|mention| {
                let kind = match mention.kind {
                    DateKind::Absolute => "absolute",
                    DateKind::Relative => "relative",
                };
                let date = mention.date.map_or("none".to_string(), |d| d.to_string());
                let mut line = format!(
                    "{} | {kind} {date} {}",
                    &text[mention.range.clone()],
                    mention.precision.as_str()
                );
                if let Some(part) = mention.part_of_day {
                    line.push(' ');
                    line.push_str(part);
                }
                if mention.weekday_conflict {
                    line.push_str(" weekday-conflict");
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn anchors() {
    check("src/extract/dates/test_data/anchors.txt", |case| {
        infer_anchor(&case.input).map_or("none".to_string(), |date| date.to_string())
    });
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in "(\\PC|[ \n0-9/,.:-]|Monday|Dec|May|last|week|ago|two|days|later|Christmas|Day){0,60}") {
        let mentions = tag(&text, NaiveDate::from_ymd_opt(2023, 12, 26));
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
fn every_table_row_is_read() {
    use crate::text::words::malformed_rows;
    assert!(malformed_rows(include_str!("holidays.txt")).is_empty());
    assert!(malformed_rows(include_str!("number_words.txt")).is_empty());
    assert_eq!(patterns::HOLIDAY_NAMES.len(), HOLIDAYS.len());
    for (_, value) in NUMBER_WORDS.iter() {
        assert!(value.parse::<i64>().is_ok(), "{value}");
    }
}
