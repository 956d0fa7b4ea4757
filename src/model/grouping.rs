//! A grouping's rows: the stories [`crate::stories`] drafts, with each
//! member's placement, and the groups a run keeps together. Plain data
//! below both stories and the store, so the store persists a grouping
//! without depending on the code that makes it.

use serde::{Deserialize, Serialize};

use super::StorySummary;

/// Why an article is in its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// Article id.
    pub article: i64,
    /// Score of the link that placed it.
    pub score: f64,
    /// `pinned`, `first`, or the strongest evidence.
    pub reason: String,
    /// The member it was linked to.
    pub linked_to: Option<i64>,
}

/// A story with its members' placements.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryDraft {
    /// Summary (`id` is the draft's position + 1 until stored).
    pub summary: StorySummary,
    /// Members in placement order.
    pub members: Vec<Membership>,
    /// Index of the fixed group it grew from, when any.
    pub origin: Option<usize>,
}

/// A group whose members stay together in a run: a user-pinned story, or
/// an earlier run's story when new articles are added incrementally.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedGroup {
    /// Member article ids.
    pub articles: Vec<i64>,
    /// Fixed by a user decision.
    pub pinned: bool,
}
