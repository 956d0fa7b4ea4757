//! When and where: the story's event dates and places across outlets.
//!
//! *When*: for each kind of event (attack, airstrike, shooting …), the days
//! each article dates it to, counting only dates within a week of the
//! story's date (an article's background — an attack months earlier — is a
//! different event). Outlets dating the same kind of event to different
//! days conflict; a weekday that contradicts an explicit date in the same
//! article is reported as a conflict of its own.
//!
//! *Where*: each article's main-event place. The same place everywhere is
//! `agreed`; a city inside the region or country another outlet names is
//! `compatible`; different cities or regions are a `conflict` — but only
//! when the article does not also name the story's place, and never for a
//! place named only in a dateline.

use std::collections::{BTreeMap, BTreeSet};

use super::{Claim, Status, Variant};
use crate::document::Document;
use crate::extract::items::PlaceRef;
use crate::model::DatePrecision;
use crate::stories::StorySummary;

/// (when, where) items.
pub fn compare(story: &StorySummary, articles: &[&Document]) -> (Vec<Claim>, Vec<Claim>) {
    // Per kind of event, each dated passage with where in its day it falls.
    let mut by_kind: BTreeMap<String, Vec<(Variant, DayReading)>> = BTreeMap::new();
    let mut when = Vec::new();
    for article in articles {
        let extraction = &article.extraction;
        let mut seen: BTreeSet<(String, chrono::NaiveDate)> = BTreeSet::new();
        for event in &extraction.events {
            if event.negated
                || event.hypothetical
                || matches!(event.kind.as_str(), "statement" | "condemnation")
            {
                continue;
            }
            let Some(date_item) = event.date.and_then(|i| extraction.dates.get(i)) else {
                continue;
            };
            let Some(date) = date_item
                .date
                .filter(|_| date_item.precision == DatePrecision::Day)
            else {
                continue;
            };
            if story.date.is_some_and(|s| (date - s).num_days().abs() > 7)
                || article.in_noise(&date_item.anchor)
            {
                continue;
            }
            if !seen.insert((event.kind.clone(), date)) {
                continue;
            }
            let reading = DayReading::of(
                date,
                &date_item.anchor.text,
                date_item.part_of_day.as_deref().and_then(PartOfDay::parse),
            );
            let variant = Variant {
                date: Some(date),
                ..Variant::passage(article.id, &date_item.anchor)
            };
            by_kind
                .entry(event.kind.clone())
                .or_default()
                .push((variant, reading));
        }
        for date_item in extraction.dates.iter().filter(|d| d.weekday_conflict) {
            when.push(Claim {
                kind: "date".into(),
                subject: "weekday contradicts the date given with it".into(),
                status: Status::Conflict,
                variants: vec![Variant {
                    date: date_item.date,
                    ..Variant::passage(article.id, &date_item.anchor)
                }],
                note: Some("the named weekday does not fall on the stated date".into()),
            });
        }
    }
    for (kind, readings) in by_kind {
        let outlets: BTreeSet<i64> = readings.iter().map(|(v, _)| v.article).collect();
        if outlets.len() < 2 {
            continue;
        }
        let dates: BTreeSet<chrono::NaiveDate> = readings.iter().map(|(_, r)| r.date).collect();
        // Conflict when some pair of outlets dates the event to days that
        // neither share nor meet across a midnight ("late Thursday" and
        // "early Friday" are one night).
        let mut per_article: BTreeMap<i64, Vec<DayReading>> = BTreeMap::new();
        for (variant, reading) in &readings {
            per_article
                .entry(variant.article)
                .or_default()
                .push(*reading);
        }
        let sets: Vec<&Vec<DayReading>> = per_article.values().collect();
        let apart = sets
            .iter()
            .enumerate()
            .any(|(x, a)| sets[x + 1..].iter().any(|b| !meet(a, b)));
        let overnight = !apart
            && sets
                .iter()
                .enumerate()
                .any(|(x, a)| sets[x + 1..].iter().any(|b| !share_a_day(a, b)));
        let status = if dates.len() == 1 {
            Status::Agreed
        } else if apart {
            Status::Conflict
        } else {
            Status::Compatible
        };
        let note = match status {
            Status::Compatible if overnight => {
                Some("outlets date it to either side of one midnight".to_string())
            }
            Status::Conflict => Some(format!(
                "outlets date the {kind} to different days: {}",
                dates
                    .iter()
                    .map(|d| format!("{} ({})", d, d.format("%A")))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            _ => None,
        };
        when.push(Claim {
            kind: "date".into(),
            subject: format!("date of the {kind}"),
            status,
            variants: readings.into_iter().map(|(variant, _)| variant).collect(),
            note,
        });
    }
    when.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .reverse()
            .then(a.subject.cmp(&b.subject))
    });

    let mut where_variants: Vec<(Variant, PlaceRef)> = Vec::new();
    let story_place = story.place.as_ref();
    for article in articles {
        let Some(main) = article.extraction.main_event.as_ref() else {
            continue;
        };
        let Some(mut place) = main.place.as_ref() else {
            continue;
        };
        let outside_dateline = |e: &&crate::extract::items::EntityItem| {
            !article.extraction.noise.iter().any(|n| {
                n.kind == "dateline"
                    && n.anchor.field == e.anchor.field
                    && n.anchor.start <= e.anchor.start
                    && e.anchor.end <= n.anchor.end
            })
        };
        // A conflict needs the article to place the event elsewhere: when
        // it also names the story's place (or a place inside or around it),
        // its main-event place was a passing mention, and that is read
        // instead. A place named only in a dateline is where the reporter
        // was, not where the event happened.
        if let Some(consensus) = story_place
            && place.id != consensus.id
            && let Some(e) = article
                .extraction
                .entities
                .iter()
                .filter(outside_dateline)
                .find(|e| {
                    e.place.as_ref().is_some_and(|p| {
                        p.id == consensus.id || p.contains(consensus) || consensus.contains(p)
                    })
                })
            && let Some(p) = e.place.as_ref()
        {
            place = p;
        }
        // Point at the mention of the place, when the article has one.
        let mention = article
            .extraction
            .entities
            .iter()
            .filter(outside_dateline)
            .find(|e| e.place.as_ref().is_some_and(|p| p.id == place.id));
        if mention.is_none()
            && article
                .extraction
                .entities
                .iter()
                .any(|e| e.place.as_ref().is_some_and(|p| p.id == place.id))
        {
            continue;
        }
        let variant = match mention {
            Some(e) => Variant {
                place: Some(place.id.clone()),
                ..Variant::passage(article.id, &e.anchor)
            },
            None => Variant {
                article: article.id,
                field: crate::extract::items::Field::Text,
                text: place.name.clone(),
                start: 0,
                end: 0,
                value: None,
                low: None,
                high: None,
                qualifier: None,
                date: None,
                place: Some(place.id.clone()),
            },
        };
        where_variants.push((variant, place.clone()));
    }
    let mut where_ = Vec::new();
    if where_variants.len() >= 2 {
        let mut status = Status::Agreed;
        for (x, (_, a)) in where_variants.iter().enumerate() {
            for (_, b) in &where_variants[x + 1..] {
                let pair = if a.id == b.id {
                    Status::Agreed
                } else if a.contains(b) || b.contains(a) {
                    Status::Compatible
                } else {
                    Status::Conflict
                };
                status = status.max(pair);
            }
        }
        let names: BTreeSet<String> = where_variants.iter().map(|(_, p)| p.name.clone()).collect();
        where_.push(Claim {
            kind: "place".into(),
            subject: "place of the main event".into(),
            status,
            variants: where_variants.into_iter().map(|(v, _)| v).collect(),
            note: Some(names.into_iter().collect::<Vec<_>>().join(" / ")),
        });
    }
    (when, where_)
}

