//! The text report for a terminal or a plain file: the verdict first (with the accepted
//! deviations it rests on), then per organisation what needs attention (fails, errors and
//! unknowns, with the remediation and the legal reference), the accepted deviations, and last an
//! overview of every state per subject.
//!
//! Everything is written straight to the output. Every piece of text goes through
//! [`common::write_clean`], which replaces control characters (escape sequences, bell) by
//! U+FFFD, so an input cannot move the cursor or recolour a terminal; only the colour codes of
//! [`Style`] are written around it.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

use crate::i18n::tr;
use crate::model::catalogue::SourceRef;
use crate::render::RenderError;
use crate::render::common::{
    self, json_without_controls, symbol, without_controls as clean, without_controls_cow,
};
use crate::render::stream::{Body, Context, End, OrgSummary, Sections, Seen};
use crate::results::{
    CatalogueInfo, Evidence, OrgReport, Outcome, PolicyInfo, Report, State, Verdict,
};

/// Text styling: ANSI colour on a terminal, nothing otherwise.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

/// The output with its style: text is written cleaned, colour codes around it as they are.
struct Out<'w> {
    w: &'w mut dyn Write,
    style: Style,
}

/// Writes formatted text, cleaned, into an [`Out`].
macro_rules! put {
    ($o:expr, $($arg:tt)*) => { $o.put(format_args!($($arg)*))? };
}

impl Out<'_> {
    fn put(&mut self, args: fmt::Arguments<'_>) -> io::Result<()> {
        common::write_clean(self.w, args)
    }
    fn paint(&mut self, code: &str, args: fmt::Arguments<'_>) -> io::Result<()> {
        if self.style.color {
            write!(self.w, "\x1b[{code}m")?;
        }
        self.put(args)?;
        if self.style.color {
            self.w.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }
    fn bold(&mut self, args: fmt::Arguments<'_>) -> io::Result<()> {
        self.paint("1", args)
    }
    fn state(&mut self, state: State, args: fmt::Arguments<'_>) -> io::Result<()> {
        let code = match state {
            State::Fail | State::Error => "31",
            State::Unknown => "33",
            State::Pass => "32",
            State::Waived => "36",
            State::NotApplicable => "2",
        };
        self.paint(code, args)
    }
    /// The verdict in upper case, then the accepted deviations it rests on
    /// ([`common::verdict_words`]); a pass that rests on them is not painted plain green.
    fn verdict(&mut self, v: Verdict, waived: usize, high: usize) -> io::Result<()> {
        let code = match v {
            Verdict::Compliant if common::rests_on_deviations(v, waived) => "1;36",
            Verdict::Compliant => "1;32",
            Verdict::Incomplete => "1;33",
            Verdict::NonCompliant => "1;31",
        };
        let label = v.label().to_uppercase();
        self.paint(
            code,
            format_args!("{}", common::verdict_words(&label, v, waived, high)),
        )
    }
}

/// The text report, written organisation by organisation.
pub struct TextReport {
    pub style: Style,
}

impl Sections for TextReport {
    fn org(
        &self,
        cx: &Context<'_>,
        _index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let o = &mut Out {
            w,
            style: self.style,
        };
        Ok(organisation(o, org, cx)?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let report = end.head;
        let o = &mut Out {
            w,
            style: self.style,
        };
        o.bold(format_args!("{}:", tr("Oordeel", "Verdict")))?;
        put!(o, " ");
        let (waived, high) = end.waived();
        o.verdict(report.verdict, waived, high)?;
        put!(o, "\n");
        put!(
            o,
            "{} {} {} · {} {} · {} {}\n",
            tr("Beleid", "Policy"),
            report.policy.id,
            report.policy.version,
            tr("datum", "date"),
            report.evaluated_on,
            tr("drempel", "threshold"),
            report.fail_on.label(),
        );
        if end.batch {
            summary(o, end.orgs)?;
        }
        body(o.w)?;
        put!(o, "\n");
        o.bold(format_args!("{}", tr("Herkomst", "Provenance")))?;
        put!(o, "\n");
        put!(o, "  {}\n", policy_line(&report.policy));
        put!(o, "  {}\n", catalogue_line(&report.catalogue));
        for line in remote_lines(&report.policy, &report.catalogue) {
            put!(o, "  {line}\n");
        }
        for org in end.orgs {
            put!(
                o,
                "  {} {}, sha256 {}\n",
                tr("bestand", "file"),
                org.file,
                org.sha256
            );
        }
        put!(
            o,
            "  beeldbel {} · {} {}\n",
            report.tool.version,
            tr("geëvalueerd op", "evaluated on"),
            report.evaluated_on
        );
        put!(o, "\n{}\n", report.notice);
        Ok(())
    }
}

/// Writes the text report of `report` into `w`.
pub fn write(report: &Report, style: Style, w: &mut dyn Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&TextReport { style }, report, w)
}

