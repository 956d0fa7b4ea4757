//! The article's cast: the people it names, with what attribution needs to
//! know about each — the pronoun they take, the roles the article gives
//! them, and which full name a bare surname stands for.
//!
//! Pronouns are resolved by agreement, so a wrong gender is worse than none:
//! it excludes the right person. A gender is read only from the article
//! itself or from a given name that is not shared between genders — an
//! honorific ("Mr", "Ms"), a gendered role ("spokeswoman", "his mother,
//! Jane Doe"), the first word of the name, or "X said she …" — and evidence
//! pointing both ways leaves it unknown.
//!
//! Roles let "the chief said" and "according to the US Defence Secretary"
//! name the person the article gives that role to. They come from the title
//! the entity stage read before a name ("Police Chief Jane Smith"), a
//! lowercase role or kinship noun right before it ("spokeswoman Adrienne
//! Watson", "her son Dewaun"), an apposition after it ("Kiran Patel, manager
//! of the motel,") or before it ("His father, Mike Jones,"). Names inside
//! quotations are what a speaker talks about and give no evidence.

use std::collections::BTreeSet;
use std::ops::Range;

use super::PersonRef;
use super::lexicon::{DETERMINERS, GIVEN_NAMES, PERSON_NOUNS, ROLE_ABBREVIATIONS, TITLES};

