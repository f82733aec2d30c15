//! OSCAL 1.1 assessment results (JSON): the organisation as the assessed system, one finding per
//! requirement × subject.

use super::Report;

pub fn render(report: &Report) -> String {
    todo!("oscal renderer: being written")
}
