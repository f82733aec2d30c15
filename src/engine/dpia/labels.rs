//! How the DPIA draft shows a value: booleans as ja/nee, enumerated values by their label
//! ([`enum_label`], the DPIA's own labels for the enumerations of the organisation file and the
//! catalogue), lists as their elements.

use crate::i18n::tr;
use crate::schema::{Node, NodeKind};

/// "ja" / "nee".
pub fn yes_no(b: bool) -> String {
    if b { tr("ja", "yes") } else { tr("nee", "no") }.to_string()
}

/// A human label for an enumerated value, by the field it belongs to (`processing.lawful_basis`,
/// `deployments.recording`, or a catalogue attribute name).
pub fn enum_label(field: &str, v: &str) -> Option<&'static str> {
    Some(match (field, v) {
        ("organisation.kind", "uwv") => "UWV",
        ("organisation.kind", "arbodienst") => tr("arbodienst", "occupational health service"),
        ("organisation.kind", "reintegratiebedrijf") => {
            tr("re-integratiebedrijf", "reintegration company")
        }
        ("organisation.kind", "verzekeraar") => tr("verzekeraar", "insurer"),
        ("organisation.kind", "zelfstandige") => tr("zelfstandige", "self-employed professional"),
        ("organisation.kind", "gemeente") => tr("gemeente", "municipality"),
        ("organisation.kind", "overig") => tr("overig", "other"),
        ("processing.lawful_basis", "consent") => tr(
            "toestemming (AVG art. 6 lid 1 onder a)",
            "consent (GDPR art. 6(1)(a))",
        ),
        ("processing.lawful_basis", "contract") => tr(
            "noodzakelijk voor de uitvoering van een overeenkomst (AVG art. 6 lid 1 onder b)",
            "necessary for the performance of a contract (GDPR art. 6(1)(b))",
        ),
        ("processing.lawful_basis", "legal_obligation") => tr(
            "wettelijke verplichting (AVG art. 6 lid 1 onder c)",
            "legal obligation (GDPR art. 6(1)(c))",
        ),
        ("processing.lawful_basis", "vital_interests") => tr(
            "vitaal belang (AVG art. 6 lid 1 onder d)",
            "vital interests (GDPR art. 6(1)(d))",
        ),
        ("processing.lawful_basis", "public_task") => tr(
            "taak van algemeen belang of openbaar gezag (AVG art. 6 lid 1 onder e)",
            "public task or official authority (GDPR art. 6(1)(e))",
        ),
        ("processing.lawful_basis", "legitimate_interests") => tr(
            "gerechtvaardigd belang (AVG art. 6 lid 1 onder f)",
            "legitimate interests (GDPR art. 6(1)(f))",
        ),
        ("processing.special_categories", "health") => tr("gezondheid", "health"),
        ("processing.special_categories", "racial_ethnic_origin") => {
            tr("ras of etnische afkomst", "racial or ethnic origin")
        }
        ("processing.special_categories", "political_opinions") => {
            tr("politieke opvattingen", "political opinions")
        }
        ("processing.special_categories", "religious_beliefs") => tr(
            "religieuze of levensbeschouwelijke overtuigingen",
            "religious or philosophical beliefs",
        ),
        ("processing.special_categories", "trade_union_membership") => {
            tr("lidmaatschap van een vakbond", "trade union membership")
        }
        ("processing.special_categories", "genetic") => tr("genetische gegevens", "genetic data"),
        ("processing.special_categories", "biometric") => {
            tr("biometrische gegevens", "biometric data")
        }
        ("processing.special_categories", "sex_life") => tr(
            "seksueel gedrag of seksuele gerichtheid",
            "sex life or sexual orientation",
        ),
        ("processing.art9_exception", "explicit_consent") => tr(
            "uitdrukkelijke toestemming (AVG art. 9 lid 2 onder a)",
            "explicit consent (GDPR art. 9(2)(a))",
        ),
        ("processing.art9_exception", "employment_social_security") => tr(
            "arbeidsrecht, sociale zekerheid en sociale bescherming (AVG art. 9 lid 2 onder b)",
            "employment, social security and social protection law (GDPR art. 9(2)(b))",
        ),
        ("processing.art9_exception", "occupational_medicine") => tr(
            "arbeidsgeneeskunde en beoordeling van de arbeidsgeschiktheid (AVG art. 9 lid 2 onder h)",
            "occupational medicine and assessment of working capacity (GDPR art. 9(2)(h))",
        ),
        ("processing.art9_exception", "uavg_30") => tr(
            "uitzondering voor gezondheidsgegevens in de UAVG (art. 30)",
            "exception for health data in the Dutch GDPR Implementation Act (UAVG art. 30)",
        ),
        ("processing.art9_exception", "none") => tr("geen uitzondering", "no exception"),
        ("dpia.status", "not_started") => tr("niet begonnen", "not started"),
        ("dpia.status", "in_progress") => tr("in uitvoering", "in progress"),
        ("dpia.status", "completed") => tr("afgerond", "completed"),
        ("dpia.status", "not_required") => tr("niet verplicht geacht", "considered not required"),
        ("video_policy.covers", "client_information") => {
            tr("informatie aan klanten", "client information")
        }
        ("video_policy.covers", "recording") => tr("opnamen", "recordings"),
        ("video_policy.covers", "retention") => tr("bewaartermijnen", "retention periods"),
        ("video_policy.covers", "allowed_tools") => {
            tr("toegestane programma's", "permitted programs")
        }
        ("recording.allowed", "never") => tr("nooit", "never"),
        ("recording.allowed", "with_consent") => tr("alleen met toestemming", "only with consent"),
        ("deployments.data_region", "EU") => tr("EU", "EU"),
        ("deployments.data_region", "US") => tr("VS", "US"),
        ("deployments.data_region", "global") => tr("wereldwijd", "worldwide"),
        ("deployments.transfer_basis", "eea") => tr(
            "binnen de EER (geen doorgifte)",
            "within the EEA (no transfer)",
        ),
        ("deployments.transfer_basis", "adequacy") => tr(
            "adequaatheidsbesluit (AVG art. 45)",
            "adequacy decision (GDPR art. 45)",
        ),
        ("deployments.transfer_basis", "dpf") => tr(
            "EU-VS Data Privacy Framework (adequaatheidsbesluit, AVG art. 45)",
            "EU-US Data Privacy Framework (adequacy decision, GDPR art. 45)",
        ),
        ("deployments.transfer_basis", "scc_with_tia") => tr(
            "standaardcontractbepalingen met een transfer impact assessment (AVG art. 46)",
            "standard contractual clauses with a transfer impact assessment (GDPR art. 46)",
        ),
        ("deployments.transfer_basis", "none") => tr("geen doorgiftegrond", "no transfer basis"),
        ("deployments.recording", "disabled") => tr("uitgeschakeld", "disabled"),
        ("deployments.recording", "local") => tr("lokaal", "local"),
        ("deployments.recording", "cloud") => tr("in de cloud", "in the cloud"),
        ("e2ee", "none") => tr("niet beschikbaar", "not available"),
        ("e2ee", "optional") => tr("optioneel, in te schakelen", "optional, can be switched on"),
        ("e2ee", "default") => tr("standaard aan", "on by default"),
        ("e2ee", "always") => tr("altijd aan", "always on"),
        ("eu_data_residency", "none") => tr("niet mogelijk", "not available"),
        ("eu_data_residency", "optional") => tr("optioneel, in te stellen", "optional, can be set"),
        ("eu_data_residency", "default") => tr("standaard", "by default"),
        ("recording_modes", "local") => tr("lokaal", "local"),
        ("recording_modes", "cloud") => tr("in de cloud", "in the cloud"),
        ("kind", "consumer") => tr("consumentenversie", "consumer edition"),
        ("kind", "business") => tr("zakelijke versie", "business edition"),
        ("kind", "self_hosted") => tr("in eigen beheer (self-hosted)", "self-hosted"),
        _ => return None,
    })
}

/// A value as the draft shows it: booleans as ja/nee, enumerations by their label, a list as
/// its elements (an empty list as "(geen)").
pub fn show(field: &str, n: &Node) -> Vec<String> {
    match &n.kind {
        NodeKind::Bool(b) => vec![yes_no(*b)],
        NodeKind::Int(i) => vec![i.to_string()],
        NodeKind::Date(d) => vec![d.to_string()],
        NodeKind::Str(s) => vec![enum_label(field, s).map_or_else(|| s.clone(), str::to_string)],
        NodeKind::List(items) if items.is_empty() => vec![tr("(geen)", "(none)").to_string()],
        NodeKind::List(items) => items.iter().flat_map(|i| show(field, i)).collect(),
        NodeKind::Table(_) => vec![n.display()],
    }
}
