//! The story's people, aligned across outlets, and what each outlet says of
//! them.
//!
//! Analysts compare first who was involved and what is said about each: a
//! victim's age, where a suspect lives, how badly someone was hurt, what
//! they were charged with. Participants are the story's person entities as
//! [`super::entities`] links them across outlets (spelling variants, short
//! given names, a surname alone). For each mention, an outlet's words next
//! to the name are read for:
//! - **age**: "Norris Greenhouse Jr., 23,", "6-year-old Jeremy Mardis",
//!   "John Smith (34)", "aged 34";
//! - **residence**: "…, 24, of Kent", "…, from Fairfield" (a place the
//!   extraction resolved at that position);
//! - **condition** (`data/conditions.txt`, ranked dead > critical > serious >
//!   stable > minor): a phrase in the mention's sentence whose nearest
//!   person is this one ("Few was listed in critical condition");
//! - **charges** (`data/offences.txt`, with degree and counts): an offence
//!   after "charged with", "faces", "indicted on" … in a sentence where the
//!   person comes before the verb and is not its victim ("the killing of X");
//! - the person's **role in the event** (victim, suspect, official, witness)
//!   from the cues nearest their mentions and the titles the extraction
//!   gave them; shown, never compared.
//!
//! Each attribute stated by two outlets or more is compared with a reason:
//! ages are `agreed` when equal, `compatible` when a year apart in reports a
//! month or more apart (a birthday), else a `conflict`; conditions conflict
//! when reports of the same day disagree beyond a step of the scale
//! ("non-life-threatening" against "critical"), or when an earlier report
//! has the person dead and a later one alive; residences conflict only when
//! both are resolved places far apart; charges conflict only when reports of
//! the same day give one offence different degrees. Everything else that
//! differs is `compatible` (a later report, a subset of the charges).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use regex::Regex;

use super::entities::Cluster;
use super::reading::{Reading, data_lines};
use super::{Claim, EntityVariant, Mention, Participant, Status, Variant};
use crate::extract::items::{EntityItem, Field, PlaceRef};

/// Longest text read after a name for its age or residence (characters).
const AFTER: usize = 48;
/// Longest text read before a name for its age (characters).
const BEFORE: usize = 40;
/// Farthest (in words) a condition phrase or a role cue may be from the name.
const NEAR_WORDS: usize = 12;
/// Distance beyond which two residences are different places (km).
const RESIDENCE_KM: f64 = 40.0;

fn regex(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// An age written in digits ("23") or words ("two", "twenty-two").
fn age_number(written: &str) -> Option<u32> {
    static ENGLISH: OnceLock<text2num::Language> = OnceLock::new();
    if let Ok(value) = written.parse() {
        return Some(value);
    }
    let words = written.to_lowercase().replace('-', " ");
    let english = ENGLISH.get_or_init(text2num::Language::english);
    text2num::text2digits(&words, english).ok()?.parse().ok()
}

/// ", 23," / ", 23." / " (23)" / ", aged 23" right after a name.
fn age_after(text: &str) -> Option<(u32, usize, usize)> {
    static AFTER_NAME: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &AFTER_NAME,
        r"^(?:,? (?:Jr|Sr)\.?|,? (?:II|III|IV))?(?:,\s*(?:aged\s+)?(\d{1,3})(?:,|\.(?:\s|$)|;|:|\)|\s+(?:and|who|was|is|were|of|from|had|has)\b|\s*$)|\s*\((\d{1,3})\))",
    )?;
    let captures = pattern.captures(text)?;
    let number = captures.get(1).or_else(|| captures.get(2))?;
    let value: u32 = number.as_str().parse().ok()?;
    (1..=110)
        .contains(&value)
        .then_some((value, number.start(), number.end()))
}

/// "23-year-old " or "23 year old " (and up to two lower-case words, "man
/// named", and one title, "Officer" or "Sgt.") right before a name, on the
/// same line: two capitalised words between are another person's name
/// ("… of 2-year-old Makanzee Oldham\n\nCleveland Smelley"), not a title.
fn age_before(text: &str) -> Option<(u32, usize, usize)> {
    static BEFORE_NAME: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &BEFORE_NAME,
        r"\b(\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)[- ]year[- ]old(?:[ \t]+[a-z]+){0,2}(?:[ \t]+[A-Z][a-z]*\.?)?[ \t]+$",
    )?;
    let captures = pattern.captures(text)?;
    let number = captures.get(1)?;
    let value = age_number(number.as_str())?;
    let end = number.end() + "-year-old".len();
    (1..=110)
        .contains(&value)
        .then_some((value, number.start(), end))
}

