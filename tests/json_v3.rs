//! The JSON report of `schema_version` 3: what repeats is listed once and referred to by key.
//! Every key an outcome refers to is listed; `report --from` on a version 1, 2 and 3 file of one
//! check gives the same report; a batch reads back as it was checked; facts of an overlay and of
//! organisation files keep keys of their own; a key that is not listed is a clear error.

mod common;

use common::{ARBODIENST, EXAMPLES, Run, WHATSAPP, raw, root};
use serde_json::Value;

const SAVED: &str = "tests/data/saved";
/// The date the saved fixtures of `tests/data/saved/` were checked on.
const FIXTURE_DAY: &str = "2026-12-01";
const OVERLAYS: &str = "tests/data/overlays";

/// `beeldbel ARGS…` (no `--today` of its own: the tests here give the fixtures' date).
fn run(args: &[&str]) -> Run {
    Run::of(raw().args(args).output().expect("run beeldbel"))
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&beeldbel::results::json_schema()).expect("a valid JSON Schema")
}

fn assert_schema_valid(json: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// `key` of an outcome of `subject`, with a leading full stop made absolute (the deployment's
/// `platform/edition`), as docs/reports.md says a reader resolves it.
fn absolute(key: &str, org: &Value, subject: &str, field: bool) -> String {
    if !key.starts_with('.') {
        return key.to_string();
    }
    let d = org["deployments"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == subject))
        .unwrap_or_else(|| panic!("relative {key} of {subject}, which is no deployment"));
    if field {
        format!("deployments[{}]{key}", d["id"].as_str().unwrap())
    } else {
        format!(
            "{}/{}{key}",
            d["platform"].as_str().unwrap(),
            d["edition"].as_str().unwrap()
        )
    }
}

/// Follows every reference of a version 3 document by hand (the rules of docs/reports.md) and
/// returns how many it followed.
fn resolve_every_key(doc: &Value) -> usize {
    let mut followed = 0;
    let fact = |key: &str, org: &Value| -> (Value, &'static str) {
        match org["facts"].get(key) {
            Some(f) => (f.clone(), "org"),
            None => (
                doc["facts"]
                    .get(key)
                    .unwrap_or_else(|| panic!("fact {key} is not listed"))
                    .clone(),
                "report",
            ),
        }
    };
    for org in doc["organisations"].as_array().expect("organisations") {
        for d in org["deployments"].as_array().expect("deployments") {
            let key = format!(
                "{}/{}",
                d["platform"].as_str().unwrap(),
                d["edition"].as_str().unwrap()
            );
            assert!(
                d.get("names").is_some() || doc["edition_names"].get(&key).is_some(),
                "edition {key} is not listed"
            );
            followed += 1;
        }
        for o in org["outcomes"].as_array().expect("outcomes") {
            let subject = o["subject"].as_str().expect("subject");
            let req = o["requirement"].as_str().expect("requirement");
            assert!(
                doc["requirements"].get(req).is_some() || o.get("title").is_some(),
                "requirement {req} is not listed"
            );
            if let Some(k) = o.get("message_key") {
                let k = k.as_str().unwrap();
                assert!(doc["messages"].get(k).is_some(), "message {k}");
                followed += 1;
            }
            let keys = o["evidence"].as_array().into_iter().flatten().chain(
                o["because"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|b| b["evidence"].as_array().into_iter().flatten()),
            );
            for k in keys {
                let k = absolute(k.as_str().unwrap(), org, subject, false);
                let (f, level) = fact(&k, org);
                if let Some(s) = f["source"].as_str() {
                    let sources = if level == "org" {
                        &org["sources"]
                    } else {
                        &doc["sources"]
                    };
                    assert!(sources.get(s).is_some(), "source {s} of fact {k}");
                }
                followed += 1;
            }
            for i in o["inputs"].as_array().into_iter().flatten() {
                let field = absolute(i[0].as_str().unwrap(), org, subject, true);
                assert!(
                    field.starts_with("deployments[") || !field.starts_with('.'),
                    "{field}"
                );
            }
        }
    }
    followed
}

fn check_json(files: &[&str]) -> Run {
    let mut args = vec!["--today", FIXTURE_DAY, "-q", "check"];
    args.extend(files);
    args.extend(["--format", "json"]);
    run(&args)
}

