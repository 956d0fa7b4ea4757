//! Tidy checks: the architecture invariants that can be read off the source
//! tree, checked on every `cargo test` (after rust-analyzer's
//! `xtask/src/tidy.rs`).
//!
//! - Only `src/store.rs`, `src/store/` and `migrations/` hold SQL statements.
//! - The core (`src/` outside `src/bin/`) never reads the clock or the
//!   environment: callers pass "now" and settings in.
//! - Every module opens with a `//!` doc saying what it is for.
//! - Every CLI command and subcommand is documented in `docs/cli-json.md`.
//! - The core (`src/` outside `src/bin/`) knows nothing of Tauri or HTTP.
//! - The UI's command names are listed once, in `src/app/commands.rs`: the
//!   desktop shell's handler list and the UI's `backend.ts` agree with it.
//!
//! The checks read files as text with a small lexer that tells code, comments
//! and string literals apart; they run no code of the project except the
//! `parallax` binary's `--help`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file below `dir` (relative to the root), sorted.
fn rust_files(dir: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if name == "target" || name == "node_modules" || name == "gen" {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A source file split into its string literals (with the line each starts
/// on) and its code with comments and literals blanked out (lines kept).
struct Lexed {
    literals: Vec<(usize, String)>,
    code: String,
}

fn lex(source: &str) -> Lexed {
    let chars: Vec<char> = source.chars().collect();
    let mut literals = Vec::new();
    let mut code = String::with_capacity(source.len());
    let mut line = 1;
    let mut index = 0;
    // Blanks a skipped character, keeping line breaks so lines still count.
    let blank = |c: char, code: &mut String, line: &mut usize| {
        if c == '\n' {
            *line += 1;
            code.push('\n');
        } else {
            code.push(' ');
        }
    };
    while index < chars.len() {
        let c = chars[index];
        let next = chars.get(index + 1).copied();
        if c == '/' && next == Some('/') {
            while index < chars.len() && chars[index] != '\n' {
                code.push(' ');
                index += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0usize;
            while index < chars.len() {
                if chars[index] == '/' && chars.get(index + 1) == Some(&'*') {
                    depth += 1;
                    code.push_str("  ");
                    index += 2;
                } else if chars[index] == '*' && chars.get(index + 1) == Some(&'/') {
                    depth -= 1;
                    code.push_str("  ");
                    index += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(chars[index], &mut code, &mut line);
                    index += 1;
                }
            }
            continue;
        }
        let identifier_before =
            index > 0 && (chars[index - 1].is_alphanumeric() || chars[index - 1] == '_');
        // Raw strings: r"…", r#"…"#, br"…".
        let raw_start = if !identifier_before && c == 'r' {
            Some(index + 1)
        } else if !identifier_before && c == 'b' && next == Some('r') {
            Some(index + 2)
        } else {
            None
        };
        if let Some(after_prefix) = raw_start {
            let hashes = chars[after_prefix..]
                .iter()
                .take_while(|c| **c == '#')
                .count();
            if chars.get(after_prefix + hashes) == Some(&'"') {
                let start_line = line;
                for _ in index..after_prefix + hashes + 1 {
                    code.push(' ');
                }
                index = after_prefix + hashes + 1;
                let mut literal = String::new();
                while index < chars.len() {
                    let closes = chars[index] == '"'
                        && (0..hashes).all(|h| chars.get(index + 1 + h) == Some(&'#'));
                    if closes {
                        for _ in 0..=hashes {
                            code.push(' ');
                        }
                        index += hashes + 1;
                        break;
                    }
                    literal.push(chars[index]);
                    blank(chars[index], &mut code, &mut line);
                    index += 1;
                }
                literals.push((start_line, literal));
                continue;
            }
        }
        if c == '"' {
            let start_line = line;
            code.push(' ');
            index += 1;
            let mut literal = String::new();
            while index < chars.len() && chars[index] != '"' {
                if chars[index] == '\\' {
                    code.push(' ');
                    index += 1;
                    if let Some(&escaped) = chars.get(index) {
                        literal.push(match escaped {
                            'n' | '\n' => ' ',
                            other => other,
                        });
                        blank(escaped, &mut code, &mut line);
                        index += 1;
                    }
                    continue;
                }
                literal.push(chars[index]);
                blank(chars[index], &mut code, &mut line);
                index += 1;
            }
            code.push(' ');
            index += 1;
            literals.push((start_line, literal));
            continue;
        }
        if c == '\'' {
            // A character literal ('a', '\n', '\u{1}'), else a lifetime or label.
            let end = if next == Some('\\') {
                chars[index + 2..]
                    .iter()
                    .position(|c| *c == '\'')
                    .map(|at| index + 2 + at)
            } else if chars.get(index + 2) == Some(&'\'') {
                Some(index + 2)
            } else {
                None
            };
            if let Some(end) = end {
                for &skipped in &chars[index..=end] {
                    blank(skipped, &mut code, &mut line);
                }
                index = end + 1;
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        code.push(c);
        index += 1;
    }
    Lexed { literals, code }
}

/// The SQL statement a string literal starts, if any: an upper-case keyword
/// followed by what only SQL puts after it.
fn sql_statement(literal: &str) -> Option<&'static str> {
    let words: Vec<&str> = literal.split_whitespace().collect();
    for (at, word) in words.iter().enumerate() {
        let next = words.get(at + 1).copied().unwrap_or("");
        let after = words.get(at + 2).copied().unwrap_or("");
        let found = match *word {
            "SELECT" => !next.is_empty(),
            "INSERT" => next == "INTO" || next == "OR",
            "UPDATE" => after == "SET",
            "DELETE" => next == "FROM",
            "CREATE" => matches!(
                next,
                "TABLE" | "INDEX" | "UNIQUE" | "VIEW" | "TRIGGER" | "VIRTUAL" | "TEMP"
            ),
            _ => false,
        };
        if found {
            return Some(match *word {
                "SELECT" => "SELECT",
                "INSERT" => "INSERT",
                "UPDATE" => "UPDATE",
                "DELETE" => "DELETE",
                _ => "CREATE",
            });
        }
    }
    None
}

/// Code before a file's `#[cfg(test)]` module: the tests may read the clock.
fn before_tests(code: &str) -> &str {
    code.find("\n#[cfg(test)]").map_or(code, |at| &code[..at])
}

fn report(problems: &[String], what: &str) {
    assert!(problems.is_empty(), "{what}:\n  {}", problems.join("\n  "));
}

#[test]
fn sql_lives_only_in_the_store() {
    let mut problems = Vec::new();
    for dir in ["src", "src-tauri/src", "crates"] {
        for path in rust_files(dir) {
            let name = relative(&path);
            if name == "src/store.rs" || name.starts_with("src/store/") {
                continue;
            }
            for (line, literal) in lex(&read(&path)).literals {
                if let Some(keyword) = sql_statement(&literal) {
                    problems.push(format!(
                        "{name}:{line}: {keyword} statement outside src/store/"
                    ));
                }
            }
        }
    }
    report(
        &problems,
        "SQL outside the store (move it into a src/store/ module and call a Store method)",
    );
}

#[test]
fn the_core_reads_neither_clock_nor_environment() {
    const FORBIDDEN: &[&str] = &[
        "Utc::now",
        "Local::now",
        "SystemTime::now",
        "Instant::now",
        "std::env::",
        "use std::env",
    ];
    let mut problems = Vec::new();
    for path in rust_files("src") {
        let name = relative(&path);
        let source = read(&path);
        // Test modules (`tests.rs`, a file marked `#![cfg(test)]`) may read
        // the environment: `UPDATE_EXPECT` rewrites expectations.
        if name.starts_with("src/bin/")
            || name.ends_with("/tests.rs")
            || source.contains("\n#![cfg(test)]")
        {
            continue;
        }
        let lexed = lex(&source);
        for (number, line) in before_tests(&lexed.code).lines().enumerate() {
            let compact: String = line.split_whitespace().collect();
            for pattern in FORBIDDEN {
                if compact.contains(&pattern.replace(' ', "")) {
                    problems.push(format!("{name}:{}: {pattern}", number + 1));
                }
            }
        }
    }
    report(
        &problems,
        "clock or environment read in the core (pass the value in from the caller)",
    );
}

#[test]
fn the_core_knows_nothing_of_tauri_or_http() {
    const FORBIDDEN: &[&str] = &[
        "tauri::",
        "hyper::",
        "hyper_util::",
        "tokio::",
        "http_body_util::",
    ];
    let mut problems = Vec::new();
    for path in rust_files("src") {
        let name = relative(&path);
        if name.starts_with("src/bin/") {
            continue;
        }
        let lexed = lex(&read(&path));
        for (number, line) in lexed.code.lines().enumerate() {
            let compact: String = line.split_whitespace().collect();
            for pattern in FORBIDDEN {
                if compact.contains(pattern) {
                    problems.push(format!("{name}:{}: {pattern}", number + 1));
                }
            }
        }
    }
    report(
        &problems,
        "the core uses a transport (Tauri and HTTP belong to src-tauri/ and src/bin/parallax/serve)",
    );
}

/// The names in a `generate_handler![…]` list.
fn tauri_handlers(source: &str) -> Vec<String> {
    let code = lex(source).code;
    let start = code
        .find("generate_handler![")
        .expect("src-tauri/src/main.rs has no generate_handler! list")
        + "generate_handler![".len();
    let end = start + code[start..].find(']').expect("unclosed generate_handler!");
    code[start..end]
        .split(',')
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The command names `backend.ts` calls: the first string argument of
/// `call(…)`, `call<…>(…)`, `windowCall<…>(…)` and `invoke(…)`.
fn backend_calls(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for opener in ["call(", "call<", "windowCall<", "Call<"] {
        let mut rest = source;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            // After `call<`, skip the type argument to the `(`.
            let argument = if opener.ends_with('(') {
                rest.trim_start()
            } else {
                let Some(paren) = rest.find('(') else { break };
                if paren > 200 {
                    continue;
                }
                rest[paren + 1..].trim_start()
            };
            if !argument.starts_with('\'') {
                continue;
            }
            if let Some(end) = argument[1..].find('\'') {
                names.push(argument[1..1 + end].to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn command_names_live_in_one_table() {
    use parallax::app::commands::{COMMANDS, HTTP_COMMANDS, WINDOW_COMMANDS};
    let table: Vec<&str> = COMMANDS.iter().map(|command| command.name).collect();
    let mut problems = Vec::new();
    // The window answers the table through `call`, and its own commands
    // each as a Tauri command.
    let handlers = tauri_handlers(&read(&root().join("src-tauri/src/main.rs")));
    let expected: Vec<String> = std::iter::once("call")
        .chain(WINDOW_COMMANDS.iter().copied())
        .map(str::to_string)
        .collect();
    if handlers != expected {
        problems.push(format!(
            "src-tauri/src/main.rs handles {handlers:?}; the table says {expected:?}"
        ));
    }
    // The UI calls only commands some transport answers, and every command
    // of the table is one it uses.
    let backend = read(&root().join("ui/src/lib/backend.ts"));
    let called = backend_calls(&backend);
    for name in &called {
        let known = table.contains(&name.as_str())
            || HTTP_COMMANDS.contains(&name.as_str())
            || WINDOW_COMMANDS.contains(&name.as_str());
        if !known {
            problems.push(format!(
                "ui/src/lib/backend.ts calls {name:?}, which no transport answers"
            ));
        }
    }
    for name in table.iter().chain(HTTP_COMMANDS).chain(WINDOW_COMMANDS) {
        let uploaded = backend.contains(&format!("api/{name}'"));
        if !called.iter().any(|c| c == name) && !uploaded {
            problems.push(format!("{name:?} is never called by ui/src/lib/backend.ts"));
        }
    }
    let window_list = format!(
        "const WINDOW_COMMANDS = [{}] as const;",
        WINDOW_COMMANDS
            .iter()
            .map(|name| format!("'{name}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !backend.contains(&window_list) {
        problems.push(format!("ui/src/lib/backend.ts lacks `{window_list}`"));
    }
    report(
        &problems,
        "command names out of step with src/app/commands.rs",
    );
}

#[test]
fn every_module_has_a_doc() {
    let mut problems = Vec::new();
    for dir in ["src", "src-tauri", "crates", "tests", "benches", "fuzz"] {
        for path in rust_files(dir) {
            let source = read(&path);
            let first = source.lines().find(|line| !line.trim().is_empty());
            if !first.is_some_and(|line| line.starts_with("//!")) {
                problems.push(relative(&path));
            }
        }
    }
    report(&problems, "modules without a `//!` doc comment first");
}

/// Command names in the `Commands:` section of a clap help text.
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        // Command lines are indented by two spaces; wrapped descriptions by more.
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

fn help_of(arguments: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(arguments)
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("parallax {arguments:?} --help: {e}"));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// True when `docs` names `command` (and `subcommand`) in a code span:
/// `` `eval gva DIR` `` or `` `bench import|extract …` ``.
fn documented(docs: &str, command: &str, subcommand: Option<&str>) -> bool {
    docs.split('`').skip(1).step_by(2).any(|span| {
        let mut words = span.split_whitespace();
        if words.next() != Some(command) {
            return false;
        }
        match subcommand {
            None => true,
            Some(subcommand) => words
                .next()
                .is_some_and(|second| second.split('|').any(|name| name == subcommand)),
        }
    })
}

#[test]
fn every_cli_command_is_documented() {
    let docs = read(&root().join("docs/cli-json.md"));
    let mut problems = Vec::new();
    let commands = subcommands(&help_of(&[]));
    assert!(
        commands.len() > 10,
        "could not read the commands from `parallax --help`"
    );
    for command in &commands {
        if !documented(&docs, command, None) {
            problems.push(command.clone());
        }
        for subcommand in subcommands(&help_of(&[command])) {
            if !documented(&docs, command, Some(&subcommand)) {
                problems.push(format!("{command} {subcommand}"));
            }
        }
    }
    report(&problems, "CLI commands missing from docs/cli-json.md");
}

#[test]
fn the_lexer_tells_literals_from_code() {
    let lexed = lex(
        "let a = \"SELECT id FROM t\"; // SELECT x FROM comment\nlet b = r#\"DELETE FROM \"q\"\"#; let c = '\"'; let d: &'static str = \"x\";",
    );
    let literals: Vec<&str> = lexed.literals.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(literals, ["SELECT id FROM t", "DELETE FROM \"q\"", "x"]);
    assert!(!lexed.code.contains("comment"));
    assert_eq!(sql_statement("SELECT count(*) {from}"), Some("SELECT"));
    assert_eq!(sql_statement("UPDATE UPDATED BREAKING"), None);
    assert_eq!(sql_statement("INSERT OR IGNORE INTO x"), Some("INSERT"));
}
