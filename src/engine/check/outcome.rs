//! One requirement evaluated for one subject (a deployment, the organisation or an
//! appointment): its state, message, the inputs and evidence it read, and the line that decides
//! it.

use chrono::NaiveDate;

use crate::expr::{Bindings, Compiled, Eval, FieldPath, Var};
use crate::i18n::{Lang, Text};
use crate::input::LineIndex;
use crate::model::catalogue::{Edition, Platform};
use crate::model::policy::{Policy, Requirement};
use crate::results::{Evidence, InputValue, Outcome, State};

use super::evidence::evidence;

/// What one requirement is evaluated for, and where its values come from.
pub(super) struct Subject<'a> {
    pub(super) id: &'a str,
    /// Platform requirements that are unknown for this deployment's edition.
    pub(super) channel_unknown: Vec<String>,
    pub(super) platform: Option<(&'a Platform, &'a Edition)>,
    pub(super) deployment: Option<&'a crate::schema::Node>,
    /// The organisation file, or the appointment file (for `advise`), and its text.
    pub(super) org: Option<&'a crate::schema::Node>,
    pub(super) appointment: Option<&'a crate::schema::Node>,
    /// Where each line of the organisation (or appointment) file starts.
    pub(super) lines: &'a LineIndex,
    pub(super) policy: &'a Policy,
    pub(super) today: NaiveDate,
}

