//! A real HTTPS server on 127.0.0.1 for the tests, with a test CA made at test time (rcgen).
//!
//! The server speaks HTTP/1.1 over rustls on std threads and answers canned [`Route`]s (status,
//! headers, body, an optional delay before the answer, redirects). Routes can be changed while
//! it runs ([`TestServer::set`]). [`ServerOptions`] give a TLS 1.2-only server, an expired
//! certificate, a self-signed certificate (not from the test CA) and a certificate for another
//! host name. [`TestServer::ca_file`] is the test CA's PEM, for `--ca-file`.
//!
//! Nothing here reaches the internet.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// One canned answer.
#[derive(Clone, Debug)]
pub struct Route {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Option<Duration>,
    /// Send this many bytes as the body without a Content-Length header (streamed, `Connection:
    /// close`), so a client can only find the size by reading.
    pub unsized_body: bool,
}

impl Route {
    /// 200 with this body, `Content-Type: text/plain`.
    pub fn ok(body: impl Into<Vec<u8>>) -> Route {
        Route::status(200, body).header("content-type", "text/plain; charset=utf-8")
    }

    /// Any status with this body.
    pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Route {
        Route {
            status,
            headers: Vec::new(),
            body: body.into(),
            delay: None,
            unsized_body: false,
        }
    }

    /// A 302 redirect to `location` (absolute or relative).
    pub fn redirect(location: &str) -> Route {
        Route::status(302, Vec::new()).header("location", location)
    }

    pub fn header(mut self, name: &str, value: &str) -> Route {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn delay(mut self, d: Duration) -> Route {
        self.delay = Some(d);
        self
    }

    pub fn unsized_body(mut self) -> Route {
        self.unsized_body = true;
        self
    }
}

/// Which certificate the server presents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CertKind {
    /// From the test CA, for 127.0.0.1 and localhost, valid now.
    #[default]
    Good,
    /// From the test CA, expired last year.
    Expired,
    /// Self-signed, not from the test CA.
    SelfSigned,
    /// From the test CA, but for `other.example` only.
    OtherHost,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ServerOptions {
    pub cert: CertKind,
    /// Offer TLS 1.2 only.
    pub tls12_only: bool,
}

/// The test CA: made once per server, its PEM written to a temporary file.
pub struct TestCa {
    pub issuer: CertifiedIssuer<'static, KeyPair>,
    pub pem: String,
}

impl TestCa {
    pub fn new() -> TestCa {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
        params
            .distinguished_name
            .push(DnType::CommonName, "beeldbel test CA");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().expect("ca key");
        let issuer = CertifiedIssuer::self_signed(params, key).expect("ca cert");
        let pem = issuer.pem();
        TestCa { issuer, pem }
    }

    /// A leaf certificate for `names`, valid between the two dates (year, month, day).
    pub fn leaf(
        &self,
        names: &[&str],
        not_before: (i32, u8, u8),
        not_after: (i32, u8, u8),
    ) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
        let mut params =
            CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .expect("leaf params");
        params.not_before = rcgen::date_time_ymd(not_before.0, not_before.1, not_before.2);
        params.not_after = rcgen::date_time_ymd(not_after.0, not_after.1, not_after.2);
        let key = KeyPair::generate().expect("leaf key");
        let issuer: &Issuer<'_, KeyPair> = &self.issuer;
        let cert = params.signed_by(&key, issuer).expect("leaf cert");
        (
            cert.der().clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
    }
}

impl Default for TestCa {
    fn default() -> Self {
        TestCa::new()
    }
}

fn this_year() -> i32 {
    // Days since 1970 / 365.2425, good enough to pick a year that is surely past or future.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    1970 + (secs / 31_556_952) as i32
}

/// A running HTTPS test server. It stops (stops accepting) when dropped.
pub struct TestServer {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    hits: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    _dir: tempfile::TempDir,
    ca_path: PathBuf,
    pub ca: Arc<TestCa>,
}

impl TestServer {
    /// A server with a good certificate from a new test CA.
    pub fn start() -> TestServer {
        TestServer::with_options(ServerOptions::default())
    }

