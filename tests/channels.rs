//! `beeldbel channels`: the register's list of channels. One edition of each rating (fictional
//! platforms in `tests/data/channels/catalogue/`), the conditions of one edition per embedded
//! platform, consumer editions without a processor agreement and retired services never better
//! than *niet acceptabel*, `--only`, every format (hostile strings as text), and snapshots of the
//! list for the embedded catalogue.

mod common;

use pulldown_cmark::{Event, Options, Parser};
use serde_json::Value;

use common::{Run, bb, root, snapshot_settings};

/// The fictional catalogue: veilig/eigen (acceptable: self-hosted), veilig/zorg and
/// veilig/standaard (with conditions), nieuwkomer/business (undetermined), oudbel/pro (retired).
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

    let eigen = edition(&list, "veilig", "eigen");
    assert_eq!(eigen["rating"], "acceptable", "{eigen:#}");
    assert_eq!(eigen["conditions"], serde_json::json!([]));
    assert_eq!(eigen["reasons"], serde_json::json!([]));
    assert_eq!(eigen["missing_facts"], serde_json::json!([]));
    assert_eq!(eigen["defaults_in_catalogue"], true);

    // Protective defaults, but the processor agreement is still to be signed: a measure.
    let zorg = edition(&list, "veilig", "zorg");
    assert_eq!(zorg["rating"], "acceptable_with_conditions", "{zorg:#}");
    assert_eq!(condition_settings(zorg), ["processor_agreement_signed_on"]);
    assert_eq!(zorg["conditions"][0]["kind"], "measure");
    assert_eq!(
        zorg["conditions"][0]["requirements"],
        serde_json::json!(["AVG-VWO-01"])
    );

    let standaard = edition(&list, "veilig", "standaard");
    assert_eq!(standaard["rating"], "acceptable_with_conditions");
    assert_eq!(
        condition_settings(standaard),
        [
            "processor_agreement_signed_on",
            "waiting_room_enabled",
            "recording",
            "mfa_enforced",
            "telemetry_minimised"
        ]
    );
    let recording = &standaard["conditions"][2];
    assert_eq!(recording["kind"], "setting");
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
        strs(&nieuwkomer["missing_facts"], "attribute"),
        ["content_own_use", "metadata_own_use"]
    );
    assert_eq!(
        nieuwkomer["missing_facts"][0]["requirements"],
        serde_json::json!(["PLAT-DOEL-01"])
    );
    assert_eq!(nieuwkomer["reasons"], serde_json::json!([]));

    let oudbel = edition(&list, "oudbel", "pro");
    assert_eq!(oudbel["rating"], "not_acceptable");

    assert_eq!(
        list["counts"],
        serde_json::json!({
            "acceptable": 1, "acceptable_with_conditions": 2, "undetermined": 1, "not_acceptable": 1
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
    assert!(text.contains("✗ NIET ACCEPTABEL — WhatsApp: WhatsApp (consumentenapp)"));
    assert!(text.contains("WhatsApp Privacy Policy, European Region"));
}

#[test]
fn consumer_editions_of_the_big_platforms_are_not_acceptable_with_a_plain_reason() {
    for lang in ["nl", "en"] {
        let list = json(&["--lang", lang], &[]);
        for (p, e) in [
            ("teams", "free"),
            ("zoom", "basic"),
            ("facetime", "consumer"),
            ("whatsapp", "consumer"),
        ] {
            let rated = edition(&list, p, e);
            assert_eq!(rated["rating"], "not_acceptable", "{p}/{e}");
            let reasons = rated["reasons"].as_array().unwrap();
            assert!(!reasons.is_empty(), "{p}/{e}");
            for r in reasons {
                let text = r["text"].as_str().unwrap();
                // A sentence from the table of texts, not the fallback naming the title.
                assert!(
                    !text.starts_with("Niet voldaan:") && !text.starts_with("Not met:"),
                    "{p}/{e} {}: {text}",
                    r["requirement"]
                );
                assert!(r["requirement"].is_string() || r["evidence"][0]["attribute"] == "status");
            }
        }
    }
}

#[test]
fn teams_enterprise_is_acceptable_on_the_measure_its_public_dpia_names() {
    let list = json(&[], &[]);
    let teams = edition(&list, "teams", "enterprise");
    assert_eq!(teams["rating"], "acceptable_with_conditions", "{teams:#}");
    let e2ee = teams["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["setting"] == "e2ee_meetings_enabled")
        .expect("end-to-end encrypted meetings are a condition");
    assert_eq!(e2ee["kind"], "measure");
    assert_eq!(e2ee["requirements"], serde_json::json!(["PLAT-DPIA-01"]));
    assert!(
        e2ee["instruction"]
            .as_str()
            .unwrap()
            .contains("Teams Premium")
    );
}

#[test]
fn conditions_for_one_edition_per_embedded_platform() {
    let list = json(&[], &[]);
    // Zoom Business: every setting a condition, none of the defaults in the catalogue.
    let zoom = edition(&list, "zoom", "business");
    assert_eq!(
        condition_settings(zoom),
        [
            "processor_agreement_signed_on",
            "data_region",
            "e2ee_enabled",
            "waiting_room_enabled",
            "meeting_protection_enabled",
            "recording",
            "mfa_enforced",
            "telemetry_minimised",
            "ai_features_disabled"
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
    assert_eq!(zoom["conditions"][1]["required"], "EU");
    // An edition that is not acceptable anyway has nothing to set: no conditions.
    let whatsapp = edition(&list, "whatsapp", "consumer");
    assert_eq!(whatsapp["rating"], "not_acceptable");
    assert_eq!(whatsapp["conditions"], serde_json::json!([]));
    // Its settings profile still says what ships: FaceTime has E2EE always on.
    let facetime = edition(&list, "facetime", "consumer");
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
    assert_eq!(edition(&list, "veilig", "eigen")["rating"], "acceptable");
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
        [
            "acceptable",
            "acceptable_with_conditions",
            "acceptable_with_conditions"
        ]
    );

    let text = channels(&["--platforms", TEST_CATALOGUE], &["--only", "acceptable"]).stdout;
    assert!(text.contains("veilig/eigen"), "{text}");
    for other in [
        "veilig/zorg",
        "veilig/standaard",
        "nieuwkomer/business",
        "oudbel/pro",
    ] {
        assert!(!text.contains(other), "{other} listed: {text}");
    }
    assert!(text.contains("Alleen edities die acceptabel zijn (1)."));

    // No acceptable edition: an empty list, said plainly, still a success.
    let empty = channels(
        &["--platforms", "tests/data/channels/catalogue/oudbel.toml"],
        &["--only", "acceptable"],
    )
    .stdout;
    assert!(
        empty.contains("Geen enkele editie is acceptabel"),
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
            "veilig/eigen",
            "veilig/standaard",
            "veilig/zorg",
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
    assert_eq!(list["schema_version"], 2);
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
    assert!(page.contains("avg-beeldbellen</strong> 2026.4"));
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

// ---------------------------------------------------------------------------------------------
// Plain words, the overview, `--previous`
// ---------------------------------------------------------------------------------------------

/// A fictional consumer edition without a processor agreement (tests/data/channels/consumer.toml).
const CONSUMER: &str = "tests/data/channels/consumer.toml";

fn reason<'a>(e: &'a Value, requirement: &str) -> &'a Value {
    e["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == requirement)
        .unwrap_or_else(|| panic!("no reason {requirement}: {e:#}"))
}

#[test]
fn reasons_are_plain_sentences_in_both_languages_beside_the_requirement() {
    let nl = json(&["--platforms", CONSUMER], &[]);
    let gratis = edition(&nl, "gratisbel", "gratis");
    assert_eq!(gratis["rating"], "not_acceptable");
    assert_eq!(
        reason(gratis, "PLAT-VWO-01")["text"],
        "De leverancier is zelf verwerkingsverantwoordelijke; er is geen verwerkersovereenkomst."
    );
    let en = json(&["--platforms", CONSUMER, "--lang", "en"], &[]);
    let gratis_en = edition(&en, "gratisbel", "gratis");
    assert_eq!(
        reason(gratis_en, "PLAT-VWO-01")["text"],
        "The vendor is a controller itself; there is no processor agreement."
    );
    // The channel rule says it follows from the platform requirements, and which.
    let kanaal = reason(gratis, "BEROEP-KANAAL-01");
    assert!(
        kanaal["follows_from"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "PLAT-VWO-01"),
        "{kanaal:#}"
    );

    // Every format shows the sentence with the requirement id beside it.
    let text = channels(&["--platforms", CONSUMER], &[]).stdout;
    assert!(
        text.contains("✗ PLAT-VWO-01 (hoog): De leverancier is zelf verwerkingsverantwoordelijke; er is geen verwerkersovereenkomst."),
        "{text}"
    );
    let text_en = channels(&["--platforms", CONSUMER, "--lang", "en"], &[]).stdout;
    assert!(
        text_en.contains(
            "✗ PLAT-VWO-01 (high): The vendor is a controller itself; there is no processor agreement."
        ),
        "{text_en}"
    );
    let md = channels(&["--platforms", CONSUMER], &["--format", "markdown"]).stdout;
    assert!(
        md.contains("**De leverancier is zelf verwerkingsverantwoordelijke; er is geen verwerkersovereenkomst.** (`PLAT-VWO-01`, hoog)"),
        "{md}"
    );
    let html = channels(
        &["--platforms", CONSUMER, "--lang", "en"],
        &["--format", "html"],
    )
    .stdout;
    assert!(
        decode(&html).contains("The vendor is a controller itself; there is no processor agreement. <small>(<code>PLAT-VWO-01</code>"),
        "{html}"
    );
}

#[test]
fn what_is_not_known_is_said_plainly_and_names_the_fact() {
    let list = json(&["--platforms", TEST_CATALOGUE], &[]);
    let nieuwkomer = edition(&list, "nieuwkomer", "business");
    assert_eq!(nieuwkomer["rating"], "undetermined");
    let m = &nieuwkomer["missing_facts"][0];
    let attribute = m["attribute"].as_str().unwrap();
    assert!(
        m["text"].as_str().unwrap().starts_with("Niet bekend of "),
        "{m:#}"
    );
    let en = json(&["--platforms", TEST_CATALOGUE, "--lang", "en"], &[]);
    let m_en = &edition(&en, "nieuwkomer", "business")["missing_facts"][0];
    assert!(
        m_en["text"]
            .as_str()
            .unwrap()
            .starts_with("Not known whether "),
        "{m_en:#}"
    );
    // The overview names it with the attribute beside it.
    let md = channels(&["--platforms", TEST_CATALOGUE], &["--format", "markdown"]).stdout;
    let line = format!(
        "  - {} ({})",
        m["text"].as_str().unwrap(),
        attribute.replace('_', "\\_")
    );
    assert!(md.contains(&line), "{line}\n{md}");
}

/// Where the overview starts and where the appendix (the evidence per edition) starts.
fn overview_then_appendix(page: &str, overview: &str, appendix: &str) -> (usize, usize) {
    let o = page
        .find(overview)
        .unwrap_or_else(|| panic!("no `{overview}`"));
    let a = page
        .find(appendix)
        .unwrap_or_else(|| panic!("no `{appendix}`"));
    assert!(o < a, "the overview comes first");
    (o, a)
}

#[test]
fn html_and_markdown_open_with_a_one_page_overview_and_the_evidence_follows() {
    let md = channels(&["--platforms", TEST_CATALOGUE], &["--format", "markdown"]).stdout;
    let (o, a) = overview_then_appendix(&md, "## Overzicht", "## Bijlage: onderbouwing per editie");
    let overview = &md[o..a];
    // One line per edition under its rating, its conditions a line each.
    assert!(
        overview.contains(
            "### ~ Acceptabel onder voorwaarden (2)\n\n- **VeiligBellen — VeiligBellen Standaard** (`veilig/standaard`)\n  - verwerkersovereenkomst afsluiten\n  - wachtkamer standaard aan\n"
        ),
        "{overview}"
    );
    assert!(overview.contains(
        "- **Oudbel — Oudbel Pro** (`oudbel/pro`)\n  - De dienst wordt niet meer aangeboden."
    ));
    // The full evidence is not in the overview: no source addresses, no instructions.
    assert!(!overview.contains("https://"), "{overview}");
    assert!(!overview.contains("Zet in de beheeromgeving"), "{overview}");
    // It is in the appendix.
    let appendix = &md[a..];
    assert!(appendix.contains("https://veiligbellen.example/beheer"));
    assert!(appendix.contains("Zet in de beheeromgeving de wachtkamer (lobby) standaard aan"));

    let page = channels(&["--platforms", TEST_CATALOGUE], &["--format", "html"]).stdout;
    let (o, a) = overview_then_appendix(
        &page,
        "<h2>Overzicht</h2>",
        "<h2 id=\"appendix\" class=\"appendix\">Bijlage: onderbouwing per editie</h2>",
    );
    let overview = &page[o..a];
    assert!(
        overview
            .contains("<li>verwerkersovereenkomst afsluiten</li><li>wachtkamer standaard aan</li>"),
        "{overview}"
    );
    assert!(overview.contains("href=\"#veilig-standaard\""));
    assert!(!overview.contains("https://"));
    assert!(page[a..].contains("id=\"veilig-standaard\""));

    // English too.
    let en = channels(
        &["--platforms", TEST_CATALOGUE, "--lang", "en"],
        &["--format", "markdown"],
    )
    .stdout;
    overview_then_appendix(&en, "## Overview", "## Appendix: the evidence per edition");
    assert!(en.contains("  - waiting room on by default"));
}

#[test]
fn the_text_table_lists_conditions_under_each_edition() {
    let text = channels(&["--platforms", TEST_CATALOGUE], &[]).stdout;
    let table = text.split("\n\n").nth(1).expect("the table");
    let lines: Vec<&str> = table.lines().collect();
    let standaard = lines
        .iter()
        .position(|l| l.contains("veilig/standaard"))
        .expect("veilig/standaard in the table");
    assert!(
        lines[standaard + 1].trim() == "→ verwerkersovereenkomst afsluiten",
        "{table}"
    );
    assert!(
        lines[standaard + 2].trim() == "→ wachtkamer standaard aan",
        "{table}"
    );
}

#[test]
fn an_empty_filtered_list_says_so_plainly() {
    let oudbel = "tests/data/channels/catalogue/oudbel.toml";
    for format in ["text", "markdown", "html"] {
        let out = channels(
            &["--platforms", oudbel],
            &["--only", "conditional", "--format", format],
        )
        .stdout;
        assert!(
            decode(&out).contains("Geen enkele editie is acceptabel of acceptabel onder voorwaarden: van de 1 beoordeelde edities voldoet er geen aan alle eisen"),
            "{format}: {out}"
        );
        // No empty table under a title that promises acceptable channels.
        assert!(!out.contains("platform/editie"), "{format}: {out}");
        assert!(!out.contains("<table class=\"list\">"), "{format}");
        assert!(!out.contains("Bijlage"), "{format}");
    }
    let acceptable = channels(&["--platforms", oudbel], &["--only", "acceptable"]).stdout;
    assert!(acceptable.starts_with("Kanalen voor beeldbellen: acceptabele kanalen\n"));
    assert!(acceptable.contains("Geen enkele editie is acceptabel: van de 1 beoordeelde"));
    let all = channels(&["--platforms", oudbel], &[]).stdout;
    assert!(
        all.starts_with("Kanalen voor beeldbellen: beoordeling per editie\n"),
        "{all}"
    );
}

/// The test catalogue changed: nieuwkomer's traffic turns out unencrypted (rating and fact
/// change), veilig/standaard now ships with the waiting room on (fact change), oudbel is gone
/// and a platform `later` came.
fn changed_catalogue(dir: &std::path::Path) {
    let src = root().join(TEST_CATALOGUE);
    let read = |f: &str| std::fs::read_to_string(src.join(f)).unwrap();
    let nieuwkomer = read("nieuwkomer.toml").replace(
        "encryption_in_transit = { value = true,",
        "encryption_in_transit = { value = false,",
    );
    let veilig = read("veilig.toml").replace(
        "default_waiting_room_enabled = { value = false,",
        "default_waiting_room_enabled = { value = true,",
    );
    let later = read("oudbel.toml")
        .replace("id = \"oudbel\"", "id = \"later\"")
        .replace("name = \"Oudbel\"", "name = \"Later\"");
    assert!(nieuwkomer.contains("value = false,") && veilig.contains("value = true, source = \"veilig-admin\", note = \"De wachtkamer staat standaard uit.\""));
    std::fs::write(dir.join("nieuwkomer.toml"), nieuwkomer).unwrap();
    std::fs::write(dir.join("veilig.toml"), veilig).unwrap();
    std::fs::write(dir.join("later.toml"), later).unwrap();
}

#[test]
fn previous_shows_rating_changes_new_and_removed_editions_and_changed_facts_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("vorige.json");
    std::fs::write(
        &old,
        channels(&["--platforms", TEST_CATALOGUE], &["--format", "json"]).stdout,
    )
    .unwrap();
    let new_catalogue = dir.path().join("catalogus");
    std::fs::create_dir(&new_catalogue).unwrap();
    changed_catalogue(&new_catalogue);
    let global = ["--platforms", new_catalogue.to_str().unwrap()];
    let previous = ["--previous", old.to_str().unwrap()];

    let list = json(&global, &previous);
    let c = &list["changes"];
    assert_eq!(c["previous"]["evaluated_on"], "2026-11-23");
    assert_eq!(c["previous"]["file"], old.to_str().unwrap());
    assert_eq!(
        c["ratings"],
        serde_json::json!([{
            "platform": "nieuwkomer", "edition": "business",
            "platform_name": "Nieuwkomer Video", "edition_name": "Nieuwkomer Video Business",
            "rating": "not_acceptable", "from": "undetermined"
        }])
    );
    assert_eq!(strs(&c["added"], "platform"), ["later"]);
    assert_eq!(c["added"][0]["rating"], "not_acceptable");
    assert_eq!(strs(&c["removed"], "platform"), ["oudbel"]);
    assert_eq!(c["removed"][0]["rating"], "not_acceptable");
    let facts = c["facts"].as_array().unwrap();
    let waiting = facts
        .iter()
        .find(|f| f["attribute"] == "default_waiting_room_enabled")
        .expect("the waiting room default changed");
    assert_eq!(waiting["edition"], "standaard");
    assert_eq!(
        (waiting["old"].clone(), waiting["new"].clone()),
        (false.into(), true.into())
    );
    assert_eq!(
        waiting["source"]["title"],
        "VeiligBellen: handleiding beheerders (fictief)"
    );
    assert_eq!(
        waiting["source"]["url"],
        "https://veiligbellen.example/beheer"
    );
    let encryption = facts
        .iter()
        .find(|f| f["platform"] == "nieuwkomer" && f["attribute"] == "encryption_in_transit")
        .expect("the encryption fact changed");
    assert_eq!(encryption["old"], true);
    assert_eq!(encryption["new"], false);
    // Nothing else changed.
    assert_eq!(facts.len(), 2, "{facts:#?}");

    let rating_line = "Nieuwkomer Video — Nieuwkomer Video Business (nieuwkomer/business): niet te beoordelen → niet acceptabel";
    let fact_line = "VeiligBellen — VeiligBellen Standaard (veilig/standaard): default_waiting_room_enabled = false → true (bron: VeiligBellen: handleiding beheerders (fictief), https://veiligbellen.example/beheer, gecontroleerd 2026-11-01)";
    let new_line = "Later — Oudbel Pro (later/pro): niet acceptabel";
    let removed_line = "Oudbel — Oudbel Pro (oudbel/pro) (was: niet acceptabel)";
    for format in ["text", "markdown", "html"] {
        let out = channels(&global, &[&previous[..], &["--format", format]].concat()).stdout;
        let out = if format == "markdown" {
            out.replace('\\', "")
        } else {
            decode(&out)
        };
        for (what, line) in [
            ("heading", "Wijzigingen sinds de vorige lijst"),
            ("rating group", "Andere beoordeling"),
            ("rating", rating_line),
            ("new", new_line),
            ("removed", removed_line),
            ("fact", fact_line),
        ] {
            assert!(
                out.contains(line),
                "{format}: no {what} line `{line}`\n{out}"
            );
        }
    }
    let en = channels(&[&global[..], &["--lang", "en"]].concat(), &previous).stdout;
    assert!(en.contains("Changes since the previous list"));
    assert!(
        en.contains("(nieuwkomer/business): cannot be rated → not acceptable"),
        "{en}"
    );

    // The same list again: no changes, said so.
    let same = channels(&["--platforms", TEST_CATALOGUE], &previous).stdout;
    assert!(
        same.contains("Geen wijzigingen: dezelfde edities, beoordelingen en feiten."),
        "{same}"
    );
    let same = json(&["--platforms", TEST_CATALOGUE], &previous);
    assert_eq!(same["changes"]["ratings"], serde_json::json!([]));
    assert_eq!(same["changes"]["facts"], serde_json::json!([]));
}

#[test]
fn previous_compares_every_edition_even_with_only() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("vorige.json");
    std::fs::write(
        &old,
        channels(
            &["--platforms", TEST_CATALOGUE],
            &["--format", "json", "--only", "acceptable"],
        )
        .stdout,
    )
    .unwrap();
    let list = json(
        &["--platforms", TEST_CATALOGUE],
        &["--previous", old.to_str().unwrap(), "--only", "conditional"],
    );
    let c = &list["changes"];
    // The previous list left every edition out: all of them show as new, and it says why.
    assert_eq!(c["previous"]["only"], "acceptable");
    assert_eq!(c["added"].as_array().unwrap().len(), 4, "{c:#}");
    let text = channels(
        &["--platforms", TEST_CATALOGUE],
        &["--previous", old.to_str().unwrap()],
    )
    .stdout;
    assert!(
        text.contains("edities die zij wegliet, staan hier als nieuw"),
        "{text}"
    );
}

/// `channels --previous FILE`: must fail with exit 2 and BB054, and write nothing.
fn bad_previous(name: &str, content: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, content).unwrap();
    let out = dir.path().join("lijst.html");
    let run = Run::of(
        bb().args([
            "--platforms",
            TEST_CATALOGUE,
            "channels",
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
            "--previous",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap(),
    );
    run.code(2);
    assert!(run.stderr.contains("BB054"), "{}", run.show());
    assert!(run.stdout.is_empty());
    assert!(!out.exists(), "nothing written with a bad --previous");
    run.stderr.replace(dir.path().to_str().unwrap(), "DIR")
}

#[test]
fn a_previous_file_that_is_not_a_channel_list_is_an_error_with_its_place() {
    // Broken JSON: line and column of the break.
    let err = bad_previous(
        "kapot.json",
        "{\n  \"schema_version\": 2,\n  \"editions\": [,]\n}\n",
    );
    assert!(err.contains("DIR/kapot.json:3:"), "{err}");
    assert!(err.contains("geen kanalenlijst van beeldbel"), "{err}");

    // A check report: valid JSON, but no list of editions.
    // (Of a version the channel list has too, so that its fields are what is wrong.)
    let report = common::report(&[], "docs/examples/zelfstandige-whatsapp.toml", "json").replacen(
        "\"schema_version\": 3",
        "\"schema_version\": 2",
        1,
    );
    let err = bad_previous("rapport.json", &report);
    assert!(err.contains("missing field `editions`"), "{err}");
    assert!(err.contains("DIR/rapport.json:"), "{err}");
    assert!(err.contains("beeldbel channels --format json"), "{err}");

    // A wrong type inside an edition: its line.
    let err = bad_previous(
        "type.json",
        "{\n\"schema_version\": 2, \"evaluated_on\": \"2026-01-01\", \"policy\": {\"version\": \"1\"},\n\"editions\": [\n{\"platform\": 7}\n]}\n",
    );
    assert!(err.contains("DIR/type.json:4:"), "{err}");
    assert!(err.contains("invalid type: integer `7`"), "{err}");

    // Another schema version.
    let err = bad_previous(
        "toekomst.json",
        "{\"schema_version\": 99, \"editions\": []}",
    );
    assert!(err.contains("schema_version 99"), "{err}");
    assert!(err.contains("DIR/toekomst.json:1:2"), "{err}");

    // No schema version at all.
    let err = bad_previous(
        "zonder.json",
        "{\"evaluated_on\": \"2026-01-01\", \"policy\": {\"version\": \"1\"}, \"editions\": []}",
    );
    assert!(err.contains("`schema_version` ontbreekt"), "{err}");

    // Not JSON; empty.
    let err = bad_previous("tekst.json", "kanalen\n");
    assert!(err.contains("DIR/tekst.json:1:1"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Measures as conditions (tests/data/channels/measures.toml)
// ---------------------------------------------------------------------------------------------

const MEASURES: &str = "tests/data/channels/measures.toml";

fn condition<'a>(e: &'a Value, setting: &str) -> &'a Value {
    e["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["setting"] == setting)
        .unwrap_or_else(|| panic!("no condition {setting}: {e:#}"))
}

#[test]
fn a_risk_a_named_measure_lifts_makes_the_edition_acceptable_with_that_measure_as_condition() {
    let list = json(&["--platforms", MEASURES], &[]);

    // The public DPIA accepts E2EE meetings or own keys; the edition offers both: one is the
    // condition, the other its alternative — not two conditions.
    let premium = edition(&list, "maatbel", "premium");
    assert_eq!(
        premium["rating"], "acceptable_with_conditions",
        "{premium:#}"
    );
    assert_eq!(
        condition_settings(premium),
        ["processor_agreement_signed_on", "e2ee_meetings_enabled"]
    );
    let e2ee = condition(premium, "e2ee_meetings_enabled");
    assert_eq!(e2ee["kind"], "measure");
    assert_eq!(e2ee["default"], Value::Null);
    assert_eq!(e2ee["required"], true);
    assert_eq!(e2ee["requirements"], serde_json::json!(["PLAT-DPIA-01"]));
    assert!(
        e2ee["instruction"]
            .as_str()
            .unwrap()
            .starts_with("Versleutel geplande gesprekken met cliënten end-to-end (bijvoorbeeld met Teams Premium)"),
        "{e2ee:#}"
    );
    assert_eq!(
        strs(&e2ee["alternatives"], "setting"),
        ["customer_keys_enabled"]
    );
    // Under the shipped settings the requirement fails; with the measure it passes.
    let dpia = premium["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"] == "PLAT-DPIA-01")
        .unwrap();
    assert_eq!(
        (dpia["defaults"].as_str(), dpia["protective"].as_str()),
        (Some("fail"), Some("pass"))
    );

    // Only own keys on offer: that is the condition, with no alternative.
    let sleutels = edition(&list, "maatbel", "sleutels");
    assert_eq!(sleutels["rating"], "acceptable_with_conditions");
    assert_eq!(
        condition_settings(sleutels),
        ["processor_agreement_signed_on", "customer_keys_enabled"]
    );
    assert_eq!(
        condition(sleutels, "customer_keys_enabled")["alternatives"],
        serde_json::json!([])
    );

    // Neither measure on offer: no measure lifts the risk.
    let basis = edition(&list, "maatbel", "basis");
    assert_eq!(basis["rating"], "not_acceptable");
    assert_eq!(
        reason(basis, "PLAT-DPIA-01")["text"],
        "Een openbare Nederlandse DPIA noemt een maatregel die het hoge risico voor bijzondere persoonsgegevens wegneemt, maar deze editie biedt die maatregel niet."
    );

    // AI features on call content, default not known: switching them off is the condition.
    let ai = edition(&list, "maatbel", "ai");
    assert_eq!(ai["rating"], "acceptable_with_conditions");
    let off = condition(ai, "ai_features_disabled");
    assert_eq!(off["kind"], "setting");
    assert_eq!(off["requirements"], serde_json::json!(["PLAT-AI-01"]));

    // Self-hosted by the organisation: no processor, no agreement, no transfer: acceptable.
    let eigen = edition(&list, "maatbel", "eigen");
    assert_eq!(eigen["rating"], "acceptable", "{eigen:#}");
    assert!(
        strs(&eigen["measures"], "field").contains(&"hosting".to_string()),
        "the hosting assumption is listed: {eigen:#}"
    );

    // The overview shows the measure in a line, with its alternative.
    let md = channels(&["--platforms", MEASURES], &["--format", "markdown"]).stdout;
    assert!(
        md.contains("- **MaatBel — MaatBel Premium (met E2EE-vergaderingen)** (`maatbel/premium`)\n  - verwerkersovereenkomst afsluiten\n  - geplande gesprekken end-to-end versleutelen (bijv. Teams Premium) of gespreksinhoud met eigen sleutels versleutelen\n"),
        "{md}"
    );
    let en = channels(&["--platforms", MEASURES, "--lang", "en"], &[]).stdout;
    assert!(
        en.contains("→ encrypt scheduled meetings end to end (e.g. Teams Premium) or encrypt call content with own keys"),
        "{en}"
    );
    assert!(en.contains(
        "Encrypt scheduled meetings with clients end to end (for example with Teams Premium)"
    ));
}

#[test]
fn strings_from_a_previous_list_are_text_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("vorige.json");
    let hostile = "<script>alert(1)</script> *vet* \u{1b}[31mrood";
    let previous = serde_json::json!({
        "schema_version": 2,
        "evaluated_on": "2026-01-01",
        "policy": { "version": "<b>1</b>" },
        "editions": [
            { "platform": "weg", "edition": "x", "platform_name": hostile, "edition_name": hostile,
              "rating": "acceptable", "facts": [] },
            { "platform": "weg", "edition": "x", "platform_name": hostile, "edition_name": hostile,
              "rating": "acceptable", "facts": [] }
        ]
    });
    std::fs::write(&old, previous.to_string()).unwrap();
    let args = ["--previous", old.to_str().unwrap()];
    let list = json(&["--platforms", TEST_CATALOGUE], &args);
    // Listed once, though the file names it twice.
    assert_eq!(list["changes"]["removed"].as_array().unwrap().len(), 1);
    let html = channels(
        &["--platforms", TEST_CATALOGUE],
        &[&args[..], &["--format", "html"]].concat(),
    )
    .stdout;
    assert!(
        !html.contains("<script") && !html.contains("<b>1"),
        "raw markup on the page"
    );
    assert!(html.contains("&lt;script&gt;"));
    let text = channels(&["--platforms", TEST_CATALOGUE], &args).stdout;
    assert!(!text.contains('\u{1b}'), "control characters neutralised");
    let md = channels(
        &["--platforms", TEST_CATALOGUE],
        &[&args[..], &["--format", "markdown"]].concat(),
    )
    .stdout;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        if let Event::Html(h) | Event::InlineHtml(h) = e {
            panic!("raw HTML in the Markdown: {h:?}");
        }
    }
}

#[test]
fn previous_names_the_overlay_source_of_a_fact_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("vorige.json");
    std::fs::write(
        &old,
        channels(&["--platforms", TEST_CATALOGUE], &["--format", "json"]).stdout,
    )
    .unwrap();
    // The register read Nieuwkomer's processor agreement: it settles what was not known.
    let overlay = dir.path().join("register.toml");
    std::fs::write(
        &overlay,
        r#"id = "nieuwkomer"

[attributes]
content_own_use = { value = "none", source = "vwo" }
metadata_own_use = { value = "limited", source = "vwo" }

[sources.vwo]
kind = "contract"
title = "Verwerkersovereenkomst Nieuwkomer Video, getekend 2026-10-01"
reference = "art. 4.2"
checked = 2026-11-01
"#,
    )
    .unwrap();
    let global = [
        "--platforms",
        TEST_CATALOGUE,
        "--facts",
        overlay.to_str().unwrap(),
    ];
    let previous = ["--previous", old.to_str().unwrap()];
    let list = json(&global, &previous);
    let c = &list["changes"];
    assert_eq!(c["ratings"][0]["platform"], "nieuwkomer");
    assert_eq!(c["ratings"][0]["from"], "undetermined");
    assert_eq!(c["ratings"][0]["rating"], "acceptable_with_conditions");
    let own = c["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["attribute"] == "content_own_use")
        .expect("content_own_use appeared");
    assert_eq!(own["old"], Value::Null);
    assert_eq!(own["new"], "none");
    assert_eq!(own["source"]["kind"], "contract");
    assert_eq!(own["source"]["reference"], "art. 4.2");
    let text = channels(&global, &previous).stdout;
    assert!(
        text.contains("(nieuwkomer/business): content_own_use = (geen) → \"none\" (bron: Verwerkersovereenkomst Nieuwkomer Video, getekend 2026-10-01, contract, art. 4.2, gecontroleerd 2026-11-01)"),
        "{text}"
    );
}
