//! Facts overlays (`--facts FILE|DIR`), organisation-supplied facts (`[deployments.facts]`),
//! source kinds and `platforms --export`: what an FG or a register sees when they add or correct
//! a fact. The fixture (tests/data/overlays/) is a fictional platform, a two-requirement policy
//! and an organisation with two deployments of one edition.

mod common;

use std::path::{Path, PathBuf};

use common::{Run, outcome, run};
use serde_json::Value;

const D: &str = "tests/data/overlays";

/// `--policy` and `--platforms` of the fixture.
fn fixture() -> Vec<String> {
    vec![
        "--policy".into(),
        format!("{D}/policy.toml"),
        "--platforms".into(),
        format!("{D}/catalogue"),
    ]
}

/// `check org.toml` on the fixture with `extra` arguments (overlays, format, …).
fn check(extra: &[&str]) -> Run {
    // Global flags (--facts, --lang) may follow the command.
    let mut args: Vec<String> = fixture();
    args.extend(["check".into(), format!("{D}/org.toml")]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

fn check_json(extra: &[&str]) -> Value {
    let mut args = extra.to_vec();
    args.extend(["--format", "json"]);
    let r = check(&args);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    r.report()
}

/// The evidence on `attribute` of an outcome.
fn evidence<'a>(o: &'a Value, attribute: &str) -> &'a Value {
    o["evidence"]
        .as_array()
        .and_then(|v| v.iter().find(|e| e["attribute"] == attribute))
        .unwrap_or_else(|| panic!("no evidence on {attribute}: {o:#}"))
}

fn sha256(path: &str) -> String {
    use sha2::Digest;
    let bytes = std::fs::read(common::root().join(path)).expect("read");
    sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `text` as `name` in `dir`; the path as a string.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write");
    p.display().to_string()
}

#[test]
fn an_overlay_corrects_a_fact_and_keeps_what_it_replaced() {
    let fg = format!("{D}/fg-contract.toml");
    let before = check_json(&[]);
    let o = outcome(&before, "OVL-VWO-01", "ander");
    assert_eq!(o["state"], "fail");
    assert_eq!(
        evidence(o, "processor_agreement")["origin"]["kind"],
        "catalogue"
    );

    let after = check_json(&["--facts", &fg]);
    let o = outcome(&after, "OVL-VWO-01", "ander");
    assert_eq!(o["state"], "pass", "the overlay's contract decides: {o:#}");
    let e = evidence(o, "processor_agreement");
    assert_eq!(e["value"], true);
    assert_eq!(e["origin"]["kind"], "overlay");
    assert_eq!(e["origin"]["file"], fg.as_str());
    assert_eq!(e["source"]["kind"], "contract");
    assert_eq!(e["source"]["reference"], "art. 3.1");
    assert_eq!(e["source"]["reviewer"], "J. de Vries (FG)");
    assert!(
        e["source"].get("url").is_none(),
        "a contract has no link: {e:#}"
    );
    assert_eq!(
        e["note"]["en"],
        "art. 3.1: BelZaak processes only on instructions"
    );
    // What it corrected: the catalogue's value and source.
    assert_eq!(e["replaced"]["value"], false);
    assert_eq!(
        e["replaced"]["source_title"],
        "BelZaak voorwaarden (fictief)"
    );
    assert_eq!(e["replaced"]["origin"]["kind"], "catalogue");
    assert_eq!(after["catalogue"]["overlays"][0]["file"], fg.as_str());
}

#[test]
fn the_provenance_lists_every_overlay_with_its_sha256() {
    let (fg, reg) = (
        format!("{D}/fg-contract.toml"),
        format!("{D}/register.toml"),
    );
    let report = check_json(&["--facts", &fg, "--facts", &reg]);
    let overlays = report["catalogue"]["overlays"].as_array().unwrap();
    assert_eq!(overlays.len(), 2);
    assert_eq!(overlays[0]["file"], fg.as_str());
    assert_eq!(overlays[0]["sha256"], sha256(&fg).as_str());
    assert_eq!(overlays[1]["file"], reg.as_str());
    assert_eq!(overlays[1]["sha256"], sha256(&reg).as_str());

    for (format, words) in [
        ("text", "overlay (--facts)"),
        ("markdown", "overlays (--facts)"),
        ("html", "overlays (--facts)"),
    ] {
        let r = check(&[
            "--lang", "en", "--facts", &fg, "--facts", &reg, "--format", format,
        ]);
        assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
        let prov = r
            .stdout
            .rsplit_once("Provenance")
            .map(|(_, p)| p)
            .unwrap_or_else(|| panic!("{format}: no provenance section\n{}", r.stdout));
        for (file, hash) in [(&fg, sha256(&fg)), (&reg, sha256(&reg))] {
            // HTML escapes the slashes of a path.
            let shown = if format == "html" {
                file.replace('/', "&#x2f;")
            } else {
                file.clone()
            };
            assert!(
                prov.contains(&shown) && prov.contains(&hash) && prov.contains(words),
                "{format}: provenance lacks {file} {hash}:\n{prov}"
            );
        }
    }
}

