//! The risks of § 16, their measures in § 17 and the accepted residual risks: every failed
//! outcome of the check, then every waived one, becomes a risk `R<n>` with a measure `M<n>`; a
//! waiver becomes an accepted residual risk `A<n>`. Only a known failing fact is a risk: an
//! outcome that is not established (unknown: a field left out of the organisation file or a fact
//! the catalogue lacks; or an error) is a gap in § 16, and an outcome about the organisation's
//! own DPIA is context in "Over deze DPIA" (this draft is that DPIA). Each risk proposes a likelihood,
//! impact and level for the CNIL feared events the requirement threatens (`threatens` in the
//! policy; all three, marked for the organisation to assess, when the policy does not say).

use super::Builder;
use crate::i18n::tr;
use crate::model::policy::{Severity, Threat};
use crate::results::dpia::{Accepted, EventRow, Measure, Risk};
use crate::results::{Outcome, State};

/// The level of a risk on the model's scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Low => tr("laag", "low"),
            Level::Medium => tr("midden", "medium"),
            Level::High => tr("hoog", "high"),
        }
    }

    /// The impact of a requirement's severity.
    pub(super) fn of(s: Severity) -> Level {
        match s {
            Severity::High => Level::High,
            Severity::Medium => Level::Medium,
            Severity::Low => Level::Low,
        }
    }

    fn lower(self) -> Level {
        match self {
            Level::High => Level::Medium,
            _ => Level::Low,
        }
    }

    /// Likelihood × impact, as the model's 3×3 matrix: low+high and medium+medium are medium.
    pub(super) fn times(self, other: Level) -> Level {
        match self as u8 + other as u8 {
            0 | 1 => Level::Low,
            2 => Level::Medium,
            _ => Level::High,
        }
    }
}

/// The proposed (likelihood, impact, level) of an outcome: impact from the requirement's
/// severity; likelihood the same for a fail or error, one step lower for an unknown (it is not
/// established that the safeguard is missing); for a waived outcome, the state it would have had;
/// the level from the model's matrix.
pub(super) fn score(o: &Outcome) -> (Level, Level, Level) {
    let state = o.underlying_state.unwrap_or(o.state);
    let impact = Level::of(o.severity);
    let likelihood = if state == State::Unknown {
        impact.lower()
    } else {
        impact
    };
    (likelihood, impact, likelihood.times(impact))
}

fn event_label(t: Threat) -> &'static str {
    match t {
        Threat::Access => tr("onrechtmatige toegang", "illegitimate access"),
        Threat::Change => tr("ongewenste wijziging", "unwanted change"),
        Threat::Loss => tr("verlies", "loss"),
    }
}

/// The rows of the CNIL triad for an outcome: the events in `threatens` are proposed with the
/// outcome's [`score`], the others listed to be assessed; `None` (the policy does not say)
/// proposes all three. With how the proposal was derived.
pub(super) fn triad(o: &Outcome, threatens: Option<&[Threat]>) -> (Vec<EventRow>, String) {
    let state = o.underlying_state.unwrap_or(o.state);
    let (likelihood, impact, level) = score(o);
    let rows = Threat::ALL
        .iter()
        .map(|&t| {
            let proposed = threatens.is_none_or(|ts| ts.contains(&t));
            EventRow {
                event: t.as_str(),
                label: event_label(t),
                proposed,
                likelihood: proposed.then(|| likelihood.label()),
                impact: proposed.then(|| impact.label()),
                level: proposed.then(|| level.label()),
            }
        })
        .collect();
    let mut basis = crate::tr!(
        "impact afgeleid uit de zwaarte van de eis ({}), kans uit de uitkomst ({}){}",
        "impact derived from the requirement's severity ({}), likelihood from the outcome ({}){}",
        o.severity.label(),
        state.label(),
        if state == State::Unknown {
            tr(
                ": een stap lager, omdat niet vaststaat dat de waarborg ontbreekt",
                ": one step lower, as it is not established that the safeguard is missing",
            )
        } else {
            ""
        }
    );
    if threatens.is_none() {
        basis.push_str(tr(
            "; het beleid noemt niet welke gevolgen deze eis bedreigt (`threatens`), dus zijn alle drie voorgesteld",
            "; the policy does not name the events this requirement threatens (`threatens`), so all three are proposed",
        ));
    }
    (rows, basis)
}

