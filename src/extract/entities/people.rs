//! People and organisations in a run: person words and surnames, the
//! place an organisation is named after, organisation cues, titles and
//! honorifics that become roles ("Defence Secretary Lloyd Austin",
//! "spokesperson Adrienne Watson"), a jurisdiction before a title, and the
//! name of the body a title belongs to ("St. Louis Metropolitan Police
//! Chief Sam Dotson": the body is part of the role).

use std::ops::Range;

use super::lexicon::{
    ADMINISTRATIVE_UNITS, COMMON, DIRECTIONS, GIVEN_NAMES, HONORIFICS, KNOWN_ORGANISATIONS,
    LOCAL_INSTITUTIONS, LOWER_ROLE_MODIFIERS, LOWER_ROLES, NAME_PARTICLES, ORG_HEADS, ORG_SUFFIXES,
    ROLE_CORE, ROLE_MODIFIERS, TIME_WORDS,
};
use super::recogniser::{Draft, Recogniser};
use super::runs::{is_acronym, is_name_word};
use super::{EntityKind, EntityMention, places};

impl<'a> Recogniser<'a> {
    pub(super) fn is_person_word(&self, index: usize) -> bool {
        let word = self.word(index);
        let lower_particle = NAME_PARTICLES.contains(word);
        (is_name_word(word) || lower_particle)
            && !ORG_SUFFIXES.contains(word)
            && !ADMINISTRATIVE_UNITS.contains(word)
            && !TIME_WORDS.contains(word)
            && (!COMMON.contains(word) || GIVEN_NAMES.contains(word))
            && !is_acronym(word)
    }

    /// The longest leading place name of an organisation's name, with
    /// whether the word after it marks a local institution ("Police").
    pub(super) fn seat_of(&self, tokens: &[usize]) -> Option<(Range<usize>, bool, usize)> {
        let first = *tokens.first()?;
        for end in (1..tokens.len()).rev() {
            let prefix = &tokens[..end];
            // A place name of several words may hold a common word ("Panama
            // City Police": the seat is Panama City, not Panama).
            let range = self.span(first, tokens[end - 1]);
            if end >= 2 && places::is_known(self.slice(&range)) {
                let support = LOCAL_INSTITUTIONS.contains(self.word(tokens[end]));
                return Some((range, support, end));
            }
            if prefix.iter().any(|index| {
                let word = self.word(*index);
                ROLE_MODIFIERS.contains(word)
                    || COMMON.contains(word)
                    || ORG_SUFFIXES.contains(word)
                    || word == "of"
            }) {
                continue;
            }
            let range = self.span(first, tokens[end - 1]);
            if end == 1 && DIRECTIONS.contains(self.word(first)) {
                continue;
            }
            if places::is_known(self.slice(&range)) {
                let support = LOCAL_INSTITUTIONS.contains(self.word(tokens[end]));
                return Some((range, support, end));
            }
        }
        None
    }

    /// A later word of a name after a title: any capitalised word except
    /// organisation suffixes and time words.
    pub(super) fn is_surname_word(&self, index: usize) -> bool {
        let word = self.word(index);
        (is_name_word(word) || NAME_PARTICLES.contains(word))
            && !ORG_SUFFIXES.contains(word)
            && !ADMINISTRATIVE_UNITS.contains(word)
            && !TIME_WORDS.contains(word)
            && !is_acronym(word)
    }

