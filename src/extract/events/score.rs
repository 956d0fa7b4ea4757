//! The main-event score of a frame (see the `events` module doc): type
//! weight, position, arguments, headline, background and antecedent cues.

use chrono::NaiveDate;

use super::{ANTECEDENT_CUES, BACKGROUND_CUES, DateRef, Event, EventType};

/// Whether the word is a four-digit year of the last two centuries.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|byte| byte.is_ascii_digit())
        && (word.starts_with("19") || word.starts_with("20"))
}

pub(super) fn score(
    event: &Event,
    ordinal: usize,
    trigger_index: usize,
    words: &[&str],
    title_types: &[EventType],
    dates: &[DateRef],
    reference_date: Option<NaiveDate>,
) -> f64 {
    let mut score = event.kind.weight();
    score += match ordinal {
        0 => 3.0,
        1 => 2.2,
        2 => 1.5,
        3 => 1.0,
        4 | 5 => 0.5,
        _ => 0.0,
    };
    score += 0.6 * event.figures.len().min(2) as f64;
    if event.place.is_some() {
        score += 0.5;
    }
    if event.date.is_some() {
        score += 0.4;
    }
    if !event.actors.is_empty() {
        score += 0.3;
    }
    if !event.targets.is_empty() {
        score += 0.3;
    }
    if title_types.contains(&event.kind) {
        score += 2.0;
    } else if event.kind.is_violent() && title_types.iter().any(|kind| kind.is_violent()) {
        score += 1.0;
    }
    let trigger_index = words.len().min(trigger_index);
    let antecedent = words[trigger_index.saturating_sub(6)..trigger_index]
        .iter()
        .any(|word| {
            ANTECEDENT_CUES
                .iter()
                .any(|cue| cue.eq_ignore_ascii_case(word))
        });
    if antecedent {
        score -= 0.8;
    }
    let mut background = 0.0;
    for (index, word) in words.iter().enumerate() {
        let lowercase = word.to_ascii_lowercase();
        if BACKGROUND_CUES.contains(&lowercase.as_str()) {
            background += 1.0;
        }
        if matches!(lowercase.as_str(), "in" | "since" | "during")
            && words.get(index + 1).is_some_and(|next| is_year(next))
        {
            background += 1.0;
        }
        if lowercase == "last"
            && words
                .get(index + 1)
                .is_some_and(|next| next.eq_ignore_ascii_case("year"))
        {
            background += 1.0;
        }
    }
    if let (Some(reference), Some(date)) = (
        reference_date,
        event
            .date
            .and_then(|index| dates.get(index))
            .and_then(|date| date.resolved),
    ) && (reference - date).num_days() > 45
    {
        background += 2.0;
    }
    score -= f64::min(background, 4.0);
    if event.negated || event.hypothetical {
        score -= 5.0;
    }
    score
}
