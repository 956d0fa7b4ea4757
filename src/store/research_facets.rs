//! Facet counts over a researcher's tags and collections: how many of the
//! selected articles carry each tag or sit in each collection, directly or
//! through their story (as the `--tag` / `--collection` filters select).

use super::articles::ArticleFilter;
use super::facets::{FacetCount, FacetCounter};
use crate::error::Result;

impl FacetCounter<'_> {
    /// Selected articles per tag name, most first.
    pub fn tags(&self, filter: &ArticleFilter) -> Result<Vec<FacetCount>> {
        self.per_name(
            filter,
            "SELECT tag_id AS owner, article_id AS article FROM article_tags
             UNION
             SELECT st.tag_id, m.article_id FROM story_tags st
             JOIN story_members m ON m.story_id = st.story_id WHERE st.orphaned = 0",
            "tags",
        )
    }

    /// Selected articles per collection name, most first.
    pub fn collections(&self, filter: &ArticleFilter) -> Result<Vec<FacetCount>> {
        self.per_name(
            filter,
            "SELECT collection_id AS owner, article_id AS article
             FROM collection_items WHERE article_id IS NOT NULL
             UNION
             SELECT i.collection_id, m.article_id FROM collection_items i
             JOIN story_members m ON m.story_id = i.story_id WHERE i.orphaned = 0",
            "collections",
        )
    }

    /// Selected articles per name of `owners` (a table with `id` and
    /// `name`), `links` being a query of `(owner, article)` pairs: the
    /// articles each owner holds, directly or through their story.
    fn per_name(
        &self,
        filter: &ArticleFilter,
        links: &str,
        owners: &str,
    ) -> Result<Vec<FacetCount>> {
        let (from_where, values) = self.clauses(filter);
        let weight = self.weight();
        let sql = format!(
            "WITH selected AS (SELECT a.id AS id, {weight} AS weight {from_where}),
                  linked AS ({links})
             SELECT o.name AS value, CAST(round(total(selected.weight)) AS INTEGER) AS n FROM linked
             JOIN selected ON selected.id = linked.article JOIN {owners} o ON o.id = linked.owner
             GROUP BY o.id ORDER BY n DESC, value"
        );
        self.rows(&sql, &values)
    }
}
