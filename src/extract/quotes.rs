//! Extraction stage: quotes (being written).
