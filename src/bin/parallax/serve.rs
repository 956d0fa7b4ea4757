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
//! database work on its blocking pool (`--threads`). Every command but
//! `upload` and `import_start` (which are HTTP's own) is answered from the
//! application layer's table (`parallax::app::commands`), as the desktop
//! window answers it: reads take a pooled read-only connection, writes the
//! one writer, and an import is a job polled for progress.

mod http;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use clap::Args;
use hyper::StatusCode;
use parallax::Error;
use parallax::app::commands::{IMPORT_START, UPLOAD};
use parallax::app::{Application, Archive, CommandError, ImportRequest, Now, Settings};
use parallax::ingest::Input;
use parallax::views;
use serde::Deserialize;
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
    /// header with any port or none (repeatable; the public name of a
    /// reverse proxy in front, which passes the client's Host on).
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

/// The HTTP status a command's error is answered with.
fn status(error: &CommandError) -> StatusCode {
    match error.code.as_str() {
        "not_found" => StatusCode::NOT_FOUND,
        "invalid_query" | "invalid_argument" | "bad_request" => StatusCode::BAD_REQUEST,
        "unauthorized" => StatusCode::UNAUTHORIZED,
        "forbidden" | "read_only" => StatusCode::FORBIDDEN,
        "payload_too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "timeout" => StatusCode::REQUEST_TIMEOUT,
        "busy" => StatusCode::SERVICE_UNAVAILABLE,
        "undo_conflict" => StatusCode::CONFLICT,
        "relative_path" => StatusCode::UNPROCESSABLE_ENTITY,
        "unavailable" => StatusCode::NOT_IMPLEMENTED,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A file uploaded for an import, until the import takes it or it expires.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    expires: Instant,
}

/// What every request shares.
struct Shared {
    application: Application,
    token: String,
    hosts: HostPolicy,
    ui_dir: Option<PathBuf>,
    /// Folders the API may import by path (canonical).
    import_dirs: Vec<PathBuf>,
    /// How long an upload waits for its import.
    upload_ttl: Duration,
    uploads: Mutex<BTreeMap<u64, Upload>>,
    next_upload: AtomicU64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another request must not take the server down with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    /// Drops uploads nobody imported in time.
    fn expire_uploads(&self) {
        let now = Instant::now();
        lock(&self.uploads).retain(|_, upload| upload.expires > now);
    }

    /// Refuses an upload of `bytes` that would hold too much in memory.
    fn upload_allowed(&self, bytes: u64) -> Result<(), CommandError> {
        if !self.application.archive().writable() {
            return Err(CommandError::read_only());
        }
        self.expire_uploads();
        let held: u64 = lock(&self.uploads)
            .values()
            .map(|u| u.bytes.len() as u64)
            .sum();
        if held.saturating_add(bytes) > MAX_HELD_UPLOAD_BYTES {
            return Err(CommandError::new(
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
    let threads = args.threads.max(1);
    let archive = if args.read_only {
        // Checks the archive is readable at this build's schema; nothing is written.
        Archive::open_read_only(&db, threads)?
    } else {
        Archive::open(&db, threads)?
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
    let settings = Settings {
        transport: "http",
        pdf_worker: crate::worker::pdf_worker(),
        // PARALLAX_IMPORT_NORMAL_PRIORITY: leave imports alone, to measure the effect.
        lower_import_priority: std::env::var_os("PARALLAX_IMPORT_NORMAL_PRIORITY").is_none(),
        warn: |message| eprintln!("warning: {message}"),
    };
    let shared = Arc::new(Shared {
        application: Application::new(archive, settings),
        token,
        hosts,
        ui_dir,
        import_dirs,
        upload_ttl: Duration::from_secs(args.upload_ttl),
        uploads: Mutex::new(BTreeMap::new()),
        next_upload: AtomicU64::new(1),
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

/// The clock, read here at the edge and passed into the core.
fn now() -> Now {
    Now {
        timestamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        instant: Instant::now(),
    }
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
/// that names it; any other body is JSON arguments for the command. The
/// reply is JSON text.
fn call(
    shared: &Arc<Shared>,
    command: &str,
    file_name: Option<String>,
    body: Vec<u8>,
) -> Result<String, CommandError> {
    if command == UPLOAD {
        shared.upload_allowed(body.len() as u64)?;
        let id = shared.next_upload.fetch_add(1, Ordering::Relaxed);
        lock(&shared.uploads).insert(
            id,
            Upload {
                name: file_name.unwrap_or_else(|| "upload".into()),
                bytes: body,
                expires: Instant::now() + shared.upload_ttl,
            },
        );
        return Ok(json!({ "upload": id }).to_string());
    }
    let args: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| CommandError::new("bad_request", format!("body is not JSON: {e}")))?
    };
    let started = (Instant::now(), views::thread_cpu_time());
    let outcome = if command == IMPORT_START {
        import_start(shared, args)
    } else {
        shared.application.call(command, args, &now())
    };
    if *TIMING {
        // Wall time far above CPU time: the request waited (core, lock, disk).
        let importing = shared.application.imports().running();
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

/// A server-side path the API may import: inside an `--import-dir` folder.
fn importable(shared: &Shared, path: &str) -> Result<PathBuf, CommandError> {
    let refused = || {
        CommandError::new(
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

/// `import_start`: files uploaded before, or paths inside `--import-dir`
/// folders; the UI polls the job with `import_status`.
fn import_start(shared: &Shared, args: Value) -> Result<String, CommandError> {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct ImportArgs {
        paths: Vec<String>,
        uploads: Vec<u64>,
        source: Option<String>,
    }
    let args: ImportArgs = serde_json::from_value(args)
        .map_err(|e| CommandError::new("bad_request", format!("bad arguments: {e}")))?;
    if !shared.application.archive().writable() {
        return Err(CommandError::read_only());
    }
    let mut inputs = Vec::new();
    for path in &args.paths {
        inputs.push(Input::Path(importable(shared, path)?));
    }
    shared.expire_uploads();
    {
        let mut uploads = lock(&shared.uploads);
        if let Some(missing) = args.uploads.iter().find(|id| !uploads.contains_key(id)) {
            return Err(CommandError::new(
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
    let request = ImportRequest {
        inputs,
        source: args.source,
        alone: false,
        now: now().timestamp,
    };
    let job = shared.application.start_import(request, None)?;
    Ok(json!({ "job": job }).to_string())
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
        let not_found = CommandError::from(Error::NotFound {
            kind: "article",
            id: "9".into(),
        });
        assert_eq!(status(&not_found), StatusCode::NOT_FOUND);
        let relative = CommandError::from(Error::RelativePath {
            batch: 3,
            path: "inbox/a.txt".into(),
        });
        assert_eq!(status(&relative), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            relative.message.contains("\"inbox/a.txt\""),
            "{}",
            relative.message
        );
        let cases = [
            ("unauthorized", StatusCode::UNAUTHORIZED),
            ("read_only", StatusCode::FORBIDDEN),
            ("database", StatusCode::INTERNAL_SERVER_ERROR),
        ];
        for (code, expected) in cases {
            assert_eq!(status(&CommandError::new(code, "")), expected, "{code}");
        }
    }
}
