//! `check`: evaluate organisation files (or folders of them) and write the report; `report
//! --from` shares [`emit_report`].

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use beeldbel::engine::assemble::assemble_report;
use beeldbel::engine::check::{self as eval, Settings};
use beeldbel::input::batch;
use beeldbel::model::inputs::Inputs;
use beeldbel::model::org;
use beeldbel::render::stream::Writer;
use beeldbel::render::{self, Format};
use beeldbel::results::{OrgReport, Report, Verdict};

use super::ExitStatus;
use crate::args::{CheckArgs, Global};
use crate::output::Output;
use beeldbel::choice::Choice;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

/// Organisation files for `check`: named files, and the organisation files in named folders
/// (other `.toml` files there are skipped). Loads and evaluates them in parallel, a chunk at a
/// time, and hands each chunk's reports to `each` in command-line order (only while no file has
/// had an error: a batch with an error is not written).
fn check_all(
    g: &Global,
    args: &CheckArgs,
    inputs: &Inputs,
    evaluator: Option<&eval::Evaluator<'_>>,
    files: &mut Files,
    sink: &mut Sink,
    mut each: impl FnMut(Vec<OrgReport>),
) {
    let entries = batch::expand(&args.files, sink);
    let mut found_in: HashSet<PathBuf> = HashSet::new();
    let work = |e: &batch::Entry, files: &mut Files, sink: &mut Sink| {
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
        drop(bytes);
        let report = evaluator
            .filter(|_| !sink.has_errors())
            .map(|ev| ev.evaluate(&org, sink));
        if let Some(r) = &report {
            tracing::info!(file = %e.path.display(), verdict = ?r.verdict, "organisation evaluated");
            if tracing::enabled!(tracing::Level::DEBUG) {
                for o in &r.outcomes {
                    tracing::debug!(requirement = %o.requirement, subject = %o.subject, state = ?o.state, "outcome");
                }
            }
        }
        Some((e.path.parent().map(Path::to_path_buf), report))
    };
    batch::run_chunked(&entries, !g.quiet, files, sink, work, |results, sink| {
        let mut reports = Vec::with_capacity(results.len());
        for (parent, report) in results {
            if let Some(r) = report {
                if let Some(p) = parent
                    && !found_in.contains(&p)
                {
                    found_in.insert(p);
                }
                reports.push(r);
            }
        }
        if !sink.has_errors() {
            each(reports);
        }
    });
    for folder in args.files.iter().filter(|a| a.is_dir()) {
        let found = entries
            .iter()
            .any(|e| e.from_folder && e.path.parent() == Some(folder.as_path()))
            && found_in.contains(folder.as_path());
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
    let out = Output::new(args.output.as_deref());
    if out.refuse_binary_on_terminal(args.format.is_binary(), args.format.name(), sink) {
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
    // Each chunk of organisations is rendered into a spool as it is evaluated; the document is
    // written once every file is in and none had an error.
    let sections = render::format::sections(args.format, style(args.output.as_deref()));
    let mut writer = Writer::new(&*sections, assemble_report(&inputs, settings, Vec::new()));
    let mut rendered = Ok(());
    let mut verdict = Verdict::Compliant;
    let mut count = 0;
    check_all(
        g,
        args,
        &inputs,
        evaluator.as_ref(),
        files,
        sink,
        |reports| {
            count += reports.len();
            verdict = reports
                .iter()
                .map(|r| r.verdict)
                .fold(verdict, Verdict::max);
            if rendered.is_ok() {
                rendered = writer.push(reports);
            }
        },
    );
    tracing::info!(elapsed = ?started.elapsed(), organisations = count, "evaluated");
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    let written = out.write(|w| rendered.and_then(|()| writer.finish(w)));
    out.finish(written, exit_for(verdict), sink)
}

/// Exit 0 when compliant, 1 otherwise.
fn exit_for(verdict: Verdict) -> ExitStatus {
    match verdict {
        Verdict::Compliant => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    }
}

/// Colour only on a terminal, and not with `NO_COLOR`.
fn style(output: Option<&Path>) -> render::text::Style {
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    render::text::Style {
        color: to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
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
    let written = out.write(|w| render::format::write(report, format, style(output), w));
    out.finish(written, exit_for(report.verdict), sink)
}
