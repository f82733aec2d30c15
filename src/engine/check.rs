//! Evaluation: requirement × subject → outcome, waivers applied, verdicts decided.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Sink};
use crate::expr::{Bindings, Compiled, Eval, FieldPath, Root, Var};
use crate::i18n::{Lang, Text};
use crate::model::catalogue::{Catalogue, Edition, Fact, Platform};
use crate::model::org::{Org, Waiver};
use crate::model::policy::{Policy, Requirement, Scope, Severity};
use crate::results::{
    Counts, DeploymentInfo, Evidence, InputValue, OrgReport, Outcome, State, Verdict, WaiverInfo,
};
use crate::schema::node::date_to_cel;
use crate::tr;

/// What an evaluation needs besides the inputs.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub today: NaiveDate,
    pub fail_on: Severity,
}

/// Evaluates one organisation. Waiver problems go to `sink` as warnings. For many organisations,
/// build one [`Evaluator`] and reuse it.
pub fn evaluate_org(
    org: &Org,
    policy: &Policy,
    catalogue: &Catalogue,
    settings: Settings,
    sink: &mut Sink,
) -> OrgReport {
    Evaluator::new(policy, catalogue, settings).evaluate(org, sink)
}

/// Evaluates organisations against one policy and catalogue; what they share is built once.
pub struct Evaluator<'a> {
    policy: &'a Policy,
    catalogue: &'a Catalogue,
    settings: Settings,
    root: Root,
    /// The platform-scope outcomes of every edition: they depend on the catalogue facts only,
    /// so they are evaluated once and copied into each deployment of that edition.
    platform_outcomes: HashMap<(String, String), Vec<Outcome>>,
}

impl<'a> Evaluator<'a> {
    pub fn new(policy: &'a Policy, catalogue: &'a Catalogue, settings: Settings) -> Self {
        let root = Root::new([
            (Var::Policy, policy.cel_value()),
            (Var::Today, date_to_cel(settings.today)),
        ]);
        let mut platform_outcomes = HashMap::new();
        for platform in &catalogue.platforms {
            for edition in &platform.editions {
                let mut b = Bindings::new(&root);
                b.insert(Var::Platform, edition.cel_value(platform, settings.today));
                let subject = Subject {
                    id: "",
                    channel_unknown: Vec::new(),
                    platform: Some((platform, edition)),
                    deployment: None,
                    org: None,
                    appointment: None,
                    lines: &Lines(vec![0]),
                    policy,
                    today: settings.today,
                };
                let outcomes = policy
                    .requirements
                    .iter()
                    .filter(|r| r.scope == Scope::Platform)
                    .map(|r| subject.outcome(r, &b))
                    .collect();
                platform_outcomes.insert((platform.id.clone(), edition.id.clone()), outcomes);
            }
        }
        Evaluator {
            policy,
            catalogue,
            settings,
            root,
            platform_outcomes,
        }
    }

    /// Evaluates one organisation. Waiver problems go to `sink` as warnings.
    pub fn evaluate(&self, org: &Org, sink: &mut Sink) -> OrgReport {
        evaluate_with(self, org, sink)
    }

    /// Evaluates the appointment-scope requirements for one appointment (`text` is its file,
    /// for line numbers).
    pub fn evaluate_appointment(
        &self,
        appointment: &crate::schema::Node,
        text: &str,
    ) -> Vec<Outcome> {
        let mut b = Bindings::new(&self.root);
        b.insert(Var::Appointment, appointment.to_cel());
        let subject = Subject {
            id: "appointment",
            channel_unknown: Vec::new(),
            platform: None,
            deployment: None,
            org: None,
            appointment: Some(appointment),
            lines: &Lines::new(text),
            policy: self.policy,
            today: self.settings.today,
        };
        self.policy
            .requirements
            .iter()
            .filter(|r| r.scope == Scope::Appointment)
            .map(|r| subject.outcome(r, &b))
            .collect()
    }
}

