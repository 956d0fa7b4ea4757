//! *Where*: each article's main-event place, compared across outlets by
//! containment, distance and name (see the parent module's doc).

use std::collections::BTreeSet;

use crate::compare::reading::Reading;
use crate::compare::words::writes;
use crate::compare::{Claim, Status, Variant};
use crate::document::Document;
use crate::extract::items::{EntityKind, NoiseKind, PlaceKind, PlaceRef};
use crate::model::StorySummary;

/// Places this close (km) are one area named at two precisions (a suburb
/// and its city, a borough and its city).
const NEAR_KM: f64 = 40.0;

/// The place item of the main event, when two articles or more place it.
pub(super) fn compare(story: &StorySummary, readings: &[Reading<'_>]) -> Vec<Claim> {
    // (passage, place, named as a place and not only inside an organisation's
    // name such as "Temple University Hospital", the article)
    let mut where_variants: Vec<(Variant, PlaceRef, bool, &Document)> = Vec::new();
    let story_place = story.place.as_ref();
    for reading in readings {
        let article = reading.document;
        let Some(main) = article.extraction.main_event.as_ref() else {
            continue;
        };
        let Some(mut place) = main.place.as_ref() else {
            continue;
        };
        let outside_dateline = |e: &&crate::extract::items::EntityItem| {
            !article.extraction.noise.iter().any(|n| {
                n.kind == NoiseKind::Dateline
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
        let named_as_place = mention.is_some_and(|e| e.kind == EntityKind::Place);
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
                reading: None,
            },
        };
        where_variants.push((variant, place.clone(), named_as_place, article));
    }
    let mut where_ = Vec::new();
    if where_variants.len() >= 2 {
        let mut status = Status::Agreed;
        let mut guessed = false;
        let mut both_named = false;
        for (x, (_, a, a_named, a_article)) in where_variants.iter().enumerate() {
            for (_, b, b_named, b_article) in &where_variants[x + 1..] {
                let pair = places_compared(a, b);
                // A place read only out of an organisation's name is the
                // extraction's guess, not the outlet's statement.
                if pair == Status::Conflict && !(*a_named && *b_named) {
                    guessed = true;
                    status = status.max(Status::Differs);
                } else if pair == Status::Conflict
                    && (writes_place(a_article, b) || writes_place(b_article, a))
                {
                    // An article that also writes the other outlet's place
                    // knows both: one is a hometown, a school, a
                    // neighbourhood of the same name, an agency ("Metro").
                    both_named = true;
                    status = status.max(Status::Differs);
                } else {
                    status = status.max(pair);
                }
            }
        }
        let mut names: Vec<String> = where_variants
            .iter()
            .map(|(_, p, ..)| p.name.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        if status == Status::Differs {
            names.push(if guessed {
                "(a place read from an organisation's name, not called a conflict)".into()
            } else if both_named {
                "(an article names both places, not called a conflict)".into()
            } else {
                "(a name that also denotes a place that fits, not called a conflict)".into()
            });
        }
        where_.push(Claim {
            key: String::new(),
            kind: "place".into(),
            subject: "place of the main event".into(),
            status,
            variants: where_variants.into_iter().map(|(v, ..)| v).collect(),
            note: Some(names.join(" / ")),
            scope: None,
        });
    }
    where_
}

/// True when `article` writes `place`'s name, in its headline or body.
fn writes_place(article: &Document, place: &PlaceRef) -> bool {
    writes(&article.text, &place.name)
        || article
            .title
            .as_deref()
            .is_some_and(|title| writes(title, &place.name))
}

/// Two outlets' places of the event compared. The same name is the same
/// place even when the gazetteer resolved it twice (El Dorado, Arkansas and
/// El Dorado, Kansas: the ambiguity is the gazetteer's, not the outlets');
/// a place inside the other, or near it (a suburb and its city, a borough
/// and its city: within [`NEAR_KM`]), differs only in precision; only
/// places apart contradict each other, unless the gazetteer's reading of a
/// name is one of several and another fits (then the two `differ`, with
/// the reason).
fn places_compared(a: &PlaceRef, b: &PlaceRef) -> Status {
    let same_name = a.name.to_lowercase() == b.name.to_lowercase();
    if a.id == b.id || same_name {
        Status::Agreed
    } else if a.contains(b)
        || b.contains(a)
        || may_contain(a, b)
        || may_contain(b, a)
        || crate::extract::places::distance_km((a.lat, a.lon), (b.lat, b.lon)) <= NEAR_KM
    {
        Status::Compatible
    } else if homonym_fits(a, b) || homonym_fits(b, a) {
        // "Lansdowne" read as the Pennsylvania town beside "Baltimore
        // County": the name also denotes a place that fits.
        Status::Differs
    } else {
        Status::Conflict
    }
}

/// True when another place of `place`'s name (the gazetteer chose one of
/// several) lies near `other` or inside it.
fn homonym_fits(place: &PlaceRef, other: &PlaceRef) -> bool {
    crate::extract::places::lookup(&place.name)
        .iter()
        .filter(|homonym| homonym.id != place.id && homonym.country_code == other.country_code)
        .any(|homonym| {
            crate::extract::places::distance_km((homonym.lat, homonym.lon), (other.lat, other.lon))
                <= NEAR_KM
                || (other.kind == PlaceKind::County
                    && homonym.region == other.region
                    && homonym
                        .county
                        .as_deref()
                        .is_none_or(|county| county == other.name))
                || (other.kind == PlaceKind::Region
                    && homonym.region.as_deref() == Some(other.name.as_str()))
        })
}

/// True when `outer` is a county and `inner` a town of the same region
/// whose county the gazetteer does not know: it may lie inside ("Baltimore
/// County" / "Lansdowne"), so the two are not shown as a contradiction.
fn may_contain(outer: &PlaceRef, inner: &PlaceRef) -> bool {
    outer.kind == PlaceKind::County
        && inner.kind == PlaceKind::City
        && inner.county.is_none()
        && outer.country_code == inner.country_code
        && outer.region.is_some()
        && outer.region == inner.region
}
