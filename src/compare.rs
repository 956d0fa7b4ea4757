//! Comparison of the articles of one story, claim by claim.
//!
//! (Work in progress: the input view is defined first so that stories and
//! comparison share it.)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::extract::items::Extraction;

/// One article as comparison and clustering see it: its stored fields and
/// its extraction, whose anchors index into `text` and `title`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
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
