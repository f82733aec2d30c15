//! The list of `beeldbel channels` in every format: text for a terminal, JSON (the list as it
//! is), Markdown for a wiki or an annex, and HTML fit to publish as the register's list
//! (`templates/channels.html`). All render from [`ChannelsReport`], in its order.
//!
//! Every string from the catalogue or the policy is treated as text: control characters are
//! neutralised in text, Markdown escapes markup (`markdown::esc`), HTML is auto-escaped by
//! minijinja and the page is locked down by a Content-Security-Policy.

use std::fmt::Write;

use serde::Serialize;

use super::common::without_controls as clean;
use super::html::render_page;
use super::markdown::{cell, code, codes, esc, one_line, row};
use crate::engine::channels::{ChannelRating, ChannelsReport, Rating, Value};
use crate::i18n::tr;
use crate::results::{Evidence, State};

/// The output formats of `channels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

crate::choice!(Format { Text = "text", Json = "json", Markdown = "markdown", Html = "html" });

/// Writes the list in `format` into `w`.
pub fn write(
    list: &ChannelsReport,
    format: Format,
    w: &mut dyn std::io::Write,
) -> Result<(), crate::render::RenderError> {
    let text = match format {
        Format::Text => text(list),
        Format::Json => json(list),
        Format::Markdown => markdown(list),
        Format::Html => html(list)?,
    };
    Ok(w.write_all(text.as_bytes())?)
}

const TEMPLATE: &str = include_str!("templates/channels.html");

/// The list as JSON (pretty, with a final line break).
pub fn json(list: &ChannelsReport) -> String {
    serde_json::to_string_pretty(list).unwrap_or_default() + "\n"
}

fn title() -> &'static str {
    tr(
        "Kanalen voor beeldbellen: in beginsel acceptabele kanalen",
        "Channels for video calling: channels acceptable in principle",
    )
}

/// "6 edities: 1 acceptabel, …" over every evaluated edition.
fn counts_line(list: &ChannelsReport) -> String {
    let total: usize = Rating::ALL.iter().map(|&r| list.counts.get(r)).sum();
    let parts: Vec<String> = Rating::ALL
        .iter()
        .map(|&r| format!("{} {}", list.counts.get(r), r.label()))
        .collect();
    if total == 1 {
        crate::tr!(
            "1 editie beoordeeld: {}",
            "1 edition rated: {}",
            parts.join(", ")
        )
    } else {
        crate::tr!(
            "{total} edities beoordeeld: {}",
            "{total} editions rated: {}",
            parts.join(", ")
        )
    }
}

/// What `--only` left out, if anything.
fn filter_line(list: &ChannelsReport) -> Option<String> {
    let only = list.only?;
    let shown = list.editions.len();
    Some(match only {
        Rating::Acceptable => crate::tr!(
            "Alleen edities die acceptabel zijn ({shown}).",
            "Only editions rated acceptable ({shown})."
        ),
        _ => crate::tr!(
            "Alleen edities die acceptabel of acceptabel onder voorwaarden zijn ({shown}).",
            "Only editions rated acceptable or acceptable with conditions ({shown})."
        ),
    })
}

fn default_text(v: Option<&Value>) -> String {
    v.map_or_else(
        || tr("niet in de catalogus", "not in the catalogue").to_string(),
        Value::display,
    )
}

/// Whether an edition's conditions are listed: not for one that is not acceptable anyway.
fn shows_conditions(e: &ChannelRating) -> bool {
    !e.conditions.is_empty() && e.rating != Rating::NotAcceptable
}

/// Whether the organisation measures an edition's rating assumes are listed: not for one that
/// is not acceptable anyway.
fn shows_measures(e: &ChannelRating) -> bool {
    !e.measures.is_empty() && e.rating != Rating::NotAcceptable
}

fn state_label(s: State) -> String {
    format!("{} {}", super::common::symbol(s), s.label())
}

// ---------------------------------------------------------------------------------------------
// Text

