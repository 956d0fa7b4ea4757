//! The Parallax desktop shell: a Tauri window over the core library.
//!
//! This crate only adapts. The UI's commands are answered by the
//! application layer's table (`parallax::app::commands`), through one IPC
//! command, [`call`], which runs it on the blocking thread pool, never on
//! the main (UI) thread; `parallax serve` answers the same table over HTTP.
//! Errors cross as `{code, message}` ([`CommandError`]), so the UI
//! branches on codes, never on text. What only a window has is here: an
//! import of paths reporting progress over an IPC channel, the native file
//! dialogs, the File and Edit menus, an article's original opened in the
//! desktop's application for it, the first-paint signal, and memory tuning
//! (`memory`).
//!
//! The archive is `$PARALLAX_DB`, else the OS data directory's
//! `parallax/archive.db`; File → Open/New archive switches to another file.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod memory;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use parallax::app::pdf_worker::{self, PDF_WORKER_ARG};
use parallax::app::{Application, Archive, CommandError, ImportRequest, Now, Settings};
use parallax::ingest::{ImportReport, Input, Progress};
use parallax::research::Original;
use serde::Serialize;
use serde_json::Value;
use tauri::ipc::{Channel, Response};
use tauri::menu::{MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// Read connections kept for reuse: two answer the UI's usual pair of
/// concurrent calls (a list page and its facets); more would only hold
/// page caches.
const MAX_IDLE_READERS: usize = 2;

type CommandResult<T> = Result<T, CommandError>;

/// What the window's commands share.
struct Shell {
    application: Arc<Application>,
    started: Instant,
    /// Edit › Undo, named after what it would restore (set once the menu
    /// is built).
    undo_item: OnceLock<MenuItem<tauri::Wry>>,
    /// The undo item's text as last shown, so it is only changed (on the
    /// main thread) when a command changed it.
    undo_shown: Mutex<Option<String>>,
}

impl Shell {
    /// Names Edit › Undo after what the next undo would restore (`Undo
    /// delete 3 articles`), disabled when there is nothing: after every
    /// command, since deletions, undo and switching archives change it.
    fn refresh_undo_item(&self) {
        let Some(item) = self.undo_item.get() else {
            return;
        };
        let next = self.application.undo_label();
        let label = parallax::undo::menu_label(next.as_deref());
        let mut shown = self
            .undo_shown
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if shown.as_deref() == Some(label.as_str()) {
            return;
        }
        let outcome = item
            .set_text(&label)
            .and_then(|()| item.set_enabled(next.is_some()));
        match outcome {
            Ok(()) => *shown = Some(label),
            Err(e) => eprintln!("warning: could not update the Edit menu: {e}"),
        }
    }
}

/// The clock, read here at the edge and passed into the core.
fn now() -> Now {
    Now {
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        instant: Instant::now(),
    }
}

/// Runs `work` on the blocking pool, counted as a running command (see
/// `memory`).
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(move || {
        let _running = memory::command_running();
        work()
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("background task failed: {e}")))?
}

/// Every command of the application layer's table: its name and JSON
/// arguments in, its JSON reply out.
#[tauri::command]
async fn call(
    state: State<'_, Shell>,
    command: String,
    args: Option<Value>,
) -> CommandResult<Response> {
    let application = Arc::clone(&state.application);
    let now = now();
    let reply =
        blocking(move || application.call(&command, args.unwrap_or(Value::Null), &now)).await;
    state.refresh_undo_item();
    Ok(Response::new(reply?))
}

/// Import progress events sent over the channel.
#[derive(Clone, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
enum ImportEvent {
    Progress(Progress),
}

/// Imports files and folders by path (dropped on the window or picked),
/// one import at a time, with progress over `on_event`; the report when it
/// ends.
#[tauri::command]
async fn import(
    state: State<'_, Shell>,
    paths: Vec<String>,
    source: Option<String>,
    on_event: Channel<ImportEvent>,
) -> CommandResult<ImportReport> {
    let request = ImportRequest {
        inputs: paths
            .iter()
            .map(|p| Input::Path(PathBuf::from(p)))
            .collect(),
        source,
        alone: true,
        now: now().timestamp,
    };
    let forward = move |progress: &Progress| {
        if let Err(e) = on_event.send(ImportEvent::Progress(progress.clone())) {
            eprintln!("warning: could not send import progress: {e}");
        }
    };
    let application = Arc::clone(&state.application);
    let job = application.start_import(request, Some(Box::new(forward)))?;
    blocking(move || application.imports().wait(job)).await
}

