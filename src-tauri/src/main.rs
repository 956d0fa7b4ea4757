//! The Parallax desktop shell: a Tauri window over the core library.
//!
//! This crate only adapts. Every command takes the shared state, makes one
//! call into `parallax`, and returns a serialisable value or an
//! [`ApiError`] `{code, message}` whose `code` is the core's
//! `Error::code()`, so the UI branches on codes, never on text. Database
//! work runs on the blocking thread pool, never on the main (UI) thread:
//! reads take a read-only connection from a small pool (WAL lets them run
//! while an import writes), writes go through the one writer connection.
//! An import is a cancellable job reporting progress over an IPC channel.
//!
//! The archive is `$PARALLAX_DB`, else the OS data directory's
//! `parallax/archive.db`; File → Open/New archive switches to another file.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod archive;
mod memory;
mod worker;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Instant;

use archive::Archive;
use parallax::compare::Comparison;
use parallax::ingest::{self, ImportOptions, ImportReport, Input, Progress, Safeguards};
use parallax::model::{ArticleSummary, Judgement, Page, Source, Verdict};
use parallax::search::{self, Hit, SearchQuery};
use parallax::store::Coverage;
use parallax::store::EntitySummary;
use parallax::store::{Batch, Stats};
use parallax::stories::StorySummary;
use parallax::views::{self, ArticleView, FacetCache, FacetLookup, Facets, FilterSpec, MapPlace};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::menu::{MenuBuilder, MenuEvent, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    code: String,
    message: String,
}

