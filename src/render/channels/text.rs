//! The list of `beeldbel channels` as text for a terminal: a table of every edition, then per
//! edition why it got its rating, the reasons, missing facts, conditions, measures and advice.

use std::io::Write;

use super::{
    change_lines, condition_default, condition_required, conditions_heading, counts_line,
    empty_line, filter_line, overview_conditions, short_condition, shows_conditions,
    shows_measures, title,
};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::common::{symbol, without_controls as clean};
use crate::results::Evidence;
use crate::results::channels::{ChannelRating, ChannelsReport};

/// Writes the list for a terminal.
pub fn write(list: &ChannelsReport, w: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(w, "{}", title(list))?;
    writeln!(
        w,
        "{} {} {} · {} {}",
        tr("Beleid", "Policy"),
        clean(&list.policy.id),
        clean(&list.policy.version),
        tr("datum", "date"),
        list.evaluated_on
    )?;
    writeln!(w, "{}", counts_line(list))?;
    if let Some(f) = filter_line(list) {
        writeln!(w, "{f}")?;
    }
    writeln!(w)?;

    // The table: one line per edition.
    let rows: Vec<[String; 4]> = list
        .editions
        .iter()
        .map(|e| {
            [
                format!("{} {}", e.rating.symbol(), e.rating.label()),
                clean(&format!("{}/{}", e.platform, e.edition)),
                clean(&e.edition_kind),
                clean(&format!("{} — {}", e.platform_name, e.edition_name)),
            ]
        })
        .collect();
    let head = [
        format!("  {}", tr("beoordeling", "rating")),
        tr("platform/editie", "platform/edition").to_string(),
        tr("soort", "kind").to_string(),
        tr("naam", "name").to_string(),
    ];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([head[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let line = |r: &[String; 4]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )
        .trim_end()
        .to_string()
    };
    if let Some(empty) = empty_line(list) {
        writeln!(w, "{empty}")?;
    } else {
        writeln!(w, "{}", line(&head))?;
        // Under each edition's name, its conditions: one a line.
        let indent = " ".repeat(widths[0] + widths[1] + widths[2] + 6);
        for (r, e) in rows.iter().zip(&list.editions) {
            writeln!(w, "{}", line(r))?;
            if overview_conditions(e) {
                for c in &e.conditions {
                    writeln!(w, "{indent}→ {}", clean(&short_condition(c)))?;
                }
            }
        }
    }
    if let Some(changes) = &list.changes {
        let c = change_lines(changes);
        writeln!(w)?;
        writeln!(w, "{}", c.heading)?;
        writeln!(w, "  {}", clean(&c.intro))?;
        if let Some(nothing) = c.nothing {
            writeln!(w, "  {nothing}")?;
        }
        for (heading, lines) in &c.groups {
            writeln!(w, "  {heading}:")?;
            for l in lines {
                writeln!(w, "    - {}", clean(l))?;
            }
        }
    }

    for e in &list.editions {
        edition(w, e)?;
    }

    writeln!(w)?;
    writeln!(w, "{}", tr("Aannames", "Assumptions"))?;
    writeln!(w, "  {}", list.basis)?;
    writeln!(w)?;
    writeln!(w, "{}", tr("Herkomst", "Provenance"))?;
    writeln!(w, "  {}", crate::render::text::policy_line(&list.policy))?;
    writeln!(
        w,
        "  {}",
        crate::render::text::catalogue_line(&list.catalogue)
    )?;
    for line in crate::render::text::remote_lines(&list.policy, &list.catalogue) {
        writeln!(w, "  {line}")?;
    }
    writeln!(
        w,
        "  {} {} · {} {}",
        list.tool.name,
        list.tool.version,
        tr("geëvalueerd op", "evaluated on"),
        list.evaluated_on
    )?;
    writeln!(w)?;
    writeln!(w, "{}", list.notice)?;
    Ok(())
}

fn edition(w: &mut dyn Write, e: &ChannelRating) -> std::io::Result<()> {
    writeln!(w)?;
    writeln!(
        w,
        "{} {} — {}: {}",
        e.rating.symbol(),
        e.rating.label().to_uppercase(),
        clean(&e.platform_name),
        clean(&e.edition_name)
    )?;
    writeln!(
        w,
        "  {}/{} · {} · {}",
        clean(&e.platform),
        clean(&e.edition),
        clean(&e.edition_kind),
        clean(&e.vendor)
    )?;
    writeln!(w, "  {} {}", tr("Waarom:", "Why:"), e.summary)?;

    if !e.reasons.is_empty() {
        writeln!(
            w,
            "  {}",
            tr(
                "Niet voldaan, ook met de meest beschermende instellingen:",
                "Not met, even with the most protective settings:"
            )
        )?;
        for r in &e.reasons {
            writeln!(
                w,
                "    {} {} ({}): {}",
                symbol(r.state),
                r.requirement.as_deref().unwrap_or("status"),
                r.severity.label(),
                clean(&r.text)
            )?;
            writeln!(w, "        {}: {}", clean(&r.title), clean(&r.message))?;
            for s in &r.settings {
                writeln!(
                    w,
                    "        {} {} = {}",
                    tr("instelling", "setting"),
                    s.setting,
                    clean(&s.value.to_string())
                )?;
            }
            for ev in &r.evidence {
                fact(w, ev, "        ")?;
            }
        }
    }
    if !e.missing_facts.is_empty() {
        writeln!(
            w,
            "  {}",
            tr(
                "Ontbrekende feiten in de catalogus (de eisen erachter zijn onbekend):",
                "Facts missing from the catalogue (the requirements behind them are unknown):"
            )
        )?;
        for m in &e.missing_facts {
            writeln!(
                w,
                "    - {} ({}; {})",
                clean(&m.text),
                clean(&m.attribute),
                m.requirements.join(", ")
            )?;
        }
    }
    if shows_conditions(e) {
        writeln!(w, "  {}:", conditions_heading(e))?;
        for c in &e.conditions {
            writeln!(
                w,
                "    - {}: {} → {} ({})",
                c.setting,
                clean(&condition_default(c)),
                clean(&condition_required(c)),
                c.requirements.join(", ")
            )?;
            writeln!(w, "        {}", c.instruction)?;
            for a in &c.alternatives {
                writeln!(w, "        {} {}", tr("of:", "or:"), a.instruction)?;
            }
        }
    }
    if shows_measures(e) {
        writeln!(
            w,
            "  {}",
            tr(
                "Aangenomen maatregelen van de organisatie:",
                "Organisation measures assumed:"
            )
        )?;
        for m in &e.measures {
            writeln!(w, "    - {}: {}", m.field, m.instruction)?;
        }
    }
    if !e.advice.is_empty() {
        writeln!(
            w,
            "  {}",
            tr(
                "Advies (lage ernst, telt niet mee voor de beoordeling):",
                "Advice (low severity, does not count for the rating):"
            )
        )?;
        for a in &e.advice {
            writeln!(
                w,
                "    {} {} {}: {}",
                symbol(a.state),
                a.requirement,
                clean(&a.title),
                clean(&a.message)
            )?;
        }
    }
    Ok(())
}

fn fact(w: &mut dyn Write, ev: &Evidence, indent: &str) -> std::io::Result<()> {
    writeln!(
        w,
        "{indent}{} = {}{}",
        clean(&ev.attribute),
        clean(&ev.value.to_string()),
        crate::render::text::stale(ev.stale)
    )?;
    match &ev.source {
        Some(s) => {
            writeln!(
                w,
                "{indent}  {} {} — {} ({} {})",
                tr("bron:", "source:"),
                clean(&s.title),
                clean(&s.locator()),
                tr("gecontroleerd", "checked"),
                s.checked
            )?;
        }
        None => {
            writeln!(w, "{indent}  {}", tr("zonder bron", "unsourced"))?;
        }
    }
    if let Some(note) = &ev.note {
        writeln!(
            w,
            "{indent}  {} {}",
            tr("toelichting:", "note:"),
            clean(note.get())
        )?;
    }
    Ok(())
}
