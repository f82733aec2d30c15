//! `beeldbel channels`: every platform edition in the catalogue rated for the register's list of
//! acceptable channels (Cahier 28 §4.4.2, §4.5).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::app::ExitStatus;
use crate::cli::{ChannelsArgs, Global};
use crate::diag::{Files, Sink};

/// The output formats of `channels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

/// `--only`: the lowest rating to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    /// Only editions rated acceptabel
    Acceptable,
    /// Acceptabel and acceptabel onder voorwaarden
    Conditional,
}

/// Runs `beeldbel channels`.
pub fn command(
    g: &Global,
    args: &ChannelsArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let _ = (g, args, today, files, sink, PathBuf::new());
    todo!("channels: being written")
}
