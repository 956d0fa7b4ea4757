//! Event or background: which sentences tell the story's event.
//!
//! Reports of one event carry context: an earlier incident, a running total
//! ("103 attacks since October 17"), national statistics, history. Figures,
//! dates and places of that context are not the event's, and pairing them
//! with the event's own gives false conflicts and false agreements. A
//! sentence is *background* when its own words set it in another time or
//! place than the story's event:
//! - a date it writes out (not a bare weekday, which may be an outlet's
//!   other day for the event itself) lies more than [`EARLIER_DAYS`] days
//!   before the story's date (a year-only date: an earlier year), and it
//!   names no date near the story's date;
//! - it counts from a past date ("since October 17");
//! - a cue of other times, totals or statistics (`data/background.txt`:
//!   "last year", "so far this year", "nationwide", "a separate incident");
//! - a place it locates something in ("in Gaza") lies far from the story's
//!   place ([`FAR_KM`]), neither containing nor inside it, and it names no
//!   place at or near the story's.
//!
//! Later dates are not background: an arrest, a hearing or a trial is a step
//! of the story. Each background sentence keeps its reason, shown with every
//! claim drawn from it.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use super::reading::{Reading, Scope, data_lines, lexicon};
use crate::extract::items::{DateKind, EntityKind, Field, PlaceRef};
use crate::model::{DatePrecision, StorySummary};

/// Days before the story's date beyond which a named date is another time.
pub const EARLIER_DAYS: i64 = 3;

/// Distance beyond which a place is elsewhere (kilometres).
pub const FAR_KM: f64 = 150.0;

/// Prepositions after which a place name says where something happened
/// ("killed in Gaza"); without one a name is usually a modifier ("US troops").
/// (`data/locative_prepositions.txt`)
pub static LOCATIVE: LazyLock<Vec<&str>> =
    LazyLock::new(|| data_lines(include_str!("data/locative_prepositions.txt")).collect());

/// Marks each sentence of `reading` as event or background for `story`.
pub fn assign(reading: &mut Reading<'_>, story: &StorySummary) {
    let document = reading.document;
    let extraction = &document.extraction;
    let lexicon = lexicon();
    for index in 0..reading.sentences.len() {
        let sentence = &reading.sentences[index];
        let (start, end) = (sentence.start, sentence.end);
        let inside =
            |field: Field, s: usize, e: usize| field == Field::Text && start <= s && e <= end;
        let mut reason: Option<String> = None;
        if let Some(day) = story.date {
            let dates: Vec<_> = extraction
                .dates
                .iter()
                .filter(|d| inside(d.anchor.field, d.anchor.start, d.anchor.end))
                .filter_map(|d| d.date.map(|date| (d, date)))
                .collect();
            let near = dates.iter().any(|(d, date)| {
                d.precision == DatePrecision::Day && (*date - day).num_days().abs() <= EARLIER_DAYS
            });
            if !near {
                // A bare weekday ("on Wednesday") lies within the week before
                // the report: that may be an outlet's other day for the event
                // itself, a finding for `when`, not another time.
                for (item, date) in dates.iter().filter(|(d, _)| d.kind != DateKind::Relative) {
                    let last_day = last_day_of(*date, item.precision);
                    let earlier = (day - last_day).num_days() > EARLIER_DAYS;
                    if earlier {
                        let since = sentence
                            .words
                            .iter()
                            .rev()
                            .find(|w| w.2 <= item.anchor.start)
                            .is_some_and(|w| w.0 == "since");
                        reason = Some(if since {
                            format!("a running total since {}", item.anchor.text)
                        } else {
                            format!("an earlier time ({})", item.anchor.text)
                        });
                        break;
                    }
                }
                if reason.is_none() {
                    reason = earlier_year(&sentence.words, day);
                }
            }
        }
        if reason.is_none()
            && let Some(cue) = lexicon
                .background
                .iter()
                .find(|cue| sentence.has_phrase(cue))
        {
            reason = Some(format!("context ('{}')", cue.join(" ")));
        }
        if reason.is_none()
            && let Some(story_place) = story.place.as_ref()
        {
            let places: Vec<(&str, &PlaceRef, bool)> = extraction
                .entities
                .iter()
                .filter(|e| {
                    e.kind == EntityKind::Place
                        && inside(e.anchor.field, e.anchor.start, e.anchor.end)
                })
                .filter_map(|e| {
                    let locative = sentence
                        .words
                        .iter()
                        .rev()
                        .find(|w| w.2 <= e.anchor.start)
                        .is_some_and(|w| LOCATIVE.contains(&w.0.as_str()));
                    e.place
                        .as_ref()
                        .map(|p| (e.anchor.text.as_str(), p, locative))
                })
                .collect();
            let here = places.iter().any(|(_, p, _)| !far(p, story_place));
            if !here
                && let Some((name, _, _)) = places
                    .iter()
                    .find(|(_, p, locative)| *locative && far(p, story_place))
            {
                reason = Some(format!("elsewhere ({name})"));
            }
        }
        if let Some(reason) = reason {
            reading.sentences[index].scope = Scope::Background(reason);
        }
    }
}