pub fn text(list: &ChannelsReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", title());
    let _ = writeln!(
        out,
        "{} {} {} · {} {}",
        tr("Beleid", "Policy"),
        clean(&list.policy.id),
        clean(&list.policy.version),
        tr("datum", "date"),
        list.evaluated_on
    );
    let _ = writeln!(out, "{}", counts_line(list));
    if let Some(f) = filter_line(list) {
        let _ = writeln!(out, "{f}");
    }
    out.push('\n');

    // The table: one line per edition.
    let rows: Vec<[String; 4]> = list
        .editions
        .iter()
        .map(|e| {
            [
                format!("{} {}", e.rating.symbol(), e.rating.label()),
                clean(&format!("{}/{}", e.platform, e.edition)),
                clean(&e.edition_kind),
                clean(&format!("{} — {}", e.platform_name, e.edition_name)),
            ]
        })
        .collect();
    let head = [
        format!("  {}", tr("beoordeling", "rating")),
        tr("platform/editie", "platform/edition").to_string(),
        tr("soort", "kind").to_string(),
        tr("naam", "name").to_string(),
    ];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([head[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let line = |r: &[String; 4]| {
        format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )
        .trim_end()
        .to_string()
    };
    let _ = writeln!(out, "{}", line(&head));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    if list.editions.is_empty() {
        let _ = writeln!(
            out,
            "  ({})",
            tr(
                "geen edities met deze beoordeling",
                "no editions with this rating"
            )
        );
    }

    for e in &list.editions {
        text_edition(&mut out, e);
    }

    out.push('\n');
    let _ = writeln!(out, "{}", tr("Aannames", "Assumptions"));
    let _ = writeln!(out, "  {}", list.basis);
    out.push('\n');
    let _ = writeln!(out, "{}", tr("Herkomst", "Provenance"));
    let _ = writeln!(out, "  {}", super::text::policy_line(&list.policy));
    let _ = writeln!(out, "  {}", super::text::catalogue_line(&list.catalogue));
    let _ = writeln!(
        out,
        "  {} {} · {} {}",
        list.tool.name,
        list.tool.version,
        tr("geëvalueerd op", "evaluated on"),
        list.evaluated_on
    );
    out.push('\n');
    let _ = writeln!(out, "{}", list.notice);
    out
}

fn text_edition(out: &mut String, e: &ChannelRating) {
    out.push('\n');
    let _ = writeln!(
        out,
        "{} {} — {}: {}",
        e.rating.symbol(),
        e.rating.label().to_uppercase(),
        clean(&e.platform_name),
        clean(&e.edition_name)
    );
    let _ = writeln!(
        out,
        "  {}/{} · {} · {}",
        clean(&e.platform),
        clean(&e.edition),
        clean(&e.edition_kind),
        clean(&e.vendor)
    );
    let _ = writeln!(out, "  {} {}", tr("Waarom:", "Why:"), e.summary);

    if !e.reasons.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                "Niet voldaan, ook met de meest beschermende instellingen:",
                "Not met, even with the most protective settings:"
            )
        );
        for r in &e.reasons {
            let _ = writeln!(
                out,
                "    {} {} {} ({}): {}",
                super::common::symbol(r.state),
                r.requirement.as_deref().unwrap_or("status"),
                clean(&r.title),
                r.severity.label(),
                clean(&r.message)
            );
            for s in &r.settings {
                let _ = writeln!(
                    out,
                    "        {} {} = {}",
                    tr("instelling", "setting"),
                    s.setting,
                    clean(&s.value.to_string())
                );
            }
            for ev in &r.evidence {
                text_fact(out, ev, "        ");
            }
        }
    }
    if !e.missing_facts.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                "Ontbrekende feiten in de catalogus (de eisen erachter zijn onbekend):",
                "Facts missing from the catalogue (the requirements behind them are unknown):"
            )
        );
        for m in &e.missing_facts {
            let _ = writeln!(
                out,
                "    - {} ({})",
                clean(&m.attribute),
                m.requirements.join(", ")
            );
        }
    }
    if shows_conditions(e) {
        let heading = if e.rating == Rating::AcceptableWithConditions {
            tr(
                "Voorwaarden: pas deze instellingen aan",
                "Conditions: change these settings",
            )
        } else {
            tr(
                "Daarnaast aan te passen instellingen:",
                "Settings to change as well:",
            )
        };
        let _ = writeln!(out, "  {heading}");
        for c in &e.conditions {
            let _ = writeln!(
                out,
                "    - {}: {} {} → {} ({})",
                c.setting,
                tr("standaard", "default"),
                clean(&default_text(c.default.as_ref())),
                clean(&c.required.display()),
                c.requirements.join(", ")
            );
            let _ = writeln!(out, "        {}", c.instruction);
        }
    }
    if shows_measures(e) {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                "Aangenomen maatregelen van de organisatie:",
                "Organisation measures assumed:"
            )
        );
        for m in &e.measures {
            let _ = writeln!(out, "    - {}: {}", m.field, m.instruction);
        }
    }
    if !e.advice.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                "Advies (lage ernst, telt niet mee voor de beoordeling):",
                "Advice (low severity, does not count for the rating):"
            )
        );
        for a in &e.advice {
            let _ = writeln!(
                out,
                "    {} {} {}: {}",
                super::common::symbol(a.state),
                a.requirement,
                clean(&a.title),
                clean(&a.message)
            );
        }
    }
}

