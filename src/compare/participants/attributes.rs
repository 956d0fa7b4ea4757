//! One attribute (age, residence, condition, charges) compared across the
//! outlets that state it, with a reason: birthdays between reports (a year
//! per year apart; one year in less than a month `differs`, since a
//! birthday may fall in it),
//! conditions that change, places that contain or neighbour each other,
//! charges that change between arrest and indictment. Separate because
//! these are the rules that decide a contradiction about a person.

use std::collections::BTreeMap;

use super::Stated;
use crate::compare::reading::Reading;
use crate::compare::{Claim, Status, Variant};
use crate::extract::items::Field;

/// Distance beyond which two residences are different places (km).
const RESIDENCE_KM: f64 = 40.0;

/// Compares one attribute across outlets; `None` when no outlet states it.
pub(super) fn compare_attribute(
    readings: &[Reading<'_>],
    attribute: &str,
    stated: &[Stated],
) -> Option<Claim> {
    if stated.is_empty() {
        return None;
    }
    // One value per outlet and value, first passage kept.
    let mut per_outlet: BTreeMap<usize, Vec<&Stated>> = BTreeMap::new();
    for s in stated {
        let values = per_outlet.entry(s.reader).or_default();
        if !values.iter().any(|v| v.value == s.value) {
            values.push(s);
        }
    }
    let outlets: Vec<usize> = per_outlet.keys().copied().collect();
    let mut status = if outlets.len() < 2 {
        Status::Unique
    } else {
        Status::Agreed
    };
    let mut reason: Option<String> = None;
    for (x, a) in outlets.iter().enumerate() {
        for b in &outlets[x + 1..] {
            let (pair, why) = compare_values(readings, attribute, &per_outlet[a], &per_outlet[b]);
            if pair > status {
                status = pair;
                reason = Some(why);
            } else if pair == status && reason.is_none() && pair != Status::Agreed {
                reason = Some(why);
            }
        }
    }
    let mut variants = Vec::new();
    for values in per_outlet.values() {
        for s in values {
            let document = readings[s.reader].document;
            variants.push(Variant {
                value: s.number.filter(|_| attribute == "age"),
                reading: Some(s.value.clone()),
                place: s.place.as_ref().map(|p| p.id.clone()),
                ..Variant::passage(
                    document.id,
                    &crate::extract::items::Anchor {
                        field: Field::Text,
                        start: s.start,
                        end: s.end,
                        text: crate::compare::char_slice(&document.text, s.start, s.end),
                    },
                )
            });
        }
    }
    let note = match status {
        Status::Agreed => Some("every outlet states the same".to_string()),
        Status::Unique => None,
        _ => reason,
    };
    Some(Claim {
        key: String::new(),
        kind: "attribute".into(),
        subject: attribute.to_string(),
        status,
        variants,
        note,
        scope: None,
    })
}

/// Status of two outlets' values of one attribute, with the reason.
fn compare_values(
    readings: &[Reading<'_>],
    attribute: &str,
    a: &[&Stated],
    b: &[&Stated],
) -> (Status, String) {
    let label = |s: &Stated| readings[s.reader].document.label();
    let days_apart = |x: &Stated, y: &Stated| match (
        readings[x.reader].document.published,
        readings[y.reader].document.published,
    ) {
        (Some(p), Some(q)) => Some((q - p).num_days()),
        _ => None,
    };
    let shared = a.iter().any(|x| b.iter().any(|y| x.value == y.value));
    if shared && a.len() == 1 && b.len() == 1 {
        return (Status::Agreed, String::new());
    }
    if shared {
        return (
            Status::Compatible,
            "one outlet also gives the other's value".into(),
        );
    }
    let (x, y) = (a[0], b[0]);
    // The reason of a conflict between two values given the same day.
    let same_day = || {
        format!(
            "the same day, {} reports {} and {} {}",
            label(x),
            x.value,
            label(y),
            y.value
        )
    };
    match attribute {
        "age" => {
            let gap = (x.number.unwrap_or(0.0) - y.number.unwrap_or(0.0)).abs();
            let signed = days_apart(x, y).unwrap_or(0);
            let apart = signed.abs();
            // The later report's age minus the earlier's.
            let grown = if signed >= 0 {
                y.number.unwrap_or(0.0) - x.number.unwrap_or(0.0)
            } else {
                x.number.unwrap_or(0.0) - y.number.unwrap_or(0.0)
            };
            let years = apart as f64 / 365.25;
            if gap <= 1.0 && apart >= 30 {
                (
                    Status::Compatible,
                    format!(
                        "{} and {} are a year apart in reports {apart} days apart: a birthday may lie between",
                        x.value, y.value
                    ),
                )
            } else if grown >= years.floor() && grown <= years.ceil() && years >= 1.0 {
                (
                    Status::Compatible,
                    format!(
                        "{} and {} in reports {apart} days apart: the person grew older between",
                        x.value, y.value
                    ),
                )
            } else if grown == 1.0 && apart > 0 {
                (
                    Status::Differs,
                    format!(
                        "{} gives the age as {}, {} as {} (not called a conflict: a birthday may lie in the {apart} days between the reports)",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            } else {
                (
                    Status::Conflict,
                    format!(
                        "{} gives the age as {}, {} as {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            }
        }
        "condition" => {
            let (rank_x, rank_y) = (x.number.unwrap_or(0.0), y.number.unwrap_or(0.0));
            match days_apart(x, y) {
                // The dead do not recover: an earlier "dead" against a later "alive".
                Some(d) if d != 0 => {
                    let (earlier, later) = if d > 0 { (x, y) } else { (y, x) };
                    if earlier.value == "dead" && later.value != "dead" {
                        (
                            Status::Conflict,
                            format!(
                                "{} reports the person dead, the later {} {}",
                                label(earlier),
                                label(later),
                                later.value
                            ),
                        )
                    } else {
                        (
                            Status::Compatible,
                            "the reports are days apart: a condition changes".into(),
                        )
                    }
                }
                _ if (rank_x - rank_y).abs() >= 2.0 && rank_x.max(rank_y) >= 3.0 => {
                    (Status::Conflict, same_day())
                }
                _ => (Status::Compatible, "adjacent steps of the scale".into()),
            }
        }
        "residence" => match (&x.place, &y.place) {
            (Some(p), Some(q))
                if !p.contains(q)
                    && !q.contains(p)
                    && crate::extract::places::distance_km((p.lat, p.lon), (q.lat, q.lon))
                        > RESIDENCE_KM =>
            {
                (
                    Status::Conflict,
                    format!(
                        "{} places the person in {}, {} in {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            }
            _ => (
                Status::Compatible,
                "places that contain or neighbour each other".into(),
            ),
        },
        "charges" => {
            let offences = |s: &Stated| -> BTreeMap<String, String> {
                s.value
                    .split("; ")
                    .map(|c| match c.split_once(" (") {
                        Some((offence, degree)) => (
                            offence.to_string(),
                            degree.trim_end_matches(')').to_string(),
                        ),
                        None => (c.to_string(), String::new()),
                    })
                    .collect()
            };
            let (ox, oy) = (offences(x), offences(y));
            let degrees_differ = ox.iter().any(|(o, d)| {
                oy.get(o)
                    .is_some_and(|e| !d.is_empty() && !e.is_empty() && d != e)
            });
            if degrees_differ && days_apart(x, y) == Some(0) {
                (Status::Conflict, same_day())
            } else if ox.keys().all(|o| oy.contains_key(o)) || oy.keys().all(|o| ox.contains_key(o))
            {
                (
                    Status::Compatible,
                    "one outlet names only some of the charges".into(),
                )
            } else {
                (
                    Status::Compatible,
                    "charges change between arrest, charging and indictment".into(),
                )
            }
        }
        _ => (Status::Compatible, String::new()),
    }
}
