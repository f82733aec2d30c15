//! The document around the results: metadata, the import of the (described) assessment plan,
//! the back matter, and per result the assessment assets and the reviewed controls.

use crate::i18n::tr;
use crate::results::Report;

use super::evidence::{lang_code, verdict_code};
use super::model::*;
use super::result::{assessment_assets, reviewed_controls};
use super::values::*;
use crate::render::sarif::parts::Slot;

// =============================================================================================
// Building
// =============================================================================================

/// The UUIDs every document starts with: those of the policy and of the catalogue, made by
/// `ids` (the first names it is given).
pub(super) fn document_ids(report: &Report, ids: &mut Ids) -> (String, String) {
    let policy = &report.policy;
    let policy_uuid = ids.get(&["policy", &policy.id, &policy.version]);
    let catalogue_uuid = ids.get(&["catalogue", &report.catalogue.origin]);
    (policy_uuid, catalogue_uuid)
}

/// The document around the results (which are written in their [`Slot`]), its UUID empty.
pub(super) fn build(report: &Report, ids: &mut Ids) -> AssessmentResults {
    let date = midnight(&report.evaluated_on);
    let policy = &report.policy;
    let (policy_uuid, catalogue_uuid) = document_ids(report, ids);

    let mut meta = Props::default();
    meta.add("tool", &report.tool.name);
    meta.add("tool-version", &report.tool.version);
    meta.add("policy-id", &policy.id);
    meta.add("policy-version", &policy.version);
    meta.add("policy-sha256", &policy.sha256);
    meta.add("policy-origin", &policy.origin);
    meta.add("max-fact-age-days", &policy.max_fact_age_days.to_string());
    meta.add("catalogue-sha256", &report.catalogue.sha256);
    meta.add("catalogue-origin", &report.catalogue.origin);
    if let Some(d) = &report.catalogue.oldest_fact {
        meta.add("catalogue-oldest-fact", d);
    }
    for o in &report.catalogue.overlays {
        meta.add("catalogue-overlay", &format!("{} {}", o.sha256, o.file));
    }
    // The sources fetched over HTTPS (docs/remote.md): "sha256 url fetched-on".
    for r in policy.remote.iter().chain(&report.catalogue.remote) {
        meta.add(
            "remote-source",
            &format!("{} {} {}", r.sha256, r.url, r.fetched_on),
        );
    }
    meta.add("evaluated-on", &report.evaluated_on);
    meta.add("lang", lang_code(report));
    meta.add("fail-on", report.fail_on.as_str());
    meta.add("verdict", verdict_code(report.verdict));

    let metadata = Metadata {
        title: md(&crate::tr!(
            "beeldbel: beeldbellen getoetst aan beleid {} {} op {}",
            "beeldbel: video calling assessed against policy {} {} on {}",
            policy.id,
            policy.version,
            report.evaluated_on
        )),
        last_modified: date.clone(),
        version: report.evaluated_on.clone(),
        oscal_version: OSCAL_VERSION,
        props: meta.0,
        remarks: paragraphs(&[
            md_block(report.notice.get()),
            crate::tr!(
                "Gemaakt door beeldbel {}. De tijdstempels zijn de evaluatiedatum om 00:00:00Z, niet het moment van uitvoeren, en alle UUIDs zijn afgeleid van SHA-256 over vaste namen: dezelfde invoer geeft hetzelfde document. De eigenschappen (props) in namespace `{NS}` zijn die van beeldbel.",
                "Produced by beeldbel {}. Timestamps are the evaluation date at 00:00:00Z, not the time of the run, and every UUID is derived from SHA-256 over stable names: the same inputs give the same document. Properties (props) in namespace `{NS}` are beeldbel's own.",
                md(&report.tool.version)
            ),
        ]),
    };

    let import_ap = ImportAp {
        href: format!("#{policy_uuid}"),
        remarks: crate::tr!(
            "beeldbel heeft geen apart OSCAL-toetsingsplan (assessment plan): het plan is beleid {} {} (sha256 {}). Deze verwijzing wijst naar de beschrijving daarvan in back-matter van dit document.",
            "beeldbel has no separate OSCAL assessment plan: the plan is policy {} {} (sha256 {}). This reference points at its description in this document's back-matter.",
            md(&policy.id),
            md(&policy.version),
            md(&policy.sha256)
        ),
    };

    let mut policy_props = Props::default();
    policy_props.add("policy-id", &policy.id);
    policy_props.add("policy-version", &policy.version);
    policy_props.add("policy-sha256", &policy.sha256);
    policy_props.add("policy-origin", &policy.origin);
    policy_props.add("max-fact-age-days", &policy.max_fact_age_days.to_string());
    let mut catalogue_props = Props::default();
    catalogue_props.add("catalogue-sha256", &report.catalogue.sha256);
    catalogue_props.add("catalogue-origin", &report.catalogue.origin);
    if let Some(d) = &report.catalogue.oldest_fact {
        catalogue_props.add("catalogue-oldest-fact", d);
    }
    for o in &report.catalogue.overlays {
        catalogue_props.add("catalogue-overlay", &format!("{} {}", o.sha256, o.file));
    }
    let back_matter = BackMatter {
        resources: vec![
            Resource {
                uuid: policy_uuid,
                title: md(&crate::tr!(
                    "Beleid {} {}",
                    "Policy {} {}",
                    policy.id,
                    policy.version
                )),
                description: crate::tr!(
                    "Het beeldbel-beleid dat als toetsingsplan diende: de eisen (reviewed-controls) met hun controles. Herkomst: {}; sha256 {}.",
                    "The beeldbel policy that served as the assessment plan: the requirements (reviewed-controls) and their checks. Origin: {}; sha256 {}.",
                    md(&policy.origin),
                    md(&policy.sha256)
                ),
                props: policy_props.0,
            },
            Resource {
                uuid: catalogue_uuid,
                title: md(&crate::tr!(
                    "Platformcatalogus ({})",
                    "Platform catalogue ({})",
                    report.catalogue.origin
                )),
                description: crate::tr!(
                    "De feiten over platforms en edities waarop de toetsing steunt, elk met een bron; de bronnen staan bij de waarnemingen (relevant-evidence). sha256 {}{}.",
                    "The facts about platforms and editions the assessment rests on, each with a source; the sources are given with the observations (relevant-evidence). sha256 {}{}.",
                    md(&report.catalogue.sha256),
                    report
                        .catalogue
                        .oldest_fact
                        .as_ref()
                        .map(|d| crate::tr!("; oudste feit {}", "; oldest fact {}", md(d)))
                        .unwrap_or_default()
                ),
                props: catalogue_props.0,
            },
        ],
    };

    AssessmentResults {
        uuid: String::new(),
        metadata,
        import_ap,
        results: Slot::nth(0),
        back_matter,
    }
}

