//! `check --format sarif`: every document validates against the official OASIS SARIF 2.1.0
//! JSON Schema (Errata 01, OASIS Standard; vendored in `tests/schemas/`, see its README), and says what a user of a
//! code-scanning tool would notice: the result points at the line that decides it, unknown
//! results name the missing field, an accepted waiver is a suppression, and there is one result
//! per fail, unknown, error or waived outcome of the JSON report.

mod common;

use serde_json::Value;

use common::{
    ERROR_POLICY, EXAMPLES, HOSTILE_ORG, HOSTILE_POLICY, TODAY, bb, outcome, outcomes, report, root,
};

fn json_of(stdout: &str, what: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{what} is not JSON: {e}\n{stdout}"))
}

/// The SARIF log of `file` (with the embedded policy).
fn sarif(file: &str) -> Value {
    json_of(&report(&[], file, "sarif"), "SARIF")
}

/// The JSON report of `file` (with the embedded policy).
fn json(file: &str) -> Value {
    common::report_value(&report(&[], file, "json"))
}

fn hostile_sarif() -> Value {
    json_of(
        &report(&["--policy", HOSTILE_POLICY], HOSTILE_ORG, "sarif"),
        "SARIF",
    )
}

/// The one run of a SARIF log.
fn run0(log: &Value) -> &Value {
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one run");
    &runs[0]
}

fn results(log: &Value) -> &Vec<Value> {
    run0(log)["results"].as_array().expect("results")
}

/// The result of `requirement` for `subject`.
fn result<'a>(log: &'a Value, requirement: &str, subject: &str) -> &'a Value {
    results(log)
        .iter()
        .find(|r| r["ruleId"] == requirement && r["properties"]["subject"] == subject)
        .unwrap_or_else(|| panic!("no SARIF result {requirement} for {subject}"))
}

