//! `beeldbel channels`: every platform edition in the catalogue rated for the register's list of
//! acceptable channels (Cahier 28 §4.4.2, §4.5).
//!
//! The engine decides, not this module. For each edition, a model organisation that took every
//! organisation-level measure (`channels/model-organisation.toml`) with one deployment of the
//! edition is written as TOML, loaded like any organisation file and evaluated twice:
//!
//! - **defaults**: the settings the edition ships with, as far as the catalogue knows them
//!   (`default_<setting>` attributes, or a capability fact that fixes the setting);
//! - **protective**: the most protective settings the edition supports, derived from its facts by
//!   [`PROFILE`] — the one place that says, per deployment field, what "most protective" means.
//!
//! Organisation measures (the model organisation, a signed processor agreement where the edition
//! offers one, a transfer basis, functional accounts) are present in both; only the settings
//! differ. The outcomes give the [`Rating`]; `docs/channels.md` explains it for privacy officers.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{Files, Sink};
use crate::engine::check::{Evaluator, Settings};
use crate::i18n::{Lang, tr};
use crate::model::catalogue::{Catalogue, Edition, Fact, Platform};
use crate::model::policy::{Policy, Scope, Severity};
use crate::results::{CatalogueInfo, Evidence, Outcome, PolicyInfo, State, Tool};
use crate::schema::{Node, NodeKind};

/// The version of the JSON form of the list (`--format json`).
pub const SCHEMA_VERSION: u32 = 1;

/// `--only`: the lowest rating to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Only editions rated acceptabel
    Acceptable,
    /// Acceptabel and acceptabel onder voorwaarden
    Conditional,
}

crate::choice!(Only {
    Acceptable = "acceptable" "Only editions rated acceptabel",
    Conditional = "conditional" "Acceptabel and acceptabel onder voorwaarden",
});

impl Only {
    /// The lowest rating this filter shows.
    pub fn lowest(self) -> Rating {
        match self {
            Only::Acceptable => Rating::Acceptable,
            Only::Conditional => Rating::AcceptableWithConditions,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The rating

/// How an edition is rated, best first (the order of the list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Every high/medium requirement passes with the settings the edition ships with.
    Acceptable,
    /// Every high/medium requirement passes, but only with settings changed (the conditions).
    AcceptableWithConditions,
    /// No high/medium requirement fails under the protective settings, but some cannot be
    /// decided: the catalogue lacks facts.
    Undetermined,
    /// A high/medium requirement fails even under the most protective settings, or the service
    /// is retired.
    NotAcceptable,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Acceptable,
        Rating::AcceptableWithConditions,
        Rating::Undetermined,
        Rating::NotAcceptable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Acceptable => "acceptable",
            Rating::AcceptableWithConditions => "acceptable_with_conditions",
            Rating::Undetermined => "undetermined",
            Rating::NotAcceptable => "not_acceptable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Acceptable => tr("acceptabel", "acceptable"),
            Rating::AcceptableWithConditions => {
                tr("acceptabel onder voorwaarden", "acceptable with conditions")
            }
            Rating::Undetermined => tr("niet te beoordelen", "cannot be rated"),
            Rating::NotAcceptable => tr("niet acceptabel", "not acceptable"),
        }
    }

    /// A symbol that survives black-and-white printing.
    pub fn symbol(self) -> &'static str {
        match self {
            Rating::Acceptable => "✓",
            Rating::AcceptableWithConditions => "~",
            Rating::Undetermined => "?",
            Rating::NotAcceptable => "✗",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The protective profile: one entry per deployment setting field

/// A value of a deployment field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Text(String),
    Date(NaiveDate),
}

impl Value {
    fn text(s: &str) -> Option<Value> {
        Some(Value::Text(s.to_string()))
    }

    /// From a catalogue value (a `default_<setting>` attribute).
    fn from_node(n: &Node) -> Option<Value> {
        match &n.kind {
            NodeKind::Bool(b) => Some(Value::Bool(*b)),
            NodeKind::Str(s) => Some(Value::Text(s.clone())),
            NodeKind::Date(d) => Some(Value::Date(*d)),
            _ => None,
        }
    }

    /// The value as written in TOML.
    fn toml(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => toml_string(s),
            Value::Date(d) => d.to_string(),
        }
    }

    /// The value as a report shows it.
    pub fn display(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => format!("\"{s}\""),
            Value::Date(d) => d.to_string(),
        }
    }
}

/// Who decides a deployment field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A setting in the platform's administration: the vendor ships a default (catalogue
    /// attribute `default_<field>`), an administrator can change it.
    Setting,
    /// Something the organisation does (a contract, a legal assessment, a way of working): it has
    /// no vendor default and is assumed present in both evaluations.
    Measure,
}

/// The catalogue facts of one edition, as the profile reads them.
pub struct Facts<'a> {
    pub edition: &'a Edition,
    pub today: NaiveDate,
}

impl Facts<'_> {
    fn node(&self, name: &str) -> Option<&Node> {
        self.edition.facts.get(name).map(|f| &f.value)
    }
    fn bool(&self, name: &str) -> Option<bool> {
        self.node(name)?.as_bool()
    }
    fn str(&self, name: &str) -> Option<&str> {
        self.node(name)?.as_str()
    }
    fn list(&self, name: &str) -> Option<&[Node]> {
        match &self.node(name)?.kind {
            NodeKind::List(items) => Some(items),
            _ => None,
        }
    }
}

