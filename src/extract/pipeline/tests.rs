//! Pipeline tests: whole articles in `test_data/` (→ main event, places,
//! speakers, with every anchor checked against its text), date cues, and
//! the character index and headline helpers.

use super::main_event::names_weekday;
use super::main_place::is_police_agency;
use super::*;
use crate::text::cases::{Case, check};

fn run_case(case: &Case) -> Extraction {
    run(&Input {
        title: case.option("title"),
        text: &case.input,
        published: case
            .option("published")
            .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()),
        region_hint: case.option("region"),
    })
}

#[test]
fn articles() {
    check("src/extract/pipeline/test_data/articles.txt", |case| {
        let out = run_case(case);
        let title = case.option("title").unwrap_or("");
        let text = &case.input;
        let anchors = out
            .entities
            .iter()
            .map(|e| &e.anchor)
            .chain(out.dates.iter().map(|d| &d.anchor))
            .chain(out.figures.iter().map(|f| &f.anchor))
            .chain(out.quotes.iter().map(|q| &q.anchor))
            .chain(out.events.iter().map(|e| &e.anchor));
        for anchor in anchors {
            let field = if anchor.field == Field::Title {
                title
            } else {
                text
            };
            let slice: String = field
                .chars()
                .skip(anchor.start)
                .take(anchor.end - anchor.start)
                .collect();
            assert_eq!(slice, anchor.text, "{}", case.name);
        }
        let mut lines = Vec::new();
        match &out.main_event {
            Some(main) => {
                let or_dash = |value: Option<String>| value.unwrap_or_else(|| "-".to_string());
                lines.push(format!(
                    "main: {} {} {} | {} | killed {} injured {}",
                    main.kind,
                    or_dash(main.date.map(|d| d.to_string())),
                    or_dash(main.date_precision.map(|p| p.as_str().to_string())),
                    or_dash(main.place.as_ref().map(|p| p.id.clone())),
                    or_dash(main.killed.map(|v| v.to_string())),
                    or_dash(main.injured.map(|v| v.to_string())),
                ));
            }
            None => lines.push("main: none".to_string()),
        }
        let places: Vec<&str> = out
            .entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .map(|p| p.id.as_str())
            .collect();
        lines.push(format!("places: {}", places.join(", ")));
        let speakers: Vec<&str> = out
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .collect();
        if !speakers.is_empty() {
            lines.push(format!("speakers: {}", speakers.join(", ")));
        }
        lines.join("\n")
    });
}

#[test]
fn date_cues() {
    check("src/extract/pipeline/test_data/date_cues.txt", |case| {
        let text = &case.input;
        let date = case.option("date").unwrap_or("");
        let start = text.find(date).unwrap_or(0);
        let sentence_ranges: Vec<Range<usize>> = sentences::split(text)
            .into_iter()
            .map(|s| s.range)
            .collect();
        let cue = date_cue(text, &(start..start + date.len()), &sentence_ranges);
        let mut line = format!("incident {}", cue.incident);
        if cue.reporting {
            line.insert_str(0, "reporting ");
        }
        if cue.stamp {
            line.push_str(" stamp");
        }
        line
    });
}

#[test]
fn char_index_maps_multibyte_text() {
    let text = "“Café” — naïve";
    let index = CharIndex::new(text);
    let start = text.find("Café").unwrap_or(0);
    let anchor = index.anchor(Field::Text, &(start..start + "Café".len()));
    assert_eq!(
        anchor.map(|a| (a.start, a.end, a.text)),
        Some((1, 5, "Café".to_string()))
    );
    assert_eq!(
        index.anchor(Field::Text, &(1..2)),
        None,
        "not on a char boundary"
    );
}

#[test]
fn the_outlet_tail_of_a_page_title_is_not_a_headline_place() {
    assert_eq!(
        headline_end("Teen charged in accidental shooting - Spokane News & Weather"),
        35
    );
    assert_eq!(
        headline_end("Shooting - Spokane"),
        "Shooting - Spokane".chars().count()
    );
}

#[test]
fn police_agencies_and_weekday_names() {
    assert!(
        is_police_agency("Henry County Sheriff's Office") && !is_police_agency("Chicago Tribune")
    );
    assert!(names_weekday("late Friday night"));
    assert!(!names_weekday("last night"));
}

#[test]
fn domain_countries() {
    assert!(crate::text::words::malformed_rows(include_str!("domain_countries.txt")).is_empty());
    assert_eq!(region_hint_for_domain("www.bbc.co.uk"), Some("GB"));
    assert_eq!(region_hint_for_domain("nytimes.com"), None);
}
