//! The HTML report in a real browser: headless Chromium (`chromium` on PATH, Debian's package;
//! CI installs it with `apt-get install chromium`) opens each example report from a `file://`
//! URL, takes a screenshot and prints it to PDF, and must do so without a single network request
//! and without a single console message. Without Chromium these tests are skipped with a note
//! (`SKIPPED …` on the terminal), unless `BEELDBEL_REQUIRE_TOOLS=1` (set by `.ci/run`) makes a
//! missing Chromium a failure.
//!
//! - Requests: Chromium writes a NetLog (`--log-net-log`). Every URL in it must be `file:`,
//!   `data:` or browser-internal (`chrome:`, `about:` …). Chromium itself also calls a few Google
//!   services in the background (update checks, account list) even with
//!   `--disable-background-networking`; such a request has no initiator ("not an origin") and no
//!   `file://` isolation key, and is only let through for Google hosts. A request with an
//!   initiator or a `file://` isolation key comes from the page and always fails the test.
//! - Console: with `--enable-logging=stderr --v=0` Chromium 156 logs every console message as
//!   `INFO:CONSOLE:<line>] "<message>", source: <url> (<line>)`, whatever its level (CSP
//!   violations read "… violates the following Content Security Policy directive …"). The page
//!   has no script, so any console message at all fails the test.
//!
//! `detectors_flag_a_bad_page` shows both detectors fire on a page that does load an image and
//! does log an error. Artifacts (pages, PNG, PDF, NetLogs, Chromium's stderr) are kept in
//! `target/browser-artifacts/`; their paths are printed.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use common::{bb, note, outside_tool};

/// A hung Chromium is killed after this long.
const DEADLINE: Duration = Duration::from_secs(60);

/// Hosts of the Google services Chromium calls on its own (not the page's doing).
const BROWSER_SERVICE_HOSTS: &[&str] = &[
    "google.com",
    "googleapis.com",
    "gstatic.com",
    "gvt1.com",
    "gvt2.com",
];

/// `target/browser-artifacts` (next to `target/tmp`, so it follows `CARGO_TARGET_DIR`).
fn artifacts() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(tmp).join("browser-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/browser-artifacts");
    dir
}

/// Debian's Chromium, or `None` after a note that the browser check is skipped.
fn chromium() -> Option<PathBuf> {
    outside_tool(
        "chromium",
        "the check in headless Chromium",
        "`apt-get install chromium` (Debian)",
    )
}

/// `beeldbel --today … [GLOBAL…] check FILE… --format html`, written to `<label>.html`.
fn render(label: &str, global: &[&str], files: &[&str]) -> PathBuf {
    let out = bb()
        .args(global)
        .arg("check")
        .args(files)
        .args(["--format", "html"])
        .output()
        .expect("run beeldbel");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "beeldbel {files:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let path = artifacts().join(format!("{label}.html"));
    std::fs::write(&path, &out.stdout).expect("write the page");
    path
}

