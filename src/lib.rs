//! Parallax: an offline archive of news articles that extracts what each
//! article claims and compares how outlets report the same events.
//!
//! This crate is the whole engine; the `parallax` CLI and the desktop shell
//! are thin layers over it. Data flows `ingest` → `store` (with `dedupe`)
//! → `search`; `extract` reads each article (with the shared sentence
//! splitter, tokenizer and word lists of `text`), `stories` groups them and
//! `compare` compares a story's reports. The core knows nothing of Tauri,
//! HTTP or the UI, and never reads the clock: callers pass "now" in.
//!
//! The modules are layered, each using only those below it: `model` and
//! `text` at the bottom, then `extract`, `document`, the domain (`stories`,
//! `compare`), `store`, the steps over store and domain (`ingest`,
//! `search`, `research`, `eval`, …) and `app` on top (ARCHITECTURE.md has
//! the order; `tests/tidy.rs` fails on a cycle or on a use of a higher
//! layer).

pub mod anchor;
pub mod app;
pub mod citation;
pub mod compare;
pub mod dedupe;
pub mod document;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod model;
pub mod research;
pub mod search;
pub mod store;
pub mod stories;
pub mod text;
pub mod undo;
pub mod views;

pub use error::{Error, Result};
pub use store::Store;
