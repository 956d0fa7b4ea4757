//! `parallax extract --stdin-jsonl`: the stateless extraction filter over
//! standard input, one output line per input record, for pipelines and
//! distributed engines (Spark's `RDD.pipe`). The work per record is the
//! core's [`parallax::ingest::extracted::extract_record`]; this module only
//! reads lines, says where each came from and writes the results.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

use parallax::Error;
use parallax::ingest::extracted::{EXTRACTED_FORMAT, ExtractedLine, FailedRecord, extract_record};
use parallax::model::Origin;
use serde::Deserialize;

/// How the filter was asked to run.
pub struct FilterOptions {
    /// File name the records' origins carry (default `<stdin>`).
    pub path: String,
    /// Each line is an envelope `{"path", "line", "record"}`, the record a
    /// string holding the input line (a distributed run, where one process
    /// sees a slice of many files).
    pub envelope: bool,
    /// Outlet name for every article.
    pub source: Option<String>,
    /// Longest input line read, in bytes.
    pub max_line_bytes: u64,
}

/// A record with the place it was read, as a distributed run sends it:
/// the record's line as a string, so that a malformed one fails as it
/// would in an import, at its own line.
#[derive(Deserialize)]
struct Envelope {
    path: String,
    line: u64,
    record: String,
}

/// Runs the filter from standard input to standard output. Exit code 1
/// when some record was no article (its line says why), else 0.
pub fn run(options: &FilterOptions) -> Result<ExitCode, Error> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock().take(options.max_line_bytes);
    let stdout = std::io::stdout();
    let mut output = std::io::BufWriter::new(stdout.lock());
    let mut line = Vec::new();
    let (mut number, mut extracted, mut failed) = (0u64, 0u64, 0u64);
    loop {
        line.clear();
        input.set_limit(options.max_line_bytes);
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::io("<stdin>", e))?;
        if read == 0 {
            break;
        }
        number += 1;
        let origin = Origin {
            path: options.path.clone(),
            line: Some(number),
            ..Origin::default()
        };
        let result = if line.last() != Some(&b'\n') && read as u64 >= options.max_line_bytes {
            skip_rest_of_line(&mut input, options.max_line_bytes)?;
            Some(failure(
                origin,
                format!(
                    "line longer than {} MB: not read (raise it with --max-size)",
                    options.max_line_bytes >> 20
                ),
            ))
        } else {
            match std::str::from_utf8(&line) {
                Err(_) => Some(failure(origin, "line is not UTF-8".into())),
                Ok(text) if options.envelope => in_envelope(text, origin, options),
                Ok(text) => extract_record(text, origin, options.source.as_deref()),
            }
        };
        let Some(result) = result else { continue };
        match &result {
            ExtractedLine::Extracted(_) => extracted += 1,
            ExtractedLine::Failed(_) => failed += 1,
        }
        serde_json::to_writer(&mut output, &result)?;
        output
            .write_all(b"\n")
            .map_err(|e| Error::io("<stdout>", e))?;
    }
    output.flush().map_err(|e| Error::io("<stdout>", e))?;
    crate::output::tell!("extracted {extracted} articles; {failed} records were no article");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Extracts the record of an envelope line, at the envelope's origin.
fn in_envelope(text: &str, origin: Origin, options: &FilterOptions) -> Option<ExtractedLine> {
    if text.trim().is_empty() {
        return None;
    }
    match serde_json::from_str::<Envelope>(text) {
        Err(e) => Some(failure(
            origin,
            format!("not an envelope {{\"path\", \"line\", \"record\"}}: {e}"),
        )),
        Ok(envelope) => {
            let at = Origin {
                path: envelope.path,
                line: Some(envelope.line),
                ..Origin::default()
            };
            extract_record(&envelope.record.to_string(), at, options.source.as_deref())
        }
    }
}

fn failure(origin: Origin, error: String) -> ExtractedLine {
    ExtractedLine::Failed(FailedRecord {
        format: EXTRACTED_FORMAT,
        origin,
        error,
    })
}

/// Reads past the rest of a line too long to keep.
fn skip_rest_of_line(
    input: &mut std::io::Take<std::io::StdinLock<'_>>,
    limit: u64,
) -> Result<(), Error> {
    let mut rest = Vec::new();
    loop {
        rest.clear();
        input.set_limit(limit);
        let more = input
            .read_until(b'\n', &mut rest)
            .map_err(|e| Error::io("<stdin>", e))?;
        if more == 0 || rest.last() == Some(&b'\n') {
            return Ok(());
        }
    }
}
