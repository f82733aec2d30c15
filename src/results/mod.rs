//! Format-neutral results: what the engines produce and every renderer reads. The JSON report is
//! [`report::Report`] as it is; the list of `beeldbel channels` is [`channels::ChannelsReport`].

pub mod channels;
pub mod diff;
pub mod dpia;
pub mod report;
pub mod v3;

pub use report::*;
