//! Which spelling of each name each outlet uses.
//!
//! Mentions across the story's articles are one entity when they share the
//! archive's canonical entity id, the same gazetteer place, or the same kind
//! and transliteration fingerprint (`entities::fuzzy_key`: Kataeb/Kataib,
//! Arbil/Erbil). Within an article the extraction has already resolved
//! short forms to the full name, so variants are compared on full names;
//! an article that names a person by surname only ("President Biden") is
//! linked to the story's one person of that surname named in full.
//! Only entities named by two articles or more are listed: the point is to
//! see how outlets differ.
//!
//! Names with nothing in common in their letters (an Arabic name and its
//! English translation) are linked by the articles' shared text: where two
//! articles copy one passage and one copy has a name exactly where the
//! other has another — the words before and after shared, only the name
//! between them different — an editor replaced one name by the other.
//!
//! By concern: the links particular to people (given-name short forms,
//! generations, one-slip surnames, a surname alone) are in [`people`],
//! those particular to organisations (kind-of-body words, acronyms, a name
//! that ends another) in [`organisations`], and names swapped inside
//! shared copy in [`substitutions`]; the disjoint sets the links join (and
//! `quotes` groups quotations with) are [`sets`]. This file links mentions
//! by the keys every kind shares and lists the groups outlets name
//! differently.

mod organisations;
mod people;
mod spellings;
mod substitutions;

use std::collections::{BTreeMap, BTreeSet};

use self::organisations::link_organisations;
use self::people::{generational_suffixes, link_misspelt_people, link_surnames, person_key};
pub use self::spellings::{fold_spellings, spelling_folds};
use self::substitutions::substitutions;
use super::sets::DisjointSets;
use super::{EntityGroup, EntityVariant, Mention, Reuse};
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key, fuzzy_key};

fn kind_of(kind: &str) -> EntityKind {
    match kind {
        "person" => EntityKind::Person,
        "place" => EntityKind::Place,
        "group" => EntityKind::Group,
        _ => EntityKind::Organisation,
    }
}

/// One entity's mentions across the story's articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// `person`, `organisation`, `place` or `group`.
    pub kind: String,
    /// The (kind, full name) forms linked into this entity.
    pub forms: Vec<(String, String)>,
    /// Every mention: (article index, entity index in its extraction).
    pub mentions: Vec<(usize, usize)>,
    /// Linked because shared copy puts one name where another has the other.
    pub substituted: bool,
}

