//! The words of the HTML report in the language of the run, and the labels, symbols and keys of
//! states, verdicts and severities the template looks up.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ORDER;
use crate::i18n::tr;
use crate::results::{State, Verdict};

/// The words of the page.
#[derive(Serialize)]
pub(super) struct Labels {
    title: &'static str,
    verdict: &'static str,
    policy: &'static str,
    evaluated_on: &'static str,
    threshold: &'static str,
    summary: &'static str,
    organisation: &'static str,
    organisations: &'static str,
    file: &'static str,
    requirement: &'static str,
    overview: &'static str,
    bar_label: &'static str,
    matrix: &'static str,
    matrix_note: &'static str,
    no_outcome: &'static str,
    attention: &'static str,
    attention_none: &'static str,
    waived_heading: &'static str,
    rest_heading: &'static str,
    finding: &'static str,
    missing: &'static str,
    remediation: &'static str,
    basis: &'static str,
    facts: &'static str,
    inputs: &'static str,
    line: &'static str,
    source: &'static str,
    unsourced: &'static str,
    checked: &'static str,
    stale: &'static str,
    note: &'static str,
    severity: &'static str,
    advice: &'static str,
    without_waiver: &'static str,
    waiver: &'static str,
    approved_by: &'static str,
    approved_on: &'static str,
    expires: &'static str,
    expired: &'static str,
    provenance: &'static str,
    tool: &'static str,
    catalogue: &'static str,
    origin: &'static str,
    oldest_fact: &'static str,
    /// The overlays applied to the catalogue (`--facts`).
    overlays: &'static str,
    /// The sources fetched over HTTPS, and the words before each one's fetch date.
    remote: &'static str,
    fetched_on: &'static str,
    files: &'static str,
    fail_on: &'static str,
    max_age: &'static str,
    days: &'static str,
    /// By `State::as_str`: the full label, the short label of a matrix cell, the symbol.
    state: BTreeMap<&'static str, &'static str>,
    state_short: BTreeMap<&'static str, &'static str>,
    symbol: BTreeMap<&'static str, &'static str>,
    /// By the serialised `Verdict` and `Severity`.
    verdict_label: BTreeMap<&'static str, &'static str>,
    verdict_symbol: BTreeMap<&'static str, &'static str>,
    severity_label: BTreeMap<&'static str, &'static str>,
}

