//! The plain words of `beeldbel channels`, in one table each: why a requirement is not met
//! ([`REASONS`], per requirement id and the facts that decide it) and what is not known
//! ([`UNKNOWN`], per catalogue attribute). The requirement id or attribute always stays beside
//! the sentence in the list; the sentence says it for a reader who does not know the ids.

use crate::model::catalogue::Edition;
use crate::schema::NodeKind;

/// A test on one catalogue fact of an edition.
#[derive(Clone, Copy, Debug)]
pub enum Is {
    /// A boolean fact with this value.
    Bool(bool),
    /// A text (enum) fact with one of these values.
    OneOf(&'static [&'static str]),
    /// The fact is absent from the catalogue.
    Absent,
}

impl Is {
    fn holds(self, edition: &Edition, attribute: &str) -> bool {
        let fact = edition.facts.get(attribute).map(|f| &f.value.kind);
        match (self, fact) {
            (Is::Absent, None) => true,
            (Is::Bool(b), Some(NodeKind::Bool(v))) => *v == b,
            (Is::OneOf(values), Some(NodeKind::Str(v))) => values.contains(&v.as_str()),
            _ => false,
        }
    }
}

/// Why a requirement is not met, when the edition's facts are so.
pub struct ReasonText {
    pub requirement: &'static str,
    /// Every test must hold; an empty list always holds (the requirement's general sentence).
    pub when: &'static [(&'static str, Is)],
    pub nl: &'static str,
    pub en: &'static str,
}

