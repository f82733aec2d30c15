//! OSCAL 1.1 assessment results (JSON): the organisation as the assessed system, one finding per
//! requirement × subject.
//!
//! Shape (OSCAL 1.1.2, checked with compliance-trestle's models in `tests/oscal/validate.py`):
//!
//! - one `results[]` entry per organisation file: its own assessed system (a `this-system`
//!   component for the organisation, a `service` component per deployment), its own start/end,
//!   reviewed controls (the requirement ids) and findings, so a GRC tool can import organisations
//!   separately;
//! - per outcome an observation (the message, and as `relevant-evidence` the catalogue facts
//!   with their source and the organisation-file fields with file and line) and, except for
//!   `not_applicable`, a finding whose `target.status` says `satisfied` or `not-satisfied`;
//! - a waiver becomes a risk with status `deviation-approved`, linked from the finding;
//! - provenance (tool, policy, catalogue, files, date) as `props` in namespace [`NS`];
//! - `import-ap` points at a back-matter resource describing the policy: beeldbel has no
//!   separate OSCAL assessment plan, and no URL is invented for one.
//!
//! Output is reproducible: timestamps are the evaluation date at 00:00:00Z, and every UUID is
//! derived from SHA-256 of stable names (see [`Ids`]), never random or from the clock.
//!
//! OSCAL's JSON titles, descriptions and remarks are Markdown: every string from an input is
//! escaped there, so it shows as text, never as markup. Property values are plain text.

use std::collections::HashSet;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::i18n::tr;
use crate::results::{DeploymentInfo, Evidence, InputValue, OrgReport, Outcome, Report, State};

/// The OSCAL version the document conforms to.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The namespace of beeldbel's own properties: a URN, which names no web site.
pub const NS: &str = "urn:beeldbel:oscal";