impl ApiError {
    fn new(code: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl From<parallax::Error> for ApiError {
    fn from(error: parallax::Error) -> Self {
        ApiError::new(error.code(), error.to_string())
    }
}

type CommandResult<T> = Result<T, ApiError>;

/// What the commands share.
struct AppState {
    archive: RwLock<Arc<Archive>>,
    import_cancel: Mutex<Option<Arc<AtomicBool>>>,
    started: Instant,
    /// Recent facet counts, answered from while an import runs.
    facet_cache: Arc<FacetCache>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    fn current(&self) -> Arc<Archive> {
        Arc::clone(
            &self
                .archive
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    fn replace(&self, archive: Archive) {
        *self
            .archive
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(archive);
    }
}

/// Runs `work` with a read connection on the blocking pool.
async fn read<T, F>(state: &State<'_, AppState>, work: F) -> CommandResult<T>
where
    T: Send + 'static,
    F: FnOnce(&parallax::Store) -> parallax::Result<T> + Send + 'static,
{
    let archive = state.current();
    tauri::async_runtime::spawn_blocking(move || {
        let _running = memory::command_running();
        archive.with_reader(work)
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("background task failed: {e}")))?
}

/// Runs `work` with the writer connection on the blocking pool.
async fn write<T, F>(state: &State<'_, AppState>, work: F) -> CommandResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut parallax::Store) -> parallax::Result<T> + Send + 'static,
{
    let archive = state.current();
    tauri::async_runtime::spawn_blocking(move || {
        let _running = memory::command_running();
        archive.with_writer(work)
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("background task failed: {e}")))?
}

#[derive(Serialize)]
struct ArchiveInfo {
    path: String,
    stats: Stats,
    transport: &'static str,
}

#[tauri::command]
async fn archive(state: State<'_, AppState>) -> CommandResult<ArchiveInfo> {
    let path = state.current().path().display().to_string();
    let stats = read(&state, |store| store.stats()).await?;
    Ok(ArchiveInfo {
        path,
        stats,
        transport: "tauri",
    })
}

#[tauri::command]
async fn stats(state: State<'_, AppState>) -> CommandResult<Stats> {
    read(&state, |store| store.stats()).await
}

#[tauri::command]
async fn sources(state: State<'_, AppState>) -> CommandResult<Vec<Source>> {
    read(&state, |store| store.sources()).await
}

#[tauri::command]
async fn batches(state: State<'_, AppState>) -> CommandResult<Vec<Batch>> {
    read(&state, |store| store.batches(50)).await
}

#[tauri::command]
async fn articles(
    state: State<'_, AppState>,
    filter: Option<FilterSpec>,
    sort: Option<String>,
    offset: Option<u64>,
    limit: Option<u64>,
) -> CommandResult<Page<ArticleSummary>> {
    let filter = filter.unwrap_or_default().to_filter()?;
    let sort = views::parse_sort(sort.as_deref().unwrap_or(""))?;
    let (offset, limit) = (offset.unwrap_or(0), limit.unwrap_or(100).min(1000));
    read(&state, move |store| {
        store.articles(&filter, sort, offset, limit)
    })
    .await
}

#[tauri::command]
async fn facets(
    state: State<'_, AppState>,
    filter: Option<FilterSpec>,
    query: Option<String>,
) -> CommandResult<Facets> {
    let spec = filter.unwrap_or_default();
    let filter = spec.to_filter()?;
    let importing = lock(&state.import_cancel).is_some();
    if !importing {
        return read(&state, move |store| {
            views::facets(store, &filter, query.as_deref())
        })
        .await;
    }
    // An import is running: recent counts now rather than exact counts late.
    let cache = Arc::clone(&state.facet_cache);
    let key = FacetCache::key(&spec, query.as_deref());
    match cache.lookup(&key, Instant::now()) {
        FacetLookup::Fresh(facets) => Ok(facets),
        FacetLookup::Stale(facets) => {
            let archive = state.current();
            tauri::async_runtime::spawn_blocking(move || {
                let taken = Instant::now();
                match archive.with_reader(|store| views::facets(store, &filter, query.as_deref())) {
                    Ok(fresh) => cache.store(key, fresh, taken),
                    Err(error) => {
                        eprintln!("warning: could not recount facets: {}", error.message);
                        cache.refresh_failed(&key);
                    }
                }
            });
            Ok(facets)
        }
        FacetLookup::Missing => {
            let taken = Instant::now();
            let facets = read(&state, move |store| {
                views::facets(store, &filter, query.as_deref())
            })
            .await?;
            cache.store(key, facets.clone(), taken);
            Ok(facets)
        }
    }
}

#[tauri::command]
async fn search(
    state: State<'_, AppState>,
    query: String,
    filter: Option<FilterSpec>,
    offset: Option<u64>,
    limit: Option<u64>,
) -> CommandResult<Page<Hit>> {
    let request = SearchQuery {
        query,
        filter: filter.unwrap_or_default().to_filter()?,
        offset: offset.unwrap_or(0),
        limit: limit.unwrap_or(50).min(10_000),
    };
    read(&state, move |store| search::search(store, &request)).await
}

#[tauri::command]
async fn article(state: State<'_, AppState>, id: String) -> CommandResult<ArticleView> {
    read(&state, move |store| views::article_view(store, &id)).await
}

#[tauri::command]
async fn update_article(
    state: State<'_, AppState>,
    id: i64,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
) -> CommandResult<ArticleView> {
    let published = match published.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(text) => Some(Some(
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                ApiError::new(
                    "invalid_argument",
                    format!("{text:?} is not a date of the form YYYY-MM-DD"),
                )
            })?,
        )),
    };
    write(&state, move |store| {
        store.update_article_metadata(
            id,
            title.as_deref(),
            url.as_deref(),
            published,
            source.as_deref(),
        )?;
        views::article_view(store, &id.to_string())
    })
    .await
}

#[tauri::command]
async fn rename_source(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> CommandResult<Vec<Source>> {
    write(&state, move |store| {
        store.rename_source(id, &name)?;
        store.sources()
    })
    .await
}

/// Import progress events sent over the channel.
#[derive(Clone, Serialize)]
#[serde(tag = "event", content = "data", rename_all = "camelCase")]
enum ImportEvent {
    Progress(Progress),
}

#[tauri::command]
async fn import(
    state: State<'_, AppState>,
    paths: Vec<String>,
    source: Option<String>,
    on_event: Channel<ImportEvent>,
) -> CommandResult<ImportReport> {
    if paths.is_empty() {
        return Err(ApiError::new("invalid_argument", "nothing to import"));
    }
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut slot = lock(&state.import_cancel);
        if slot
            .as_ref()
            .is_some_and(|running| !running.load(Ordering::Relaxed))
        {
            return Err(ApiError::new("busy", "an import is already running"));
        }
        *slot = Some(Arc::clone(&cancel));
    }
    state.facet_cache.clear();
    let inputs: Vec<Input> = paths
        .iter()
        .map(|p| Input::Path(PathBuf::from(p)))
        .collect();
    let options = ImportOptions {
        source: source.filter(|s| !s.trim().is_empty()),
        ..ImportOptions::new(now())
    };
    let safeguards = Safeguards {
        pdf_worker: worker::pdf_worker(),
        ..Safeguards::default()
    };
    let job_cancel = Arc::clone(&cancel);
    let archive = state.current();
    // The import gets a thread of its own at background priority (a pooled
    // thread would keep the lowered priority for later commands): the
    // threads answering the window's queries come first for the CPU.
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        let worker = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                // PARALLAX_IMPORT_NORMAL_PRIORITY: leave it alone, to measure the effect.
                let measuring = std::env::var_os("PARALLAX_IMPORT_NORMAL_PRIORITY").is_some();
                if !measuring && !views::run_in_background() {
                    eprintln!(
                        "warning: could not lower the import's priority; queries may wait during it"
                    );
                }
                let _running = memory::command_running();
                archive.with_writer(|store| {
                    let mut on_progress = |progress: &Progress| {
                        if let Err(e) = on_event.send(ImportEvent::Progress(progress.clone())) {
                            eprintln!("warning: could not send import progress: {e}");
                        }
                    };
                    let report = ingest::import_guarded(
                        store,
                        &inputs,
                        &options,
                        &safeguards,
                        &mut on_progress,
                        &job_cancel,
                    )?;
                    // New articles join stories right away, so the story screens are current.
                    parallax::app::update_stories(store, false)?;
                    Ok(report)
                })
            });
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(|_| {
                Err(ApiError::new("internal", "the import stopped unexpectedly"))
            }),
            Err(e) => Err(ApiError::new(
                "internal",
                format!("could not start the import: {e}"),
            )),
        }
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("background task failed: {e}")))
    .and_then(|outcome| outcome);
    // Mark the job finished so the next import may start.
    cancel.store(true, Ordering::Relaxed);
    *lock(&state.import_cancel) = None;
    state.facet_cache.clear();
    outcome
}

