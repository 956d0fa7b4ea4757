//! Incremental grouping of articles into stories.
//!
//! Articles arrive in date order; each is compared only with the articles
//! that share a *blocking key* with it — a rare word, a place or a person in
//! the same few days' window, a person's full name or a word found in only
//! a handful of articles at any date (follow-ups name the victim, suspect or
//! street months later), or a MinHash band (syndicated copies) — so the
//! work per article stays bounded and the whole run is near-linear in the
//! archive's size. The article joins the story of its
//! best-scoring candidate when the score reaches [`JOIN_THRESHOLD`], else it
//! starts a story. Stories a user pinned keep exactly their members; new
//! articles may still join them.
//!
//! The pair score adds evidence: TF-IDF cosine of the texts, a shared rare
//! person name, agreement of the main events' places (different cities are
//! strong evidence of different events, since two shootings in one city a
//! week apart share most of their vocabulary), their dates, the ages the
//! reports give their people and the streets they name (reports of one
//! incident repeat them), and casualty figures (the dead of an earlier
//! report are never the wounded of a later one). Single links chain, so
//! the story as built so far also has a say: an article whose main place
//! contradicts the story's settled city, or whose text dates its event days
//! away from the day the story's members give (without mentioning that
//! day), is taken for a report of another event of the kind unless its
//! copy is a near-duplicate. A shared name discounts time only for a
//! follow-up: one that recalls the day or the incident's rare words.

mod keys;
mod pair;

use std::collections::{BTreeMap, HashMap};

use super::features::Features;
use super::most_voted;
use super::postings::Postings;
use crate::extract::items::PlaceKind;
pub use keys::SharedBands;
pub use keys::{ANY_DATE, Lookup, NO_DATE, StoredKey, lookups, stored_keys};
use keys::{Key, own_keys, query_keys};
pub(crate) use keys::{date_buckets, is_blocking_place};
use pair::{DAY_PENALTY, dates_another_event};
pub use pair::{Frequencies, pair_score};

/// Score at or above which an article joins a story.
pub const JOIN_THRESHOLD: f32 = 0.18;

/// Posting lists longer than this are too common a key to be evidence, and
/// scanning them would make the run quadratic.
const POSTING_CAP: usize = 64;

/// One article's placement.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Index of the group (story) in the clustering's output.
    pub group: usize,
    /// Score of the link that placed it (1.0 for pinned and first members).
    pub score: f32,
    /// Why: `pinned`, `first`, or the strongest evidence of the link.
    pub reason: &'static str,
    /// The article it was linked to, when any.
    pub linked_to: Option<usize>,
}

/// A story being built.
#[derive(Debug, Default)]
struct Group {
    members: Vec<usize>,
    /// Votes for the story's city.
    cities: BTreeMap<String, usize>,
    /// Votes for the story's day, from members whose text dates the event.
    days: BTreeMap<chrono::NaiveDate, usize>,
}

impl Group {
    /// The city at least two members place the event in (the most voted).
    fn city(&self) -> Option<&str> {
        most_voted(self.cities.iter())
            .filter(|(_, votes)| *votes >= 2)
            .map(|(city, _)| city.as_str())
    }

    /// The day most members' texts give the event (ties: the earliest).
    fn day(&self) -> Option<chrono::NaiveDate> {
        most_voted(self.days.iter()).map(|(day, _)| *day)
    }
}

/// Groups `features` into stories. `pinned` lists groups of article
/// indices fixed by the user (kept exactly, first in the output). The
/// other articles are placed in the order given by `order` (indices).
pub fn cluster(
    features: &[Features],
    pinned: &[Vec<usize>],
    order: &[usize],
    threshold: f32,
) -> Vec<Placement> {
    let context = Context {
        frequencies: Frequencies::of(features),
        found: HashMap::new(),
        file_fixed: true,
    };
    cluster_with(features, pinned, order, threshold, &context)
}

