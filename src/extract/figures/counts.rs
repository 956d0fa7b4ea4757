//! Figures built from what the grammar read: counted quantities, negated
//! counts ("no one was hurt"), named and pronoun victims ("Jordan Smith,
//! 19, was killed", "she later died") and singular implicit victims ("a man
//! was shot").

use std::ops::Range;

use super::grammar::{Found, noun_phrase, predicate_after, predicate_before};
use super::lexicon::{
    ACTIVE_VERBS, AUXILIARIES, COMPOUND_HEADS, FATAL_ADVERBS, OBJECT_VERBS, PERSON_NOUNS,
    PHRASE_STOPS, SINGULAR_DETERMINERS, is_adverb, is_person, is_troop, predicate_noun,
    predicate_word, singular,
};
use super::numbers::{self, Kind, Quantity, Token, interval, read_quantity};
use super::{Figure, Predicate, Qualifier, span};

/// Builds the figure for a quantity, or `None` when it counts nothing
/// recognisable.
pub(super) fn counted_figure(
    tokens: &[Token],
    quantity: &Quantity,
    sentence: &Range<usize>,
) -> Option<Figure> {
    let offset = sentence.start;
    let mut after = quantity.end;
    let mut partitive = false;
    let mut inner_count = false;
    // Sub-qualification "…, one critically," restates part of a count.
    let previous_comma = quantity.first > 0 && tokens[quantity.first - 1].is(",");
    if previous_comma && tokens.get(after).is_some_and(is_adverb) {
        let adverb = &tokens[after];
        let closes = tokens.get(after + 1).is_none_or(|t| {
            matches!(
                t.lower.as_str(),
                "," | "." | ";" | "and" | "according" | "in"
            )
        });
        if closes {
            if !FATAL_ADVERBS.contains(&adverb.lower.as_str()) {
                return None;
            }
            let mut figure = base_figure(tokens, quantity, sentence);
            figure.partitive = true;
            figure.predicate = Some(Predicate::Killed);
            figure.predicate_range = Some(span(tokens, after, after + 1, offset));
            figure.range = span(tokens, quantity.first, after + 1, offset);
            return Some(figure);
        }
    }
    if tokens.get(after).is_some_and(|t| t.is("of")) {
        let determiner = tokens.get(after + 1).map(|t| t.lower.as_str());
        match determiner {
            Some("the" | "those" | "these" | "them" | "whom" | "which" | "us" | "you") => {
                partitive = true;
                after += 2;
            }
            Some("its" | "their" | "his" | "her" | "our" | "my") => after += 2,
            _ => after += 1,
        }
        if let Some(inner) = read_quantity(tokens, after) {
            inner_count = true;
            after = inner.end;
        }
    }
    let counted = noun_phrase(tokens, after);
    let lemma = counted.as_ref().map(|c| c.lemma.as_str());
    let person = lemma.is_some_and(is_person);
    let phrase_end = counted.as_ref().map_or(after, |c| c.end);
    let mut found = predicate_after(tokens, phrase_end, person);
    if inner_count {
        // In "one of the three injured …" the participle belongs to the
        // inner count; only a finite verb ("died") speaks of the outer one.
        if found.as_ref().is_some_and(|f| {
            f.at == phrase_end && !matches!(tokens[f.at].lower.as_str(), "died" | "dies" | "die")
        }) {
            found = None;
        }
    }
    // "three men and one woman suffering from gunshot wounds": both
    // counts share the predicate after the second one.
    if found.is_none()
        && tokens.get(phrase_end).is_some_and(|t| t.is("and"))
        && let Some(second) = read_quantity(tokens, phrase_end + 1)
        && let Some(second_phrase) = noun_phrase(tokens, second.end)
    {
        let second_person = is_person(&second_phrase.lemma);
        found = predicate_after(tokens, second_phrase.end, second_person && person);
    }
    if found.is_none() && !partitive {
        found = predicate_before(tokens, quantity.first, person, lemma);
    }
    let mut predicate = found.as_ref().map(|f| f.predicate);
    let mut predicate_range = found.as_ref().map(|f| span(tokens, f.at, f.at + 1, offset));
    if let Some(counted) = counted.as_ref() {
        if (predicate.is_none()
            || predicate == Some(Predicate::Struck)
                && lemma.is_some_and(|l| predicate_noun(l) == Some(Predicate::Attacks)))
            && let Some(noun_predicate) = predicate_noun(&counted.lemma)
        {
            predicate = Some(noun_predicate);
            predicate_range = Some(span(tokens, counted.end - 1, counted.end, offset));
        }
        if predicate.is_none() && is_troop(&counted.lemma) {
            let in_place = tokens.get(counted.end).is_some_and(|t| t.is("in"))
                || (tokens.get(counted.end).is_some_and(|t| {
                    matches!(t.lower.as_str(), "are" | "remain" | "remained" | "were")
                }) && tokens.get(counted.end + 1).is_some_and(|t| t.is("in")));
            if in_place {
                predicate = Some(Predicate::Stationed);
            }
        }
    }
    // "the lives" of two people are lost only with a killing verb.
    if lemma == Some("life") && predicate != Some(Predicate::Killed) {
        return None;
    }
    if counted.is_none() && predicate.is_none() {
        return None;
    }
    // A lone "one" or a vague word needs a predicate or a person to count.
    let weak = quantity.word && quantity.value == Some(1.0)
        || quantity.qualifier == Some(Qualifier::Vague);
    if weak && predicate.is_none() && !partitive {
        return None;
    }
    if quantity.word
        && quantity.value == Some(1.0)
        && !person
        && counted.is_some()
        && !partitive
        && !matches!(
            predicate,
            Some(Predicate::Killed | Predicate::Injured | Predicate::Arrested | Predicate::Missing)
        )
    {
        return None;
    }
    // "both" counts two only when victims are counted ("both men were
    // killed"), and not when it floats after a verb ("were both killed").
    if tokens[quantity.number_first].is("both") {
        let floating =
            quantity.first > 0 && AUXILIARIES.contains(&tokens[quantity.first - 1].lower.as_str());
        let victims = person || matches!(predicate, Some(Predicate::Killed | Predicate::Injured));
        if floating || !victims {
            return None;
        }
    }
    // "one of the strikes": a partitive one over things restates nothing
    // worth counting.
    if partitive && !person && found.is_none() {
        return None;
    }
    // A bare "One" ("One is in critical condition") picks out one of a set
    // counted before: a restatement, not a new count.
    if quantity.word && quantity.value == Some(1.0) && counted.is_none() {
        partitive = true;
    }
    let mut figure = base_figure(tokens, quantity, sentence);
    figure.partitive = partitive;
    figure.counted = counted.as_ref().map(|c| c.lemma.clone());
    figure.counted_range = counted
        .as_ref()
        .map(|c| span(tokens, c.first, c.end, offset));
    figure.predicate = predicate;
    figure.predicate_range = predicate_range;
    figure.range = span(tokens, quantity.first, phrase_end.max(quantity.end), offset);
    Some(figure)
}

