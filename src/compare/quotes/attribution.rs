//! Who a quotation's outlets credit it to, as the story's entities tell
//! (a spelling variant or a surname alone is one person; a role, an
//! institution or no speaker is no evidence; surnames one letter apart may
//! be one person misspelt), and the reason of a misattributed group.
//! Separate because it reads entities, not the quoted words.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use super::Entry;
use crate::compare::entities::Cluster;
use crate::compare::participants::attribution_cues;
use crate::compare::reading::data_lines;
use crate::document::Document;
use crate::extract::entities::{EntityKind, alias_key};
use crate::extract::items::Field;
use crate::extract::items::QuoteItem;
use crate::text::sentences::{Sentence, split};
use crate::text::spelling::one_letter_apart;

/// Words that make a speaker a role or an institution rather than a named
/// person; such attributions cannot show that two outlets name different people.
fn role_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| data_lines(include_str!("../data/speaker_role_words.txt")).collect())
}

/// Surname-level key of a speaker ("Mr Austin", "Lloyd Austin" → "austin");
/// empty for roles and institutions.
pub(super) fn speaker_key(speaker: &str) -> String {
    let key = alias_key(speaker, EntityKind::Person);
    let last = key.rsplit(' ').next().unwrap_or("");
    if role_words().contains(last) || !speaker.chars().next().is_some_and(char::is_uppercase) {
        return String::new();
    }
    last.to_string()
}

/// Who a variant's speaker is, as far as the story's entities tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Identity {
    /// A person entity of the story: its cluster's index.
    Person(usize),
    /// A named person the story's entities do not know, by surname key.
    Surname(String),
}

/// The story's people as the speakers are compared against them.
pub(super) struct People {
    /// Person cluster of each mention: (article index, entity index).
    by_mention: HashMap<(usize, usize), usize>,
    /// Surname keys of each cluster's forms (none for other kinds).
    surnames: Vec<BTreeSet<String>>,
    /// Each cluster's forms, lower-cased (none for other kinds).
    names: Vec<BTreeSet<String>>,
}

impl People {
    pub(super) fn of(clusters: &[Cluster]) -> People {
        let mut by_mention = HashMap::new();
        let mut surnames = Vec::with_capacity(clusters.len());
        let mut names = Vec::with_capacity(clusters.len());
        for (index, cluster) in clusters.iter().enumerate() {
            let person = cluster.kind == "person";
            if person {
                by_mention.extend(cluster.mentions.iter().map(|&mention| (mention, index)));
            }
            surnames.push(
                cluster
                    .forms
                    .iter()
                    .filter(|_| person)
                    .map(|(_, name)| speaker_key(name))
                    .filter(|key| !key.is_empty())
                    .collect(),
            );
            names.push(
                cluster
                    .forms
                    .iter()
                    .filter(|_| person)
                    .map(|(_, name)| name.to_lowercase())
                    .collect(),
            );
        }
        People {
            by_mention,
            surnames,
            names,
        }
    }

    /// The person a variant credits; `None` when it credits nobody, a role
    /// or an institution.
    pub(super) fn identity(&self, entry: &Entry<'_>) -> Option<Identity> {
        let speaker = entry.quote.speaker.as_deref()?;
        let key = speaker_key(speaker);
        let entities = &entry.article.extraction.entities;
        // The mention the extraction tied the speaker to, then any of the
        // article's mentions under the speaker's name; a mention of another
        // name (the organisation in "a spokesman for X") is not the speaker.
        let named = entry.quote.speaker_entity.into_iter().chain(
            entities
                .iter()
                .enumerate()
                .filter(|(_, entity)| entity.name == speaker)
                .map(|(index, _)| index),
        );
        for index in named {
            let Some(entity) = entities.get(index) else {
                continue;
            };
            let same_name =
                entity.name == speaker || (!key.is_empty() && speaker_key(&entity.name) == key);
            if !same_name {
                continue;
            }
            if entity.kind != "person" {
                return None;
            }
            if let Some(&cluster) = self.by_mention.get(&(entry.index, index)) {
                return Some(Identity::Person(cluster));
            }
        }
        if key.is_empty() {
            return None;
        }
        let mut matching = self
            .surnames
            .iter()
            .enumerate()
            .filter(|(_, surnames)| surnames.contains(&key))
            .map(|(cluster, _)| cluster);
        Some(match (matching.next(), matching.next()) {
            (Some(cluster), None) => Identity::Person(cluster),
            _ => Identity::Surname(key),
        })
    }

