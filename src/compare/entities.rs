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

use std::collections::{BTreeMap, BTreeSet};

use std::sync::OnceLock;

use super::reading::data_lines;
use super::{EntityGroup, EntityVariant, Mention, Reuse};
use crate::document::Document;
use crate::extract::items::Field;

/// The longest gap (in characters) between two shared passages that can
/// hold a substituted name and a little punctuation or an article word.
const SUBSTITUTION_GAP: usize = 48;
use crate::extract::entities::{EntityKind, alias_key, fuzzy_key, is_acronym_of};

fn kind_of(kind: &str) -> EntityKind {
    match kind {
        "person" => EntityKind::Person,
        "place" => EntityKind::Place,
        "group" => EntityKind::Group,
        _ => EntityKind::Organisation,
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut root = i;
    while parent[root] != root {
        root = parent[root];
    }
    parent[i] = root;
    root
}

/// Joins the sets of `i` and `j` under the lower root; false when they
/// were one set already.
fn union(parent: &mut [usize], i: usize, j: usize) -> bool {
    let (ri, rj) = (find(parent, i), find(parent, j));
    if ri != rj {
        parent[ri.max(rj)] = ri.min(rj);
    }
    ri != rj
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
                .entry((entity.kind.clone(), entity.name.clone()))
                .or_default()
                .push((a, e));
        }
    }
    let keys: Vec<(String, String)> = forms.keys().cloned().collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
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
                    union(&mut parent, i, j);
                }
                None => {
                    by_key.insert(key, i);
                }
            }
        }
    }
    link_misspelt_people(&keys, &mut parent);
    link_surnames(&keys, &mut parent);
    link_organisations(&keys, &mut parent);
    let index_of: BTreeMap<&(String, String), usize> =
        keys.iter().enumerate().map(|(i, key)| (key, i)).collect();
    let mut substituted: BTreeSet<usize> = BTreeSet::new();
    for (left, right) in substitutions(articles, reuse) {
        let (Some(&i), Some(&j)) = (index_of.get(&left), index_of.get(&right)) else {
            continue;
        };
        if union(&mut parent, i, j) {
            substituted.insert(i);
            substituted.insert(j);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..keys.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups
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
                if entity.kind != *kind || entity.name != *name {
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

/// Generational suffixes that tell a father from a son.
const GENERATIONS: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The short forms of given names (`data/nicknames.txt`), each mapped to
/// the line's first (full) form.
fn given_name(word: &str) -> String {
    static NAMES: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut map = BTreeMap::new();
        for line in data_lines(include_str!("data/nicknames.txt")) {
            let mut words = line.split(',').map(str::trim).filter(|w| !w.is_empty());
            let Some(head) = words.next() else { continue };
            map.entry(head).or_insert(head);
            for word in words {
                map.entry(word).or_insert(head);
            }
        }
        map
    });
    names
        .get(word)
        .map_or_else(|| word.to_string(), |head| (*head).to_string())
}

/// A person's name split for linking: given name (its full form), surname
/// and generational suffix, from the exact normal form.
fn name_parts(name: &str) -> Option<(String, String, String)> {
    let key = alias_key(name, EntityKind::Person);
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let suffix = match words.last() {
        Some(last) if GENERATIONS.contains(last) && words.len() >= 3 => {
            words.pop().unwrap_or_default().to_string()
        }
        _ => String::new(),
    };
    match words.as_slice() {
        [first, .., last] => Some((given_name(first), (*last).to_string(), suffix)),
        _ => None,
    }
}

/// For each (given name, surname), the generational suffixes the story uses.
fn generational_suffixes(
    keys: &[(String, String)],
) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (kind, name) in keys {
        if kind == "person"
            && let Some((given, surname, suffix)) = name_parts(name)
        {
            out.entry((given, surname)).or_default().insert(suffix);
        }
    }
    out
}

/// The link key of a person's full name: given name (short forms folded:
/// "Chris" is "Christopher") and surname, middle names left out; the
/// suffix counts only when the story has a "Jr." and a "Sr." of the name.
fn person_key(
    name: &str,
    suffixes: &BTreeMap<(String, String), BTreeSet<String>>,
) -> Option<String> {
    let (given, surname, suffix) = name_parts(name)?;
    let used = suffixes.get(&(given.clone(), surname.clone()))?;
    let distinct = used.iter().filter(|s| !s.is_empty()).count();
    Some(if distinct > 1 {
        format!("{given} {surname} {suffix}")
    } else {
        format!("{given} {surname}")
    })
}

/// True when two words differ by one letter added, dropped, changed or two
/// neighbours swapped, and both are long enough for that to be a slip
/// rather than another name (five letters or more).
fn one_slip(a: &str, b: &str) -> bool {
    a != b && a.chars().count() >= 5 && b.chars().count() >= 5 && one_edit(a, b)
}

/// True when two different words are one edit apart (Damerau–Levenshtein
/// distance 1): past their common beginning and end, one letter is
/// changed, added or dropped, or two neighbours are swapped. Linear, where
/// the distance itself is quadratic: surnames are checked pairwise.
fn one_edit(a: &str, b: &str) -> bool {
    // Equal characters have equal lengths, so the byte offsets agree.
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.chars().count(), b.chars().count()) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => a.chars().eq(b.chars().rev()),
        _ => false,
    }
}

