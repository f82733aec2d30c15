//! The HTML report: one self-contained page a manager opens and prints.
//!
//! The page is rendered by minijinja from `templates/report.html`. The template name ends in
//! `.html`, so every value printed is HTML-escaped; nothing from the input is ever marked safe.
//! The page loads nothing (a Content-Security-Policy forbids it) and uses no JavaScript.
//!
//! The page is written in pieces, each a macro of the template, straight to the output: the head
//! (with the summary table of a batch), one organisation at a time, then the provenance and the
//! footer. Only one organisation's values exist at a time, so a batch of thousands costs the
//! memory of one organisation, not of the whole page.
//!
//! The template gets these values:
//! - `report`: the report as its JSON form (the same field names as `--format json`), without
//!   the organisations' outcomes: per organisation its name, file, SHA-256, verdict, counts and
//!   the `anchor` of its section;
//! - `t`: the words of the page in the language of this run (`tr`);
//! - per organisation (macro `organisation`), `org`: that organisation as in the JSON report,
//!   and `v`: what is awkward to work out in a template (the matrix, the stacked bar and the
//!   grouping of the details). These views refer to outcomes by their index in `org.outcomes`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use minijinja::syntax::SyntaxConfig;
use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

use crate::i18n::{Lang, Text, tr};
use crate::model::policy::Severity;
use crate::render::RenderError;
use crate::render::common::{self, without_controls_cow};
use crate::render::stream::End;
use crate::results::{
    Because, CatalogueInfo, Counts, OrgReport, Outcome, PolicyInfo, Report, State, Tool, Verdict,
};

mod filters;
mod labels;
mod report;

pub use report::HtmlReport;

use labels::Labels;

const TEMPLATE: &str = include_str!("../templates/report.html");

/// The states in the order the page lists them (as the text summary): what needs doing first.
const ORDER: [State; 6] = State::SUMMARY;

/// The subject id of organisation-scope outcomes.
const ORGANISATION: &str = "organisation";

/// Writes the HTML report of `report` into `w`, one organisation at a time.
pub fn write(report: &Report, w: &mut dyn Write) -> Result<(), RenderError> {
    crate::render::stream::write_report(&HtmlReport::default(), report, w)
}

/// Renders the organisation at `index` a piece at a time (its head, each row of the matrix,
/// each subject's details) and hands each piece to `emit`. Only one piece's template values
/// exist at a time.
fn organisation(
    state: &mut minijinja::State<'_, '_>,
    index: usize,
    org: &OrgReport,
    report: &Report,
    emit: &mut dyn FnMut(String) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    let v = org_view(index, org, report);
    let mut call = |name: &str, args: &[Value]| -> Result<(), RenderError> {
        emit(state.call_macro(name, args)?)
    };
    let (waived, high) = common::waived_counts(&org.outcomes);
    let head = OrgHead {
        name: &org.name,
        file: &org.file,
        verdict: org.verdict,
        deviations: deviations(org.verdict, waived, high),
    };
    let view = ViewHead {
        anchor: &v.anchor,
        counts: &v.counts,
        bar: &v.bar,
    };
    call("org_head", &[value(&head)?, value(&view)?])?;
    // What to fix first: fails, errors and unknowns, then the accepted deviations; the matrix
    // and the passes after them.
    call("attention_head", &[Value::from(!v.attention.is_empty())])?;
    let file = value(&org.file)?;
    for g in &v.attention {
        call("group", &[file.clone(), value(g)?])?;
    }
    if !v.waived.is_empty() {
        call("waived_head", &[])?;
        for g in &v.waived {
            call("group", &[file.clone(), value(g)?])?;
        }
    }
    drop(file);
    let subjects = value(&v.subjects)?;
    call("matrix_head", std::slice::from_ref(&subjects))?;
    for r in &v.rows {
        call("matrix_row", &[value(r)?, subjects.clone()])?;
    }
    drop(subjects);
    call("matrix_end", &[])?;
    if !v.rest.is_empty() {
        call("rest_head", &[])?;
        for g in &v.rest {
            call("rest", &[value(g)?])?;
        }
    }
    call("org_end", &[])
}

/// A value for a template: its JSON form, through [`to_value`].
pub(crate) fn value(v: &impl Serialize) -> Result<Value, RenderError> {
    Ok(to_value(serde_json::to_value(v)?))
}

