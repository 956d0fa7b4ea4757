//! The extraction pipeline: runs every stage over one article and assembles
//! the stored form ([`Extraction`]) with character-offset anchors.
//!
//! Order matters: sentences and noise first (claims inside embedded posts,
//! captions and boilerplate are dropped), then dates against the reference
//! date, entities, figures, quotations (speakers linked to the entities),
//! events (arguments linked to all of these), and finally the main event
//! with its consolidated date, place and casualty figures.
//!
//! The headline is analysed too: dates, entities and figures found in it are
//! appended after the body's, anchored in the `title` field, and feed the
//! main event (a headline often states the toll most plainly).

use std::ops::Range;

use chrono::NaiveDate;

use super::items::{
    Anchor, DateItem, EXTRACTOR_VERSION, EntityItem, EventItem, Extraction, Field, FigureItem,
    MainEvent, NoiseItem, PlaceRef, QuoteItem, ReferenceDate,
};
use super::{dates, entities, events, figures, noise, places, quotes, sentences};
use crate::model::DatePrecision;

/// What the pipeline needs to know about an article.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Headline.
    pub title: Option<&'a str>,
    /// Body text as stored.
    pub text: &'a str,
    /// Publication date, when known.
    pub published: Option<NaiveDate>,
    /// ISO country code of the outlet, used to disambiguate place names.
    pub region_hint: Option<&'a str>,
}

/// Sentences at the top of the article from which the main event's casualty
/// figures are consolidated (noise excluded).
const LEAD_SENTENCES: usize = 10;
/// How much a town in another state than the one the article is set in
/// loses as the event place: such a "town" is most often a neighbourhood of
/// the article's city that shares a far-away town's name ("South Shore",
/// "Germantown") or a place named in passing.
const OUT_OF_STATE_PENALTY: f64 = 3.5;

/// How many days before the reference date a main event's date may lie
/// before it is taken for background.
const RECENT_DAYS: i64 = 10;

/// Words of a page stamp: only a text holding one is searched for a stamp
/// when the published date is known (the search tags every date again).
const STAMP_WORDS: &[&str] = &[
    "Posted",
    "Updated",
    "Published",
    "Created",
    "POSTED",
    "UPDATED",
    "posted",
    "updated",
];

/// The sentence ordinal given to headline mentions.
const TITLE_SENTENCE: usize = usize::MAX - 1;

/// How many days a published date may lie after the page's own stamp
/// before the stamp is taken as the date of the report.
const STALE_PUBLISHED_DAYS: i64 = 2;

/// Maps byte offsets of one string to character offsets.
struct CharIndex<'a> {
    text: &'a str,
    /// `chars_before[i]` = number of chars in `text[..i]`, for every byte index.
    chars_before: Vec<u32>,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut chars_before = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        let mut last = 0usize;
        for (byte, _) in text.char_indices() {
            for slot in chars_before.iter_mut().take(byte + 1).skip(last) {
                *slot = count;
            }
            count += 1;
            last = byte + 1;
        }
        for slot in chars_before.iter_mut().skip(last) {
            *slot = count;
        }
        CharIndex { text, chars_before }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.chars_before.get(byte).copied().unwrap_or(0) as usize
    }

    /// The anchor for a byte range, or `None` when the range is not valid
    /// for this text (a wrong anchor is worse than none).
    fn anchor(&self, field: Field, range: &Range<usize>) -> Option<Anchor> {
        let text = self.text.get(range.clone())?;
        if range.start >= range.end {
            return None;
        }
        Some(Anchor {
            field,
            start: self.char_at(range.start),
            end: self.char_at(range.end),
            text: text.to_string(),
        })
    }

    /// The text before a character offset.
    fn text_before(&self, char_offset: usize) -> &'a str {
        let byte = self
            .chars_before
            .partition_point(|&count| (count as usize) < char_offset);
        self.text.get(..byte).unwrap_or("")
    }

    fn span(&self, range: &Range<usize>) -> (usize, usize) {
        (self.char_at(range.start), self.char_at(range.end))
    }
}

/// Where the headline proper ends in a page title that carries the outlet's
/// name after a separator ("Man shot in Kent - KING 5 News - Seattle, WA"):
/// the character offset of the first separator when the part before it is a
/// headline of at least four words; else the title's length.
fn headline_end(title: &str) -> usize {
    const SEPARATORS: [&str; 4] = [" - ", " | ", " :: ", " — "];
    let cut = SEPARATORS
        .iter()
        .filter_map(|separator| title.find(separator))
        .min();
    match cut {
        Some(byte) if title[..byte].split_whitespace().count() >= 4 => {
            title[..byte].chars().count()
        }
        _ => title.chars().count(),
    }
}

/// What a text says about places, as context for the document's other
/// text: the regions it names outright — a region itself ("South Carolina")
/// or a place with a region qualifier ("Lexington, S.C.") — and the regions
/// of the large cities it names.
fn document_places(text: &str, mentions: &[entities::EntityMention]) -> places::DocumentPlaces {
    let mut document = places::DocumentPlaces {
        city_parts: entities::city_part_names(text),
        ..Default::default()
    };
    for mention in mentions {
        let Some(place) = mention.place.as_ref() else {
            continue;
        };
        let Some(region) = places::region_of(place) else {
            continue;
        };
        let named = place.kind == places::PlaceKind::Region
            || matches!(
                places::qualifier_after(text, mention.range.end),
                Some((_, places::Qualifier::Region(..)))
            );
        if named {
            document.regions.push(region);
        } else if place.kind == places::PlaceKind::City && places::is_prominent(place) {
            document.city_regions.push(region);
        }
    }
    for list in [&mut document.regions, &mut document.city_regions] {
        list.sort();
        list.dedup();
    }
    document
}

/// Most characters of an article's text the stages read (issue 13: their
/// cost grows faster than the text, 84 s for one 5 MB record). Longer texts
/// are read up to the last paragraph or sentence end before the cap; all of
/// the text stays stored and searchable, and spans into the prefix are spans
/// into the text.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Most characters of a title the stages read.
pub const MAX_TITLE_CHARS: usize = 2_000;

/// The part of `text` extraction reads: all of it up to `max_chars`
/// characters, else a prefix ending at a paragraph or sentence end.
pub fn extracted_part(text: &str, max_chars: usize) -> &str {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text;
    };
    let head = &text[..cut];
    let floor = cut - cut / 10;
    let end = head
        .rfind('\n')
        .filter(|&at| at >= floor)
        .or_else(|| head.rfind(". ").filter(|&at| at >= floor).map(|at| at + 1))
        .unwrap_or(cut);
    &text[..end]
}

