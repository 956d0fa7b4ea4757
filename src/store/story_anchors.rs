//! What a researcher attached to a story (notes, tags, collection items)
//! follows the story's articles, not its id.
//!
//! Story ids are not stable: a rebuild regroups every article a person did
//! not place, a merge deletes one story, a split makes another. So every row
//! attached to a story keeps, beside the id it was last seen with, the
//! story's member articles then (`story_articles`). [`reattach`] runs in the
//! same transaction as every change of memberships and moves each such row
//! to the story that now holds most of those articles — at least half of the
//! ones still in the archive, and more than any other story holds; the
//! story it was on wins a tie — and refreshes its members. When no story
//! qualifies the row is marked `orphaned` and keeps what it had: it is
//! shown as lost, never moved to a story it does not belong to.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, params};

use crate::error::{Error, Result};

/// The tables holding rows attached to stories.
const TABLES: [&str; 3] = ["notes", "story_tags", "collection_items"];

/// The member articles of a story, by id.
pub(crate) fn members(conn: &Connection, story: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare("SELECT article_id FROM story_members WHERE story_id = ?1 ORDER BY article_id")?;
    let rows = stmt.query_map([story], |r| r.get::<_, i64>(0))?;
    let members = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    if members.is_empty() {
        return Err(Error::NotFound {
            kind: "story",
            id: story.to_string(),
        });
    }
    Ok(members)
}

/// The story an anchor belongs to now, by the rule in the module doc.
fn resolve(membership: &HashMap<i64, i64>, old_story: i64, articles: &[i64]) -> Option<i64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    let mut present = 0;
    for article in articles {
        if let Some(story) = membership.get(article) {
            present += 1;
            *counts.entry(*story).or_default() += 1;
        }
    }
    let best = counts.values().copied().max()?;
    if best * 2 < present {
        return None;
    }
    let leaders: Vec<i64> = counts
        .iter()
        .filter(|(_, count)| **count == best)
        .map(|(story, _)| *story)
        .collect();
    match leaders.as_slice() {
        [one] => Some(*one),
        many if many.contains(&old_story) => Some(old_story),
        _ => None,
    }
}

/// Moves every row attached to a story to where its articles are now (see
/// the module doc). Call inside the transaction that changed memberships.
pub(crate) fn reattach(conn: &Connection) -> Result<()> {
    // Most runs (every import's story update) find nothing attached to a
    // story; they read no memberships.
    let attached: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM notes WHERE story_articles IS NOT NULL)
             OR EXISTS (SELECT 1 FROM story_tags)
             OR EXISTS (SELECT 1 FROM collection_items WHERE story_articles IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    if !attached {
        return Ok(());
    }
    let membership: HashMap<i64, i64> = {
        let mut stmt = conn.prepare("SELECT article_id, story_id FROM story_members")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut by_story: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (article, story) in &membership {
        by_story.entry(*story).or_default().push(*article);
    }
    for articles in by_story.values_mut() {
        articles.sort_unstable();
    }
    for table in TABLES {
        let rows: Vec<(i64, i64, String)> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT id, story_id, story_articles FROM {table} WHERE story_articles IS NOT NULL"
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (id, old_story, stored) in rows {
            let articles: Vec<i64> = serde_json::from_str(&stored)?;
            match resolve(&membership, old_story, &articles) {
                Some(story) => {
                    let now_members = by_story.get(&story).cloned().unwrap_or_default();
                    conn.execute(
                        &format!(
                            "UPDATE {table} SET story_id = ?2, story_articles = ?3, orphaned = 0 WHERE id = ?1"
                        ),
                        params![id, story, serde_json::to_string(&now_members)?],
                    )?;
                }
                None => {
                    conn.execute(
                        &format!("UPDATE {table} SET orphaned = 1 WHERE id = ?1"),
                        [id],
                    )?;
                }
            }
        }
    }
    // Two stories merged: a tag given to both, or both in one collection,
    // is now there twice. The older row stays.
    conn.execute(
        "DELETE FROM story_tags WHERE orphaned = 0 AND id NOT IN
             (SELECT min(id) FROM story_tags WHERE orphaned = 0 GROUP BY tag_id, story_id)",
        [],
    )?;
    conn.execute(
        "DELETE FROM collection_items WHERE story_id IS NOT NULL AND orphaned = 0 AND id NOT IN
             (SELECT min(id) FROM collection_items WHERE story_id IS NOT NULL AND orphaned = 0
              GROUP BY collection_id, story_id)",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case: memberships now (article → story), the anchor's story
    /// and articles, and the story it resolves to (`None`: orphaned).
    type Case = (&'static [(i64, i64)], i64, &'static [i64], Option<i64>);

    #[test]
    fn anchors_follow_most_of_their_articles() {
        let cases: &[Case] = &[
            // Unchanged.
            (&[(1, 5), (2, 5), (3, 5)], 5, &[1, 2, 3], Some(5)),
            // A rebuild gave the same articles another id.
            (&[(1, 9), (2, 9), (3, 9)], 5, &[1, 2, 3], Some(9)),
            // A split: the larger part keeps the anchor.
            (&[(1, 5), (2, 6), (3, 6)], 5, &[1, 2, 3], Some(6)),
            // An even split: the story it was on wins the tie.
            (&[(1, 5), (2, 6)], 5, &[1, 2], Some(5)),
            // An even split into two new stories: orphaned, not guessed.
            (&[(1, 7), (2, 8)], 5, &[1, 2], None),
            // Scattered: no story holds half.
            (&[(1, 7), (2, 8), (3, 9)], 5, &[1, 2, 3], None),
            // Every article deleted.
            (&[], 5, &[1, 2], None),
            // One article deleted: the rest decide.
            (&[(2, 5), (3, 5)], 5, &[1, 2, 3], Some(5)),
        ];
        for (members, story, articles, expected) in cases {
            let membership: HashMap<i64, i64> = members.iter().copied().collect();
            assert_eq!(
                resolve(&membership, *story, articles),
                *expected,
                "{members:?} {story} {articles:?}"
            );
        }
    }
}
