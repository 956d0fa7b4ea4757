//! The import bench's [`Meter`]: CPU time of each import stage, counted
//! on the thread doing the work (`CLOCK_THREAD_CPUTIME_ID`), so time a
//! thread spends waiting or preempted by other processes is not counted.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use parallax::ingest::{Meter, Stage};

/// CPU seconds of the calling thread.
pub fn thread_cpu_seconds() -> f64 {
    cpu_seconds(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU seconds of the whole process, every thread (user and system).
pub fn process_cpu_seconds() -> f64 {
    cpu_seconds(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn cpu_seconds(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    if rc == 0 {
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    } else {
        f64::NAN
    }
}

thread_local! {
    /// The stages this thread is inside, innermost last, each with the
    /// thread CPU time at which it last resumed.
    static OPEN: RefCell<Vec<(Stage, f64)>> = const { RefCell::new(Vec::new()) };
}

/// Own CPU time per stage (a stage entered inside another is not counted
/// for the outer one), summed over threads.
pub struct CpuMeter {
    nanoseconds: [AtomicU64; Stage::ALL.len()],
}

impl CpuMeter {
    pub fn new() -> CpuMeter {
        CpuMeter {
            nanoseconds: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }

    /// CPU seconds counted for `stage`.
    pub fn seconds(&self, stage: Stage) -> f64 {
        self.nanoseconds[index(stage)].load(Ordering::Relaxed) as f64 / 1e9
    }

    fn add(&self, stage: Stage, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            self.nanoseconds[index(stage)].fetch_add((seconds * 1e9) as u64, Ordering::Relaxed);
        }
    }
}

fn index(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}

impl Meter for CpuMeter {
    fn enter(&self, stage: Stage) {
        let now = thread_cpu_seconds();
        OPEN.with_borrow_mut(|open| {
            if let Some((outer, since)) = open.last() {
                self.add(*outer, now - since);
            }
            open.push((stage, now));
        });
    }

    fn leave(&self, stage: Stage) {
        let now = thread_cpu_seconds();
        OPEN.with_borrow_mut(|open| {
            // A parser that panicked left its inner stages open: close them.
            while let Some((open_stage, since)) = open.pop() {
                self.add(open_stage, now - since);
                if open_stage == stage {
                    break;
                }
            }
            if let Some((_, since)) = open.last_mut() {
                *since = now;
            }
        });
    }
}
