//! The application layer: what a front end asks of the core, composed from
//! the store (persistence) and the domain (stories, comparison).
//!
//! The store only reads and writes rows, and the domain modules are pure
//! functions over [`Document`](crate::document::Document)s; the steps that
//! need both (read the archive, run the domain, write the result) live
//! here, so persistence never drives the domain.

use crate::compare::{self, Comparison};
use crate::error::Result;
use crate::model::StorySummary;
use crate::store::Store;
use crate::stories::{self, FixedGroup};

/// Places articles without a story (or, with `rebuild`, regroups every
/// article not placed by a user), stores the result and returns the stored
/// stories. With nothing unplaced and nothing stale it reads no article.
pub fn update_stories(store: &mut Store, rebuild: bool) -> Result<Vec<StorySummary>> {
    if !rebuild && !store.stories_outdated()? {
        return store.stories();
    }
    let documents = store.article_views(None)?;
    let fixed = store.fixed_groups(rebuild)?;
    let groups: Vec<FixedGroup> = fixed.iter().map(|(_, group)| group.clone()).collect();
    let drafts = stories::group_fixed(&documents, &groups, stories::cluster::JOIN_THRESHOLD);
    store.save_stories(&fixed, &drafts, rebuild)?;
    store.stories()
}

/// The comparison of a stored story's articles.
pub fn compare_story(store: &Store, id: i64) -> Result<Comparison> {
    let story = store.story(id)?;
    let documents = store.article_views(Some(&story.articles))?;
    Ok(compare::compare(&story, &documents))
}

/// Moves an article into another story (both become pinned) and updates the
/// stories' summaries.
pub fn move_article(store: &mut Store, article: i64, story: i64, now: &str) -> Result<()> {
    store.move_article(article, story, now)?;
    update_stories(store, false).map(|_| ())
}

/// Splits the listed articles of a story into a new story and updates the
/// summaries; returns the new story's id.
pub fn split_story(store: &mut Store, story: i64, articles: &[i64], now: &str) -> Result<i64> {
    let new = store.split_story(story, articles, now)?;
    update_stories(store, false)?;
    Ok(new)
}

/// Merges story `from` into story `into` and updates the summaries.
pub fn merge_stories(store: &mut Store, into: i64, from: i64, now: &str) -> Result<()> {
    store.merge_stories(into, from, now)?;
    update_stories(store, false).map(|_| ())
}
