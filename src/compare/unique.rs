//! Claims only one outlet makes.
//!
//! "Only one outlet says this" is a strong statement, so a sentence is
//! listed only when nothing in it is stated elsewhere in any wording:
//! - it is not page furniture and says something specific (a name, a
//!   number, a date, a quotation, or six content words or more);
//! - no sentence of another outlet matches it even loosely
//!   ([`statements::ELSEWHERE`], on the same rarity-weighted content keys
//!   that align statements);
//! - findings of two outlets or more cover less than [`TOUCHED`] of it: an
//!   aligned figure, date, place, participant attribute, statement or
//!   quotation, or a passage another outlet shares.
//!
//! A sentence holding a quotation no other outlet carries is listed as a
//! `quote`; any other as a `statement`.

use std::collections::BTreeMap;

use super::reading::Reading;
use super::statements::{self, BestMatches};
use super::{QuoteGroup, UniqueClaim};
use crate::extract::items::Field;

/// Fewest content keys of a unique sentence.
const MIN_KEYS: usize = 3;
/// Share of a sentence that shared findings may cover before it no longer
/// counts as one outlet's own (a shared age inside a long sentence does not
/// make the rest of it shared).
const TOUCHED: f64 = 0.3;
/// Content keys that make a sentence specific without a name or number.
const SPECIFIC_KEYS: usize = 6;

/// Unique claims, in article order. `shared` holds the (article, start,
/// end) spans of every finding two outlets or more share.
pub fn collect(
    readings: &[Reading<'_>],
    best: &BestMatches,
    shared: &[(i64, usize, usize)],
    quotes: &[QuoteGroup],
) -> Vec<UniqueClaim> {
    let mut by_article: BTreeMap<i64, Vec<(usize, usize)>> = BTreeMap::new();
    for &(article, start, end) in shared {
        by_article.entry(article).or_default().push((start, end));
    }
    let lone_quotes: Vec<(i64, usize, usize)> = quotes
        .iter()
        .filter(|q| q.status == "unique")
        .flat_map(|q| q.variants.iter())
        .filter(|v| v.field == Field::Text)
        .map(|v| (v.article, v.start, v.end))
        .collect();
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let document = reading.document;
        let extraction = &document.extraction;
        let touched = by_article
            .get(&document.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (index, sentence) in reading.sentences.iter().enumerate() {
            if sentence.noise || sentence.keys.len() < MIN_KEYS {
                continue;
            }
            let within = |field: Field, start: usize, end: usize| {
                field == Field::Text && sentence.start <= start && end <= sentence.end
            };
            let specific = sentence.keys.len() >= SPECIFIC_KEYS
                || extraction
                    .entities
                    .iter()
                    .any(|e| within(e.anchor.field, e.anchor.start, e.anchor.end))
                || extraction
                    .figures
                    .iter()
                    .any(|f| within(f.anchor.field, f.anchor.start, f.anchor.end))
                || extraction
                    .dates
                    .iter()
                    .any(|d| within(d.anchor.field, d.anchor.start, d.anchor.end))
                || extraction.quotes.iter().any(|q| {
                    q.anchor.field == Field::Text
                        && q.anchor.start < sentence.end
                        && sentence.start < q.anchor.end
                });
            if !specific {
                continue;
            }
            let length = (sentence.end - sentence.start).max(1);
            let covered: usize = touched
                .iter()
                .map(|&(s, e)| e.min(sentence.end).saturating_sub(s.max(sentence.start)))
                .sum();
            if covered as f64 / length as f64 >= TOUCHED {
                continue;
            }
            // Stated elsewhere in other words, even loosely: not one
            // outlet's own (a loose match may be the same fact retold, and
            // "only one outlet says this" must not be said of it).
            if best.of(reader, index) >= statements::ELSEWHERE {
                continue;
            }
            let (start, end) = (sentence.start, sentence.end);
            let quote = lone_quotes
                .iter()
                .any(|&(a, s, e)| a == document.id && s < sentence.end && sentence.start < e);
            out.push(UniqueClaim {
                key: String::new(),
                kind: if quote { "quote" } else { "statement" }.into(),
                article: document.id,
                field: Field::Text,
                text: reading.slice(start, end),
                start,
                end,
            });
        }
    }
    out
}
