//! The replies of `parallax serve`: every reply's fixed headers (no
//! sniffing, no referrer, no caching), JSON replies and refusals (which
//! close the connection), and the built UI's files under a strict content
//! security policy.

use std::path::Path;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};
use serde::Serialize;

use parallax::app::CommandError;

use super::Reply;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A reply with the headers every reply carries.
pub(super) fn reply(status: StatusCode, content_type: &str, body: Vec<u8>, close: bool) -> Reply {
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

pub(super) fn json_reply<T: Serialize>(status: StatusCode, value: &T, close: bool) -> Reply {
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
pub(super) fn refuse(error: CommandError) -> Reply {
    json_reply(super::super::status(&error), &error, true)
}

/// A file of the built UI; unknown paths get the app itself, which routes
/// on the client.
pub(super) fn static_file(root: Option<&Path>, path: &str) -> Reply {
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
