//! SARIF 2.1.0: one rule per requirement, one result per fail, unknown, error or waived
//! outcome, pointing at the line in the organisation file that decides it.
//!
//! The document is a set of serialize-only structs rendered with serde_json (as ripgrep's JSON
//! printer does). Mapping (SARIF 2.1.0 §3.27.9, §3.27.10, §3.35):
//!
//! | state          | result `kind` | result `level`               | other                      |
//! |----------------|---------------|------------------------------|----------------------------|
//! | fail           | `fail`        | by severity (high → `error`, medium → `warning`, low → `note`) | |
//! | error          | `fail`        | by severity                  | + a tool execution notification |
//! | unknown        | `open`        | `none`                       | `properties.missing`       |
//! | waived         | as the underlying state | as the underlying state | `suppressions: [{kind: external, status: accepted, justification}]` |
//! | pass, not_applicable | — (no result) |                      |                            |
//!
//! A policy error counts as a failure because beeldbel fails closed on it (the verdict treats it
//! as `fail`); `open` is SARIF's word for "could not tell for lack of information", which is what
//! `unknown` means.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::{Lang, tr};
use crate::model::policy::{Scope, Severity};
use crate::render::RenderError;
use crate::results::{
    Because, CatalogueInfo, Evidence, InputValue, OrgReport, Outcome, PolicyInfo, Report, State,
    Verdict, WaiverInfo,
};

pub(crate) mod parts;

use crate::render::stream::End;
pub use parts::SarifReport;
use parts::{RuleIndex, Slot};

/// The `id` of the official SARIF 2.1.0 schema (Errata 01, OASIS Standard), the one the tests
/// validate against (`tests/schemas/sarif-schema-2.1.0.json`).
const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "beeldbel/outcome/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: ToolComponentWrapper<'a>,
    invocations: [Invocation; 1],
    /// BCP 47 tag of the language of the messages.
    language: &'static str,
    /// One per organisation, written from the summaries.
    artifacts: Slot,
    /// Written from the organisations' parts.
    results: Slot,
    properties: RunProperties<'a>,
}

#[derive(Serialize)]
struct ToolComponentWrapper<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: impl Into<String>) -> Text {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    severity: Severity,
    scope: Scope,
    references: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    /// Written from the organisations' parts, when there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    tool_execution_notifications: Option<Slot>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    associated_rule: RuleReference,
    locations: Vec<Location>,
}

#[derive(Serialize)]
struct RuleReference {
    id: String,
    index: RuleIndex,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    roles: [&'static str; 1],
    hashes: BTreeMap<&'static str, String>,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: RuleIndex,
    kind: &'static str,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    suppressions: Vec<Suppression<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

/// An accepted waiver: `kind` `external` (it lives in the organisation file, not at the line the
/// result points at) and `status` `accepted` (the waiver was approved, not merely proposed). A
/// waiver that has expired is no suppression at all: it only shows in the result's
/// `properties.waiver`.
#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
    properties: SuppressionProperties<'a>,
}

#[derive(Serialize)]
struct SuppressionProperties<'a> {
    approved_by: &'a str,
    approved_on: &'a str,
    expires: &'a str,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    underlying_state: Option<State>,
    subject: &'a str,
    scope: Scope,
    severity: Severity,
    /// Below the `--fail-on` threshold: advice, does not change the verdict.
    advisory: bool,
    organisation: &'a str,
    missing: &'a [String],
    references: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<&'a WaiverInfo>,
    evidence: &'a [std::sync::Arc<Evidence>],
    inputs: &'a [InputValue],
    #[serde(skip_serializing_if = "<[Because]>::is_empty")]
    because: &'a [Because],
}

#[derive(Serialize)]
struct RunProperties<'a> {
    tool_version: &'a str,
    evaluated_on: &'a str,
    lang: Lang,
    fail_on: Severity,
    verdict: Verdict,
    policy: &'a PolicyInfo,
    catalogue: &'a CatalogueInfo,
    /// One per organisation, written from the summaries.
    organisations: Slot,
    notice: &'a str,
}

#[derive(Serialize)]
struct OrgProperties<'a> {
    file: &'a str,
    sha256: &'a str,
    name: &'a str,
    verdict: Verdict,
}

/// Writes the SARIF log of `report` into `w`, pretty-printed, ending in a line break.
pub fn write(report: &Report, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&SarifReport::default(), report, w)
}

