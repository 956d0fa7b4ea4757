//! `parallax serve`: the desktop window's operations over HTTP on loopback,
//! with the built UI, so Parallax runs in any browser (headless machines,
//! browser tests).
//!
//! Security model: the server listens on a loopback address unless
//! `--allow-remote` is given; every `/api/` request must carry the per-run
//! random token (header `X-Parallax-Token`, printed in the start URL); the
//! `Host` header must name the address we listen on (no DNS rebinding); a
//! request whose `Origin` is not our own is refused and no CORS header is
//! ever sent, so other web pages cannot read or drive the archive. Static
//! files are the UI only and hold no data.
//!
//! Concurrency: worker threads each keep a read-only connection (WAL lets
//! them read while an import writes); writes (imports, edits) go through one
//! writer connection behind a mutex. An import is a job polled for progress.

use std::collections::BTreeMap;
use std::io::Read;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::Instant;

use clap::Args;
use parallax::ingest::{self, ImportOptions, ImportReport, Input, Progress};
use parallax::search::{self, SearchQuery};
use parallax::views::{self, FacetCache, FacetLookup, FilterSpec};
use parallax::{Error, Store};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tiny_http::{Header, Method, Request, Response, Server};

/// Arguments of `parallax serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on; only loopback addresses unless --allow-remote.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Allow listening on a non-loopback address (anyone who can reach it and
    /// knows the token can read and change the archive).
    #[arg(long)]
    allow_remote: bool,
    /// Folder of the built UI (default: ui/dist of this source tree, or PARALLAX_UI_DIR).
    #[arg(long, env = "PARALLAX_UI_DIR", value_name = "DIR")]
    ui: Option<PathBuf>,
    /// Worker threads answering requests.
    #[arg(long, default_value_t = 4)]
    threads: usize,
}

/// `PARALLAX_TIMING` set: log every API call's wall and CPU time to stderr.
static TIMING: LazyLock<bool> = LazyLock::new(|| std::env::var_os("PARALLAX_TIMING").is_some());

/// Largest request body accepted (an uploaded file).
const MAX_BODY_BYTES: u64 = 512 * 1024 * 1024;

