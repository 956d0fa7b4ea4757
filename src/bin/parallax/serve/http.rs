//! The HTTP side of `parallax serve`: hyper 1 on tokio, with every limit a
//! server facing hostile clients needs (issue 13; tiny_http had none and
//! one request could abort the process).
//!
//! - Connections: at most `--max-connections` at once. At the cap, a new
//!   connection takes the place of the oldest one with no request in
//!   progress (an idle keep-alive, or a client still dawdling over its
//!   request head), so a flood of idle connections cannot lock the user
//!   out; when every connection is busy, the new one is closed at once. An
//!   error accepting (out of file descriptors) is reported and retried
//!   after a pause: the port keeps listening.
//! - Request heads: at most [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`] headers
//!   (hyper answers 431 and closes), read within [`HEAD_TIMEOUT`] — which
//!   also closes a kept-alive connection idle that long.
//! - Bodies: announced lengths are checked before anything is read (413);
//!   bodies are read frame by frame with a cap, a stall timeout and an
//!   overall deadline (408). A refused request's connection is closed, its
//!   body never drained.
//! - Writes: a client that stops reading its reply for [`WRITE_STALL`] is
//!   disconnected.
//! - Access: the `Host` header must name this server ([`HostPolicy`]: no DNS
//!   rebinding), an `Origin`, when sent, must be the same origin, and every
//!   `/api/` call carries the per-run token; no CORS header is ever sent.

use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::time::{Instant, Sleep};

use parallax::app::CommandError;

use super::Shared;

/// Largest request head (request line and headers).
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Most headers in one request.
pub const MAX_HEADERS: usize = 64;
/// Time to receive a request's head; also how long a kept-alive connection
/// may sit idle.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest wait for the next piece of a request body.
pub const BODY_STALL: Duration = Duration::from_secs(10);
/// Time to receive a whole body: this, plus a second per MiB announced.
pub const BODY_BASE_TIME: Duration = Duration::from_secs(30);
/// Longest a reply may wait for the client to read it.
pub const WRITE_STALL: Duration = Duration::from_secs(30);
/// Largest body of an upload (one file).
pub const MAX_UPLOAD_BYTES: u64 = 512 * 1024 * 1024;
/// Largest body of any other API call (JSON arguments).
pub const MAX_CALL_BYTES: u64 = 1024 * 1024;

/// A reply as sent.
pub type Reply = Response<Full<Bytes>>;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Which `Host` headers name this server. A browser sends the name it
/// resolved, so accepting only our own names stops DNS rebinding (a
/// hostile page's domain re-pointed at us); an IP literal cannot be
/// rebound, so when listening on every interface any IP literal is ours.
#[derive(Debug, Clone)]
pub struct HostPolicy {
    /// The address listened on.
    pub listen: IpAddr,
    /// The port listened on.
    pub port: u16,
    /// Other names (lower case) given with `--allow-host`.
    pub names: Vec<String>,
}

impl HostPolicy {
    /// True when `host` (a `Host` header) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let Some((name, port)) = split_host(&host) else {
            return false;
        };
        // A name given with --allow-host is the one a reverse proxy is
        // reached by, on the proxy's port (443 behind TLS: no port in the
        // header at all). The name is what stops DNS rebinding (a hostile
        // page's own name re-pointed at us), so any port goes with it.
        if self.names.iter().any(|n| *n == name) {
            return true;
        }
        if port != self.port {
            return false;
        }
        if name == "localhost" {
            return self.listen.is_loopback() || self.listen.is_unspecified();
        }
        if let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return ip == self.listen || self.listen.is_unspecified();
        }
        false
    }
}

/// `name:port`, `[v6]:port` or `name` (port 80) → (name, port).
fn split_host(host: &str) -> Option<(&str, u16)> {
    if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        return match rest.strip_prefix(':') {
            Some(port) => Some((name, port.parse().ok()?)),
            None if rest.is_empty() => Some((name, 80)),
            None => None,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) => Some((name, port.parse().ok()?)),
        None => Some((host, 80)),
    }
}