/// How one deployment field gets its values.
pub struct Entry {
    /// The field of `[[deployments]]` (`defs::DEPLOYMENT`).
    pub field: &'static str,
    pub kind: Kind,
    /// The catalogue attributes [`Entry::protective`] and [`Entry::implied_default`] read.
    pub reads: &'static [&'static str],
    /// The most protective value the edition's facts allow. `None` when a fact it needs is
    /// missing, or when the facts leave nothing to set: the field then stays as shipped (or
    /// absent), and a check that needs it is unknown — never a silent pass.
    pub protective: fn(&Facts<'_>) -> Option<Value>,
    /// For a setting without a `default_<field>` attribute: the default a capability fact fixes
    /// by itself (E2EE "always" is on; no waiting room means none is on). `None` otherwise.
    pub implied_default: fn(&Facts<'_>) -> Option<Value>,
    /// What to do, for an administrator (a setting) or the organisation (a measure): Dutch, English.
    pub instruction: fn(&Value) -> [&'static str; 2],
}

impl Entry {
    /// The catalogue attribute that holds this setting's default (settings only).
    pub fn default_attribute(&self) -> Option<String> {
        (self.kind == Kind::Setting).then(|| format!("default_{}", self.field))
    }
}

/// The protective profile: one entry per setting field of `defs::DEPLOYMENT` (all but `id`,
/// `platform`, `edition`), in that order. A test keeps the two in step.
pub const PROFILE: &[Entry] = &[
    Entry {
        field: "processor_agreement_signed_on",
        kind: Kind::Measure,
        reads: &["processor_agreement"],
        protective: signed_processor_agreement,
        implied_default: nothing,
        instruction: |_| {
            [
                "Sluit vóór ingebruikname de verwerkersovereenkomst (Data Processing Addendum) van de leverancier af en bewaar de getekende versie.",
                "Conclude the vendor's processor agreement (Data Processing Addendum) before first use and keep the signed copy.",
            ]
        },
    },
    Entry {
        field: "data_region",
        kind: Kind::Setting,
        reads: &["eu_data_residency"],
        protective: eu_region,
        implied_default: eu_region_by_default,
        instruction: |_| {
            [
                "Kies in de beheeromgeving de EU als plaats waar gespreksinhoud (opnamen, chat, gedeelde bestanden) wordt opgeslagen en verwerkt.",
                "In the admin console, choose the EU as the place where call content (recordings, chat, shared files) is stored and processed.",
            ]
        },
    },
    Entry {
        field: "transfer_basis",
        kind: Kind::Measure,
        reads: &["dpf_certified", "processor_agreement"],
        protective: transfer_basis,
        implied_default: nothing,
        instruction: |v| match v {
            Value::Text(s) if s == "dpf" => [
                "Leg als doorgiftegrond het EU-VS Data Privacy Framework vast in het verwerkingsregister, en controleer op dataprivacyframework.gov dat de leverancier gecertificeerd is en blijft.",
                "Record the EU-US Data Privacy Framework as the transfer basis in the register of processing activities, and check on dataprivacyframework.gov that the vendor is, and stays, certified.",
            ],
            Value::Text(s) if s == "scc_with_tia" => [
                "Leg als doorgiftegrond de standaardcontractbepalingen (SCC's) uit de verwerkersovereenkomst vast, met een eigen doorgiftetoetsing (TIA).",
                "Record the standard contractual clauses (SCCs) in the processor agreement as the transfer basis, with your own transfer impact assessment (TIA).",
            ],
            _ => [
                "Leg de doorgiftegrond vast in het verwerkingsregister.",
                "Record the transfer basis in the register of processing activities.",
            ],
        },
    },
    Entry {
        field: "e2ee_enabled",
        kind: Kind::Setting,
        reads: &["e2ee"],
        protective: e2ee_on,
        implied_default: e2ee_by_default,
        instruction: |_| {
            [
                "Zet in de beheeromgeving end-to-endversleuteling aan voor gesprekken met cliënten (en let op wat daarmee niet meer werkt).",
                "In the admin console, switch end-to-end encryption on for calls with clients (and note what stops working with it).",
            ]
        },
    },
    Entry {
        field: "waiting_room_enabled",
        kind: Kind::Setting,
        reads: &["waiting_room"],
        protective: waiting_room_on,
        implied_default: no_waiting_room,
        instruction: |_| {
            [
                "Zet in de beheeromgeving de wachtkamer (lobby) standaard aan, zodat de medewerker elke deelnemer zelf toelaat.",
                "In the admin console, switch the waiting room (lobby) on by default, so that staff admit every participant themselves.",
            ]
        },
    },
    Entry {
        field: "meeting_protection_enabled",
        kind: Kind::Setting,
        reads: &["meeting_protection"],
        protective: meeting_protection_on,
        implied_default: no_meeting_protection,
        instruction: |_| {
            [
                "Gebruik voor elk gesprek een eigen link of toegangscode; zet vaste persoonlijke vergaderlinks uit.",
                "Use a unique link or passcode for every call; switch fixed personal meeting links off.",
            ]
        },
    },
    Entry {
        field: "recording",
        kind: Kind::Setting,
        reads: &["recording_admin_control", "recording_modes"],
        protective: recording_off,
        implied_default: no_recording_feature,
        instruction: |_| {
            [
                "Zet opnemen in de beheeromgeving uit voor alle gebruikers en vergrendel die instelling.",
                "In the admin console, switch recording off for all users and lock that setting.",
            ]
        },
    },
    Entry {
        field: "mfa_enforced",
        kind: Kind::Setting,
        reads: &["mfa_sso"],
        protective: mfa_on,
        implied_default: no_mfa,
        instruction: |_| {
            [
                "Verplicht meerfactorauthenticatie of single sign-on voor alle accounts van medewerkers.",
                "Require multi-factor authentication or single sign-on for every staff account.",
            ]
        },
    },
    Entry {
        field: "functional_host_accounts",
        kind: Kind::Measure,
        reads: &[],
        protective: yes,
        implied_default: nothing,
        instruction: |_| {
            [
                "Verstuur uitnodigingen vanaf functionele accounts (bijvoorbeeld beeldbellen@organisatie.nl), niet vanaf persoonlijke accounts van medewerkers.",
                "Send invitations from functional accounts (for example videocalls@organisation.nl), not from employees' personal accounts.",
            ]
        },
    },
    Entry {
        field: "telemetry_minimised",
        kind: Kind::Setting,
        reads: &[],
        protective: yes,
        implied_default: nothing,
        instruction: |_| {
            [
                "Zet optionele diagnostische gegevens (telemetrie) uit, in de beheeromgeving of via het apparaatbeheer.",
                "Switch optional diagnostic data (telemetry) off, in the admin console or through device management.",
            ]
        },
    },
];

fn nothing(_: &Facts<'_>) -> Option<Value> {
    None
}

fn yes(_: &Facts<'_>) -> Option<Value> {
    Some(Value::Bool(true))
}

/// Signed on the evaluation date, where the edition's terms include a processor agreement.
fn signed_processor_agreement(f: &Facts<'_>) -> Option<Value> {
    f.bool("processor_agreement")?
        .then_some(Value::Date(f.today))
}

/// The EU, where the edition can keep content there.
fn eu_region(f: &Facts<'_>) -> Option<Value> {
    match f.str("eu_data_residency")? {
        "optional" | "default" => Value::text("EU"),
        _ => None,
    }
}

fn eu_region_by_default(f: &Facts<'_>) -> Option<Value> {
    (f.str("eu_data_residency")? == "default").then(|| Value::Text("EU".into()))
}

/// The DPF where the vendor is certified; else the SCCs of a processor agreement with a TIA.
fn transfer_basis(f: &Facts<'_>) -> Option<Value> {
    if f.bool("dpf_certified") == Some(true) {
        Value::text("dpf")
    } else if f.bool("processor_agreement") == Some(true) {
        Value::text("scc_with_tia")
    } else {
        None
    }
}

/// On wherever the edition has E2EE at all.
fn e2ee_on(f: &Facts<'_>) -> Option<Value> {
    Some(Value::Bool(f.str("e2ee")? != "none"))
}

fn e2ee_by_default(f: &Facts<'_>) -> Option<Value> {
    match f.str("e2ee")? {
        "default" | "always" => Some(Value::Bool(true)),
        "none" => Some(Value::Bool(false)),
        _ => None,
    }
}

fn waiting_room_on(f: &Facts<'_>) -> Option<Value> {
    f.bool("waiting_room").map(Value::Bool)
}

fn no_waiting_room(f: &Facts<'_>) -> Option<Value> {
    (!f.bool("waiting_room")?).then_some(Value::Bool(false))
}

fn meeting_protection_on(f: &Facts<'_>) -> Option<Value> {
    f.bool("meeting_protection").map(Value::Bool)
}

fn no_meeting_protection(f: &Facts<'_>) -> Option<Value> {
    (!f.bool("meeting_protection")?).then_some(Value::Bool(false))
}

/// Off, where an administrator can switch it off or there is nothing to record.
fn recording_off(f: &Facts<'_>) -> Option<Value> {
    let nothing_to_record = f.list("recording_modes").is_some_and(<[Node]>::is_empty);
    (f.bool("recording_admin_control") == Some(true) || nothing_to_record)
        .then(|| Value::Text("disabled".into()))
}

fn no_recording_feature(f: &Facts<'_>) -> Option<Value> {
    f.list("recording_modes")?
        .is_empty()
        .then(|| Value::Text("disabled".into()))
}

fn mfa_on(f: &Facts<'_>) -> Option<Value> {
    f.bool("mfa_sso").map(Value::Bool)
}

fn no_mfa(f: &Facts<'_>) -> Option<Value> {
    (!f.bool("mfa_sso")?).then_some(Value::Bool(false))
}

/// One field of one edition: its value under each profile.
struct Row {
    entry: &'static Entry,
    /// As shipped (a setting) or as the organisation arranges it (a measure).
    default: Option<Value>,
    /// The attribute the default comes from.
    default_from: Option<String>,
    /// The most protective value, if the facts give one.
    protective: Option<Value>,
}

impl Row {
    fn of(entry: &'static Entry, f: &Facts<'_>) -> Row {
        let protective = (entry.protective)(f);
        let (default, default_from) = match entry.kind {
            Kind::Measure => (protective.clone(), None),
            Kind::Setting => {
                let attribute = entry.default_attribute().unwrap_or_default();
                match f.node(&attribute).and_then(Value::from_node) {
                    Some(v) => (Some(v), Some(attribute)),
                    None => match (entry.implied_default)(f) {
                        Some(v) => (Some(v), entry.reads.first().map(|r| r.to_string())),
                        None => (None, None),
                    },
                }
            }
        };
        Row {
            entry,
            default,
            default_from,
            protective,
        }
    }

    /// The value under the protective profile: the protective one, else as shipped.
    fn applied(&self) -> Option<&Value> {
        self.protective.as_ref().or(self.default.as_ref())
    }
}

// ---------------------------------------------------------------------------------------------
// The model organisation

const MODEL_ORGANISATION: &str = include_str!("channels/model-organisation.toml");

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The deployment id of an edition in the model organisation.
fn deployment_id(platform: &Platform, edition: &Edition) -> String {
    format!("{}/{}", platform.id, edition.id)
}

/// The model organisation with one deployment of `edition` with these field values, as TOML.
pub fn organisation_toml(
    platform: &Platform,
    edition: &Edition,
    values: &[(&str, &Value)],
    today: NaiveDate,
) -> String {
    let review_due = today
        .checked_add_signed(chrono::TimeDelta::days(365))
        .unwrap_or(today);
    let mut s = MODEL_ORGANISATION
        .replace("@PLATFORM@", &toml_string(&platform.id))
        .replace("@TODAY@", &today.to_string())
        .replace("@REVIEW_DUE@", &review_due.to_string());
    let _ = writeln!(s, "\n[[deployments]]");
    let _ = writeln!(s, "id = {}", toml_string(&deployment_id(platform, edition)));
    let _ = writeln!(s, "platform = {}", toml_string(&platform.id));
    let _ = writeln!(s, "edition = {}", toml_string(&edition.id));
    for (field, value) in values {
        let _ = writeln!(s, "{field} = {}", value.toml());
    }
    s
}

// ---------------------------------------------------------------------------------------------
// The list

/// The list of channels: what `--format json` prints, and what every format renders.
#[derive(Debug, Serialize)]
pub struct ChannelsReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub evaluated_on: String,
    pub lang: Lang,
    pub policy: PolicyInfo,
    pub catalogue: CatalogueInfo,
    /// What the ratings assume (the model organisation).
    pub basis: String,
    /// `--only`: the lowest rating listed; absent when every edition is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only: Option<Rating>,
    /// How many editions got each rating (all evaluated editions, also those `--only` leaves out).
    pub counts: Counts,
    /// Sorted by rating (acceptable first), then platform name, then edition name.
    pub editions: Vec<ChannelRating>,
    /// "Not legal advice."
    pub notice: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub acceptable: usize,
    pub acceptable_with_conditions: usize,
    pub undetermined: usize,
    pub not_acceptable: usize,
}

impl Counts {
    pub fn get(&self, r: Rating) -> usize {
        match r {
            Rating::Acceptable => self.acceptable,
            Rating::AcceptableWithConditions => self.acceptable_with_conditions,
            Rating::Undetermined => self.undetermined,
            Rating::NotAcceptable => self.not_acceptable,
        }
    }

    fn add(&mut self, r: Rating) {
        match r {
            Rating::Acceptable => self.acceptable += 1,
            Rating::AcceptableWithConditions => self.acceptable_with_conditions += 1,
            Rating::Undetermined => self.undetermined += 1,
            Rating::NotAcceptable => self.not_acceptable += 1,
        }
    }
}

/// One platform edition, rated.
#[derive(Debug, Serialize)]
pub struct ChannelRating {
    pub platform: String,
    pub platform_name: String,
    pub vendor: String,
    pub edition: String,
    pub edition_name: String,
    /// consumer, business or self_hosted.
    pub edition_kind: String,
    pub rating: Rating,
    /// One sentence: why this rating.
    pub summary: String,
    /// The settings an administrator must change (for `acceptable_with_conditions`; for
    /// `undetermined`, what is needed besides the missing facts).
    pub conditions: Vec<Condition>,
    /// Why the edition is not acceptable.
    pub reasons: Vec<Reason>,
    /// Catalogue facts whose absence leaves a high or medium requirement unknown.
    pub missing_facts: Vec<MissingFact>,
    /// Low-severity requirements that fail or are unknown: advice, they do not decide the rating.
    pub advice: Vec<Advice>,
    /// The organisation measures the rating assumes.
    pub measures: Vec<Measure>,
    /// Whether the catalogue holds any `default_<setting>` fact for this edition.
    pub defaults_in_catalogue: bool,
    /// Every setting: as shipped and most protective.
    pub settings: Vec<SettingProfile>,
    /// The platform- and deployment-scope requirements under both profiles.
    pub requirements: Vec<RequirementRow>,
    /// Every catalogue fact the rating used, with its source.
    pub facts: Vec<Evidence>,
}

/// A setting to change.
#[derive(Debug, Serialize)]
pub struct Condition {
    /// The deployment field (`waiting_room_enabled`).
    pub setting: String,
    /// As shipped; absent when the catalogue does not say.
    pub default: Option<Value>,
    /// The attribute the default comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from: Option<String>,
    /// The value it must have.
    pub required: Value,
    /// What an administrator does.
    pub instruction: String,
    /// The requirements that need it.
    pub requirements: Vec<String>,
}

/// A requirement that fails under the protective profile (or the retired status).
#[derive(Debug, Serialize)]
pub struct Reason {
    /// Absent for the retired status when no requirement reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    pub title: String,
    pub severity: Severity,
    pub state: State,
    pub message: String,
    /// The catalogue facts the check read.
    pub evidence: Vec<Evidence>,
    /// The deployment settings the check read (protective profile).
    pub settings: Vec<SettingValue>,
}

#[derive(Debug, Serialize)]
pub struct SettingValue {
    pub setting: String,
    pub value: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct MissingFact {
    /// The catalogue attribute to add (with a source).
    pub attribute: String,
    /// The requirements that stay unknown without it.
    pub requirements: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Advice {
    pub requirement: String,
    pub title: String,
    pub state: State,
    pub message: String,
    pub remediation: String,
}

#[derive(Debug, Serialize)]
pub struct Measure {
    pub field: String,
    pub value: Value,
    pub instruction: String,
}

#[derive(Debug, Serialize)]
pub struct SettingProfile {
    pub setting: String,
    pub default: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from: Option<String>,
    pub protective: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct RequirementRow {
    pub requirement: String,
    pub title: String,
    pub scope: Scope,
    pub severity: Severity,
    pub defaults: State,
    pub protective: State,
}

// ---------------------------------------------------------------------------------------------
// The command

impl ChannelsReport {
    /// Keeps the editions `only` lists.
    pub fn keep(&mut self, only: Only) {
        self.editions.retain(|e| e.rating <= only.lowest());
        self.only = Some(only.lowest());
        self.catalogue.oldest_fact = oldest_fact(&self.editions);
    }
}

fn oldest_fact(editions: &[ChannelRating]) -> Option<String> {
    editions
        .iter()
        .flat_map(|e| e.facts.iter())
        .filter_map(|f| f.source.as_ref().map(|s| s.checked))
        .min()
        .map(|d| d.to_string())
}

/// Rates every edition of the catalogue. `None` when a model organisation could not be loaded
/// (the diagnostics are in `sink`).
pub fn evaluate(
    policy: &Policy,
    catalogue: &Catalogue,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<ChannelsReport> {
    let settings = Settings {
        today,
        fail_on: Severity::Medium,
    };
    let evaluator = Evaluator::new(policy, catalogue, settings);
    let ctx = Context {
        evaluator: &evaluator,
        policy,
        catalogue,
        today,
    };
    let mut editions = Vec::new();
    for platform in &catalogue.platforms {
        for edition in &platform.editions {
            editions.push(ctx.rate(platform, edition, files, sink)?);
        }
    }
    let key = |e: &ChannelRating| {
        (
            e.rating,
            e.platform_name.to_lowercase(),
            e.edition_name.to_lowercase(),
            e.platform.clone(),
            e.edition.clone(),
        )
    };
    editions.sort_by_key(key);
    let mut counts = Counts::default();
    for e in &editions {
        counts.add(e.rating);
    }
    Some(ChannelsReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        evaluated_on: today.to_string(),
        lang: crate::i18n::lang(),
        policy: PolicyInfo::of(policy),
        catalogue: CatalogueInfo::of(catalogue, oldest_fact(&editions)),
        basis: tr(
            "Elke editie is beoordeeld voor een modelorganisatie die gezondheidsgegevens verwerkt en alle organisatiemaatregelen heeft genomen (DPIA voor het platform, beleid beeldbellen, nooit opnemen, cliënten vooraf geïnformeerd en met een keuze), met de maatregelen die per editie zijn genoemd. De platformeisen lezen alleen catalogusfeiten; de inzeteisen zijn twee keer beoordeeld: met de standaardinstellingen van de editie en met de meest beschermende instellingen die zij biedt.",
            "Each edition is rated for a model organisation that processes health data and took every organisation measure (a DPIA covering the platform, a video-calling policy, never recording, clients informed beforehand and given a choice), with the measures listed per edition. Platform requirements read catalogue facts only; deployment requirements were evaluated twice: with the edition's default settings and with the most protective settings it supports.",
        )
        .to_string(),
        only: None,
        counts,
        editions,
        notice: tr(
            "Deze lijst is geen juridisch advies. Zij toetst de feiten in de catalogus aan het beleid, onder de genoemde aannames; een organisatie blijft zelf verantwoordelijk voor haar keuze, haar DPIA en het advies van haar functionaris gegevensbescherming.",
            "This list is not legal advice. It tests the facts in the catalogue against the policy, under the assumptions stated; an organisation remains responsible for its own choice, its DPIA and its data protection officer's advice.",
        )
        .to_string(),
    })
}

/// What rating one edition needs.
struct Context<'a> {
    evaluator: &'a Evaluator<'a>,
    policy: &'a Policy,
    catalogue: &'a Catalogue,
    today: NaiveDate,
}

/// A high or medium outcome of a platform or deployment requirement: these decide the rating.
fn decides(o: &Outcome) -> bool {
    o.severity >= Severity::Medium && o.scope != Scope::Organisation
}

impl Context<'_> {
    /// Loads the model organisation with one deployment of the edition and evaluates it; every
    /// outcome, organisation scope included.
    fn outcomes(
        &self,
        platform: &Platform,
        edition: &Edition,
        profile: &str,
        values: &[(&str, &Value)],
        files: &mut Files,
        sink: &mut Sink,
    ) -> Option<Vec<Outcome>> {
        let text = organisation_toml(platform, edition, values, self.today);
        let name = format!("<channels>/{}/{}/{profile}.toml", platform.id, edition.id);
        let org = crate::model::org::load_bytes(
            Path::new(&name),
            text.as_bytes(),
            self.catalogue,
            files,
            sink,
        )?;
        Some(self.evaluator.evaluate(&org, sink).outcomes)
    }

    fn evidence(&self, platform: &Platform, edition: &Edition, fact: &Fact) -> Evidence {
        crate::engine::check::evidence(
            platform,
            edition,
            fact,
            self.today,
            self.policy.max_fact_age_days,
        )
    }

    fn rate(
        &self,
        platform: &Platform,
        edition: &Edition,
        files: &mut Files,
        sink: &mut Sink,
    ) -> Option<ChannelRating> {
        let facts = Facts {
            edition,
            today: self.today,
        };
        let rows: Vec<Row> = PROFILE.iter().map(|e| Row::of(e, &facts)).collect();
        let defaults: Vec<(&str, &Value)> = rows
            .iter()
            .filter_map(|r| Some((r.entry.field, r.default.as_ref()?)))
            .collect();
        let protective: Vec<(&str, &Value)> = rows
            .iter()
            .filter_map(|r| Some((r.entry.field, r.applied()?)))
            .collect();
        let keep = |v: Vec<Outcome>| -> Vec<Outcome> {
            v.into_iter()
                .filter(|o| o.scope != Scope::Organisation)
                .collect()
        };
        let d = keep(self.outcomes(platform, edition, "defaults", &defaults, files, sink)?);
        let p = keep(self.outcomes(platform, edition, "protective", &protective, files, sink)?);

        let prefix = format!("deployments[{}].", deployment_id(platform, edition));
        let setting_of = |field: &str| field.strip_prefix(prefix.as_str()).map(str::to_string);

        // Why not: what fails even under the protective settings. A requirement on the channel
        // as a whole (it reads `channel`) fails because of the platform requirements: say which.
        let failing = |o: &&Outcome| decides(o) && matches!(o.state, State::Fail | State::Error);
        let platform_failures: Vec<&str> = p
            .iter()
            .filter(failing)
            .filter(|o| o.scope == Scope::Platform)
            .map(|o| o.requirement.as_str())
            .collect();
        let reads_channel = |id: &str| {
            self.policy.requirement(id).is_some_and(|r| {
                r.check
                    .reads
                    .iter()
                    .chain(r.applies_if.iter().flat_map(|a| a.reads.iter()))
                    .any(|p| p.var == crate::expr::Var::Channel)
            })
        };
        let mut reasons: Vec<Reason> = p
            .iter()
            .filter(failing)
            .map(|o| Reason {
                requirement: Some(o.requirement.clone()),
                title: o.title.get().to_string(),
                severity: o.severity,
                state: o.state,
                message: if reads_channel(&o.requirement) && !platform_failures.is_empty() {
                    crate::tr!(
                        "{}: de platformeisen {} zijn niet voldaan",
                        "{}: the platform requirements {} are not met",
                        o.message,
                        platform_failures.join(", ")
                    )
                } else {
                    o.message.get().to_string()
                },
                evidence: o.evidence.clone(),
                settings: o
                    .inputs
                    .iter()
                    .filter_map(|i| {
                        Some(SettingValue {
                            setting: setting_of(&i.field)?,
                            value: i.value.clone(),
                        })
                    })
                    .collect(),
            })
            .collect();
        // A retired service is never acceptable, whatever the policy says.
        let status = edition.facts.get("status");
        let retired = status.and_then(|f| f.value.as_str()) == Some("retired");
        if retired
            && !reasons
                .iter()
                .any(|r| r.evidence.iter().any(|e| e.attribute == "status"))
        {
            reasons.push(Reason {
                requirement: None,
                title: tr("Dienst beëindigd", "Service retired").to_string(),
                severity: Severity::High,
                state: State::Fail,
                message: tr(
                    "de catalogus meldt dat deze dienst niet meer wordt aangeboden (status = \"retired\")",
                    "the catalogue says this service is no longer offered (status = \"retired\")",
                )
                .to_string(),
                evidence: status
                    .map(|f| vec![self.evidence(platform, edition, f)])
                    .unwrap_or_default(),
                settings: Vec::new(),
            });
        }

        // What the catalogue would need to say.
        let mut missing: Vec<MissingFact> = Vec::new();
        let catalogue_prefix = format!("catalogue:{}/{}.", platform.id, edition.id);
        for o in p.iter().filter(|o| decides(o) && o.state == State::Unknown) {
            // A catalogue fact the check reads, or one a setting it reads is derived from.
            let mut attributes: Vec<String> = Vec::new();
            // Settings whose facts are all known but give no value (e.g. no EU option): named
            // only when nothing else explains the unknown.
            let mut fallback: Vec<String> = Vec::new();
            let mut derived = false;
            for m in &o.missing {
                if let Some(a) = m.strip_prefix(&catalogue_prefix) {
                    push_unique(&mut attributes, a);
                } else if let Some(field) = setting_of(m) {
                    let Some(row) = rows.iter().find(|r| r.entry.field == field) else {
                        continue;
                    };
                    let absent: Vec<&str> = row
                        .entry
                        .reads
                        .iter()
                        .copied()
                        .filter(|a| !edition.facts.contains_key(*a))
                        .collect();
                    for a in &absent {
                        push_unique(&mut attributes, a);
                    }
                    if absent.is_empty() {
                        fallback.push(row.entry.default_attribute().unwrap_or(field));
                    }
                } else {
                    // `channel:…`: the platform requirements' own missing facts say it.
                    derived = true;
                }
            }
            if attributes.is_empty() && !derived {
                attributes = fallback;
            }
            for a in attributes {
                match missing.iter_mut().find(|x| x.attribute == a) {
                    Some(x) => push_unique(&mut x.requirements, &o.requirement),
                    None => missing.push(MissingFact {
                        attribute: a,
                        requirements: vec![o.requirement.clone()],
                    }),
                }
            }
        }
        missing.sort_by(|a, b| a.attribute.cmp(&b.attribute));

        // The settings to change: what a failing or unknown outcome under the defaults reads or
        // misses, where the protective value differs from the default (or the default is unknown).
        let mut conditions: Vec<Condition> = Vec::new();
        for o in d
            .iter()
            .filter(|o| decides(o) && !matches!(o.state, State::Pass | State::NotApplicable))
        {
            let fields = o
                .inputs
                .iter()
                .map(|i| &i.field)
                .chain(&o.missing)
                .filter_map(|f| setting_of(f));
            for field in fields {
                let Some(row) = rows.iter().find(|r| r.entry.field == field) else {
                    continue;
                };
                let Some(required) = &row.protective else {
                    continue;
                };
                if row.entry.kind != Kind::Setting || row.default.as_ref() == Some(required) {
                    continue;
                }
                match conditions.iter_mut().find(|c| c.setting == field) {
                    Some(c) => push_unique(&mut c.requirements, &o.requirement),
                    None => {
                        let [nl, en] = (row.entry.instruction)(required);
                        conditions.push(Condition {
                            setting: field,
                            default: row.default.clone(),
                            default_from: row.default_from.clone(),
                            required: required.clone(),
                            instruction: tr(nl, en).to_string(),
                            requirements: vec![o.requirement.clone()],
                        });
                    }
                }
            }
        }
        let order = |c: &Condition| PROFILE.iter().position(|e| e.field == c.setting);
        conditions.sort_by_key(order);

        let unknown = p.iter().any(|o| decides(o) && o.state == State::Unknown);
        let defaults_pass = d
            .iter()
            .filter(|o| decides(o))
            .all(|o| matches!(o.state, State::Pass | State::NotApplicable));
        let rating = if !reasons.is_empty() {
            Rating::NotAcceptable
        } else if unknown {
            Rating::Undetermined
        } else if defaults_pass {
            Rating::Acceptable
        } else {
            Rating::AcceptableWithConditions
        };
        let defaults_in_catalogue = rows.iter().any(|r| {
            r.entry
                .default_attribute()
                .is_some_and(|a| edition.facts.contains_key(&a))
        });
        let summary = summary(rating, &reasons, &missing, &conditions);

        let advice = p
            .iter()
            .filter(|o| {
                o.severity < Severity::Medium
                    && matches!(o.state, State::Fail | State::Unknown | State::Error)
            })
            .map(|o| Advice {
                requirement: o.requirement.clone(),
                title: o.title.get().to_string(),
                state: o.state,
                message: o.message.get().to_string(),
                remediation: o.remediation.get().trim().to_string(),
            })
            .collect();
        let measures = rows
            .iter()
            .filter(|r| r.entry.kind == Kind::Measure)
            .filter_map(|r| {
                let value = r.protective.clone()?;
                let [nl, en] = (r.entry.instruction)(&value);
                Some(Measure {
                    field: r.entry.field.to_string(),
                    value,
                    instruction: tr(nl, en).to_string(),
                })
            })
            .collect();
        let settings = rows
            .iter()
            .filter(|r| r.entry.kind == Kind::Setting)
            .map(|r| SettingProfile {
                setting: r.entry.field.to_string(),
                default: r.default.clone(),
                default_from: r.default_from.clone(),
                protective: r.applied().cloned(),
            })
            .collect();
        let requirements = p
            .iter()
            .map(|o| RequirementRow {
                requirement: o.requirement.clone(),
                title: o.title.get().to_string(),
                scope: o.scope,
                severity: o.severity,
                defaults: d
                    .iter()
                    .find(|x| x.requirement == o.requirement)
                    .map_or(State::Unknown, |x| x.state),
                protective: o.state,
            })
            .collect();

        // Every fact the rating used: what the checks read, what the profile read.
        let mut used: Vec<&str> = d
            .iter()
            .chain(&p)
            .flat_map(|o| o.evidence.iter().map(|e| e.attribute.as_str()))
            .collect();
        for r in &rows {
            used.extend(r.entry.reads.iter().copied());
            used.extend(r.default_from.as_deref());
        }
        used.extend(
            reasons
                .iter()
                .flat_map(|r| r.evidence.iter().map(|e| e.attribute.as_str())),
        );
        let facts_used = edition
            .facts
            .values()
            .filter(|f| used.contains(&f.name.as_str()))
            .map(|f| self.evidence(platform, edition, f))
            .collect();

        Some(ChannelRating {
            platform: platform.id.clone(),
            platform_name: platform.name.clone(),
            vendor: platform.vendor.clone(),
            edition: edition.id.clone(),
            edition_name: edition.name.clone(),
            edition_kind: edition.kind.clone(),
            rating,
            summary,
            conditions,
            reasons,
            missing_facts: missing,
            advice,
            measures,
            defaults_in_catalogue,
            settings,
            requirements,
            facts: facts_used,
        })
    }
}

fn push_unique(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// One sentence on why an edition got its rating.
fn summary(
    rating: Rating,
    reasons: &[Reason],
    missing: &[MissingFact],
    conditions: &[Condition],
) -> String {
    let unknown_defaults = conditions.iter().filter(|c| c.default.is_none()).count();
    match rating {
        Rating::Acceptable => tr(
            "alle eisen zijn voldaan met de standaardinstellingen van de editie",
            "every requirement is met with the edition's default settings",
        )
        .to_string(),
        Rating::AcceptableWithConditions => {
            let n = conditions.len();
            let mut s = crate::tr!(
                "alle eisen zijn voldaan als {n} instelling(en) worden aangepast",
                "every requirement is met once {n} setting(s) are changed"
            );
            if unknown_defaults > 0 {
                s.push_str(tr(
                    " (standaardinstellingen niet in de catalogus)",
                    " (default settings not in the catalogue)",
                ));
            }
            s
        }
        Rating::Undetermined => {
            let n = missing.len();
            crate::tr!(
                "geen eis faalt, maar de catalogus mist {n} feit(en) die de eisen nodig hebben",
                "no requirement fails, but the catalogue lacks {n} fact(s) the requirements need"
            )
        }
        Rating::NotAcceptable => {
            let ids: Vec<&str> = reasons
                .iter()
                .map(|r| r.requirement.as_deref().unwrap_or("status"))
                .collect();
            crate::tr!(
                "niet voldaan, ook met de meest beschermende instellingen: {}",
                "not met, even with the most protective settings: {}",
                ids.join(", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Ty, defs};

    fn inputs() -> (crate::model::inputs::Inputs, Files, Sink) {
        let mut files = Files::default();
        let mut sink = Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        assert!(!sink.has_errors(), "embedded inputs load");
        (inputs, files, sink)
    }

    /// The setting fields of a deployment: every field but its identity.
    fn setting_fields() -> Vec<&'static str> {
        defs::DEPLOYMENT
            .iter()
            .map(|f| f.name)
            .filter(|n| !["id", "platform", "edition"].contains(n))
            .collect()
    }

    #[test]
    fn the_profile_has_one_entry_per_deployment_setting() {
        for field in setting_fields() {
            let n = PROFILE.iter().filter(|e| e.field == field).count();
            assert_eq!(
                n, 1,
                "deployment field `{field}` has {n} entries in channels::PROFILE (need exactly 1)"
            );
        }
        let fields = setting_fields();
        for e in PROFILE {
            assert!(
                fields.contains(&e.field),
                "channels::PROFILE names `{}`, which is not a deployment field",
                e.field
            );
        }
        // In the order of the schema, so the list reads like an organisation file.
        let order: Vec<&str> = PROFILE.iter().map(|e| e.field).collect();
        assert_eq!(order, fields);
    }

    #[test]
    fn every_setting_has_a_default_attribute_of_its_type_and_nothing_else_does() {
        let attr = |name: &str| defs::ATTRIBUTES.iter().find(|f| f.name == name);
        for e in PROFILE {
            let field = defs::DEPLOYMENT.iter().find(|f| f.name == e.field).unwrap();
            let default = attr(&format!("default_{}", e.field));
            match e.kind {
                Kind::Setting => {
                    let a = default.unwrap_or_else(|| {
                        panic!("setting `{}` has no attribute default_{}", e.field, e.field)
                    });
                    let Ty::Attr(inner) = &a.ty else {
                        panic!("default_{} is not an attribute type", e.field)
                    };
                    assert_eq!(
                        inner.describe(),
                        field.ty.describe(),
                        "default_{} has another type than the deployment field",
                        e.field
                    );
                }
                Kind::Measure => assert!(
                    default.is_none(),
                    "measure `{}` has a vendor default attribute",
                    e.field
                ),
            }
            for r in e.reads {
                assert!(
                    attr(r).is_some(),
                    "`{}` reads unknown attribute `{r}`",
                    e.field
                );
            }
        }
        for a in defs::ATTRIBUTES
            .iter()
            .filter(|a| a.name.starts_with("default_"))
        {
            let field = &a.name["default_".len()..];
            assert!(
                PROFILE
                    .iter()
                    .any(|e| e.field == field && e.kind == Kind::Setting),
                "attribute {} names no setting of the profile",
                a.name
            );
        }
    }

    #[test]
    fn the_model_organisation_passes_every_organisation_requirement() {
        let (inputs, mut files, mut sink) = inputs();
        let settings = Settings {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            fail_on: Severity::Low,
        };
        for today in [
            settings.today,
            NaiveDate::from_ymd_opt(2031, 2, 28).unwrap(),
        ] {
            let ev = Evaluator::new(
                &inputs.policy,
                &inputs.catalogue,
                Settings { today, ..settings },
            );
            let ctx = Context {
                evaluator: &ev,
                policy: &inputs.policy,
                catalogue: &inputs.catalogue,
                today,
            };
            for platform in &inputs.catalogue.platforms {
                let edition = &platform.editions[0];
                let outcomes = ctx
                    .outcomes(platform, edition, "test", &[], &mut files, &mut sink)
                    .expect("the model organisation loads");
                assert!(!sink.has_errors(), "{:?}", sink.items);
                let org: Vec<&Outcome> = outcomes
                    .iter()
                    .filter(|o| o.scope == Scope::Organisation)
                    .collect();
                assert!(!org.is_empty());
                for o in org {
                    assert!(
                        matches!(o.state, State::Pass | State::NotApplicable),
                        "{today}: {} is {:?}: {}",
                        o.requirement,
                        o.state,
                        o.message
                    );
                }
                // The organisation's part of the deployment requirements too: the DPIA covers it.
                let dpia = outcomes
                    .iter()
                    .find(|o| o.requirement == "AVG-DPIA-01")
                    .unwrap();
                assert_eq!(dpia.state, State::Pass, "{}", dpia.message);
            }
        }
    }

    #[test]
    fn a_platform_id_is_written_as_a_toml_string() {
        let (inputs, ..) = inputs();
        let mut platform = inputs.catalogue.platforms[0].clone();
        platform.id = "a\"b\\c\nd".into();
        let edition = platform.editions[0].clone();
        let text = organisation_toml(
            &platform,
            &edition,
            &[("recording", &Value::Text("disabled".into()))],
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        );
        let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
        assert_eq!(parsed["dpia"]["covers"][0].as_str(), Some("a\"b\\c\nd"));
        assert_eq!(
            parsed["deployments"][0]["platform"].as_str(),
            Some("a\"b\\c\nd")
        );
    }
}
