//! Extraction stage: typed event frames, and the article's main event.
//!
//! Grouping reports into stories and comparing them needs to know *what
//! happened* in each article: an airstrike, a shooting, arrests, a
//! condemnation. This stage finds event triggers (verbs and nominalisations
//! from a fixed lexicon: "struck", "airstrikes", "shot", "gunfire", "killed",
//! "claimed responsibility", …), builds one frame per trigger with its
//! arguments read from position and a little syntax, and ranks the frames to
//! pick the main event.
//!
//! Arguments are indices into the mentions the earlier stages found:
//! * actor: the entity just before an active trigger ("Hamas carried out an
//!   attack"), or the agent after "by" ("an attack by X", "was claimed by X");
//! * targets: the first entity after the trigger ("strikes on facilities used
//!   by X", "against X"; a place only after "against"), or the subject of a
//!   passive trigger;
//! * place: the place mention introduced by in/at/near/on nearest the trigger;
//! * date: the date mention nearest the trigger in its sentence;
//! * figures: the sentence's figures whose predicate fits the event type.
//!
//! A trigger right after a negation ("no one was injured") is `negated`; one
//! governed by a modal or an intention ("would strike", "threatened to
//! attack") is `hypothetical`. Neither can be the main event.
//!
//! # Scoring
//! `score` = type weight + position + arguments + headline − background:
//! * type weight ([`EventType::weight`]): concrete violence first (shooting
//!   3.0, killing and airstrike 2.8, attack 2.5, injury 2.3), then arrest 1.8,
//!   protest and claim of responsibility 1.5, sanction 1.4, deployment 1.2,
//!   condemnation 1.0, statement 0.3;
//! * position of the sentence among the article's non-noise sentences: 3.0 for
//!   the lead, 2.2, 1.5, 1.0 for the next three, 0.5 up to the sixth, then 0;
//! * arguments: +0.6 per fitting figure (two at most), +0.5 a place, +0.4 a
//!   date, +0.3 an actor, +0.3 a target;
//! * headline: +2.0 when the title has a trigger of the same type, +1.0 when
//!   it has one of another violent type;
//! * background: −1.0 per history cue in the sentence ("In 2009", "since",
//!   "began", "previously", "last year", …) and −2.0 when its date lies more
//!   than 45 days before the article's reference date (the latest of its
//!   first three resolved dates), at most −4.0 in all;
//! * antecedent: −0.8 when the trigger sits in an "after …", "following …"
//!   or "in response to …" phrase (the event that led to the news, as in
//!   "X retaliates after drone attack");
//! * negated or hypothetical: −5.0 (and excluded by [`main_event`]).
//!
//! Modules: `frame` (a trigger's arguments and its negation or modality),
//! `score` (the ranking above). Triggers and cue words are data files in
//! `events/`; words are read with the shared tokenizer's prose rules
//! (`text::tokens::PROSE`).

mod frame;
mod score;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::extract::items::EntityKind;
pub use crate::extract::items::EventType;
use crate::extract::quotes::sentences_or_fallback;
use crate::text::tokens::{self, PROSE, Word as Token, WordKind as TokenKind};
use crate::text::words::{WordList, WordTable};
use frame::Frame;
use score::score;

impl EventType {
    /// How much the type itself counts towards being the main event.
    pub fn weight(self) -> f64 {
        match self {
            EventType::Shooting => 3.0,
            EventType::Killing | EventType::Airstrike => 2.8,
            EventType::Attack => 2.5,
            EventType::Injury => 2.3,
            EventType::Arrest => 1.8,
            EventType::Protest | EventType::ClaimOfResponsibility => 1.5,
            EventType::Sanction => 1.4,
            EventType::Deployment => 1.2,
            EventType::Condemnation => 1.0,
            EventType::Statement => 0.3,
        }
    }

    /// Physical violence: the events a news story is usually about.
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            EventType::Attack
                | EventType::Airstrike
                | EventType::Shooting
                | EventType::Killing
                | EventType::Injury
        )
    }
}

/// An entity mention from the entity stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    pub range: Range<usize>,
    /// A person, organisation, place or group.
    pub kind: EntityKind,
}

/// A date mention from the date stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRef {
    pub range: Range<usize>,
    pub resolved: Option<NaiveDate>,
}

/// A figure from the figure stage.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRef {
    pub range: Range<usize>,
    /// What the figure counts: "killed", "injured", "struck", …
    pub predicate: Option<&'static str>,
    pub value: Option<f64>,
}

