//! Reading input files: UTF-8 and emptiness checks, SHA-256 for provenance; file kinds
//! ([`kind`]), batches of files ([`batch`]) and line numbers ([`LineIndex`]).

pub mod batch;
pub mod kind;
pub mod line_index;

pub use line_index::LineIndex;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::tr;

/// An input file, read and registered for diagnostics.
#[derive(Clone, Debug)]
pub struct Source {
    pub file: FileId,
    /// The name shown to the user (the path as given, or `<embedded>/…`).
    pub name: String,
    pub sha256: String,
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads a whole file; a failure becomes a diagnostic naming the file.
pub fn read_bytes(path: &Path, sink: &mut Sink) -> Option<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| {
            sink.push(Diagnostic::error(
                Code::Io,
                tr!(
                    "kan `{}` niet lezen: {e}",
                    "cannot read `{}`: {e}",
                    path.display()
                ),
            ));
        })
        .ok()
}

/// Reads a file from disk. Problems (unreadable, not UTF-8, empty) become diagnostics.
pub fn read(path: &Path, files: &mut Files, sink: &mut Sink) -> Option<Source> {
    let bytes = read_bytes(path, sink)?;
    add_bytes(path.display().to_string(), &bytes, files, sink)
}

/// Registers in-memory bytes (an embedded file, or one read from disk).
pub fn add_bytes(name: String, bytes: &[u8], files: &mut Files, sink: &mut Sink) -> Option<Source> {
    let sha256 = sha256_hex(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            // Show the file with the bad bytes replaced, and point at the first one.
            let offset = e.valid_up_to();
            let byte = bytes[offset];
            let shown = String::from_utf8_lossy(bytes).into_owned();
            let file = files.add(name.clone(), shown);
            sink.push(
                Diagnostic::error(
                    Code::NotUtf8,
                    tr!("`{name}` is geen UTF-8", "`{name}` is not UTF-8"),
                )
                .at(
                    file,
                    offset..offset + '\u{FFFD}'.len_utf8(),
                    tr!("ongeldige byte 0x{byte:02X}", "invalid byte 0x{byte:02X}"),
                )
                .note(tr!(
                    "sla het bestand op als UTF-8 (het lijkt Latin-1 of Windows-1252)",
                    "save the file as UTF-8 (it looks like Latin-1 or Windows-1252)"
                )),
            );
            return None;
        }
    };
    let file = files.add(name.clone(), text.to_string());
    if text.trim().is_empty() {
        sink.push(
            Diagnostic::error(
                Code::EmptyFile,
                tr!("`{name}` is leeg", "`{name}` is empty"),
            )
            .at(file, 0..0, tr!("geen inhoud", "no content")),
        );
        return None;
    }
    Some(Source { file, name, sha256 })
}
