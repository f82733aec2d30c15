//! Remote inputs: `--policy`, `--platforms` and `--facts` given as `https://` URLs.
//!
//! A URL may carry a pin, `URL#sha256=HEX`; the lock file (`beeldbel.lock`, written by
//! `beeldbel lock`) pins URLs too. Online, every URL is fetched ([`crate::net`]) and checked
//! against its pin: a different SHA-256 is an error naming both hashes, never a silent update.
//! What was fetched (and matched its pin, if any) is stored in the cache, content-addressed by
//! SHA-256 (`$XDG_CACHE_HOME/beeldbel/sha256/<hex>`, written atomically). `--offline` reads only
//! the cache, and only for a pinned URL. See `docs/remote.md`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Sink};
use crate::input::sha256_hex;
use crate::net::{Client, NetError, NetOptions};
use crate::tr;

/// The lock file's default name, in the current folder.
pub const LOCK_FILE: &str = "beeldbel.lock";

/// A remote source as the report's provenance names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, Default)]
pub struct RemoteSource {
    /// The URL as given, without the `#sha256=` pin.
    pub url: String,
    pub sha256: String,
    /// When the bytes were downloaded (UTC, RFC 3339; from the cache: when they were cached).
    pub fetched_on: String,
}

/// A fetched input: its name for diagnostics (the URL) and its bytes.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub source: RemoteSource,
    pub bytes: Vec<u8>,
}

/// How remote inputs are fetched in this run.
#[derive(Clone, Debug)]
pub struct Settings {
    pub net: NetOptions,
    /// Use only the cache (and the pins/lock), never the network.
    pub offline: bool,
    /// The lock file and whether it was named (`--lock`): a named one must exist.
    pub lock: PathBuf,
    pub lock_named: bool,
    /// The cache folder (`…/beeldbel`); `None` when no cache folder can be found.
    pub cache: Option<PathBuf>,
    /// Check fetched sources against the lock file (`beeldbel lock` itself does not: it renews
    /// the entries it is given).
    pub use_lock: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            net: NetOptions::default(),
            offline: false,
            lock: PathBuf::from(LOCK_FILE),
            lock_named: false,
            cache: default_cache_dir(),
            use_lock: true,
        }
    }
}

/// `$XDG_CACHE_HOME/beeldbel`, else the platform's cache folder (`~/.cache/beeldbel`).
pub fn default_cache_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(dirs::cache_dir)
        .map(|p| p.join("beeldbel"))
}

/// Whether an input argument is a URL (`scheme://…`) rather than a path.
pub fn is_url(arg: &str) -> bool {
    match arg.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Splits `URL#sha256=HEX` into the URL and the pin (lower-case hex).
pub fn split_pin(arg: &str) -> Result<(String, Option<String>), String> {
    let Some((url, frag)) = arg.split_once('#') else {
        return Ok((arg.to_string(), None));
    };
    let Some(hex) = frag.strip_prefix("sha256=") else {
        return Err(tr!(
            "`#{frag}`: alleen `#sha256=` gevolgd door 64 hexadecimale tekens is toegestaan",
            "`#{frag}`: only `#sha256=` followed by 64 hexadecimal characters is allowed"
        ));
    };
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(tr!(
            "`#sha256={hex}` is geen SHA-256 (64 hexadecimale tekens)",
            "`#sha256={hex}` is not a SHA-256 (64 hexadecimal characters)"
        ));
    }
    Ok((url.to_string(), Some(hex.to_ascii_lowercase())))
}

/// The lock file: one entry per URL.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockFile {
    pub version: u32,
    #[serde(default, rename = "source")]
    pub sources: Vec<RemoteSource>,
}

impl LockFile {
    pub fn entry(&self, url: &str) -> Option<&RemoteSource> {
        self.sources.iter().find(|s| s.url == url)
    }

    /// Adds or replaces the entry for `s.url`, keeping the entries sorted by URL.
    pub fn set(&mut self, s: RemoteSource) {
        self.sources.retain(|e| e.url != s.url);
        self.sources.push(s);
        self.sources.sort_by(|a, b| a.url.cmp(&b.url));
    }

