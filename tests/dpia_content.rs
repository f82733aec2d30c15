//! What a DPIA team signs (issue 13, point 3), asserted on the three example organisations: the
//! organisation's own DPIA status is context in "Over deze DPIA", never a risk whose measure is
//! "run beeldbel dpia"; a field merely left out of the organisation file is a point to fill in,
//! not a risk; measures are worded as measures, without file fields or commands; the Dutch draft
//! holds no English catalogue notes. With the risk list and the number of open points of each.

mod common;

use common::*;

/// The requirement of each risk heading of § 16 (`#### R1 · `PLAT-VWO-01` · …`), in order.
fn risk_requirements(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| {
            l.strip_prefix("#### R")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
        .map(|l| l.split('`').nth(1).unwrap_or_default().to_string())
        .collect()
}

fn open_count(md: &str) -> usize {
    let at = md.find("## Nog in te vullen (").expect("a gap list") + "## Nog in te vullen (".len();
    md[at..].split(')').next().unwrap().parse().unwrap()
}

/// The section "Over deze DPIA" of the Markdown draft.
fn about(md: &str) -> &str {
    let start = md.find("## Over deze DPIA").unwrap();
    let end = md[start..].find("## Managementsamenvatting").unwrap();
    &md[start..start + end]
}

#[test]
fn the_risks_and_open_points_of_the_examples() {
    // Only known failing facts are risks (and waived ones, with their accepted residual risk).
    for (file, risks, open) in [
        (ARBODIENST, vec!["PLAT-DOEL-02", "PLAT-CERT-01"], 24),
        // Every open outcome is a field left out or a fact the catalogue lacks: no risks, only
        // points to establish.
        (REINTEGRATIE, vec![], 30),
        (
            WHATSAPP,
            vec![
                "PLAT-VWO-01",
                "PLAT-DOEL-02",
                "PLAT-GAST-01",
                "AVG-VWO-01",
                "PLAT-LOC-01",
                "PLAT-TELEM-01",
                "PLAT-AUTH-01",
                "PLAT-PSEUDO-01",
                "BEROEP-KANAAL-01",
                "AVG-BELEID-01",
                "AVG-OPNAME-02",
                "BEROEP-MOTIV-01",
            ],
            51,
        ),
        // Self-hosted: nothing asked about what the software's vendor does with the data.
        ("docs/examples/zorggroep-jitsi.toml", vec![], 21),
    ] {
        let md = dpia_draft(&[], file);
        assert_eq!(risk_requirements(&md), risks, "{file}");
        assert_eq!(open_count(&md), open, "{file}");
        let summary = format!(
            "Risico's in § 16: {}, elk met een maatregel in § 17",
            risks.len()
        );
        assert!(md.contains(&summary), "{file}: {summary}");
    }
}

#[test]
fn the_organisations_own_dpia_is_context_not_a_risk() {
    for file in EXAMPLES {
        let md = dpia_draft(&[], file);
        let risks = risk_requirements(&md);
        assert!(
            !risks
                .iter()
                .any(|r| r.starts_with("AVG-DPIA") || r == "AVG-RAADPL-01"),
            "{file}: {risks:?}"
        );
        assert!(
            !md.contains("beeldbel dpia` maakt een concept"),
            "{file}: a circular measure"
        );
    }
    // WhatsApp has no DPIA: the check's finding is in "Over deze DPIA", with why it is no risk.
    let md = dpia_draft(&[], WHATSAPP);
    let part = about(&md);
    assert!(
        part.contains("**Stand van de DPIA:** niet begonnen"),
        "{part}"
    );
    assert!(
        part.contains("**Toets: DPIA uitgevoerd vóór ingebruikname:** niet voldaan"),
        "{part}"
    );
    assert!(
        part.contains("deze punten zijn daarom geen risico's in § 16"),
        "{part}"
    );
    // The re-integration company's DPIA lacks its review date: context too, and a point to fill.
    let md = dpia_draft(&[], REINTEGRATIE);
    let part = about(&md);
    assert!(
        part.contains("**Toets: DPIA met advies van de FG en tijdig herzien:** onbekend"),
        "{part}"
    );
    assert!(part.contains("(`about.dpia.review_due`)"), "{part}");
}

#[test]
fn a_field_left_out_is_a_point_to_fill_in_not_a_risk() {
    // reintegratie-onvolledig leaves out `telemetry_minimised`, `ai_features_disabled` and
    // `evaluated_during_trajectory`: each is a point to establish in § 16 with the field in
    // the gap list's hint, and none is a risk.
    let check = run(&["check", REINTEGRATIE, "--format", "json"]).report();
    let md = dpia_draft(&[], REINTEGRATIE);
    let risks = risk_requirements(&md);
    for o in outcomes(&check) {
        let missing = o["missing"].as_array().unwrap();
        let org_fields: Vec<&str> = missing
            .iter()
            .filter_map(|m| m.as_str())
            .filter(|m| !m.starts_with("catalogue:") && !m.starts_with("channel:"))
            .collect();
        if org_fields.is_empty() {
            continue;
        }
        let req = o["requirement"].as_str().unwrap();
        assert!(
            !risks.iter().any(|r| r == req),
            "{req} is a risk: {risks:?}"
        );
    }
    for (key, field) in [
        (
            "s16.PLAT-TELEM-01.zoom.vaststellen",
            "deployments[zoom].telemetry_minimised",
        ),
        (
            "s16.PLAT-AI-01.zoom.vaststellen",
            "deployments[zoom].ai_features_disabled",
        ),
        (
            "s16.BEROEP-EVAL-01.vaststellen",
            "conduct.evaluated_during_trajectory",
        ),
    ] {
        let line = md
            .lines()
            .find(|l| l.starts_with(&format!("- `{key}` · ")))
            .unwrap_or_else(|| panic!("{key} not in the gap list"));
        assert!(
            line.contains(&format!("*in te vullen via* `{field}`")),
            "{line}"
        );
        assert!(md.contains(&format!("(`{key}`)")), "{key} not in § 16");
    }
}

#[test]
fn measures_are_measures_without_fields_or_commands() {
    let md = dpia_draft(&[], WHATSAPP);
    let measures: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("- **Maatregel:**"))
        // A risk names its measure: "- **Maatregel:** M1 (§ 17)".
        .filter(|l| !l.ends_with("(§ 17)"))
        .collect();
    assert_eq!(measures.len(), 12);
    for m in &measures {
        assert!(!m.contains('`'), "{m}");
    }
    assert!(measures.contains(
        &"- **Maatregel:** Beperk diagnostische gegevens tot het minimum en schakel optionele analysefuncties uit; vraag de leverancier om documentatie van de diagnostische gegevens, of kies een ander platform."
    ));
    let en = dpia_draft(&["--lang", "en"], WHATSAPP);
    assert!(en.contains("- **Measure:** Limit diagnostic data to the minimum"));
}

