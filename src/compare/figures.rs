//! Counts compared across outlets: what happened to how many, reconciled.
//!
//! Each figure the extraction found gets a *role* — killed, wounded, shot in
//! all (dead or alive: "five shot, one fatally"), hospitalised, arrested,
//! missing, sites struck, troops stationed, attacks — and a *family* of what
//! it counts (`data/families.txt`: "service members" and "troops" count one
//! thing; "people", "victims" and "others" count anyone, "officers" only
//! police). Only counts of the same role and family are compared, so "two
//! officers shot" is never set against "one injured".
//!
//! **Event counts** (from sentences [`super::scope`] reads as the story's
//! event) are compared per outlet: an outlet's count is the largest it
//! states (a part — "three hit in the legs" — is smaller than its total), and
//! missing roles are derived from totals and parts ("eight shot" and "one
//! killed" give seven wounded; "seven wounded" and "one killed" give eight
//! shot). Two outlets' counts are `agreed` when equal, `compatible` when
//! their qualified ranges overlap or one rounds the other, or when the
//! reports' dates explain the difference (a later report counting more dead;
//! a wounded victim who died; more victims found), and a `conflict` only
//! when none of that holds: reports of the same day, or a later report
//! counting fewer dead. A count implied by a singular noun ("a man was
//! killed"), a vague one ("several") or a zero never makes a conflict.
//!
//! **Background counts** (an earlier incident's toll, statistics) are
//! compared only with background counts of the same role, family, place and
//! time, never with the event's, and never called a conflict: outlets citing
//! different sources, measures or cut-off dates differ without contradicting
//! each other.
//!
//! A conflict also needs both counts from their reports' leads (headline
//! and first sentences), where outlets give the event's totals; further
//! down a count may be a part or another time, and an unexplained
//! difference there `differs` — said, with why, but not called a conflict.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::reading::{Reading, Scope, data_lines};
use super::scope::LOCATIVE;
use super::{Claim, Status, Variant};
use crate::document::Document;
use crate::extract::entities::fuzzy_key;
use crate::extract::items::{Field, FigureItem, PlaceRef};

/// What happened to what a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Dead.
    Killed,
    /// Hurt and alive ("wounded", "injured").
    Wounded,
    /// Hit by gunfire, dead or alive ("shot").
    Shot,
    /// Taken to hospital.
    Hospitalised,
    /// Arrested, detained, charged.
    Arrested,
    /// Missing.
    Missing,
    /// Driven from their homes.
    Displaced,
    /// Sites or things hit.
    Struck,
    /// Troops present.
    Stationed,
    /// Attacks themselves.
    Attacks,
}

impl Role {
    /// The word shown for the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Killed => "killed",
            Role::Wounded => "wounded",
            Role::Shot => "shot",
            Role::Hospitalised => "hospitalised",
            Role::Arrested => "arrested",
            Role::Missing => "missing",
            Role::Displaced => "displaced",
            Role::Struck => "struck",
            Role::Stationed => "stationed",
            Role::Attacks => "attacks",
        }
    }
}

/// Words after (or before) an injury count that say the people were hit by
/// gunfire — a count that holds the dead as well — or taken to hospital.
const SHOT_WORDS: &[&str] = &["shot", "hit", "struck", "shooting"];
const HOSPITAL_WORDS: &[&str] = &["hospitalized", "hospitalised", "hospital", "transported"];
const INJURY_WORDS: &[&str] = &[
    "wounded", "injured", "hurt", "injuring", "wounding", "injuries", "injury", "wounds",
];

/// Sentences of a report's body that make its lead (with the headline).
const LEAD_SENTENCES: usize = 3;

/// Words in a later report's sentence that say its count updates an earlier one.
const UPDATE_WORDS: &[&str] = &[
    "rose",
    "risen",
    "climbed",
    "increased",
    "updated",
    "latest",
    "now",
];

/// The family of what a figure counts (`data/families.txt`).
pub fn family(counted: Option<&str>) -> String {
    static FAMILIES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let families = FAMILIES.get_or_init(|| {
        let mut map = HashMap::new();
        for line in data_lines(include_str!("data/families.txt")) {
            let mut words = line.split(',').map(str::trim).filter(|w| !w.is_empty());
            let Some(head) = words.next() else { continue };
            map.insert(head, head);
            for word in words {
                map.entry(word).or_insert(head);
            }
        }
        map
    });
    let Some(counted) = counted else {
        return "people".into();
    };
    let last = counted.rsplit(' ').next().unwrap_or(counted);
    families
        .get(counted)
        .or_else(|| families.get(last))
        .map_or_else(|| counted.to_string(), |f| (*f).to_string())
}

