//! `parallax imports`: the import history, with each batch's failures and
//! warnings.

use std::process::ExitCode;

use parallax::{Error, Store};

use crate::output::{print_json, say};

/// `parallax imports`: import history with each batch's failures and warnings.
pub fn imports(store: &Store, limit: u32, json: bool) -> Result<ExitCode, Error> {
    let history = store.import_history(limit)?;
    if json {
        print_json(&history);
        return Ok(ExitCode::SUCCESS);
    }
    for record in &history {
        let b = &record.batch;
        say!(
            "{:>4}  {}  {:11}  {} new ({} still in the archive), {} duplicates, {} failed  {}",
            b.id,
            b.started_at,
            b.status,
            b.counts.imported,
            record.articles,
            b.counts.duplicates,
            b.counts.failed,
            b.inputs.join(" ")
        );
        for problem in &record.problems {
            say!(
                "      {:<7}  {}: {}",
                problem.severity,
                problem.at,
                problem.message
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
