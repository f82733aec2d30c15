//! The commands: resolve flags into settings and loaded inputs, run, render, and say how it went.
//!
//! Two phases, as in ripgrep: the parsed flags ([`crate::args`]) first, then resolved settings
//! and loaded inputs, then the command. Diagnostics go to stderr, the report to stdout (or a
//! file, written atomically).

mod advise;
mod channels;
mod check;
mod completions;
mod diff;
mod dpia;
mod explain;
mod lock;
mod man;
mod probe;
mod report;
mod validate;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use beeldbel::input::batch;
use beeldbel::input::limits::thousands;
use beeldbel::model::inputs::Inputs;

use crate::args::{Cli, Command, Global};
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

/// How a run ended; mapped to the process exit code once, in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: compliant, or the command succeeded.
    Success,
    /// 1: non-compliant or incomplete.
    NotCompliant,
    /// 2: the input could not be used.
    InputError,
    /// 3: an internal failure (a bug in beeldbel), never a silently empty report.
    Internal,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::NotCompliant => 1,
            ExitStatus::InputError => 2,
            ExitStatus::Internal => 3,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitStatus {
    let mut files = Files::default();
    let mut sink = Sink::default();
    // A bad global flag is an input error whatever the command.
    let Some(today) = parse_today(&cli.global, &mut sink) else {
        emit_diagnostics(&sink, &files, cli.global.quiet);
        return ExitStatus::InputError;
    };
    let status = match &cli.command {
        Command::Check(args) => check::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Validate { files: paths } => {
            validate::run(&cli.global, paths, &mut files, &mut sink)
        }
        Command::Advise(args) => advise::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Explain { id } => explain::explain(&cli.global, id, today, &mut files, &mut sink),
        Command::Platforms {
            export: Some(dir),
            force,
            ..
        } => explain::export(&cli.global, dir, *force, &mut files, &mut sink),
        Command::Platforms { stale, .. } => {
            explain::platforms(&cli.global, *stale, today, &mut files, &mut sink)
        }
        Command::Schema { kind } => explain::schema(*kind, &mut sink),
        Command::Report(args) => report::run(args, &mut files, &mut sink),
        Command::Channels(args) => channels::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Dpia(args) => dpia::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Completions { shell } => completions::run(*shell, &mut sink),
        Command::Man { output } => man::run(output.as_deref(), &mut sink),
        Command::Diff(args) => diff::run(args, &mut files, &mut sink),
        Command::Lock(args) => lock::run(&cli.global, args, &mut sink),
        Command::Probe(args) => probe::run(&cli.global, args, &mut sink),
    };
    emit_diagnostics(&sink, &files, cli.global.quiet);
    if status == ExitStatus::Internal {
        status
    } else if sink.has_errors() {
        ExitStatus::InputError
    } else {
        status
    }
}

/// The policy and catalogue of `--policy`/`--platforms` (or the embedded ones); `None` when they
/// cannot be used (the diagnostics are in `sink`).
fn load_inputs(g: &Global, files: &mut Files, sink: &mut Sink) -> Option<Inputs> {
    let inputs = g.sources().load(files, sink);
    (!sink.has_errors()).then_some(inputs)
}

/// Refuses to run (BB074, `true`) when `output` names a file the run reads: the report would
/// replace its own input. `inputs`: the files and folders the command reads (a folder: its
/// `*.toml` files). Paths are compared canonically, so `./a.toml`, `dir/../a.toml` and a
/// symbolic link to it are the same file.
fn output_replaces_input(output: Option<&Path>, inputs: &[&Path], sink: &mut Sink) -> bool {
    let Some(output) = output else {
        return false;
    };
    let Some(target) = canonical_target(output) else {
        return false;
    };
    for input in inputs {
        let files = if input.is_dir() {
            batch::toml_files_in(input, &mut Sink::default())
        } else {
            vec![input.to_path_buf()]
        };
        let Some(same) = files
            .iter()
            .find(|f| std::fs::canonicalize(f).is_ok_and(|c| c == target))
        else {
            continue;
        };
        sink.push(
            Diagnostic::error(
                Code::OutputIsInput,
                beeldbel::tr!(
                    "--output `{}` is het invoerbestand `{}`: de uitvoer zou het vervangen",
                    "--output `{}` is the input file `{}`: the output would replace it",
                    output.display(),
                    same.display()
                ),
            )
            .note(tr(
                "kies een andere bestandsnaam voor --output; er is niets geschreven",
                "choose another file name for --output; nothing was written",
            )),
        );
        return true;
    }
    false
}

/// The canonical path `output` names: itself when it exists, else its (existing) folder joined
/// with its name. `None` when neither can be resolved (then it names no input either).
fn canonical_target(output: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(output) {
        return Some(c);
    }
    let dir = output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(std::fs::canonicalize(dir).ok()?.join(output.file_name()?))
}

/// The policy files, the platform catalogue (file or folder) and the overlays a command reads.
fn source_inputs(g: &Global) -> Vec<&Path> {
    g.policy
        .iter()
        .map(PathBuf::as_path)
        .chain(g.platforms.as_deref())
        .chain(g.facts.iter().map(PathBuf::as_path))
        .collect()
}

/// Writes the diagnostics to stderr, in file order; with `-q` only the errors.
fn emit_diagnostics(sink: &Sink, files: &Files, quiet: bool) {
    let mut items: Vec<&Diagnostic> = sink
        .items
        .iter()
        .filter(|d| !quiet || d.level == beeldbel::diag::Level::Error)
        .collect();
    items.sort_by_key(|d| d.at.as_ref().map(|(f, s)| (*f, s.start)));
    let mut err = std::io::stderr().lock();
    for d in &items {
        let _ = write!(err, "{}", d.render(files));
    }
    if sink.dropped() > 0 && !quiet {
        let (n, kept) = (
            thousands(sink.dropped() as u64),
            thousands(beeldbel::diag::MAX_KEPT as u64),
        );
        let d = Diagnostic::warning(
            Code::TooManyDiagnostics,
            beeldbel::tr!(
                "nog {n} meldingen niet getoond (alleen de eerste {kept})",
                "{n} more diagnostics not shown (only the first {kept})"
            ),
        )
        .note(tr(
            "herstel de getoonde fouten en draai opnieuw; zo veel meldingen wijzen meestal op een verkeerd bestand",
            "fix the errors shown and run again; this many usually means the wrong file was given",
        ));
        let _ = write!(err, "{}", d.render(files));
    }
    let count = sink.error_count();
    if count > 0 {
        let errors = thousands(count as u64);
        let _ = writeln!(
            err,
            "{}",
            beeldbel::tr!(
                "{errors} fout(en) in de invoer",
                "{errors} error(s) in the input"
            )
        );
    }
}

fn parse_today(g: &Global, sink: &mut Sink) -> Option<NaiveDate> {
    match &g.today {
        None => Some(chrono::Local::now().date_naive()),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                sink.push(
                    Diagnostic::error(
                        Code::BadArgument,
                        beeldbel::tr!(
                            "--today \"{s}\" is geen datum",
                            "--today \"{s}\" is not a date"
                        ),
                    )
                    .note(tr(
                        "verwacht JJJJ-MM-DD, bijvoorbeeld 2026-11-23",
                        "expected YYYY-MM-DD, for example 2026-11-23",
                    )),
                );
                None
            }
        },
    }
}
