//! Command-line definitions (clap): the only place that knows the flags. [`crate::commands`]
//! turns them into resolved settings and runs them.

use std::path::PathBuf;

use beeldbel::choice::{self, Choice};
use beeldbel::engine::channels::Only;
use beeldbel::i18n::Lang;
use beeldbel::input::limits;
use beeldbel::input::remote;
use beeldbel::model::inputs::Sources;
use beeldbel::model::policy::Severity;
use beeldbel::render::{self, Format};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// The parser of a flag whose values are a library enum's names.
fn choice<T: Choice + Clone>() -> impl TypedValueParser<Value = T> {
    let values = T::ALL.iter().map(|v| {
        let p = PossibleValue::new(v.name());
        match v.help() {
            "" => p,
            help => p.help(help),
        }
    });
    PossibleValuesParser::new(values).try_map(|name| {
        choice::from_name::<T>(&name).ok_or_else(|| format!("unknown value `{name}`"))
    })
}

/// Checks whether a video-calling ("beeldbellen") setup meets the AVG and the professional norms
/// of AKC Cahier 28. Dutch by default; --lang en (or an English locale) for English.
#[derive(Debug, Parser)]
#[command(name = "beeldbel", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Output language of the help, the messages and the report (default: Dutch; English when
    /// LC_ALL, LC_MESSAGES or LANG starts with `en`; docs/cli.md)
    #[arg(long, global = true, value_parser = choice::<Lang>(), env = "BEELDBEL_LANG")]
    pub lang: Option<Lang>,
    /// Policy file(s) or https:// URL(s) (URL#sha256=HEX pins one; docs/remote.md) replacing the
    /// embedded default policy
    #[arg(long, global = true, value_name = "FILE")]
    pub policy: Vec<PathBuf>,
    /// Platform catalogue (a folder of platform files, one file, or the https:// URL of one file)
    /// replacing the embedded one
    #[arg(long, global = true, value_name = "DIR|FILE")]
    pub platforms: Option<PathBuf>,
    /// Facts overlay (a file, a folder of them, or an https:// URL) applied to the catalogue in
    /// use; repeatable, applied in the order given
    #[arg(long, global = true, value_name = "FILE|DIR")]
    pub facts: Vec<PathBuf>,
    /// Evaluation date YYYY-MM-DD (default: today), for reproducible runs
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<String>,
    /// More log output on stderr (-v, -vv)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Largest input file, in bytes (docs/limits.md)
    #[arg(long, global = true, value_name = "BYTES", env = "BEELDBEL_MAX_FILE_BYTES",
          default_value_t = limits::DEFAULT.file_bytes, value_parser = at_least_one,
          help_heading = "Limits")]
    pub max_file_bytes: u64,
    /// Largest saved JSON report for `report --from` and `diff`, in bytes (docs/limits.md)
    #[arg(long, global = true, value_name = "BYTES", env = "BEELDBEL_MAX_REPORT_BYTES",
          default_value_t = limits::DEFAULT.report_bytes, value_parser = at_least_one,
          help_heading = "Limits")]
    pub max_report_bytes: u64,
    /// Most deployments in one organisation file (docs/limits.md)
    #[arg(long, global = true, value_name = "N", env = "BEELDBEL_MAX_DEPLOYMENTS",
          default_value_t = limits::DEFAULT.deployments, value_parser = at_least_one,
          help_heading = "Limits")]
    pub max_deployments: u64,
    /// Most entries in any other list of an input file (docs/limits.md)
    #[arg(long, global = true, value_name = "N", env = "BEELDBEL_MAX_LIST_ITEMS",
          default_value_t = limits::DEFAULT.list_items, value_parser = at_least_one,
          help_heading = "Limits")]
    pub max_list_items: u64,
    /// Extra CA certificate(s) (PEM) trusted for https:// sources, besides the web PKI roots
    #[arg(
        long,
        global = true,
        value_name = "PEM",
        env = "SSL_CERT_FILE",
        help_heading = "Remote sources"
    )]
    pub ca_file: Option<PathBuf>,
    /// Do not use the network: https:// sources come from the cache, and only when pinned
    /// (URL#sha256= or the lock file)
    #[arg(long, global = true, help_heading = "Remote sources")]
    pub offline: bool,
    /// The lock file with the SHA-256 of each https:// source (default: beeldbel.lock in the
    /// current folder, if it exists)
    #[arg(
        long = "lock",
        global = true,
        value_name = "FILE",
        help_heading = "Remote sources"
    )]
    pub lock_file: Option<PathBuf>,
    /// Time limit of one https:// fetch, in seconds (redirects included)
    #[arg(long, global = true, value_name = "SECONDS", env = "BEELDBEL_NET_TIMEOUT",
          default_value = "30", value_parser = seconds, help_heading = "Remote sources")]
    pub net_timeout: std::time::Duration,
    /// The fetcher of this run's https:// sources (one client, each URL fetched once).
    #[arg(skip)]
    pub fetcher: std::sync::OnceLock<remote::Shared>,
}

