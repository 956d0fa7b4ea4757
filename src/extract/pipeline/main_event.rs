//! The main event's consolidated facts: its date (the best placed
//! day-precise date of the headline and lead), its casualty counts (the
//! largest stated per predicate, leaving out background counts) and its
//! place (`main_place`).

use super::anchors::CharIndex;
use super::date_cues::{BACKGROUND_PENALTY, DateCue, OVERNIGHT_PENALTY, STEP_ONLY_PENALTY};
use super::main_place::choose_place;
use super::{
    Anchor, DateItem, DatePrecision, Extraction, Field, FigureItem, LEAD_SENTENCES, MainEvent,
    NaiveDate, RECENT_DAYS, Range, WordList, calendar,
};
use crate::extract::items::{DateKind, Predicate};

/// What the main-event consolidation needs besides the stored items.
pub(super) struct Context<'a> {
    /// Sentences of the body, noise excluded.
    pub lead: &'a [Range<usize>],
    pub body: &'a CharIndex<'a>,
    /// Index of the first headline entity, figure and date among the stored ones.
    pub title_starts: (usize, usize, usize),
    /// One per stored figure: true when it counts people hit by gunfire,
    /// the dead among them ("five people were shot").
    pub shot_figures: &'a [bool],
    /// The headline, if any.
    pub title: Option<&'a str>,
    /// One per stored date, in the same order.
    pub date_cues: &'a [DateCue],
    /// Per stored entity, the ordinal of its sentence among `lead`
    /// ([`TITLE_SENTENCE`] for the headline's).
    pub entity_sentences: &'a [usize],
    /// Character span of the dateline ("CHICAGO (AP) —"), if any.
    pub dateline: Option<(usize, usize)>,
    /// Ordinal of the main event's sentence among `lead`.
    pub event_sentence: Option<usize>,
    /// Character offset where a page title's trailing outlet segment begins
    /// ("… shooting - Spokane News & Weather"); the title's length when none.
    pub headline_end: usize,
}

/// Consolidates the main event's date, place and casualty figures.
pub(super) fn main_event(out: &Extraction, index: usize, context: &Context<'_>) -> MainEvent {
    let (_, first_title_figure, _) = context.title_starts;
    let (lead, body) = (context.lead, context.body);
    let event = &out.events[index];
    let lead_end = lead
        .get(LEAD_SENTENCES.min(lead.len()).saturating_sub(1))
        .map(|r| body.char_at(r.end))
        .unwrap_or(0);
    let in_lead = |a: &Anchor, end: usize| a.field == Field::Title || a.end <= end;

    let reference = out.reference_date.as_ref().map(|r| r.date);
    let date_item = choose_date(out, context, reference);
    let (date, date_precision) = match date_item {
        Some(d) => (d.date, Some(d.precision)),
        None => (reference, reference.map(|_| DatePrecision::Day)),
    };

    let place = choose_place(out, context, event);

    // Casualties: the largest stated count per predicate in the headline and
    // lead, leaving out background counts — a figure whose sentence is dated
    // well before the event, or which is placed in another country than the
    // event. "N shot" counts every victim, so injured is at least shot − killed.
    let event_country = place.as_ref().map(|p| p.country_code.clone());
    let background = |f: &FigureItem| {
        let old_date = f
            .date
            .and_then(|i| out.dates.get(i))
            .and_then(|d| d.date)
            .zip(date)
            .is_some_and(|(d, event_date)| (event_date - d).num_days() > RECENT_DAYS);
        let elsewhere = f
            .place
            .and_then(|i| out.entities.get(i))
            .and_then(|e| e.place.as_ref())
            .zip(event_country.as_ref())
            .is_some_and(|(p, country)| &p.country_code != country);
        old_date || elsewhere
    };
    let title_start = first_title_figure.min(out.figures.len());
    let lead_figures = out
        .figures
        .iter()
        .enumerate()
        .filter(|(position, f)| *position >= title_start || in_lead(&f.anchor, lead_end))
        .filter(|(_, f)| !background(f));
    let (mut killed, mut injured, mut shot): (Option<f64>, Option<f64>, Option<f64>) =
        (None, None, None);
    let max = |slot: &mut Option<f64>, v: f64| *slot = Some(slot.map_or(v, |s| s.max(v)));
    for (position, f) in lead_figures {
        let Some(v) = f.value.or(f.low) else { continue };
        match f.predicate {
            // "Four were shot, one fatally": a part of another count, yet
            // a count of the dead all the same (the largest is kept, so it
            // is never added to another).
            Some(Predicate::Killed) => max(&mut killed, v),
            Some(Predicate::Injured) if f.partitive => {}
            // "N shot" counts every victim hit; a victim mentioned one by
            // one ("the boy was shot") may be the one later reported dead.
            Some(Predicate::Injured)
                if context.shot_figures.get(position).copied().unwrap_or(false) =>
            {
                max(&mut shot, v)
            }
            Some(Predicate::Injured) => max(&mut injured, v),
            _ => {}
        }
    }
    if killed.is_none() && reports_a_death(context) {
        killed = Some(1.0);
    }
    if let Some(shot) = shot {
        let implied = shot - killed.unwrap_or(0.0);
        if implied > 0.0 {
            max(&mut injured, implied);
        }
    }
    MainEvent {
        event: index,
        kind: event.kind,
        date,
        date_precision,
        place,
        killed: killed.map(|v| v.round() as i64),
        injured: injured.map(|v| v.round() as i64),
    }
}

