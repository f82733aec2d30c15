//! Organisation files and the `org` and `deployment` CEL variables.

use crate::schema::{Field, Ty};

enum_values! {
    ORG_KINDS, ORG_KINDS_VALUES;
    "uwv" => "UWV", "UWV";
    "arbodienst" => "arbodienst", "occupational health service";
    "reintegratiebedrijf" => "re-integratiebedrijf", "reintegration company";
    "verzekeraar" => "verzekeraar", "insurer";
    "zelfstandige" => "zelfstandige", "self-employed professional";
    "gemeente" => "gemeente", "municipality";
    "overig" => "overig", "other";
}
enum_values! {
    LAWFUL_BASES, LAWFUL_BASES_VALUES;
    "consent" => "toestemming (AVG art. 6 lid 1 onder a)", "consent (GDPR art. 6(1)(a))";
    "contract" => "noodzakelijk voor de uitvoering van een overeenkomst (AVG art. 6 lid 1 onder b)", "necessary for the performance of a contract (GDPR art. 6(1)(b))";
    "legal_obligation" => "wettelijke verplichting (AVG art. 6 lid 1 onder c)", "legal obligation (GDPR art. 6(1)(c))";
    "vital_interests" => "vitaal belang (AVG art. 6 lid 1 onder d)", "vital interests (GDPR art. 6(1)(d))";
    "public_task" => "taak van algemeen belang of openbaar gezag (AVG art. 6 lid 1 onder e)", "public task or official authority (GDPR art. 6(1)(e))";
    "legitimate_interests" => "gerechtvaardigd belang (AVG art. 6 lid 1 onder f)", "legitimate interests (GDPR art. 6(1)(f))";
}
enum_values! {
    SPECIAL_CATEGORIES, SPECIAL_CATEGORIES_VALUES;
    "health" => "gezondheid", "health";
    "racial_ethnic_origin" => "ras of etnische afkomst", "racial or ethnic origin";
    "political_opinions" => "politieke opvattingen", "political opinions";
    "religious_beliefs" => "religieuze of levensbeschouwelijke overtuigingen", "religious or philosophical beliefs";
    "trade_union_membership" => "lidmaatschap van een vakbond", "trade union membership";
    "genetic" => "genetische gegevens", "genetic data";
    "biometric" => "biometrische gegevens", "biometric data";
    "sex_life" => "seksueel gedrag of seksuele gerichtheid", "sex life or sexual orientation";
}
enum_values! {
    ART9_EXCEPTIONS, ART9_EXCEPTIONS_VALUES;
    "explicit_consent" => "uitdrukkelijke toestemming (AVG art. 9 lid 2 onder a)", "explicit consent (GDPR art. 9(2)(a))";
    "employment_social_security" => "arbeidsrecht, sociale zekerheid en sociale bescherming (AVG art. 9 lid 2 onder b)", "employment, social security and social protection law (GDPR art. 9(2)(b))";
    "occupational_medicine" => "arbeidsgeneeskunde en beoordeling van de arbeidsgeschiktheid (AVG art. 9 lid 2 onder h)", "occupational medicine and assessment of working capacity (GDPR art. 9(2)(h))";
    "uavg_30" => "uitzondering voor gezondheidsgegevens in de UAVG (art. 30)", "exception for health data in the Dutch GDPR Implementation Act (UAVG art. 30)";
    "none" => "geen uitzondering", "no exception";
}
enum_values! {
    DPIA_STATUS, DPIA_STATUS_VALUES;
    "not_started" => "niet begonnen", "not started";
    "in_progress" => "in uitvoering", "in progress";
    "completed" => "afgerond", "completed";
    "not_required" => "niet verplicht geacht", "considered not required";
}
enum_values! {
    VIDEO_POLICY_TOPICS, VIDEO_POLICY_TOPICS_VALUES;
    "client_information" => "informatie aan klanten", "client information";
    "recording" => "opnamen", "recordings";
    "retention" => "bewaartermijnen", "retention periods";
    "allowed_tools" => "toegestane programma's", "permitted programs";
}
enum_values! {
    RECORDING_ALLOWED, RECORDING_ALLOWED_VALUES;
    "never" => "nooit", "never";
    "with_consent" => "alleen met toestemming", "only with consent";
}
enum_values! {
    DATA_REGIONS, DATA_REGIONS_VALUES;
    "EU" => "EU", "EU";
    "US" => "VS", "US";
    "global" => "wereldwijd", "worldwide";
}
enum_values! {
    TRANSFER_BASES, TRANSFER_BASES_VALUES;
    "eea" => "binnen de EER (geen doorgifte)", "within the EEA (no transfer)";
    "adequacy" => "adequaatheidsbesluit (AVG art. 45)", "adequacy decision (GDPR art. 45)";
    "dpf" => "EU-VS Data Privacy Framework (adequaatheidsbesluit, AVG art. 45)", "EU-US Data Privacy Framework (adequacy decision, GDPR art. 45)";
    "scc_with_tia" => "standaardcontractbepalingen met een transfer impact assessment (AVG art. 46)", "standard contractual clauses with a transfer impact assessment (GDPR art. 46)";
    "none" => "geen doorgiftegrond", "no transfer basis";
}
enum_values! {
    HOSTING, HOSTING_VALUES;
    "self" => "door de organisatie zelf", "by the organisation itself";
    "provider" => "door een hostingpartij", "by a hosting provider";
}
enum_values! {
    RECORDING_SETTINGS, RECORDING_SETTINGS_VALUES;
    "disabled" => "uitgeschakeld", "disabled";
    "local" => "lokaal", "local";
    "cloud" => "in de cloud", "in the cloud";
}

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
    Field::req(
        "kind",
        Ty::Enum(ORG_KINDS_VALUES),
        "What kind of organisation.",
    ),
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
        Ty::Enum(LAWFUL_BASES_VALUES),
        "Lawful basis under AVG art. 6(1).",
    ),
    Field::opt(
        "lawful_basis_reference",
        Ty::Str,
        "The law or contract the basis rests on.",
    ),
    Field::opt(
        "special_categories",
        Ty::List(&Ty::Enum(SPECIAL_CATEGORIES_VALUES)),
        "Special categories of data processed (AVG art. 9).",
    ),
    Field::opt(
        "art9_exception",
        Ty::Enum(ART9_EXCEPTIONS_VALUES),
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
    Field::opt(
        "status",
        Ty::Enum(DPIA_STATUS_VALUES),
        "Where the DPIA stands.",
    ),
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
        Ty::List(&Ty::Enum(VIDEO_POLICY_TOPICS_VALUES)),
        "Topics the policy covers.",
    ),
];

