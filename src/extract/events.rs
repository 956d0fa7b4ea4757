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

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::extract::quotes::{Token, TokenKind, fallback_sentences, tokenize};

/// The kinds of event this stage recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    Attack,
    Airstrike,
    Shooting,
    Killing,
    Injury,
    Arrest,
    Statement,
    Condemnation,
    ClaimOfResponsibility,
    Deployment,
    Sanction,
    Protest,
}

impl EventType {
    /// Stable snake_case name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Attack => "attack",
            EventType::Airstrike => "airstrike",
            EventType::Shooting => "shooting",
            EventType::Killing => "killing",
            EventType::Injury => "injury",
            EventType::Arrest => "arrest",
            EventType::Statement => "statement",
            EventType::Condemnation => "condemnation",
            EventType::ClaimOfResponsibility => "claim_of_responsibility",
            EventType::Deployment => "deployment",
            EventType::Sanction => "sanction",
            EventType::Protest => "protest",
        }
    }

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
    /// "person", "organisation", "place" or "group".
    pub kind: &'static str,
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
const ANTECEDENT_CUES: &[&str] = &[
    "after",
    "following",
    "response",
    "retaliation",
    "amid",
    "amidst",
];

/// Single-word triggers.
static TRIGGERS: LazyLock<HashMap<&'static str, EventType>> = LazyLock::new(|| {
    use EventType::*;
    let table: &[(EventType, &[&str])] = &[
        (
            Attack,
            &[
                "attack",
                "attacks",
                "attacked",
                "attacking",
                "assault",
                "assaults",
                "assaulted",
                "raid",
                "raids",
                "raided",
                "ambush",
                "ambushed",
                "bombing",
                "bombings",
                "explosion",
                "explosions",
                "blast",
                "stabbed",
                "stabbing",
                "stabbings",
                "targeted",
                "rampage",
                "retaliates",
                "retaliated",
                "retaliate",
                "retaliation",
                "retaliatory",
            ],
        ),
        (
            Airstrike,
            &[
                "airstrike",
                "airstrikes",
                "air-strike",
                "air-strikes",
                "strike",
                "strikes",
                "struck",
                "bombed",
                "bombardment",
                "bombardments",
                "bombarded",
                "shelling",
                "shelled",
            ],
        ),
        (
            Shooting,
            &[
                "shot",
                "shooting",
                "shootings",
                "gunfire",
                "gunshot",
                "gunshots",
                "shootout",
                "shoots",
                "shooter",
                "shooters",
            ],
        ),
        (
            Killing,
            &[
                "killed",
                "kill",
                "kills",
                "killing",
                "killings",
                "murdered",
                "murder",
                "murders",
                "homicide",
                "homicides",
                "slain",
                "slaying",
                "dead",
                "died",
                "death",
                "deaths",
                "fatally",
                "fatal",
            ],
        ),
        (
            Injury,
            &[
                "wounded",
                "wounding",
                "wounds",
                "injured",
                "injuring",
                "injuries",
                "injury",
                "hurt",
                "hospitalized",
                "hospitalised",
            ],
        ),
        (
            Arrest,
            &[
                "arrested",
                "arrest",
                "arrests",
                "detained",
                "detain",
                "detention",
                "apprehended",
                "custody",
                "charged",
                "booked",
                "captured",
            ],
        ),
        (
            Statement,
            &["said", "says", "told", "stated", "announced", "added"],
        ),
        (
            Condemnation,
            &[
                "condemned",
                "condemns",
                "condemn",
                "condemnation",
                "denounced",
                "denounces",
                "denounce",
                "deplored",
                "decried",
                "criticised",
                "criticized",
            ],
        ),
        (
            Deployment,
            &[
                "deployed",
                "deploy",
                "deploys",
                "deployment",
                "deployments",
                "stationed",
                "dispatched",
            ],
        ),
        (
            Sanction,
            &["sanctioned", "sanction", "sanctions", "designated"],
        ),
        (
            Protest,
            &[
                "protest",
                "protests",
                "protested",
                "protesters",
                "protestors",
                "demonstration",
                "demonstrations",
                "demonstrators",
                "rally",
                "rallies",
            ],
        ),
    ];
    let mut map = HashMap::new();
    for (kind, words) in table {
        for word in *words {
            map.insert(*word, *kind);
        }
    }
    map
});

