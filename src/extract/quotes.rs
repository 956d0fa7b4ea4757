//! Extraction stage: direct quotations and who said them.
//!
//! Comparing outlets claim by claim needs the exact words each outlet put
//! inside quotation marks (a reworded quotation is a finding) and the person
//! or body it credits them to. This module pairs quotation marks paragraph by
//! paragraph, classifies each quotation (a whole statement, a partial quote
//! woven into the reporter's sentence, or one- or two-word scare quotes), and
//! attributes it from the words around it in its sentence.
//!
//! Pairing is deliberately conservative, because a wrong span is worse than a
//! missing one: straight marks are read from the characters on either side of
//! them, apostrophes ("harm’s", "Iraq's", "’90s", "soldiers’") are told apart
//! from single quotes, single marks inside a double quotation (and the reverse)
//! are nested quotes and stay part of the outer one, an unclosed quotation is
//! dropped at the end of its paragraph unless the next paragraph opens with a
//! mark of the same family (the newswire convention for a quotation that runs
//! on), and an over-long quotation is dropped.
//!
//! Attribution looks for the speech verb nearest to the quotation in its
//! sentence ("said", "told", "added", "according to", "wrote", …) and reads the
//! speaker either before it ("Austin said", "the statement added") or after it
//! ("said Austin", "according to X", "read the statement shared by X").
//! Names come from the entity mentions the pipeline passes in; without them a
//! capitalised run next to the verb is taken, titles stripped. Pronouns resolve
//! to the last person named before them outside quotations, "the statement" to
//! the last speaker attributed, and a statement quote with no attribution of
//! its own inherits the speaker of the sentence just before it.
//!
//! All spans are byte ranges into the text given, on `char` boundaries.

use std::ops::Range;

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

/// Longest quotation piece accepted within one paragraph, in bytes. Real
/// quotations rarely exceed a few hundred words; longer spans come from a
/// missing closing mark in text without paragraph breaks.
const MAX_QUOTE_BYTES: usize = 2_000;
/// Longest run of paragraphs one quotation may continue over.
const MAX_CONTINUED_PARAGRAPHS: usize = 6;

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
    let pieces = pair_marks(text);
    let mut quotes: Vec<Quote> = pieces
        .iter()
        .map(|piece| {
            let sentence = sentence_span(text, sentences, &piece.outer);
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
            classify(text, &quotes[index])
        };
    }
    attribute(text, sentences, people, &mut quotes);
    share_speaker_across_pieces(&mut quotes);
    quotes
}

// ---------------------------------------------------------------------------
// Pairing quotation marks

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark whose neighbours do not decide: it toggles.
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    family: Family,
    role: Role,
}

#[derive(Debug, Clone)]
struct Piece {
    outer: Range<usize>,
    inner: Range<usize>,
    continues_previous: bool,
}

fn is_quote_char(character: char) -> bool {
    matches!(
        character,
        '"' | '“' | '”' | '„' | '«' | '»' | '\'' | '‘' | '’' | '‹' | '›'
    )
}

fn opens_on_left(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(character) => {
            character.is_whitespace()
                || matches!(character, '(' | '[' | '{' | '—' | '–' | '-' | '/')
                || is_quote_char(character)
        }
    }
}

fn closes_on_right(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(character) => {
            character.is_whitespace()
                || matches!(
                    character,
                    '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '…'
                )
                || is_quote_char(character)
        }
    }
}

/// "’90s", "'80s", "‘07": an elided century, not a quotation.
fn is_elided_year(after: &str) -> bool {
    let bytes = after.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && bytes.get(2).is_none_or(|byte| !byte.is_ascii_digit())
}

/// Reads the quotation marks of one paragraph line, deciding each mark's role.
fn marks_in_line(line: &str, offset: usize) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut previous: Option<char> = None;
    let mut characters = line.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        let next = characters.peek().map(|&(_, following)| following);
        if is_quote_char(character) {
            let left = opens_on_left(previous);
            let right = closes_on_right(next);
            let after = &line[index + character.len_utf8()..];
            let mark = |family, role| Mark {
                at: offset + index,
                len: character.len_utf8(),
                family,
                role,
            };
            match character {
                '"' | '“' | '”' | '„' | '«' | '»' => {
                    let role = if left && !right {
                        Role::Open
                    } else if !left && right {
                        Role::Close
                    } else {
                        match character {
                            '“' | '„' | '«' => Role::Open,
                            '”' | '»' => Role::Close,
                            _ => Role::Either,
                        }
                    };
                    marks.push(mark(Family::Double, role));
                }
                _ => {
                    let letter_before = previous.is_some_and(char::is_alphanumeric);
                    let letter_after = next.is_some_and(char::is_alphanumeric);
                    if letter_before && letter_after {
                        // harm’s, Iraq's, won’t
                    } else if left
                        && next.is_some_and(|c| c.is_ascii_digit())
                        && is_elided_year(after)
                    {
                        // ’90s
                    } else if left && letter_after && character != '’' && character != '›' {
                        marks.push(mark(Family::Single, Role::Open));
                    } else if !left && right {
                        marks.push(mark(Family::Single, Role::Close));
                    }
                }
            }
        }
        previous = Some(character);
    }
    marks
}

