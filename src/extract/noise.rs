//! Extraction stage: noise, the non-article material inside article text.
//!
//! Scraped and pasted articles carry embedded social-media posts, image
//! captions (often repeated), page furniture ("Advertisement", share and
//! newsletter prompts, cookie and captcha lines), credit lines ("Additional
//! reporting by ...") and datelines ("WASHINGTON (Reuters) —"). The text is
//! kept as imported, so passages still point at the right place, but claims
//! must not be drawn from this material. This stage finds it, line by line
//! (one paragraph, caption or post per line in scraped text) and sentence by
//! sentence for material glued to article prose.
//!
//! It also names the wire agencies an article credits
//! ([`wire_credits`]), which the comparison uses to explain copied passages.
//!
//! Modules: `datelines` (the place-and-agency prefix of a paragraph),
//! `credits` (wire agencies credited); phrase lists are data files in
//! `noise/`.

mod credits;
mod datelines;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

pub use crate::extract::items::NoiseKind;
use crate::text::sentences::Sentence;
use crate::text::words::WordList;
pub use credits::wire_credits;
use datelines::dateline;

/// One stretch of non-article material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Noise {
    /// Byte range into the text given to [`detect`].
    pub range: Range<usize>,
    /// What it is.
    pub kind: NoiseKind,
}

/// True when `range` lies inside a noise range other than a dateline (a
/// dateline only prefixes article text).
pub fn is_noise(noise: &[Noise], range: &Range<usize>) -> bool {
    noise.iter().any(|item| {
        item.kind != NoiseKind::Dateline
            && item.range.start <= range.start
            && range.end <= item.range.end
    })
}

/// Phrases that mark a short line or sentence as page furniture.
static BOILERPLATE_PHRASES: WordList = WordList::new(include_str!("noise/boilerplate_phrases.txt"));

/// Lines that are nothing but one of these words are share widgets or ads.
static WIDGET_LINES: WordList = WordList::new(include_str!("noise/widget_lines.txt"));

/// Phrases that make a line or sentence a credit line.
static CREDIT_PHRASES: WordList = WordList::new(include_str!("noise/credit_phrases.txt"));

/// Markers of a photo caption or credit.
static CAPTION_PHRASES: WordList = WordList::new(include_str!("noise/caption_phrases.txt"));

/// Line openings that mark a caption.
static CAPTION_OPENINGS: WordList = WordList::new(include_str!("noise/caption_openings.txt"));

/// Line openings of page furniture.
static BOILERPLATE_OPENINGS: WordList =
    WordList::new(include_str!("noise/boilerplate_openings.txt"));

/// Words that end a "Name:" dateline test: these colon prefixes are labels.
static LABEL_WORDS: WordList = WordList::new(include_str!("noise/label_words.txt"));

/// A case-insensitive phrase matcher. The phrase lists are literal and
/// small, so building cannot fail in practice; if it did, detection of that
/// kind would be disabled rather than panic.
struct Phrases(Option<AhoCorasick>);

impl Phrases {
    fn new(list: &[&str], case_insensitive: bool) -> Self {
        Phrases(
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(case_insensitive)
                .match_kind(MatchKind::LeftmostLongest)
                .build(list)
                .ok(),
        )
    }

    fn is_match(&self, text: &str) -> bool {
        self.0
            .as_ref()
            .is_some_and(|automaton| automaton.is_match(text))
    }
}

static BOILERPLATE: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&BOILERPLATE_PHRASES, true));
static CREDITS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&CREDIT_PHRASES, true));
static CAPTIONS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&CAPTION_PHRASES, true));

