//! Attribution clauses: the speech verb that credits a quotation or a
//! sentence of reported speech, and the phrase that names who speaks.
//!
//! This module reads sentence structure only; who the phrase refers to is
//! `attribution`'s business. The forms read are the ones news prose uses:
//! "X said" and "said X" around a quotation (the nearest speech verb wins,
//! after the quotation on a tie), "according to X", "X, who …, said" and
//! "X, 45, a neighbor, told reporters" (the subject is the noun phrase that
//! opens the clause, appositions skipped), "Smith also said" (an adverb
//! skipped), "read the statement shared by X", a transcript label
//! ("Dispatcher: “…”"), and a statement introduced by a colon ("the
//! newspaper released the following statement:").
//!
//! Phrases never cross a quotation: quotations are single tokens here, so
//! the words inside the marks are never read as the speaker.

use std::ops::Range;

use super::lexicon::{
    DETERMINERS, DOCUMENT_NOUNS, ISSUING_VERBS, PHRASE_STOPS, SPEECH_ADVERBS, SPEECH_VERBS,
};
use super::tokens::{Token, TokenKind};

/// Longest stretch, in tokens, of appositions and relative clauses between
/// a subject and its speech verb ("X, who was inside the bar when the
/// shooting began, said").
const MAX_APPOSITION_TOKENS: usize = 30;
/// Longest speaker phrase read backwards from a verb, in words.
const MAX_PHRASE_WORDS: usize = 14;

/// A speech verb with the phrase naming its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Clause {
    /// The verb as stored: lowercased, "according to" for that preposition
    /// pair, ":" for a transcript label.
    pub verb: String,
    /// The speaker phrase.
    pub phrase: Range<usize>,
    /// The first apposition after a subject read before commas ("the
    /// principal, Chris Beard, said"): it may name whom the phrase describes.
    pub apposition: Option<Range<usize>>,
    /// The phrase names a document's issuer ("according to a report from
    /// the St. Louis Post-Dispatch"): without a person mention it is a body.
    pub issuer: bool,
    /// The verb is the second of a coordination ("X called the officers
    /// “true professionals” and noted that “…”"): its speaker is the
    /// subject of the sentence, and `phrase` is the conjunction.
    pub coordinated: bool,
    /// The clause credits a written statement ("said in a statement",
    /// "released the following statement:"): its speaker is the issuer
    /// that a later "the statement added" refers back to.
    pub statement: bool,
}

fn word<'a>(text: &'a str, token: &Token) -> &'a str {
    &text[token.range.clone()]
}

fn is_word(token: &Token) -> bool {
    token.kind == TokenKind::Word
}

pub(super) fn starts_upper(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A word that may belong to a name: capitalised and not a sentence-initial
/// function word ("Then", "And"), or a lowercase name particle.
pub(super) fn is_name_word(word: &str) -> bool {
    (starts_upper(word) && !PHRASE_STOPS.contains(word)) || is_name_particle(word)
}

/// Lowercase name particles inside a capitalised name ("al-Sudani", "bin", "de").
pub(super) fn is_name_particle(word: &str) -> bool {
    word.starts_with("al-")
        || word.starts_with("el-")
        || matches!(
            word,
            "al" | "bin" | "ibn" | "de" | "da" | "van" | "von" | "der" | "la" | "le" | "del" | "of"
        )
}

/// "he" or "she", in either case.
pub(super) fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "He" | "She")
}

/// True when the token at `index` is a speech verb used as one: not "was
/// said", not "said to be", "read" only before a document ("read the
/// statement"), "according" only before "to".
pub(super) fn is_speech_verb(text: &str, tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    if !is_word(token) {
        return false;
    }
    let verb = word(text, token);
    if !SPEECH_VERBS.contains(verb) {
        return false;
    }
    let next_word = tokens
        .get(index + 1)
        .filter(|t| is_word(t))
        .map(|t| word(text, t));
    let previous_word = index
        .checked_sub(1)
        .and_then(|previous| tokens.get(previous))
        .filter(|t| is_word(t))
        .map(|t| word(text, t).to_lowercase());
    if verb.eq_ignore_ascii_case("according") {
        return next_word.is_some_and(|next| next.eq_ignore_ascii_case("to"));
    }
    // "said to be used", "was said"
    if next_word.is_some_and(|next| next.eq_ignore_ascii_case("to")) && verb != "told" {
        return false;
    }
    if previous_word
        .as_deref()
        .is_some_and(|previous| matches!(previous, "was" | "were" | "is" | "are" | "been" | "be"))
    {
        return false;
    }
    if verb.eq_ignore_ascii_case("read") {
        return next_word
            .is_some_and(|next| DETERMINERS.contains(next) || DOCUMENT_NOUNS.contains(next));
    }
    true
}

