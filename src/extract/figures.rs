//! Extraction stage: figures — counts of things with their qualifier, the
//! thing counted and what happened to it.
//!
//! News compares outlets mostly through numbers ("at least 20,670 people
//! killed" against "more than 20,600"), so each count becomes a structured
//! [`Figure`]: the stated value, an interval implied by the qualifier, the
//! counted noun phrase (with a singular lemma) and a normalised
//! [`Predicate`]. The grammar is a small hand-written one over tokens
//! (`numbers` reads the quantities, this module attaches nouns and
//! predicates), because casualty sentences are formulaic and a wrong
//! figure is worse than a missing one.
//!
//! Interval conventions (for whole counts): exact `v` → `[v, v]`; "at
//! least v" → `[v, ∞)`; "more than/over v" → `[v+1, ∞)`; "fewer
//! than/under v" → `[0, v-1]`; "up to/as many as v" → `[0, v]`; "about/
//! around/roughly/some v" → `v ± 10%` (at least ±1) rounded outward;
//! "nearly/almost/close to v" → `[0.9v, v]`; ranges "10 to 15" → `[10, 15]`
//! with no single `value`. Vague quantities carry `value: None` and
//! qualifier `vague`: "dozens of" `[24, ∞)`, "scores of" `[40, ∞)`,
//! "hundreds of" `[200, ∞)`, "thousands of" `[2000, ∞)`, "several" `[3, 9]`,
//! "a handful"/"a few" `[2, 5]`, "a number of"/"multiple"/"numerous"
//! `[2, ∞)`; "a dozen" is 12 within `[10, 14]`, "a couple" 2. Negations
//! ("no one was hurt", "no injuries were reported") are figures of 0.
//! Money and percentages are ignored (they are not counts of things).
//! "One of the three …" is kept with `partitive: true`: it restates part of
//! another count, so it must not be added to it.

mod counts;
mod grammar;
mod lexicon;
mod not_counts;
mod numbers;

use std::ops::Range;

use serde::Serialize;

pub use crate::extract::items::{Predicate, Qualifier};
use crate::text::words::WordList;

use counts::{counted_figure, implicit_figure, named_victim, singular_subject, zero_figure};
use not_counts::is_not_a_count;
pub use numbers::number_values;
use numbers::{Token, read_quantity, tokenize};

/// One count found in the text. All ranges are byte ranges into the text
/// given to [`extract`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The whole phrase, e.g. "at least 20,670 people".
    pub range: Range<usize>,
    /// The number itself ("20,670"); for implicit ones the "a man" words.
    pub number_range: Range<usize>,
    /// The stated number; `None` for vague quantities and ranges.
    pub value: Option<f64>,
    pub low: Option<f64>,
    /// `None` means unbounded above.
    pub high: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub approximate: bool,
    /// A singular victim counted by the article ("a man was killed").
    pub implicit: bool,
    /// Part of another count ("one of the three injured").
    pub partitive: bool,
    /// Lemma of the counted noun: singular, lower case ("person", "site").
    pub counted: Option<String>,
    pub counted_range: Option<Range<usize>>,
    pub predicate: Option<Predicate>,
    pub predicate_range: Option<Range<usize>>,
    /// The sentence the figure was found in.
    pub sentence: Range<usize>,
}

/// Predicate words saying the people were hit by gunfire: such a count
/// holds the victims who died as well as those who survived ("five people
/// were shot, one fatally"), unlike "wounded" or "hurt", which name the
/// survivors.
static HIT_WORDS: WordList = WordList::new(include_str!("figures/hit_words.txt"));

/// Predicate words naming survivors: "a second man was wounded".
static SURVIVOR_WORDS: WordList = WordList::new(include_str!("figures/survivor_words.txt"));

impl Figure {
    /// True when this is a count of people hit by gunfire, dead or alive:
    /// its predicate word is "shot" (or "hit", "struck"), or it is a single
    /// victim not said to be wounded or hurt ("the boy", "a 20-year-old
    /// man found with a gunshot wound": the article may later report him
    /// dead). `text` is the text the figure was extracted from.
    pub fn counts_shot(&self, text: &str) -> bool {
        if self.predicate != Some(Predicate::Injured) {
            return false;
        }
        let word = self
            .predicate_range
            .as_ref()
            .and_then(|range| text.get(range.clone()))
            .map(str::to_lowercase);
        match word {
            Some(word) if HIT_WORDS.contains(&word.as_str()) => true,
            Some(word) if SURVIVOR_WORDS.contains(&word.as_str()) => false,
            _ => self.implicit,
        }
    }
}

/// Finds the figures in `text`, sentence by sentence (`sentences` are byte
/// ranges into `text`; when empty the whole text is one sentence). Output
/// is sorted by start.
pub fn extract(text: &str, sentences: &[Range<usize>]) -> Vec<Figure> {
    let whole = 0..text.len();
    let sentences = if sentences.is_empty() {
        std::slice::from_ref(&whole)
    } else {
        sentences
    };
    let mut figures = Vec::new();
    for sentence in sentences {
        let Some(sentence_text) = text.get(sentence.clone()) else {
            continue;
        };
        figures_in_sentence(sentence_text, sentence.clone(), &mut figures);
    }
    figures.sort_by_key(|a| (a.range.start, a.range.end));
    figures.dedup_by(|a, b| a.range == b.range);
    figures
}

/// Byte range in the whole text of tokens `first..end` of a sentence.
fn span(tokens: &[Token], first: usize, end: usize, offset: usize) -> Range<usize> {
    let start = tokens.get(first).map_or(0, |t| t.start);
    let stop = end
        .checked_sub(1)
        .and_then(|last| tokens.get(last))
        .map_or(start, |t| t.end);
    offset + start..offset + stop.max(start)
}

fn figures_in_sentence(text: &str, sentence: Range<usize>, figures: &mut Vec<Figure>) {
    let tokens = tokenize(text);
    let mut index = 0;
    while index < tokens.len() {
        let quantity = read_quantity(&tokens, index);
        if let Some(quantity) = quantity.as_ref().filter(|q| !is_not_a_count(&tokens, q)) {
            let mut next = quantity.number_end.max(index + 1);
            if let Some(figure) = counted_figure(&tokens, quantity, &sentence) {
                // Resume after the counted phrase so its noun is not read
                // again as a subject of its own.
                let phrase_end = if figure.partitive {
                    0
                } else {
                    figure
                        .counted_range
                        .as_ref()
                        .map_or(0, |r| r.end - sentence.start)
                };
                while next < tokens.len() && tokens[next].end <= phrase_end {
                    next += 1;
                }
                figures.push(figure);
            }
            index = next;
            continue;
        }
        if let Some(quantity) = quantity.as_ref()
            && let Some((figure, next)) = named_victim(&tokens, quantity, &sentence)
        {
            figures.push(figure);
            index = next;
            continue;
        }
        if let Some((figure, next)) = zero_figure(&tokens, index, &sentence)
            .or_else(|| implicit_figure(&tokens, index, &sentence))
            .or_else(|| singular_subject(&tokens, index, &sentence))
        {
            figures.push(figure);
            index = next;
            continue;
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests;
