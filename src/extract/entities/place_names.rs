//! Place names in a run: drafts for the gazetteer with their support (a
//! preposition, a qualifier, a local word after), what names no place (an
//! address, a holiday, a street), datelines and place compounds
//! ("Iranian-backed").

use std::ops::Range;

use super::lexicon::{
    DIRECTIONS, FACILITY_SUFFIXES, KNOWN_ORGANISATIONS, LOCATIVE_PREPOSITIONS, PLACE_FOLLOWERS,
    STREET_SUFFIXES,
};
use super::recogniser::{Draft, Recogniser};
use super::runs::starts_uppercase;
use super::{EntityKind, EntityMention, places};

impl<'a> Recogniser<'a> {
    /// A place draft when the run (or the run after a direction word) is a
    /// gazetteer name.
    pub(super) fn place_draft(&mut self, tokens: &[usize]) -> Option<Draft> {
        let (&first, &last) = (tokens.first()?, tokens.last()?);
        let range = self.span(first, last);
        let support = self.place_support(first, last);
        // A small town known only from the postal data needs a preposition,
        // qualifier or local word: such names are often surnames.
        let known = places::is_known(self.slice(&range))
            || (support && places::is_postal_name(self.slice(&range)));
        if known && !(tokens.len() == 1 && DIRECTIONS.contains(self.word(first))) {
            return Some(Draft::Place {
                range,
                support,
                words: tokens.len(),
            });
        }
        if tokens.len() > 1 && DIRECTIONS.contains(self.word(first)) {
            let inner = self.span(tokens[1], last);
            if places::is_known(self.slice(&inner)) {
                return Some(Draft::Place {
                    range: inner,
                    support,
                    words: tokens.len() - 1,
                });
            }
        }
        None
    }

    /// A preposition before or a qualifier after supports a place reading;
    /// the qualifier becomes a mention of its own.
    pub(super) fn place_support(&mut self, first: usize, last: usize) -> bool {
        let locative = self
            .word_before(first)
            .is_some_and(|before| LOCATIVE_PREPOSITIONS.contains(before))
            || self
                .word_after(last)
                .is_some_and(|after| PLACE_FOLLOWERS.contains(after))
            || self.is_dateline(first, last);
        let qualified = match places::qualifier_after(self.text, self.tokens[last].end) {
            Some((range, qualifier)) => {
                let abbreviation = self.slice(&range);
                let is_abbreviation = abbreviation.ends_with('.')
                    || abbreviation
                        .chars()
                        .all(|character| character.is_ascii_uppercase());
                if is_abbreviation
                    && let places::Qualifier::Region(country_code, region) = qualifier
                {
                    let region_place = places::region_place(country_code, region);
                    self.consumed.insert(range.start);
                    self.push_done(
                        range,
                        EntityKind::Place,
                        abbreviation.to_string(),
                        region_place,
                    );
                }
                true
            }
            None => false,
        };
        locative || qualified
    }

    /// A lowercase local word right after byte `end` ("Memphis police").
    pub(super) fn followed_by_local_word(&self, end: usize) -> bool {
        let rest = self.text.get(end..).unwrap_or("");
        let Some(rest) = rest.strip_prefix(' ') else {
            return false;
        };
        let next: &str = rest
            .split(|character: char| !character.is_alphabetic())
            .next()
            .unwrap_or("");
        PLACE_FOLLOWERS.contains(next)
    }

    /// True when a place name at `range` names no place where it stands:
    /// an address ("the 1900 block of Dover" is a street) or a holiday
    /// ("St. Patrick's Day").
    pub(super) fn names_no_place(&self, range: &Range<usize>) -> bool {
        let before = self.text.get(..range.start).unwrap_or("");
        let after = self.text.get(range.end..).unwrap_or("");
        before.ends_with("block of ") || after.starts_with("'s Day") || after.starts_with("’s Day")
    }

