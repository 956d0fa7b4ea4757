//! *When*: the times outlets give each kind of event, as intervals of
//! hours, which dates tell the event ([`tells`]) and when two outlets' times
//! conflict (the rules are listed in the parent module's doc).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{LazyLock, OnceLock};

use chrono::NaiveDate;

use crate::compare::reading::{Reading, data_lines};
use crate::compare::{Claim, Status, Variant};
use crate::extract::items::{DateItem, DateKind, EventType, Field};
use crate::model::{DatePrecision, StorySummary};
use crate::text::calendar::{MONTHS, abbreviated_month, weekday_named_in};

/// Whether events of `kind` are the incident itself; other kinds are its
/// later steps.
fn is_incident(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Attack
            | EventType::Airstrike
            | EventType::Shooting
            | EventType::Killing
            | EventType::Injury
    )
}

/// Verbs after which a date is the day something was said.
/// (`data/reporting_verbs.txt`)
static REPORTING: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/reporting_verbs.txt")).collect());

/// Words of a death, which may come days after the attack.
/// (`data/death_words.txt`)
static DEATH: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/death_words.txt")).collect());

/// Sentences of a report's body that make its lead (with the headline).
const LEAD_SENTENCES: usize = 3;
/// Days after the event within which a report may make a date conflict.
const FOLLOW_UP_DAYS: i64 = 3;

/// Days after which a bare weekday no longer names a single day.
const WEEKDAY_DAYS: i64 = 6;

/// Words naming a later step of a story (`data/side_events.txt`).
fn side_events() -> &'static [Vec<&'static str>] {
    static SIDE: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    SIDE.get_or_init(|| {
        data_lines(include_str!("../data/side_events.txt"))
            .map(|line| line.split_whitespace().collect())
            .collect()
    })
}

/// One outlet's dating of an event: an interval of hours counted from the
/// story's day (or from 1970 when the story has none).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Hours {
    date: NaiveDate,
    from: i64,
    to: i64,
}

impl Hours {
    /// Reads a date passage: its day and the part of the day it names.
    fn of(date: NaiveDate, text: &str, part: Option<&str>) -> Hours {
        let lower = text.to_lowercase();
        let has = |word: &str| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word)
        };
        // The extraction reads "night" from a clock time too, and a time
        // between 9 p.m. and 4 a.m. may lie on either side of midnight: only
        // the word itself places it late in the day.
        let part = match part {
            Some("night") if !has("night") && !has("tonight") => "",
            other => other.unwrap_or(""),
        };
        // Hours of the day; "early" and "morning" reach back over midnight,
        // where a shooting at 1 a.m. is still told as the night before.
        let (from, to) = if has("overnight") {
            (-6, 32)
        } else if has("midnight") {
            (-3, 27)
        } else if has("early")
            && (part == "morning"
                || has("morning")
                || !(has("night") || has("evening") || has("afternoon")))
        {
            // "early Sunday", "early Sunday morning"; "early Tuesday
            // evening" is early in the evening, read below.
            (-2, 8)
        } else if has("late") && (part == "night" || has("night") || part.is_empty()) {
            (20, 28)
        } else {
            match part {
                "morning" => (-1, 12),
                "afternoon" => (12, 18),
                "evening" => (17, 24),
                "night" => (18, 28),
                _ if has("morning") => (-1, 12),
                _ if has("afternoon") => (12, 18),
                _ if has("evening") => (17, 24),
                _ if has("night") || has("tonight") => (18, 28),
                _ => (0, 24),
            }
        };
        let base = date.signed_duration_since(NaiveDate::default()).num_days() * 24;
        Hours {
            date,
            from: base + from,
            to: base + to,
        }
    }

    fn meets(&self, other: &Hours) -> bool {
        self.from < other.to && other.from < self.to
    }
}

/// Dated passages of one kind of event, per article.
type Datings = BTreeMap<i64, Vec<(Variant, Hours, bool)>>;