/// A `file://` URL for an absolute path.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("canonical path");
    let mut url = String::from("file://");
    for c in path.to_str().expect("UTF-8 path").chars() {
        match c {
            ' ' => url.push_str("%20"),
            '%' => url.push_str("%25"),
            '#' => url.push_str("%23"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

/// What one Chromium run left behind.
struct Run {
    netlog: PathBuf,
    stderr_path: PathBuf,
    stderr: String,
}

/// Opens `page` in headless Chromium with `output` (`--screenshot=…` or `--print-to-pdf=…`),
/// a fresh profile, a NetLog and console logging on stderr. `label` names the artifacts.
fn chromium_run(chromium: &Path, page: &Path, label: &str, output: &[String]) -> Run {
    let dir = artifacts();
    let netlog = dir.join(format!("{label}.netlog.json"));
    let stderr_path = dir.join(format!("{label}.stderr.log"));
    let stdout_path = dir.join(format!("{label}.stdout.log"));
    let _ = std::fs::remove_file(&netlog);
    let profile = tempfile::tempdir().expect("temp profile dir");
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        // Fewer of Chromium's own background calls (the network time service).
        "--disable-features=NetworkTimeServiceQuerying",
        // Nothing can leave the machine: every host name fails to resolve. Requests still
        // appear in the NetLog, so the detector still sees them.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr",
        "--v=0",
        "--net-log-capture-mode=Everything",
        "--timeout=10000",
        "--window-size=1280,2000",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .arg(format!("--log-net-log={}", netlog.display()))
    .args(output)
    .arg(file_url(page))
    .stdin(Stdio::null())
    .stdout(File::create(&stdout_path).expect("stdout log"))
    .stderr(File::create(&stderr_path).expect("stderr log"))
    // Its own process group, so that a hung browser goes with all its children.
    .process_group(0);
    let mut child = cmd.spawn().expect("start chromium");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium ({label}) did not finish within {DEADLINE:?} and was killed; \
                 its stderr: {}",
                stderr_path.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(
        status.success(),
        "chromium ({label}) failed: {status}\n{stderr}"
    );
    Run {
        netlog,
        stderr_path,
        stderr,
    }
}

/// A URL Chromium requested, with who asked for it.
#[derive(Debug, Default)]
struct Request {
    url: String,
    /// `URL_REQUEST_START_JOB.initiator`: the page's origin (`null` for `file://`), or
    /// "not an origin" for the browser's own requests.
    initiator: Option<String>,
    /// `URL_REQUEST_START_JOB.network_isolation_key`: `file://` for requests of a local page.
    isolation: Option<String>,
}

/// Reads a NetLog; a log cut off by a killed browser is closed first.
fn read_netlog(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("no NetLog at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|first| {
        let cut = text.trim_end().trim_end_matches(',');
        serde_json::from_str(&format!("{cut}]}}"))
            .unwrap_or_else(|_| panic!("{} is not JSON: {first}", path.display()))
    })
}

/// Every URL request in a NetLog, and every other URL it mentions.
fn netlog_requests(log: &Value) -> (Vec<Request>, Vec<String>) {
    let constants = &log["constants"];
    let id = |table: &str, name: &str| {
        constants[table][name]
            .as_u64()
            .unwrap_or_else(|| panic!("NetLog constants lack {table}.{name}"))
    };
    let url_request = id("logSourceType", "URL_REQUEST");
    let start_job = id("logEventTypes", "URL_REQUEST_START_JOB");
    let mut requests: BTreeMap<u64, Request> = BTreeMap::new();
    let mut other_urls = Vec::new();
    for e in log["events"].as_array().expect("NetLog events") {
        let params = &e["params"];
        let url = params["url"].as_str();
        if e["source"]["type"].as_u64() != Some(url_request) {
            other_urls.extend(url.map(String::from));
            continue;
        }
        let source = e["source"]["id"].as_u64().unwrap_or_default();
        let r = requests.entry(source).or_default();
        if let Some(url) = url.filter(|_| r.url.is_empty()) {
            r.url = url.to_string();
        }
        // (The job's end event carries only its error code.)
        if e["type"].as_u64() == Some(start_job) {
            if let Some(i) = params["initiator"].as_str() {
                r.initiator = Some(i.to_string());
            }
            if let Some(k) = params["network_isolation_key"].as_str() {
                r.isolation = Some(k.to_string());
            }
        }
    }
    (requests.into_values().collect(), other_urls)
}

fn scheme(url: &str) -> &str {
    url.split_once(':').map_or("", |(s, _)| s)
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    host_port.split(':').next().unwrap_or("")
}

/// `file:`, `data:` and the browser's own schemes never touch the network.
fn local(url: &str) -> bool {
    matches!(
        scheme(url),
        "file"
            | "data"
            | "about"
            | "blob"
            | "chrome"
            | "chrome-untrusted"
            | "chrome-extension"
            | "devtools"
            | "chrome-search"
    )
}

fn google_service(url: &str) -> bool {
    let h = host(url);
    BROWSER_SERVICE_HOSTS
        .iter()
        .any(|s| h == *s || h.ends_with(&format!(".{s}")))
}

/// The network requests the page made (each named), and the browser's own background calls.
fn network_requests(netlog: &Path) -> (Vec<String>, Vec<String>) {
    let (requests, other_urls) = netlog_requests(&read_netlog(netlog));
    let mut page = Vec::new();
    let mut background = Vec::new();
    for r in &requests {
        if r.url.is_empty() || local(&r.url) {
            continue;
        }
        let from_page = r.initiator.as_deref().is_some_and(|i| i != "not an origin")
            || r.isolation
                .as_deref()
                .is_some_and(|k| k.contains("file://"));
        let line = format!(
            "{} (initiator {}, isolation key {})",
            r.url,
            r.initiator.as_deref().unwrap_or("?"),
            r.isolation.as_deref().unwrap_or("?")
        );
        if !from_page && google_service(&r.url) {
            background.push(line);
        } else {
            page.push(line);
        }
    }
    // A URL outside every URL request (not seen so far) counts as the page's.
    for url in other_urls {
        if !local(&url) && !requests.iter().any(|r| r.url == url) {
            page.push(format!("{url} (outside a URL request)"));
        }
    }
    page.dedup();
    (page, background)
}

/// Console messages (any level), uncaught errors and CSP violations in Chromium's stderr.
fn console_messages(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            l.contains(":CONSOLE")
                || l.contains("Uncaught")
                || l.contains("Refused to")
                || l.contains("Content Security Policy")
        })
        .map(String::from)
        .collect()
}

