//! The DPIA draft ([`crate::engine::dpia::Draft`]) as Markdown and as HTML.
//!
//! Markdown: CommonMark with GFM tables, to paste into a document or a wiki. Every string from an
//! input goes through [`super::markdown::esc`] (or `code` inside code spans), as in the check
//! report; only catalogue sources with an `https://` address become links. A gap is bold:
//! `**[in te vullen: …]** (G3)`.
//!
//! HTML: one self-contained page rendered by minijinja from `templates/dpia.html` with
//! auto-escaping, the same Content-Security-Policy as the check report, no scripts; gaps are
//! highlighted (and dashed, so they survive black-and-white printing) and linked from the list at
//! the top.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::common::symbol;
use super::html::{Span, render_page, spans};
use super::markdown::{
    catalogue_line, code, codes, esc, link_target, one_line, policy_line, row, stale,
};
use crate::engine::dpia::{Accepted, Draft, Filled, Gap, Item, Measure, Origin, Risk, Section};
use crate::i18n::tr;
use crate::model::catalogue::SourceRef;
use crate::results::{Evidence, InputValue, State};

/// The output formats of `dpia`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables: to paste into a document or a wiki
    Markdown,
    /// One self-contained page to open, edit from and print
    Html,
}

crate::choice!(Format {
    Markdown = "markdown" "CommonMark with tables: to paste into a document or a wiki",
    Html = "html" "One self-contained page to open, edit from and print",
});

/// Writes the draft in `format` into `w`.
pub fn write(
    draft: &Draft,
    format: Format,
    w: &mut dyn std::io::Write,
) -> Result<(), crate::render::RenderError> {
    let text = match format {
        Format::Markdown => markdown(draft),
        Format::Html => html(draft)?,
    };
    Ok(w.write_all(text.as_bytes())?)
}

const TEMPLATE: &str = include_str!("templates/dpia.html");

/// "[in te vullen: …]"
pub fn gap_text(what: &str) -> String {
    crate::tr!("[in te vullen: {what}]", "[to fill in: {what}]")
}

// ---------------------------------------------------------------------------------------------
// Markdown

pub fn markdown(d: &Draft) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: {}\n",
        esc(&d.title),
        esc(&one_line(&d.organisation))
    );
    let _ = writeln!(
        out,
        "**{}** {}\n",
        tr("CONCEPT — niet vastgesteld.", "DRAFT — not adopted."),
        esc(&d.draft_notice)
    );
    let _ = writeln!(
        out,
        "{}: `{}` · {} `{}` {} · {} {} · {}\n",
        tr("Organisatiebestand", "Organisation file"),
        code(&d.file),
        tr("beleid", "policy"),
        code(&d.provenance.policy_id),
        esc(&d.provenance.policy_version),
        tr("geëvalueerd op", "evaluated on"),
        d.evaluated_on,
        tr(
            "structuur: Model DPIA Rijksdienst v3.0",
            "structure: Model DPIA Rijksdienst v3.0 (Dutch central government)"
        ),
    );
    let _ = writeln!(out, "*{}*\n", esc(&d.notice));

    // The gaps first, so the draft never looks finished when it is not.
    let _ = writeln!(
        out,
        "## {} ({})\n",
        tr("Nog in te vullen", "Still to fill in"),
        d.gaps.len()
    );
    let _ = writeln!(
        out,
        "{}\n",
        tr(
            "beeldbel kon deze punten niet invullen; ze staan ook gemarkeerd in de tekst. Een concept met open punten is geen afgeronde DPIA.",
            "beeldbel could not fill in these points; they are also marked in the text. A draft with open points is not a finished DPIA.",
        )
    );
    for g in &d.gaps {
        let _ = writeln!(
            out,
            "- **{}** · {}: {}",
            g.id,
            esc(&g.section_label),
            md_spans(&g.what)
        );
    }
    out.push('\n');

    verdict(&mut out, d);

    let mut part = None;
    for s in &d.sections {
        let this = s.part.as_ref().map(|p| p.letter);
        if this != part {
            if let Some(p) = &s.part {
                let _ = writeln!(
                    out,
                    "## {} {} — {}\n",
                    tr("Deel", "Part"),
                    p.letter,
                    esc(p.title)
                );
            }
            part = this;
        }
        section(&mut out, s);
    }
    provenance(&mut out, d);
    let _ = writeln!(out, "---\n\n*{}*", esc(&d.notice));
    out
}

