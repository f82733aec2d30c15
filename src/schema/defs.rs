//! The field definitions of the policy, catalogue, organisation and appointment files, and of
//! the CEL variables. `docs/formats.md` documents them; `beeldbel schema` prints them.

use super::{Field, Ty};

// ---------------------------------------------------------------------------------------------
// Shared

/// `{ nl = "…", en = "…" }`
pub const LOCALIZED: &[Field] = &[
    Field::req("nl", Ty::Str, "Nederlandse tekst"),
    Field::req("en", Ty::Str, "English text"),
];

// ---------------------------------------------------------------------------------------------
// Catalogue attributes: the one place the attribute schema lives.

pub const E2EE: &[&str] = &["none", "optional", "default", "always"];
pub const RESIDENCY: &[&str] = &["none", "optional", "default"];
pub const RECORDING_MODES: &[&str] = &["local", "cloud"];
pub const CERTIFICATIONS: &[&str] = &[
    "ISO27001", "ISO27701", "ISO27017", "ISO27018", "SOC2", "NEN7510", "C5",
];
pub const STATUS: &[&str] = &["active", "retired"];
pub const EDITION_KINDS: &[&str] = &["consumer", "business", "self_hosted"];

/// Every catalogue attribute (platform or edition level; the edition overrides the platform).
pub const ATTRIBUTES: &[Field] = &[
    Field::opt(
        "vendor_country",
        Ty::Attr(&Ty::Country),
        "Where the contracting vendor is established (ISO 3166-1 alpha-2).",
    ),
    Field::opt(
        "dpf_certified",
        Ty::Attr(&Ty::Bool),
        "The (US) vendor is on the EU-US Data Privacy Framework list.",
    ),
    Field::opt(
        "processor_agreement",
        Ty::Attr(&Ty::Bool),
        "The edition's terms include a GDPR art. 28 processor agreement (DPA).",
    ),
    Field::opt(
        "vendor_own_purposes",
        Ty::Attr(&Ty::Bool),
        "The vendor uses call content or metadata for its own purposes (ads, profiling, AI training).",
    ),
    Field::opt(
        "encryption_in_transit",
        Ty::Attr(&Ty::Bool),
        "All call media and signalling are encrypted in transit.",
    ),
    Field::opt(
        "e2ee",
        Ty::Attr(&Ty::Enum(E2EE)),
        "End-to-end encryption of call media.",
    ),
    Field::opt(
        "e2ee_limits",
        Ty::Attr(&Ty::Str),
        "What end-to-end encryption excludes (e.g. only 1:1 calls; disables cloud recording).",
    ),
    Field::opt(
        "eu_data_residency",
        Ty::Attr(&Ty::Enum(RESIDENCY)),
        "Whether content and customer data can be kept in the EU.",
    ),
    Field::opt(
        "telemetry_documented",
        Ty::Attr(&Ty::Bool),
        "The vendor documents diagnostic/telemetry data (categories, purposes, retention).",
    ),
    Field::opt(
        "recording_modes",
        Ty::Attr(&Ty::List(&Ty::Enum(RECORDING_MODES))),
        "Where recordings can be made (empty: no recording feature).",
    ),
    Field::opt(
        "recording_admin_control",
        Ty::Attr(&Ty::Bool),
        "An administrator can switch recording off for the organisation.",
    ),
    Field::opt(
        "recording_indicator",
        Ty::Attr(&Ty::Bool),
        "Participants see that a call is recorded.",
    ),
    Field::opt(
        "waiting_room",
        Ty::Attr(&Ty::Bool),
        "A lobby / waiting room is available.",
    ),
    Field::opt(
        "meeting_protection",
        Ty::Attr(&Ty::Bool),
        "Per-meeting unique links or passcodes.",
    ),
    Field::opt(
        "guest_browser_join",
        Ty::Attr(&Ty::Bool),
        "A client can join from a browser without an account or app.",
    ),
    Field::opt(
        "mfa_sso",
        Ty::Attr(&Ty::Bool),
        "Staff accounts support MFA or SSO.",
    ),
    Field::opt(
        "certifications",
        Ty::Attr(&Ty::List(&Ty::Enum(CERTIFICATIONS))),
        "Independent certifications covering the service.",
    ),
    Field::opt(
        "self_hostable",
        Ty::Attr(&Ty::Bool),
        "The organisation can run it on its own servers.",
    ),
    Field::opt(
        "open_source",
        Ty::Attr(&Ty::Bool),
        "The server and client source is public.",
    ),
    Field::opt(
        "public_dpia",
        Ty::Attr(&Ty::Str),
        "A public DPIA on the platform and its conclusion (who, date, outcome).",
    ),
    Field::opt(
        "public_dpia_open_high_risk",
        Ty::Attr(&Ty::Bool),
        "A public DPIA by a Dutch public body (SLM Rijk, SURF) still reports an unresolved high risk for special-category data.",
    ),
    Field::opt(
        "status",
        Ty::Attr(&Ty::Enum(STATUS)),
        "Lifecycle: a retired service is never acceptable.",
    ),
    // The settings an edition ships with: one `default_<field>` per deployment setting of
    // [`DEPLOYMENT`] that the vendor presets (same type as that field). Only from a source that
    // states the default; `beeldbel channels` compares them with the most protective settings.
    Field::opt(
        "default_e2ee_enabled",
        Ty::Attr(&Ty::Bool),
        "As shipped: end-to-end encryption is on for new calls (deployment setting e2ee_enabled).",
    ),
    Field::opt(
        "default_data_region",
        Ty::Attr(&Ty::Enum(DATA_REGIONS)),
        "As shipped: where call content is stored for a Dutch customer (deployment setting data_region).",
    ),
    Field::opt(
        "default_waiting_room_enabled",
        Ty::Attr(&Ty::Bool),
        "As shipped: the waiting room / lobby is on (deployment setting waiting_room_enabled).",
    ),
    Field::opt(
        "default_meeting_protection_enabled",
        Ty::Attr(&Ty::Bool),
        "As shipped: every meeting gets a unique link or passcode (deployment setting meeting_protection_enabled).",
    ),
    Field::opt(
        "default_recording",
        Ty::Attr(&Ty::Enum(RECORDING_SETTINGS)),
        "As shipped: the recording setting (deployment setting recording).",
    ),
    Field::opt(
        "default_mfa_enforced",
        Ty::Attr(&Ty::Bool),
        "As shipped: staff accounts must use MFA or SSO (deployment setting mfa_enforced).",
    ),
    Field::opt(
        "default_telemetry_minimised",
        Ty::Attr(&Ty::Bool),
        "As shipped: optional diagnostic/telemetry data is off (deployment setting telemetry_minimised).",
    ),
];

