//! The HTML report: one self-contained page a manager opens and prints.

use super::Report;

pub fn render(report: &Report) -> Result<String, String> {
    todo!("html renderer: being written")
}
