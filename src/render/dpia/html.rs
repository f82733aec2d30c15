//! The DPIA draft as one self-contained HTML page, rendered by minijinja from
//! `templates/dpia.html` with auto-escaping, the same Content-Security-Policy as the check report
//! and no scripts; gaps are highlighted (and dashed, so they survive black-and-white printing)
//! and linked from the list at the top.
//!
//! The page is written in pieces, each a macro of the template, straight to the output: the head,
//! each gap of the list, the outcome, and per section its head, each item and its end, then the
//! provenance. Only one item's values exist at a time, so a draft with tens of thousands of risks
//! (an organisation with thousands of deployments) costs the memory of one item, not of the page.

use std::collections::BTreeMap;

use minijinja::Value;
use serde::Serialize;

use super::gap_text;
use crate::i18n::{Lang, tr};
use crate::model::policy::Severity;
use crate::render::RenderError;
use crate::render::common::symbol;
use crate::render::html::{Span, environment, spans, value};
use crate::results::State;
use crate::results::dpia::{Draft, Gap, Item, Provenance, Section};

const TEMPLATE: &str = include_str!("../templates/dpia.html");

/// What the template gets once.
#[derive(Serialize)]
struct Page<'a> {
    /// The draft without its sections and gap list (the field names of [`Draft`]).
    d: Head<'a>,
    /// The number of gaps.
    gap_count: usize,
    t: Labels,
    /// By `State::as_str`: the label and the symbol.
    state: BTreeMap<&'static str, &'static str>,
    symbol: BTreeMap<&'static str, &'static str>,
    severity: BTreeMap<&'static str, &'static str>,
    verdict: &'static str,
    /// The counts in summary order.
    counts: Vec<(&'static str, usize)>,
}

/// The fields of [`Draft`] the head and the provenance show.
#[derive(Serialize)]
struct Head<'a> {
    lang: Lang,
    title: &'a str,
    organisation: &'a str,
    file: &'a str,
    fail_on: Severity,
    evaluated_on: &'a str,
    provenance: &'a Provenance,
    draft_notice: &'a str,
    notice: &'a str,
}

/// A section without its items: what `section_head` shows.
#[derive(Serialize)]
struct SectionHead<'a> {
    key: &'a str,
    number: Option<u8>,
    title: &'a str,
    asks: &'a str,
}

/// The texts of one item split into code spans, and the values of a risk's evidence and inputs
/// as the JSON report writes them.
#[derive(Default, Serialize)]
struct Texts {
    /// The item's gap (a gap, or the gap of a risk or measure): "[in te vullen: …]".
    gap: Option<Vec<Span>>,
    explain: Option<Vec<Span>>,
    finding: Option<Vec<Span>>,
    remedy: Option<Vec<Span>>,
    evidence: Vec<String>,
    inputs: Vec<String>,
}

impl Texts {
    fn of(item: &Item) -> Texts {
        // An answered gap shows what was asked; an open one "[in te vullen: …]".
        let gap = |g: &Gap| {
            Some(match g.answer {
                Some(_) => spans(&g.what),
                None => spans(&gap_text(&g.what)),
            })
        };
        match item {
            Item::Gap(g) => Texts {
                gap: gap(g),
                ..Texts::default()
            },
            Item::Risk(r) => Texts {
                gap: gap(&r.gap),
                explain: Some(spans(&r.explain)),
                finding: Some(spans(&r.finding)),
                evidence: r.evidence.iter().map(|e| e.value.to_string()).collect(),
                inputs: r.inputs.iter().map(|i| i.value.to_string()).collect(),
                ..Texts::default()
            },
            Item::Measure(m) => Texts {
                gap: gap(&m.gap),
                remedy: Some(spans(&m.text)),
                ..Texts::default()
            },
            _ => Texts::default(),
        }
    }
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
    /// The overlays applied to the catalogue (`--facts`).
    overlays: &'static str,
    max_age: &'static str,
    days: &'static str,
    fail_on: &'static str,
    answer_of: &'static str,
    fill_via: &'static str,
    answered_line: String,
    keep_answers: &'static str,
    answers: &'static str,
    no_answers: &'static str,
    remote: &'static str,
    fetched_on: &'static str,
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
            overlays: tr("met overlays (--facts)", "with overlays (--facts)"),
            max_age: tr("feiten verouderen na", "facts go stale after"),
            days: tr("dagen", "days"),
            fail_on: tr("Drempel (fail_on)", "Threshold (fail_on)"),
            answer_of: tr("antwoord van de organisatie", "answer of the organisation"),
            fill_via: tr("in te vullen via", "to fill in via"),
            answered_line: match &d.provenance.answers {
                Some(a) => crate::tr!(
                    "Beantwoord door de organisatie in {}: {} punt(en); die antwoorden staan in de tekst, gemarkeerd als antwoord van de organisatie.",
                    "Answered by the organisation in {}: {} point(s); the answers are in the text, marked as the organisation's.",
                    a.file,
                    d.answered_count
                ),
                None => String::new(),
            },
            keep_answers: tr(
                "Antwoorden bewaren: „beeldbel dpia ORGANISATIE --answers-template -o antwoorden.toml” schrijft elk open punt als invulbaar item; vul in en draai opnieuw met „--answers antwoorden.toml”.",
                "To keep answers: “beeldbel dpia ORGANISATION --answers-template -o answers.toml” writes every open point as an entry to fill in; fill it in and rerun with “--answers answers.toml”.",
            ),
            answers: tr(
                "Antwoorden van de organisatie",
                "Answers of the organisation",
            ),
            no_answers: tr(
                "geen (--answers niet gegeven)",
                "none (--answers not given)",
            ),
            remote: tr("opgehaald via HTTPS", "fetched over HTTPS"),
            fetched_on: tr("opgehaald op", "fetched on"),
        }
    }
}