/// Finds the non-article material in `text`. `title` is the article's
/// headline if known (a line repeating it is a caption); `sentences` are the
/// text's sentences from `sentences::split`. The result is sorted by start
/// and free of overlaps.
pub fn detect(text: &str, title: Option<&str>, sentences: &[Sentence]) -> Vec<Noise> {
    let lines = lines(text);
    let mut found: Vec<Noise> = Vec::new();
    let normalised_title = title.map(normalise).filter(|title| !title.is_empty());
    let normalised_lines: Vec<String> = lines
        .iter()
        .map(|range| {
            if word_count(&text[range.clone()]) <= 25 {
                normalise(&text[range.clone()])
            } else {
                String::new()
            }
        })
        .collect();

    let playlist_entries: Vec<bool> = lines
        .iter()
        .map(|range| opens_with_running_time(&text[range.clone()]))
        .collect();
    for (position, range) in lines.iter().enumerate() {
        let line = &text[range.clone()];
        // A video playlist: titles after their running times ("1:27
        // Mural festival paints the city"), one per line. Two in a row,
        // since a lone line may be prose opening with a clock time.
        let in_playlist = playlist_entries[position]
            && (position
                .checked_sub(1)
                .is_some_and(|previous| playlist_entries[previous])
                || playlist_entries.get(position + 1) == Some(&true));
        if in_playlist {
            found.push(Noise {
                range: range.clone(),
                kind: NoiseKind::Boilerplate,
            });
            continue;
        }
        if let Some(kind) = classify_line(line) {
            found.push(Noise {
                range: range.clone(),
                kind,
            });
            if kind == NoiseKind::SocialPost && position > 0 {
                // The card title of an embedded post: a short unpunctuated
                // line right before it.
                let previous = &text[lines[position - 1].clone()];
                if word_count(previous) <= 20 && !ends_like_prose(previous) {
                    found.push(Noise {
                        range: lines[position - 1].clone(),
                        kind: NoiseKind::SocialPost,
                    });
                }
            }
            continue;
        }
        let normalised = &normalised_lines[position];
        if !normalised.is_empty() {
            let repeats_title = normalised_title.as_deref() == Some(normalised.as_str());
            // A repeated headline-like line is a caption everywhere; a
            // repeated sentence (a lead echoed by a summary) is article text
            // the first time.
            let repeated = if ends_like_prose(line) {
                normalised_lines[..position]
                    .iter()
                    .any(|text| text == normalised)
            } else {
                normalised_lines
                    .iter()
                    .enumerate()
                    .any(|(other, text)| other != position && text == normalised)
            };
            if repeats_title || repeated {
                found.push(Noise {
                    range: range.clone(),
                    kind: NoiseKind::Caption,
                });
                continue;
            }
        }
        if let Some(prefix) = dateline(line) {
            found.push(Noise {
                range: range.start..range.start + prefix,
                kind: NoiseKind::Dateline,
            });
        }
    }

    // Material glued to prose inside a longer line: judge sentence by sentence.
    for sentence in sentences {
        let Some(piece) = text.get(sentence.range.clone()) else {
            continue;
        };
        let words = word_count(piece);
        let kind = if CREDITS.is_match(piece) && words <= 40 {
            Some(NoiseKind::Credit)
        } else if CAPTIONS.is_match(piece) {
            Some(NoiseKind::Caption)
        } else if BOILERPLATE.is_match(piece) && words <= 30 {
            Some(NoiseKind::Boilerplate)
        } else {
            None
        };
        if let Some(kind) = kind {
            found.push(Noise {
                range: sentence.range.clone(),
                kind,
            });
        }
    }

    found.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut kept: Vec<Noise> = Vec::with_capacity(found.len());
    for item in found {
        match kept.last() {
            Some(last) if item.range.start < last.range.end => {}
            _ => kept.push(item),
        }
    }
    kept
}

