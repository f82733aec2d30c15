//! The one HTTP client of beeldbel: HTTPS only, over rustls (no native TLS, no OpenSSL).
//!
//! Trust is the web PKI roots (`webpki-roots`) plus, when given, a private CA from `--ca-file`
//! or `SSL_CERT_FILE` (PEM). Redirects are followed by hand, at most [`MAX_REDIRECTS`], never
//! to `http://` and never in a loop. The body is read in chunks and the size limit is checked
//! while reading, so an oversize answer never fills memory. Each fetch is a `tracing` span at
//! info level (`-v`) with the URL, the status, the bytes and the milliseconds.
//!
//! [`Client::get`] answers any HTTP status; errors are only for the transport, the limits and
//! the policy above. See `docs/remote.md`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::tr;

/// At most this many redirects are followed.
pub const MAX_REDIRECTS: usize = 5;
/// The default size limit of one answer: 10 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The default time limit of one fetch, redirects included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!("beeldbel/", env!("CARGO_PKG_VERSION"), " (+docs/remote.md)");

/// How the client connects: an extra CA, the time limit and the size limit.
#[derive(Clone, Debug)]
pub struct NetOptions {
    /// A PEM file with one or more CA certificates trusted besides the web PKI roots.
    pub ca_file: Option<PathBuf>,
    /// The time limit of one fetch, redirects included.
    pub timeout: Duration,
    /// The size limit of one answer's body.
    pub max_bytes: u64,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            ca_file: None,
            timeout: DEFAULT_TIMEOUT,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// An answer: the final URL after redirects, the status, the headers (lower-case names) and the
/// body.
#[derive(Clone, Debug)]
pub struct Response {
    pub url: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What went wrong with a certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CertProblem {
    Expired,
    NotYetValid,
    UnknownIssuer,
    WrongHost,
    Other(String),
}

/// Why a fetch failed. Each names the URL and what failed, in Dutch or English.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("{}", tr!("{url}: geen geldig adres ({reason})", "{url}: not a valid address ({reason})"))]
    InvalidUrl { url: String, reason: String },
    #[error("{}", tr!(
        "{url}: alleen https:// wordt opgehaald, geen ander protocol",
        "{url}: only https:// is fetched, no other scheme"
    ))]
    NotHttps { url: String },
    #[error("{}", tr!("--ca-file {}: {detail}", "--ca-file {}: {detail}", path.display()))]
    CaFile { path: PathBuf, detail: String },
    #[error("{}", cert_message(url, problem))]
    Certificate { url: String, problem: CertProblem },
    #[error("{}", tr!(
        "{url}: TLS-verbinding mislukt ({detail})",
        "{url}: TLS connection failed ({detail})"
    ))]
    Tls { url: String, detail: String },
    #[error("{}", tr!(
        "{url}: geen antwoord binnen {} s (tijdslimiet, zie --net-timeout)",
        "{url}: no answer within {} s (time limit, see --net-timeout)",
        secs_text(*limit)
    ))]
    Timeout { url: String, limit: Duration },
    #[error("{}", tr!(
        "{url}: verbinding mislukt ({detail})",
        "{url}: connection failed ({detail})"
    ))]
    Connect { url: String, detail: String },
    #[error("{}", tr!(
        "{url}: het antwoord is groter dan de limiet van {limit} bytes; niet verder gelezen",
        "{url}: the answer is larger than the limit of {limit} bytes; reading stopped"
    ))]
    TooLarge { url: String, limit: u64 },
    #[error("{}", tr!(
        "{url}: doorverwijzing naar {target} geweigerd: alleen https:// wordt gevolgd",
        "{url}: redirect to {target} refused: only https:// is followed"
    ))]
    RedirectNotHttps { url: String, target: String },
    #[error("{}", tr!(
        "{url}: meer dan {max} doorverwijzingen; gestopt",
        "{url}: more than {max} redirects; stopped",
        max = MAX_REDIRECTS
    ))]
    TooManyRedirects { url: String },
    #[error("{}", tr!(
        "{url}: doorverwijzingslus (terug naar {target})",
        "{url}: redirect loop (back to {target})"
    ))]
    RedirectLoop { url: String, target: String },
    #[error("{}", tr!(
        "{url}: doorverwijzing (status {status}) zonder geldige Location-kop",
        "{url}: redirect (status {status}) without a valid Location header"
    ))]
    BadRedirect { url: String, status: u16 },
    #[error("{}", tr!("{url}: ophalen mislukt ({detail})", "{url}: fetch failed ({detail})"))]
    Other { url: String, detail: String },
}

