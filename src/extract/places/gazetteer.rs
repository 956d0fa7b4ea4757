//! The embedded gazetteer: GeoNames cities, countries, US states and their
//! abbreviations, large US cities, exonyms and postal towns (data files in
//! `places/`), read once into an index by folded name.
//!
//! The build runs once per process, and a story update waits for it (a new
//! article's main place read in its outlet's home region), so it does each
//! name's fold once and finds capitals, regions and states by map rather
//! than by scanning the tables; its maps hash with `rustc-hash` (nothing
//! here iterates a map where order shows).

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{PlaceKind, fold_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Candidate {
    Country(u16),
    Region(u32),
    County(u32),
    City(u32),
}

impl Candidate {
    pub(super) fn kind(self) -> PlaceKind {
        match self {
            Candidate::Country(_) => PlaceKind::Country,
            Candidate::Region(_) => PlaceKind::Region,
            Candidate::County(_) => PlaceKind::County,
            Candidate::City(_) => PlaceKind::City,
        }
    }
}

pub(super) struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
}

pub(super) struct City {
    pub name: &'static str,
    pub region: &'static str,
    pub county: &'static str,
    pub country_code: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// Region name repeats this city name within its region.
    pub duplicate: bool,
    pub major: bool,
    pub capital: bool,
    /// Gazetteer places within about 20 km: a proxy for a populous area.
    pub density: u32,
    /// A small US place known only from the postal data: read only where
    /// the document puts it in its state (see [`POSTAL_DATA`]).
    pub postal: bool,
}

pub(super) struct Area {
    pub name: &'static str,
    pub region: &'static str,
    pub country_code: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub places: u32,
}

pub(super) struct Gazetteer {
    pub countries: Vec<Country>,
    pub regions: Vec<Area>,
    pub counties: Vec<Area>,
    pub cities: Vec<City>,
    pub index: FxHashMap<String, Vec<Candidate>>,
    /// Towns known only from the postal data, by folded name.
    pub postal_index: FxHashMap<String, Vec<Candidate>>,
    pub demonyms: HashMap<String, u16>,
    /// ("Ill.", "Illinois"), ("IL", "Illinois"), longest first.
    pub state_abbreviations: Vec<(String, &'static str)>,
    /// Default readings of a few names ("Gaza" → the Gaza Strip).
    pub preferred: HashMap<String, Candidate>,
}

pub(super) static CITY_DATA: &str = include_str!("cities.csv");
pub(super) static COUNTRY_DATA: &str = include_str!("countries.txt");
pub(super) static STATE_DATA: &str = include_str!("us_states.txt");
pub(super) static MAJOR_CITY_DATA: &str = include_str!("major_cities.txt");
pub(super) static EXONYM_DATA: &str = include_str!("exonyms.txt");
/// Small US towns and communities the city table lacks (it holds places of
/// 1,000 inhabitants or more): the place names of GeoNames' postal-code
/// data (CC BY 4.0), derived by `scripts/derive-postal-places.mjs`. A name
/// known only from here is read only with a state qualifier or in a state
/// the document names — "Toone, Tenn.", "in Ooltewah" in a story naming
/// Tennessee or Chattanooga — since many such names are also surnames and
/// words.
pub(super) static POSTAL_DATA: &str = include_str!("us_postal_places.txt");

pub(super) static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

/// Gazetteer places per cell of a 0.2° grid, for the density proxy: the
/// places in a point's cell and the eight around it (about 20 km).
pub(super) struct PlaceDensity {
    cells: FxHashMap<(i32, i32), u32>,
}

impl PlaceDensity {
    fn cell(lat: f64, lon: f64) -> (i32, i32) {
        ((lat / 0.2).floor() as i32, (lon / 0.2).floor() as i32)
    }

