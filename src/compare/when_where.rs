//! When and where: the story's event dates and places across outlets.
//!
//! *When*: for each kind of event (attack, airstrike, shooting …), the time
//! each outlet gives it, as an interval of hours: a day with the part of it
//! the passage names ("Sunday night" 18 h to 4 h the next day, "early
//! Sunday morning" from 10 p.m. the night before to 8 h, "Sunday" the
//! whole day). An outlet's time that meets no other outlet's time for the
//! event is a `conflict`; a shooting "late Thursday" and one "early
//! Friday" are one night. The other outlet's passages that cannot decide a
//! conflict (further down, a recall) still count for meeting: an outlet
//! that dates the event the same way anywhere in its report is not
//! contradicted by another of its dates.
//! Only dates that tell the event count:
//! - from sentences of the event ([`super::scope`]), not page furniture;
//! - not the day something was said ("police said Friday") or a condition
//!   reported ("in critical condition Sunday night");
//! - for the event itself (attack, shooting, killing …), not dates in a
//!   sentence about a later step — an arrest, a hearing, a funeral, a press
//!   conference (`data/side_events.txt`) — which date that step; for a step
//!   (an arrest), not the incident's own day recalled in its sentence;
//! - from the report's lead (headline and first sentences), where outlets
//!   say when the event happened; further down a date is more often a
//!   step, a recall or another incident's (kept as a variant, never a
//!   conflict);
//! - only the incident's own time can conflict: later steps (arrest,
//!   charge, arraignment) fall on different days by nature;
//! - a bare weekday ("Sunday") only in a report published within a week of
//!   the day it resolves to: later, the same word may mean another week;
//! - not a day read only from the publication stamp ("today", "this
//!   afternoon", "last night"): a stamp after an update, in another time
//!   zone, or words quoted from the day before shift it by a day, while a
//!   weekday or a month names its day (kept as a variant);
//! - a death dated after the story's day is a victim who died later, not
//!   another day for the attack.
//!
//! A weekday that contradicts an explicit date in the same article is
//! shown as differing; it is a conflict when another outlet writes the
//! same weekday beside a date it falls on, in the same week (`weekdays`).
//!
//! *Where*: each article's main-event place. The same place everywhere is
//! `agreed`; a city inside the region or country another outlet names is
//! `compatible`; different cities or regions are a `conflict` — but only
//! when the article does not also name the story's place, never for a
//! place named only in a dateline, and not when either article writes the
//! other's place too (it knows both: one is a hometown, a school, a
//! neighbourhood of the same name; shown as differing).
//!
//! By concern: the event's dates are compared in [`dates`], its places in
//! [`places`]; this file returns the two lists.

mod dates;
mod places;
mod weekdays;

use super::Claim;
use super::reading::Reading;
use crate::model::StorySummary;

/// (when, where) items.
pub fn compare(story: &StorySummary, readings: &[Reading<'_>]) -> (Vec<Claim>, Vec<Claim>) {
    (
        dates::compare(story, readings),
        places::compare(story, readings),
    )
}
