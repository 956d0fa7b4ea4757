//! What a figure counts: its role (killed, wounded, shot, hospitalised,
//! arrested, …) read from the extraction's predicate and the words beside
//! the number, and its family (`data/families.txt`). Separate from the
//! comparison because it reads one figure in one report, and both event and
//! background counts are keyed by it.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use crate::compare::reading::{Reading, data_lines};
use crate::extract::items::{Field, FigureItem, Predicate};

/// What happened to what a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Dead.
    Killed,
    /// Hurt and alive ("wounded", "injured").
    Wounded,
    /// Hit by gunfire, dead or alive ("shot").
    Shot,
    /// Taken to hospital.
    Hospitalised,
    /// Arrested, detained, charged.
    Arrested,
    /// Missing.
    Missing,
    /// Driven from their homes.
    Displaced,
    /// Sites or things hit.
    Struck,
    /// Troops present.
    Stationed,
    /// Attacks themselves.
    Attacks,
}

impl Role {
    /// The word shown for the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Killed => "killed",
            Role::Wounded => "wounded",
            Role::Shot => "shot",
            Role::Hospitalised => "hospitalised",
            Role::Arrested => "arrested",
            Role::Missing => "missing",
            Role::Displaced => "displaced",
            Role::Struck => "struck",
            Role::Stationed => "stationed",
            Role::Attacks => "attacks",
        }
    }
}

/// Words after (or before) an injury count that say the people were hit by
/// gunfire — a count that holds the dead as well — or taken to hospital.
/// (`data/shot_words.txt`)
static SHOT_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/shot_words.txt")).collect());
/// (`data/hospital_words.txt`)
static HOSPITAL_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/hospital_words.txt")).collect());
/// (`data/injury_words.txt`)
static INJURY_WORDS: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("../data/injury_words.txt")).collect());

/// The family of what a figure counts (`data/families.txt`).
pub fn family(counted: Option<&str>) -> String {
    static FAMILIES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let families = FAMILIES.get_or_init(|| {
        let mut map = HashMap::new();
        for line in data_lines(include_str!("../data/families.txt")) {
            let mut words = line.split(',').map(str::trim).filter(|w| !w.is_empty());
            let Some(head) = words.next() else { continue };
            map.insert(head, head);
            for word in words {
                map.entry(word).or_insert(head);
            }
        }
        map
    });
    let Some(counted) = counted else {
        return "people".into();
    };
    let last = counted.rsplit(' ').next().unwrap_or(counted);
    families
        .get(counted)
        .or_else(|| families.get(last))
        .map_or_else(|| counted.to_string(), |f| (*f).to_string())
}

/// The role of a figure, reading its predicate word where the extraction's
/// predicate ("injured") does not tell wounded from shot.
pub(super) fn role_of(reading: &Reading<'_>, figure: &FigureItem) -> Option<Role> {
    let role = match figure.predicate? {
        Predicate::Killed => Role::Killed,
        Predicate::Arrested => Role::Arrested,
        Predicate::Missing => Role::Missing,
        Predicate::Displaced => Role::Displaced,
        Predicate::Struck => Role::Struck,
        Predicate::Stationed => Role::Stationed,
        Predicate::Attacks => Role::Attacks,
        Predicate::Injured => Role::Wounded,
        Predicate::Other => return None,
    };
    if role != Role::Wounded {
        return Some(role);
    }
    if figure.anchor.field == Field::Title {
        // A headline's count ("Five shot at cookout"): its next words.
        let title = reading.document.title.as_deref().unwrap_or("");
        let after = crate::compare::char_slice(title, figure.anchor.end, figure.anchor.end + 40);
        let shot = after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| SHOT_WORDS.contains(&w.to_lowercase().as_str()));
        return Some(if shot { Role::Shot } else { Role::Wounded });
    }
    if figure.anchor.field != Field::Text {
        return Some(role);
    }
    let sentence = reading.sentence_of(figure.anchor.start, figure.anchor.end)?;
    let words = &reading.sentences[sentence].words;
    let after = words.iter().filter(|w| w.1 >= figure.anchor.end).take(6);
    let before = words
        .iter()
        .rev()
        .filter(|w| w.2 <= figure.anchor.start)
        .take(3);
    for (word, _, _) in after.chain(before) {
        if SHOT_WORDS.contains(&word.as_str()) {
            return Some(Role::Shot);
        }
        if HOSPITAL_WORDS.contains(&word.as_str()) {
            return Some(Role::Hospitalised);
        }
        if INJURY_WORDS.contains(&word.as_str()) {
            return Some(Role::Wounded);
        }
    }
    Some(Role::Wounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_group_what_counts_count() {
        assert_eq!(family(Some("service member")), "military");
        assert_eq!(family(Some("troop")), "military");
        assert_eq!(family(Some("civilian")), "people");
        assert_eq!(family(Some("facility")), "site");
        assert_eq!(family(None), "people");
        assert_eq!(family(Some("drone")), "drone");
    }
}
