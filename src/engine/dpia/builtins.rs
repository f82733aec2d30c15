//! The items of the DPIA template that are computed rather than read: the check's verdict, the
//! deployments, a vendor's role from the catalogue, whether the video policy covers retention,
//! and the risks, measures and accepted residual risks. Their labels come from the template.

use super::labels::{enum_label, yes_no};
use super::template::{BuiltinDef, BuiltinName, Dep, Text, fill};
use super::{Builder, Computed};
use crate::i18n::tr;
use crate::results::State;
use crate::results::dpia::{Item, Origin};
use crate::schema::Node;

fn word(t: &Option<Text>) -> &str {
    t.as_ref().map_or("", Text::get)
}

impl<'a> Builder<'a> {
    pub(super) fn builtin(
        &self,
        b: &'static BuiltinDef,
        dep: Option<Dep<'a>>,
        items: &mut Vec<Item>,
        computed: &mut Computed<'a>,
    ) {
        let label = fill(word(&b.label), dep);
        let text = fill(word(&b.text), dep);
        match (b.name, dep) {
            (BuiltinName::DeploymentList, _) => {
                if let Some(first) = self.org.deployments.first() {
                    let platforms = self
                        .org
                        .deployments
                        .iter()
                        .map(|d| format!("{} ({} / {})", d.id, d.platform, d.edition))
                        .collect();
                    let origin = Origin::Org {
                        field: "deployments".into(),
                        line: self.line(&first.node),
                    };
                    items.push(self.filled(&label, platforms, origin));
                }
            }
            (BuiltinName::Verdict, _) => items.push(self.verdict(computed)),
            (BuiltinName::Proposal, _) => {
                if let Some(n) = self.node(&["organisation", "name"]) {
                    let kind = self
                        .node(&["organisation", "kind"])
                        .and_then(Node::as_str)
                        .map(|k| enum_label("organisation.kind", k).unwrap_or(k))
                        .unwrap_or_default();
                    let value = text
                        .replace("{organisation}", &self.org.name)
                        .replace("{kind}", kind);
                    let origin = self.org_origin(&["organisation", "name"], n);
                    items.push(self.filled(&label, vec![value], origin));
                }
            }
            (BuiltinName::Controller, _) => {
                if let Some(n) = self.node(&["organisation", "name"]) {
                    let origin = self.org_origin(&["organisation", "name"], n);
                    items.push(self.filled(&label, vec![self.org.name.clone()], origin));
                }
            }
            (BuiltinName::Dpo, _) => match self.node(&["organisation", "dpo"]) {
                Some(dpo) if dpo.get("designated").and_then(Node::as_bool) == Some(false) => {
                    let at = dpo.get("designated").unwrap_or(dpo);
                    let origin = self.org_origin(&["organisation", "dpo", "designated"], at);
                    items.push(self.filled(&label, vec![text], origin));
                }
                _ => self.field(
                    items,
                    &label,
                    &["organisation", "dpo", "contact"],
                    word(&b.gap),
                ),
            },
            (BuiltinName::CheckedAgainst, _) => {
                let policy = &self.inputs.policy;
                items.push(self.filled(
                    &label,
                    vec![policy.title.get().to_string()],
                    Origin::Policy {
                        id: policy.id.clone(),
                        version: policy.version.clone(),
                    },
                ));
            }
            (BuiltinName::RetentionCovered, _) => {
                if let Some(n) = self.node(&["video_policy", "covers"]) {
                    let covers = n.as_list().iter().any(|c| c.as_str() == Some("retention"));
                    let origin = self.org_origin(&["video_policy", "covers"], n);
                    items.push(self.filled(&label, vec![yes_no(covers)], origin));
                }
            }
            (BuiltinName::Platform, Some((d, _, _))) => items.push(self.filled(
                &label,
                vec![text],
                Origin::Org {
                    field: format!("deployments[{}]", d.id),
                    line: self.line(&d.node),
                },
            )),
            (BuiltinName::ServiceKind, Some((_, p, e))) => {
                let cloud = if e.kind == "self_hosted" {
                    tr(
                        "op servers in eigen beheer (self-hosted)",
                        "on servers the organisation runs itself (self-hosted)",
                    )
                } else {
                    tr(
                        "cloudoplossing van de leverancier",
                        "cloud service of the vendor",
                    )
                };
                let kind = enum_label("kind", &e.kind).unwrap_or(&e.kind);
                items.push(self.filled(
                    &label,
                    vec![format!("{cloud} — {kind}")],
                    Origin::Platform {
                        platform: p.id.clone(),
                        file: p.file_name.clone(),
                    },
                ));
            }
            (BuiltinName::Vendor, Some((_, p, _))) => items.push(self.filled(
                &label,
                vec![p.vendor.get().to_string()],
                Origin::Platform {
                    platform: p.id.clone(),
                    file: p.file_name.clone(),
                },
            )),
            // Software the organisation runs itself: the vendor receives no call data through the
            // service (PLAT-VWO-01 does not apply either); who does is a matter of the
            // installation, which the organisation describes.
            (BuiltinName::VendorRole, Some((_, p, e))) if e.kind == "self_hosted" => {
                items.push(self.filled(
                    &label,
                    vec![tr(
                        "geen verwerker via de dienst: de organisatie draait de software in eigen beheer (of laat die hosten); ga na of de installatie diensten van de leverancier of van derden gebruikt (bijv. STUN- of TURN-servers, statistieken)",
                        "no processor through the service: the organisation runs the software itself (or has it hosted); check whether the installation uses services of the vendor or of third parties (e.g. STUN or TURN servers, statistics)",
                    )
                    .to_string()],
                    Origin::Platform {
                        platform: p.id.clone(),
                        file: p.file_name.clone(),
                    },
                ));
            }
            (BuiltinName::VendorRole, Some((_, p, e))) => {
                let role = match e
                    .facts
                    .get("processor_agreement")
                    .and_then(|f| f.value.as_bool())
                {
                    Some(true) => tr(
                        "verwerker: de voorwaarden van deze editie bevatten een verwerkersovereenkomst (AVG art. 28)",
                        "processor: the terms of this edition include a processor agreement (GDPR art. 28)",
                    ),
                    Some(false) => tr(
                        "rol onduidelijk: de voorwaarden van deze editie bevatten geen verwerkersovereenkomst; de leverancier treedt mogelijk op als zelfstandig verwerkingsverantwoordelijke",
                        "role unclear: the terms of this edition include no processor agreement; the vendor may act as a controller in its own right",
                    ),
                    None => tr("rol niet vastgesteld", "role not established"),
                };
                match self.fact_origin(p, e, "processor_agreement") {
                    Some(origin) => items.push(self.filled(&label, vec![role.to_string()], origin)),
                    None => items.push(self.gap_item(
                        format!(
                            "{}.rol-leverancier",
                            dep.map_or("", |(d, _, _)| d.id.as_str())
                        ),
                        fill(word(&b.gap), dep),
                        None,
                    )),
                }
            }
            // A deployment builtin outside a `deployments` block has nothing to describe.
            (
                BuiltinName::Platform
                | BuiltinName::ServiceKind
                | BuiltinName::Vendor
                | BuiltinName::VendorRole,
                None,
            ) => {}
            (BuiltinName::Risks, _) => self.risk_items(items, computed),
            (BuiltinName::Measures, _) => {
                if !computed.measures.is_empty() {
                    items.push(Item::Heading {
                        text: tr("Maatregelen per risico", "Measures per risk").to_string(),
                    });
                    items.push(self.tool(tr(
                        "Per risico uit § 16 de maatregel die het beleid voorschrijft. Voor een aanvaarde afwijking staat de aanvaarding hieronder bij de restrisico's.",
                        "For each risk of § 16, the measure the policy prescribes. For an accepted waiver, the acceptance is listed below with the residual risks.",
                    )));
                    let measures = std::mem::take(&mut computed.measures);
                    items.extend(measures.into_iter().map(|m| Item::Measure(Box::new(m))));
                }
            }
            (BuiltinName::Confirmed, _) => self.confirmed_items(items, computed),
            (BuiltinName::OwnDpia, _) => self.own_dpia_items(items, &label, computed),
            (BuiltinName::Accepted, _) => {
                if computed.accepted.is_empty() {
                    items.push(self.tool(tr(
                        "Het organisatiebestand bevat geen afwijkingen ([[waivers]]) die op een uitkomst van de toets van toepassing zijn.",
                        "The organisation file holds no waivers ([[waivers]]) that apply to an outcome of the check.",
                    )));
                }
                let accepted = std::mem::take(&mut computed.accepted);
                items.extend(accepted.into_iter().map(|a| Item::Accepted(Box::new(a))));
            }
        }
    }