fn verdict(out: &mut String, d: &Draft) {
    let _ = writeln!(
        out,
        "## {}\n",
        tr("Uitkomst van de toets", "Outcome of the check")
    );
    let counts: Vec<String> = State::SUMMARY
        .iter()
        .map(|&s| format!("{} {}", d.counts.get(s), s.label()))
        .collect();
    let _ = writeln!(
        out,
        "**{}: {}** ({} {}) — {}\n",
        tr("Oordeel", "Verdict"),
        d.verdict.label().to_uppercase(),
        tr("drempel", "threshold"),
        d.fail_on.label(),
        counts.join(", ")
    );
    for line in [
        crate::tr!(
            "Risico's in § 16: {}, elk met een maatregel in § 17",
            "Risks in § 16: {}, each with a measure in § 17",
            d.risk_count
        ),
        crate::tr!(
            "Aanvaarde restrisico's (afwijkingen): {}",
            "Accepted residual risks (waivers): {}",
            d.accepted_count
        ),
        crate::tr!(
            "Maatregelen die de toets bevestigde: {}",
            "Measures the check confirmed: {}",
            d.confirmed_count
        ),
    ] {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
}

fn section(out: &mut String, s: &Section) {
    match s.number {
        Some(n) => {
            let _ = writeln!(out, "### {n}. {}\n", esc(&s.title));
        }
        None => {
            let _ = writeln!(out, "## {}\n", esc(&s.title));
        }
    }
    if s.number.is_some() {
        let _ = writeln!(
            out,
            "*{} {}*\n",
            tr("Het model vraagt:", "The model asks:"),
            esc(&s.asks)
        );
    } else {
        let _ = writeln!(out, "*{}*\n", esc(&s.asks));
    }
    // Consecutive list items form one list; anything else ends it.
    let mut in_list = false;
    for item in &s.items {
        let list_item =
            matches!(item, Item::Gap(_)) || matches!(item, Item::Filled(f) if !f.label.is_empty());
        if in_list && !list_item {
            out.push('\n');
        }
        in_list = list_item;
        match item {
            Item::Heading { text } => {
                let _ = writeln!(out, "#### {}\n", esc(&one_line(text)));
            }
            Item::Filled(f) => filled(out, f),
            Item::Gap(g) => {
                let _ = writeln!(out, "- {}", gap(g));
            }
            Item::Risk(r) => risk(out, r),
            Item::Measure(m) => measure(out, m),
            Item::Accepted(a) => accepted(out, a),
        }
    }
    if in_list {
        out.push('\n');
    }
}

/// A gap: bold, with its number.
fn gap(g: &Gap) -> String {
    format!("**{}** ({})", md_spans(&gap_text(&g.what)), g.id)
}

/// Text with `code` spans (between backticks, as the policy and the draft write field names):
/// the code parts as code spans, the rest escaped.
fn md_spans(text: &str) -> String {
    spans(&one_line(text))
        .into_iter()
        .map(|Span { code: c, text }| {
            if c {
                format!("`{}`", code(&text))
            } else {
                esc(&text)
            }
        })
        .collect()
}

/// Escaped input text that starts a list item: a leading `-`, `+`, `=` or `1.`/`1)` would be read
/// as a marker, so it gets a backslash too.
fn lead(s: &str) -> String {
    let e = esc(&one_line(s));
    let digits = e.chars().take_while(char::is_ascii_digit).count();
    if e.starts_with(['-', '+', '=']) {
        format!("\\{e}")
    } else if digits > 0 && e[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &e[..digits], &e[digits..])
    } else {
        e
    }
}