/// Byte ranges of the non-empty lines of `text`, trimmed of surrounding spaces.
fn paragraph_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, character) in text.char_indices() {
        if character == '\n' {
            push_trimmed(text, start..index, &mut lines);
            start = index + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut lines);
    lines
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let trimmed = trim_range(text, range);
    if !trimmed.is_empty() {
        out.push(trimmed);
    }
}

/// Shrinks a range past surrounding whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if end < start {
        start..start
    } else {
        start..end
    }
}

/// Pairs marks into quotation pieces, paragraph by paragraph.
fn pair_marks(text: &str) -> Vec<Piece> {
    let lines = paragraph_lines(text);
    let line_marks: Vec<Vec<Mark>> = lines
        .iter()
        .map(|line| marks_in_line(&text[line.clone()], line.start))
        .collect();
    let mut pieces = Vec::new();
    // A quotation left open at the end of a paragraph whose next paragraph
    // re-opens it: the finished pieces wait here until the chain closes.
    let mut chain: Vec<Piece> = Vec::new();
    let mut carried: Option<Family> = None;
    for (line_index, line) in lines.iter().enumerate() {
        let marks = &line_marks[line_index];
        let mut open: Option<Mark> = None;
        let mut continuing = false;
        let mut first_mark = 0;
        if let Some(family) = carried.take() {
            match marks.first() {
                Some(mark)
                    if mark.at == line.start
                        && mark.family == family
                        && mark.role != Role::Close =>
                {
                    open = Some(*mark);
                    continuing = true;
                    first_mark = 1;
                }
                _ => chain.clear(),
            }
        }
        for mark in &marks[first_mark..] {
            match open {
                None => {
                    if mark.role != Role::Close {
                        open = Some(*mark);
                        continuing = false;
                        chain.clear();
                    }
                }
                Some(opening) if opening.family != mark.family => {
                    // A nested quotation of the other family stays inside.
                }
                Some(_) if mark.role == Role::Open => {
                    // Two openers in a row: the first was never closed.
                    open = Some(*mark);
                    continuing = false;
                    chain.clear();
                }
                Some(opening) => {
                    let outer = opening.at..mark.at + mark.len;
                    let inner = trim_range(text, opening.at + opening.len..mark.at);
                    open = None;
                    if inner.is_empty() || inner.len() > MAX_QUOTE_BYTES {
                        chain.clear();
                        continue;
                    }
                    pieces.append(&mut chain);
                    pieces.push(Piece {
                        outer,
                        inner,
                        continues_previous: continuing,
                    });
                    continuing = false;
                }
            }
        }
        if let Some(opening) = open {
            let inner = trim_range(text, opening.at + opening.len..line.end);
            let next_opens = line_marks.get(line_index + 1).and_then(|next| {
                let next_line = lines.get(line_index + 1)?;
                next.first().filter(|mark| {
                    mark.at == next_line.start
                        && mark.family == opening.family
                        && mark.role != Role::Close
                })
            });
            if next_opens.is_some()
                && !inner.is_empty()
                && inner.len() <= MAX_QUOTE_BYTES
                && chain.len() < MAX_CONTINUED_PARAGRAPHS
            {
                chain.push(Piece {
                    outer: opening.at..line.end,
                    inner,
                    continues_previous: continuing,
                });
                carried = Some(opening.family);
            } else {
                chain.clear();
            }
        }
    }
    pieces
}

// ---------------------------------------------------------------------------
// Sentences

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sgt", "lt", "col", "capt", "st", "jr", "sr", "rep", "sen",
    "gov", "det", "ofc", "cpl", "maj", "adm", "brig", "rev", "prof", "no", "vs", "inc", "co",
    "corp", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "ave",
    "blvd", "rd", "mt", "ft", "u.s", "u.k", "u.n", "a.m", "p.m",
];

fn is_abbreviation(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS
        .iter()
        .any(|abbreviation| abbreviation.eq_ignore_ascii_case(word))
        || (word.contains('.') && word.len() <= 6)
}

