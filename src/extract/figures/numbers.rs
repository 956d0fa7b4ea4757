//! Tokens and quantities: the low-level half of the figures stage.
//!
//! A sentence is split into word, digit and punctuation tokens (byte ranges
//! into the sentence). On top of them this module reads *quantities*: digits
//! with separators and multipliers ("1,140", "1.2 million"), number words
//! (parsed by `text2num`), ranges ("10 to 15", "between 10 and 15", "10-15"),
//! vague quantities ("dozens of", "several") and the qualifier before or
//! after the number ("at least", "more than", "or more"). It also knows the
//! contexts in which a number is not a count at all (ages, times, dates,
//! addresses, calibres, money, measurements), because that decision depends
//! only on the tokens around the number.

use std::sync::LazyLock;

use super::Qualifier;
use crate::text::tokens::{self, Class};
use crate::text::words::{WordList, WordTable};

/// What a token is made of; decides which readers look at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Digits,
    Punct,
}

/// One token of a sentence; `lower` is kept so lexicon lookups do not
/// re-lowercase on every comparison.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lower: String,
    /// Whitespace separates this token from the previous one: tells
    /// "twenty-one" and "10-15" (joined) from "10 - 15" or a dash aside.
    pub spaced: bool,
    /// First letter is upper case (proper names, sentence starts).
    pub capitalised: bool,
    /// A line break comes before this token: headlines, captions and
    /// paragraphs never share a phrase across it.
    pub line_start: bool,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// True for an atom that may continue a word: letters, digits, or a mark
/// that is itself alphanumeric (a digit of another script).
fn continues_word(atom: &tokens::Token) -> bool {
    match atom.class {
        Class::Letters | Class::Digits => true,
        Class::Mark(c) => c.is_alphanumeric(),
    }
}

/// Splits `text` into tokens, joining the shared tokenizer's atoms: digit
/// groups with their separators and a letter suffix ("1,140", "2.5",
/// "9mm", "20k"), letters with the digits and apostrophes inside a word
/// ("O'Brien"), and single letters joined by full stops ("U.S.", "p.m.")
/// so abbreviations do not end noun phrases. Every other mark is a token.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let atoms = tokens::tokens(text);
    // The atom at `at`, when it touches the one before it.
    let touching = |at: usize| {
        atoms
            .get(at)
            .filter(|atom| at > 0 && atoms[at - 1].touches(atom))
    };
    let mut out = Vec::with_capacity(atoms.len());
    let mut index = 0;
    while index < atoms.len() {
        let atom = &atoms[index];
        let mut last = index;
        let kind = match atom.class {
            Class::Digits => {
                while touching(last + 1)
                    .is_some_and(|separator| matches!(separator.class, Class::Mark(',' | '.')))
                    && touching(last + 2).is_some_and(|digits| digits.class == Class::Digits)
                {
                    last += 2;
                }
                // Suffix letters stay attached ("9mm", "3rd", "20k") so the
                // reader can refuse or scale them.
                if touching(last + 1).is_some_and(|suffix| suffix.class == Class::Letters) {
                    last += 1;
                }
                Kind::Digits
            }
            Class::Letters => {
                loop {
                    if touching(last + 1).is_some_and(continues_word) {
                        last += 1;
                    } else if touching(last + 1)
                        .and_then(tokens::Token::mark)
                        .is_some_and(is_apostrophe)
                        && touching(last + 2).is_some_and(|next| next.class == Class::Letters)
                    {
                        last += 2;
                    } else {
                        break;
                    }
                }
                // Abbreviations of single letters: "U.S.", "a.m.", "p.m.".
                let single_letter = |at: usize| {
                    touching(at).is_some_and(|next| {
                        next.class == Class::Letters && next.text(text).chars().count() == 1
                    })
                };
                let full_stop = |at: usize| touching(at).and_then(tokens::Token::mark) == Some('.');
                if last == index && atom.text(text).chars().count() == 1 && full_stop(index + 1) {
                    let mut probe = index;
                    while full_stop(probe + 1) && single_letter(probe + 2) {
                        probe += 2;
                    }
                    if probe > index {
                        last = probe;
                        if full_stop(last + 1) {
                            last += 1;
                        }
                    }
                }
                Kind::Word
            }
            Class::Mark(_) => Kind::Punct,
        };
        let (start, end) = (atom.range.start, atoms[last].range.end);
        let slice = text.get(start..end).unwrap_or("");
        out.push(Token {
            start,
            end,
            kind,
            lower: slice.to_lowercase(),
            spaced: atom.spaced,
            capitalised: slice.starts_with(char::is_uppercase),
            line_start: atom.line_start,
        });
        index = last + 1;
    }
    out
}

