//! A structurally valid organisation file, built from fuzz input: every key and enum value is
//! one the schema (`beeldbel::schema::defs`) allows, and every deployment names a platform and
//! edition of the embedded catalogue. What the fuzzer varies is the combination: which sections
//! are present, the booleans, dates (down to year 1 and up to 9999), numbers (up to `i64::MAX`),
//! free texts (including markup and control characters, which every renderer must escape),
//! duplicate deployment ids, and waivers for any requirement of the embedded policy.

use arbitrary::Arbitrary;
use toml::value::{Date, Datetime, Table, Value};

use beeldbel::schema::defs;

/// A free text: anything, or one of the texts renderers are known to have to escape.
#[derive(Arbitrary, Debug)]
pub enum Text {
    Free(String),
    Hostile(u8),
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "a | b | c\n|---|",
    "**vet** _schuin_ [link](javascript:alert(1))",
    "\u{1b}[31mrood\u{1b}[0m",
    "\u{202e}gnirts\u{202c}",
    "]]></failure><x>",
    "&amp; &lt; \" ' `",
    "",
    "   ",
    "\r\n\t\u{0}",
    "{{ org.name }} {% raw %}",
    "# kop\n\n- lijst",
    "${jndi:ldap://x}",
    "\u{feff}\u{200b}zero width",
    "\\\\server\\share",
    "a\u{0301}e\u{0308}",
];

impl Text {
    fn value(&self) -> Value {
        Value::String(match self {
            Text::Free(s) => s.clone(),
            Text::Hostile(i) => HOSTILE[*i as usize % HOSTILE.len()].to_string(),
        })
    }
}

/// A date: ordinary (2020–2031) or an edge of what TOML allows.
#[derive(Arbitrary, Debug)]
pub struct When {
    year: u8,
    month: u8,
    day: u8,
}

impl When {
    fn value(&self) -> Value {
        let year = match self.year {
            0 => 1,
            255 => 9999,
            y => 2020 + u16::from(y % 12),
        };
        Value::Datetime(Datetime {
            date: Some(Date {
                year,
                month: 1 + self.month % 12,
                day: 1 + self.day % 28,
            }),
            time: None,
            offset: None,
        })
    }
}

/// One of an enumerated field's allowed values, by index.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Pick(u8);

impl Pick {
    fn of(self, ids: &[&str]) -> Value {
        Value::String(ids[self.0 as usize % ids.len()].to_string())
    }
}

#[derive(Arbitrary, Debug)]
pub struct OrgSpec {
    name: Text,
    kind: Pick,
    public_authority: Option<bool>,
    large_scale_health: Option<bool>,
    dpo: Option<(Option<bool>, Option<Text>)>,
    processing: Option<Processing>,
    dpia: Option<Dpia>,
    video_policy: Option<(Option<When>, Option<Vec<Pick>>)>,
    recording: Option<Recording>,
    client_information: Option<ClientInformation>,
    conduct: Option<[Option<bool>; 7]>,
    deployments: Vec<DeploymentSpec>,
    waivers: Vec<WaiverSpec>,
}

#[derive(Arbitrary, Debug)]
pub struct Processing {
    purposes: Option<Vec<Text>>,
    purpose_justification: Option<Text>,
    lawful_basis: Option<Pick>,
    lawful_basis_reference: Option<Text>,
    special_categories: Option<Vec<Pick>>,
    art9_exception: Option<Pick>,
    art9_reference: Option<Text>,
    in_processing_register: Option<bool>,
}

#[derive(Arbitrary, Debug)]
pub struct Dpia {
    status: Option<Pick>,
    completed_on: Option<When>,
    /// Platform ids: of the catalogue (`Ok`) or any text.
    covers: Option<Vec<Result<Pick, Text>>>,
    dpo_advice_on: Option<When>,
    residual_high_risk: Option<bool>,
    prior_consultation_on: Option<When>,
    review_due: Option<When>,
}

#[derive(Arbitrary, Debug)]
pub struct Recording {
    allowed: Option<Pick>,
    purpose: Option<Text>,
    retention_days: Option<u64>,
    client_recordings_rules_published: Option<bool>,
}

#[derive(Arbitrary, Debug)]
pub struct ClientInformation {
    privacy_notice_url: Option<Text>,
    informed_before_call: Option<bool>,
    instructions_before_call: Option<bool>,
    alternative_offered: Option<bool>,
}

#[derive(Arbitrary, Debug)]
pub struct DeploymentSpec {
    /// `None`: the platform id; `Some(n)`: one of four ids, so duplicates happen.
    id: Option<u8>,
    platform: Pick,
    edition: Pick,
    processor_agreement_signed_on: Option<When>,
    data_region: Option<Pick>,
    transfer_basis: Option<Pick>,
    recording: Option<Pick>,
    switches: [Option<bool>; 6],
}