/// A plain sentence segmentation used when the pipeline passes none: lines,
/// cut after `.`, `!` or `?` (and any closing marks) when a capital, digit or
/// opening mark follows a space, unless the word before is an abbreviation.
pub fn fallback_sentences(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    for line in paragraph_lines(text) {
        let slice = &text[line.clone()];
        let mut start = 0;
        let characters: Vec<(usize, char)> = slice.char_indices().collect();
        let mut position = 0;
        while position < characters.len() {
            let (index, character) = characters[position];
            if matches!(character, '.' | '!' | '?') {
                let mut end = position + 1;
                while end < characters.len()
                    && (matches!(characters[end].1, '”' | '’' | '"' | '\'' | ')' | '»'))
                {
                    end += 1;
                }
                let followed_by_space = characters.get(end).is_some_and(|c| c.1.is_whitespace());
                let mut next = end;
                while next < characters.len() && characters[next].1.is_whitespace() {
                    next += 1;
                }
                let starts_sentence = characters.get(next).is_some_and(|&(_, c)| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'')
                });
                let word_start = slice[..index]
                    .rfind(char::is_whitespace)
                    .map_or(0, |space| space + 1);
                let word = &slice[word_start..index];
                // An initial is followed by more of the name, not by a quotation.
                let next_is_mark = characters
                    .get(next)
                    .is_some_and(|&(_, c)| matches!(c, '“' | '"' | '‘'));
                let abbreviation =
                    is_abbreviation(word) && !(next_is_mark && word.chars().count() == 1);
                if followed_by_space && starts_sentence && !(character == '.' && abbreviation) {
                    let cut = characters.get(end).map_or(slice.len(), |c| c.0);
                    push_trimmed(text, line.start + start..line.start + cut, &mut sentences);
                    start = cut;
                }
                position = end.max(position + 1);
            } else {
                position += 1;
            }
        }
        push_trimmed(text, line.start + start..line.end, &mut sentences);
    }
    sentences
}

/// The sentence(s) a span sits in: from the sentence holding its start to
/// the one holding its end; the span's own line when no sentence covers it.
fn sentence_span(text: &str, sentences: &[Range<usize>], span: &Range<usize>) -> Range<usize> {
    let first = sentences.partition_point(|sentence| sentence.end <= span.start);
    let last_position = span.end.saturating_sub(1).max(span.start);
    let last = sentences.partition_point(|sentence| sentence.end <= last_position);
    match (sentences.get(first), sentences.get(last)) {
        (Some(start), Some(end)) if start.start <= span.start && end.start <= last_position => {
            start.start.min(span.start)..end.end.max(span.end)
        }
        _ => {
            let line_start = text[..span.start].rfind('\n').map_or(0, |index| index + 1);
            let line_end = text[span.end..]
                .find('\n')
                .map_or(text.len(), |index| span.end + index);
            line_start..line_end
        }
    }
}

// ---------------------------------------------------------------------------
// Classification

fn classify(text: &str, quote: &Quote) -> QuoteKind {
    let content = &text[quote.range.clone()];
    let words = content.split_whitespace().count();
    let ends_with_punctuation = content
        .trim_end_matches(is_quote_char)
        .ends_with(['.', ',', '!', '?', '…']);
    if words <= 2 && !ends_with_punctuation {
        return QuoteKind::Scare;
    }
    let before = text
        .get(quote.sentence.start..quote.outer.start)
        .unwrap_or("")
        .trim_end();
    let stands_alone = before.chars().all(|c| !c.is_alphanumeric())
        || before.ends_with(':')
        || before.ends_with(',')
        || before
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|word| word_in(word, SPEECH_VERBS) && word != "according");
    let capital = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if stands_alone && capital {
        QuoteKind::Statement
    } else {
        QuoteKind::Partial
    }
}

// ---------------------------------------------------------------------------
// Tokens

/// A token of a sentence as attribution sees it: words, punctuation, and
/// whole quotations collapsed to one token so their words are never read as
/// the reporter's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Punctuation(char),
    Quotation(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
}

fn is_word_joiner(character: char) -> bool {
    matches!(character, '\'' | '’' | '-' | '.' | '&' | '‐')
}

/// Splits `range` of `text` into tokens; `holes` (sorted, with an id each)
/// become single `Quotation` tokens.
pub(crate) fn tokenize(
    text: &str,
    range: Range<usize>,
    holes: &[(Range<usize>, usize)],
) -> Vec<Token> {
    let mut tokens = Vec::new();
    let Some(slice) = text.get(range.clone()) else {
        return tokens;
    };
    let mut holes = holes
        .iter()
        .filter(|(hole, _)| hole.end > range.start && hole.start < range.end)
        .peekable();
    let characters: Vec<(usize, char)> = slice
        .char_indices()
        .map(|(index, character)| (range.start + index, character))
        .collect();
    let mut position = 0;
    while position < characters.len() {
        let (at, character) = characters[position];
        if let Some((hole, id)) = holes.peek()
            && at >= hole.start
        {
            tokens.push(Token {
                range: hole.start.max(range.start)..hole.end.min(range.end),
                kind: TokenKind::Quotation(*id),
            });
            while position < characters.len() && characters[position].0 < hole.end {
                position += 1;
            }
            holes.next();
            continue;
        }
        if character.is_alphanumeric() || character == '@' || character == '#' {
            let mut end = position + 1;
            while end < characters.len() {
                let current = characters[end].1;
                let joined = is_word_joiner(current)
                    && characters
                        .get(end + 1)
                        .is_some_and(|following| following.1.is_alphanumeric());
                if current.is_alphanumeric() || joined {
                    end += if joined { 2 } else { 1 };
                } else {
                    break;
                }
            }
            let end_byte = characters.get(end).map_or(range.end, |c| c.0);
            let mut word_end = end_byte;
            // A full stop after an abbreviation ("Mr.", "U.S.") is part of it.
            if characters.get(end).is_some_and(|c| c.1 == '.')
                && is_abbreviation(&text[at..end_byte])
            {
                word_end = end_byte + 1;
                end += 1;
            }
            tokens.push(Token {
                range: at..word_end,
                kind: TokenKind::Word,
            });
            position = end;
        } else {
            if !character.is_whitespace() {
                tokens.push(Token {
                    range: at..at + character.len_utf8(),
                    kind: TokenKind::Punctuation(character),
                });
            }
            position += 1;
        }
    }
    tokens
}