    pub fn with_options(opts: ServerOptions) -> TestServer {
        TestServer::with_ca(Arc::new(TestCa::new()), opts)
    }

    /// A server whose certificate comes from `ca` (so two servers can share one CA).
    pub fn with_ca(ca: Arc<TestCa>, opts: ServerOptions) -> TestServer {
        let year = this_year();
        let (cert, key) = match opts.cert {
            CertKind::Good => ca.leaf(
                &["127.0.0.1", "localhost"],
                (year - 1, 1, 1),
                (year + 2, 1, 1),
            ),
            CertKind::Expired => ca.leaf(
                &["127.0.0.1", "localhost"],
                (year - 3, 1, 1),
                (year - 1, 1, 1),
            ),
            CertKind::OtherHost => ca.leaf(&["other.example"], (year - 1, 1, 1), (year + 2, 1, 1)),
            CertKind::SelfSigned => {
                let key = KeyPair::generate().expect("key");
                let params = CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("params");
                let cert = params.self_signed(&key).expect("self-signed");
                (
                    cert.der().clone(),
                    PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
                )
            }
        };
        let provider = beeldbel::net::crypto_provider();
        let versions: &[&rustls::SupportedProtocolVersion] = if opts.tls12_only {
            &[&rustls::version::TLS12]
        } else {
            &[&rustls::version::TLS13, &rustls::version::TLS12]
        };
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(versions)
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .expect("server config");
        let config = Arc::new(config);

        let dir = tempfile::tempdir().expect("tempdir");
        let ca_path = dir.path().join("test-ca.pem");
        std::fs::write(&ca_path, &ca.pem).expect("write ca");

        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (routes, hits, stop) = (routes.clone(), hits.clone(), stop.clone());
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (config, routes, hits) = (config.clone(), routes.clone(), hits.clone());
                    thread::spawn(move || serve(stream, config, &routes, &hits));
                }
            });
        }
        TestServer {
            port,
            routes,
            hits,
            stop,
            _dir: dir,
            ca_path,
            ca,
        }
    }

    /// Sets (or replaces) the answer for `path` (e.g. `/policy.toml`).
    pub fn set(&self, path: &str, route: Route) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_string(), route);
    }

    /// `https://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{}", self.port, path)
    }

    /// The test CA's PEM file, for `--ca-file`.
    pub fn ca_file(&self) -> &Path {
        &self.ca_path
    }

    /// The request paths served so far, in order.
    pub fn hits(&self) -> Vec<String> {
        self.hits.lock().expect("hits").clone()
    }

    /// How many requests reached `path`.
    pub fn hit_count(&self, path: &str) -> usize {
        self.hits().iter().filter(|p| *p == path).count()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(
    stream: TcpStream,
    config: Arc<rustls::ServerConfig>,
    routes: &Mutex<HashMap<String, Route>>,
    hits: &Mutex<Vec<String>>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, stream);
    // Read the request head (up to 16 KiB).
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match tls.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let path = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    hits.lock().expect("hits").push(path.clone());
    let route = routes
        .lock()
        .expect("routes")
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Route::status(404, "not found\n"));
    if let Some(d) = route.delay {
        thread::sleep(d);
    }
    let mut out = format!("HTTP/1.1 {} {}\r\n", route.status, reason(route.status));
    for (n, v) in &route.headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    if !route.unsized_body {
        out.push_str(&format!("content-length: {}\r\n", route.body.len()));
    }
    out.push_str("connection: close\r\n\r\n");
    let _ = tls.write_all(out.as_bytes());
    for chunk in route.body.chunks(16 * 1024) {
        if tls.write_all(chunk).is_err() {
            return;
        }
    }
    let _ = tls.flush();
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
