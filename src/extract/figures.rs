//! Extraction stage: figures — counts of things with their qualifier, the
//! thing counted and what happened to it.
//!
//! News compares outlets mostly through numbers ("at least 20,670 people
//! killed" against "more than 20,600"), so each count becomes a structured
//! [`Figure`]: the stated value, an interval implied by the qualifier, the
//! counted noun phrase (with a singular lemma) and a normalised
//! [`Predicate`]. The grammar is a small hand-written one over tokens
//! (`numbers` reads the quantities, this module attaches nouns and
//! predicates), because casualty sentences are formulaic and a wrong
//! figure is worse than a missing one.
//!
//! Interval conventions (for whole counts): exact `v` → `[v, v]`; "at
//! least v" → `[v, ∞)`; "more than/over v" → `[v+1, ∞)`; "fewer
//! than/under v" → `[0, v-1]`; "up to/as many as v" → `[0, v]`; "about/
//! around/roughly/some v" → `v ± 10%` (at least ±1) rounded outward;
//! "nearly/almost/close to v" → `[0.9v, v]`; ranges "10 to 15" → `[10, 15]`
//! with no single `value`. Vague quantities carry `value: None` and
//! qualifier `vague`: "dozens of" `[24, ∞)`, "scores of" `[40, ∞)`,
//! "hundreds of" `[200, ∞)`, "thousands of" `[2000, ∞)`, "several" `[3, 9]`,
//! "a handful"/"a few" `[2, 5]`, "a number of"/"multiple"/"numerous"
//! `[2, ∞)`; "a dozen" is 12 within `[10, 14]`, "a couple" 2. Negations
//! ("no one was hurt", "no injuries were reported") are figures of 0.
//! Money and percentages are ignored (they are not counts of things).
//! "One of the three …" is kept with `partitive: true`: it restates part of
//! another count, so it must not be added to it.

mod numbers;

use std::ops::Range;

use serde::Serialize;

use numbers::{Kind, Quantity, Token, interval, is_not_a_count, read_quantity, tokenize};

/// What happened to the counted things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Predicate {
    Killed,
    Injured,
    /// Targeted, hit, attacked (sites, facilities, vehicles).
    Struck,
    /// Deployed, based, present (troops).
    Stationed,
    /// Detained, charged, in custody.
    Arrested,
    /// A count of attacks, strikes or shootings themselves.
    Attacks,
    Missing,
    Displaced,
    Other,
}

impl Predicate {
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Killed => "killed",
            Predicate::Injured => "injured",
            Predicate::Struck => "struck",
            Predicate::Stationed => "stationed",
            Predicate::Arrested => "arrested",
            Predicate::Attacks => "attacks",
            Predicate::Missing => "missing",
            Predicate::Displaced => "displaced",
            Predicate::Other => "other",
        }
    }
}

/// How the stated number relates to the true count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    AtLeast,
    MoreThan,
    FewerThan,
    UpTo,
    About,
    Nearly,
    Exactly,
    /// "10 to 15", "between 10 and 15".
    Range,
    /// "dozens", "several", "a number of": no single number stated.
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::FewerThan => "fewer_than",
            Qualifier::UpTo => "up_to",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
            Qualifier::Exactly => "exactly",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// One count found in the text. All ranges are byte ranges into the text
/// given to [`extract`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The whole phrase, e.g. "at least 20,670 people".
    pub range: Range<usize>,
    /// The number itself ("20,670"); for implicit ones the "a man" words.
    pub number_range: Range<usize>,
    /// The stated number; `None` for vague quantities and ranges.
    pub value: Option<f64>,
    pub low: Option<f64>,
    /// `None` means unbounded above.
    pub high: Option<f64>,
    pub qualifier: Option<Qualifier>,
    pub approximate: bool,
    /// A singular victim counted by the article ("a man was killed").
    pub implicit: bool,
    /// Part of another count ("one of the three injured").
    pub partitive: bool,
    /// Lemma of the counted noun: singular, lower case ("person", "site").
    pub counted: Option<String>,
    pub counted_range: Option<Range<usize>>,
    pub predicate: Option<Predicate>,
    pub predicate_range: Option<Range<usize>>,
    /// The sentence the figure was found in.
    pub sentence: Range<usize>,
}

/// Predicate words saying the people were hit by gunfire: such a count
/// holds the victims who died as well as those who survived ("five people
/// were shot, one fatally"), unlike "wounded" or "hurt", which name the
/// survivors.
const HIT_WORDS: &[&str] = &["shot", "shooting", "shoots", "hit", "struck"];

/// Predicate words naming survivors: "a second man was wounded".
const SURVIVOR_WORDS: &[&str] = &[
    "injured",
    "wounded",
    "hurt",
    "hospitalized",
    "hospitalised",
    "injuring",
    "wounding",
    "injures",
    "grazed",
    "hurting",
];

impl Figure {
    /// True when this is a count of people hit by gunfire, dead or alive:
    /// its predicate word is "shot" (or "hit", "struck"), or it is a single
    /// victim not said to be wounded or hurt ("the boy", "a 20-year-old
    /// man found with a gunshot wound": the article may later report him
    /// dead). `text` is the text the figure was extracted from.
    pub fn counts_shot(&self, text: &str) -> bool {
        if self.predicate != Some(Predicate::Injured) {
            return false;
        }
        let word = self
            .predicate_range
            .as_ref()
            .and_then(|range| text.get(range.clone()))
            .map(str::to_lowercase);
        match word {
            Some(word) if HIT_WORDS.contains(&word.as_str()) => true,
            Some(word) if SURVIVOR_WORDS.contains(&word.as_str()) => false,
            _ => self.implicit,
        }
    }
}

/// Finds the figures in `text`, sentence by sentence (`sentences` are byte
/// ranges into `text`; when empty the whole text is one sentence). Output
/// is sorted by start.
pub fn extract(text: &str, sentences: &[Range<usize>]) -> Vec<Figure> {
    let whole = 0..text.len();
    let sentences = if sentences.is_empty() {
        std::slice::from_ref(&whole)
    } else {
        sentences
    };
    let mut figures = Vec::new();
    for sentence in sentences {
        let Some(sentence_text) = text.get(sentence.clone()) else {
            continue;
        };
        figures_in_sentence(sentence_text, sentence.clone(), &mut figures);
    }
    figures.sort_by_key(|a| (a.range.start, a.range.end));
    figures.dedup_by(|a, b| a.range == b.range);
    figures
}

/// Byte range in the whole text of tokens `first..end` of a sentence.
fn span(tokens: &[Token], first: usize, end: usize, offset: usize) -> Range<usize> {
    let start = tokens.get(first).map_or(0, |t| t.start);
    let stop = end
        .checked_sub(1)
        .and_then(|last| tokens.get(last))
        .map_or(start, |t| t.end);
    offset + start..offset + stop.max(start)
}

fn figures_in_sentence(text: &str, sentence: Range<usize>, figures: &mut Vec<Figure>) {
    let tokens = tokenize(text);
    let mut index = 0;
    while index < tokens.len() {
        let quantity = read_quantity(&tokens, index);
        if let Some(quantity) = quantity.as_ref().filter(|q| !is_not_a_count(&tokens, q)) {
            let mut next = quantity.number_end.max(index + 1);
            if let Some(figure) = counted_figure(&tokens, quantity, &sentence) {
                // Resume after the counted phrase so its noun is not read
                // again as a subject of its own.
                let phrase_end = if figure.partitive {
                    0
                } else {
                    figure
                        .counted_range
                        .as_ref()
                        .map_or(0, |r| r.end - sentence.start)
                };
                while next < tokens.len() && tokens[next].end <= phrase_end {
                    next += 1;
                }
                figures.push(figure);
            }
            index = next;
            continue;
        }
        if let Some(quantity) = quantity.as_ref()
            && let Some((figure, next)) = named_victim(&tokens, quantity, &sentence)
        {
            figures.push(figure);
            index = next;
            continue;
        }
        if let Some((figure, next)) = zero_figure(&tokens, index, &sentence)
            .or_else(|| implicit_figure(&tokens, index, &sentence))
            .or_else(|| singular_subject(&tokens, index, &sentence))
        {
            figures.push(figure);
            index = next;
            continue;
        }
        index += 1;
    }
}

