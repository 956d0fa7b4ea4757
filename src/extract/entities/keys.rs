//! Keys for merging spelling variants of one entity across the archive.
//!
//! `alias_key` is an exact normal form (case, accents, punctuation, a
//! leading "the"). `fuzzy_key` is a transliteration fingerprint: Arabic,
//! Persian and Kurdish names reach English with unstable vowels and
//! doubled consonants ("Kataeb"/"Kataib", "Hashed"/"Hashd", "Arbil"/
//! "Erbil", "al-Shaabi"/"al-Shabi"), while their consonant skeleton is
//! stable. The rule, applied to each word of the alias key:
//!
//! 1. fold q→k, c→k (before a, o, u, k or at the end), ph→f;
//! 2. an initial vowel becomes `a` (Arbil/Erbil/Irbil share it);
//! 3. every later vowel (a e i o u y) is dropped;
//! 4. doubled letters collapse ("Shaabi", "Mohammed");
//! 5. the article particles "al"/"el" are dropped as words.
//!
//! Such a fingerprint merges short Western names too freely ("Dan"/"Don"
//! both give "dn"), so `same_entity` only accepts a fingerprint match when
//! every differing word is at least five letters long (seven for people,
//! whose given names differ by one vowel: "Jason"/"Jayson").

use super::EntityKind;

/// Exact normal form: deunicode, lowercase, punctuation dropped (hyphens
/// and apostrophes become spaces or vanish), a leading "the" dropped,
/// whitespace collapsed.
/// The kind is part of the signature so kinds can diverge later; today
/// every kind folds the same way.
pub fn alias_key(name: &str, _kind: EntityKind) -> String {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut cleaned = String::with_capacity(ascii.len());
    for character in ascii.chars() {
        if character.is_ascii_alphanumeric() {
            cleaned.push(character);
        } else if character == '\'' || character == '.' {
            // "O'Brien" → "obrien", "U.S." → "us".
        } else {
            cleaned.push(' ');
        }
    }
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    if words.len() > 1 && words.first() == Some(&"the") {
        words.remove(0);
    }
    words.join(" ")
}

/// Transliteration fingerprint (see the module doc).
pub fn fuzzy_key(name: &str) -> String {
    let alias = alias_key(name, EntityKind::Organisation);
    let mut words = Vec::new();
    for word in alias.split(' ') {
        if word == "al" || word == "el" || word.is_empty() {
            continue;
        }
        words.push(fingerprint_word(word));
    }
    words.join(" ")
}

fn is_vowel(character: char) -> bool {
    matches!(character, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn fingerprint_word(word: &str) -> String {
    let characters: Vec<char> = word.chars().collect();
    let mut folded: Vec<char> = Vec::with_capacity(characters.len());
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        let next = characters.get(index + 1).copied();
        match (character, next) {
            ('p', Some('h')) => {
                folded.push('f');
                index += 2;
                continue;
            }
            ('q', _) => folded.push('k'),
            ('c', next) if next.is_none_or(|next| matches!(next, 'a' | 'o' | 'u' | 'k')) => {
                folded.push('k')
            }
            (other, _) => folded.push(other),
        }
        index += 1;
    }
    let mut result = String::with_capacity(folded.len());
    let mut previous: Option<char> = None;
    for (position, character) in folded.iter().copied().enumerate() {
        let output = if position == 0 {
            if is_vowel(character) && character != 'y' {
                'a'
            } else {
                character
            }
        } else if is_vowel(character) {
            continue;
        } else {
            character
        };
        if previous == Some(output) {
            continue;
        }
        result.push(output);
        previous = Some(output);
    }
    result
}

/// Why two names plausibly denote the same entity of kind `kind`, or
/// `None`. Conservative: people need matching surnames and given names
/// that agree beyond vowels in short words.
pub fn same_entity(left: &str, right: &str, kind: EntityKind) -> Option<&'static str> {
    let left_alias = alias_key(left, kind);
    let right_alias = alias_key(right, kind);
    if left_alias.is_empty() || right_alias.is_empty() {
        return None;
    }
    if left_alias == right_alias {
        return Some("same alias key");
    }
    if matches!(kind, EntityKind::Person) {
        let left_core = person_core(&left_alias);
        let right_core = person_core(&right_alias);
        if left_core.len() >= 2 && left_core == right_core {
            return Some("same name without initials or honorifics");
        }
    }
    if matches!(kind, EntityKind::Organisation | EntityKind::Group)
        && (is_acronym_of(left, right) || is_acronym_of(right, left))
    {
        return Some("acronym");
    }
    let left_words: Vec<&str> = left_alias
        .split(' ')
        .filter(|word| *word != "al" && *word != "el")
        .collect();
    let right_words: Vec<&str> = right_alias
        .split(' ')
        .filter(|word| *word != "al" && *word != "el")
        .collect();
    if left_words.len() == right_words.len() && fuzzy_key(left) == fuzzy_key(right) {
        // People's given names vary by one vowel between different people
        // ("Jason"/"Jayson"), so their differing words must be longer.
        let minimum = if matches!(kind, EntityKind::Person) {
            7
        } else {
            5
        };
        let differing_are_long = left_words
            .iter()
            .zip(&right_words)
            .filter(|(left_word, right_word)| left_word != right_word)
            .all(|(left_word, right_word)| {
                left_word.len() >= minimum && right_word.len() >= minimum
            });
        if differing_are_long {
            return Some("transliteration variant");
        }
    }
    // Edit similarity: not for people (one letter separates different
    // people), and only for long names.
    // (Jaro-Winkler rates "Mobilisation"/"Mobilization" only 0.94 while
    // it rates short unrelated names high; an edit ratio with a cap on
    // the number of edits behaves better for long names.)
    if !matches!(kind, EntityKind::Person) && left_alias.len() >= 10 && right_alias.len() >= 10 {
        let edits = strsim::levenshtein(&left_alias, &right_alias);
        let similarity = strsim::normalized_levenshtein(&left_alias, &right_alias);
        if edits <= 3 && similarity >= 0.9 {
            return Some("string similarity ≥ 0.90 (normalised Levenshtein)");
        }
    }
    None
}

