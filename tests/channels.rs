//! `beeldbel channels`: the register's list of channels. One edition of each rating (fictional
//! platforms in `tests/data/channels/catalogue/`), the conditions of one edition per embedded
//! platform, consumer editions without a processor agreement and retired services never better
//! than *niet acceptabel*, `--only`, every format (hostile strings as text), and snapshots of the
//! list for the embedded catalogue.

mod common;

use pulldown_cmark::{Event, Options, Parser};
use serde_json::Value;

use common::{Run, bb, root, snapshot_settings};

/// The fictional catalogue: veilig/zorg (acceptable), veilig/standaard (with conditions),
/// nieuwkomer/business (undetermined), oudbel/pro (retired).
const TEST_CATALOGUE: &str = "tests/data/channels/catalogue";
const HOSTILE_CATALOGUE: &str = "tests/data/channels/hostile.toml";
const NO_CHANNEL_RULE: &str = "tests/data/channels/policy-without-channel-rule.toml";

/// The Content-Security-Policy every page carries.
const CSP: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />"#;

/// `beeldbel --today 2026-11-23 [GLOBAL…] channels [ARGS…]`; it must succeed.
fn channels(global: &[&str], args: &[&str]) -> Run {
    let run = Run::of(
        bb().args(global)
            .arg("channels")
            .args(args)
            .output()
            .expect("run beeldbel"),
    );
    run.code(0);
    run
}

fn json(global: &[&str], args: &[&str]) -> Value {
    let mut a = vec!["--format", "json"];
    a.extend_from_slice(args);
    channels(global, &a).json()
}

fn edition<'a>(list: &'a Value, platform: &str, edition: &str) -> &'a Value {
    list["editions"]
        .as_array()
        .expect("editions")
        .iter()
        .find(|e| e["platform"] == platform && e["edition"] == edition)
        .unwrap_or_else(|| panic!("no edition {platform}/{edition} in the list"))
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .expect("an array")
        .iter()
        .map(|x| x[key].as_str().expect("a string").to_string())
        .collect()
}

/// The settings named in an edition's conditions, in order.
fn condition_settings(e: &Value) -> Vec<String> {
    strs(&e["conditions"], "setting")
}

#[test]
fn one_edition_of_each_rating() {
    let list = json(&["--platforms", TEST_CATALOGUE], &[]);

    let zorg = edition(&list, "veilig", "zorg");
    assert_eq!(zorg["rating"], "acceptable", "{zorg:#}");
    assert_eq!(zorg["conditions"], serde_json::json!([]));
    assert_eq!(zorg["reasons"], serde_json::json!([]));
    assert_eq!(zorg["missing_facts"], serde_json::json!([]));
    assert_eq!(zorg["defaults_in_catalogue"], true);

    let standaard = edition(&list, "veilig", "standaard");
    assert_eq!(standaard["rating"], "acceptable_with_conditions");
    assert_eq!(
        condition_settings(standaard),
        [
            "waiting_room_enabled",
            "recording",
            "mfa_enforced",
            "telemetry_minimised"
        ]
    );
    let recording = &standaard["conditions"][1];
    assert_eq!(recording["default"], "cloud");
    assert_eq!(recording["default_from"], "default_recording");
    assert_eq!(recording["required"], "disabled");
    assert_eq!(
        recording["requirements"],
        serde_json::json!(["PLAT-DEFAULT-01", "PLAT-OPNAME-01"])
    );
    assert!(
        recording["instruction"]
            .as_str()
            .unwrap()
            .contains("opnemen in de beheeromgeving uit"),
        "{recording:#}"
    );

    let nieuwkomer = edition(&list, "nieuwkomer", "business");
    assert_eq!(nieuwkomer["rating"], "undetermined");
    assert_eq!(
        nieuwkomer["missing_facts"],
        serde_json::json!([
            { "attribute": "content_own_use", "requirements": ["PLAT-DOEL-01"] },
            { "attribute": "metadata_own_use", "requirements": ["PLAT-DOEL-02"] }
        ])
    );
    assert_eq!(nieuwkomer["reasons"], serde_json::json!([]));

    let oudbel = edition(&list, "oudbel", "pro");
    assert_eq!(oudbel["rating"], "not_acceptable");

    assert_eq!(
        list["counts"],
        serde_json::json!({
            "acceptable": 1, "acceptable_with_conditions": 1, "undetermined": 1, "not_acceptable": 1
        })
    );
}

