//! The list of `beeldbel channels` as one HTML page fit to publish as the register's list
//! (`templates/channels.html`): the list as data plus the values and words the page shows.
//! minijinja escapes every string; the page carries a Content-Security-Policy and no script.

use std::io::Write;

use serde::Serialize;

use super::{
    change_lines, condition_default, condition_required, conditions_heading, counts_line,
    empty_line, filter_line, overview_lines, shows_conditions, shows_measures, state_label, title,
};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::html::render_page;
use crate::results::State;
use crate::results::channels::{ChannelRating, ChannelsReport, Rating, Value};

const TEMPLATE: &str = include_str!("../templates/channels.html");

/// Writes the list as one HTML page: self-contained, no script, prints on A4.
pub fn write(list: &ChannelsReport, w: &mut dyn Write) -> Result<(), RenderError> {
    let page = Page {
        list: serde_json::to_value(list)?,
        t: Labels::new(list),
        counts_line: counts_line(list),
        filter_line: filter_line(list),
        empty_line: empty_line(list),
        overview: Rating::ALL
            .iter()
            .filter_map(|&r| overview_group(list, r))
            .collect(),
        changes: list.changes.as_ref().map(|c| {
            let c = change_lines(c);
            ChangesView {
                heading: c.heading,
                intro: c.intro,
                nothing: c.nothing,
                groups: c
                    .groups
                    .into_iter()
                    .map(|(heading, lines)| ChangeGroup { heading, lines })
                    .collect(),
            }
        }),
        ratings: Rating::ALL
            .iter()
            .map(|&r| RatingView {
                key: r.as_str(),
                label: r.label(),
                symbol: r.symbol(),
                count: list.counts.get(r),
                explain: rating_explanation(r),
            })
            .collect(),
        editions: list.editions.iter().map(edition_view).collect(),
    };
    let html = render_page("channels.html", TEMPLATE, &page)?;
    Ok(w.write_all(html.as_bytes())?)
}

/// What each rating means, for the legend.
fn rating_explanation(r: Rating) -> &'static str {
    match r {
        Rating::Acceptable => tr(
            "Alle eisen van ernst hoog of midden zijn voldaan met de instellingen waarmee de editie wordt geleverd.",
            "Every requirement of high or medium severity is met with the settings the edition ships with.",
        ),
        Rating::AcceptableWithConditions => tr(
            "Alle eisen zijn voldaan, maar alleen als de genoemde instellingen worden aangepast en de genoemde maatregelen genomen (de voorwaarden).",
            "Every requirement is met, but only once the settings listed are changed and the measures listed taken (the conditions).",
        ),
        Rating::Undetermined => tr(
            "Geen eis faalt, maar de catalogus mist feiten om te beoordelen of de editie voldoet; de ontbrekende feiten staan erbij.",
            "No requirement fails, but the catalogue lacks facts to decide whether the edition complies; the missing facts are listed.",
        ),
        Rating::NotAcceptable => tr(
            "Een eis van ernst hoog of midden faalt, ook met de meest beschermende instellingen, of de dienst is beëindigd; de redenen en feiten staan erbij.",
            "A requirement of high or medium severity fails even with the most protective settings, or the service is retired; the reasons and facts are listed.",
        ),
    }
}

/// The overview's editions of one rating.
fn overview_group(list: &ChannelsReport, r: Rating) -> Option<OverviewGroup> {
    let rows: Vec<OverviewRow> = list
        .editions
        .iter()
        .filter(|e| e.rating == r)
        .map(|e| OverviewRow {
            anchor: anchor(e),
            platform_name: e.platform_name.clone(),
            edition_name: e.edition_name.clone(),
            id: format!("{}/{}", e.platform, e.edition),
            lines: overview_lines(e),
        })
        .collect();
    (!rows.is_empty()).then(|| OverviewGroup {
        key: r.as_str(),
        label: r.label(),
        symbol: r.symbol(),
        rows,
    })
}

fn anchor(e: &ChannelRating) -> String {
    format!("{}-{}", slug(&e.platform), slug(&e.edition))
}

#[derive(Serialize)]
struct OverviewGroup {
    key: &'static str,
    label: &'static str,
    symbol: &'static str,
    rows: Vec<OverviewRow>,
}

