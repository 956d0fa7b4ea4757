//! Numbers that are not counts of things: ages, times, dates, years,
//! addresses, phone numbers, calibres, money and measures — a decision
//! that depends only on the tokens around the number.

use super::numbers::{Kind, Quantity, Token};
use crate::text::words::WordList;

/// Words after a number that make it a measure, a time or a label rather
/// than a count of things.
static NOT_COUNT_AFTER: WordList = WordList::new(include_str!("not_count_after.txt"));

/// Words before a number that make it a label (addresses, routes, lots,
/// cases) or a date.
static NOT_COUNT_BEFORE: WordList = WordList::new(include_str!("not_count_before.txt"));

/// Street words: "937 Euharlee Road" is an address, not a count.
static STREET_WORDS: WordList = WordList::new(include_str!("street_words.txt"));

/// Whether the quantity is not a count of things: ages, times, dates,
/// years, addresses, phone numbers, calibres, money and measures.
pub(super) fn is_not_a_count(tokens: &[Token], quantity: &Quantity) -> bool {
    let first = quantity.number_first;
    let end = quantity.number_end;
    let previous = first.checked_sub(1).and_then(|at| tokens.get(at));
    let next = tokens.get(end);
    let after_next = tokens.get(end + 1);
    let token = &tokens[first];
    if let Some(next) = next {
        if NOT_COUNT_AFTER.contains(&next.lower.as_str()) {
            return true;
        }
        // Joined hyphen compounds: "17-year-old", "one-way", "three-day";
        // also clock times "11:30" and phone numbers "317-262-..".
        if !next.spaced && matches!(next.lower.as_str(), "-" | "–" | ":" | "/" | "%") {
            return true;
        }
        if next.is("per") && after_next.is_some_and(|t| t.is("cent")) {
            return true;
        }
        // "937 Euharlee Road": a number followed by a name and a street word.
        if next.capitalised && next.kind == Kind::Word {
            let street = tokens[end..tokens.len().min(end + 4)]
                .iter()
                .take_while(|t| t.kind == Kind::Word && t.capitalised)
                .any(|t| STREET_WORDS.contains(&t.lower.as_str()));
            if street {
                return true;
            }
        }
        // "45 to 50 years old" is read as a range before this check.
        if next.kind == Kind::Word && next.is("old") {
            return true;
        }
    }
    if let Some(previous) = previous {
        let previous_word = previous.lower.as_str();
        // "Lot No. 5": look through an abbreviation's period.
        let label = if previous_word == "." && first >= 2 {
            tokens[first - 2].lower.as_str()
        } else {
            previous_word
        };
        if !quantity.word
            && (crate::text::calendar::month_words().any(|month| month == label)
                || NOT_COUNT_BEFORE.contains(&label))
        {
            return true;
        }
        if quantity.word && matches!(previous_word, "age" | "ages" | "aged") {
            return true;
        }
        if !token.spaced && matches!(previous_word, "." | "-" | "–" | ":" | "/" | "$" | "#") {
            return true;
        }
        // Appositive ages: "Christopher Roupe, 17, was", "(17)".
        let closes = next.is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ")" | ";" | "and"));
        if (previous_word == "," || previous_word == "(") && closes && quantity.qualifier.is_none()
        {
            return true;
        }
    }
    if token.kind == Kind::Digits && looks_like_year(token) {
        // A year unless a plural noun follows at once ("1500 people").
        let plural_follows = next.is_some_and(|t| {
            t.kind == Kind::Word && !t.capitalised && (t.lower.ends_with('s') || t.is("people"))
        });
        if !plural_follows {
            return true;
        }
    }
    if token.kind == Kind::Digits && !token.lower.contains(',') && token.lower.len() >= 5 {
        // Long unseparated digit strings are identifiers, zip codes, phones.
        return true;
    }
    false
}

fn looks_like_year(token: &Token) -> bool {
    token.kind == Kind::Digits
        && token.lower.len() == 4
        && token.lower.bytes().all(|b| b.is_ascii_digit())
        && matches!(token.lower.parse::<u32>(), Ok(1800..=2100))
}
