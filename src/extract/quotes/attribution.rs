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
//! - "he" and "she" are a recent *speaker or subject of a clause* whose
//!   gender agrees; a name inside a quotation or a clause's object is never
//!   a candidate. A subject introduced right before the quotation usually
//!   is its speaker, while "she added" continues the last speaker; with no
//!   candidate in reach, the last person named in the sentence before;
//! - a statement quotation without attribution of its own inherits the
//!   speaker of the sentence right before it — a quotation, reported speech
//!   or a colon introduction ("the family released this statement:") — and
//!   only when nothing intervenes.
//!
//! The walk keeps the discourse: every speaker and every sentence subject,
//! in order, with the sentence step it was seen at. Resolving a phrase is
//! `attribution/speakers`; reading a sentence's subject is
//! `attribution/subjects`.

mod speakers;
mod subjects;

use std::ops::Range;

use super::cast::{Cast, Gender};
use super::clauses::{Clause, quotation_clause, reported_clauses};
use super::tokens::{TokenKind, tokenize};
use super::{PersonRef, Quote, QuoteKind};
use crate::text::words::WordList;

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
const CONTINUED_WEIGHT: i64 = 5;
const AGREEMENT_WEIGHT: i64 = 1;
/// Speech verbs that continue what the same speaker was saying.
static CONTINUING_VERBS: WordList = WordList::new(include_str!("continuing_verbs.txt"));

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
        for (index, quote) in quotes.iter_mut().enumerate().take(next_quote).skip(first) {
            if quote.kind == QuoteKind::Scare {
                continue;
            }
            let tokens = tokenize(text, quote.sentence.clone(), &holes);
            let clause = tokens
                .iter()
                .position(|token| token.kind == TokenKind::Quotation(index))
                .and_then(|position| quotation_clause(text, &tokens, position));
            let speaker = match &clause {
                Some(clause) => discourse
                    .earlier_in_sentence(&tokens, clause)
                    .or_else(|| discourse.resolve(clause, step)),
                None if quote.kind == QuoteKind::Statement => discourse.inherited(step),
                None => None,
            };
            let Some(speaker) = speaker else {
                continue;
            };
            if let Some(clause) = &clause {
                discourse.remember(&speaker, clause, step);
            }
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

    /// "he"/"she": the best candidate among recent speakers and sentence
    /// subjects. Candidates of the other gender and bodies are skipped; a
    /// candidate loses `DISTANCE_WEIGHT` per sentence of distance and gains
    /// for having spoken (more with a continuing verb) and for a gender
    /// known to agree; ties go to the most recent.
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
