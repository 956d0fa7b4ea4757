//! The figures grammar: the noun phrase a number counts, and the
//! predicate governing it from the right ("were wounded", "have died") or
//! the left ("killed at least 20,670", "strikes on three facilities"),
//! refined by its neighbours ("shot dead", "hit by gunfire").

use super::Predicate;
use super::lexicon::{
    AUXILIARIES, COMPOUND_HEADS, FATAL_ADVERBS, LEADING_MODIFIERS, PHRASE_STOPS, is_adverb,
    predicate_word, singular,
};
use super::numbers::{Kind, Token};

/// Counted noun phrase: token range and lemma.
pub(super) struct Counted {
    pub first: usize,
    pub end: usize,
    pub lemma: String,
}

/// Reads the noun phrase the number counts, starting at `index`.
pub(super) fn noun_phrase(tokens: &[Token], index: usize) -> Option<Counted> {
    let mut end = index;
    let mut head_first = index;
    while let Some(token) = tokens.get(end) {
        if end - index >= 6 {
            break;
        }
        let word = token.lower.as_str();
        let joined_hyphen = token.is("-")
            && !token.spaced
            && end > index
            && tokens
                .get(end + 1)
                .is_some_and(|t| !t.spaced && t.kind == Kind::Word);
        if joined_hyphen {
            end += 2;
            continue;
        }
        if token.kind != Kind::Word || token.line_start {
            break;
        }
        let modifier = end == index && LEADING_MODIFIERS.contains(&word);
        if !modifier
            && (PHRASE_STOPS.contains(&word) || predicate_word(word).is_some() || is_adverb(token))
        {
            break;
        }
        // A participle after the head starts a reduced relative clause
        // ("sites used by"), not part of the phrase.
        if end > index && (word.ends_with("ed") || word.ends_with("ing")) && !token.capitalised {
            break;
        }
        if modifier && word != "others" {
            head_first = end + 1;
        }
        end += 1;
    }
    if end <= head_first {
        return None;
    }
    let head = tokens.get(end - 1)?;
    if head.kind != Kind::Word {
        return None;
    }
    let mut lemma = singular(&head.lower);
    if end - 1 > head_first && COMPOUND_HEADS.contains(&lemma.as_str()) {
        let before = &tokens[end - 2];
        if before.kind == Kind::Word && !before.capitalised {
            lemma = format!("{} {lemma}", singular(&before.lower));
        }
    }
    Some(Counted {
        first: head_first,
        end,
        lemma,
    })
}

/// A predicate found for a figure: kind and token index.
pub(super) struct Found {
    pub predicate: Predicate,
    pub at: usize,
}

/// Refines an ambiguous predicate word by its neighbours: "shot and
/// killed", "shot dead", "shot to death" are killings; "hit"/"struck" are
/// injuries when people are counted and strikes otherwise.
pub(super) fn refine(
    tokens: &[Token],
    at: usize,
    base: Predicate,
    fatal: bool,
    person: bool,
) -> Predicate {
    let word = tokens[at].lower.as_str();
    // "shot himself dead": look past a reflexive object.
    let reflexive = tokens
        .get(at + 1)
        .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself" | "themselves"));
    let skip = usize::from(reflexive);
    let following = |offset: usize| tokens.get(at + offset + skip).map(|t| t.lower.as_str());
    match word {
        "shot" | "shooting" | "wounded" | "injured" | "struck" | "hit" | "wounding"
        | "injuring" | "shoots" | "striking" | "hitting" => {
            if fatal
                || following(1) == Some("dead")
                || (following(1) == Some("to") && following(2) == Some("death"))
                || (following(1) == Some("and")
                    && (following(2).and_then(predicate_word) == Some(Predicate::Killed)
                        || matches!(
                            following(2),
                            Some("later" | "subsequently" | "eventually" | "then")
                        ) && following(3).and_then(predicate_word) == Some(Predicate::Killed)))
            {
                return Predicate::Killed;
            }
            if base == Predicate::Struck {
                let by_gunfire = following(1) == Some("by")
                    && tokens
                        .get(at + 2..(at + 5).min(tokens.len()))
                        .is_some_and(|window| {
                            window.iter().any(|t| {
                                matches!(
                                    t.lower.as_str(),
                                    "gunfire"
                                        | "bullet"
                                        | "bullets"
                                        | "round"
                                        | "rounds"
                                        | "shots"
                                        | "shot"
                                        | "car"
                                        | "vehicle"
                                        | "stray"
                                )
                            })
                        });
                if person || by_gunfire {
                    return Predicate::Injured;
                }
            }
            base
        }
        "pronounced" => Predicate::Killed,
        _ => base,
    }
}