#[tauri::command]
fn import_cancel(state: State<'_, AppState>) -> bool {
    match lock(&state.import_cancel).as_ref() {
        Some(cancel) => {
            cancel.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
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
    .map_err(|e| ApiError::new("internal", format!("dialog failed: {e}")))
}

#[tauri::command]
async fn entities(
    state: State<'_, AppState>,
    kind: Option<String>,
    limit: Option<u64>,
) -> CommandResult<Vec<EntitySummary>> {
    read(&state, move |store| {
        store.entities(kind.as_deref(), limit.unwrap_or(2000))
    })
    .await
}

#[tauri::command]
async fn places(state: State<'_, AppState>) -> CommandResult<Vec<MapPlace>> {
    read(&state, |store| views::map_places(store, 2000)).await
}

#[tauri::command]
async fn entity_merge(state: State<'_, AppState>, into: i64, from: i64) -> CommandResult<i64> {
    write(&state, move |store| {
        store.merge_entities(into, from).map(|()| into)
    })
    .await
}

#[tauri::command]
async fn entity_split(state: State<'_, AppState>, id: i64, alias: String) -> CommandResult<i64> {
    write(&state, move |store| store.split_entity(id, &alias)).await
}

#[tauri::command]
async fn entity_rename(state: State<'_, AppState>, id: i64, name: String) -> CommandResult<i64> {
    write(&state, move |store| {
        store.rename_entity(id, &name).map(|()| id)
    })
    .await
}

/// Groups articles not yet in a story, then lists the stories; while an
/// import holds the writer (or another process imports into the archive),
/// lists the stories as last grouped instead of waiting for it (the import
/// groups its articles when it ends).
#[tauri::command]
async fn stories(state: State<'_, AppState>) -> CommandResult<Vec<StorySummary>> {
    let archive = state.current();
    tauri::async_runtime::spawn_blocking(move || {
        let _running = memory::command_running();
        // Another process importing into this archive counts as busy too.
        let grouped = archive.try_with_writer(|store| {
            if store.import_running()? {
                store.stories()
            } else {
                parallax::app::update_stories(store, false)
            }
        });
        match grouped {
            Some(grouped) => grouped,
            None => archive.with_reader(|store| store.stories()),
        }
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("background task failed: {e}")))?
}

#[tauri::command]
async fn compare(state: State<'_, AppState>, id: String) -> CommandResult<Comparison> {
    let id: i64 = id.parse().map_err(|_| {
        ApiError::new(
            "invalid_argument",
            format!("story id {id:?} is not a number"),
        )
    })?;
    read(&state, move |store| parallax::app::compare_story(store, id)).await
}

#[tauri::command]
async fn coverage(state: State<'_, AppState>) -> CommandResult<Coverage> {
    read(&state, |store| store.coverage()).await
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tauri::command]
async fn story_move(
    state: State<'_, AppState>,
    article: i64,
    story: i64,
) -> CommandResult<StorySummary> {
    write(&state, move |store| {
        parallax::app::move_article(store, article, story, &now())?;
        store.story(story)
    })
    .await
}

#[tauri::command]
async fn story_split(
    state: State<'_, AppState>,
    story: i64,
    articles: Vec<i64>,
) -> CommandResult<StorySummary> {
    write(&state, move |store| {
        let new = parallax::app::split_story(store, story, &articles, &now())?;
        store.story(new)
    })
    .await
}

#[tauri::command]
async fn story_merge(
    state: State<'_, AppState>,
    into: i64,
    from: i64,
) -> CommandResult<StorySummary> {
    write(&state, move |store| {
        parallax::app::merge_stories(store, into, from, &now())?;
        store.story(into)
    })
    .await
}

/// Marks a finding `confirmed` or `wrong` (see `parallax::app::set_verdict`).
#[tauri::command]
async fn verdict_set(
    state: State<'_, AppState>,
    story: i64,
    key: String,
    verdict: String,
    note: Option<String>,
) -> CommandResult<Verdict> {
    let judgement = Judgement::parse(&verdict).ok_or_else(|| {
        ApiError::new(
            "invalid_argument",
            format!("verdict {verdict:?} is neither confirmed nor wrong"),
        )
    })?;
    write(&state, move |store| {
        parallax::app::set_verdict(store, story, &key, judgement, note.as_deref(), &now())
    })
    .await
}

#[tauri::command]
async fn verdict_clear(
    state: State<'_, AppState>,
    story: i64,
    key: String,
) -> CommandResult<serde_json::Value> {
    write(&state, move |store| {
        parallax::app::clear_verdict(store, story, &key)
            .map(|()| serde_json::json!({ "cleared": key }))
    })
    .await
}

#[tauri::command]
async fn verdicts(state: State<'_, AppState>, story: Option<i64>) -> CommandResult<Vec<Verdict>> {
    read(&state, move |store| parallax::app::verdicts(store, story)).await
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
            .map_err(|e| ApiError::new("io", e.to_string()))?;
        write_export(&path, &content).map(Some)
    })
    .await
    .map_err(|e| ApiError::new("internal", format!("save failed: {e}")))?
}

