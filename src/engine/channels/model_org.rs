//! The model organisation of `beeldbel channels`, built as data: an organisation that took every
//! organisation-level measure the policy asks for, so that only the platform and its settings
//! decide a channel's rating. It processes health data (the situation of Cahier 28), with a
//! completed DPIA that covers the platform, recordings never allowed, and clients informed and
//! given a choice.
//!
//! The organisation is the validated value the organisation loader would produce
//! ([`crate::model::org::Org`] holding a [`Node`] tree), constructed directly: no TOML text is
//! written or parsed. Its measures are fixed below ([`measures`]); what changes is the
//! evaluation date (the measures are in place on that day, the DPIA review is due a year later),
//! the platform the DPIA covers and the one `[[deployments]]` entry, whose fields are the values
//! of the profile ([`super::profile`]). A test keeps the tree valid against the organisation-file
//! schema (`schema::defs::ORG_FILE`), and one checks that it passes every organisation-scope
//! requirement.
//!
//! There is no file behind it: every span is empty and the organisation's text is empty, so an
//! outcome's `line` is 1. The list of channels uses neither lines nor spans.

use chrono::{NaiveDate, TimeDelta};

use crate::diag::Files;
use crate::input::Source;
use crate::model::catalogue::{Edition, Platform};
use crate::model::org::{Deployment, Org};
use crate::results::channels::Value;
use crate::schema::node::Entry;
use crate::schema::{Node, NodeKind};

/// The model organisation's name (`organisation.name`).
pub const NAME: &str = "Modelorganisatie (beeldbel channels)";

/// The name under which the model organisation is registered for diagnostics.
const SOURCE_NAME: &str = "<channels>/model-organisation";

/// The deployment id of an edition in the model organisation.
pub fn deployment_id(platform: &Platform, edition: &Edition) -> String {
    format!("{}/{}", platform.id, edition.id)
}

/// The model organisation for one evaluation date; [`ModelOrganisation::with_deployment`] gives
/// it one deployment of an edition.
pub struct ModelOrganisation {
    source: Source,
    today: NaiveDate,
}

impl ModelOrganisation {
    /// Registers the model organisation in `files` (under a name, without text), so that a
    /// diagnostic about it names it rather than another file.
    pub fn new(today: NaiveDate, files: &mut Files) -> Self {
        let file = files.add(SOURCE_NAME, "");
        ModelOrganisation {
            source: Source {
                file,
                name: SOURCE_NAME.to_string(),
                // No bytes: nothing to hash.
                sha256: String::new(),
            },
            today,
        }
    }

    /// The model organisation with one deployment of `edition` whose fields are `values`, in
    /// that order (fields absent from `values` are absent from the deployment).
    pub fn with_deployment(
        &self,
        platform: &Platform,
        edition: &Edition,
        values: &[(&str, &Value)],
    ) -> Org {
        let id = deployment_id(platform, edition);
        let mut fields = vec![
            entry("id", text(&id)),
            entry("platform", text(&platform.id)),
            entry("edition", text(&edition.id)),
        ];
        fields.extend(values.iter().map(|(k, v)| entry(k, value(v))));
        let deployment = node(NodeKind::Table(fields));

        let mut top = measures(&platform.id, self.today);
        top.push(entry(
            "deployments",
            node(NodeKind::List(vec![deployment.clone()])),
        ));
        Org {
            source: self.source.clone(),
            name: NAME.to_string(),
            node: node(NodeKind::Table(top)),
            deployments: vec![Deployment {
                id,
                platform: platform.id.clone(),
                edition: edition.id.clone(),
                node: deployment,
                own_edition: None,
            }],
            waivers: Vec::new(),
            text: String::new(),
        }
    }
}