// ---------------------------------------------------------------------
// Lexicon

/// Words that end a counted noun phrase.
const PHRASE_STOPS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "into",
    "onto",
    "near",
    "inside",
    "outside",
    "after",
    "before",
    "during",
    "since",
    "until",
    "than",
    "as",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "do",
    "does",
    "did",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "according",
    "said",
    "says",
    "say",
    "including",
    "while",
    "when",
    "where",
    "whether",
    "if",
    "because",
    "each",
    "all",
    "also",
    "there",
    "here",
    "it",
    "its",
    "their",
    "his",
    "her",
    "them",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "the",
    "a",
    "an",
    "not",
    "no",
    "per",
    "via",
    "amid",
    "across",
    "over",
    "under",
    "between",
    "among",
    "against",
    "through",
    "about",
    "around",
    "toward",
    "towards",
    "ago",
    "last",
    "next",
    "early",
    "late",
    "later",
    "earlier",
    "tonight",
    "today",
    "yesterday",
    "overnight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "remain",
    "remained",
    "remains",
    "got",
    "get",
    "left",
    "leaving",
    "one",
    "then",
    "now",
    "still",
    "inside",
    "apiece",
    "total",
    "more",
    "less",
    "fewer",
    "out",
    "up",
    "down",
    "off",
    "away",
    "back",
    "too",
    "again",
    "only",
    "already",
    "just",
    "even",
    "either",
    "neither",
    "both",
    "what",
];

/// Modifiers allowed before the head even though they look like stops.
const LEADING_MODIFIERS: &[&str] = &["more", "other", "additional", "further", "others"];

/// Verbs and adjectives that are predicates; they end noun phrases too.
fn predicate_word(word: &str) -> Option<Predicate> {
    Some(match word {
        "killed" | "dead" | "died" | "die" | "dies" | "slain" | "murdered" | "deceased"
        | "killing" | "kills" | "kill" | "dying" => Predicate::Killed,
        "injured" | "wounded" | "hurt" | "hospitalized" | "hospitalised" | "injuring"
        | "wounding" | "injures" | "injure" | "grazed" | "hurting" => Predicate::Injured,
        "shot" | "shooting" | "shoots" => Predicate::Injured,
        "struck" | "hit" | "targeted" | "targeting" | "striking" | "hitting" | "bombed"
        | "attacked" | "attacking" | "destroyed" | "damaged" | "shelled" => Predicate::Struck,
        "stationed" | "deployed" | "based" => Predicate::Stationed,
        "arrested" | "detained" | "charged" | "apprehended" | "booked" | "indicted"
        | "arresting" | "detaining" | "jailed" => Predicate::Arrested,
        "missing" | "unaccounted" => Predicate::Missing,
        "displaced" | "evacuated" | "homeless" => Predicate::Displaced,
        _ => return None,
    })
}

/// Nouns that are themselves a predicate when counted ("two deaths").
fn predicate_noun(lemma: &str) -> Option<Predicate> {
    Some(match lemma {
        "death" | "fatality" | "life" | "homicide" | "murder" => Predicate::Killed,
        "injury" | "injured" | "wounded" | "casualty" => {
            if lemma == "casualty" {
                Predicate::Other
            } else {
                Predicate::Injured
            }
        }
        "attack" | "strike" | "airstrike" | "air strike" | "shooting" | "raid" | "bombing"
        | "assault" | "incident" | "drone attack" | "rocket attack" => Predicate::Attacks,
        "arrest" => Predicate::Arrested,
        _ => return None,
    })
}

/// Singular nouns naming people: "a man was killed" counts one.
const PERSON_NOUNS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "child",
    "toddler",
    "infant",
    "baby",
    "person",
    "victim",
    "officer",
    "deputy",
    "trooper",
    "driver",
    "passenger",
    "student",
    "resident",
    "bystander",
    "juvenile",
    "male",
    "female",
    "suspect",
    "clerk",
    "employee",
    "worker",
    "guard",
    "contractor",
    "civilian",
    "soldier",
    "member",
    "motorist",
    "pedestrian",
    "customer",
    "youth",
    "adult",
    "gunman",
    "shooter",
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "sister",
    "husband",
    "wife",
    "friend",
    "neighbor",
    "neighbour",
    "cousin",
    "relative",
    "security",
    "agent",
    "marine",
    "sailor",
    "pilot",
    "journalist",
    "reporter",
    "teacher",
    "nurse",
    "doctor",
    "patient",
    "inmate",
    "homeowner",
    "cashier",
    "owner",
    "serviceman",
    "servicewoman",
    "fighter",
    "militant",
    "policeman",
    "patron",
    "kid",
    "grandfather",
    "grandmother",
    "grandson",
    "granddaughter",
    "grandchild",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "boyfriend",
    "girlfriend",
    "stepfather",
    "stepson",
    "stepdaughter",
    "classmate",
    "roommate",
    "hunter",
    "tenant",
    "visitor",
    "guest",
    "newborn",
    "preschooler",
];

/// Plural/collective person lemmas beyond the singular list.
fn is_person(lemma: &str) -> bool {
    let head = lemma.rsplit(' ').next().unwrap_or(lemma);
    PERSON_NOUNS.contains(&head)
        || matches!(
            head,
            "people"
                | "personnel"
                | "troop"
                | "other"
                | "palestinian"
                | "israeli"
                | "american"
                | "iraqi"
                | "national"
                | "teen"
                | "adolescent"
                | "minor"
                | "individual"
                | "hostage"
                | "protester"
                | "worshipper"
                | "spectator"
                | "attendee"
                | "partygoer"
                | "fan"
                | "crew"
                | "staff"
                | "police"
        )
}

fn is_troop(lemma: &str) -> bool {
    let head = lemma.rsplit(' ').next().unwrap_or(lemma);
    matches!(
        head,
        "troop"
            | "soldier"
            | "personnel"
            | "member"
            | "marine"
            | "sailor"
            | "serviceman"
            | "force"
            | "contractor"
            | "advisor"
            | "adviser"
    )
}