/// Writes an export's text to the chosen file, replacing it, and returns
/// the path as shown to the person.
fn write_export(path: &Path, content: &str) -> CommandResult<String> {
    std::fs::write(path, content).map_err(|e| ApiError::from(parallax::Error::io(path, e)))?;
    Ok(path.display().to_string())
}

/// Operations whose core modules are not in this build yet: the UI shows an
/// honest empty state for the `unavailable` code.
#[tauri::command]
fn unavailable(what: String) -> CommandResult<()> {
    Err(ApiError::new(
        "unavailable",
        format!("`{what}` needs story grouping, which this build of Parallax does not have yet"),
    ))
}

/// The UI calls this once it has painted; with `PARALLAX_TIMING` set the
/// time from process start is printed, which is how cold start is measured.
#[tauri::command]
fn ui_ready(state: State<'_, AppState>) -> u128 {
    let elapsed = state.started.elapsed().as_millis();
    if std::env::var_os("PARALLAX_TIMING").is_some() {
        eprintln!("first paint after {elapsed} ms");
    }
    elapsed
}

fn archive_path() -> Result<PathBuf, ApiError> {
    std::env::var_os("PARALLAX_DB")
        .map(PathBuf::from)
        .or_else(parallax::store::default_path)
        .ok_or_else(|| {
            ApiError::new(
                "invalid_argument",
                "no data directory for the default archive; set PARALLAX_DB",
            )
        })
}

