//! Remote sources (`--policy`, `--platforms`, `--facts` as `https://` URLs): pins, the lock
//! file, the cache and `--offline`, and every way a fetch can fail, against a real HTTPS server
//! on 127.0.0.1 with a test CA made at test time (tests/common/https.rs). No test reaches the
//! internet.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::https::{CertKind, Route, ServerOptions, TestServer};
use common::{ARBODIENST, Run, bb};

const POLICY: &str = "policies/avg-beeldbellen.toml";
const D: &str = "tests/data/overlays";

fn sha256(bytes: &[u8]) -> String {
    beeldbel::input::sha256_hex(bytes)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(common::root().join(path)).expect("fixture")
}

/// A test's own cache folder and lock file, and the server's CA.
struct Env {
    dir: tempfile::TempDir,
    ca: PathBuf,
}

impl Env {
    fn new(server: &TestServer) -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
            ca: server.ca_file().to_path_buf(),
        }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn lock(&self) -> PathBuf {
        self.dir.path().join("beeldbel.lock")
    }

    /// beeldbel with this cache, the test CA and this lock file (once it exists: a lock file
    /// named with `--lock` must exist, except for `lock` itself); `args` after the global ones.
    fn run(&self, args: &[&str]) -> Run {
        let mut cmd = bb();
        cmd.env("XDG_CACHE_HOME", self.cache())
            .env_remove("SSL_CERT_FILE")
            .env_remove("BEELDBEL_NET_TIMEOUT")
            .arg("--ca-file")
            .arg(&self.ca);
        if self.lock().exists() || args.contains(&"lock") {
            cmd.arg("--lock").arg(self.lock());
        }
        cmd.args(args);
        Run::of(cmd.output().expect("run beeldbel"))
    }
}

fn served_policy() -> (TestServer, Vec<u8>) {
    let server = TestServer::start();
    let policy = read(POLICY);
    server.set("/policy.toml", Route::ok(policy.clone()));
    (server, policy)
}

#[test]
fn pinned_policy_url_works_end_to_end_and_the_provenance_names_it() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let hash = sha256(&policy);
    let url = server.url("/policy.toml");
    let pinned = format!("{url}#sha256={hash}");
    let local = env.run(&["--policy", POLICY, "check", ARBODIENST, "--format", "json"]);
    let r = env.run(&["--policy", &pinned, "check", ARBODIENST, "--format", "json"]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    let json = r.json();
    // The same verdict and outcomes as the local file.
    assert_eq!(json["verdict"], local.json()["verdict"]);
    assert_eq!(json["organisations"], local.json()["organisations"]);
    assert_eq!(json["policy"]["origin"], url.as_str());
    let remote = &json["policy"]["remote"][0];
    assert_eq!(remote["url"], url.as_str());
    assert_eq!(remote["sha256"], hash.as_str());
    assert!(remote["fetched_on"].as_str().unwrap().ends_with('Z'));
    // Every human format names the URL, the hash and the fetch date.
    for format in ["text", "markdown", "html", "junit", "oscal", "sarif"] {
        let r = env.run(&["--policy", &pinned, "check", ARBODIENST, "--format", format]);
        assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
        // minijinja escapes `/` in HTML as `&#x2f;`.
        let shown = match format {
            "html" => url.replace('/', "&#x2f;"),
            _ => url.clone(),
        };
        assert!(r.stdout.contains(&shown), "{format}: no URL\n{}", r.stdout);
        assert!(r.stdout.contains(&hash), "{format}: no hash");
        let today = &remote["fetched_on"].as_str().unwrap()[..10];
        assert!(r.stdout.contains(today), "{format}: no fetch date");
    }
    // So does the DPIA draft, in Markdown and HTML.
    for format in ["markdown", "html"] {
        let r = env.run(&["--policy", &pinned, "dpia", ARBODIENST, "--format", format]);
        assert_eq!(r.code, Some(0), "{}", r.show());
        let shown = match format {
            "html" => url.replace('/', "&#x2f;"),
            _ => url.clone(),
        };
        assert!(r.stdout.contains(&shown), "dpia {format}: no URL");
        assert!(r.stdout.contains(&hash), "dpia {format}: no hash");
        // The remote-source line itself (the URL and hash alone also stand in the policy line).
        let fetched = match format {
            "html" => format!("via HTTPS:<ul class=\"overlays\"><li>{shown}"),
            _ => format!("via HTTPS: <{url}>"),
        };
        assert!(
            r.stdout.contains(&fetched),
            "dpia {format}: no remote line\n{}",
            r.stdout
        );
    }
    // The fetched file went into the cache under its hash.
    let cached = env.cache().join("beeldbel/sha256").join(&hash);
    assert_eq!(std::fs::read(cached).expect("cached"), policy);
}