/// The batch summary: one line per organisation with its verdict and counts.
fn summary(o: &mut Out<'_>, orgs: &[OrgSummary]) -> io::Result<()> {
    let states = State::SUMMARY;
    put!(o, "\n");
    o.bold(format_args!(
        "{}",
        crate::tr!(
            "Samenvatting ({} organisaties)",
            "Summary ({} organisations)",
            orgs.len()
        )
    ))?;
    put!(o, "\n");
    let width = [
        Verdict::Compliant,
        Verdict::Incomplete,
        Verdict::NonCompliant,
    ]
    .iter()
    .map(|v| v.label().chars().count())
    .max()
    .unwrap_or(0);
    let head: String = states
        .iter()
        .map(|s| format!("{:>4}", symbol(*s)))
        .collect();
    put!(
        o,
        "  {:<width$} {head}  {}\n",
        tr("oordeel", "verdict"),
        tr("organisatie (bestand)", "organisation (file)")
    );
    for org in orgs {
        let counts: String = states
            .iter()
            .map(|s| format!("{:>4}", org.counts.get(*s)))
            .collect();
        let label = format!("{:<width$}", org.verdict.label().to_uppercase());
        let state = match org.verdict {
            Verdict::Compliant => State::Pass,
            Verdict::Incomplete => State::Unknown,
            Verdict::NonCompliant => State::Fail,
        };
        put!(o, "  ");
        o.state(state, format_args!("{label}"))?;
        // Cleaned before splitting: a carriage return is a control character, not a break.
        put!(
            o,
            " {counts}  {} ({})\n",
            clean(&org.name).lines().collect::<Vec<_>>().join(" "),
            org.file
        );
    }
    let legend: Vec<String> = states
        .iter()
        .map(|s| format!("{} {}", symbol(*s), s.label()))
        .collect();
    put!(o, "  ({})\n", legend.join(", "));
    Ok(())
}

