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
    Anchor, DateItem, EXTRACTOR_VERSION, EntityItem, EventItem, Extraction, Field, FigureItem, MainEvent, NoiseItem, PlaceRef,
    QuoteItem, ReferenceDate,
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

/// How many days before the reference date a main event's date may lie
/// before it is taken for background.
const RECENT_DAYS: i64 = 10;

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
        Some(Anchor { field, start: self.char_at(range.start), end: self.char_at(range.end), text: text.to_string() })
    }

    fn span(&self, range: &Range<usize>) -> (usize, usize) {
        (self.char_at(range.start), self.char_at(range.end))
    }
}

/// Runs every stage over one article.
pub fn run(input: &Input<'_>) -> Extraction {
    let text = input.text;
    let title = input.title.filter(|t| !t.trim().is_empty());
    let body = CharIndex::new(text);
    let head = title.map(CharIndex::new);

    let sentence_list = sentences::split(text);
    let noise_list = noise::detect(text, title, &sentence_list);
    let is_noise = |range: &Range<usize>| noise::is_noise(&noise_list, range);
    let clean_sentences: Vec<Range<usize>> =
        sentence_list.iter().map(|s| s.range.clone()).filter(|r| !is_noise(r)).collect();

    let reference_date = input
        .published
        .map(|date| ReferenceDate { date, inferred: false })
        .or_else(|| dates::infer_anchor(text).map(|date| ReferenceDate { date, inferred: true }));
    let anchor_date = reference_date.as_ref().map(|r| r.date);

    let mut out = Extraction { version: EXTRACTOR_VERSION, reference_date, ..Extraction::default() };
    out.noise = noise_list
        .iter()
        .filter_map(|n| Some(NoiseItem { anchor: body.anchor(Field::Text, &n.range)?, kind: n.kind.as_str().to_string() }))
        .collect();
    let mut credits: Vec<String> = noise::wire_credits(text).into_iter().map(|(_, name)| name).collect();
    credits.sort();
    credits.dedup();
    out.wire_credits = credits;

    // Body mentions come first so the stages' indices stay valid; headline
    // mentions are appended after them.
    let date_mentions: Vec<dates::DateMention> = dates::tag(text, anchor_date).into_iter().filter(|d| !is_noise(&d.range)).collect();
    let entity_mentions: Vec<entities::EntityMention> =
        entities::extract(text, &clean_sentences, input.region_hint).into_iter().filter(|e| !is_noise(&e.range)).collect();
    let figure_list: Vec<figures::Figure> =
        figures::extract(text, &clean_sentences).into_iter().filter(|f| !is_noise(&f.range)).collect();

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
    let entity_index = index_map(&entity_mentions, |e| body.anchor(Field::Text, &e.range).is_some());
    let date_index = index_map(&date_mentions, |d| body.anchor(Field::Text, &d.range).is_some());

    for f in &figure_list {
        let Some(anchor) = body.anchor(Field::Text, &f.range) else { continue };
        let date = date_mentions.iter().position(|d| within(&d.range, &f.sentence)).and_then(|i| date_index[i]);
        let place = entity_mentions
            .iter()
            .position(|e| e.kind == entities::EntityKind::Place && within(&e.range, &f.sentence))
            .and_then(|i| entity_index[i]);
        out.figures.push(figure_item(anchor, f, body.span(&f.sentence), date, place));
    }
    let figure_index = index_map(&figure_list, |f| body.anchor(Field::Text, &f.range).is_some());

    let people: Vec<quotes::PersonRef> = entity_mentions
        .iter()
        .filter(|e| matches!(e.kind, entities::EntityKind::Person | entities::EntityKind::Organisation))
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
        let Some(anchor) = body.anchor(Field::Text, &q.range) else { continue };
        let speaker_entity = q
            .speaker_range
            .as_ref()
            .and_then(|r| entity_mentions.iter().position(|e| ranges_overlap(&e.range, r)))
            .or_else(|| {
                let speaker = q.speaker.as_deref()?;
                entity_mentions.iter().position(|e| e.kind == entities::EntityKind::Person && e.name == speaker)
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

    let entity_refs: Vec<events::EntityRef> =
        entity_mentions.iter().map(|e| events::EntityRef { range: e.range.clone(), kind: e.kind.as_str() }).collect();
    let date_refs: Vec<events::DateRef> =
        date_mentions.iter().map(|d| events::DateRef { range: d.range.clone(), resolved: d.date }).collect();
    let figure_refs: Vec<events::FigureRef> = figure_list
        .iter()
        .map(|f| events::FigureRef { range: f.range.clone(), predicate: f.predicate.map(|p| p.as_str()), value: f.value })
        .collect();
    let noise_ranges: Vec<Range<usize>> =
        noise_list.iter().filter(|n| n.kind != noise::NoiseKind::Dateline).map(|n| n.range.clone()).collect();
    let event_list = events::extract(text, &clean_sentences, &entity_refs, &date_refs, &figure_refs, &noise_ranges, title);
    let main = events::main_event(&event_list, text.len());
    let mut main_index = None;
    for (i, e) in event_list.iter().enumerate() {
        let Some(anchor) = body.anchor(Field::Text, &e.sentence) else { continue };
        if main == Some(i) {
            main_index = Some(out.events.len());
        }
        out.events.push(EventItem {
            anchor,
            kind: e.kind.as_str().to_string(),
            trigger: body.span(&e.trigger),
            actors: e.actors.iter().filter_map(|a| entity_index.get(*a).copied().flatten()).collect(),
            targets: e.targets.iter().filter_map(|a| entity_index.get(*a).copied().flatten()).collect(),
            place: e.place.and_then(|p| entity_index.get(p).copied().flatten()),
            date: e.date.and_then(|d| date_index.get(d).copied().flatten()),
            figures: e.figures.iter().filter_map(|f| figure_index.get(*f).copied().flatten()).collect(),
            negated: e.negated,
            hypothetical: e.hypothetical,
            score: e.score,
        });
    }

    // The headline: dates, entities and figures, anchored in `title`.
    let first_title_entity = out.entities.len();
    let first_title_figure = out.figures.len();
    let first_title_date = out.dates.len();
    if let (Some(title), Some(head)) = (title, head.as_ref()) {
        let whole = vec![0..title.len()];
        for d in dates::tag(title, anchor_date) {
            if let Some(item) = date_item(head, Field::Title, &d) {
                out.dates.push(item);
            }
        }
        for e in entities::extract(title, &whole, input.region_hint) {
            if let Some(item) = entity_item(head, Field::Title, &e) {
                out.entities.push(item);
            }
        }
        for f in figures::extract(title, &whole) {
            if let Some(anchor) = head.anchor(Field::Title, &f.range) {
                out.figures.push(figure_item(anchor, &f, (0, head.char_at(title.len())), None, None));
            }
        }
    }

    out.main_event = main_index.map(|index| {
        main_event(&out, index, &clean_sentences, &body, (first_title_entity, first_title_figure, first_title_date))
    });
    out
}

/// Consolidates the main event's date, place and casualty figures.
fn main_event(out: &Extraction, index: usize, lead: &[Range<usize>], body: &CharIndex<'_>, title_starts: (usize, usize, usize)) -> MainEvent {
    let (first_title_entity, first_title_figure, first_title_date) = title_starts;
    let event = &out.events[index];
    let lead_end = lead.get(LEAD_SENTENCES.min(lead.len()).saturating_sub(1)).map(|r| body.char_at(r.end)).unwrap_or(0);
    let lead_start_3 = lead.get(2.min(lead.len().saturating_sub(1))).map(|r| body.char_at(r.end)).unwrap_or(0);
    let in_lead = |a: &Anchor, end: usize| a.field == Field::Title || a.end <= end;

    // Date: the first of the event's own date, a day-precise date in its
    // sentence, in the headline, or in the first three sentences, that falls
    // within the days before the reference date (news reports recent events;
    // an older date in the lead is usually background, "since October 17");
    // else the reference date itself.
    let day = |d: &&DateItem| d.date.is_some() && d.precision == DatePrecision::Day;
    let reference = out.reference_date.as_ref().map(|r| r.date);
    let recent = |d: &DateItem| match (d.date, reference) {
        (Some(date), Some(reference)) => date <= reference && (reference - date).num_days() <= RECENT_DAYS,
        (Some(_), None) => true,
        _ => false,
    };
    let candidates = event
        .date
        .and_then(|i| out.dates.get(i))
        .into_iter()
        .chain(out.dates.iter().filter(day).filter(|d| d.anchor.field == Field::Text && d.anchor.start >= event.anchor.start && d.anchor.end <= event.anchor.end))
        .chain(out.dates[first_title_date.min(out.dates.len())..].iter().filter(day))
        .chain(out.dates.iter().filter(day).filter(|d| in_lead(&d.anchor, lead_start_3)));
    let mut date_item = None;
    for candidate in candidates {
        if recent(candidate) {
            date_item = Some(candidate);
            break;
        }
    }
    let (date, date_precision) = match date_item {
        Some(d) => (d.date, Some(d.precision)),
        None => (reference, reference.map(|_| DatePrecision::Day)),
    };

    // Place: the event's own place; else the most specific gazetteer place in
    // the headline or lead (a city beats a region beats a country).
    let specificity = |p: &PlaceRef| match p.kind.as_str() {
        "city" => 3,
        "county" => 2,
        "region" => 1,
        _ => 0,
    };
    let place = event
        .place
        .and_then(|i| out.entities.get(i))
        .and_then(|e| e.place.clone())
        .filter(|p| specificity(p) >= 2)
        .or_else(|| {
            let candidates = out.entities[first_title_entity.min(out.entities.len())..]
                .iter()
                .chain(out.entities.iter().filter(|e| in_lead(&e.anchor, lead_end)));
            let mut best: Option<&PlaceRef> = None;
            for e in candidates.filter(|e| e.kind == "place") {
                let Some(p) = e.place.as_ref() else { continue };
                if best.is_none_or(|b| specificity(p) > specificity(b)) {
                    best = Some(p);
                }
            }
            best.cloned()
        })
        .or_else(|| event.place.and_then(|i| out.entities.get(i)).and_then(|e| e.place.clone()));

    // Casualties: the largest stated count per predicate in the headline and
    // lead, leaving out background counts — a figure whose sentence is dated
    // well before the event, or which is placed in another country than the
    // event. "N shot" counts every victim, so injured is at least shot − killed.
    let event_country = place.as_ref().map(|p| p.country_code.clone());
    let background = |f: &FigureItem| {
        let old_date = f.date.and_then(|i| out.dates.get(i)).and_then(|d| d.date).zip(date).is_some_and(|(d, event_date)| (event_date - d).num_days() > RECENT_DAYS);
        let elsewhere = f
            .place
            .and_then(|i| out.entities.get(i))
            .and_then(|e| e.place.as_ref())
            .zip(event_country.as_ref())
            .is_some_and(|(p, country)| &p.country_code != country);
        old_date || elsewhere
    };
    let lead_figures = out.figures[..first_title_figure.min(out.figures.len())]
        .iter()
        .filter(|f| in_lead(&f.anchor, lead_end))
        .chain(out.figures[first_title_figure.min(out.figures.len())..].iter())
        .filter(|f| !f.partitive && !background(f));
    let (mut killed, mut injured, mut shot): (Option<f64>, Option<f64>, Option<f64>) = (None, None, None);
    let max = |slot: &mut Option<f64>, v: f64| *slot = Some(slot.map_or(v, |s| s.max(v)));
    for f in lead_figures {
        let Some(v) = f.value.or(f.low) else { continue };
        match f.predicate.as_deref() {
            Some("killed") => max(&mut killed, v),
            Some("injured") if shot_word(&f.anchor.text) => max(&mut shot, v),
            Some("injured") => max(&mut injured, v),
            _ => {}
        }
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

/// True when a figure's phrase counts people shot (who may or may not have died).
fn shot_word(phrase: &str) -> bool {
    phrase.split(|c: char| !c.is_alphabetic()).any(|w| matches!(w, "shot" | "hit" | "struck"))
        && !phrase.contains("fatally")
        && !phrase.contains("killed")
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

fn entity_item(index: &CharIndex<'_>, field: Field, e: &entities::EntityMention) -> Option<EntityItem> {
    Some(EntityItem {
        anchor: index.anchor(field, &e.range)?,
        kind: e.kind.as_str().to_string(),
        name: e.name.clone(),
        role: e.role.clone(),
        place: e.place.as_ref().map(place_ref),
        entity: None,
    })
}

fn figure_item(anchor: Anchor, f: &figures::Figure, sentence: (usize, usize), date: Option<usize>, place: Option<usize>) -> FigureItem {
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
        let anchor = index.anchor(Field::Text, &(start..start + "Café".len())).expect("valid");
        assert_eq!((anchor.start, anchor.end, anchor.text.as_str()), (1, 5, "Café"));
        assert_eq!(index.anchor(Field::Text, &(1..2)), None, "not on a char boundary");
    }

    #[test]
    fn every_anchor_matches_its_text() {
        let title = "Two killed, three hurt in Elm Street shooting";
        let text = "Two men were killed and three people were wounded in a shooting on Elm Street in Springfield, Ill., late Sunday, police said.\n\n“We are working around the clock,” Police Chief Jane Porter said on Monday. Porter said officers arrested a 19-year-old man.";
        let published = NaiveDate::from_ymd_opt(2016, 5, 3);
        let out = run(&Input { title: Some(title), text, published, region_hint: Some("US") });
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
        assert_eq!(main.date.map(|d| d.to_string()).as_deref(), Some("2016-05-01"));
        assert_eq!(main.place.as_ref().map(|p| p.name.as_str()), Some("Springfield"));
        assert_eq!(out.quotes.first().and_then(|q| q.speaker.as_deref()), Some("Jane Porter"));
    }
}
