//! Reports: one model ([`model`]), one renderer per format.

pub mod advice;
pub mod explain;
pub mod json;
pub mod model;
pub mod text;

pub use model::*;

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The "not legal advice" notice every report carries.
pub fn notice() -> String {
    crate::i18n::tr(
        "Dit rapport is geen juridisch advies. Het toetst de ingevulde gegevens aan het beleid en de catalogus; de verantwoordelijkheid voor de beoordeling blijft bij de organisatie en haar functionaris gegevensbescherming.",
        "This report is not legal advice. It tests the data provided against the policy and the catalogue; responsibility for the assessment stays with the organisation and its data protection officer.",
    )
    .to_string()
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