/// Runs every stage over one article.
pub fn run(input: &Input<'_>) -> Extraction {
    let text = extracted_part(input.text, MAX_TEXT_CHARS);
    let title = input
        .title
        .map(|t| extracted_part(t, MAX_TITLE_CHARS))
        .filter(|t| !t.trim().is_empty());
    let body = CharIndex::new(text);
    let head = title.map(CharIndex::new);

    let sentence_list = sentences::split(text);
    let noise_list = noise::detect(text, title, &sentence_list);
    let is_noise = |range: &Range<usize>| noise::is_noise(&noise_list, range);
    let clean_sentences: Vec<Range<usize>> = sentence_list
        .iter()
        .map(|s| s.range.clone())
        .filter(|r| !is_noise(r))
        .collect();

    // A page stamp ("Posted: …", "Updated: …") well before the published
    // date means the page is older than its metadata says (archives and
    // crawlers date what they saw, not what was written): the stamp dates
    // the report.
    let stamp = if input.published.is_none() || STAMP_WORDS.iter().any(|w| text.contains(w)) {
        dates::infer_anchor(text)
    } else {
        None
    };
    let reference_date = match (input.published, stamp) {
        (Some(published), Some(stamp)) if (published - stamp).num_days() > STALE_PUBLISHED_DAYS => {
            Some(ReferenceDate {
                date: stamp,
                inferred: true,
            })
        }
        (Some(published), _) => Some(ReferenceDate {
            date: published,
            inferred: false,
        }),
        (None, stamp) => stamp.map(|date| ReferenceDate {
            date,
            inferred: true,
        }),
    };
    let anchor_date = reference_date.as_ref().map(|r| r.date);

    let mut out = Extraction {
        version: EXTRACTOR_VERSION,
        reference_date,
        ..Extraction::default()
    };
    out.noise = noise_list
        .iter()
        .filter_map(|n| {
            Some(NoiseItem {
                anchor: body.anchor(Field::Text, &n.range)?,
                kind: n.kind.as_str().to_string(),
            })
        })
        .collect();
    let mut credits: Vec<String> = noise::wire_credits(text)
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    credits.sort();
    credits.dedup();
    out.wire_credits = credits;

    // Body mentions come first so the stages' indices stay valid; headline
    // mentions are appended after them.
    let date_mentions: Vec<dates::DateMention> = dates::tag(text, anchor_date)
        .into_iter()
        .filter(|d| !is_noise(&d.range))
        .collect();
    // Regions the headline names ("Lexington, S.C.", a page title's
    // "- Columbia, South Carolina") settle the body's ambiguous place names
    // as firmly as a region the body names itself, and the body's settle
    // the headline's.
    let whole_title = title.map(|t| 0..t.len());
    let title_places = match (title, &whole_title) {
        (Some(title), Some(whole)) => document_places(
            title,
            &entities::extract(title, std::slice::from_ref(whole), input.region_hint),
        ),
        _ => places::DocumentPlaces::default(),
    };
    let entity_mentions: Vec<entities::EntityMention> =
        entities::extract_in(text, &clean_sentences, input.region_hint, &title_places)
            .into_iter()
            .filter(|e| !is_noise(&e.range))
            .collect();
    let mut body_places = document_places(text, &entity_mentions);
    body_places.regions.extend(title_places.regions);
    body_places.regions.sort();
    body_places.regions.dedup();
    let figure_list: Vec<figures::Figure> = figures::extract(text, &clean_sentences)
        .into_iter()
        .filter(|f| !is_noise(&f.range))
        .collect();

    for d in &date_mentions {
        if let Some(item) = date_item(&body, Field::Text, d) {
            out.dates.push(item);
        }
    }
    for e in &entity_mentions {
        if let Some(item) = entity_item(&body, Field::Text, e) {
            out.entities.push(item);
        }
    }
    // Stage indices → stored indices (a mention dropped for a bad anchor
    // shifts the rest).
    let entity_index = index_map(&entity_mentions, |e| {
        body.anchor(Field::Text, &e.range).is_some()
    });
    let date_index = index_map(&date_mentions, |d| {
        body.anchor(Field::Text, &d.range).is_some()
    });

    // Per stored figure: does it count people hit by gunfire, dead or alive?
    let mut shot_figures: Vec<bool> = Vec::new();
    for f in &figure_list {
        let Some(anchor) = body.anchor(Field::Text, &f.range) else {
            continue;
        };
        shot_figures.push(f.counts_shot(text));
        let date = date_mentions
            .iter()
            .position(|d| within(&d.range, &f.sentence))
            .and_then(|i| date_index[i]);
        let place = entity_mentions
            .iter()
            .position(|e| e.kind == entities::EntityKind::Place && within(&e.range, &f.sentence))
            .and_then(|i| entity_index[i]);
        out.figures
            .push(figure_item(anchor, f, body.span(&f.sentence), date, place));
    }
    let figure_index = index_map(&figure_list, |f| {
        body.anchor(Field::Text, &f.range).is_some()
    });

    let people: Vec<quotes::PersonRef> = entity_mentions
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                entities::EntityKind::Person | entities::EntityKind::Organisation
            )
        })
        .map(|e| quotes::PersonRef {
            range: e.range.clone(),
            name: e.name.clone(),
            is_person: e.kind == entities::EntityKind::Person,
        })
        .collect();
    for q in quotes::extract(text, &clean_sentences, &people) {
        if is_noise(&q.outer) {
            continue;
        }
        let Some(anchor) = body.anchor(Field::Text, &q.range) else {
            continue;
        };
        let speaker_entity = q
            .speaker_range
            .as_ref()
            .and_then(|r| {
                entity_mentions
                    .iter()
                    .position(|e| ranges_overlap(&e.range, r))
            })
            .or_else(|| {
                let speaker = q.speaker.as_deref()?;
                entity_mentions
                    .iter()
                    .position(|e| e.kind == entities::EntityKind::Person && e.name == speaker)
            })
            .and_then(|i| entity_index[i]);
        out.quotes.push(QuoteItem {
            anchor,
            kind: q.kind.as_str().to_string(),
            speaker: q.speaker.clone(),
            speaker_entity,
            verb: q.verb.clone(),
            continues_previous: q.continues_previous,
        });
    }

    let entity_refs: Vec<events::EntityRef> = entity_mentions
        .iter()
        .map(|e| events::EntityRef {
            range: e.range.clone(),
            kind: e.kind.as_str(),
        })
        .collect();
    let date_refs: Vec<events::DateRef> = date_mentions
        .iter()
        .map(|d| events::DateRef {
            range: d.range.clone(),
            resolved: d.date,
        })
        .collect();
    let figure_refs: Vec<events::FigureRef> = figure_list
        .iter()
        .map(|f| events::FigureRef {
            range: f.range.clone(),
            predicate: f.predicate.map(|p| p.as_str()),
            value: f.value,
        })
        .collect();
    let noise_ranges: Vec<Range<usize>> = noise_list
        .iter()
        .filter(|n| n.kind != noise::NoiseKind::Dateline)
        .map(|n| n.range.clone())
        .collect();
    let event_list = events::extract(
        text,
        &clean_sentences,
        &entity_refs,
        &date_refs,
        &figure_refs,
        &noise_ranges,
        title,
    );
    let main = events::main_event(&event_list, text.len());
    let mut main_index = None;
    for (i, e) in event_list.iter().enumerate() {
        let Some(anchor) = body.anchor(Field::Text, &e.sentence) else {
            continue;
        };
        if main == Some(i) {
            main_index = Some(out.events.len());
        }
        out.events.push(EventItem {
            anchor,
            kind: e.kind.as_str().to_string(),
            trigger: body.span(&e.trigger),
            actors: e
                .actors
                .iter()
                .filter_map(|a| entity_index.get(*a).copied().flatten())
                .collect(),
            targets: e
                .targets
                .iter()
                .filter_map(|a| entity_index.get(*a).copied().flatten())
                .collect(),
            place: e.place.and_then(|p| entity_index.get(p).copied().flatten()),
            date: e.date.and_then(|d| date_index.get(d).copied().flatten()),
            figures: e
                .figures
                .iter()
                .filter_map(|f| figure_index.get(*f).copied().flatten())
                .collect(),
            negated: e.negated,
            hypothetical: e.hypothetical,
            score: e.score,
        });
    }

    // The headline: dates, entities and figures, anchored in `title`.
    let first_title_entity = out.entities.len();
    let first_title_figure = out.figures.len();
    let first_title_date = out.dates.len();
    let mut title_cues: Vec<DateCue> = Vec::new();
    if let (Some(title), Some(head)) = (title, head.as_ref()) {
        let whole_range = 0..title.len();
        let whole = std::slice::from_ref(&whole_range);
        let title_dates: Vec<dates::DateMention> = dates::tag(title, anchor_date)
            .into_iter()
            .filter(|d| head.anchor(Field::Title, &d.range).is_some())
            .collect();
        let title_entities: Vec<entities::EntityMention> =
            entities::extract_in(title, whole, input.region_hint, &body_places)
                .into_iter()
                .filter(|e| head.anchor(Field::Title, &e.range).is_some())
                .collect();
        let title_figures: Vec<figures::Figure> = figures::extract(title, whole)
            .into_iter()
            .filter(|f| head.anchor(Field::Title, &f.range).is_some())
            .collect();
        out.dates.extend(
            title_dates
                .iter()
                .filter_map(|d| date_item(head, Field::Title, d)),
        );
        title_cues.extend(title_dates.iter().map(|d| DateCue {
            in_title: true,
            ..date_cue(title, &d.range, whole)
        }));
        out.entities.extend(
            title_entities
                .iter()
                .filter_map(|e| entity_item(head, Field::Title, e)),
        );
        for f in &title_figures {
            if let Some(anchor) = head.anchor(Field::Title, &f.range) {
                shot_figures.push(f.counts_shot(title));
                out.figures.push(figure_item(
                    anchor,
                    f,
                    (0, head.char_at(title.len())),
                    None,
                    None,
                ));
            }
        }
        // A headline-only article (or a body that reports no event, such as
        // a page of boilerplate): the headline is the report, so its event
        // is the main one.
        if main_index.is_none() {
            let entity_refs: Vec<events::EntityRef> = title_entities
                .iter()
                .map(|e| events::EntityRef {
                    range: e.range.clone(),
                    kind: e.kind.as_str(),
                })
                .collect();
            let date_refs: Vec<events::DateRef> = title_dates
                .iter()
                .map(|d| events::DateRef {
                    range: d.range.clone(),
                    resolved: d.date,
                })
                .collect();
            let figure_refs: Vec<events::FigureRef> = title_figures
                .iter()
                .map(|f| events::FigureRef {
                    range: f.range.clone(),
                    predicate: f.predicate.map(|p| p.as_str()),
                    value: f.value,
                })
                .collect();
            let title_events = events::extract(
                title,
                whole,
                &entity_refs,
                &date_refs,
                &figure_refs,
                &[],
                None,
            );
            let title_main = events::main_event(&title_events, title.len());
            for (i, e) in title_events.iter().enumerate() {
                let Some(anchor) = head.anchor(Field::Title, &e.sentence) else {
                    continue;
                };
                if title_main == Some(i) {
                    main_index = Some(out.events.len());
                }
                let shift = |offset: usize| move |i: &usize| i + offset;
                out.events.push(EventItem {
                    anchor,
                    kind: e.kind.as_str().to_string(),
                    trigger: head.span(&e.trigger),
                    actors: e.actors.iter().map(shift(first_title_entity)).collect(),
                    targets: e.targets.iter().map(shift(first_title_entity)).collect(),
                    place: e.place.as_ref().map(shift(first_title_entity)),
                    date: e.date.as_ref().map(shift(first_title_date)),
                    figures: e.figures.iter().map(shift(first_title_figure)).collect(),
                    negated: e.negated,
                    hypothetical: e.hypothetical,
                    score: e.score,
                });
            }
        }
    }

    let mut cues: Vec<DateCue> = date_mentions
        .iter()
        .filter(|d| body.anchor(Field::Text, &d.range).is_some())
        .map(|d| date_cue(text, &d.range, &clean_sentences))
        .collect();
    cues.extend(title_cues);
    let mut entity_sentences: Vec<usize> = entity_mentions
        .iter()
        .filter(|e| body.anchor(Field::Text, &e.range).is_some())
        .map(|e| {
            clean_sentences
                .iter()
                .position(|s| within(&e.range, s))
                .unwrap_or(usize::MAX)
        })
        .collect();
    entity_sentences.resize(out.entities.len(), TITLE_SENTENCE);
    let dateline = noise_list
        .iter()
        .find(|n| n.kind == noise::NoiseKind::Dateline)
        .map(|n| body.span(&n.range));
    let event_sentence = main
        .and_then(|i| event_list.get(i))
        .map(|e| e.sentence.clone());
    let context = Context {
        lead: &clean_sentences,
        body: &body,
        title_starts: (first_title_entity, first_title_figure, first_title_date),
        shot_figures: &shot_figures,
        title,
        date_cues: &cues,
        entity_sentences: &entity_sentences,
        dateline,
        event_sentence: event_sentence.and_then(|r| sentence_ordinal(&clean_sentences, &r)),
        headline_end: title.map_or(usize::MAX, headline_end),
    };
    out.main_event = main_index.map(|index| main_event(&out, index, &context));
    out
}

