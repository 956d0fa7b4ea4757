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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};

use crate::Store;
use crate::compare::{self, Comparison};
use crate::error::{Error, Result};
use crate::extract::items::Field;
use crate::ingest::{self, ImportOptions, Input};
use crate::stories::{self, FixedGroup};

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

/// A comparison item flattened for scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    /// `claim`, `quote`, `entity`, `reuse` or `unique`.
    pub kind: &'static str,
    /// The comparison's section: `figures`, `when`, `where`,
    /// `participants`, `statements`, `quotes`, `entities`, `reuse`, `unique`.
    pub section: &'static str,
    /// The status as the gold names it.
    pub status: String,
    /// What the comparison says it is about.
    pub subject: String,
    /// (article, start, end) character spans in the body.
    pub spans: Vec<(i64, usize, usize)>,
    /// Per article, the speaker given (quotations only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<(i64, Option<String>)>,
}

/// Found / total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    /// Numerator.
    pub hit: usize,
    /// Denominator.
    pub total: usize,
    /// `hit / total` (1 when there is nothing to count).
    pub value: f64,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        if hit {
            self.hit += 1;
        }
        self.value = self.hit as f64 / self.total as f64;
    }

    fn merge(&mut self, other: Ratio) {
        self.hit += other.hit;
        self.total += other.total;
        self.value = if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        };
    }

    fn empty() -> Ratio {
        Ratio {
            hit: 0,
            total: 0,
            value: 1.0,
        }
    }
}

/// A finding the comparison missed, or a reported item no finding supports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    /// Gold file stem.
    pub story: String,
    /// Gold finding id, or the reported item's subject.
    pub what: String,
    /// `kind/status`.
    pub class: String,
    /// Why it counts as a miss.
    pub detail: String,
}

/// Scores of one story or of all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareScores {
    /// Gold findings found.
    pub recall: Ratio,
    /// Recall per gold `kind/status`.
    pub by_class: BTreeMap<String, Ratio>,
    /// Reported conflicts that are gold conflicts.
    pub conflict_precision: Ratio,
    /// Conflict precision per section of the comparison (which mechanism
    /// reported them), so a validation set can say what misfires without
    /// being read.
    pub conflict_precision_by_section: BTreeMap<String, Ratio>,
    /// Gold conflicts found.
    pub conflict_recall: Ratio,
    /// Reported misattributions that are gold ones.
    pub misattributed_precision: Ratio,
    /// Gold misattributions found.
    pub misattributed_recall: Ratio,
    /// Quotation passages given their real speaker.
    pub speaker_accuracy: Ratio,
    /// Reported unique items that two or more articles state.
    pub false_unique: Ratio,
}

impl CompareScores {
    fn new() -> CompareScores {
        CompareScores {
            recall: Ratio::empty(),
            by_class: BTreeMap::new(),
            conflict_precision: Ratio::empty(),
            conflict_precision_by_section: BTreeMap::new(),
            conflict_recall: Ratio::empty(),
            misattributed_precision: Ratio::empty(),
            misattributed_recall: Ratio::empty(),
            speaker_accuracy: Ratio::empty(),
            false_unique: Ratio::empty(),
        }
    }

    fn merge(&mut self, other: &CompareScores) {
        self.recall.merge(other.recall);
        for (class, ratio) in &other.by_class {
            self.by_class
                .entry(class.clone())
                .or_insert_with(Ratio::empty)
                .merge(*ratio);
        }
        self.conflict_precision.merge(other.conflict_precision);
        for (section, ratio) in &other.conflict_precision_by_section {
            self.conflict_precision_by_section
                .entry(section.clone())
                .or_insert_with(Ratio::empty)
                .merge(*ratio);
        }
        self.conflict_recall.merge(other.conflict_recall);
        self.misattributed_precision
            .merge(other.misattributed_precision);
        self.misattributed_recall.merge(other.misattributed_recall);
        self.speaker_accuracy.merge(other.speaker_accuracy);
        self.false_unique.merge(other.false_unique);
    }
}

/// The result of one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryScores {
    /// Gold file stem.
    pub file: String,
    /// Its description.
    pub story: String,
    /// Articles compared.
    pub articles: usize,
    /// Gold findings.
    pub findings: usize,
    /// Reported items.
    pub reported: usize,
    /// Scores.
    pub scores: CompareScores,
}

