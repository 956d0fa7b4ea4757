//! Text layout for the quotation stage: paragraphs (one a line) and the
//! sentences quotations and attributions are read in.
//!
//! The pipeline passes the segmentation stage's sentences; this module's own
//! splitter serves callers that have none (tests, the events stage on a bare
//! text). Paragraphs matter because a quotation never spans one unless the
//! next paragraph re-opens it.

use std::borrow::Cow;
use std::ops::Range;

use super::tokens::is_abbreviation;

/// Byte ranges of the non-empty lines of `text`, trimmed of surrounding spaces.
pub(super) fn paragraph_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, character) in text.char_indices() {
        if character == '\n' {
            push_trimmed(text, start..index, &mut lines);
            start = index + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut lines);
    lines
}

pub(super) fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let trimmed = trim_range(text, range);
    if !trimmed.is_empty() {
        out.push(trimmed);
    }
}

/// Shrinks a range past surrounding whitespace.
pub(super) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if end < start {
        start..start
    } else {
        start..end
    }
}

/// `sentences`, or when the caller has none, this module's own split of
/// `text` ([`fallback_sentences`]).
pub fn sentences_or_fallback<'a>(
    text: &str,
    sentences: &'a [Range<usize>],
) -> Cow<'a, [Range<usize>]> {
    if sentences.is_empty() {
        Cow::Owned(fallback_sentences(text))
    } else {
        Cow::Borrowed(sentences)
    }
}

/// A plain sentence segmentation used when the pipeline passes none: lines,
/// cut after `.`, `!` or `?` (and any closing marks) when a capital, digit or
/// opening mark follows a space, unless the word before is an abbreviation.
pub fn fallback_sentences(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    for line in paragraph_lines(text) {
        let slice = &text[line.clone()];
        let mut start = 0;
        let characters: Vec<(usize, char)> = slice.char_indices().collect();
        let mut position = 0;
        while position < characters.len() {
            let (index, character) = characters[position];
            if matches!(character, '.' | '!' | '?') {
                let mut end = position + 1;
                while end < characters.len()
                    && (matches!(characters[end].1, '”' | '’' | '"' | '\'' | ')' | '»'))
                {
                    end += 1;
                }
                let followed_by_space = characters.get(end).is_some_and(|c| c.1.is_whitespace());
                let mut next = end;
                while next < characters.len() && characters[next].1.is_whitespace() {
                    next += 1;
                }
                let starts_sentence = characters.get(next).is_some_and(|&(_, c)| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'')
                });
                let word_start = slice[..index]
                    .rfind(char::is_whitespace)
                    .map_or(0, |space| space + 1);
                let word = &slice[word_start..index];
                // An initial is followed by more of the name, not by a quotation.
                let next_is_mark = characters
                    .get(next)
                    .is_some_and(|&(_, c)| matches!(c, '“' | '"' | '‘'));
                let abbreviation =
                    is_abbreviation(word) && !(next_is_mark && word.chars().count() == 1);
                if followed_by_space && starts_sentence && !(character == '.' && abbreviation) {
                    let cut = characters.get(end).map_or(slice.len(), |c| c.0);
                    push_trimmed(text, line.start + start..line.start + cut, &mut sentences);
                    start = cut;
                }
                position = end.max(position + 1);
            } else {
                position += 1;
            }
        }
        push_trimmed(text, line.start + start..line.end, &mut sentences);
    }
    sentences
}

/// The sentence(s) a span sits in: from the sentence holding its start to
/// the one holding its end; the span's own line when no sentence covers it.
pub(super) fn sentence_span(
    text: &str,
    sentences: &[Range<usize>],
    span: &Range<usize>,
) -> Range<usize> {
    let first = sentences.partition_point(|sentence| sentence.end <= span.start);
    let last_position = span.end.saturating_sub(1).max(span.start);
    let last = sentences.partition_point(|sentence| sentence.end <= last_position);
    match (sentences.get(first), sentences.get(last)) {
        (Some(start), Some(end)) if start.start <= span.start && end.start <= last_position => {
            start.start.min(span.start)..end.end.max(span.end)
        }
        _ => {
            let line_start = text[..span.start].rfind('\n').map_or(0, |index| index + 1);
            let line_end = text[span.end..]
                .find('\n')
                .map_or(text.len(), |index| span.end + index);
            line_start..line_end
        }
    }
}