    fn of(cities: &[City]) -> PlaceDensity {
        let mut cells: FxHashMap<(i32, i32), u32> = FxHashMap::default();
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
pub(super) fn table_lines(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('|').collect())
}

/// Splits one CSV line into fields, honouring double quotes (the city data
/// quotes the few names that contain commas and never escapes quotes).
pub(super) fn csv_fields(line: &'static str) -> Vec<&'static str> {
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

pub(super) fn split_list(field: Option<&&'static str>) -> Vec<&'static str> {
    field
        .map(|field| field.split(';').filter(|item| !item.is_empty()).collect())
        .unwrap_or_default()
}

/// Plural of a demonym: "Iraqi" → "Iraqis"; words ending in s/sh/ch/ese
/// ("Swiss", "British", "French", "Chinese") have none.
pub(super) fn demonym_plural(demonym: &str) -> Option<String> {
    let no_plural = ["s", "sh", "ch", "ese"]
        .iter()
        .any(|ending| demonym.ends_with(ending));
    (!no_plural).then(|| format!("{demonym}s"))
}

impl Gazetteer {
    pub(super) fn build() -> Gazetteer {
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
        let mut region_sums: FxHashMap<(&'static str, &'static str), (f64, f64, u32)> =
            FxHashMap::default();
        let mut county_sums: FxHashMap<
            (&'static str, &'static str, &'static str),
            (f64, f64, u32),
        > = FxHashMap::default();
        let mut name_counts: FxHashMap<(&'static str, &'static str, &'static str), u32> =
            FxHashMap::default();
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

        let mut index: FxHashMap<String, Vec<Candidate>> =
            FxHashMap::with_capacity_and_hasher(200_000, Default::default());
        let add_key =
            |index: &mut FxHashMap<String, Vec<Candidate>>, key: String, candidate: Candidate| {
                if key.is_empty() {
                    return;
                }
                let entry = index.entry(key).or_default();
                if !entry.contains(&candidate) {
                    entry.push(candidate);
                }
            };
        let add =
            |index: &mut FxHashMap<String, Vec<Candidate>>, name: &str, candidate: Candidate| {
                add_key(index, fold_key(name), candidate)
            };

        // Each city's folded name, made once (the index and the list of
        // large cities both key by it), and the first city of each name
        // per country (a country's capital, by the table's order).
        let city_keys: Vec<String> = cities.iter().map(|city| fold_key(city.name)).collect();
        let mut first_city: FxHashMap<(&'static str, &'static str), usize> = FxHashMap::default();
        for (position, city) in cities.iter().enumerate() {
            first_city
                .entry((city.country_code, city.name))
                .or_insert(position);
        }

        // Countries, their other names and demonyms.
        let mut countries = Vec::new();
        let mut demonyms = HashMap::new();
        let mut capital_keys: FxHashSet<(&'static str, &'static str)> = FxHashSet::default();
        for fields in table_lines(COUNTRY_DATA) {
            let (Some(code), Some(name)) = (fields.first(), fields.get(1)) else {
                continue;
            };
            let Ok(country_index) = u16::try_from(countries.len()) else {
                continue;
            };
            let capital = fields.get(4).copied().unwrap_or("");
            let capital_city = first_city
                .get(&(*code, capital))
                .map(|position| &cities[*position]);
            let (lat, lon) = capital_city.map_or((0.0, 0.0), |city| (city.lat, city.lon));
            capital_keys.insert((code, capital));
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
        let mut major: FxHashSet<(&'static str, &'static str, String)> = FxHashSet::default();
        for fields in table_lines(MAJOR_CITY_DATA) {
            if let [country_code, region, name] = fields.as_slice() {
                major.insert((country_code, region, fold_key(name)));
            }
        }
        let mut major_key = ("", "", String::new());
        for (city, key) in cities.iter_mut().zip(&city_keys) {
            major_key.0 = city.country_code;
            major_key.1 = city.region;
            major_key.2.clone_from(key);
            city.major = major.contains(&major_key);
            city.capital = capital_keys.contains(&(city.country_code, city.name));
        }
        // The regions by (country code, name): the table is sorted and
        // holds each once.
        let region_position: FxHashMap<(&'static str, &'static str), u32> = regions
            .iter()
            .enumerate()
            .filter_map(|(position, region)| {
                Some((
                    (region.country_code, region.name),
                    u32::try_from(position).ok()?,
                ))
            })
            .collect();

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
        let mut city_by_name: FxHashMap<(&'static str, &'static str), Vec<u32>> =
            FxHashMap::default();
        for (city_index, (city, key)) in cities.iter().zip(city_keys).enumerate() {
            let Ok(city_index) = u32::try_from(city_index) else {
                continue;
            };
            add_key(&mut index, key, Candidate::City(city_index));
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
                    region_position
                        .get(&(*country_code, *name))
                        .copied()
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
                    if let Some(position) = region_position.get(&("US", *state)) {
                        add(&mut index, abbreviation, Candidate::Region(*position));
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
        let postal_index =
            Self::add_postal_towns(&mut cities, &regions, &region_position, &counties, &density);
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
    pub(super) fn add_postal_towns(
        cities: &mut Vec<City>,
        regions: &[Area],
        region_position: &FxHashMap<(&'static str, &'static str), u32>,
        counties: &[Area],
        density: &PlaceDensity,
    ) -> FxHashMap<String, Vec<Candidate>> {
        // The postal data names counties without their suffix ("Pitt",
        // "Lafourche"): match them to the county table's names.
        let mut county_names: FxHashMap<(&'static str, String), &'static str> =
            FxHashMap::default();
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
        let mut postal_index: FxHashMap<String, Vec<Candidate>> = FxHashMap::default();
        for fields in table_lines(POSTAL_DATA) {
            let [name, state, county, lat, lon] = fields.as_slice() else {
                continue;
            };
            let Some(region) = region_position
                .get(&("US", *state))
                .map(|position| &regions[*position as usize])
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
    pub(super) fn postal_candidates(&self, name: &str) -> &[Candidate] {
        self.postal_index
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub(super) fn is_postal(&self, candidate: Candidate) -> bool {
        matches!(candidate, Candidate::City(index) if self.cities[index as usize].postal)
    }

    /// (country code, region) of a large city or capital, which anchors the
    /// small towns of a text about it.
    pub(super) fn large_city_region(
        &self,
        candidate: Candidate,
    ) -> Option<(&'static str, &'static str)> {
        if candidate.kind() == PlaceKind::City && self.is_prominent_candidate(candidate) {
            self.region_of(candidate)
                .map(|region| (self.country_code(candidate), region))
        } else {
            None
        }
    }
}