/// The `id` of the vendored schema, which is also the `$schema` beeldbel writes.
const SCHEMA_ID: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The official schema (JSON Schema draft-04), compiled offline with format checking on, so
/// `uri`, `date-time` and `uri-reference` values are checked too.
///
/// Draft-04 defines `uri` and `date-time` but not `uri-reference` (added in draft-06), which
/// the schema uses for `artifactLocation.uri`; `jsonschema` would silently skip it. So it is
/// registered here ([`is_uri_reference`]), and unknown formats are an error rather than skipped,
/// so no format in the schema goes unchecked. `offline()`: nothing is fetched (the schema's
/// `$ref`s are all `#/definitions/...`, and the draft-04 meta-schema is built in).
fn validator() -> jsonschema::Validator {
    let path = root().join("tests/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the SARIF schema is JSON");
    assert_eq!(
        schema["title"], "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "not the SARIF 2.1.0 schema"
    );
    assert_eq!(schema["id"], SCHEMA_ID, "not the Errata 01 schema");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .with_format("uri-reference", is_uri_reference)
        .offline()
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// RFC 3986 §4.1 `URI-reference`: a URI (`scheme:...`) or a relative reference, made of
/// unreserved, reserved and percent-encoded characters only, with a valid scheme if there is one.
fn is_uri_reference(s: &str) -> bool {
    let unreserved = |c: char| c.is_ascii_alphanumeric() || "-._~".contains(c);
    let sub_delim = |c: char| "!$&'()*+,;=".contains(c);
    // `pchar` (§3.3) plus the characters each component adds to it.
    let chars_ok = |part: &str, extra: &str| {
        let mut chars = part.chars();
        while let Some(c) = chars.next() {
            let ok = if c == '%' {
                matches!(
                    (chars.next(), chars.next()),
                    (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit()
                )
            } else {
                unreserved(c) || sub_delim(c) || ":@".contains(c) || extra.contains(c)
            };
            if !ok {
                return false;
            }
        }
        true
    };
    let (rest, fragment) = s.split_once('#').unwrap_or((s, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !chars_ok(fragment, "/?") || !chars_ok(query, "/?") {
        return false;
    }
    // A colon before the first slash ends a scheme (a relative path's first segment has none).
    let rest = match rest.split_once(':') {
        Some((scheme, after)) if !scheme.contains('/') => {
            let mut c = scheme.chars();
            if !c.next().is_some_and(|c| c.is_ascii_alphabetic())
                || !c.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            {
                return false;
            }
            after
        }
        _ => rest,
    };
    match rest.strip_prefix("//") {
        Some(after) => {
            let (authority, path) = after.split_at(after.find('/').unwrap_or(after.len()));
            chars_ok(authority, "[]") && chars_ok(path, "/")
        }
        None => chars_ok(rest, "/"),
    }
}

/// Every schema violation of `instance`, as `path: message` lines.
fn violations(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors = violations(validator, instance);
    assert!(
        errors.is_empty(),
        "the SARIF of {what} violates the SARIF 2.1.0 schema ({} errors):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The 1-based number of the first line at or after line `from` (1-based) whose text, without
/// leading blanks, starts with `prefix`.
fn line_of(text: &str, from: usize, prefix: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from - 1)
        .find(|(_, l)| l.trim_start().starts_with(prefix))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line starting with {prefix:?} from line {from}"))
}

fn read(file: &str) -> String {
    std::fs::read_to_string(root().join(file)).expect("read the example")
}

// =============================================================================================
// The schema.

#[test]
fn sarif_of_every_example_and_the_hostile_fixture_is_valid_sarif_2_1_0() {
    let validator = validator();
    for file in EXAMPLES {
        let log = sarif(file);
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["$schema"], SCHEMA_ID);
        assert_valid(&validator, &log, file);
    }
    assert_valid(&validator, &hostile_sarif(), HOSTILE_ORG);
}

#[test]
fn sarif_in_english_is_valid_too() {
    let log = json_of(
        &report(
            &["--lang", "en"],
            "docs/examples/zelfstandige-whatsapp.toml",
            "sarif",
        ),
        "SARIF",
    );
    assert_valid(&validator(), &log, "zelfstandige-whatsapp.toml (--lang en)");
    let run = run0(&log);
    assert_eq!(run["language"], "en");
    let rule = &run["tool"]["driver"]["rules"][0];
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap()
            .starts_with("What to do: "),
        "{rule}"
    );
}

/// The validator is not a rubber stamp: documents that break the schema are rejected.
#[test]
fn the_schema_rejects_broken_sarif() {
    let validator = validator();
    let good = sarif("docs/examples/zelfstandige-whatsapp.toml");
    assert_valid(&validator, &good, "zelfstandige-whatsapp.toml");

    let mut wrong_version = good.clone();
    wrong_version["version"] = "9".into();
    let errors = violations(&validator, &wrong_version);
    assert!(
        errors.iter().any(|e| e.starts_with("/version")),
        "version 9 accepted: {errors:?}"
    );

    let mut no_message = good.clone();
    no_message["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    let errors = violations(&validator, &no_message);
    assert!(
        errors.iter().any(|e| e.starts_with("/runs/0/results/0")),
        "a result without a message accepted: {errors:?}"
    );

    let mut bad_kind = good.clone();
    bad_kind["runs"][0]["results"][0]["kind"] = "unknown".into();
    assert!(
        !violations(&validator, &bad_kind).is_empty(),
        "result kind `unknown` accepted"
    );

    // Formats are checked too: a file name with a space must be percent-encoded.
    let mut bad_uri = good.clone();
    bad_uri["runs"][0]["artifacts"][0]["location"]["uri"] = "docs/my examples/a.toml".into();
    let errors = violations(&validator, &bad_uri);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/runs/0/artifacts/0/location/uri")),
        "an URI with a space accepted: {errors:?}"
    );

    let mut bad_line = good.clone();
    bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(
        !violations(&validator, &bad_line).is_empty(),
        "startLine 0 accepted"
    );

    // A suppression's `status` is checked (Errata 01 schema), and the Committee Specification
    // draft's misspelling `state` is not a suppression property.
    let waived = sarif("docs/examples/arbodienst.toml");
    assert_valid(&validator, &waived, "arbodienst.toml");
    let suppression = "/runs/0/results/0/suppressions/0";
    assert_eq!(
        waived.pointer(suppression).and_then(|s| s.get("status")),
        Some(&Value::from("accepted")),
        "{waived}"
    );
    for status in ["underReview", "rejected"] {
        let mut other = waived.clone();
        other.pointer_mut(suppression).unwrap()["status"] = status.into();
        assert_valid(&validator, &other, &format!("status {status}"));
    }
    let mut bad_status = waived.clone();
    bad_status.pointer_mut(suppression).unwrap()["status"] = "maybe".into();
    let errors = violations(&validator, &bad_status);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{suppression}/status"))),
        "suppression status `maybe` accepted: {errors:?}"
    );
    let mut draft_spelling = waived;
    let s = draft_spelling
        .pointer_mut(suppression)
        .unwrap()
        .as_object_mut()
        .unwrap();
    s.remove("status");
    s.insert("state".into(), "accepted".into());
    let errors = violations(&validator, &draft_spelling);
    assert!(
        errors.iter().any(|e| e.starts_with(suppression)),
        "suppression property `state` accepted: {errors:?}"
    );
}

/// The `uri-reference` check registered for the draft-04 schema.
#[test]
fn uri_reference_format_follows_rfc_3986() {
    for good in [
        "docs/examples/zelfstandige-whatsapp.toml",
        "file:///tmp/%C3%A9%C3%A9n%20org.toml",
        "https://example.org/a?b=c#d",
        "../a/b;c=d",
        "",
        "#frag",
    ] {
        assert!(is_uri_reference(good), "{good:?} rejected");
    }
    for bad in [
        "docs/my examples/a.toml",
        "één.toml",
        "a%2",
        "a%zz",
        "1a:b",
        "a\\b",
        "a#b#c",
        "http://exa mple.org/",
    ] {
        assert!(!is_uri_reference(bad), "{bad:?} accepted");
    }
}

// =============================================================================================
// What a user notices.

/// AVG-DPIA-01 fails for the WhatsApp deployment; the result points at the line the report says
/// decides it: the first field the check reads, `status = "not_started"` under `[dpia]`. Its
/// related locations are the fields it read, including that line and the deployment's
/// `platform = "whatsapp"`.
#[test]
fn dpia_fail_points_at_the_line_that_decides_it() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let text = read(file);
    let deployment = line_of(&text, 1, "[[deployments]]");
    let platform_line = line_of(&text, deployment, "platform = \"whatsapp\"");
    let dpia = line_of(&text, 1, "[dpia]");
    let status_line = line_of(&text, dpia, "status = \"not_started\"");

    let json = json(file);
    let o = outcome(&json, "AVG-DPIA-01", "whatsapp");
    assert_eq!(o["state"], "fail");
    assert_eq!(o["line"], status_line, "the JSON report's line: {o}");

    let log = sarif(file);
    let r = result(&log, "AVG-DPIA-01", "whatsapp");
    assert_eq!(r["kind"], "fail");
    assert_eq!(r["level"], "error", "high severity");
    let loc = &r["locations"][0];
    let phys = &loc["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], file);
    assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(phys["region"]["startLine"], o["line"]);
    assert_eq!(phys["region"]["startLine"], status_line);
    assert_eq!(loc["logicalLocations"][0]["name"], "whatsapp");
    assert_eq!(
        loc["logicalLocations"][0]["fullyQualifiedName"],
        "deployments[whatsapp]"
    );

    let related = r["relatedLocations"].as_array().expect("relatedLocations");
    let status = related
        .iter()
        .find(|l| l["message"]["text"] == "dpia.status = \"not_started\"")
        .unwrap_or_else(|| panic!("no related location for dpia.status: {related:?}"));
    assert_eq!(
        status["physicalLocation"]["region"]["startLine"],
        status_line
    );
    let platform = related
        .iter()
        .find(|l| l["message"]["text"] == "deployments[whatsapp].platform = \"whatsapp\"")
        .unwrap_or_else(|| panic!("no related location for the platform: {related:?}"));
    assert_eq!(
        platform["physicalLocation"]["region"]["startLine"],
        platform_line
    );

    let message = r["message"]["text"].as_str().unwrap();
    assert!(
        message.starts_with("DPIA uitgevoerd vóór ingebruikname [whatsapp]: niet voldaan"),
        "{message}"
    );
    assert_eq!(r["properties"]["state"], "fail");
    assert_eq!(r["properties"]["scope"], "deployment");
    assert_eq!(r["properties"]["severity"], "high");
    assert_eq!(
        r["properties"]["references"][0], "AVG art. 35 lid 1",
        "{}",
        r["properties"]
    );
}

/// Every result's region is the outcome's line, and every outcome line is in the file.
#[test]
fn every_region_is_the_outcome_line() {
    for file in EXAMPLES {
        let lines = read(file).lines().count();
        let json = json(file);
        let log = sarif(file);
        for r in results(&log) {
            let subject = r["properties"]["subject"].as_str().unwrap();
            let o = outcome(&json, r["ruleId"].as_str().unwrap(), subject);
            let region = &r["locations"][0]["physicalLocation"]["region"];
            match o["line"].as_u64() {
                Some(line) => {
                    assert_eq!(region["startLine"], line, "{file}: {r}");
                    assert!((1..=lines as u64).contains(&line), "{file}: line {line}");
                }
                None => assert!(region.is_null(), "{file}: region without a line: {r}"),
            }
        }
    }
}

/// Unknown outcomes are `open` results (SARIF: "could not tell for lack of information") whose
/// message and properties name the missing field.
#[test]
fn unknown_results_name_the_missing_field() {
    let file = "docs/examples/reintegratie-onvolledig.toml";
    let json = json(file);
    let log = sarif(file);
    let unknown: Vec<&Value> = outcomes(&json)
        .iter()
        .filter(|o| o["state"] == "unknown")
        .collect();
    assert!(!unknown.is_empty(), "the example has unknowns");
    for o in unknown {
        let r = result(
            &log,
            o["requirement"].as_str().unwrap(),
            o["subject"].as_str().unwrap(),
        );
        assert_eq!(r["kind"], "open", "{r}");
        assert_eq!(r["level"], "none", "{r}");
        assert_eq!(r["properties"]["state"], "unknown");
        assert_eq!(r["properties"]["missing"], o["missing"]);
        let message = r["message"]["text"].as_str().unwrap();
        let missing = o["missing"].as_array().unwrap();
        assert!(!missing.is_empty(), "{o}");
        for m in missing {
            assert!(
                message.contains(m.as_str().unwrap()),
                "message lacks {m}: {message}"
            );
        }
    }
    // The one a user has to fill in.
    let r = result(&log, "AVG-DPIA-02", "organisation");
    assert!(
        r["message"]["text"]
            .as_str()
            .unwrap()
            .contains("Ontbreekt: dpia.review_due"),
        "{r}"
    );
    assert_eq!(
        r["locations"][0]["logicalLocations"][0]["name"],
        "organisation"
    );
}

/// The accepted waiver for PLAT-DOEL-02 is a result with an external suppression with status
/// `accepted`, whose justification is the waiver's reason.
#[test]
fn waived_requirement_is_a_suppressed_result() {
    let file = "docs/examples/arbodienst.toml";
    let json = json(file);
    let o = outcome(&json, "PLAT-DOEL-02", "zoom");
    assert_eq!(o["state"], "waived");
    let log = sarif(file);
    let r = result(&log, "PLAT-DOEL-02", "zoom");
    let suppressions = r["suppressions"].as_array().expect("suppressions");
    assert_eq!(suppressions.len(), 1);
    let s = &suppressions[0];
    assert_eq!(s["kind"], "external");
    assert_eq!(s["status"], "accepted", "{s}");
    assert!(s.get("state").is_none(), "{s}");
    assert_eq!(s["justification"], o["waiver"]["reason"]);
    assert_eq!(s["properties"]["approved_by"], "FG, mr. A. de Boer");
    assert_eq!(s["properties"]["expires"], o["waiver"]["expires"]);
    assert_eq!(r["properties"]["state"], "waived");
    assert_eq!(r["properties"]["underlying_state"], o["underlying_state"]);
    // Without the waiver it would be unknown: kind and level say what it would have been.
    assert_eq!(o["underlying_state"], "unknown");
    assert_eq!(r["kind"], "open");
    assert_eq!(r["level"], "none");
    // Nothing else in this compliant example is a result: the waivers of PLAT-DOEL-02 and PLAT-CERT-01.
    assert_eq!(results(&log).len(), 2, "{:?}", results(&log));
}

/// A waiver that has expired does not waive: the result is a plain, unsuppressed fail that
/// still shows the expired waiver.
#[test]
fn expired_waiver_is_not_a_suppression() {
    let file = "tests/data/bad/waivers/expired.toml";
    let log = sarif(file);
    assert_valid(&validator(), &log, file);
    let r = result(&log, "PLAT-TELEM-01", "zoom");
    assert_eq!(r["kind"], "fail");
    assert_eq!(r["properties"]["state"], "fail");
    assert_eq!(r["suppressions"], serde_json::json!([]));
    assert_eq!(r["properties"]["waiver"]["expired"], true);
}

/// A check that cannot be evaluated is a policy error: beeldbel fails closed on it, so it is a
/// `fail` result with its severity's level, and a tool execution notification names the rule.
#[test]
fn policy_error_is_a_failing_result_and_a_notification() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("error-policy.toml");
    std::fs::write(&policy, ERROR_POLICY).unwrap();
    let policy = policy.to_str().unwrap();
    let log = json_of(
        &report(&["--policy", policy], HOSTILE_ORG, "sarif"),
        "SARIF",
    );
    assert_valid(&validator(), &log, "a policy with a broken check");
    let r = result(&log, "ERR-ORG-01", "organisation");
    assert_eq!(r["properties"]["state"], "error");
    assert_eq!(r["kind"], "fail");
    assert_eq!(r["level"], "error");
    let invocation = &run0(&log)["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("toolExecutionNotifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["associatedRule"]["id"], "ERR-ORG-01");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("fout in het beleid"),
        "{}",
        notes[0]
    );
}

