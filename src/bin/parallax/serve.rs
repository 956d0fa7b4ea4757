//! `parallax serve`: the desktop window's operations over HTTP, with the
//! built UI, so Parallax runs in any browser (headless machines, browser
//! tests).
//!
//! Security model: the server listens on a loopback address unless
//! `--allow-remote` is given (remote mode serves plain HTTP: put a
//! TLS-terminating proxy in front and name it with `--allow-host`); every
//! `/api/` request must carry the per-run random token (header
//! `X-Parallax-Token`; the start URL carries it once and the UI moves it
//! out of the address bar); the `Host` header must name this server and an
//! `Origin` must be our own (`http`); no CORS header is ever sent.
//! `--read-only` refuses every write. Imports over HTTP read uploaded
//! files, or server-side paths only inside `--import-dir` folders (with
//! `--allow-remote`, any path would be a remote file read). Uploads wait
//! in memory at most `--upload-ttl` (ten minutes) and
//! [`MAX_HELD_UPLOAD_BYTES`] in all.
//! The transport and its limits are in `http`.
//!
//! Concurrency: requests are answered on tokio (two threads) and run their
//! database work on its blocking pool (`--threads`), each taking a
//! read-only connection from a small pool (WAL lets them read while an
//! import writes); writes (imports, edits) go through one writer
//! connection behind a mutex. An import is a job polled for progress.

mod http;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use clap::Args;
use hyper::StatusCode;
use parallax::ingest::{self, ImportOptions, ImportReport, Input, Progress, Safeguards};
use parallax::search::{self, SearchQuery};
use parallax::views::{self, FacetCache, FacetLookup, FilterSpec};
use parallax::{Error, Store};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use http::HostPolicy;

/// Arguments of `parallax serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on; only loopback addresses unless --allow-remote.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Allow listening on a non-loopback address. The server speaks plain
    /// HTTP: put a TLS-terminating proxy in front, and know that anyone who
    /// can reach it with the token can read and (unless --read-only)
    /// change the archive.
    #[arg(long)]
    allow_remote: bool,
    /// Another name clients reach this server by, accepted in the Host
    /// header (repeatable; the proxy's public name in remote mode).
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// Refuse every change: imports, uploads, edits.
    #[arg(long)]
    read_only: bool,
    /// A folder whose files the API may import by path (repeatable);
    /// without one, imports over HTTP read uploaded files only.
    #[arg(long = "import-dir", value_name = "DIR")]
    import_dirs: Vec<PathBuf>,
    /// Folder of the built UI (default: ui/dist of this source tree, or PARALLAX_UI_DIR).
    #[arg(long, env = "PARALLAX_UI_DIR", value_name = "DIR")]
    ui: Option<PathBuf>,
    /// Threads answering database requests.
    #[arg(long, default_value_t = 4)]
    threads: usize,
    /// Most connections open at once; at the cap a new one replaces the
    /// oldest idle one, or is closed when all are busy.
    #[arg(long, default_value_t = 64)]
    max_connections: usize,
    /// Seconds an uploaded file waits for the import that reads it.
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    upload_ttl: u64,
}

/// `PARALLAX_TIMING` set: log every API call's wall and CPU time to stderr.
static TIMING: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PARALLAX_TIMING").is_some());

/// Most bytes of uploads waiting in memory at once.
const MAX_HELD_UPLOAD_BYTES: u64 = 1 << 30;
/// Finished import jobs kept for their status.
const KEPT_JOBS: usize = 64;

/// An error as the UI receives it.
#[derive(Serialize, Clone)]
struct ApiError {
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

