//! The JSON report of `schema_version` 3, as written and read: every text and fact that repeats
//! is listed once and referred to by key.
//!
//! - `requirements`: requirement id → title, scope, severity, remediation, references. An
//!   outcome carries one of these only where it differs from the table.
//! - `edition_names`: `platform/edition` → the platform's and edition's names and the edition's kind;
//!   a deployment carries only its id, platform, edition and line.
//! - `sources` and `facts`: the catalogue's and overlays' facts an outcome read, once each.
//!   A fact key is `platform/edition.attribute` for a catalogue fact and
//!   `platform/edition.attribute@FILE` for a fact of an overlay. A fact's `source` is a key of
//!   `sources`.
//! - an organisation's own `facts` and `sources` (`[deployments.facts]` of its file) are listed in
//!   that organisation, keyed `platform/edition.attribute@FILE#DEPLOYMENT`; an outcome's evidence
//!   key is looked up there first, then in the report's `facts`.
//! - `messages`: findings that recur (the same words for many outcomes), keyed by a hash of their
//!   words; an outcome names one with `message_key`, or carries `message` itself; with neither it
//!   is the state's bare finding (`voldaan`/`met`, `niet voldaan`/`not met`).
//! - an outcome's `inputs` are `[field, value, line]`; its `line` is left out where it is the
//!   one [`default_line`] gives.
//!
//! [`Document::expand`] resolves every key back into the one in-memory [`Report`], so every
//! renderer reads a version 3 file as it reads a version 1 or 2 file.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};
use crate::model::catalogue::SourceRef;
use crate::model::policy::{Scope, Severity};
use crate::results::{
    Because as FullBecause, CatalogueInfo, Counts, DeploymentInfo, Evidence, EvidenceOrigin,
    InputValue, OrgReport, Outcome as FullOutcome, PolicyInfo, ReplacedFact, Report, State, Tool,
    Verdict, WaiverInfo,
};

/// The version this module writes and reads.
pub const VERSION: u32 = 3;

/// A whole report of `schema_version` 3. The organisations come last: the tables they refer to
/// are read first.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Document {
    pub schema_version: u32,
    pub tool: Tool,
    pub evaluated_on: String,
    pub lang: Lang,
    pub fail_on: Severity,
    pub policy: PolicyInfo,
    pub catalogue: CatalogueInfo,
    pub verdict: Verdict,
    /// "Not legal advice."
    pub notice: Text,
    /// Requirement id → its texts, from the policy.
    #[serde(default)]
    pub requirements: BTreeMap<String, Requirement>,
    /// `platform/edition` → the names of the platform and edition deployed.
    #[serde(default)]
    pub edition_names: BTreeMap<String, Edition>,
    /// Source key → the source a fact of `facts` cites.
    #[serde(default)]
    pub sources: BTreeMap<String, SourceRef>,
    /// Fact key → a catalogue or overlay fact an outcome read.
    #[serde(default)]
    pub facts: BTreeMap<String, Fact>,
    /// Message key → a finding that recurs.
    #[serde(default)]
    pub messages: BTreeMap<String, Text>,
    pub organisations: Vec<Org>,
}

/// What the policy says of a requirement, once per report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Requirement {
    pub title: Text,
    pub scope: Scope,
    pub severity: Severity,
    pub remediation: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

/// The names of a platform and edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Edition {
    pub platform_name: Text,
    pub edition_name: Text,
    pub edition_kind: String,
}

/// A fact an outcome read, with the key of its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Fact {
    pub platform: String,
    pub edition: String,
    pub attribute: String,
    pub value: serde_json::Value,
    /// A key of `sources` (of the report, or for an organisation's own fact, of the
    /// organisation). Absent: an unsourced attribute.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<Text>,
    /// Older than the policy's `max_fact_age_days`.
    pub stale: bool,
    #[serde(default)]
    pub origin: EvidenceOrigin,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replaced: Option<ReplacedFact>,
}

/// One organisation file's results.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Org {
    pub file: String,
    pub sha256: String,
    pub name: String,
    pub verdict: Verdict,
    pub counts: Counts,
    pub deployments: Vec<Deployment>,
    /// The sources of this organisation's own facts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, SourceRef>,
    /// Facts this organisation's file gives its deployments (`[deployments.facts]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, Fact>,
    pub outcomes: Vec<Outcome>,
}

/// A deployment; its names are in `edition_names` unless given here.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Deployment {
    pub id: String,
    pub platform: String,
    pub edition: String,
    /// 1-based line of the deployment entry in the organisation file.
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub names: Option<Edition>,
}