impl Global {
    /// Where the policy and catalogue come from.
    pub fn sources(&self) -> Sources {
        Sources {
            policy: self.policy.clone(),
            platforms: self.platforms.clone(),
            facts: self.facts.clone(),
            remote: Some(self.fetcher().clone()),
        }
    }

    /// How https:// sources are fetched in this run.
    pub fn remote_settings(&self) -> remote::Settings {
        let (lock, lock_named) = match &self.lock_file {
            Some(p) => (p.clone(), true),
            None => (PathBuf::from(remote::LOCK_FILE), false),
        };
        remote::Settings {
            net: beeldbel::net::NetOptions {
                ca_file: self.ca_file.clone().filter(|p| !p.as_os_str().is_empty()),
                timeout: self.net_timeout,
                max_bytes: self.max_file_bytes,
            },
            offline: self.offline,
            lock,
            lock_named,
            cache: remote::default_cache_dir(),
            use_lock: true,
        }
    }

    /// The fetcher shared by every loader of this run.
    pub fn fetcher(&self) -> &remote::Shared {
        self.fetcher
            .get_or_init(|| remote::Fetcher::shared(self.remote_settings()))
    }

    /// The limits on inputs of this run.
    pub fn limits(&self) -> limits::Limits {
        limits::Limits {
            file_bytes: self.max_file_bytes,
            report_bytes: self.max_report_bytes,
            deployments: self.max_deployments,
            list_items: self.max_list_items,
        }
    }
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
    /// Advice for one appointment: is video calling suitable? (a file, flags, or both; flags win)
    Advise(AdviseArgs),
    /// Explain a requirement (e.g. AVG-DPIA-01) or a platform (e.g. zoom)
    Explain {
        /// Requirement id or platform id
        id: String,
    },
    /// Show the platform catalogue as a table
    Platforms {
        /// List only the facts older than the policy's `max_fact_age_days`, with their sources
        #[arg(long, conflicts_with = "export")]
        stale: bool,
        /// Write the catalogue in use (with the overlays of --facts) as editable platform files
        /// `<id>.toml` into DIR, loadable with --platforms DIR
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
        /// With --export: replace files that already exist
        #[arg(long, requires = "export")]
        force: bool,
    },
    /// Print the JSON Schema of a file type
    Schema {
        /// The file type
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Render a saved JSON report (`check --format json`) in another format, without
    /// evaluating again
    Report(ReportArgs),
    /// Rate every platform edition in the catalogue: acceptabel, acceptabel onder voorwaarden
    /// (with the settings to change), niet acceptabel (with the reasons)
    Channels(ChannelsArgs),
    /// A DPIA draft (Model DPIA Rijksdienst v3.0) pre-filled from an organisation file, the
    /// catalogue and the check outcomes; every gap is marked
    Dpia(DpiaArgs),
    /// Print a shell completion script (e.g. `beeldbel completions bash > ~/.local/share/bash-completion/completions/beeldbel`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual page (roff) to stdout, or with --output DIR a page per command
    Man {
        /// A folder (beeldbel.1 and beeldbel-<command>.1 inside) or a file (beeldbel.1 only)
        #[arg(long, short = 'o', value_name = "DIR|FILE")]
        output: Option<PathBuf>,
    },
    /// What changed between two saved JSON reports (`check --format json`) of the same
    /// organisation(s); exit 1 when something got worse
    Diff(DiffArgs),
    /// Look at a self-hosted Jitsi Meet, BigBlueButton or Nextcloud Talk server from outside:
    /// TLS, security headers, and what its public configuration says (docs/probe.md); exit 1
    /// when a finding works against a requirement
    Probe(ProbeArgs),
    /// Fetch https:// sources, and write their SHA-256 to the lock file (beeldbel.lock or
    /// --lock FILE) that every command then checks them against
    Lock(LockArgs),
}

#[derive(Debug, Args)]
pub struct LockArgs {
    /// The URLs to lock (default: the https:// sources of --policy, --platforms and --facts)
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier saved JSON report
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,
    /// The later saved JSON report
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,
    /// Output format
    #[arg(long, value_parser = choice::<render::diff::Format>(), default_value = "text")]
    pub format: render::diff::Format,
    /// Write the diff to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ChannelsArgs {
    /// Report format
    #[arg(long, value_parser = choice::<render::channels::Format>(), default_value = "text")]
    pub format: render::channels::Format,
    /// Show only editions with this rating or better
    #[arg(long, value_parser = choice::<Only>())]
    pub only: Option<Only>,
    /// A previous list (`channels --format json`): show what changed since
    #[arg(long, value_name = "OLD.json")]
    pub previous: Option<PathBuf>,
    /// Write the list to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DpiaArgs {
    /// The organisation file
    pub file: PathBuf,
    /// Draft format
    #[arg(long, value_parser = choice::<render::dpia::Format>(), default_value = "markdown")]
    pub format: render::dpia::Format,
    /// Write the draft to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that counts against the verdict in the check outcomes
    #[arg(long, value_parser = choice::<Severity>(), default_value = "medium")]
    pub fail_on: Severity,
    /// The organisation's answers to the draft's open points (a TOML file keyed by the points'
    /// keys; write one with --answers-template)
    #[arg(long, value_name = "ANSWERS.toml")]
    pub answers: Option<PathBuf>,
    /// Write an answers file with every open point as an entry to fill in, instead of the draft
    /// (with --answers: the answers given are kept)
    #[arg(long)]
    pub answers_template: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The saved JSON report
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// Report format
    #[arg(long, value_parser = choice::<Format>(), default_value = "text")]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Organisation files or folders
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_parser = choice::<Format>(), default_value = "text")]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Lowest severity that makes the verdict fail
    #[arg(long, value_parser = choice::<Severity>(), default_value = "medium")]
    pub fail_on: Severity,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Org,
    Policy,
    Platform,
    /// A facts overlay (`--facts`)
    Overlay,
    Appointment,
    /// The JSON report (`check --format json`)
    Report,
    /// The JSON advice (`advise --format json`)
    Advice,
    /// A DPIA answers file (`dpia --answers`)
    Answers,
}

