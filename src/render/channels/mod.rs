//! The list of `beeldbel channels` in every format: text for a terminal ([`text`]), JSON (the
//! list as it is), Markdown for a wiki or an annex ([`markdown`]), and HTML fit to publish as the
//! register's list ([`html`], `templates/channels.html`). All render from [`ChannelsReport`]
//! (`crate::results::channels`), in its order, into a writer; a failed write is an error, never a
//! shortened list.
//!
//! Every string from the catalogue or the policy is treated as text: control characters are
//! neutralised in text, Markdown escapes markup (`render::markdown::esc`), HTML is auto-escaped
//! by minijinja and the page is locked down by a Content-Security-Policy.

mod html;
mod markdown;
mod text;

use std::io::Write;

use crate::i18n::tr;
use crate::render::RenderError;
use crate::results::State;
use crate::results::channels::{
    Changes, ChannelRating, ChannelsReport, Condition, ConditionKind, Rating, Value,
};

/// The output formats of `channels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

crate::choice!(Format { Text = "text", Json = "json", Markdown = "markdown", Html = "html" });

/// Writes the list in `format` into `w`.
pub fn write(list: &ChannelsReport, format: Format, w: &mut dyn Write) -> Result<(), RenderError> {
    match format {
        Format::Text => text::write(list, w),
        Format::Json => json(list, w),
        Format::Markdown => markdown::write(list, w),
        Format::Html => html::write(list, w),
    }
}

/// The list as JSON (pretty, with a final line break). A failed write is an output error (a
/// full disk, a closed pipe), not a serialisation bug.
fn json(list: &ChannelsReport, w: &mut dyn Write) -> Result<(), RenderError> {
    serde_json::to_writer_pretty(&mut *w, list).map_err(|e| {
        if e.is_io() {
            RenderError::Io(e.into())
        } else {
            RenderError::Json(e)
        }
    })?;
    Ok(w.write_all(b"\n")?)
}

/// The title: what the list holds.
fn title(list: &ChannelsReport) -> &'static str {
    match list.only {
        None => tr(
            "Kanalen voor beeldbellen: beoordeling per editie",
            "Channels for video calling: every edition rated",
        ),
        Some(Rating::Acceptable) => tr(
            "Kanalen voor beeldbellen: acceptabele kanalen",
            "Channels for video calling: acceptable channels",
        ),
        Some(_) => tr(
            "Kanalen voor beeldbellen: in beginsel acceptabele kanalen",
            "Channels for video calling: channels acceptable in principle",
        ),
    }
}

/// When the list holds no edition: says so plainly, instead of an empty table.
fn empty_line(list: &ChannelsReport) -> Option<String> {
    if !list.editions.is_empty() {
        return None;
    }
    let total: usize = Rating::ALL.iter().map(|&r| list.counts.get(r)).sum();
    Some(match list.only {
        None => tr(
            "De catalogus bevat geen edities.",
            "The catalogue holds no editions.",
        )
        .to_string(),
        Some(Rating::Acceptable) => crate::tr!(
            "Geen enkele editie is acceptabel: van de {total} beoordeelde edities voldoet er geen aan alle eisen met de instellingen waarmee zij wordt geleverd. De lijst zonder `--only` zegt per editie waarom.",
            "No edition is acceptable: of the {total} editions rated, none meets every requirement with the settings it ships with. The list without `--only` says why for each edition."
        ),
        Some(_) => crate::tr!(
            "Geen enkele editie is acceptabel of acceptabel onder voorwaarden: van de {total} beoordeelde edities voldoet er geen aan alle eisen, ook niet met de meest beschermende instellingen en maatregelen. De lijst zonder `--only` zegt per editie waarom.",
            "No edition is acceptable or acceptable with conditions: of the {total} editions rated, none meets every requirement, even with the most protective settings and measures. The list without `--only` says why for each edition."
        ),
    })
}

/// A condition in a few words, with its alternatives ("… of …").
fn short_condition(c: &Condition) -> String {
    let mut s = c.short.clone();
    for a in &c.alternatives {
        s.push_str(tr(" of ", " or "));
        s.push_str(&a.short);
    }
    s
}

/// The most lines an edition gets in the overview before "and n more".
const OVERVIEW_LINES: usize = 4;

