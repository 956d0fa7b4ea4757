//! The article filters over a researcher's tags and collections, as SQL
//! conditions on `articles a` for [`super::ArticleFilter`]; each takes one
//! parameter, a JSON array of lower-cased names.
//!
//! A tagged or collected story brings its articles: filtering by a tag
//! lists the articles tagged and those of the stories tagged (stories whose
//! anchor was orphaned by a regrouping bring nothing).

/// Articles carrying one of the tags, directly or through their story.
pub(crate) const TAGGED: &str =
    "(a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id
                WHERE lower(t.name) IN (SELECT value FROM json_each(?)))
     OR a.id IN (SELECT m.article_id FROM story_members m
                JOIN story_tags st ON st.story_id = m.story_id AND st.orphaned = 0
                JOIN tags t ON t.id = st.tag_id
                WHERE lower(t.name) IN (SELECT value FROM json_each(?))))";

/// Articles in one of the collections, directly or through their story.
pub(crate) const COLLECTED: &str = "(a.id IN (SELECT i.article_id FROM collection_items i
                JOIN collections c ON c.id = i.collection_id
                WHERE i.article_id IS NOT NULL AND lower(c.name) IN (SELECT value FROM json_each(?)))
     OR a.id IN (SELECT m.article_id FROM story_members m
                JOIN collection_items i ON i.story_id = m.story_id AND i.orphaned = 0
                JOIN collections c ON c.id = i.collection_id
                WHERE lower(c.name) IN (SELECT value FROM json_each(?))))";
