//! Extraction stage: entities — people, organisations, places and groups
//! (nationalities) mentioned in an article, with their spans.
//!
//! There is no statistical model offline, so this is a rule-based
//! recogniser that favours precision: a wrong entity misleads comparison
//! more than a missing one. The text is tokenised once; runs of
//! capitalised words (with name particles such as "al-", "bin", "van",
//! "de" inside) are candidates, and each run is classified by, in order:
//!
//! 1. clean-up: a leading "The", a sentence-initial common word ("Police",
//!    "Following") and time words at the edges ("Christmas Day",
//!    weekdays, months) are removed;
//! 2. organisation cues: a known organisation ("the Pentagon"), an
//!    organisation suffix ("... Forces", "... Department"), "Ministry of";
//! 3. a leading nationality or country before a title ("Iraqi Prime
//!    Minister ...", "US Gen ..."), which becomes its own mention;
//! 4. titles and honorifics: "Defence Secretary Lloyd Austin" is a person
//!    with role "Defence Secretary"; a lowercase title just before the run
//!    ("spokesperson Adrienne Watson") is the role too;
//! 5. places: the gazetteer (`places`), also after a direction word
//!    ("South Los Angeles"), natural features ("Red Sea") and large areas
//!    ("Middle East") without gazetteer entry; nationalities ("Iraqi",
//!    "Palestinians") become groups linked to their country;
//! 6. people: a run with a person cue (a frequent given name, a person
//!    noun before it, an age or a reporting verb after it) or whose last
//!    word recurs alone in the article.
//!
//! A second pass resolves short forms within the article: "Mr Austin",
//! "Gen Austin" and a bare "Austin" take the full name "Lloyd Austin"
//! when exactly one earlier-or-later full name ends with it; an acronym
//! defined in parentheses ("Popular Mobilisation Forces (PMF)") takes
//! the full name. Bare single words become places only with support (a
//! preposition before, a qualifier after, an administrative or large
//! place, or a region named elsewhere in the article).
//!
//! An organisation whose name starts with a gazetteer place carries that
//! place ("Memphis Police Department" → Memphis); used as a local place it
//! prefers the outlet's country ("Rome Police" in a US paper is Rome, Ga.).
//!
//! Street addresses ("West 89th Street") and venues are deliberately not
//! mentions: they are not gazetteer places and their inner names mislead
//! ("Springfield Avenue" is not in Springfield). A facility named after a
//! place ("Arbil Air Base") yields the place.
//!
//! Not handled: coordinated titles ("Presidents X and Y"), appositive roles
//! after a name ("X, head of Y"), single-word organisations that are not
//! in the small known list and carry no cue.

mod keys;
mod lexicon;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use keys::{alias_key, fuzzy_key, same_entity};

use super::places::{self, Place, PlaceKind};
use lexicon::*;

/// Entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Group,
}

/// Names the text gives to parts of a city, lower-cased: a definite
/// phrase ending in a word for one ("the Austin neighborhood", "Chicago's
/// West Englewood neighborhood", "the Germantown section of Philadelphia",
/// "the Englewood community area"). A part of a city often shares a town's
/// name — a large one far away, or a small one nearby — and is no reading
/// of that town. "A Raleigh neighborhood" is a part of the named city, so
/// an indefinite phrase names none.
pub(crate) fn city_part_names(text: &str) -> BTreeSet<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |word: &str| {
        word.trim_matches(|character: char| !character.is_alphanumeric())
            .to_lowercase()
    };
    let mut names = BTreeSet::new();
    for (index, word) in words.iter().enumerate() {
        let part_word = CITY_PART_WORDS.contains(&bare(word).as_str())
            || (bare(word) == "community"
                && words
                    .get(index + 1)
                    .is_some_and(|next| bare(next) == "area"));
        if !part_word {
            continue;
        }
        // The capitalised words right before, up to a determiner.
        let mut first = index;
        while first > 0 && index - first < 3 {
            let previous = words[first - 1];
            let capitalised = previous.chars().next().is_some_and(char::is_uppercase);
            let clean = previous
                .chars()
                .all(|character| character.is_alphabetic() || character == '-' || character == '.');
            if !(capitalised && clean) || previous.eq_ignore_ascii_case("the") {
                break;
            }
            first -= 1;
        }
        if first == index || first == 0 {
            continue;
        }
        let determiner = words[first - 1];
        let definite = determiner.eq_ignore_ascii_case("the")
            || determiner.ends_with("'s")
            || determiner.ends_with("’s");
        if definite {
            names.insert(
                words[first..index]
                    .iter()
                    .map(|word| bare(word))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    names
}

/// True when `name` is a city part the document names: the same name, or
/// the last words of one ("Englewood" for "West Englewood") unless those
/// are a large city's name ("Chicago" in "the South Chicago neighborhood").
fn is_city_part(name: &str, city_parts: &BTreeSet<String>) -> bool {
    // Most documents name none: no lower-casing per place mention then.
    if city_parts.is_empty() {
        return false;
    }
    let name = name.to_lowercase();
    city_parts.iter().any(|part| {
        part == &name
            || (part
                .strip_suffix(name.as_str())
                .is_some_and(|rest| rest.ends_with(' '))
                && !places::is_prominent_name(&name))
    })
}

/// Words that may stand between a preposition and a place name.
const PLACE_ADJECTIVES: &[&str] = &[
    "rural",
    "unincorporated",
    "nearby",
    "neighboring",
    "neighbouring",
    "suburban",
    "northern",
    "southern",
    "eastern",
    "western",
];

/// Words after a name that make it a part of a city rather than a town.
const CITY_PART_WORDS: &[&str] = &["neighborhood", "neighbourhood", "section", "subdivision"];

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
        }
    }
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityMention {
    /// Byte range of the name as written (with honorific, without title).
    pub range: Range<usize>,
    pub kind: EntityKind,
    /// Canonical form within this article (the full name for short forms).
    pub name: String,
    pub role: Option<String>,
    pub role_range: Option<Range<usize>>,
    /// Gazetteer place for places, the country for groups, and for an
    /// organisation named after a place ("Chicago Police Department") that
    /// place.
    pub place: Option<Place>,
}

/// Finds entity mentions in `text`, sorted by start. `sentences` are the
/// sentence ranges (sentence-initial capitals are not names by
/// themselves); `region_hint` is the outlet's country code, if known.
pub fn extract(
    text: &str,
    sentences: &[Range<usize>],
    region_hint: Option<&str>,
) -> Vec<EntityMention> {
    extract_in(
        text,
        sentences,
        region_hint,
        &places::DocumentPlaces::default(),
    )
}

/// [`extract`] for a text whose document names places elsewhere (the
/// headline's or page title's, or the body's for the headline): a region
/// named there weighs as much as one the text names itself, and a large
/// city named there anchors the text's small towns.
pub fn extract_in(
    text: &str,
    sentences: &[Range<usize>],
    region_hint: Option<&str>,
    document: &places::DocumentPlaces,
) -> Vec<EntityMention> {
    let tokens = tokenize(text, sentences);
    let lowercase_words: HashSet<&str> = tokens
        .iter()
        .map(|token| &text[token.start..token.end])
        .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let mut recogniser = Recogniser {
        text,
        tokens: &tokens,
        lowercase_words,
        drafts: Vec::new(),
        acronyms: BTreeMap::new(),
        consumed: BTreeSet::new(),
    };
    for run in find_runs(text, &tokens) {
        recogniser.classify_run(&run);
    }
    recogniser.finish(region_hint, document)
}

/// A word with its byte range (possessive "'s" excluded).
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// End including a possessive suffix.
    full_end: usize,
    possessive: bool,
    /// Only a single space separates this token from the previous one.
    joined_to_previous: bool,
    /// First word of a sentence, a line, a quotation or a clause after a colon.
    initial: bool,
}

static ABBREVIATIONS_WITH_PERIOD: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Ft", "Mt", "Gen", "Lt", "Col", "Sgt", "Capt", "Cpl", "Maj",
    "Adm", "Gov", "Sen", "Rep", "Rev", "Jr", "Sr", "Brig", "Det", "Insp", "Supt", "Prof", "Pvt",
    "Cmdr", "Co", "Corp", "Inc", "Ltd", "Ave", "Blvd", "Rd", "Mx", "Ste",
];

