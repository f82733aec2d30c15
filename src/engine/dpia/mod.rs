//! `beeldbel dpia`: a DPIA draft following the Model DPIA Rijksdienst v3.0, pre-filled from the
//! organisation file, the catalogue facts and the check outcomes; every gap is marked.
//!
//! The draft is one format-neutral model ([`crate::results::dpia::Draft`]), rendered by the DPIA
//! renderers. Its content — the sections of the model, what each asks, and per section the
//! organisation-file fields, deployment settings and catalogue facts it shows with their labels and
//! the gap text when they are missing — is data: `template.toml`, read by [`template`]. What is
//! computed stays code: the risks of § 16 with their CNIL events and proposed scores ([`risks`]),
//! the measures, accepted residual risks and other computed items ([`builtins`]), how values are
//! shown ([`labels`]) and the numbering of the gaps (here). `docs/dpia.md` describes the mapping.

pub mod answers;
mod builtins;
mod labels;
mod measures;
mod risks;
mod template;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::Sink;
use crate::i18n::tr;
use crate::input::LineIndex;
use crate::model::catalogue::{Edition, Platform};
use crate::model::inputs::Inputs;
use crate::model::org::{Deployment, Org};
use crate::model::policy::Severity;
use crate::results::dpia::{
    Accepted, Draft, Filled, Gap, Item, Measure, Origin, Provenance, Risk, Section,
};
use crate::results::{Counts, OrgReport, Outcome, Report, State};
use crate::schema::Node;

use labels::show;
pub use template::TemplateError;
use template::{Dep, template};

/// The draft for the one organisation of `report`, with the organisation's `answers` filled in
/// (an answer for a gap the draft does not have is a warning in `sink`). Fails only when the
/// compiled-in template cannot be read (a bug in beeldbel; a test reads it).
pub fn build(
    org: &Org,
    inputs: &Inputs,
    report: &Report,
    today: NaiveDate,
    answers: Option<&answers::Answers>,
    sink: &mut Sink,
) -> Result<Draft, TemplateError> {
    let t = template()?;
    let evaluated = &report.organisations[0];
    let b = Builder {
        org,
        inputs,
        report: evaluated,
        lines: LineIndex::new(&org.text),
        subjects: subject_labels(evaluated),
        today,
        max_age: inputs.policy.max_fact_age_days,
        fail_on: report.fail_on,
        embedded_policy: report.policy.origin == "embedded",
    };
    let risks = b.risks();
    let confirmed: Vec<&Outcome> = evaluated
        .outcomes
        .iter()
        .filter(|o| o.state == State::Pass)
        .collect();
    let (risk_count, accepted_count, confirmed_count) =
        (risks.risks.len(), risks.accepted.len(), confirmed.len());
    let mut computed = Computed {
        risks: risks.risks,
        measures: risks.measures,
        accepted: risks.accepted,
        own_dpia: risks.own_dpia,
        open: risks.open,
        confirmed,
        risk_count,
        accepted_count,
    };
    let mut sections: Vec<Section> = t
        .sections
        .iter()
        .map(|s| b.section(t, s, &mut computed))
        .collect();
    answers::key_gaps(&mut sections);
    let (gaps, answered_count) = answers::apply(&mut sections, answers, sink);
    let provenance = Provenance {
        tool: report.tool.name.clone(),
        tool_version: report.tool.version.clone(),
        policy_id: report.policy.id.clone(),
        policy_version: report.policy.version.clone(),
        policy_sha256: report.policy.sha256.clone(),
        policy_origin: report.policy.origin.clone(),
        max_fact_age_days: report.policy.max_fact_age_days,
        catalogue_sha256: report.catalogue.sha256.clone(),
        catalogue_origin: report.catalogue.origin.clone(),
        oldest_fact: report.catalogue.oldest_fact.clone(),
        overlays: report.catalogue.overlays.clone(),
        remote: (report.policy.remote.iter())
            .chain(&report.catalogue.remote)
            .cloned()
            .collect(),
        file: evaluated.file.clone(),
        file_sha256: evaluated.sha256.clone(),
        answers: answers.map(answers::Answers::provenance),
        evaluated_on: report.evaluated_on.clone(),
        fail_on: report.fail_on,
        model: MODEL.to_string(),
    };
    Ok(Draft {
        lang: report.lang,
        title: crate::tr!("DPIA-concept beeldbellen", "DPIA draft on video calling"),
        organisation: evaluated.name.clone(),
        file: evaluated.file.clone(),
        verdict: evaluated.verdict,
        counts: copy_counts(&evaluated.counts),
        fail_on: report.fail_on,
        evaluated_on: report.evaluated_on.clone(),
        risk_count,
        answered_count,
        accepted_count,
        confirmed_count,
        gaps,
        sections,
        provenance,
        draft_notice: draft_notice(),
        notice: report.notice.get().to_string(),
    })
}

