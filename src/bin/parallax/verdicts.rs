//! `parallax verdict set|clear|list`: a researcher's verdicts on comparison
//! findings (keys as `compare STORY --json` prints them).

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use parallax::model::{Judgement, Verdict};
use parallax::{Error, Store};

use crate::output::print_json;

/// The judgement as typed.
#[derive(Clone, Copy, ValueEnum)]
pub enum JudgementArg {
    /// The finding is right.
    Confirmed,
    /// The finding is wrong.
    Wrong,
}

impl From<JudgementArg> for Judgement {
    fn from(arg: JudgementArg) -> Judgement {
        match arg {
            JudgementArg::Confirmed => Judgement::Confirmed,
            JudgementArg::Wrong => Judgement::Wrong,
        }
    }
}

/// `parallax verdict …`.
#[derive(Subcommand)]
pub enum VerdictAction {
    /// Mark a finding of a story's comparison confirmed or wrong (replaces an earlier verdict).
    Set {
        /// Story id (see `parallax stories`).
        story: i64,
        /// Finding key (`key` in `parallax compare STORY --json`).
        key: String,
        /// confirmed or wrong.
        #[arg(value_enum)]
        verdict: JudgementArg,
        /// A short note: why.
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove the verdict on a finding.
    Clear {
        /// Story id.
        story: i64,
        /// Finding key.
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// List the verdicts of a story, or every verdict.
    List {
        /// Story id; without it, every verdict in the archive.
        story: Option<i64>,
        #[arg(long)]
        json: bool,
    },
}

impl VerdictAction {
    /// True when the action asked for JSON.
    pub fn json(&self) -> bool {
        match self {
            VerdictAction::Set { json, .. }
            | VerdictAction::Clear { json, .. }
            | VerdictAction::List { json, .. } => *json,
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Runs a verdict command.
pub fn run(store: &mut Store, action: VerdictAction) -> Result<ExitCode, Error> {
    match action {
        VerdictAction::Set {
            story,
            key,
            verdict,
            note,
            json,
        } => {
            parallax::app::group_stories(store, false)?;
            let verdict = parallax::app::set_verdict(
                store,
                story,
                &key,
                verdict.into(),
                note.as_deref(),
                &now(),
            )?;
            if json {
                print_json(&verdict);
            } else {
                print_verdict(&verdict);
            }
        }
        VerdictAction::Clear { story, key, json } => {
            parallax::app::clear_verdict(store, story, &key)?;
            if json {
                print_json(&serde_json::json!({ "cleared": key }));
            } else {
                println!("cleared {key}");
            }
        }
        VerdictAction::List { story, json } => {
            if story.is_some() {
                parallax::app::group_stories(store, false)?;
            }
            let verdicts = parallax::app::verdicts(store, story)?;
            if json {
                print_json(&verdicts);
            } else {
                for verdict in &verdicts {
                    print_verdict(verdict);
                }
                println!("{} verdicts", verdicts.len());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_verdict(verdict: &Verdict) {
    let story = verdict
        .story
        .map(|s| format!("story {s}"))
        .unwrap_or_default();
    let label: String = verdict.label.chars().take(70).collect();
    println!(
        "{}  {:<9}  {:<11}  {:<8}  {}",
        verdict.key, verdict.verdict, verdict.kind, story, label
    );
    if let Some(note) = &verdict.note {
        println!("{:>16}  note: {note}", "");
    }
}