/// What the main-event consolidation needs besides the stored items.
struct Context<'a> {
    /// Sentences of the body, noise excluded.
    lead: &'a [Range<usize>],
    body: &'a CharIndex<'a>,
    /// Index of the first headline entity, figure and date among the stored ones.
    title_starts: (usize, usize, usize),
    /// One per stored figure: true when it counts people hit by gunfire,
    /// the dead among them ("five people were shot").
    shot_figures: &'a [bool],
    /// The headline, if any.
    title: Option<&'a str>,
    /// One per stored date, in the same order.
    date_cues: &'a [DateCue],
    /// Per stored entity, the ordinal of its sentence among `lead`
    /// ([`TITLE_SENTENCE`] for the headline's).
    entity_sentences: &'a [usize],
    /// Character span of the dateline ("CHICAGO (AP) —"), if any.
    dateline: Option<(usize, usize)>,
    /// Ordinal of the main event's sentence among `lead`.
    event_sentence: Option<usize>,
    /// Character offset where a page title's trailing outlet segment begins
    /// ("… shooting - Spokane News & Weather"); the title's length when none.
    headline_end: usize,
}

/// Where a date stands and what it is attached to: the incident a report is
/// about is dated next to words of the incident ("shot Sunday", "the
/// shooting happened Friday night"), while "police said Thursday" dates the
/// report and "was charged Monday" a later step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct DateCue {
    /// Ordinal of its sentence among the clean sentences (`usize::MAX` when
    /// it stands in none).
    sentence: usize,
    in_title: bool,
    /// Attached to a reporting verb or a later step ("said Thursday", "was
    /// arraigned on Monday", "received probation Thursday").
    reporting: bool,
    /// A word of the incident governs it: 3 when the date names the
    /// incident outright ("the May 10 shooting", "Tuesday's killing"), 2
    /// right next to it, 1 in the same stretch of the sentence, 0 none.
    incident: u8,
    /// Printed in a "Posted:" / "Updated:" line: the page's own date.
    stamp: bool,
}

/// Verbs and nouns that date the report or a later step rather than the
/// incident: statements, arrests, court steps, custody, funerals and
/// vigils, a victim's later condition.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "announced",
    "confirmed",
    "reported",
    "added",
    "stated",
    "released",
    "identified",
    "charged",
    "arrested",
    "arraigned",
    "indicted",
    "sentenced",
    "convicted",
    "pleaded",
    "pled",
    "testified",
    "ruled",
    "appeared",
    "booked",
    "jailed",
    "filed",
    "guilty",
    "updated",
    "posted",
    "published",
    "issued",
    "held",
    "vigil",
    "court",
    "hearing",
    "trial",
    "funeral",
    "declined",
    "asked",
    "spoke",
    "responded",
    "probation",
    "courtroom",
    "jail",
    "bail",
    "bond",
    "custody",
    "arraignment",
    "sentencing",
    "plea",
    "prison",
    "acquitted",
    "surrendered",
    "apprehended",
    "captured",
    "detained",
    "extradited",
    "autopsy",
    "memorial",
    "mourning",
    "gather",
    "gathered",
    "conference",
    "interview",
    "statement",
    "continued",
    "continues",
    "large",
    "condition",
    "remained",
    "remains",
    "scheduled",
    "hearings",
    "hospitalized",
    "shown",
    "pictured",
    "photographed",
    "revealed",
    "disclosed",
    "learned",
    "noted",
    "explained",
    "indicated",
    "turned",
    "accepted",
    "sworn",
    "met",
    "reporters",
];

/// Sets a date that only a statement or later step governs below every
/// date tied to the incident or to nothing.
const STEP_ONLY_PENALTY: f64 = 20.0;

/// How much less an "overnight" tells of the day than a named day does.
const OVERNIGHT_PENALTY: f64 = 2.5;

/// Verbs that close a sentence with its source ("…, police said").
const ATTRIBUTION_VERBS: &[&str] = &["said", "says", "say", "told", "added", "stated", "reported"];

/// Sets an older date without a word of the incident below every recent
/// or incident-tied date, yet above the dates of later steps.
const BACKGROUND_PENALTY: f64 = 10.0;

/// How many words before a date a reporting verb or later step may stand
/// and still govern it ("was sentenced to life in prison Thursday").
const STEP_WINDOW: usize = 6;

/// Words of the incident itself.
const INCIDENT_WORDS: &[&str] = &[
    "shot",
    "shoot",
    "shoots",
    "shooting",
    "shootings",
    "shootout",
    "gunfire",
    "gunshot",
    "gunshots",
    "gunman",
    "gunmen",
    "fired",
    "killed",
    "wounded",
    "injured",
    "wounding",
    "killing",
    "slain",
    "happened",
    "occurred",
    "opened",
    "struck",
    "hit",
    "stabbed",
    "murdered",
    "homicide",
    "discharged",
    "dead",
    "death",
    "deaths",
    "body",
    "bodies",
];

/// Nouns naming the incident that a date may modify ("the May 10 home
/// invasion", "Saturday's shooting").
const INCIDENT_NOUNS: &[&str] = &[
    "shooting",
    "shootings",
    "shootout",
    "gunfight",
    "homicide",
    "homicides",
    "killing",
    "killings",
    "slaying",
    "slayings",
    "murder",
    "murders",
    "rampage",
    "ambush",
    "attack",
    "massacre",
    "incident",
    "invasion",
    "robbery",
    "spree",
    "death",
    "deaths",
    "stabbing",
    "gunfire",
];

/// Words that cannot stand inside a noun phrase between a date and the
/// noun it modifies: after them the noun belongs to another phrase ("on
/// the Monday after the shooting").
const PHRASE_BREAKS: &[&str] = &[
    "after",
    "before",
    "of",
    "in",
    "at",
    "on",
    "the",
    "a",
    "an",
    "when",
    "following",
    "since",
    "to",
    "and",
    "or",
    "that",
    "which",
    "who",
    "with",
    "for",
    "from",
    "as",
    "was",
    "were",
    "is",
    "police",
    "said",
];

/// Words that may open a noun phrase whose modifier is the date.
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "last"];

/// Words that may follow a weekday as part of the date expression.
const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night", "s"];

/// Words that may stand between a verb and the date it governs.
const DATE_FILLERS: &[&str] = &[
    "on", "late", "early", "this", "last", "about", "around", "until", "by", "sometime", "just",
    "before", "after",
];

/// Verbs of a death that may come days after the shooting: "died Monday
/// from his injuries" dates the death, not the shooting.
const LATER_DEATH_VERBS: &[&str] = &["died", "dies", "succumbed"];

/// Words saying a death came from earlier wounds ("died Monday of his
/// injuries", "died Friday, days after"); "died Sunday of a gunshot wound"
/// names the cause only.
const EARLIER_WOUNDS: &[&str] = &["injuries", "wounds", "after"];

