//! Noise tests: cases in `test_data/` (input → expected noise spans, wire
//! credits), containment, and a property test.

use super::*;
use crate::text::cases::check;
use crate::text::sentences::split;

#[test]
fn noise() {
    check("src/extract/noise/test_data/noise.txt", |case| {
        let text = &case.input;
        detect(text, case.option("title"), &split(text))
            .into_iter()
            .map(|n| {
                format!(
                    "{} {} | {}",
                    n.range.start,
                    n.kind.as_str(),
                    &text[n.range.clone()]
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn wire_credit_cases() {
    check("src/extract/noise/test_data/wire_credits.txt", |case| {
        wire_credits(&case.input)
            .into_iter()
            .map(|(range, name)| format!("{} = {name}", &case.input[range]))
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn is_noise_needs_containment_and_skips_datelines() {
    let noise = vec![
        Noise {
            range: 10..20,
            kind: NoiseKind::Boilerplate,
        },
        Noise {
            range: 30..40,
            kind: NoiseKind::Dateline,
        },
    ];
    assert!(is_noise(&noise, &(12..18)));
    assert!(!is_noise(&noise, &(5..18)));
    assert!(!is_noise(&noise, &(30..35)));
}

#[test]
fn kinds_serialise_lowercase() {
    assert_eq!(
        serde_json::to_string(&NoiseKind::SocialPost)
            .ok()
            .as_deref(),
        Some("\"socialpost\"")
    );
    assert_eq!(NoiseKind::Dateline.as_str(), "dateline");
}

proptest::proptest! {
    #[test]
    fn never_panics_and_stays_sorted(text in "(\\PC|[ \n—–(@):.A-Z]){0,120}") {
        let noise = detect(&text, Some("A B"), &split(&text));
        for pair in noise.windows(2) {
            proptest::prop_assert!(pair[0].range.end <= pair[1].range.start);
        }
        for item in &noise {
            proptest::prop_assert!(text.get(item.range.clone()).is_some());
        }
        for (range, _) in wire_credits(&text) {
            proptest::prop_assert!(text.get(range).is_some());
        }
    }
}

#[test]
fn the_agency_table_is_well_formed() {
    assert!(crate::text::words::malformed_rows(include_str!("agencies.txt")).is_empty());
}
