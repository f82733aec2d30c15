//! Helpers shared by the integration tests (`mod common;` in each `tests/*.rs`): the fixed
//! evaluation date, the example and hostile fixture paths, `beeldbel` run from the crate root
//! with a clean environment, what a run gave ([`Run`]), the outcomes of a JSON report, and the
//! snapshot filters.
//!
//! Each test crate uses a different part of this module, hence `dead_code` is allowed. What only
//! one test file needs (its own snapshot filters, its own assertions on a [`Run`]) stays there,
//! built on what is here.

#![allow(dead_code)]

use std::path::Path;
use std::process::Output;

use serde_json::Value;

/// The evaluation date of every run (`--today`), so reports are reproducible.
pub const TODAY: &str = "2026-11-23";

pub const ARBODIENST: &str = "docs/examples/arbodienst.toml";
pub const WHATSAPP: &str = "docs/examples/zelfstandige-whatsapp.toml";
pub const REINTEGRATIE: &str = "docs/examples/reintegratie-onvolledig.toml";
/// The three shipped examples, in this order.
pub const EXAMPLES: [&str; 3] = [ARBODIENST, WHATSAPP, REINTEGRATIE];

/// A policy and an organisation whose strings hold HTML, Markdown and XML metacharacters: every
/// format must show them as text, never as markup.
pub const HOSTILE_POLICY: &str = "tests/data/hostile/policy.toml";
pub const HOSTILE_ORG: &str = "tests/data/hostile/org.toml";

/// A policy whose one check fails at run time (`int("not_started")`): a policy error.
pub const ERROR_POLICY: &str = r#"
[policy]
id = "error"
version = "1"
title = { nl = "Kapot beleid", en = "Broken policy" }
max_fact_age_days = 540

[[requirements]]
id = "ERR-ORG-01"
title = { nl = "Kapotte check", en = "Broken check" }
scope = "organisation"
severity = "high"
references = ["nergens"]
check = 'int(org.dpia.status) > 0'
explain.nl = "Deze check kan niet worden geëvalueerd."
explain.en = "This check cannot be evaluated."
remediation.nl = "Repareer het beleid."
remediation.en = "Fix the policy."
"#;

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `beeldbel` run from the crate root (so paths in reports and diagnostics are relative and
/// stable), with no colour or log settings inherited from the caller's environment.
pub fn raw() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("beeldbel");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("BEELDBEL_LOG")
        .env_remove("RUST_LOG");
    cmd
}

/// Like [`raw`], with the fixed evaluation date.
pub fn bb() -> assert_cmd::Command {
    let mut cmd = raw();
    cmd.args(["--today", TODAY]);
    cmd
}

/// Runs beeldbel with `global` options before `check FILE --format FORMAT`; the report must be
/// on stdout and the exit code 0 (compliant) or 1 (not compliant or incomplete), never 2.
pub fn report(global: &[&str], file: &str, format: &str) -> String {
    let out: Output = bb()
        .args(global)
        .args(["check", file, "--format", format])
        .output()
        .expect("run beeldbel");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "check {file} --format {format}: exit {:?}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
        out.status.code()
    );
    stdout
}

/// The outcomes of the first organisation of a JSON report.
pub fn outcomes(report: &Value) -> &Vec<Value> {
    report["organisations"][0]["outcomes"]
        .as_array()
        .expect("outcomes")
}

/// The outcome of `requirement` for `subject` in the first organisation of a JSON report.
pub fn outcome<'a>(report: &'a Value, requirement: &str, subject: &str) -> &'a Value {
    outcomes(report)
        .iter()
        .find(|o| o["requirement"] == requirement && o["subject"] == subject)
        .unwrap_or_else(|| panic!("no outcome {requirement} for {subject}"))
}

/// What a run gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    pub fn show(&self) -> String {
        format!(
            "exit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the exit code (a run killed by a signal has none, and fails this).
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, Some(expected), "{}", self.show());
        self
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.show()))
    }
}

/// Snapshot settings: provenance hashes change with every policy or catalogue edit.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(r"\b[0-9a-f]{64}\b", "[sha256]");
    s
}

/// [`snapshot_settings`], and temporary folders, which differ per run.
pub fn snapshot_settings_with_temp_dirs() -> insta::Settings {
    let mut s = snapshot_settings();
    s.add_filter(r"/tmp/\.tmp[A-Za-z0-9]+", "[TMP]");
    s.add_filter(r"/tmp/[A-Za-z0-9._-]*tmp[A-Za-z0-9._-]*", "[TMP]");
    s
}
