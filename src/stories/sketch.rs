//! An article as grouping reads it, kept between runs (issue 16).
//!
//! A [`Sketch`] is everything [`super::features`] reads of one article's
//! text and extraction: its content words in the order first seen with
//! their counts (headline words twice), and the facts the pair score and
//! the summaries compare (people, dates, places, ages, streets,
//! casualties, title). It depends on no other article: what the archive
//! adds — the words' weights, the outlet's page furniture, the outlet's
//! home region a main place is read in — is applied when a
//! [`super::features::Builder`] makes [`super::features::Features`] of it,
//! so features made from a kept sketch equal those made from the article.
//! (It also keeps the main place as read in the outlet's home region when
//! sketched, used only while the outlet keeps that home region.)
//!
//! The store keeps each grouped article's sketch (migration 11), so a
//! story update reads its candidates' sketches instead of reading their
//! texts and extractions again (about 0.25 ms an article),
//! and a full run reads sketches where they are kept. A sketch is tied to
//! [`version`], which changes with the code and word lists that read
//! articles; one of another version is not used (the article is read again).

use std::io::Read;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::features::reading::{
    ages_in, article_prose, first_sentence, lead_of, streets_in, words,
};
use super::features::{event_date_of, people_of};
use crate::dedupe::Signature;
use crate::document::Document;
use crate::extract::items::{NoiseKind, PlaceKind, PlaceRef};
use crate::model::DatePrecision;
use crate::stories::outlets::HomeRegions;

/// How far into the text ages and streets are read: the lead, where a
/// report introduces the people and setting of its incident; further down
/// come recalled incidents and page debris (related stories).
const LEAD_BYTES: usize = 2500;

/// The format of a kept sketch; a change to what is sketched (the fields
/// below, or how words, ages or streets are read) must change it.
const FORMAT: u32 = 1;

/// The version kept sketches are made by: [`FORMAT`] with the word lists
/// that read them, so that editing a list makes kept sketches stale.
pub fn version() -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let lists = [
        super::features::reading::STOPWORDS_TEXT,
        super::features::reading::ROAD_WORDS_TEXT,
    ];
    for part in std::iter::once(FORMAT.to_string().as_str()).chain(lists) {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    // Kept in an SQLite integer: positive, 62 bits.
    (hash >> 2) as i64
}

/// What grouping reads of one article, independent of every other article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sketch {
    /// Content words in the order first seen (body, then headline), with
    /// their counts (each headline occurrence counts twice).
    pub words: Vec<(String, u32)>,
    /// Positions in `words` of the headline's words.
    pub headline: Vec<u32>,
    /// Alias keys of the people named with at least two words and no role.
    pub people: Vec<String>,
    /// Main event type.
    pub event_kind: Option<String>,
    /// Main event date when known to the day, else the publication date.
    pub event_date: Option<NaiveDate>,
    /// True when `event_date` came from the text.
    pub event_date_from_text: bool,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Days the text names.
    pub dates_named: Vec<NaiveDate>,
    /// The main event's place as extraction read it (before the outlet's
    /// home region is applied).
    pub main_event_place: Option<PlaceRef>,
    /// True when the article names the region `main_event_place` lies in.
    pub names_region: bool,
    /// True when the article names the country `main_event_place` lies in.
    pub names_country: bool,
    /// True when the main place is named outside a dateline (or only as the
    /// main event's place): then it is the article's `place`.
    pub place_stands: bool,
    /// The outlet's home region (country code, region) when the article
    /// was sketched, if it had one ...
    pub home: Option<(String, String)>,
    /// ... and `main_event_place` read in it, when that gave another
    /// place: a grouping run whose outlet has the same home region takes
    /// it from here rather than looking the name up in the gazetteer
    /// (building the gazetteer costs a story update about 0.25 s of CPU).
    pub read_in_home: Option<PlaceRef>,
    /// Ids of the places named outside datelines.
    pub places_named: Vec<String>,
    /// Ages the headline and lead give.
    pub ages: Vec<u32>,
    /// Streets the lead names.
    pub streets: Vec<String>,
    /// Main event casualties.
    pub killed: Option<i64>,
    /// Main event injured.
    pub injured: Option<i64>,
    /// The headline when not blank, else the first sentence.
    pub title: Option<String>,
    /// True when `title` is the headline.
    pub has_headline: bool,
    /// The main event's date when extraction gives it to the day.
    pub main_day: Option<NaiveDate>,
    /// Every city named, repeats kept, in order.
    pub cities_named: Vec<PlaceRef>,
    /// The MinHash signature, when the archive keeps none for the article
    /// (import keeps one for every article it stores).
    pub signature: Option<Vec<u8>>,
}

