//! `explain`, `platforms` and `schema`: what the policy, the catalogue and the file formats say.

use chrono::NaiveDate;

use beeldbel::render::explain as render;
use beeldbel::schema::{self, defs};

use super::ExitStatus;
use crate::args::{Global, SchemaKind};
use crate::output::Output;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};

pub fn explain(
    g: &Global,
    id: &str,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let Some(inputs) = super::load_inputs(g, files, sink) else {
        return ExitStatus::InputError;
    };
    let out = Output::stdout();
    let written = if let Some(r) = inputs.policy.requirement(id) {
        out.write(|w| render::requirement(r, w))
    } else if let Some(p) = inputs.catalogue.platform(id) {
        out.write(|w| render::platform(p, inputs.policy.max_fact_age_days, today, w))
    } else {
        let candidates: Vec<&str> = inputs
            .policy
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .chain(inputs.catalogue.platforms.iter().map(|p| p.id.as_str()))
            .collect();
        let mut d = Diagnostic::error(
            Code::NotFound,
            beeldbel::tr!(
                "\"{id}\" is geen requirement of platform",
                "\"{id}\" is not a requirement or platform"
            ),
        );
        // Requirement ids are capitals; platform ids lowercase: try both spellings.
        let upper = id.to_uppercase();
        let word = if beeldbel::diag::did_you_mean(&upper, candidates.iter().copied()).is_some() {
            upper.as_str()
        } else {
            id
        };
        d = d.suggest(word, candidates.iter().copied());
        sink.push(d.note(beeldbel::tr!(
            "bekend: {}",
            "known: {}",
            candidates.join(", ")
        )));
        return ExitStatus::InputError;
    };
    out.finish(written, ExitStatus::Success, sink)
}

pub fn platforms(
    g: &Global,
    stale: bool,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let Some(inputs) = super::load_inputs(g, files, sink) else {
        return ExitStatus::InputError;
    };
    let out = Output::stdout();
    let written = out.write(|w| {
        if stale {
            render::stale_facts(&inputs.catalogue, today, inputs.policy.max_fact_age_days, w)
        } else {
            render::catalogue_table(&inputs.catalogue, w)
        }
    });
    out.finish(written, ExitStatus::Success, sink)
}

/// `schema KIND`: the JSON Schema of a file type.
pub fn schema(kind: SchemaKind, sink: &mut Sink) -> ExitStatus {
    let value = match kind {
        SchemaKind::Org => schema::json_schema("beeldbel organisation file", defs::ORG_FILE),
        SchemaKind::Policy => schema::json_schema("beeldbel policy file", defs::POLICY_FILE),
        SchemaKind::Platform => schema::json_schema("beeldbel platform file", defs::PLATFORM_FILE),
        SchemaKind::Appointment => {
            schema::json_schema("beeldbel appointment file", defs::APPOINTMENT_FILE)
        }
        SchemaKind::Report => beeldbel::results::json_schema(),
        SchemaKind::Advice => serde_json::to_value(schemars::schema_for!(
            beeldbel::engine::advise::AdviceReport
        ))
        .unwrap_or_default(),
    };
    let out = Output::stdout();
    let written = out.write(|w| {
        serde_json::to_writer_pretty(&mut *w, &value)?;
        Ok(w.write_all(b"\n")?)
    });
    out.finish(written, ExitStatus::Success, sink)
}
