//! The DPIA draft ([`crate::results::dpia::Draft`]) as Markdown ([`markdown`]) and as one
//! self-contained HTML page ([`html`]). Both write into a `&mut dyn Write` and report every
//! failure as a [`RenderError`]. [`answers`] writes the answers template of a draft.

pub mod answers;
mod html;
mod markdown;
mod md_items;

use crate::render::RenderError;
use crate::results::dpia::Draft;

/// The output formats of `dpia`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables: to paste into a document or a wiki
    Markdown,
    /// One self-contained page to open, edit from and print
    Html,
    /// A Word document (Office Open XML) to review and sign, gaps highlighted
    Docx,
    /// An OpenDocument text (LibreOffice) to review and sign, gaps highlighted
    Odt,
}

crate::choice!(Format {
    Markdown = "markdown" "CommonMark with tables: to paste into a document or a wiki",
    Html = "html" "One self-contained page to open, edit from and print",
    Docx = "docx" "A Word document (Office Open XML) to review and sign, gaps highlighted",
    Odt = "odt" "An OpenDocument text (LibreOffice) to review and sign, gaps highlighted",
});

impl Format {
    /// A binary format: not for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Odt)
    }
}

/// Writes the draft in `format` into `w`.
pub fn write(draft: &Draft, format: Format, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    match format {
        Format::Markdown => markdown::write(draft, w),
        Format::Html => html::write(draft, w),
        Format::Docx | Format::Odt => {
            let mut md = Vec::new();
            markdown::write(draft, &mut md)?;
            let kind = match format {
                Format::Docx => crate::render::office::Kind::Docx,
                _ => crate::render::office::Kind::Odt,
            };
            let meta = crate::render::office::Meta::new(&draft.evaluated_on);
            crate::render::office::write(&String::from_utf8_lossy(&md), kind, &meta, w)
        }
    }
}

/// How a gap opens, in Dutch and in English; [`GAP_CLOSE`] closes it. The office documents
/// find gaps in the rendered Markdown by these (`crate::render::office`), so they are the one
/// place a gap's marker is spelled.
pub const GAP_OPEN: [&str; 2] = ["[in te vullen: ", "[to fill in: "];
/// How a gap closes.
pub const GAP_CLOSE: &str = "]";

/// "[in te vullen: …]"
pub fn gap_text(what: &str) -> String {
    let open = crate::i18n::tr(GAP_OPEN[0], GAP_OPEN[1]);
    format!("{open}{what}{GAP_CLOSE}")
}
