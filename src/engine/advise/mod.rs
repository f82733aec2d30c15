//! `beeldbel advise`: is video calling suitable for this appointment?
//!
//! The appointment-scope requirements of the policy (ADV-…) are evaluated on one appointment.
//! The advice is the worst of them: a failing `high` rule means physical contact is needed, a
//! failing `medium` rule (or a rule that cannot be decided because a field is missing) means
//! video calling only under conditions; `low` rules are advice. The fields undecided rules need
//! become questions ([`questions`]), marked by whether an answer can still change the advice.
//! Reasons that make video calling *more* suitable (Cahier 28 §4.4.2) are shown beside it, and
//! the activity's row of the Cahier's table 4 (and table 8) shows how peers judge it
//! ([`peers`]).

mod peers;
pub mod questions;

use serde::Serialize;

use crate::engine::check::Evaluator;
use crate::i18n::Text;
use crate::model::policy::{Policy, Severity};
use crate::results::{Outcome, State};
use crate::schema::Node;

pub use peers::{Peers, peers};
pub use questions::{Answer, Choice, Question};

/// The three possible advices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    VideoSuitable,
    VideoWithConditions,
    PhysicalNeeded,
}

impl Advice {
    pub fn label(self) -> &'static str {
        match self {
            Advice::VideoSuitable => {
                crate::i18n::tr("beeldbellen passend", "video calling suitable")
            }
            Advice::VideoWithConditions => crate::i18n::tr(
                "beeldbellen onder voorwaarden",
                "video calling under conditions",
            ),
            Advice::PhysicalNeeded => {
                crate::i18n::tr("fysiek contact nodig", "physical contact needed")
            }
        }
    }
}

/// The advice over the outcomes of the appointment rules.
pub fn decide(outcomes: &[Outcome]) -> Advice {
    let any = |sev: Severity, states: &[State]| {
        outcomes
            .iter()
            .any(|o| o.severity == sev && states.contains(&o.state))
    };
    if any(Severity::High, &[State::Fail, State::Error]) {
        Advice::PhysicalNeeded
    } else if any(Severity::Medium, &[State::Fail, State::Error])
        || any(Severity::High, &[State::Unknown])
        || any(Severity::Medium, &[State::Unknown])
    {
        Advice::VideoWithConditions
    } else {
        Advice::VideoSuitable
    }
}

/// A reason that makes video calling more suitable (Cahier 28 §4.4.2).
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Supporting {
    /// `client_cannot_travel`, `terminal_illness`, `long_running_contact`,
    /// `home_visit_undesired` or `between_professionals`.
    pub reason: &'static str,
    pub text: String,
    pub reference: &'static str,
}

/// The supporting reasons that hold for the appointment.
pub fn supporting(appointment: &Node) -> Vec<Supporting> {
    let flag = |k: &str| appointment.get(k).and_then(Node::as_bool) == Some(true);
    let mut out = Vec::new();
    let mut add = |reason, nl: &str, en: &str| {
        out.push(Supporting {
            reason,
            text: crate::i18n::tr(nl, en).to_string(),
            reference: "Cahier 28 §4.4.2",
        })
    };
    if flag("client_cannot_travel") {
        add(
            "client_cannot_travel",
            "de klant kan niet goed naar een locatie komen",
            "the client cannot easily come to a location",
        );
    }
    if flag("terminal_illness") {
        add(
            "terminal_illness",
            "de klant is terminaal ziek",
            "the client is terminally ill",
        );
    }
    if flag("long_running_contact") {
        add(
            "long_running_contact",
            "er is al langdurig prettig contact tussen arbeidsdeskundige en klant",
            "there is already long-running good contact between the professional and the client",
        );
    }
    if flag("home_visit_undesired") {
        add(
            "home_visit_undesired",
            "een thuisbezoek is om privéredenen niet wenselijk",
            "a home visit is undesired for private reasons",
        );
    }
    if appointment.str_at("activity") == Some("overleg_professional") {
        add(
            "between_professionals",
            "het is overleg tussen professionals (arts of andere betrokken professional)",
            "it is a talk between professionals (a physician or another professional involved)",
        );
    }
    out
}

/// When physical contact is impossible (a lockdown) and the activity is one where video is
/// preferred over the phone, the low-severity lockdown rule says so: it is advice, not a ground.
pub fn is_advisory(o: &Outcome) -> bool {
    o.severity == Severity::Low && o.state == State::Fail
}

/// Where the appointment's answers came from.
#[derive(Clone, Debug, Default, Serialize, schemars::JsonSchema)]
pub struct AppointmentSource {
    /// The appointment file, as named on the command line.
    pub file: Option<String>,
    /// The fields given (or overriding the file) by flags.
    pub flags: Vec<String>,
    /// The fields answered at the terminal (`--interactive`).
    pub asked: Vec<String>,
}

