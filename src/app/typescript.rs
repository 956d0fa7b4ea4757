//! The UI's types, generated from the Rust types the commands take and
//! return (ts-rs), into `ui/src/lib/generated/`: one file per type, and
//! `commands.ts`, the map from each command's name to its argument and
//! reply types, which `backend.ts` types its calls with.
//!
//! The files are checked in; a test regenerates them and fails when they
//! differ (`UPDATE_EXPECT=1 cargo test -p parallax --lib typescript`
//! rewrites them), so a changed Rust type cannot leave the UI's copy
//! behind. JSON numbers are TypeScript `number`s (ids and counts stay far
//! below 2^53).

use std::collections::BTreeMap;
use std::path::PathBuf;

use ts_rs::{Config, Dependency, ExportError, TS, TypeVisitor};

use super::commands::{COMMANDS, HTTP_COMMANDS, WINDOW_COMMANDS};

/// The folder of the generated files, from the repository root.
pub const GENERATED: &str = "ui/src/lib/generated";

/// The configuration every file is generated with: into `folder`, 64-bit
/// integers as `number`.
pub fn config(folder: PathBuf) -> Config {
    Config::new().with_large_int("number").with_out_dir(folder)
}

/// Writes `T` (and what it refers to) into `config`'s folder, noting the
/// files of `T` and of its type arguments (`Page<Hit>`: `Page`, `Hit`).
pub fn export<T: TS + 'static + ?Sized>(
    config: &Config,
    files: &mut Vec<Dependency>,
) -> Result<(), ExportError> {
    let mut exporter = Exporter {
        config,
        files,
        outcome: Ok(()),
    };
    exporter.visit::<T>();
    exporter.outcome
}

struct Exporter<'a> {
    config: &'a Config,
    files: &'a mut Vec<Dependency>,
    outcome: Result<(), ExportError>,
}

impl TypeVisitor for Exporter<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if let Some(file) = Dependency::from_ty::<T>(self.config) {
            self.files.push(file);
            if self.outcome.is_ok() {
                self.outcome = T::export_all(self.config);
            }
        }
        T::visit_generics(self);
    }
}

/// Writes every command's types and `commands.ts` into `config`'s folder.
pub fn generate(config: &Config) -> Result<(), ExportError> {
    let mut files = Vec::new();
    let mut rows = String::new();
    for command in COMMANDS {
        command.export_types(config, &mut files)?;
        let (args, reply) = command.typescript(config);
        rows.push_str(&format!(
            "  {}: {{ args: {args}; reply: {reply} }};\n",
            command.name
        ));
    }
    let imports: BTreeMap<String, String> = files
        .into_iter()
        .map(|file| {
            let path = file.output_path.with_extension("");
            (file.ts_name, format!("./{}", path.display()))
        })
        .collect();
    let mut text = String::from(
        "// Generated from src/app/commands.rs by src/app/typescript.rs: do not edit.\n",
    );
    for (name, path) in &imports {
        text.push_str(&format!("import type {{ {name} }} from \"{path}\";\n"));
    }
    text.push_str(
        "\n/** Every command both transports answer: its arguments and its reply. */\nexport type Commands = {\n",
    );
    text.push_str(&rows);
    text.push_str("};\n\n/** The name of a command of [`Commands`]. */\nexport type Command = keyof Commands;\n");
    let names = |list: &[&str]| {
        list.iter()
            .map(|name| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    text.push_str(&format!(
        "\n/** Commands only `parallax serve` answers. */\nexport type HttpCommand = {};\n",
        names(HTTP_COMMANDS)
    ));
    text.push_str(&format!(
        "\n/** Commands only the desktop window answers. */\nexport type WindowCommand = {};\n",
        names(WINDOW_COMMANDS)
    ));
    let path = config.out_dir().join("commands.ts");
    std::fs::write(&path, text).map_err(ExportError::Io)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn files(folder: &Path) -> BTreeMap<String, String> {
        let mut found = BTreeMap::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            found.insert(name, std::fs::read_to_string(&path).unwrap());
        }
        found
    }

    #[test]
    fn generated_types_are_current() {
        let fresh = tempfile::tempdir().unwrap();
        generate(&config(fresh.path().to_path_buf())).unwrap();
        let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            if checked_in.exists() {
                std::fs::remove_dir_all(&checked_in).unwrap();
            }
            std::fs::create_dir_all(&checked_in).unwrap();
            for (name, text) in files(fresh.path()) {
                std::fs::write(checked_in.join(name), text).unwrap();
            }
            return;
        }
        let expected = files(fresh.path());
        let found = if checked_in.exists() {
            files(&checked_in)
        } else {
            BTreeMap::new()
        };
        let stale: Vec<&String> = expected
            .keys()
            .chain(found.keys())
            .filter(|name| expected.get(*name) != found.get(*name))
            .collect();
        assert!(
            stale.is_empty(),
            "{GENERATED} differs from the Rust types in {stale:?}: run `UPDATE_EXPECT=1 cargo test -p parallax --lib typescript` and commit the files"
        );
    }
}
