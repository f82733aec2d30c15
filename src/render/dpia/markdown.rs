//! The DPIA draft as Markdown: CommonMark with GFM tables, to paste into a document or a wiki.
//! Every string from an input goes through [`esc`] (or [`code`] inside code spans), as in the
//! check report; only catalogue sources with an `https://` address become links. A gap is bold:
//! `**[in te vullen: …]** (G3)`.

use std::io::Write;

use super::gap_text;
use crate::i18n::tr;
use crate::model::catalogue::SourceRef;
use crate::render::RenderError;
use crate::render::common::symbol;
use crate::render::html::{Span, spans};
use crate::render::markdown::{
    catalogue_line, code, codes, esc, link_target, one_line, policy_line, row, stale,
};
use crate::results::dpia::{Accepted, Draft, Filled, Gap, Item, Measure, Origin, Risk, Section};
use crate::results::{Evidence, InputValue, State};

/// One table row (built by the check report's Markdown helper).
fn table_row(out: &mut dyn Write, cells: &[String]) -> Result<(), RenderError> {
    let mut line = String::new();
    row(&mut line, cells);
    Ok(out.write_all(line.as_bytes())?)
}

/// Writes the draft as Markdown into `out`.
pub fn write(d: &Draft, out: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(
        out,
        "# {}: {}\n",
        esc(&d.title),
        esc(&one_line(&d.organisation))
    )?;
    writeln!(
        out,
        "**{}** {}\n",
        tr("CONCEPT — niet vastgesteld.", "DRAFT — not adopted."),
        esc(&d.draft_notice)
    )?;
    writeln!(
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
    )?;
    writeln!(out, "*{}*\n", esc(&d.notice))?;

    // The gaps first, so the draft never looks finished when it is not.
    writeln!(
        out,
        "## {} ({})\n",
        tr("Nog in te vullen", "Still to fill in"),
        d.gaps.len()
    )?;
    writeln!(
        out,
        "{}\n",
        tr(
            "beeldbel kon deze punten niet invullen; ze staan ook gemarkeerd in de tekst. Een concept met open punten is geen afgeronde DPIA.",
            "beeldbel could not fill in these points; they are also marked in the text. A draft with open points is not a finished DPIA.",
        )
    )?;
    for g in &d.gaps {
        writeln!(
            out,
            "- **{}** · {}: {}",
            g.id,
            esc(&g.section_label),
            md_spans(&g.what)
        )?;
    }
    writeln!(out)?;

    verdict(out, d)?;

    let mut part = None;
    for s in &d.sections {
        let this = s.part.as_ref().map(|p| p.letter);
        if this != part {
            if let Some(p) = &s.part {
                writeln!(
                    out,
                    "## {} {} — {}\n",
                    tr("Deel", "Part"),
                    p.letter,
                    esc(p.title)
                )?;
            }
            part = this;
        }
        section(out, s)?;
    }
    provenance(out, d)?;
    writeln!(out, "---\n\n*{}*", esc(&d.notice))?;
    Ok(())
}

fn verdict(out: &mut dyn Write, d: &Draft) -> Result<(), RenderError> {
    writeln!(
        out,
        "## {}\n",
        tr("Uitkomst van de toets", "Outcome of the check")
    )?;
    let counts: Vec<String> = State::SUMMARY
        .iter()
        .map(|&s| format!("{} {}", d.counts.get(s), s.label()))
        .collect();
    writeln!(
        out,
        "**{}: {}** ({} {}) — {}\n",
        tr("Oordeel", "Verdict"),
        d.verdict.label().to_uppercase(),
        tr("drempel", "threshold"),
        d.fail_on.label(),
        counts.join(", ")
    )?;
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
        writeln!(out, "- {line}")?;
    }
    writeln!(out)?;
    Ok(())
}