/// Links the story's entity mentions into entities (see the module doc):
/// every entity, named by one article or more.
pub fn clusters(articles: &[&Document], reuse: &[Reuse]) -> Vec<Cluster> {
    // Distinct (kind, name) forms, each with its mentions.
    let mut forms: BTreeMap<(String, String), Vec<(usize, usize)>> = BTreeMap::new();
    for (a, article) in articles.iter().enumerate() {
        for (e, entity) in article.extraction.entities.iter().enumerate() {
            if article.in_noise(&entity.anchor) || entity.name.trim().is_empty() {
                continue;
            }
            forms
                .entry((entity.kind.to_string(), entity.name.clone()))
                .or_default()
                .push((a, e));
        }
    }
    let keys: Vec<(String, String)> = forms.keys().cloned().collect();
    let mut sets = DisjointSets::new(keys.len());
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let suffixes = generational_suffixes(&keys);
    for (i, (kind, name)) in keys.iter().enumerate() {
        // Every key names the kind: a city and its police department, or a
        // state and its state police, share a place but are not one entity.
        let mut link_keys = vec![
            format!("{kind}|f|{}", fuzzy_key(name)),
            format!("{kind}|c|{}", closed_key(name)),
        ];
        if kind == "person"
            && let Some(key) = person_key(name, &suffixes)
        {
            link_keys.push(format!("person|n|{key}"));
        }
        for &(a, e) in &forms[&keys[i]] {
            let entity = &articles[a].extraction.entities[e];
            if let Some(id) = entity.entity {
                link_keys.push(format!("{kind}|id|{id}"));
            }
            // A gazetteer place identifies a place; an organisation's place
            // is only where it is ("Marksville Police Department" and
            // "Marksville City Council" are two bodies of one town).
            if kind == "place"
                && let Some(place) = &entity.place
            {
                link_keys.push(format!("{kind}|place|{}", place.id));
            }
        }
        for key in link_keys {
            match by_key.get(&key) {
                Some(&j) => {
                    sets.union(i, j);
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    link_misspelt_people(&keys, &mut sets);
    link_surnames(&keys, &mut sets);
    link_organisations(&keys, &mut sets);
    let index_of: BTreeMap<&(String, String), usize> =
        keys.iter().enumerate().map(|(i, key)| (key, i)).collect();
    let mut substituted: BTreeSet<usize> = BTreeSet::new();
    for (left, right) in substitutions(articles, reuse) {
        let (Some(&i), Some(&j)) = (index_of.get(&left), index_of.get(&right)) else {
            continue;
        };
        if sets.union(i, j) {
            substituted.insert(i);
            substituted.insert(j);
        }
    }
    sets.groups()
        .into_values()
        .map(|members| Cluster {
            kind: keys[members[0]].0.clone(),
            forms: members.iter().map(|&i| keys[i].clone()).collect(),
            mentions: members
                .iter()
                .flat_map(|&i| forms[&keys[i]].iter().copied())
                .collect(),
            substituted: members.iter().any(|i| substituted.contains(i)),
        })
        .collect()
}

/// Entity groups named by at least two articles; those with several
/// spellings first.
pub fn compare(articles: &[&Document], reuse: &[Reuse]) -> Vec<EntityGroup> {
    groups(articles, &clusters(articles, reuse))
}

/// The listed entity groups of the clusters: those named by two articles
/// or more, with each spelling's articles.
pub fn groups(articles: &[&Document], clusters: &[Cluster]) -> Vec<EntityGroup> {
    let mut out = Vec::new();
    for cluster in clusters {
        let mut variants: Vec<EntityVariant> = Vec::new();
        let mut all_articles: BTreeSet<i64> = BTreeSet::new();
        let mut spellings: BTreeSet<String> = BTreeSet::new();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (kind, name) in &cluster.forms {
            let mut ids: Vec<i64> = Vec::new();
            let mut mentions: Vec<Mention> = Vec::new();
            let mut uses = 0;
            for &(a, e) in &cluster.mentions {
                let article = articles[a];
                let entity = &article.extraction.entities[e];
                if entity.kind != kind.as_str() || entity.name != *name {
                    continue;
                }
                uses += 1;
                if !ids.contains(&article.id) {
                    ids.push(article.id);
                }
                mentions.push(Mention {
                    article: article.id,
                    field: entity.anchor.field,
                    start: entity.anchor.start,
                    end: entity.anchor.end,
                });
            }
            all_articles.extend(ids.iter().copied());
            spellings.insert(alias_key(name, kind_of(kind)));
            *counts.entry(name.clone()).or_insert(0) += uses;
            ids.sort_unstable();
            variants.push(EntityVariant {
                text: name.clone(),
                articles: ids,
                mentions,
            });
        }
        if all_articles.len() < 2 {
            continue;
        }
        // Spelling variants are the same name written differently: the same
        // transliteration key or a small edit ("Mobilisation"/"Mobilization").
        // Other names of the entity ("US"/"United States") are aliases.
        let list: Vec<&String> = spellings.iter().collect();
        let spelling_variants = list.iter().enumerate().any(|(x, a)| {
            // One name extending another is a derived form ("Iran"/"Iranian",
            // "American"/"Americans"), not another spelling.
            list[x + 1..].iter().any(|b| {
                !a.starts_with(b.as_str())
                    && !b.starts_with(a.as_str())
                    && (fuzzy_key(a) == fuzzy_key(b)
                        || (a.len() >= 6 && strsim::normalized_levenshtein(a, b) >= 0.8))
            })
        });
        let aliases = list.len() > 1;
        let name = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let kind = cluster.kind.clone();
        variants.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.text.cmp(&b.text))
        });
        out.push((
            spelling_variants,
            all_articles.len(),
            EntityGroup {
                key: String::new(),
                name,
                kind,
                spelling_variants,
                aliases,
                variants,
                renamed_in_shared_text: cluster.substituted,
            },
        ));
    }
    out.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.name.cmp(&b.2.name))
    });
    out.into_iter().map(|(_, _, g)| g).collect()
}

/// Letters and digits only: "De Shawn" and "DeShawn", "Mc Bride" and
/// "McBride" are one name written spaced or closed.
fn closed_key(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, entity};

    #[test]
    fn transliterations_are_one_entity_with_two_spellings() {
        let mut a = article(1, "Kataeb Hezbollah attacked Arbil.", vec![]);
        a.extraction.entities = vec![
            entity(&a.text, "Kataeb Hezbollah", "organisation"),
            entity(&a.text, "Arbil", "place"),
        ];
        let mut b = article(2, "Kataib Hezbollah attacked Erbil.", vec![]);
        b.extraction.entities = vec![
            entity(&b.text, "Kataib Hezbollah", "organisation"),
            entity(&b.text, "Erbil", "place"),
        ];
        let groups = compare(&[&a, &b], &[]);
        assert_eq!(groups.len(), 2);
        assert!(
            groups
                .iter()
                .all(|g| g.spelling_variants && g.variants.len() == 2)
        );
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, vec!["Arbil", "Kataeb Hezbollah"]);
        assert_eq!(groups[0].variants[1].mentions[0].start, 26);
    }
}
