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
    CERTIFICATIONS, CERTIFICATIONS_VALUES;
    "ISO27001" => "ISO/IEC 27001 (informatiebeveiliging)", "ISO/IEC 27001 (information security)";
    "ISO27701" => "ISO/IEC 27701 (privacy-informatiebeheer)", "ISO/IEC 27701 (privacy information management)";
    "ISO27017" => "ISO/IEC 27017 (beveiliging van clouddiensten)", "ISO/IEC 27017 (cloud service security)";
    "ISO27018" => "ISO/IEC 27018 (persoonsgegevens in de cloud)", "ISO/IEC 27018 (personal data in the cloud)";
    "SOC2" => "SOC 2-rapport", "SOC 2 report";
    "NEN7510" => "NEN 7510 (informatiebeveiliging in de zorg)", "NEN 7510 (information security in healthcare)";
    "C5" => "BSI C5 (Duitse cloudcatalogus)", "BSI C5 (German cloud catalogue)";
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
        "certifications",
        Ty::Attr(&Ty::List(&Ty::Enum(CERTIFICATIONS_VALUES))),
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
    Field::opt("vendor", Ty::Str, "A corrected vendor name."),
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
