//! Sources facts cite (`[sources.<key>]` in platform files, overlays and organisation files):
//! a public web page, or a contract, certificate, assessment or own test someone reviewed.
//!
//! A `web` or `probe` source needs a plain `https://` address (reports link it); the other kinds
//! are cited by title, kind, reference and date. A `document` names a local file with its
//! SHA-256: when that file exists next to the file naming it, its hash is verified.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, FileId, Sink};
use crate::i18n::Text;
use crate::schema::{Node, defs};
use crate::tr;

/// What kind of source a fact cites.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A public web page (the default): needs an `https://` address.
    #[default]
    Web,
    /// A contract or processor agreement someone reviewed.
    Contract,
    /// A certificate (ISO/IEC 27001, NEN 7510, …) someone saw.
    Certificate,
    /// An assessment: an audit report, a DPIA, a review.
    Assessment,
    /// An own test of the service (what was tested is named by its `https://` address).
    Probe,
}

impl SourceKind {
    /// The id written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Web => "web",
            SourceKind::Contract => "contract",
            SourceKind::Certificate => "certificate",
            SourceKind::Assessment => "assessment",
            SourceKind::Probe => "probe",
        }
    }

    /// The kind with this id (`web` for an id that is none).
    pub fn from_id(id: &str) -> SourceKind {
        match id {
            "contract" => SourceKind::Contract,
            "certificate" => SourceKind::Certificate,
            "assessment" => SourceKind::Assessment,
            "probe" => SourceKind::Probe,
            _ => SourceKind::Web,
        }
    }

    /// Whether this kind needs an `https://` address.
    pub fn needs_url(self) -> bool {
        matches!(self, SourceKind::Web | SourceKind::Probe)
    }

    /// The label in both languages (from the schema).
    pub fn text(self) -> Text {
        crate::schema::label(defs::PLATFORM_FILE, "sources.kind", self.as_str())
            .map_or_else(|| Text::same(self.as_str()), |v| v.text())
    }
}

/// A source a fact cites.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SourceRef {
    pub key: String,
    /// `web` (a public page) unless said otherwise.
    #[serde(default)]
    pub kind: SourceKind,
    pub title: String,
    /// The address (`https://`): always for `web` and `probe`, optional otherwise.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// Where in the source: an article, a page, a certificate number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reference: Option<String>,
    /// Who reviewed it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reviewer: Option<String>,
    /// A local document (path as written, relative to the file that names it).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub document: Option<String>,
    /// The SHA-256 of `document` (lowercase hex).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    pub checked: NaiveDate,
}

impl SourceRef {
    /// Checked more than `max_age_days` (the policy's `max_fact_age_days`) before `today`.
    pub fn is_stale(&self, today: NaiveDate, max_age_days: i64) -> bool {
        (today - self.checked).num_days() > max_age_days
    }

    /// The address when it is a plain `https://` address a report may link.
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().filter(|u| is_https(u))
    }

    /// Where to find the source, for a line of text: the address of a web page; for another kind
    /// its citation (kind, reference, reviewer, document) and the address if it has one.
    pub fn locator(&self) -> String {
        match (self.kind, &self.url) {
            (SourceKind::Web, Some(u)) => u.clone(),
            (_, Some(u)) => format!("{} — {u}", self.citation()),
            (_, None) => self.citation(),
        }
    }

    /// How a report cites a source without a link, in this run's language: its kind, reference,
    /// reviewer and document, e.g. `contract, art. 3.1, beoordeeld door J. de Vries (FG)`.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.kind.text().get().to_string()];
        if let Some(r) = &self.reference {
            parts.push(r.clone());
        }
        if let Some(r) = &self.reviewer {
            parts.push(tr!("beoordeeld door {r}", "reviewed by {r}"));
        }
        if let (Some(d), Some(h)) = (&self.document, &self.sha256) {
            parts.push(tr!(
                "document {d} (SHA-256 {h})",
                "document {d} (SHA-256 {h})"
            ));
        }
        parts.join(", ")
    }
}

