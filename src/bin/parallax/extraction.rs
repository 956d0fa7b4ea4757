//! CLI commands over extraction: `extract`, `entities`, `entity …`, `export`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Subcommand, ValueEnum};
use parallax::export::{self, ExportFormat};
use parallax::model::items::EntityKind;
use parallax::{Error, Store};

use crate::output::{print_json, say, tell};

#[derive(Subcommand)]
pub enum EntityAction {
    /// Merge entity FROM into entity INTO (a user decision, kept on re-runs).
    Merge {
        /// Entity that stays.
        into: i64,
        /// Entity merged into it.
        from: i64,
    },
    /// Split the name ALIAS off entity ID into an entity of its own.
    Split {
        /// Entity id.
        id: i64,
        /// One of its aliases, exactly as listed.
        alias: String,
    },
    /// Give entity ID a name.
    Rename {
        /// Entity id.
        id: i64,
        /// New name.
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Csv,
}

pub fn extract(store: &mut Store, all: bool, json: bool) -> Result<ExitCode, Error> {
    let bar = crate::output::count_bar(std::io::stderr().is_terminal(), "articles extracted");
    let report = parallax::app::extract_archive(
        store,
        all,
        &mut |done, total| {
            if let Some(bar) = &bar {
                bar.set_length(total);
                bar.set_position(done);
            }
        },
        &AtomicBool::new(false),
    )?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if json {
        print_json(&report);
    } else {
        say!(
            "extracted {} articles with extractor version {} ({} already up to date)",
            report.extracted,
            report.version,
            report.up_to_date
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn entities(
    store: &Store,
    kind: Option<&str>,
    limit: u64,
    json: bool,
) -> Result<ExitCode, Error> {
    if let Some(kind) = kind
        && EntityKind::parse(kind).is_none()
    {
        return Err(Error::InvalidArgument(format!(
            "unknown entity kind {kind:?} (person, organisation, place, group)"
        )));
    }
    let list = store.entities(kind, limit)?;
    if json {
        print_json(&list);
    } else {
        for e in &list {
            let others: Vec<&str> = e
                .aliases
                .iter()
                .map(|a| a.name.as_str())
                .filter(|a| *a != e.name)
                .collect();
            let aka = if others.is_empty() {
                String::new()
            } else {
                format!("  (also: {})", others.join(", "))
            };
            say!(
                "{:>6}  {:12}  {:>5} articles  {}{aka}",
                e.id,
                e.kind,
                e.articles,
                e.name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn entity(store: &mut Store, action: EntityAction, json: bool) -> Result<ExitCode, Error> {
    let touched = match action {
        EntityAction::Merge { into, from } => {
            store.merge_entities(into, from)?;
            into
        }
        EntityAction::Split { id, alias } => store.split_entity(id, &alias)?,
        EntityAction::Rename { id, name } => {
            store.rename_entity(id, &name)?;
            id
        }
    };
    let entity = store
        .entities(None, u64::MAX)?
        .into_iter()
        .find(|e| e.id == touched);
    if json {
        print_json(&entity);
    } else if let Some(e) = entity {
        let aliases: Vec<&str> = e.aliases.iter().map(|a| a.name.as_str()).collect();
        say!("{} {} ({}): {}", e.id, e.name, e.kind, aliases.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    store: &Store,
    format: FormatArg,
    output: Option<PathBuf>,
) -> Result<ExitCode, Error> {
    let format = match format {
        FormatArg::Jsonl => ExportFormat::Jsonl,
        FormatArg::Csv => ExportFormat::Csv,
    };
    let written = match &output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
            let mut writer = std::io::BufWriter::new(file);
            let n = export::export(store, format, &mut writer)?;
            writer.flush().map_err(|e| Error::io(path, e))?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            export::export(store, format, &mut lock)?
        }
    };
    if let Some(path) = output {
        tell!("exported {written} articles to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
