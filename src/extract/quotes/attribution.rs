//! Attribution: who said each quotation.
//!
//! The speaker comes from the structure of the attribution, not from the
//! nearest name. `clauses` finds the speech verb and the phrase naming the
//! speaker; this module walks the article in order and resolves that phrase:
//!
//! - a name is the person the entity stage names there, in the article's
//!   full form ("Lloyd Austin" for "Mr Austin"); a surname two people share
//!   is the one named last;
//! - a name after a preposition is not the speaker ("a spokeswoman for Mayor
//!   Tom Lee", "the mother of Tom Brown"), nor a possessor ("Smith's
//!   attorney"), except for a document or an office, which speaks for its
//!   issuer ("a statement from X", "X's statement", "the office of X");
//! - "the statement added" is the issuer of the last statement;
//! - a role ("the chief", "according to the US Defence Secretary", "police
//!   said") is the person the article gives that role to when it names one
//!   (see `cast`), else the role itself;
//! - "he" and "she" are the most recent *speaker or subject of a clause*
//!   whose gender agrees, within a few sentences; a name inside a quotation
//!   or a clause's object is never a candidate, and a speaker outranks a mere
//!   subject unless the subject's gender is known to agree;
//! - a statement quotation without attribution of its own inherits the
//!   speaker of the sentence right before it — a quotation, reported speech
//!   or a colon introduction ("the family released this statement:") — and
//!   only when nothing intervenes.
//!
//! The walk keeps the discourse: every speaker and every sentence subject,
//! in order, with the sentence step it was seen at.

use std::collections::BTreeSet;
use std::ops::Range;

use super::cast::{Cast, Gender, Role, is_role_noun, normalise_role_word};
use super::clauses::{
    Clause, is_name_particle, is_pronoun, is_speech_verb, phrase_before, quotation_clause,
    reported_clauses, starts_upper,
};
use super::lexicon::{
    BACK_REFERENCE_NOUNS, COLLECTIVE_NOUNS, DETERMINERS, DOCUMENT_NOUNS, GIVEN_NAMES,
    ORGANISATION_WORDS, PERSON_NOUNS, PHRASE_STOPS, ROLE_QUALIFIERS, SPEECH_ADVERBS, TITLES,
};
use super::tokens::{Token, TokenKind, tokenize};
use super::{PersonRef, Quote, QuoteKind};

/// How many sentences back a pronoun looks for its antecedent.
const PRONOUN_REACH: usize = 5;
/// How many sentences back "they" looks for a group that spoke.
const GROUP_REACH: usize = 2;
/// Pronoun scoring: what a sentence of distance costs, what having spoken
/// earns (more when the verb continues a speech: "she added"), and what a
/// gender known to agree earns. A new subject right before a quotation
/// usually is its speaker; "added" usually continues the last speaker.
const DISTANCE_WEIGHT: i64 = 2;
const SPOKE_WEIGHT: i64 = 1;
const CONTINUED_WEIGHT: i64 = 3;
const AGREEMENT_WEIGHT: i64 = 3;
/// Speech verbs that continue what the same speaker was saying.
const CONTINUING_VERBS: &[&str] = &["added", "adds", "continued", "continues"];

/// What kind of speaker a phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpeakerKind {
    /// A person of the cast, by name.
    Person,
    /// One person the article describes without naming ("the victim's
    /// mother", "a neighbor").
    Described,
    /// A body, a group or a document's issuer of no known person ("police",
    /// "the White House", "officials").
    Body,
}

/// A resolved speaker.
#[derive(Debug, Clone)]
struct Speaker {
    /// As reported: the canonical name, or the describing words.
    name: String,
    /// Where the speaker is named.
    range: Range<usize>,
    kind: SpeakerKind,
    gender: Option<Gender>,
}

/// Someone the discourse has put forward: a speaker, or the subject of a
/// sentence.
#[derive(Debug, Clone)]
struct Entry {
    speaker: Speaker,
    /// The sentence step it was seen at (sentences inside a quotation that
    /// spans several do not count).
    step: usize,
    spoke: bool,
}

/// The walk's state.
struct Discourse<'a> {
    text: &'a str,
    people: &'a [PersonRef],
    cast: Cast,
    /// Every quotation's span with its marks.
    quoted: Vec<Range<usize>>,
    /// The sentence read at each step (index = step - 1).
    steps: Vec<Range<usize>>,
    entries: Vec<Entry>,
    /// Whoever issued the last statement, for "the statement added".
    last_issuer: Option<Speaker>,
    last_speaker: Option<Speaker>,
    /// The subject of the sentence being read, for "they".
    current_subject: Option<Speaker>,
    /// The step and speaker of the last sentence that credited someone.
    previous_sentence: Option<(usize, Speaker)>,
}

