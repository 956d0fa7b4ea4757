//! Passages shared between articles, found by winnowing.
//!
//! Each article's body is reduced to normalised words (lower case, letters
//! and digits; words inside extracted noise such as embedded posts are left
//! out) with their character spans. Every run of [`K`] words is hashed and
//! winnowing (Schleimer, Wilkerson & Aiken 2003) keeps the minimum hash of
//! each window of [`W`] consecutive hashes, which guarantees that any shared
//! run of `K + W - 1` words is detected while storing only a fraction of the
//! hashes. Matching fingerprints seed matches that are then extended word by
//! word in both directions; matches separated by at most [`GAP`] words on
//! both sides (a changed word, an inserted adverb) merge into one passage.
//! Passages shorter than [`MIN_WORDS`] words are dropped: stock phrases
//! ("according to the health ministry") are not copying.
//!
//! Direction: when the two articles' publication dates differ the earlier
//! is the likely source; same-day or undated pairs have none. Wire credits
//! (AFP, Reuters, …) found in either article are attached, since copy shared
//! by two outlets usually comes from an agency both subscribe to.

use std::collections::{BTreeMap, BTreeSet};

use super::{Passage, Reuse, char_slice, for_each_word, word_hash};
use crate::document::Document;
use crate::extract::items::Field;

/// Words per hashed run.
pub const K: usize = 6;
/// Winnowing window.
pub const W: usize = 4;
/// Largest gap bridged inside one passage.
pub const GAP: usize = 3;
/// Shortest passage reported.
pub const MIN_WORDS: usize = 12;

struct Words {
    words: Vec<u64>,
    spans: Vec<(usize, usize)>,
    total: usize,
}

fn words_of(article: &Document) -> Words {
    let noise: Vec<(usize, usize)> = article.noise_spans().collect();
    let mut words = Vec::new();
    let mut spans = Vec::new();
    for_each_word(&article.text, |word, start, end| {
        if !noise.iter().any(|(s, e)| *s <= start && end <= *e) {
            words.push(word_hash(word));
            spans.push((start, end));
        }
    });
    let total = words.len();
    Words {
        words,
        spans,
        total,
    }
}

/// Winnowed fingerprints: (hash, position of the run's first word).
fn fingerprints(words: &[u64]) -> Vec<(u64, usize)> {
    if words.len() < K {
        return Vec::new();
    }
    let hashes: Vec<u64> = words
        .windows(K)
        .map(|run| {
            let mut h = 0x9e37_79b9_7f4a_7c15u64;
            for w in run {
                h = (h ^ w).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(17);
            }
            h
        })
        .collect();
    let mut out: Vec<(u64, usize)> = Vec::new();
    if hashes.len() <= W {
        if let Some((i, h)) = hashes
            .iter()
            .enumerate()
            .min_by_key(|(i, h)| (**h, std::cmp::Reverse(*i)))
        {
            out.push((*h, i));
        }
        return out;
    }
    for start in 0..=hashes.len() - W {
        // Rightmost minimum, as in the paper, so equal hashes are not re-picked.
        let mut best = start;
        for i in start..start + W {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if out.last().is_none_or(|(_, p)| *p != best) {
            out.push((hashes[best], best));
        }
    }
    out
}

/// A shared stretch: word ranges `a_start..a_end` and `b_start..b_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Run {
    a_start: usize,
    b_start: usize,
    a_end: usize,
    b_end: usize,
}

fn extend(a: &[u64], b: &[u64], i: usize, j: usize) -> Run {
    let (mut s_a, mut s_b) = (i, j);
    while s_a > 0 && s_b > 0 && a[s_a - 1] == b[s_b - 1] {
        s_a -= 1;
        s_b -= 1;
    }
    let mut len = 0;
    while s_a + len < a.len() && s_b + len < b.len() && a[s_a + len] == b[s_b + len] {
        len += 1;
    }
    Run {
        a_start: s_a,
        b_start: s_b,
        a_end: s_a + len,
        b_end: s_b + len,
    }
}

fn merge(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_unstable();
    runs.dedup();
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        if let Some(last) = merged.last_mut() {
            let a_gap = run.a_start as i64 - last.a_end as i64;
            let b_gap = run.b_start as i64 - last.b_end as i64;
            let near = |gap: i64| gap <= GAP as i64 && gap >= -(GAP as i64);
            if near(a_gap) && near(b_gap) && run.b_start >= last.b_start {
                last.a_end = last.a_end.max(run.a_end);
                last.b_end = last.b_end.max(run.b_end);
                continue;
            }
            // Contained in the previous stretch (a repeated phrase).
            if run.a_end <= last.a_end
                && run.a_start >= last.a_start
                && run.b_start >= last.b_start
                && run.b_end <= last.b_end
            {
                continue;
            }
        }
        merged.push(run);
    }
    merged
}

fn covered(article: &Document, start: usize, end: usize) -> bool {
    article.extraction.quotes.iter().any(|q| {
        q.anchor.field == Field::Text && q.anchor.start <= start + 2 && end <= q.anchor.end + 2
    })
}