fn tokenize(text: &str, sentences: &[Range<usize>]) -> Vec<Token> {
    let mut sentence_starts: Vec<usize> = sentences.iter().map(|sentence| sentence.start).collect();
    sentence_starts.sort_unstable();
    let bytes = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut position = 0;
    let mut previous_end = 0;
    while position < text.len() {
        let Some(character) = text[position..].chars().next() else {
            break;
        };
        if !character.is_alphanumeric() {
            position += character.len_utf8();
            continue;
        }
        let start = position;
        let mut end = position + character.len_utf8();
        while let Some(next) = text[end..].chars().next() {
            if next.is_alphanumeric() {
                end += next.len_utf8();
                continue;
            }
            if matches!(next, '-' | '\'' | '’' | '.' | '&') {
                let after = end + next.len_utf8();
                let following = text[after..].chars().next();
                // A period joins "U.S" or "example.com", not a missing space
                // after a sentence ("Philadelphia.It").
                let segment_start = text[start..end]
                    .char_indices()
                    .rev()
                    .find(|(_, character)| !character.is_alphanumeric())
                    .map_or(start, |(index, character)| {
                        start + index + character.len_utf8()
                    });
                let single_letter = text[segment_start..end].chars().count() == 1;
                let period_ok =
                    next != '.' || single_letter || following.is_some_and(char::is_lowercase);
                if following.is_some_and(char::is_alphanumeric) && period_ok {
                    end = after;
                    continue;
                }
            }
            break;
        }
        if bytes.get(end) == Some(&b'.') {
            let word = &text[start..end];
            let single_capital = word.len() == 1 && word.chars().all(char::is_uppercase);
            if ABBREVIATIONS_WITH_PERIOD.contains(&word) || word.contains('.') || single_capital {
                end += 1;
            }
        }
        let word = &text[start..end];
        let (word_end, possessive) = if word.ends_with("'s") || word.ends_with("’s") {
            let suffix = if word.ends_with("'s") {
                2
            } else {
                "’s".len()
            };
            (end - suffix, end - suffix > start)
        } else {
            (end, false)
        };
        let gap = &text[previous_end..start];
        let sentence_boundary = {
            let index =
                sentence_starts.partition_point(|sentence_start| *sentence_start <= previous_end);
            sentence_starts
                .get(index)
                .is_some_and(|sentence_start| *sentence_start <= start)
        };
        let trimmed_gap = gap.trim_end();
        // A sentence splitter may cut after "Mr." or an initial; a title
        // abbreviation never ends a sentence before a capitalised word.
        let after_abbreviation = tokens.last().is_some_and(|previous: &Token| {
            let previous_word = &text[previous.start..previous.full_end];
            previous_word.ends_with('.')
                && (ABBREVIATIONS_WITH_PERIOD.contains(&previous_word.trim_end_matches('.'))
                    || previous_word.len() == 2)
                && gap == " "
        });
        let initial = tokens.is_empty()
            || (sentence_boundary && !after_abbreviation)
            || gap.contains('\n')
            || gap.contains('“')
            || gap.ends_with('"')
            || (trimmed_gap.ends_with(['.', '!', '?', ':', '—', '–', '(', '‘'])
                && !after_abbreviation)
            || trimmed_gap.ends_with(". \"");
        tokens.push(Token {
            start,
            end: word_end,
            full_end: end,
            possessive,
            joined_to_previous: !tokens.is_empty() && gap == " ",
            initial,
        });
        previous_end = end;
        position = end;
    }
    tokens
}

/// The word of a token without a trailing period.
fn word<'a>(text: &'a str, token: &Token) -> &'a str {
    let word = &text[token.start..token.end];
    word.strip_suffix('.').unwrap_or(word)
}

fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// "al-Sudani", "el-Sisi": a lowercase article joined to a capitalised name.
fn is_particle_name(word: &str) -> bool {
    let Some((head, tail)) = word.split_once('-') else {
        return false;
    };
    matches!(
        head,
        "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an" | "ul"
    ) && starts_uppercase(tail)
}

/// "Iran-backed", "US-led": a capitalised word joined to a lowercase one.
fn is_compound_with_lowercase(word: &str) -> bool {
    starts_uppercase(word)
        && word
            .split('-')
            .skip(1)
            .any(|part| part.chars().next().is_some_and(char::is_lowercase))
}

fn is_name_word(word: &str) -> bool {
    (starts_uppercase(word) && !is_compound_with_lowercase(word)) || is_particle_name(word)
}

/// Two to six capitals ("PMF", "U.S.", "LAPD"), not a shouted common word
/// ("UPDATE").
fn is_acronym(word: &str) -> bool {
    if word.len() > 3 {
        let mut title_case = String::with_capacity(word.len());
        for (position, character) in word.chars().enumerate() {
            if position == 0 {
                title_case.push(character);
            } else {
                title_case.extend(character.to_lowercase());
            }
        }
        if COMMON.contains(title_case.as_str()) || TIME_WORDS.contains(title_case.as_str()) {
            return false;
        }
    }
    is_acronym_shape(word)
}

fn is_acronym_shape(word: &str) -> bool {
    let letters: Vec<char> = word
        .chars()
        .filter(|character| *character != '.' && *character != '&')
        .collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|character| character.is_ascii_uppercase() || character.is_ascii_digit())
        && letters
            .iter()
            .filter(|character| character.is_ascii_uppercase())
            .count()
            >= 2
}

/// A run of name tokens (indices into the token list).
struct Run {
    tokens: Vec<usize>,
}

fn find_runs(text: &str, tokens: &[Token]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let first = word(text, &tokens[index]);
        if is_compound_with_lowercase(&text[tokens[index].start..tokens[index].end]) {
            runs.push(Run {
                tokens: vec![index],
            });
            index += 1;
            continue;
        }
        if !is_name_word(first) {
            index += 1;
            continue;
        }
        let mut run = vec![index];
        let mut last = index;
        loop {
            if tokens[last].possessive {
                break;
            }
            let next = last + 1;
            let Some(next_token) = tokens.get(next) else {
                break;
            };
            if !next_token.joined_to_previous {
                break;
            }
            let next_word = &text[next_token.start..next_token.end];
            if is_name_word(next_word) && !next_token.initial {
                run.push(next);
                last = next;
                continue;
            }
            // A lowercase connector inside a name: a particle ("bin",
            // "van") or "of" after an organisation head or title.
            let previous_word = word(text, &tokens[last]);
            let connector = NAME_PARTICLES.contains(next_word)
                || (next_word == "of"
                    && (ORG_HEADS.contains(previous_word)
                        || ROLE_CORE.contains(previous_word)
                        || FEATURE_SUFFIXES.contains(previous_word)
                        || previous_word == "Horn"
                        || previous_word == "States"));
            let after = next + 1;
            let continues = tokens.get(after).is_some_and(|after_token| {
                after_token.joined_to_previous
                    && is_name_word(&text[after_token.start..after_token.end])
            });
            if connector && continues {
                // "of the" inside organisation names ("Church of the ...").
                run.push(next);
                run.push(after);
                last = after;
                continue;
            }
            if next_word == "of" {
                let the = after;
                let name_after = the + 1;
                let is_the = tokens.get(the).is_some_and(|token| {
                    token.joined_to_previous && &text[token.start..token.end] == "the"
                });
                let named = tokens.get(name_after).is_some_and(|token| {
                    token.joined_to_previous && is_name_word(&text[token.start..token.end])
                });
                if is_the && named && ORG_HEADS.contains(previous_word) {
                    run.extend([next, the, name_after]);
                    last = name_after;
                    continue;
                }
            }
            break;
        }
        runs.push(Run { tokens: run });
        index = last + 1;
    }
    runs
}

/// A mention before the article-level second pass.
enum Draft {
    Done(EntityMention),
    /// A person whose name may be a short form of a full name.
    Person {
        mention: EntityMention,
        name_words: usize,
        honorific: bool,
        confirmed: bool,
    },
    /// A place name to resolve with the gazetteer; `support` is a cue such
    /// as a preposition, a qualifier or a dateline.
    Place {
        range: Range<usize>,
        support: bool,
        words: usize,
    },
    /// An organisation whose name starts with a place ("Chicago Police
    /// Department"): the place is resolved with the others and attached.
    Organisation {
        mention: EntityMention,
        seat: Range<usize>,
        support: bool,
        words: usize,
    },
    /// A lone capitalised word decided in the second pass.
    Single {
        token: usize,
        common_initial: bool,
        verb_after: bool,
        locative_before: bool,
    },
}