    /// The file's text.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# beeldbel.lock: the SHA-256 of each remote source, written by `beeldbel lock`.\n\
             # Every command checks what it fetches against it (docs/remote.md).\n{body}"
        )
    }
}

/// Reads the lock file: `None` when it does not exist (an error when `--lock` named it).
pub fn read_lock(path: &Path, named: bool, sink: &mut Sink) -> Option<LockFile> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return None,
        Err(e) => {
            sink.push(Diagnostic::error(
                Code::LockFile,
                tr!(
                    "lockbestand `{}` niet te lezen: {e}",
                    "cannot read lock file `{}`: {e}",
                    path.display()
                ),
            ));
            return None;
        }
    };
    match toml::from_str::<LockFile>(&text) {
        Ok(l) if l.version == 1 => Some(l),
        Ok(l) => {
            sink.push(Diagnostic::error(
                Code::LockFile,
                tr!(
                    "lockbestand `{}`: versie {} onbekend (verwacht 1)",
                    "lock file `{}`: version {} unknown (expected 1)",
                    path.display(),
                    l.version
                ),
            ));
            None
        }
        Err(e) => {
            sink.push(Diagnostic::error(
                Code::LockFile,
                tr!(
                    "lockbestand `{}` is geen geldig lockbestand: {}",
                    "lock file `{}` is not a valid lock file: {}",
                    path.display(),
                    e.message()
                ),
            ));
            None
        }
    }
}

/// Writes `text` to `path` atomically (a temporary file in the same folder, then renamed).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Fetches remote inputs for one run: one client, the lock file read once, each URL once.
pub struct Fetcher {
    settings: Settings,
    client: Option<Client>,
    lock: Option<LockFile>,
    lock_read: bool,
    done: HashMap<String, Option<Fetched>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("settings", &self.settings)
            .field("fetched", &self.done.len())
            .finish()
    }
}

/// A fetcher shared by the loaders of one run.
pub type Shared = Arc<Mutex<Fetcher>>;

impl Fetcher {
    pub fn new(settings: Settings) -> Fetcher {
        Fetcher {
            settings,
            client: None,
            lock: None,
            lock_read: false,
            done: HashMap::new(),
        }
    }

