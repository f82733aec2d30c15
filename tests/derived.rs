//! Derived outcomes explain themselves: an outcome of a requirement that reads `channel.*`
//! (BEROEP-KANAAL-01, here DRV-KANAAL-01) names, in every report format, the platform
//! requirements that made the channel fail or unknown, with their facts and sources; a low
//! severity or waived platform requirement is not named.
//!
//! The small policy and catalogue of `tests/data/derived/` give one edition that fails two
//! platform requirements (`prive`), one that lacks a fact (`zakelijk`) and one that passes
//! (`compleet`); the shipped WhatsApp example shows the same on the embedded policy and catalogue.

mod common;

use common::{WHATSAPP, bb, outcome, report};
use serde_json::Value;

const POLICY: &str = "tests/data/derived/policy.toml";
const PLATFORMS: &str = "tests/data/derived/platforms";
const ORG: &str = "tests/data/derived/org.toml";

const GLOBAL: [&str; 4] = ["--policy", POLICY, "--platforms", PLATFORMS];

/// The report of the derived fixture in `format` (Dutch).
fn derived(format: &str) -> String {
    report(&GLOBAL, ORG, format)
}

fn json(s: &str) -> Value {
    let v: Value = serde_json::from_str(s).expect("JSON");
    if v["schema_version"] == 3 && v["organisations"].is_array() {
        return common::report_value(s);
    }
    v
}

