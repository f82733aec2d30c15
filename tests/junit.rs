//! `check --format junit`: every document is well-formed XML (parsed here with `roxmltree`) that
//! validates against the Jenkins xUnit JUnit schema (vendored in `tests/schemas/junit-10.xsd`, see
//! its README); its counts match the JSON report; each state maps to the JUnit element a CI tool
//! shows; hostile strings are escaped and come back unchanged when the XML is parsed.
//!
//! The XML Schema check needs `xmllint` (Debian/Ubuntu: `libxml2-utils`; `.ci/run` installs it).
//! Without it that check is skipped with a note (`SKIPPED …` on the terminal) and everything else
//! still runs; `BEELDBEL_REQUIRE_TOOLS=1` makes a missing xmllint a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use roxmltree::{Document, Node};
use serde_json::Value;

use common::{
    ERROR_POLICY, EXAMPLES, HOSTILE_ORG, HOSTILE_POLICY, TODAY, bb, outcomes, outside_tool, report,
    root,
};

const XSD: &str = "tests/schemas/junit-10.xsd";

fn json(global: &[&str], file: &str) -> Value {
    let stdout = report(global, file, "json");
    common::report_value(&stdout)
}

/// A JUnit XML document; [`Xml::new`] fails the test if it is not well-formed XML.
struct Xml {
    text: String,
}

impl Xml {
    fn new(text: String) -> Xml {
        let xml = Xml { text };
        xml.doc();
        xml
    }

    /// The parsed document (namespaces, entities and character references resolved, attribute
    /// values normalised, as any XML parser gives them to a CI tool).
    fn doc(&self) -> Document<'_> {
        Document::parse(&self.text)
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{}", self.text))
    }
}

fn junit(global: &[&str], file: &str) -> Xml {
    Xml::new(report(global, file, "junit"))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------------------------------------
// Reading the document: what an XPath expression gave before, in plain Rust.

/// `/testsuites`.
fn testsuites<'a, 'i>(doc: &'a Document<'i>) -> Node<'a, 'i> {
    let root = doc.root_element();
    assert!(
        root.has_tag_name("testsuites"),
        "the root element is <{}>",
        root.tag_name().name()
    );
    root
}

/// The element children of `node` named `name`.
fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |n| n.has_tag_name(name))
}

/// `/testsuites/testsuite`.
fn suites<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    children(testsuites(doc), "testsuite").collect()
}

/// `//name`: every element `name` in the document.
fn all<'a, 'i>(doc: &'a Document<'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    doc.descendants().filter(move |n| n.has_tag_name(name))
}

/// The value of attribute `name` of `node`; the test fails if it has none.
fn attr<'a>(node: Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no attribute {name}", node.tag_name().name()))
}

/// An attribute that holds a count.
fn count_attr(node: Node, name: &str) -> usize {
    let v = attr(node, name);
    v.parse()
        .unwrap_or_else(|_| panic!("<{} {name}={v:?}> is not a count", node.tag_name().name()))
}

/// XPath's string value: the text of the node and all its descendants, in order.
fn string(node: Node) -> String {
    node.descendants().filter_map(|n| n.text()).collect()
}

/// The element children of `node`, whatever their name.
fn elements<'a, 'i>(node: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    node.children().filter(|n| n.is_element()).collect()
}

/// The one test case of `requirement` for `subject`: its name starts with `ID [subject] `.
fn case<'a, 'i>(doc: &'a Document<'i>, requirement: &str, subject: &str) -> Node<'a, 'i> {
    let prefix = format!("{requirement} [{subject}] ");
    let found: Vec<Node> = suites(doc)
        .into_iter()
        .flat_map(|s| children(s, "testcase"))
        .filter(|c| c.attribute("name").is_some_and(|n| n.starts_with(&prefix)))
        .collect();
    assert_eq!(found.len(), 1, "test cases named {prefix:?}…");
    found[0]
}