/// The role of a figure, reading its predicate word where the extraction's
/// predicate ("injured") does not tell wounded from shot.
fn role_of(reading: &Reading<'_>, figure: &FigureItem) -> Option<Role> {
    let role = match figure.predicate.as_deref()? {
        "killed" => Role::Killed,
        "arrested" => Role::Arrested,
        "missing" => Role::Missing,
        "displaced" => Role::Displaced,
        "struck" => Role::Struck,
        "stationed" => Role::Stationed,
        "attacks" => Role::Attacks,
        "injured" => Role::Wounded,
        _ => return None,
    };
    if role != Role::Wounded {
        return Some(role);
    }
    if figure.anchor.field == Field::Title {
        // A headline's count ("Five shot at cookout"): its next words.
        let title = reading.document.title.as_deref().unwrap_or("");
        let after = super::char_slice(title, figure.anchor.end, figure.anchor.end + 40);
        let shot = after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| SHOT_WORDS.contains(&w.to_lowercase().as_str()));
        return Some(if shot { Role::Shot } else { Role::Wounded });
    }
    if figure.anchor.field != Field::Text {
        return Some(role);
    }
    let sentence = reading.sentence_of(figure.anchor.start, figure.anchor.end)?;
    let words = &reading.sentences[sentence].words;
    let after = words.iter().filter(|w| w.1 >= figure.anchor.end).take(6);
    let before = words
        .iter()
        .rev()
        .filter(|w| w.2 <= figure.anchor.start)
        .take(3);
    for (word, _, _) in after.chain(before) {
        if SHOT_WORDS.contains(&word.as_str()) {
            return Some(Role::Shot);
        }
        if HOSPITAL_WORDS.contains(&word.as_str()) {
            return Some(Role::Hospitalised);
        }
        if INJURY_WORDS.contains(&word.as_str()) {
            return Some(Role::Wounded);
        }
    }
    Some(Role::Wounded)
}

/// Where a figure is said to apply (background counts only).
#[derive(Debug, Clone, PartialEq)]
struct PlaceKey {
    label: String,
    places: Vec<PlaceRef>,
    names: Vec<String>,
}

fn places_compatible(a: &Option<PlaceKey>, b: &Option<PlaceKey>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.names.len() != b.names.len() {
        return false;
    }
    a.names.iter().zip(&b.names).all(|(x, y)| x == y)
        || (a.places.len() == 1
            && b.places.len() == 1
            && (a.places[0].contains(&b.places[0]) || b.places[0].contains(&a.places[0])))
}

/// The place a figure's sentence locates it in ("killed in Gaza"), with a
/// second place joined by "and".
fn place_of(reading: &Reading<'_>, figure: &FigureItem) -> Option<PlaceKey> {
    if figure.anchor.field != Field::Text {
        return None;
    }
    let sentence =
        &reading.sentences[reading.sentence_of(figure.anchor.start, figure.anchor.end)?];
    let entities = &reading.document.extraction.entities;
    let preceding = |start: usize| {
        sentence
            .words
            .iter()
            .rev()
            .find(|w| w.2 <= start)
            .map(|w| w.0.clone())
            .unwrap_or_default()
    };
    let candidates: Vec<_> = entities
        .iter()
        .filter(|e| {
            e.kind == "place"
                && e.anchor.field == Field::Text
                && sentence.holds(e.anchor.start, e.anchor.end)
        })
        .filter(|e| {
            LOCATIVE.contains(&preceding(e.anchor.start).as_str())
                || preceding(e.anchor.start) == "from"
        })
        .filter(|e| {
            !reading
                .slice(e.anchor.end, e.anchor.end + 1)
                .starts_with('-')
        })
        .collect();
    let first = candidates.iter().copied().min_by_key(|e| {
        let distance = if e.anchor.start >= figure.anchor.end {
            e.anchor.start - figure.anchor.end
        } else {
            figure.anchor.start.saturating_sub(e.anchor.end)
        };
        (distance, e.anchor.start)
    })?;
    let mut chosen = vec![first];
    if let Some(next) = entities.iter().find(|e| {
        e.kind == "place"
            && e.anchor.field == Field::Text
            && e.anchor.start > first.anchor.end
            && e.anchor.start <= first.anchor.end + 7
    }) && matches!(
        reading.slice(first.anchor.end, next.anchor.start).trim(),
        "and" | "&" | "or"
    ) {
        chosen.push(next);
    }
    let mut names: Vec<String> = chosen
        .iter()
        .map(|e| {
            e.place
                .as_ref()
                .map_or_else(|| fuzzy_key(&e.name), |p| p.id.clone())
        })
        .collect();
    names.sort();
    Some(PlaceKey {
        label: chosen
            .iter()
            .map(|e| e.name.clone())
            .collect::<Vec<_>>()
            .join(" and "),
        places: chosen.iter().filter_map(|e| e.place.clone()).collect(),
        names,
    })
}

