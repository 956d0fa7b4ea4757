//! A user's decisions on stories: an article moved, a story split or two
//! merged. Each pins the stories it touches (`decided_by = 'user'`) and is
//! logged in `story_decisions`.

use rusqlite::params;

use crate::error::{Error, Result};
use crate::store::{Store, story_anchors};

impl Store {
    /// Records a user's move of an article into another story; both stories
    /// become pinned (`app::move_article` then re-summarises them).
    pub fn move_article(&mut self, article: i64, story: i64, now: &str) -> Result<()> {
        self.require_story(story)?;
        let from = self.story_of(article)?.ok_or(Error::NotFound {
            kind: "story membership of article",
            id: article.to_string(),
        })?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE story_members SET story_id = ?2, reason = 'moved by user', score = 1.0, linked_to = NULL, decided_by = 'user'
             WHERE article_id = ?1",
            params![article, story],
        )?;
        tx.execute(
            "UPDATE story_members SET decided_by = 'user' WHERE story_id IN (?1, ?2)",
            params![from, story],
        )?;
        tx.execute(
            "UPDATE stories SET pinned = 1 WHERE id IN (?1, ?2)",
            params![from, story],
        )?;
        tx.execute(
            "INSERT INTO story_decisions (action, story_id, other_story, articles, decided_at) VALUES ('move', ?1, ?2, ?3, ?4)",
            params![story, from, serde_json::to_string(&[article])?, now],
        )?;
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a user's split: the listed articles of a story go into a new
    /// story, whose id is returned (`app::split_story` re-summarises).
    pub fn split_story(&mut self, story: i64, articles: &[i64], now: &str) -> Result<i64> {
        self.require_story(story)?;
        for article in articles {
            if self.story_of(*article)? != Some(story) {
                return Err(Error::InvalidArgument(format!(
                    "article {article} is not in story {story}"
                )));
            }
        }
        if articles.is_empty() {
            return Err(Error::InvalidArgument(
                "name at least one article to split off".into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute("INSERT INTO stories (pinned) VALUES (1)", [])?;
        let new = tx.last_insert_rowid();
        tx.execute(
            "UPDATE story_members SET decided_by = 'user' WHERE story_id = ?1",
            [story],
        )?;
        for article in articles {
            tx.execute(
                "UPDATE story_members SET story_id = ?2, reason = 'split by user', score = 1.0, linked_to = NULL WHERE article_id = ?1",
                params![article, new],
            )?;
        }
        tx.execute("UPDATE stories SET pinned = 1 WHERE id = ?1", [story])?;
        tx.execute(
            "INSERT INTO story_decisions (action, story_id, other_story, articles, decided_at) VALUES ('split', ?1, ?2, ?3, ?4)",
            params![story, new, serde_json::to_string(articles)?, now],
        )?;
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(new)
    }

    /// Records a user's merge of story `from` into story `into`
    /// (`app::merge_stories` re-summarises).
    pub fn merge_stories(&mut self, into: i64, from: i64, now: &str) -> Result<()> {
        self.require_story(into)?;
        self.require_story(from)?;
        if into == from {
            return Err(Error::InvalidArgument(
                "a story cannot be merged with itself".into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE story_members SET story_id = ?1, reason = 'merged by user', linked_to = NULL WHERE story_id = ?2",
            params![into, from],
        )?;
        tx.execute(
            "UPDATE story_members SET decided_by = 'user' WHERE story_id = ?1",
            [into],
        )?;
        tx.execute("UPDATE stories SET pinned = 1 WHERE id = ?1", [into])?;
        tx.execute("DELETE FROM stories WHERE id = ?1", [from])?;
        tx.execute(
            "INSERT INTO story_decisions (action, story_id, other_story, articles, decided_at) VALUES ('merge', ?1, ?2, '[]', ?3)",
            params![into, from, now],
        )?;
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
