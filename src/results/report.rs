//! The one report model: format-neutral, serialisable. The JSON report is this model as it is;
//! every other format renders from it. Identifiers are English and stable (`schema_version`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};
use crate::input::remote::RemoteSource;
use crate::model::catalogue::{Catalogue, Fact, FactOrigin, OverlayFile, SourceRef};
use crate::model::policy::{Policy, Scope, Severity};

/// The version of the JSON report's structure: 3 lists requirement texts, facts, sources and
/// recurring messages once and refers to them by key ([`crate::results::v3`]).
pub const SCHEMA_VERSION: u32 = crate::results::v3::VERSION;

/// The versions `report --from` reads: 1 had its texts frozen in one language, 2 repeated every
/// text and fact in each outcome.
pub const READABLE_VERSIONS: [u32; 3] = [1, 2, 3];

/// The outcome of one requirement for one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Pass,
    Fail,
    Unknown,
    NotApplicable,
    Waived,
    Error,
}

impl State {
    /// The states in the order summaries show them: what needs doing first.
    pub const SUMMARY: [State; 6] = [
        State::Fail,
        State::Unknown,
        State::Error,
        State::Waived,
        State::Pass,
        State::NotApplicable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Pass => "pass",
            State::Fail => "fail",
            State::Unknown => "unknown",
            State::NotApplicable => "not_applicable",
            State::Waived => "waived",
            State::Error => "error",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Pass => crate::i18n::tr("voldaan", "pass"),
            State::Fail => crate::i18n::tr("niet voldaan", "fail"),
            State::Unknown => crate::i18n::tr("onbekend", "unknown"),
            State::NotApplicable => crate::i18n::tr("niet van toepassing", "not applicable"),
            State::Waived => crate::i18n::tr("afwijking aanvaard", "waived"),
            State::Error => crate::i18n::tr("fout in beleid", "policy error"),
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Compliant,
    Incomplete,
    NonCompliant,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Compliant => crate::i18n::tr("voldoet", "compliant"),
            Verdict::Incomplete => crate::i18n::tr("onvolledig", "incomplete"),
            Verdict::NonCompliant => crate::i18n::tr("voldoet niet", "non-compliant"),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub evaluated_on: String,
    pub lang: Lang,
    pub fail_on: Severity,
    pub policy: PolicyInfo,
    pub catalogue: CatalogueInfo,
    pub verdict: Verdict,
    pub organisations: Vec<OrgReport>,
    /// "Not legal advice."
    pub notice: Text,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    /// This build of beeldbel.
    pub fn current() -> Tool {
        Tool {
            name: "beeldbel".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PolicyInfo {
    pub id: String,
    pub version: String,
    pub sha256: String,
    pub origin: String,
    pub max_fact_age_days: i64,
    /// The policy files fetched over HTTPS (`--policy https://…`): URL, SHA-256, fetch date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote: Vec<RemoteSource>,
}

impl PolicyInfo {
    /// What the provenance says of a policy.
    pub fn of(policy: &Policy) -> PolicyInfo {
        PolicyInfo {
            id: policy.id.clone(),
            version: policy.version.clone(),
            sha256: policy.sha256.clone(),
            origin: policy.origin.clone(),
            max_fact_age_days: policy.max_fact_age_days,
            remote: policy.remote.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogueInfo {
    pub sha256: String,
    pub origin: String,
    /// The oldest `checked` date of any fact the evaluation used.
    pub oldest_fact: Option<String>,
    /// The overlays (`--facts`) applied to the catalogue, in the order applied, each with its
    /// SHA-256.
    #[serde(default)]
    pub overlays: Vec<OverlayFile>,
    /// The platform file and overlays fetched over HTTPS (`--platforms`/`--facts https://…`):
    /// URL, SHA-256, fetch date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote: Vec<RemoteSource>,
}

impl CatalogueInfo {
    /// What the provenance says of a catalogue, with the oldest fact a report or list used.
    pub fn of(catalogue: &Catalogue, oldest_fact: Option<String>) -> CatalogueInfo {
        CatalogueInfo {
            sha256: catalogue.sha256.clone(),
            origin: catalogue.origin.clone(),
            oldest_fact,
            overlays: catalogue.overlays.clone(),
            remote: catalogue.remote.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OrgReport {
    pub file: String,
    pub sha256: String,
    pub name: String,
    pub verdict: Verdict,
    pub counts: Counts,
    pub deployments: Vec<DeploymentInfo>,
    pub outcomes: Vec<Outcome>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub unknown: usize,
    pub not_applicable: usize,
    pub waived: usize,
    pub error: usize,
}

impl Counts {
    /// The count of one state.
    pub fn get(&self, state: State) -> usize {
        match state {
            State::Pass => self.pass,
            State::Fail => self.fail,
            State::Unknown => self.unknown,
            State::NotApplicable => self.not_applicable,
            State::Waived => self.waived,
            State::Error => self.error,
        }
    }

    pub fn add(&mut self, s: State) {
        match s {
            State::Pass => self.pass += 1,
            State::Fail => self.fail += 1,
            State::Unknown => self.unknown += 1,
            State::NotApplicable => self.not_applicable += 1,
            State::Waived => self.waived += 1,
            State::Error => self.error += 1,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DeploymentInfo {
    pub id: String,
    pub platform: String,
    pub edition: String,
    /// The names in both languages (a name without a translation is the same in both).
    pub platform_name: Text,
    pub edition_name: Text,
    pub edition_kind: String,
    /// 1-based line of the deployment entry in the organisation file.
    pub line: usize,
}

impl DeploymentInfo {
    /// `zoom (Zoom — Zoom Workplace Pro)`: the deployment as a subject.
    pub fn label(&self) -> String {
        format!(
            "{} ({} — {})",
            self.id, self.platform_name, self.edition_name
        )
    }

    /// `Deployment zoom: Zoom — Zoom Workplace Pro`: the heading of its outcomes.
    pub fn heading(&self) -> String {
        format!(
            "{} {}: {} — {}",
            crate::i18n::tr("Deployment", "Deployment"),
            self.id,
            self.platform_name,
            self.edition_name
        )
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Outcome {
    pub requirement: String,
    /// The requirement's title, from the policy, in both languages.
    pub title: Arc<Text>,
    pub scope: Scope,
    /// The deployment id, or `organisation`.
    pub subject: String,
    pub severity: Severity,
    pub state: State,
    /// For `waived`: what it would have been.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub underlying_state: Option<State>,
    /// Fields the check needed that the input left out.
    pub missing: Vec<String>,
    /// The finding, in both languages.
    pub message: Text,
    /// What to do, from the policy, in both languages.
    pub remediation: Arc<Text>,
    pub references: Arc<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub waiver: Option<WaiverInfo>,
    /// 1-based line in the organisation (or appointment) file that decides this outcome: the
    /// field that is wrong, the nearest present parent of a missing field, or the deployment
    /// entry. Absent when nothing in the file decides it (e.g. a whole section is missing).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    /// Catalogue facts the check read, with their sources.
    pub evidence: Vec<Arc<Evidence>>,
    /// Values from the organisation file the check read (as written there).
    pub inputs: Vec<InputValue>,
    /// For a requirement that reads `channel.*` (a derived outcome, e.g. BEROEP-KANAAL-01) that
    /// failed or is unknown: the platform requirements that made the channel fail or unknown
    /// for this deployment's edition, with their facts.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub because: Vec<Because>,
}

/// A platform requirement a derived outcome rests on: one of severity medium or higher that
/// failed, could not be evaluated or was unknown for the deployment's edition, and that no valid
/// waiver of the organisation covers.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Because {
    pub requirement: String,
    /// The requirement's title, from the policy, in both languages.
    pub title: Arc<Text>,
    pub severity: Severity,
    /// `fail`, `error` or `unknown`.
    pub state: State,
    /// For `unknown`: the catalogue facts (`catalogue:platform/edition.attribute`) or fields it
    /// lacked.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub missing: Vec<String>,
    /// The catalogue facts it read, with their sources.
    pub evidence: Vec<Arc<Evidence>>,
}

/// A value from the organisation file that an outcome rests on.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InputValue {
    /// The field as written in the organisation file (`dpia.status`, `deployments[zoom].recording`).
    pub field: String,
    pub value: serde_json::Value,
    /// 1-based line in the organisation file.
    pub line: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaiverInfo {
    pub reason: String,
    pub approved_by: String,
    pub approved_on: String,
    pub expires: String,
    pub expired: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evidence {
    pub platform: String,
    pub edition: String,
    pub attribute: String,
    pub value: serde_json::Value,
    /// `None`: an unsourced attribute.
    pub source: Option<std::sync::Arc<SourceRef>>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<Text>,
    /// Older than the policy's `max_fact_age_days`.
    pub stale: bool,
    /// Where the fact came from: the catalogue, an overlay (`--facts`) or the organisation file.
    #[serde(default)]
    pub origin: EvidenceOrigin,
    /// The fact an overlay or the organisation file corrected.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replaced: Option<ReplacedFact>,
}

/// What supplied a fact.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OriginKind {
    /// The catalogue in use (embedded or `--platforms`).
    #[default]
    Catalogue,
    /// An overlay given with `--facts`.
    Overlay,
    /// The organisation file (`[deployments.facts]`).
    Organisation,
}

impl OriginKind {
    /// In words, in this run's language.
    pub fn label(self) -> &'static str {
        match self {
            OriginKind::Catalogue => crate::i18n::tr("catalogus", "catalogue"),
            OriginKind::Overlay => crate::i18n::tr("overlay", "overlay"),
            OriginKind::Organisation => crate::i18n::tr("organisatiebestand", "organisation file"),
        }
    }
}

/// Where a fact came from: its kind and, for an overlay or the organisation, the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EvidenceOrigin {
    pub kind: OriginKind,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub file: Option<String>,
}

impl EvidenceOrigin {
    /// `catalogus`, `overlay fg-teams.toml`, `organisatiebestand org.toml`.
    pub fn label(&self) -> String {
        match &self.file {
            Some(f) => format!("{} {f}", self.kind.label()),
            None => self.kind.label().to_string(),
        }
    }
}

impl From<&FactOrigin> for EvidenceOrigin {
    fn from(o: &FactOrigin) -> Self {
        match o {
            FactOrigin::Catalogue => EvidenceOrigin::default(),
            FactOrigin::Overlay { file } => EvidenceOrigin {
                kind: OriginKind::Overlay,
                file: Some(file.clone()),
            },
            FactOrigin::Organisation { file } => EvidenceOrigin {
                kind: OriginKind::Organisation,
                file: Some(file.clone()),
            },
        }
    }
}

/// The fact a correction replaced: its value, the title of its source and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReplacedFact {
    pub value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source_title: Option<String>,
    #[serde(default)]
    pub origin: EvidenceOrigin,
}

impl ReplacedFact {
    /// What `fact` replaced, if anything.
    pub fn of(fact: &Fact) -> Option<ReplacedFact> {
        let r = fact.replaced.as_deref()?;
        Some(ReplacedFact {
            value: r.value.to_json(),
            source_title: r.source.as_ref().map(|s| s.title.clone()),
            origin: EvidenceOrigin::from(&r.origin),
        })
    }
}

/// The "not legal advice" notice every report carries.
pub fn notice() -> Text {
    crate::both!(
        "Dit rapport is geen juridisch advies. Het toetst de ingevulde gegevens aan het beleid en de catalogus; de verantwoordelijkheid voor de beoordeling blijft bij de organisatie en haar functionaris gegevensbescherming.",
        "This report is not legal advice. It tests the data provided against the policy and the catalogue; responsibility for the assessment stays with the organisation and its data protection officer.",
    )
}

/// The JSON Schema of the JSON report this beeldbel writes (version 3), generated from its model
/// ([`crate::results::v3::Document`]).
pub fn json_schema() -> serde_json::Value {
    crate::results::v3::json_schema()
}

/// The requirement ids of the outcomes in `state`, in order.
pub fn ids_in<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>, state: State) -> Vec<&'a str> {
    outcomes
        .into_iter()
        .filter(|o| o.state == state)
        .map(|o| o.requirement.as_str())
        .collect()
}
