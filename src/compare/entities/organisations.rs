//! How two names of organisations are found to be one body: with or
//! without the words of its kind of body (`data/organisation_designators.txt`),
//! by acronym, or as the tail of a longer name, each only when the story
//! has one candidate. Separate because these rules hold for organisations
//! only.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use crate::compare::reading::data_lines;
use crate::compare::sets::DisjointSets;
use crate::extract::entities::{EntityKind, alias_key, is_acronym_of};

/// The words of an organisation's name for linking: letters and digits,
/// possessives and "the" dropped ("Attorney General's office").
fn organisation_words(name: &str) -> Vec<String> {
    let name = name.replace("'s ", " ").replace("’s ", " ");
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .unwrap_or(&name);
    alias_key(name, EntityKind::Organisation)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// An organisation's name without the words that say what kind of body it
/// is (`data/organisation_designators.txt`) and without "and": None when
/// fewer than two words remain.
fn designated_key(words: &[String]) -> Option<String> {
    static DESIGNATORS: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    let designators = DESIGNATORS
        .get_or_init(|| data_lines(include_str!("../data/organisation_designators.txt")).collect());
    let mut kept: Vec<&str> = Vec::new();
    let mut after_designator = false;
    for word in words {
        let word = word.as_str();
        if designators.contains(word) {
            after_designator = true;
            continue;
        }
        if (after_designator && word == "of") || word == "and" || word == "the" {
            after_designator = false;
            continue;
        }
        after_designator = false;
        kept.push(word);
    }
    (kept.len() >= 2).then(|| kept.join(" "))
}

/// A word written as an acronym: two to six capital letters.
fn is_acronym(word: &str) -> bool {
    (2..=6).contains(&word.chars().count()) && word.chars().all(|c| c.is_ascii_uppercase())
}

/// Links organisations named differently by different outlets, each only
/// when the story has exactly one organisation the form can stand for:
/// - the same name with or without the words of its kind of body
///   ("Bristol Police Department" / "Bristol Police", "Boondocks Bar &
///   Grill" / "Boondocks Bar and Grill");
/// - an acronym of the whole name or of its first words ("TBI",
///   "CAMC General Hospital" for "Charleston Area Medical Center General
///   Hospital");
/// - a name of three words or more that ends another ("Group Violence
///   Intervention Unit" in "Pittsburgh Police Group Violence Intervention
///   Unit").
pub(super) fn link_organisations(keys: &[(String, String)], sets: &mut DisjointSets) {
    let organisations: Vec<(usize, &str, Vec<String>)> = keys
        .iter()
        .enumerate()
        .filter(|(_, (kind, _))| kind == "organisation")
        .map(|(i, (_, name))| (i, name.as_str(), organisation_words(name)))
        .collect();
    let mut designated: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, _, words) in &organisations {
        if let Some(key) = designated_key(words) {
            designated.entry(key).or_default().push(*i);
        }
    }
    for members in designated.values() {
        for pair in members.windows(2) {
            sets.union(pair[0], pair[1]);
        }
    }
    for (i, name, words) in &organisations {
        let written: Vec<&str> = name.split_whitespace().collect();
        let Some(first) = written.first() else {
            continue;
        };
        let candidates: Vec<usize> = if is_acronym(first) {
            let rest = &words[1..];
            organisations
                .iter()
                .filter(|(j, _, other)| {
                    j != i
                        && other.len() > rest.len() + 1
                        && other.ends_with(rest)
                        && is_acronym_of(first, &other[..other.len() - rest.len()].join(" "))
                })
                .map(|(j, _, _)| *j)
                .collect()
        } else if words.len() >= 3 {
            organisations
                .iter()
                .filter(|(j, _, other)| {
                    j != i && other.len() > words.len() && other.ends_with(words)
                })
                .map(|(j, _, _)| *j)
                .collect()
        } else {
            continue;
        };
        // Roots may have merged already: one entity is one candidate.
        let roots: BTreeSet<usize> = candidates.iter().map(|&j| sets.find(j)).collect();
        if let (1, Some(&only)) = (roots.len(), roots.first()) {
            sets.union(*i, only);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::entities::compare;
    use crate::compare::tests::{article, entity};
    use crate::document::Document;

    fn marksville() -> crate::extract::items::PlaceRef {
        crate::extract::items::PlaceRef {
            id: "US/Louisiana/Marksville".into(),
            name: "Marksville".into(),
            kind: crate::extract::items::PlaceKind::City,
            country_code: "US".into(),
            country: "United States".into(),
            region: Some("Louisiana".into()),
            county: Some("Avoyelles Parish".into()),
            lat: 31.13,
            lon: -92.07,
        }
    }

    #[test]
    fn organisations_named_differently_are_linked_only_to_one_candidate() {
        // The story's organisations (one per article) → the groups of two
        // names or more.
        let cases: &[(&[&str], &[&[&str]])] = &[
            (
                &["Bristol Police Department", "Bristol Police"],
                &[&["Bristol Police", "Bristol Police Department"]],
            ),
            (
                &["Pittsburgh Bureau of Police", "Pittsburgh Police"],
                &[&["Pittsburgh Bureau of Police", "Pittsburgh Police"]],
            ),
            (
                &["Boondocks Bar & Grill", "Boondocks Bar and Grill"],
                &[&["Boondocks Bar & Grill", "Boondocks Bar and Grill"]],
            ),
            (
                &["Tennessee Bureau of Investigation", "TBI"],
                &[&["TBI", "Tennessee Bureau of Investigation"]],
            ),
            (
                &[
                    "Charleston Area Medical Center General Hospital",
                    "CAMC General Hospital",
                ],
                &[&[
                    "CAMC General Hospital",
                    "Charleston Area Medical Center General Hospital",
                ]],
            ),
            (
                &[
                    "Pittsburgh Police Group Violence Intervention Unit",
                    "Group Violence Intervention Unit",
                ],
                &[&[
                    "Group Violence Intervention Unit",
                    "Pittsburgh Police Group Violence Intervention Unit",
                ]],
            ),
            // Two bodies of one town are two organisations.
            (
                &["Marksville Police Department", "Marksville City Council"],
                &[],
            ),
            // The kind of body alone names no body.
            (&["Police Department", "Police Office"], &[]),
            // An acronym two organisations could stand for stays apart.
            (
                &[
                    "Bristol Tennessee Police Department",
                    "Bristol Tennessee Port Department",
                    "BTPD",
                ],
                &[],
            ),
        ];
        for (names, expected) in cases {
            let articles: Vec<Document> = names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let mut a = article(i as i64 + 1, &format!("{name} said so."), vec![]);
                    // Every organisation is in the same town, as the
                    // extraction may record: that makes them no one body.
                    let mut organisation = entity(&a.text, name, "organisation");
                    organisation.place = Some(marksville());
                    a.extraction.entities = vec![organisation];
                    a
                })
                .collect();
            let refs: Vec<&Document> = articles.iter().collect();
            let groups: Vec<Vec<String>> = compare(&refs, &[])
                .iter()
                .map(|g| {
                    let mut texts: Vec<String> =
                        g.variants.iter().map(|v| v.text.clone()).collect();
                    texts.sort();
                    texts
                })
                .collect();
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|g| g.iter().map(|t| t.to_string()).collect())
                .collect();
            assert_eq!(groups, expected, "{names:?}");
        }
    }
}
