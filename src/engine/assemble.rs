//! From evaluated organisations to the report: the overall verdict, the provenance; and the whole
//! check of one organisation file, as `dpia` needs it.

use std::path::Path;

use crate::diag::{Files, Sink};
use crate::engine::check::{Evaluator, Settings};
use crate::i18n;
use crate::model::inputs::Inputs;
use crate::model::org::{self, Org};
use crate::results::{
    self, CatalogueInfo, OrgReport, PolicyInfo, Report, SCHEMA_VERSION, Tool, Verdict,
};

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
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        evaluated_on: settings.today.to_string(),
        lang: i18n::lang(),
        fail_on: settings.fail_on,
        policy: PolicyInfo::of(&inputs.policy),
        catalogue: CatalogueInfo::of(&inputs.catalogue, oldest.map(|d| d.to_string())),
        verdict,
        organisations: reports,
        notice: results::notice(),
    }
}

/// One organisation file, checked.
pub struct Checked {
    pub org: Org,
    /// The report over this one organisation.
    pub report: Report,
}

/// Loads the organisation file `path`, evaluates it and assembles its report, as `check` does
/// for one file. `None` when the file cannot be used or the evaluation found an error (the
/// diagnostics are in `sink`); warnings (an expired or unused waiver) stay in `sink` and the
/// check goes on.
pub fn check_one(
    inputs: &Inputs,
    path: &Path,
    settings: Settings,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Checked> {
    let org = org::load(path, &inputs.catalogue, files, sink)?;
    if sink.has_errors() {
        return None;
    }
    let evaluated =
        Evaluator::new(&inputs.policy, &inputs.catalogue, settings).evaluate(&org, sink);
    if sink.has_errors() {
        return None;
    }
    let report = assemble_report(inputs, settings, vec![evaluated]);
    Some(Checked { org, report })
}