/// One organisation: its verdict (in a batch) and counts, then what needs attention (fail,
/// error, unknown), the accepted deviations, and last the overview of every state per subject.
fn organisation(o: &mut Out<'_>, org: &OrgReport, cx: &Context<'_>) -> io::Result<()> {
    let report = cx.head;
    put!(o, "\n");
    o.bold(format_args!("━━ {} ({})", org.name, org.file))?;
    put!(o, "\n");
    let c = &org.counts;
    let counts = format!(
        "{} {}, {} {}, {} {}, {} {}, {} {}{}",
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
    if cx.batch {
        // In a batch each organisation has its own verdict; alone, the report's verdict is it.
        put!(o, "{} ", tr("Oordeel:", "Verdict:"));
        let (waived, high) = common::waived_counts(&org.outcomes);
        o.verdict(org.verdict, waived, high)?;
        put!(o, " — {counts}\n");
    } else {
        put!(o, "{} {counts}\n", tr("Uitkomsten:", "Outcomes:"));
    }
    let subjects = subjects(org);
    let attention = [State::Error, State::Fail, State::Unknown];
    put!(o, "\n");
    o.bold(format_args!("{}", tr(ATTENTION[0], ATTENTION[1])))?;
    put!(o, "\n");
    if !org.outcomes.iter().any(|x| attention.contains(&x.state)) {
        put!(o, "  ");
        o.state(State::Pass, format_args!("{}", symbol(State::Pass)))?;
        put!(
            o,
            " {}\n",
            tr(
                "Geen eisen die niet voldaan of onbekend zijn.",
                "No requirements that fail or are unknown."
            )
        );
    }
    details(o, &subjects, &attention, report)?;
    if c.waived > 0 {
        put!(o, "\n");
        o.bold(format_args!(
            "{}",
            tr("Aanvaarde afwijkingen", "Accepted deviations")
        ))?;
        put!(o, "\n");
        details(o, &subjects, &[State::Waived], report)?;
    }
    put!(o, "\n");
    o.bold(format_args!("{}", tr(OVERVIEW[0], OVERVIEW[1])))?;
    put!(o, "\n");
    for (heading, outcomes) in &subjects {
        o.bold(format_args!("── {heading}"))?;
        put!(o, "\n");
        for state in State::SUMMARY {
            let ids = crate::results::ids_in(outcomes.iter().copied(), state);
            if ids.is_empty() {
                continue;
            }
            put!(o, "  ");
            o.state(state, format_args!("{}", symbol(state)))?;
            put!(
                o,
                " {} ({}): {}\n",
                state.label(),
                ids.len(),
                ids.join(", ")
            );
        }
    }
    Ok(())
}

/// The headings of the text report's sections, Dutch and English: the findings come first
/// (tests/report_order.rs finds them by these words), the overview of every state last.
pub const ATTENTION: [&str; 2] = ["Wat aandacht vraagt", "What needs attention"];
pub const OVERVIEW: [&str; 2] = ["Overzicht per onderwerp", "Overview by subject"];

/// The subjects of an organisation with outcomes, in order (deployments in file order, then the
/// organisation), each with its heading and its outcomes (subjects compared as shown).
fn subjects(org: &OrgReport) -> Vec<(String, Vec<&Outcome>)> {
    let mut by_subject: HashMap<std::borrow::Cow<'_, str>, Vec<&Outcome>> = HashMap::new();
    for outcome in &org.outcomes {
        by_subject
            .entry(without_controls_cow(&outcome.subject))
            .or_default()
            .push(outcome);
    }
    let mut ids: Vec<(std::borrow::Cow<'_, str>, String)> = org
        .deployments
        .iter()
        .map(|d| (without_controls_cow(&d.id), d.heading()))
        .collect();
    ids.push((
        "organisation".into(),
        tr("Organisatie", "Organisation").to_string(),
    ));
    ids.into_iter()
        .filter_map(|(id, heading)| by_subject.remove(&id).map(|v| (heading, v)))
        .collect()
}

/// The outcomes in `states` (in that order) of each subject, under the subject's heading.
fn details(
    o: &mut Out<'_>,
    subjects: &[(String, Vec<&Outcome>)],
    states: &[State],
    report: &Report,
) -> io::Result<()> {
    for (heading, outcomes) in subjects {
        if !outcomes.iter().any(|x| states.contains(&x.state)) {
            continue;
        }
        o.bold(format_args!("── {heading}"))?;
        put!(o, "\n");
        for &state in states {
            for outcome in outcomes.iter().filter(|x| x.state == state) {
                self::outcome(o, outcome, report)?;
            }
        }
    }
    Ok(())
}

fn outcome(o: &mut Out<'_>, x: &Outcome, report: &Report) -> io::Result<()> {
    let below = x.severity < report.fail_on && matches!(x.state, State::Fail | State::Unknown);
    put!(o, "  ");
    o.state(x.state, format_args!("{}", symbol(x.state)))?;
    put!(o, " ");
    o.bold(format_args!("{}", x.requirement))?;
    put!(
        o,
        " [{}{}] {}\n",
        x.severity.label(),
        if below {
            tr(", advies", ", advice")
        } else {
            ""
        },
        x.title
    );
    put!(o, "      ");
    o.state(x.state, format_args!("{}", x.message.get()))?;
    put!(o, "\n");
    if let Some(u) = x.underlying_state {
        put!(
            o,
            "      {} {}\n",
            tr("zonder afwijking:", "without the waiver:"),
            u.label()
        );
    }
    if !x.because.is_empty() {
        put!(o, "      {}\n", common::because_heading(x));
        for b in &x.because {
            put!(o, "        ");
            o.state(b.state, format_args!("{}", symbol(b.state)))?;
            put!(o, " ");
            o.bold(format_args!("{}", b.requirement))?;
            put!(
                o,
                " [{}] {} — {}\n",
                b.severity.label(),
                b.title,
                b.state.label()
            );
            if !b.missing.is_empty() {
                put!(
                    o,
                    "            {} {}\n",
                    tr("ontbreekt:", "missing:"),
                    b.missing.join(", ")
                );
            }
            for e in &b.evidence {
                fact(o, "            ", e)?;
            }
        }
    }
    for e in &x.evidence {
        fact(o, "      ", e)?;
    }
    for i in &x.inputs {
        put!(
            o,
            "      {} {} = {} ({} {})\n",
            tr("gegeven:", "input:"),
            i.field,
            json_without_controls(&i.value),
            tr("regel", "line"),
            i.line
        );
    }
    if x.state != State::Waived {
        // Cleaned before trimming: a trailing control character is not white space to drop.
        put!(
            o,
            "      {} {}\n",
            tr("Wat te doen:", "What to do:"),
            clean(x.remediation.get()).trim()
        );
    }
    if !x.references.is_empty() {
        put!(
            o,
            "      {} {}\n",
            tr("Grondslag:", "Basis:"),
            x.references.join("; ")
        );
    }
    Ok(())
}

/// One catalogue fact an outcome read, on one line after `indent`.
fn fact(o: &mut Out<'_>, indent: &str, e: &Evidence) -> io::Result<()> {
    put!(
        o,
        "{indent}{} {} = {}\n",
        tr("feit:", "fact:"),
        e.attribute,
        fact_tail(e)
    );
    Ok(())
}

/// A fact after its attribute: `false — bron: … (…, gecontroleerd …) — uit de catalogus`, then
/// what it replaced and whether it is stale. The text, JUnit and SARIF reports write facts so.
pub(crate) fn fact_tail(e: &Evidence) -> String {
    let mut s = format!(
        "{} — {} — {}",
        json_without_controls(&e.value),
        source(e.source.as_deref()),
        common::origin_words(&e.origin)
    );
    if let Some(r) = &e.replaced {
        s.push_str(&format!("; {}", common::replaced_words(r)));
    }
    s.push_str(stale(e.stale));
    s
}

/// One provenance line per source fetched over HTTPS (policy, platform file, overlays): its
/// URL, SHA-256 and fetch date.
pub(crate) fn remote_lines(p: &PolicyInfo, c: &CatalogueInfo) -> Vec<String> {
    p.remote
        .iter()
        .chain(&c.remote)
        .map(|r| {
            format!(
                "{} {}, sha256 {}, {} {}",
                tr("opgehaald via HTTPS:", "fetched over HTTPS:"),
                clean(&r.url),
                r.sha256,
                tr("op", "on"),
                clean(&r.fetched_on)
            )
        })
        .collect()
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

/// The provenance line of the catalogue: its origin, SHA-256 and the oldest fact used; then a
/// line (indented as the caller indents) per overlay applied, with its SHA-256.
pub(crate) fn catalogue_line(c: &CatalogueInfo) -> String {
    let mut line = format!(
        "{} ({}), sha256 {}{}",
        tr("catalogus", "catalogue"),
        clean(&c.origin),
        c.sha256,
        common::oldest_fact(c.oldest_fact.as_deref())
    );
    for o in &c.overlays {
        line.push_str(&format!(
            "\n  {} {}, sha256 {}",
            tr("overlay (--facts)", "overlay (--facts)"),
            clean(&o.file),
            o.sha256
        ));
    }
    line
}

/// The source of a catalogue fact on one line: title, address and date checked.
pub(crate) fn source(s: Option<&SourceRef>) -> String {
    match s {
        Some(s) => format!(
            "{}: {} ({}, {} {})",
            tr("bron", "source"),
            s.title,
            s.locator(),
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