/// The whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareEvaluation {
    /// Each story's comparison, by gold file stem (for inspection; not
    /// serialised).
    #[serde(skip)]
    pub comparisons: Vec<(String, Comparison)>,
    /// Every story pooled.
    pub total: CompareScores,
    /// Per story.
    pub stories: Vec<StoryScores>,
    /// Misses and unsupported items (as many as asked for).
    pub errors: Vec<Miss>,
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
    let options = ImportOptions {
        source: None,
        max_file_bytes: u64::MAX,
        now: "2000-01-01T00:00:00Z".into(),
        extract: true,
    };
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

/// A gold finding's passages located in the stored texts: (article, start, end).
fn locate(
    file: &str,
    finding: &GoldFinding,
    ids: &HashMap<String, i64>,
    texts: &HashMap<i64, &str>,
) -> Result<Vec<(i64, usize, usize)>> {
    let mut out = Vec::new();
    for passage in &finding.variants {
        let id = ids.get(&passage.article).copied().ok_or_else(|| {
            Error::InvalidArgument(format!(
                "{file} {}: article {} is not in the archive",
                finding.id, passage.article
            ))
        })?;
        let text = texts.get(&id).copied().unwrap_or("");
        let Some(byte) = text.find(&passage.text) else {
            return Err(Error::InvalidArgument(format!(
                "{file} {}: passage not found in article {}: {:?}",
                finding.id, passage.article, passage.text
            )));
        };
        let start = text[..byte].chars().count();
        out.push((id, start, start + passage.text.chars().count()));
    }
    Ok(out)
}

/// The statuses a reported item may have to count for a gold status.
fn accepts(gold: &str, reported: &str) -> bool {
    match gold {
        "agreed" | "compatible" => matches!(reported, "agreed" | "compatible"),
        other => other == reported,
    }
}

/// The reported kind a gold kind is compared with.
fn reported_kind(gold: &str) -> &'static str {
    match gold {
        "quote" => "quote",
        "entity" => "entity",
        "reuse" => "reuse",
        "unique" => "unique",
        _ => "claim",
    }
}

/// Articles in which `spans` overlap `gold`.
fn overlapping_articles(
    gold: &[(i64, usize, usize)],
    spans: &[(i64, usize, usize)],
) -> BTreeSet<i64> {
    let mut out = BTreeSet::new();
    for &(article, start, end) in gold {
        if spans
            .iter()
            .any(|&(a, s, e)| a == article && s < end && start < e)
        {
            out.insert(article);
        }
    }
    out
}

fn needed(gold: &[(i64, usize, usize)], status: &str) -> usize {
    let articles: BTreeSet<i64> = gold.iter().map(|g| g.0).collect();
    if status == "unique" {
        1
    } else {
        articles.len().min(2)
    }
}

/// True when `reported` names the gold speaker: any of the gold's
/// alternatives ("Adrienne Watson / White House"), matched by full name or
/// by surname.
pub fn same_speaker(gold: &str, reported: &str) -> bool {
    let fold = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    };
    let said = fold(reported);
    if said.is_empty() {
        return false;
    }
    gold.split('/').any(|alternative| {
        let words = fold(alternative);
        !words.is_empty()
            && (words == said
                || words.last() == said.last()
                || said.iter().all(|w| words.contains(w)))
    })
}

