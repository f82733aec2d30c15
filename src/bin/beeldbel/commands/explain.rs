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

/// `platforms --export DIR`: the catalogue in use as editable platform files, each written
/// atomically. Files that exist are not replaced without `--force` (then nothing is written).
pub fn export(
    g: &Global,
    dir: &std::path::Path,
    force: bool,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let Some(inputs) = super::load_inputs(g, files, sink) else {
        return ExitStatus::InputError;
    };
    let exported = beeldbel::model::export::export(&inputs.catalogue);
    let existing: Vec<String> = exported
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        sink.push(
            Diagnostic::error(
                Code::OutputExists,
                beeldbel::tr!(
                    "{} bestaat al; er is niets geschreven",
                    "{} already exists; nothing was written",
                    existing.join(", ")
                ),
            )
            .note(beeldbel::tr!(
                "kies een lege map, of geef --force om de bestanden te vervangen",
                "choose an empty folder, or give --force to replace the files"
            )),
        );
        return ExitStatus::InputError;
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        sink.push(Diagnostic::error(
            Code::Io,
            beeldbel::tr!(
                "kan map `{}` niet maken: {e}",
                "cannot create folder `{}`: {e}",
                dir.display()
            ),
        ));
        return ExitStatus::InputError;
    }
    for (name, text) in &exported {
        let path = dir.join(name);
        let out = Output::new(Some(&path));
        let status = out.finish(out.text(text), ExitStatus::Success, sink);
        if status != ExitStatus::Success {
            return status;
        }
    }
    let summary = beeldbel::tr!(
        "{} platformbestand(en) geschreven naar {}\n",
        "{} platform file(s) written to {}\n",
        exported.len(),
        dir.display()
    );
    let out = Output::stdout();
    out.finish(out.text(&summary), ExitStatus::Success, sink)
}

/// `schema KIND`: the JSON Schema of a file type.
pub fn schema(kind: SchemaKind, sink: &mut Sink) -> ExitStatus {
    let value = match kind {
        SchemaKind::Org => schema::json_schema("beeldbel organisation file", defs::ORG_FILE),
        SchemaKind::Policy => schema::json_schema("beeldbel policy file", defs::POLICY_FILE),
        SchemaKind::Platform => schema::json_schema("beeldbel platform file", defs::PLATFORM_FILE),
        SchemaKind::Overlay => schema::json_schema("beeldbel facts overlay", defs::OVERLAY_FILE),
        SchemaKind::Appointment => {
            schema::json_schema("beeldbel appointment file", defs::APPOINTMENT_FILE)
        }
        SchemaKind::Answers => {
            schema::json_schema("beeldbel DPIA answers file", defs::ANSWERS_FILE)
        }
        SchemaKind::Report => beeldbel::results::json_schema(),
        SchemaKind::Advice => serde_json::to_value(schemars::schema_for!(
            beeldbel::engine::advise::AdviceReport
        ))
        .unwrap_or_default(),
    };
    let out = Output::stdout();
    let written = out.write(|w| {
        // A failure to write (a full disk) is an output error, not a bug.
        serde_json::to_writer_pretty(&mut *w, &value)
            .map_err(beeldbel::render::RenderError::from_json_write)?;
        Ok(w.write_all(b"\n")?)
    });
    out.finish(written, ExitStatus::Success, sink)
}
