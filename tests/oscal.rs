//! `check --format oscal`: OSCAL 1.1.2 assessment results. Every document the tests produce
//! is validated against NIST's published OSCAL 1.1.2 assessment-results JSON Schema (vendored in
//! `tests/schemas/`, see its README) with the `jsonschema` crate, and its UUID references are
//! checked (what a JSON Schema cannot express). Where compliance-trestle is installed (`.ci/run`
//! installs it with pip), each document is also loaded with trestle's OSCAL models
//! (`tests/oscal/validate.py`); without python3 or trestle that second check is skipped with a
//! note, unless `BEELDBEL_REQUIRE_TOOLS=1` makes it a failure. Every run uses
//! `--today 2026-11-23` so the output is reproducible.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use common::{EXAMPLES, TODAY, WHATSAPP, bb, outside_tool, root, skip};

/// The vendored schema: `oscal_assessment-results_schema.json` of NIST's OSCAL v1.1.2 release.
const SCHEMA: &str = "tests/schemas/oscal_assessment-results_schema.json";
/// Its `$id`, which names the OSCAL version.
const SCHEMA_ID: &str = "http://csrc.nist.gov/ns/oscal/1.1.2/oscal-ar-schema.json";
/// The OSCAL version beeldbel writes (`metadata.oscal-version`), that of the schema.
const OSCAL_VERSION: &str = "1.1.2";

/// Runs beeldbel with `args` (after `--today`) and returns stdout; a check exits 0 or 1, never
/// 2 (an input error).
fn stdout(args: &[&str]) -> String {
    let out = bb().args(args).output().expect("run beeldbel");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "beeldbel {args:?} exited {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// `check FILES… --format oscal [extra…]`.
fn oscal(files: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--format", "oscal"]);
    args.extend_from_slice(extra);
    stdout(&args)
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}):\n{s}"))
}

/// The JSON report of `files`, to compare the OSCAL against.
fn json_report(files: &[&str]) -> Value {
    let mut args = vec!["check"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--format", "json"]);
    common::report_value(&stdout(&args))
}

// ---------------------------------------------------------------------------------------------
// Validation with NIST's JSON Schema (always) and compliance-trestle (where installed).

/// NIST's schema, compiled once and offline (its `$ref`s all point inside it), with the
/// `format`s checked (`date-time`, `uri`, `uri-reference`, `email`) and unknown formats an
/// error. Its patterns are ECMA-262 with Unicode classes (`\p{L}`, `\p{N}` in OSCAL's token
/// datatype); the `fancy-regex` engine, the crate's default, is named here because it handles
/// them (`the_schema_checks_patterns_and_formats` proves it).
fn schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = root().join(SCHEMA);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).expect("the OSCAL schema is JSON");
        assert_eq!(schema["$id"], SCHEMA_ID, "not the OSCAL 1.1.2 schema");
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .with_pattern_options(jsonschema::PatternOptions::fancy_regex())
            .offline()
            .build(&schema)
            .expect("the OSCAL schema compiles")
    })
}

/// Everything wrong with an OSCAL document, one `path: problem` line each: violations of the
/// schema, then what the schema cannot express: a UUID defined twice, and a UUID reference
/// (`observation-uuid`, `risk-uuid`, `subject-uuid`, `actor-uuid`, `component-uuid`, an `href`
/// `#<uuid>`) to nothing in the document.
fn problems(doc: &Value) -> Vec<String> {
    let mut out: Vec<String> = schema()
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    let mut defined = BTreeMap::new();
    let mut refs = Vec::new();
    uuids(doc, "", &mut defined, &mut refs, &mut out);
    for (at, uuid) in refs {
        if !defined.contains_key(uuid) {
            out.push(format!("{at}: {uuid} refers to nothing in the document"));
        }
    }
    out
}

