//! The recogniser's state and its first pass: each run of capitalised
//! words is cleaned (a leading "The", sentence-initial common words, time
//! words at the edges) and classified as an organisation, a person with a
//! role, a place or a group, or left as a single word for the second pass.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use super::lexicon::{
    ADMINISTRATIVE_UNITS, COMMON, FACILITY_SUFFIXES, FEATURE_SUFFIXES, GIVEN_NAMES, HONORIFICS,
    LOCATIVE_PREPOSITIONS, LOWER_ROLES, MACRO_REGIONS, NAME_PARTICLES, ORG_FOLLOWERS, ORG_SUFFIXES,
    PERSON_CUES_BEFORE, REPORTING_VERBS, ROAD_SUFFIXES, ROLE_CORE, ROLE_MODIFIERS, STREET_SUFFIXES,
    TIME_ONLY_IN_PAIRS, TIME_WORDS, WATER_SUFFIXES,
};
use super::runs::{Run, Token, is_compound_with_lowercase, is_name_word, is_particle_name, word};
use super::{EntityKind, EntityMention, PLACE_ADJECTIVES, places};

/// A mention before the article-level second pass.
pub(super) enum Draft {
    Done(EntityMention),
    /// A person whose name may be a short form of a full name.
    Person {
        mention: EntityMention,
        name_words: usize,
        honorific: bool,
        confirmed: bool,
    },
    /// A place name to resolve with the gazetteer; `support` is a cue such
    /// as a preposition, a qualifier or a dateline.
    Place {
        range: Range<usize>,
        support: bool,
        words: usize,
    },
    /// An organisation whose name starts with a place ("Chicago Police
    /// Department"): the place is resolved with the others and attached.
    Organisation {
        mention: EntityMention,
        seat: Range<usize>,
        support: bool,
        words: usize,
    },
    /// A lone capitalised word decided in the second pass.
    Single {
        token: usize,
        common_initial: bool,
        verb_after: bool,
        locative_before: bool,
    },
}

pub(super) struct Recogniser<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lowercase_words: HashSet<&'a str>,
    pub drafts: Vec<Draft>,
    /// Acronym → (full name, kind), from "Full Name (ACR)".
    pub acronyms: BTreeMap<String, (String, EntityKind)>,
    /// Starts of byte ranges already used as qualifiers (", NJ").
    pub consumed: BTreeSet<usize>,
}