fn filled(out: &mut String, f: &Filled) {
    if f.label.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            f.values
                .iter()
                .map(|v| esc(v))
                .collect::<Vec<_>>()
                .join(" ")
        );
        return;
    }
    let origin = origin(&f.origin);
    match f.values.as_slice() {
        [one] => {
            let _ = writeln!(
                out,
                "- **{}:** {} — *{origin}*",
                esc(&one_line(&f.label)),
                esc(&one_line(one))
            );
        }
        many => {
            let _ = writeln!(out, "- **{}** — *{origin}*:", esc(&one_line(&f.label)));
            for v in many {
                let _ = writeln!(out, "  - {}", lead(v));
            }
        }
    }
    if let Some(w) = &f.warning {
        let _ = writeln!(out, "  - ⚠ {}", esc(&one_line(w)));
    }
    if let Origin::Fact {
        note: Some(note), ..
    } = &f.origin
    {
        let _ = writeln!(
            out,
            "  - {} {}",
            tr("toelichting in de catalogus:", "note in the catalogue:"),
            esc(&one_line(note))
        );
    }
}

/// Where a value came from, for the italic note after it.
fn origin(o: &Origin) -> String {
    match o {
        Origin::Org { field, line } => format!(
            "{} `{}`, {} {line}",
            tr("organisatiebestand", "organisation file"),
            code(field),
            tr("regel", "line")
        ),
        Origin::Fact {
            platform,
            edition,
            attribute,
            source: src,
            stale: is_stale,
            ..
        } => format!(
            "{} `{}/{}.{}`, {}{}",
            tr("catalogus", "catalogue"),
            code(platform),
            code(edition),
            code(attribute),
            source(src.as_deref()),
            stale(*is_stale)
        ),
        Origin::Platform { file, .. } => format!(
            "{} `{}`",
            tr("catalogus, platformbestand", "catalogue, platform file"),
            code(file)
        ),
        Origin::Check {
            requirement,
            subject,
            state,
        } => format!(
            "{} `{}` ({}): {}",
            tr("toets", "check"),
            code(requirement),
            esc(subject),
            state.label()
        ),
        Origin::Policy { id, version } => {
            format!("{} `{}` {}", tr("beleid", "policy"), code(id), esc(version))
        }
        Origin::Tool => tr("voorstel van beeldbel", "proposal by beeldbel").to_string(),
    }
}

/// The source of a catalogue fact: a link for an `https://` address, else the address as text;
/// the date it was checked.
fn source(s: Option<&SourceRef>) -> String {
    let Some(s) = s else {
        return tr("zonder bron", "unsourced").to_string();
    };
    let link = if s.url.starts_with("https://") {
        format!("[{}](<{}>)", esc(&one_line(&s.title)), link_target(&s.url))
    } else {
        format!("{} ({})", esc(&one_line(&s.title)), esc(&s.url))
    };
    format!(
        "{}: {link}, {} {}",
        tr("bron", "source"),
        tr("gecontroleerd", "checked"),
        s.checked
    )
}

fn facts_and_inputs(out: &mut String, evidence: &[Evidence], inputs: &[InputValue]) {
    for e in evidence {
        let _ = writeln!(
            out,
            "  - `{}/{}.{}` = `{}` — {}{}",
            code(&e.platform),
            code(&e.edition),
            code(&e.attribute),
            code(&e.value.to_string()),
            source(e.source.as_deref()),
            stale(e.stale)
        );
    }
    for i in inputs {
        let _ = writeln!(
            out,
            "  - `{}` = `{}` ({} {})",
            code(&i.field),
            code(&i.value.to_string()),
            tr("regel", "line"),
            i.line
        );
    }
}

