//! Where an outlet's reports happen: its home region, learned from the
//! archive, as context for its articles' ambiguous place names.
//!
//! Local outlets report local events. When most of an outlet's articles
//! place their event in one region ("Georgia" for a station whose reports
//! name Atlanta, DeKalb County and Stone Mountain), a bare name one of its
//! articles read in another region ("Rochelle" → Rochelle, Illinois) is more
//! likely the home region's place of that name, when there is exactly one.
//! A reading the article settled itself — it names the region outright
//! ("Lincoln, Neb.", "in Nebraska") — is kept, and so is a large city
//! (stations cover the large cities of neighbouring states). National outlets, whose
//! events spread over many regions, have no home region. This is an
//! archive-level prior like the common-city frequencies the clustering
//! uses, so it belongs to stories, not to extraction, which reads one
//! article at a time.

use std::collections::{BTreeMap, HashMap};

use super::most_voted;
use crate::document::Document;
use crate::extract::items::{PlaceKind, PlaceRef};
use crate::extract::pipeline::reread_in_region;
use crate::extract::places::is_prominent_name;

/// Fewest placed articles an outlet needs before it has a home region.
const MIN_PLACED_ARTICLES: usize = 3;

/// Share of an outlet's placed articles its home region must hold.
const HOME_SHARE: f64 = 0.5;

/// A region: (country code, region name).
type Region = (String, String);

/// How many of each outlet's articles place their main event in each
/// region, counted one article at a time (the store streams them), from
/// which [`HomeRegions`] are learned.
#[derive(Debug, Default)]
pub struct PlaceCounts {
    /// Per outlet: its placed articles and their votes per region.
    by_source: BTreeMap<String, (usize, BTreeMap<Region, usize>)>,
}

impl PlaceCounts {
    /// Counts an article of `source` whose main event is at `place`.
    pub fn add(&mut self, source: &str, place: &PlaceRef) {
        let Some(region) = region_of(place) else {
            return;
        };
        if !self.by_source.contains_key(source) {
            self.by_source
                .insert(source.to_string(), Default::default());
        }
        if let Some(entry) = self.by_source.get_mut(source) {
            entry.0 += 1;
            *entry.1.entry(region).or_insert(0) += 1;
        }
    }

    /// The home region of every outlet with enough placed articles, most
    /// of them in one region.
    pub fn home_regions(self) -> HomeRegions {
        let by_source = self
            .by_source
            .into_iter()
            .filter(|(_, (placed, _))| *placed >= MIN_PLACED_ARTICLES)
            .filter_map(|(source, (placed, regions))| {
                let (region, votes) = most_voted(regions.iter())?;
                (votes as f64 >= HOME_SHARE * placed as f64).then(|| (source, region.clone()))
            })
            .collect();
        HomeRegions { by_source }
    }
}

/// Home regions by outlet name.
#[derive(Debug, Default, Clone)]
pub struct HomeRegions {
    by_source: HashMap<String, Region>,
}

impl HomeRegions {
    /// Learns each outlet's home region from its articles' main-event places.
    pub fn of(articles: &[Document]) -> HomeRegions {
        let mut counts = PlaceCounts::default();
        for article in articles {
            let place = article
                .extraction
                .main_event
                .as_ref()
                .and_then(|m| m.place.as_ref());
            if let (Some(source), Some(place)) = (article.source.as_deref(), place) {
                counts.add(source, place);
            }
        }
        counts.home_regions()
    }

    /// The outlet's home region, when it has one.
    pub fn home_of(&self, source: Option<&str>) -> Option<&Region> {
        self.by_source.get(source?)
    }

    /// The article's main-event place, read in its outlet's home region
    /// when it lies elsewhere, the article does not name its region, and
    /// the home region has exactly one place of that name and level.
    pub fn main_place(&self, article: &Document) -> Option<PlaceRef> {
        let place = article.extraction.main_event.as_ref()?.place.clone()?;
        Some(
            self.place_in_home(place, article.source.as_deref(), |place, home_country| {
                names_region_of(article, place, home_country)
            }),
        )
    }

    /// [`HomeRegions::main_place`] of a main-event `place` reported by
    /// `source`, given whether the article names the place's region
    /// (`names_region`, asked with the home region's country code): what a
    /// kept sketch holds of the article.
    pub fn place_in_home(
        &self,
        place: PlaceRef,
        source: Option<&str>,
        names_region: impl Fn(&PlaceRef, &str) -> bool,
    ) -> PlaceRef {
        let Some((country_code, home)) = self.home_of(source) else {
            return place;
        };
        let elsewhere = place.kind != PlaceKind::Country
            && place.kind != PlaceKind::Region
            && !(place.country_code == *country_code
                && place.region.as_deref() == Some(home.as_str()));
        if !elsewhere || names_region(&place, country_code) {
            return place;
        }
        // A large city stands: outlets cover the large cities of
        // neighbouring states (Newark from New York), rarely their towns.
        if place.kind == PlaceKind::City && is_prominent_name(&place.name) {
            return place;
        }
        let reread = reread_in_region(&place.name, place.kind, home)
            .filter(|p| p.country_code == *country_code);
        reread.unwrap_or(place)
    }
}

