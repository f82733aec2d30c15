//! `beeldbel probe URL`: what a self-hosted Jitsi Meet, BigBlueButton or Nextcloud Talk server
//! publishes about itself, read politely (GET only, a handful of requests, time-limited, no
//! credentials, only the documented endpoints) and turned into findings that name the policy's
//! requirements, and into a facts overlay (`--facts-out`) for `check --facts`.
//!
//! What is read and what a probe cannot see: docs/probe.md.

pub mod findings;
pub mod jsdata;
pub mod overlay;
pub mod render;
pub mod servers;
pub mod tls;
pub mod web;

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::both;
use crate::i18n::Text;

/// The platforms a probe recognises (their catalogue ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    Jitsi,
    Bigbluebutton,
    NextcloudTalk,
}

impl Platform {
    pub const ALL: [Platform; 3] = [
        Platform::Jitsi,
        Platform::Bigbluebutton,
        Platform::NextcloudTalk,
    ];

    /// The catalogue id.
    pub fn id(self) -> &'static str {
        match self {
            Platform::Jitsi => "jitsi",
            Platform::Bigbluebutton => "bigbluebutton",
            Platform::NextcloudTalk => "nextcloud-talk",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Platform::Jitsi => "Jitsi Meet",
            Platform::Bigbluebutton => "BigBlueButton",
            Platform::NextcloudTalk => "Nextcloud Talk",
        }
    }

    pub fn from_id(id: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// How a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Works against a requirement.
    Problem,
    /// Worth a look; does not by itself fail a requirement.
    Warning,
    /// Cannot be tested from outside with this tool.
    Untestable,
    /// Seen and in order.
    Ok,
    /// Seen; neither good nor bad.
    Info,
}

/// One thing the probe saw.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// A stable id, e.g. `jitsi.p2p.stun-google`.
    pub id: String,
    pub level: Level,
    /// The policy requirements it bears on.
    pub requirements: Vec<&'static str>,
    pub text: Text,
    /// What was seen (a setting and its value, a header), as read.
    pub evidence: String,
}

/// A fact for the facts overlay: a catalogue attribute of the self-hosted edition.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub attribute: &'static str,
    /// The TOML value (`true`, `"none"`).
    pub value: String,
    pub note: Text,
}

/// One request the probe made.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    pub url: String,
    /// The HTTP status, or none when the request failed.
    pub status: Option<u16>,
    pub error: Option<String>,
}

/// What the probe of one server found.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeReport {
    pub url: String,
    /// The deployment (its id in the organisation file) the probe is for (`--deployment`).
    pub deployment: Option<String>,
    pub probed_at: DateTime<Utc>,
    pub platform: Option<Platform>,
    /// The version the server states, if it states one.
    pub version: Option<String>,
    /// Whether that version is known to be out of support: always "unknown" unless a public
    /// list was consulted (docs/probe.md).
    pub version_status: Text,
    pub tls13: Option<bool>,
    pub tls12: Option<bool>,
    pub cert_days_left: Option<i64>,
    pub chain_valid: bool,
    pub findings: Vec<Finding>,
    pub facts: Vec<Fact>,
    pub requests: Vec<Request>,
}

/// How to probe.
#[derive(Debug, Clone)]
pub struct Options {
    pub url: String,
    pub ca_file: Option<PathBuf>,
    pub timeout: Duration,
    pub platform: Option<Platform>,
    pub deployment: Option<String>,
    pub now: DateTime<Utc>,
}

/// The host, port and base path of an `https://` URL; `None` for anything else.
pub fn split_url(url: &str) -> Option<(String, u16, String)> {
    let rest = url.strip_prefix("https://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, p.parse().ok()?),
        _ => (authority, 443),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return None;
    }
    let base = path
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_end_matches('/');
    Some((host.to_string(), port, base.to_string()))
}

/// The probe: TLS first, then the platform's documented endpoints. `Err` is a failure that
/// leaves nothing to report (a bad URL, an unusable `--ca-file`, no connection at all).
pub fn run(opts: &Options) -> Result<ProbeReport, Text> {
    let Some((host, port, base)) = split_url(&opts.url) else {
        return Err(both!(
            "`{}` is geen https://-adres (een probe gebruikt alleen HTTPS, zonder inloggegevens in het adres)",
            "`{}` is not an https:// address (a probe uses HTTPS only, without credentials in the address)",
            opts.url
        ));
    };
    let roots = tls::roots(opts.ca_file.as_deref()).map_err(|e| {
        both!(
            "het CA-bestand (--ca-file) is niet te gebruiken: {e}",
            "the CA file (--ca-file) cannot be used: {e}"
        )
    })?;
    let client = crate::net::Client::new(&crate::net::NetOptions {
        ca_file: opts.ca_file.clone(),
        timeout: opts.timeout,
        max_bytes: jsdata::MAX_BYTES as u64,
    })
    .map_err(|e| Text::same(e.to_string()))?;
    let mut server = servers::Server {
        host,
        port,
        base,
        client,
        requests: Vec::new(),
    };
    let mut report = ProbeReport {
        url: opts.url.clone(),
        deployment: opts.deployment.clone(),
        probed_at: opts.now,
        platform: None,
        version: None,
        version_status: both!("onbekend", "unknown"),
        tls13: None,
        tls12: None,
        cert_days_left: None,
        chain_valid: false,
        findings: Vec::new(),
        facts: Vec::new(),
        requests: Vec::new(),
    };
    web::tls(&server, &roots, opts.timeout, opts.now, &mut report)?;
    if !report.chain_valid {
        // What the user said the server is, so that `--facts-out` can still record the failure.
        report.platform = opts.platform;
    } else {
        if let Ok(root) = server.get("/", &[]) {
            web::headers(&root, &mut report);
        }
        servers::detect_and_read(&mut server, opts.platform, &mut report);
    }
    report.requests = server.requests;
    report.findings.sort_by_key(|f| f.level);
    Ok(report)
}

/// Whether the report has a finding that works against a requirement (exit 1).
pub fn has_problems(r: &ProbeReport) -> bool {
    r.findings.iter().any(|f| f.level == Level::Problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_port_and_base() {
        assert_eq!(
            split_url("https://meet.example.nl"),
            Some(("meet.example.nl".into(), 443, "".into()))
        );
        assert_eq!(
            split_url("https://127.0.0.1:8443/jitsi/?x=1"),
            Some(("127.0.0.1".into(), 8443, "/jitsi".into()))
        );
        assert_eq!(split_url("http://meet.example.nl"), None);
        assert_eq!(split_url("https://user:pw@meet.example.nl"), None);
        assert_eq!(split_url("https://:443/"), None);
    }
}
