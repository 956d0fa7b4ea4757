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

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use super::{Store, story_anchors};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::items::PlaceRef;
use crate::model::{FirstReporter, StorySummary};
use crate::stories::{FixedGroup, StoryDraft};

/// One outlet's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutletCoverage {
    /// Outlet name.
    pub source: String,
    /// Stories it covered.
    pub stories: usize,
    /// Stories it reported first.
    pub first_reports: usize,
    /// Stories this outlet plausibly could have covered but did not: see
    /// [`Store::coverage`] for the rule. Empty when `missed_judged` is false.
    pub missed: Vec<i64>,
    /// False when the outlet covered too few placed stories
    /// ([`MIN_STORIES_FOR_MISSED`]) to say which regions it covers; it then
    /// has no "missed" list at all rather than a guessed one.
    pub missed_judged: bool,
    /// Date of its earliest article in the archive.
    pub active_from: Option<NaiveDate>,
    /// Date of its latest article in the archive.
    pub active_to: Option<NaiveDate>,
    /// Regions of the stories it covered (`Ohio, US`; a country's name when
    /// a story is placed no finer than its country), sorted.
    pub regions: Vec<String>,
}

/// Fewest placed stories an outlet must have covered before its regions, and
/// so its missed stories, are judged.
pub const MIN_STORIES_FOR_MISSED: usize = 3;

/// One story's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StoryCoverage {
    /// Story id.
    pub story: i64,
    /// Title.
    pub title: Option<String>,
    /// Event date.
    pub date: Option<NaiveDate>,
    /// Outlets with the date each first reported it.
    pub outlets: Vec<(String, Option<NaiveDate>)>,
    /// First reporter.
    pub first_reporter: Option<String>,
}

