//! `beeldbel diff OLD.json NEW.json`: what changed between two saved reports, and its exit code
//! (0 nothing got worse, 1 something did, 2 the two cannot be compared).

mod common;

use std::path::{Path, PathBuf};

use common::{ARBODIENST, EXAMPLES, REINTEGRATIE, Run, WHATSAPP, bb, root};

/// A folder with saved reports.
struct Saved {
    dir: tempfile::TempDir,
}

impl Saved {
    fn new() -> Saved {
        Saved {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A copy of the example `file` with each `(from, to)` replaced once, saved as `name`.
    fn org(&self, file: &str, name: &str, edits: &[(&str, &str)]) -> String {
        let mut text = std::fs::read_to_string(root().join(file)).expect("example");
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} not in {file}");
            text = text.replacen(from, to, 1);
        }
        let p = self.path(name);
        std::fs::write(&p, text).expect("write");
        p.to_str().expect("UTF-8").to_string()
    }

    /// `check FILES… --format json` saved as `name` (extra global flags first).
    fn report(&self, global: &[&str], files: &[&str], name: &str) -> String {
        let p = self.path(name);
        // `--today` given here replaces the fixed date.
        let mut cmd = if global.contains(&"--today") {
            common::raw()
        } else {
            bb()
        };
        let out = cmd
            .args(global)
            .arg("check")
            .args(files)
            .args(["--format", "json", "-o"])
            .arg(&p)
            .output()
            .expect("run beeldbel");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        p.to_str().expect("UTF-8").to_string()
    }
}

fn diff(args: &[&str]) -> Run {
    Run::of(bb().arg("diff").args(args).output().expect("run beeldbel"))
}

/// Re-integratie with its two gaps filled: two unknowns become passes.
const FILLED: [(&str, &str); 2] = [
    (
        "# review_due ontbreekt nog: wanneer wordt de DPIA herzien? (AVG-DPIA-02 wordt \"onbekend\")",
        "review_due = 2027-09-15",
    ),
    (
        "# telemetry_minimised ontbreekt nog: is de verzameling van diagnostische gegevens beperkt?",
        "telemetry_minimised = true",
    ),
];

#[test]
fn an_improvement_is_exit_0_and_says_what_improved() {
    let s = Saved::new();
    let old = s.report(&[], &[REINTEGRATIE], "old.json");
    let better = s.org(REINTEGRATIE, "org.toml", &FILLED);
    let new = s.report(&[], &[&better], "new.json");
    let r = diff(&[&old, &new]);
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with("Verschil: GEWIJZIGD, niets verslechterd\n"),
        "{out}"
    );
    assert!(out.contains("Oordeel: onvolledig (ongewijzigd)"), "{out}");
    assert!(out.contains("Uitkomsten die veranderden (2)"), "{out}");
    assert!(
        out.contains("▲ verbeterd AVG-DPIA-02 [midden] DPIA met advies van de FG en tijdig herzien — organisatie: ? onbekend → ✓ voldaan"),
        "{out}"
    );
    assert!(
        out.contains("▲ verbeterd PLAT-TELEM-01 [midden] Diagnostische gegevens gedocumenteerd en beperkt — zoom: ? onbekend → ✓ voldaan"),
        "{out}"
    );
    assert!(!out.contains("▼"), "nothing worse: {out}");
    // The organisation file is named on both sides, changed.
    assert!(out.contains("→ ") && out.contains("(gewijzigd)"), "{out}");
}

