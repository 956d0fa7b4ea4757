//! Claims only one outlet makes.
//!
//! "Only one outlet says this" is a strong statement, so a sentence is
//! listed only when nothing in it is stated elsewhere in any wording:
//! - it is not page furniture and says something specific (a name, a
//!   number or a date, or six content words or more);
//! - no sentence of another outlet matches it even loosely
//!   ([`statements::ELSEWHERE`], on the same rarity-weighted content keys
//!   that align statements);
//! - no finding of two outlets or more touches it: an aligned figure, date,
//!   place, participant attribute, statement or quotation, or a passage
//!   another outlet shares.
//!
//! A sentence holding a quotation no other outlet carries is listed as a
//! `quote`; any other as a `statement`.

use std::collections::BTreeMap;

use super::reading::Reading;
use super::statements::{self, Weights};
use super::{QuoteGroup, UniqueClaim};
use crate::extract::items::Field;

/// Fewest content keys of a unique sentence.
const MIN_KEYS: usize = 4;
/// Content keys that make a sentence specific without a name or number.
const SPECIFIC_KEYS: usize = 6;

/// Unique claims, in article order. `shared` holds the (article, start,
/// end) spans of every finding two outlets or more share.
pub fn collect(
    readings: &[Reading<'_>],
    weights: &Weights,
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
                    .any(|d| within(d.anchor.field, d.anchor.start, d.anchor.end));
            if !specific {
                continue;
            }
            if touched
                .iter()
                .any(|&(s, e)| s < sentence.end && sentence.start < e)
            {
                continue;
            }
            if statements::best_match(readings, weights, reader, index) >= statements::ELSEWHERE {
                continue;
            }
            let quote = lone_quotes
                .iter()
                .any(|&(a, s, e)| a == document.id && s < sentence.end && sentence.start < e);
            out.push(UniqueClaim {
                key: String::new(),
                kind: if quote { "quote" } else { "statement" }.into(),
                article: document.id,
                field: Field::Text,
                text: reading.slice(sentence.start, sentence.end),
                start: sentence.start,
                end: sentence.end,
            });
        }
    }
    out
}
