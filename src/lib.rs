//! Parallax: an offline archive of news articles that extracts what each
//! article claims and compares how outlets report the same events.
//!
//! This crate is the whole engine; the `parallax` CLI and the desktop shell
//! are thin layers over it. Data flows `ingest` → `store` (with `dedupe`)
//! → `search`; `extract` reads each article (with the shared sentence
//! splitter, tokenizer and word lists of `text`), `stories` groups them and
//! `compare` compares a story's reports. The core knows nothing of Tauri,
//! HTTP or the UI, and never reads the clock: callers pass "now" in.

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
