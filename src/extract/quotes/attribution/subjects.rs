//! The subject of a sentence: whom a sentence puts forward, so that a
//! later "he" or "she" can refer to it.

use std::ops::Range;

use super::super::cast::{Gender, is_role_noun, normalise_role_word};
use super::super::clauses::{is_pronoun, is_speech_verb, starts_upper};
use super::super::lexicon::{
    COLLECTIVE_NOUNS, DETERMINERS, PERSON_NOUNS, PHRASE_STOPS, SPEECH_ADVERBS, TITLES,
};
use super::super::tokens::{Token, TokenKind};
use super::{Discourse, Speaker, SpeakerKind};

impl Discourse<'_> {
    /// The subject of a sentence: a person named at its start (after an
    /// opening phrase of a few words and a comma, and titles or role
    /// words), a pronoun (resolved), a body ("Police", "Deputies"), or a
    /// described person ("The victim's mother …"); with whether a speech
    /// verb follows it ("Larry Watson called the shooting a “tragedy”").
    /// A name before a possessive is the sentence's topic ("Michele
    /// Watson's eyes were wide") unless a person noun follows ("Smith's
    /// mother"), and a name after a bare article modifies a noun ("The
    /// Biden administration").
    pub(super) fn sentence_subject(
        &self,
        tokens: &[Token],
        step: usize,
    ) -> Option<(Speaker, bool)> {
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
