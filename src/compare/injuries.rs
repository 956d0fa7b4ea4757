//! The condition of the wounded as a group, compared across outlets.
//!
//! Reports often tell the wounded's condition without naming anyone: "none
//! of the injuries are life-threatening", "all three are in stable
//! condition" against "one of them is in critical condition". Such
//! sentences say something of *every* wounded person (a universal: none in
//! danger) or of *some* (an existential: one critical). A universal "none
//! in danger" and an existential "one critical" of the same event, on the
//! same day, cannot both hold: that is a conflict. Conditions change over
//! days, so reports of different days are compatible.
//!
//! Read from event sentences only (background sentences tell of other
//! incidents), outside page furniture, with the condition phrases of
//! `data/conditions.txt`; a phrase with a denial word shortly before it
//! ("none of the injuries were life-threatening", "no one is in critical
//! condition") reads as the mildest class.

use std::sync::LazyLock;

use super::participants::{attribution_cues, condition_at, condition_rank};
use super::reading::{Reading, Scope, data_lines};
use super::{Claim, Status, Variant};
use crate::extract::items::{Anchor, EntityKind, Field};

/// Words that make a condition sentence speak of every wounded person.
/// (`data/universal_quantifiers.txt`)
static UNIVERSAL: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("data/universal_quantifiers.txt")).collect());
/// Words that deny the condition phrase after them.
/// (`data/denials.txt`)
static DENIAL: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("data/denials.txt")).collect());
/// Quantifiers that deny of every wounded person at once.
/// (`data/negative_quantifiers.txt`)
static NEGATIVE_QUANTIFIERS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("data/negative_quantifiers.txt")).collect());
/// Words between a denial and the phrase it denies.
const DENIAL_REACH: usize = 6;

/// One outlet's statement of the wounded's condition.
struct Told {
    reader: usize,
    /// 0 minor … 3 critical (the dead are not the wounded's condition).
    rank: u8,
    /// Of every wounded person (true) or of some (false).
    universal: bool,
    /// Denied of every wounded person by a negative quantifier ("none").
    none: bool,
    start: usize,
    end: usize,
    class: &'static str,
}

/// The conditions told of the wounded as a group, in each report.
fn told(readings: &[Reading<'_>]) -> Vec<Told> {
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let document = reading.document;
        for sentence in &reading.sentences {
            if sentence.noise || sentence.scope != Scope::Event {
                continue;
            }
            let words = &sentence.words;
            // A person named before the phrase with no attribution word in
            // between is whom the phrase is about (that is a participant's
            // condition); a name after it is usually the source ("…, Sgt.
            // Tom Vega said").
            let named_before = |phrase_start: usize| {
                document.extraction.entities.iter().any(|e| {
                    e.kind == EntityKind::Person
                        && e.anchor.field == Field::Text
                        && e.anchor.start >= sentence.start
                        && e.anchor.end <= phrase_start
                        && !words.iter().any(|w| {
                            w.1 >= e.anchor.end
                                && w.2 <= phrase_start
                                && attribution_cues().contains(&w.0.as_str())
                        })
                })
            };
            let mut at = 0;
            while at < words.len() {
                let Some((phrase, class)) = condition_at(words, at) else {
                    at += 1;
                    continue;
                };
                if named_before(words[at].1) {
                    at += phrase.len();
                    continue;
                }
                let rank = condition_rank(class);
                let before = &words[at.saturating_sub(DENIAL_REACH)..at];
                let denied = before.iter().any(|w| DENIAL.contains(&w.0.as_str()));
                // "None of the injuries …", "all … non-life-threatening": a
                // quantifier over the wounded before the phrase.
                let universal = before.iter().any(|w| UNIVERSAL.contains(&w.0.as_str()));
                // Strongest: the denial is the quantifier itself ("none of
                // the injuries were life-threatening").
                let none = denied
                    && before
                        .iter()
                        .any(|w| NEGATIVE_QUANTIFIERS.contains(&w.0.as_str()));
                let (rank, class) = if denied && rank >= 2 {
                    (0, "minor")
                } else {
                    (rank, *class)
                };
                if rank < 4 {
                    out.push(Told {
                        reader,
                        rank,
                        universal,
                        none,
                        start: words[at].1,
                        end: words[at + phrase.len() - 1].2,
                        class,
                    });
                }
                at += phrase.len();
            }
        }
    }
    out
}

