//! JUnit XML: one test suite per organisation, one test case per requirement × subject.
//!
//! Written for the Jenkins xUnit schema (`tests/schemas/junit-10.xsd`), which GitLab, Jenkins,
//! Azure DevOps and the GitHub test-report actions all read. Mapping:
//!
//! | state          | test case                                        |
//! |----------------|--------------------------------------------------|
//! | pass           | a plain `<testcase>`                             |
//! | fail           | `<failure type="fail">`                          |
//! | unknown        | `<failure type="unknown">`                       |
//! | error          | `<error type="error">`                           |
//! | waived         | `<skipped message="afwijking aanvaard: …">`      |
//! | not_applicable | `<skipped message="niet van toepassing: …">`     |
//!
//! Every string is escaped by [`escape`], which also replaces the characters XML 1.0 forbids.
//! The schema has no `skipped` attribute on `<testsuites>`, so the total of skipped cases is only
//! on each `<testsuite>`.

use std::io::{self, Write};

use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::common::write_filtered;
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::{Evidence, OrgReport, Outcome, Report, State};

/// Writes the JUnit XML of `report` into `out`.
pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&JunitReport, report, out)
}

/// Stands in a suite's properties for the `catalogue.oldest_fact` property, which only the whole
/// batch tells: [`JunitReport::document`] puts the property (or nothing) in its place. Every
/// string from an input is escaped by [`attr`] or [`text`], which replace NUL, so the byte occurs
/// nowhere else.
const OLDEST_FACT: u8 = 0;

/// The JUnit report, written organisation by organisation: one test suite each.
pub struct JunitReport;

impl Sections for JunitReport {
    fn org(
        &self,
        cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        // The part may go straight into a file (a large organisation): written in pieces.
        let mut w = io::BufWriter::with_capacity(1 << 16, w);
        render_suite(&mut w, cx.head, org, index)?;
        Ok(w.flush()?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        out: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let report = end.head;
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
        let (mut tests, mut failures, mut errors) = (0, 0, 0);
        for org in end.orgs {
            let c = &org.counts;
            tests += State::SUMMARY.iter().map(|&s| c.get(s)).sum::<usize>();
            failures += c.fail + c.unknown;
            errors += c.error;
        }
        writeln!(
            out,
            "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"0\">",
            attr(&format!(
                "beeldbel {} {}",
                report.policy.id, report.policy.version
            ))
        )?;
        let oldest = match &report.catalogue.oldest_fact {
            Some(d) => property("catalogue.oldest_fact", d),
            None => String::new(),
        };
        body(&mut Splice {
            w: out,
            with: oldest.as_bytes(),
        })?;
        out.write_all(b"</testsuites>\n")?;
        Ok(())
    }
}

/// Writes through to `w`, with [`OLDEST_FACT`] replaced by `with`.
struct Splice<'a> {
    w: &'a mut dyn Write,
    with: &'a [u8],
}

impl Write for Splice<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(p) = rest.iter().position(|&b| b == OLDEST_FACT) {
            self.w.write_all(&rest[..p])?;
            self.w.write_all(self.with)?;
            rest = &rest[p + 1..];
        }
        self.w.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// One `<property>` line.
fn property(name: &str, value: &str) -> String {
    format!(
        "      <property name=\"{}\" value=\"{}\"/>\n",
        attr(name),
        attr(value)
    )
}