#[derive(Serialize)]
struct OverviewRow {
    anchor: String,
    platform_name: String,
    edition_name: String,
    id: String,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct ChangesView {
    heading: &'static str,
    intro: String,
    nothing: Option<&'static str>,
    groups: Vec<ChangeGroup>,
}

#[derive(Serialize)]
struct ChangeGroup {
    heading: &'static str,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct Page {
    list: serde_json::Value,
    t: Labels,
    counts_line: String,
    filter_line: Option<String>,
    empty_line: Option<String>,
    overview: Vec<OverviewGroup>,
    changes: Option<ChangesView>,
    ratings: Vec<RatingView>,
    /// Per edition (same order as `list.editions`): the values as the page shows them.
    editions: Vec<EditionView>,
}

#[derive(Serialize)]
struct RatingView {
    key: &'static str,
    label: &'static str,
    symbol: &'static str,
    count: usize,
    explain: &'static str,
}

#[derive(Serialize)]
struct EditionView {
    anchor: String,
    label: &'static str,
    symbol: &'static str,
    show_conditions: bool,
    show_measures: bool,
    conditions_heading: &'static str,
    /// `conditions[k]`: the default and the required value as text.
    condition_values: Vec<[String; 2]>,
    /// `reasons[k].evidence[j].value` as text.
    reason_values: Vec<Vec<String>>,
    /// `reasons[k].settings[j].value` as text.
    reason_settings: Vec<Vec<String>>,
    /// `facts[k].value` as text.
    fact_values: Vec<String>,
    /// `settings[k]`: default and protective value as text.
    setting_values: Vec<[String; 2]>,
}

fn edition_view(e: &ChannelRating) -> EditionView {
    let opt = |v: Option<&Value>| v.map_or_else(|| "—".to_string(), Value::display);
    EditionView {
        anchor: anchor(e),
        label: e.rating.label(),
        symbol: e.rating.symbol(),
        show_conditions: shows_conditions(e),
        show_measures: shows_measures(e),
        conditions_heading: conditions_heading(e),
        condition_values: e
            .conditions
            .iter()
            .map(|c| [condition_default(c), condition_required(c)])
            .collect(),
        reason_values: e
            .reasons
            .iter()
            .map(|r| r.evidence.iter().map(|x| x.value.to_string()).collect())
            .collect(),
        reason_settings: e
            .reasons
            .iter()
            .map(|r| r.settings.iter().map(|x| x.value.to_string()).collect())
            .collect(),
        fact_values: e.facts.iter().map(|x| x.value.to_string()).collect(),
        setting_values: e
            .settings
            .iter()
            .map(|s| [opt(s.default.as_ref()), opt(s.protective.as_ref())])
            .collect(),
    }
}

/// An anchor from an id: lowercase letters, digits and `-` only.
fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The words of the page.
#[derive(Serialize)]
struct Labels {
    title: &'static str,
    kicker: &'static str,
    appendix: &'static str,
    or: &'static str,
    policy: &'static str,
    evaluated_on: &'static str,
    overview: &'static str,
    legend: &'static str,
    assumptions: &'static str,
    rating: &'static str,
    platform: &'static str,
    edition: &'static str,
    kind: &'static str,
    vendor: &'static str,
    why: &'static str,
    none: &'static str,
    reasons: &'static str,
    missing: &'static str,
    needed_for: &'static str,
    setting: &'static str,
    default: &'static str,
    required: &'static str,
    what_to_do: &'static str,
    requirements: &'static str,
    measures: &'static str,
    advice: &'static str,
    profile: &'static str,
    profile_note: &'static str,
    defaults: &'static str,
    protective: &'static str,
    from: &'static str,
    requirement: &'static str,
    severity: &'static str,
    facts: &'static str,
    source: &'static str,
    unsourced: &'static str,
    checked: &'static str,
    stale: &'static str,
    note: &'static str,
    provenance: &'static str,
    tool: &'static str,
    catalogue: &'static str,
    origin: &'static str,
    oldest_fact: &'static str,
    /// The overlays applied to the catalogue (`--facts`).
    overlays: &'static str,
    /// The sources fetched over HTTPS, and the words before each one's fetch date.
    remote: &'static str,
    fetched_on: &'static str,
    max_age: &'static str,
    days: &'static str,
    /// By `State::as_str`.
    state: std::collections::BTreeMap<&'static str, String>,
    /// By the serialised `Severity`.
    severity_label: std::collections::BTreeMap<&'static str, &'static str>,
}

impl Labels {
    fn new(list: &ChannelsReport) -> Labels {
        use crate::model::policy::Severity;
        Labels {
            title: title(list),
            appendix: tr(
                "Bijlage: onderbouwing per editie",
                "Appendix: the evidence per edition",
            ),
            or: tr("Of:", "Or:"),
            kicker: tr(
                "Lijst voor het register (Cahier 28 §4.4.2, §4.5)",
                "List for the register (Cahier 28 §4.4.2, §4.5)",
            ),
            policy: tr("Beleid", "Policy"),
            evaluated_on: tr("Datum", "Date"),
            overview: tr("Overzicht", "Overview"),
            legend: tr("Wat de beoordelingen betekenen", "What the ratings mean"),
            assumptions: tr("Aannames", "Assumptions"),
            rating: tr("Beoordeling", "Rating"),
            platform: tr("Platform", "Platform"),
            edition: tr("Editie", "Edition"),
            kind: tr("Soort", "Kind"),
            vendor: tr("Leverancier", "Vendor"),
            why: tr("Waarom", "Why"),
            none: tr(
                "Geen edities met deze beoordeling.",
                "No editions with this rating.",
            ),
            reasons: tr(
                "Niet voldaan, ook met de meest beschermende instellingen",
                "Not met, even with the most protective settings",
            ),
            missing: tr(
                "Ontbrekende feiten in de catalogus",
                "Facts missing from the catalogue",
            ),
            needed_for: tr("nodig voor", "needed for"),
            setting: tr("Instelling", "Setting"),
            default: tr("Standaard", "Default"),
            required: tr("Vereist", "Required"),
            what_to_do: tr("Wat te doen", "What to do"),
            requirements: tr("Eisen", "Requirements"),
            measures: tr(
                "Aangenomen maatregelen van de organisatie",
                "Organisation measures assumed",
            ),
            advice: tr(
                "Advies (lage ernst, telt niet mee voor de beoordeling)",
                "Advice (low severity, does not count for the rating)",
            ),
            profile: tr("Instellingen", "Settings"),
            profile_note: tr(
                "Standaard: zoals de editie wordt geleverd, voor zover de catalogus dat zegt (— = niet in de catalogus). Beschermend: de meest beschermende instelling die de editie biedt (— = niet af te leiden uit de catalogus).",
                "Default: as the edition ships, as far as the catalogue says (— = not in the catalogue). Protective: the most protective setting the edition supports (— = cannot be derived from the catalogue).",
            ),
            defaults: tr("standaard", "defaults"),
            protective: tr("beschermend", "protective"),
            from: tr("uit", "from"),
            requirement: tr("Eis", "Requirement"),
            severity: tr("Ernst", "Severity"),
            facts: tr("Feiten en bronnen", "Facts and sources"),
            source: tr("bron", "source"),
            unsourced: tr("zonder bron", "unsourced"),
            checked: tr("gecontroleerd", "checked"),
            stale: tr("VEROUDERD", "STALE"),
            note: tr("toelichting", "note"),
            provenance: tr("Herkomst", "Provenance"),
            tool: tr("Programma", "Tool"),
            catalogue: tr("Catalogus", "Catalogue"),
            origin: tr("herkomst", "origin"),
            oldest_fact: tr("oudste feit", "oldest fact"),
            overlays: tr("met overlays (--facts)", "with overlays (--facts)"),
            remote: tr("opgehaald via HTTPS", "fetched over HTTPS"),
            fetched_on: tr("opgehaald op", "fetched on"),
            max_age: tr("feiten verouderen na", "facts go stale after"),
            days: tr("dagen", "days"),
            state: State::SUMMARY
                .iter()
                .map(|&s| (s.as_str(), state_label(s)))
                .collect(),
            severity_label: [Severity::High, Severity::Medium, Severity::Low]
                .iter()
                .map(|&s| (s.as_str(), s.label()))
                .collect(),
        }
    }
}