/// The clause crediting the quotation at token `position`: the nearest
/// speech verb on either side (after wins a tie: the usual "“…,” she said"
/// order), else a transcript label.
pub(super) fn quotation_clause(text: &str, tokens: &[Token], position: usize) -> Option<Clause> {
    let mut best: Option<usize> = None;
    let mut best_distance = usize::MAX;
    for candidate in 0..tokens.len() {
        if candidate == position || !is_speech_verb(text, tokens, candidate) {
            continue;
        }
        let distance = if candidate > position {
            (candidate - position) * 2
        } else {
            (position - candidate) * 2 + 1
        };
        if distance < best_distance {
            best_distance = distance;
            best = Some(candidate);
        }
    }
    let Some(verb_index) = best else {
        return label_clause(text, tokens, position);
    };
    if let Some(clause) = coordinated_clause(text, tokens, verb_index) {
        return Some(clause);
    }
    let verb_word = word(text, &tokens[verb_index]);
    let according = verb_word.eq_ignore_ascii_case("according");
    let subject = if according {
        phrase_after(text, tokens, verb_index + 2)
    } else {
        let follows_quotation = tokens[..verb_index]
            .iter()
            .rev()
            .find(|token| !matches!(token.kind, TokenKind::Punctuation(',' | '—' | '–')))
            .is_none_or(|token| matches!(token.kind, TokenKind::Quotation(_)));
        let inverted = follows_quotation
            && tokens
                .get(verb_index + 1)
                .is_some_and(|next| is_word(next) && !is_pronoun(word(text, next)));
        if inverted {
            phrase_after(text, tokens, verb_index + 1)
        } else {
            phrase_before(text, tokens, verb_index)
        }
    }?;
    Some(Clause {
        verb: verb_name(verb_word),
        statement: credits_statement(text, tokens, verb_index, &subject.phrase),
        phrase: subject.phrase,
        apposition: subject.apposition,
        issuer: subject.issuer,
        coordinated: false,
    })
}

/// The clauses of a sentence of reported speech ("X said in a statement
/// that …", "according to X"), in order. A verb counts only when its subject
/// opens the sentence or a clause, so that the phrase is not the tail of
/// another clause. A sentence ending in a colon after a subject and an
/// issuing verb ("the family released this statement:") introduces the
/// quotation that follows.
pub(super) fn reported_clauses(text: &str, tokens: &[Token]) -> Vec<Clause> {
    let mut clauses = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if !is_word(token) {
            continue;
        }
        let verb = word(text, token);
        let is_said = matches!(verb, "said" | "says" | "added" | "stated" | "told");
        let is_according = verb.eq_ignore_ascii_case("according")
            && tokens
                .get(index + 1)
                .is_some_and(|next| word(text, next).eq_ignore_ascii_case("to"));
        let subject = if is_according {
            phrase_after(text, tokens, index + 2)
        } else if is_said {
            phrase_before(text, tokens, index)
                .filter(|subject| opens_clause_at(tokens, &subject.phrase))
        } else {
            None
        };
        if let Some(subject) = subject {
            clauses.push(Clause {
                verb: verb_name(verb),
                statement: credits_statement(text, tokens, index, &subject.phrase),
                phrase: subject.phrase,
                apposition: subject.apposition,
                issuer: subject.issuer,
                coordinated: false,
            });
        }
    }
    if let Some(clause) = colon_clause(text, tokens) {
        clauses.push(clause);
    }
    clauses
}

