//! An organisation with thousands of deployments (issue 12 §2): every output renders it in time
//! linear in the deployments, and covers all of them.
//!
//! The organisation comes from the generator the benchmark uses (`benches/common/large_org.rs`):
//! deployments cycling through every edition of the catalogue, settings varied, some waived.
//! These tests run the debug binary, which is many times slower than a release build: a
//! check of 10,000 deployments takes some 20 seconds there in the cheapest format, and a minute
//! or more in OSCAL or the DPIA HTML. So:
//! - the text report (the cheapest) renders 10,000 deployments within a generous timeout and
//!   names every one of them;
//! - every output (the seven check formats, the DPIA draft in Markdown and HTML, and
//!   `report --from`) renders 200 and 800 deployments, covers all of them, and takes at most
//!   [`MAX_RATIO`] times as long for four times the deployments: linear time gives at most 4
//!   (less, as start-up is a fixed cost), time quadratic in the deployments up to 16. The DPIA
//!   draft that counted the line breaks of the file for every setting took 1.6 s and 14.6 s
//!   here (9 times).
//!
//! The release numbers at 1,000 and 10,000 deployments are in docs/reports.md
//! (`cargo bench --bench large_org`).

#[path = "../benches/common/large_org.rs"]
mod large_org;

use std::path::Path;
use std::time::{Duration, Instant};

/// The most a four times larger organisation may take, as a multiple of the smaller one's time.
const MAX_RATIO: f64 = 6.0;

/// The time one command may take in the debug binary before the test calls it a hang.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Writes the organisation with `n` deployments into `dir`.
fn organisation(dir: &Path, n: usize) -> String {
    let path = dir.join(format!("org-{n}.toml"));
    std::fs::write(&path, large_org::organisation(n)).expect("write organisation");
    path.to_str().expect("UTF-8 path").to_string()
}

/// Runs beeldbel with `args` (its output to the file `out`) and returns how long it took; it
/// must exit 0 or 1 (a verdict), not fail.
fn run(args: &[&str], out: &Path) -> Duration {
    let started = Instant::now();
    let output = assert_cmd::cargo::cargo_bin_cmd!("beeldbel")
        .args(["--today", "2026-11-23", "-q"])
        .args(args)
        .arg("--output")
        .arg(out)
        .timeout(TIMEOUT)
        .output()
        .expect("run beeldbel");
    let took = started.elapsed();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: exit {:?} after {took:?}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    took
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("output is UTF-8")
}

#[test]
fn the_text_report_of_ten_thousand_deployments_names_every_one() {
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let org = organisation(dir.path(), n);
    let out = dir.path().join("report.txt");
    let took = run(&["check", &org, "--format", "text"], &out);
    let text = read(&out);
    // Each deployment has a heading over its outcomes (under what needs attention and again in
    // the overview: counted once).
    let headings = text
        .lines()
        .filter(|l| l.starts_with("── Deployment inzet-"))
        .collect::<std::collections::HashSet<_>>()
        .len();
    assert_eq!(headings, n, "after {took:?}");
    assert!(
        text.contains(&format!(
            "── Deployment {}: ",
            large_org::deployment_id(n - 1)
        )),
        "the last deployment has no heading"
    );
}

/// The commands measured, by name, for the organisation `org` and the saved report `saved`.
fn commands<'a>(org: &'a str, saved: &'a str) -> Vec<(String, Vec<&'a str>)> {
    let mut v = Vec::new();
    for f in [
        "json", "text", "markdown", "html", "junit", "sarif", "oscal",
    ] {
        v.push((
            format!("check --format {f}"),
            vec!["check", org, "--format", f],
        ));
    }
    for f in ["markdown", "html"] {
        v.push((
            format!("dpia --format {f}"),
            vec!["dpia", org, "--format", f],
        ));
    }
    for f in ["markdown", "html"] {
        v.push((
            format!("report --from --format {f}"),
            vec!["report", "--from", saved, "--format", f],
        ));
    }
    v
}

/// What each output must show of an organisation with `n` deployments.
fn covers_all(name: &str, output: &str, n: usize) {
    let last = large_org::deployment_id(n - 1);
    assert!(
        output.contains(&last),
        "{name}: {last} is not in the output"
    );
    if name == "check --format json" {
        let report = beeldbel::render::json::read(output).expect("a version 3 JSON report");
        let report = serde_json::to_value(report).expect("JSON");
        let org = &report["organisations"][0];
        assert_eq!(org["deployments"].as_array().map(Vec::len), Some(n));
        let subjects: std::collections::HashSet<&str> = org["outcomes"]
            .as_array()
            .expect("outcomes")
            .iter()
            .filter_map(|o| o["subject"].as_str())
            .collect();
        // Every deployment, and the organisation.
        assert_eq!(subjects.len(), n + 1, "{name}: subjects");
    }
}

#[test]
fn every_output_takes_time_linear_in_the_deployments() {
    let dir = tempfile::tempdir().unwrap();
    let (small, large) = (200, 800);
    let mut times: Vec<(String, Duration, Duration)> = Vec::new();
    for n in [small, large] {
        let org = organisation(dir.path(), n);
        let saved = dir.path().join(format!("report-{n}.json"));
        run(&["check", &org, "--format", "json"], &saved);
        let saved = saved.to_str().expect("UTF-8 path").to_string();
        let out = dir.path().join("out");
        for (k, (name, args)) in commands(&org, &saved).into_iter().enumerate() {
            let took = run(&args, &out);
            covers_all(&name, &read(&out), n);
            if n == small {
                times.push((name, took, Duration::ZERO));
            } else {
                times[k].2 = took;
            }
        }
    }
    for (name, a, b) in &times {
        eprintln!("{name:<28} {small}: {a:>10.2?}   {large}: {b:>10.2?}");
    }
    let slow: Vec<String> = times
        .iter()
        .filter(|(_, a, b)| b.as_secs_f64() > MAX_RATIO * a.as_secs_f64())
        .map(|(name, a, b)| format!("{name}: {a:?} for {small}, {b:?} for {large}"))
        .collect();
    assert!(
        slow.is_empty(),
        "more than linear in the deployments:\n{}",
        slow.join("\n")
    );
}