/// What a clustering run knows beyond its articles' features: a full run
/// learns it from them ([`cluster`]); a story update, which holds only its
/// new articles and the stories they may join, reads it from the archive.
#[derive(Debug, Default)]
pub struct Context<'a> {
    /// How many articles of the archive name each person and place.
    pub frequencies: Frequencies<'a>,
    /// Per article to place (by index): the earlier articles found for it
    /// outside the run, by the keys the archive kept for them.
    pub found: HashMap<usize, Vec<usize>>,
    /// True when the fixed groups' members are filed under the keys their
    /// features give now (a full run); false when they are found only
    /// through `found`, by the keys they were given when grouped.
    pub file_fixed: bool,
}

/// [`cluster`] with what the run knows of the rest of the archive.
pub fn cluster_with(
    features: &[Features],
    pinned: &[Vec<usize>],
    order: &[usize],
    threshold: f32,
    context: &Context<'_>,
) -> Vec<Placement> {
    let frequencies = &context.frequencies;
    let shared = SharedBands::of(features);
    // Postings hold article indices as u32: half the memory of usize, and
    // no archive holds four billion articles.
    let mut index: Postings<Key> = Postings::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut placements: Vec<Option<Placement>> = vec![None; features.len()];

    let file = |i: usize,
                group: usize,
                groups: &mut Vec<Group>,
                index: &mut Postings<Key>,
                filed: bool| {
        if filed {
            for key in own_keys(&features[i], &shared) {
                index.file(key, i as u32);
            }
        }
        let g = &mut groups[group];
        g.members.push(i);
        if let Some(place) = features[i]
            .place
            .as_ref()
            .filter(|p| p.kind == PlaceKind::City)
        {
            *g.cities.entry(place.id.clone()).or_insert(0) += 1;
        }
        if features[i].event_date_from_text
            && let Some(day) = features[i].event_date
        {
            *g.days.entry(day).or_insert(0) += 1;
        }
    };

    for members in pinned {
        groups.push(Group::default());
        let group = groups.len() - 1;
        for &i in members {
            if i < features.len() && placements[i].is_none() {
                placements[i] = Some(Placement {
                    group,
                    score: 1.0,
                    reason: "pinned",
                    linked_to: None,
                });
                file(i, group, &mut groups, &mut index, context.file_fixed);
            }
        }
    }

    let mut candidates: Vec<usize> = Vec::new();
    for &i in order {
        if i >= features.len() || placements[i].is_some() {
            continue;
        }
        candidates.clear();
        for key in query_keys(&features[i], &shared) {
            let filed = index.len(&key);
            if filed > 0 && filed <= POSTING_CAP {
                candidates.extend(index.articles(&key).map(|j| j as usize));
            }
        }
        if let Some(found) = context.found.get(&i) {
            candidates.extend(found.iter().copied().filter(|&j| j < features.len()));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f32, usize, usize, &'static str)> = None;
        for &j in &candidates {
            let Some(placement) = &placements[j] else {
                continue;
            };
            let group = placement.group;
            let (mut score, reason) = pair_score(&features[i], &features[j], frequencies);
            // The story's settled city vetoes an article placed elsewhere
            // (unless it is a copy of a member).
            if score < 1.0
                && let (Some(city), Some(place)) =
                    (groups[group].city(), features[i].place.as_ref())
                && place.kind == PlaceKind::City
                && place.id != city
                && !features[i].places_named.contains(city)
            {
                score -= 0.3;
            }
            // Likewise the day the story's members date the event.
            if score < 1.0
                && groups[group]
                    .day()
                    .is_some_and(|day| dates_another_event(day, &features[i]))
            {
                score -= DAY_PENALTY;
            }
            if best.is_none_or(|(s, _, bj, _)| score > s || (score == s && j < bj)) {
                best = Some((score, group, j, reason));
            }
        }
        let placement = match best {
            Some((score, group, j, reason)) if score >= threshold => Placement {
                group,
                score,
                reason,
                linked_to: Some(j),
            },
            _ => {
                groups.push(Group::default());
                Placement {
                    group: groups.len() - 1,
                    score: 1.0,
                    reason: "first",
                    linked_to: None,
                }
            }
        };
        let group = placement.group;
        placements[i] = Some(placement);
        file(i, group, &mut groups, &mut index, true);
    }
    placements
        .into_iter()
        .map(|p| {
            p.unwrap_or(Placement {
                group: usize::MAX,
                score: 0.0,
                reason: "unplaced",
                linked_to: None,
            })
        })
        .collect()
}
