//! Rating one edition: the model organisation with one deployment of the edition is evaluated
//! twice by the check engine — with the settings the edition ships with and with the most
//! protective ones ([`super::profile`]) — and the two sets of outcomes give the [`Rating`], the
//! reasons, the missing facts and the conditions of a [`ChannelRating`].

use chrono::NaiveDate;

use super::conditions::{Trial, decides, passes, setting_of};
use super::model_org::{ModelOrganisation, deployment_id};
use super::profile::{Facts, Kind, PROFILE, Row};
use super::texts;
use crate::diag::Sink;
use crate::engine::check::Evaluator;
use crate::i18n::tr;
use crate::model::catalogue::{Edition, Fact, Platform};
use crate::model::policy::{Policy, Scope, Severity};
use crate::results::channels::{
    Advice, ChannelRating, Condition, ConditionKind, Measure, MissingFact, Rating, Reason,
    RequirementRow, SettingProfile, SettingValue, Value,
};
use crate::results::{Evidence, Outcome, State};

/// What rating an edition needs: the engine, the policy and the model organisation.
pub struct Context<'a> {
    pub evaluator: &'a Evaluator<'a>,
    pub policy: &'a Policy,
    pub model: &'a ModelOrganisation,
    pub today: NaiveDate,
}

impl Context<'_> {
    /// Evaluates the model organisation with one deployment of the edition with these field
    /// values; every outcome, organisation scope included.
    pub fn outcomes(
        &self,
        platform: &Platform,
        edition: &Edition,
        values: &[(&str, &Value)],
        sink: &mut Sink,
    ) -> Vec<Outcome> {
        let org = self.model.with_deployment(platform, edition, values);
        self.evaluator.evaluate(&org, sink).outcomes
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

    /// Rates one edition.
    pub fn rate(&self, platform: &Platform, edition: &Edition, sink: &mut Sink) -> ChannelRating {
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
        let d = keep(self.outcomes(platform, edition, &defaults, sink));
        let p = keep(self.outcomes(platform, edition, &protective, sink));

        let prefix = format!("deployments[{}].", deployment_id(platform, edition));
        let reasons = self.reasons(platform, edition, &p, &prefix);
        let missing = missing_facts(platform, edition, &rows, &p, &prefix);

        let unknown = p.iter().any(|o| decides(o) && o.state == State::Unknown);
        let defaults_pass = d.iter().filter(|o| decides(o)).all(passes);
        let conditions = if reasons.is_empty() {
            // Trial evaluations: their warnings repeat those of the two above, not shown.
            let evaluate = |values: &[(&str, &Value)]| {
                keep(self.outcomes(platform, edition, values, &mut Sink::default()))
            };
            let trial = Trial {
                evaluate: &evaluate,
                rows: &rows,
            };
            trial.conditions(&d, &p, &prefix)
        } else {
            Vec::new()
        };
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
            .filter(|r| r.entry.kind == Kind::Assumed)
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

        ChannelRating {
            platform: platform.id.clone(),
            platform_name: platform.name.to_string(),
            vendor: platform.vendor.to_string(),
            edition: edition.id.clone(),
            edition_name: edition.name.to_string(),
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
        }
    }

    /// Why not: what fails even under the protective settings (`p`), and the retired status. A
    /// requirement on the channel as a whole (it reads `channel`) fails because of the platform
    /// requirements: its message says which.
    fn reasons(
        &self,
        platform: &Platform,
        edition: &Edition,
        p: &[Outcome],
        prefix: &str,
    ) -> Vec<Reason> {
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
        let follows = |o: &Outcome| reads_channel(&o.requirement) && !platform_failures.is_empty();
        let mut reasons: Vec<Reason> = p
            .iter()
            .filter(failing)
            .map(|o| Reason {
                requirement: Some(o.requirement.clone()),
                title: o.title.get().to_string(),
                severity: o.severity,
                state: o.state,
                text: match texts::reason(&o.requirement, edition) {
                    Some([nl, en]) => tr(nl, en).to_string(),
                    None if follows(o) => crate::tr!(
                        "Het kanaal is niet voldoende beveiligd: het voldoet niet aan {}.",
                        "The channel is not sufficiently secured: it does not meet {}.",
                        platform_failures.join(", ")
                    ),
                    None => crate::tr!(
                        "Niet voldaan: {}.",
                        "Not met: {}.",
                        o.title.get().trim_end_matches('.')
                    ),
                },
                follows_from: if follows(o) && texts::reason(&o.requirement, edition).is_none() {
                    platform_failures.iter().map(|s| s.to_string()).collect()
                } else {
                    Vec::new()
                },
                // A derived outcome that names its reasons (`because`) says them in its
                // message already.
                message: if follows(o) && o.because.is_empty() {
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
                            setting: setting_of(prefix, &i.field)?,
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
                text: tr(
                    "De dienst wordt niet meer aangeboden.",
                    "The service is no longer offered.",
                )
                .to_string(),
                message: tr(
                    "de catalogus meldt dat deze dienst niet meer wordt aangeboden (status = \"retired\")",
                    "the catalogue says this service is no longer offered (status = \"retired\")",
                )
                .to_string(),
                follows_from: Vec::new(),
                evidence: status
                    .map(|f| vec![std::sync::Arc::new(self.evidence(platform, edition, f))])
                    .unwrap_or_default(),
                settings: Vec::new(),
            });
        }
        reasons
    }
}

