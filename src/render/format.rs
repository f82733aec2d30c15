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

/// Renders a report in `format` into `w`, as it goes: no format builds the whole document in
/// memory first (JSON streams its organisations, HTML renders one organisation at a time).
/// `style` only affects text. A failure to write is [`RenderError::Io`]; anything else is a bug.
pub fn write(
    report: &mut Report,
    format: Format,
    style: text::Style,
    w: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    match format {
        Format::Text => text::write(report, style, w),
        Format::Json => json::write(report, w),
        Format::Markdown => markdown::write(report, w),
        Format::Html => html::write(report, w),
        Format::Junit => junit::write(report, w),
        Format::Sarif => sarif::write(report, w),
        Format::Oscal => oscal::write(report, w),
    }
}
