//! Import jobs: an import runs on a thread of its own at background
//! priority, reports its progress, can be cancelled, and groups its new
//! articles into stories when it ends, so the story screens are current.
//!
//! A front end starts a job and either polls its [`ImportState`] (`parallax
//! serve`, whose UI asks every 200 ms) or waits for it while forwarding
//! the progress (the desktop window, over an IPC channel). The thread is
//! not a pooled one: a pooled thread would keep the lowered priority for
//! the commands it runs later. While any job runs, facets are answered
//! from the cache (see [`super::Application::facets`]).

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use serde::Serialize;
use ts_rs::TS;

use crate::ingest::{self, ImportOptions, ImportReport, Input, Progress, Safeguards};
use crate::views::{self, FacetCache};

use super::archive::{Archive, lock};
use super::command_error::CommandError;

/// Finished jobs kept for their status.
const KEPT_JOBS: usize = 64;

/// A job's number, unique for the life of the front end.
pub type JobId = u64;

/// A job's state, as the UI polls it.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct ImportState {
    /// The last progress report.
    pub progress: Option<Progress>,
    /// The report, once the import ended.
    pub report: Option<ImportReport>,
    /// Why the import failed, if it did.
    pub error: Option<CommandError>,
    /// True once the import ended (with a report or an error).
    pub done: bool,
}

/// What to import.
pub struct ImportRequest {
    /// Files, folders or uploaded bytes.
    pub inputs: Vec<Input>,
    /// The outlet to record when the files do not say.
    pub source: Option<String>,
    /// Refuse (`busy`) while another job is running and not cancelled: the
    /// window imports one thing at a time, the server queues.
    pub alone: bool,
    /// The time the import is recorded under (RFC 3339).
    pub now: String,
}

/// Called with each progress report, on the import's thread.
pub type OnProgress = Box<dyn Fn(&Progress) + Send>;

struct Job {
    state: ImportState,
    cancel: Arc<AtomicBool>,
}

/// The jobs of one front end.
#[derive(Default)]
pub struct Imports {
    jobs: Mutex<BTreeMap<JobId, Job>>,
    /// Signalled whenever a job ends.
    ended: Condvar,
    next_id: AtomicU64,
    running: AtomicUsize,
}

/// What a job's thread needs besides its request.
pub(crate) struct JobContext {
    pub archive: Arc<Archive>,
    pub facet_cache: Arc<FacetCache>,
    pub safeguards: Safeguards,
    pub lower_priority: bool,
    pub warn: fn(&str),
}

impl Imports {
    /// True while any job runs.
    pub fn running(&self) -> bool {
        self.running.load(Ordering::Acquire) > 0
    }