impl NetError {
    /// The URL the error is about (empty for a CA file error).
    pub fn url(&self) -> &str {
        match self {
            NetError::CaFile { .. } => "",
            NetError::InvalidUrl { url, .. }
            | NetError::NotHttps { url }
            | NetError::Certificate { url, .. }
            | NetError::Tls { url, .. }
            | NetError::Timeout { url, .. }
            | NetError::Connect { url, .. }
            | NetError::TooLarge { url, .. }
            | NetError::RedirectNotHttps { url, .. }
            | NetError::TooManyRedirects { url }
            | NetError::RedirectLoop { url, .. }
            | NetError::BadRedirect { url, .. }
            | NetError::Other { url, .. } => url,
        }
    }
}

fn secs_text(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{}", ms / 1000)
    } else {
        let text = format!("{:.1}", d.as_secs_f64());
        match crate::i18n::lang() {
            crate::i18n::Lang::Nl => text.replace('.', ","),
            crate::i18n::Lang::En => text,
        }
    }
}

fn cert_message(url: &str, problem: &CertProblem) -> String {
    match problem {
        CertProblem::Expired => tr!(
            "{url}: het certificaat van de server is verlopen",
            "{url}: the server's certificate has expired"
        ),
        CertProblem::NotYetValid => tr!(
            "{url}: het certificaat van de server is nog niet geldig",
            "{url}: the server's certificate is not valid yet"
        ),
        CertProblem::UnknownIssuer => tr!(
            "{url}: het certificaat van de server is niet uitgegeven door een vertrouwde CA \
             (eigen CA? geef die met --ca-file)",
            "{url}: the server's certificate is not issued by a trusted CA \
             (own CA? give it with --ca-file)"
        ),
        CertProblem::WrongHost => tr!(
            "{url}: het certificaat van de server geldt niet voor deze hostnaam",
            "{url}: the server's certificate is not valid for this host name"
        ),
        CertProblem::Other(detail) => tr!(
            "{url}: het certificaat van de server is afgewezen ({detail})",
            "{url}: the server's certificate was rejected ({detail})"
        ),
    }
}

/// The HTTP client: one per run, shared by every fetch.
pub struct Client {
    inner: reqwest::blocking::Client,
    opts: NetOptions,
}

