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
}

crate::choice!(Format {
    Markdown = "markdown" "CommonMark with tables: to paste into a document or a wiki",
    Html = "html" "One self-contained page to open, edit from and print",
});

/// Writes the draft in `format` into `w`.
pub fn write(draft: &Draft, format: Format, w: &mut dyn std::io::Write) -> Result<(), RenderError> {
    match format {
        Format::Markdown => markdown::write(draft, w),
        Format::Html => html::write(draft, w),
    }
}

/// "[in te vullen: …]"
pub fn gap_text(what: &str) -> String {
    crate::tr!("[in te vullen: {what}]", "[to fill in: {what}]")
}
