//! Keeping the window's idle memory small.
//!
//! Two sources dominate the shell's resident memory with a large archive:
//! the C allocator keeping freed memory of finished queries (glibc gives
//! every thread that allocates its own arena, and the blocking pool has
//! many threads; the freed pages of a facet count over 100,000 rows stay
//! resident), and WebKit's caches sized for a browser. So: at most two
//! allocator arenas, freed memory returned to the OS whenever the last
//! running command finishes, and WebKit told it shows one local document
//! (`CacheModel::DocumentViewer`), without GPU compositing or a page cache.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `PARALLAX_DEFAULT_MEMORY` set: leave every default alone, so the effect
/// of this module can be measured (scripts/measure-idle) with one build.
static UNTUNED: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("PARALLAX_DEFAULT_MEMORY").is_some());

/// Commands running on the blocking pool right now.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Limits the allocator's arenas; call first thing in `main`, before threads start.
pub fn limit_arenas() {
    if *UNTUNED {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; it is called before any
    // other thread exists, and a refused value leaves the default in place.
    unsafe {
        if libc::mallopt(libc::M_ARENA_MAX, 2) != 1 {
            eprintln!("warning: could not limit the allocator's arenas");
        }
    }
}

/// Marks a command as running until the returned guard is dropped; the
/// last one to finish hands freed memory back to the OS.
pub fn command_running() -> Running {
    RUNNING.fetch_add(1, Ordering::AcqRel);
    Running
}

/// See [`command_running`].
pub struct Running;

impl Drop for Running {
    fn drop(&mut self) {
        if RUNNING.fetch_sub(1, Ordering::AcqRel) == 1 {
            release_free_memory();
        }
    }
}

fn release_free_memory() {
    if *UNTUNED {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the OS; it takes the
    // allocator's own locks and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Sizes WebKit for one local document rather than browsing.
#[cfg(target_os = "linux")]
pub fn tune_webview(window: &tauri::WebviewWindow) {
    if *UNTUNED {
        return;
    }
    let outcome = window.with_webview(|webview| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
            settings.set_enable_offline_web_application_cache(false);
        }
    });
    if let Err(e) = outcome {
        eprintln!("warning: could not tune the web view: {e}");
    }
}

/// Other platforms keep their web view's defaults.
#[cfg(not(target_os = "linux"))]
pub fn tune_webview(_window: &tauri::WebviewWindow) {}