/// One article's sketch with what the archive holds beside it.
#[derive(Debug, Clone)]
pub struct Sketched {
    /// Archive id.
    pub id: i64,
    /// Outlet name (read with the sketch: an outlet can be renamed).
    pub source: Option<String>,
    /// The MinHash signature the archive keeps for it.
    pub signature: Option<Signature>,
    /// The sketch.
    pub sketch: Sketch,
}

impl Sketched {
    /// Sketches an article read in full, with its stored signature, its
    /// main place read in its outlet's home region of `homes`.
    pub fn of(article: &Document, signature: Option<Signature>, homes: &HomeRegions) -> Sketched {
        let mut sketch = Sketch::of(article, signature.is_none());
        sketch.home = homes.home_of(article.source.as_deref()).cloned();
        if sketch.home.is_some() {
            sketch.read_in_home = homes
                .main_place(article)
                .filter(|read| Some(read) != sketch.main_event_place.as_ref());
        }
        Sketched {
            id: article.id,
            source: article.source.clone(),
            signature,
            sketch,
        }
    }

    /// The article's main-event place read in its outlet's home region of
    /// `homes` ([`HomeRegions::main_place`]).
    pub fn main_place(&self, homes: &HomeRegions) -> Option<PlaceRef> {
        let sketch = &self.sketch;
        let place = sketch.main_event_place.clone()?;
        if homes.home_of(self.source.as_deref()) == sketch.home.as_ref() {
            return Some(sketch.read_in_home.clone().unwrap_or(place));
        }
        Some(
            homes.place_in_home(place, self.source.as_deref(), |place, home_country| {
                sketch.names_region || (sketch.names_country && place.country_code != home_country)
            }),
        )
    }

    /// The article's MinHash: the one the archive keeps, else its sketch's.
    pub fn signature(&self) -> Signature {
        self.signature
            .clone()
            .or_else(|| {
                self.sketch
                    .signature
                    .as_deref()
                    .and_then(Signature::from_bytes)
            })
            .unwrap_or_else(|| Signature::of(""))
    }
}

impl Sketch {
    /// Reads an article; with `sign`, its MinHash is computed and kept in
    /// the sketch (the archive keeps none for it).
    pub fn of(article: &Document, sign: bool) -> Sketch {
        let extraction = &article.extraction;
        let mut words_seen: Vec<(String, u32)> = Vec::new();
        let mut position: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut count = |word: String, by: u32, seen: &mut Vec<(String, u32)>| -> usize {
            match position.get(&word) {
                Some(at) => {
                    seen[*at].1 += by;
                    *at
                }
                None => {
                    position.insert(word.clone(), seen.len());
                    seen.push((word, by));
                    seen.len() - 1
                }
            }
        };
        for word in words(&article_prose(article)) {
            count(word, 1, &mut words_seen);
        }
        let mut headline = Vec::new();
        for word in words(article.title.as_deref().unwrap_or("")) {
            headline.push(count(word, 2, &mut words_seen) as u32);
        }
        let main = extraction.main_event.as_ref();
        let (event_date, event_date_from_text) = event_date_of(article);
        let in_dateline = |e: &crate::extract::items::EntityItem| {
            extraction.noise.iter().any(|n| {
                n.kind == NoiseKind::Dateline
                    && n.anchor.field == e.anchor.field
                    && n.anchor.start <= e.anchor.start
                    && e.anchor.end <= n.anchor.end
            })
        };
        let places_named: Vec<String> = extraction
            .entities
            .iter()
            .filter(|e| !in_dateline(e))
            .filter_map(|e| e.place.as_ref().map(|p| p.id.clone()))
            .collect();
        let main_event_place = main.and_then(|m| m.place.clone());
        let named = || extraction.entities.iter().filter_map(|e| e.place.as_ref());
        let (names_region, names_country, place_stands) = match &main_event_place {
            Some(place) => (
                named().any(|n| {
                    n.kind == PlaceKind::Region
                        && n.country_code == place.country_code
                        && place.region.as_deref() == Some(n.name.as_str())
                }),
                named()
                    .any(|n| n.kind == PlaceKind::Country && n.country_code == place.country_code),
                places_named.contains(&place.id) || !named().any(|n| n.id == place.id),
            ),
            None => (false, false, false),
        };
        let headline_text = article
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(str::to_string);
        let has_headline = headline_text.is_some();
        let lead = lead_of(&article.text, LEAD_BYTES);
        Sketch {
            words: words_seen,
            headline,
            people: people_of(extraction).into_iter().collect(),
            event_kind: main.map(|m| m.kind.to_string()),
            event_date,
            event_date_from_text,
            published: article.published,
            dates_named: extraction
                .dates
                .iter()
                .filter(|d| d.precision == DatePrecision::Day)
                .filter_map(|d| d.date)
                .collect(),
            main_event_place,
            names_region,
            names_country,
            place_stands,
            home: None,
            read_in_home: None,
            places_named,
            ages: ages_in(article.title.as_deref().unwrap_or(""))
                .chain(ages_in(lead))
                .collect(),
            streets: streets_in(lead).into_iter().collect(),
            killed: main.and_then(|m| m.killed),
            injured: main.and_then(|m| m.injured),
            title: headline_text.or_else(|| first_sentence(&article.text)),
            has_headline,
            main_day: main
                .filter(|m| m.date_precision == Some(DatePrecision::Day))
                .and_then(|m| m.date),
            cities_named: named()
                .filter(|p| p.kind == PlaceKind::City)
                .cloned()
                .collect(),
            signature: sign.then(|| Signature::of(&article.text).to_bytes()),
        }
    }