/// The interval a figure allows: (stated value, low, high).
fn interval(figure: &FigureItem) -> Option<(f64, f64, f64)> {
    let value = figure.value.or(figure.low)?;
    let low = figure.low.unwrap_or(value);
    let high = match (figure.high, figure.qualifier.as_deref()) {
        (Some(high), _) => high,
        (None, Some("at_least" | "more_than")) => f64::INFINITY,
        (None, _)
            if figure.low.is_some() && figure.value.is_some() && figure.low != figure.value =>
        {
            f64::INFINITY
        }
        (None, _) => value,
    };
    Some((value, low, high))
}

/// One figure read for comparison.
#[derive(Debug, Clone)]
struct Count<'a> {
    /// Index of the reading (article).
    reader: usize,
    figure: &'a FigureItem,
    role: Role,
    family: String,
    value: f64,
    low: f64,
    high: f64,
    /// Neither implied by a singular noun, nor vague, nor zero: may conflict.
    firm: bool,
    background: Option<String>,
    place: Option<PlaceKey>,
    far_date: Option<NaiveDate>,
    /// The sentence says it updates an earlier count.
    update: bool,
    /// Stated in the headline or the report's first sentences, where
    /// outlets give the event's own totals.
    lead: bool,
}

impl Count<'_> {
    fn qualified(&self) -> bool {
        self.figure.approximate
            || self.figure.qualifier.is_some()
            || (self.value >= 100.0 && self.value % 100.0 == 0.0)
    }
}

/// One outlet's count for a role: the value it gives and the passages.
#[derive(Debug, Clone)]
struct OutletCount<'a> {
    reader: usize,
    /// The outlet's total: its largest firm count (else its largest).
    value: f64,
    low: f64,
    high: f64,
    firm: bool,
    qualified: bool,
    /// Every firm count it states, as (low, high): an outlet that gives two
    /// numbers for one role (a total and a part, or "injured" for all the
    /// shot) agrees with another that gives either.
    readings: Vec<(f64, f64)>,
    update: bool,
    /// Derived from a total and a part, with the passages used.
    derived: bool,
    /// The value comes from the lead (see [`Count::lead`]).
    lead: bool,
    passages: Vec<&'a Count<'a>>,
}