    fn status(&self) -> StatusCode {
        match self.code.as_str() {
            "not_found" => StatusCode::NOT_FOUND,
            "invalid_query" | "invalid_argument" | "bad_request" => StatusCode::BAD_REQUEST,
            "unauthorized" => StatusCode::UNAUTHORIZED,
            "forbidden" | "read_only" => StatusCode::FORBIDDEN,
            "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
            "timeout" => StatusCode::REQUEST_TIMEOUT,
            "busy" => StatusCode::SERVICE_UNAVAILABLE,
            "unavailable" => StatusCode::NOT_IMPLEMENTED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        ApiError::new(error.code(), error.to_string())
    }
}

/// An import job's state, as polled by the UI.
#[derive(Serialize, Clone, Default)]
struct JobState {
    progress: Option<Progress>,
    report: Option<ImportReport>,
    error: Option<ApiError>,
    done: bool,
}

struct Job {
    state: JobState,
    cancel: Arc<AtomicBool>,
}

/// A file uploaded for an import, until the import takes it or it expires.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    expires: Instant,
}

/// What every request shares.
struct Shared {
    db: PathBuf,
    token: String,
    hosts: HostPolicy,
    ui_dir: Option<PathBuf>,
    /// The one writer; `None` with `--read-only`.
    writer: Option<Mutex<Store>>,
    /// Idle read-only connections, reused.
    readers: Mutex<Vec<Store>>,
    max_idle_readers: usize,
    /// Folders the API may import by path (canonical).
    import_dirs: Vec<PathBuf>,
    /// How long an upload waits for its import.
    upload_ttl: Duration,
    jobs: Mutex<BTreeMap<u64, Job>>,
    uploads: Mutex<BTreeMap<u64, Upload>>,
    next_id: AtomicU64,
    /// Imports running now; while any does, facets come from `facet_cache`.
    imports_running: AtomicUsize,
    facet_cache: FacetCache,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another request must not take the server down with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    /// A read-only connection from the pool, returned to it when dropped.
    fn reader(&self) -> Result<Reader<'_>, ApiError> {
        let idle = lock(&self.readers).pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.db)?,
        };
        Ok(Reader {
            shared: self,
            store: Some(store),
        })
    }

    /// The writer, unless the server is read-only.
    fn writer(&self) -> Result<MutexGuard<'_, Store>, ApiError> {
        match &self.writer {
            Some(writer) => Ok(lock(writer)),
            None => Err(read_only()),
        }
    }

    /// Drops uploads nobody imported in time.
    fn expire_uploads(&self) {
        let now = Instant::now();
        lock(&self.uploads).retain(|_, upload| upload.expires > now);
    }

    /// Refuses an upload of `bytes` that would hold too much in memory.
    fn upload_allowed(&self, bytes: u64) -> Result<(), ApiError> {
        if self.writer.is_none() {
            return Err(read_only());
        }
        self.expire_uploads();
        let held: u64 = lock(&self.uploads)
            .values()
            .map(|u| u.bytes.len() as u64)
            .sum();
        if held.saturating_add(bytes) > MAX_HELD_UPLOAD_BYTES {
            return Err(ApiError::new(
                "payload_too_large",
                format!(
                    "{} MB of uploads are waiting to be imported; import or wait for them to expire first",
                    held >> 20
                ),
            ));
        }
        Ok(())
    }
}

/// A pooled read-only connection.
struct Reader<'a> {
    shared: &'a Shared,
    store: Option<Store>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        // Present from creation until drop.
        self.store
            .as_ref()
            .unwrap_or_else(|| unreachable!("reader used after drop"))
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(store) = self.store.take() {
            let mut readers = lock(&self.shared.readers);
            if readers.len() < self.shared.max_idle_readers {
                readers.push(store);
            }
        }
    }
}

fn read_only() -> ApiError {
    ApiError::new(
        "read_only",
        "this server is read-only (parallax serve --read-only)",
    )
}

