//! Extraction stage: places (being written).