#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Appointment file (TOML); the flags below override its fields
    pub file: Option<PathBuf>,
    /// What the conversation is for
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(beeldbel::schema::defs::ACTIVITIES))]
    pub activity: Option<String>,
    /// The first contact with the client
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub first_contact: Option<bool>,
    /// There is a conflict with the employer
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub conflict_with_employer: Option<bool>,
    /// The client has psychological complaints
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub psychological_complaints: Option<bool>,
    /// Physical contact is possible (false during a lockdown)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub physical_contact_possible: Option<bool>,
    /// The contact form the client prefers
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(beeldbel::schema::defs::PREFERENCES))]
    pub client_preference: Option<String>,
    /// The client agreed to a video call
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub client_consents_video: Option<bool>,
    /// Medical barriers, comma-separated
    #[arg(long, value_delimiter = ',', value_parser = clap::builder::PossibleValuesParser::new(beeldbel::schema::defs::MEDICAL_BARRIERS))]
    pub medical_barriers: Option<Vec<String>>,
    /// The client has limited digital skills
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub limited_digital_skills: Option<bool>,
    /// The client has limited language skills
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub limited_language_skills: Option<bool>,
    /// A long-running good contact exists
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub long_running_contact: Option<bool>,
    /// The client cannot travel
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub client_cannot_travel: Option<bool>,
    /// The client is terminally ill
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub terminal_illness: Option<bool>,
    /// A home visit is undesired
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_parser = yes_no)]
    pub home_visit_undesired: Option<bool>,
    /// Ask the open questions in the terminal, one at a time, then give the advice
    #[arg(long)]
    pub interactive: bool,
    /// Report format
    #[arg(long, value_parser = choice::<render::advice::Format>(), default_value = "text")]
    pub format: render::advice::Format,
    /// Write the advice to FILE (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl AdviseArgs {
    /// The fields set by flags, as TOML values.
    pub fn overrides(&self) -> Vec<(&'static str, toml::Value)> {
        let mut out = Vec::new();
        let s = |v: &Option<String>| v.clone().map(toml::Value::String);
        let b = |v: &Option<bool>| v.map(toml::Value::Boolean);
        for (k, v) in [
            ("activity", s(&self.activity)),
            ("first_contact", b(&self.first_contact)),
            ("conflict_with_employer", b(&self.conflict_with_employer)),
            (
                "psychological_complaints",
                b(&self.psychological_complaints),
            ),
            (
                "physical_contact_possible",
                b(&self.physical_contact_possible),
            ),
            ("client_preference", s(&self.client_preference)),
            ("client_consents_video", b(&self.client_consents_video)),
            (
                "medical_barriers",
                self.medical_barriers
                    .clone()
                    .map(|v| toml::Value::Array(v.into_iter().map(toml::Value::String).collect())),
            ),
            ("limited_digital_skills", b(&self.limited_digital_skills)),
            ("limited_language_skills", b(&self.limited_language_skills)),
            ("long_running_contact", b(&self.long_running_contact)),
            ("client_cannot_travel", b(&self.client_cannot_travel)),
            ("terminal_illness", b(&self.terminal_illness)),
            ("home_visit_undesired", b(&self.home_visit_undesired)),
        ] {
            if let Some(v) = v {
                out.push((k, v));
            }
        }
        out
    }
}

