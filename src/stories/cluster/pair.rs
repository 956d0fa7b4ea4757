//! The evidence two articles give of reporting one event: [`pair_score`],
//! with the archive-wide [`Frequencies`] of people and places it weighs a
//! shared one by.

use std::collections::HashMap;

use super::super::features::{Features, cosine};
use crate::extract::items::{PlaceKind, PlaceRef};
use crate::extract::places::distance_km;

/// Days by which an article's stated date may miss its story's day and
/// still be a report of the same event (late-night incidents, time zones,
/// a death the next day).
pub(crate) const DAY_SLACK: i64 = 3;

/// Penalty for joining a story whose day the article's own stated date
/// contradicts (and whose day it does not mention).
pub(crate) const DAY_PENALTY: f32 = 0.3;

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
        Frequencies::counting(features.iter(), features.len())
    }

    /// Counts over the articles listed.
    pub fn of_refs(features: &[&'a Features]) -> Frequencies<'a> {
        Frequencies::counting(features.iter().copied(), features.len())
    }

    fn counting(features: impl Iterator<Item = &'a Features>, articles: usize) -> Frequencies<'a> {
        let mut frequencies = Frequencies {
            articles,
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

    /// Counts the archive kept: `people` and `places` (by alias key and
    /// place id) over its `articles` articles.
    pub fn from_counts(
        people: HashMap<&'a str, u32>,
        places: HashMap<&'a str, u32>,
        articles: usize,
    ) -> Frequencies<'a> {
        Frequencies {
            people,
            places,
            articles,
        }
    }

    /// How many articles name each person, by alias key.
    pub fn people(&self) -> impl Iterator<Item = (&'a str, u32)> + '_ {
        self.people.iter().map(|(key, count)| (*key, *count))
    }

    /// How many articles have each main place, by place id.
    pub fn places(&self) -> impl Iterator<Item = (&'a str, u32)> + '_ {
        self.places.iter().map(|(id, count)| (*id, *count))
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

/// How a place relates to another: same, one inside the other, or apart.
fn place_relation(a: &PlaceRef, b: &PlaceRef) -> PlaceRelation {
    if a.id == b.id {
        return PlaceRelation::Same;
    }
    if a.country_code != b.country_code {
        return PlaceRelation::Different;
    }
    let inside = |outer: &PlaceRef, inner: &PlaceRef| match outer.kind {
        PlaceKind::Country => true,
        PlaceKind::Region => inner.region.as_deref() == Some(outer.name.as_str()),
        PlaceKind::County => {
            inner.region == outer.region && inner.county.as_deref() == Some(outer.name.as_str())
        }
        PlaceKind::City => false,
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
        && pa.kind == PlaceKind::City
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
pub(crate) fn dates_another_event(story_day: chrono::NaiveDate, article: &Features) -> bool {
    article.event_date_from_text
        && article
            .event_date
            .is_some_and(|own| (own - story_day).num_days().abs() > DAY_SLACK)
        && !article.dates_named.contains(&story_day)
}

#[cfg(test)]
mod tests {
    use super::super::JOIN_THRESHOLD;
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