fn base_figure(tokens: &[Token], quantity: &Quantity, sentence: &Range<usize>) -> Figure {
    let offset = sentence.start;
    Figure {
        range: span(tokens, quantity.first, quantity.end, offset),
        number_range: span(tokens, quantity.number_first, quantity.number_end, offset),
        value: quantity.value,
        low: quantity.low,
        high: quantity.high,
        qualifier: quantity.qualifier,
        approximate: quantity.approximate,
        implicit: false,
        partitive: false,
        counted: None,
        counted_range: None,
        predicate: None,
        predicate_range: None,
        sentence: sentence.clone(),
    }
}

/// Negated counts: "no one was injured", "nobody was hurt", "no injuries
/// were reported", "none of the victims died" — figures of 0.
pub(super) fn zero_figure(
    tokens: &[Token],
    index: usize,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let offset = sentence.start;
    let word = tokens[index].lower.as_str();
    let (number_end, phrase_start) = match word {
        "nobody" | "none" => (index + 1, index + 1),
        "no" if tokens.get(index + 1).is_some_and(|t| t.is("one")) => (index + 2, index + 2),
        "no" => (index + 1, index + 1),
        _ => return None,
    };
    let mut after = phrase_start;
    if word == "none" && tokens.get(after).is_some_and(|t| t.is("of")) {
        after += 1;
        if tokens
            .get(after)
            .is_some_and(|t| matches!(t.lower.as_str(), "the" | "those" | "them" | "these"))
        {
            after += 1;
        }
    }
    while tokens.get(after).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "else" | "other" | "additional" | "further" | "serious" | "more"
        )
    }) {
        after += 1;
    }
    let pronoun = matches!(word, "nobody" | "none") || number_end == index + 2;
    let counted = if pronoun
        && !tokens
            .get(after)
            .is_some_and(|t| t.kind == Kind::Word && !PHRASE_STOPS.contains(&t.lower.as_str()))
    {
        None
    } else {
        noun_phrase(tokens, after)
    };
    if !pronoun && counted.is_none() {
        return None;
    }
    let lemma = counted.as_ref().map(|c| c.lemma.clone());
    let phrase_end = counted.as_ref().map_or(after, |c| c.end);
    let mut found = predicate_after(tokens, phrase_end, true).map(|f| (f.predicate, f.at));
    if found.is_none()
        && let Some(counted) = counted.as_ref()
        && let Some(predicate) = predicate_noun(&counted.lemma)
    {
        found = Some((predicate, counted.end - 1));
    }
    let (predicate, at) = found?;
    if !matches!(
        predicate,
        Predicate::Killed
            | Predicate::Injured
            | Predicate::Arrested
            | Predicate::Missing
            | Predicate::Other
    ) {
        return None;
    }
    if let Some(lemma) = lemma.as_deref()
        && !is_person(lemma)
        && predicate_noun(lemma).is_none()
    {
        return None;
    }
    let (low, high) = interval(0.0, None);
    let figure = Figure {
        range: span(tokens, index, phrase_end.max(number_end), offset),
        number_range: span(tokens, index, number_end, offset),
        value: Some(0.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: false,
        partitive: false,
        counted: lemma,
        counted_range: counted
            .as_ref()
            .map(|c| span(tokens, c.first, c.end, offset)),
        predicate: Some(predicate),
        predicate_range: Some(span(tokens, at, at + 1, offset)),
        sentence: sentence.clone(),
    };
    Some((figure, phrase_end.max(number_end)))
}