/// One result per fail, unknown, error or waived outcome; none for pass or not applicable.
#[test]
fn result_count_matches_the_json_counts() {
    for file in EXAMPLES {
        let json = json(file);
        let counts = &json["organisations"][0]["counts"];
        let n = |k: &str| counts[k].as_u64().unwrap() as usize;
        let log = sarif(file);
        let results = results(&log);
        assert_eq!(
            results.len(),
            n("fail") + n("unknown") + n("error") + n("waived"),
            "{file}: {counts}"
        );
        for state in ["fail", "unknown", "error", "waived"] {
            let in_sarif = results
                .iter()
                .filter(|r| r["properties"]["state"] == state)
                .count();
            assert_eq!(in_sarif, n(state), "{file}: {state}");
        }
        // §3.27.23: `suppressions` on every result of the run or on none.
        assert!(
            results.iter().all(|r| r["suppressions"].is_array()),
            "{file}"
        );
        let suppressed = results
            .iter()
            .filter(|r| !r["suppressions"].as_array().unwrap().is_empty())
            .count();
        assert_eq!(suppressed, n("waived"), "{file}");
        for r in results {
            let (kind, level) = (r["kind"].as_str().unwrap(), r["level"].as_str().unwrap());
            // §3.27.9: a level other than `none` only with kind `fail`.
            assert!(kind == "fail" || level == "none", "{file}: {r}");
        }
    }
}

