//! What fuzzing found (`docs/fuzzing.md`), kept so it cannot come back. Each test runs the
//! command a user would run on the minimised input in `tests/data/fuzz/` and asserts what the
//! user must see: a report or a diagnostic naming the file, in reasonable time, never a panic.
//! A test for a bug not fixed yet is `#[ignore]`d with the issue and the part that fixes it.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Run, bb};

/// A saved report of one organisation with one outcome: the base the other inputs vary.
const ONE_ORGANISATION: &str = "tests/data/fuzz/report-one-organisation.json";
/// The same report, with `counts.pass` at 2·10¹⁶ (a count no real report has, but a JSON
/// file may say anything).
const HUGE_COUNTS: &str = "tests/data/fuzz/report-huge-counts.json";

const FORMATS: [&str; 7] = [
    "text", "json", "markdown", "html", "junit", "sarif", "oscal",
];

/// `report --from FILE --format FORMAT`, killed after `limit`.
fn report_from(file: &str, format: &str, limit: Duration) -> Run {
    let out = bb()
        .args(["report", "--from", file, "--format", format])
        .timeout(limit)
        .output()
        .expect("run beeldbel");
    Run::of(out)
}

/// What every run on hostile input must give: a report (exit 0 or 1, on stdout) or a clear
/// refusal (exit 2, a diagnostic with a code naming the file); never a panic (exit 101) or a
/// run killed by the time limit (no exit code).
fn assert_handled(run: &Run, file: &str, format: &str) {
    assert!(
        !run.stderr.contains("panicked"),
        "report --from {file} --format {format} panicked\n{}",
        run.show()
    );
    match run.code {
        Some(0 | 1) => assert!(
            !run.stdout.trim().is_empty(),
            "report --from {file} --format {format}: an empty report\n{}",
            run.show()
        ),
        Some(2) => assert!(
            run.stderr.contains("[BB") && run.stderr.contains(file),
            "report --from {file} --format {format}: exit 2 without a diagnostic naming the file\n{}",
            run.show()
        ),
        _ => panic!(
            "report --from {file} --format {format}: neither a report nor a diagnostic (killed after the time limit?)\n{}",
            run.show()
        ),
    }
}

/// The base input stays a report `report --from` reads and renders in every format: without
/// this, the inputs built from it would test nothing.
#[test]
fn the_base_report_renders_in_every_format() {
    for format in FORMATS {
        let run = report_from(ONE_ORGANISATION, format, Duration::from_secs(30));
        run.code(0);
        assert!(
            run.stdout.contains("Arbodienst Voorbeeld B.V."),
            "{format}: the organisation is named\n{}",
            run.show()
        );
    }
}

/// Found by `report_from` probes: the HTML summary bar adds the counts of a saved report and
/// multiplies by 1000 in `usize` (`render::html::bar`), so a count near 2⁶⁴/1000 overflows: a
/// panic (exit 101) where overflow is checked, a bar with nonsense widths where it is not.
#[test]
fn report_from_huge_counts_is_handled_in_every_format() {
    for format in FORMATS {
        let run = report_from(HUGE_COUNTS, format, Duration::from_secs(30));
        assert_handled(&run, HUGE_COUNTS, format);
    }
}

/// Found by `report_from` probes: OSCAL gives every finding, observation and subject a UUID
/// from its name, and for a name already used tries `name#1`, `name#2`, … from 1 each time
/// (`render::oscal::values::Ids::get`). A report holding one organisation many times (a saved
/// report is any JSON; `check a.toml a.toml …` makes one too) makes that quadratic: 1,000 copies
/// of a one-outcome organisation take 84 s in a debug build, SARIF 0.4 s.
#[test]
fn oscal_of_many_identical_organisations_takes_linear_time() {
    let base: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(ONE_ORGANISATION))
            .expect("the base report is there"),
    )
    .expect("the base report is JSON");
    let mut many = base.clone();
    let org = base["organisations"][0].clone();
    many["organisations"] = serde_json::Value::Array(vec![org; 1000]);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("many.json");
    std::fs::write(&file, many.to_string()).expect("write the report");
    let file = file.to_str().expect("a UTF-8 path");

    let started = Instant::now();
    let run = report_from(file, "oscal", Duration::from_secs(20));
    assert_handled(&run, file, "oscal");
    // One result per organisation, and every UUID still unique (what the retrying is for).
    let oscal = run.json();
    let results = oscal["assessment-results"]["results"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(results, 1000, "one result per organisation");
    let mut uuids = Vec::new();
    collect_uuids(&oscal, &mut uuids);
    let count = uuids.len();
    uuids.sort_unstable();
    uuids.dedup();
    assert_eq!(uuids.len(), count, "every UUID is used once");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "OSCAL of 1,000 organisations took {:?}",
        started.elapsed()
    );
}

/// Every `uuid` value in an OSCAL document.
fn collect_uuids<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x.as_str()) {
                    ("uuid", Some(u)) => out.push(u),
                    _ => collect_uuids(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_uuids(x, out)),
        _ => {}
    }
}
