//! The coherence pass: the first pass's trustworthy readings anchor the
//! rest, every ambiguous mention's candidates are ranked again by their
//! geographic support (shared county, distance, shared region), and small
//! towns or minor places abroad that nothing supports are left unresolved.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use super::cues::{Context, PlaceCue};
use super::gazetteer::{Candidate, Gazetteer};
use super::{DocumentPlaces, PlaceKind, distance_km};

/// Regions with fewer gazetteer towns than this rank below large cities.
pub(super) const MINOR_REGION_PLACES: u32 = 10;

/// Two places this close (km) lie in one neighbourhood: a town and the
/// city it borders, two towns of one county.
pub(super) const NEAR_KM: f64 = 50.0;
/// Two places this close (km) lie in one metropolitan area or its hinterland.
pub(super) const REGIONAL_KM: f64 = 150.0;
/// A minor place farther than this (km) from all of a document's other
/// places, in a country the document never names, is a word or a local
/// name that a distant place happens to share.
pub(super) const STRAY_KM: f64 = 1500.0;
/// Regions with fewer gazetteer towns than this are minor places abroad
/// (a small country's parish, a province of a few towns).
pub(super) const SMALL_REGION_PLACES: u32 = 50;
/// An ambiguous mention with more candidates than this ("Franklin",
/// "Washington") is too unspecific to support the readings of others.
pub(super) const SUPPORTER_CANDIDATES: usize = 24;
/// Score points per unit of geographic support, and the most support can add.
pub(super) const SUPPORT_POINTS: f64 = 10.0;
pub(super) const MOST_SUPPORT_POINTS: f64 = 30.0;
/// The most that ambiguous mentions' support can add: a town's weight.
pub(super) const MOST_AMBIGUOUS_SUPPORT_POINTS: f64 = 10.0;

/// The mentions of one text as the coherence pass sees them, one entry per
/// mention: folded name, candidates left after any qualifier, whether a
/// qualifier followed, whether the default reading held, whether a cue
/// supports the place reading.
pub(super) struct MentionReadings<'a> {
    pub keys: &'a [String],
    pub options: &'a [Vec<Candidate>],
    pub qualified: &'a [bool],
    pub held_defaults: &'a [bool],
    pub trusted: &'a [bool],
}

/// What one name offers as geographic evidence for the others' readings.
pub(super) enum Supporter {
    /// A reading trusted as it stands (qualified, single, prominent or in a
    /// region the document names), with its weight (see `anchor_weight`).
    Anchor(Candidate, f64),
    /// An ambiguous mention (its position): each candidate supports with
    /// the weight 1 / number of candidates.
    Ambiguous(usize),
}

/// The coherence pass's readings, and for each mention whether its reading
/// lies within `REGIONAL_KM` of (or in the county of) an anchor.
pub(super) struct Coherence {
    pub chosen: Vec<Option<Candidate>>,
    pub near_anchor: Vec<bool>,
}

impl Gazetteer {
    /// Second pass of `resolve_with_cues`: every ambiguous mention's
    /// candidates are ranked again with their geographic relation to the
    /// text's other places (see `relation`) added to the first pass's rank.
    /// Trustworthy readings support with full weight; an ambiguous
    /// mention's candidates support each other's neighbours with the weight
    /// 1 / its number of candidates, so that "Winchester" and "Madison
    /// County" settle together in the one state that has both close by.
    pub(super) fn cohere(
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
    pub(super) fn anchor_weight(
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
    pub(super) fn relation(&self, left: Candidate, right: Candidate) -> u32 {
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
    pub(super) fn county_of(
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

    pub(super) fn coordinates(&self, candidate: Candidate) -> (f64, f64) {
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
    pub(super) fn read_bare_county_names(
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
    pub(super) fn is_minor(
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
    pub(super) fn drop_stray_foreign_places(
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
}