/// Singular lower-case lemma of a noun; irregular plurals first.
fn singular(word: &str) -> String {
    let lower = word.to_lowercase();
    let irregular = match lower.as_str() {
        "people" | "persons" => Some("person"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "children" => Some("child"),
        "lives" => Some("life"),
        "police" => Some("police"),
        "personnel" | "staff" | "crew" | "series" | "news" | "species" => None,
        _ => None,
    };
    if let Some(found) = irregular {
        return found.to_string();
    }
    if lower.ends_with("men") && lower.len() > 3 && !lower.ends_with("specimen") {
        return format!("{}man", &lower[..lower.len() - 3]);
    }
    if lower.len() > 4 && lower.ends_with("ies") {
        return format!("{}y", &lower[..lower.len() - 3]);
    }
    for ending in ["sses", "ches", "shes", "xes", "zzes"] {
        if lower.ends_with(ending) {
            return lower[..lower.len() - 2].to_string();
        }
    }
    if lower.len() > 3
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
    {
        return lower[..lower.len() - 1].to_string();
    }
    lower
}

/// Heads that form a compound with the noun before them ("service member",
/// "police officer", "aid worker").
const COMPOUND_HEADS: &[&str] = &["member", "officer", "worker", "attack", "strike", "guard"];

// ---------------------------------------------------------------------
// Grammar

/// Counted noun phrase: token range and lemma.
struct Counted {
    first: usize,
    end: usize,
    lemma: String,
}

fn is_adverb(token: &Token) -> bool {
    token.kind == Kind::Word
        && token.lower.len() > 3
        && token.lower.ends_with("ly")
        && !matches!(
            token.lower.as_str(),
            "family" | "only" | "early" | "daily" | "ally" | "italy"
        )
}

/// Reads the noun phrase the number counts, starting at `index`.
fn noun_phrase(tokens: &[Token], index: usize) -> Option<Counted> {
    let mut end = index;
    let mut head_first = index;
    while let Some(token) = tokens.get(end) {
        if end - index >= 6 {
            break;
        }
        let word = token.lower.as_str();
        let joined_hyphen = token.is("-")
            && !token.spaced
            && end > index
            && tokens
                .get(end + 1)
                .is_some_and(|t| !t.spaced && t.kind == Kind::Word);
        if joined_hyphen {
            end += 2;
            continue;
        }
        if token.kind != Kind::Word || token.line_start {
            break;
        }
        let modifier = end == index && LEADING_MODIFIERS.contains(&word);
        if !modifier
            && (PHRASE_STOPS.contains(&word) || predicate_word(word).is_some() || is_adverb(token))
        {
            break;
        }
        // A participle after the head starts a reduced relative clause
        // ("sites used by"), not part of the phrase.
        if end > index && (word.ends_with("ed") || word.ends_with("ing")) && !token.capitalised {
            break;
        }
        if modifier && word != "others" {
            head_first = end + 1;
        }
        end += 1;
    }
    if end <= head_first {
        return None;
    }
    let head = tokens.get(end - 1)?;
    if head.kind != Kind::Word {
        return None;
    }
    let mut lemma = singular(&head.lower);
    if end - 1 > head_first && COMPOUND_HEADS.contains(&lemma.as_str()) {
        let before = &tokens[end - 2];
        if before.kind == Kind::Word && !before.capitalised {
            lemma = format!("{} {lemma}", singular(&before.lower));
        }
    }
    Some(Counted {
        first: head_first,
        end,
        lemma,
    })
}

const AUXILIARIES: &[&str] = &[
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "being",
    "be",
    "got",
    "get",
    "gets",
    "who",
    "that",
    "also",
    "later",
    "all",
    "both",
    "each",
    "reportedly",
    "allegedly",
    "apparently",
    "then",
    "now",
    "still",
    "since",
    "subsequently",
    "eventually",
    "initially",
    "ultimately",
    "reported",
    "confirmed",
    "believed",
    "thought",
    "said",
    "to",
    "may",
    "might",
    "will",
    "would",
    "could",
    "ever",
    "already",
    "found",
    "declared",
    "lay",
    "lies",
    "ended",
    "up",
    "left",
];

const FATAL_ADVERBS: &[&str] = &["fatally", "mortally"];

/// A predicate found for a figure: kind and token index.
struct Found {
    predicate: Predicate,
    at: usize,
}

/// Refines an ambiguous predicate word by its neighbours: "shot and
/// killed", "shot dead", "shot to death" are killings; "hit"/"struck" are
/// injuries when people are counted and strikes otherwise.
fn refine(tokens: &[Token], at: usize, base: Predicate, fatal: bool, person: bool) -> Predicate {
    let word = tokens[at].lower.as_str();
    // "shot himself dead": look past a reflexive object.
    let reflexive = tokens
        .get(at + 1)
        .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself" | "themselves"));
    let skip = usize::from(reflexive);
    let following = |offset: usize| tokens.get(at + offset + skip).map(|t| t.lower.as_str());
    match word {
        "shot" | "shooting" | "wounded" | "injured" | "struck" | "hit" | "wounding"
        | "injuring" | "shoots" | "striking" | "hitting" => {
            if fatal
                || following(1) == Some("dead")
                || (following(1) == Some("to") && following(2) == Some("death"))
                || (following(1) == Some("and")
                    && (following(2).and_then(predicate_word) == Some(Predicate::Killed)
                        || matches!(
                            following(2),
                            Some("later" | "subsequently" | "eventually" | "then")
                        ) && following(3).and_then(predicate_word) == Some(Predicate::Killed)))
            {
                return Predicate::Killed;
            }
            if base == Predicate::Struck {
                let by_gunfire = following(1) == Some("by")
                    && tokens
                        .get(at + 2..(at + 5).min(tokens.len()))
                        .is_some_and(|window| {
                            window.iter().any(|t| {
                                matches!(
                                    t.lower.as_str(),
                                    "gunfire"
                                        | "bullet"
                                        | "bullets"
                                        | "round"
                                        | "rounds"
                                        | "shots"
                                        | "shot"
                                        | "car"
                                        | "vehicle"
                                        | "stray"
                                )
                            })
                        });
                if person || by_gunfire {
                    return Predicate::Injured;
                }
            }
            base
        }
        "pronounced" => Predicate::Killed,
        _ => base,
    }
}

/// The predicate after a counted phrase ending at `index`: passive or
/// intransitive ("were wounded", "have died", "dead", "injured in").
fn predicate_after(tokens: &[Token], index: usize, person: bool) -> Option<Found> {
    let mut at = skip_parenthetical(tokens, index);
    let mut fatal = false;
    let mut skipped = 0;
    // "Five people at the party were shot": a short place phrase between
    // the subject and a passive auxiliary.
    if tokens.get(at).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "at" | "in" | "inside" | "outside" | "near" | "from" | "on"
        )
    }) {
        let auxiliary = (at + 2..(at + 6).min(tokens.len()))
            .find(|&k| matches!(tokens[k].lower.as_str(), "were" | "was"));
        if let Some(auxiliary) = auxiliary {
            let clean = tokens[at + 1..auxiliary]
                .iter()
                .all(|t| t.kind == Kind::Word);
            if clean {
                at = auxiliary;
            }
        }
    }
    if tokens.get(at).is_some_and(|t| t.line_start) {
        return None;
    }
    while let Some(token) = tokens.get(at) {
        let word = token.lower.as_str();
        if token.line_start {
            return None;
        }
        if matches!(word, "not" | "never" | "n't") || word.ends_with("n't") {
            return None;
        }
        if FATAL_ADVERBS.contains(&word) {
            fatal = true;
        } else if !(AUXILIARIES.contains(&word) || is_adverb(token)) {
            break;
        }
        skipped += 1;
        if skipped > 5 {
            return None;
        }
        at += 1;
    }
    let token = tokens.get(at)?;
    let word = token.lower.as_str();
    if word == "pronounced" && tokens.get(at + 1).is_some_and(|t| t.is("dead")) {
        return Some(Found {
            predicate: Predicate::Killed,
            at,
        });
    }
    if matches!(
        word,
        "suffered" | "sustained" | "suffering" | "sustaining" | "treated" | "suffers"
    ) {
        let window = &tokens[at + 1..tokens.len().min(at + 11)];
        let wounds = window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "wound" | "wounds" | "injuries" | "injury"));
        if wounds {
            let fatal_wounds = window
                .iter()
                .any(|t| matches!(t.lower.as_str(), "fatal" | "mortal"));
            let predicate = if fatal_wounds {
                Predicate::Killed
            } else {
                Predicate::Injured
            };
            return Some(Found { predicate, at });
        }
        return None;
    }
    if matches!(word, "recovering" | "recuperating") {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    let window = &tokens[(at + 1).min(tokens.len())..tokens.len().min(at + 5)];
    if word == "in"
        && window
            .iter()
            .take(2)
            .any(|t| matches!(t.lower.as_str(), "hospital" | "hospitals"))
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if word == "in"
        && window.iter().any(|t| t.is("condition"))
        && window.iter().any(|t| {
            matches!(
                t.lower.as_str(),
                "serious" | "critical" | "stable" | "fair" | "grave" | "satisfactory" | "guarded"
            )
        })
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if word == "with"
        && window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "wound" | "wounds" | "injuries" | "injury"))
        && !window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "fatal" | "mortal"))
    {
        return Some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    if matches!(word, "taken" | "in") {
        let custody = tokens.get(at + 1).is_some_and(|t| t.is("custody"))
            || tokens.get(at + 2).is_some_and(|t| t.is("custody"));
        if custody {
            return Some(Found {
                predicate: Predicate::Arrested,
                at,
            });
        }
    }
    // Troops present somewhere: "2,500 troops are in Iraq".
    if word == "in" && skipped > 0 {
        return None;
    }
    let base = predicate_word(word)?;
    // Active participles after the subject ("three men killing") are rare
    // and usually belong to another clause.
    if word.ends_with("ing") {
        return None;
    }
    // Active voice: the subject did it to someone else ("a 6-year-old
    // shot his grandfather", "has killed the man"). Reflexives keep the
    // subject as the victim ("shot himself").
    let perfect = tokens[index..at]
        .iter()
        .any(|t| matches!(t.lower.as_str(), "has" | "have" | "had"))
        && !tokens[index..at]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "been" | "being"));
    let passive_aux = tokens[index..at].iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get" | "gets"
        )
    });
    let object_follows = tokens.get(at + 1).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "him"
                | "them"
                | "its"
                | "my"
                | "our"
                | "your"
                | "two"
                | "three"
                | "four"
                | "five"
                | "several"
                | "one"
                | "another"
        ) || t.kind == Kind::Digits
    });
    let intransitive = matches!(base, Predicate::Killed)
        && matches!(
            word,
            "died" | "dead" | "die" | "dies" | "slain" | "deceased"
        );
    if !intransitive
        && (perfect
            && !tokens
                .get(at + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself" | "themselves"))
            || !passive_aux && object_follows)
    {
        return None;
    }
    Some(Found {
        predicate: refine(tokens, at, base, fatal, person),
        at,
    })
}