impl Subject<'_> {
    pub(super) fn outcome(&self, r: &Requirement, b: &Bindings) -> Outcome {
        let title = r.title.clone();
        let mut missing = Vec::new();
        let mut missing_paths: Vec<FieldPath> = Vec::new();
        let mut evidence = self.evidence(&r.check);
        let mut inputs = self.inputs(&r.check);
        if let Some(a) = &r.applies_if {
            for i in self.inputs(a) {
                if !inputs.iter().any(|x| x.field == i.field) {
                    inputs.push(i);
                }
            }
        }
        let (state, message) = match r.applies_if.as_ref().map(|a| (a, a.eval(b))) {
            Some((_, Eval::False)) => (
                State::NotApplicable,
                crate::both!(
                    "niet van toepassing: de voorwaarde `{}` is onwaar",
                    "not applicable: the condition `{}` is false",
                    one_line(
                        &r.applies_if
                            .as_ref()
                            .map(|a| a.source.clone())
                            .unwrap_or_default()
                    )
                ),
            ),
            Some((a, Eval::Missing(m))) => {
                evidence.extend(self.evidence(a));
                missing = self.describe_missing(&m);
                missing_paths = m;
                (State::Unknown, unknown_message(&missing))
            }
            Some((_, Eval::Error(e))) => (State::Error, error_message(&e)),
            _ => match r.check.eval(b) {
                Eval::True => (State::Pass, crate::both!("voldaan", "met")),
                Eval::False => (State::Fail, crate::both!("niet voldaan", "not met")),
                Eval::Missing(m) => {
                    missing = self.describe_missing(&m);
                    missing_paths = m;
                    (State::Unknown, unknown_message(&missing))
                }
                Eval::Error(e) => (State::Error, error_message(&e)),
            },
        };
        let line = self.deciding_line(state, &missing_paths, &inputs);
        Outcome {
            line,
            requirement: r.id.clone(),
            title,
            scope: r.scope,
            subject: self.id.to_string(),
            severity: r.severity,
            state,
            underlying_state: None,
            missing,
            message,
            remediation: r.remediation.clone(),
            references: r.references.clone(),
            waiver: None,
            evidence,
            inputs,
        }
    }

    /// The organisation-file values an expression reads that are present.
    fn inputs(&self, c: &Compiled) -> Vec<InputValue> {
        c.reads
            .iter()
            .filter_map(|p| {
                let (node, field) = match p.var {
                    Var::Org => (self.org?.path(&p.fields)?, p.fields.join(".")),
                    Var::Appointment => (self.appointment?.path(&p.fields)?, p.fields.join(".")),
                    Var::Deployment => (
                        self.deployment?.path(&p.fields)?,
                        format!("deployments[{}].{}", self.id, p.fields.join(".")),
                    ),
                    _ => return None,
                };
                Some(InputValue {
                    field,
                    value: node.to_json(),
                    line: self.line_of(node.span.start),
                })
            })
            .collect()
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(offset)
    }

    /// The line that decides an outcome (see [`Outcome::line`]): for an unknown, the nearest
    /// present parent of the first missing field; otherwise the first value the check read;
    /// else the deployment entry.
    fn deciding_line(
        &self,
        state: State,
        missing: &[FieldPath],
        inputs: &[InputValue],
    ) -> Option<usize> {
        let deployment = self.deployment.map(|d| self.line_of(d.span.start));
        if state == State::Unknown {
            let p = missing.first()?;
            let root = match p.var {
                Var::Org => self.org,
                Var::Appointment => self.appointment,
                Var::Deployment => self.deployment,
                _ => return deployment,
            };
            return (1..=p.fields.len())
                .rev()
                .find_map(|n| root?.path(&p.fields[..n]))
                .map(|node| self.line_of(node.span.start))
                .or(deployment);
        }
        inputs.first().map(|i| i.line).or(deployment)
    }

    /// The catalogue facts an expression reads, with their sources.
    fn evidence(&self, c: &Compiled) -> Vec<Evidence> {
        let Some((platform, edition)) = self.platform else {
            return vec![];
        };
        c.reads
            .iter()
            .filter(|p| p.var == Var::Platform)
            .filter_map(|p| edition.facts.get(p.fields.first()?))
            .map(|f| {
                evidence(
                    platform,
                    edition,
                    f,
                    self.today,
                    self.policy.max_fact_age_days,
                )
            })
            .collect()
    }

    /// How a missing field is named to the user: as it is written in the organisation file, or
    /// as a catalogue attribute.
    fn describe_missing(&self, paths: &[FieldPath]) -> Vec<String> {
        paths
            .iter()
            .map(|p| {
                let fields = p.fields.join(".");
                match p.var {
                    Var::Deployment => format!("deployments[{}].{fields}", self.id),
                    Var::Platform => match self.platform {
                        Some((pl, ed)) => format!("catalogue:{}/{}.{fields}", pl.id, ed.id),
                        None => format!("platform.{fields}"),
                    },
                    Var::Org | Var::Appointment => fields,
                    Var::Channel => format!("channel:{}", self.channel_unknown.join(", ")),
                    other => format!("{}.{fields}", other.name()),
                }
            })
            .collect()
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unknown_message(missing: &[String]) -> Text {
    let org_fields: Vec<String> = missing
        .iter()
        .filter(|m| !m.starts_with("catalogue:") && !m.starts_with("channel:"))
        .map(|m| format!("`{m}`"))
        .collect();
    let channel: Vec<&str> = missing
        .iter()
        .filter_map(|m| m.strip_prefix("channel:"))
        .collect();
    let facts: Vec<String> = missing
        .iter()
        .filter_map(|m| m.strip_prefix("catalogue:"))
        .map(|m| format!("`{m}`"))
        .collect();
    let mut parts = Vec::new();
    if !org_fields.is_empty() {
        parts.push(crate::both!(
            "vul {} in",
            "fill in {}",
            org_fields.join(", ")
        ));
    }
    for ids in channel {
        parts.push(crate::both!(
            "de platformeisen {ids} zijn onbekend voor deze editie, dus het kanaal is niet beoordeeld",
            "the platform requirements {ids} are unknown for this edition, so the channel is not rated"
        ));
    }
    if !facts.is_empty() {
        parts.push(crate::both!(
            "de catalogus kent {} niet (niet geverifieerd)",
            "the catalogue lacks {} (not verified)",
            facts.join(", ")
        ));
    }
    let joined = |lang| {
        parts
            .iter()
            .map(|p: &Text| p.in_lang(lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Text {
        nl: format!("onbekend: {}", joined(Lang::Nl)),
        en: format!("unknown: {}", joined(Lang::En)),
    }
}

fn error_message(e: &str) -> Text {
    crate::both!(
        "kon niet worden geëvalueerd ({e}); dit is een fout in het beleid",
        "could not be evaluated ({e}); this is a defect in the policy"
    )
}
