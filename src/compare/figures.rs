//! Counts compared across outlets: what happened to how many, reconciled.
//!
//! Each figure the extraction found gets a *role* — killed, wounded, shot in
//! all (dead or alive: "five shot, one fatally"), hospitalised, arrested,
//! missing, sites struck, troops stationed, attacks — and a *family* of what
//! it counts (`data/families.txt`: "service members" and "troops" count one
//! thing; "people", "victims" and "others" count anyone, "officers" only
//! police). Only counts of the same role and family are compared, so "two
//! officers shot" is never set against "one injured".
//!
//! **Event counts** (from sentences [`super::scope`] reads as the story's
//! event) are compared per outlet: an outlet's count is the largest it
//! states (a part — "three hit in the legs" — is smaller than its total), and
//! missing roles are derived from totals and parts ("eight shot" and "one
//! killed" give seven wounded; "seven wounded" and "one killed" give eight
//! shot). Two outlets' counts are `agreed` when equal, `compatible` when
//! their qualified ranges overlap or one rounds the other, or when the
//! reports' dates explain the difference (a later report counting more dead;
//! a wounded victim who died; more victims found), and a `conflict` only
//! when none of that holds: reports of the same day, or a later report
//! counting fewer dead. A count implied by a singular noun ("a man was
//! killed"), a vague one ("several") or a zero never makes a conflict.
//!
//! **Background counts** (an earlier incident's toll, statistics) are
//! compared only with background counts of the same role, family, place and
//! time, never with the event's, and never called a conflict: outlets citing
//! different sources, measures or cut-off dates differ without contradicting
//! each other.
//!
//! A conflict also needs both counts from their reports' leads (headline
//! and first sentences), where outlets give the event's totals; further
//! down a count may be a part or another time, and an unexplained
//! difference there `differs` — said, with why, but not called a conflict.
//! So does a count only a headline states: headlines total several
//! incidents ("2 dead, 7 hurt after shootings") or keep an earlier count,
//! so the body must give the number for it to contradict another outlet.
//!
//! By concern: [`roles`] reads what a figure counts (its role and family),
//! [`places`] where a count is said to apply, [`event`] compares the
//! story's own counts outlet by outlet (totals and parts derived),
//! [`reconcile`] gives two outlets' counts their status and reason, and
//! [`background`] aligns the counts of other incidents. This file reads
//! the figures into counts and holds what they share.

mod background;
mod event;
mod places;
mod reconcile;
mod roles;

use std::sync::LazyLock;

use chrono::NaiveDate;

use self::background::background_claims;
use self::event::event_claims;
use self::places::{PlaceKey, place_of};
use self::roles::role_of;
pub use self::roles::{Role, family};
use super::reading::{Reading, Scope, data_lines};
use super::{Claim, Variant};
use crate::document::Document;
use crate::extract::items::{Field, FigureItem, Predicate, Qualifier};

/// Sentences of a report's body that make its lead (with the headline).
const LEAD_SENTENCES: usize = 3;

/// Words in a later report's sentence that say its count updates an earlier one.
/// (`data/update_words.txt`)
static UPDATE_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("data/update_words.txt")).collect());
/// The interval a figure allows: (stated value, low, high).
fn interval(figure: &FigureItem) -> Option<(f64, f64, f64)> {
    let value = figure.value.or(figure.low)?;
    let low = figure.low.unwrap_or(value);
    let high = match (figure.high, figure.qualifier) {
        (Some(high), _) => high,
        (None, Some(Qualifier::AtLeast | Qualifier::MoreThan)) => f64::INFINITY,
        (None, _)
            if figure.low.is_some() && figure.value.is_some() && figure.low != figure.value =>
        {
            f64::INFINITY
        }
        (None, _) => value,
    };
    Some((value, low, high))
}

/// One figure read for comparison.
#[derive(Debug, Clone)]
struct Count<'a> {
    /// Index of the reading (article).
    reader: usize,
    figure: &'a FigureItem,
    role: Role,
    family: String,
    value: f64,
    low: f64,
    high: f64,
    /// Neither implied by a singular noun, nor vague, nor zero: may conflict.
    firm: bool,
    background: Option<String>,
    place: Option<PlaceKey>,
    far_date: Option<NaiveDate>,
    /// The sentence says it updates an earlier count.
    update: bool,
    /// Stated in the headline or the report's first sentences, where
    /// outlets give the event's own totals.
    lead: bool,
}

impl Count<'_> {
    fn qualified(&self) -> bool {
        self.figure.approximate
            || self.figure.qualifier.is_some()
            || (self.value >= 100.0 && self.value % 100.0 == 0.0)
    }
}

