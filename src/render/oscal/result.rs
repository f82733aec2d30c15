//! One organisation file as one OSCAL result: its assessed system (the organisation and its
//! deployments), its assessment assets and reviewed controls, and per outcome an observation, a
//! finding and, for a waiver, a risk.

use std::collections::HashSet;

use crate::i18n::tr;
use crate::results::{DeploymentInfo, OrgReport, Outcome, Report, State};

use super::evidence::*;
use super::model::*;
use super::values::*;

pub(super) fn build_result(report: &Report, org: &OrgReport, ids: &mut Ids) -> ResultSet {
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
        let mut evidence: Vec<RelevantEvidence> = because_evidence(o);
        evidence.extend(o.evidence.iter().map(|e| fact_evidence(e)));
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

/// The tool as an assessment asset of one result. Returns the assets and the tool's UUID.
pub(super) fn assessment_assets(
    report: &Report,
    result: &str,
    ids: &mut Ids,
) -> (AssessmentAssets, String) {
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

pub(super) fn reviewed_controls(report: &Report, outcomes: &[Outcome]) -> ReviewedControls {
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
