//! The quotation stage's word lists, read from the data files beside this
//! module.
//!
//! The lists are data, not rules: adding a speech verb or a title should not
//! mean reading attribution code. Each file holds one lowercase entry a line,
//! with `#` comments; lookups ignore case, because the same word opens a
//! sentence capitalised and sits lowercase inside one.

use std::collections::HashSet;
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
        ] {
            assert!(list.entries().next().is_some());
            for entry in list.entries() {
                assert_eq!(*entry, entry.to_lowercase(), "{entry}");
            }
        }
        assert!(SPEECH_VERBS.contains("Said"));
        assert!(!SPEECH_VERBS.contains("walked"));
    }
}
