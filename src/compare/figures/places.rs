//! Where a count is said to apply ("killed in Gaza", "in Iraq and Syria"):
//! read from the place names of the figure's sentence, and used to keep
//! counts for different places apart. Separate because it reads entities
//! and the gazetteer, not numbers.

use crate::compare::reading::Reading;
use crate::compare::scope::LOCATIVE;
use crate::extract::entities::fuzzy_key;
use crate::extract::items::{EntityKind, Field, FigureItem, PlaceRef};

use super::Count;

/// Where a figure is said to apply (background counts only).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PlaceKey {
    pub(super) label: String,
    places: Vec<PlaceRef>,
    names: Vec<String>,
}

pub(super) fn places_compatible(a: &Option<PlaceKey>, b: &Option<PlaceKey>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.names.len() != b.names.len() {
        return false;
    }
    a.names.iter().zip(&b.names).all(|(x, y)| x == y)
        || (a.places.len() == 1
            && b.places.len() == 1
            && (a.places[0].contains(&b.places[0]) || b.places[0].contains(&a.places[0])))
}

/// The place a figure's sentence locates it in ("killed in Gaza"), with a
/// second place joined by "and".
pub(super) fn place_of(reading: &Reading<'_>, figure: &FigureItem) -> Option<PlaceKey> {
    if figure.anchor.field != Field::Text {
        return None;
    }
    let sentence =
        &reading.sentences[reading.sentence_of(figure.anchor.start, figure.anchor.end)?];
    let entities = &reading.document.extraction.entities;
    let preceding = |start: usize| {
        sentence
            .words
            .iter()
            .rev()
            .find(|w| w.2 <= start)
            .map(|w| w.0.clone())
            .unwrap_or_default()
    };
    let candidates: Vec<_> = entities
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Place
                && e.anchor.field == Field::Text
                && sentence.holds(e.anchor.start, e.anchor.end)
        })
        .filter(|e| {
            LOCATIVE.contains(&preceding(e.anchor.start).as_str())
                || preceding(e.anchor.start) == "from"
        })
        .filter(|e| {
            !reading
                .slice(e.anchor.end, e.anchor.end + 1)
                .starts_with('-')
        })
        .collect();
    let first = candidates.iter().copied().min_by_key(|e| {
        let distance = if e.anchor.start >= figure.anchor.end {
            e.anchor.start - figure.anchor.end
        } else {
            figure.anchor.start.saturating_sub(e.anchor.end)
        };
        (distance, e.anchor.start)
    })?;
    let mut chosen = vec![first];
    if let Some(next) = entities.iter().find(|e| {
        e.kind == EntityKind::Place
            && e.anchor.field == Field::Text
            && e.anchor.start > first.anchor.end
            && e.anchor.start <= first.anchor.end + 7
    }) && matches!(
        reading.slice(first.anchor.end, next.anchor.start).trim(),
        "and" | "&" | "or"
    ) {
        chosen.push(next);
    }
    let mut names: Vec<String> = chosen
        .iter()
        .map(|e| {
            e.place
                .as_ref()
                .map_or_else(|| fuzzy_key(&e.name), |p| p.id.clone())
        })
        .collect();
    names.sort();
    Some(PlaceKey {
        label: chosen
            .iter()
            .map(|e| e.name.clone())
            .collect::<Vec<_>>()
            .join(" and "),
        places: chosen.iter().filter_map(|e| e.place.clone()).collect(),
        names,
    })
}

/// Splits counts of one role into groups whose stated places are
/// compatible; counts that name no place join the one place named, or
/// form a group of their own when several are.
pub(super) fn by_place<'a>(
    counts: Vec<&'a Count<'a>>,
) -> Vec<(Option<String>, Vec<&'a Count<'a>>)> {
    let mut groups: Vec<(Option<PlaceKey>, Vec<&Count<'_>>)> = Vec::new();
    let mut unplaced = Vec::new();
    for count in counts {
        if count.place.is_none() {
            unplaced.push(count);
            continue;
        }
        match groups
            .iter_mut()
            .find(|(place, _)| places_compatible(place, &count.place))
        {
            Some((_, members)) => members.push(count),
            None => groups.push((count.place.clone(), vec![count])),
        }
    }
    match groups.len() {
        0 => return vec![(None, unplaced)],
        // One place named: counts that name none are about it too.
        1 => groups[0].1.extend(unplaced),
        // Several: a count that names no place could be any of them.
        _ if !unplaced.is_empty() => groups.push((None, unplaced)),
        _ => {}
    }
    let several = groups.len() > 1;
    groups
        .into_iter()
        .map(|(place, members)| (place.filter(|_| several).map(|p| p.label), members))
        .collect()
}
