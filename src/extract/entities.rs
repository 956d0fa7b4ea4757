//! Extraction stage: entities (being written).
