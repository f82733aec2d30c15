//! Word-processor documents (`.docx`, Office Open XML, and `.odt`, OpenDocument text) made from
//! the rendered Markdown of a report or a DPIA draft: the same content, with real heading styles
//! (so a table of contents works), lists, tables, bold, italic, code, links, and every gap
//! ("[in te vullen: …]", [`crate::render::dpia::gap_text`]) highlighted in yellow.
//!
//! The documents are reproducible: the same input and evaluation date give the same bytes (the
//! zip entries carry the evaluation date as their time, the properties name it as the date the
//! document was created).

mod doc;
mod docx;
mod odt;
mod report;
mod splice;

use std::io::{self, Read, Seek, Write};

use chrono::{Datelike, NaiveDate};

use crate::render::RenderError;

pub use doc::{Block, Doc, Span, gap_ranges, parse};
pub use report::OfficeReport;

/// 1980-01-01, the first day a zip entry's time can hold.
const ZIP_EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1980, 1, 1).expect("a date");

/// The two document formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Odt,
}

/// The document's properties.
#[derive(Clone, Debug)]
pub struct Meta {
    /// The title: the text of the first level-1 heading.
    pub title: String,
    /// A BCP 47 tag: `nl-NL` or `en-GB`.
    pub lang: &'static str,
    /// The evaluation date: the document's creation date and the time of its zip entries.
    pub date: NaiveDate,
}

impl Meta {
    /// The properties of a document in the current output language, created on `date`
    /// (`YYYY-MM-DD`, the evaluation date; one that does not parse gives the zip epoch,
    /// 1980-01-01). The title is set from the document's first heading.
    pub fn new(date: &str) -> Meta {
        Meta {
            title: String::new(),
            lang: match crate::i18n::lang() {
                crate::i18n::Lang::Nl => "nl-NL",
                crate::i18n::Lang::En => "en-GB",
            },
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap_or(ZIP_EPOCH),
        }
    }

    /// `2026-11-23T00:00:00Z`.
    fn timestamp(&self) -> String {
        format!("{}T00:00:00Z", self.date.format("%Y-%m-%d"))
    }
}

/// Converts `markdown` into a `kind` document and writes it into `w`.
pub fn write(
    markdown: &str,
    kind: Kind,
    meta: &Meta,
    w: &mut dyn Write,
) -> Result<(), RenderError> {
    let doc = parse(markdown);
    let mut meta = meta.clone();
    meta.title = doc.title.clone();
    let xml = fragment(kind, &doc.blocks);
    drop(doc);
    assemble(kind, &meta, &mut |w| w.write_all(xml.as_bytes()), w)
}

/// The XML of `blocks` in a `kind` document, with marks (see [`splice`]) where only the whole
/// document tells.
pub(crate) fn fragment(kind: Kind, blocks: &[Block]) -> String {
    match kind {
        Kind::Docx => docx::fragment(blocks),
        Kind::Odt => odt::fragment(blocks),
    }
}

/// Writes a `kind` document into `w` whose body `fragments` writes, fragment by fragment (see
/// [`fragment`]). The package is made in a temporary file (a zip is written with seeks) and then
/// copied, so neither the document nor its body is held in memory.
pub(crate) fn assemble(
    kind: Kind,
    meta: &Meta,
    fragments: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    w: &mut dyn Write,
) -> Result<(), RenderError> {
    let zipped = |e: zip::result::ZipError| match e {
        zip::result::ZipError::Io(e) => RenderError::Io(e),
        e => RenderError::Office(e.to_string()),
    };
    let mut zip = Package::new(tempfile::tempfile()?, meta);
    match kind {
        Kind::Docx => {
            for part in docx::parts_before(meta) {
                zip.part(&part).map_err(zipped)?;
            }
            zip.start("word/document.xml", false).map_err(zipped)?;
            let mut entry = io::BufWriter::with_capacity(ENTRY_BUFFER, &mut zip.zip);
            entry.write_all(docx::document_start().as_bytes())?;
            let mut links = splice::Links::new(&mut entry);
            fragments(&mut links)?;
            let links = links.links;
            entry.write_all(docx::DOCUMENT_END.as_bytes())?;
            // Not `flush`: that would end a compressed block early.
            entry.into_inner().map_err(io::IntoInnerError::into_error)?;
            for part in docx::parts_after(meta, &links) {
                zip.part(&part).map_err(zipped)?;
            }
        }
        Kind::Odt => {
            for part in odt::parts_before(meta) {
                zip.part(&part).map_err(zipped)?;
            }
            zip.start("content.xml", false).map_err(zipped)?;
            // The tables' styles come before all of the text.
            let mut styles = tempfile::SpooledTempFile::new(1 << 20);
            let mut text = tempfile::SpooledTempFile::new(8 << 20);
            fragments(&mut splice::Tables::new(&mut styles, &mut text))?;
            let mut entry = io::BufWriter::with_capacity(ENTRY_BUFFER, &mut zip.zip);
            entry.write_all(odt::content_start().as_bytes())?;
            copy(&mut styles, &mut entry)?;
            entry.write_all(odt::CONTENT_MIDDLE.as_bytes())?;
            copy(&mut text, &mut entry)?;
            entry.write_all(odt::CONTENT_END.as_bytes())?;
            // Not `flush`: that would end a compressed block early.
            entry.into_inner().map_err(io::IntoInnerError::into_error)?;
        }
    }
    let mut file = zip.zip.finish().map_err(zipped)?;
    file.rewind()?;
    copy(&mut file, w)?;
    Ok(())
}

