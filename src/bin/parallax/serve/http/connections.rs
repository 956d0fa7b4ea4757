//! The connections of `parallax serve`: the accept loop with its cap (at
//! the cap the oldest connection with no request in progress makes room;
//! when every one is busy the new one is closed at once), hyper's
//! per-connection limits on the request head and keep-alive, and
//! [`WriteGuard`], which drops a client that stops reading its reply.

use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::time::Sleep;

use super::super::Shared;
use super::{HEAD_TIMEOUT, MAX_HEAD_BYTES, MAX_HEADERS, WRITE_STALL, route};

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