// ---------------------------------------------------------------------------
// Attribution

/// Verbs (and one preposition pair) that introduce speech.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "wrote",
    "writes",
    "posted",
    "tweeted",
    "explained",
    "explains",
    "noted",
    "notes",
    "stressed",
    "insisted",
    "warned",
    "warns",
    "continued",
    "asked",
    "replied",
    "recalled",
    "announced",
    "declared",
    "confirmed",
    "argued",
    "urged",
    "called",
    "described",
    "acknowledged",
    "admitted",
    "commented",
    "remarked",
    "testified",
    "vowed",
    "pledged",
    "promised",
    "emphasised",
    "emphasized",
    "conceded",
    "responded",
    "read",
    "reads",
    "according",
];

/// Words that end a speaker phrase: clause connectives, auxiliaries and
/// prepositions that attach to verbs rather than to names.
const PHRASE_STOPS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "but",
    "or",
    "nor",
    "because",
    "after",
    "before",
    "when",
    "while",
    "as",
    "if",
    "than",
    "then",
    "also",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "not",
    "to",
    "in",
    "on",
    "by",
    "into",
    "during",
    "since",
    "until",
    "later",
    "earlier",
    "meanwhile",
    "however",
    "previously",
    "once",
    "where",
    "it",
    "this",
    "these",
    "those",
    "there",
    "here",
    "so",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "does",
    "do",
    "about",
    "over",
    "under",
    "through",
    "via",
    "without",
    "within",
    "again",
    "still",
    "only",
    "even",
    "just",
    "reportedly",
    "publicly",
    "today",
    "yesterday",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "in",
    "said",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "another",
];

/// Document nouns that, as a speaker, refer back to the last statement's issuer.
const BACK_REFERENCE_NOUNS: &[&str] = &["statement", "statements", "release", "post", "tweet"];

/// Titles and roles that precede a name ("Defence Secretary Lloyd Austin").
const TITLES: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "defence",
    "defense",
    "foreign",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "gen",
    "gen.",
    "general",
    "brig",
    "brig.",
    "col",
    "col.",
    "lt",
    "lt.",
    "sgt",
    "sgt.",
    "capt",
    "capt.",
    "officer",
    "detective",
    "det",
    "det.",
    "sheriff",
    "chief",
    "deputy",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "governor",
    "gov",
    "gov.",
    "mayor",
    "commissioner",
    "judge",
    "attorney",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lieutenant",
    "sergeant",
    "captain",
    "major",
    "corporal",
    "admiral",
    "commander",
    "director",
    "prosecutor",
    "trooper",
    "agent",
    "inspector",
    "superintendent",
    "pastor",
    "rev",
    "rev.",
    "king",
    "queen",
    "prince",
    "ambassador",
    "chairman",
    "chairwoman",
    "leader",
    "speaker",
    "councilman",
    "councilwoman",
    "sheikh",
];

/// Words that mark a name as an organisation's, not a person's.
const ORGANISATION_WORDS: &[&str] = &[
    "command",
    "council",
    "house",
    "department",
    "ministry",
    "office",
    "police",
    "forces",
    "force",
    "army",
    "agency",
    "pentagon",
    "government",
    "administration",
    "committee",
    "service",
    "court",
    "party",
    "guard",
    "corps",
    "organisation",
    "organization",
    "association",
    "bureau",
    "university",
    "hospital",
    "company",
    "group",
    "center",
    "centre",
    "news",
    "press",
    "times",
    "reuters",
    "afp",
    "ap",
    "media",
    "authority",
    "navy",
    "military",
    "coalition",
    "union",
    "nations",
    "patrol",
    "county",
    "city",
    "state",
    "kremlin",
    "ministry",
    "website",
    "embassy",
    "congress",
    "senate",
    "parliament",
    "cabinet",
    "commission",
];