/// What the head of an organisation's section shows of it (field names as in the JSON report).
#[derive(Serialize)]
struct OrgHead<'a> {
    name: &'a str,
    file: &'a str,
    verdict: Verdict,
    /// What follows the verdict word: the accepted deviations it rests on.
    deviations: String,
}

/// What follows a verdict's word on the page: `, met 2 aanvaarde afwijkingen (waarvan 1 van
/// hoge ernst)` when the verdict rests on them ([`common::verdict_words`]), else nothing.
fn deviations(verdict: Verdict, waived: usize, high: usize) -> String {
    common::verdict_words("", verdict, waived, high)
}

/// The part of [`OrgView`] the head of an organisation's section shows.
#[derive(Serialize)]
struct ViewHead<'a> {
    anchor: &'a str,
    counts: &'a [CountView],
    bar: &'a [Segment],
}

/// What the pages share (macros), imported by each as `page.html`.
const PARTS: &str = include_str!("../templates/page.html");

/// The environment of one page: the template `source` named `name`, and `page.html` beside it.
/// A misspelt name in a template is an error, not an empty string.
pub(crate) fn environment<'s>(
    name: &'s str,
    source: &'s str,
) -> Result<Environment<'s>, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // Block tags on lines of their own leave no blank lines behind.
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()?;
    env.set_syntax(syntax);
    env.add_filter("local", filters::local);
    env.add_filter("citation", filters::citation);
    env.add_filter("origin", filters::origin);
    env.add_filter("replaced", filters::replaced);
    for (n, s) in [("page.html", PARTS), (name, source)] {
        env.add_template(n, s)?;
    }
    Ok(env)
}

/// Renders one page: the template `source` named `name` with the values of `page` (its JSON
/// form, through [`to_value`]), ending in a line break. The name ends in `.html`, so every value
/// printed is HTML-escaped.
pub(crate) fn render_page(
    name: &str,
    source: &str,
    page: &impl Serialize,
) -> Result<String, RenderError> {
    let env = environment(name, source)?;
    let ctx = to_value(serde_json::to_value(page)?);
    let mut html = env.get_template(name).and_then(|t| t.render(ctx))?;
    html.push('\n');
    Ok(html)
}

/// What the template gets once.
#[derive(Serialize)]
struct Page<'a> {
    report: Head<'a>,
    /// The language the report's `{nl, en}` texts are shown in.
    lang: Lang,
    t: Labels,
    /// More than one organisation: a summary table first.
    batch: bool,
    /// The count columns of the summary table: `error` only if some organisation has one.
    states: Vec<&'static str>,
}

/// The report without the organisations' outcomes: what the head, the summary table and the
/// provenance show. Field names as in the JSON report.
#[derive(Serialize)]
struct Head<'a> {
    tool: &'a Tool,
    evaluated_on: &'a str,
    lang: Lang,
    fail_on: Severity,
    policy: &'a PolicyInfo,
    catalogue: &'a CatalogueInfo,
    verdict: Verdict,
    organisations: Vec<Summary<'a>>,
    notice: &'a Text,
    /// Accepted waivers in the whole report, and how many of them are of high severity: said
    /// under the verdict, so that "voldoet" never hides them.
    waived: usize,
    waived_high: usize,
    /// What follows the verdict word in the banner (see [`deviations`]); when it is empty and
    /// `waived` is not, the banner says the count on a line of its own.
    deviations: String,
    /// Under the verdict when there are accepted waivers: that the verdict rests on risks the
    /// organisation accepted, or (a verdict that fails anyway) how many there are.
    waivers_note: String,
}

/// One organisation in the summary table and the provenance.
#[derive(Serialize)]
struct Summary<'a> {
    name: &'a str,
    file: &'a str,
    sha256: &'a str,
    verdict: Verdict,
    counts: &'a Counts,
    /// The `id` of the organisation's section.
    anchor: String,
}

impl<'a> Head<'a> {
    fn of(end: &'a End<'_>) -> Head<'a> {
        let report = end.head;
        let (waived, waived_high) = end.waived();
        Head {
            tool: &report.tool,
            evaluated_on: &report.evaluated_on,
            lang: report.lang,
            fail_on: report.fail_on,
            policy: &report.policy,
            catalogue: &report.catalogue,
            verdict: report.verdict,
            organisations: end
                .orgs
                .iter()
                .enumerate()
                .map(|(i, o)| Summary {
                    name: &o.name,
                    file: &o.file,
                    sha256: &o.sha256,
                    verdict: o.verdict,
                    counts: &o.counts,
                    anchor: anchor(i),
                })
                .collect(),
            notice: &report.notice,
            waived,
            waived_high,
            deviations: deviations(report.verdict, waived, waived_high),
            waivers_note: waivers_note(report.verdict, waived, waived_high),
        }
    }
}

