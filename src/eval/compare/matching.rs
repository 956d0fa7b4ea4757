//! Gold findings against reported items: each finding's passages located
//! in the stored texts, matched to reported items by status and overlap,
//! and one story scored.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{CompareScores, GoldFinding, GoldStory, Miss, Ratio, Reported, reported_items};
use crate::compare::{self, Comparison};
use crate::error::{Error, Result};

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
/// by surname. The same given name with a surname one slip from the
/// gold's is the same person spelt as the article spells it ("Dave
/// Waakeman said" where the reader's note says Wakeman): the speaker is
/// right, and reporting the article's own spelling is not an error of
/// attribution.
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
                || (words.len() == said.len()
                    && words.len() >= 2
                    && words[..words.len() - 1] == said[..said.len() - 1]
                    && words
                        .last()
                        .zip(said.last())
                        .is_some_and(|(gold, given)| crate::text::spelling::one_slip(gold, given)))
                || said.iter().all(|w| words.contains(w)))
    })
}

pub(super) fn score_story(
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
        // The gold findings of two articles or more the item lies on.
        let lies_on: Vec<String> = story
            .findings
            .iter()
            .zip(&located)
            .filter(|(f, gold)| {
                let articles: BTreeSet<i64> = gold.iter().map(|g| g.0).collect();
                f.status != "unique"
                    && articles.len() >= 2
                    && !overlapping_articles(gold, &item.spans).is_empty()
            })
            .map(|(f, _)| format!("{} {}/{}", f.id, f.kind, f.status))
            .collect();
        scores.false_unique.add(!lies_on.is_empty());
        if !lies_on.is_empty() {
            misses.push(Miss {
                story: file.to_string(),
                what: item.subject.clone(),
                class: "false unique".into(),
                detail: format!(
                    "{} (on gold {})",
                    describe_spans(item, texts),
                    lies_on.join(", ")
                ),
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
            ("Dave Wakeman", "Dave Waakeman", true),
            ("Chris Few", "Chris Fee", false),
            ("Tom Walton", "Ann Watson", false),
            ("Dave Wakeman", "Waakeman", false),
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