struct Recogniser<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lowercase_words: HashSet<&'a str>,
    drafts: Vec<Draft>,
    /// Acronym → (full name, kind), from "Full Name (ACR)".
    acronyms: BTreeMap<String, (String, EntityKind)>,
    /// Starts of byte ranges already used as qualifiers (", NJ").
    consumed: BTreeSet<usize>,
}

impl<'a> Recogniser<'a> {
    fn word(&self, index: usize) -> &'a str {
        word(self.text, &self.tokens[index])
    }

    fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start..self.tokens[last].end
    }

    fn slice(&self, range: &Range<usize>) -> &'a str {
        self.text.get(range.clone()).unwrap_or("")
    }

    /// The lowercase word right before token `index`, if joined by a space.
    fn word_before(&self, index: usize) -> Option<&'a str> {
        if index == 0 || !self.tokens[index].joined_to_previous {
            return None;
        }
        Some(self.word(index - 1))
    }

    /// True when a locative preposition stands before token `index`,
    /// perhaps with a word for the kind of place between ("in rural
    /// Foxhome", "near unincorporated Ochopee").
    fn locative_before(&self, index: usize) -> bool {
        match self.word_before(index) {
            Some(before) if LOCATIVE_PREPOSITIONS.contains(before) => true,
            Some(before) if PLACE_ADJECTIVES.contains(&before) => {
                index > 0
                    && self
                        .word_before(index - 1)
                        .is_some_and(|earlier| LOCATIVE_PREPOSITIONS.contains(earlier))
            }
            _ => false,
        }
    }

    /// The word right after token `index`, if joined by a space.
    fn word_after(&self, index: usize) -> Option<&'a str> {
        let token = &self.tokens[index];
        let next = self.tokens.get(index + 1)?;
        (next.joined_to_previous && !token.possessive).then(|| self.word(index + 1))
    }

    fn is_common_initial(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if !token.initial {
            return false;
        }
        let word = self.word(index);
        COMMON.contains(word) || self.lowercase_words.contains(word.to_lowercase().as_str())
    }

    fn reporting_verb_after(&self, last: usize) -> bool {
        let token = &self.tokens[last];
        if token.possessive {
            return false;
        }
        let Some(next) = self.tokens.get(last + 1) else {
            return false;
        };
        let gap = &self.text[token.full_end..next.start];
        if !(gap == " " || gap == ", ") {
            return false;
        }
        REPORTING_VERBS.contains(self.word(last + 1))
    }

    /// ", 36," or " 36," after a name: an age.
    fn age_after(&self, last: usize) -> bool {
        let rest = self.text.get(self.tokens[last].full_end..).unwrap_or("");
        let Some(rest) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(" (")) else {
            return false;
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        (1..=3).contains(&digits) && rest[digits..].starts_with([',', ')', ' ', '.'])
    }

    fn classify_run(&mut self, run: &Run) {
        let mut tokens: &[usize] = &run.tokens;
        if tokens
            .first()
            .is_some_and(|first| self.consumed.contains(&self.tokens[*first].start))
        {
            return;
        }
        // Compound words such as "Iranian-backed" or "Israel-Gaza".
        if let [only] = tokens {
            let whole = &self.text[self.tokens[*only].start..self.tokens[*only].end];
            if whole.contains('-') && !is_particle_name(whole) && self.classify_compound(*only) {
                return;
            }
            if is_compound_with_lowercase(whole) {
                return;
            }
        }
        let mut after_the = tokens.first().is_some_and(|first| {
            self.word_before(*first)
                .is_some_and(|before| before == "the")
        });
        // 1. Clean-up: a leading article, a common sentence opener, time words.
        while let Some(first) = tokens.first() {
            let word = self.word(*first);
            if matches!(word, "The" | "A" | "An") {
                after_the = word == "The";
                tokens = &tokens[1..];
                continue;
            }
            let keeps_title = tokens.len() > 1
                && (ROLE_CORE.contains(word)
                    || ROLE_MODIFIERS.contains(word)
                    || HONORIFICS.contains(word));
            if self.is_common_initial(*first) && !keeps_title && tokens.len() > 1 {
                tokens = &tokens[1..];
                continue;
            }
            break;
        }
        tokens = self.strip_time_words(tokens);
        // Trailing plural common nouns ("Corpus Christi Police Officers");
        // singular ones may be surnames ("Officer Christopher No").
        while tokens.len() > 1
            && tokens.last().is_some_and(|last| {
                let word = self.word(*last);
                word.ends_with('s') && COMMON.contains(word) && !ORG_SUFFIXES.contains(word)
            })
        {
            tokens = &tokens[..tokens.len() - 1];
        }
        let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
            return;
        };
        if !is_name_word(self.word(first)) || !is_name_word(self.word(last)) {
            return;
        }
        let range = self.span(first, last);
        let name = self.slice(&range).to_string();

        // Acronym defined right after: "Full Name (ACR)".
        if tokens.len() > 1 {
            self.note_acronym(last, &name);
        }

        if let [only] = tokens {
            let word = self.word(*only);
            let single = Draft::Single {
                token: *only,
                common_initial: self.is_common_initial(*only),
                verb_after: self.reporting_verb_after(*only),
                locative_before: self.locative_before(*only),
            };
            // Titles and honorifics alone are not names.
            if HONORIFICS.contains(word)
                || (ROLE_CORE.contains(word) && !self.reporting_verb_after(*only))
            {
                return;
            }
            self.drafts.push(single);
            return;
        }

        // 2. Organisations.
        if let Some(kind) = self.organisation_cue(tokens, after_the) {
            let mention = EntityMention {
                range,
                kind,
                name,
                role: None,
                role_range: None,
                place: None,
            };
            match self.seat_of(tokens) {
                Some((seat, support, words)) => self.drafts.push(Draft::Organisation {
                    mention,
                    seat,
                    support,
                    words,
                }),
                None => self.drafts.push(Draft::Done(mention)),
            }
            return;
        }
        // Streets and venues are not mentions (see the module doc), unless
        // the whole name is a gazetteer place not named like a road
        // ("Miami Gardens", but not "Willow Street").
        let last_word = self.word(last);
        if STREET_SUFFIXES.contains(last_word)
            && (ROAD_SUFFIXES.contains(last_word) || !places::is_known(&name))
        {
            return;
        }
        if FACILITY_SUFFIXES.contains(last_word) {
            let mut end = tokens.len() - 1;
            while end > 0
                && (FACILITY_SUFFIXES.contains(self.word(tokens[end - 1]))
                    || self.word(tokens[end - 1]) == "Air")
            {
                end -= 1;
            }
            if end > 0 {
                let place_range = self.span(first, tokens[end - 1]);
                if places::is_known(self.slice(&place_range)) {
                    self.drafts.push(Draft::Place {
                        range: place_range,
                        support: true,
                        words: end,
                    });
                }
            }
            return;
        }

        // 3. A nationality or country before a title or a name.
        if tokens.len() > 1 {
            let leading = self.word(first);
            let second = self.word(tokens[1]);
            let title_follows = ROLE_CORE.contains(second)
                || ROLE_MODIFIERS.contains(second)
                || HONORIFICS.contains(second);
            if title_follows {
                if let Some(country) = places::country_of_demonym(leading) {
                    let leading_range = self.span(first, first);
                    self.push_done(
                        leading_range,
                        EntityKind::Group,
                        leading.to_string(),
                        Some(country),
                    );
                    self.classify_person_run(&tokens[1..], false);
                    return;
                }
                if places::is_country_name(leading) {
                    let leading_range = self.span(first, first);
                    self.drafts.push(Draft::Place {
                        range: leading_range,
                        support: true,
                        words: 1,
                    });
                    self.classify_person_run(&tokens[1..], false);
                    return;
                }
            }
            // A jurisdiction before a title ("Wayne County Prosecutor Kym
            // Worthy", "Alabama State Trooper Reginal King"): the place is a
            // mention of its own, the title with it is the role, and a
            // title with no name after it is no person.
            if let Some(end) = self.jurisdiction_before_title(tokens) {
                let place_range = self.span(first, tokens[end - 1]);
                let drafted = self.drafts.len();
                if self.classify_person_run_with_role_from(&tokens[end..], true, Some(first)) {
                    self.drafts.insert(
                        drafted,
                        Draft::Place {
                            range: place_range,
                            support: true,
                            words: end,
                        },
                    );
                    return;
                }
            }
        }

        // 4. Titles and honorifics, unless the run names an administrative
        // unit: "King County" and "Prince William County" are places.
        if !ADMINISTRATIVE_UNITS.contains(last_word) && self.classify_person_run(tokens, true) {
            return;
        }

        // 5. Places. Water bodies keep no gazetteer entry: towns and
        // provinces named after them ("Red Sea") are other places.
        if WATER_SUFFIXES.contains(last_word) {
            self.push_done(range, EntityKind::Place, name, None);
            return;
        }
        if let Some(place_draft) = self.place_draft(tokens) {
            self.drafts.push(place_draft);
            return;
        }
        if FEATURE_SUFFIXES.contains(last_word) || MACRO_REGIONS.contains(&name.as_str()) {
            self.push_done(range, EntityKind::Place, name, None);
            return;
        }

        // 6. People, and organisations named by what follows them.
        let given_name = GIVEN_NAMES.contains(self.word(first));
        let before = self.word_before(first);
        let person_noun_before = before.is_some_and(|before| {
            PERSON_CUES_BEFORE.contains(before) || LOWER_ROLES.contains(before)
        });
        let org_follower = self
            .word_after(last)
            .is_some_and(|after| ORG_FOLLOWERS.contains(after));
        if org_follower && !given_name && !person_noun_before {
            self.push_done(range, EntityKind::Organisation, name, None);
            return;
        }
        if tokens.len() > 5 || tokens.iter().any(|index| !self.is_person_word(*index)) {
            return;
        }
        let according_to =
            first >= 2 && self.word(first - 1) == "to" && self.word(first - 2) == "according";
        let particle = tokens.iter().any(|index| {
            let word = self.word(*index);
            is_particle_name(word)
                || NAME_PARTICLES.contains(word)
                || word.starts_with("Mc")
                || word.starts_with("O'")
        });
        // A name particle alone is no cue: Arabic organisation names carry
        // them too ("Kataib Sayyid al-Shuhada").
        let cue = given_name
            || person_noun_before
            || self.age_after(last)
            || (self.reporting_verb_after(last) && (particle || tokens.len() <= 3))
            || according_to;
        if after_the && !given_name {
            return;
        }
        let role = self.lowercase_role_before(first);
        let (role, role_range) =
            role.map_or((None, None), |(role, range)| (Some(role), Some(range)));
        let mention = EntityMention {
            range,
            kind: EntityKind::Person,
            name,
            role,
            role_range,
            place: None,
        };
        self.drafts.push(Draft::Person {
            mention,
            name_words: tokens.len(),
            honorific: false,
            confirmed: cue,
        });
    }

    /// Drops time words ("Christmas Day", "Monday") from both ends.
    fn strip_time_words<'t>(&self, mut tokens: &'t [usize]) -> &'t [usize] {
        let is_time = |this: &Self, tokens: &[usize], position: usize, neighbour: Option<usize>| {
            let word = this.word(tokens[position]);
            if !TIME_WORDS.contains(word) {
                return false;
            }
            if !TIME_ONLY_IN_PAIRS.contains(word) || tokens.len() == 1 {
                return true;
            }
            neighbour.is_some_and(|neighbour| TIME_WORDS.contains(this.word(tokens[neighbour])))
        };
        loop {
            let length = tokens.len();
            if length == 0 {
                return tokens;
            }
            if is_time(self, tokens, 0, (length > 1).then_some(1)) {
                tokens = &tokens[1..];
                continue;
            }
            if is_time(self, tokens, length - 1, length.checked_sub(2)) {
                tokens = &tokens[..length - 1];
                continue;
            }
            return tokens;
        }
    }

    fn is_person_word(&self, index: usize) -> bool {
        let word = self.word(index);
        let lower_particle = NAME_PARTICLES.contains(word);
        (is_name_word(word) || lower_particle)
            && !ORG_SUFFIXES.contains(word)
            && !ADMINISTRATIVE_UNITS.contains(word)
            && !TIME_WORDS.contains(word)
            && (!COMMON.contains(word) || GIVEN_NAMES.contains(word))
            && !is_acronym(word)
    }

    /// The longest leading place name of an organisation's name, with
    /// whether the word after it marks a local institution ("Police").
    fn seat_of(&self, tokens: &[usize]) -> Option<(Range<usize>, bool, usize)> {
        let first = *tokens.first()?;
        for end in (1..tokens.len()).rev() {
            let prefix = &tokens[..end];
            // A place name of several words may hold a common word ("Panama
            // City Police": the seat is Panama City, not Panama).
            let range = self.span(first, tokens[end - 1]);
            if end >= 2 && places::is_known(self.slice(&range)) {
                let support = LOCAL_INSTITUTIONS.contains(self.word(tokens[end]));
                return Some((range, support, end));
            }
            if prefix.iter().any(|index| {
                let word = self.word(*index);
                ROLE_MODIFIERS.contains(word)
                    || COMMON.contains(word)
                    || ORG_SUFFIXES.contains(word)
                    || word == "of"
            }) {
                continue;
            }
            let range = self.span(first, tokens[end - 1]);
            if end == 1 && DIRECTIONS.contains(self.word(first)) {
                continue;
            }
            if places::is_known(self.slice(&range)) {
                let support = LOCAL_INSTITUTIONS.contains(self.word(tokens[end]));
                return Some((range, support, end));
            }
        }
        None
    }

    /// A later word of a name after a title: any capitalised word except
    /// organisation suffixes and time words.
    fn is_surname_word(&self, index: usize) -> bool {
        let word = self.word(index);
        (is_name_word(word) || NAME_PARTICLES.contains(word))
            && !ORG_SUFFIXES.contains(word)
            && !ADMINISTRATIVE_UNITS.contains(word)
            && !TIME_WORDS.contains(word)
            && !is_acronym(word)
    }

    /// Organisation by cue; `Group` is never returned here.
    fn organisation_cue(&self, tokens: &[usize], after_the: bool) -> Option<EntityKind> {
        let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
            return None;
        };
        let name = self.slice(&self.span(first, last));
        let known = KNOWN_ORGANISATIONS.contains(&name)
            || tokens
                .iter()
                .any(|index| KNOWN_ORGANISATIONS.contains(&self.word(*index)));
        let last_word = self.word(last);
        // A lone suffix word ("Police") is an organisation only as "the Police".
        let suffix = ORG_SUFFIXES.contains(last_word) && (tokens.len() > 1 || after_the);
        let head = tokens.len() > 2
            && ORG_HEADS.contains(self.word(first))
            && self.word(tokens[1]) == "of";
        (known || suffix || head).then_some(EntityKind::Organisation)
    }

    /// Title or honorific followed by a name. With `require_title`, returns
    /// false (and records nothing) when the run has no title or honorific.
    fn classify_person_run(&mut self, tokens: &[usize], require_title: bool) -> bool {
        self.classify_person_run_with_role_from(tokens, require_title, None)
    }

    /// [`Self::classify_person_run`] whose role, when it has one, starts at
    /// token `role_from` before the run (a jurisdiction read separately).
    fn classify_person_run_with_role_from(
        &mut self,
        tokens: &[usize],
        require_title: bool,
        role_from: Option<usize>,
    ) -> bool {
        let Some(&first) = tokens.first() else {
            return false;
        };
        let first_word = self.word(first);
        if HONORIFICS.contains(first_word) {
            let rest = &tokens[1..];
            if rest.is_empty() || !rest.iter().all(|index| self.is_person_word(*index)) {
                return !require_title;
            }
            let Some(&last) = rest.last() else {
                return false;
            };
            let range = self.span(first, last);
            let mention = EntityMention {
                range: range.clone(),
                kind: EntityKind::Person,
                name: self.slice(&range).to_string(),
                role: None,
                role_range: None,
                place: None,
            };
            self.drafts.push(Draft::Person {
                mention,
                name_words: rest.len(),
                honorific: true,
                confirmed: true,
            });
            return true;
        }
        // Longest title prefix ending in a core title word.
        let mut title_end = 0;
        let mut position = 0;
        while position < tokens.len() {
            let word = self.word(tokens[position]);
            let is_title_word = ROLE_CORE.contains(word)
                || ROLE_MODIFIERS.contains(word)
                || (word == "of" && position > 0);
            if !is_title_word {
                break;
            }
            if ROLE_CORE.contains(word) {
                title_end = position + 1;
            }
            position += 1;
        }
        if title_end == 0 {
            if !require_title {
                // A name after a nationality: "Iraqi Mohammed ..." is rare;
                // keep it as a confirmed person only with a given name.
                if tokens.iter().all(|index| self.is_person_word(*index))
                    && GIVEN_NAMES.contains(first_word)
                {
                    let Some(&last) = tokens.last() else {
                        return false;
                    };
                    let range = self.span(first, last);
                    let mention = EntityMention {
                        range: range.clone(),
                        kind: EntityKind::Person,
                        name: self.slice(&range).to_string(),
                        role: None,
                        role_range: None,
                        place: None,
                    };
                    self.drafts.push(Draft::Person {
                        mention,
                        name_words: tokens.len(),
                        honorific: false,
                        confirmed: true,
                    });
                }
                return true;
            }
            return false;
        }
        let name_tokens = &tokens[title_end..];
        let title_range = self.span(role_from.unwrap_or(first), tokens[title_end - 1]);
        // After a title, later name words may be common words ("Officer
        // Christopher No"); the first must still look like a name.
        let name_like = name_tokens
            .first()
            .is_some_and(|index| self.is_person_word(*index))
            && name_tokens
                .iter()
                .skip(1)
                .all(|index| self.is_surname_word(*index));
        if name_tokens.is_empty() || !name_like {
            // A title alone ("the Prime Minister") is not an entity.
            return true;
        }
        let (Some(&name_first), Some(&name_last)) = (name_tokens.first(), name_tokens.last())
        else {
            return true;
        };
        let range = self.span(name_first, name_last);
        let mention = EntityMention {
            range: range.clone(),
            kind: EntityKind::Person,
            name: self.slice(&range).to_string(),
            role: Some(self.slice(&title_range).to_string()),
            role_range: Some(title_range),
            place: None,
        };
        self.drafts.push(Draft::Person {
            mention,
            name_words: name_tokens.len(),
            honorific: false,
            confirmed: true,
        });
        true
    }

    /// The number of leading tokens naming a known place directly before a
    /// title word (the longest such prefix), when the run has one.
    fn jurisdiction_before_title(&self, tokens: &[usize]) -> Option<usize> {
        (1..tokens.len()).rev().find(|&end| {
            let next = self.word(tokens[end]);
            (ROLE_CORE.contains(next) || ROLE_MODIFIERS.contains(next))
                && !tokens[..end]
                    .iter()
                    .any(|index| ROLE_CORE.contains(self.word(*index)))
                && places::is_known(self.slice(&self.span(tokens[0], tokens[end - 1])))
        })
    }

    /// "spokesperson", "police chief" just before a name.
    fn lowercase_role_before(&self, first: usize) -> Option<(String, Range<usize>)> {
        let nearest = first.checked_sub(1)?;
        if !self.tokens[first].joined_to_previous || !LOWER_ROLES.contains(self.word(nearest)) {
            return None;
        }
        let mut start = nearest;
        while start > 0
            && start + 2 > nearest
            && self.tokens[start].joined_to_previous
            && LOWER_ROLE_MODIFIERS.contains(self.word(start - 1))
        {
            start -= 1;
        }
        let range = self.span(start, nearest);
        Some((self.slice(&range).to_string(), range))
    }

    /// A place draft when the run (or the run after a direction word) is a
    /// gazetteer name.
    fn place_draft(&mut self, tokens: &[usize]) -> Option<Draft> {
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
    fn place_support(&mut self, first: usize, last: usize) -> bool {
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
    fn followed_by_local_word(&self, end: usize) -> bool {
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
    fn names_no_place(&self, range: &Range<usize>) -> bool {
        let before = self.text.get(..range.start).unwrap_or("");
        let after = self.text.get(range.end..).unwrap_or("");
        before.ends_with("block of ") || after.starts_with("'s Day") || after.starts_with("’s Day")
    }

    /// True when the name at `range` reads as a street: "Genesee streets",
    /// "between Sycamore and Genesee streets", "the 1300 block of
    /// Kilbourne", "South Vernon", the second half of "Picott-Cleveland".
    fn street_like(&self, range: &Range<usize>) -> bool {
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
    fn is_dateline(&self, first: usize, last: usize) -> bool {
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
    fn classify_compound(&mut self, index: usize) -> bool {
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
                found.push(Draft::Done(EntityMention {
                    range,
                    kind: EntityKind::Organisation,
                    name: part.to_string(),
                    role: None,
                    role_range: None,
                    place: None,
                }));
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

    fn note_acronym(&mut self, last: usize, name: &str) {
        let rest = self.text.get(self.tokens[last].full_end..).unwrap_or("");
        let Some(inside) = rest.strip_prefix(" (") else {
            return;
        };
        let Some(close) = inside.find(')') else {
            return;
        };
        let acronym = &inside[..close];
        if is_acronym(acronym) && keys::is_acronym_of(acronym, name) {
            let kind = if KNOWN_ORGANISATIONS.contains(&name) || self.organisation_like(name) {
                EntityKind::Organisation
            } else if places::is_known(name) {
                EntityKind::Place
            } else {
                EntityKind::Organisation
            };
            self.acronyms
                .entry(acronym.to_string())
                .or_insert((name.to_string(), kind));
        }
    }

    fn organisation_like(&self, name: &str) -> bool {
        name.split(' ')
            .next_back()
            .is_some_and(|last| ORG_SUFFIXES.contains(last))
    }

    fn push_done(
        &mut self,
        range: Range<usize>,
        kind: EntityKind,
        name: String,
        place: Option<Place>,
    ) {
        self.drafts.push(Draft::Done(EntityMention {
            range,
            kind,
            name,
            role: None,
            role_range: None,
            place,
        }));
    }

    /// Second pass: short forms, acronyms, single words and places.
    fn finish(
        mut self,
        region_hint: Option<&str>,
        document: &places::DocumentPlaces,
    ) -> Vec<EntityMention> {
        // Surnames of people named in full, and words used alone.
        let lone_words: BTreeSet<&str> = self
            .drafts
            .iter()
            .filter_map(|draft| match draft {
                Draft::Single { token, .. } => Some(self.word(*token)),
                _ => None,
            })
            .collect();
        let mut full_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for draft in &mut self.drafts {
            if let Draft::Person {
                mention,
                name_words,
                honorific,
                confirmed,
            } = draft
            {
                let surname = mention.name.rsplit(' ').next().unwrap_or("").to_string();
                if !*confirmed && lone_words.contains(surname.as_str()) {
                    *confirmed = true;
                }
                if *confirmed && *name_words >= 2 && !*honorific {
                    full_names
                        .entry(surname)
                        .or_default()
                        .insert(mention.name.clone());
                }
            }
        }
        // Surnames shared by several people stay as written, never places.
        let shared_surnames: BTreeSet<String> = full_names
            .iter()
            .filter(|(_, names)| names.len() > 1)
            .map(|(surname, _)| surname.clone())
            .collect();
        let full_name_of = |surname: &str| -> Option<String> {
            let names = full_names.get(surname)?;
            (names.len() == 1)
                .then(|| names.iter().next().cloned())
                .flatten()
        };

        let mut mentions: Vec<EntityMention> = Vec::new();
        let mut place_ranges: Vec<(Range<usize>, bool, usize)> = Vec::new();
        // Organisation mentions owning a place request, by request index.
        let mut owners: BTreeMap<usize, EntityMention> = BTreeMap::new();
        let drafts = std::mem::take(&mut self.drafts);
        for draft in drafts {
            match draft {
                Draft::Done(mention) => mentions.push(mention),
                Draft::Person {
                    mut mention,
                    name_words,
                    honorific,
                    confirmed,
                } => {
                    if !confirmed {
                        continue;
                    }
                    if name_words == 1 || honorific {
                        let surname = mention.name.rsplit(' ').next().unwrap_or("");
                        if let Some(full) = full_name_of(surname) {
                            mention.name = full;
                        }
                    }
                    mentions.push(mention);
                }
                Draft::Place {
                    range,
                    support,
                    words,
                } => place_ranges.push((range, support, words)),
                Draft::Organisation {
                    mention,
                    seat,
                    support,
                    words,
                } => {
                    owners.insert(place_ranges.len(), mention);
                    place_ranges.push((seat, support, words));
                }
                Draft::Single {
                    token,
                    common_initial,
                    verb_after,
                    locative_before,
                } => {
                    let word = self.word(token);
                    let range = self.span(token, token);
                    if self.consumed.contains(&range.start) {
                        continue;
                    }
                    if shared_surnames.contains(word) && !common_initial {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Person,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: None,
                        });
                        continue;
                    }
                    if let Some(full) = full_name_of(word) {
                        if !common_initial || verb_after {
                            mentions.push(EntityMention {
                                range,
                                kind: EntityKind::Person,
                                name: full,
                                role: None,
                                role_range: None,
                                place: None,
                            });
                        }
                        continue;
                    }
                    // Common words and directions are never names alone, unless
                    // a state qualifier follows ("Mobile, Ala.").
                    let has_qualifier = places::qualifier_after(self.text, range.end).is_some();
                    let qualified =
                        has_qualifier && (places::is_known(word) || places::is_postal_name(word));
                    let common = common_initial || COMMON.contains(word);
                    let not_a_name = NOT_ACRONYMS.contains(word)
                        || ORG_SUFFIXES.contains(word)
                        || STREET_SUFFIXES.contains(word)
                        || FACILITY_SUFFIXES.contains(word);
                    if (common && !qualified)
                        || not_a_name
                        || TIME_WORDS.contains(word)
                        || DIRECTIONS.contains(word)
                    {
                        continue;
                    }
                    if let Some((full, kind)) = self.acronyms.get(word) {
                        mentions.push(EntityMention {
                            range,
                            kind: *kind,
                            name: full.clone(),
                            role: None,
                            role_range: None,
                            place: None,
                        });
                        continue;
                    }
                    if KNOWN_ORGANISATIONS.contains(&word) {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Organisation,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: None,
                        });
                        continue;
                    }
                    if let Some(country) = places::country_of_demonym(word) {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Group,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: Some(country),
                        });
                        continue;
                    }
                    // A preposition before, a qualifier or a local word after,
                    // or a dateline support a place reading.
                    let supported = |qualified: bool| {
                        locative_before
                            || qualified
                            || self
                                .word_after(token)
                                .is_some_and(|after| PLACE_FOLLOWERS.contains(after))
                            || self.is_dateline(token, token)
                    };
                    // A small town known only from the postal data is read
                    // only with such support, and not as a street: these
                    // names are often surnames.
                    let postal = || {
                        places::is_postal_name(word)
                            && !self.street_like(&range)
                            && supported(has_qualifier)
                    };
                    if places::is_known(word) || postal() {
                        let support = supported(qualified);
                        if support || places::is_prominent_name(word) {
                            // Qualifier mentions are added by `place_support`.
                            let support = self.place_support(token, token) || support;
                            place_ranges.push((range, support, 1));
                            continue;
                        }
                        if !verb_after {
                            place_ranges.push((range, false, 1));
                            continue;
                        }
                    }
                    if is_acronym(word) && !NOT_ACRONYMS.contains(word) {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Organisation,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: None,
                        });
                        continue;
                    }
                    if verb_after
                        && !is_acronym(word)
                        && word
                            .chars()
                            .skip(1)
                            .all(|character| !character.is_uppercase())
                    {
                        mentions.push(EntityMention {
                            range,
                            kind: EntityKind::Person,
                            name: word.to_string(),
                            role: None,
                            role_range: None,
                            place: None,
                        });
                    }
                }
            }
        }
        // Qualifier mentions pushed during the second pass.
        for draft in std::mem::take(&mut self.drafts) {
            if let Draft::Done(mention) = draft {
                mentions.push(mention);
            }
        }

        // "The Austin neighborhood", "the Germantown section": a part of
        // the city the story is about that shares a town's name (often a
        // large one far away) is no reading of that town, and must not pull
        // the other places towards its state either.
        // Every mention of such a name goes, in either of the document's
        // texts: the document has said what it is.
        let mut city_parts = city_part_names(self.text);
        city_parts.extend(document.city_parts.iter().cloned());
        place_ranges.retain(|(range, _, _)| {
            !is_city_part(self.slice(range), &city_parts) && !self.names_no_place(range)
        });
        // Places: resolve together so that they inform each other, then
        // keep weak single words only with support.
        let ranges: Vec<Range<usize>> = place_ranges
            .iter()
            .map(|(range, _, _)| range.clone())
            .collect();
        let cues: Vec<places::PlaceCue> = place_ranges
            .iter()
            .enumerate()
            .map(|(position, (range, support, _))| places::PlaceCue {
                trusted: *support,
                postal: *support && !self.street_like(range),
                local: owners.contains_key(&position) || self.followed_by_local_word(range.end),
            })
            .collect();
        let resolved = places::resolve_with_cues(self.text, &ranges, &cues, region_hint, document);
        let mut strong_regions: BTreeSet<(String, String)> = BTreeSet::new();
        let mut accepted = vec![false; place_ranges.len()];
        for (position, ((_, support, words), place)) in
            place_ranges.iter().zip(&resolved).enumerate()
        {
            let Some(place) = place else { continue };
            let hinted =
                region_hint.is_some_and(|hint| hint.eq_ignore_ascii_case(&place.country_code));
            let prominent = places::is_prominent(place);
            // A place abroad, when the outlet's country is known, is often a
            // surname or a venue's name: keep a town only when large or
            // qualified ("Kirkuk, Iraq"), a region only with support.
            let qualified =
                places::qualifier_after(self.text, place_ranges[position].0.end).is_some();
            let foreign_ok = match place.kind {
                PlaceKind::Country => true,
                PlaceKind::Region => *support || qualified,
                PlaceKind::County | PlaceKind::City => prominent || qualified,
            };
            if region_hint.is_some() && !hinted && !foreign_ok {
                continue;
            }
            let strong =
                place.kind != PlaceKind::City || prominent || *support || (*words >= 2 && hinted);
            let weak_county = place.kind == PlaceKind::County && !*support && *words < 2;
            if strong && !weak_county {
                accepted[position] = true;
                if let Some(region) = &place.region {
                    strong_regions.insert((place.country_code.clone(), region.clone()));
                }
            }
        }
        for (position, place) in resolved.iter().enumerate() {
            if accepted[position] {
                continue;
            }
            let Some(place) = place else { continue };
            if let Some(region) = &place.region
                && strong_regions.contains(&(place.country_code.clone(), region.clone()))
                && place.kind == PlaceKind::City
            {
                accepted[position] = true;
            }
        }
        for (position, ((range, _, _), (place, accepted))) in place_ranges
            .into_iter()
            .zip(resolved.into_iter().zip(accepted))
            .enumerate()
        {
            if let Some(mut organisation) = owners.remove(&position) {
                if accepted {
                    organisation.place = place;
                }
                mentions.push(organisation);
                continue;
            }
            if !accepted {
                continue;
            }
            let name = self.slice(&range).to_string();
            mentions.push(EntityMention {
                range,
                kind: EntityKind::Place,
                name,
                role: None,
                role_range: None,
                place,
            });
        }

        mentions.sort_by(|left, right| {
            (left.range.start, std::cmp::Reverse(left.range.end))
                .cmp(&(right.range.start, std::cmp::Reverse(right.range.end)))
        });
        // Overlaps can only arise from qualifiers or compounds: keep the first.
        let mut kept: Vec<EntityMention> = Vec::with_capacity(mentions.len());
        for mention in mentions {
            if kept
                .last()
                .is_some_and(|previous| previous.range.end > mention.range.start)
            {
                continue;
            }
            kept.push(mention);
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits at ". " for tests (the real pipeline passes `sentences`).
    fn sentences(text: &str) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut start = 0;
        for (index, _) in text.match_indices(". ") {
            ranges.push(start..index + 1);
            start = index + 2;
        }
        ranges.push(start..text.len());
        ranges
    }

    fn run(text: &str, hint: Option<&str>) -> Vec<(String, &'static str, String, Option<String>)> {
        extract(text, &sentences(text), hint)
            .into_iter()
            .map(|mention| {
                (
                    text[mention.range.clone()].to_string(),
                    mention.kind.as_str(),
                    mention.name,
                    mention.role,
                )
            })
            .collect()
    }

    /// The place mentions of a US outlet's text, with their readings.
    fn place_readings(text: &str) -> Vec<(String, Option<String>)> {
        extract(text, &sentences(text), Some("US"))
            .into_iter()
            .filter(|m| m.kind == EntityKind::Place)
            .map(|m| (text[m.range.clone()].to_string(), m.place.map(|p| p.id)))
            .collect()
    }

    fn entry(
        surface: &str,
        kind: &'static str,
        name: &str,
        role: Option<&str>,
    ) -> (String, &'static str, String, Option<String>) {
        (
            surface.to_string(),
            kind,
            name.to_string(),
            role.map(str::to_string),
        )
    }

    #[test]
    fn a_hyphenated_place_name_is_one_place() {
        let text =
            "A man was shot in Winston-Salem on Sunday. Iran-backed groups were blamed elsewhere.";
        let places: Vec<(String, Option<String>)> = extract(text, &sentences(text), Some("US"))
            .into_iter()
            .filter(|m| m.kind == EntityKind::Place)
            .map(|m| (text[m.range.clone()].to_string(), m.place.map(|p| p.id)))
            .collect();
        // The name is one place; a compound of a place and a word still splits.
        assert_eq!(
            places,
            vec![
                (
                    "Winston-Salem".to_string(),
                    Some("US/North Carolina/Winston-Salem".to_string())
                ),
                ("Iran".to_string(), Some("IR".to_string()))
            ]
        );
    }

    #[test]
    fn a_part_of_a_city_named_like_a_town_is_no_reading_of_the_town() {
        assert_eq!(
            city_part_names(
                "He was shot in the Austin neighborhood and taken from Chicago's West Englewood neighborhood to a Raleigh neighborhood."
            ),
            ["austin", "west englewood"]
                .into_iter()
                .map(String::from)
                .collect::<BTreeSet<_>>()
        );
        let places = place_readings;
        // Every mention of the name goes, not only the one the phrase marks.
        let text = "A man was shot Sunday in Chicago. The shooting in the Austin neighborhood was the third in Austin this month.";
        assert_eq!(
            places(text),
            vec![(
                "Chicago".to_string(),
                Some("US/Illinois/Chicago".to_string())
            )]
        );
        // "A Raleigh neighborhood" is in Raleigh.
        let text = "Deputies searched a Raleigh neighborhood on Monday.";
        assert_eq!(
            places(text),
            vec![(
                "Raleigh".to_string(),
                Some("US/North Carolina/Raleigh".to_string())
            )]
        );
        // A large city's name ending a part's name is still the city.
        let text = "Two men were shot in the South Chicago neighborhood, Chicago police said.";
        assert_eq!(
            places(text).last(),
            Some(&(
                "Chicago".to_string(),
                Some("US/Illinois/Chicago".to_string())
            ))
        );
    }

    #[test]
    fn an_organisation_s_seat_may_hold_a_common_word() {
        let text = "A girl was shot Sunday, the Panama City Police Department said. Deputies in Florida assisted.";
        let seat = extract(text, &sentences(text), Some("US"))
            .into_iter()
            .find(|m| m.kind == EntityKind::Organisation)
            .and_then(|m| m.place)
            .map(|p| p.name);
        assert_eq!(seat.as_deref(), Some("Panama City"));
    }

    #[test]
    fn an_address_or_a_holiday_names_no_place() {
        let places = |text: &str| -> Vec<String> {
            extract(text, &sentences(text), Some("US"))
                .into_iter()
                .filter(|m| m.kind == EntityKind::Place)
                .map(|m| m.name)
                .collect()
        };
        assert_eq!(
            places("Salina police said the man was shot in the 1900 block of Dover."),
            vec!["Salina".to_string()]
        );
        assert_eq!(
            places("Tips for a proper St. Patrick's Day in Boston."),
            vec!["Boston".to_string()]
        );
    }

    #[test]
    fn a_postal_town_is_read_only_where_a_place_may_stand() {
        let places = place_readings;
        assert_eq!(
            places("A boy was shot in Stokes, N.C., on Sunday."),
            vec![
                (
                    "Stokes".to_string(),
                    Some("US/North Carolina/Stokes".to_string())
                ),
                ("N.C.".to_string(), Some("US/North Carolina".to_string()))
            ]
        );
        // A qualifier alone supports it.
        assert_eq!(
            places("Toone, Tenn., residents gathered at the church on Sunday.").first(),
            Some(&("Toone".to_string(), Some("US/Tennessee/Toone".to_string())))
        );
        assert_eq!(
            places("A hunter was shot in rural Foxhome in Minnesota on Wednesday.").first(),
            Some(&(
                "Foxhome".to_string(),
                Some("US/Minnesota/Foxhome".to_string())
            ))
        );
        // A surname, a street and a school keep their own readings.
        assert_eq!(
            places("Officer Ray Stokes said the boy lives in North Carolina."),
            vec![(
                "North Carolina".to_string(),
                Some("US/North Carolina".to_string())
            )]
        );
        let stokes = |text: &str| {
            places(text)
                .into_iter()
                .filter(|(name, _)| name == "Stokes")
                .count()
        };
        assert_eq!(
            stokes("He was shot at Elm and Stokes streets in North Carolina."),
            0
        );
        assert_eq!(
            stokes("He was shot in the 100 block of Stokes in North Carolina."),
            0
        );
        assert_eq!(
            stokes("She teaches at Stokes Elementary School in North Carolina."),
            0
        );
    }

    #[test]
    fn titles_become_roles_and_short_forms_resolve() {
        let text = "Defence Secretary Lloyd Austin visited troops. Later Mr Austin said the strikes worked.";
        assert_eq!(
            run(text, None),
            vec![
                entry(
                    "Lloyd Austin",
                    "person",
                    "Lloyd Austin",
                    Some("Defence Secretary")
                ),
                entry("Mr Austin", "person", "Lloyd Austin", None),
            ]
        );
    }

    #[test]
    fn bare_surname_resolves_and_is_not_a_city() {
        let text = "The plan was set out by Defence Secretary Lloyd Austin on Friday. Austin said it would hold.";
        let mentions = run(text, Some("US"));
        assert_eq!(mentions[1], entry("Austin", "person", "Lloyd Austin", None));
        assert_eq!(mentions.len(), 2);
    }

    #[test]
    fn jurisdiction_before_title() {
        let text = "Wayne County Prosecutor Kym Worthy said the boy was charged. A statement from the Wayne County Prosecutor followed.";
        assert_eq!(
            run(text, Some("US")),
            vec![
                entry("Wayne County", "place", "Wayne County", None),
                entry(
                    "Kym Worthy",
                    "person",
                    "Kym Worthy",
                    Some("Wayne County Prosecutor")
                ),
                entry("Wayne County", "place", "Wayne County", None),
            ]
        );
    }

    #[test]
    fn a_county_named_like_a_title_is_a_place() {
        let text = "The car was found in south King County. A slain Prince William County officer was honoured.";
        let mentions = run(text, Some("US"));
        assert_eq!(
            mentions[0],
            entry("King County", "place", "King County", None)
        );
        assert_eq!(
            mentions[1],
            entry(
                "Prince William County",
                "place",
                "Prince William County",
                None
            )
        );
        let text = "Park County Undersheriff Dave Wohlers said the road was closed.";
        assert_eq!(
            run(text, Some("US"))[1],
            entry(
                "Dave Wohlers",
                "person",
                "Dave Wohlers",
                Some("Park County Undersheriff")
            )
        );
    }

    #[test]
    fn nationality_before_title() {
        let text = "He met Iraqi Prime Minister Mohammed Shia al-Sudani in the capital.";
        assert_eq!(
            run(text, None),
            vec![
                entry("Iraqi", "group", "Iraqi", None),
                entry(
                    "Mohammed Shia al-Sudani",
                    "person",
                    "Mohammed Shia al-Sudani",
                    Some("Prime Minister")
                ),
            ]
        );
        let text = "The raid was led by US Gen Michael Erik Kurilla, head of US Central Command.";
        assert_eq!(
            run(text, None),
            vec![
                entry("US", "place", "US", None),
                entry(
                    "Michael Erik Kurilla",
                    "person",
                    "Michael Erik Kurilla",
                    Some("Gen")
                ),
                entry(
                    "US Central Command",
                    "organisation",
                    "US Central Command",
                    None
                ),
            ]
        );
    }

    #[test]
    fn lowercase_roles_and_surname_after_title() {
        let text = "A White House spokesperson Adrienne Watson declined to comment. Ms Watson later said more.";
        assert_eq!(
            run(text, None),
            vec![
                entry("White House", "organisation", "White House", None),
                entry(
                    "Adrienne Watson",
                    "person",
                    "Adrienne Watson",
                    Some("spokesperson")
                ),
                entry("Ms Watson", "person", "Adrienne Watson", None),
            ]
        );
        let text = "The car was found, according to Officer Christopher No of the city police. No said two men fled. No one was hurt.";
        assert_eq!(
            run(text, None),
            vec![
                entry(
                    "Christopher No",
                    "person",
                    "Christopher No",
                    Some("Officer")
                ),
                entry("No", "person", "Christopher No", None),
            ]
        );
        let text = "Brig. Gen. Razi Mousavi was killed in the strike.";
        assert_eq!(
            run(text, None),
            vec![entry(
                "Razi Mousavi",
                "person",
                "Razi Mousavi",
                Some("Brig. Gen.")
            )]
        );
        // Someone quoted at many incidents for what they do, not who they
        // are to this one.
        let text = "Community activist Jane Roe said the block needs help.";
        assert_eq!(
            run(text, None),
            vec![entry("Jane Roe", "person", "Jane Roe", Some("activist"))]
        );
    }

    #[test]
    fn honorific_with_period_resolves_to_full_name() {
        let text = "President Joe Biden ordered the strikes. Mr. Biden said they were needed.";
        assert_eq!(
            run(text, None),
            vec![
                entry("Joe Biden", "person", "Joe Biden", Some("President")),
                entry("Mr. Biden", "person", "Joe Biden", None),
            ]
        );
    }

    #[test]
    fn organisations_named_after_their_town() {
        let text = "Officers from the Rome Police Department arrived. Memphis police said two men were hurt.";
        let mentions = extract(text, &sentences(text), Some("US"));
        let summary: Vec<(&str, &str, String)> = mentions
            .iter()
            .map(|mention| {
                (
                    &text[mention.range.clone()],
                    mention.kind.as_str(),
                    mention
                        .place
                        .as_ref()
                        .map(|place| place.id.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Rome Police Department",
                    "organisation",
                    "US/Georgia/Rome".to_string()
                ),
                ("Memphis", "place", "US/Tennessee/Memphis".to_string()),
            ]
        );
    }

    #[test]
    fn honorific_without_full_name_stays_as_given() {
        let text = "Mr. Biden spoke on Tuesday.";
        assert_eq!(
            run(text, None),
            vec![entry("Mr. Biden", "person", "Mr. Biden", None)]
        );
    }

    #[test]
    fn acronyms_defined_in_text() {
        let text =
            "Fighters of the Popular Mobilisation Forces (PMF) moved north. The PMF denied it.";
        assert_eq!(
            run(text, None),
            vec![
                entry(
                    "Popular Mobilisation Forces",
                    "organisation",
                    "Popular Mobilisation Forces",
                    None
                ),
                entry("PMF", "organisation", "Popular Mobilisation Forces", None),
                entry("PMF", "organisation", "Popular Mobilisation Forces", None),
            ]
        );
        let text = "It blamed the Islamic State (IS) group for the blast.";
        assert_eq!(
            run(text, None),
            vec![
                entry("Islamic State", "organisation", "Islamic State", None),
                entry("IS", "organisation", "Islamic State", None),
            ]
        );
    }

    #[test]
    fn organisations_by_cue() {
        let text = "Officials at the Pentagon and the Los Angeles Police Department said the Ministry of Interior agreed.";
        assert_eq!(
            run(text, None),
            vec![
                entry("Pentagon", "organisation", "Pentagon", None),
                entry(
                    "Los Angeles Police Department",
                    "organisation",
                    "Los Angeles Police Department",
                    None
                ),
                entry(
                    "Ministry of Interior",
                    "organisation",
                    "Ministry of Interior",
                    None
                ),
            ]
        );
    }

    #[test]
    fn places_groups_and_compounds() {
        let text = "Iranian-backed militias struck a base in northern Iraq. Palestinians in the Gaza Strip fled. Iraqi officials said the Tigris River route was shut.";
        let mentions = extract(text, &sentences(text), None);
        let summary: Vec<(&str, &str)> = mentions
            .iter()
            .map(|mention| (&text[mention.range.clone()], mention.kind.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Iranian", "group"),
                ("Iraq", "place"),
                ("Palestinians", "group"),
                ("Gaza Strip", "place"),
                ("Iraqi", "group"),
                ("Tigris River", "place"),
            ]
        );
        assert_eq!(mentions[0].place.as_ref().unwrap().country_code, "IR");
        assert_eq!(mentions[1].place.as_ref().unwrap().id, "IQ");
        assert_eq!(mentions[3].place.as_ref().unwrap().id, "PS/Gaza Strip");
        assert!(mentions[5].place.is_none());
    }

    #[test]
    fn city_with_state_qualifier() {
        let text =
            "Two men were shot in Newark, NJ on Sunday. A man from Springfield, Ill., was held.";
        let mentions = extract(text, &sentences(text), None);
        let summary: Vec<(&str, String)> = mentions
            .iter()
            .map(|mention| {
                (
                    &text[mention.range.clone()],
                    mention
                        .place
                        .as_ref()
                        .map(|place| place.id.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Newark", "US/New Jersey/Newark".to_string()),
                ("NJ", "US/New Jersey".to_string()),
                ("Springfield", "US/Illinois/Springfield".to_string()),
                ("Ill.", "US/Illinois".to_string()),
            ]
        );
    }

    #[test]
    fn sentence_openers_time_words_and_streets_are_not_entities() {
        let text = "Police said the shooting happened on Christmas Day. Following the attack, police closed West 89th Street on Monday in May.";
        assert_eq!(run(text, Some("US")), vec![]);
    }

    #[test]
    fn direction_words_and_weak_towns() {
        let text = "Four people were wounded in South Los Angeles. The shooter fled in a Jeep.";
        let mentions = extract(text, &sentences(text), Some("US"));
        assert_eq!(mentions.len(), 1);
        assert_eq!(&text[mentions[0].range.clone()], "Los Angeles");
        assert_eq!(
            mentions[0].place.as_ref().unwrap().id,
            "US/California/Los Angeles"
        );
    }

    #[test]
    fn people_with_cues() {
        let text = "The victim, Akbar Muhammad, 36, died. His cousin Shante Spivey was hurt, and Nidia Tijerino said so.";
        let names: Vec<(String, &str)> = run(text, None)
            .into_iter()
            .map(|(_, kind, name, _)| (name, kind))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Akbar Muhammad".to_string(), "person"),
                ("Shante Spivey".to_string(), "person"),
                ("Nidia Tijerino".to_string(), "person"),
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_boundaries(text in "[A-Za-z’'.,\\- éÉ“”()\n0-9]{0,80}") {
            let whole = 0..text.len();
            let mentions = extract(&text, std::slice::from_ref(&whole), Some("US"));
            for mention in mentions {
                proptest::prop_assert!(text.is_char_boundary(mention.range.start) && text.is_char_boundary(mention.range.end));
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "’s",
            "A",
            "Mr.",
            "U.S.",
            "—“Hi”",
            "al-",
            "Ahmed al-",
            "(X)",
            "Ö Ä. Ü",
            "New York, ",
            "St. ",
            "Paris (P",
            "a’b.Cd Ée’.F",
            "Mr. É’s.X",
        ] {
            let whole = 0..text.len();
            let _mentions = extract(text, std::slice::from_ref(&whole), Some("US"));
        }
    }
}
