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

/// How a stage joins atoms into words (see [`words`]).
#[derive(Clone, Copy)]
pub struct WordRules {
    /// Marks that may begin a word besides letters and digits (`@`, `#`).
    pub word_marks: &'static [char],
    /// Marks that join the atoms either side of them into one word when a
    /// letter or digit follows at once ("al-Sudani", "O'Brien", "AT&T").
    pub joiners: &'static [char],
    /// Whether a full stop between two letters or digits joins them; given
    /// the word's last run of letters and digits before it and the
    /// character after it ("U.S" joins, "Philadelphia.It" may not).
    pub joins_full_stop: fn(last_run: &str, following: char) -> bool,
    /// Whether a full stop right after a word belongs to it ("Mr.", "U.S.").
    pub keeps_full_stop: fn(word: &str) -> bool,
}

/// Words as attribution and event triggers read prose: a word may begin with
/// `@` or `#` (handles, hashtags), hyphens, apostrophes, full stops and
/// ampersands join, and an abbreviation keeps its full stop (one capital, a
/// word with inner full stops of six bytes or fewer, or a row of the
/// abbreviation table used by quotes).
pub const PROSE: WordRules = WordRules {
    word_marks: &['@', '#'],
    joiners: &['\'', '’', '-', '.', '&', '‐'],
    joins_full_stop: |_, _| true,
    keeps_full_stop: prose_abbreviation,
};

/// Plain runs of letters and digits: nothing joins, no full stop is kept
/// (the content words story grouping compares).
pub const ALPHANUMERIC_RUNS: WordRules = WordRules {
    word_marks: &[],
    joiners: &[],
    joins_full_stop: |_, _| false,
    keeps_full_stop: |_| false,
};

fn prose_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    super::abbreviations::has_use(word, super::abbreviations::Use::Quotes)
        || (word.contains('.') && word.len() <= 6)
}

/// What a [`Word`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters and digits, with the joins its rules allow.
    Word,
    /// Any other character that is not whitespace.
    Mark(char),
}

/// A word or a mark of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Word or mark.
    pub kind: WordKind,
}

fn is_word_character(atom: &Token) -> bool {
    match atom.class {
        Class::Letters | Class::Digits => true,
        Class::Mark(c) => c.is_alphanumeric(),
    }
}

/// The words and marks of `text[range]` under `rules`, from the atoms of
/// [`tokens`].
pub fn words(text: &str, range: Range<usize>, rules: &WordRules) -> Vec<Word> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let atoms: Vec<Token> = tokens(slice)
        .into_iter()
        .map(|atom| Token {
            range: atom.range.start + range.start..atom.range.end + range.start,
            ..atom
        })
        .collect();
    let mut out = Vec::new();
    let mut index = 0;
    while index < atoms.len() {
        let atom = &atoms[index];
        let starts_word =
            is_word_character(atom) || atom.mark().is_some_and(|c| rules.word_marks.contains(&c));
        if !starts_word {
            if let Some(c) = atom.mark() {
                out.push(Word {
                    range: atom.range.clone(),
                    kind: WordKind::Mark(c),
                });
            }
            index += 1;
            continue;
        }
        let start = atom.range.start;
        let mut last = index;
        while let Some(next) = atoms.get(last + 1).filter(|next| atoms[last].touches(next)) {
            if is_word_character(next) {
                last += 1;
                continue;
            }
            let joins = next.mark().is_some_and(|c| rules.joiners.contains(&c))
                && atoms
                    .get(last + 2)
                    .filter(|after| next.touches(after) && is_word_character(after))
                    .is_some_and(|after| {
                        let following = after.text(text).chars().next().unwrap_or(' ');
                        next.mark() != Some('.')
                            || (rules.joins_full_stop)(
                                last_run(text, start, atoms[last].range.end),
                                following,
                            )
                    });
            if !joins {
                break;
            }
            last += 2;
        }
        let mut end = atoms[last].range.end;
        if atoms
            .get(last + 1)
            .is_some_and(|next| atoms[last].touches(next) && next.mark() == Some('.'))
            && (rules.keeps_full_stop)(&text[start..end])
        {
            end += 1;
            last += 1;
        }
        out.push(Word {
            range: start..end,
            kind: WordKind::Word,
        });
        index = last + 1;
    }
    out
}

/// The last run of letters and digits of `text[start..end]`.
fn last_run(text: &str, start: usize, end: usize) -> &str {
    let word = &text[start..end];
    let run_start = word
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(index, c)| index + c.len_utf8());
    &word[run_start..]
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

    /// Words under the prose rules, one per line (marks shown as `mark c`).
    #[test]
    fn prose_words() {
        crate::text::cases::check("src/text/test_data/prose_words.txt", |case| {
            let text = &case.input;
            words(text, 0..text.len(), &PROSE)
                .iter()
                .map(|word| match word.kind {
                    WordKind::Word => text[word.range.clone()].to_string(),
                    WordKind::Mark(c) => format!("mark {c}"),
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
    }
}
