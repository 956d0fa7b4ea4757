//! Stories in the archive: storing the grouping, keeping user decisions.
//!
//! [`Store::update_stories`] is incremental: every stored story is a fixed
//! group, and only articles without a story are placed (joining the best
//! story or starting one), so story ids stay stable as articles arrive. A
//! rebuild regroups everything except memberships a user decided. User
//! decisions (move, split, merge) mark the memberships of the stories they
//! touch as `decided_by = 'user'`; such stories are pinned and no automatic
//! run changes their members (new articles may still join them). Every
//! decision is also logged in `story_decisions`.

mod coverage;
mod decisions;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::story_index::{self, IndexAdditions};
use super::{Store, story_anchors};
use crate::dedupe::Signature;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::items::{Extraction, PlaceRef};
use crate::model::grouping::{FixedGroup, StoryDraft};
use crate::model::{FirstReporter, StorySummary};
pub use coverage::{Coverage, OutletCoverage, StoryCoverage};

fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

fn write_summary(tx: &Transaction<'_>, id: Option<i64>, summary: &StorySummary) -> Result<i64> {
    let place = summary
        .place
        .as_ref()
        .map(serde_json::to_string)
        .transpose()?;
    let date = summary.date.map(|d| d.to_string());
    let place_id = summary.place.as_ref().map(|p| p.id.clone());
    let first = summary.first_reporter.as_ref().map(|f| f.article);
    match id {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE stories SET title = ?1, date = ?2, place_id = ?3, place = ?4, killed = ?5, injured = ?6,
                 first_article = ?7, pinned = ?8 WHERE id = ?9",
            )?
            .execute(params![summary.title, date, place_id, place, summary.killed, summary.injured, first, summary.pinned, id],
            )?;
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO stories (title, date, place_id, place, killed, injured, first_article, pinned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![summary.title, date, place_id, place, summary.killed, summary.injured, first, summary.pinned],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// Writes each draft's story row (a draft grown from a fixed group keeps
/// that story's id) and its new memberships; returns the ids written.
fn write_drafts(
    tx: &Transaction<'_>,
    fixed: &[(i64, FixedGroup)],
    drafts: &[StoryDraft],
) -> Result<BTreeSet<i64>> {
    let mut kept: BTreeSet<i64> = BTreeSet::new();
    let mut insert = tx.prepare_cached(
        "INSERT INTO story_members (article_id, story_id, score, reason, linked_to, decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'auto')
         ON CONFLICT(article_id) DO UPDATE SET story_id = ?2, score = ?3, reason = ?4, linked_to = ?5, decided_by = 'auto'",
    )?;
    for draft in drafts {
        let existing = draft.origin.and_then(|g| fixed.get(g)).map(|(id, _)| *id);
        let id = write_summary(tx, existing, &draft.summary)?;
        kept.insert(id);
        for member in &draft.members {
            // Members kept from an earlier run keep their recorded reason.
            if member.reason == "kept" || member.reason == "pinned" {
                continue;
            }
            insert.execute(params![
                member.article,
                id,
                member.score,
                member.reason,
                member.linked_to
            ])?;
        }
    }
    Ok(kept)
}

/// A story's row with its first report's date and outlet; its members
/// and outlets are read with [`MEMBER_SELECT`].
const STORY_SELECT: &str =
    "SELECT st.id, st.title, st.date, st.place, st.killed, st.injured, st.first_article, st.pinned, a.published, s.name
     FROM stories st LEFT JOIN articles a ON a.id = st.first_article LEFT JOIN sources s ON s.id = a.source_id";

/// Story memberships with each member's outlet.
const MEMBER_SELECT: &str =
    "SELECT m.story_id, m.article_id, s.name FROM story_members m JOIN articles a ON a.id = m.article_id
     LEFT JOIN sources s ON s.id = a.source_id";

/// A story read with [`STORY_SELECT`], its members and outlets still empty.
fn story_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    let place: Option<String> = r.get(3)?;
    let first: Option<i64> = r.get(6)?;
    let published: Option<String> = r.get(8)?;
    let source: Option<String> = r.get(9)?;
    Ok(StorySummary {
        id: r.get(0)?,
        title: r.get(1)?,
        date: parse_date(r.get(2)?),
        place: place
            .as_deref()
            .and_then(|p| serde_json::from_str::<PlaceRef>(p).ok()),
        articles: Vec::new(),
        sources: Vec::new(),
        killed: r.get(4)?,
        injured: r.get(5)?,
        first_reporter: first.map(|article| FirstReporter {
            article,
            source,
            published: parse_date(published),
        }),
        pinned: r.get(7)?,
    })
}

/// A membership read with [`MEMBER_SELECT`]: story, article, outlet.
fn member_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, i64, Option<String>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

impl Store {
    /// Every article (or those listed) with its stored extraction (empty
    /// when not extracted), ordered by id.
    pub fn article_views(&self, ids: Option<&[i64]>) -> Result<Vec<Document>> {
        let mut rows: Vec<DocumentRow> = Vec::new();
        match ids {
            // A story's members: read just those, so comparing a story costs
            // the same in a small archive and a large one.
            Some(ids) => {
                let mut wanted: Vec<i64> = ids.to_vec();
                wanted.sort_unstable();
                wanted.dedup();
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("{ARTICLE_VIEW_SELECT} WHERE a.id = ?1"))?;
                for id in wanted {
                    if let Some(row) = stmt.query_row([id], read_document).optional()? {
                        rows.push(row);
                    }
                }
            }
            None => {
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("{ARTICLE_VIEW_SELECT} ORDER BY a.id"))?;
                for row in stmt.query_map([], read_document)? {
                    rows.push(row?);
                }
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let extraction = self.extraction(row.0)?.unwrap_or_default();
            out.push(document(row, extraction));
        }
        Ok(out)
    }

    /// Up to `limit` articles with ids above `after`, in id order, each
    /// with the part of its stored extraction grouping reads (empty when
    /// not extracted; figures, quotes and events left out) and the MinHash
    /// signature import stored for it: grouping reads the archive a block
    /// at a time with these, so it never holds every article's text
    /// (issue 16), and reuses the signature rather than hashing the text
    /// again.
    pub fn article_block(
        &self,
        after: i64,
        limit: usize,
    ) -> Result<Vec<(Document, Option<Signature>)>> {
        // The limit in the SQL: bound, it made SQLite compile the
        // statement again on every call.
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ARTICLE_VIEW_SELECT} WHERE a.id > ?1 ORDER BY a.id LIMIT {limit}"
        ))?;
        let rows = stmt.query_map([after], read_document)?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut signature = self
            .conn
            .prepare_cached("SELECT signature FROM article_signatures WHERE article_id = ?1")?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let id = row.0;
            let stored: Option<Vec<u8>> = signature.query_row([id], |r| r.get(0)).optional()?;
            let extraction = self.extraction_for_grouping(id)?.unwrap_or_default();
            out.push((
                document(row, extraction),
                stored.as_deref().and_then(Signature::from_bytes),
            ));
        }
        Ok(out)
    }

    /// Calls `each` with the outlet and main-event place of every extracted
    /// article that has both (in no particular order): what outlets' home
    /// regions are learned from, read without the articles' texts.
    pub fn for_each_main_place(&self, mut each: impl FnMut(&str, &PlaceRef)) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT s.name, e.main_place FROM extractions e JOIN articles a ON a.id = e.article_id
             JOIN sources s ON s.id = a.source_id
             WHERE e.main_event IS NOT NULL AND e.main_type IS NOT NULL AND e.main_place IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let source: Option<String> = row.get(0)?;
            let place: String = row.get(1)?;
            if let (Some(source), Ok(place)) = (source, serde_json::from_str::<PlaceRef>(&place)) {
                each(&source, &place);
            }
        }
        Ok(())
    }

    /// True when some article has no story or a re-extracted one is marked
    /// stale: only then does a story update need to read the archive.
    pub fn stories_outdated(&self) -> Result<bool> {
        // Every article placed and none re-extracted since (see
        // `store::extraction::save`): the stored stories are current.
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id))
                 OR EXISTS (SELECT 1 FROM story_members WHERE stale = 1)",
            [],
            |r| r.get(0),
        )?)
    }

    /// The stored stories as groups that a grouping run keeps together, with
    /// their ids: every story for an incremental run; with `rebuild`, only
    /// the memberships a user decided (those stories pinned).
    pub fn fixed_groups(&self, rebuild: bool) -> Result<Vec<(i64, FixedGroup)>> {
        let mut stmt = self.conn.prepare(
            "SELECT story_id, article_id, decided_by FROM story_members ORDER BY story_id, article_id",
        )?;
        let rows = stmt.query_map([], |r| <(i64, i64, String)>::try_from(r))?;
        let mut groups: BTreeMap<i64, FixedGroup> = BTreeMap::new();
        for row in rows {
            let (story, article, decided_by) = row?;
            let user = decided_by == "user";
            if rebuild && !user {
                continue;
            }
            let group = groups.entry(story).or_insert(FixedGroup {
                articles: Vec::new(),
                pinned: false,
            });
            group.articles.push(article);
            group.pinned |= user;
        }
        Ok(groups.into_iter().collect())
    }

    /// Stores a grouping run's stories in one transaction: a draft grown
    /// from a fixed group keeps that story's id, new drafts get new ids,
    /// stories no draft kept are deleted, and stale marks are cleared. With
    /// `rebuild`, automatic memberships are replaced.
    /// The kept index (keys, counts, furniture) is replaced by `index`
    /// in the same transaction, so it always describes the stored stories.
    pub fn save_stories(
        &mut self,
        fixed: &[(i64, FixedGroup)],
        drafts: &[StoryDraft],
        rebuild: bool,
        index: IndexAdditions<'_>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if rebuild {
            tx.execute("DELETE FROM story_members WHERE decided_by = 'auto'", [])?;
        }
        let kept = write_drafts(&tx, fixed, drafts)?;
        story_index::write(&tx, index)?;
        let all: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM stories")?;
            let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        for id in all.into_iter().filter(|id| !kept.contains(id)) {
            tx.execute("DELETE FROM stories WHERE id = ?1", [id])?;
        }
        tx.execute("UPDATE story_members SET stale = 0 WHERE stale = 1", [])?;
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a story update's stories in one transaction: the stories its
    /// new articles joined or started and those with stale members (the
    /// drafts, grown from `fixed`), with the update's additions to the
    /// kept index. Other stories are not touched; stale marks of the
    /// drafts' members are cleared.
    pub fn save_story_update(
        &mut self,
        fixed: &[(i64, FixedGroup)],
        drafts: &[StoryDraft],
        index: IndexAdditions<'_>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        write_drafts(&tx, fixed, drafts)?;
        story_index::write(&tx, index)?;
        {
            let mut fresh = tx.prepare_cached(
                "UPDATE story_members SET stale = 0 WHERE article_id = ?1 AND stale = 1",
            )?;
            for draft in drafts {
                for member in &draft.members {
                    fresh.execute([member.article])?;
                }
            }
        }
        story_anchors::reattach(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The articles without a story, by id.
    pub fn unplaced_articles(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m WHERE m.article_id = a.id) ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// Articles whose membership is marked stale (re-extracted since
    /// their story was summarised), by id.
    pub fn stale_articles(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare("SELECT article_id FROM story_members WHERE stale = 1 ORDER BY article_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// The stories holding any of `articles`, as groups an update keeps
    /// together (pinned when a user decided a membership), by story id.
    pub fn fixed_groups_of(&self, articles: &[i64]) -> Result<Vec<(i64, FixedGroup)>> {
        let mut stories: BTreeSet<i64> = BTreeSet::new();
        for article in articles {
            stories.extend(self.story_of(*article)?);
        }
        self.fixed_groups_by_id(&stories)
    }

    /// The stories listed, as groups an update keeps together, by id.
    pub fn fixed_groups_by_id(&self, stories: &BTreeSet<i64>) -> Result<Vec<(i64, FixedGroup)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, decided_by FROM story_members WHERE story_id = ?1 ORDER BY article_id",
        )?;
        let mut out = Vec::with_capacity(stories.len());
        for &story in stories {
            let mut group = FixedGroup {
                articles: Vec::new(),
                pinned: false,
            };
            for row in stmt.query_map([story], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })? {
                let (article, decided_by) = row?;
                group.articles.push(article);
                group.pinned |= decided_by == "user";
            }
            out.push((story, group));
        }
        Ok(out)
    }

    /// The articles listed (those still in the archive), in id order, as
    /// [`Store::article_block`] reads them.
    pub fn article_block_of(&self, ids: &[i64]) -> Result<Vec<(Document, Option<Signature>)>> {
        let mut wanted: Vec<i64> = ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        for id in wanted {
            out.extend(
                self.article_block(id - 1, 1)?
                    .into_iter()
                    .filter(|(d, _)| d.id == id),
            );
        }
        Ok(out)
    }

    /// Stored stories, by date then id.
    pub fn stories(&self) -> Result<Vec<StorySummary>> {
        // Outlet names are read once and the memberships carry outlet ids:
        // listing every story (what `parallax stories` prints) made a
        // string and a set entry for each of the archive's memberships.
        let outlets: HashMap<i64, String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id, name FROM sources WHERE name IS NOT NULL")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut members: HashMap<i64, (Vec<i64>, Vec<i64>)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.story_id, m.article_id, a.source_id FROM story_members m
                 JOIN articles a ON a.id = m.article_id ORDER BY m.story_id, m.article_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })?;
            for row in rows {
                let (story, article, source) = row?;
                let (articles, sources) = members.entry(story).or_default();
                articles.push(article);
                sources.extend(source);
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "{STORY_SELECT} ORDER BY st.date IS NULL, st.date, st.id"
        ))?;
        let rows = stmt.query_map([], story_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let mut story = row?;
            if let Some((articles, mut sources)) = members.remove(&story.id) {
                story.articles = articles;
                sources.sort_unstable();
                sources.dedup();
                let mut names: Vec<String> = sources
                    .iter()
                    .filter_map(|source| outlets.get(source).cloned())
                    .collect();
                names.sort_unstable();
                names.dedup();
                story.sources = names;
            }
            out.push(story);
        }
        Ok(out)
    }

    /// One stored story. Reads only that story's rows, so looking one up
    /// (every comparison does) costs the same in any archive (issue 16:
    /// it read every story, 93% of comparing a small story at 50,000
    /// articles).
    pub fn story(&self, id: i64) -> Result<StorySummary> {
        let mut story = self
            .conn
            .prepare_cached(&format!("{STORY_SELECT} WHERE st.id = ?1"))?
            .query_row([id], story_from_row)
            .optional()?
            .ok_or(Error::NotFound {
                kind: "story",
                id: id.to_string(),
            })?;
        let mut sources: BTreeSet<String> = BTreeSet::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "{MEMBER_SELECT} WHERE m.story_id = ?1 ORDER BY m.article_id"
        ))?;
        for row in stmt.query_map([id], member_from_row)? {
            let (_, article, source) = row?;
            story.articles.push(article);
            sources.extend(source);
        }
        story.sources = sources.into_iter().collect();
        Ok(story)
    }

    /// The id of the story an article was grouped into, if any.
    pub fn story_of(&self, article: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT story_id FROM story_members WHERE article_id = ?1",
                [article],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub(super) fn require_story(&self, id: i64) -> Result<()> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT id FROM stories WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        found.map(|_| ()).ok_or(Error::NotFound {
            kind: "story",
            id: id.to_string(),
        })
    }
}

/// The columns of an [`Document`] row (its extraction is read apart).
const ARTICLE_VIEW_SELECT: &str = "SELECT a.id, a.external_id, s.name, a.title, a.published, a.text
     FROM articles a LEFT JOIN sources s ON s.id = a.source_id";

/// A row of [`ARTICLE_VIEW_SELECT`]: id, external id, outlet, title,
/// published date and text.
type DocumentRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn read_document(row: &rusqlite::Row<'_>) -> rusqlite::Result<DocumentRow> {
    DocumentRow::try_from(row)
}

/// The document of a row of [`ARTICLE_VIEW_SELECT`], with its extraction.
fn document(
    (id, external_id, source, title, published, text): DocumentRow,
    extraction: Extraction,
) -> Document {
    Document {
        id,
        external_id,
        source,
        title,
        published: parse_date(published),
        text,
        extraction,
    }
}