/// The requirement ids an outcome's `because` names, in order.
fn because_ids(o: &Value) -> Vec<&str> {
    o["because"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|b| b["requirement"].as_str().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// The part of `text` from the first `start` to the first `end` after it (or the end).
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in\n{text}"));
    let rest = &text[at..];
    let stop = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    &rest[..stop]
}

#[test]
fn a_failed_channel_names_its_failed_platform_requirements_with_facts_and_sources() {
    let r = json(&derived("json"));
    let o = outcome(&r, "DRV-KANAAL-01", "prive");
    assert_eq!(o["state"], "fail");
    // High and medium, failed; the low-severity DRV-GAST-01 does not decide the channel.
    assert_eq!(because_ids(o), ["DRV-VWO-01", "DRV-AUTH-01"]);
    let vwo = &o["because"][0];
    assert_eq!(vwo["state"], "fail");
    assert_eq!(vwo["severity"], "high");
    assert_eq!(vwo["title"]["nl"], "Editie met verwerkersovereenkomst");
    assert_eq!(
        vwo["title"]["en"],
        "Edition comes with a processor agreement"
    );
    let fact = &vwo["evidence"][0];
    assert_eq!(fact["attribute"], "processor_agreement");
    assert_eq!(fact["value"], false);
    assert_eq!(
        fact["source"]["title"],
        "DrvBel voorwaarden voor consumenten (fictief)"
    );
    assert_eq!(fact["source"]["url"], "https://drvbel.example/voorwaarden");
    // The message says why in plain words, in both languages.
    let nl = o["message"]["nl"].as_str().unwrap();
    assert!(
        nl.starts_with("niet voldaan: dit kanaal voldoet niet aan 2 platformeisen: DRV-VWO-01 Editie met verwerkersovereenkomst (processor_agreement = false); DRV-AUTH-01"),
        "{nl}"
    );
    let en = o["message"]["en"].as_str().unwrap();
    assert!(
        en.starts_with("not met: this channel does not meet 2 platform requirements: DRV-VWO-01 Edition comes with a processor agreement (processor_agreement = false)"),
        "{en}"
    );
}

#[test]
fn an_unknown_channel_names_the_requirement_and_the_missing_fact() {
    let r = json(&derived("json"));
    let o = outcome(&r, "DRV-KANAAL-01", "zakelijk");
    assert_eq!(o["state"], "unknown");
    assert_eq!(because_ids(o), ["DRV-VERSL-01"]);
    assert_eq!(o["because"][0]["state"], "unknown");
    assert_eq!(
        o["because"][0]["missing"],
        serde_json::json!(["catalogue:drvbel/zakelijk.encryption_in_transit"])
    );
    assert_eq!(
        o["message"]["nl"],
        "onbekend: het kanaal is niet beoordeeld, want 1 platformeis is onbekend voor deze editie: DRV-VERSL-01 Versleuteling tijdens transport (ontbreekt: encryption_in_transit)"
    );
    assert_eq!(
        o["message"]["en"],
        "unknown: the channel is not rated, as 1 platform requirement is unknown for this edition: DRV-VERSL-01 Encryption in transit (missing: encryption_in_transit)"
    );
}

#[test]
fn a_passed_channel_and_other_requirements_carry_no_reasons() {
    let r = json(&derived("json"));
    let o = outcome(&r, "DRV-KANAAL-01", "compleet");
    assert_eq!(o["state"], "pass");
    assert!(o.get("because").is_none(), "{o}");
    // Only the requirement that reads `channel.*` is derived.
    for o in common::outcomes(&r) {
        if o["requirement"] != "DRV-KANAAL-01" {
            assert!(o.get("because").is_none(), "{o}");
        }
    }
}

/// The fixture organisation with a `[[waivers]]` entry for `requirement` on `prive`, expiring
/// on `expires`.
fn with_waiver(dir: &tempfile::TempDir, requirement: &str, expires: &str) -> String {
    let org = std::fs::read_to_string(common::root().join(ORG)).unwrap();
    let path = dir.path().join("org.toml");
    std::fs::write(
        &path,
        format!(
            "{org}\n[[waivers]]\nrequirement = \"{requirement}\"\ndeployment = \"prive\"\nreason = \"Verwerkersovereenkomst in onderhandeling.\"\napproved_by = \"FG\"\napproved_on = 2026-01-01\nexpires = {expires}\n"
        ),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_waived_platform_requirement_is_not_named() {
    let dir = tempfile::tempdir().unwrap();
    let org = with_waiver(&dir, "DRV-VWO-01", "2027-06-01");
    let r = json(&report(&GLOBAL, &org, "json"));
    assert_eq!(outcome(&r, "DRV-VWO-01", "prive")["state"], "waived");
    let o = outcome(&r, "DRV-KANAAL-01", "prive");
    assert_eq!(o["state"], "fail");
    assert_eq!(because_ids(o), ["DRV-AUTH-01"]);
    assert!(
        o["message"]["nl"]
            .as_str()
            .unwrap()
            .contains("voldoet niet aan 1 platformeis: DRV-AUTH-01"),
        "{o}"
    );
    // An expired waiver accepts nothing: the requirement is named again.
    let org = with_waiver(&dir, "DRV-VWO-01", "2026-11-01");
    let r = json(&report(&GLOBAL, &org, "json"));
    assert_eq!(
        because_ids(outcome(&r, "DRV-KANAAL-01", "prive")),
        ["DRV-VWO-01", "DRV-AUTH-01"]
    );
}

#[test]
fn text_shows_the_reasons_under_the_derived_outcome() {
    let text = derived("text");
    let kanaal = section(&text, "✗ DRV-KANAAL-01", "Grondslag:");
    assert!(kanaal.contains("Kanaal afgewezen omdat:"), "{kanaal}");
    assert!(
        kanaal.contains("✗ DRV-VWO-01 [hoog] Editie met verwerkersovereenkomst — niet voldaan"),
        "{kanaal}"
    );
    assert!(kanaal.contains("feit: processor_agreement = false — bron: DrvBel voorwaarden voor consumenten (fictief) (https://drvbel.example/voorwaarden, gecontroleerd 2026-10-01)"), "{kanaal}");
    assert!(kanaal.contains("✗ DRV-AUTH-01 [midden]"), "{kanaal}");
    assert!(!kanaal.contains("DRV-GAST-01"), "{kanaal}");
    let unknown = section(&text, "? DRV-KANAAL-01", "Grondslag:");
    assert!(
        unknown.contains("Kanaal niet beoordeeld omdat:"),
        "{unknown}"
    );
    assert!(
        unknown.contains("? DRV-VERSL-01 [hoog] Versleuteling tijdens transport — onbekend"),
        "{unknown}"
    );
    assert!(
        unknown.contains("ontbreekt: catalogue:drvbel/zakelijk.encryption_in_transit"),
        "{unknown}"
    );

    let en = report(
        &["--lang", "en", "--policy", POLICY, "--platforms", PLATFORMS],
        ORG,
        "text",
    );
    let kanaal = section(&en, "✗ DRV-KANAAL-01", "Basis:");
    assert!(kanaal.contains("Channel rejected because:"), "{kanaal}");
    assert!(
        kanaal.contains("DRV-VWO-01 [high] Edition comes with a processor agreement — fail"),
        "{kanaal}"
    );
}

#[test]
fn markdown_shows_the_reasons_as_a_nested_list() {
    let md = derived("markdown");
    let kanaal = section(
        &md,
        "`DRV-KANAAL-01` — Alleen voldoende beveiligde kanalen (deployment prive",
        "#### ",
    );
    assert!(kanaal.contains("- Kanaal afgewezen omdat:\n  - ✗ `DRV-VWO-01` Editie met verwerkersovereenkomst — niet voldaan (hoog)\n    - Feit: `processor_agreement` = `false` — bron: [DrvBel voorwaarden voor consumenten (fictief)](<https://drvbel.example/voorwaarden>), gecontroleerd 2026-10-01"), "{kanaal}");
    let unknown = section(
        &md,
        "`DRV-KANAAL-01` — Alleen voldoende beveiligde kanalen (deployment zakelijk",
        "#### ",
    );
    assert!(unknown.contains("- Kanaal niet beoordeeld omdat:\n  - ? `DRV-VERSL-01` Versleuteling tijdens transport — onbekend (hoog)\n    - Ontbreekt: `catalogue:drvbel/zakelijk.encryption_in_transit`"), "{unknown}");
    // The nested list is a list in CommonMark: the facts are items of the reason's item.
    let parser = pulldown_cmark::Parser::new(kanaal);
    let mut depth: i32 = 0;
    let mut deepest = 0;
    for event in parser {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::List(_)) => depth -= 1,
            _ => {}
        }
    }
    assert_eq!(deepest, 3, "finding › reason › fact\n{kanaal}");
}

#[test]
fn html_shows_the_reasons_in_the_outcome() {
    let html = derived("html");
    let kanaal = section(
        &html,
        "<code class=\"req\">DRV-KANAAL-01</code> Alleen voldoende beveiligde kanalen</h5>",
        "</article>",
    );
    assert!(
        kanaal.contains("<dt>Kanaal afgewezen omdat:</dt>"),
        "{kanaal}"
    );
    let reasons = section(kanaal, "<ul class=\"because\">", "</ul></dd>");
    assert!(
        reasons.contains("<code class=\"req\">DRV-VWO-01</code> Editie met verwerkersovereenkomst"),
        "{reasons}"
    );
    assert!(
        reasons.contains("<code>processor_agreement = false</code>"),
        "{reasons}"
    );
    assert!(
        reasons.contains("DrvBel voorwaarden voor consumenten (fictief)"),
        "{reasons}"
    );
    assert!(
        reasons.contains("<a href=\"https:&#x2f;&#x2f;drvbel.example&#x2f;voorwaarden\""),
        "{reasons}"
    );
    assert!(
        reasons.contains("Alleen consumentenvoorwaarden."),
        "the fact's note\n{reasons}"
    );
    assert!(!reasons.contains("DRV-GAST-01"), "{reasons}");
    let at = html
        .find("Kanaal niet beoordeeld omdat:")
        .expect("the unknown channel");
    let unknown = section(&html[at..], "", "</dd>");
    assert!(
        unknown.contains("<code class=\"req\">DRV-VERSL-01</code>"),
        "{unknown}"
    );
    assert!(
        unknown.contains("<code>catalogue:drvbel&#x2f;zakelijk.encryption_in_transit</code>"),
        "{unknown}"
    );
}

#[test]
fn junit_names_the_reasons_in_the_failure() {
    let xml = derived("junit");
    let doc = roxmltree::Document::parse(&xml).expect("JUnit XML");
    let case = |name: &str| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("testcase")
                    && n.attribute("name").is_some_and(|a| a.starts_with(name))
            })
            .unwrap_or_else(|| panic!("no test case {name}"))
    };
    let failure = case("DRV-KANAAL-01 [prive]")
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    assert!(
        failure
            .attribute("message")
            .unwrap()
            .contains("dit kanaal voldoet niet aan 2 platformeisen: DRV-VWO-01")
    );
    let body = failure.text().unwrap();
    assert!(body.contains("Kanaal afgewezen omdat:\n  ✗ DRV-VWO-01 Editie met verwerkersovereenkomst — niet voldaan (ernst hoog)\n    Feit: drvbel/consument.processor_agreement = false — bron: DrvBel voorwaarden voor consumenten (fictief) (https://drvbel.example/voorwaarden, gecontroleerd 2026-10-01)"), "{body}");
    let unknown = case("DRV-KANAAL-01 [zakelijk]")
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("failure");
    assert_eq!(unknown.attribute("type"), Some("unknown"));
    let body = unknown.text().unwrap();
    assert!(body.contains("Kanaal niet beoordeeld omdat:\n  ? DRV-VERSL-01 Versleuteling tijdens transport — onbekend (ernst hoog)\n    Ontbreekt: catalogue:drvbel/zakelijk.encryption_in_transit"), "{body}");
}

