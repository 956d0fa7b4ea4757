//! The threads that finish articles for an import: each takes the next
//! [`Job`] (an article checked and granted its extraction), fingerprints
//! it and extracts it, on every core at once.
//!
//! Order is kept without a reordering buffer: the reader hands a job to
//! the pool and passes the job's own one-slot result channel on to the
//! writer in input order, so the writer takes results in the order the
//! inputs came, whichever worker finished first. The archive is therefore
//! the same with one worker or many (same rows, same ids, same order).
//! What runs ahead is bounded by the reader's channel to the writer and by
//! the pool's queue, both fixed in size.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::Scope;

use super::{Item, Job, READER_STACK_BYTES, Ready, Tuning, finish};
use crate::error::{Error, Result};

/// Jobs waiting for a worker, per worker: enough that a worker finishing
/// a job finds the next one waiting.
const QUEUED_PER_WORKER: usize = 4;

/// A job and where its result goes.
type Task = (Job, SyncSender<Ready>);

/// Where the workers take their tasks from; made before the threads'
/// scope so that it outlives them.
pub(super) type Queue = Mutex<Receiver<Task>>;

/// The reader's handle on the pool. Dropping it lets the workers finish
/// what is queued and stop.
pub(super) struct Pool {
    tasks: SyncSender<Task>,
}

impl Pool {
    /// A pool for `count` workers and the queue they will take jobs from.
    pub(super) fn new(count: NonZeroUsize) -> (Pool, Queue) {
        let (tasks, queue) = sync_channel::<Task>(count.get() * QUEUED_PER_WORKER);
        (Pool { tasks }, Mutex::new(queue))
    }

    /// Starts `count` workers in `scope`, taking jobs from `queue`.
    pub(super) fn start<'scope>(
        scope: &'scope Scope<'scope, '_>,
        count: NonZeroUsize,
        queue: &'scope Queue,
        tuning: &'scope Tuning<'scope>,
    ) -> Result<()> {
        for index in 0..count.get() {
            std::thread::Builder::new()
                .name(format!("parallax-import-worker-{index}"))
                // Extraction ran on the reader's thread before it had
                // workers; it keeps a stack as deep.
                .stack_size(READER_STACK_BYTES)
                .spawn_scoped(scope, move || work(queue, tuning))
                .map_err(|e| Error::io("<import worker thread>", e))?;
        }
        Ok(())
    }

    /// Hands `job` to the workers; returns where its result will arrive, or
    /// `None` when the workers are gone.
    pub(super) fn submit(&self, job: Job) -> Option<Receiver<Ready>> {
        let (result, receiver) = sync_channel(1);
        self.tasks.send((job, result)).ok()?;
        Some(receiver)
    }
}

/// One worker: takes jobs until the reader hangs up.
fn work(queue: &Mutex<Receiver<Task>>, tuning: &Tuning<'_>) {
    loop {
        // The lock is held only to take a task, never while working.
        let task = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok((job, result)) = task else {
            return;
        };
        let origin = job.origin.clone();
        let ready = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| finish(job, tuning)))
            .unwrap_or_else(|panic| {
                // Extraction's bug on input nobody foresaw fails this
                // article, not the import.
                let message = super::panic_message(panic.as_ref());
                Ready::Other(Item::failed(
                    origin,
                    format!("extraction crashed on this article ({message})"),
                ))
            });
        // When the writer has stopped (the import was cancelled or failed)
        // nobody needs the result; the worker still drains the queue, so
        // the reader is never left blocked on a full one.
        if result.send(ready).is_err() {
            continue;
        }
    }
}