const NEGATIONS: &[&str] = &[
    "no", "not", "never", "nobody", "none", "without", "neither", "nor",
];
/// Words that may stand between a negation and its trigger ("no one was injured").
const NEGATION_GAP: &[&str] = &[
    "one",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "reports",
    "report",
    "of",
    "other",
    "serious",
    "immediate",
    "known",
    "further",
    "any",
    "reported",
    "other",
    "also",
    "yet",
];
const MODALS: &[&str] = &[
    "would", "could", "might", "may", "will", "shall", "should", "can", "must",
];
const INTENTIONS: &[&str] = &[
    "threatened",
    "threatens",
    "threaten",
    "vowed",
    "vows",
    "vow",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "seek",
    "seeks",
    "aims",
    "aimed",
    "prepare",
    "prepared",
    "preparing",
    "pledged",
    "promised",
    "attempt",
    "attempted",
    "tried",
    "trying",
];
/// Words that may stand between a modal and its trigger ("would not be attacked").
const MODAL_GAP: &[&str] = &[
    "not", "be", "been", "have", "to", "also", "never", "further", "then", "n't",
];
const PASSIVE_AUXILIARIES: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "got", "get", "be",
];
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "on", "outside", "inside", "across", "around", "from", "into", "towards",
    "toward",
];
const PREPOSITIONS: &[&str] = &[
    "in", "at", "near", "on", "outside", "inside", "across", "around", "from", "of", "against",
    "to", "for", "with", "by", "into", "over", "toward", "towards", "after", "before",
];
/// Words that mark a sentence as history rather than the news.
const BACKGROUND_CUES: &[&str] = &[
    "began",
    "begun",
    "started",
    "erupted",
    "founded",
    "established",
    "outbreak",
    "previously",
    "ago",
    "history",
    "historically",
    "since",
    "formerly",
    "once",
];

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
    let owned_sentences;
    let sentences = if sentences.is_empty() {
        owned_sentences = fallback_sentences(text);
        &owned_sentences[..]
    } else {
        sentences
    };
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
        let tokens = tokenize(text, sentence.clone(), &[]);
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
    let tokens = tokenize(title, 0..title.len(), &[]);
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

/// One trigger in its sentence, for reading arguments.
struct Frame<'a> {
    sentence: &'a Range<usize>,
    tokens: &'a [Token],
    words: &'a [&'a str],
    trigger_first: usize,
    trigger_last: usize,
}

