//! Facet counts over a researcher's tags and collections: how many of the
//! selected articles carry each tag or sit in each collection, directly or
//! through their story (as the `--tag` / `--collection` filters select).

use super::articles::ArticleFilter;
use super::facets::{FacetCount, FacetCounter};
use crate::error::Result;

impl FacetCounter<'_> {
    /// Selected articles per tag name, most first.
    pub fn tags(&self, filter: &ArticleFilter) -> Result<Vec<FacetCount>> {
        let (from_where, values) = self.clauses(filter);
        let weight = self.weight();
        let sql = format!(
            "WITH selected AS (SELECT a.id AS id, {weight} AS weight {from_where}),
                  tagged AS (SELECT tag_id AS tag, article_id AS article FROM article_tags
                             UNION
                             SELECT st.tag_id, m.article_id FROM story_tags st
                             JOIN story_members m ON m.story_id = st.story_id WHERE st.orphaned = 0)
             SELECT t.name AS value, CAST(round(total(selected.weight)) AS INTEGER) AS n FROM tagged
             JOIN selected ON selected.id = tagged.article JOIN tags t ON t.id = tagged.tag
             GROUP BY t.id ORDER BY n DESC, value"
        );
        self.rows(&sql, &values)
    }

    /// Selected articles per collection name, most first.
    pub fn collections(&self, filter: &ArticleFilter) -> Result<Vec<FacetCount>> {
        let (from_where, values) = self.clauses(filter);
        let weight = self.weight();
        let sql = format!(
            "WITH selected AS (SELECT a.id AS id, {weight} AS weight {from_where}),
                  collected AS (SELECT collection_id AS collection, article_id AS article
                                FROM collection_items WHERE article_id IS NOT NULL
                                UNION
                                SELECT i.collection_id, m.article_id FROM collection_items i
                                JOIN story_members m ON m.story_id = i.story_id WHERE i.orphaned = 0)
             SELECT c.name AS value, CAST(round(total(selected.weight)) AS INTEGER) AS n FROM collected
             JOIN selected ON selected.id = collected.article JOIN collections c ON c.id = collected.collection
             GROUP BY c.id ORDER BY n DESC, value"
        );
        self.rows(&sql, &values)
    }
}
