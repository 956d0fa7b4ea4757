//! Tests of the quotation stage. Attribution is tested as data: the cases
//! in `attribution_cases.txt` run through the whole extraction pipeline
//! (so the speakers come from real entity mentions), and every miss is
//! reported at once. Pairing and classification keep a few direct tests.

use super::*;
use crate::extract::pipeline::{self, Input};

/// One case of `attribution_cases.txt`.
struct Case {
    title: String,
    text: String,
    /// The words a quotation starts with, and its expected speaker.
    expected: Vec<(String, Option<String>)>,
}

fn parse_cases(data: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in data.lines() {
        if let Some(title) = line.strip_prefix("=== ") {
            cases.push(Case {
                title: title.to_string(),
                text: String::new(),
                expected: Vec::new(),
            });
        } else if let Some(expectation) = line.strip_prefix("> ") {
            let case = cases
                .last_mut()
                .expect("an expectation follows a case title");
            let (quote, speaker) = expectation
                .rsplit_once(" = ")
                .expect("an expectation reads `> words = Speaker`");
            let speaker = (speaker != "-").then(|| speaker.to_string());
            case.expected.push((quote.to_string(), speaker));
        } else if line.starts_with('#') && cases.is_empty() {
            // The file's header.
        } else if let Some(case) = cases.last_mut() {
            case.text.push_str(line);
            case.text.push('\n');
        }
    }
    for case in &mut cases {
        case.text = case.text.trim().to_string();
    }
    cases
}

/// The speakers the pipeline gives the quotations of `text`, by their
/// opening words; a quotation that is not found is reported as such.
fn misses(case: &Case) -> Vec<String> {
    let extraction = pipeline::run(&Input {
        title: None,
        text: &case.text,
        published: None,
        region_hint: Some("US"),
    });
    let mut misses = Vec::new();
    for (opening, expected) in &case.expected {
        let found = extraction
            .quotes
            .iter()
            .find(|quote| quote.anchor.text.starts_with(opening.as_str()));
        match found {
            None => misses.push(format!(
                "{}: no quotation starts with {opening:?}",
                case.title
            )),
            Some(quote) if &quote.speaker != expected => misses.push(format!(
                "{}: {opening:?} said by {:?}, expected {:?}",
                case.title, quote.speaker, expected
            )),
            Some(_) => {}
        }
    }
    misses
}

#[test]
fn attribution_cases() {
    let cases = parse_cases(include_str!("attribution_cases.txt"));
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let misses: Vec<String> = cases.iter().flat_map(misses).collect();
    let expectations: usize = cases.iter().map(|case| case.expected.len()).sum();
    assert!(
        misses.is_empty(),
        "{} of {expectations} attributions wrong:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

fn quoted<'a>(text: &'a str, quote: &Quote) -> &'a str {
    &text[quote.range.clone()]
}

fn person(text: &str, name: &str, is_person: bool) -> PersonRef {
    let start = text.find(name).unwrap();
    PersonRef {
        range: start..start + name.len(),
        name: name.to_string(),
        is_person,
        role: None,
    }
}

#[test]
fn statement_with_common_noun_speaker() {
    let text = "“We will respond,” the minister said.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quoted(text, &quotes[0]), "We will respond,");
    assert_eq!(quotes[0].outer, 0..text.find(" the").unwrap());
    assert_eq!(quotes[0].kind, QuoteKind::Statement);
    assert_eq!(quotes[0].speaker.as_deref(), Some("minister"));
    assert_eq!(quotes[0].verb.as_deref(), Some("said"));
    assert_eq!(quotes[0].sentence, 0..text.len());
}

#[test]
fn scare_quotes_have_no_speaker() {
    let text = "He called the strikes ‘hostile acts’.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quoted(text, &quotes[0]), "hostile acts");
    assert_eq!(quotes[0].kind, QuoteKind::Scare);
    assert_eq!(quotes[0].speaker, None);
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "Troops in harm’s way left Iraq's bases in the ’90s and the soldiers’ camps.";
    assert!(extract(text, &[], &[]).is_empty());
}

#[test]
fn multi_sentence_quote_with_pronoun() {
    let text = "Mayor Ana Ruiz spoke on Monday. “The city is safe. We are grateful to the police,” she added.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(
        quoted(text, &quotes[0]),
        "The city is safe. We are grateful to the police,"
    );
    assert_eq!(quotes[0].kind, QuoteKind::Statement);
    // Without entity mentions the pronoun has no antecedent but a speaker
    // named by attribution; with a mention it resolves to the person.
    let people = [person(text, "Ana Ruiz", true)];
    let quotes = extract(text, &[], &people);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Ana Ruiz"));
    assert_eq!(quotes[0].verb.as_deref(), Some("added"));
    assert_eq!(quotes[0].speaker_range, Some(people[0].range.clone()));
    let start = text.find('“').unwrap();
    assert_eq!(quotes[0].sentence, start..text.len());
}

#[test]
fn pronoun_resolves_to_previous_attribution_without_entities() {
    let text = "“The attack failed,” said Omar Haddad. “We were ready for it,” he said.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Omar Haddad"));
    assert_eq!(quotes[0].verb.as_deref(), Some("said"));
    assert_eq!(quotes[1].speaker.as_deref(), Some("Omar Haddad"));
}

#[test]
fn pronoun_skips_names_inside_quotations() {
    let text = "Ana Ruiz spoke first. “I met Tom Baker at the gate,” she said.";
    let people = [
        person(text, "Ana Ruiz", true),
        person(text, "Tom Baker", true),
    ];
    let quotes = extract(text, &[], &people);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Ana Ruiz"));
    assert_eq!(quotes[0].speaker_range, Some(0..8));
}

