//! The one error type of rendering and writing output. An internal failure here is exit 3 in the
//! binary, never a silently empty report.

/// Rendering or writing a report failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Writing the output failed (a full disk, a closed pipe, a folder that cannot be written).
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A template of the HTML renderers failed: a bug in beeldbel.
    #[error("template: {0}")]
    Template(#[from] minijinja::Error),
    /// A machine format could not be serialised: a bug in beeldbel.
    #[error("serialisation: {0}")]
    Json(#[from] serde_json::Error),
    /// A word-processor document (docx, odt) could not be packaged: a bug in beeldbel.
    #[error("office document: {0}")]
    Office(String),
}

impl RenderError {
    /// An error of `serde_json` writing into a writer: a failure to write stays
    /// [`RenderError::Io`] (exit 2, naming the output), anything else is [`RenderError::Json`].
    pub fn from_json_write(e: serde_json::Error) -> RenderError {
        if e.is_io() {
            RenderError::Io(e.into())
        } else {
            RenderError::Json(e)
        }
    }
}