/// "the Herald released the following statement:" — a sentence ending in a
/// colon whose subject opens it and whose verb issues a statement.
fn colon_clause(text: &str, tokens: &[Token]) -> Option<Clause> {
    let last = tokens.last()?;
    if last.kind != TokenKind::Punctuation(':') {
        return None;
    }
    let Some(verb_index) = (0..tokens.len()).find(|&index| {
        is_word(&tokens[index]) && ISSUING_VERBS.contains(word(text, &tokens[index]))
    }) else {
        return heading_clause(text, tokens);
    };
    // "Capt. John Cook … did describe the scene to reporters:"
    let mut subject_end = verb_index;
    while subject_end > 1
        && is_word(&tokens[subject_end - 1])
        && matches!(
            word(text, &tokens[subject_end - 1]).to_lowercase().as_str(),
            "did" | "has" | "have" | "had" | "will" | "would" | "then" | "also" | "later"
        )
    {
        subject_end -= 1;
    }
    let subject = phrase_before(text, tokens, subject_end)?;
    if !opens_clause_at(tokens, &subject.phrase) {
        return None;
    }
    Some(Clause {
        verb: verb_name(word(text, &tokens[verb_index])),
        phrase: subject.phrase,
        apposition: subject.apposition,
        issuer: subject.issuer,
        coordinated: false,
        statement: true,
    })
}

/// "Quotes from Sheriff Walton:", "Statement from the family:" — a heading
/// that names a document and who issued it, and nothing else, introduces
/// the quotations after it as that issuer's words. The document noun opens
/// the heading (after at most [`HEADING_LEAD`] words: "Full statement from
/// …") and the issuer's phrase runs to the colon.
fn heading_clause(text: &str, tokens: &[Token]) -> Option<Clause> {
    let colon = tokens.len().checked_sub(1)?;
    let noun = (0..colon.min(HEADING_LEAD + 1)).find(|&index| {
        is_word(&tokens[index]) && DOCUMENT_NOUNS.contains(word(text, &tokens[index]))
    })?;
    let issued = tokens.get(noun + 1).is_some_and(|token| {
        is_word(token) && matches!(word(text, token).to_lowercase().as_str(), "from" | "by")
    });
    if !issued || !tokens[..noun].iter().all(is_word) {
        return None;
    }
    let subject = phrase_after(text, tokens, noun + 2)?;
    let ends_at_colon = tokens[colon - 1].range.end == subject.phrase.end;
    ends_at_colon.then(|| Clause {
        verb: verb_name(word(text, &tokens[noun])),
        phrase: subject.phrase,
        apposition: subject.apposition,
        issuer: true,
        coordinated: false,
        statement: true,
    })
}

/// Most words before the document noun of a heading ("Full text of the
/// statement from …" is not a heading; "Full statement from …" is).
const HEADING_LEAD: usize = 1;

/// "… and noted that": a speech verb right after "and" or "but" shares the
/// subject of the sentence.
fn coordinated_clause(text: &str, tokens: &[Token], verb_index: usize) -> Option<Clause> {
    let conjunction = tokens.get(verb_index.checked_sub(1)?)?;
    let joins = is_word(conjunction)
        && matches!(
            word(text, conjunction).to_lowercase().as_str(),
            "and" | "but"
        );
    joins.then(|| Clause {
        verb: verb_name(word(text, &tokens[verb_index])),
        phrase: conjunction.range.clone(),
        apposition: None,
        statement: false,
        issuer: false,
        coordinated: true,
    })
}

/// Transcript style: a short label and a colon opening the sentence right
/// before the quotation ("Dispatcher: “Do you see them?”").
fn label_clause(text: &str, tokens: &[Token], position: usize) -> Option<Clause> {
    let colon = position.checked_sub(1)?;
    if tokens[colon].kind != TokenKind::Punctuation(':') || colon == 0 || colon > 3 {
        return None;
    }
    let label = &tokens[..colon];
    if !label
        .iter()
        .all(|token| is_word(token) && is_name_word(word(text, token)))
    {
        return None;
    }
    Some(Clause {
        verb: ":".to_string(),
        phrase: label[0].range.start..label[label.len() - 1].range.end,
        apposition: None,
        issuer: false,
        statement: false,
        coordinated: false,
    })
}

fn verb_name(verb: &str) -> String {
    if verb.eq_ignore_ascii_case("according") {
        "according to".to_string()
    } else {
        verb.to_lowercase()
    }
}

/// "said in a statement", "according to a statement from X", "the
/// statement added": the clause credits a document.
fn credits_statement(
    text: &str,
    tokens: &[Token],
    verb_index: usize,
    phrase: &Range<usize>,
) -> bool {
    // The phrase itself ("the statement added") or the words between the
    // verb and a phrase after it ("according to a statement from X").
    let from = tokens
        .get(verb_index)
        .map_or(phrase.start, |verb| verb.range.end.min(phrase.start));
    let in_phrase = tokens
        .iter()
        .filter(|token| token.range.start >= from && token.range.end <= phrase.end)
        .any(|token| DOCUMENT_NOUNS.contains(word(text, token)));
    let after_verb = tokens
        .iter()
        .skip(verb_index + 1)
        .take(4)
        .take_while(|token| is_word(token))
        .map(|token| word(text, token))
        .collect::<Vec<_>>();
    let in_statement = after_verb
        .windows(2)
        .any(|pair| pair[0].eq_ignore_ascii_case("in") && DETERMINERS.contains(pair[1]))
        && after_verb.iter().any(|word| DOCUMENT_NOUNS.contains(word));
    in_phrase || in_statement
}

