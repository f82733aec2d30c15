//! The Markdown report (CommonMark with GFM tables): for a DPIA annex or a wiki page. The same
//! content and order as the text report: the verdict (with the accepted deviations it rests on),
//! a summary table for a batch, then per organisation what needs attention (with remediation and
//! sources), the accepted deviations, the matrix of requirements × subjects, and the provenance. Every string from an input is escaped, so it shows as text, never as
//! markup; inside table cells `|` is escaped and line breaks become `<br>`.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use super::common::{self, symbol};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::stream::{Body, Context, End, OrgSummary, Sections, Seen};
use crate::results::{Evidence, OrgReport, Outcome, Report, State};

/// The headings of the findings and of the matrix, Dutch and English (tests/report_order.rs
/// finds them by these words).
pub const ATTENTION: [&str; 2] = ["Wat aandacht vraagt", "What needs attention"];
pub const OVERVIEW: [&str; 2] = ["Overzicht", "Overview"];

/// The Markdown report, written organisation by organisation.
pub struct MarkdownReport;

impl Sections for MarkdownReport {
    fn org(
        &self,
        cx: &Context<'_>,
        _index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        Ok(organisation(w, org, cx)?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let report = end.head;
        let (waived, high) = end.waived();
        writeln!(
            out,
            "# {}: {}\n",
            tr("Rapport beeldbellen", "Video-calling report"),
            common::verdict_words(
                &report.verdict.label().to_uppercase(),
                report.verdict,
                waived,
                high
            )
        )?;
        writeln!(
            out,
            "{} {} {} · {} {} · {} {}\n",
            tr("Beleid", "Policy"),
            esc(&report.policy.id),
            esc(&report.policy.version),
            tr("datum", "date"),
            report.evaluated_on,
            tr("drempel", "threshold"),
            report.fail_on.label(),
        )?;
        if end.batch {
            summary(out, end.orgs)?;
        }
        body(out)?;
        provenance(out, report, end.orgs)?;
        writeln!(out, "---\n\n*{}*", esc(report.notice.get()))?;
        Ok(())
    }
}

/// Writes the Markdown report of `report` into `out`.
pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&MarkdownReport, report, out)
}

/// The batch summary: organisation × verdict × counts.
fn summary(out: &mut dyn Write, orgs: &[OrgSummary]) -> io::Result<()> {
    writeln!(out, "## {}\n", tr("Samenvatting", "Summary"))?;
    let mut head = vec![
        tr("Organisatie", "Organisation").to_string(),
        tr("Bestand", "File").to_string(),
        tr("Oordeel", "Verdict").to_string(),
    ];
    head.extend(State::SUMMARY.iter().map(|s| s.label().to_string()));
    write_row(out, &head)?;
    write_row(out, &vec!["---".to_string(); head.len()])?;
    for org in orgs {
        let mut cells = vec![
            cell(&org.name),
            format!("`{}`", code(&org.file)),
            org.verdict.label().to_string(),
        ];
        cells.extend(
            State::SUMMARY
                .iter()
                .map(|&s| org.counts.get(s).to_string()),
        );
        write_row(out, &cells)?;
    }
    out.write_all(b"\n")
}