/// The main entry is handed to the compressor in pieces of this size: the compressed bytes
/// depend on how the content is cut, so a document up to this size is compressed in one piece,
/// as it always was, and a larger one in pieces of this size, the same every time.
const ENTRY_BUFFER: usize = 4 << 20;

/// Copies `from`, from its start, into `w`.
fn copy(from: &mut (impl Read + Seek), w: &mut dyn Write) -> io::Result<()> {
    from.rewind()?;
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        w.write_all(&buf[..n])?;
    }
}

/// One file of the package: its name, its bytes, and whether it is stored uncompressed.
pub(crate) struct Part {
    pub name: &'static str,
    pub data: String,
    pub stored: bool,
}

/// The zip package, entries in the order they are started, each dated `meta.date` (00:00) so
/// that the same input gives the same bytes.
struct Package<W: Write + Seek> {
    zip: zip::ZipWriter<W>,
    time: zip::DateTime,
}

impl<W: Write + Seek> Package<W> {
    fn new(w: W, meta: &Meta) -> Package<W> {
        // A zip time holds the years 1980–2107; outside them, the zip epoch.
        let d = meta.date;
        let time = u16::try_from(d.year())
            .ok()
            .and_then(|year| {
                let month = u8::try_from(d.month()).ok()?;
                let day = u8::try_from(d.day()).ok()?;
                zip::DateTime::from_date_and_time(year, month, day, 0, 0, 0).ok()
            })
            .unwrap_or_default();
        Package {
            zip: zip::ZipWriter::new(w),
            time,
        }
    }

    /// Starts an entry; what is written into `self.zip` next is its content.
    fn start(&mut self, name: &str, stored: bool) -> zip::result::ZipResult<()> {
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.time)
            .unix_permissions(0o644);
        self.zip.start_file(name, options)
    }

    /// One whole entry.
    fn part(&mut self, part: &Part) -> zip::result::ZipResult<()> {
        self.start(part.name, part.stored)?;
        Ok(self.zip.write_all(part.data.as_bytes())?)
    }
}

/// `s` escaped for XML text and attribute values; a character XML 1.0 does not allow (a control
/// character in an input file) becomes U+FFFD, so the document stays readable.
pub(crate) fn esc(s: &str) -> String {
    crate::render::common::xml_attr(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_xml_well_formed() {
        assert_eq!(
            esc("a<b>&\"'\u{1}c"),
            "a&lt;b&gt;&amp;&quot;&apos;\u{FFFD}c"
        );
    }

    /// Every XML part of a document of `markdown` parses.
    fn well_formed(markdown: &str) -> Result<(), String> {
        let doc = parse(markdown);
        let meta = Meta::new("2026-11-23");
        let mut docx_body = Vec::new();
        let mut links = splice::Links::new(&mut docx_body);
        links
            .write_all(fragment(Kind::Docx, &doc.blocks).as_bytes())
            .map_err(|e| e.to_string())?;
        let links = links.links;
        let docx_body = format!(
            "{}{}{}",
            docx::document_start(),
            String::from_utf8_lossy(&docx_body),
            docx::DOCUMENT_END
        );
        let (mut styles, mut text) = (Vec::new(), Vec::new());
        splice::Tables::new(&mut styles, &mut text)
            .write_all(fragment(Kind::Odt, &doc.blocks).as_bytes())
            .map_err(|e| e.to_string())?;
        let content = format!(
            "{}{}{}{}{}",
            odt::content_start(),
            String::from_utf8_lossy(&styles),
            odt::CONTENT_MIDDLE,
            String::from_utf8_lossy(&text),
            odt::CONTENT_END
        );
        let mut parts = docx::parts_before(&meta);
        parts.extend(docx::parts_after(&meta, &links));
        parts.extend(odt::parts_before(&meta));
        parts.push(Part {
            name: "word/document.xml",
            data: docx_body,
            stored: false,
        });
        parts.push(Part {
            name: "content.xml",
            data: content,
            stored: false,
        });
        for part in parts
            .iter()
            .filter(|p| p.name.ends_with("xml") || p.name.ends_with("rels"))
        {
            roxmltree::Document::parse(&part.data).map_err(|e| format!("{}: {e}", part.name))?;
        }
        Ok(())
    }

    proptest::proptest! {
        /// Whatever the Markdown holds (gap markers cut anywhere, brackets, tables, lists,
        /// markup and control characters), the conversion does not panic and its XML parses.
        #[test]
        fn any_markdown_gives_well_formed_documents(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "[in te vullen: ", "[to fill in: ", "]", "[", "**", "*", "`", "\n", "\n\n", "- ",
                "  - ", "1. ", "# ", "| a | b |\n| --- | --- |\n| c |", "<br>", "&", "<", "\u{1}",
                "[x](<https://e.nl/?a=1&b=2>)", "é ü", "  ", "\t", "---\n", "```\ncode\n```\n",
            ]), 0..40)
        ) {
            let md: String = pieces.concat();
            proptest::prop_assert!(well_formed(&md).is_ok(), "{:?}: {:?}", md, well_formed(&md));
        }
    }
}