impl Client {
    /// A client trusting the web PKI roots and `opts.ca_file`.
    pub fn new(opts: &NetOptions) -> Result<Client, NetError> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(path) = &opts.ca_file {
            add_ca_file(&mut roots, path)?;
        }
        let provider = crypto_provider();
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
            .map_err(|e| NetError::Tls {
                url: String::new(),
                detail: e.to_string(),
            })?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let inner = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout)
            .user_agent(USER_AGENT)
            .no_proxy()
            .build()
            .map_err(|e| NetError::Other {
                url: String::new(),
                detail: error_chain(&e),
            })?;
        Ok(Client {
            inner,
            opts: opts.clone(),
        })
    }

    /// The options this client was made with.
    pub fn options(&self) -> &NetOptions {
        &self.opts
    }

    /// GET `url`, following at most [`MAX_REDIRECTS`] https redirects. Any status is an answer.
    pub fn get(&self, url: &str) -> Result<Response, NetError> {
        self.get_with_headers(url, &[])
    }

    /// [`Client::get`] with extra request headers (e.g. `OCS-APIRequest: true` for the probe's
    /// Nextcloud capabilities request).
    pub fn get_with_headers(
        &self,
        url: &str,
        headers: &[(&str, &str)],
    ) -> Result<Response, NetError> {
        let span = tracing::info_span!("fetch", url = %url);
        let _enter = span.enter();
        let start = Instant::now();
        let result = self.get_inner(url, headers, start);
        let ms = start.elapsed().as_millis() as u64;
        match &result {
            Ok(r) => tracing::info!(
                final_url = %r.url,
                status = r.status,
                bytes = r.body.len(),
                ms,
                "fetched"
            ),
            Err(e) => tracing::info!(ms, error = %e, "fetch failed"),
        }
        result
    }

    fn get_inner(
        &self,
        url: &str,
        extra: &[(&str, &str)],
        start: Instant,
    ) -> Result<Response, NetError> {
        let mut current = parse_https(url)?;
        let mut seen = vec![current.clone()];
        for _ in 0..=MAX_REDIRECTS {
            let remaining = self.opts.timeout.saturating_sub(start.elapsed());
            if remaining.is_zero() {
                return Err(NetError::Timeout {
                    url: url.to_string(),
                    limit: self.opts.timeout,
                });
            }
            let mut req = self.inner.get(current.clone()).timeout(remaining);
            for (k, v) in extra {
                req = req.header(*k, *v);
            }
            let resp = req.send().map_err(|e| self.classify(url, &e))?;
            let status = resp.status().as_u16();
            if resp.status().is_redirection() && status != 304 {
                let target = resp
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|loc| current.join(loc).ok())
                    .ok_or_else(|| NetError::BadRedirect {
                        url: url.to_string(),
                        status,
                    })?;
                if target.scheme() != "https" {
                    return Err(NetError::RedirectNotHttps {
                        url: url.to_string(),
                        target: target.to_string(),
                    });
                }
                if seen.contains(&target) {
                    return Err(NetError::RedirectLoop {
                        url: url.to_string(),
                        target: target.to_string(),
                    });
                }
                tracing::info!(from = %current, to = %target, status, "redirect");
                seen.push(target.clone());
                current = target;
                continue;
            }
            let headers = resp
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_ascii_lowercase(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let final_url = resp.url().to_string();
            let body = self.read_body(url, resp)?;
            return Ok(Response {
                url: final_url,
                status,
                headers,
                body,
            });
        }
        Err(NetError::TooManyRedirects {
            url: url.to_string(),
        })
    }

    /// Reads the body in chunks, stopping as soon as it passes the size limit.
    fn read_body(&self, url: &str, resp: reqwest::blocking::Response) -> Result<Vec<u8>, NetError> {
        let limit = self.opts.max_bytes;
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(NetError::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        let mut body = Vec::new();
        let mut reader = resp.take(limit.saturating_add(1));
        reader.read_to_end(&mut body).map_err(|e| {
            let inner = e.get_ref().and_then(|i| i.downcast_ref::<reqwest::Error>());
            match inner {
                Some(re) => self.classify(url, re),
                None if e.kind() == std::io::ErrorKind::TimedOut => NetError::Timeout {
                    url: url.to_string(),
                    limit: self.opts.timeout,
                },
                None => NetError::Connect {
                    url: url.to_string(),
                    detail: io_chain(&e),
                },
            }
        })?;
        if body.len() as u64 > limit {
            return Err(NetError::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        Ok(body)
    }

    fn classify(&self, url: &str, e: &reqwest::Error) -> NetError {
        let url = url.to_string();
        if let Some(problem) = find_rustls_error(e) {
            return match problem {
                rustls::Error::InvalidCertificate(c) => NetError::Certificate {
                    url,
                    problem: cert_problem(c),
                },
                other => NetError::Tls {
                    url,
                    detail: other.to_string(),
                },
            };
        }
        if e.is_timeout() || chain_has_timeout(e) {
            return NetError::Timeout {
                url,
                limit: self.opts.timeout,
            };
        }
        if e.is_connect() {
            return NetError::Connect {
                url,
                detail: deepest(e),
            };
        }
        NetError::Other {
            url,
            detail: error_chain(e),
        }
    }
}

fn cert_problem(c: &rustls::CertificateError) -> CertProblem {
    use rustls::CertificateError as C;
    match c {
        C::Expired | C::ExpiredContext { .. } => CertProblem::Expired,
        C::NotValidYet | C::NotValidYetContext { .. } => CertProblem::NotYetValid,
        C::UnknownIssuer => CertProblem::UnknownIssuer,
        C::NotValidForName | C::NotValidForNameContext { .. } => CertProblem::WrongHost,
        other => CertProblem::Other(format!("{other:?}")),
    }
}

/// The rustls crypto provider of every TLS connection beeldbel makes (also the probe's).
///
/// *ring*, not aws-lc-rs: aws-lc-rs needs a C and CMake build, and ring's key exchanges
/// (X25519, P-256, P-384) are what the servers we fetch text files from offer. rustls 0.23.48
/// marks ring's provider deprecated only because it lacks post-quantum key exchange.
#[allow(deprecated)]
pub fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Parses `url` and accepts only `https://`.
pub fn parse_https(url: &str) -> Result<reqwest::Url, NetError> {
    let parsed = reqwest::Url::parse(url).map_err(|e| NetError::InvalidUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if parsed.scheme() != "https" {
        return Err(NetError::NotHttps {
            url: url.to_string(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(NetError::InvalidUrl {
            url: url.to_string(),
            reason: tr!("geen host", "no host"),
        });
    }
    Ok(parsed)
}

fn add_ca_file(roots: &mut rustls::RootCertStore, path: &Path) -> Result<(), NetError> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let ca_err = |detail: String| NetError::CaFile {
        path: path.to_path_buf(),
        detail,
    };
    let bytes = std::fs::read(path).map_err(|e| ca_err(e.to_string()))?;
    let mut certs = Vec::new();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        certs.push(cert.map_err(|e| {
            ca_err(tr!(
                "geen geldig PEM-bestand ({e})",
                "not a valid PEM file ({e})"
            ))
        })?);
    }
    if certs.is_empty() {
        return Err(ca_err(tr!(
            "bevat geen certificaat (-----BEGIN CERTIFICATE-----)",
            "holds no certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    // A system bundle (SSL_CERT_FILE) may hold a certificate webpki cannot use as a root: skip
    // it, as other TLS clients do, as long as one is usable.
    let (added, _ignored) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(ca_err(tr!(
            "geen certificaat bruikbaar als CA",
            "no certificate usable as a CA"
        )));
    }
    Ok(())
}

fn find_rustls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut cur: Option<&'a (dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(r) = err.downcast_ref::<rustls::Error>() {
            return Some(r);
        }
        // `io::Error::source` skips the error it wraps, and io errors nest (hyper wraps the
        // TLS stream's io error in another one): descend through `get_ref` instead.
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            cur = Some(inner as &(dyn std::error::Error + 'static));
            continue;
        }
        cur = err.source();
    }
    None
}

fn chain_has_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return true;
        }
        cur = err.source();
    }
    false
}

/// The messages of an error and its sources, joined by ": ", without repeats.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let s = err.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = err.source();
    }
    parts.join(": ")
}

/// The message of the innermost error (for a failed connection: "Connection refused", "failed
/// to lookup address information: …"), without the layers naming the URL again.
fn deepest(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    loop {
        if let Some(io) = cur.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
        {
            cur = inner;
            continue;
        }
        match cur.source() {
            Some(next) => cur = next,
            None => return cur.to_string(),
        }
    }
}

fn io_chain(e: &std::io::Error) -> String {
    error_chain(e)
}