#[derive(Arbitrary, Debug)]
pub struct WaiverSpec {
    requirement: Pick,
    /// An index into the deployments (their ids), or none (organisation scope).
    deployment: Option<u8>,
    reason: Text,
    approved_by: Text,
    approved_on: When,
    expires: When,
}

/// Inserts `key = v` when the field is present.
fn put(t: &mut Table, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        t.insert(key.to_string(), v);
    }
}

fn picks(list: &[Pick], ids: &[&str]) -> Value {
    Value::Array(list.iter().map(|p| p.of(ids)).collect())
}

const DEPLOYMENT_SWITCHES: [&str; 6] = [
    "e2ee_enabled",
    "waiting_room_enabled",
    "meeting_protection_enabled",
    "mfa_enforced",
    "functional_host_accounts",
    "telemetry_minimised",
];

const CONDUCT: [&str; 7] = [
    "client_consent_recorded",
    "client_chooses_contact_form",
    "report_checked_by_client",
    "justification_in_report",
    "office_hours_only",
    "evaluated_during_trajectory",
    "third_party_presence_explained",
];

/// Most deployments and waivers one file gets (a batch of organisations is another matter).
const MAX_DEPLOYMENTS: usize = 8;
const MAX_WAIVERS: usize = 8;

impl OrgSpec {
    /// The organisation file as TOML text.
    pub fn to_toml(&self) -> String {
        let catalogue = crate::catalogue();
        let policy = &crate::embedded().policy;
        let platform_ids: Vec<&str> = catalogue.platforms.iter().map(|p| p.id.as_str()).collect();
        let requirement_ids: Vec<&str> =
            policy.requirements.iter().map(|r| r.id.as_str()).collect();
        let mut root = Table::new();

        let mut o = Table::new();
        o.insert("name".into(), self.name.value());
        o.insert("kind".into(), self.kind.of(defs::ORG_KINDS));
        put(
            &mut o,
            "public_authority",
            self.public_authority.map(Value::Boolean),
        );
        put(
            &mut o,
            "large_scale_health",
            self.large_scale_health.map(Value::Boolean),
        );
        if let Some((designated, contact)) = &self.dpo {
            let mut d = Table::new();
            put(&mut d, "designated", designated.map(Value::Boolean));
            put(&mut d, "contact", contact.as_ref().map(Text::value));
            o.insert("dpo".into(), Value::Table(d));
        }
        root.insert("organisation".into(), Value::Table(o));

        if let Some(p) = &self.processing {
            let mut t = Table::new();
            put(
                &mut t,
                "purposes",
                p.purposes
                    .as_ref()
                    .map(|l| Value::Array(l.iter().map(Text::value).collect())),
            );
            put(
                &mut t,
                "purpose_justification",
                p.purpose_justification.as_ref().map(Text::value),
            );
            put(
                &mut t,
                "lawful_basis",
                p.lawful_basis.map(|x| x.of(defs::LAWFUL_BASES)),
            );
            put(
                &mut t,
                "lawful_basis_reference",
                p.lawful_basis_reference.as_ref().map(Text::value),
            );
            put(
                &mut t,
                "special_categories",
                p.special_categories
                    .as_deref()
                    .map(|l| picks(l, defs::SPECIAL_CATEGORIES)),
            );
            put(
                &mut t,
                "art9_exception",
                p.art9_exception.map(|x| x.of(defs::ART9_EXCEPTIONS)),
            );
            put(
                &mut t,
                "art9_reference",
                p.art9_reference.as_ref().map(Text::value),
            );
            put(
                &mut t,
                "in_processing_register",
                p.in_processing_register.map(Value::Boolean),
            );
            root.insert("processing".into(), Value::Table(t));
        }
        if let Some(d) = &self.dpia {
            let mut t = Table::new();
            put(&mut t, "status", d.status.map(|x| x.of(defs::DPIA_STATUS)));
            put(
                &mut t,
                "completed_on",
                d.completed_on.as_ref().map(When::value),
            );
            put(
                &mut t,
                "covers",
                d.covers.as_ref().map(|l| {
                    Value::Array(
                        l.iter()
                            .map(|c| match c {
                                Ok(p) => p.of(&platform_ids),
                                Err(text) => text.value(),
                            })
                            .collect(),
                    )
                }),
            );
            put(
                &mut t,
                "dpo_advice_on",
                d.dpo_advice_on.as_ref().map(When::value),
            );
            put(
                &mut t,
                "residual_high_risk",
                d.residual_high_risk.map(Value::Boolean),
            );
            put(
                &mut t,
                "prior_consultation_on",
                d.prior_consultation_on.as_ref().map(When::value),
            );
            put(&mut t, "review_due", d.review_due.as_ref().map(When::value));
            root.insert("dpia".into(), Value::Table(t));
        }
        if let Some((adopted, covers)) = &self.video_policy {
            let mut t = Table::new();
            put(&mut t, "adopted_on", adopted.as_ref().map(When::value));
            put(
                &mut t,
                "covers",
                covers
                    .as_deref()
                    .map(|l| picks(l, defs::VIDEO_POLICY_TOPICS)),
            );
            root.insert("video_policy".into(), Value::Table(t));
        }
        if let Some(r) = &self.recording {
            let mut t = Table::new();
            put(
                &mut t,
                "allowed",
                r.allowed.map(|x| x.of(defs::RECORDING_ALLOWED)),
            );
            put(&mut t, "purpose", r.purpose.as_ref().map(Text::value));
            // Any whole number ≥ 0, up to i64::MAX.
            put(
                &mut t,
                "retention_days",
                r.retention_days.map(|n| Value::Integer((n >> 1) as i64)),
            );
            put(
                &mut t,
                "client_recordings_rules_published",
                r.client_recordings_rules_published.map(Value::Boolean),
            );
            root.insert("recording".into(), Value::Table(t));
        }
        if let Some(c) = &self.client_information {
            let mut t = Table::new();
            put(
                &mut t,
                "privacy_notice_url",
                c.privacy_notice_url.as_ref().map(Text::value),
            );
            put(
                &mut t,
                "informed_before_call",
                c.informed_before_call.map(Value::Boolean),
            );
            put(
                &mut t,
                "instructions_before_call",
                c.instructions_before_call.map(Value::Boolean),
            );
            put(
                &mut t,
                "alternative_offered",
                c.alternative_offered.map(Value::Boolean),
            );
            root.insert("client_information".into(), Value::Table(t));
        }
        if let Some(switches) = &self.conduct {
            let mut t = Table::new();
            for (key, v) in CONDUCT.iter().zip(switches) {
                put(&mut t, key, v.map(Value::Boolean));
            }
            root.insert("conduct".into(), Value::Table(t));
        }

        let mut deployment_ids = Vec::new();
        let mut deployments = Vec::new();
        for d in self.deployments.iter().take(MAX_DEPLOYMENTS) {
            let platform = &catalogue.platforms[d.platform.0 as usize % catalogue.platforms.len()];
            let edition = &platform.editions[d.edition.0 as usize % platform.editions.len()];
            let mut t = Table::new();
            let id = match d.id {
                Some(n) => {
                    let id = format!("inzet-{}", n % 4);
                    t.insert("id".into(), Value::String(id.clone()));
                    id
                }
                None => platform.id.clone(),
            };
            deployment_ids.push(id);
            t.insert("platform".into(), Value::String(platform.id.clone()));
            t.insert("edition".into(), Value::String(edition.id.clone()));
            put(
                &mut t,
                "processor_agreement_signed_on",
                d.processor_agreement_signed_on.as_ref().map(When::value),
            );
            put(
                &mut t,
                "data_region",
                d.data_region.map(|x| x.of(defs::DATA_REGIONS)),
            );
            put(
                &mut t,
                "transfer_basis",
                d.transfer_basis.map(|x| x.of(defs::TRANSFER_BASES)),
            );
            put(
                &mut t,
                "recording",
                d.recording.map(|x| x.of(defs::RECORDING_SETTINGS)),
            );
            for (key, v) in DEPLOYMENT_SWITCHES.iter().zip(&d.switches) {
                put(&mut t, key, v.map(Value::Boolean));
            }
            deployments.push(Value::Table(t));
        }
        if !deployments.is_empty() {
            root.insert("deployments".into(), Value::Array(deployments));
        }

        let mut waivers = Vec::new();
        for w in self.waivers.iter().take(MAX_WAIVERS) {
            let mut t = Table::new();
            t.insert("requirement".into(), w.requirement.of(&requirement_ids));
            if let (Some(i), false) = (w.deployment, deployment_ids.is_empty()) {
                let id = &deployment_ids[i as usize % deployment_ids.len()];
                t.insert("deployment".into(), Value::String(id.clone()));
            }
            t.insert("reason".into(), w.reason.value());
            t.insert("approved_by".into(), w.approved_by.value());
            t.insert("approved_on".into(), w.approved_on.value());
            t.insert("expires".into(), w.expires.value());
            waivers.push(Value::Table(t));
        }
        if !waivers.is_empty() {
            root.insert("waivers".into(), Value::Array(waivers));
        }
        toml::to_string(&root).expect("a table of plain values serialises")
    }
}
