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

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::text::sentences::Sentence;

/// What kind of non-article material a range holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoiseKind {
    /// An embedded post from a social network.
    SocialPost,
    /// An image caption, photo credit or repeated headline.
    Caption,
    /// Page furniture: ads, share, newsletter, login, cookie, copyright lines.
    Boilerplate,
    /// A credit line: who reported, wrote, edited or contributed.
    Credit,
    /// A dateline at the start of a paragraph ("New Delhi:"); only the
    /// prefix, the rest of the sentence is article text.
    Dateline,
}

impl NoiseKind {
    /// Lower-case name as stored in the archive.
    pub fn as_str(self) -> &'static str {
        match self {
            NoiseKind::SocialPost => "socialpost",
            NoiseKind::Caption => "caption",
            NoiseKind::Boilerplate => "boilerplate",
            NoiseKind::Credit => "credit",
            NoiseKind::Dateline => "dateline",
        }
    }
}

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
const BOILERPLATE_PHRASES: &[&str] = &[
    "already a subscriber",
    "subscribe now",
    "subscribe to our",
    "subscribe today",
    "sign up for our",
    "sign up for the",
    "newsletter",
    "captcha",
    "are you a robot",
    "not a robot",
    "we use cookies",
    "uses cookies",
    "accept cookies",
    "cookie policy",
    "cookie settings",
    "privacy policy",
    "terms of service",
    "terms of use",
    "all rights reserved",
    "this material may not be published",
    "may not be published, broadcast",
    "please enable javascript",
    "enable javascript",
    "share this:",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "click here to",
    "click to share",
    "copy link",
    "hide transcript",
    "show transcript",
    "verification email",
    "thank you for registering",
    "already have an account",
    "you are the owner of this article",
    "get email notifications",
    "your notification has been saved",
    "problem saving your notification",
    "there was an error sending",
    "like this: like",
    "follow us on",
    "join the conversation",
    "report an error",
    "submit a tip",
    "log in to",
    "sign in to",
    "create an account",
    "read more:",
    "related coverage",
    "watch the video",
    "listen to",
    "download our app",
    "for late-breaking updates",
    "check back for updates",
    "for immediate release",
    "continue reading",
    "story continues below",
];

/// Lines that are nothing but one of these words are share widgets or ads.
const WIDGET_LINES: &[&str] = &[
    "advertisement",
    "ad",
    "twitter",
    "facebook",
    "pinterest",
    "google",
    "google+",
    "email",
    "e-mail",
    "print",
    "more",
    "close",
    "comments",
    "comment",
    "share",
    "tweet",
    "linkedin",
    "reddit",
    "whatsapp",
    "sponsored",
    "related",
    "recommended",
    "loading...",
    "skip",
    "next",
    "previous",
    "menu",
    "video",
    "photos",
    "gallery",
];

/// Phrases that make a line or sentence a credit line.
const CREDIT_PHRASES: &[&str] = &[
    "additional reporting by",
    "reporting by",
    "writing by",
    "editing by",
    "edited by",
    "compiled by",
    "contributed to this report",
    "contributed to this article",
    "contributed to this story",
    "contributed reporting",
    "contributed to the report",
    "this story has been updated",
    "this article has been updated",
    "this report has been updated",
];

/// Markers of a photo caption or credit.
const CAPTION_PHRASES: &[&str] = &[
    "(ap photo",
    "(photo:",
    "(photo by",
    "(photo credit",
    "(photo courtesy",
    "(reuters/",
    "(afp photo",
    "(getty images",
    "/ getty images",
    "/getty images",
    "(file photo",
    "buy photo",
    "view full caption",
    "image caption",
    "image copyright",
    "photo caption",
];

/// Line openings that mark a caption.
const CAPTION_OPENINGS: &[&str] = &[
    "buy photo",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "picture:",
    "file photo",
    "file -",
    "caption:",
    "pictured:",
    "photo credit",
];

/// Line openings of page furniture.
const BOILERPLATE_OPENINGS: &[&str] = &[
    "posted:",
    "updated:",
    "published:",
    "last updated",
    "copyright",
    "©",
    "(©",
    "related:",
    "video:",
    "watch:",
    "listen:",
];

/// Words that end a "Name:" dateline test: these colon prefixes are labels.
const LABEL_WORDS: &[&str] = &[
    "photo",
    "photos",
    "video",
    "watch",
    "update",
    "updated",
    "posted",
    "published",
    "note",
    "related",
    "read",
    "warning",
    "caption",
    "source",
    "listen",
    "breaking",
    "editor",
    "image",
    "picture",
    "file",
    "q",
    "a",
    "question",
    "answer",
    "advertisement",
    "more",
    "also",
    "see",
    "contact",
    "email",
    "phone",
    "address",
    "time",
    "date",
    "when",
    "where",
    "what",
    "who",
    "why",
    "how",
    "police",
    "officials",
    "authorities",
    "poll",
    "sex",
    "age",
    "race",
    "name",
    "subject",
    "type",
];

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

