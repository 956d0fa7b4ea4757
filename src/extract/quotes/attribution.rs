//! Attribution: who said each quotation.
//!
//! Attribution looks for the speech verb nearest to the quotation in its
//! sentence ("said", "told", "added", "according to", "wrote", …) and reads the
//! speaker either before it ("Austin said", "the statement added") or after it
//! ("said Austin", "according to X", "read the statement shared by X").
//! Names come from the entity mentions the pipeline passes in; without them a
//! capitalised run next to the verb is taken, titles stripped. Pronouns resolve
//! to the last person named before them outside quotations, "the statement" to
//! the last speaker attributed, and a statement quote with no attribution of
//! its own inherits the speaker of the sentence just before it.

use std::ops::Range;

use super::lexicon::{
    BACK_REFERENCE_NOUNS, COLLECTIVE_NOUNS, DETERMINERS, DOCUMENT_NOUNS, ORGANISATION_WORDS,
    PHRASE_STOPS, SPEECH_VERBS, TITLES,
};
use super::tokens::{Token, TokenKind, tokenize};
use super::{PersonRef, Quote, QuoteKind};

/// "he" or "she", in either case.
fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "He" | "She")
}

fn starts_upper(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A word that may belong to a name: capitalised and not a sentence-initial
/// function word ("Then", "And"), or a lowercase name particle.
fn is_name_word(word: &str) -> bool {
    (starts_upper(word) && !PHRASE_STOPS.contains(word)) || is_name_particle(word)
}

/// Lowercase name particles inside a capitalised name ("al-Sudani", "bin", "de").
fn is_name_particle(word: &str) -> bool {
    word.starts_with("al-")
        || word.starts_with("el-")
        || matches!(
            word,
            "al" | "bin" | "ibn" | "de" | "da" | "van" | "von" | "der" | "la" | "le" | "del" | "of"
        )
}

/// A speaker reference found next to a speech verb.
#[derive(Debug, Clone)]
struct Attribution {
    speaker: String,
    range: Range<usize>,
    verb: String,
    /// The speaker is (or resolves to) a person.
    is_person: bool,
}

/// Running context while walking through the article in order.
#[derive(Default)]
struct Context {
    /// Most recent attribution (quote or reported speech), for "the statement".
    last_speaker: Option<Attribution>,
    /// Most recent person found by attribution, for pronouns when no entity
    /// mentions are given.
    last_person: Option<Attribution>,
    /// Sentence index and attribution of the last attributed sentence.
    previous_sentence: Option<(usize, Attribution)>,
    /// Every quotation's span (with marks), sorted: names inside quotations
    /// are the speaker's words, never a pronoun's antecedent.
    quoted: Vec<Range<usize>>,
}

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
    let mut context = Context {
        quoted: quotes.iter().map(|quote| quote.outer.clone()).collect(),
        ..Context::default()
    };
    let mut next_quote = 0;
    // Sentences inside a multi-sentence quotation's span belong to it.
    let mut covered_until = 0;
    for (sentence_index, sentence) in sentences.iter().enumerate() {
        // Quotations whose opening mark is in this sentence are attributed
        // now; a sentence without any still feeds the context (reported speech).
        let first = next_quote;
        while next_quote < quotes.len() && quotes[next_quote].outer.start < sentence.end {
            next_quote += 1;
        }
        let mut sentence_attribution = None;
        for index in first..next_quote {
            let found = attribute_one(text, people, &holes, quotes, index, &context);
            if let Some(attribution) = found {
                let quote = &mut quotes[index];
                quote.speaker = Some(attribution.speaker.clone());
                quote.speaker_range = Some(attribution.range.clone());
                quote.verb = Some(attribution.verb.clone());
                remember(&mut context, &attribution);
                sentence_attribution = Some(attribution);
            } else if quotes[index].kind == QuoteKind::Statement {
                let inherited = context
                    .previous_sentence
                    .as_ref()
                    .filter(|(previous, _)| previous + 1 >= sentence_index)
                    .map(|(_, attribution)| attribution.clone());
                if let Some(attribution) = inherited {
                    let quote = &mut quotes[index];
                    quote.speaker = Some(attribution.speaker.clone());
                    quote.speaker_range = Some(attribution.range.clone());
                    sentence_attribution = Some(attribution);
                }
            }
        }
        if first < next_quote {
            covered_until = covered_until.max(quotes[next_quote - 1].sentence.end);
        } else if sentence.start >= covered_until {
            let tokens = tokenize(text, sentence.clone(), &[]);
            if let Some(attribution) = reported_speech(text, people, &tokens, &context) {
                remember(&mut context, &attribution);
                sentence_attribution = Some(attribution);
            }
        }
        if let Some(attribution) = sentence_attribution {
            context.previous_sentence = Some((sentence_index, attribution));
        }
    }
}

