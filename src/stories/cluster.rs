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

use std::collections::{BTreeMap, HashMap};

use super::features::{Features, cosine};
use super::most_voted;
use super::postings::Postings;
use crate::extract::items::PlaceRef;
use crate::extract::places::distance_km;

/// Score at or above which an article joins a story.
pub const JOIN_THRESHOLD: f32 = 0.18;

/// Days by which an article's stated date may miss its story's day and
/// still be a report of the same event (late-night incidents, time zones,
/// a death the next day).
const DAY_SLACK: i64 = 3;

/// Penalty for joining a story whose day the article's own stated date
/// contradicts (and whose day it does not mention).
const DAY_PENALTY: f32 = 0.3;

/// Evidence from the ages two reports give their people: a shared age
/// ("a 17-year-old") is a weak sign of one incident, since ages repeat
/// across incidents; no shared age between reports that both give ages is
/// a strong sign of two.
const SHARED_AGE_BONUS: f32 = 0.1;
const DISJOINT_AGES_PENALTY: f32 = 0.4;

/// Evidence from the streets two reports name.
const SHARED_STREET_BONUS: f32 = 0.2;
const DISJOINT_STREETS_PENALTY: f32 = 0.2;

/// Penalty for a later report giving only wounded where an earlier one
/// gave a death.
const DEATH_THEN_WOUNDS_PENALTY: f32 = 0.3;

/// Below this TF-IDF similarity (headline words included), texts that are
/// near-duplicates word for word differ in everything else: a tiny
/// boilerplate body under two unrelated headlines.
const TEMPLATE_SIMILARITY: f32 = 0.2;

/// Posting lists longer than this are too common a key to be evidence, and
/// scanning them would make the run quadratic.
const POSTING_CAP: usize = 64;

/// Width of a date bucket in days; queries look two buckets either way.
const BUCKET_DAYS: i32 = 4;

/// A person named in more articles than this is a public figure (a police
/// chief, a mayor), not a participant.
const PERSON_DF_CAP: u32 = 12;

/// A city that is the main place of more articles than this share of the
/// archive (a large city in a city paper's archive) says little about which
/// of its many events two reports are about; a rarer one is evidence.
const PLACE_SHARE_CAP: f64 = 0.01;

/// How many articles name each person and have each main place: the
/// archive-wide rarity that decides how much a shared one is worth.
#[derive(Debug, Default)]
pub struct Frequencies<'a> {
    people: HashMap<&'a str, u32>,
    places: HashMap<&'a str, u32>,
    articles: usize,
}

