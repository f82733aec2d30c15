//! `beeldbel dpia`: a DPIA draft following the Model DPIA Rijksdienst v3.0, pre-filled from the
//! organisation file, the catalogue facts and the check outcomes; every gap is marked.
//!
//! The draft is one format-neutral model ([`Draft`]), rendered to Markdown or HTML by
//! [`crate::render::dpia`]. It has the 17 paragraphs of the model's report template (part A
//! description 1–10, B lawfulness 11–15, C risks 16, D measures 17), framed by a block about the
//! DPIA itself, a management summary and the adoption, as the Dutch government's machine-readable
//! form (`MinBZK/par-dpia-form`, `sources/DPIA.yaml`) has them. Each paragraph holds items: a
//! value with where it came from ([`Origin`]: an organisation-file field and its line, a sourced
//! catalogue fact, a check outcome), or a [`Gap`] — what the organisation still has to write.
//! Every fail, unknown or error outcome becomes a risk in §16 and a measure in §17; a waiver
//! becomes an accepted residual risk. `docs/dpia.md` describes the mapping.

use chrono::NaiveDate;

use crate::i18n::tr;
use crate::model::catalogue::{Edition, Platform};
use crate::model::inputs::Inputs;
use crate::model::org::{Deployment, Org};
use crate::model::policy::Severity;
use crate::results::dpia::*;
use crate::results::{Counts, OrgReport, Outcome, Report, State};
use crate::schema::{Node, NodeKind};

// ---------------------------------------------------------------------------------------------
// Building the draft

/// The draft for the one organisation of `report`.
pub fn build(org: &Org, inputs: &Inputs, report: &Report, today: NaiveDate) -> Draft {
    let evaluated = &report.organisations[0];
    let b = Builder {
        org,
        inputs,
        report: evaluated,
        today,
        max_age: inputs.policy.max_fact_age_days,
        fail_on: report.fail_on,
    };
    let (risks, measures, accepted) = b.risks();
    let confirmed: Vec<&Outcome> = evaluated
        .outcomes
        .iter()
        .filter(|o| o.state == State::Pass)
        .collect();
    let (risk_count, accepted_count, confirmed_count) =
        (risks.len(), accepted.len(), confirmed.len());
    let mut sections = vec![b.about(), b.summary(risk_count, accepted_count)];
    sections.extend([
        b.p1(),
        b.p2(),
        b.p3(),
        b.p4(),
        b.p5(),
        b.p6(),
        b.p7(),
        b.p8(),
        b.p9(),
        b.p10(),
        b.p11(),
        b.p12(),
        b.p13(),
        b.p14(),
        b.p15(),
        b.p16(risks),
        b.p17(measures, accepted, &confirmed),
        b.adoption(),
    ]);
    let gaps = number_gaps(&mut sections);
    let provenance = Provenance {
        tool: report.tool.name.clone(),
        tool_version: report.tool.version.clone(),
        policy_id: report.policy.id.clone(),
        policy_version: report.policy.version.clone(),
        policy_sha256: report.policy.sha256.clone(),
        policy_origin: report.policy.origin.clone(),
        max_fact_age_days: report.policy.max_fact_age_days,
        catalogue_sha256: report.catalogue.sha256.clone(),
        catalogue_origin: report.catalogue.origin.clone(),
        oldest_fact: report.catalogue.oldest_fact.clone(),
        file: evaluated.file.clone(),
        file_sha256: evaluated.sha256.clone(),
        evaluated_on: report.evaluated_on.clone(),
        fail_on: report.fail_on,
        model: MODEL.to_string(),
    };
    Draft {
        lang: report.lang,
        title: crate::tr!("DPIA-concept beeldbellen", "DPIA draft on video calling"),
        organisation: evaluated.name.clone(),
        file: evaluated.file.clone(),
        verdict: evaluated.verdict,
        counts: copy_counts(&evaluated.counts),
        fail_on: report.fail_on,
        evaluated_on: report.evaluated_on.clone(),
        risk_count,
        accepted_count,
        confirmed_count,
        gaps,
        sections,
        provenance,
        draft_notice: draft_notice(),
        notice: report.notice.clone(),
    }
}

/// The model and where its structure was read.
const MODEL: &str = "Model DPIA Rijksdienst v3.0 — MinBZK/par-dpia-form, sources/DPIA.yaml (043558c5cae6083d88ded7fc99e10105575521ec)";

fn draft_notice() -> String {
    tr(
        "Dit is een concept, geen afgeronde DPIA. beeldbel vulde in wat het weet uit het organisatiebestand, de platformcatalogus en de toets; alles wat het niet weet staat er als [in te vullen: …] en in de lijst hieronder. Kansen en impact bij de risico's zijn een voorstel. De organisatie beoordeelt, vult aan en stelt de DPIA vast, na advies van haar functionaris gegevensbescherming.",
        "This is a draft, not a finished DPIA. beeldbel filled in what it knows from the organisation file, the platform catalogue and the check; everything it does not know is marked [to fill in: …] and listed below. Likelihoods and impacts of the risks are a proposal. The organisation assesses, completes and adopts the DPIA, after the advice of its data protection officer.",
    )
    .to_string()
}

fn copy_counts(c: &Counts) -> Counts {
    Counts {
        pass: c.pass,
        fail: c.fail,
        unknown: c.unknown,
        not_applicable: c.not_applicable,
        waived: c.waived,
        error: c.error,
    }
}

/// Numbers the gaps `G1`, `G2`, … in document order and lists them.
fn number_gaps(sections: &mut [Section]) -> Vec<GapRef> {
    let mut list = Vec::new();
    for s in sections.iter_mut() {
        let label = s.label();
        for item in &mut s.items {
            let gap = match item {
                Item::Gap(g) => g,
                Item::Risk(r) => &mut r.gap,
                Item::Measure(m) => &mut m.gap,
                _ => continue,
            };
            gap.id = format!("G{}", list.len() + 1);
            list.push(GapRef {
                id: gap.id.clone(),
                section: s.key.clone(),
                section_label: label.clone(),
                what: gap.what.clone(),
            });
        }
    }
    list
}

fn part(letter: &'static str) -> Option<Part> {
    Some(Part {
        letter,
        title: match letter {
            "A" => tr(
                "Beschrijving kenmerken gegevensverwerkingen",
                "Description of the characteristics of the processing",
            ),
            "B" => tr(
                "Beoordeling rechtmatigheid gegevensverwerkingen",
                "Assessment of the lawfulness of the processing",
            ),
            "C" => tr(
                "Beschrijving en beoordeling risico’s voor de betrokkenen",
                "Description and assessment of the risks for the data subjects",
            ),
            _ => tr("Beschrijving maatregelen", "Description of the measures"),
        },
    })
}

/// The level of a risk on the model's scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Low,
    Medium,
    High,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Low => tr("laag", "low"),
            Level::Medium => tr("midden", "medium"),
            Level::High => tr("hoog", "high"),
        }
    }

    fn of(s: Severity) -> Level {
        match s {
            Severity::High => Level::High,
            Severity::Medium => Level::Medium,
            Severity::Low => Level::Low,
        }
    }

    fn lower(self) -> Level {
        match self {
            Level::High => Level::Medium,
            _ => Level::Low,
        }
    }

    /// Likelihood × impact, as the model's 3×3 matrix: low+high and medium+medium are medium.
    fn times(self, other: Level) -> Level {
        match self as u8 + other as u8 {
            0 | 1 => Level::Low,
            2 => Level::Medium,
            _ => Level::High,
        }
    }
}

/// Which of the CNIL feared events (illegitimate access, unwanted change, loss) a requirement
/// of the default policy bears on. Requirements of another policy get all three.
fn events_for(requirement: &str) -> [bool; 3] {
    const ALL: [bool; 3] = [true, true, true];
    match requirement {
        "PLAT-VERSL-01" | "PLAT-AUTH-01" => [true, true, false],
        "AVG-OPNAME-01" | "PLAT-OPNAME-01" => [true, false, true],
        "BEROEP-VERSLAG-01" | "BEROEP-MOTIV-01" | "BEROEP-KEUZE-01" | "BEROEP-EVAL-01" => {
            [false, true, false]
        }
        "AVG-DOEL-01" | "AVG-GRONDSLAG-01" | "AVG-BIJZ-01" | "AVG-INFO-01" | "AVG-OPNAME-02"
        | "PLAT-DOEL-01" | "PLAT-VWO-01" | "AVG-VWO-01" | "PLAT-E2EE-01" | "PLAT-LOC-01"
        | "PLAT-LOC-02" | "PLAT-TELEM-01" | "PLAT-DEFAULT-01" | "PLAT-GAST-01"
        | "PLAT-PSEUDO-01" | "BEROEP-TOEST-01" | "BEROEP-TIJD-01" | "BEROEP-INSTR-01"
        | "BEROEP-DERDE-01" => [true, false, false],
        _ => ALL,
    }
}