fn remember(context: &mut Context, attribution: &Attribution) {
    context.last_speaker = Some(attribution.clone());
    if attribution.is_person {
        context.last_person = Some(attribution.clone());
    }
}

/// Reported speech without quotation marks ("X said in a statement"): only a
/// verb at the end of the sentence or right after a comma counts, so that
/// the speaker phrase is unambiguous.
fn reported_speech(
    text: &str,
    people: &[PersonRef],
    tokens: &[Token],
    context: &Context,
) -> Option<Attribution> {
    for (index, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = &text[token.range.clone()];
        let is_said = matches!(word, "said" | "says" | "added" | "stated" | "told");
        let is_according = word.eq_ignore_ascii_case("according")
            && tokens
                .get(index + 1)
                .is_some_and(|next| text[next.range.clone()].eq_ignore_ascii_case("to"));
        if !(is_said || is_according) {
            continue;
        }
        let phrase = if is_according {
            phrase_after(text, tokens, index + 2)
        } else {
            // The subject must open the sentence or follow a comma (", X
            // said"), so that the phrase is not the tail of another clause.
            let phrase = phrase_before(text, tokens, index);
            let opens_clause = phrase.as_ref().is_some_and(|phrase| {
                let first = tokens.partition_point(|token| token.range.start < phrase.start);
                first == 0 || tokens[first - 1].kind == TokenKind::Punctuation(',')
            });
            if !opens_clause {
                continue;
            }
            phrase
        }?;
        let verb = if is_according {
            "according to".to_string()
        } else {
            word.to_lowercase()
        };
        if let Some(attribution) = resolve(text, people, &phrase, verb, context) {
            return Some(attribution);
        }
    }
    None
}

fn is_speech_verb(text: &str, tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    if token.kind != TokenKind::Word {
        return false;
    }
    let word = &text[token.range.clone()];
    if !SPEECH_VERBS.contains(word) {
        return false;
    }
    let next_word = tokens
        .get(index + 1)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| &text[t.range.clone()]);
    let previous_word = index
        .checked_sub(1)
        .and_then(|previous| tokens.get(previous))
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| text[t.range.clone()].to_lowercase());
    if word.eq_ignore_ascii_case("according") {
        return next_word.is_some_and(|next| next.eq_ignore_ascii_case("to"));
    }
    // "said to be used", "was said"
    if next_word.is_some_and(|next| next.eq_ignore_ascii_case("to")) && word != "told" {
        return false;
    }
    if previous_word
        .as_deref()
        .is_some_and(|previous| matches!(previous, "was" | "were" | "is" | "are" | "been" | "be"))
    {
        return false;
    }
    // "read" only as "read the statement"/"reads".
    if word.eq_ignore_ascii_case("read") {
        return next_word
            .is_some_and(|next| DETERMINERS.contains(next) || DOCUMENT_NOUNS.contains(next));
    }
    true
}