/// Words of a person's alias key without single-letter initials and
/// honorifics or titles.
fn person_core(alias: &str) -> Vec<&str> {
    alias
        .split(' ')
        .filter(|word| {
            word.len() > 1
                && !matches!(
                    *word,
                    "mr" | "mrs" | "ms" | "dr" | "jr" | "sr" | "miss" | "sir"
                )
        })
        .collect()
}

/// True when `short` is an acronym of `long`'s significant words
/// ("PMF" of "Popular Mobilisation Forces").
pub(crate) fn is_acronym_of(short: &str, long: &str) -> bool {
    let letters: String = short
        .chars()
        .filter(|character| character.is_alphanumeric())
        .collect();
    if letters.len() < 2
        || letters.len() > 8
        || !letters
            .chars()
            .all(|character| character.is_uppercase() || character.is_ascii_digit())
    {
        return false;
    }
    let words: Vec<&str> = long
        .split(|character: char| character.is_whitespace() || character == '-')
        .filter(|word| !word.is_empty())
        .collect();
    if words.len() < 2 {
        return false;
    }
    let all_initials: String = words
        .iter()
        .filter_map(|word| word.chars().next())
        .collect::<String>()
        .to_uppercase();
    let significant_initials: String = words
        .iter()
        .filter(|word| {
            !matches!(
                word.to_lowercase().as_str(),
                "of" | "the" | "and" | "for" | "in" | "on" | "al" | "de" | "&"
            )
        })
        .filter_map(|word| word.chars().next())
        .collect::<String>()
        .to_uppercase();
    letters == all_initials || letters == significant_initials
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::cases::check;

    fn kind(name: &str) -> EntityKind {
        match name {
            "person" => EntityKind::Person,
            "place" => EntityKind::Place,
            "group" => EntityKind::Group,
            _ => EntityKind::Organisation,
        }
    }

    #[test]
    fn keys() {
        check("src/extract/entities/test_data/keys.txt", |case| {
            let kind = kind(case.option("kind").unwrap_or("organisation"));
            format!(
                "{}\n{}",
                alias_key(&case.input, kind),
                fuzzy_key(&case.input)
            )
        });
    }

    #[test]
    fn same_entities() {
        check("src/extract/entities/test_data/same_entity.txt", |case| {
            let lines: Vec<&str> = case.input.lines().collect();
            let [kind_name, left, right] = lines[..] else {
                return format!("malformed case: {lines:?}");
            };
            same_entity(left, right, kind(kind_name))
                .unwrap_or("different")
                .to_string()
        });
    }

    #[test]
    fn common_names_stay_apart() {
        // Pairs of distinct common names must not be declared the same.
        let names = [
            "John Smith",
            "Joan Smith",
            "Jane Smith",
            "June Smith",
            "Dan Brown",
            "Don Brown",
            "Dean Brown",
            "Tim Cook",
            "Tom Cook",
            "Mark Davis",
            "Mike Davis",
            "Anna Lee",
            "Anne Lee",
            "Ben Hall",
            "Bob Hall",
            "Bill Hall",
            "Mary Jones",
            "Maria Jones",
            "Marie Jones",
            "Carl Young",
            "Carol Young",
            "Karl Young",
            "Sara King",
            "Sarah King",
            "Eric Hill",
            "Erica Hill",
            "Jason Green",
            "Jayson Green",
            "Brian Wood",
            "Bryan Wood",
        ];
        let mut merged = Vec::new();
        for (index, left) in names.iter().enumerate() {
            for right in &names[index + 1..] {
                if let Some(reason) = same_entity(left, right, EntityKind::Person) {
                    merged.push(format!("{left} = {right} ({reason})"));
                }
            }
        }
        assert_eq!(merged, Vec::<String>::new());
    }
}
