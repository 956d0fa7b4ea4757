//! Extraction stage: dates (being written).
