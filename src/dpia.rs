//! `beeldbel dpia`: a DPIA draft following the Model DPIA Rijksdienst v3.0, pre-filled from the
//! organisation file, the catalogue facts and the check outcomes; every gap is marked.

use chrono::NaiveDate;

use crate::app::ExitStatus;
use crate::cli::{DpiaArgs, Global};
use crate::diag::{Files, Sink};

/// The output formats of `dpia`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Html,
}

/// Runs `beeldbel dpia`.
pub fn command(
    g: &Global,
    args: &DpiaArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let _ = (g, args, today, files, sink);
    todo!("dpia: being written")
}