static BOILERPLATE: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(BOILERPLATE_PHRASES, true));
static CREDITS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CREDIT_PHRASES, true));
static CAPTIONS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CAPTION_PHRASES, true));

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
    if starts_with_any(line, CAPTION_OPENINGS) {
        return Some(NoiseKind::Caption);
    }
    if starts_with_any(line, BOILERPLATE_OPENINGS) && words <= 40 {
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

/// The length in bytes of a dateline opening `line`, if it has one.
fn dateline(line: &str) -> Option<usize> {
    let head_end = line
        .char_indices()
        .nth(90)
        .map_or(line.len(), |(index, _)| index);
    let head = &line[..head_end];
    // "WASHINGTON (Reuters) —", "BAGHDAD, Dec 26 (AFP) -", "HOUSTON —",
    // "FAIRPLAY, Colo. --", "WASHINGTON (AP) The ...".
    if let Some(length) = capitalised_dateline(head) {
        return Some(length);
    }
    // "New Delhi:": one to three capitalised words and a colon.
    let Some(colon) = head.find(':') else {
        return title_case_dateline(head);
    };
    let prefix = &head[..colon];
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let rest = line[colon + 1..].trim_start();
    if (1..=3).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '-')
        })
        && !words.iter().any(|word| {
            LABEL_WORDS
                .iter()
                .any(|label| label.eq_ignore_ascii_case(word.trim_end_matches('.')))
        })
        && rest.starts_with(|c: char| c.is_uppercase())
        && word_count(rest) >= 6
        && ends_like_prose(rest)
    {
        return Some(colon + 1);
    }
    title_case_dateline(head)
}

/// "Detroit — Authorities say ...": one to three capitalised words, then an
/// em dash or double hyphen (a plain hyphen is too common in prose).
fn title_case_dateline(head: &str) -> Option<usize> {
    let (dash_start, dash) = [" — ", " -- ", " – "]
        .iter()
        .filter_map(|dash| head.find(dash).map(|at| (at, *dash)))
        .min()?;
    let prefix = &head[..dash_start];
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let place_like = (1..=3).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '-' | '\''))
        })
        && !words.iter().any(|word| {
            LABEL_WORDS
                .iter()
                .any(|label| label.eq_ignore_ascii_case(word.trim_end_matches(['.', ','])))
        });
    let rest = &head[dash_start + dash.len()..];
    // Report forms ("Weapon Information – Handgun") are not datelines:
    // prose must follow.
    (place_like && rest.starts_with(|c: char| c.is_uppercase()) && word_count(rest) >= 6)
        .then_some(dash_start + dash.trim_end().len())
}

