//! Figure tests: cases in `test_data/` (a sentence → its figures) and odd
//! inputs.

use super::*;
use crate::text::cases::check;

#[test]
fn figures() {
    check("src/extract/figures/test_data/figures.txt", |case| {
        let text = &case.input;
        let sentences: Vec<Range<usize>> = match case.option("sentences") {
            Some(ranges) => ranges
                .split_whitespace()
                .filter_map(|range| {
                    let (start, end) = range.split_once("..")?;
                    Some(start.parse().ok()?..end.parse().ok()?)
                })
                .collect(),
            None => std::iter::once(0..text.len()).collect(),
        };
        let quoted = |range: &Option<Range<usize>>| {
            range
                .as_ref()
                .map_or("-".to_string(), |r| format!("\"{}\"", &text[r.clone()]))
        };
        extract(text, &sentences)
            .iter()
            .map(|f| {
                let number = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v}"));
                let mut line = format!(
                    "{} [{},{}] {} {} {}",
                    number(f.value),
                    number(f.low),
                    number(f.high),
                    f.qualifier.map_or("-", |q| q.as_str()),
                    f.counted.as_deref().unwrap_or("-"),
                    f.predicate.map_or("-", |p| p.as_str()),
                );
                for (flag, on) in [
                    ("implicit", f.implicit),
                    ("partitive", f.partitive),
                    ("approx", f.approximate),
                    ("shot", f.counts_shot(text)),
                ] {
                    if on {
                        line.push(' ');
                        line.push_str(flag);
                    }
                }
                line.push_str(&format!(
                    " | \"{}\" number={} counted={} predicate={}",
                    &text[f.range.clone()],
                    quoted(&Some(f.number_range.clone())),
                    quoted(&f.counted_range),
                    quoted(&f.predicate_range),
                ));
                if case.option("sentences").is_some() {
                    line.push_str(&format!(
                        " sentence={}..{}",
                        f.sentence.start, f.sentence.end
                    ));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "-",
        "1,",
        "a",
        "é 3-",
        "No",
        "one of",
        "None of the",
        "between 5 and",
        "“Two”",
    ] {
        let found = extract(text, std::slice::from_ref(&(0..text.len())));
        assert!(found.len() <= 2, "{text}");
    }
    // Ranges off char boundaries or out of the text are skipped.
    assert!(extract("né 3 men died", &[0..2, 5..100]).is_empty());
}

#[test]
fn names_are_lower_case_strings() {
    assert_eq!(Predicate::Killed.as_str(), "killed");
    assert_eq!(Predicate::Displaced.as_str(), "displaced");
    assert_eq!(Qualifier::AtLeast.as_str(), "at_least");
    assert_eq!(Qualifier::MoreThan.as_str(), "more_than");
}

#[test]
fn every_table_row_is_read() {
    use crate::text::words::malformed_rows;
    for table in [
        include_str!("predicate_words.txt"),
        include_str!("predicate_nouns.txt"),
        include_str!("qualifiers.txt"),
        include_str!("vague_quantities.txt"),
    ] {
        assert!(malformed_rows(table).is_empty());
    }
    for (word, name) in lexicon::PREDICATE_WORDS
        .iter()
        .chain(lexicon::PREDICATE_NOUNS.iter())
    {
        assert!(Predicate::parse(name).is_some(), "{word} = {name}");
    }
    assert_eq!(numbers::qualifier_rows(), (34, 34));
    assert_eq!(numbers::vague_rows(), (15, 15));
}