fn evaluate_with(ev: &Evaluator<'_>, org: &Org, sink: &mut Sink) -> OrgReport {
    let (policy, catalogue, settings) = (ev.policy, ev.catalogue, ev.settings);
    let org_value = org.cel_value();
    let lines = Lines::new(&org.text);
    let mut outcomes = Vec::new();
    let mut deployments = Vec::new();

    for d in &org.deployments {
        let Some((platform, edition)) = catalogue.edition(&d.platform, &d.edition) else {
            continue;
        };
        let deployment_line = lines.line_of(d.node.span.start);
        deployments.push(DeploymentInfo {
            id: d.id.clone(),
            platform: platform.id.clone(),
            edition: edition.id.clone(),
            platform_name: platform.name.clone(),
            edition_name: edition.name.clone(),
            edition_kind: edition.kind.clone(),
            line: deployment_line,
        });
        let mut b = Bindings::new(&ev.root);
        b.insert(Var::Platform, edition.cel_value(platform, settings.today));
        let mut ctx = Subject {
            id: &d.id,
            channel_unknown: Vec::new(),
            platform: Some((platform, edition)),
            deployment: Some(&d.node),
            org: Some(&org.node),
            appointment: None,
            lines: &lines,
            policy,
            today: settings.today,
        };
        let mut failed = Vec::new();
        let mut unknown = Vec::new();
        let cached = ev
            .platform_outcomes
            .get(&(platform.id.clone(), edition.id.clone()))
            .map_or(&[][..], Vec::as_slice);
        for (r, o) in policy
            .requirements
            .iter()
            .filter(|r| r.scope == Scope::Platform)
            .zip(cached)
        {
            let mut o = o.clone();
            o.subject.clone_from(&d.id);
            o.line = Some(deployment_line);
            // Low-severity platform requirements are advice: they do not decide the channel.
            // A valid waiver for this platform requirement counts as accepted for the channel.
            let waived = org
                .waivers
                .iter()
                .any(|w| w.expires >= settings.today && covers(w, &o));
            if r.severity >= Severity::Medium && !waived {
                match o.state {
                    State::Fail | State::Error => failed.push(r.id.clone()),
                    State::Unknown => unknown.push(r.id.clone()),
                    _ => {}
                }
            }
            outcomes.push(o);
        }
        let ids = |v: &[String]| {
            cel::Value::List(
                v.iter()
                    .map(|s| cel::Value::String(s.clone().into()))
                    .collect::<Vec<_>>()
                    .into(),
            )
        };
        let mut channel = std::collections::HashMap::new();
        channel.insert("failed".to_string(), ids(&failed));
        channel.insert("unknown".to_string(), ids(&unknown));
        if unknown.is_empty() {
            channel.insert(
                "acceptable".to_string(),
                cel::Value::Bool(failed.is_empty()),
            );
        }
        ctx.channel_unknown = unknown;
        b.insert(Var::Channel, cel::Value::from(channel));
        b.insert(Var::Deployment, d.node.to_cel());
        b.insert(Var::Org, org_value.clone());
        for r in policy
            .requirements
            .iter()
            .filter(|r| r.scope == Scope::Deployment)
        {
            outcomes.push(ctx.outcome(r, &b));
        }
    }

    let mut b = Bindings::new(&ev.root);
    b.insert(Var::Org, org_value);
    let ctx = Subject {
        id: "organisation",
        channel_unknown: Vec::new(),
        platform: None,
        deployment: None,
        org: Some(&org.node),
        appointment: None,
        lines: &lines,
        policy,
        today: settings.today,
    };
    for r in policy
        .requirements
        .iter()
        .filter(|r| r.scope == Scope::Organisation)
    {
        outcomes.push(ctx.outcome(r, &b));
    }

    apply_waivers(org, policy, &mut outcomes, settings.today, sink);

    let mut counts = Counts::default();
    for o in &outcomes {
        counts.add(o.state);
    }
    OrgReport {
        file: org.source.name.clone(),
        sha256: org.source.sha256.clone(),
        name: org.name.clone(),
        verdict: verdict(&outcomes, settings.fail_on),
        counts,
        deployments,
        outcomes,
    }
}

/// The verdict over outcomes: a fail or error at or above the threshold is non-compliant; else
/// an unknown at or above it is incomplete.
/// A catalogue fact of an edition as evidence: its value and source, stale when the source was
/// checked more than `max_age_days` before `today`.
pub fn evidence(
    platform: &Platform,
    edition: &Edition,
    fact: &Fact,
    today: NaiveDate,
    max_age_days: i64,
) -> Evidence {
    Evidence {
        platform: platform.id.clone(),
        edition: edition.id.clone(),
        attribute: fact.name.clone(),
        value: fact.value.to_json(),
        stale: fact
            .source
            .as_ref()
            .is_some_and(|s| s.is_stale(today, max_age_days)),
        source: fact.source.clone(),
        note: fact.note.clone(),
    }
}

pub fn verdict(outcomes: &[Outcome], fail_on: Severity) -> Verdict {
    let counted = |states: &[State]| {
        outcomes
            .iter()
            .any(|o| o.severity >= fail_on && states.contains(&o.state))
    };
    if counted(&[State::Fail, State::Error]) {
        Verdict::NonCompliant
    } else if counted(&[State::Unknown]) {
        Verdict::Incomplete
    } else {
        Verdict::Compliant
    }
}

