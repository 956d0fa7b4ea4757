//! What one mention's sentence in the event says of the person: a
//! condition phrase whose nearest person they are, the charges after a
//! charge cue, and the nearest cue to their part (victim, suspect,
//! witness). Separate from identity, which background sentences also give.

use super::Read;
use super::Stated;
use super::identity::read_identity;
use super::vocabulary::{
    BE, CONDITION_ADVERBS, condition_at, condition_rank, lists, offences, role_cues,
};
use crate::compare::reading::Reading;
use crate::extract::items::{EntityItem, EntityKind, Field};

/// Farthest (in words) a condition phrase or a role cue may be from the name.
const NEAR_WORDS: usize = 12;

/// Reads what one mention's neighbourhood says of the person.
pub(super) fn read_mention(
    readings: &[Reading<'_>],
    reader: usize,
    entity: &EntityItem,
    sentence: usize,
    read: &mut Read,
) {
    read_identity(readings, reader, entity, read);
    let reading = &readings[reader];
    let (start, end) = (entity.anchor.start, entity.anchor.end);
    let sentence = &reading.sentences[sentence];
    let people: Vec<&EntityItem> = reading
        .document
        .extraction
        .entities
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Person
                && e.anchor.field == Field::Text
                && sentence.holds(e.anchor.start, e.anchor.end)
        })
        .collect();
    let word_index = |position: usize| sentence.words.partition_point(|w| w.2 <= position);
    let (first_word, last_word) = (word_index(start), word_index(end.saturating_sub(1)));
    // "All but Rodriguez have non-life-threatening injuries": the phrases
    // of the sentence are about the others.
    let before_name = |back: usize| {
        first_word
            .checked_sub(back)
            .and_then(|at| sentence.words.get(at))
            .map(|w| w.0.as_str())
    };
    let excepted = matches!(before_name(1), Some("except" | "besides"))
        || (before_name(1) == Some("but")
            && matches!(
                before_name(2),
                Some("all" | "everyone" | "everybody" | "none" | "each")
            ));
    // Condition phrases whose nearest person is this one.
    let mut at = if excepted { sentence.words.len() } else { 0 };
    while at < sentence.words.len() {
        let Some((phrase, class)) = condition_at(&sentence.words, at) else {
            at += 1;
            continue;
        };
        let (phrase_start, phrase_end) = (
            sentence.words[at].1,
            sentence.words[at + phrase.len() - 1].2,
        );
        let adverb = phrase.len() == 1 && CONDITION_ADVERBS.contains(&phrase[0]);
        let passive = at > 0 && BE.contains(&sentence.words[at - 1].0.as_str());
        let before = people
            .iter()
            .filter(|p| p.anchor.end <= phrase_start)
            .max_by_key(|p| p.anchor.end);
        let after = people
            .iter()
            .filter(|p| p.anchor.start >= phrase_end)
            .min_by_key(|p| p.anchor.start);
        let nearest = if adverb && !passive {
            // "critically wounding X": the object, named within a few words.
            after.filter(|p| {
                sentence.words[at..]
                    .iter()
                    .take_while(|w| w.1 < p.anchor.start)
                    .count()
                    <= 3
            })
        } else {
            before.or(after)
        };
        // A person noun between the name and the phrase ("…, and his father
        // was critically wounded") is who the phrase is about; an
        // attribution word between them ("…, according to X", "X said …")
        // makes the name the source of the phrase, not its subject.
        let between = |from: usize, to: usize| {
            sentence
                .words
                .iter()
                .filter(|w| w.1 >= from && w.2 <= to)
                .any(|w| {
                    lists().person_nouns.contains(&w.0.as_str())
                        || lists().attribution_cues.contains(&w.0.as_str())
                })
        };
        let nearest = nearest.filter(|p| {
            if p.anchor.end <= phrase_start {
                !between(p.anchor.end, phrase_start)
            } else {
                !between(phrase_end, p.anchor.start)
            }
        });
        let distance = if phrase_start >= end {
            at.saturating_sub(last_word)
        } else {
            first_word.saturating_sub(at + phrase.len())
        };
        if nearest.is_some_and(|p| p.anchor.start == start) && distance <= NEAR_WORDS {
            read.conditions.push(Stated {
                reader,
                value: (*class).to_string(),
                number: Some(f64::from(condition_rank(class))),
                place: None,
                start: phrase_start,
                end: phrase_end,
            });
        }
        at += phrase.len();
    }
    // Charges: an offence after a charge cue, the person before the cue and
    // not the crime's object.
    let object = sentence
        .words
        .iter()
        .rev()
        .find(|w| w.2 <= start)
        .is_some_and(|w| lists().victim_of.contains(&w.0.as_str()));
    if !object {
        for cue in &lists().charge_cues {
            let Some(cue_at) = (0..sentence.words.len()).find(|&i| {
                sentence.words.len() >= i + cue.len()
                    && cue
                        .iter()
                        .enumerate()
                        .all(|(k, w)| sentence.words[i + k].0 == *w)
                    && sentence.words[i].1 >= end
            }) else {
                continue;
            };
            let mut charges: Vec<(String, usize, usize)> = Vec::new();
            let mut i = cue_at + cue.len();
            while i < sentence.words.len() {
                let offence = offences().iter().find(|o| {
                    sentence.words.len() >= i + o.len()
                        && o.iter()
                            .enumerate()
                            .all(|(k, w)| sentence.words[i + k].0 == *w)
                });
                match offence {
                    Some(offence) => {
                        let degree = i
                            .checked_sub(1)
                            .map(|d| sentence.words[d].0.as_str())
                            .filter(|d| d.ends_with("-degree") || *d == "capital");
                        let begin = if degree.is_some() { i - 1 } else { i };
                        let name = match degree {
                            Some(degree) => format!("{} ({degree})", offence.join(" ")),
                            None => offence.join(" "),
                        };
                        charges.push((
                            name,
                            sentence.words[begin].1,
                            sentence.words[i + offence.len() - 1].2,
                        ));
                        i += offence.len();
                    }
                    None => i += 1,
                }
            }
            if !charges.is_empty() {
                let mut names: Vec<String> = charges.iter().map(|c| c.0.clone()).collect();
                names.sort();
                names.dedup();
                read.charges.push(Stated {
                    reader,
                    value: names.join("; "),
                    number: None,
                    place: None,
                    start: charges.iter().map(|c| c.1).min().unwrap_or(0),
                    end: charges.iter().map(|c| c.2).max().unwrap_or(0),
                });
                break;
            }
        }
    }
    // The person's part in the event: the nearest cue word.
    let mut best: Option<(usize, &'static str)> = None;
    for (i, word) in sentence.words.iter().enumerate() {
        let Some(role) = ["victim", "suspect", "witness"]
            .into_iter()
            .find(|role| role_cues(role).contains(&word.0.as_str()))
        else {
            continue;
        };
        let distance = if i > last_word {
            i - last_word
        } else {
            first_word.saturating_sub(i)
        };
        if distance <= NEAR_WORDS && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, role));
        }
    }
    if let Some((_, role)) = best {
        *read.votes.entry(role).or_insert(0) += 1;
    }
}
