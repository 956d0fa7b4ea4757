//! Fuzzes the zip reader (and what it recurses into) with bytes that start
//! as a zip, so the fuzzer spends its time past the signature check.

#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::Store;
use parallax::ingest::{self, ImportOptions, Input};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data);
    let Ok(mut store) = Store::open_in_memory() else {
        return;
    };
    let options = ImportOptions {
        max_file_bytes: 1 << 20,
        ..ImportOptions::new("2026-01-01T00:00:00Z")
    };
    let inputs = [Input::Bytes {
        name: "x.zip".into(),
        bytes,
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
