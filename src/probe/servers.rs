//! The requests a probe makes and the recognition of the three server kinds from what they
//! publish: Jitsi Meet (`/config.js`, `/interface_config.js`), BigBlueButton
//! (`/bigbluebutton/api`), Nextcloud Talk (`/status.php` and the OCS capabilities).

use crate::net::{Client, NetError, Response};

use super::{Platform, ProbeReport, Request, findings};

/// The server being probed, the client that asks it, and the requests made so far.
pub struct Server {
    pub host: String,
    pub port: u16,
    pub base: String,
    pub client: Client,
    pub requests: Vec<Request>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        let port = if self.port == 443 {
            String::new()
        } else {
            format!(":{}", self.port)
        };
        format!("https://{}{port}{}{path}", self.host, self.base)
    }

    /// One GET through the shared client (docs/remote.md: https only, its redirects, time and
    /// size limits); every request is listed in the report.
    pub fn get(&mut self, path: &str, extra: &[(&str, &str)]) -> Result<Response, NetError> {
        let url = self.url(path);
        let res = self.client.get_with_headers(&url, extra);
        self.requests.push(Request {
            url,
            status: res.as_ref().ok().map(|r| r.status),
            error: res.as_ref().err().map(|e| e.to_string()),
        });
        res
    }
}

fn ok_body(r: Result<Response, NetError>) -> Option<Response> {
    r.ok().filter(|r| r.status == 200)
}

/// Recognises the platform (or reads the one given) and
/// what it publishes.
pub fn detect_and_read(s: &mut Server, given: Option<Platform>, report: &mut ProbeReport) {
    let order: Vec<Platform> = match given {
        Some(p) => vec![p],
        None => Platform::ALL.to_vec(),
    };
    for p in order {
        let found = match p {
            Platform::Jitsi => jitsi(s, report),
            Platform::Bigbluebutton => bbb(s, report),
            Platform::NextcloudTalk => nextcloud(s, report),
        };
        if found {
            report.platform = Some(p);
            return;
        }
    }
    report.findings.push(super::Finding {
        id: "detect.none".into(),
        level: super::Level::Warning,
        requirements: vec![],
        text: crate::both!(
            "geen Jitsi Meet, BigBlueButton of Nextcloud Talk herkend aan wat de server publiceert",
            "no Jitsi Meet, BigBlueButton or Nextcloud Talk recognised from what the server publishes"
        ),
        evidence: String::new(),
    });
}

fn jitsi(s: &mut Server, report: &mut ProbeReport) -> bool {
    let url = s.url("/config.js");
    let resp = match s.get("/config.js", &[]) {
        Err(NetError::TooLarge { limit, .. }) => {
            // A config.js over the size limit is a Jitsi server whose settings cannot be read.
            let e = super::jsdata::ParseError {
                offset: 0,
                kind: super::jsdata::ErrorKind::TooLarge(limit as usize),
            };
            findings::config_unreadable(&url, &e, report);
            return true;
        }
        r => match ok_body(r) {
            Some(r) => r,
            None => return false,
        },
    };
    let text = String::from_utf8_lossy(&resp.body);
    if !text.contains("config") {
        return false;
    }
    match super::jsdata::parse_config(&text) {
        Ok(cfg) => findings::jitsi(&cfg, &url, report),
        Err(e) => findings::config_unreadable(&url, &e, report),
    }
    // interface_config.js is only noted (its settings are about the look of the page).
    let _ = s.get("/interface_config.js", &[]);
    true
}

/// The text of the first `<tag>…</tag>` in an XML answer.
fn xml_tag<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&format!("</{tag}>"))? + start;
    Some(xml[start..end].trim())
}

fn bbb(s: &mut Server, report: &mut ProbeReport) -> bool {
    let Some(resp) = ok_body(s.get("/bigbluebutton/api", &[])) else {
        return false;
    };
    let xml = String::from_utf8_lossy(&resp.body);
    if xml_tag(&xml, "returncode") != Some("SUCCESS") {
        return false;
    }
    report.version = xml_tag(&xml, "version").map(str::to_string);
    findings::bbb(xml_tag(&xml, "bbbVersion").unwrap_or(""), report);
    true
}

fn nextcloud(s: &mut Server, report: &mut ProbeReport) -> bool {
    let Some(resp) = ok_body(s.get("/status.php", &[])) else {
        return false;
    };
    let Ok(status) = serde_json::from_slice::<serde_json::Value>(&resp.body) else {
        return false;
    };
    if status.get("installed").is_none() || status.get("productname").is_none() {
        return false;
    }
    report.version = status
        .get("versionstring")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let caps = ok_body(s.get(
        "/ocs/v2.php/cloud/capabilities?format=json",
        &[("OCS-APIRequest", "true")],
    ))
    .and_then(|r| serde_json::from_slice::<serde_json::Value>(&r.body).ok());
    let spreed = caps
        .as_ref()
        .and_then(|c| c.pointer("/ocs/data/capabilities/spreed"));
    findings::nextcloud(&status, spreed, report);
    true
}
