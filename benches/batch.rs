//! Batch benchmark: generates varied organisation files, then measures the release binary's wall
//! time and peak memory for `check DIR --format F > FILE` in every format, with the
//! parse-and-validate-only path `validate DIR` as the floor, and prints a table (each format's
//! time and memory also as a multiple of JSON's). Run with `cargo bench --bench batch`:
//! `BATCH_FILES` is a comma-separated list of counts (default `3000`; the table in
//! docs/reports.md has `3000,10000`), `BATCH_RUNS` the repetitions per command (default 3),
//! `BATCH_FORMATS` limits the formats, `BATCH_DIR` keeps the files of the last count. Not a timed
//! test: nothing here fails on a slow machine, only on wrong output.

#[path = "common/measure.rs"]
mod measure;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use measure::{Measured, env_or};

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

/// The report formats of `check`, JSON first: the others are compared with it.
const FORMATS: [&str; 7] = [
    "json", "text", "markdown", "html", "junit", "sarif", "oscal",
];

fn main() {
    let counts: Vec<usize> = std::env::var("BATCH_FILES")
        .unwrap_or_else(|_| "3000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .replace('_', "")
                .parse()
                .expect("BATCH_FILES: counts, comma-separated")
        })
        .collect();
    let runs: usize = env_or("BATCH_RUNS", 3).max(1);
    let formats: Vec<&str> = match std::env::var("BATCH_FORMATS") {
        Ok(f) => FORMATS
            .iter()
            .copied()
            .filter(|x| *x == "json" || f.split(',').any(|y| y.trim() == *x))
            .collect(),
        Err(_) => FORMATS.to_vec(),
    };
    let mut table = Vec::new();
    if counts.len() == 1 {
        table.extend(bench(counts[0], runs, &formats));
    } else {
        // Each count in a process of its own: the checked report of one count would otherwise
        // sit in this process's memory, and the children forked for the next count would count
        // its pages in their peak memory.
        for &n in &counts {
            let out = Command::new(std::env::current_exe().expect("this benchmark"))
                .env("BATCH_FILES", n.to_string())
                .stderr(std::process::Stdio::inherit())
                .output()
                .expect("run the benchmark for one count");
            assert!(out.status.success(), "the benchmark for {n} files failed");
            let text = String::from_utf8(out.stdout).expect("UTF-8");
            for line in text.lines() {
                if line.starts_with("| ") && !line.starts_with("| files") {
                    table.push(line.to_string());
                } else if !line.starts_with('|') && !line.is_empty() {
                    println!("{line}");
                }
            }
        }
    }
    println!();
    println!("| files | command | median wall (s) | peak RSS (MB) | time × json | memory × json |");
    println!("|---:|---|---:|---:|---:|---:|");
    for row in &table {
        println!("{row}");
    }
}

/// Generates `n` files, measures every command over them, checks the JSON report, and returns
/// the rows of the table.
fn bench(n: usize, runs: usize, formats: &[&'static str]) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_beeldbel"));
    let dir = tempfile::tempdir().expect("temp dir");
    // BATCH_DIR keeps the generated files there, for profiling by hand.
    let orgs = std::env::var_os("BATCH_DIR").map_or_else(|| dir.path().join("orgs"), Into::into);
    if orgs.exists() {
        std::fs::remove_dir_all(&orgs).expect("clear BATCH_DIR");
    }
    std::fs::create_dir_all(&orgs).expect("mkdir");
    let t = Instant::now();
    generate(&orgs, n);
    println!("generated {n} organisation files in {:?}", t.elapsed());
    let orgs_s = orgs.to_str().expect("utf-8 path");
    let out = dir.path().join("report.json");
    let out_s = out.to_str().expect("utf-8 path");
    let piped = dir.path().join("stdout");

    let mut rows = Vec::new();
    let mut row = |name: String, m: &Measured, json: Option<&Measured>| {
        let ratio = |a: f64, b: f64| format!("{:.2}", a / b);
        let (t, mem) = json.map_or((String::new(), String::new()), |j| {
            (
                ratio(m.wall.as_secs_f64(), j.wall.as_secs_f64()),
                ratio(m.peak as f64, j.peak as f64),
            )
        });
        println!(
            "{name:<34} {n} files: median wall {:>7.3} s   peak RSS {:>7.1} MB   ({runs} runs)",
            m.wall.as_secs_f64(),
            m.peak as f64 / 1e6
        );
        rows.push(format!(
            "| {n} | `{name}` | {:.3} | {:.1} | {t} | {mem} |",
            m.wall.as_secs_f64(),
            m.peak as f64 / 1e6
        ));
    };

    let floor = ["--lang", "en", "-q", "validate", orgs_s];
    row(
        "validate DIR".into(),
        &measure::measure_runs(bin, &floor, None, runs),
        None,
    );
    let check = |format: &'static str| -> Vec<&str> {
        vec![
            "--today",
            "2026-11-23",
            "-q",
            "check",
            orgs_s,
            "--format",
            format,
        ]
    };
    let mut json: Option<Measured> = None;
    for &format in formats {
        let m = measure::measure_runs(bin, &check(format), Some(&piped), runs);
        let ratio_to = json.as_ref();
        row(format!("check DIR --format {format}"), &m, ratio_to);
        if format == "json" {
            json = Some(m);
        }
    }
    // `--output FILE` adds the atomic write (temporary file, fsync, rename).
    let check_output = [&check("json")[..], &["--output", out_s]].concat();
    row(
        "check DIR --format json --output FILE".into(),
        &measure::measure_runs(bin, &check_output, None, runs),
        json.as_ref(),
    );

    // Checked after measuring: the parsed report is large, and a child forked from a big
    // parent would count the parent's pages in its peak memory.
    let (_, _, code) = measure::measure(bin, &floor, None);
    assert_eq!(code, 0, "validate rejected generated files");
    let (_, _, code) = measure::measure(bin, &check("json"), Some(&piped));
    assert!(code == 0 || code == 1, "check failed with exit code {code}");
    let (_, _, code) = measure::measure(bin, &check_output, None);
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
    rows
}
