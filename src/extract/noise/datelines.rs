//! Datelines: the place (and agency, date) a paragraph opens with —
//! "WASHINGTON (Reuters) —", "BAGHDAD, Dec 26 (AFP) -", "New Delhi:",
//! "Detroit —". Only the prefix is noise; the rest is article text.

use super::{LABEL_WORDS, ends_like_prose, word_count};

/// The length in bytes of a dateline opening `line`, if it has one.
pub(super) fn dateline(line: &str) -> Option<usize> {
    let head_end = line
        .char_indices()
        .nth(90)
        .map_or(line.len(), |(index, _)| index);
    let head = &line[..head_end];
    // "WASHINGTON (Reuters) —", "BAGHDAD, Dec 26 (AFP) -", "HOUSTON —",
    // "FAIRPLAY, Colo. --", "WASHINGTON (AP) The ...".
    if let Some(length) = capitalised_dateline(head) {
        return Some(length);
    }
    // "New Delhi:": one to three capitalised words and a colon.
    let Some(colon) = head.find(':') else {
        return title_case_dateline(head);
    };
    let prefix = &head[..colon];
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let rest = line[colon + 1..].trim_start();
    if (1..=3).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-')
        })
        && !words.iter().any(|word| {
            LABEL_WORDS
                .iter()
                .any(|label| label.eq_ignore_ascii_case(word.trim_end_matches('.')))
        })
        && rest.starts_with(|c: char| c.is_uppercase())
        && word_count(rest) >= 6
        && ends_like_prose(rest)
    {
        return Some(colon + 1);
    }
    title_case_dateline(head)
}

/// "Detroit — Authorities say ...": one to three capitalised words, then an
/// em dash or double hyphen (a plain hyphen is too common in prose).
fn title_case_dateline(head: &str) -> Option<usize> {
    let (dash_start, dash) = [" — ", " -- ", " – "]
        .iter()
        .filter_map(|dash| head.find(dash).map(|at| (at, *dash)))
        .min()?;
    let prefix = &head[..dash_start];
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let place_like = (1..=3).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '-' | '\''))
        })
        && !words.iter().any(|word| {
            LABEL_WORDS
                .iter()
                .any(|label| label.eq_ignore_ascii_case(word.trim_end_matches(['.', ','])))
        });
    let rest = &head[dash_start + dash.len()..];
    // Report forms ("Weapon Information – Handgun") are not datelines:
    // prose must follow.
    (place_like && rest.starts_with(|c: char| c.is_uppercase()) && word_count(rest) >= 6)
        .then_some(dash_start + dash.trim_end().len())
}

/// An all-capitals place, optional ", State" / ", Mon DD", optional
/// "(AGENCY)", then a dash or the parenthesis itself.
fn capitalised_dateline(head: &str) -> Option<usize> {
    let first_word: &str = head.split(|c: char| c.is_whitespace() || c == ',').next()?;
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    let mut depth = 0usize;
    let mut saw_parenthesis = false;
    for (index, c) in head.char_indices() {
        match c {
            '(' => {
                depth += 1;
                saw_parenthesis = true;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                // "WASHINGTON (AP) The ..." without a dash.
                let after = head[index + 1..].trim_start();
                let dash_follows = after.starts_with(['—', '–', '-']);
                if depth == 0 && !dash_follows && after.starts_with(|c: char| c.is_uppercase()) {
                    return Some(index + 1);
                }
            }
            '—' | '–' | '-' if depth == 0 => {
                let before = &head[..index];
                let after = &head[index + c.len_utf8()..];
                // A hyphen inside a word ("Wilkes-Barre") is not a separator.
                let spaced = before.ends_with(char::is_whitespace)
                    || after.starts_with(char::is_whitespace)
                    || after.starts_with(['-', '—']);
                if !spaced {
                    continue;
                }
                let end = index + c.len_utf8() + after.len()
                    - after.trim_start_matches(['-', '—', '–']).len();
                return Some(end.min(head.len()));
            }
            _ if depth == 0 && c.is_lowercase() => {
                // Lower-case words may only be abbreviations ("Colo.", "Dec").
                // Whitespace may be wider than one byte (em space).
                let word_start = head[..index]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let word_end = head[index..]
                    .find(|c: char| c.is_whitespace())
                    .map_or(head.len(), |i| index + i);
                let word = &head[word_start..word_end];
                let starts_capital = word.starts_with(|c: char| c.is_uppercase());
                if !starts_capital || word.len() > 6 && !saw_parenthesis {
                    return None;
                }
            }
            '.' | '!' | '?' | ':' | ';' | '"' | '“' if depth == 0 => {
                let after = &head[index + c.len_utf8()..];
                if c != '.'
                    || after.starts_with(char::is_whitespace)
                        && after.trim_start().starts_with(|c: char| c.is_lowercase())
                {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}