/// Where a residence's place name starts after a name: ", 24, of ",
/// ", from ", " of ", ", who is from ", ", who lives in ". The bool is
/// true when the form alone says the words are a home ("Name, 16, of
/// Garfield", "who lives in Garfield"), so a name the gazetteer does not
/// know (a neighbourhood) is still read; after a bare " of " the place must
/// be one the extraction found there, so "Hill of the sheriff's office" is
/// no residence.
fn residence_after(text: &str) -> Option<(usize, bool)> {
    static RESIDENCE: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(
        &RESIDENCE,
        r"^(?:,? (?:Jr|Sr)\.?|,? (?:II|III|IV))?(?:(,\s*\d{1,3},\s*(?:of|from)\s+)|,?\s+(who\s+(?:is|was)\s+from|who\s+(?:lives|lived)\s+in)\s+|(?:,\s*|\s+)(?:of|from)\s+)(?:the\s+)?",
    )?;
    let captures = pattern.captures(text)?;
    let strong = captures.get(1).is_some() || captures.get(2).is_some();
    captures.get(0).map(|m| (m.end(), strong))
}

/// A run of capitalised words at the start of `text` ("Garfield",
/// "East Liberty", "St. Albans"), up to three, as its length in bytes.
fn capitalised_run(text: &str) -> Option<usize> {
    static RUN: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = regex(&RUN, r"^(?:St\.\s+)?[A-Z][a-z]+(?:[-\s][A-Z][a-z]+){0,2}\b")?;
    pattern.find(text).map(|m| m.end())
}

/// A condition phrase's class rank: 4 dead, 3 critical, 2 serious, 1 stable, 0 minor.
pub(super) fn condition_rank(class: &str) -> u8 {
    match class {
        "dead" => 4,
        "critical" => 3,
        "serious" => 2,
        "stable" => 1,
        _ => 0,
    }
}

/// The condition phrases of `data/conditions.txt` with their classes,
/// longest first.
fn condition_phrases() -> &'static [(Vec<&'static str>, &'static str)] {
    static CONDITIONS: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
    CONDITIONS.get_or_init(|| {
        let mut out: Vec<(Vec<&'static str>, &'static str)> =
            data_lines(include_str!("data/conditions.txt"))
                .filter_map(|line| {
                    let (phrase, class) = line.split_once('\t')?;
                    Some((phrase.split_whitespace().collect(), class.trim()))
                })
                .collect();
        out.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
        out
    })
}

/// The longest condition phrase starting at word `at`, with its class.
pub(super) fn condition_at(
    words: &[(String, usize, usize)],
    at: usize,
) -> Option<&'static (Vec<&'static str>, &'static str)> {
    condition_phrases().iter().find(|(phrase, _)| {
        words.len() >= at + phrase.len()
            && phrase
                .iter()
                .enumerate()
                .all(|(k, w)| words[at + k].0 == *w)
    })
}

fn offences() -> &'static [Vec<&'static str>] {
    static OFFENCES: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    OFFENCES.get_or_init(|| {
        let mut out: Vec<Vec<&'static str>> = data_lines(include_str!("data/offences.txt"))
            .map(|line| line.split_whitespace().collect())
            .collect();
        out.sort_by_key(|phrase| std::cmp::Reverse(phrase.len()));
        out
    })
}

/// Word lists of this module, loaded once from `data/`.
struct Lists {
    charge_cues: Vec<Vec<&'static str>>,
    victim_of: Vec<&'static str>,
    person_nouns: Vec<&'static str>,
    attribution_cues: Vec<&'static str>,
    /// (role, cue words); `official` holds title words.
    roles: Vec<(&'static str, Vec<&'static str>)>,
}

