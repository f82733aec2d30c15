//! The HTML report as a [`Sections`]: written organisation by organisation.

use std::io::Write;
use std::sync::OnceLock;

use minijinja::{Environment, Value};
use serde::Serialize;

use super::labels::Labels;
use super::{Head, ORDER, Page, TEMPLATE, environment, organisation, value};
use crate::i18n::Lang;
use crate::render::RenderError;
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::{OrgReport, State};

/// The HTML report, written organisation by organisation: each part is rendered by the macros
/// of the template with only that organisation's values; the head (with the summary table)
/// and the tail (provenance, footer) are rendered once every organisation is in.
#[derive(Default)]
pub struct HtmlReport {
    /// The template, parsed once and shared by the threads that render parts.
    env: OnceLock<Environment<'static>>,
    /// What the organisations' macros see (`t`, `lang`, `batch`), made once per value of `batch`.
    parts: [OnceLock<Value>; 2],
}

impl HtmlReport {
    fn env(&self) -> Result<&Environment<'static>, RenderError> {
        if let Some(env) = self.env.get() {
            return Ok(env);
        }
        let env = environment("report.html", TEMPLATE)?;
        Ok(self.env.get_or_init(|| env))
    }

    /// The values the macros of an organisation's part see: no report-wide values, which are
    /// not known yet.
    fn part_values(&self, batch: bool) -> Result<Value, RenderError> {
        let cell = &self.parts[usize::from(batch)];
        if let Some(v) = cell.get() {
            return Ok(v.clone());
        }
        let v = value(&PartValues {
            lang: crate::i18n::lang(),
            t: Labels::new(),
            batch,
        })?;
        Ok(cell.get_or_init(|| v).clone())
    }
}

/// What the macros of an organisation's part get.
#[derive(Serialize)]
struct PartValues {
    lang: Lang,
    t: Labels,
    batch: bool,
}

impl Sections for HtmlReport {
    fn org(
        &self,
        cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let ctx = self.part_values(cx.batch)?;
        // Rendering the template only defines its macros (it writes nothing); the part is the
        // macros' output, a piece at a time, written as it is rendered.
        let mut captured = self
            .env()?
            .get_template("report.html")?
            .render_captured(ctx)?;
        // The part may go straight into a file (a large organisation): written in pieces.
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        captured.with_state_mut(|state| {
            organisation(state, index, org, cx.head, &mut |piece| {
                Ok(w.write_all(piece.as_bytes())?)
            })
        })?;
        Ok(w.flush()?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let page = Page {
            report: Head::of(end),
            lang: crate::i18n::lang(),
            t: Labels::new(),
            batch: end.batch,
            states: ORDER
                .iter()
                .filter(|&&s| s != State::Error || end.any(State::Error))
                .map(|s| s.as_str())
                .collect(),
        };
        let ctx = value(&page)?;
        drop(page);
        let mut captured = self
            .env()?
            .get_template("report.html")?
            .render_captured(ctx)?;
        let head = captured.with_state_mut(|state| state.call_macro("head", &[]))?;
        w.write_all(head.as_bytes())?;
        drop(head);
        body(w)?;
        let tail = captured.with_state_mut(|state| state.call_macro("tail", &[]))?;
        w.write_all(tail.as_bytes())?;
        Ok(())
    }
}
