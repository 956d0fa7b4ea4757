//! A document read for comparison: its body's sentences, each with the
//! content it states.
//!
//! Comparing outlets means asking, sentence by sentence, whether another
//! outlet states the same thing in any wording. A sentence's *content keys*
//! are its words minus function words, stemmed (Snowball English), with the
//! words outlets use interchangeably folded into one class ("firearm" and
//! "gun", "SUV" and "vehicle"; `data/synonyms.txt`). Each sentence also
//! records whether it is page furniture (inside extracted noise) and whether
//! it denies what it states ("no gun was found"); [`super::scope`] then
//! decides whether it tells the story's event or background.
//!
//! Sentences come from the extraction's own splitter
//! ([`crate::text::sentences::split`]), so a comparison and the stages that
//! produced the items it compares agree on where sentences end. All spans
//! here are character offsets into the document's body, like anchors.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHasher;

use crate::document::Document;
use crate::extract::items::Field;

/// Where a sentence stands relative to the story's event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Tells the story's event or a step of it (an arrest, a hearing).
    Event,
    /// Another time or place: an earlier incident, statistics, history.
    Background(String),
}

impl Scope {
    /// True for background.
    pub fn is_background(&self) -> bool {
        matches!(self, Scope::Background(_))
    }
}

/// One sentence of a document's body.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// First character.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
    /// Byte range into the body.
    pub bytes: Range<usize>,
    /// Index of the paragraph (non-empty line) holding it.
    pub paragraph: usize,
    /// Inside extracted noise (an embedded post, a caption, furniture).
    pub noise: bool,
    /// Content keys, sorted and deduplicated.
    pub keys: Vec<String>,
    /// Lower-cased words with their character spans.
    pub words: Vec<(String, usize, usize)>,
    /// The content keys of its words: (index into `words`, key), in word
    /// order (a hyphenated word may give two).
    pub word_keys: Vec<(usize, String)>,
    /// Its clauses as ranges of `words` ([`super::clauses`]).
    pub clauses: Vec<Range<usize>>,
    /// Carries a denial cue ("no", "not", "no evidence").
    pub negated: bool,
    /// Event or background (filled in by `scope`).
    pub scope: Scope,
}

impl Sentence {
    /// True when the character span lies inside this sentence.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        self.start <= start && end <= self.end
    }

    /// True when the lower-cased word sequence `phrase` occurs in the sentence.
    pub fn has_phrase(&self, phrase: &[&str]) -> bool {
        !phrase.is_empty()
            && self
                .words
                .windows(phrase.len())
                .any(|w| w.iter().zip(phrase).all(|(a, b)| a.0 == *b))
    }
}

/// The word lists comparison reads, loaded once from `data/`.
pub struct Lexicon {
    stemmer: Stemmer,
    stopwords: HashSet<&'static str>,
    classes: HashMap<String, &'static str>,
    /// Denial cues as word sequences.
    pub negations: Vec<Vec<&'static str>>,
    /// Background cues as word sequences.
    pub background: Vec<Vec<&'static str>>,
}

/// The lines of a data file that carry data: `#` starts a comment.
pub fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

fn phrases(text: &'static str) -> Vec<Vec<&'static str>> {
    data_lines(text)
        .map(|line| line.split_whitespace().collect())
        .collect()
}

/// The comparison's word lists.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut classes = HashMap::new();
        for line in data_lines(include_str!("data/synonyms.txt")) {
            let mut words = line.split(',').map(str::trim).filter(|w| !w.is_empty());
            let Some(head) = words.next() else { continue };
            classes.insert(stemmer.stem(head).into_owned(), head);
            for word in words {
                classes
                    .entry(stemmer.stem(word).into_owned())
                    .or_insert(head);
            }
        }
        Lexicon {
            stopwords: data_lines(include_str!("data/stopwords.txt")).collect(),
            classes,
            negations: phrases(include_str!("data/negation.txt")),
            background: phrases(include_str!("data/background.txt")),
            stemmer,
        }
    })
}