/// Both detectors on one run: `(requests by the page, console messages)`.
fn problems(run: &Run, label: &str) -> (Vec<String>, Vec<String>) {
    let (page, background) = network_requests(&run.netlog);
    if !background.is_empty() {
        let mut hosts: Vec<&str> = background.iter().map(|b| host(b)).collect();
        hosts.sort_unstable();
        hosts.dedup();
        note(&format!(
            "  {label}: {} background call(s) by Chromium itself, not the page: {}",
            background.len(),
            hosts.join(", ")
        ));
    }
    (page, console_messages(&run.stderr))
}

/// Writes `html` as `<label>.html` in `dir`, screenshots it in Chromium, and returns the run with
/// the page's network requests and console messages.
fn screenshot_page(
    chromium: &Path,
    dir: &Path,
    label: &str,
    html: &str,
) -> (Run, Vec<String>, Vec<String>) {
    let page = dir.join(format!("{label}.html"));
    std::fs::write(&page, html).expect("write page");
    let png = dir.join(format!("{label}.png"));
    let run = chromium_run(
        chromium,
        &page,
        label,
        &[format!("--screenshot={}", png.display())],
    );
    let (requests, console) = problems(&run, label);
    (run, requests, console)
}

fn assert_png(path: &Path) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("no PNG at {}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        path.display()
    );
    let be32 = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(&bytes[12..16], b"IHDR", "{}: no IHDR", path.display());
    assert_eq!(
        (be32(16), be32(20)),
        (1280, 2000),
        "{}: not the window size",
        path.display()
    );
    // A blank 1280×2000 page compresses to a few kilobytes; the report is far more.
    assert!(
        bytes.len() > 30_000,
        "{}: {} bytes, an empty page?",
        path.display(),
        bytes.len()
    );
}

/// Checks a PDF and returns its number of pages.
fn assert_pdf(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("no PDF at {}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"%PDF-"),
        "{} is not a PDF",
        path.display()
    );
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    assert!(
        tail.windows(5).any(|w| w == b"%%EOF"),
        "{}: no %%EOF, cut off?",
        path.display()
    );
    assert!(
        bytes.len() > 30_000,
        "{}: {} bytes, an empty page?",
        path.display(),
        bytes.len()
    );
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(pages >= 1, "{}: no pages", path.display());
    pages
}