const RECORDING: &[Field] = &[
    Field::opt(
        "allowed",
        Ty::Enum(RECORDING_ALLOWED_VALUES),
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
        "facts",
        // The catalogue attributes, through this module's re-exports (platform.rs reads enums of
        // this file).
        Ty::Table(super::ATTRIBUTES),
        "The organisation's own facts for this deployment (its contract, its certificate), each { value, source, note } with the source in the file's [sources.<key>]; they override the catalogue for this deployment only.",
    ),
    Field::opt(
        "processor_agreement_signed_on",
        Ty::Date,
        "When the processor agreement was signed.",
    ),
    Field::opt(
        "data_region",
        Ty::Enum(DATA_REGIONS_VALUES),
        "Where call content is processed and stored.",
    ),
    Field::opt(
        "transfer_basis",
        Ty::Enum(TRANSFER_BASES_VALUES),
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
        Ty::Enum(RECORDING_SETTINGS_VALUES),
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
    Field::opt(
        "e2ee_meetings_enabled",
        Ty::Bool,
        "Scheduled meetings with clients are end-to-end encrypted (e.g. Teams Premium).",
    ),
    Field::opt(
        "customer_keys_enabled",
        Ty::Bool,
        "Call content is encrypted with keys the organisation holds.",
    ),
    Field::opt(
        "ai_features_disabled",
        Ty::Bool,
        "AI features that process call content (transcription, summaries, assistants) are switched off.",
    ),
    Field::opt(
        "hosting",
        Ty::Enum(HOSTING_VALUES),
        "Self-hosted editions: who runs the server, the organisation itself or a hosting provider (then processor_agreement_signed_on is the agreement with that provider and data_region where it hosts).",
    ),
    Field::opt(
        "hosting_provider",
        Ty::Str,
        "The hosting provider's name (with hosting = \"provider\").",
    ),
    Field::opt(
        "hosting_country",
        Ty::Country,
        "Where the hosting provider is established (ISO 3166-1 alpha-2).",
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
    Field::opt(
        "sources",
        Ty::Map(&Ty::Table(super::source::SOURCE)),
        "The sources the deployments' own facts cite, keyed by source key.",
    ),
];

/// The `org` CEL variable: the organisation file minus `deployments`, `waivers` and `sources`.
pub fn org_view() -> &'static [Field] {
    &ORG_FILE[..7]
}
