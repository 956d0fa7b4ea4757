//! Story evaluation against an incident-level gold standard (the gva-dev
//! layout: `articles.jsonl` with `{id, source, title, published, text}` and
//! `gold.jsonl` with `{event_id, date, city_or_county, state, killed,
//! injured, docs}`).
//!
//! Clustering is scored with B³ and pairwise precision/recall/F1 over the
//! articles that belong to a gold incident. Story-level fields are scored
//! per gold incident: the incident's articles are mapped to the predicted
//! story holding most of them (ties to the lowest story id), and that
//! story's consolidated date, city, killed and injured are compared with
//! the gold. A city matches when the names agree after folding case and
//! accents and dropping a parenthesised neighbourhood ("Chicago (Englewood)");
//! `city_in_state` also asks the place to lie in the gold state.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::metrics::{Scores, b_cubed, pairwise};
use super::{Incident, place_matches, read_gold};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extract::pipeline::{self, Input};
use crate::stories::{self, StoryDraft};

#[derive(Debug, Deserialize)]
struct GoldArticle {
    id: String,
    source: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: String,
}

/// Reads the gold incidents and the articles, running extraction on each
/// article (ids are line numbers from 1).
pub fn load(dir: &Path) -> Result<(Vec<Document>, Vec<Incident>)> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))
    };
    let mut articles = Vec::new();
    for (n, line) in read("articles.jsonl")?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let raw: GoldArticle = serde_json::from_str(line)?;
        let published = raw
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p.get(..10).unwrap_or(p), "%Y-%m-%d").ok());
        let hint = raw
            .source
            .as_deref()
            .and_then(pipeline::region_hint_for_domain)
            .or(Some("US"));
        let extraction = pipeline::run(&Input {
            title: raw.title.as_deref(),
            text: &raw.text,
            published,
            region_hint: hint,
        });
        articles.push(Document {
            id: n as i64 + 1,
            external_id: raw.id,
            source: raw.source,
            title: raw.title,
            published,
            text: raw.text,
            extraction,
        });
    }
    let gold = read_gold(&dir.join("gold.jsonl"))?;
    Ok((articles, gold))
}

/// Figures of one evaluation run.
#[derive(Debug, Clone, Serialize)]
pub struct StoryEvaluation {
    /// Articles clustered.
    pub articles: usize,
    /// Gold incidents.
    pub incidents: usize,
    /// Stories predicted.
    pub stories: usize,
    /// B³ scores.
    pub b_cubed: Scores,
    /// B³ of putting every article in its own story.
    pub b_cubed_singletons: Scores,
    /// Pairwise scores.
    pub pairwise: Scores,
    /// Share of incidents whose story date equals the gold date.
    pub date: f64,
    /// … city (by name, as the city-level gold gives no coordinates).
    pub city: f64,
    /// … city, in the gold state too: the stricter reading of `city`.
    pub city_in_state: f64,
    /// … killed.
    pub killed: f64,
    /// … injured.
    pub injured: f64,
    /// Clustering time in seconds (features and grouping, not extraction).
    pub seconds: f64,
    /// A sample of story-level errors.
    pub errors: Vec<String>,
}

/// Clusters `articles` and scores the result against `gold`, matching
/// articles by external id. `clock` times the grouping: the core reads no
/// clock itself, the caller passes a monotonic one in (`|| start.elapsed()`).
pub fn evaluate(
    articles: &[Document],
    gold: &[Incident],
    error_sample: usize,
    clock: &dyn Fn() -> Duration,
) -> StoryEvaluation {
    evaluate_with_threshold(
        articles,
        gold,
        error_sample,
        stories::cluster::JOIN_THRESHOLD,
        clock,
    )
}

/// [`evaluate`] with another join threshold.
pub fn evaluate_with_threshold(
    articles: &[Document],
    gold: &[Incident],
    error_sample: usize,
    threshold: f32,
    clock: &dyn Fn() -> Duration,
) -> StoryEvaluation {
    let start = clock();
    let drafts = stories::group_with_threshold(articles, &[], threshold);
    let seconds = clock().saturating_sub(start).as_secs_f64();
    score(articles, gold, &drafts, seconds, error_sample)
}