    pub fn shared(settings: Settings) -> Shared {
        Arc::new(Mutex::new(Fetcher::new(settings)))
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn lock_file(&mut self, sink: &mut Sink) -> Option<&LockFile> {
        if !self.lock_read {
            self.lock_read = true;
            self.lock = read_lock(&self.settings.lock, self.settings.lock_named, sink);
        }
        self.lock.as_ref()
    }

    fn client(&mut self, sink: &mut Sink) -> Option<&Client> {
        if self.client.is_none() {
            match Client::new(&self.settings.net) {
                Ok(c) => self.client = Some(c),
                Err(e) => {
                    sink.push(net_diagnostic(&e));
                    return None;
                }
            }
        }
        self.client.as_ref()
    }

    /// `arg` (`URL` or `URL#sha256=HEX`) fetched and checked, or from the cache offline. Each
    /// failure is a diagnostic naming the URL.
    pub fn fetch(&mut self, arg: &str, sink: &mut Sink) -> Option<Fetched> {
        if let Some(done) = self.done.get(arg) {
            return done.clone();
        }
        let result = self.fetch_uncached(arg, sink);
        self.done.insert(arg.to_string(), result.clone());
        result
    }

    fn fetch_uncached(&mut self, arg: &str, sink: &mut Sink) -> Option<Fetched> {
        let (url, pin) = match split_pin(arg) {
            Ok(p) => p,
            Err(reason) => {
                sink.push(Diagnostic::error(
                    Code::RemoteUrl,
                    format!("{arg}: {reason}"),
                ));
                return None;
            }
        };
        if let Err(e) = crate::net::parse_https(&url) {
            sink.push(net_diagnostic(&e));
            return None;
        }
        let locked = match self.settings.use_lock {
            true => self.lock_file(sink).and_then(|l| l.entry(&url)).cloned(),
            false => None,
        };
        let lock_name = self.settings.lock.display().to_string();
        let expected = match (&pin, &locked) {
            (Some(p), Some(l)) if *p != l.sha256 => {
                sink.push(
                    Diagnostic::error(
                        Code::RemoteHash,
                        tr!(
                            "{url}: de pin (#sha256={p}) en het lockbestand `{lock_name}` \
                             (sha256 {}) verschillen",
                            "{url}: the pin (#sha256={p}) and the lock file `{lock_name}` \
                             (sha256 {}) differ",
                            l.sha256
                        ),
                    )
                    .note(tr!(
                        "pas de pin aan of werk het lockbestand bij met `beeldbel lock {url}`",
                        "correct the pin or update the lock file with `beeldbel lock {url}`"
                    )),
                );
                return None;
            }
            (Some(p), _) => Some((p.clone(), tr("pin in de URL", "pin in the URL").to_string())),
            (None, Some(l)) => Some((
                l.sha256.clone(),
                tr!("lockbestand `{lock_name}`", "lock file `{lock_name}`"),
            )),
            (None, None) => None,
        };
        if self.settings.offline {
            return self.read_cached(&url, expected.as_ref().map(|e| e.0.as_str()), sink);
        }
        let client = self.client(sink)?;
        let response = match client.get(&url) {
            Ok(r) => r,
            Err(e) => {
                sink.push(net_diagnostic(&e).note(tr(
                    "er is niets geschreven; met --offline wordt een vastgepinde bron uit de cache gelezen",
                    "nothing was written; with --offline a pinned source is read from the cache",
                )));
                return None;
            }
        };
        check_response(&url, &response, sink)?;
        let sha256 = sha256_hex(&response.body);
        if let Some((want, from)) = &expected
            && *want != sha256
        {
            sink.push(
                Diagnostic::error(
                    Code::RemoteHash,
                    tr!(
                        "{url}: opgehaald SHA-256 {sha256}, vastgelegd {want} ({from}): ze verschillen",
                        "{url}: fetched SHA-256 {sha256}, pinned {want} ({from}): they differ"
                    ),
                )
                .note(tr(
                    "de inhoud op de server is veranderd; controleer de nieuwe versie en pin die \
                     bewust (`beeldbel lock URL` of een nieuwe #sha256=); er is niets bijgewerkt",
                    "the content on the server changed; review the new version and pin it on \
                     purpose (`beeldbel lock URL` or a new #sha256=); nothing was updated",
                )),
            );
            return None;
        }
        let fetched_on = now_rfc3339();
        self.store_in_cache(&sha256, &response.body, sink);
        Some(Fetched {
            source: RemoteSource {
                url,
                sha256,
                fetched_on,
            },
            bytes: response.body,
        })
    }

    fn cache_path(&self, sha256: &str) -> Option<PathBuf> {
        self.settings
            .cache
            .as_ref()
            .map(|c| c.join("sha256").join(sha256))
    }

    fn store_in_cache(&self, sha256: &str, bytes: &[u8], sink: &mut Sink) {
        let Some(path) = self.cache_path(sha256) else {
            return;
        };
        if path.is_file() {
            return;
        }
        if let Err(e) = write_atomic(&path, bytes) {
            sink.push(Diagnostic::warning(
                Code::RemoteCache,
                tr!(
                    "cache `{}` niet te schrijven: {e}; de bron wordt gebruikt maar is offline niet beschikbaar",
                    "cannot write cache `{}`: {e}; the source is used but will not be available offline",
                    path.display()
                ),
            ));
        }
    }

    fn read_cached(&self, url: &str, expected: Option<&str>, sink: &mut Sink) -> Option<Fetched> {
        let Some(sha256) = expected else {
            sink.push(
                Diagnostic::error(
                    Code::RemoteOffline,
                    tr!(
                        "{url}: --offline, maar deze URL heeft geen pin (#sha256=) en staat niet \
                         in het lockbestand `{}`",
                        "{url}: --offline, but this URL has no pin (#sha256=) and is not in the \
                         lock file `{}`",
                        self.settings.lock.display()
                    ),
                )
                .note(tr(
                    "zonder pin is niet te bepalen welke versie uit de cache geldt; pin de URL \
                     of draai eerst `beeldbel lock URL` met netwerk",
                    "without a pin there is no telling which cached version applies; pin the \
                     URL or first run `beeldbel lock URL` with network",
                )),
            );
            return None;
        };
        let path = self.cache_path(sha256);
        let bytes = path.as_ref().and_then(|p| std::fs::read(p).ok());
        let Some(bytes) = bytes.filter(|b| sha256_hex(b) == sha256) else {
            sink.push(Diagnostic::error(
                Code::RemoteOffline,
                tr!(
                    "{url}: --offline, maar sha256 {sha256} staat niet in de cache ({})",
                    "{url}: --offline, but sha256 {sha256} is not in the cache ({})",
                    path.map(|p| p.display().to_string())
                        .unwrap_or_else(|| tr("geen cachemap", "no cache folder").to_string())
                ),
            )
            .note(tr(
                "draai het commando één keer met netwerk (of `beeldbel lock URL`) om de cache te vullen",
                "run the command once with network (or `beeldbel lock URL`) to fill the cache",
            )));
            return None;
        };
        let fetched_on = path
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| m.modified().ok())
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .unwrap_or_default();
        Some(Fetched {
            source: RemoteSource {
                url: url.to_string(),
                sha256: sha256.to_string(),
                fetched_on,
            },
            bytes,
        })
    }
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn tr<'a>(nl: &'a str, en: &'a str) -> &'a str {
    crate::i18n::tr(nl, en)
}

/// The HTTP status must be 200 and the body must not be an HTML page.
fn check_response(url: &str, r: &crate::net::Response, sink: &mut Sink) -> Option<()> {
    if r.status != 200 {
        sink.push(Diagnostic::error(
            Code::RemoteStatus,
            tr!(
                "{url}: de server antwoordde met HTTP-status {} ({}) in plaats van het bestand",
                "{url}: the server answered HTTP status {} ({}) instead of the file",
                r.status,
                status_text(r.status)
            ),
        ));
        return None;
    }
    let content_type = r.header("content-type").unwrap_or("").to_ascii_lowercase();
    let start: Vec<u8> = r
        .body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    if content_type.starts_with("text/html")
        || start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
    {
        sink.push(
            Diagnostic::error(
                Code::RemoteNotToml,
                tr!(
                    "{url}: de server stuurde een HTML-pagina, geen TOML-bestand",
                    "{url}: the server sent an HTML page, not a TOML file"
                ),
            )
            .note(tr(
                "vaak een inlog- of foutpagina; controleer de URL (de ruwe versie van het \
                 bestand, niet de webpagina erover)",
                "often a login or error page; check the URL (the raw file, not the web page \
                 about it)",
            )),
        );
        return None;
    }
    Some(())
}

fn status_text(status: u16) -> &'static str {
    match status {
        301 | 302 | 303 | 307 | 308 => tr("doorverwijzing", "redirect"),
        401 => tr("niet aangemeld", "unauthorized"),
        403 => tr("geen toegang", "forbidden"),
        404 => tr("niet gevonden", "not found"),
        410 => tr("verwijderd", "gone"),
        429 => tr("te veel verzoeken", "too many requests"),
        500..=599 => tr("fout op de server", "server error"),
        _ => tr("onverwacht", "unexpected"),
    }
}

/// A network error as a diagnostic.
pub fn net_diagnostic(e: &NetError) -> Diagnostic {
    let code = match e {
        NetError::InvalidUrl { .. } | NetError::NotHttps { .. } => Code::RemoteUrl,
        NetError::CaFile { .. } => Code::CaFile,
        _ => Code::RemoteFetch,
    };
    Diagnostic::error(code, e.to_string())
}