/// `check --format json` of every example is version 3, valid against the schema of
/// `beeldbel schema report`, and every key its outcomes refer to is listed.
#[test]
fn every_reference_resolves_and_the_report_is_schema_valid() {
    let r = check_json(&EXAMPLES);
    let doc = r.json();
    assert_eq!(doc["schema_version"], 3);
    assert_schema_valid(&doc);
    assert!(resolve_every_key(&doc) > 50);
    // The requirement texts are listed once, not in the outcomes.
    assert!(doc["requirements"]["AVG-DPIA-01"]["title"]["nl"].is_string());
    let first = &doc["organisations"][0]["outcomes"][0];
    assert!(first.get("title").is_none() && first.get("remediation").is_none());
    // One outcome per line.
    let lines = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("{\"requirement\":"))
        .count();
    let outcomes: usize = doc["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["outcomes"].as_array().unwrap().len())
        .sum();
    assert_eq!(lines, outcomes);
}

fn report_from(path: &str, format: &str) -> Run {
    run(&["report", "--from", path, "--format", format])
}

/// The same check saved by an earlier beeldbel as version 1 (texts frozen in Dutch) and version 2
/// (tests/data/saved/, written before version 3) and saved now as version 3 renders as the same
/// report, in every format that shows the texts.
#[test]
fn report_from_reads_version_1_2_and_3_alike() {
    let dir = tempfile::tempdir().unwrap();
    let v3 = dir.path().join("arbodienst.v3.json");
    let now = check_json(&[ARBODIENST]);
    std::fs::write(&v3, &now.stdout).unwrap();
    let v3 = v3.to_str().unwrap();
    let v1 = format!("{SAVED}/arbodienst.v1.json");
    let v2 = format!("{SAVED}/arbodienst.v2.json");
    for format in ["text", "markdown", "html", "junit", "sarif"] {
        let from3 = report_from(v3, format);
        from3.code(0);
        for old in [&v1, &v2] {
            let from_old = report_from(old, format);
            from_old.code(0);
            assert_eq!(from_old.stdout, from3.stdout, "{format} of {old}");
        }
    }
    // A version 2 file written again as JSON is the version 3 file of the same check.
    assert_eq!(report_from(&v2, "json").stdout, now.stdout);
    let checked = run(&["--today", FIXTURE_DAY, "-q", "check", ARBODIENST]);
    assert_eq!(report_from(v3, "text").stdout, checked.stdout);
}

/// A batch of organisations, saved as JSON, reads back as it was checked, in every format.
#[test]
fn a_batch_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("batch.json");
    let r = check_json(&EXAMPLES);
    std::fs::write(&saved, &r.stdout).unwrap();
    for format in ["text", "markdown", "html", "junit", "sarif"] {
        let mut args = vec!["--today", FIXTURE_DAY, "-q", "check"];
        args.extend(EXAMPLES);
        args.extend(["--format", format]);
        let checked = run(&args);
        let again = report_from(saved.to_str().unwrap(), format);
        assert_eq!(again.code, checked.code, "{format}");
        assert_eq!(again.stdout, checked.stdout, "{format}");
    }
    // The saved version 2 batch (written before version 3) renders as its version 3 form does.
    let v2 = format!("{SAVED}/batch.v2.json");
    let v3 = dir.path().join("batch.v3.json");
    std::fs::write(&v3, report_from(&v2, "json").stdout).unwrap();
    assert_eq!(
        report_from(&v2, "markdown").stdout,
        report_from(v3.to_str().unwrap(), "markdown").stdout
    );
}