/// Every organisation-level measure, for an organisation that uses `platform` on `today`.
fn measures(platform: &str, today: NaiveDate) -> Vec<Entry> {
    let review_due = today
        .checked_add_signed(TimeDelta::days(365))
        .unwrap_or(today);
    vec![
        entry(
            "organisation",
            table(vec![
                entry("name", text(NAME)),
                entry("kind", text("overig")),
                entry("public_authority", boolean(false)),
                entry("large_scale_health", boolean(true)),
                entry(
                    "dpo",
                    table(vec![
                        entry("designated", boolean(true)),
                        entry("contact", text("fg@modelorganisatie.invalid")),
                    ]),
                ),
            ]),
        ),
        entry(
            "processing",
            table(vec![
                entry(
                    "purposes",
                    texts(&["Gesprekken met cliënten over gezondheid en werk"]),
                ),
                entry(
                    "purpose_justification",
                    text(
                        "Beeldbellen als alternatief voor een fysiek gesprek wanneer dat voor de cliënt beter uitkomt.",
                    ),
                ),
                entry("lawful_basis", text("legal_obligation")),
                entry(
                    "lawful_basis_reference",
                    text("Wet verbetering poortwachter; BW 7:658a"),
                ),
                entry("special_categories", texts(&["health"])),
                entry("art9_exception", text("uavg_30")),
                entry("art9_reference", text("UAVG art. 30")),
                entry("in_processing_register", boolean(true)),
            ]),
        ),
        entry(
            "dpia",
            table(vec![
                entry("status", text("completed")),
                entry("completed_on", date(today)),
                entry("covers", texts(&[platform])),
                entry("dpo_advice_on", date(today)),
                entry("residual_high_risk", boolean(false)),
                entry("review_due", date(review_due)),
            ]),
        ),
        entry(
            "video_policy",
            table(vec![
                entry("adopted_on", date(today)),
                entry(
                    "covers",
                    texts(&[
                        "client_information",
                        "recording",
                        "retention",
                        "allowed_tools",
                    ]),
                ),
            ]),
        ),
        entry(
            "recording",
            table(vec![
                entry("allowed", text("never")),
                entry("retention_days", node(NodeKind::Int(0))),
                entry("client_recordings_rules_published", boolean(true)),
            ]),
        ),
        entry(
            "client_information",
            table(vec![
                entry(
                    "privacy_notice_url",
                    text("https://modelorganisatie.invalid/privacy"),
                ),
                entry("informed_before_call", boolean(true)),
                entry("instructions_before_call", boolean(true)),
                entry("alternative_offered", boolean(true)),
            ]),
        ),
        entry(
            "conduct",
            table(vec![
                entry("client_consent_recorded", boolean(true)),
                entry("client_chooses_contact_form", boolean(true)),
                entry("report_checked_by_client", boolean(true)),
                entry("justification_in_report", boolean(true)),
                entry("office_hours_only", boolean(true)),
                entry("evaluated_during_trajectory", boolean(true)),
                entry("third_party_presence_explained", boolean(true)),
            ]),
        ),
    ]
}

// A value without a place in a file: every span is empty.

fn node(kind: NodeKind) -> Node {
    Node::new(0..0, kind)
}

fn entry(key: &str, value: Node) -> Entry {
    Entry {
        key: key.to_string(),
        key_span: 0..0,
        value,
    }
}

fn table(entries: Vec<Entry>) -> Node {
    node(NodeKind::Table(entries))
}

fn text(s: &str) -> Node {
    node(NodeKind::Str(s.to_string()))
}

fn texts(items: &[&str]) -> Node {
    node(NodeKind::List(items.iter().map(|s| text(s)).collect()))
}

fn boolean(b: bool) -> Node {
    node(NodeKind::Bool(b))
}

fn date(d: NaiveDate) -> Node {
    node(NodeKind::Date(d))
}

/// A deployment field's value as a node.
fn value(v: &Value) -> Node {
    match v {
        Value::Bool(b) => boolean(*b),
        Value::Text(s) => text(s),
        Value::Date(d) => date(*d),
    }
}

#[cfg(test)]
mod tests {
    use super::super::profile::{Facts, PROFILE, Row};
    use super::*;
    use crate::diag::Sink;
    use crate::engine::check::{Evaluator, Settings};
    use crate::model::policy::{Scope, Severity};
    use crate::results::State;
    use crate::schema::{Field, Ty, defs};

