//! Claims only one outlet makes.
//!
//! Figures and quotations already aligned as `unique` are listed again
//! here, together with events of a kind no other outlet reports and
//! *statements*: sentences carrying a named entity or a figure whose
//! content words (five or more) mostly do not occur in any sentence of
//! another article (no other sentence shares 40% of them).

use std::collections::{BTreeMap, BTreeSet};

use super::{ArticleView, Claim, QuoteGroup, Status, UniqueClaim, word_spans};
use crate::extract::items::Field;

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "his", "her", "has", "had", "have", "from", "this", "they",
    "but", "not", "said", "who", "their", "been", "will", "would", "she", "its", "after", "about", "when", "which", "also",
    "into", "than", "more", "there", "other", "some", "over", "our", "them", "all", "any", "out", "can", "may", "one",
];

fn content(words: &[(String, usize, usize)]) -> BTreeSet<String> {
    words.iter().map(|(w, _, _)| w.clone()).filter(|w| w.len() >= 3 && !STOPWORDS.contains(&w.as_str())).collect()
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
                && chars.get(i + 2).is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“')));
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
            let trail = chars[s..e].iter().rev().take_while(|c| c.is_whitespace()).count();
            (s + lead, e.saturating_sub(trail).max(s + lead))
        })
        .filter(|(s, e)| e > s)
        .collect()
}

/// Unique claims, in article order.
pub fn collect(articles: &[&ArticleView], claims: &[Claim], quotes: &[QuoteGroup]) -> Vec<UniqueClaim> {
    let mut out: Vec<UniqueClaim> = Vec::new();
    for claim in claims.iter().filter(|c| c.status == Status::Unique) {
        for v in &claim.variants {
            out.push(UniqueClaim { kind: "figure".into(), article: v.article, field: v.field, text: v.text.clone(), start: v.start, end: v.end });
        }
    }
    for group in quotes.iter().filter(|q| q.status == "unique") {
        for v in group.variants.iter().filter(|v| v.text.split_whitespace().count() >= 5) {
            out.push(UniqueClaim { kind: "quote".into(), article: v.article, field: v.field, text: v.text.clone(), start: v.start, end: v.end });
        }
    }
    if articles.len() >= 2 {
        // Event kinds reported by one outlet only.
        let mut kinds: BTreeMap<&str, BTreeSet<i64>> = BTreeMap::new();
        for a in articles {
            for e in a.extraction.events.iter().filter(|e| !e.negated && !e.hypothetical) {
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
                    out.push(UniqueClaim { kind: "event".into(), article: a.id, field: e.anchor.field, text: e.anchor.text.clone(), start: e.anchor.start, end: e.anchor.end });
                }
            }
        }
        // Statements without a counterpart.
        let mut all: Vec<(usize, (usize, usize), BTreeSet<String>)> = Vec::new();
        for (n, a) in articles.iter().enumerate() {
            let words = word_spans(&a.text);
            for (s, e) in sentences(&a.text) {
                let inside: Vec<(String, usize, usize)> = words.iter().filter(|(_, ws, we)| *ws >= s && *we <= e).cloned().collect();
                all.push((n, (s, e), content(&inside)));
            }
        }
        let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, (_, _, set)) in all.iter().enumerate() {
            for w in set {
                index.entry(w.as_str()).or_default().push(i);
            }
        }
        let already: BTreeSet<(i64, usize)> = out.iter().map(|u| (u.article, u.start)).collect();
        for (n, (s, e), set) in &all {
            if set.len() < 5 {
                continue;
            }
            let article = articles[*n];
            let anchor = crate::extract::items::Anchor { field: Field::Text, start: *s, end: *e, text: String::new() };
            if article.in_noise(&anchor) {
                continue;
            }
            let carries_claim = article.extraction.entities.iter().any(|x| x.anchor.field == Field::Text && x.anchor.start >= *s && x.anchor.end <= *e)
                || article.extraction.figures.iter().any(|x| x.anchor.field == Field::Text && x.anchor.start >= *s && x.anchor.end <= *e);
            if !carries_claim {
                continue;
            }
            let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
            for w in set {
                for &j in index.get(w.as_str()).map(Vec::as_slice).unwrap_or(&[]) {
                    if all[j].0 != *n {
                        *shared.entry(j).or_insert(0) += 1;
                    }
                }
            }
            let counterpart = shared.iter().any(|(j, c)| *c * 10 >= set.len().min(all[*j].2.len().max(1)) * 4);
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
        let pos = |id: i64| articles.iter().position(|x| x.id == id).unwrap_or(usize::MAX);
        pos(a.article).cmp(&pos(b.article)).then(a.start.cmp(&b.start)).then(a.kind.cmp(&b.kind))
    });
    out.dedup_by(|a, b| a.article == b.article && a.start == b.start && a.end == b.end);
    out
}
