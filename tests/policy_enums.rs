//! A policy whose requirement names an unknown severity or scope is refused (exit 2, BB004 at
//! the value's line and column): it is never evaluated as `medium` or in some default scope.

mod common;

use common::{ARBODIENST, bb};

const POLICY: &str = r#"[policy]
id = "p"
version = "1"
title = { nl = "Beleid", en = "Policy" }

[[requirements]]
id = "AVG-DPIA-01"
title = { nl = "DPIA", en = "DPIA" }
scope = "organisation"
severity = "SEVERITY"
references = ["AVG art. 35"]
check = 'org.dpia.status == "completed"'
explain = { nl = "x", en = "x" }
remediation = { nl = "x", en = "x" }
"#;

fn run(policy: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("policy.toml");
    std::fs::write(&path, policy).expect("written");
    let out = bb()
        .args(["--lang", "en", "--policy"])
        .arg(&path)
        .args(["check", ARBODIENST, "--format", "json"])
        .output()
        .expect("beeldbel runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unknown_severity_is_an_input_error_with_its_place() {
    let (code, stdout, stderr) = run(&POLICY.replace("SEVERITY", "critical"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "no report: {stdout}");
    assert!(stderr.contains("error[BB004]"), "{stderr}");
    assert!(stderr.contains("requirements[0].severity"), "{stderr}");
    assert!(stderr.contains("policy.toml:10:12"), "{stderr}");
}

#[test]
fn unknown_scope_is_an_input_error_with_its_place() {
    let policy = POLICY
        .replace("SEVERITY", "high")
        .replace("\"organisation\"", "\"tenant\"");
    let (code, stdout, stderr) = run(&policy);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty(), "no report: {stdout}");
    assert!(stderr.contains("error[BB004]"), "{stderr}");
    assert!(stderr.contains("policy.toml:9:9"), "{stderr}");
}

#[test]
fn known_values_still_evaluate() {
    let (code, stdout, stderr) = run(&POLICY.replace("SEVERITY", "high"));
    assert!(code == 0 || code == 1, "{stderr}");
    // The requirement's severity, in the report's table of requirements.
    assert!(stdout.contains("\"severity\":\"high\""), "{stdout}");
}
