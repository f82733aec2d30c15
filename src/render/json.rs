//! The JSON report: the model as it is (documented in `docs/report.schema.json`), pretty-printed.
//! A large batch is streamed: the organisations are serialised in parallel, a chunk at a time,
//! and written as they are ready, so the whole document never sits in memory as one string.
//! The bytes are the same as `serde_json::to_string_pretty` of the whole report.

use std::io::{self, Write};

use rayon::prelude::*;

use crate::render::RenderError;
use crate::results::Report;

/// Organisations serialised per parallel step.
const CHUNK: usize = 256;

/// Outcomes from which an organisation is serialised straight into the output rather than into
/// a buffer in parallel: one organisation with thousands of deployments is hundreds of megabytes.
const LARGE: usize = 2_000;

/// Indents what is written through it by two levels (four spaces after every line break), as
/// the organisations stand inside the report.
struct Indent<'w>(&'w mut dyn Write);

impl Write for Indent<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            self.0.write_all(&rest[..=at])?;
            self.0.write_all(b"    ")?;
            rest = &rest[at + 1..];
        }
        self.0.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// The whole report as one pretty-printed document, ending in a line break.
pub fn render(report: &Report) -> Result<String, RenderError> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}

/// Writes the report as [`render`] would, streaming the organisations.
pub fn write(report: &Report, w: &mut dyn Write) -> Result<(), RenderError> {
    let head = serde_json::to_string_pretty(&crate::render::stream::clone_head(report))?;
    // The empty list stands where the organisations go; everything else is written as is.
    let slot = "\"organisations\": []";
    let Some(at) = head.find(slot) else {
        return Ok(w.write_all(render(report)?.as_bytes())?);
    };
    w.write_all(&head.as_bytes()[..at])?;
    w.write_all(b"\"organisations\": [")?;
    for (i, chunk) in report.organisations.chunks(CHUNK).enumerate() {
        if chunk.iter().any(|o| o.outcomes.len() > LARGE) {
            for (j, org) in chunk.iter().enumerate() {
                if i > 0 || j > 0 {
                    w.write_all(b",")?;
                }
                w.write_all(b"\n    ")?;
                serde_json::to_writer_pretty(Indent(&mut *w), org)
                    .map_err(RenderError::from_json_write)?;
            }
            continue;
        }
        let parts: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|org| {
                let json = serde_json::to_vec_pretty(org)?;
                // Indent by two levels: JSON strings hold no raw newlines, so every newline
                // is a line break of the layout.
                let mut out = Vec::with_capacity(json.len() + json.len() / 8);
                out.extend_from_slice(b"\n    ");
                for b in json {
                    out.push(b);
                    if b == b'\n' {
                        out.extend_from_slice(b"    ");
                    }
                }
                Ok(out)
            })
            .collect::<Result<_, serde_json::Error>>()?;
        for (j, part) in parts.iter().enumerate() {
            if i > 0 || j > 0 {
                w.write_all(b",")?;
            }
            w.write_all(part)?;
        }
    }
    if !report.organisations.is_empty() {
        w.write_all(b"\n  ")?;
    }
    w.write_all(b"]")?;
    w.write_all(&head.as_bytes()[at + slot.len()..])?;
    Ok(w.write_all(b"\n")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_output_equals_the_whole_document() {
        let report = |n: usize| {
            let text = include_str!("../../docs/examples/arbodienst.toml");
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("org.toml");
            std::fs::write(&path, text).expect("write");
            let mut files = crate::diag::Files::default();
            let mut sink = crate::diag::Sink::default();
            let g = crate::model::inputs::Sources::default();
            let inputs = g.load(&mut files, &mut sink);
            let org = crate::model::org::load(&path, &inputs.catalogue, &mut files, &mut sink)
                .expect("example loads");
            let settings = crate::engine::check::Settings {
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
                fail_on: crate::model::policy::Severity::Medium,
            };
            let ev =
                crate::engine::check::Evaluator::new(&inputs.policy, &inputs.catalogue, settings);
            let orgs = (0..n).map(|_| ev.evaluate(&org, &mut sink)).collect();
            crate::engine::assemble::assemble_report(&inputs, settings, orgs)
        };
        for n in [0, 1, 2, CHUNK + 3] {
            let mut r = report(n);
            let mut streamed = Vec::new();
            write(&mut r, &mut streamed).expect("write");
            assert_eq!(
                String::from_utf8(streamed).expect("utf-8"),
                render(&r).expect("render"),
                "{n} organisations"
            );
        }
    }
}
