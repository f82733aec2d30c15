//! JUnit XML: one test suite per organisation, one test case per requirement × subject.

use super::Report;

pub fn render(report: &Report) -> String {
    todo!("junit renderer: being written")
}
