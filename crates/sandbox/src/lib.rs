//! Bounded child processes: run a program with its input on standard input,
//! collect its standard output, and kill it when it goes over its memory,
//! CPU or wall-time limit.
//!
//! Parallax reads hostile files (a PDF whose streams decompress to
//! gigabytes, a reader that loops) in a child process of its own binary,
//! because a thread can be neither stopped nor bounded in memory. On Linux
//! the limits are the kernel's: `RLIMIT_AS` (address space: allocation
//! fails and the child aborts), `RLIMIT_CPU` (the kernel kills it),
//! no core dumps, and `PR_SET_PDEATHSIG` so a child never outlives a
//! parent that was killed; the wall-time limit is kept here, by killing
//! the child (`SIGKILL`) when it is reached. Elsewhere only the wall-time
//! limit applies.
//!
//! This crate knows nothing of Parallax: the front ends (CLI, desktop
//! shell) use it to implement the core's `PdfWorker`.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How often the wait for a child looks at it.
const POLL: Duration = Duration::from_millis(5);
/// Most bytes of the child's standard error kept for the failure message.
const MAX_STDERR_BYTES: u64 = 16 * 1024;

/// The limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space the child may map, in bytes.
    pub memory_bytes: u64,
    /// CPU time the child may use.
    pub cpu: Duration,
    /// Time from start to exit.
    pub wall: Duration,
    /// Most bytes of standard output read; more fails the run.
    pub max_output_bytes: u64,
}

/// Why a run produced no output.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The program could not be started.
    #[error("could not start the worker process ({0})")]
    Spawn(#[source] std::io::Error),
    /// The child ran past its wall-time or CPU limit and was killed.
    #[error("took longer than {0} s and was stopped")]
    TimedOut(u64),
    /// The child ran out of its memory allowance.
    #[error("needed more than {0} MB of memory and was stopped")]
    OutOfMemory(u64),
    /// The child wrote more than its output allowance.
    #[error("wrote more than {0} MB and was stopped")]
    OutputTooLarge(u64),
    /// The child ended without success for another reason.
    #[error("the worker process failed ({0})")]
    Crashed(String),
    /// Talking to the child failed.
    #[error("could not talk to the worker process ({0})")]
    Io(#[source] std::io::Error),
}

/// Runs `command` with `input` on its standard input and returns its
/// standard output when it exits successfully within `limits`.
pub fn run(mut command: Command, input: &[u8], limits: &Limits) -> Result<Vec<u8>, Failure> {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    apply_limits(&mut command, limits);
    // A process group of its own, so a kill reaches whatever it started
    // too (a grandchild holding the pipes open would stall the readers).
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(Failure::Spawn)?;
    let started = Instant::now();
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        kill(&mut child);
        return Err(Failure::Io(std::io::Error::other("no pipes to the child")));
    };
    let outcome = std::thread::scope(|scope| {
        // Each pipe has a thread of its own: a child that does not read its
        // input, or fills a pipe nobody empties, must not stall the wait.
        let writer = scope.spawn(move || {
            // A child that exits without reading all of it closes the pipe;
            // its exit status says what happened, so that error is not ours.
            let written = stdin.write_all(input);
            drop(stdin);
            written
        });
        let max_output = limits.max_output_bytes;
        let reader = scope.spawn(move || {
            let mut output = Vec::new();
            stdout
                .take(max_output.saturating_add(1))
                .read_to_end(&mut output)
                .map(|_| output)
        });
        let errors = scope.spawn(move || {
            let mut text = Vec::new();
            // Best effort: the message only decorates a failure.
            stderr.take(MAX_STDERR_BYTES).read_to_end(&mut text).ok();
            String::from_utf8_lossy(&text).into_owned()
        });
        let status = wait(&mut child, started, limits.wall);
        let written = writer.join();
        let output = reader.join();
        let message = errors.join().unwrap_or_default();
        (status, written, output, message)
    });
    let (status, _written, output, message) = outcome;
    let status = match status {
        Ok(Some(status)) => status,
        Ok(None) => return Err(Failure::TimedOut(limits.wall.as_secs())),
        Err(e) => return Err(Failure::Io(e)),
    };
    let output = match output {
        Ok(Ok(output)) => output,
        Ok(Err(e)) => return Err(Failure::Io(e)),
        Err(_) => return Err(Failure::Io(std::io::Error::other("output reader stopped"))),
    };
    if output.len() as u64 > limits.max_output_bytes {
        return Err(Failure::OutputTooLarge(limits.max_output_bytes >> 20));
    }
    if status.success() {
        return Ok(output);
    }
    Err(explain(status, &message, limits))
}

/// Waits for the child until `wall` has passed since `started`; kills it
/// then. `None`: it was killed for time.
fn wait(
    child: &mut Child,
    started: Instant,
    wall: Duration,
) -> std::io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() >= wall {
            kill(child);
            return Ok(None);
        }
        std::thread::sleep(POLL);
    }
}

