//! OSCAL 1.1 assessment results (JSON): the organisation as the assessed system, one finding per
//! requirement × subject.
//!
//! Shape (OSCAL 1.1.2, checked with compliance-trestle's models in `tests/oscal/validate.py`):
//!
//! - one `results[]` entry per organisation file: its own assessed system (a `this-system`
//!   component for the organisation, a `service` component per deployment), its own start/end,
//!   reviewed controls (the requirement ids) and findings, so a GRC tool can import organisations
//!   separately;
//! - per outcome an observation (the message, and as `relevant-evidence` the catalogue facts
//!   with their source and the organisation-file fields with file and line) and, except for
//!   `not_applicable`, a finding whose `target.status` says `satisfied` or `not-satisfied`;
//! - a waiver becomes a risk with status `deviation-approved`, linked from the finding;
//! - provenance (tool, policy, catalogue, files, date) as `props` in namespace [`NS`];
//! - `import-ap` points at a back-matter resource describing the policy: beeldbel has no
//!   separate OSCAL assessment plan, and no URL is invented for one.
//!
//! Output is reproducible: timestamps are the evaluation date at 00:00:00Z, and every UUID is
//! derived from SHA-256 of stable names (see [`Ids`]), never random or from the clock.
//!
//! OSCAL's JSON titles, descriptions and remarks are Markdown: every string from an input is
//! escaped there, so it shows as text, never as markup. Property values are plain text.
//!
//! The model is in [`model`]; the mapping from the report in [`mapping`] (the document),
//! [`result`] (one organisation file), [`evidence`] (one outcome) and [`values`] (UUIDs, text).

mod evidence;
mod mapping;
pub mod model;
mod parts;
mod result;
mod values;

pub use model::{NS, OSCAL_VERSION};
pub use parts::OscalReport;

use crate::render::RenderError;
use crate::results::Report;

/// Writes the OSCAL assessment results of `report` into `w`, pretty-printed, ending in a line
/// break.
pub fn write(report: &Report, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&OscalReport::default(), report, w)
}

#[cfg(test)]
mod tests {
    use super::values::{Ids, code, md, md_block, token, uri, uuid_from};
    use super::*;

    fn render(report: &Report) -> String {
        let mut out = Vec::new();
        write(report, &mut out).expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn uuids_are_version_5_variant_rfc4122_and_stable() {
        let u = uuid_from("x");
        assert_eq!(u, uuid_from("x"));
        assert_ne!(u, uuid_from("y"));
        let b = u.as_bytes();
        assert_eq!(u.len(), 36);
        assert_eq!(b[14], b'5');
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn ids_stay_unique_for_equal_names() {
        let mut ids = Ids::default();
        let a = ids.get(&["finding", "f.toml"]);
        let b = ids.get(&["finding", "f.toml"]);
        assert_ne!(a, b);
        // Names are unambiguous: ["a", "b"] is not ["a\",\"b"].
        assert_ne!(ids.get(&["a", "b"]), ids.get(&["a\",\"b"]));
    }

    #[test]
    fn markdown_is_escaped_and_single_line() {
        assert_eq!(md("<b>x</b> & *y*\nz"), "\\<b\\>x\\</b\\> \\& \\*y\\* z");
        assert_eq!(md("- item"), "- item");
        assert_eq!(md_block("- item"), "\\- item");
        assert_eq!(md_block("---"), "\\---");
        assert_eq!(md_block("1. item"), "1\\. item");
        assert_eq!(md_block("2026.1 is a version"), "2026.1 is a version");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn a_report_without_organisations_still_has_one_result() {
        let report = Report {
            schema_version: crate::results::SCHEMA_VERSION,
            tool: crate::results::Tool::current(),
            evaluated_on: "2026-11-23".into(),
            lang: crate::i18n::Lang::Nl,
            fail_on: crate::model::policy::Severity::Medium,
            policy: crate::results::PolicyInfo {
                id: "p".into(),
                version: "1".into(),
                sha256: "0".repeat(64),
                origin: "embedded".into(),
                max_fact_age_days: 540,
                remote: Vec::new(),
            },
            catalogue: crate::results::CatalogueInfo {
                sha256: "1".repeat(64),
                origin: "embedded".into(),
                oldest_fact: None,
                overlays: Vec::new(),
                remote: Vec::new(),
            },
            verdict: crate::results::Verdict::Compliant,
            organisations: Vec::new(),
            notice: crate::i18n::Text::same("n"),
        };
        let out = render(&report);
        assert_eq!(out, render(&report));
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let results = doc["assessment-results"]["results"].as_array().unwrap();
        assert_eq!(results.len(), 1);
        assert!(results[0].get("findings").is_none());
        assert_eq!(
            results[0]["reviewed-controls"]["control-selections"][0]["include-all"],
            serde_json::json!({})
        );
    }

    #[test]
    fn tokens_and_uris() {
        assert_eq!(token("AVG-DPIA-01"), "AVG-DPIA-01");
        assert_eq!(token("1 x"), "_1_x");
        assert!(uri("https://example.org/a%20b").is_some());
        assert!(uri("https://example.org/a b").is_none());
        assert!(uri("no scheme").is_none());
    }
}