/// The proposed rows of the CNIL triad for an outcome: impact from the requirement's severity;
/// likelihood the same for a fail or error, one step lower for an unknown (it is not established
/// that the safeguard is missing); the level from the model's matrix.
fn triad(o: &Outcome) -> (Vec<EventRow>, String) {
    let state = o.underlying_state.unwrap_or(o.state);
    let impact = Level::of(o.severity);
    let likelihood = if state == State::Unknown {
        impact.lower()
    } else {
        impact
    };
    let level = likelihood.times(impact);
    let applies = events_for(&o.requirement);
    let labels = [
        ("access", tr("onrechtmatige toegang", "illegitimate access")),
        ("change", tr("ongewenste wijziging", "unwanted change")),
        ("loss", tr("verlies", "loss")),
    ];
    let rows = labels
        .iter()
        .zip(applies)
        .map(|(&(event, label), proposed)| EventRow {
            event,
            label,
            proposed,
            likelihood: proposed.then(|| likelihood.label()),
            impact: proposed.then(|| impact.label()),
            level: proposed.then(|| level.label()),
        })
        .collect();
    let basis = crate::tr!(
        "impact afgeleid uit de zwaarte van de eis ({}), kans uit de uitkomst ({}){}",
        "impact derived from the requirement's severity ({}), likelihood from the outcome ({}){}",
        o.severity.label(),
        state.label(),
        if state == State::Unknown {
            tr(
                ": een stap lager, omdat niet vaststaat dat de waarborg ontbreekt",
                ": one step lower, as it is not established that the safeguard is missing",
            )
        } else {
            ""
        }
    );
    (rows, basis)
}