/// Skips ", ages 26 and 27," or ", both 17," after a subject.
fn skip_parenthetical(tokens: &[Token], index: usize) -> usize {
    let opens = tokens.get(index).is_some_and(|t| t.is(","))
        && tokens.get(index + 1).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "ages" | "aged" | "age" | "both" | "all" | "ranging" | "including"
            )
        });
    if !opens {
        return index;
    }
    (index + 2..(index + 12).min(tokens.len()))
        .find(|&k| tokens[k].is(","))
        .map_or(index, |k| k + 1)
}

/// The predicate governing a number from the left: an active verb ("killed
/// at least 20,670", "wounded three"), "strikes on three facilities", "the
/// death toll rose to 19".
fn predicate_before(
    tokens: &[Token],
    first: usize,
    person: bool,
    lemma: Option<&str>,
) -> Option<Found> {
    let mut at = first.checked_sub(1)?;
    // "a total of", "another", "an additional" between verb and number.
    if at >= 2 && tokens[at].is("of") && tokens[at - 1].is("total") && tokens[at - 2].is("a") {
        at = at.checked_sub(3)?;
    } else if tokens[at].is("another") && at > 0 {
        at -= 1;
    } else if at >= 1 && tokens[at].is("additional") && tokens[at - 1].is("an") {
        at = at.checked_sub(2)?;
    }
    let word = tokens[at].lower.as_str();
    if matches!(word, "on" | "against" | "at") && at > 0 {
        let noun = singular(&tokens[at - 1].lower);
        if matches!(
            noun.as_str(),
            "strike" | "airstrike" | "attack" | "raid" | "bombing" | "assault"
        ) {
            return Some(Found {
                predicate: Predicate::Struck,
                at: at - 1,
            });
        }
        return None;
    }
    if word == "of" && at > 0 {
        let noun = tokens[at - 1].lower.as_str();
        if matches!(
            noun,
            "death"
                | "deaths"
                | "killing"
                | "killings"
                | "murder"
                | "slaying"
                | "life"
                | "lives"
                | "homicide"
        ) {
            return Some(Found {
                predicate: Predicate::Killed,
                at: at - 1,
            });
        }
        // "the fatal shooting of a teenager".
        let deadly = at >= 2 && matches!(tokens[at - 2].lower.as_str(), "fatal" | "deadly");
        if deadly && matches!(noun, "shooting" | "shootings" | "stabbing") {
            return Some(Found {
                predicate: Predicate::Killed,
                at: at - 1,
            });
        }
    }
    if matches!(word, "to" | "at" | "of") {
        let window_start = at.saturating_sub(4);
        let toll = tokens[window_start..at].iter().any(|t| t.is("toll"));
        if toll {
            return Some(Found {
                predicate: Predicate::Killed,
                at,
            });
        }
        return None;
    }
    if matches!(
        word,
        "claimed" | "claiming" | "claim" | "claims" | "took" | "taking" | "cost"
    ) && lemma == Some("life")
    {
        return Some(Found {
            predicate: Predicate::Killed,
            at,
        });
    }
    if matches!(word, "sent" | "sending" | "sends") {
        let window = &tokens[first..tokens.len().min(first + 10)];
        let hospital = window
            .iter()
            .any(|t| matches!(t.lower.as_str(), "hospital" | "hospitals"));
        return hospital.then_some(Found {
            predicate: Predicate::Injured,
            at,
        });
    }
    let base = predicate_word(word)?;
    if matches!(
        word,
        "dead" | "died" | "die" | "dies" | "dying" | "missing" | "homeless" | "based"
    ) {
        return None;
    }
    // A passive participle right before a number ("were killed two ...")
    // is not governing it.
    if at > 0
        && matches!(
            tokens[at - 1].lower.as_str(),
            "was" | "were" | "been" | "be" | "is" | "are"
        )
    {
        return None;
    }
    let fatal = at > 0 && FATAL_ADVERBS.contains(&tokens[at - 1].lower.as_str());
    let mut predicate = refine(tokens, at, base, fatal, person);
    if fatal && matches!(predicate, Predicate::Injured | Predicate::Struck) {
        predicate = Predicate::Killed;
    }
    // "shot and killed two men": the verb before is the last of a pair.
    if predicate == Predicate::Injured
        && at >= 2
        && tokens[at - 1].is("and")
        && tokens[at - 2].is("shot")
        && base == Predicate::Killed
    {
        predicate = Predicate::Killed;
    }
    if base == Predicate::Struck && person && !matches!(word, "targeted" | "targeting" | "attacked")
    {
        predicate = Predicate::Injured;
    }
    Some(Found { predicate, at })
}

