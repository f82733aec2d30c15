//! `completions SHELL`: the shell's completion script for beeldbel (clap_complete), on stdout,
//! with the descriptions in the language of the run.

use beeldbel::diag::Sink;
use clap_complete::Shell;

use super::ExitStatus;
use crate::output::Output;

pub fn run(shell: Shell, sink: &mut Sink) -> ExitStatus {
    let mut cmd = crate::cli::command(beeldbel::i18n::lang(), crate::cli::Use::File);
    // Generated into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "beeldbel", &mut script);
    let out = Output::stdout();
    let written = out.write(|w| Ok(w.write_all(&script)?));
    out.finish(written, ExitStatus::Success, sink)
}