/// A value from the organisation file an outcome read: `[field, value, line]`, the field as
/// written in the organisation file (`dpia.status`, `deployments[zoom].recording`) and the
/// 1-based line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Input(pub String, pub serde_json::Value, pub usize);

/// The outcome of one requirement for one subject. `title`, `scope`, `severity`, `remediation`
/// and `references` are given only where they differ from `requirements`.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Outcome {
    pub requirement: String,
    /// The deployment id, or `organisation`.
    pub subject: String,
    pub state: State,
    /// For `waived`: what it would have been.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub underlying_state: Option<State>,
    /// 1-based line in the organisation (or appointment) file that decides this outcome; `null`
    /// when nothing does. Absent: the line of its first input, else of its deployment (for an
    /// `unknown` outcome: of its deployment), else none ([`default_line`]).
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "present"
    )]
    #[schemars(with = "Option<usize>")]
    pub line: Option<Option<usize>>,
    /// Fields the check needed that the input left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The finding, when it is neither in `messages` nor the state's bare finding.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message: Option<Text>,
    /// The finding: a key of `messages`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message_key: Option<String>,
    /// Keys of the facts the check read (the organisation's `facts`, else the report's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Values from the organisation file the check read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<Input>,
    /// For a derived outcome: the platform requirements it rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<Because>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub waiver: Option<WaiverInfo>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub scope: Option<Scope>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub severity: Option<Severity>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub remediation: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub references: Option<Vec<String>>,
}

/// A platform requirement a derived outcome rests on; `title` and `severity` only where they
/// differ from `requirements`.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Because {
    pub requirement: String,
    pub state: State,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub severity: Option<Severity>,
}

/// The finding an outcome in `state` has when it says no more than its state: what the engine
/// writes for a plain pass or fail.
pub fn bare_message(state: State) -> Option<Text> {
    match state {
        State::Pass => Some(crate::both!("voldaan", "met")),
        State::Fail => Some(crate::both!("niet voldaan", "not met")),
        _ => None,
    }
}

/// A field given as `null` is present (`Some(None)`), unlike one left out (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<usize>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

/// The line an outcome has when its `line` is left out: for an outcome that was `unknown` the
/// line of its deployment, for any other that of its first input, else of its deployment; for the
/// organisation with no inputs none. `deployment` is the line of the outcome's subject.
pub fn default_line(
    state: State,
    underlying: Option<State>,
    inputs: &[InputValue],
    deployment: Option<usize>,
) -> Option<usize> {
    if underlying.unwrap_or(state) == State::Unknown {
        return deployment;
    }
    inputs.first().map(|i| i.line).or(deployment)
}

/// What a key or field of an outcome of a deployment may leave out: `.encryption_in_transit`
/// is the fact `zoom/business.encryption_in_transit` of deployment `zoom`'s edition, and
/// `.recording` is the field `deployments[zoom].recording`. A full key or field never begins with
/// a full stop.
pub struct Relative {
    /// `zoom/business`.
    edition: Option<String>,
    /// `deployments[zoom]`.
    field: Option<String>,
}

impl Relative {
    fn shorten(prefix: &Option<String>, s: &str) -> String {
        match prefix.as_deref().and_then(|p| s.strip_prefix(p)) {
            Some(rest) if rest.starts_with('.') => rest.to_string(),
            _ => s.to_string(),
        }
    }

    fn expand(prefix: &Option<String>, s: &str) -> String {
        match prefix {
            Some(p) if s.starts_with('.') => format!("{p}{s}"),
            _ => s.to_string(),
        }
    }

    pub fn shorten_key(&self, key: &str) -> String {
        Relative::shorten(&self.edition, key)
    }

    pub fn expand_key(&self, key: &str) -> String {
        Relative::expand(&self.edition, key)
    }

    pub fn shorten_field(&self, field: &str) -> String {
        Relative::shorten(&self.field, field)
    }

    pub fn expand_field(&self, field: &str) -> String {
        Relative::expand(&self.field, field)
    }
}

/// An organisation's deployments by id (the first of an id), for the subjects of its outcomes.
pub struct Subjects<'a>(HashMap<&'a str, (&'a str, &'a str, usize)>);

