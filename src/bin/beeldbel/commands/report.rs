//! `report --from`: render a saved JSON report again, without evaluating.

use beeldbel::results::READABLE_VERSIONS;

use super::ExitStatus;
use super::check::emit_report;
use crate::args::ReportArgs;
use beeldbel::diag::{Files, Sink};

/// `report --from`: renders a saved JSON report without evaluating again.
pub fn run(args: &ReportArgs, files: &mut Files, sink: &mut Sink) -> ExitStatus {
    if super::output_replaces_input(args.output.as_deref(), &[args.from.as_path()], sink) {
        return ExitStatus::InputError;
    }
    let kind = beeldbel::input::saved::SavedKind {
        noun: ["beeldbel-rapport", "beeldbel report"],
        expected: [
            "verwacht een JSON-rapport van `beeldbel check --format json` (schema: `beeldbel schema report`)",
            "expected a JSON report from `beeldbel check --format json` (schema: `beeldbel schema report`)",
        ],
        versions: &READABLE_VERSIONS,
    };
    match beeldbel::input::saved::read_saved_report(&args.from, &kind, files, sink) {
        Some((mut report, _)) => {
            emit_report(&mut report, args.format, args.output.as_deref(), sink)
        }
        None => ExitStatus::InputError,
    }
}
