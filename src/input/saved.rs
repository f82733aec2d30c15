//! Saved JSON results read back: `report --from` (a check report) and `channels --previous` (an
//! earlier channel list). One reader for both: the size limit for saved reports, the
//! `schema_version` first (a file of another version gets that as its error), then the whole
//! document, with the line and column where reading stopped (BB054).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::i18n::tr;
use crate::input::limits::Limit;
use crate::results::Report;
use crate::results::v3::Dangling;

/// What a saved file is expected to be.
pub struct SavedKind<'a> {
    /// What it is, after "is geen" / "is not a": `["beeldbel-rapport", "beeldbel report"]`.
    pub noun: [&'a str; 2],
    /// Where such a file comes from, as the diagnostic's note: Dutch, English.
    pub expected: [&'a str; 2],
    /// The `schema_version`s this beeldbel reads.
    pub versions: &'a [u32],
}

/// Reads a saved JSON document of `kind` from `path`. `None` after a diagnostic when the file
/// cannot be read, has no readable `schema_version`, or is not such a document.
pub fn read_saved_json<T: DeserializeOwned>(
    path: &Path,
    kind: &SavedKind<'_>,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<(T, FileId)> {
    read_saved(path, kind, files, sink, |text, _| {
        serde_json::from_str::<T>(text).map_err(Unreadable::Json)
    })
}

/// Reads a saved check report (`report --from`, `diff`) of any version this beeldbel reads
/// ([`crate::results::READABLE_VERSIONS`]): version 3's references resolved, so the report is
/// the same in-memory [`Report`] as from a version 1 or 2 file. A version 3 file that refers to a
/// key it does not list is an error naming the key, where it is first referred to.
pub fn read_saved_report(
    path: &Path,
    kind: &SavedKind<'_>,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<(Report, FileId)> {
    read_saved(path, kind, files, sink, |text, version| {
        if version != Some(u64::from(crate::results::v3::VERSION)) {
            return serde_json::from_str::<Report>(text).map_err(Unreadable::Json);
        }
        let doc: crate::results::v3::Document =
            serde_json::from_str(text).map_err(Unreadable::Json)?;
        doc.expand().map_err(Unreadable::Dangling)
    })
}

/// Why a saved document could not be read.
enum Unreadable {
    Json(serde_json::Error),
    Dangling(Dangling),
}

/// Where `key` is first referred to (not where a table lists it): its first occurrence as a JSON
/// string that is not followed by a colon.
fn reference_offset(text: &str, key: &str) -> Option<usize> {
    let quoted = serde_json::to_string(key).ok()?;
    let mut from = 0;
    while let Some(at) = text[from..].find(&quoted).map(|p| p + from) {
        let after = text[at + quoted.len()..].trim_start();
        if !after.starts_with(':') {
            return Some(at);
        }
        from = at + quoted.len();
    }
    None
}

fn read_saved<T>(
    path: &Path,
    kind: &SavedKind<'_>,
    files: &mut Files,
    sink: &mut Sink,
    parse: impl FnOnce(&str, Option<u64>) -> Result<T, Unreadable>,
) -> Option<(T, FileId)> {
    let bytes = crate::input::read_bytes_within(path, Limit::ReportBytes, sink)?;
    let name = path.display().to_string();
    let src = crate::input::add_bytes(name.clone(), &bytes, files, sink)?;
    let text = files.text(src.file);
    let noun = tr(kind.noun[0], kind.noun[1]);
    let bad = |message: String, offset: usize, label: &str| {
        Diagnostic::error(Code::BadReport, message)
            .at(src.file, offset..offset, label.to_string())
            .note(tr(kind.expected[0], kind.expected[1]))
    };
    // Only the version is kept from this first pass (serde skips the rest without building it),
    // so a large file is not held twice.
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version = serde_json::from_str::<Version>(text)
        .ok()
        .and_then(|v| v.schema_version);
    if let Some(v) = version.filter(|v| !kind.versions.iter().any(|r| u64::from(*r) == *v)) {
        let offset = text.find("\"schema_version\"").unwrap_or(0);
        let readable = match kind.versions.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => {
                let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
                format!("{}{}{last}", rest.join(", "), tr(" en ", " and "))
            }
            None => String::new(),
        };
        sink.push(bad(
            crate::tr!(
                "{noun} met schema_version {v}; deze beeldbel leest versie {readable}",
                "{noun} of schema_version {v}; this beeldbel reads version {readable}"
            ),
            offset,
            tr("andere versie", "other version"),
        ));
        return None;
    }
    match parse(text, version) {
        Ok(value) if version.is_some() => Some((value, src.file)),
        Ok(_) => {
            sink.push(bad(
                crate::tr!(
                    "`{name}` is geen {noun}: `schema_version` ontbreekt",
                    "`{name}` is not a {noun}: `schema_version` is missing"
                ),
                0,
                tr("hier", "here"),
            ));
            None
        }
        Err(Unreadable::Dangling(d)) => {
            let offset = reference_offset(text, &d.key).unwrap_or(0);
            let what = match d.kind {
                "requirement" => tr("eis", "requirement"),
                "edition" => tr("editie", "edition"),
                "fact" => tr("feit", "fact"),
                "source" => tr("bron", "source"),
                "message" => tr("bevinding", "message"),
                _ => tr("invoerveld", "input field"),
            };
            let key = &d.key;
            sink.push(bad(
                crate::tr!(
                    "`{name}` is geen volledig {noun}: het verwijst naar {what} `{key}`, die het niet vermeldt",
                    "`{name}` is not a complete {noun}: it refers to {what} `{key}`, which it does not list"
                ),
                offset,
                tr("verwijzing zonder doel", "dangling reference"),
            ));
            None
        }
        Err(Unreadable::Json(e)) => {
            let offset = files
                .lines(src.file)
                .and_then(|l| l.offset(text, e.line(), e.column()))
                .unwrap_or(text.len());
            sink.push(bad(
                crate::tr!(
                    "`{name}` is geen {noun}: {e}",
                    "`{name}` is not a {noun}: {e}"
                ),
                offset,
                tr("hier", "here"),
            ));
            None
        }
    }
}
