//! The check report as a word-processor document, written organisation by organisation: each
//! organisation's part of the Markdown report becomes its XML fragment in parallel; the
//! document (the head and tail of the Markdown report around the fragments) is put together in
//! a zip once every organisation is in.

use std::io::Write;

use super::{Kind, Meta, assemble, fragment, parse};
use crate::render::RenderError;
use crate::render::markdown::MarkdownReport;
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::OrgReport;

/// Where the organisations go in the Markdown of the document (a NUL never occurs in the
/// Markdown report: control characters from an input are replaced).
const PARTS: u8 = 0;

/// A `.docx` or `.odt` with the content of the Markdown report.
pub struct OfficeReport {
    pub kind: Kind,
}

impl Sections for OfficeReport {
    fn org(
        &self,
        cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut md = Vec::new();
        MarkdownReport.org(cx, index, org, seen, &mut md)?;
        let doc = parse(&String::from_utf8_lossy(&md));
        drop(md);
        Ok(w.write_all(fragment(self.kind, &doc.blocks).as_bytes())?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        // The head and tail as XML; their Markdown and document model are gone before the
        // zip is made (with a batch they hold a row and a file per organisation).
        let (meta, head, tail) = {
            let mut md = Vec::new();
            MarkdownReport.document(end, &mut |w| w.write_all(&[PARTS]), &mut md)?;
            let md = String::from_utf8_lossy(&md).into_owned();
            let (head, tail) = md.split_once(char::from(PARTS)).unwrap_or((&md, ""));
            let doc = parse(head);
            let mut meta = Meta::new(&end.head.evaluated_on);
            meta.title = doc.title.clone();
            let head = fragment(self.kind, &doc.blocks);
            drop(doc);
            let tail = fragment(self.kind, &parse(tail).blocks);
            (meta, head, tail)
        };
        let mut fragments = |w: &mut dyn Write| -> std::io::Result<()> {
            w.write_all(head.as_bytes())?;
            body(w)?;
            w.write_all(tail.as_bytes())
        };
        assemble(self.kind, &meta, &mut fragments, w)
    }
}