/// Scores given drafts (see [`evaluate`]).
pub fn score(
    articles: &[Document],
    gold: &[Incident],
    drafts: &[StoryDraft],
    seconds: f64,
    error_sample: usize,
) -> StoryEvaluation {
    let by_external: HashMap<&str, i64> = articles
        .iter()
        .map(|a| (a.external_id.as_str(), a.id))
        .collect();
    let mut gold_of: HashMap<i64, usize> = HashMap::new();
    for (g, incident) in gold.iter().enumerate() {
        for doc in &incident.docs {
            if let Some(id) = by_external.get(doc.as_str()) {
                gold_of.insert(*id, g);
            }
        }
    }
    let mut story_of: HashMap<i64, usize> = HashMap::new();
    for (s, draft) in drafts.iter().enumerate() {
        for id in &draft.summary.articles {
            story_of.insert(*id, s);
        }
    }
    let singletons: HashMap<i64, i64> = story_of.keys().map(|id| (*id, *id)).collect();
    let (mut date, mut city, mut city_in_state, mut killed, mut injured, mut counted) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut errors = Vec::new();
    for (g, incident) in gold.iter().enumerate() {
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for (id, gi) in &gold_of {
            if *gi == g
                && let Some(s) = story_of.get(id)
            {
                *votes.entry(*s).or_insert(0) += 1;
            }
        }
        let Some((&story, _)) = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
            continue;
        };
        counted += 1;
        let summary = &drafts[story].summary;
        let date_ok = incident.date.is_some() && summary.date == incident.date;
        let city_ok = match (&incident.city_or_county, &summary.place) {
            (Some(gold_city), Some(place)) => place_matches(place, gold_city),
            _ => false,
        };
        let killed_ok = incident.killed == Some(summary.killed.unwrap_or(0));
        let injured_ok = incident.injured == Some(summary.injured.unwrap_or(0));
        let state_ok = summary.place.as_ref().is_some_and(|place| {
            incident
                .state
                .as_deref()
                .is_some_and(|state| place.region.as_deref() == Some(state) || place.name == state)
        });
        date += usize::from(date_ok);
        city += usize::from(city_ok);
        city_in_state += usize::from(city_ok && state_ok);
        killed += usize::from(killed_ok);
        injured += usize::from(injured_ok);
        if (!date_ok || !city_ok || !killed_ok || !injured_ok) && errors.len() < error_sample {
            errors.push(format!(
                "incident {}: gold {:?} {:?} k={:?} i={:?}; story {} {:?} {:?} k={:?} i={:?}",
                incident.event_id,
                incident.date,
                incident.city_or_county,
                incident.killed,
                incident.injured,
                summary.id,
                summary.date,
                summary.place.as_ref().map(|p| p.name.clone()),
                summary.killed,
                summary.injured
            ));
        }
    }
    let share = |n: usize| {
        if counted > 0 {
            n as f64 / counted as f64
        } else {
            0.0
        }
    };
    StoryEvaluation {
        articles: gold_of.len(),
        incidents: counted,
        stories: drafts.len(),
        b_cubed: b_cubed(&story_of, &gold_of),
        b_cubed_singletons: b_cubed(&singletons, &gold_of),
        pairwise: pairwise(&story_of, &gold_of),
        date: share(date),
        city: share(city),
        city_in_state: share(city_in_state),
        killed: share(killed),
        injured: share(injured),
        seconds,
        errors,
    }
}

/// For tuning by general evidence: for pairs of articles the gold puts
/// together but the run split (and the reverse), the pair-score evidence.
pub fn diagnose(
    articles: &[Document],
    gold: &[Incident],
    drafts: &[StoryDraft],
    limit: usize,
) -> Vec<String> {
    let (features, _) = stories::features::build(articles);
    let frequencies = stories::cluster::Frequencies::of(&features);
    let index: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.external_id.as_str(), i))
        .collect();
    let mut story_of: HashMap<i64, i64> = HashMap::new();
    for draft in drafts {
        for id in &draft.summary.articles {
            story_of.insert(*id, draft.summary.id);
        }
    }
    let describe = |i: usize| {
        let f = &features[i];
        format!(
            "[{} {:?} ev={:?}{} place={:?} k={:?} i={:?} kind={:?}] {}",
            articles[i].id,
            f.published,
            f.event_date,
            if f.event_date_from_text { "(text)" } else { "" },
            f.place.as_ref().map(|p| p.id.clone()),
            f.killed,
            f.injured,
            f.event_kind,
            articles[i]
                .title
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(60)
                .collect::<String>()
        )
    };
    let mut out = Vec::new();
    for incident in gold {
        let members: Vec<usize> = incident
            .docs
            .iter()
            .filter_map(|d| index.get(d.as_str()).copied())
            .collect();
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if story_of.get(&articles[a].id) != story_of.get(&articles[b].id)
                    && out.len() < limit
                {
                    let (score, reason) =
                        stories::cluster::pair_score(&features[a], &features[b], &frequencies);
                    let cos = stories::features::cosine(&features[a].terms, &features[b].terms);
                    out.push(format!(
                        "SPLIT score {score:.2} cos {cos:.2} ({reason})\n   {}\n   {}",
                        describe(a),
                        describe(b)
                    ));
                }
            }
        }
    }
    let gold_of: HashMap<&str, usize> = gold
        .iter()
        .enumerate()
        .flat_map(|(g, inc)| inc.docs.iter().map(move |d| (d.as_str(), g)))
        .collect();
    let mut merges = 0;
    for draft in drafts {
        let ids: Vec<usize> = draft
            .summary
            .articles
            .iter()
            .filter_map(|id| articles.iter().position(|a| a.id == *id))
            .collect();
        for (x, &a) in ids.iter().enumerate() {
            for &b in &ids[x + 1..] {
                let (ga, gb) = (
                    gold_of.get(articles[a].external_id.as_str()),
                    gold_of.get(articles[b].external_id.as_str()),
                );
                if ga.is_some() && gb.is_some() && ga != gb && merges < limit {
                    merges += 1;
                    let (score, reason) =
                        stories::cluster::pair_score(&features[a], &features[b], &frequencies);
                    let cos = stories::features::cosine(&features[a].terms, &features[b].terms);
                    out.push(format!(
                        "MERGED score {score:.2} cos {cos:.2} ({reason})\n   {}\n   {}",
                        describe(a),
                        describe(b)
                    ));
                }
            }
        }
    }
    out
}
