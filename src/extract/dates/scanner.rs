//! The date tagger's reading of a text: atoms from the shared tokenizer,
//! a quick clause split, and the small readers the patterns are built from
//! (a capitalised month or weekday, a day number, a year, a clock time, a
//! clause announcing the future).

use chrono::Weekday;

use super::FUTURE_CUES;
use super::patterns::Match;
use crate::text::abbreviations::{self, Use};
use crate::text::calendar;
use crate::text::tokens::{self, Class};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Index of the (roughly detected) sentence holding the token.
    pub sentence: usize,
}

/// The shared tokenizer's atoms as the tagger reads them: letter runs are
/// words, digit runs numbers, and every other character one punctuation
/// token (curly quotes and dashes read as straight ones).
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = tokens::tokens(text)
        .into_iter()
        .map(|atom| Token {
            start: atom.range.start,
            end: atom.range.end,
            kind: match atom.class {
                Class::Letters => TokenKind::Word,
                Class::Digits => TokenKind::Number,
                Class::Mark(c) => TokenKind::Punct(normalise_punct(c)),
            },
            sentence: 0,
        })
        .collect();
    assign_sentences(text, &mut tokens);
    tokens
}

fn normalise_punct(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '–' | '—' | '‑' => '-',
        '“' | '”' => '"',
        other => other,
    }
}

/// A cheap sentence split, good enough to keep weekday/date comparisons and
/// future cues inside one sentence: a stop followed by a capital, or a line
/// break. The shared splitter (`text::sentences`) cuts some of these texts
/// differently (measured on gva-dev: 7 of 1,479 articles would read another
/// part of the day or weekday conflict), so the tagger keeps its own until
/// that change is made on purpose.
fn assign_sentences(text: &str, tokens: &mut [Token]) {
    let mut sentence = 0usize;
    for index in 0..tokens.len() {
        if index > 0 {
            let previous = &tokens[index - 1];
            let gap = text.get(previous.end..tokens[index].start).unwrap_or("");
            let line_break = gap.contains('\n');
            let stop = matches!(previous.kind, TokenKind::Punct('.' | '!' | '?'))
                && !gap.is_empty()
                && text[tokens[index].start..]
                    .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
                && !(index >= 2
                    && abbreviations::has_use(
                        &text[tokens[index - 2].start..tokens[index - 2].end],
                        Use::Dates,
                    ));
            if line_break || stop {
                sentence += 1;
            }
        }
        tokens[index].sentence = sentence;
    }
}

