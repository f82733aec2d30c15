//! The shipped catalogue keeps its promises: every attribute has a source with an https URL and
//! a `checked` date that is not in the future; no source is unused; edition ids are unique per
//! platform; the platforms and editions the contract names exist.

mod common;

use beeldbel::diag::{Files, Sink};
use beeldbel::model::inputs::Sources;

use common::{TODAY, raw};

fn load() -> (beeldbel::model::catalogue::Catalogue, Sink, Files) {
    let g = Sources::default();
    let mut files = Files::default();
    let mut sink = Sink::default();
    let c = g.load_catalogue(&mut files, &mut sink);
    (c, sink, files)
}

#[test]
fn the_embedded_catalogue_loads_without_any_diagnostic() {
    let (_, sink, files) = load();
    let all: Vec<String> = sink.items.iter().map(|d| d.render(&files)).collect();
    assert!(all.is_empty(), "{}", all.join(""));
}

#[test]
fn every_shipped_attribute_has_a_dated_https_source() {
    let (c, _, _) = load();
    let today = chrono::Local::now().date_naive();
    let mut problems = Vec::new();
    for p in &c.platforms {
        for e in &p.editions {
            for f in e.facts.values() {
                match &f.source {
                    None => problems.push(format!("{}/{}.{} has no source", p.id, e.id, f.name)),
                    Some(s) => {
                        // The shipped catalogue cites public pages only.
                        if s.link().is_none() {
                            problems.push(format!(
                                "{}: source {} is not https: {:?}",
                                p.id, s.key, s.url
                            ));
                        }
                        if s.checked > today {
                            problems.push(format!(
                                "{}: source {} checked in the future ({})",
                                p.id, s.key, s.checked
                            ));
                        }
                        if s.title.trim().is_empty() {
                            problems.push(format!("{}: source {} has no title", p.id, s.key));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_platforms_and_editions_of_the_contract_exist() {
    let (c, _, _) = load();
    // The platform and edition ids of the contract (shared/platforms.md).
    for (platform, editions) in [
        ("teams", &["enterprise", "free"][..]),
        ("zoom", &["business", "basic"][..]),
        ("facetime", &["consumer"][..]),
        ("whatsapp", &["consumer"][..]),
        ("google-meet", &["workspace", "personal"][..]),
        ("webex", &["business", "free"][..]),
        ("jitsi", &["meet-jit-si", "self-hosted"][..]),
        ("signal", &["consumer"][..]),
        ("whereby", &["business", "free"][..]),
        ("bigbluebutton", &["self-hosted"][..]),
        ("nextcloud-talk", &["self-hosted"][..]),
        ("skype", &["consumer"][..]),
    ] {
        for e in editions {
            assert!(
                c.edition(platform, e).is_some(),
                "{platform}/{e} is missing"
            );
        }
        let p = c.platform(platform).unwrap();
        let mut ids: Vec<&str> = p.editions.iter().map(|e| e.id.as_str()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            p.editions.len(),
            "{platform}: duplicate edition ids"
        );
    }
}

#[test]
fn consumer_editions_without_a_processor_agreement_fail_the_channel() {
    // WhatsApp and FaceTime: the vendor is controller under consumer terms (sourced), so
    // PLAT-VWO-01 fails and the channel is never acceptable.
    let report = check_file("docs/examples/zelfstandige-whatsapp.toml");
    let outcomes = report["organisations"][0]["outcomes"].as_array().unwrap();
    let state = |req: &str| {
        outcomes
            .iter()
            .find(|o| o["requirement"] == req && o["subject"] == "whatsapp")
            .map(|o| o["state"].clone())
    };
    assert_eq!(state("PLAT-VWO-01"), Some("fail".into()));
    assert_eq!(state("BEROEP-KANAAL-01"), Some("fail".into()));
}

/// The JSON report of `beeldbel check --today TODAY --format json FILE`.
fn check_file(file: &str) -> serde_json::Value {
    check_json(&["check", "--today", TODAY, "--format", "json", file])
}

/// The JSON report on stdout of `beeldbel ARGS…`, run from the crate root.
fn check_json(args: &[&str]) -> serde_json::Value {
    let out = raw().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    if args.contains(&"channels") {
        return serde_json::from_str(&stdout)
            .unwrap_or_else(|_| panic!("no JSON: {}", String::from_utf8_lossy(&out.stderr)));
    }
    common::report_value(&stdout)
}

#[test]
fn facts_older_than_the_policy_allows_are_flagged_stale() {
    // The shipped facts were checked on 2026-11-23; the policy allows 540 days.
    let late = check_json(&[
        "check",
        "--today",
        "2028-06-01",
        "--format",
        "json",
        "docs/examples/arbodienst.toml",
    ]);
    let outcomes = late["organisations"][0]["outcomes"].as_array().unwrap();
    let fris = outcomes
        .iter()
        .find(|o| o["requirement"] == "PLAT-FRIS-01")
        .unwrap();
    assert_eq!(fris["state"], "fail");
    let evidence: Vec<&serde_json::Value> = outcomes
        .iter()
        .flat_map(|o| o["evidence"].as_array().unwrap())
        .collect();
    assert!(!evidence.is_empty());
    assert!(
        evidence.iter().all(|e| e["stale"] == true),
        "every fact is 556 days old"
    );

    let fresh = check_json(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "docs/examples/arbodienst.toml",
    ]);
    let outcomes = fresh["organisations"][0]["outcomes"].as_array().unwrap();
    assert!(
        outcomes
            .iter()
            .flat_map(|o| o["evidence"].as_array().unwrap())
            .all(|e| e["stale"] == false)
    );
}

#[test]
fn a_users_own_catalogue_replaces_the_embedded_one_and_is_shown_unsourced() {
    let report = check_json(&[
        "--platforms",
        "tests/data/good/own-catalogue",
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "docs/examples/arbodienst.toml",
    ]);
    assert_eq!(
        report["catalogue"]["origin"],
        "tests/data/good/own-catalogue"
    );
    assert_eq!(
        report["organisations"][0]["deployments"][0]["platform_name"]["nl"],
        "Zoom (eigen catalogus)"
    );
    let outcomes = report["organisations"][0]["outcomes"].as_array().unwrap();
    let vwo = outcomes
        .iter()
        .find(|o| o["requirement"] == "PLAT-VWO-01")
        .unwrap();
    assert_eq!(vwo["state"], "pass");
    assert_eq!(
        vwo["evidence"][0]["source"],
        serde_json::Value::Null,
        "a bare value is unsourced"
    );
    // Facts this catalogue lacks are unknown, never passed.
    let auth = outcomes
        .iter()
        .find(|o| o["requirement"] == "PLAT-AUTH-01")
        .unwrap();
    assert_eq!(auth["state"], "unknown");
    assert_eq!(auth["missing"][0], "catalogue:zoom/business.mfa_sso");
}

#[test]
fn platform_ids_are_unique_and_every_source_is_used() {
    let (c, sink, _) = load();
    let mut ids: Vec<&str> = c.platforms.iter().map(|p| p.id.as_str()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate platform ids");
    // An unused source is a BB032 warning; the embedded catalogue has none.
    assert!(
        !sink.items.iter().any(|d| d.code.id() == "BB032"),
        "an unused source in the embedded catalogue"
    );
}

#[test]
fn every_catalogue_attribute_the_policy_reads_is_in_the_schema() {
    let g = Sources::default();
    let mut files = Files::default();
    let mut sink = Sink::default();
    let policy = g.load_policy(&mut files, &mut sink);
    assert!(!sink.has_errors());
    let known: Vec<&str> = beeldbel::schema::defs::PLATFORM_VIEW
        .iter()
        .chain(beeldbel::schema::defs::ATTRIBUTES)
        .map(|f| f.name)
        .collect();
    let mut read = 0;
    for r in &policy.requirements {
        for c in std::iter::once(&r.check).chain(r.applies_if.as_ref()) {
            for p in c.reads.iter().filter(|p| p.var.name() == "platform") {
                read += 1;
                assert!(
                    known.contains(&p.fields[0].as_str()),
                    "{} reads platform.{} which the schema lacks",
                    r.id,
                    p.fields[0]
                );
            }
        }
    }
    assert!(read > 10, "the policy reads catalogue facts ({read})");
}

#[test]
fn self_hosted_editions_leave_installation_facts_to_the_organisation() {
    // Where it runs, who operates it and under which contract depend on the organisation's own
    // installation: those belong in its deployment, not in the catalogue.
    let (c, _, _) = load();
    let mut self_hosted = 0;
    for p in &c.platforms {
        for e in p.editions.iter().filter(|e| e.kind == "self_hosted") {
            self_hosted += 1;
            for attr in [
                "vendor_country",
                "dpf_certified",
                "processor_agreement",
                "eu_data_residency",
            ] {
                assert!(
                    !e.facts.contains_key(attr),
                    "{}/{} states {attr}, which depends on the installation",
                    p.id,
                    e.id
                );
            }
        }
    }
    assert!(self_hosted >= 3, "jitsi, bigbluebutton, nextcloud-talk");
}

#[test]
fn a_retired_platform_fails_the_channel_rule_and_is_never_acceptable() {
    let dir = tempfile::tempdir().unwrap();
    let org = std::fs::read_to_string(common::root().join("docs/examples/arbodienst.toml"))
        .unwrap()
        .replace("platform = \"zoom\"", "platform = \"skype\"")
        .replace("edition = \"business\"", "edition = \"consumer\"")
        .replace("id = \"zoom\"", "id = \"skype\"")
        .replace("deployment = \"zoom\"", "deployment = \"skype\"")
        .replace("covers = [\"zoom\"]", "covers = [\"skype\"]");
    let path = dir.path().join("skype.toml");
    std::fs::write(&path, org).unwrap();
    let report = check_file(path.to_str().unwrap());
    let kanaal = report["organisations"][0]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["requirement"] == "BEROEP-KANAAL-01")
        .expect("channel rule evaluated")
        .clone();
    assert_eq!(kanaal["state"], "fail", "{kanaal:#}");
    assert_eq!(report["organisations"][0]["verdict"], "non_compliant");

    let channels = check_json(&["--today", TODAY, "channels", "--format", "json"]);
    let skype = channels["editions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["platform"] == "skype")
        .expect("skype is rated");
    assert_eq!(skype["rating"], "not_acceptable");
}

#[test]
fn platforms_stale_lists_the_facts_past_the_policy_age() {
    let fresh = raw()
        .args(["--today", TODAY, "platforms", "--stale"])
        .output()
        .unwrap();
    assert_eq!(fresh.status.code(), Some(0));
    let text = String::from_utf8(fresh.stdout).unwrap();
    assert!(text.contains("geen verouderde feiten"), "{text}");

    // 2028-06-01: every fact checked on 2026-11-23 is 556 days old (the policy allows 540).
    let late = raw()
        .args(["--today", "2028-06-01", "platforms", "--stale"])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(0));
    let text = String::from_utf8(late.stdout).unwrap();
    assert!(text.contains("zoom/business"), "{text}");
    assert!(text.contains("processor_agreement"), "{text}");
    assert!(text.contains("556"), "the age in days is shown: {text}");
    assert!(text.contains("https://"), "the source is shown: {text}");
}