#[test]
fn sarif_points_at_the_reasons_and_keeps_them_in_the_properties() {
    let log = json(&report(
        &["--lang", "en", "--policy", POLICY, "--platforms", PLATFORMS],
        ORG,
        "sarif",
    ));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let result = results
        .iter()
        .find(|r| r["ruleId"] == "DRV-KANAAL-01" && r["properties"]["subject"] == "prive")
        .expect("the failed channel");
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("this channel does not meet 2 platform requirements")
    );
    let related: Vec<&str> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(related.len(), 2, "{related:?}");
    assert!(related[0].starts_with("Channel rejected because: DRV-VWO-01 Edition comes with a processor agreement — fail\nFact: drvbel/consument.processor_agreement = false — source: DrvBel voorwaarden voor consumenten (fictief) (https://drvbel.example/voorwaarden, checked 2026-10-01)"), "{related:?}");
    // The related locations point at the deployment's entry in the organisation file.
    let line = result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"].as_u64();
    assert_eq!(line, Some(9));
    let ids: Vec<u64> = result["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_u64().unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "related location ids are unique");
    assert_eq!(
        because_ids(&result["properties"]),
        ["DRV-VWO-01", "DRV-AUTH-01"]
    );
}

#[test]
fn oscal_lists_the_reasons_as_relevant_evidence() {
    let doc = json(&derived("oscal"));
    let observations = doc["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap();
    let obs = observations
        .iter()
        .find(|o| {
            o["title"]
                .as_str()
                .unwrap()
                .starts_with("DRV-KANAAL-01 (deployment prive)")
        })
        .expect("the observation of the failed channel");
    let evidence = obs["relevant-evidence"].as_array().unwrap();
    let prop = |e: &Value, name: &str| -> Option<String> {
        e["props"]
            .as_array()?
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["value"].as_str().unwrap().to_string())
    };
    let requirement = evidence
        .iter()
        .find(|e| {
            prop(e, "evidence").as_deref() == Some("platform-requirement")
                && prop(e, "requirement").as_deref() == Some("DRV-VWO-01")
        })
        .expect("DRV-VWO-01 as evidence");
    assert_eq!(prop(requirement, "state").as_deref(), Some("fail"));
    assert!(requirement["description"].as_str().unwrap().starts_with(
        "Kanaal afgewezen omdat: Platformeis `DRV-VWO-01` (Editie met verwerkersovereenkomst)"
    ));
    let fact = evidence
        .iter()
        .find(|e| prop(e, "for-requirement").as_deref() == Some("DRV-VWO-01"))
        .expect("the fact DRV-VWO-01 read");
    assert_eq!(
        prop(fact, "attribute").as_deref(),
        Some("processor_agreement")
    );
    assert_eq!(
        prop(fact, "source-title").as_deref(),
        Some("DrvBel voorwaarden voor consumenten (fictief)")
    );
    assert_eq!(fact["href"], "https://drvbel.example/voorwaarden");
    assert!(
        !evidence
            .iter()
            .any(|e| prop(e, "requirement").as_deref() == Some("DRV-GAST-01"))
    );
}

