//! The recogniser's words and candidate names: the shared tokenizer's
//! words under the name rules (possessives split off, sentence and clause
//! starts marked), word shapes (name word, particle name, acronym), and
//! runs of capitalised words that may be names.

use std::ops::Range;

use super::lexicon::{COMMON, FEATURE_SUFFIXES, NAME_PARTICLES, ORG_HEADS, ROLE_CORE, TIME_WORDS};
use crate::text::abbreviations;
use crate::text::tokens::{self, WordKind, WordRules};

/// A word with its byte range (possessive "'s" excluded).
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    /// End including a possessive suffix.
    pub full_end: usize,
    pub possessive: bool,
    /// Only a single space separates this token from the previous one.
    pub joined_to_previous: bool,
    /// First word of a sentence, a line, a quotation or a clause after a colon.
    pub initial: bool,
}

/// Words as the recogniser reads names: hyphens, apostrophes and
/// ampersands join ("al-Sudani", "O'Brien", "AT&T"); a full stop joins an
/// initialism or a lower-case continuation ("U.S", "example.com") but not a
/// missing space after a sentence ("Philadelphia.It"); an abbreviation
/// keeps its full stop ("Mr.", "U.S.", a single capital).
pub(super) const NAME_WORDS: WordRules = WordRules {
    word_marks: &[],
    joiners: &['-', '\'', '’', '.', '&'],
    joins_full_stop: |last_run, following| {
        last_run.chars().count() == 1 || following.is_lowercase()
    },
    keeps_full_stop: |word| {
        let single_capital = word.len() == 1 && word.chars().all(char::is_uppercase);
        abbreviations::is_name_abbreviation(word) || word.contains('.') || single_capital
    },
};

pub(super) fn tokenize(text: &str, sentences: &[Range<usize>]) -> Vec<Token> {
    let mut sentence_starts: Vec<usize> = sentences.iter().map(|sentence| sentence.start).collect();
    sentence_starts.sort_unstable();
    let mut tokens: Vec<Token> = Vec::new();
    let mut previous_end = 0;
    for name_word in tokens::words(text, 0..text.len(), &NAME_WORDS) {
        if name_word.kind != WordKind::Word {
            continue;
        }
        let (start, end) = (name_word.range.start, name_word.range.end);
        let word = &text[start..end];
        let (word_end, possessive) = if word.ends_with("'s") || word.ends_with("’s") {
            let suffix = if word.ends_with("'s") {
                2
            } else {
                "’s".len()
            };
            (end - suffix, end - suffix > start)
        } else {
            (end, false)
        };
        let gap = &text[previous_end..start];
        let sentence_boundary = {
            let index =
                sentence_starts.partition_point(|sentence_start| *sentence_start <= previous_end);
            sentence_starts
                .get(index)
                .is_some_and(|sentence_start| *sentence_start <= start)
        };
        let trimmed_gap = gap.trim_end();
        // A sentence splitter may cut after "Mr." or an initial; a title
        // abbreviation never ends a sentence before a capitalised word.
        let after_abbreviation = tokens.last().is_some_and(|previous: &Token| {
            let previous_word = &text[previous.start..previous.full_end];
            previous_word.ends_with('.')
                && (abbreviations::is_name_abbreviation(previous_word.trim_end_matches('.'))
                    || previous_word.len() == 2)
                && gap == " "
        });
        let initial = tokens.is_empty()
            || (sentence_boundary && !after_abbreviation)
            || gap.contains('\n')
            || gap.contains('“')
            || gap.ends_with('"')
            || (trimmed_gap.ends_with(['.', '!', '?', ':', '—', '–', '(', '‘'])
                && !after_abbreviation)
            || trimmed_gap.ends_with(". \"");
        tokens.push(Token {
            start,
            end: word_end,
            full_end: end,
            possessive,
            joined_to_previous: !tokens.is_empty() && gap == " ",
            initial,
        });
        previous_end = end;
    }
    tokens
}

/// The word of a token without a trailing period.
pub(super) fn word<'a>(text: &'a str, token: &Token) -> &'a str {
    let word = &text[token.start..token.end];
    word.strip_suffix('.').unwrap_or(word)
}