fn risk(out: &mut String, r: &Risk) {
    let _ = writeln!(
        out,
        "#### {} · `{}` · {} — {}\n",
        r.id,
        code(&r.requirement),
        esc(&one_line(&r.subject_label)),
        esc(&one_line(&r.title))
    );
    let mut outcome = format!("{} {}", symbol(r.state), r.state.label());
    if let Some(u) = r.underlying_state {
        let _ = write!(
            outcome,
            " ({} {})",
            tr("zonder afwijking:", "without the waiver:"),
            u.label()
        );
    }
    let _ = write!(
        outcome,
        " — {} {}",
        tr("zwaarte", "severity"),
        r.severity.label()
    );
    if r.advice {
        outcome.push_str(tr(
            " — advies: onder de drempel, telt niet mee voor het oordeel",
            " — advice: below the threshold, does not count for the verdict",
        ));
    }
    let _ = writeln!(
        out,
        "- **{}:** {outcome}",
        tr("Uitkomst van de toets", "Outcome of the check")
    );
    if !r.explain.is_empty() {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            tr("Beschrijving van het risico", "Description of the risk"),
            md_spans(&r.explain)
        );
    }
    if matches!(r.state, State::Unknown | State::Error) {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            tr("Bevinding", "Finding"),
            md_spans(&r.finding)
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            tr("Ontbreekt", "Missing"),
            codes(&r.missing)
        );
    }
    let mut origin = if r.subject == "organisation" {
        tr("de organisatie", "the organisation").to_string()
    } else {
        format!("deployment {}", esc(&one_line(&r.subject_label)))
    };
    if let Some(l) = r.line {
        let _ = write!(
            origin,
            ", {} {l}",
            tr("organisatiebestand regel", "organisation file line")
        );
    }
    let _ = writeln!(out, "- **{}:** {origin}", tr("Oorsprong", "Origin"));
    if !r.evidence.is_empty() || !r.inputs.is_empty() {
        let _ = writeln!(
            out,
            "- **{}:**",
            tr("Wat de toets las", "What the check read")
        );
        facts_and_inputs(out, &r.evidence, &r.inputs);
    }
    if !r.references.is_empty() {
        let refs: Vec<String> = r.references.iter().map(|x| esc(x)).collect();
        let _ = writeln!(
            out,
            "- **{}:** {}",
            tr("Grondslag", "Basis"),
            refs.join("; ")
        );
    }
    if let Some(w) = &r.waiver {
        let _ = writeln!(
            out,
            "- **{}:** {} ({} {}, {} {}, {} {}){}",
            tr("Afwijking", "Waiver"),
            esc(&one_line(&w.reason)),
            tr("goedgekeurd door", "approved by"),
            esc(&one_line(&w.approved_by)),
            tr("op", "on"),
            w.approved_on,
            tr("geldig tot", "valid until"),
            w.expires,
            if w.expired {
                tr(
                    " — **⚠ VERLOPEN: de afwijking geldt niet meer**",
                    " — **⚠ EXPIRED: the waiver no longer applies**",
                )
            } else {
                ""
            }
        );
    }
    let mut measure = format!("{} (§ 17)", r.measure);
    if let Some(a) = &r.accepted {
        let expired = r.waiver.as_ref().is_some_and(|w| w.expired);
        let word = if expired {
            tr("verlopen afwijking", "expired waiver")
        } else {
            tr("restrisico", "residual risk")
        };
        let _ = write!(measure, "; {word} {a}");
    }
    let _ = writeln!(out, "- **{}:** {measure}\n", tr("Maatregel", "Measure"));

    row(
        out,
        &[
            tr("Gevolg (CNIL)", "Feared event (CNIL)").to_string(),
            tr("Voorgesteld", "Proposed").to_string(),
            tr("Kans", "Likelihood").to_string(),
            tr("Impact", "Impact").to_string(),
            tr("Risiconiveau", "Risk level").to_string(),
        ],
    );
    row(out, &vec!["---".to_string(); 5]);
    for e in &r.events {
        let dash = "—";
        row(
            out,
            &[
                e.label.to_string(),
                if e.proposed {
                    tr("ja", "yes").to_string()
                } else {
                    tr(
                        "nee — beoordeel of dit gevolg speelt",
                        "no — assess whether it applies",
                    )
                    .to_string()
                },
                e.likelihood.unwrap_or(dash).to_string(),
                e.impact.unwrap_or(dash).to_string(),
                e.level.unwrap_or(dash).to_string(),
            ],
        );
    }
    let _ = writeln!(
        out,
        "\n*{}* {}.\n",
        tr(
            "Voorstel — te beoordelen door de organisatie:",
            "Proposal — to be assessed by the organisation:"
        ),
        esc(&r.basis)
    );
    let _ = writeln!(out, "- {}\n", gap(&r.gap));
}

