//! Pairing quotation marks into quotation pieces, paragraph by paragraph.
//!
//! A wrong span is worse than a missing one, so pairing is conservative:
//! straight marks are read from the characters on either side of them,
//! apostrophes ("harm’s", "Iraq's", "’90s", "soldiers’") are told apart from
//! single quotes, single marks inside a double quotation (and the reverse)
//! are nested quotes and stay part of the outer one, an unclosed quotation is
//! dropped at the end of its paragraph unless the next paragraph opens with a
//! mark of the same family (the newswire convention for a quotation that runs
//! on), and an over-long quotation is dropped.

use std::ops::Range;

use super::segmentation::{paragraph_lines, trim_range};

/// Longest quotation piece accepted within one paragraph, in bytes. Real
/// quotations rarely exceed a few hundred words; longer spans come from a
/// missing closing mark in text without paragraph breaks.
const MAX_QUOTE_BYTES: usize = 2_000;
/// Longest run of paragraphs one quotation may continue over.
const MAX_CONTINUED_PARAGRAPHS: usize = 6;

/// One paired quotation within one paragraph.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// The quotation with its marks.
    pub outer: Range<usize>,
    /// The quoted words, trimmed.
    pub inner: Range<usize>,
    /// Opened with a fresh mark after the previous paragraph left it open.
    pub continues_previous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark whose neighbours do not decide: it toggles.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
}

pub(super) fn is_quote_char(character: char) -> bool {
    matches!(
        character,
        '"' | '“' | '”' | '„' | '«' | '»' | '\'' | '‘' | '’' | '‹' | '›'
    )
}

fn opens_on_left(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(character) => {
            character.is_whitespace()
                || matches!(character, '(' | '[' | '{' | '—' | '–' | '-' | '/')
                || is_quote_char(character)
        }
    }
}

fn closes_on_right(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(character) => {
            character.is_whitespace()
                || matches!(
                    character,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '…'
                )
                || is_quote_char(character)
        }
    }
}

/// "’90s", "'80s", "‘07": an elided century, not a quotation.
fn is_elided_year(after: &str) -> bool {
    let bytes = after.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && bytes.get(2).is_none_or(|byte| !byte.is_ascii_digit())
}

/// Reads the quotation marks of one paragraph line, deciding each mark's role.
fn marks_in_line(line: &str, offset: usize) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut previous: Option<char> = None;
    let mut characters = line.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        let next = characters.peek().map(|&(_, following)| following);
        if is_quote_char(character) {
            let left = opens_on_left(previous);
            let right = closes_on_right(next);
            let after = &line[index + character.len_utf8()..];
            let mark = |family, role| Mark {
                at: offset + index,
                len: character.len_utf8(),
                family,
                role,
            };
            match character {
                '"' | '“' | '”' | '„' | '«' | '»' => {
                    let role = if left && !right {
                        Role::Open
                    } else if !left && right {
                        Role::Close
                    } else {
                        match character {
                            '“' | '„' | '«' => Role::Open,
                            '”' | '»' => Role::Close,
                            _ => Role::Either,
                        }
                    };
                    marks.push(mark(Family::Double, role));
                }
                _ => {
                    let letter_before = previous.is_some_and(char::is_alphanumeric);
                    let letter_after = next.is_some_and(char::is_alphanumeric);
                    if letter_before && letter_after {
                        // harm’s, Iraq's, won’t
                    } else if left
                        && next.is_some_and(|c| c.is_ascii_digit())
                        && is_elided_year(after)
                    {
                        // ’90s
                    } else if left && letter_after && character != '’' && character != '›' {
                        marks.push(mark(Family::Single, Role::Open));
                    } else if !left && right {
                        marks.push(mark(Family::Single, Role::Close));
                    }
                }
            }
        }
        previous = Some(character);
    }
    marks
}

/// Pairs marks into quotation pieces, paragraph by paragraph.
pub(super) fn pair_marks(text: &str) -> Vec<Piece> {
    let lines = paragraph_lines(text);
    let line_marks: Vec<Vec<Mark>> = lines
        .iter()
        .map(|line| marks_in_line(&text[line.clone()], line.start))
        .collect();
    let mut pieces = Vec::new();
    // A quotation left open at the end of a paragraph whose next paragraph
    // re-opens it: the finished pieces wait here until the chain closes.
    let mut chain: Vec<Piece> = Vec::new();
    let mut carried: Option<Family> = None;
    for (line_index, line) in lines.iter().enumerate() {
        let marks = &line_marks[line_index];
        let mut open: Option<Mark> = None;
        let mut continuing = false;
        let mut first_mark = 0;
        if let Some(family) = carried.take() {
            match marks.first() {
                Some(mark)
                    if mark.at == line.start
                        && mark.family == family
                        && mark.role != Role::Close =>
                {
                    open = Some(*mark);
                    continuing = true;
                    first_mark = 1;
                }
                _ => chain.clear(),
            }
        }
        for mark in &marks[first_mark..] {
            match open {
                None => {
                    if mark.role != Role::Close {
                        open = Some(*mark);
                        continuing = false;
                        chain.clear();
                    }
                }
                Some(opening) if opening.family != mark.family => {
                    // A nested quotation of the other family stays inside.
                }
                Some(_) if mark.role == Role::Open => {
                    // Two openers in a row: the first was never closed.
                    open = Some(*mark);
                    continuing = false;
                    chain.clear();
                }
                Some(opening) => {
                    let outer = opening.at..mark.at + mark.len;
                    let inner = trim_range(text, opening.at + opening.len..mark.at);
                    open = None;
                    if inner.is_empty() || inner.len() > MAX_QUOTE_BYTES {
                        chain.clear();
                        continue;
                    }
                    pieces.append(&mut chain);
                    pieces.push(Piece {
                        outer,
                        inner,
                        continues_previous: continuing,
                    });
                    continuing = false;
                }
            }
        }
        if let Some(opening) = open {
            let inner = trim_range(text, opening.at + opening.len..line.end);
            let next_opens = line_marks.get(line_index + 1).and_then(|next| {
                let next_line = lines.get(line_index + 1)?;
                next.first().filter(|mark| {
                    mark.at == next_line.start
                        && mark.family == opening.family
                        && mark.role != Role::Close
                })
            });
            if next_opens.is_some()
                && !inner.is_empty()
                && inner.len() <= MAX_QUOTE_BYTES
                && chain.len() < MAX_CONTINUED_PARAGRAPHS
            {
                chain.push(Piece {
                    outer: opening.at..line.end,
                    inner,
                    continues_previous: continuing,
                });
                carried = Some(opening.family);
            } else {
                chain.clear();
            }
        }
    }
    pieces
}