#[test]
fn rules_are_the_requirements_with_levels_by_severity() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(file);
    let log = sarif(file);
    let rules = run0(&log)["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected: Vec<&str> = outcomes(&json)
        .iter()
        .map(|o| o["requirement"].as_str().unwrap())
        .collect();
    ids.sort();
    expected.sort();
    expected.dedup();
    assert_eq!(ids, expected, "one rule per requirement that occurs");

    for o in outcomes(&json) {
        let rule = rules.iter().find(|r| r["id"] == o["requirement"]).unwrap();
        let level = match o["severity"].as_str().unwrap() {
            "high" => "error",
            "medium" => "warning",
            "low" => "note",
            s => panic!("severity {s}"),
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level, "{rule}");
        assert_eq!(rule["properties"]["severity"], o["severity"]);
        assert_eq!(rule["properties"]["references"], o["references"]);
        assert_eq!(rule["shortDescription"]["text"], o["title"]["nl"]);
        let help = rule["help"]["text"].as_str().unwrap();
        assert!(
            help.contains(o["remediation"]["nl"].as_str().unwrap().trim()),
            "{help}"
        );
        for reference in o["references"].as_array().unwrap() {
            assert!(help.contains(reference.as_str().unwrap()), "{help}");
        }
    }
    for r in results(&log) {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        // A fail takes the level of its rule.
        if r["kind"] == "fail" {
            assert_eq!(r["level"], rules[index]["defaultConfiguration"]["level"]);
        }
    }
    let driver = &run0(&log)["tool"]["driver"];
    assert_eq!(driver["name"], "beeldbel");
    assert_eq!(driver["version"], json["tool"]["version"]);
    assert!(driver.get("informationUri").is_none(), "no invented URL");
}