fn organisation(out: &mut dyn Write, org: &OrgReport, cx: &Context<'_>) -> io::Result<()> {
    let report = cx.head;
    writeln!(out, "## {}\n", esc(&one_line(&org.name)))?;
    let counts: Vec<String> = State::SUMMARY
        .iter()
        .map(|&s| format!("{} {}", org.counts.get(s), s.label()))
        .collect();
    if cx.batch {
        // In a batch each organisation has its own verdict; alone, the title gives it.
        let (waived, high) = common::waived_counts(&org.outcomes);
        writeln!(
            out,
            "**{}: {}** — {}\n",
            tr("Oordeel", "Verdict"),
            common::verdict_words(
                &org.verdict.label().to_uppercase(),
                org.verdict,
                waived,
                high
            ),
            counts.join(", ")
        )?;
    } else {
        writeln!(
            out,
            "**{}** {}\n",
            tr("Uitkomsten:", "Outcomes:"),
            counts.join(", ")
        )?;
    }
    writeln!(out, "{}: `{}`\n", tr("Bestand", "File"), code(&org.file))?;

    // What needs doing first: fails, errors and unknowns, then the accepted deviations.
    let of = |states: &[State]| -> Vec<&Outcome> {
        states
            .iter()
            .flat_map(|&s| org.outcomes.iter().filter(move |o| o.state == s))
            .collect()
    };
    writeln!(out, "### {}\n", tr(ATTENTION[0], ATTENTION[1]))?;
    let attention = of(&[State::Error, State::Fail, State::Unknown]);
    if attention.is_empty() {
        writeln!(
            out,
            "{} {}\n",
            symbol(State::Pass),
            tr(
                "Geen eisen die niet voldaan of onbekend zijn.",
                "No requirements that fail or are unknown."
            )
        )?;
    }
    for o in attention {
        finding(out, o, org, report)?;
    }
    let waived = of(&[State::Waived]);
    if !waived.is_empty() {
        writeln!(
            out,
            "### {}\n",
            tr("Aanvaarde afwijkingen", "Accepted deviations")
        )?;
        for o in waived {
            finding(out, o, org, report)?;
        }
    }

    // The matrix: requirements × subjects.
    let mut subjects: Vec<(String, String)> = org
        .deployments
        .iter()
        .map(|d| (d.id.clone(), d.label()))
        .collect();
    subjects.push((
        "organisation".into(),
        tr("organisatie", "organisation").into(),
    ));
    // Each outcome by requirement and subject (the first, if one were doubled), found once.
    let mut cell_of: HashMap<(&str, &str), &Outcome> = HashMap::new();
    for o in &org.outcomes {
        cell_of
            .entry((o.requirement.as_str(), o.subject.as_str()))
            .or_insert(o);
    }
    let named: HashSet<&str> = org.outcomes.iter().map(|o| o.subject.as_str()).collect();
    subjects.retain(|(id, _)| named.contains(id.as_str()));
    writeln!(out, "### {}\n", tr(OVERVIEW[0], OVERVIEW[1]))?;
    let mut head = vec![
        tr("Eis", "Requirement").to_string(),
        tr("Titel", "Title").to_string(),
    ];
    head.extend(subjects.iter().map(|(_, label)| cell(label)));
    write_row(out, &head)?;
    write_row(out, &vec!["---".to_string(); head.len()])?;
    let mut requirements: Vec<(&str, &str)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for o in &org.outcomes {
        if seen.insert(&o.requirement) {
            requirements.push((&o.requirement, o.title.get()));
        }
    }
    for (id, title) in requirements {
        let mut cells = vec![format!("`{}`", code(id)), cell(title)];
        for (subject, _) in &subjects {
            let o = cell_of.get(&(id, subject.as_str()));
            cells.push(o.map_or("—".to_string(), |o| {
                format!("{} {}", symbol(o.state), o.state.label())
            }));
        }
        write_row(out, &cells)?;
    }
    out.write_all(b"\n")?;

    Ok(())
}

