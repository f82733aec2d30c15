//! SARIF 2.1.0: one rule per requirement, one result per fail or unknown, pointing at the line
//! in the organisation file that decides it.

use super::Report;

pub fn render(report: &Report) -> String {
    todo!("sarif renderer: being written")
}