    /// Organisation by cue; `Group` is never returned here.
    pub(super) fn organisation_cue(&self, tokens: &[usize], after_the: bool) -> Option<EntityKind> {
        let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
            return None;
        };
        let name = self.slice(&self.span(first, last));
        let known = KNOWN_ORGANISATIONS.contains(&name)
            || tokens
                .iter()
                .any(|index| KNOWN_ORGANISATIONS.contains(&self.word(*index)));
        let last_word = self.word(last);
        // A lone suffix word ("Police") is an organisation only as "the Police".
        let suffix = ORG_SUFFIXES.contains(last_word) && (tokens.len() > 1 || after_the);
        let head = tokens.len() > 2
            && ORG_HEADS.contains(self.word(first))
            && self.word(tokens[1]) == "of";
        (known || suffix || head).then_some(EntityKind::Organisation)
    }

    /// Title or honorific followed by a name. With `require_title`, returns
    /// false (and records nothing) when the run has no title or honorific.
    pub(super) fn classify_person_run(&mut self, tokens: &[usize], require_title: bool) -> bool {
        self.classify_person_run_with_role_from(tokens, require_title, None)
    }

    /// Keeps tokens `first` to `last` as a confirmed person without a role,
    /// named by `name_words` words, after an honorific or not.
    fn push_confirmed_person(
        &mut self,
        first: usize,
        last: usize,
        name_words: usize,
        honorific: bool,
    ) {
        let range = self.span(first, last);
        let mention = EntityMention::named(
            range.clone(),
            EntityKind::Person,
            self.slice(&range).to_string(),
        );
        self.drafts.push(Draft::Person {
            mention,
            name_words,
            honorific,
            confirmed: true,
        });
    }

    /// [`Self::classify_person_run`] whose role, when it has one, starts at
    /// token `role_from` before the run (a jurisdiction read separately).
    pub(super) fn classify_person_run_with_role_from(
        &mut self,
        tokens: &[usize],
        require_title: bool,
        role_from: Option<usize>,
    ) -> bool {
        let Some(&first) = tokens.first() else {
            return false;
        };
        let first_word = self.word(first);
        if HONORIFICS.contains(first_word) {
            let rest = &tokens[1..];
            if rest.is_empty() || !rest.iter().all(|index| self.is_person_word(*index)) {
                return !require_title;
            }
            let Some(&last) = rest.last() else {
                return false;
            };
            self.push_confirmed_person(first, last, rest.len(), true);
            return true;
        }
        // Longest title prefix ending in a core title word.
        let mut title_end = 0;
        let mut position = 0;
        while position < tokens.len() {
            let word = self.word(tokens[position]);
            let is_title_word = ROLE_CORE.contains(word)
                || ROLE_MODIFIERS.contains(word)
                || (word == "of" && position > 0);
            if !is_title_word {
                break;
            }
            if ROLE_CORE.contains(word) {
                title_end = position + 1;
            }
            position += 1;
        }
        if title_end == 0 {
            if !require_title {
                // A name after a nationality: "Iraqi Mohammed ..." is rare;
                // keep it as a confirmed person only with a given name.
                if tokens.iter().all(|index| self.is_person_word(*index))
                    && GIVEN_NAMES.contains(first_word)
                {
                    let Some(&last) = tokens.last() else {
                        return false;
                    };
                    self.push_confirmed_person(first, last, tokens.len(), false);
                }
                return true;
            }
            return false;
        }
        let name_tokens = &tokens[title_end..];
        let title_range = self.span(role_from.unwrap_or(first), tokens[title_end - 1]);
        // After a title, later name words may be common words ("Officer
        // Christopher No"); the first must still look like a name.
        let name_like = name_tokens
            .first()
            .is_some_and(|index| self.is_person_word(*index))
            && name_tokens
                .iter()
                .skip(1)
                .all(|index| self.is_surname_word(*index));
        if name_tokens.is_empty() || !name_like {
            // A title alone ("the Prime Minister") is not an entity.
            return true;
        }
        let (Some(&name_first), Some(&name_last)) = (name_tokens.first(), name_tokens.last())
        else {
            return true;
        };
        let range = self.span(name_first, name_last);
        let mention = EntityMention {
            range: range.clone(),
            kind: EntityKind::Person,
            name: self.slice(&range).to_string(),
            role: Some(self.slice(&title_range).to_string()),
            role_range: Some(title_range),
            place: None,
        };
        self.drafts.push(Draft::Person {
            mention,
            name_words: name_tokens.len(),
            honorific: false,
            confirmed: true,
        });
        true
    }

    /// A person named after a title that starts inside the run: the first
    /// title word after the run's first word whose title (modifiers, then a
    /// core title word) is followed by a name, when the words before the
    /// title name a body (they end in an organisation word, or the title
    /// starts with one: "Menlo Park Fire Protection District Chief", "St.
    /// Louis Metropolitan Police Chief"; are an acronym: "DART Officer"; or
    /// are a known place). Without that, a title word inside a capitalised
    /// run is most often part of a name or a heading ("Martin Luther King
    /// Jr.", "Nutrition General Health"). The role runs from the run's
    /// first word. True when a person was drafted.
    pub(super) fn person_after_inner_title(&mut self, tokens: &[usize]) -> bool {
        let is_title_word = |word: &str| ROLE_CORE.contains(word) || ROLE_MODIFIERS.contains(word);
        let Some(&first) = tokens.first() else {
            return false;
        };
        for start in 1..tokens.len().saturating_sub(1) {
            if !is_title_word(self.word(tokens[start]))
                || is_title_word(self.word(tokens[start - 1]))
            {
                continue;
            }
            let before = self.word(tokens[start - 1]);
            // "Police" in "St. Louis Metropolitan Police Chief" ends the
            // body's name and begins the title.
            let names_a_body = ORG_SUFFIXES.contains(before)
                || ORG_SUFFIXES.contains(self.word(tokens[start]))
                || ADMINISTRATIVE_UNITS.contains(before)
                || (start == 1 && is_acronym(before))
                || places::is_known(self.slice(&self.span(first, tokens[start - 1])));
            if !names_a_body {
                continue;
            }
            let drafted = self.drafts.len();
            self.classify_person_run_with_role_from(&tokens[start..], true, Some(first));
            if self.drafts.len() == drafted {
                continue;
            }
            // Every word of the name must be a name word here: after a
            // title inside a run, a common word ("Officer Involved
            // Shooting") is a heading's, not a surname.
            let name_words_fit = match self.drafts.last() {
                Some(Draft::Person { mention, .. }) => tokens[start..]
                    .iter()
                    .filter(|index| {
                        let span = self.span(**index, **index);
                        mention.range.start <= span.start && span.end <= mention.range.end
                    })
                    .all(|index| self.is_person_word(*index)),
                _ => true,
            };
            if name_words_fit {
                return true;
            }
            self.drafts.truncate(drafted);
        }
        false
    }

    /// The number of leading tokens naming a known place directly before a
    /// title word (the longest such prefix), when the run has one.
    pub(super) fn jurisdiction_before_title(&self, tokens: &[usize]) -> Option<usize> {
        (1..tokens.len()).rev().find(|&end| {
            let next = self.word(tokens[end]);
            (ROLE_CORE.contains(next) || ROLE_MODIFIERS.contains(next))
                && !tokens[..end]
                    .iter()
                    .any(|index| ROLE_CORE.contains(self.word(*index)))
                && places::is_known(self.slice(&self.span(tokens[0], tokens[end - 1])))
        })
    }

    /// "spokesperson", "police chief" just before a name.
    pub(super) fn lowercase_role_before(&self, first: usize) -> Option<(String, Range<usize>)> {
        let nearest = first.checked_sub(1)?;
        if !self.tokens[first].joined_to_previous || !LOWER_ROLES.contains(self.word(nearest)) {
            return None;
        }
        let mut start = nearest;
        while start > 0
            && start + 2 > nearest
            && self.tokens[start].joined_to_previous
            && LOWER_ROLE_MODIFIERS.contains(self.word(start - 1))
        {
            start -= 1;
        }
        let range = self.span(start, nearest);
        Some((self.slice(&range).to_string(), range))
    }
}