/// The part of a day a date passage names, as far as midnight matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartOfDay {
    /// Morning hours, or "early …".
    Early,
    /// Evening or night, or "late …".
    Late,
    Other,
}

impl PartOfDay {
    fn parse(part: &str) -> Option<PartOfDay> {
        Some(match part {
            "morning" => PartOfDay::Early,
            "evening" | "night" => PartOfDay::Late,
            _ => PartOfDay::Other,
        })
    }
}

/// One outlet's dating of the event: the day and where in it.
#[derive(Debug, Clone, Copy)]
struct DayReading {
    date: chrono::NaiveDate,
    early: bool,
    late: bool,
}

impl DayReading {
    fn of(date: chrono::NaiveDate, text: &str, part: Option<PartOfDay>) -> DayReading {
        let lower = text.to_lowercase();
        DayReading {
            date,
            early: part == Some(PartOfDay::Early)
                || lower.contains("early")
                || lower.contains("overnight"),
            late: part == Some(PartOfDay::Late)
                || lower.contains("late")
                || lower.contains("overnight"),
        }
    }
}

fn share_a_day(a: &[DayReading], b: &[DayReading]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.date == y.date))
}

/// True when two outlets' datings share a day or meet across one midnight:
/// the later day named as early (or overnight), or the earlier as late.
fn meet(a: &[DayReading], b: &[DayReading]) -> bool {
    let across = |x: &DayReading, y: &DayReading| {
        y.date - x.date == chrono::Duration::days(1) && (x.late || y.early)
    };
    share_a_day(a, b)
        || a.iter()
            .any(|x| b.iter().any(|y| across(x, y) || across(y, x)))
}

#[cfg(test)]
mod midnight_tests {
    use super::*;

    fn day(d: u32, text: &str, part: Option<&str>) -> DayReading {
        DayReading::of(
            chrono::NaiveDate::from_ymd_opt(2016, 7, d).unwrap_or_default(),
            text,
            part.and_then(PartOfDay::parse),
        )
    }

    #[test]
    fn late_one_day_and_early_the_next_are_one_night() {
        assert!(meet(
            &[day(7, "Thursday night", Some("night"))],
            &[day(8, "Friday", None)]
        ));
        assert!(meet(
            &[day(7, "Thursday", None)],
            &[day(8, "early Friday", None)]
        ));
        assert!(meet(
            &[day(8, "Friday morning", Some("morning"))],
            &[day(7, "Thursday", None)]
        ));
        assert!(!meet(
            &[day(7, "Thursday", None)],
            &[day(8, "Friday", None)]
        ));
        assert!(!meet(
            &[day(6, "Wednesday night", Some("night"))],
            &[day(8, "early Friday", None)]
        ));
    }
}