/// Per requirement, the most specific sentence first: the first entry whose tests hold is used.
pub const REASONS: &[ReasonText] = &[
    ReasonText {
        requirement: "PLAT-VWO-01",
        when: &[("processor_agreement", Is::Bool(false))],
        nl: "De leverancier is zelf verwerkingsverantwoordelijke; er is geen verwerkersovereenkomst.",
        en: "The vendor is a controller itself; there is no processor agreement.",
    },
    ReasonText {
        requirement: "AVG-VWO-01",
        when: &[("processor_agreement", Is::Bool(false))],
        nl: "Er is geen verwerkersovereenkomst om af te sluiten: de editie heeft alleen gebruiksvoorwaarden voor consumenten.",
        en: "There is no processor agreement to conclude: the edition only has consumer terms of use.",
    },
    ReasonText {
        requirement: "AVG-VWO-01",
        when: &[],
        nl: "Er is geen getekende verwerkersovereenkomst met de leverancier of de hostingpartij.",
        en: "There is no signed processor agreement with the vendor or the hosting provider.",
    },
    ReasonText {
        requirement: "PLAT-DOEL-01",
        when: &[("content_own_use", Is::OneOf(&["analytics_marketing"]))],
        nl: "De leverancier gebruikt gespreksinhoud voor eigen doelen: analyse, profilering, reclame of het trainen van AI.",
        en: "The vendor uses call content for its own purposes: analytics, profiling, advertising or AI training.",
    },
    ReasonText {
        requirement: "PLAT-DOEL-01",
        when: &[("content_own_use", Is::OneOf(&["limited"]))],
        nl: "De leverancier gebruikt gespreksinhoud ook voor beperkte eigen doelen (zoals beveiliging of verbetering van de dienst); voor gesprekken over gezondheid mag de inhoud voor geen enkel eigen doel worden gebruikt.",
        en: "The vendor also uses call content for limited purposes of its own (such as security or service improvement); for conversations about health, the content may be used for no purpose of the vendor's own.",
    },
    ReasonText {
        requirement: "PLAT-DOEL-02",
        when: &[("metadata_own_use", Is::OneOf(&["analytics_marketing"]))],
        nl: "De leverancier gebruikt metagegevens (wie wanneer met wie belt) voor analyse, profilering, reclame of AI-training.",
        en: "The vendor uses metadata (who calls whom, when) for analytics, profiling, advertising or AI training.",
    },
    ReasonText {
        requirement: "PLAT-VERSL-01",
        when: &[("encryption_in_transit", Is::Bool(false))],
        nl: "Het verkeer tussen deelnemers en servers is niet volledig versleuteld.",
        en: "Traffic between participants and servers is not fully encrypted.",
    },
    ReasonText {
        requirement: "PLAT-WEB-01",
        when: &[("web_security_headers", Is::Bool(false))],
        nl: "De webserver van de eigen installatie stuurt niet alle beveiligingsheaders.",
        en: "The self-hosted installation's web server does not send all security headers.",
    },
    ReasonText {
        requirement: "PLAT-E2EE-01",
        when: &[("e2ee", Is::OneOf(&["none"]))],
        nl: "De editie kent geen end-to-endversleuteling: de leverancier of de beheerder van de server kan gesprekken in principe meekijken en meeluisteren.",
        en: "The edition has no end-to-end encryption: the vendor or the server's operator can in principle see and hear calls.",
    },
    ReasonText {
        requirement: "PLAT-LOC-01",
        when: &[],
        nl: "Gespreksinhoud kan buiten de EER worden verwerkt zonder geldige doorgiftegrond: geen opslag in de EU, geen DPF-certificering en geen verwerkersovereenkomst met standaardcontractbepalingen.",
        en: "Call content may be processed outside the EEA without a valid transfer basis: no EU storage, no DPF certification and no processor agreement with standard contractual clauses.",
    },
    ReasonText {
        requirement: "PLAT-LOC-02",
        when: &[],
        nl: "De editie biedt opslag in de EU, maar die is niet gekozen.",
        en: "The edition offers EU storage, but it is not chosen.",
    },
    ReasonText {
        requirement: "PLAT-TELEM-01",
        when: &[("telemetry_documented", Is::Bool(false))],
        nl: "De leverancier documenteert niet welke diagnostische gegevens (telemetrie) hij verzamelt.",
        en: "The vendor does not document which diagnostic data (telemetry) it collects.",
    },
    ReasonText {
        requirement: "PLAT-DEFAULT-01",
        when: &[
            ("waiting_room", Is::Bool(false)),
            ("meeting_protection", Is::Bool(false)),
        ],
        nl: "De editie heeft geen wachtkamer en geen beveiligde gesprekslinks: wie de link heeft, kan ongemerkt aanschuiven.",
        en: "The edition has no waiting room and no protected meeting links: anyone with the link can join unnoticed.",
    },
    ReasonText {
        requirement: "PLAT-DEFAULT-01",
        when: &[],
        nl: "De privacyvriendelijke standaardinstellingen (wachtkamer, unieke links, geen opname in de cloud) zijn niet allemaal in te stellen.",
        en: "The privacy-protective defaults (waiting room, unique links, no cloud recording) cannot all be set.",
    },
    ReasonText {
        requirement: "PLAT-AUTH-01",
        when: &[("mfa_sso", Is::Bool(false))],
        nl: "Meerfactorauthenticatie of single sign-on kan voor medewerkers niet worden afgedwongen.",
        en: "Multi-factor authentication or single sign-on cannot be enforced for staff.",
    },
    ReasonText {
        requirement: "PLAT-DPIA-01",
        when: &[("public_dpia_high_risk", Is::OneOf(&["open"]))],
        nl: "Een openbare Nederlandse DPIA laat voor bijzondere persoonsgegevens een hoog risico open dat geen maatregel wegneemt.",
        en: "A public Dutch DPIA leaves a high risk for special-category data that no measure lifts.",
    },
    ReasonText {
        requirement: "PLAT-DPIA-01",
        when: &[("public_dpia_high_risk", Is::OneOf(&["mitigable"]))],
        nl: "Een openbare Nederlandse DPIA noemt een maatregel die het hoge risico voor bijzondere persoonsgegevens wegneemt, maar deze editie biedt die maatregel niet.",
        en: "A public Dutch DPIA names a measure that lifts the high risk for special-category data, but this edition does not offer that measure.",
    },
    ReasonText {
        requirement: "PLAT-CERT-01",
        when: &[
            ("cert_iso27001", Is::Bool(false)),
            ("cert_nen7510", Is::Bool(false)),
        ],
        nl: "De dienst valt niet onder een ISO/IEC 27001- of NEN 7510-certificaat.",
        en: "The service is not covered by an ISO/IEC 27001 or NEN 7510 certificate.",
    },
    ReasonText {
        requirement: "PLAT-OPNAME-01",
        when: &[("recording_admin_control", Is::Bool(false))],
        nl: "Een beheerder kan opnemen niet uitschakelen: elke medewerker kan gesprekken over gezondheid vastleggen.",
        en: "An administrator cannot switch recording off: any employee can record conversations about health.",
    },
    ReasonText {
        requirement: "PLAT-AI-01",
        when: &[],
        nl: "AI-functies die gespreksinhoud verwerken (transcriptie, samenvattingen, assistenten) kunnen niet worden uitgeschakeld.",
        en: "AI features that process call content (transcription, summaries, assistants) cannot be switched off.",
    },
    ReasonText {
        requirement: "BEROEP-KANAAL-01",
        when: &[("status", Is::OneOf(&["retired"]))],
        nl: "De dienst wordt niet meer aangeboden.",
        en: "The service is no longer offered.",
    },
];