/// The wounded's condition claim, when two outlets or more tell it.
pub fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let told = told(readings);
    let outlets: std::collections::BTreeSet<usize> = told.iter().map(|t| t.reader).collect();
    if outlets.len() < 2 {
        return Vec::new();
    }
    let label = |t: &Told| readings[t.reader].document.label();
    let published = |t: &Told| readings[t.reader].document.published;
    // The strongest finding of any pair wins: conflict > differs > compatible.
    let mut status = Status::Agreed;
    let mut note: Option<String> = None;
    let mut raise = |to: Status, why: String| {
        if to > status {
            status = to;
            note = Some(why);
        }
    };
    for a in &told {
        for b in told.iter().filter(|b| b.reader != a.reader) {
            // A universal "none in danger" against a report of one critical.
            let clash = a.universal && a.rank <= 1 && b.rank == 3 && !b.universal;
            let same_day = published(a).is_some() && published(a) == published(b);
            let (passage_a, passage_b) = (
                readings[a.reader].slice(a.start, a.end),
                readings[b.reader].slice(b.start, b.end),
            );
            if clash && same_day && a.none {
                raise(
                    Status::Conflict,
                    format!(
                        "{} says none of the wounded is in danger (“{passage_a}”), {} the same day that one is {} (“{passage_b}”)",
                        label(a),
                        label(b),
                        b.class
                    ),
                );
            } else if clash && same_day {
                // "All are in stable condition" may speak of a part of the
                // wounded (all the officers): shown, not called a conflict.
                raise(
                    Status::Differs,
                    format!(
                        "{} says all the wounded are {} (“{passage_a}”), {} the same day that one is {} (“{passage_b}”); not called a conflict: “all” may mean a part of the wounded",
                        label(a),
                        a.class,
                        label(b),
                        b.class
                    ),
                );
            } else if clash {
                raise(
                    Status::Compatible,
                    "told on different days: a condition changes".into(),
                );
            } else if a.rank != b.rank {
                raise(
                    Status::Compatible,
                    "the outlets may speak of different wounded people".into(),
                );
            }
        }
    }
    let variants = told
        .iter()
        .map(|t| {
            let anchor = Anchor {
                field: Field::Text,
                start: t.start,
                end: t.end,
                text: readings[t.reader].slice(t.start, t.end),
            };
            Variant {
                reading: Some(t.class.to_string()),
                ..Variant::passage(readings[t.reader].document.id, &anchor)
            }
        })
        .collect();
    vec![Claim {
        key: String::new(),
        kind: "attribute".into(),
        subject: "condition of the wounded".into(),
        status,
        variants,
        note,
        scope: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::articles;

    fn status_of(texts: [&str; 2], same_day: bool) -> Option<Status> {
        let mut documents = articles(&texts);
        if same_day {
            documents[1].published = documents[0].published;
        }
        let readings: Vec<Reading<'_>> = documents.iter().map(Reading::of).collect();
        compare(&readings).first().map(|c| c.status)
    }

    #[test]
    fn the_wounded_condition_read_as_data() {
        for (texts, same_day, expected) in [
            (
                [
                    "Three people were wounded. None of the injuries were life-threatening.",
                    "Three people were wounded, one of them in critical condition.",
                ],
                true,
                Some(Status::Conflict),
            ),
            (
                [
                    "Three people were wounded. None of the injuries were life-threatening.",
                    "Three people were wounded, one of them in critical condition.",
                ],
                false,
                Some(Status::Compatible),
            ),
            (
                [
                    "Both victims were in stable condition.",
                    "The two wounded were listed in stable condition.",
                ],
                true,
                Some(Status::Agreed),
            ),
            (
                [
                    "One victim was in critical condition.",
                    "Another was treated and released.",
                ],
                true,
                Some(Status::Compatible),
            ),
            (
                [
                    "Three people were wounded.",
                    "One was in critical condition.",
                ],
                true,
                None,
            ),
        ] {
            assert_eq!(status_of(texts, same_day), expected, "{texts:?}");
        }
    }
}