fn date_cue(text: &str, range: &Range<usize>, sentences: &[Range<usize>]) -> DateCue {
    let Some(ordinal) = sentences.iter().position(|s| within(range, s)) else {
        return DateCue {
            sentence: usize::MAX,
            ..DateCue::default()
        };
    };
    let sentence = &sentences[ordinal];
    let words = |slice: &str| -> Vec<String> {
        slice
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let before = text
        .get(sentence.start..range.start)
        .map(words)
        .unwrap_or_default();
    let after = text
        .get(range.end..sentence.end)
        .map(words)
        .unwrap_or_default();
    let is_incident = |w: &String| INCIDENT_WORDS.contains(&w.as_str());
    let is_step = |w: &String| REPORTING_VERBS.contains(&w.as_str());
    // Names do not part a verb from its date: "shot and killed John Smith
    // and Jane Doe on May 10" is as close as "shot two men on May 10".
    let before_unnamed: Vec<&String> = text
        .get(sentence.start..range.start)
        .unwrap_or("")
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .zip(before.iter())
        .filter(|(original, lower)| !is_name_word(original) || is_incident(lower) || is_step(lower))
        .map(|(_, lower)| lower)
        .collect();
    // "The shooting was reported at 2 a.m. Friday": a report whose subject
    // is the incident dates the incident.
    let incident_reported = |from_end: usize| {
        let at = before_unnamed.len().saturating_sub(from_end + 1);
        before_unnamed
            .get(at)
            .is_some_and(|w| w.as_str() == "reported")
            && before_unnamed
                .get(at.saturating_sub(3)..at)
                .is_some_and(|subject| subject.iter().any(|w| is_incident(w)))
    };
    // A date belongs to the nearest verb or noun before it: "was arrested
    // Friday for shooting a man" dates the arrest, the shooting it names
    // included; "police said a man was shot Sunday" dates the shooting.
    let nearest_incident = before_unnamed
        .iter()
        .rev()
        .take(14)
        .enumerate()
        .position(|(from_end, w)| is_incident(w) || incident_reported(from_end));
    let nearest_step = before_unnamed
        .iter()
        .rev()
        .take(STEP_WINDOW)
        .enumerate()
        .position(|(from_end, w)| is_step(w) && !incident_reported(from_end));
    let governed_by_step = match (nearest_step, nearest_incident) {
        (Some(step), Some(incident)) => step < incident,
        (Some(_), None) => true,
        _ => false,
    };
    // "Police Chief Smith on Sunday pleaded …": the verb may follow.
    let following = after.iter().find(|w| !PARTS_OF_DAY.contains(&w.as_str()));
    let governing = before
        .iter()
        .rev()
        .find(|w| !DATE_FILLERS.contains(&w.as_str()));
    let later_death = governing.is_some_and(|w| LATER_DEATH_VERBS.contains(&w.as_str()))
        && after
            .iter()
            .take(5)
            .any(|w| EARLIER_WOUNDS.contains(&w.as_str()));
    let names_incident = {
        let opens_phrase = before
            .last()
            .is_some_and(|w| DETERMINERS.contains(&w.as_str()));
        let possessive = text
            .get(range.end..)
            .is_some_and(|rest| rest.starts_with("'s") || rest.starts_with("’s"));
        let phrase: Vec<&String> = after
            .iter()
            .skip_while(|w| PARTS_OF_DAY.contains(&w.as_str()))
            .take(3)
            .take_while(|w| !PHRASE_BREAKS.contains(&w.as_str()))
            .collect();
        // "Two deadly overnight shootings": a noun right after the date
        // needs no determiner.
        let next_is_noun = phrase
            .first()
            .is_some_and(|w| INCIDENT_NOUNS.contains(&w.as_str()));
        next_is_noun
            || ((opens_phrase || possessive)
                && phrase.iter().any(|w| INCIDENT_NOUNS.contains(&w.as_str())))
    };
    // "Charged Monday in the May 10 shooting": the date the incident's
    // name carries is the incident's, whatever step governs the phrase.
    // "On Wednesday, his bail was set": a step just after the date governs
    // it unless a word of the incident right before does ("was shot
    // Sunday, police said").
    // A closing attribution ("…on Monday, police said") leaves the date to
    // the clause it closes.
    let step_after = nearest_incident.is_none_or(|at| at >= 4)
        && after
            .iter()
            .take(3)
            .take_while(|w| !is_incident(w))
            .any(|w| is_step(w) && !ATTRIBUTION_VERBS.contains(&w.as_str()));
    let reporting = !names_incident
        && (governed_by_step || following.is_some_and(is_step) || step_after || later_death);
    // Close by ("shot Sunday", "Saturday's shooting") the incident word
    // governs the date; further off it merely shares the sentence. Words of
    // the incident do not count for a date a later step governs.
    let incident = if names_incident {
        3
    } else if governed_by_step || later_death {
        0
    } else if nearest_incident.is_some_and(|at| at < 4) || after.iter().take(2).any(is_incident) {
        2
    } else if nearest_incident.is_some() || after.iter().take(8).any(is_incident) {
        1
    } else {
        0
    };
    let line_start = text
        .get(..range.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_opening = text
        .get(line_start..range.start)
        .unwrap_or("")
        .to_ascii_lowercase();
    let stamp = ["posted", "update", "published", "last modified"]
        .iter()
        .any(|w| line_opening.contains(w));
    DateCue {
        sentence: ordinal,
        in_title: false,
        reporting,
        incident,
        stamp,
    }
}

/// True for a capitalised word in running text ("Smith", "County"), not
/// for one in a line set in capitals.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Ordinal of the sentence holding `range`.
fn sentence_ordinal(sentences: &[Range<usize>], range: &Range<usize>) -> Option<usize> {
    sentences.iter().position(|s| ranges_overlap(s, range))
}

/// Consolidates the main event's date, place and casualty figures.
fn main_event(out: &Extraction, index: usize, context: &Context<'_>) -> MainEvent {
    let (_, first_title_figure, _) = context.title_starts;
    let (lead, body) = (context.lead, context.body);
    let event = &out.events[index];
    let lead_end = lead
        .get(LEAD_SENTENCES.min(lead.len()).saturating_sub(1))
        .map(|r| body.char_at(r.end))
        .unwrap_or(0);
    let in_lead = |a: &Anchor, end: usize| a.field == Field::Title || a.end <= end;

    let reference = out.reference_date.as_ref().map(|r| r.date);
    let date_item = choose_date(out, context, reference);
    let (date, date_precision) = match date_item {
        Some(d) => (d.date, Some(d.precision)),
        None => (reference, reference.map(|_| DatePrecision::Day)),
    };

    let place = choose_place(out, context, event);

    // Casualties: the largest stated count per predicate in the headline and
    // lead, leaving out background counts — a figure whose sentence is dated
    // well before the event, or which is placed in another country than the
    // event. "N shot" counts every victim, so injured is at least shot − killed.
    let event_country = place.as_ref().map(|p| p.country_code.clone());
    let background = |f: &FigureItem| {
        let old_date = f
            .date
            .and_then(|i| out.dates.get(i))
            .and_then(|d| d.date)
            .zip(date)
            .is_some_and(|(d, event_date)| (event_date - d).num_days() > RECENT_DAYS);
        let elsewhere = f
            .place
            .and_then(|i| out.entities.get(i))
            .and_then(|e| e.place.as_ref())
            .zip(event_country.as_ref())
            .is_some_and(|(p, country)| &p.country_code != country);
        old_date || elsewhere
    };
    let title_start = first_title_figure.min(out.figures.len());
    let lead_figures = out
        .figures
        .iter()
        .enumerate()
        .filter(|(position, f)| *position >= title_start || in_lead(&f.anchor, lead_end))
        .filter(|(_, f)| !background(f));
    let (mut killed, mut injured, mut shot): (Option<f64>, Option<f64>, Option<f64>) =
        (None, None, None);
    let max = |slot: &mut Option<f64>, v: f64| *slot = Some(slot.map_or(v, |s| s.max(v)));
    for (position, f) in lead_figures {
        let Some(v) = f.value.or(f.low) else { continue };
        match f.predicate.as_deref() {
            // "Four were shot, one fatally": a part of another count, yet
            // a count of the dead all the same (the largest is kept, so it
            // is never added to another).
            Some("killed") => max(&mut killed, v),
            Some("injured") if f.partitive => {}
            // "N shot" counts every victim hit; a victim mentioned one by
            // one ("the boy was shot") may be the one later reported dead.
            Some("injured") if context.shot_figures.get(position).copied().unwrap_or(false) => {
                max(&mut shot, v)
            }
            Some("injured") => max(&mut injured, v),
            _ => {}
        }
    }
    if killed.is_none() && reports_a_death(context) {
        killed = Some(1.0);
    }
    if let Some(shot) = shot {
        let implied = shot - killed.unwrap_or(0.0);
        if implied > 0.0 {
            max(&mut injured, implied);
        }
    }
    MainEvent {
        event: index,
        kind: event.kind.clone(),
        date,
        date_precision,
        place,
        killed: killed.map(|v| v.round() as i64),
        injured: injured.map(|v| v.round() as i64),
    }
}

/// Sentences at the top of the body in which a word of death makes the
/// main event a fatal one.
const DEATH_CUE_SENTENCES: usize = 2;

/// Words saying someone died, whoever and however many.
const DEATH_WORDS: &[&str] = &[
    "fatal", "fatally", "died", "dies", "dead", "killed", "slain", "homicide",
];

/// True when the headline or the first sentences say that someone died
/// ("Police investigate fatal shooting", "the shooting death of",
/// "charged with murder") though no count of the dead was read: the
/// event killed at least one. An attempted murder is no death.
fn reports_a_death(context: &Context<'_>) -> bool {
    let body = context.body.text;
    let lead = context
        .lead
        .iter()
        .take(DEATH_CUE_SENTENCES)
        .filter_map(|range| body.get(range.clone()));
    context.title.into_iter().chain(lead).any(|text| {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.iter().enumerate().any(|(at, word)| {
            let previous = at
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .map(String::as_str);
            DEATH_WORDS.contains(&word.as_str())
                || (word == "death" && previous == Some("shooting"))
                || (matches!(word.as_str(), "murder" | "murdered")
                    && !matches!(previous, Some("attempted" | "attempt")))
        })
    })
}

/// True when a date expression names a day of the week ("Tuesday's",
/// "late Friday night"), which counts from the week of the report rather
/// than from the moment of a quoted speaker.
fn names_weekday(expression: &str) -> bool {
    let lower = expression.to_lowercase();
    dates::weekday_names().any(|day| lower.contains(day))
}

/// The main event's date: among the day-precise dates of the headline and
/// lead, the best placed — next to a word of the incident, in the event's
/// sentence, early, within the days before the reference date (news reports
/// recent events; an older date is background unless it dates the incident
/// itself, as follow-up reports do: "the March 1 shooting"), and not the
/// date of the report ("police said Thursday") or of a page stamp.
fn choose_date<'a>(
    out: &'a Extraction,
    context: &Context<'_>,
    reference: Option<NaiveDate>,
) -> Option<&'a DateItem> {
    let mut best: Option<(f64, &DateItem)> = None;
    for (item, cue) in out.dates.iter().zip(context.date_cues) {
        let Some(date) = item.date else { continue };
        // A date naming the incident ("the May 10 shooting") dates it
        // wherever it stands: follow-up reports recall it late.
        // Further down, only a date tied to the incident counts: follow-up
        // reports recall the incident's date after the news of the day.
        let beyond_lead = !cue.in_title && cue.sentence >= LEAD_SENTENCES;
        // Only a written-out date or a named weekday there: a "last night"
        // in a quotation counts from a day the text does not give.
        let incident_only = !cue.reporting
            && cue.incident > 0
            && (item.kind == "absolute" || names_weekday(&item.anchor.text));
        if item.precision != DatePrecision::Day
            || cue.stamp
            || (cue.sentence == usize::MAX && !cue.in_title)
            || (beyond_lead && !incident_only)
        {
            continue;
        }
        let age = reference.map_or(0, |r| (r - date).num_days());
        if age < 0 {
            continue;
        }
        let recent = age <= RECENT_DAYS;
        // An older date with no word of the incident is background, unless
        // the report has nothing better than the dates of later steps: a
        // court report's written-out date ("on Aug. 5 the boys found the
        // guns") is then the incident's more likely than the hearing's.
        let background = !recent && cue.incident == 0;
        // Only a date written with its day counts then: a holiday ("St.
        // Patrick's Day") names no year, so months back it is a passing
        // mention, not the incident.
        let written_day = item.anchor.text.chars().any(|c| c.is_ascii_digit());
        if background && (cue.reporting || item.kind != "absolute" || beyond_lead || !written_day) {
            continue;
        }
        let mut score = if recent { 1.5 } else { 0.0 };
        if background {
            score -= BACKGROUND_PENALTY;
        }
        score += match cue.incident {
            3 => 3.5,
            2 => 2.5,
            1 => 1.5,
            _ => 0.0,
        };
        if cue.reporting {
            score -= 2.5;
        }
        if !cue.in_title && context.event_sentence == Some(cue.sentence) {
            score += 1.0;
        }
        let position = if cue.in_title {
            0
        } else {
            cue.sentence.min(LEAD_SENTENCES) + 1
        };
        score -= 0.25 * position as f64;
        if beyond_lead {
            score -= 0.5;
        }
        // "Overnight" straddles two days: a stated day and hour outweigh it.
        if item.anchor.text.to_lowercase().contains("overnight") {
            score -= OVERNIGHT_PENALTY;
        }
        // A date only a statement or later step governs dates the incident
        // only when no other date does.
        if cue.reporting && cue.incident == 0 {
            score -= STEP_ONLY_PENALTY;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, item));
        }
    }
    best.map(|(_, item)| item)
}