impl<'a> Subjects<'a> {
    /// From (id, platform, edition, line) of each deployment.
    pub fn new(deployments: impl Iterator<Item = (&'a str, &'a str, &'a str, usize)>) -> Self {
        let mut by_id = HashMap::new();
        for (id, platform, edition, line) in deployments {
            by_id.entry(id).or_insert((platform, edition, line));
        }
        Subjects(by_id)
    }

    /// What an outcome of `subject` may leave out of its keys and fields.
    pub fn relative(&self, subject: &str) -> Relative {
        match self.0.get_key_value(subject) {
            Some((id, (platform, edition, _))) => Relative {
                edition: Some(format!("{platform}/{edition}")),
                field: Some(format!("deployments[{id}]")),
            },
            None => Relative {
                edition: None,
                field: None,
            },
        }
    }

    /// The line of deployment `subject`.
    pub fn line(&self, subject: &str) -> Option<usize> {
        self.0.get(subject).map(|d| d.2)
    }
}

/// A key that a version 3 report refers to but does not list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dangling {
    /// What kind of key: `requirement`, `edition`, `fact`, `source`, `message`, `input`.
    pub kind: &'static str,
    pub key: String,
}

impl std::fmt::Display for Dangling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.kind, self.key)
    }
}

fn dangling(kind: &'static str, key: &str) -> Dangling {
    Dangling {
        kind,
        key: key.to_string(),
    }
}

/// The report's tables, with each source shared by the facts that cite it.
struct Tables<'d> {
    doc: &'d Document,
    sources: BTreeMap<&'d str, Arc<SourceRef>>,
    /// The report-wide facts resolved so far, shared by every outcome that refers to them.
    resolved: std::cell::RefCell<std::collections::HashMap<String, Arc<Evidence>>>,
}

/// An organisation's own tables.
struct OrgTables<'o> {
    org: &'o Org,
    sources: BTreeMap<&'o str, Arc<SourceRef>>,
    subjects: Subjects<'o>,
}

fn shared(map: &BTreeMap<String, SourceRef>) -> BTreeMap<&str, Arc<SourceRef>> {
    map.iter()
        .map(|(k, s)| (k.as_str(), Arc::new(s.clone())))
        .collect()
}

impl Document {
    /// The in-memory report: every key resolved. The first key that is not listed is the error.
    pub fn expand(self) -> Result<Report, Dangling> {
        let tables = Tables {
            doc: &self,
            sources: shared(&self.sources),
            resolved: Default::default(),
        };
        let organisations = self
            .organisations
            .iter()
            .map(|o| tables.org(o))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Report {
            schema_version: self.schema_version,
            tool: self.tool,
            evaluated_on: self.evaluated_on,
            lang: self.lang,
            fail_on: self.fail_on,
            policy: self.policy,
            catalogue: self.catalogue,
            verdict: self.verdict,
            organisations,
            notice: self.notice,
        })
    }
}

