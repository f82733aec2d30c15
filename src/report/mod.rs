//! Reports: one model ([`model`]), one renderer per format.

pub mod advice;
pub mod channels;
pub mod dpia;
pub mod explain;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod model;
pub mod oscal;
pub mod sarif;
pub mod text;

pub use model::*;

/// The output formats of a check report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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

/// Renders a report in `format`. `style` only affects text.
pub fn render(report: &Report, format: Format, style: text::Style) -> Result<String, String> {
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

/// The "not legal advice" notice every report carries.
pub fn notice() -> String {
    crate::i18n::tr(
        "Dit rapport is geen juridisch advies. Het toetst de ingevulde gegevens aan het beleid en de catalogus; de verantwoordelijkheid voor de beoordeling blijft bij de organisatie en haar functionaris gegevensbescherming.",
        "This report is not legal advice. It tests the data provided against the policy and the catalogue; responsibility for the assessment stays with the organisation and its data protection officer.",
    )
    .to_string()
}

/// What follows the catalogue in a provenance line: the oldest fact used, if any.
pub(crate) fn oldest_fact(date: Option<&str>) -> String {
    date.map(|d| format!(", {} {d}", crate::i18n::tr("oudste feit", "oldest fact")))
        .unwrap_or_default()
}

/// The JSON Schema of the JSON report, generated from the report model itself.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default();
    if let serde_json::Value::Object(m) = &mut schema {
        m.insert("title".into(), "beeldbel report (schema_version 1)".into());
    }
    schema
}

/// The requirement ids of the outcomes in `state`, in order.
pub fn ids_in<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, state: State) -> Vec<&'a str> {
    outcomes
        .into_iter()
        .filter(|o| o.state == state)
        .map(|o| o.requirement.as_str())
        .collect()
}