/// The model and where its structure was read.
const MODEL: &str = "Model DPIA Rijksdienst v3.0 — MinBZK/par-dpia-form, sources/DPIA.yaml (043558c5cae6083d88ded7fc99e10105575521ec)";

fn draft_notice() -> String {
    tr(
        "Dit is een concept, geen afgeronde DPIA. beeldbel vulde in wat het weet uit het organisatiebestand, de platformcatalogus en de toets; alles wat het niet weet staat er als [in te vullen: …] en in de lijst hieronder. Kansen en impact bij de risico's zijn een voorstel. De organisatie beoordeelt, vult aan en stelt de DPIA vast, na advies van haar functionaris gegevensbescherming.",
        "This is a draft, not a finished DPIA. beeldbel filled in what it knows from the organisation file, the platform catalogue and the check; everything it does not know is marked [to fill in: …] and listed below. Likelihoods and impacts of the risks are a proposal. The organisation assesses, completes and adopts the DPIA, after the advice of its data protection officer.",
    )
    .to_string()
}

fn copy_counts(c: &Counts) -> Counts {
    Counts {
        pass: c.pass,
        fail: c.fail,
        unknown: c.unknown,
        not_applicable: c.not_applicable,
        waived: c.waived,
        error: c.error,
    }
}

/// A catalogue fact as the draft shows it. A free text (not an enumerated value) is written in
/// one language in the catalogue (English): the Dutch draft says so instead of showing it.
fn fact_values(attribute: &str, n: &Node) -> Vec<String> {
    let free_text = matches!(&n.kind, crate::schema::NodeKind::Str(s) if labels::enum_label(attribute, s).is_none());
    if free_text && crate::i18n::lang() == crate::i18n::Lang::Nl {
        return vec![
            tr(
                "de catalogus beschrijft dit alleen onvertaald; zie het platformbestand",
                "the catalogue describes this untranslated only; see the platform file",
            )
            .to_string(),
        ];
    }
    show(attribute, n)
}

/// How to fill a gap from the organisation file: "`field` in het organisatiebestand".
fn field_hint(field: &str) -> String {
    crate::tr!(
        "`{field}` in het organisatiebestand",
        "`{field}` in the organisation file"
    )
}

/// What the builtins hand out once: the risks of § 16, the measures, the accepted residual risks
/// and the outcomes the check confirmed (§ 17).
struct Computed<'a> {
    pub risks: Vec<Risk>,
    pub measures: Vec<Measure>,
    pub accepted: Vec<Accepted>,
    /// Outcomes about the organisation's own DPIA: context in "Over deze DPIA", not risks.
    pub own_dpia: Vec<&'a Outcome>,
    /// Outcomes that are not established (unknown, or not evaluated): gaps in § 16, not risks.
    pub open: Vec<&'a Outcome>,
    pub confirmed: Vec<&'a Outcome>,
    /// How many risks and accepted residual risks there are (before they are handed out).
    pub risk_count: usize,
    pub accepted_count: usize,
}

/// What the draft is built from.
struct Builder<'a> {
    org: &'a Org,
    inputs: &'a Inputs,
    report: &'a OrgReport,
    /// The lines of the organisation file, indexed once: an organisation with thousands of
    /// deployments asks for the line of every setting.
    lines: LineIndex,
    /// The label of each deployment id (the first deployment of a doubled id), built once.
    subjects: HashMap<&'a str, String>,
    today: NaiveDate,
    max_age: i64,
    fail_on: Severity,
    /// The policy is the embedded one: its measures are worded in `measures.toml`.
    embedded_policy: bool,
}

