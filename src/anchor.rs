//! Anchors of notes and highlights in an article's text: where a passage
//! is, and finding it again after the text changed.
//!
//! An anchor is the W3C Web Annotation pair of selectors: a
//! TextPositionSelector (field and character span) and a TextQuoteSelector
//! (the exact quote with a little context before and after it). Positions
//! count Unicode scalar values, as every span in the archive does.
//!
//! [`resolve`] decides where an anchor is in the current text: at its
//! recorded span when the quote is still there, else at the one place where
//! the quote appears with its context, else nowhere ([`Resolution::Orphaned`]).
//! It never guesses: a quote found in several places that its context does
//! not tell apart, or found only among other words, is orphaned, because a
//! note silently moved to the wrong words is worse than one marked lost.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// Characters of context that must agree before a quote found elsewhere is
/// taken for the passage (fewer when the anchor had less context, at the
/// start or end of a text).
pub const CONTEXT_NEEDED: usize = 8;

/// The field of an article a passage is in: the one extraction anchors use.
pub use crate::extract::items::Field;

/// Where a passage is, by position and by quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Anchor {
    /// The field the passage is in.
    pub field: Field,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The passage's exact text.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    pub suffix: String,
}

/// Where an anchor is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum Resolution {
    /// The quote is still at the recorded span.
    Unchanged,
    /// The quote was found, with its context, at another span.
    Moved {
        /// New first character.
        start: usize,
        /// New end.
        end: usize,
    },
    /// The passage is no longer in the text, or cannot be told apart.
    Orphaned,
}

/// The anchor of the characters `start..end` of `text`.
pub fn select(text: &str, field: Field, start: usize, end: usize) -> Result<Anchor> {
    let chars: Vec<char> = text.chars().collect();
    if start >= end || end > chars.len() {
        return Err(Error::InvalidArgument(format!(
            "passage {start}..{end} is not inside the {} ({} characters)",
            field.as_str(),
            chars.len()
        )));
    }
    let quote: String = chars[start..end].iter().collect();
    if quote.trim().is_empty() {
        return Err(Error::InvalidArgument(
            "a passage must hold more than whitespace".into(),
        ));
    }
    Ok(Anchor {
        field,
        start,
        end,
        quote,
        prefix: chars[start.saturating_sub(CONTEXT_CHARS)..start]
            .iter()
            .collect(),
        suffix: chars[end..(end + CONTEXT_CHARS).min(chars.len())]
            .iter()
            .collect(),
    })
}

/// The anchor of the one place `quote` appears in `text`. A passage that is
/// absent, or present more than once, is refused: the caller asks for a
/// longer passage rather than have one place picked for it.
pub fn find(text: &str, field: Field, quote: &str) -> Result<Anchor> {
    if quote.chars().all(char::is_whitespace) {
        return Err(Error::InvalidArgument(
            "a passage must hold more than whitespace".into(),
        ));
    }
    let places = occurrences(text, quote);
    match places.as_slice() {
        [] => Err(Error::InvalidArgument(format!(
            "the passage {quote:?} is not in the article's {}",
            field.as_str()
        ))),
        [start] => select(text, field, *start, start + quote.chars().count()),
        many => Err(Error::InvalidArgument(format!(
            "the passage {quote:?} appears {} times in the article's {}; quote more of it",
            if many.len() > MAX_PLACES {
                format!("more than {MAX_PLACES}")
            } else {
                many.len().to_string()
            },
            field.as_str()
        ))),
    }
}

/// Where `anchor` is in `text` (the current text of its field).
pub fn resolve(text: &str, anchor: &Anchor) -> Resolution {
    let chars: Vec<char> = text.chars().collect();
    let quote: Vec<char> = anchor.quote.chars().collect();
    if quote.is_empty() {
        return Resolution::Orphaned;
    }
    if chars.get(anchor.start..anchor.end) == Some(quote.as_slice()) {
        return Resolution::Unchanged;
    }
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let needed = CONTEXT_NEEDED.min(prefix.len() + suffix.len());
    let places = occurrences(text, &anchor.quote);
    if places.len() > MAX_PLACES {
        return Resolution::Orphaned;
    }
    let mut best: Option<(usize, usize)> = None;
    let mut tied = false;
    for start in places {
        let end = start + quote.len();
        let agreement =
            common_suffix(&prefix, &chars[..start]) + common_prefix(&suffix, &chars[end..]);
        if agreement < needed {
            continue;
        }
        match best {
            Some((_, score)) if score > agreement => {}
            Some((_, score)) if score == agreement => tied = true,
            _ => {
                best = Some((start, agreement));
                tied = false;
            }
        }
    }
    match best {
        Some((start, _)) if !tied => Resolution::Moved {
            start,
            end: start + quote.len(),
        },
        _ => Resolution::Orphaned,
    }
}

/// Most places of one quote looked at: past this many a quote is
/// ambiguous however its context reads, and the search stays linear in the
/// text even for a quote that repeats throughout it ("a a a a").
pub const MAX_PLACES: usize = 1_000;

