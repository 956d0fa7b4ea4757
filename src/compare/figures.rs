//! Figures aligned across outlets and judged by interval logic.
//!
//! Two figures are candidates for the same claim when they share a
//! predicate and a family of counted things (people, civilians, service
//! members and the like are all *people*; sites, facilities and locations
//! are all *sites*), their places do not exclude each other (Gaza vs Iraq),
//! (a place counts only when named after a locative preposition: "in
//! Gaza", not "US troops"), and a date they name that is far from the
//! story's date is the same. Of
//! those, figures within a factor of 2.5 of each other (or with overlapping
//! intervals) are one claim: a death toll of 1,140 and one of 20,670 in the
//! same place are two different claims, not a contradiction.
//!
//! Status: `agreed` when every outlet states the same number (qualifiers may
//! differ: "three" and "at least three"), `compatible` when the numbers
//! differ but every pair of intervals overlaps or one is a rounding of the
//! other within 10% ("about 1,140" / "over 1,100"), `conflict` otherwise,
//! `unique` when one outlet gives it. Partitive figures ("one of the
//! three") are parts of another statement and implicit ones ("a man was
//! killed") too weak to align; vague quantities have no number to compare.

use std::collections::BTreeMap;

use super::{Claim, Status, Variant};
use crate::document::Document;
use crate::extract::entities::fuzzy_key;
use crate::extract::items::{FigureItem, PlaceRef};
use crate::stories::StorySummary;

/// Counted lemmas that denote people.
const PERSON_WORDS: &[&str] = &[
    "person",
    "people",
    "civilian",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "teen",
    "teenager",
    "victim",
    "resident",
    "militant",
    "fighter",
    "soldier",
    "troop",
    "service member",
    "servicemember",
    "serviceman",
    "servicemen",
    "personnel",
    "military personnel",
    "member",
    "officer",
    "individual",
    "adult",
    "student",
    "worker",
    "life",
    "palestinian",
    "israeli",
    "american",
    "iraqi",
    "syrian",
    "national",
    "citizen",
    "hostage",
    "worshipper",
    "protester",
    "passenger",
    "bystander",
    "suspect",
    "gunman",
    "infant",
    "baby",
    "toddler",
];

/// Counted lemmas that denote places hit.
const SITE_WORDS: &[&str] = &[
    "site", "facility", "location", "target", "building", "base", "compound", "position", "depot",
];

/// The family of what a figure counts.
pub fn family(counted: Option<&str>, predicate: &str) -> String {
    let Some(counted) = counted else {
        return if matches!(
            predicate,
            "killed" | "injured" | "arrested" | "missing" | "displaced"
        ) {
            "people".into()
        } else {
            "things".into()
        };
    };
    let last = counted.rsplit(' ').next().unwrap_or(counted);
    if PERSON_WORDS.contains(&counted) || PERSON_WORDS.contains(&last) {
        "people".into()
    } else if SITE_WORDS.contains(&counted) || SITE_WORDS.contains(&last) {
        "sites".into()
    } else {
        counted.to_string()
    }
}

/// A figure with what alignment needs.
struct Candidate<'a> {
    article: &'a Document,
    figure: &'a FigureItem,
    place: Option<PlaceKey>,
    far_date: Option<chrono::NaiveDate>,
    low: f64,
    high: f64,
    value: f64,
}

/// Where a figure is said to apply.
#[derive(Debug, Clone, PartialEq)]
struct PlaceKey {
    label: String,
    places: Vec<PlaceRef>,
    names: Vec<String>,
}

/// True unless the two places clearly differ.
fn places_compatible(a: &Option<PlaceKey>, b: &Option<PlaceKey>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.names.len() != b.names.len() {
        return false;
    }
    a.names.iter().zip(&b.names).all(|(x, y)| x == y)
        || (a.places.len() == 1
            && b.places.len() == 1
            && (a.places[0].contains(&b.places[0]) || b.places[0].contains(&a.places[0])))
}

/// Prepositions after which a place name says where something happened
/// ("killed in Gaza"); without one the name is usually a modifier ("US
/// troops") and says nothing about where.
/// ("on" is left out: "attacks on Israel" names a target.)
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "across",
    "inside",
    "throughout",
    "outside",
    "from",
];

