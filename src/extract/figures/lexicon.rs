//! The figures grammar's vocabulary: words that end a counted phrase,
//! predicate verbs and nouns, person and troop nouns, auxiliaries, and the
//! singular lemma of a noun. The lists are data files in `figures/`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Predicate;
use super::numbers::{Kind, Token};
use crate::text::words::{WordList, WordTable};

/// Words that end a counted noun phrase.
pub(super) static PHRASE_STOPS: WordList = WordList::new(include_str!("phrase_stops.txt"));

/// Modifiers allowed before the head even though they look like stops.
pub(super) static LEADING_MODIFIERS: WordList =
    WordList::new(include_str!("leading_modifiers.txt"));

/// Verbs and adjectives that are predicates (they end noun phrases too),
/// each with its predicate.
pub(super) static PREDICATE_WORDS: WordTable = WordTable::new(include_str!("predicate_words.txt"));
/// Counted nouns that are themselves a predicate ("two deaths").
pub(super) static PREDICATE_NOUNS: WordTable = WordTable::new(include_str!("predicate_nouns.txt"));

/// A predicate table by word, for lookups on every token.
pub(super) fn predicate_map(table: &'static WordTable) -> HashMap<&'static str, Predicate> {
    table
        .iter()
        .filter_map(|(word, name)| Some((*word, Predicate::parse(name)?)))
        .collect()
}

pub(super) static PREDICATE_BY_WORD: LazyLock<HashMap<&'static str, Predicate>> =
    LazyLock::new(|| predicate_map(&PREDICATE_WORDS));
pub(super) static PREDICATE_BY_NOUN: LazyLock<HashMap<&'static str, Predicate>> =
    LazyLock::new(|| predicate_map(&PREDICATE_NOUNS));

/// The predicate a verb or adjective states ("killed", "wounded").
pub(super) fn predicate_word(word: &str) -> Option<Predicate> {
    PREDICATE_BY_WORD.get(word).copied()
}

/// The predicate a counted noun states by itself ("two deaths").
pub(super) fn predicate_noun(lemma: &str) -> Option<Predicate> {
    PREDICATE_BY_NOUN.get(lemma).copied()
}

/// Singular nouns naming people: "a man was killed" counts one.
pub(super) static PERSON_NOUNS: WordList = WordList::new(include_str!("person_nouns.txt"));

/// Plural and collective heads that count people.
pub(super) static PERSON_HEADS: WordList = WordList::new(include_str!("person_heads.txt"));
/// Heads that count troops.
pub(super) static TROOP_HEADS: WordList = WordList::new(include_str!("troop_heads.txt"));

/// Person lemmas: the singular person nouns and the plural or collective heads.
pub(super) fn is_person(lemma: &str) -> bool {
    let head = lemma.rsplit(' ').next().unwrap_or(lemma);
    PERSON_NOUNS.contains(&head) || PERSON_HEADS.contains(&head)
}

pub(super) fn is_troop(lemma: &str) -> bool {
    let head = lemma.rsplit(' ').next().unwrap_or(lemma);
    TROOP_HEADS.contains(&head)
}

/// Singular lower-case lemma of a noun; irregular plurals first.
pub(super) fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    let irregular = match lower.as_str() {
        "people" | "persons" => Some("person"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "children" => Some("child"),
        "lives" => Some("life"),
        "police" => Some("police"),
        "personnel" | "staff" | "crew" | "series" | "news" | "species" => None,
        _ => None,
    };
    if let Some(found) = irregular {
        return found.to_string();
    }
    if lower.ends_with("men") && lower.len() > 3 && !lower.ends_with("specimen") {
        return format!("{}man", &lower[..lower.len() - 3]);
    }
    if lower.len() > 4 && lower.ends_with("ies") {
        return format!("{}y", &lower[..lower.len() - 3]);
    }
    for ending in ["sses", "ches", "shes", "xes", "zzes"] {
        if lower.ends_with(ending) {
            return lower[..lower.len() - 2].to_string();
        }
    }
    if lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
    {
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

/// Heads that form a compound with the noun before them ("service member",
/// "police officer", "aid worker").
pub(super) static COMPOUND_HEADS: WordList = WordList::new(include_str!("compound_heads.txt"));

/// Words that may stand between a counted subject and its predicate
/// ("were", "reportedly", "later", "found").
pub(super) static AUXILIARIES: WordList = WordList::new(include_str!("auxiliaries.txt"));

/// Adverbs that make a wound fatal ("fatally shot").
pub(super) static FATAL_ADVERBS: WordList = WordList::new(include_str!("fatal_adverbs.txt"));

/// Determiners before a singular victim. The indefinite ones introduce a
/// new person; the definite and possessive ones refer to one person who,
/// being singular, still counts one ("his 12-year-old brother was shot").
pub(super) static SINGULAR_DETERMINERS: WordList =
    WordList::new(include_str!("singular_determiners.txt"));

/// Verbs whose bare object is a victim: "kills man", "shoots teen".
pub(super) static OBJECT_VERBS: WordList = WordList::new(include_str!("object_verbs.txt"));

/// Present-tense verbs of harm whose subject is the one who harms.
pub(super) static ACTIVE_VERBS: WordList = WordList::new(include_str!("active_verbs.txt"));

pub(super) fn is_adverb(token: &Token) -> bool {
    token.kind == Kind::Word
        && token.lower.len() > 3
        && token.lower.ends_with("ly")
        && !matches!(
            token.lower.as_str(),
            "family" | "only" | "early" | "daily" | "ally" | "italy"
        )
}