/// True when an `Origin` header is this request's own origin (the scheme
/// may be `https` behind a TLS-terminating proxy).
pub fn same_origin(origin: &str, host: &str) -> bool {
    let origin = origin.trim().to_ascii_lowercase();
    let host = host.trim().to_ascii_lowercase();
    origin == format!("http://{host}") || origin == format!("https://{host}")
}

/// One open connection, as the accept loop sees it.
struct Slot {
    /// Requests being answered on it now.
    busy: Arc<AtomicUsize>,
    /// Told when the connection must close to make room.
    evict: Arc<Notify>,
}

/// The open connections, oldest first (ids increase).
#[derive(Default)]
struct Slots {
    open: Mutex<BTreeMap<u64, Slot>>,
    next: std::sync::atomic::AtomicU64,
}

impl Slots {
    /// Registers a new connection, evicting the oldest idle one at the
    /// cap; `None` when every connection is busy.
    fn take(&self, max: usize) -> Option<(u64, Arc<AtomicUsize>, Arc<Notify>)> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() >= max {
            let idle = open
                .iter()
                .find(|(_, slot)| slot.busy.load(Ordering::Acquire) == 0)
                .map(|(id, _)| *id)?;
            if let Some(slot) = open.remove(&idle) {
                slot.evict.notify_one();
            }
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let busy = Arc::new(AtomicUsize::new(0));
        let evict = Arc::new(Notify::new());
        open.insert(
            id,
            Slot {
                busy: Arc::clone(&busy),
                evict: Arc::clone(&evict),
            },
        );
        Some((id, busy, evict))
    }

    fn release(&self, id: u64) {
        self.open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&id);
    }
}

/// Counts a request as in progress on its connection until dropped.
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn new(counter: &Arc<AtomicUsize>) -> Busy {
        counter.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(counter))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections until the process ends.