impl Lexicon {
    /// The content key of a lower-cased word, or `None` for a function word.
    pub fn key(&self, word: &str) -> Option<String> {
        if self.stopwords.contains(word)
            || (word.chars().count() < 2 && !word.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let stem = self.stemmer.stem(word);
        Some(match self.classes.get(stem.as_ref()) {
            Some(class) => (*class).to_string(),
            None => stem.into_owned(),
        })
    }

    /// The content keys of a lower-cased word: a hyphenated compound without
    /// digits gives its parts' keys ("first-grader" states what "first
    /// grader" does); any other word its own key, if any.
    pub fn keys(&self, word: &str) -> Vec<String> {
        if word.contains('-') && !word.chars().any(|c| c.is_ascii_digit()) {
            return word.split('-').filter_map(|part| self.key(part)).collect();
        }
        self.key(word).into_iter().collect()
    }

    /// True for a function word.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }
}

/// Lower-cased words of `text` (letters, digits, inner apostrophes and
/// hyphens) with their character spans, offset by `base`.
pub fn words(text: &str, base: usize) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    // Character position of the next character `chars` yields.
    let mut i = 0;
    while let Some(first) = chars.next() {
        i += 1;
        if !first.is_alphanumeric() {
            continue;
        }
        let start = i - 1;
        let mut word = String::new();
        push_lower(&mut word, first);
        while let Some(&c) = chars.peek() {
            if c.is_alphanumeric() {
                push_lower(&mut word, c);
            } else if matches!(c, '\'' | '’' | '-') {
                // A joiner only between two letters or digits.
                let mut ahead = chars.clone();
                ahead.next();
                if !ahead.next().is_some_and(char::is_alphanumeric) {
                    break;
                }
                // "harm’s" reads "harm's".
                word.push(if c == '’' { '\'' } else { c });
            } else {
                break;
            }
            chars.next();
            i += 1;
        }
        // "harm's" reads "harm"; "n't" stays a denial of its own.
        if let Some(stripped) = word.strip_suffix("n't") {
            out.push((stripped.to_string(), base + start, base + i - 3));
            out.push(("n't".to_string(), base + i - 3, base + i));
            continue;
        }
        if word.ends_with("'s") {
            word.truncate(word.len() - 2);
        }
        out.push((word, base + start, base + i));
    }
    out
}

/// Appends the lower case of `c` (one character or more).
fn push_lower(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
    } else {
        word.extend(c.to_lowercase());
    }
}

/// The content keys of `words`, each with its word's index, in word order
/// (a hyphenated word may give two).
pub fn word_keys(words: &[(String, usize, usize)]) -> Vec<(usize, String)> {
    KeyCache::default().word_keys(words)
}

/// The content keys of the words already read: a comparison reads the same
/// words in every report, and stemming each once is a good part of reading
/// a story. Looking a word up gives what [`Lexicon::keys`] gives.
#[derive(Default)]
pub struct KeyCache(HashMap<String, Vec<String>, BuildHasherDefault<FxHasher>>);

impl KeyCache {
    /// [`word_keys`], stemming each distinct word once.
    pub fn word_keys(&mut self, words: &[(String, usize, usize)]) -> Vec<(usize, String)> {
        let lexicon = lexicon();
        let mut out = Vec::with_capacity(words.len());
        for (i, (word, _, _)) in words.iter().enumerate() {
            match self.0.get(word.as_str()) {
                Some(keys) => out.extend(keys.iter().map(|k| (i, k.clone()))),
                None => {
                    let keys = lexicon.keys(word);
                    out.extend(keys.iter().map(|k| (i, k.clone())));
                    self.0.insert(word.clone(), keys);
                }
            }
        }
        out
    }
}

