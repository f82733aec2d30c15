//! The shipped catalogue keeps its promises: every attribute has a source with an https URL and
//! a `checked` date that is not in the future; no source is unused; edition ids are unique per
//! platform; the platforms and editions the contract names exist.

use beeldbel::cli::Global;
use beeldbel::diag::{Files, Sink};

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
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beeldbel"))
        .args(["check", "--today", "2026-11-23", "--format", "json"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/examples/zelfstandige-whatsapp.toml"
        ))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