/// Attributes `quotes` (sorted, classified) over `sentences`.
pub(super) fn attribute(
    text: &str,
    sentences: &[Range<usize>],
    people: &[PersonRef],
    quotes: &mut [Quote],
) {
    let holes: Vec<(Range<usize>, usize)> = quotes
        .iter()
        .enumerate()
        .map(|(index, quote)| (quote.outer.clone(), index))
        .collect();
    let quoted: Vec<Range<usize>> = quotes.iter().map(|quote| quote.outer.clone()).collect();
    let mut discourse = Discourse {
        text,
        people,
        cast: Cast::build(text, people, &quoted),
        quoted,
        steps: Vec::new(),
        entries: Vec::new(),
        last_issuer: None,
        last_speaker: None,
        current_subject: None,
        previous_sentence: None,
    };
    let mut next_quote = 0;
    // Sentences inside a multi-sentence quotation's span belong to it.
    let mut covered_until = 0;
    let mut step = 0;
    for sentence in sentences {
        let first = next_quote;
        while next_quote < quotes.len() && quotes[next_quote].outer.start < sentence.end {
            next_quote += 1;
        }
        if first == next_quote && sentence.start < covered_until {
            continue;
        }
        step += 1;
        discourse.steps.push(sentence.clone());
        let sentence_holes = &holes[first..next_quote];
        let tokens = tokenize(text, sentence.clone(), sentence_holes);
        // The subject is read first ("Deputies did not say…, but they
        // described it as a “rap song”") and joins the discourse after the
        // sentence's quotations are credited: a name opening the sentence
        // of a quotation is most often what the quotation is about
        // ("Mr Biden “places no higher priority…,” she added").
        let subject = discourse.sentence_subject(&tokens, step);
        discourse.current_subject = subject.as_ref().map(|(speaker, _)| speaker.clone());
        let mut credited = None;
        for index in first..next_quote {
            if quotes[index].kind == QuoteKind::Scare {
                continue;
            }
            let tokens = tokenize(text, quotes[index].sentence.clone(), &holes);
            let clause = tokens
                .iter()
                .position(|token| token.kind == TokenKind::Quotation(index))
                .and_then(|position| quotation_clause(text, &tokens, position));
            let speaker = match &clause {
                Some(clause) => discourse
                    .earlier_in_sentence(&tokens, clause)
                    .or_else(|| discourse.resolve(clause, step)),
                None if quotes[index].kind == QuoteKind::Statement => discourse.inherited(step),
                None => None,
            };
            let Some(speaker) = speaker else {
                continue;
            };
            if let Some(clause) = &clause {
                discourse.remember(&speaker, clause, step);
            }
            let quote = &mut quotes[index];
            quote.speaker = Some(speaker.name.clone());
            quote.speaker_range = Some(speaker.range.clone());
            quote.verb = clause.map(|clause| clause.verb);
            credited = Some(speaker);
        }
        if first < next_quote {
            covered_until = covered_until.max(quotes[next_quote - 1].sentence.end);
        }
        // Reported speech and the sentence's subject feed the discourse even
        // in a sentence whose quotation credits no one ("McCarthy said the
        // department would continue in what is known as “Terror Town”").
        if credited.is_none() {
            for clause in reported_clauses(text, &tokens) {
                if let Some(speaker) = discourse.resolve(&clause, step) {
                    discourse.remember(&speaker, &clause, step);
                    credited = Some(speaker);
                    break;
                }
            }
        }
        if let Some((subject, spoke)) = subject {
            let already = credited
                .as_ref()
                .is_some_and(|speaker| speaker.name == subject.name);
            if !already {
                discourse.entries.push(Entry {
                    speaker: subject,
                    step,
                    spoke,
                });
            }
        }
        discourse.current_subject = None;
        if let Some(speaker) = credited {
            discourse.previous_sentence = Some((step, speaker));
        }
    }
}

