//! Entity tests: cases in `test_data/` (a text → its mentions with kind,
//! canonical name, role and gazetteer place; the parts of a city a text
//! names) and inputs that must not panic.

use super::*;
use crate::text::cases::check;
use crate::text::sentences;

#[test]
fn mentions() {
    check("src/extract/entities/test_data/mentions.txt", |case| {
        let text = &case.input;
        let sentence_ranges: Vec<Range<usize>> = sentences::split(text)
            .into_iter()
            .map(|sentence| sentence.range)
            .collect();
        extract(text, &sentence_ranges, case.option("region"))
            .into_iter()
            .map(|mention| {
                let mut line = format!(
                    "{} | {} {}",
                    &text[mention.range.clone()],
                    mention.kind.as_str(),
                    mention.name
                );
                if let Some(role) = &mention.role {
                    line.push_str(&format!(" [role: {role}]"));
                }
                if let Some(place) = &mention.place {
                    line.push_str(&format!(" [place: {}]", place.id));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn city_parts() {
    check("src/extract/entities/test_data/city_parts.txt", |case| {
        city_part_names(&case.input)
            .into_iter()
            .collect::<Vec<_>>()
            .join("\n")
    });
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_boundaries(text in "[A-Za-z’'.,\\- éÉ“”()\n0-9]{0,80}") {
        let whole = 0..text.len();
        let mentions = extract(&text, std::slice::from_ref(&whole), Some("US"));
        for mention in mentions {
            proptest::prop_assert!(text.is_char_boundary(mention.range.start) && text.is_char_boundary(mention.range.end));
        }
    }
}

#[test]
fn no_panic_on_odd_input() {
    for text in [
        "",
        "’s",
        "A",
        "Mr.",
        "U.S.",
        "—“Hi”",
        "al-",
        "Ahmed al-",
        "(X)",
        "Ö Ä. Ü",
        "New York, ",
        "St. ",
        "Paris (P",
        "a’b.Cd Ée’.F",
        "Mr. É’s.X",
    ] {
        let whole = 0..text.len();
        let _mentions = extract(text, std::slice::from_ref(&whole), Some("US"));
    }
}
