//! Words and character spans of a text, as every section of the
//! comparison reads them: lower-cased runs of letters and digits with their
//! character offsets, a fixed word hash, and slicing by character offsets
//! (fast on long bodies). Separate because it knows nothing of findings.

/// Calls `visit` with each word of a text (lower-cased) and its character
/// span: runs of letters and digits, with "&" read as "and" (so "Iraq &
/// Syria" matches "Iraq and Syria"). One buffer serves every word.
pub fn for_each_word(text: &str, mut visit: impl FnMut(&str, usize, usize)) {
    let mut current = String::new();
    let mut start = 0;
    let mut position = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = position;
            }
            if c.is_ascii() {
                current.push(c.to_ascii_lowercase());
            } else {
                current.extend(c.to_lowercase());
            }
        } else {
            if !current.is_empty() {
                visit(&current, start, position);
                current.clear();
            }
            if c == '&' {
                visit("and", position, position + 1);
            }
        }
        position += 1;
    }
    if !current.is_empty() {
        visit(&current, start, position);
    }
}

/// Words of a text with their character spans (see [`for_each_word`]).
pub fn word_spans(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for_each_word(text, |w, s, e| out.push((w.to_string(), s, e)));
    out
}

/// FNV-1a hash of a word: fixed, so results never depend on the process.
pub fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The characters `start..end` of `text` (character offsets).
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    let from = byte_of_char(text, start);
    let to = from + byte_of_char(&text[from..], end.saturating_sub(start));
    text[from..to].to_string()
}

/// The byte offset of character `chars` of `text` (its length past the
/// end). Findings are sliced from long bodies thousands of times per
/// comparison, so whole blocks of bytes are skipped by counting the bytes
/// that start a character (a count that vectorises) instead of decoding
/// characters one by one.
fn byte_of_char(text: &str, chars: usize) -> usize {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    // A byte continues a character when its top bits are 10: eight bytes
    // at a time, the mask keeps bit 7 where bit 6 (shifted up) is clear.
    let starts = |block: &[u8]| -> usize {
        block
            .chunks_exact(8)
            .map(|chunk| {
                let mut word = [0_u8; 8];
                word.copy_from_slice(chunk);
                let word = u64::from_le_bytes(word);
                let continuing = word & !(word << 1) & 0x8080_8080_8080_8080;
                8 - continuing.count_ones() as usize
            })
            .sum()
    };
    let (mut at, mut seen) = (0, 0);
    // Character `chars` starts after `chars` others: a block holding no
    // more starts than are left to pass does not hold it.
    while let Some(block) = bytes.get(at..at + BLOCK) {
        let count = starts(block);
        if seen + count > chars {
            break;
        }
        seen += count;
        at += BLOCK;
    }
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        if (byte as i8) >= -0x40 {
            if seen == chars {
                return at + offset;
            }
            seen += 1;
        }
    }
    bytes.len()
}

/// True when `text` holds `value` as whole words ("32" in "Smith, 32," but
/// not in "1:32" or "2032"; "Dunbar" but not "Dunbarton").
pub fn writes(text: &str, value: &str) -> bool {
    let numeric = value.starts_with(|c: char| c.is_ascii_digit());
    // A clock or a decimal ("1:32", "3.32") glues digits to digits.
    let glued_before = |c: char| c.is_alphanumeric() || (numeric && matches!(c, ':' | '.'));
    !value.is_empty()
        && text.match_indices(value).any(|(at, found)| {
            let before = text[..at].chars().next_back();
            let after = text[at + found.len()..].chars().next();
            !before.is_some_and(glued_before) && !after.is_some_and(char::is_alphanumeric)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_characters() {
        // (text, start, end) → the characters start..end.
        let long = format!("{}é’x{}", "a".repeat(130), "b".repeat(70));
        let cases: Vec<(&str, usize, usize, String)> = vec![
            ("Few’s car", 0, 5, "Few’s".into()),
            ("Few’s car", 4, 9, "s car".into()),
            ("Few’s car", 6, 40, "car".into()),
            ("Few’s car", 12, 14, "".into()),
            ("Few’s car", 5, 3, "".into()),
            ("ééé", 1, 2, "é".into()),
            (&long, 129, 133, "aé’x".into()),
            (&long, 131, 140, "’xbbbbbbb".into()),
            (&long, 200, 203, "bbb".into()),
            (&long, 202, 210, "b".into()),
        ];
        for (text, start, end, expected) in cases {
            let decoded: String = text
                .chars()
                .skip(start)
                .take(end.saturating_sub(start))
                .collect();
            assert_eq!(decoded, expected, "{start}..{end}");
            assert_eq!(char_slice(text, start, end), expected, "{start}..{end}");
        }
    }

    #[test]
    fn word_spans_are_character_offsets() {
        let spans = word_spans("“Iraq & Syria”, é!");
        let words: Vec<(&str, usize, usize)> =
            spans.iter().map(|(w, s, e)| (w.as_str(), *s, *e)).collect();
        assert_eq!(
            words,
            vec![
                ("iraq", 1, 5),
                ("and", 6, 7),
                ("syria", 8, 13),
                ("é", 16, 17)
            ]
        );
    }
}