/// One outlet's count for a role: the value it gives and the passages.
#[derive(Debug, Clone)]
struct OutletCount<'a> {
    reader: usize,
    /// The outlet's total: its largest firm count (else its largest).
    value: f64,
    low: f64,
    high: f64,
    firm: bool,
    qualified: bool,
    /// Every firm count it states, as (low, high): an outlet that gives two
    /// numbers for one role (a total and a part, or "injured" for all the
    /// shot) agrees with another that gives either.
    readings: Vec<(f64, f64)>,
    update: bool,
    /// Derived from a total and a part, with the passages used.
    derived: bool,
    /// The value comes from the lead (see [`Count::lead`]).
    lead: bool,
    passages: Vec<&'a Count<'a>>,
}

/// The total a part of the dead belongs to: a count of the wounded or
/// shot in the same sentence, not itself a part, at least as large.
fn whole_of<'e>(
    extraction: &'e crate::extract::items::Extraction,
    part: &FigureItem,
) -> Option<&'e FigureItem> {
    if part.predicate != Some(Predicate::Killed) || part.anchor.field != Field::Text {
        return None;
    }
    extraction.figures.iter().find(|other| {
        !other.partitive
            && other.anchor.field == Field::Text
            && other.sentence == part.sentence
            && other.predicate == Some(Predicate::Injured)
            && other.value.zip(part.value).is_some_and(|(w, p)| w >= p)
    })
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// True when the figures compare `figure`: it counts people or sites in a
/// role. Other extracted figures ("17 search warrants") are counts of
/// things, read by [`super::object_counts`].
pub(super) fn counts_in_a_role(
    reading: &Reading<'_>,
    figure: &crate::extract::items::FigureItem,
) -> bool {
    role_of(reading, figure).is_some()
}

/// Compares the counts of the story's articles (see the module doc).
pub fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let mut counts: Vec<Count<'_>> = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let extraction = &reading.document.extraction;
        for figure in &extraction.figures {
            if figure.value.is_none() || reading.document.in_noise(&figure.anchor) {
                continue;
            }
            // A part is a count only as the dead among a total given in the
            // same sentence ("five people were shot, one fatally"): the
            // part counts the total's kind. Other parts ("two of them") are
            // not counts of the event.
            let whole = figure
                .partitive
                .then(|| whole_of(extraction, figure))
                .flatten();
            if figure.partitive && whole.is_none() {
                continue;
            }
            let Some(role) = role_of(reading, figure) else {
                continue;
            };
            let Some((value, low, high)) = interval(figure) else {
                continue;
            };
            let sentence = (figure.anchor.field == Field::Text)
                .then(|| reading.sentence_of(figure.anchor.start, figure.anchor.end))
                .flatten()
                .map(|i| &reading.sentences[i]);
            if sentence.is_some_and(|s| s.noise) {
                continue;
            }
            let background = sentence.and_then(|s| match &s.scope {
                Scope::Background(reason) => Some(reason.clone()),
                Scope::Event => None,
            });
            let vague = figure.qualifier == Some(Qualifier::Vague);
            let far_date = figure
                .date
                .and_then(|i| extraction.dates.get(i))
                .and_then(|d| d.date)
                .filter(|_| background.is_some());
            counts.push(Count {
                reader,
                figure,
                role,
                family: family(whole.map_or(figure.counted.as_deref(), |w| w.counted.as_deref())),
                value,
                low,
                high,
                firm: !figure.implicit && !vague && value > 0.0,
                place: place_of(reading, figure),
                background,
                far_date,
                update: sentence.is_some_and(|s| {
                    UPDATE_WORDS
                        .iter()
                        .any(|w| s.words.iter().any(|x| x.0 == *w))
                }),
                lead: figure.anchor.field == Field::Title
                    || reading
                        .sentences
                        .iter()
                        .filter(|s| !s.noise)
                        .take(LEAD_SENTENCES)
                        .any(|s| s.holds(figure.anchor.start, figure.anchor.end)),
            });
        }
    }
    let mut claims: Vec<Claim> = Vec::new();
    claims.extend(event_claims(readings, &counts));
    claims.extend(background_claims(readings, &counts));
    claims.sort_by(|a, b| {
        (a.scope.is_some(), a.status, &a.subject).cmp(&(b.scope.is_some(), b.status, &b.subject))
    });
    claims
}

