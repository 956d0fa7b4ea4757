//! The one tokenizer: text cut into atoms every stage reads the same way.
//!
//! An atom is a run of letters (`char::is_alphabetic`), a run of ASCII
//! digits, or any other single character that is not whitespace (a mark:
//! punctuation, a symbol, a digit of another script). Each atom records
//! whether whitespace comes before it and whether that whitespace holds a
//! line break, which is all the layout the stages use.
//!
//! Stages read larger words by joining atoms that touch (no whitespace
//! between): the figures stage joins digit groups and unit suffixes
//! ("1,140", "9mm") and single-letter initialisms ("U.S."), the recogniser
//! joins hyphens, apostrophes and inner full stops ("al-Sudani",
//! "O'Brien"). The joins are written in the stages, over these atoms, so
//! that what counts as a letter, a digit or a space is decided once.

use std::ops::Range;

/// What an atom is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A run of letters.
    Letters,
    /// A run of ASCII digits.
    Digits,
    /// One other character that is not whitespace.
    Mark(char),
}

/// One atom of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// What it is made of.
    pub class: Class,
    /// Whitespace (or the start of the text) comes before it.
    pub spaced: bool,
    /// A line break (or the start of the text) comes before it.
    pub line_start: bool,
}

impl Token {
    /// The atom's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range.clone()).unwrap_or("")
    }

    /// The character of a mark.
    pub fn mark(&self) -> Option<char> {
        match self.class {
            Class::Mark(c) => Some(c),
            _ => None,
        }
    }

    /// True when `next` starts where this atom ends (nothing between).
    pub fn touches(&self, next: &Token) -> bool {
        self.range.end == next.range.start
    }
}

/// Cuts `text` into atoms, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut characters = text.char_indices().peekable();
    let mut spaced = true;
    let mut line_start = true;
    while let Some((start, c)) = characters.next() {
        if c.is_whitespace() {
            spaced = true;
            line_start |= c == '\n' || c == '\r';
            continue;
        }
        let class = if c.is_alphabetic() {
            Class::Letters
        } else if c.is_ascii_digit() {
            Class::Digits
        } else {
            Class::Mark(c)
        };
        let mut end = start + c.len_utf8();
        let same: fn(char) -> bool = match class {
            Class::Letters => char::is_alphabetic,
            Class::Digits => |c: char| c.is_ascii_digit(),
            Class::Mark(_) => |_| false,
        };
        while let Some(&(index, next)) = characters.peek() {
            if !same(next) {
                break;
            }
            end = index + next.len_utf8();
            characters.next();
        }
        out.push(Token {
            range: start..end,
            class,
            spaced,
            line_start,
        });
        spaced = false;
        line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        crate::text::cases::check("src/text/test_data/tokens.txt", |case| {
            tokens(&case.input)
                .iter()
                .map(|token| {
                    let class = match token.class {
                        Class::Letters => "letters",
                        Class::Digits => "digits",
                        Class::Mark(_) => "mark",
                    };
                    let layout = match (token.line_start, token.spaced) {
                        (true, _) => " line",
                        (false, true) => " spaced",
                        _ => "",
                    };
                    format!("{class} {}{layout}", token.text(&case.input))
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
    }
}
