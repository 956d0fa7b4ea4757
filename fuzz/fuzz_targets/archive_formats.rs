//! Fuzzes every archival-format importer through the public import API.
//! The first byte picks the file name (and so the extension hint), the rest
//! is the file. The property: no panic, no hang, no article without text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input};

const NAMES: [&str; 12] = [
    "x.pdf",
    "x.eml",
    "x.mbox",
    "x.warc",
    "x.warc.gz",
    "x.wacz",
    "x.rss",
    "x.docx",
    "x.odt",
    "x.epub",
    "x.mhtml",
    "x.bin",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(selector) % NAMES.len()];
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let options = ImportOptions {
        max_file_bytes: 1 << 20,
        ..ImportOptions::new("2026-01-01T00:00:00Z")
    };
    let inputs = [Input::Bytes {
        name: name.into(),
        bytes: bytes.to_vec(),
    }];
    if let Ok(report) = ingest::import(
        &mut store,
        &inputs,
        &options,
        &mut |_| {},
        &Default::default(),
    ) {
        assert!(report.failed.iter().all(|f| f.error != "no article text"));
    }
});
