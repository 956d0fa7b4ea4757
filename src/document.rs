//! The document: one article as the domain reads it.
//!
//! Stories and comparison both work on [`Document`]s: an article's stored
//! fields with its extraction, whose anchors index into `text` and `title`.
//! This type sits below both, so neither depends on the other; the store
//! builds documents and persistence stays out of the domain.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::extract::items::{Anchor, Extraction, Field, NoiseKind};

/// One article as stories and comparison read it: its stored fields and
/// its extraction, whose anchors index into `text` and `title`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Archive id.
    pub id: i64,
    /// Record id or file stem.
    pub external_id: String,
    /// Outlet name.
    pub source: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<NaiveDate>,
    /// Body text.
    pub text: String,
    /// What was extracted from it.
    pub extraction: Extraction,
}

impl Document {
    /// Character spans of the body's extracted noise (embedded posts,
    /// captions, boilerplate, credits), datelines excepted: the material no
    /// claim, shared passage or likeness is drawn from.
    pub fn noise_spans(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.extraction
            .noise
            .iter()
            .filter(|n| n.anchor.field == Field::Text && n.kind != NoiseKind::Dateline)
            .map(|n| (n.anchor.start, n.anchor.end))
    }

    /// True when a span of the body lies inside extracted noise.
    pub fn in_noise(&self, anchor: &Anchor) -> bool {
        anchor.field == Field::Text
            && self
                .noise_spans()
                .any(|(start, end)| start <= anchor.start && anchor.end <= end)
    }

    /// Outlet name, else the external id.
    pub fn label(&self) -> String {
        self.source
            .clone()
            .unwrap_or_else(|| self.external_id.clone())
    }

    /// For a document with no publication or reference date: a copy whose
    /// unresolved date expressions are resolved against `anchor` (a story's
    /// first report, so its "Monday" can be compared with the others'
    /// dates); `None` when nothing changes.
    pub fn dated_against(&self, anchor: Option<NaiveDate>) -> Option<Document> {
        let anchor = anchor?;
        if self.published.is_some() || self.extraction.reference_date.is_some() {
            return None;
        }
        let mut copy = self.clone();
        let mut changed = false;
        for item in copy
            .extraction
            .dates
            .iter_mut()
            .filter(|d| d.date.is_none())
        {
            let mentions = crate::extract::dates::tag(&item.anchor.text, Some(anchor));
            if let [mention] = mentions.as_slice()
                && mention.range.start == 0
                && mention.range.end == item.anchor.text.len()
                && let Some(date) = mention.date
            {
                item.date = Some(date);
                item.precision = mention.precision;
                changed = true;
            }
        }
        changed.then_some(copy)
    }
}