/// File menu: open or create another archive, import.
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
        "quit" => app.exit(0),
        _ => {}
    }
}

fn switch_archive(app: &AppHandle, path: PathBuf) {
    let state = app.state::<AppState>();
    let outcome = match Archive::open(&path) {
        Ok(archive) => {
            state.replace(archive);
            app.emit("archive-changed", path.display().to_string())
        }
        Err(error) => app.emit("archive-error", ApiError::from(error)),
    };
    if let Err(e) = outcome {
        eprintln!("warning: could not tell the UI about the archive: {e}");
    }
}

fn main() {
    // A child process reading one PDF for an import (see `worker`): no
    // window, no archive.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| arg == worker::PDF_WORKER_ARG)
    {
        std::process::exit(worker::run_pdf_worker());
    }
    let started = Instant::now();
    memory::limit_arenas();
    let opened = archive_path().and_then(|path| Archive::open(&path).map_err(ApiError::from));
    let opened_archive = match opened {
        Ok(opened_archive) => opened_archive,
        Err(error) => {
            eprintln!(
                "error: cannot open the archive: {} ({})",
                error.message, error.code
            );
            std::process::exit(2);
        }
    };
    let state = AppState {
        archive: RwLock::new(Arc::new(opened_archive)),
        import_cancel: Mutex::new(None),
        started,
        facet_cache: Arc::new(FacetCache::default()),
    };
    let outcome = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            if let Some(window) = app.get_webview_window("main") {
                memory::tune_webview(&window);
            }
            Ok(())
        })
        .menu(|app| {
            let file = SubmenuBuilder::new(app, "File")
                .text("open", "Open archive…")
                .text("new", "New archive…")
                .separator()
                .text("import", "Import…")
                .separator()
                .text("quit", "Quit")
                .build()?;
            MenuBuilder::new(app).item(&file).build()
        })
        .on_menu_event(on_menu)
        .invoke_handler(tauri::generate_handler![
            archive,
            stats,
            sources,
            batches,
            articles,
            facets,
            search,
            article,
            update_article,
            rename_source,
            import,
            import_cancel,
            pick_inputs,
            unavailable,
            entities,
            places,
            entity_merge,
            entity_split,
            entity_rename,
            stories,
            compare,
            coverage,
            story_move,
            story_split,
            story_merge,
            verdict_set,
            verdict_clear,
            verdicts,
            save_text,
            ui_ready
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