#[test]
fn a_saved_report_renders_its_reasons_again() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("r.json");
    std::fs::write(&saved, derived("json")).unwrap();
    let out = bb()
        .args(["--lang", "en", "report", "--from"])
        .arg(&saved)
        .args(["--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let kanaal = section(&text, "✗ DRV-KANAAL-01", "Basis:");
    assert!(
        kanaal.contains("not met: this channel does not meet 2 platform requirements"),
        "{kanaal}"
    );
    assert!(kanaal.contains("Channel rejected because:"), "{kanaal}");
    assert!(
        kanaal.contains("fact: processor_agreement = false"),
        "{kanaal}"
    );
}

/// The shipped WhatsApp example on the embedded policy and catalogue: BEROEP-KANAAL-01 fails
/// and says that PLAT-VWO-01 fails on `processor_agreement = false`, with WhatsApp's own terms
/// as the source, in every format.
#[test]
fn whatsapp_channel_names_the_processor_agreement_in_every_format() {
    let r = json(&report(&[], WHATSAPP, "json"));
    let o = outcome(&r, "BEROEP-KANAAL-01", "whatsapp");
    assert_eq!(o["state"], "fail");
    let vwo = o["because"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["requirement"] == "PLAT-VWO-01")
        .expect("PLAT-VWO-01 is a reason");
    assert_eq!(vwo["state"], "fail");
    let fact = &vwo["evidence"][0];
    assert_eq!(fact["attribute"], "processor_agreement");
    assert_eq!(fact["value"], false);
    let source = fact["source"]["title"].as_str().unwrap().to_string();
    assert!(source.starts_with("WhatsApp"), "{source}");
    assert!(
        o["message"]["nl"].as_str().unwrap().contains(
            "PLAT-VWO-01 Editie met verwerkersovereenkomst (processor_agreement = false)"
        )
    );

    let text = report(&[], WHATSAPP, "text");
    let kanaal = section(&text, "✗ BEROEP-KANAAL-01", "Grondslag:");
    assert!(
        kanaal.contains("Kanaal afgewezen omdat:") && kanaal.contains("✗ PLAT-VWO-01"),
        "{kanaal}"
    );
    assert!(
        kanaal.contains(&format!(
            "feit: processor_agreement = false — bron: {source}"
        )),
        "{kanaal}"
    );

    let md = report(&[], WHATSAPP, "markdown");
    let kanaal = section(&md, "`BEROEP-KANAAL-01` —", "#### ");
    assert!(
        kanaal.contains("✗ `PLAT-VWO-01`") && kanaal.contains("`processor_agreement` = `false`"),
        "{kanaal}"
    );

    let html = report(&[], WHATSAPP, "html");
    let kanaal = section(
        &html,
        "<code class=\"req\">BEROEP-KANAAL-01</code> Alleen voldoende beveiligde kanalen</h5>",
        "</article>",
    );
    let reasons = section(kanaal, "<ul class=\"because\">", "</ul></dd>");
    assert!(
        reasons.contains("<code class=\"req\">PLAT-VWO-01</code>")
            && reasons.contains("<code>processor_agreement = false</code>"),
        "{reasons}"
    );

    let junit = report(&[], WHATSAPP, "junit");
    let case = section(&junit, "name=\"BEROEP-KANAAL-01 [whatsapp]", "</testcase>");
    assert!(
        case.contains("✗ PLAT-VWO-01")
            && case.contains("Feit: whatsapp/consumer.processor_agreement = false"),
        "{case}"
    );

    let sarif = json(&report(&[], WHATSAPP, "sarif"));
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["ruleId"] == "BEROEP-KANAAL-01")
        .expect("the channel's result");
    assert!(
        result["relatedLocations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| {
                let m = l["message"]["text"].as_str().unwrap();
                m.contains("PLAT-VWO-01") && m.contains("processor_agreement = false")
            })
    );

    let oscal = report(&[], WHATSAPP, "oscal");
    let doc = json(&oscal);
    let obs = doc["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"].as_str().unwrap().starts_with("BEROEP-KANAAL-01"))
        .expect("the channel's observation");
    assert!(
        obs["relevant-evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| {
                e["props"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["name"] == "for-requirement" && p["value"] == "PLAT-VWO-01")
                    && e["description"]
                        .as_str()
                        .unwrap()
                        .contains("processor_agreement")
            })
    );
}