/// A limit's value: a whole number of at least 1.
fn at_least_one(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(beeldbel::i18n::tr(
            "verwacht een geheel getal van 1 of meer",
            "expected a whole number of 1 or more",
        )
        .to_string()),
    }
}

/// A time limit in seconds, more than 0 and at most a day (fractions allowed: `0.5`).
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>() {
        Ok(n) if n > 0.0 && n <= 86_400.0 => Ok(std::time::Duration::from_secs_f64(n)),
        _ => Err(beeldbel::i18n::tr(
            "verwacht een aantal seconden groter dan 0 (hoogstens 86400)",
            "expected a number of seconds greater than 0 (at most 86400)",
        )
        .to_string()),
    }
}

/// A yes/no flag value: `true`/`false`, `yes`/`no`, `ja`/`nee` (any case); the flag alone is yes.
fn yes_no(s: &str) -> Result<bool, String> {
    beeldbel::engine::advise::questions::yes_no(s).ok_or_else(|| {
        beeldbel::i18n::tr(
            "verwacht ja of nee (ook: yes/no, true/false)",
            "expected yes or no (also: ja/nee, true/false)",
        )
        .to_string()
    })
}

/// The output format of `probe`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ProbeFormat {
    /// For a terminal or a plain file
    Text,
    /// The probe report as data
    Json,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// The server's address (https:// only), e.g. https://meet.example.nl
    #[arg(value_name = "URL")]
    pub url: String,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: ProbeFormat,
    /// Also write what was seen as a facts overlay for `check --facts FILE`
    #[arg(long, value_name = "FILE")]
    pub facts_out: Option<PathBuf>,
    /// The deployment (its id in the organisation file) the probe is for, named in the report
    #[arg(long, value_name = "ID")]
    pub deployment: Option<String>,
    /// Probe only this platform's endpoints instead of recognising it
    #[arg(long, value_parser = ["jitsi", "bigbluebutton", "nextcloud-talk"])]
    pub platform: Option<String>,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