/// One event frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: EventType,
    /// The trigger words ("shot", "claimed responsibility", "air strikes").
    pub trigger: Range<usize>,
    pub sentence: Range<usize>,
    /// Indices into the entity input.
    pub actors: Vec<usize>,
    /// Indices into the entity input.
    pub targets: Vec<usize>,
    /// Index into the entity input (a place).
    pub place: Option<usize>,
    /// Index into the date input.
    pub date: Option<usize>,
    /// Indices into the figure input.
    pub figures: Vec<usize>,
    pub negated: bool,
    pub hypothetical: bool,
    /// Rank for choosing the main event; see the module documentation.
    pub score: f64,
}

/// Words opening a phrase about what led to the reported event.
static ANTECEDENT_CUES: WordList = WordList::new(include_str!("events/antecedent_cues.txt"));

/// Single-word triggers, each with its event type.
static TRIGGER_TABLE: WordTable = WordTable::new(include_str!("events/triggers.txt"));

/// [`TRIGGER_TABLE`] by word.
static TRIGGERS: LazyLock<HashMap<&'static str, EventType>> = LazyLock::new(|| {
    TRIGGER_TABLE
        .iter()
        .filter_map(|(word, kind)| Some((*word, EventType::parse(kind)?)))
        .collect()
});

/// Negations: a trigger right after one (past the gap words) is negated
/// ("no one was injured").
static NEGATIONS: WordList = WordList::new(include_str!("events/negations.txt"));
/// Words that may stand between a negation and its trigger ("no one was injured").
static NEGATION_GAP: WordList = WordList::new(include_str!("events/negation_gap.txt"));
/// Modal verbs: a trigger they govern is hypothetical ("would strike").
static MODALS: WordList = WordList::new(include_str!("events/modals.txt"));
/// Verbs of intention or attempt: a trigger they govern is hypothetical
/// ("threatened to attack").
static INTENTIONS: WordList = WordList::new(include_str!("events/intentions.txt"));
/// Words that may stand between a modal and its trigger ("would not be attacked").
static MODAL_GAP: WordList = WordList::new(include_str!("events/modal_gap.txt"));
/// Auxiliaries that make a trigger passive ("was shot"): its subject is the
/// target.
static PASSIVE_AUXILIARIES: WordList =
    WordList::new(include_str!("events/passive_auxiliaries.txt"));
/// Prepositions that introduce the place of an event ("in Lakeview").
static PLACE_PREPOSITIONS: WordList = WordList::new(include_str!("events/place_prepositions.txt"));
/// Prepositions besides those of place: a mention after any preposition is
/// no bare subject (and so no actor).
static PREPOSITIONS: WordList = WordList::new(include_str!("events/prepositions.txt"));
/// Words that mark a sentence as history rather than the news.
static BACKGROUND_CUES: WordList = WordList::new(include_str!("events/background_cues.txt"));

/// Finds the event frames of `text`.
///
/// `sentences`, `entities`, `dates`, `figures` and `noise` are the earlier
/// stages' outputs (sorted byte ranges); `title`, when the headline is not part
/// of `text`, lends weight to the event types it names.
pub fn extract(
    text: &str,
    sentences: &[Range<usize>],
    entities: &[EntityRef],
    dates: &[DateRef],
    figures: &[FigureRef],
    noise: &[Range<usize>],
    title: Option<&str>,
) -> Vec<Event> {
    let sentences = sentences_or_fallback(text, sentences);
    let sentences = &sentences[..];
    let in_noise = |range: &Range<usize>| {
        noise
            .iter()
            .any(|noisy| noisy.start <= range.start && range.end <= noisy.end)
    };
    let title_types = title.map(title_event_types).unwrap_or_default();
    let reference_date = dates
        .iter()
        .filter(|date| !in_noise(&date.range))
        .filter_map(|date| date.resolved)
        .take(3)
        .max();
    let mut events = Vec::new();
    let mut lowercase = String::new();
    let mut ordinal = 0usize;
    for sentence in sentences {
        if in_noise(sentence) {
            continue;
        }
        let tokens = tokens::words(text, sentence.clone(), &PROSE);
        let words: Vec<&str> = tokens
            .iter()
            .map(|token| &text[token.range.clone()])
            .collect();
        let sentence_events_start = events.len();
        for index in 0..tokens.len() {
            if tokens[index].kind != TokenKind::Word {
                continue;
            }
            lowercase.clear();
            lowercase.push_str(words[index]);
            lowercase.make_ascii_lowercase();
            let Some((kind, trigger_end)) = trigger_at(&lowercase, &tokens, &words, index) else {
                continue;
            };
            let trigger = tokens[index].range.start..tokens[trigger_end].range.end;
            if in_noise(&trigger)
                || events[sentence_events_start..]
                    .iter()
                    .any(|event: &Event| event.kind == kind)
            {
                continue;
            }
            let frame = Frame {
                sentence,
                tokens: &tokens,
                words: &words,
                trigger_first: index,
                trigger_last: trigger_end,
            };
            let mut event = frame.build(kind, entities, dates, figures, &in_noise);
            event.score = score(
                &event,
                ordinal,
                index,
                &words,
                &title_types,
                dates,
                reference_date,
            );
            events.push(event);
        }
        ordinal += 1;
    }
    events
}

