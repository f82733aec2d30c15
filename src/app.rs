//! The commands: resolve flags into loaded inputs, run, render, and say how it went.
//!
//! Two phases, as in ripgrep: the parsed flags ([`crate::cli`]) first, then loaded inputs
//! ([`Inputs`]), then the command. Diagnostics go to stderr, the report to stdout (or a file,
//! written atomically).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::catalogue::Catalogue;
use crate::cli::{AdviseArgs, CheckArgs, Cli, Command, Global, ReportArgs, SchemaKind};
use crate::diag::{Code, Diagnostic, Files, Sink};
use crate::embedded;
use crate::eval::{self, Settings};
use crate::i18n::tr;
use crate::org::{self, Org};
use crate::policy::Policy;
use crate::report::{self, CatalogueInfo, OrgReport, PolicyInfo, Report, Tool, Verdict};
use crate::schema::{self, defs};

/// How a run ended; mapped to the process exit code once, in `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: compliant, or the command succeeded.
    Success,
    /// 1: non-compliant or incomplete.
    NotCompliant,
    /// 2: the input could not be used.
    InputError,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::NotCompliant => 1,
            ExitStatus::InputError => 2,
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
        Command::Check(args) => check(&cli.global, args, today, &mut files, &mut sink),
        Command::Validate { files: paths } => validate(&cli.global, paths, &mut files, &mut sink),
        Command::Advise(args) => advise(&cli.global, args, today, &mut files, &mut sink),
        Command::Explain { id } => explain(&cli.global, id, today, &mut files, &mut sink),
        Command::Platforms { stale } => {
            platforms(&cli.global, *stale, today, &mut files, &mut sink)
        }
        Command::Schema { kind } => schema_cmd(*kind),
        Command::Report(args) => reformat(args, &mut files, &mut sink),
        Command::Channels(args) => {
            crate::channels::command(&cli.global, args, today, &mut files, &mut sink)
        }
        Command::Dpia(args) => {
            crate::dpia::command(&cli.global, args, today, &mut files, &mut sink)
        }
    };
    emit_diagnostics(&sink, &files);
    if sink.has_errors() {
        ExitStatus::InputError
    } else {
        status
    }
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
            crate::tr!(
                "{errors} fout(en) in de invoer",
                "{errors} error(s) in the input"
            )
        );
    }
}

/// The policy and catalogue a command works with.
pub struct Inputs {
    pub policy: Policy,
    pub catalogue: Catalogue,
}

fn read_all(paths: &[PathBuf], sink: &mut Sink) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), crate::source::read_bytes(p, sink)?)))
        .collect()
}

fn embedded_inputs(list: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
    list.iter()
        .map(|(n, b)| (format!("<embedded>/{n}"), b.to_vec()))
        .collect()
}

/// Loads the policy and catalogue: embedded, or replaced by `--policy` / `--platforms`.
pub fn load_inputs(g: &Global, files: &mut Files, sink: &mut Sink) -> Inputs {
    let catalogue = load_catalogue(g, files, sink);
    let policy = load_policy(g, files, sink);
    Inputs { policy, catalogue }
}

/// The policy: embedded, or the files of `--policy`.
pub fn load_policy(g: &Global, files: &mut Files, sink: &mut Sink) -> Policy {
    if g.policy.is_empty() {
        return Policy::load(
            &embedded_inputs(embedded::POLICIES),
            "embedded",
            files,
            sink,
        );
    }
    let origin = g
        .policy
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    Policy::load(&read_all(&g.policy, sink), &origin, files, sink)
}

