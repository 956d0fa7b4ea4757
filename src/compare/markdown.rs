//! The comparison as a Markdown report a person reads: a summary table of
//! the findings first, then every conflict and difference with its reason,
//! the participants × outlets table, and each finding with the outlets'
//! passages quoted; [`render_cited`] adds the articles' citations.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Claim, Comparison, Status};
use crate::citation::{Citable, chicago};

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn quote(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = flat.chars().take(400).collect();
    if short.len() < flat.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Renders the report.
pub fn render(comparison: &Comparison) -> String {
    let names: BTreeMap<i64, String> = comparison
        .articles
        .iter()
        .map(|a| {
            (
                a.id,
                format!(
                    "{} (#{})",
                    a.source.clone().unwrap_or_else(|| a.external_id.clone()),
                    a.id
                ),
            )
        })
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let story = &comparison.story;
    let mut out = String::new();
    // Writing to a String cannot fail; the results are collected and ignored together.
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!(
        "# Story {}: {}",
        story.id,
        story.title.clone().unwrap_or_default()
    ));
    lines.push(String::new());
    lines.push(format!(
        "Date: {} · Place: {} · Killed: {} · Injured: {} · {} articles",
        story.date.map_or("unknown".into(), |d| d.to_string()),
        story
            .place
            .as_ref()
            .map_or("unknown".into(), |p| p.name.clone()),
        story.killed.map_or("unknown".into(), |k| k.to_string()),
        story.injured.map_or("unknown".into(), |k| k.to_string()),
        comparison.articles.len()
    ));
    lines.push(String::new());
    lines.push("## Articles".into());
    lines.push(String::new());
    lines.push("| # | Outlet | Published | Title |".into());
    lines.push("|---|---|---|---|".into());
    for a in &comparison.articles {
        lines.push(format!(
            "| {} | {} | {} | {} |",
            a.id,
            cell(&a.source.clone().unwrap_or_else(|| a.external_id.clone())),
            a.published.map_or(String::new(), |d| d.to_string()),
            cell(a.title.as_deref().unwrap_or(""))
        ));
    }
    lines.push(String::new());
    lines.push("## Summary of findings".into());
    lines.push(String::new());
    lines.push("| Section | Finding | Status | Outlets |".into());
    lines.push("|---|---|---|---|".into());
    let outlets = |claim: &Claim| {
        let mut ids: Vec<i64> = claim.variants.iter().map(|v| v.article).collect();
        ids.dedup();
        ids.into_iter().map(&name).collect::<Vec<_>>().join(", ")
    };
    for c in comparison
        .when
        .iter()
        .chain(&comparison.where_)
        .filter(|c| c.status != Status::Unique)
    {
        lines.push(format!(
            "| when/where | {} | {} | {} |",
            cell(&c.subject),
            c.status.as_str(),
            cell(&outlets(c))
        ));
    }
    for c in comparison
        .claims
        .iter()
        .filter(|c| c.status != Status::Unique)
    {
        let values: Vec<String> = c.variants.iter().map(|v| quote(&v.text)).collect();
        lines.push(format!(
            "| figures | {}: {} | {} | {} |",
            cell(&c.subject),
            cell(&values.join(" / ")),
            c.status.as_str(),
            cell(&outlets(c))
        ));
    }
    for participant in &comparison.participants {
        for c in participant
            .attributes
            .iter()
            .filter(|c| c.status != Status::Unique)
        {
            let values: Vec<String> = c.variants.iter().map(|v| quote(&v.text)).collect();
            lines.push(format!(
                "| participants | {} — {}: {} | {} | {} |",
                cell(&participant.name),
                cell(&c.subject),
                cell(&values.join(" / ")),
                c.status.as_str(),
                cell(&outlets(c))
            ));
        }
    }
    let statements_by_status =
        comparison
            .statements
            .iter()
            .fold(BTreeMap::<&str, usize>::new(), |mut counts, c| {
                *counts.entry(c.status.as_str()).or_insert(0) += 1;
                counts
            });
    for (status, count) in &statements_by_status {
        lines.push(format!(
            "| statements | {count} fact(s) told by several outlets in their own words | {status} | |"
        ));
    }
    for q in comparison
        .quotes
        .iter()
        .filter(|q| q.status != "unique" && q.status != "single")
    {
        let mut flags = Vec::new();
        if q.spelling_only {
            flags.push("spelling only");
        }
        if q.speakers_differ {
            flags.push("different speakers");
        }
        let mut ids: Vec<i64> = q.variants.iter().map(|v| v.article).collect();
        ids.dedup();
        let first: String = q
            .variants
            .first()
            .map(|v| quote(&v.text))
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect();
        lines.push(format!(
            "| quotes | {}“{}…” | {}{} | {} |",
            q.speaker
                .as_ref()
                .map_or(String::new(), |s| format!("{s}: ")),
            cell(&first),
            q.status,
            if flags.is_empty() {
                String::new()
            } else {
                format!(" ({})", flags.join(", "))
            },
            cell(&ids.into_iter().map(&name).collect::<Vec<_>>().join(", "))
        ));
    }
    for e in comparison
        .entities
        .iter()
        .filter(|e| e.spelling_variants || e.renamed_in_shared_text)
    {
        let spellings: Vec<String> = e.variants.iter().map(|v| v.text.clone()).collect();
        lines.push(format!(
            "| names | {} ({}) | {} | {} |",
            cell(&spellings.join(" / ")),
            e.kind,
            if e.spelling_variants {
                "variants"
            } else {
                "renamed in shared text"
            },
            e.variants.iter().map(|v| v.articles.len()).sum::<usize>()
        ));
    }
    for r in &comparison.reuse {
        lines.push(format!(
            "| reuse | {} passage(s), shares {:.0}% / {:.0}%{} | shared text | {}, {} |",
            r.passages.len(),
            r.share[0] * 100.0,
            r.share[1] * 100.0,
            if r.wire.is_empty() {
                String::new()
            } else {
                format!("; credits {}", r.wire.join(", "))
            },
            name(r.articles[0]),
            name(r.articles[1])
        ));
    }
    let mut unique_counts: BTreeMap<i64, usize> = BTreeMap::new();
    for u in &comparison.unique {
        *unique_counts.entry(u.article).or_insert(0) += 1;
    }
    for (article, count) in &unique_counts {
        lines.push(format!(
            "| unique | {count} claim(s) no other outlet makes | unique | {} |",
            name(*article)
        ));
    }
    lines.push(String::new());

    disagreements(&mut lines, comparison, &name);
    participants(&mut lines, comparison, &name);

    let section = |lines: &mut Vec<String>, title: &str, claims: &[Claim]| {
        if claims.is_empty() {
            return;
        }
        lines.push(format!("## {title}"));
        lines.push(String::new());
        for c in claims {
            lines.push(format!("### {} — {}", c.subject, c.status.as_str()));
            if let Some(note) = &c.note {
                lines.push(format!("_{note}_"));
            }
            lines.push(String::new());
            for v in &c.variants {
                lines.push(format!(
                    "- **{}** [{}:{}–{}]: “{}”",
                    name(v.article),
                    v.field.as_str(),
                    v.start,
                    v.end,
                    quote(&v.text)
                ));
            }
            lines.push(String::new());
        }
    };
    section(&mut lines, "When", &comparison.when);
    section(&mut lines, "Where", &comparison.where_);
    let shared: Vec<Claim> = comparison
        .claims
        .iter()
        .filter(|c| c.status != Status::Unique)
        .cloned()
        .collect();
    section(&mut lines, "Figures", &shared);
    section(&mut lines, "Statements", &comparison.statements);
    if !comparison.quotes.is_empty() {
        lines.push("## Quotations".into());
        lines.push(String::new());
        for q in comparison
            .quotes
            .iter()
            .filter(|q| q.status != "unique" && q.status != "single")
        {
            lines.push(format!(
                "### {} — {}{}{}",
                q.speaker.clone().unwrap_or_else(|| "unattributed".into()),
                q.status,
                if q.spelling_only {
                    " (spelling only)"
                } else {
                    ""
                },
                if q.speakers_differ {
                    " (different speakers)"
                } else {
                    ""
                }
            ));
            if let Some(reason) = &q.reason {
                lines.push(format!("_{reason}_"));
            }
            lines.push(String::new());
            for v in &q.variants {
                lines.push(format!(
                    "- **{}** ({}{}{}) [{}:{}–{}]: “{}”",
                    name(v.article),
                    v.status,
                    if v.excerpt { ", excerpt" } else { "" },
                    v.speaker
                        .as_ref()
                        .map_or(String::new(), |s| format!(", speaker {s}")),
                    v.field.as_str(),
                    v.start,
                    v.end,
                    quote(&v.text)
                ));
            }
            if let Some(diff) = &q.diff {
                lines.push(String::new());
                lines.push(format!(
                    "  Diff against the reference: `{}`",
                    diff.replace('`', "'")
                ));
            }
            lines.push(String::new());
        }
    }
    let variants: Vec<_> = comparison
        .entities
        .iter()
        .filter(|e| e.spelling_variants || e.renamed_in_shared_text)
        .collect();
    if !variants.is_empty() {
        lines.push("## Name variants".into());
        lines.push(String::new());
        for e in variants {
            let parts: Vec<String> = e
                .variants
                .iter()
                .map(|v| {
                    format!(
                        "“{}” ({})",
                        v.text,
                        v.articles
                            .iter()
                            .map(|a| name(*a))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect();
            let how = if e.renamed_in_shared_text && !e.spelling_variants {
                " — one name put where the other stands in a passage the articles share"
            } else {
                ""
            };
            lines.push(format!(
                "- {} ({}): {}{how}",
                e.name,
                e.kind,
                parts.join("; ")
            ));
        }
        lines.push(String::new());
    }
    if !comparison.reuse.is_empty() {
        lines.push("## Shared passages".into());
        lines.push(String::new());
        for r in &comparison.reuse {
            let direction = r.direction.map_or(
                "direction unknown (same day or undated)".to_string(),
                |[from, to]| format!("likely {} → {}", name(from), name(to)),
            );
            lines.push(format!(
                "### {} and {} — {:.0}% / {:.0}% shared; {}{}",
                name(r.articles[0]),
                name(r.articles[1]),
                r.share[0] * 100.0,
                r.share[1] * 100.0,
                direction,
                if r.wire.is_empty() {
                    String::new()
                } else {
                    format!("; wire credits: {}", r.wire.join(", "))
                }
            ));
            lines.push(String::new());
            for p in &r.passages {
                lines.push(format!(
                    "- [{}–{} / {}–{}]{} “{}”",
                    p.a_start,
                    p.a_end,
                    p.b_start,
                    p.b_end,
                    if p.quotation {
                        " (inside a quotation)"
                    } else {
                        ""
                    },
                    quote(&p.text)
                ));
            }
            lines.push(String::new());
        }
    }
    if !comparison.unique.is_empty() {
        lines.push("## Only one outlet".into());
        lines.push(String::new());
        for u in &comparison.unique {
            lines.push(format!(
                "- **{}** {} [{}:{}–{}]: “{}”",
                name(u.article),
                u.kind,
                u.field.as_str(),
                u.start,
                u.end,
                quote(&u.text)
            ));
        }
        lines.push(String::new());
    }
    if !comparison.verdicts.is_empty() {
        lines.push("## Verdicts".into());
        lines.push(String::new());
        for v in comparison.verdicts.values() {
            lines.push(format!(
                "- {} `{}` {}: {}{}",
                if v.verdict == crate::model::Judgement::Confirmed {
                    "✓ confirmed"
                } else {
                    "✗ wrong"
                },
                v.key,
                v.kind,
                quote(&v.label),
                v.note
                    .as_ref()
                    .map_or(String::new(), |n| format!(" — {}", quote(n)))
            ));
        }
        lines.push(String::new());
    }
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    out
}

/// Every conflict and difference of the comparison with its reason, first:
/// what a reader checks before anything else.
fn disagreements(lines: &mut Vec<String>, comparison: &Comparison, name: &dyn Fn(i64) -> String) {
    let mut found: Vec<(String, &Claim)> = Vec::new();
    let sections = [
        ("when", &comparison.when),
        ("where", &comparison.where_),
        ("figures", &comparison.claims),
        ("statements", &comparison.statements),
    ];
    for (section, claims) in sections {
        for c in claims.iter() {
            found.push((format!("{section}: {}", c.subject), c));
        }
    }
    for participant in &comparison.participants {
        for c in &participant.attributes {
            found.push((format!("{}: {}", participant.name, c.subject), c));
        }
    }
    found.retain(|(_, c)| matches!(c.status, Status::Conflict | Status::Differs));
    // Conflicts first, then differences; each kept in the comparison's order.
    found.sort_by_key(|(_, c)| c.status != Status::Conflict);
    let misattributed: Vec<_> = comparison
        .quotes
        .iter()
        .filter(|q| q.status == "misattributed")
        .collect();
    if found.is_empty() && misattributed.is_empty() {
        return;
    }
    lines.push("## Conflicts and differences".into());
    lines.push(String::new());
    lines.push(
        "_A conflict: two outlets give incompatible values for the same fact of the same event. A difference: the values differ, but an update, a part or another time may explain it._"
            .into(),
    );
    lines.push(String::new());
    for (what, c) in found {
        let passages: Vec<String> = c
            .variants
            .iter()
            .map(|v| format!("{} “{}”", name(v.article), quote(&v.text)))
            .collect();
        lines.push(format!(
            "- **{}** — {}: {}. Passages: {}",
            c.status.as_str(),
            what,
            c.note
                .as_deref()
                .unwrap_or("the values differ")
                .trim_end_matches('.'),
            passages.join("; ")
        ));
    }
    for q in misattributed {
        let passages: Vec<String> = q
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{} “{}” ({})",
                    name(v.article),
                    quote(&v.text),
                    v.speaker.as_deref().unwrap_or("no speaker")
                )
            })
            .collect();
        lines.push(format!(
            "- **misattributed** — quotation: {}. Passages: {}",
            q.reason
                .as_deref()
                .unwrap_or("the outlets credit the words to different people")
                .trim_end_matches('.'),
            passages.join("; ")
        ));
    }
    lines.push(String::new());
}