/// The log around the organisations' parts: rules (one per requirement that occurs, in order of
/// first occurrence), the invocation, and the run's properties; the arrays that grow with the
/// batch are [`Slot`]s, written in their place by [`parts`].
fn log<'a>(end: &End<'a>) -> Log<'a> {
    let report = end.head;
    let rules = end
        .seen
        .requirement_ids()
        .filter_map(|id| end.seen.requirements.get(id))
        .map(rule)
        .collect();
    Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: ToolComponentWrapper {
                driver: Driver {
                    name: &report.tool.name,
                    version: &report.tool.version,
                    semantic_version: &report.tool.version,
                    rules,
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: end.any(State::Error).then_some(Slot::NOTIFICATIONS),
            }],
            language: match report.lang {
                Lang::Nl => "nl",
                Lang::En => "en",
            },
            artifacts: Slot::ARTIFACTS,
            results: Slot::RESULTS,
            properties: RunProperties {
                tool_version: &report.tool.version,
                evaluated_on: &report.evaluated_on,
                lang: report.lang,
                fail_on: report.fail_on,
                verdict: report.verdict,
                policy: &report.policy,
                catalogue: &report.catalogue,
                organisations: Slot::ORGANISATIONS,
                notice: report.notice.get(),
            },
        }],
    }
}

/// The artifact of the organisation file at `index`.
fn artifact(file: &str, sha256: &str, index: usize) -> Artifact {
    Artifact {
        location: artifact_location(file, index),
        roles: ["analysisTarget"],
        hashes: BTreeMap::from([("sha-256", sha256.to_string())]),
    }
}

/// The notification of an outcome in state `error`.
fn notification(org: &OrgReport, org_index: usize, o: &Outcome, index: RuleIndex) -> Notification {
    Notification {
        level: "error",
        message: Text::new(format!("{}: {}", o.requirement, o.message)),
        associated_rule: RuleReference {
            id: o.requirement.clone(),
            index,
        },
        locations: vec![location(org, org_index, o)],
    }
}

fn rule(o: &Outcome) -> Rule<'_> {
    let basis = if o.references.is_empty() {
        String::new()
    } else {
        format!(
            "\n{} {}",
            tr("Grondslag:", "Basis:"),
            o.references.join("; ")
        )
    };
    Rule {
        id: &o.requirement,
        name: pascal_case(&o.requirement),
        short_description: Text::new(o.title.get().to_string()),
        full_description: Text::new(format!("{}.{basis}", o.title.get().trim_end_matches('.'))),
        help: Text::new(format!(
            "{} {}{basis}",
            tr("Wat te doen:", "What to do:"),
            o.remediation.get().trim()
        )),
        default_configuration: Configuration {
            level: level(o.severity),
        },
        properties: RuleProperties {
            severity: o.severity,
            scope: o.scope,
            references: &o.references,
        },
    }
}

/// `AVG-DPIA-01` → `AvgDpia01`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// `kind` and `level` of a result for an outcome in `state` (§3.27.9: only `fail` takes a level
/// other than `none`).
fn kind_and_level(state: State, severity: Severity) -> (&'static str, &'static str) {
    match state {
        State::Unknown => ("open", "none"),
        State::Pass => ("pass", "none"),
        State::NotApplicable => ("notApplicable", "none"),
        State::Fail | State::Error | State::Waived => ("fail", level(severity)),
    }
}

fn result<'a>(
    report: &Report,
    org: &'a OrgReport,
    org_index: usize,
    o: &'a Outcome,
    rule_index: RuleIndex,
) -> Option<SarifResult<'a>> {
    let (kind, level) = match o.state {
        State::Pass | State::NotApplicable => return None,
        State::Waived => kind_and_level(o.underlying_state.unwrap_or(State::Fail), o.severity),
        s => kind_and_level(s, o.severity),
    };
    // An accepted waiver is an external suppression. Every result carries the array (empty when
    // not suppressed): §3.27.23 wants `suppressions` on all results of a run or on none.
    let suppressions = match (&o.waiver, o.state) {
        (Some(w), State::Waived) => vec![Suppression {
            kind: "external",
            status: "accepted",
            justification: &w.reason,
            properties: SuppressionProperties {
                approved_by: &w.approved_by,
                approved_on: &w.approved_on,
                expires: &w.expires,
            },
        }],
        _ => Vec::new(),
    };
    let mut related_locations: Vec<Location> = o
        .inputs
        .iter()
        .enumerate()
        .map(|(n, input)| Location {
            id: Some(n),
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&org.file, org_index),
                region: Some(Region {
                    start_line: input.line,
                }),
            },
            logical_locations: Vec::new(),
            message: Some(Text::new(format!("{} = {}", input.field, input.value))),
        })
        .collect();
    // A derived outcome: each platform requirement it rests on, at the deployment's entry.
    // (Looked up only for such an outcome: a search per result would grow with the square of
    // the deployments.)
    let deployment_line = if o.because.is_empty() {
        None
    } else {
        org.deployments
            .iter()
            .find(|d| d.id == o.subject)
            .map(|d| d.line)
            .or(o.line)
    };
    for b in &o.because {
        related_locations.push(Location {
            id: Some(related_locations.len()),
            physical_location: PhysicalLocation {
                artifact_location: artifact_location(&org.file, org_index),
                region: deployment_line.map(|start_line| Region { start_line }),
            },
            logical_locations: Vec::new(),
            message: Some(Text::new(because_message(o, b))),
        });
    }
    Some(SarifResult {
        rule_id: &o.requirement,
        rule_index,
        kind,
        level,
        message: Text::new(message(o)),
        locations: vec![location(org, org_index, o)],
        related_locations,
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT_KEY,
            crate::input::sha256_hex(
                format!("{}\0{}\0{}", o.requirement, o.subject, org.file).as_bytes(),
            ),
        )]),
        suppressions,
        properties: ResultProperties {
            state: o.state,
            underlying_state: o.underlying_state,
            subject: &o.subject,
            scope: o.scope,
            severity: o.severity,
            advisory: o.severity < report.fail_on,
            organisation: &org.name,
            missing: &o.missing,
            references: &o.references,
            waiver: o.waiver.as_ref(),
            evidence: &o.evidence,
            inputs: &o.inputs,
            because: &o.because,
        },
    })
}