/// The catalogue: embedded, or the folder or file of `--platforms`.
pub fn load_catalogue(g: &Global, files: &mut Files, sink: &mut Sink) -> Catalogue {
    let Some(p) = &g.platforms else {
        return Catalogue::load(
            &embedded_inputs(embedded::PLATFORMS),
            "embedded",
            files,
            sink,
        );
    };
    let paths = if p.is_dir() {
        crate::batch::toml_files_in(p, sink)
    } else {
        vec![p.clone()]
    };
    if paths.is_empty() && p.is_dir() {
        sink.push(Diagnostic::error(
            Code::NoInput,
            crate::tr!(
                "map `{}` bevat geen platformbestanden (*.toml)",
                "folder `{}` holds no platform files (*.toml)",
                p.display()
            ),
        ));
    }
    Catalogue::load(
        &read_all(&paths, sink),
        &p.display().to_string(),
        files,
        sink,
    )
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
                        crate::tr!(
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
    let entries = crate::batch::expand(&args.files, sink);
    let results = crate::batch::run(&entries, !g.quiet, files, sink, |e, files, sink| {
        let bytes = crate::source::read_bytes(&e.path, sink)?;
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
                    crate::tr!(
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

fn check(
    g: &Global,
    args: &CheckArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let inputs = load_inputs(g, files, sink);
    let settings = Settings {
        today,
        fail_on: args.fail_on,
    };
    tracing::info!(
        policy = %inputs.policy.id,
        requirements = inputs.policy.requirements.len(),
        platforms = inputs.catalogue.platforms.len(),
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

/// The report over evaluated organisations: the overall verdict is the worst one.
pub fn assemble_report(inputs: &Inputs, settings: Settings, reports: Vec<OrgReport>) -> Report {
    let verdict = reports
        .iter()
        .map(|r| r.verdict)
        .max()
        .unwrap_or(Verdict::Compliant);
    let oldest = reports
        .iter()
        .flat_map(|r| r.outcomes.iter().flat_map(|o| o.evidence.iter()))
        .filter_map(|e| e.source.as_ref().map(|s| s.checked))
        .min();
    Report {
        schema_version: report::SCHEMA_VERSION,
        tool: Tool::current(),
        evaluated_on: settings.today.to_string(),
        lang: crate::i18n::lang(),
        fail_on: settings.fail_on,
        policy: policy_info(&inputs.policy),
        catalogue: catalogue_info(&inputs.catalogue, oldest.map(|d| d.to_string())),
        verdict,
        organisations: reports,
        notice: report::notice(),
    }
}

/// What the provenance says of the catalogue, with the oldest fact a report or list used.
pub fn catalogue_info(catalogue: &Catalogue, oldest_fact: Option<String>) -> CatalogueInfo {
    CatalogueInfo {
        sha256: catalogue.sha256.clone(),
        origin: catalogue.origin.clone(),
        oldest_fact,
    }
}

/// One organisation file, checked.
pub struct Checked {
    pub inputs: Inputs,
    pub org: Org,
    /// The report over this one organisation.
    pub report: Report,
}

/// Loads the policy, the catalogue and the organisation file `path`, evaluates it and assembles
/// its report, as `check` does for one file. `None` when an input cannot be used or the
/// evaluation found an error (the diagnostics are in `sink`); warnings (an expired or unused
/// waiver) stay in `sink` and the check goes on.
pub fn check_one(
    g: &Global,
    path: &Path,
    settings: Settings,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Checked> {
    let inputs = load_inputs(g, files, sink);
    if sink.has_errors() {
        return None;
    }
    let org = org::load(path, &inputs.catalogue, files, sink)?;
    if sink.has_errors() {
        return None;
    }
    let evaluated =
        eval::Evaluator::new(&inputs.policy, &inputs.catalogue, settings).evaluate(&org, sink);
    if sink.has_errors() {
        return None;
    }
    let report = assemble_report(&inputs, settings, vec![evaluated]);
    Some(Checked {
        inputs,
        org,
        report,
    })
}

/// Renders a report and writes it; the exit status follows the verdict.
fn emit_report(
    report: &mut Report,
    format: report::Format,
    output: Option<&Path>,
    sink: &mut Sink,
) -> ExitStatus {
    let to_terminal = output.is_none() && std::io::stdout().is_terminal();
    let color = to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let written = if format == report::Format::Json {
        // The JSON of a large batch is streamed, not built as one string.
        write_output_with(output, |w| report::json::write(report, w))
    } else {
        match report::render(report, format, report::text::Style { color }) {
            Ok(r) => write_output(output, &r),
            Err(e) => {
                sink.push(Diagnostic::error(Code::Io, e));
                return ExitStatus::InputError;
            }
        }
    };
    if let Err(e) = written {
        sink.push(Diagnostic::error(Code::Io, e));
        return ExitStatus::InputError;
    }
    match report.verdict {
        Verdict::Compliant => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    }
}

/// `report --from`: renders a saved JSON report without evaluating again.
fn reformat(args: &ReportArgs, files: &mut Files, sink: &mut Sink) -> ExitStatus {
    let Some(bytes) = crate::source::read_bytes(&args.from, sink) else {
        return ExitStatus::InputError;
    };
    let Some(src) = crate::source::add_bytes(args.from.display().to_string(), &bytes, files, sink)
    else {
        return ExitStatus::InputError;
    };
    let text = files.text(src.file);
    let bad = |message: String, offset: usize, label: String| {
        Diagnostic::error(Code::BadReport, message)
            .at(src.file, offset..offset, label)
            .note(tr(
                "verwacht een JSON-rapport van `beeldbel check --format json` (schema: `beeldbel schema report`)",
                "expected a JSON report from `beeldbel check --format json` (schema: `beeldbel schema report`)",
            ))
    };
    // The schema version first: a report of another version gets that as its error.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64));
    if let Some(v) = version.filter(|v| *v != u64::from(report::SCHEMA_VERSION)) {
        let offset = text.find("\"schema_version\"").unwrap_or(0);
        sink.push(bad(
            crate::tr!(
                "rapport met schema_version {v}; deze beeldbel leest versie {}",
                "report of schema_version {v}; this beeldbel reads version {}",
                report::SCHEMA_VERSION
            ),
            offset,
            tr("andere versie", "other version").into(),
        ));
        return ExitStatus::InputError;
    }
    match serde_json::from_str::<Report>(text) {
        Ok(mut report) => emit_report(&mut report, args.format, args.output.as_deref(), sink),
        Err(e) => {
            let offset = offset_of(text, e.line(), e.column());
            sink.push(bad(
                crate::tr!(
                    "`{}` is geen geldig beeldbel-rapport: {e}",
                    "`{}` is not a valid beeldbel report: {e}",
                    args.from.display()
                ),
                offset,
                tr("hier", "here").into(),
            ));
            ExitStatus::InputError
        }
    }
}

/// The byte offset of a 1-based line and column (as serde_json counts them).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    start + col
}

/// Writes to stdout, or to `path` atomically (a temporary file in the same folder, renamed into
/// place), so a reader never sees a half-written report.
pub fn write_output(path: Option<&Path>, text: &str) -> Result<(), String> {
    write_output_with(path, |w| w.write_all(text.as_bytes()))
}

/// Like [`write_output`], for output produced piece by piece by `write` (through a buffer).
pub fn write_output_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), String> {
    match path {
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match write(&mut out).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(e.to_string()),
            }
        }
        Some(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let fail = |e: &dyn std::fmt::Display| {
                crate::tr!(
                    "kan `{}` niet schrijven: {e}",
                    "cannot write `{}`: {e}",
                    p.display()
                )
            };
            let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp);
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| fail(&e))?;
            let tmp = out.into_inner().map_err(|e| fail(e.error()))?;
            tmp.as_file().sync_all().map_err(|e| fail(&e))?;
            tmp.persist(p).map_err(|e| fail(&e.error))?;
            Ok(())
        }
    }
}

/// The kinds of input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Policy,
    Platform,
    Organisation,
    Appointment,
}

/// Tells a file's kind from its top-level keys; `None` when it cannot be told.
pub fn looks_like(text: &str) -> Option<FileKind> {
    kind_of(schema::parse(text).0.get_ref())
}

/// Tells a parsed file's kind from its top-level keys.
pub fn kind_of(root: &toml::de::DeTable<'_>) -> Option<FileKind> {
    let has = |k: &str| root.iter().any(|(key, _)| key.get_ref() == k);
    if has("policy") || has("requirements") {
        Some(FileKind::Policy)
    } else if has("organisation") || has("deployments") {
        Some(FileKind::Organisation)
    } else if has("activity") {
        Some(FileKind::Appointment)
    } else if has("editions") || (has("id") && has("vendor")) {
        Some(FileKind::Platform)
    } else {
        None
    }
}

fn validate(g: &Global, paths: &[PathBuf], files: &mut Files, sink: &mut Sink) -> ExitStatus {
    // Policy and platform files named here are validated on their own; organisation files are
    // checked against the catalogue in use (embedded, or --platforms), loaded once when the
    // first one turns up. A folder gives its `*.toml` files.
    let entries = crate::batch::expand(paths, sink);
    let catalogue: std::sync::OnceLock<(Catalogue, Files, Sink)> = std::sync::OnceLock::new();
    let valid = crate::batch::run(&entries, !g.quiet, files, sink, |e, files, sink| {
        let p = &e.path;
        let bytes = crate::source::read_bytes(p, sink)?;
        // Parsed once: to tell the kind, and (for an organisation file) to validate.
        let text = std::str::from_utf8(&bytes).ok();
        let parsed = text.map(schema::parse);
        let kind = parsed
            .as_ref()
            .and_then(|(root, _)| kind_of(root.get_ref()));
        let name = p.display().to_string();
        let bytes = &bytes;
        match kind {
            Some(FileKind::Policy) => {
                Policy::load(&[(name.clone(), bytes.clone())], &name, files, sink);
            }
            Some(FileKind::Platform) => {
                Catalogue::load(&[(name.clone(), bytes.clone())], &name, files, sink);
            }
            Some(FileKind::Appointment) => {
                if let Some(src) = crate::source::add_bytes(name.clone(), bytes, files, sink) {
                    let text = files.text(src.file).to_string();
                    schema::parse_and_validate(src.file, &text, defs::APPOINTMENT_FILE, sink);
                }
            }
            Some(FileKind::Organisation) => {
                // Organisation files are checked against the catalogue in use, loaded once.
                let (c, _, _) = catalogue.get_or_init(|| {
                    let (mut f, mut s) = (Files::default(), Sink::default());
                    (load_catalogue(g, &mut f, &mut s), f, s)
                });
                if let Some(parsed) = parsed {
                    org::load_parsed(p, bytes, parsed, c, files, sink);
                }
            }
            None => {
                // Say why: not UTF-8, empty, broken TOML, or a TOML file of no known kind.
                if let Some(src) = crate::source::add_bytes(name.clone(), bytes, files, sink) {
                    let mut syntax = Sink::default();
                    let text = files.text(src.file).to_string();
                    if schema::parse_and_validate(src.file, &text, &[], &mut syntax).is_none() {
                        sink.extend(syntax);
                    } else {
                        sink.push(
                            Diagnostic::error(
                                Code::UnknownFileKind,
                                crate::tr!(
                                    "`{name}` is geen beleids-, platform- of organisatiebestand",
                                    "`{name}` is not a policy, platform or organisation file"
                                ),
                            )
                            .at(src.file, 0..0, String::new())
                            .note(tr(
                                "verwacht een [policy]-tabel, een [organisation]-tabel, id/vendor/[editions] van een platform, of `activity` van een afspraak",
                                "expected a [policy] table, an [organisation] table, a platform's id/vendor/[editions], or an appointment's `activity`",
                            )),
                        );
                    }
                }
            }
        }
        Some(!sink.has_errors())
    });
    if let Some((_, f, s)) = catalogue.into_inner() {
        let offset = files.absorb(f);
        sink.absorb(s, offset);
    }
    let count = valid.iter().filter(|v| **v).count();
    let total = entries.len();
    let summary = crate::tr!(
        "{count} van {total} bestand(en) geldig\n",
        "{count} of {total} file(s) valid\n"
    );
    report_result(write_output(None, &summary), sink)
}

fn explain(
    g: &Global,
    id: &str,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let inputs = load_inputs(g, files, sink);
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    let text = if let Some(r) = inputs.policy.requirement(id) {
        crate::report::explain::requirement(r)
    } else if let Some(p) = inputs.catalogue.platform(id) {
        crate::report::explain::platform(p, inputs.policy.max_fact_age_days, today)
    } else {
        let candidates: Vec<&str> = inputs
            .policy
            .requirements
            .iter()
            .map(|r| r.id.as_str())
            .chain(inputs.catalogue.platforms.iter().map(|p| p.id.as_str()))
            .collect();
        let mut d = Diagnostic::error(
            Code::NotFound,
            crate::tr!(
                "\"{id}\" is geen requirement of platform",
                "\"{id}\" is not a requirement or platform"
            ),
        );
        // Requirement ids are capitals; platform ids lowercase: try both spellings.
        let upper = id.to_uppercase();
        let word = if crate::diag::did_you_mean(&upper, candidates.iter().copied()).is_some() {
            upper.as_str()
        } else {
            id
        };
        d = d.suggest(word, candidates.iter().copied());
        sink.push(d.note(crate::tr!("bekend: {}", "known: {}", candidates.join(", "))));
        return ExitStatus::InputError;
    };
    report_result(write_output(None, &text), sink)
}

/// The exit status of a command that wrote its output (or failed to): an error goes to `sink`.
pub fn report_result(r: Result<(), String>, sink: &mut Sink) -> ExitStatus {
    match r {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            sink.push(Diagnostic::error(Code::Io, e));
            ExitStatus::InputError
        }
    }
}