pub fn render(report: &Report) -> String {
    let mut doc = Document {
        assessment_results: build(report),
    };
    // The document UUID identifies this exact content: a hash of everything else in it.
    let body = serde_json::to_string(&doc).unwrap_or_default();
    doc.assessment_results.uuid = uuid_from(&format!("document\n{body}"));
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

// =============================================================================================
// The OSCAL subset written (serialise-only; field order as in the OSCAL model)
// =============================================================================================

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Document {
    assessment_results: AssessmentResults,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentResults {
    uuid: String,
    metadata: Metadata,
    import_ap: ImportAp,
    results: Vec<ResultSet>,
    back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata {
    title: String,
    last_modified: String,
    version: String,
    oscal_version: &'static str,
    props: Vec<Prop>,
    remarks: String,
}

#[derive(Serialize)]
struct Prop {
    name: &'static str,
    ns: &'static str,
    value: String,
}

#[derive(Serialize)]
struct ImportAp {
    href: String,
    remarks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ResultSet {
    uuid: String,
    title: String,
    description: String,
    start: String,
    end: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    local_definitions: LocalDefinitions,
    reviewed_controls: ReviewedControls,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    risks: Vec<Risk>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct LocalDefinitions {
    components: Vec<Component>,
    assessment_assets: AssessmentAssets,
}

#[derive(Serialize)]
struct Component {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    status: ComponentStatus,
}

#[derive(Serialize)]
struct ComponentStatus {
    state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentAssets {
    components: Vec<Component>,
    assessment_platforms: Vec<AssessmentPlatform>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct AssessmentPlatform {
    uuid: String,
    title: String,
    uses_components: Vec<UsesComponent>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct UsesComponent {
    component_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ReviewedControls {
    description: String,
    control_selections: Vec<ControlSelection>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlSelection {
    #[serde(skip_serializing_if = "Option::is_none")]
    include_all: Option<Empty>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    include_controls: Vec<SelectControl>,
}

/// `{}`
#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SelectControl {
    control_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Observation {
    uuid: String,
    title: String,
    description: String,
    props: Vec<Prop>,
    methods: Vec<&'static str>,
    types: Vec<&'static str>,
    origins: Vec<Origin>,
    subjects: Vec<SubjectRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relevant_evidence: Vec<RelevantEvidence>,
    collected: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
struct Origin {
    actors: Vec<Actor>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Actor {
    #[serde(rename = "type")]
    kind: &'static str,
    actor_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SubjectRef {
    subject_uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
}

#[derive(Serialize)]
struct RelevantEvidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<String>,
    description: String,
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Finding {
    uuid: String,
    title: String,
    description: String,
    props: Vec<Prop>,
    origins: Vec<Origin>,
    target: Target,
    related_observations: Vec<RelatedObservation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_risks: Vec<RelatedRisk>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Target {
    #[serde(rename = "type")]
    kind: &'static str,
    target_id: String,
    title: String,
    status: ObjectiveStatus,
}

#[derive(Serialize)]
struct ObjectiveStatus {
    state: &'static str,
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RelatedObservation {
    observation_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RelatedRisk {
    risk_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Risk {
    uuid: String,
    title: String,
    description: String,
    statement: String,
    props: Vec<Prop>,
    status: &'static str,
    origins: Vec<Origin>,
    deadline: String,
    risk_log: RiskLog,
    related_observations: Vec<RelatedObservation>,
}

#[derive(Serialize)]
struct RiskLog {
    entries: Vec<RiskLogEntry>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RiskLogEntry {
    uuid: String,
    title: String,
    description: String,
    start: String,
    status_change: &'static str,
}

#[derive(Serialize)]
struct BackMatter {
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    uuid: String,
    title: String,
    description: String,
    props: Vec<Prop>,
}

// =============================================================================================
// Building
// =============================================================================================

fn build(report: &Report) -> AssessmentResults {
    let mut ids = Ids::default();
    let date = midnight(&report.evaluated_on);
    let policy = &report.policy;
    let policy_uuid = ids.get(&["policy", &policy.id, &policy.version]);
    let catalogue_uuid = ids.get(&["catalogue", &report.catalogue.origin]);

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

    let mut results: Vec<ResultSet> = report
        .organisations
        .iter()
        .map(|org| build_result(report, org, &mut ids))
        .collect();
    if results.is_empty() {
        // OSCAL requires at least one result; a report without organisations gets an empty one.
        let uuid = ids.get(&["result", &report.evaluated_on, &policy.id, &policy.version]);
        let (assets, _) = assessment_assets(report, &uuid, &mut ids);
        let system = ids.get(&["system", &uuid]);
        results.push(ResultSet {
            uuid,
            title: tr("Geen organisaties getoetst", "No organisations assessed").into(),
            description: tr(
                "Het rapport bevat geen organisaties.",
                "The report holds no organisations.",
            )
            .into(),
            start: date.clone(),
            end: date.clone(),
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
        });
    }

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
        results,
        back_matter,
    }
}

/// The tool as an assessment asset of one result. Returns the assets and the tool's UUID.
fn assessment_assets(report: &Report, result: &str, ids: &mut Ids) -> (AssessmentAssets, String) {
    let tool = ids.get(&["tool", result, &report.tool.name, &report.tool.version]);
    let platform = ids.get(&["assessment-platform", result]);
    let mut props = Props::default();
    props.add("tool", &report.tool.name);
    props.add("tool-version", &report.tool.version);
    let title = md(&format!("{} {}", report.tool.name, report.tool.version));
    let assets = AssessmentAssets {
        components: vec![Component {
            uuid: tool.clone(),
            kind: "software",
            title: title.clone(),
            description: tr(
                "Het hulpmiddel dat de toetsing uitvoerde: het past het beleid en de platformcatalogus toe op het organisatiebestand.",
                "The tool that performed the assessment: it applies the policy and the platform catalogue to the organisation file.",
            )
            .into(),
            props: props.0,
            status: ComponentStatus {
                state: "operational",
            },
        }],
        assessment_platforms: vec![AssessmentPlatform {
            uuid: platform,
            title,
            uses_components: vec![UsesComponent {
                component_uuid: tool.clone(),
            }],
        }],
    };
    (assets, tool)
}

fn reviewed_controls(report: &Report, outcomes: &[Outcome]) -> ReviewedControls {
    let mut seen = HashSet::new();
    let include_controls: Vec<SelectControl> = outcomes
        .iter()
        .filter(|o| seen.insert(o.requirement.as_str()))
        .map(|o| SelectControl {
            control_id: token(&o.requirement),
        })
        .collect();
    ReviewedControls {
        description: crate::tr!(
            "De eisen van beleid {} {} die op deze organisatie zijn toegepast; de eis-id is de control-id.",
            "The requirements of policy {} {} applied to this organisation; the requirement id is the control id.",
            md(&report.policy.id),
            md(&report.policy.version)
        ),
        control_selections: vec![if include_controls.is_empty() {
            ControlSelection {
                include_all: Some(Empty {}),
                include_controls,
            }
        } else {
            ControlSelection {
                include_all: None,
                include_controls,
            }
        }],
    }
}

fn build_result(report: &Report, org: &OrgReport, ids: &mut Ids) -> ResultSet {
    let date = midnight(&report.evaluated_on);
    let policy = &report.policy;
    // Stable across runs and edits of the file: the result is "this organisation file, assessed
    // against this policy version on this date".
    let key = [
        report.evaluated_on.as_str(),
        policy.id.as_str(),
        policy.version.as_str(),
        org.file.as_str(),
        org.name.as_str(),
    ];
    let uuid = ids.get(&[&["result"][..], &key[..]].concat());
    let name = one_line(&org.name);

    // The assessed system: the organisation's video calling, and each deployment in it.
    let system = ids.get(&["system", &org.file, &org.name]);
    let mut system_props = Props::default();
    system_props.add("organisation-file", &org.file);
    system_props.add("organisation-sha256", &org.sha256);
    let mut components = vec![Component {
        uuid: system.clone(),
        kind: "this-system",
        title: md(&crate::tr!(
            "Beeldbellen van {}",
            "Video calling of {}",
            name
        )),
        description: crate::tr!(
            "Het beeldbellen van {} zoals beschreven in {} (sha256 {}): de organisatie als getoetst systeem.",
            "Video calling at {} as described in {} (sha256 {}): the organisation as the assessed system.",
            md(&name),
            code(&org.file),
            md(&org.sha256)
        ),
        props: system_props.0,
        status: ComponentStatus {
            state: "operational",
        },
    }];
    let mut deployments: Vec<(&DeploymentInfo, String)> = Vec::new();
    for d in &org.deployments {
        let id = ids.get(&["deployment", &org.file, &org.name, &d.id]);
        let mut props = Props::default();
        props.add("deployment-id", &d.id);
        props.add("platform", &d.platform);
        props.add("edition", &d.edition);
        props.add("edition-kind", &d.edition_kind);
        props.add("line", &d.line.to_string());
        components.push(Component {
            uuid: id.clone(),
            kind: "service",
            title: md(&format!(
                "{} — {} ({})",
                d.platform_name, d.edition_name, d.id
            )),
            description: crate::tr!(
                "Deployment {} van {}: platform {}, editie {} ({}); {} regel {}.",
                "Deployment {} of {}: platform {}, edition {} ({}); {} line {}.",
                code(&d.id),
                md(&name),
                code(&d.platform),
                code(&d.edition),
                md(&d.edition_kind),
                code(&org.file),
                d.line
            ),
            props: props.0,
            status: ComponentStatus {
                state: "operational",
            },
        });
        deployments.push((d, id));
    }
    let (assets, tool) = assessment_assets(report, &uuid, ids);
    let origins = || {
        vec![Origin {
            actors: vec![Actor {
                kind: "tool",
                actor_uuid: tool.clone(),
            }],
        }]
    };

    let mut observations = Vec::new();
    let mut findings = Vec::new();
    let mut risks = Vec::new();
    let mut not_applicable = Vec::new();
    for o in &org.outcomes {
        let item = [&key[..], &[o.requirement.as_str(), o.subject.as_str()][..]].concat();
        let subject_label = subject_label(o);
        let (subject_uuid, subject_title) =
            match deployments.iter().find(|(d, _)| d.id == o.subject) {
                Some((d, id)) => (
                    id.clone(),
                    md(&format!(
                        "{} — {} ({})",
                        d.platform_name, d.edition_name, d.id
                    )),
                ),
                None => (
                    system.clone(),
                    md(&crate::tr!(
                        "Beeldbellen van {}",
                        "Video calling of {}",
                        name
                    )),
                ),
            };

        // The observation: what was read, and what came of it.
        let obs_uuid = ids.get(&[&["observation"][..], &item[..]].concat());
        let mut props = Props::default();
        props.add("requirement", &o.requirement);
        props.add("subject", &o.subject);
        props.add("state", o.state.as_str());
        for m in &o.missing {
            props.add("missing", m);
        }
        let mut evidence: Vec<RelevantEvidence> = o.evidence.iter().map(fact_evidence).collect();
        evidence.extend(o.inputs.iter().map(|i| input_evidence(i, &org.file)));
        observations.push(Observation {
            uuid: obs_uuid.clone(),
            title: md(&format!(
                "{} ({}): {}",
                o.requirement,
                subject_label,
                o.state.label()
            )),
            description: crate::tr!(
                "Uitkomst: {}. Gelezen: {} catalogusfeit(en), {} gegeven(s) uit het organisatiebestand.",
                "Outcome: {}. Read: {} catalogue fact(s), {} value(s) from the organisation file.",
                md(o.message.get()),
                o.evidence.len(),
                o.inputs.len()
            ),
            props: props.0,
            methods: vec!["EXAMINE"],
            types: vec!["control-objective"],
            origins: origins(),
            subjects: vec![SubjectRef {
                subject_uuid,
                kind: "component",
                title: subject_title,
            }],
            relevant_evidence: evidence,
            collected: date.clone(),
            remarks: missing_remark(o),
        });

        if o.state == State::NotApplicable {
            not_applicable.push(format!("{} ({})", code(&o.requirement), md(&subject_label)));
            continue;
        }

        // A waiver: the accepted risk behind it.
        let mut related_risks = Vec::new();
        if let (State::Waived, Some(w)) = (o.state, &o.waiver) {
            let risk_uuid = ids.get(&[&["risk"][..], &item[..]].concat());
            let mut props = Props::default();
            props.add("requirement", &o.requirement);
            props.add("subject", &o.subject);
            if let Some(u) = o.underlying_state {
                props.add("underlying-state", u.as_str());
            }
            props.add("waiver-approved-by", &w.approved_by);
            props.add("waiver-approved-on", &w.approved_on);
            props.add("waiver-expires", &w.expires);
            let underlying = o.underlying_state.unwrap_or(State::Fail).label();
            risks.push(Risk {
                uuid: risk_uuid.clone(),
                title: md(&crate::tr!(
                    "Aanvaarde afwijking: {} ({})",
                    "Accepted deviation: {} ({})",
                    o.requirement,
                    subject_label
                )),
                description: md_block(&w.reason),
                statement: crate::tr!(
                    "Zonder de afwijking is de uitkomst van {} ({}): {}. Het restrisico is aanvaard door {} op {}; de afwijking geldt tot {}.",
                    "Without the waiver the outcome of {} ({}) is: {}. The residual risk was accepted by {} on {}; the waiver applies until {}.",
                    code(&o.requirement),
                    md(&one_line(o.title.get())),
                    underlying,
                    md(&w.approved_by),
                    md(&w.approved_on),
                    md(&w.expires)
                ),
                props: props.0,
                status: "deviation-approved",
                origins: origins(),
                deadline: midnight(&w.expires),
                risk_log: RiskLog {
                    entries: vec![RiskLogEntry {
                        uuid: ids.get(&[&["risk-log"][..], &item[..]].concat()),
                        title: tr("Afwijking aanvaard", "Deviation approved").into(),
                        description: crate::tr!(
                            "Aanvaard door {}, geldig tot {}.",
                            "Approved by {}, valid until {}.",
                            md(&w.approved_by),
                            md(&w.expires)
                        ),
                        start: midnight(&w.approved_on),
                        status_change: "deviation-approved",
                    }],
                },
                related_observations: vec![RelatedObservation {
                    observation_uuid: obs_uuid.clone(),
                }],
            });
            related_risks.push(RelatedRisk {
                risk_uuid: risk_uuid.clone(),
            });
        }

        let (state, reason) = status(o);
        let mut props = Props::default();
        props.add("requirement", &o.requirement);
        props.add("subject", &o.subject);
        props.add("scope", o.scope.as_str());
        props.add("severity", o.severity.as_str());
        props.add("state", o.state.as_str());
        if let Some(u) = o.underlying_state {
            props.add("underlying-state", u.as_str());
        }
        if advisory(report, o) {
            props.add("advisory", "true");
        }
        if let Some(line) = o.line {
            props.add("line", &line.to_string());
        }
        findings.push(Finding {
            uuid: ids.get(&[&["finding"][..], &item[..]].concat()),
            title: md(&format!(
                "{} ({}): {}",
                o.requirement,
                subject_label,
                one_line(o.title.get())
            )),
            description: format!(
                "{}: {}",
                md_block(&one_line(o.title.get())),
                md(o.message.get())
            ),
            props: props.0,
            origins: origins(),
            target: Target {
                kind: "objective-id",
                target_id: token(&o.requirement),
                title: md(&one_line(o.title.get())),
                status: ObjectiveStatus {
                    state,
                    reason,
                    remarks: status_remark(o),
                },
            },
            related_observations: vec![RelatedObservation {
                observation_uuid: obs_uuid,
            }],
            related_risks,
            remarks: finding_remarks(report, org, o),
        });
    }

    let c = &org.counts;
    let mut props = Props::default();
    props.add("organisation-name", &org.name);
    props.add("organisation-file", &org.file);
    props.add("organisation-sha256", &org.sha256);
    props.add("verdict", verdict_code(org.verdict));
    props.add("count-pass", &c.pass.to_string());
    props.add("count-fail", &c.fail.to_string());
    props.add("count-unknown", &c.unknown.to_string());
    props.add("count-not-applicable", &c.not_applicable.to_string());
    props.add("count-waived", &c.waived.to_string());
    props.add("count-error", &c.error.to_string());

    let mut remarks = vec![tr(
        "Toestanden: voldaan → satisfied (pass); niet voldaan → not-satisfied (fail); onbekend en fout in beleid → not-satisfied (other), want een ontbrekend gegeven maakt een eis nooit voldaan; afwijking aanvaard → not-satisfied met een risico met status deviation-approved. De toestand van beeldbel staat in de eigenschap `state`.",
        "States: pass → satisfied (pass); fail → not-satisfied (fail); unknown and policy error → not-satisfied (other), as a missing input never makes a requirement satisfied; waived → not-satisfied with a risk of status deviation-approved. beeldbel's own state is in the property `state`.",
    )
    .to_string()];
    if !not_applicable.is_empty() {
        remarks.push(crate::tr!(
            "Niet van toepassing ({}): {}. Deze zijn vastgelegd als waarneming zonder bevinding: OSCAL kent geen toestand 'niet van toepassing', en 'satisfied' zou een voldaan suggereren dat er niet is.",
            "Not applicable ({}): {}. These are recorded as observations without a finding: OSCAL has no 'not applicable' state, and 'satisfied' would claim a compliance that is not there.",
            not_applicable.len(),
            not_applicable.join(", ")
        ));
    }

    ResultSet {
        uuid,
        title: md(&crate::tr!(
            "{} ({}): {}",
            "{} ({}): {}",
            name,
            org.file,
            org.verdict.label()
        )),
        description: crate::tr!(
            "Toetsing van het beeldbellen van {} ({}) aan beleid {} {} op {}. Oordeel: {}. {} niet voldaan, {} onbekend, {} afwijking aanvaard, {} voldaan, {} niet van toepassing{}.",
            "Assessment of video calling at {} ({}) against policy {} {} on {}. Verdict: {}. {} fail, {} unknown, {} waived, {} pass, {} not applicable{}.",
            md(&name),
            code(&org.file),
            md(&policy.id),
            md(&policy.version),
            md(&report.evaluated_on),
            org.verdict.label(),
            c.fail,
            c.unknown,
            c.waived,
            c.pass,
            c.not_applicable,
            if c.error > 0 {
                crate::tr!(", {} fout in beleid", ", {} policy error", c.error)
            } else {
                String::new()
            }
        ),
        start: date.clone(),
        end: date,
        props: props.0,
        local_definitions: LocalDefinitions {
            components,
            assessment_assets: assets,
        },
        reviewed_controls: reviewed_controls(report, &org.outcomes),
        observations,
        risks,
        findings,
        remarks: Some(paragraphs(&remarks)),
    }
}

/// beeldbel's state → OSCAL `target.status` (`state`, `reason`). Only a pass is satisfied.
fn status(o: &Outcome) -> (&'static str, &'static str) {
    match o.state {
        State::Pass => ("satisfied", "pass"),
        State::Fail => ("not-satisfied", "fail"),
        State::Waived if o.underlying_state == Some(State::Fail) => ("not-satisfied", "fail"),
        State::Unknown | State::Error | State::Waived | State::NotApplicable => {
            ("not-satisfied", "other")
        }
    }
}

fn status_remark(o: &Outcome) -> Option<String> {
    match o.state {
        State::Pass | State::Fail | State::NotApplicable => None,
        State::Unknown if !o.missing.is_empty() => Some(crate::tr!(
            "Onbekend, dus niet voldaan: de invoer mist {}.",
            "Unknown, so not satisfied: the input lacks {}.",
            codes(&o.missing)
        )),
        State::Unknown => Some(crate::tr!(
            "Onbekend, dus niet voldaan: {}",
            "Unknown, so not satisfied: {}",
            md(o.message.get())
        )),
        State::Error => Some(crate::tr!(
            "Fout in het beleid, dus niet voldaan: {}",
            "Policy error, so not satisfied: {}",
            md(o.message.get())
        )),
        State::Waived => {
            let underlying = o.underlying_state.unwrap_or(State::Fail).label();
            Some(match &o.waiver {
                Some(w) => crate::tr!(
                    "Afwijking aanvaard, dus niet voldaan (zonder afwijking: {}). Aanvaard door {} op {}, geldig tot {}. Reden: {}",
                    "Waived, so not satisfied (without the waiver: {}). Approved by {} on {}, valid until {}. Reason: {}",
                    underlying,
                    md(&w.approved_by),
                    md(&w.approved_on),
                    md(&w.expires),
                    md(&w.reason)
                ),
                None => crate::tr!(
                    "Afwijking aanvaard, dus niet voldaan (zonder afwijking: {}).",
                    "Waived, so not satisfied (without the waiver: {}).",
                    underlying
                ),
            })
        }
    }
}

fn missing_remark(o: &Outcome) -> Option<String> {
    (!o.missing.is_empty()).then(|| {
        crate::tr!(
            "Ontbrekende gegevens: {}.",
            "Missing inputs: {}.",
            codes(&o.missing)
        )
    })
}

/// Below the `--fail-on` threshold: advice, not counted in the verdict.
fn advisory(report: &Report, o: &Outcome) -> bool {
    o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown)
}

fn finding_remarks(report: &Report, org: &OrgReport, o: &Outcome) -> Option<String> {
    let mut out = Vec::new();
    if matches!(o.state, State::Fail | State::Unknown | State::Error)
        && !o.remediation.get().trim().is_empty()
    {
        out.push(crate::tr!(
            "Wat te doen: {}",
            "What to do: {}",
            md(o.remediation.get())
        ));
    }
    if !o.references.is_empty() {
        let refs: Vec<String> = o.references.iter().map(|r| md(r)).collect();
        out.push(crate::tr!("Grondslag: {}.", "Basis: {}.", refs.join("; ")));
    }
    if advisory(report, o) {
        out.push(crate::tr!(
            "Ernst {} ligt onder de drempel {}: advies, telt niet mee in het oordeel.",
            "Severity {} is below the threshold {}: advice, not counted in the verdict.",
            o.severity.label(),
            report.fail_on.label()
        ));
    }
    if let Some(w) = o.waiver.as_ref().filter(|w| w.expired) {
        out.push(crate::tr!(
            "Een afwijking, aanvaard door {} op {}, is verlopen op {} en geldt niet meer.",
            "A waiver, approved by {} on {}, expired on {} and no longer applies.",
            md(&w.approved_by),
            md(&w.approved_on),
            md(&w.expires)
        ));
    }
    if let Some(line) = o.line {
        out.push(crate::tr!(
            "Bepalend: {} regel {}.",
            "Deciding: {} line {}.",
            code(&org.file),
            line
        ));
    }
    (!out.is_empty()).then(|| paragraphs(&out))
}

/// A catalogue fact as evidence: the source URL is the `href`.
fn fact_evidence(e: &Evidence) -> RelevantEvidence {
    let value = compact(&e.value);
    let mut props = Props::default();
    props.add("evidence", "catalogue-fact");
    props.add("platform", &e.platform);
    props.add("edition", &e.edition);
    props.add("attribute", &e.attribute);
    props.add("value", &value);
    if let Some(s) = &e.source {
        props.add("source-key", &s.key);
        props.add("source-title", &s.title);
        props.add("source-url", &s.url);
        props.add("source-checked", &s.checked.to_string());
    }
    props.add("stale", if e.stale { "true" } else { "false" });
    let fact = format!("{}/{}.{}", e.platform, e.edition, e.attribute);
    let source = match &e.source {
        Some(s) => crate::tr!(
            "Bron: {} ({}), gecontroleerd op {}.",
            "Source: {} ({}), checked on {}.",
            md(&s.title),
            link_text(&s.url),
            s.checked
        ),
        None => tr("Zonder bron.", "Unsourced.").to_string(),
    };
    let stale = if e.stale {
        tr(
            " VEROUDERD: ouder dan de maximale leeftijd van het beleid.",
            " STALE: older than the policy's maximum age.",
        )
    } else {
        ""
    };
    RelevantEvidence {
        href: e.source.as_ref().and_then(|s| uri(&s.url)),
        description: crate::tr!(
            "Catalogusfeit {} = {}. {}{}",
            "Catalogue fact {} = {}. {}{}",
            code(&fact),
            code(&value),
            source,
            stale
        ),
        props: props.0,
        remarks: e.note.as_deref().map(md_block),
    }
}

/// A value from the organisation file as evidence, with file and line.
fn input_evidence(i: &InputValue, file: &str) -> RelevantEvidence {
    let value = compact(&i.value);
    let mut props = Props::default();
    props.add("evidence", "organisation-field");
    props.add("field", &i.field);
    props.add("value", &value);
    props.add("file", file);
    props.add("line", &i.line.to_string());
    RelevantEvidence {
        href: None,
        description: crate::tr!(
            "Gegeven uit het organisatiebestand: {} = {} ({} regel {}).",
            "Value from the organisation file: {} = {} ({} line {}).",
            code(&i.field),
            code(&value),
            code(file),
            i.line
        ),
        props: props.0,
        remarks: None,
    }
}

fn subject_label(o: &Outcome) -> String {
    if o.subject == "organisation" {
        tr("organisatie", "organisation").to_string()
    } else {
        format!("deployment {}", one_line(&o.subject))
    }
}

fn verdict_code(v: crate::results::Verdict) -> &'static str {
    match v {
        crate::results::Verdict::Compliant => "compliant",
        crate::results::Verdict::Incomplete => "incomplete",
        crate::results::Verdict::NonCompliant => "non_compliant",
    }
}

fn lang_code(report: &Report) -> &'static str {
    match report.lang {
        crate::i18n::Lang::Nl => "nl",
        crate::i18n::Lang::En => "en",
    }
}

// =============================================================================================
// Values: UUIDs, properties, text
// =============================================================================================

/// Deterministic UUIDs. Each is SHA-256 over a fixed prefix and the JSON array of its name
/// parts (kind, then what identifies it: evaluation date, policy, organisation file and name,
/// requirement, subject), cut to 128 bits with the RFC 4122 version (5, name-based) and variant
/// bits set: OSCAL accepts versions 4 and 5 only. Should two things get the same name (the same
/// file given twice), the later one gets a counter, so UUIDs stay unique in the document.
#[derive(Default)]
struct Ids {
    seen: HashSet<String>,
}

impl Ids {
    fn get(&mut self, parts: &[&str]) -> String {
        let name = serde_json::to_string(parts).unwrap_or_default();
        let mut n = 0u32;
        loop {
            let u = if n == 0 {
                uuid_from(&name)
            } else {
                uuid_from(&format!("{name}#{n}"))
            };
            if self.seen.insert(u.clone()) {
                return u;
            }
            n += 1;
        }
    }
}

/// A version-5-shaped UUID from SHA-256 of `name`.
fn uuid_from(name: &str) -> String {
    let digest = Sha256::digest(format!("beeldbel-oscal-uuid/1\n{name}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Properties in beeldbel's namespace; empty values are left out (OSCAL forbids them).
#[derive(Default)]
struct Props(Vec<Prop>);

impl Props {
    fn add(&mut self, name: &'static str, value: &str) {
        let value = one_line(value);
        if !value.is_empty() {
            self.0.push(Prop {
                name,
                ns: NS,
                value,
            });
        }
    }
}

/// `YYYY-MM-DD` → `YYYY-MM-DDT00:00:00Z`.
fn midnight(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// A JSON value on one line, as written in the report.
fn compact(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Whitespace, line breaks and control characters collapsed to single spaces, trimmed.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for an OSCAL markup field (Markdown in JSON), on one line: every character that could
/// start Markdown or HTML is escaped, so an input shows as text.
fn md(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`md`] for text that starts a paragraph (a description or remark): a start that would make a
/// list item or a thematic break is escaped too.
fn md_block(s: &str) -> String {
    let mut out = md(s);
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let rest = &out[digits..];
    if digits == 0 && (out.starts_with('-') || out.starts_with("+ ") || out == "+") {
        out.insert(0, '\\');
    } else if digits > 0
        && rest.starts_with(['.', ')'])
        && (rest.len() == 1 || rest[1..].starts_with(' '))
    {
        out.insert(digits, '\\');
    }
    out
}

/// A Markdown code span holding `s` literally.
fn code(s: &str) -> String {
    let s = one_line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

fn codes(items: &[String]) -> String {
    items.iter().map(|m| code(m)).collect::<Vec<_>>().join(", ")
}

fn paragraphs(items: &[String]) -> String {
    items.join("\n\n")
}

/// `url` if it is an absolute URI that can stand as an `href` as written (no spaces, quotes or
/// angle brackets), else nothing: a catalogue's URL is never rewritten into another one.
fn uri(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once(':')?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let rest_ok = !rest.is_empty()
        && rest.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        });
    (scheme_ok && rest_ok).then(|| url.to_string())
}

/// A URL in Markdown text: an autolink when it is a clean URI, else escaped text.
fn link_text(url: &str) -> String {
    match uri(url) {
        Some(u) => format!("<{u}>"),
        None => md(url),
    }
}

/// An OSCAL token (an XML NCName): requirement ids (`AREA-NAME-NN`) already are; anything else
/// has its other characters replaced by `_`.
fn token(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_5_variant_rfc4122_and_stable() {
        let u = uuid_from("x");
        assert_eq!(u, uuid_from("x"));
        assert_ne!(u, uuid_from("y"));
        let b = u.as_bytes();
        assert_eq!(u.len(), 36);
        assert_eq!(b[14], b'5');
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn ids_stay_unique_for_equal_names() {
        let mut ids = Ids::default();
        let a = ids.get(&["finding", "f.toml"]);
        let b = ids.get(&["finding", "f.toml"]);
        assert_ne!(a, b);
        // Names are unambiguous: ["a", "b"] is not ["a\",\"b"].
        assert_ne!(ids.get(&["a", "b"]), ids.get(&["a\",\"b"]));
    }

    #[test]
    fn markdown_is_escaped_and_single_line() {
        assert_eq!(md("<b>x</b> & *y*\nz"), "\\<b\\>x\\</b\\> \\& \\*y\\* z");
        assert_eq!(md("- item"), "- item");
        assert_eq!(md_block("- item"), "\\- item");
        assert_eq!(md_block("---"), "\\---");
        assert_eq!(md_block("1. item"), "1\\. item");
        assert_eq!(md_block("2026.1 is a version"), "2026.1 is a version");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn a_report_without_organisations_still_has_one_result() {
        let report = Report {
            schema_version: crate::results::SCHEMA_VERSION,
            tool: crate::results::Tool::current(),
            evaluated_on: "2026-11-23".into(),
            lang: crate::i18n::Lang::Nl,
            fail_on: crate::model::policy::Severity::Medium,
            policy: crate::results::PolicyInfo {
                id: "p".into(),
                version: "1".into(),
                sha256: "0".repeat(64),
                origin: "embedded".into(),
                max_fact_age_days: 540,
            },
            catalogue: crate::results::CatalogueInfo {
                sha256: "1".repeat(64),
                origin: "embedded".into(),
                oldest_fact: None,
            },
            verdict: crate::results::Verdict::Compliant,
            organisations: Vec::new(),
            notice: crate::i18n::Text::same("n"),
        };
        let out = render(&report);
        assert_eq!(out, render(&report));
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let results = doc["assessment-results"]["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert!(results[0].get("findings").is_none());
        assert_eq!(
            results[0]["reviewed-controls"]["control-selections"][0]["include-all"],
            serde_json::json!({})
        );
    }

    #[test]
    fn tokens_and_uris() {
        assert_eq!(token("AVG-DPIA-01"), "AVG-DPIA-01");
        assert_eq!(token("1 x"), "_1_x");
        assert!(uri("https://example.org/a%20b").is_some());
        assert!(uri("https://example.org/a b").is_none());
        assert!(uri("no scheme").is_none());
    }
}
