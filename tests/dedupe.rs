//! Integration tests: dedupe.