/// True when `place` is far from the story's place: neither inside the
/// other and more than [`FAR_KM`] apart.
pub fn far(place: &PlaceRef, story: &PlaceRef) -> bool {
    if place.contains(story) || story.contains(place) {
        return false;
    }
    crate::extract::places::distance_km((place.lat, place.lon), (story.lat, story.lon)) > FAR_KM
}

/// The last day a date of the given precision may mean.
fn last_day_of(date: NaiveDate, precision: DatePrecision) -> NaiveDate {
    let next = |d: Option<NaiveDate>| d.and_then(|d| d.pred_opt()).unwrap_or(date);
    match precision {
        DatePrecision::Day => date,
        DatePrecision::Week => date + chrono::Duration::days(6),
        DatePrecision::Month => {
            let (year, month) = if date.month() == 12 {
                (date.year() + 1, 1)
            } else {
                (date.year(), date.month() + 1)
            };
            next(NaiveDate::from_ymd_opt(year, month, 1))
        }
        DatePrecision::Year => next(NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)),
    }
}

/// "in 2011", "since 2009": a year before the story's, after a preposition.
fn earlier_year(words: &[(String, usize, usize)], day: NaiveDate) -> Option<String> {
    words.windows(2).find_map(|pair| {
        let year: i32 = pair[1].0.parse().ok()?;
        let preposition = matches!(pair[0].0.as_str(), "in" | "since" | "from" | "during");
        (preposition && (1900..day.year()).contains(&year))
            .then(|| format!("an earlier time ({} {})", pair[0].0, year))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{article, story};
    use crate::document::Document;
    use crate::extract::items::{DateItem, Extraction};

    /// Whether each sentence of `document` is background, in the test story.
    fn background(document: &Document) -> Vec<bool> {
        let mut reading = Reading::of(document);
        assign(&mut reading, &story());
        reading
            .sentences
            .iter()
            .map(|s| s.scope.is_background())
            .collect()
    }

    #[test]
    fn sentences_of_other_times_and_totals_are_background() {
        let text = "Two men were shot on Monday. In 2011 another man was killed there. \
                    There have been 30 shootings so far this year. Police arrested a suspect.";
        let mut document = article(1, text, vec![]);
        document.extraction = Extraction::default();
        let scopes = background(&document);
        assert_eq!(scopes, [false, true, true, false]);
    }

    #[test]
    fn an_earlier_dated_sentence_is_background_unless_it_names_the_event_day() {
        let text =
            "A man was shot on May 6. A man was also shot on April 2. He was charged on May 20.";
        let mut document = article(1, text, vec![]);
        let date = |needle: &str, day: u32, month: u32| DateItem {
            anchor: crate::compare::tests::anchor(text, needle),
            kind: crate::extract::items::DateKind::Absolute,
            date: NaiveDate::from_ymd_opt(2024, month, day),
            precision: DatePrecision::Day,
            part_of_day: None,
            weekday_conflict: false,
        };
        document.extraction.dates = vec![
            date("May 6", 6, 5),
            date("April 2", 2, 4),
            date("May 20", 20, 5),
        ];
        let scopes = background(&document);
        assert_eq!(scopes, [false, true, false]);
    }
}
