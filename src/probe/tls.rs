//! The probe's TLS inspection, with rustls over a `std` TCP stream: which
//! protocol versions the server accepts (TLS 1.3 and TLS 1.2; rustls cannot speak 1.0 or 1.1,
//! so those are "not testable"), whether the chain verifies against the web PKI roots (or the
//! `--ca-file` CA), and when the certificate expires. The probe's GETs go through the shared
//! client ([`crate::net`]).

use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

/// The trust anchors: the web PKI roots, plus the certificates of a `--ca-file`.
pub fn roots(ca_file: Option<&Path>) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = ca_file {
        let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if certs.is_empty() {
            return Err(format!("{}: no PEM certificates", path.display()));
        }
        for c in certs {
            roots
                .add(c)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(roots)
}

/// Which protocol versions a client configuration allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versions {
    Tls13,
    Tls12,
    Both,
}

// The ring provider: pure Rust and assembly, no C toolchain (aws-lc) needed; post-quantum key
// exchange does not matter for reading what a server offers.
#[allow(deprecated)]
fn config(roots: &RootCertStore, v: Versions) -> Result<Arc<ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = match v {
        Versions::Tls13 => &[&rustls::version::TLS13],
        Versions::Tls12 => &[&rustls::version::TLS12],
        Versions::Both => &[&rustls::version::TLS13, &rustls::version::TLS12],
    };
    let cfg = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots.clone())
        .with_no_client_auth();
    Ok(Arc::new(cfg))
}

/// A finished TLS connection.
pub type Tls = StreamOwned<ClientConnection, TcpStream>;

/// Connects to `host:port` and completes the handshake (verifying the chain and host name).
pub fn connect(
    host: &str,
    port: u16,
    roots: &RootCertStore,
    v: Versions,
    timeout: Duration,
) -> Result<Tls, String> {
    let addr = (host, port)
        .to_socket_addrs()
        .map_err(|e| e.to_string())?
        .next()
        .ok_or_else(|| "no address".to_string())?;
    let tcp = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    tcp.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    tcp.set_write_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from(host.to_string()).map_err(|e| e.to_string())?;
    let conn = ClientConnection::new(config(roots, v)?, name).map_err(|e| e.to_string())?;
    let mut tls = StreamOwned::new(conn, tcp);
    let deadline = Instant::now() + timeout;
    while tls.conn.is_handshaking() {
        if Instant::now() > deadline {
            return Err("handshake timed out".into());
        }
        tls.conn
            .complete_io(&mut tls.sock)
            .map_err(|e| e.to_string())?;
    }
    Ok(tls)
}

/// The leaf certificate's expiry as a Unix time, from a finished connection.
pub fn not_after(tls: &Tls) -> Option<i64> {
    let der = tls.conn.peer_certificates()?.first()?;
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    Some(cert.validity().not_after.timestamp())
}