#[test]
fn artifacts_and_provenance_are_in_the_run() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(file);
    let log = sarif(file);
    let run = run0(&log);
    let artifacts = run["artifacts"].as_array().expect("artifacts");
    assert_eq!(artifacts.len(), 1);
    assert_eq!(artifacts[0]["location"]["uri"], file);
    assert_eq!(
        artifacts[0]["hashes"]["sha-256"],
        json["organisations"][0]["sha256"]
    );
    assert_eq!(
        results(&log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["index"],
        0
    );

    let p = &run["properties"];
    assert_eq!(p["tool_version"], json["tool"]["version"]);
    assert_eq!(p["evaluated_on"], TODAY);
    assert_eq!(p["fail_on"], json["fail_on"]);
    assert_eq!(p["verdict"], "non_compliant");
    for key in ["id", "version", "sha256"] {
        assert_eq!(p["policy"][key], json["policy"][key], "policy.{key}");
    }
    assert_eq!(p["catalogue"]["sha256"], json["catalogue"]["sha256"]);
    assert_eq!(
        p["catalogue"]["oldest_fact"],
        json["catalogue"]["oldest_fact"]
    );
    assert_eq!(p["notice"], json["notice"]["nl"]);
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

/// Evidence travels with the result: the fact, its source URL and the date it was checked.
#[test]
fn evidence_is_in_the_result_properties() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let json = json(file);
    let log = sarif(file);
    let o = outcome(&json, "PLAT-VWO-01", "whatsapp");
    let r = result(&log, "PLAT-VWO-01", "whatsapp");
    assert_eq!(r["properties"]["evidence"], o["evidence"]);
    let e = &r["properties"]["evidence"][0];
    assert_eq!(e["attribute"], "processor_agreement");
    assert_eq!(e["value"], false);
    assert!(
        e["source"]["url"].as_str().unwrap().starts_with("https://"),
        "{e}"
    );
    assert_eq!(e["source"]["checked"], json["catalogue"]["oldest_fact"]);
}