#[test]
fn the_dutch_draft_holds_no_english_catalogue_notes() {
    // Zoom's catalogue note on transport encryption is written in English only.
    let note = "Zoom announced that GCM encryption is fully enabled";
    let nl = dpia_draft(&[], ARBODIENST);
    assert!(!nl.contains(note));
    let en = dpia_draft(&["--lang", "en"], ARBODIENST);
    assert!(en.contains(note), "the English draft keeps it");
    // A note in both languages is shown in Dutch.
    let wa = dpia_draft(&[], WHATSAPP);
    assert!(wa.contains("toelichting in de catalogus: Consumentenvoorwaarden: WhatsApp Ireland"));
    // A free text the catalogue has in one language is named, not shown.
    let jitsi = dpia_draft(&[], "docs/examples/zorggroep-jitsi.toml");
    assert!(jitsi.contains(
        "**Beperkingen van end-to-endversleuteling:** de catalogus beschrijft dit alleen onvertaald"
    ));
    assert!(!jitsi.contains("E2EE covers audio, video and screen sharing only"));
}

#[test]
fn a_self_hosted_edition_asks_nothing_about_the_software_vendor_and_speaks_dutch() {
    let md = dpia_draft(&[], "docs/examples/zorggroep-jitsi.toml");
    // The vendor of self-hosted software processes no call data through the service: no gap
    // about its own use of the data, its telemetry location or its role as processor.
    for key in [
        "s13.jitsi.content_own_use",
        "s13.jitsi.metadata_own_use",
        "s8.jitsi.telemetrie-locatie",
        "s6.jitsi.rol-leverancier",
    ] {
        assert!(!md.contains(key), "{key} asked of a self-hosted edition");
    }
    assert!(md.contains(
        "geen verwerker via de dienst: de organisatie draait de software in eigen beheer"
    ));
    // The vendor's description is in the report language.
    assert!(md.contains("8x8, Inc. (beheert meet.jit.si;"));
    assert!(!md.contains("runs meet.jit.si"));
    // A cloud edition is still asked.
    let zoom = dpia_draft(&[], ARBODIENST);
    assert!(
        zoom.contains("s13.zoom.metadata_own_use") || zoom.contains("Gebruik van metagegevens")
    );
}