#[test]
fn something_worse_is_exit_1_and_comes_first() {
    let s = Saved::new();
    let old = s.report(&[], &[REINTEGRATIE], "old.json");
    let mut edits = FILLED.to_vec();
    edits.push(("mfa_enforced = true", "mfa_enforced = false"));
    let worse = s.org(REINTEGRATIE, "org.toml", &edits);
    let new = s.report(&[], &[&worse], "new.json");
    let r = diff(&[&old, &new]);
    assert_eq!(r.code, Some(1), "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(out.starts_with("Verschil: VERSLECHTERD\n"), "{out}");
    assert!(
        out.contains("Oordeel: onvolledig → voldoet niet (verslechterd)"),
        "{out}"
    );
    let worse_at = out
        .find("▼ verslechterd PLAT-AUTH-01 [midden] Meerfactorauthenticatie of SSO voor medewerkers — zoom: ✓ voldaan → ✗ niet voldaan")
        .unwrap_or_else(|| panic!("{out}"));
    let better_at = out.find("▲ verbeterd").expect("improvements listed too");
    assert!(worse_at < better_at, "worse first:\n{out}");

    // English, and from there to the filled-in file without the MFA change: better, exit 0.
    let filled = s.org(REINTEGRATIE, "filled.toml", &FILLED);
    let filled = s.report(&[], &[&filled], "filled.json");
    let r = diff(&["--lang", "en", &new, &filled]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Verdict: non-compliant → incomplete (better)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("▲ better PLAT-AUTH-01"), "{}", r.stdout);
}

#[test]
fn two_equal_reports_are_unchanged_exit_0() {
    let s = Saved::new();
    let a = s.report(&[], &[ARBODIENST], "a.json");
    let b = s.report(&[], &[ARBODIENST], "b.json");
    let r = diff(&[&a, &b]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.starts_with("Verschil: GEEN VERANDERINGEN\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Oordeel: voldoet (ongewijzigd)"));
    assert!(
        r.stdout
            .contains("geen veranderingen in uitkomsten, afwijkingen of feiten")
    );
    assert!(
        r.stdout
            .contains("ongewijzigd: hetzelfde beleid, dezelfde catalogus en drempel")
    );
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

/// A waiver withdrawn: the outcome it covered is worse (waived → unknown), the waiver listed as
/// removed; put back, it is new and the outcome better.
#[test]
fn waivers_that_come_and_go() {
    let s = Saved::new();
    let with = s.report(&[], &[ARBODIENST], "with.json");
    let text = std::fs::read_to_string(root().join(ARBODIENST)).expect("example");
    let second = text.rfind("[[waivers]]").expect("waivers");
    let org = s.path("org.toml");
    std::fs::write(&org, &text[..second]).expect("write");
    let without = s.report(&[], &[org.to_str().unwrap()], "without.json");

    let r = diff(&[&with, &without]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("PLAT-CERT-01 [midden] Onafhankelijk gecertificeerde dienst — zoom: ~ afwijking aanvaard → ? onbekend"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("− vervallen PLAT-CERT-01 (zoom) (was geldig tot 2027-02-20)"),
        "{}",
        r.stdout
    );
    let r = diff(&[&without, &with]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("+ nieuw PLAT-CERT-01 (zoom): goedgekeurd door FG, mr. A. de Boer op 2025-02-20, geldig tot 2027-02-20: Het certificaat is bij Zoom opgevraagd"),
        "{}",
        r.stdout
    );
}

/// A waiver that expired between the two reports is listed as such, and the outcome it no
/// longer covers is worse.
#[test]
fn an_expired_waiver_is_named() {
    let s = Saved::new();
    let before = s.report(&[], &[ARBODIENST], "before.json");
    let after = s.report(&["--today", "2027-03-01"], &[ARBODIENST], "after.json");
    let r = diff(&[&before, &after]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("! verlopen PLAT-DOEL-02 (zoom) (geldig tot 2027-02-20)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("PLAT-DOEL-02 [midden] Metagegevens niet voor analyse of reclame — zoom: ~ afwijking aanvaard → ? onbekend"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("2026-11-23") && r.stdout.contains("2027-03-01"));
}

/// A catalogue fact corrected by an overlay: its value and source, before and after; the
/// overlay is named under the policy and catalogue.
#[test]
fn a_fact_whose_value_and_source_changed() {
    let s = Saved::new();
    let overlay = s.path("fg.toml");
    std::fs::write(
        &overlay,
        "id = \"zoom\"\n\n[editions.business.attributes]\ntelemetry_documented = { value = false, source = \"fg-2026\" }\n\n[sources.fg-2026]\nkind = \"assessment\"\ntitle = \"Beoordeling FG 2026\"\nreviewer = \"FG\"\nchecked = 2026-11-01\n",
    )
    .expect("write");
    let old = s.report(&[], &[ARBODIENST], "old.json");
    let new = s.report(
        &["--facts", overlay.to_str().unwrap()],
        &[ARBODIENST],
        "new.json",
    );
    let r = diff(&[&old, &new]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains("zoom/business.telemetry_documented: true → false"),
        "{out}"
    );
    assert!(out.contains("bron was: Zoom Support"), "{out}");
    assert!(
        out.contains("bron nu: Beoordeling FG 2026") && out.contains("uit overlay"),
        "{out}"
    );
    assert!(out.contains("overlays (--facts): — → "), "{out}");
}

#[test]
fn reports_of_two_organisations_are_refused() {
    let s = Saved::new();
    let a = s.report(&[], &[ARBODIENST], "arbo.json");
    let w = s.report(&[], &[WHATSAPP], "whatsapp.json");
    let r = diff(&[&a, &w]);
    assert_eq!(r.code, Some(2));
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(r.stderr.contains("error[BB095]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("arbo.json") && r.stderr.contains("whatsapp.json"),
        "both files named: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Arbodienst Voorbeeld B.V."),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Arbeidsdeskundig Advies J. de Vries"),
        "{}",
        r.stderr
    );
    // The place in the new report and in the old one: file:line:col.
    assert!(r.stderr.contains("whatsapp.json:"), "{}", r.stderr);
    let located = r
        .stderr
        .lines()
        .any(|l| l.contains("arbo.json:") && l.matches(':').count() >= 3);
    assert!(located, "{}", r.stderr);
}

#[test]
fn garbage_is_refused_with_file_line_and_column() {
    let s = Saved::new();
    let good = s.report(&[], &[ARBODIENST], "good.json");
    let bad = s.path("bad.json");
    std::fs::write(&bad, "{\n  \"schema_version\": 2,\n  \"tool\": oops\n}\n").expect("write");
    let r = diff(&[&good, bad.to_str().unwrap()]);
    assert_eq!(r.code, Some(2));
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("error[BB054]"), "{}", r.stderr);
    assert!(r.stderr.contains("bad.json:3:11"), "{}", r.stderr);

    // JSON that is not a report; a report that is missing: both reported at once.
    let other = s.path("other.json");
    std::fs::write(&other, "{\"a\": 1}\n").expect("write");
    let r = diff(&[other.to_str().unwrap(), "nergens.json"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("other.json"), "{}", r.stderr);
    assert!(r.stderr.contains("nergens.json"), "{}", r.stderr);
    assert_eq!(r.stderr.matches("error[").count(), 2, "{}", r.stderr);
}

/// A report saved by an earlier beeldbel (version 2) compares with one of today (version 3):
/// the same check is no change.
#[test]
fn a_version_2_report_compares_with_a_version_3_report() {
    let s = Saved::new();
    let new = s.path("new.json");
    let now = common::raw()
        .args([
            "--today",
            "2026-12-01",
            "check",
            ARBODIENST,
            "--format",
            "json",
        ])
        .output()
        .expect("run beeldbel");
    std::fs::write(&new, &now.stdout).expect("write");
    let r = diff(&["tests/data/saved/arbodienst.v2.json", new.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn different_schema_versions_are_refused() {
    let s = Saved::new();
    let new = s.report(&[], &[ARBODIENST], "new.json");
    let text = std::fs::read_to_string(&new).expect("report");
    let old = s.path("old.json");
    // The same report as version 1 wrote it (every text in its outcome).
    let mut v1 = common::report_value(&text);
    v1["schema_version"] = 1.into();
    std::fs::write(&old, serde_json::to_string_pretty(&v1).unwrap()).expect("write");
    let r = diff(&[old.to_str().unwrap(), &new]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("error[BB097]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("old.json") && r.stderr.contains("new.json:2:3"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_json_output_has_a_documented_shape() {
    let s = Saved::new();
    let old = s.report(&[], &[REINTEGRATIE], "old.json");
    let mut edits = FILLED.to_vec();
    edits.push(("mfa_enforced = true", "mfa_enforced = false"));
    let org = s.org(REINTEGRATIE, "org.toml", &edits);
    let new = s.report(&[], &[&org], "new.json");
    let out = s.path("diff.json");
    let r = diff(&[
        &old,
        &new,
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "written to the file only");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["worse"], true);
    assert_eq!(v["old"]["report"], old.as_str());
    assert_eq!(v["new"]["report"], new.as_str());
    assert_eq!(v["verdict"]["old"], "incomplete");
    assert_eq!(v["verdict"]["new"], "non_compliant");
    assert_eq!(v["verdict"]["direction"], "worse");
    assert_eq!(v["provenance"], serde_json::json!([]));
    let org = &v["organisations"][0];
    assert_eq!(org["name"], "Re-integratie Werkt! B.V.");
    assert_eq!(org["worse"], true);
    assert_eq!(org["file_changed"], true);
    let outcomes = org["outcomes"].as_array().expect("outcomes");
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    let first = &outcomes[0];
    assert_eq!(first["requirement"], "PLAT-AUTH-01");
    assert_eq!(first["subject"], "zoom");
    assert_eq!(first["severity"], "medium");
    assert_eq!(first["old"], "pass");
    assert_eq!(first["new"], "fail");
    assert_eq!(first["direction"], "worse");
    assert_eq!(
        first["title"]["en"],
        "Multi-factor authentication or SSO for staff"
    );
    assert!(outcomes[1..].iter().all(|o| o["direction"] == "better"));
    assert_eq!(org["waivers"], serde_json::json!([]));
    assert_eq!(org["facts"], serde_json::json!([]));
}

#[test]
fn markdown_says_the_same() {
    let s = Saved::new();
    let old = s.report(&[], &[REINTEGRATIE], "old.json");
    let org = s.org(REINTEGRATIE, "org.toml", &FILLED);
    let new = s.report(&[], &[&org], "new.json");
    let r = diff(&[&old, &new, "--format", "markdown"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let md = &r.stdout;
    assert!(
        md.starts_with("# Verschil: GEWIJZIGD, niets verslechterd\n"),
        "{md}"
    );
    assert!(md.contains("\n## Re-integratie Werkt\\! B.V.\n"), "{md}");
    assert!(
        md.contains("\n### Uitkomsten die veranderden (2)\n"),
        "{md}"
    );
    assert!(md.contains("- ▲ verbeterd `AVG-DPIA-02`"), "{md}");
    assert!(md.contains("\n## Beleid en catalogus\n"), "{md}");
}

/// Batch reports on both sides: organisations are paired by name, each with its own changes;
/// batches of other organisations are refused (BB096).
#[test]
fn batches_are_paired_by_name() {
    let s = Saved::new();
    let old = s.report(&[], &EXAMPLES, "old.json");
    let org = s.org(REINTEGRATIE, "reintegratie.toml", &FILLED);
    // The same organisations, in another order, one of them improved.
    let new = s.report(&[], &[&org, WHATSAPP, ARBODIENST], "new.json");
    let r = diff(&[&old, &new]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("\n━━ ").count(),
        4,
        "3 organisations + provenance:\n{}",
        r.stdout
    );
    assert!(r.stdout.contains("▲ verbeterd AVG-DPIA-02"), "{}", r.stdout);
    assert_eq!(
        r.stdout
            .matches("geen veranderingen in uitkomsten, afwijkingen of feiten")
            .count(),
        2
    );

    let fewer = s.report(&[], &[ARBODIENST, WHATSAPP], "fewer.json");
    let r = diff(&[&old, &fewer]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("error[BB096]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("alleen in `") && r.stderr.contains("„Re-integratie Werkt! B.V.”"),
        "{}",
        r.stderr
    );
    let _ = Path::new(&fewer);
}

#[test]
fn a_policy_now_fetched_over_https_is_named_but_not_worse() {
    let s = Saved::new();
    let old = s.report(&[], &[ARBODIENST], "old.json");
    // The same report, but its policy came from a pinned URL (as `--policy https://…#sha256=`
    // records it; tests/remote.rs makes such reports against a real local server).
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&old).expect("report")).expect("JSON");
    let sha = json["policy"]["sha256"].as_str().expect("sha").to_string();
    json["policy"]["remote"] = serde_json::json!([{
        "url": "https://register.example/beleid.toml",
        "sha256": sha,
        "fetched_on": "2026-12-07T10:00:00Z"
    }]);
    let new = s.path("new.json");
    std::fs::write(&new, serde_json::to_string_pretty(&json).unwrap()).expect("write");
    let r = diff(&[&old, new.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.show());
    assert!(r.stdout.contains("bronnen via HTTPS"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(&format!("https://register.example/beleid.toml ({sha})")),
        "{}",
        r.stdout
    );
}
