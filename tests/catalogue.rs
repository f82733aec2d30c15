//! The shipped catalogue keeps its promises: every attribute has a source with an https URL and
//! a `checked` date that is not in the future; no source is unused; edition ids are unique per
//! platform; the platforms and editions the contract names exist.

mod common;

use beeldbel::cli::Global;
use beeldbel::diag::{Files, Sink};

use common::{TODAY, raw};

fn load() -> (beeldbel::catalogue::Catalogue, Sink, Files) {
    let g = Global::default();
    let mut files = Files::default();
    let mut sink = Sink::default();
    let c = beeldbel::app::load_catalogue(&g, &mut files, &mut sink);
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
                        if !s.url.starts_with("https://") {
                            problems.push(format!(
                                "{}: source {} is not https: {}",
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
    for (platform, editions) in [
        ("teams", &["enterprise", "free"][..]),
        ("zoom", &["business", "basic"][..]),
        ("facetime", &["consumer"][..]),
        ("whatsapp", &["consumer"][..]),
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
    let report = check_json(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
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

/// The JSON report on stdout of `beeldbel ARGS…`, run from the crate root.
fn check_json(args: &[&str]) -> serde_json::Value {
    let out = raw().args(args).output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("no JSON: {}", String::from_utf8_lossy(&out.stderr)))
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
        report["organisations"][0]["deployments"][0]["platform_name"],
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