/// A catalogue fact, the fact an overlay corrects and the facts two organisation files give
/// their deployments have keys of their own, and each resolves to what that outcome read.
#[test]
fn facts_of_overlays_and_organisation_files_keep_their_own_keys() {
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("tweede.toml");
    std::fs::copy(format!("{OVERLAYS}/org.toml"), &second).unwrap();
    let second = second.to_str().unwrap().to_string();
    let first = format!("{OVERLAYS}/org.toml");
    let overlay = format!("{OVERLAYS}/fg-contract.toml");
    let base = [
        "--today",
        FIXTURE_DAY,
        "--policy",
        &format!("{OVERLAYS}/policy.toml"),
        "--platforms",
        &format!("{OVERLAYS}/catalogue"),
        "--facts",
        &overlay,
        "-q",
        "check",
        &first,
        &second,
    ]
    .map(str::to_string)
    .to_vec();
    let with = |extra: &[&str]| {
        let mut a = base.clone();
        a.extend(extra.iter().map(|s| s.to_string()));
        run(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let json = with(&["--format", "json"]);
    let doc = json.json();
    assert_schema_valid(&doc);
    resolve_every_key(&doc);
    let facts = doc["facts"].as_object().unwrap();
    assert!(
        facts
            .keys()
            .any(|k| k.ends_with("@tests/data/overlays/fg-contract.toml")),
        "an overlay fact: {:?}",
        facts.keys().collect::<Vec<_>>()
    );
    // Each organisation lists its own fact under its own file and deployment.
    let own: Vec<Vec<String>> = doc["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["facts"].as_object().unwrap().keys().cloned().collect())
        .collect();
    assert_eq!(own.len(), 2);
    assert!(
        own[0].iter().all(|k| k.contains("org.toml#eigen")),
        "{own:?}"
    );
    assert!(
        own[1].iter().all(|k| k.contains("tweede.toml#eigen")),
        "{own:?}"
    );
    assert!(!own[0].is_empty() && own[0] != own[1]);
    // What each outcome read is what it reads back as, in every format.
    let saved = dir.path().join("saved.json");
    std::fs::write(&saved, &json.stdout).unwrap();
    for format in ["text", "markdown", "html", "sarif", "junit"] {
        let checked = with(&["--format", format]);
        let again = report_from(saved.to_str().unwrap(), format);
        assert_eq!(again.stdout, checked.stdout, "{format}");
    }
    let v = common::report_value(&json.stdout);
    let eigen = v["organisations"][0]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["subject"] == "eigen" && !o["evidence"].as_array().unwrap().is_empty())
        .expect("an outcome of eigen with evidence");
    assert!(
        eigen["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["origin"]["kind"] == "organisation" && e["source"]["title"].is_string()),
        "{eigen:#}"
    );
}

/// A version 3 file that refers to a fact it does not list is refused (exit 2, BB054), naming the
/// key and the line where it is referred to; nothing is written.
#[test]
fn a_dangling_reference_is_an_error_naming_the_key() {
    let r = check_json(&[WHATSAPP]);
    let doc = r.json();
    let key = doc["facts"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .expect("a fact")
        .clone();
    let text: String = r
        .stdout
        .lines()
        .filter(|l| !l.starts_with(&format!("    {}:", serde_json::to_string(&key).unwrap())))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kapot.json");
    std::fs::write(&path, text).unwrap();
    let out = run(&["report", "--from", path.to_str().unwrap()]);
    out.code(2);
    assert!(out.stdout.is_empty(), "{}", out.show());
    assert!(out.stderr.contains("BB054"), "{}", out.stderr);
    let attribute = key.rsplit('.').next().unwrap();
    assert!(out.stderr.contains(attribute), "{}", out.stderr);
    assert!(
        out.stderr.contains("kapot.json:") && out.stderr.contains("feit"),
        "{}",
        out.stderr
    );
    // In English too.
    let en = run(&["--lang", "en", "report", "--from", path.to_str().unwrap()]);
    en.code(2);
    assert!(
        en.stderr.contains("which it does not list"),
        "{}",
        en.stderr
    );
}

/// Loosely: an organisation of the examples takes a few KB, not the ~60 KB of version 2.
#[test]
fn an_organisation_takes_a_few_kilobytes() {
    let r = check_json(&EXAMPLES);
    let at = r.stdout.find("\"organisations\"").expect("organisations");
    let per_org = (r.stdout.len() - at) / EXAMPLES.len();
    assert!(per_org < 10_000, "{per_org} bytes per organisation");
    let v2 = std::fs::metadata(root().join(SAVED).join("batch.v2.json"))
        .unwrap()
        .len() as usize;
    let v3 = check_json(&[ARBODIENST, WHATSAPP]).stdout.len();
    assert!(v3 * 2 < v2, "version 3 {v3} bytes, version 2 {v2}");
}
