//! A comparison flattened into [`Reported`] items: the kinds, statuses and
//! spans the gold format speaks of.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::compare::{self, Comparison};
use crate::extract::items::Field;

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

/// True for a passage of the body: the spans reported are the body's.
fn in_body(field: Field) -> bool {
    field == Field::Text
}

/// A claim as reported under `subject`: its status and its passages in
/// the body.
fn claim_reported(section: &'static str, claim: &compare::Claim, subject: String) -> Reported {
    Reported {
        kind: "claim",
        section,
        status: claim.status.as_str().to_string(),
        subject,
        spans: claim
            .variants
            .iter()
            .filter(|v| in_body(v.field))
            .map(|v| (v.article, v.start, v.end))
            .collect(),
        speakers: Vec::new(),
    }
}

/// Every item of a comparison as the gold's kinds and statuses see it.
pub fn reported_items(comparison: &Comparison) -> Vec<Reported> {
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
        out.push(claim_reported(section, claim, claim.subject.clone()));
    }
    for participant in &comparison.participants {
        for claim in participant
            .attributes
            .iter()
            .filter(|c| c.status != compare::Status::Unique)
        {
            let subject = format!("{} of {}", claim.subject, participant.name);
            out.push(claim_reported("participants", claim, subject));
        }
    }
    for group in &comparison.quotes {
        let status = if group.speakers_differ {
            "misattributed".to_string()
        } else {
            group.status.clone()
        };
        let variants: Vec<_> = group.variants.iter().filter(|v| in_body(v.field)).collect();
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
                .filter(|m| in_body(m.field))
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
        if !in_body(unique.field) {
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
