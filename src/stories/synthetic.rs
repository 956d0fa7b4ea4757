//! Larger corpora made from a real one, for measuring how clustering time
//! grows with the archive.
//!
//! Copy `k` (k = 0 is the original) of every article is the same report of
//! a *different* event: its dates (publication, every extracted date, the
//! main event's) move `k × 400` days later, and every capitalised word of
//! its headline and text — names of people, places, streets, outlets — and
//! every word found in at most 1% of the original articles (the words
//! particular to one event: "bakery", "tournament") is replaced by a
//! pseudo-word built from a hash of the word and `k`, the same way
//! everywhere in the copy. Extracted places get copy-specific ids
//! and people copy-specific names. The common vocabulary ("shot", "police",
//! "wounded") stays, so the copies compete for the same frequent blocking
//! keys as a real archive spanning more years would, while the clusters
//! stay distinct (gold incident `g` of copy `k` is `(k, g)`).

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use crate::document::Document;

/// Id offset between copies.
pub const COPY_ID_STRIDE: i64 = 10_000_000;

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "bri", "cu", "fen", "gal", "hom",
    "ist", "jor", "kel", "lun", "mar", "nov", "ost", "pra", "quin", "ros", "sul", "tev", "ur",
    "vas", "wen", "yar", "zel", "bo",
];

fn hash(word: &str, copy: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (copy as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in word.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The pseudo-word that replaces `word` in copy `copy`.
pub fn pseudo_word(word: &str, copy: usize) -> String {
    let mut h = hash(word, copy);
    let syllables = 2 + (h % 2) as usize;
    let mut out = String::new();
    for _ in 0..syllables {
        h = h.rotate_right(7).wrapping_mul(0x2545_f491_4f6c_dd1d);
        out.push_str(SYLLABLES[(h % SYLLABLES.len() as u64) as usize]);
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => out,
    }
}

/// Rewrites every capitalised word of `text` for copy `copy`.
pub fn rewrite(text: &str, copy: usize) -> String {
    rewrite_with(text, copy, &HashSet::new())
}

/// Rewrites every capitalised word and every word in `rare` for copy `copy`.
pub fn rewrite_with(text: &str, copy: usize, rare: &HashSet<String>) -> String {
    if copy == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, word: &str| {
        if (word.chars().next().is_some_and(char::is_uppercase) && word.chars().count() >= 2)
            || rare.contains(word)
        {
            out.push_str(&pseudo_word(word, copy));
        } else {
            out.push_str(word);
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            if word_start.is_none() {
                word_start = Some(i);
            }
        } else {
            if let Some(start) = word_start.take() {
                flush(&mut out, &text[start..i]);
            }
            out.push(c);
        }
    }
    if let Some(start) = word_start {
        flush(&mut out, &text[start..]);
    }
    out
}

/// A date of copy `copy`: `copy × 400` days later.
pub fn shift(date: NaiveDate, copy: usize) -> NaiveDate {
    date.checked_add_days(Days::new(400 * copy as u64))
        .unwrap_or(date)
}

/// A date of copy `copy` for corpora of hundreds of copies: `copy × 400`
/// days later, wrapped within `window_days` (copies stay spread over a
/// realistic span of years instead of centuries; 400 and a window of
/// 3,653 days share no factor, so the first 3,653 copies each get their
/// own offset).
pub fn shift_within(date: NaiveDate, copy: usize, window_days: u64) -> NaiveDate {
    let days = (400 * copy as u64) % window_days.max(1);
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// Copy `copy` of an article (see the module doc).
pub fn copy_of(article: &Document, copy: usize) -> Document {
    copy_with(article, copy, &HashSet::new())
}

/// Words in at most 1% of the articles (and at least one).
pub fn rare_words(articles: &[Document]) -> HashSet<String> {
    rare_words_of(articles.iter().map(|a| a.text.as_str()))
}

/// Words in at most 1% of the texts (and at least one): what [`rare_words`]
/// finds, for corpora not yet imported (the import bench's records).
pub fn rare_words_of<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut count = 0;
    for text in texts {
        count += 1;
        let mut seen: HashSet<&str> = HashSet::new();
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            if seen.insert(word) {
                *df.entry(word.to_string()).or_insert(0) += 1;
            }
        }
    }
    df.into_iter()
        .filter(|(_, n)| n * 100 <= count)
        .map(|(w, _)| w)
        .collect()
}

fn copy_with(article: &Document, copy: usize, rare: &HashSet<String>) -> Document {
    if copy == 0 {
        return article.clone();
    }
    let mut extraction = article.extraction.clone();
    if let Some(reference) = extraction.reference_date.as_mut() {
        reference.date = shift(reference.date, copy);
    }
    for date in &mut extraction.dates {
        date.date = date.date.map(|d| shift(d, copy));
    }
    for entity in &mut extraction.entities {
        entity.name = rewrite(&entity.name, copy);
        if let Some(place) = entity.place.as_mut() {
            place.id = format!("{}#{copy}", place.id);
            place.name = rewrite(&place.name, copy);
        }
    }
    if let Some(main) = extraction.main_event.as_mut() {
        main.date = main.date.map(|d| shift(d, copy));
        if let Some(place) = main.place.as_mut() {
            place.id = format!("{}#{copy}", place.id);
            place.name = rewrite(&place.name, copy);
        }
    }
    Document {
        id: article.id + COPY_ID_STRIDE * copy as i64,
        external_id: format!("{}#{copy}", article.external_id),
        source: article.source.clone(),
        title: article
            .title
            .as_deref()
            .map(|t| rewrite_with(t, copy, rare)),
        published: article.published.map(|d| shift(d, copy)),
        text: rewrite_with(&article.text, copy, rare),
        extraction,
    }
}

/// `copies` copies of every article, copy-major order.
pub fn replicate(articles: &[Document], copies: usize) -> Vec<Document> {
    let rare = if copies > 1 {
        rare_words(articles)
    } else {
        HashSet::new()
    };
    (0..copies.max(1))
        .flat_map(|k| {
            articles
                .iter()
                .map(|a| copy_with(a, k, &rare))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_changes_capitalised_words_consistently() {
        let text = "Police in Dayton said Dayton police shot no one.";
        let once = rewrite(text, 1);
        assert_ne!(once, text);
        assert!(once.contains(" said "));
        assert!(once.contains(" police shot no one."));
        let dayton = pseudo_word("Dayton", 1);
        assert_eq!(once.matches(&dayton).count(), 2);
        assert_eq!(rewrite(text, 0), text);
        assert_ne!(pseudo_word("Dayton", 2), dayton);
    }

    #[test]
    fn shift_within_wraps_in_the_window() {
        let day = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap();
        let cases = [
            (0, "2014-01-01"),
            (1, "2015-02-05"),
            (9, "2023-11-10"),
            (10, "2014-12-14"),
        ];
        for (copy, expected) in cases {
            assert_eq!(
                shift_within(day, copy, 3653).to_string(),
                expected,
                "copy {copy}"
            );
        }
    }
}
