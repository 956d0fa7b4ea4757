//! Evaluation against gold data: the GVA incidents of the SemEval-2018 Task 5
//! corpus (`../shared/corpus/gva-dev`). Each article's main event is scored
//! against the incident its article belongs to: date, city, state, killed,
//! injured. The gold describes the incident, not each article, so a perfect
//! extractor still scores below 100% (an article written before a victim
//! died reports fewer killed).
//!
//! The evaluation imports the corpus into a fresh in-memory archive with the
//! normal import path, so it measures exactly what users get.
//!
//! [`stories`] scores story grouping against the same gold's incidents
//! (with [`metrics`]), [`compare`] comparisons against close readings. The
//! gold is read here only: nothing the evaluation scores depends on it.

pub mod compare;
pub mod metrics;
pub mod stories;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Store;
use crate::error::{Error, Result};
use crate::extract::items::{MainEvent, PlaceRef};
use crate::ingest::{self, ImportOptions, Input};

/// One gold incident (the fields the evaluation uses).
#[derive(Debug, Clone, Deserialize)]
pub struct Incident {
    /// GVA id.
    pub event_id: String,
    /// Incident date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// City or county, sometimes with a neighbourhood in parentheses.
    #[serde(default)]
    pub city_or_county: Option<String>,
    /// US state.
    #[serde(default)]
    pub state: Option<String>,
    /// People killed.
    #[serde(default)]
    pub killed: Option<i64>,
    /// People injured.
    #[serde(default)]
    pub injured: Option<i64>,
    /// Ids of the articles reporting it.
    pub docs: Vec<String>,
}

/// Accuracy of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    /// Items right.
    pub correct: u64,
    /// Items scored.
    pub total: u64,
    /// `correct / total`.
    pub accuracy: f64,
}

impl Score {
    fn add(&mut self, right: bool) {
        self.total += 1;
        if right {
            self.correct += 1;
        }
        self.accuracy = self.correct as f64 / self.total as f64;
    }
}

/// One wrong answer, for people to look at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Field.
    pub field: &'static str,
    /// Article's external id.
    pub article: String,
    /// Article title.
    pub title: Option<String>,
    /// What the gold says.
    pub gold: String,
    /// What Parallax found.
    pub found: String,
}

/// Article-level extraction scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractionScores {
    /// Articles scored.
    pub articles: u64,
    /// Articles with a main event.
    pub with_main_event: u64,
    /// Date of the main event.
    pub date: Score,
    /// City of the main event.
    pub city: Score,
    /// State of the main event.
    pub state: Score,
    /// Killed (no figure counts as 0).
    pub killed: Score,
    /// Injured (no figure counts as 0).
    pub injured: Score,
    /// Baseline: the published date as the event date.
    pub date_baseline_published: Score,
    /// Up to `sample` misses per field.
    pub misses: Vec<Miss>,
}

/// Reads `gold.jsonl`.
pub fn read_gold(path: &Path) -> Result<Vec<Incident>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| {
                Error::InvalidArgument(format!(
                    "{}:{}: not a gold incident: {e}",
                    path.display(),
                    i + 1
                ))
            })
        })
        .collect()
}

/// How an evaluation imports its corpus: at a fixed time, so that every
/// run stores the same rows, with extraction and no cap on file size.
fn corpus_options() -> ImportOptions {
    ImportOptions {
        max_file_bytes: u64::MAX,
        ..ImportOptions::new("2000-01-01T00:00:00Z")
    }
}

/// Imports `dir/articles.jsonl` into a fresh in-memory archive (with
/// extraction) and returns it with the gold incidents of `dir/gold.jsonl`.
pub fn load_corpus(dir: &Path) -> Result<(Store, Vec<Incident>)> {
    let gold = read_gold(&dir.join("gold.jsonl"))?;
    let mut store = Store::open_in_memory()?;
    let options = corpus_options();
    ingest::import(
        &mut store,
        &[Input::Path(dir.join("articles.jsonl"))],
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    )?;
    Ok((store, gold))
}