    /// The check's verdict and counts, and the number of risks (the management summary).
    fn verdict(&self, computed: &Computed) -> Item {
        let r = self.report;
        let (risks, accepted) = (computed.risk_count, computed.accepted_count);
        self.tool(&crate::tr!(
            "Oordeel van de toets: {}, met {} niet voldaan, {} onbekend, {} fout in beleid, {} afwijking aanvaard, {} voldaan en {} niet van toepassing. Aantal risico's in § 16: {risks}, waarvan {accepted} met een aanvaarde afwijking; de maatregelen staan in § 17.",
            "Verdict of the check: {}, with {} fail, {} unknown, {} policy error, {} waived, {} pass and {} not applicable. Number of risks in § 16: {risks}, of which {accepted} with an accepted waiver; the measures are in § 17.",
            r.verdict.label(),
            r.counts.fail,
            r.counts.unknown,
            r.counts.error,
            r.counts.waived,
            r.counts.pass,
            r.counts.not_applicable
        ))
    }

    /// The risks of § 16 (or that there are none), under a sub-heading when something precedes
    /// them.
    fn risk_items(&self, items: &mut Vec<Item>, computed: &mut Computed) {
        if computed.risks.is_empty() {
            items.push(self.tool(tr(
                "De toets vond geen eisen die niet voldaan, onbekend of een fout waren.",
                "The check found no requirements that failed, were unknown or hit an error.",
            )));
        } else if items.len() > 1 {
            items.push(Item::Heading {
                text: tr("Risico's uit de toets", "Risks from the check").to_string(),
            });
        }
        let risks = std::mem::take(&mut computed.risks);
        items.extend(risks.into_iter().map(|r| Item::Risk(Box::new(r))));
        self.open_items(items, computed);
    }

