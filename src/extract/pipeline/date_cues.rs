//! Date cues: where a date stands and what it is attached to — the
//! incident ("shot Sunday", "the May 10 shooting"), the report or a later
//! step ("police said Thursday", "was charged Monday"), a page stamp.

use super::{Range, WordList, calendar, ranges_overlap, within};

/// Where a date stands and what it is attached to: the incident a report is
/// about is dated next to words of the incident ("shot Sunday", "the
/// shooting happened Friday night"), while "police said Thursday" dates the
/// report and "was charged Monday" a later step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct DateCue {
    /// Ordinal of its sentence among the clean sentences (`usize::MAX` when
    /// it stands in none).
    pub sentence: usize,
    pub in_title: bool,
    /// Attached to a reporting verb or a later step ("said Thursday", "was
    /// arraigned on Monday", "received probation Thursday").
    pub reporting: bool,
    /// A word of the incident governs it: 3 when the date names the
    /// incident outright ("the May 10 shooting", "Tuesday's killing"), 2
    /// right next to it, 1 in the same stretch of the sentence, 0 none.
    pub incident: u8,
    /// Printed in a "Posted:" / "Updated:" line: the page's own date.
    pub stamp: bool,
}

/// Verbs and nouns that date the report or a later step rather than the
/// incident: statements, arrests, court steps, custody, funerals and
/// vigils, a victim's later condition.
pub(super) static REPORTING_VERBS: WordList = WordList::new(include_str!("reporting_steps.txt"));

/// Sets a date that only a statement or later step governs below every
/// date tied to the incident or to nothing.
pub(super) const STEP_ONLY_PENALTY: f64 = 20.0;

/// How much less an "overnight" tells of the day than a named day does.
pub(super) const OVERNIGHT_PENALTY: f64 = 2.5;

/// Verbs that close a sentence with its source ("…, police said").
pub(super) static ATTRIBUTION_VERBS: WordList =
    WordList::new(include_str!("attribution_verbs.txt"));

/// Sets an older date without a word of the incident below every recent
/// or incident-tied date, yet above the dates of later steps.
pub(super) const BACKGROUND_PENALTY: f64 = 10.0;

/// How many words before a date a reporting verb or later step may stand
/// and still govern it ("was sentenced to life in prison Thursday").
pub(super) const STEP_WINDOW: usize = 6;

/// Words of the incident itself.
pub(super) static INCIDENT_WORDS: WordList = WordList::new(include_str!("incident_words.txt"));

/// Nouns naming the incident that a date may modify ("the May 10 home
/// invasion", "Saturday's shooting").
pub(super) static INCIDENT_NOUNS: WordList = WordList::new(include_str!("incident_nouns.txt"));

/// Words that cannot stand inside a noun phrase between a date and the
/// noun it modifies: after them the noun belongs to another phrase ("on
/// the Monday after the shooting").
pub(super) static PHRASE_BREAKS: WordList = WordList::new(include_str!("phrase_breaks.txt"));

/// Words that may open a noun phrase whose modifier is the date.
pub(super) static DETERMINERS: WordList = WordList::new(include_str!("determiners.txt"));

/// Words that may follow a weekday as part of the date expression: the
/// parts of the day, and the "s" of a possessive ("Tuesday's") the word
/// split leaves alone.
pub(super) fn is_part_of_day(word: &str) -> bool {
    word == "s" || calendar::PARTS_OF_DAY.contains(&word)
}

/// Words that may stand between a verb and the date it governs.
pub(super) static DATE_FILLERS: WordList = WordList::new(include_str!("date_fillers.txt"));

/// Verbs of a death that may come days after the shooting: "died Monday
/// from his injuries" dates the death, not the shooting.
pub(super) static LATER_DEATH_VERBS: WordList =
    WordList::new(include_str!("later_death_verbs.txt"));

/// Words saying a death came from earlier wounds ("died Monday of his
/// injuries", "died Friday, days after"); "died Sunday of a gunshot wound"
/// names the cause only.
pub(super) static EARLIER_WOUNDS: WordList = WordList::new(include_str!("earlier_wounds.txt"));