#[test]
fn whatsapp_consumer_is_not_acceptable_with_the_facts_and_their_sources() {
    let list = json(&[], &[]);
    let whatsapp = edition(&list, "whatsapp", "consumer");
    assert_eq!(whatsapp["rating"], "not_acceptable");
    let reasons = &whatsapp["reasons"];
    assert!(
        strs(reasons, "requirement")
            .iter()
            .any(|r| r == "PLAT-VWO-01"),
        "{reasons:#}"
    );
    let vwo = reasons
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == "PLAT-VWO-01")
        .unwrap();
    let fact = &vwo["evidence"][0];
    assert_eq!(fact["attribute"], "processor_agreement");
    assert_eq!(fact["value"], false);
    assert_eq!(fact["source"]["key"], "whatsapp-privacy");
    assert!(
        fact["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(fact["source"]["checked"], "2026-11-23");
    let doel = reasons
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == "PLAT-DOEL-02")
        .expect("the vendor's own use of metadata is a reason");
    assert_eq!(doel["evidence"][0]["attribute"], "metadata_own_use");
    assert_eq!(doel["evidence"][0]["value"], "analytics_marketing");

    // The text says it, with the source.
    let text = channels(&[], &[]).stdout;
    assert!(text.contains("✗ NIET ACCEPTABEL — WhatsApp: WhatsApp (consumer app)"));
    assert!(text.contains("WhatsApp Privacy Policy, European Region"));
}