/// Plural or collective speakers that are never a person's name.
const COLLECTIVE_NOUNS: &[&str] = &[
    "authorities",
    "police",
    "officials",
    "witnesses",
    "investigators",
    "officers",
    "deputies",
    "troopers",
    "residents",
    "neighbors",
    "neighbours",
    "prosecutors",
    "family",
    "relatives",
    "friends",
    "detectives",
    "firefighters",
    "paramedics",
    "sources",
    "others",
    "students",
];

/// Nouns naming a document rather than a speaker: "the statement added"
/// refers back to whoever issued the last statement; "a statement from X" is X.
const DOCUMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "release",
    "post",
    "tweet",
    "letter",
    "message",
    "report",
    "description",
    "tally",
    "announcement",
    "communique",
    "video",
    "transcript",
    "notice",
];

const PRONOUNS: &[&str] = &["he", "she", "He", "She"];

fn word_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|entry| entry.eq_ignore_ascii_case(word))
}

fn starts_upper(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A word that may belong to a name: capitalised and not a sentence-initial
/// function word ("Then", "And"), or a lowercase name particle.
fn is_name_word(word: &str) -> bool {
    (starts_upper(word) && !word_in(word, PHRASE_STOPS)) || is_name_particle(word)
}

/// Lowercase name particles inside a capitalised name ("al-Sudani", "bin", "de").
fn is_name_particle(word: &str) -> bool {
    word.starts_with("al-")
        || word.starts_with("el-")
        || matches!(
            word,
            "al" | "bin" | "ibn" | "de" | "da" | "van" | "von" | "der" | "la" | "le" | "del" | "of"
        )
}

/// A speaker reference found next to a speech verb.
#[derive(Debug, Clone)]
struct Attribution {
    speaker: String,
    range: Range<usize>,
    verb: String,
    /// The speaker is (or resolves to) a person.
    is_person: bool,
}

/// Running context while walking through the article in order.
#[derive(Default)]
struct Context {
    /// Most recent attribution (quote or reported speech), for "the statement".
    last_speaker: Option<Attribution>,
    /// Most recent person found by attribution, for pronouns when no entity
    /// mentions are given.
    last_person: Option<Attribution>,
    /// Sentence index and attribution of the last attributed sentence.
    previous_sentence: Option<(usize, Attribution)>,
    /// Every quotation's span (with marks), sorted: names inside quotations
    /// are the speaker's words, never a pronoun's antecedent.
    quoted: Vec<Range<usize>>,
}

fn attribute(text: &str, sentences: &[Range<usize>], people: &[PersonRef], quotes: &mut [Quote]) {
    let holes: Vec<(Range<usize>, usize)> = quotes
        .iter()
        .enumerate()
        .map(|(index, quote)| (quote.outer.clone(), index))
        .collect();
    let mut context = Context {
        quoted: quotes.iter().map(|quote| quote.outer.clone()).collect(),
        ..Context::default()
    };
    let mut next_quote = 0;
    // Sentences inside a multi-sentence quotation's span belong to it.
    let mut covered_until = 0;
    for (sentence_index, sentence) in sentences.iter().enumerate() {
        // Quotations whose opening mark is in this sentence are attributed
        // now; a sentence without any still feeds the context (reported speech).
        let first = next_quote;
        while next_quote < quotes.len() && quotes[next_quote].outer.start < sentence.end {
            next_quote += 1;
        }
        let mut sentence_attribution = None;
        for index in first..next_quote {
            let found = attribute_one(text, people, &holes, quotes, index, &context);
            if let Some(attribution) = found {
                let quote = &mut quotes[index];
                quote.speaker = Some(attribution.speaker.clone());
                quote.speaker_range = Some(attribution.range.clone());
                quote.verb = Some(attribution.verb.clone());
                remember(&mut context, &attribution);
                sentence_attribution = Some(attribution);
            } else if quotes[index].kind == QuoteKind::Statement {
                let inherited = context
                    .previous_sentence
                    .as_ref()
                    .filter(|(previous, _)| previous + 1 >= sentence_index)
                    .map(|(_, attribution)| attribution.clone());
                if let Some(attribution) = inherited {
                    let quote = &mut quotes[index];
                    quote.speaker = Some(attribution.speaker.clone());
                    quote.speaker_range = Some(attribution.range.clone());
                    sentence_attribution = Some(attribution);
                }
            }
        }
        if first < next_quote {
            covered_until = covered_until.max(quotes[next_quote - 1].sentence.end);
        } else if sentence.start >= covered_until {
            let tokens = tokenize(text, sentence.clone(), &[]);
            if let Some(attribution) = reported_speech(text, people, &tokens, &context) {
                remember(&mut context, &attribution);
                sentence_attribution = Some(attribution);
            }
        }
        if let Some(attribution) = sentence_attribution {
            context.previous_sentence = Some((sentence_index, attribution));
        }
    }
}

fn remember(context: &mut Context, attribution: &Attribution) {
    context.last_speaker = Some(attribution.clone());
    if attribution.is_person {
        context.last_person = Some(attribution.clone());
    }
}

/// Reported speech without quotation marks ("X said in a statement"): only a
/// verb at the end of the sentence or right after a comma counts, so that
/// the speaker phrase is unambiguous.
fn reported_speech(
    text: &str,
    people: &[PersonRef],
    tokens: &[Token],
    context: &Context,
) -> Option<Attribution> {
    for (index, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = &text[token.range.clone()];
        let is_said = matches!(word, "said" | "says" | "added" | "stated" | "told");
        let is_according = word.eq_ignore_ascii_case("according")
            && tokens
                .get(index + 1)
                .is_some_and(|next| text[next.range.clone()].eq_ignore_ascii_case("to"));
        if !(is_said || is_according) {
            continue;
        }
        let phrase = if is_according {
            phrase_after(text, tokens, index + 2)
        } else {
            // The subject must open the sentence or follow a comma (", X
            // said"), so that the phrase is not the tail of another clause.
            let phrase = phrase_before(text, tokens, index);
            let opens_clause = phrase.as_ref().is_some_and(|phrase| {
                let first = tokens.partition_point(|token| token.range.start < phrase.start);
                first == 0 || tokens[first - 1].kind == TokenKind::Punctuation(',')
            });
            if !opens_clause {
                continue;
            }
            phrase
        }?;
        let verb = if is_according {
            "according to".to_string()
        } else {
            word.to_lowercase()
        };
        if let Some(attribution) = resolve(text, people, &phrase, verb, context) {
            return Some(attribution);
        }
    }
    None
}

fn is_speech_verb(text: &str, tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    if token.kind != TokenKind::Word {
        return false;
    }
    let word = &text[token.range.clone()];
    if !word_in(word, SPEECH_VERBS) {
        return false;
    }
    let next_word = tokens
        .get(index + 1)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| &text[t.range.clone()]);
    let previous_word = index
        .checked_sub(1)
        .and_then(|previous| tokens.get(previous))
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| text[t.range.clone()].to_lowercase());
    if word.eq_ignore_ascii_case("according") {
        return next_word.is_some_and(|next| next.eq_ignore_ascii_case("to"));
    }
    // "said to be used", "was said"
    if next_word.is_some_and(|next| next.eq_ignore_ascii_case("to")) && word != "told" {
        return false;
    }
    if previous_word
        .as_deref()
        .is_some_and(|previous| matches!(previous, "was" | "were" | "is" | "are" | "been" | "be"))
    {
        return false;
    }
    // "read" only as "read the statement"/"reads".
    if word.eq_ignore_ascii_case("read") {
        return next_word
            .is_some_and(|next| word_in(next, DETERMINERS) || word_in(next, DOCUMENT_NOUNS));
    }
    true
}