/// The main event's place: the best placed city (or county) among the
/// headline's and lead's places — in the dateline, the headline or the
/// event's sentence, early, named more than once — read in the country and
/// state the article is about. A bare name resolved to another state than
/// the one the article names ("Jacksonville" in a story that says
/// "Florida") is read again in that state when the gazetteer has it there,
/// and otherwise loses heavily. Evidence adds up per place over its
/// mentions; a suspect's home (", of Dayton") and a page title's outlet
/// tail ("- Spokane News") count against or not at all.
fn choose_place(out: &Extraction, context: &Context<'_>, event: &EventItem) -> Option<PlaceRef> {
    let places: Vec<(&EntityItem, &PlaceRef, usize)> = out
        .entities
        .iter()
        .zip(context.entity_sentences)
        // Organisations named after their seat ("Henry County Police")
        // place the story as well as a place name does.
        .filter(|(e, _)| e.kind == "place" || e.kind == "organisation")
        .filter_map(|(e, sentence)| Some((e, e.place.as_ref()?, *sentence)))
        .collect();
    // The article's country and state: the most often named (a state named
    // outright counts double; ties go to the first named).
    let mut countries: Vec<(&str, usize, usize)> = Vec::new();
    let mut states: Vec<(&str, usize, usize)> = Vec::new();
    for (order, (_, place, _)) in places.iter().enumerate() {
        tally(&mut countries, place.country_code.as_str(), 1, order);
        if let Some(region) = place.region.as_deref() {
            let weight = if place.kind == "region" { 2 } else { 1 };
            tally(&mut states, region, weight, order);
        }
    }
    let country = most_named(&countries);
    // A name read as a foreign country in a story set in one country is
    // that country's region when it has one of the name ("Georgia").
    let reread_states: Vec<PlaceRef> = places
        .iter()
        .filter(|(_, p, _)| {
            p.kind == "country" && country.as_deref().is_some_and(|c| c != p.country_code)
        })
        .filter_map(|(e, _, _)| {
            places::lookup(&e.name)
                .into_iter()
                .find(|p| {
                    p.kind == places::PlaceKind::Region
                        && country.as_deref() == Some(p.country_code.as_str())
                })
                .map(|p| place_ref(&p))
        })
        .collect();
    for (order, place) in reread_states.iter().enumerate() {
        if let Some(region) = place.region.as_deref() {
            tally(&mut states, region, 2, places.len() + order);
        }
    }
    let named_states: Vec<&str> = places
        .iter()
        .map(|(_, p, _)| *p)
        .chain(&reread_states)
        .filter(|p| p.kind == "region")
        .filter_map(|p| p.region.as_deref())
        .collect();
    // The state: one the article names, else one its towns agree on
    // clearly (two mentions more than any other).
    let state = most_named(&states)
        .filter(|s| named_states.contains(&s.as_str()))
        .or_else(|| {
            let mut counts: Vec<usize> = states.iter().map(|(_, count, _)| *count).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let clear = counts
                .first()
                .is_some_and(|first| *first >= counts.get(1).copied().unwrap_or(0) + 2);
            most_named(&states).filter(|_| clear)
        });

    // Each place's evidence accumulates over its mentions: the best placed
    // mention counts in full, and a headline or event-sentence mention
    // elsewhere adds to it — a town in the headline and in "a shooting in
    // Kent" outweighs the dateline city where the report was filed.
    let event_sentence = context.event_sentence;
    let event_place_id = event
        .place
        .and_then(|i| out.entities.get(i))
        .and_then(|e| e.place.as_ref())
        .map(|p| p.id.as_str());
    let mut evidence: Vec<PlaceEvidence> = Vec::new();
    for (entity, place, sentence) in &places {
        let in_title = *sentence == TITLE_SENTENCE;
        if in_title && entity.anchor.start >= context.headline_end {
            // The page title's tail names the outlet ("- Spokane News"), not the event.
            continue;
        }
        if !in_title && *sentence >= LEAD_SENTENCES {
            continue;
        }
        let original_id = place.id.clone();
        let mut place = (*place).clone();
        let mut score = match place.kind.as_str() {
            "city" => 3.0,
            "county" => 2.0,
            _ => continue,
        };
        if country.as_deref().is_some_and(|c| c != place.country_code) {
            score -= 4.0;
        }
        if let Some(state) = state.as_deref()
            && place.region.as_deref() != Some(state)
            && place.country_code == "US"
        {
            match reread_in_region(&entity.name, &place.kind, state) {
                Some(other) => place = other,
                None => score -= OUT_OF_STATE_PENALTY,
            }
        }
        let in_dateline = entity.anchor.field == Field::Text
            && context.dateline.is_some_and(|(start, end)| {
                entity.anchor.start >= start && entity.anchor.end <= end
            });
        if in_dateline {
            score += 2.0;
        }
        // An organisation named after its seat places the story less
        // surely than a place name, except the police of a city or county:
        // the agency that answered the call has the incident's
        // jurisdiction ("a Chicago Police spokeswoman" in a story about
        // Chatham, a Chicago neighbourhood that shares a town's name).
        if entity.kind != "place" {
            score += if is_police_agency(&entity.name) {
                POLICE_AGENCY_BONUS
            } else {
                -0.5
            };
        }
        // "Julian Johnson, 29, of Dayton": where a person lives, not where
        // the event happened.
        if entity.anchor.field == Field::Text
            && context
                .body
                .text_before(entity.anchor.start)
                .ends_with(", of ")
        {
            score -= 2.0;
        }
        let in_event_sentence =
            !in_title && event_sentence == Some(*sentence) && event.anchor.field == Field::Text;
        if in_title {
            score += 1.0;
        } else {
            if in_event_sentence {
                score += 1.5;
            }
            score -= 0.2 * *sentence as f64;
        }
        if event_place_id == Some(original_id.as_str()) {
            score += 0.5;
        }
        match evidence.iter_mut().find(|e| e.place.id == place.id) {
            Some(known) => {
                if score > known.best {
                    known.best = score;
                    known.best_in_title = in_title;
                    known.best_in_event = in_event_sentence;
                }
                known.in_title |= in_title;
                known.in_event |= in_event_sentence;
                known.mentions += 1;
            }
            None => evidence.push(PlaceEvidence {
                place,
                best: score,
                best_in_title: in_title,
                best_in_event: in_event_sentence,
                in_title,
                in_event: in_event_sentence,
                mentions: 1,
            }),
        }
    }
    let best = evidence
        .into_iter()
        .map(|e| {
            let mut score = e.best + 0.4 * (e.mentions.min(4) as f64 - 1.0);
            if e.in_title && !e.best_in_title {
                score += 1.0;
            }
            if e.in_event && !e.best_in_event {
                score += 1.0;
            }
            (score, e.place)
        })
        // The first place reaching the top score wins (evidence is in mention order).
        .fold(None::<(f64, PlaceRef)>, |best, (score, place)| match best {
            Some((b, _)) if score <= b => best,
            _ => Some((score, place)),
        });
    // A county holding a city the lead names: the city is the more
    // precise answer ("Horry County deputies … in Myrtle Beach").
    let best = best.map(|(_, place)| place).map(|place| {
        if place.kind != "county" {
            return place;
        }
        places
            .iter()
            .filter(|(_, _, s)| *s == TITLE_SENTENCE || *s < LEAD_SENTENCES)
            .map(|(_, p, _)| *p)
            .find(|p| {
                p.kind == "city"
                    && p.region == place.region
                    && p.county.as_deref() == Some(place.name.as_str())
            })
            .cloned()
            .unwrap_or(place)
    });
    best.or_else(|| {
        // No city or county in the lead: the event's own place, else the
        // first state named.
        event
            .place
            .and_then(|i| out.entities.get(i))
            .and_then(|e| e.place.clone())
            .or_else(|| {
                places
                    .iter()
                    .find(|(_, p, s)| {
                        p.kind == "region" && (*s == TITLE_SENTENCE || *s < LEAD_SENTENCES)
                    })
                    .map(|(_, p, _)| (*p).clone())
            })
    })
}

