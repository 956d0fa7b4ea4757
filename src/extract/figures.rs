//! Extraction stage: figures (being written).
