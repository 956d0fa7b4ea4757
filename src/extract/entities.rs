//! Extraction stage: entities — people, organisations, places and groups
//! (nationalities) mentioned in an article, with their spans.
//!
//! There is no statistical model offline, so this is a rule-based
//! recogniser that favours precision: a wrong entity misleads comparison
//! more than a missing one. The text is tokenised once; runs of
//! capitalised words (with name particles such as "al-", "bin", "van",
//! "de" inside) are candidates, and each run is classified by, in order:
//!
//! 1. clean-up: a leading "The", a sentence-initial common word ("Police",
//!    "Following") and time words at the edges ("Christmas Day",
//!    weekdays, months) are removed;
//! 2. organisation cues: a known organisation ("the Pentagon"), an
//!    organisation suffix ("... Forces", "... Department"), "Ministry of";
//! 3. a leading nationality or country before a title ("Iraqi Prime
//!    Minister ...", "US Gen ..."), which becomes its own mention;
//! 4. titles and honorifics: "Defence Secretary Lloyd Austin" is a person
//!    with role "Defence Secretary"; a lowercase title just before the run
//!    ("spokesperson Adrienne Watson") is the role too;
//! 5. places: the gazetteer (`places`), also after a direction word
//!    ("South Los Angeles"), natural features ("Red Sea") and large areas
//!    ("Middle East") without gazetteer entry; nationalities ("Iraqi",
//!    "Palestinians") become groups linked to their country;
//! 6. people: a run with a person cue (a frequent given name, a person
//!    noun before it, an age or a reporting verb after it) or whose last
//!    word recurs alone in the article.
//!
//! A second pass resolves short forms within the article: "Mr Austin",
//! "Gen Austin" and a bare "Austin" take the full name "Lloyd Austin"
//! when exactly one earlier-or-later full name ends with it; an acronym
//! defined in parentheses ("Popular Mobilisation Forces (PMF)") takes
//! the full name. Bare single words become places only with support (a
//! preposition before, a qualifier after, an administrative or large
//! place, or a region named elsewhere in the article).
//!
//! An organisation whose name starts with a gazetteer place carries that
//! place ("Memphis Police Department" → Memphis); used as a local place it
//! prefers the outlet's country ("Rome Police" in a US paper is Rome, Ga.).
//!
//! Street addresses ("West 89th Street") and venues are deliberately not
//! mentions: they are not gazetteer places and their inner names mislead
//! ("Springfield Avenue" is not in Springfield). A facility named after a
//! place ("Arbil Air Base") yields the place.
//!
//! Not handled: coordinated titles ("Presidents X and Y"), appositive roles
//! after a name ("X, head of Y"), single-word organisations that are not
//! in the small known list and carry no cue.

mod keys;
mod lexicon;
mod people;
mod place_names;
mod recogniser;
mod resolution;
mod runs;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use serde::Serialize;

pub use crate::extract::items::EntityKind;
pub(crate) use keys::is_acronym_of;
pub use keys::{alias_key, fuzzy_key, same_entity};

use super::places::{self, PlaceKind, PlaceRef};
use crate::text::words::WordList;
use recogniser::Recogniser;
use runs::{find_runs, tokenize};