/// The line under the verdict in the banner when waivers were accepted (see [`Head`]).
fn waivers_note(verdict: Verdict, waived: usize, high: usize) -> String {
    if waived == 0 {
        String::new()
    } else if common::rests_on_deviations(verdict, waived) {
        tr(
            "het oordeel rust op risico's die de organisatie heeft aanvaard; zie „Aanvaarde afwijkingen”",
            "the verdict rests on risks the organisation accepted; see “Accepted deviations”",
        )
        .to_string()
    } else {
        let high = common::high_deviations(high);
        let mut note = common::accepted_deviations(waived);
        if !high.is_empty() {
            note.push_str(&format!(" ({high})"));
        }
        let mut chars = note.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// The `id` of the section of the organisation at `index` (from its position, never its name).
fn anchor(index: usize) -> String {
    format!("org-{}", index + 1)
}

/// minijinja (without its `serde` feature) takes its values from this bridge: the report's JSON
/// form, converted value by value (strings and keys moved, not copied), with control characters
/// in strings neutralised.
pub(crate) fn to_value(v: serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::from(()),
        serde_json::Value::Bool(b) => Value::from(b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                Value::from(n.as_f64().unwrap_or_default())
            }
        }
        serde_json::Value::String(s) => match without_controls_cow(&s) {
            Cow::Borrowed(_) => Value::from(s),
            Cow::Owned(clean) => Value::from(clean),
        },
        serde_json::Value::Array(a) => Value::from(a.into_iter().map(to_value).collect::<Vec<_>>()),
        serde_json::Value::Object(m) => Value::from(
            m.into_iter()
                .map(|(k, v)| (k, to_value(v)))
                .collect::<BTreeMap<String, Value>>(),
        ),
    }
}

/// One organisation, worked out for the page.
#[derive(Serialize)]
struct OrgView<'a> {
    /// The `id` of the organisation's section (from its position, never from its name).
    anchor: String,
    /// Counts per state, in page order.
    counts: Vec<CountView>,
    bar: Vec<Segment>,
    subjects: Vec<Subject>,
    rows: Vec<Row>,
    /// Fail, error and unknown outcomes, per subject.
    attention: Vec<Group<'a>>,
    /// Waived outcomes, per subject.
    waived: Vec<Group<'a>>,
    /// Passes and not-applicable outcomes, per subject.
    rest: Vec<Rest<'a>>,
}

#[derive(Serialize)]
struct CountView {
    state: &'static str,
    count: usize,
}

/// One part of the stacked bar, in a 1000-wide box.
#[derive(Serialize)]
struct Segment {
    state: &'static str,
    count: usize,
    x: usize,
    width: usize,
    /// Wide enough for the symbol and the count inside.
    labelled: bool,
}

/// A column of the matrix: a deployment or the organisation.
#[derive(Serialize)]
struct Subject {
    id: String,
    /// The column header.
    name: String,
    /// Platform and edition of a deployment.
    detail: Option<String>,
    /// The heading over the subject's outcomes in the details.
    heading: String,
}

/// A row of the matrix: one requirement, with a cell per subject.
#[derive(Serialize)]
struct Row {
    requirement: String,
    title: String,
    cells: Vec<Option<Cell>>,
}

#[derive(Serialize)]
struct Cell {
    state: &'static str,
    /// The outcome's details on this page, if it has any beyond the summary.
    anchor: Option<String>,
}

#[derive(Serialize)]
struct Group<'a> {
    heading: String,
    items: Vec<Item<'a>>,
}

/// One outcome in the details.
#[derive(Serialize)]
struct Item<'a> {
    /// The outcome, as in the JSON report.
    o: &'a Outcome,
    anchor: String,
    /// Fail or unknown below the `fail_on` threshold: advice, not counted for the verdict.
    advice: bool,
    /// What the message adds to the state shown beside it ([`common::finding`]): empty when
    /// it adds nothing (`niet voldaan`), so the page does not say it twice.
    finding: Vec<Span>,
    remediation: Vec<Span>,
    /// `evidence[k].value` and `inputs[k].value` as the JSON report writes them.
    evidence_values: Vec<String>,
    input_values: Vec<String>,
    /// For a derived outcome: the heading over its reasons, and each reason (`o.because`).
    because_heading: &'static str,
    because: Vec<BecauseView<'a>>,
}

