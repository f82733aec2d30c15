//! Large-organisation benchmark (issue 12 §2): one organisation file with N deployments across
//! every catalogue edition, and the release binary's wall time and peak memory for every output
//! that renders it: `check ORG --format F` in every format, `dpia ORG` in both formats and
//! `report --from REPORT.json --format F`, with `validate ORG` as the floor. Run with
//! `cargo bench --bench large_org`: `LARGE_ORG_DEPLOYMENTS` is a comma-separated list of counts
//! (default `1000,10000`, the table in docs/reports.md), `LARGE_ORG_RUNS` the repetitions per
//! command (default 1), `LARGE_ORG_ONLY` keeps the commands whose name contains one of its
//! comma-separated words, `LARGE_ORG_BIN` measures another binary (a build from before a
//! change), `LARGE_ORG_DIR` keeps the files. Not a timed test: nothing here fails on a slow
//! machine, only on wrong output (every output must name the last deployment).

#[path = "common/large_org.rs"]
mod large_org;
#[path = "common/measure.rs"]
mod measure;

use std::path::{Path, PathBuf};
use std::time::Instant;

use measure::env_or;

/// The report formats of `check` and `report --from`.
const FORMATS: [&str; 7] = [
    "json", "text", "markdown", "html", "junit", "sarif", "oscal",
];

fn main() {
    let counts: Vec<usize> = std::env::var("LARGE_ORG_DEPLOYMENTS")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .replace('_', "")
                .parse()
                .expect("LARGE_ORG_DEPLOYMENTS: counts, comma-separated")
        })
        .collect();
    let runs: usize = env_or("LARGE_ORG_RUNS", 1).max(1);
    let only: Vec<String> = std::env::var("LARGE_ORG_ONLY")
        .map(|s| s.split(',').map(|w| w.trim().to_string()).collect())
        .unwrap_or_default();
    let bin = std::env::var_os("LARGE_ORG_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_beeldbel")),
        PathBuf::from,
    );
    let mut table = Vec::new();
    for n in counts {
        table.extend(bench(&bin, n, runs, &only));
    }
    println!();
    println!("| deployments | command | median wall (s) | peak RSS (MB) | output (MB) |");
    println!("|---:|---|---:|---:|---:|");
    for row in &table {
        println!("{row}");
    }
}

/// Whether the file at `path` contains `needle`, read a piece at a time: an output of a gigabyte
/// read whole into this process would count in the peak memory of the next child (Linux keeps
/// a process's peak across fork and exec).
fn contains(path: &Path, needle: &str) -> bool {
    use std::io::Read;
    let needle = needle.as_bytes();
    let mut file = std::fs::File::open(path).expect("open output");
    let mut buf = vec![0u8; 1 << 20];
    let mut kept = 0;
    loop {
        let n = file.read(&mut buf[kept..]).expect("read output");
        if n == 0 {
            return false;
        }
        let filled = kept + n;
        if buf[..filled].windows(needle.len()).any(|w| w == needle) {
            return true;
        }
        // The tail of this piece starts the next, in case the needle spans the two.
        kept = (needle.len() - 1).min(filled);
        buf.copy_within(filled - kept..filled, 0);
    }
}

/// Writes the organisation with `n` deployments, measures every command over it, checks that
/// every output names the last deployment, and returns the rows of the table.
fn bench(bin: &Path, n: usize, runs: usize, only: &[String]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let work = std::env::var_os("LARGE_ORG_DIR").map_or_else(|| dir.path().into(), PathBuf::from);
    std::fs::create_dir_all(&work).expect("mkdir");
    let org = work.join(format!("org-{n}.toml"));
    let text = large_org::organisation(n);
    std::fs::write(&org, &text).expect("write organisation");
    println!(
        "organisation with {n} deployments: {:.0} kB",
        text.len() as f64 / 1e3
    );
    drop(text);
    let org_s = org.to_str().expect("utf-8 path").to_string();
    let saved = work.join(format!("report-{n}.json"));
    let saved_s = saved.to_str().expect("utf-8 path").to_string();
    let out = work.join("out");
    let today = ["--today", "2026-11-23", "-q"];

    // The saved report `report --from` reads, written before anything is measured.
    let mut args: Vec<&str> = today.to_vec();
    args.extend(["check", &org_s, "--format", "json", "--output", &saved_s]);
    let (_, _, code) = measure::measure(bin, &args, None);
    assert!(code == 0 || code == 1, "check --format json: exit {code}");

    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    commands.push(("validate ORG".into(), own(&["-q", "validate", &org_s])));
    for f in FORMATS {
        let mut a = own(&today);
        a.extend(own(&["check", &org_s, "--format", f]));
        commands.push((format!("check ORG --format {f}"), a));
    }
    for f in ["markdown", "html"] {
        let mut a = own(&today);
        a.extend(own(&["dpia", &org_s, "--format", f]));
        commands.push((format!("dpia ORG --format {f}"), a));
    }
    for f in FORMATS.iter().skip(1) {
        let a = own(&["-q", "report", "--from", &saved_s, "--format", f]);
        commands.push((format!("report --from JSON --format {f}"), a));
    }

    let last = large_org::deployment_id(n - 1);
    let mut rows = Vec::new();
    for (name, args) in commands {
        if !only.is_empty() && !only.iter().any(|w| name.contains(w.as_str())) {
            continue;
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let t = Instant::now();
        let m = measure::measure_runs(bin, &args, Some(&out), runs);
        let size = std::fs::metadata(&out).map_or(0, |m| m.len());
        println!(
            "{name:<36} {n} deployments: median wall {:>8.3} s   peak RSS {:>8.1} MB   output {:>7.1} MB   ({runs} runs, {:.0?})",
            m.wall.as_secs_f64(),
            m.peak as f64 / 1e6,
            size as f64 / 1e6,
            t.elapsed()
        );
        if name != "validate ORG" {
            assert!(contains(&out, &last), "{name}: {last} is not in the output");
        }
        rows.push(format!(
            "| {n} | `{name}` | {:.3} | {:.1} | {:.1} |",
            m.wall.as_secs_f64(),
            m.peak as f64 / 1e6,
            size as f64 / 1e6
        ));
    }
    rows
}
