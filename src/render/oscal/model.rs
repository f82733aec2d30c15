//! The subset of the OSCAL 1.1 assessment-results model that beeldbel writes: serialise-only
//! structs, field order as in the OSCAL model, names in OSCAL's kebab-case.

use serde::Serialize;

/// The OSCAL version the document conforms to.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The namespace of beeldbel's own properties: a URN, which names no web site.
pub const NS: &str = "urn:beeldbel:oscal";

// =============================================================================================
// The OSCAL subset written (serialise-only; field order as in the OSCAL model)
// =============================================================================================

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Document {
    pub(super) assessment_results: AssessmentResults,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct AssessmentResults {
    pub(super) uuid: String,
    pub(super) metadata: Metadata,
    pub(super) import_ap: ImportAp,
    /// Written in its place, result by result.
    pub(super) results: crate::render::sarif::parts::Slot,
    pub(super) back_matter: BackMatter,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Metadata {
    pub(super) title: String,
    pub(super) last_modified: String,
    pub(super) version: String,
    pub(super) oscal_version: &'static str,
    pub(super) props: Vec<Prop>,
    pub(super) remarks: String,
}

#[derive(Serialize)]
pub(super) struct Prop {
    pub(super) name: &'static str,
    pub(super) ns: &'static str,
    pub(super) value: String,
}

#[derive(Serialize)]
pub(super) struct ImportAp {
    pub(super) href: String,
    pub(super) remarks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct ResultSet {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) start: String,
    pub(super) end: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) props: Vec<Prop>,
    pub(super) local_definitions: LocalDefinitions,
    pub(super) reviewed_controls: ReviewedControls,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) observations: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) risks: Vec<Risk>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct LocalDefinitions {
    pub(super) components: Vec<Component>,
    pub(super) assessment_assets: AssessmentAssets,
}

#[derive(Serialize)]
pub(super) struct Component {
    pub(super) uuid: String,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) props: Vec<Prop>,
    pub(super) status: ComponentStatus,
}

#[derive(Serialize)]
pub(super) struct ComponentStatus {
    pub(super) state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct AssessmentAssets {
    pub(super) components: Vec<Component>,
    pub(super) assessment_platforms: Vec<AssessmentPlatform>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct AssessmentPlatform {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) uses_components: Vec<UsesComponent>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct UsesComponent {
    pub(super) component_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct ReviewedControls {
    pub(super) description: String,
    pub(super) control_selections: Vec<ControlSelection>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct ControlSelection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) include_all: Option<Empty>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) include_controls: Vec<SelectControl>,
}

/// `{}`
#[derive(Serialize)]
pub(super) struct Empty {}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct SelectControl {
    pub(super) control_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Observation {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) props: Vec<Prop>,
    pub(super) methods: Vec<&'static str>,
    pub(super) types: Vec<&'static str>,
    pub(super) origins: Vec<Origin>,
    pub(super) subjects: Vec<SubjectRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) relevant_evidence: Vec<RelevantEvidence>,
    pub(super) collected: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) remarks: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Origin {
    pub(super) actors: Vec<Actor>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Actor {
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) actor_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct SubjectRef {
    pub(super) subject_uuid: String,
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) title: String,
}

#[derive(Serialize)]
pub(super) struct RelevantEvidence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) href: Option<String>,
    pub(super) description: String,
    pub(super) props: Vec<Prop>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Finding {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) props: Vec<Prop>,
    pub(super) origins: Vec<Origin>,
    pub(super) target: Target,
    pub(super) related_observations: Vec<RelatedObservation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(super) related_risks: Vec<RelatedRisk>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Target {
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) target_id: String,
    pub(super) title: String,
    pub(super) status: ObjectiveStatus,
}

#[derive(Serialize)]
pub(super) struct ObjectiveStatus {
    pub(super) state: &'static str,
    pub(super) reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) remarks: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RelatedObservation {
    pub(super) observation_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RelatedRisk {
    pub(super) risk_uuid: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct Risk {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) statement: String,
    pub(super) props: Vec<Prop>,
    pub(super) status: &'static str,
    pub(super) origins: Vec<Origin>,
    pub(super) deadline: String,
    pub(super) risk_log: RiskLog,
    pub(super) related_observations: Vec<RelatedObservation>,
}

#[derive(Serialize)]
pub(super) struct RiskLog {
    pub(super) entries: Vec<RiskLogEntry>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RiskLogEntry {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) start: String,
    pub(super) status_change: &'static str,
}

#[derive(Serialize)]
pub(super) struct BackMatter {
    pub(super) resources: Vec<Resource>,
}

#[derive(Serialize)]
pub(super) struct Resource {
    pub(super) uuid: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) props: Vec<Prop>,
}
