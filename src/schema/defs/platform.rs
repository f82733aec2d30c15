//! Platform files (`platforms/<id>.toml`): the catalogue attributes, editions, sources, and
//! the `platform` CEL variable.

use crate::schema::{Field, Ty};

use super::org::{DATA_REGIONS_VALUES, RECORDING_SETTINGS_VALUES};
use super::source::SOURCE;

enum_values! {
    E2EE, E2EE_VALUES;
    "none" => "niet beschikbaar", "not available";
    "optional" => "optioneel, in te schakelen", "optional, can be switched on";
    "default" => "standaard aan", "on by default";
    "always" => "altijd aan", "always on";
}
enum_values! {
    RESIDENCY, RESIDENCY_VALUES;
    "none" => "niet mogelijk", "not available";
    "optional" => "optioneel, in te stellen", "optional, can be set";
    "default" => "standaard", "by default";
}
enum_values! {
    RECORDING_MODES, RECORDING_MODES_VALUES;
    "local" => "lokaal", "local";
    "cloud" => "in de cloud", "in the cloud";
}
enum_values! {
    OWN_USE, OWN_USE_VALUES;
    "none" => "niet voor eigen doelen", "not used for own purposes";
    "limited" => "beperkte eigen doelen, genoemd in de voorwaarden", "limited own purposes named in the terms";
    "analytics_marketing" => "analyse, profilering, reclame of AI-training", "analytics, profiling, advertising or AI training";
}
enum_values! {
    DPIA_RISK, DPIA_RISK_VALUES;
    "none" => "geen hoog risico meer", "no high risk left";
    "mitigable" => "hoog risico dat een genoemde maatregel wegneemt", "a high risk a named measure lifts";
    "open" => "hoog risico dat geen maatregel wegneemt", "a high risk no measure lifts";
}
enum_values! {
    DPIA_MEASURES, DPIA_MEASURES_VALUES;
    "e2ee_meetings" => "geplande gesprekken end-to-end versleuteld", "scheduled meetings end-to-end encrypted";
    "customer_keys" => "versleuteling met eigen sleutels van de organisatie", "encryption with the organisation's own keys";
}
enum_values! {
    STATUS, STATUS_VALUES;
    "active" => "in gebruik", "active";
    "retired" => "uit de markt genomen", "retired";
}
enum_values! {
    EDITION_KINDS, EDITION_KINDS_VALUES;
    "consumer" => "consumentenversie", "consumer edition";
    "business" => "zakelijke versie", "business edition";
    "self_hosted" => "in eigen beheer (self-hosted)", "self-hosted";
}

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
        "content_own_use",
        Ty::Attr(&Ty::Enum(OWN_USE_VALUES)),
        "What the vendor does for its own purposes with call content (audio, video, chat, recordings, transcripts): none, limited (purposes the processor terms name and bound: billing, security, service improvement), or analytics_marketing (analytics, profiling, advertising, AI training).",
    ),
    Field::opt(
        "metadata_own_use",
        Ty::Attr(&Ty::Enum(OWN_USE_VALUES)),
        "The same scale for metadata and usage/diagnostic data (who called whom, when, device, telemetry).",
    ),
    Field::opt(
        "encryption_in_transit",
        Ty::Attr(&Ty::Bool),
        "All call media and signalling are encrypted in transit.",
    ),
    Field::opt(
        "web_security_headers",
        Ty::Attr(&Ty::Bool),
        "The installation's web server sends Content-Security-Policy, Referrer-Policy, Permissions-Policy and X-Content-Type-Options on its start page. Installation-specific: set by a probe overlay or the organisation's `[deployments.facts]`, never by the catalogue.",
    ),
    Field::opt(
        "e2ee",
        Ty::Attr(&Ty::Enum(E2EE_VALUES)),
        "End-to-end encryption of call media.",
    ),
    Field::opt(
        "e2ee_limits",
        Ty::Attr(&Ty::Str),
        "What end-to-end encryption excludes (e.g. only 1:1 calls; disables cloud recording).",
    ),
    Field::opt(
        "eu_data_residency",
        Ty::Attr(&Ty::Enum(RESIDENCY_VALUES)),
        "Whether content and customer data can be kept in the EU.",
    ),
    Field::opt(
        "telemetry_documented",
        Ty::Attr(&Ty::Bool),
        "The vendor documents diagnostic/telemetry data (categories, purposes, retention).",
    ),
    Field::opt(
        "recording_modes",
        Ty::Attr(&Ty::List(&Ty::Enum(RECORDING_MODES_VALUES))),
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
        "cert_iso27001",
        Ty::Attr(&Ty::Bool),
        "An ISO/IEC 27001 certificate (information security) names the service in scope; false only when a source says it does not.",
    ),
    Field::opt(
        "cert_iso27017",
        Ty::Attr(&Ty::Bool),
        "An ISO/IEC 27017 certificate (cloud service security) names the service in scope.",
    ),
    Field::opt(
        "cert_iso27018",
        Ty::Attr(&Ty::Bool),
        "An ISO/IEC 27018 certificate (personal data in the cloud) names the service in scope.",
    ),
    Field::opt(
        "cert_iso27701",
        Ty::Attr(&Ty::Bool),
        "An ISO/IEC 27701 certificate (privacy information management) names the service in scope.",
    ),
    Field::opt(
        "cert_nen7510",
        Ty::Attr(&Ty::Bool),
        "A NEN 7510 certificate (information security in Dutch healthcare) names the service in scope; a coverage report is not a certificate.",
    ),
    Field::opt(
        "cert_soc2",
        Ty::Attr(&Ty::Bool),
        "A SOC 2 (Type 2) report covers the service.",
    ),
    Field::opt(
        "cert_c5",
        Ty::Attr(&Ty::Bool),
        "A BSI C5 attestation (German cloud catalogue) covers the service.",
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
        "public_dpia_high_risk",
        Ty::Attr(&Ty::Enum(DPIA_RISK_VALUES)),
        "What a Dutch public DPIA (SLM Rijk, SURF) leaves for special-category data under the terms it covers: none, mitigable (a named measure lifts it), open. Set only on editions whose terms the DPIA covers.",
    ),
    Field::opt(
        "public_dpia_mitigations",
        Ty::Attr(&Ty::List(&Ty::Enum(DPIA_MEASURES_VALUES))),
        "The measures that public DPIA names to lift its remaining high risk (with public_dpia_high_risk = mitigable).",
    ),
    Field::opt(
        "e2ee_meetings",
        Ty::Attr(&Ty::Bool),
        "Scheduled and group meetings can be end-to-end encrypted (e.g. Teams Premium).",
    ),
    Field::opt(
        "customer_keys",
        Ty::Attr(&Ty::Bool),
        "The customer can hold the keys to call content (e.g. Double Key Encryption, client-side encryption).",
    ),
    Field::opt(
        "ai_features",
        Ty::Attr(&Ty::Bool),
        "The edition has AI features that process call content (transcription, summaries, assistants).",
    ),
    Field::opt(
        "status",
        Ty::Attr(&Ty::Enum(STATUS_VALUES)),
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
        Ty::Attr(&Ty::Enum(DATA_REGIONS_VALUES)),
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
        Ty::Attr(&Ty::Enum(RECORDING_SETTINGS_VALUES)),
        "As shipped: the recording setting (deployment setting recording).",
    ),
    Field::opt(
        "default_mfa_enforced",
        Ty::Attr(&Ty::Bool),
        "As shipped: staff accounts must use MFA or SSO (deployment setting mfa_enforced).",
    ),
    Field::opt(
        "default_ai_features_disabled",
        Ty::Attr(&Ty::Bool),
        "As shipped: AI features on call content (transcription, summaries, assistants) are off (deployment setting ai_features_disabled).",
    ),
    Field::opt(
        "default_telemetry_minimised",
        Ty::Attr(&Ty::Bool),
        "As shipped: optional diagnostic/telemetry data is off (deployment setting telemetry_minimised).",
    ),
];