pub async fn accept(listener: TcpListener, shared: Arc<Shared>, max_connections: usize) {
    let slots = Arc::new(Slots::default());
    let max_connections = max_connections.max(1);
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: the listener itself is fine.
                eprintln!("warning: could not accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Some((id, busy, evict)) = slots.take(max_connections) else {
            // Every connection is answering a request: closed at once, nothing read.
            drop(stream);
            continue;
        };
        // Replies are sent as soon as they are written (see ARCHITECTURE).
        if let Err(e) = stream.set_nodelay(true) {
            eprintln!("warning: could not turn off Nagle's algorithm: {e}");
        }
        let shared = Arc::clone(&shared);
        let slots = Arc::clone(&slots);
        tokio::spawn(async move {
            tokio::select! {
                () = serve_connection(stream, shared, busy) => {}
                () = evict.notified() => {}
            }
            slots.release(id);
        });
    }
}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>, busy: Arc<AtomicUsize>) {
    let io = TokioIo::new(WriteGuard::new(stream, WRITE_STALL));
    let service = hyper::service::service_fn(move |request| {
        let shared = Arc::clone(&shared);
        let working = Busy::new(&busy);
        async move {
            let reply = route(shared, request).await;
            drop(working);
            Ok::<_, std::convert::Infallible>(reply)
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .keep_alive(true)
        .serve_connection(io, service);
    // Errors here are the client's (reset, timeout, malformed request);
    // the connection is over either way.
    connection.await.ok();
}

fn header_text(request: &Request<Incoming>, name: header::HeaderName) -> Option<&str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Checks access, then serves the API or the UI.
async fn route(shared: Arc<Shared>, request: Request<Incoming>) -> Reply {
    let Some(host) = header_text(&request, header::HOST).map(str::to_string) else {
        return refuse(CommandError::new("forbidden", "missing Host header"));
    };
    if !shared.hosts.allows(&host) {
        return refuse(CommandError::new("forbidden", "unexpected Host header"));
    }
    if let Some(origin) = header_text(&request, header::ORIGIN)
        && !same_origin(origin, &host)
    {
        return refuse(CommandError::new(
            "forbidden",
            "cross-origin requests are not allowed",
        ));
    }
    let path = request.uri().path().to_string();
    if let Some(command) = path.strip_prefix("/api/") {
        let command = command.to_string();
        return api(shared, command, request).await;
    }
    if request.method() == Method::GET || request.method() == Method::HEAD {
        let root = shared.ui_dir.clone();
        return tokio::task::spawn_blocking(move || static_file(root.as_deref(), &path))
            .await
            .unwrap_or_else(|e| {
                refuse(CommandError::new("internal", format!("task failed: {e}")))
            });
    }
    refuse(CommandError::new("bad_request", "method not allowed"))
}

async fn api(shared: Arc<Shared>, command: String, request: Request<Incoming>) -> Reply {
    let token_ok = request
        .headers()
        .get("x-parallax-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| constant_time_eq(t, &shared.token));
    if !token_ok {
        return refuse(CommandError::new("unauthorized", "missing or wrong token"));
    }
    if request.method() != Method::POST {
        return refuse(CommandError::new(
            "bad_request",
            "API calls are POST requests",
        ));
    }
    let limit = if command == "upload" {
        MAX_UPLOAD_BYTES
    } else {
        MAX_CALL_BYTES
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return refuse(too_large(limit));
    }
    if command == "upload"
        && let Err(error) = shared.upload_allowed(announced.unwrap_or(0))
    {
        return refuse(error);
    }
    let file_name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(super::percent_decode);
    let body = match read_body(request.into_body(), limit, announced).await {
        Ok(body) => body,
        Err(error) => return refuse(error),
    };
    let outcome =
        tokio::task::spawn_blocking(move || super::call(&shared, &command, file_name, body))
            .await
            .unwrap_or_else(|e| {
                Err(CommandError::new(
                    "internal",
                    format!("request failed: {e}"),
                ))
            });
    match outcome {
        Ok(json) => reply(StatusCode::OK, "application/json", json.into_bytes(), false),
        Err(error) => json_reply(super::status(&error), &error, false),
    }
}

fn too_large(limit: u64) -> CommandError {
    CommandError::new(
        "payload_too_large",
        format!("request body over the {} MB limit", limit >> 20),
    )
}

/// Reads a body frame by frame: at most `limit` bytes, no frame more than
/// [`BODY_STALL`] after the last, all of it by a deadline that grows with
/// the announced length.
async fn read_body(
    mut body: Incoming,
    limit: u64,
    announced: Option<u64>,
) -> Result<Vec<u8>, CommandError> {
    let allowance = BODY_BASE_TIME + Duration::from_secs(announced.unwrap_or(0) >> 20);
    let deadline = Instant::now() + allowance;
    let mut bytes = Vec::new();
    loop {
        let wait_until = deadline.min(Instant::now() + BODY_STALL);
        let frame = match tokio::time::timeout_at(wait_until, body.frame()).await {
            Ok(frame) => frame,
            Err(_) => {
                return Err(CommandError::new(
                    "timeout",
                    "the request body did not arrive in time",
                ));
            }
        };
        match frame {
            None => return Ok(bytes),
            Some(Err(e)) => {
                return Err(CommandError::new(
                    "bad_request",
                    format!("could not read the request: {e}"),
                ));
            }
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if (bytes.len() + data.len()) as u64 > limit {
                        return Err(too_large(limit));
                    }
                    bytes.extend_from_slice(&data);
                }
            }
        }
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A reply with the headers every reply carries.
fn reply(status: StatusCode, content_type: &str, body: Vec<u8>, close: bool) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_TYPE, content_type),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    if close {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

fn json_reply<T: Serialize>(status: StatusCode, value: &T, close: bool) -> Reply {
    match serde_json::to_vec(value) {
        Ok(body) => reply(status, "application/json", body, close),
        Err(e) => reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain",
            format!("serialisation failed: {e}").into_bytes(),
            true,
        ),
    }
}

/// A refusal: the error as JSON, and the connection closed after it, so
/// whatever the client still sends is never read.
fn refuse(error: CommandError) -> Reply {
    json_reply(super::status(&error), &error, true)
}

/// A file of the built UI; unknown paths get the app itself, which routes
/// on the client.
fn static_file(root: Option<&Path>, path: &str) -> Reply {
    let Some(root) = root else {
        let page = "<!doctype html><title>Parallax</title><p>The Parallax UI is not built. Run <code>./run</code> \
                    (or <code>npm --prefix ui install &amp;&amp; npm --prefix ui run build</code>) and restart <code>parallax serve</code>.</p>";
        let mut response = reply(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/html; charset=utf-8",
            page.as_bytes().to_vec(),
            false,
        );
        add_csp(&mut response);
        return response;
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
            let mut response = reply(StatusCode::OK, content_type, body, false);
            add_csp(&mut response);
            response
        }
        Err(e) => reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain",
            format!("cannot read the UI: {e}").into_bytes(),
            false,
        ),
    }
}

fn add_csp(response: &mut Reply) {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
}

/// A connection whose writes fail once they have waited [`WRITE_STALL`]
/// for the client to read: hyper has no write timeout, and a client that
/// never reads its reply would hold a connection slot forever.
struct WriteGuard {
    stream: TcpStream,
    stall: Duration,
    waiting: Option<Pin<Box<Sleep>>>,
}

impl WriteGuard {
    fn new(stream: TcpStream, stall: Duration) -> Self {
        WriteGuard {
            stream,
            stall,
            waiting: None,
        }
    }

    /// Turns a pending write into an error once it has waited too long.
    fn guard<T>(
        &mut self,
        cx: &mut Context<'_>,
        outcome: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if outcome.is_ready() {
            self.waiting = None;
            return outcome;
        }
        let stall = self.stall;
        let timer = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(stall)));
        if timer.as_mut().poll(cx).is_ready() {
            self.waiting = None;
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            )));
        }
        Poll::Pending
    }
}