#[test]
fn conditions_for_one_edition_per_embedded_platform() {
    let list = json(&[], &[]);
    // Zoom Business: every setting a condition, none of the defaults in the catalogue.
    let zoom = edition(&list, "zoom", "business");
    assert_eq!(
        condition_settings(zoom),
        [
            "data_region",
            "e2ee_enabled",
            "waiting_room_enabled",
            "meeting_protection_enabled",
            "recording",
            "mfa_enforced",
            "telemetry_minimised"
        ]
    );
    assert!(
        zoom["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["default"].is_null()),
        "no default settings are in the catalogue: {zoom:#}"
    );
    assert_eq!(zoom["conditions"][0]["required"], "EU");
    // Teams: EU storage is the default for EU tenants (eu_data_residency = "default"), so the
    // region is no condition; E2EE is optional, so it is.
    let teams = edition(&list, "teams", "enterprise");
    assert_eq!(
        condition_settings(teams),
        [
            "e2ee_enabled",
            "waiting_room_enabled",
            "meeting_protection_enabled",
            "recording",
            "mfa_enforced",
            "telemetry_minimised"
        ]
    );
    // WhatsApp: E2EE is always on; there is no EU region to choose; MFA (two-step PIN) exists.
    let whatsapp = edition(&list, "whatsapp", "consumer");
    assert_eq!(
        condition_settings(whatsapp),
        ["mfa_enforced", "telemetry_minimised"]
    );
    // FaceTime: E2EE always on; whether MFA can be enforced is not in the catalogue.
    let facetime = edition(&list, "facetime", "consumer");
    assert_eq!(condition_settings(facetime), ["telemetry_minimised"]);
    assert_eq!(facetime["settings"][1]["setting"], "e2ee_enabled");
    assert_eq!(facetime["settings"][1]["default"], true);
    assert_eq!(facetime["settings"][1]["default_from"], "e2ee");
}

#[test]
fn consumer_editions_without_a_processor_agreement_are_never_better_than_not_acceptable() {
    let list = json(&[], &[]);
    let mut files = beeldbel::diag::Files::default();
    let mut sink = beeldbel::diag::Sink::default();
    let catalogue =
        beeldbel::model::inputs::Sources::default().load_catalogue(&mut files, &mut sink);
    let mut seen = 0;
    for p in &catalogue.platforms {
        for e in &p.editions {
            let no_agreement = e
                .facts
                .get("processor_agreement")
                .and_then(|f| f.value.as_bool())
                == Some(false);
            if e.kind == "consumer" && no_agreement {
                seen += 1;
                let rated = edition(&list, &p.id, &e.id);
                assert_eq!(rated["rating"], "not_acceptable", "{}/{}", p.id, e.id);
                assert!(
                    strs(&rated["reasons"], "requirement")
                        .iter()
                        .any(|r| r == "PLAT-VWO-01"),
                    "{}/{}: {rated:#}",
                    p.id,
                    e.id
                );
            }
        }
    }
    assert!(
        seen >= 2,
        "the embedded catalogue has such editions (WhatsApp, FaceTime)"
    );
}

#[test]
fn a_retired_platform_is_not_acceptable() {
    let list = json(&["--platforms", TEST_CATALOGUE], &[]);
    let oudbel = edition(&list, "oudbel", "pro");
    assert_eq!(oudbel["rating"], "not_acceptable");
    let kanaal = &oudbel["reasons"][0];
    assert_eq!(kanaal["requirement"], "BEROEP-KANAAL-01");
    assert_eq!(kanaal["evidence"][0]["attribute"], "status");
    assert_eq!(kanaal["evidence"][0]["value"], "retired");

    // Also under a policy that lacks the channel rule: the status fact decides by itself.
    let list = json(
        &["--platforms", TEST_CATALOGUE, "--policy", NO_CHANNEL_RULE],
        &[],
    );
    assert_eq!(edition(&list, "veilig", "zorg")["rating"], "acceptable");
    let oudbel = edition(&list, "oudbel", "pro");
    assert_eq!(oudbel["rating"], "not_acceptable");
    let status = &oudbel["reasons"][0];
    assert!(status.get("requirement").is_none(), "{status:#}");
    assert_eq!(status["evidence"][0]["value"], "retired");
    assert_eq!(status["evidence"][0]["source"]["key"], "oudbel-end");
}

#[test]
fn only_filters_by_rating() {
    let all = json(&["--platforms", TEST_CATALOGUE], &[]);
    let acceptable = json(&["--platforms", TEST_CATALOGUE], &["--only", "acceptable"]);
    assert_eq!(
        strs(&acceptable["editions"], "rating"),
        ["acceptable"],
        "{acceptable:#}"
    );
    assert_eq!(acceptable["only"], "acceptable");
    // The counts stay those of the whole catalogue.
    assert_eq!(acceptable["counts"], all["counts"]);

    let conditional = json(&["--platforms", TEST_CATALOGUE], &["--only", "conditional"]);
    assert_eq!(
        strs(&conditional["editions"], "rating"),
        ["acceptable", "acceptable_with_conditions"]
    );

    let text = channels(&["--platforms", TEST_CATALOGUE], &["--only", "acceptable"]).stdout;
    assert!(text.contains("veilig/zorg"), "{text}");
    for other in ["veilig/standaard", "nieuwkomer/business", "oudbel/pro"] {
        assert!(!text.contains(other), "{other} listed: {text}");
    }
    assert!(text.contains("Alleen edities die acceptabel zijn (1)."));

    // The embedded catalogue has no acceptable edition: an empty list, still a success.
    let empty = channels(&[], &["--only", "acceptable"]).stdout;
    assert!(
        empty.contains("geen edities met deze beoordeling"),
        "{empty}"
    );
}

#[test]
fn sorted_by_rating_then_name() {
    let list = json(&["--platforms", TEST_CATALOGUE], &[]);
    let order: Vec<String> = list["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}/{}",
                e["platform"].as_str().unwrap(),
                e["edition"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            "veilig/zorg",
            "veilig/standaard",
            "nieuwkomer/business",
            "oudbel/pro"
        ]
    );
    let embedded = json(&[], &[]);
    let order: Vec<(String, String)> = embedded["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["rating"].as_str().unwrap().to_string(),
                e["platform_name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let rank = |r: &str| {
        [
            "acceptable",
            "acceptable_with_conditions",
            "undetermined",
            "not_acceptable",
        ]
        .iter()
        .position(|x| *x == r)
        .unwrap()
    };
    for w in order.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (rank(&a.0), a.1.to_lowercase()) <= (rank(&b.0), b.1.to_lowercase()),
            "{order:?}"
        );
    }
}

