//! The DPIA draft as Markdown: CommonMark with GFM tables, to paste into a document or a wiki.
//! Every string from an input goes through [`esc`] (or [`code`] inside code spans), as in the
//! check report; only catalogue sources with an `https://` address become links. A gap is bold:
//! `**[in te vullen: …]** (G3)`.

use std::io::Write;

use super::md_items::{accepted, gap, lead, md_spans, measure, risk, source};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::markdown::{catalogue_line, code, esc, one_line, policy_line, stale};
use crate::results::State;
use crate::results::dpia::{Draft, Filled, Item, Origin, Section};

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
        let hint = g.hint.as_deref().map_or(String::new(), |h| {
            format!(
                " — *{}* {}",
                tr("in te vullen via", "to fill in via"),
                md_spans(h)
            )
        });
        writeln!(
            out,
            "- `{}` · {}: {}{hint}",
            code(&g.key),
            esc(&g.section_label),
            md_spans(&g.what)
        )?;
    }
    writeln!(out)?;
    if let Some(a) = &d.provenance.answers {
        writeln!(
            out,
            "{}\n",
            crate::tr!(
                "Beantwoord door de organisatie in `{}`: {} punt(en); die antwoorden staan in de tekst, gemarkeerd als antwoord van de organisatie.",
                "Answered by the organisation in `{}`: {} point(s); the answers are in the text, marked as the organisation's.",
                code(&a.file),
                d.answered_count
            )
        )?;
    }
    writeln!(
        out,
        "{}\n",
        tr(
            "Antwoorden bewaren: `beeldbel dpia ORGANISATIE --answers-template -o antwoorden.toml` schrijft elk open punt als invulbaar item; vul in en draai opnieuw met `--answers antwoorden.toml`.",
            "To keep answers: `beeldbel dpia ORGANISATION --answers-template -o answers.toml` writes every open point as an entry to fill in; fill it in and rerun with `--answers answers.toml`.",
        )
    )?;

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

fn provenance(out: &mut dyn Write, d: &Draft) -> Result<(), RenderError> {
    let p = &d.provenance;
    writeln!(out, "## {}\n", tr("Herkomst", "Provenance"))?;
    let mut lines = vec![
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
            &p.overlays,
        ),
        format!(
            "{} `{}`, SHA-256 `{}`",
            tr("Organisatiebestand", "Organisation file"),
            code(&p.file),
            p.file_sha256
        ),
        match &p.answers {
            Some(a) => format!(
                "{} `{}`, SHA-256 `{}`",
                tr(
                    "Antwoorden van de organisatie",
                    "Answers of the organisation"
                ),
                code(&a.file),
                a.sha256
            ),
            None => tr(
                "Antwoorden van de organisatie: geen (`--answers` niet gegeven)",
                "Answers of the organisation: none (`--answers` not given)",
            )
            .to_string(),
        },
        format!(
            "{} {} · {} {}",
            tr("Geëvalueerd op", "Evaluated on"),
            p.evaluated_on,
            tr("drempel", "threshold"),
            p.fail_on.label()
        ),
        format!("{}: {}", tr("Structuur", "Structure"), esc(&p.model)),
    ];
    lines.extend(crate::render::markdown::remote_lines(&p.remote));
    for l in lines {
        writeln!(out, "- {l}")?;
    }
    writeln!(out)?;
    Ok(())
}
