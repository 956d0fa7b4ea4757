//! Extraction stage: noise (being written).
