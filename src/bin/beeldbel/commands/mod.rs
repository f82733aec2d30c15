//! The commands: resolve flags into settings and loaded inputs, run, render, and say how it went.
//!
//! Two phases, as in ripgrep: the parsed flags ([`crate::args`]) first, then resolved settings
//! and loaded inputs, then the command. Diagnostics go to stderr, the report to stdout (or a
//! file, written atomically).

mod advise;
mod channels;
mod check;
mod dpia;
mod explain;
mod report;
mod validate;

use std::io::Write;

use chrono::NaiveDate;

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
        emit_diagnostics(&sink, &files);
        return ExitStatus::InputError;
    };
    let status = match &cli.command {
        Command::Check(args) => check::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Validate { files: paths } => {
            validate::run(&cli.global, paths, &mut files, &mut sink)
        }
        Command::Advise(args) => advise::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Explain { id } => explain::explain(&cli.global, id, today, &mut files, &mut sink),
        Command::Platforms { stale } => {
            explain::platforms(&cli.global, *stale, today, &mut files, &mut sink)
        }
        Command::Schema { kind } => explain::schema(*kind, &mut sink),
        Command::Report(args) => report::run(args, &mut files, &mut sink),
        Command::Channels(args) => channels::run(&cli.global, args, today, &mut files, &mut sink),
        Command::Dpia(args) => dpia::run(&cli.global, args, today, &mut files, &mut sink),
    };
    emit_diagnostics(&sink, &files);
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

fn emit_diagnostics(sink: &Sink, files: &Files) {
    let mut items: Vec<&Diagnostic> = sink.items.iter().collect();
    items.sort_by_key(|d| d.at.as_ref().map(|(f, s)| (*f, s.start)));
    let mut err = std::io::stderr().lock();
    for d in &items {
        let _ = write!(err, "{}", d.render(files));
    }
    let errors = items.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
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