fn render_suite(
    out: &mut dyn Write,
    report: &Report,
    org: &OrgReport,
    index: usize,
) -> io::Result<()> {
    let c = &org.counts;
    writeln!(
        out,
        "  <testsuite name=\"{}\" id=\"{index}\" file=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"0\">",
        attr(&org.name),
        attr(&org.file),
        org.outcomes.len(),
        c.fail + c.unknown,
        c.error,
        c.waived + c.not_applicable,
    )?;
    out.write_all(b"    <properties>\n")?;
    let props: Vec<(&str, &str)> = vec![
        ("beeldbel.version", &report.tool.version),
        ("policy.id", &report.policy.id),
        ("policy.version", &report.policy.version),
        ("policy.sha256", &report.policy.sha256),
        ("policy.origin", &report.policy.origin),
        ("catalogue.sha256", &report.catalogue.sha256),
        ("catalogue.origin", &report.catalogue.origin),
    ];
    for (name, value) in props {
        out.write_all(property(name, value).as_bytes())?;
    }
    // The oldest fact of the whole report: known once every organisation is in.
    out.write_all(&[OLDEST_FACT])?;
    let mut props: Vec<(&str, &str)> = Vec::new();
    let overlays: Vec<String> = report
        .catalogue
        .overlays
        .iter()
        .map(|o| format!("{} {}", o.sha256, o.file))
        .collect();
    for o in &overlays {
        props.push(("catalogue.overlay", o));
    }
    // The sources fetched over HTTPS: "sha256 url fetched-on".
    let remote: Vec<String> = report
        .policy
        .remote
        .iter()
        .chain(&report.catalogue.remote)
        .map(|r| format!("{} {} {}", r.sha256, r.url, r.fetched_on))
        .collect();
    for r in &remote {
        props.push(("remote.source", r));
    }
    props.extend([
        ("organisation.file", org.file.as_str()),
        ("organisation.sha256", &org.sha256),
        ("organisation.verdict", verdict_str(org)),
        ("evaluated_on", &report.evaluated_on),
        ("fail_on", report.fail_on.as_str()),
        ("notice", report.notice.get()),
    ]);
    for (name, value) in props {
        out.write_all(property(name, value).as_bytes())?;
    }
    out.write_all(b"    </properties>\n")?;
    let classname = class_prefix(&org.file);
    for o in &org.outcomes {
        render_case(out, report, org, o, &classname)?;
    }
    out.write_all(b"  </testsuite>\n")
}

fn verdict_str(org: &OrgReport) -> &'static str {
    match org.verdict {
        crate::results::Verdict::Compliant => "compliant",
        crate::results::Verdict::Incomplete => "incomplete",
        crate::results::Verdict::NonCompliant => "non_compliant",
    }
}

fn render_case(
    out: &mut dyn Write,
    report: &Report,
    org: &OrgReport,
    o: &Outcome,
    classname: &str,
) -> io::Result<()> {
    let name = format!("{} [{}] {}", o.requirement, o.subject, o.title);
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{}\" time=\"0\"",
        attr(&name),
        attr(&format!("{classname}.{}", dotted(&o.subject)))
    );
    let (element, kind, message) = match o.state {
        State::Pass => {
            return writeln!(out, "{open}/>");
        }
        State::Fail => ("failure", "fail", o.message.get().to_string()),
        State::Unknown => ("failure", "unknown", o.message.get().to_string()),
        State::Error => ("error", "error", o.message.get().to_string()),
        State::NotApplicable => ("skipped", "not_applicable", o.message.get().to_string()),
        State::Waived => (
            "skipped",
            "waived",
            match &o.waiver {
                Some(w) => format!(
                    "{}: {} ({}, {} {})",
                    State::Waived.label(),
                    w.reason,
                    w.approved_by,
                    tr("geldig tot", "expires"),
                    w.expires
                ),
                None => o.message.get().to_string(),
            },
        ),
    };
    writeln!(out, "{open}>")?;
    write!(
        out,
        "      <{element} message=\"{}\" type=\"{kind}\">",
        attr(&message)
    )?;
    body(out, report, org, o)?;
    writeln!(out, "</{element}>")?;
    out.write_all(b"    </testcase>\n")
}

/// Writes one line of the body of a failure or skip, XML-escaped as text content.
macro_rules! body_line {
    ($b:expr, $($arg:tt)*) => {
        write_filtered($b, format_args!("{}\n", format_args!($($arg)*)), &text_piece)?
    };
}