const EDITION: &[Field] = &[
    Field::req(
        "name",
        Ty::Text,
        "Display name of the edition: a string, or { nl = \"…\", en = \"…\" }.",
    ),
    Field::req(
        "kind",
        Ty::Enum(EDITION_KINDS_VALUES),
        "consumer, business or self_hosted.",
    ),
    Field::opt(
        "attributes",
        Ty::Table(ATTRIBUTES),
        "Attributes that override the platform's for this edition.",
    ),
];

/// `platforms/<id>.toml`
pub const PLATFORM_FILE: &[Field] = &[
    Field::req("id", Ty::Str, "Platform id (lowercase, e.g. \"zoom\")."),
    Field::req(
        "name",
        Ty::Text,
        "Display name: a string, or { nl = \"…\", en = \"…\" }.",
    ),
    Field::req(
        "vendor",
        Ty::Text,
        "The vendor's legal name; an explanation beside it in both languages ({ nl, en }).",
    ),
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

const EDITION_OVERLAY: &[Field] = &[
    Field::opt("name", Ty::Text, "A corrected display name of the edition."),
    Field::opt(
        "kind",
        Ty::Enum(EDITION_KINDS_VALUES),
        "A corrected kind: consumer, business or self_hosted.",
    ),
    Field::opt(
        "attributes",
        Ty::Table(ATTRIBUTES),
        "Attributes this overlay adds or corrects for this edition.",
    ),
];

/// An overlay (`--facts FILE`): a platform file holding only what it adds or corrects, for a
/// platform and editions the catalogue in use has.
pub const OVERLAY_FILE: &[Field] = &[
    Field::req("id", Ty::Str, "The id of a platform in the catalogue."),
    Field::opt("name", Ty::Text, "A corrected display name."),
    Field::opt("vendor", Ty::Text, "A corrected vendor name."),
    Field::opt(
        "attributes",
        Ty::Table(ATTRIBUTES),
        "Attributes this overlay sets for every edition of the platform.",
    ),
    Field::opt(
        "editions",
        Ty::Map(&Ty::Table(EDITION_OVERLAY)),
        "Editions of the catalogue, keyed by edition id.",
    ),
    Field::opt(
        "sources",
        Ty::Map(&Ty::Table(SOURCE)),
        "The sources the overlay's attributes cite, keyed by source key.",
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
        Ty::Enum(EDITION_KINDS_VALUES),
        "consumer, business or self_hosted.",
    ),
    Field::req(
        "fact_age_days",
        Ty::Int { min: i64::MIN },
        "Age in days of the oldest source the edition's attributes cite.",
    ),
];