/// Sentences at the top of the body in which a word of death makes the
/// main event a fatal one.
pub(super) const DEATH_CUE_SENTENCES: usize = 2;

/// Words saying someone died, whoever and however many.
pub(super) static DEATH_WORDS: WordList = WordList::new(include_str!("death_words.txt"));

/// True when the headline or the first sentences say that someone died
/// ("Police investigate fatal shooting", "the shooting death of",
/// "charged with murder") though no count of the dead was read: the
/// event killed at least one. An attempted murder is no death.
pub(super) fn reports_a_death(context: &Context<'_>) -> bool {
    let body = context.body.text;
    let lead = context
        .lead
        .iter()
        .take(DEATH_CUE_SENTENCES)
        .filter_map(|range| body.get(range.clone()));
    context.title.into_iter().chain(lead).any(|text| {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.iter().enumerate().any(|(at, word)| {
            let previous = at
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .map(String::as_str);
            DEATH_WORDS.contains(&word.as_str())
                || (word == "death" && previous == Some("shooting"))
                || (matches!(word.as_str(), "murder" | "murdered")
                    && !matches!(previous, Some("attempted" | "attempt")))
        })
    })
}

/// True when a date expression names a day of the week ("Tuesday's",
/// "late Friday night"), which counts from the week of the report rather
/// than from the moment of a quoted speaker.
pub(super) fn names_weekday(expression: &str) -> bool {
    let lower = expression.to_lowercase();
    calendar::WEEKDAYS.iter().any(|day| lower.contains(day))
}

/// The main event's date: among the day-precise dates of the headline and
/// lead, the best placed — next to a word of the incident, in the event's
/// sentence, early, within the days before the reference date (news reports
/// recent events; an older date is background unless it dates the incident
/// itself, as follow-up reports do: "the March 1 shooting"), and not the
/// date of the report ("police said Thursday") or of a page stamp.
pub(super) fn choose_date<'a>(
    out: &'a Extraction,
    context: &Context<'_>,
    reference: Option<NaiveDate>,
) -> Option<&'a DateItem> {
    let mut best: Option<(f64, &DateItem)> = None;
    for (item, cue) in out.dates.iter().zip(context.date_cues) {
        let Some(date) = item.date else { continue };
        // A date naming the incident ("the May 10 shooting") dates it
        // wherever it stands: follow-up reports recall it late.
        // Further down, only a date tied to the incident counts: follow-up
        // reports recall the incident's date after the news of the day.
        let beyond_lead = !cue.in_title && cue.sentence >= LEAD_SENTENCES;
        // Only a written-out date or a named weekday there: a "last night"
        // in a quotation counts from a day the text does not give.
        let incident_only = !cue.reporting
            && cue.incident > 0
            && (item.kind == DateKind::Absolute || names_weekday(&item.anchor.text));
        if item.precision != DatePrecision::Day
            || cue.stamp
            || (cue.sentence == usize::MAX && !cue.in_title)
            || (beyond_lead && !incident_only)
        {
            continue;
        }
        let age = reference.map_or(0, |r| (r - date).num_days());
        if age < 0 {
            continue;
        }
        let recent = age <= RECENT_DAYS;
        // An older date with no word of the incident is background, unless
        // the report has nothing better than the dates of later steps: a
        // court report's written-out date ("on Aug. 5 the boys found the
        // guns") is then the incident's more likely than the hearing's.
        let background = !recent && cue.incident == 0;
        // Only a date written with its day counts then: a holiday ("St.
        // Patrick's Day") names no year, so months back it is a passing
        // mention, not the incident.
        let written_day = item.anchor.text.chars().any(|c| c.is_ascii_digit());
        if background
            && (cue.reporting || item.kind != DateKind::Absolute || beyond_lead || !written_day)
        {
            continue;
        }
        let mut score = if recent { 1.5 } else { 0.0 };
        if background {
            score -= BACKGROUND_PENALTY;
        }
        score += match cue.incident {
            3 => 3.5,
            2 => 2.5,
            1 => 1.5,
            _ => 0.0,
        };
        if cue.reporting {
            score -= 2.5;
        }
        if !cue.in_title && context.event_sentence == Some(cue.sentence) {
            score += 1.0;
        }
        let position = if cue.in_title {
            0
        } else {
            cue.sentence.min(LEAD_SENTENCES) + 1
        };
        score -= 0.25 * position as f64;
        if beyond_lead {
            score -= 0.5;
        }
        // "Overnight" straddles two days: a stated day and hour outweigh it.
        if item.anchor.text.to_lowercase().contains("overnight") {
            score -= OVERNIGHT_PENALTY;
        }
        // A date only a statement or later step governs dates the incident
        // only when no other date does.
        if cue.reporting && cue.incident == 0 {
            score -= STEP_ONLY_PENALTY;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, item));
        }
    }
    best.map(|(_, item)| item)
}