/// Coverage of the archive's stories by its outlets.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Coverage {
    /// Per outlet.
    pub outlets: Vec<OutletCoverage>,
    /// Per story covered by two outlets or more.
    pub stories: Vec<StoryCoverage>,
}

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
            tx.execute(
                "UPDATE stories SET title = ?1, date = ?2, place_id = ?3, place = ?4, killed = ?5, injured = ?6,
                 first_article = ?7, pinned = ?8 WHERE id = ?9",
                params![summary.title, date, place_id, place, summary.killed, summary.injured, first, summary.pinned, id],
            )?;
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO stories (title, date, place_id, place, killed, injured, first_article, pinned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![summary.title, date, place_id, place, summary.killed, summary.injured, first, summary.pinned],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
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
        type Row = (
            i64,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
        );
        let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Row> {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        };
        let mut rows: Vec<Row> = Vec::new();
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
                    if let Some(row) = stmt.query_row([id], read).optional()? {
                        rows.push(row);
                    }
                }
            }
            None => {
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("{ARTICLE_VIEW_SELECT} ORDER BY a.id"))?;
                for row in stmt.query_map([], read)? {
                    rows.push(row?);
                }
            }
        }
        let mut out = Vec::with_capacity(rows.len());
        for (id, external_id, source, title, published, text) in rows {
            let extraction = self.extraction(id)?.unwrap_or_default();
            out.push(Document {
                id,
                external_id,
                source,
                title,
                published: parse_date(published),
                text,
                extraction,
            });
        }
        Ok(out)
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
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
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
    pub fn save_stories(
        &mut self,
        fixed: &[(i64, FixedGroup)],
        drafts: &[StoryDraft],
        rebuild: bool,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if rebuild {
            tx.execute("DELETE FROM story_members WHERE decided_by = 'auto'", [])?;
        }
        let mut kept: BTreeSet<i64> = BTreeSet::new();
        for draft in drafts {
            let existing = draft.origin.and_then(|g| fixed.get(g)).map(|(id, _)| *id);
            let id = write_summary(&tx, existing, &draft.summary)?;
            kept.insert(id);
            for member in &draft.members {
                // Members kept from an earlier run keep their recorded reason.
                if member.reason == "kept" || member.reason == "pinned" {
                    continue;
                }
                tx.execute(
                    "INSERT INTO story_members (article_id, story_id, score, reason, linked_to, decided_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'auto')
                     ON CONFLICT(article_id) DO UPDATE SET story_id = ?2, score = ?3, reason = ?4, linked_to = ?5, decided_by = 'auto'",
                    params![member.article, id, member.score, member.reason, member.linked_to],
                )?;
            }
        }
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

    /// Stored stories, by date then id.
    pub fn stories(&self) -> Result<Vec<StorySummary>> {
        let mut members: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        let mut sources: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare(&format!(
                "{MEMBER_SELECT} ORDER BY m.story_id, m.article_id"
            ))?;
            for row in stmt.query_map([], member_from_row)? {
                let (story, article, source) = row?;
                members.entry(story).or_default().push(article);
                if let Some(source) = source {
                    sources.entry(story).or_default().insert(source);
                }
            }
        }
        let mut stmt = self.conn.prepare(&format!(
            "{STORY_SELECT} ORDER BY st.date IS NULL, st.date, st.id"
        ))?;
        let rows = stmt.query_map([], story_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let mut story = row?;
            story.articles = members.remove(&story.id).unwrap_or_default();
            story.sources = sources
                .remove(&story.id)
                .map(|s| s.into_iter().collect())
                .unwrap_or_default();
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

    fn require_story(&self, id: i64) -> Result<()> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT id FROM stories WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        found.map(|_| ()).ok_or(Error::NotFound {
            kind: "story",
            id: id.to_string(),
        })
    }

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

    /// Which outlets covered which stories, and which stories each outlet
    /// missed.
    ///
    /// A story counts as *missed* by an outlet only when the outlet plausibly
    /// could have covered it: the story was covered by two outlets or more,
    /// not by this one; its date (event date, else its earliest report) lies
    /// within the outlet's active period (its first to last article in the
    /// archive); and its region (first-level region such as a state, else the
    /// country) is one of the regions of the stories the outlet did cover. A
    /// local outlet thus misses only stories from its own area and years, not
    /// every story of the archive. An undated or unplaced story is never
    /// counted as missed (a wrong claim is worse than none), and an outlet
    /// with fewer than [`MIN_STORIES_FOR_MISSED`] placed stories gets no
    /// missed list (`missed_judged` false).
    pub fn coverage(&self) -> Result<Coverage> {
        let stories = self.stories()?;
        let mut first_seen: BTreeMap<(i64, String), Option<NaiveDate>> = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT m.story_id, s.name, a.published FROM story_members m JOIN articles a ON a.id = m.article_id
                 JOIN sources s ON s.id = a.source_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?;
            for row in rows {
                let (story, source, published) = row?;
                let date = parse_date(published);
                let slot = first_seen.entry((story, source)).or_insert(date);
                if date.is_some() && (slot.is_none() || date < *slot) {
                    *slot = date;
                }
            }
        }
        let mut per_story: BTreeMap<i64, Vec<(String, Option<NaiveDate>)>> = BTreeMap::new();
        for ((story, source), date) in &first_seen {
            per_story
                .entry(*story)
                .or_default()
                .push((source.clone(), *date));
        }
        let all_sources: BTreeSet<String> = first_seen.keys().map(|(_, s)| s.clone()).collect();
        let mut outlets: BTreeMap<String, OutletCoverage> = all_sources
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    OutletCoverage {
                        source: s.clone(),
                        stories: 0,
                        first_reports: 0,
                        missed: Vec::new(),
                        missed_judged: false,
                        active_from: None,
                        active_to: None,
                        regions: Vec::new(),
                    },
                )
            })
            .collect();
        let periods = self.outlet_periods()?;
        for (name, outlet) in outlets.iter_mut() {
            if let Some((from, to)) = periods.get(name) {
                outlet.active_from = *from;
                outlet.active_to = *to;
            }
        }
        // Regions each outlet covered, counted over its placed stories.
        let mut regions: BTreeMap<&str, (BTreeSet<String>, usize)> = BTreeMap::new();
        for story in &stories {
            let Some(region) = story_region(story) else {
                continue;
            };
            for source in &story.sources {
                let entry = regions.entry(source.as_str()).or_default();
                entry.0.insert(region.clone());
                entry.1 += 1;
            }
        }
        for (name, outlet) in outlets.iter_mut() {
            if let Some((names, placed)) = regions.get(name.as_str()) {
                outlet.regions = names.iter().cloned().collect();
                outlet.missed_judged = *placed >= MIN_STORIES_FOR_MISSED;
            }
        }
        let mut story_rows = Vec::new();
        for story in &stories {
            let mut covered = per_story.remove(&story.id).unwrap_or_default();
            covered.sort_by(|a, b| (a.1.is_none(), a.1, &a.0).cmp(&(b.1.is_none(), b.1, &b.0)));
            for (source, _) in &covered {
                if let Some(o) = outlets.get_mut(source) {
                    o.stories += 1;
                }
            }
            let first = story.first_reporter.as_ref().and_then(|f| f.source.clone());
            if let Some(o) = first.as_ref().and_then(|f| outlets.get_mut(f)) {
                o.first_reports += 1;
            }
            if covered.len() >= 2 {
                let names: BTreeSet<&String> = covered.iter().map(|(s, _)| s).collect();
                let date = story
                    .date
                    .or_else(|| covered.iter().filter_map(|(_, d)| *d).min());
                let region = story_region(story);
                if let (Some(date), Some(region)) = (date, region) {
                    for (name, o) in outlets.iter_mut() {
                        if o.missed_judged
                            && !names.contains(name)
                            && could_have_covered(o, date, &region)
                        {
                            o.missed.push(story.id);
                        }
                    }
                }
                story_rows.push(StoryCoverage {
                    story: story.id,
                    title: story.title.clone(),
                    date: story.date,
                    outlets: covered,
                    first_reporter: first,
                });
            }
        }
        let mut outlets: Vec<OutletCoverage> = outlets.into_values().collect();
        outlets.sort_by(|a, b| b.stories.cmp(&a.stories).then(a.source.cmp(&b.source)));
        Ok(Coverage {
            outlets,
            stories: story_rows,
        })
    }

    /// Each outlet's first and last article dates (undated articles aside).
    fn outlet_periods(&self) -> Result<BTreeMap<String, ActivePeriod>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.name, min(a.published), max(a.published) FROM articles a JOIN sources s ON s.id = a.source_id
             WHERE a.published IS NOT NULL GROUP BY s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = BTreeMap::new();
        for row in rows {
            let (name, from, to) = row?;
            out.insert(
                name,
                (parse_date(from.map(day_part)), parse_date(to.map(day_part))),
            );
        }
        Ok(out)
    }
}

/// An outlet's first and last article dates.
type ActivePeriod = (Option<NaiveDate>, Option<NaiveDate>);

/// The columns of an [`Document`] row (its extraction is read apart).
const ARTICLE_VIEW_SELECT: &str = "SELECT a.id, a.external_id, s.name, a.title, a.published, a.text
     FROM articles a LEFT JOIN sources s ON s.id = a.source_id";

/// `published` may carry a time after the day; the period is in days.
fn day_part(text: String) -> String {
    text.get(..10).map(str::to_string).unwrap_or(text)
}

/// A story's region: its place's first-level region with the country code,
/// else (a place known only to the country) the country's name.
fn story_region(story: &StorySummary) -> Option<String> {
    let place = story.place.as_ref()?;
    Some(match &place.region {
        Some(region) => format!("{region}, {}", place.country_code),
        None => place.country.clone(),
    })
}

/// The coverage rule's test for one outlet and one story it did not cover.
fn could_have_covered(outlet: &OutletCoverage, date: NaiveDate, region: &str) -> bool {
    let in_period = outlet.active_from.is_some_and(|from| from <= date)
        && outlet.active_to.is_some_and(|to| date <= to);
    in_period && outlet.regions.iter().any(|r| r == region)
}
