//! The output formats of a check report, and the one place that picks a renderer for each.

use crate::render::{RenderError, html, json, junit, markdown, oscal, sarif, text};
use crate::results::Report;

/// The output formats of a check report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For a terminal or a plain file
    Text,
    /// The canonical result (`beeldbel schema report`)
    Json,
    /// For a DPIA annex or a wiki page (CommonMark with tables)
    Markdown,
    /// One self-contained page to open and print
    Html,
    /// JUnit XML for CI pipelines
    Junit,
    /// SARIF 2.1.0 for code-scanning tools
    Sarif,
    /// OSCAL 1.1 assessment results for GRC tools
    Oscal,
}

crate::choice!(Format {
    Text = "text" "For a terminal or a plain file",
    Json = "json" "The canonical result (`beeldbel schema report`)",
    Markdown = "markdown" "For a DPIA annex or a wiki page (CommonMark with tables)",
    Html = "html" "One self-contained page to open and print",
    Junit = "junit" "JUnit XML for CI pipelines",
    Sarif = "sarif" "SARIF 2.1.0 for code-scanning tools",
    Oscal = "oscal" "OSCAL 1.1 assessment results for GRC tools",
});

/// Renders a report in `format` into `w`. `style` only affects text.
pub fn write(
    report: &mut Report,
    format: Format,
    style: text::Style,
    w: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    if format == Format::Json {
        // The JSON of a large batch is streamed, not built as one string.
        return Ok(json::write(report, w)?);
    }
    let text = render(report, format, style)?;
    Ok(w.write_all(text.as_bytes())?)
}

/// Renders a report in `format`. `style` only affects text.
pub fn render(report: &Report, format: Format, style: text::Style) -> Result<String, RenderError> {
    Ok(match format {
        Format::Text => text::render(report, style),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report)?,
        Format::Junit => junit::render(report),
        Format::Sarif => sarif::render(report),
        Format::Oscal => oscal::render(report),
    })
}
