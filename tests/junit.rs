//! `check --format junit`: every document is well-formed XML that validates against the Jenkins
//! xUnit JUnit schema (vendored in `tests/schemas/junit-10.xsd`, see its README) with
//! `xmllint`; its counts match the JSON report; each state maps to the JUnit element a CI tool
//! shows; hostile strings are escaped and come back unchanged when the XML is parsed.
//!
//! These tests need `xmllint` (Debian/Ubuntu: `libxml2-utils`). Without it they fail, saying so.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use common::{
    ERROR_POLICY, EXAMPLES, HOSTILE_ORG, HOSTILE_POLICY, TODAY, bb, outcomes, report, root,
};

const XSD: &str = "tests/schemas/junit-10.xsd";

fn json(global: &[&str], file: &str) -> Value {
    let stdout = report(global, file, "json");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{stdout}"))
}

/// The JUnit XML of `file`, written to a temporary file for xmllint.
struct Xml {
    text: String,
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Xml {
    fn new(text: String) -> Xml {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("junit.xml");
        std::fs::write(&path, &text).expect("write the XML");
        Xml {
            text,
            _dir: dir,
            path,
        }
    }

    /// The string value of an XPath 1.0 expression, as libxml2 evaluates it.
    fn xpath(&self, expr: &str) -> String {
        let out = xmllint(&["--xpath", expr, path_str(&self.path)]);
        assert!(
            out.status.success(),
            "xmllint --xpath {expr:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.text
        );
        let mut s = String::from_utf8(out.stdout).expect("xmllint output is UTF-8");
        // xmllint ends its output with a newline of its own.
        if s.ends_with('\n') {
            s.pop();
        }
        s
    }

    /// The number an XPath expression (a count, an attribute) gives.
    fn number(&self, expr: &str) -> usize {
        let s = self.xpath(&format!("number({expr})"));
        s.parse()
            .unwrap_or_else(|_| panic!("{expr} is not a number: {s:?}"))
    }
}

fn junit(global: &[&str], file: &str) -> Xml {
    Xml::new(report(global, file, "junit"))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Runs xmllint; if it is not installed the test fails here, saying what to install.
fn xmllint(args: &[&str]) -> Output {
    match Command::new("xmllint").args(args).output() {
        Ok(out) => out,
        Err(e) => panic!(
            "xmllint is needed to validate the JUnit XML but could not be run ({e}); \
             install it (Debian/Ubuntu: `apt-get install libxml2-utils`)"
        ),
    }
}

/// Validates the file at `path` against the vendored Jenkins JUnit schema.
fn validate(path: &Path) -> Result<(), String> {
    let xsd = root().join(XSD);
    assert!(xsd.is_file(), "{XSD} is missing");
    let out = xmllint(&["--noout", "--schema", path_str(&xsd), path_str(path)]);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn assert_valid(xml: &Xml, what: &str) {
    if let Err(e) = validate(&xml.path) {
        panic!(
            "the JUnit XML of {what} does not validate against {XSD}:\n{e}\n{}",
            xml.text
        );
    }
}

/// The XPath of the test case of `requirement` for `subject` (ids and subjects need no quoting).
fn case(requirement: &str, subject: &str) -> String {
    format!("/testsuites/testsuite/testcase[starts-with(@name, '{requirement} [{subject}] ')]")
}

// =============================================================================================
// The schema.

#[test]
fn junit_of_every_example_and_the_hostile_fixture_validates_against_the_xsd() {
    for file in EXAMPLES {
        let xml = junit(&[], file);
        assert!(
            xml.text
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
            "{}",
            xml.text
        );
        assert_valid(&xml, file);
    }
    assert_valid(
        &junit(&["--policy", HOSTILE_POLICY], HOSTILE_ORG),
        HOSTILE_ORG,
    );
    assert_valid(
        &junit(&["--lang", "en"], "docs/examples/arbodienst.toml"),
        "arbodienst.toml (--lang en)",
    );
}

/// The schema check is not a rubber stamp: documents that break the schema are rejected.
#[test]
fn the_xsd_rejects_broken_junit() {
    let good = junit(&[], "docs/examples/zelfstandige-whatsapp.toml");
    assert_valid(&good, "zelfstandige-whatsapp.toml");

    let rejected = |text: String, what: &str| {
        let xml = Xml::new(text);
        match validate(&xml.path) {
            Ok(()) => panic!("{what} accepted:\n{}", xml.text),
            Err(e) => assert!(e.contains("fails to validate"), "{what}: {e}"),
        }
    };
    rejected(
        good.text.replacen(
            "<testcase name=\"PLAT-VWO-01 [whatsapp] Editie met verwerkersovereenkomst\" ",
            "<testcase ",
            1,
        ),
        "a testcase without a name",
    );
    rejected(
        good.text.replacen("<testsuites ", "<testrun ", 1).replacen(
            "</testsuites>",
            "</testrun>",
            1,
        ),
        "a wrong root element",
    );
    rejected(
        good.text
            .replacen("<testsuites ", "<testsuites skipped=\"4\" ", 1),
        "`skipped` on <testsuites> (not in this schema)",
    );
    rejected(
        good.text.replacen(" time=\"0\"", " time=\"zero\"", 1),
        "a non-numeric time",
    );
}

// =============================================================================================
// What a CI user notices.

/// `tests`, `failures`, `errors` and `skipped` match the JSON report's counts, on the suite and
/// the root, and as elements.
#[test]
fn counts_match_the_json_report() {
    for file in EXAMPLES {
        let json = json(&[], file);
        let org = &json["organisations"][0];
        let c = &org["counts"];
        let n = |k: &str| c[k].as_u64().unwrap() as usize;
        let total = outcomes(&json).len();
        let xml = junit(&[], file);
        let suite = "/testsuites/testsuite";
        assert_eq!(xml.number(&format!("count({suite})")), 1, "{file}");
        assert_eq!(xml.xpath(&format!("string({suite}/@name)")), org["name"]);
        assert_eq!(xml.xpath(&format!("string({suite}/@file)")), file);
        for at in ["/testsuites", suite] {
            assert_eq!(xml.number(&format!("{at}/@tests")), total, "{file} {at}");
            assert_eq!(
                xml.number(&format!("{at}/@failures")),
                n("fail") + n("unknown"),
                "{file} {at}"
            );
            assert_eq!(xml.number(&format!("{at}/@errors")), n("error"), "{file}");
            assert_eq!(xml.xpath(&format!("string({at}/@time)")), "0");
        }
        assert_eq!(
            xml.number(&format!("{suite}/@skipped")),
            n("waived") + n("not_applicable"),
            "{file}"
        );
        assert_eq!(xml.number("count(//testcase)"), total, "{file}");
        assert_eq!(xml.number("count(//testcase[@time='0'])"), total, "{file}");
        assert_eq!(
            xml.number("count(//failure[@type='fail'])"),
            n("fail"),
            "{file}"
        );
        assert_eq!(
            xml.number("count(//failure[@type='unknown'])"),
            n("unknown"),
            "{file}"
        );
        assert_eq!(xml.number("count(//error)"), n("error"), "{file}");
        assert_eq!(
            xml.number("count(//skipped)"),
            n("waived") + n("not_applicable"),
            "{file}"
        );
        assert_eq!(
            xml.number("count(//testcase[not(*)])"),
            n("pass"),
            "{file}: passes are plain test cases"
        );
    }
}

/// Two organisation files in one check: two suites, and the root adds them up.
#[test]
fn several_files_are_several_suites() {
    let out = bb()
        .args([
            "check",
            "docs/examples/arbodienst.toml",
            "docs/examples/reintegratie-onvolledig.toml",
            "--format",
            "junit",
        ])
        .output()
        .expect("run beeldbel");
    let xml = Xml::new(String::from_utf8(out.stdout).unwrap());
    assert_valid(&xml, "two organisation files");
    assert_eq!(xml.number("count(/testsuites/testsuite)"), 2);
    assert_eq!(
        xml.xpath("string(/testsuites/testsuite[1]/@file)"),
        "docs/examples/arbodienst.toml"
    );
    assert_eq!(
        xml.xpath("string(/testsuites/testsuite[2]/@file)"),
        "docs/examples/reintegratie-onvolledig.toml"
    );
    for at in ["tests", "failures", "errors"] {
        assert_eq!(
            xml.number(&format!("/testsuites/@{at}")),
            xml.number(&format!("sum(/testsuites/testsuite/@{at})")),
            "{at}"
        );
    }
    assert_eq!(xml.number("/testsuites/@failures"), 5);
}

/// Every outcome is a test case named `ID [subject] title` with the element its state maps to.
#[test]
fn each_state_maps_to_its_junit_element() {
    for file in EXAMPLES {
        let json = json(&[], file);
        let xml = junit(&[], file);
        for o in outcomes(&json) {
            let (id, subject) = (
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
            );
            let case = case(id, subject);
            assert_eq!(
                xml.number(&format!("count({case})")),
                1,
                "{file}: {id} {subject}"
            );
            assert_eq!(
                xml.xpath(&format!("string({case}/@name)")),
                format!("{id} [{subject}] {}", o["title"]["nl"].as_str().unwrap())
            );
            let child = match o["state"].as_str().unwrap() {
                "pass" => None,
                "fail" => Some("failure[@type='fail']"),
                "unknown" => Some("failure[@type='unknown']"),
                "error" => Some("error"),
                "waived" | "not_applicable" => Some("skipped"),
                s => panic!("state {s}"),
            };
            let children = xml.number(&format!("count({case}/*)"));
            match child {
                None => assert_eq!(children, 0, "{file}: {id} {subject} passes"),
                Some(child) => {
                    assert_eq!(children, 1, "{file}: {id} {subject}");
                    assert_eq!(
                        xml.number(&format!("count({case}/{child})")),
                        1,
                        "{file}: {id} {subject} is {}",
                        o["state"]
                    );
                }
            }
        }
    }
}

/// The failure of AVG-DPIA-01 tells the CI user what is wrong, where, what to do and why.
#[test]
fn failure_body_has_message_location_remediation_and_references() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(&[], file);
    let o = outcomes(&json)
        .iter()
        .find(|o| o["requirement"] == "AVG-DPIA-01")
        .unwrap();
    let xml = junit(&[], file);
    let failure = format!("{}/failure", case("AVG-DPIA-01", "whatsapp"));
    assert_eq!(
        xml.xpath(&format!("string({failure}/@message)")),
        o["message"]["nl"]
    );
    let body = xml.xpath(&format!("string({failure})"));
    for needle in [
        "niet voldaan\n".to_string(),
        format!("Bestand: {file}:{}", o["line"]),
        format!("Wat te doen: {}", o["remediation"]["nl"].as_str().unwrap()),
        "Grondslag: AVG art. 35 lid 1; AVG art. 35 lid 3 onder b".to_string(),
        "Gegeven: dpia.status = \"not_started\"".to_string(),
    ] {
        assert!(body.contains(&needle), "body lacks {needle:?}:\n{body}");
    }
    // Evidence: fact, source URL and the date it was checked.
    let body = xml.xpath(&format!(
        "string({}/failure)",
        case("PLAT-VWO-01", "whatsapp")
    ));
    assert!(
        body.contains("Feit: whatsapp/consumer.processor_agreement = false — bron: "),
        "{body}"
    );
    assert!(body.contains("https://"), "{body}");
    assert!(body.contains("gecontroleerd 2026-11-23"), "{body}");
}

/// Unknown outcomes are failures of type `unknown` that name the missing field.
#[test]
fn unknown_failures_name_the_missing_field() {
    let file = "docs/examples/reintegratie-onvolledig.toml";
    let json = json(&[], file);
    let xml = junit(&[], file);
    for o in outcomes(&json).iter().filter(|o| o["state"] == "unknown") {
        let failure = format!(
            "{}/failure[@type='unknown']",
            case(
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap()
            )
        );
        let body = xml.xpath(&format!("string({failure})"));
        let missing: Vec<&str> = o["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap())
            .collect();
        assert!(
            body.contains(&format!("Ontbreekt: {}", missing.join(", "))),
            "{body}"
        );
    }
}

/// The accepted waiver is a skipped test case that says who accepted what, and until when; a
/// requirement that does not apply is skipped with the reason.
#[test]
fn waived_and_not_applicable_are_skipped_with_the_reason() {
    let file = "docs/examples/arbodienst.toml";
    let json = json(&[], file);
    let o = outcomes(&json)
        .iter()
        .find(|o| o["requirement"] == "PLAT-DOEL-01")
        .unwrap();
    assert_eq!(o["state"], "waived");
    let w = &o["waiver"];
    let xml = junit(&[], file);
    assert_eq!(
        xml.xpath(&format!(
            "string({}/skipped/@message)",
            case("PLAT-DOEL-01", "zoom")
        )),
        format!(
            "afwijking aanvaard: {} ({}, geldig tot {})",
            w["reason"].as_str().unwrap(),
            w["approved_by"].as_str().unwrap(),
            w["expires"].as_str().unwrap()
        )
    );
    let na = outcomes(&json)
        .iter()
        .find(|o| o["state"] == "not_applicable")
        .unwrap();
    let message = xml.xpath(&format!(
        "string({}/skipped/@message)",
        case(na["requirement"].as_str().unwrap(), "organisation")
    ));
    assert_eq!(message, na["message"]["nl"]);
    assert!(message.starts_with("niet van toepassing"), "{message}");
}

/// A check that cannot be evaluated is an `<error>`, counted in `errors`.
#[test]
fn policy_error_is_an_error_element() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("error-policy.toml");
    std::fs::write(&policy, ERROR_POLICY).unwrap();
    let global = ["--policy", path_str(&policy)];
    let xml = junit(&global, HOSTILE_ORG);
    assert_valid(&xml, "a policy with a broken check");
    assert_eq!(xml.number("/testsuites/@errors"), 1);
    assert_eq!(xml.number("/testsuites/testsuite/@errors"), 1);
    assert_eq!(xml.number("/testsuites/testsuite/@failures"), 0);
    let error = format!(
        "{}/error[@type='error']",
        case("ERR-ORG-01", "organisation")
    );
    assert_eq!(xml.number(&format!("count({error})")), 1, "{}", xml.text);
    let message = xml.xpath(&format!("string({error}/@message)"));
    assert!(message.contains("fout in het beleid"), "{message}");
}

/// Provenance is in the suite's properties.
#[test]
fn provenance_is_in_the_properties() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(&[], file);
    let xml = junit(&[], file);
    let prop = |name: &str| {
        xml.xpath(&format!(
            "string(/testsuites/testsuite/properties/property[@name='{name}']/@value)"
        ))
    };
    let s = |v: &Value| v.as_str().unwrap().to_string();
    assert_eq!(prop("beeldbel.version"), s(&json["tool"]["version"]));
    assert_eq!(prop("policy.id"), s(&json["policy"]["id"]));
    assert_eq!(prop("policy.version"), s(&json["policy"]["version"]));
    assert_eq!(prop("policy.sha256"), s(&json["policy"]["sha256"]));
    assert_eq!(prop("catalogue.sha256"), s(&json["catalogue"]["sha256"]));
    assert_eq!(
        prop("catalogue.oldest_fact"),
        s(&json["catalogue"]["oldest_fact"])
    );
    assert_eq!(
        prop("organisation.sha256"),
        s(&json["organisations"][0]["sha256"])
    );
    assert_eq!(prop("evaluated_on"), TODAY);
    assert_eq!(prop("fail_on"), s(&json["fail_on"]));
}

// =============================================================================================
// Hostile strings.

/// The organisation name (`<script>`, `]]>`, `-->`, quotes, a newline) and the requirement texts
/// (`&`, `<`, quotes) are escaped: the XML is well-formed, no markup leaks, and parsing it back
/// gives the original strings.
#[test]
fn hostile_strings_are_escaped_and_round_trip() {
    let global = ["--policy", HOSTILE_POLICY];
    let json = json(&global, HOSTILE_ORG);
    let xml = junit(&global, HOSTILE_ORG);
    let out = xmllint(&["--noout", path_str(&xml.path)]);
    assert!(
        out.status.success(),
        "not well-formed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        xml.text
    );
    for leak in ["<script>", "<img", "<b>", "<a href", "<!--", "]]>", "<een>"] {
        assert!(
            !xml.text.contains(leak),
            "{leak} not escaped:\n{}",
            xml.text
        );
    }

    let name = json["organisations"][0]["name"].as_str().unwrap();
    assert_eq!(
        name,
        "<script>alert(1)</script> & Zonen \"BV\" | pipe 'quote' ]]> --> *nadruk* `code`\ntweede regel"
    );
    assert_eq!(xml.xpath("string(/testsuites/testsuite/@name)"), name);
    assert_eq!(
        xml.xpath("string(/testsuites/@name)"),
        "beeldbel hostile-<policy> 1 & \"2\""
    );
    for o in outcomes(&json) {
        let case = case(
            o["requirement"].as_str().unwrap(),
            o["subject"].as_str().unwrap(),
        );
        assert_eq!(
            xml.xpath(&format!("string({case}/@name)")),
            format!(
                "{} [{}] {}",
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
                o["title"]["nl"].as_str().unwrap()
            )
        );
        let body = xml.xpath(&format!("string({case}/failure)"));
        assert!(
            body.contains(o["remediation"]["nl"].as_str().unwrap()),
            "remediation not kept:\n{body}"
        );
        for r in o["references"].as_array().unwrap() {
            assert!(body.contains(r.as_str().unwrap()), "{r} not kept:\n{body}");
        }
    }
}

/// Characters XML 1.0 forbids (here NUL, BEL and ESC in the organisation name) are replaced by
/// U+FFFD, so the document stays well-formed and valid.
#[test]
fn forbidden_control_characters_are_replaced() {
    let original = std::fs::read_to_string(root().join(HOSTILE_ORG)).unwrap();
    let name_line = original.lines().find(|l| l.starts_with("name = ")).unwrap();
    let org = original.replacen(
        name_line,
        r#"name = "Nul\u0000 Bel\u0007 Esc\u001b Tab\t.""#,
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("control.toml");
    std::fs::write(&path, org).unwrap();
    let file = path_str(&path);

    let global = ["--policy", HOSTILE_POLICY];
    assert_eq!(
        json(&global, file)["organisations"][0]["name"],
        "Nul\u{0} Bel\u{7} Esc\u{1b} Tab\t."
    );
    let xml = junit(&global, file);
    assert_valid(&xml, "an organisation name with control characters");
    assert_eq!(
        xml.xpath("string(/testsuites/testsuite/@name)"),
        "Nul\u{FFFD} Bel\u{FFFD} Esc\u{FFFD} Tab\t."
    );
}
