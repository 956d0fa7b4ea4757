//! How a version of a quotation differs from its group's reference, word
//! by word (`similar`, patience algorithm): words cut at either end make an
//! excerpt, a change of the same name up to transliteration is spelling
//! only. Separate because it compares wordings, after the groups are made.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::compare::DiffPart;
use crate::extract::entities::fuzzy_key;

/// Result of diffing a version against the reference.
pub(super) struct Difference {
    pub(super) parts: Vec<DiffPart>,
    pub(super) changed: bool,
    pub(super) spelling_only: bool,
    pub(super) excerpt: bool,
}

pub(super) fn diff(reference: &[String], version: &[String]) -> Difference {
    let ops = capture_diff_slices(Algorithm::Patience, reference, version);
    let mut parts: Vec<DiffPart> = Vec::new();
    // Consecutive deletions and insertions form one change; a change before
    // the first or after the last equal run only trims the quotation.
    let mut changes: Vec<(Vec<String>, Vec<String>, bool)> = Vec::new();
    let mut pending: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut seen_equal = false;
    let flush = |pending: &mut (Vec<String>, Vec<String>),
                 parts: &mut Vec<DiffPart>,
                 changes: &mut Vec<(Vec<String>, Vec<String>, bool)>,
                 leading: bool| {
        if pending.0.is_empty() && pending.1.is_empty() {
            return;
        }
        if !pending.0.is_empty() {
            parts.push(DiffPart {
                op: "delete".into(),
                text: pending.0.join(" "),
            });
        }
        if !pending.1.is_empty() {
            parts.push(DiffPart {
                op: "insert".into(),
                text: pending.1.join(" "),
            });
        }
        let (old, new) = std::mem::take(pending);
        changes.push((old, new, leading));
    };
    for op in &ops {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                flush(&mut pending, &mut parts, &mut changes, !seen_equal);
                seen_equal = true;
                parts.push(DiffPart {
                    op: "equal".into(),
                    text: reference[old_index..old_index + len].join(" "),
                });
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => pending
                .0
                .extend_from_slice(&reference[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => pending
                .1
                .extend_from_slice(&version[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                pending
                    .0
                    .extend_from_slice(&reference[old_index..old_index + old_len]);
                pending
                    .1
                    .extend_from_slice(&version[new_index..new_index + new_len]);
            }
        }
    }
    let trailing_start = changes.len();
    flush(&mut pending, &mut parts, &mut changes, !seen_equal);
    let mut excerpt = false;
    let mut inner: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (n, (old, new, leading)) in changes.into_iter().enumerate() {
        let trailing = n >= trailing_start;
        // Only one side has words at an edge: the quotation was cut there.
        if (leading || trailing) && (old.is_empty() || new.is_empty()) {
            excerpt = true;
        } else {
            inner.push((old, new));
        }
    }
    let spelling = |(old, new): &(Vec<String>, Vec<String>)| {
        !old.is_empty() && !new.is_empty() && {
            let (a, b) = (old.join(" "), new.join(" "));
            let (ka, kb) = (fuzzy_key(&a), fuzzy_key(&b));
            !ka.is_empty() && ka == kb && a.len() >= 4
        }
    };
    let changed = !inner.is_empty();
    let spelling_only = changed && inner.iter().all(spelling);
    Difference {
        parts,
        changed,
        spelling_only,
        excerpt,
    }
}

pub(super) fn render(parts: &[DiffPart]) -> String {
    parts
        .iter()
        .map(|p| match p.op.as_str() {
            "delete" => format!("[-{}-]", p.text),
            "insert" => format!("{{+{}+}}", p.text),
            _ => p.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use crate::compare::quotes::compare;
    use crate::compare::quotes::tests::quoting;
    use crate::compare::tests::entity;

    #[test]
    fn reworded_quotation_is_altered_with_a_diff() {
        let a = quoting(
            1,
            "\"Our forces struck three depots used by the group,\" the minister said.",
            "Our forces struck three depots used by the group,",
            "Jane Doe",
        );
        let b = quoting(
            2,
            "\"Today our troops hit three depots used by the group,\" Doe said.",
            "Today our troops hit three depots used by the group,",
            "Doe",
        );
        let groups = compare(&[&a, &b]);
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.status, "altered");
        assert!(!g.speakers_differ);
        // The longer wording is the reference; the other only drops "today" at
        // the start (an excerpt) but changes two words inside.
        assert_eq!(
            g.diff.as_deref(),
            Some("[-today-] our [-troops hit-] {+forces struck+} three depots used by the group")
        );
    }

    #[test]
    fn transliteration_and_punctuation_differences_are_spelling_only() {
        // Each outlet names its speaker beside the words.
        let named = |id: i64, text: &str, words: &str, speaker: &str| {
            let mut document = quoting(id, text, words, speaker);
            document
                .extraction
                .entities
                .push(entity(text, speaker, "person"));
            document.extraction.quotes[0].speaker_entity = Some(0);
            document
        };
        let a = named(
            1,
            "\"Attacks by Kataeb Hezbollah on Arbil must stop,\" John Roe said.",
            "Attacks by Kataeb Hezbollah on Arbil must stop,",
            "John Roe",
        );
        let b = named(
            2,
            "“Attacks by Kataib Hezbollah on Erbil must stop!” Mary Major said.",
            "Attacks by Kataib Hezbollah on Erbil must stop!",
            "Mary Major",
        );
        let groups = compare(&[&a, &b]);
        assert_eq!(groups.len(), 1);
        // Two people of different surnames.
        assert_eq!(groups[0].status, "misattributed");
        assert!(groups[0].spelling_only);
        assert!(groups[0].speakers_differ);
    }
}