/// Title, subject, what went wrong, what is missing and the facts it read (with their sources
/// and where they came from): the first sentence is the summary.
fn message(o: &Outcome) -> String {
    let mut m = format!("{} [{}]: {}", o.title, o.subject, o.message);
    if !o.missing.is_empty() {
        m.push_str(&format!(
            "\n{} {}",
            tr("Ontbreekt:", "Missing:"),
            o.missing.join(", ")
        ));
    }
    for e in &o.evidence {
        m.push_str(&format!("\n{}", fact_line(e)));
    }
    m
}

/// One platform requirement a derived outcome rests on: why, with its facts and their sources.
fn because_message(o: &Outcome, b: &Because) -> String {
    let mut m = format!(
        "{} {} {} — {}",
        super::common::because_heading(o),
        b.requirement,
        b.title,
        b.state.label()
    );
    if !b.missing.is_empty() {
        m.push_str(&format!(
            "; {} {}",
            tr("ontbreekt:", "missing:"),
            b.missing.join(", ")
        ));
    }
    for e in &b.evidence {
        m.push_str(&format!("\n{}", fact_line(e)));
    }
    m
}

/// A fact on one line: where it is from, its source, what it replaced.
fn fact_line(e: &Evidence) -> String {
    format!(
        "{} {}/{}.{} = {}",
        tr("Feit:", "Fact:"),
        e.platform,
        e.edition,
        e.attribute,
        super::text::fact_tail(e)
    )
}

fn location(org: &OrgReport, org_index: usize, o: &Outcome) -> Location {
    let fully_qualified_name = if o.subject == "organisation" {
        "organisation".to_string()
    } else {
        format!("deployments[{}]", o.subject)
    };
    Location {
        id: None,
        physical_location: PhysicalLocation {
            artifact_location: artifact_location(&org.file, org_index),
            region: o.line.map(|start_line| Region { start_line }),
        },
        logical_locations: vec![LogicalLocation {
            name: o.subject.clone(),
            fully_qualified_name,
            kind: "object",
        }],
        message: None,
    }
}

/// The organisation file as a URI reference: relative paths stay relative (resolved against
/// `%SRCROOT%`), absolute paths become `file://` URIs.
fn artifact_location(file: &str, index: usize) -> ArtifactLocation {
    let path = file.replace('\\', "/");
    let absolute = path.starts_with('/')
        || (path.len() > 2
            && path.as_bytes()[1] == b':'
            && path.as_bytes()[0].is_ascii_alphabetic());
    if absolute {
        let path = path.trim_start_matches('/');
        ArtifactLocation {
            uri: format!("file:///{}", percent_encode(path, b":")),
            uri_base_id: None,
            index,
        }
    } else {
        let path = path.strip_prefix("./").unwrap_or(&path);
        ArtifactLocation {
            uri: percent_encode(path, b""),
            uri_base_id: Some(SRCROOT),
            index,
        }
    }
}

/// Percent-encodes everything in a path but unreserved characters, `/` and a few sub-delims
/// (RFC 3986), so that a file name with spaces or non-ASCII letters is a valid URI reference.
/// A `:` is kept only where `keep` says so, so that a relative path can never be read as a scheme.
fn percent_encode(path: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_of_ids() {
        assert_eq!(pascal_case("AVG-DPIA-01"), "AvgDpia01");
        assert_eq!(pascal_case("XSS-ORG-01"), "XssOrg01");
    }

    #[test]
    fn uris() {
        let rel = artifact_location("docs/examples/a b.toml", 0);
        assert_eq!(rel.uri, "docs/examples/a%20b.toml");
        assert_eq!(rel.uri_base_id, Some(SRCROOT));
        let abs = artifact_location("/tmp/één.toml", 0);
        assert_eq!(abs.uri, "file:///tmp/%C3%A9%C3%A9n.toml");
        assert_eq!(abs.uri_base_id, None);
        assert_eq!(artifact_location("./x:y.toml", 0).uri, "x%3Ay.toml");
        assert_eq!(
            artifact_location(r"C:\d\o.toml", 0).uri,
            "file:///C:/d/o.toml"
        );
    }
}
