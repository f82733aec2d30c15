//! Renderers: one per format, all fed by the result models in [`crate::results`]. Shared helpers
//! (escaping, symbols) live in [`common`]; [`format`] picks the renderer for a check report.

pub mod advice;
pub mod channels;
pub mod common;
pub mod diff;
pub mod dpia;
pub mod error;
pub mod explain;
pub mod format;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod office;
pub mod oscal;
pub mod sarif;
pub mod stream;
pub mod text;

pub use error::RenderError;
pub use format::Format;