pub(super) struct Scanner<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            tokens: tokenize(text),
        }
    }

    pub(super) fn text_of(&self, index: usize) -> &'a str {
        self.tokens
            .get(index)
            .and_then(|token| self.text.get(token.start..token.end))
            .unwrap_or("")
    }

    pub(super) fn word(&self, index: usize) -> Option<&'a str> {
        let token = self.tokens.get(index)?;
        (token.kind == TokenKind::Word).then(|| self.text_of(index))
    }

    pub(super) fn word_is(&self, index: usize, expected: &str) -> bool {
        self.word(index)
            .is_some_and(|word| word.eq_ignore_ascii_case(expected))
    }

    pub(super) fn word_in(&self, index: usize, list: &[&str]) -> bool {
        self.word(index)
            .is_some_and(|word| list.iter().any(|item| item.eq_ignore_ascii_case(word)))
    }

    pub(super) fn capitalised(&self, index: usize) -> bool {
        self.word(index)
            .is_some_and(|word| word.starts_with(|c: char| c.is_uppercase()))
    }

    pub(super) fn punct(&self, index: usize) -> Option<char> {
        match self.tokens.get(index)?.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// The value and digit count of a number token.
    pub(super) fn number(&self, index: usize) -> Option<(u32, usize)> {
        let token = self.tokens.get(index)?;
        if token.kind != TokenKind::Number || token.end - token.start > 4 {
            return None;
        }
        let digits = self.text_of(index);
        digits.parse().ok().map(|value| (value, digits.len()))
    }

    /// True when tokens `left` and `left + 1` touch (no space between).
    pub(super) fn glued(&self, left: usize) -> bool {
        match (self.tokens.get(left), self.tokens.get(left + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    /// A number that stands alone: not inside "1,000", "3.5", "555-1234",
    /// "12/26", nor followed by "-year-old" or a clock colon.
    pub(super) fn standalone_number(&self, index: usize) -> bool {
        // Only an opening bracket or quote may touch it on the left.
        if index > 0
            && self.glued(index - 1)
            && !matches!(self.punct(index - 1), Some('(' | '"' | '\''))
        {
            return false;
        }
        if !self.glued(index) {
            return true;
        }
        let next_glued = self.glued(index + 1);
        match self.punct(index + 1) {
            Some(',' | '.' | '/' | ':') => !(next_glued && self.number(index + 2).is_some()),
            Some('-') => {
                !(next_glued
                    && (self.number(index + 2).is_some() || self.word(index + 2).is_some()))
            }
            Some('%') => false,
            _ => true,
        }
    }

    pub(super) fn month_at(&self, index: usize) -> Option<(u32, usize)> {
        let word = self.word(index)?;
        if !self.capitalised(index) {
            return None;
        }
        if let Some(position) = calendar::MONTHS
            .iter()
            .position(|month| month.eq_ignore_ascii_case(word))
        {
            return Some((position as u32 + 1, index + 1));
        }
        let month = calendar::abbreviated_month(word)?;
        // "Jan" is also a first name: an abbreviation needs its period or a
        // day number right after it.
        if self.punct(index + 1) == Some('.') && self.glued(index) {
            return Some((month, index + 2));
        }
        if self.number(index + 1).is_some() {
            return Some((month, index + 1));
        }
        None
    }

    pub(super) fn weekday_at(&self, index: usize) -> Option<Weekday> {
        let word = self.word(index)?;
        if !self.capitalised(index) {
            return None;
        }
        calendar::WEEKDAYS
            .iter()
            .position(|name| name.eq_ignore_ascii_case(word))
            .and_then(calendar::weekday_from_index)
    }

    /// A day number 1–31 with an optional ordinal suffix; returns the day and
    /// the next token index.
    pub(super) fn day_at(&self, index: usize) -> Option<(u32, usize)> {
        let (day, digits) = self.number(index)?;
        if digits > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let mut next = index + 1;
        if self.glued(index) && self.word_in(next, &["st", "nd", "rd", "th"]) {
            next += 1;
        }
        // "5:30", "5-year-old", "5.5", "5,000".
        if self.glued(next - 1)
            && matches!(self.punct(next), Some(':' | '-' | '.' | ',' | '/'))
            && self.glued(next)
            && self.number(next + 1).is_some()
        {
            return None;
        }
        if self.glued(next - 1) && self.punct(next) == Some('-') {
            return None;
        }
        Some((day, next))
    }

    pub(super) fn year_at(&self, index: usize) -> Option<i32> {
        let (year, digits) = self.number(index)?;
        if digits != 4 || !(1900..=2100).contains(&year) {
            return None;
        }
        if self.glued(index)
            && matches!(
                self.punct(index + 1),
                Some(',' | '.' | '-' | '/' | ':' | '%')
            )
            && self.glued(index + 1)
            && (self.number(index + 2).is_some() || self.word(index + 2).is_some())
        {
            return None;
        }
        Some(year as i32)
    }

    /// An explicit year after a day: ", 2023" or " 2023".
    pub(super) fn trailing_year(&self, index: usize) -> Option<(i32, usize)> {
        if self.punct(index) == Some(',')
            && let Some(year) = self.year_at(index + 1)
        {
            return Some((year, index + 2));
        }
        self.year_at(index).map(|year| (year, index + 1))
    }
    /// True at the end of the text or before a clause-ending mark.
    pub(super) fn clause_ends_at(&self, index: usize) -> bool {
        index >= self.tokens.len()
            || matches!(
                self.punct(index),
                Some(',' | '.' | ';' | ':' | '!' | '?' | ')' | '"')
            )
    }

    /// A part of the day right after the expression ("Tuesday evening").
    pub(super) fn trailing_part_of_day(&self, found: &mut Match) {
        if found.part_of_day.is_none()
            && self.same_sentence(found.end.saturating_sub(1), found.end)
            && let Some(word) = self.word(found.end)
            && let Some(part) = calendar::PARTS_OF_DAY
                .iter()
                .find(|part| part.eq_ignore_ascii_case(word))
        {
            found.part_of_day = Some(part);
            found.end += 1;
        }
    }

    /// A clock time next to the expression ("at 6 p.m. Monday", "Monday
    /// about 11:30 p.m."), read as a part of the day; not part of the span.
    pub(super) fn clock_part_of_day(&self, start: usize, end: usize) -> Option<&'static str> {
        let first = start.saturating_sub(9);
        let last = (end + 9).min(self.tokens.len());
        (first..last)
            .filter(|&index| index < start || index >= end)
            .filter(|&index| self.same_sentence(index, start))
            .find_map(|index| self.clock_at(index))
    }

    pub(super) fn clock_at(&self, index: usize) -> Option<&'static str> {
        let (hour, digits) = self.number(index)?;
        if digits > 2 || !(1..=12).contains(&hour) {
            return None;
        }
        let mut next = index + 1;
        if self.punct(next) == Some(':') && self.number(next + 1).is_some() {
            next += 2;
        }
        let marker = self.word(next)?.to_ascii_lowercase();
        let afternoon = match marker.as_str() {
            "a" | "am" => false,
            "p" | "pm" => true,
            _ => return None,
        };
        if (marker == "a" || marker == "p")
            && !(self.punct(next + 1) == Some('.') && self.word_is(next + 2, "m"))
        {
            return None;
        }
        let hour = hour % 12 + if afternoon { 12 } else { 0 };
        Some(match hour {
            5..=11 => "morning",
            12..=16 => "afternoon",
            17..=20 => "evening",
            _ => "night",
        })
    }

    /// True when the clause before `index` announces the future.
    pub(super) fn future_clause(&self, index: usize) -> bool {
        let mut position = index;
        let mut steps = 0;
        while position > 0 && steps < 10 {
            position -= 1;
            steps += 1;
            if !self.same_sentence(position, index)
                || matches!(self.punct(position), Some(',' | ';' | ':' | '"'))
            {
                return false;
            }
            if self.word_in(position, &FUTURE_CUES) || self.word_is(position, "next") {
                return true;
            }
            if self
                .word(position)
                .is_some_and(|word| word.eq_ignore_ascii_case("ll"))
                && position > 0
                && self.punct(position - 1) == Some('\'')
            {
                return true;
            }
        }
        false
    }
}
