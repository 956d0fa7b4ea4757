//! Item kinds: enums stored and serialised under their names, which compare
//! equal to those names as strings (noise, dates, places, entities, events,
//! a quotation's kind, a figure's predicate and qualifier).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// Gives an item kind its stored names: `ALL`, `as_str`, `parse`,
/// `Display`, serde as the name, and comparison with `str` and `&str`, so
/// that code reading a kind against its stored name ("dateline",
/// "city") reads the same whether it holds the enum or the string.
macro_rules! stored_names {
    ($kind:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [$kind] = &[$($kind::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($kind::$variant => $name),+
                }
            }

            /// The kind stored as `name`.
            pub fn parse(name: &str) -> Option<$kind> {
                match name {
                    $($name => Some($kind::$variant),)+
                    _ => None,
                }
            }
        }

        impl fmt::Display for $kind {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl PartialEq<str> for $kind {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $kind {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl Serialize for $kind {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $kind {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$kind, D::Error> {
                let name = String::deserialize(deserializer)?;
                $kind::parse(&name).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&name, &[$($name),+])
                })
            }
        }
    };
}

/// What kind of non-article material a noise span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(rename_all = "lowercase")]
pub enum NoiseKind {
    /// An embedded post from a social network.
    SocialPost,
    /// An image caption, photo credit or repeated headline.
    Caption,
    /// Page furniture: ads, share, newsletter, login, cookie, copyright lines.
    Boilerplate,
    /// A credit line: who reported, wrote, edited or contributed.
    Credit,
    /// A dateline at the start of a paragraph ("New Delhi:"); only the
    /// prefix, the rest of the sentence is article text.
    Dateline,
}

stored_names!(NoiseKind {
    SocialPost => "socialpost",
    Caption => "caption",
    Boilerplate => "boilerplate",
    Credit => "credit",
    Dateline => "dateline",
});

/// Whether a date mention names its date outright or relative to the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(rename_all = "snake_case")]
pub enum DateKind {
    /// "December 26, 2023", "Oct. 7", "in 2009", "Christmas Day".
    Absolute,
    /// "Monday", "yesterday", "last week", "two days later".
    Relative,
}

stored_names!(DateKind {
    Absolute => "absolute",
    Relative => "relative",
});

/// What level of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A first-level division (a US state, a province).
    Region,
    /// A second-level division (a US county).
    County,
    /// A city, town or village.
    City,
}

stored_names!(PlaceKind {
    Country => "country",
    Region => "region",
    County => "county",
    City => "city",
});

/// What an entity mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation: a government body, an armed group, a company.
    Organisation,
    /// A place.
    Place,
    /// A group of people named by nationality ("Iraqis").
    Group,
}

stored_names!(EntityKind {
    Person => "person",
    Organisation => "organisation",
    Place => "place",
    Group => "group",
});

/// The kinds of event the event stage recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(rename_all = "snake_case")]
pub enum EventType {
    /// An attack, raid, bombing or stabbing.
    Attack,
    /// An air strike or shelling.
    Airstrike,
    /// A shooting.
    Shooting,
    /// A killing or death.
    Killing,
    /// People wounded or hurt.
    Injury,
    /// An arrest, detention or charge.
    Arrest,
    /// A statement.
    Statement,
    /// A condemnation.
    Condemnation,
    /// A claim of responsibility.
    ClaimOfResponsibility,
    /// A deployment of troops.
    Deployment,
    /// A sanction or designation.
    Sanction,
    /// A protest or rally.
    Protest,
}

stored_names!(EventType {
    Attack => "attack",
    Airstrike => "airstrike",
    Shooting => "shooting",
    Killing => "killing",
    Injury => "injury",
    Arrest => "arrest",
    Statement => "statement",
    Condemnation => "condemnation",
    ClaimOfResponsibility => "claim_of_responsibility",
    Deployment => "deployment",
    Sanction => "sanction",
    Protest => "protest",
});

/// What happened to the things a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(rename_all = "snake_case")]
pub enum Predicate {
    /// Killed.
    Killed,
    /// Injured (the figures stage reads "shot" as injured until a
    /// neighbour says otherwise).
    Injured,
    /// Targeted, hit, attacked (sites, facilities, vehicles).
    Struck,
    /// Deployed, based, present (troops).
    Stationed,
    /// Detained, charged, in custody.
    Arrested,
    /// A count of attacks, strikes or shootings themselves.
    Attacks,
    /// Missing.
    Missing,
    /// Displaced, evacuated.
    Displaced,
    /// Anything else (a count of casualties of either kind).
    Other,
}

stored_names!(Predicate {
    Killed => "killed",
    Injured => "injured",
    Struck => "struck",
    Stationed => "stationed",
    Arrested => "arrested",
    Attacks => "attacks",
    Missing => "missing",
    Displaced => "displaced",
    Other => "other",
});

/// How a figure's stated number relates to the true count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(rename_all = "snake_case")]
pub enum Qualifier {
    /// "at least".
    AtLeast,
    /// "more than", "over".
    MoreThan,
    /// "fewer than", "under".
    FewerThan,
    /// "up to", "as many as".
    UpTo,
    /// "about", "around", "some".
    About,
    /// "nearly", "almost".
    Nearly,
    /// "exactly".
    Exactly,
    /// "10 to 15", "between 10 and 15".
    Range,
    /// "dozens", "several", "a number of": no single number stated.
    Vague,
}

stored_names!(Qualifier {
    AtLeast => "at_least",
    MoreThan => "more_than",
    FewerThan => "fewer_than",
    UpTo => "up_to",
    About => "about",
    Nearly => "nearly",
    Exactly => "exactly",
    Range => "range",
    Vague => "vague",
});

/// What a quotation is doing in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
#[ts(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A quoted clause or sentence standing on its own ("“We will respond,” she said").
    Statement,
    /// Quoted words woven into the reporter's own sentence ("said the strikes “intended to …”").
    Partial,
    /// One or two words held at a distance ("called it ‘proportionate’"); not a statement.
    Scare,
}

stored_names!(QuoteKind {
    Statement => "statement",
    Partial => "partial",
    Scare => "scare",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind serialises to its stored name, parses back from it, and
    /// compares equal to it as a string.
    #[test]
    fn kinds_round_trip_through_their_names() {
        fn check<T>(all: &[T])
        where
            T: Copy + PartialEq + PartialEq<&'static str> + fmt::Debug + Serialize,
            T: for<'de> Deserialize<'de> + fmt::Display,
        {
            for kind in all {
                let name = kind.to_string();
                let json = serde_json::to_string(kind).unwrap_or_default();
                assert_eq!(json, format!("\"{name}\""));
                let back: Option<T> = serde_json::from_str(&json).ok();
                assert_eq!(back, Some(*kind));
                let leaked: &'static str = Box::leak(name.into_boxed_str());
                assert!(*kind == leaked);
            }
        }
        check(NoiseKind::ALL);
        check(DateKind::ALL);
        check(PlaceKind::ALL);
        check(EntityKind::ALL);
        check(EventType::ALL);
        check(Predicate::ALL);
        check(Qualifier::ALL);
        check(QuoteKind::ALL);
        assert!(serde_json::from_str::<PlaceKind>("\"planet\"").is_err());
        assert_eq!(NoiseKind::Dateline, "dateline");
        assert!(PlaceKind::City != "county");
    }
}
