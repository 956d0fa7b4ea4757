//! One trigger in its sentence: its arguments (actors, targets, place,
//! date, fitting figures) read from position and a little syntax, and
//! whether a negation or a modal governs it.

use std::ops::Range;

use super::{
    DateRef, EntityKind, EntityRef, Event, EventType, FigureRef, INTENTIONS, MODAL_GAP, MODALS,
    NEGATION_GAP, NEGATIONS, PASSIVE_AUXILIARIES, PLACE_PREPOSITIONS, PREPOSITIONS, Token,
    TokenKind,
};

/// One trigger in its sentence, for reading arguments.
pub(super) struct Frame<'a> {
    pub sentence: &'a Range<usize>,
    pub tokens: &'a [Token],
    pub words: &'a [&'a str],
    pub trigger_first: usize,
    pub trigger_last: usize,
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
        self.word(position).filter(|word| {
            PLACE_PREPOSITIONS
                .iter()
                .chain(PREPOSITIONS.iter())
                .any(|p| p.eq_ignore_ascii_case(word))
        })
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
                    (self.is(position, &NEGATIONS)
                        || self
                            .word(position)
                            .is_some_and(|word| word.ends_with("n't") || word.ends_with("n’t")))
                        && self.only_gap_words_until_trigger(position + 1, &NEGATION_GAP)
                })
        })
    }

    fn hypothetical(&self) -> bool {
        (1..=4).any(|back| {
            self.trigger_first
                .checked_sub(back)
                .is_some_and(|position| {
                    let modal = self.is(position, &MODALS)
                        || self
                            .word(position)
                            .is_some_and(|word| word.ends_with("n't") || word.ends_with("n’t"))
                            && back > 1;
                    let intention =
                        self.is(position, &INTENTIONS) || self.is(position, &["if", "unless"]);
                    (modal || intention)
                        && self.only_gap_words_until_trigger(position + 1, &MODAL_GAP)
                })
        })
    }

    fn passive(&self) -> bool {
        (1..=2).any(|back| {
            self.trigger_first
                .checked_sub(back)
                .is_some_and(|position| self.is(position, &PASSIVE_AUXILIARIES))
        })
    }

    pub(super) fn build(
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
                && (entities[*index].kind != EntityKind::Place
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
                entities[*index].kind == EntityKind::Place
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