/// Renders a report, opens it twice (screenshot, PDF), and checks the artifacts and both
/// detectors on both runs.
fn check_in_browser(label: &str, global: &[&str], files: &[&str]) {
    let Some(chromium) = chromium() else {
        return;
    };
    let page = render(label, global, files);
    let dir = artifacts();
    let png = dir.join(format!("{label}.png"));
    let pdf = dir.join(format!("{label}.pdf"));
    let _ = std::fs::remove_file(&png);
    let _ = std::fs::remove_file(&pdf);
    let shot = chromium_run(
        &chromium,
        &page,
        &format!("{label}.screenshot"),
        &[format!("--screenshot={}", png.display())],
    );
    let print = chromium_run(
        &chromium,
        &page,
        &format!("{label}.print"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    assert_png(&png);
    let pages = assert_pdf(&pdf);
    note(&format!(
        "{label}: page {}\n  screenshot {}\n  PDF {} ({pages} pages)\n  NetLogs {} {}\n  stderr {} {}",
        page.display(),
        png.display(),
        pdf.display(),
        shot.netlog.display(),
        print.netlog.display(),
        shot.stderr_path.display(),
        print.stderr_path.display(),
    ));
    for (run, what) in [(&shot, "screenshot"), (&print, "print")] {
        let (requests, console) = problems(run, &format!("{label} {what}"));
        assert!(
            requests.is_empty(),
            "{label} ({what}): the page made network requests:\n{}\nNetLog: {}",
            requests.join("\n"),
            run.netlog.display()
        );
        assert!(
            console.is_empty(),
            "{label} ({what}): console messages:\n{}\nstderr: {}",
            console.join("\n"),
            run.stderr_path.display()
        );
    }
}

#[test]
fn arbodienst_in_chromium() {
    check_in_browser("arbodienst", &[], &["docs/examples/arbodienst.toml"]);
}

#[test]
fn zelfstandige_whatsapp_in_chromium() {
    check_in_browser(
        "zelfstandige-whatsapp",
        &[],
        &["docs/examples/zelfstandige-whatsapp.toml"],
    );
}

#[test]
fn reintegratie_onvolledig_in_chromium() {
    check_in_browser(
        "reintegratie-onvolledig",
        &[],
        &["docs/examples/reintegratie-onvolledig.toml"],
    );
}

#[test]
fn batch_of_three_in_english_in_chromium() {
    check_in_browser(
        "batch-en",
        &["--lang", "en"],
        &[
            "docs/examples/arbodienst.toml",
            "docs/examples/zelfstandige-whatsapp.toml",
            "docs/examples/reintegratie-onvolledig.toml",
        ],
    );
}

/// Hostile strings (`<script>`, `<img onerror>` …) stay text: no script runs, nothing loads.
#[test]
fn hostile_strings_in_chromium() {
    check_in_browser(
        "hostile",
        &["--policy", "tests/data/hostile/policy.toml"],
        &["tests/data/hostile/org.toml"],
    );
}

/// The detectors are not blind: a page that loads a remote image and logs an error is caught
/// by both; the same page under the report's CSP is caught by the console detector (the CSP
/// blocks the image and the script, and says so).
#[test]
fn detectors_flag_a_bad_page() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = artifacts();
    let body = r#"<title>bad</title></head><body><p>bad</p>
<img src="https://example.invalid/x.png" alt="">
<script>console.error("beeldbel-detector-test")</script>
</body></html>
"#;
    let open = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">"#;
    let csp = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#;

    let (run, requests, console) =
        screenshot_page(&chromium, &dir, "detector-bad", &format!("{open}{body}"));
    note(&format!(
        "detector-bad: requests {requests:#?}\n  console {console:#?}\n  NetLog {}",
        run.netlog.display()
    ));
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("https://example.invalid/x.png")),
        "the NetLog detector missed the image request: {requests:?} ({})",
        run.netlog.display()
    );
    assert!(
        console.iter().any(|l| l.contains("beeldbel-detector-test")),
        "the console detector missed console.error: {console:?} ({})",
        run.stderr_path.display()
    );

    let (_, requests, console) = screenshot_page(
        &chromium,
        &dir,
        "detector-csp",
        &format!("{open}{csp}{body}"),
    );
    note(&format!(
        "detector-csp: requests {requests:#?}\n  console {console:#?}"
    ));
    assert!(
        requests.is_empty(),
        "the CSP should have blocked the image: {requests:?}"
    );
    assert!(
        console
            .iter()
            .any(|l| l.contains("example.invalid") && l.contains("Content Security Policy")),
        "the console detector missed the CSP violation: {console:?} ({})",
        run.stderr_path.display()
    );
    assert!(
        !console.iter().any(|l| l.contains("beeldbel-detector-test")),
        "the CSP should have blocked the script: {console:?}"
    );
}