fn text_fact(out: &mut String, ev: &Evidence, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}{} = {}{}",
        clean(&ev.attribute),
        clean(&ev.value.to_string()),
        super::text::stale(ev.stale)
    );
    match &ev.source {
        Some(s) => {
            let _ = writeln!(
                out,
                "{indent}  {} {} — {} ({} {})",
                tr("bron:", "source:"),
                clean(&s.title),
                clean(&s.url),
                tr("gecontroleerd", "checked"),
                s.checked
            );
        }
        None => {
            let _ = writeln!(out, "{indent}  {}", tr("zonder bron", "unsourced"));
        }
    }
    if let Some(note) = &ev.note {
        let _ = writeln!(
            out,
            "{indent}  {} {}",
            tr("toelichting:", "note:"),
            clean(note)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown

pub fn markdown(list: &ChannelsReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", title());
    let _ = writeln!(
        out,
        "{} `{}` {} · {} {} · {}\n",
        tr("Beleid", "Policy"),
        code(&list.policy.id),
        esc(&list.policy.version),
        tr("datum", "date"),
        list.evaluated_on,
        counts_line(list)
    );
    if let Some(f) = filter_line(list) {
        let _ = writeln!(out, "{f}\n");
    }
    let _ = writeln!(out, "{}\n", esc(&list.basis));

    let _ = writeln!(out, "## {}\n", tr("Overzicht", "Overview"));
    let head = [
        tr("Beoordeling", "Rating"),
        tr("Platform", "Platform"),
        tr("Editie", "Edition"),
        tr("Soort", "Kind"),
        tr("Waarom", "Why"),
    ]
    .map(str::to_string);
    row(&mut out, &head);
    row(&mut out, &vec!["---".to_string(); head.len()]);
    for e in &list.editions {
        row(
            &mut out,
            &[
                format!("{} {}", e.rating.symbol(), e.rating.label()),
                cell(&e.platform_name),
                format!(
                    "{} (`{}/{}`)",
                    cell(&e.edition_name),
                    code(&e.platform),
                    code(&e.edition)
                ),
                cell(&e.edition_kind),
                cell(&e.summary),
            ],
        );
    }
    out.push('\n');

    for e in &list.editions {
        markdown_edition(&mut out, e);
    }

    let (p, c) = (&list.policy, &list.catalogue);
    let _ = writeln!(out, "## {}\n", tr("Herkomst", "Provenance"));
    let _ = writeln!(
        out,
        "- {}",
        super::markdown::policy_line(&p.id, &p.version, &p.origin, &p.sha256)
    );
    let _ = writeln!(
        out,
        "- {}",
        super::markdown::catalogue_line(&c.origin, &c.sha256, c.oldest_fact.as_deref())
    );
    let _ = writeln!(
        out,
        "- {} {} · {} {}\n",
        esc(&list.tool.name),
        esc(&list.tool.version),
        tr("geëvalueerd op", "evaluated on"),
        list.evaluated_on
    );
    let _ = writeln!(out, "---\n\n*{}*", esc(&list.notice));
    out
}

fn markdown_edition(out: &mut String, e: &ChannelRating) {
    let _ = writeln!(
        out,
        "## {} {} — {}\n",
        e.rating.symbol(),
        esc(&one_line(&e.platform_name)),
        esc(&one_line(&e.edition_name))
    );
    let _ = writeln!(
        out,
        "**{}: {}** — {}\n",
        tr("Beoordeling", "Rating"),
        e.rating.label().to_uppercase(),
        esc(&e.summary)
    );
    let _ = writeln!(
        out,
        "`{}/{}` · {} · {}\n",
        code(&e.platform),
        code(&e.edition),
        esc(&e.edition_kind),
        esc(&one_line(&e.vendor))
    );
    if !e.reasons.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            tr(
                "Niet voldaan, ook met de meest beschermende instellingen",
                "Not met, even with the most protective settings"
            )
        );
        for r in &e.reasons {
            let _ = writeln!(
                out,
                "- {} **`{}` {}** ({}): {}",
                super::common::symbol(r.state),
                code(r.requirement.as_deref().unwrap_or("status")),
                esc(&one_line(&r.title)),
                r.severity.label(),
                esc(&one_line(&r.message))
            );
            for s in &r.settings {
                let _ = writeln!(
                    out,
                    "  - {} `{}` = `{}`",
                    tr("Instelling:", "Setting:"),
                    code(&s.setting),
                    code(&s.value.to_string())
                );
            }
            for ev in &r.evidence {
                let _ = writeln!(out, "  - {}", markdown_fact(ev));
            }
        }
        out.push('\n');
    }
    if !e.missing_facts.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            tr(
                "Ontbrekende feiten in de catalogus",
                "Facts missing from the catalogue"
            )
        );
        for m in &e.missing_facts {
            let _ = writeln!(
                out,
                "- `{}` — {} {}",
                code(&m.attribute),
                tr("nodig voor", "needed for"),
                codes(&m.requirements)
            );
        }
        out.push('\n');
    }
    if shows_conditions(e) {
        let heading = if e.rating == Rating::AcceptableWithConditions {
            tr("Voorwaarden", "Conditions")
        } else {
            tr(
                "Daarnaast aan te passen instellingen",
                "Settings to change as well",
            )
        };
        let _ = writeln!(out, "### {heading}\n");
        let head = [
            tr("Instelling", "Setting"),
            tr("Standaard", "Default"),
            tr("Vereist", "Required"),
            tr("Wat te doen", "What to do"),
            tr("Eisen", "Requirements"),
        ]
        .map(str::to_string);
        row(out, &head);
        row(out, &vec!["---".to_string(); head.len()]);
        for c in &e.conditions {
            row(
                out,
                &[
                    format!("`{}`", code(&c.setting)),
                    match &c.default {
                        Some(v) => format!("`{}`", code(&v.display())),
                        None => default_text(None),
                    },
                    format!("`{}`", code(&c.required.display())),
                    cell(&c.instruction),
                    codes(&c.requirements),
                ],
            );
        }
        out.push('\n');
    }
    if shows_measures(e) {
        let _ = writeln!(
            out,
            "### {}\n",
            tr("Aangenomen maatregelen", "Measures assumed")
        );
        for m in &e.measures {
            let _ = writeln!(out, "- `{}`: {}", code(&m.field), esc(&m.instruction));
        }
        out.push('\n');
    }
    if !e.advice.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            tr(
                "Advies (lage ernst, telt niet mee)",
                "Advice (low severity, does not count)"
            )
        );
        for a in &e.advice {
            let _ = writeln!(
                out,
                "- {} `{}` {}: {}",
                state_label(a.state),
                code(&a.requirement),
                esc(&one_line(&a.title)),
                esc(&one_line(&a.message))
            );
        }
        out.push('\n');
    }
    if !e.facts.is_empty() {
        let _ = writeln!(
            out,
            "### {}\n",
            tr("Feiten en bronnen", "Facts and sources")
        );
        for ev in &e.facts {
            let _ = writeln!(out, "- {}", markdown_fact(ev));
        }
        out.push('\n');
    }
}

