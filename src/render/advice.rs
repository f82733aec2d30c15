//! The text of `beeldbel advise`: the advice first, then why (physical contact needed), the
//! conditions, advice notes, the supporting reasons, and how peers judge the activity.

use std::io::{self, Write};

use crate::engine::advise::AdviceReport;
use crate::i18n::tr;
use crate::render::RenderError;
use crate::results::{Outcome, State};

/// The output formats of `advise`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

crate::choice!(Format { Text = "text", Json = "json" });

/// Writes the text of the advice `r` into `out`.
pub fn write(r: &AdviceReport, out: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(
        out,
        "{} {}",
        tr("Advies:", "Advice:"),
        r.label.to_uppercase()
    )?;
    let activity = r
        .appointment
        .get("activity")
        .and_then(|a| a.as_str())
        .unwrap_or("?");
    writeln!(
        out,
        "{} {activity} · {} {} · {} {}",
        tr("Activiteit:", "Activity:"),
        tr("afspraak", "appointment"),
        r.source,
        tr("datum", "date"),
        r.evaluated_on
    )?;
    let find = |id: &String| r.outcomes.iter().find(|o| &o.requirement == id);
    let section = |out: &mut dyn Write, title: &str, ids: &[String]| -> io::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{title}")?;
        for o in ids.iter().filter_map(find) {
            outcome(out, o)?;
        }
        Ok(())
    };
    section(
        out,
        tr(
            "Waarom fysiek contact nodig is",
            "Why physical contact is needed",
        ),
        &r.reasons,
    )?;
    section(
        out,
        tr(
            "Voorwaarden voor beeldbellen",
            "Conditions for video calling",
        ),
        &r.conditions,
    )?;
    section(out, tr("Aandachtspunten", "Advice"), &r.advisory)?;
    if !r.supporting.is_empty() {
        writeln!(
            out,
            "\n{}",
            tr(
                "Wat beeldbellen hier juist passend maakt (Cahier 28 §4.4.2)",
                "What makes video calling more suitable here (Cahier 28 §4.4.2)"
            )
        )?;
        for s in &r.supporting {
            writeln!(out, "  + {}", s.text)?;
        }
    }
    if let Some(p) = &r.peers {
        writeln!(
            out,
            "\n{}",
            tr(
                "Hoe arbeidsdeskundigen dit beoordelen",
                "How arbeidsdeskundigen judge this"
            )
        )?;
        writeln!(out, "  \"{}\" ({}):", p.activity_in_cahier, p.source)?;
        writeln!(
            out,
            "  {} {} % · {} {} % · {} {} % · {} {} %",
            tr(
                "nooit, fysiek contact altijd nodig",
                "never, physical contact always needed"
            ),
            p.never,
            tr("ja, onder voorwaarden", "yes, under conditions"),
            p.under_conditions,
            tr("ja", "yes"),
            p.yes,
            tr("n.v.t.", "n/a"),
            p.not_applicable
        )?;
        writeln!(
            out,
            "  {} {} %",
            tr(
                "tevreden of zeer tevreden over beeldbellen hierbij (tabel 8):",
                "satisfied or very satisfied with video calling for this (table 8):"
            ),
            p.satisfied
        )?;
    }
    let passed = crate::results::ids_in(&r.outcomes, State::Pass);
    if !passed.is_empty() {
        writeln!(
            out,
            "\n{} ({}): {}",
            tr("Geen bezwaar", "No objection"),
            passed.len(),
            passed.join(", ")
        )?;
    }
    let na = crate::results::ids_in(&r.outcomes, State::NotApplicable);
    if !na.is_empty() {
        writeln!(
            out,
            "{} ({}): {}",
            State::NotApplicable.label(),
            na.len(),
            na.join(", ")
        )?;
    }
    writeln!(
        out,
        "\n{} {} {} (sha256 {}), beeldbel {}",
        tr("Beleid", "Policy"),
        r.policy.id,
        r.policy.version,
        r.policy.sha256,
        r.tool.version
    )?;
    writeln!(out, "\n{}", r.notice)?;
    Ok(())
}

fn outcome(out: &mut dyn Write, o: &Outcome) -> io::Result<()> {
    writeln!(
        out,
        "  {} {} {}",
        super::common::symbol(o.state),
        o.requirement,
        o.title
    )?;
    if o.state == State::Unknown {
        writeln!(out, "      {}", o.message)?;
    }
    writeln!(out, "      {}", o.remediation.get().trim())?;
    if !o.references.is_empty() {
        writeln!(
            out,
            "      {} {}",
            tr("Bron:", "Source:"),
            o.references.join("; ")
        )?;
    }
    Ok(())
}