/// Attributes one quotation from its own sentence.
fn attribute_one(
    text: &str,
    people: &[PersonRef],
    holes: &[(Range<usize>, usize)],
    quotes: &[Quote],
    index: usize,
    context: &Context,
) -> Option<Attribution> {
    let quote = &quotes[index];
    if quote.kind == QuoteKind::Scare {
        return None;
    }
    let tokens = tokenize(text, quote.sentence.clone(), holes);
    let position = tokens
        .iter()
        .position(|token| token.kind == TokenKind::Quotation(index))?;
    // Nearest speech verb on either side; after wins a tie (the usual
    // "“…,” she said" order).
    let mut best: Option<usize> = None;
    let mut best_distance = usize::MAX;
    for (candidate, _) in tokens.iter().enumerate() {
        if candidate == position || !is_speech_verb(text, &tokens, candidate) {
            continue;
        }
        let distance = if candidate > position {
            (candidate - position) * 2
        } else {
            (position - candidate) * 2 + 1
        };
        if distance < best_distance {
            best_distance = distance;
            best = Some(candidate);
        }
    }
    let Some(verb_index) = best else {
        return labelled_speaker(text, people, &tokens, position, context);
    };
    let verb_word = &text[tokens[verb_index].range.clone()];
    let according = verb_word.eq_ignore_ascii_case("according");
    let verb = if according {
        "according to".to_string()
    } else {
        verb_word.to_lowercase()
    };
    let phrase = if according {
        phrase_after(text, &tokens, verb_index + 2)
    } else {
        let follows_quotation = tokens[..verb_index]
            .iter()
            .rev()
            .find(|token| !matches!(token.kind, TokenKind::Punctuation(',' | '—' | '–')))
            .is_none_or(|token| matches!(token.kind, TokenKind::Quotation(_)));
        let inverted = follows_quotation
            && tokens.get(verb_index + 1).is_some_and(|next| {
                next.kind == TokenKind::Word && !word_in(&text[next.range.clone()], PRONOUNS)
            });
        if inverted {
            phrase_after(text, &tokens, verb_index + 1)
        } else {
            phrase_before(text, &tokens, verb_index)
        }
    }?;
    resolve(text, people, &phrase, verb, context)
}

