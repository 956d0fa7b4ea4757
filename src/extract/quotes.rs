//! Extraction stage: direct quotations and who said them.
//!
//! Comparing outlets claim by claim needs the exact words each outlet put
//! inside quotation marks (a reworded quotation is a finding) and the person
//! or body it credits them to — the person who spoke, not the nearest name:
//! a father's words are not his dead son's, a chief's "she added" is not
//! the officer's she spoke about.
//!
//! The stage runs in steps, one module each:
//!
//! - `pairing`: quotation marks into quotation pieces, paragraph by
//!   paragraph; conservative, because a wrong span is worse than a missing
//!   one;
//! - `classify`: a whole statement, a partial quote woven into the
//!   reporter's sentence, or one- or two-word scare quotes;
//! - `clauses`: the speech verb crediting each quotation (or a sentence of
//!   reported speech) and the phrase naming the speaker, from sentence
//!   structure;
//! - `cast`: the article's people — full names, genders, the roles the
//!   article gives them;
//! - `attribution`: a walk through the article that resolves each phrase to
//!   a speaker (names, documents' issuers, roles, pronouns, inheritance).
//!
//! They work over the layout of `segmentation` (paragraphs, sentences) and
//! the tokens of `tokens`, in which a quotation is one token so that its
//! words are never read as the reporter's. Word lists are data files beside
//! the modules, read by `lexicon`; attribution is tested as data
//! (`attribution_cases.txt`).
//!
//! All spans are byte ranges into the text given, on `char` boundaries.

mod attribution;
mod cast;
mod classify;
mod clauses;
mod lexicon;
mod pairing;
mod segmentation;
mod tokens;

use std::ops::Range;

use super::entities::{EntityKind, EntityMention};

pub use crate::extract::items::QuoteKind;
pub use segmentation::{fallback_sentences, sentences_or_fallback};

/// An entity mention handed in by the pipeline (people and organisations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    pub range: Range<usize>,
    /// Canonical name to report as the speaker.
    pub name: String,
    /// A person (pronouns may refer to it) rather than an organisation.
    pub is_person: bool,
    /// The title or role read before the name ("Police Chief",
    /// "spokeswoman"): "the chief said" resolves to its holder.
    pub role: Option<String>,
}

impl PersonRef {
    /// The reference for an entity mention: people and organisations speak,
    /// places and groups do not.
    pub fn from_mention(mention: &EntityMention) -> Option<PersonRef> {
        matches!(mention.kind, EntityKind::Person | EntityKind::Organisation).then(|| PersonRef {
            range: mention.range.clone(),
            name: mention.name.clone(),
            is_person: mention.kind == EntityKind::Person,
            role: mention.role.clone(),
        })
    }
}

/// One quotation, anchored to its passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the marks (trimmed of surrounding spaces).
    pub range: Range<usize>,
    /// The quotation with its marks. For the first paragraph of a quotation
    /// that runs on, this ends at the paragraph's end (there is no closing mark).
    pub outer: Range<usize>,
    pub kind: QuoteKind,
    /// Who is credited: the person's canonical name when a mention is known,
    /// else the words of the text ("minister", "Iraqi officials").
    pub speaker: Option<String>,
    /// Where the speaker is named: the attribution phrase, or the earlier mention
    /// a pronoun or "the statement" was resolved to.
    pub speaker_range: Option<Range<usize>>,
    /// The attribution verb, lowercased ("said", "added", "according to").
    /// `None` when the speaker is inherited from the sentence before.
    pub verb: Option<String>,
    /// The sentence(s) the quotation sits in, from the start of the sentence
    /// holding the opening mark to the end of the one holding the closing mark.
    pub sentence: Range<usize>,
    /// This piece continues the quotation of the previous paragraph (it opened
    /// with a fresh mark after a paragraph left unclosed). Pieces of one
    /// quotation share speaker and verb.
    pub continues_previous: bool,
}

/// Finds the quotations in `text`.
///
/// `sentences` are sorted byte ranges (the segmentation stage's output); when
/// empty, a simple internal segmentation is used. `people` are sorted entity
/// mentions; when empty, speakers are read from capitalised words next to the
/// speech verb.
pub fn extract(text: &str, sentences: &[Range<usize>], people: &[PersonRef]) -> Vec<Quote> {
    let sentences = sentences_or_fallback(text, sentences);
    let sentences = &sentences[..];
    let pieces = pairing::pair_marks(text);
    let mut quotes: Vec<Quote> = pieces
        .iter()
        .map(|piece| {
            let sentence = segmentation::sentence_span(text, sentences, &piece.outer);
            Quote {
                range: piece.inner.clone(),
                outer: piece.outer.clone(),
                kind: QuoteKind::Partial,
                speaker: None,
                speaker_range: None,
                verb: None,
                sentence,
                continues_previous: piece.continues_previous,
            }
        })
        .collect();
    for index in 0..quotes.len() {
        quotes[index].kind = if quotes[index].continues_previous && index > 0 {
            quotes[index - 1].kind
        } else {
            classify::classify(text, &quotes[index])
        };
    }
    attribution::attribute(text, sentences, people, &mut quotes);
    attribution::share_speaker_across_pieces(&mut quotes);
    quotes
}

#[cfg(test)]
mod tests;