/// What the catalogue would need to say: the facts behind the requirements that stay unknown
/// under the protective settings (`p`).
fn missing_facts(
    platform: &Platform,
    edition: &Edition,
    rows: &[Row],
    p: &[Outcome],
    prefix: &str,
) -> Vec<MissingFact> {
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
            } else if let Some(field) = setting_of(prefix, m) {
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
                    text: texts::unknown(&a),
                    attribute: a,
                    requirements: vec![o.requirement.clone()],
                }),
            }
        }
    }
    missing.sort_by(|a, b| a.attribute.cmp(&b.attribute));
    missing
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
    let unknown_defaults = conditions
        .iter()
        .filter(|c| c.kind == ConditionKind::Setting && c.default.is_none())
        .count();
    match rating {
        Rating::Acceptable => tr(
            "alle eisen zijn voldaan met de standaardinstellingen van de editie",
            "every requirement is met with the edition's default settings",
        )
        .to_string(),
        Rating::AcceptableWithConditions => {
            let n = conditions.len();
            let mut s = if n == 1 {
                tr(
                    "alle eisen zijn voldaan onder 1 voorwaarde",
                    "every requirement is met on 1 condition",
                )
                .to_string()
            } else {
                crate::tr!(
                    "alle eisen zijn voldaan onder {n} voorwaarden",
                    "every requirement is met on {n} conditions"
                )
            };
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
    use crate::diag::Files;
    use crate::engine::check::Settings;
    use crate::model::catalogue::Catalogue;
    use crate::schema::{Node, NodeKind};

    /// The fictional platform of the channels tests: every fact known and good; edition `zorg`
    /// ships protective settings.
    const VEILIG: &[u8] = include_bytes!("../../../tests/data/channels/catalogue/veilig.toml");

    /// `veilig/zorg` rated after `change` to its facts, with the embedded policy.
    fn rate_zorg(change: impl Fn(&mut Edition)) -> ChannelRating {
        let mut files = Files::default();
        let mut sink = Sink::default();
        let policy = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let mut catalogue = Catalogue::load(
            &[("veilig.toml".to_string(), VEILIG.to_vec())],
            "test",
            &mut files,
            &mut sink,
        );
        assert!(!sink.has_errors(), "{:?}", sink.items);
        let platform = &mut catalogue.platforms[0];
        let edition = platform
            .editions
            .iter_mut()
            .find(|e| e.id == "zorg")
            .expect("veilig/zorg");
        change(edition);

        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let settings = Settings {
            today,
            fail_on: Severity::Medium,
        };
        let evaluator = Evaluator::new(&policy.policy, &catalogue, settings);
        let model = ModelOrganisation::new(today, &mut files);
        let ctx = Context {
            evaluator: &evaluator,
            policy: &policy.policy,
            model: &model,
            today,
        };
        let (platform, edition) = catalogue.edition("veilig", "zorg").expect("veilig/zorg");
        ctx.rate(platform, edition, &mut sink)
    }

    fn set(edition: &mut Edition, fact: &str, kind: NodeKind) {
        edition
            .facts
            .get_mut(fact)
            .unwrap_or_else(|| panic!("veilig/zorg has {fact}"))
            .value = Node::new(0..0, kind);
    }

    fn reasons(r: &ChannelRating) -> Vec<&str> {
        r.reasons
            .iter()
            .map(|x| x.requirement.as_deref().unwrap_or("status"))
            .collect()
    }

    #[test]
    fn good_facts_and_protective_defaults_need_only_the_processor_agreement() {
        let r = rate_zorg(|_| {});
        assert_eq!(r.rating, Rating::AcceptableWithConditions, "{}", r.summary);
        assert!(r.reasons.is_empty() && r.missing_facts.is_empty());
        // The one condition: a measure, the processor agreement, signed on the day rated.
        let [c] = r.conditions.as_slice() else {
            panic!("one condition, got {:?}", r.conditions)
        };
        assert_eq!(c.setting, "processor_agreement_signed_on");
        assert_eq!(c.kind, ConditionKind::Measure);
        assert_eq!(c.default, None);
        assert_eq!(c.required.display(), "2026-11-23");
        assert_eq!(c.requirements, ["AVG-VWO-01"]);
        // The routine measures are assumed, not conditions.
        let assumed: Vec<&str> = r.measures.iter().map(|m| m.field.as_str()).collect();
        assert_eq!(assumed, ["transfer_basis", "functional_host_accounts"]);
    }

    #[test]
    fn a_self_hosted_edition_with_protective_defaults_is_acceptable() {
        let r = rate_zorg(|e| e.kind = "self_hosted".into());
        assert_eq!(r.rating, Rating::Acceptable, "{}", r.summary);
        assert!(r.conditions.is_empty() && r.reasons.is_empty() && r.missing_facts.is_empty());
        // Hosted by the organisation itself, in the EU: an assumption, listed.
        let hosting = r
            .measures
            .iter()
            .find(|m| m.field == "hosting")
            .expect("the hosting assumption");
        assert_eq!(hosting.value, Value::Text("self".into()));
        let region = r
            .settings
            .iter()
            .find(|s| s.setting == "data_region")
            .expect("data_region");
        assert_eq!(region.default, Some(Value::Text("EU".into())));
    }

    #[test]
    fn a_waiting_room_off_by_default_is_a_condition() {
        let r = rate_zorg(|e| set(e, "default_waiting_room_enabled", NodeKind::Bool(false)));
        assert_eq!(r.rating, Rating::AcceptableWithConditions, "{}", r.summary);
        let [_, c] = r.conditions.as_slice() else {
            panic!("two conditions, got {:?}", r.conditions)
        };
        assert_eq!(c.setting, "waiting_room_enabled");
        assert_eq!(c.default, Some(Value::Bool(false)));
        assert_eq!(
            c.default_from.as_deref(),
            Some("default_waiting_room_enabled")
        );
        assert_eq!(c.required, Value::Bool(true));
        assert_eq!(c.kind, ConditionKind::Setting);
        assert_eq!(c.requirements, ["PLAT-DEFAULT-01"]);
    }

    #[test]
    fn a_missing_fact_leaves_the_edition_undetermined() {
        let r = rate_zorg(|e| {
            e.facts.remove("content_own_use");
        });
        assert_eq!(r.rating, Rating::Undetermined, "{}", r.summary);
        let missing: Vec<&str> = r
            .missing_facts
            .iter()
            .map(|m| m.attribute.as_str())
            .collect();
        assert_eq!(missing, ["content_own_use"]);
        assert!(r.reasons.is_empty());
    }

    #[test]
    fn no_processor_agreement_or_a_retired_service_is_not_acceptable() {
        let r = rate_zorg(|e| set(e, "processor_agreement", NodeKind::Bool(false)));
        assert_eq!(r.rating, Rating::NotAcceptable, "{}", r.summary);
        // Without an agreement to sign, the measure is not assumed and its requirement fails.
        assert!(
            !r.measures
                .iter()
                .any(|m| m.field == "processor_agreement_signed_on")
        );
        assert!(
            r.reasons.iter().any(|x| x
                .evidence
                .iter()
                .any(|e| e.attribute == "processor_agreement")),
            "{:?}",
            reasons(&r)
        );

        let r = rate_zorg(|e| set(e, "status", NodeKind::Str("retired".into())));
        assert_eq!(r.rating, Rating::NotAcceptable, "{}", r.summary);
        assert!(
            r.reasons
                .iter()
                .any(|x| x.evidence.iter().any(|e| e.attribute == "status")),
            "{:?}",
            reasons(&r)
        );
    }
}