#[test]
fn quote_continues_over_paragraph_break() {
    let text = "The governor said: “We will rebuild every home.\n\n“Nobody will be left behind.” Crews began work.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quoted(text, &quotes[0]), "We will rebuild every home.");
    assert!(!quotes[0].continues_previous);
    assert_eq!(quoted(text, &quotes[1]), "Nobody will be left behind.");
    assert!(quotes[1].continues_previous);
    assert_eq!(quotes[0].speaker.as_deref(), Some("governor"));
    assert_eq!(quotes[1].speaker.as_deref(), Some("governor"));
    assert_eq!(quotes[1].kind, QuoteKind::Statement);
}

#[test]
fn unclosed_quote_is_dropped() {
    let text =
        "The chief said “we are looking into it and more.\n\nResidents were told to stay inside.";
    assert!(extract(text, &[], &[]).is_empty());
}

#[test]
fn according_to_with_person_mention() {
    let text = "The base was hit twice, according to Defense Secretary Jane Doe. “We will find those responsible.”";
    let people = [person(text, "Jane Doe", true)];
    let quotes = extract(text, &[], &people);
    assert_eq!(quotes.len(), 1);
    // The quote has no attribution of its own: it inherits the speaker of
    // the sentence before.
    assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
    assert_eq!(quotes[0].verb, None);
    let text = "The strikes were “necessary and lawful under the treaty,” according to Defense Secretary Jane Doe.";
    let people = [person(text, "Jane Doe", true)];
    let quotes = extract(text, &[], &people);
    assert_eq!(quotes[0].kind, QuoteKind::Partial);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
    assert_eq!(quotes[0].verb.as_deref(), Some("according to"));
    // Without mentions the title is stripped from the capitalised run.
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
}

#[test]
fn inverted_and_shared_by() {
    let text = "“Our troops are safe,” read the statement shared by Kim Lee on X. “My thoughts are with the families,” said Kim Lee.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Kim Lee"));
    assert_eq!(quotes[0].verb.as_deref(), Some("read"));
    assert_eq!(quotes[1].speaker.as_deref(), Some("Kim Lee"));
}

#[test]
fn statement_added_refers_to_last_issuer() {
    let text = "Two guards were hurt, spokeswoman Lena Park said in a statement. Officials “regret the loss of life and will investigate,” the statement added.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].kind, QuoteKind::Partial);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Lena Park"));
    assert_eq!(quotes[0].verb.as_deref(), Some("added"));
}

#[test]
fn organisation_speakers_and_partials() {
    let text =
        "The Pentagon said the raids hit “weapons depots and a command post” near the border.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].kind, QuoteKind::Partial);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Pentagon"));
    let text =
        "The cabinet called the raids “hostile acts” that “violate our borders and our laws.”";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[0].kind, QuoteKind::Scare);
    assert_eq!(quotes[1].kind, QuoteKind::Partial);
    assert_eq!(quotes[1].speaker.as_deref(), Some("cabinet"));
    assert_eq!(quotes[1].verb.as_deref(), Some("called"));
}

#[test]
fn straight_quotes_and_apposition() {
    let text = "\"It was chaos,\" Maria Lopez, a neighbor, told reporters. Officers said the man's car was 'badly damaged' but empty.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 2);
    assert_eq!(quoted(text, &quotes[0]), "It was chaos,");
    assert_eq!(quotes[0].speaker.as_deref(), Some("Maria Lopez"));
    assert_eq!(quotes[0].verb.as_deref(), Some("told"));
    assert_eq!(quoted(text, &quotes[1]), "badly damaged");
    assert_eq!(quotes[1].kind, QuoteKind::Scare);
    let text = "Police, however, said \"The suspect fled on foot toward the river.\"";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Police"));
    assert_eq!(quotes[0].kind, QuoteKind::Statement);
}

#[test]
fn nested_single_quotes_stay_inside() {
    let text = "“They shouted ‘go home’ at us,” the witness said.";
    let quotes = extract(text, &[], &[]);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quoted(text, &quotes[0]), "They shouted ‘go home’ at us,");
    assert_eq!(quotes[0].speaker.as_deref(), Some("witness"));
}

proptest::proptest! {
    #[test]
    fn spans_are_valid_on_any_input(text in "[a-zA-Zé .,:;\"'“”‘’\n]{0,120}") {
        for quote in extract(&text, &[], &[]) {
            proptest::prop_assert!(text.get(quote.outer.clone()).is_some());
            proptest::prop_assert!(quote.outer.start <= quote.range.start);
            proptest::prop_assert!(quote.range.end <= quote.outer.end);
            if let Some(speaker) = quote.speaker_range {
                proptest::prop_assert!(text.get(speaker).is_some());
            }
        }
    }
}

#[test]
fn fallback_sentences_respect_abbreviations() {
    let text = "Mr. Lee arrived at 5 p.m. on Friday. He left.\nNext line";
    let sentences = fallback_sentences(text);
    let pieces: Vec<&str> = sentences.iter().map(|s| &text[s.clone()]).collect();
    assert_eq!(
        pieces,
        [
            "Mr. Lee arrived at 5 p.m. on Friday.",
            "He left.",
            "Next line"
        ]
    );
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "\"",
        "“",
        "’",
        "'a",
        "“”",
        "\"\"\"",
        "a “b\n",
        "é“ü”ö",
        "said",
        "“x,” said",
    ] {
        let quotes = extract(text, &[], &[]);
        for quote in quotes {
            assert!(text.get(quote.outer.clone()).is_some());
        }
    }
}
