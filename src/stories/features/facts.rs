//! What an article's features are that needs no other article: its
//! people, dates, places, ages, streets, casualties, signature and title
//! ([`facts_of`]), with one shared copy of each outlet name and place.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::Features;
use super::reading::{ages_in, first_sentence, lead_of, streets_in};
use crate::dedupe::Signature;
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key};
use crate::extract::items::{Extraction, NoiseKind, PlaceKind, PlaceRef};
use crate::model::DatePrecision;
use crate::stories::outlets::HomeRegions;
use crate::stories::small_set::SmallSet;

/// How far into the text ages and streets are read: the lead, where a
/// report introduces the people and setting of its incident; further down
/// come recalled incidents and page debris (related stories).
const LEAD_BYTES: usize = 2500;

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
/// the term weights, which [`weigh`] adds once every article is counted.
pub(super) fn facts_of(
    article: &Document,
    signature: Option<Signature>,
    homes: &HomeRegions,
) -> Features {
    let extraction = &article.extraction;
    let people = people_of(extraction).into_iter().map(Box::from).collect();
    let main = extraction.main_event.as_ref();
    let (event_date, event_date_from_text) = event_date_of(article);
    let dates_named = extraction
        .dates
        .iter()
        .filter(|d| d.precision == DatePrecision::Day)
        .filter_map(|d| d.date)
        .collect();
    let signature = signature.unwrap_or_else(|| Signature::of(&article.text));
    let in_dateline = |e: &crate::extract::items::EntityItem| {
        extraction.noise.iter().any(|n| {
            n.kind == NoiseKind::Dateline
                && n.anchor.field == e.anchor.field
                && n.anchor.start <= e.anchor.start
                && e.anchor.end <= n.anchor.end
        })
    };
    let places_named: SmallSet<Box<str>> = extraction
        .entities
        .iter()
        .filter(|e| !in_dateline(e))
        .filter_map(|e| e.place.as_ref().map(|p| Box::from(p.id.as_str())))
        .collect();
    // A place named only in a dateline is where the reporter was.
    let main_place = homes.main_place(article).map(Arc::new);
    let place = main
        .and_then(|m| m.place.as_ref())
        .filter(|p| {
            places_named.contains(p.id.as_str())
                || !extraction
                    .entities
                    .iter()
                    .any(|e| e.place.as_ref().is_some_and(|q| q.id == p.id))
        })
        .and(main_place.clone());
    let headline = article
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(Box::from);
    let has_headline = headline.is_some();
    Features {
        id: article.id,
        terms: Vec::new(),
        headline: SmallSet::default(),
        rare_terms: Vec::new(),
        very_rare_terms: Vec::new(),
        people,
        event_kind: main.map(|m| m.kind.clone()),
        event_date,
        event_date_from_text,
        published: article.published,
        dates_named,
        main_place,
        place,
        places_named,
        ages: ages_in(article.title.as_deref().unwrap_or(""))
            .chain(ages_in(lead_of(&article.text, LEAD_BYTES)))
            .collect(),
        streets: streets_in(lead_of(&article.text, LEAD_BYTES))
            .into_iter()
            .map(Box::from)
            .collect(),
        killed: main.and_then(|m| m.killed),
        injured: main.and_then(|m| m.injured),
        signature,
        source: article.source.as_deref().map(Arc::from),
        title: headline.or_else(|| first_sentence(&article.text).map(Box::from)),
        has_headline,
        main_day: main
            .filter(|m| m.date_precision == Some(DatePrecision::Day))
            .and_then(|m| m.date),
        cities_named: extraction
            .entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .filter(|p| p.kind == PlaceKind::City)
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