/// The sentence for a requirement that is not met, from the edition's facts: the first entry of
/// [`REASONS`] for the requirement whose tests hold. `None` when the table has none.
pub fn reason(requirement: &str, edition: &Edition) -> Option<[&'static str; 2]> {
    REASONS
        .iter()
        .filter(|r| r.requirement == requirement)
        .find(|r| r.when.iter().all(|(a, is)| is.holds(edition, a)))
        .map(|r| [r.nl, r.en])
}

/// What is not known while a catalogue attribute is missing.
pub struct UnknownText {
    pub attribute: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
}

/// One sentence per catalogue attribute a requirement or the profile reads.
pub const UNKNOWN: &[UnknownText] = &[
    u(
        "vendor_country",
        "Niet bekend in welk land de leverancier gevestigd is.",
        "Not known in which country the vendor is established.",
    ),
    u(
        "dpf_certified",
        "Niet bekend of de leverancier onder het EU-VS Data Privacy Framework gecertificeerd is.",
        "Not known whether the vendor is certified under the EU-US Data Privacy Framework.",
    ),
    u(
        "processor_agreement",
        "Niet bekend of de leverancier voor deze editie een verwerkersovereenkomst aanbiedt.",
        "Not known whether the vendor offers a processor agreement for this edition.",
    ),
    u(
        "content_own_use",
        "Niet bekend of de leverancier gespreksinhoud (beeld, geluid, chat, opnamen) voor eigen doelen gebruikt.",
        "Not known whether the vendor uses call content (video, audio, chat, recordings) for its own purposes.",
    ),
    u(
        "metadata_own_use",
        "Niet bekend of de leverancier metagegevens en diagnostische gegevens voor analyse of reclame gebruikt.",
        "Not known whether the vendor uses metadata and diagnostic data for analytics or advertising.",
    ),
    u(
        "encryption_in_transit",
        "Niet bekend of al het verkeer tussen deelnemers en servers versleuteld is.",
        "Not known whether all traffic between participants and servers is encrypted.",
    ),
    u(
        "web_security_headers",
        "Niet bekend of de webserver van de eigen installatie beveiligingsheaders stuurt.",
        "Not known whether the self-hosted installation's web server sends security headers.",
    ),
    u(
        "e2ee",
        "Niet bekend of de editie end-to-endversleuteling kent.",
        "Not known whether the edition has end-to-end encryption.",
    ),
    u(
        "e2ee_limits",
        "Niet bekend wat er met end-to-endversleuteling niet meer werkt.",
        "Not known what stops working with end-to-end encryption.",
    ),
    u(
        "eu_data_residency",
        "Niet bekend of gespreksinhoud in de EU kan blijven.",
        "Not known whether call content can stay in the EU.",
    ),
    u(
        "telemetry_documented",
        "Niet bekend of de leverancier documenteert welke diagnostische gegevens hij verzamelt.",
        "Not known whether the vendor documents which diagnostic data it collects.",
    ),
    u(
        "recording_modes",
        "Niet bekend of en hoe de editie gesprekken kan opnemen.",
        "Not known whether and how the edition can record calls.",
    ),
    u(
        "recording_admin_control",
        "Niet bekend of een beheerder opnemen kan uitschakelen.",
        "Not known whether an administrator can switch recording off.",
    ),
    u(
        "recording_indicator",
        "Niet bekend of deelnemers zien dat er wordt opgenomen.",
        "Not known whether participants see that a call is being recorded.",
    ),
    u(
        "waiting_room",
        "Niet bekend of de editie een wachtkamer (lobby) heeft.",
        "Not known whether the edition has a waiting room (lobby).",
    ),
    u(
        "meeting_protection",
        "Niet bekend of gesprekken met een unieke link of toegangscode kunnen worden beveiligd.",
        "Not known whether calls can be protected with a unique link or passcode.",
    ),
    u(
        "guest_browser_join",
        "Niet bekend of cliënten zonder account vanuit de browser kunnen deelnemen.",
        "Not known whether clients can join from a browser without an account.",
    ),
    u(
        "mfa_sso",
        "Niet bekend of meerfactorauthenticatie of single sign-on kan worden afgedwongen.",
        "Not known whether multi-factor authentication or single sign-on can be enforced.",
    ),
    u(
        "cert_iso27001",
        "Niet bekend of de dienst onder een ISO/IEC 27001-certificaat valt.",
        "Not known whether the service is covered by an ISO/IEC 27001 certificate.",
    ),
    u(
        "cert_iso27017",
        "Niet bekend of de dienst onder een ISO/IEC 27017-certificaat valt.",
        "Not known whether the service is covered by an ISO/IEC 27017 certificate.",
    ),
    u(
        "cert_iso27018",
        "Niet bekend of de dienst onder een ISO/IEC 27018-certificaat valt.",
        "Not known whether the service is covered by an ISO/IEC 27018 certificate.",
    ),
    u(
        "cert_iso27701",
        "Niet bekend of de dienst onder een ISO/IEC 27701-certificaat valt.",
        "Not known whether the service is covered by an ISO/IEC 27701 certificate.",
    ),
    u(
        "cert_nen7510",
        "Niet bekend of de dienst onder een NEN 7510-certificaat valt.",
        "Not known whether the service is covered by a NEN 7510 certificate.",
    ),
    u(
        "cert_soc2",
        "Niet bekend of er een SOC 2-rapport over de dienst is.",
        "Not known whether there is a SOC 2 report on the service.",
    ),
    u(
        "cert_c5",
        "Niet bekend of de dienst een C5-attest (BSI) heeft.",
        "Not known whether the service has a C5 attestation (BSI).",
    ),
    u(
        "self_hostable",
        "Niet bekend of de organisatie de dienst zelf kan hosten.",
        "Not known whether the organisation can host the service itself.",
    ),
    u(
        "open_source",
        "Niet bekend of de software open source is.",
        "Not known whether the software is open source.",
    ),
    u(
        "public_dpia",
        "Niet bekend of er een openbare Nederlandse DPIA over deze editie is.",
        "Not known whether there is a public Dutch DPIA of this edition.",
    ),
    u(
        "public_dpia_high_risk",
        "Niet bekend of de openbare DPIA voor bijzondere persoonsgegevens een hoog risico openlaat.",
        "Not known whether the public DPIA leaves a high risk for special-category data.",
    ),
    u(
        "public_dpia_mitigations",
        "Niet bekend welke maatregelen volgens de openbare DPIA het hoge risico wegnemen.",
        "Not known which measures lift the high risk according to the public DPIA.",
    ),
    u(
        "e2ee_meetings",
        "Niet bekend of geplande gesprekken end-to-end kunnen worden versleuteld.",
        "Not known whether scheduled meetings can be end-to-end encrypted.",
    ),
    u(
        "customer_keys",
        "Niet bekend of de organisatie de sleutels van de gespreksinhoud zelf kan beheren.",
        "Not known whether the organisation can hold the keys to the call content itself.",
    ),
    u(
        "ai_features",
        "Niet bekend of de editie AI-functies heeft die gespreksinhoud verwerken.",
        "Not known whether the edition has AI features that process call content.",
    ),
    u(
        "status",
        "Niet bekend of de dienst nog wordt aangeboden.",
        "Not known whether the service is still offered.",
    ),
    u(
        "default_e2ee_enabled",
        "Niet bekend of end-to-endversleuteling standaard aan staat.",
        "Not known whether end-to-end encryption is on by default.",
    ),
    u(
        "default_data_region",
        "Niet bekend in welke regio gespreksinhoud standaard wordt opgeslagen.",
        "Not known in which region call content is stored by default.",
    ),
    u(
        "default_waiting_room_enabled",
        "Niet bekend of de wachtkamer standaard aan staat.",
        "Not known whether the waiting room is on by default.",
    ),
    u(
        "default_meeting_protection_enabled",
        "Niet bekend of unieke links of toegangscodes standaard aan staan.",
        "Not known whether unique links or passcodes are on by default.",
    ),
    u(
        "default_recording",
        "Niet bekend of opnemen standaard aan of uit staat.",
        "Not known whether recording is on or off by default.",
    ),
    u(
        "default_mfa_enforced",
        "Niet bekend of meerfactorauthenticatie standaard verplicht is.",
        "Not known whether multi-factor authentication is required by default.",
    ),
    u(
        "default_ai_features_disabled",
        "Niet bekend of AI-functies op gespreksinhoud standaard uit staan.",
        "Not known whether AI features on call content are off by default.",
    ),
    u(
        "default_telemetry_minimised",
        "Niet bekend of optionele diagnostische gegevens standaard uit staan.",
        "Not known whether optional diagnostic data is off by default.",
    ),
];

