//! Names swapped inside shared copy: where two articles copy one passage
//! and each has a different name in the same short gap between two shared
//! stretches, an editor replaced one name by the other, so the two are one
//! entity however little their letters share (an Arabic name and its
//! English translation). Separate because it reads text reuse, not names.

use std::collections::BTreeMap;

use crate::compare::Reuse;
use crate::document::Document;
use crate::extract::items::Field;

/// The longest gap (in characters) between two shared passages that can
/// hold a substituted name and a little punctuation or an article word.
const SUBSTITUTION_GAP: usize = 48;

/// Pairs of (kind, name) forms that two articles put in the same place of
/// a passage they share: between two consecutive shared passages, each
/// article has a short gap holding exactly one name, and the names differ.
pub(super) fn substitutions(
    articles: &[&Document],
    reuse: &[Reuse],
) -> Vec<((String, String), (String, String))> {
    let by_id: BTreeMap<i64, &Document> = articles.iter().map(|a| (a.id, *a)).collect();
    let name_in = |article: &Document, start: usize, end: usize| -> Option<(String, String)> {
        if end <= start || end - start > SUBSTITUTION_GAP {
            return None;
        }
        let inside: Vec<&crate::extract::items::EntityItem> = article
            .extraction
            .entities
            .iter()
            .filter(|e| {
                e.anchor.field == Field::Text && e.anchor.start >= start && e.anchor.end <= end
            })
            .collect();
        match inside.as_slice() {
            [only]
                if matches!(
                    only.kind.as_str(),
                    "organisation" | "group" | "person" | "place"
                ) =>
            {
                Some((only.kind.to_string(), only.name.clone()))
            }
            _ => None,
        }
    };
    let mut out = Vec::new();
    for pair in reuse {
        let (Some(a), Some(b)) = (by_id.get(&pair.articles[0]), by_id.get(&pair.articles[1]))
        else {
            continue;
        };
        for window in pair.passages.windows(2) {
            let (before, after) = (&window[0], &window[1]);
            // Consecutive in both articles: the same stretch of copy.
            if after.a_start < before.a_end || after.b_start < before.b_end {
                continue;
            }
            let (Some(left), Some(right)) = (
                name_in(a, before.a_end, after.a_start),
                name_in(b, before.b_end, after.b_start),
            ) else {
                continue;
            };
            // Organisations and groups are often read as either; people and
            // places only match their own kind.
            let compatible = left.0 == right.0
                || matches!(
                    (left.0.as_str(), right.0.as_str()),
                    ("organisation", "group") | ("group", "organisation")
                );
            if compatible && left.1 != right.1 {
                out.push((left, right));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Passage;
    use crate::compare::entities::compare;
    use crate::compare::tests::{article, entity};

    fn chars(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).unwrap_or(0);
        let start = text[..byte].chars().count();
        (start, start + needle.chars().count())
    }

    #[test]
    fn a_name_swapped_inside_copied_text_links_the_two_names() {
        let mut a = article(
            1,
            "The brigade is part of the Hashed al-Shaabi coalition of former militias that joined the army.",
            vec![],
        );
        a.extraction.entities = vec![entity(&a.text, "Hashed al-Shaabi", "organisation")];
        let mut b = article(
            2,
            "The brigade is part of the Popular Mobilisation Forces, a coalition of former militias that joined the army.",
            vec![],
        );
        b.extraction.entities = vec![entity(
            &b.text,
            "Popular Mobilisation Forces",
            "organisation",
        )];
        let (a_before, b_before) = (
            chars(&a.text, "The brigade is part of the"),
            chars(&b.text, "The brigade is part of the"),
        );
        let (a_after, b_after) = (
            chars(
                &a.text,
                "coalition of former militias that joined the army.",
            ),
            chars(
                &b.text,
                "coalition of former militias that joined the army.",
            ),
        );
        let passage = |a: (usize, usize), b: (usize, usize)| Passage {
            key: String::new(),
            a_start: a.0,
            a_end: a.1,
            b_start: b.0,
            b_end: b.1,
            text: String::new(),
            words: 6,
            quotation: false,
        };
        let reuse = Reuse {
            key: String::new(),
            articles: [1, 2],
            share: [0.8, 0.8],
            direction: None,
            wire: Vec::new(),
            passages: vec![passage(a_before, b_before), passage(a_after, b_after)],
        };
        let groups = compare(&[&a, &b], std::slice::from_ref(&reuse));
        assert_eq!(groups.len(), 1);
        assert!(
            groups[0].renamed_in_shared_text && groups[0].aliases && !groups[0].spelling_variants
        );
        let names: Vec<&str> = groups[0].variants.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(
            names,
            vec!["Hashed al-Shaabi", "Popular Mobilisation Forces"]
        );
        // Without the shared passages the two names stay apart (and, each
        // named by one article, are not listed).
        assert!(compare(&[&a, &b], &[]).is_empty());
    }
}
