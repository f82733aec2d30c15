//! The Markdown report (CommonMark with GFM tables): for a DPIA annex or a wiki page.

use super::Report;

pub fn render(report: &Report) -> String {
    todo!("markdown renderer: being written")
}