impl Frame<'_> {
    fn word(&self, position: usize) -> Option<&str> {
        self.tokens
            .get(position)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|_| self.words[position])
    }

    fn is(&self, position: usize, list: &[&str]) -> bool {
        self.word(position)
            .is_some_and(|word| list.iter().any(|entry| entry.eq_ignore_ascii_case(word)))
    }

    /// Token index of the first token at or after `byte`.
    fn token_at(&self, byte: usize) -> usize {
        self.tokens
            .partition_point(|token| token.range.start < byte)
    }

    /// The preposition governing the mention starting at token `first`,
    /// looking past one determiner ("in the city").
    fn preposition_before(&self, first: usize) -> Option<&str> {
        let mut position = first.checked_sub(1)?;
        if self.is(position, &["the", "a", "an"]) {
            position = position.checked_sub(1)?;
        }
        self.word(position)
            .filter(|word| PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(word)))
    }

    /// Whether the words from `from` (inclusive) to the trigger are all in `gap`,
    /// with no punctuation in between.
    fn only_gap_words_until_trigger(&self, from: usize, gap: &[&str]) -> bool {
        (from..self.trigger_first).all(|position| self.is(position, gap))
    }

    fn negated(&self) -> bool {
        (1..=4).any(|back| {
            self.trigger_first
                .checked_sub(back)
                .is_some_and(|position| {
                    (self.is(position, NEGATIONS)
                        || self
                            .word(position)
                            .is_some_and(|word| word.ends_with("n't") || word.ends_with("n’t")))
                        && self.only_gap_words_until_trigger(position + 1, NEGATION_GAP)
                })
        })
    }

    fn hypothetical(&self) -> bool {
        (1..=4).any(|back| {
            self.trigger_first
                .checked_sub(back)
                .is_some_and(|position| {
                    let modal = self.is(position, MODALS)
                        || self
                            .word(position)
                            .is_some_and(|word| word.ends_with("n't") || word.ends_with("n’t"))
                            && back > 1;
                    let intention =
                        self.is(position, INTENTIONS) || self.is(position, &["if", "unless"]);
                    (modal || intention)
                        && self.only_gap_words_until_trigger(position + 1, MODAL_GAP)
                })
        })
    }

    fn passive(&self) -> bool {
        (1..=2).any(|back| {
            self.trigger_first
                .checked_sub(back)
                .is_some_and(|position| self.is(position, PASSIVE_AUXILIARIES))
        })
    }

    fn build(
        &self,
        kind: EventType,
        entities: &[EntityRef],
        dates: &[DateRef],
        figures: &[FigureRef],
        in_noise: &dyn Fn(&Range<usize>) -> bool,
    ) -> Event {
        let sentence = self.sentence;
        let mentions: Vec<(usize, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, entity)| {
                entity.range.start >= sentence.start
                    && entity.range.end <= sentence.end
                    && !in_noise(&entity.range)
            })
            .map(|(index, entity)| (index, self.token_at(entity.range.start)))
            .collect();
        let trigger_end_byte = self.tokens[self.trigger_last].range.end;
        let trigger_start_byte = self.tokens[self.trigger_first].range.start;

        // Agent after "by", within three words of the trigger.
        let by_agent = (self.trigger_last + 1..=self.trigger_last + 3)
            .find(|&position| self.is(position, &["by"]))
            .and_then(|by| {
                mentions
                    .iter()
                    .find(|(_, first)| *first > by && *first <= by + 4)
                    .map(|(index, _)| *index)
            });
        let passive = self.passive();
        let before_subject = mentions
            .iter()
            .rev()
            .filter(|(index, first)| {
                entities[*index].range.end <= trigger_start_byte
                    && self.trigger_first - first <= 15
                    && self.preposition_before(*first).is_none()
            })
            .map(|(index, _)| *index)
            .next();
        let mut actors = Vec::new();
        let mut targets = Vec::new();
        if let Some(agent) = by_agent {
            actors.push(agent);
        } else if !passive && let Some(subject) = before_subject {
            // A place may act by metonymy ("Washington struck"), but only as
            // the bare subject: prepositional mentions were excluded above.
            actors.push(subject);
        }
        if passive {
            if let Some(subject) = before_subject.filter(|index| !actors.contains(index)) {
                targets.push(subject);
            }
        } else if let Some((index, _)) = mentions.iter().find(|(index, first)| {
            entities[*index].range.start >= trigger_end_byte
                && *first <= self.trigger_last + 12
                && !actors.contains(index)
                && (entities[*index].kind != "place"
                    || self
                        .preposition_before(*first)
                        .is_some_and(|word| word.eq_ignore_ascii_case("against")))
        }) {
            targets.push(*index);
        }

        let distance = |first: usize| first.abs_diff(self.trigger_first);
        let place = mentions
            .iter()
            .filter(|(index, first)| {
                entities[*index].kind == "place"
                    && !targets.contains(index)
                    && self.preposition_before(*first).is_some_and(|word| {
                        PLACE_PREPOSITIONS
                            .iter()
                            .any(|p| p.eq_ignore_ascii_case(word))
                    })
            })
            .min_by_key(|(index, first)| (distance(*first), *index))
            .map(|(index, _)| *index);
        let date = dates
            .iter()
            .enumerate()
            .filter(|(_, date)| {
                date.range.start >= sentence.start
                    && date.range.end <= sentence.end
                    && !in_noise(&date.range)
            })
            .min_by_key(|(index, date)| (date.range.start.abs_diff(trigger_start_byte), *index))
            .map(|(index, _)| index);
        let figures: Vec<usize> = figures
            .iter()
            .enumerate()
            .filter(|(_, figure)| {
                figure.range.start >= sentence.start
                    && figure.range.end <= sentence.end
                    && !in_noise(&figure.range)
                    && figure
                        .predicate
                        .is_some_and(|predicate| predicate_fits(kind, predicate))
            })
            .map(|(index, _)| index)
            .collect();
        Event {
            kind,
            trigger: trigger_start_byte..trigger_end_byte,
            sentence: sentence.clone(),
            actors,
            targets,
            place,
            date,
            figures,
            negated: self.negated(),
            hypothetical: self.hypothetical(),
            score: 0.0,
        }
    }
}

