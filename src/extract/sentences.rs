//! Extraction stage: sentences (being written).