const fn u(attribute: &'static str, nl: &'static str, en: &'static str) -> UnknownText {
    UnknownText { attribute, nl, en }
}

/// The sentence for a missing attribute; a generic one naming the attribute when the table
/// has none (a user's policy may read attributes this table does not know).
pub fn unknown(attribute: &str) -> String {
    match UNKNOWN.iter().find(|u| u.attribute == attribute) {
        Some(u) => crate::i18n::tr(u.nl, u.en).to_string(),
        None => crate::tr!(
            "Niet bekend wat de catalogus over `{attribute}` zegt.",
            "Not known what the catalogue says about `{attribute}`."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::defs;

    #[test]
    fn every_attribute_has_an_unknown_text_and_every_text_an_attribute() {
        for a in defs::ATTRIBUTES {
            assert!(
                UNKNOWN.iter().any(|u| u.attribute == a.name),
                "attribute `{}` has no sentence in channels::texts::UNKNOWN",
                a.name
            );
        }
        for u in UNKNOWN {
            assert!(u.nl.starts_with("Niet bekend") && u.en.starts_with("Not known"));
            assert!(
                defs::ATTRIBUTES.iter().any(|a| a.name == u.attribute),
                "channels::texts::UNKNOWN names `{}`, which is no catalogue attribute",
                u.attribute
            );
        }
    }

    #[test]
    fn reason_texts_name_requirements_of_the_policy_and_attributes_of_the_schema() {
        let mut files = crate::diag::Files::default();
        let mut sink = crate::diag::Sink::default();
        let policy = crate::model::inputs::Sources::default()
            .load(&mut files, &mut sink)
            .policy;
        for r in REASONS {
            assert!(
                policy.requirement(r.requirement).is_some(),
                "{} is not a requirement of the embedded policy",
                r.requirement
            );
            for (a, _) in r.when {
                assert!(
                    defs::ATTRIBUTES.iter().any(|x| x.name == *a),
                    "{}: `{a}` is no catalogue attribute",
                    r.requirement
                );
            }
            assert!(r.nl.ends_with('.') && r.en.ends_with('.'));
        }
    }
}