/// Whether a figure counting `predicate` belongs to an event of `kind`.
fn predicate_fits(kind: EventType, predicate: &str) -> bool {
    let predicate = predicate.to_ascii_lowercase();
    let has = |stems: &[&str]| stems.iter().any(|stem| predicate.starts_with(stem));
    let deaths = has(&["kill", "dead", "die", "death", "fatal", "murder", "slain"]);
    let injuries = has(&["injur", "wound", "hurt", "hospital"]);
    match kind {
        EventType::Killing => deaths,
        EventType::Injury => injuries,
        EventType::Shooting => deaths || injuries || has(&["shot", "shoot"]),
        EventType::Attack | EventType::Airstrike => {
            deaths || injuries || has(&["struck", "strike", "target", "attack", "hit", "destroy"])
        }
        EventType::Arrest => has(&["arrest", "detain", "charged", "held"]),
        EventType::Deployment => has(&["deploy", "station", "troop", "sent"]),
        EventType::Protest => has(&["protest", "demonstr", "march", "rall"]),
        EventType::Sanction => has(&["sanction", "designat"]),
        EventType::Statement | EventType::Condemnation | EventType::ClaimOfResponsibility => false,
    }
}

/// Whether the word is a four-digit year of the last two centuries.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|byte| byte.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

