//! The front ends' responsiveness during imports: an import thread lowered
//! to background priority, and each thread's CPU time for timing logs that
//! tell waiting from working.

use std::time::Duration;

/// Lowers the calling thread's scheduling priority to background (`nice`
/// 10, this thread only). Import jobs call it first: extraction keeps a core
/// busy for minutes, and on a machine with two cores the threads answering
/// searches would otherwise take turns with it and wait up to a scheduler
/// slice or more per query (20,000-article import, two cores also running
/// two compilers: search p95 185 ms before, 76 ms after). A background thread gives way whenever a
/// view needs the CPU and imports at full speed otherwise. Returns false
/// when the system refused (the import then simply runs at normal priority).
/// The front ends skip the call when `PARALLAX_IMPORT_NORMAL_PRIORITY` is
/// set, so the effect can be measured with one build
/// (scripts/measure-responsiveness.mjs).
pub fn run_in_background() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority take plain integers and touch no
        // memory of ours; setpriority on a thread id changes that thread only.
        unsafe {
            let thread = libc::syscall(libc::SYS_gettid) as libc::id_t;
            libc::setpriority(libc::PRIO_PROCESS, thread, 10) == 0
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// CPU time the calling thread has used so far, for timing logs: a request
/// whose wall time is far above its CPU time waited (for a core, a lock or
/// the disk) rather than worked.
pub fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut time = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec we own.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
        if status == 0 {
            return Duration::new(
                time.tv_sec.max(0) as u64,
                time.tv_nsec.clamp(0, 999_999_999) as u32,
            );
        }
        Duration::ZERO
    }
    #[cfg(not(unix))]
    {
        Duration::ZERO
    }
}