/// The place a figure applies to: a place named after a locative
/// preposition in the figure's sentence (the nearest to the figure when
/// several are), joined with a second place named right after it with
/// "and" ("in Iraq and Syria" is both).
fn place_of(article: &Document, figure: &FigureItem) -> Option<PlaceKey> {
    let field = figure.anchor.field;
    let text = if field == crate::extract::items::Field::Title {
        article.title.as_deref().unwrap_or("")
    } else {
        article.text.as_str()
    };
    let (sentence_start, sentence_end) = if field == crate::extract::items::Field::Title {
        (0, usize::MAX)
    } else {
        figure.sentence
    };
    let entities = &article.extraction.entities;
    let preceding_word = |start: usize| {
        let before = super::char_slice(text, start.saturating_sub(12), start);
        before
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .unwrap_or_default()
    };
    let candidates: Vec<&crate::extract::items::EntityItem> = entities
        .iter()
        .filter(|e| {
            e.kind == "place"
                && e.anchor.field == field
                && e.anchor.start >= sentence_start
                && e.anchor.end <= sentence_end
        })
        .filter(|e| LOCATIVE.contains(&preceding_word(e.anchor.start).as_str()))
        // "in Iran-backed …" is a modifier, not a location.
        .filter(|e| !super::char_slice(text, e.anchor.end, e.anchor.end + 1).starts_with('-'))
        .collect();
    let first = candidates.iter().copied().min_by_key(|e| {
        let distance = if e.anchor.start >= figure.anchor.end {
            e.anchor.start - figure.anchor.end
        } else {
            figure.anchor.start.saturating_sub(e.anchor.end)
        };
        (distance, e.anchor.start)
    })?;
    let mut chosen = vec![first];
    if let Some(next) = entities.iter().find(|e| {
        e.kind == "place"
            && e.anchor.field == field
            && e.anchor.start > first.anchor.end
            && e.anchor.start <= first.anchor.end + 7
    }) && matches!(
        super::char_slice(text, first.anchor.end, next.anchor.start).trim(),
        "and" | "&" | "or"
    ) {
        chosen.push(next);
    }
    let mut names: Vec<String> = chosen
        .iter()
        .map(|e| {
            e.place
                .as_ref()
                .map_or_else(|| fuzzy_key(&e.name), |p| p.id.clone())
        })
        .collect();
    names.sort();
    let label = chosen
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join(" and ");
    Some(PlaceKey {
        label,
        places: chosen.iter().filter_map(|e| e.place.clone()).collect(),
        names,
    })
}

fn interval(f: &FigureItem) -> Option<(f64, f64, f64)> {
    let value = f.value.or(f.low)?;
    let low = f.low.unwrap_or(value);
    let high = match (f.high, f.qualifier.as_deref()) {
        (Some(h), _) => h,
        (None, Some("at_least" | "more_than")) => f64::INFINITY,
        (None, _) if f.low.is_some() && f.value.is_some() && f.low != f.value => f64::INFINITY,
        (None, _) => value,
    };
    Some((value, low, high))
}

/// How two values relate.
fn pair_status(a: &Candidate<'_>, b: &Candidate<'_>) -> Status {
    if a.value == b.value {
        return Status::Agreed;
    }
    if a.low <= b.high && b.low <= a.high {
        return Status::Compatible;
    }
    let qualified = |c: &Candidate<'_>| {
        c.figure.approximate || c.figure.qualifier.is_some() || is_round(c.value)
    };
    let relative = (a.value - b.value).abs() / a.value.abs().max(b.value.abs()).max(1.0);
    if relative <= 0.10 && (qualified(a) || qualified(b)) {
        return Status::Compatible;
    }
    Status::Conflict
}

fn is_round(value: f64) -> bool {
    value >= 100.0 && (value % 100.0 == 0.0)
}

fn close(a: &Candidate<'_>, b: &Candidate<'_>) -> bool {
    let (small, large) = if a.value <= b.value {
        (a.value, b.value)
    } else {
        (b.value, a.value)
    };
    (a.low <= b.high && b.low <= a.high)
        || (small > 0.0 && large / small <= 2.5)
        || (small == 0.0 && large <= 1.0)
}