impl<'a> Frequencies<'a> {
    /// Counts over `features`.
    pub fn of(features: &'a [Features]) -> Frequencies<'a> {
        let mut frequencies = Frequencies {
            articles: features.len(),
            ..Frequencies::default()
        };
        for f in features {
            for p in &f.people {
                *frequencies.people.entry(&**p).or_insert(0) += 1;
            }
            if let Some(place) = &f.place {
                *frequencies.places.entry(place.id.as_str()).or_insert(0) += 1;
            }
        }
        frequencies
    }

    fn is_rare_person(&self, key: &str) -> bool {
        self.people.get(key).copied().unwrap_or(0) <= PERSON_DF_CAP
    }

    fn is_common_place(&self, id: &str) -> bool {
        let count = self.places.get(id).copied().unwrap_or(0);
        // Small archives: a handful of reports of one event is not "common".
        count > 5 && f64::from(count) > PLACE_SHARE_CAP * self.articles as f64
    }
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Term(u32, i32),
    Place(u64, i32),
    Person(u64),
    RareTerm(u32),
    /// A rare word at any date: filed by every article, looked up only by
    /// undated ones, which have no date window.
    Undated(u32),
    Band(i64),
}

fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn buckets(features: &Features) -> Vec<i32> {
    date_buckets([features.event_date, features.published])
}

/// The date buckets ([`BUCKET_DAYS`] wide) an article with these dates (its
/// event's and its publication's) is filed in, sorted, without repeats.
pub(crate) fn date_buckets(dates: [Option<chrono::NaiveDate>; 2]) -> Vec<i32> {
    let mut days: Vec<i32> = dates
        .into_iter()
        .flatten()
        .map(|d| chrono::Datelike::num_days_from_ce(&d).div_euclid(BUCKET_DAYS))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// True when a main event place of this kind files an article under a
/// place key: a city or a county says which of a region's events it is.
pub(crate) fn is_blocking_place(kind: crate::extract::items::PlaceKind) -> bool {
    kind == crate::extract::items::PlaceKind::City
        || kind == crate::extract::items::PlaceKind::County
}

/// The MinHash band keys that more than one article has, sorted: a band
/// key only one article has finds no candidate for anyone (bands are
/// looked up only by the articles filed under them, and an article is
/// filed after its own lookup), so it is never filed. Most band keys are
/// an article's own (issue 16: about three million of the four million
/// keys at 100,000 articles), so this keeps the index a fraction of the
/// size with the same candidates.
#[derive(Debug, Default)]
pub struct SharedBands(Vec<i64>);

impl SharedBands {
    /// The band keys shared by two or more of `features`.
    pub fn of(features: &[Features]) -> SharedBands {
        let mut all: Vec<i64> = Vec::new();
        for f in features.iter().filter(|f| !f.signature.is_empty()) {
            let mut own = f.signature.band_keys();
            own.sort_unstable();
            all.extend(
                own.iter()
                    .enumerate()
                    .filter_map(|(n, key)| (n == 0 || own[n - 1] != *key).then_some(*key)),
            );
        }
        all.sort_unstable();
        let mut shared: Vec<i64> = all
            .windows(2)
            .filter(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
            .collect();
        shared.dedup();
        shared.shrink_to_fit();
        SharedBands(shared)
    }

    fn contains(&self, key: i64) -> bool {
        self.0.binary_search(&key).is_ok()
    }
}

/// Keys an article is filed under.
fn own_keys(features: &Features, shared: &SharedBands) -> Vec<Key> {
    let mut keys = Vec::new();
    for bucket in buckets(features) {
        keys.extend(features.rare_terms.iter().map(|t| Key::Term(*t, bucket)));
        if let Some(place) = features
            .place
            .as_ref()
            .filter(|p| is_blocking_place(p.kind))
        {
            keys.push(Key::Place(fnv(&place.id), bucket));
        }
    }
    keys.extend(features.people.iter().map(|p| Key::Person(fnv(p))));
    keys.extend(features.very_rare_terms.iter().map(|t| Key::RareTerm(*t)));
    keys.extend(features.rare_terms.iter().map(|t| Key::Undated(*t)));
    if !features.signature.is_empty() {
        keys.extend(
            features
                .signature
                .band_keys()
                .iter()
                .filter(|b| shared.contains(**b))
                .map(|b| Key::Band(*b)),
        );
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Keys to look up for an article: its own, with dated keys widened to the
/// neighbouring buckets.
fn query_keys(features: &Features, shared: &SharedBands) -> Vec<Key> {
    let undated = features.event_date.is_none() && features.published.is_none();
    let mut keys = Vec::new();
    for key in own_keys(features, shared) {
        match key {
            Key::Term(t, b) => keys.extend((b - 2..=b + 2).map(|b| Key::Term(t, b))),
            Key::Place(p, b) => keys.extend((b - 2..=b + 2).map(|b| Key::Place(p, b))),
            Key::Undated(_) if !undated => {}
            other => keys.push(other),
        }
    }
    keys
}

/// How a place relates to another: same, one inside the other, or apart.
fn place_relation(a: &PlaceRef, b: &PlaceRef) -> PlaceRelation {
    if a.id == b.id {
        return PlaceRelation::Same;
    }
    if a.country_code != b.country_code {
        return PlaceRelation::Different;
    }
    let inside = |outer: &PlaceRef, inner: &PlaceRef| match outer.kind.as_str() {
        "country" => true,
        "region" => inner.region.as_deref() == Some(outer.name.as_str()),
        "county" => {
            inner.region == outer.region && inner.county.as_deref() == Some(outer.name.as_str())
        }
        _ => false,
    };
    if inside(a, b) || inside(b, a) {
        return PlaceRelation::Nested;
    }
    PlaceRelation::Different
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceRelation {
    Same,
    Nested,
    Different,
}

/// Distance (km) between two articles' main places when they are different
/// places and neither article names the other's: only then are the places
/// evidence, since otherwise one of them picked a passing mention.
fn places_apart_km(a: &Features, b: &Features) -> Option<f64> {
    let (pa, pb) = (a.place.as_ref()?, b.place.as_ref()?);
    let apart = place_relation(pa, pb) == PlaceRelation::Different
        && !a.places_named.contains(pb.id.as_str())
        && !b.places_named.contains(pa.id.as_str());
    apart.then(|| distance_km((pa.lat, pa.lon), (pb.lat, pb.lon)))
}

/// True when both headlines have distinctive words and share none. A copy
/// republished days later keeps some of its headline's words ("Four shot
/// outside downtown bar" / "Suspect in downtown bar shooting arrested"); a
/// page template under two stories does not ("Child shot on east side" /
/// "Child critical after shooting at motel" share only words common to
/// such headlines).
fn headlines_unrelated(a: &Features, b: &Features) -> bool {
    !a.headline.is_empty() && !b.headline.is_empty() && !a.headline.intersects(&b.headline)
}

/// Days between two optional dates.
fn days_apart(a: Option<chrono::NaiveDate>, b: Option<chrono::NaiveDate>) -> Option<i64> {
    Some((a? - b?).num_days().abs())
}

/// Score of two articles being reports of the same event, with the
/// strongest piece of evidence.
pub fn pair_score(
    a: &Features,
    b: &Features,
    frequencies: &Frequencies<'_>,
) -> (f32, &'static str) {
    let near_duplicate = a.signature.similarity(&b.signature);
    let similarity = cosine(&a.terms, &b.terms);
    if near_duplicate >= 0.5 {
        // A syndicated copy appears within days and reports the same
        // event; the same text months apart, or under headlines and
        // places that share nothing, is a template (a paywall, cookie or
        // error page), not the same report.
        let published_apart = days_apart(a.published, b.published);
        let template = published_apart.is_some_and(|days| days > 30)
            || places_apart_km(a, b).is_some_and(|km| km > 100.0)
            || similarity < TEMPLATE_SIMILARITY
            || (published_apart.is_some_and(|days| days > 1) && headlines_unrelated(a, b));
        if template {
            return (-1.0, "same template text");
        }
        return (1.0, "near-duplicate text");
    }
    let mut score = similarity;
    let mut reason = "similar text";
    let shared_person = a
        .people
        .common(&b.people)
        .any(|p| frequencies.is_rare_person(p));
    if shared_person {
        score += 0.2;
        reason = "same person named";
    }
    // Two words found in only a handful of articles (a victim's surname, a
    // street) tie a follow-up to its event as a shared name does.
    let shared_rare = a
        .very_rare_terms
        .iter()
        .filter(|t| b.very_rare_terms.contains(t))
        .count()
        >= 2;
    let follow_up = shared_person || shared_rare;
    if let (Some(pa), Some(pb)) = (&a.place, &b.place)
        && place_relation(pa, pb) == PlaceRelation::Same
        && pa.kind == "city"
        && !frequencies.is_common_place(&pa.id)
    {
        score += 0.1;
    }
    // Neighbouring towns are often both named for one event; places far
    // apart are strong evidence of different events. (Place resolution
    // errs too, so even far apart is not a veto.)
    if let Some(km) = places_apart_km(a, b) {
        score -= match km {
            km if km < 30.0 => 0.05,
            km if km < 100.0 => 0.15,
            _ => 0.3,
        };
    }
    if let Some(days) = days_apart(a.event_date, b.event_date) {
        // A follow-up names the same people; without them, distance in time
        // is evidence of a different event.
        let penalty = match days {
            0..=1 => -0.05,
            2..=3 => 0.0,
            4..=7 => 0.1,
            8..=30 => 0.2,
            _ => 0.4,
        };
        // Unless neither recalls the other's day and either each text dates
        // its own event days apart, or a month and more lies between them
        // with only a name in common: two events with an activist or a
        // relative quoted at both. (A trial or arrest weeks later recalls
        // the day or the incident's rare words: a street, a surname.)
        let dated_apart = days > DAY_SLACK
            && ((a.event_date_from_text && b.event_date_from_text) || (days > 30 && !shared_rare))
            && !a.event_date.is_some_and(|day| b.dates_named.contains(&day))
            && !b.event_date.is_some_and(|day| a.dates_named.contains(&day));
        score -= if follow_up && !dated_apart {
            penalty / 3.0
        } else {
            penalty
        };
    }
    // Reports of one incident give the same ages; two incidents of one
    // kind in one city rarely involve people of the same ages.
    if !a.ages.is_empty() && !b.ages.is_empty() {
        score += if a.ages.intersects(&b.ages) {
            SHARED_AGE_BONUS
        } else {
            -DISJOINT_AGES_PENALTY
        };
    }
    // Likewise the streets their leads name ("the 400 block of Sherman
    // Street"); cross streets and a victim's home street make a
    // disjoint pair weaker evidence than disjoint ages.
    if !a.streets.is_empty() && !b.streets.is_empty() {
        score += if a.streets.intersects(&b.streets) {
            SHARED_STREET_BONUS
        } else {
            -DISJOINT_STREETS_PENALTY
        };
    }
    if let (Some(ka), Some(kb)) = (a.killed, b.killed) {
        score += if ka == kb { 0.05 } else { -0.05 };
    }
    // The wounded may die after a first report; the dead do not recover:
    // an earlier report of a death and a later one of wounds only are of
    // two incidents. (Reports of one day have no order to go by.)
    let ordered = match a.published.zip(b.published) {
        Some((pa, pb)) if pa < pb => Some((a, b)),
        Some((pa, pb)) if pa > pb => Some((b, a)),
        _ => None,
    };
    if let Some((earlier, later)) = ordered
        && earlier.killed.is_some_and(|k| k > 0)
        && later.killed.is_none_or(|k| k == 0)
        && later.injured.is_some_and(|i| i > 0)
    {
        score -= DEATH_THEN_WOUNDS_PENALTY;
    }
    (score, reason)
}

/// True when an article's text dates its event more than [`DAY_SLACK`]
/// days from `story_day` and never mentions that day: a report of another
/// event of the kind rather than a follow-up, which recalls the day.
fn dates_another_event(story_day: chrono::NaiveDate, article: &Features) -> bool {
    article.event_date_from_text
        && article
            .event_date
            .is_some_and(|own| (own - story_day).num_days().abs() > DAY_SLACK)
        && !article.dates_named.contains(&story_day)
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
    let frequencies = Frequencies::of(features);
    let shared = SharedBands::of(features);
    // Postings hold article indices as u32: half the memory of usize, and
    // no archive holds four billion articles.
    let mut index: Postings<Key> = Postings::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut placements: Vec<Option<Placement>> = vec![None; features.len()];

    let file = |i: usize, group: usize, groups: &mut Vec<Group>, index: &mut Postings<Key>| {
        for key in own_keys(&features[i], &shared) {
            index.file(key, i as u32);
        }
        let g = &mut groups[group];
        g.members.push(i);
        if let Some(place) = features[i].place.as_ref().filter(|p| p.kind == "city") {
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
                file(i, group, &mut groups, &mut index);
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
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f32, usize, usize, &'static str)> = None;
        for &j in &candidates {
            let Some(placement) = &placements[j] else {
                continue;
            };
            let group = placement.group;
            let (mut score, reason) = pair_score(&features[i], &features[j], &frequencies);
            // The story's settled city vetoes an article placed elsewhere
            // (unless it is a copy of a member).
            if score < 1.0
                && let (Some(city), Some(place)) =
                    (groups[group].city(), features[i].place.as_ref())
                && place.kind == "city"
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
        file(i, group, &mut groups, &mut index);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::Signature;

    fn dated(event: &str, from_text: bool, named: &[&str]) -> Features {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        Features {
            id: 1,
            terms: Vec::new(),
            headline: Default::default(),
            rare_terms: Vec::new(),
            very_rare_terms: Vec::new(),
            people: Default::default(),
            event_kind: None,
            event_date: day(event),
            event_date_from_text: from_text,
            published: day(event),
            dates_named: named.iter().filter_map(|s| day(s)).collect(),
            main_place: None,
            place: None,
            ages: Default::default(),
            streets: Default::default(),
            places_named: Default::default(),
            killed: None,
            injured: None,
            signature: Signature::of(""),
            source: None,
            title: None,
            has_headline: false,
            main_day: None,
            cities_named: Default::default(),
        }
    }

    #[test]
    fn reports_giving_different_ages_are_of_different_incidents() {
        // Texts about as similar as two shooting reports from one city.
        let report = |text: &str, ages: &[u32]| Features {
            terms: if ages == [17] {
                vec![(1, 0.4), (2, 0.916_515)]
            } else {
                vec![(1, 1.0)]
            },
            ages: ages.iter().copied().collect(),
            signature: Signature::of(text),
            ..dated("2024-04-08", true, &[])
        };
        let frequencies = Frequencies::of(&[]);
        let first = report(
            "a teenager was shot in the leg outside a store on the east side on monday night",
            &[17],
        );
        let same = report(
            "police said the boy who was shot near the corner market had wounds to his leg and will recover",
            &[17, 40],
        );
        let other = report(
            "officers found a woman with a gunshot wound in a parked car after reports of shots late monday",
            &[52],
        );
        let (with_shared_age, _) = pair_score(&first, &same, &frequencies);
        let (with_other_ages, _) = pair_score(&first, &other, &frequencies);
        assert!(
            (with_shared_age - with_other_ages - (SHARED_AGE_BONUS + DISJOINT_AGES_PENALTY)).abs()
                < 1e-6
        );
        assert!(with_other_ages < JOIN_THRESHOLD && with_shared_age > JOIN_THRESHOLD);
    }

    #[test]
    fn a_shared_page_under_unrelated_headlines_days_apart_is_a_template() {
        let page = "sign in to your account to keep reading this story and get unlimited access to local news on every device you own";
        let report = |published: &str, headline: &[u32]| Features {
            terms: vec![(1, 1.0)],
            headline: headline.iter().copied().collect(),
            signature: Signature::of(page),
            ..dated(published, false, &[])
        };
        let frequencies = Frequencies::of(&[]);
        let first = report("2024-04-08", &[10, 11]);
        // The same page a day later is a copy (a wire story's reprint);
        // days later under a headline sharing a word, a reprint too.
        assert_eq!(
            pair_score(&first, &report("2024-04-09", &[20]), &frequencies).0,
            1.0
        );
        assert_eq!(
            pair_score(&first, &report("2024-04-14", &[11, 20]), &frequencies).0,
            1.0
        );
        // Days later under a headline sharing nothing: a template.
        assert_eq!(
            pair_score(&first, &report("2024-04-14", &[20, 21]), &frequencies).1,
            "same template text"
        );
    }

    #[test]
    fn a_name_in_common_does_not_join_events_each_report_dates_apart() {
        let frequencies = Frequencies::of(&[]);
        let report = |day: &str, named: &[&str]| Features {
            terms: vec![(1, 1.0)],
            people: [Box::from("jane roe")].into_iter().collect(),
            signature: Signature::of(&format!(
                "a report of {day} naming {named:?} in words of its own"
            )),
            ..dated(day, true, named)
        };
        let first = report("2024-01-10", &["2024-01-10"]);
        // A follow-up recalling the first report's day is discounted for
        // time as a follow-up.
        let (follow_up, _) = pair_score(
            &first,
            &report("2024-02-20", &["2024-02-20", "2024-01-10"]),
            &frequencies,
        );
        // Another event, dated on its own, with the same activist quoted.
        let (other_event, _) =
            pair_score(&first, &report("2024-02-20", &["2024-02-20"]), &frequencies);
        assert!(follow_up - other_event > 0.25, "{follow_up} {other_event}");
        // Weeks apart with no date in either text: the name alone does not
        // make a follow-up; a name and rare words of the incident do.
        let undated = |day: &str, rare: &[u32]| Features {
            very_rare_terms: rare.to_vec(),
            event_date_from_text: false,
            dates_named: Default::default(),
            ..report(day, &[])
        };
        let (name_only, _) = pair_score(
            &undated("2024-01-10", &[]),
            &undated("2024-02-20", &[]),
            &frequencies,
        );
        let (name_and_street, _) = pair_score(
            &undated("2024-01-10", &[7, 8]),
            &undated("2024-02-20", &[7, 8]),
            &frequencies,
        );
        assert!(
            (name_and_street - name_only - 0.4 * 2.0 / 3.0).abs() < 1e-6,
            "{name_only} {name_and_street}"
        );
    }

    #[test]
    fn the_dead_of_an_earlier_report_are_not_the_wounded_of_a_later_one() {
        let frequencies = Frequencies::of(&[]);
        let report = |day: &str, killed: Option<i64>, injured: Option<i64>| Features {
            terms: vec![(1, 1.0)],
            killed,
            injured,
            signature: Signature::of(&format!(
                "report of {day} giving {killed:?} dead and {injured:?} hurt in its own words"
            )),
            ..dated(day, false, &[])
        };
        let score = |a: &Features, b: &Features| pair_score(a, b, &frequencies).0;
        let wounded = report("2024-04-08", None, Some(1));
        let dead = report("2024-04-10", Some(1), None);
        // Wounded first, dead later: the victim died.
        let died_later = score(&wounded, &dead);
        // Dead first, wounded only later: another incident.
        let dead_first = score(
            &report("2024-04-08", Some(1), None),
            &report("2024-04-10", None, Some(1)),
        );
        assert!((died_later - dead_first - DEATH_THEN_WOUNDS_PENALTY).abs() < 1e-6);
        // Reports of one day have no order: the score is the same both ways.
        let (morning, evening) = (
            report("2024-04-08", Some(1), None),
            report("2024-04-08", None, Some(1)),
        );
        assert_eq!(score(&morning, &evening), score(&evening, &morning));
    }

    #[test]
    fn a_stated_day_far_from_the_story_s_day_dates_another_event() {
        let story_day = chrono::NaiveDate::from_ymd_opt(2024, 4, 8).expect("date");
        assert!(dates_another_event(
            story_day,
            &dated("2024-04-13", true, &["2024-04-13"])
        ));
        // Within the slack: a death the next days, a late-night incident.
        assert!(!dates_another_event(
            story_day,
            &dated("2024-04-10", true, &[])
        ));
        // A follow-up that recalls the story's day belongs to it.
        assert!(!dates_another_event(
            story_day,
            &dated("2024-04-20", true, &["2024-04-08", "2024-04-20"])
        ));
        // A publication date says nothing of the event's day.
        assert!(!dates_another_event(
            story_day,
            &dated("2024-04-20", false, &[])
        ));
    }
}
