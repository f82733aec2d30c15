//! One small snapshot per renderer, all from one shared fixture (`tests/data/fixture/`): a policy
//! and catalogue small enough that a reviewer reads the whole snapshot, and an organisation whose
//! outcomes take every state once (pass, fail, unknown, waived, not applicable) on both subjects.
//! What a format must mean is asserted directly in its own test file; these snapshots show what a
//! reader sees, and catch unintended changes of wording or layout.

mod common;

use common::{bb, snapshot_settings};

const POLICY: &str = "tests/data/fixture/policy.toml";
const PLATFORMS: &str = "tests/data/fixture/platforms";
const ORG: &str = "tests/data/fixture/org.toml";

/// `beeldbel --lang LANG` with the fixture's policy and catalogue, then `args`; its stdout, after
/// checking the exit code.
fn fixture(lang: &str, args: &[&str], code: i32) -> String {
    let out = bb()
        .args(["--lang", lang, "--policy", POLICY, "--platforms", PLATFORMS])
        .args(args)
        .output()
        .expect("run beeldbel");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// `check` on the fixture in `format`: exit 1 (the fixture fails).
fn check(lang: &str, format: &str) -> String {
    fixture(lang, &["check", ORG, "--format", format], 1)
}

macro_rules! snapshot {
    ($name:ident, $lang:literal, $format:literal) => {
        #[test]
        fn $name() {
            let out = check($lang, $format);
            snapshot_settings().bind(|| insta::assert_snapshot!(stringify!($name), out));
        }
    };
}

snapshot!(text_nl, "nl", "text");
snapshot!(text_en, "en", "text");
snapshot!(json, "nl", "json");
snapshot!(markdown_nl, "nl", "markdown");
snapshot!(html_nl, "nl", "html");
snapshot!(junit_nl, "nl", "junit");
snapshot!(sarif_en, "en", "sarif");
snapshot!(oscal_nl, "nl", "oscal");

/// The fixture gives every state once: the snapshots above show each kind of line.
#[test]
fn the_fixture_takes_every_state() {
    let report: serde_json::Value = common::report_value(&check("nl", "json"));
    let mut states: Vec<&str> = common::outcomes(&report)
        .iter()
        .map(|o| o["state"].as_str().unwrap())
        .collect();
    states.sort();
    states.dedup();
    assert_eq!(
        states,
        ["fail", "not_applicable", "pass", "unknown", "waived"],
        "one outcome per state"
    );
}

#[test]
fn dpia_markdown_nl() {
    let md = fixture("nl", &["dpia", ORG, "--format", "markdown"], 0);
    snapshot_settings().bind(|| insta::assert_snapshot!("dpia_markdown_nl", md));
}

#[test]
fn channels_text_nl() {
    let text = fixture("nl", &["channels"], 0);
    snapshot_settings().bind(|| insta::assert_snapshot!("channels_text_nl", text));
}