/// Words that make the person beside them a statement's source.
pub(super) fn attribution_cues() -> &'static [&'static str] {
    &lists().attribution_cues
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        charge_cues: data_lines(include_str!("data/charge_cues.txt"))
            .map(|line| line.split_whitespace().collect())
            .collect(),
        victim_of: data_lines(include_str!("data/victim_of.txt")).collect(),
        person_nouns: data_lines(include_str!("data/person_nouns.txt")).collect(),
        attribution_cues: data_lines(include_str!("data/attribution_cues.txt")).collect(),
        roles: data_lines(include_str!("data/roles.txt"))
            .filter_map(|line| {
                let (role, cues) = line.split_once(':')?;
                Some((
                    role.trim(),
                    cues.split(',')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .collect(),
                ))
            })
            .collect(),
    })
}

fn role_cues(role: &str) -> &'static [&'static str] {
    lists()
        .roles
        .iter()
        .find(|(r, _)| *r == role)
        .map_or(&[], |(_, cues)| cues.as_slice())
}

/// Adverbs of a condition that modify the verb after them: the person is
/// that verb's subject when a form of "be" comes before ("was critically
/// wounded"), else its object ("critically wounding his father").
pub(super) const CONDITION_ADVERBS: &[&str] = &["critically", "seriously", "fatally"];
pub(super) const BE: &[&str] = &[
    "was", "were", "is", "are", "been", "being", "remains", "remained",
];

/// One outlet's statement of an attribute.
#[derive(Debug, Clone)]
struct Stated {
    reader: usize,
    /// Normalised value ("32", "critical", "murder (second-degree)").
    value: String,
    /// Age, or condition rank.
    number: Option<f64>,
    place: Option<PlaceRef>,
    start: usize,
    end: usize,
}

/// Everything read about one participant.
#[derive(Default)]
struct Read {
    ages: Vec<Stated>,
    residences: Vec<Stated>,
    conditions: Vec<Stated>,
    charges: Vec<Stated>,
    votes: BTreeMap<&'static str, usize>,
    titles: BTreeSet<String>,
}

/// The story's participants (see the module doc).
pub fn compare(readings: &[Reading<'_>], clusters: &[Cluster]) -> Vec<Participant> {
    let mut gathered: Vec<Gathered> = Vec::new();
    for cluster in clusters.iter().filter(|c| c.kind == "person") {
        let mut read = Read::default();
        let mut names: BTreeMap<String, (BTreeSet<i64>, Vec<Mention>)> = BTreeMap::new();
        let mut event_mentions = 0;
        for &(reader, index) in &cluster.mentions {
            let reading = &readings[reader];
            let entity = &reading.document.extraction.entities[index];
            if entity.anchor.field != Field::Text {
                continue;
            }
            let Some(sentence) = reading.sentence_of(entity.anchor.start, entity.anchor.end) else {
                continue;
            };
            if reading.sentences[sentence].noise {
                continue;
            }
            // A background sentence ("Krol, 40, worked in Wayne County jails
            // from 2003-07") is not about the event, but it still says who
            // the person is: their age and home, never their condition,
            // charges or part in the event.
            if reading.sentences[sentence].scope.is_background() {
                read_identity(readings, reader, entity, &mut read);
                continue;
            }
            event_mentions += 1;
            let (articles, mentions) = names.entry(entity.name.clone()).or_default();
            if articles.insert(reading.document.id) {
                mentions.push(Mention {
                    article: reading.document.id,
                    field: entity.anchor.field,
                    start: entity.anchor.start,
                    end: entity.anchor.end,
                });
            }
            if let Some(role) = &entity.role {
                read.titles.insert(role.clone());
            }
            read_mention(readings, reader, entity, sentence, &mut read);
        }
        let articles: BTreeSet<i64> = names
            .values()
            .flat_map(|(a, _)| a.iter().copied())
            .collect();
        if event_mentions == 0 {
            continue;
        }
        gathered.push(Gathered {
            read,
            names,
            articles,
        });
    }
    attach_descriptions(readings, &mut gathered);
    let mut out: Vec<(usize, Participant)> = Vec::new();
    for Gathered {
        read,
        names,
        articles,
    } in gathered
    {
        let attributes: Vec<Claim> = [
            ("age", &read.ages),
            ("residence", &read.residences),
            ("condition", &read.conditions),
            ("charges", &read.charges),
        ]
        .into_iter()
        .filter_map(|(attribute, stated)| compare_attribute(readings, attribute, stated))
        .collect();
        if articles.len() < 2 && attributes.is_empty() {
            continue;
        }
        let name = names
            .iter()
            .max_by(|a, b| {
                a.1.0
                    .len()
                    .cmp(&b.1.0.len())
                    .then(b.0.len().cmp(&a.0.len()).reverse())
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        let official = read.titles.iter().any(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .any(|w| role_cues("official").contains(&w.to_lowercase().as_str()))
        });
        let role = if official {
            Some("official".to_string())
        } else {
            read.votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(role, _)| (*role).to_string())
        };
        let mut variants: Vec<EntityVariant> = names
            .into_iter()
            .map(|(text, (articles, mentions))| EntityVariant {
                text,
                articles: articles.into_iter().collect(),
                mentions,
            })
            .collect();
        variants.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(a.text.cmp(&b.text))
        });
        let order = match role.as_deref() {
            Some("victim") => 0,
            Some("suspect") => 1,
            Some("witness") => 3,
            Some("official") => 4,
            _ => 2,
        };
        out.push((
            order,
            Participant {
                key: String::new(),
                name,
                role,
                titles: read.titles.into_iter().collect(),
                articles: articles.into_iter().collect(),
                names: variants,
                attributes,
            },
        ));
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.articles.len().cmp(&a.1.articles.len()))
            .then(a.1.name.cmp(&b.1.name))
    });
    out.into_iter().map(|(_, p)| p).collect()
}

