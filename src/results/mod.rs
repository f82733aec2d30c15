//! Format-neutral results: what the engines produce and every renderer reads. The JSON report is
//! [`report::Report`] as it is.

pub mod dpia;
pub mod report;

pub use report::*;