/// The predicate after a counted phrase ending at `index`: passive or
/// intransitive ("were wounded", "have died", "dead", "injured in").
pub(super) fn predicate_after(tokens: &[Token], index: usize, person: bool) -> Option<Found> {
    let mut at = skip_parenthetical(tokens, index);
    let mut fatal = false;
    let mut skipped = 0;
    // "Five people at the party were shot": a short place phrase between
    // the subject and a passive auxiliary.
    if tokens.get(at).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "at" | "in" | "inside" | "outside" | "near" | "from" | "on"
        )
    }) {
        let auxiliary = (at + 2..(at + 6).min(tokens.len()))
            .find(|&k| matches!(tokens[k].lower.as_str(), "were" | "was"));
        if let Some(auxiliary) = auxiliary {
            let clean = tokens[at + 1..auxiliary]
                .iter()
                .all(|t| t.kind == Kind::Word);
            if clean {
                at = auxiliary;
            }
        }
    }
    if tokens.get(at).is_some_and(|t| t.line_start) {
        return None;
    }
    while let Some(token) = tokens.get(at) {
        let word = token.lower.as_str();
        if token.line_start {
            return None;
        }
        if matches!(word, "not" | "never" | "n't") || word.ends_with("n't") {
            return None;
        }
        if FATAL_ADVERBS.contains(&word) {
            fatal = true;
        } else if !(AUXILIARIES.contains(&word) || is_adverb(token)) {
            break;
        }
        skipped += 1;
        if skipped > 5 {
            return None;
        }
        at += 1;
    }
    let token = tokens.get(at)?;
    let word = token.lower.as_str();
    if word == "pronounced" && tokens.get(at + 1).is_some_and(|t| t.is("dead")) {
        return Some(Found {
            predicate: Predicate::Killed,
            at,
        });
    }
    if matches!(
        word,
        "suffered" | "sustained" | "suffering" | "sustaining" | "treated" | "suffers"
    ) {
        let window = &tokens[at + 1..tokens.len().min(at + 11)];
        let wounds = window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "wound" | "wounds" | "injuries" | "injury"));
        if wounds {
            let fatal_wounds = window
                .iter()
                .any(|t| matches!(t.lower.as_str(), "fatal" | "mortal"));
            let predicate = if fatal_wounds {
                Predicate::Killed
            } else {
                Predicate::Injured
            };
            return Some(Found { predicate, at });
        }
        return None;
    }
    if matches!(word, "recovering" | "recuperating") {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    let window = &tokens[(at + 1).min(tokens.len())..tokens.len().min(at + 5)];
    if word == "in"
        && window
            .iter()
            .take(2)
            .any(|t| matches!(t.lower.as_str(), "hospital" | "hospitals"))
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if word == "in"
        && window.iter().any(|t| t.is("condition"))
        && window.iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "serious" | "critical" | "stable" | "fair" | "grave" | "satisfactory" | "guarded"
            )
        })
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if word == "with"
        && window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "wound" | "wounds" | "injuries" | "injury"))
        && !window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "fatal" | "mortal"))
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if matches!(word, "taken" | "in") {
        let custody = tokens.get(at + 1).is_some_and(|t| t.is("custody"))
            || tokens.get(at + 2).is_some_and(|t| t.is("custody"));
        if custody {
            return Some(Found {
                predicate: Predicate::Arrested,
                at,
            });
        }
    }
    // Troops present somewhere: "2,500 troops are in Iraq".
    if word == "in" && skipped > 0 {
        return None;
    }
    let base = predicate_word(word)?;
    // Active participles after the subject ("three men killing") are rare
    // and usually belong to another clause.
    if word.ends_with("ing") {
        return None;
    }
    // Active voice: the subject did it to someone else ("a 6-year-old
    // shot his grandfather", "has killed the man"). Reflexives keep the
    // subject as the victim ("shot himself").
    let perfect = tokens[index..at]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "has" | "have" | "had"))
        && !tokens[index..at]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "been" | "being"));
    let passive_aux = tokens[index..at].iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get" | "gets"
        )
    });
    let object_follows = tokens.get(at + 1).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "him"
                | "them"
                | "its"
                | "my"
                | "our"
                | "your"
                | "two"
                | "three"
                | "four"
                | "five"
                | "several"
                | "one"
                | "another"
        ) || t.kind == Kind::Digits
    });
    let intransitive = matches!(base, Predicate::Killed)
        && matches!(
            word,
            "died" | "dead" | "die" | "dies" | "slain" | "deceased"
        );
    if !intransitive
        && (perfect
            && !tokens
                .get(at + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself" | "themselves"))
            || !passive_aux && object_follows)
    {
        return None;
    }
    Some(Found {
        predicate: refine(tokens, at, base, fatal, person),
        at,
    })
}

