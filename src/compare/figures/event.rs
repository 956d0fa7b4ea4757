//! The story's own counts (from event sentences), one claim per role and
//! family: each outlet's count, missing roles derived from totals and parts
//! (shot = killed + wounded), then every pair of outlets reconciled.
//! Separate from background counts, which are never set against these.

use std::collections::{BTreeMap, BTreeSet};

use crate::compare::reading::Reading;
use crate::compare::{Claim, Status, Variant};
use crate::extract::items::Field;

use super::places::by_place;
use super::reconcile::pair_status;
use super::roles::Role;
use super::{Count, OutletCount, figure_variant};

/// A claim's key: family, role, and the place its counts are given for
/// when outlets count the same role for different places ("2,500 troops in
/// Iraq", "900 in Syria").
type ClaimKey = (String, Role, Option<String>);

/// The story's own counts, one claim per role and family (and place, when
/// outlets count for different places).
pub(super) fn event_claims<'a>(readings: &[Reading<'_>], counts: &'a [Count<'a>]) -> Vec<Claim> {
    let mut by_role: BTreeMap<(String, Role), Vec<&Count<'_>>> = BTreeMap::new();
    for count in counts
        .iter()
        .filter(|c| c.background.is_none() && c.value > 0.0)
    {
        by_role
            .entry((count.family.clone(), count.role))
            .or_default()
            .push(count);
    }
    let mut stated: BTreeMap<ClaimKey, BTreeMap<usize, Vec<&Count<'_>>>> = BTreeMap::new();
    for ((family, role), members) in by_role {
        for (place, members) in by_place(members) {
            let outlets = stated.entry((family.clone(), role, place)).or_default();
            for count in members {
                outlets.entry(count.reader).or_default().push(count);
            }
        }
    }
    let outlet_count = |reader: usize, passages: &[&'a Count<'a>]| -> Option<OutletCount<'a>> {
        let pick = passages
            .iter()
            .filter(|c| c.firm)
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .or_else(|| passages.iter().max_by(|a, b| a.value.total_cmp(&b.value)))?;
        Some(OutletCount {
            reader,
            value: pick.value,
            low: pick.low,
            high: pick.high,
            firm: pick.firm,
            qualified: pick.qualified(),
            readings: passages
                .iter()
                .filter(|c| c.firm)
                .map(|c| (c.low, c.high))
                .collect(),
            update: passages.iter().any(|c| c.update),
            derived: false,
            lead: pick.lead,
            passages: passages.to_vec(),
        })
    };
    let mut by_key: BTreeMap<ClaimKey, Vec<OutletCount<'a>>> = BTreeMap::new();
    for (key, outlets) in &stated {
        for (reader, passages) in outlets {
            if let Some(count) = outlet_count(*reader, passages) {
                by_key.entry(key.clone()).or_default().push(count);
            }
        }
    }
    // Totals and parts: shot = killed + wounded, for roles counted for one place.
    let families: BTreeSet<String> = by_key.keys().map(|(f, _, _)| f.clone()).collect();
    for family in &families {
        let single = |role: Role| -> Option<ClaimKey> {
            let keys: Vec<&ClaimKey> = by_key
                .keys()
                .filter(|(f, r, _)| f == family && *r == role)
                .collect();
            match keys.as_slice() {
                [only] => Some((*only).clone()),
                _ => None,
            }
        };
        let (Some(killed_key), wounded_key, shot_key) = (
            single(Role::Killed),
            single(Role::Wounded),
            single(Role::Shot),
        ) else {
            continue;
        };
        for reader in 0..readings.len() {
            let get = |key: &Option<ClaimKey>| {
                key.as_ref()
                    .and_then(|k| by_key.get(k))
                    .and_then(|v| v.iter().find(|c| c.reader == reader && !c.derived))
                    .cloned()
            };
            let killed = get(&Some(killed_key.clone()));
            let (wounded, shot) = (get(&wounded_key), get(&shot_key));
            let exact = |c: &OutletCount<'_>| c.firm && c.low == c.high;
            let derive = |value: f64, parts: [&OutletCount<'a>; 2]| OutletCount {
                reader,
                value,
                low: value,
                high: value,
                firm: true,
                qualified: false,
                readings: vec![(value, value)],
                update: parts.iter().any(|p| p.update),
                derived: true,
                lead: parts.iter().all(|p| p.lead),
                passages: parts
                    .iter()
                    .flat_map(|p| p.passages.iter().copied())
                    .collect(),
            };
            let derived = match (&killed, &wounded, &shot) {
                (Some(k), None, Some(s)) if exact(k) && exact(s) && s.value > k.value => {
                    wounded_key
                        .clone()
                        .map(|key| (key, derive(s.value - k.value, [s, k])))
                }
                (Some(k), Some(w), None) if exact(k) && exact(w) => shot_key
                    .clone()
                    .map(|key| (key, derive(w.value + k.value, [w, k]))),
                _ => None,
            };
            if let Some((key, count)) = derived {
                by_key.entry(key).or_default().push(count);
            }
        }
    }
    let total_victims = |reader: usize, family: &str| -> Option<f64> {
        let value = |role: Role| {
            by_key
                .iter()
                .filter(|((f, r, _), _)| f == family && *r == role)
                .flat_map(|(_, v)| v.iter())
                .find(|c| c.reader == reader)
                .map(|c| c.value)
        };
        value(Role::Shot)
            .or_else(|| Some(value(Role::Killed).unwrap_or(0.0) + value(Role::Wounded)?))
    };
    let mut claims = Vec::new();
    for ((family, role, place), outlets) in &by_key {
        if outlets.iter().all(|c| c.derived) {
            continue;
        }
        let mut status = if outlets.len() < 2 {
            Status::Unique
        } else {
            Status::Agreed
        };
        let mut reason: Option<String> = None;
        let mut derived_used = false;
        for (x, a) in outlets.iter().enumerate() {
            for b in &outlets[x + 1..] {
                if a.reader == b.reader {
                    continue;
                }
                let (pair, why) = pair_status(readings, *role, family, a, b, &total_victims);
                derived_used |= (a.derived || b.derived) && pair != Status::Conflict;
                if pair > status {
                    status = pair;
                    reason = why;
                } else if pair == status && reason.is_none() {
                    reason = why;
                }
            }
        }
        if status == Status::Agreed && derived_used {
            status = Status::Compatible;
            reason = Some("a total and its parts agree (shot = killed + wounded)".into());
        }
        let note = match status {
            Status::Agreed => Some("every outlet states the same number".to_string()),
            Status::Unique => None,
            _ => reason,
        };
        let mut variants: Vec<Variant> = Vec::new();
        let mut seen = BTreeSet::new();
        for outlet in outlets {
            for count in &outlet.passages {
                let document = readings[count.reader].document;
                if seen.insert((
                    document.id,
                    count.figure.anchor.field,
                    count.figure.anchor.start,
                )) {
                    variants.push(figure_variant(document, count));
                }
            }
        }
        variants.sort_by_key(|v| {
            (
                readings.iter().position(|r| r.document.id == v.article),
                v.field != Field::Text,
                v.start,
            )
        });
        let mut subject = format!("{}: {}", role.as_str(), family);
        if let Some(place) = place {
            subject.push_str(&format!(" in {place}"));
        }
        claims.push(Claim {
            key: String::new(),
            kind: "figure".into(),
            subject,
            status,
            variants,
            note,
            scope: None,
        });
    }
    claims
}
