//! One requirement evaluated for one subject (a deployment, the organisation or an
//! appointment): its state, message, the inputs and evidence it read, and the line that decides
//! it.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::expr::{Bindings, Compiled, Eval, FieldPath, Var};
use crate::i18n::{Lang, Text, grouped};
use crate::input::LineIndex;
use crate::model::catalogue::{Edition, Platform};
use crate::model::policy::{Policy, Requirement};
use crate::results::{Because, Evidence, InputValue, Outcome, State};

use super::derived;
use super::evidence::evidence;

/// What one requirement is evaluated for, and where its values come from.
pub(super) struct Subject<'a> {
    pub(super) id: &'a str,
    /// The platform requirements that make this deployment's channel fail or unknown (see
    /// [`super::derived`]): failed and errored first, then unknown.
    pub(super) channel: Vec<Because>,
    pub(super) platform: Option<(&'a Platform, &'a Edition)>,
    pub(super) deployment: Option<&'a crate::schema::Node>,
    /// The organisation file, or the appointment file (for `advise`), and its text.
    pub(super) org: Option<&'a crate::schema::Node>,
    pub(super) appointment: Option<&'a crate::schema::Node>,
    /// Where each line of the organisation (or appointment) file starts.
    pub(super) lines: &'a LineIndex,
    pub(super) policy: &'a Policy,
    pub(super) today: NaiveDate,
    /// The evidence of the catalogue edition's facts, made once per evaluator; `None` for an
    /// edition with a deployment's own facts.
    pub(super) facts: Option<&'a FactCache>,
}

/// Each catalogue fact of one edition as evidence, by attribute: made once, shared by every
/// outcome that reads it.
pub(super) type FactCache = std::collections::HashMap<String, Arc<Evidence>>;

/// The evidence of every fact of an edition.
pub(super) fn fact_cache(
    platform: &Platform,
    edition: &Edition,
    today: NaiveDate,
    max_age_days: i64,
) -> FactCache {
    edition
        .facts
        .iter()
        .map(|(name, f)| {
            let e = evidence(platform, edition, f, today, max_age_days);
            (name.clone(), Arc::new(e))
        })
        .collect()
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
            Some((_, Eval::False)) if r.not_applicable.is_some() => {
                let why = r.not_applicable.clone().unwrap_or_default();
                (
                    State::NotApplicable,
                    Text {
                        nl: format!("niet van toepassing: {}", why.nl),
                        en: format!("not applicable: {}", why.en),
                    },
                )
            }
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
                (State::Unknown, unknown_message(&missing, &self.channel))
            }
            Some((_, Eval::Error(e))) => (State::Error, error_message(&e)),
            Some((_, Eval::TooCostly { estimate })) => {
                (State::Error, too_costly(&r.id, "applies_if", estimate))
            }
            Some((_, Eval::FileBudgetSpent { spent })) => {
                (State::Error, file_budget_spent(&r.id, spent))
            }
            _ => match r.check.eval(b) {
                Eval::True => (State::Pass, crate::both!("voldaan", "met")),
                Eval::False => (State::Fail, crate::both!("niet voldaan", "not met")),
                Eval::Missing(m) => {
                    missing = self.describe_missing(&m);
                    missing_paths = m;
                    (State::Unknown, unknown_message(&missing, &self.channel))
                }
                Eval::Error(e) => (State::Error, error_message(&e)),
                Eval::TooCostly { estimate } => {
                    (State::Error, too_costly(&r.id, "check", estimate))
                }
                Eval::FileBudgetSpent { spent } => (State::Error, file_budget_spent(&r.id, spent)),
            },
        };
        let line = self.deciding_line(state, &missing_paths, &inputs);
        // A derived outcome names the platform requirements it rests on, and says why.
        let (because, message) =
            if matches!(state, State::Fail | State::Unknown) && derived::reads_channel(r) {
                let message = match state {
                    State::Fail => derived::fail_message(&self.channel).unwrap_or(message),
                    _ => message,
                };
                (self.channel.clone(), message)
            } else {
                (Vec::new(), message)
            };
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
            because,
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
                    value: input_json(node),
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
    fn evidence(&self, c: &Compiled) -> Vec<Arc<Evidence>> {
        let Some((platform, edition)) = self.platform else {
            return vec![];
        };
        c.reads
            .iter()
            .filter(|p| p.var == Var::Platform)
            .filter_map(|p| {
                let name = p.fields.first()?;
                if let Some(cache) = self.facts {
                    return cache.get(name).cloned();
                }
                let f = edition.facts.get(name)?;
                Some(Arc::new(evidence(
                    platform,
                    edition,
                    f,
                    self.today,
                    self.policy.max_fact_age_days,
                )))
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
                    Var::Channel => format!(
                        "channel:{}",
                        self.channel
                            .iter()
                            .filter(|b| b.state == State::Unknown)
                            .map(|b| b.requirement.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    other => format!("{}.{fields}", other.name()),
                }
            })
            .collect()
    }
}