/// The heading of a measure or an accepted residual risk: its id, its risk and what that risk is.
fn follow_up_heading(
    out: &mut String,
    id: &str,
    risk: &str,
    requirement: &str,
    subject: &str,
    title: &str,
) {
    let _ = writeln!(
        out,
        "#### {id} → {risk} · `{}` · {} — {}\n",
        code(requirement),
        esc(&one_line(subject)),
        esc(&one_line(title))
    );
}

fn measure(out: &mut String, m: &Measure) {
    follow_up_heading(
        out,
        &m.id,
        &m.risk,
        &m.requirement,
        &m.subject_label,
        &m.title,
    );
    let _ = writeln!(
        out,
        "- **{}:** {}",
        tr("Maatregel", "Measure"),
        md_spans(&m.text)
    );
    let _ = writeln!(
        out,
        "- **{}:** {} (§ 16)",
        tr("Pakt aan", "Addresses"),
        m.risk
    );
    if let Some(a) = &m.accepted {
        let label = if m.expired {
            tr(
                "Afwijking (verlopen: restrisico niet meer aanvaard)",
                "Waiver (expired: residual risk no longer accepted)",
            )
        } else {
            tr(
                "Afwijking (restrisico aanvaard)",
                "Waiver (residual risk accepted)",
            )
        };
        let _ = writeln!(out, "- **{label}:** {a}");
    }
    let _ = writeln!(out, "- {}\n", gap(&m.gap));
}

fn accepted(out: &mut String, a: &Accepted) {
    follow_up_heading(
        out,
        &a.id,
        &a.risk,
        &a.requirement,
        &a.subject_label,
        &a.title,
    );
    if a.expired {
        let _ = writeln!(
            out,
            "**{}**\n",
            crate::tr!(
                "⚠ VERLOPEN op {}: deze afwijking geldt niet meer; het risico is niet langer aanvaard en moet opnieuw worden beoordeeld.",
                "⚠ EXPIRED on {}: this waiver no longer applies; the risk is no longer accepted and must be assessed again.",
                a.expires
            )
        );
    }
    let _ = writeln!(
        out,
        "- **{}:** {}",
        tr("Reden", "Reason"),
        esc(&one_line(&a.reason))
    );
    let _ = writeln!(
        out,
        "- **{}:** {}",
        tr("Goedgekeurd door", "Approved by"),
        esc(&one_line(&a.approved_by))
    );
    let _ = writeln!(
        out,
        "- **{}:** {}",
        tr("Goedgekeurd op", "Approved on"),
        a.approved_on
    );
    let _ = writeln!(
        out,
        "- **{}:** {}\n",
        tr("Geldig tot", "Valid until"),
        a.expires
    );
}

fn provenance(out: &mut String, d: &Draft) {
    let p = &d.provenance;
    let _ = writeln!(out, "## {}\n", tr("Herkomst", "Provenance"));
    let lines = [
        format!("{} {}", esc(&p.tool), esc(&p.tool_version)),
        policy_line(
            &p.policy_id,
            &p.policy_version,
            &p.policy_origin,
            &p.policy_sha256,
        ),
        catalogue_line(
            &p.catalogue_origin,
            &p.catalogue_sha256,
            p.oldest_fact.as_deref(),
        ),
        format!(
            "{} `{}`, SHA-256 `{}`",
            tr("Organisatiebestand", "Organisation file"),
            code(&p.file),
            p.file_sha256
        ),
        format!(
            "{} {} · {} {}",
            tr("Geëvalueerd op", "Evaluated on"),
            p.evaluated_on,
            tr("drempel", "threshold"),
            p.fail_on.label()
        ),
        format!("{}: {}", tr("Structuur", "Structure"), esc(&p.model)),
    ];
    for l in lines {
        let _ = writeln!(out, "- {l}");
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML

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

pub fn html(d: &Draft) -> Result<String, crate::render::RenderError> {
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
    render_page("dpia.html", TEMPLATE, &page)
}