/// An all-capitals place, optional ", State" / ", Mon DD", optional
/// "(AGENCY)", then a dash or the parenthesis itself.
fn capitalised_dateline(head: &str) -> Option<usize> {
    let first_word: &str = head.split(|c: char| c.is_whitespace() || c == ',').next()?;
    let letters: Vec<char> = first_word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    let mut depth = 0usize;
    let mut saw_parenthesis = false;
    for (index, c) in head.char_indices() {
        match c {
            '(' => {
                depth += 1;
                saw_parenthesis = true;
            }
            ')' => {
                depth = depth.saturating_sub(1);
                // "WASHINGTON (AP) The ..." without a dash.
                let after = head[index + 1..].trim_start();
                let dash_follows = after.starts_with(['—', '–', '-']);
                if depth == 0 && !dash_follows && after.starts_with(|c: char| c.is_uppercase()) {
                    return Some(index + 1);
                }
            }
            '—' | '–' | '-' if depth == 0 => {
                let before = &head[..index];
                let after = &head[index + c.len_utf8()..];
                // A hyphen inside a word ("Wilkes-Barre") is not a separator.
                let spaced = before.ends_with(char::is_whitespace)
                    || after.starts_with(char::is_whitespace)
                    || after.starts_with(['-', '—']);
                if !spaced {
                    continue;
                }
                let end = index + c.len_utf8() + after.len()
                    - after.trim_start_matches(['-', '—', '–']).len();
                return Some(end.min(head.len()));
            }
            _ if depth == 0 && c.is_lowercase() => {
                // Lower-case words may only be abbreviations ("Colo.", "Dec").
                // Whitespace may be wider than one byte (em space).
                let word_start = head[..index]
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let word_end = head[index..]
                    .find(|c: char| c.is_whitespace())
                    .map_or(head.len(), |i| index + i);
                let word = &head[word_start..word_end];
                let starts_capital = word.starts_with(|c: char| c.is_uppercase());
                if !starts_capital || word.len() > 6 && !saw_parenthesis {
                    return None;
                }
            }
            '.' | '!' | '?' | ':' | ';' | '"' | '“' if depth == 0 => {
                let after = &head[index + c.len_utf8()..];
                if c != '.'
                    || after.starts_with(char::is_whitespace)
                        && after.trim_start().starts_with(|c: char| c.is_lowercase())
                {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// Wire agencies: (surface form, normalised name).
const AGENCIES: &[(&str, &str)] = &[
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Reuters", "Reuters"),
    ("Thomson Reuters", "Reuters"),
    ("Associated Press", "AP"),
    ("AP", "AP"),
    ("dpa", "dpa"),
    ("DPA", "dpa"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("ANI", "ANI"),
    ("Asian News International", "ANI"),
    ("PTI", "PTI"),
    ("Press Trust of India", "PTI"),
    ("IANS", "IANS"),
    ("Xinhua", "Xinhua"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
    ("Kyodo", "Kyodo"),
    ("Yonhap", "Yonhap"),
    ("TASS", "TASS"),
    ("Anadolu", "Anadolu"),
    ("EFE", "EFE"),
    ("ANSA", "ANSA"),
    ("Bernama", "Bernama"),
    ("Press Association", "PA"),
    ("Canadian Press", "Canadian Press"),
    ("AAP", "AAP"),
];

static AGENCY_NAMES: LazyLock<Phrases> = LazyLock::new(|| {
    let surfaces: Vec<&str> = AGENCIES.iter().map(|(surface, _)| *surface).collect();
    Phrases::new(&surfaces, false)
});

/// Wire agencies credited in `text`: in credit lines and bylines, in
/// datelines ("(Reuters)"), in photo credits ("AP Photo"), and in "according
/// to news agency AFP" / "the AFP news agency". Returns each credited
/// mention's range and the agency's normalised name, in text order.
pub fn wire_credits(text: &str) -> Vec<(Range<usize>, String)> {
    let mut credits = Vec::new();
    let Some(automaton) = AGENCY_NAMES.0.as_ref() else {
        return credits;
    };
    for found in automaton.find_iter(text) {
        let range = found.start()..found.end();
        let bytes = text.as_bytes();
        let word_before = range.start > 0 && bytes[range.start - 1].is_ascii_alphanumeric();
        let word_after = range.end < bytes.len() && bytes[range.end].is_ascii_alphanumeric();
        if word_before || word_after {
            continue;
        }
        if credited(text, &range) {
            let (_, name) = AGENCIES[found.pattern().as_usize()];
            credits.push((range, name.to_string()));
        }
    }
    credits
}

fn credited(text: &str, range: &Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let untrimmed = &text[line_start..line_end];
    let line = untrimmed.trim();
    let line_start = line_start + (untrimmed.len() - untrimmed.trim_start().len());
    let before = text[line_start..range.start].trim_end();
    let after = text[range.end..line_end].trim_start();
    // "(AFP)", "(AP Photo/...)", "(Reuters/Jane Doe)", "/ AFP)".
    let opened = before.ends_with('(') || before.ends_with('/');
    let closed = after.starts_with(')') || after.starts_with('/') || after.starts_with("Photo");
    if opened && closed || before.ends_with('(') && after.starts_with("Photo") {
        return true;
    }
    // Credit lines, bylines, and a closing "— AFP".
    let closing_credit = line.ends_with(&text[range.clone()]) && before.ends_with(['—', '–', '-']);
    if word_count(line) <= 40 && (CREDITS.is_match(line) || is_byline(line) || closing_credit) {
        return true;
    }
    if dateline(line).is_some_and(|length| line_start + length >= range.end) {
        return true;
    }
    // "according to news agency AFP", "the AFP news agency", "AFP reported".
    let before_lower = before.to_ascii_lowercase();
    if before_lower.ends_with("according to")
        || before_lower.ends_with("news agency")
        || before_lower.ends_with("wire service")
        || before_lower.ends_with("according to the")
        || before_lower.ends_with("told the")
    {
        return true;
    }
    let after_lower = after
        .get(..after.len().min(24))
        .unwrap_or("")
        .to_ascii_lowercase();
    after_lower.starts_with("news agency")
        || after_lower.starts_with("contributed")
        || after_lower.starts_with("reported")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sentences::split;

    fn noise_of(text: &str, title: Option<&str>) -> Vec<(String, NoiseKind)> {
        detect(text, title, &split(text))
            .into_iter()
            .map(|n| (text[n.range].to_string(), n.kind))
            .collect()
    }

    #[test]
    fn embedded_post_and_its_card_title() {
        let text = "Officials confirmed the strike.\n\nArmy hits militia depots in the north\n\n\nOur forces struck three depots tonight… pic.twitter.com/abc123XYZ — Army Command (@ArmyCmd) December 26, 2023\n\nThe ministry said two people died.";
        assert_eq!(
            noise_of(text, None),
            vec![
                ("Army hits militia depots in the north".to_string(), NoiseKind::SocialPost),
                (
                    "Our forces struck three depots tonight… pic.twitter.com/abc123XYZ — Army Command (@ArmyCmd) December 26, 2023"
                        .to_string(),
                    NoiseKind::SocialPost
                ),
            ]
        );
        assert!(is_social_post(
            "Great work by the crews. — Jane Roe (@janeroe) March 18, 2015"
        ));
        assert!(!is_social_post(
            "The mayor (@mayor on social media) spoke on Monday."
        ));
    }

    #[test]
    fn repeated_short_lines_and_headline_are_captions() {
        let text = "Army strikes militias after drone attack\n\nStrikes hit militias\n\nThe army struck depots on Monday night.\n\nStrikes hit militias\n\nThe ministry condemned it.";
        assert_eq!(
            noise_of(text, Some("Army strikes militias after drone attack")),
            vec![
                (
                    "Army strikes militias after drone attack".to_string(),
                    NoiseKind::Caption
                ),
                ("Strikes hit militias".to_string(), NoiseKind::Caption),
                ("Strikes hit militias".to_string(), NoiseKind::Caption),
            ]
        );
    }

    #[test]
    fn photo_credits_and_furniture() {
        let text = "Photo: Smoke rises over the base.\nAdvertisement\nAlready a subscriber? Log in here.\nA boy was hurt. Residents gathered at the scene (AP Photo/Jane Doe).\nShare this: Facebook\nThe police said he is stable.\n© 2016 Some Media Group.\nTwitter";
        let kinds: Vec<NoiseKind> = noise_of(text, None)
            .into_iter()
            .map(|(_, kind)| kind)
            .collect();
        assert_eq!(
            kinds,
            vec![
                NoiseKind::Caption,
                NoiseKind::Boilerplate,
                NoiseKind::Boilerplate,
                NoiseKind::Caption,
                NoiseKind::Boilerplate,
                NoiseKind::Boilerplate,
                NoiseKind::Boilerplate,
            ]
        );
        let found = noise_of(text, None);
        assert_eq!(
            found[3].0,
            "Residents gathered at the scene (AP Photo/Jane Doe)."
        );
    }

    #[test]
    fn video_playlist_entries_are_furniture() {
        let text = "A boy was shot on Monday.\n\n3:02 Woman parts with beloved dog Pause\n\n1:27 Mural festival paints the city\n\n9:30 PM Police arrived at the scene.\n\n10:15 Officers found a second victim.";
        let found = noise_of(text, None);
        assert_eq!(
            found,
            vec![
                (
                    "3:02 Woman parts with beloved dog Pause".to_string(),
                    NoiseKind::Boilerplate
                ),
                (
                    "1:27 Mural festival paints the city".to_string(),
                    NoiseKind::Boilerplate
                ),
            ]
        );
    }

    #[test]
    fn credit_lines() {
        let text = "The strikes ended at dawn.\nAdditional reporting by Reuters\nJane Doe contributed to this report.\nWriting by John Roe; Editing by Ann Poe\nBy The Associated Press";
        let found = noise_of(text, None);
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|(_, kind)| *kind == NoiseKind::Credit));
        let text = "A man was shot. Station reporter Jo Ray contributed to this article.";
        assert_eq!(
            noise_of(text, None),
            vec![(
                "Station reporter Jo Ray contributed to this article.".to_string(),
                NoiseKind::Credit
            )]
        );
    }

    #[test]
    fn datelines_cover_only_the_prefix() {
        let cases = [
            (
                "New Delhi: The army launched strikes on the depots.",
                "New Delhi:",
            ),
            (
                "WASHINGTON (Reuters) — The army launched strikes.",
                "WASHINGTON (Reuters) —",
            ),
            (
                "BAGHDAD, Dec 26 (AFP) - Strikes hit three sites.",
                "BAGHDAD, Dec 26 (AFP) -",
            ),
            (
                "FAIRPLAY, Colo. -- A deputy has been arrested.",
                "FAIRPLAY, Colo. --",
            ),
            ("HOUSTON — Police are looking for a gunman.", "HOUSTON —"),
            (
                "SPRINGFIELD (AP) The city council met Monday.",
                "SPRINGFIELD (AP)",
            ),
            ("Detroit — Authorities say a man was arrested.", "Detroit —"),
            (
                "Mumbai: The state government announced a new relief package for the families of victims on Monday.",
                "Mumbai:",
            ),
        ];
        for (text, prefix) in cases {
            let found = noise_of(text, None);
            assert_eq!(
                found,
                vec![(prefix.to_string(), NoiseKind::Dateline)],
                "{text}"
            );
            let noise = detect(text, None, &split(text));
            assert!(!is_noise(&noise, &(0..text.len())));
        }
        for text in [
            "Police said: The man fled on foot toward the river.",
            "Prosecutor: Employee shoots four colleagues",
            "PREVIOUS STORY: Man shot on Main Street",
            "Police — who arrived late — found nothing.",
            "FBI agents arrived at the scene - later than expected.",
            "Photo: The scene of the shooting on Monday.",
            "The US military launched strikes - officials said.",
        ] {
            assert!(
                noise_of(text, None)
                    .iter()
                    .all(|(_, kind)| *kind != NoiseKind::Dateline),
                "{text}"
            );
        }
    }

    #[test]
    fn repeated_lead_sentence_counts_once() {
        let text = "A boy was shot on Main Street on Monday night.\n\nA boy was shot on Main Street on Monday night.\n\nHe is stable.";
        assert_eq!(
            noise_of(text, None),
            vec![(
                "A boy was shot on Main Street on Monday night.".to_string(),
                NoiseKind::Caption
            )]
        );
        assert_eq!(detect(text, None, &split(text))[0].range.start, 48);
    }

    #[test]
    fn article_text_is_not_noise() {
        let text = "A drone attack wounded three soldiers on Monday.\n\n“We will respond,” the minister said.\n\nThe group has been designated a terrorist organisation since 2009.";
        assert!(noise_of(text, Some("Soldiers wounded")).is_empty());
    }

    #[test]
    fn is_noise_needs_containment() {
        let noise = vec![
            Noise {
                range: 10..20,
                kind: NoiseKind::Boilerplate,
            },
            Noise {
                range: 30..40,
                kind: NoiseKind::Dateline,
            },
        ];
        assert!(is_noise(&noise, &(12..18)));
        assert!(!is_noise(&noise, &(5..18)));
        assert!(!is_noise(&noise, &(30..35)));
    }

    #[test]
    fn wire_credits_found_in_context() {
        let text = "BAGHDAD, Dec 26 (AFP) - Strikes hit.\nAccording to news agency AFP, anger grew.\nReuters has more.\nAdditional reporting by Reuters\nA crowd gathered (AP Photo/Jane Doe).\nThe APA met.";
        let names: Vec<String> = wire_credits(text)
            .into_iter()
            .map(|(range, name)| format!("{}={}", &text[range], name))
            .collect();
        assert_eq!(
            names,
            vec!["AFP=AFP", "AFP=AFP", "Reuters=Reuters", "AP=AP"]
        );
        let text = "(Reporting by Jane Doe; Editing by John Roe)\nCopyright Associated Press";
        let found = wire_credits("Writing by Ann Poe for Agence France-Presse");
        assert_eq!(
            found.into_iter().map(|(_, name)| name).collect::<Vec<_>>(),
            vec!["AFP"]
        );
        assert!(
            wire_credits(text).is_empty()
                || wire_credits(text).iter().all(|(_, name)| name == "AP")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_stays_sorted(text in "(\\PC|[ \n—–(@):.A-Z]){0,120}") {
            let noise = detect(&text, Some("A B"), &split(&text));
            for pair in noise.windows(2) {
                proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
            }
            for item in &noise {
                proptest::prop_assert!(text.get(item.range.clone()).is_some());
            }
            for (range, _) in wire_credits(&text) {
                proptest::prop_assert!(text.get(range).is_some());
            }
        }
    }

    #[test]
    fn kinds_serialise_lowercase() {
        assert_eq!(
            serde_json::to_string(&NoiseKind::SocialPost).unwrap(),
            "\"socialpost\""
        );
        assert_eq!(NoiseKind::Dateline.as_str(), "dateline");
    }

    #[test]
    fn wide_whitespace_before_a_lowercase_word_does_not_panic() {
        let text = "AA\u{2000}a";
        let sentences = crate::text::sentences::split(text);
        assert_eq!(detect(text, None, &sentences), Vec::new());
    }
}