/// What a reader of a CI log needs: what is wrong, what is missing, where, what to do, and on
/// which facts and rules it rests. Written escaped, as the text of the element.
fn body(b: &mut dyn Write, report: &Report, org: &OrgReport, o: &Outcome) -> io::Result<()> {
    body_line!(b, "{}", o.message);
    if !o.because.is_empty() {
        body_line!(b, "{}", super::common::because_heading(o));
        for r in &o.because {
            body_line!(
                b,
                "  {} {} {} — {} ({} {})",
                super::common::symbol(r.state),
                r.requirement,
                r.title,
                r.state.label(),
                tr("ernst", "severity"),
                r.severity.label()
            );
            if !r.missing.is_empty() {
                body_line!(
                    b,
                    "    {} {}",
                    tr("Ontbreekt:", "Missing:"),
                    r.missing.join(", ")
                );
            }
            for e in &r.evidence {
                fact(b, "    ", e)?;
            }
        }
    }
    if let Some(u) = o.underlying_state {
        body_line!(
            b,
            "{} {}",
            tr("Zonder afwijking:", "Without the waiver:"),
            u.label()
        );
    }
    if !o.missing.is_empty() {
        body_line!(
            b,
            "{} {}",
            tr("Ontbreekt:", "Missing:"),
            o.missing.join(", ")
        );
    }
    body_line!(
        b,
        "{} {}{} ({} {}{})",
        tr("Bestand:", "File:"),
        org.file,
        o.line.map(|l| format!(":{l}")).unwrap_or_default(),
        tr("ernst", "severity"),
        o.severity.label(),
        // Below the `--fail-on` threshold: advice that does not change the verdict.
        if o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown) {
            tr(", advies", ", advice")
        } else {
            ""
        }
    );
    if o.state != State::Waived && o.state != State::NotApplicable {
        body_line!(
            b,
            "{} {}",
            tr("Wat te doen:", "What to do:"),
            o.remediation.get().trim()
        );
    }
    if !o.references.is_empty() {
        body_line!(
            b,
            "{} {}",
            tr("Grondslag:", "Basis:"),
            o.references.join("; ")
        );
    }
    for e in &o.evidence {
        fact(b, "", e)?;
    }
    for i in &o.inputs {
        body_line!(
            b,
            "{} {} = {} ({} {})",
            tr("Gegeven:", "Input:"),
            i.field,
            i.value,
            tr("regel", "line"),
            i.line
        );
    }
    Ok(())
}

/// One catalogue fact on one line of the body, after `indent`.
fn fact(b: &mut dyn Write, indent: &str, e: &Evidence) -> io::Result<()> {
    body_line!(
        b,
        "{indent}{} {}/{}.{} = {}",
        tr("Feit:", "Fact:"),
        e.platform,
        e.edition,
        e.attribute,
        super::text::fact_tail(e)
    );
    Ok(())
}

/// A stable dotted class name from the file path: `docs/examples/a.toml` → `docs.examples.a`
/// (CI tools split a class name at its last dot into package and class).
fn class_prefix(file: &str) -> String {
    let path = file.replace('\\', "/");
    let path = path.strip_suffix(".toml").unwrap_or(&path);
    let parts: Vec<String> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(dotted)
        .collect();
    if parts.is_empty() {
        "organisation".into()
    } else {
        parts.join(".")
    }
}

/// One component of a dotted name: dots and whitespace become `_`.
fn dotted(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '.' || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Writes `s` escaped for XML 1.0 text content.
fn text_piece(s: &str, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(text(s).as_bytes())
}

/// Escapes `s` for XML 1.0 text content.
fn text(s: &str) -> String {
    super::common::xml_text(s)
}

/// Escapes `s` for an XML 1.0 attribute value in double quotes.
fn attr(s: &str) -> String {
    super::common::xml_attr(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            attr("a&b<c>d\"e'f\ng\th\ri"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g&#9;h&#13;i"
        );
        assert_eq!(
            text("x]]>y\n\u{0}\u{1b}\u{FFFE}z"),
            "x]]&gt;y\n\u{FFFD}\u{FFFD}\u{FFFD}z"
        );
    }

    #[test]
    fn class_names_are_dotted() {
        assert_eq!(class_prefix("docs/examples/a.toml"), "docs.examples.a");
        assert_eq!(class_prefix("./v2.1/my org.toml"), "v2_1.my_org");
        assert_eq!(class_prefix("/tmp/x.toml"), "tmp.x");
    }
}
