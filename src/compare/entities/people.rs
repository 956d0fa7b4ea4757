//! How two names of people are found to be one person: given names with
//! their short forms folded (`data/nicknames.txt`: "Chris" is
//! "Christopher"), a "Jr." kept apart from a "Sr.", surnames one slip of
//! the keyboard apart, and a surname alone given to the story's one person
//! of that surname. Separate because these rules hold for people only.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{LazyLock, OnceLock};

use crate::compare::reading::data_lines;
use crate::compare::sets::DisjointSets;
use crate::extract::entities::{EntityKind, alias_key};
use crate::text::spelling::one_slip;

/// Generational suffixes that tell a father from a son.
/// (`data/generations.txt`)
static GENERATIONS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/generations.txt")).collect());

/// The short forms of given names (`data/nicknames.txt`), each mapped to
/// the line's first (full) form.
fn given_name(word: &str) -> String {
    static NAMES: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let mut map = BTreeMap::new();
        for line in data_lines(include_str!("../data/nicknames.txt")) {
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
pub(super) fn generational_suffixes(
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
pub(super) fn person_key(
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

/// Links people whose surnames differ by one slip of the keyboard
/// ("Mardis"/"Marids") when their given names are the same name.
pub(super) fn link_misspelt_people(keys: &[(String, String)], sets: &mut DisjointSets) {
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
                sets.union(*i, *j);
            }
        }
    }
}

/// A person an article names by surname alone ("President Biden", in an
/// article that never gives the first name) is the story's one person of
/// that surname named in full elsewhere ("Joe Biden"). With two such
/// people ("Joe Biden", "Hunter Biden") the surname stays apart.
pub(super) fn link_surnames(keys: &[(String, String)], sets: &mut DisjointSets) {
    let surname_key = |name: &str| alias_key(name, EntityKind::Person);
    let mut full_names: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, (kind, name)) in keys.iter().enumerate() {
        let words: Vec<&str> = name.split_whitespace().collect();
        if kind == "person"
            && words.len() >= 2
            && let Some(last) = words.last()
        {
            let root = sets.find(i);
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
        let current: BTreeSet<usize> = roots.iter().map(|&root| sets.find(root)).collect();
        if let (1, Some(&only)) = (current.len(), current.first()) {
            sets.union(i, only);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compare::entities::compare;
    use crate::compare::tests::{article, entity};

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
}