impl AppointmentSource {
    /// Whether the user gives `field` by a flag (rather than in the file): when it came from a
    /// flag or the terminal, or when there is no file.
    pub fn by_flag(&self, field: &str) -> bool {
        self.file.is_none()
            || self.flags.iter().any(|f| f == field)
            || self.asked.iter().any(|f| f == field)
    }
}

/// One rule's outcome for the appointment, with the words the advice uses for it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Rule {
    #[serde(flatten)]
    pub outcome: Outcome,
    /// What the rule looks at, in a few words (the policy's `topic`, else its title).
    pub topic: Text,
    /// The situation when it fails, stated positively (the policy's `finding`, else its title).
    pub finding: Text,
    /// For `not_applicable`: why, without the "not applicable" prefix, when the policy says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<Text>,
}

/// The version of the advice's JSON structure (it took the check report's version 2 and did not
/// change with the check report's version 3).
pub const ADVICE_SCHEMA_VERSION: u32 = 2;

/// The advice report: the JSON of `advise --format json`, and what the text renders.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AdviceReport {
    pub schema_version: u32,
    pub tool: crate::results::Tool,
    pub evaluated_on: String,
    pub lang: crate::i18n::Lang,
    pub policy: crate::results::PolicyInfo,
    /// Where the appointment came from: the file, and/or the flags.
    pub source: AppointmentSource,
    pub appointment: serde_json::Value,
    pub advice: Advice,
    /// The advice in words, in the report's language.
    pub label: String,
    /// Failing `high` rules (ids): why physical contact is needed.
    pub reasons: Vec<String>,
    /// Failing `medium` rules (ids): the conditions for video calling.
    pub conditions: Vec<String>,
    /// `high` and `medium` rules (ids) that cannot be decided because an answer is missing.
    pub undecided: Vec<String>,
    /// Failing `low` rules (ids): advice (e.g. prefer video over the phone during a lockdown).
    pub advisory: Vec<String>,
    /// The fields undecided rules need, as questions; `relevant` marks those whose answer can
    /// still change the advice (the only ones the text lists).
    pub questions: Vec<Question>,
    pub supporting: Vec<Supporting>,
    /// Table 4 / table 8 of the Cahier for this activity, when it has a row.
    pub peers: Option<Peers>,
    /// Every appointment rule, with its outcome.
    pub outcomes: Vec<Rule>,
    pub notice: String,
}

impl AdviceReport {
    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.outcomes.iter().find(|r| r.outcome.requirement == id)
    }

    /// The questions whose answer can still change the advice.
    pub fn relevant_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.relevant)
    }
}

/// Evaluates the appointment rules of the evaluator's policy on `appointment` (`text` is its
/// file, for line numbers) and builds the advice.
pub fn report(
    evaluator: &Evaluator,
    policy: &Policy,
    appointment: &Node,
    text: &str,
    source: AppointmentSource,
    today: chrono::NaiveDate,
) -> AdviceReport {
    let outcomes = evaluator.evaluate_appointment(appointment, text);
    let advice = decide(&outcomes);
    let questions = questions::open(&outcomes, appointment, &|n| {
        decide(&evaluator.evaluate_appointment(n, text))
    });
    let ids = |pred: &dyn Fn(&Outcome) -> bool| {
        outcomes
            .iter()
            .filter(|o| pred(o))
            .map(|o| o.requirement.clone())
            .collect()
    };
    let failing = |o: &Outcome| matches!(o.state, State::Fail | State::Error);
    AdviceReport {
        schema_version: ADVICE_SCHEMA_VERSION,
        tool: crate::results::Tool::current(),
        evaluated_on: today.to_string(),
        lang: crate::i18n::lang(),
        policy: crate::results::PolicyInfo::of(policy),
        source,
        appointment: appointment.to_json(),
        advice,
        label: advice.label().to_string(),
        reasons: ids(&|o| o.severity == Severity::High && failing(o)),
        conditions: ids(&|o| o.severity == Severity::Medium && failing(o)),
        undecided: ids(&|o| o.severity >= Severity::Medium && o.state == State::Unknown),
        advisory: ids(&|o| is_advisory(o)),
        questions,
        supporting: supporting(appointment),
        peers: appointment.str_at("activity").and_then(peers),
        outcomes: outcomes
            .into_iter()
            .map(|o| {
                let r = policy.requirement(&o.requirement);
                let or_title = |t: Option<&Option<Text>>| {
                    t.and_then(Option::clone)
                        .unwrap_or_else(|| Text::clone(&o.title))
                };
                Rule {
                    topic: or_title(r.map(|r| &r.topic)),
                    finding: or_title(r.map(|r| &r.finding)),
                    not_applicable: r
                        .filter(|_| o.state == State::NotApplicable)
                        .and_then(|r| r.not_applicable.clone()),
                    outcome: o,
                }
            })
            .collect(),
        notice: crate::results::notice().get().to_string(),
    }
}