#[test]
fn pin_mismatch_is_exit_2_naming_both_hashes_and_nothing_is_written() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let wrong = "ab".repeat(32);
    let url = server.url("/policy.toml");
    let out = env.dir.path().join("report.json");
    let r = env.run(&[
        "--policy",
        &format!("{url}#sha256={wrong}"),
        "check",
        ARBODIENST,
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    r.code(2);
    assert!(r.stderr.contains("BB113"), "{}", r.show());
    assert!(r.stderr.contains(&url));
    assert!(r.stderr.contains(&wrong));
    assert!(r.stderr.contains(&sha256(&policy)));
    assert!(!out.exists(), "a report was written");
}

#[test]
fn a_malformed_pin_is_refused() {
    let (server, _) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    let r = env.run(&[
        "--policy",
        &format!("{url}#sha256=abc"),
        "check",
        ARBODIENST,
    ]);
    r.code(2);
    assert!(r.stderr.contains("BB115"), "{}", r.show());
    assert!(r.stderr.contains("64"), "{}", r.show());
}

#[test]
fn lock_file_round_trip_and_a_changed_server_is_exit_2() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    let r = env.run(&["lock", &url]);
    r.code(0);
    assert!(r.stdout.contains(&sha256(&policy)), "{}", r.show());
    let lock = std::fs::read_to_string(env.lock()).expect("lock written");
    let parsed: toml::Value = toml::from_str(&lock).expect("lock is TOML");
    let entry = &parsed["source"][0];
    assert_eq!(entry["url"].as_str(), Some(url.as_str()));
    assert_eq!(entry["sha256"].as_str(), Some(sha256(&policy).as_str()));
    assert!(entry["fetched_on"].as_str().is_some());

    // check honours the lock (unpinned URL).
    let r = env.run(&["--policy", &url, "check", ARBODIENST, "--format", "json"]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert_eq!(
        r.json()["policy"]["remote"][0]["sha256"],
        sha256(&policy).as_str()
    );

    // The server changes the file: every command refuses it, the lock is not updated.
    let mut changed = policy.clone();
    changed.extend_from_slice(b"\n# changed\n");
    server.set("/policy.toml", Route::ok(changed.clone()));
    let r = env.run(&["--policy", &url, "check", ARBODIENST]);
    r.code(2);
    assert!(r.stderr.contains("BB113"), "{}", r.show());
    assert!(r.stderr.contains(&sha256(&policy)) && r.stderr.contains(&sha256(&changed)));
    assert!(r.stderr.contains("beeldbel.lock"), "{}", r.show());
    assert_eq!(std::fs::read_to_string(env.lock()).unwrap(), lock);

    // Locking again takes the new version on purpose.
    env.run(&["lock", &url]).code(0);
    let r = env.run(&["--policy", &url, "check", ARBODIENST, "--format", "json"]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert_eq!(
        r.json()["policy"]["remote"][0]["sha256"],
        sha256(&changed).as_str()
    );
}

#[test]
fn lock_without_urls_locks_the_remote_sources_given() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    env.run(&["--policy", &url, "lock"]).code(0);
    let lock = std::fs::read_to_string(env.lock()).unwrap();
    assert!(lock.contains(&sha256(&policy)));
    env.run(&["lock"]).code(2);
}

#[test]
fn offline_uses_the_cache_only_for_pinned_urls() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    let pinned = format!("{url}#sha256={}", sha256(&policy));

    // Offline with an empty cache: exit 2, says the hash is not in the cache.
    let r = env.run(&["--offline", "--policy", &pinned, "check", ARBODIENST]);
    r.code(2);
    assert!(r.stderr.contains("BB114"), "{}", r.show());
    assert_eq!(
        server.hit_count("/policy.toml"),
        0,
        "offline reached the server"
    );

    // Online once fills the cache; then offline works without the server.
    let online = env.run(&["--policy", &pinned, "check", ARBODIENST, "--format", "json"]);
    assert!(matches!(online.code, Some(0 | 1)), "{}", online.show());
    let hits = server.hit_count("/policy.toml");
    drop(server);
    let r = env.run(&[
        "--offline",
        "--policy",
        &pinned,
        "check",
        ARBODIENST,
        "--format",
        "json",
    ]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert_eq!(r.json()["organisations"], online.json()["organisations"]);
    assert_eq!(r.json()["policy"]["remote"][0]["url"], url.as_str());
    assert!(hits >= 1);

    // Offline without a pin or lock entry: exit 2 with a clear message.
    let r = env.run(&["--offline", "--policy", &url, "check", ARBODIENST]);
    r.code(2);
    assert!(
        r.stderr.contains("BB114") && r.stderr.contains("#sha256="),
        "{}",
        r.show()
    );
}

#[test]
fn offline_honours_the_lock_file() {
    let (server, _) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    env.run(&["lock", &url]).code(0);
    drop(server);
    let r = env.run(&["--offline", "--policy", &url, "check", ARBODIENST]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
}

/// A run of `check` with `--policy URL` that must fail with `code`, naming the URL.
fn fails(server: &TestServer, env: &Env, path: &str, extra: &[&str], code: &str) -> Run {
    let url = server.url(path);
    let out = env.dir.path().join("report.txt");
    let mut args: Vec<&str> = extra.to_vec();
    args.extend(["--policy", &url, "check", ARBODIENST, "--output"]);
    let out_s = out.to_str().unwrap().to_string();
    args.push(&out_s);
    let r = env.run(&args);
    r.code(2);
    assert!(r.stderr.contains(code), "expected {code}:\n{}", r.show());
    assert!(r.stderr.contains(&url), "URL not named:\n{}", r.show());
    assert!(!out.exists(), "a report was written");
    r
}

#[test]
fn oversize_body_is_refused_while_reading() {
    let server = TestServer::start();
    server.set("/big.toml", Route::ok(vec![b'#'; 200_000]).unsized_body());
    let env = Env::new(&server);
    let r = fails(
        &server,
        &env,
        "/big.toml",
        &["--max-file-bytes", "50000"],
        "BB110",
    );
    assert!(r.stderr.contains("50000"), "{}", r.show());
}

#[test]
fn slow_server_hits_the_time_limit() {
    let server = TestServer::start();
    server.set(
        "/slow.toml",
        Route::ok(read(POLICY)).delay(Duration::from_secs(5)),
    );
    let env = Env::new(&server);
    let start = std::time::Instant::now();
    let r = fails(
        &server,
        &env,
        "/slow.toml",
        &["--net-timeout", "0.5"],
        "BB110",
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert!(r.stderr.contains("0,5 s"), "{}", r.show());
}

#[test]
fn redirects_to_http_and_loops_are_refused() {
    let server = TestServer::start();
    server.set(
        "/to-http.toml",
        Route::redirect("http://127.0.0.1:9/policy.toml"),
    );
    server.set("/a.toml", Route::redirect("/b.toml"));
    server.set("/b.toml", Route::redirect("/a.toml"));
    let env = Env::new(&server);
    let r = fails(&server, &env, "/to-http.toml", &[], "BB110");
    assert!(
        r.stderr.contains("http://127.0.0.1:9/policy.toml"),
        "{}",
        r.show()
    );
    fails(&server, &env, "/a.toml", &[], "BB110");
    // A plain http:// source is refused before any connection.
    let r = env.run(&["--policy", "http://127.0.0.1:9/p.toml", "check", ARBODIENST]);
    r.code(2);
    assert!(
        r.stderr.contains("BB115") && r.stderr.contains("https://"),
        "{}",
        r.show()
    );
}

#[test]
fn a_redirect_within_https_is_followed() {
    let (server, policy) = served_policy();
    server.set("/latest.toml", Route::redirect("/policy.toml"));
    let env = Env::new(&server);
    let url = server.url("/latest.toml");
    let r = env.run(&["--policy", &url, "check", ARBODIENST, "--format", "json"]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert_eq!(
        r.json()["policy"]["remote"][0]["sha256"],
        sha256(&policy).as_str()
    );
}

#[test]
fn bad_certificates_are_refused() {
    for (kind, words) in [
        (CertKind::Expired, "verlopen"),
        (CertKind::SelfSigned, "vertrouwde CA"),
        (CertKind::OtherHost, "hostnaam"),
    ] {
        let server = TestServer::with_options(ServerOptions {
            cert: kind,
            ..Default::default()
        });
        server.set("/policy.toml", Route::ok(read(POLICY)));
        let env = Env::new(&server);
        let r = fails(&server, &env, "/policy.toml", &[], "BB110");
        assert!(r.stderr.contains(words), "{kind:?}:\n{}", r.show());
    }
}

#[test]
fn without_ca_file_a_private_ca_is_not_trusted_and_ssl_cert_file_works() {
    let (server, _) = served_policy();
    let url = server.url("/policy.toml");
    let dir = tempfile::tempdir().unwrap();
    let base = || {
        let mut c = bb();
        c.env("XDG_CACHE_HOME", dir.path())
            .env_remove("SSL_CERT_FILE");
        c
    };
    let r = Run::of(
        base()
            .args(["--policy", &url, "check", ARBODIENST])
            .output()
            .unwrap(),
    );
    r.code(2);
    assert!(r.stderr.contains("--ca-file"), "{}", r.show());
    let r = Run::of(
        base()
            .env("SSL_CERT_FILE", server.ca_file())
            .args(["--policy", &url, "check", ARBODIENST])
            .output()
            .unwrap(),
    );
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
}

#[test]
fn http_errors_and_html_pages_are_clear() {
    let server = TestServer::start();
    server.set("/gone.toml", Route::status(404, "not here"));
    server.set("/broken.toml", Route::status(500, "oops"));
    server.set(
        "/login.toml",
        Route::ok("<!DOCTYPE html>\n<html><body>Log in</body></html>")
            .header("content-type", "text/html"),
    );
    server.set(
        "/sneaky.toml",
        Route::ok("\n  <html><body>Log in</body></html>"),
    );
    let env = Env::new(&server);
    let r = fails(&server, &env, "/gone.toml", &[], "BB111");
    assert!(r.stderr.contains("404"), "{}", r.show());
    let r = fails(&server, &env, "/broken.toml", &[], "BB111");
    assert!(r.stderr.contains("500"), "{}", r.show());
    for path in ["/login.toml", "/sneaky.toml"] {
        let r = fails(&server, &env, path, &[], "BB112");
        assert!(r.stderr.contains("HTML"), "{}", r.show());
        assert!(
            !r.stderr.contains("BB001"),
            "a TOML parse error dump:\n{}",
            r.show()
        );
    }
}

#[test]
fn a_broken_remote_file_is_diagnosed_at_its_url_line_and_column() {
    let server = TestServer::start();
    server.set(
        "/bad.toml",
        Route::ok("[policy]\nid = \"x\"\nversion = = 1\n"),
    );
    let env = Env::new(&server);
    let url = server.url("/bad.toml");
    let r = env.run(&["--policy", &url, "check", ARBODIENST]);
    r.code(2);
    assert!(r.stderr.contains(&format!("{url}:3:")), "{}", r.show());
}

#[test]
fn remote_facts_overlay_and_platform_file() {
    let server = TestServer::start();
    let overlay = read(&format!("{D}/register.toml"));
    server.set("/register.toml", Route::ok(overlay.clone()));
    let platform_files: Vec<PathBuf> = std::fs::read_dir(common::root().join(D).join("catalogue"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(platform_files.len(), 1, "the fixture catalogue is one file");
    let platform = std::fs::read(&platform_files[0]).unwrap();
    server.set("/platform.toml", Route::ok(platform.clone()));
    let env = Env::new(&server);
    let facts = server.url("/register.toml");
    let platforms = server.url("/platform.toml");
    let local = env.run(&[
        "--policy",
        &format!("{D}/policy.toml"),
        "--platforms",
        &format!("{D}/catalogue"),
        "--facts",
        &format!("{D}/register.toml"),
        "check",
        &format!("{D}/org.toml"),
        "--format",
        "json",
    ]);
    let r = env.run(&[
        "--policy",
        &format!("{D}/policy.toml"),
        "--platforms",
        &platforms,
        "--facts",
        &facts,
        "check",
        &format!("{D}/org.toml"),
        "--format",
        "json",
    ]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    let json = r.json();
    assert_eq!(json["verdict"], local.json()["verdict"]);
    let remote: Vec<&str> = json["catalogue"]["remote"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    assert_eq!(remote, [platforms.as_str(), facts.as_str()]);
    assert_eq!(json["catalogue"]["overlays"][0]["file"], facts.as_str());
    assert_eq!(
        json["catalogue"]["remote"][1]["sha256"],
        sha256(&overlay).as_str()
    );
}

#[test]
fn each_url_is_fetched_once_per_run_and_verbose_logs_the_fetch() {
    let (server, policy) = served_policy();
    let env = Env::new(&server);
    let url = server.url("/policy.toml");
    let r = env.run(&["-v", "--policy", &url, "check", ARBODIENST]);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert_eq!(server.hit_count("/policy.toml"), 1);
    assert!(r.stderr.contains("fetched"), "{}", r.show());
    assert!(r.stderr.contains("status=200"), "{}", r.show());
    assert!(
        r.stderr.contains(&format!("bytes={}", policy.len())),
        "{}",
        r.show()
    );
    assert!(r.stderr.contains("ms="), "{}", r.show());
}

#[test]
fn a_bad_lock_file_is_exit_2() {
    let (server, _) = served_policy();
    let env = Env::new(&server);
    std::fs::write(env.lock(), "this is = not [ a lock").unwrap();
    let url = server.url("/policy.toml");
    let r = env.run(&["--policy", &url, "check", ARBODIENST]);
    r.code(2);
    assert!(r.stderr.contains("BB116"), "{}", r.show());
}

#[test]
fn channels_provenance_names_a_remote_overlay() {
    let server = TestServer::start();
    let overlay = read(&format!("{D}/register.toml"));
    server.set("/register.toml", Route::ok(overlay.clone()));
    let env = Env::new(&server);
    let url = server.url("/register.toml");
    for format in ["text", "markdown", "json"] {
        let r = env.run(&[
            "--platforms",
            &format!("{D}/catalogue"),
            "--facts",
            &url,
            "channels",
            "--format",
            format,
        ]);
        r.code(0);
        assert!(r.stdout.contains(&url), "{format}:\n{}", r.show());
        assert!(
            r.stdout.contains(&sha256(&overlay)),
            "{format}:\n{}",
            r.show()
        );
    }
}
