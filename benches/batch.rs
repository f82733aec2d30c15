//! Batch benchmark (issue 3): generates 10,000 varied organisation files, then measures the
//! release binary's wall time and peak memory for `check DIR --format json` and, as the floor,
//! the parse-and-validate-only path `validate DIR` over the same files. Run with
//! `cargo bench --bench batch` (set `BATCH_FILES` for another count, `BATCH_RUNS` for more
//! repetitions); the numbers go in the closing notes. Not a timed test: nothing here fails on
//! a slow machine, only on wrong output.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The example organisations the generated files vary on.
const BASES: [&str; 3] = [
    "docs/examples/arbodienst.toml",
    "docs/examples/zelfstandige-whatsapp.toml",
    "docs/examples/reintegratie-onvolledig.toml",
];

/// A second deployment some generated files get (Teams, enterprise edition).
const TEAMS: &str = r#"
[[deployments]]
id = "teams"
platform = "teams"
edition = "enterprise"
processor_agreement_signed_on = 2025-03-01
data_region = "EU"
transfer_basis = "dpf"
e2ee_enabled = false
waiting_room_enabled = true
meeting_protection_enabled = true
recording = "disabled"
mfa_enforced = true
functional_host_accounts = true
telemetry_minimised = true
"#;

/// A small deterministic generator (SplitMix64), so every run benchmarks the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Writes `n` organisation files into `dir`: the three examples with other names, other
/// editions, settings switched on or off, other dates, and sometimes a second deployment.
fn generate(dir: &Path, n: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bases: Vec<String> = BASES
        .iter()
        .map(|b| std::fs::read_to_string(root.join(b)).expect("example"))
        .collect();
    let mut rng = Rng(20_261_123);
    for i in 0..n {
        let mut text = bases[i % bases.len()].clone();
        let name_line = text
            .lines()
            .find(|l| l.starts_with("name = "))
            .expect("name")
            .to_string();
        text = text.replacen(&name_line, &format!("name = \"Organisatie {i:05}\""), 1);
        for flag in [
            "waiting_room_enabled",
            "meeting_protection_enabled",
            "mfa_enforced",
            "telemetry_minimised",
            "functional_host_accounts",
        ] {
            if rng.chance(15) {
                let on = format!("{flag} = true");
                let off = format!("{flag} = false");
                text = if text.contains(&on) {
                    text.replacen(&on, &off, 1)
                } else {
                    text.replacen(&off, &on, 1)
                };
            }
        }
        if rng.chance(30) {
            text = text.replacen("edition = \"business\"", "edition = \"basic\"", 1);
        }
        if rng.chance(20) {
            text = text.replacen("status = \"completed\"", "status = \"in_progress\"", 1);
        }
        let month = 1 + rng.next() % 12;
        text = text.replacen(
            "processor_agreement_signed_on = 2024-11-01",
            &format!("processor_agreement_signed_on = 2024-{month:02}-01"),
            1,
        );
        if rng.chance(40) {
            text.push_str(TEAMS);
        }
        std::fs::write(dir.join(format!("org-{i:05}.toml")), text).expect("write");
    }
}

/// One run of the binary: wall time and peak resident memory of that child alone (wait4).
/// `stdout`: where the report goes when the command writes to stdout.
fn measure(args: &[&str], stdout: Option<&Path>) -> (Duration, u64, i32) {
    let out = match stdout {
        Some(p) => std::process::Stdio::from(std::fs::File::create(p).expect("stdout file")),
        None => std::process::Stdio::null(),
    };
    let started = Instant::now();
    // Reaped by wait4 below (not `Child::wait`, which gives no resource usage).
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_beeldbel"))
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

fn main() {
    let n: usize = std::env::var("BATCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("BATCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().expect("temp dir");
    // BATCH_DIR keeps the generated files there, for profiling by hand.
    let orgs = std::env::var_os("BATCH_DIR").map_or_else(|| dir.path().join("orgs"), Into::into);
    std::fs::create_dir_all(&orgs).expect("mkdir");
    let t = Instant::now();
    generate(&orgs, n);
    println!("generated {n} organisation files in {:?}", t.elapsed());
    let orgs_s = orgs.to_str().expect("utf-8 path");
    let out = dir.path().join("report.json");
    let out_s = out.to_str().expect("utf-8 path");

    // The same 10,000 files through each. `check > FILE` is the issue's command (report on
    // stdout, redirected to a file); `--output FILE` adds the atomic write (temporary file,
    // fsync, rename), which a crash-safe report needs.
    let floor = ["--lang", "en", "-q", "validate", orgs_s];
    let check_stdout = [
        "--today",
        "2026-11-23",
        "-q",
        "check",
        orgs_s,
        "--format",
        "json",
    ];
    let check_output = [&check_stdout[..], &["--output", out_s]].concat();
    let piped = dir.path().join("stdout.json");
    let cases: [(&str, &[&str], Option<&Path>); 3] = [
        ("validate DIR (floor)", &floor, None),
        (
            "check DIR --format json > FILE",
            &check_stdout,
            Some(&piped),
        ),
        ("check … --output FILE", &check_output[..], None),
    ];
    let mut results = Vec::new();
    for (name, args, stdout) in cases {
        let mut times = Vec::new();
        let mut peak = 0;
        for _ in 0..runs {
            let (t, rss, _) = measure(args, stdout);
            times.push(t);
            peak = peak.max(rss);
        }
        let m = median(times);
        println!(
            "{name:<32} {n} files: median wall {:>7.3} s   peak RSS {:>7.1} MB   ({runs} runs)",
            m.as_secs_f64(),
            peak as f64 / 1e6
        );
        results.push(m);
    }
    for (i, name) in [(1, "check > FILE"), (2, "check --output")] {
        println!(
            "ratio {name} / floor: {:.2}",
            results[i].as_secs_f64() / results[0].as_secs_f64()
        );
    }
    // Checked after measuring: the parsed report is large, and a child forked from a big
    // parent would count the parent's pages in its peak memory.
    let (_, _, code) = measure(&floor, None);
    assert_eq!(code, 0, "validate rejected generated files");
    let (_, _, code) = measure(&check_output, None);
    assert!(code == 0 || code == 1, "check failed with exit code {code}");
    assert_eq!(
        std::fs::read(&out).expect("report"),
        std::fs::read(&piped).expect("stdout report"),
        "--output and stdout give the same report"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("report")).expect("JSON report");
    let orgs_in_report = report["organisations"].as_array().map_or(0, Vec::len);
    assert_eq!(orgs_in_report, n, "report does not hold every organisation");
    let verdicts = |v: &str| {
        report["organisations"]
            .as_array()
            .map_or(0, |a| a.iter().filter(|o| o["verdict"] == v).count())
    };
    println!(
        "verdicts: {} compliant, {} incomplete, {} non_compliant; report {:.1} MB",
        verdicts("compliant"),
        verdicts("incomplete"),
        verdicts("non_compliant"),
        std::fs::metadata(&out).map_or(0, |m| m.len()) as f64 / 1e6
    );
}
