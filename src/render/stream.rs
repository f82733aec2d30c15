//! A report written organisation by organisation, for every format: memory does not grow with
//! the batch.
//!
//! A format is a [`Sections`]: it renders one organisation's part of the document
//! ([`Sections::org`]) and, once every organisation has been seen, the document around those
//! parts ([`Sections::document`]), which may begin with what only the whole batch tells (the
//! verdict, the summary table, the requirements and facts the parts refer to). [`Writer`] drives
//! it: organisations arrive in order, a chunk at a time; their parts are rendered in parallel and
//! appended to a spool (in memory while small, then a temporary file), and only a small
//! [`OrgSummary`] of each is kept. [`Writer::finish`] writes the document, copying the spool where
//! the parts go. Nothing reaches the destination before the last organisation is in, so a batch
//! that stops on an error writes nothing.

use std::collections::BTreeMap;
use std::io::{self, Read, Seek, Write};

use rayon::prelude::*;

use crate::render::RenderError;
use crate::results::{Counts, OrgReport, Outcome, Report, State, Verdict};

/// Spool size kept in memory before it moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 8 << 20;

/// Outcomes from which an organisation is rendered straight into the spool rather than into a
/// buffer in parallel (one organisation with thousands of deployments).
const LARGE: usize = 2_000;

/// What the document keeps of an organisation once its part is written: what a batch summary and
/// the provenance need.
#[derive(Clone, Debug)]
pub struct OrgSummary {
    pub file: String,
    pub sha256: String,
    pub name: String,
    pub verdict: Verdict,
    pub counts: Counts,
    /// Waived outcomes, and how many of those are of high severity.
    pub waived: usize,
    pub waived_high: usize,
    /// The oldest `checked` date of the facts its outcomes read (`YYYY-MM-DD`).
    pub oldest_fact: Option<String>,
}

impl OrgSummary {
    pub fn of(org: &OrgReport) -> OrgSummary {
        let (waived, waived_high) = crate::render::common::waived_counts(&org.outcomes);
        let oldest_fact = org
            .outcomes
            .iter()
            .flat_map(|o| o.evidence.iter())
            .filter_map(|e| e.source.as_ref().map(|s| s.checked))
            .min()
            .map(|d| d.to_string());
        OrgSummary {
            file: org.file.clone(),
            sha256: org.sha256.clone(),
            name: org.name.clone(),
            verdict: org.verdict,
            counts: org.counts,
            waived,
            waived_high,
            oldest_fact,
        }
    }
}

/// What the parts referred to, gathered over the whole batch in order of first appearance: the
/// requirements (with the texts of their first outcome). A format that lists them once (SARIF's
/// rules) writes them in [`Sections::document`].
#[derive(Debug, Default)]
pub struct Seen {
    /// Requirement id → the first outcome of it (its texts, severity and scope; its evidence and
    /// inputs are left empty).
    pub requirements: BTreeMap<String, Outcome>,
    /// The requirement ids in order of first appearance.
    pub requirement_order: Vec<String>,
}

impl Seen {
    /// Notes a requirement (once).
    pub fn requirement(&mut self, o: &Outcome) {
        if !self.requirements.contains_key(&o.requirement) {
            let texts = Outcome {
                evidence: Vec::new(),
                inputs: Vec::new(),
                because: Vec::new(),
                missing: Vec::new(),
                waiver: None,
                ..o.clone()
            };
            self.requirement_order.push(o.requirement.clone());
            self.requirements.insert(o.requirement.clone(), texts);
        }
    }

    /// Adds what a later part saw, keeping the first appearance of each.
    pub fn merge(&mut self, other: Seen) {
        for id in other.requirement_order {
            if let Some(o) = other.requirements.get(&id)
                && !self.requirements.contains_key(&id)
            {
                self.requirement_order.push(id.clone());
                self.requirements.insert(id, o.clone());
            }
        }
    }

    /// The requirement ids in order of first appearance.
    pub fn requirement_ids(&self) -> impl Iterator<Item = &str> {
        self.requirement_order.iter().map(String::as_str)
    }
}

/// What a part is rendered with: the report without its organisations (its verdict and oldest
/// fact are not known yet: do not read them) and whether it holds more than one organisation.
pub struct Context<'a> {
    pub head: &'a Report,
    pub batch: bool,
}

