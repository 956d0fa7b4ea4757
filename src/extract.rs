//! Extraction: what each article claims, every item anchored to its passage.
//!
//! Stages, one module each, all pure functions over the article text:
//! sentences (`crate::text::sentences`) → `noise` (embedded posts, captions, credits,
//! datelines: kept in the text, excluded from claims) → `dates`, `figures`,
//! `entities` (+ `places`, the gazetteer), `quotes` → `events`.
//!
//! Convention shared by every stage: spans are **byte** ranges into the text
//! the stage was given (`Range<usize>`, always on `char` boundaries). The
//! pipeline converts them to character offsets when it stores them, since
//! the archive's spans count Unicode scalar values.

pub mod dates;
pub mod entities;
pub mod events;
pub mod figures;
pub mod noise;
pub mod pipeline;
pub mod places;
pub mod quotes;

/// The stored form of an extraction is plain data: it lives in the model,
/// which every reader of extractions (documents, anchors, the store) can
/// use without depending on extraction.
pub use crate::model::items;
