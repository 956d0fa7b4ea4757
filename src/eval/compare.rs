//! Comparison evaluation against close readings: the compare-gold format
//! (`../shared/corpus/compare-gold/README.md`, version 1).
//!
//! Each gold file lists the articles of one story and every finding an
//! analyst notes, each anchored to exact passages. The evaluation imports
//! the corpora the files name into a fresh in-memory archive (the normal
//! import path), compares each story's articles as one story, flattens the
//! comparison into reported items (kind, status, spans per article) and
//! scores them the way the gold README defines:
//! - **recall**: a gold finding is found when a reported item with an
//!   acceptable status (agreed and compatible accept each other) overlaps its
//!   passages in at least two of its articles (one for `unique`, and for a
//!   finding whose passages are all in one article);
//! - **precision of `conflict` and `misattributed`**: reported items of that
//!   status that match a gold finding of that status, over all reported
//!   items of that status (the gold lists both completely);
//! - **speaker accuracy**: gold quotation passages that some reported
//!   quotation covers, whose reported speaker is the gold speaker;
//! - **false unique**: reported unique items lying on a passage of a gold
//!   finding that two or more articles state.
//!
//! Kinds: figures, dates, places and attributes are all *claims* and match
//! each other (an age may be reported as a figure or as an attribute); the
//! other kinds are told apart by their statuses.

mod matching;
mod reported;
mod scores;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde::Deserialize;

use crate::Store;
use crate::compare;
use crate::error::{Error, Result};
use crate::ingest::{self, Input};
use crate::stories::{self, FixedGroup};
pub use matching::same_speaker;
use matching::score_story;
pub use reported::{Reported, reported_items};
pub use scores::{CompareEvaluation, CompareScores, Miss, Ratio, StoryScores};

/// One close reading (format version 1).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldStory {
    /// Format version (1).
    pub version: u32,
    /// Short description.
    pub story: String,
    /// Where the articles are, relative to the corpus root.
    pub corpus: String,
    /// External ids of every report of the story.
    pub articles: Vec<String>,
    /// Statuses listed completely.
    #[serde(default)]
    pub exhaustive: Vec<String>,
    /// The findings.
    pub findings: Vec<GoldFinding>,
}

/// One finding of a close reading.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFinding {
    /// Id within the file.
    pub id: String,
    /// `figure`, `date`, `place`, `attribute`, `quote`, `entity`, `reuse`, `unique`.
    pub kind: String,
    /// `agreed`, `compatible`, `conflict`, `verbatim`, `altered`,
    /// `misattributed`, `variant`, `copied`, `unique`.
    pub status: String,
    /// What it is about.
    pub subject: String,
    /// Exact passages.
    pub variants: Vec<GoldPassage>,
    /// For quotations: who really said it.
    #[serde(default)]
    pub speaker: Option<String>,
}

/// One passage of a finding.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPassage {
    /// External id of the article.
    pub article: String,
    /// Exact text of the passage.
    pub text: String,
}

/// Reads every `*.json` close reading in `dir`, sorted by name.
pub fn read_gold_dir(dir: &Path) -> Result<Vec<(String, GoldStory)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.extension().is_some_and(|e| e == "json") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let story: GoldStory = serde_json::from_str(&text).map_err(|e| {
            Error::InvalidArgument(format!("{}: not a close reading: {e}", path.display()))
        })?;
        if story.version != 1 {
            return Err(Error::InvalidArgument(format!(
                "{}: format version {} (this build reads version 1)",
                path.display(),
                story.version
            )));
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((stem, story));
    }
    if out.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "{}: no close readings (*.json) found",
            dir.display()
        )));
    }
    Ok(out)
}

/// Evaluates comparison on every close reading in `dirs`; the corpora they
/// name are read from `corpus_root` (by default the folder above the first
/// of `dirs`). `errors` caps the misses listed.
pub fn evaluate(
    dirs: &[PathBuf],
    corpus_root: Option<&Path>,
    errors: usize,
) -> Result<CompareEvaluation> {
    let mut gold = Vec::new();
    for dir in dirs {
        gold.extend(read_gold_dir(dir)?);
    }
    let first = dirs.first().map(PathBuf::as_path).unwrap_or(Path::new("."));
    let root = match corpus_root {
        Some(root) => root.to_path_buf(),
        None => first
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let corpora: BTreeSet<String> = gold.iter().map(|(_, g)| g.corpus.clone()).collect();
    let mut store = Store::open_in_memory()?;
    let options = super::corpus_options();
    let inputs: Vec<Input> = corpora.iter().map(|c| Input::Path(root.join(c))).collect();
    for input in &inputs {
        if let Input::Path(path) = input
            && !path.exists()
        {
            return Err(Error::InvalidArgument(format!(
                "{}: corpus not found (give --corpus ROOT)",
                path.display()
            )));
        }
    }
    ingest::import(
        &mut store,
        &inputs,
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    )?;
    let ids = store.external_ids()?;
    let mut total = CompareScores::new();
    let mut stories_out = Vec::new();
    let mut misses = Vec::new();
    let mut comparisons = Vec::new();
    for (file, story) in &gold {
        let mut members = Vec::new();
        for external in &story.articles {
            let id = ids.get(external).copied().ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "{file}: article {external} is not in {}",
                    story.corpus
                ))
            })?;
            if !members.contains(&id) {
                members.push(id);
            }
        }
        let documents = store.article_views(Some(&members))?;
        let drafts = stories::group_fixed(
            &documents,
            &[FixedGroup {
                articles: members.clone(),
                pinned: true,
            }],
            stories::cluster::JOIN_THRESHOLD,
        );
        let Some(draft) = drafts.into_iter().find(|d| d.summary.articles.len() > 1) else {
            return Err(Error::InvalidArgument(format!(
                "{file}: its articles did not form one story"
            )));
        };
        let comparison = compare::compare(&draft.summary, &documents);
        let texts: HashMap<i64, &str> = documents.iter().map(|d| (d.id, d.text.as_str())).collect();
        let (scores, story_misses) = score_story(file, story, &comparison, &ids, &texts)?;
        total.merge(&scores);
        misses.extend(story_misses);
        stories_out.push(StoryScores {
            file: file.clone(),
            story: story.story.clone(),
            articles: members.len(),
            findings: story.findings.len(),
            reported: reported_items(&comparison).len(),
            scores,
        });
        comparisons.push((file.clone(), comparison));
    }
    misses.truncate(errors);
    Ok(CompareEvaluation {
        comparisons,
        total,
        stories: stories_out,
        errors: misses,
    })
}
