//! Spelling slips: whether two words are one slip of the keyboard apart,
//! as a misspelt name is ("Mardis"/"Marids", "Adesha"/"Adeseha").
//!
//! Both tests ask for words of five letters or more, since a shorter word
//! one letter from another is as likely another name. [`one_slip`] also
//! takes two swapped neighbours for a slip; [`one_letter_apart`] takes only
//! a letter added, dropped or changed. Linear in the words' length, where
//! the edit distance itself is quadratic: callers check names pairwise.

/// The shortest word, in characters, whose one-letter variant is taken for
/// a slip rather than another word.
const SHORTEST_SLIPPED: usize = 5;

/// True when two words of five letters or more differ by one letter added,
/// dropped or changed, or by two neighbours swapped (Damerau–Levenshtein
/// distance 1).
pub fn one_slip(a: &str, b: &str) -> bool {
    long_enough(a, b) && one_edit(a, b, true)
}

/// True when two words of five letters or more differ by one letter added,
/// dropped or changed (Levenshtein distance 1); two neighbours swapped are
/// two letters changed.
pub fn one_letter_apart(a: &str, b: &str) -> bool {
    long_enough(a, b) && one_edit(a, b, false)
}

fn long_enough(a: &str, b: &str) -> bool {
    a != b && a.chars().count() >= SHORTEST_SLIPPED && b.chars().count() >= SHORTEST_SLIPPED
}

/// True when two different words are one edit apart: past their common
/// beginning and end, one letter is changed, added or dropped, or (with
/// `swaps`) two neighbours are swapped.
fn one_edit(a: &str, b: &str, swaps: bool) -> bool {
    // Equal characters have equal lengths, so the byte offsets agree.
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match (a.chars().count(), b.chars().count()) {
        (1, 1) | (1, 0) | (0, 1) => true,
        (2, 2) => swaps && a.chars().eq(b.chars().rev()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_edit_distance_one() {
        // Word pairs → one edit apart with swaps, and without, each checked
        // against the distance itself.
        let cases = [
            ("mardis", "marids", true, false),
            ("waton", "watson", true, true),
            ("watson", "waton", true, true),
            ("smith", "smyth", true, true),
            ("aab", "aba", true, false),
            ("aaab", "aab", true, true),
            ("ab", "ba", true, false),
            ("abcd", "badc", false, false),
            ("smith", "smithe", true, true),
            ("smith", "xsmith", true, true),
            ("smith", "smiht", true, false),
            ("smith", "msith", true, false),
            ("smith", "simth", true, false),
            ("smith", "stimh", false, false),
            ("müller", "muller", true, true),
            ("müller", "mülelr", true, false),
            ("müller", "mulelr", false, false),
            ("abc", "cba", false, false),
            ("abcde", "abdce", true, false),
            ("abcde", "aecdb", false, false),
            ("adesha", "adeseha", true, true),
            ("adesha", "adesha", false, false),
        ];
        for (a, b, with_swaps, without) in cases {
            assert_eq!(one_edit(a, b, true), with_swaps, "{a} / {b}");
            assert_eq!(
                strsim::damerau_levenshtein(a, b) == 1,
                with_swaps,
                "{a} / {b}"
            );
            assert_eq!(one_edit(a, b, false), without, "{a} / {b}");
            assert_eq!(strsim::levenshtein(a, b) == 1, without, "{a} / {b}");
        }
    }

    #[test]
    fn slips_need_five_letters_a_side() {
        // (a, b) → which slip they are one of.
        let cases = [
            ("Mardis", "Marids", "swapped neighbours"),
            ("Adesha", "Adeseha", "one letter"),
            ("Smith", "Smyth", "one letter"),
            ("Smit", "Smith", "none"),
            ("Bidn", "Biden", "none"),
            ("Biden", "Biden", "none"),
            ("Biden", "Bidens", "one letter"),
        ];
        for (a, b, expected) in cases {
            let found = match (one_slip(a, b), one_letter_apart(a, b)) {
                (true, true) => "one letter",
                (true, false) => "swapped neighbours",
                (false, false) => "none",
                (false, true) => "one letter but no slip",
            };
            assert_eq!(found, expected, "{a} / {b}");
        }
    }
}