/// A quantity read from tokens `first..end`, before any noun or predicate.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Quantity {
    pub first: usize,
    pub end: usize,
    /// Tokens holding the number itself (without qualifier words).
    pub number_first: usize,
    pub number_end: usize,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub approximate: bool,
    /// Written as a word rather than digits ("three"); "one" alone is
    /// too often not a count, so the grammar asks more of it.
    pub word: bool,
}

static ENGLISH: LazyLock<text2num::Language> = LazyLock::new(text2num::Language::english);

/// Number words below a hundred that text2num reads (with the scales).
static UNITS: WordList = WordList::new(include_str!("number_units.txt"));
/// Number words that scale the number before them ("two hundred").
static SCALES: WordList = WordList::new(include_str!("number_scales.txt"));

fn is_number_word(word: &str) -> bool {
    UNITS.contains(&word) || SCALES.contains(&word)
}

fn scale_of(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" => Some(1e9),
        _ => None,
    }
}

/// Parses a digits token ("1,140", "2.5", "20k"); `None` for ordinals,
/// calibres and other suffixed forms, and for malformed separators.
fn digits_value(lower: &str) -> Option<f64> {
    let number_part: &str = lower.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &lower[number_part.len()..];
    let multiplier = match suffix {
        "" => 1.0,
        "k" => 1e3,
        _ => return None,
    };
    if number_part.contains(',') {
        // Thousands separators must group by three: "1,140" yes, "1,14" no.
        let mut groups = number_part.split(',');
        let head = groups.next()?;
        if head.is_empty() || head.len() > 3 {
            return None;
        }
        let mut digits = String::from(head);
        for group in groups {
            let integer = group.split('.').next().unwrap_or("");
            if integer.len() != 3 {
                return None;
            }
            digits.push_str(group);
        }
        return digits.parse::<f64>().ok().map(|v| v * multiplier);
    }
    number_part.parse::<f64>().ok().map(|v| v * multiplier)
}

/// Reads the number words starting at `index` ("twenty-one", "one hundred
/// and five", "a hundred"), returning the value and the end token.
fn number_words(tokens: &[Token], index: usize) -> Option<(f64, usize)> {
    let mut end = index;
    let mut phrase = String::new();
    if tokens[index].is("a")
        && tokens
            .get(index + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "hundred" | "thousand" | "million"))
    {
        phrase.push_str("one");
        end = index + 1;
    }
    while let Some(token) = tokens.get(end) {
        if token.kind == Kind::Word && is_number_word(&token.lower) {
            if !phrase.is_empty() && !phrase.ends_with('-') {
                phrase.push(' ');
            }
            phrase.push_str(&token.lower);
            end += 1;
        } else if token.is("-")
            && !token.spaced
            && end > index
            && tokens
                .get(end + 1)
                .is_some_and(|t| !t.spaced && UNITS.contains(&t.lower.as_str()))
        {
            phrase.push('-');
            end += 1;
        } else if token.is("and")
            && end > index
            && tokens[end - 1].lower.as_str() == "hundred"
            && tokens
                .get(end + 1)
                .is_some_and(|t| UNITS.contains(&t.lower.as_str()))
        {
            end += 1;
        } else {
            break;
        }
    }
    if phrase.is_empty() {
        return None;
    }
    let digits = text2num::text2digits(&phrase, &*ENGLISH).ok()?;
    let value = digits.parse::<f64>().ok()?;
    Some((value, end))
}

/// The value of every plain number `text` writes, in digits or in words
/// ("eight", "twenty-one", "1,140", "two hundred"), in order: what
/// comparison reads to tell whether a report gives a number at all.
pub fn number_values(text: &str) -> Vec<f64> {
    let tokens = tokenize(text);
    let mut values = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match plain_number(&tokens, index) {
            Some((value, end, _)) => {
                values.push(value);
                index = end.max(index + 1);
            }
            None => index += 1,
        }
    }
    values
}

