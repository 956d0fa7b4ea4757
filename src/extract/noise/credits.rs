//! Wire credits: the agencies an article credits (in credit lines and
//! bylines, datelines, photo credits, "according to news agency AFP").

use std::ops::Range;
use std::sync::LazyLock;

use super::datelines::dateline;
use super::{CREDITS, Phrases, is_byline, word_count};
use crate::text::words::WordTable;

/// Wire agencies: surface form = normalised name.
pub(super) static AGENCIES: WordTable = WordTable::new(include_str!("agencies.txt"));

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
        if credited(text, &range)
            && let Some((_, name)) = AGENCIES.get(found.pattern().as_usize())
        {
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