/// Transcript style: a short label and a colon opening the sentence right
/// before the quotation ("Dispatcher: “Do you see them?”").
fn labelled_speaker(
    text: &str,
    people: &[PersonRef],
    tokens: &[Token],
    position: usize,
    context: &Context,
) -> Option<Attribution> {
    let colon = position.checked_sub(1)?;
    if tokens[colon].kind != TokenKind::Punctuation(':') || colon == 0 || colon > 3 {
        return None;
    }
    let label = &tokens[..colon];
    if !label.iter().all(|token| token.kind == TokenKind::Word)
        || !label
            .iter()
            .all(|token| is_name_word(&text[token.range.clone()]))
    {
        return None;
    }
    let phrase = label[0].range.start..label[label.len() - 1].range.end;
    resolve(text, people, &phrase, ":".to_string(), context)
}

/// The noun phrase starting at `start` ("said Defence Secretary Lloyd
/// Austin in a statement" → "Defence Secretary Lloyd Austin"); "the statement
/// shared by X" and "a statement from X" are reduced to X.
fn phrase_after(text: &str, tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let mut first = start;
    let mut last: Option<usize> = None;
    let mut index = start;
    while index < tokens.len() && index < start + 12 {
        let token = &tokens[index];
        if token.kind != TokenKind::Word {
            break;
        }
        let word = &text[token.range.clone()];
        let lower = word.to_lowercase();
        if matches!(lower.as_str(), "by" | "from") && last.is_some() {
            // "the statement shared by Austin", "a tally by officials".
            first = index + 1;
            last = None;
            index += 1;
            continue;
        }
        let name_like = is_name_word(word);
        if word_in(&lower, PHRASE_STOPS) && !name_like {
            break;
        }
        if lower == "on" || lower == "at" || lower == "in" {
            break;
        }
        last = Some(index);
        index += 1;
    }
    let last = last?;
    if first > last {
        return None;
    }
    Some(tokens[first].range.start..tokens[last].range.end)
}

/// The subject phrase ending just before `verb_index`, skipping a short
/// parenthetical (", however,") or an apposition (", a spokeswoman for the
/// police,") between it and the verb.
fn phrase_before(text: &str, tokens: &[Token], verb_index: usize) -> Option<Range<usize>> {
    let mut end = verb_index;
    if end > 0 && tokens[end - 1].kind == TokenKind::Punctuation(',') {
        let comma = end - 1;
        let opening = tokens[..comma]
            .iter()
            .rposition(|token| token.kind == TokenKind::Punctuation(','))?;
        let inside = &tokens[opening + 1..comma];
        let first_word = inside.first().filter(|t| t.kind == TokenKind::Word)?;
        let first_word = &text[first_word.range.clone()];
        let parenthetical = !inside.is_empty()
            && inside.len() <= 8
            && inside.iter().all(|t| t.kind == TokenKind::Word)
            && (word_in(first_word, DETERMINERS) || !starts_upper(first_word));
        if !parenthetical {
            return None;
        }
        end = opening;
    }
    let mut first: Option<usize> = None;
    let mut index = end;
    while index > 0 && end - index < 10 {
        let token = &tokens[index - 1];
        if token.kind != TokenKind::Word {
            break;
        }
        let word = &text[token.range.clone()];
        let name_like = is_name_word(word);
        if !name_like && word_in(word, PHRASE_STOPS) {
            break;
        }
        first = Some(index - 1);
        index -= 1;
    }
    let first = first?;
    Some(tokens[first].range.start..tokens[end - 1].range.end)
}

