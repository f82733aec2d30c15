//! The text report for a terminal or a plain file: the verdict first, then per subject what
//! fails and what is unknown (with the remediation and the legal reference), passes summarised.

use std::fmt::Write;

use crate::i18n::tr;
use crate::model::catalogue::SourceRef;
use crate::render::common::{self, symbol, without_controls as clean};
use crate::results::{CatalogueInfo, OrgReport, Outcome, PolicyInfo, Report, State, Verdict};

/// Text styling: ANSI colour on a terminal, nothing otherwise.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(self, s: &str) -> String {
        self.paint("1", s)
    }
    fn state(self, state: State, s: &str) -> String {
        let code = match state {
            State::Fail | State::Error => "31",
            State::Unknown => "33",
            State::Pass => "32",
            State::Waived => "36",
            State::NotApplicable => "2",
        };
        self.paint(code, s)
    }
    fn verdict(self, v: Verdict) -> String {
        let code = match v {
            Verdict::Compliant => "1;32",
            Verdict::Incomplete => "1;33",
            Verdict::NonCompliant => "1;31",
        };
        self.paint(code, &v.label().to_uppercase())
    }
}

pub fn render(report: &Report, style: Style) -> String {
    match without_controls(report) {
        Some(clean) => render_clean(&clean, style),
        None => render_clean(report, style),
    }
}

/// The report with control characters in its strings (other than line breaks and tabs)
/// replaced by U+FFFD, so an input cannot move the cursor or recolour a terminal; `None` when
/// it has none.
fn without_controls(report: &Report) -> Option<Report> {
    fn clean(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => {
                let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
                if s.contains(bad) {
                    *s = s.replace(bad, "\u{FFFD}");
                    true
                } else {
                    false
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().fold(false, |acc, v| clean(v) | acc),
            serde_json::Value::Object(o) => o.values_mut().fold(false, |acc, v| clean(v) | acc),
            _ => false,
        }
    }
    let mut value = serde_json::to_value(report).ok()?;
    if clean(&mut value) {
        serde_json::from_value(value).ok()
    } else {
        None
    }
}

fn render_clean(report: &Report, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style.bold(&format!("{}:", tr("Oordeel", "Verdict"))),
        style.verdict(report.verdict)
    );
    let _ = writeln!(
        out,
        "{} {} {} · {} {} · {} {}",
        tr("Beleid", "Policy"),
        report.policy.id,
        report.policy.version,
        tr("datum", "date"),
        report.evaluated_on,
        tr("drempel", "threshold"),
        report.fail_on.label(),
    );
    if report.organisations.len() > 1 {
        render_summary(&mut out, report, style);
    }
    for org in &report.organisations {
        render_org(&mut out, org, report, style);
    }
    out.push('\n');
    let _ = writeln!(out, "{}", style.bold(tr("Herkomst", "Provenance")));
    let _ = writeln!(out, "  {}", policy_line(&report.policy));
    let _ = writeln!(out, "  {}", catalogue_line(&report.catalogue));
    for org in &report.organisations {
        let _ = writeln!(
            out,
            "  {} {}, sha256 {}",
            tr("bestand", "file"),
            org.file,
            org.sha256
        );
    }
    let _ = writeln!(
        out,
        "  beeldbel {} · {} {}",
        report.tool.version,
        tr("geëvalueerd op", "evaluated on"),
        report.evaluated_on
    );
    out.push('\n');
    let _ = writeln!(out, "{}", report.notice);
    out
}

/// The batch summary: one line per organisation with its verdict and counts.
fn render_summary(out: &mut String, report: &Report, style: Style) {
    let states = State::SUMMARY;
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        style.bold(&crate::tr!(
            "Samenvatting ({} organisaties)",
            "Summary ({} organisations)",
            report.organisations.len()
        ))
    );
    let width = [
        Verdict::Compliant,
        Verdict::Incomplete,
        Verdict::NonCompliant,
    ]
    .iter()
    .map(|v| v.label().chars().count())
    .max()
    .unwrap_or(0);
    let head: Vec<String> = states
        .iter()
        .map(|s| format!("{:>4}", symbol(*s)))
        .collect();
    let _ = writeln!(
        out,
        "  {:<width$} {}  {}",
        tr("oordeel", "verdict"),
        head.join(""),
        tr("organisatie (bestand)", "organisation (file)")
    );
    for org in &report.organisations {
        let counts: Vec<String> = states
            .iter()
            .map(|s| format!("{:>4}", org.counts.get(*s)))
            .collect();
        let label = format!("{:<width$}", org.verdict.label().to_uppercase());
        let verdict = match org.verdict {
            Verdict::Compliant => style.state(State::Pass, &label),
            Verdict::Incomplete => style.state(State::Unknown, &label),
            Verdict::NonCompliant => style.state(State::Fail, &label),
        };
        let _ = writeln!(
            out,
            "  {verdict} {}  {} ({})",
            counts.join(""),
            org.name.lines().collect::<Vec<_>>().join(" "),
            org.file
        );
    }
    let legend: Vec<String> = states
        .iter()
        .map(|s| format!("{} {}", symbol(*s), s.label()))
        .collect();
    let _ = writeln!(out, "  ({})", legend.join(", "));
}