/// Collects the UUIDs `v` defines (`uuid`) and refers to, and reports a UUID defined twice.
fn uuids<'a>(
    v: &'a Value,
    at: &str,
    defined: &mut BTreeMap<&'a str, String>,
    refs: &mut Vec<(String, &'a str)>,
    out: &mut Vec<String>,
) {
    const REFERENCES: [&str; 5] = [
        "observation-uuid",
        "risk-uuid",
        "subject-uuid",
        "actor-uuid",
        "component-uuid",
    ];
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{k}");
                match (k.as_str(), v.as_str()) {
                    ("uuid", Some(u)) => {
                        if let Some(first) = defined.get(u) {
                            out.push(format!("{here}: UUID {u} is also defined at {first}"));
                        } else {
                            defined.insert(u, here.clone());
                        }
                    }
                    (k, Some(u)) if REFERENCES.contains(&k) => refs.push((here.clone(), u)),
                    ("href", Some(h)) if h.starts_with('#') && is_uuid(&h[1..]) => {
                        refs.push((here.clone(), &h[1..]))
                    }
                    _ => {}
                }
                uuids(v, &here, defined, refs, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                uuids(v, &format!("{at}/{i}"), defined, refs, out);
            }
        }
        _ => {}
    }
}

/// 8-4-4-4-12 hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// python3 with compliance-trestle, or `None` after a note that the trestle check is skipped.
fn trestle() -> Option<PathBuf> {
    const WHAT: &str = "the compliance-trestle check (tests/oscal/validate.py)";
    let python = outside_tool("python3", WHAT, "`apt-get install python3` (Debian/Ubuntu)")?;
    let probe = Command::new(&python)
        .args(["-c", "import trestle.oscal.assessment_results"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    if probe.status.success() {
        Some(python)
    } else {
        skip(
            WHAT,
            "python3 cannot import compliance-trestle; install it with \
             `pip install compliance-trestle==5.2.0` (.ci/run does)",
        );
        None
    }
}

/// Runs `tests/oscal/validate.py` on `docs`, each written to `dir` as `<name>.json`.
fn trestle_validate(python: &Path, dir: &Path, docs: &[(&str, &str)]) -> Output {
    let paths: Vec<PathBuf> = docs
        .iter()
        .map(|(name, text)| {
            let p = dir.join(format!("{name}.json"));
            std::fs::write(&p, text).expect("write OSCAL file");
            p
        })
        .collect();
    let out = Command::new(python)
        .arg(root().join("tests/oscal/validate.py"))
        .args(&paths)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        out.status.code() != Some(2),
        "tests/oscal/validate.py could not run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every document is OSCAL 1.1.2 by NIST's schema, with sound UUID references, and, where
/// compliance-trestle is installed, trestle loads it.
fn assert_valid(docs: &[(&str, &str)]) {
    for (name, text) in docs {
        let doc = parse(text);
        assert_eq!(
            doc["assessment-results"]["metadata"]["oscal-version"], OSCAL_VERSION,
            "{name}: the OSCAL version of the schema"
        );
        let problems = problems(&doc);
        assert!(
            problems.is_empty(),
            "{name} is not valid OSCAL {OSCAL_VERSION} assessment results ({SCHEMA}):\n{}",
            problems.join("\n")
        );
    }
    if let Some(python) = trestle() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = trestle_validate(&python, dir.path(), docs);
        assert!(
            out.status.success(),
            "compliance-trestle rejects the OSCAL:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn results(doc: &Value) -> &Vec<Value> {
    doc["assessment-results"]["results"]
        .as_array()
        .expect("results")
}

fn list<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v[key]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// The value of beeldbel's property `name` on `v`.
fn prop<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    list(v, "props")
        .into_iter()
        .find(|p| p["name"] == name && p["ns"] == "urn:beeldbel:oscal")
        .and_then(|p| p["value"].as_str())
}

/// The finding for `requirement` × `subject` in `result`.
fn finding<'a>(result: &'a Value, requirement: &str, subject: &str) -> &'a Value {
    list(result, "findings")
        .into_iter()
        .find(|f| f["target"]["target-id"] == requirement && prop(f, "subject") == Some(subject))
        .unwrap_or_else(|| panic!("no finding {requirement} for {subject}"))
}

/// The observation a finding rests on.
fn observation_of<'a>(result: &'a Value, finding: &Value) -> &'a Value {
    let uuid = &finding["related-observations"][0]["observation-uuid"];
    list(result, "observations")
        .into_iter()
        .find(|o| o["uuid"] == *uuid)
        .expect("the finding's observation")
}

// =============================================================================================
// Validation
// =============================================================================================

#[test]
fn examples_and_batch_validate() {
    let docs: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|f| {
            let name = Path::new(f)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, oscal(&[f], &[]))
        })
        .chain([("batch".to_string(), oscal(&EXAMPLES, &[]))])
        .collect();
    let refs: Vec<(&str, &str)> = docs.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    assert_valid(&refs);
    let batch = parse(&docs[3].1);
    assert_eq!(results(&batch).len(), 3, "one result per organisation");
}

