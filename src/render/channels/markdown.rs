//! The list of `beeldbel channels` as Markdown, for a wiki or an annex: a one-page overview
//! (rating, edition, conditions in a line each), the changes since a previous list, then as an
//! appendix per edition the reasons, missing facts, conditions, measures, advice and every fact
//! with its source. Every string from the catalogue or the policy is escaped.

use std::io::Write;

use super::{
    change_lines, condition_default, condition_required, conditions_heading, counts_line,
    empty_line, filter_line, overview_lines, shows_conditions, shows_measures, state_label, title,
};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::common::symbol;
use crate::render::markdown::{cell, code, codes, esc, one_line, row};
use crate::results::Evidence;
use crate::results::channels::{ChannelRating, ChannelsReport, Condition, ConditionKind, Rating};

/// Writes the list as Markdown: a one-page overview (per rating, each edition with its
/// conditions, reasons or missing facts in a line each), the changes since `--previous`, then the
/// full evidence per edition as an appendix.
pub fn write(list: &ChannelsReport, w: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(w, "# {}\n", title(list))?;
    writeln!(
        w,
        "{} `{}` {} · {} {} · {}\n",
        tr("Beleid", "Policy"),
        code(&list.policy.id),
        esc(&list.policy.version),
        tr("datum", "date"),
        list.evaluated_on,
        counts_line(list)
    )?;
    if let Some(f) = filter_line(list) {
        writeln!(w, "{f}\n")?;
    }

    writeln!(w, "## {}\n", tr("Overzicht", "Overview"))?;
    if let Some(empty) = empty_line(list) {
        writeln!(w, "{}\n", esc(&empty))?;
    }
    for rating in Rating::ALL {
        let editions: Vec<&ChannelRating> = list
            .editions
            .iter()
            .filter(|e| e.rating == rating)
            .collect();
        if editions.is_empty() {
            continue;
        }
        writeln!(
            w,
            "### {} {} ({})\n",
            rating.symbol(),
            capitalised(rating.label()),
            editions.len()
        )?;
        for e in editions {
            writeln!(
                w,
                "- **{} — {}** (`{}/{}`)",
                esc(&one_line(&e.platform_name)),
                esc(&one_line(&e.edition_name)),
                code(&e.platform),
                code(&e.edition)
            )?;
            for l in overview_lines(e) {
                writeln!(w, "  - {}", esc(&one_line(&l)))?;
            }
        }
        writeln!(w)?;
    }
    writeln!(w, "{}\n", esc(&list.basis))?;

    if let Some(changes) = &list.changes {
        let c = change_lines(changes);
        writeln!(w, "## {}\n", c.heading)?;
        writeln!(w, "{}\n", esc(&c.intro))?;
        if let Some(nothing) = c.nothing {
            writeln!(w, "{nothing}\n")?;
        }
        for (heading, lines) in &c.groups {
            writeln!(w, "### {heading}\n")?;
            for l in lines {
                writeln!(w, "- {}", esc(&one_line(l)))?;
            }
            writeln!(w)?;
        }
    }

    if !list.editions.is_empty() {
        writeln!(
            w,
            "## {}\n",
            tr(
                "Bijlage: onderbouwing per editie",
                "Appendix: the evidence per edition"
            )
        )?;
        for e in &list.editions {
            edition(w, e)?;
        }
    }

    let (p, c) = (&list.policy, &list.catalogue);
    writeln!(w, "## {}\n", tr("Herkomst", "Provenance"))?;
    writeln!(
        w,
        "- {}",
        crate::render::markdown::policy_line(&p.id, &p.version, &p.origin, &p.sha256)
    )?;
    writeln!(
        w,
        "- {}",
        crate::render::markdown::catalogue_line(
            &c.origin,
            &c.sha256,
            c.oldest_fact.as_deref(),
            &c.overlays
        )
    )?;
    for line in crate::render::markdown::remote_lines(p.remote.iter().chain(&c.remote)) {
        writeln!(w, "- {line}")?;
    }
    writeln!(
        w,
        "- {} {} · {} {}\n",
        esc(&list.tool.name),
        esc(&list.tool.version),
        tr("geëvalueerd op", "evaluated on"),
        list.evaluated_on
    )?;
    writeln!(w, "---\n\n*{}*", esc(&list.notice))?;
    Ok(())
}

