//! What an article's features are that needs no other article: its
//! people, dates, places, ages, streets, casualties, signature and title
//! ([`facts_of`], from its sketch), with one shared copy of each outlet
//! name and place.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::Features;
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key};
use crate::extract::items::{Extraction, PlaceRef};
use crate::model::DatePrecision;
use crate::stories::outlets::HomeRegions;
use crate::stories::sketch::Sketched;
use crate::stories::small_set::SmallSet;

/// One shared copy of each outlet name and place: thousands of articles
/// name the same city, and a [`PlaceRef`] is seven strings.
#[derive(Debug, Default)]
pub(super) struct Shared {
    sources: HashSet<Arc<str>>,
    places: HashMap<String, Vec<Arc<PlaceRef>>>,
}

impl Shared {
    pub(super) fn share(&mut self, mut facts: Features) -> Features {
        facts.source = facts.source.map(|source| self.source(source));
        facts.main_place = facts.main_place.map(|p| self.place(p));
        facts.place = facts.place.map(|p| self.place(p));
        facts.cities_named = std::mem::take(&mut facts.cities_named)
            .into_vec()
            .into_iter()
            .map(|p| self.place(p))
            .collect();
        facts
    }

    fn source(&mut self, source: Arc<str>) -> Arc<str> {
        match self.sources.get(&source) {
            Some(shared) => Arc::clone(shared),
            None => {
                self.sources.insert(Arc::clone(&source));
                source
            }
        }
    }

    fn place(&mut self, place: Arc<PlaceRef>) -> Arc<PlaceRef> {
        let same_id = self.places.entry(place.id.clone()).or_default();
        match same_id.iter().find(|shared| **shared == place) {
            Some(shared) => Arc::clone(shared),
            None => {
                same_id.push(Arc::clone(&place));
                place
            }
        }
    }
}

/// What an article's features are that needs no other article: all but
/// the term weights, which [`weigh`] adds once every article is counted,
/// from its sketch, with its main place read in its outlet's home region.
pub(super) fn facts_of(sketched: &Sketched, homes: &HomeRegions) -> Features {
    let sketch = &sketched.sketch;
    let main_place = sketched.main_place(homes).map(Arc::new);
    // A place named only in a dateline is where the reporter was.
    let place = main_place.clone().filter(|_| sketch.place_stands);
    Features {
        id: sketched.id,
        terms: Vec::new(),
        headline: SmallSet::default(),
        rare_terms: Vec::new(),
        very_rare_terms: Vec::new(),
        people: sketch
            .people
            .iter()
            .map(|p| Box::from(p.as_str()))
            .collect(),
        event_kind: sketch.event_kind.clone(),
        event_date: sketch.event_date,
        event_date_from_text: sketch.event_date_from_text,
        published: sketch.published,
        dates_named: sketch.dates_named.iter().copied().collect(),
        main_place,
        place,
        places_named: sketch
            .places_named
            .iter()
            .map(|p| Box::from(p.as_str()))
            .collect(),
        ages: sketch.ages.iter().copied().collect(),
        streets: sketch
            .streets
            .iter()
            .map(|s| Box::from(s.as_str()))
            .collect(),
        killed: sketch.killed,
        injured: sketch.injured,
        signature: sketched.signature(),
        source: sketched.source.as_deref().map(Arc::from),
        title: sketch.title.as_deref().map(Box::from),
        has_headline: sketch.has_headline,
        main_day: sketch.main_day,
        cities_named: sketch
            .cities_named
            .iter()
            .map(|p| Arc::new(p.clone()))
            .collect(),
    }
}

/// Alias keys of the people an article names with at least two words and
/// no role: officials (a prosecutor, a police chief, a spokesman) appear in
/// many unrelated reports; only people named without a role tie reports of
/// one event together.
pub(crate) fn people_of(extraction: &Extraction) -> BTreeSet<String> {
    let officials: BTreeSet<&str> = extraction
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.role.is_some())
        .map(|e| e.name.as_str())
        .collect();
    extraction
        .entities
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Person
                && e.name.split_whitespace().count() >= 2
                && !officials.contains(e.name.as_str())
        })
        .map(|e| alias_key(&e.name, EntityKind::Person))
        .filter(|k| k.len() >= 5)
        .collect()
}

/// The main event's date when the text gives it to the day (and it is not
/// merely the reference date of a dated article), else the publication
/// date; with whether it came from the text.
pub(crate) fn event_date_of(article: &Document) -> (Option<NaiveDate>, bool) {
    let extraction = &article.extraction;
    let text_date = extraction
        .main_event
        .as_ref()
        .filter(|m| m.date_precision == Some(DatePrecision::Day))
        .and_then(|m| m.date)
        .filter(|d| {
            Some(*d) != extraction.reference_date.as_ref().map(|r| r.date)
                || article.published.is_none()
        });
    (text_date.or(article.published), text_date.is_some())
}
