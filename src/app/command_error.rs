//! The error a front end's command answers with, as the UI receives it:
//! `{code, message}`, where `code` is stable (the core's
//! [`Error::code`](crate::Error::code) or one of the transports' own codes)
//! and the UI branches on it, never on the message.

use serde::Serialize;
use ts_rs::TS;

use crate::error::Error;

/// A failed command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message} ({code})")]
pub struct CommandError {
    /// Stable and machine-readable: `not_found`, `invalid_argument`,
    /// `read_only`, `busy`, … (see `docs/cli-json.md` for the core's).
    pub code: String,
    /// For people.
    pub message: String,
}

impl CommandError {
    /// An error with a code of the front ends' own (`busy`, `forbidden`, …).
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
        }
    }

    /// A malformed argument, in the core's `invalid_argument` code.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        CommandError::new("invalid_argument", message)
    }

    /// A write asked of an archive opened read-only.
    pub fn read_only() -> Self {
        CommandError::new(
            "read_only",
            "this server is read-only (parallax serve --read-only)",
        )
    }
}

impl From<Error> for CommandError {
    fn from(error: Error) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}