/// What the document is written with: the report without its organisations but complete
/// otherwise (verdict, oldest fact), every organisation's summary, and what the parts saw.
pub struct End<'a> {
    pub head: &'a Report,
    pub batch: bool,
    pub orgs: &'a [OrgSummary],
    pub seen: &'a Seen,
}

impl End<'_> {
    /// Waived outcomes over the whole report, and how many of those are of high severity.
    pub fn waived(&self) -> (usize, usize) {
        self.orgs
            .iter()
            .fold((0, 0), |(n, h), o| (n + o.waived, h + o.waived_high))
    }

    /// Whether any organisation has an outcome in `state`.
    pub fn any(&self, state: State) -> bool {
        self.orgs.iter().any(|o| o.counts.get(state) > 0)
    }
}

/// The body of a document: writes the organisations' parts, in order, into `w`.
pub type Body<'b> = dyn FnMut(&mut dyn Write) -> io::Result<()> + 'b;

/// A format that can be written organisation by organisation.
pub trait Sections: Sync {
    /// Writes organisation `index` (0-based, in report order) into `w`, and notes in `seen` what
    /// it refers to that the document lists once. Called in parallel for different organisations.
    fn org(
        &self,
        cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError>;

    /// Writes the whole document into `w`; `body` writes the organisations' parts where they go
    /// (call it exactly once).
    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError>;
}

/// Writes one report in a format, organisation by organisation (see the module documentation).
pub struct Writer<'s> {
    sections: &'s dyn Sections,
    head: Report,
    /// The head's verdict and oldest fact are final (a saved report): keep them.
    head_final: bool,
    spool: tempfile::SpooledTempFile,
    orgs: Vec<OrgSummary>,
    seen: Seen,
    /// Organisations held until it is known whether the report is a batch (two or more).
    pending: Vec<OrgReport>,
    batch: Option<bool>,
}

impl<'s> Writer<'s> {
    /// A writer of a report whose verdict and oldest fact follow from the organisations pushed.
    /// `head` is the report without organisations.
    pub fn new(sections: &'s dyn Sections, mut head: Report) -> Writer<'s> {
        head.organisations = Vec::new();
        Writer {
            sections,
            head,
            head_final: false,
            spool: tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY),
            orgs: Vec::new(),
            seen: Seen::default(),
            pending: Vec::new(),
            batch: None,
        }
    }

    /// Adds organisations, in report order.
    pub fn push(&mut self, orgs: Vec<OrgReport>) -> Result<(), RenderError> {
        match self.batch {
            Some(_) => self.render(&orgs),
            None => {
                self.pending.extend(orgs);
                if self.pending.len() < 2 {
                    return Ok(());
                }
                self.batch = Some(true);
                let pending = std::mem::take(&mut self.pending);
                self.render(&pending)
            }
        }
    }

    /// Renders organisations into the spool: in parallel into buffers, a large one straight in.
    fn render(&mut self, orgs: &[OrgReport]) -> Result<(), RenderError> {
        let batch = self.batch.unwrap_or(false);
        let cx = Context {
            head: &self.head,
            batch,
        };
        let first = self.orgs.len();
        self.orgs.extend(orgs.iter().map(OrgSummary::of));
        let sections = self.sections;
        let mut start = 0;
        while start < orgs.len() {
            if orgs[start].outcomes.len() > LARGE {
                let mut seen = Seen::default();
                // Buffered: a spool that moved to a file takes a system call per write.
                let mut spool = io::BufWriter::with_capacity(1 << 16, &mut self.spool);
                sections.org(&cx, first + start, &orgs[start], &mut seen, &mut spool)?;
                spool.flush()?;
                drop(spool);
                self.seen.merge(seen);
                start += 1;
                continue;
            }
            let end = orgs[start..]
                .iter()
                .position(|o| o.outcomes.len() > LARGE)
                .map_or(orgs.len(), |p| start + p);
            let parts: Vec<(Vec<u8>, Seen)> = orgs[start..end]
                .par_iter()
                .enumerate()
                .map(|(k, org)| {
                    let mut buf = Vec::new();
                    let mut seen = Seen::default();
                    sections.org(&cx, first + start + k, org, &mut seen, &mut buf)?;
                    Ok((buf, seen))
                })
                .collect::<Result<_, RenderError>>()?;
            for (buf, seen) in parts {
                self.spool.write_all(&buf)?;
                self.seen.merge(seen);
            }
            start = end;
        }
        Ok(())
    }