/// The label of each deployment of `report` by its id: the first deployment with that id.
fn subject_labels(report: &OrgReport) -> HashMap<&str, String> {
    let mut labels = HashMap::with_capacity(report.deployments.len());
    for d in &report.deployments {
        labels.entry(d.id.as_str()).or_insert_with(|| d.label());
    }
    labels
}

impl<'a> Builder<'a> {
    /// A gap named `slug` within its section (the section's prefix is added when the draft is
    /// complete: [`answers::key_gaps`]); `hint` names the organisation-file field that fills it.
    pub(super) fn gap(&self, slug: impl Into<String>, what: String, hint: Option<String>) -> Gap {
        Gap {
            key: slug.into(),
            what,
            hint,
            answer: None,
        }
    }

    pub(super) fn gap_item(
        &self,
        slug: impl Into<String>,
        what: String,
        hint: Option<String>,
    ) -> Item {
        Item::Gap(self.gap(slug, what, hint))
    }

    pub(super) fn line(&self, n: &Node) -> usize {
        self.lines.line_of(n.span.start)
    }

    pub(super) fn node(&self, path: &[&str]) -> Option<&'a Node> {
        self.org.node.path(path)
    }

    pub(super) fn filled(&self, label: &str, values: Vec<String>, origin: Origin) -> Item {
        Item::Filled(Filled {
            label: label.to_string(),
            values,
            origin,
            warning: None,
        })
    }

    pub(super) fn tool(&self, text: &str) -> Item {
        self.filled("", vec![text.to_string()], Origin::Tool)
    }

    pub(super) fn org_origin(&self, path: &[&str], n: &Node) -> Origin {
        Origin::Org {
            field: path.join("."),
            line: self.line(n),
        }
    }

    /// An organisation-file field: its value, or a gap naming the field.
    pub(super) fn field(&self, items: &mut Vec<Item>, label: &str, path: &[&str], what: &str) {
        let key = path.join(".");
        let what = if what.is_empty() { label } else { what };
        match self.node(path) {
            Some(n) => items.push(self.filled(label, show(&key, n), self.org_origin(path, n))),
            None => {
                items.push(self.gap_item(key.clone(), what.to_string(), Some(field_hint(&key))))
            }
        }
    }

    /// A field of a deployment: its value, or a gap naming the field.
    pub(super) fn dep_field(
        &self,
        items: &mut Vec<Item>,
        d: &Deployment,
        label: &str,
        key: &str,
        what: &str,
    ) {
        let field = format!("deployments[{}].{key}", d.id);
        match d.node.get(key) {
            Some(n) => items.push(self.filled(
                label,
                show(&format!("deployments.{key}"), n),
                Origin::Org {
                    field,
                    line: self.line(n),
                },
            )),
            None => items.push(self.gap_item(
                format!("{}.{key}", d.id),
                what.to_string(),
                Some(field_hint(&field)),
            )),
        }
    }

    pub(super) fn fact_origin(&self, p: &Platform, e: &Edition, attribute: &str) -> Option<Origin> {
        let f = e.facts.get(attribute)?;
        let stale = f
            .source
            .as_ref()
            .is_some_and(|s| s.is_stale(self.today, self.max_age));
        Some(Origin::Fact {
            platform: p.id.clone(),
            edition: e.id.clone(),
            attribute: attribute.to_string(),
            source: f.source.clone(),
            note: f.note.as_ref().and_then(labels::note_in_lang),
            stale,
        })
    }

    /// A catalogue fact of a deployment's edition: its value with its source, or a gap.
    pub(super) fn fact(
        &self,
        items: &mut Vec<Item>,
        (d, p, e): (&Deployment, &Platform, &Edition),
        attribute: &str,
        label: &str,
        what: Option<&str>,
    ) {
        match (e.facts.get(attribute), self.fact_origin(p, e, attribute)) {
            (Some(f), Some(origin)) => {
                items.push(self.filled(label, fact_values(attribute, &f.value), origin))
            }
            _ => {
                if let Some(what) = what {
                    items.push(self.gap_item(
                        format!("{}.{attribute}", d.id),
                        crate::tr!(
                            "{what}: de catalogus heeft hierover geen geverifieerd feit voor {} ({})",
                            "{what}: the catalogue has no verified fact on this for {} ({})",
                            p.name,
                            e.name
                        ),
                        Some(crate::tr!(
                            "een eigen feit met bron: `{attribute}` in `[deployments.facts]` van `{}` in het organisatiebestand",
                            "an own fact with its source: `{attribute}` in `[deployments.facts]` of `{}` in the organisation file",
                            d.id
                        )),
                    ))
                }
            }
        }
    }

    /// The deployments with their catalogue platform and edition.
    pub(super) fn deployments(&self) -> Vec<Dep<'a>> {
        self.org
            .deployments
            .iter()
            .filter_map(|d| {
                let (p, e) = self.inputs.catalogue.edition(&d.platform, &d.edition)?;
                Some((d, p, d.edition(e)))
            })
            .collect()
    }

    pub(super) fn dep_heading(&self, (d, p, e): Dep) -> Item {
        Item::Heading {
            text: format!("{} — {} ({})", d.id, p.name, e.name),
        }
    }

    pub(super) fn subject_label(&self, subject: &str) -> String {
        if subject == "organisation" {
            return tr("organisatie", "organisation").to_string();
        }
        match self.subjects.get(subject) {
            Some(label) => label.clone(),
            None => subject.to_string(),
        }
    }

    pub(super) fn no_deployments(&self, items: &mut Vec<Item>) -> bool {
        if self.org.deployments.is_empty() {
            items.push(
                self.gap_item(
                    "deployments",
                    tr(
                        "welke platforms voor beeldbellen worden ingezet",
                        "which video-calling platforms are used",
                    )
                    .to_string(),
                    Some(field_hint("[[deployments]]")),
                ),
            );
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Files, Sink};
    use crate::engine::assemble::{Checked, check_one};
    use crate::engine::check::Settings;
    use crate::model::policy::Threat;
    use crate::results::dpia::Risk;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    /// An example checked against the embedded policy and catalogue, with the loaded inputs.
    fn checked(file: &str) -> (Inputs, Checked) {
        let (mut files, mut sink) = (Files::default(), Sink::default());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let settings = Settings {
            today: today(),
            fail_on: Severity::Medium,
        };
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let checked =
            check_one(&inputs, &path, settings, &mut files, &mut sink).expect("the example checks");
        (inputs, checked)
    }

    /// The draft of each example, built from the embedded policy and catalogue.
    fn example(file: &str) -> Draft {
        let (inputs, c) = checked(file);
        build(
            &c.org,
            &inputs,
            &c.report,
            today(),
            None,
            &mut Sink::default(),
        )
        .expect("the template reads")
    }

    fn risks(d: &Draft) -> Vec<&Risk> {
        d.sections
            .iter()
            .flat_map(|s| &s.items)
            .filter_map(|i| match i {
                Item::Risk(r) => Some(r.as_ref()),
                _ => None,
            })
            .collect()
    }

    /// The events proposed for a requirement's risk, by name.
    fn proposed(d: &Draft, requirement: &str) -> Vec<&'static str> {
        let r = risks(d)
            .into_iter()
            .find(|r| r.requirement == requirement)
            .unwrap_or_else(|| panic!("{requirement} is a risk"));
        r.events
            .iter()
            .filter(|e| e.proposed)
            .map(|e| e.event)
            .collect()
    }

    #[test]
    fn every_section_has_content_or_a_gap_and_every_gap_is_listed() {
        for file in [
            "docs/examples/arbodienst.toml",
            "docs/examples/zelfstandige-whatsapp.toml",
            "docs/examples/reintegratie-onvolledig.toml",
        ] {
            let d = example(file);
            let numbers: Vec<u8> = d.sections.iter().filter_map(|s| s.number).collect();
            assert_eq!(numbers, (1..=17).collect::<Vec<u8>>(), "{file}");
            for s in &d.sections {
                assert!(
                    s.has_content() || !s.gaps().is_empty(),
                    "{file}: {} is silently empty",
                    s.label()
                );
            }
            let in_sections: Vec<&str> = d
                .sections
                .iter()
                .flat_map(|s| s.gaps())
                .map(|g| g.key.as_str())
                .collect();
            let listed: Vec<&str> = d.gaps.iter().map(|g| g.key.as_str()).collect();
            assert_eq!(in_sections, listed, "{file}: listed in document order");
            let mut unique = listed.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), listed.len(), "{file}: every key once");
            for (s, key) in d
                .sections
                .iter()
                .flat_map(|s| s.gaps().into_iter().map(move |g| (s, g)))
                .map(|(s, g)| (s.prefix(), g.key.as_str()))
            {
                assert!(key.starts_with(&format!("{s}.")), "{file}: {key}");
            }
            assert!(d.gaps.iter().all(|g| !g.what.trim().is_empty()), "{file}");
        }
    }

    #[test]
    fn the_risks_carry_the_events_the_policy_names() {
        // The arbodienst's waived PLAT-DOEL-02 threatens access; WhatsApp fails PLAT-VWO-01
        // (access only), PLAT-AUTH-01 (access and change), PLAT-LOC-01 and BEROEP-MOTIV-01
        // (change only).
        let arbo = example("docs/examples/arbodienst.toml");
        assert_eq!(proposed(&arbo, "PLAT-DOEL-02"), ["access"]);
        let wa = example("docs/examples/zelfstandige-whatsapp.toml");
        assert_eq!(proposed(&wa, "PLAT-VWO-01"), ["access"]);
        assert_eq!(proposed(&wa, "PLAT-AUTH-01"), ["access", "change"]);
        assert_eq!(proposed(&wa, "BEROEP-MOTIV-01"), ["change"]);
        // The organisation's own DPIA (AVG-DPIA-01) is context, not a risk.
        assert!(risks(&wa).iter().all(|r| r.requirement != "AVG-DPIA-01"));
        for r in risks(&wa) {
            assert!(r.events_from_policy, "{}", r.requirement);
        }
    }

    #[test]
    fn another_threatens_in_the_policy_changes_the_draft() {
        let (mut inputs, c) = checked("docs/examples/zelfstandige-whatsapp.toml");
        let req = inputs
            .policy
            .requirements
            .iter_mut()
            .find(|r| r.id == "PLAT-VWO-01")
            .expect("PLAT-VWO-01 in the embedded policy");
        req.threatens = Some(vec![Threat::Loss]);
        let d = build(
            &c.org,
            &inputs,
            &c.report,
            today(),
            None,
            &mut Sink::default(),
        )
        .expect("the template reads");
        assert_eq!(proposed(&d, "PLAT-VWO-01"), ["loss"]);
    }

    #[test]
    fn without_threatens_all_three_are_proposed_and_the_gap_says_so() {
        let (mut inputs, c) = checked("docs/examples/zelfstandige-whatsapp.toml");
        for r in &mut inputs.policy.requirements {
            r.threatens = None;
        }
        let d = build(
            &c.org,
            &inputs,
            &c.report,
            today(),
            None,
            &mut Sink::default(),
        )
        .expect("the template reads");
        assert_eq!(proposed(&d, "PLAT-VWO-01"), ["access", "change", "loss"]);
        let r = risks(&d)[0];
        assert!(!r.events_from_policy);
        assert!(
            r.gap.what.contains("het beleid noemt ze niet"),
            "{}",
            r.gap.what
        );
        assert!(r.basis.contains("`threatens`"), "{}", r.basis);
        // Still one gap per risk: the list at the top and the sections agree.
        assert_eq!(d.gaps.iter().filter(|g| g.what == r.gap.what).count(), 1);
    }

    #[test]
    fn every_requirement_that_can_be_a_risk_names_its_events() {
        let (inputs, _) = checked("docs/examples/arbodienst.toml");
        for r in &inputs.policy.requirements {
            if r.scope != crate::model::policy::Scope::Appointment {
                assert!(
                    r.threatens.as_ref().is_some_and(|t| !t.is_empty()),
                    "{} has no threatens",
                    r.id
                );
            }
        }
    }
}
