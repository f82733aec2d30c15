//! Evaluation: requirement × subject → outcome, waivers applied, verdicts decided.
//!
//! [`Evaluator`] walks the subjects (each deployment, then the organisation, or an appointment);
//! `outcome` evaluates one requirement for one subject, `waivers` applies the accepted risks and
//! `evidence` turns catalogue facts into evidence.

mod derived;
mod evidence;
mod outcome;
mod waivers;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::Sink;
use crate::expr::{Bindings, Root, Shared, Var};
use crate::input::LineIndex;
use crate::model::catalogue::{Catalogue, Edition, Platform};
use crate::model::org::Org;
use crate::model::policy::{Policy, Scope, Severity};
use crate::results::{Counts, DeploymentInfo, OrgReport, Outcome, State, Verdict};
use crate::schema::node::date_to_cel;

pub use evidence::evidence;
use outcome::{FactCache, Subject, fact_cache};
use waivers::apply_waivers;

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
    /// What each catalogue edition gives every deployment of it, made once.
    editions: HashMap<(&'a str, &'a str), EditionCache>,
}

/// What depends on a catalogue edition only: its facts as evidence and as the `platform`
/// binding, and its platform-scope outcomes (copied into each deployment of that edition; their
/// texts and evidence are shared, not copied).
struct EditionCache {
    facts: FactCache,
    /// The `platform` binding, converted for the evaluator once.
    cel: Option<Shared>,
    outcomes: Vec<Outcome>,
}

impl<'a> Evaluator<'a> {
    pub fn new(policy: &'a Policy, catalogue: &'a Catalogue, settings: Settings) -> Self {
        let root = Root::new([
            (Var::Policy, policy.cel_value()),
            (Var::Today, date_to_cel(settings.today)),
        ]);
        let mut editions = HashMap::new();
        for platform in &catalogue.platforms {
            for edition in &platform.editions {
                let facts = fact_cache(platform, edition, settings.today, policy.max_fact_age_days);
                let cel = edition.cel_value(platform, settings.today);
                let outcomes = platform_scope(
                    policy,
                    &root,
                    settings,
                    (platform, edition),
                    Some(&facts),
                    cel.clone(),
                );
                editions.insert(
                    (platform.id.as_str(), edition.id.as_str()),
                    EditionCache {
                        facts,
                        cel: Shared::new(Var::Platform, cel),
                        outcomes,
                    },
                );
            }
        }
        Evaluator {
            policy,
            catalogue,
            settings,
            root,
            editions,
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
            channel: Vec::new(),
            platform: None,
            deployment: None,
            org: None,
            appointment: Some(appointment),
            lines: &LineIndex::new(text),
            policy: self.policy,
            today: self.settings.today,
            facts: None,
        };
        self.policy
            .requirements
            .iter()
            .filter(|r| r.scope == Scope::Appointment)
            .map(|r| subject.outcome(r, &b))
            .collect()
    }
}

/// The platform-scope outcomes of one edition (of the catalogue, or with a deployment's own
/// facts).
fn platform_scope(
    policy: &Policy,
    root: &Root,
    settings: Settings,
    (platform, edition): (&Platform, &Edition),
    facts: Option<&FactCache>,
    cel: cel::Value,
) -> Vec<Outcome> {
    let mut b = Bindings::new(root);
    b.insert(Var::Platform, cel);
    let subject = Subject {
        id: "",
        channel: Vec::new(),
        platform: Some((platform, edition)),
        deployment: None,
        org: None,
        appointment: None,
        lines: &LineIndex::new(""),
        policy,
        today: settings.today,
        facts,
    };
    policy
        .requirements
        .iter()
        .filter(|r| r.scope == Scope::Platform)
        .map(|r| subject.outcome(r, &b))
        .collect()
}

fn evaluate_with(ev: &Evaluator<'_>, org: &Org, sink: &mut Sink) -> OrgReport {
    let (policy, catalogue, settings) = (ev.policy, ev.catalogue, ev.settings);
    // The organisation is bound once; each deployment's bindings are a child scope of it.
    let mut org_bindings = Bindings::new(&ev.root);
    org_bindings.insert(Var::Org, org.cel_value());
    let lines = LineIndex::new(&org.text);
    let mut outcomes = Vec::new();
    let mut deployments = Vec::new();
    // The waivers in force, by requirement and deployment (`None`: every subject).
    let in_force: std::collections::HashSet<(&str, Option<&str>)> = org
        .waivers
        .iter()
        .filter(|w| w.expires >= settings.today)
        .map(|w| (w.requirement.as_str(), w.deployment.as_deref()))
        .collect();

    for d in &org.deployments {
        let Some((platform, edition)) = catalogue.edition(&d.platform, &d.edition) else {
            continue;
        };
        // A deployment with its own facts (`[deployments.facts]`) is evaluated against them.
        let edition = d.edition(edition);
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
        // A deployment with its own facts has nothing cached.
        let cache = d
            .own_edition
            .is_none()
            .then(|| {
                ev.editions
                    .get(&(platform.id.as_str(), edition.id.as_str()))
            })
            .flatten();
        let mut b = org_bindings.child();
        match cache.and_then(|c| c.cel.as_ref()) {
            Some(shared) => b.insert_shared(shared),
            None => b.insert(Var::Platform, edition.cel_value(platform, settings.today)),
        }
        let mut ctx = Subject {
            id: &d.id,
            channel: Vec::new(),
            platform: Some((platform, edition)),
            deployment: Some(&d.node),
            org: Some(&org.node),
            appointment: None,
            lines: &lines,
            policy,
            today: settings.today,
            facts: cache.map(|c| &c.facts),
        };
        let mut failed = Vec::new();
        let mut unknown = Vec::new();
        let mut because = Vec::new();
        let own;
        let cached = match cache {
            Some(c) => c.outcomes.as_slice(),
            None => {
                let cel = edition.cel_value(platform, settings.today);
                own = platform_scope(policy, &ev.root, settings, (platform, edition), None, cel);
                own.as_slice()
            }
        };
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
            let waived = matches!(o.state, State::Fail | State::Unknown)
                && (in_force.contains(&(r.id.as_str(), Some(d.id.as_str())))
                    || in_force.contains(&(r.id.as_str(), None)));
            if r.severity >= Severity::Medium && !waived {
                match o.state {
                    State::Fail | State::Error => failed.push(r.id.clone()),
                    State::Unknown => unknown.push(r.id.clone()),
                    _ => {}
                }
                if matches!(o.state, State::Fail | State::Error | State::Unknown) {
                    because.push(derived::because(&o));
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
        derived::order(&mut because);
        ctx.channel = because;
        b.insert(Var::Channel, cel::Value::from(channel));
        b.insert(Var::Deployment, d.node.to_cel());
        for r in policy
            .requirements
            .iter()
            .filter(|r| r.scope == Scope::Deployment)
        {
            outcomes.push(ctx.outcome(r, &b));
        }
    }

    let b = &org_bindings;
    let ctx = Subject {
        id: "organisation",
        channel: Vec::new(),
        platform: None,
        deployment: None,
        org: Some(&org.node),
        appointment: None,
        lines: &lines,
        policy,
        today: settings.today,
        facts: None,
    };
    for r in policy
        .requirements
        .iter()
        .filter(|r| r.scope == Scope::Organisation)
    {
        outcomes.push(ctx.outcome(r, b));
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

#[allow(dead_code)]
fn _assert_sync() {
    fn s<T: Sync + Send>() {}
    s::<Evaluator<'static>>();
    s::<crate::model::org::Org>();
}