/// True for a line opening with a video's running time and a title ("2:07
/// Mother of toddler speaks"), not a clock time ("9:30 p.m. Police…").
fn opens_with_running_time(line: &str) -> bool {
    let Some((minutes, rest)) = line.split_once(':') else {
        return false;
    };
    let (Some(seconds), Some(title)) = (rest.get(..2), rest.get(2..)) else {
        return false;
    };
    let clock_word = title
        .trim_start()
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .is_some_and(|word| {
            matches!(
                word.to_ascii_lowercase().trim_end_matches('.'),
                "a.m" | "p.m" | "am" | "pm"
            )
        });
    (1..=2).contains(&minutes.len())
        && minutes.bytes().all(|b| b.is_ascii_digit())
        && seconds.bytes().all(|b| b.is_ascii_digit())
        && title.starts_with(' ')
        && title.trim_start().starts_with(|c: char| {
            c.is_uppercase() || c == '\'' || c == '"' || c == '‘' || c == '“'
        })
        && !clock_word
}

/// Trimmed, non-empty lines as byte ranges.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut result = Vec::new();
    let mut start = 0usize;
    for line in text.split('\n') {
        let leading = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            result.push(start + leading..start + leading + trimmed.len());
        }
        start += line.len() + 1;
    }
    result
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn ends_like_prose(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', ')'])
}

/// Lower-case letters and digits with single spaces, for comparing lines.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

fn starts_with_any(line: &str, openings: &[&str]) -> bool {
    openings.iter().any(|opening| {
        line.get(..opening.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(opening))
    })
}

/// Classifies a whole line, when the line as a whole is noise.
fn classify_line(line: &str) -> Option<NoiseKind> {
    if is_social_post(line) {
        return Some(NoiseKind::SocialPost);
    }
    let words = word_count(line);
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '.');
    if WIDGET_LINES
        .iter()
        .any(|widget| widget.eq_ignore_ascii_case(bare))
    {
        return Some(NoiseKind::Boilerplate);
    }
    if line.chars().all(|c| !c.is_alphanumeric()) {
        return Some(NoiseKind::Boilerplate);
    }
    if starts_with_any(line, &CAPTION_OPENINGS) {
        return Some(NoiseKind::Caption);
    }
    if starts_with_any(line, &BOILERPLATE_OPENINGS) && words <= 40 {
        return Some(NoiseKind::Boilerplate);
    }
    // Credits glued after prose are left to the sentence pass.
    let unbracketed = line.trim_start_matches('(');
    if words <= 40
        && (is_byline(line)
            || CREDIT_PHRASES
                .iter()
                .any(|phrase| starts_with_any(unbracketed, &[phrase])))
    {
        return Some(NoiseKind::Credit);
    }
    if words <= 12 && BOILERPLATE.is_match(line) {
        return Some(NoiseKind::Boilerplate);
    }
    None
}

/// "By Jane Doe", "By The Associated Press", "By Jane Doe, Staff Writer".
fn is_byline(line: &str) -> bool {
    let Some(rest) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !ends_like_prose(line.trim_end_matches(|c: char| c.is_alphanumeric()))
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase())
                || ["and", "of", "the", "staff", "for", "|"].contains(&word.trim_end_matches(','))
        })
}

/// An embedded post: a pic.twitter.com link, a status URL, or the closing
/// signature "— Name (@handle) Month D, YYYY".
fn is_social_post(line: &str) -> bool {
    let lower_contains = |needle: &str| {
        line.as_bytes()
            .windows(needle.len())
            .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if lower_contains("pic.twitter.com/")
        || lower_contains("/status/")
        || lower_contains("a post shared by")
    {
        return true;
    }
    // Signature: "(@handle)" followed by a date ending the line.
    let Some(handle) = line.rfind("(@") else {
        return false;
    };
    let Some(close) = line[handle..].find(')') else {
        return false;
    };
    let after = line[handle + close + 1..].trim();
    let has_year = after.len() >= 4
        && after
            .get(after.len() - 4..)
            .is_some_and(|year| year.bytes().all(|b| b.is_ascii_digit()));
    let before = line[..handle].trim_end();
    let dash_before = before
        .rfind(['—', '–', '-'])
        .is_some_and(|dash| handle - dash < 80);
    has_year && after.len() <= 25 && dash_before
}

#[cfg(test)]
mod tests;
