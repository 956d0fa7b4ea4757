//! Tokens of a sentence as attribution reads it: words, punctuation, and
//! whole quotations collapsed to one token each, so that the words inside
//! quotation marks are never read as the reporter's (a name inside a
//! quotation is what the speaker talks about, never the speaker).
//!
//! The shared tokenizer's prose words (`text::tokens::PROSE`, which events
//! read) were made to reproduce these; this stage still keeps its own
//! abbreviation list, which has since gained role abbreviations ("Atty.",
//! "Supt.") the shared table does not give the quotes use.

use std::ops::Range;

use super::lexicon::ABBREVIATIONS;

/// True for an abbreviation whose full stop belongs to the word: a listed
/// one ("Mr", "p.m"), a single capital (an initial), or a short dotted word.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(word) || (word.contains('.') && word.len() <= 6)
}

/// What a token is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters and digits, with inner joiners ("al-Sudani", "U.S.", "don't").
    Word,
    /// One punctuation character.
    Punctuation(char),
    /// A whole quotation, with the id the caller gave it.
    Quotation(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A token with its byte range.
pub(crate) struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

fn is_word_joiner(character: char) -> bool {
    matches!(character, '\'' | '’' | '-' | '.' | '&' | '‐')
}

/// Splits `range` of `text` into tokens; `holes` (sorted, with an id each)
/// become single `Quotation` tokens.
pub(crate) fn tokenize(
    text: &str,
    range: Range<usize>,
    holes: &[(Range<usize>, usize)],
) -> Vec<Token> {
    let mut tokens = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return tokens;
    };
    let mut holes = holes
        .iter()
        .filter(|(hole, _)| hole.end > range.start && hole.start < range.end)
        .peekable();
    let characters: Vec<(usize, char)> = slice
        .char_indices()
        .map(|(index, character)| (range.start + index, character))
        .collect();
    let mut position = 0;
    while position < characters.len() {
        let (at, character) = characters[position];
        if let Some((hole, id)) = holes.peek()
            && at >= hole.start
        {
            tokens.push(Token {
                range: hole.start.max(range.start)..hole.end.min(range.end),
                kind: TokenKind::Quotation(*id),
            });
            while position < characters.len() && characters[position].0 < hole.end {
                position += 1;
            }
            holes.next();
            continue;
        }
        if character.is_alphanumeric() || character == '@' || character == '#' {
            let mut end = position + 1;
            while end < characters.len() {
                let current = characters[end].1;
                let joined = is_word_joiner(current)
                    && characters
                        .get(end + 1)
                        .is_some_and(|following| following.1.is_alphanumeric());
                if current.is_alphanumeric() || joined {
                    end += if joined { 2 } else { 1 };
                } else {
                    break;
                }
            }
            let end_byte = characters.get(end).map_or(range.end, |c| c.0);
            let mut word_end = end_byte;
            // A full stop after an abbreviation ("Mr.", "U.S.") is part of it.
            if characters.get(end).is_some_and(|c| c.1 == '.')
                && is_abbreviation(&text[at..end_byte])
            {
                word_end = end_byte + 1;
                end += 1;
            }
            tokens.push(Token {
                range: at..word_end,
                kind: TokenKind::Word,
            });
            position = end;
        } else {
            if !character.is_whitespace() {
                tokens.push(Token {
                    range: at..at + character.len_utf8(),
                    kind: TokenKind::Punctuation(character),
                });
            }
            position += 1;
        }
    }
    tokens
}