    /// Whether two outlets credit different people.
    pub(super) fn any_differ(&self, credited: &[(&Entry<'_>, Identity)]) -> bool {
        credited.iter().enumerate().any(|(n, (a, x))| {
            credited[n + 1..]
                .iter()
                .any(|(b, y)| a.article.id != b.article.id && !self.same(x, y))
        })
    }

    /// Whether two identities may be one person: a surname alone is any of
    /// the story's people of that surname.
    fn same(&self, a: &Identity, b: &Identity) -> bool {
        match (a, b) {
            (Identity::Person(x), Identity::Person(y)) => {
                x == y
                    || misspelt(&self.surnames[*x], &self.surnames[*y])
                    || misspelt(&self.names[*x], &self.names[*y])
            }
            (Identity::Person(cluster), Identity::Surname(key))
            | (Identity::Surname(key), Identity::Person(cluster)) => {
                self.surnames.get(*cluster).is_some_and(|surnames| {
                    surnames.contains(key) || surnames.iter().any(|s| one_letter_apart(s, key))
                })
            }
            (Identity::Surname(x), Identity::Surname(y)) => x == y || one_letter_apart(x, y),
        }
    }
}

/// Two people whose surnames (or whole names: Consuelo and Comsuelo
/// Garcia) are one letter apart, who may be one.
fn misspelt(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|x| b.iter().any(|y| one_letter_apart(x, y)))
}

/// Whether a variant's speaker is firm: named beside the quotation, in the
/// sentence(s) holding the words or in the one right after them ("…,” said
/// Lloyd Austin), or a pronoun continuing the speaker of the sentence just
/// before ("Austin said …. “…,” he said"). A speaker reached through a role
/// ("the chief said"), a pronoun with no speaker just before, or an earlier
/// paragraph was resolved by the extraction, and a wrong resolution is the
/// commonest way a quotation seems given to someone else; such a credit
/// shows which people differ but cannot by itself make the words
/// misattributed.
pub(super) fn named_beside(entry: &Entry<'_>) -> bool {
    let sentences = split(&entry.article.text);
    firm(entry.article, entry.quote, &sentences, 0)
}

/// Quotations a run of inherited credits is followed back through at most.
const INHERITED_STEPS: usize = 4;

/// [`named_beside`] for one quotation of `article`, whose body `sentences`
/// split; `steps` counts the inherited credits followed so far.
fn firm(article: &Document, quote: &QuoteItem, sentences: &[Sentence], steps: usize) -> bool {
    if quote.anchor.field != Field::Text {
        return false;
    }
    if quote.verb.is_none() || quote.continues_previous {
        // The credit is inherited from the quotation before ("…,” he said.
        // “…”): firm when that one is, with the same speaker and no other
        // person named between them.
        let previous = article
            .extraction
            .quotes
            .iter()
            .filter(|q| q.anchor.field == Field::Text && q.anchor.end <= quote.anchor.start)
            .max_by_key(|q| q.anchor.end);
        let Some(previous) =
            previous.filter(|p| steps < INHERITED_STEPS && p.speaker == quote.speaker)
        else {
            return false;
        };
        let key = quote
            .speaker
            .as_deref()
            .map(speaker_key)
            .unwrap_or_default();
        let other_named = article.extraction.entities.iter().any(|e| {
            e.kind == "person"
                && e.anchor.field == Field::Text
                && e.anchor.start >= previous.anchor.end
                && e.anchor.end <= quote.anchor.start
                && (key.is_empty() || speaker_key(&e.name) != key)
        });
        return !other_named && firm(article, previous, sentences, steps + 1);
    }
    let text = article.text.as_str();
    let Some(mention) = quote
        .speaker_entity
        .and_then(|index| article.extraction.entities.get(index))
        .filter(|mention| mention.anchor.field == Field::Text)
    else {
        return false;
    };
    let byte = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(at, _)| at)
    };
    let (start, end) = (byte(quote.anchor.start), byte(quote.anchor.end));
    let holding: Vec<&std::ops::Range<usize>> = sentences
        .iter()
        .map(|s| &s.range)
        .filter(|range| range.start < end.max(start + 1) && start < range.end)
        .collect();
    let (Some(first), Some(last)) = (holding.first(), holding.last()) else {
        return false;
    };
    let mut reach = first.start..last.end;
    // The words end their sentence ("… the car.” Stafford said."): the
    // attribution may open the next one.
    if text
        .get(end..last.end)
        .is_some_and(|rest| rest.chars().all(|c| !c.is_alphanumeric()))
        && let Some(next) = sentences.iter().find(|s| s.range.start >= last.end)
    {
        reach.end = next.range.end;
    }
    let (mention_start, mention_end) = (byte(mention.anchor.start), byte(mention.anchor.end));
    if reach.start <= mention_start && mention_end <= reach.end {
        return true;
    }
    // A pronoun continuing the sentence before, whose speaker the mention is.
    let Some(before) = sentences.iter().rfind(|s| s.range.end <= first.start) else {
        return false;
    };
    before.range.start <= mention_start
        && mention_end <= before.range.end
        && speaks(
            text,
            before.range.start..mention_start,
            mention_end..before.range.end,
        )
}