pub(super) fn date_cue(text: &str, range: &Range<usize>, sentences: &[Range<usize>]) -> DateCue {
    let Some(ordinal) = sentences.iter().position(|s| within(range, s)) else {
        return DateCue {
            sentence: usize::MAX,
            ..DateCue::default()
        };
    };
    let sentence = &sentences[ordinal];
    let words = |slice: &str| -> Vec<String> {
        slice
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let before = text
        .get(sentence.start..range.start)
        .map(words)
        .unwrap_or_default();
    let after = text
        .get(range.end..sentence.end)
        .map(words)
        .unwrap_or_default();
    let is_incident = |w: &String| INCIDENT_WORDS.contains(&w.as_str());
    let is_step = |w: &String| REPORTING_VERBS.contains(&w.as_str());
    // Names do not part a verb from its date: "shot and killed John Smith
    // and Jane Doe on May 10" is as close as "shot two men on May 10".
    let before_unnamed: Vec<&String> = text
        .get(sentence.start..range.start)
        .unwrap_or("")
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .zip(before.iter())
        .filter(|(original, lower)| !is_name_word(original) || is_incident(lower) || is_step(lower))
        .map(|(_, lower)| lower)
        .collect();
    // "The shooting was reported at 2 a.m. Friday": a report whose subject
    // is the incident dates the incident.
    let incident_reported = |from_end: usize| {
        let at = before_unnamed.len().saturating_sub(from_end + 1);
        before_unnamed
            .get(at)
            .is_some_and(|w| w.as_str() == "reported")
            && before_unnamed
                .get(at.saturating_sub(3)..at)
                .is_some_and(|subject| subject.iter().any(|w| is_incident(w)))
    };
    // A date belongs to the nearest verb or noun before it: "was arrested
    // Friday for shooting a man" dates the arrest, the shooting it names
    // included; "police said a man was shot Sunday" dates the shooting.
    let nearest_incident = before_unnamed
        .iter()
        .rev()
        .take(14)
        .enumerate()
        .position(|(from_end, w)| is_incident(w) || incident_reported(from_end));
    let nearest_step = before_unnamed
        .iter()
        .rev()
        .take(STEP_WINDOW)
        .enumerate()
        .position(|(from_end, w)| is_step(w) && !incident_reported(from_end));
    let governed_by_step = match (nearest_step, nearest_incident) {
        (Some(step), Some(incident)) => step < incident,
        (Some(_), None) => true,
        _ => false,
    };
    // "Police Chief Smith on Sunday pleaded …": the verb may follow.
    let following = after.iter().find(|w| !is_part_of_day(w));
    let governing = before
        .iter()
        .rev()
        .find(|w| !DATE_FILLERS.contains(&w.as_str()));
    let later_death = governing.is_some_and(|w| LATER_DEATH_VERBS.contains(&w.as_str()))
        && after
            .iter()
            .take(5)
            .any(|w| EARLIER_WOUNDS.contains(&w.as_str()));
    let names_incident = {
        let opens_phrase = before
            .last()
            .is_some_and(|w| DETERMINERS.contains(&w.as_str()));
        let possessive = text
            .get(range.end..)
            .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("’s"));
        let phrase: Vec<&String> = after
            .iter()
            .skip_while(|w| is_part_of_day(w))
            .take(3)
            .take_while(|w| !PHRASE_BREAKS.contains(&w.as_str()))
            .collect();
        // "Two deadly overnight shootings": a noun right after the date
        // needs no determiner.
        let next_is_noun = phrase
            .first()
            .is_some_and(|w| INCIDENT_NOUNS.contains(&w.as_str()));
        next_is_noun
            || ((opens_phrase || possessive)
                && phrase.iter().any(|w| INCIDENT_NOUNS.contains(&w.as_str())))
    };
    // "Charged Monday in the May 10 shooting": the date the incident's
    // name carries is the incident's, whatever step governs the phrase.
    // "On Wednesday, his bail was set": a step just after the date governs
    // it unless a word of the incident right before does ("was shot
    // Sunday, police said").
    // A closing attribution ("…on Monday, police said") leaves the date to
    // the clause it closes.
    let step_after = nearest_incident.is_none_or(|at| at >= 4)
        && after
            .iter()
            .take(3)
            .take_while(|w| !is_incident(w))
            .any(|w| is_step(w) && !ATTRIBUTION_VERBS.contains(&w.as_str()));
    let reporting = !names_incident
        && (governed_by_step || following.is_some_and(is_step) || step_after || later_death);
    // Close by ("shot Sunday", "Saturday's shooting") the incident word
    // governs the date; further off it merely shares the sentence. Words of
    // the incident do not count for a date a later step governs.
    let incident = if names_incident {
        3
    } else if governed_by_step || later_death {
        0
    } else if nearest_incident.is_some_and(|at| at < 4) || after.iter().take(2).any(is_incident) {
        2
    } else if nearest_incident.is_some() || after.iter().take(8).any(is_incident) {
        1
    } else {
        0
    };
    let line_start = text
        .get(..range.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_opening = text
        .get(line_start..range.start)
        .unwrap_or("")
        .to_ascii_lowercase();
    let stamp = ["posted", "update", "published", "last modified"]
        .iter()
        .any(|w| line_opening.contains(w));
    DateCue {
        sentence: ordinal,
        in_title: false,
        reporting,
        incident,
        stamp,
    }
}

/// True for a capitalised word in running text ("Smith", "County"), not
/// for one in a line set in capitals.
pub(super) fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Ordinal of the sentence holding `range`.
pub(super) fn sentence_ordinal(sentences: &[Range<usize>], range: &Range<usize>) -> Option<usize> {
    sentences.iter().position(|s| ranges_overlap(s, range))
}