/// The region a place lies in (a region: itself).
fn region_of(place: &PlaceRef) -> Option<Region> {
    match place.kind {
        PlaceKind::Region => Some((place.country_code.clone(), place.name.clone())),
        PlaceKind::City | PlaceKind::County => place
            .region
            .clone()
            .map(|region| (place.country_code.clone(), region)),
        PlaceKind::Country => None,
    }
}

/// True when the article names the place's region outright (a region
/// mention or a qualifier such as ", Neb."), or, for a place outside the
/// home country, that place's country.
fn names_region_of(article: &Document, place: &PlaceRef, home_country: &str) -> bool {
    article
        .extraction
        .entities
        .iter()
        .filter_map(|e| e.place.as_ref())
        .any(|named| {
            let same_country = named.country_code == place.country_code;
            (named.kind == PlaceKind::Region
                && same_country
                && place.region.as_deref() == Some(named.name.as_str()))
                || (named.kind == PlaceKind::Country
                    && same_country
                    && place.country_code != home_country)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::items::{
        Anchor, EntityItem, EntityKind, EventType, Extraction, Field, MainEvent,
    };
    use crate::extract::places;

    fn gazetteer(name: &str, region: &str) -> PlaceRef {
        let found = places::lookup(name)
            .into_iter()
            .find(|p| p.region.as_deref() == Some(region) && p.kind == places::PlaceKind::City);
        found.expect("in the gazetteer")
    }

    fn report(id: i64, source: &str, place: PlaceRef, named: &[PlaceRef]) -> Document {
        let entity = |place: &PlaceRef| EntityItem {
            anchor: Anchor {
                field: Field::Text,
                start: 0,
                end: 0,
                text: place.name.clone(),
            },
            kind: EntityKind::Place,
            name: place.name.clone(),
            role: None,
            place: Some(place.clone()),
            entity: None,
        };
        Document {
            id,
            external_id: format!("r{id}"),
            source: Some(source.into()),
            title: None,
            published: None,
            text: String::new(),
            extraction: Extraction {
                entities: named.iter().map(entity).collect(),
                main_event: Some(MainEvent {
                    event: 0,
                    kind: EventType::Shooting,
                    date: None,
                    date_precision: None,
                    place: Some(place),
                    killed: None,
                    injured: None,
                }),
                ..Extraction::default()
            },
        }
    }

    fn georgia_region() -> PlaceRef {
        places::lookup("Georgia")
            .into_iter()
            .find(|p| p.kind == places::PlaceKind::Region && p.country_code == "US")
            .expect("Georgia")
    }

    #[test]
    fn an_outlet_s_town_read_in_a_far_state_is_read_at_home() {
        let rochelle_illinois = gazetteer("Rochelle", "Illinois");
        let mut articles = vec![
            report(1, "station.example", gazetteer("Macon", "Georgia"), &[]),
            report(2, "station.example", gazetteer("Savannah", "Georgia"), &[]),
            report(
                3,
                "station.example",
                gazetteer("Athens", "Georgia"),
                &[georgia_region()],
            ),
            report(4, "station.example", rochelle_illinois.clone(), &[]),
        ];
        let homes = HomeRegions::of(&articles);
        assert_eq!(
            homes.home_of(Some("station.example")),
            Some(&("US".to_string(), "Georgia".to_string()))
        );
        assert_eq!(
            homes.main_place(&articles[3]).map(|p| p.id),
            Some(gazetteer("Rochelle", "Georgia").id)
        );
        // An article that names Illinois keeps its reading.
        let illinois = places::lookup("Illinois")
            .into_iter()
            .find(|p| p.kind == places::PlaceKind::Region)
            .expect("Illinois");
        articles[3] = report(4, "station.example", rochelle_illinois.clone(), &[illinois]);
        assert_eq!(
            homes.main_place(&articles[3]).map(|p| p.id),
            Some(rochelle_illinois.id.clone())
        );
        // A large city elsewhere stands.
        let chicago = gazetteer("Chicago", "Illinois");
        assert_eq!(
            homes
                .main_place(&report(5, "station.example", chicago.clone(), &[]))
                .map(|p| p.id),
            Some(chicago.id)
        );
        // Another outlet has no home region yet.
        assert_eq!(
            homes
                .main_place(&report(6, "paper.example", rochelle_illinois.clone(), &[]))
                .map(|p| p.id),
            Some(rochelle_illinois.id)
        );
    }

    #[test]
    fn an_outlet_spread_over_many_regions_has_no_home() {
        let articles = vec![
            report(1, "national.example", gazetteer("Macon", "Georgia"), &[]),
            report(2, "national.example", gazetteer("Decatur", "Illinois"), &[]),
            report(3, "national.example", gazetteer("Dayton", "Ohio"), &[]),
            report(4, "national.example", gazetteer("Tucson", "Arizona"), &[]),
        ];
        assert_eq!(
            HomeRegions::of(&articles).home_of(Some("national.example")),
            None
        );
    }
}
