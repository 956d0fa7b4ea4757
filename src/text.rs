//! Text primitives shared by every stage that reads article prose:
//! extraction, story grouping and comparison.
//!
//! - [`sentences`]: the one sentence splitter (exact byte ranges; never
//!   splits after the abbreviations news prose is full of, always splits at
//!   a line break).
//! - [`tokens`]: the one tokenizer. It cuts text into *atoms* — runs of
//!   letters, runs of ASCII digits, and single other characters — with the
//!   whitespace before each recorded. Stages that need larger words (a figure
//!   reading "1,140" or "9mm", a recogniser reading "al-Sudani" or "U.S.")
//!   join atoms with the rules in [`tokens`], so every stage sees the same
//!   character classes and the joining each one does is written down.
//! - [`abbreviations`]: the one abbreviation table, with what each use reads
//!   in a full stop after an abbreviation.
//! - [`calendar`]: month and weekday names and the words that go with a clock
//!   time, shared by the splitter, the date tagger and the recogniser.
//! - [`spelling`]: whether two words are one slip of the keyboard apart
//!   (a misspelt name), with or without two neighbours swapped.
//! - [`words`]: word lists as data: one word or phrase per line in a text
//!   file beside the module that reads it, embedded at build time.
//!
//! Everything here is pure and works in byte ranges on `char` boundaries.

pub mod abbreviations;
pub mod calendar;
pub mod sentences;
pub mod spelling;
pub mod tokens;
pub mod words;

#[cfg(test)]
pub(crate) mod cases;
