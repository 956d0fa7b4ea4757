//! Word lists as data.
//!
//! A word list is a text file beside the module that reads it, embedded at
//! build time with `include_str!`: one word or phrase per line, kept as
//! written (case included) and in file order (some lists are tried in
//! order, longest phrase first); blank lines are skipped and `#` starts a
//! comment line (`\#` is the entry "#"). A list is parsed the first time
//! it is used.
//!
//! [`WordList`] is an ordered list (it dereferences to a slice, so the usual
//! `contains`, `iter` and `position` apply); [`WordSet`] is the same file
//! read into a hash set for lists looked up many times per article;
//! [`WordTable`] reads `phrase = value` lines for the few lists that attach
//! a value to each phrase.
//!
//! Which lists are data and which stay in code: vocabulary — words a news
//! text may use for a thing, which a person extending coverage would edit —
//! is data; grammar a rule is written around (a handful of suffixes, the
//! punctuation a pattern expects) stays beside the rule.

use std::collections::HashSet;
use std::ops::Deref;
use std::sync::OnceLock;

/// The entries of a word-list file: trimmed non-empty lines that are not
/// `#` comments, in file order. A backslash opening a line is dropped, so
/// `\#` is the entry "#".
pub fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.strip_prefix('\\').unwrap_or(line))
        .collect()
}

/// An ordered word list read from a data file (see the module doc).
pub struct WordList {
    text: &'static str,
    words: OnceLock<Vec<&'static str>>,
}

impl WordList {
    /// A list over the contents of a data file (`include_str!`).
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            words: OnceLock::new(),
        }
    }

    /// True when `word` is in the list, ignoring ASCII case.
    pub fn contains_ignore_case(&self, word: &str) -> bool {
        self.iter().any(|entry| entry.eq_ignore_ascii_case(word))
    }
}

impl Deref for WordList {
    type Target = [&'static str];

    fn deref(&self) -> &[&'static str] {
        self.words.get_or_init(|| parse(self.text))
    }
}

/// A word list read into a hash set, for lists looked up per word.
pub struct WordSet {
    text: &'static str,
    words: OnceLock<HashSet<&'static str>>,
}

impl WordSet {
    /// A set over the contents of a data file (`include_str!`).
    pub const fn new(text: &'static str) -> WordSet {
        WordSet {
            text,
            words: OnceLock::new(),
        }
    }
}

impl Deref for WordSet {
    type Target = HashSet<&'static str>;

    fn deref(&self) -> &HashSet<&'static str> {
        self.words
            .get_or_init(|| parse(self.text).into_iter().collect())
    }
}

/// A list of `phrase = value` lines, in file order; the value is read by
/// the module that owns the list (a number, a month, an event type).
pub struct WordTable {
    text: &'static str,
    rows: OnceLock<Vec<(&'static str, &'static str)>>,
}

impl WordTable {
    /// A table over the contents of a data file (`include_str!`).
    pub const fn new(text: &'static str) -> WordTable {
        WordTable {
            text,
            rows: OnceLock::new(),
        }
    }

    /// The value of the first row whose phrase is `phrase`, ignoring ASCII case.
    pub fn get_ignore_case(&self, phrase: &str) -> Option<&'static str> {
        self.iter()
            .find(|(entry, _)| entry.eq_ignore_ascii_case(phrase))
            .map(|(_, value)| *value)
    }
}

impl Deref for WordTable {
    type Target = [(&'static str, &'static str)];

    fn deref(&self) -> &[(&'static str, &'static str)] {
        self.rows.get_or_init(|| {
            parse(self.text)
                .into_iter()
                .filter_map(|line| {
                    let (phrase, value) = line.split_once(" = ")?;
                    Some((phrase.trim(), value.trim()))
                })
                .collect()
        })
    }
}

/// Lines of a table file that are not `phrase = value` rows: a test per
/// table asserts there are none, so a typo never silently drops a row.
#[cfg(test)]
pub(crate) fn malformed_rows(text: &'static str) -> Vec<&'static str> {
    parse(text)
        .into_iter()
        .filter(|line| line.split_once(" = ").is_none())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blank_lines_and_order() {
        static LIST: WordList = WordList::new("# header\nsaid\n\n  told \n# note\nadded\n\\#\n");
        assert_eq!(&*LIST, ["said", "told", "added", "#"]);
        assert!(LIST.contains(&"told"));
        assert!(LIST.contains_ignore_case("TOLD"));
        static SET: WordSet = WordSet::new("Mr\nMrs\n");
        assert!(SET.contains("Mrs") && !SET.contains("mrs"));
        static TABLE: WordTable = WordTable::new("# n\none = 1\ntwo = 2\n");
        assert_eq!(TABLE.get_ignore_case("Two"), Some("2"));
        assert!(malformed_rows("one = 1\ntwo 2\n") == ["two 2"]);
    }
}