/// A named victim with an appositive age: "Christopher Roupe, 17, was
/// killed" — one person, `implicit`, anchored on the name.
pub(super) fn named_victim(
    tokens: &[Token],
    quantity: &Quantity,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let first = quantity.number_first;
    let end = quantity.number_end;
    if first < 2 || !tokens[first - 1].is(",") || !tokens.get(end).is_some_and(|t| t.is(",")) {
        return None;
    }
    let mut name_first = first - 1;
    while name_first > 0
        && first - 1 - name_first < 4
        && tokens[name_first - 1].kind == Kind::Word
        && tokens[name_first - 1].capitalised
    {
        name_first -= 1;
    }
    if name_first == first - 1 {
        return None;
    }
    let found = predicate_after(tokens, end + 1, true)?;
    if !matches!(found.predicate, Predicate::Killed | Predicate::Injured) {
        return None;
    }
    let offset = sentence.start;
    let range = span(tokens, name_first, end + 1, offset);
    let name = span(tokens, name_first, first - 1, offset);
    Some(one_person(tokens, range, name, &found, sentence))
}

/// A singular subject that is a name or "he"/"she", with a singular verb:
/// "Cirla Bingham was pronounced dead", "she later died" — one person,
/// `implicit`. Only killings and injuries count here, since a named
/// subject of "was hit" may as well be a building.
pub(super) fn singular_subject(
    tokens: &[Token],
    index: usize,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let token = &tokens[index];
    let pronoun = matches!(token.lower.as_str(), "he" | "she");
    let mut end = index + 1;
    if !pronoun {
        let starts_name = token.kind == Kind::Word
            && token.capitalised
            && !(index > 0
                && tokens[index - 1].kind == Kind::Word
                && tokens[index - 1].capitalised)
            && !PHRASE_STOPS.contains(&token.lower.as_str())
            && !AUXILIARIES.contains(&token.lower.as_str())
            && !SINGULAR_DETERMINERS.contains(&token.lower.as_str())
            && !PERSON_NOUNS.contains(&token.lower.as_str());
        if !starts_name {
            return None;
        }
        while end < tokens.len()
            && end < index + 4
            && tokens[end].kind == Kind::Word
            && tokens[end].capitalised
        {
            end += 1;
        }
    }
    let found = predicate_after(tokens, end, false)?;
    if !matches!(found.predicate, Predicate::Killed | Predicate::Injured) {
        return None;
    }
    let between = &tokens[end..found.at];
    let plural = between
        .iter()
        .any(|t| matches!(t.lower.as_str(), "were" | "are" | "have"));
    let singular_verb = between
        .iter()
        .any(|t| matches!(t.lower.as_str(), "was" | "has" | "is"))
        || (!plural && matches!(tokens[found.at].lower.as_str(), "died" | "dies"))
        || tokens
            .get(found.at + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself"));
    if !singular_verb {
        return None;
    }
    let subject = span(tokens, index, end, sentence.start);
    Some(one_person(
        tokens,
        subject.clone(),
        subject,
        &found,
        sentence,
    ))
}

/// The `implicit` count of one person a name or pronoun makes: `range` is
/// the figure's span, `named` the words naming the person (both number and
/// what is counted); the predicate is the one `found` after them. Returns
/// the figure and the token after the predicate.
fn one_person(
    tokens: &[Token],
    range: Range<usize>,
    named: Range<usize>,
    found: &Found,
    sentence: &Range<usize>,
) -> (Figure, usize) {
    let figure = implicit_one(
        tokens,
        range,
        named.clone(),
        ("person".to_string(), named),
        found,
        sentence,
    );
    (figure, found.at + 1)
}

/// The `implicit` count of one that words naming a single victim make:
/// `range` is the figure's span, `number_range` the words that make it one,
/// `counted` what it counts with the words saying so, and the predicate the
/// one `found`.
fn implicit_one(
    tokens: &[Token],
    range: Range<usize>,
    number_range: Range<usize>,
    counted: (String, Range<usize>),
    found: &Found,
    sentence: &Range<usize>,
) -> Figure {
    let (low, high) = interval(1.0, None);
    Figure {
        range,
        number_range,
        value: Some(1.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: true,
        partitive: false,
        counted: Some(counted.0),
        counted_range: Some(counted.1),
        predicate: Some(found.predicate),
        predicate_range: Some(span(tokens, found.at, found.at + 1, sentence.start)),
        sentence: sentence.clone(),
    }
}

/// Skips an age compound ("17-year-old") starting at `index`.
fn skip_age(tokens: &[Token], index: usize) -> usize {
    let is_number = tokens.get(index).is_some_and(|t| {
        t.kind == Kind::Digits || numbers::read_quantity(tokens, index).is_some_and(|q| q.word)
    });
    if !is_number {
        return index;
    }
    let mut at = index + 1;
    while at < tokens.len() && at < index + 6 {
        let token = &tokens[at];
        if token.spaced && at > index + 1 {
            break;
        }
        if token.is("-")
            || matches!(token.lower.as_str(), "year" | "old" | "month" | "week")
            || token.kind == Kind::Word && !token.spaced && is_number_continuation(&token.lower)
        {
            at += 1;
        } else {
            break;
        }
    }
    if tokens.get(at - 1).is_some_and(|t| t.is("old")) {
        at
    } else {
        index
    }
}

fn is_number_continuation(word: &str) -> bool {
    matches!(
        word,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
    )
}

/// The singular victim: "a man was shot and killed", "a 17-year-old boy
/// died", "killed a US contractor", "hitting the 12-year-old", and bare
/// headline forms ("Teen fatally shot") — one, `implicit`.
pub(super) fn implicit_figure(
    tokens: &[Token],
    index: usize,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let offset = sentence.start;
    let determiner = SINGULAR_DETERMINERS.contains(&tokens[index].lower.as_str());
    let headline_start = index == 0
        || matches!(
            tokens[index - 1].lower.as_str(),
            ":" | "—" | "–" | "\"" | "“"
        )
        || (tokens[index - 1].is("-") && tokens[index - 1].spaced);
    // Headline objects go bare too: "Teen shoots 5-year-old boy".
    let object_of_verb = index > 0 && OBJECT_VERBS.contains(&tokens[index - 1].lower.as_str());
    if !determiner && !headline_start && !object_of_verb {
        return None;
    }
    let mut at = if determiner { index + 1 } else { index };
    let mut head = None;
    let mut modifiers_first = None;
    let mut age_first = None;
    while at < tokens.len() && at < index + 8 {
        let skipped = skip_age(tokens, at);
        if skipped > at {
            // "a 16-year-old was fatally shot": the age is the noun.
            let noun_follows = tokens.get(skipped).is_some_and(|t| {
                t.kind == Kind::Word
                    && !PHRASE_STOPS.contains(&t.lower.as_str())
                    && !AUXILIARIES.contains(&t.lower.as_str())
                    && predicate_word(&t.lower).is_none()
                    && !is_adverb(t)
            });
            if !noun_follows {
                head = Some(skipped - 1);
                age_first = Some(at);
                break;
            }
            at = skipped;
            continue;
        }
        let token = &tokens[at];
        if token.is("-") && !token.spaced {
            at += 1;
            continue;
        }
        if token.kind != Kind::Word {
            break;
        }
        let word = token.lower.as_str();
        if modifiers_first.is_none() {
            modifiers_first = Some(at);
        }
        if PERSON_NOUNS.contains(&word)
            && !tokens.get(at + 1).is_some_and(|t| {
                t.kind == Kind::Word && PERSON_NOUNS.contains(&t.lower.as_str()) && !t.capitalised
            })
        {
            head = Some(at);
            break;
        }
        if PHRASE_STOPS.contains(&word) || predicate_word(word).is_some() || is_adverb(token) {
            break;
        }
        // Bare headline subjects are a single noun, maybe with an age.
        if !determiner && at > index + 2 {
            break;
        }
        at += 1;
    }
    let head = head?;
    let counted_first = age_first.or(modifiers_first).unwrap_or(head).min(head);
    let mut found = predicate_after(tokens, head + 1, true);
    if found.is_none() && (determiner || object_of_verb) {
        found = predicate_before(tokens, index, true, None);
    }
    let found = found?;
    if !matches!(
        found.predicate,
        Predicate::Killed | Predicate::Injured | Predicate::Arrested | Predicate::Missing
    ) {
        return None;
    }
    // "Gunman kills teen": a present-tense verb after the noun makes it
    // the agent, not the victim.
    if found.at > head && ACTIVE_VERBS.contains(&tokens[found.at].lower.as_str()) {
        return None;
    }
    // Bare subjects only in headline shape: a participle, not a clause.
    if !determiner && found.at > head + 3 {
        return None;
    }
    let lemma = if age_first.is_some() {
        "person".to_string()
    } else {
        let base = singular(&tokens[head].lower);
        if COMPOUND_HEADS.contains(&base.as_str())
            && head > counted_first
            && !tokens[head - 1].capitalised
            && tokens[head - 1].kind == Kind::Word
        {
            format!("{} {base}", tokens[head - 1].lower)
        } else {
            base
        }
    };
    let figure = implicit_one(
        tokens,
        span(tokens, index, head + 1, offset),
        span(tokens, index, head + 1, offset),
        (lemma, span(tokens, counted_first, head + 1, offset)),
        &found,
        sentence,
    );
    Some((figure, head + 1))
}
