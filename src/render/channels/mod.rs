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
use crate::results::channels::{ChannelRating, ChannelsReport, Rating, Value};

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

fn title() -> &'static str {
    tr(
        "Kanalen voor beeldbellen: in beginsel acceptabele kanalen",
        "Channels for video calling: channels acceptable in principle",
    )
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