/// The pronoun a person takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Reads `m` or `f` from a word list's value.
    pub(super) fn from_code(code: &str) -> Option<Gender> {
        match code {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }

    /// The gender a third-person pronoun ("he", "his", "she", "her") fixes.
    pub(super) fn of_pronoun(word: &str) -> Option<Gender> {
        match word.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A role as a set of normalised words with its head noun ("police chief":
/// head "chief", words {police, chief}).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Role {
    pub head: String,
    pub words: BTreeSet<String>,
    /// The pronoun the role's words fix ("spokeswoman", "mother"), read
    /// before normalisation merges "spokeswoman" into "spokesperson".
    pub gender: Option<Gender>,
}

impl Role {
    /// Reads a role phrase: lowercased, abbreviations expanded, the head
    /// being the last person noun or title before a preposition ("manager
    /// of the motel" → manager). `None` when no word names a role.
    pub(super) fn read(phrase: &str) -> Option<Role> {
        let gender = phrase
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|word| {
                word.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .find_map(|word| PERSON_NOUNS.value(&word).and_then(Gender::from_code));
        let words: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(normalise_role_word)
            .filter(|word| !word.is_empty())
            .collect();
        let before_preposition = words
            .iter()
            .position(|word| matches!(word.as_str(), "of" | "for" | "at" | "with" | "from" | "in"))
            .unwrap_or(words.len());
        let head = words[..before_preposition]
            .iter()
            .rev()
            .find(|word| is_role_noun(word))?
            .clone();
        Some(Role {
            head,
            words: words.into_iter().collect(),
            gender,
        })
    }
}

/// Lowercase, possessive and full stop removed, abbreviation expanded;
/// gendered office words share one head ("spokeswoman" → "spokesperson").
pub(super) fn normalise_role_word(word: &str) -> String {
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches('.')
        .to_lowercase();
    match ROLE_ABBREVIATIONS.value(&lower) {
        Some(full) => full.to_string(),
        None => lower,
    }
}

/// A noun naming one person's role: a person noun or a title.
pub(super) fn is_role_noun(word: &str) -> bool {
    (PERSON_NOUNS.contains(word) || TITLES.contains(word)) && !is_honorific(word)
}

fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "miss" | "dr"
    )
}

/// One person of the article.
#[derive(Debug, Clone)]
pub(super) struct Member {
    /// Canonical name (the entity stage's full form).
    pub name: String,
    pub gender: Option<Gender>,
    pub roles: Vec<Role>,
    /// Where the article names this person outside quotations, sorted.
    pub mentions: Vec<Range<usize>>,
}

/// The people of one article.
#[derive(Debug, Default)]
pub(super) struct Cast {
    pub members: Vec<Member>,
    /// For each entry of the people handed in, its member (persons only).
    by_person: Vec<Option<usize>>,
}

/// Evidence for one member's gender, counted both ways.
#[derive(Default, Clone, Copy)]
struct GenderVotes {
    male: bool,
    female: bool,
}

impl GenderVotes {
    fn add(&mut self, gender: Option<Gender>) {
        match gender {
            Some(Gender::Male) => self.male = true,
            Some(Gender::Female) => self.female = true,
            None => {}
        }
    }

    fn result(self) -> Option<Gender> {
        match (self.male, self.female) {
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            _ => None,
        }
    }
}

impl Cast {
    /// Builds the cast from the person mentions of `text`; `quoted` are the
    /// quotations' spans (with marks), sorted.
    pub(super) fn build(text: &str, people: &[PersonRef], quoted: &[Range<usize>]) -> Cast {
        let inside_quotation = |range: &Range<usize>| {
            quoted
                .iter()
                .any(|quote| quote.start <= range.start && range.end <= quote.end)
        };
        let mut cast = Cast::default();
        let mut votes: Vec<GenderVotes> = Vec::new();
        for person in people {
            if !person.is_person || inside_quotation(&person.range) {
                cast.by_person.push(None);
                continue;
            }
            let index = match cast
                .members
                .iter()
                .position(|member| member.name == person.name)
            {
                Some(index) => index,
                None => {
                    cast.members.push(Member {
                        name: person.name.clone(),
                        gender: None,
                        roles: Vec::new(),
                        mentions: Vec::new(),
                    });
                    votes.push(GenderVotes::default());
                    cast.members.len() - 1
                }
            };
            cast.by_person.push(Some(index));
            let member = &mut cast.members[index];
            member.mentions.push(person.range.clone());
            let mut roles = Vec::new();
            if let Some(role) = person.role.as_deref().and_then(Role::read) {
                roles.push(role);
            }
            roles.extend(role_before(text, &person.range));
            roles.extend(apposition_after(text, &person.range));
            for role in roles {
                votes[index].add(role.gender);
                if !member.roles.contains(&role) {
                    member.roles.push(role);
                }
            }
            votes[index].add(honorific_gender(text, person));
            votes[index].add(pronoun_after_speech(text, &person.range));
        }
        for (member, vote) in cast.members.iter_mut().zip(&mut votes) {
            vote.add(given_name_gender(&member.name));
            member.gender = vote.result();
            member.mentions.sort_by_key(|range| range.start);
        }
        cast
    }

    /// The member a person mention (by its index in the people handed in)
    /// belongs to.
    pub(super) fn member_of(&self, person_index: usize) -> Option<usize> {
        self.by_person.get(person_index).copied().flatten()
    }

    /// The members whose full name ends with the one-word name `surname`
    /// ("Grant" → "Precious Grant", "Matrise Grant").
    pub(super) fn full_names_for(&self, surname: &str) -> Vec<usize> {
        if surname.split_whitespace().count() != 1 {
            return Vec::new();
        }
        (0..self.members.len())
            .filter(|&index| {
                let name = &self.members[index].name;
                name.split_whitespace().count() > 1
                    && name
                        .rsplit(char::is_whitespace)
                        .next()
                        .is_some_and(|last| last == surname)
            })
            .collect()
    }

    /// Members holding a role whose head is `role.head` and whose words
    /// include every qualifier of `role` ("fire" in "fire chief").
    pub(super) fn holders(&self, role: &Role, qualifiers: &BTreeSet<String>) -> Vec<usize> {
        let gender = role.gender;
        (0..self.members.len())
            .filter(|&index| {
                let member = &self.members[index];
                let agrees = match (gender, member.gender) {
                    (Some(wanted), Some(known)) => wanted == known,
                    _ => true,
                };
                agrees
                    && member.roles.iter().any(|held| {
                        held.head == role.head
                            && qualifiers.iter().all(|word| held.words.contains(word))
                    })
            })
            .collect()
    }
}

/// "Mr Austin", "Ms. Watson": the honorific inside the mention or right
/// before it.
fn honorific_gender(text: &str, person: &PersonRef) -> Option<Gender> {
    let before = &text[..person.range.start];
    let previous = before.split_whitespace().next_back().unwrap_or("");
    let first = text[person.range.clone()]
        .split_whitespace()
        .next()
        .unwrap_or("");
    [first, previous].into_iter().find_map(|word| {
        match word.trim_end_matches('.').to_lowercase().as_str() {
            "mr" | "mister" | "sir" => Some(Gender::Male),
            "mrs" | "ms" | "miss" | "madam" => Some(Gender::Female),
            _ => None,
        }
    })
}

/// The first word of the name, when it is a given name of one gender.
fn given_name_gender(name: &str) -> Option<Gender> {
    let first = name
        .split_whitespace()
        .find(|word| !TITLES.contains(word.trim_end_matches('.')))?;
    GIVEN_NAMES.value(first).and_then(Gender::from_code)
}

/// "Malone said she …", "Jones told police he …": the subject pronoun of
/// what a person said is most often that person.
fn pronoun_after_speech(text: &str, range: &Range<usize>) -> Option<Gender> {
    let after = text.get(range.end..)?;
    let mut words = after
        .split_whitespace()
        .take(4)
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()));
    let verb = words.next()?;
    if !matches!(verb, "said" | "says" | "told") {
        return None;
    }
    let mut next = words.next()?;
    if verb == "told" {
        // "told police he": skip the listener.
        next = words.next()?;
    }
    if next == "that" {
        next = words.next()?;
    }
    if matches!(next, "he" | "she") {
        Gender::of_pronoun(next)
    } else {
        None
    }
}