pub(super) fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "al-Sudani", "el-Sisi": a lowercase article joined to a capitalised name.
pub(super) fn is_particle_name(word: &str) -> bool {
    let Some((head, tail)) = word.split_once('-') else {
        return false;
    };
    matches!(
        head,
        "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an" | "ul"
    ) && starts_uppercase(tail)
}

/// "Iran-backed", "US-led": a capitalised word joined to a lowercase one.
pub(super) fn is_compound_with_lowercase(word: &str) -> bool {
    starts_uppercase(word)
        && word
            .split('-')
            .skip(1)
            .any(|part| part.chars().next().is_some_and(char::is_lowercase))
}

pub(super) fn is_name_word(word: &str) -> bool {
    (starts_uppercase(word) && !is_compound_with_lowercase(word)) || is_particle_name(word)
}

/// Two to six capitals ("PMF", "U.S.", "LAPD"), not a shouted common word
/// ("UPDATE").
pub(super) fn is_acronym(word: &str) -> bool {
    if word.len() > 3 {
        let mut title_case = String::with_capacity(word.len());
        for (position, character) in word.chars().enumerate() {
            if position == 0 {
                title_case.push(character);
            } else {
                title_case.extend(character.to_lowercase());
            }
        }
        if COMMON.contains(title_case.as_str()) || TIME_WORDS.contains(title_case.as_str()) {
            return false;
        }
    }
    is_acronym_shape(word)
}

pub(super) fn is_acronym_shape(word: &str) -> bool {
    let letters: Vec<char> = word
        .chars()
        .filter(|character| *character != '.' && *character != '&')
        .collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|character| character.is_ascii_uppercase() || character.is_ascii_digit())
        && letters
            .iter()
            .filter(|character| character.is_ascii_uppercase())
            .count()
            >= 2
}

/// A run of name tokens (indices into the token list).
pub(super) struct Run {
    pub tokens: Vec<usize>,
}

pub(super) fn find_runs(text: &str, tokens: &[Token]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let first = word(text, &tokens[index]);
        if is_compound_with_lowercase(&text[tokens[index].start..tokens[index].end]) {
            runs.push(Run {
                tokens: vec![index],
            });
            index += 1;
            continue;
        }
        if !is_name_word(first) {
            index += 1;
            continue;
        }
        let mut run = vec![index];
        let mut last = index;
        loop {
            if tokens[last].possessive {
                break;
            }
            let next = last + 1;
            let Some(next_token) = tokens.get(next) else {
                break;
            };
            if !next_token.joined_to_previous {
                break;
            }
            let next_word = &text[next_token.start..next_token.end];
            if is_name_word(next_word) && !next_token.initial {
                run.push(next);
                last = next;
                continue;
            }
            // A lowercase connector inside a name: a particle ("bin",
            // "van") or "of" after an organisation head or title.
            let previous_word = word(text, &tokens[last]);
            let connector = NAME_PARTICLES.contains(next_word)
                || (next_word == "of"
                    && (ORG_HEADS.contains(previous_word)
                        || ROLE_CORE.contains(previous_word)
                        || FEATURE_SUFFIXES.contains(previous_word)
                        || previous_word == "Horn"
                        || previous_word == "States"));
            let after = next + 1;
            let continues = tokens.get(after).is_some_and(|after_token| {
                after_token.joined_to_previous
                    && is_name_word(&text[after_token.start..after_token.end])
            });
            if connector && continues {
                // "of the" inside organisation names ("Church of the ...").
                run.push(next);
                run.push(after);
                last = after;
                continue;
            }
            if next_word == "of" {
                let the = after;
                let name_after = the + 1;
                let is_the = tokens.get(the).is_some_and(|token| {
                    token.joined_to_previous && &text[token.start..token.end] == "the"
                });
                let named = tokens.get(name_after).is_some_and(|token| {
                    token.joined_to_previous && is_name_word(&text[token.start..token.end])
                });
                if is_the && named && ORG_HEADS.contains(previous_word) {
                    run.extend([next, the, name_after]);
                    last = name_after;
                    continue;
                }
            }
            break;
        }
        runs.push(Run { tokens: run });
        index = last + 1;
    }
    runs
}