/// The one result of a report without organisations (OSCAL requires at least one), made by `ids`
/// after the document's own.
pub(super) fn empty_result(report: &Report, ids: &mut Ids) -> ResultSet {
    let date = midnight(&report.evaluated_on);
    let policy = &report.policy;
    // OSCAL requires at least one result; a report without organisations gets an empty one.
    let uuid = ids.get(&["result", &report.evaluated_on, &policy.id, &policy.version]);
    let (assets, _) = assessment_assets(report, &uuid, ids);
    let system = ids.get(&["system", &uuid]);
    ResultSet {
        uuid,
        title: tr("Geen organisaties getoetst", "No organisations assessed").into(),
        description: tr(
            "Het rapport bevat geen organisaties.",
            "The report holds no organisations.",
        )
        .into(),
        start: date.clone(),
        end: date,
        props: Vec::new(),
        local_definitions: LocalDefinitions {
            components: vec![Component {
                uuid: system,
                kind: "this-system",
                title: tr("Geen organisatie", "No organisation").into(),
                description: tr(
                    "Er is geen organisatiebestand getoetst.",
                    "No organisation file was assessed.",
                )
                .into(),
                props: Vec::new(),
                status: ComponentStatus { state: "other" },
            }],
            assessment_assets: assets,
        },
        reviewed_controls: reviewed_controls(report, &[]),
        observations: Vec::new(),
        risks: Vec::new(),
        findings: Vec::new(),
        remarks: None,
    }
}