    /// Starts a job on a thread of its own; returns at once.
    pub(crate) fn start(
        self: &Arc<Self>,
        request: ImportRequest,
        context: JobContext,
        on_progress: Option<OnProgress>,
    ) -> Result<JobId, CommandError> {
        if !context.archive.writable() {
            return Err(CommandError::read_only());
        }
        if request.inputs.is_empty() {
            return Err(CommandError::invalid_argument("nothing to import"));
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let mut jobs = lock(&self.jobs);
            if request.alone
                && jobs
                    .values()
                    .any(|job| !job.state.done && !job.cancel.load(Ordering::Relaxed))
            {
                return Err(CommandError::new("busy", "an import is already running"));
            }
            // Finished jobs beyond the last few are forgotten.
            let finished: Vec<JobId> = jobs
                .iter()
                .filter(|(_, job)| job.state.done)
                .map(|(id, _)| *id)
                .collect();
            for id in finished
                .iter()
                .take(finished.len().saturating_sub(KEPT_JOBS))
            {
                jobs.remove(id);
            }
            jobs.insert(
                id,
                Job {
                    state: ImportState::default(),
                    cancel: Arc::clone(&cancel),
                },
            );
        }
        context.facet_cache.clear();
        self.running.fetch_add(1, Ordering::AcqRel);
        let imports = Arc::clone(self);
        let facet_cache = Arc::clone(&context.facet_cache);
        let spawned = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                // A panic past the readers' own guards still ends the job,
                // so nobody waits for it forever.
                let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
                    imports.run(id, request, &context, on_progress, &cancel)
                }))
                .unwrap_or_else(|_| {
                    Err(CommandError::new(
                        "internal",
                        "the import stopped unexpectedly",
                    ))
                });
                imports.finish(id, outcome, &context.facet_cache);
            });
        if let Err(error) = spawned {
            self.finish(
                id,
                Err(CommandError::new(
                    "internal",
                    format!("could not start the import: {error}"),
                )),
                &facet_cache,
            );
        }
        Ok(id)
    }

    /// The import itself, on its own thread.
    fn run(
        &self,
        id: JobId,
        request: ImportRequest,
        context: &JobContext,
        on_progress: Option<OnProgress>,
        cancel: &AtomicBool,
    ) -> Result<ImportReport, CommandError> {
        // Queries first: the import takes the CPU they leave.
        if context.lower_priority && !views::run_in_background() {
            (context.warn)("could not lower the import's priority; queries may wait during it");
        }
        let options = ImportOptions {
            source: request.source.filter(|s| !s.trim().is_empty()),
            ..ImportOptions::new(request.now)
        };
        context.archive.with_writer(|store| {
            let mut progress = |p: &Progress| {
                if let Some(job) = lock(&self.jobs).get_mut(&id) {
                    job.state.progress = Some(p.clone());
                }
                if let Some(forward) = &on_progress {
                    forward(p);
                }
            };
            let report = ingest::import_guarded(
                store,
                &request.inputs,
                &options,
                &context.safeguards,
                &mut progress,
                cancel,
            )?;
            // New articles join stories right away, so the story screens are current.
            super::group_stories(store, false)?;
            Ok(report)
        })
    }

    /// Records a job's end and wakes whoever waits for it.
    fn finish(
        &self,
        id: JobId,
        outcome: Result<ImportReport, CommandError>,
        facet_cache: &FacetCache,
    ) {
        self.running.fetch_sub(1, Ordering::AcqRel);
        facet_cache.clear();
        if let Some(job) = lock(&self.jobs).get_mut(&id) {
            match outcome {
                Ok(report) => job.state.report = Some(report),
                Err(error) => job.state.error = Some(error),
            }
            job.state.done = true;
        }
        self.ended.notify_all();
    }

    /// A job's state; `not_found` for a job never started or long forgotten.
    pub fn state(&self, id: JobId) -> Result<ImportState, CommandError> {
        lock(&self.jobs)
            .get(&id)
            .map(|job| job.state.clone())
            .ok_or_else(|| not_found(id))
    }

    /// Asks one job (or, without an id, every running one) to stop; the
    /// articles it stored stay. True when a job was asked.
    pub fn cancel(&self, id: Option<JobId>) -> Result<bool, CommandError> {
        let jobs = lock(&self.jobs);
        match id {
            Some(id) => {
                let job = jobs.get(&id).ok_or_else(|| not_found(id))?;
                job.cancel.store(true, Ordering::Relaxed);
                Ok(true)
            }
            None => {
                let mut asked = false;
                for job in jobs.values().filter(|job| !job.state.done) {
                    job.cancel.store(true, Ordering::Relaxed);
                    asked = true;
                }
                Ok(asked)
            }
        }
    }

    /// Waits for a job to end and returns its report or error. Call from a
    /// blocking thread.
    pub fn wait(&self, id: JobId) -> Result<ImportReport, CommandError> {
        let mut jobs = lock(&self.jobs);
        loop {
            let job = jobs.get(&id).ok_or_else(|| not_found(id))?;
            if job.state.done {
                return match (&job.state.report, &job.state.error) {
                    (Some(report), _) => Ok(report.clone()),
                    (None, Some(error)) => Err(error.clone()),
                    (None, None) => Err(CommandError::new(
                        "internal",
                        "the import stopped unexpectedly",
                    )),
                };
            }
            jobs = self
                .ended
                .wait(jobs)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }
}

fn not_found(id: JobId) -> CommandError {
    CommandError::new("not_found", format!("import job {id} not found"))
}