/// Attributes one quotation from its own sentence.
fn attribute_one(
    text: &str,
    people: &[PersonRef],
    holes: &[(Range<usize>, usize)],
    quotes: &[Quote],
    index: usize,
    context: &Context,
) -> Option<Attribution> {
    let quote = &quotes[index];
    if quote.kind == QuoteKind::Scare {
        return None;
    }
    let tokens = tokenize(text, quote.sentence.clone(), holes);
    let position = tokens
        .iter()
        .position(|token| token.kind == TokenKind::Quotation(index))?;
    // Nearest speech verb on either side; after wins a tie (the usual
    // "“…,” she said" order).
    let mut best: Option<usize> = None;
    let mut best_distance = usize::MAX;
    for (candidate, _) in tokens.iter().enumerate() {
        if candidate == position || !is_speech_verb(text, &tokens, candidate) {
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
        return labelled_speaker(text, people, &tokens, position, context);
    };
    let verb_word = &text[tokens[verb_index].range.clone()];
    let according = verb_word.eq_ignore_ascii_case("according");
    let verb = if according {
        "according to".to_string()
    } else {
        verb_word.to_lowercase()
    };
    let phrase = if according {
        phrase_after(text, &tokens, verb_index + 2)
    } else {
        let follows_quotation = tokens[..verb_index]
            .iter()
            .rev()
            .find(|token| !matches!(token.kind, TokenKind::Punctuation(',' | '—' | '–')))
            .is_none_or(|token| matches!(token.kind, TokenKind::Quotation(_)));
        let inverted = follows_quotation
            && tokens.get(verb_index + 1).is_some_and(|next| {
                next.kind == TokenKind::Word && !is_pronoun(&text[next.range.clone()])
            });
        if inverted {
            phrase_after(text, &tokens, verb_index + 1)
        } else {
            phrase_before(text, &tokens, verb_index)
        }
    }?;
    resolve(text, people, &phrase, verb, context)
}

/// Transcript style: a short label and a colon opening the sentence right
/// before the quotation ("Dispatcher: “Do you see them?”").
fn labelled_speaker(
    text: &str,
    people: &[PersonRef],
    tokens: &[Token],
    position: usize,
    context: &Context,
) -> Option<Attribution> {
    let colon = position.checked_sub(1)?;
    if tokens[colon].kind != TokenKind::Punctuation(':') || colon == 0 || colon > 3 {
        return None;
    }
    let label = &tokens[..colon];
    if !label.iter().all(|token| token.kind == TokenKind::Word)
        || !label
            .iter()
            .all(|token| is_name_word(&text[token.range.clone()]))
    {
        return None;
    }
    let phrase = label[0].range.start..label[label.len() - 1].range.end;
    resolve(text, people, &phrase, ":".to_string(), context)
}

/// The noun phrase starting at `start` ("said Defence Secretary Lloyd
/// Austin in a statement" → "Defence Secretary Lloyd Austin"); "the statement
/// shared by X" and "a statement from X" are reduced to X.
fn phrase_after(text: &str, tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let mut first = start;
    let mut last: Option<usize> = None;
    let mut index = start;
    while index < tokens.len() && index < start + 12 {
        let token = &tokens[index];
        if token.kind != TokenKind::Word {
            break;
        }
        let word = &text[token.range.clone()];
        let lower = word.to_lowercase();
        if matches!(lower.as_str(), "by" | "from") && last.is_some() {
            // "the statement shared by Austin", "a tally by officials".
            first = index + 1;
            last = None;
            index += 1;
            continue;
        }
        let name_like = is_name_word(word);
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
    Some(tokens[first].range.start..tokens[last].range.end)
}

/// The subject phrase ending just before `verb_index`, skipping a short
/// parenthetical (", however,") or an apposition (", a spokeswoman for the
/// police,") between it and the verb.
fn phrase_before(text: &str, tokens: &[Token], verb_index: usize) -> Option<Range<usize>> {
    let mut end = verb_index;
    if end > 0 && tokens[end - 1].kind == TokenKind::Punctuation(',') {
        let comma = end - 1;
        let opening = tokens[..comma]
            .iter()
            .rposition(|token| token.kind == TokenKind::Punctuation(','))?;
        let inside = &tokens[opening + 1..comma];
        let first_word = inside.first().filter(|t| t.kind == TokenKind::Word)?;
        let first_word = &text[first_word.range.clone()];
        let parenthetical = !inside.is_empty()
            && inside.len() <= 8
            && inside.iter().all(|t| t.kind == TokenKind::Word)
            && (DETERMINERS.contains(first_word) || !starts_upper(first_word));
        if !parenthetical {
            return None;
        }
        end = opening;
    }
    let mut first: Option<usize> = None;
    let mut index = end;
    while index > 0 && end - index < 10 {
        let token = &tokens[index - 1];
        if token.kind != TokenKind::Word {
            break;
        }
        let word = &text[token.range.clone()];
        let name_like = is_name_word(word);
        if !name_like && PHRASE_STOPS.contains(word) {
            break;
        }
        first = Some(index - 1);
        index -= 1;
    }
    let first = first?;
    Some(tokens[first].range.start..tokens[end - 1].range.end)
}

/// Turns a speaker phrase into a speaker: an entity mention inside it, a
/// pronoun's antecedent, the issuer of "the statement", a name from the
/// capitalised words, or the phrase itself.
fn resolve(
    text: &str,
    people: &[PersonRef],
    phrase: &Range<usize>,
    verb: String,
    context: &Context,
) -> Option<Attribution> {
    let phrase_text = text.get(phrase.clone())?;
    let words: Vec<(Range<usize>, &str)> = phrase_words(phrase_text, phrase.start);
    if words.is_empty() {
        return None;
    }
    // 1. Entity mentions inside the phrase: a person before an organisation,
    //    the one nearest the phrase's end (the head of "the office of X").
    let inside: Vec<&PersonRef> = people
        .iter()
        .filter(|person| person.range.start >= phrase.start && person.range.end <= phrase.end)
        .collect();
    if let Some(person) = inside
        .iter()
        .rev()
        .find(|person| person.is_person)
        .or_else(|| inside.last())
    {
        return Some(Attribution {
            speaker: person.name.clone(),
            range: person.range.clone(),
            verb,
            is_person: person.is_person,
        });
    }
    // 2. Pronouns: the last person named before, outside quotations.
    if words.len() == 1 && is_pronoun(words[0].1) {
        if !people.is_empty() {
            let person = people.iter().rev().find(|person| {
                person.is_person
                    && person.range.end <= phrase.start
                    && !context.quoted.iter().any(|quoted| {
                        quoted.start <= person.range.start && person.range.end <= quoted.end
                    })
            })?;
            return Some(Attribution {
                speaker: person.name.clone(),
                range: person.range.clone(),
                verb,
                is_person: true,
            });
        }
        let person = context.last_person.as_ref()?;
        return Some(Attribution {
            verb,
            ..person.clone()
        });
    }
    // "Randall Evans of the church": the person, not the body after "of".
    let mut words = words;
    if let Some(of) = (2..words.len()).find(|&index| {
        words[index].1 == "of"
            && starts_upper(words[index - 1].1)
            && starts_upper(words[index - 2].1)
            && !TITLES.contains(words[index - 1].1)
            && !ORGANISATION_WORDS.contains(words[index - 1].1)
            && !TITLES.contains(words[index - 2].1)
    }) {
        words.truncate(of);
    }
    // A collective noun opening the sentence ("Authorities said") is a common
    // noun despite its capital.
    let lowercase_head = words
        .last()
        .is_some_and(|(_, word)| !starts_upper(word) || COLLECTIVE_NOUNS.contains(word));
    // 3. "the statement added": whoever issued the last statement.
    if lowercase_head
        && BACK_REFERENCE_NOUNS.contains(words[words.len() - 1].1)
        && let Some(previous) = &context.last_speaker
    {
        return Some(Attribution {
            verb,
            ..previous.clone()
        });
    }
    // 4. A capitalised name ending the phrase, titles stripped.
    if !lowercase_head {
        let mut run_start = words.len() - 1;
        let mut floor = 0;
        while floor < words.len() - 1 && DETERMINERS.contains(words[floor].1) {
            floor += 1;
        }
        while run_start > floor {
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
        let first_word = name_words.first()?;
        let last_word = name_words.last()?;
        let range = first_word.0.start..last_word.0.end;
        let is_person = !organisation
            && (last_title.is_some() || name_words.len() <= 4)
            && name_words
                .iter()
                .all(|(_, word)| !word.chars().all(|c| c.is_uppercase()) || word.len() <= 1);
        return Some(Attribution {
            speaker: text[range.clone()].to_string(),
            range,
            verb,
            is_person,
        });
    }
    // 5. A common-noun phrase ("the minister", "Iraqi officials"): up to the
    //    first preposition, without its determiner.
    let mut start = 0;
    while start < words.len() && DETERMINERS.contains(words[start].1) {
        start += 1;
    }
    let mut end = start;
    while end < words.len() {
        let word = words[end].1;
        if end > start && matches!(word, "of" | "for" | "at" | "from" | "with") {
            break;
        }
        end += 1;
    }
    if start >= end {
        return None;
    }
    let range = words[start].0.start..words[end - 1].0.end;
    Some(Attribution {
        speaker: text[range.clone()].to_string(),
        range,
        verb,
        is_person: false,
    })
}

fn phrase_words(phrase: &str, offset: usize) -> Vec<(Range<usize>, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (index, character) in phrase.char_indices() {
        if character.is_whitespace() {
            if let Some(begin) = start.take() {
                words.push((offset + begin..offset + index, &phrase[begin..index]));
            }
        } else if start.is_none() {
            start = Some(index);
        }
    }
    if let Some(begin) = start {
        words.push((offset + begin..offset + phrase.len(), &phrase[begin..]));
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
