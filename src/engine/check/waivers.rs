//! Waivers: an accepted risk turns a failing or unknown outcome into `waived` while it has not
//! expired; a waiver that names nothing known, has expired or covers nothing is a warning.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Sink};
use crate::i18n::Lang;
use crate::model::org::{Org, Waiver};
use crate::model::policy::Policy;
use crate::results::{Outcome, State, WaiverInfo};
use crate::tr;

pub(super) fn apply_waivers(
    org: &Org,
    policy: &Policy,
    outcomes: &mut [Outcome],
    today: NaiveDate,
    sink: &mut Sink,
) {
    let file = org.file();
    // The outcomes each waiver may cover, by requirement and subject (and by requirement alone
    // for a waiver that names no deployment), in outcome order: a waiver looks at its own
    // candidates, not at every outcome (an organisation with thousands of deployments and
    // waivers would otherwise be quadratic).
    let mut by_subject: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_requirement: HashMap<&str, Vec<usize>> = HashMap::new();
    if !org.waivers.is_empty() {
        for (i, o) in outcomes.iter().enumerate() {
            by_subject
                .entry((o.requirement.as_str(), o.subject.as_str()))
                .or_default()
                .push(i);
            by_requirement
                .entry(o.requirement.as_str())
                .or_default()
                .push(i);
        }
    }
    let by_subject: HashMap<(String, String), Vec<usize>> = by_subject
        .into_iter()
        .map(|((r, s), v)| ((r.to_string(), s.to_string()), v))
        .collect();
    let by_requirement: HashMap<String, Vec<usize>> = by_requirement
        .into_iter()
        .map(|(r, v)| (r.to_string(), v))
        .collect();
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
        let none = Vec::new();
        let candidates = match &w.deployment {
            Some(d) => by_subject.get(&(w.requirement.clone(), d.clone())),
            None => by_requirement.get(&w.requirement),
        }
        .unwrap_or(&none);
        for &i in candidates {
            let o = &mut outcomes[i];
            if !covers(w, o) {
                continue;
            }
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
pub(super) fn covers(w: &Waiver, o: &Outcome) -> bool {
    w.requirement == o.requirement
        && matches!(o.state, State::Fail | State::Unknown)
        && w.deployment.as_ref().is_none_or(|d| *d == o.subject)
}