/// The character starts of `needle` in `haystack`, overlapping ones
/// included, at most [`MAX_PLACES`] (then one more, so a caller can tell
/// there were more). Each search is the standard library's linear
/// substring search, resumed one character after the last match.
fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let mut places = Vec::new();
    if needle.is_empty() {
        return places;
    }
    let mut from = 0;
    // Characters before `from`, counted as the search moves on.
    let mut chars_before = 0;
    let mut counted_to = 0;
    while let Some(found) = haystack.get(from..).and_then(|rest| rest.find(needle)) {
        let at = from + found;
        chars_before += haystack[counted_to..at].chars().count();
        counted_to = at;
        places.push(chars_before);
        if places.len() > MAX_PLACES {
            break;
        }
        // Resume one character on, so overlapping places are found too.
        from = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    places
}

/// How many characters at the end of `context` the text before a candidate ends with.
fn common_suffix(context: &[char], before: &[char]) -> usize {
    context
        .iter()
        .rev()
        .zip(before.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

/// How many characters at the start of `context` the text after a candidate starts with.
fn common_prefix(context: &[char], after: &[char]) -> usize {
    context
        .iter()
        .zip(after.iter())
        .take_while(|(a, b)| a == b)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Police said two people were wounded on Elm Street. The chief said the gunman fled. Police said two people were wounded.";

    fn anchor_of(quote: &str, occurrence: usize) -> Anchor {
        let start = occurrences(TEXT, quote)[occurrence];
        select(TEXT, Field::Text, start, start + quote.chars().count()).expect("inside")
    }

    /// Each case: the passage (and which occurrence of it) anchored in
    /// `TEXT`, the edited text, and where the anchor resolves to there
    /// (the quoted span of the new text, or "orphaned").
    #[test]
    fn anchors_are_found_again_by_quote_and_context_or_orphaned() {
        let cases: &[(&str, usize, &str, &str)] = &[
            // Unchanged text: unchanged.
            ("the gunman fled", 0, TEXT, "unchanged"),
            // Words inserted before the passage: found at its new place.
            (
                "the gunman fled",
                0,
                "UPDATE: Police said two people were wounded on Elm Street. The chief said the gunman fled. Police said two people were wounded.",
                "moved: the gunman fled @ 74",
            ),
            // The passage edited away: orphaned.
            (
                "the gunman fled",
                0,
                "Police said two people were wounded on Elm Street. The chief said the gunman was arrested.",
                "orphaned",
            ),
            // A repeated passage: its context tells the second from the first.
            (
                "two people were wounded",
                1,
                "Update. Police said two people were wounded on Elm Street. The chief said the gunman fled. Police said two people were wounded.",
                "moved: two people were wounded @ 103",
            ),
            // The quote survives only among other words: orphaned, not moved there.
            (
                "the gunman fled",
                0,
                "Nobody knows where the gunman fled to, a neighbour wrote.",
                "orphaned",
            ),
            // Two places with the same context: cannot be told apart, orphaned.
            (
                "the gunman fled",
                0,
                "X. The chief said the gunman fled. Police said two. The chief said the gunman fled. Police said two.",
                "orphaned",
            ),
        ];
        for (quote, occurrence, edited, expected) in cases {
            let anchor = anchor_of(quote, *occurrence);
            let got = match resolve(edited, &anchor) {
                Resolution::Unchanged => "unchanged".to_string(),
                Resolution::Orphaned => "orphaned".to_string(),
                Resolution::Moved { start, end } => {
                    let text: String = edited.chars().skip(start).take(end - start).collect();
                    format!("moved: {text} @ {start}")
                }
            };
            assert_eq!(&got, expected, "{quote:?} in {edited:?}");
        }
    }

    #[test]
    fn places_are_counted_in_characters_overlapping_and_capped() {
        assert_eq!(occurrences("é aa é aa", "aa"), vec![2, 7]);
        assert_eq!(occurrences("aaaa", "aa"), vec![0, 1, 2]);
        let repetitive = "a ".repeat(100_000);
        assert_eq!(occurrences(&repetitive, "a a").len(), MAX_PLACES + 1);
        let anchor = select(&repetitive, Field::Text, 0, 3).expect("inside");
        let shifted = format!("b{repetitive}");
        assert_eq!(resolve(&shifted, &anchor), Resolution::Orphaned);
    }

    #[test]
    fn a_new_anchor_needs_a_passage_found_once() {
        let found = find(TEXT, Field::Text, "the gunman fled").expect("once");
        assert_eq!((found.start, found.end), (66, 81));
        assert_eq!(found.prefix, "d on Elm Street. The chief said ");
        assert_eq!(found.suffix, ". Police said two people were wo");
        let twice = find(TEXT, Field::Text, "two people").expect_err("twice");
        assert!(twice.to_string().contains("appears 2 times"), "{twice}");
        let absent = find(TEXT, Field::Text, "three people").expect_err("absent");
        assert!(
            absent.to_string().contains("not in the article"),
            "{absent}"
        );
        let outside = select(TEXT, Field::Text, 100, 500).expect_err("outside");
        assert!(outside.to_string().contains("not inside"), "{outside}");
    }
}
