//! Resolution with the evidence of one text: qualifiers right after a name
//! (", Ill.", ", NJ", ", Iraq"), the regions and countries the text and
//! the rest of its document name, the outlet's country as a hint, and the
//! administrative weight of each candidate; then the coherence pass.

use std::collections::BTreeSet;
use std::ops::Range;

use super::coherence::MentionReadings;
use super::gazetteer::{Candidate, GAZETTEER};
use super::{DocumentPlaces, PlaceKind, PlaceRef, fold_key};

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
) -> Vec<Option<PlaceRef>> {
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
pub(super) struct Context {
    /// Regions named by the document outside this text (its headline):
    /// the strongest context, since a page's noise cannot produce them.
    pub known_regions: BTreeSet<(&'static str, &'static str)>,
    pub regions: BTreeSet<(&'static str, &'static str)>,
    pub town_regions: BTreeSet<(&'static str, &'static str)>,
    pub countries: BTreeSet<&'static str>,
}

/// What a qualifier restricts a place name to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Country(&'static str),
    Region(&'static str, &'static str),
}