#[test]
fn organisation_facts_override_the_catalogue_for_their_deployment_only() {
    let report = check_json(&[]);
    let own = outcome(&report, "OVL-VWO-01", "eigen");
    assert_eq!(own["state"], "pass", "{own:#}");
    let e = evidence(own, "processor_agreement");
    assert_eq!(e["origin"]["kind"], "organisation");
    assert_eq!(e["origin"]["file"], format!("{D}/org.toml").as_str());
    assert_eq!(e["source"]["kind"], "contract");
    assert_eq!(e["source"]["checked"], "2026-09-20");
    assert_eq!(e["replaced"]["value"], false);

    let other = outcome(&report, "OVL-VWO-01", "ander");
    assert_eq!(other["state"], "fail", "{other:#}");
    assert_eq!(evidence(other, "processor_agreement")["value"], false);

    // The organisation's fact wins over an overlay too, and keeps the overlay's as replaced.
    let fg = format!("{D}/fg-contract.toml");
    let report = check_json(&["--facts", &fg]);
    let e = evidence(
        outcome(&report, "OVL-VWO-01", "eigen"),
        "processor_agreement",
    );
    assert_eq!(e["origin"]["kind"], "organisation");
    assert_eq!(e["replaced"]["origin"]["kind"], "overlay");
    assert_eq!(e["replaced"]["origin"]["file"], fg.as_str());
}

#[test]
fn a_folder_of_overlays_applies_in_name_order() {
    let report = check_json(&["--facts", &format!("{D}/dir")]);
    let overlays: Vec<&str> = report["catalogue"]["overlays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        overlays,
        [
            format!("{D}/dir/10-first.toml"),
            format!("{D}/dir/20-second.toml")
        ]
    );
    // The later file replaced the earlier one (same value, another source: not a conflict).
    let mut args = fixture();
    args.extend(
        ["--facts", &format!("{D}/dir"), "platforms", "--export"]
            .iter()
            .map(|s| s.to_string()),
    );
    let out = tempfile::tempdir().unwrap();
    args.push(out.path().display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args).code(0);
    let exported = std::fs::read_to_string(out.path().join("belzaak.toml")).unwrap();
    let gratis = exported
        .split("[editions.gratis.attributes]")
        .nth(1)
        .unwrap();
    assert!(
        gratis.contains("# from overlay tests/data/overlays/dir/20-second.toml; it replaced true (source: Toets A)"),
        "{exported}"
    );
}

/// Runs `check` on the fixture with `overlays` and `--output`; asserts exit 2, that nothing was
/// written and that stderr has `code` at `place` (`file:line:col`). Returns stderr.
fn refused(overlays: &[&str], code: &str, place: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.json");
    let mut extra: Vec<&str> = Vec::new();
    for o in overlays {
        extra.extend(["--facts", o]);
    }
    let output_s = output.display().to_string();
    extra.extend(["--lang", "en", "--format", "json", "--output", &output_s]);
    let r = check(&extra);
    r.code(2);
    assert!(!output.exists(), "nothing is written on bad input");
    assert!(
        r.stderr.contains(&format!("error[{code}]")) && r.stderr.contains(place),
        "expected {code} at {place}:\n{}",
        r.stderr
    );
    r.stderr
}