/// An error as the UI receives it.
#[derive(Serialize)]
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

    fn status(&self) -> u16 {
        match self.code.as_str() {
            "not_found" => 404,
            "invalid_query" | "invalid_argument" | "bad_request" => 400,
            "unauthorized" => 401,
            "forbidden" => 403,
            "unavailable" => 501,
            _ => 500,
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

impl Clone for ApiError {
    fn clone(&self) -> Self {
        ApiError {
            code: self.code.clone(),
            message: self.message.clone(),
        }
    }
}

struct Job {
    state: JobState,
    cancel: Arc<AtomicBool>,
}

/// What every worker shares.
struct Shared {
    db: PathBuf,
    token: String,
    allowed_hosts: Vec<String>,
    origin: String,
    ui_dir: Option<PathBuf>,
    writer: Mutex<Store>,
    jobs: Mutex<BTreeMap<u64, Job>>,
    uploads: Mutex<BTreeMap<u64, (String, Vec<u8>)>>,
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
    let writer = Store::open(&db)?;
    let listener = TcpListener::bind((address, args.port)).map_err(|e| {
        Error::InvalidArgument(format!("cannot listen on {address}:{}: {e}", args.port))
    })?;
    if !send_without_delay(&listener) {
        eprintln!("warning: could not turn off Nagle's algorithm; replies may wait up to 40 ms");
    }
    let server = Server::from_listener(listener, None).map_err(|e| {
        Error::InvalidArgument(format!("cannot listen on {address}:{}: {e}", args.port))
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(args.port);
    let token = random_token()?;
    let host_text = if address.is_ipv6() {
        format!("[{address}]")
    } else {
        address.to_string()
    };
    let mut allowed_hosts = vec![format!("{host_text}:{port}")];
    if address.is_loopback() {
        allowed_hosts.push(format!("localhost:{port}"));
    }
    let ui_dir = find_ui(args.ui.as_deref());
    let origin = format!("http://{host_text}:{port}");
    println!("{origin}/?token={token}");
    eprintln!(
        "Parallax is serving {} at {origin}/?token={token}",
        db.display()
    );
    if ui_dir.is_none() {
        eprintln!(
            "warning: the UI is not built (run ./run or `npm --prefix ui run build`); only the API is served"
        );
    }
    let shared = Arc::new(Shared {
        db,
        token,
        allowed_hosts,
        origin,
        ui_dir,
        writer: Mutex::new(writer),
        jobs: Mutex::new(BTreeMap::new()),
        uploads: Mutex::new(BTreeMap::new()),
        next_id: AtomicU64::new(1),
        imports_running: AtomicUsize::new(0),
        facet_cache: FacetCache::default(),
    });
    let server = Arc::new(server);
    let mut workers = Vec::new();
    for _ in 0..args.threads.max(1) {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        workers.push(std::thread::spawn(move || {
            let mut reader: Option<Store> = None;
            while let Ok(request) = server.recv() {
                handle(&shared, &mut reader, request);
            }
        }));
    }
    for worker in workers {
        if worker.join().is_err() {
            eprintln!("error: a server thread stopped unexpectedly");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sends replies as soon as they are written. tiny_http writes a reply's
/// head and body in separate writes; with Nagle's algorithm the body then
/// waits for the client's delayed acknowledgement of the head — 40 ms on
/// Linux, measured as a 37 ms median for a 257-byte `stats` reply on an idle
/// archive. Connections accepted on Linux inherit the option from the
/// listener (checked by a test).
fn send_without_delay(listener: &TcpListener) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let on: libc::c_int = 1;
        // SAFETY: setsockopt reads one c_int we own, for a descriptor the
        // listener keeps open for the duration of the call.
        unsafe {
            libc::setsockopt(
                listener.as_raw_fd(),
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                (&raw const on).cast(),
                size_of::<libc::c_int>() as libc::socklen_t,
            ) == 0
        }
    }
    #[cfg(not(unix))]
    {
        let _ = listener;
        false
    }
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

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn request_header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn respond(
    request: Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) {
    let mut response = Response::from_data(body).with_status_code(status);
    let mut headers = vec![
        ("Content-Type", content_type),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ];
    headers.extend_from_slice(extra);
    for (name, value) in headers {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    if let Err(e) = request.respond(response) {
        eprintln!("warning: could not send a response: {e}");
    }
}

fn respond_json<T: Serialize>(request: Request, status: u16, value: &T) {
    match serde_json::to_vec(value) {
        Ok(body) => respond(request, status, "application/json", body, &[]),
        Err(e) => respond(
            request,
            500,
            "text/plain",
            format!("serialisation failed: {e}").into_bytes(),
            &[],
        ),
    }
}

fn respond_error(request: Request, error: ApiError) {
    let status = error.status();
    respond_json(request, status, &error);
}

fn handle(shared: &Arc<Shared>, reader: &mut Option<Store>, mut request: Request) {
    let host_ok = request_header(&request, "Host")
        .is_some_and(|h| shared.allowed_hosts.iter().any(|a| a == h));
    if !host_ok {
        return respond_error(
            request,
            ApiError::new("forbidden", "unexpected Host header"),
        );
    }
    if let Some(origin) = request_header(&request, "Origin")
        && origin != shared.origin
    {
        return respond_error(
            request,
            ApiError::new("forbidden", "cross-origin requests are not allowed"),
        );
    }
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    if let Some(command) = path.strip_prefix("/api/") {
        let token_ok = request_header(&request, "X-Parallax-Token")
            .is_some_and(|t| constant_time_eq(t, &shared.token));
        if !token_ok {
            return respond_error(
                request,
                ApiError::new("unauthorized", "missing or wrong token"),
            );
        }
        if *request.method() != Method::Post {
            return respond_error(
                request,
                ApiError::new("bad_request", "API calls are POST requests"),
            );
        }
        if request
            .body_length()
            .is_some_and(|n| n as u64 > MAX_BODY_BYTES)
        {
            return respond_error(
                request,
                ApiError::new("invalid_argument", "request body too large"),
            );
        }
        let mut body = Vec::new();
        if let Err(e) = request
            .as_reader()
            .take(MAX_BODY_BYTES)
            .read_to_end(&mut body)
        {
            return respond_error(
                request,
                ApiError::new("io", format!("could not read the request: {e}")),
            );
        }
        if command == "upload" {
            let name = request_header(&request, "X-File-Name")
                .map(percent_decode)
                .unwrap_or_else(|| "upload".into());
            let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
            lock(&shared.uploads).insert(id, (name, body));
            return respond_json(request, 200, &json!({ "upload": id }));
        }
        let args: Value = if body.is_empty() {
            json!({})
        } else {
            match serde_json::from_slice(&body) {
                Ok(v) => v,
                Err(e) => {
                    return respond_error(
                        request,
                        ApiError::new("bad_request", format!("body is not JSON: {e}")),
                    );
                }
            }
        };
        let started = (Instant::now(), views::thread_cpu_time());
        let outcome = dispatch(shared, reader, command, args);
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
        match outcome {
            Ok(value) => respond_json(request, 200, &value),
            Err(error) => respond_error(request, error),
        }
    } else if *request.method() == Method::Get {
        serve_static(shared, request, &path);
    } else {
        respond_error(request, ApiError::new("bad_request", "method not allowed"));
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
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

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn serve_static(shared: &Shared, request: Request, path: &str) {
    let Some(root) = &shared.ui_dir else {
        let page = "<!doctype html><title>Parallax</title><p>The Parallax UI is not built. Run <code>./run</code> \
                    (or <code>npm --prefix ui install &amp;&amp; npm --prefix ui run build</code>) and restart <code>parallax serve</code>.</p>";
        return respond(
            request,
            503,
            "text/html; charset=utf-8",
            page.as_bytes().to_vec(),
            &[("Content-Security-Policy", CSP)],
        );
    };
    let relative = path.trim_start_matches('/');
    let relative = if relative.is_empty() {
        "index.html"
    } else {
        relative
    };
    let safe = relative.split('/').all(|part| {
        !part.is_empty()
            && part != ".."
            && part != "."
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
    });
    let file = root.join(relative);
    let resolved = if safe {
        file.canonicalize()
            .ok()
            .filter(|f| f.starts_with(root) && f.is_file())
    } else {
        None
    };
    // Unknown paths get the app itself, which routes on the client.
    let resolved = resolved.unwrap_or_else(|| root.join("index.html"));
    match std::fs::read(&resolved) {
        Ok(body) => {
            let content_type = match resolved.extension().and_then(|e| e.to_str()).unwrap_or("") {
                "html" => "text/html; charset=utf-8",
                "js" | "mjs" => "text/javascript; charset=utf-8",
                "css" => "text/css; charset=utf-8",
                "json" => "application/json",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "ico" => "image/x-icon",
                "woff2" => "font/woff2",
                _ => "application/octet-stream",
            };
            respond(
                request,
                200,
                content_type,
                body,
                &[("Content-Security-Policy", CSP)],
            );
        }
        Err(e) => respond(
            request,
            500,
            "text/plain",
            format!("cannot read the UI: {e}").into_bytes(),
            &[],
        ),
    }
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

/// The read connection of this worker, opened on first use.
fn read<'a>(shared: &Shared, reader: &'a mut Option<Store>) -> Result<&'a Store, ApiError> {
    if reader.is_none() {
        *reader = Some(Store::open_read_only(&shared.db)?);
    }
    reader
        .as_ref()
        .ok_or_else(|| ApiError::new("database", "no read connection"))
}

fn to_value<T: Serialize>(value: T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::new("json", e.to_string()))
}

/// One API command: arguments in, one core call, a JSON value out.
fn dispatch(
    shared: &Arc<Shared>,
    reader: &mut Option<Store>,
    command: &str,
    args: Value,
) -> Result<Value, ApiError> {
    match command {
        "archive" => {
            let store = read(shared, reader)?;
            to_value(
                json!({ "path": shared.db.display().to_string(), "stats": store.stats()?, "transport": "http" }),
            )
        }
        "stats" => to_value(read(shared, reader)?.stats()?),
        "sources" => to_value(read(shared, reader)?.sources()?),
        "batches" => to_value(read(shared, reader)?.batches(50)?),
        "articles" => {
            let args: ListArgs = parse(args)?;
            let filter = args.filter.to_filter()?;
            let sort = views::parse_sort(&args.sort)?;
            to_value(read(shared, reader)?.articles(
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
                    read(shared, reader)?,
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
                    let facets =
                        views::facets(read(shared, reader)?, &filter, args.query.as_deref())?;
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
            to_value(search::search(read(shared, reader)?, &request)?)
        }
        "article" => {
            let args: IdArgs = parse(args)?;
            to_value(views::article_view(read(shared, reader)?, &args.id)?)
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
            let mut writer = lock(&shared.writer);
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
            let mut writer = lock(&shared.writer);
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
                read(shared, reader)?.entities(args.kind.as_deref(), args.limit.unwrap_or(2000))?,
            )
        }
        "places" => to_value(views::map_places(read(shared, reader)?, 2000)?),
        "entity_merge" => {
            #[derive(Deserialize)]
            struct Merge {
                into: i64,
                from: i64,
            }
            let args: Merge = parse(args)?;
            lock(&shared.writer).merge_entities(args.into, args.from)?;
            to_value(json!({ "entity": args.into }))
        }
        "entity_split" => {
            #[derive(Deserialize)]
            struct Split {
                id: i64,
                alias: String,
            }
            let args: Split = parse(args)?;
            let entity = lock(&shared.writer).split_entity(args.id, &args.alias)?;
            to_value(json!({ "entity": entity }))
        }
        "entity_rename" => {
            #[derive(Deserialize)]
            struct Rename {
                id: i64,
                name: String,
            }
            let args: Rename = parse(args)?;
            lock(&shared.writer).rename_entity(args.id, &args.name)?;
            to_value(json!({ "entity": args.id }))
        }
        "stories" => {
            // Group new articles first unless an import holds the writer;
            // then the stories as last grouped are shown.
            if let Ok(mut writer) = shared.writer.try_lock() {
                return to_value(parallax::app::update_stories(&mut writer, false)?);
            }
            to_value(read(shared, reader)?.stories()?)
        }
        "compare" => {
            let args: IdArgs = parse(args)?;
            let id: i64 = args.id.parse().map_err(|_| {
                ApiError::new(
                    "invalid_argument",
                    format!("story id {:?} is not a number", args.id),
                )
            })?;
            to_value(parallax::app::compare_story(read(shared, reader)?, id)?)
        }
        "coverage" => to_value(read(shared, reader)?.coverage()?),
        "story_move" => {
            #[derive(Deserialize)]
            struct Move {
                article: i64,
                story: i64,
            }
            let args: Move = parse(args)?;
            let mut writer = lock(&shared.writer);
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
            let mut writer = lock(&shared.writer);
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
            let mut writer = lock(&shared.writer);
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
            let mut writer = lock(&shared.writer);
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
            parallax::app::clear_verdict(&mut lock(&shared.writer), args.story, &args.key)?;
            to_value(json!({ "cleared": args.key }))
        }
        "verdicts" => {
            #[derive(Deserialize)]
            struct List {
                story: Option<i64>,
            }
            let args: List = parse(args)?;
            to_value(parallax::app::verdicts(read(shared, reader)?, args.story)?)
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

fn import_start(shared: &Arc<Shared>, args: ImportArgs) -> Result<Value, ApiError> {
    let mut inputs: Vec<Input> = args
        .paths
        .iter()
        .map(|p| Input::Path(PathBuf::from(p)))
        .collect();
    {
        let mut uploads = lock(&shared.uploads);
        for id in &args.uploads {
            let (name, bytes) = uploads
                .remove(id)
                .ok_or_else(|| ApiError::new("not_found", format!("upload {id} not found")))?;
            inputs.push(Input::Bytes { name, bytes });
        }
    }
    if inputs.is_empty() {
        return Err(ApiError::new("invalid_argument", "nothing to import"));
    }
    let job = shared.next_id.fetch_add(1, Ordering::Relaxed);
    let cancel = Arc::new(AtomicBool::new(false));
    lock(&shared.jobs).insert(
        job,
        Job {
            state: JobState::default(),
            cancel: Arc::clone(&cancel),
        },
    );
    let options = ImportOptions {
        source: args.source.filter(|s| !s.trim().is_empty()),
        max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
        now: now(),
        extract: true,
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
        let mut writer = lock(&shared.writer);
        let mut on_progress = |p: &Progress| {
            if let Some(job) = lock(&shared.jobs).get_mut(&job) {
                job.state.progress = Some(p.clone());
            }
        };
        let outcome = ingest::import(&mut writer, &inputs, &options, &mut on_progress, &cancel);
        // New articles join stories right away, so the story screens are current.
        let outcome = outcome
            .and_then(|report| parallax::app::update_stories(&mut writer, false).map(|_| report));
        drop(writer);
        shared.imports_running.fetch_sub(1, Ordering::AcqRel);
        shared.facet_cache.clear();
        if let Some(entry) = lock(&shared.jobs).get_mut(&job) {
            match outcome {
                Ok(report) => entry.state.report = Some(report),
                Err(error) => entry.state.error = Some(error.into()),
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
            ui: None,
            threads: 1,
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
    fn decodes_file_names_and_compares_tokens() {
        assert_eq!(percent_decode("caf%C3%A9%20news.txt"), "café news.txt");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }

    #[test]
    fn accepted_connections_send_without_delay() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        assert!(send_without_delay(&listener));
        let address = listener.local_addr().unwrap();
        let _client = std::net::TcpStream::connect(address).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
    }

    #[test]
    fn errors_map_to_statuses() {
        assert_eq!(
            ApiError::from(Error::NotFound {
                kind: "article",
                id: "9".into()
            })
            .status(),
            404
        );
        assert_eq!(ApiError::new("unauthorized", "").status(), 401);
        assert_eq!(ApiError::new("database", "").status(), 500);
    }
}