/// What the headline and lead say for one place (see `choose_place`).
struct PlaceEvidence {
    place: PlaceRef,
    /// Score of its best placed mention.
    best: f64,
    best_in_title: bool,
    best_in_event: bool,
    in_title: bool,
    in_event: bool,
    mentions: usize,
}

/// Counts `weight` for `key`, remembering the order of first mention.
fn tally<'a>(list: &mut Vec<(&'a str, usize, usize)>, key: &'a str, weight: usize, order: usize) {
    match list.iter_mut().find(|(k, _, _)| *k == key) {
        Some(entry) => entry.1 += weight,
        None => list.push((key, weight, order)),
    }
}

/// The key counted most; on a tie, the first mentioned.
fn most_named(list: &[(&str, usize, usize)]) -> Option<String> {
    list.iter()
        .max_by_key(|(_, count, order)| (*count, std::cmp::Reverse(*order)))
        .map(|(key, _, _)| (*key).to_string())
}

/// How much the seat of a police agency named in the story counts beyond a
/// place name's mention.
const POLICE_AGENCY_BONUS: f64 = 1.0;

/// True for a police agency's name ("Chicago Police Department", "Henry
/// County Sheriff's Office").
fn is_police_agency(name: &str) -> bool {
    name.split_whitespace().any(|word| {
        matches!(
            word.trim_end_matches("'s"),
            "Police" | "Sheriff" | "Sheriffs"
        )
    })
}

/// The gazetteer place of the same kind named `name` in `region`, if
/// exactly one exists there.
pub(crate) fn reread_in_region(name: &str, kind: &str, region: &str) -> Option<PlaceRef> {
    let mut found = places::lookup(name)
        .into_iter()
        .filter(|p| p.kind.as_str() == kind && p.region.as_deref() == Some(region));
    let first = found.next()?;
    if found.next().is_some() {
        return None;
    }
    Some(place_ref(&first))
}

fn date_item(index: &CharIndex<'_>, field: Field, d: &dates::DateMention) -> Option<DateItem> {
    Some(DateItem {
        anchor: index.anchor(field, &d.range)?,
        kind: match d.kind {
            dates::DateKind::Absolute => "absolute",
            dates::DateKind::Relative => "relative",
        }
        .to_string(),
        date: d.date,
        precision: d.precision,
        part_of_day: d.part_of_day.map(str::to_string),
        weekday_conflict: d.weekday_conflict,
    })
}

fn entity_item(
    index: &CharIndex<'_>,
    field: Field,
    e: &entities::EntityMention,
) -> Option<EntityItem> {
    Some(EntityItem {
        anchor: index.anchor(field, &e.range)?,
        kind: e.kind.as_str().to_string(),
        name: e.name.clone(),
        role: e.role.clone(),
        place: e.place.as_ref().map(place_ref),
        entity: None,
    })
}

fn figure_item(
    anchor: Anchor,
    f: &figures::Figure,
    sentence: (usize, usize),
    date: Option<usize>,
    place: Option<usize>,
) -> FigureItem {
    FigureItem {
        anchor,
        value: f.value,
        low: f.low,
        high: f.high,
        qualifier: f.qualifier.map(|q| q.as_str().to_string()),
        approximate: f.approximate,
        implicit: f.implicit,
        partitive: f.partitive,
        counted: f.counted.clone(),
        predicate: f.predicate.map(|p| p.as_str().to_string()),
        sentence,
        date,
        place,
    }
}

/// The stored form of a gazetteer place.
pub fn place_ref(p: &places::Place) -> PlaceRef {
    PlaceRef {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind.as_str().to_string(),
        country_code: p.country_code.clone(),
        country: p.country.clone(),
        region: p.region.clone(),
        county: p.county.clone(),
        lat: p.lat,
        lon: p.lon,
    }
}

/// For each stage item, its index among the stored items (`None` if dropped).
fn index_map<T>(items: &[T], kept: impl Fn(&T) -> bool) -> Vec<Option<usize>> {
    let mut next = 0;
    items
        .iter()
        .map(|item| {
            if kept(item) {
                next += 1;
                Some(next - 1)
            } else {
                None
            }
        })
        .collect()
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    inner.start >= outer.start && inner.end <= outer.end
}