#[test]
fn hostile_fixture_validates() {
    let out = stdout(&[
        "--policy",
        "tests/data/hostile/policy.toml",
        "check",
        "tests/data/hostile/org.toml",
        "--format",
        "oscal",
    ]);
    assert_valid(&[("hostile", &out)]);
    // Markup from the inputs is escaped in OSCAL's markup fields (Markdown in JSON); property
    // values are plain text and keep it as written. Titles stay on one line.
    let doc = parse(&out);
    let mut fields = Vec::new();
    markup_fields(&doc, &mut fields);
    assert!(fields.len() > 20, "{}", fields.len());
    assert!(has_raw_html("a <script>") && !has_raw_html("a \\<script\\> <https://x>"));
    for text in fields {
        assert!(
            !has_raw_html(text),
            "unescaped HTML in a markup field: {text}"
        );
    }
    let title = results(&doc)[0]["title"].as_str().unwrap();
    assert!(
        title.contains("\\<script\\>") && !title.contains('\n'),
        "{title}"
    );
}

/// The strings of OSCAL's markup fields (markup-line and markup-multiline) in `v`.
fn markup_fields<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("title" | "description" | "remarks" | "statement", Value::String(s)) => {
                        out.push(s)
                    }
                    _ => markup_fields(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| markup_fields(v, out)),
        _ => {}
    }
}

/// A `<` that is not escaped and starts a tag, a comment or a closing tag (an autolink to
/// `http(s)` is fine).
fn has_raw_html(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'<'
            && (i == 0 || b[i - 1] != b'\\')
            && b.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!'))
            && !s[i + 1..].starts_with("http")
    })
}

#[test]
fn english_and_waived_and_repeated_files_validate() {
    let dutch = oscal(&[WHATSAPP], &[]);
    let english = stdout(&["--lang", "en", "check", WHATSAPP, "--format", "oscal"]);
    let waived = oscal(&["tests/data/good/waived.toml"], &[]);
    // The same file twice: everything in the second result gets its own UUID.
    let twice = oscal(&[EXAMPLES[0], EXAMPLES[0]], &[]);
    assert_valid(&[
        ("nl", &dutch),
        ("en", &english),
        ("waived", &waived),
        ("twice", &twice),
    ]);
}

fn first_finding(doc: &mut Value) -> &mut Value {
    &mut doc["assessment-results"]["results"][0]["findings"][0]
}