/// The total a part of the dead belongs to: a count of the wounded or
/// shot in the same sentence, not itself a part, at least as large.
fn whole_of<'e>(
    extraction: &'e crate::extract::items::Extraction,
    part: &FigureItem,
) -> Option<&'e FigureItem> {
    if part.predicate.as_deref() != Some("killed") || part.anchor.field != Field::Text {
        return None;
    }
    extraction.figures.iter().find(|other| {
        !other.partitive
            && other.anchor.field == Field::Text
            && other.sentence == part.sentence
            && other.predicate.as_deref() == Some("injured")
            && other.value.zip(part.value).is_some_and(|(w, p)| w >= p)
    })
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Compares the counts of the story's articles (see the module doc).
pub fn compare(readings: &[Reading<'_>]) -> Vec<Claim> {
    let mut counts: Vec<Count<'_>> = Vec::new();
    for (reader, reading) in readings.iter().enumerate() {
        let extraction = &reading.document.extraction;
        for figure in &extraction.figures {
            if figure.value.is_none() || reading.document.in_noise(&figure.anchor) {
                continue;
            }
            // A part is a count only as the dead among a total given in the
            // same sentence ("five people were shot, one fatally"): the
            // part counts the total's kind. Other parts ("two of them") are
            // not counts of the event.
            let whole = figure
                .partitive
                .then(|| whole_of(extraction, figure))
                .flatten();
            if figure.partitive && whole.is_none() {
                continue;
            }
            let Some(role) = role_of(reading, figure) else {
                continue;
            };
            let Some((value, low, high)) = interval(figure) else {
                continue;
            };
            let sentence = (figure.anchor.field == Field::Text)
                .then(|| reading.sentence_of(figure.anchor.start, figure.anchor.end))
                .flatten()
                .map(|i| &reading.sentences[i]);
            if sentence.is_some_and(|s| s.noise) {
                continue;
            }
            let background = sentence.and_then(|s| match &s.scope {
                Scope::Background(reason) => Some(reason.clone()),
                Scope::Event => None,
            });
            let vague = figure.qualifier.as_deref() == Some("vague");
            let far_date = figure
                .date
                .and_then(|i| extraction.dates.get(i))
                .and_then(|d| d.date)
                .filter(|_| background.is_some());
            counts.push(Count {
                reader,
                figure,
                role,
                family: family(whole.map_or(figure.counted.as_deref(), |w| w.counted.as_deref())),
                value,
                low,
                high,
                firm: !figure.implicit && !vague && value > 0.0,
                place: place_of(reading, figure),
                background,
                far_date,
                update: sentence.is_some_and(|s| {
                    UPDATE_WORDS
                        .iter()
                        .any(|w| s.words.iter().any(|x| x.0 == *w))
                }),
                lead: figure.anchor.field == Field::Title
                    || reading
                        .sentences
                        .iter()
                        .filter(|s| !s.noise)
                        .take(LEAD_SENTENCES)
                        .any(|s| s.holds(figure.anchor.start, figure.anchor.end)),
            });
        }
    }
    let mut claims: Vec<Claim> = Vec::new();
    claims.extend(event_claims(readings, &counts));
    claims.extend(background_claims(readings, &counts));
    claims.sort_by(|a, b| {
        (a.scope.is_some(), a.status, &a.subject).cmp(&(b.scope.is_some(), b.status, &b.subject))
    });
    claims
}

/// A claim's key: family, role, and the place its counts are given for
/// when outlets count the same role for different places ("2,500 troops in
/// Iraq", "900 in Syria").
type ClaimKey = (String, Role, Option<String>);

/// Splits counts of one role into groups whose stated places are
/// compatible; counts that name no place join the one place named, or
/// form a group of their own when several are.
fn by_place<'a>(counts: Vec<&'a Count<'a>>) -> Vec<(Option<String>, Vec<&'a Count<'a>>)> {
    let mut groups: Vec<(Option<PlaceKey>, Vec<&Count<'_>>)> = Vec::new();
    let mut unplaced = Vec::new();
    for count in counts {
        if count.place.is_none() {
            unplaced.push(count);
            continue;
        }
        match groups
            .iter_mut()
            .find(|(place, _)| places_compatible(place, &count.place))
        {
            Some((_, members)) => members.push(count),
            None => groups.push((count.place.clone(), vec![count])),
        }
    }
    match groups.len() {
        0 => return vec![(None, unplaced)],
        // One place named: counts that name none are about it too.
        1 => groups[0].1.extend(unplaced),
        // Several: a count that names no place could be any of them.
        _ if !unplaced.is_empty() => groups.push((None, unplaced)),
        _ => {}
    }
    let several = groups.len() > 1;
    groups
        .into_iter()
        .map(|(place, members)| (place.filter(|_| several).map(|p| p.label), members))
        .collect()
}

/// The story's own counts, one claim per role and family (and place, when
/// outlets count for different places).
fn event_claims<'a>(readings: &[Reading<'_>], counts: &'a [Count<'a>]) -> Vec<Claim> {
    let mut by_role: BTreeMap<(String, Role), Vec<&Count<'_>>> = BTreeMap::new();
    for count in counts
        .iter()
        .filter(|c| c.background.is_none() && c.value > 0.0)
    {
        by_role
            .entry((count.family.clone(), count.role))
            .or_default()
            .push(count);
    }
    let mut stated: BTreeMap<ClaimKey, BTreeMap<usize, Vec<&Count<'_>>>> = BTreeMap::new();
    for ((family, role), members) in by_role {
        for (place, members) in by_place(members) {
            let outlets = stated.entry((family.clone(), role, place)).or_default();
            for count in members {
                outlets.entry(count.reader).or_default().push(count);
            }
        }
    }
    let outlet_count = |reader: usize, passages: &[&'a Count<'a>]| -> Option<OutletCount<'a>> {
        let pick = passages
            .iter()
            .filter(|c| c.firm)
            .max_by(|a, b| a.value.total_cmp(&b.value))
            .or_else(|| passages.iter().max_by(|a, b| a.value.total_cmp(&b.value)))?;
        Some(OutletCount {
            reader,
            value: pick.value,
            low: pick.low,
            high: pick.high,
            firm: pick.firm,
            qualified: pick.qualified(),
            readings: passages
                .iter()
                .filter(|c| c.firm)
                .map(|c| (c.low, c.high))
                .collect(),
            update: passages.iter().any(|c| c.update),
            derived: false,
            lead: pick.lead,
            passages: passages.to_vec(),
        })
    };
    let mut by_key: BTreeMap<ClaimKey, Vec<OutletCount<'a>>> = BTreeMap::new();
    for (key, outlets) in &stated {
        for (reader, passages) in outlets {
            if let Some(count) = outlet_count(*reader, passages) {
                by_key.entry(key.clone()).or_default().push(count);
            }
        }
    }
    // Totals and parts: shot = killed + wounded, for roles counted for one place.
    let families: BTreeSet<String> = by_key.keys().map(|(f, _, _)| f.clone()).collect();
    for family in &families {
        let single = |role: Role| -> Option<ClaimKey> {
            let keys: Vec<&ClaimKey> = by_key
                .keys()
                .filter(|(f, r, _)| f == family && *r == role)
                .collect();
            match keys.as_slice() {
                [only] => Some((*only).clone()),
                _ => None,
            }
        };
        let (Some(killed_key), wounded_key, shot_key) = (
            single(Role::Killed),
            single(Role::Wounded),
            single(Role::Shot),
        ) else {
            continue;
        };
        for reader in 0..readings.len() {
            let get = |key: &Option<ClaimKey>| {
                key.as_ref()
                    .and_then(|k| by_key.get(k))
                    .and_then(|v| v.iter().find(|c| c.reader == reader && !c.derived))
                    .cloned()
            };
            let killed = get(&Some(killed_key.clone()));
            let (wounded, shot) = (get(&wounded_key), get(&shot_key));
            let exact = |c: &OutletCount<'_>| c.firm && c.low == c.high;
            let derive = |value: f64, parts: [&OutletCount<'a>; 2]| OutletCount {
                reader,
                value,
                low: value,
                high: value,
                firm: true,
                qualified: false,
                readings: vec![(value, value)],
                update: parts.iter().any(|p| p.update),
                derived: true,
                lead: parts.iter().all(|p| p.lead),
                passages: parts
                    .iter()
                    .flat_map(|p| p.passages.iter().copied())
                    .collect(),
            };
            let derived = match (&killed, &wounded, &shot) {
                (Some(k), None, Some(s)) if exact(k) && exact(s) && s.value > k.value => {
                    wounded_key
                        .clone()
                        .map(|key| (key, derive(s.value - k.value, [s, k])))
                }
                (Some(k), Some(w), None) if exact(k) && exact(w) => shot_key
                    .clone()
                    .map(|key| (key, derive(w.value + k.value, [w, k]))),
                _ => None,
            };
            if let Some((key, count)) = derived {
                by_key.entry(key).or_default().push(count);
            }
        }
    }
    let total_victims = |reader: usize, family: &str| -> Option<f64> {
        let value = |role: Role| {
            by_key
                .iter()
                .filter(|((f, r, _), _)| f == family && *r == role)
                .flat_map(|(_, v)| v.iter())
                .find(|c| c.reader == reader)
                .map(|c| c.value)
        };
        value(Role::Shot)
            .or_else(|| Some(value(Role::Killed).unwrap_or(0.0) + value(Role::Wounded)?))
    };
    let mut claims = Vec::new();
    for ((family, role, place), outlets) in &by_key {
        if outlets.iter().all(|c| c.derived) {
            continue;
        }
        let mut status = if outlets.len() < 2 {
            Status::Unique
        } else {
            Status::Agreed
        };
        let mut reason: Option<String> = None;
        let mut derived_used = false;
        for (x, a) in outlets.iter().enumerate() {
            for b in &outlets[x + 1..] {
                if a.reader == b.reader {
                    continue;
                }
                let (pair, why) = pair_status(readings, *role, family, a, b, &total_victims);
                derived_used |= (a.derived || b.derived) && pair != Status::Conflict;
                if pair > status {
                    status = pair;
                    reason = why;
                } else if pair == status && reason.is_none() {
                    reason = why;
                }
            }
        }
        if status == Status::Agreed && derived_used {
            status = Status::Compatible;
            reason = Some("a total and its parts agree (shot = killed + wounded)".into());
        }
        let note = match status {
            Status::Agreed => Some("every outlet states the same number".to_string()),
            Status::Unique => None,
            _ => reason,
        };
        let mut variants: Vec<Variant> = Vec::new();
        let mut seen = BTreeSet::new();
        for outlet in outlets {
            for count in &outlet.passages {
                let document = readings[count.reader].document;
                if seen.insert((
                    document.id,
                    count.figure.anchor.field,
                    count.figure.anchor.start,
                )) {
                    variants.push(figure_variant(document, count));
                }
            }
        }
        variants.sort_by_key(|v| {
            (
                readings.iter().position(|r| r.document.id == v.article),
                v.field != Field::Text,
                v.start,
            )
        });
        let mut subject = format!("{}: {}", role.as_str(), family);
        if let Some(place) = place {
            subject.push_str(&format!(" in {place}"));
        }
        claims.push(Claim {
            key: String::new(),
            kind: "figure".into(),
            subject,
            status,
            variants,
            note,
            scope: None,
        });
    }
    claims
}