/// Skips ", ages 26 and 27," or ", both 17," after a subject.
pub(super) fn skip_parenthetical(tokens: &[Token], index: usize) -> usize {
    let opens = tokens.get(index).is_some_and(|t| t.is(","))
        && tokens.get(index + 1).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "ages" | "aged" | "age" | "both" | "all" | "ranging" | "including"
            )
        });
    if !opens {
        return index;
    }
    (index + 2..(index + 12).min(tokens.len()))
        .find(|&k| tokens[k].is(","))
        .map_or(index, |k| k + 1)
}

/// The predicate governing a number from the left: an active verb ("killed
/// at least 20,670", "wounded three"), "strikes on three facilities", "the
/// death toll rose to 19".
pub(super) fn predicate_before(
    tokens: &[Token],
    first: usize,
    person: bool,
    lemma: Option<&str>,
) -> Option<Found> {
    let mut at = first.checked_sub(1)?;
    // "a total of", "another", "an additional" between verb and number.
    if at >= 2 && tokens[at].is("of") && tokens[at - 1].is("total") && tokens[at - 2].is("a") {
        at = at.checked_sub(3)?;
    } else if tokens[at].is("another") && at > 0 {
        at -= 1;
    } else if at >= 1 && tokens[at].is("additional") && tokens[at - 1].is("an") {
        at = at.checked_sub(2)?;
    }
    let word = tokens[at].lower.as_str();
    if matches!(word, "on" | "against" | "at") && at > 0 {
        let noun = singular(&tokens[at - 1].lower);
        if matches!(
            noun.as_str(),
            "strike" | "airstrike" | "attack" | "raid" | "bombing" | "assault"
        ) {
            return Some(Found {
                predicate: Predicate::Struck,
                at: at - 1,
            });
        }
        return None;
    }
    if word == "of" && at > 0 {
        let noun = tokens[at - 1].lower.as_str();
        if matches!(
            noun,
            "death"
                | "deaths"
                | "killing"
                | "killings"
                | "murder"
                | "slaying"
                | "life"
                | "lives"
                | "homicide"
        ) {
            return Some(Found {
                predicate: Predicate::Killed,
                at: at - 1,
            });
        }
        // "the fatal shooting of a teenager".
        let deadly = at >= 2 && matches!(tokens[at - 2].lower.as_str(), "fatal" | "deadly");
        if deadly && matches!(noun, "shooting" | "shootings" | "stabbing") {
            return Some(Found {
                predicate: Predicate::Killed,
                at: at - 1,
            });
        }
    }
    if matches!(word, "to" | "at" | "of") {
        let window_start = at.saturating_sub(4);
        let toll = tokens[window_start..at].iter().any(|t| t.is("toll"));
        if toll {
            return Some(Found {
                predicate: Predicate::Killed,
                at,
            });
        }
        return None;
    }
    if matches!(
        word,
        "claimed" | "claiming" | "claim" | "claims" | "took" | "taking" | "cost"
    ) && lemma == Some("life")
    {
        return Some(Found {
            predicate: Predicate::Killed,
            at,
        });
    }
    if matches!(word, "sent" | "sending" | "sends") {
        let window = &tokens[first..tokens.len().min(first + 10)];
        let hospital = window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "hospital" | "hospitals"));
        return hospital.then_some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    let base = predicate_word(word)?;
    if matches!(
        word,
        "dead" | "died" | "die" | "dies" | "dying" | "missing" | "homeless" | "based"
    ) {
        return None;
    }
    // A passive participle right before a number ("were killed two ...")
    // is not governing it.
    if at > 0
        && matches!(
            tokens[at - 1].lower.as_str(),
            "was" | "were" | "been" | "be" | "is" | "are"
        )
    {
        return None;
    }
    let fatal = at > 0 && FATAL_ADVERBS.contains(&tokens[at - 1].lower.as_str());
    let mut predicate = refine(tokens, at, base, fatal, person);
    if fatal && matches!(predicate, Predicate::Injured | Predicate::Struck) {
        predicate = Predicate::Killed;
    }
    // "shot and killed two men": the verb before is the last of a pair.
    if predicate == Predicate::Injured
        && at >= 2
        && tokens[at - 1].is("and")
        && tokens[at - 2].is("shot")
        && base == Predicate::Killed
    {
        predicate = Predicate::Killed;
    }
    if base == Predicate::Struck && person && !matches!(word, "targeted" | "targeting" | "attacked")
    {
        predicate = Predicate::Injured;
    }
    Some(Found { predicate, at })
}
