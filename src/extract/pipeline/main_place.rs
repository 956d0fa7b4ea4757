//! The main event's place: the best placed city or county of the headline
//! and lead, read in the country and state the article is about.

use super::main_event::Context;
use super::{
    EntityItem, EventItem, Extraction, Field, LEAD_SENTENCES, OUT_OF_STATE_PENALTY, PlaceRef,
    TITLE_SENTENCE, places,
};
use crate::extract::items::{EntityKind, PlaceKind};

/// The main event's place: the best placed city (or county) among the
/// headline's and lead's places — in the dateline, the headline or the
/// event's sentence, early, named more than once — read in the country and
/// state the article is about. A bare name resolved to another state than
/// the one the article names ("Jacksonville" in a story that says
/// "Florida") is read again in that state when the gazetteer has it there,
/// and otherwise loses heavily. Evidence adds up per place over its
/// mentions; a suspect's home (", of Dayton") and a page title's outlet
/// tail ("- Spokane News") count against or not at all.
pub(super) fn choose_place(
    out: &Extraction,
    context: &Context<'_>,
    event: &EventItem,
) -> Option<PlaceRef> {
    let places: Vec<(&EntityItem, &PlaceRef, usize)> = out
        .entities
        .iter()
        .zip(context.entity_sentences)
        // Organisations named after their seat ("Henry County Police")
        // place the story as well as a place name does.
        .filter(|(e, _)| e.kind == EntityKind::Place || e.kind == EntityKind::Organisation)
        .filter_map(|(e, sentence)| Some((e, e.place.as_ref()?, *sentence)))
        .collect();
    // The article's country and state: the most often named (a state named
    // outright counts double; ties go to the first named).
    let mut countries: Vec<(&str, usize, usize)> = Vec::new();
    let mut states: Vec<(&str, usize, usize)> = Vec::new();
    for (order, (_, place, _)) in places.iter().enumerate() {
        tally(&mut countries, place.country_code.as_str(), 1, order);
        if let Some(region) = place.region.as_deref() {
            let weight = if place.kind == PlaceKind::Region {
                2
            } else {
                1
            };
            tally(&mut states, region, weight, order);
        }
    }
    let country = most_named(&countries);
    // A name read as a foreign country in a story set in one country is
    // that country's region when it has one of the name ("Georgia").
    let reread_states: Vec<PlaceRef> = places
        .iter()
        .filter(|(_, p, _)| {
            p.kind == PlaceKind::Country && country.as_deref().is_some_and(|c| c != p.country_code)
        })
        .filter_map(|(e, _, _)| {
            places::lookup(&e.name).into_iter().find(|p| {
                p.kind == places::PlaceKind::Region
                    && country.as_deref() == Some(p.country_code.as_str())
            })
        })
        .collect();
    for (order, place) in reread_states.iter().enumerate() {
        if let Some(region) = place.region.as_deref() {
            tally(&mut states, region, 2, places.len() + order);
        }
    }
    let named_states: Vec<&str> = places
        .iter()
        .map(|(_, p, _)| *p)
        .chain(&reread_states)
        .filter(|p| p.kind == PlaceKind::Region)
        .filter_map(|p| p.region.as_deref())
        .collect();
    // The state: one the article names, else one its towns agree on
    // clearly (two mentions more than any other).
    let state = most_named(&states)
        .filter(|s| named_states.contains(&s.as_str()))
        .or_else(|| {
            let mut counts: Vec<usize> = states.iter().map(|(_, count, _)| *count).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let clear = counts
                .first()
                .is_some_and(|first| *first >= counts.get(1).copied().unwrap_or(0) + 2);
            most_named(&states).filter(|_| clear)
        });

    // Each place's evidence accumulates over its mentions: the best placed
    // mention counts in full, and a headline or event-sentence mention
    // elsewhere adds to it — a town in the headline and in "a shooting in
    // Kent" outweighs the dateline city where the report was filed.
    let event_sentence = context.event_sentence;
    let event_place_id = event
        .place
        .and_then(|i| out.entities.get(i))
        .and_then(|e| e.place.as_ref())
        .map(|p| p.id.as_str());
    let mut evidence: Vec<PlaceEvidence> = Vec::new();
    for (entity, place, sentence) in &places {
        let in_title = *sentence == TITLE_SENTENCE;
        if in_title && entity.anchor.start >= context.headline_end {
            // The page title's tail names the outlet ("- Spokane News"), not the event.
            continue;
        }
        if !in_title && *sentence >= LEAD_SENTENCES {
            continue;
        }
        let original_id = place.id.clone();
        let mut place = (*place).clone();
        let mut score = match place.kind {
            PlaceKind::City => 3.0,
            PlaceKind::County => 2.0,
            PlaceKind::Country | PlaceKind::Region => continue,
        };
        if country.as_deref().is_some_and(|c| c != place.country_code) {
            score -= 4.0;
        }
        if let Some(state) = state.as_deref()
            && place.region.as_deref() != Some(state)
            && place.country_code == "US"
        {
            match reread_in_region(&entity.name, place.kind, state) {
                Some(other) => place = other,
                None => score -= OUT_OF_STATE_PENALTY,
            }
        }
        let in_dateline = entity.anchor.field == Field::Text
            && context.dateline.is_some_and(|(start, end)| {
                entity.anchor.start >= start && entity.anchor.end <= end
            });
        if in_dateline {
            score += 2.0;
        }
        // An organisation named after its seat places the story less
        // surely than a place name, except the police of a city or county:
        // the agency that answered the call has the incident's
        // jurisdiction ("a Chicago Police spokeswoman" in a story about
        // Chatham, a Chicago neighbourhood that shares a town's name).
        if entity.kind != EntityKind::Place {
            score += if is_police_agency(&entity.name) {
                POLICE_AGENCY_BONUS
            } else {
                -0.5
            };
        }
        // "Julian Johnson, 29, of Dayton": where a person lives, not where
        // the event happened.
        if entity.anchor.field == Field::Text
            && context
                .body
                .text_before(entity.anchor.start)
                .ends_with(", of ")
        {
            score -= 2.0;
        }
        let in_event_sentence =
            !in_title && event_sentence == Some(*sentence) && event.anchor.field == Field::Text;
        if in_title {
            score += 1.0;
        } else {
            if in_event_sentence {
                score += 1.5;
            }
            score -= 0.2 * *sentence as f64;
        }
        if event_place_id == Some(original_id.as_str()) {
            score += 0.5;
        }
        match evidence.iter_mut().find(|e| e.place.id == place.id) {
            Some(known) => {
                if score > known.best {
                    known.best = score;
                    known.best_in_title = in_title;
                    known.best_in_event = in_event_sentence;
                }
                known.in_title |= in_title;
                known.in_event |= in_event_sentence;
                known.mentions += 1;
            }
            None => evidence.push(PlaceEvidence {
                place,
                best: score,
                best_in_title: in_title,
                best_in_event: in_event_sentence,
                in_title,
                in_event: in_event_sentence,
                mentions: 1,
            }),
        }
    }
    let best = evidence
        .into_iter()
        .map(|e| {
            let mut score = e.best + 0.4 * (e.mentions.min(4) as f64 - 1.0);
            if e.in_title && !e.best_in_title {
                score += 1.0;
            }
            if e.in_event && !e.best_in_event {
                score += 1.0;
            }
            (score, e.place)
        })
        // The first place reaching the top score wins (evidence is in mention order).
        .fold(None::<(f64, PlaceRef)>, |best, (score, place)| match best {
            Some((b, _)) if score <= b => best,
            _ => Some((score, place)),
        });
    // A county holding a city the lead names: the city is the more
    // precise answer ("Horry County deputies … in Myrtle Beach").
    let best = best.map(|(_, place)| place).map(|place| {
        if place.kind != PlaceKind::County {
            return place;
        }
        places
            .iter()
            .filter(|(_, _, s)| *s == TITLE_SENTENCE || *s < LEAD_SENTENCES)
            .map(|(_, p, _)| *p)
            .find(|p| {
                p.kind == PlaceKind::City
                    && p.region == place.region
                    && p.county.as_deref() == Some(place.name.as_str())
            })
            .cloned()
            .unwrap_or(place)
    });
    best.or_else(|| {
        // No city or county in the lead: the event's own place, else the
        // first state named.
        event
            .place
            .and_then(|i| out.entities.get(i))
            .and_then(|e| e.place.clone())
            .or_else(|| {
                places
                    .iter()
                    .find(|(_, p, s)| {
                        p.kind == PlaceKind::Region && (*s == TITLE_SENTENCE || *s < LEAD_SENTENCES)
                    })
                    .map(|(_, p, _)| (*p).clone())
            })
    })
}