fn render_org(out: &mut String, org: &OrgReport, report: &Report, style: Style) {
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("━━ {} ({})", org.name, org.file))
    );
    let c = &org.counts;
    let _ = writeln!(
        out,
        "{} {} — {} {}, {} {}, {} {}, {} {}, {} {}{}",
        tr("Oordeel:", "Verdict:"),
        style.verdict(org.verdict),
        c.fail,
        State::Fail.label(),
        c.unknown,
        State::Unknown.label(),
        c.waived,
        State::Waived.label(),
        c.pass,
        State::Pass.label(),
        c.not_applicable,
        State::NotApplicable.label(),
        if c.error > 0 {
            format!(", {} {}", c.error, State::Error.label())
        } else {
            String::new()
        }
    );
    let mut subjects: Vec<(String, String)> = org
        .deployments
        .iter()
        .map(|d| (d.id.clone(), d.heading()))
        .collect();
    subjects.push((
        "organisation".into(),
        tr("Organisatie", "Organisation").to_string(),
    ));
    for (id, heading) in subjects {
        let outcomes: Vec<&Outcome> = org.outcomes.iter().filter(|o| o.subject == id).collect();
        if outcomes.is_empty() {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "{}", style.bold(&format!("── {heading}")));
        for state in [State::Error, State::Fail, State::Unknown, State::Waived] {
            for o in outcomes.iter().filter(|o| o.state == state) {
                render_outcome(out, o, report, style);
            }
        }
        let passes = crate::results::ids_in(outcomes.iter().copied(), State::Pass);
        if !passes.is_empty() {
            let _ = writeln!(
                out,
                "  {} {} ({}): {}",
                style.state(State::Pass, symbol(State::Pass)),
                State::Pass.label(),
                passes.len(),
                passes.join(", ")
            );
        }
        let na = crate::results::ids_in(outcomes.iter().copied(), State::NotApplicable);
        if !na.is_empty() {
            let _ = writeln!(
                out,
                "  {} {} ({}): {}",
                symbol(State::NotApplicable),
                State::NotApplicable.label(),
                na.len(),
                na.join(", ")
            );
        }
    }
}

fn render_outcome(out: &mut String, o: &Outcome, report: &Report, style: Style) {
    let below = o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown);
    let _ = writeln!(
        out,
        "  {} {} [{}{}] {}",
        style.state(o.state, symbol(o.state)),
        style.bold(&o.requirement),
        o.severity.label(),
        if below {
            tr(", advies", ", advice")
        } else {
            ""
        },
        o.title
    );
    let _ = writeln!(out, "      {}", style.state(o.state, o.message.get()));
    if let Some(u) = o.underlying_state {
        let _ = writeln!(
            out,
            "      {} {}",
            tr("zonder afwijking:", "without the waiver:"),
            u.label()
        );
    }
    for e in &o.evidence {
        let _ = writeln!(
            out,
            "      {} {} = {} — {}{}",
            tr("feit:", "fact:"),
            e.attribute,
            e.value,
            source(e.source.as_deref()),
            stale(e.stale)
        );
    }
    for i in &o.inputs {
        let _ = writeln!(
            out,
            "      {} {} = {} ({} {})",
            tr("gegeven:", "input:"),
            i.field,
            i.value,
            tr("regel", "line"),
            i.line
        );
    }
    if o.state != State::Waived {
        let _ = writeln!(
            out,
            "      {} {}",
            tr("Wat te doen:", "What to do:"),
            o.remediation.get().trim()
        );
    }
    if !o.references.is_empty() {
        let _ = writeln!(
            out,
            "      {} {}",
            tr("Grondslag:", "Basis:"),
            o.references.join("; ")
        );
    }
}

/// The provenance line of the policy: its id, version, origin and SHA-256 (control characters
/// neutralised).
pub(crate) fn policy_line(p: &PolicyInfo) -> String {
    format!(
        "{} {} {} ({}), sha256 {}",
        tr("beleid", "policy"),
        clean(&p.id),
        clean(&p.version),
        clean(&p.origin),
        p.sha256
    )
}

/// The provenance line of the catalogue: its origin, SHA-256 and the oldest fact used.
pub(crate) fn catalogue_line(c: &CatalogueInfo) -> String {
    format!(
        "{} ({}), sha256 {}{}",
        tr("catalogus", "catalogue"),
        clean(&c.origin),
        c.sha256,
        common::oldest_fact(c.oldest_fact.as_deref())
    )
}

/// The source of a catalogue fact on one line: title, address and date checked.
pub(crate) fn source(s: Option<&SourceRef>) -> String {
    match s {
        Some(s) => format!(
            "{}: {} ({}, {} {})",
            tr("bron", "source"),
            s.title,
            s.url,
            tr("gecontroleerd", "checked"),
            s.checked
        ),
        None => tr("zonder bron", "unsourced").to_string(),
    }
}

/// What follows a stale fact.
pub(crate) fn stale(stale: bool) -> &'static str {
    if stale {
        tr(" — VEROUDERD", " — STALE")
    } else {
        ""
    }
}
