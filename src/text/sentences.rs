//! The sentence splitter every stage shares.
//!
//! Every extraction stage (noise, dates, figures, quotes) reasons per sentence, so
//! the segmentation must be exact about byte positions and must not break on
//! the abbreviations news prose is full of ("U.S.", "Gen.", "Oct. 7",
//! "7 p.m.", "St. Mary's"). The `sentencex` crate does the language-aware
//! work; this module maps its output back onto the original text, forces a
//! split at every line break (scraped articles put one paragraph, caption or
//! embedded post per line, and those must never merge), and repairs the few
//! abbreviation splits `sentencex` still makes, reading the shared
//! abbreviation table ([`super::abbreviations`]).

use std::ops::Range;

use super::abbreviations::{self, Use};
use super::calendar;
use super::words::WordList;

/// One sentence: a byte range into the segmented text, trimmed of
/// surrounding whitespace, and the index of the paragraph (non-empty line)
/// holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte range into the text given to [`split`].
    pub range: Range<usize>,
    /// 0-based index of the non-empty line the sentence belongs to.
    pub paragraph: usize,
}

/// Words after "a.m."/"p.m." that continue the clock time ("7 p.m. Monday",
/// "9 a.m. Eastern") besides weekdays, months and time zones.
static TIME_CONTINUATIONS: WordList =
    WordList::new(include_str!("sentences/time_continuations.txt"));

/// Splits `text` into sentences with exact byte ranges.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0usize;
    let mut line_start = 0usize;
    for line in text.split('\n') {
        let line_end = line_start + line.len();
        if !line.trim().is_empty() {
            split_line(text, line_start..line_end, paragraph, &mut sentences);
            paragraph += 1;
        }
        line_start = line_end + 1;
    }
    sentences
}

/// Segments one line (already known to hold text) and appends its sentences.
fn split_line(text: &str, line: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let Some(line_text) = text.get(line.clone()) else {
        return;
    };
    let first_of_line = out.len();
    let mut covered = 0usize;
    for boundary in sentencex::get_sentence_boundaries("en", line_text) {
        // Trust sentencex's byte offsets only when they are valid and in
        // order; otherwise the remainder of the line becomes one sentence.
        let (start, end) = (boundary.start_byte, boundary.end_byte);
        if start < covered || end < start || line_text.get(start..end).is_none() {
            continue;
        }
        push_trimmed(line_text, line.start, start..end, paragraph, out);
        covered = end;
    }
    if covered < line_text.len() {
        push_trimmed(
            line_text,
            line.start,
            covered..line_text.len(),
            paragraph,
            out,
        );
    }
    merge_abbreviation_splits(text, first_of_line, out);
}

fn push_trimmed(
    line_text: &str,
    offset: usize,
    range: Range<usize>,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let Some(piece) = line_text.get(range.clone()) else {
        return;
    };
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = offset + range.start + leading;
    out.push(Sentence {
        range: start..start + trimmed.len(),
        paragraph,
    });
}

/// Rejoins sentences that were split right after an abbreviation.
fn merge_abbreviation_splits(text: &str, from: usize, out: &mut Vec<Sentence>) {
    let mut index = from;
    while index + 1 < out.len() {
        let current = &out[index];
        let next = &out[index + 1];
        let Some(current_text) = text.get(current.range.clone()) else {
            break;
        };
        let Some(next_text) = text.get(next.range.clone()) else {
            break;
        };
        if should_merge(current_text, next_text) {
            let end = next.range.end;
            out[index].range.end = end;
            out.remove(index + 1);
        } else {
            index += 1;
        }
    }
}

fn should_merge(current: &str, next: &str) -> bool {
    let Some(body) = current.strip_suffix('.') else {
        return false;
    };
    // The last word before the final period, lower-cased.
    let word_start = body
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = body[word_start..].to_ascii_lowercase();
    let next_first = next.chars().next();
    if abbreviations::has_use(&word, Use::Title) {
        // "Gen. Smith", "Oct. 7", "St. Mary's": followed by a capital or digit.
        return next_first.is_some_and(|c| c.is_alphanumeric());
    }
    if (word == "a.m" || word == "p.m") && next_word_continues_time(next) {
        return true;
    }
    if abbreviations::has_use(&word, Use::Continues) {
        return next_first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    }
    // A lone initial ("John F. Kennedy").
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()) && body.len() > 1 {
        return next_first.is_some_and(|c| c.is_uppercase());
    }
    false
}

/// Words that continue a clock time ("7 p.m. Monday", "9 a.m. Eastern").
fn next_word_continues_time(next: &str) -> bool {
    let word: &str = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    calendar::WEEKDAYS
        .iter()
        .chain(TIME_CONTINUATIONS.iter())
        .chain(calendar::TIME_ZONES.iter())
        .copied()
        .chain(calendar::month_words())
        .any(|continuation| continuation.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One sentence per line, each with its paragraph index.
    #[test]
    fn cases() {
        crate::text::cases::check("src/text/test_data/sentences.txt", |case| {
            split(&case.input)
                .into_iter()
                .map(|s| format!("{} | {}", s.paragraph, &case.input[s.range]))
                .collect::<Vec<_>>()
                .join("\n")
        });
    }

    #[test]
    fn ranges_are_trimmed_with_multibyte_text() {
        let text = "“We’re safe,” she said. Zürich café – closed.\r\nDone.";
        for sentence in split(text) {
            let piece = &text[sentence.range.clone()];
            assert_eq!(piece, piece.trim());
        }
    }

    proptest::proptest! {
        #[test]
        fn ranges_are_valid_and_ordered(text in "(\\PC|[ \n.!?]|U\\.S\\.|Gen\\.|p\\.m\\.){0,80}") {
            let sentences = split(&text);
            for pair in sentences.windows(2) {
                proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
            }
            for sentence in &sentences {
                let piece = text.get(sentence.range.clone());
                proptest::prop_assert!(piece.is_some_and(|piece| !piece.is_empty() && piece == piece.trim()));
            }
        }
    }
}