fn ranges_overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// An ISO country code for an outlet's web domain, from its country-code
/// top-level domain (`.co.uk` → GB, `.in` → IN); `None` for generic ones.
pub fn region_hint_for_domain(domain: &str) -> Option<&'static str> {
    let tld = domain.rsplit('.').next()?;
    Some(match tld {
        "uk" => "GB",
        "in" => "IN",
        "au" => "AU",
        "ca" => "CA",
        "ie" => "IE",
        "nz" => "NZ",
        "za" => "ZA",
        "pk" => "PK",
        "ng" => "NG",
        "ke" => "KE",
        "sg" => "SG",
        "de" => "DE",
        "fr" => "FR",
        "us" => "US",
        "il" => "IL",
        "iq" => "IQ",
        "ae" => "AE",
        "qa" => "QA",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_maps_multibyte_text() {
        let text = "“Café” — naïve";
        let index = CharIndex::new(text);
        let start = text.find("Café").unwrap_or(0);
        let anchor = index
            .anchor(Field::Text, &(start..start + "Café".len()))
            .expect("valid");
        assert_eq!(
            (anchor.start, anchor.end, anchor.text.as_str()),
            (1, 5, "Café")
        );
        assert_eq!(
            index.anchor(Field::Text, &(1..2)),
            None,
            "not on a char boundary"
        );
    }

    #[test]
    fn every_anchor_matches_its_text() {
        let title = "Two killed, three hurt in Elm Street shooting";
        let text = "Two men were killed and three people were wounded in a shooting on Elm Street in Springfield, Ill., late Sunday, police said.\n\n“We are working around the clock,” Police Chief Jane Porter said on Monday. Porter said officers arrested a 19-year-old man.";
        let published = NaiveDate::from_ymd_opt(2016, 5, 3);
        let out = run(&Input {
            title: Some(title),
            text,
            published,
            region_hint: Some("US"),
        });
        let check = |a: &Anchor| {
            let field = if a.field == Field::Title { title } else { text };
            let slice: String = field.chars().skip(a.start).take(a.end - a.start).collect();
            assert_eq!(slice, a.text);
        };
        out.entities.iter().for_each(|e| check(&e.anchor));
        out.dates.iter().for_each(|d| check(&d.anchor));
        out.figures.iter().for_each(|f| check(&f.anchor));
        out.quotes.iter().for_each(|q| check(&q.anchor));
        out.events.iter().for_each(|e| check(&e.anchor));
        let main = out.main_event.clone().expect("main event");
        assert_eq!((main.killed, main.injured), (Some(2), Some(3)), "{out:#?}");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-05-01")
        );
        assert_eq!(
            main.place.as_ref().map(|p| p.name.as_str()),
            Some("Springfield")
        );
        assert_eq!(
            out.quotes.first().and_then(|q| q.speaker.as_deref()),
            Some("Jane Porter")
        );
    }

    fn main_place(title: &str, text: &str) -> Option<String> {
        let published = NaiveDate::from_ymd_opt(2016, 5, 3);
        let out = run(&Input {
            title: Some(title),
            text,
            published,
            region_hint: Some("US"),
        });
        out.main_event.and_then(|m| m.place).map(|p| p.id)
    }

    #[test]
    fn a_region_named_in_the_headline_settles_the_body_s_town() {
        let text = "A teenager was shot and killed Sunday at a home in Lexington, police said. Officers found him in the kitchen.";
        assert_eq!(
            main_place(
                "Teen killed at Lexington home - Columbia, South Carolina",
                text
            )
            .as_deref(),
            Some("US/South Carolina/Lexington")
        );
        // Without the headline's region the large city of the name wins.
        assert_eq!(
            main_place("Teen killed at home", text).as_deref(),
            Some("US/Kentucky/Lexington")
        );
    }

    #[test]
    fn a_neighbourhood_the_body_names_is_no_town_in_the_headline() {
        let text = "A teenager was shot Saturday night in the Austin neighborhood, Chicago police said. He was taken to a hospital.";
        assert_eq!(
            main_place("Teen shot in Austin", text).as_deref(),
            Some("US/Illinois/Chicago")
        );
        let published = NaiveDate::from_ymd_opt(2016, 5, 3);
        let out = run(&Input {
            title: Some("Teen shot in Austin"),
            text,
            published,
            region_hint: Some("US"),
        });
        let places: Vec<&str> = out
            .entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(places, vec!["US/Illinois/Chicago"]);
    }

    #[test]
    fn the_police_agency_names_the_jurisdiction() {
        let text = "A man was shot Sunday night near a store in Chatham, said Officer Ann Lee, a Chicago Police spokeswoman. He was taken to a hospital.";
        assert_eq!(
            main_place("Man shot outside store", text).as_deref(),
            Some("US/Illinois/Chicago")
        );
        assert!(
            is_police_agency("Henry County Sheriff's Office")
                && !is_police_agency("Chicago Tribune")
        );
    }

    #[test]
    fn a_headline_town_outweighs_the_dateline_city() {
        let text = "SEATTLE – A man was shot and wounded early Sunday in Kent, police said. Kent officers are looking for a gray sedan.";
        assert_eq!(
            main_place("Man wounded in Kent shooting", text).as_deref(),
            Some("US/Washington/Kent")
        );
    }

    #[test]
    fn where_a_suspect_lives_is_not_where_it_happened() {
        let text = "A man was shot and killed outside a bar in Springfield, Ohio, on Sunday. Julian Baker, 29, of Dayton, was arrested Monday.";
        assert_eq!(
            main_place("Suspect held in bar killing", text).as_deref(),
            Some("US/Ohio/Springfield")
        );
        let text = "Julian Baker, 29, of Dayton, was charged Monday in a shooting that killed a man outside a Springfield bar.";
        assert_ne!(
            main_place("Suspect held in bar killing", text).as_deref(),
            Some("US/Ohio/Dayton")
        );
    }

    #[test]
    fn the_outlet_tail_of_a_page_title_is_not_a_headline_place() {
        assert_eq!(
            headline_end("Teen charged in accidental shooting - Spokane News & Weather"),
            35
        );
        assert_eq!(
            headline_end("Shooting - Spokane"),
            "Shooting - Spokane".chars().count()
        );
    }

    fn main_of(title: &str, text: &str, published: &str) -> MainEvent {
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let out = run(&Input {
            title: Some(title),
            text,
            published,
            region_hint: None,
        });
        out.main_event.expect("main event")
    }

    #[test]
    fn headline_only_article_gets_its_main_event_from_the_headline() {
        let main = main_of(
            "Man killed, two hurt in Dayton, Ohio shooting",
            "",
            "2016-05-03",
        );
        assert_eq!((main.killed, main.injured), (Some(1), Some(2)));
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-05-03")
        );
        assert_eq!(main.place.as_ref().map(|p| p.name.as_str()), Some("Dayton"));
    }

    #[test]
    fn incident_date_beats_the_date_of_the_report() {
        // Published on a Friday: "said Thursday" dates the statement, the
        // shooting happened on Wednesday.
        let text = "A teenager is accused of shooting his uncle, state police said Thursday.\n\nThe uncle was shot just after 7 a.m. Wednesday at his home, a trooper said.";
        let main = main_of("Teen accused of shooting uncle", text, "2016-12-02");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-11-30")
        );
    }

    #[test]
    fn follow_up_report_dates_the_incident_it_names() {
        let text = "A man was sentenced Monday to 20 years in prison for the March 1, 2014, shooting that killed a teenager outside a bar.";
        let main = main_of("Man sentenced in bar shooting", text, "2015-09-10");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2014-03-01")
        );
    }

    #[test]
    fn a_briefing_or_swearing_in_dates_no_shooting() {
        let text = "Police met with reporters Wednesday to discuss the shooting death of a teen.";
        assert!(cue_of(text, "Wednesday").reporting);
        let text = "She had been sworn in as an officer on Friday and was on her first shift.";
        assert!(cue_of(text, "Friday").reporting);
    }

    #[test]
    fn a_holiday_months_back_is_not_the_incident_date() {
        let text = "A nine-year-old girl was struck by gunfire, police said.\n\nBest places to celebrate a proper St. Patrick's Day with family and friends this year.";
        let main = main_of("Girl struck by gunfire", text, "2016-08-14");
        assert_ne!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-03-17")
        );
        // A date written with its day still dates the incident a court
        // report recalls.
        let text =
            "The boys found the guns on Aug. 5 in a closet, prosecutors said at the hearing.";
        let main = main_of("Teens sentenced", text, "2016-12-14");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-08-05")
        );
    }

    #[test]
    fn page_stamp_is_not_the_incident_date() {
        let text = "Posted: Monday, August 11, 2014 9:34 AM EDT\n\nA boy is dead after an accidental shooting on Sunday night, police said.";
        let main = main_of("Boy killed in accidental shooting", text, "2014-08-11");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2014-08-10")
        );
    }

    #[test]
    fn place_prefers_the_city_inside_a_named_county() {
        let text = "Horry County deputies are investigating a shooting that killed a man late Saturday in Myrtle Beach.";
        let main = main_of("Deputies investigate deadly shooting", text, "2016-05-08");
        assert_eq!(
            main.place.as_ref().map(|p| p.name.as_str()),
            Some("Myrtle Beach")
        );
    }

    #[test]
    fn place_is_read_in_the_state_the_article_names() {
        // Without context this name resolves elsewhere; the story names
        // Georgia, which has a town of that name.
        let text = "A man was shot and killed Sunday in Columbus, police said. It was the third homicide this year in the city, the largest in its part of Georgia.";
        let main = main_of("Man killed in shooting", text, "2016-05-09");
        let place = main.place.expect("place");
        assert_eq!(
            (place.name.as_str(), place.region.as_deref()),
            ("Columbus", Some("Georgia"))
        );
    }

    #[test]
    fn organisation_seat_places_a_story_without_a_place_name() {
        let text = "Corpus Christi Police officers responded to a shooting late Tuesday and found a teenager with a gunshot wound.";
        let main = main_of("Teen shot", text, "2017-02-15");
        assert_eq!(
            main.place.as_ref().map(|p| p.name.as_str()),
            Some("Corpus Christi")
        );
    }

    #[test]
    fn victim_reported_shot_then_dead_is_not_also_injured() {
        let text = "A man was found shot in an alley early Sunday, police said. He was pronounced dead at the scene.";
        let main = main_of("Man found shot in alley", text, "2016-11-14");
        assert_eq!((main.killed, main.injured), (Some(1), None));
    }

    #[test]
    fn headline_with_a_bare_object_counts_the_victim() {
        let main = main_of(
            "Teen accidentally shoots 5-year-old boy in leg",
            "",
            "2016-12-29",
        );
        assert_eq!(
            (main.kind.as_str(), main.killed, main.injured),
            ("shooting", None, Some(1))
        );
    }

    #[test]
    fn people_shot_include_the_dead() {
        let text = "Police said a gunman opened fire on a porch early Sunday, shooting six people. One of the victims died at the hospital.";
        let main = main_of("6 shot, 1 fatally, on porch", text, "2016-06-12");
        assert_eq!((main.killed, main.injured), (Some(1), Some(5)));
    }

    #[test]
    fn wounded_count_beside_a_shot_count_is_not_raised() {
        let text = "Two men were killed and three people were wounded at a party late Saturday. Police said five people were shot in all.";
        let main = main_of("Two dead at party", text, "2016-06-12");
        assert_eq!((main.killed, main.injured), (Some(2), Some(3)));
    }

    #[test]
    fn survivor_named_apart_from_the_dead_is_injured() {
        let text = "A 40-year-old man was shot and killed outside a store on Monday. A second man was critically injured.";
        let main = main_of("Man killed outside store", text, "2016-06-13");
        assert_eq!((main.killed, main.injured), (Some(1), Some(1)));
    }

    #[test]
    fn death_word_without_a_count_means_one_killed() {
        let text = "Police are looking for a gunman after the incident on Oak Street late Friday. Officers found a car riddled with bullets.";
        let main = main_of(
            "Police investigate fatal shooting on Oak Street",
            text,
            "2016-06-11",
        );
        assert_eq!((main.killed, main.injured), (Some(1), None));
        let attempted = main_of("Two charged with attempted murder", text, "2016-06-11");
        assert_eq!((attempted.killed, attempted.injured), (None, None));
    }

    #[test]
    fn date_followed_by_a_reporting_verb_dates_the_report() {
        let text = "One man died and eleven others were shot, and the police chief on Sunday pleaded with witnesses to come forward. Gunmen opened fire about 8:30 p.m. Saturday at a party.";
        let main = main_of("Twelve shot at party", text, "2015-06-21");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2015-06-20")
        );
    }
    /// The cue of the first occurrence of `date` in a one-paragraph text.
    fn cue_of(text: &str, date: &str) -> DateCue {
        let start = text.find(date).expect("date in text");
        let sentence_ranges: Vec<Range<usize>> = sentences::split(text)
            .into_iter()
            .map(|s| s.range)
            .collect();
        date_cue(text, &(start..start + date.len()), &sentence_ranges)
    }

    #[test]
    fn a_date_belongs_to_the_nearest_step_or_incident_word() {
        let arrest = cue_of(
            "A teen was arrested Friday for shooting a man on a porch.",
            "Friday",
        );
        assert_eq!((arrest.reporting, arrest.incident), (true, 0));
        let shot = cue_of("Police said a man was shot Sunday outside a bar.", "Sunday");
        assert_eq!((shot.reporting, shot.incident), (false, 2));
        let sentence = cue_of(
            "The driver was sentenced to life in prison Thursday for the killing.",
            "Thursday",
        );
        assert_eq!((sentence.reporting, sentence.incident), (true, 0));
    }

    #[test]
    fn names_do_not_part_a_verb_from_its_date() {
        let cue = cue_of(
            "Deputies say a gunman shot and killed Mark Allen Lee and Anna Price on May 10 at a gas station.",
            "May 10",
        );
        assert_eq!((cue.reporting, cue.incident), (false, 2));
    }

    #[test]
    fn a_date_naming_the_incident_is_the_incident_date() {
        let invasion = cue_of(
            "Two men were charged Monday in the May 10 home invasion that left a baby dead.",
            "May 10",
        );
        assert_eq!((invasion.reporting, invasion.incident), (false, 3));
        let possessive = cue_of(
            "Detectives have no suspect in Tuesday's deadly shooting on Elm Street.",
            "Tuesday",
        );
        assert_eq!(possessive.incident, 3);
        let bare = cue_of(
            "The victims of two deadly overnight shootings were identified.",
            "overnight",
        );
        assert_eq!(bare.incident, 3);
        let later = cue_of(
            "Neighbors gathered on the Monday after the shooting to pray.",
            "Monday",
        );
        assert_ne!(later.incident, 3);
    }

    #[test]
    fn an_incident_reported_at_a_time_dates_the_incident() {
        let cue = cue_of(
            "The shooting was reported around 12:15 a.m. Friday in the 200 block of Oak Street.",
            "Friday",
        );
        assert_eq!((cue.reporting, cue.incident), (false, 2));
        let statement = cue_of(
            "The arrest was reported Friday by the sheriff's office.",
            "Friday",
        );
        assert!(statement.reporting);
    }

    #[test]
    fn a_death_from_earlier_wounds_is_a_later_step() {
        let later = cue_of(
            "The teen died Monday of his injuries at a hospital.",
            "Monday",
        );
        assert_eq!((later.reporting, later.incident), (true, 0));
        let cause = cue_of(
            "The teen died Sunday of a single gunshot wound to the chest.",
            "Sunday",
        );
        assert!(!cause.reporting);
    }

    #[test]
    fn an_arrest_date_yields_to_the_incident_date() {
        // Published on a Saturday: the arrest was on Friday, the shooting on
        // Wednesday, stated without a word of the shooting beside it.
        let text = "A man was arrested Friday in the shooting of his neighbor.\n\nThe neighbor was found in his driveway on Wednesday with a wound to the leg, police said.";
        let main = main_of("Man arrested in neighbor shooting", text, "2016-06-11");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-06-08")
        );
    }

    #[test]
    fn shoot_is_a_word_of_the_incident() {
        // Published on a Thursday: the search was Wednesday, the shooting Tuesday.
        let text = "Deputies searched a neighborhood Wednesday and found a gun they believe was used to shoot a boy Tuesday night.";
        let main = main_of("Gun found after boy shot", text, "2015-11-26");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2015-11-24")
        );
    }

    #[test]
    fn a_weekday_tied_to_the_incident_dates_it_beyond_the_lead() {
        let mut text = String::from(
            "The family of a boy thanked neighbors for their support, a relative said Thursday.\n\n",
        );
        for count in 1..=LEAD_SENTENCES {
            text.push_str(&format!("Friend number {count} of the family left flowers and a card at the school gate.\n\n"));
        }
        text.push_str("The boy was shot Tuesday night outside his home.");
        let main = main_of("Family thanks neighbors", &text, "2016-03-11");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-03-08")
        );
    }

    #[test]
    fn a_follow_up_names_the_incident_date_late_in_the_text() {
        let mut text = String::from(
            "A man pleaded guilty Tuesday to murder in a courtroom packed with relatives.\n\n",
        );
        for _ in 0..LEAD_SENTENCES {
            text.push_str("The judge set the sentencing for next month.\n\n");
        }
        text.push_str("Prosecutors said the man fired six rounds in the June 13, 2015, shooting at a house party.");
        let main = main_of(
            "Man pleads guilty in house party killing",
            &text,
            "2017-01-19",
        );
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2015-06-13")
        );
    }
    #[test]
    fn a_step_just_after_the_date_governs_it() {
        let bail = cue_of("On Wednesday, his bail was set at $1 million.", "Wednesday");
        assert!(bail.reporting);
        let shot = cue_of("A man was shot Sunday, police said.", "Sunday");
        assert_eq!((shot.reporting, shot.incident), (false, 2));
        let closing = cue_of(
            "A baby was struck by a stray round inside her home in the city on Saturday, police said.",
            "Saturday",
        );
        assert!(!closing.reporting);
    }

    #[test]
    fn a_photo_caption_dates_the_photo() {
        let cue = cue_of(
            "The house where the boy was hurt is shown Monday, August 1, 2016, in Houston.",
            "Monday, August 1, 2016",
        );
        assert_eq!((cue.reporting, cue.incident), (true, 0));
    }

    #[test]
    fn a_named_day_outweighs_overnight() {
        // Published on a Tuesday: the shooting began late Monday.
        let text = "A man was seriously hurt in an overnight shooting at a motel.\n\nThe incident happened around 11:30 p.m. Monday in the motel parking lot, police said.";
        let main = main_of("Man hurt in motel shooting", text, "2017-01-03");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2017-01-02")
        );
    }

    #[test]
    fn a_weekday_naming_the_incident_counts_beyond_the_lead() {
        let mut text = String::from("A town council voted Thursday to add street lights.\n\n");
        for _ in 0..LEAD_SENTENCES {
            text.push_str("Residents asked for more patrols.\n\n");
        }
        text.push_str("Tuesday's shooting was the third in the neighborhood this year.");
        let main = main_of(
            "Council votes on street lights after shooting",
            &text,
            "2016-06-03",
        );
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-05-31")
        );
        assert!(names_weekday("late Friday night"));
        assert!(!names_weekday("last night"));
    }
    #[test]
    fn a_court_report_falls_back_on_an_older_written_out_date() {
        let text = "A judge on Thursday accepted a guilty plea from a father whose son was wounded.\n\nThe boys awoke on Aug. 5 and found two handguns on a kitchen counter.";
        let main = main_of("Father pleads guilty after son wounded", text, "2016-05-05");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2015-08-05")
        );
        // With a recent date of the incident at hand, the older one stays background.
        let recent = "A boy was wounded Tuesday at his home.\n\nHis family moved there on Aug. 5 from another state.";
        let main = main_of("Boy wounded at home", recent, "2016-05-05");
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            Some("2016-05-03")
        );
    }
}
