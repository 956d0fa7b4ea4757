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
//!
//! Modules: `anchors` (byte ranges to character anchors, stage output to
//! stored items), `date_cues` (what a date is attached to), `main_event`
//! (the main event's date and casualty counts), `main_place` (its place).
//! Word lists are data files in `pipeline/`.

mod anchors;
mod date_cues;
mod main_event;
mod main_place;

use std::ops::Range;

use chrono::NaiveDate;

use super::items::{
    Anchor, DateItem, EXTRACTOR_VERSION, EntityItem, EventItem, Extraction, Field, FigureItem,
    MainEvent, NoiseItem, PlaceRef, QuoteItem, ReferenceDate,
};
use super::{dates, entities, events, figures, noise, places, quotes};
use crate::model::DatePrecision;
use crate::text::calendar;
use crate::text::sentences;
use crate::text::words::{WordList, WordTable};
use anchors::{CharIndex, date_item, entity_item, figure_item};
use date_cues::{DateCue, date_cue, sentence_ordinal};
use main_event::{Context, main_event};
pub(crate) use main_place::reread_in_region;

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
static STAMP_WORDS: WordList = WordList::new(include_str!("pipeline/stamp_words.txt"));

/// The sentence ordinal given to headline mentions.
const TITLE_SENTENCE: usize = usize::MAX - 1;

/// How many days a published date may lie after the page's own stamp
/// before the stamp is taken as the date of the report.
const STALE_PUBLISHED_DAYS: i64 = 2;

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
                kind: n.kind,
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
        .filter_map(quotes::PersonRef::from_mention)
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
            kind: q.kind,
            speaker: q.speaker.clone(),
            speaker_entity,
            verb: q.verb.clone(),
            continues_previous: q.continues_previous,
        });
    }

    let (entity_refs, date_refs, figure_refs) =
        event_refs(&entity_mentions, &date_mentions, &figure_list);
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
            kind: e.kind,
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
            let (entity_refs, date_refs, figure_refs) =
                event_refs(&title_entities, &title_dates, &title_figures);
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
                    kind: e.kind,
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

/// What the event stage reads of one text's entity, date and figure
/// mentions (the body's, or the headline's when it is read alone).
fn event_refs(
    entity_mentions: &[entities::EntityMention],
    date_mentions: &[dates::DateMention],
    figure_list: &[figures::Figure],
) -> (
    Vec<events::EntityRef>,
    Vec<events::DateRef>,
    Vec<events::FigureRef>,
) {
    let entity_refs = entity_mentions
        .iter()
        .map(|e| events::EntityRef {
            range: e.range.clone(),
            kind: e.kind,
        })
        .collect();
    let date_refs = date_mentions
        .iter()
        .map(|d| events::DateRef {
            range: d.range.clone(),
            resolved: d.date,
        })
        .collect();
    let figure_refs = figure_list
        .iter()
        .map(|f| events::FigureRef {
            range: f.range.clone(),
            predicate: f.predicate.map(|p| p.as_str()),
            value: f.value,
        })
        .collect();
    (entity_refs, date_refs, figure_refs)
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

/// Country-code top-level domains and the country each stands for.
static DOMAIN_COUNTRIES: WordTable = WordTable::new(include_str!("pipeline/domain_countries.txt"));

/// An ISO country code for an outlet's web domain, from its country-code
/// top-level domain (`.co.uk` → GB, `.in` → IN); `None` for generic ones.
pub fn region_hint_for_domain(domain: &str) -> Option<&'static str> {
    let tld = domain.rsplit('.').next()?;
    DOMAIN_COUNTRIES
        .iter()
        .find(|(domain, _)| *domain == tld)
        .map(|(_, country)| *country)
}

#[cfg(test)]
mod tests;