/// The overview's lines for one edition, as plain text: its conditions (a setting or measure
/// each), why it is not acceptable, or what is not known.
fn overview_lines(e: &ChannelRating) -> Vec<String> {
    let mut lines: Vec<String> = match e.rating {
        _ if overview_conditions(e) => e.conditions.iter().map(short_condition).collect(),
        Rating::NotAcceptable => {
            let mut texts: Vec<String> = Vec::new();
            let mut facts_shown: Vec<&str> = Vec::new();
            for r in &e.reasons {
                // A reason that follows from the others, or rests on the facts of one shown
                // already (no processor agreement: PLAT-VWO-01 and AVG-VWO-01), repeats them.
                let repeats = !r.follows_from.is_empty()
                    || (!r.evidence.is_empty()
                        && r.evidence
                            .iter()
                            .all(|ev| facts_shown.contains(&ev.attribute.as_str())));
                facts_shown.extend(r.evidence.iter().map(|ev| ev.attribute.as_str()));
                if !repeats && !texts.iter().any(|t| t.starts_with(&r.text)) {
                    texts.push(format!(
                        "{} ({})",
                        r.text,
                        r.requirement.as_deref().unwrap_or("status")
                    ));
                }
            }
            texts
        }
        Rating::Acceptable | Rating::AcceptableWithConditions | Rating::Undetermined => e
            .missing_facts
            .iter()
            .map(|m| format!("{} ({})", m.text, m.attribute))
            .collect(),
    };
    if lines.len() > OVERVIEW_LINES + 1 {
        let more = lines.len() - OVERVIEW_LINES;
        lines.truncate(OVERVIEW_LINES);
        lines.push(match e.rating {
            Rating::Undetermined => crate::tr!(
                "… en {more} andere ontbrekende feiten (zie de bijlage)",
                "… and {more} other missing facts (see the appendix)"
            ),
            _ => crate::tr!(
                "… en {more} andere (zie de bijlage)",
                "… and {more} more (see the appendix)"
            ),
        });
    }
    lines
}

/// The heading of an edition's conditions.
fn conditions_heading(e: &ChannelRating) -> &'static str {
    if e.rating == Rating::AcceptableWithConditions {
        tr(
            "Voorwaarden: pas deze instellingen aan en neem deze maatregelen",
            "Conditions: change these settings and take these measures",
        )
    } else {
        tr(
            "Daarnaast aan te passen instellingen en te nemen maatregelen",
            "Settings to change and measures to take as well",
        )
    }
}

/// A condition's value as shipped: the default of a setting, "not taken" for a measure.
fn condition_default(c: &Condition) -> String {
    match c.kind {
        ConditionKind::Setting => format!(
            "{} {}",
            tr("standaard", "default"),
            default_text(c.default.as_ref())
        ),
        ConditionKind::Measure => tr("nog niet genomen", "not yet taken").to_string(),
    }
}

/// A condition's required value: the value of a setting, "taken" for a measure.
fn condition_required(c: &Condition) -> String {
    match c.kind {
        ConditionKind::Setting => c.required.display(),
        ConditionKind::Measure => tr("genomen", "taken").to_string(),
    }
}

/// Whether the overview lists an edition's conditions: for an edition that is acceptable on
/// them (for the others, the reasons or missing facts come first).
fn overview_conditions(e: &ChannelRating) -> bool {
    matches!(
        e.rating,
        Rating::Acceptable | Rating::AcceptableWithConditions
    )
}