/// The one child element `name` of `node` (with `type` = `kind` if given).
fn child<'a, 'i>(node: Node<'a, 'i>, name: &str, kind: Option<&str>) -> Node<'a, 'i> {
    let found: Vec<Node> = node
        .children()
        .filter(|n| n.has_tag_name(name) && kind.is_none_or(|k| n.attribute("type") == Some(k)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "<{}> has {} <{name}> children of type {kind:?}",
        node.tag_name().name(),
        found.len()
    );
    found[0]
}

// ---------------------------------------------------------------------------------------------
// The XML Schema, checked with xmllint.

/// Validation against the vendored Jenkins JUnit schema with `xmllint`, if it is installed.
struct Xsd(Option<PathBuf>);

impl Xsd {
    /// Looks for xmllint once per test; without it the test says that the schema check is
    /// skipped (or fails, under `BEELDBEL_REQUIRE_TOOLS=1`).
    fn find() -> Xsd {
        Xsd(outside_tool(
            "xmllint",
            &format!("the validation against {XSD}"),
            "`apt-get install libxml2-utils` (Debian/Ubuntu)",
        ))
    }

    /// `Ok` if the document validates, else xmllint's complaint; `None` without xmllint.
    fn validate(&self, text: &str) -> Option<Result<(), String>> {
        let xmllint = self.0.as_ref()?;
        let xsd = root().join(XSD);
        assert!(xsd.is_file(), "{XSD} is missing");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("junit.xml");
        std::fs::write(&path, text).expect("write the XML");
        let out = Command::new(xmllint)
            .args(["--noout", "--schema", path_str(&xsd), path_str(&path)])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", xmllint.display()));
        Some(if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        })
    }

    fn assert_valid(&self, xml: &Xml, what: &str) {
        if let Some(Err(e)) = self.validate(&xml.text) {
            panic!(
                "the JUnit XML of {what} does not validate against {XSD}:\n{e}\n{}",
                xml.text
            );
        }
    }
}

// =============================================================================================
// The schema.

#[test]
fn junit_of_every_example_and_the_hostile_fixture_validates_against_the_xsd() {
    let xsd = Xsd::find();
    for file in EXAMPLES {
        let xml = junit(&[], file);
        assert!(
            xml.text
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "),
            "{}",
            xml.text
        );
        xsd.assert_valid(&xml, file);
    }
    xsd.assert_valid(
        &junit(&["--policy", HOSTILE_POLICY], HOSTILE_ORG),
        HOSTILE_ORG,
    );
    xsd.assert_valid(
        &junit(&["--lang", "en"], "docs/examples/arbodienst.toml"),
        "arbodienst.toml (--lang en)",
    );
}