fn platforms(
    g: &Global,
    stale: bool,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let inputs = load_inputs(g, files, sink);
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    let text = if stale {
        crate::report::explain::stale_facts(
            &inputs.catalogue,
            today,
            inputs.policy.max_fact_age_days,
        )
    } else {
        crate::report::explain::catalogue_table(&inputs.catalogue)
    };
    report_result(write_output(None, &text), sink)
}

fn schema_cmd(kind: SchemaKind) -> ExitStatus {
    let value = match kind {
        SchemaKind::Org => schema::json_schema("beeldbel organisation file", defs::ORG_FILE),
        SchemaKind::Policy => schema::json_schema("beeldbel policy file", defs::POLICY_FILE),
        SchemaKind::Platform => schema::json_schema("beeldbel platform file", defs::PLATFORM_FILE),
        SchemaKind::Appointment => {
            schema::json_schema("beeldbel appointment file", defs::APPOINTMENT_FILE)
        }
        SchemaKind::Report => report::json_schema(),
        SchemaKind::Advice => {
            serde_json::to_value(schemars::schema_for!(crate::advise::AdviceReport))
                .unwrap_or_default()
        }
    };
    let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    match write_output(None, &text) {
        Ok(()) => ExitStatus::Success,
        Err(_) => ExitStatus::InputError,
    }
}

