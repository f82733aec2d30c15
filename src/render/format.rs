//! The output formats of a check report, and the one place that picks a renderer for each.

use crate::render::stream::{self, Sections};
use crate::render::{RenderError, html, json, junit, markdown, office, oscal, sarif, text};
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
    /// A Word document (Office Open XML) to review, annotate and sign
    Docx,
    /// An OpenDocument text (LibreOffice) to review, annotate and sign
    Odt,
}

crate::choice!(Format {
    Text = "text" "For a terminal or a plain file",
    Json = "json" "The canonical result (`beeldbel schema report`)",
    Markdown = "markdown" "For a DPIA annex or a wiki page (CommonMark with tables)",
    Html = "html" "One self-contained page to open and print",
    Junit = "junit" "JUnit XML for CI pipelines",
    Sarif = "sarif" "SARIF 2.1.0 for code-scanning tools",
    Oscal = "oscal" "OSCAL 1.1 assessment results for GRC tools",
    Docx = "docx" "A Word document (Office Open XML) to review, annotate and sign",
    Odt = "odt" "An OpenDocument text (LibreOffice) to review, annotate and sign",
});

impl Format {
    /// A binary format: not for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Odt)
    }
}

/// The renderer of `format`, organisation by organisation (see [`stream`]). `style` only
/// affects text.
pub fn sections(format: Format, style: text::Style) -> Box<dyn Sections> {
    match format {
        Format::Text => Box::new(text::TextReport { style }),
        Format::Json => Box::new(json::JsonReport::new()),
        Format::Markdown => Box::new(markdown::MarkdownReport),
        Format::Html => Box::new(html::HtmlReport::default()),
        Format::Junit => Box::new(junit::JunitReport),
        Format::Sarif => Box::new(sarif::SarifReport::default()),
        Format::Oscal => Box::new(oscal::OscalReport::default()),
        Format::Docx => Box::new(office::OfficeReport {
            kind: office::Kind::Docx,
        }),
        Format::Odt => Box::new(office::OfficeReport {
            kind: office::Kind::Odt,
        }),
    }
}

/// Renders a whole report (e.g. a saved one) in `format` into `w`, through the same renderer as
/// a streamed batch. A failure to write is [`RenderError::Io`]; anything else is a bug.
pub fn write(
    report: &mut Report,
    format: Format,
    style: text::Style,
    w: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    stream::write_report(&*sections(format, style), report, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choice::Choice;

    use crate::render::common::Full;

    fn report() -> Report {
        let mut files = crate::diag::Files::default();
        let mut sink = crate::diag::Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/examples/zelfstandige-whatsapp.toml");
        let org = crate::model::org::load(&path, &inputs.catalogue, &mut files, &mut sink)
            .expect("example loads");
        let settings = crate::engine::check::Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            fail_on: crate::model::policy::Severity::Medium,
        };
        let ev = crate::engine::check::Evaluator::new(&inputs.policy, &inputs.catalogue, settings);
        let orgs = vec![ev.evaluate(&org, &mut sink), ev.evaluate(&org, &mut sink)];
        crate::engine::assemble::assemble_report(&inputs, settings, orgs)
    }

    /// Output that cannot be written is an I/O error in every format, wherever it fails (the
    /// binary makes that exit 2, naming the output); it is never reported as written, and never
    /// as a serialisation error (exit 3).
    #[test]
    fn a_failing_writer_is_an_io_error_in_every_format() {
        let mut report = report();
        for &format in Format::ALL {
            let mut whole = Vec::new();
            let style = text::Style { color: false };
            write(&mut report, format, style, &mut whole).expect("renders");
            assert!(!whole.is_empty(), "{format:?}");
            for room in [0, 1, whole.len() / 2, whole.len() - 1] {
                let got = write(&mut report, format, style, &mut Full { room });
                assert!(
                    matches!(got, Err(RenderError::Io(_))),
                    "{format:?} with room for {room} of {} bytes: {got:?}",
                    whole.len()
                );
            }
        }
    }
}