impl AsyncRead for WriteGuard {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteGuard {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let outcome = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.guard(cx, outcome)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let outcome = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.guard(cx, outcome)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let outcome = Pin::new(&mut self.stream).poll_flush(cx);
        self.guard(cx, outcome)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let outcome = Pin::new(&mut self.stream).poll_shutdown(cx);
        self.guard(cx, outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(listen: &str, names: &[&str]) -> HostPolicy {
        HostPolicy {
            listen: listen.parse().unwrap(),
            port: 8123,
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn loopback_accepts_its_address_and_localhost_only() {
        let hosts = policy("127.0.0.1", &[]);
        assert!(hosts.allows("127.0.0.1:8123"));
        assert!(hosts.allows("localhost:8123"));
        assert!(hosts.allows("LocalHost:8123"));
        assert!(!hosts.allows("127.0.0.1:8124"));
        assert!(!hosts.allows("evil.example:8123"), "DNS rebinding");
        assert!(!hosts.allows("10.0.0.5:8123"));
        assert!(!hosts.allows("127.0.0.1"), "port 80 is not ours");
    }

    #[test]
    fn every_interface_accepts_ip_literals_and_named_hosts() {
        let hosts = policy("0.0.0.0", &["news.lab.example"]);
        assert!(hosts.allows("192.168.1.20:8123"));
        assert!(hosts.allows("[fe80::1]:8123"));
        assert!(hosts.allows("localhost:8123"));
        assert!(hosts.allows("news.lab.example:8123"));
        assert!(!hosts.allows("evil.example:8123"));
        // Behind a TLS-terminating proxy the public name comes on the
        // proxy's port, or with none.
        assert!(hosts.allows("news.lab.example"));
        assert!(hosts.allows("News.Lab.Example:443"));
        assert!(!hosts.allows("evil.example"));
        assert!(!hosts.allows("news.lab.example.evil.example"));
        assert!(same_origin("https://news.lab.example", "news.lab.example"));
        let specific = policy("192.168.1.20", &[]);
        assert!(specific.allows("192.168.1.20:8123"));
        assert!(!specific.allows("192.168.1.21:8123"));
        assert!(!specific.allows("localhost:8123"));
        let v6 = policy("::1", &[]);
        assert!(v6.allows("[::1]:8123"));
        assert!(v6.allows("localhost:8123"));
    }

    #[test]
    fn origins_must_be_the_request_host() {
        assert!(same_origin("http://localhost:8123", "localhost:8123"));
        assert!(same_origin(
            "https://news.lab.example:8123",
            "news.lab.example:8123"
        ));
        assert!(!same_origin("http://example.org", "127.0.0.1:8123"));
        assert!(!same_origin("http://127.0.0.1:8123.evil", "127.0.0.1:8123"));
        assert!(!same_origin("null", "127.0.0.1:8123"));
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
