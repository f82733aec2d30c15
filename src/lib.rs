//! beeldbel: checks whether a Dutch organisation's video-calling setup meets the AVG (GDPR) and
//! the professional norms of AKC Cahier 28.
//!
//! The pipeline, one way down the folder list:
//! [`input`] (reading files, UTF-8, SHA-256, file kinds, batches) → [`schema`] (one definition of
//! every file's fields) and [`expr`] (guarded CEL) → [`model`] (validated policy, catalogue,
//! organisation) → [`engine`] (check, advise, channels, dpia) → [`results`] (format-neutral
//! models) → [`render`] (one renderer per format). [`diag`] and [`i18n`] serve every layer.
//! The command line lives in the binary (`src/bin/beeldbel/`), never here.

pub mod choice;
pub mod diag;
pub mod engine;
pub mod expr;
pub mod i18n;
pub mod input;
pub mod model;
pub mod net;
pub mod probe;
pub mod render;
pub mod results;
pub mod schema;
pub mod text_safety;

/// The policy and catalogue compiled into the binary.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
