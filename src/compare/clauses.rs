//! Clauses: the parts of a sentence that each state one thing.
//!
//! News sentences pack several facts ("Prosecutors have charged a
//! 25-year-old man with murder for the April 16 drive-by shooting that
//! killed a 1-year-old girl"); another outlet may state one of them and not
//! the others. Whether a fact is one outlet's alone is decided clause by
//! clause, so a shared date does not make the charge in the same sentence
//! shared, and a shared charge does not hide the date.
//!
//! The split is shallow and lexical, on purpose: at clause punctuation
//! (`, ; : — – ( )`) and before the clause openers of
//! `data/clause_openers.txt` ("that", "who", "after", "and" …). A fragment
//! with fewer than [`MIN_KEYS`] content keys ("Krol," or "he said") states
//! nothing alone and joins the clause after it (the last one joins the one
//! before).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::reading::data_lines;

/// Fewest content keys a clause holds; smaller fragments join a neighbour.
pub const MIN_KEYS: usize = 2;

fn openers() -> &'static HashSet<&'static str> {
    static OPENERS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    OPENERS.get_or_init(|| data_lines(include_str!("data/clause_openers.txt")).collect())
}

/// True for characters that end a clause when they stand between words.
pub fn is_clause_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')')
}

/// The characters of a text between its words, by the character offsets
/// the words carry.
pub struct Gaps {
    chars: Vec<char>,
    /// Character offset of the text's first character.
    start: usize,
}

impl Gaps {
    /// `text` starting at character offset `start`.
    pub fn new(text: &str, start: usize) -> Gaps {
        Gaps {
            chars: text.chars().collect(),
            start,
        }
    }

    /// The characters from offset `from` to offset `to` (empty when they
    /// are outside the text or out of order).
    pub fn between(&self, from: usize, to: usize) -> &[char] {
        let from = from.saturating_sub(self.start);
        let to = to.saturating_sub(self.start).max(from);
        self.chars.get(from..to).unwrap_or(&[])
    }
}

/// The clauses of a sentence as ranges of word indices, in order, covering
/// every word. `words` are the sentence's words (see
/// [`super::reading::words`]) with character spans into `text`,
/// `word_keys` their content keys as (word index, key), and `text_start`
/// is the character offset of `text`'s first character.
pub fn split(
    text: &str,
    text_start: usize,
    words: &[(String, usize, usize)],
    word_keys: &[(usize, String)],
) -> Vec<Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let gaps = Gaps::new(text, text_start);
    let mut raw: Vec<Range<usize>> = Vec::new();
    let mut begin = 0;
    for i in 1..words.len() {
        // "8:15", "1,500": punctuation between digits is part of a number.
        let numeric = words[i - 1].0.ends_with(|c: char| c.is_ascii_digit())
            && words[i].0.starts_with(|c: char| c.is_ascii_digit());
        let punctuated = !numeric
            && gaps
                .between(words[i - 1].2, words[i].1)
                .iter()
                .any(|&c| is_clause_punctuation(c));
        if punctuated || openers().contains(words[i].0.as_str()) {
            raw.push(begin..i);
            begin = i;
        }
    }
    raw.push(begin..words.len());
    let keys = |range: &Range<usize>| word_keys.iter().filter(|(i, _)| range.contains(i)).count();
    // Small fragments join the clause after them; a small last one joins
    // the clause before it.
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut pending: Option<usize> = None;
    for range in raw {
        let start = pending.take().unwrap_or(range.start);
        let joined = start..range.end;
        if keys(&joined) < MIN_KEYS {
            pending = Some(start);
        } else {
            out.push(joined);
        }
    }
    if let Some(start) = pending {
        match out.last_mut() {
            Some(last) => last.end = words.len(),
            None => out.push(start..words.len()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::reading::{word_keys, words};

    fn clauses(text: &str) -> Vec<String> {
        let found = words(text, 0);
        split(text, 0, &found, &word_keys(&found))
            .into_iter()
            .map(|range| {
                let (start, end) = (found[range.start].1, found[range.end - 1].2);
                text.chars().skip(start).take(end - start).collect()
            })
            .collect()
    }

    #[test]
    fn clauses_read_as_data() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "Prosecutors have charged a 25-year-old man with murder for the April 16 drive-by shooting that killed a 1-year-old girl.",
                vec![
                    "Prosecutors have charged a 25-year-old man with murder",
                    "for the April 16 drive-by shooting",
                    "that killed a 1-year-old girl",
                ],
            ),
            (
                "Krol, 40, worked in Wayne County jails from 2003-07.",
                vec!["Krol, 40", "worked in Wayne County jails from 2003-07"],
            ),
            (
                "Police said Monday, after the hearing, that he left.",
                vec!["Police said Monday", "after the hearing, that he left"],
            ),
            (
                "He broke into the family home and waited to ambush them.",
                vec!["He broke into the family home", "and waited to ambush them"],
            ),
            ("Police said.", vec!["Police said"]),
            (
                "The calls came in around 8:15 a.m., police said.",
                vec!["The calls came in around 8:15 a.m., police said"],
            ),
            ("", vec![]),
        ];
        for (text, expected) in cases {
            assert_eq!(clauses(text), expected, "{text:?}");
        }
    }
}
