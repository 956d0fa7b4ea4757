//! Background counts (an earlier incident's toll, statistics): aligned by
//! role, family, place and time, and never called a conflict. Separate so
//! that no rule of the event's counts reaches them.

use std::collections::{BTreeMap, BTreeSet};

use crate::compare::reading::Reading;
use crate::compare::{Claim, Status};

use super::places::places_compatible;
use super::roles::Role;
use super::{Count, figure_variant, overlap};

/// Background counts: aligned by role, family, place and time; never a conflict.
pub(super) fn background_claims(readings: &[Reading<'_>], counts: &[Count<'_>]) -> Vec<Claim> {
    let mut keyed: BTreeMap<(Role, String), Vec<&Count<'_>>> = BTreeMap::new();
    for count in counts.iter().filter(|c| c.background.is_some() && c.firm) {
        keyed
            .entry((count.role, count.family.clone()))
            .or_default()
            .push(count);
    }
    let close = |a: &Count<'_>, b: &Count<'_>| {
        let (small, large) = if a.value <= b.value {
            (a.value, b.value)
        } else {
            (b.value, a.value)
        };
        overlap((a.low, a.high), (b.low, b.high))
            || (small > 0.0 && (large - small) / large <= 0.10 && (a.qualified() || b.qualified()))
    };
    let mut claims = Vec::new();
    for ((role, family), candidates) in keyed {
        let mut groups: Vec<Vec<&Count<'_>>> = Vec::new();
        for candidate in candidates {
            let fits = |group: &Vec<&Count<'_>>| {
                group.iter().all(|other| {
                    places_compatible(&candidate.place, &other.place)
                        && candidate.far_date == other.far_date
                        && close(candidate, other)
                        && (other.reader != candidate.reader || other.value == candidate.value)
                })
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(group) => group.push(candidate),
                None => groups.push(vec![candidate]),
            }
        }
        for group in groups {
            let outlets: BTreeSet<usize> = group.iter().map(|c| c.reader).collect();
            let status = if outlets.len() < 2 {
                Status::Unique
            } else if group.iter().all(|c| c.value == group[0].value) {
                Status::Agreed
            } else {
                Status::Compatible
            };
            let mut subject = format!("{}: {}", role.as_str(), family);
            if let Some(place) = group.iter().find_map(|c| c.place.as_ref()) {
                subject.push_str(&format!(" in {}", place.label));
            }
            if let Some(date) = group.iter().find_map(|c| c.far_date) {
                subject.push_str(&format!(" on {date}"));
            }
            let reason = group
                .iter()
                .find_map(|c| c.background.clone())
                .unwrap_or_default();
            let note = match status {
                Status::Agreed => Some(format!(
                    "background ({reason}): every outlet states the same number"
                )),
                Status::Compatible => Some(format!(
                    "background ({reason}): the numbers differ within their qualifiers or rounding"
                )),
                _ => Some(format!("background ({reason})")),
            };
            claims.push(Claim {
                key: String::new(),
                kind: "figure".into(),
                subject,
                status,
                variants: group
                    .iter()
                    .map(|c| figure_variant(readings[c.reader].document, c))
                    .collect(),
                note,
                scope: Some(reason),
            });
        }
    }
    claims
}