    fn inputs() -> (crate::model::inputs::Inputs, Files, Sink) {
        let mut files = Files::default();
        let mut sink = Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        assert!(!sink.has_errors(), "embedded inputs load");
        (inputs, files, sink)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// What the organisation loader's validation would say about `node` against `fields`: every
    /// key in the schema, every value of its type (enum values allowed), every required key
    /// present.
    fn problems(node: &Node, fields: &'static [Field], path: &str, out: &mut Vec<String>) {
        let NodeKind::Table(entries) = &node.kind else {
            out.push(format!("{path}: not a table"));
            return;
        };
        for f in fields.iter().filter(|f| f.required) {
            if !entries.iter().any(|e| e.key == f.name) {
                out.push(format!("{path}.{}: required, missing", f.name));
            }
        }
        for e in entries {
            let at = format!("{path}.{}", e.key);
            match fields.iter().find(|f| f.name == e.key) {
                Some(f) => value_problems(&e.value, &f.ty, &at, out),
                None => out.push(format!("{at}: not in the schema")),
            }
        }
    }

    fn value_problems(node: &Node, ty: &'static Ty, at: &str, out: &mut Vec<String>) {
        let ok = match (ty, &node.kind) {
            (Ty::Bool, NodeKind::Bool(_))
            | (Ty::Str, NodeKind::Str(_))
            | (Ty::Date, NodeKind::Date(_)) => true,
            (Ty::Int { min }, NodeKind::Int(i)) => i >= min,
            (Ty::Enum(allowed), NodeKind::Str(s)) => allowed.iter().any(|v| v.id == s.as_str()),
            (Ty::List(inner), NodeKind::List(items)) => {
                for (i, item) in items.iter().enumerate() {
                    value_problems(item, inner, &format!("{at}[{i}]"), out);
                }
                true
            }
            (Ty::Table(fields), NodeKind::Table(_)) => {
                problems(node, fields, at, out);
                true
            }
            (Ty::TableArray(fields), NodeKind::List(items)) => {
                for (i, item) in items.iter().enumerate() {
                    problems(item, fields, &format!("{at}[{i}]"), out);
                }
                true
            }
            _ => false,
        };
        if !ok {
            out.push(format!("{at}: {:?} is not {}", node.kind, ty.describe()));
        }
    }

    /// Every field of the profile for an edition, with the deployment built from the values the
    /// protective profile applies.
    fn protective_org(
        model: &ModelOrganisation,
        platform: &Platform,
        edition: &Edition,
        today: NaiveDate,
    ) -> (Vec<Row>, Org) {
        let facts = Facts { edition, today };
        let rows: Vec<Row> = PROFILE.iter().map(|e| Row::of(e, &facts)).collect();
        let values: Vec<(&str, &Value)> = rows
            .iter()
            .filter_map(|r| Some((r.entry.field, r.applied()?)))
            .collect();
        let org = model.with_deployment(platform, edition, &values);
        (rows, org)
    }

    #[test]
    fn the_model_organisation_is_a_valid_organisation_file() {
        let (inputs, mut files, _) = inputs();
        let today = day(2026, 11, 23);
        let model = ModelOrganisation::new(today, &mut files);
        for platform in &inputs.catalogue.platforms {
            for edition in &platform.editions {
                let (_, org) = protective_org(&model, platform, edition, today);
                let mut found = Vec::new();
                problems(&org.node, defs::ORG_FILE, "", &mut found);
                assert!(
                    found.is_empty(),
                    "{}/{}: {found:#?}",
                    platform.id,
                    edition.id
                );
            }
        }
    }

    #[test]
    fn the_deployment_carries_the_profile_values_as_data() {
        let (inputs, mut files, _) = inputs();
        let today = day(2026, 11, 23);
        let model = ModelOrganisation::new(today, &mut files);
        let (platform, edition) = inputs
            .catalogue
            .edition("zoom", "business")
            .expect("zoom business in the catalogue");
        let (rows, org) = protective_org(&model, platform, edition, today);

        // No file behind it: nothing was written or parsed.
        assert!(org.text.is_empty());
        assert_eq!(files.name(org.file()), "<channels>/model-organisation");
        assert_eq!(org.name, NAME);

        let [d] = org.deployments.as_slice() else {
            panic!("one deployment, got {}", org.deployments.len())
        };
        assert_eq!(d.id, "zoom/business");
        assert_eq!(
            (d.platform.as_str(), d.edition.as_str()),
            ("zoom", "business")
        );
        // The deployment the engine reads is the one in the organisation's tree.
        assert_eq!(
            org.node.get("deployments").map(Node::as_list),
            Some(std::slice::from_ref(&d.node))
        );
        // Every profile field: the applied value as a node of its type, or absent.
        let mut set = 0;
        for r in &rows {
            let node = d.node.get(r.entry.field);
            match (r.applied(), node.map(|n| &n.kind)) {
                (None, None) => {}
                (Some(Value::Bool(b)), Some(NodeKind::Bool(n))) => assert_eq!(b, n),
                (Some(Value::Text(s)), Some(NodeKind::Str(n))) => assert_eq!(s, n),
                (Some(Value::Date(v)), Some(NodeKind::Date(n))) => assert_eq!(v, n),
                (v, n) => panic!("{}: profile {v:?}, deployment {n:?}", r.entry.field),
            }
            set += usize::from(node.is_some());
        }
        // Zoom business has every fact the settings of the first model read: those are set
        // (the measures of a public DPIA, AI features and self-hosting depend on other facts).
        for field in [
            "processor_agreement_signed_on",
            "data_region",
            "transfer_basis",
            "e2ee_enabled",
            "waiting_room_enabled",
            "meeting_protection_enabled",
            "recording",
            "mfa_enforced",
            "functional_host_accounts",
            "telemetry_minimised",
        ] {
            assert!(d.node.get(field).is_some(), "{field} is not set");
        }
        assert!(set >= 10 && set <= PROFILE.len());
        assert_eq!(
            d.node.get("recording").and_then(Node::as_str),
            Some("disabled")
        );
        assert_eq!(
            d.node
                .get("processor_agreement_signed_on")
                .and_then(Node::as_date),
            Some(today)
        );
        // The DPIA covers the platform; the dates follow the evaluation date.
        assert_eq!(
            org.node.path(&["dpia", "covers"]).map(|n| n
                .as_list()
                .iter()
                .filter_map(Node::as_str)
                .collect()),
            Some(vec!["zoom"])
        );
        assert_eq!(
            org.node
                .path(&["dpia", "review_due"])
                .and_then(Node::as_date),
            Some(day(2027, 11, 23))
        );
    }

    #[test]
    fn a_platform_id_is_kept_as_it_is() {
        let (inputs, mut files, _) = inputs();
        let model = ModelOrganisation::new(day(2026, 11, 23), &mut files);
        let mut platform = inputs.catalogue.platforms[0].clone();
        platform.id = "a\"b\\c\nd = 1".into();
        let edition = platform.editions[0].clone();
        let recording = Value::Text("disabled".into());
        let org = model.with_deployment(&platform, &edition, &[("recording", &recording)]);
        assert_eq!(
            org.node.path(&["dpia", "covers"]).map(Node::as_list),
            Some(&[text("a\"b\\c\nd = 1")][..])
        );
        let d = &org.deployments[0];
        assert_eq!(d.node.str_at("platform"), Some("a\"b\\c\nd = 1"));
        assert_eq!(d.node.str_at("recording"), Some("disabled"));
        // Only the identity and the one value given.
        let keys: Vec<&str> = d.node.entries().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["id", "platform", "edition", "recording"]);
    }

    #[test]
    fn the_model_organisation_passes_every_organisation_requirement() {
        let (inputs, mut files, mut sink) = inputs();
        for today in [day(2026, 11, 23), day(2031, 2, 28)] {
            let ev = Evaluator::new(
                &inputs.policy,
                &inputs.catalogue,
                Settings {
                    today,
                    fail_on: Severity::Low,
                },
            );
            let model = ModelOrganisation::new(today, &mut files);
            for platform in &inputs.catalogue.platforms {
                let edition = &platform.editions[0];
                let org = model.with_deployment(platform, edition, &[]);
                let outcomes = ev.evaluate(&org, &mut sink).outcomes;
                assert!(sink.items.is_empty(), "{:?}", sink.items);
                let org_outcomes: Vec<_> = outcomes
                    .iter()
                    .filter(|o| o.scope == Scope::Organisation)
                    .collect();
                assert!(!org_outcomes.is_empty());
                for o in org_outcomes {
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
                    .expect("AVG-DPIA-01 evaluated");
                assert_eq!(dpia.state, State::Pass, "{}", dpia.message);
            }
        }
    }
}