fn section(out: &mut dyn Write, s: &Section) -> Result<(), RenderError> {
    match s.number {
        Some(n) => {
            writeln!(out, "### {n}. {}\n", esc(&s.title))?;
        }
        None => {
            writeln!(out, "## {}\n", esc(&s.title))?;
        }
    }
    if s.number.is_some() {
        writeln!(
            out,
            "*{} {}*\n",
            tr("Het model vraagt:", "The model asks:"),
            esc(&s.asks)
        )?;
    } else {
        writeln!(out, "*{}*\n", esc(&s.asks))?;
    }
    // Consecutive list items form one list; anything else ends it.
    let mut in_list = false;
    for item in &s.items {
        let list_item =
            matches!(item, Item::Gap(_)) || matches!(item, Item::Filled(f) if !f.label.is_empty());
        if in_list && !list_item {
            writeln!(out)?;
        }
        in_list = list_item;
        match item {
            Item::Heading { text } => {
                writeln!(out, "#### {}\n", esc(&one_line(text)))?;
            }
            Item::Filled(f) => filled(out, f)?,
            Item::Gap(g) => {
                writeln!(out, "- {}", gap(g))?;
            }
            Item::Risk(r) => risk(out, r)?,
            Item::Measure(m) => measure(out, m)?,
            Item::Accepted(a) => accepted(out, a)?,
        }
    }
    if in_list {
        writeln!(out)?;
    }
    Ok(())
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

fn filled(out: &mut dyn Write, f: &Filled) -> Result<(), RenderError> {
    if f.label.is_empty() {
        writeln!(
            out,
            "{}\n",
            f.values
                .iter()
                .map(|v| esc(v))
                .collect::<Vec<_>>()
                .join(" ")
        )?;
        return Ok(());
    }
    let origin = origin(&f.origin);
    match f.values.as_slice() {
        [one] => {
            writeln!(
                out,
                "- **{}:** {} — *{origin}*",
                esc(&one_line(&f.label)),
                esc(&one_line(one))
            )?;
        }
        many => {
            writeln!(out, "- **{}** — *{origin}*:", esc(&one_line(&f.label)))?;
            for v in many {
                writeln!(out, "  - {}", lead(v))?;
            }
        }
    }
    if let Some(w) = &f.warning {
        writeln!(out, "  - ⚠ {}", esc(&one_line(w)))?;
    }
    if let Origin::Fact {
        note: Some(note), ..
    } = &f.origin
    {
        writeln!(
            out,
            "  - {} {}",
            tr("toelichting in de catalogus:", "note in the catalogue:"),
            esc(&one_line(note))
        )?;
    }
    Ok(())
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

fn facts_and_inputs(
    out: &mut dyn Write,
    evidence: &[Evidence],
    inputs: &[InputValue],
) -> Result<(), RenderError> {
    for e in evidence {
        writeln!(
            out,
            "  - `{}/{}.{}` = `{}` — {}{}",
            code(&e.platform),
            code(&e.edition),
            code(&e.attribute),
            code(&e.value.to_string()),
            source(e.source.as_deref()),
            stale(e.stale)
        )?;
    }
    for i in inputs {
        writeln!(
            out,
            "  - `{}` = `{}` ({} {})",
            code(&i.field),
            code(&i.value.to_string()),
            tr("regel", "line"),
            i.line
        )?;
    }
    Ok(())
}

fn risk(out: &mut dyn Write, r: &Risk) -> Result<(), RenderError> {
    writeln!(
        out,
        "#### {} · `{}` · {} — {}\n",
        r.id,
        code(&r.requirement),
        esc(&one_line(&r.subject_label)),
        esc(&one_line(&r.title))
    )?;
    let mut outcome = format!("{} {}", symbol(r.state), r.state.label());
    if let Some(u) = r.underlying_state {
        outcome.push_str(&format!(
            " ({} {})",
            tr("zonder afwijking:", "without the waiver:"),
            u.label()
        ));
    }
    outcome.push_str(&format!(
        " — {} {}",
        tr("zwaarte", "severity"),
        r.severity.label()
    ));
    if r.advice {
        outcome.push_str(tr(
            " — advies: onder de drempel, telt niet mee voor het oordeel",
            " — advice: below the threshold, does not count for the verdict",
        ));
    }
    writeln!(
        out,
        "- **{}:** {outcome}",
        tr("Uitkomst van de toets", "Outcome of the check")
    )?;
    if !r.explain.is_empty() {
        writeln!(
            out,
            "- **{}:** {}",
            tr("Beschrijving van het risico", "Description of the risk"),
            md_spans(&r.explain)
        )?;
    }
    if matches!(r.state, State::Unknown | State::Error) {
        writeln!(
            out,
            "- **{}:** {}",
            tr("Bevinding", "Finding"),
            md_spans(&r.finding)
        )?;
    }
    if !r.missing.is_empty() {
        writeln!(
            out,
            "- **{}:** {}",
            tr("Ontbreekt", "Missing"),
            codes(&r.missing)
        )?;
    }
    let mut origin = if r.subject == "organisation" {
        tr("de organisatie", "the organisation").to_string()
    } else {
        format!("deployment {}", esc(&one_line(&r.subject_label)))
    };
    if let Some(l) = r.line {
        origin.push_str(&format!(
            ", {} {l}",
            tr("organisatiebestand regel", "organisation file line")
        ));
    }
    writeln!(out, "- **{}:** {origin}", tr("Oorsprong", "Origin"))?;
    if !r.evidence.is_empty() || !r.inputs.is_empty() {
        writeln!(
            out,
            "- **{}:**",
            tr("Wat de toets las", "What the check read")
        )?;
        facts_and_inputs(out, &r.evidence, &r.inputs)?;
    }
    if !r.references.is_empty() {
        let refs: Vec<String> = r.references.iter().map(|x| esc(x)).collect();
        writeln!(
            out,
            "- **{}:** {}",
            tr("Grondslag", "Basis"),
            refs.join("; ")
        )?;
    }
    if let Some(w) = &r.waiver {
        writeln!(
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
        )?;
    }
    let mut measure = format!("{} (§ 17)", r.measure);
    if let Some(a) = &r.accepted {
        let expired = r.waiver.as_ref().is_some_and(|w| w.expired);
        let word = if expired {
            tr("verlopen afwijking", "expired waiver")
        } else {
            tr("restrisico", "residual risk")
        };
        measure.push_str(&format!("; {word} {a}"));
    }
    writeln!(out, "- **{}:** {measure}\n", tr("Maatregel", "Measure"))?;

    table_row(
        out,
        &[
            tr("Gevolg (CNIL)", "Feared event (CNIL)").to_string(),
            tr("Voorgesteld", "Proposed").to_string(),
            tr("Kans", "Likelihood").to_string(),
            tr("Impact", "Impact").to_string(),
            tr("Risiconiveau", "Risk level").to_string(),
        ],
    )?;
    table_row(out, &vec!["---".to_string(); 5])?;
    for e in &r.events {
        let dash = "—";
        table_row(
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
        )?;
    }
    writeln!(
        out,
        "\n*{}* {}.\n",
        tr(
            "Voorstel — te beoordelen door de organisatie:",
            "Proposal — to be assessed by the organisation:"
        ),
        esc(&r.basis)
    )?;
    writeln!(out, "- {}\n", gap(&r.gap))?;
    Ok(())
}

/// The heading of a measure or an accepted residual risk: its id, its risk and what that risk is.
fn follow_up_heading(
    out: &mut dyn Write,
    id: &str,
    risk: &str,
    requirement: &str,
    subject: &str,
    title: &str,
) -> Result<(), RenderError> {
    writeln!(
        out,
        "#### {id} → {risk} · `{}` · {} — {}\n",
        code(requirement),
        esc(&one_line(subject)),
        esc(&one_line(title))
    )?;
    Ok(())
}

fn measure(out: &mut dyn Write, m: &Measure) -> Result<(), RenderError> {
    follow_up_heading(
        out,
        &m.id,
        &m.risk,
        &m.requirement,
        &m.subject_label,
        &m.title,
    )?;
    writeln!(
        out,
        "- **{}:** {}",
        tr("Maatregel", "Measure"),
        md_spans(&m.text)
    )?;
    writeln!(
        out,
        "- **{}:** {} (§ 16)",
        tr("Pakt aan", "Addresses"),
        m.risk
    )?;
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
        writeln!(out, "- **{label}:** {a}")?;
    }
    writeln!(out, "- {}\n", gap(&m.gap))?;
    Ok(())
}

fn accepted(out: &mut dyn Write, a: &Accepted) -> Result<(), RenderError> {
    follow_up_heading(
        out,
        &a.id,
        &a.risk,
        &a.requirement,
        &a.subject_label,
        &a.title,
    )?;
    if a.expired {
        writeln!(
            out,
            "**{}**\n",
            crate::tr!(
                "⚠ VERLOPEN op {}: deze afwijking geldt niet meer; het risico is niet langer aanvaard en moet opnieuw worden beoordeeld.",
                "⚠ EXPIRED on {}: this waiver no longer applies; the risk is no longer accepted and must be assessed again.",
                a.expires
            )
        )?;
    }
    writeln!(
        out,
        "- **{}:** {}",
        tr("Reden", "Reason"),
        esc(&one_line(&a.reason))
    )?;
    writeln!(
        out,
        "- **{}:** {}",
        tr("Goedgekeurd door", "Approved by"),
        esc(&one_line(&a.approved_by))
    )?;
    writeln!(
        out,
        "- **{}:** {}",
        tr("Goedgekeurd op", "Approved on"),
        a.approved_on
    )?;
    writeln!(
        out,
        "- **{}:** {}\n",
        tr("Geldig tot", "Valid until"),
        a.expires
    )?;
    Ok(())
}

fn provenance(out: &mut dyn Write, d: &Draft) -> Result<(), RenderError> {
    let p = &d.provenance;
    writeln!(out, "## {}\n", tr("Herkomst", "Provenance"))?;
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
        writeln!(out, "- {l}")?;
    }
    writeln!(out)?;
    Ok(())
}
