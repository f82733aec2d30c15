//! The Markdown of the DPIA's § 16 and § 17 items — risks with their CNIL events, measures,
//! accepted residual risks — and the pieces the rest of the draft shares with them: a gap, text
//! with `code` spans, the source of a catalogue fact.

use std::io::Write;

use super::gap_text;
use crate::i18n::tr;
use crate::model::catalogue::SourceRef;
use crate::render::RenderError;
use crate::render::common::symbol;
use crate::render::html::{Span, spans};
use crate::render::markdown::{code, codes, esc, link_target, one_line, row, stale};
use crate::results::dpia::{Accepted, Answer, Gap, Measure, Risk};
use crate::results::{Evidence, InputValue, State};

/// One table row (built by the check report's Markdown helper).
fn table_row(out: &mut dyn Write, cells: &[String]) -> Result<(), RenderError> {
    let mut line = String::new();
    row(&mut line, cells);
    Ok(out.write_all(line.as_bytes())?)
}

/// A gap: bold, with its stable key; or, answered, the organisation's answer as a block quote
/// under what was asked, marked as the organisation's with the file and line it came from. The
/// answer is untrusted text: every line is escaped, and nothing in it can start Markdown
/// structure (a heading, a list, a code block).
pub(super) fn gap(g: &Gap) -> String {
    match &g.answer {
        None => format!("**{}** (`{}`)", md_spans(&gap_text(&g.what)), code(&g.key)),
        Some(a) => {
            let mut s = format!(
                "*{}* (`{}`) — {}:\n\n",
                md_spans(&g.what),
                code(&g.key),
                answer_origin(a)
            );
            // Each line of the answer stays a line: a hard break (`\`) when the next line
            // continues the paragraph.
            let lines: Vec<&str> = a.text.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                if line.is_empty() {
                    s.push_str("  >\n");
                    continue;
                }
                let more = lines.get(i + 1).is_some_and(|next| !next.is_empty());
                s.push_str(&format!(
                    "  > {}{}\n",
                    lead(line),
                    if more { "\\" } else { "" }
                ));
            }
            s
        }
    }
}

/// "antwoord van de organisatie, `answers.toml` regel 12".
pub(super) fn answer_origin(a: &Answer) -> String {
    format!(
        "{}, `{}` {} {}",
        tr("antwoord van de organisatie", "answer of the organisation"),
        code(&a.file),
        tr("regel", "line"),
        a.line
    )
}

/// Escaped input text that starts a line: a leading `-`, `+`, `=` or `1.`/`1)` would be read as a
/// marker, so it gets a backslash too.
pub(super) fn lead(s: &str) -> String {
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

/// Text with `code` spans (between backticks, as the policy and the draft write field names):
/// the code parts as code spans, the rest escaped.
pub(super) fn md_spans(text: &str) -> String {
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

/// The source of a catalogue fact: a link for an `https://` address, else the address as text;
/// the date it was checked.
pub(super) fn source(s: Option<&SourceRef>) -> String {
    let Some(s) = s else {
        return tr("zonder bron", "unsourced").to_string();
    };
    let link = match (s.link(), s.kind) {
        (Some(url), crate::model::catalogue::SourceKind::Web) => {
            format!("[{}](<{}>)", esc(&one_line(&s.title)), link_target(url))
        }
        (Some(url), _) => format!(
            "[{}](<{}>) ({})",
            esc(&one_line(&s.title)),
            link_target(url),
            esc(&one_line(&s.citation()))
        ),
        (None, _) => format!(
            "{} ({})",
            esc(&one_line(&s.title)),
            esc(&one_line(&s.locator()))
        ),
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
    evidence: &[std::sync::Arc<Evidence>],
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

pub(super) fn risk(out: &mut dyn Write, r: &Risk) -> Result<(), RenderError> {
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

pub(super) fn measure(out: &mut dyn Write, m: &Measure) -> Result<(), RenderError> {
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

pub(super) fn accepted(out: &mut dyn Write, a: &Accepted) -> Result<(), RenderError> {
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
