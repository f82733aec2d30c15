//! `beeldbel probe` against local HTTPS servers (127.0.0.1, a test CA made at run time and
//! passed with --ca-file): Jitsi fixtures, BigBlueButton, Nextcloud, a TLS 1.2-only server,
//! missing headers, a hostile config.js, and the facts overlay changing a `check` outcome.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

type Routes = HashMap<String, (u16, Vec<(String, String)>, Vec<u8>)>;

#[allow(deprecated)] // ring: no C toolchain needed
/// A test HTTPS server; returns its base URL and the CA file to trust.
fn serve(routes: Routes, tls12_only: bool, dir: &Path) -> (String, PathBuf) {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca.pem()).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = if tls12_only {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13, &rustls::version::TLS12]
    };
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(leaf.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
        )
        .unwrap();
    let cfg = Arc::new(cfg);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let routes = Arc::new(routes);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let cfg = cfg.clone();
            let routes = routes.clone();
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let Ok(conn) = rustls::ServerConnection::new(cfg) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut req = Vec::new();
                let mut buf = [0u8; 4096];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&req)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_string();
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let (status, headers, body) =
                    routes
                        .get(&path)
                        .cloned()
                        .unwrap_or((404, vec![], b"not found".to_vec()));
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = tls.write_all(head.as_bytes());
                let _ = tls.write_all(&body);
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    (format!("https://127.0.0.1:{port}"), ca_file)
}

fn good_headers() -> Vec<(String, String)> {
    [
        ("Strict-Transport-Security", "max-age=63072000"),
        ("Content-Security-Policy", "default-src 'self'"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", "camera=(self)"),
        ("X-Content-Type-Options", "nosniff"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn jitsi_routes(config: &[u8], headers: Vec<(String, String)>) -> Routes {
    let mut r = Routes::new();
    r.insert(
        "/".into(),
        (200, headers, b"<html>Jitsi Meet</html>".to_vec()),
    );
    r.insert("/config.js".into(), (200, vec![], config.to_vec()));
    r.insert(
        "/interface_config.js".into(),
        (200, vec![], b"var interfaceConfig = {};".to_vec()),
    );
    r
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/data/probe/{name}/config.js")).unwrap()
}

fn probe(url: &str, ca: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("beeldbel")
        .unwrap()
        .args(["--lang", "en", "probe", url, "--ca-file"])
        .arg(ca)
        .args(extra)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn jitsi_2021_release_reports_the_8x8_stun_server_and_gravatar() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca) = serve(
        jitsi_routes(&fixture("jitsi-5e4f09d"), good_headers()),
        false,
        dir.path(),
    );
    let (code, out, err) = probe(&url, &ca, &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Platform: Jitsi Meet"), "{out}");
    assert!(
        out.contains("meet-jit-si-turnrelay.jitsi.net of 8x8"),
        "{out}"
    );
    assert!(out.contains("[PLAT-LOC-01, PLAT-TELEM-01]"), "{out}");
    assert!(out.contains("Gravatar"), "{out}");
    assert!(
        out.contains("TLS 1.3: yes  TLS 1.2: yes  TLS 1.0/1.1: not testable"),
        "{out}"
    );
    assert!(out.contains("ok: HSTS is on"), "{out}");
}

#[test]
fn jitsi_2014_release_has_no_stun_finding() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca) = serve(
        jitsi_routes(&fixture("jitsi-002c984"), vec![]),
        false,
        dir.path(),
    );
    let (code, out, _) = probe(&url, &ca, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["platform"], "jitsi");
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"jitsi.p2p.stun-non-eu"), "{ids:?}");
    assert!(ids.contains(&"jitsi.gravatar"), "{ids:?}");
    // Missing headers are reported.
    assert!(ids.contains(&"headers.hsts") && ids.contains(&"headers.content-security-policy"));
    assert!(
        out.contains("security header content-security-policy missing"),
        "{out}"
    );
    assert_eq!(code, 0, "warnings only: {out}");
}

#[test]
fn a_tls12_only_server_is_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca) = serve(
        jitsi_routes(&fixture("jitsi-002c984"), good_headers()),
        true,
        dir.path(),
    );
    let (_, out, _) = probe(&url, &ca, &[]);
    assert!(out.contains("TLS 1.3: no  TLS 1.2: yes"), "{out}");
}