#[test]
fn every_overlay_error_names_file_line_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let f = write(d, "platform.toml", "id = \"belzak\"\n");
    let e = refused(&[&f], "BB030", &format!("{f}:1:6"));
    assert!(e.contains("did you mean \"belzaak\"?"), "{e}");

    let f = write(
        d,
        "edition.toml",
        "id = \"belzaak\"\n[editions.zakelijke.attributes]\nstatus = \"active\"\n",
    );
    let e = refused(&[&f], "BB030", &format!("{f}:2:11"));
    assert!(e.contains("did you mean \"zakelijk\"?"), "{e}");

    let f = write(
        d,
        "attribute.toml",
        "id = \"belzaak\"\n[editions.zakelijk.attributes]\nprocessor_agreemnt = true\n",
    );
    let e = refused(&[&f], "BB002", &format!("{f}:3:1"));
    assert!(
        e.contains("processor_agreement"),
        "the nearest is suggested: {e}"
    );

    let f = write(
        d,
        "type.toml",
        "id = \"belzaak\"\n[editions.zakelijk.attributes]\nprocessor_agreement = { value = \"yes\" }\n",
    );
    refused(&[&f], "BB003", &format!("{f}:3:33"));

    let f = write(
        d,
        "source.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = true, source = \"iso\" }\n[sources.isoo]\nkind = \"certificate\"\ntitle = \"x\"\nchecked = 2026-01-01\n",
    );
    let e = refused(&[&f], "BB031", &format!("{f}:3:42"));
    assert!(e.contains("did you mean \"isoo\"?"), "{e}");

    let f = write(
        d,
        "web.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = true, source = \"w\" }\n[sources.w]\ntitle = \"A web page without an address\"\nchecked = 2026-01-01\n",
    );
    refused(&[&f], "BB007", &format!("{f}:4:10"));

    let f = write(
        d,
        "checked.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = true, source = \"c\" }\n[sources.c]\nkind = \"certificate\"\ntitle = \"A certificate\"\n",
    );
    refused(&[&f], "BB007", &format!("{f}:4:1"));

    let f = write(
        d,
        "hash.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = true, source = \"c\" }\n[sources.c]\nkind = \"certificate\"\ntitle = \"A certificate\"\ndocument = \"cert.pdf\"\nchecked = 2026-01-01\n",
    );
    refused(&[&f], "BB007", &format!("{f}:7:12"));
}

#[test]
fn a_document_is_checked_against_its_sha256_when_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("cert.pdf"), b"%PDF certificate").unwrap();
    let right = {
        use sha2::Digest;
        sha2::Sha256::digest(b"%PDF certificate")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let overlay = |hash: &str| {
        format!(
            "id = \"belzaak\"\n[attributes]\ncert_iso27001 = {{ value = true, source = \"c\" }}\n[sources.c]\nkind = \"certificate\"\ntitle = \"A certificate\"\ndocument = \"cert.pdf\"\nsha256 = \"{hash}\"\nchecked = 2026-01-01\n"
        )
    };
    let good = write(d, "good.toml", &overlay(&right));
    let report = check_json(&["--facts", &good]);
    let e = evidence(outcome(&report, "OVL-CERT-01", "ander"), "cert_iso27001");
    assert_eq!(e["source"]["sha256"], right.as_str());
    assert_eq!(e["source"]["document"], "cert.pdf");

    let bad = write(d, "bad.toml", &overlay(&"0".repeat(64)));
    let e = refused(&[&bad], "BB035", &format!("{bad}:8:10"));
    assert!(e.contains(&right), "the actual hash is named: {e}");

    let short = write(d, "short.toml", &overlay("abc"));
    refused(&[&short], "BB008", &format!("{short}:8:10"));
}

#[test]
fn two_overlays_that_disagree_are_an_error_naming_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let other = write(
        dir.path(),
        "other.toml",
        "id = \"belzaak\"\n\n[editions.zakelijk.attributes]\nprocessor_agreement = { value = false, source = \"x\" }\n\n[sources.x]\nkind = \"assessment\"\ntitle = \"Toets X\"\nchecked = 2026-11-01\n",
    );
    let fg = format!("{D}/fg-contract.toml");
    let e = refused(&[&fg, &other], "BB033", &format!("{other}:4:1"));
    assert!(
        e.contains(&format!("also set in {fg}:5:1")) && e.contains("false here but true"),
        "{e}"
    );
}