/// The main event: the highest score among events that are neither negated
/// nor hypothetical; on a tie, the earliest. `text_len` scales a tiny
/// preference for earlier triggers so that ties resolve by position.
pub fn main_event(events: &[Event], text_len: usize) -> Option<usize> {
    let length = text_len.max(1) as f64;
    events
        .iter()
        .enumerate()
        .filter(|(_, event)| !event.negated && !event.hypothetical)
        .map(|(index, event)| {
            (
                index,
                event.score - 0.01 * event.trigger.start as f64 / length,
            )
        })
        .fold(
            None,
            |best: Option<(usize, f64)>, (index, value)| match best {
                Some((_, best_value)) if best_value >= value => best,
                _ => Some((index, value)),
            },
        )
        .map(|(index, _)| index)
}

/// The event type triggered at `index`, and the last token of the trigger.
fn trigger_at(
    lowercase: &str,
    tokens: &[Token],
    words: &[&str],
    index: usize,
) -> Option<(EventType, usize)> {
    let word_at = |position: usize| -> Option<&str> {
        tokens
            .get(position)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|_| words[position])
    };
    let next_is = |offset: usize, candidates: &[&str]| {
        word_at(index + offset)
            .is_some_and(|word| candidates.iter().any(|c| c.eq_ignore_ascii_case(word)))
    };
    match lowercase {
        "claimed" | "claim" | "claims" | "claiming" | "took" | "take" | "takes" => {
            for offset in 1..=3 {
                if next_is(offset, &["responsibility", "credit"]) {
                    return Some((EventType::ClaimOfResponsibility, index + offset));
                }
            }
            if lowercase.starts_with("claim") {
                if next_is(1, &["by"]) {
                    return Some((EventType::ClaimOfResponsibility, index));
                }
                for offset in 1..=3 {
                    if next_is(offset, &["lives", "life"]) {
                        return Some((EventType::Killing, index + offset));
                    }
                }
            }
            None
        }
        "air" if next_is(1, &["strike", "strikes"]) => Some((EventType::Airstrike, index + 1)),
        "opened" | "open" | "opening" if next_is(1, &["fire"]) => {
            Some((EventType::Shooting, index + 1))
        }
        "fired" if next_is(1, &["shots", "rounds", "gunshots", "bullets", "at", "into"]) => {
            Some((EventType::Shooting, index))
        }
        "shots" if next_is(1, &["fired", "rang"]) => Some((EventType::Shooting, index + 1)),
        // "struck by a car", "struck by gunfire": the agent decides, and
        // gunfire is a trigger of its own.
        "struck" if next_is(1, &["by"]) => None,
        "statement" | "strike" if next_is(1, &["that"]) => None,
        _ => TRIGGERS.get(lowercase).map(|kind| (*kind, index)),
    }
}

/// Event types named in a headline (statements aside).
fn title_event_types(title: &str) -> Vec<EventType> {
    let tokens = tokens::words(title, 0..title.len(), &PROSE);
    let words: Vec<&str> = tokens
        .iter()
        .map(|token| &title[token.range.clone()])
        .collect();
    let mut types = Vec::new();
    for index in 0..tokens.len() {
        let lowercase = words[index].to_ascii_lowercase();
        if let Some((kind, _)) = trigger_at(&lowercase, &tokens, &words, index)
            && kind != EventType::Statement
            && !types.contains(&kind)
        {
            types.push(kind);
        }
    }
    types
}

#[cfg(test)]
mod tests;
