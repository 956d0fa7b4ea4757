//! Data-driven tests: a stage's cases are a text file of inputs with the
//! output expected from each (after rust-analyzer's `test_data/` files), and
//! one `check` per stage renders what the stage made of each input.
//!
//! A case file holds cases like this one; lines before the first case and
//! lines starting with `#` between cases are comments:
//!
//! ```text
//! === a short name
//! @anchor 2023-12-26
//! The input, as many lines as it needs.
//! ---
//! one rendered item per line
//! ```
//!
//! `@key value` lines right after the name set options the stage reads (a
//! reference date, a region); an input must therefore not open with `@`. In the input, `\r` stands for a carriage
//! return. A case passes when the rendered output equals the expected lines
//! (trailing spaces ignored). Every failing case is reported, not just the
//! first; run with `UPDATE_EXPECT=1` to write the actual outputs into the
//! file instead (then read the diff before committing it).
#![cfg(test)]

use std::path::PathBuf;

/// One case of a case file.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    /// The name after `===`.
    pub name: String,
    /// `@key value` options, in order (a key may repeat).
    pub options: Vec<(String, String)>,
    /// The input text.
    pub input: String,
    /// Line (1-based) of the `===` line, for failure messages.
    line: usize,
    /// Lines of the file holding the expected output (half-open, 0-based).
    expected_lines: std::ops::Range<usize>,
    expected: String,
}

impl Case {
    /// The first value of an option.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of an option, in order.
    pub fn values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.options
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }
}

fn path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(file)
}

fn parse(text: &str) -> Vec<Case> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(name) = lines[index].strip_prefix("=== ") else {
            index += 1;
            continue;
        };
        let line = index + 1;
        index += 1;
        let mut options = Vec::new();
        while let Some(option) = lines.get(index).and_then(|l| l.strip_prefix('@')) {
            let (key, value) = option.split_once(' ').unwrap_or((option, ""));
            options.push((key.to_string(), value.to_string()));
            index += 1;
        }
        let mut input = Vec::new();
        while index < lines.len() && lines[index] != "---" {
            input.push(lines[index]);
            index += 1;
        }
        index += 1;
        let start = index;
        while index < lines.len() && !lines[index].starts_with("=== ") {
            index += 1;
        }
        let mut end = index;
        // Blank lines and comments before the next case belong to no case.
        while end > start && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
            end -= 1;
        }
        cases.push(Case {
            name: name.to_string(),
            options,
            input: input.join("\n").replace("\\r", "\r"),
            line,
            expected_lines: start..end,
            expected: normalise(&lines[start..end].join("\n")),
        });
    }
    cases
}

fn normalise(output: &str) -> String {
    output
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// Runs every case of `file` (relative to the crate root) through `render`
/// and fails with every mismatch; with `UPDATE_EXPECT=1`, rewrites the
/// expected outputs instead.
pub(crate) fn check(file: &str, render: impl Fn(&Case) -> String) {
    let path = path(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let cases = parse(&text);
    assert!(!cases.is_empty(), "{file}: no cases");
    let mut failures = String::new();
    let mut updated: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for case in &cases {
        let actual = normalise(&render(case));
        if actual != case.expected {
            failures.push_str(&format!(
                "\n--- {file}:{} {}\nexpected:\n{}\nactual:\n{}\n",
                case.line, case.name, case.expected, actual
            ));
            updated.push((case.expected_lines.clone(), actual));
        }
    }
    if failures.is_empty() {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        for (range, actual) in updated.into_iter().rev() {
            let replacement: Vec<String> = actual.lines().map(str::to_string).collect();
            lines.splice(range, replacement);
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap_or_else(|e| panic!("{file}: {e}"));
        return;
    }
    panic!(
        "{} of {} cases failed (UPDATE_EXPECT=1 rewrites the expectations):{failures}",
        failures.matches("\n--- ").count(),
        cases.len()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_options_inputs_and_expectations() {
        let cases = parse(
            "# header\n=== first\n@anchor 2023-12-26\nline one\\r\nline two\n---\nout 1\nout 2\n\n# between\n=== second\nx\n---\n",
        );
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].option("anchor"), Some("2023-12-26"));
        assert_eq!(cases[0].input, "line one\r\nline two");
        assert_eq!(cases[0].expected, "out 1\nout 2");
        assert_eq!(cases[1].expected, "");
        assert_eq!(cases[0].expected_lines, 6..8);
    }
}