#[test]
fn a_fact_that_changes_nothing_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let same = write(
        dir.path(),
        "same.toml",
        "id = \"belzaak\"\n[editions.gratis.attributes]\nprocessor_agreement = { value = false, source = \"voorwaarden\" }\n[sources.voorwaarden]\ntitle = \"BelZaak voorwaarden (fictief)\"\nurl = \"https://belzaak.example/voorwaarden\"\nchecked = 2026-10-01\n",
    );
    let r = check(&["--lang", "en", "--facts", &same]);
    assert!(
        matches!(r.code, Some(0 | 1)),
        "a warning only: {}",
        r.show()
    );
    assert!(
        r.stderr.contains("warning[BB034]") && r.stderr.contains(&format!("{same}:3:1")),
        "{}",
        r.stderr
    );
}

#[test]
fn organisation_fact_errors_name_the_organisation_file() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::read_to_string(common::root().join(D).join("org.toml")).unwrap();
    let bad = org.replace(
        "processor_agreement = { value = true, source = \"vwo-eigen\"",
        "processor_agreement = { value = true, source = \"vwo-eign\"",
    );
    let f = write(dir.path(), "org.toml", &bad);
    let mut args = fixture();
    args.extend(["--lang", "en", "check", &f].iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    r.code(2);
    assert!(
        r.stderr.contains("error[BB031]")
            && r.stderr.contains(&format!("{f}:15:"))
            && r.stderr.contains("did you mean \"vwo-eigen\"?"),
        "{}",
        r.stderr
    );
    let bad = org.replace(
        "processor_agreement = { value = true",
        "processor_agreemnt = { value = true",
    );
    let f = write(dir.path(), "org2.toml", &bad);
    let mut args = fixture();
    args.extend(["--lang", "en", "check", &f].iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    r.code(2);
    assert!(
        r.stderr.contains("error[BB002]") && r.stderr.contains(&format!("{f}:15:1")),
        "{}",
        r.stderr
    );
}

#[test]
fn a_certificate_or_contract_is_cited_by_kind_and_reference_in_the_text_report() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "not-certified.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = false, source = \"cert\" }\n[sources.cert]\nkind = \"certificate\"\ntitle = \"Scope statement BelZaak\"\nreference = \"p. 2\"\nreviewer = \"SRA\"\nchecked = 2026-11-01\n",
    );
    for (lang, words) in [
        ("en", "certificate, p. 2, reviewed by SRA"),
        ("nl", "certificaat, p. 2, beoordeeld door SRA"),
    ] {
        let r = check(&["--lang", lang, "--facts", &f]);
        r.code(1);
        assert!(
            r.stdout.contains("Scope statement BelZaak") && r.stdout.contains(words),
            "{lang}: {}",
            r.stdout
        );
        assert!(!r.stdout.contains("https://belzaak.example/cert"));
    }
}

#[test]
fn names_and_notes_follow_the_language_of_the_run() {
    let en = check(&["--lang", "en"]);
    assert!(
        en.stdout.contains("CallCase — CallCase Business"),
        "{}",
        en.stdout
    );
    let nl = check(&["--lang", "nl"]);
    assert!(
        nl.stdout.contains("BelZaak — BelZaak Zakelijk"),
        "{}",
        nl.stdout
    );
    let explain = |lang: &str| {
        let mut args = fixture();
        args.extend(
            ["--lang", lang, "explain", "belzaak"]
                .iter()
                .map(|s| s.to_string()),
        );
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args);
        r.code(0);
        r.stdout
    };
    let (en, nl) = (explain("en"), explain("nl"));
    assert!(
        en.contains("CallCase") && en.contains("Only consumer terms found."),
        "{en}"
    );
    assert!(
        nl.contains("BelZaak Zakelijk") && nl.contains("Alleen consumentenvoorwaarden gevonden."),
        "{nl}"
    );
}

#[test]
fn overlay_facts_go_stale_like_catalogue_facts() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        dir.path(),
        "old.toml",
        "id = \"belzaak\"\n[attributes]\ncert_iso27001 = { value = true, source = \"c\" }\n[sources.c]\nkind = \"certificate\"\ntitle = \"Old certificate\"\nchecked = 2024-01-01\n",
    );
    let report = check_json(&["--facts", &old]);
    let e = evidence(outcome(&report, "OVL-CERT-01", "ander"), "cert_iso27001");
    assert_eq!(e["stale"], true, "{e:#}");
    assert_eq!(report["catalogue"]["oldest_fact"], "2024-01-01");
}