/// Builds the figure for a quantity, or `None` when it counts nothing
/// recognisable.
fn counted_figure(
    tokens: &[Token],
    quantity: &Quantity,
    sentence: &Range<usize>,
) -> Option<Figure> {
    let offset = sentence.start;
    let mut after = quantity.end;
    let mut partitive = false;
    let mut inner_count = false;
    // Sub-qualification "…, one critically," restates part of a count.
    let previous_comma = quantity.first > 0 && tokens[quantity.first - 1].is(",");
    if previous_comma && tokens.get(after).is_some_and(is_adverb) {
        let adverb = &tokens[after];
        let closes = tokens.get(after + 1).is_none_or(|t| {
            matches!(
                t.lower.as_str(),
                "," | "." | ";" | "and" | "according" | "in"
            )
        });
        if closes {
            if !FATAL_ADVERBS.contains(&adverb.lower.as_str()) {
                return None;
            }
            let mut figure = base_figure(tokens, quantity, sentence);
            figure.partitive = true;
            figure.predicate = Some(Predicate::Killed);
            figure.predicate_range = Some(span(tokens, after, after + 1, offset));
            figure.range = span(tokens, quantity.first, after + 1, offset);
            return Some(figure);
        }
    }
    if tokens.get(after).is_some_and(|t| t.is("of")) {
        let determiner = tokens.get(after + 1).map(|t| t.lower.as_str());
        match determiner {
            Some("the" | "those" | "these" | "them" | "whom" | "which" | "us" | "you") => {
                partitive = true;
                after += 2;
            }
            Some("its" | "their" | "his" | "her" | "our" | "my") => after += 2,
            _ => after += 1,
        }
        if let Some(inner) = read_quantity(tokens, after) {
            inner_count = true;
            after = inner.end;
        }
    }
    let counted = noun_phrase(tokens, after);
    let lemma = counted.as_ref().map(|c| c.lemma.as_str());
    let person = lemma.is_some_and(is_person);
    let phrase_end = counted.as_ref().map_or(after, |c| c.end);
    let mut found = predicate_after(tokens, phrase_end, person);
    if inner_count {
        // In "one of the three injured …" the participle belongs to the
        // inner count; only a finite verb ("died") speaks of the outer one.
        if found.as_ref().is_some_and(|f| {
            f.at == phrase_end && !matches!(tokens[f.at].lower.as_str(), "died" | "dies" | "die")
        }) {
            found = None;
        }
    }
    // "three men and one woman suffering from gunshot wounds": both
    // counts share the predicate after the second one.
    if found.is_none()
        && tokens.get(phrase_end).is_some_and(|t| t.is("and"))
        && let Some(second) = read_quantity(tokens, phrase_end + 1)
        && let Some(second_phrase) = noun_phrase(tokens, second.end)
    {
        let second_person = is_person(&second_phrase.lemma);
        found = predicate_after(tokens, second_phrase.end, second_person && person);
    }
    if found.is_none() && !partitive {
        found = predicate_before(tokens, quantity.first, person, lemma);
    }
    let mut predicate = found.as_ref().map(|f| f.predicate);
    let mut predicate_range = found.as_ref().map(|f| span(tokens, f.at, f.at + 1, offset));
    if let Some(counted) = counted.as_ref() {
        if (predicate.is_none()
            || predicate == Some(Predicate::Struck)
                && lemma.is_some_and(|l| predicate_noun(l) == Some(Predicate::Attacks)))
            && let Some(noun_predicate) = predicate_noun(&counted.lemma)
        {
            predicate = Some(noun_predicate);
            predicate_range = Some(span(tokens, counted.end - 1, counted.end, offset));
        }
        if predicate.is_none() && is_troop(&counted.lemma) {
            let in_place = tokens.get(counted.end).is_some_and(|t| t.is("in"))
                || (tokens.get(counted.end).is_some_and(|t| {
                    matches!(t.lower.as_str(), "are" | "remain" | "remained" | "were")
                }) && tokens.get(counted.end + 1).is_some_and(|t| t.is("in")));
            if in_place {
                predicate = Some(Predicate::Stationed);
            }
        }
    }
    // "the lives" of two people are lost only with a killing verb.
    if lemma == Some("life") && predicate != Some(Predicate::Killed) {
        return None;
    }
    if counted.is_none() && predicate.is_none() {
        return None;
    }
    // A lone "one" or a vague word needs a predicate or a person to count.
    let weak = quantity.word && quantity.value == Some(1.0)
        || quantity.qualifier == Some(Qualifier::Vague);
    if weak && predicate.is_none() && !partitive {
        return None;
    }
    if quantity.word
        && quantity.value == Some(1.0)
        && !person
        && counted.is_some()
        && !partitive
        && !matches!(
            predicate,
            Some(Predicate::Killed | Predicate::Injured | Predicate::Arrested | Predicate::Missing)
        )
    {
        return None;
    }
    // "both" counts two only when victims are counted ("both men were
    // killed"), and not when it floats after a verb ("were both killed").
    if tokens[quantity.number_first].is("both") {
        let floating =
            quantity.first > 0 && AUXILIARIES.contains(&tokens[quantity.first - 1].lower.as_str());
        let victims = person || matches!(predicate, Some(Predicate::Killed | Predicate::Injured));
        if floating || !victims {
            return None;
        }
    }
    // "one of the strikes": a partitive one over things restates nothing
    // worth counting.
    if partitive && !person && found.is_none() {
        return None;
    }
    // A bare "One" ("One is in critical condition") picks out one of a set
    // counted before: a restatement, not a new count.
    if quantity.word && quantity.value == Some(1.0) && counted.is_none() {
        partitive = true;
    }
    let mut figure = base_figure(tokens, quantity, sentence);
    figure.partitive = partitive;
    figure.counted = counted.as_ref().map(|c| c.lemma.clone());
    figure.counted_range = counted
        .as_ref()
        .map(|c| span(tokens, c.first, c.end, offset));
    figure.predicate = predicate;
    figure.predicate_range = predicate_range;
    figure.range = span(tokens, quantity.first, phrase_end.max(quantity.end), offset);
    Some(figure)
}

fn base_figure(tokens: &[Token], quantity: &Quantity, sentence: &Range<usize>) -> Figure {
    let offset = sentence.start;
    Figure {
        range: span(tokens, quantity.first, quantity.end, offset),
        number_range: span(tokens, quantity.number_first, quantity.number_end, offset),
        value: quantity.value,
        low: quantity.low,
        high: quantity.high,
        qualifier: quantity.qualifier,
        approximate: quantity.approximate,
        implicit: false,
        partitive: false,
        counted: None,
        counted_range: None,
        predicate: None,
        predicate_range: None,
        sentence: sentence.clone(),
    }
}

/// Negated counts: "no one was injured", "nobody was hurt", "no injuries
/// were reported", "none of the victims died" — figures of 0.
fn zero_figure(tokens: &[Token], index: usize, sentence: &Range<usize>) -> Option<(Figure, usize)> {
    let offset = sentence.start;
    let word = tokens[index].lower.as_str();
    let (number_end, phrase_start) = match word {
        "nobody" | "none" => (index + 1, index + 1),
        "no" if tokens.get(index + 1).is_some_and(|t| t.is("one")) => (index + 2, index + 2),
        "no" => (index + 1, index + 1),
        _ => return None,
    };
    let mut after = phrase_start;
    if word == "none" && tokens.get(after).is_some_and(|t| t.is("of")) {
        after += 1;
        if tokens
            .get(after)
            .is_some_and(|t| matches!(t.lower.as_str(), "the" | "those" | "them" | "these"))
        {
            after += 1;
        }
    }
    while tokens.get(after).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "else" | "other" | "additional" | "further" | "serious" | "more"
        )
    }) {
        after += 1;
    }
    let pronoun = matches!(word, "nobody" | "none") || number_end == index + 2;
    let counted = if pronoun
        && !tokens
            .get(after)
            .is_some_and(|t| t.kind == Kind::Word && !PHRASE_STOPS.contains(&t.lower.as_str()))
    {
        None
    } else {
        noun_phrase(tokens, after)
    };
    if !pronoun && counted.is_none() {
        return None;
    }
    let lemma = counted.as_ref().map(|c| c.lemma.clone());
    let phrase_end = counted.as_ref().map_or(after, |c| c.end);
    let mut found = predicate_after(tokens, phrase_end, true).map(|f| (f.predicate, f.at));
    if found.is_none()
        && let Some(counted) = counted.as_ref()
        && let Some(predicate) = predicate_noun(&counted.lemma)
    {
        found = Some((predicate, counted.end - 1));
    }
    let (predicate, at) = found?;
    if !matches!(
        predicate,
        Predicate::Killed
            | Predicate::Injured
            | Predicate::Arrested
            | Predicate::Missing
            | Predicate::Other
    ) {
        return None;
    }
    if let Some(lemma) = lemma.as_deref()
        && !is_person(lemma)
        && predicate_noun(lemma).is_none()
    {
        return None;
    }
    let (low, high) = interval(0.0, None);
    let figure = Figure {
        range: span(tokens, index, phrase_end.max(number_end), offset),
        number_range: span(tokens, index, number_end, offset),
        value: Some(0.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: false,
        partitive: false,
        counted: lemma,
        counted_range: counted
            .as_ref()
            .map(|c| span(tokens, c.first, c.end, offset)),
        predicate: Some(predicate),
        predicate_range: Some(span(tokens, at, at + 1, offset)),
        sentence: sentence.clone(),
    };
    Some((figure, phrase_end.max(number_end)))
}