/// One participant's mentions and readings before they are compared.
struct Gathered {
    read: Read,
    /// Each name form with its articles and first mention per article.
    names: BTreeMap<String, (BTreeSet<i64>, Vec<Mention>)>,
    articles: BTreeSet<i64>,
}

/// An unnamed person an outlet describes by age ("a 1-year-old girl",
/// "the 14-year-old girl who was wounded").
struct Description {
    reader: usize,
    age: u32,
    start: usize,
    end: usize,
}

/// "a|an|the N-year-old" then, within three words, a noun for a person
/// (`data/person_nouns.txt`), in the event's sentences of one outlet; an
/// age right before a name is the name's, read by [`read_identity`].
fn descriptions(readings: &[Reading<'_>]) -> Vec<Description> {
    let mut out = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let people_at: BTreeSet<usize> = reading
            .document
            .extraction
            .entities
            .iter()
            .filter(|e| e.kind == "person" && e.anchor.field == Field::Text)
            .map(|e| e.anchor.start)
            .collect();
        for sentence in reading
            .sentences
            .iter()
            .filter(|s| !s.noise && !s.scope.is_background())
        {
            let words = &sentence.words;
            for (i, word) in words.iter().enumerate().skip(1) {
                let Some(number) = word.0.strip_suffix("-year-old") else {
                    continue;
                };
                if !matches!(words[i - 1].0.as_str(), "a" | "an" | "the") {
                    continue;
                }
                let Some(age) = age_number(number).filter(|a| (1..=110).contains(a)) else {
                    continue;
                };
                if words
                    .get(i + 1)
                    .is_some_and(|next| people_at.contains(&next.1))
                {
                    continue;
                }
                let noun = words[i + 1..]
                    .iter()
                    .take(3)
                    .any(|w| lists().person_nouns.contains(&w.0.as_str()));
                if noun {
                    out.push(Description {
                        reader,
                        age,
                        start: word.1,
                        end: word.2,
                    });
                }
            }
        }
    }
    out
}