fn finding(out: &mut dyn Write, o: &Outcome, org: &OrgReport, report: &Report) -> io::Result<()> {
    let subject = if o.subject == "organisation" {
        tr("organisatie", "organisation").to_string()
    } else {
        format!("deployment {}", esc(&o.subject))
    };
    let below = o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown);
    writeln!(
        out,
        "#### {} {} `{}` — {} ({subject}; {}{})\n",
        symbol(o.state),
        o.state.label(),
        code(&o.requirement),
        esc(&one_line(o.title.get())),
        o.severity.label(),
        if below {
            tr(", advies", ", advice")
        } else {
            ""
        },
    )?;
    // The state is in the heading: the message only when it says more.
    let mut items: Vec<String> = common::finding(o)
        .map(|m| format!("{} {}", tr("Bevinding:", "Finding:"), esc(&one_line(m))))
        .into_iter()
        .collect();
    if let Some(u) = o.underlying_state {
        items.push(format!(
            "{} {}",
            tr("Zonder afwijking:", "Without the waiver:"),
            u.label()
        ));
    }
    if let Some(w) = &o.waiver {
        items.push(format!(
            "{} {} ({} {}, {} {}, {} {}{})",
            tr("Afwijking:", "Waiver:"),
            esc(&one_line(&w.reason)),
            tr("goedgekeurd door", "approved by"),
            esc(&w.approved_by),
            tr("op", "on"),
            w.approved_on,
            tr("geldig tot", "valid until"),
            w.expires,
            if w.expired {
                tr(" — VERLOPEN", " — EXPIRED")
            } else {
                ""
            }
        ));
    }
    if !o.missing.is_empty() {
        items.push(format!(
            "{} {}",
            tr("Ontbreekt:", "Missing:"),
            codes(&o.missing)
        ));
    }
    if !o.because.is_empty() {
        // A nested list: each platform requirement, its missing facts and its facts below it.
        let mut lines = vec![super::common::because_heading(o).to_string()];
        for b in &o.because {
            lines.push(format!(
                "  - {} `{}` {} — {} ({})",
                symbol(b.state),
                code(&b.requirement),
                esc(&one_line(b.title.get())),
                b.state.label(),
                b.severity.label()
            ));
            if !b.missing.is_empty() {
                lines.push(format!(
                    "    - {} {}",
                    tr("Ontbreekt:", "Missing:"),
                    codes(&b.missing)
                ));
            }
            for e in &b.evidence {
                lines.push(format!("    - {} {}", tr("Feit:", "Fact:"), fact(e)));
            }
        }
        items.push(lines.join("\n"));
    }
    for e in &o.evidence {
        items.push(format!("{} {}", tr("Feit:", "Fact:"), fact(e)));
    }
    for i in &o.inputs {
        items.push(format!(
            "{} `{}` = `{}` (`{}`, {} {})",
            tr("Gegeven:", "Input:"),
            code(&i.field),
            code(&i.value.to_string()),
            code(&org.file),
            tr("regel", "line"),
            i.line
        ));
    }
    if o.state != State::Waived {
        items.push(format!(
            "{} {}",
            tr("Wat te doen:", "What to do:"),
            esc(&one_line(o.remediation.get()))
        ));
    }
    if !o.references.is_empty() {
        let refs: Vec<String> = o.references.iter().map(|r| esc(r)).collect();
        items.push(format!(
            "{} {}",
            tr("Grondslag:", "Basis:"),
            refs.join("; ")
        ));
    }
    for i in items {
        writeln!(out, "- {i}")?;
    }
    out.write_all(b"\n")
}

fn provenance(out: &mut dyn Write, report: &Report, orgs: &[OrgSummary]) -> io::Result<()> {
    writeln!(out, "## {}\n", tr("Herkomst", "Provenance"))?;
    let (p, c) = (&report.policy, &report.catalogue);
    let mut lines = vec![
        policy_line(&p.id, &p.version, &p.origin, &p.sha256),
        catalogue_line(&c.origin, &c.sha256, c.oldest_fact.as_deref(), &c.overlays),
    ];
    lines.extend(remote_lines(p.remote.iter().chain(&c.remote)));
    for org in orgs {
        lines.push(format!(
            "{} `{}`, SHA-256 `{}`",
            tr("Bestand", "File"),
            code(&org.file),
            org.sha256
        ));
    }
    lines.push(format!(
        "{} {} · {} {} · {} {}",
        esc(&report.tool.name),
        esc(&report.tool.version),
        tr("geëvalueerd op", "evaluated on"),
        report.evaluated_on,
        tr("drempel", "threshold"),
        report.fail_on.label()
    ));
    for l in lines {
        writeln!(out, "- {l}")?;
    }
    out.write_all(b"\n")
}

/// One provenance line per source fetched over HTTPS (policy, platform file, overlays): its
/// URL, SHA-256 and fetch date.
pub(crate) fn remote_lines<'a>(
    sources: impl IntoIterator<Item = &'a crate::input::remote::RemoteSource>,
) -> Vec<String> {
    sources
        .into_iter()
        .map(|r| {
            format!(
                "{} <{}>, SHA-256 `{}`, {} {}",
                tr("Opgehaald via HTTPS:", "Fetched over HTTPS:"),
                link_target(&r.url),
                r.sha256,
                tr("op", "on"),
                esc(&r.fetched_on)
            )
        })
        .collect()
}

/// The provenance line of the policy: its id, version, origin and SHA-256.
pub(crate) fn policy_line(id: &str, version: &str, origin: &str, sha256: &str) -> String {
    format!(
        "{} `{}` {} ({}), SHA-256 `{}`",
        tr("Beleid", "Policy"),
        code(id),
        esc(version),
        esc(origin),
        sha256
    )
}