/// The subject phrase starts the sentence or a clause: nothing before it,
/// or a quotation, a comma, a dash or a colon, or "and"/"but".
fn opens_clause_at(tokens: &[Token], phrase: &Range<usize>) -> bool {
    let first = tokens.partition_point(|token| token.range.start < phrase.start);
    opens_clause(tokens, first, None)
}

fn opens_clause(tokens: &[Token], first: usize, text: Option<&str>) -> bool {
    let Some(previous) = first.checked_sub(1).map(|index| &tokens[index]) else {
        return true;
    };
    match previous.kind {
        TokenKind::Quotation(_) => true,
        TokenKind::Punctuation(mark) => matches!(mark, ',' | '—' | '–' | ':' | ';' | '('),
        TokenKind::Word => text.is_some_and(|text| {
            matches!(
                word(text, previous).to_lowercase().as_str(),
                "and" | "but" | "while" | "as"
            )
        }),
    }
}

/// The noun phrase starting at `start` ("said Defence Secretary Lloyd
/// Austin in a statement" → "Defence Secretary Lloyd Austin"); "the
/// statement shared by X" and "a statement from X" are reduced to X.
pub(super) fn phrase_after(text: &str, tokens: &[Token], start: usize) -> Option<Subject> {
    let mut first = start;
    let mut last: Option<usize> = None;
    let mut issuer = false;
    let mut index = start;
    while index < tokens.len() && index < start + 12 {
        let token = &tokens[index];
        if is_nickname(text, tokens, index) {
            index += 1;
            continue;
        }
        if !is_word(token) {
            break;
        }
        let lower = word(text, token).to_lowercase();
        let after_name = last.is_some_and(|last| starts_upper(word(text, &tokens[last])));
        if matches!(lower.as_str(), "by" | "from") && last.is_some() && !after_name {
            // "the statement shared by Austin", "a tally by officials"; but
            // "Pastor Greg Andrews from House of Deliverance" ends at the name.
            issuer |= tokens[first..index]
                .iter()
                .any(|token| DOCUMENT_NOUNS.contains(word(text, token)));
            first = index + 1;
            last = None;
            index += 1;
            continue;
        }
        let name_like = is_name_word(word(text, token));
        if PHRASE_STOPS.contains(&lower) && !name_like {
            break;
        }
        if lower == "on" || lower == "at" || lower == "in" {
            break;
        }
        last = Some(index);
        index += 1;
    }
    let last = last?;
    if first > last {
        return None;
    }
    Some(Subject {
        phrase: tokens[first].range.start..tokens[last].range.end,
        apposition: None,
        issuer,
    })
}

/// A short quotation between two capitalised words is a nickname inside a
/// name (Ulysses "U.S." Floyd), not a quotation ending the phrase.
fn is_nickname(text: &str, tokens: &[Token], index: usize) -> bool {
    let TokenKind::Quotation(_) = tokens[index].kind else {
        return false;
    };
    let capitalised = |token: Option<&Token>| {
        token.is_some_and(|token| is_word(token) && starts_upper(word(text, token)))
    };
    tokens[index].range.len() <= 24
        && capitalised(
            index
                .checked_sub(1)
                .and_then(|previous| tokens.get(previous)),
        )
        && capitalised(tokens.get(index + 1))
}

/// The subject phrase of the verb at `verb_index`: the words right before
/// it, past an adverb ("Smith also said"); or, when a comma precedes the
/// verb, the noun phrase that opens the clause before the appositions and
/// relative clauses ("Jane Doe, 45, who lives nearby, said").
pub(super) fn phrase_before(text: &str, tokens: &[Token], verb_index: usize) -> Option<Subject> {
    let mut end = verb_index;
    if end > 1 && is_word(&tokens[end - 1]) && SPEECH_ADVERBS.contains(word(text, &tokens[end - 1]))
    {
        end -= 1;
    }
    if end > 0 && tokens[end - 1].kind == TokenKind::Punctuation(',') {
        return subject_before_apposition(text, tokens, end - 1);
    }
    let first = noun_phrase_start(text, tokens, end)?;
    Some(Subject {
        phrase: tokens[first].range.start..tokens[end - 1].range.end,
        apposition: None,
        issuer: false,
    })
}

