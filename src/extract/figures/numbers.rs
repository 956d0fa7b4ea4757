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

/// Splits `text` into tokens. Single letters joined by periods ("U.S.",
/// "p.m.") become one word so abbreviations do not end noun phrases.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    let mut spaced = true;
    let mut line_start = true;
    while index < chars.len() {
        let (start, c) = chars[index];
        if c.is_whitespace() {
            spaced = true;
            line_start |= c == '\n' || c == '\r';
            index += 1;
            continue;
        }
        let next_char = |at: usize| chars.get(at).map(|&(_, ch)| ch);
        let mut stop = index + 1;
        let kind;
        if c.is_ascii_digit() {
            kind = Kind::Digits;
            while let Some(ch) = next_char(stop) {
                if ch.is_ascii_digit() {
                    stop += 1;
                } else if (ch == ',' || ch == '.')
                    && next_char(stop + 1).is_some_and(|after| after.is_ascii_digit())
                {
                    stop += 2;
                } else {
                    break;
                }
            }
            // Suffix letters stay attached ("9mm", "3rd", "20k") so the
            // reader can refuse or scale them.
            while next_char(stop).is_some_and(|ch| ch.is_alphabetic()) {
                stop += 1;
            }
        } else if c.is_alphabetic() {
            kind = Kind::Word;
            loop {
                match next_char(stop) {
                    Some(ch) if ch.is_alphanumeric() => stop += 1,
                    Some(ch)
                        if is_apostrophe(ch)
                            && next_char(stop + 1).is_some_and(char::is_alphabetic) =>
                    {
                        stop += 2
                    }
                    _ => break,
                }
            }
            // Abbreviations of single letters: "U.S.", "a.m.", "p.m.".
            if stop == index + 1 && next_char(stop) == Some('.') {
                let mut probe = stop;
                while next_char(probe) == Some('.')
                    && next_char(probe + 1).is_some_and(char::is_alphabetic)
                    && !next_char(probe + 2).is_some_and(char::is_alphabetic)
                {
                    probe += 2;
                }
                if probe > stop {
                    stop = probe;
                    if next_char(stop) == Some('.') {
                        stop += 1;
                    }
                }
            }
        } else {
            kind = Kind::Punct;
        }
        let end = chars.get(stop).map_or(text.len(), |&(at, _)| at);
        let slice = text.get(start..end).unwrap_or("");
        tokens.push(Token {
            start,
            end,
            kind,
            lower: slice.to_lowercase(),
            spaced,
            capitalised: c.is_uppercase(),
            line_start,
        });
        spaced = false;
        line_start = false;
        index = stop;
    }
    tokens
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

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];
const SCALES: &[&str] = &["hundred", "thousand", "million", "billion"];

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

/// Vague quantity words: (tokens, interval low, interval high, needs "of",
/// value for the few that state one).
struct Vague {
    words: &'static [&'static str],
    low: f64,
    high: Option<f64>,
    needs_of: bool,
    value: Option<f64>,
}

/// Conventions (documented in the module doc of `figures`): plurals of
/// round numbers mean "at least two of them"; "several" is three or more
/// but rarely beyond nine; "a handful" and "a few" are two to five.
const VAGUE: &[Vague] = &[
    Vague {
        words: &["tens", "of", "thousands"],
        low: 20_000.0,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["a", "dozen"],
        low: 10.0,
        high: Some(14.0),
        needs_of: false,
        value: Some(12.0),
    },
    Vague {
        words: &["dozens"],
        low: 24.0,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["scores"],
        low: 40.0,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["hundreds"],
        low: 200.0,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["thousands"],
        low: 2_000.0,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["millions"],
        low: 2e6,
        high: None,
        needs_of: true,
        value: None,
    },
    Vague {
        words: &["a", "handful"],
        low: 2.0,
        high: Some(5.0),
        needs_of: false,
        value: None,
    },
    Vague {
        words: &["a", "few"],
        low: 2.0,
        high: Some(5.0),
        needs_of: false,
        value: None,
    },
    Vague {
        words: &["a", "couple"],
        low: 2.0,
        high: Some(2.0),
        needs_of: false,
        value: Some(2.0),
    },
    Vague {
        words: &["a", "number", "of"],
        low: 2.0,
        high: None,
        needs_of: false,
        value: None,
    },
    Vague {
        words: &["both"],
        low: 2.0,
        high: Some(2.0),
        needs_of: false,
        value: Some(2.0),
    },
    Vague {
        words: &["several"],
        low: 3.0,
        high: Some(9.0),
        needs_of: false,
        value: None,
    },
    Vague {
        words: &["multiple"],
        low: 2.0,
        high: None,
        needs_of: false,
        value: None,
    },
    Vague {
        words: &["numerous"],
        low: 2.0,
        high: None,
        needs_of: false,
        value: None,
    },
];