/// A plain `https://` address: no spaces or control characters.
pub fn is_https(url: &str) -> bool {
    url.starts_with("https://")
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Sources keyed by their key, shared by the facts citing them.
pub type Sources = BTreeMap<String, Arc<SourceRef>>;

/// Documents hashed to verify a `sha256` only up to this size; a larger one is not read.
const MAX_DOCUMENT_BYTES: u64 = 256 * 1024 * 1024;

/// The `[sources.<key>]` tables of a validated file (`node` is the whole file). `file_name`:
/// the file's path as given, to find `document`s next to it (`<embedded>/…`: none).
pub fn build_sources(node: &Node, file: FileId, file_name: &str, sink: &mut Sink) -> Sources {
    let mut sources = BTreeMap::new();
    for e in node.get("sources").map(Node::entries).unwrap_or(&[]) {
        let s = &e.value;
        let (Some(title), Some(checked)) =
            (s.str_at("title"), s.get("checked").and_then(Node::as_date))
        else {
            continue;
        };
        let kind = SourceKind::from_id(s.str_at("kind").unwrap_or("web"));
        let url = s.str_at("url");
        let mut ok = true;
        match url {
            Some(u) if !is_https(u) => {
                ok = false;
                let span = s.get("url").map_or(s.span.clone(), |n| n.span.clone());
                sink.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        tr!(
                            "bron `{}` heeft geen https-adres: {u:?}",
                            "source `{}` has no https address: {u:?}",
                            e.key
                        ),
                    )
                    .at(file, span, tr!("geen https://-adres", "not an https:// address"))
                    .note(tr!(
                        "een bron moet een openbare pagina zijn die een lezer kan openen, bijvoorbeeld \"https://www.autoriteitpersoonsgegevens.nl/...\"",
                        "a source must be a public page a reader can open, for example \"https://www.autoriteitpersoonsgegevens.nl/...\""
                    )),
                );
            }
            None if kind.needs_url() => {
                ok = false;
                sink.push(
                    Diagnostic::error(
                        Code::MissingField,
                        tr!(
                            "bron `{}` ({}) heeft geen `url`",
                            "source `{}` ({}) has no `url`",
                            e.key,
                            kind.as_str()
                        ),
                    )
                    .at(file, e.key_span.clone(), tr!("zonder adres", "without an address"))
                    .note(tr!(
                        "een bron van soort web of probe heeft een https://-adres; een contract, certificaat of beoordeling zonder openbare pagina krijgt `kind = \"contract\"`, `\"certificate\"` of `\"assessment\"`",
                        "a web or probe source needs an https:// address; a contract, certificate or assessment without a public page gets `kind = \"contract\"`, `\"certificate\"` or `\"assessment\"`"
                    )),
                );
            }
            _ => {}
        }
        let document = s.str_at("document");
        let sha = s.str_at("sha256");
        match (document, sha) {
            (Some(_), None) => {
                ok = false;
                sink.push(
                    Diagnostic::error(
                        Code::MissingField,
                        tr!(
                            "bron `{}` noemt een document zonder `sha256`",
                            "source `{}` names a document without `sha256`",
                            e.key
                        ),
                    )
                    .at(
                        file,
                        s.get("document").map_or(s.span.clone(), |n| n.span.clone()),
                        tr!("zonder SHA-256", "without SHA-256"),
                    )
                    .note(tr!(
                        "voeg de SHA-256 van het document toe (bijvoorbeeld: `sha256sum contract.pdf`), zodat een lezer kan nagaan dat het om hetzelfde document gaat",
                        "add the document's SHA-256 (for example: `sha256sum contract.pdf`) so a reader can tell it is the same document"
                    )),
                );
            }
            (_, Some(h)) if !is_sha256(h) => {
                ok = false;
                let span = s.get("sha256").map_or(s.span.clone(), |n| n.span.clone());
                sink.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        tr!(
                            "`sha256` van bron `{}` is geen SHA-256",
                            "`sha256` of source `{}` is not a SHA-256",
                            e.key
                        ),
                    )
                    .at(
                        file,
                        span,
                        tr!(
                            "verwacht 64 hexadecimale tekens",
                            "expected 64 hexadecimal characters"
                        ),
                    ),
                );
            }
            (Some(doc), Some(h)) => {
                if let Some(actual) = document_hash(file_name, doc)
                    && !actual.eq_ignore_ascii_case(h)
                {
                    ok = false;
                    let span = s.get("sha256").map_or(s.span.clone(), |n| n.span.clone());
                    sink.push(
                        Diagnostic::error(
                            Code::DocumentHash,
                            tr!(
                                "het document `{doc}` van bron `{}` heeft een andere SHA-256",
                                "document `{doc}` of source `{}` has another SHA-256",
                                e.key
                            ),
                        )
                        .at(file, span, tr!("komt niet overeen", "does not match"))
                        .note(tr!(
                            "het bestand heeft SHA-256 {actual}; is het document vervangen?",
                            "the file's SHA-256 is {actual}; was the document replaced?"
                        )),
                    );
                }
            }
            (None, _) => {}
        }
        // A rejected source is still known (the run stops on its error): attributes citing it
        // are not reported again as citing an unknown source.
        let _ = ok;
        let opt = |k: &str| s.str_at(k).map(str::to_string);
        sources.insert(
            e.key.clone(),
            Arc::new(SourceRef {
                key: e.key.clone(),
                kind,
                title: title.to_string(),
                url: opt("url"),
                reference: opt("reference"),
                reviewer: opt("reviewer"),
                document: opt("document"),
                sha256: sha.map(str::to_ascii_lowercase),
                checked,
            }),
        );
    }
    sources
}

/// 64 hexadecimal characters.
fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// The SHA-256 of `doc` (relative to the folder of `file_name`), when it is a regular file of
/// at most [`MAX_DOCUMENT_BYTES`]; `None` when it is absent or cannot be read (a document may
/// be kept elsewhere, e.g. in a contract register: the hash then identifies it).
fn document_hash(file_name: &str, doc: &str) -> Option<String> {
    if file_name.starts_with("<") {
        return None;
    }
    let base = Path::new(file_name).parent().unwrap_or(Path::new(""));
    let path: PathBuf = base.join(doc);
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.len() > MAX_DOCUMENT_BYTES {
        return None;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(&path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    use sha2::Digest;
    use std::io::Read;
    let mut hasher = sha2::Sha256::new();
    let mut reader = file.take(MAX_DOCUMENT_BYTES);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Some(
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// Reports the sources of `node` that `used` does not name (a warning: BB032).
pub fn warn_unused(
    node: &Node,
    used: &std::collections::BTreeSet<String>,
    file: FileId,
    sink: &mut Sink,
) {
    for e in node.get("sources").map(Node::entries).unwrap_or(&[]) {
        if !used.contains(&e.key) {
            sink.push(
                Diagnostic::warning(
                    Code::UnusedSource,
                    tr!(
                        "bron \"{}\" wordt door geen attribuut gebruikt",
                        "source \"{}\" is used by no attribute",
                        e.key
                    ),
                )
                .at(file, e.key_span.clone(), tr!("ongebruikt", "unused")),
            );
        }
    }
}
