//! One person's name spelt differently by different outlets ("Malijah
//! Grant" / "Milajha Grant", "Chris Few" / "Christopher Few"), made one
//! content key for the sentence measures.
//!
//! Statements and unique claims are measured on content keys, and a name's
//! key is its spelling: "Milajha was shot in the head" and "hitting Malijah
//! in the head" would share nothing of whom they speak. The entity clusters
//! already say which names are one person; where two forms of one person
//! have the same number of words and differ in one of them, that word's
//! spellings are one key (the smaller), in every sentence of the story.
//! People linked only because shared copy puts one name where another has
//! the other (`substitutions`) are not folded: that link says the copy is
//! shared, not that the names are spellings of one another.

use std::collections::BTreeMap;

use super::Cluster;
use crate::compare::reading::{Reading, lexicon};
use crate::compare::sets::DisjointSets;

/// The content keys of a name's words, in order.
fn name_keys(name: &str) -> Vec<Option<String>> {
    let lexicon = lexicon();
    name.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|word| !word.is_empty())
        .map(|word| lexicon.key(&word.to_lowercase()))
        .collect()
}

/// Key → the key it is folded into, for the people of `clusters`.
pub fn spelling_folds(clusters: &[Cluster]) -> BTreeMap<String, String> {
    // Pairs of keys that spell one word of one person's name.
    let mut pairs: Vec<(String, String)> = Vec::new();
    for cluster in clusters
        .iter()
        .filter(|c| c.kind == "person" && !c.substituted)
    {
        let forms: Vec<Vec<Option<String>>> = cluster
            .forms
            .iter()
            .map(|(_, name)| name_keys(name))
            .collect();
        for (x, first) in forms.iter().enumerate() {
            for second in &forms[x + 1..] {
                if first.len() != second.len() || first.len() < 2 {
                    continue;
                }
                let differing: Vec<(&Option<String>, &Option<String>)> =
                    first.iter().zip(second).filter(|(a, b)| a != b).collect();
                if let [(Some(a), Some(b))] = differing.as_slice() {
                    pairs.push((a.min(b).clone(), a.max(b).clone()));
                }
            }
        }
    }
    // Chains ("a"/"b", "b"/"c") fold into the smallest key of the chain:
    // keys interned in sorted order, so a set's root is its smallest.
    let mut keys: Vec<&String> = pairs.iter().flat_map(|(a, b)| [a, b]).collect();
    keys.sort();
    keys.dedup();
    let index = |key: &String| keys.binary_search(&key).unwrap_or(0);
    let mut sets = DisjointSets::new(keys.len());
    for (a, b) in &pairs {
        sets.union(index(a), index(b));
    }
    let mut folds = BTreeMap::new();
    for (root, members) in sets.groups() {
        for member in members.into_iter().filter(|&m| m != root) {
            folds.insert(keys[member].clone(), keys[root].clone());
        }
    }
    folds
}

/// Applies `folds` to every sentence's keys.
pub fn fold_spellings(readings: &mut [Reading<'_>], folds: &BTreeMap<String, String>) {
    if folds.is_empty() {
        return;
    }
    for reading in readings {
        for sentence in &mut reading.sentences {
            let mut changed = false;
            for (_, key) in &mut sentence.word_keys {
                if let Some(target) = folds.get(key.as_str()) {
                    *key = target.clone();
                    changed = true;
                }
            }
            if changed {
                let mut keys: Vec<String> =
                    sentence.word_keys.iter().map(|(_, k)| k.clone()).collect();
                keys.sort();
                keys.dedup();
                sentence.keys = keys;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(forms: &[&str], substituted: bool) -> Cluster {
        Cluster {
            kind: "person".into(),
            forms: forms
                .iter()
                .map(|form| ("person".to_string(), form.to_string()))
                .collect(),
            mentions: Vec::new(),
            substituted,
        }
    }

    #[test]
    fn spellings_of_one_name_read_as_data() {
        // One person's forms → the keys folded (key → the key it becomes).
        type Folds<'c> = &'c [(&'c str, &'c str)];
        let cases: &[(&[&str], bool, Folds)] = &[
            (
                &["Malijah Grant", "Milajha Grant"],
                false,
                &[("milajha", "malijah")],
            ),
            (
                &["Chris Few", "Christopher Few"],
                false,
                &[("christoph", "chris")],
            ),
            // Three spellings of one word fold into the smallest.
            (
                &["Tolu Adeseha", "Tolu Adeshea", "Tolu Adesha"],
                false,
                &[("adesha", "adeseha"), ("adeshea", "adeseha")],
            ),
            // Forms of different lengths or two words apart: no one word
            // is known to be spelt two ways.
            (&["Milajha Miracle Grant", "Malijah Grant"], false, &[]),
            (&["Tolu Adeseha", "Taye Adesha"], false, &[]),
            // Linked by shared copy only.
            (&["Malijah Grant", "Milajha Grant"], true, &[]),
        ];
        for (forms, substituted, expected) in cases {
            let folds = spelling_folds(&[cluster(forms, *substituted)]);
            let expected: BTreeMap<String, String> = expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(folds, expected, "{forms:?}");
        }
    }
}