    /// True when the name at `range` reads as a street: "Genesee streets",
    /// "between Sycamore and Genesee streets", "the 1300 block of
    /// Kilbourne", "South Vernon", the second half of "Picott-Cleveland".
    pub(super) fn street_like(&self, range: &Range<usize>) -> bool {
        let before = self.text.get(..range.start).unwrap_or("");
        let after = self.text.get(range.end..).unwrap_or("");
        let words_after: Vec<&str> = after.split_whitespace().take(3).collect();
        let is_street_word = |word: &str| {
            let word = word.trim_end_matches(|character: char| !character.is_alphanumeric());
            STREET_SUFFIXES.contains(word)
                || matches!(
                    word.to_lowercase().as_str(),
                    "street" | "streets" | "avenue" | "avenues" | "road" | "roads"
                )
        };
        let previous = before.split_whitespace().next_back().unwrap_or("");
        // Nor a school, hospital or jail's name ("Lee Memorial Hospital",
        // "Oak Hill Elementary School", "Butler County Jail"), nor a source.
        let institution = words_after.first().is_some_and(|word| {
            FACILITY_SUFFIXES.contains(word)
                || matches!(
                    *word,
                    "Memorial" | "Elementary" | "High" | "Middle" | "County" | "Regional"
                )
        });
        institution
            || before.ends_with("according to ")
            || words_after
                .first()
                .is_some_and(|word| is_street_word(word) || *word == "&")
            || (words_after.first() == Some(&"and")
                && words_after.get(2).is_some_and(|word| is_street_word(word)))
            || DIRECTIONS.contains(previous)
            || before.ends_with("block of ")
            || before.ends_with('-')
    }

    /// "CLEVELAND - Police ...", "EL DORADO (KATV) –": a capitalised place
    /// opening a line, followed by a dash or a parenthesis.
    pub(super) fn is_dateline(&self, first: usize, last: usize) -> bool {
        let opens_line = first == 0
            || self.text[..self.tokens[first].start]
                .trim_end_matches([' ', '\t'])
                .ends_with('\n');
        let all_caps = (first..=last).all(|index| {
            self.word(index)
                .chars()
                .all(|character| !character.is_lowercase())
        });
        let rest = self.text.get(self.tokens[last].full_end..).unwrap_or("");
        opens_line
            && all_caps
            && (rest.starts_with(" -")
                || rest.starts_with(" —")
                || rest.starts_with(" –")
                || rest.starts_with(" (")
                || rest.starts_with("--"))
    }

    /// "Iranian-backed" → group, "Israel-Gaza" → two places, "Hamas-run" →
    /// organisation. Returns true when the compound was handled.
    pub(super) fn classify_compound(&mut self, index: usize) -> bool {
        let token = &self.tokens[index];
        let whole = &self.text[token.start..token.end];
        // A hyphenated place name ("Winston-Salem", "Wilkes-Barre") is one
        // name, read as such by the caller.
        if places::is_known(whole) {
            return false;
        }
        let mut offset = token.start;
        let mut handled = false;
        let mut found = Vec::new();
        for part in whole.split('-') {
            let range = offset..offset + part.len();
            offset += part.len() + 1;
            if !starts_uppercase(part) {
                continue;
            }
            if let Some(country) = places::country_of_demonym(part) {
                found.push(Draft::Done(EntityMention {
                    range,
                    kind: EntityKind::Group,
                    name: part.to_string(),
                    role: None,
                    role_range: None,
                    place: Some(country),
                }));
            } else if KNOWN_ORGANISATIONS.contains(&part) {
                found.push(Draft::Done(EntityMention::named(
                    range,
                    EntityKind::Organisation,
                    part.to_string(),
                )));
            } else if places::is_prominent_name(part) {
                found.push(Draft::Place {
                    range,
                    support: true,
                    words: 1,
                });
            }
        }
        if !found.is_empty() {
            handled = true;
            self.drafts.extend(found);
        }
        handled
    }
}
