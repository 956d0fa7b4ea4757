//! Files on disk: the walk that lists an input's regular files (sorted,
//! hidden ones skipped) and the capped read of each, which never blocks on
//! a FIFO nor trusts a size in the metadata.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::InputLocation;
use crate::store::BatchError;

pub(super) fn too_large(size: u64, max: u64) -> String {
    format!(
        "file is {:.1} MB, over the {:.0} MB limit (raise it with --max-size)",
        size as f64 / 1e6,
        max as f64 / (1024.0 * 1024.0)
    )
}

/// Reads a regular file, refusing it when larger than `max` bytes. It is
/// opened without blocking and checked on the open handle (a FIFO put in a
/// listed file's place would block the import forever), and read through
/// `take(max + 1)`: a size in the metadata is not trusted to be where the
/// data ends.
pub(super) fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "file grew past the {:.0} MB limit while being read (raise it with --max-size)",
            max as f64 / (1024.0 * 1024.0)
        ));
    }
    Ok(bytes)
}

/// Why a path that is not a regular file or folder is not read.
fn not_regular(kind: &std::fs::FileType) -> String {
    let what = {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                "a FIFO (named pipe)"
            } else if kind.is_char_device() {
                "a character device"
            } else if kind.is_block_device() {
                "a block device"
            } else if kind.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            let _ = kind;
            "not a regular file"
        }
    };
    format!("skipped: {what}, not a regular file (use `-` to import standard input)")
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// What the walk found besides files to read.
pub(super) enum Walked {
    /// A path that could not be listed or read.
    Failed(BatchError),
    /// A path deliberately not read (a FIFO, a device, a socket).
    Skipped { path: String, reason: String },
}

/// Lists the regular files under `path` (itself if a file), sorted,
/// skipping hidden entries; each is returned with the root it was found
/// under. Symlinks to files are followed, and what they point at is judged:
/// a link to `/dev/zero` is a device.
pub(super) fn walk(
    path: &Path,
    files: &mut Vec<(PathBuf, String)>,
    report: &mut dyn FnMut(Walked),
) {
    let root = path.display().to_string();
    let mut stack = vec![path.to_path_buf()];
    let mut found = Vec::new();
    while let Some(current) = stack.pop() {
        let meta = match std::fs::metadata(&current) {
            Ok(m) => m,
            Err(e) => {
                report(Walked::Failed(BatchError {
                    at: InputLocation::file(current.display().to_string()),
                    error: io_reason(&e),
                }));
                continue;
            }
        };
        if meta.is_dir() {
            match std::fs::read_dir(&current) {
                Ok(entries) => {
                    let mut children: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok())
                        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                        // Symlinked folders could loop; files behind symlinks are fine.
                        .filter(|e| {
                            !(e.file_type().is_ok_and(|t| t.is_symlink()) && e.path().is_dir())
                        })
                        .map(|e| e.path())
                        .collect();
                    children.sort();
                    stack.extend(children.into_iter().rev());
                }
                Err(e) => report(Walked::Failed(BatchError {
                    at: InputLocation::file(current.display().to_string()),
                    error: io_reason(&e),
                })),
            }
        } else if meta.is_file() {
            found.push(current);
        } else {
            report(Walked::Skipped {
                path: current.display().to_string(),
                reason: not_regular(&meta.file_type()),
            });
        }
    }
    files.extend(found.into_iter().map(|f| (f, root.clone())));
}