/// A platform requirement a derived outcome rests on, with its facts' values as text.
#[derive(Serialize)]
struct BecauseView<'a> {
    b: &'a Because,
    evidence_values: Vec<String>,
}

/// Text or a `code` span (between backticks in the policy's words). Both are escaped.
#[derive(Serialize)]
pub(crate) struct Span {
    pub(crate) code: bool,
    pub(crate) text: String,
}

#[derive(Serialize)]
struct Rest<'a> {
    heading: String,
    lines: Vec<RestLine<'a>>,
}

#[derive(Serialize)]
struct RestLine<'a> {
    state: &'static str,
    items: Vec<RestItem<'a>>,
}

/// A pass or not-applicable outcome in the compact lines: its requirement and title.
#[derive(Serialize)]
struct RestItem<'a> {
    requirement: &'a str,
    title: &'a Text,
}

fn org_view<'a>(index: usize, org: &'a OrgReport, report: &Report) -> OrgView<'a> {
    let anchor = anchor(index);
    let outcome_anchor = |i: usize| format!("{anchor}-o-{}", i + 1);

    let counts: Vec<CountView> = ORDER
        .iter()
        .filter(|&&s| s != State::Error || org.counts.error > 0)
        .map(|&s| CountView {
            state: s.as_str(),
            count: org.counts.get(s),
        })
        .collect();

    // Subjects: the deployments in file order, then the organisation, then anything else an
    // outcome names (so that no outcome is left out of the matrix). `column`: each subject's
    // first column.
    let mut subjects: Vec<Subject> = org
        .deployments
        .iter()
        .map(|d| Subject {
            id: d.id.clone(),
            name: d.id.clone(),
            detail: Some(format!("{} — {}", d.platform_name, d.edition_name)),
            heading: d.heading(),
        })
        .collect();
    let mut column: HashMap<&str, usize> = HashMap::new();
    for (i, d) in org.deployments.iter().enumerate() {
        column.entry(d.id.as_str()).or_insert(i);
    }
    let mut extra: Vec<&str> = Vec::new();
    for o in &org.outcomes {
        if !column.contains_key(o.subject.as_str()) {
            column.insert(&o.subject, usize::MAX);
            extra.push(&o.subject);
        }
    }
    extra.sort_by_key(|s| *s != ORGANISATION);
    for s in extra {
        column.insert(s, subjects.len());
        subjects.push(if s == ORGANISATION {
            Subject {
                id: s.to_string(),
                name: tr("organisatie", "organisation").to_string(),
                detail: None,
                heading: tr("Organisatie", "Organisation").to_string(),
            }
        } else {
            Subject {
                id: s.to_string(),
                name: s.to_string(),
                detail: None,
                heading: s.to_string(),
            }
        });
    }

    // Rows: requirements in the order they first appear. `by_column`: each column's outcomes,
    // in order.
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: HashMap<&str, usize> = HashMap::new();
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); subjects.len()];
    for (i, o) in org.outcomes.iter().enumerate() {
        let col = column.get(o.subject.as_str()).copied().unwrap_or(0);
        by_column[col].push(i);
        let row = *row_of.entry(&o.requirement).or_insert_with(|| {
            rows.push(Row {
                requirement: o.requirement.clone(),
                title: o.title.get().to_string(),
                cells: subjects.iter().map(|_| None).collect(),
            });
            rows.len() - 1
        });
        rows[row].cells[col] = Some(Cell {
            state: o.state.as_str(),
            anchor: detailed(o).then(|| outcome_anchor(i)),
        });
    }
    // The outcomes of a subject in `state`, in order. A subject whose id is doubled (two
    // deployments with one id) shows the outcomes under each of its columns, as it always did.
    let of = |s: &Subject, state: State| -> Vec<usize> {
        let col = column.get(s.id.as_str()).copied().unwrap_or(0);
        by_column[col]
            .iter()
            .copied()
            .filter(|&i| org.outcomes[i].state == state)
            .collect()
    };

    let item = |i: usize, o: &'a Outcome| Item {
        o,
        anchor: outcome_anchor(i),
        advice: o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown),
        finding: common::finding(o).map(spans).unwrap_or_default(),
        remediation: spans(o.remediation.get().trim()),
        evidence_values: o.evidence.iter().map(|e| e.value.to_string()).collect(),
        input_values: o.inputs.iter().map(|v| v.value.to_string()).collect(),
        because_heading: crate::render::common::because_heading(o),
        because: o
            .because
            .iter()
            .map(|b| BecauseView {
                b,
                evidence_values: b.evidence.iter().map(|e| e.value.to_string()).collect(),
            })
            .collect(),
    };
    let groups = |states: &[State]| -> Vec<Group> {
        subjects
            .iter()
            .filter_map(|s| {
                let items: Vec<Item> = states
                    .iter()
                    .flat_map(|&st| of(s, st))
                    .map(|i| item(i, &org.outcomes[i]))
                    .collect();
                (!items.is_empty()).then(|| Group {
                    heading: s.heading.clone(),
                    items,
                })
            })
            .collect()
    };
    // Within a subject, as the text report: error, fail, unknown.
    let attention = groups(&[State::Error, State::Fail, State::Unknown]);
    let waived = groups(&[State::Waived]);
    let rest = subjects
        .iter()
        .filter_map(|s| {
            let lines: Vec<RestLine> = [State::Pass, State::NotApplicable]
                .iter()
                .map(|&st| RestLine {
                    state: st.as_str(),
                    items: of(s, st)
                        .into_iter()
                        .map(|i| RestItem {
                            requirement: &org.outcomes[i].requirement,
                            title: &org.outcomes[i].title,
                        })
                        .collect(),
                })
                .filter(|l| !l.items.is_empty())
                .collect();
            (!lines.is_empty()).then(|| Rest {
                heading: s.heading.clone(),
                lines,
            })
        })
        .collect();

    OrgView {
        anchor,
        bar: bar(&counts),
        counts,
        subjects,
        rows,
        attention,
        waived,
        rest,
    }
}