/// Reuse between every pair of articles sharing passages, largest first.
pub fn compare(articles: &[&Document]) -> Vec<Reuse> {
    let words: Vec<Words> = articles.iter().map(|a| words_of(a)).collect();
    let mut index: BTreeMap<u64, Vec<(usize, usize)>> = BTreeMap::new();
    for (a, w) in words.iter().enumerate() {
        for (hash, position) in fingerprints(&w.words) {
            index.entry(hash).or_default().push((a, position));
        }
    }
    let mut seeds: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for postings in index.values() {
        if postings.len() > 4 * articles.len().max(2) {
            continue;
        }
        for (x, &(a, pa)) in postings.iter().enumerate() {
            for &(b, pb) in &postings[x + 1..] {
                if a != b {
                    let (first, second) = if a < b {
                        ((a, pa), (b, pb))
                    } else {
                        ((b, pb), (a, pa))
                    };
                    seeds
                        .entry((first.0, second.0))
                        .or_default()
                        .push((first.1, second.1));
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((a, b), pairs) in seeds {
        let (wa, wb) = (&words[a], &words[b]);
        let runs: Vec<Run> = pairs
            .iter()
            .filter(|(i, j)| wa.words.get(*i) == wb.words.get(*j))
            .map(|&(i, j)| extend(&wa.words, &wb.words, i, j))
            .filter(|r| r.a_end - r.a_start >= K)
            .collect();
        let passages: Vec<Run> = merge(runs)
            .into_iter()
            .filter(|r| r.a_end - r.a_start >= MIN_WORDS)
            .collect();
        if passages.is_empty() {
            continue;
        }
        let (article_a, article_b) = (articles[a], articles[b]);
        let mut used_a: BTreeSet<usize> = BTreeSet::new();
        let mut used_b: BTreeSet<usize> = BTreeSet::new();
        let mut list = Vec::new();
        for run in passages {
            used_a.extend(run.a_start..run.a_end);
            used_b.extend(run.b_start..run.b_end);
            let len = run.a_end - run.a_start;
            let (a_start, a_end) = (wa.spans[run.a_start].0, wa.spans[run.a_end - 1].1);
            let (b_start, b_end) = (wb.spans[run.b_start].0, wb.spans[run.b_end - 1].1);
            list.push(Passage {
                key: String::new(),
                a_start,
                a_end,
                b_start,
                b_end,
                text: char_slice(&article_a.text, a_start, a_end),
                words: len,
                quotation: covered(article_a, a_start, a_end) && covered(article_b, b_start, b_end),
            });
        }
        // Both outlets quoting the same speaker share the quotation's words
        // without one copying the other: a pair whose shared passages all
        // lie inside quotations is not reused text.
        if list.iter().all(|p| p.quotation) {
            continue;
        }
        let share = |used: usize, total: usize| {
            if total > 0 {
                (used as f64 / total as f64 * 1000.0).round() / 1000.0
            } else {
                0.0
            }
        };
        let direction = match (article_a.published, article_b.published) {
            (Some(x), Some(y)) if x < y => Some([article_a.id, article_b.id]),
            (Some(x), Some(y)) if y < x => Some([article_b.id, article_a.id]),
            _ => None,
        };
        let mut wire: Vec<String> = article_a
            .extraction
            .wire_credits
            .iter()
            .chain(&article_b.extraction.wire_credits)
            .cloned()
            .collect();
        wire.sort();
        wire.dedup();
        out.push(Reuse {
            key: String::new(),
            articles: [article_a.id, article_b.id],
            share: [share(used_a.len(), wa.total), share(used_b.len(), wb.total)],
            direction,
            wire,
            passages: list,
        });
    }
    out.sort_by(|x, y| {
        let sx = x.share[0] + x.share[1];
        let sy = y.share[0] + y.share[1];
        sy.total_cmp(&sx).then(x.articles.cmp(&y.articles))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::article;

    #[test]
    fn copied_paragraph_is_found_with_spans_in_both() {
        let shared = "The strikes hit three depots used by the militia near the border late on Monday, officials said on Tuesday.";
        let a = article(
            1,
            &format!("Local lead sentence here. {shared} Another closing line."),
            vec![],
        );
        let b = article(
            2,
            &format!(
                "A completely different opening. {}",
                shared.replace("officials", "Officials")
            ),
            vec![],
        );
        let found = compare(&[&a, &b]);
        assert_eq!(found.len(), 1);
        let passage = &found[0].passages[0];
        assert_eq!(passage.words, 19);
        assert_eq!(
            char_slice(&a.text, passage.a_start, passage.a_end),
            shared.trim_end_matches('.')
        );
        assert_eq!(
            char_slice(&b.text, passage.b_start, passage.b_end),
            shared
                .trim_end_matches('.')
                .replace("officials", "Officials")
        );
        assert!(found[0].share[0] > 0.6 && found[0].share[1] > 0.7);
    }

    #[test]
    fn a_changed_word_inside_does_not_break_the_passage() {
        let words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray";
        let a = article(1, words, vec![]);
        let b = article(2, &words.replace("mike", "michael"), vec![]);
        let found = compare(&[&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].passages.len(), 1);
        assert_eq!(found[0].passages[0].words, 24);
    }

    #[test]
    fn short_stock_phrases_are_not_reuse() {
        let a = article(
            1,
            "Police said the man was taken to hospital in a critical condition late on Friday.",
            vec![],
        );
        let b = article(
            2,
            "A spokesman said the man was taken to hospital with wounds to his leg.",
            vec![],
        );
        assert!(compare(&[&a, &b]).is_empty());
    }
}