/// What the headline and lead say for one place (see `choose_place`).
pub(super) struct PlaceEvidence {
    place: PlaceRef,
    /// Score of its best placed mention.
    best: f64,
    best_in_title: bool,
    best_in_event: bool,
    in_title: bool,
    in_event: bool,
    mentions: usize,
}

/// Counts `weight` for `key`, remembering the order of first mention.
pub(super) fn tally<'a>(
    list: &mut Vec<(&'a str, usize, usize)>,
    key: &'a str,
    weight: usize,
    order: usize,
) {
    match list.iter_mut().find(|(k, _, _)| *k == key) {
        Some(entry) => entry.1 += weight,
        None => list.push((key, weight, order)),
    }
}

/// The key counted most; on a tie, the first mentioned.
pub(super) fn most_named(list: &[(&str, usize, usize)]) -> Option<String> {
    list.iter()
        .max_by_key(|(_, count, order)| (*count, std::cmp::Reverse(*order)))
        .map(|(key, _, _)| (*key).to_string())
}

/// How much the seat of a police agency named in the story counts beyond a
/// place name's mention.
pub(super) const POLICE_AGENCY_BONUS: f64 = 1.0;

/// True for a police agency's name ("Chicago Police Department", "Henry
/// County Sheriff's Office").
pub(super) fn is_police_agency(name: &str) -> bool {
    name.split_whitespace().any(|word| {
        matches!(
            word.trim_end_matches("'s"),
            "Police" | "Sheriff" | "Sheriffs"
        )
    })
}

/// The gazetteer place of the same kind named `name` in `region`, if
/// exactly one exists there.
pub(crate) fn reread_in_region(
    name: &str,
    kind: places::PlaceKind,
    region: &str,
) -> Option<PlaceRef> {
    let mut found = places::lookup(name)
        .into_iter()
        .filter(|p| p.kind == kind && p.region.as_deref() == Some(region));
    let first = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some(first)
}