impl Labels {
    pub(super) fn new() -> Labels {
        let states =
            |f: fn(State) -> &'static str| ORDER.iter().map(|&s| (s.as_str(), f(s))).collect();
        let verdicts = [
            Verdict::Compliant,
            Verdict::Incomplete,
            Verdict::NonCompliant,
        ];
        let severities = [
            crate::model::policy::Severity::High,
            crate::model::policy::Severity::Medium,
            crate::model::policy::Severity::Low,
        ];
        Labels {
            title: tr("Toets beeldbellen", "Video-calling check"),
            verdict: tr("Oordeel", "Verdict"),
            policy: tr("Beleid", "Policy"),
            evaluated_on: tr("Geëvalueerd op", "Evaluated on"),
            threshold: tr("drempel", "threshold"),
            summary: tr("Samenvatting per organisatie", "Summary per organisation"),
            organisation: tr("Organisatie", "Organisation"),
            organisations: tr("organisaties", "organisations"),
            file: tr("Bestand", "File"),
            requirement: tr("Eis", "Requirement"),
            overview: tr("Uitkomsten", "Outcomes"),
            bar_label: tr("Uitkomsten per toestand", "Outcomes by state"),
            matrix: tr("Eisen per onderwerp", "Requirements by subject"),
            matrix_note: tr(
                "Elke cel toont de uitkomst met een symbool en een woord; — betekent dat de eis niet voor dat onderwerp geldt.",
                "Each cell shows the outcome with a symbol and a word; — means the requirement does not cover that subject.",
            ),
            no_outcome: tr(
                "geen uitkomst: de eis geldt niet voor dit onderwerp",
                "no outcome: the requirement does not cover this subject",
            ),
            attention: tr("Wat aandacht vraagt", "What needs attention"),
            attention_none: tr(
                "Geen eisen die niet voldaan of onbekend zijn.",
                "No requirements that fail or are unknown.",
            ),
            waived_heading: tr("Aanvaarde afwijkingen", "Accepted deviations"),
            rest_heading: tr(
                "Voldaan en niet van toepassing",
                "Passed and not applicable",
            ),
            finding: tr("Bevinding", "Finding"),
            missing: tr("Ontbrekende gegevens", "Missing data"),
            remediation: tr("Wat te doen", "What to do"),
            basis: tr("Grondslag", "Basis"),
            facts: tr("Feiten uit de catalogus", "Facts from the catalogue"),
            inputs: tr("Gegevens uit het bestand", "Data from the file"),
            line: tr("regel", "line"),
            source: tr("bron", "source"),
            unsourced: tr("zonder bron", "unsourced"),
            checked: tr("gecontroleerd", "checked"),
            stale: tr("VEROUDERD", "STALE"),
            note: tr("toelichting", "note"),
            severity: tr("Zwaarte", "Severity"),
            advice: tr(
                "advies: onder de drempel, telt niet mee voor het oordeel",
                "advice: below the threshold, does not count for the verdict",
            ),
            without_waiver: tr("Zonder afwijking", "Without the waiver"),
            waiver: tr("Afwijking", "Waiver"),
            approved_by: tr("goedgekeurd door", "approved by"),
            approved_on: tr("op", "on"),
            expires: tr("geldig tot", "valid until"),
            expired: tr("VERLOPEN", "EXPIRED"),
            provenance: tr("Herkomst", "Provenance"),
            tool: tr("Programma", "Tool"),
            catalogue: tr("Catalogus", "Catalogue"),
            origin: tr("herkomst", "origin"),
            oldest_fact: tr("oudste feit", "oldest fact"),
            overlays: tr("met overlays (--facts)", "with overlays (--facts)"),
            remote: tr("opgehaald via HTTPS", "fetched over HTTPS"),
            fetched_on: tr("opgehaald op", "fetched on"),
            files: tr("Organisatiebestanden", "Organisation files"),
            fail_on: tr("Drempel (fail_on)", "Threshold (fail_on)"),
            max_age: tr("feiten verouderen na", "facts go stale after"),
            days: tr("dagen", "days"),
            state: states(State::label),
            state_short: states(short_label),
            symbol: states(crate::render::common::symbol),
            verdict_label: verdicts
                .iter()
                .map(|&v| (verdict_key(v), v.label()))
                .collect(),
            verdict_symbol: verdicts
                .iter()
                .map(|&v| {
                    (
                        verdict_key(v),
                        crate::render::common::symbol(verdict_state(v)),
                    )
                })
                .collect(),
            severity_label: severities
                .iter()
                .map(|&s| (s.as_str(), s.label()))
                .collect(),
        }
    }
}

/// The word in a matrix cell: short, so the matrix stays narrow.
fn short_label(state: State) -> &'static str {
    match state {
        State::Pass => tr("voldaan", "pass"),
        State::Fail => tr("niet voldaan", "fail"),
        State::Unknown => tr("onbekend", "unknown"),
        State::NotApplicable => tr("n.v.t.", "n/a"),
        State::Waived => tr("afwijking", "waived"),
        State::Error => tr("fout", "error"),
    }
}

fn verdict_key(v: Verdict) -> &'static str {
    match v {
        Verdict::Compliant => "compliant",
        Verdict::Incomplete => "incomplete",
        Verdict::NonCompliant => "non_compliant",
    }
}

/// The state whose colour and symbol a verdict borrows.
fn verdict_state(v: Verdict) -> State {
    match v {
        Verdict::Compliant => State::Pass,
        Verdict::Incomplete => State::Unknown,
        Verdict::NonCompliant => State::Fail,
    }
}
