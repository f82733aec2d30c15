//! The DPIA draft as one self-contained HTML page, rendered by minijinja from
//! `templates/dpia.html` with auto-escaping, the same Content-Security-Policy as the check report
//! and no scripts; gaps are highlighted (and dashed, so they survive black-and-white printing)
//! and linked from the list at the top.

use std::collections::BTreeMap;

use serde::Serialize;

use super::gap_text;
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::common::symbol;
use crate::render::html::{Span, render_page, spans};
use crate::results::State;
use crate::results::dpia::{Draft, Item};

const TEMPLATE: &str = include_str!("../templates/dpia.html");

/// What the template gets besides the draft itself.
#[derive(Serialize)]
struct Page {
    /// The draft as JSON (the field names of [`Draft`]).
    d: serde_json::Value,
    t: Labels,
    /// Texts with `code` spans, by id: gaps (`G1`), risks' explanation and finding (`R1`),
    /// measures (`M1`).
    gaps: BTreeMap<String, Vec<Span>>,
    /// What each gap asks for, without the "[in te vullen: …]" frame (for the list at the top).
    whats: BTreeMap<String, Vec<Span>>,
    explain: BTreeMap<String, Vec<Span>>,
    finding: BTreeMap<String, Vec<Span>>,
    remedy: BTreeMap<String, Vec<Span>>,
    /// Evidence and input values of each risk as the JSON report writes them.
    values: BTreeMap<String, RiskValues>,
    /// By `State::as_str`: the label and the symbol.
    state: BTreeMap<&'static str, &'static str>,
    symbol: BTreeMap<&'static str, &'static str>,
    severity: BTreeMap<&'static str, &'static str>,
    verdict: &'static str,
    /// The counts in summary order.
    counts: Vec<(&'static str, usize)>,
}

#[derive(Serialize)]
struct RiskValues {
    evidence: Vec<String>,
    inputs: Vec<String>,
}

/// The words of the page.
#[derive(Serialize)]
struct Labels {
    draft: &'static str,
    file: &'static str,
    policy: &'static str,
    evaluated_on: &'static str,
    structure: &'static str,
    gaps: &'static str,
    gaps_intro: &'static str,
    outcome: &'static str,
    verdict: &'static str,
    threshold: &'static str,
    risks_line: String,
    accepted_line: String,
    confirmed_line: String,
    part: &'static str,
    asks: &'static str,
    line: &'static str,
    source: &'static str,
    unsourced: &'static str,
    checked: &'static str,
    stale: &'static str,
    note: &'static str,
    org_file: &'static str,
    catalogue: &'static str,
    platform_file: &'static str,
    check: &'static str,
    proposal: &'static str,
    risk_outcome: &'static str,
    without_waiver: &'static str,
    severity: &'static str,
    advice: &'static str,
    description: &'static str,
    finding: &'static str,
    missing: &'static str,
    origin: &'static str,
    organisation: &'static str,
    read: &'static str,
    basis: &'static str,
    waiver: &'static str,
    approved_by: &'static str,
    approved_on: &'static str,
    valid_until: &'static str,
    expired: &'static str,
    expired_long: &'static str,
    measure: &'static str,
    residual: &'static str,
    event: &'static str,
    proposed: &'static str,
    yes: &'static str,
    no_assess: &'static str,
    likelihood: &'static str,
    impact: &'static str,
    level: &'static str,
    proposal_note: &'static str,
    addresses: &'static str,
    accepted_waiver: &'static str,
    expired_waiver: &'static str,
    expired_short: &'static str,
    reason: &'static str,
    provenance: &'static str,
    tool: &'static str,
    oldest_fact: &'static str,
    max_age: &'static str,
    days: &'static str,
    fail_on: &'static str,
}

impl Labels {
    fn new(d: &Draft) -> Labels {
        Labels {
            draft: tr("CONCEPT — niet vastgesteld", "DRAFT — not adopted"),
            file: tr("Organisatiebestand", "Organisation file"),
            policy: tr("Beleid", "Policy"),
            evaluated_on: tr("Geëvalueerd op", "Evaluated on"),
            structure: tr("Structuur", "Structure"),
            gaps: tr("Nog in te vullen", "Still to fill in"),
            gaps_intro: tr(
                "beeldbel kon deze punten niet invullen; ze staan ook gemarkeerd in de tekst. Een concept met open punten is geen afgeronde DPIA.",
                "beeldbel could not fill in these points; they are also marked in the text. A draft with open points is not a finished DPIA.",
            ),
            outcome: tr("Uitkomst van de toets", "Outcome of the check"),
            verdict: tr("Oordeel", "Verdict"),
            threshold: tr("drempel", "threshold"),
            risks_line: crate::tr!(
                "Risico's in § 16: {}, elk met een maatregel in § 17",
                "Risks in § 16: {}, each with a measure in § 17",
                d.risk_count
            ),
            accepted_line: crate::tr!(
                "Aanvaarde restrisico's (afwijkingen): {}",
                "Accepted residual risks (waivers): {}",
                d.accepted_count
            ),
            confirmed_line: crate::tr!(
                "Maatregelen die de toets bevestigde: {}",
                "Measures the check confirmed: {}",
                d.confirmed_count
            ),
            part: tr("Deel", "Part"),
            asks: tr("Het model vraagt:", "The model asks:"),
            line: tr("regel", "line"),
            source: tr("bron", "source"),
            unsourced: tr("zonder bron", "unsourced"),
            checked: tr("gecontroleerd", "checked"),
            stale: tr("VEROUDERD", "STALE"),
            note: tr("toelichting in de catalogus", "note in the catalogue"),
            org_file: tr("organisatiebestand", "organisation file"),
            catalogue: tr("catalogus", "catalogue"),
            platform_file: tr("catalogus, platformbestand", "catalogue, platform file"),
            check: tr("toets", "check"),
            proposal: tr("voorstel van beeldbel", "proposal by beeldbel"),
            risk_outcome: tr("Uitkomst van de toets", "Outcome of the check"),
            without_waiver: tr("zonder afwijking", "without the waiver"),
            severity: tr("zwaarte", "severity"),
            advice: tr(
                "advies: onder de drempel, telt niet mee voor het oordeel",
                "advice: below the threshold, does not count for the verdict",
            ),
            description: tr("Beschrijving van het risico", "Description of the risk"),
            finding: tr("Bevinding", "Finding"),
            missing: tr("Ontbreekt", "Missing"),
            origin: tr("Oorsprong", "Origin"),
            organisation: tr("de organisatie", "the organisation"),
            read: tr("Wat de toets las", "What the check read"),
            basis: tr("Grondslag", "Basis"),
            waiver: tr("Afwijking", "Waiver"),
            approved_by: tr("goedgekeurd door", "approved by"),
            approved_on: tr("op", "on"),
            valid_until: tr("geldig tot", "valid until"),
            expired: tr(
                "⚠ VERLOPEN: de afwijking geldt niet meer",
                "⚠ EXPIRED: the waiver no longer applies",
            ),
            expired_long: tr(
                "⚠ VERLOPEN: deze afwijking geldt niet meer; het risico is niet langer aanvaard en moet opnieuw worden beoordeeld.",
                "⚠ EXPIRED: this waiver no longer applies; the risk is no longer accepted and must be assessed again.",
            ),
            measure: tr("Maatregel", "Measure"),
            residual: tr("restrisico", "residual risk"),
            event: tr("Gevolg (CNIL)", "Feared event (CNIL)"),
            proposed: tr("Voorgesteld", "Proposed"),
            yes: tr("ja", "yes"),
            no_assess: tr(
                "nee — beoordeel of dit gevolg speelt",
                "no — assess whether it applies",
            ),
            likelihood: tr("Kans", "Likelihood"),
            impact: tr("Impact", "Impact"),
            level: tr("Risiconiveau", "Risk level"),
            proposal_note: tr(
                "Voorstel — te beoordelen door de organisatie:",
                "Proposal — to be assessed by the organisation:",
            ),
            addresses: tr("Pakt aan", "Addresses"),
            accepted_waiver: tr(
                "Afwijking (restrisico aanvaard)",
                "Waiver (residual risk accepted)",
            ),
            expired_waiver: tr(
                "Afwijking (verlopen: restrisico niet meer aanvaard)",
                "Waiver (expired: residual risk no longer accepted)",
            ),
            expired_short: tr("verlopen afwijking", "expired waiver"),
            reason: tr("Reden", "Reason"),
            provenance: tr("Herkomst", "Provenance"),
            tool: tr("Programma", "Tool"),
            oldest_fact: tr("oudste feit", "oldest fact"),
            max_age: tr("feiten verouderen na", "facts go stale after"),
            days: tr("dagen", "days"),
            fail_on: tr("Drempel (fail_on)", "Threshold (fail_on)"),
        }
    }
}

/// Writes the draft as one HTML page into `out`.
pub fn write(d: &Draft, out: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let mut gaps = BTreeMap::new();
    let mut whats = BTreeMap::new();
    let mut explain = BTreeMap::new();
    let mut finding = BTreeMap::new();
    let mut remedy = BTreeMap::new();
    let mut values = BTreeMap::new();
    for s in &d.sections {
        for g in s.gaps() {
            gaps.insert(g.id.clone(), spans(&gap_text(&g.what)));
            whats.insert(g.id.clone(), spans(&g.what));
        }
        for item in &s.items {
            match item {
                Item::Risk(r) => {
                    explain.insert(r.id.clone(), spans(&r.explain));
                    finding.insert(r.id.clone(), spans(&r.finding));
                    values.insert(
                        r.id.clone(),
                        RiskValues {
                            evidence: r.evidence.iter().map(|e| e.value.to_string()).collect(),
                            inputs: r.inputs.iter().map(|i| i.value.to_string()).collect(),
                        },
                    );
                }
                Item::Measure(m) => {
                    remedy.insert(m.id.clone(), spans(&m.text));
                }
                _ => {}
            }
        }
    }
    let states = |f: fn(State) -> &'static str| {
        State::SUMMARY
            .iter()
            .map(|&s| (s.as_str(), f(s)))
            .collect::<BTreeMap<_, _>>()
    };
    let page = Page {
        d: serde_json::to_value(d)?,
        t: Labels::new(d),
        gaps,
        whats,
        explain,
        finding,
        remedy,
        values,
        state: states(State::label),
        symbol: states(symbol),
        severity: [
            crate::model::policy::Severity::High,
            crate::model::policy::Severity::Medium,
            crate::model::policy::Severity::Low,
        ]
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect(),
        verdict: d.verdict.label(),
        counts: State::SUMMARY
            .iter()
            .map(|&s| (s.label(), d.counts.get(s)))
            .collect(),
    };
    let text = render_page("dpia.html", TEMPLATE, &page)?;
    Ok(out.write_all(text.as_bytes())?)
}
