//! The protective profile of `beeldbel channels`: per deployment field of an organisation file,
//! what the edition ships with and what its most protective value is, derived from the catalogue
//! facts by [`PROFILE`] — the one place that says what "most protective" means. [`Row`] is one
//! field of one edition under both profiles.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::catalogue::Edition;
use crate::results::channels::Value;
use crate::schema::{Node, NodeKind};

/// A catalogue value (a `default_<setting>` attribute) as a deployment value.
fn value_of(n: &Node) -> Option<Value> {
    match &n.kind {
        NodeKind::Bool(b) => Some(Value::Bool(*b)),
        NodeKind::Str(s) => Some(Value::Text(s.clone())),
        NodeKind::Date(d) => Some(Value::Date(*d)),
        _ => None,
    }
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.to_string()))
}

/// Who decides a deployment field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A setting in the platform's administration: the vendor ships a default (catalogue
    /// attribute `default_<field>`), an administrator can change it.
    Setting,
    /// A measure the organisation takes that lifts a specific obstacle (a signed processor
    /// agreement, end-to-end encrypted meetings, own keys, AI features off): it has no vendor
    /// default, is absent under the defaults and present under the protective profile, so that
    /// an edition that needs it is rated *onder voorwaarden* with the measure as a condition.
    Measure,
    /// A routine the model organisation follows for every edition (a recorded transfer basis,
    /// functional accounts, hosting a self-hosted edition itself): present in both evaluations,
    /// listed per edition as an assumption, never a condition.
    Assumed,
}

/// The catalogue facts of one edition, as the profile reads them.
pub struct Facts<'a> {
    pub edition: &'a Edition,
    pub today: NaiveDate,
}

impl Facts<'_> {
    fn self_hosted(&self) -> bool {
        self.edition.kind == "self_hosted"
    }
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
    /// The condition in a few words, for the overview: Dutch, English.
    pub short: [&'static str; 2],
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
        short: [
            "verwerkersovereenkomst afsluiten",
            "conclude the processor agreement",
        ],
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
        short: ["EU als dataregio", "EU as data region"],
    },
    Entry {
        field: "transfer_basis",
        kind: Kind::Assumed,
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
        short: ["doorgiftegrond vastleggen", "record the transfer basis"],
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
        short: ["end-to-endversleuteling aan", "end-to-end encryption on"],
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
        short: ["wachtkamer standaard aan", "waiting room on by default"],
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
        short: [
            "unieke link of toegangscode per gesprek",
            "unique link or passcode per call",
        ],
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
        short: ["opnemen uit", "recording off"],
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
        short: [
            "meerfactorauthenticatie verplicht",
            "multi-factor authentication required",
        ],
    },
    Entry {
        field: "functional_host_accounts",
        kind: Kind::Assumed,
        reads: &[],
        protective: yes,
        implied_default: nothing,
        instruction: |_| {
            [
                "Verstuur uitnodigingen vanaf functionele accounts (bijvoorbeeld beeldbellen@organisatie.nl), niet vanaf persoonlijke accounts van medewerkers.",
                "Send invitations from functional accounts (for example videocalls@organisation.nl), not from employees' personal accounts.",
            ]
        },
        short: [
            "uitnodigen vanaf functionele accounts",
            "invite from functional accounts",
        ],
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
        short: ["optionele telemetrie uit", "optional telemetry off"],
    },
    Entry {
        field: "e2ee_meetings_enabled",
        kind: Kind::Measure,
        reads: &["e2ee_meetings"],
        protective: e2ee_meetings_on,
        implied_default: nothing,
        instruction: |_| {
            [
                "Versleutel geplande gesprekken met cliënten end-to-end (bijvoorbeeld met Teams Premium) en leg dat vast in het vergaderbeleid.",
                "Encrypt scheduled meetings with clients end to end (for example with Teams Premium) and fix that in the meeting policy.",
            ]
        },
        short: [
            "geplande gesprekken end-to-end versleutelen (bijv. Teams Premium)",
            "encrypt scheduled meetings end to end (e.g. Teams Premium)",
        ],
    },
    Entry {
        field: "customer_keys_enabled",
        kind: Kind::Measure,
        reads: &["customer_keys"],
        protective: customer_keys_on,
        implied_default: nothing,
        instruction: |_| {
            [
                "Versleutel de gespreksinhoud met sleutels die de organisatie zelf beheert (bijvoorbeeld Double Key Encryption of client-side encryption).",
                "Encrypt call content with keys the organisation holds itself (for example Double Key Encryption or client-side encryption).",
            ]
        },
        short: [
            "gespreksinhoud met eigen sleutels versleutelen",
            "encrypt call content with own keys",
        ],
    },
    Entry {
        field: "ai_features_disabled",
        kind: Kind::Setting,
        reads: &["ai_features"],
        protective: ai_features_off,
        implied_default: nothing,
        instruction: |_| {
            [
                "Zet in de beheeromgeving transcriptie, samenvattingen en AI-assistenten uit voor gesprekken met cliënten.",
                "In the admin console, switch transcription, summaries and AI assistants off for calls with clients.",
            ]
        },
        short: [
            "AI-functies op gespreksinhoud uit",
            "AI features on call content off",
        ],
    },
    Entry {
        field: "hosting",
        kind: Kind::Assumed,
        reads: &[],
        protective: hosted_by_the_organisation,
        implied_default: nothing,
        instruction: |_| {
            [
                "Host de editie zelf, op eigen servers in de EU (de aanname van deze lijst). Laat u haar hosten door een hostingpartij, sluit dan met die partij een verwerkersovereenkomst en kies een hostinglocatie in de EU.",
                "Host the edition yourself, on your own servers in the EU (the assumption of this list). If a hosting provider hosts it for you, conclude a processor agreement with that provider and choose a hosting location in the EU.",
            ]
        },
        short: ["zelf hosten in de EU", "self-hosted in the EU"],
    },
    Entry {
        field: "hosting_provider",
        kind: Kind::Assumed,
        reads: &[],
        protective: nothing,
        implied_default: nothing,
        instruction: |_| ["", ""],
        short: ["", ""],
    },
    Entry {
        field: "hosting_country",
        kind: Kind::Assumed,
        reads: &[],
        protective: nothing,
        implied_default: nothing,
        instruction: |_| ["", ""],
        short: ["", ""],
    },
];