/// Links people whose surnames differ by one slip of the keyboard
/// ("Mardis"/"Marids") when their given names are the same name.
fn link_misspelt_people(keys: &[(String, String)], parent: &mut [usize]) {
    let people: Vec<(usize, String, String)> = keys
        .iter()
        .enumerate()
        .filter(|(_, (kind, _))| kind == "person")
        .filter_map(|(i, (_, name))| {
            name_parts(name).map(|(given, surname, _)| (i, given, surname))
        })
        .collect();
    for (x, (i, given_a, surname_a)) in people.iter().enumerate() {
        for (j, given_b, surname_b) in &people[x + 1..] {
            if given_a == given_b && one_slip(surname_a, surname_b) {
                union(parent, *i, *j);
            }
        }
    }
}

/// A person an article names by surname alone ("President Biden", in an
/// article that never gives the first name) is the story's one person of
/// that surname named in full elsewhere ("Joe Biden"). With two such
/// people ("Joe Biden", "Hunter Biden") the surname stays apart.
fn link_surnames(keys: &[(String, String)], parent: &mut [usize]) {
    let surname_key = |name: &str| alias_key(name, EntityKind::Person);
    let mut full_names: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, (kind, name)) in keys.iter().enumerate() {
        let words: Vec<&str> = name.split_whitespace().collect();
        if kind == "person"
            && words.len() >= 2
            && let Some(last) = words.last()
        {
            let root = find(parent, i);
            full_names
                .entry(surname_key(last))
                .or_default()
                .insert(root);
        }
    }
    for (i, (kind, name)) in keys.iter().enumerate() {
        if kind != "person" || name.split_whitespace().count() != 1 {
            continue;
        }
        let key = surname_key(name);
        let exact = full_names.get(&key);
        // A surname alone with a slip ("Ms Waton") is the one person whose
        // surname it misspells.
        let slipped: BTreeSet<usize> = full_names
            .iter()
            .filter(|(surname, _)| one_slip(surname, &key))
            .flat_map(|(_, roots)| roots.iter().copied())
            .collect();
        let Some(roots) = exact.or((!slipped.is_empty()).then_some(&slipped)) else {
            continue;
        };
        // Roots may have merged since they were gathered: count them now.
        let current: BTreeSet<usize> = roots.iter().map(|&root| find(parent, root)).collect();
        if let (1, Some(&only)) = (current.len(), current.first()) {
            union(parent, i, only);
        }
    }
}

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
        .get_or_init(|| data_lines(include_str!("data/organisation_designators.txt")).collect());
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
fn link_organisations(keys: &[(String, String)], parent: &mut [usize]) {
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
            union(parent, pair[0], pair[1]);
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
        let roots: BTreeSet<usize> = candidates.iter().map(|&j| find(parent, j)).collect();
        if let (1, Some(&only)) = (roots.len(), roots.first()) {
            union(parent, *i, only);
        }
    }
}

/// Pairs of (kind, name) forms that two articles put in the same place of
/// a passage they share: between two consecutive shared passages, each
/// article has a short gap holding exactly one name, and the names differ.
fn substitutions(
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
                Some((only.kind.clone(), only.name.clone()))
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
    use crate::compare::tests::{article, entity};

    #[test]
    fn one_edit_is_damerau_levenshtein_distance_one() {
        // Word pairs → one edit apart, checked against the distance itself.
        let cases = [
            ("mardis", "marids", true),
            ("waton", "watson", true),
            ("watson", "waton", true),
            ("smith", "smyth", true),
            ("aab", "aba", true),
            ("aaab", "aab", true),
            ("ab", "ba", true),
            ("abcd", "badc", false),
            ("smith", "smithe", true),
            ("smith", "xsmith", true),
            ("smith", "smiht", true),
            ("smith", "msith", true),
            ("smith", "simth", true),
            ("smith", "stimh", false),
            ("müller", "muller", true),
            ("müller", "mülelr", true),
            ("müller", "mulelr", false),
            ("abc", "cba", false),
            ("abcde", "abdce", true),
            ("abcde", "aecdb", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(one_edit(a, b), expected, "{a} / {b}");
            assert_eq!(
                strsim::damerau_levenshtein(a, b) == 1,
                expected,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn a_surname_alone_is_the_one_person_of_that_name_in_the_story() {
        let mut a = article(1, "President Joe Biden ordered strikes.", vec![]);
        a.extraction.entities = vec![entity(&a.text, "Joe Biden", "person")];
        let mut b = article(2, "President Biden ordered strikes.", vec![]);
        b.extraction.entities = vec![entity(&b.text, "Biden", "person")];
        let groups = compare(&[&a, &b], &[]);
        assert_eq!(groups.len(), 1);
        let texts: Vec<&str> = groups[0].variants.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, vec!["Biden", "Joe Biden"]);
        assert!(groups[0].aliases && !groups[0].spelling_variants);
        // Two people of that surname: the surname alone stays apart.
        let mut c = article(3, "Hunter Biden spoke.", vec![]);
        c.extraction.entities = vec![entity(&c.text, "Hunter Biden", "person")];
        let mut d = article(4, "Joe Biden spoke.", vec![]);
        d.extraction.entities = vec![entity(&d.text, "Joe Biden", "person")];
        let groups = compare(&[&a, &b, &c, &d], &[]);
        assert_eq!(groups.len(), 1);
        let texts: Vec<&str> = groups[0].variants.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, vec!["Joe Biden"]);
    }

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