struct Subject<'a> {
    id: &'a str,
    /// Platform requirements that are unknown for this deployment's edition.
    channel_unknown: Vec<String>,
    platform: Option<(&'a Platform, &'a Edition)>,
    deployment: Option<&'a crate::schema::Node>,
    /// The organisation file, or the appointment file (for `advise`), and its text.
    org: Option<&'a crate::schema::Node>,
    appointment: Option<&'a crate::schema::Node>,
    /// Where each line of the organisation (or appointment) file starts.
    lines: &'a Lines,
    policy: &'a Policy,
    today: NaiveDate,
}

impl Subject<'_> {
    fn outcome(&self, r: &Requirement, b: &Bindings) -> Outcome {
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

/// The line starts of a file, for turning byte offsets into 1-based line numbers quickly.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0).chain(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines(starts.collect())
    }

    /// The 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).max(1)
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

fn apply_waivers(
    org: &Org,
    policy: &Policy,
    outcomes: &mut [Outcome],
    today: NaiveDate,
    sink: &mut Sink,
) {
    let file = org.file();
    for w in &org.waivers {
        if policy.requirement(&w.requirement).is_none() {
            sink.push(
                Diagnostic::warning(
                    Code::WaiverUnknownRequirement,
                    tr!(
                        "afwijking voor onbekende requirement \"{}\"",
                        "waiver for unknown requirement \"{}\"",
                        w.requirement
                    ),
                )
                .at(
                    file,
                    w.requirement_span.clone(),
                    tr!(
                        "deze afwijking geldt nergens",
                        "this waiver applies nowhere"
                    ),
                )
                .suggest(
                    &w.requirement,
                    policy.requirements.iter().map(|r| r.id.as_str()),
                ),
            );
            continue;
        }
        if let Some(dep) = &w.deployment
            && !org.deployments.iter().any(|d| &d.id == dep)
        {
            sink.push(
                Diagnostic::warning(
                    Code::WaiverUnknownDeployment,
                    tr!(
                        "afwijking voor onbekende deployment \"{dep}\"",
                        "waiver for unknown deployment \"{dep}\""
                    ),
                )
                .at(
                    file,
                    w.deployment_span.clone(),
                    tr!(
                        "deze afwijking geldt nergens",
                        "this waiver applies nowhere"
                    ),
                )
                .note(tr!(
                    "deployments: {}",
                    "deployments: {}",
                    org.deployments
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            continue;
        }
        let expired = w.expires < today;
        let mut matched = false;
        for o in outcomes.iter_mut().filter(|o| covers(w, o)) {
            matched = true;
            let info = WaiverInfo {
                reason: w.reason.clone(),
                approved_by: w.approved_by.clone(),
                approved_on: w.approved_on.to_string(),
                expires: w.expires.to_string(),
                expired,
            };
            if expired {
                o.message = o.message.map(|lang, m| match lang {
                    Lang::Nl => format!(
                        "{m} — de afwijking van {} is verlopen op {} en geldt niet meer",
                        w.approved_by, w.expires
                    ),
                    Lang::En => format!(
                        "{m} — the waiver approved by {} expired on {} and no longer applies",
                        w.approved_by, w.expires
                    ),
                });
            } else {
                o.underlying_state = Some(o.state);
                o.state = State::Waived;
                o.message = crate::both!(
                    "afwijking aanvaard door {} tot {}: {}",
                    "waived by {} until {}: {}",
                    w.approved_by,
                    w.expires,
                    w.reason
                );
            }
            o.waiver = Some(info);
        }
        if expired {
            sink.push(
                Diagnostic::warning(
                    Code::WaiverExpired,
                    tr!(
                        "afwijking voor {} is verlopen op {}",
                        "waiver for {} expired on {}",
                        w.requirement,
                        w.expires
                    ),
                )
                .at(
                    file,
                    w.span.clone(),
                    tr!("verlopen: geldt niet meer", "expired: no longer applies"),
                ),
            );
        } else if !matched {
            sink.push(
                Diagnostic::warning(
                    Code::WaiverUnused,
                    tr!(
                        "afwijking voor {} dekt geen niet-voldane of onbekende uitkomst",
                        "waiver for {} covers no failing or unknown outcome",
                        w.requirement
                    ),
                )
                .at(
                    file,
                    w.span.clone(),
                    tr!(
                        "overbodig: verwijder haar of pas haar aan",
                        "not needed: remove or adjust it"
                    ),
                ),
            );
        }
    }
}

/// A waiver covers a failing or unknown outcome of its requirement, for its deployment (or, with
/// no deployment named, for every subject).
fn covers(w: &Waiver, o: &Outcome) -> bool {
    w.requirement == o.requirement
        && matches!(o.state, State::Fail | State::Unknown)
        && w.deployment.as_ref().is_none_or(|d| *d == o.subject)
}
#[allow(dead_code)]
fn _assert_sync() {
    fn s<T: Sync + Send>() {}
    s::<Evaluator<'static>>();
    s::<crate::model::org::Org>();
}
