//! Policy files (`policies/<id>.toml`) and the `policy` and `channel` CEL variables.

use crate::schema::{Field, Ty};

enum_values! {
    SCOPES, SCOPES_VALUES;
    "platform" => "per platformeditie", "per platform edition";
    "deployment" => "per gebruikt platform (deployment)", "per platform in use (deployment)";
    "organisation" => "voor de organisatie", "for the organisation";
    "appointment" => "per afspraak", "per appointment";
}
enum_values! {
    SEVERITIES, SEVERITIES_VALUES;
    "high" => "hoog", "high";
    "medium" => "midden", "medium";
    "low" => "laag", "low";
}

// The feared events of the CNIL PIA method a requirement threatens (the DPIA's § 16).
enum_values! {
    THREATS, THREATS_VALUES;
    "access" => "onrechtmatige toegang", "illegitimate access";
    "change" => "ongewenste wijziging", "unwanted change";
    "loss" => "verlies", "loss";
}

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
        Ty::Enum(SCOPES_VALUES),
        "What the requirement is evaluated for.",
    ),
    Field::req(
        "severity",
        Ty::Enum(SEVERITIES_VALUES),
        "high, medium or low.",
    ),
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
    Field::opt(
        "not_applicable",
        Ty::Localized,
        "Why the requirement does not apply when applies_if is false, in Dutch and English (shown instead of the condition).",
    ),
    Field::opt(
        "topic",
        Ty::Localized,
        "What the requirement looks at, in a few words (\"conflict met de werkgever\"), in Dutch and English: names it in lists of requirements that hold or do not apply.",
    ),
    Field::opt(
        "finding",
        Ty::Localized,
        "The situation when the check fails, stated positively (\"Er is een conflict met de werkgever\"), in Dutch and English: shown instead of the title where the requirement fails.",
    ),
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
        Ty::List(&Ty::Enum(THREATS_VALUES)),
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
