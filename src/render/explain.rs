//! `beeldbel explain` and `beeldbel platforms`: a requirement, a platform, the catalogue table.

use std::io::Write;

use chrono::NaiveDate;

use crate::i18n::tr;
use crate::model::catalogue::{Catalogue, Edition, Platform};
use crate::model::policy::Requirement;
use crate::render::RenderError;

/// A requirement: titles, scope, severity, references, the checks, explanation and remedy.
pub fn requirement(r: &Requirement, s: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(s, "{} — {}", r.id, r.title.get())?;
    writeln!(
        s,
        "{} {} · {} {}",
        tr("scope:", "scope:"),
        r.scope.as_str(),
        tr("ernst:", "severity:"),
        r.severity.label()
    )?;
    writeln!(s, "\n{}\n  {}", tr("Waarom", "Why"), r.explain.get().trim())?;
    writeln!(
        s,
        "\n{}\n  {}",
        tr(
            "Wat te doen als het niet voldoet",
            "What to do when it fails"
        ),
        r.remediation.get().trim()
    )?;
    writeln!(s, "\n{}", tr("Grondslag", "Basis"))?;
    for reference in r.references.iter() {
        writeln!(s, "  - {reference}")?;
    }
    if let Some(a) = &r.applies_if {
        writeln!(
            s,
            "\n{}\n  {}",
            tr("Geldt als (CEL)", "Applies if (CEL)"),
            a.source.trim()
        )?;
    }
    writeln!(
        s,
        "\n{}\n  {}",
        tr("Toets (CEL)", "Check (CEL)"),
        r.check.source.trim()
    )?;
    Ok(())
}

/// A platform: per edition every attribute with its source title, URL and date.
pub fn platform(
    p: &Platform,
    max_age_days: i64,
    today: NaiveDate,
    s: &mut dyn Write,
) -> Result<(), RenderError> {
    writeln!(s, "{} — {} ({})", p.id, p.name.get(), p.vendor.get())?;
    writeln!(s, "{} {}", tr("bestand:", "file:"), p.file_name)?;
    for e in &p.editions {
        writeln!(
            s,
            "\n{} {} — {} ({})",
            tr("Editie", "Edition"),
            e.id,
            e.name,
            e.kind
        )?;
        if e.facts.is_empty() {
            writeln!(
                s,
                "  {}",
                tr(
                    "geen geverifieerde feiten: alle toetsen zijn onbekend",
                    "no verified facts: every check is unknown"
                )
            )?;
        }
        for f in e.facts.values() {
            writeln!(s, "  {} = {}", f.name, f.value.display())?;
            if let Some(note) = &f.note {
                writeln!(s, "      {} {note}", tr("toelichting:", "note:"))?;
            }
            match &f.source {
                Some(src) => {
                    let stale = src.is_stale(today, max_age_days);
                    writeln!(
                        s,
                        "      {} {} — {} ({} {}){}",
                        tr("bron:", "source:"),
                        src.title,
                        src.locator(),
                        tr("gecontroleerd", "checked"),
                        src.checked,
                        if stale {
                            tr(" — VEROUDERD", " — STALE")
                        } else {
                            ""
                        }
                    )?;
                }
                None => {
                    writeln!(s, "      {}", tr("zonder bron", "unsourced"))?;
                }
            }
        }
    }
    Ok(())
}

fn fact(e: &Edition, name: &str) -> String {
    e.facts
        .get(name)
        .map_or_else(|| "?".to_string(), |f| f.value.display())
}

/// `platforms --stale`: every fact whose source was checked longer ago than `max_age_days`
/// before `today`, per platform/edition, with its age and source; the count first.
pub fn stale_facts(
    c: &Catalogue,
    today: NaiveDate,
    max_age_days: i64,
    w: &mut dyn Write,
) -> Result<(), RenderError> {
    let stale: Vec<_> = c
        .platforms
        .iter()
        .flat_map(|p| p.editions.iter().map(move |e| (p, e)))
        .flat_map(|(p, e)| e.facts.values().map(move |f| (p, e, f)))
        .filter_map(|(p, e, f)| {
            f.source
                .as_ref()
                .filter(|s| s.is_stale(today, max_age_days))
                .map(|s| (p, e, f, s))
        })
        .collect();
    let count = stale.len();
    if count == 0 {
        writeln!(
            w,
            "{}",
            crate::tr!(
                "geen verouderde feiten: alle bronnen zijn in de laatste {max_age_days} dagen gecontroleerd (datum {today})",
                "no stale facts: every source was checked in the last {max_age_days} days (date {today})"
            )
        )?;
    } else {
        writeln!(
            w,
            "{}",
            crate::tr!(
                "{count} feit(en) ouder dan {max_age_days} dagen (datum {today}); lees de bron opnieuw en werk `checked` bij, of verwijder het feit",
                "{count} fact(s) older than {max_age_days} days (date {today}); re-read the source and update `checked`, or remove the fact"
            )
        )?;
    }
    for (p, e, f, s) in stale {
        writeln!(
            w,
            "{}/{}  {}  {} {} ({} {}) — {}: {} ({})",
            p.id,
            e.id,
            f.name,
            (today - s.checked).num_days(),
            tr("dagen oud", "days old"),
            tr("gecontroleerd", "checked"),
            s.checked,
            tr("bron", "source"),
            s.title,
            s.locator()
        )?;
    }
    Ok(())
}

/// The catalogue as a table: platform, edition, vendor country, processor agreement, E2EE, EU
/// residency, ISO/IEC 27001 and NEN 7510 certificates. `?` means not verified.
pub fn catalogue_table(c: &Catalogue, s: &mut dyn Write) -> Result<(), RenderError> {
    let header = [
        tr("platform", "platform"),
        tr("editie", "edition"),
        tr("soort", "kind"),
        tr("land", "country"),
        tr("verwerkersovk.", "DPA"),
        "E2EE",
        tr("EU-opslag", "EU residency"),
        "ISO 27001",
        "NEN 7510",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for p in &c.platforms {
        for e in &p.editions {
            rows.push(vec![
                p.id.clone(),
                e.id.clone(),
                e.kind.clone(),
                fact(e, "vendor_country"),
                fact(e, "processor_agreement"),
                fact(e, "e2ee"),
                fact(e, "eu_data_residency"),
                fact(e, "cert_iso27001"),
                fact(e, "cert_nen7510"),
            ]);
        }
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for (n, r) in rows.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        writeln!(s, "{}", line.join("  ").trim_end())?;
        if n == 0 {
            writeln!(
                s,
                "{}",
                widths
                    .iter()
                    .map(|w| "─".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  ")
            )?;
        }
    }
    writeln!(
        s,
        "\n{}",
        tr(
            "? = niet geverifieerd (de toets meldt dan 'onbekend')",
            "? = not verified (the check then reports 'unknown')"
        )
    )?;
    Ok(())
}