/// The schema check is not a rubber stamp: documents that break the schema are rejected.
#[test]
fn the_xsd_rejects_broken_junit() {
    let xsd = Xsd::find();
    let good = junit(&[], "docs/examples/zelfstandige-whatsapp.toml");
    if xsd.validate(&good.text).is_none() {
        return;
    }
    xsd.assert_valid(&good, "zelfstandige-whatsapp.toml");

    let rejected = |text: String, what: &str| match xsd.validate(&text) {
        Some(Ok(())) => panic!("{what} accepted:\n{text}"),
        Some(Err(e)) => assert!(e.contains("fails to validate"), "{what}: {e}"),
        None => unreachable!("xmllint was found"),
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

/// The XML parser is not a rubber stamp either: what is not well-formed is refused.
#[test]
fn the_parser_rejects_xml_that_is_not_well_formed() {
    let good = report(&[], "docs/examples/zelfstandige-whatsapp.toml", "junit");
    for (what, bad) in [
        ("a raw <", good.replacen("Editie met", "Editie < met", 1)),
        ("a raw &", good.replacen("Editie met", "Editie & met", 1)),
        ("an unclosed element", good.replacen("</testsuites>", "", 1)),
        (
            "misnested elements",
            good.replacen("</testsuite>", "</testsuites></testsuite>", 1),
        ),
    ] {
        assert_ne!(bad, good, "{what}: the edit changed nothing");
        assert!(Document::parse(&bad).is_err(), "{what} parsed");
    }
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
        let doc = xml.doc();
        let suites = suites(&doc);
        assert_eq!(suites.len(), 1, "{file}");
        let suite = suites[0];
        assert_eq!(attr(suite, "name"), org["name"]);
        assert_eq!(attr(suite, "file"), file);
        for at in [testsuites(&doc), suite] {
            let what = format!("{file} <{}>", at.tag_name().name());
            assert_eq!(count_attr(at, "tests"), total, "{what}");
            assert_eq!(
                count_attr(at, "failures"),
                n("fail") + n("unknown"),
                "{what}"
            );
            assert_eq!(count_attr(at, "errors"), n("error"), "{what}");
            assert_eq!(attr(at, "time"), "0", "{what}");
        }
        assert_eq!(
            count_attr(suite, "skipped"),
            n("waived") + n("not_applicable"),
            "{file}"
        );
        let cases: Vec<Node> = all(&doc, "testcase").collect();
        assert_eq!(cases.len(), total, "{file}");
        assert!(
            cases.iter().all(|c| c.attribute("time") == Some("0")),
            "{file}: every test case has time=\"0\""
        );
        let failures = |kind: &str| {
            all(&doc, "failure")
                .filter(|f| f.attribute("type") == Some(kind))
                .count()
        };
        assert_eq!(failures("fail"), n("fail"), "{file}");
        assert_eq!(failures("unknown"), n("unknown"), "{file}");
        assert_eq!(all(&doc, "error").count(), n("error"), "{file}");
        assert_eq!(
            all(&doc, "skipped").count(),
            n("waived") + n("not_applicable"),
            "{file}"
        );
        assert_eq!(
            cases.iter().filter(|c| elements(**c).is_empty()).count(),
            n("pass"),
            "{file}: passes are plain test cases"
        );
    }
}

/// Two organisation files in one check: two suites, and the root adds them up.
#[test]
fn several_files_are_several_suites() {
    let xsd = Xsd::find();
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
    xsd.assert_valid(&xml, "two organisation files");
    let doc = xml.doc();
    let suites = suites(&doc);
    assert_eq!(suites.len(), 2);
    assert_eq!(attr(suites[0], "file"), "docs/examples/arbodienst.toml");
    assert_eq!(
        attr(suites[1], "file"),
        "docs/examples/reintegratie-onvolledig.toml"
    );
    for at in ["tests", "failures", "errors"] {
        assert_eq!(
            count_attr(testsuites(&doc), at),
            suites.iter().map(|s| count_attr(*s, at)).sum::<usize>(),
            "{at}"
        );
    }
    // reintegratie-onvolledig: every unknown is a failure (arbodienst has none).
    let unknowns =
        json(&[], "docs/examples/reintegratie-onvolledig.toml")["organisations"][0]["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["state"] == "unknown" || o["state"] == "fail")
            .count();
    assert!(unknowns >= 5, "{unknowns}");
    assert_eq!(count_attr(testsuites(&doc), "failures"), unknowns);
}

/// Every outcome is a test case named `ID [subject] title` with the element its state maps to.
#[test]
fn each_state_maps_to_its_junit_element() {
    for file in EXAMPLES {
        let json = json(&[], file);
        let xml = junit(&[], file);
        let doc = xml.doc();
        for o in outcomes(&json) {
            let (id, subject) = (
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
            );
            let case = case(&doc, id, subject);
            assert_eq!(
                attr(case, "name"),
                format!("{id} [{subject}] {}", o["title"]["nl"].as_str().unwrap())
            );
            let child = match o["state"].as_str().unwrap() {
                "pass" => None,
                "fail" => Some(("failure", Some("fail"))),
                "unknown" => Some(("failure", Some("unknown"))),
                "error" => Some(("error", None)),
                "waived" | "not_applicable" => Some(("skipped", None)),
                s => panic!("state {s}"),
            };
            let children = elements(case);
            match child {
                None => assert!(children.is_empty(), "{file}: {id} {subject} passes"),
                Some((name, kind)) => {
                    assert_eq!(children.len(), 1, "{file}: {id} {subject}");
                    let only = children[0];
                    assert!(
                        only.has_tag_name(name) && kind.is_none_or(|k| attr(only, "type") == k),
                        "{file}: {id} {subject} is {} but has <{} type={:?}>",
                        o["state"],
                        only.tag_name().name(),
                        only.attribute("type")
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
    let doc = xml.doc();
    let failure = child(case(&doc, "AVG-DPIA-01", "whatsapp"), "failure", None);
    assert_eq!(attr(failure, "message"), o["message"]["nl"]);
    let body = string(failure);
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
    let body = string(child(
        case(&doc, "PLAT-VWO-01", "whatsapp"),
        "failure",
        None,
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
    let doc = xml.doc();
    let unknown: Vec<&Value> = outcomes(&json)
        .iter()
        .filter(|o| o["state"] == "unknown")
        .collect();
    assert!(!unknown.is_empty(), "{file} has unknown outcomes");
    for o in unknown {
        let case = case(
            &doc,
            o["requirement"].as_str().unwrap(),
            o["subject"].as_str().unwrap(),
        );
        let body = string(child(case, "failure", Some("unknown")));
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
        .find(|o| o["requirement"] == "PLAT-DOEL-02")
        .unwrap();
    assert_eq!(o["state"], "waived");
    let w = &o["waiver"];
    let xml = junit(&[], file);
    let doc = xml.doc();
    let skipped = child(case(&doc, "PLAT-DOEL-02", "zoom"), "skipped", None);
    assert_eq!(
        attr(skipped, "message"),
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
    let na_case = case(
        &doc,
        na["requirement"].as_str().unwrap(),
        na["subject"].as_str().unwrap(),
    );
    let message = attr(child(na_case, "skipped", None), "message");
    assert_eq!(message, na["message"]["nl"]);
    assert!(message.starts_with("niet van toepassing"), "{message}");
}

/// A check that cannot be evaluated is an `<error>`, counted in `errors`.
#[test]
fn policy_error_is_an_error_element() {
    let xsd = Xsd::find();
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("error-policy.toml");
    std::fs::write(&policy, ERROR_POLICY).unwrap();
    let global = ["--policy", path_str(&policy)];
    let xml = junit(&global, HOSTILE_ORG);
    xsd.assert_valid(&xml, "a policy with a broken check");
    let doc = xml.doc();
    let suite = suites(&doc)[0];
    assert_eq!(count_attr(testsuites(&doc), "errors"), 1);
    assert_eq!(count_attr(suite, "errors"), 1);
    assert_eq!(count_attr(suite, "failures"), 0);
    let error = child(
        case(&doc, "ERR-ORG-01", "organisation"),
        "error",
        Some("error"),
    );
    let message = attr(error, "message");
    assert!(message.contains("fout in het beleid"), "{message}");
}

/// Provenance is in the suite's properties.
#[test]
fn provenance_is_in_the_properties() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(&[], file);
    let xml = junit(&[], file);
    let doc = xml.doc();
    let suite = suites(&doc)[0];
    let properties = child(suite, "properties", None);
    let prop = |name: &str| {
        let found: Vec<Node> = children(properties, "property")
            .filter(|p| p.attribute("name") == Some(name))
            .collect();
        assert_eq!(found.len(), 1, "properties named {name}");
        attr(found[0], "value").to_string()
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
    // Well-formed: `junit` parses it.
    let xml = junit(&global, HOSTILE_ORG);
    for leak in ["<script>", "<img", "<b>", "<a href", "<!--", "]]>", "<een>"] {
        assert!(
            !xml.text.contains(leak),
            "{leak} not escaped:\n{}",
            xml.text
        );
    }
    let doc = xml.doc();
    assert!(
        all(&doc, "script").next().is_none() && all(&doc, "img").next().is_none(),
        "markup from the input became elements"
    );

    let name = json["organisations"][0]["name"].as_str().unwrap();
    assert_eq!(
        name,
        "<script>alert(1)</script> & Zonen \"BV\" | pipe 'quote' ]]> --> *nadruk* `code`\ntweede regel"
    );
    assert_eq!(attr(suites(&doc)[0], "name"), name);
    assert_eq!(
        attr(testsuites(&doc), "name"),
        "beeldbel hostile-<policy> 1 & \"2\""
    );
    for o in outcomes(&json) {
        let case = case(
            &doc,
            o["requirement"].as_str().unwrap(),
            o["subject"].as_str().unwrap(),
        );
        assert_eq!(
            attr(case, "name"),
            format!(
                "{} [{}] {}",
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
                o["title"]["nl"].as_str().unwrap()
            )
        );
        let body = string(child(case, "failure", None));
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
    let xsd = Xsd::find();
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
    xsd.assert_valid(&xml, "an organisation name with control characters");
    assert_eq!(
        attr(suites(&xml.doc())[0], "name"),
        "Nul\u{FFFD} Bel\u{FFFD} Esc\u{FFFD} Tab\t."
    );
}