/// Most entries of a list, and most characters of a string, that an outcome's `inputs` repeat.
/// Every outcome that reads a value carries its own copy (a deployment requirement reading
/// `org.dpia.covers` copies it once per deployment), so a long list would make the report as
/// long as the file times the number of deployments; the file itself holds the whole value, and
/// the outcome names its line.
pub const MAX_INPUT_ENTRIES: usize = 100;
pub const MAX_INPUT_CHARS: usize = 2000;

/// `node` as JSON for an outcome's `inputs`: a longer list keeps its first
/// [`MAX_INPUT_ENTRIES`] entries and ends with the string `"… (+N)"` (N entries left out); a
/// longer string keeps its first [`MAX_INPUT_CHARS`] characters and ends with `… (+N)`.
pub(super) fn input_json(node: &crate::schema::Node) -> serde_json::Value {
    use crate::schema::NodeKind;
    match &node.kind {
        NodeKind::List(items) => {
            let mut out: Vec<serde_json::Value> = items
                .iter()
                .take(MAX_INPUT_ENTRIES)
                .map(input_json)
                .collect();
            if items.len() > MAX_INPUT_ENTRIES {
                out.push(format!("… (+{})", items.len() - MAX_INPUT_ENTRIES).into());
            }
            out.into()
        }
        NodeKind::Table(entries) => entries
            .iter()
            .map(|e| (e.key.clone(), input_json(&e.value)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        NodeKind::Str(s) => match s.char_indices().nth(MAX_INPUT_CHARS) {
            Some((cut, _)) => {
                let left_out = s[cut..].chars().count();
                format!("{}… (+{left_out})", &s[..cut]).into()
            }
            None => s.clone().into(),
        },
        _ => node.to_json(),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The message of an unknown outcome: the organisation fields to fill in, the platform
/// requirements that kept the channel from being rated (`channel`), the catalogue facts missing.
fn unknown_message(missing: &[String], channel: &[Because]) -> Text {
    let org_fields: Vec<String> = missing
        .iter()
        .filter(|m| !m.starts_with("catalogue:") && !m.starts_with("channel:"))
        .map(|m| format!("`{m}`"))
        .collect();
    let reads_channel = missing.iter().any(|m| m.starts_with("channel:"));
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
    if reads_channel && let Some(clause) = derived::unknown_clause(channel) {
        parts.push(clause);
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

/// The message of a requirement whose evaluation would cost more than the budget: which
/// requirement and expression, the estimate, the limit, and what to do (the limit itself is not
/// a setting: it is what keeps a check from running for hours).
fn too_costly(id: &str, what: &str, estimate: u64) -> Text {
    let budget = crate::expr::cost::BUDGET;
    Text {
        nl: format!(
            "niet geëvalueerd: `{what}` van eis {id} zou naar schatting {} rekenstappen kosten, meer dan de grens van {} per eis per onderwerp; vereenvoudig de expressie (geen lijstbewerking als all/exists/map binnen een andere over lange lijsten) of houd de lijsten in het invoerbestand korter",
            grouped(estimate, Lang::Nl),
            grouped(budget, Lang::Nl),
        ),
        en: format!(
            "not evaluated: `{what}` of requirement {id} would take an estimated {} steps, more than the limit of {} per requirement per subject; simplify the expression (no list operation such as all/exists/map inside another over long lists) or keep the lists in the input file shorter",
            grouped(estimate, Lang::En),
            grouped(budget, Lang::En),
        ),
    }
}

/// The message of a requirement not evaluated because the file's evaluations together reached
/// their budget.
fn file_budget_spent(id: &str, spent: u64) -> Text {
    let budget = crate::expr::cost::FILE_BUDGET;
    Text {
        nl: format!(
            "niet geëvalueerd: eis {id} is niet meer geëvalueerd, want de evaluaties van dit bestand kostten samen al naar schatting {} rekenstappen, tegen de grens van {} per bestand; vereenvoudig de dure eisen van het beleid (zie de eerdere uitkomsten met een fout) of houd de lijsten in het invoerbestand korter",
            grouped(spent, Lang::Nl),
            grouped(budget, Lang::Nl),
        ),
        en: format!(
            "not evaluated: requirement {id} was no longer evaluated, because the evaluations of this file together already took an estimated {} steps, against the limit of {} per file; simplify the policy's costly requirements or keep the lists in the input file shorter",
            grouped(spent, Lang::En),
            grouped(budget, Lang::En),
        ),
    }
}

fn error_message(e: &str) -> Text {
    crate::both!(
        "kon niet worden geëvalueerd ({e}); dit is een fout in het beleid",
        "could not be evaluated ({e}); this is a defect in the policy"
    )
}
