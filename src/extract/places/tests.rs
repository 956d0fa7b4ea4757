//! Place tests: resolution and lookup cases in `test_data/`, and the
//! containment, demonym and qualifier helpers.

use super::*;
use crate::text::cases::{Case, check};

fn region_pair(value: &str) -> Option<KnownRegion> {
    let (country, region) = value.split_once('/')?;
    Some((country.to_string(), region.to_string()))
}

fn render(place: &PlaceRef) -> String {
    format!(
        "{} | {} | {} | {}",
        place.id,
        place.kind.as_str(),
        place.country,
        place.county.as_deref().unwrap_or("-")
    )
}

fn resolve_case(case: &Case) -> String {
    let text = &case.input;
    let names: Vec<&str> = case
        .option("names")
        .unwrap_or("")
        .split(" | ")
        .filter(|name| !name.is_empty())
        .collect();
    let ranges: Vec<Range<usize>> = names
        .iter()
        .map(|name| {
            let start = text.find(name).unwrap_or(0);
            start..start + name.len()
        })
        .collect();
    let hint = case.option("region");
    let places = if case.option("mode") == Some("plain") {
        resolve(text, &ranges, hint)
    } else {
        let document = DocumentPlaces {
            regions: case
                .values("document-regions")
                .filter_map(region_pair)
                .collect(),
            city_regions: case
                .values("document-city-regions")
                .filter_map(region_pair)
                .collect(),
            ..DocumentPlaces::default()
        };
        let cues = vec![
            PlaceCue {
                trusted: true,
                local: false,
                postal: true,
            };
            ranges.len()
        ];
        resolve_with_cues(text, &ranges, &cues, hint, &document)
    };
    names
        .iter()
        .zip(places)
        .map(|(name, place)| match place {
            Some(place) => format!("{name} = {}", render(&place)),
            None => format!("{name} = none"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn resolution() {
    check("src/extract/places/test_data/resolve.txt", resolve_case);
}

#[test]
fn lookups() {
    check("src/extract/places/test_data/lookup.txt", |case| {
        lookup(&case.input)
            .iter()
            .map(|place| format!("{} | {}", place.id, place.kind.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn postal_names_are_not_known_names() {
    assert!(is_postal_name("Ooltewah") && !is_known("Ooltewah"));
}

#[test]
fn containment() {
    let find =
        |name: &str, keep: &dyn Fn(&PlaceRef) -> bool| lookup(name).into_iter().find(|p| keep(p));
    let in_illinois = |place: &PlaceRef| place.region.as_deref() == Some("Illinois");
    let (Some(chicago), Some(illinois), Some(cook), Some(united_states), Some(iraq)) = (
        find("Chicago", &in_illinois),
        find("Illinois", &|place| place.kind == PlaceKind::Region),
        find("Cook County", &in_illinois),
        find("United States", &|_| true),
        find("Iraq", &|_| true),
    ) else {
        panic!("gazetteer places missing");
    };
    assert!(illinois.contains(&chicago));
    assert!(cook.contains(&chicago));
    assert!(united_states.contains(&chicago));
    assert!(united_states.contains(&illinois));
    assert!(!chicago.contains(&illinois));
    assert!(!iraq.contains(&chicago));
    assert!(chicago.contains(&chicago));
}

#[test]
fn demonyms_and_country_abbreviations() {
    let country = |word: &str| country_of_demonym(word).map(|place| place.country_code);
    assert_eq!(country("Iraqi").as_deref(), Some("IQ"));
    assert_eq!(country("Palestinians").as_deref(), Some("PS"));
    assert_eq!(country("American").as_deref(), Some("US"));
    assert!(country("Frenchs").is_none());
    assert!(is_country_abbreviation("US"));
    assert!(is_country_abbreviation("U.S."));
    assert!(!is_country_abbreviation("FBI"));
}

#[test]
fn qualifier_ranges() {
    let text = "Newark, N.J. police said";
    let found = qualifier_after(text, 6);
    assert_eq!(
        found.map(|(range, qualifier)| (&text[range], qualifier)),
        Some(("N.J.", Qualifier::Region("US", "New Jersey")))
    );
    assert!(qualifier_after("Newark, police said", 6).is_none());
}

#[test]
fn folds() {
    check("src/extract/places/test_data/fold.txt", |case| {
        fold_key(&case.input)
    });
}
