//! Extraction stage: direct quotations and who said them.
//!
//! Comparing outlets claim by claim needs the exact words each outlet put
//! inside quotation marks (a reworded quotation is a finding) and the person
//! or body it credits them to. This module pairs quotation marks paragraph by
//! paragraph, classifies each quotation (a whole statement, a partial quote
//! woven into the reporter's sentence, or one- or two-word scare quotes), and
//! attributes it from the words around it in its sentence.
//!
//! The stage runs in four steps, one module each: `pairing` (marks into
//! quotation pieces, conservative because a wrong span is worse than a
//! missing one), `classify` (statement, partial or scare), `attribution`
//! (the speech verb and the speaker), over the text layout of
//! `segmentation` and the tokens of `tokens`. Word lists are data files read
//! by `lexicon`.
//!
//! All spans are byte ranges into the text given, on `char` boundaries.

mod attribution;
mod classify;
mod lexicon;
mod pairing;
mod segmentation;
mod tokens;

use std::ops::Range;

pub use segmentation::fallback_sentences;
pub(crate) use tokens::{Token, TokenKind, tokenize};

/// What a quotation is doing in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuoteKind {
    /// A quoted clause or sentence standing on its own ("“We will respond,” she said").
    Statement,
    /// Quoted words woven into the reporter's own sentence ("said the strikes “intended to …”").
    Partial,
    /// One or two words held at a distance ("called it ‘proportionate’"); not a statement.
    Scare,
}

impl QuoteKind {
    /// Stable lowercase name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Statement => "statement",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// An entity mention handed in by the pipeline (people and organisations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    pub range: Range<usize>,
    /// Canonical name to report as the speaker.
    pub name: String,
    /// A person (pronouns may refer to it) rather than an organisation.
    pub is_person: bool,
}

/// One quotation, anchored to its passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, without the marks (trimmed of surrounding spaces).
    pub range: Range<usize>,
    /// The quotation with its marks. For the first paragraph of a quotation
    /// that runs on, this ends at the paragraph's end (there is no closing mark).
    pub outer: Range<usize>,
    pub kind: QuoteKind,
    /// Who is credited: the person's canonical name when a mention is known,
    /// else the words of the text ("minister", "Iraqi officials").
    pub speaker: Option<String>,
    /// Where the speaker is named: the attribution phrase, or the earlier mention
    /// a pronoun or "the statement" was resolved to.
    pub speaker_range: Option<Range<usize>>,
    /// The attribution verb, lowercased ("said", "added", "according to").
    /// `None` when the speaker is inherited from the sentence before.
    pub verb: Option<String>,
    /// The sentence(s) the quotation sits in, from the start of the sentence
    /// holding the opening mark to the end of the one holding the closing mark.
    pub sentence: Range<usize>,
    /// This piece continues the quotation of the previous paragraph (it opened
    /// with a fresh mark after a paragraph left unclosed). Pieces of one
    /// quotation share speaker and verb.
    pub continues_previous: bool,
}

/// Finds the quotations in `text`.
///
/// `sentences` are sorted byte ranges (the segmentation stage's output); when
/// empty, a simple internal segmentation is used. `people` are sorted entity
/// mentions; when empty, speakers are read from capitalised words next to the
/// speech verb.
pub fn extract(text: &str, sentences: &[Range<usize>], people: &[PersonRef]) -> Vec<Quote> {
    let owned_sentences;
    let sentences = if sentences.is_empty() {
        owned_sentences = fallback_sentences(text);
        &owned_sentences[..]
    } else {
        sentences
    };
    let pieces = pairing::pair_marks(text);
    let mut quotes: Vec<Quote> = pieces
        .iter()
        .map(|piece| {
            let sentence = segmentation::sentence_span(text, sentences, &piece.outer);
            Quote {
                range: piece.inner.clone(),
                outer: piece.outer.clone(),
                kind: QuoteKind::Partial,
                speaker: None,
                speaker_range: None,
                verb: None,
                sentence,
                continues_previous: piece.continues_previous,
            }
        })
        .collect();
    for index in 0..quotes.len() {
        quotes[index].kind = if quotes[index].continues_previous && index > 0 {
            quotes[index - 1].kind
        } else {
            classify::classify(text, &quotes[index])
        };
    }
    attribution::attribute(text, sentences, people, &mut quotes);
    attribution::share_speaker_across_pieces(&mut quotes);
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted<'a>(text: &'a str, quote: &Quote) -> &'a str {
        &text[quote.range.clone()]
    }

    fn person(text: &str, name: &str, is_person: bool) -> PersonRef {
        let start = text.find(name).unwrap();
        PersonRef {
            range: start..start + name.len(),
            name: name.to_string(),
            is_person,
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
        let text = "The chief said “we are looking into it and more.\n\nResidents were told to stay inside.";
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
}
