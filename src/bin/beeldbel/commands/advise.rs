//! `advise`: advice for one appointment, from a file and/or flags (flags win).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use beeldbel::engine::check::{Evaluator, Settings};
use beeldbel::model::catalogue::Catalogue;
use beeldbel::model::policy::Severity;
use beeldbel::render::{self, RenderError};
use beeldbel::results::PolicyInfo;
use beeldbel::schema::{self, defs};

use super::ExitStatus;
use crate::args::{AdviseArgs, Global};
use crate::output::Output;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

/// `advise`: the appointment from a file and/or flags (flags win), the appointment rules of the
/// policy, the advice.
pub fn run(
    g: &Global,
    args: &AdviseArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let read: Vec<&Path> = g
        .policy
        .iter()
        .chain(&args.file)
        .map(PathBuf::as_path)
        .collect();
    if super::output_replaces_input(args.output.as_deref(), &read, sink) {
        return ExitStatus::InputError;
    }
    let policy = g.sources().load_policy(files, sink);
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    // The file first, validated as written, so its errors point into it.
    let mut table = toml::Table::new();
    let mut from_file = None;
    if let Some(path) = &args.file {
        let Some(src) = beeldbel::input::read(path, files, sink) else {
            return ExitStatus::InputError;
        };
        let text = files.text(src.file).to_string();
        let Some(node) = schema::parse_and_validate(src.file, &text, defs::APPOINTMENT_FILE, sink)
        else {
            return ExitStatus::InputError;
        };
        if sink.has_errors() {
            return ExitStatus::InputError;
        }
        table = toml::from_str(&text).unwrap_or_default();
        from_file = Some((node, text, src.name));
    }
    let overrides = args.overrides();
    let (node, text, source) = match from_file {
        Some(found) if overrides.is_empty() => found,
        found => {
            for (k, v) in overrides {
                table.insert(k.to_string(), v);
            }
            let text = toml::to_string(&table).unwrap_or_default();
            let name = match &found {
                Some((_, _, name)) => beeldbel::tr!("{name} + opties", "{name} + flags"),
                None => tr("<opties>", "<flags>").to_string(),
            };
            let file = files.add(name.clone(), text.clone());
            let node = schema::parse_and_validate(file, &text, defs::APPOINTMENT_FILE, sink);
            match node {
                Some(n) if !sink.has_errors() => (n, text, name),
                _ => {
                    if let Some(d) = sink.items.iter_mut().find(|d| d.code == Code::MissingField) {
                        d.notes.push(
                            tr(
                                "geef een afspraakbestand of --activity",
                                "give an appointment file or --activity",
                            )
                            .to_string(),
                        );
                    }
                    return ExitStatus::InputError;
                }
            }
        }
    };
    let settings = Settings {
        today,
        fail_on: Severity::Medium,
    };
    let catalogue = Catalogue::default();
    let outcomes = Evaluator::new(&policy, &catalogue, settings).evaluate_appointment(&node, &text);
    if outcomes.is_empty() {
        let mut d = Diagnostic::error(
            Code::NotFound,
            beeldbel::tr!(
                "het beleid ({}) bevat geen afspraakregels (scope \"appointment\")",
                "the policy ({}) holds no appointment rules (scope \"appointment\")",
                policy.origin
            ),
        )
        .note(tr(
            "advise heeft requirements met scope = \"appointment\" nodig; voeg ze toe, of laat --policy weg voor het ingebouwde beleid",
            "advise needs requirements with scope = \"appointment\"; add them, or leave out --policy for the embedded policy",
        ));
        if let Some((file, span)) = policy.declared_at.clone() {
            d = d.at(file, span, tr("dit beleid", "this policy"));
        }
        sink.push(d);
        return ExitStatus::InputError;
    }
    let advice =
        beeldbel::engine::advise::report(&node, source, outcomes, PolicyInfo::of(&policy), today);
    let out = Output::new(args.output.as_deref());
    let written = out.write(|w| match args.format {
        render::advice::Format::Text => render::advice::write(&advice, w),
        render::advice::Format::Json => {
            serde_json::to_writer_pretty(&mut *w, &advice).map_err(RenderError::from_json_write)?;
            Ok(w.write_all(b"\n")?)
        }
    });
    let ok = match advice.advice {
        beeldbel::engine::advise::Advice::VideoSuitable => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    };
    out.finish(written, ok, sink)
}