    /// The outcomes the check could not establish (unknown or error): not risks, but points the
    /// organisation has to settle before it can assess them.
    fn open_items(&self, items: &mut Vec<Item>, computed: &Computed) {
        if computed.open.is_empty() {
            return;
        }
        items.push(Item::Heading {
            text: tr("Nog vast te stellen", "Still to be established").to_string(),
        });
        items.push(self.tool(tr(
            "De toets kon deze eisen niet beoordelen: een gegeven ontbreekt in het organisatiebestand of de catalogus heeft er geen geverifieerd feit over. Het zijn geen vastgestelde risico's; stel vast hoe het zit en beoordeel dan of er een risico is.",
            "The check could not assess these requirements: a value is missing from the organisation file or the catalogue has no verified fact on it. They are not established risks; find out how things are and then assess whether there is a risk.",
        )));
        for o in &computed.open {
            let subject = self.subject_label(&o.subject);
            let title = o.title.get();
            let why = if o.state == State::Error {
                tr(
                    "de toets kon de eis niet beoordelen (fout in het beleid)",
                    "the check could not evaluate the requirement (policy error)",
                )
            } else if o
                .missing
                .iter()
                .any(|m| m.starts_with("catalogue:") || m.starts_with("channel:"))
            {
                tr(
                    "de catalogus heeft er geen geverifieerd feit over",
                    "the catalogue has no verified fact on it",
                )
            } else {
                tr(
                    "het organisatiebestand vermeldt het niet",
                    "the organisation file does not state it",
                )
            };
            let fields: Vec<String> = o
                .missing
                .iter()
                .filter(|m| !m.starts_with("catalogue:") && !m.starts_with("channel:"))
                .map(|m| format!("`{m}`"))
                .collect();
            let facts: Vec<String> = o
                .missing
                .iter()
                .filter_map(|m| m.strip_prefix("catalogue:"))
                .filter_map(|m| m.rsplit('.').next())
                .map(|m| format!("`{m}`"))
                .collect();
            let mut hints = Vec::new();
            if !fields.is_empty() {
                hints.push(crate::tr!(
                    "{} in het organisatiebestand",
                    "{} in the organisation file",
                    fields.join(", ")
                ));
            }
            if !facts.is_empty() {
                hints.push(crate::tr!(
                    "een eigen feit met bron ({}) in `[deployments.facts]`",
                    "an own fact with its source ({}) in `[deployments.facts]`",
                    facts.join(", ")
                ));
            }
            items.push(self.gap_item(
                format!("{}.vaststellen", super::risks::outcome_slug(o)),
                crate::tr!(
                    "of is voldaan aan „{title}” ({subject}): {why}",
                    "whether “{title}” is met ({subject}): {why}"
                ),
                (!hints.is_empty()).then(|| hints.join("; ")),
            ));
        }
    }

    /// The check's outcomes about the organisation's own DPIA, as context: this draft is the DPIA
    /// they ask for, so they are not risks.
    fn own_dpia_items(&self, items: &mut Vec<Item>, label: &str, computed: &Computed) {
        if computed.own_dpia.is_empty() {
            return;
        }
        items.push(self.tool(tr(
            "De toets stelde het volgende vast over de DPIA van de organisatie zelf. Dit concept is een stap naar die DPIA; deze punten zijn daarom geen risico's in § 16, maar worden opgelost door de DPIA af te ronden en vast te stellen (na advies van de FG, als de organisatie er een heeft).",
            "The check found the following about the organisation's own DPIA. This draft is a step towards that DPIA; these points are therefore not risks in § 16, but are resolved by completing and adopting the DPIA (after the DPO's advice, if the organisation has a DPO).",
        )));
        for o in &computed.own_dpia {
            let state = match o.underlying_state {
                Some(u) => format!("{} ({})", o.state.label(), u.label()),
                None => o.state.label().to_string(),
            };
            items.push(self.filled(
                &format!("{label}: {}", o.title.get()),
                vec![format!("{state} — {}", self.subject_label(&o.subject))],
                Origin::Check {
                    requirement: o.requirement.clone(),
                    subject: o.subject.clone(),
                    state: o.state,
                },
            ));
        }
    }

    /// The requirements that passed: the measures already in place.
    fn confirmed_items(&self, items: &mut Vec<Item>, computed: &Computed) {
        if computed.confirmed.is_empty() {
            return;
        }
        items.push(Item::Heading {
            text: tr(
                "Maatregelen die de toets bevestigde",
                "Measures the check confirmed",
            )
            .to_string(),
        });
        for o in &computed.confirmed {
            items.push(self.filled(
                &format!("{} · {}", o.requirement, self.subject_label(&o.subject)),
                vec![o.title.get().to_string()],
                Origin::Check {
                    requirement: o.requirement.clone(),
                    subject: o.subject.clone(),
                    state: o.state,
                },
            ));
        }
    }
}