/// "spokeswoman Adrienne Watson", "her son Dewaun", "His father, Mike
/// Jones": lowercase role or kinship words right before the name, up to a
/// determiner, possessive or the sentence start.
fn role_before(text: &str, range: &Range<usize>) -> Option<Role> {
    let before = text.get(..range.start)?;
    let line_start = before
        .char_indices()
        .rev()
        .find(|(_, character)| matches!(character, '\n' | '.' | ';' | '“' | '"'))
        .map_or(0, |(at, character)| at + character.len_utf8());
    let mut stretch = before[line_start..].trim_end();
    stretch = stretch.strip_suffix(',').unwrap_or(stretch).trim_end();
    let words: Vec<&str> = stretch.split_whitespace().collect();
    let mut role_words = Vec::new();
    for word in words.iter().rev().take(4) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let lower = bare.to_lowercase();
        if DETERMINERS.contains(&lower) || bare.is_empty() {
            break;
        }
        if bare.chars().next().is_some_and(char::is_uppercase) && role_words.is_empty() {
            // A capitalised title is the entity stage's role, read already.
            return None;
        }
        role_words.push(lower);
        if word.ends_with("'s") || word.ends_with("’s") {
            break;
        }
    }
    role_words.reverse();
    let last = role_words.last()?;
    if !PERSON_NOUNS.contains(last) {
        return None;
    }
    Role::read(&role_words.join(" "))
}

/// "Kiran Patel, manager of the motel," / "Precious Grant, Milajha's aunt,":
/// an apposition right after the name that names a role.
fn apposition_after(text: &str, range: &Range<usize>) -> Option<Role> {
    let after = text.get(range.end..)?;
    let rest = after.strip_prefix(',')?;
    let end = rest
        .find([',', '.', ';', '\n', '“', '"', '(', ')'])
        .unwrap_or(rest.len());
    let apposition = rest[..end].trim();
    let words: Vec<&str> = apposition.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 {
        return None;
    }
    // A role apposition opens with a determiner, a possessive or a role
    // noun; "said", "who" or a new name do not make one.
    let first = words[0];
    let opens = DETERMINERS.contains(first)
        || first.ends_with("'s")
        || first.ends_with("’s")
        || is_role_noun(&normalise_role_word(first))
        || first.chars().next().is_some_and(char::is_uppercase);
    if !opens {
        return None;
    }
    // A capitalised opening may be the next name of a list ("Tom Brown,
    // Sgt. Jane Doe and …"): the role noun must then be written lowercase
    // ("TBI spokesman").
    let lowercase_role = words.iter().any(|word| {
        word.chars().next().is_some_and(char::is_lowercase)
            && is_role_noun(&normalise_role_word(word))
    });
    if first.chars().next().is_some_and(char::is_uppercase) && !lowercase_role {
        return None;
    }
    Role::read(apposition)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> PersonRef {
        let start = text.find(name).unwrap_or(0);
        PersonRef {
            range: start..start + name.len(),
            name: name.to_string(),
            is_person: true,
            role: None,
        }
    }

    #[test]
    fn genders_and_roles_from_the_article() {
        let text = "Police spokeswoman Lena Park said Kiran Patel, manager of the motel, was hurt. \
                    His father, Mike Jones, arrived. Jordan Lee said she saw it. Mr Brown left.";
        let people = [
            person(text, "Lena Park"),
            person(text, "Kiran Patel"),
            person(text, "Mike Jones"),
            person(text, "Jordan Lee"),
            person(text, "Brown"),
        ];
        let cast = Cast::build(text, &people, &[]);
        let gender = |name: &str| {
            cast.members
                .iter()
                .find(|member| member.name == name)
                .and_then(|member| member.gender)
        };
        assert_eq!(gender("Lena Park"), Some(Gender::Female));
        assert_eq!(gender("Kiran Patel"), None);
        assert_eq!(gender("Mike Jones"), Some(Gender::Male));
        assert_eq!(gender("Jordan Lee"), Some(Gender::Female));
        assert_eq!(gender("Brown"), Some(Gender::Male));
        let heads = |name: &str| -> Vec<String> {
            cast.members
                .iter()
                .find(|member| member.name == name)
                .map(|member| member.roles.iter().map(|role| role.head.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(heads("Lena Park"), ["spokesperson"]);
        assert_eq!(heads("Kiran Patel"), ["manager"]);
        assert_eq!(heads("Mike Jones"), ["father"]);
    }
}
