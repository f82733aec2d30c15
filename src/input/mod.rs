//! Reading input files: only regular files, no larger than the limit ([`limits`]); UTF-8 and
//! emptiness checks, SHA-256 for provenance; file kinds ([`kind`]), batches of files ([`batch`])
//! and line numbers ([`LineIndex`]).

pub mod batch;
pub mod kind;
pub mod limits;
pub mod line_index;
pub mod remote;
pub mod saved;

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
///
/// Only a regular file is opened: a FIFO, device, socket or folder named as input is refused
/// from its metadata (opening a FIFO would wait for a writer for ever). A file over the size
/// limit is refused before it is read, and the read itself stops past the limit (a file can
/// grow while it is read).
pub fn read_bytes(path: &Path, sink: &mut Sink) -> Option<Vec<u8>> {
    read_bytes_within(path, limits::Limit::FileBytes, sink)
}

/// Like [`read_bytes`], with `limit` as the size limit (a saved report has its own,
/// [`limits::Limit::ReportBytes`]).
pub fn read_bytes_within(path: &Path, limit: limits::Limit, sink: &mut Sink) -> Option<Vec<u8>> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            tr!(
                "kan `{}` niet lezen: {e}",
                "cannot read `{}`: {e}",
                path.display()
            ),
        )
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            sink.push(cannot_read(e));
            return None;
        }
    };
    if !meta.is_file() {
        sink.push(not_a_file(path, &meta.file_type()));
        return None;
    }
    let max = limit.value();
    if meta.len() > max {
        sink.push(too_large(path, meta.len(), limit));
        return None;
    }
    // Opened without blocking (a FIFO put in the file's place after the check above would
    // otherwise block the open until a writer comes), then checked again on the open file.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path).and_then(|f| Ok((f.metadata()?, f))) {
        Ok((opened, f)) if opened.is_file() => f,
        Ok((opened, _)) => {
            sink.push(not_a_file(path, &opened.file_type()));
            return None;
        }
        Err(e) => {
            sink.push(cannot_read(e));
            return None;
        }
    };
    let read = {
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
    };
    match read {
        Ok(bytes) if bytes.len() as u64 > max => {
            sink.push(too_large(path, bytes.len() as u64, limit));
            None
        }
        Ok(bytes) => Some(bytes),
        Err(e) => {
            sink.push(cannot_read(e));
            None
        }
    }
}

/// A path named as input that is not a regular file.
fn not_a_file(path: &Path, kind: &std::fs::FileType) -> Diagnostic {
    let what = kind_words(kind);
    Diagnostic::error(
        Code::NotAFile,
        tr!(
            "`{}` is {what}, geen gewoon bestand",
            "`{}` is {what}, not a regular file",
            path.display()
        ),
    )
    .note(crate::i18n::tr(
        "verwacht een gewoon bestand (een .toml- of .json-bestand op schijf); beeldbel leest niet uit pipes, apparaten of sockets",
        "expected a regular file (a .toml or .json file on disk); beeldbel does not read from pipes, devices or sockets",
    ))
}

/// What a file that is not a regular file is, in words.
fn kind_words(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return crate::i18n::tr("een named pipe (FIFO)", "a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return crate::i18n::tr("een socket", "a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return crate::i18n::tr("een apparaat", "a device");
        }
    }
    if kind.is_dir() {
        crate::i18n::tr("een map", "a folder")
    } else {
        crate::i18n::tr("een bijzonder bestand", "a special file")
    }
}

/// A file over the size limit.
fn too_large(path: &Path, len: u64, limit: limits::Limit) -> Diagnostic {
    Diagnostic::error(
        Code::FileTooLarge,
        tr!(
            "`{}` is te groot: {} bytes; de grens is {} bytes",
            "`{}` is too large: {} bytes; the limit is {} bytes",
            path.display(),
            limits::thousands(len),
            limits::thousands(limit.value())
        ),
    )
    .note(limit.how_to_raise())
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