/// The provenance line of the catalogue: its origin, SHA-256 and the oldest fact used, and the
/// overlays applied (`--facts`), each with its SHA-256.
pub(crate) fn catalogue_line(
    origin: &str,
    sha256: &str,
    oldest_fact: Option<&str>,
    overlays: &[crate::model::catalogue::OverlayFile],
) -> String {
    let mut line = format!(
        "{} ({}), SHA-256 `{}`{}",
        tr("Catalogus", "Catalogue"),
        esc(origin),
        sha256,
        super::common::oldest_fact(oldest_fact)
    );
    if !overlays.is_empty() {
        let list: Vec<String> = overlays
            .iter()
            .map(|o| format!("`{}` (SHA-256 `{}`)", code(&o.file), o.sha256))
            .collect();
        line.push_str(&format!(
            "; {} {}",
            tr("met overlays (--facts):", "with overlays (--facts):"),
            list.join(", ")
        ));
    }
    line
}

/// A source as Markdown: its title linked to its `https://` address; a source of another kind
/// than a web page also by kind, reference and reviewer (without a link when it has no address).
pub(crate) fn source_ref(s: &crate::model::catalogue::SourceRef) -> String {
    let title = esc(&one_line(&s.title));
    match (s.link(), s.kind) {
        (Some(url), crate::model::catalogue::SourceKind::Web) => {
            format!("[{title}](<{}>)", link_target(url))
        }
        (Some(url), _) => format!(
            "[{title}](<{}>) ({})",
            link_target(url),
            esc(&one_line(&s.citation()))
        ),
        (None, _) => format!("{title} ({})", esc(&one_line(&s.locator()))),
    }
}

/// A catalogue fact: `` `attribute` = `value` ``, its source (a link) and whether it is stale.
pub(crate) fn fact(e: &Evidence) -> String {
    let source = match &e.source {
        Some(s) => format!(
            "{}: {}, {} {}",
            tr("bron", "source"),
            source_ref(s),
            tr("gecontroleerd", "checked"),
            s.checked
        ),
        None => tr("zonder bron", "unsourced").to_string(),
    };
    let replaced = e
        .replaced
        .as_ref()
        .map(|r| format!("; {}", esc(&one_line(&super::common::replaced_words(r)))))
        .unwrap_or_default();
    format!(
        "`{}` = `{}` — {source} — {}{replaced}{}",
        code(&e.attribute),
        code(&e.value.to_string()),
        esc(&one_line(&super::common::origin_words(&e.origin))),
        stale(e.stale)
    )
}

/// What follows a stale fact.
pub(crate) fn stale(stale: bool) -> &'static str {
    if stale {
        tr(" — **verouderd**", " — **stale**")
    } else {
        ""
    }
}

/// Ids or field names as code spans, separated by commas.
pub(crate) fn codes(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{}`", code(i)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One table row, written.
fn write_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

/// One table row.
pub(crate) fn row(out: &mut String, cells: &[String]) {
    out.push_str("| ");
    out.push_str(&cells.join(" | "));
    out.push_str(" |\n");
}

/// Input text inside a table cell: escaped, line breaks as `<br>`.
pub(crate) fn cell(s: &str) -> String {
    s.lines().map(esc).collect::<Vec<_>>().join("<br>")
}

/// Line breaks folded to spaces, for headings and list items.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes input text for CommonMark: every character that could start inline markup, an
/// entity or HTML gets a backslash, so the text shows as written (inside a table cell too: `\|`).
/// The text never starts a line (it follows a label, a heading mark or a cell border), so
/// line-start markers such as `-` or `1.` need no escape. `://` is broken up so that a URL in
/// an input never becomes a link.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~'
            | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    // A URL in an input must not turn into a link (GFM autolinks `https://…`).
    out.replace("://", "\\://")
}

/// Text inside a code span: backticks and line breaks cannot be escaped there, so they are
/// replaced (`'` and a space); `|` is escaped for table cells.
pub(crate) fn code(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '`' => "'".to_string(),
            '|' => "\\|".to_string(),
            '\n' | '\r' => " ".to_string(),
            c if c.is_control() => "\u{FFFD}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A URL as a CommonMark link destination in `<…>`: characters that would end it are
/// percent-encoded.
pub(crate) fn link_target(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            ' ' => "%20".to_string(),
            '\n' | '\r' => String::new(),
            c => c.to_string(),
        })
        .collect()
}