/// What a reader sees of the derived fixture: one failed, one unknown and one passed channel.
#[test]
fn derived_text_nl() {
    let text = derived("text");
    common::snapshot_settings().bind(|| insta::assert_snapshot!("derived_text_nl", text));
}

const OVERLAY: &str = "tests/data/derived/overlay.toml";
const ORG_FACTS: &str = "tests/data/derived/org-facts.toml";

/// The derived fixture with the register's overlay (`--facts`), in `format` and `lang`.
fn with_overlay(lang: &str, format: &str) -> String {
    report(
        &[
            "--lang",
            lang,
            "--policy",
            POLICY,
            "--platforms",
            PLATFORMS,
            "--facts",
            OVERLAY,
        ],
        ORG,
        format,
    )
}

/// A corrected fact names its overlay and what it replaced, and a source that is no web page is
/// cited by title, kind, reference, reviewer and date, without a link: in the reasons of the
/// derived outcome, in every format.
#[test]
fn an_overlay_fact_shows_its_origin_what_it_replaced_and_its_source_kind() {
    let r = json(&with_overlay("nl", "json"));
    // The overlay's fact for DrvBel Zakelijk lifts the unknown: the channel passes there.
    assert_eq!(outcome(&r, "DRV-KANAAL-01", "zakelijk")["state"], "pass");
    let o = outcome(&r, "DRV-KANAAL-01", "prive");
    let fact = &o["because"][0]["evidence"][0];
    assert_eq!(fact["attribute"], "processor_agreement");
    assert_eq!(fact["origin"]["kind"], "overlay");
    assert_eq!(fact["origin"]["file"], OVERLAY);
    assert_eq!(fact["replaced"]["value"], false);
    assert_eq!(
        fact["replaced"]["source_title"],
        "DrvBel voorwaarden voor consumenten (fictief)"
    );
    assert_eq!(fact["replaced"]["origin"]["kind"], "catalogue");
    assert_eq!(fact["source"]["kind"], "assessment");
    assert!(fact["source"].get("url").is_none());

    let title = "Beoordeling consumentenvoorwaarden DrvBel door het register";
    let replaced =
        "vervangt false uit de catalogus (bron: DrvBel voorwaarden voor consumenten (fictief))";

    let text = with_overlay("nl", "text");
    let kanaal = section(&text, "✗ DRV-KANAAL-01", "Grondslag:");
    let line = kanaal
        .lines()
        .find(|l| l.contains("feit: processor_agreement"))
        .expect("the fact under the reason");
    assert!(line.contains(&format!("bron: {title} (")), "{line}");
    assert!(
        line.contains(
            "dossier 2026-17, beoordeeld door SRA, commissie kanalen, gecontroleerd 2026-11-01)"
        ),
        "{line}"
    );
    assert!(
        line.contains(&format!("— uit overlay {OVERLAY}; {replaced}")),
        "{line}"
    );
    assert!(!line.contains("https://"), "no address: {line}");

    let en = with_overlay("en", "text");
    let kanaal = section(&en, "✗ DRV-KANAAL-01", "Basis:");
    assert!(kanaal.contains(&format!("— from overlay {OVERLAY}; replaces false from the catalogue (source: DrvBel voorwaarden voor consumenten (fictief))")), "{kanaal}");

    let md = with_overlay("nl", "markdown");
    let kanaal = section(
        &md,
        "`DRV-KANAAL-01` — Alleen voldoende beveiligde kanalen (deployment prive",
        "#### ",
    );
    let line = kanaal
        .lines()
        .find(|l| l.contains("`processor_agreement`"))
        .expect("the fact under the reason");
    assert!(
        line.contains(&format!("bron: {title} (")),
        "no link for a source without an address: {line}"
    );
    assert!(!line.contains("]("), "{line}");
    assert!(line.contains("dossier 2026-17"), "{line}");
    assert!(
        line.contains(
            "uit overlay tests/data/derived/overlay.toml; vervangt false uit de catalogus"
        ),
        "{line}"
    );

    let html = with_overlay("nl", "html");
    let kanaal = section(
        &html,
        "<code class=\"req\">DRV-KANAAL-01</code> Alleen voldoende beveiligde kanalen</h5>",
        "</article>",
    );
    let reasons = section(kanaal, "<ul class=\"because\">", "</ul></dd>");
    let item = section(
        reasons,
        "<li><code>processor_agreement = false</code>",
        "</li>",
    );
    assert!(item.contains(title), "{item}");
    assert!(item.contains("dossier 2026-17"), "{item}");
    assert!(!item.contains("<a "), "no link: {item}");
    assert!(item.contains("<span class=\"origin\">uit overlay tests&#x2f;data&#x2f;derived&#x2f;overlay.toml</span>"), "{item}");
    assert!(item.contains("<span class=\"replaced\">vervangt false uit de catalogus (bron: DrvBel voorwaarden voor consumenten (fictief))</span>"), "{item}");

    let junit = with_overlay("nl", "junit");
    let case = section(&junit, "name=\"DRV-KANAAL-01 [prive]", "</testcase>");
    assert!(
        case.contains(&format!(
            "Feit: drvbel/consument.processor_agreement = false — bron: {title} ("
        )),
        "{case}"
    );
    assert!(
        case.contains(&format!("— uit overlay {OVERLAY}; {replaced}")),
        "{case}"
    );

    let sarif = json(&with_overlay("nl", "sarif"));
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["ruleId"] == "DRV-KANAAL-01" && x["properties"]["subject"] == "prive")
        .expect("the failed channel");
    let related = result["relatedLocations"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(
        related.contains(&format!("— uit overlay {OVERLAY}; {replaced}")),
        "{related}"
    );
    assert_eq!(
        result["properties"]["because"][0]["evidence"][0]["origin"]["kind"],
        "overlay"
    );
    let vwo = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["ruleId"] == "DRV-VWO-01" && x["properties"]["subject"] == "prive")
        .expect("the failed platform requirement");
    assert!(
        vwo["message"]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("uit overlay {OVERLAY}; {replaced}"))
    );

    let oscal = json(&with_overlay("nl", "oscal"));
    let obs = oscal["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["title"]
                .as_str()
                .unwrap()
                .starts_with("DRV-KANAAL-01 (deployment prive)")
        })
        .expect("the observation");
    let prop = |e: &Value, name: &str| -> Option<String> {
        e["props"]
            .as_array()?
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["value"].as_str().unwrap().to_string())
    };
    let fact = obs["relevant-evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| prop(e, "for-requirement").as_deref() == Some("DRV-VWO-01"))
        .expect("the fact of DRV-VWO-01");
    assert_eq!(prop(fact, "origin").as_deref(), Some("overlay"));
    assert_eq!(prop(fact, "origin-file").as_deref(), Some(OVERLAY));
    assert_eq!(prop(fact, "replaced-value").as_deref(), Some("false"));
    assert_eq!(prop(fact, "replaced-origin").as_deref(), Some("catalogue"));
    assert_eq!(prop(fact, "source-kind").as_deref(), Some("assessment"));
    assert!(fact.get("href").is_none(), "no address, no href: {fact}");
    let description = fact["description"].as_str().unwrap();
    assert!(description.contains("Uit overlay"), "{description}");
    assert!(
        description.contains("vervangt false uit de catalogus"),
        "{description}"
    );
}