/// Fingerprints identify an outcome across runs (so a code-scanning tool can track it) and are
/// unique within a run.
#[test]
fn fingerprints_are_stable_and_unique() {
    let file = "docs/examples/zelfstandige-whatsapp.toml";
    let fingerprints = |log: &Value| -> Vec<String> {
        results(log)
            .iter()
            .map(|r| r["partialFingerprints"]["beeldbel/outcome/v1"].to_string())
            .collect()
    };
    let first = fingerprints(&sarif(file));
    let second = fingerprints(&sarif(file));
    assert_eq!(first, second);
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "{first:?}");
}

/// An absolute path with a space and non-ASCII letters becomes a percent-encoded `file://` URI
/// (and the document stays valid); relative paths stay relative to `%SRCROOT%`.
#[test]
fn unusual_file_names_are_valid_uris() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("één org.toml");
    std::fs::copy(
        root().join("docs/examples/zelfstandige-whatsapp.toml"),
        &path,
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let log = sarif(file);
    assert_valid(&validator(), &log, file);
    let location = &run0(&log)["artifacts"][0]["location"];
    let uri = location["uri"].as_str().unwrap();
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(uri.ends_with("/%C3%A9%C3%A9n%20org.toml"), "{uri}");
    assert!(location.get("uriBaseId").is_none(), "{location}");
}

/// Two organisation files in one check: two artifacts, and each result points at its own file.
#[test]
fn several_files_are_several_artifacts() {
    let out = bb()
        .args(["check", EXAMPLES[0], EXAMPLES[2], "--format", "sarif"])
        .output()
        .expect("run beeldbel");
    let log = json_of(&String::from_utf8(out.stdout).unwrap(), "SARIF");
    assert_valid(&validator(), &log, "two organisation files");
    let run = run0(&log);
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), 2);
    assert_eq!(artifacts[0]["location"]["uri"], EXAMPLES[0]);
    assert_eq!(artifacts[1]["location"]["uri"], EXAMPLES[2]);
    let mut per_file = [0, 0];
    for r in results(&log) {
        let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        let index = location["index"].as_u64().unwrap() as usize;
        assert_eq!(location["uri"], artifacts[index]["location"]["uri"], "{r}");
        per_file[index] += 1;
    }
    // arbodienst: the two waivers; reintegratie-onvolledig: its unknowns.
    assert_eq!(per_file[0], 2);
    assert!(per_file[1] >= 5, "{per_file:?}");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    ids.sort();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "one rule per requirement, not per file");
}

/// Hostile strings are JSON data, kept exactly.
#[test]
fn hostile_strings_are_kept_exactly() {
    let log = hostile_sarif();
    let json = json_of(
        &report(&["--policy", HOSTILE_POLICY], HOSTILE_ORG, "json"),
        "JSON report",
    );
    let name = json["organisations"][0]["name"].as_str().unwrap();
    assert!(name.contains("<script>") && name.contains('\n'), "{name}");
    let run = run0(&log);
    assert_eq!(run["properties"]["organisations"][0]["name"], name);
    assert_eq!(run["properties"]["policy"]["id"], "hostile-<policy>");
    let r = result(&log, "XSS-ORG-01", "organisation");
    assert!(
        r["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Titel met & en <script>alert(2)</script> en \"quotes\" | pipe"),
        "{r}"
    );
    assert_eq!(results(&log).len(), 2);
}