struct Builder<'a> {
    org: &'a Org,
    inputs: &'a Inputs,
    report: &'a OrgReport,
    today: NaiveDate,
    max_age: i64,
    fail_on: Severity,
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `client_information.alternative_offered` as a `(path, label, what)` row of a paragraph's
/// fields (§ 7, § 14).
fn alternative_offered() -> ([&'static str; 2], &'static str, &'static str) {
    (
        ["client_information", "alternative_offered"],
        tr(
            "Fysiek of telefonisch contact blijft mogelijk",
            "Physical or phone contact remains possible",
        ),
        tr(
            "of een fysiek of telefonisch alternatief beschikbaar blijft",
            "whether a physical or phone alternative remains available",
        ),
    )
}

fn yes_no(b: bool) -> String {
    if b { tr("ja", "yes") } else { tr("nee", "no") }.to_string()
}

/// A human label for an enumerated value, by the field it belongs to (`processing.lawful_basis`,
/// `deployments.recording`, or a catalogue attribute name).
fn enum_label(field: &str, v: &str) -> Option<&'static str> {
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
fn show(field: &str, n: &Node) -> Vec<String> {
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

impl<'a> Builder<'a> {
    fn gap(&self, what: String) -> Gap {
        Gap {
            id: String::new(),
            what,
        }
    }

    fn gap_item(&self, what: String) -> Item {
        Item::Gap(self.gap(what))
    }

    fn line(&self, n: &Node) -> usize {
        line_at(&self.org.text, n.span.start)
    }

    fn node(&self, path: &[&str]) -> Option<&'a Node> {
        self.org.node.path(path)
    }

    fn filled(&self, label: &str, values: Vec<String>, origin: Origin) -> Item {
        Item::Filled(Filled {
            label: label.to_string(),
            values,
            origin,
            warning: None,
        })
    }

    fn tool(&self, text: &str) -> Item {
        self.filled("", vec![text.to_string()], Origin::Tool)
    }

    fn org_origin(&self, path: &[&str], n: &Node) -> Origin {
        Origin::Org {
            field: path.join("."),
            line: self.line(n),
        }
    }

    /// An organisation-file field: its value, or a gap naming the field.
    fn field(&self, items: &mut Vec<Item>, label: &str, path: &[&str], what: &str) {
        let key = path.join(".");
        let what = if what.is_empty() { label } else { what };
        match self.node(path) {
            Some(n) => items.push(self.filled(label, show(&key, n), self.org_origin(path, n))),
            None => items.push(self.gap_item(crate::tr!(
                "{what} (`{key}` in het organisatiebestand)",
                "{what} (`{key}` in the organisation file)"
            ))),
        }
    }

    /// A field of a deployment: its value, or a gap naming the field.
    fn dep_field(&self, items: &mut Vec<Item>, d: &Deployment, label: &str, key: &str, what: &str) {
        let field = format!("deployments[{}].{key}", d.id);
        match d.node.get(key) {
            Some(n) => items.push(self.filled(
                label,
                show(&format!("deployments.{key}"), n),
                Origin::Org {
                    field,
                    line: self.line(n),
                },
            )),
            None => items.push(self.gap_item(crate::tr!(
                "{what} (`{field}` in het organisatiebestand)",
                "{what} (`{field}` in the organisation file)"
            ))),
        }
    }

    fn fact_origin(&self, p: &Platform, e: &Edition, attribute: &str) -> Option<Origin> {
        let f = e.facts.get(attribute)?;
        let stale = f
            .source
            .as_ref()
            .is_some_and(|s| s.is_stale(self.today, self.max_age));
        Some(Origin::Fact {
            platform: p.id.clone(),
            edition: e.id.clone(),
            attribute: attribute.to_string(),
            source: f.source.clone(),
            note: f.note.clone(),
            stale,
        })
    }

    /// A catalogue fact of a deployment's edition: its value with its source, or a gap.
    fn fact(
        &self,
        items: &mut Vec<Item>,
        (p, e): (&Platform, &Edition),
        attribute: &str,
        label: &str,
        what: Option<&str>,
    ) {
        match (e.facts.get(attribute), self.fact_origin(p, e, attribute)) {
            (Some(f), Some(origin)) => {
                items.push(self.filled(label, show(attribute, &f.value), origin))
            }
            _ => {
                if let Some(what) = what {
                    items.push(self.gap_item(crate::tr!(
                        "{what}: de catalogus heeft hierover geen geverifieerd feit voor {} ({})",
                        "{what}: the catalogue has no verified fact on this for {} ({})",
                        p.name,
                        e.name
                    )))
                }
            }
        }
    }

    /// The deployments with their catalogue platform and edition.
    fn deployments(&self) -> Vec<(&'a Deployment, &'a Platform, &'a Edition)> {
        self.org
            .deployments
            .iter()
            .filter_map(|d| {
                let (p, e) = self.inputs.catalogue.edition(&d.platform, &d.edition)?;
                Some((d, p, e))
            })
            .collect()
    }

    fn dep_heading(&self, d: &Deployment, p: &Platform, e: &Edition) -> Item {
        Item::Heading {
            text: format!("{} — {} ({})", d.id, p.name, e.name),
        }
    }

    fn subject_label(&self, subject: &str) -> String {
        if subject == "organisation" {
            return tr("organisatie", "organisation").to_string();
        }
        match self.report.deployments.iter().find(|d| d.id == subject) {
            Some(d) => d.label(),
            None => subject.to_string(),
        }
    }

    fn section(
        &self,
        key: &str,
        number: Option<u8>,
        part_letter: Option<&'static str>,
        (title_nl, title_en): (&str, &str),
        (asks_nl, asks_en): (&str, &str),
        items: Vec<Item>,
    ) -> Section {
        Section {
            key: key.to_string(),
            number,
            part: part_letter.and_then(part),
            title: tr(title_nl, title_en).to_string(),
            asks: tr(asks_nl, asks_en).to_string(),
            items,
        }
    }

    fn no_deployments(&self, items: &mut Vec<Item>) -> bool {
        if self.org.deployments.is_empty() {
            items.push(self.gap_item(
                tr(
                    "welke platforms voor beeldbellen worden ingezet (`[[deployments]]` in het organisatiebestand)",
                    "which video-calling platforms are used (`[[deployments]]` in the organisation file)",
                )
                .to_string(),
            ));
            true
        } else {
            false
        }
    }

    // -----------------------------------------------------------------------------------------
    // Fields more than one paragraph shows, each described once

    /// `processing.purposes` (§ 1, § 5), under the paragraph's label.
    fn purposes_field(&self, items: &mut Vec<Item>, label: &str) {
        self.field(
            items,
            label,
            &["processing", "purposes"],
            tr(
                "de doeleinden van beeldbellen",
                "the purposes of video calling",
            ),
        );
    }

    /// `processing.special_categories` (§ 2, § 12).
    fn special_categories_field(&self, items: &mut Vec<Item>) {
        self.field(
            items,
            tr(
                "Bijzondere persoonsgegevens",
                "Special categories of personal data",
            ),
            &["processing", "special_categories"],
            tr(
                "welke bijzondere persoonsgegevens worden verwerkt",
                "which special categories of personal data are processed",
            ),
        );
    }

    /// `recording.allowed` (§ 5, § 10).
    fn recording_allowed_field(&self, items: &mut Vec<Item>) {
        self.field(
            items,
            tr("Opnamen toegestaan", "Recordings allowed"),
            &["recording", "allowed"],
            tr(
                "of gesprekken mogen worden opgenomen",
                "whether calls may be recorded",
            ),
        );
    }

    /// The catalogue's `vendor_country` of a deployment's edition (§ 6, § 8).
    fn vendor_country_fact(&self, items: &mut Vec<Item>, edition: (&Platform, &Edition)) {
        self.fact(
            items,
            edition,
            "vendor_country",
            tr(
                "Land van vestiging leverancier",
                "Vendor's country of establishment",
            ),
            Some(tr(
                "waar de leverancier is gevestigd",
                "where the vendor is established",
            )),
        );
    }

    // -----------------------------------------------------------------------------------------
    // The blocks and paragraphs

    fn about(&self) -> Section {
        let mut items = Vec::new();
        self.field(
            &mut items,
            tr("Organisatie", "Organisation"),
            &["organisation", "name"],
            "",
        );
        self.field(
            &mut items,
            tr("Soort organisatie", "Kind of organisation"),
            &["organisation", "kind"],
            "",
        );
        self.field(
            &mut items,
            tr("Overheidsorgaan", "Public authority"),
            &["organisation", "public_authority"],
            tr(
                "of de organisatie een overheidsorgaan is",
                "whether the organisation is a public authority",
            ),
        );
        self.field(
            &mut items,
            tr(
                "Functionaris gegevensbescherming (FG) aangesteld",
                "Data protection officer (DPO) designated",
            ),
            &["organisation", "dpo", "designated"],
            tr(
                "of er een functionaris gegevensbescherming is",
                "whether a data protection officer is designated",
            ),
        );
        if self
            .node(&["organisation", "dpo", "designated"])
            .and_then(Node::as_bool)
            == Some(true)
        {
            self.field(
                &mut items,
                tr("Contact FG", "DPO contact"),
                &["organisation", "dpo", "contact"],
                tr("hoe de FG bereikbaar is", "how to reach the DPO"),
            );
        }
        self.field(
            &mut items,
            tr(
                "In het verwerkingsregister",
                "In the register of processing activities",
            ),
            &["processing", "in_processing_register"],
            tr(
                "of beeldbellen in het verwerkingsregister staat",
                "whether video calling is in the register of processing activities",
            ),
        );
        self.field(
            &mut items,
            tr("Stand van de DPIA", "Status of the DPIA"),
            &["dpia", "status"],
            tr("de stand van de DPIA", "the status of the DPIA"),
        );
        let completed = self.node(&["dpia", "status"]).and_then(Node::as_str) == Some("completed");
        if completed || self.node(&["dpia", "completed_on"]).is_some() {
            self.field(
                &mut items,
                tr("Eerdere DPIA afgerond op", "Earlier DPIA completed on"),
                &["dpia", "completed_on"],
                tr("wanneer de DPIA is afgerond", "when the DPIA was completed"),
            );
        }
        if self.node(&["dpia", "covers"]).is_some() {
            self.field(
                &mut items,
                tr(
                    "Platforms in de eerdere DPIA",
                    "Platforms in the earlier DPIA",
                ),
                &["dpia", "covers"],
                "",
            );
        }
        let platforms: Vec<String> = self
            .org
            .deployments
            .iter()
            .map(|d| format!("{} ({} / {})", d.id, d.platform, d.edition))
            .collect();
        if let Some(first) = self.org.deployments.first() {
            items.push(self.filled(
                tr("Dit concept beschrijft", "This draft describes"),
                platforms,
                Origin::Org {
                    field: "deployments".into(),
                    line: self.line(&first.node),
                },
            ));
        }
        // Without a designated DPO there is no DPO advice to ask for (whether one is required is
        // a check of its own, AVG-FG-01).
        let no_dpo = self
            .node(&["organisation", "dpo", "designated"])
            .and_then(Node::as_bool)
            == Some(false);
        if !no_dpo || self.node(&["dpia", "dpo_advice_on"]).is_some() {
            self.field(
                &mut items,
                tr("Advies van de FG gegeven op", "DPO advice given on"),
                &["dpia", "dpo_advice_on"],
                tr(
                    "het advies van de FG over de DPIA (AVG art. 35 lid 2) en de datum ervan",
                    "the DPO's advice on the DPIA (GDPR art. 35(2)) and its date",
                ),
            );
        }
        self.field(
            &mut items,
            tr("Herziening uiterlijk", "Review due"),
            &["dpia", "review_due"],
            tr(
                "wanneer de DPIA wordt herzien (AVG art. 35 lid 11)",
                "when the DPIA will be reviewed (GDPR art. 35(11))",
            ),
        );
        self.section(
            "about",
            None,
            None,
            ("Over deze DPIA", "About this DPIA"),
            (
                "De organisatie, haar functionaris gegevensbescherming en de stand van de DPIA, zoals het organisatiebestand ze vermeldt.",
                "The organisation, its data protection officer and the status of the DPIA, as the organisation file states them.",
            ),
            items,
        )
    }

    fn summary(&self, risks: usize, accepted: usize) -> Section {
        let r = self.report;
        let items = vec![
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
            )),
            self.gap_item(
                tr(
                    "de managementsamenvatting: de belangrijkste risico's en (voorgenomen) maatregelen, na afronding van de paragrafen 1–17",
                    "the management summary: the main risks and (planned) measures, once paragraphs 1–17 are complete",
                )
                .to_string(),
            ),
        ];
        self.section(
            "summary",
            None,
            None,
            ("Managementsamenvatting", "Management summary"),
            (
                "De belangrijkste punten van de DPIA, met name de risico's en de (voorgenomen) maatregelen.",
                "The main points of the DPIA, in particular the risks and the (planned) measures.",
            ),
            items,
        )
    }

    fn p1(&self) -> Section {
        let mut items = Vec::new();
        if let Some(n) = self.node(&["organisation", "name"]) {
            let kind = self
                .node(&["organisation", "kind"])
                .and_then(Node::as_str)
                .map(|k| enum_label("organisation.kind", k).unwrap_or(k).to_string())
                .unwrap_or_default();
            items.push(self.filled(
                tr("Voorstel", "Proposal"),
                vec![crate::tr!(
                    "{} ({kind}) voert gesprekken met klanten via beeldbellen.",
                    "{} ({kind}) holds conversations with clients by video call.",
                    self.org.name
                )],
                self.org_origin(&["organisation", "name"], n),
            ));
        }
        self.purposes_field(&mut items, tr("Doeleinden", "Purposes"));
        self.field(
            &mut items,
            tr("Beweegredenen", "Reasons"),
            &["processing", "purpose_justification"],
            tr(
                "waarom beeldbellen nodig is voor die doeleinden",
                "why video calling is needed for those purposes",
            ),
        );
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                items.push(self.filled(
                    &crate::tr!("Platform {}", "Platform {}", d.id),
                    vec![format!("{} — {} ({})", p.name, e.name, p.vendor)],
                    Origin::Org {
                        field: format!("deployments[{}]", d.id),
                        line: self.line(&d.node),
                    },
                ));
            }
        }
        items.push(
            self.gap_item(
                tr(
                    "hoe het voorstel tot stand is gekomen (besluitvorming, betrokkenen, planning)",
                    "how the proposal came about (decision-making, people involved, planning)",
                )
                .to_string(),
            ),
        );
        self.section(
            "p1",
            Some(1),
            Some("A"),
            ("Voorstel", "Proposal"),
            (
                "Beschrijf het voorstel waar de DPIA op toeziet op hoofdlijnen, hoe het tot stand is gekomen en wat de beweegredenen zijn.",
                "Describe the proposal the DPIA covers in outline, how it came about and the reasons behind it.",
            ),
            items,
        )
    }

    fn p2(&self) -> Section {
        let mut items = vec![
            self.filled(
                tr("Persoonsgegevens bij beeldbellen (voorstel)", "Personal data in video calling (proposal)"),
                vec![
                    tr(
                        "beeld en geluid van de deelnemers — gewoon persoonsgegeven, maar wat wordt besproken of getoond kan bijzonder zijn (gezondheid)",
                        "image and sound of the participants — ordinary personal data, but what is discussed or shown can be special-category data (health)",
                    )
                    .to_string(),
                    tr(
                        "naam en contactgegevens voor de uitnodiging — gewoon persoonsgegeven",
                        "name and contact details for the invitation — ordinary personal data",
                    )
                    .to_string(),
                    tr(
                        "chatberichten en gedeelde schermen of documenten — gewoon of bijzonder, naar de inhoud",
                        "chat messages and shared screens or documents — ordinary or special-category, depending on the content",
                    )
                    .to_string(),
                    tr(
                        "metagegevens: tijdstip, duur, deelnemers, IP-adres, apparaat — gewoon persoonsgegeven",
                        "metadata: time, duration, participants, IP address, device — ordinary personal data",
                    )
                    .to_string(),
                    tr(
                        "diagnostische gegevens (telemetrie) bij de leverancier — gewoon persoonsgegeven",
                        "diagnostic data (telemetry) at the vendor — ordinary personal data",
                    )
                    .to_string(),
                ],
                Origin::Tool,
            ),
            self.filled(
                tr("Betrokkenen (voorstel)", "Data subjects (proposal)"),
                vec![
                    tr("klanten (werknemers, cliënten)", "clients (employees, claimants)").to_string(),
                    tr("medewerkers van de organisatie", "the organisation's staff").to_string(),
                    tr(
                        "derden die aan het gesprek deelnemen (bijv. bedrijfsarts, tolk, vertegenwoordiger)",
                        "third persons who join the call (e.g. company doctor, interpreter, representative)",
                    )
                    .to_string(),
                ],
                Origin::Tool,
            ),
        ];
        self.special_categories_field(&mut items);
        items.push(self.gap_item(
            tr(
                "de volledige lijst persoonsgegevens per categorie betrokkenen, met type en bron",
                "the full list of personal data per category of data subjects, with type and source",
            )
            .to_string(),
        ));
        self.section(
            "p2",
            Some(2),
            Some("A"),
            ("Persoonsgegevens", "Personal data"),
            (
                "Beschrijf alle persoonsgegevens die worden verwerkt, classificeer ze (gewoon, gevoelig, bijzonder, strafrechtelijk, nationaal identificatienummer) en geef de bron aan.",
                "Describe all personal data processed, classify them (ordinary, sensitive, special-category, criminal, national identification number) and state their source.",
            ),
            items,
        )
    }

    fn p3(&self) -> Section {
        let mut items = Vec::new();
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                let kind = enum_label("kind", &e.kind).unwrap_or(&e.kind);
                items.push(self.filled(
                    &crate::tr!("Gegevensverwerking {}", "Processing {}", d.id),
                    vec![crate::tr!(
                        "beeldbellen met klanten via {} ({}, {kind})",
                        "video calls with clients through {} ({}, {kind})",
                        p.name,
                        e.name
                    )],
                    Origin::Org {
                        field: format!("deployments[{}]", d.id),
                        line: self.line(&d.node),
                    },
                ));
            }
        }
        self.field(
            &mut items,
            tr(
                "Grootschalige verwerking van gezondheidsgegevens",
                "Large-scale processing of health data",
            ),
            &["organisation", "large_scale_health"],
            tr(
                "of gezondheidsgegevens op grote schaal worden verwerkt",
                "whether health data is processed on a large scale",
            ),
        );
        items.push(self.gap_item(
            tr(
                "de samenhang met andere verwerkingen (bijv. verslaglegging in het dossier, planning van afspraken), desgewenst met een stroomschema",
                "how this relates to other processing (e.g. reports in the case file, scheduling), with a flow chart if useful",
            )
            .to_string(),
        ));
        self.section(
            "p3",
            Some(3),
            Some("A"),
            ("Gegevensverwerking", "Processing operations"),
            (
                "Geef alle gegevensverwerkingen weer en welke persoonsgegevens van welke categorieën betrokkenen per verwerking worden verwerkt.",
                "List all processing operations and which personal data of which categories of data subjects each processes.",
            ),
            items,
        )
    }

    fn p4(&self) -> Section {
        let mut items = Vec::new();
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                items.push(self.dep_heading(d, p, e));
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
                items.push(self.filled(
                    tr("Soort dienst", "Kind of service"),
                    vec![format!(
                        "{cloud} — {}",
                        enum_label("kind", &e.kind).unwrap_or(&e.kind)
                    )],
                    Origin::Platform {
                        platform: p.id.clone(),
                        file: p.file_name.clone(),
                    },
                ));
                let pe = (p, e);
                self.fact(
                    &mut items,
                    pe,
                    "encryption_in_transit",
                    tr("Versleuteling tijdens transport", "Encryption in transit"),
                    Some(tr(
                        "of gesprekken tijdens transport zijn versleuteld",
                        "whether calls are encrypted in transit",
                    )),
                );
                self.fact(
                    &mut items,
                    pe,
                    "e2ee",
                    tr("End-to-endversleuteling", "End-to-end encryption"),
                    Some(tr(
                        "of end-to-endversleuteling beschikbaar is",
                        "whether end-to-end encryption is available",
                    )),
                );
                self.fact(
                    &mut items,
                    pe,
                    "e2ee_limits",
                    tr(
                        "Beperkingen van end-to-endversleuteling",
                        "Limits of end-to-end encryption",
                    ),
                    None,
                );
                self.fact(
                    &mut items,
                    pe,
                    "certifications",
                    tr("Certificeringen", "Certifications"),
                    Some(tr(
                        "welke certificeringen de dienst heeft",
                        "which certifications the service has",
                    )),
                );
                for (key, label, what) in [
                    (
                        "e2ee_enabled",
                        tr("End-to-endversleuteling aan", "End-to-end encryption on"),
                        tr(
                            "of end-to-endversleuteling aan staat",
                            "whether end-to-end encryption is on",
                        ),
                    ),
                    (
                        "recording",
                        tr("Opname-instelling", "Recording setting"),
                        tr("de opname-instelling", "the recording setting"),
                    ),
                    (
                        "waiting_room_enabled",
                        tr("Wachtkamer aan", "Waiting room on"),
                        tr(
                            "of de wachtkamer aan staat",
                            "whether the waiting room is on",
                        ),
                    ),
                    (
                        "meeting_protection_enabled",
                        tr(
                            "Unieke link of toegangscode per gesprek",
                            "Unique link or passcode per meeting",
                        ),
                        tr(
                            "of elk gesprek een unieke link of toegangscode heeft",
                            "whether every meeting has a unique link or passcode",
                        ),
                    ),
                    (
                        "mfa_enforced",
                        tr(
                            "Meerfactorauthenticatie of SSO verplicht",
                            "MFA or SSO enforced",
                        ),
                        tr(
                            "of medewerkers met meerfactorauthenticatie of SSO inloggen",
                            "whether staff sign in with MFA or SSO",
                        ),
                    ),
                    (
                        "functional_host_accounts",
                        tr(
                            "Uitnodigingen vanaf functionele accounts",
                            "Invitations from functional accounts",
                        ),
                        tr(
                            "of uitnodigingen van functionele accounts komen",
                            "whether invitations come from functional accounts",
                        ),
                    ),
                    (
                        "telemetry_minimised",
                        tr(
                            "Diagnostische gegevens beperkt",
                            "Diagnostic data minimised",
                        ),
                        tr(
                            "of de verzameling van diagnostische gegevens is beperkt",
                            "whether the collection of diagnostic data is minimised",
                        ),
                    ),
                ] {
                    self.dep_field(&mut items, d, label, key, what);
                }
            }
        }
        items.push(self.gap_item(
            tr(
                "of sprake is van (semi-)geautomatiseerde besluitvorming, profilering, AI-functies (bijv. transcriptie of samenvattingen) of big data — het organisatiebestand zegt hierover niets",
                "whether there is (semi-)automated decision-making, profiling, AI features (e.g. transcription or summaries) or big data — the organisation file says nothing about this",
            )
            .to_string(),
        ));
        self.section(
            "p4",
            Some(4),
            Some("A"),
            (
                "Technieken en methoden van de gegevensverwerkingen",
                "Techniques and methods of the processing",
            ),
            (
                "Beschrijf met welke technieken en methoden de persoonsgegevens worden verwerkt; benoem in het bijzonder (semi-)geautomatiseerde besluitvorming, profilering, een cloudoplossing, kunstmatige intelligentie en algoritmen of big data.",
                "Describe the techniques and methods by which the personal data are processed; name in particular (semi-)automated decision-making, profiling, a cloud service, artificial intelligence and algorithms, or big data.",
            ),
            items,
        )
    }

    fn p5(&self) -> Section {
        let mut items = Vec::new();
        self.purposes_field(&mut items, tr("Verwerkingsdoeleinden", "Purposes"));
        self.recording_allowed_field(&mut items);
        if self.node(&["recording", "allowed"]).and_then(Node::as_str) == Some("with_consent") {
            self.field(
                &mut items,
                tr("Doel van opnamen", "Purpose of recordings"),
                &["recording", "purpose"],
                tr("waarvoor opnamen worden gemaakt", "why recordings are made"),
            );
        }
        self.section(
            "p5",
            Some(5),
            Some("A"),
            ("Verwerkingsdoeleinden", "Purposes of the processing"),
            (
                "Beschrijf de doeleinden van alle gegevensverwerkingen.",
                "Describe the purposes of all processing operations.",
            ),
            items,
        )
    }

    fn p6(&self) -> Section {
        let mut items = Vec::new();
        if let Some(n) = self.node(&["organisation", "name"]) {
            items.push(self.filled(
                tr("Verwerkingsverantwoordelijke", "Controller"),
                vec![self.org.name.clone()],
                self.org_origin(&["organisation", "name"], n),
            ));
        }
        match self.node(&["organisation", "dpo"]) {
            Some(dpo) if dpo.get("designated").and_then(Node::as_bool) == Some(false) => {
                items.push(self.filled(
                    tr(
                        "Functionaris gegevensbescherming",
                        "Data protection officer",
                    ),
                    vec![tr("niet aangesteld", "not designated").to_string()],
                    self.org_origin(
                        &["organisation", "dpo", "designated"],
                        dpo.get("designated").unwrap_or(dpo),
                    ),
                ));
            }
            _ => self.field(
                &mut items,
                tr(
                    "Functionaris gegevensbescherming",
                    "Data protection officer",
                ),
                &["organisation", "dpo", "contact"],
                tr(
                    "de functionaris gegevensbescherming en hoe die bereikbaar is",
                    "the data protection officer and how to reach them",
                ),
            ),
        }
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                items.push(self.dep_heading(d, p, e));
                let pa = e
                    .facts
                    .get("processor_agreement")
                    .and_then(|f| f.value.as_bool());
                let role = match pa {
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
                items.push(self.filled(
                    tr("Leverancier", "Vendor"),
                    vec![p.vendor.clone()],
                    Origin::Platform {
                        platform: p.id.clone(),
                        file: p.file_name.clone(),
                    },
                ));
                match self.fact_origin(p, e, "processor_agreement") {
                    Some(origin) => items.push(self.filled(tr("Rol van de leverancier", "Role of the vendor"), vec![role.to_string()], origin)),
                    None => items.push(self.gap_item(crate::tr!(
                        "de rol van {} (verwerker of verwerkingsverantwoordelijke): de catalogus heeft geen geverifieerd feit over een verwerkersovereenkomst voor {}",
                        "the role of {} (processor or controller): the catalogue has no verified fact on a processor agreement for {}",
                        p.vendor,
                        e.name
                    ))),
                }
                self.vendor_country_fact(&mut items, (p, e));
                self.dep_field(
                    &mut items,
                    d,
                    tr(
                        "Verwerkersovereenkomst getekend op",
                        "Processor agreement signed on",
                    ),
                    "processor_agreement_signed_on",
                    tr(
                        "wanneer de verwerkersovereenkomst is getekend, of dat er geen is",
                        "when the processor agreement was signed, or that there is none",
                    ),
                );
            }
        }
        items.push(self.gap_item(
            tr(
                "sub-verwerkers van de leveranciers, ontvangers en derden (bijv. werkgever, opdrachtgever, bedrijfsarts, tolk), en welke functies of afdelingen toegang hebben tot welke gegevens",
                "sub-processors of the vendors, recipients and third parties (e.g. employer, client organisation, company doctor, interpreter), and which roles or departments have access to which data",
            )
            .to_string(),
        ));
        self.section(
            "p6",
            Some(6),
            Some("A"),
            ("Betrokken partijen", "Parties involved"),
            (
                "Benoem alle betrokken partijen per gegevensverwerking en hun rol (verwerkingsverantwoordelijke, gezamenlijke verwerkingsverantwoordelijke, verwerker, sub-verwerker, verstrekker, ontvanger, derde), en wie binnen die partijen toegang krijgt.",
                "Name all parties involved per processing operation and their role (controller, joint controller, processor, sub-processor, provider, recipient, third party), and who within them gets access.",
            ),
            items,
        )
    }

    fn p7(&self) -> Section {
        let mut items = Vec::new();
        for (path, label, what) in [
            (
                ["conduct", "client_chooses_contact_form"],
                tr(
                    "De klant beslist mee over de contactvorm",
                    "The client has a say in the contact form",
                ),
                tr(
                    "of de klant meebeslist over de contactvorm",
                    "whether the client has a say in the contact form",
                ),
            ),
            (
                ["conduct", "client_consent_recorded"],
                tr(
                    "Instemming van de klant met beeldbellen gevraagd en vastgelegd",
                    "The client's agreement to a video call asked and recorded",
                ),
                tr(
                    "of de instemming van de klant met beeldbellen wordt gevraagd en vastgelegd",
                    "whether the client's agreement to a video call is asked and recorded",
                ),
            ),
            alternative_offered(),
        ] {
            self.field(&mut items, label, &path, what);
        }
        items.push(self.gap_item(
            tr(
                "de belangen van de organisatie, de opdrachtgever en de betrokkenen, en de uitkomst van de consultatie van betrokkenen of hun vertegenwoordigers (of waarom die niet relevant is)",
                "the interests of the organisation, the client organisation and the data subjects, and the outcome of consulting the data subjects or their representatives (or why that is not relevant)",
            )
            .to_string(),
        ));
        self.section(
            "p7",
            Some(7),
            Some("A"),
            ("Belangen bij de gegevensverwerkingen", "Interests in the processing"),
            (
                "Beschrijf de belangen van de betrokken partijen; vraag betrokkenen of hun vertegenwoordigers naar hun mening, of motiveer waarom dat niet relevant is.",
                "Describe the interests of the parties involved; ask the data subjects or their representatives for their views, or explain why that is not relevant.",
            ),
            items,
        )
    }

    fn p8(&self) -> Section {
        let mut items = Vec::new();
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                items.push(self.dep_heading(d, p, e));
                self.dep_field(
                    &mut items,
                    d,
                    tr(
                        "Gespreksinhoud verwerkt en opgeslagen in",
                        "Call content processed and stored in",
                    ),
                    "data_region",
                    tr(
                        "waar gespreksinhoud wordt verwerkt en opgeslagen",
                        "where call content is processed and stored",
                    ),
                );
                self.dep_field(
                    &mut items,
                    d,
                    tr("Doorgiftemechanisme", "Transfer mechanism"),
                    "transfer_basis",
                    tr(
                        "op welke grond gegevens de EER verlaten",
                        "on which basis data leave the EEA",
                    ),
                );
                let pe = (p, e);
                self.vendor_country_fact(&mut items, pe);
                self.fact(
                    &mut items,
                    pe,
                    "eu_data_residency",
                    tr("Opslag in de EU mogelijk", "Storage in the EU possible"),
                    Some(tr(
                        "of gegevens in de EU kunnen blijven",
                        "whether data can stay in the EU",
                    )),
                );
                let us = e.facts.get("vendor_country").and_then(|f| f.value.as_str()) == Some("US");
                if us {
                    self.fact(
                        &mut items,
                        pe,
                        "dpf_certified",
                        tr("Leverancier op de DPF-lijst", "Vendor on the DPF list"),
                        Some(tr(
                            "of de leverancier onder het EU-VS Data Privacy Framework is gecertificeerd",
                            "whether the vendor is certified under the EU-US Data Privacy Framework",
                        )),
                    );
                }
                self.fact(
                    &mut items,
                    pe,
                    "telemetry_documented",
                    tr(
                        "Diagnostische gegevens gedocumenteerd",
                        "Diagnostic data documented",
                    ),
                    Some(tr(
                        "of de leverancier zijn diagnostische gegevens documenteert",
                        "whether the vendor documents its diagnostic data",
                    )),
                );
                if d.node.str_at("transfer_basis") == Some("scc_with_tia") {
                    items.push(self.gap_item(crate::tr!(
                        "een verwijzing naar de transfer impact assessment (DTIA) voor {}",
                        "a reference to the transfer impact assessment (DTIA) for {}",
                        d.id
                    )));
                }
                items.push(self.gap_item(crate::tr!(
                    "waar {} diagnostische gegevens (telemetrie) en accountgegevens verwerkt en opgeslagen worden — de catalogus legt die locatie niet vast",
                    "where {} processes and stores diagnostic data (telemetry) and account data — the catalogue does not record that location",
                    p.vendor
                )));
            }
        }
        self.section(
            "p8",
            Some(8),
            Some("A"),
            ("Verwerkingslocaties", "Processing locations"),
            (
                "Benoem in welke landen de gegevensverwerkingen plaatsvinden; beschrijf buiten de EER het doorgiftemechanisme en de aanvullende maatregelen (zo nodig een DTIA).",
                "Name the countries where the processing takes place; outside the EEA, describe the transfer mechanism and any supplementary measures (a DTIA where needed).",
            ),
            items,
        )
    }

    fn p9(&self) -> Section {
        let mut items = Vec::new();
        self.field(
            &mut items,
            tr(
                "Wet- en regelgeving (rechtsgrond)",
                "Laws and regulations (legal basis)",
            ),
            &["processing", "lawful_basis_reference"],
            tr(
                "de wet of overeenkomst waarop de verwerking rust",
                "the law or contract the processing rests on",
            ),
        );
        if self.special_categories() != Some(0) {
            self.field(
                &mut items,
                tr(
                    "Wet- en regelgeving (bijzondere persoonsgegevens)",
                    "Laws and regulations (special categories)",
                ),
                &["processing", "art9_reference"],
                tr(
                    "de wettelijke bepaling van de uitzondering voor bijzondere persoonsgegevens",
                    "the legal provision of the exception for special-category data",
                ),
            );
        }
        let policy = &self.inputs.policy;
        items.push(self.filled(
            tr("Getoetst aan", "Checked against"),
            vec![policy.title.get().to_string()],
            Origin::Policy {
                id: policy.id.clone(),
                version: policy.version.clone(),
            },
        ));
        self.field(
            &mut items,
            tr(
                "Organisatiebreed beleid beeldmateriaal vastgesteld op",
                "Organisation-wide policy on video material adopted on",
            ),
            &["video_policy", "adopted_on"],
            tr(
                "wanneer het beleid voor beeldmateriaal is vastgesteld",
                "when the policy on video material was adopted",
            ),
        );
        self.field(
            &mut items,
            tr("Het beleid regelt", "The policy covers"),
            &["video_policy", "covers"],
            tr(
                "wat het beleid voor beeldmateriaal regelt",
                "what the policy on video material covers",
            ),
        );
        items.push(self.gap_item(
            tr(
                "overige wet- en regelgeving en beleid (bijv. sectorwetgeving, beroepscode, informatiebeveiligingsbeleid)",
                "other laws, regulations and policies (e.g. sector legislation, professional code, information security policy)",
            )
            .to_string(),
        ));
        self.section(
            "p9",
            Some(9),
            Some("A"),
            ("Juridisch en beleidsmatig kader", "Legal and policy framework"),
            (
                "Benoem alle wet- en regelgeving en beleid met mogelijke gevolgen voor de gegevensverwerkingen (de AVG hoeft niet genoemd te worden).",
                "Name all laws, regulations and policies that may affect the processing (the GDPR need not be named).",
            ),
            items,
        )
    }

    /// How many special categories the organisation file names (`None`: not filled in).
    fn special_categories(&self) -> Option<usize> {
        self.node(&["processing", "special_categories"])
            .map(|n| n.as_list().len())
    }

    fn p10(&self) -> Section {
        let mut items = Vec::new();
        self.recording_allowed_field(&mut items);
        self.field(
            &mut items,
            tr(
                "Bewaartermijn opnamen (dagen)",
                "Retention of recordings (days)",
            ),
            &["recording", "retention_days"],
            tr(
                "hoe lang opnamen worden bewaard",
                "how long recordings are kept",
            ),
        );
        if let Some(n) = self.node(&["video_policy", "covers"]) {
            let covers = n.as_list().iter().any(|c| c.as_str() == Some("retention"));
            items.push(self.filled(
                tr(
                    "Het beleid voor beeldmateriaal regelt bewaartermijnen",
                    "The policy on video material covers retention",
                ),
                vec![yes_no(covers)],
                self.org_origin(&["video_policy", "covers"], n),
            ));
        }
        items.push(self.gap_item(
            tr(
                "de bewaartermijnen van de overige gegevens (verslagen, chat, metagegevens, logbestanden bij de leverancier), de motivering waarom ze niet langer zijn dan nodig, en wie toeziet op vernietiging of archivering",
                "the retention periods of the other data (reports, chat, metadata, logs at the vendor), why they are no longer than necessary, and who oversees deletion or archiving",
            )
            .to_string(),
        ));
        self.section(
            "p10",
            Some(10),
            Some("A"),
            ("Bewaartermijnen", "Retention periods"),
            (
                "Bepaal de bewaartermijnen per verwerking en doel, motiveer waarom ze niet langer zijn dan strikt noodzakelijk, en beschrijf wie toeziet op vernietiging of archivering.",
                "Set the retention periods per processing operation and purpose, explain why they are no longer than strictly necessary, and describe who oversees deletion or archiving.",
            ),
            items,
        )
    }

    fn p11(&self) -> Section {
        let mut items = Vec::new();
        self.field(
            &mut items,
            tr("Rechtsgrond", "Legal basis"),
            &["processing", "lawful_basis"],
            tr(
                "de rechtsgrond uit AVG art. 6 lid 1",
                "the legal basis under GDPR art. 6(1)",
            ),
        );
        self.field(
            &mut items,
            tr(
                "Toelichting (wet of overeenkomst)",
                "Explanation (law or contract)",
            ),
            &["processing", "lawful_basis_reference"],
            tr(
                "de wet of overeenkomst waarop de rechtsgrond rust",
                "the law or contract the legal basis rests on",
            ),
        );
        let basis = self
            .node(&["processing", "lawful_basis"])
            .and_then(Node::as_str);
        let condition = match basis {
            Some("contract") => Some(tr(
                "hoe aan de voorwaarden van de rechtsgrond is voldaan: het model vraagt om een overeenkomst mét de betrokkene — een overeenkomst met de werkgever of opdrachtgever is dat niet",
                "how the conditions of the legal basis are met: the model requires a contract with the data subject — a contract with the employer or client organisation is not one",
            )),
            Some("consent") => Some(tr(
                "hoe de toestemming vrij, specifiek, geïnformeerd en ondubbelzinnig wordt gegeven, vastgelegd en ingetrokken kan worden",
                "how consent is given freely, specifically, informed and unambiguously, recorded, and can be withdrawn",
            )),
            Some("legitimate_interests") => Some(tr(
                "de belangenafweging; deze rechtsgrond geldt niet voor verwerkingen in het kader van de publieke taak van een overheidsorgaan",
                "the balancing of interests; this basis does not apply to processing in the public task of a public authority",
            )),
            Some("vital_interests") => Some(tr(
                "waarom iemands leven of gezondheid in gevaar is en die persoon geen toestemming kan geven",
                "why someone's life or health is at risk and that person cannot give consent",
            )),
            _ => None,
        };
        if let Some(c) = condition {
            items.push(self.gap_item(c.to_string()));
        }
        self.section(
            "p11",
            Some(11),
            Some("B"),
            ("Rechtsgrond", "Legal basis"),
            (
                "Bepaal op welke rechtsgronden de gegevensverwerkingen rusten en licht toe hoe aan de voorwaarden van elke rechtsgrond wordt voldaan.",
                "Determine the legal bases of the processing operations and explain how the conditions of each are met.",
            ),
            items,
        )
    }

    fn p12(&self) -> Section {
        let mut items = Vec::new();
        self.special_categories_field(&mut items);
        if self.special_categories() != Some(0) {
            self.field(
                &mut items,
                tr("Uitzonderingsgrond", "Exception"),
                &["processing", "art9_exception"],
                tr(
                    "de uitzondering op het verwerkingsverbod (AVG art. 9 lid 2 of de UAVG)",
                    "the exception to the prohibition (GDPR art. 9(2) or the UAVG)",
                ),
            );
            self.field(
                &mut items,
                tr("Wettelijke bepaling", "Legal provision"),
                &["processing", "art9_reference"],
                tr(
                    "de wettelijke bepaling van de uitzondering",
                    "the legal provision of the exception",
                ),
            );
        }
        items.push(self.gap_item(
            tr(
                "of strafrechtelijke persoonsgegevens of nationale identificatienummers (BSN) worden verwerkt, en zo ja op welke grond — het organisatiebestand zegt hierover niets",
                "whether criminal-offence data or national identification numbers (BSN) are processed, and if so on which basis — the organisation file says nothing about this",
            )
            .to_string(),
        ));
        self.section(
            "p12",
            Some(12),
            Some("B"),
            (
                "Bijzondere persoonsgegevens, strafrechtelijke persoonsgegevens en nationale identificatienummers",
                "Special categories of personal data, criminal-offence data and national identification numbers",
            ),
            (
                "Beoordeel of een wettelijke uitzondering op het verwerkingsverbod van toepassing is; bij een nationaal identificatienummer, of het gebruik is toegestaan.",
                "Assess whether a statutory exception to the prohibition applies; for a national identification number, whether its use is permitted.",
            ),
            items,
        )
    }

    fn p13(&self) -> Section {
        let mut items = Vec::new();
        if !self.no_deployments(&mut items) {
            for (d, p, e) in self.deployments() {
                items.push(self.dep_heading(d, p, e));
                self.fact(
                    &mut items,
                    (p, e),
                    "vendor_own_purposes",
                    tr(
                        "Leverancier gebruikt gegevens voor eigen doeleinden",
                        "Vendor uses data for its own purposes",
                    ),
                    Some(&crate::tr!(
                        "of {} gespreksinhoud of metagegevens voor eigen doeleinden gebruikt (bijv. productontwikkeling, marketing, AI-training)",
                        "whether {} uses call content or metadata for its own purposes (e.g. product development, marketing, AI training)",
                        p.vendor
                    )),
                );
            }
        }
        items.push(self.gap_item(
            tr(
                "of gegevens uit de gesprekken verder worden verwerkt voor een ander doel dan waarvoor ze zijn verzameld (bijv. kwaliteitsbewaking, onderzoek, opleiding), en of dat verenigbaar of toelaatbaar is",
                "whether data from the calls are processed further for another purpose than the one they were collected for (e.g. quality control, research, training), and whether that is compatible or permitted",
            )
            .to_string(),
        ));
        self.section(
            "p13",
            Some(13),
            Some("B"),
            ("Doelbinding", "Purpose limitation"),
            (
                "Beoordeel, als persoonsgegevens voor een ander doel worden verwerkt dan waarvoor ze oorspronkelijk zijn verzameld, of die verdere verwerking toelaatbaar of verenigbaar is.",
                "Where personal data are processed for a purpose other than the one they were collected for, assess whether that further processing is permitted or compatible.",
            ),
            items,
        )
    }

    fn p14(&self) -> Section {
        let mut items = Vec::new();
        for (path, label, what) in [
            (
                ["processing", "purpose_justification"],
                tr("Waarom beeldbellen nodig is", "Why video calling is needed"),
                tr(
                    "waarom beeldbellen nodig is voor de doeleinden",
                    "why video calling is needed for the purposes",
                ),
            ),
            alternative_offered(),
            (
                ["conduct", "office_hours_only"],
                tr(
                    "Alleen op afspraak en binnen kantooruren",
                    "Only by appointment and during office hours",
                ),
                tr(
                    "of alleen op afspraak en binnen kantooruren wordt gebeeldbeld",
                    "whether video calls happen only by appointment and during office hours",
                ),
            ),
            (
                ["conduct", "justification_in_report"],
                tr(
                    "Rapport noemt waarom is gebeeldbeld",
                    "The report states why video was used",
                ),
                tr(
                    "of het rapport de keuze voor beeldbellen en de invloed ervan noemt",
                    "whether the report states the choice for video and its influence",
                ),
            ),
            (
                ["conduct", "evaluated_during_trajectory"],
                tr(
                    "Beeldbellen geëvalueerd tijdens het traject",
                    "Video calling evaluated during the trajectory",
                ),
                tr(
                    "of beeldbellen tijdens het traject wordt geëvalueerd",
                    "whether video calling is evaluated during the trajectory",
                ),
            ),
        ] {
            self.field(&mut items, label, &path, what);
        }
        items.push(self.gap_item(
            tr(
                "de afweging zelf: kunnen de doeleinden op een voor de betrokkenen minder nadelige manier worden bereikt (subsidiariteit), en staat de inbreuk in verhouding tot de doeleinden (proportionaliteit)?",
                "the assessment itself: can the purposes be achieved in a way less intrusive for the data subjects (subsidiarity), and is the intrusion proportionate to the purposes (proportionality)?",
            )
            .to_string(),
        ));
        self.section(
            "p14",
            Some(14),
            Some("B"),
            ("Noodzaak en evenredigheid", "Necessity and proportionality"),
            (
                "Beoordeel of de verwerkingen noodzakelijk en evenredig zijn voor de doeleinden: ga in op subsidiariteit en proportionaliteit.",
                "Assess whether the processing is necessary and proportionate for the purposes: address subsidiarity and proportionality.",
            ),
            items,
        )
    }

    fn p15(&self) -> Section {
        let mut items = Vec::new();
        for (path, label, what) in [
            (
                ["client_information", "privacy_notice_url"],
                tr("Privacyverklaring", "Privacy notice"),
                tr(
                    "waar de privacyverklaring staat",
                    "where the privacy notice is published",
                ),
            ),
            (
                ["client_information", "informed_before_call"],
                tr(
                    "Klant vooraf geïnformeerd over de verwerking",
                    "Client informed about the processing beforehand",
                ),
                tr(
                    "of klanten vooraf over de verwerking worden geïnformeerd",
                    "whether clients are informed about the processing beforehand",
                ),
            ),
            (
                ["client_information", "instructions_before_call"],
                tr(
                    "Klant krijgt vooraf instructies over het programma",
                    "Client gets instructions about the program beforehand",
                ),
                tr(
                    "of klanten vooraf instructies krijgen",
                    "whether clients get instructions beforehand",
                ),
            ),
            (
                ["conduct", "third_party_presence_explained"],
                tr(
                    "Aanwezigheid van een derde uitgelegd",
                    "Presence of a third person explained",
                ),
                tr(
                    "of de klant hoort waarom een derde aanwezig is",
                    "whether the client is told why a third person is present",
                ),
            ),
            (
                ["recording", "client_recordings_rules_published"],
                tr(
                    "Regels voor opnamen door klanten gepubliceerd",
                    "Rules for recordings by clients published",
                ),
                tr(
                    "of de regels voor opnamen door klanten zijn gepubliceerd",
                    "whether the rules for recordings by clients are published",
                ),
            ),
            (
                ["conduct", "report_checked_by_client"],
                tr(
                    "Klant controleert verslagen vóór ze definitief zijn (rectificatie en aanvulling)",
                    "Client checks reports before they are final (rectification)",
                ),
                tr(
                    "of klanten verslagen controleren vóór ze definitief zijn",
                    "whether clients check reports before they are final",
                ),
            ),
        ] {
            self.field(&mut items, label, &path, what);
        }
        items.push(self.gap_item(
            tr(
                "de procedures voor inzage, rectificatie, vergetelheid, beperking, overdraagbaarheid en bezwaar, en eventuele wettelijke beperkingen daarvan",
                "the procedures for access, rectification, erasure, restriction, portability and objection, and any statutory restrictions of these rights",
            )
            .to_string(),
        ));
        self.section(
            "p15",
            Some(15),
            Some("B"),
            ("Rechten van de betrokkenen", "Rights of the data subjects"),
            (
                "Beschrijf hoe invulling wordt gegeven aan de rechten van de betrokkenen; als rechten worden beperkt, op grond van welke wettelijke uitzondering.",
                "Describe how the rights of the data subjects are given effect; where rights are restricted, on which statutory exception.",
            ),
            items,
        )
    }

    /// The risks (fail, unknown, error, then waived outcomes), their measures and the accepted
    /// residual risks.
    fn risks(&self) -> (Vec<Risk>, Vec<Measure>, Vec<Accepted>) {
        let mut risks = Vec::new();
        let mut measures = Vec::new();
        let mut accepted = Vec::new();
        let outcomes = [State::Error, State::Fail, State::Unknown, State::Waived]
            .into_iter()
            .flat_map(|s| self.report.outcomes.iter().filter(move |o| o.state == s));
        for o in outcomes {
            let n = risks.len() + 1;
            let (id, mid) = (format!("R{n}"), format!("M{n}"));
            let subject_label = self.subject_label(&o.subject);
            let accepted_id = o.waiver.as_ref().map(|w| {
                let aid = format!("A{}", accepted.len() + 1);
                accepted.push(Accepted {
                    id: aid.clone(),
                    risk: id.clone(),
                    requirement: o.requirement.clone(),
                    title: o.title.clone(),
                    subject: o.subject.clone(),
                    subject_label: subject_label.clone(),
                    reason: w.reason.clone(),
                    approved_by: w.approved_by.clone(),
                    approved_on: w.approved_on.clone(),
                    expires: w.expires.clone(),
                    expired: w.expired,
                });
                aid
            });
            let (events, basis) = triad(o);
            let explain = self
                .inputs
                .policy
                .requirement(&o.requirement)
                .map(|r| r.explain.get().to_string())
                .unwrap_or_default();
            risks.push(Risk {
                id: id.clone(),
                requirement: o.requirement.clone(),
                title: o.title.clone(),
                subject: o.subject.clone(),
                subject_label: subject_label.clone(),
                state: o.state,
                underlying_state: o.underlying_state,
                severity: o.severity,
                advice: o.severity < self.fail_on && matches!(o.state, State::Fail | State::Unknown),
                explain,
                finding: o.message.clone(),
                missing: o.missing.clone(),
                references: o.references.clone(),
                line: o.line,
                evidence: o.evidence.clone(),
                inputs: o.inputs.clone(),
                events,
                events_from_policy: true,
                basis,
                waiver: o.waiver.clone(),
                measure: mid.clone(),
                accepted: accepted_id.clone(),
                gap: self.gap(crate::tr!(
                    "beoordeling van het voorstel voor {id}: kans, impact en risiconiveau met motivering",
                    "assessment of the proposal for {id}: likelihood, impact and risk level with reasons"
                )),
            });
            measures.push(Measure {
                id: mid.clone(),
                risk: id.clone(),
                requirement: o.requirement.clone(),
                title: o.title.clone(),
                subject: o.subject.clone(),
                subject_label,
                state: o.state,
                text: o.remediation.trim().to_string(),
                accepted: accepted_id,
                expired: o.waiver.as_ref().is_some_and(|w| w.expired),
                gap: self.gap(crate::tr!(
                    "wie de maatregel {mid} beheert, wanneer hij is uitgevoerd, en het restrisico daarna (laag, midden, hoog)",
                    "who owns measure {mid}, when it is carried out, and the residual risk afterwards (low, medium, high)"
                )),
            });
        }
        (risks, measures, accepted)
    }

    fn p16(&self, risks: Vec<Risk>) -> Section {
        let mut items = vec![self.tool(tr(
            "Elke eis die bij de toets niet voldaan, onbekend of een fout in het beleid was, staat hieronder als risico — ook een eis waarvoor de organisatie een afwijking aanvaardde. Per risico staan de drie gevolgen uit de PIA-methode van de CNIL (onrechtmatige toegang, ongewenste wijziging, verlies) met een voorgestelde kans en impact op de schaal van het model (laag, midden, hoog; risico = kans × impact). Dat voorstel is afgeleid uit de zwaarte van de eis: de organisatie beoordeelt het en motiveert haar eigen inschatting.",
            "Every requirement that failed, was unknown or hit a policy error in the check is listed below as a risk — including requirements for which the organisation accepted a waiver. Each risk lists the three feared events of the CNIL PIA method (illegitimate access, unwanted change, loss) with a proposed likelihood and impact on the model's scale (low, medium, high; risk = likelihood × impact). The proposal is derived from the requirement's severity: the organisation assesses it and gives reasons for its own estimate.",
        ))];
        if !self.org.deployments.is_empty() {
            for (d, p, e) in self.deployments() {
                if e.facts.contains_key("public_dpia")
                    || e.facts.contains_key("public_dpia_open_high_risk")
                {
                    items.push(self.dep_heading(d, p, e));
                    self.fact(
                        &mut items,
                        (p, e),
                        "public_dpia",
                        tr(
                            "Openbare DPIA over het platform",
                            "Public DPIA on the platform",
                        ),
                        None,
                    );
                    self.fact(
                        &mut items,
                        (p, e),
                        "public_dpia_open_high_risk",
                        tr(
                            "Nog open hoog risico in die DPIA",
                            "Open high risk left in that DPIA",
                        ),
                        None,
                    );
                }
            }
        }
        if risks.is_empty() {
            items.push(self.tool(tr(
                "De toets vond geen eisen die niet voldaan, onbekend of een fout waren.",
                "The check found no requirements that failed, were unknown or hit an error.",
            )));
        } else if items.len() > 1 {
            items.push(Item::Heading {
                text: tr("Risico's uit de toets", "Risks from the check").to_string(),
            });
        }
        items.extend(risks.into_iter().map(|r| Item::Risk(Box::new(r))));
        items.push(self.gap_item(
            tr(
                "risico's die de toets niet dekt (bijv. een verkeerde deelnemer in het gesprek, meekijkers of meeluisteraars bij de klant, een datalek bij de leverancier) en aanvullende informatie over de risico's",
                "risks the check does not cover (e.g. a wrong participant in the call, people watching or listening in at the client's end, a data breach at the vendor) and further information on the risks",
            )
            .to_string(),
        ));
        self.section(
            "p16",
            Some(16),
            Some("C"),
            ("Risico’s voor betrokkenen", "Risks for data subjects"),
            (
                "Beschrijf en beoordeel de risico's van de verwerkingen voor de rechten en vrijheden van betrokkenen: de negatieve gevolgen, hun oorsprong, de kans en de impact (laag, midden, hoog; risico = kans × impact).",
                "Describe and assess the risks of the processing for the rights and freedoms of the data subjects: the adverse effects, their origin, the likelihood and the impact (low, medium, high; risk = likelihood × impact).",
            ),
            items,
        )
    }

    fn p17(
        &self,
        measures: Vec<Measure>,
        accepted: Vec<Accepted>,
        confirmed: &[&Outcome],
    ) -> Section {
        let mut items = Vec::new();
        if !measures.is_empty() {
            items.push(Item::Heading {
                text: tr("Maatregelen per risico", "Measures per risk").to_string(),
            });
            items.push(self.tool(tr(
                "Per risico uit § 16 de maatregel die het beleid voorschrijft. Voor een aanvaarde afwijking staat de aanvaarding hieronder bij de restrisico's.",
                "For each risk of § 16, the measure the policy prescribes. For an accepted waiver, the acceptance is listed below with the residual risks.",
            )));
            items.extend(measures.into_iter().map(|m| Item::Measure(Box::new(m))));
        }
        if !confirmed.is_empty() {
            items.push(Item::Heading {
                text: tr(
                    "Maatregelen die de toets bevestigde",
                    "Measures the check confirmed",
                )
                .to_string(),
            });
            for o in confirmed {
                items.push(self.filled(
                    &format!("{} · {}", o.requirement, self.subject_label(&o.subject)),
                    vec![o.title.clone()],
                    Origin::Check {
                        requirement: o.requirement.clone(),
                        subject: o.subject.clone(),
                        state: o.state,
                    },
                ));
            }
        }
        items.push(Item::Heading {
            text: tr(
                "Onderbouwing acceptatie resterende risico's",
                "Justification for accepting the residual risks",
            )
            .to_string(),
        });
        if accepted.is_empty() {
            items.push(self.tool(tr(
                "Het organisatiebestand bevat geen afwijkingen ([[waivers]]) die op een uitkomst van de toets van toepassing zijn.",
                "The organisation file holds no waivers ([[waivers]]) that apply to an outcome of the check.",
            )));
        }
        items.extend(accepted.into_iter().map(|a| Item::Accepted(Box::new(a))));
        if self.node(&["dpia", "residual_high_risk"]).is_some() {
            self.field(
                &mut items,
                tr(
                    "Hoog restrisico volgens de eerdere DPIA",
                    "High residual risk according to the earlier DPIA",
                ),
                &["dpia", "residual_high_risk"],
                "",
            );
        }
        if self.node(&["dpia", "prior_consultation_on"]).is_some() {
            self.field(
                &mut items,
                tr(
                    "Voorafgaande raadpleging van de AP",
                    "Prior consultation of the AP",
                ),
                &["dpia", "prior_consultation_on"],
                "",
            );
        }
        items.push(self.gap_item(
            tr(
                "de conclusie over de restrisico's: zijn ze aanvaardbaar, en is een voorafgaande raadpleging van de Autoriteit Persoonsgegevens nodig (AVG art. 36)?",
                "the conclusion on the residual risks: are they acceptable, and is a prior consultation of the Dutch Data Protection Authority needed (GDPR art. 36)?",
            )
            .to_string(),
        ));
        self.section(
            "p17",
            Some(17),
            Some("D"),
            ("Maatregelen", "Measures"),
            (
                "Beschrijf welke technische, organisatorische en juridische maatregelen welk risico voorkomen of verminderen, het restrisico en het niveau ervan, en een conclusie: zijn de restrisico's aanvaardbaar, en is voorafgaande raadpleging van de AP nodig?",
                "Describe which technical, organisational and legal measures prevent or reduce which risk, the residual risk and its level, and a conclusion: are the residual risks acceptable, and is prior consultation of the AP needed?",
            ),
            items,
        )
    }

    fn adoption(&self) -> Section {
        let items = vec![self.gap_item(
            tr(
                "het advies van de FG over deze DPIA (als er een FG is), en de vaststelling en ondertekening door de verwerkingsverantwoordelijke (naam, functie, datum)",
                "the DPO's advice on this DPIA (if there is a DPO), and its adoption and signature by the controller (name, role, date)",
            )
            .to_string(),
        )];
        self.section(
            "adoption",
            None,
            None,
            ("Vaststelling en ondertekening", "Adoption and signature"),
            (
                "De verwerkingsverantwoordelijke stelt de DPIA vast en ondertekent haar, na het advies van de functionaris gegevensbescherming.",
                "The controller adopts and signs the DPIA, after the advice of the data protection officer.",
            ),
            items,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Files, Sink};
    use crate::engine::check::Settings;

    #[test]
    fn the_matrix_is_symmetric_and_monotone() {
        use Level::*;
        for a in [Low, Medium, High] {
            for b in [Low, Medium, High] {
                assert_eq!(a.times(b), b.times(a));
            }
        }
        assert_eq!(Low.times(Low), Low);
        assert_eq!(Low.times(Medium), Low);
        assert_eq!(Low.times(High), Medium);
        assert_eq!(Medium.times(Medium), Medium);
        assert_eq!(Medium.times(High), High);
        assert_eq!(High.times(High), High);
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 3);
    }

    /// The draft of each example, built from the embedded policy and catalogue.
    fn example(file: &str) -> Draft {
        let (mut files, mut sink) = (Files::default(), Sink::default());
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let settings = Settings {
            today,
            fail_on: Severity::Medium,
        };
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let checked =
            crate::engine::assemble::check_one(&inputs, &path, settings, &mut files, &mut sink)
                .expect("the example checks");
        build(&checked.org, &inputs, &checked.report, today)
    }

    #[test]
    fn every_section_has_content_or_a_gap_and_every_gap_is_listed() {
        for file in [
            "docs/examples/arbodienst.toml",
            "docs/examples/zelfstandige-whatsapp.toml",
            "docs/examples/reintegratie-onvolledig.toml",
        ] {
            let d = example(file);
            let numbers: Vec<u8> = d.sections.iter().filter_map(|s| s.number).collect();
            assert_eq!(numbers, (1..=17).collect::<Vec<u8>>(), "{file}");
            for s in &d.sections {
                assert!(
                    s.has_content() || !s.gaps().is_empty(),
                    "{file}: {} is silently empty",
                    s.label()
                );
            }
            let in_sections: Vec<&str> = d
                .sections
                .iter()
                .flat_map(|s| s.gaps())
                .map(|g| g.id.as_str())
                .collect();
            let listed: Vec<&str> = d.gaps.iter().map(|g| g.id.as_str()).collect();
            assert_eq!(in_sections, listed, "{file}");
            let expected: Vec<String> = (1..=listed.len()).map(|i| format!("G{i}")).collect();
            assert_eq!(listed, expected, "{file}: numbered in document order");
            assert!(d.gaps.iter().all(|g| !g.what.trim().is_empty()), "{file}");
        }
    }

    #[test]
    fn unknown_policies_get_the_whole_triad() {
        assert_eq!(events_for("MY-OWN-01"), [true, true, true]);
        assert_eq!(events_for("PLAT-VERSL-01"), [true, true, false]);
    }
}
