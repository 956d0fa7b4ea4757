//! Bylines read into names: the common forms ("By Jane Doe and John Roe",
//! "Jane Doe, Staff Writer") become people, anything else stays whole as a
//! literal name.

use super::Name;
use crate::text::words::WordSet;

/// Words that make a byline part an organisation or a role, not a person.
static ORGANISATION_WORDS: WordSet = WordSet::new(include_str!("organisation_words.txt"));

/// The names of a byline: "By " dropped, split at "and", "&" and ";", and
/// in each part what follows a comma (a role, an outlet) left out. A part
/// of two to four capitalised words is a person (family name last);
/// anything else is kept whole as a literal name.
pub fn authors(byline: &str) -> Vec<Name> {
    let trimmed = byline.trim();
    let without_by = ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| trimmed.strip_prefix(by))
        .unwrap_or(trimmed);
    let mut names = Vec::new();
    for part in without_by
        .split(';')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split('&'))
    {
        let name = part.split(',').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        let personal = (2..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !words
                .iter()
                .any(|w| ORGANISATION_WORDS.contains(w.to_lowercase().as_str()));
        match words.split_last() {
            Some((family, given)) if personal => names.push(Name::Person {
                family: (*family).to_string(),
                given: given.join(" "),
            }),
            _ => names.push(Name::Literal(words.join(" "))),
        }
    }
    names
}