pub fn policy_info(policy: &Policy) -> PolicyInfo {
    PolicyInfo {
        id: policy.id.clone(),
        version: policy.version.clone(),
        sha256: policy.sha256.clone(),
        origin: policy.origin.clone(),
        max_fact_age_days: policy.max_fact_age_days,
    }
}

/// `advise`: the appointment from a file and/or flags (flags win), the appointment rules of the
/// policy, the advice.
fn advise(
    g: &Global,
    args: &AdviseArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let policy = load_policy(g, files, sink);
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    // The file first, validated as written, so its errors point into it.
    let mut table = toml::Table::new();
    let mut from_file = None;
    if let Some(path) = &args.file {
        let Some(src) = crate::source::read(path, files, sink) else {
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
                Some((_, _, name)) => crate::tr!("{name} + opties", "{name} + flags"),
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
        fail_on: crate::policy::Severity::Medium,
    };
    let catalogue = Catalogue::default();
    let outcomes =
        eval::Evaluator::new(&policy, &catalogue, settings).evaluate_appointment(&node, &text);
    if outcomes.is_empty() {
        sink.push(Diagnostic::error(
            Code::NotFound,
            tr(
                "het beleid bevat geen afspraakregels (scope \"appointment\")",
                "the policy holds no appointment rules (scope \"appointment\")",
            ),
        ));
        return ExitStatus::InputError;
    }
    let advice = crate::advise::report(&node, source, outcomes, policy_info(&policy), today);
    let rendered = match args.format {
        report::advice::Format::Text => report::advice::render(&advice),
        report::advice::Format::Json => {
            serde_json::to_string_pretty(&advice).unwrap_or_default() + "\n"
        }
    };
    if let Err(e) = write_output(args.output.as_deref(), &rendered) {
        sink.push(Diagnostic::error(Code::Io, e));
        return ExitStatus::InputError;
    }
    match advice.advice {
        crate::advise::Advice::VideoSuitable => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    }
}