/// A plain number (digits or words, with a trailing "million"/"dozen").
fn plain_number(tokens: &[Token], index: usize) -> Option<(f64, usize, bool)> {
    let token = tokens.get(index)?;
    let (mut value, mut end, word) = match token.kind {
        Kind::Digits => (digits_value(&token.lower)?, index + 1, false),
        Kind::Word => {
            let (value, end) = number_words(tokens, index)?;
            (value, end, true)
        }
        Kind::Punct => return None,
    };
    if let Some(next) = tokens.get(end) {
        if let Some(scale) = scale_of(&next.lower).filter(|_| next.lower != "millions") {
            if !word || value < scale {
                value *= scale;
                end += 1;
            }
        } else if next.is("dozen") {
            value *= 12.0;
            end += 1;
        }
    }
    Some((value, end, word))
}

/// A vague quantity: its words, the interval it allows, whether it counts
/// only before "of", and the value of the few that state one.
struct Vague {
    words: Vec<&'static str>,
    low: f64,
    high: Option<f64>,
    needs_of: bool,
    value: Option<f64>,
}

/// `vague_quantities.txt` (conventions in the module doc of `figures`).
static VAGUE_TABLE: WordTable = WordTable::new(include_str!("vague_quantities.txt"));

static VAGUE: LazyLock<Vec<Vague>> = LazyLock::new(|| {
    VAGUE_TABLE
        .iter()
        .filter_map(|(phrase, value)| vague(phrase, value))
        .collect()
});

/// One row of the vague-quantity table: `low..high [of] [value N]`.
fn vague(phrase: &'static str, value: &str) -> Option<Vague> {
    let mut parts = value.split_whitespace();
    let (low, high) = parts.next()?.split_once("..")?;
    let mut row = Vague {
        words: phrase.split_whitespace().collect(),
        low: low.parse().ok()?,
        high: if high.is_empty() {
            None
        } else {
            Some(high.parse().ok()?)
        },
        needs_of: false,
        value: None,
    };
    while let Some(part) = parts.next() {
        match part {
            "of" => row.needs_of = true,
            "value" => row.value = Some(parts.next()?.parse().ok()?),
            _ => return None,
        }
    }
    Some(row)
}

fn matches_words(tokens: &[Token], index: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(offset, word)| tokens.get(index + offset).is_some_and(|t| t.is(word)))
}

fn vague_quantity(tokens: &[Token], index: usize) -> Option<Quantity> {
    for vague in VAGUE.iter() {
        if !matches_words(tokens, index, &vague.words) {
            continue;
        }
        let end = index + vague.words.len();
        if vague.needs_of && !tokens.get(end).is_some_and(|t| t.is("of")) {
            continue;
        }
        return Some(Quantity {
            first: index,
            end,
            number_first: index,
            number_end: end,
            value: vague.value,
            low: Some(vague.low),
            high: vague.high,
            qualifier: if vague.value.is_some() {
                None
            } else {
                Some(Qualifier::Vague)
            },
            approximate: vague.words != ["both"],
            word: true,
        });
    }
    None
}

/// Qualifier phrases read backwards from a number, longer ones first so
/// "no more than" wins over "more than" (`qualifiers.txt`).
static QUALIFIER_TABLE: WordTable = WordTable::new(include_str!("qualifiers.txt"));

static QUALIFIERS: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    QUALIFIER_TABLE
        .iter()
        .filter_map(|(phrase, name)| {
            Some((phrase.split_whitespace().collect(), Qualifier::parse(name)?))
        })
        .collect()
});

/// The qualifier phrase ending right before token `index`, if any, with
/// the index of its first token. "just"/"well" in front are absorbed.
fn qualifier_before(tokens: &[Token], index: usize) -> Option<(Qualifier, usize)> {
    for (words, qualifier) in QUALIFIERS.iter() {
        if index < words.len() {
            continue;
        }
        let first = index - words.len();
        if matches_words(tokens, first, words) {
            let first = if first > 0 && matches!(tokens[first - 1].lower.as_str(), "just" | "well")
            {
                first - 1
            } else {
                first
            };
            return Some((*qualifier, first));
        }
    }
    None
}

/// Rounds an interval outward to whole things.
fn whole(low: f64, high: f64) -> (f64, f64) {
    (low.floor().max(0.0), high.ceil())
}