/// The place name(s) a gold `city_or_county` accepts: "Chicago (Englewood)"
/// accepts Chicago and Englewood; "Brown (county)" is Brown County.
pub fn gold_cities(city_or_county: &str) -> Vec<String> {
    let mut out = Vec::new();
    match city_or_county.split_once('(') {
        Some((head, rest)) => {
            let paren = rest.trim_end_matches(')').trim();
            if paren.eq_ignore_ascii_case("county") {
                out.push(fold(&format!("{} county", head.trim())));
            } else {
                out.push(fold(head));
                out.push(fold(paren));
            }
        }
        None => out.push(fold(city_or_county)),
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Case, accents, punctuation and the usual abbreviations ("St." for
/// Saint, "Ft." for Fort, "Mt." for Mount) folded, so "St. Louis" matches
/// "Saint Louis"; a trailing ", D.C." style qualifier is dropped.
fn fold(s: &str) -> String {
    let head = s.split(',').next().unwrap_or(s);
    let folded = deunicode::deunicode(head).to_lowercase();
    folded
        .split_whitespace()
        .map(|w| match w.trim_end_matches('.') {
            "st" => "saint",
            "ft" => "fort",
            "mt" => "mount",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when a place is the gold city or county, or lies in the gold county.
pub fn place_matches(place: &PlaceRef, gold: &str) -> bool {
    let cities = gold_cities(gold);
    let name = fold(&place.name);
    let county = place.county.as_deref().map(fold);
    cities
        .iter()
        .any(|c| *c == name || county.as_deref() == Some(c.as_str()))
}

/// True when the main event's place matches the gold city.
pub fn city_matches(main: Option<&MainEvent>, gold: &str) -> bool {
    main.and_then(|m| m.place.as_ref())
        .is_some_and(|place| place_matches(place, gold))
}

/// Scores each article's main event against its incident.
pub fn score_extraction(
    store: &Store,
    gold: &[Incident],
    sample: usize,
) -> Result<ExtractionScores> {
    let mut scores = ExtractionScores {
        articles: 0,
        with_main_event: 0,
        date: Score::default(),
        city: Score::default(),
        state: Score::default(),
        killed: Score::default(),
        injured: Score::default(),
        date_baseline_published: Score::default(),
        misses: Vec::new(),
    };
    let mut miss_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for incident in gold {
        for doc in &incident.docs {
            let Ok(article) = store.find_article(doc) else {
                continue;
            };
            let extraction = store.extraction(article.id)?.unwrap_or_default();
            let main = extraction.main_event.as_ref();
            scores.articles += 1;
            scores.with_main_event += u64::from(main.is_some());
            let date = main.and_then(|m| m.date);
            let place = main.and_then(|m| m.place.as_ref());
            let killed = main.and_then(|m| m.killed).unwrap_or(0);
            let injured = main.and_then(|m| m.injured).unwrap_or(0);
            let region = place.and_then(|p| p.region.clone());
            // A field the gold leaves empty is not scored.
            let mut checks: Vec<(&'static str, bool, String, String)> = Vec::new();
            if let Some(gold_date) = incident.date {
                checks.push((
                    "date",
                    date == Some(gold_date),
                    gold_date.to_string(),
                    date.map(|d| d.to_string()).unwrap_or_default(),
                ));
            }
            if let Some(city) = &incident.city_or_county {
                checks.push((
                    "city",
                    city_matches(main, city),
                    city.clone(),
                    place.map(|p| p.id.clone()).unwrap_or_default(),
                ));
            }
            if let Some(state) = &incident.state {
                checks.push((
                    "state",
                    region.as_deref().map(fold) == Some(fold(state)),
                    state.clone(),
                    region.clone().unwrap_or_default(),
                ));
            }
            if let Some(gold_killed) = incident.killed {
                checks.push((
                    "killed",
                    killed == gold_killed,
                    gold_killed.to_string(),
                    killed.to_string(),
                ));
            }
            if let Some(gold_injured) = incident.injured {
                checks.push((
                    "injured",
                    injured == gold_injured,
                    gold_injured.to_string(),
                    injured.to_string(),
                ));
            }
            for (field, right, gold_value, found) in checks {
                let score = match field {
                    "date" => &mut scores.date,
                    "city" => &mut scores.city,
                    "state" => &mut scores.state,
                    "killed" => &mut scores.killed,
                    _ => &mut scores.injured,
                };
                score.add(right);
                let count = miss_counts.entry(field).or_default();
                if !right && *count < sample {
                    *count += 1;
                    scores.misses.push(Miss {
                        field,
                        article: doc.clone(),
                        title: article.title.clone(),
                        gold: gold_value,
                        found,
                    });
                }
            }
            if let Some(gold_date) = incident.date {
                scores
                    .date_baseline_published
                    .add(article.published == Some(gold_date));
            }
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, kind: &str, county: Option<&str>) -> PlaceRef {
        PlaceRef {
            id: format!("US/State/{name}"),
            name: name.to_string(),
            kind: crate::extract::items::PlaceKind::parse(kind)
                .unwrap_or(crate::extract::items::PlaceKind::City),
            country_code: "US".to_string(),
            country: "United States".to_string(),
            region: Some("State".to_string()),
            county: county.map(str::to_string),
            lat: 0.0,
            lon: 0.0,
        }
    }

    #[test]
    fn gold_city_forms_are_read_as_gva_writes_them() {
        assert_eq!(
            gold_cities("Chicago (Englewood)"),
            vec!["chicago", "englewood"]
        );
        assert_eq!(gold_cities("Horry (county)"), vec!["horry county"]);
        assert_eq!(gold_cities("St. Louis"), vec!["saint louis"]);
    }

    #[test]
    fn a_place_matches_its_gold_city_or_county() {
        assert!(place_matches(
            &place("Saint Louis", "city", None),
            "St. Louis"
        ));
        assert!(place_matches(
            &place("Washington, D.C.", "city", None),
            "Washington"
        ));
        assert!(place_matches(
            &place("Horry County", "county", None),
            "Horry (county)"
        ));
        assert!(place_matches(
            &place("Conway", "city", Some("Horry County")),
            "Horry (county)"
        ));
        assert!(!place_matches(
            &place("Anderson County", "county", None),
            "Anderson"
        ));
        assert!(!place_matches(
            &place("Conway", "city", Some("Horry County")),
            "Myrtle Beach"
        ));
    }
}