impl Tables<'_> {
    fn org(&self, org: &Org) -> Result<OrgReport, Dangling> {
        let own = OrgTables {
            org,
            sources: shared(&org.sources),
            subjects: Subjects::new(org.deployments.iter().map(|d| {
                (
                    d.id.as_str(),
                    d.platform.as_str(),
                    d.edition.as_str(),
                    d.line,
                )
            })),
        };
        let deployments = org
            .deployments
            .iter()
            .map(|d| {
                let key = format!("{}/{}", d.platform, d.edition);
                let names = match &d.names {
                    Some(n) => n,
                    None => self
                        .doc
                        .edition_names
                        .get(&key)
                        .ok_or_else(|| dangling("edition", &key))?,
                };
                Ok(DeploymentInfo {
                    id: d.id.clone(),
                    platform: d.platform.clone(),
                    edition: d.edition.clone(),
                    platform_name: names.platform_name.clone(),
                    edition_name: names.edition_name.clone(),
                    edition_kind: names.edition_kind.clone(),
                    line: d.line,
                })
            })
            .collect::<Result<Vec<_>, Dangling>>()?;
        let outcomes = org
            .outcomes
            .iter()
            .map(|o| self.outcome(&own, o))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(OrgReport {
            file: org.file.clone(),
            sha256: org.sha256.clone(),
            name: org.name.clone(),
            verdict: org.verdict,
            counts: org.counts,
            deployments,
            outcomes,
        })
    }

    fn outcome(&self, own: &OrgTables<'_>, o: &Outcome) -> Result<FullOutcome, Dangling> {
        let req = self.doc.requirements.get(&o.requirement);
        let need = || dangling("requirement", &o.requirement);
        let message = match (&o.message, &o.message_key) {
            (Some(m), _) => m.clone(),
            (None, Some(k)) => self
                .doc
                .messages
                .get(k)
                .cloned()
                .ok_or_else(|| dangling("message", k))?,
            (None, None) => bare_message(o.underlying_state.unwrap_or(o.state)).unwrap_or_default(),
        };
        let rel = own.subjects.relative(&o.subject);
        let inputs: Vec<InputValue> = o
            .inputs
            .iter()
            .map(|Input(field, value, line)| InputValue {
                field: rel.expand_field(field),
                value: value.clone(),
                line: *line,
            })
            .collect();
        let line = match o.line {
            Some(line) => line,
            None => default_line(
                o.state,
                o.underlying_state,
                &inputs,
                own.subjects.line(&o.subject),
            ),
        };
        let because = o
            .because
            .iter()
            .map(|b| {
                let req = self.doc.requirements.get(&b.requirement);
                let need = || dangling("requirement", &b.requirement);
                Ok(FullBecause {
                    requirement: b.requirement.clone(),
                    title: match &b.title {
                        Some(t) => Arc::new(t.clone()),
                        None => Arc::new(req.ok_or_else(need)?.title.clone()),
                    },
                    severity: match b.severity {
                        Some(s) => s,
                        None => req.ok_or_else(need)?.severity,
                    },
                    state: b.state,
                    missing: b.missing.clone(),
                    evidence: self.evidence(own, &rel, &b.evidence)?,
                })
            })
            .collect::<Result<Vec<_>, Dangling>>()?;
        Ok(FullOutcome {
            requirement: o.requirement.clone(),
            title: match &o.title {
                Some(t) => Arc::new(t.clone()),
                None => Arc::new(req.ok_or_else(need)?.title.clone()),
            },
            scope: match o.scope {
                Some(s) => s,
                None => req.ok_or_else(need)?.scope,
            },
            subject: o.subject.clone(),
            severity: match o.severity {
                Some(s) => s,
                None => req.ok_or_else(need)?.severity,
            },
            state: o.state,
            underlying_state: o.underlying_state,
            missing: o.missing.clone(),
            message,
            remediation: match &o.remediation {
                Some(t) => Arc::new(t.clone()),
                None => Arc::new(req.ok_or_else(need)?.remediation.clone()),
            },
            references: match &o.references {
                Some(r) => Arc::new(r.clone()),
                None => Arc::new(req.ok_or_else(need)?.references.clone()),
            },
            waiver: o.waiver.clone(),
            line,
            evidence: self.evidence(own, &rel, &o.evidence)?,
            inputs,
            because,
        })
    }

    /// Facts by key: the organisation's own first, then the report's; each with its source from
    /// the table of the same level.
    fn evidence(
        &self,
        own: &OrgTables<'_>,
        rel: &Relative,
        keys: &[String],
    ) -> Result<Vec<Arc<Evidence>>, Dangling> {
        keys.iter()
            .map(|k| {
                let k = &rel.expand_key(k);
                let own_fact = own.org.facts.get(k);
                if own_fact.is_none()
                    && let Some(e) = self.resolved.borrow().get(k)
                {
                    return Ok(e.clone());
                }
                let (fact, sources) = match own_fact {
                    Some(f) => (f, &own.sources),
                    None => (
                        self.doc.facts.get(k).ok_or_else(|| dangling("fact", k))?,
                        &self.sources,
                    ),
                };
                let source = match &fact.source {
                    Some(s) => Some(
                        sources
                            .get(s.as_str())
                            .cloned()
                            .ok_or_else(|| dangling("source", s))?,
                    ),
                    None => None,
                };
                let e = Arc::new(Evidence {
                    platform: fact.platform.clone(),
                    edition: fact.edition.clone(),
                    attribute: fact.attribute.clone(),
                    value: fact.value.clone(),
                    source,
                    note: fact.note.clone(),
                    stale: fact.stale,
                    origin: fact.origin.clone(),
                    replaced: fact.replaced.clone(),
                });
                if own_fact.is_none() {
                    self.resolved.borrow_mut().insert(k.clone(), e.clone());
                }
                Ok(e)
            })
            .collect()
    }
}

/// The JSON Schema of the report this beeldbel writes (version 3), generated from [`Document`].
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Document)).unwrap_or_default();
    if let serde_json::Value::Object(m) = &mut schema {
        m.insert("title".into(), "beeldbel report (schema_version 3)".into());
    }
    schema
}
