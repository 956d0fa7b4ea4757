//! Word lists for the rule-based entity recogniser: general English news
//! vocabulary (titles, organisation cues, street and time words, common
//! sentence starters, frequent given names). Nothing here names a
//! particular article's people or outlets; the lists are general data.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::text::calendar;
use crate::text::words::{WordList, WordSet};

/// Capitalised words that are not names when they start a sentence or
/// stand alone (function words, pronouns, common news nouns and verbs).
pub(crate) static COMMON: WordSet = WordSet::new(include_str!("lexicon/common.txt"));

/// Holidays, seasons and the words of holiday names.
static TIME_WORDS_BEYOND_CALENDAR: WordSet = WordSet::new(include_str!("lexicon/time_words.txt"));

/// Months and weekdays with their abbreviations and the parts of the day
/// (the shared calendar, capitalised), holidays and seasons: never entities.
pub(crate) static TIME_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let capitalised = |word: &str| {
        let mut characters = word.chars();
        characters.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(characters).collect()
        })
    };
    calendar::MONTHS
        .iter()
        .chain(calendar::MONTH_ABBREVIATIONS.iter().map(|(word, _)| word))
        .chain(calendar::WEEKDAYS.iter())
        .chain(calendar::WEEKDAY_ABBREVIATIONS.iter().map(|(word, _)| word))
        .chain(calendar::PARTS_OF_DAY.iter())
        .map(|word| capitalised(word))
        .chain(
            TIME_WORDS_BEYOND_CALENDAR
                .iter()
                .map(|word| word.to_string()),
        )
        .collect()
});

/// Words that only count as time words alongside another time word
/// ("New Year", "Memorial Day"), since alone they may start a name.
pub(crate) static TIME_ONLY_IN_PAIRS: WordSet =
    WordSet::new(include_str!("lexicon/time_only_in_pairs.txt"));

/// Honorifics before a name.
pub(crate) static HONORIFICS: WordSet = WordSet::new(include_str!("lexicon/honorifics.txt"));

/// Core title nouns: a role ends with one of these ("Defence Secretary").
pub(crate) static ROLE_CORE: WordSet = WordSet::new(include_str!("lexicon/role_core.txt"));

/// Words naming an administrative unit: the last word of a place name
/// ("King County"), never of a person's.
pub(crate) static ADMINISTRATIVE_UNITS: WordSet =
    WordSet::new(include_str!("lexicon/administrative_units.txt"));

/// Words that may precede a core title inside a role ("Prime", "Defence",
/// "Police" in "Police Chief").
pub(crate) static ROLE_MODIFIERS: WordSet =
    WordSet::new(include_str!("lexicon/role_modifiers.txt"));

/// Lowercase role words that may directly precede a name
/// ("spokesperson Adrienne Watson", "police chief John Smith").
pub(crate) static LOWER_ROLES: WordSet = WordSet::new(include_str!("lexicon/lower_roles.txt"));

/// Lowercase modifiers allowed before a lowercase role ("police chief").
pub(crate) static LOWER_ROLE_MODIFIERS: WordSet =
    WordSet::new(include_str!("lexicon/lower_role_modifiers.txt"));

/// Lowercase nouns before a name that mark a person without being a title.
pub(crate) static PERSON_CUES_BEFORE: WordSet =
    WordSet::new(include_str!("lexicon/person_cues_before.txt"));

/// Verbs after a name that mark a person (or an organisation) speaking.
pub(crate) static REPORTING_VERBS: WordSet =
    WordSet::new(include_str!("lexicon/reporting_verbs.txt"));

/// Last words of organisation names.
pub(crate) static ORG_SUFFIXES: WordSet = WordSet::new(include_str!("lexicon/org_suffixes.txt"));

/// First words of organisation names followed by "of" ("Ministry of ...").
pub(crate) static ORG_HEADS: WordSet = WordSet::new(include_str!("lexicon/org_heads.txt"));

/// Lowercase nouns right after a name that make it an organisation
/// ("the Hashd coalition", "the IS group").
pub(crate) static ORG_FOLLOWERS: WordSet = WordSet::new(include_str!("lexicon/org_followers.txt"));

/// Squares, plazas and venues that end an address besides the road words.
static STREET_SUFFIXES_BEYOND_ROADS: WordSet =
    WordSet::new(include_str!("lexicon/street_suffixes.txt"));

/// Last words of street names and addresses (not places here): the road
/// words and the squares, plazas and venues.
pub(crate) static STREET_SUFFIXES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    ROAD_SUFFIXES
        .iter()
        .chain(STREET_SUFFIXES_BEYOND_ROADS.iter())
        .copied()
        .collect()
});

/// Facilities whose leading words name the place they are in
/// ("Arbil Air Base" → Arbil).
pub(crate) static FACILITY_SUFFIXES: WordSet =
    WordSet::new(include_str!("lexicon/facility_suffixes.txt"));

/// Last words of natural features and geographic areas: places without
/// a gazetteer entry.
pub(crate) static FEATURE_SUFFIXES: WordSet =
    WordSet::new(include_str!("lexicon/feature_suffixes.txt"));

/// Geographic areas larger than countries, treated as places without a
/// gazetteer entry.
pub(crate) static MACRO_REGIONS: WordList =
    WordList::new(include_str!("lexicon/macro_regions.txt"));

/// Direction words before a place name ("South Los Angeles").
pub(crate) static DIRECTIONS: WordSet = WordSet::new(include_str!("lexicon/directions.txt"));

/// Prepositions after which a capitalised name is likely a location.
pub(crate) static LOCATIVE_PREPOSITIONS: WordSet =
    WordSet::new(include_str!("lexicon/locative_prepositions.txt"));

/// Widely known organisations named by a single word or a fixed phrase
/// without an organisation suffix (general data, not per-article).
pub(crate) static KNOWN_ORGANISATIONS: WordList =
    WordList::new(include_str!("lexicon/known_organisations.txt"));

/// Capitalised pairs and acronyms that look like acronyms but are not
/// organisations.
pub(crate) static NOT_ACRONYMS: WordSet = WordSet::new(include_str!("lexicon/not_acronyms.txt"));

/// Frequent given names across English-language news; a name starting
/// with one of these is taken as a person.
pub(crate) static GIVEN_NAMES: WordSet = WordSet::new(include_str!("lexicon/given_names.txt"));

/// Name particles written in lowercase inside names ("Ludwig van
/// Beethoven", "bin Salman").
pub(crate) static NAME_PARTICLES: WordSet =
    WordSet::new(include_str!("lexicon/name_particles.txt"));

/// Words after a place name in the name of a local institution
/// ("Chicago Police Department", "Cook County Jail").
pub(crate) static LOCAL_INSTITUTIONS: WordSet =
    WordSet::new(include_str!("lexicon/local_institutions.txt"));

/// Lowercase words after a bare name that mark it as a local place
/// ("Memphis police", "a Winchester apartment complex").
pub(crate) static PLACE_FOLLOWERS: WordSet =
    WordSet::new(include_str!("lexicon/place_followers.txt"));

/// Last words of water bodies (places without gazetteer entry).
pub(crate) static WATER_SUFFIXES: WordSet =
    WordSet::new(include_str!("lexicon/water_suffixes.txt"));

/// Street words that never end a gazetteer place name in news use.
pub(crate) static ROAD_SUFFIXES: WordSet = WordSet::new(include_str!("lexicon/road_suffixes.txt"));