    /// Writes the document into `w`.
    pub fn finish(mut self, w: &mut dyn Write) -> Result<(), RenderError> {
        if self.batch.is_none() {
            self.batch = Some(self.pending.len() > 1);
            let pending = std::mem::take(&mut self.pending);
            self.render(&pending)?;
        }
        if !self.head_final {
            self.head.verdict = self
                .orgs
                .iter()
                .map(|o| o.verdict)
                .max()
                .unwrap_or(Verdict::Compliant);
            self.head.catalogue.oldest_fact =
                self.orgs.iter().filter_map(|o| o.oldest_fact.clone()).min();
        }
        self.spool.flush()?;
        self.spool.rewind()?;
        let end = End {
            head: &self.head,
            batch: self.batch.unwrap_or(false),
            orgs: &self.orgs,
            seen: &self.seen,
        };
        let spool = &mut self.spool;
        let mut copied = false;
        let mut body = |w: &mut dyn Write| -> io::Result<()> {
            copied = true;
            copy(spool, w)
        };
        self.sections.document(&end, &mut body, w)?;
        debug_assert!(copied, "a format left out the organisations");
        Ok(())
    }
}

/// Copies the spool into `w` in large pieces.
fn copy(spool: &mut tempfile::SpooledTempFile, w: &mut dyn Write) -> io::Result<()> {
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = spool.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        w.write_all(&buf[..n])?;
    }
}

/// Writes a whole report (already in memory, e.g. a saved one) in a format: the same path as a
/// streamed batch, so there is one renderer per format. The report's verdict and oldest fact are
/// kept as they are.
pub fn write_report(
    sections: &dyn Sections,
    report: &Report,
    w: &mut dyn Write,
) -> Result<(), RenderError> {
    let mut writer = Writer::new(sections, clone_head(report));
    writer.head_final = true;
    writer.batch = Some(report.organisations.len() > 1);
    writer.render(&report.organisations)?;
    writer.finish(w)
}

/// The report without its organisations.
fn clone_head(r: &Report) -> Report {
    Report {
        schema_version: r.schema_version,
        tool: crate::results::Tool {
            name: r.tool.name.clone(),
            version: r.tool.version.clone(),
        },
        evaluated_on: r.evaluated_on.clone(),
        lang: r.lang,
        fail_on: r.fail_on,
        policy: r.policy.clone(),
        catalogue: r.catalogue.clone(),
        verdict: r.verdict,
        organisations: Vec::new(),
        notice: r.notice.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::format::{Format, sections};
    use crate::render::text::Style;

    /// A report of `n` copies of the arbodienst example.
    fn report(n: usize) -> Report {
        let mut files = crate::diag::Files::default();
        let mut sink = crate::diag::Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/arbodienst.toml");
        let org = crate::model::org::load(&path, &inputs.catalogue, &mut files, &mut sink)
            .expect("example loads");
        let settings = crate::engine::check::Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            fail_on: crate::model::policy::Severity::Medium,
        };
        let ev = crate::engine::check::Evaluator::new(&inputs.policy, &inputs.catalogue, settings);
        let orgs = (0..n).map(|_| ev.evaluate(&org, &mut sink)).collect();
        crate::engine::assemble::assemble_report(&inputs, settings, orgs)
    }

    /// Pushed in chunks, with the spool moving to a temporary file after 64 bytes,
    /// every format gives the bytes it gives for the whole report at once.
    #[test]
    fn chunks_and_a_spool_on_disk_change_nothing() {
        let whole = report(7);
        for &format in <Format as crate::choice::Choice>::ALL {
            let s = sections(format, Style { color: false });
            let mut expected = Vec::new();
            write_report(&*s, &whole, &mut expected).expect("renders");
            let s = sections(format, Style { color: false });
            let mut head = clone_head(&whole);
            head.verdict = Verdict::NonCompliant;
            head.catalogue.oldest_fact = None;
            let mut writer = Writer::new(&*s, head);
            writer.spool = tempfile::SpooledTempFile::new(64);
            let orgs = whole.organisations.clone();
            for chunk in orgs.chunks(3) {
                writer.push(chunk.to_vec()).expect("push");
            }
            assert!(
                writer.spool.is_rolled(),
                "{format:?}: the spool is still in memory"
            );
            let mut got = Vec::new();
            writer.finish(&mut got).expect("finish");
            assert!(got == expected, "{format:?}: differs from the whole report");
        }
    }
}