/// Gives each description to the one participant of that age: an outlet's
/// "the 14-year-old girl" is the "Abigail Kopf, 14," of another. An age
/// that two participants share, or none, identifies nobody and is left.
fn attach_descriptions(readings: &[Reading<'_>], gathered: &mut [Gathered]) {
    for description in descriptions(readings) {
        let value = description.age.to_string();
        let holders: Vec<usize> = gathered
            .iter()
            .enumerate()
            .filter(|(_, g)| g.read.ages.iter().any(|a| a.value == value))
            .map(|(i, _)| i)
            .collect();
        let [holder] = holders[..] else {
            continue;
        };
        gathered[holder].read.ages.push(Stated {
            reader: description.reader,
            value,
            number: Some(f64::from(description.age)),
            place: None,
            start: description.start,
            end: description.end,
        });
    }
}

/// Reads who the person is from the words around one mention: an age
/// ("Name, 23," / "23-year-old Name") and a residence ("Name, 24, of Kent").
fn read_identity(readings: &[Reading<'_>], reader: usize, entity: &EntityItem, read: &mut Read) {
    let reading = &readings[reader];
    let (start, end) = (entity.anchor.start, entity.anchor.end);
    let after = reading.slice(end, end + AFTER);
    let before_start = start.saturating_sub(BEFORE);
    let before = reading.slice(before_start, start);
    let chars = |s: &str, byte: usize| s[..byte].chars().count();
    if let Some((value, s, e)) = age_after(&after) {
        read.ages.push(Stated {
            reader,
            value: value.to_string(),
            number: Some(f64::from(value)),
            place: None,
            start: end + chars(&after, s),
            end: end + chars(&after, e),
        });
    } else if let Some((value, s, e)) = age_before(&before) {
        read.ages.push(Stated {
            reader,
            value: value.to_string(),
            number: Some(f64::from(value)),
            place: None,
            start: before_start + chars(&before, s),
            end: before_start + chars(&before, e),
        });
    }
    if let Some((offset, strong)) = residence_after(&after) {
        let at = end + chars(&after, offset);
        let found = reading
            .document
            .extraction
            .entities
            .iter()
            .find(|e| e.anchor.field == Field::Text && e.anchor.start == at);
        if let Some(place) = found.filter(|e| e.kind == "place") {
            read.residences.push(Stated {
                reader,
                value: place
                    .place
                    .as_ref()
                    .map_or_else(|| place.name.clone(), |p| p.name.clone()),
                number: None,
                place: place.place.clone(),
                start: place.anchor.start,
                end: place.anchor.end,
            });
        } else if strong && found.is_none() {
            // A home the gazetteer does not know: its words, compared as
            // written.
            let rest = &after[offset..];
            if let Some(length) = capitalised_run(rest) {
                let name = &rest[..length];
                read.residences.push(Stated {
                    reader,
                    value: name.to_string(),
                    number: None,
                    place: None,
                    start: at,
                    end: at + name.chars().count(),
                });
            }
        }
    }
}

/// Reads what one mention's neighbourhood says of the person.
fn read_mention(
    readings: &[Reading<'_>],
    reader: usize,
    entity: &EntityItem,
    sentence: usize,
    read: &mut Read,
) {
    read_identity(readings, reader, entity, read);
    let reading = &readings[reader];
    let (start, end) = (entity.anchor.start, entity.anchor.end);
    let sentence = &reading.sentences[sentence];
    let people: Vec<&EntityItem> = reading
        .document
        .extraction
        .entities
        .iter()
        .filter(|e| {
            e.kind == "person"
                && e.anchor.field == Field::Text
                && sentence.holds(e.anchor.start, e.anchor.end)
        })
        .collect();
    let word_index = |position: usize| sentence.words.partition_point(|w| w.2 <= position);
    let (first_word, last_word) = (word_index(start), word_index(end.saturating_sub(1)));
    // Condition phrases whose nearest person is this one.
    let mut at = 0;
    while at < sentence.words.len() {
        let Some((phrase, class)) = condition_at(&sentence.words, at) else {
            at += 1;
            continue;
        };
        let (phrase_start, phrase_end) = (
            sentence.words[at].1,
            sentence.words[at + phrase.len() - 1].2,
        );
        let adverb = phrase.len() == 1 && CONDITION_ADVERBS.contains(&phrase[0]);
        let passive = at > 0 && BE.contains(&sentence.words[at - 1].0.as_str());
        let before = people
            .iter()
            .filter(|p| p.anchor.end <= phrase_start)
            .max_by_key(|p| p.anchor.end);
        let after = people
            .iter()
            .filter(|p| p.anchor.start >= phrase_end)
            .min_by_key(|p| p.anchor.start);
        let nearest = if adverb && !passive {
            // "critically wounding X": the object, named within a few words.
            after.filter(|p| {
                sentence.words[at..]
                    .iter()
                    .take_while(|w| w.1 < p.anchor.start)
                    .count()
                    <= 3
            })
        } else {
            before.or(after)
        };
        // A person noun between the name and the phrase ("…, and his father
        // was critically wounded") is who the phrase is about; an
        // attribution word between them ("…, according to X", "X said …")
        // makes the name the source of the phrase, not its subject.
        let between = |from: usize, to: usize| {
            sentence
                .words
                .iter()
                .filter(|w| w.1 >= from && w.2 <= to)
                .any(|w| {
                    lists().person_nouns.contains(&w.0.as_str())
                        || lists().attribution_cues.contains(&w.0.as_str())
                })
        };
        let nearest = nearest.filter(|p| {
            if p.anchor.end <= phrase_start {
                !between(p.anchor.end, phrase_start)
            } else {
                !between(phrase_end, p.anchor.start)
            }
        });
        let distance = if phrase_start >= end {
            at.saturating_sub(last_word)
        } else {
            first_word.saturating_sub(at + phrase.len())
        };
        if nearest.is_some_and(|p| p.anchor.start == start) && distance <= NEAR_WORDS {
            read.conditions.push(Stated {
                reader,
                value: (*class).to_string(),
                number: Some(f64::from(condition_rank(class))),
                place: None,
                start: phrase_start,
                end: phrase_end,
            });
        }
        at += phrase.len();
    }
    // Charges: an offence after a charge cue, the person before the cue and
    // not the crime's object.
    let object = sentence
        .words
        .iter()
        .rev()
        .find(|w| w.2 <= start)
        .is_some_and(|w| lists().victim_of.contains(&w.0.as_str()));
    if !object {
        for cue in &lists().charge_cues {
            let Some(cue_at) = (0..sentence.words.len()).find(|&i| {
                sentence.words.len() >= i + cue.len()
                    && cue
                        .iter()
                        .enumerate()
                        .all(|(k, w)| sentence.words[i + k].0 == *w)
                    && sentence.words[i].1 >= end
            }) else {
                continue;
            };
            let mut charges: Vec<(String, usize, usize)> = Vec::new();
            let mut i = cue_at + cue.len();
            while i < sentence.words.len() {
                let offence = offences().iter().find(|o| {
                    sentence.words.len() >= i + o.len()
                        && o.iter()
                            .enumerate()
                            .all(|(k, w)| sentence.words[i + k].0 == *w)
                });
                match offence {
                    Some(offence) => {
                        let degree = i
                            .checked_sub(1)
                            .map(|d| sentence.words[d].0.as_str())
                            .filter(|d| d.ends_with("-degree") || *d == "capital");
                        let begin = if degree.is_some() { i - 1 } else { i };
                        let name = match degree {
                            Some(degree) => format!("{} ({degree})", offence.join(" ")),
                            None => offence.join(" "),
                        };
                        charges.push((
                            name,
                            sentence.words[begin].1,
                            sentence.words[i + offence.len() - 1].2,
                        ));
                        i += offence.len();
                    }
                    None => i += 1,
                }
            }
            if !charges.is_empty() {
                let mut names: Vec<String> = charges.iter().map(|c| c.0.clone()).collect();
                names.sort();
                names.dedup();
                read.charges.push(Stated {
                    reader,
                    value: names.join("; "),
                    number: None,
                    place: None,
                    start: charges.iter().map(|c| c.1).min().unwrap_or(0),
                    end: charges.iter().map(|c| c.2).max().unwrap_or(0),
                });
                break;
            }
        }
    }
    // The person's part in the event: the nearest cue word.
    let mut best: Option<(usize, &'static str)> = None;
    for (i, word) in sentence.words.iter().enumerate() {
        let Some(role) = ["victim", "suspect", "witness"]
            .into_iter()
            .find(|role| role_cues(role).contains(&word.0.as_str()))
        else {
            continue;
        };
        let distance = if i > last_word {
            i - last_word
        } else {
            first_word.saturating_sub(i)
        };
        if distance <= NEAR_WORDS && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, role));
        }
    }
    if let Some((_, role)) = best {
        *read.votes.entry(role).or_insert(0) += 1;
    }
}

/// Compares one attribute across outlets; `None` when no outlet states it.
fn compare_attribute(
    readings: &[Reading<'_>],
    attribute: &str,
    stated: &[Stated],
) -> Option<Claim> {
    if stated.is_empty() {
        return None;
    }
    // One value per outlet and value, first passage kept.
    let mut per_outlet: BTreeMap<usize, Vec<&Stated>> = BTreeMap::new();
    for s in stated {
        let values = per_outlet.entry(s.reader).or_default();
        if !values.iter().any(|v| v.value == s.value) {
            values.push(s);
        }
    }
    let outlets: Vec<usize> = per_outlet.keys().copied().collect();
    let mut status = if outlets.len() < 2 {
        Status::Unique
    } else {
        Status::Agreed
    };
    let mut reason: Option<String> = None;
    for (x, a) in outlets.iter().enumerate() {
        for b in &outlets[x + 1..] {
            let (pair, why) = compare_values(readings, attribute, &per_outlet[a], &per_outlet[b]);
            if pair > status {
                status = pair;
                reason = Some(why);
            } else if pair == status && reason.is_none() && pair != Status::Agreed {
                reason = Some(why);
            }
        }
    }
    let mut variants = Vec::new();
    for values in per_outlet.values() {
        for s in values {
            let document = readings[s.reader].document;
            variants.push(Variant {
                value: s.number.filter(|_| attribute == "age"),
                reading: Some(s.value.clone()),
                place: s.place.as_ref().map(|p| p.id.clone()),
                ..Variant::passage(
                    document.id,
                    &crate::extract::items::Anchor {
                        field: Field::Text,
                        start: s.start,
                        end: s.end,
                        text: super::char_slice(&document.text, s.start, s.end),
                    },
                )
            });
        }
    }
    let note = match status {
        Status::Agreed => Some("every outlet states the same".to_string()),
        Status::Unique => None,
        _ => reason,
    };
    Some(Claim {
        key: String::new(),
        kind: "attribute".into(),
        subject: attribute.to_string(),
        status,
        variants,
        note,
        scope: None,
    })
}

/// Status of two outlets' values of one attribute, with the reason.
fn compare_values(
    readings: &[Reading<'_>],
    attribute: &str,
    a: &[&Stated],
    b: &[&Stated],
) -> (Status, String) {
    let label = |s: &Stated| readings[s.reader].document.label();
    let days_apart = |x: &Stated, y: &Stated| match (
        readings[x.reader].document.published,
        readings[y.reader].document.published,
    ) {
        (Some(p), Some(q)) => Some((q - p).num_days()),
        _ => None,
    };
    let shared = a.iter().any(|x| b.iter().any(|y| x.value == y.value));
    if shared && a.len() == 1 && b.len() == 1 {
        return (Status::Agreed, String::new());
    }
    if shared {
        return (
            Status::Compatible,
            "one outlet also gives the other's value".into(),
        );
    }
    let (x, y) = (a[0], b[0]);
    match attribute {
        "age" => {
            let gap = (x.number.unwrap_or(0.0) - y.number.unwrap_or(0.0)).abs();
            let apart = days_apart(x, y).map(i64::abs).unwrap_or(0);
            if gap <= 1.0 && apart >= 30 {
                (
                    Status::Compatible,
                    format!(
                        "{} and {} are a year apart in reports {apart} days apart: a birthday may lie between",
                        x.value, y.value
                    ),
                )
            } else {
                (
                    Status::Conflict,
                    format!(
                        "{} gives the age as {}, {} as {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            }
        }
        "condition" => {
            let (rank_x, rank_y) = (x.number.unwrap_or(0.0), y.number.unwrap_or(0.0));
            match days_apart(x, y) {
                // The dead do not recover: an earlier "dead" against a later "alive".
                Some(d) if d != 0 => {
                    let (earlier, later) = if d > 0 { (x, y) } else { (y, x) };
                    if earlier.value == "dead" && later.value != "dead" {
                        (
                            Status::Conflict,
                            format!(
                                "{} reports the person dead, the later {} {}",
                                label(earlier),
                                label(later),
                                later.value
                            ),
                        )
                    } else {
                        (
                            Status::Compatible,
                            "the reports are days apart: a condition changes".into(),
                        )
                    }
                }
                _ if (rank_x - rank_y).abs() >= 2.0 && rank_x.max(rank_y) >= 3.0 => (
                    Status::Conflict,
                    format!(
                        "the same day, {} reports {} and {} {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                ),
                _ => (Status::Compatible, "adjacent steps of the scale".into()),
            }
        }
        "residence" => match (&x.place, &y.place) {
            (Some(p), Some(q))
                if !p.contains(q)
                    && !q.contains(p)
                    && crate::extract::places::distance_km((p.lat, p.lon), (q.lat, q.lon))
                        > RESIDENCE_KM =>
            {
                (
                    Status::Conflict,
                    format!(
                        "{} places the person in {}, {} in {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            }
            _ => (
                Status::Compatible,
                "places that contain or neighbour each other".into(),
            ),
        },
        "charges" => {
            let offences = |s: &Stated| -> BTreeMap<String, String> {
                s.value
                    .split("; ")
                    .map(|c| match c.split_once(" (") {
                        Some((offence, degree)) => (
                            offence.to_string(),
                            degree.trim_end_matches(')').to_string(),
                        ),
                        None => (c.to_string(), String::new()),
                    })
                    .collect()
            };
            let (ox, oy) = (offences(x), offences(y));
            let degrees_differ = ox.iter().any(|(o, d)| {
                oy.get(o)
                    .is_some_and(|e| !d.is_empty() && !e.is_empty() && d != e)
            });
            if degrees_differ && days_apart(x, y) == Some(0) {
                (
                    Status::Conflict,
                    format!(
                        "the same day, {} reports {} and {} {}",
                        label(x),
                        x.value,
                        label(y),
                        y.value
                    ),
                )
            } else if ox.keys().all(|o| oy.contains_key(o)) || oy.keys().all(|o| ox.contains_key(o))
            {
                (
                    Status::Compatible,
                    "one outlet names only some of the charges".into(),
                )
            } else {
                (
                    Status::Compatible,
                    "charges change between arrest, charging and indictment".into(),
                )
            }
        }
        _ => (Status::Compatible, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_data() {
        for (after, expected) in [
            (", 23, and Lt. Derrick Stafford", Some(23)),
            (" Jr., 32, and", Some(32)),
            (", 6.", Some(6)),
            (" (34) was", Some(34)),
            (", aged 19, was", Some(19)),
            (", 2016, the", None),
            (", 911 dispatchers", None),
            (" said 23 people", None),
        ] {
            assert_eq!(age_after(after).map(|a| a.0), expected, "{after:?}");
        }
        for (before, expected) in [
            ("killing of 6-year-old ", Some(6)),
            ("shot a 22-year-old man named ", Some(22)),
            ("a 22-year-old man, ", None),
            ("32-year-old Officer ", Some(32)),
            ("a 40-year-old Sgt. ", Some(40)),
            ("shooting of two-year-old ", Some(2)),
            ("Twenty-two-year-old ", Some(22)),
            ("a few-year-old ", None),
            ("shooting of 2 year old ", Some(2)),
            ("murder of 2-year-old Makanzee Oldham\n\n", None),
            ("of 2-year-old Makanzee Oldham ", None),
        ] {
            assert_eq!(age_before(before).map(|a| a.0), expected, "{before:?}");
        }
    }

    #[test]
    fn residences_start_after_of_or_from() {
        for (after, expected) in [
            (", 24, of Kent, was", Some((9, true))),
            (", from Fairfield said", Some((7, false))),
            (" of Kettering in", Some((4, false))),
            (", who is from Gastonia, North", Some((14, true))),
            (" who lives in Garfield.", Some((14, true))),
            (" said on Sunday", None),
        ] {
            assert_eq!(residence_after(after), expected, "{after:?}");
        }
    }

    #[test]
    fn unknown_homes_are_capitalised_runs() {
        for (text, expected) in [
            ("Garfield, who was", Some("Garfield")),
            ("East Liberty.", Some("East Liberty")),
            ("St. Albans, police", Some("St. Albans")),
            ("the city", None),
        ] {
            assert_eq!(
                capitalised_run(text).map(|n| &text[..n]),
                expected,
                "{text:?}"
            );
        }
    }
}