fn score_story(
    file: &str,
    story: &GoldStory,
    comparison: &Comparison,
    ids: &HashMap<String, i64>,
    texts: &HashMap<i64, &str>,
) -> Result<(CompareScores, Vec<Miss>)> {
    let reported = reported_items(comparison);
    let mut located = Vec::new();
    for finding in &story.findings {
        located.push(locate(file, finding, ids, texts)?);
    }
    let mut scores = CompareScores::new();
    let mut misses = Vec::new();
    for (finding, gold) in story.findings.iter().zip(&located) {
        let kind = reported_kind(&finding.kind);
        let need = needed(gold, &finding.status);
        let found = reported.iter().any(|r| {
            r.kind == kind
                && accepts(&finding.status, &r.status)
                && overlapping_articles(gold, &r.spans).len() >= need
        });
        let class = format!("{}/{}", finding.kind, finding.status);
        scores.recall.add(found);
        scores
            .by_class
            .entry(class.clone())
            .or_insert_with(Ratio::empty)
            .add(found);
        match finding.status.as_str() {
            "conflict" => scores.conflict_recall.add(found),
            "misattributed" => scores.misattributed_recall.add(found),
            _ => {}
        }
        if !found {
            misses.push(Miss {
                story: file.to_string(),
                what: format!("{} {}", finding.id, finding.subject),
                class,
                detail: "not found".into(),
            });
        }
        if finding.kind == "quote" || finding.speaker.is_some() {
            let Some(speaker) = &finding.speaker else {
                continue;
            };
            for &(article, start, end) in gold {
                let given = reported.iter().filter(|r| r.kind == "quote").find_map(|r| {
                    r.spans
                        .iter()
                        .position(|&(a, s, e)| a == article && s < end && start < e)
                        .map(|i| r.speakers.get(i).and_then(|(_, s)| s.clone()))
                });
                if let Some(given) = given {
                    let right = given.as_deref().is_some_and(|g| same_speaker(speaker, g));
                    scores.speaker_accuracy.add(right);
                    if !right {
                        misses.push(Miss {
                            story: file.to_string(),
                            what: format!("{} {}", finding.id, finding.subject),
                            class: "speaker".into(),
                            detail: format!(
                                "article {article}: given {:?}, said by {speaker}",
                                given.unwrap_or_default()
                            ),
                        });
                    }
                }
            }
        }
    }
    let mut by_section: BTreeMap<String, Ratio> = BTreeMap::new();
    for (status, precision) in [
        ("conflict", &mut scores.conflict_precision),
        ("misattributed", &mut scores.misattributed_precision),
    ] {
        for item in reported.iter().filter(|r| r.status == status) {
            let supported = story.findings.iter().zip(&located).any(|(f, gold)| {
                f.status == status
                    && overlapping_articles(gold, &item.spans).len()
                        >= needed(gold, status).min(item_articles(item))
            });
            precision.add(supported);
            if status == "conflict" {
                by_section
                    .entry(item.section.to_string())
                    .or_insert_with(Ratio::empty)
                    .add(supported);
            }
            if !supported {
                misses.push(Miss {
                    story: file.to_string(),
                    what: item.subject.clone(),
                    class: format!("reported {status}"),
                    detail: format!("no gold {status} at {}", describe_spans(item, texts)),
                });
            }
        }
    }
    scores.conflict_precision_by_section = by_section;
    for item in reported.iter().filter(|r| r.kind == "unique") {
        let shared = story.findings.iter().zip(&located).any(|(f, gold)| {
            let articles: BTreeSet<i64> = gold.iter().map(|g| g.0).collect();
            f.status != "unique"
                && articles.len() >= 2
                && !overlapping_articles(gold, &item.spans).is_empty()
        });
        scores.false_unique.add(shared);
        if shared {
            misses.push(Miss {
                story: file.to_string(),
                what: item.subject.clone(),
                class: "false unique".into(),
                detail: describe_spans(item, texts),
            });
        }
    }
    Ok((scores, misses))
}

fn item_articles(item: &Reported) -> usize {
    item.spans
        .iter()
        .map(|s| s.0)
        .collect::<BTreeSet<_>>()
        .len()
}