const EDITION: &[Field] = &[
    Field::req("name", Ty::Str, "Display name of the edition."),
    Field::req(
        "kind",
        Ty::Enum(EDITION_KINDS),
        "consumer, business or self_hosted.",
    ),
    Field::opt(
        "attributes",
        Ty::Table(ATTRIBUTES),
        "Attributes that override the platform's for this edition.",
    ),
];

const SOURCE: &[Field] = &[
    Field::req(
        "title",
        Ty::Str,
        "Title of the page read; mark secondary sources as such.",
    ),
    Field::req("url", Ty::Str, "Address of the page (https)."),
    Field::req("checked", Ty::Date, "The date the page was read."),
];

/// `platforms/<id>.toml`
pub const PLATFORM_FILE: &[Field] = &[
    Field::req("id", Ty::Str, "Platform id (lowercase, e.g. \"zoom\")."),
    Field::req("name", Ty::Str, "Display name."),
    Field::req("vendor", Ty::Str, "The vendor's legal name."),
    Field::opt(
        "attributes",
        Ty::Table(ATTRIBUTES),
        "Attributes that apply to every edition unless overridden.",
    ),
    Field::req(
        "editions",
        Ty::Map(&Ty::Table(EDITION)),
        "The editions, keyed by edition id.",
    ),
    Field::opt(
        "sources",
        Ty::Map(&Ty::Table(SOURCE)),
        "The sources attributes cite, keyed by source key.",
    ),
];

