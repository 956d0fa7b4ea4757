//! The status of two outlets' counts of one role, with its reason: equal,
//! overlapping ranges, rounding, an implied count, an update by the later
//! report, victims who died or were found later, the attacker among the
//! dead; a conflict needs both counts in their reports' leads, and each in
//! its body, not only in a headline. Separate
//! because these are the rules that decide a contradiction.

use std::sync::OnceLock;

use crate::compare::Status;
use crate::compare::reading::{Reading, data_lines};
use crate::extract::items::Field;

use super::roles::Role;
use super::{OutletCount, overlap};

type Totals<'f> = dyn Fn(usize, &str) -> Option<f64> + 'f;

/// Status of two outlets' counts of one role, with the reason. A conflict
/// needs both counts from their reports' leads: a count further down may
/// be a part of the victims or another time, so such a difference is said
/// (`differs`) but not called a contradiction.
pub(super) fn pair_status(
    readings: &[Reading<'_>],
    role: Role,
    family: &str,
    a: &OutletCount<'_>,
    b: &OutletCount<'_>,
    total_victims: &Totals<'_>,
) -> (Status, Option<String>) {
    let pair = CountPair {
        readings,
        role,
        family,
        a,
        b,
        total_victims,
    };
    let (status, reason) = pair.reconcile();
    let label = |c: &OutletCount<'_>| readings[c.reader].document.label();
    if status == Status::Conflict
        && let Some(headline) = [a, b].into_iter().find(|c| headline_only(c))
    {
        return (
            Status::Differs,
            Some(format!(
                "{} (not called a conflict: {} gives its number only in a headline, which may total several incidents or an earlier count)",
                reason.unwrap_or_default(),
                label(headline)
            )),
        );
    }
    if status == Status::Conflict && !(a.lead && b.lead) {
        let outside = if a.lead { label(b) } else { label(a) };
        return (
            Status::Differs,
            Some(format!(
                "{} (not called a conflict: {outside} gives its number outside its lead, where it may count a part or another time)",
                reason.unwrap_or_default()
            )),
        );
    }
    (status, reason)
}

/// True when an outlet's count is stated only in its headline: no passage
/// of its body gives that number (for a count derived from a total and a
/// part, no part comes from the body).
fn headline_only(count: &OutletCount<'_>) -> bool {
    let in_body = |c: &super::Count<'_>| c.figure.anchor.field == Field::Text;
    if count.derived {
        !count.passages.iter().any(|c| in_body(c))
    } else {
        !count
            .passages
            .iter()
            .any(|c| in_body(c) && c.value == count.value)
    }
}

/// Farthest (in words) a death phrase may follow the word for the attacker.
const ATTACKER_REACH: usize = 6;

/// True when an event sentence of any outlet reports the attacker dead
/// ("the gunman was killed by officers", "the shooter killed himself"):
/// then counts of the dead that differ by one may differ only by whether
/// they count the attacker.
fn perpetrator_died(readings: &[Reading<'_>]) -> bool {
    static PERPETRATORS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let perpetrators =
        PERPETRATORS.get_or_init(|| data_lines(include_str!("../data/perpetrators.txt")).collect());
    readings.iter().any(|reading| {
        reading
            .sentences
            .iter()
            .filter(|s| !s.noise && !s.scope.is_background())
            .any(|sentence| {
                let words = &sentence.words;
                words.iter().enumerate().any(|(i, word)| {
                    perpetrators.contains(&word.0.as_str())
                        && (i + 1..words.len().min(i + 1 + ATTACKER_REACH)).any(|at| {
                            crate::compare::participants::condition_at(words, at).is_some_and(
                                |(phrase, class)| {
                                    // "the gunman fatally shot the clerk" is
                                    // what he did, not how he ended.
                                    let adverb = phrase.len() == 1
                                        && crate::compare::participants::CONDITION_ADVERBS
                                            .contains(&phrase[0]);
                                    let passive = crate::compare::participants::BE
                                        .contains(&words[at - 1].0.as_str());
                                    *class == "dead" && (!adverb || passive)
                                },
                            )
                        })
                })
            })
    })
}

/// Two outlets' counts of one role, with what reconciling them reads: the
/// outlets' readings and every outlet's total of victims.
#[derive(Clone, Copy)]
struct CountPair<'p> {
    readings: &'p [Reading<'p>],
    role: Role,
    family: &'p str,
    a: &'p OutletCount<'p>,
    b: &'p OutletCount<'p>,
    total_victims: &'p Totals<'p>,
}

