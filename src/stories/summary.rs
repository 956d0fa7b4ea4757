//! A story's summary, read from its members' features alone: title, date,
//! place, casualty figures, outlets and first reporter (the rules are in
//! the [`super`] module's documentation).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::features::{Features, cosine};
use super::most_voted;
use crate::extract::items::{PlaceKind, PlaceRef};
use crate::model::{FirstReporter, StorySummary};

/// Most frequent value; ties go to the smallest, or with `prefer_larger`
/// to the largest.
pub(super) fn mode<T: Ord + Clone>(
    values: impl Iterator<Item = T>,
    prefer_larger: bool,
) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0) += 1;
    }
    let best = if prefer_larger {
        most_voted(counts.iter().rev())
    } else {
        most_voted(counts.iter())
    };
    best.map(|(v, _)| v.clone())
}

/// Summary of one group of articles (indices into `features`).
pub fn summarise(features: &[Features], members: &[usize]) -> StorySummary {
    let mut ids: Vec<i64> = members.iter().map(|&i| features[i].id).collect();
    ids.sort_unstable();
    let sources: BTreeSet<String> = members
        .iter()
        .filter_map(|&i| features[i].source.as_deref().map(String::from))
        .collect();
    let first = members.iter().copied().min_by_key(|&i| {
        (
            features[i].published.is_none(),
            features[i].published,
            features[i].id,
        )
    });
    // A headline reads better than a first sentence: the most central
    // member with a headline gives the title, the most central of all only
    // when no member has one.
    let has_title = |i: usize| features[i].has_headline;
    // Each member's summed similarity to the others, computed once.
    let centrality: Vec<(usize, f32)> = members
        .iter()
        .map(|&i| {
            (
                i,
                members
                    .iter()
                    .map(|&m| cosine(&features[i].terms, &features[m].terms))
                    .sum(),
            )
        })
        .collect();
    let central = centrality
        .iter()
        .max_by(|&&(a, centrality_a), &&(b, centrality_b)| {
            has_title(a)
                .cmp(&has_title(b))
                .then_with(|| centrality_a.total_cmp(&centrality_b))
                .then_with(|| {
                    (features[b].published, features[b].id)
                        .cmp(&(features[a].published, features[a].id))
                })
        })
        .map(|&(i, _)| i);
    let title = central.and_then(|i| features[i].title.as_deref().map(String::from));
    // The event happened by the time it was first reported: dates after the
    // first report (a court date in a follow-up) are not the event's. A tie
    // between dates goes to the one given by the earliest report: first
    // reports date the incident against their own day, follow-ups count
    // back from later ones.
    // A member whose text gives no date for the incident falls back to its
    // publication day, which is a guess: it votes only when no member read
    // the date in its text.
    let first_published = first.and_then(|i| features[i].published);
    let dated: Vec<(usize, NaiveDate, bool)> = members
        .iter()
        .filter_map(|&i| {
            let date = features[i].main_day?;
            Some((i, date, features[i].dates_named.contains(&date)))
        })
        .filter(|(_, date, _)| first_published.is_none_or(|p| *date <= p))
        .collect();
    let any_in_text = dated.iter().any(|(_, _, in_text)| *in_text);
    // Per date: its votes and the best reporter of it (in text, published, id).
    type DateVote = (usize, (bool, Option<NaiveDate>, i64));
    let mut date_votes: BTreeMap<NaiveDate, DateVote> = BTreeMap::new();
    for &(i, date, in_text) in &dated {
        if any_in_text && !in_text {
            continue;
        }
        let reporter = (
            features[i].published.is_none(),
            features[i].published,
            features[i].id,
        );
        let vote = date_votes.entry(date).or_insert((0, reporter));
        vote.0 += 1;
        vote.1 = vote.1.min(reporter);
    }
    let date = date_votes
        .iter()
        .max_by(
            |(a_date, (a_count, a_reporter)), (b_date, (b_count, b_reporter))| {
                a_count
                    .cmp(b_count)
                    .then_with(|| b_reporter.cmp(a_reporter))
                    .then_with(|| b_date.cmp(a_date))
            },
        )
        .map(|(date, _)| *date)
        .or(first_published);
    let place = consensus_place(features, members);
    // Casualties: among members that give any casualty figure, a missing
    // count is a zero (an article saying "a man was killed" reports no
    // injured); the most frequent value wins, ties to the larger.
    let casualty_members: Vec<&Features> = members
        .iter()
        .map(|&i| &features[i])
        .filter(|m| m.killed.is_some() || m.injured.is_some())
        .collect();
    let killed = mode(casualty_members.iter().map(|m| m.killed.unwrap_or(0)), true);
    let injured = mode(
        casualty_members.iter().map(|m| m.injured.unwrap_or(0)),
        true,
    );
    StorySummary {
        id: 0,
        title,
        date,
        place,
        articles: ids,
        sources: sources.into_iter().collect(),
        killed,
        injured,
        first_reporter: first.map(|i| FirstReporter {
            article: features[i].id,
            source: features[i].source.as_deref().map(String::from),
            published: features[i].published,
        }),
        pinned: false,
    }
}

/// The story's place: the most frequent main-event city; when the members
/// only agree on a county or region, the city inside it that the members
/// mention most; else the most frequent main-event place of any level.
fn consensus_place(features: &[Features], members: &[usize]) -> Option<PlaceRef> {
    let places: Vec<&PlaceRef> = members
        .iter()
        .filter_map(|&i| features.get(i)?.main_place.as_deref())
        .collect();
    let by_id = |id: &str| places.iter().find(|p| p.id == id).map(|p| (*p).clone());
    if let Some(city) = mode(
        places
            .iter()
            .filter(|p| p.kind == PlaceKind::City)
            .map(|p| p.id.clone()),
        false,
    ) {
        return by_id(&city);
    }
    let broad = mode(places.iter().map(|p| p.id.clone()), false).and_then(|id| by_id(&id))?;
    let inside = |p: &PlaceRef| {
        p.kind == PlaceKind::City
            && p.country_code == broad.country_code
            && match broad.kind {
                PlaceKind::County => {
                    p.region == broad.region && p.county.as_deref() == Some(broad.name.as_str())
                }
                PlaceKind::Region => p.region.as_deref() == Some(broad.name.as_str()),
                PlaceKind::Country | PlaceKind::City => false,
            }
    };
    let mentioned: Vec<&PlaceRef> = members
        .iter()
        .flat_map(|&i| features[i].cities_named.iter().map(|p| &**p))
        .filter(|p| inside(p))
        .collect();
    match mode(mentioned.iter().map(|p| p.id.clone()), false) {
        Some(id) => mentioned.iter().find(|p| p.id == id).map(|p| (*p).clone()),
        None => Some(broad),
    }
}
