//! The word lists participants are read with, loaded once from `data/`:
//! condition phrases and their ranks, offences, charge cues, victim-of
//! words, person nouns, attribution cues and role cues. Separate so the
//! readings stay rules and the words stay data; `injuries`, `figures` and
//! `unique` read some of them too.

use std::sync::{LazyLock, OnceLock};

use crate::compare::reading::data_lines;

/// A condition phrase's class rank: 4 dead, 3 critical, 2 serious, 1 stable, 0 minor.
pub(in crate::compare) fn condition_rank(class: &str) -> u8 {
    match class {
        "dead" => 4,
        "critical" => 3,
        "serious" => 2,
        "stable" => 1,
        _ => 0,
    }
}

/// The condition phrases of `data/conditions.txt` with their classes,
/// longest first.
fn condition_phrases() -> &'static [(Vec<&'static str>, &'static str)] {
    static CONDITIONS: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
    CONDITIONS.get_or_init(|| {
        let mut out: Vec<(Vec<&'static str>, &'static str)> =
            data_lines(include_str!("../data/conditions.txt"))
                .filter_map(|line| {
                    let (phrase, class) = line.split_once('\t')?;
                    Some((phrase.split_whitespace().collect(), class.trim()))
                })
                .collect();
        out.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        out
    })
}

/// The longest condition phrase starting at word `at`, with its class.
pub(in crate::compare) fn condition_at(
    words: &[(String, usize, usize)],
    at: usize,
) -> Option<&'static (Vec<&'static str>, &'static str)> {
    condition_phrases().iter().find(|(phrase, _)| {
        words.len() >= at + phrase.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(k, w)| words[at + k].0 == *w)
    })
}

pub(super) fn offences() -> &'static [Vec<&'static str>] {
    static OFFENCES: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    OFFENCES.get_or_init(|| {
        let mut out: Vec<Vec<&'static str>> = data_lines(include_str!("../data/offences.txt"))
            .map(|line| line.split_whitespace().collect())
            .collect();
        out.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
        out
    })
}

/// Word lists of this module, loaded once from `data/`.
pub(super) struct Lists {
    pub(super) charge_cues: Vec<Vec<&'static str>>,
    pub(super) victim_of: Vec<&'static str>,
    pub(super) person_nouns: Vec<&'static str>,
    pub(super) attribution_cues: Vec<&'static str>,
    /// (role, cue words); `official` holds title words.
    roles: Vec<(&'static str, Vec<&'static str>)>,
}

/// Words that make the person beside them a statement's source.
pub(in crate::compare) fn attribution_cues() -> &'static [&'static str] {
    &lists().attribution_cues
}

pub(super) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        charge_cues: data_lines(include_str!("../data/charge_cues.txt"))
            .map(|line| line.split_whitespace().collect())
            .collect(),
        victim_of: data_lines(include_str!("../data/victim_of.txt")).collect(),
        person_nouns: data_lines(include_str!("../data/person_nouns.txt")).collect(),
        attribution_cues: data_lines(include_str!("../data/attribution_cues.txt")).collect(),
        roles: data_lines(include_str!("../data/roles.txt"))
            .filter_map(|line| {
                let (role, cues) = line.split_once(':')?;
                Some((
                    role.trim(),
                    cues.split(',')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .collect(),
                ))
            })
            .collect(),
    })
}

pub(super) fn role_cues(role: &str) -> &'static [&'static str] {
    lists()
        .roles
        .iter()
        .find(|(r, _)| *r == role)
        .map_or(&[], |(_, cues)| cues.as_slice())
}

/// Adverbs of a condition that modify the verb after them: the person is
/// that verb's subject when a form of "be" comes before ("was critically
/// wounded"), else its object ("critically wounding his father").
/// (`data/condition_adverbs.txt`)
pub(in crate::compare) static CONDITION_ADVERBS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/condition_adverbs.txt")).collect());
/// (`data/be_forms.txt`)
pub(in crate::compare) static BE: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/be_forms.txt")).collect());
