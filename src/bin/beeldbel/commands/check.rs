//! `check`: evaluate organisation files (or folders of them) and write the report; `report
//! --from` shares [`emit_report`].

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use beeldbel::engine::assemble::assemble_report;
use beeldbel::engine::check::{self as eval, Settings};
use beeldbel::input::batch;
use beeldbel::model::inputs::Inputs;
use beeldbel::model::org;
use beeldbel::render::{self, Format};
use beeldbel::results::{OrgReport, Report, Verdict};

use super::ExitStatus;
use crate::args::{CheckArgs, Global};
use crate::output::Output;
use beeldbel::choice::Choice;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

/// Organisation files for `check`: named files, and the organisation files in named folders
/// (other `.toml` files there are skipped). Loads and evaluates them in parallel.
fn check_all(
    g: &Global,
    args: &CheckArgs,
    inputs: &Inputs,
    evaluator: Option<&eval::Evaluator<'_>>,
    files: &mut Files,
    sink: &mut Sink,
) -> Vec<OrgReport> {
    let entries = batch::expand(&args.files, sink);
    let results = batch::run(&entries, !g.quiet, files, sink, |e, files, sink| {
        let bytes = beeldbel::input::read_bytes(&e.path, sink)?;
        let org = if e.from_folder {
            // A folder may hold other files: skip them (the file is parsed once either way).
            let Some(org) =
                org::load_if_organisation(&e.path, &bytes, &inputs.catalogue, files, sink)
            else {
                tracing::info!("skipping {}: not an organisation file", e.path.display());
                return Some((e.path.parent().map(Path::to_path_buf), None));
            };
            org?
        } else {
            org::load_bytes(&e.path, &bytes, &inputs.catalogue, files, sink)?
        };
        let report = evaluator
            .filter(|_| !sink.has_errors())
            .map(|ev| ev.evaluate(&org, sink));
        if let Some(r) = &report {
            tracing::info!(file = %e.path.display(), verdict = ?r.verdict, "organisation evaluated");
            for o in &r.outcomes {
                tracing::debug!(requirement = %o.requirement, subject = %o.subject, state = ?o.state, "outcome");
            }
        }
        Some((e.path.parent().map(Path::to_path_buf), report))
    });
    for folder in args.files.iter().filter(|a| a.is_dir()) {
        let found = entries
            .iter()
            .any(|e| e.from_folder && e.path.parent() == Some(folder.as_path()))
            && results
                .iter()
                .any(|(parent, r)| r.is_some() && parent.as_deref() == Some(folder.as_path()));
        if !found && !sink.has_errors() {
            sink.push(
                Diagnostic::error(
                    Code::NoInput,
                    beeldbel::tr!(
                        "map `{}` bevat geen organisatiebestanden",
                        "folder `{}` holds no organisation files",
                        folder.display()
                    ),
                )
                .note(tr(
                    "een organisatiebestand is een .toml-bestand met een [organisation]-tabel",
                    "an organisation file is a .toml file with an [organisation] table",
                )),
            );
        }
    }
    results.into_iter().filter_map(|(_, r)| r).collect()
}

pub fn run(
    g: &Global,
    args: &CheckArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let mut read: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    read.extend(super::source_inputs(g));
    if super::output_replaces_input(args.output.as_deref(), &read, sink) {
        return ExitStatus::InputError;
    }
    let inputs = g.sources().load(files, sink);
    let settings = Settings {
        today,
        fail_on: args.fail_on,
    };
    tracing::info!(
        policy = %inputs.policy.id,
        requirements = inputs.policy.requirements.len(),
        platforms = inputs.catalogue.platforms.len(),
        overlays = inputs.catalogue.overlays.len(),
        "inputs loaded"
    );
    let started = std::time::Instant::now();
    // With a broken policy or catalogue, organisation files are still validated (every problem
    // is reported at once) but not evaluated.
    let evaluator = (!sink.has_errors())
        .then(|| eval::Evaluator::new(&inputs.policy, &inputs.catalogue, settings));
    let reports = check_all(g, args, &inputs, evaluator.as_ref(), files, sink);
    tracing::info!(elapsed = ?started.elapsed(), organisations = reports.len(), "evaluated");
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    let mut report = assemble_report(&inputs, settings, reports);
    let status = emit_report(&mut report, args.format, args.output.as_deref(), sink);
    // The process ends next: freeing a large batch report piece by piece only costs time.
    std::mem::forget(report);
    status
}

/// Renders a report and writes it; the exit status follows the verdict.
pub fn emit_report(
    report: &mut Report,
    format: Format,
    output: Option<&Path>,
    sink: &mut Sink,
) -> ExitStatus {
    let out = Output::new(output);
    if out.refuse_binary_on_terminal(format.is_binary(), format.name(), sink) {
        return ExitStatus::InputError;
    }
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let written =
        out.write(|w| render::format::write(report, format, render::text::Style { color }, w));
    let ok = match report.verdict {
        Verdict::Compliant => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    };
    out.finish(written, ok, sink)
}
