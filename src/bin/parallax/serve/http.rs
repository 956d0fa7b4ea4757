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
//!
//! By concern: access checks are [`access`], the accept loop, connection
//! cap and write timeout [`connections`], and replies with their headers
//! and the UI's files [`replies`]. This file routes a request and reads
//! its body.

mod access;
mod connections;
mod replies;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header;
use hyper::{Method, Request, Response, StatusCode};
use tokio::time::Instant;

use parallax::app::CommandError;

pub use self::access::HostPolicy;
use self::access::{constant_time_eq, same_origin};
pub use self::connections::accept;
use self::replies::{json_reply, refuse, reply, static_file};
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