#[test]
fn validate_checks_an_overlay_against_the_catalogue_in_use() {
    let mut args = fixture();
    args.extend(
        [
            "validate",
            &format!("{D}/fg-contract.toml"),
            &format!("{D}/register.toml"),
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args).code(0);

    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "o.toml", "id = \"belzaak\"\n[editions.pro]\n");
    let mut args = fixture();
    args.extend(
        ["--lang", "en", "validate", &f]
            .iter()
            .map(|s| s.to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    r.code(2);
    assert!(r.stderr.contains("error[BB030]") && r.stderr.contains(&format!("{f}:2:11")));
    // --facts overlays are validated too, with no file needing the catalogue.
    let mut args = fixture();
    let fg = format!("{D}/fg-contract.toml");
    args.extend(
        ["--lang", "en", "--facts", &f, "validate", &fg]
            .iter()
            .map(|s| s.to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args).code(2);
}

/// A channels list as JSON without what depends on where the facts were read: the provenance
/// and each fact's origin.
fn comparable(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("origin");
                m.remove("replaced");
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    if let Value::Object(m) = &mut v {
        m.remove("catalogue");
    }
    strip(&mut v);
    v
}

fn channels(global: &[&str]) -> Value {
    let mut args = global.to_vec();
    args.extend(["channels", "--format", "json"]);
    let r = run(&args);
    r.code(0);
    r.json()
}

fn export(global: &[&str], dir: &Path, force: bool) -> Run {
    let mut args = global.to_vec();
    let d = dir.display().to_string();
    args.extend(["platforms", "--export", &d]);
    if force {
        args.push("--force");
    }
    run(&args)
}

#[test]
fn the_embedded_catalogue_exports_and_loads_back_the_same() {
    let out = tempfile::tempdir().unwrap();
    let dir: PathBuf = out.path().join("catalogus");
    export(&[], &dir, false).code(0);
    let n = std::fs::read_dir(&dir).unwrap().count();
    assert!(n >= 10, "one file per platform: {n}");
    let d = dir.display().to_string();
    let back = channels(&["--platforms", &d]);
    assert_eq!(comparable(channels(&[])), comparable(back));
    // Loading the export gives no diagnostics at all (no unused source, no unknown key).
    let r = run(&["--platforms", &d, "platforms"]);
    r.code(0);
    assert_eq!(r.stderr, "", "{}", r.stderr);
}

#[test]
fn an_export_with_overlays_holds_their_facts_and_loads_back_the_same() {
    let fg = format!("{D}/fg-contract.toml");
    let reg = format!("{D}/register.toml");
    let mut global: Vec<String> = fixture();
    global.extend(["--facts".into(), fg.clone(), "--facts".into(), reg.clone()]);
    let global: Vec<&str> = global.iter().map(String::as_str).collect();
    let out = tempfile::tempdir().unwrap();
    export(&global, out.path(), false).code(0);
    let text = std::fs::read_to_string(out.path().join("belzaak.toml")).unwrap();
    assert!(text.contains("kind = \"contract\"") && text.contains("reference = \"art. 3.1\""));
    assert!(
        text.contains("name = { nl = \"BelZaak\", en = \"CallCase\" }"),
        "{text}"
    );
    assert!(
        text.contains(&format!("# from overlay {fg}; it replaced false")),
        "{text}"
    );

    let d = out.path().display().to_string();
    let back = channels(&["--policy", &format!("{D}/policy.toml"), "--platforms", &d]);
    assert_eq!(comparable(channels(&global)), comparable(back));

    // The files exist now: not replaced without --force, and nothing is written.
    let before = std::fs::read_to_string(out.path().join("belzaak.toml")).unwrap();
    let r = export(
        &fixture().iter().map(String::as_str).collect::<Vec<_>>(),
        out.path(),
        false,
    );
    r.code(2);
    assert!(r.stderr.contains("BB076"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(out.path().join("belzaak.toml")).unwrap(),
        before
    );
    export(
        &fixture().iter().map(String::as_str).collect::<Vec<_>>(),
        out.path(),
        true,
    )
    .code(0);
    let after = std::fs::read_to_string(out.path().join("belzaak.toml")).unwrap();
    assert!(
        !after.contains("# from overlay"),
        "--force replaced it: {after}"
    );
}
