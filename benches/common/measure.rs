//! Running the release binary and measuring it: wall time and the child's own peak memory
//! (`wait4`). Shared by the benchmarks (`#[path]`-included, so not a benchmark of its own).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// One run of `binary`: wall time, peak resident memory of that child alone (wait4) and exit
/// code. `stdout`: where the output goes when the command writes to stdout.
pub fn measure(binary: &Path, args: &[&str], stdout: Option<&Path>) -> (Duration, u64, i32) {
    let out = match stdout {
        Some(p) => std::process::Stdio::from(std::fs::File::create(p).expect("stdout file")),
        None => std::process::Stdio::null(),
    };
    let started = Instant::now();
    // Reaped by wait4 below (not `Child::wait`, which gives no resource usage).
    #[allow(clippy::zombie_processes)]
    let child = Command::new(binary)
        .args(args)
        .stdout(out)
        .spawn()
        .expect("spawn beeldbel");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data written by the kernel; `pid` is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(waited, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // ru_maxrss is in KiB on Linux.
    (elapsed, usage.ru_maxrss as u64 * 1024, code)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// One measured command: its median wall time and its peak memory over the runs.
pub struct Measured {
    pub wall: Duration,
    pub peak: u64,
}

/// `runs` runs of one command, each of which must exit 0 or 1 (a verdict, not an error).
pub fn measure_runs(binary: &Path, args: &[&str], stdout: Option<&Path>, runs: usize) -> Measured {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (t, rss, code) = measure(binary, args, stdout);
        assert!(
            code == 0 || code == 1,
            "{args:?} failed with exit code {code}"
        );
        times.push(t);
        peak = peak.max(rss);
    }
    Measured {
        wall: median(times),
        peak,
    }
}

/// The value of the environment variable `name`, or `default` when it is unset or unreadable.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
