//! `beeldbel probe` against local HTTPS servers (tests/common/https.rs: 127.0.0.1, a test CA made
//! at run time, passed with --ca-file): three Jitsi Meet releases' config.js, BigBlueButton,
//! Nextcloud Talk, a TLS 1.2-only server, an expired certificate, missing headers, a hostile
//! config.js, and the facts overlay changing a self-hosted deployment's `check` outcome.

mod common;

use std::time::{Duration, Instant};

use common::Run;
use common::https::{CertKind, Route, ServerOptions, TestServer};
use serde_json::Value;

const HEADERS: [(&str, &str); 5] = [
    ("Strict-Transport-Security", "max-age=63072000"),
    ("Content-Security-Policy", "default-src 'self'"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(self)"),
    ("X-Content-Type-Options", "nosniff"),
];

fn start_page(with_headers: bool) -> Route {
    let mut r = Route::ok("<html><title>Jitsi Meet</title></html>");
    if with_headers {
        for (k, v) in HEADERS {
            r = r.header(k, v);
        }
    }
    r
}

fn jitsi_server(config: &[u8], opts: ServerOptions, with_headers: bool) -> TestServer {
    let s = TestServer::with_options(opts);
    s.set("/", start_page(with_headers));
    s.set("/config.js", Route::ok(config.to_vec()));
    s.set(
        "/interface_config.js",
        Route::ok("var interfaceConfig = {};"),
    );
    s
}

fn fixture(tag: &str) -> Vec<u8> {
    std::fs::read(common::root().join(format!("tests/data/probe/jitsi-{tag}/config.js"))).unwrap()
}

fn probe(s: &TestServer, extra: &[&str]) -> Run {
    let out = common::raw()
        .args(["--lang", "en", "probe", &s.url("/"), "--ca-file"])
        .arg(s.ca_file())
        .args(extra)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    Run::of(out)
}

fn ids(run: &Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

fn finding<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no finding {id} in {report:#}"))
}

#[test]
fn jitsi_2021_release_reports_the_8x8_stun_server_and_gravatar() {
    let s = jitsi_server(&fixture("5e4f09d"), ServerOptions::default(), true);
    let run = probe(&s, &[]);
    run.code(1);
    let out = &run.stdout;
    assert!(out.contains("Platform: Jitsi Meet"), "{out}");
    assert!(
        out.contains("PROBLEM: peer-to-peer uses STUN server meet-jit-si-turnrelay.jitsi.net of 8x8 (VS / US)"),
        "{out}"
    );
    assert!(out.contains("[PLAT-LOC-01, PLAT-TELEM-01]"), "{out}");
    assert!(
        out.contains("warning: avatars through the release's default Gravatar service"),
        "{out}"
    );
    assert!(
        out.contains("TLS 1.3: yes  TLS 1.2: yes  TLS 1.0/1.1: not testable"),
        "{out}"
    );
    assert!(out.contains("ok: HSTS is on"), "{out}");
    // Polite: only the documented paths, each once.
    assert_eq!(s.hits(), ["/", "/config.js", "/interface_config.js"]);
}

#[test]
fn jitsi_2014_release_has_no_stun_finding_and_missing_headers_are_reported() {
    let s = jitsi_server(&fixture("002c984"), ServerOptions::default(), false);
    let run = probe(&s, &["--format", "json"]);
    run.code(0);
    let ids = ids(&run);
    assert!(!ids.iter().any(|i| i.starts_with("jitsi.p2p")), "{ids:?}");
    assert!(ids.contains(&"jitsi.gravatar".to_string()), "{ids:?}");
    let report = run.json();
    assert_eq!(report["platform"], "jitsi");
    assert_eq!(finding(&report, "headers.hsts")["level"], "warning");
    assert_eq!(
        finding(&report, "headers.content-security-policy")["text"]["en"],
        "security header content-security-policy missing (GDPR art. 32: appropriate security)"
    );
}

#[test]
fn jitsi_recent_release_with_its_ssi_prelude_is_read() {
    let s = jitsi_server(&fixture("recent"), ServerOptions::default(), true);
    let run = probe(&s, &["--format", "json"]);
    let report = run.json();
    assert_eq!(report["platform"], "jitsi", "{}", run.show());
    let ids = ids(&run);
    assert!(
        !ids.contains(&"jitsi.config.unreadable".to_string()),
        "{ids:?}"
    );
    assert!(ids.contains(&"jitsi.e2ee.available".to_string()), "{ids:?}");
    assert_eq!(
        finding(&report, "jitsi.p2p.stun-non-eu")["evidence"],
        "meet-jit-si-turnrelay.jitsi.net"
    );
}

#[test]
fn a_tls12_only_server_is_reported_as_such() {
    let opts = ServerOptions {
        tls12_only: true,
        ..Default::default()
    };
    let s = jitsi_server(&fixture("002c984"), opts, true);
    let run = probe(&s, &[]);
    assert!(
        run.stdout.contains("TLS 1.3: no  TLS 1.2: yes"),
        "{}",
        run.show()
    );
}

#[test]
fn an_expired_certificate_fails_encryption_in_transit() {
    let opts = ServerOptions {
        cert: CertKind::Expired,
        ..Default::default()
    };
    let s = jitsi_server(&fixture("002c984"), opts, true);
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("f.toml");
    let run = probe(
        &s,
        &[
            "--platform",
            "jitsi",
            "--facts-out",
            facts.to_str().unwrap(),
        ],
    );
    run.code(1);
    assert!(
        run.stdout.contains("PROBLEM: no valid TLS connection"),
        "{}",
        run.show()
    );
    // Nothing was asked of a server whose certificate does not verify.
    assert!(s.hits().is_empty(), "{:?}", s.hits());
    let toml = std::fs::read_to_string(&facts).unwrap();
    assert!(
        toml.contains("encryption_in_transit = { value = false"),
        "{toml}"
    );
}

#[test]
fn bigbluebutton_and_nextcloud_talk_are_recognised() {
    let s = TestServer::start();
    s.set(
        "/bigbluebutton/api",
        Route::ok(
            std::fs::read(common::root().join("tests/data/probe/bigbluebutton/api.xml")).unwrap(),
        ),
    );
    let run = probe(&s, &[]);
    assert!(
        run.stdout.contains("Platform: BigBlueButton") && run.stdout.contains("Version: 2.0"),
        "{}",
        run.show()
    );

    let s = TestServer::start();
    s.set(
        "/status.php",
        Route::ok(
            std::fs::read(common::root().join("tests/data/probe/nextcloud/status.php.json"))
                .unwrap(),
        ),
    );
    s.set(
        "/ocs/v2.php/cloud/capabilities?format=json",
        Route::ok(
            std::fs::read(common::root().join("tests/data/probe/nextcloud/capabilities.json"))
                .unwrap(),
        ),
    );
    let run = probe(&s, &[]);
    let out = &run.stdout;
    assert!(out.contains("Platform: Nextcloud Talk"), "{}", run.show());
    assert!(
        out.contains("ok: Talk offers a lobby (lobby-webinar)"),
        "{out}"
    );
    assert!(
        out.contains("Nextcloud 28.0.1; whether this version is still supported: unknown"),
        "{out}"
    );
}

#[test]
fn hostile_config_js_gives_a_finding_in_bounded_time() {
    for (name, body) in [
        (
            "deep",
            format!("var config = {}", "{a:".repeat(10_000)).into_bytes(),
        ),
        (
            "deep arrays",
            format!("var config = {}", "[".repeat(10_000)).into_bytes(),
        ),
        ("unterminated", b"var config = { a: 'never closed ".to_vec()),
        (
            "several MB",
            format!("var config = {{ a: '{}' }};", "x".repeat(3 * 1024 * 1024)).into_bytes(),
        ),
        ("no config", b"alert(1);".repeat(1000)),
    ] {
        let s = jitsi_server(&body, ServerOptions::default(), true);
        let started = Instant::now();
        let run = probe(&s, &["--platform", "jitsi"]);
        assert!(started.elapsed() < Duration::from_secs(30), "{name}");
        if name == "no config" {
            assert!(
                run.stdout
                    .contains("no Jitsi Meet, BigBlueButton or Nextcloud Talk recognised"),
                "{name}: {}",
                run.show()
            );
        } else {
            run.code(0);
            assert!(
                run.stdout.contains("cannot be read as data"),
                "{name}: {}",
                run.show()
            );
        }
    }
}

#[test]
fn failures_are_exit_2_naming_the_url() {
    let s = TestServer::start();
    let run = Run::of(
        common::raw()
            .args(["--lang", "en", "probe", "http://127.0.0.1:1/"])
            .output()
            .unwrap(),
    );
    run.code(2);
    assert!(
        run.stderr.contains("BB120") && run.stderr.contains("not an https:// address"),
        "{}",
        run.show()
    );
    assert!(run.stdout.is_empty());
    // A server whose certificate the web PKI roots do not trust (no --ca-file).
    let run = Run::of(
        common::raw()
            .args(["--lang", "en", "probe", &s.url("/")])
            .output()
            .unwrap(),
    );
    run.code(1);
    assert!(
        run.stdout.contains("no valid TLS connection"),
        "{}",
        run.show()
    );
    // Nothing listening.
    let free = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = Run::of(
        common::raw()
            .args([
                "--lang",
                "en",
                "probe",
                &format!("https://127.0.0.1:{free}/"),
            ])
            .output()
            .unwrap(),
    );
    run.code(2);
    assert!(
        run.stderr.contains("BB120") && run.stderr.contains("cannot be reached"),
        "{}",
        run.show()
    );
    // --offline: a probe needs the network.
    let run = probe(&s, &["--offline"]);
    run.code(2);
    assert!(
        run.stderr.contains("BB120") && run.stderr.contains("a probe needs the network"),
        "{}",
        run.show()
    );
    // --facts-out without a platform.
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("f.toml");
    let run = probe(&s, &["--facts-out", facts.to_str().unwrap()]);
    run.code(2);
    assert!(run.stderr.contains("BB121"), "{}", run.show());
    assert!(!facts.exists());
}

#[test]
fn the_facts_overlay_changes_a_self_hosted_deployments_outcome() {
    let config = b"var config = { testing: { disableE2EE: true }, disableThirdPartyRequests: true, p2p: { enabled: false } };";
    let s = jitsi_server(config, ServerOptions::default(), true);
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("probe.toml");
    probe(&s, &["--facts-out", facts.to_str().unwrap()]).code(1);
    let toml = std::fs::read_to_string(&facts).unwrap();
    assert!(
        toml.contains("kind = \"probe\"") && toml.contains(&s.url("/")),
        "{toml}"
    );
    let example = "docs/examples/zorggroep-jitsi.toml";
    let before: Value = serde_json::from_str(&common::report(&[], example, "json")).unwrap();
    let after: Value = serde_json::from_str(&common::report(
        &["--facts", facts.to_str().unwrap()],
        example,
        "json",
    ))
    .unwrap();
    assert_eq!(
        common::outcome(&before, "PLAT-E2EE-01", "jitsi")["state"],
        "pass"
    );
    assert_eq!(
        common::outcome(&after, "PLAT-E2EE-01", "jitsi")["state"],
        "fail"
    );
    // All four security headers sent: PLAT-WEB-01 passes with the overlay, and without a probe
    // it does not apply (no catalogue file knows an installation's web server).
    assert!(
        toml.contains("web_security_headers = { value = true"),
        "{toml}"
    );
    assert_eq!(
        common::outcome(&before, "PLAT-WEB-01", "jitsi")["state"],
        "not_applicable"
    );
    assert_eq!(
        common::outcome(&after, "PLAT-WEB-01", "jitsi")["state"],
        "pass"
    );
}

#[test]
fn missing_security_headers_fail_plat_web_01_through_the_overlay() {
    let config = b"var config = { disableThirdPartyRequests: true, p2p: { enabled: false } };";
    let s = jitsi_server(config, ServerOptions::default(), false);
    // Only two of the four: the fact's note names the other two.
    s.set(
        "/",
        Route::ok("<html><title>Jitsi Meet</title></html>")
            .header("Content-Security-Policy", "default-src 'self'")
            .header("X-Content-Type-Options", "nosniff"),
    );
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("probe.toml");
    let run = probe(
        &s,
        &["--format", "json", "--facts-out", facts.to_str().unwrap()],
    );
    let report = run.json();
    let missing = finding(&report, "headers.referrer-policy");
    assert_eq!(missing["level"], "warning");
    assert_eq!(missing["requirements"][0], "PLAT-WEB-01");
    assert_eq!(
        finding(&report, "headers.content-security-policy")["requirements"][0],
        "PLAT-WEB-01"
    );
    let toml = std::fs::read_to_string(&facts).unwrap();
    let line = toml
        .lines()
        .find(|l| l.starts_with("web_security_headers"))
        .unwrap_or_else(|| panic!("{toml}"));
    assert!(line.contains("value = false"), "{line}");
    assert!(
        line.contains("referrer-policy, permissions-policy")
            && !line.contains("content-security-policy")
            && !line.contains("x-content-type-options"),
        "{line}"
    );
    let example = "docs/examples/zorggroep-jitsi.toml";
    let text = common::report(&["--facts", facts.to_str().unwrap()], example, "json");
    let after: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        common::outcome(&after, "PLAT-WEB-01", "jitsi")["state"],
        "fail"
    );
}