/// The interval a qualifier gives to a stated value. Conventions: "more
/// than v" is `[v+1, ∞)` and "fewer than v" `[0, v-1]` for whole counts;
/// "about v" is ±10% (at least ±1); "nearly v" is `[0.9v, v]`.
pub(super) fn interval(value: f64, qualifier: Option<Qualifier>) -> (Option<f64>, Option<f64>) {
    let step = if value.fract() == 0.0 { 1.0 } else { 0.0 };
    match qualifier {
        None | Some(Qualifier::Exactly) | Some(Qualifier::Range) | Some(Qualifier::Vague) => {
            (Some(value), Some(value))
        }
        Some(Qualifier::AtLeast) => (Some(value), None),
        Some(Qualifier::MoreThan) => (Some(value + step), None),
        Some(Qualifier::FewerThan) => (Some(0.0), Some((value - step).max(0.0))),
        Some(Qualifier::UpTo) => (Some(0.0), Some(value)),
        Some(Qualifier::About) => {
            let spread = (value * 0.1).max(1.0);
            let (low, high) = whole(value - spread, value + spread);
            (Some(low), Some(high))
        }
        Some(Qualifier::Nearly) => {
            let (low, _) = whole(value * 0.9, value);
            (Some(low), Some(value))
        }
    }
}

/// Reads a quantity whose number starts at `index` (a qualifier before it
/// is looked up backwards). Returns `None` when no number starts there.
pub(super) fn read_quantity(tokens: &[Token], index: usize) -> Option<Quantity> {
    if let Some(mut vague) = vague_quantity(tokens, index) {
        if let Some((qualifier, first)) = qualifier_before(tokens, index)
            && let Some(value) = vague.value
        {
            let (low, high) = interval(value, Some(qualifier));
            vague.low = low;
            vague.high = high;
            vague.qualifier = Some(qualifier);
            vague.first = first;
        }
        return Some(vague);
    }
    let (value, number_end, word) = plain_number(tokens, index)?;
    let mut quantity = Quantity {
        first: index,
        end: number_end,
        number_first: index,
        number_end,
        value: Some(value),
        low: Some(value),
        high: Some(value),
        qualifier: None,
        approximate: false,
        word,
    };
    // Ranges: "10 to 15", "10-15", "between 10 and 15", "10 or 15".
    let between = index > 0 && tokens[index - 1].is("between");
    if let Some(link) = tokens.get(number_end) {
        let joined_dash = link.is("-") && !link.spaced;
        let linking = link.is("to") || link.is("or") || (between && link.is("and")) || joined_dash;
        if linking && let Some((second, second_end, _)) = plain_number(tokens, number_end + 1) {
            let dash_ok = !joined_dash || !tokens[number_end + 1].spaced;
            if second > value && dash_ok && second <= value * 20.0 + 20.0 {
                quantity.value = None;
                quantity.low = Some(value);
                quantity.high = Some(second);
                quantity.qualifier = Some(Qualifier::Range);
                quantity.approximate = true;
                quantity.end = second_end;
                quantity.number_end = second_end;
                if between {
                    quantity.first = index - 1;
                }
                return Some(quantity);
            }
        }
    }
    if let Some((qualifier, first)) = qualifier_before(tokens, index) {
        quantity.qualifier = Some(qualifier);
        quantity.first = first;
    } else if matches_words(tokens, number_end, &["or", "more"]) {
        quantity.qualifier = Some(Qualifier::AtLeast);
        quantity.end = number_end + 2;
    } else if matches_words(tokens, number_end, &["or", "so"]) {
        quantity.qualifier = Some(Qualifier::About);
        quantity.end = number_end + 2;
    }
    let (low, high) = interval(value, quantity.qualifier);
    quantity.low = low;
    quantity.high = high;
    quantity.approximate = matches!(
        quantity.qualifier,
        Some(Qualifier::About) | Some(Qualifier::Nearly)
    );
    Some(quantity)
}

/// (rows read, rows in the file) of the qualifier table, for its test.
#[cfg(test)]
pub(super) fn qualifier_rows() -> (usize, usize) {
    (QUALIFIERS.len(), QUALIFIER_TABLE.len())
}

/// (rows read, rows in the file) of the vague-quantity table, for its test.
#[cfg(test)]
pub(super) fn vague_rows() -> (usize, usize) {
    (VAGUE.len(), VAGUE_TABLE.len())
}