/// The risks, their measures and the accepted residual risks; the outcomes about the
/// organisation's own DPIA and those not established.
pub(super) struct Risks<'a> {
    pub risks: Vec<Risk>,
    pub measures: Vec<Measure>,
    pub accepted: Vec<Accepted>,
    pub own_dpia: Vec<&'a Outcome>,
    pub open: Vec<&'a Outcome>,
}

/// Whether an outcome is about the organisation's own DPIA: it reads (or misses) a field of the
/// organisation file's `[dpia]` table. Such a requirement is met by finishing this DPIA, so it
/// is context, never a risk with "carry out a DPIA" as its measure.
pub(super) fn about_own_dpia(o: &Outcome) -> bool {
    let own = |f: &str| f == "dpia" || f.starts_with("dpia.");
    o.inputs.iter().any(|i| own(&i.field)) || o.missing.iter().any(|m| own(m))
}

/// The key a requirement's gaps share: `PLAT-TELEM-01.zoom`, or `AVG-BELEID-01` for the
/// organisation as a whole.
pub(super) fn outcome_slug(o: &Outcome) -> String {
    if o.subject == "organisation" {
        o.requirement.clone()
    } else {
        format!("{}.{}", o.requirement, o.subject)
    }
}

impl<'a> Builder<'a> {
    /// The risks (failed, then waived outcomes), their measures and the accepted residual risks;
    /// the outcomes about the organisation's own DPIA, and those not established.
    pub(super) fn risks(&self) -> Risks<'a> {
        let mut risks = Vec::new();
        let mut measures = Vec::new();
        let mut accepted = Vec::new();
        let all: &'a [Outcome] = &self.report.outcomes;
        let own_dpia: Vec<&'a Outcome> = all
            .iter()
            .filter(|o| o.state != State::Pass && o.state != State::NotApplicable)
            .filter(|o| about_own_dpia(o))
            .collect();
        let open: Vec<&'a Outcome> = [State::Error, State::Unknown]
            .into_iter()
            .flat_map(|s| all.iter().filter(move |o| o.state == s))
            .filter(|o| !about_own_dpia(o))
            .collect();
        let outcomes = [State::Fail, State::Waived]
            .into_iter()
            .flat_map(|s| all.iter().filter(move |o| o.state == s))
            .filter(|o| !about_own_dpia(o));
        for o in outcomes {
            let n = risks.len() + 1;
            let (id, mid) = (format!("R{n}"), format!("M{n}"));
            let subject_label = self.subject_label(&o.subject);
            let accepted_id = o.waiver.as_ref().map(|w| {
                let aid = format!("A{}", accepted.len() + 1);
                accepted.push(Accepted {
                    id: aid.clone(),
                    risk: id.clone(),
                    requirement: o.requirement.clone(),
                    title: o.title.get().to_string(),
                    subject: o.subject.clone(),
                    subject_label: subject_label.clone(),
                    reason: w.reason.clone(),
                    approved_by: w.approved_by.clone(),
                    approved_on: w.approved_on.clone(),
                    expires: w.expires.clone(),
                    expired: w.expired,
                });
                aid
            });
            let requirement = self.inputs.policy.requirement(&o.requirement);
            let threatens = requirement.and_then(|r| r.threatens.as_deref());
            let (events, basis) = triad(o, threatens);
            let explain = requirement
                .map(|r| r.explain.get().to_string())
                .unwrap_or_default();
            let slug = outcome_slug(o);
            let assess = if threatens.is_some() {
                crate::tr!(
                    "beoordeling van het voorstel voor {id}: kans, impact en risiconiveau met motivering",
                    "assessment of the proposal for {id}: likelihood, impact and risk level with reasons"
                )
            } else {
                crate::tr!(
                    "beoordeling van het voorstel voor {id}: welke van de drie gevolgen deze eis bedreigt (het beleid noemt ze niet), en kans, impact en risiconiveau met motivering",
                    "assessment of the proposal for {id}: which of the three events this requirement threatens (the policy does not name them), and likelihood, impact and risk level with reasons"
                )
            };
            risks.push(Risk {
                id: id.clone(),
                requirement: o.requirement.clone(),
                title: o.title.get().to_string(),
                subject: o.subject.clone(),
                subject_label: subject_label.clone(),
                state: o.state,
                underlying_state: o.underlying_state,
                severity: o.severity,
                advice: o.severity < self.fail_on
                    && matches!(o.state, State::Fail | State::Unknown),
                explain,
                finding: o.message.get().to_string(),
                missing: o.missing.clone(),
                references: o.references.to_vec(),
                line: o.line,
                evidence: o.evidence.clone(),
                inputs: o.inputs.clone(),
                events,
                events_from_policy: threatens.is_some(),
                basis,
                waiver: o.waiver.clone(),
                measure: mid.clone(),
                accepted: accepted_id.clone(),
                gap: self.gap(format!("{slug}.beoordeling"), assess, None),
            });
            measures.push(Measure {
                id: mid.clone(),
                risk: id.clone(),
                requirement: o.requirement.clone(),
                title: o.title.get().to_string(),
                subject: o.subject.clone(),
                subject_label,
                state: o.state,
                text: super::measures::measure_text(
                    self.embedded_policy.then_some(o.requirement.as_str()),
                    o.remediation.get().trim(),
                    o.title.get(),
                ),
                accepted: accepted_id,
                expired: o.waiver.as_ref().is_some_and(|w| w.expired),
                gap: self.gap(
                    format!("{slug}.maatregel"),
                    crate::tr!(
                        "wie de maatregel {mid} beheert, wanneer hij is uitgevoerd, en het restrisico daarna (laag, midden, hoog)",
                        "who owns measure {mid}, when it is carried out, and the residual risk afterwards (low, medium, high)"
                    ),
                    None,
                ),
            });
        }
        Risks {
            risks,
            measures,
            accepted,
            own_dpia,
            open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::policy::Scope;

    fn outcome(state: State, severity: Severity, underlying: Option<State>) -> Outcome {
        Outcome {
            requirement: "X-Y-01".into(),
            title: Default::default(),
            scope: Scope::Organisation,
            subject: "organisation".into(),
            severity,
            state,
            underlying_state: underlying,
            missing: vec![],
            message: Default::default(),
            remediation: Default::default(),
            references: Default::default(),
            waiver: None,
            line: None,
            evidence: vec![],
            inputs: vec![],
            because: vec![],
        }
    }

    #[test]
    fn the_matrix_is_symmetric_and_monotone() {
        use Level::*;
        for a in [Low, Medium, High] {
            for b in [Low, Medium, High] {
                assert_eq!(a.times(b), b.times(a));
            }
        }
        assert_eq!(Low.times(Low), Low);
        assert_eq!(Low.times(Medium), Low);
        assert_eq!(Low.times(High), Medium);
        assert_eq!(Medium.times(Medium), Medium);
        assert_eq!(Medium.times(High), High);
        assert_eq!(High.times(High), High);
    }

    #[test]
    fn a_fail_scores_its_severity_and_an_unknown_one_step_lower() {
        use Level::*;
        let fail = outcome(State::Fail, Severity::High, None);
        assert_eq!(score(&fail), (High, High, High));
        let error = outcome(State::Error, Severity::Medium, None);
        assert_eq!(score(&error), (Medium, Medium, Medium));
        let unknown = outcome(State::Unknown, Severity::High, None);
        assert_eq!(score(&unknown), (Medium, High, High));
        let unknown_low = outcome(State::Unknown, Severity::Low, None);
        assert_eq!(score(&unknown_low), (Low, Low, Low));
        let unknown_medium = outcome(State::Unknown, Severity::Medium, None);
        assert_eq!(score(&unknown_medium), (Low, Medium, Low));
    }

    #[test]
    fn a_waived_outcome_scores_the_state_it_would_have_had() {
        use Level::*;
        let waived_fail = outcome(State::Waived, Severity::High, Some(State::Fail));
        assert_eq!(score(&waived_fail), (High, High, High));
        let waived_unknown = outcome(State::Waived, Severity::High, Some(State::Unknown));
        assert_eq!(score(&waived_unknown), (Medium, High, High));
    }

    #[test]
    fn only_the_threatened_events_are_proposed() {
        let o = outcome(State::Fail, Severity::Medium, None);
        let (rows, basis) = triad(&o, Some(&[Threat::Access, Threat::Loss]));
        let events: Vec<(&str, bool)> = rows.iter().map(|r| (r.event, r.proposed)).collect();
        assert_eq!(
            events,
            [("access", true), ("change", false), ("loss", true)]
        );
        assert_eq!(rows[1].likelihood, None);
        assert_eq!(rows[0].level, Some(Level::Medium.label()));
        assert!(!basis.contains("threatens"));
    }

    #[test]
    fn without_threatens_all_three_are_proposed_and_the_basis_says_why() {
        let o = outcome(State::Fail, Severity::Low, None);
        let (rows, basis) = triad(&o, None);
        assert!(rows.iter().all(|r| r.proposed));
        assert!(basis.contains("`threatens`"), "{basis}");
    }
}