/// Aligned figure claims, ordered by status then first appearance.
pub fn compare(story: &StorySummary, articles: &[&Document]) -> Vec<Claim> {
    let mut keyed: BTreeMap<(String, String), Vec<Candidate<'_>>> = BTreeMap::new();
    for article in articles {
        let extraction = &article.extraction;
        for figure in &extraction.figures {
            // Vague quantities ("a number of", "dozens") state no number to compare.
            if figure.partitive
                || figure.implicit
                || figure.value.is_none()
                || figure.qualifier.as_deref() == Some("vague")
                || article.in_noise(&figure.anchor)
            {
                continue;
            }
            let Some(predicate) = figure.predicate.as_deref().filter(|p| *p != "other") else {
                continue;
            };
            let Some((value, low, high)) = interval(figure) else {
                continue;
            };
            let far_date = figure
                .date
                .and_then(|i| extraction.dates.get(i))
                .and_then(|d| d.date)
                .filter(|d| story.date.is_none_or(|s| (*d - s).num_days().abs() > 7));
            let key = (
                predicate.to_string(),
                family(figure.counted.as_deref(), predicate),
            );
            keyed.entry(key).or_default().push(Candidate {
                article,
                figure,
                place: place_of(article, figure),
                far_date,
                low,
                high,
                value,
            });
        }
    }
    let mut claims: Vec<(Status, usize, Claim)> = Vec::new();
    for ((predicate, family), candidates) in keyed {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (i, candidate) in candidates.iter().enumerate() {
            let fits = |group: &Vec<usize>| {
                group.iter().all(|&j| {
                    let other = &candidates[j];
                    places_compatible(&candidate.place, &other.place)
                        && candidate.far_date == other.far_date
                        && close(candidate, other)
                        && (other.article.id != candidate.article.id
                            || other.value == candidate.value)
                })
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(group) => group.push(i),
                None => groups.push(vec![i]),
            }
        }
        for group in groups {
            let members: Vec<&Candidate<'_>> = group.iter().map(|&i| &candidates[i]).collect();
            let mut outlets: Vec<i64> = members.iter().map(|c| c.article.id).collect();
            outlets.sort_unstable();
            outlets.dedup();
            let status = if outlets.len() < 2 {
                Status::Unique
            } else {
                let mut worst = Status::Agreed;
                for (x, a) in members.iter().enumerate() {
                    for b in &members[x + 1..] {
                        if a.article.id != b.article.id {
                            worst = worst.max(pair_status(a, b));
                        }
                    }
                }
                worst
            };
            let place = members
                .iter()
                .find_map(|c| c.place.as_ref().map(|p| p.label.clone()));
            let mut subject = format!("{predicate}: {family}");
            if let Some(place) = &place {
                subject.push_str(&format!(" in {place}"));
            }
            if let Some(date) = members.iter().find_map(|c| c.far_date) {
                subject.push_str(&format!(" on {date}"));
            }
            let note = match status {
                Status::Agreed => Some("every outlet states the same number".to_string()),
                Status::Compatible => Some(
                    "the numbers differ but their qualified ranges overlap or round to each other"
                        .to_string(),
                ),
                Status::Conflict => Some("the stated ranges do not overlap".to_string()),
                Status::Unique => None,
            };
            let variants = members
                .iter()
                .map(|c| Variant {
                    value: Some(c.value),
                    low: c.figure.low,
                    high: c.figure.high,
                    qualifier: c.figure.qualifier.clone(),
                    place: c.place.as_ref().map(|p| p.label.clone()),
                    ..Variant::passage(c.article.id, &c.figure.anchor)
                })
                .collect();
            let order = group.first().copied().unwrap_or(0);
            claims.push((
                status,
                order,
                Claim {
                    kind: "figure".into(),
                    subject,
                    status,
                    variants,
                    note,
                },
            ));
        }
    }
    claims.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.2.subject.cmp(&b.2.subject))
            .then(a.1.cmp(&b.1))
    });
    claims.into_iter().map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, figure, story};

    #[test]
    fn families_group_person_like_counts() {
        assert_eq!(family(Some("service member"), "injured"), "people");
        assert_eq!(family(Some("civilian"), "killed"), "people");
        assert_eq!(family(Some("facility"), "struck"), "sites");
        assert_eq!(family(None, "killed"), "people");
        assert_eq!(family(Some("drone"), "struck"), "drone");
    }

    #[test]
    fn same_number_with_other_qualifier_is_agreed_and_rounding_is_compatible() {
        let a = article(
            1,
            "Three soldiers were wounded. The toll rose to about 1,140 people killed.",
            vec![
                figure("Three soldiers", 3.0, None, None, "soldier", "injured"),
                figure(
                    "about 1,140 people",
                    1140.0,
                    Some(1026.0),
                    Some(1254.0),
                    "person",
                    "killed",
                ),
            ],
        );
        let b = article(
            2,
            "At least three troops were wounded. Over 1,100 people were killed.",
            vec![
                figure(
                    "At least three troops",
                    3.0,
                    Some(3.0),
                    None,
                    "troop",
                    "injured",
                ),
                figure(
                    "Over 1,100 people",
                    1100.0,
                    Some(1101.0),
                    None,
                    "person",
                    "killed",
                ),
            ],
        );
        let claims = compare(&story(), &[&a, &b]);
        let statuses: Vec<(&str, Status)> = claims
            .iter()
            .map(|c| (c.subject.as_str(), c.status))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("injured: people", Status::Agreed),
                ("killed: people", Status::Compatible)
            ]
        );
        assert_eq!(claims[0].variants.len(), 2);
        assert_eq!(claims[0].variants[1].text, "At least three troops");
    }

    #[test]
    fn disjoint_values_conflict_and_distant_magnitudes_stay_apart() {
        let a = article(
            1,
            "Four people were killed. Some 20,000 people were killed in the war.",
            vec![
                figure("Four people", 4.0, None, None, "person", "killed"),
                figure(
                    "Some 20,000 people",
                    20000.0,
                    Some(18000.0),
                    Some(22000.0),
                    "person",
                    "killed",
                ),
            ],
        );
        let b = article(
            2,
            "Seven people were killed.",
            vec![figure("Seven people", 7.0, None, None, "person", "killed")],
        );
        let claims = compare(&story(), &[&a, &b]);
        let statuses: Vec<Status> = claims.iter().map(|c| c.status).collect();
        assert_eq!(statuses, vec![Status::Conflict, Status::Unique]);
        assert_eq!(
            claims[0]
                .variants
                .iter()
                .map(|v| v.value)
                .collect::<Vec<_>>(),
            vec![Some(4.0), Some(7.0)]
        );
    }
}