/// Whether the name between `ahead` and `after` is the subject of a speech
/// verb: one follows it within three words ("Austin said", "Ms Watson told
/// reporters") or comes right before it ("said Austin", "according to
/// Austin").
fn speaks(text: &str, ahead: std::ops::Range<usize>, after: std::ops::Range<usize>) -> bool {
    let cue = |word: &str| {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        attribution_cues().contains(&word.as_str())
    };
    let following = text.get(after).unwrap_or("").split_whitespace().take(3);
    let preceding: Vec<&str> = text.get(ahead).unwrap_or("").split_whitespace().collect();
    following.into_iter().any(cue)
        || preceding.last().is_some_and(|w| cue(w))
        || (preceding.len() >= 2
            && preceding[preceding.len() - 1].eq_ignore_ascii_case("to")
            && cue(preceding[preceding.len() - 2]))
}

/// How the outlets credit a shared quotation, when they name different
/// people.
pub(super) enum Credits {
    /// Two outlets name different people beside the words: misattributed.
    Differ(String),
    /// The people differ only where an outlet's speaker was resolved
    /// (a pronoun, a role, an earlier sentence): shown with the reason,
    /// not called misattributed.
    Unsure(String),
}

impl Credits {
    pub(super) fn reason(&self) -> &str {
        match self {
            Credits::Differ(reason) | Credits::Unsure(reason) => reason,
        }
    }
}

/// The one-sentence reason of a group whose outlets credit different
/// people, or `None` when no two outlets do. Each credit carries whether
/// its speaker is named beside the words ([`named_beside`]).
pub(super) fn misattribution(
    people: &People,
    credited: &[(&Entry<'_>, Identity, bool)],
) -> Option<Credits> {
    let mut differ = false;
    let mut unsure_outlets: Vec<String> = Vec::new();
    for (n, (a, x, a_named)) in credited.iter().enumerate() {
        for (b, y, b_named) in &credited[n + 1..] {
            if a.article.id == b.article.id || people.same(x, y) {
                continue;
            }
            if *a_named && *b_named {
                differ = true;
            } else {
                for (entry, named) in [(a, a_named), (b, b_named)] {
                    let outlet = entry.article.label();
                    if !named && !unsure_outlets.contains(&outlet) {
                        unsure_outlets.push(outlet);
                    }
                }
            }
        }
    }
    if !differ && unsure_outlets.is_empty() {
        return None;
    }
    // One variant for each person credited, in the order of the outlets.
    let mut shown: Vec<&(&Entry<'_>, Identity, bool)> = Vec::new();
    for credit in credited {
        if !shown
            .iter()
            .any(|(_, kept, _)| people.same(kept, &credit.1))
        {
            shown.push(credit);
        }
    }
    let parts: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(n, (entry, _, _))| {
            let outlet = entry.article.label();
            let speaker = entry.quote.speaker.as_deref().unwrap_or_default();
            if n == 0 {
                format!("{outlet} credits these words to {speaker}")
            } else {
                format!("{outlet} to {speaker}")
            }
        })
        .collect();
    let credits = parts.join(", ");
    Some(if differ {
        Credits::Differ(format!("{credits}."))
    } else {
        Credits::Unsure(format!(
            "{credits}; not called misattributed: {} names the speaker only through a pronoun, a role or an earlier sentence, which the extraction resolved.",
            unsure_outlets.join(" and ")
        ))
    })
}

#[cfg(test)]
mod tests {
    use crate::compare::quotes::compare;
    use crate::compare::tests::article;
    use crate::document::Document;
    use crate::extract::pipeline::{self, Input};

    /// The cases of `test_data/quote_speakers.txt`: each article of a story
    /// through the whole extraction, then the story's quotation groups.
    #[test]
    fn speakers_across_outlets() {
        crate::text::cases::check("src/compare/test_data/quote_speakers.txt", |case| {
            let documents: Vec<Document> = case
                .input
                .split("\n~~~\n")
                .zip(1..)
                .map(|(text, id)| {
                    let mut document = article(id, text, vec![]);
                    document.extraction = pipeline::run(&Input {
                        title: None,
                        text,
                        published: document.published,
                        region_hint: Some("US"),
                    });
                    document
                })
                .collect();
            let articles: Vec<&Document> = documents.iter().collect();
            let mut lines = Vec::new();
            for group in compare(&articles).iter().filter(|g| g.status != "unique") {
                let speakers: Vec<&str> = group
                    .variants
                    .iter()
                    .map(|v| v.speaker.as_deref().unwrap_or("-"))
                    .collect();
                lines.push(format!("{}: {}", group.status, speakers.join(" / ")));
                if let Some(reason) = &group.reason {
                    lines.push(format!("  {reason}"));
                }
            }
            lines.join("\n")
        });
    }
}
