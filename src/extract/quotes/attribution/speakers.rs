//! Resolving a speaker phrase: the names, documents, roles and
//! descriptions a clause's subject can be (see `attribution`'s summary).

use std::collections::BTreeSet;
use std::ops::Range;

use super::super::cast::{Gender, Role, is_role_noun, normalise_role_word};
use super::super::clauses::{
    Clause, is_name_particle, is_pronoun, is_speech_verb, phrase_before, starts_upper,
};
use super::super::lexicon::{
    BACK_REFERENCE_NOUNS, COLLECTIVE_NOUNS, DETERMINERS, DOCUMENT_NOUNS, GIVEN_NAMES,
    ORGANISATION_WORDS, ROLE_QUALIFIERS, TITLES,
};
use super::super::tokens::Token;
use super::{CONTINUING_VERBS, Discourse, Speaker, SpeakerKind, phrase_words};

impl Discourse<'_> {
    /// Resolves the speaker phrase of `clause`.
    pub(super) fn resolve(&self, clause: &Clause, step: usize) -> Option<Speaker> {
        if clause.coordinated {
            return self
                .current_subject
                .clone()
                .filter(|subject| subject.kind == SpeakerKind::Person);
        }
        let words = phrase_words(self.text, &clause.phrase);
        if let [(range, word)] = words.as_slice() {
            if is_pronoun(word) {
                let continues = CONTINUING_VERBS.contains(&clause.verb.as_str());
                return self.antecedent(Gender::of_pronoun(word), step, range.start, continues);
            }
            if word.eq_ignore_ascii_case("they") {
                return self.group_antecedent(step);
            }
        }
        if let Some(speaker) = self.nicknamed(&words) {
            return Some(speaker);
        }
        let mut speaker = self.resolve_words(&words)?;
        let from_mention = self
            .people
            .iter()
            .any(|person| person.range == speaker.range);
        if clause.issuer && speaker.kind == SpeakerKind::Person && !from_mention {
            speaker.kind = SpeakerKind::Body;
            speaker.gender = None;
        }
        // "the principal, Chris Beard, said": the apposition names whom the
        // phrase describes.
        if speaker.kind != SpeakerKind::Person
            && let Some(apposition) = &clause.apposition
            && let Some(named) = self.person_in(apposition, false)
            && named.kind == SpeakerKind::Person
            && self.text[named.range.end..apposition.end].trim().is_empty()
        {
            return Some(named);
        }
        Some(speaker)
    }

    fn resolve_words(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        // A pronoun is resolved by the discourse, never read as a name.
        if let [(_, word)] = words
            && (is_pronoun(word) || word.eq_ignore_ascii_case("they"))
        {
            return None;
        }
        let first = words.first()?;
        let last = words.last()?;
        let phrase = first.0.start..last.0.end;
        // The head part ends at the first preposition: what follows names
        // whom the speaker works for or is related to, not the speaker.
        let split = (1..words.len()).find(|&index| {
            matches!(
                words[index].1,
                "of" | "for" | "from" | "by" | "at" | "with" | "in" | "on"
            )
        });
        let (head, tail) = match split {
            Some(index) => (&words[..index], &words[index + 1..]),
            None => (words, &words[words.len()..]),
        };
        let head_range = head[0].0.start..head[head.len() - 1].0.end;
        let head_word = normalise_role_word(head[head.len() - 1].1);
        // A document or an office speaks for its issuer.
        if DOCUMENT_NOUNS.contains(&head_word) || head_word == "office" {
            return self.issuer(head, tail);
        }
        // A capitalised "of" phrase is one name ("Director of National
        // Intelligence"), unless the head already names a person.
        let opening = head
            .iter()
            .find(|(_, word)| !DETERMINERS.contains(word))
            .map_or("", |(_, word)| *word);
        let (head, head_range) = match tail.first() {
            Some((_, next)) if starts_upper(opening) && starts_upper(next) => {
                if self.person_in(&head_range, true).is_some() {
                    (head, head_range)
                } else {
                    (words, phrase.clone())
                }
            }
            _ => (head, head_range),
        };
        if let Some(speaker) = self.person_in(&head_range, false) {
            return Some(speaker);
        }
        if let Some(speaker) = self.name_ending(words, &phrase) {
            return Some(speaker);
        }
        // "officials with the Administration for Children's Services": the
        // body the officials speak for.
        if COLLECTIVE_NOUNS.contains(&head_word)
            && let (Some(first), Some(last)) = (tail.first(), tail.last())
            && let Some(body) = self.person_in(&(first.0.start..last.0.end), true)
            && body.kind == SpeakerKind::Body
        {
            return Some(body);
        }
        self.described(head)
    }

    /// "aunt of a victim Lynisha Carr": a person named at the very end of
    /// the phrase after a noun is the speaker; after a preposition ("the
    /// lawyer for Norris Greenhouse") it is whom the speaker serves.
    fn name_ending(
        &self,
        words: &[(Range<usize>, &str)],
        phrase: &Range<usize>,
    ) -> Option<Speaker> {
        let index = (0..self.people.len()).rev().find(|&index| {
            let person = &self.people[index];
            person.is_person && person.range.end == phrase.end && person.range.start > phrase.start
        })?;
        let start = self.people[index].range.start;
        let before = words
            .iter()
            .rev()
            .find(|(range, word)| range.end <= start && !TITLES.contains(word))?;
        let preposition = matches!(
            before.1.to_lowercase().as_str(),
            "of" | "for" | "from" | "by" | "at" | "with" | "to" | "in" | "on" | "and" | "or"
        );
        (!preposition && before.1.chars().all(|c| c.is_lowercase())).then(|| self.named(index))
    }

    /// Ulric “Big U” Barnes: a name with a nickname in quotation marks is
    /// the name without it; mentions the entity stage read across the marks
    /// are not trusted.
    fn nicknamed(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let is_mark = |c: char| matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'');
        let opening = words
            .iter()
            .position(|(_, word)| word.starts_with(is_mark))?;
        let closing = opening
            + words[opening..]
                .iter()
                .position(|(_, word)| word.ends_with(is_mark))?;
        let outside: Vec<&(Range<usize>, &str)> = words[..opening]
            .iter()
            .chain(&words[closing + 1..])
            .filter(|(_, word)| starts_upper(word) && !TITLES.contains(word))
            .collect();
        if outside.len() < 2 || opening == 0 || closing + 1 == words.len() {
            return None;
        }
        let name = outside
            .iter()
            .map(|(_, word)| *word)
            .collect::<Vec<_>>()
            .join(" ");
        let first = outside.first()?;
        let last = outside.last()?;
        Some(Speaker {
            gender: GIVEN_NAMES.value(first.1).and_then(Gender::from_code),
            name,
            range: first.0.start..last.0.end,
            kind: SpeakerKind::Person,
        })
    }

    /// The issuer of a document or office: a name after its preposition ("a
    /// statement from X"), else a name before it ("X's statement", "the White
    /// House statement"), else what the tail describes ("a statement from the
    /// family"), else the last statement's issuer ("the statement added").
    fn issuer(
        &self,
        head: &[(Range<usize>, &str)],
        tail: &[(Range<usize>, &str)],
    ) -> Option<Speaker> {
        if let (Some(first), Some(last)) = (tail.first(), tail.last()) {
            let tail_range = first.0.start..last.0.end;
            if let Some(speaker) = self.person_in(&tail_range, true) {
                return Some(speaker);
            }
            // Without a mention, the issuer is a body ("a report from the
            // St. Louis Post-Dispatch", "a statement from the family").
            if let Some(speaker) = self.resolve_words(tail) {
                return Some(Speaker {
                    kind: SpeakerKind::Body,
                    gender: None,
                    ..speaker
                });
            }
        }
        let modifiers = &head[..head.len() - 1];
        let modifiers: Vec<(Range<usize>, &str)> = modifiers
            .iter()
            .filter(|(_, word)| !DETERMINERS.contains(word))
            .cloned()
            .collect();
        if let (Some(first), Some(last)) = (modifiers.first(), modifiers.last()) {
            let range = first.0.start..last.0.end;
            if let Some(speaker) = self.person_in(&range, true) {
                return Some(speaker);
            }
            let head_noun = head[head.len() - 1].1;
            if modifiers.iter().all(|(_, word)| starts_upper(word)) {
                // "X's statement" is X's; "the Bay County Sheriff’s Office"
                // is the office.
                let name = if starts_upper(head_noun) && !DOCUMENT_NOUNS.contains(head_noun) {
                    &self.text[range.start..head[head.len() - 1].0.end]
                } else {
                    self.text[range.clone()]
                        .trim_end_matches("'s")
                        .trim_end_matches("’s")
                };
                return Some(Speaker {
                    name: name.to_string(),
                    range: range.start..range.start + name.len(),
                    kind: SpeakerKind::Body,
                    gender: None,
                });
            }
        }
        if BACK_REFERENCE_NOUNS.contains(head[head.len() - 1].1) && modifiers.is_empty() {
            return self
                .last_issuer
                .clone()
                .or_else(|| self.last_speaker.clone());
        }
        // "the sheriff’s office said": the office itself.
        let words: Vec<&(Range<usize>, &str)> = head
            .iter()
            .filter(|(_, word)| !DETERMINERS.contains(word))
            .collect();
        let (first, last) = (words.first()?, words.last()?);
        (words.len() > 1).then(|| Speaker {
            name: self.text[first.0.start..last.0.end].to_string(),
            range: first.0.start..last.0.end,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// The entity mention inside `range` that names the speaker: a person
    /// before an organisation, the one nearest the end ("the office of X").
    /// A possessor ("Smith's attorney") names someone else, unless
    /// `possessor_speaks` (a document's or an office's owner).
    fn person_in(&self, range: &Range<usize>, possessor_speaks: bool) -> Option<Speaker> {
        let inside: Vec<usize> = (0..self.people.len())
            .filter(|&index| {
                let person = &self.people[index];
                person.range.start >= range.start
                    && person.range.end <= range.end
                    && (possessor_speaks || !self.is_possessor(&person.range, range))
            })
            .collect();
        let chosen = inside
            .iter()
            .rev()
            .find(|&&index| self.people[index].is_person)
            .or_else(|| inside.last())?;
        Some(self.named(*chosen))
    }

    /// "Smith's attorney": the mention is followed by a possessive and more
    /// words of the phrase.
    fn is_possessor(&self, mention: &Range<usize>, phrase: &Range<usize>) -> bool {
        let after = &self.text[mention.end..phrase.end];
        (after.starts_with("'s") || after.starts_with("’s") || after.starts_with('\''))
            && after
                .trim_start_matches(['\'', '’', 's'])
                .trim()
                .chars()
                .count()
                > 0
    }

    /// "Mr Austin stressed that the US does “…” but remains “…,” he said":
    /// a pronoun speaker is first the subject of an earlier speech verb of
    /// its own sentence, when the gender agrees.
    pub(super) fn earlier_in_sentence(&self, tokens: &[Token], clause: &Clause) -> Option<Speaker> {
        let pronoun = self.text.get(clause.phrase.clone())?;
        if !is_pronoun(pronoun) {
            return None;
        }
        let gender = Gender::of_pronoun(pronoun);
        let pronoun_index = tokens
            .iter()
            .position(|token| token.range.start >= clause.phrase.start)?;
        (0..pronoun_index).find_map(|verb| {
            let word = &self.text[tokens[verb].range.clone()];
            if word.eq_ignore_ascii_case("according") || !is_speech_verb(self.text, tokens, verb) {
                return None;
            }
            let subject = phrase_before(self.text, tokens, verb)?;
            let first = tokens.partition_point(|token| token.range.start < subject.phrase.start);
            if first != 0 {
                return None;
            }
            let words = phrase_words(self.text, &subject.phrase);
            let speaker = self.resolve_words(&words)?;
            let agrees = match (gender, speaker.gender) {
                (Some(wanted), Some(known)) => wanted == known,
                _ => true,
            };
            (speaker.kind == SpeakerKind::Person && agrees).then_some(speaker)
        })
    }

    /// The speaker a mention names: its cast member's full name.
    pub(super) fn named(&self, person_index: usize) -> Speaker {
        let person = &self.people[person_index];
        if !person.is_person {
            return Speaker {
                name: person.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Body,
                gender: None,
            };
        }
        let member = self
            .full_name_for(&person.name, person.range.start)
            .or_else(|| self.cast.member_of(person_index));
        match member.map(|index| &self.cast.members[index]) {
            Some(member) => Speaker {
                name: member.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Person,
                gender: member.gender,
            },
            None => Speaker {
                name: person.name.clone(),
                range: person.range.clone(),
                kind: SpeakerKind::Person,
                gender: None,
            },
        }
    }

    /// The member a one-word name stands for: the only full name ending
    /// with it, or among several the one who spoke last. Among several
    /// that have not spoken, none: the name stays as written.
    fn full_name_for(&self, surname: &str, position: usize) -> Option<usize> {
        let candidates = self.cast.full_names_for(surname);
        match candidates.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => self
                .entries
                .iter()
                .rev()
                .filter(|entry| entry.spoke && entry.speaker.range.end <= position)
                .find_map(|entry| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&index| self.cast.members[index].name == entry.speaker.name)
                }),
        }
    }

    /// A phrase without an entity mention: a role the article gives a named
    /// person, a collective, a described person, or capitalised words.
    pub(super) fn described(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let mut start = 0;
        while start < words.len()
            && (DETERMINERS.contains(words[start].1)
                || matches!(words[start].1.to_lowercase().as_str(), "one" | "some"))
        {
            start += 1;
        }
        let content = &words[start..];
        let (first, last) = (content.first()?, content.last()?);
        let range = first.0.start..last.0.end;
        let determiner = start
            .checked_sub(1)
            .map(|index| words[index].1.to_lowercase());
        let indefinite = matches!(
            determiner.as_deref(),
            Some("a" | "an" | "another" | "one" | "some")
        );
        let head = normalise_role_word(last.1);
        let phrase_text = &self.text[range.clone()];
        // Capitalised words that are not all titles: a name the entity
        // stage did not read ("Chavez", "Omar Haddad").
        let all_titles = content.iter().all(|(_, word)| {
            let normalised = normalise_role_word(word);
            TITLES.contains(word)
                || is_role_noun(&normalised)
                || ROLE_QUALIFIERS.contains(&normalised)
        });
        let capitalised = starts_upper(last.1) && !COLLECTIVE_NOUNS.contains(last.1);
        // A title or role the article gives a named person ("according to
        // the US Defence Secretary", "the chief said").
        let role = is_role_noun(&head)
            .then(|| Role::read(phrase_text))
            .flatten();
        if !indefinite
            && let Some(role) = &role
            && let Some(speaker) = self.holder(role, range.start)
        {
            return Some(speaker);
        }
        if capitalised && !all_titles {
            return self.capitalised_name(content);
        }
        if COLLECTIVE_NOUNS.contains(&head) {
            if head == "police"
                && let Some(speaker) = self.police_spokesperson(range.start)
            {
                return Some(speaker);
            }
            return Some(Speaker {
                name: phrase_text.to_string(),
                range,
                kind: SpeakerKind::Body,
                gender: None,
            });
        }
        if let Some(role) = role {
            return Some(Speaker {
                name: phrase_text.to_string(),
                gender: role.gender,
                range,
                kind: SpeakerKind::Described,
            });
        }
        // Words holding a pronoun ("she's tired of hearing people say")
        // are a clause about someone, not a name for a speaker.
        if content.iter().any(|(_, word)| holds_pronoun(word)) {
            return None;
        }
        Some(Speaker {
            name: phrase_text.to_string(),
            range,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// Capitalised words next to the verb when no mention covers them:
    /// titles before the name are stripped; organisation words make it a
    /// body.
    fn capitalised_name(&self, words: &[(Range<usize>, &str)]) -> Option<Speaker> {
        let mut run_start = words.len() - 1;
        while run_start > 0 {
            let word = words[run_start - 1].1;
            if starts_upper(word) || (is_name_particle(word) && run_start >= 2) {
                run_start -= 1;
            } else {
                break;
            }
        }
        let run = &words[run_start..];
        let last_title = run.iter().rposition(|(_, word)| TITLES.contains(word));
        let name_words = match last_title {
            Some(title) if title + 1 < run.len() => &run[title + 1..],
            _ => run,
        };
        let organisation = name_words
            .iter()
            .any(|(_, word)| ORGANISATION_WORDS.contains(word.trim_end_matches('.')));
        let (first, last) = (name_words.first()?, name_words.last()?);
        let range = first.0.start..last.0.end;
        let written = &self.text[range.clone()];
        let member = self
            .full_name_for(written, range.start)
            .map(|index| &self.cast.members[index]);
        let is_person = !organisation
            && (last_title.is_some() || name_words.len() <= 4)
            && name_words
                .iter()
                .all(|(_, word)| !word.chars().all(|c| c.is_uppercase()) || word.len() <= 1);
        if is_person {
            return Some(Speaker {
                name: member.map_or_else(|| written.to_string(), |member| member.name.clone()),
                gender: member.and_then(|member| member.gender),
                range,
                kind: SpeakerKind::Person,
            });
        }
        Some(Speaker {
            name: written.to_string(),
            range,
            kind: SpeakerKind::Body,
            gender: None,
        })
    }

    /// The person the article gives `role` to: the only holder, or among
    /// several the one who spoke last.
    fn holder(&self, role: &Role, position: usize) -> Option<Speaker> {
        let qualifiers: BTreeSet<String> = role
            .words
            .iter()
            .filter(|word| **word != role.head && ROLE_QUALIFIERS.contains(word))
            .cloned()
            .collect();
        let holders = self.cast.holders(role, &qualifiers);
        let chosen = match holders.as_slice() {
            [] => return None,
            [only] => *only,
            _ => self
                .entries
                .iter()
                .rev()
                .filter(|entry| entry.spoke)
                .find_map(|entry| {
                    holders
                        .iter()
                        .copied()
                        .find(|&index| self.cast.members[index].name == entry.speaker.name)
                })?,
        };
        let member = &self.cast.members[chosen];
        let range = member
            .mentions
            .iter()
            .rev()
            .find(|mention| mention.end <= position)
            .or_else(|| member.mentions.first())?
            .clone();
        Some(Speaker {
            name: member.name.clone(),
            range,
            kind: SpeakerKind::Person,
            gender: member.gender,
        })
    }

    /// "police said": the police spokesperson, when the article names
    /// exactly one.
    fn police_spokesperson(&self, position: usize) -> Option<Speaker> {
        let role = Role {
            head: "spokesperson".to_string(),
            words: BTreeSet::from(["spokesperson".to_string()]),
            gender: None,
        };
        let qualifiers = BTreeSet::from(["police".to_string()]);
        match self.cast.holders(&role, &qualifiers).as_slice() {
            [_] => self.holder(
                &Role {
                    words: BTreeSet::from(["police".to_string(), "spokesperson".to_string()]),
                    ..role
                },
                position,
            ),
            _ => None,
        }
    }
}

/// True for a subject pronoun or its contraction ("she", "she's",
/// "they’re", "I'm").
fn holds_pronoun(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem = lower.split(['\'', '’']).next().unwrap_or("");
    matches!(stem, "i" | "you" | "he" | "she" | "it" | "we" | "they")
}