/// The participants × outlets table: how each outlet names each person and
/// what it says of them, then the attributes compared.
fn participants(lines: &mut Vec<String>, comparison: &Comparison, name: &dyn Fn(i64) -> String) {
    if comparison.participants.is_empty() {
        return;
    }
    let articles: Vec<i64> = comparison.articles.iter().map(|a| a.id).collect();
    lines.push("## Participants".into());
    lines.push(String::new());
    let mut header = String::from("| Participant | Role |");
    let mut rule = String::from("|---|---|");
    for article in &articles {
        header.push_str(&format!(" {} |", cell(&name(*article))));
        rule.push_str("---|");
    }
    lines.push(header);
    lines.push(rule);
    for participant in &comparison.participants {
        let mut row = format!(
            "| {} | {} |",
            cell(&participant.name),
            cell(participant.role.as_deref().unwrap_or(""))
        );
        for article in &articles {
            let mut parts: Vec<String> = participant
                .names
                .iter()
                .filter(|n| n.articles.contains(article))
                .map(|n| n.text.clone())
                .collect();
            for c in &participant.attributes {
                for v in c.variants.iter().filter(|v| v.article == *article) {
                    let value = v.reading.as_deref().unwrap_or(&v.text);
                    let mark = match c.status {
                        Status::Conflict => " (conflict)",
                        Status::Differs => " (differs)",
                        _ => "",
                    };
                    parts.push(format!("{}: {}{mark}", c.subject, quote(value)));
                }
            }
            parts.dedup();
            row.push_str(&format!(" {} |", cell(&parts.join("; "))));
        }
        lines.push(row);
    }
    lines.push(String::new());
}

/// The report followed by its sources: each article cited in Chicago
/// author-date (see [`crate::citation`]), in the order of the Articles
/// table, under the archive id that table and the findings name it by.
pub fn render_cited(comparison: &Comparison, cited: &[Citable]) -> String {
    let mut out = render(comparison);
    if cited.is_empty() {
        return out;
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    out.push_str("## Sources\n\n");
    for article in cited {
        out.push_str(&format!("- [#{}] {}\n", article.id, chicago(article)));
    }
    out
}