/// A subject phrase with the apposition that follows it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Subject {
    pub phrase: Range<usize>,
    pub apposition: Option<Range<usize>>,
    /// Read after "a statement from", "a report by".
    pub issuer: bool,
}

/// The first token of the noun phrase ending just before `end`, read
/// backwards over words until a stop word that is not part of a name.
fn noun_phrase_start(text: &str, tokens: &[Token], end: usize) -> Option<usize> {
    let mut first: Option<usize> = None;
    let mut index = end;
    while index > 0 && end - index < MAX_PHRASE_WORDS {
        let token = &tokens[index - 1];
        if index >= 2 && first.is_some() && is_nickname(text, tokens, index - 1) {
            index -= 1;
            continue;
        }
        if !is_word(token) {
            break;
        }
        let current = word(text, token);
        if !is_name_word(current) && PHRASE_STOPS.contains(current) {
            break;
        }
        first = Some(index - 1);
        index -= 1;
    }
    first
}

/// "X, 45, a neighbor, said": the comma at `closing` ends appositions; the
/// subject is the leftmost noun phrase before one of the commas that opens
/// its clause and can be a subject (not a number, not a prepositional
/// phrase: "of Memphis").
fn subject_before_apposition(text: &str, tokens: &[Token], closing: usize) -> Option<Subject> {
    let mut floor = closing.saturating_sub(MAX_APPOSITION_TOKENS);
    // Appositions never hold a quotation or a sentence break.
    if let Some(barrier) = tokens[floor..closing].iter().rposition(|token| {
        matches!(
            token.kind,
            TokenKind::Quotation(_) | TokenKind::Punctuation('.' | ';' | '!' | '?' | ':')
        )
    }) {
        floor += barrier + 1;
    }
    for comma in floor..closing {
        if tokens[comma].kind != TokenKind::Punctuation(',') || comma == 0 {
            continue;
        }
        let Some(first) = noun_phrase_start(text, tokens, comma) else {
            continue;
        };
        if first < floor || !opens_clause(tokens, first, Some(text)) {
            continue;
        }
        let head = word(text, &tokens[first]);
        let numeric = tokens[first..comma]
            .iter()
            .all(|token| word(text, token).chars().all(|c| c.is_ascii_digit()));
        if numeric
            || matches!(
                head.to_lowercase().as_str(),
                "of" | "from" | "for" | "at" | "with"
            )
        {
            continue;
        }
        let apposition_end = (comma + 1..=closing)
            .find(|&index| tokens[index].kind == TokenKind::Punctuation(','))
            .unwrap_or(closing);
        let apposition = (apposition_end > comma + 1)
            .then(|| tokens[comma + 1].range.start..tokens[apposition_end - 1].range.end);
        return Some(Subject {
            phrase: tokens[first].range.start..tokens[comma - 1].range.end,
            apposition,
            issuer: false,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn subject(text: &str) -> Option<String> {
        let tokens = tokenize(text, 0..text.len(), &[]);
        reported_clauses(text, &tokens)
            .first()
            .map(|clause| text[clause.phrase.clone()].to_string())
    }

    #[test]
    fn subjects_of_reported_speech() {
        for (text, expected) in [
            ("Jane Doe said the car was red.", Some("Jane Doe")),
            ("Jane Doe, 45, said the car was red.", Some("Jane Doe")),
            (
                "Jane Doe, 45, of Memphis, said the car was red.",
                Some("Jane Doe"),
            ),
            (
                "Taye Adesha, who was inside the bar when the shooting began, said it was loud.",
                Some("Taye Adesha"),
            ),
            (
                "On Tuesday, Jane Doe, a neighbor, said it was loud.",
                Some("Jane Doe"),
            ),
            ("Police, however, said the man fled.", Some("Police")),
            (
                "Sheriff Tom Lee also said the man fled.",
                Some("Sheriff Tom Lee"),
            ),
            ("The man who was shot said nothing.", None),
            (
                "The Herald released the following statement:",
                Some("The Herald"),
            ),
        ] {
            assert_eq!(subject(text).as_deref(), expected, "{text}");
        }
    }
}