/// Asks for files or a folder to import; the dialog runs off the main thread.
#[tauri::command]
async fn pick_inputs(app: AppHandle, folder: bool) -> CommandResult<Vec<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let dialog = app.dialog().file().set_title(if folder {
            "Import a folder"
        } else {
            "Import files"
        });
        let picked = if folder {
            dialog.blocking_pick_folder().map(|p| vec![p])
        } else {
            dialog.blocking_pick_files()
        };
        picked
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .map(|p| p.display().to_string())
            .collect()
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("dialog failed: {e}")))
}

/// Writes an export where the person chooses (native save dialog, the
/// dialog plugin's GTK file chooser on Linux). `None` when they cancel.
#[tauri::command]
async fn save_text(app: AppHandle, name: String, content: String) -> CommandResult<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || {
        let Some(path) = app
            .dialog()
            .file()
            .set_file_name(&name)
            .blocking_save_file()
        else {
            return Ok(None);
        };
        let path = path
            .into_path()
            .map_err(|e| CommandError::new("io", e.to_string()))?;
        write_export(&path, &content).map(Some)
    })
    .await
    .map_err(|e| CommandError::new("internal", format!("save failed: {e}")))?
}

/// Writes an export's text to the chosen file, replacing it, and returns
/// the path as shown to the person.
fn write_export(path: &Path, content: &str) -> CommandResult<String> {
    std::fs::write(path, content).map_err(|e| CommandError::from(parallax::Error::io(path, e)))?;
    Ok(path.display().to_string())
}

/// Opens an article's original outside Parallax, on the person's click:
/// the file it was imported from (`target` `file`) in the desktop's
/// application for it, or its address (`url`, `http(s)` only) in the
/// browser. The path or address comes from the archive
/// (`parallax::research::original`), never from the page, so the webview
/// cannot make the shell open anything else.
#[tauri::command]
async fn open_original(
    state: State<'_, Shell>,
    article: i64,
    target: String,
) -> CommandResult<String> {
    let application = Arc::clone(&state.application);
    blocking(move || {
        let original =
            application.read(|store| parallax::research::original(store, article, &target))?;
        let shown = match &original {
            Original::File(path) => path.display().to_string(),
            Original::Url(url) => url.clone(),
        };
        // The desktop's opener, given the path or address as one argument
        // (no shell); a thread waits for it so it leaves no zombie.
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(target_os = "windows") {
            "explorer"
        } else {
            "xdg-open"
        };
        let mut child = std::process::Command::new(opener)
            .arg(&shown)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| CommandError::new("io", format!("could not start {opener}: {e}")))?;
        std::thread::spawn(move || {
            if let Err(e) = child.wait() {
                eprintln!("warning: {opener} did not end cleanly: {e}");
            }
        });
        Ok(shown)
    })
    .await
}

/// The UI calls this once it has painted; with `PARALLAX_TIMING` set the
/// time from process start is printed, which is how cold start is measured.
#[tauri::command]
fn ui_ready(state: State<'_, Shell>) -> u128 {
    let elapsed = state.started.elapsed().as_millis();
    if std::env::var_os("PARALLAX_TIMING").is_some() {
        eprintln!("first paint after {elapsed} ms");
    }
    elapsed
}

fn archive_path() -> CommandResult<PathBuf> {
    std::env::var_os("PARALLAX_DB")
        .map(PathBuf::from)
        .or_else(parallax::store::default_path)
        .ok_or_else(|| {
            CommandError::invalid_argument(
                "no data directory for the default archive; set PARALLAX_DB",
            )
        })
}

/// File menu: open or create another archive, import; Edit menu: undo
/// the last deletion, named after it (the UI runs it, so Ctrl+Z in a text
/// field still undoes typing).
fn on_menu(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref().to_string();
    let handle = app.clone();
    match id.as_str() {
        "open" | "new" => {
            let dialog = app
                .dialog()
                .file()
                .add_filter("Parallax archive", &["db", "sqlite"]);
            let chosen = move |path: Option<tauri_plugin_dialog::FilePath>| {
                let Some(path) = path.and_then(|p| p.into_path().ok()) else {
                    return;
                };
                switch_archive(&handle, path);
            };
            if id == "open" {
                dialog.set_title("Open archive").pick_file(chosen);
            } else {
                dialog
                    .set_title("New archive")
                    .set_file_name("archive.db")
                    .save_file(chosen);
            }
        }
        "import" => {
            if let Err(e) = app.emit("menu-import", ()) {
                eprintln!("warning: could not tell the UI about the menu: {e}");
            }
        }
        "undo" => {
            if let Err(e) = app.emit("menu-undo", ()) {
                eprintln!("warning: could not tell the UI about the menu: {e}");
            }
        }
        "quit" => app.exit(0),
        _ => {}
    }
}