/// Both validators reject what is broken, naming it: NIST's schema (with the reference check)
/// always, compliance-trestle where installed. A markup-line title with a line break is a plain
/// string to the JSON Schema; only trestle's models refuse it.
#[test]
fn validators_reject_broken_documents() {
    let good = parse(&oscal(&[WHATSAPP], &[]));
    type Break = fn(&mut Value);
    // (name, break, what the schema check names, what trestle names)
    let breaks: [(&str, Break, Option<&str>, &str); 6] = [
        (
            "state-maybe",
            |d| first_finding(d)["target"]["status"]["state"] = "maybe".into(),
            Some("/target/status/state"),
            "state",
        ),
        (
            "uuid-version-1",
            |d| first_finding(d)["uuid"] = "1b4e28ba-2fa1-11d2-883f-0016d3cca427".into(),
            Some("/findings/0/uuid"),
            "uuid",
        ),
        (
            "unknown-field",
            |d| first_finding(d)["confidence"] = "high".into(),
            Some("confidence"),
            "confidence",
        ),
        (
            "python-field-name",
            |d| {
                let ar = d["assessment-results"].as_object_mut().unwrap();
                let ap = ar.remove("import-ap").unwrap();
                ar.insert("import_ap".into(), ap);
            },
            Some("import_ap"),
            "import_ap",
        ),
        (
            "dangling-observation",
            |d| {
                first_finding(d)["related-observations"][0]["observation-uuid"] =
                    "00000000-0000-4000-8000-000000000000".into()
            },
            Some("refers to nothing"),
            "refers to nothing",
        ),
        (
            "two-line-title",
            |d| first_finding(d)["title"] = "one\ntwo".into(),
            None,
            "title",
        ),
    ];
    // The unbroken document passes, so each failure below is the break's doing.
    assert!(problems(&good).is_empty(), "{:#?}", problems(&good));
    for (name, brk, needle, _) in &breaks {
        let mut doc = good.clone();
        brk(&mut doc);
        let problems = problems(&doc);
        match needle {
            Some(needle) => assert!(
                problems.iter().any(|p| p.contains(needle)),
                "{name}: no problem names {needle:?}: {problems:#?}"
            ),
            None => assert!(problems.is_empty(), "{name}: {problems:#?}"),
        }
    }

    let Some(python) = trestle() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let text = serde_json::to_string_pretty(&good).unwrap();
    let out = trestle_validate(&python, dir.path(), &[("good", &text)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, brk, _, needle) in breaks {
        let mut doc = good.clone();
        brk(&mut doc);
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let out = trestle_validate(&python, dir.path(), &[(name, &text)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "validate.py accepted the broken document {name}:\n{stderr}"
        );
        assert!(
            stderr.contains(needle),
            "{name}: the error does not name {needle:?}:\n{stderr}"
        );
    }
}

/// The schema's patterns and formats are applied, not skipped: OSCAL's token datatype is
/// `^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$` (any letter, in the Unicode sense), a date-time is a real
/// date with a time zone, a link is a URI reference, a string has no leading or trailing blanks;
/// and (the reference check) a UUID is defined only once.
#[test]
fn the_schema_checks_patterns_and_formats() {
    let good = parse(&oscal(&[WHATSAPP], &[]));
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut doc = good.clone();
        edit(&mut doc);
        problems(&doc)
    };
    let prop_name = |name: &'static str| {
        move |d: &mut Value| first_finding(d)["props"][0]["name"] = name.into()
    };
    // Letters beyond ASCII are letters.
    for name in ["naïef", "Ĳsselmeer-regel", "_intern", "a.b-c_2"] {
        let problems = with(&prop_name(name));
        assert!(problems.is_empty(), "token {name:?}: {problems:#?}");
    }
    let start = |v: &'static str| {
        move |d: &mut Value| d["assessment-results"]["results"][0]["start"] = v.into()
    };
    type Edit = Box<dyn Fn(&mut Value)>;
    let rejected: [(&str, Edit, &str); 9] = [
        (
            "a token starting with a digit",
            Box::new(prop_name("2de")),
            "/props/0/name",
        ),
        (
            "a token with a space",
            Box::new(prop_name("twee woorden")),
            "/props/0/name",
        ),
        (
            "a token starting with '-'",
            Box::new(prop_name("-x")),
            "/props/0/name",
        ),
        (
            "a date-time without a zone",
            Box::new(start("2026-11-23T00:00:00")),
            "/start",
        ),
        ("a date only", Box::new(start("2026-11-23")), "/start"),
        (
            "an impossible date",
            Box::new(start("2026-02-30T00:00:00Z")),
            "/start",
        ),
        (
            "a link that is no URI reference",
            Box::new(|d: &mut Value| d["assessment-results"]["import-ap"]["href"] = "#a b".into()),
            "/import-ap/href",
        ),
        (
            "a property value with a trailing blank",
            Box::new(|d: &mut Value| first_finding(d)["props"][0]["value"] = "waarde ".into()),
            "/props/0/value",
        ),
        (
            "a UUID defined twice",
            Box::new(|d: &mut Value| {
                let first = first_finding(d)["uuid"].clone();
                d["assessment-results"]["results"][0]["findings"][1]["uuid"] = first;
            }),
            "is also defined at",
        ),
    ];
    for (what, edit, needle) in rejected {
        let problems = with(&*edit);
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "{what}: no problem names {needle:?}: {problems:#?}"
        );
    }
}

// =============================================================================================
// Content
// =============================================================================================

