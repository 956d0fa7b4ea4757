//! What one front end holds while it runs: the open archive, its import
//! jobs and its facet cache, with the policies both front ends share
//! (when facets come from the cache, when listing stories groups new
//! articles first).
//!
//! Everything here is synchronous and may block: the transports call it
//! from their blocking pools, never from a thread that answers the network
//! or paints the window. The caller reads the clock and the environment
//! ([`Now`], [`Settings`]); this layer keeps the core's rule of reading
//! neither.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::error::Result;
use crate::ingest::{PdfWorker, Safeguards};
use crate::store::{Deletion, Store};
use crate::undo::UndoStack;
use crate::views::{self, FacetCache, FacetLookup, Facets, FilterSpec};

use super::archive::Archive;
use super::command_error::CommandError;
use super::imports::{ImportRequest, Imports, JobContext, JobId, OnProgress};
use crate::model::StorySummary;

/// The clock, read by the caller once per command.
#[derive(Debug, Clone)]
pub struct Now {
    /// The time recorded with what the command writes (RFC 3339, seconds).
    pub timestamp: String,
    /// The monotonic time the facet cache ages by.
    pub instant: Instant,
}

/// How a front end runs its commands.
pub struct Settings {
    /// The transport's name, as the `archive` command reports it (`tauri`, `http`).
    pub transport: &'static str,
    /// Reads PDFs in a bounded child process (see [`super::pdf_worker`]);
    /// `None` reads them on a thread of this process.
    pub pdf_worker: Option<PdfWorker>,
    /// Lower each import thread's priority (`PARALLAX_IMPORT_NORMAL_PRIORITY`
    /// turns this off, to measure what it buys).
    pub lower_import_priority: bool,
    /// Where warnings go (standard error, in both front ends).
    pub warn: fn(&str),
}

/// A front end's state, shared by its commands.
pub struct Application {
    /// The open archive; the desktop's File menu replaces it.
    archive: RwLock<Arc<Archive>>,
    imports: Arc<Imports>,
    /// Recent facet counts, answered from while an import runs.
    facet_cache: Arc<FacetCache>,
    /// Deletions of this session that can still be undone (of the archive
    /// now open: switching archives forgets them).
    undo: Mutex<UndoStack>,
    settings: Settings,
}

impl Application {
    /// A front end over an open archive.
    pub fn new(archive: Archive, settings: Settings) -> Application {
        Application {
            archive: RwLock::new(Arc::new(archive)),
            imports: Arc::default(),
            facet_cache: Arc::default(),
            undo: Mutex::default(),
            settings,
        }
    }

    /// The settings this front end runs with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The archive now open.
    pub fn archive(&self) -> Arc<Archive> {
        Arc::clone(
            &self
                .archive
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// Opens another archive for the commands that follow (an import
    /// already running finishes in the archive it started in).
    pub fn switch_archive(&self, archive: Archive) {
        *self
            .archive
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(archive);
        self.facet_cache.clear();
        *super::archive::lock(&self.undo) = UndoStack::new();
    }

    /// Runs `work` with a read connection.
    pub fn read<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T, CommandError> {
        Ok(self.archive().with_reader(work)?)
    }

    /// Runs `work` with the writer connection, waiting for it.
    pub fn write<T>(&self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T, CommandError> {
        self.archive().with_writer(work)
    }

    /// Runs a deletion with the writer connection and keeps it for
    /// [`Application::undo`]; returns its label and counts.
    pub fn delete(
        &self,
        work: impl FnOnce(&mut Store) -> Result<Deletion>,
    ) -> Result<Deletion, CommandError> {
        let deletion = self.write(work)?;
        super::archive::lock(&self.undo).push(deletion.clone());
        Ok(deletion)
    }

    /// Restores the newest deletion of this session still undoable;
    /// `None` when there is none. One that cannot be restored any more
    /// (something took its place) is forgotten with the error.
    pub fn undo(&self) -> Result<Option<Deletion>, CommandError> {
        // Undo is a write, refused on a read-only archive even when there
        // is nothing to undo, like every other write.
        if !self.archive().writable() {
            return Err(CommandError::read_only());
        }
        let mut stack = super::archive::lock(&self.undo);
        if stack.peek().is_none() {
            return Ok(None);
        }
        self.write(|store| stack.undo(store))
    }

    /// What [`Application::undo`] would restore, named for the Edit menu.
    pub fn undo_label(&self) -> Option<String> {
        super::archive::lock(&self.undo).peek().map(Deletion::label)
    }

    /// The import jobs.
    pub fn imports(&self) -> &Imports {
        &self.imports
    }

    /// Starts an import job (see [`super::imports`]).
    pub fn start_import(
        &self,
        request: ImportRequest,
        on_progress: Option<OnProgress>,
    ) -> Result<JobId, CommandError> {
        let context = JobContext {
            archive: self.archive(),
            facet_cache: Arc::clone(&self.facet_cache),
            safeguards: Safeguards {
                pdf_worker: self.settings.pdf_worker.clone(),
                ..Safeguards::default()
            },
            lower_priority: self.settings.lower_import_priority,
            warn: self.settings.warn,
        };
        self.imports.start(request, context, on_progress)
    }

    /// Facet counts of a selection. Exact outside imports; while one runs,
    /// recent counts now rather than exact counts late (see
    /// [`FacetCache`]): fresh ones as they are, stale ones at once while
    /// one recount runs on a thread of its own.
    pub fn facets(
        &self,
        spec: &FilterSpec,
        query: Option<&str>,
        now: &Now,
    ) -> Result<Facets, CommandError> {
        let filter = spec.to_filter()?;
        if !self.imports.running() {
            return self.read(|store| views::facets(store, &filter, query));
        }
        let key = FacetCache::key(spec, query);
        match self.facet_cache.lookup(&key, now.instant) {
            FacetLookup::Fresh(facets) => Ok(facets),
            FacetLookup::Stale(facets) => {
                let archive = self.archive();
                let cache = Arc::clone(&self.facet_cache);
                let query = query.map(str::to_string);
                let taken = now.instant;
                let warn = self.settings.warn;
                let (failed_cache, failed_key) = (Arc::clone(&cache), key.clone());
                let recount = move || match archive
                    .with_reader(|store| views::facets(store, &filter, query.as_deref()))
                {
                    Ok(fresh) => cache.store(key, fresh, taken),
                    Err(error) => {
                        warn(&format!("could not recount facets: {error}"));
                        cache.refresh_failed(&key);
                    }
                };
                if let Err(error) = std::thread::Builder::new()
                    .name("facets".into())
                    .spawn(recount)
                {
                    warn(&format!("could not recount facets: {error}"));
                    failed_cache.refresh_failed(&failed_key);
                }
                Ok(facets)
            }
            FacetLookup::Missing => {
                let facets = self.read(|store| views::facets(store, &filter, query))?;
                self.facet_cache.store(key, facets.clone(), now.instant);
                Ok(facets)
            }
        }
    }

    /// The stories, after grouping articles not yet in one. While an
    /// import holds the writer (here, or in another process), the stories
    /// as last grouped, without waiting: the import groups its articles
    /// when it ends.
    pub fn stories(&self) -> Result<Vec<StorySummary>, CommandError> {
        let archive = self.archive();
        let grouped = archive.try_with_writer(|store| {
            if store.import_running()? {
                store.stories()
            } else {
                super::update_stories(store, false)
            }
        });
        match grouped {
            Some(stories) => Ok(stories?),
            None => Ok(archive.with_reader(|store| store.stories())?),
        }
    }
}