fn score(
    event: &Event,
    ordinal: usize,
    trigger_index: usize,
    words: &[&str],
    title_types: &[EventType],
    dates: &[DateRef],
    reference_date: Option<NaiveDate>,
) -> f64 {
    let mut score = event.kind.weight();
    score += match ordinal {
        0 => 3.0,
        1 => 2.2,
        2 => 1.5,
        3 => 1.0,
        4 | 5 => 0.5,
        _ => 0.0,
    };
    score += 0.6 * event.figures.len().min(2) as f64;
    if event.place.is_some() {
        score += 0.5;
    }
    if event.date.is_some() {
        score += 0.4;
    }
    if !event.actors.is_empty() {
        score += 0.3;
    }
    if !event.targets.is_empty() {
        score += 0.3;
    }
    if title_types.contains(&event.kind) {
        score += 2.0;
    } else if event.kind.is_violent() && title_types.iter().any(|kind| kind.is_violent()) {
        score += 1.0;
    }
    let trigger_index = words.len().min(trigger_index);
    let antecedent = words[trigger_index.saturating_sub(6)..trigger_index]
        .iter()
        .any(|word| {
            ANTECEDENT_CUES
                .iter()
                .any(|cue| cue.eq_ignore_ascii_case(word))
        });
    if antecedent {
        score -= 0.8;
    }
    let mut background = 0.0;
    for (index, word) in words.iter().enumerate() {
        let lowercase = word.to_ascii_lowercase();
        if BACKGROUND_CUES.contains(&lowercase.as_str()) {
            background += 1.0;
        }
        if matches!(lowercase.as_str(), "in" | "since" | "during")
            && words.get(index + 1).is_some_and(|next| is_year(next))
        {
            background += 1.0;
        }
        if lowercase == "last"
            && words
                .get(index + 1)
                .is_some_and(|next| next.eq_ignore_ascii_case("year"))
        {
            background += 1.0;
        }
    }
    if let (Some(reference), Some(date)) = (
        reference_date,
        event
            .date
            .and_then(|index| dates.get(index))
            .and_then(|date| date.resolved),
    ) && (reference - date).num_days() > 45
    {
        background += 2.0;
    }
    score -= f64::min(background, 4.0);
    if event.negated || event.hypothetical {
        score -= 5.0;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    fn entity(text: &str, needle: &str, kind: &'static str) -> EntityRef {
        EntityRef {
            range: span(text, needle),
            kind,
        }
    }

    #[test]
    fn lead_shooting_with_place_and_date() {
        let text = "Gunmen shot two men on Elm Street on Sunday, police said. \
                    The city saw a similar attack in 2019, when the war began.";
        let entities = [entity(text, "Elm Street", "place")];
        let dates = [
            DateRef {
                range: span(text, "Sunday"),
                resolved: NaiveDate::from_ymd_opt(2024, 5, 12),
            },
            DateRef {
                range: span(text, "2019"),
                resolved: NaiveDate::from_ymd_opt(2019, 1, 1),
            },
        ];
        let figures = [FigureRef {
            range: span(text, "two men"),
            predicate: Some("shot"),
            value: Some(2.0),
        }];
        let events = extract(text, &[], &entities, &dates, &figures, &[], None);
        let kinds: Vec<&str> = events.iter().map(|event| event.kind.as_str()).collect();
        assert_eq!(kinds, ["shooting", "statement", "attack"]);
        let main = main_event(&events, text.len()).unwrap();
        let shooting = &events[main];
        assert_eq!(shooting.kind, EventType::Shooting);
        assert_eq!(&text[shooting.trigger.clone()], "shot");
        assert_eq!(shooting.place, Some(0));
        assert_eq!(shooting.date, Some(0));
        assert_eq!(shooting.figures, vec![0]);
        assert!(!shooting.negated && !shooting.hypothetical);
        assert_eq!(events[2].date, Some(1), "{events:?}");
    }

    #[test]
    fn background_war_does_not_win() {
        let text = "Three soldiers were injured in a drone attack on the base. \
                    The war began in 2014 when rebels killed 300 people.";
        let figures = [FigureRef {
            range: span(text, "300 people"),
            predicate: Some("killed"),
            value: Some(300.0),
        }];
        let events = extract(text, &[], &[], &[], &figures, &[], None);
        let main = main_event(&events, text.len()).unwrap();
        // "injured in a drone attack": the attack frames the injuries.
        assert_eq!(events[main].kind, EventType::Attack);
        assert!(events[main].sentence.end < text.find("The war").unwrap());
    }

    #[test]
    fn actors_targets_and_passive_claims() {
        let text = "The army launched airstrikes against the Northern Front near Lakeview.";
        let entities = [
            entity(text, "army", "organisation"),
            entity(text, "Northern Front", "group"),
            entity(text, "Lakeview", "place"),
        ];
        let events = extract(text, &[], &entities, &[], &[], &[], None);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, EventType::Airstrike);
        assert_eq!(events[0].actors, vec![0]);
        assert_eq!(events[0].targets, vec![1]);
        assert_eq!(events[0].place, Some(2));

        let text = "The rocket attack was claimed by the Eastern Brigade.";
        let entities = [entity(text, "Eastern Brigade", "group")];
        let events = extract(text, &[], &entities, &[], &[], &[], None);
        let claim = events
            .iter()
            .find(|event| event.kind == EventType::ClaimOfResponsibility)
            .unwrap();
        assert_eq!(&text[claim.trigger.clone()], "claimed");
        assert_eq!(claim.actors, vec![0]);

        let text = "Rebels claimed responsibility for the blast.";
        let entities = [entity(text, "Rebels", "group")];
        let events = extract(text, &[], &entities, &[], &[], &[], None);
        assert_eq!(events[0].kind, EventType::ClaimOfResponsibility);
        assert_eq!(&text[events[0].trigger.clone()], "claimed responsibility");
        assert_eq!(events[0].actors, vec![0]);
    }

    #[test]
    fn strikes_on_facilities_used_by_a_group() {
        let text = "The navy launched strikes on two depots used by the Red Hand militia in Port Vale on Monday.";
        let entities = [
            entity(text, "navy", "organisation"),
            entity(text, "Red Hand", "group"),
            entity(text, "Port Vale", "place"),
        ];
        let dates = [DateRef {
            range: span(text, "Monday"),
            resolved: NaiveDate::from_ymd_opt(2024, 3, 4),
        }];
        let figures = [FigureRef {
            range: span(text, "two depots"),
            predicate: Some("struck"),
            value: Some(2.0),
        }];
        let events = extract(text, &[], &entities, &dates, &figures, &[], None);
        assert_eq!(events.len(), 1);
        let strike = &events[0];
        assert_eq!(strike.kind, EventType::Airstrike);
        assert_eq!(strike.actors, vec![0]);
        assert_eq!(strike.targets, vec![1]);
        assert_eq!(strike.place, Some(2));
        assert_eq!(strike.date, Some(0));
        assert_eq!(strike.figures, vec![0]);
        // 2.8 type + 3.0 lead + 0.6 figure + 0.5 place + 0.4 date + 0.3 + 0.3
        assert!((strike.score - 7.9).abs() < 1e-9, "{}", strike.score);
    }

    #[test]
    fn negated_and_hypothetical_never_win() {
        let text = "No one was injured. The group threatened to attack the port.";
        let events = extract(text, &[], &[], &[], &[], &[], None);
        assert_eq!(events.len(), 2);
        assert!(events[0].negated);
        assert_eq!(events[0].kind, EventType::Injury);
        assert!(events[1].hypothetical);
        assert_eq!(main_event(&events, text.len()), None);
        let text = "Police said they would investigate the shooting.";
        let events = extract(text, &[], &[], &[], &[], &[], None);
        let shooting = events
            .iter()
            .find(|event| event.kind == EventType::Shooting)
            .unwrap();
        assert!(!shooting.hypothetical);
    }

    #[test]
    fn headline_and_noise() {
        let text = "Officials spoke on Monday. A man was arrested after the robbery. Video: protest downtown.";
        let noise = [span(text, "Video: protest downtown.")];
        let events = extract(
            text,
            &[],
            &[],
            &[],
            &[],
            &noise,
            Some("Man arrested after robbery"),
        );
        assert!(events.iter().all(|event| event.kind != EventType::Protest));
        let main = main_event(&events, text.len()).unwrap();
        assert_eq!(events[main].kind, EventType::Arrest);
        assert_eq!(
            EventType::ClaimOfResponsibility.as_str(),
            "claim_of_responsibility"
        );
    }

    #[test]
    fn antecedent_event_ranks_below_the_response() {
        let text = "Troops raided the compound after a bombing near the market.";
        let events = extract(text, &[], &[], &[], &[], &[], None);
        let kinds: Vec<&str> = events.iter().map(|event| event.kind.as_str()).collect();
        assert_eq!(kinds, ["attack"]);
        let text = "Rebels retaliate after an air strike killed four farmers.";
        let events = extract(text, &[], &[], &[], &[], &[], None);
        let main = main_event(&events, text.len()).unwrap();
        assert_eq!(&text[events[main].trigger.clone()], "retaliate");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_input(
            text in "[a-zA-Z .,\n]{0,40}( shot| killed| was| by| no| would)*[a-zA-Z .,]{0,40}",
            bounds in proptest::collection::vec((0usize..200, 0usize..40), 0..5),
        ) {
            let entities: Vec<EntityRef> = bounds
                .iter()
                .map(|&(start, length)| EntityRef { range: start..start + length, kind: "place" })
                .collect();
            let dates: Vec<DateRef> = bounds
                .iter()
                .map(|&(start, length)| DateRef { range: start..start + length, resolved: None })
                .collect();
            let events = extract(&text, &[], &entities, &dates, &[], &[], Some(&text));
            for event in &events {
                proptest::prop_assert!(text.get(event.trigger.clone()).is_some());
            }
            if let Some(main) = main_event(&events, text.len()) {
                proptest::prop_assert!(main < events.len());
            }
        }
    }

    #[test]
    fn two_word_triggers() {
        let text = "Police opened fire after air strikes and shots fired nearby; the fire was out.";
        let events = extract(text, &[], &[], &[], &[], &[], None);
        let triggers: Vec<&str> = events
            .iter()
            .map(|event| &text[event.trigger.clone()])
            .collect();
        assert_eq!(triggers, ["opened fire", "air strikes"]);
    }
}
