//! Command-line definitions (clap). `app` turns them into settings and runs them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;
use crate::policy::Severity;
use crate::report::Format;

/// Checks whether a video-calling ("beeldbellen") setup meets the AVG and the professional norms
/// of AKC Cahier 28. Dutch output by default; --lang en for English.
#[derive(Debug, Parser)]
#[command(name = "beeldbel", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Default, Args)]
pub struct Global {
    /// Output language
    #[arg(long, global = true, value_enum, default_value = "nl")]
    pub lang: Lang,
    /// Policy file(s) replacing the embedded default policy
    #[arg(long, global = true, value_name = "FILE")]
    pub policy: Vec<PathBuf>,
    /// Platform catalogue (a folder of platform files, or one file) replacing the embedded one
    #[arg(long, global = true, value_name = "DIR|FILE")]
    pub platforms: Option<PathBuf>,
    /// Evaluation date YYYY-MM-DD (default: today), for reproducible runs
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    /// More log output on stderr (-v, -vv)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check organisation files (or a folder of them) against the policy
    Check(CheckArgs),
    /// Load and validate policy, platform or organisation files without evaluating
    Validate {
        /// Files to validate (the kind is recognised from the content)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Explain a requirement (e.g. AVG-DPIA-01) or a platform (e.g. zoom)
    Explain {
        /// Requirement id or platform id
        id: String,
    },
    /// Show the platform catalogue as a table
    Platforms,
    /// Print the JSON Schema of a file type
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Organisation files or folders
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the verdict fail
    #[arg(long, value_enum, default_value = "medium")]
    pub fail_on: Severity,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Org,
    Policy,
    Platform,
    Appointment,
    /// The JSON report (`check --format json`)
    Report,
}
