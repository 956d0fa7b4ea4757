//! `parallax import`: files, folders and standard input into the archive,
//! with a progress bar, PDFs read in a worker process and, for the output
//! of `parallax extract --stdin-jsonl`, the merge of extracted records.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use parallax::Error;
use parallax::ingest::{self, ImportOptions, Input, Safeguards};

use crate::commands::ImportArgs;
use crate::output::{self, print_json};
use crate::{now, open, worker};

pub(crate) fn import(db: Option<PathBuf>, args: ImportArgs) -> Result<ExitCode, Error> {
    let mut store = open(db)?;
    let max_file_bytes = args.max_size.saturating_mul(1024 * 1024);
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path == "-" {
            // One byte over the cap is enough for the import to refuse it.
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(max_file_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<stdin>", e))?;
            inputs.push(Input::Bytes {
                name: "<stdin>".into(),
                bytes,
            });
        } else {
            inputs.push(Input::Path(PathBuf::from(path)));
        }
    }
    let options = ImportOptions {
        source: args.source.clone(),
        max_file_bytes,
        extract: !args.no_extract,
        extracted: args.extracted,
        ..ImportOptions::new(now())
    };
    let safeguards = Safeguards {
        pdf_worker: worker::pdf_worker(),
        ..Safeguards::default()
    };
    let bar = output::progress_bar(std::io::stderr().is_terminal());
    let cancel = AtomicBool::new(false);
    let mut progress = |p: &ingest::Progress| {
        if p.waiting {
            eprintln!(
                "another import of this archive is running; waiting for it to finish (Ctrl-C to give up)"
            );
        }
        output::update_bar(&bar, p)
    };
    let report = ingest::import_guarded(
        &mut store,
        &inputs,
        &options,
        &safeguards,
        &mut progress,
        &cancel,
    )?;
    if args.extracted {
        // The merge's articles are grouped at once: the stories are the
        // point of gathering a distributed run's output in one archive.
        parallax::app::group_stories(&mut store, false)?;
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.json {
        print_json(&report);
    } else {
        output::import_report(&report);
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