/// Turns a speaker phrase into a speaker: an entity mention inside it, a
/// pronoun's antecedent, the issuer of "the statement", a name from the
/// capitalised words, or the phrase itself.
fn resolve(
    text: &str,
    people: &[PersonRef],
    phrase: &Range<usize>,
    verb: String,
    context: &Context,
) -> Option<Attribution> {
    let phrase_text = text.get(phrase.clone())?;
    let words: Vec<(Range<usize>, &str)> = phrase_words(phrase_text, phrase.start);
    if words.is_empty() {
        return None;
    }
    // 1. Entity mentions inside the phrase: a person before an organisation,
    //    the one nearest the phrase's end (the head of "the office of X").
    let inside: Vec<&PersonRef> = people
        .iter()
        .filter(|person| person.range.start >= phrase.start && person.range.end <= phrase.end)
        .collect();
    if let Some(person) = inside
        .iter()
        .rev()
        .find(|person| person.is_person)
        .or_else(|| inside.last())
    {
        return Some(Attribution {
            speaker: person.name.clone(),
            range: person.range.clone(),
            verb,
            is_person: person.is_person,
        });
    }
    // 2. Pronouns: the last person named before, outside quotations.
    if words.len() == 1 && word_in(words[0].1, PRONOUNS) {
        if !people.is_empty() {
            let person = people.iter().rev().find(|person| {
                person.is_person
                    && person.range.end <= phrase.start
                    && !context.quoted.iter().any(|quoted| {
                        quoted.start <= person.range.start && person.range.end <= quoted.end
                    })
            })?;
            return Some(Attribution {
                speaker: person.name.clone(),
                range: person.range.clone(),
                verb,
                is_person: true,
            });
        }
        let person = context.last_person.as_ref()?;
        return Some(Attribution {
            verb,
            ..person.clone()
        });
    }
    // "Randall Evans of the church": the person, not the body after "of".
    let mut words = words;
    if let Some(of) = (2..words.len()).find(|&index| {
        words[index].1 == "of"
            && starts_upper(words[index - 1].1)
            && starts_upper(words[index - 2].1)
            && !word_in(words[index - 1].1, TITLES)
            && !word_in(words[index - 1].1, ORGANISATION_WORDS)
            && !word_in(words[index - 2].1, TITLES)
    }) {
        words.truncate(of);
    }
    // A collective noun opening the sentence ("Authorities said") is a common
    // noun despite its capital.
    let lowercase_head = words
        .last()
        .is_some_and(|(_, word)| !starts_upper(word) || word_in(word, COLLECTIVE_NOUNS));
    // 3. "the statement added": whoever issued the last statement.
    if lowercase_head
        && word_in(words[words.len() - 1].1, BACK_REFERENCE_NOUNS)
        && let Some(previous) = &context.last_speaker
    {
        return Some(Attribution {
            verb,
            ..previous.clone()
        });
    }
    // 4. A capitalised name ending the phrase, titles stripped.
    if !lowercase_head {
        let mut run_start = words.len() - 1;
        let mut floor = 0;
        while floor < words.len() - 1 && word_in(words[floor].1, DETERMINERS) {
            floor += 1;
        }
        while run_start > floor {
            let word = words[run_start - 1].1;
            if starts_upper(word) || (is_name_particle(word) && run_start >= 2) {
                run_start -= 1;
            } else {
                break;
            }
        }
        let run = &words[run_start..];
        let last_title = run.iter().rposition(|(_, word)| word_in(word, TITLES));
        let name_words = match last_title {
            Some(title) if title + 1 < run.len() => &run[title + 1..],
            _ => run,
        };
        let organisation = name_words
            .iter()
            .any(|(_, word)| word_in(word.trim_end_matches('.'), ORGANISATION_WORDS));
        let first_word = name_words.first()?;
        let last_word = name_words.last()?;
        let range = first_word.0.start..last_word.0.end;
        let is_person = !organisation
            && (last_title.is_some() || name_words.len() <= 4)
            && name_words
                .iter()
                .all(|(_, word)| !word.chars().all(|c| c.is_uppercase()) || word.len() <= 1);
        return Some(Attribution {
            speaker: text[range.clone()].to_string(),
            range,
            verb,
            is_person,
        });
    }
    // 5. A common-noun phrase ("the minister", "Iraqi officials"): up to the
    //    first preposition, without its determiner.
    let mut start = 0;
    while start < words.len() && word_in(words[start].1, DETERMINERS) {
        start += 1;
    }
    let mut end = start;
    while end < words.len() {
        let word = words[end].1;
        if end > start && matches!(word, "of" | "for" | "at" | "from" | "with") {
            break;
        }
        end += 1;
    }
    if start >= end {
        return None;
    }
    let range = words[start].0.start..words[end - 1].0.end;
    Some(Attribution {
        speaker: text[range.clone()].to_string(),
        range,
        verb,
        is_person: false,
    })
}

fn phrase_words(phrase: &str, offset: usize) -> Vec<(Range<usize>, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (index, character) in phrase.char_indices() {
        if character.is_whitespace() {
            if let Some(begin) = start.take() {
                words.push((offset + begin..offset + index, &phrase[begin..index]));
            }
        } else if start.is_none() {
            start = Some(index);
        }
    }
    if let Some(begin) = start {
        words.push((offset + begin..offset + phrase.len(), &phrase[begin..]));
    }
    words
}

/// Pieces of one quotation running over paragraphs share one speaker: the
/// first one found among them.
fn share_speaker_across_pieces(quotes: &mut [Quote]) {
    let mut start = 0;
    while start < quotes.len() {
        let mut end = start + 1;
        while end < quotes.len() && quotes[end].continues_previous {
            end += 1;
        }
        if end - start > 1 {
            let found = quotes[start..end]
                .iter()
                .find(|quote| quote.speaker.is_some())
                .map(|quote| {
                    (
                        quote.speaker.clone(),
                        quote.speaker_range.clone(),
                        quote.verb.clone(),
                    )
                });
            if let Some((speaker, range, verb)) = found {
                for quote in &mut quotes[start..end] {
                    quote.speaker = speaker.clone();
                    quote.speaker_range = range.clone();
                    quote.verb = verb.clone();
                }
            }
        }
        start = end;
    }
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
