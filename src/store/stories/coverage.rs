//! Coverage: which outlets covered which stories, and which stories each
//! outlet plausibly could have covered but missed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::parse_date;
use crate::error::Result;
use crate::model::StorySummary;
use crate::store::Store;

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

impl Store {
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
            let rows = stmt.query_map([], |r| <(i64, String, Option<String>)>::try_from(r))?;
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
            <(String, Option<String>, Option<String>)>::try_from(r)
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