/// "acceptabel" → "Acceptabel".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn edition(w: &mut dyn Write, e: &ChannelRating) -> std::io::Result<()> {
    writeln!(
        w,
        "### {} {} — {}\n",
        e.rating.symbol(),
        esc(&one_line(&e.platform_name)),
        esc(&one_line(&e.edition_name))
    )?;
    writeln!(
        w,
        "**{}: {}** — {}\n",
        tr("Beoordeling", "Rating"),
        e.rating.label().to_uppercase(),
        esc(&e.summary)
    )?;
    writeln!(
        w,
        "`{}/{}` · {} · {}\n",
        code(&e.platform),
        code(&e.edition),
        esc(&e.edition_kind),
        esc(&one_line(&e.vendor))
    )?;
    if !e.reasons.is_empty() {
        writeln!(
            w,
            "#### {}\n",
            tr(
                "Niet voldaan, ook met de meest beschermende instellingen",
                "Not met, even with the most protective settings"
            )
        )?;
        for r in &e.reasons {
            writeln!(
                w,
                "- {} **{}** (`{}`, {})",
                symbol(r.state),
                esc(&one_line(&r.text)),
                code(r.requirement.as_deref().unwrap_or("status")),
                r.severity.label()
            )?;
            writeln!(
                w,
                "  - {}: {}",
                esc(&one_line(&r.title)),
                esc(&one_line(&r.message))
            )?;
            for s in &r.settings {
                writeln!(
                    w,
                    "  - {} `{}` = `{}`",
                    tr("Instelling:", "Setting:"),
                    code(&s.setting),
                    code(&s.value.to_string())
                )?;
            }
            for ev in &r.evidence {
                writeln!(w, "  - {}", fact(ev))?;
            }
        }
        writeln!(w)?;
    }
    if !e.missing_facts.is_empty() {
        writeln!(
            w,
            "#### {}\n",
            tr(
                "Ontbrekende feiten in de catalogus",
                "Facts missing from the catalogue"
            )
        )?;
        for m in &e.missing_facts {
            writeln!(
                w,
                "- {} (`{}`, {} {})",
                esc(&one_line(&m.text)),
                code(&m.attribute),
                tr("nodig voor", "needed for"),
                codes(&m.requirements)
            )?;
        }
        writeln!(w)?;
    }
    if shows_conditions(e) {
        writeln!(w, "#### {}\n", conditions_heading(e))?;
        let head = [
            tr("Instelling", "Setting"),
            tr("Standaard", "Default"),
            tr("Vereist", "Required"),
            tr("Wat te doen", "What to do"),
            tr("Eisen", "Requirements"),
        ]
        .map(str::to_string);
        let mut table = String::new();
        row(&mut table, &head);
        row(&mut table, &vec!["---".to_string(); head.len()]);
        for c in &e.conditions {
            row(
                &mut table,
                &[
                    format!("`{}`", code(&c.setting)),
                    match (&c.default, c.kind) {
                        (Some(v), ConditionKind::Setting) => format!("`{}`", code(&v.display())),
                        _ => cell(&condition_default(c)),
                    },
                    match c.kind {
                        ConditionKind::Setting => format!("`{}`", code(&c.required.display())),
                        ConditionKind::Measure => cell(&condition_required(c)),
                    },
                    cell(&instruction(c)),
                    codes(&c.requirements),
                ],
            );
        }
        writeln!(w, "{table}")?;
    }
    if shows_measures(e) {
        writeln!(
            w,
            "#### {}\n",
            tr("Aangenomen maatregelen", "Measures assumed")
        )?;
        for m in &e.measures {
            writeln!(w, "- `{}`: {}", code(&m.field), esc(&m.instruction))?;
        }
        writeln!(w)?;
    }
    if !e.advice.is_empty() {
        writeln!(
            w,
            "#### {}\n",
            tr(
                "Advies (lage ernst, telt niet mee)",
                "Advice (low severity, does not count)"
            )
        )?;
        for a in &e.advice {
            writeln!(
                w,
                "- {} `{}` {}: {}",
                state_label(a.state),
                code(&a.requirement),
                esc(&one_line(&a.title)),
                esc(&one_line(&a.message))
            )?;
        }
        writeln!(w)?;
    }
    if !e.facts.is_empty() {
        writeln!(w, "#### {}\n", tr("Feiten en bronnen", "Facts and sources"))?;
        for ev in &e.facts {
            writeln!(w, "- {}", fact(ev))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// A condition's instruction with its alternatives.
fn instruction(c: &Condition) -> String {
    let mut s = c.instruction.clone();
    for a in &c.alternatives {
        s.push_str(tr(" Of: ", " Or: "));
        s.push_str(&a.instruction);
    }
    s
}

/// A catalogue fact with its note.
fn fact(ev: &Evidence) -> String {
    format!(
        "{}{}",
        crate::render::markdown::fact(ev),
        ev.note
            .as_ref()
            .map(|n| format!(
                " — {} {}",
                tr("toelichting:", "note:"),
                esc(&one_line(n.get()))
            ))
            .unwrap_or_default()
    )
}