/// The organisation's own fact (`[deployments.facts]`) decides its channel, and every format
/// says it came from the organisation file and what catalogue fact it replaced.
#[test]
fn an_organisation_fact_decides_the_channel_and_says_so() {
    let global = GLOBAL;
    let r = json(&report(&global, ORG_FACTS, "json"));
    let o = outcome(&r, "DRV-KANAAL-01", "compleet");
    assert_eq!(o["state"], "fail");
    assert_eq!(because_ids(o), ["DRV-AUTH-01"]);
    let fact = &o["because"][0]["evidence"][0];
    assert_eq!(fact["origin"]["kind"], "organisation");
    assert_eq!(fact["origin"]["file"], ORG_FACTS);
    assert_eq!(fact["replaced"]["value"], true);
    assert_eq!(fact["source"]["kind"], "contract");

    let from = format!(
        "uit het organisatiebestand {ORG_FACTS}; vervangt true uit de catalogus (bron: DrvBel zakelijke voorwaarden (fictief))"
    );
    let text = report(&global, ORG_FACTS, "text");
    let kanaal = section(&text, "✗ DRV-KANAAL-01", "Grondslag:");
    assert!(kanaal.contains("feit: mfa_sso = false — bron: Overeenkomst DrvBel Compleet met Eigen feiten B.V. (contract, bijlage 2, gecontroleerd 2026-11-15)"), "{kanaal}");
    assert!(kanaal.contains(&from), "{kanaal}");
    let md = report(&global, ORG_FACTS, "markdown");
    assert!(section(&md, "`DRV-KANAAL-01` —", "#### ").contains("uit het organisatiebestand tests/data/derived/org-facts.toml; vervangt true uit de catalogus"));
    let html = report(&global, ORG_FACTS, "html");
    let kanaal = section(
        &html,
        "<code class=\"req\">DRV-KANAAL-01</code> Alleen voldoende beveiligde kanalen</h5>",
        "</article>",
    );
    assert!(kanaal.contains("<span class=\"origin\">uit het organisatiebestand tests&#x2f;data&#x2f;derived&#x2f;org-facts.toml</span>"), "{kanaal}");
    assert!(
        kanaal.contains("<span class=\"replaced\">vervangt true uit de catalogus"),
        "{kanaal}"
    );
    let junit = report(&global, ORG_FACTS, "junit");
    assert!(section(&junit, "name=\"DRV-KANAAL-01 [compleet]", "</testcase>").contains(&from));
    let sarif = report(&global, ORG_FACTS, "sarif");
    assert!(
        sarif.contains(&from.replace('"', "\\\"")),
        "SARIF names the organisation fact"
    );
    let oscal = json(&report(&global, ORG_FACTS, "oscal"));
    let obs = oscal["assessment-results"]["results"][0]["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["title"]
                .as_str()
                .unwrap()
                .starts_with("DRV-KANAAL-01 (deployment compleet)")
        })
        .expect("the observation");
    let origin_of_auth = obs["relevant-evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["props"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == "for-requirement" && p["value"] == "DRV-AUTH-01")
        })
        .flat_map(|e| e["props"].as_array().unwrap().iter())
        .find(|p| p["name"] == "origin")
        .map(|p| p["value"].clone());
    assert_eq!(origin_of_auth, Some(Value::from("organisation")));
}