impl<'a> Recogniser<'a> {
    pub(super) fn word(&self, index: usize) -> &'a str {
        word(self.text, &self.tokens[index])
    }

    pub(super) fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start..self.tokens[last].end
    }

    pub(super) fn slice(&self, range: &Range<usize>) -> &'a str {
        self.text.get(range.clone()).unwrap_or("")
    }

    /// The lowercase word right before token `index`, if joined by a space.
    pub(super) fn word_before(&self, index: usize) -> Option<&'a str> {
        if index == 0 || !self.tokens[index].joined_to_previous {
            return None;
        }
        Some(self.word(index - 1))
    }

    /// True when a locative preposition stands before token `index`,
    /// perhaps with a word for the kind of place between ("in rural
    /// Foxhome", "near unincorporated Ochopee").
    pub(super) fn locative_before(&self, index: usize) -> bool {
        match self.word_before(index) {
            Some(before) if LOCATIVE_PREPOSITIONS.contains(before) => true,
            Some(before) if PLACE_ADJECTIVES.contains(&before) => {
                index > 0
                    && self
                        .word_before(index - 1)
                        .is_some_and(|earlier| LOCATIVE_PREPOSITIONS.contains(earlier))
            }
            _ => false,
        }
    }

    /// The word right after token `index`, if joined by a space.
    pub(super) fn word_after(&self, index: usize) -> Option<&'a str> {
        let token = &self.tokens[index];
        let next = self.tokens.get(index + 1)?;
        (next.joined_to_previous && !token.possessive).then(|| self.word(index + 1))
    }

    pub(super) fn is_common_initial(&self, index: usize) -> bool {
        let token = &self.tokens[index];
        if !token.initial {
            return false;
        }
        let word = self.word(index);
        COMMON.contains(word) || self.lowercase_words.contains(word.to_lowercase().as_str())
    }

    pub(super) fn reporting_verb_after(&self, last: usize) -> bool {
        let token = &self.tokens[last];
        if token.possessive {
            return false;
        }
        let Some(next) = self.tokens.get(last + 1) else {
            return false;
        };
        let gap = &self.text[token.full_end..next.start];
        if !(gap == " " || gap == ", ") {
            return false;
        }
        REPORTING_VERBS.contains(self.word(last + 1))
    }

    /// ", 36," or " 36," after a name: an age.
    pub(super) fn age_after(&self, last: usize) -> bool {
        let rest = self.text.get(self.tokens[last].full_end..).unwrap_or("");
        let Some(rest) = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(" (")) else {
            return false;
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        (1..=3).contains(&digits) && rest[digits..].starts_with([',', ')', ' ', '.'])
    }

    /// "3-year-old" or "two-year-old" right before token `first`: an age
    /// only people are given in news prose ("hitting 3-year-old Makanzee
    /// Oldham"), so a cue as strong as one after the name.
    pub(super) fn age_before(&self, first: usize) -> bool {
        self.word_before(first).is_some_and(|before| {
            let lower = before.to_lowercase();
            lower
                .strip_suffix("-year-old")
                .is_some_and(|number| !number.is_empty() && !number.contains(' '))
        })
    }

    pub(super) fn classify_run(&mut self, run: &Run) {
        let mut tokens: &[usize] = &run.tokens;
        if tokens
            .first()
            .is_some_and(|first| self.consumed.contains(&self.tokens[*first].start))
        {
            return;
        }
        // Compound words such as "Iranian-backed" or "Israel-Gaza".
        if let [only] = tokens {
            let whole = &self.text[self.tokens[*only].start..self.tokens[*only].end];
            if whole.contains('-') && !is_particle_name(whole) && self.classify_compound(*only) {
                return;
            }
            if is_compound_with_lowercase(whole) {
                return;
            }
        }
        let mut after_the = tokens.first().is_some_and(|first| {
            self.word_before(*first)
                .is_some_and(|before| before == "the")
        });
        // 1. Clean-up: a leading article, a common sentence opener, time words.
        while let Some(first) = tokens.first() {
            let word = self.word(*first);
            if matches!(word, "The" | "A" | "An") {
                after_the = word == "The";
                tokens = &tokens[1..];
                continue;
            }
            let keeps_title = tokens.len() > 1
                && (ROLE_CORE.contains(word)
                    || ROLE_MODIFIERS.contains(word)
                    || HONORIFICS.contains(word));
            if self.is_common_initial(*first) && !keeps_title && tokens.len() > 1 {
                tokens = &tokens[1..];
                continue;
            }
            break;
        }
        tokens = self.strip_time_words(tokens);
        // Trailing plural common nouns ("Corpus Christi Police Officers");
        // singular ones may be surnames ("Officer Christopher No").
        while tokens.len() > 1
            && tokens.last().is_some_and(|last| {
                let word = self.word(*last);
                word.ends_with('s') && COMMON.contains(word) && !ORG_SUFFIXES.contains(word)
            })
        {
            tokens = &tokens[..tokens.len() - 1];
        }
        let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
            return;
        };
        if !is_name_word(self.word(first)) || !is_name_word(self.word(last)) {
            return;
        }
        let range = self.span(first, last);
        let name = self.slice(&range).to_string();

        // Acronym defined right after: "Full Name (ACR)".
        if tokens.len() > 1 {
            self.note_acronym(last, &name);
        }

        if let [only] = tokens {
            let word = self.word(*only);
            let single = Draft::Single {
                token: *only,
                common_initial: self.is_common_initial(*only),
                verb_after: self.reporting_verb_after(*only),
                locative_before: self.locative_before(*only),
            };
            // Titles and honorifics alone are not names.
            if HONORIFICS.contains(word)
                || (ROLE_CORE.contains(word) && !self.reporting_verb_after(*only))
            {
                return;
            }
            self.drafts.push(single);
            return;
        }

        // 2. Organisations.
        if let Some(kind) = self.organisation_cue(tokens, after_the) {
            let mention = EntityMention::named(range, kind, name);
            match self.seat_of(tokens) {
                Some((seat, support, words)) => self.drafts.push(Draft::Organisation {
                    mention,
                    seat,
                    support,
                    words,
                }),
                None => self.drafts.push(Draft::Done(mention)),
            }
            return;
        }
        // Streets and venues are not mentions (see the module doc), unless
        // the whole name is a gazetteer place not named like a road
        // ("Miami Gardens", but not "Willow Street").
        let last_word = self.word(last);
        if STREET_SUFFIXES.contains(last_word)
            && (ROAD_SUFFIXES.contains(last_word) || !places::is_known(&name))
        {
            return;
        }
        if FACILITY_SUFFIXES.contains(last_word) {
            let mut end = tokens.len() - 1;
            while end > 0
                && (FACILITY_SUFFIXES.contains(self.word(tokens[end - 1]))
                    || self.word(tokens[end - 1]) == "Air")
            {
                end -= 1;
            }
            if end > 0 {
                let place_range = self.span(first, tokens[end - 1]);
                if places::is_known(self.slice(&place_range)) {
                    self.drafts.push(Draft::Place {
                        range: place_range,
                        support: true,
                        words: end,
                    });
                }
            }
            return;
        }

        // 3. A nationality or country before a title or a name.
        if tokens.len() > 1 {
            let leading = self.word(first);
            let second = self.word(tokens[1]);
            let title_follows = ROLE_CORE.contains(second)
                || ROLE_MODIFIERS.contains(second)
                || HONORIFICS.contains(second);
            if title_follows {
                if let Some(country) = places::country_of_demonym(leading) {
                    let leading_range = self.span(first, first);
                    self.push_done(
                        leading_range,
                        EntityKind::Group,
                        leading.to_string(),
                        Some(country),
                    );
                    self.classify_person_run(&tokens[1..], false);
                    return;
                }
                if places::is_country_name(leading) {
                    let leading_range = self.span(first, first);
                    self.drafts.push(Draft::Place {
                        range: leading_range,
                        support: true,
                        words: 1,
                    });
                    self.classify_person_run(&tokens[1..], false);
                    return;
                }
            }
            // A jurisdiction before a title ("Wayne County Prosecutor Kym
            // Worthy", "Alabama State Trooper Reginal King"): the place is a
            // mention of its own, the title with it is the role, and a
            // title with no name after it is no person.
            if let Some(end) = self.jurisdiction_before_title(tokens) {
                let place_range = self.span(first, tokens[end - 1]);
                let drafted = self.drafts.len();
                if self.classify_person_run_with_role_from(&tokens[end..], true, Some(first)) {
                    self.drafts.insert(
                        drafted,
                        Draft::Place {
                            range: place_range,
                            support: true,
                            words: end,
                        },
                    );
                    return;
                }
            }
        }

        // 4. Titles and honorifics, unless the run names an administrative
        // unit: "King County" and "Prince William County" are places.
        if !ADMINISTRATIVE_UNITS.contains(last_word) && self.classify_person_run(tokens, true) {
            return;
        }
        // 4b. A title inside the run, after the name of the body it belongs
        // to ("St. Louis Metropolitan Police Chief Sam Dotson", "Riverton
        // Transit Authority Spokeswoman Ana Ruiz"): the words before the
        // title are part of the role, and the person is the name after it.
        if !ADMINISTRATIVE_UNITS.contains(last_word) && self.person_after_inner_title(tokens) {
            return;
        }

        // 5. Places. Water bodies keep no gazetteer entry: towns and
        // provinces named after them ("Red Sea") are other places.
        if WATER_SUFFIXES.contains(last_word) {
            self.push_done(range, EntityKind::Place, name, None);
            return;
        }
        if let Some(place_draft) = self.place_draft(tokens) {
            self.drafts.push(place_draft);
            return;
        }
        if FEATURE_SUFFIXES.contains(last_word) || MACRO_REGIONS.contains(&name.as_str()) {
            self.push_done(range, EntityKind::Place, name, None);
            return;
        }

        // 6. People, and organisations named by what follows them.
        let given_name = GIVEN_NAMES.contains(self.word(first));
        let before = self.word_before(first);
        let person_noun_before = before.is_some_and(|before| {
            PERSON_CUES_BEFORE.contains(before) || LOWER_ROLES.contains(before)
        });
        let org_follower = self
            .word_after(last)
            .is_some_and(|after| ORG_FOLLOWERS.contains(after));
        if org_follower && !given_name && !person_noun_before {
            self.push_done(range, EntityKind::Organisation, name, None);
            return;
        }
        if tokens.len() > 5 || tokens.iter().any(|index| !self.is_person_word(*index)) {
            return;
        }
        let according_to =
            first >= 2 && self.word(first - 1) == "to" && self.word(first - 2) == "according";
        let particle = tokens.iter().any(|index| {
            let word = self.word(*index);
            is_particle_name(word)
                || NAME_PARTICLES.contains(word)
                || word.starts_with("Mc")
                || word.starts_with("O'")
        });
        // A name particle alone is no cue: Arabic organisation names carry
        // them too ("Kataib Sayyid al-Shuhada").
        let cue = given_name
            || person_noun_before
            || self.age_after(last)
            || self.age_before(first)
            || (self.reporting_verb_after(last) && (particle || tokens.len() <= 3))
            || according_to;
        if after_the && !given_name {
            return;
        }
        let role = self.lowercase_role_before(first);
        let (role, role_range) =
            role.map_or((None, None), |(role, range)| (Some(role), Some(range)));
        let mention = EntityMention {
            range,
            kind: EntityKind::Person,
            name,
            role,
            role_range,
            place: None,
        };
        self.drafts.push(Draft::Person {
            mention,
            name_words: tokens.len(),
            honorific: false,
            confirmed: cue,
        });
    }

    /// Drops time words ("Christmas Day", "Monday") from both ends.
    pub(super) fn strip_time_words<'t>(&self, mut tokens: &'t [usize]) -> &'t [usize] {
        let is_time = |this: &Self, tokens: &[usize], position: usize, neighbour: Option<usize>| {
            let word = this.word(tokens[position]);
            if !TIME_WORDS.contains(word) {
                return false;
            }
            if !TIME_ONLY_IN_PAIRS.contains(word) || tokens.len() == 1 {
                return true;
            }
            neighbour.is_some_and(|neighbour| TIME_WORDS.contains(this.word(tokens[neighbour])))
        };
        loop {
            let length = tokens.len();
            if length == 0 {
                return tokens;
            }
            if is_time(self, tokens, 0, (length > 1).then_some(1)) {
                tokens = &tokens[1..];
                continue;
            }
            if is_time(self, tokens, length - 1, length.checked_sub(2)) {
                tokens = &tokens[..length - 1];
                continue;
            }
            return tokens;
        }
    }
}