/// Kills the child's process group (the child and what it started), then
/// reaps the child. Each step can only fail when there is nothing left to
/// kill or reap, which is what is wanted.
fn kill(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the
        // child leads (it was started as a group leader and is not reaped
        // yet, so the id cannot have been reused).
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    child.kill().ok();
    child.wait().ok();
}

/// Why a child exited without success, in words.
fn explain(status: ExitStatus, stderr: &str, limits: &Limits) -> Failure {
    let out_of_memory = stderr.contains("memory allocation of")
        || stderr.contains("out of memory")
        || stderr.contains("cannot allocate memory");
    if out_of_memory {
        return Failure::OutOfMemory(limits.memory_bytes >> 20);
    }
    // Rust's own report before it aborts.
    if stderr.contains("has overflowed its stack") {
        return Failure::Crashed("it ran out of stack (input nested too deep)".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            Some(libc::SIGXCPU) | Some(libc::SIGKILL) => {
                return Failure::TimedOut(limits.cpu.as_secs());
            }
            Some(libc::SIGSEGV) | Some(libc::SIGBUS) => {
                return Failure::Crashed(
                    "it crashed: stack overflow or invalid memory access".into(),
                );
            }
            Some(signal) => return Failure::Crashed(format!("killed by signal {signal}")),
            None => {}
        }
    }
    let last_line = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Failure::Crashed(match status.code() {
        Some(code) if last_line.is_empty() => format!("exit code {code}"),
        Some(code) => format!("exit code {code}: {last_line}"),
        None => "ended abnormally".into(),
    })
}

#[cfg(target_os = "linux")]
fn apply_limits(command: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    let memory = limits.memory_bytes as libc::rlim_t;
    let cpu = limits.cpu.as_secs().max(1) as libc::rlim_t;
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs in the child between fork and exec and calls
    // only async-signal-safe functions (setrlimit, prctl, getppid, _exit) on
    // values computed before the fork; it allocates nothing.
    unsafe {
        command.pre_exec(move || {
            let address_space = libc::rlimit {
                rlim_cur: memory,
                rlim_max: memory,
            };
            // The hard CPU limit one second later: SIGXCPU first, then SIGKILL.
            let cpu_time = libc::rlimit {
                rlim_cur: cpu,
                rlim_max: cpu + 1,
            };
            let no_core = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &address_space) != 0
                || libc::setrlimit(libc::RLIMIT_CPU, &cpu_time) != 0
                || libc::setrlimit(libc::RLIMIT_CORE, &no_core) != 0
                || libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before prctl took effect.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn apply_limits(_command: &mut Command, _limits: &Limits) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(wall_ms: u64) -> Limits {
        Limits {
            memory_bytes: 256 << 20,
            cpu: Duration::from_secs(5),
            wall: Duration::from_millis(wall_ms),
            max_output_bytes: 1 << 20,
        }
    }

    fn shell(script: &str) -> Command {
        let mut command = Command::new("/bin/sh");
        command.arg("-c").arg(script);
        command
    }

    #[test]
    fn output_of_a_successful_run() {
        let output = run(shell("tr a-z A-Z"), b"storm damage", &limits(5000)).unwrap();
        assert_eq!(output, b"STORM DAMAGE");
    }

    #[test]
    fn a_child_over_time_is_killed() {
        let started = Instant::now();
        let failure = run(shell("sleep 30"), b"", &limits(200)).unwrap_err();
        assert!(matches!(failure, Failure::TimedOut(_)), "{failure}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_child_that_ignores_its_input_does_not_stall_the_run() {
        // 8 MiB is more than a pipe holds; the child never reads it.
        let input = vec![b'x'; 8 << 20];
        let output = run(shell("echo done"), &input, &limits(5000)).unwrap();
        assert_eq!(output, b"done\n");
    }

    #[test]
    fn too_much_output_fails() {
        let mut small = limits(5000);
        small.max_output_bytes = 1000;
        let failure = run(shell("head -c 100000 /dev/zero"), b"", &small).unwrap_err();
        assert!(matches!(failure, Failure::OutputTooLarge(_)), "{failure}");
    }

    #[test]
    fn failures_say_why() {
        let failure = run(shell("echo 'bad input' >&2; exit 3"), b"", &limits(5000)).unwrap_err();
        assert_eq!(
            failure.to_string(),
            "the worker process failed (exit code 3: bad input)"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn memory_is_bounded() {
        // A shell asked to build a 512 MiB string in a 64 MiB address space.
        let mut small = limits(10_000);
        small.memory_bytes = 64 << 20;
        let failure = run(
            shell("x=$(head -c 536870912 /dev/zero | tr '\\0' a); echo ${#x}"),
            b"",
            &small,
        )
        .unwrap_err();
        assert!(!matches!(failure, Failure::TimedOut(_)), "{failure}");
    }
}
