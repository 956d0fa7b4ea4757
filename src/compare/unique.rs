//! Claims only one outlet makes.
//!
//! Figures and quotations already aligned as `unique` are listed again
//! here, together with events of a kind no other outlet reports and
//! *statements*: sentences carrying a named entity or a figure whose
//! content words (five or more) mostly do not occur in any sentence of
//! another article (no other sentence shares 40% of them; candidates are
//! the sentences sharing one of its three rarest words).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Claim, QuoteGroup, Status, UniqueClaim, for_each_word, word_hash};
use crate::document::Document;
use crate::extract::items::Field;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "his", "her", "has", "had", "have",
    "from", "this", "they", "but", "not", "said", "who", "their", "been", "will", "would", "she",
    "its", "after", "about", "when", "which", "also", "into", "than", "more", "there", "other",
    "some", "over", "our", "them", "all", "any", "out", "can", "may", "one",
];

/// Size of the intersection of two sorted lists.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sentences of an article's body as character ranges (split at `.`, `!`,
/// `?` followed by whitespace and a capital or quotation mark, or at line ends).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..chars.len() {
        let end_here = chars[i] == '\n'
            || (matches!(chars[i], '.' | '!' | '?')
                && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
                && chars
                    .get(i + 2)
                    .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“')));
        if end_here {
            if i + 1 > start {
                out.push((start, i + 1));
            }
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out.into_iter()
        .map(|(s, e)| {
            let lead = chars[s..e].iter().take_while(|c| c.is_whitespace()).count();
            let trail = chars[s..e]
                .iter()
                .rev()
                .take_while(|c| c.is_whitespace())
                .count();
            (s + lead, e.saturating_sub(trail).max(s + lead))
        })
        .filter(|(s, e)| e > s)
        .collect()
}

/// Unique claims, in article order.
pub fn collect(
    articles: &[&Document],
    claims: &[Claim],
    quotes: &[QuoteGroup],
) -> Vec<UniqueClaim> {
    let mut out: Vec<UniqueClaim> = Vec::new();
    for claim in claims.iter().filter(|c| c.status == Status::Unique) {
        for v in &claim.variants {
            out.push(UniqueClaim {
                kind: "figure".into(),
                article: v.article,
                field: v.field,
                text: v.text.clone(),
                start: v.start,
                end: v.end,
            });
        }
    }
    for group in quotes.iter().filter(|q| q.status == "unique") {
        for v in group
            .variants
            .iter()
            .filter(|v| v.text.split_whitespace().count() >= 5)
        {
            out.push(UniqueClaim {
                kind: "quote".into(),
                article: v.article,
                field: v.field,
                text: v.text.clone(),
                start: v.start,
                end: v.end,
            });
        }
    }
    if articles.len() >= 2 {
        // Event kinds reported by one outlet only.
        let mut kinds: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
        for a in articles {
            for e in a
                .extraction
                .events
                .iter()
                .filter(|e| !e.negated && !e.hypothetical)
            {
                kinds.entry(e.kind.as_str()).or_default().insert(a.id);
            }
        }
        for a in articles {
            let mut reported: BTreeSet<&str> = BTreeSet::new();
            for e in &a.extraction.events {
                if kinds.get(e.kind.as_str()).is_some_and(|s| s.len() == 1)
                    && e.kind != "statement"
                    && !a.in_noise(&e.anchor)
                    && reported.insert(e.kind.as_str())
                {
                    out.push(UniqueClaim {
                        kind: "event".into(),
                        article: a.id,
                        field: e.anchor.field,
                        text: e.anchor.text.clone(),
                        start: e.anchor.start,
                        end: e.anchor.end,
                    });
                }
            }
        }
        // Statements without a counterpart. Each sentence's content words
        // become sorted hashes; candidates come from its three rarest words,
        // so a long story does not compare every sentence with every other.
        let mut all: Vec<(usize, (usize, usize), Vec<u64>)> = Vec::new();
        for (n, a) in articles.iter().enumerate() {
            let mut words: Vec<(u64, usize, usize, bool)> = Vec::new();
            for_each_word(&a.text, |w, s, e| {
                words.push((word_hash(w), s, e, w.len() >= 3 && !STOPWORDS.contains(&w)));
            });
            let mut cursor = 0;
            for (s, e) in sentences(&a.text) {
                while cursor < words.len() && words[cursor].1 < s {
                    cursor += 1;
                }
                let mut set: Vec<u64> = Vec::new();
                let mut k = cursor;
                while k < words.len() && words[k].2 <= e {
                    if words[k].3 {
                        set.push(words[k].0);
                    }
                    k += 1;
                }
                cursor = k;
                set.sort_unstable();
                set.dedup();
                all.push((n, (s, e), set));
            }
        }
        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, (_, _, set)) in all.iter().enumerate() {
            for w in set {
                index.entry(*w).or_default().push(i);
            }
        }
        let already: BTreeSet<(i64, usize)> = out.iter().map(|u| (u.article, u.start)).collect();
        for (n, (s, e), set) in &all {
            if set.len() < 5 {
                continue;
            }
            let article = articles[*n];
            let anchor = crate::extract::items::Anchor {
                field: Field::Text,
                start: *s,
                end: *e,
                text: String::new(),
            };
            if article.in_noise(&anchor) {
                continue;
            }
            let inside = |start: usize, end: usize, field: Field| {
                field == Field::Text && start >= *s && end <= *e
            };
            let carries_claim = article
                .extraction
                .entities
                .iter()
                .any(|x| inside(x.anchor.start, x.anchor.end, x.anchor.field))
                || article
                    .extraction
                    .figures
                    .iter()
                    .any(|x| inside(x.anchor.start, x.anchor.end, x.anchor.field));
            if !carries_claim {
                continue;
            }
            let mut rarest: Vec<(usize, u64)> = set
                .iter()
                .map(|w| (index.get(w).map_or(0, Vec::len), *w))
                .collect();
            rarest.sort_unstable();
            let mut candidates: Vec<usize> = rarest
                .iter()
                .take(3)
                .flat_map(|(_, w)| {
                    index
                        .get(w)
                        .map(Vec::as_slice)
                        .unwrap_or(&[])
                        .iter()
                        .copied()
                })
                .filter(|j| all[*j].0 != *n)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let counterpart = candidates.iter().any(|&j| {
                let other = &all[j].2;
                let shared = intersection(set, other);
                shared * 10 >= set.len().min(other.len().max(1)) * 4
            });
            if !counterpart && !already.contains(&(article.id, *s)) {
                out.push(UniqueClaim {
                    kind: "statement".into(),
                    article: article.id,
                    field: Field::Text,
                    text: super::char_slice(&article.text, *s, *e),
                    start: *s,
                    end: *e,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        let pos = |id: i64| {
            articles
                .iter()
                .position(|x| x.id == id)
                .unwrap_or(usize::MAX)
        };
        pos(a.article)
            .cmp(&pos(b.article))
            .then(a.start.cmp(&b.start))
            .then(a.kind.cmp(&b.kind))
    });
    out.dedup_by(|a, b| a.article == b.article && a.start == b.start && a.end == b.end);
    out
}