#[test]
fn bigbluebutton_and_nextcloud_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Routes::new();
    r.insert("/bigbluebutton/api".into(), (200, vec![], b"<response><returncode>SUCCESS</returncode><version>2.0</version><apiVersion>2.0</apiVersion><bbbVersion>2.7.3</bbbVersion></response>".to_vec()));
    let (url, ca) = serve(r, false, dir.path());
    let (_, out, _) = probe(&url, &ca, &[]);
    assert!(
        out.contains("Platform: BigBlueButton") && out.contains("Version: 2.0"),
        "{out}"
    );

    let mut r = Routes::new();
    r.insert("/status.php".into(), (200, vec![], br#"{"installed":true,"maintenance":false,"needsDbUpgrade":false,"version":"28.0.1.1","versionstring":"28.0.1","edition":"","productname":"Nextcloud","extendedSupport":false}"#.to_vec()));
    r.insert("/ocs/v2.php/cloud/capabilities?format=json".into(), (200, vec![], br#"{"ocs":{"meta":{"status":"ok"},"data":{"capabilities":{"spreed":{"features":["audio","video","lobby-webinar","recording-v1"],"version":"18.0.1"}}}}}"#.to_vec()));
    let (url, ca) = serve(r, false, dir.path());
    let (_, out, _) = probe(&url, &ca, &[]);
    assert!(
        out.contains("Platform: Nextcloud Talk") && out.contains("Nextcloud Talk 18.0.1"),
        "{out}"
    );
    assert!(out.contains("Talk offers a lobby"), "{out}");
}

#[test]
fn hostile_config_js_gives_a_finding_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        (
            "deep",
            format!("var config = {}", "{a:".repeat(10_000)).into_bytes(),
        ),
        ("unterminated", b"var config = { a: 'never closed ".to_vec()),
        (
            "huge",
            format!("var config = {{ a: '{}' }};", "x".repeat(3 * 1024 * 1024)).into_bytes(),
        ),
    ] {
        let (url, ca) = serve(jitsi_routes(&body, good_headers()), false, dir.path());
        let started = Instant::now();
        let (code, out, err) = probe(&url, &ca, &[]);
        assert!(started.elapsed() < Duration::from_secs(30), "{name}");
        assert!(code == 0 || code == 1 || code == 2, "{name}: {code} {err}");
        assert!(out.contains("cannot be read as data"), "{name}: {out}{err}");
    }
}

#[test]
fn failures_are_exit_2_naming_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let (url, ca) = serve(Routes::new(), false, dir.path());
    let (code, _, err) = probe("http://127.0.0.1:1/", &ca, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("BB120") && err.contains("not an https:// address"),
        "{err}"
    );
    // A server whose certificate the default roots do not trust.
    let out = Command::cargo_bin("beeldbel")
        .unwrap()
        .args(["--lang", "en", "probe", &url])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("no valid TLS connection"), "{stdout}");
    // Nothing listening.
    let free = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, _, err) = probe(&format!("https://127.0.0.1:{free}/"), &ca, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be reached"), "{err}");
}

#[test]
fn the_facts_overlay_changes_a_self_hosted_deployments_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let config = b"var config = { testing: { disableE2EE: true }, disableThirdPartyRequests: true, p2p: { enabled: false } };";
    let (url, ca) = serve(jitsi_routes(config, good_headers()), false, dir.path());
    let facts = dir.path().join("probe.toml");
    let (code, out, err) = probe(&url, &ca, &["--facts-out", facts.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let toml = std::fs::read_to_string(&facts).unwrap();
    assert!(
        toml.contains("kind = \"probe\"") && toml.contains(&url),
        "{toml}"
    );
    let check = |extra: &[&str]| {
        let out = Command::cargo_bin("beeldbel")
            .unwrap()
            .args(extra)
            .args([
                "--lang",
                "en",
                "check",
                "--format",
                "json",
                "docs/examples/zorggroep-jitsi.toml",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.to_string()
    };
    let before = check(&[]);
    let after = check(&["--facts", facts.to_str().unwrap()]);
    assert_ne!(before, after);
    let e2ee_fail = |s: &str| s.contains("PLAT-E2EE-01") && s.matches("\"fail\"").count() > 0;
    assert!(e2ee_fail(&after), "{after}");
}
