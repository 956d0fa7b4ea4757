//! The one abbreviation table (`abbreviations.txt`): every abbreviation
//! news prose writes with a full stop, and which readers take that full stop
//! for part of the word rather than the end of a sentence.
//!
//! The readers were tuned separately and still disagree on a few rows
//! ("Jun." ends no sentence for the splitter but is no name abbreviation for
//! the recogniser); keeping their uses in one table shows each difference
//! where the word is listed, instead of in four lists that drift apart.

use super::words::WordTable;

static TABLE: WordTable = WordTable::new(include_str!("abbreviations.txt"));

/// What a reader makes of the full stop after an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Never ends a sentence: a title, rank or month before the name or
    /// number it qualifies.
    Title,
    /// Usually continues the sentence but may end it.
    Continues,
    /// The date tagger's clause split never stops after it.
    Dates,
    /// The entity recogniser keeps the full stop in a capitalised name.
    Name,
    /// Quotation attribution reads it as an abbreviation.
    Quotes,
}

impl Use {
    fn as_str(self) -> &'static str {
        match self {
            Use::Title => "title",
            Use::Continues => "continues",
            Use::Dates => "dates",
            Use::Name => "name",
            Use::Quotes => "quotes",
        }
    }
}

/// True when `word` (without its full stop; inner ones kept, as in "u.s") is
/// an abbreviation with this use, ignoring ASCII case.
pub fn has_use(word: &str, used: Use) -> bool {
    TABLE
        .iter()
        .filter(|(abbreviation, _)| abbreviation.eq_ignore_ascii_case(word))
        .any(|(_, uses)| uses.split_whitespace().any(|u| u == used.as_str()))
}

/// True when `word` is written as the recogniser lists its abbreviations:
/// a capital then lower case ("Mr", "Blvd"), and the table gives it the
/// [`Use::Name`] use.
pub fn is_name_abbreviation(word: &str) -> bool {
    let mut characters = word.chars();
    characters.next().is_some_and(|c| c.is_ascii_uppercase())
        && characters.all(|c| c.is_ascii_lowercase())
        && has_use(word, Use::Name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_well_formed() {
        assert!(super::super::words::malformed_rows(include_str!("abbreviations.txt")).is_empty());
        let uses = ["title", "continues", "dates", "name", "quotes"];
        for (word, listed) in TABLE.iter() {
            assert_eq!(*word, word.to_ascii_lowercase(), "{word}: lower case");
            for used in listed.split_whitespace() {
                assert!(uses.contains(&used), "{word}: unknown use {used}");
            }
        }
    }

    #[test]
    fn uses_and_case() {
        assert!(has_use("Gen", Use::Title) && has_use("GEN", Use::Dates));
        assert!(has_use("U.S", Use::Continues) && !has_use("U.S", Use::Title));
        assert!(is_name_abbreviation("Blvd") && !is_name_abbreviation("BLVD"));
        assert!(!is_name_abbreviation("Jun") && has_use("jun", Use::Title));
    }
}
