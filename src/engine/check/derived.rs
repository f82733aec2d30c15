//! Derived outcomes: a deployment requirement that reads `channel.*` (BEROEP-KANAAL-01) rests
//! on the platform requirements of the deployment's edition. Its outcome names them
//! ([`Because`]) and says in plain words why the channel failed or could not be rated.

use crate::expr::{Compiled, Var};
use crate::i18n::{Lang, Text};
use crate::model::policy::Requirement;
use crate::results::{Because, Outcome, State};

/// A platform outcome as a reason of a derived outcome.
pub(super) fn because(o: &Outcome) -> Because {
    Because {
        requirement: o.requirement.clone(),
        title: o.title.clone(),
        severity: o.severity,
        state: o.state,
        missing: o.missing.clone(),
        evidence: o.evidence.clone(),
    }
}

/// The reasons in the order a reader needs them: what failed (or could not be evaluated), then
/// what is unknown; within each, in policy order.
pub(super) fn order(because: &mut [Because]) {
    because.sort_by_key(|b| b.state == State::Unknown);
}

/// Whether `r` reads the channel rating (`channel.failed`, `channel.unknown`,
/// `channel.acceptable`) in its check or its condition.
pub(super) fn reads_channel(r: &Requirement) -> bool {
    let reads = |c: &Compiled| c.reads.iter().any(|p| p.var == Var::Channel);
    reads(&r.check) || r.applies_if.as_ref().is_some_and(reads)
}

/// The message of a derived outcome that failed: which platform requirements the channel does
/// not meet, and which are unknown. `None` when there is no reason to name (the check failed on
/// something else, such as a retired service).
pub(super) fn fail_message(because: &[Because]) -> Option<Text> {
    let parts = clauses(because);
    (!parts.is_empty()).then(|| {
        text(|lang| match lang {
            Lang::Nl => format!("niet voldaan: {}", join(&parts, lang)),
            Lang::En => format!("not met: {}", join(&parts, lang)),
        })
    })
}

/// The clause of an unknown derived outcome: which platform requirements are unknown for this
/// edition, and which facts they lack.
pub(super) fn unknown_clause(because: &[Because]) -> Option<Text> {
    let unknown: Vec<&Because> = because
        .iter()
        .filter(|b| b.state == State::Unknown)
        .collect();
    (!unknown.is_empty()).then(|| {
        text(|lang| {
            let n = unknown.len();
            let list = list(&unknown, lang);
            match lang {
                Lang::Nl => format!(
                    "het kanaal is niet beoordeeld, want {n} {} onbekend voor deze editie: {list}",
                    if n == 1 {
                        "platformeis is"
                    } else {
                        "platformeisen zijn"
                    }
                ),
                Lang::En => format!(
                    "the channel is not rated, as {n} platform {} unknown for this edition: {list}",
                    if n == 1 {
                        "requirement is"
                    } else {
                        "requirements are"
                    }
                ),
            }
        })
    })
}

/// What failed, then what is unknown, each as one sentence.
fn clauses(because: &[Because]) -> Vec<Text> {
    let failed: Vec<&Because> = because
        .iter()
        .filter(|b| b.state != State::Unknown)
        .collect();
    let mut out = Vec::new();
    if !failed.is_empty() {
        out.push(text(|lang| {
            let n = failed.len();
            let list = list(&failed, lang);
            match lang {
                Lang::Nl => format!(
                    "dit kanaal voldoet niet aan {n} {}: {list}",
                    if n == 1 {
                        "platformeis"
                    } else {
                        "platformeisen"
                    }
                ),
                Lang::En => format!(
                    "this channel does not meet {n} platform {}: {list}",
                    if n == 1 {
                        "requirement"
                    } else {
                        "requirements"
                    }
                ),
            }
        }));
    }
    let unknown: Vec<&Because> = because
        .iter()
        .filter(|b| b.state == State::Unknown)
        .collect();
    if !unknown.is_empty() {
        let also = !out.is_empty();
        out.push(text(|lang| {
            let n = unknown.len();
            let list = list(&unknown, lang);
            let (nl, en) = if n == 1 {
                ("is 1 platformeis", "1 platform requirement is")
            } else {
                ("zijn {n} platformeisen", "{n} platform requirements are")
            };
            let (nl, en) = (
                nl.replace("{n}", &n.to_string()),
                en.replace("{n}", &n.to_string()),
            );
            match (lang, also) {
                (Lang::Nl, true) => format!("Daarnaast {nl} onbekend: {list}"),
                (Lang::Nl, false) => format!("voor deze editie {nl} onbekend: {list}"),
                (Lang::En, true) => format!("Also, {en} unknown: {list}"),
                (Lang::En, false) => format!("for this edition {en} unknown: {list}"),
            }
        }));
    }
    out
}

/// `PLAT-VWO-01 Editie met verwerkersovereenkomst (processor_agreement = false)`, one per
/// reason, separated by semicolons.
fn list(items: &[&Because], lang: Lang) -> String {
    items
        .iter()
        .map(|b| {
            format!(
                "{} {} ({})",
                b.requirement,
                b.title.in_lang(lang),
                why(b, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why one platform requirement is a reason: the facts it read, the facts it lacked, or a policy
/// error.
fn why(b: &Because, lang: Lang) -> String {
    match b.state {
        State::Error => match lang {
            Lang::Nl => "kon niet worden geëvalueerd: fout in het beleid".into(),
            Lang::En => "could not be evaluated: a defect in the policy".into(),
        },
        State::Unknown => {
            let missing: Vec<&str> = b.missing.iter().map(|m| missing_name(m)).collect();
            match (lang, missing.is_empty()) {
                (Lang::Nl, false) => format!("ontbreekt: {}", missing.join(", ")),
                (Lang::En, false) => format!("missing: {}", missing.join(", ")),
                (Lang::Nl, true) => "onbekend".into(),
                (Lang::En, true) => "unknown".into(),
            }
        }
        _ if b.evidence.is_empty() => match lang {
            Lang::Nl => "niet voldaan".into(),
            Lang::En => "not met".into(),
        },
        _ => b
            .evidence
            .iter()
            .map(|e| format!("{} = {}", e.attribute, e.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A missing fact by its attribute name (`catalogue:whatsapp/consumer.e2ee` → `e2ee`); other
/// missing fields as they are named.
fn missing_name(m: &str) -> &str {
    match m.strip_prefix("catalogue:") {
        Some(fact) => fact
            .split_once('.')
            .map_or(fact, |(_, attribute)| attribute),
        None => m,
    }
}

fn join(parts: &[Text], lang: Lang) -> String {
    parts
        .iter()
        .map(|p| p.in_lang(lang))
        .collect::<Vec<_>>()
        .join(". ")
}

fn text(f: impl Fn(Lang) -> String) -> Text {
    Text {
        nl: f(Lang::Nl),
        en: f(Lang::En),
    }
}