/// One finding per outcome except `not_applicable` (recorded as an observation only), one
/// observation per outcome, and the state mapping: only a pass is satisfied.
#[test]
fn findings_match_outcomes_and_states_map() {
    let doc = parse(&oscal(&EXAMPLES, &[]));
    let report = json_report(&EXAMPLES);
    let orgs = report["organisations"].as_array().unwrap();
    for (result, org) in results(&doc).iter().zip(orgs) {
        let outcomes = org["outcomes"].as_array().unwrap();
        let applicable: Vec<&Value> = outcomes
            .iter()
            .filter(|o| o["state"] != "not_applicable")
            .collect();
        assert_eq!(
            list(result, "findings").len(),
            applicable.len(),
            "{}",
            org["file"]
        );
        assert_eq!(list(result, "observations").len(), outcomes.len());
        assert_eq!(prop(result, "organisation-file"), org["file"].as_str());
        for o in applicable {
            let req = o["requirement"].as_str().unwrap();
            let subject = o["subject"].as_str().unwrap();
            let f = finding(result, req, subject);
            let status = &f["target"]["status"];
            let (state, reason) = match o["state"].as_str().unwrap() {
                "pass" => ("satisfied", "pass"),
                "fail" => ("not-satisfied", "fail"),
                "unknown" | "error" => ("not-satisfied", "other"),
                "waived" if o["underlying_state"] == "fail" => ("not-satisfied", "fail"),
                "waived" => ("not-satisfied", "other"),
                s => panic!("unexpected state {s}"),
            };
            assert_eq!(status["state"], state, "{req} {subject}");
            assert_eq!(status["reason"], reason, "{req} {subject}");
            assert_eq!(prop(f, "state"), o["state"].as_str());
            assert_eq!(prop(f, "severity"), o["severity"].as_str());
            assert_eq!(prop(f, "scope"), o["scope"].as_str());
            if o["state"] == "unknown" {
                let remarks = status["remarks"].as_str().expect("unknown has remarks");
                for m in o["missing"].as_array().unwrap() {
                    assert!(remarks.contains(m.as_str().unwrap()), "{remarks}");
                }
            }
        }
    }
}

#[test]
fn whatsapp_dpia_finding_carries_dpia_status_with_line() {
    let doc = parse(&oscal(&[WHATSAPP], &[]));
    let report = json_report(&[WHATSAPP]);
    let outcome = report["organisations"][0]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["requirement"] == "AVG-DPIA-01")
        .expect("AVG-DPIA-01 outcome");
    let line = outcome["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["field"] == "dpia.status")
        .expect("dpia.status input")["line"]
        .to_string();
    let result = &results(&doc)[0];
    let f = finding(result, "AVG-DPIA-01", outcome["subject"].as_str().unwrap());
    assert_eq!(f["target"]["status"]["state"], "not-satisfied");
    let obs = observation_of(result, f);
    let ev = list(obs, "relevant-evidence")
        .into_iter()
        .find(|e| prop(e, "field") == Some("dpia.status"))
        .expect("dpia.status in the observation's evidence");
    assert_eq!(prop(ev, "line"), Some(line.as_str()));
    assert_eq!(prop(ev, "file"), Some(WHATSAPP));
    assert_eq!(prop(ev, "value"), Some("\"not_started\""));
    assert!(
        ev["description"].as_str().unwrap().contains(&line),
        "{ev:#}"
    );
}

#[test]
fn platform_finding_links_the_catalogue_source() {
    let doc = parse(&oscal(&[WHATSAPP], &[]));
    let report = json_report(&[WHATSAPP]);
    let outcome = report["organisations"][0]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["requirement"] == "PLAT-VWO-01" && o["subject"] == "whatsapp")
        .expect("PLAT-VWO-01 outcome");
    let source = &outcome["evidence"][0]["source"];
    let url = source["url"].as_str().expect("a sourced fact");
    let result = &results(&doc)[0];
    let f = finding(result, "PLAT-VWO-01", "whatsapp");
    assert_eq!(f["target"]["status"]["state"], "not-satisfied");
    let ev = list(observation_of(result, f), "relevant-evidence");
    let ev = ev
        .iter()
        .find(|e| e["href"] == url)
        .unwrap_or_else(|| panic!("no relevant-evidence with href {url}"));
    assert_eq!(prop(ev, "source-title"), source["title"].as_str());
    assert_eq!(prop(ev, "source-checked"), source["checked"].as_str());
    assert_eq!(prop(ev, "attribute"), Some("processor_agreement"));
}

