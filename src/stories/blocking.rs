//! The blocking keys one article gives on its own, without the archive:
//! what a distributed run (`parallax extract --stdin-jsonl` under Spark)
//! groups articles by to find candidate pairs before any archive exists.
//!
//! They are the part of [`super::cluster`]'s keys that needs no
//! archive-wide statistics: the people named without a role (at any
//! date), the main event's city or county in each of the article's date
//! buckets, and the MinHash bands of its body. The term keys the
//! clustering also uses need every article's document frequencies (which
//! words are rare), so they are computed where the archive is grouped.
//! Keys are text, stable across builds: `person:<alias key>`,
//! `place:<gazetteer id>@<bucket>`, `band:<key>`.

use super::cluster::{date_buckets, is_blocking_place};
use super::features::{event_date_of, people_of};
use crate::dedupe::Signature;
use crate::document::Document;

/// The article's blocking keys, sorted, without repeats. `signature` is the
/// body's MinHash (empty for a headline-only article: no band keys).
pub fn article_keys(document: &Document, signature: &Signature) -> Vec<String> {
    let mut keys: Vec<String> = people_of(&document.extraction)
        .into_iter()
        .map(|person| format!("person:{person}"))
        .collect();
    let place = document
        .extraction
        .main_event
        .as_ref()
        .and_then(|m| m.place.as_ref())
        .filter(|p| is_blocking_place(p.kind));
    if let Some(place) = place {
        let (event_date, _) = event_date_of(document);
        for bucket in date_buckets([event_date, document.published]) {
            keys.push(format!("place:{}@{bucket}", place.id));
        }
    }
    if !signature.is_empty() {
        keys.extend(signature.band_keys().iter().map(|b| format!("band:{b}")));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}
