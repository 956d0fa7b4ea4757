//! Event tests: cases in `test_data/` (a text and its mentions → the event
//! frames and the main event) and a property test.

use super::*;
use crate::text::cases::{Case, check};

fn span(text: &str, needle: &str) -> Range<usize> {
    let start = text.find(needle).unwrap_or(0);
    start..start + needle.len()
}

fn render(case: &Case) -> String {
    let text = &case.input;
    let entities: Vec<EntityRef> = case
        .values("entity")
        .map(|value| {
            let (kind, needle) = value.split_once(' ').unwrap_or((value, ""));
            let kind = EntityKind::parse(kind).unwrap_or(EntityKind::Group);
            EntityRef {
                range: span(text, needle),
                kind,
            }
        })
        .collect();
    let dates: Vec<DateRef> = case
        .values("date")
        .map(|value| {
            let (date, needle) = value.split_once(' ').unwrap_or((value, ""));
            DateRef {
                range: span(text, needle),
                resolved: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            }
        })
        .collect();
    let figures: Vec<FigureRef> = case
        .values("figure")
        .map(|value| {
            let mut parts = value.splitn(3, ' ');
            let predicate = parts.next().unwrap_or("");
            let number = parts.next().and_then(|v| v.parse().ok());
            let needle = parts.next().unwrap_or("");
            FigureRef {
                range: span(text, needle),
                predicate: ["shot", "killed", "struck", "injured"]
                    .into_iter()
                    .find(|known| *known == predicate),
                value: number,
            }
        })
        .collect();
    let noise: Vec<Range<usize>> = case.values("noise").map(|n| span(text, n)).collect();
    let events = extract(
        text,
        &[],
        &entities,
        &dates,
        &figures,
        &noise,
        case.option("title"),
    );
    let main = main_event(&events, text.len());
    events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            let mut line = format!(
                "{}{} \"{}\"",
                if main == Some(index) { "main " } else { "" },
                event.kind.as_str(),
                &text[event.trigger.clone()]
            );
            if !event.actors.is_empty() {
                line.push_str(&format!(" actors={:?}", event.actors));
            }
            if !event.targets.is_empty() {
                line.push_str(&format!(" targets={:?}", event.targets));
            }
            if let Some(place) = event.place {
                line.push_str(&format!(" place={place}"));
            }
            if let Some(date) = event.date {
                line.push_str(&format!(" date={date}"));
            }
            if !event.figures.is_empty() {
                line.push_str(&format!(" figures={:?}", event.figures));
            }
            if event.negated {
                line.push_str(" negated");
            }
            if event.hypothetical {
                line.push_str(" hypothetical");
            }
            line.push_str(&format!(
                " sentence={} score={:.2}",
                event.sentence.start, event.score
            ));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn events() {
    check("src/extract/events/test_data/events.txt", render);
}

#[test]
fn types_are_stored_in_snake_case() {
    assert_eq!(
        EventType::ClaimOfResponsibility.as_str(),
        "claim_of_responsibility"
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_input(
        text in "[a-zA-Z .,\n]{0,40}( shot| killed| was| by| no| would)*[a-zA-Z .,]{0,40}",
        bounds in proptest::collection::vec((0usize..200, 0usize..40), 0..5),
    ) {
        let entities: Vec<EntityRef> = bounds
            .iter()
            .map(|&(start, length)| EntityRef { range: start..start + length, kind: EntityKind::Place })
            .collect();
        let dates: Vec<DateRef> = bounds
            .iter()
            .map(|&(start, length)| DateRef { range: start..start + length, resolved: None })
            .collect();
        let events = extract(&text, &[], &entities, &dates, &[], &[], Some(&text));
        for event in &events {
            proptest::prop_assert!(text.get(event.trigger.clone()).is_some());
        }
        if let Some(main) = main_event(&events, text.len()) {
            proptest::prop_assert!(main < events.len());
        }
    }
}

#[test]
fn every_trigger_row_names_a_type() {
    assert!(crate::text::words::malformed_rows(include_str!("triggers.txt")).is_empty());
    for (word, kind) in TRIGGER_TABLE.iter() {
        assert!(EventType::parse(kind).is_some(), "{word} = {kind}");
    }
    assert_eq!(TRIGGERS.len(), TRIGGER_TABLE.len());
}