#[test]
fn waiver_becomes_a_deviation_approved_risk() {
    let doc = parse(&oscal(&["docs/examples/arbodienst.toml"], &[]));
    let result = &results(&doc)[0];
    let f = finding(result, "PLAT-DOEL-02", "zoom");
    assert_eq!(f["target"]["status"]["state"], "not-satisfied");
    assert_eq!(prop(f, "state"), Some("waived"));
    let remarks = f["target"]["status"]["remarks"].as_str().unwrap();
    assert!(
        remarks.contains("mr. A. de Boer") && remarks.contains("2027-02-20"),
        "{remarks}"
    );
    let risk_uuid = &f["related-risks"][0]["risk-uuid"];
    let risk = list(result, "risks")
        .into_iter()
        .find(|r| r["uuid"] == *risk_uuid)
        .expect("the finding's risk");
    assert_eq!(risk["status"], "deviation-approved");
    assert_eq!(risk["deadline"], "2027-02-20T00:00:00Z");
    assert_eq!(prop(risk, "waiver-approved-by"), Some("FG, mr. A. de Boer"));
}

#[test]
fn provenance_is_in_the_metadata_and_results() {
    let doc = parse(&oscal(&EXAMPLES, &[]));
    let report = json_report(&EXAMPLES);
    let ar = &doc["assessment-results"];
    let meta = &ar["metadata"];
    assert_eq!(meta["last-modified"], format!("{TODAY}T00:00:00Z"));
    assert_eq!(
        prop(meta, "tool-version"),
        report["tool"]["version"].as_str()
    );
    assert_eq!(prop(meta, "policy-id"), report["policy"]["id"].as_str());
    assert_eq!(
        prop(meta, "policy-version"),
        report["policy"]["version"].as_str()
    );
    assert_eq!(
        prop(meta, "policy-sha256"),
        report["policy"]["sha256"].as_str()
    );
    assert_eq!(
        prop(meta, "catalogue-sha256"),
        report["catalogue"]["sha256"].as_str()
    );
    assert_eq!(
        prop(meta, "catalogue-oldest-fact"),
        report["catalogue"]["oldest_fact"].as_str()
    );
    assert_eq!(prop(meta, "evaluated-on"), Some(TODAY));
    // import-ap points inside the document, at the policy in back-matter.
    let href = ar["import-ap"]["href"].as_str().unwrap();
    let policy = list(&ar["back-matter"], "resources")
        .into_iter()
        .find(|r| format!("#{}", r["uuid"].as_str().unwrap()) == href)
        .expect("import-ap resolves to a back-matter resource");
    assert_eq!(prop(policy, "policy-id"), report["policy"]["id"].as_str());
    for (result, org) in results(&doc)
        .iter()
        .zip(report["organisations"].as_array().unwrap())
    {
        assert_eq!(prop(result, "organisation-sha256"), org["sha256"].as_str());
        assert_eq!(result["start"], format!("{TODAY}T00:00:00Z"));
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    assert_eq!(oscal(&EXAMPLES, &[]), oscal(&EXAMPLES, &[]));
    let hostile = [
        "--policy",
        "tests/data/hostile/policy.toml",
        "check",
        "tests/data/hostile/org.toml",
        "--format",
        "oscal",
    ];
    assert_eq!(stdout(&hostile), stdout(&hostile));
}

#[test]
fn lang_en_changes_titles_and_remarks_not_finding_uuids() {
    let nl = parse(&oscal(&[WHATSAPP], &[]));
    let en = parse(&stdout(&[
        "--lang", "en", "check", WHATSAPP, "--format", "oscal",
    ]));
    assert_ne!(
        nl["assessment-results"]["metadata"]["title"],
        en["assessment-results"]["metadata"]["title"]
    );
    assert!(
        nl["assessment-results"]["metadata"]["title"]
            .as_str()
            .unwrap()
            .contains("getoetst")
    );
    assert!(
        en["assessment-results"]["metadata"]["title"]
            .as_str()
            .unwrap()
            .contains("assessed")
    );
    let (nl_r, en_r) = (&results(&nl)[0], &results(&en)[0]);
    let (fnl, fen) = (
        finding(nl_r, "AVG-DPIA-01", "whatsapp"),
        finding(en_r, "AVG-DPIA-01", "whatsapp"),
    );
    assert_ne!(fnl["title"], fen["title"]);
    assert!(fnl["remarks"].as_str().unwrap().contains("Wat te doen:"));
    assert!(fen["remarks"].as_str().unwrap().contains("What to do:"));
    // The same assessment in another language: the same findings, another document.
    assert_eq!(fnl["uuid"], fen["uuid"]);
    assert_ne!(
        nl["assessment-results"]["uuid"],
        en["assessment-results"]["uuid"]
    );
}
