//! Classifying a quotation: a whole statement, a partial quote woven into
//! the reporter's sentence, or one- or two-word scare quotes.
//!
//! The kind decides what comparison does with a quotation (scare quotes are
//! no one's statement) and whether a quotation without attribution of its own
//! may inherit the speaker of the sentence before.

use super::lexicon::SPEECH_VERBS;
use super::pairing::is_quote_char;
use super::{Quote, QuoteKind};

/// Reads the kind of `quote` from its words and from what precedes it in
/// its sentence.
pub(super) fn classify(text: &str, quote: &Quote) -> QuoteKind {
    let content = &text[quote.range.clone()];
    let words = content.split_whitespace().count();
    let ends_with_punctuation = content
        .trim_end_matches(is_quote_char)
        .ends_with(['.', ',', '!', '?', '…']);
    if words <= 2 && !ends_with_punctuation {
        return QuoteKind::Scare;
    }
    let before = text
        .get(quote.sentence.start..quote.outer.start)
        .unwrap_or("")
        .trim_end();
    let stands_alone = before.chars().all(|c| !c.is_alphanumeric())
        || before.ends_with(':')
        || before.ends_with(',')
        || before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|word| SPEECH_VERBS.contains(word) && word != "according");
    let capital = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if stands_alone && capital {
        QuoteKind::Statement
    } else {
        QuoteKind::Partial
    }
}