/// A named victim with an appositive age: "Christopher Roupe, 17, was
/// killed" — one person, `implicit`, anchored on the name.
fn named_victim(
    tokens: &[Token],
    quantity: &Quantity,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let first = quantity.number_first;
    let end = quantity.number_end;
    if first < 2 || !tokens[first - 1].is(",") || !tokens.get(end).is_some_and(|t| t.is(",")) {
        return None;
    }
    let mut name_first = first - 1;
    while name_first > 0
        && first - 1 - name_first < 4
        && tokens[name_first - 1].kind == Kind::Word
        && tokens[name_first - 1].capitalised
    {
        name_first -= 1;
    }
    if name_first == first - 1 {
        return None;
    }
    let found = predicate_after(tokens, end + 1, true)?;
    if !matches!(found.predicate, Predicate::Killed | Predicate::Injured) {
        return None;
    }
    let offset = sentence.start;
    let (low, high) = interval(1.0, None);
    let name = span(tokens, name_first, first - 1, offset);
    let figure = Figure {
        range: span(tokens, name_first, end + 1, offset),
        number_range: name.clone(),
        value: Some(1.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: true,
        partitive: false,
        counted: Some("person".to_string()),
        counted_range: Some(name),
        predicate: Some(found.predicate),
        predicate_range: Some(span(tokens, found.at, found.at + 1, offset)),
        sentence: sentence.clone(),
    };
    Some((figure, found.at + 1))
}

/// A singular subject that is a name or "he"/"she", with a singular verb:
/// "Cirla Bingham was pronounced dead", "she later died" — one person,
/// `implicit`. Only killings and injuries count here, since a named
/// subject of "was hit" may as well be a building.
fn singular_subject(
    tokens: &[Token],
    index: usize,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let token = &tokens[index];
    let pronoun = matches!(token.lower.as_str(), "he" | "she");
    let mut end = index + 1;
    if !pronoun {
        let starts_name = token.kind == Kind::Word
            && token.capitalised
            && !(index > 0
                && tokens[index - 1].kind == Kind::Word
                && tokens[index - 1].capitalised)
            && !PHRASE_STOPS.contains(&token.lower.as_str())
            && !AUXILIARIES.contains(&token.lower.as_str())
            && !SINGULAR_DETERMINERS.contains(&token.lower.as_str())
            && !PERSON_NOUNS.contains(&token.lower.as_str());
        if !starts_name {
            return None;
        }
        while end < tokens.len()
            && end < index + 4
            && tokens[end].kind == Kind::Word
            && tokens[end].capitalised
        {
            end += 1;
        }
    }
    let found = predicate_after(tokens, end, false)?;
    if !matches!(found.predicate, Predicate::Killed | Predicate::Injured) {
        return None;
    }
    let between = &tokens[end..found.at];
    let plural = between
        .iter()
        .any(|t| matches!(t.lower.as_str(), "were" | "are" | "have"));
    let singular_verb = between
        .iter()
        .any(|t| matches!(t.lower.as_str(), "was" | "has" | "is"))
        || (!plural && matches!(tokens[found.at].lower.as_str(), "died" | "dies"))
        || tokens
            .get(found.at + 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "himself" | "herself"));
    if !singular_verb {
        return None;
    }
    let offset = sentence.start;
    let (low, high) = interval(1.0, None);
    let subject = span(tokens, index, end, offset);
    let figure = Figure {
        range: subject.clone(),
        number_range: subject.clone(),
        value: Some(1.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: true,
        partitive: false,
        counted: Some("person".to_string()),
        counted_range: Some(subject),
        predicate: Some(found.predicate),
        predicate_range: Some(span(tokens, found.at, found.at + 1, offset)),
        sentence: sentence.clone(),
    };
    Some((figure, found.at + 1))
}

/// Skips an age compound ("17-year-old") starting at `index`.
fn skip_age(tokens: &[Token], index: usize) -> usize {
    let is_number = tokens.get(index).is_some_and(|t| {
        t.kind == Kind::Digits || numbers::read_quantity(tokens, index).is_some_and(|q| q.word)
    });
    if !is_number {
        return index;
    }
    let mut at = index + 1;
    while at < tokens.len() && at < index + 6 {
        let token = &tokens[at];
        if token.spaced && at > index + 1 {
            break;
        }
        if token.is("-")
            || matches!(token.lower.as_str(), "year" | "old" | "month" | "week")
            || token.kind == Kind::Word && !token.spaced && is_number_continuation(&token.lower)
        {
            at += 1;
        } else {
            break;
        }
    }
    if tokens.get(at - 1).is_some_and(|t| t.is("old")) {
        at
    } else {
        index
    }
}

fn is_number_continuation(word: &str) -> bool {
    matches!(
        word,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
    )
}

/// Determiners before a singular victim. The indefinite ones introduce a
/// new person; the definite and possessive ones refer to one person who,
/// being singular, still counts one ("his 12-year-old brother was shot").
const SINGULAR_DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "their", "its", "our", "my", "another",
];

/// Verbs whose bare object is a victim: "kills man", "shoots teen".
const OBJECT_VERBS: &[&str] = &[
    "shoots", "shot", "kills", "killed", "wounds", "wounded", "injures", "injured",
];

/// Present-tense verbs of harm whose subject is the one who harms.
const ACTIVE_VERBS: &[&str] = &["shoots", "kills", "wounds", "injures"];

