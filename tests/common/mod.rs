//! Helpers shared by the integration tests (`mod common;` in each `tests/*.rs`): the fixed
//! evaluation date, the example and hostile fixture paths, `beeldbel` run from the crate root
//! with a clean environment, what a run gave ([`Run`]), the outcomes of a JSON report, the
//! snapshot filters, and the outside programs some tests use ([`outside_tool`], [`skip`]).
//!
//! Each test crate uses a different part of this module, hence `dead_code` is allowed. What only
//! one test file needs (its own snapshot filters, its own assertions on a [`Run`]) stays there,
//! built on what is here.

#![allow(dead_code)]

pub mod https;

use std::io::Write;
use std::path::{Path, PathBuf};
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

/// A policy of one high-severity requirement `id` of `scope` whose check is `check` (written in
/// single quotes: `check` must not hold one).
pub fn one_requirement_policy(id: &str, scope: &str, check: &str) -> String {
    format!(
        r#"[policy]
id = "p"
version = "1"
title = {{ nl = "P", en = "P" }}

[[requirements]]
id = "{id}"
title = {{ nl = "T", en = "T" }}
scope = "{scope}"
severity = "high"
references = []
check = '{check}'
explain = {{ nl = "U", en = "E" }}
remediation = {{ nl = "H", en = "R" }}
"#
    )
}

/// The crate root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `beeldbel` run from the crate root (so paths in reports and diagnostics are relative and
/// stable), with no colour, log or language settings inherited from the caller's environment
/// (an English locale would make the run English; docs/cli.md).
pub fn raw() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("beeldbel");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("BEELDBEL_LOG")
        .env_remove("RUST_LOG");
    for var in ["BEELDBEL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd
}

/// The subcommands a user can run (not `help`), as `beeldbel --lang en --help` lists them: a
/// subcommand added later is covered by the tests that go through them all.
pub fn subcommands() -> Vec<String> {
    let out = raw()
        .args(["--lang", "en", "--help"])
        .output()
        .expect("run beeldbel");
    let help = String::from_utf8(out.stdout).expect("help is UTF-8");
    let list: Vec<String> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|name| name != "help")
        .collect();
    assert!(list.len() >= 10, "no command list in:\n{help}");
    list
}

/// Like [`raw`], with the fixed evaluation date.
pub fn bb() -> assert_cmd::Command {
    let mut cmd = raw();
    cmd.args(["--today", TODAY]);
    cmd
}

/// `beeldbel --today 2026-11-23 ARGS…`, whatever its exit code.
pub fn run(args: &[&str]) -> Run {
    Run::of(bb().args(args).output().expect("run beeldbel"))
}

/// The Markdown DPIA draft of `file`, with `global` options first (exit 0: a draft with gaps
/// is still a successful draft).
pub fn dpia_draft(global: &[&str], file: &str) -> String {
    let mut args = global.to_vec();
    args.extend(["dpia", file]);
    let r = run(&args);
    r.code(0);
    r.stdout
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

    /// A JSON check report on stdout (`schema_version` 3) with every reference resolved: the
    /// in-memory report, as JSON (each outcome with its texts, facts and sources).
    pub fn report(&self) -> Value {
        report_value(&self.stdout)
    }
}

/// A JSON check report (`schema_version` 3) with every reference resolved, as JSON: what a reader
/// that follows the keys sees (each outcome with its title, remediation, facts and sources). That
/// is the shape of version 2, and says so (`schema_version` 2): saved again, it is a version 2
/// report.
#[allow(dead_code)]
pub fn report_value(json: &str) -> Value {
    let report = beeldbel::render::json::read(json)
        .unwrap_or_else(|e| panic!("not a version 3 JSON report: {e}\n{json}"));
    let mut v = serde_json::to_value(report).expect("a report is JSON");
    v["schema_version"] = 2.into();
    v
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

// ---------------------------------------------------------------------------------------------
// Outside programs.
//
// `cargo test` passes on a machine with the Rust toolchain alone. A few checks need a program
// that Rust does not bring: Chromium (tests/browser.rs), xmllint for the JUnit XML Schema
// (tests/junit.rs), compliance-trestle (tests/oscal.rs), LibreOffice (`soffice`, tests/office.rs)
// and Python for the structure check (tests/structure.rs). Without it, that check is skipped and says so on the terminal; with
// `BEELDBEL_REQUIRE_TOOLS=1` (set by `.ci/run`, which installs them all) a missing program fails
// the test instead.

/// Whether a missing outside program fails the test (`BEELDBEL_REQUIRE_TOOLS=1`).
pub fn tools_required() -> bool {
    std::env::var("BEELDBEL_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

/// A line that `cargo test` shows even when the test passes. libtest captures what the
/// `print!` and `eprint!` macros write, and shows it only for a failing test; a write to the
/// process's stderr handle itself is not captured.
pub fn note(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// The running test's name (`file::test`): libtest names each test's thread after it.
pub fn test_name() -> String {
    let crate_name = env!("CARGO_CRATE_NAME");
    match std::thread::current().name() {
        Some(name) if name != "main" => format!("{crate_name}::{name}"),
        _ => crate_name.to_string(),
    }
}

/// `what` cannot be checked because `why`: with `BEELDBEL_REQUIRE_TOOLS=1` the test fails
/// here; otherwise it says so on the terminal (`SKIPPED …`) and the caller skips that check.
pub fn skip(what: &str, why: &str) {
    let test = test_name();
    assert!(
        !tools_required(),
        "{test}: {what} cannot run: {why} (BEELDBEL_REQUIRE_TOOLS=1 requires every outside program)"
    );
    note(&format!("SKIPPED in {test}: {what} — {why}"));
}

/// The outside `program` on `PATH`, or `None` after [`skip`] said that `what` is skipped and how
/// to `install` the program.
pub fn outside_tool(program: &str, what: &str, install: &str) -> Option<PathBuf> {
    let found = find_on_path(program);
    if found.is_none() {
        skip(
            what,
            &format!("`{program}` is not on PATH; install it with {install}"),
        );
    }
    found
}

/// The first executable file named `program` in the folders of `PATH`.
pub fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let file = format!("{program}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&path)
        .map(|dir| dir.join(&file))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