fn matches_words(tokens: &[Token], index: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(offset, word)| tokens.get(index + offset).is_some_and(|t| t.is(word)))
}

fn vague_quantity(tokens: &[Token], index: usize) -> Option<Quantity> {
    for vague in VAGUE {
        if !matches_words(tokens, index, vague.words) {
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

/// Qualifier phrases read backwards from a number; longer ones first so
/// "no more than" wins over "more than".
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["at", "least"], Qualifier::AtLeast),
    (&["at", "minimum"], Qualifier::AtLeast),
    (&["no", "more", "than"], Qualifier::UpTo),
    (&["not", "more", "than"], Qualifier::UpTo),
    (&["a", "maximum", "of"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["more", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["upward", "of"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["fewer", "than"], Qualifier::FewerThan),
    (&["less", "than"], Qualifier::FewerThan),
    (&["under"], Qualifier::FewerThan),
    (&["close", "to"], Qualifier::Nearly),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["an", "estimated"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["exactly"], Qualifier::Exactly),
    (&["precisely"], Qualifier::Exactly),
];

/// The qualifier phrase ending right before token `index`, if any, with
/// the index of its first token. "just"/"well" in front are absorbed.
fn qualifier_before(tokens: &[Token], index: usize) -> Option<(Qualifier, usize)> {
    for (words, qualifier) in QUALIFIERS {
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

/// Words after a number that make it a measure, a time or a label rather
/// than a count of things.
const NOT_COUNT_AFTER: &[&str] = &[
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "min",
    "mins",
    "second",
    "seconds",
    "decade",
    "decades",
    "a.m.",
    "p.m.",
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "percent",
    "per",
    "%",
    "mm",
    "caliber",
    "calibre",
    "mph",
    "mile",
    "miles",
    "feet",
    "foot",
    "ft",
    "yard",
    "yards",
    "inch",
    "inches",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "kilometres",
    "kilometers",
    "km",
    "metres",
    "meters",
    "degree",
    "degrees",
    "acre",
    "acres",
    "gallon",
    "gallons",
    "ounce",
    "ounces",
    "grams",
    "kg",
    "kilograms",
    "block",
    "dollars",
    "dollar",
    "cents",
    "euros",
    "pounds",
    "bucks",
    "gauge",
    "millimeter",
    "mm.",
    "times",
    "th",
    "st",
    "nd",
    "rd",
    "grand",
    "shots",
    "rounds",
    "bullets",
    "points",
    "point",
];

/// Words before a number that make it a label (addresses, routes, lots,
/// cases) or a date.
const NOT_COUNT_BEFORE: &[&str] = &[
    "no",
    "nos",
    "#",
    "number",
    "route",
    "rt",
    "interstate",
    "highway",
    "hwy",
    "sr",
    "block",
    "unit",
    "apartment",
    "apt",
    "suite",
    "room",
    "page",
    "chapter",
    "section",
    "article",
    "case",
    "flight",
    "district",
    "ward",
    "precinct",
    "channel",
    "lot",
    "box",
    "age",
    "ages",
    "aged",
    "$",
    "£",
    "€",
    "'",
    "’",
    "platoon",
    "squad",
    "station",
    "engine",
    "ladder",
    "bus",
    "gate",
    "level",
    "floor",
    "grade",
    "class",
];

const STREET_WORDS: &[&str] = &[
    "road",
    "rd",
    "street",
    "st",
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "way",
    "court",
    "ct",
    "place",
    "pl",
    "highway",
    "parkway",
    "pkwy",
    "circle",
    "terrace",
    "pike",
    "trail",
    "square",
    "plaza",
    "loop",
    "freeway",
    "expressway",
    "row",
    "alley",
];

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
