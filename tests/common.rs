//! Shared helpers: temporary archives, fixture folders, running the CLI.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use parallax::Store;
use parallax::ingest::{self, ImportOptions, ImportReport, Input};

/// A fixed import time, so archives built by tests are deterministic.
pub const NOW: &str = "2026-01-02T03:04:05Z";

/// A temporary directory that lives as long as the value.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `bytes` to `name` (creating parent folders) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn db(&self) -> PathBuf {
        self.path("archive.db")
    }
}

pub fn options() -> ImportOptions {
    ImportOptions::new(NOW)
}

/// Imports paths into `store` with default options.
pub fn import_paths(store: &mut Store, paths: &[&Path]) -> ImportReport {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::Path(p.to_path_buf())).collect();
    ingest::import(store, &inputs, &options(), &mut |_| {}, &Default::default())
        .expect("import runs")
}

/// Runs the `parallax` binary with `args`.
pub fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .env_remove("PARALLAX_DB")
        .output()
        .expect("run parallax")
}

/// Runs the CLI and parses its stdout as JSON.
pub fn parallax_json(args: &[&str]) -> (serde_json::Value, Output) {
    let out = parallax(args);
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (value, out)
}

/// Runs the CLI on the archive `db` with `args` and `--json`, asserting it
/// succeeds, and returns its JSON reply.
pub fn parallax_ok_json(db: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    all.push("--json");
    let (value, out) = parallax_json(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    value
}

/// Short articles written for the tests, in the layouts the importers know.
pub mod fixtures {
    pub const STRIKES_TXT: &str = " date 2024-03-05 Navy vessels struck four radar sites on the coast on Monday after a missile attack wounded two sailors earlier in the day, the defence ministry said.\n\nThe ministry said the strikes were \"limited and proportionate\" and that no civilians were hurt.\n\nThe Tidewater Brigade claimed the missile attack in a statement.";
    pub const STRIKES_TITLED_TXT: &str = "Navy strikes coastal radar sites after missile attack\n\nPort Aurel: Navy vessels struck four radar sites on the coast on Monday after a missile attack wounded two sailors, officials said. The Tidewater Brigade, which claimed the attack, said at least six of its members were killed.";
    pub const FLOOD_HTML: &str = r#"<!doctype html><html lang="en"><head><title>River floods the old town - Valley Courier</title>
<meta property="og:site_name" content="Valley Courier"><meta property="article:published_time" content="2022-07-14T09:30:00+02:00">
<link rel="canonical" href="https://valleycourier.example/news/river-floods-old-town"></head>
<body><header>Menu</header><article><h1>River floods the old town</h1>
<p>The river burst its banks overnight and flooded the old town, forcing about 300 residents to leave their homes, the mayor said on Thursday.</p>
<p>Emergency crews worked through the night to pump water out of cellars, and the fire brigade rescued an elderly couple from a car trapped on the bridge road.</p>
<p>Forecasters expect more rain at the weekend and have kept the flood warning in place for the whole valley until Sunday evening.</p>
</article><footer>Sign up for our newsletter</footer></body></html>"#;
    pub const SHOOTINGS_JSONL: &str = concat!(
        r#"{"id": "s1", "url": "https://www.northgate-news.example/2016/05/02/two-hurt", "source": "northgate-news.example", "title": "Two hurt in Elm Street shooting", "published": "2016-05-02", "text": "Two men were wounded in a shooting on Elm Street late Sunday, police said. Both were taken to hospital in stable condition."}"#,
        "\n",
        r#"{"id": "s2", "url": "https://harbor-daily.example/crime/elm-street", "source": "harbor-daily.example", "title": "Police seek gunman after Elm Street shooting", "published": "2016-05-03", "text": "Police are looking for a gunman who wounded two men on Elm Street on Sunday night. Investigators said the shooting followed an argument outside a bar."}"#,
        "\n",
    );
}

/// How many articles of `store` match the search `query`.
pub fn search_total(store: &Store, query: &str) -> u64 {
    parallax::search::search(
        store,
        &parallax::search::SearchQuery {
            query: query.into(),
            limit: 10,
            ..Default::default()
        },
    )
    .expect("search")
    .total
}
