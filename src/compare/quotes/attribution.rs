//! Who a quotation's outlets credit it to, as the story's entities tell
//! (a spelling variant or a surname alone is one person; a role, an
//! institution or no speaker is no evidence; surnames one letter apart may
//! be one person misspelt), and the reason of a misattributed group.
//! Separate because it reads entities, not the quoted words.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use super::Entry;
use crate::compare::entities::Cluster;
use crate::compare::reading::data_lines;
use crate::extract::entities::{EntityKind, alias_key};
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
}

impl People {
    pub(super) fn of(clusters: &[Cluster]) -> People {
        let mut by_mention = HashMap::new();
        let mut surnames = Vec::with_capacity(clusters.len());
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
        }
        People {
            by_mention,
            surnames,
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

    /// Whether two identities may be one person: a surname alone is any of
    /// the story's people of that surname.
    fn same(&self, a: &Identity, b: &Identity) -> bool {
        match (a, b) {
            (Identity::Person(x), Identity::Person(y)) => {
                x == y || misspelt(&self.surnames[*x], &self.surnames[*y])
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

/// Two people whose surnames are one letter apart, who may be one.
fn misspelt(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|x| b.iter().any(|y| one_letter_apart(x, y)))
}

/// The one-sentence reason of a misattributed group, or `None` when no two
/// outlets credit the words to different people.
pub(super) fn misattribution(
    people: &People,
    credited: &[(&Entry<'_>, Identity)],
) -> Option<String> {
    let differ = credited.iter().enumerate().any(|(n, (a, x))| {
        credited[n + 1..]
            .iter()
            .any(|(b, y)| a.article.id != b.article.id && !people.same(x, y))
    });
    if !differ {
        return None;
    }
    // One variant for each person credited, in the order of the outlets.
    let mut shown: Vec<&(&Entry<'_>, Identity)> = Vec::new();
    for credit in credited {
        if !shown.iter().any(|(_, kept)| people.same(kept, &credit.1)) {
            shown.push(credit);
        }
    }
    let parts: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(n, (entry, _))| {
            let outlet = entry.article.label();
            let speaker = entry.quote.speaker.as_deref().unwrap_or_default();
            if n == 0 {
                format!("{outlet} credits these words to {speaker}")
            } else {
                format!("{outlet} to {speaker}")
            }
        })
        .collect();
    Some(format!("{}.", parts.join(", ")))
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