#[test]
fn json_carries_provenance_and_every_fact_with_its_source() {
    let list = json(&[], &[]);
    assert_eq!(list["schema_version"], 1);
    assert_eq!(list["evaluated_on"], "2026-11-23");
    assert_eq!(list["policy"]["id"], "avg-beeldbellen");
    assert_eq!(list["policy"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(list["catalogue"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(list["catalogue"]["oldest_fact"], "2026-11-23");
    // Every edition of the embedded catalogue is rated.
    let (catalogue, _, _) = {
        let g = beeldbel::model::inputs::Sources::default();
        let mut files = beeldbel::diag::Files::default();
        let mut sink = beeldbel::diag::Sink::default();
        (g.load_catalogue(&mut files, &mut sink), files, sink)
    };
    let editions: usize = catalogue.platforms.iter().map(|p| p.editions.len()).sum();
    assert_eq!(list["editions"].as_array().unwrap().len(), editions);
    assert!(editions >= 19, "{editions}");
    for e in list["editions"].as_array().unwrap() {
        for f in e["facts"].as_array().unwrap() {
            assert!(f["source"]["url"].is_string(), "{f:#}");
        }
    }
    // The requirements under both profiles: defaults unknown, protective passing.
    let zoom = edition(&list, "zoom", "business");
    let e2ee = zoom["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == "PLAT-E2EE-01")
        .unwrap();
    assert_eq!(e2ee["defaults"], "unknown");
    assert_eq!(e2ee["protective"], "pass");
}

#[test]
fn markdown_is_commonmark_with_hostile_strings_as_text() {
    let md = channels(
        &["--platforms", HOSTILE_CATALOGUE],
        &["--format", "markdown"],
    )
    .stdout;
    let mut text = String::new();
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("raw HTML in the Markdown: {h:?}\n{md}")
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    assert!(
        text.contains(
            "<script>alert(1)</script> & \"Kanaal\" | *vet* [link](https://evil.example) `x`"
        ),
        "{text}"
    );
    assert!(text.contains("<img src=x onerror=alert(2)> B.V."));
    // Only the catalogue's source address is a link.
    let links: Vec<String> = Parser::new_ext(&md, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert!(!links.is_empty());
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://example.org/a?b=")),
        "{links:?}"
    );
}

/// The page's text with the entities minijinja writes turned back into characters.
fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

#[test]
fn html_is_self_contained_and_publishable() {
    let page = channels(&[], &["--format", "html"]).stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(CSP), "the CSP meta tag");
    assert!(!page.contains("<script"), "no script");
    assert!(!page.contains("src="), "nothing loaded");
    assert!(!page.contains("<link"), "no stylesheet loaded");
    assert!(page.contains("@media print"));
    // The date, the policy version and every fact's source.
    assert!(page.contains("2026-11-23"));
    assert!(page.contains("avg-beeldbellen</strong> 2026.2"));
    let list = json(&[], &[]);
    let decoded = decode(&page);
    for e in list["editions"].as_array().unwrap() {
        for f in e["facts"].as_array().unwrap() {
            let url = f["source"]["url"].as_str().unwrap();
            assert!(
                decoded.contains(&format!("href=\"{url}\"")),
                "{url} is no link on the page"
            );
        }
    }
    // English.
    let en = channels(&["--lang", "en"], &["--format", "html"]).stdout;
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("not acceptable"));
}

#[test]
fn html_shows_hostile_strings_as_text() {
    let page = channels(&["--platforms", HOSTILE_CATALOGUE], &["--format", "html"]).stdout;
    assert!(page.contains(CSP));
    for bad in [
        "<script",
        "<img",
        "<b>vet",
        "href=\"https://evil",
        "<!-- -->",
        "</td><b>",
    ] {
        assert!(!page.contains(bad), "`{bad}` in the page");
    }
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; &quot;Kanaal&quot;"));
    assert!(page.contains("&lt;img src=x onerror=alert(2)&gt; B.V."));
    assert!(!page.contains('\u{1b}'), "control characters neutralised");
}

#[test]
fn text_neutralises_control_characters() {
    let text = channels(&["--platforms", HOSTILE_CATALOGUE], &[]).stdout;
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("\u{FFFD}[31mrood"));
}

#[test]
fn output_file_and_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kanalen.html");
    let run = channels(&[], &["--format", "html", "-o", out.to_str().unwrap()]);
    assert!(run.stdout.is_empty());
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("</html>"));

    // A broken catalogue is an input error (exit 2), with the diagnostic.
    let bad = root().join("tests/data/bad/platform/unknown-attribute.toml");
    let run = Run::of(
        bb().args(["--platforms", bad.to_str().unwrap(), "channels"])
            .output()
            .unwrap(),
    );
    run.code(2);
    assert!(run.stderr.contains("BB002"), "{}", run.show());
    assert!(run.stdout.is_empty());
}

#[test]
fn a_default_setting_outside_its_values_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.toml");
    std::fs::write(
        &file,
        r#"
id = "p"
name = "P"
vendor = "P"
[attributes]
default_recording = { value = "sometimes", source = "s" }
[editions.e]
name = "E"
kind = "business"
[sources.s]
title = "S"
url = "https://example.org/"
checked = 2026-11-01
"#,
    )
    .unwrap();
    let run = Run::of(
        bb().args(["--platforms", file.to_str().unwrap(), "channels"])
            .output()
            .unwrap(),
    );
    run.code(2);
    assert!(run.stderr.contains("BB004"), "{}", run.show());
    assert!(
        run.stderr.contains("\"disabled\", \"local\", \"cloud\""),
        "{}",
        run.show()
    );
}

#[test]
fn the_embedded_list_as_text() {
    let text = channels(&[], &[]).stdout;
    snapshot_settings().bind(|| insta::assert_snapshot!("embedded_text", text));
}
