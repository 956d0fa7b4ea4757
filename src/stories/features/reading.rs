//! Reading an article's text for its features: its content words, its
//! prose without page furniture, the ages and streets its lead gives, its
//! first sentence.

use std::collections::BTreeSet;

use crate::document::Document;
use crate::text::tokens::{self, WordKind};
use crate::text::words::WordList;

/// Words too common in any news text to say which event an article is about.
static STOPWORDS: WordList = WordList::new(STOPWORDS_TEXT);

/// The stop word list as written (a kept sketch's version hashes it).
pub(in crate::stories) const STOPWORDS_TEXT: &str = include_str!("stopwords.txt");

/// Content words of a text: lower-case runs of letters and digits, three
/// characters or more, not stopwords.
pub(in crate::stories) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    tokens::words(text, 0..text.len(), &tokens::ALPHANUMERIC_RUNS)
        .into_iter()
        .filter(|word| word.kind == WordKind::Word)
        .map(move |word| &text[word.range])
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}

/// The first sentence of a text (at most 160 characters), for a story
/// title when no member has a headline.
pub(in crate::stories) fn first_sentence(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let end = trimmed
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && *i >= 20)
        .map_or(trimmed.len(), |(i, c)| i + c.len_utf8());
    let sentence: String = trimmed[..end].chars().take(160).collect();
    Some(sentence)
}

/// The article's text without the page furniture, captions, embedded
/// posts and credit lines extraction found in it: two pages of one outlet
/// share their furniture whatever events they report.
pub(in crate::stories) fn article_prose(article: &Document) -> String {
    let mut noise: Vec<(usize, usize)> = article.noise_spans().collect();
    if noise.is_empty() {
        return article.text.clone();
    }
    noise.sort_unstable();
    let mut spans = noise.into_iter().peekable();
    let mut prose = String::with_capacity(article.text.len());
    for (position, character) in article.text.chars().enumerate() {
        while spans.peek().is_some_and(|(_, end)| *end <= position) {
            spans.next();
        }
        if spans.peek().is_some_and(|(start, _)| *start <= position) {
            // Keep words apart across a removed stretch.
            if !prose.ends_with(' ') {
                prose.push(' ');
            }
            continue;
        }
        prose.push(character);
    }
    prose
}

/// The first `bytes` of `text` (cut back to a character boundary).
pub(in crate::stories) fn lead_of(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Ages written "17-year-old" (or "17 year old", "17-years-old").
pub(in crate::stories) fn ages_in(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.match_indices("year").filter_map(move |(at, _)| {
        let before = text.get(..at)?.strip_suffix(['-', ' '])?;
        let digits: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let rest = text.get(at + 4..)?;
        let old = rest.strip_prefix('s').unwrap_or(rest);
        let follows = old.starts_with("-old") || old.starts_with(" old");
        let age: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
        (follows && (1..=110).contains(&age) && digits.len() <= 3).then_some(age)
    })
}

/// Last words of a street's name ("Sherman Street", "Oak Ave.", "Martin
/// Luther King Jr. Drive").
static ROAD_WORDS: WordList = WordList::new(ROAD_WORDS_TEXT);

/// The road word list as written (a kept sketch's version hashes it).
pub(in crate::stories) const ROAD_WORDS_TEXT: &str = include_str!("road_words.txt");

/// The streets a text names, each by the word before its road word
/// ("sherman" for "the 400 block of Sherman Street", "33rd" for "33rd
/// Street"): reports of one incident name its street.
pub(in crate::stories) fn streets_in(text: &str) -> BTreeSet<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |word: &str| {
        word.trim_matches(|character: char| !character.is_alphanumeric())
            .to_lowercase()
    };
    words
        .windows(2)
        .filter(|pair| {
            pair[1].chars().next().is_some_and(char::is_uppercase)
                && ROAD_WORDS.contains(&bare(pair[1]).as_str())
        })
        .filter(|pair| {
            pair[0]
                .chars()
                .next()
                .is_some_and(|first| first.is_uppercase() || first.is_ascii_digit())
        })
        .map(|pair| bare(pair[0]))
        .filter(|name| !name.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streets_are_named_by_the_word_before_their_road_word() {
        let streets = streets_in(
            "Police found him in the 400 block of Sherman Street, near 33rd St. and the Main road. He lived on Oak Ave.",
        );
        assert_eq!(
            streets,
            ["33rd", "oak", "sherman"]
                .into_iter()
                .map(String::from)
                .collect::<BTreeSet<_>>()
        );
    }

    #[test]
    fn ages_are_read_from_their_usual_forms() {
        let ages: Vec<u32> = ages_in(
            "A 17-year-old boy and his 45 year old father; a 3-years-old girl; the 2016 yearbook",
        )
        .collect();
        assert_eq!(ages, vec![17, 45, 3]);
    }

    #[test]
    fn words_drop_stopwords_and_short_tokens() {
        let got: Vec<String> = words("The man was shot on Elm St. in Dayton").collect();
        assert_eq!(got, vec!["man", "shot", "elm", "dayton"]);
    }
}