    /// The sketch as the archive keeps it: JSON, deflated.
    pub fn encode(&self) -> Vec<u8> {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        // Writing to memory and serialising plain data cannot fail; an
        // empty result would only make the article be read again.
        if serde_json::to_writer(&mut encoder, self).is_err() {
            return Vec::new();
        }
        encoder.finish().unwrap_or_default()
    }

    /// A kept sketch; `None` when the bytes are not one (the article is
    /// then read again).
    pub fn decode(bytes: &[u8]) -> Option<Sketch> {
        let mut json = Vec::with_capacity(bytes.len() * 4);
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut json)
            .ok()?;
        serde_json::from_slice(&json).ok()
    }
}

/// Decodes kept sketches on every core, in order: `None` for bytes that
/// are not a sketch.
pub fn decode_all(kept: Vec<Vec<u8>>) -> Vec<Option<Sketch>> {
    super::features::on_every_core(kept, |bytes| Sketch::decode(&bytes))
}

/// Sketches articles on every core, in order, main places read in the
/// outlets' `homes`.
pub fn sketch_all(
    articles: Vec<(&Document, Option<Signature>)>,
    homes: &HomeRegions,
) -> Vec<Sketched> {
    super::features::on_every_core(articles, |(article, signature)| {
        Sketched::of(article, signature, homes)
    })
}

/// Encodes sketches on every core, in order: (article, bytes).
pub fn encode_all(sketches: &[Sketched]) -> Vec<(i64, Vec<u8>)> {
    super::features::on_every_core(sketches.iter().collect(), |s| (s.id, s.sketch.encode()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::features::Builder;

    #[test]
    fn a_kept_sketch_gives_the_features_its_article_gives() {
        let article = Document {
            id: 7,
            external_id: "a7".into(),
            source: Some("news.example".into()),
            title: Some("Teen shot on Sherman Street".into()),
            published: NaiveDate::from_ymd_opt(2016, 3, 1),
            text: "A 17-year-old was shot in the 400 block of Sherman Street on Monday, police said. The teen was shot twice.".into(),
            extraction: Default::default(),
        };
        let homes = HomeRegions::default();
        let sketched = Sketched::of(&article, None, &homes);
        assert_eq!(sketched.sketch.ages, vec![17]);
        assert_eq!(sketched.sketch.streets, vec!["sherman".to_string()]);
        let kept = Sketch::decode(&sketched.sketch.encode()).expect("decodes");
        assert_eq!(kept, sketched.sketch);
        let mut from_text = Builder::new(homes.clone());
        from_text.add(vec![(&article, None)]);
        let mut from_kept = Builder::new(homes);
        from_kept.add_sketched(
            &[Sketched {
                sketch: kept,
                ..sketched
            }],
            true,
        );
        let (from_text, from_kept) = (from_text.finish().0, from_kept.finish().0);
        assert_eq!(format!("{from_text:?}"), format!("{from_kept:?}"));
        assert!(!from_kept[0].terms.is_empty());
    }

    #[test]
    fn bytes_that_are_not_a_sketch_are_read_as_none() {
        assert_eq!(Sketch::decode(b"not deflated json"), None);
    }
}