/// The date items: one per kind of event dated by two outlets or more,
/// and each weekday an article contradicts with its own date.
pub(super) fn compare(story: &StorySummary, readings: &[Reading<'_>]) -> Vec<Claim> {
    let mut by_kind: BTreeMap<EventType, Datings> = BTreeMap::new();
    let mut when = Vec::new();
    for reading in readings {
        let article = reading.document;
        let extraction = &article.extraction;
        let mut seen: BTreeSet<(EventType, usize)> = BTreeSet::new();
        for event in &extraction.events {
            if event.negated
                || event.hypothetical
                || matches!(event.kind, EventType::Statement | EventType::Condemnation)
            {
                continue;
            }
            let Some(index) = event.date else { continue };
            let Some(item) = extraction.dates.get(index) else {
                continue;
            };
            let Some(date) = item.date.filter(|_| item.precision == DatePrecision::Day) else {
                continue;
            };
            if story.date.is_some_and(|s| (date - s).num_days().abs() > 7)
                || article.in_noise(&item.anchor)
            {
                continue;
            }
            if !seen.insert((event.kind, index)) {
                continue;
            }
            let Some(counts) = tells(reading, story, event.kind, item, date) else {
                continue;
            };
            let hours = Hours::of(date, &item.anchor.text, item.part_of_day.as_deref());
            let variant = Variant {
                date: Some(date),
                ..Variant::passage(article.id, &item.anchor)
            };
            by_kind
                .entry(event.kind)
                .or_default()
                .entry(article.id)
                .or_default()
                .push((variant, hours, counts));
        }
    }
    when.extend(super::weekdays::compare(readings));
    // In the order of the kinds' names, the order the date items have
    // always come out in.
    let mut by_kind: Vec<(EventType, Datings)> = by_kind.into_iter().collect();
    by_kind.sort_by_key(|(kind, _)| kind.as_str());
    for (kind, datings) in by_kind {
        if datings.len() < 2 {
            continue;
        }
        let label = |id: i64| {
            readings
                .iter()
                .find(|r| r.document.id == id)
                .map_or_else(|| id.to_string(), |r| r.document.label())
        };
        let dates: BTreeSet<NaiveDate> =
            datings.values().flatten().map(|(_, h, _)| h.date).collect();
        let counting: Vec<(i64, Vec<Hours>)> = datings
            .iter()
            .map(|(id, list)| {
                (
                    *id,
                    list.iter()
                        .filter(|(_, _, c)| *c)
                        .map(|(_, h, _)| *h)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, hours)| !hours.is_empty())
            .collect();
        // A conflict: two outlets whose times for the event never meet, both
        // reporting within a few days of the event (a follow-up weeks later
        // names many days — arrests, hearings, a death — and a stray one
        // tells little).
        let early = |id: i64| {
            readings
                .iter()
                .find(|r| r.document.id == id)
                .and_then(|r| r.document.published)
                .is_none_or(|p| {
                    story
                        .date
                        .is_none_or(|s| (p - s).num_days() <= FOLLOW_UP_DAYS)
                })
        };
        // Later steps (arrest, charge, arraignment) fall on different days
        // by nature, and the extraction calls them all "arrest": only the
        // incident's own time can conflict.
        let incident = is_incident(kind);
        // Every time an article gives the event, counting or not: an
        // outlet whose other passages (further down, or a side remark) date
        // the event when the other outlet does is not contradicting it,
        // whatever its lead says — its dates disagree with each other first.
        let all_hours: BTreeMap<i64, Vec<Hours>> = datings
            .iter()
            .map(|(id, list)| (*id, list.iter().map(|(_, h, _)| *h).collect()))
            .collect();
        let mut apart: Option<(i64, i64)> = None;
        for (x, (a, hours_a)) in counting.iter().enumerate() {
            for (b, hours_b) in &counting[x + 1..] {
                let meets_any = |hours: &[Hours], others: &[Hours]| {
                    hours.iter().any(|h| others.iter().any(|k| h.meets(k)))
                };
                let meet = meets_any(hours_a, &all_hours[b]) || meets_any(hours_b, &all_hours[a]);
                if !meet && incident && early(*a) && early(*b) && apart.is_none() {
                    apart = Some((*a, *b));
                }
            }
        }
        let status = if apart.is_some() {
            Status::Conflict
        } else if dates.len() == 1 {
            Status::Agreed
        } else {
            Status::Compatible
        };
        let describe = |id: i64| {
            datings
                .get(&id)
                .map(|list| {
                    list.iter()
                        .filter(|(_, _, c)| *c)
                        .map(|(v, h, _)| format!("“{}” ({})", v.text, h.date.format("%A %-d %B")))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        let note = match (status, apart) {
            (Status::Conflict, Some((a, b))) => Some(format!(
                "{} dates the {kind} {}, {} {}: the times never meet",
                label(a),
                describe(a),
                label(b),
                describe(b)
            )),
            (Status::Compatible, _) => Some("the outlets' times overlap or meet across a midnight, or a later date is a later step (a death)".into()),
            _ => None,
        };
        when.push(Claim {
            key: String::new(),
            kind: "date".into(),
            subject: format!("date of the {kind}"),
            status,
            variants: datings
                .into_values()
                .flatten()
                .map(|(variant, _, _)| variant)
                .collect(),
            note,
            scope: None,
        });
    }
    when.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .reverse()
            .then(a.subject.cmp(&b.subject))
    });
    when
}

/// Whether a dated event passage may decide a conflict: `None` when it does
/// not date this kind of event at all, `Some(false)` when it is kept as a
/// variant but cannot conflict (see the module doc).
fn tells(
    reading: &Reading<'_>,
    story: &StorySummary,
    kind: EventType,
    item: &DateItem,
    date: NaiveDate,
) -> Option<bool> {
    if item.anchor.field != Field::Text {
        return Some(true);
    }
    let sentence = &reading.sentences[reading.sentence_of(item.anchor.start, item.anchor.end)?];
    if sentence.noise || sentence.scope.is_background() {
        return None;
    }
    let incident = is_incident(kind);
    let side_step = side_events().iter().any(|cue| sentence.has_phrase(cue));
    let near_story_day = story.date.is_some_and(|s| (date - s).num_days().abs() <= 1);
    if incident && side_step {
        return None;
    }
    if !incident && near_story_day {
        return None;
    }
    // "said Friday", "announced Thursday": the day of the statement; "in
    // critical condition Sunday night", "… condition on Sunday": the day of
    // a condition report.
    let mut before = sentence
        .words
        .iter()
        .rev()
        .filter(|w| w.2 <= item.anchor.start)
        .map(|w| w.0.as_str());
    let (last, second) = (before.next(), before.next());
    let reported = last.is_some_and(|w| REPORTING.contains(&w));
    let condition =
        last == Some("condition") || (last == Some("on") && second == Some("condition"));
    if reported || condition {
        return None;
    }
    // Outlets say when the event happened in their leads; a date further
    // down is more often a step, a recall or another incident's.
    let lead = reading
        .sentences
        .iter()
        .filter(|s| !s.noise)
        .take(LEAD_SENTENCES)
        .any(|s| s.holds(item.anchor.start, item.anchor.end));
    if !lead {
        return Some(false);
    }
    let bare_weekday = item.kind == DateKind::Relative;
    let late_report = reading
        .document
        .published
        .is_some_and(|p| (p - date).num_days() > WEEKDAY_DAYS);
    // A death after the story's day is a victim who died later: the day of
    // the death, not another day for the attack.
    let death = kind == EventType::Killing
        || DEATH
            .iter()
            .any(|w| sentence.words.iter().any(|x| x.0 == *w));
    let died_later = death && story.date.is_some_and(|s| date > s);
    // "Today", "this afternoon", "last night": the day is the publication
    // date's, and a report stamped after an update, in another time zone
    // or quoting words said the day before shifts it by a day. A weekday
    // or a month names its day whatever the stamp.
    let names_its_day = weekday_named_in(&item.anchor.text).is_some()
        || item
            .anchor
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| MONTHS.contains_ignore_case(w) || abbreviated_month(w).is_some())
        || item.anchor.text.chars().any(|c| c.is_ascii_digit());
    let from_the_stamp = item.kind == DateKind::Relative && !names_its_day;
    Some(!(died_later || bare_weekday && late_report || from_the_stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(day: u32, text: &str, part: Option<&str>) -> Hours {
        Hours::of(
            NaiveDate::from_ymd_opt(2016, 7, day).unwrap_or_default(),
            text,
            part,
        )
    }

    #[test]
    fn times_of_day_read_as_data() {
        // (day, passage, part of day) of one outlet and of another → do they meet?
        for ((a, ta, pa), (b, tb, pb), meet) in [
            (
                (7, "Thursday night", Some("night")),
                (8, "Friday", None),
                true,
            ),
            ((7, "Thursday", None), (8, "early Friday", None), true),
            (
                (8, "Friday morning", Some("morning")),
                (7, "Thursday", None),
                true,
            ),
            ((7, "Thursday", None), (8, "Friday", None), false),
            (
                (6, "Wednesday night", Some("night")),
                (8, "early Friday", None),
                false,
            ),
            (
                (24, "Sunday night", Some("night")),
                (24, "early Sunday morning", Some("morning")),
                false,
            ),
            (
                (23, "Saturday night", Some("night")),
                (24, "early Sunday morning", Some("morning")),
                true,
            ),
            (
                (23, "Saturday night", Some("night")),
                (24, "Sunday night", Some("night")),
                false,
            ),
            (
                (24, "Sunday morning", Some("morning")),
                (24, "Sunday", None),
                true,
            ),
        ] {
            let (x, y) = (hours(a, ta, pa), hours(b, tb, pb));
            assert_eq!(x.meets(&y), meet, "{ta} / {tb}");
        }
    }
}