fn figure_variant(document: &Document, count: &Count<'_>) -> Variant {
    Variant {
        value: Some(count.value),
        low: count.figure.low,
        high: count.figure.high,
        qualifier: count
            .figure
            .qualifier
            .map(|qualifier| qualifier.to_string()),
        place: count.place.as_ref().map(|p| p.label.clone()),
        ..Variant::passage(document.id, &count.figure.anchor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, figure, story};
    use crate::compare::{Status, scope};

    fn claims_of(articles: &[Document]) -> Vec<(String, Status)> {
        let mut readings: Vec<Reading<'_>> = articles.iter().map(Reading::of).collect();
        for reading in &mut readings {
            scope::assign(reading, &story());
        }
        compare(&readings)
            .into_iter()
            .map(|c| (c.subject, c.status))
            .collect()
    }

    #[test]
    fn counts_read_as_data() {
        // (report A, its figures) / (report B, its figures) → claims, each
        // report published a day after the one before it.
        let wounded = |t: &str, v: f64, counted: &str| figure(t, v, None, None, counted, "injured");
        let killed = |t: &str, v: f64| figure(t, v, None, None, "person", "killed");
        let same_day = |mut document: Document| {
            document.published = NaiveDate::from_ymd_opt(2024, 5, 7);
            document
        };
        type Case<'c> = (Vec<Document>, Vec<(&'c str, Status)>);
        let cases: Vec<Case> = vec![
            // Same number, other qualifier: agreed.
            (
                vec![
                    article(
                        1,
                        "Three soldiers were wounded.",
                        vec![wounded("Three soldiers", 3.0, "soldier")],
                    ),
                    article(
                        2,
                        "At least three troops were wounded.",
                        vec![figure(
                            "At least three troops",
                            3.0,
                            Some(3.0),
                            None,
                            "troop",
                            "injured",
                        )],
                    ),
                ],
                vec![("wounded: military", Status::Agreed)],
            ),
            // Five shot, one killed against four wounded: a total and its parts.
            (
                vec![
                    article(
                        1,
                        "Five people were shot and one person was killed.",
                        vec![
                            wounded("Five people", 5.0, "person"),
                            killed("one person", 1.0),
                        ],
                    ),
                    article(
                        2,
                        "One person was killed and four people were wounded.",
                        vec![
                            killed("One person", 1.0),
                            wounded("four people", 4.0, "person"),
                        ],
                    ),
                ],
                vec![
                    ("killed: people", Status::Agreed),
                    ("shot: people", Status::Compatible),
                    ("wounded: people", Status::Compatible),
                ],
            ),
            // A later report with more dead: an update, not a conflict.
            (
                vec![
                    article(
                        1,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    ),
                    article(
                        2,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                ],
                vec![("killed: people", Status::Compatible)],
            ),
            // A later report with fewer dead: the dead do not recover.
            (
                vec![
                    article(
                        1,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                    article(
                        2,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    ),
                ],
                vec![("killed: people", Status::Conflict)],
            ),
            // One fewer dead where the gunman died: one count may include him.
            (
                vec![
                    article(
                        1,
                        "Four people were killed. The gunman was killed by police.",
                        vec![killed("Four people", 4.0)],
                    ),
                    article(
                        2,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                ],
                vec![("killed: people", Status::Compatible)],
            ),
            // The same day, fewer dead in one: either may be the update.
            (
                vec![
                    article(
                        1,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                    same_day(article(
                        2,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    )),
                ],
                vec![("killed: people", Status::Differs)],
            ),
            // Officers shot and people injured count different things.
            (
                vec![
                    article(
                        1,
                        "Two officers were shot.",
                        vec![wounded("Two officers", 2.0, "officer")],
                    ),
                    article(
                        2,
                        "One person was injured.",
                        vec![wounded("One person", 1.0, "person")],
                    ),
                ],
                vec![
                    ("shot: police", Status::Unique),
                    ("wounded: people", Status::Unique),
                ],
            ),
        ];
        for (articles, expected) in cases {
            let got = claims_of(&articles);
            let expected: Vec<(String, Status)> = expected
                .into_iter()
                .map(|(s, st)| (s.to_string(), st))
                .collect();
            assert_eq!(
                got,
                expected,
                "{:?}",
                articles.iter().map(|a| &a.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn background_counts_stay_apart_from_the_event_and_never_conflict() {
        let a = article(
            1,
            "Four people were killed on Monday. Last year 20,000 people were killed nationwide.",
            vec![
                figure("Four people", 4.0, None, None, "person", "killed"),
                figure("20,000 people", 20000.0, None, None, "person", "killed"),
            ],
        );
        let b = article(
            2,
            "Four people died. Last year 12,000 people were killed nationwide.",
            vec![
                figure("Four people", 4.0, None, None, "person", "killed"),
                figure("12,000 people", 12000.0, None, None, "person", "killed"),
            ],
        );
        let got = claims_of(&[a, b]);
        assert_eq!(
            got,
            vec![
                ("killed: people".to_string(), Status::Agreed),
                ("killed: people".to_string(), Status::Unique),
                ("killed: people".to_string(), Status::Unique),
            ]
        );
    }
}
