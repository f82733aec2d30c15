//! beeldbel: checks whether a Dutch organisation's video-calling setup meets the AVG (GDPR) and
//! the professional norms of AKC Cahier 28.
//!
//! The pipeline: input files ([`source`]) → validated models ([`schema`], [`policy`],
//! [`catalogue`], [`org`], with CEL in [`expr`]) → evaluation ([`eval`]) → one report model →
//! renderers ([`report`]). [`app`] wires the commands together.

pub mod advise;
pub mod app;
pub mod batch;
pub mod catalogue;
pub mod channels;
pub mod cli;
pub mod diag;
pub mod dpia;
pub mod eval;
pub mod expr;
pub mod i18n;
pub mod org;
pub mod policy;
pub mod report;
pub mod schema;
pub mod source;

/// The policy and catalogue compiled into the binary.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