/// Writes the draft as one HTML page into `out`, a piece at a time.
pub fn write(d: &Draft, out: &mut dyn std::io::Write) -> Result<(), RenderError> {
    let states = |f: fn(State) -> &'static str| {
        State::SUMMARY
            .iter()
            .map(|&s| (s.as_str(), f(s)))
            .collect::<BTreeMap<_, _>>()
    };
    let page = Page {
        d: Head {
            lang: d.lang,
            title: &d.title,
            organisation: &d.organisation,
            file: &d.file,
            fail_on: d.fail_on,
            evaluated_on: &d.evaluated_on,
            provenance: &d.provenance,
            draft_notice: &d.draft_notice,
            notice: &d.notice,
        },
        gap_count: d.gaps.len(),
        t: Labels::new(d),
        state: states(State::label),
        symbol: states(symbol),
        severity: [Severity::High, Severity::Medium, Severity::Low]
            .iter()
            .map(|s| (s.as_str(), s.label()))
            .collect(),
        verdict: d.verdict.label(),
        counts: State::SUMMARY
            .iter()
            .map(|&s| (s.label(), d.counts.get(s)))
            .collect(),
    };
    let ctx = value(&page)?;
    drop(page);
    let env = environment("dpia.html", TEMPLATE)?;
    // Rendering the template only defines its macros (it writes nothing); the page is the macros'
    // output, piece by piece.
    let mut captured = env.get_template("dpia.html")?.render_captured(ctx)?;
    captured.with_state_mut(|state| -> Result<(), RenderError> {
        let mut call = |name: &str, args: &[Value]| -> Result<(), RenderError> {
            let html = state.call_macro(name, args)?;
            Ok(out.write_all(html.as_bytes())?)
        };
        call("head", &[])?;
        for (n, g) in d.gaps.iter().enumerate() {
            let hint = g.hint.as_deref().map(spans);
            call(
                "gap_ref",
                &[
                    value(g)?,
                    value(&spans(&g.what))?,
                    value(&hint)?,
                    Value::from(n + 1),
                ],
            )?;
        }
        call("outcome", &[])?;
        // A part's heading before the first section of each part.
        let mut shown: Option<&str> = None;
        for s in &d.sections {
            let part = s.part.as_ref().filter(|p| shown != Some(p.letter));
            if let Some(p) = part {
                shown = Some(p.letter);
            }
            call("section_head", &[head(s)?, value(&part)?])?;
            for item in &s.items {
                call("item", &[value(item)?, value(&Texts::of(item))?])?;
            }
            call("section_end", &[])?;
        }
        call("tail", &[])
    })
}

/// A section's head as a template value.
fn head(s: &Section) -> Result<Value, RenderError> {
    value(&SectionHead {
        key: &s.key,
        number: s.number,
        title: &s.title,
        asks: &s.asks,
    })
}
