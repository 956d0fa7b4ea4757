//! Which quotations are one quotation: content words as transliteration
//! keys (function words left out), half of the shorter one's in the same
//! order, as wholes or one of them as one of its sentences; a cheap bound
//! before the longest common subsequence. Separate because it decides the
//! groups and knows nothing of speakers or diffs.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Entry, Keys};
use crate::compare::reading::data_lines;
use crate::compare::{word_hash, word_spans};
use crate::extract::entities::fuzzy_key;
use crate::text::sentences::split;

/// Function words: shared by any two quotations, so they say nothing about
/// whether two are the same.
fn function_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| data_lines(include_str!("../data/quote_function_words.txt")).collect())
}

/// Content words of a quotation as transliteration fingerprints, so
/// "Kataeb" and "Kataib" count as the same word. Numbers are left out:
/// "100 percent" in two different remarks is not a shared wording.
pub(super) fn content_keys(words: &[String]) -> Vec<u64> {
    let words: Vec<String> = words
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .cloned()
        .collect();
    keys_of_length(&words, 1)
}

/// Content keys of three letters or more: what a sentence of a quotation is
/// matched on, so that the leftovers of contractions and short words
/// ("I'm", "didn’t", "gonna" and "gun") do not make two sentences alike.
pub(super) fn strong_keys(words: &[String]) -> Vec<u64> {
    keys_of_length(words, 3)
}

fn keys_of_length(words: &[String], shortest: usize) -> Vec<u64> {
    words
        .iter()
        .filter(|w| !function_words().contains(w.as_str()))
        .map(|w| fuzzy_key(w))
        .filter(|k| k.chars().count() >= shortest)
        .map(|k| word_hash(&k))
        .collect()
}

/// The strong keys of each sentence of a quotation of several sentences
/// (none for a quotation of one).
pub(super) fn sentence_keys(text: &str) -> Vec<Keys> {
    let sentences = split(text);
    if sentences.len() < 2 {
        return Vec::new();
    }
    let spans = word_spans(text);
    sentences
        .iter()
        .map(|sentence| {
            let start = text[..sentence.range.start].chars().count();
            let end = start + text[sentence.range.clone()].chars().count();
            let words: Vec<String> = spans
                .iter()
                .filter(|(_, word_start, _)| (start..end).contains(word_start))
                .map(|(word, _, _)| word.clone())
                .collect();
            Keys::new(strong_keys(&words))
        })
        .collect()
}

/// Whether two key lists are one quotation: three content words or more,
/// and half of the shorter's, in the same order.
fn same_words(a: &Keys, b: &Keys) -> bool {
    enough_shared(common_bound(a, b), 3, a, b)
        && enough_shared(common_subsequence(&a.order, &b.order), 3, a, b)
}

/// Whether a sentence of one quotation is the other quotation: four strong
/// keys or more shared, and half of the shorter's, in the same order.
fn same_sentence(sentence: &Keys, other: &Keys) -> bool {
    enough_shared(common_bound(sentence, other), 4, sentence, other)
        && enough_shared(
            common_subsequence(&sentence.order, &other.order),
            4,
            sentence,
            other,
        )
}

/// `shared` keys are `least` or more and half of the shorter list's.
fn enough_shared(shared: usize, least: usize, a: &Keys, b: &Keys) -> bool {
    shared >= least && shared * 2 >= a.order.len().min(b.order.len())
}

/// Whether two quotations are one: as wholes, or one of them as one of its
/// sentences (an outlet quoting a reworded sentence and the next one).
pub(super) fn same_quotation(a: &Entry<'_>, b: &Entry<'_>) -> bool {
    same_words(&a.keys, &b.keys)
        || a.sentences
            .iter()
            .any(|part| same_sentence(part, &b.strong))
        || b.sentences
            .iter()
            .any(|part| same_sentence(part, &a.strong))
}

/// Keys shared by two lists counted with repeats, in any order: a bound
/// of their common subsequence that costs a merge, so most pairs of
/// quotations are told apart without the quadratic count.
fn common_bound(a: &Keys, b: &Keys) -> usize {
    let (x, y) = (&a.sorted, &b.sorted);
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Length of the longest common subsequence of two word lists: the words
/// two versions of one quotation keep in the same order.
fn common_subsequence(a: &[u64], b: &[u64]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            current[j + 1] = if x == y {
                previous[j] + 1
            } else {
                previous[j + 1].max(current[j])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}