impl CountPair<'_> {
    /// Status of the two counts by value, qualifiers, totals and the
    /// reports' dates.
    fn reconcile(self) -> (Status, Option<String>) {
        let CountPair {
            readings,
            role,
            family,
            a,
            b,
            total_victims,
        } = self;
        let label = |c: &OutletCount<'_>| readings[c.reader].document.label();
        if a.value == b.value {
            return (Status::Agreed, None);
        }
        if overlap((a.low, a.high), (b.low, b.high)) {
            return (
                Status::Compatible,
                Some("the stated numbers differ but their qualified ranges overlap".into()),
            );
        }
        let relative = (a.value - b.value).abs() / a.value.abs().max(b.value.abs()).max(1.0);
        if relative <= 0.10 && (a.qualified || b.qualified) {
            return (
                Status::Compatible,
                Some("one number rounds the other".into()),
            );
        }
        if !a.firm || !b.firm {
            return (
            Status::Compatible,
            Some(
                "one report implies a count without stating it (\"a man was killed\", \"several\")"
                    .into(),
            ),
        );
        }
        if a.readings
            .iter()
            .any(|x| b.readings.iter().any(|y| overlap(*x, *y)))
        {
            return (
                Status::Compatible,
                Some("each outlet's total differs, but one also gives the other's number".into()),
            );
        }
        let published = |c: &OutletCount<'_>| readings[c.reader].document.published;
        let (earlier, later) = match (published(a), published(b)) {
            (Some(x), Some(y)) if x < y => (a, b),
            (Some(x), Some(y)) if y < x => (b, a),
            // Published the same day (or undated): which came later is not
            // known, so the larger count may be the later update of the smaller
            // one; the difference is shown, not called a contradiction.
            _ => {
                return (
                    Status::Differs,
                    Some(format!(
                        "{} and {}, published the same day, give {} and {} {} {} (not called a conflict: either may be the later update)",
                        label(a),
                        label(b),
                        a.value,
                        b.value,
                        family,
                        role.as_str()
                    )),
                );
            }
        };
        if later.update {
            return (
                Status::Compatible,
                Some("the later report updates the count".into()),
            );
        }
        let grew = later.value > earlier.value;
        match role {
            Role::Killed if grew => (
                Status::Compatible,
                Some("a later report counts more dead".into()),
            ),
            Role::Killed
                if (earlier.value - later.value - 1.0).abs() < f64::EPSILON
                    && perpetrator_died(readings) =>
            {
                (
                    Status::Compatible,
                    Some(format!(
                        "{} counts {} dead, the later {} {}: the attacker died too, and one count may include them",
                        label(earlier),
                        earlier.value,
                        label(later),
                        later.value
                    )),
                )
            }
            Role::Killed => (
                Status::Conflict,
                Some(format!(
                    "{} counts {} dead, the later {} only {}: the dead do not recover",
                    label(earlier),
                    earlier.value,
                    label(later),
                    later.value
                )),
            ),
            Role::Wounded | Role::Shot | Role::Hospitalised => {
                let before = total_victims(earlier.reader, family);
                let after = total_victims(later.reader, family);
                match (before, after) {
                    (Some(x), Some(y)) if y >= x => (
                        Status::Compatible,
                        Some("a later report: victims died or were found later".into()),
                    ),
                    (Some(x), Some(y)) => (
                        Status::Conflict,
                        Some(format!(
                            "{} counts {} victims in all, the later {} {}",
                            label(earlier),
                            x,
                            label(later),
                            y
                        )),
                    ),
                    _ if grew => (
                        Status::Compatible,
                        Some("a later report counts more".into()),
                    ),
                    _ => (
                        Status::Conflict,
                        Some(format!(
                            "{} counts {} {}, the later {} {}",
                            label(earlier),
                            earlier.value,
                            role.as_str(),
                            label(later),
                            later.value
                        )),
                    ),
                }
            }
            _ => (
                Status::Compatible,
                Some("the reports are days apart".into()),
            ),
        }
    }
}