/// The `platform` CEL variable: these fields plus every attribute of [`ATTRIBUTES`].
pub const PLATFORM_VIEW: &[Field] = &[
    Field::req("id", Ty::Str, "Platform id."),
    Field::req("name", Ty::Str, "Platform name."),
    Field::req("vendor", Ty::Str, "Vendor."),
    Field::req("edition", Ty::Str, "Edition id."),
    Field::req("edition_name", Ty::Str, "Edition name."),
    Field::req(
        "kind",
        Ty::Enum(EDITION_KINDS),
        "consumer, business or self_hosted.",
    ),
    Field::req(
        "fact_age_days",
        Ty::Int { min: i64::MIN },
        "Age in days of the oldest source the edition's attributes cite.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Policy

pub const SCOPES: &[&str] = &["platform", "deployment", "organisation", "appointment"];
pub const SEVERITIES: &[&str] = &["high", "medium", "low"];
/// The feared events of the CNIL PIA method a requirement threatens (the DPIA's § 16).
pub const THREATS: &[&str] = &["access", "change", "loss"];

const POLICY_HEADER: &[Field] = &[
    Field::req("id", Ty::Str, "Policy id."),
    Field::req("version", Ty::Str, "Policy version."),
    Field::req("title", Ty::Localized, "Title in Dutch and English."),
    Field::opt(
        "max_fact_age_days",
        Ty::Int { min: 1 },
        "Catalogue facts older than this are flagged as stale (default 540).",
    ),
];

const REQUIREMENT: &[Field] = &[
    Field::req("id", Ty::Str, "Requirement id of the form AREA-NAME-NN."),
    Field::req("title", Ty::Localized, "Title in Dutch and English."),
    Field::req(
        "scope",
        Ty::Enum(SCOPES),
        "What the requirement is evaluated for.",
    ),
    Field::req("severity", Ty::Enum(SEVERITIES), "high, medium or low."),
    Field::req(
        "references",
        Ty::List(&Ty::Str),
        "Legal and normative basis.",
    ),
    Field::opt(
        "applies_if",
        Ty::Cel,
        "CEL: when false, the outcome is not_applicable.",
    ),
    Field::req("check", Ty::Cel, "CEL: true means the requirement is met."),
    Field::req(
        "explain",
        Ty::Localized,
        "Why it matters, in Dutch and English.",
    ),
    Field::req(
        "remediation",
        Ty::Localized,
        "What to do when it fails, in Dutch and English.",
    ),
    Field::opt(
        "threatens",
        Ty::List(&Ty::Enum(THREATS)),
        "Feared events (CNIL) when the requirement is not met: access (illegitimate access), change (unwanted change), loss. The DPIA draft proposes a likelihood and impact for these; without it, all three, marked for the organisation to assess.",
    ),
];

/// `policies/<id>.toml`
pub const POLICY_FILE: &[Field] = &[
    Field::req("policy", Ty::Table(POLICY_HEADER), "The policy's identity."),
    Field::req(
        "requirements",
        Ty::TableArray(REQUIREMENT),
        "The requirements.",
    ),
];

/// The `policy` CEL variable.
pub const POLICY_VIEW: &[Field] = &[
    Field::req("id", Ty::Str, "Policy id."),
    Field::req("version", Ty::Str, "Policy version."),
    Field::req(
        "max_fact_age_days",
        Ty::Int { min: 1 },
        "Staleness threshold in days.",
    ),
];

/// The `channel` CEL variable (deployment scope). Only platform requirements of severity high or
/// medium count: low ones are advice.
pub const CHANNEL_VIEW: &[Field] = &[
    Field::req(
        "failed",
        Ty::List(&Ty::Str),
        "Ids of platform-scope requirements (high/medium) that fail or err for this edition.",
    ),
    Field::req(
        "unknown",
        Ty::List(&Ty::Str),
        "Ids of platform-scope requirements (high/medium) that are unknown for this edition.",
    ),
    Field::opt(
        "acceptable",
        Ty::Bool,
        "No platform-scope requirement (high/medium) fails; absent while any is unknown, so a check reading it is unknown too.",
    ),
];

// ---------------------------------------------------------------------------------------------
// Organisation

pub const ORG_KINDS: &[&str] = &[
    "uwv",
    "arbodienst",
    "reintegratiebedrijf",
    "verzekeraar",
    "zelfstandige",
    "gemeente",
    "overig",
];
pub const LAWFUL_BASES: &[&str] = &[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
];
pub const SPECIAL_CATEGORIES: &[&str] = &[
    "health",
    "racial_ethnic_origin",
    "political_opinions",
    "religious_beliefs",
    "trade_union_membership",
    "genetic",
    "biometric",
    "sex_life",
];
pub const ART9_EXCEPTIONS: &[&str] = &[
    "explicit_consent",
    "employment_social_security",
    "occupational_medicine",
    "uavg_30",
    "none",
];
pub const DPIA_STATUS: &[&str] = &["not_started", "in_progress", "completed", "not_required"];
pub const VIDEO_POLICY_TOPICS: &[&str] = &[
    "client_information",
    "recording",
    "retention",
    "allowed_tools",
];
pub const RECORDING_ALLOWED: &[&str] = &["never", "with_consent"];
pub const DATA_REGIONS: &[&str] = &["EU", "US", "global"];
pub const TRANSFER_BASES: &[&str] = &["eea", "adequacy", "dpf", "scc_with_tia", "none"];
pub const RECORDING_SETTINGS: &[&str] = &["disabled", "local", "cloud"];

const DPO: &[Field] = &[
    Field::opt(
        "designated",
        Ty::Bool,
        "A data protection officer (FG) is designated.",
    ),
    Field::opt("contact", Ty::Str, "How to reach the DPO."),
];

const ORGANISATION: &[Field] = &[
    Field::req("name", Ty::Str, "The organisation's name."),
    Field::req("kind", Ty::Enum(ORG_KINDS), "What kind of organisation."),
    Field::opt(
        "public_authority",
        Ty::Bool,
        "A public authority or body (AVG art. 37(1)(a)).",
    ),
    Field::opt(
        "large_scale_health",
        Ty::Bool,
        "Large-scale processing of health data (AP criterion, e.g. > 10,000 data subjects).",
    ),
    Field::opt("dpo", Ty::Table(DPO), "The data protection officer (FG)."),
];

const PROCESSING: &[Field] = &[
    Field::opt("purposes", Ty::List(&Ty::Str), "Purposes of video calling."),
    Field::opt(
        "purpose_justification",
        Ty::Str,
        "Why video calling is needed for those purposes.",
    ),
    Field::opt(
        "lawful_basis",
        Ty::Enum(LAWFUL_BASES),
        "Lawful basis under AVG art. 6(1).",
    ),
    Field::opt(
        "lawful_basis_reference",
        Ty::Str,
        "The law or contract the basis rests on.",
    ),
    Field::opt(
        "special_categories",
        Ty::List(&Ty::Enum(SPECIAL_CATEGORIES)),
        "Special categories of data processed (AVG art. 9).",
    ),
    Field::opt(
        "art9_exception",
        Ty::Enum(ART9_EXCEPTIONS),
        "The AVG art. 9(2) / UAVG exception relied on.",
    ),
    Field::opt("art9_reference", Ty::Str, "Reference for the exception."),
    Field::opt(
        "in_processing_register",
        Ty::Bool,
        "Video calling is in the register of processing activities.",
    ),
];

const DPIA: &[Field] = &[
    Field::opt("status", Ty::Enum(DPIA_STATUS), "Where the DPIA stands."),
    Field::opt("completed_on", Ty::Date, "When the DPIA was completed."),
    Field::opt(
        "covers",
        Ty::List(&Ty::Str),
        "Platform ids the DPIA assessed.",
    ),
    Field::opt(
        "dpo_advice_on",
        Ty::Date,
        "When the DPO gave advice on the DPIA.",
    ),
    Field::opt(
        "residual_high_risk",
        Ty::Bool,
        "The DPIA left a high residual risk.",
    ),
    Field::opt(
        "prior_consultation_on",
        Ty::Date,
        "When the AP was consulted (only when residual_high_risk).",
    ),
    Field::opt("review_due", Ty::Date, "When the DPIA must be reviewed."),
];

const VIDEO_POLICY: &[Field] = &[
    Field::opt(
        "adopted_on",
        Ty::Date,
        "When the organisation-wide policy on video material was adopted.",
    ),
    Field::opt(
        "covers",
        Ty::List(&Ty::Enum(VIDEO_POLICY_TOPICS)),
        "Topics the policy covers.",
    ),
];

const RECORDING: &[Field] = &[
    Field::opt(
        "allowed",
        Ty::Enum(RECORDING_ALLOWED),
        "Whether calls may be recorded.",
    ),
    Field::opt(
        "purpose",
        Ty::Str,
        "Why recordings are made (when allowed).",
    ),
    Field::opt(
        "retention_days",
        Ty::Int { min: 0 },
        "How long recordings are kept.",
    ),
    Field::opt(
        "client_recordings_rules_published",
        Ty::Bool,
        "Rules for recordings made by clients are published.",
    ),
];

const CLIENT_INFORMATION: &[Field] = &[
    Field::opt(
        "privacy_notice_url",
        Ty::Str,
        "Where the privacy notice is published.",
    ),
    Field::opt(
        "informed_before_call",
        Ty::Bool,
        "Clients are informed about the processing before the call.",
    ),
    Field::opt(
        "instructions_before_call",
        Ty::Bool,
        "Clients get instructions about the program before the call.",
    ),
    Field::opt(
        "alternative_offered",
        Ty::Bool,
        "A physical or phone alternative stays available.",
    ),
];

const CONDUCT: &[Field] = &[
    Field::opt(
        "client_consent_recorded",
        Ty::Bool,
        "The client's consent to a video call is asked and recorded.",
    ),
    Field::opt(
        "client_chooses_contact_form",
        Ty::Bool,
        "The client has a say in the contact form.",
    ),
    Field::opt(
        "report_checked_by_client",
        Ty::Bool,
        "Reports are checked by the client before they are final.",
    ),
    Field::opt(
        "justification_in_report",
        Ty::Bool,
        "The report states why video calling was chosen and its influence.",
    ),
    Field::opt(
        "office_hours_only",
        Ty::Bool,
        "No video calls outside office hours or without an appointment.",
    ),
    Field::opt(
        "evaluated_during_trajectory",
        Ty::Bool,
        "The use of video calling is evaluated during the trajectory.",
    ),
    Field::opt(
        "third_party_presence_explained",
        Ty::Bool,
        "When a third person joins, the client is told why and what happens with the information.",
    ),
];

/// One `[[deployments]]` entry: the `deployment` CEL variable.
pub const DEPLOYMENT: &[Field] = &[
    Field::opt(
        "id",
        Ty::Str,
        "Deployment id; defaults to the platform id (must be unique).",
    ),
    Field::req("platform", Ty::Str, "Catalogue platform id."),
    Field::req("edition", Ty::Str, "Catalogue edition id."),
    Field::opt(
        "processor_agreement_signed_on",
        Ty::Date,
        "When the processor agreement was signed.",
    ),
    Field::opt(
        "data_region",
        Ty::Enum(DATA_REGIONS),
        "Where call content is processed and stored.",
    ),
    Field::opt(
        "transfer_basis",
        Ty::Enum(TRANSFER_BASES),
        "Transfer basis for data leaving the EEA.",
    ),
    Field::opt(
        "e2ee_enabled",
        Ty::Bool,
        "End-to-end encryption is switched on for client calls.",
    ),
    Field::opt(
        "waiting_room_enabled",
        Ty::Bool,
        "The waiting room / lobby is on.",
    ),
    Field::opt(
        "meeting_protection_enabled",
        Ty::Bool,
        "Unique links or passcodes are used for every meeting.",
    ),
    Field::opt(
        "recording",
        Ty::Enum(RECORDING_SETTINGS),
        "The recording setting: disabled, local or cloud.",
    ),
    Field::opt(
        "mfa_enforced",
        Ty::Bool,
        "Staff accounts must use MFA or SSO.",
    ),
    Field::opt(
        "functional_host_accounts",
        Ty::Bool,
        "Invitations come from functional accounts, not traceable to the employee.",
    ),
    Field::opt(
        "telemetry_minimised",
        Ty::Bool,
        "Optional diagnostic/telemetry data is switched off.",
    ),
];

const WAIVER: &[Field] = &[
    Field::req("requirement", Ty::Str, "The requirement id waived."),
    Field::opt(
        "deployment",
        Ty::Str,
        "The deployment id; absent for organisation-scope requirements.",
    ),
    Field::req("reason", Ty::Str, "Why the risk is accepted."),
    Field::req("approved_by", Ty::Str, "Who approved the waiver."),
    Field::req("approved_on", Ty::Date, "When it was approved."),
    Field::req(
        "expires",
        Ty::Date,
        "When it expires; an expired waiver does not waive.",
    ),
];

/// An organisation file.
pub const ORG_FILE: &[Field] = &[
    Field::req(
        "organisation",
        Ty::Table(ORGANISATION),
        "Who the organisation is.",
    ),
    Field::opt(
        "processing",
        Ty::Table(PROCESSING),
        "Purpose and lawful basis.",
    ),
    Field::opt(
        "dpia",
        Ty::Table(DPIA),
        "The data protection impact assessment.",
    ),
    Field::opt(
        "video_policy",
        Ty::Table(VIDEO_POLICY),
        "Organisation-wide policy on video material.",
    ),
    Field::opt("recording", Ty::Table(RECORDING), "Recording rules."),
    Field::opt(
        "client_information",
        Ty::Table(CLIENT_INFORMATION),
        "How clients are informed.",
    ),
    Field::opt(
        "conduct",
        Ty::Table(CONDUCT),
        "Professional conduct (Cahier 28 §4.4.2).",
    ),
    Field::opt(
        "deployments",
        Ty::TableArray(DEPLOYMENT),
        "The video-calling platforms in use.",
    ),
    Field::opt("waivers", Ty::TableArray(WAIVER), "Accepted risks."),
];

/// The `org` CEL variable: the organisation file minus `deployments` and `waivers`.
pub fn org_view() -> &'static [Field] {
    &ORG_FILE[..7]
}

// ---------------------------------------------------------------------------------------------
// Appointment (`beeldbel advise`)

pub const ACTIVITIES: &[&str] = &[
    "gegevens_uitvragen",
    "belemmeringen_uitvragen",
    "visie_client",
    "hoor_wederhoor",
    "aanpassingen_onderzoek",
    "werkplekonderzoek",
    "uitkomst_bespreken",
    "afspraken_reintegratie",
    "overleg_professional",
];
pub const PREFERENCES: &[&str] = &["video", "physical", "phone", "none"];
pub const MEDICAL_BARRIERS: &[&str] = &[
    "concentration",
    "energy",
    "speech",
    "hearing",
    "prolonged_sitting",
];

/// An appointment file: the `appointment` CEL variable.
pub const APPOINTMENT_FILE: &[Field] = &[
    Field::req(
        "activity",
        Ty::Enum(ACTIVITIES),
        "What the conversation is for.",
    ),
    Field::opt(
        "first_contact",
        Ty::Bool,
        "The first contact with the client.",
    ),
    Field::opt(
        "conflict_with_employer",
        Ty::Bool,
        "There is a conflict with the employer.",
    ),
    Field::opt(
        "psychological_complaints",
        Ty::Bool,
        "The client has psychological complaints.",
    ),
    Field::opt(
        "physical_contact_possible",
        Ty::Bool,
        "False during a lockdown.",
    ),
    Field::opt(
        "client_preference",
        Ty::Enum(PREFERENCES),
        "The contact form the client prefers.",
    ),
    Field::opt(
        "client_consents_video",
        Ty::Bool,
        "The client agreed to a video call.",
    ),
    Field::opt(
        "medical_barriers",
        Ty::List(&Ty::Enum(MEDICAL_BARRIERS)),
        "Medical barriers to video calling.",
    ),
    Field::opt(
        "limited_digital_skills",
        Ty::Bool,
        "The client has limited digital skills.",
    ),
    Field::opt(
        "limited_language_skills",
        Ty::Bool,
        "The client has limited language skills.",
    ),
    Field::opt(
        "long_running_contact",
        Ty::Bool,
        "A long-running good contact exists.",
    ),
    Field::opt(
        "client_cannot_travel",
        Ty::Bool,
        "The client cannot travel.",
    ),
    Field::opt(
        "terminal_illness",
        Ty::Bool,
        "The client is terminally ill.",
    ),
    Field::opt(
        "home_visit_undesired",
        Ty::Bool,
        "A home visit is undesired (by the client or for safety).",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_view_is_the_file_minus_deployments_and_waivers() {
        let names: Vec<_> = org_view().iter().map(|f| f.name).collect();
        assert!(!names.contains(&"deployments") && !names.contains(&"waivers"));
        assert_eq!(names.len() + 2, ORG_FILE.len());
    }
}