/// The changes since the previous list, as plain text lines under their headings.
struct ChangeLines {
    heading: &'static str,
    intro: String,
    /// `(heading, lines)`, only the groups that have lines; none: nothing changed.
    groups: Vec<(&'static str, Vec<String>)>,
    nothing: Option<&'static str>,
}

fn change_lines(c: &Changes) -> ChangeLines {
    let p = &c.previous;
    let mut intro = crate::tr!(
        "Vergeleken met de lijst van {} (beleid {}, bestand {}).",
        "Compared with the list of {} (policy {}, file {}).",
        p.evaluated_on,
        p.policy_version,
        p.file
    );
    if let Some(only) = p.only {
        intro.push(' ');
        intro.push_str(&crate::tr!(
            "Die lijst was beperkt tot ‘{}’ of beter: edities die zij wegliet, staan hier als nieuw.",
            "That list was limited to ‘{}’ or better: editions it left out show here as new.",
            only.label()
        ));
    }
    let name = |e: &crate::results::channels::EditionRef| {
        format!(
            "{} — {} ({}/{})",
            e.platform_name, e.edition_name, e.platform, e.edition
        )
    };
    let json = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .map_or_else(|| tr("(geen)", "(none)").to_string(), ToString::to_string)
    };
    let mut groups = Vec::new();
    let ratings: Vec<String> = c
        .ratings
        .iter()
        .map(|r| {
            format!(
                "{}: {} → {}",
                name(&r.edition),
                r.from.label(),
                r.edition.rating.label()
            )
        })
        .collect();
    if !ratings.is_empty() {
        groups.push((tr("Andere beoordeling", "Rating changed"), ratings));
    }
    let added: Vec<String> = c
        .added
        .iter()
        .map(|e| format!("{}: {}", name(e), e.rating.label()))
        .collect();
    if !added.is_empty() {
        groups.push((tr("Nieuwe edities", "New editions"), added));
    }
    let removed: Vec<String> = c
        .removed
        .iter()
        .map(|e| crate::tr!("{} (was: {})", "{} (was: {})", name(e), e.rating.label()))
        .collect();
    if !removed.is_empty() {
        groups.push((tr("Vervallen edities", "Removed editions"), removed));
    }
    let facts: Vec<String> = c
        .facts
        .iter()
        .map(|f| {
            let mut s = format!(
                "{}: {} = {} → {}",
                name(&f.edition),
                f.attribute,
                json(&f.old),
                json(&f.new)
            );
            if let Some(src) = &f.source {
                s.push_str(&crate::tr!(
                    " (bron: {}, {}, gecontroleerd {})",
                    " (source: {}, {}, checked {})",
                    src.title,
                    src.locator(),
                    src.checked
                ));
            }
            s
        })
        .collect();
    if !facts.is_empty() {
        groups.push((tr("Gewijzigde feiten", "Facts changed"), facts));
    }
    ChangeLines {
        heading: tr(
            "Wijzigingen sinds de vorige lijst",
            "Changes since the previous list",
        ),
        intro,
        nothing: groups.is_empty().then(|| {
            tr(
                "Geen wijzigingen: dezelfde edities, beoordelingen en feiten.",
                "No changes: the same editions, ratings and facts.",
            )
        }),
        groups,
    }
}

/// "6 edities: 1 acceptabel, …" over every evaluated edition.
fn counts_line(list: &ChannelsReport) -> String {
    let total: usize = Rating::ALL.iter().map(|&r| list.counts.get(r)).sum();
    let parts: Vec<String> = Rating::ALL
        .iter()
        .map(|&r| format!("{} {}", list.counts.get(r), r.label()))
        .collect();
    if total == 1 {
        crate::tr!(
            "1 editie beoordeeld: {}",
            "1 edition rated: {}",
            parts.join(", ")
        )
    } else {
        crate::tr!(
            "{total} edities beoordeeld: {}",
            "{total} editions rated: {}",
            parts.join(", ")
        )
    }
}

/// What `--only` left out, if anything.
fn filter_line(list: &ChannelsReport) -> Option<String> {
    let only = list.only?;
    let shown = list.editions.len();
    Some(match only {
        Rating::Acceptable => crate::tr!(
            "Alleen edities die acceptabel zijn ({shown}).",
            "Only editions rated acceptable ({shown})."
        ),
        _ => crate::tr!(
            "Alleen edities die acceptabel of acceptabel onder voorwaarden zijn ({shown}).",
            "Only editions rated acceptable or acceptable with conditions ({shown})."
        ),
    })
}

fn default_text(v: Option<&Value>) -> String {
    v.map_or_else(
        || tr("niet in de catalogus", "not in the catalogue").to_string(),
        Value::display,
    )
}

/// Whether an edition's conditions are listed: not for one that is not acceptable anyway.
fn shows_conditions(e: &ChannelRating) -> bool {
    !e.conditions.is_empty() && e.rating != Rating::NotAcceptable
}

/// Whether the organisation measures an edition's rating assumes are listed: not for one that
/// is not acceptable anyway.
fn shows_measures(e: &ChannelRating) -> bool {
    !e.measures.is_empty() && e.rating != Rating::NotAcceptable
}

fn state_label(s: State) -> String {
    format!("{} {}", crate::render::common::symbol(s), s.label())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::render::common::Full;

    fn list() -> ChannelsReport {
        let mut files = crate::diag::Files::default();
        let mut sink = crate::diag::Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        crate::engine::channels::evaluate(
            &inputs.policy,
            &inputs.catalogue,
            today,
            &mut files,
            &mut sink,
        )
    }

    #[test]
    fn a_failed_write_is_an_output_error_in_every_format() {
        let list = list();
        for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
            let mut whole = Vec::new();
            write(&list, format, &mut whole).expect("written");
            // Fails early, midway and on the last byte: never a silently shortened list.
            for room in [0, whole.len() / 2, whole.len() - 1] {
                match write(&list, format, &mut Full { room }) {
                    Err(RenderError::Io(e)) => assert_eq!(e.raw_os_error(), Some(28)),
                    other => panic!("{format:?} with room for {room} bytes: {other:?}"),
                }
            }
        }
    }
}