/// The pieces of the NetLog detector on hand-made entries.
#[test]
fn netlog_classification() {
    assert_eq!(host("https://a.example:8443/x?y"), "a.example");
    assert_eq!(
        host("http://user@update.googleapis.com/"),
        "update.googleapis.com"
    );
    assert!(google_service("https://update.googleapis.com/service"));
    assert!(!google_service("https://googleapis.com.evil.example/"));
    assert!(local("file:///tmp/x.html") && local("data:,") && !local("https://x.example/"));
    let log = serde_json::json!({
        "constants": {
            "logSourceType": { "URL_REQUEST": 1, "SOCKET": 2 },
            "logEventTypes": { "URL_REQUEST_START_JOB": 10, "REQUEST_ALIVE": 11 }
        },
        "events": [
            { "source": { "id": 5, "type": 1 }, "type": 11, "params": { "url": "https://example.invalid/a.png" } },
            { "source": { "id": 5, "type": 1 }, "type": 10, "params": {
                "url": "https://example.invalid/a.png", "initiator": "null",
                "network_isolation_key": "file:// file://" } },
            { "source": { "id": 5, "type": 1 }, "type": 10, "params": { "net_error": -105 } },
            { "source": { "id": 6, "type": 1 }, "type": 10, "params": {
                "url": "https://update.googleapis.com/x", "initiator": "not an origin",
                "network_isolation_key": "null null" } },
            { "source": { "id": 7, "type": 1 }, "type": 10, "params": {
                "url": "https://www.google.com/fonts.css", "initiator": "null",
                "network_isolation_key": "file:// file://" } },
            { "source": { "id": 8, "type": 1 }, "type": 10, "params": {
                "url": "https://tracker.example/", "initiator": "not an origin",
                "network_isolation_key": "null null" } },
            { "source": { "id": 9, "type": 1 }, "type": 10, "params": { "url": "file:///tmp/x.html" } }
        ]
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("netlog.json");
    // Cut off as a killed browser leaves it: the reader closes it.
    let text = log.to_string();
    std::fs::write(&path, format!("{},", &text[..text.len() - 2])).expect("write NetLog");
    let (page, background) = network_requests(&path);
    assert_eq!(background.len(), 1, "{background:?}");
    assert!(background[0].starts_with("https://update.googleapis.com/x"));
    let urls: Vec<&str> = page.iter().map(|l| l.split(' ').next().unwrap()).collect();
    // The page's own request to a Google host is the page's; an unknown host without an
    // initiator is not waved through either.
    assert_eq!(
        urls,
        [
            "https://example.invalid/a.png",
            "https://www.google.com/fonts.css",
            "https://tracker.example/"
        ]
    );
    let stderr = "[1:1:1123/111618.467857:INFO:CONSOLE:5] \"x\", source: file:///t.html (5)\n\
                  [1:1:1123/111618.1:ERROR:dbus/bus.cc:405] Failed to connect to the bus\n";
    assert_eq!(console_messages(stderr).len(), 1);
}
