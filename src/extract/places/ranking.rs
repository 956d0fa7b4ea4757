//! Reading candidates: the candidates of a name, what a candidate is (its
//! country, region, id, place), whether a qualifier admits it, and the
//! ranking of a mention's candidates by qualifier, document, hint and
//! administrative weight.

use super::coherence::MINOR_REGION_PLACES;
use super::cues::{Context, Qualifier};
use super::gazetteer::{Area, Candidate, Gazetteer};
use super::{PlaceKind, PlaceRef, fold_key};

impl Gazetteer {
    /// The index of a region among `regions`.
    pub(super) fn region_index(&self, country_code: &str, region: &str) -> Option<u32> {
        self.regions
            .iter()
            .position(|area| area.country_code == country_code && area.name == region)
            .and_then(|position| u32::try_from(position).ok())
    }

    pub(super) fn region_area(&self, country_code: &str, region: &str) -> Option<&Area> {
        self.region_index(country_code, region)
            .and_then(|index| self.regions.get(index as usize))
    }

    pub(super) fn is_prominent_candidate(&self, candidate: Candidate) -> bool {
        match candidate {
            Candidate::Country(_) | Candidate::Region(_) => true,
            Candidate::County(_) => false,
            Candidate::City(index) => {
                let city = &self.cities[index as usize];
                city.major || city.capital
            }
        }
    }

    pub(super) fn candidates(&self, name: &str) -> &[Candidate] {
        self.index
            .get(&fold_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    pub(super) fn country_code(&self, candidate: Candidate) -> &'static str {
        match candidate {
            Candidate::Country(index) => self.countries[index as usize].code,
            Candidate::Region(index) => self.regions[index as usize].country_code,
            Candidate::County(index) => self.counties[index as usize].country_code,
            Candidate::City(index) => self.cities[index as usize].country_code,
        }
    }

    pub(super) fn region_of(&self, candidate: Candidate) -> Option<&'static str> {
        let region = match candidate {
            Candidate::Country(_) => return None,
            Candidate::Region(index) => self.regions[index as usize].name,
            Candidate::County(index) => self.counties[index as usize].region,
            Candidate::City(index) => self.cities[index as usize].region,
        };
        (!region.is_empty()).then_some(region)
    }

    pub(super) fn satisfies(&self, candidate: Candidate, qualifier: Qualifier) -> bool {
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
    pub(super) fn best(
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
    pub(super) fn rank(
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

    pub(super) fn id(&self, candidate: Candidate) -> String {
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

    pub(super) fn country_name(&self, code: &str) -> String {
        self.countries
            .iter()
            .find(|country| country.code == code)
            .map_or_else(|| code.to_string(), |country| country.name.to_string())
    }

    pub(super) fn place(&self, candidate: Candidate) -> PlaceRef {
        let id = self.id(candidate);
        let non_empty = |text: &str| (!text.is_empty()).then(|| text.to_string());
        match candidate {
            Candidate::Country(index) => {
                let country = &self.countries[index as usize];
                PlaceRef {
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
                PlaceRef {
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
                PlaceRef {
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