/// Runs the server until the process is stopped.
pub fn run(db: PathBuf, args: ServeArgs) -> Result<ExitCode, Error> {
    let address: IpAddr = args.host.parse().map_err(|_| {
        Error::InvalidArgument(format!("--host {:?} is not an IP address", args.host))
    })?;
    if !address.is_loopback() && !args.allow_remote {
        return Err(Error::InvalidArgument(format!(
            "refusing to listen on {address}, which is not a loopback address; pass --allow-remote to do it anyway"
        )));
    }
    let writer = if args.read_only {
        // Checks the archive is readable at this build's schema; nothing is written.
        drop(Store::open_read_only(&db)?);
        None
    } else {
        Some(Mutex::new(Store::open(&db)?))
    };
    let mut import_dirs = Vec::new();
    for dir in &args.import_dirs {
        let canonical = dir
            .canonicalize()
            .map_err(|e| Error::io(dir, e))
            .and_then(|d| {
                if d.is_dir() {
                    Ok(d)
                } else {
                    Err(Error::InvalidArgument(format!(
                        "--import-dir {} is not a folder",
                        dir.display()
                    )))
                }
            })?;
        import_dirs.push(canonical);
    }
    let listener = std::net::TcpListener::bind((address, args.port)).map_err(|e| {
        Error::InvalidArgument(format!("cannot listen on {address}:{}: {e}", args.port))
    })?;
    let port = listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| Error::io("<listener>", e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io("<listener>", e))?;
    let token = random_token()?;
    // The address to print: every interface is reached here through loopback.
    let shown = match address {
        IpAddr::V4(v4) if v4.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(v6) if v6.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let hosts = HostPolicy {
        listen: address,
        port,
        names: args
            .allow_hosts
            .iter()
            .map(|n| n.trim().to_ascii_lowercase())
            .collect(),
    };
    let ui_dir = find_ui(args.ui.as_deref());
    let origin = format!("http://{shown}:{port}");
    println!("{origin}/?token={token}");
    eprintln!(
        "Parallax is serving {}{} at {origin}/?token={token}",
        db.display(),
        if args.read_only { " (read-only)" } else { "" }
    );
    if address.is_unspecified() {
        eprintln!(
            "listening on every interface, port {port}; use https through a TLS-terminating proxy for remote clients"
        );
    }
    if ui_dir.is_none() {
        eprintln!(
            "warning: the UI is not built (run ./run or `npm --prefix ui run build`); only the API is served"
        );
    }
    let threads = args.threads.max(1);
    let shared = Arc::new(Shared {
        db,
        token,
        hosts,
        ui_dir,
        writer,
        readers: Mutex::new(Vec::new()),
        max_idle_readers: threads,
        import_dirs,
        upload_ttl: Duration::from_secs(args.upload_ttl),
        jobs: Mutex::new(BTreeMap::new()),
        uploads: Mutex::new(BTreeMap::new()),
        next_id: AtomicU64::new(1),
        imports_running: AtomicUsize::new(0),
        facet_cache: FacetCache::default(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(threads)
        .thread_name("parallax-serve")
        .enable_all()
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| Error::io("<listener>", e))?;
        let sweeper = Arc::clone(&shared);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_secs(60)).await;
                sweeper.expire_uploads();
            }
        });
        http::accept(listener, shared, args.max_connections).await;
        Ok::<_, Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The current time, read here at the edge and passed into the core.
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn random_token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::InvalidArgument(format!("no randomness for the token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The built UI: `--ui`, else `ui/dist` of the source tree this binary was built from.
fn find_ui(explicit: Option<&Path>) -> Option<PathBuf> {
    let candidates = match explicit {
        Some(dir) => vec![dir.to_path_buf()],
        None => vec![
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("ui")
                .join("dist"),
            PathBuf::from("ui/dist"),
        ],
    };
    candidates
        .into_iter()
        .find(|dir| dir.join("index.html").is_file())
        .and_then(|dir| dir.canonicalize().ok())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && text.is_char_boundary(index + 3)
            && let Ok(value) = u8::from_str_radix(&text[index + 1..index + 3], 16)
        {
            out.push(value);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One API call, on the blocking pool: an upload is kept for the import
/// that names it; any other body is JSON arguments for [`dispatch`].
fn call(
    shared: &Arc<Shared>,
    command: &str,
    file_name: Option<String>,
    body: Vec<u8>,
) -> Result<Value, ApiError> {
    if command == "upload" {
        shared.upload_allowed(body.len() as u64)?;
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        lock(&shared.uploads).insert(
            id,
            Upload {
                name: file_name.unwrap_or_else(|| "upload".into()),
                bytes: body,
                expires: Instant::now() + shared.upload_ttl,
            },
        );
        return Ok(json!({ "upload": id }));
    }
    let args: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| ApiError::new("bad_request", format!("body is not JSON: {e}")))?
    };
    let started = (Instant::now(), views::thread_cpu_time());
    let outcome = dispatch(shared, command, args);
    if *TIMING {
        // Wall time far above CPU time: the request waited (core, lock, disk).
        let importing = shared.imports_running.load(Ordering::Acquire) > 0;
        eprintln!(
            "timing: {command} wall {:.1} ms cpu {:.1} ms{}",
            started.0.elapsed().as_secs_f64() * 1000.0,
            views::thread_cpu_time()
                .saturating_sub(started.1)
                .as_secs_f64()
                * 1000.0,
            if importing { " (importing)" } else { "" }
        );
    }
    outcome
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListArgs {
    filter: FilterSpec,
    sort: String,
    offset: u64,
    limit: Option<u64>,
    query: Option<String>,
}

#[derive(Deserialize)]
struct IdArgs {
    id: String,
}

#[derive(Deserialize)]
struct MetadataArgs {
    id: i64,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ImportArgs {
    paths: Vec<String>,
    uploads: Vec<u64>,
    source: Option<String>,
}

#[derive(Deserialize)]
struct JobArgs {
    job: u64,
}

fn parse<T: for<'de> Deserialize<'de>>(args: Value) -> Result<T, ApiError> {
    serde_json::from_value(args)
        .map_err(|e| ApiError::new("bad_request", format!("bad arguments: {e}")))
}

fn to_value<T: Serialize>(value: T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::new("json", e.to_string()))
}

/// One API command: arguments in, one core call, a JSON value out.
fn dispatch(shared: &Arc<Shared>, command: &str, args: Value) -> Result<Value, ApiError> {
    match command {
        "archive" => {
            let store = shared.reader()?;
            to_value(
                json!({ "path": shared.db.display().to_string(), "stats": store.stats()?, "transport": "http" }),
            )
        }
        "stats" => to_value(shared.reader()?.stats()?),
        "sources" => to_value(shared.reader()?.sources()?),
        "batches" => to_value(shared.reader()?.batches(50)?),
        "articles" => {
            let args: ListArgs = parse(args)?;
            let filter = args.filter.to_filter()?;
            let sort = views::parse_sort(&args.sort)?;
            to_value(shared.reader()?.articles(
                &filter,
                sort,
                args.offset,
                args.limit.unwrap_or(100).min(1000),
            )?)
        }
        "facets" => {
            let args: ListArgs = parse(args)?;
            let filter = args.filter.to_filter()?;
            if shared.imports_running.load(Ordering::Acquire) == 0 {
                return to_value(views::facets(
                    &*shared.reader()?,
                    &filter,
                    args.query.as_deref(),
                )?);
            }
            // An import is running: recent counts now rather than exact counts late.
            let key = FacetCache::key(&args.filter, args.query.as_deref());
            match shared.facet_cache.lookup(&key, Instant::now()) {
                FacetLookup::Fresh(facets) => to_value(facets),
                FacetLookup::Stale(facets) => {
                    refresh_facets(shared, key, filter, args.query);
                    to_value(facets)
                }
                FacetLookup::Missing => {
                    let taken = Instant::now();
                    let facets = views::facets(&*shared.reader()?, &filter, args.query.as_deref())?;
                    shared.facet_cache.store(key, facets.clone(), taken);
                    to_value(facets)
                }
            }
        }
        "search" => {
            let args: ListArgs = parse(args)?;
            let request = SearchQuery {
                query: args.query.unwrap_or_default(),
                filter: args.filter.to_filter()?,
                offset: args.offset,
                limit: args.limit.unwrap_or(50).min(10_000),
            };
            to_value(search::search(&*shared.reader()?, &request)?)
        }
        "article" => {
            let args: IdArgs = parse(args)?;
            to_value(views::article_view(&*shared.reader()?, &args.id)?)
        }
        "update_article" => {
            let args: MetadataArgs = parse(args)?;
            let published = match args.published.as_deref().map(str::trim) {
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
            let mut writer = shared.writer()?;
            writer.update_article_metadata(
                args.id,
                args.title.as_deref(),
                args.url.as_deref(),
                published,
                args.source.as_deref(),
            )?;
            to_value(views::article_view(&writer, &args.id.to_string())?)
        }
        "rename_source" => {
            #[derive(Deserialize)]
            struct Rename {
                id: i64,
                name: String,
            }
            let args: Rename = parse(args)?;
            let mut writer = shared.writer()?;
            writer.rename_source(args.id, &args.name)?;
            to_value(writer.sources()?)
        }
        "import_start" => import_start(shared, parse(args)?),
        "import_status" => {
            let args: JobArgs = parse(args)?;
            let jobs = lock(&shared.jobs);
            let job = jobs.get(&args.job).ok_or_else(|| {
                ApiError::new("not_found", format!("import job {} not found", args.job))
            })?;
            to_value(&job.state)
        }
        "import_cancel" => {
            let args: JobArgs = parse(args)?;
            let jobs = lock(&shared.jobs);
            let job = jobs.get(&args.job).ok_or_else(|| {
                ApiError::new("not_found", format!("import job {} not found", args.job))
            })?;
            job.cancel.store(true, Ordering::Relaxed);
            to_value(json!({ "cancelled": true }))
        }
        "entities" => {
            #[derive(Deserialize, Default)]
            #[serde(default)]
            struct List {
                kind: Option<String>,
                limit: Option<u64>,
            }
            let args: List = parse(args)?;
            to_value(
                shared
                    .reader()?
                    .entities(args.kind.as_deref(), args.limit.unwrap_or(2000))?,
            )
        }
        "places" => to_value(views::map_places(&*shared.reader()?, 2000)?),
        "entity_merge" => {
            #[derive(Deserialize)]
            struct Merge {
                into: i64,
                from: i64,
            }
            let args: Merge = parse(args)?;
            shared.writer()?.merge_entities(args.into, args.from)?;
            to_value(json!({ "entity": args.into }))
        }
        "entity_split" => {
            #[derive(Deserialize)]
            struct Split {
                id: i64,
                alias: String,
            }
            let args: Split = parse(args)?;
            let entity = shared.writer()?.split_entity(args.id, &args.alias)?;
            to_value(json!({ "entity": entity }))
        }
        "entity_rename" => {
            #[derive(Deserialize)]
            struct Rename {
                id: i64,
                name: String,
            }
            let args: Rename = parse(args)?;
            shared.writer()?.rename_entity(args.id, &args.name)?;
            to_value(json!({ "entity": args.id }))
        }
        "stories" => {
            // Group new articles first unless an import holds the writer
            // (here, or in another process); then the stories as last
            // grouped are shown.
            if let Some(Ok(mut writer)) = shared.writer.as_ref().map(Mutex::try_lock)
                && !writer.import_running()?
            {
                return to_value(parallax::app::update_stories(&mut writer, false)?);
            }
            to_value(shared.reader()?.stories()?)
        }
        "compare" => {
            let args: IdArgs = parse(args)?;
            let id: i64 = args.id.parse().map_err(|_| {
                ApiError::new(
                    "invalid_argument",
                    format!("story id {:?} is not a number", args.id),
                )
            })?;
            to_value(parallax::app::compare_story(&*shared.reader()?, id)?)
        }
        "coverage" => to_value(shared.reader()?.coverage()?),
        "story_move" => {
            #[derive(Deserialize)]
            struct Move {
                article: i64,
                story: i64,
            }
            let args: Move = parse(args)?;
            let mut writer = shared.writer()?;
            parallax::app::move_article(&mut writer, args.article, args.story, &now())?;
            to_value(writer.story(args.story)?)
        }
        "story_split" => {
            #[derive(Deserialize)]
            struct Split {
                story: i64,
                articles: Vec<i64>,
            }
            let args: Split = parse(args)?;
            let mut writer = shared.writer()?;
            let new = parallax::app::split_story(&mut writer, args.story, &args.articles, &now())?;
            to_value(writer.story(new)?)
        }
        "story_merge" => {
            #[derive(Deserialize)]
            struct Merge {
                into: i64,
                from: i64,
            }
            let args: Merge = parse(args)?;
            let mut writer = shared.writer()?;
            parallax::app::merge_stories(&mut writer, args.into, args.from, &now())?;
            to_value(writer.story(args.into)?)
        }
        "verdict_set" => {
            #[derive(Deserialize)]
            struct Set {
                story: i64,
                key: String,
                verdict: String,
                note: Option<String>,
            }
            let args: Set = parse(args)?;
            let judgement = parallax::model::Judgement::parse(&args.verdict).ok_or_else(|| {
                ApiError::new(
                    "invalid_argument",
                    format!("verdict {:?} is neither confirmed nor wrong", args.verdict),
                )
            })?;
            let mut writer = shared.writer()?;
            to_value(parallax::app::set_verdict(
                &mut writer,
                args.story,
                &args.key,
                judgement,
                args.note.as_deref(),
                &now(),
            )?)
        }
        "verdict_clear" => {
            #[derive(Deserialize)]
            struct Clear {
                story: i64,
                key: String,
            }
            let args: Clear = parse(args)?;
            let mut writer = shared.writer()?;
            parallax::app::clear_verdict(&mut writer, args.story, &args.key)?;
            to_value(json!({ "cleared": args.key }))
        }
        "verdicts" => {
            #[derive(Deserialize)]
            struct List {
                story: Option<i64>,
            }
            let args: List = parse(args)?;
            to_value(parallax::app::verdicts(&*shared.reader()?, args.story)?)
        }
        other => Err(ApiError::new(
            "not_found",
            format!("unknown command {other:?}"),
        )),
    }
}

/// Recounts one selection's facets on a thread of its own (with its own
/// read connection), so the request that found them stale is not kept waiting.
fn refresh_facets(
    shared: &Arc<Shared>,
    key: String,
    filter: parallax::store::ArticleFilter,
    query: Option<String>,
) {
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        let taken = Instant::now();
        let counted = Store::open_read_only(&shared.db)
            .and_then(|store| views::facets(&store, &filter, query.as_deref()));
        match counted {
            Ok(facets) => shared.facet_cache.store(key, facets, taken),
            Err(error) => {
                eprintln!("warning: could not recount facets: {error}");
                shared.facet_cache.refresh_failed(&key);
            }
        }
    });
}

/// A server-side path the API may import: inside an `--import-dir` folder.
fn importable(shared: &Shared, path: &str) -> Result<PathBuf, ApiError> {
    let refused = || {
        ApiError::new(
            "forbidden",
            format!(
                "{path:?} is not inside a folder this server imports from (parallax serve --import-dir); upload the files instead"
            ),
        )
    };
    let canonical = Path::new(path).canonicalize().map_err(|_| refused())?;
    if shared
        .import_dirs
        .iter()
        .any(|dir| canonical.starts_with(dir))
    {
        Ok(canonical)
    } else {
        Err(refused())
    }
}

fn import_start(shared: &Arc<Shared>, args: ImportArgs) -> Result<Value, ApiError> {
    if shared.writer.is_none() {
        return Err(read_only());
    }
    let mut inputs = Vec::new();
    for path in &args.paths {
        inputs.push(Input::Path(importable(shared, path)?));
    }
    shared.expire_uploads();
    {
        let mut uploads = lock(&shared.uploads);
        if let Some(missing) = args.uploads.iter().find(|id| !uploads.contains_key(id)) {
            return Err(ApiError::new(
                "not_found",
                format!(
                    "upload {missing} not found (uploads expire after {} s)",
                    shared.upload_ttl.as_secs()
                ),
            ));
        }
        for id in &args.uploads {
            if let Some(upload) = uploads.remove(id) {
                inputs.push(Input::Bytes {
                    name: upload.name,
                    bytes: upload.bytes,
                });
            }
        }
    }
    if inputs.is_empty() {
        return Err(ApiError::new("invalid_argument", "nothing to import"));
    }
    let job = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let cancel = Arc::new(AtomicBool::new(false));
    {
        let mut jobs = lock(&shared.jobs);
        // Finished jobs beyond the last few are forgotten.
        let finished: Vec<u64> = jobs
            .iter()
            .filter(|(_, j)| j.state.done)
            .map(|(id, _)| *id)
            .collect();
        for id in finished
            .iter()
            .take(finished.len().saturating_sub(KEPT_JOBS))
        {
            jobs.remove(id);
        }
        jobs.insert(
            job,
            Job {
                state: JobState::default(),
                cancel: Arc::clone(&cancel),
            },
        );
    }
    let options = ImportOptions {
        source: args.source.filter(|s| !s.trim().is_empty()),
        ..ImportOptions::new(now())
    };
    let safeguards = Safeguards {
        pdf_worker: crate::worker::pdf_worker(),
        ..Safeguards::default()
    };
    let shared = Arc::clone(shared);
    shared.facet_cache.clear();
    shared.imports_running.fetch_add(1, Ordering::AcqRel);
    std::thread::spawn(move || {
        // Queries first: the import takes the CPU they leave.
        // PARALLAX_IMPORT_NORMAL_PRIORITY: leave it alone, to measure the effect.
        let measuring = std::env::var_os("PARALLAX_IMPORT_NORMAL_PRIORITY").is_some();
        if !measuring && !views::run_in_background() {
            eprintln!("warning: could not lower the import's priority; queries may wait during it");
        }
        let outcome = shared.writer().and_then(|mut writer| {
            let mut on_progress = |p: &Progress| {
                if let Some(job) = lock(&shared.jobs).get_mut(&job) {
                    job.state.progress = Some(p.clone());
                }
            };
            let report = ingest::import_guarded(
                &mut writer,
                &inputs,
                &options,
                &safeguards,
                &mut on_progress,
                &cancel,
            )?;
            // New articles join stories right away, so the story screens are current.
            parallax::app::update_stories(&mut writer, false)?;
            Ok(report)
        });
        shared.imports_running.fetch_sub(1, Ordering::AcqRel);
        shared.facet_cache.clear();
        if let Some(entry) = lock(&shared.jobs).get_mut(&job) {
            match outcome {
                Ok(report) => entry.state.report = Some(report),
                Err(error) => entry.state.error = Some(error),
            }
            entry.state.done = true;
        }
    });
    to_value(json!({ "job": job }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(host: &str, allow_remote: bool) -> ServeArgs {
        ServeArgs {
            port: 0,
            host: host.into(),
            allow_remote,
            allow_hosts: Vec::new(),
            read_only: false,
            import_dirs: Vec::new(),
            ui: None,
            threads: 1,
            max_connections: 4,
            upload_ttl: 600,
        }
    }

    #[test]
    fn refuses_non_loopback_hosts_unless_allowed() {
        let db = std::env::temp_dir().join("parallax-serve-refusal-test.db");
        let refused = run(db.clone(), args("0.0.0.0", false))
            .err()
            .map(|e| e.code());
        assert_eq!(refused, Some("invalid_argument"));
        let not_an_address = run(db, args("example.org", false)).err().map(|e| e.code());
        assert_eq!(not_an_address, Some("invalid_argument"));
    }

    #[test]
    fn decodes_file_names() {
        assert_eq!(percent_decode("caf%C3%A9%20news.txt"), "café news.txt");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn errors_map_to_statuses() {
        assert_eq!(
            ApiError::from(Error::NotFound {
                kind: "article",
                id: "9".into()
            })
            .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            ApiError::new("unauthorized", "").status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            ApiError::new("read_only", "").status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            ApiError::new("database", "").status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