/// A catalogue fact with its note.
fn markdown_fact(ev: &Evidence) -> String {
    format!(
        "{}{}",
        super::markdown::fact(ev),
        ev.note
            .as_ref()
            .map(|n| format!(" — {} {}", tr("toelichting:", "note:"), esc(&one_line(n))))
            .unwrap_or_default()
    )
}

// ---------------------------------------------------------------------------------------------
// HTML

/// The HTML page: self-contained, no script, prints on A4.
pub fn html(list: &ChannelsReport) -> Result<String, crate::render::RenderError> {
    let page = Page {
        list: serde_json::to_value(list)?,
        t: Labels::new(),
        counts_line: counts_line(list),
        filter_line: filter_line(list),
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
    render_page("channels.html", TEMPLATE, &page)
}

/// What each rating means, for the legend.
fn rating_explanation(r: Rating) -> &'static str {
    match r {
        Rating::Acceptable => tr(
            "Alle eisen van ernst hoog of midden zijn voldaan met de instellingen waarmee de editie wordt geleverd.",
            "Every requirement of high or medium severity is met with the settings the edition ships with.",
        ),
        Rating::AcceptableWithConditions => tr(
            "Alle eisen zijn voldaan, maar alleen als de genoemde instellingen worden aangepast (de voorwaarden).",
            "Every requirement is met, but only once the settings listed are changed (the conditions).",
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

#[derive(Serialize)]
struct Page {
    list: serde_json::Value,
    t: Labels,
    counts_line: String,
    filter_line: Option<String>,
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
        anchor: format!("{}-{}", slug(&e.platform), slug(&e.edition)),
        label: e.rating.label(),
        symbol: e.rating.symbol(),
        show_conditions: shows_conditions(e),
        show_measures: shows_measures(e),
        conditions_heading: if e.rating == Rating::AcceptableWithConditions {
            tr(
                "Voorwaarden: pas deze instellingen aan",
                "Conditions: change these settings",
            )
        } else {
            tr(
                "Daarnaast aan te passen instellingen",
                "Settings to change as well",
            )
        },
        condition_values: e
            .conditions
            .iter()
            .map(|c| [default_text(c.default.as_ref()), c.required.display()])
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
    max_age: &'static str,
    days: &'static str,
    /// By `State::as_str`.
    state: std::collections::BTreeMap<&'static str, String>,
    /// By the serialised `Severity`.
    severity_label: std::collections::BTreeMap<&'static str, &'static str>,
}

impl Labels {
    fn new() -> Labels {
        use crate::model::policy::Severity;
        Labels {
            title: title(),
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
