//! Stable keys for comparison findings, so a researcher's verdict on a
//! finding stays attached to it.
//!
//! A finding's key is a hash of what the finding is, never of where it sits
//! in the archive: its kind (`figure`, `quote`, `attribute`, …), the
//! normalised thing compared (a claim's subject, a quotation's words, a
//! participant's name) and the anchors of its passages, each anchor being the
//! article's record id (`external_id`, not the archive's row id or the
//! story id), the field and the character span. Compare re-run on the same
//! articles gives the same keys, and so does a regrouping that leaves the
//! finding's articles together: a story id is never part of a key. The order
//! of variants does not matter (anchors are sorted). Two findings that would
//! hash alike in one comparison are told apart by their order, so keys are
//! unique within a comparison.
//!
//! [`assign`] fills the `key` field of every finding; [`findings`] lists
//! every finding of a comparison with its key and what it says, for the
//! verdicts the application layer stores.

use std::collections::BTreeMap;

use crate::compare::{Claim, Comparison, EntityVariant, Mention, Variant, word_spans};
use crate::extract::items::Field;
use crate::model::FindingPassage;

/// Hex digits of a key (64 bits).
const KEY_LENGTH: usize = 16;

/// One finding of a comparison: its key and what it says, as a verdict
/// keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The finding's key.
    pub key: String,
    /// `figure`, `when`, `where`, `statement`, `quote`, `entity`,
    /// `participant`, `attribute`, `reuse`, `passage` or `unique`.
    pub kind: &'static str,
    /// What it is about, as shown to a person.
    pub label: String,
    /// Its status, where it has one.
    pub status: Option<String>,
    /// Its passages.
    pub passages: Vec<FindingPassage>,
}

/// What a finding is made of before it has a key.
struct Draft {
    kind: &'static str,
    /// The parts of what is compared, normalised into the key.
    identity: Vec<String>,
    label: String,
    status: Option<String>,
    passages: Vec<FindingPassage>,
}

/// Gives every finding of the comparison its key.
pub fn assign(comparison: &mut Comparison) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    walk(comparison, &mut |draft, slot| {
        *slot = unique_key(&draft, &mut seen);
    });
}

/// Every finding of the comparison with its key (as [`assign`] gives it), in
/// the comparison's order.
pub fn findings(comparison: &Comparison) -> Vec<Finding> {
    let mut copy = comparison.clone();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    walk(&mut copy, &mut |draft, _slot| {
        let key = unique_key(&draft, &mut seen);
        out.push(Finding {
            key,
            kind: draft.kind,
            label: draft.label,
            status: draft.status,
            passages: draft.passages,
        });
    });
    out
}

/// The draft's key, told apart from an equal one met before by its rank.
fn unique_key(draft: &Draft, seen: &mut BTreeMap<String, usize>) -> String {
    let base = key_of(draft, 0);
    let rank = seen.entry(base.clone()).or_insert(0);
    *rank += 1;
    if *rank == 1 {
        base
    } else {
        key_of(draft, *rank - 1)
    }
}

/// Hash of kind, identity and sorted anchors (and the rank, when not 0).
fn key_of(draft: &Draft, rank: usize) -> String {
    let mut anchors: Vec<(&str, &str, usize, usize)> = draft
        .passages
        .iter()
        .map(|p| (p.external_id.as_str(), p.field.as_str(), p.start, p.end))
        .collect();
    anchors.sort_unstable();
    anchors.dedup();
    let mut hasher = blake3::Hasher::new();
    hasher.update(draft.kind.as_bytes());
    for part in &draft.identity {
        hasher.update(b"\x1f");
        hasher.update(part.as_bytes());
    }
    for (external_id, field, start, end) in anchors {
        hasher.update(b"\x1e");
        hasher.update(format!("{external_id}\x1f{field}\x1f{start}\x1f{end}").as_bytes());
    }
    if rank > 0 {
        hasher.update(format!("\x1d{rank}").as_bytes());
    }
    let mut hex = hasher.finalize().to_hex().to_string();
    hex.truncate(KEY_LENGTH);
    hex
}