/// Names the text gives to parts of a city, lower-cased: a definite
/// phrase ending in a word for one ("the Austin neighborhood", "Chicago's
/// West Englewood neighborhood", "the Germantown section of Philadelphia",
/// "the Englewood community area"). A part of a city often shares a town's
/// name — a large one far away, or a small one nearby — and is no reading
/// of that town. "A Raleigh neighborhood" is a part of the named city, so
/// an indefinite phrase names none.
pub(crate) fn city_part_names(text: &str) -> BTreeSet<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |word: &str| {
        word.trim_matches(|character: char| !character.is_alphanumeric())
            .to_lowercase()
    };
    let mut names = BTreeSet::new();
    for (index, word) in words.iter().enumerate() {
        let part_word = CITY_PART_WORDS.contains(&bare(word).as_str())
            || (bare(word) == "community"
                && words
                    .get(index + 1)
                    .is_some_and(|next| bare(next) == "area"));
        if !part_word {
            continue;
        }
        // The capitalised words right before, up to a determiner.
        let mut first = index;
        while first > 0 && index - first < 3 {
            let previous = words[first - 1];
            let capitalised = previous.chars().next().is_some_and(char::is_uppercase);
            let clean = previous
                .chars()
                .all(|character| character.is_alphabetic() || character == '-' || character == '.');
            if !(capitalised && clean) || previous.eq_ignore_ascii_case("the") {
                break;
            }
            first -= 1;
        }
        if first == index || first == 0 {
            continue;
        }
        let determiner = words[first - 1];
        let definite = determiner.eq_ignore_ascii_case("the")
            || determiner.ends_with("'s")
            || determiner.ends_with("’s");
        if definite {
            names.insert(
                words[first..index]
                    .iter()
                    .map(|word| bare(word))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    names
}

/// True when `name` is a city part the document names: the same name, or
/// the last words of one ("Englewood" for "West Englewood") unless those
/// are a large city's name ("Chicago" in "the South Chicago neighborhood").
fn is_city_part(name: &str, city_parts: &BTreeSet<String>) -> bool {
    // Most documents name none: no lower-casing per place mention then.
    if city_parts.is_empty() {
        return false;
    }
    let name = name.to_lowercase();
    city_parts.iter().any(|part| {
        part == &name
            || (part
                .strip_suffix(name.as_str())
                .is_some_and(|rest| rest.ends_with(' '))
                && !places::is_prominent_name(&name))
    })
}

/// Words that may stand between a preposition and a place name.
static PLACE_ADJECTIVES: WordList = WordList::new(include_str!("entities/place_adjectives.txt"));

/// Words after a name that make it a part of a city rather than a town.
static CITY_PART_WORDS: WordList = WordList::new(include_str!("entities/city_part_words.txt"));

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityMention {
    /// Byte range of the name as written (with honorific, without title).
    pub range: Range<usize>,
    pub kind: EntityKind,
    /// Canonical form within this article (the full name for short forms).
    pub name: String,
    pub role: Option<String>,
    pub role_range: Option<Range<usize>>,
    /// Gazetteer place for places, the country for groups, and for an
    /// organisation named after a place ("Chicago Police Department") that
    /// place.
    pub place: Option<PlaceRef>,
}

impl EntityMention {
    /// A mention without a role or a place.
    pub fn named(range: Range<usize>, kind: EntityKind, name: String) -> EntityMention {
        EntityMention {
            range,
            kind,
            name,
            role: None,
            role_range: None,
            place: None,
        }
    }
}

/// Finds entity mentions in `text`, sorted by start. `sentences` are the
/// sentence ranges (sentence-initial capitals are not names by
/// themselves); `region_hint` is the outlet's country code, if known.
pub fn extract(
    text: &str,
    sentences: &[Range<usize>],
    region_hint: Option<&str>,
) -> Vec<EntityMention> {
    extract_in(
        text,
        sentences,
        region_hint,
        &places::DocumentPlaces::default(),
    )
}

/// [`extract`] for a text whose document names places elsewhere (the
/// headline's or page title's, or the body's for the headline): a region
/// named there weighs as much as one the text names itself, and a large
/// city named there anchors the text's small towns.
pub fn extract_in(
    text: &str,
    sentences: &[Range<usize>],
    region_hint: Option<&str>,
    document: &places::DocumentPlaces,
) -> Vec<EntityMention> {
    let tokens = tokenize(text, sentences);
    let lowercase_words: HashSet<&str> = tokens
        .iter()
        .map(|token| &text[token.start..token.end])
        .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut recogniser = Recogniser {
        text,
        tokens: &tokens,
        lowercase_words,
        drafts: Vec::new(),
        acronyms: BTreeMap::new(),
        consumed: BTreeSet::new(),
    };
    for run in find_runs(text, &tokens) {
        recogniser.classify_run(&run);
    }
    recogniser.finish(region_hint, document)
}

#[cfg(test)]
mod tests;
