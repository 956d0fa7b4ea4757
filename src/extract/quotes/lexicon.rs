//! The quotation stage's word lists, read from the data files beside this
//! module.
//!
//! The lists are data, not rules: adding a speech verb or a title should not
//! mean reading attribution code. Each file holds one lowercase entry a line,
//! with `#` comments; lookups ignore case, because the same word opens a
//! sentence capitalised and sits lowercase inside one.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A set of lowercase words from one data file.
pub(crate) struct WordList {
    words: HashSet<&'static str>,
}

impl WordList {
    /// Reads entries from `data`: one a line, `#` starts a comment, blank
    /// lines are skipped.
    fn parse(data: &'static str) -> Self {
        let words = data
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|entry| !entry.is_empty())
            .collect();
        WordList { words }
    }

    /// True when `word` is in the list, ignoring case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        if word.chars().any(char::is_uppercase) {
            self.words.contains(word.to_lowercase().as_str())
        } else {
            self.words.contains(word)
        }
    }

    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = &&'static str> {
        self.words.iter()
    }
}

/// Lowercase words from one data file, each with an optional value: the
/// second word of its line.
pub(crate) struct WordMap {
    entries: HashMap<&'static str, Option<&'static str>>,
}

impl WordMap {
    /// Reads `word [value]` lines; `#` starts a comment.
    fn parse(data: &'static str) -> Self {
        let entries = data
            .lines()
            .map(|line| line.split('#').next().unwrap_or("").trim())
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                let mut fields = entry.split_whitespace();
                let word = fields.next().unwrap_or(entry);
                (word, fields.next())
            })
            .collect();
        WordMap { entries }
    }

    /// True when `word` is listed, ignoring case.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.entry(word).is_some()
    }

    /// The value listed with `word`, ignoring case; `None` when the word is
    /// not listed or has no value.
    pub(crate) fn value(&self, word: &str) -> Option<&'static str> {
        self.entry(word).flatten()
    }

    fn entry(&self, word: &str) -> Option<Option<&'static str>> {
        if word.chars().any(char::is_uppercase) {
            self.entries.get(word.to_lowercase().as_str()).copied()
        } else {
            self.entries.get(word).copied()
        }
    }

    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = (&&'static str, &Option<&'static str>)> {
        self.entries.iter()
    }
}

macro_rules! word_map {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub(crate) static $name: LazyLock<WordMap> =
            LazyLock::new(|| WordMap::parse(include_str!($file)));
    };
}

macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub(crate) static $name: LazyLock<WordList> =
            LazyLock::new(|| WordList::parse(include_str!($file)));
    };
}

word_list!(
    /// Abbreviations whose full stop ends neither the word nor the sentence.
    ABBREVIATIONS,
    "abbreviations.txt"
);
word_list!(
    /// Verbs that introduce speech ("said", "told", "according").
    SPEECH_VERBS,
    "speech_verbs.txt"
);
word_list!(
    /// Words that end a speaker phrase (connectives, auxiliaries, prepositions).
    PHRASE_STOPS,
    "phrase_stops.txt"
);
word_list!(
    /// Determiners and possessive pronouns opening a noun phrase.
    DETERMINERS,
    "determiners.txt"
);
word_list!(
    /// Document nouns that, as a speaker, refer back to the last issuer.
    BACK_REFERENCE_NOUNS,
    "back_reference_nouns.txt"
);
word_list!(
    /// Titles and roles that precede a name.
    TITLES,
    "titles.txt"
);
word_list!(
    /// Words that make a capitalised speaker an organisation.
    ORGANISATION_WORDS,
    "organisation_words.txt"
);
word_list!(
    /// Plural or collective speakers, never a person.
    COLLECTIVE_NOUNS,
    "collective_nouns.txt"
);
word_list!(
    /// Nouns naming a document rather than a speaker.
    DOCUMENT_NOUNS,
    "document_nouns.txt"
);

word_list!(
    /// Adverbs between a speaker and the speech verb ("Smith also said").
    SPEECH_ADVERBS,
    "speech_adverbs.txt"
);
word_list!(
    /// Verbs introducing a statement quoted after a colon.
    ISSUING_VERBS,
    "issuing_verbs.txt"
);
word_list!(
    /// Words telling two roles of the same head apart ("fire chief").
    ROLE_QUALIFIERS,
    "role_qualifiers.txt"
);
word_map!(
    /// Nouns naming one person, with `m` or `f` when they fix the pronoun.
    PERSON_NOUNS,
    "person_nouns.txt"
);
word_map!(
    /// Given names with the pronoun they take (`m` or `f`).
    GIVEN_NAMES,
    "given_names.txt"
);
word_map!(
    /// Abbreviated titles with the word they stand for ("lt" → "lieutenant").
    ROLE_ABBREVIATIONS,
    "role_abbreviations.txt"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lowercase_and_not_empty() {
        for list in [
            &ABBREVIATIONS,
            &SPEECH_VERBS,
            &PHRASE_STOPS,
            &DETERMINERS,
            &BACK_REFERENCE_NOUNS,
            &TITLES,
            &ORGANISATION_WORDS,
            &COLLECTIVE_NOUNS,
            &DOCUMENT_NOUNS,
            &SPEECH_ADVERBS,
            &ISSUING_VERBS,
            &ROLE_QUALIFIERS,
        ] {
            assert!(list.entries().next().is_some());
            for entry in list.entries() {
                assert_eq!(*entry, entry.to_lowercase(), "{entry}");
            }
        }
        for (map, values) in [
            (&PERSON_NOUNS, &["m", "f"][..]),
            (&GIVEN_NAMES, &["m", "f"][..]),
        ] {
            for (word, value) in map.entries() {
                assert_eq!(*word, word.to_lowercase(), "{word}");
                assert!(value.is_none_or(|value| values.contains(&value)), "{word}");
            }
        }
        assert!(
            GIVEN_NAMES
                .entries()
                .all(|(word, value)| value.is_some() && !word.is_empty())
        );
        assert!(
            ROLE_ABBREVIATIONS
                .entries()
                .all(|(word, value)| value.is_some_and(|value| value.len() >= word.len()))
        );
        assert!(SPEECH_VERBS.contains("Said"));
        assert!(!SPEECH_VERBS.contains("walked"));
    }
}