impl Discourse<'_> {
    fn remember(&mut self, speaker: &Speaker, clause: &Clause, step: usize) {
        self.entries.push(Entry {
            speaker: speaker.clone(),
            step,
            spoke: true,
        });
        self.last_speaker = Some(speaker.clone());
        if clause.statement {
            self.last_issuer = Some(speaker.clone());
        }
    }

    /// The speaker of the sentence right before, when nothing intervenes.
    fn inherited(&self, step: usize) -> Option<Speaker> {
        self.previous_sentence
            .as_ref()
            .filter(|(previous, _)| previous + 1 >= step)
            .map(|(_, speaker)| speaker.clone())
    }

    fn is_quoted(&self, range: &Range<usize>) -> bool {
        self.quoted
            .iter()
            .any(|quote| quote.start <= range.start && range.end <= quote.end)
    }

    /// Resolves the speaker phrase of `clause`.
    fn resolve(&self, clause: &Clause, step: usize) -> Option<Speaker> {
        let words = phrase_words(self.text, &clause.phrase);
        if let [(range, word)] = words.as_slice() {
            if is_pronoun(word) {
                let continues = CONTINUING_VERBS.contains(&clause.verb.as_str());
                return self.antecedent(Gender::of_pronoun(word), step, range.start, continues);
            }
            if word.eq_ignore_ascii_case("they") {
                return self.group_antecedent(step);
            }
        }
        if let Some(speaker) = self.nicknamed(&words) {
            return Some(speaker);
        }
        let mut speaker = self.resolve_words(&words)?;
        let from_mention = self
            .people
            .iter()
            .any(|person| person.range == speaker.range);
        if clause.issuer && speaker.kind == SpeakerKind::Person && !from_mention {
            speaker.kind = SpeakerKind::Body;
            speaker.gender = None;
        }
        // "the principal, Chris Beard, said": the apposition names whom the
        // phrase describes.
        if speaker.kind != SpeakerKind::Person
            && let Some(apposition) = &clause.apposition
            && let Some(named) = self.person_in(apposition, false)
            && named.kind == SpeakerKind::Person
            && self.text[named.range.end..apposition.end].trim().is_empty()
        {
            return Some(named);
        }
        Some(speaker)
    }

    fn resolve_words(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        // A pronoun is resolved by the discourse, never read as a name.
        if let [(_, word)] = words
            && (is_pronoun(word) || word.eq_ignore_ascii_case("they"))
        {
            return None;
        }
        let first = words.first()?;
        let last = words.last()?;
        let phrase = first.0.start..last.0.end;
        // The head part ends at the first preposition: what follows names
        // whom the speaker works for or is related to, not the speaker.
        let split = (1..words.len()).find(|&index| {
            matches!(
                words[index].1,
                "of" | "for" | "from" | "by" | "at" | "with" | "in" | "on"
            )
        });
        let (head, tail) = match split {
            Some(index) => (&words[..index], &words[index + 1..]),
            None => (words, &words[words.len()..]),
        };
        let head_range = head[0].0.start..head[head.len() - 1].0.end;
        let head_word = normalise_role_word(head[head.len() - 1].1);
        // A document or an office speaks for its issuer.
        if DOCUMENT_NOUNS.contains(&head_word) || head_word == "office" {
            return self.issuer(head, tail);
        }
        // A capitalised "of" phrase is one name ("Director of National
        // Intelligence"), unless the head already names a person.
        let opening = head
            .iter()
            .find(|(_, word)| !DETERMINERS.contains(word))
            .map_or("", |(_, word)| *word);
        let (head, head_range) = match tail.first() {
            Some((_, next)) if starts_upper(opening) && starts_upper(next) => {
                if self.person_in(&head_range, true).is_some() {
                    (head, head_range)
                } else {
                    (words, phrase.clone())
                }
            }
            _ => (head, head_range),
        };
        if let Some(speaker) = self.person_in(&head_range, false) {
            return Some(speaker);
        }
        if let Some(speaker) = self.name_ending(words, &phrase) {
            return Some(speaker);
        }
        // "officials with the Administration for Children's Services": the
        // body the officials speak for.
        if COLLECTIVE_NOUNS.contains(&head_word)
            && let (Some(first), Some(last)) = (tail.first(), tail.last())
            && let Some(body) = self.person_in(&(first.0.start..last.0.end), true)
            && body.kind == SpeakerKind::Body
        {
            return Some(body);
        }
        self.described(head)
    }

    /// "aunt of a victim Lynisha Carr": a person named at the very end of
    /// the phrase after a noun is the speaker; after a preposition ("the
    /// lawyer for Norris Greenhouse") it is whom the speaker serves.
    fn name_ending(
        &self,
        words: &[(Range<usize>, &str)],
        phrase: &Range<usize>,
    ) -> Option<Speaker> {
        let index = (0..self.people.len()).rev().find(|&index| {
            let person = &self.people[index];
            person.is_person && person.range.end == phrase.end && person.range.start > phrase.start
        })?;
        let start = self.people[index].range.start;
        let before = words
            .iter()
            .rev()
            .find(|(range, word)| range.end <= start && !TITLES.contains(word))?;
        let preposition = matches!(
            before.1.to_lowercase().as_str(),
            "of" | "for" | "from" | "by" | "at" | "with" | "to" | "in" | "on" | "and" | "or"
        );
        (!preposition && before.1.chars().all(|c| c.is_lowercase())).then(|| self.named(index))
    }

    /// Ulric “Big U” Barnes: a name with a nickname in quotation marks is
    /// the name without it; mentions the entity stage read across the marks
    /// are not trusted.
    fn nicknamed(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let is_mark = |c: char| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'');
        let opening = words
            .iter()
            .position(|(_, word)| word.starts_with(is_mark))?;
        let closing = opening
            + words[opening..]
                .iter()
                .position(|(_, word)| word.ends_with(is_mark))?;
        let outside: Vec<&(Range<usize>, &str)> = words[..opening]
            .iter()
            .chain(&words[closing + 1..])
            .filter(|(_, word)| starts_upper(word) && !TITLES.contains(word))
            .collect();
        if outside.len() < 2 || opening == 0 || closing + 1 == words.len() {
            return None;
        }
        let name = outside
            .iter()
            .map(|(_, word)| *word)
            .collect::<Vec<_>>()
            .join(" ");
        let first = outside.first()?;
        let last = outside.last()?;
        Some(Speaker {
            gender: GIVEN_NAMES.value(first.1).and_then(Gender::from_code),
            name,
            range: first.0.start..last.0.end,
            kind: SpeakerKind::Person,
        })
    }

    /// The issuer of a document or office: a name after its preposition ("a
    /// statement from X"), else a name before it ("X's statement", "the White
    /// House statement"), else what the tail describes ("a statement from the
    /// family"), else the last statement's issuer ("the statement added").
    fn issuer(
        &self,
        head: &[(Range<usize>, &str)],
        tail: &[(Range<usize>, &str)],
    ) -> Option<Speaker> {
        if let (Some(first), Some(last)) = (tail.first(), tail.last()) {
            let tail_range = first.0.start..last.0.end;
            if let Some(speaker) = self.person_in(&tail_range, true) {
                return Some(speaker);
            }
            // Without a mention, the issuer is a body ("a report from the
            // St. Louis Post-Dispatch", "a statement from the family").
            if let Some(speaker) = self.resolve_words(tail) {
                return Some(Speaker {
                    kind: SpeakerKind::Body,
                    gender: None,
                    ..speaker
                });
            }
        }
        let modifiers = &head[..head.len() - 1];
        let modifiers: Vec<(Range<usize>, &str)> = modifiers
            .iter()
            .filter(|(_, word)| !DETERMINERS.contains(word))
            .cloned()
            .collect();
        if let (Some(first), Some(last)) = (modifiers.first(), modifiers.last()) {
            let range = first.0.start..last.0.end;
            if let Some(speaker) = self.person_in(&range, true) {
                return Some(speaker);
            }
            let head_noun = head[head.len() - 1].1;
            if modifiers.iter().all(|(_, word)| starts_upper(word)) {
                // "X's statement" is X's; "the Bay County Sheriff’s Office"
                // is the office.
                let name = if starts_upper(head_noun) && !DOCUMENT_NOUNS.contains(head_noun) {
                    &self.text[range.start..head[head.len() - 1].0.end]
                } else {
                    self.text[range.clone()]
                        .trim_end_matches("'s")
                        .trim_end_matches("’s")
                };
                return Some(Speaker {
                    name: name.to_string(),
                    range: range.start..range.start + name.len(),
                    kind: SpeakerKind::Body,
                    gender: None,
                });
            }
        }
        if BACK_REFERENCE_NOUNS.contains(head[head.len() - 1].1) && modifiers.is_empty() {
            return self
                .last_issuer
                .clone()
                .or_else(|| self.last_speaker.clone());
        }
        // "the sheriff’s office said": the office itself.
        let words: Vec<&(Range<usize>, &str)> = head
            .iter()
            .filter(|(_, word)| !DETERMINERS.contains(word))
            .collect();
        let (first, last) = (words.first()?, words.last()?);
        (words.len() > 1).then(|| Speaker {
            name: self.text[first.0.start..last.0.end].to_string(),
            range: first.0.start..last.0.end,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// The entity mention inside `range` that names the speaker: a person
    /// before an organisation, the one nearest the end ("the office of X").
    /// A possessor ("Smith's attorney") names someone else, unless
    /// `possessor_speaks` (a document's or an office's owner).
    fn person_in(&self, range: &Range<usize>, possessor_speaks: bool) -> Option<Speaker> {
        let inside: Vec<usize> = (0..self.people.len())
            .filter(|&index| {
                let person = &self.people[index];
                person.range.start >= range.start
                    && person.range.end <= range.end
                    && (possessor_speaks || !self.is_possessor(&person.range, range))
            })
            .collect();
        let chosen = inside
            .iter()
            .rev()
            .find(|&&index| self.people[index].is_person)
            .or_else(|| inside.last())?;
        Some(self.named(*chosen))
    }

    /// "Smith's attorney": the mention is followed by a possessive and more
    /// words of the phrase.
    fn is_possessor(&self, mention: &Range<usize>, phrase: &Range<usize>) -> bool {
        let after = &self.text[mention.end..phrase.end];
        (after.starts_with("'s") || after.starts_with("’s") || after.starts_with('\''))
            && after
                .trim_start_matches(['\'', '’', 's'])
                .trim()
                .chars()
                .count()
                > 0
    }

    /// "Mr Austin stressed that the US does “…” but remains “…,” he said":
    /// a pronoun speaker is first the subject of an earlier speech verb of
    /// its own sentence, when the gender agrees.
    fn earlier_in_sentence(&self, tokens: &[Token], clause: &Clause) -> Option<Speaker> {
        let pronoun = self.text.get(clause.phrase.clone())?;
        if !is_pronoun(pronoun) {
            return None;
        }
        let gender = Gender::of_pronoun(pronoun);
        let pronoun_index = tokens
            .iter()
            .position(|token| token.range.start >= clause.phrase.start)?;
        (0..pronoun_index).find_map(|verb| {
            let word = &self.text[tokens[verb].range.clone()];
            if word.eq_ignore_ascii_case("according") || !is_speech_verb(self.text, tokens, verb) {
                return None;
            }
            let subject = phrase_before(self.text, tokens, verb)?;
            let first = tokens.partition_point(|token| token.range.start < subject.phrase.start);
            if first != 0 {
                return None;
            }
            let words = phrase_words(self.text, &subject.phrase);
            let speaker = self.resolve_words(&words)?;
            let agrees = match (gender, speaker.gender) {
                (Some(wanted), Some(known)) => wanted == known,
                _ => true,
            };
            (speaker.kind == SpeakerKind::Person && agrees).then_some(speaker)
        })
    }

    /// The speaker a mention names: its cast member's full name.
    fn named(&self, person_index: usize) -> Speaker {
        let person = &self.people[person_index];
        if !person.is_person {
            return Speaker {
                name: person.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Body,
                gender: None,
            };
        }
        let member = self
            .full_name_for(&person.name, person.range.start)
            .or_else(|| self.cast.member_of(person_index));
        match member.map(|index| &self.cast.members[index]) {
            Some(member) => Speaker {
                name: member.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Person,
                gender: member.gender,
            },
            None => Speaker {
                name: person.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Person,
                gender: None,
            },
        }
    }

    /// The member a one-word name stands for: the only full name ending
    /// with it, or among several the one who spoke last. Among several
    /// that have not spoken, none: the name stays as written.
    fn full_name_for(&self, surname: &str, position: usize) -> Option<usize> {
        let candidates = self.cast.full_names_for(surname);
        match candidates.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => self
                .entries
                .iter()
                .rev()
                .filter(|entry| entry.spoke && entry.speaker.range.end <= position)
                .find_map(|entry| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&index| self.cast.members[index].name == entry.speaker.name)
                }),
        }
    }

    /// A phrase without an entity mention: a role the article gives a named
    /// person, a collective, a described person, or capitalised words.
    fn described(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let mut start = 0;
        while start < words.len()
            && (DETERMINERS.contains(words[start].1)
                || matches!(words[start].1.to_lowercase().as_str(), "one" | "some"))
        {
            start += 1;
        }
        let content = &words[start..];
        let (first, last) = (content.first()?, content.last()?);
        let range = first.0.start..last.0.end;
        let determiner = start
            .checked_sub(1)
            .map(|index| words[index].1.to_lowercase());
        let indefinite = matches!(
            determiner.as_deref(),
            Some("a" | "an" | "another" | "one" | "some")
        );
        let head = normalise_role_word(last.1);
        let phrase_text = &self.text[range.clone()];
        // Capitalised words that are not all titles: a name the entity
        // stage did not read ("Chavez", "Omar Haddad").
        let all_titles = content.iter().all(|(_, word)| {
            let normalised = normalise_role_word(word);
            TITLES.contains(word)
                || is_role_noun(&normalised)
                || ROLE_QUALIFIERS.contains(&normalised)
        });
        let capitalised = starts_upper(last.1) && !COLLECTIVE_NOUNS.contains(last.1);
        // A title or role the article gives a named person ("according to
        // the US Defence Secretary", "the chief said").
        let role = is_role_noun(&head)
            .then(|| Role::read(phrase_text))
            .flatten();
        if !indefinite
            && let Some(role) = &role
            && let Some(speaker) = self.holder(role, range.start)
        {
            return Some(speaker);
        }
        if capitalised && !all_titles {
            return self.capitalised_name(content);
        }
        if COLLECTIVE_NOUNS.contains(&head) {
            if head == "police"
                && let Some(speaker) = self.police_spokesperson(range.start)
            {
                return Some(speaker);
            }
            return Some(Speaker {
                name: phrase_text.to_string(),
                range,
                kind: SpeakerKind::Body,
                gender: None,
            });
        }
        if let Some(role) = role {
            return Some(Speaker {
                name: phrase_text.to_string(),
                gender: role.gender,
                range,
                kind: SpeakerKind::Described,
            });
        }
        Some(Speaker {
            name: phrase_text.to_string(),
            range,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// Capitalised words next to the verb when no mention covers them:
    /// titles before the name are stripped; organisation words make it a
    /// body.
    fn capitalised_name(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let mut run_start = words.len() - 1;
        while run_start > 0 {
            let word = words[run_start - 1].1;
            if starts_upper(word) || (is_name_particle(word) && run_start >= 2) {
                run_start -= 1;
            } else {
                break;
            }
        }
        let run = &words[run_start..];
        let last_title = run.iter().rposition(|(_, word)| TITLES.contains(word));
        let name_words = match last_title {
            Some(title) if title + 1 < run.len() => &run[title + 1..],
            _ => run,
        };
        let organisation = name_words
            .iter()
            .any(|(_, word)| ORGANISATION_WORDS.contains(word.trim_end_matches('.')));
        let (first, last) = (name_words.first()?, name_words.last()?);
        let range = first.0.start..last.0.end;
        let written = &self.text[range.clone()];
        let member = self
            .full_name_for(written, range.start)
            .map(|index| &self.cast.members[index]);
        let is_person = !organisation
            && (last_title.is_some() || name_words.len() <= 4)
            && name_words
                .iter()
                .all(|(_, word)| !word.chars().all(|c| c.is_uppercase()) || word.len() <= 1);
        if is_person {
            return Some(Speaker {
                name: member.map_or_else(|| written.to_string(), |member| member.name.clone()),
                gender: member.and_then(|member| member.gender),
                range,
                kind: SpeakerKind::Person,
            });
        }
        Some(Speaker {
            name: written.to_string(),
            range,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// The person the article gives `role` to: the only holder, or among
    /// several the one who spoke last.
    fn holder(&self, role: &Role, position: usize) -> Option<Speaker> {
        let qualifiers: BTreeSet<String> = role
            .words
            .iter()
            .filter(|word| **word != role.head && ROLE_QUALIFIERS.contains(word))
            .cloned()
            .collect();
        let holders = self.cast.holders(role, &qualifiers);
        let chosen = match holders.as_slice() {
            [] => return None,
            [only] => *only,
            _ => self
                .entries
                .iter()
                .rev()
                .filter(|entry| entry.spoke)
                .find_map(|entry| {
                    holders
                        .iter()
                        .copied()
                        .find(|&index| self.cast.members[index].name == entry.speaker.name)
                })?,
        };
        let member = &self.cast.members[chosen];
        let range = member
            .mentions
            .iter()
            .rev()
            .find(|mention| mention.end <= position)
            .or_else(|| member.mentions.first())?
            .clone();
        Some(Speaker {
            name: member.name.clone(),
            range,
            kind: SpeakerKind::Person,
            gender: member.gender,
        })
    }

    /// "police said": the police spokesperson, when the article names
    /// exactly one.
    fn police_spokesperson(&self, position: usize) -> Option<Speaker> {
        let role = Role {
            head: "spokesperson".to_string(),
            words: BTreeSet::from(["spokesperson".to_string()]),
            gender: None,
        };
        let qualifiers = BTreeSet::from(["police".to_string()]);
        match self.cast.holders(&role, &qualifiers).as_slice() {
            [_] => self.holder(
                &Role {
                    words: BTreeSet::from(["police".to_string(), "spokesperson".to_string()]),
                    ..role
                },
                position,
            ),
            _ => None,
        }
    }

    /// "he"/"she": the best candidate among recent speakers and sentence
    /// subjects. Candidates of the other gender are skipped; a candidate
    /// loses a point per sentence of distance and gains two for having
    /// spoken and two for a gender known to agree; ties go to the most
    /// recent. Bodies are never candidates.
    fn antecedent(
        &self,
        gender: Option<Gender>,
        step: usize,
        position: usize,
        continues: bool,
    ) -> Option<Speaker> {
        let mut best: Option<(i64, &Entry)> = None;
        for entry in self.entries.iter().rev() {
            let distance = step.saturating_sub(entry.step);
            if distance > PRONOUN_REACH {
                break;
            }
            if entry.speaker.kind == SpeakerKind::Body
                || entry.speaker.range.start >= position
                || self.is_quoted(&entry.speaker.range)
            {
                continue;
            }
            let agrees = match (gender, entry.speaker.gender) {
                (Some(wanted), Some(known)) if wanted != known => continue,
                (Some(_), Some(_)) => true,
                _ => false,
            };
            let spoke = match (entry.spoke, continues) {
                (false, _) => 0,
                (true, false) => SPOKE_WEIGHT,
                (true, true) => CONTINUED_WEIGHT,
            };
            let score =
                -DISTANCE_WEIGHT * distance as i64 + spoke + AGREEMENT_WEIGHT * i64::from(agrees);
            if best.is_none_or(|(best_score, _)| score > best_score) {
                best = Some((score, entry));
            }
        }
        best.map(|(_, entry)| entry.speaker.clone())
            .or_else(|| self.last_named_before(gender, step, position))
    }

    /// With no speaker or subject in reach: the last person named, outside
    /// quotations, in the sentence before ("… and Aubrey’s father, DeAngelo
    /// Mansion. “…,” he said").
    fn last_named_before(
        &self,
        gender: Option<Gender>,
        step: usize,
        position: usize,
    ) -> Option<Speaker> {
        let previous = self.steps.get(step.checked_sub(2)?)?;
        let index = (0..self.people.len()).rev().find(|&index| {
            let person = &self.people[index];
            person.is_person
                && person.range.start >= previous.start
                && person.range.end <= previous.end
                && person.range.end <= position
                && !self.is_quoted(&person.range)
        })?;
        let speaker = self.named(index);
        match (gender, speaker.gender) {
            (Some(wanted), Some(known)) if wanted != known => None,
            _ => Some(speaker),
        }
    }

    /// "they said": the body or group that opens the sentence or was last
    /// put forward, if recent ("Deputies did not say…, but they described
    /// it as …").
    fn group_antecedent(&self, step: usize) -> Option<Speaker> {
        if let Some(subject) = &self.current_subject
            && subject.kind == SpeakerKind::Body
        {
            return Some(subject.clone());
        }
        self.entries
            .iter()
            .rev()
            .take_while(|entry| step.saturating_sub(entry.step) <= GROUP_REACH)
            .find(|entry| entry.speaker.kind == SpeakerKind::Body)
            .map(|entry| entry.speaker.clone())
    }

    /// The subject of a sentence: a person named at its start (after an
    /// opening phrase of a few words and a comma, and titles or role
    /// words), a pronoun (resolved), a body ("Police", "Deputies"), or a
    /// described person ("The victim's mother …"); with whether a speech
    /// verb follows it ("Larry Watson called the shooting a “tragedy”").
    /// A name before a possessive is the sentence's topic ("Michele
    /// Watson's eyes were wide") unless a person noun follows ("Smith's
    /// mother"), and a name after a bare article modifies a noun ("The
    /// Biden administration").
    fn sentence_subject(&self, tokens: &[Token], step: usize) -> Option<(Speaker, bool)> {
        let mut starts = vec![0];
        if let Some(comma) = tokens
            .iter()
            .take(7)
            .position(|token| token.kind == TokenKind::Punctuation(','))
        {
            starts.push(comma + 1);
        }
        starts
            .into_iter()
            .find_map(|start| self.subject_at(tokens, start, step))
    }

    fn subject_at(&self, tokens: &[Token], start: usize, step: usize) -> Option<(Speaker, bool)> {
        let text = self.text;
        let mut index = start;
        while index < tokens.len() && tokens[index].kind != TokenKind::Word {
            index += 1;
        }
        let token = tokens.get(index)?;
        let word = &text[token.range.clone()];
        // "She’d been up all night": a contracted pronoun is a subject too.
        let pronoun = word
            .split(['\'', '’'])
            .next()
            .filter(|pronoun| is_pronoun(pronoun));
        if let Some(pronoun) = pronoun {
            let speaker =
                self.antecedent(Gender::of_pronoun(pronoun), step, token.range.start, false)?;
            return Some((speaker, self.speech_follows(tokens, index + 1)));
        }
        if matches!(word.to_lowercase().as_str(), "and" | "but" | "then" | "so") {
            return self.subject_at(tokens, index + 1, step);
        }
        let window_end = tokens
            .get(index + 5)
            .map_or(usize::MAX, |token| token.range.start);
        let mention = (0..self.people.len()).find(|&person| {
            let range = &self.people[person].range;
            range.start >= token.range.start && range.start < window_end
        });
        match mention {
            Some(person) => self.mention_subject(tokens, index, person),
            None => self.described_subject(tokens, index),
        }
    }

    /// A mention opening the sentence (see `sentence_subject`).
    fn mention_subject(
        &self,
        tokens: &[Token],
        index: usize,
        person: usize,
    ) -> Option<(Speaker, bool)> {
        let text = self.text;
        let mention = &self.people[person];
        let range = &mention.range;
        let role_words: Vec<String> = mention
            .role
            .as_deref()
            .map(|role| role.split_whitespace().map(normalise_role_word).collect())
            .unwrap_or_default();
        let before: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.range.start >= tokens[index].range.start && t.range.end <= range.start)
            .collect();
        let before_ok = before.iter().all(|t| {
            let word = &text[t.range.clone()];
            let normalised = normalise_role_word(word);
            t.kind == TokenKind::Word
                && !PHRASE_STOPS.contains(word)
                && (starts_upper(word)
                    || DETERMINERS.contains(word)
                    || is_role_noun(&normalised)
                    || role_words.contains(&normalised))
        });
        let titled = before.last().is_some_and(|t| {
            let word = &text[t.range.clone()];
            TITLES.contains(word.trim_end_matches('.')) || is_role_noun(&normalise_role_word(word))
        });
        let bare_article = before
            .first()
            .is_some_and(|t| DETERMINERS.contains(&text[t.range.clone()]));
        if !before_ok || (bare_article && !titled) {
            return None;
        }
        let after_index = tokens.partition_point(|t| t.range.start < range.end);
        let after = &text[range.end..];
        if after.starts_with("'s") || after.starts_with("’s") || after.starts_with('’') {
            let possessed = tokens
                .get(after_index)
                .map(|t| &text[t.range.clone()])
                .filter(|word| !word.starts_with(['\'', '’']))
                .or_else(|| tokens.get(after_index + 1).map(|t| &text[t.range.clone()]));
            if possessed.is_some_and(|word| PERSON_NOUNS.contains(&normalise_role_word(word))) {
                return self.described_subject(tokens, index);
            }
            return mention.is_person.then(|| (self.named(person), false));
        }
        let speaks = self.speech_follows(tokens, after_index);
        Some((self.named(person), speaks))
    }

    /// "Police …", "The victim's mother …": a body or a described person
    /// opening the sentence.
    fn described_subject(&self, tokens: &[Token], index: usize) -> Option<(Speaker, bool)> {
        let text = self.text;
        let mut end = index;
        while end < tokens.len() && end - index < 5 && tokens[end].kind == TokenKind::Word {
            let current = &text[tokens[end].range.clone()];
            if end > index && PHRASE_STOPS.contains(current) {
                break;
            }
            end += 1;
        }
        let words: Vec<(Range<usize>, &str)> = tokens[index..end]
            .iter()
            .map(|t| (t.range.clone(), &text[t.range.clone()]))
            .collect();
        let first = words.first()?;
        if COLLECTIVE_NOUNS.contains(first.1) {
            let speaker = Speaker {
                name: first.1.to_string(),
                range: first.0.clone(),
                kind: SpeakerKind::Body,
                gender: None,
            };
            return Some((speaker, self.speech_follows(tokens, index + 1)));
        }
        if !DETERMINERS.contains(first.1) {
            return None;
        }
        // The head noun: a person noun that is not itself a possessor
        // ("The victim’s parents" names no one).
        let head_at = words.iter().rposition(|(_, word)| {
            PERSON_NOUNS.contains(&normalise_role_word(word))
                && !word.ends_with("'s")
                && !word.ends_with("’s")
        })?;
        let speaker = self.described(&words[..=head_at])?;
        (speaker.kind != SpeakerKind::Body)
            .then(|| (speaker, self.speech_follows(tokens, index + head_at + 1)))
    }

    /// A speech verb at `index`, past an adverb ("also said").
    fn speech_follows(&self, tokens: &[Token], index: usize) -> bool {
        let mut index = index;
        if tokens
            .get(index)
            .is_some_and(|t| SPEECH_ADVERBS.contains(&self.text[t.range.clone()]))
        {
            index += 1;
        }
        index < tokens.len()
            && !self.text[tokens[index].range.clone()].eq_ignore_ascii_case("according")
            && is_speech_verb(self.text, tokens, index)
    }
}

fn phrase_words<'a>(text: &'a str, phrase: &Range<usize>) -> Vec<(Range<usize>, &'a str)> {
    let Some(slice) = text.get(phrase.clone()) else {
        return Vec::new();
    };
    let mut words = Vec::new();
    let mut start = None;
    for (index, character) in slice.char_indices() {
        if character.is_whitespace() {
            if let Some(begin) = start.take() {
                words.push((
                    phrase.start + begin..phrase.start + index,
                    &slice[begin..index],
                ));
            }
        } else if start.is_none() {
            start = Some(index);
        }
    }
    if let Some(begin) = start {
        words.push((phrase.start + begin..phrase.end, &slice[begin..]));
    }
    words
}

/// Pieces of one quotation running over paragraphs share one speaker: the
/// first one found among them.
pub(super) fn share_speaker_across_pieces(quotes: &mut [Quote]) {
    let mut start = 0;
    while start < quotes.len() {
        let mut end = start + 1;
        while end < quotes.len() && quotes[end].continues_previous {
            end += 1;
        }
        if end - start > 1 {
            let found = quotes[start..end]
                .iter()
                .find(|quote| quote.speaker.is_some())
                .map(|quote| {
                    (
                        quote.speaker.clone(),
                        quote.speaker_range.clone(),
                        quote.verb.clone(),
                    )
                });
            if let Some((speaker, range, verb)) = found {
                for quote in &mut quotes[start..end] {
                    quote.speaker = speaker.clone();
                    quote.speaker_range = range.clone();
                    quote.verb = verb.clone();
                }
            }
        }
        start = end;
    }
}
