//! `report --from`: render a saved JSON report again, without evaluating.

use beeldbel::results::{READABLE_VERSIONS, Report};

use super::ExitStatus;
use super::check::emit_report;
use crate::args::ReportArgs;
use beeldbel::diag::{Code, Diagnostic, FileId, Files, Sink};
use beeldbel::i18n::tr;

/// `report --from`: renders a saved JSON report without evaluating again.
pub fn run(args: &ReportArgs, files: &mut Files, sink: &mut Sink) -> ExitStatus {
    if super::output_replaces_input(args.output.as_deref(), &[args.from.as_path()], sink) {
        return ExitStatus::InputError;
    }
    let Some(bytes) = beeldbel::input::read_bytes_within(
        &args.from,
        beeldbel::input::limits::Limit::ReportBytes,
        sink,
    ) else {
        return ExitStatus::InputError;
    };
    let Some(src) =
        beeldbel::input::add_bytes(args.from.display().to_string(), &bytes, files, sink)
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
    // Only the version is kept from this first pass (serde skips the rest without building it),
    // so a large report is not held twice.
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version = serde_json::from_str::<Version>(text)
        .ok()
        .and_then(|v| v.schema_version);
    if let Some(v) = version.filter(|v| !READABLE_VERSIONS.iter().any(|r| u64::from(*r) == *v)) {
        let offset = text.find("\"schema_version\"").unwrap_or(0);
        let readable = READABLE_VERSIONS
            .map(|r| r.to_string())
            .join(beeldbel::i18n::tr(" en ", " and "));
        sink.push(bad(
            beeldbel::tr!(
                "rapport met schema_version {v}; deze beeldbel leest versie {}",
                "report of schema_version {v}; this beeldbel reads version {}",
                readable
            ),
            offset,
            tr("andere versie", "other version").into(),
        ));
        return ExitStatus::InputError;
    }
    match serde_json::from_str::<Report>(text) {
        Ok(mut report) => emit_report(&mut report, args.format, args.output.as_deref(), sink),
        Err(e) => {
            let offset = offset_of(files, src.file, e.line(), e.column());
            sink.push(bad(
                beeldbel::tr!(
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

/// The byte offset of a 1-based line and column (as serde_json counts them) in a registered
/// file, by the line index built when it was added; a line past the text gives its end.
fn offset_of(files: &Files, file: FileId, line: usize, column: usize) -> usize {
    let text = files.text(file);
    files
        .lines(file)
        .and_then(|lines| lines.offset(text, line, column))
        .unwrap_or(text.len())
}
