//! Integration tests of the core library and the `parallax` CLI: one test
//! binary, one module per feature. Fixtures are small texts written for these
//! tests (no third-party article text is stored in the repository).

mod common;

mod app;
mod citations;
mod cli;
mod compare;
mod dedupe;
mod deletion;
mod distributed;
mod extract;
mod formats;
mod fuzz;
mod hostile;
mod import;
mod notes;
mod organise;
mod patterns;
mod search;
mod store;
mod stories;
mod tidy;
mod verdicts;