type Totals<'f> = dyn Fn(usize, &str) -> Option<f64> + 'f;

/// Status of two outlets' counts of one role, with the reason. A conflict
/// needs both counts from their reports' leads: a count further down may
/// be a part of the victims or another time, so such a difference is said
/// (`differs`) but not called a contradiction.
fn pair_status(
    readings: &[Reading<'_>],
    role: Role,
    family: &str,
    a: &OutletCount<'_>,
    b: &OutletCount<'_>,
    total_victims: &Totals<'_>,
) -> (Status, Option<String>) {
    let (status, reason) = reconcile(readings, role, family, a, b, total_victims);
    if status == Status::Conflict && !(a.lead && b.lead) {
        let label = |c: &OutletCount<'_>| readings[c.reader].document.label();
        let outside = if a.lead { label(b) } else { label(a) };
        return (
            Status::Differs,
            Some(format!(
                "{} (not called a conflict: {outside} gives its number outside its lead, where it may count a part or another time)",
                reason.unwrap_or_default()
            )),
        );
    }
    (status, reason)
}

/// Farthest (in words) a death phrase may follow the word for the attacker.
const ATTACKER_REACH: usize = 6;

/// True when an event sentence of any outlet reports the attacker dead
/// ("the gunman was killed by officers", "the shooter killed himself"):
/// then counts of the dead that differ by one may differ only by whether
/// they count the attacker.
fn perpetrator_died(readings: &[Reading<'_>]) -> bool {
    static PERPETRATORS: OnceLock<Vec<&'static str>> = OnceLock::new();
    let perpetrators =
        PERPETRATORS.get_or_init(|| data_lines(include_str!("data/perpetrators.txt")).collect());
    readings.iter().any(|reading| {
        reading
            .sentences
            .iter()
            .filter(|s| !s.noise && !s.scope.is_background())
            .any(|sentence| {
                let words = &sentence.words;
                words.iter().enumerate().any(|(i, word)| {
                    perpetrators.contains(&word.0.as_str())
                        && (i + 1..words.len().min(i + 1 + ATTACKER_REACH)).any(|at| {
                            super::participants::condition_at(words, at).is_some_and(
                                |(phrase, class)| {
                                    // "the gunman fatally shot the clerk" is
                                    // what he did, not how he ended.
                                    let adverb = phrase.len() == 1
                                        && super::participants::CONDITION_ADVERBS
                                            .contains(&phrase[0]);
                                    let passive =
                                        super::participants::BE.contains(&words[at - 1].0.as_str());
                                    *class == "dead" && (!adverb || passive)
                                },
                            )
                        })
                })
            })
    })
}

/// Status of two counts by value, qualifiers, totals and the reports' dates.
fn reconcile(
    readings: &[Reading<'_>],
    role: Role,
    family: &str,
    a: &OutletCount<'_>,
    b: &OutletCount<'_>,
    total_victims: &Totals<'_>,
) -> (Status, Option<String>) {
    let label = |c: &OutletCount<'_>| readings[c.reader].document.label();
    if a.value == b.value {
        return (Status::Agreed, None);
    }
    if overlap((a.low, a.high), (b.low, b.high)) {
        return (
            Status::Compatible,
            Some("the stated numbers differ but their qualified ranges overlap".into()),
        );
    }
    let relative = (a.value - b.value).abs() / a.value.abs().max(b.value.abs()).max(1.0);
    if relative <= 0.10 && (a.qualified || b.qualified) {
        return (
            Status::Compatible,
            Some("one number rounds the other".into()),
        );
    }
    if !a.firm || !b.firm {
        return (
            Status::Compatible,
            Some(
                "one report implies a count without stating it (\"a man was killed\", \"several\")"
                    .into(),
            ),
        );
    }
    if a.readings
        .iter()
        .any(|x| b.readings.iter().any(|y| overlap(*x, *y)))
    {
        return (
            Status::Compatible,
            Some("each outlet's total differs, but one also gives the other's number".into()),
        );
    }
    let published = |c: &OutletCount<'_>| readings[c.reader].document.published;
    let (earlier, later) = match (published(a), published(b)) {
        (Some(x), Some(y)) if x < y => (a, b),
        (Some(x), Some(y)) if y < x => (b, a),
        // Published the same day (or undated): which came later is not
        // known, so the larger count may be the later update of the smaller
        // one; the difference is shown, not called a contradiction.
        _ => {
            return (
                Status::Differs,
                Some(format!(
                    "{} and {}, published the same day, give {} and {} {} {} (not called a conflict: either may be the later update)",
                    label(a),
                    label(b),
                    a.value,
                    b.value,
                    family,
                    role.as_str()
                )),
            );
        }
    };
    if later.update {
        return (
            Status::Compatible,
            Some("the later report updates the count".into()),
        );
    }
    let grew = later.value > earlier.value;
    match role {
        Role::Killed if grew => (
            Status::Compatible,
            Some("a later report counts more dead".into()),
        ),
        Role::Killed
            if (earlier.value - later.value - 1.0).abs() < f64::EPSILON
                && perpetrator_died(readings) =>
        {
            (
                Status::Compatible,
                Some(format!(
                    "{} counts {} dead, the later {} {}: the attacker died too, and one count may include them",
                    label(earlier),
                    earlier.value,
                    label(later),
                    later.value
                )),
            )
        }
        Role::Killed => (
            Status::Conflict,
            Some(format!(
                "{} counts {} dead, the later {} only {}: the dead do not recover",
                label(earlier),
                earlier.value,
                label(later),
                later.value
            )),
        ),
        Role::Wounded | Role::Shot | Role::Hospitalised => {
            let before = total_victims(earlier.reader, family);
            let after = total_victims(later.reader, family);
            match (before, after) {
                (Some(x), Some(y)) if y >= x => (
                    Status::Compatible,
                    Some("a later report: victims died or were found later".into()),
                ),
                (Some(x), Some(y)) => (
                    Status::Conflict,
                    Some(format!(
                        "{} counts {} victims in all, the later {} {}",
                        label(earlier),
                        x,
                        label(later),
                        y
                    )),
                ),
                _ if grew => (
                    Status::Compatible,
                    Some("a later report counts more".into()),
                ),
                _ => (
                    Status::Conflict,
                    Some(format!(
                        "{} counts {} {}, the later {} {}",
                        label(earlier),
                        earlier.value,
                        role.as_str(),
                        label(later),
                        later.value
                    )),
                ),
            }
        }
        _ => (
            Status::Compatible,
            Some("the reports are days apart".into()),
        ),
    }
}

fn figure_variant(document: &Document, count: &Count<'_>) -> Variant {
    Variant {
        value: Some(count.value),
        low: count.figure.low,
        high: count.figure.high,
        qualifier: count.figure.qualifier.clone(),
        place: count.place.as_ref().map(|p| p.label.clone()),
        ..Variant::passage(document.id, &count.figure.anchor)
    }
}

/// Background counts: aligned by role, family, place and time; never a conflict.
fn background_claims(readings: &[Reading<'_>], counts: &[Count<'_>]) -> Vec<Claim> {
    let mut keyed: BTreeMap<(Role, String), Vec<&Count<'_>>> = BTreeMap::new();
    for count in counts.iter().filter(|c| c.background.is_some() && c.firm) {
        keyed
            .entry((count.role, count.family.clone()))
            .or_default()
            .push(count);
    }
    let close = |a: &Count<'_>, b: &Count<'_>| {
        let (small, large) = if a.value <= b.value {
            (a.value, b.value)
        } else {
            (b.value, a.value)
        };
        overlap((a.low, a.high), (b.low, b.high))
            || (small > 0.0 && (large - small) / large <= 0.10 && (a.qualified() || b.qualified()))
    };
    let mut claims = Vec::new();
    for ((role, family), candidates) in keyed {
        let mut groups: Vec<Vec<&Count<'_>>> = Vec::new();
        for candidate in candidates {
            let fits = |group: &Vec<&Count<'_>>| {
                group.iter().all(|other| {
                    places_compatible(&candidate.place, &other.place)
                        && candidate.far_date == other.far_date
                        && close(candidate, other)
                        && (other.reader != candidate.reader || other.value == candidate.value)
                })
            };
            match groups.iter_mut().find(|g| fits(g)) {
                Some(group) => group.push(candidate),
                None => groups.push(vec![candidate]),
            }
        }
        for group in groups {
            let outlets: BTreeSet<usize> = group.iter().map(|c| c.reader).collect();
            let status = if outlets.len() < 2 {
                Status::Unique
            } else if group.iter().all(|c| c.value == group[0].value) {
                Status::Agreed
            } else {
                Status::Compatible
            };
            let mut subject = format!("{}: {}", role.as_str(), family);
            if let Some(place) = group.iter().find_map(|c| c.place.as_ref()) {
                subject.push_str(&format!(" in {}", place.label));
            }
            if let Some(date) = group.iter().find_map(|c| c.far_date) {
                subject.push_str(&format!(" on {date}"));
            }
            let reason = group
                .iter()
                .find_map(|c| c.background.clone())
                .unwrap_or_default();
            let note = match status {
                Status::Agreed => Some(format!(
                    "background ({reason}): every outlet states the same number"
                )),
                Status::Compatible => Some(format!(
                    "background ({reason}): the numbers differ within their qualifiers or rounding"
                )),
                _ => Some(format!("background ({reason})")),
            };
            claims.push(Claim {
                key: String::new(),
                kind: "figure".into(),
                subject,
                status,
                variants: group
                    .iter()
                    .map(|c| figure_variant(readings[c.reader].document, c))
                    .collect(),
                note,
                scope: Some(reason),
            });
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::scope;
    use crate::compare::tests::{article, figure, story};

    fn claims_of(articles: &[Document]) -> Vec<(String, Status)> {
        let mut readings: Vec<Reading<'_>> = articles.iter().map(Reading::of).collect();
        for reading in &mut readings {
            scope::assign(reading, &story());
        }
        compare(&readings)
            .into_iter()
            .map(|c| (c.subject, c.status))
            .collect()
    }

    #[test]
    fn families_group_what_counts_count() {
        assert_eq!(family(Some("service member")), "military");
        assert_eq!(family(Some("troop")), "military");
        assert_eq!(family(Some("civilian")), "people");
        assert_eq!(family(Some("facility")), "site");
        assert_eq!(family(None), "people");
        assert_eq!(family(Some("drone")), "drone");
    }

    #[test]
    fn counts_read_as_data() {
        // (report A, its figures) / (report B, its figures) → claims, each
        // report published a day after the one before it.
        let wounded = |t: &str, v: f64, counted: &str| figure(t, v, None, None, counted, "injured");
        let killed = |t: &str, v: f64| figure(t, v, None, None, "person", "killed");
        let same_day = |mut document: Document| {
            document.published = NaiveDate::from_ymd_opt(2024, 5, 7);
            document
        };
        type Case<'c> = (Vec<Document>, Vec<(&'c str, Status)>);
        let cases: Vec<Case> = vec![
            // Same number, other qualifier: agreed.
            (
                vec![
                    article(
                        1,
                        "Three soldiers were wounded.",
                        vec![wounded("Three soldiers", 3.0, "soldier")],
                    ),
                    article(
                        2,
                        "At least three troops were wounded.",
                        vec![figure(
                            "At least three troops",
                            3.0,
                            Some(3.0),
                            None,
                            "troop",
                            "injured",
                        )],
                    ),
                ],
                vec![("wounded: military", Status::Agreed)],
            ),
            // Five shot, one killed against four wounded: a total and its parts.
            (
                vec![
                    article(
                        1,
                        "Five people were shot and one person was killed.",
                        vec![
                            wounded("Five people", 5.0, "person"),
                            killed("one person", 1.0),
                        ],
                    ),
                    article(
                        2,
                        "One person was killed and four people were wounded.",
                        vec![
                            killed("One person", 1.0),
                            wounded("four people", 4.0, "person"),
                        ],
                    ),
                ],
                vec![
                    ("killed: people", Status::Agreed),
                    ("shot: people", Status::Compatible),
                    ("wounded: people", Status::Compatible),
                ],
            ),
            // A later report with more dead: an update, not a conflict.
            (
                vec![
                    article(
                        1,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    ),
                    article(
                        2,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                ],
                vec![("killed: people", Status::Compatible)],
            ),
            // A later report with fewer dead: the dead do not recover.
            (
                vec![
                    article(
                        1,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                    article(
                        2,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    ),
                ],
                vec![("killed: people", Status::Conflict)],
            ),
            // One fewer dead where the gunman died: one count may include him.
            (
                vec![
                    article(
                        1,
                        "Four people were killed. The gunman was killed by police.",
                        vec![killed("Four people", 4.0)],
                    ),
                    article(
                        2,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                ],
                vec![("killed: people", Status::Compatible)],
            ),
            // The same day, fewer dead in one: either may be the update.
            (
                vec![
                    article(
                        1,
                        "Three people were killed.",
                        vec![killed("Three people", 3.0)],
                    ),
                    same_day(article(
                        2,
                        "Two people were killed.",
                        vec![killed("Two people", 2.0)],
                    )),
                ],
                vec![("killed: people", Status::Differs)],
            ),
            // Officers shot and people injured count different things.
            (
                vec![
                    article(
                        1,
                        "Two officers were shot.",
                        vec![wounded("Two officers", 2.0, "officer")],
                    ),
                    article(
                        2,
                        "One person was injured.",
                        vec![wounded("One person", 1.0, "person")],
                    ),
                ],
                vec![
                    ("shot: police", Status::Unique),
                    ("wounded: people", Status::Unique),
                ],
            ),
        ];
        for (articles, expected) in cases {
            let got = claims_of(&articles);
            let expected: Vec<(String, Status)> = expected
                .into_iter()
                .map(|(s, st)| (s.to_string(), st))
                .collect();
            assert_eq!(
                got,
                expected,
                "{:?}",
                articles.iter().map(|a| &a.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn background_counts_stay_apart_from_the_event_and_never_conflict() {
        let a = article(
            1,
            "Four people were killed on Monday. Last year 20,000 people were killed nationwide.",
            vec![
                figure("Four people", 4.0, None, None, "person", "killed"),
                figure("20,000 people", 20000.0, None, None, "person", "killed"),
            ],
        );
        let b = article(
            2,
            "Four people died. Last year 12,000 people were killed nationwide.",
            vec![
                figure("Four people", 4.0, None, None, "person", "killed"),
                figure("12,000 people", 12000.0, None, None, "person", "killed"),
            ],
        );
        let got = claims_of(&[a, b]);
        assert_eq!(
            got,
            vec![
                ("killed: people".to_string(), Status::Agreed),
                ("killed: people".to_string(), Status::Unique),
                ("killed: people".to_string(), Status::Unique),
            ]
        );
    }
}
