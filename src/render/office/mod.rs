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

use std::io::{Cursor, Write};

use chrono::{Datelike, NaiveDate};

use crate::render::RenderError;

pub use doc::{Block, Doc, Span, gap_ranges, parse};

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
    let parts = match kind {
        Kind::Docx => docx::parts(&doc, &meta),
        Kind::Odt => odt::parts(&doc, &meta),
    };
    let bytes = package(&parts, &meta).map_err(|e| match e {
        zip::result::ZipError::Io(e) => RenderError::Io(e),
        e => RenderError::Office(e.to_string()),
    })?;
    w.write_all(&bytes)?;
    Ok(())
}

/// One file of the package: its name, its bytes, and whether it is stored uncompressed.
pub(crate) struct Part {
    pub name: &'static str,
    pub data: String,
    pub stored: bool,
}

/// The zip package, entries in the given order, each dated `meta.date` (00:00) so that the
/// same input gives the same bytes.
fn package(parts: &[Part], meta: &Meta) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
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
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for part in parts {
        let method = if part.stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(time)
            .unix_permissions(0o644);
        zip.start_file(part.name, options)?;
        zip.write_all(part.data.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
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
        for parts in [docx::parts(&doc, &meta), odt::parts(&doc, &meta)] {
            for part in parts
                .iter()
                .filter(|p| p.name.ends_with("xml") || p.name.ends_with("rels"))
            {
                roxmltree::Document::parse(&part.data)
                    .map_err(|e| format!("{}: {e}", part.name))?;
            }
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