/// Lower-case words joined by single spaces: what is compared, without
/// case, punctuation or spacing.
fn normalise(text: &str) -> String {
    word_spans(text)
        .into_iter()
        .map(|(word, _, _)| word)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Article ids to record ids.
struct Articles(BTreeMap<i64, String>);

impl Articles {
    fn passage(
        &self,
        article: i64,
        field: Field,
        start: usize,
        end: usize,
        text: &str,
    ) -> FindingPassage {
        FindingPassage {
            article,
            // An article missing from the header (never in practice) still
            // gets a stable identity from its row id.
            external_id: self
                .0
                .get(&article)
                .cloned()
                .unwrap_or_else(|| format!("#{article}")),
            field,
            start,
            end,
            text: text.to_string(),
        }
    }

    fn variants(&self, variants: &[Variant]) -> Vec<FindingPassage> {
        variants
            .iter()
            .map(|v| self.passage(v.article, v.field, v.start, v.end, &v.text))
            .collect()
    }

    fn names(&self, names: &[EntityVariant]) -> Vec<FindingPassage> {
        names
            .iter()
            .flat_map(|name| {
                name.mentions
                    .iter()
                    .map(|m: &Mention| self.passage(m.article, m.field, m.start, m.end, &name.text))
            })
            .collect()
    }
}

fn claim_draft(kind: &'static str, about: &[&str], claim: &Claim, articles: &Articles) -> Draft {
    let mut identity: Vec<String> = about.iter().map(|a| normalise(a)).collect();
    identity.push(normalise(&claim.kind));
    identity.push(normalise(&claim.subject));
    let label = match about.first() {
        Some(who) => format!("{who}: {}", claim.subject),
        None => claim.subject.clone(),
    };
    Draft {
        kind,
        identity,
        label,
        status: Some(claim.status.as_str().to_string()),
        passages: articles.variants(&claim.variants),
    }
}

/// Calls `visit` with every finding and its key slot, in the comparison's
/// order: figures, when, where, statements, quotations, participants (each
/// followed by its attributes), entities, reuse pairs (each followed by its
/// passages), unique claims.
fn walk(comparison: &mut Comparison, visit: &mut dyn FnMut(Draft, &mut String)) {
    let articles = Articles(
        comparison
            .articles
            .iter()
            .map(|a| (a.id, a.external_id.clone()))
            .collect(),
    );
    let sections: [(&'static str, &mut Vec<Claim>); 4] = [
        ("figure", &mut comparison.claims),
        ("when", &mut comparison.when),
        ("where", &mut comparison.where_),
        ("statement", &mut comparison.statements),
    ];
    for (kind, claims) in sections {
        for claim in claims.iter_mut() {
            let draft = claim_draft(kind, &[], claim, &articles);
            visit(draft, &mut claim.key);
        }
    }
    for group in &mut comparison.quotes {
        let reference = group
            .variants
            .iter()
            .find(|v| v.status == "reference")
            .or_else(|| group.variants.first())
            .map(|v| v.text.clone())
            .unwrap_or_default();
        let draft = Draft {
            kind: "quote",
            identity: vec![normalise(&reference)],
            label: reference,
            status: Some(group.status.clone()),
            passages: group
                .variants
                .iter()
                .map(|v| articles.passage(v.article, v.field, v.start, v.end, &v.text))
                .collect(),
        };
        visit(draft, &mut group.key);
    }
    for participant in &mut comparison.participants {
        let draft = Draft {
            kind: "participant",
            identity: vec![normalise(&participant.name)],
            label: participant.name.clone(),
            status: participant.role.clone(),
            passages: articles.names(&participant.names),
        };
        visit(draft, &mut participant.key);
        let name = participant.name.clone();
        for attribute in &mut participant.attributes {
            let draft = claim_draft("attribute", &[&name], attribute, &articles);
            visit(draft, &mut attribute.key);
        }
    }
    for group in &mut comparison.entities {
        let draft = Draft {
            kind: "entity",
            identity: vec![normalise(&group.kind), normalise(&group.name)],
            label: group.name.clone(),
            status: group
                .spelling_variants
                .then(|| "spelling variants".to_string()),
            passages: articles.names(&group.variants),
        };
        visit(draft, &mut group.key);
    }
    for pair in &mut comparison.reuse {
        let [first, second] = pair.articles;
        let sides = |passage: &crate::compare::Passage| {
            [
                articles.passage(
                    first,
                    Field::Text,
                    passage.a_start,
                    passage.a_end,
                    &passage.text,
                ),
                articles.passage(
                    second,
                    Field::Text,
                    passage.b_start,
                    passage.b_end,
                    &passage.text,
                ),
            ]
        };
        let draft = Draft {
            kind: "reuse",
            identity: Vec::new(),
            label: format!("shared passages of articles {first} and {second}"),
            status: None,
            passages: pair.passages.iter().flat_map(sides).collect(),
        };
        visit(draft, &mut pair.key);
        for passage in &mut pair.passages {
            let draft = Draft {
                kind: "passage",
                identity: Vec::new(),
                label: passage.text.clone(),
                status: passage.quotation.then(|| "quotation".to_string()),
                passages: sides(passage).to_vec(),
            };
            visit(draft, &mut passage.key);
        }
    }
    for claim in &mut comparison.unique {
        let draft = Draft {
            kind: "unique",
            identity: vec![normalise(&claim.kind)],
            label: claim.text.clone(),
            status: Some("unique".to_string()),
            passages: vec![articles.passage(
                claim.article,
                claim.field,
                claim.start,
                claim.end,
                &claim.text,
            )],
        };
        visit(draft, &mut claim.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::compare;
    use crate::compare::tests::{article, figure, story};
    use crate::document::Document;

    fn reports() -> Vec<Document> {
        vec![
            article(
                1,
                "Three soldiers were wounded in the attack on the base late on Sunday night.",
                vec![figure(
                    "Three soldiers",
                    3.0,
                    None,
                    None,
                    "soldier",
                    "injured",
                )],
            ),
            article(
                2,
                "Officials said four troops were wounded in the attack on the base.",
                vec![figure("four troops", 4.0, None, None, "troop", "injured")],
            ),
        ]
    }

    /// Every finding's key, in the comparison's order.
    fn keys_of(documents: &[Document], story_id: i64) -> Vec<String> {
        let mut summary = story();
        summary.id = story_id;
        findings(&compare(&summary, documents))
            .into_iter()
            .map(|f| f.key)
            .collect()
    }

    /// Input change → whether every key stays the same.
    #[test]
    fn keys_survive_re_runs_and_regrouping_and_follow_the_passages() {
        type Change = fn(&mut Vec<Document>, &mut i64);
        let cases: [(&str, Change, bool); 6] = [
            ("compare re-run on the same articles", |_, _| {}, true),
            (
                "the story gets another id (regrouped)",
                |_, id| *id = 99,
                true,
            ),
            (
                "the articles come in another order",
                |docs, _| docs.reverse(),
                true,
            ),
            (
                "an article's archive id changes (re-imported elsewhere)",
                |docs, _| docs[1].id = 7,
                true,
            ),
            (
                "an article's record id changes",
                |docs, _| docs[1].external_id = "elsewhere".into(),
                false,
            ),
            (
                "a passage moves",
                |docs, _| {
                    docs[1].text.insert_str(0, "Late news. ");
                    docs[1].extraction.figures[0].anchor.start += 11;
                    docs[1].extraction.figures[0].anchor.end += 11;
                },
                false,
            ),
        ];
        let base = keys_of(&reports(), 1);
        assert!(!base.is_empty());
        for (case, change, same) in cases {
            let mut documents = reports();
            let mut id = 1;
            change(&mut documents, &mut id);
            let mut keys = keys_of(&documents, id);
            // A changed archive id changes the article's position among
            // equal dates, not what is compared: compare sets as sets.
            let mut sorted_base = base.clone();
            sorted_base.sort();
            keys.sort();
            assert_eq!(
                keys == sorted_base,
                same,
                "{case}: {keys:?} vs {sorted_base:?}"
            );
        }
    }

    #[test]
    fn every_finding_has_a_distinct_short_hex_key() {
        let comparison = compare(&story(), &reports());
        let keys: Vec<String> = findings(&comparison).into_iter().map(|f| f.key).collect();
        let assigned: Vec<&str> = comparison
            .claims
            .iter()
            .chain(&comparison.when)
            .chain(&comparison.where_)
            .chain(&comparison.statements)
            .map(|c| c.key.as_str())
            .chain(comparison.unique.iter().map(|u| u.key.as_str()))
            .chain(comparison.entities.iter().map(|e| e.key.as_str()))
            .collect();
        for key in &assigned {
            assert!(
                keys.iter().any(|k| k == key),
                "{key} assigned but not listed"
            );
        }
        let mut distinct = keys.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert!(
            keys.iter()
                .all(|k| k.len() == KEY_LENGTH && k.chars().all(|c| c.is_ascii_hexdigit())),
            "{keys:?}"
        );
    }

    /// Text → its normalised form in a key.
    #[test]
    fn normalised_text_ignores_case_punctuation_and_spacing() {
        for (text, expected) in [
            ("Killed: person in  Gaza", "killed person in gaza"),
            ("“We are grateful,” she said.", "we are grateful she said"),
            ("Iraq & Syria", "iraq and syria"),
        ] {
            assert_eq!(normalise(text), expected, "{text}");
        }
    }
}