/// On where the edition can encrypt scheduled meetings end to end.
fn e2ee_meetings_on(f: &Facts<'_>) -> Option<Value> {
    f.bool("e2ee_meetings")?.then_some(Value::Bool(true))
}

/// On where the customer can hold the content keys.
fn customer_keys_on(f: &Facts<'_>) -> Option<Value> {
    f.bool("customer_keys")?.then_some(Value::Bool(true))
}

/// Off where the edition has AI features on call content.
fn ai_features_off(f: &Facts<'_>) -> Option<Value> {
    f.bool("ai_features")?.then_some(Value::Bool(true))
}

/// A self-hosted edition: the model organisation hosts it itself.
fn hosted_by_the_organisation(f: &Facts<'_>) -> Option<Value> {
    (f.edition.kind == "self_hosted").then(|| Value::Text("self".into()))
}

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

/// The EU, where the edition can keep content there; a self-hosted edition runs where the
/// organisation hosts it, and the model organisation hosts it in the EU.
fn eu_region(f: &Facts<'_>) -> Option<Value> {
    if f.self_hosted() {
        return text("EU");
    }
    match f.str("eu_data_residency")? {
        "optional" | "default" => text("EU"),
        _ => None,
    }
}

fn eu_region_by_default(f: &Facts<'_>) -> Option<Value> {
    if f.self_hosted() {
        return text("EU");
    }
    (f.str("eu_data_residency")? == "default").then(|| Value::Text("EU".into()))
}

/// The DPF where the vendor is certified; else the SCCs of a processor agreement with a TIA.
/// None for a self-hosted edition: the organisation hosts it in the EU, nothing is transferred.
fn transfer_basis(f: &Facts<'_>) -> Option<Value> {
    if f.self_hosted() {
        None
    } else if f.bool("dpf_certified") == Some(true) {
        text("dpf")
    } else if f.bool("processor_agreement") == Some(true) {
        text("scc_with_tia")
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
pub struct Row {
    pub entry: &'static Entry,
    /// As shipped (a setting), as the organisation arranges it (an assumption), or absent (a
    /// measure not yet taken).
    pub default: Option<Value>,
    /// The attribute the default comes from.
    pub default_from: Option<String>,
    /// The most protective value, if the facts give one.
    pub protective: Option<Value>,
}

impl Row {
    pub fn of(entry: &'static Entry, f: &Facts<'_>) -> Row {
        let protective = (entry.protective)(f);
        let (default, default_from) = match entry.kind {
            Kind::Measure => (None, None),
            Kind::Assumed => (protective.clone(), None),
            Kind::Setting => {
                let attribute = entry.default_attribute().unwrap_or_default();
                match f.node(&attribute).and_then(value_of) {
                    Some(v) => (Some(v), Some(attribute)),
                    None => match (entry.implied_default)(f) {
                        // From the capability fact it rests on, when the catalogue has it.
                        Some(v) => (
                            Some(v),
                            entry
                                .reads
                                .first()
                                .filter(|r| f.node(r).is_some())
                                .map(|r| r.to_string()),
                        ),
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
    pub fn applied(&self) -> Option<&Value> {
        self.protective.as_ref().or(self.default.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Ty, defs};

    /// The setting fields of a deployment: every field but its identity and its own facts.
    fn setting_fields() -> Vec<&'static str> {
        defs::DEPLOYMENT
            .iter()
            .map(|f| f.name)
            .filter(|n| !["id", "platform", "edition", "facts"].contains(n))
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
                Kind::Measure | Kind::Assumed => assert!(
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
}