fn describe_spans(item: &Reported, texts: &HashMap<i64, &str>) -> String {
    item.spans
        .iter()
        .map(|&(article, start, end)| {
            let text = texts.get(&article).copied().unwrap_or("");
            format!("[{article}] {:?}", compare::char_slice(text, start, end))
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Every item of a comparison as the gold's kinds and statuses see it.
pub fn reported_items(comparison: &Comparison) -> Vec<Reported> {
    let body = |field: Field| field == Field::Text;
    let mut out = Vec::new();
    let sections = [
        ("figures", &comparison.claims),
        ("when", &comparison.when),
        ("where", &comparison.where_),
        ("statements", &comparison.statements),
    ];
    for (section, claim) in sections
        .iter()
        .flat_map(|(s, claims)| claims.iter().map(move |c| (*s, c)))
    {
        if claim.status == compare::Status::Unique {
            continue;
        }
        out.push(Reported {
            kind: "claim",
            section,
            status: claim.status.as_str().to_string(),
            subject: claim.subject.clone(),
            spans: claim
                .variants
                .iter()
                .filter(|v| body(v.field))
                .map(|v| (v.article, v.start, v.end))
                .collect(),
            speakers: Vec::new(),
        });
    }
    for participant in &comparison.participants {
        for claim in participant
            .attributes
            .iter()
            .filter(|c| c.status != compare::Status::Unique)
        {
            out.push(Reported {
                kind: "claim",
                section: "participants",
                status: claim.status.as_str().to_string(),
                subject: format!("{} of {}", claim.subject, participant.name),
                spans: claim
                    .variants
                    .iter()
                    .filter(|v| body(v.field))
                    .map(|v| (v.article, v.start, v.end))
                    .collect(),
                speakers: Vec::new(),
            });
        }
    }
    for group in &comparison.quotes {
        let status = if group.speakers_differ {
            "misattributed".to_string()
        } else {
            group.status.clone()
        };
        let variants: Vec<_> = group.variants.iter().filter(|v| body(v.field)).collect();
        out.push(Reported {
            kind: match status.as_str() {
                "unique" => "unique",
                "single" => "single",
                _ => "quote",
            },
            section: "quotes",
            status,
            subject: format!(
                "{}: {}",
                group.speaker.as_deref().unwrap_or("?"),
                variants.first().map(|v| v.text.as_str()).unwrap_or("")
            ),
            spans: variants
                .iter()
                .map(|v| (v.article, v.start, v.end))
                .collect(),
            speakers: variants
                .iter()
                .map(|v| (v.article, v.speaker.clone()))
                .collect(),
        });
    }
    for entity in &comparison.entities {
        if entity.variants.len() < 2 && entity.variants.iter().all(|v| v.articles.len() < 2) {
            continue;
        }
        out.push(Reported {
            kind: "entity",
            section: "entities",
            status: "variant".into(),
            subject: entity.name.clone(),
            spans: entity
                .variants
                .iter()
                .flat_map(|v| &v.mentions)
                .filter(|m| body(m.field))
                .map(|m| (m.article, m.start, m.end))
                .collect(),
            speakers: Vec::new(),
        });
    }
    for reuse in &comparison.reuse {
        for passage in &reuse.passages {
            out.push(Reported {
                kind: "reuse",
                section: "reuse",
                status: "copied".into(),
                subject: passage.text.clone(),
                spans: vec![
                    (reuse.articles[0], passage.a_start, passage.a_end),
                    (reuse.articles[1], passage.b_start, passage.b_end),
                ],
                speakers: Vec::new(),
            });
        }
    }
    for unique in &comparison.unique {
        if !body(unique.field) {
            continue;
        }
        out.push(Reported {
            kind: "unique",
            section: "unique",
            status: "unique".into(),
            subject: unique.text.clone(),
            spans: vec![(unique.article, unique.start, unique.end)],
            speakers: Vec::new(),
        });
    }
    // A unique quotation is listed both as a quote group and as a unique
    // claim: count it once.
    let mut seen = BTreeSet::new();
    out.retain(|r| r.kind != "unique" || seen.insert(r.spans.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_match_by_name_surname_or_alternative() {
        for (gold, reported, same) in [
            ("Lloyd Austin", "Lloyd Austin", true),
            ("Lloyd Austin", "Austin", true),
            ("Lloyd Austin", "Defense Secretary Lloyd Austin", true),
            ("Adrienne Watson / White House", "White House", true),
            ("Adrienne Watson / White House", "Joe Biden", false),
            ("Michael Edmonson", "Mike Edmonson", true),
            ("Chris Few", "Jeremy Mardis", false),
        ] {
            assert_eq!(same_speaker(gold, reported), same, "{gold} / {reported}");
        }
    }

    #[test]
    fn overlap_counts_articles() {
        let gold = [(1, 10, 20), (2, 0, 5), (3, 7, 9)];
        let spans = [(1, 19, 25), (2, 5, 8), (3, 0, 8)];
        assert_eq!(overlapping_articles(&gold, &spans), BTreeSet::from([1, 3]));
        assert_eq!(needed(&gold, "agreed"), 2);
        assert_eq!(needed(&gold[..1], "agreed"), 1);
        assert_eq!(needed(&gold, "unique"), 1);
    }
}