fn switch_archive(app: &AppHandle, path: PathBuf) {
    let state = app.state::<Shell>();
    let outcome = match Archive::open(&path, MAX_IDLE_READERS) {
        Ok(archive) => {
            state.application.switch_archive(archive);
            // Switching archives forgets the deletions of the old one.
            state.refresh_undo_item();
            app.emit("archive-changed", path.display().to_string())
        }
        Err(error) => app.emit("archive-error", CommandError::from(error)),
    };
    if let Err(e) = outcome {
        eprintln!("warning: could not tell the UI about the archive: {e}");
    }
}

fn main() {
    // A child process reading one PDF for an import (`parallax::app::pdf_worker`):
    // no window, no archive.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == PDF_WORKER_ARG)
    {
        std::process::exit(pdf_worker::run_pdf_worker());
    }
    let started = Instant::now();
    memory::limit_arenas();
    let opened = archive_path()
        .and_then(|path| Archive::open(&path, MAX_IDLE_READERS).map_err(CommandError::from));
    let archive = match opened {
        Ok(archive) => archive,
        Err(error) => {
            eprintln!(
                "error: cannot open the archive: {} ({})",
                error.message, error.code
            );
            std::process::exit(2);
        }
    };
    let pdf_worker = match std::env::current_exe() {
        Ok(program) => Some(pdf_worker::pdf_worker(program)),
        Err(e) => {
            eprintln!(
                "warning: cannot find this program to start the PDF reader ({e}); PDFs are read without memory limits"
            );
            None
        }
    };
    let settings = Settings {
        transport: "tauri",
        pdf_worker,
        // PARALLAX_IMPORT_NORMAL_PRIORITY: leave imports alone, to measure the effect.
        lower_import_priority: std::env::var_os("PARALLAX_IMPORT_NORMAL_PRIORITY").is_none(),
        warn: |message| eprintln!("warning: {message}"),
    };
    let shell = Shell {
        application: Arc::new(Application::new(archive, settings)),
        started,
        undo_item: OnceLock::new(),
        undo_shown: Mutex::new(None),
    };
    let outcome = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(shell)
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                memory::tune_webview(&window);
            }
            // Edit › Undo starts disabled: nothing is deleted yet. No
            // accelerator: the UI takes Ctrl+Z, so a text field still
            // undoes typing.
            let handle = app.handle();
            let undo = MenuItemBuilder::with_id("undo", parallax::undo::menu_label(None))
                .enabled(false)
                .build(handle)?;
            let file = SubmenuBuilder::new(handle, "File")
                .text("open", "Open archive…")
                .text("new", "New archive…")
                .separator()
                .text("import", "Import…")
                .separator()
                .text("quit", "Quit")
                .build()?;
            let edit = SubmenuBuilder::new(handle, "Edit").item(&undo).build()?;
            handle.set_menu(MenuBuilder::new(handle).item(&file).item(&edit).build()?)?;
            let shell = handle.state::<Shell>();
            if shell.undo_item.set(undo).is_err() {
                eprintln!("warning: the Edit menu was built twice");
            }
            shell.refresh_undo_item();
            Ok(())
        })
        .on_menu_event(on_menu)
        // `call` answers every command of `parallax::app::commands::COMMANDS`;
        // the others are its WINDOW_COMMANDS (checked by tests/tidy.rs).
        .invoke_handler(tauri::generate_handler![
            call,
            import,
            pick_inputs,
            save_text,
            ui_ready,
            open_original
        ])
        .run(tauri::generate_context!());
    if let Err(e) = outcome {
        eprintln!("error: the window could not run: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_write_the_chosen_file_and_report_unwritable_paths() {
        let dir = std::env::temp_dir().join(format!("parallax-export-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("comparison.md");
        std::fs::write(&file, "older export").unwrap();
        let shown = write_export(&file, "# Story 3\n\n| claim | outlet |\n").unwrap();
        assert_eq!(shown, file.display().to_string());
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "# Story 3\n\n| claim | outlet |\n"
        );
        // A folder cannot be overwritten: an error the UI can show, no panic.
        let refused = write_export(&dir, "x").unwrap_err();
        assert_eq!(refused.code, "io");
        assert!(
            refused.message.contains(&dir.display().to_string()),
            "{}",
            refused.message
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
