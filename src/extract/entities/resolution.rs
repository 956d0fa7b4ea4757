//! The article-level second pass: acronyms defined in the text, short
//! forms resolved to full names ("Mr Austin" → "Lloyd Austin"), places
//! resolved together with the gazetteer, and single words decided.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::lexicon::{
    COMMON, DIRECTIONS, FACILITY_SUFFIXES, KNOWN_ORGANISATIONS, NOT_ACRONYMS, ORG_SUFFIXES,
    PLACE_FOLLOWERS, STREET_SUFFIXES, TIME_WORDS,
};
use super::recogniser::{Draft, Recogniser};
use super::runs::is_acronym;
use super::{
    EntityKind, EntityMention, PlaceKind, PlaceRef, city_part_names, is_city_part, keys, places,
};

impl<'a> Recogniser<'a> {
    pub(super) fn note_acronym(&mut self, last: usize, name: &str) {
        let rest = self.text.get(self.tokens[last].full_end..).unwrap_or("");
        let Some(inside) = rest.strip_prefix(" (") else {
            return;
        };
        let Some(close) = inside.find(')') else {
            return;
        };
        let acronym = &inside[..close];
        if is_acronym(acronym) && keys::is_acronym_of(acronym, name) {
            let kind = if KNOWN_ORGANISATIONS.contains(&name) || self.organisation_like(name) {
                EntityKind::Organisation
            } else if places::is_known(name) {
                EntityKind::Place
            } else {
                EntityKind::Organisation
            };
            self.acronyms
                .entry(acronym.to_string())
                .or_insert((name.to_string(), kind));
        }
    }

    pub(super) fn organisation_like(&self, name: &str) -> bool {
        name.split(' ')
            .next_back()
            .is_some_and(|last| ORG_SUFFIXES.contains(last))
    }

    pub(super) fn push_done(
        &mut self,
        range: Range<usize>,
        kind: EntityKind,
        name: String,
        place: Option<PlaceRef>,
    ) {
        self.drafts.push(Draft::Done(EntityMention {
            range,
            kind,
            name,
            role: None,
            role_range: None,
            place,
        }));
    }

    /// Second pass: short forms, acronyms, single words and places.
    pub(super) fn finish(
        mut self,
        region_hint: Option<&str>,
        document: &places::DocumentPlaces,
    ) -> Vec<EntityMention> {
        // Surnames of people named in full, and words used alone.
        let lone_words: BTreeSet<&str> = self
            .drafts
            .iter()
            .filter_map(|draft| match draft {
                Draft::Single { token, .. } => Some(self.word(*token)),
                _ => None,
            })
            .collect();
        let mut full_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for draft in &mut self.drafts {
            if let Draft::Person {
                mention,
                name_words,
                honorific,
                confirmed,
            } = draft
            {
                let surname = mention.name.rsplit(' ').next().unwrap_or("").to_string();
                if !*confirmed && lone_words.contains(surname.as_str()) {
                    *confirmed = true;
                }
                if *confirmed && *name_words >= 2 && !*honorific {
                    full_names
                        .entry(surname)
                        .or_default()
                        .insert(mention.name.clone());
                }
            }
        }
        // Surnames shared by several people stay as written, never places.
        let shared_surnames: BTreeSet<String> = full_names
            .iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(surname, _)| surname.clone())
            .collect();
        let full_name_of = |surname: &str| -> Option<String> {
            let names = full_names.get(surname)?;
            (names.len() == 1)
                .then(|| names.iter().next().cloned())
                .flatten()
        };