/// A document's body read sentence by sentence.
pub struct Reading<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its body's sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl<'a> Reading<'a> {
    /// Reads the body of `document` (every sentence starts as `Event`).
    pub fn of(document: &'a Document) -> Reading<'a> {
        Reading::read(document, &mut KeyCache::default())
    }

    /// Reads each document, as [`Reading::of`], stemming each distinct word
    /// of them once.
    pub fn all(documents: &[&'a Document]) -> Vec<Reading<'a>> {
        let mut cache = KeyCache::default();
        documents
            .iter()
            .map(|document| Reading::read(document, &mut cache))
            .collect()
    }

    fn read(document: &'a Document, cache: &mut KeyCache) -> Reading<'a> {
        let lexicon = lexicon();
        let text = &document.text;
        let mut char_at = Vec::with_capacity(text.len() + 1);
        let mut count = 0;
        for (byte, _) in text.char_indices() {
            while char_at.len() < byte {
                char_at.push(count);
            }
            char_at.push(count);
            count += 1;
        }
        while char_at.len() <= text.len() {
            char_at.push(count);
        }
        let noise: Vec<(usize, usize)> = document.noise_spans().collect();
        let mut sentences = Vec::new();
        for sentence in crate::text::sentences::split(text) {
            let range = sentence.range.clone();
            let (start, end) = (char_at[range.start], char_at[range.end]);
            let Some(slice) = text.get(range.clone()) else {
                continue;
            };
            let words = words(slice, start);
            let word_keys = cache.word_keys(&words);
            let mut keys: Vec<String> = word_keys.iter().map(|(_, k)| k.clone()).collect();
            keys.sort();
            keys.dedup();
            let negated = lexicon.negations.iter().any(|phrase| {
                words
                    .windows(phrase.len())
                    .any(|w| w.iter().zip(phrase).all(|(a, b)| a.0 == *b))
            });
            let in_noise = noise.iter().any(|&(s, e)| s <= start && end <= e);
            let clauses = super::clauses::split(slice, start, &words, &word_keys);
            sentences.push(Sentence {
                start,
                end,
                bytes: range,
                paragraph: sentence.paragraph,
                noise: in_noise,
                keys,
                words,
                word_keys,
                clauses,
                negated,
                scope: Scope::Event,
            });
        }
        Reading {
            document,
            sentences,
        }
    }

    /// Per sentence, per word: inside one of the extracted names (people,
    /// organisations, places).
    pub fn in_names(&self) -> Vec<Vec<bool>> {
        let names: Vec<(usize, usize)> = self
            .document
            .extraction
            .entities
            .iter()
            .filter(|entity| entity.anchor.field == Field::Text)
            .map(|entity| (entity.anchor.start, entity.anchor.end))
            .collect();
        self.sentences
            .iter()
            .map(|sentence| {
                sentence
                    .words
                    .iter()
                    .map(|&(_, start, end)| names.iter().any(|&(s, e)| s <= start && end <= e))
                    .collect()
            })
            .collect()
    }

    pub fn sentence_of(&self, start: usize, end: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.end <= start);
        self.sentences
            .get(index)
            .filter(|s| s.start <= start && end <= s.end.max(start + 1))
            .map(|_| index)
    }

    /// The body's characters `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> String {
        // Count characters from the nearest sentence start at or before
        // `start`, whose byte and character offsets are both known, not
        // from the top of a long body.
        let (byte, char) = match self.sentences.partition_point(|s| s.start <= start) {
            0 => (0, 0),
            after => {
                let sentence = &self.sentences[after - 1];
                (sentence.bytes.start, sentence.start)
            }
        };
        match self.document.text.get(byte..) {
            Some(rest) => super::char_slice(rest, start - char, end.saturating_sub(char)),
            None => super::char_slice(&self.document.text, start, end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_function_words_forms_and_synonyms() {
        let lexicon = lexicon();
        let keys = |text: &str| -> Vec<String> {
            let mut keys: Vec<String> = words(text, 0)
                .iter()
                .flat_map(|(w, _, _)| lexicon.keys(w))
                .collect();
            keys.sort();
            keys.dedup();
            keys
        };
        for (a, b) in [
            (
                "no firearm was found in his vehicle",
                "a gun was not found in Few's truck",
            ),
            ("the victims were wounded", "the victim was injured"),
        ] {
            let (ka, kb) = (keys(a), keys(b));
            let shared = ka.iter().filter(|k| kb.contains(k)).count();
            assert!(shared >= 2, "{a:?} {ka:?} / {b:?} {kb:?}");
        }
        assert_eq!(keys("the and of a"), Vec::<String>::new());
    }

    #[test]
    fn words_keep_spans_and_split_denials() {
        let found = words("He didn’t see Few’s car", 10);
        let texts: Vec<&str> = found.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(texts, ["he", "did", "n't", "see", "few", "car"]);
        assert_eq!((found[4].1, found[4].2), (24, 29));
    }
}