/// The singular victim: "a man was shot and killed", "a 17-year-old boy
/// died", "killed a US contractor", "hitting the 12-year-old", and bare
/// headline forms ("Teen fatally shot") — one, `implicit`.
fn implicit_figure(
    tokens: &[Token],
    index: usize,
    sentence: &Range<usize>,
) -> Option<(Figure, usize)> {
    let offset = sentence.start;
    let determiner = SINGULAR_DETERMINERS.contains(&tokens[index].lower.as_str());
    let headline_start = index == 0
        || matches!(
            tokens[index - 1].lower.as_str(),
            ":" | "—" | "–" | "\"" | "“"
        )
        || (tokens[index - 1].is("-") && tokens[index - 1].spaced);
    // Headline objects go bare too: "Teen shoots 5-year-old boy".
    let object_of_verb = index > 0 && OBJECT_VERBS.contains(&tokens[index - 1].lower.as_str());
    if !determiner && !headline_start && !object_of_verb {
        return None;
    }
    let mut at = if determiner { index + 1 } else { index };
    let mut head = None;
    let mut modifiers_first = None;
    let mut age_first = None;
    while at < tokens.len() && at < index + 8 {
        let skipped = skip_age(tokens, at);
        if skipped > at {
            // "a 16-year-old was fatally shot": the age is the noun.
            let noun_follows = tokens.get(skipped).is_some_and(|t| {
                t.kind == Kind::Word
                    && !PHRASE_STOPS.contains(&t.lower.as_str())
                    && !AUXILIARIES.contains(&t.lower.as_str())
                    && predicate_word(&t.lower).is_none()
                    && !is_adverb(t)
            });
            if !noun_follows {
                head = Some(skipped - 1);
                age_first = Some(at);
                break;
            }
            at = skipped;
            continue;
        }
        let token = &tokens[at];
        if token.is("-") && !token.spaced {
            at += 1;
            continue;
        }
        if token.kind != Kind::Word {
            break;
        }
        let word = token.lower.as_str();
        if modifiers_first.is_none() {
            modifiers_first = Some(at);
        }
        if PERSON_NOUNS.contains(&word)
            && !tokens.get(at + 1).is_some_and(|t| {
                t.kind == Kind::Word && PERSON_NOUNS.contains(&t.lower.as_str()) && !t.capitalised
            })
        {
            head = Some(at);
            break;
        }
        if PHRASE_STOPS.contains(&word) || predicate_word(word).is_some() || is_adverb(token) {
            break;
        }
        // Bare headline subjects are a single noun, maybe with an age.
        if !determiner && at > index + 2 {
            break;
        }
        at += 1;
    }
    let head = head?;
    let counted_first = age_first.or(modifiers_first).unwrap_or(head).min(head);
    let mut found = predicate_after(tokens, head + 1, true);
    if found.is_none() && (determiner || object_of_verb) {
        found = predicate_before(tokens, index, true, None);
    }
    let found = found?;
    if !matches!(
        found.predicate,
        Predicate::Killed | Predicate::Injured | Predicate::Arrested | Predicate::Missing
    ) {
        return None;
    }
    // "Gunman kills teen": a present-tense verb after the noun makes it
    // the agent, not the victim.
    if found.at > head && ACTIVE_VERBS.contains(&tokens[found.at].lower.as_str()) {
        return None;
    }
    // Bare subjects only in headline shape: a participle, not a clause.
    if !determiner && found.at > head + 3 {
        return None;
    }
    let (low, high) = interval(1.0, None);
    let lemma = if age_first.is_some() {
        "person".to_string()
    } else {
        let base = singular(&tokens[head].lower);
        if COMPOUND_HEADS.contains(&base.as_str())
            && head > counted_first
            && !tokens[head - 1].capitalised
            && tokens[head - 1].kind == Kind::Word
        {
            format!("{} {base}", tokens[head - 1].lower)
        } else {
            base
        }
    };
    let figure = Figure {
        range: span(tokens, index, head + 1, offset),
        number_range: span(tokens, index, head + 1, offset),
        value: Some(1.0),
        low,
        high,
        qualifier: None,
        approximate: false,
        implicit: true,
        partitive: false,
        counted: Some(lemma),
        counted_range: Some(span(tokens, counted_first, head + 1, offset)),
        predicate: Some(found.predicate),
        predicate_range: Some(span(tokens, found.at, found.at + 1, offset)),
        sentence: sentence.clone(),
    };
    Some((figure, head + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<Figure> {
        extract(text, std::slice::from_ref(&(0..text.len())))
    }

    /// Compact view: (value, low, high, qualifier, counted, predicate, flags).
    fn brief(text: &str) -> Vec<String> {
        figures(text)
            .iter()
            .map(|f| {
                let number = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v}"));
                let mut flags = String::new();
                if f.implicit {
                    flags.push_str(" implicit");
                }
                if f.partitive {
                    flags.push_str(" partitive");
                }
                if f.approximate {
                    flags.push_str(" approx");
                }
                format!(
                    "{} [{},{}] {} {} {}{}",
                    number(f.value),
                    number(f.low),
                    number(f.high),
                    f.qualifier.map_or("-", |q| q.as_str()),
                    f.counted.as_deref().unwrap_or("-"),
                    f.predicate.map_or("-", |p| p.as_str()),
                    flags
                )
            })
            .collect()
    }

    fn text_of<'a>(text: &'a str, range: &Option<Range<usize>>) -> &'a str {
        range.as_ref().map_or("", |r| &text[r.clone()])
    }

    #[test]
    fn wounded_personnel_with_sub_qualification() {
        let text =
            "That attack wounded three US military personnel, one critically, an official said.";
        assert_eq!(brief(text), ["3 [3,3] - personnel injured"]);
        let figure = &figures(text)[0];
        assert_eq!(&text[figure.number_range.clone()], "three");
        assert_eq!(
            text_of(text, &figure.counted_range),
            "US military personnel"
        );
        assert_eq!(text_of(text, &figure.predicate_range), "wounded");
        assert_eq!(&text[figure.range.clone()], "three US military personnel");
    }

    #[test]
    fn at_least_is_unbounded_above() {
        let text = "The campaign has killed at least 20,670 people, mostly civilians.";
        assert_eq!(brief(text), ["20670 [20670,-] at_least person killed"]);
        let figure = &figures(text)[0];
        assert_eq!(&text[figure.range.clone()], "at least 20,670 people");
        assert_eq!(&text[figure.number_range.clone()], "20,670");
    }

    #[test]
    fn about_is_ten_percent_either_side() {
        assert_eq!(
            brief("A raid on October 7 killed about 1,140 people."),
            ["1140 [1026,1254] about person killed approx"]
        );
    }

    #[test]
    fn more_than_starts_one_above() {
        assert_eq!(
            brief("The assault claimed over 1,100 lives."),
            ["1100 [1101,-] more_than life killed"]
        );
        assert_eq!(
            brief("Officials say over 20,000 Palestinians have died."),
            ["20000 [20001,-] more_than palestinian killed"]
        );
        assert_eq!(
            brief("Fewer than 10 people were hurt."),
            ["10 [0,9] fewer_than person injured"]
        );
        assert_eq!(
            brief("Up to 40 people were arrested."),
            ["40 [0,40] up_to person arrested"]
        );
        assert_eq!(
            brief("Nearly 300 homes were damaged."),
            ["300 [270,300] nearly home struck approx"]
        );
    }

    #[test]
    fn strikes_on_sites_and_counts_of_attacks() {
        assert_eq!(
            brief("Jets carried out strikes on three facilities used by the group."),
            ["3 [3,3] - facility struck"]
        );
        assert_eq!(
            brief("There have been 103 attacks against US troops since October 17."),
            ["103 [103,103] - attack attacks"]
        );
        assert_eq!(
            brief("It answered dozens of attacks on allied forces."),
            ["- [24,-] vague attack attacks approx"]
        );
    }

    #[test]
    fn troops_present_are_stationed() {
        assert_eq!(
            brief("There are roughly 2,500 American troops in Iraq."),
            ["2500 [2250,2750] about troop stationed approx"]
        );
        assert_eq!(
            brief("About 2,500 US troops are stationed at the base."),
            ["2500 [2250,2750] about troop stationed approx"]
        );
    }

    #[test]
    fn passive_and_adjectival_casualties() {
        assert_eq!(
            brief("Four people were wounded in a shooting on Tuesday evening."),
            ["4 [4,4] - person injured"]
        );
        assert_eq!(
            brief("Police reported 2 dead, 3 injured."),
            ["2 [2,2] - - killed", "3 [3,3] - - injured"]
        );
        assert_eq!(
            brief("The gunfire left two men dead and three others injured."),
            ["2 [2,2] - man killed", "3 [3,3] - other injured"]
        );
        assert_eq!(
            brief("Twenty-one people were hospitalized."),
            ["21 [21,21] - person injured"]
        );
        assert_eq!(
            brief("The group said four of its fighters were killed."),
            ["4 [4,4] - fighter killed"]
        );
        assert_eq!(
            brief("Two more people have been fatally shot in the city."),
            ["2 [2,2] - person killed"]
        );
        assert_eq!(
            brief("The death toll rose to 19 on Monday."),
            ["19 [19,19] - - killed"]
        );
    }

    #[test]
    fn active_voice_object_counts() {
        assert_eq!(
            brief("A drone attack injured three US servicemen in northern Iraq."),
            ["3 [3,3] - serviceman injured"]
        );
        assert_eq!(
            brief("Three US service members were wounded in the attack."),
            ["3 [3,3] - service member injured"]
        );
        assert_eq!(
            brief("Gunmen shot and killed two men outside a store."),
            ["2 [2,2] - man killed"]
        );
    }

    #[test]
    fn shot_without_death_is_injured() {
        assert_eq!(
            brief("Four people were shot, one fatally, early Sunday."),
            ["4 [4,4] - person injured", "1 [1,1] - - killed partitive"]
        );
        assert_eq!(
            brief("Officers found a man shot in the leg."),
            ["1 [1,1] - man injured implicit"]
        );
        assert_eq!(
            brief("A woman was shot to death at her home."),
            ["1 [1,1] - woman killed implicit"]
        );
    }

    #[test]
    fn implicit_singular_victims() {
        let text = "A 17-year-old boy died after being shot near the park.";
        assert_eq!(brief(text), ["1 [1,1] - boy killed implicit"]);
        let figure = &figures(text)[0];
        assert_eq!(&text[figure.number_range.clone()], "A 17-year-old boy");
        assert_eq!(
            brief("A man was shot and killed Tuesday night in the 400 block of West 89th Street."),
            ["1 [1,1] - man killed implicit"]
        );
        assert_eq!(
            brief("A rocket attack killed a US contractor and wounded a US service member."),
            [
                "1 [1,1] - contractor killed implicit",
                "1 [1,1] - service member injured implicit"
            ]
        );
        let text = "Police say a 16-year-old was fatally shot overnight.";
        assert_eq!(brief(text), ["1 [1,1] - person killed implicit"]);
        assert_eq!(
            text_of(text, &figures(text)[0].counted_range),
            "16-year-old"
        );
        assert_eq!(
            brief("Detectives are probing the shooting death of a Dayton man."),
            ["1 [1,1] - man killed implicit"]
        );
    }

    #[test]
    fn headline_object_without_determiner_is_a_victim() {
        assert_eq!(
            brief("Teen accidentally shoots 5-year-old boy in leg"),
            ["1 [1,1] - boy injured implicit"]
        );
        assert_eq!(
            brief("Gunman kills teen accomplice during robbery"),
            ["1 [1,1] - teen killed implicit"]
        );
        assert_eq!(
            brief("Police shot Tuesday near the river"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn active_subject_is_not_the_victim() {
        assert_eq!(
            brief("A 6-year-old boy shot his grandfather during a barbecue."),
            ["1 [1,1] - grandfather injured implicit"]
        );
        assert_eq!(brief("A man has killed the dog."), Vec::<String>::new());
    }

    #[test]
    fn named_and_pronoun_victims() {
        assert_eq!(
            brief("Jordan Smith, 19, was shot and killed."),
            ["1 [1,1] - person killed implicit"]
        );
        assert_eq!(
            brief("Maria Lopez was pronounced dead at the scene."),
            ["1 [1,1] - person killed implicit"]
        );
        assert_eq!(
            brief("She later died at the hospital."),
            ["1 [1,1] - person killed implicit"]
        );
        assert_eq!(brief("He said he was tired."), Vec::<String>::new());
        // The number counts wounds, not people.
        assert_eq!(
            brief("He died from one gunshot wound."),
            ["1 [1,1] - person killed implicit"]
        );
    }

    #[test]
    fn counts_of_people_shot_hold_the_dead_too() {
        let shot_flags = |text: &str| -> Vec<(String, bool)> {
            figures(text)
                .iter()
                .map(|f| (text[f.range.clone()].to_string(), f.counts_shot(text)))
                .collect()
        };
        assert_eq!(
            shot_flags("Six people were shot near the park."),
            vec![("Six people".to_string(), true)]
        );
        assert_eq!(
            shot_flags("Three men were wounded near the park."),
            vec![("Three men".to_string(), false)]
        );
        assert_eq!(
            shot_flags("A second man was critically injured."),
            vec![("A second man".to_string(), false)]
        );
        assert_eq!(
            shot_flags("The boy was shot in the leg."),
            vec![("The boy".to_string(), true)]
        );
        // A death count is never a count of the hit.
        assert_eq!(
            shot_flags("Two women were shot and killed."),
            vec![("Two women".to_string(), false)]
        );
    }

    #[test]
    fn negations_are_zero() {
        assert_eq!(
            brief("No one was injured in the crash."),
            ["0 [0,0] - - injured"]
        );
        assert_eq!(
            brief("No injuries were reported."),
            ["0 [0,0] - injury injured"]
        );
        assert_eq!(
            brief("No arrests have been made."),
            ["0 [0,0] - arrest arrested"]
        );
        assert_eq!(
            brief("None of the victims died."),
            ["0 [0,0] - victim killed"]
        );
    }

    #[test]
    fn partitive_restatement_is_flagged() {
        assert_eq!(
            brief(
                "Officials said one of the three US servicemen injured in the incident is in serious condition."
            ),
            [
                "1 [1,1] - serviceman - partitive",
                "3 [3,3] - serviceman injured"
            ]
        );
    }

    #[test]
    fn vague_quantities_and_ranges() {
        assert_eq!(
            brief("The strikes likely killed a number of militants."),
            ["- [2,-] vague militant killed approx"]
        );
        assert_eq!(
            brief("Dozens of people were arrested after the protest."),
            ["- [24,-] vague person arrested approx"]
        );
        assert_eq!(
            brief("Between 10 and 15 people were hurt."),
            ["- [10,15] range person injured approx"]
        );
        assert_eq!(
            brief("Police said 10-15 people were hurt."),
            ["- [10,15] range person injured approx"]
        );
        assert_eq!(
            brief("Several people were hurt."),
            ["- [3,9] vague person injured approx"]
        );
        assert_eq!(brief("Both men were killed."), ["2 [2,2] - man killed"]);
        assert_eq!(brief("Troops left both countries."), Vec::<String>::new());
        assert_eq!(
            brief("The blast killed 1.2 million fish."),
            ["1200000 [1200000,1200000] - fish killed"]
        );
    }

    #[test]
    fn coordination_shares_the_predicate() {
        assert_eq!(
            brief("Officers found three men and one woman suffering from gunshot wounds."),
            ["3 [3,3] - man injured", "1 [1,1] - woman injured"]
        );
        assert_eq!(
            brief("The shooting sent four teens to the hospital."),
            ["4 [4,4] - teen injured"]
        );
        assert_eq!(
            brief("Two men, ages 26 and 27, were shot in the foot."),
            ["2 [2,2] - man injured"]
        );
    }

    #[test]
    fn ages_times_dates_and_addresses_are_not_counts() {
        for text in [
            "All the victims were 45 to 50 years old.",
            "Christopher Roupe, 17, was in the ROTC.",
            "The call came at 6 p.m. and again at 11:30 a.m. on October 7.",
            "In 2009, the group was sanctioned.",
            "Police went to 937 Euharlee Road and to Lot No. 5.",
            "Call Crime Stoppers at 317-262-8477.",
            "The attack used a one-way attack drone.",
            "He fired a 9mm pistol and a .40-caliber rifle.",
            "Traffic stopped on Interstate 95 and Route 9.",
            "The victim was aged 45.",
            "She was the third person to speak.",
            "Prices rose 5 percent to $300.",
        ] {
            assert_eq!(brief(text), Vec::<String>::new(), "{text}");
        }
        assert_eq!(
            brief("A 12-year-old was wounded on 400 block of Main Street."),
            ["1 [1,1] - person injured implicit"]
        );
    }

    #[test]
    fn figures_are_sorted_and_carry_their_sentence() {
        let text = "Two men were killed. Three women were hurt.";
        let found = extract(text, &[0..20, 21..text.len()]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].sentence, 0..20);
        assert_eq!(found[1].sentence, 21..text.len());
        assert_eq!(&text[found[1].number_range.clone()], "Three");
        assert_eq!(found[1].predicate, Some(Predicate::Injured));
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
}
