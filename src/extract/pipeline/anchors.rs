//! From stage output to stored items: byte ranges become character
//! anchors (`CharIndex`), and each stage's mention becomes its stored item.

use super::{Anchor, DateItem, EntityItem, Field, FigureItem, Range, dates, entities, figures};

/// Maps byte offsets of one string to character offsets.
pub(super) struct CharIndex<'a> {
    pub text: &'a str,
    /// `chars_before[i]` = number of chars in `text[..i]`, for every byte index.
    pub chars_before: Vec<u32>,
}

impl<'a> CharIndex<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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

    pub(super) fn char_at(&self, byte: usize) -> usize {
        self.chars_before.get(byte).copied().unwrap_or(0) as usize
    }

    /// The anchor for a byte range, or `None` when the range is not valid
    /// for this text (a wrong anchor is worse than none).
    pub(super) fn anchor(&self, field: Field, range: &Range<usize>) -> Option<Anchor> {
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
    pub(super) fn text_before(&self, char_offset: usize) -> &'a str {
        let byte = self
            .chars_before
            .partition_point(|&count| (count as usize) < char_offset);
        self.text.get(..byte).unwrap_or("")
    }

    pub(super) fn span(&self, range: &Range<usize>) -> (usize, usize) {
        (self.char_at(range.start), self.char_at(range.end))
    }
}

pub(super) fn date_item(
    index: &CharIndex<'_>,
    field: Field,
    d: &dates::DateMention,
) -> Option<DateItem> {
    Some(DateItem {
        anchor: index.anchor(field, &d.range)?,
        kind: d.kind,
        date: d.date,
        precision: d.precision,
        part_of_day: d.part_of_day.map(str::to_string),
        weekday_conflict: d.weekday_conflict,
    })
}

pub(super) fn entity_item(
    index: &CharIndex<'_>,
    field: Field,
    e: &entities::EntityMention,
) -> Option<EntityItem> {
    Some(EntityItem {
        anchor: index.anchor(field, &e.range)?,
        kind: e.kind,
        name: e.name.clone(),
        role: e.role.clone(),
        place: e.place.clone(),
        entity: None,
    })
}

pub(super) fn figure_item(
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
        qualifier: f.qualifier,
        approximate: f.approximate,
        implicit: f.implicit,
        partitive: f.partitive,
        counted: f.counted.clone(),
        predicate: f.predicate,
        sentence,
        date,
        place,
    }
}
