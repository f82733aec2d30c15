//! `beeldbel advise`: is video calling suitable for this appointment?
//!
//! The appointment-scope requirements of the policy (ADV-…) are evaluated on one appointment.
//! The advice is the worst of them: a failing `high` rule means physical contact is needed, a
//! failing `medium` rule (or a rule that cannot be decided because a field is missing) means
//! video calling only under conditions; `low` rules are advice. Reasons that make video calling
//! *more* suitable (Cahier 28 §4.4.2) are shown beside it, and the activity's row of the
//! Cahier's table 4 (and table 8) shows how peers judge it.

use serde::Serialize;

use crate::model::policy::Severity;
use crate::results::{Outcome, State};
use crate::schema::Node;

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

/// How arbeidsdeskundigen judged video calling for an activity (AKC Cahier 28, §5.1.4 table 4
/// and §5.3.1 table 8; survey of arbeidsdeskundigen, percentages of respondents).
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Peers {
    /// The activity as the Cahier names it.
    pub activity_in_cahier: &'static str,
    /// Table 4: "Nooit, fysiek contact is altijd noodzakelijk".
    pub never: u8,
    /// Table 4: "Ja, onder bepaalde voorwaarden".
    pub under_conditions: u8,
    /// Table 4: "Ja".
    pub yes: u8,
    /// Table 4: "Niet van toepassing".
    pub not_applicable: u8,
    /// Table 8: "tevreden" plus "zeer tevreden" among those with experience.
    pub satisfied: u8,
    pub source: &'static str,
}

const SOURCE: &str = "AKC Cahier 28 Beeldbellen, §5.1.4 tabel 4 en §5.3.1 tabel 8";

/// Table 4 and table 8 of the Cahier, by activity id. `overleg_professional` has no row.
pub fn peers(activity: &str) -> Option<Peers> {
    let row = |activity_in_cahier, never, under_conditions, yes, not_applicable, satisfied| Peers {
        activity_in_cahier,
        never,
        under_conditions,
        yes,
        not_applicable,
        satisfied,
        source: SOURCE,
    };
    Some(match activity {
        "gegevens_uitvragen" => row(
            "Uitvragen/checken van gegevens als opleiding, ervaring, arbeidsverleden, loon",
            3,
            18,
            72,
            7,
            76,
        ),
        "belemmeringen_uitvragen" => {
            row("Uitvragen van de ervaren belemmeringen", 16, 27, 50, 6, 69)
        }
        "visie_client" => row(
            "Uitvragen van de visie van de klant op de re-integratie/arbeidsmogelijkheden",
            14,
            26,
            55,
            5,
            74,
        ),
        "hoor_wederhoor" => row("Toepassen van hoor en wederhoor", 21, 22, 49, 7, 59),
        "aanpassingen_onderzoek" => row(
            "Onderzoek naar mogelijke aanpassingen/te treffen voorzieningen in werk",
            34,
            38,
            17,
            11,
            33,
        ),
        "werkplekonderzoek" => row("Werkplekonderzoek", 68, 21, 1, 10, 10),
        "uitkomst_bespreken" => row("Bespreken uitkomst beoordeling", 13, 33, 48, 6, 66),
        "afspraken_reintegratie" => row(
            "Afspraken maken voor re-integratietraject",
            10,
            28,
            49,
            13,
            56,
        ),
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_activity_but_talks_between_professionals_has_a_table_4_row() {
        for a in crate::schema::defs::ACTIVITIES {
            let row = peers(a);
            assert_eq!(row.is_none(), *a == "overleg_professional", "{a}");
            if let Some(r) = row {
                // The Cahier rounds each share: rows add up to 99–101 %.
                let total = r.never + r.under_conditions + r.yes + r.not_applicable;
                assert!((99..=101).contains(&total), "{a}: {total}");
            }
        }
        let werkplek = peers("werkplekonderzoek").unwrap();
        assert_eq!((werkplek.never, werkplek.under_conditions), (68, 21));
    }
}

/// The advice report: the JSON of `advise --format json`, and what the text renders.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AdviceReport {
    pub schema_version: u32,
    pub tool: crate::results::Tool,
    pub evaluated_on: String,
    pub lang: crate::i18n::Lang,
    pub policy: crate::results::PolicyInfo,
    /// Where the appointment came from: the file, and/or the flags.
    pub source: String,
    pub appointment: serde_json::Value,
    pub advice: Advice,
    /// The advice in words, in the report's language.
    pub label: String,
    /// Failing `high` rules: why physical contact is needed.
    pub reasons: Vec<String>,
    /// Failing `medium` rules and undecided rules: the conditions for video calling.
    pub conditions: Vec<String>,
    /// Failing `low` rules: advice (e.g. prefer video over the phone during a lockdown).
    pub advisory: Vec<String>,
    pub supporting: Vec<Supporting>,
    /// Table 4 / table 8 of the Cahier for this activity, when it has a row.
    pub peers: Option<Peers>,
    pub outcomes: Vec<Outcome>,
    pub notice: String,
}

/// Builds the report from the rules' outcomes.
pub fn report(
    appointment: &Node,
    source: String,
    outcomes: Vec<Outcome>,
    policy: crate::results::PolicyInfo,
    today: chrono::NaiveDate,
) -> AdviceReport {
    let ids = |pred: &dyn Fn(&Outcome) -> bool| {
        outcomes
            .iter()
            .filter(|o| pred(o))
            .map(|o| o.requirement.clone())
            .collect()
    };
    let advice = decide(&outcomes);
    AdviceReport {
        schema_version: crate::results::SCHEMA_VERSION,
        tool: crate::results::Tool::current(),
        evaluated_on: today.to_string(),
        lang: crate::i18n::lang(),
        policy,
        source,
        appointment: appointment.to_json(),
        advice,
        label: advice.label().to_string(),
        reasons: ids(&|o| {
            o.severity == Severity::High && matches!(o.state, State::Fail | State::Error)
        }),
        conditions: ids(&|o| {
            (o.severity == Severity::Medium && matches!(o.state, State::Fail | State::Error))
                || (o.severity >= Severity::Medium && o.state == State::Unknown)
        }),
        advisory: ids(&|o| is_advisory(o)),
        supporting: supporting(appointment),
        peers: appointment.str_at("activity").and_then(peers),
        outcomes,
        notice: crate::results::notice().get().to_string(),
    }
}