        let mut mentions: Vec<EntityMention> = Vec::new();
        let mut place_ranges: Vec<(Range<usize>, bool, usize)> = Vec::new();
        // Organisation mentions owning a place request, by request index.
        let mut owners: BTreeMap<usize, EntityMention> = BTreeMap::new();
        let drafts = std::mem::take(&mut self.drafts);
        for draft in drafts {
            match draft {
                Draft::Done(mention) => mentions.push(mention),
                Draft::Person {
                    mut mention,
                    name_words,
                    honorific,
                    confirmed,
                } => {
                    if !confirmed {
                        continue;
                    }
                    if name_words == 1 || honorific {
                        let surname = mention.name.rsplit(' ').next().unwrap_or("");
                        if let Some(full) = full_name_of(surname) {
                            mention.name = full;
                        }
                    }
                    mentions.push(mention);
                }
                Draft::Place {
                    range,
                    support,
                    words,
                } => place_ranges.push((range, support, words)),
                Draft::Organisation {
                    mention,
                    seat,
                    support,
                    words,
                } => {
                    owners.insert(place_ranges.len(), mention);
                    place_ranges.push((seat, support, words));
                }
                Draft::Single {
                    token,
                    common_initial,
                    verb_after,
                    locative_before,
                } => {
                    let word = self.word(token);
                    let range = self.span(token, token);
                    if self.consumed.contains(&range.start) {
                        continue;
                    }
                    if shared_surnames.contains(word) && !common_initial {
                        mentions.push(EntityMention::named(
                            range,
                            EntityKind::Person,
                            word.to_string(),
                        ));
                        continue;
                    }
                    if let Some(full) = full_name_of(word) {
                        if !common_initial || verb_after {
                            mentions.push(EntityMention::named(range, EntityKind::Person, full));
                        }
                        continue;
                    }
                    // Common words and directions are never names alone, unless
                    // a state qualifier follows ("Mobile, Ala.").
                    let has_qualifier = places::qualifier_after(self.text, range.end).is_some();
                    let qualified =
                        has_qualifier && (places::is_known(word) || places::is_postal_name(word));
                    let common = common_initial || COMMON.contains(word);
                    let not_a_name = NOT_ACRONYMS.contains(word)
                        || ORG_SUFFIXES.contains(word)
                        || STREET_SUFFIXES.contains(word)
                        || FACILITY_SUFFIXES.contains(word);
                    if (common && !qualified)
                        || not_a_name
                        || TIME_WORDS.contains(word)
                        || DIRECTIONS.contains(word)
                    {
                        continue;
                    }
                    if let Some((full, kind)) = self.acronyms.get(word) {
                        mentions.push(EntityMention::named(range, *kind, full.clone()));
                        continue;
                    }
                    if KNOWN_ORGANISATIONS.contains(&word) {
                        mentions.push(EntityMention::named(
                            range,
                            EntityKind::Organisation,
                            word.to_string(),
                        ));
                        continue;
                    }
                    if let Some(country) = places::country_of_demonym(word) {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Group,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: Some(country),
                        });
                        continue;
                    }
                    // A preposition before, a qualifier or a local word after,
                    // or a dateline support a place reading.
                    let supported = |qualified: bool| {
                        locative_before
                            || qualified
                            || self
                                .word_after(token)
                                .is_some_and(|after| PLACE_FOLLOWERS.contains(after))
                            || self.is_dateline(token, token)
                    };
                    // A small town known only from the postal data is read
                    // only with such support, and not as a street: these
                    // names are often surnames.
                    let postal = || {
                        places::is_postal_name(word)
                            && !self.street_like(&range)
                            && supported(has_qualifier)
                    };
                    if places::is_known(word) || postal() {
                        let support = supported(qualified);
                        if support || places::is_prominent_name(word) {
                            // Qualifier mentions are added by `place_support`.
                            let support = self.place_support(token, token) || support;
                            place_ranges.push((range, support, 1));
                            continue;
                        }
                        if !verb_after {
                            place_ranges.push((range, false, 1));
                            continue;
                        }
                    }
                    if is_acronym(word) && !NOT_ACRONYMS.contains(word) {
                        mentions.push(EntityMention::named(
                            range,
                            EntityKind::Organisation,
                            word.to_string(),
                        ));
                        continue;
                    }
                    if verb_after
                        && !is_acronym(word)
                        && word
                            .chars()
                            .skip(1)
                            .all(|character| !character.is_uppercase())
                    {
                        mentions.push(EntityMention::named(
                            range,
                            EntityKind::Person,
                            word.to_string(),
                        ));
                    }
                }
            }
        }
        // Qualifier mentions pushed during the second pass.
        for draft in std::mem::take(&mut self.drafts) {
            if let Draft::Done(mention) = draft {
                mentions.push(mention);
            }
        }

        // "The Austin neighborhood", "the Germantown section": a part of
        // the city the story is about that shares a town's name (often a
        // large one far away) is no reading of that town, and must not pull
        // the other places towards its state either.
        // Every mention of such a name goes, in either of the document's
        // texts: the document has said what it is.
        let mut city_parts = city_part_names(self.text);
        city_parts.extend(document.city_parts.iter().cloned());
        place_ranges.retain(|(range, _, _)| {
            !is_city_part(self.slice(range), &city_parts) && !self.names_no_place(range)
        });
        // Places: resolve together so that they inform each other, then
        // keep weak single words only with support.
        let ranges: Vec<Range<usize>> = place_ranges
            .iter()
            .map(|(range, _, _)| range.clone())
            .collect();
        let cues: Vec<places::PlaceCue> = place_ranges
            .iter()
            .enumerate()
            .map(|(position, (range, support, _))| places::PlaceCue {
                trusted: *support,
                postal: *support && !self.street_like(range),
                local: owners.contains_key(&position) || self.followed_by_local_word(range.end),
            })
            .collect();
        let resolved = places::resolve_with_cues(self.text, &ranges, &cues, region_hint, document);
        let mut strong_regions: BTreeSet<(String, String)> = BTreeSet::new();
        let mut accepted = vec![false; place_ranges.len()];
        for (position, ((_, support, words), place)) in
            place_ranges.iter().zip(&resolved).enumerate()
        {
            let Some(place) = place else { continue };
            let hinted =
                region_hint.is_some_and(|hint| hint.eq_ignore_ascii_case(&place.country_code));
            let prominent = places::is_prominent(place);
            // A place abroad, when the outlet's country is known, is often a
            // surname or a venue's name: keep a town only when large or
            // qualified ("Kirkuk, Iraq"), a region only with support.
            let qualified =
                places::qualifier_after(self.text, place_ranges[position].0.end).is_some();
            let foreign_ok = match place.kind {
                PlaceKind::Country => true,
                PlaceKind::Region => *support || qualified,
                PlaceKind::County | PlaceKind::City => prominent || qualified,
            };
            if region_hint.is_some() && !hinted && !foreign_ok {
                continue;
            }
            let strong =
                place.kind != PlaceKind::City || prominent || *support || (*words >= 2 && hinted);
            let weak_county = place.kind == PlaceKind::County && !*support && *words < 2;
            if strong && !weak_county {
                accepted[position] = true;
                if let Some(region) = &place.region {
                    strong_regions.insert((place.country_code.clone(), region.clone()));
                }
            }
        }
        for (position, place) in resolved.iter().enumerate() {
            if accepted[position] {
                continue;
            }
            let Some(place) = place else { continue };
            if let Some(region) = &place.region
                && strong_regions.contains(&(place.country_code.clone(), region.clone()))
                && place.kind == PlaceKind::City
            {
                accepted[position] = true;
            }
        }
        for (position, ((range, _, _), (place, accepted))) in place_ranges
            .into_iter()
            .zip(resolved.into_iter().zip(accepted))
            .enumerate()
        {
            if let Some(mut organisation) = owners.remove(&position) {
                if accepted {
                    organisation.place = place;
                }
                mentions.push(organisation);
                continue;
            }
            if !accepted {
                continue;
            }
            let name = self.slice(&range).to_string();
            mentions.push(EntityMention {
                range,
                kind: EntityKind::Place,
                name,
                role: None,
                role_range: None,
                place,
            });
        }

        mentions.sort_by(|left, right| {
            (left.range.start, std::cmp::Reverse(left.range.end))
                .cmp(&(right.range.start, std::cmp::Reverse(right.range.end)))
        });
        // Overlaps can only arise from qualifiers or compounds: keep the first.
        let mut kept: Vec<EntityMention> = Vec::with_capacity(mentions.len());
        for mention in mentions {
            if kept
                .last()
                .is_some_and(|previous| previous.range.end > mention.range.start)
            {
                continue;
            }
            kept.push(mention);
        }
        kept
    }
}