/// Outcomes with a section of their own in the details (not the compact pass/n.a. lines).
fn detailed(o: &Outcome) -> bool {
    !matches!(o.state, State::Pass | State::NotApplicable)
}

/// The stacked bar: segments in a 1000-wide box, edges rounded so they meet exactly.
fn bar(counts: &[CountView]) -> Vec<Segment> {
    // In u128: a saved report read by `report --from` may hold any count (up to usize::MAX
    // each), and sums and the scaling to 1000 must neither overflow nor wrap.
    let total: u128 = counts.iter().map(|c| c.count as u128).sum();
    if total == 0 {
        return Vec::new();
    }
    let scale = |n: u128| ((n * 1000 + total / 2) / total) as usize;
    let mut before: u128 = 0;
    counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let x = scale(before);
            before += c.count as u128;
            let end = scale(before);
            Segment {
                state: c.state,
                count: c.count,
                x,
                width: end - x,
                labelled: end - x >= 60,
            }
        })
        .collect()
}

/// Splits text at backticks: `code` becomes a code span. An unmatched backtick stays as text.
pub(crate) fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut push = |code: bool, text: &str| {
        if !text.is_empty() {
            out.push(Span {
                code,
                text: text.to_string(),
            });
        }
    };
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        match after.find('`') {
            Some(end) if end > 0 => {
                push(false, &rest[..start]);
                push(true, &after[..end]);
                rest = &after[end + 1..];
            }
            _ => {
                push(false, &rest[..start + 1]);
                rest = after;
            }
        }
    }
    push(false, rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| {
                if s.code {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn backticks_become_code_spans() {
        assert_eq!(show(&spans("vul `a.b` in")), "vul [a.b] in");
        assert_eq!(show(&spans("`a` en `b`")), "[a] en [b]");
        assert_eq!(show(&spans("een ` los")), "een ` los");
        assert_eq!(show(&spans("leeg `` blijft")), "leeg `` blijft");
        assert_eq!(show(&spans("")), "");
    }

    #[test]
    fn bar_segments_fill_the_box() {
        let counts = [
            CountView {
                state: "fail",
                count: 13,
            },
            CountView {
                state: "unknown",
                count: 5,
            },
            CountView {
                state: "waived",
                count: 0,
            },
            CountView {
                state: "pass",
                count: 15,
            },
            CountView {
                state: "not_applicable",
                count: 4,
            },
        ];
        let segments = bar(&counts);
        assert_eq!(segments.len(), 4);
        assert_eq!(segments[0].x, 0);
        let last = segments.last().unwrap();
        assert_eq!(last.x + last.width, 1000);
        for w in segments.windows(2) {
            assert_eq!(w[0].x + w[0].width, w[1].x);
        }
        assert!(bar(&[]).is_empty());
    }
}
