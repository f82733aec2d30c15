//! From what was seen to findings (each naming the policy requirements it bears on) and to facts
//! for the overlay. The mapping is documented in docs/probe.md.

use super::jsdata::{ParseError, Value};
use super::{Fact, Finding, Level, ProbeReport};
use crate::both;
use crate::i18n::Text;

pub(super) fn push(
    r: &mut ProbeReport,
    id: &str,
    level: Level,
    reqs: &[&'static str],
    text: Text,
    ev: &str,
) {
    // What a server sends must not steer the terminal: control characters (line breaks
    // included, so a value cannot fake a line of the report) become U+FFFD.
    let clean = |s: &str| s.replace(char::is_control, "\u{FFFD}");
    r.findings.push(Finding {
        id: id.into(),
        level,
        requirements: reqs.to_vec(),
        text: text.map(|_, t| clean(t)),
        evidence: clean(ev),
    });
}

pub(super) fn fact(r: &mut ProbeReport, attribute: &'static str, value: &str, note: Text) {
    r.facts.retain(|f| f.attribute != attribute);
    r.facts.push(Fact {
        attribute,
        value: value.into(),
        note,
    });
}

/// A config.js that could not be read as data.
pub fn config_unreadable(url: &str, e: &ParseError, r: &mut ProbeReport) {
    let why = e.text();
    let off = e.offset;
    push(r, "jitsi.config.unreadable", Level::Warning, &[], why.map(|lang, t| match lang {
        crate::i18n::Lang::Nl => format!("{url} is niet als gegevens te lezen (byte {off}): {t}; de instellingen zijn niet beoordeeld"),
        crate::i18n::Lang::En => format!("{url} cannot be read as data (byte {off}): {t}; the settings were not assessed"),
    }), &format!("byte {off}"));
}

fn flag(cfg: &Value, path: &str) -> Option<bool> {
    cfg.get(path).and_then(Value::as_bool)
}

fn nonempty(cfg: &Value, path: &str) -> Option<String> {
    match cfg.get(path)? {
        Value::Str(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(a) if !a.is_empty() => Some(format!("{} item(s)", a.len())),
        Value::Bool(true) => Some("true".into()),
        Value::Expr => Some("(expressie)".into()),
        _ => None,
    }
}

/// The STUN hosts of a `stunServers` list.
fn stun_hosts(v: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(items)) = v else {
        return vec![];
    };
    let mut out = Vec::new();
    for it in items {
        let urls = match it.get("urls") {
            Some(Value::Str(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|u| u.as_str().map(str::to_string))
                .collect(),
            _ => vec![],
        };
        for u in urls {
            let rest = u.split_once(':').map_or(u.as_str(), |(_, r)| r);
            let host = rest
                .split([':', '?'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if !host.is_empty() {
                out.push(host);
            }
        }
    }
    out
}

/// Jitsi Meet's config.js, read as data.
pub fn jitsi(cfg: &Value, url: &str, r: &mut ProbeReport) {
    let ev = |p: &str, v: &str| format!("{p} = {v}");
    // End-to-end encryption.
    let e2ee_off =
        flag(cfg, "testing.disableE2EE") == Some(true) || flag(cfg, "e2ee.disabled") == Some(true);
    if e2ee_off {
        push(
            r,
            "jitsi.e2ee.disabled",
            Level::Problem,
            &["PLAT-E2EE-01"],
            both!(
                "end-to-endversleuteling is uitgeschakeld in config.js",
                "end-to-end encryption is switched off in config.js"
            ),
            "testing.disableE2EE / e2ee.disabled = true",
        );
        fact(
            r,
            "e2ee",
            "\"none\"",
            both!(
                "Probe van {url}: end-to-endversleuteling uitgeschakeld (testing.disableE2EE of e2ee.disabled).",
                "Probe of {url}: end-to-end encryption switched off (testing.disableE2EE or e2ee.disabled)."
            ),
        );
    } else {
        push(
            r,
            "jitsi.e2ee.available",
            Level::Info,
            &["PLAT-E2EE-01"],
            both!(
                "end-to-endversleuteling is niet uitgeschakeld: per gesprek aan te zetten (standaard uit)",
                "end-to-end encryption is not switched off: can be enabled per meeting (off by default)"
            ),
            "",
        );
    }
    // Lobby and prejoin.
    if flag(cfg, "hideLobbyButton") == Some(true)
        || flag(cfg, "securityUi.hideLobbyButton") == Some(true)
    {
        push(
            r,
            "jitsi.lobby.hidden",
            Level::Problem,
            &["PLAT-DEFAULT-01"],
            both!(
                "de lobbyknop is verborgen (hideLobbyButton): moderatoren kunnen geen wachtkamer aanzetten",
                "the lobby button is hidden (hideLobbyButton): moderators cannot switch on a waiting room"
            ),
            &ev("hideLobbyButton", "true"),
        );
        fact(
            r,
            "waiting_room",
            "false",
            both!(
                "Probe van {url}: hideLobbyButton = true, de lobby is niet aan te zetten.",
                "Probe of {url}: hideLobbyButton = true, the lobby cannot be switched on."
            ),
        );
    }
    let prejoin = flag(cfg, "prejoinConfig.enabled").or(flag(cfg, "prejoinPageEnabled"));
    push(
        r,
        "jitsi.prejoin",
        Level::Info,
        &[],
        match prejoin {
            Some(true) => both!(
                "voorbereidingsscherm (prejoin) staat aan",
                "pre-join screen is on"
            ),
            Some(false) => both!(
                "voorbereidingsscherm (prejoin) staat uit",
                "pre-join screen is off"
            ),
            None => both!(
                "voorbereidingsscherm (prejoin): standaardwaarde van de versie",
                "pre-join screen: the release's default"
            ),
        },
        "",
    );
    if flag(cfg, "lobby.autoKnock") == Some(true) || flag(cfg, "autoKnockLobby") == Some(true) {
        push(
            r,
            "jitsi.lobby.autoknock",
            Level::Info,
            &["PLAT-DEFAULT-01"],
            both!(
                "lobby: deelnemers kloppen automatisch aan",
                "lobby: participants knock automatically"
            ),
            "lobby.autoKnock = true",
        );
    }
    // Peer-to-peer and its STUN servers.
    let third_party_off = flag(cfg, "disableThirdPartyRequests") == Some(true);
    let mut telemetry_bad = false;
    let p2p_on = flag(cfg, "p2p.enabled") != Some(false);
    if p2p_on {
        for host in stun_hosts(cfg.get("p2p.stunServers")) {
            let google = host.ends_with("google.com") || host.ends_with("googleapis.com");
            let jitsi_net = host.ends_with("jitsi.net") || host.ends_with("jit.si");
            if google || jitsi_net {
                telemetry_bad = true;
                let who = if google {
                    "Google (VS / US)"
                } else {
                    "8x8 (VS / US)"
                };
                push(
                    r,
                    "jitsi.p2p.stun-non-eu",
                    Level::Problem,
                    &["PLAT-LOC-01", "PLAT-TELEM-01"],
                    both!(
                        "peer-to-peer gebruikt STUN-server {host} van {who}: de IP-adressen van deelnemers gaan naar een partij buiten de EU (AVG art. 44)",
                        "peer-to-peer uses STUN server {host} of {who}: participants' IP addresses go to a party outside the EU (GDPR art. 44)"
                    ),
                    &host,
                );
            } else {
                push(
                    r,
                    "jitsi.p2p.stun-other",
                    Level::Info,
                    &["PLAT-LOC-01"],
                    both!(
                        "peer-to-peer gebruikt STUN-server {host} (waar die staat, ziet de probe niet)",
                        "peer-to-peer uses STUN server {host} (where it stands, the probe cannot see)"
                    ),
                    &host,
                );
            }
        }
    }
    // Third-party requests: Gravatar, analytics, callstats.
    if third_party_off {
        push(
            r,
            "jitsi.third-party.off",
            Level::Ok,
            &["PLAT-TELEM-01"],
            both!(
                "verzoeken aan derden staan uit (disableThirdPartyRequests)",
                "third-party requests are off (disableThirdPartyRequests)"
            ),
            "disableThirdPartyRequests = true",
        );
    } else {
        if flag(cfg, "gravatar.disabled") != Some(true) {
            telemetry_bad = true;
            let base = cfg
                .get("gravatar.baseUrl")
                .or(cfg.get("gravatarBaseURL"))
                .and_then(Value::as_str)
                .map(str::to_string);
            push(
                r,
                "jitsi.gravatar",
                Level::Warning,
                &["PLAT-TELEM-01"],
                match &base {
                    Some(b) => both!(
                        "avatars via een Gravatar-dienst ({b}): de browser vraagt voor elke deelnemer een afbeelding op bij een derde",
                        "avatars through a Gravatar service ({b}): the browser asks a third party for an image of each participant"
                    ),
                    None => both!(
                        "avatars via de Gravatar-dienst die de versie standaard gebruikt: de browser vraagt voor elke deelnemer een afbeelding op bij een derde",
                        "avatars through the release's default Gravatar service: the browser asks a third party for an image of each participant"
                    ),
                },
                base.as_deref().unwrap_or(""),
            );
        }
        if let Some(id) = nonempty(cfg, "callStatsID") {
            telemetry_bad = true;
            push(
                r,
                "jitsi.callstats",
                Level::Problem,
                &["PLAT-TELEM-01"],
                both!(
                    "callstats.io ontvangt gespreksstatistieken (callStatsID)",
                    "callstats.io receives call statistics (callStatsID)"
                ),
                &ev("callStatsID", &id),
            );
        }
    }
    if flag(cfg, "analytics.disabled") != Some(true) {
        for key in [
            "googleAnalyticsTrackingId",
            "amplitudeAPPKey",
            "matomoEndpoint",
            "scriptURLs",
            "rtcstatsEnabled",
            "rtcstatsEndpoint",
        ] {
            if let Some(v) = nonempty(cfg, &format!("analytics.{key}")) {
                telemetry_bad = true;
                push(
                    r,
                    &format!("jitsi.analytics.{key}"),
                    Level::Problem,
                    &["PLAT-TELEM-01", "PLAT-DOEL-02"],
                    both!(
                        "analytics staat aan: analytics.{key}",
                        "analytics is on: analytics.{key}"
                    ),
                    &ev(&format!("analytics.{key}"), &v),
                );
            }
        }
    }
    fact(
        r,
        "default_telemetry_minimised",
        if telemetry_bad { "false" } else { "true" },
        if telemetry_bad {
            both!(
                "Probe van {url}: config.js stuurt gegevens naar derden (STUN, Gravatar, analytics of callstats; zie de probe-uitvoer).",
                "Probe of {url}: config.js sends data to third parties (STUN, Gravatar, analytics or callstats; see the probe output)."
            )
        } else {
            both!(
                "Probe van {url}: geen analytics, callstats, Gravatar of STUN-servers van derden in config.js.",
                "Probe of {url}: no analytics, callstats, Gravatar or third-party STUN servers in config.js."
            )
        },
    );
    // Recording.
    let jibri = flag(cfg, "fileRecordingsEnabled") == Some(true)
        || flag(cfg, "recordingService.enabled") == Some(true);
    if jibri {
        push(
            r,
            "jitsi.recording.server",
            Level::Warning,
            &["PLAT-OPNAME-01"],
            both!(
                "opname op de server (Jibri) staat aan in config.js",
                "server-side recording (Jibri) is on in config.js"
            ),
            "fileRecordingsEnabled / recordingService.enabled = true",
        );
    }
    if flag(cfg, "localRecording.disable") == Some(true) {
        push(
            r,
            "jitsi.recording.local-off",
            Level::Ok,
            &["PLAT-OPNAME-01"],
            both!("lokale opname staat uit", "local recording is off"),
            "localRecording.disable = true",
        );
    } else if flag(cfg, "localRecording.enabled") == Some(true) {
        push(
            r,
            "jitsi.recording.local-on",
            Level::Warning,
            &["PLAT-OPNAME-01"],
            both!("lokale opname staat aan", "local recording is on"),
            "localRecording.enabled = true",
        );
    }
    push(
        r,
        "jitsi.display-name",
        Level::Info,
        &[],
        match flag(cfg, "requireDisplayName") {
            Some(true) => both!(
                "een weergavenaam is verplicht",
                "a display name is required"
            ),
            _ => both!(
                "een weergavenaam is niet verplicht",
                "a display name is not required"
            ),
        },
        "",
    );
}

/// BigBlueButton's API answer.
pub fn bbb(build: &str, r: &mut ProbeReport) {
    let v = r.version.clone().unwrap_or_default();
    push(
        r,
        "bbb.version",
        Level::Info,
        &[],
        both!(
            "BigBlueButton-API versie {v} {build}; of deze versie nog ondersteund wordt: onbekend",
            "BigBlueButton API version {v} {build}; whether this version is still supported: unknown"
        ),
        &v,
    );
}

/// Nextcloud's status.php and the Talk (spreed) capabilities.
pub fn nextcloud(
    status: &serde_json::Value,
    spreed: Option<&serde_json::Value>,
    r: &mut ProbeReport,
) {
    let v = r.version.clone().unwrap_or_default();
    push(
        r,
        "nextcloud.version",
        Level::Info,
        &[],
        both!(
            "Nextcloud {v}; of deze versie nog ondersteund wordt: onbekend",
            "Nextcloud {v}; whether this version is still supported: unknown"
        ),
        &v,
    );
    if status.get("maintenance").and_then(|m| m.as_bool()) == Some(true) {
        push(
            r,
            "nextcloud.maintenance",
            Level::Warning,
            &[],
            both!(
                "de server staat in onderhoudsmodus",
                "the server is in maintenance mode"
            ),
            "maintenance = true",
        );
    }
    match spreed {
        None => push(
            r,
            "nextcloud.talk.absent",
            Level::Warning,
            &[],
            both!(
                "Nextcloud, maar geen Talk (spreed) in de capabilities",
                "Nextcloud, but no Talk (spreed) in the capabilities"
            ),
            "",
        ),
        Some(sp) => {
            let feats: Vec<&str> = sp
                .get("features")
                .and_then(|f| f.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            let tv = sp
                .pointer("/version")
                .and_then(|x| x.as_str())
                .unwrap_or("?");
            push(
                r,
                "nextcloud.talk",
                Level::Info,
                &[],
                both!(
                    "Nextcloud Talk {tv} ({} functies)",
                    "Nextcloud Talk {tv} ({} features)",
                    feats.len()
                ),
                tv,
            );
            if feats.contains(&"lobby-webinar") {
                push(
                    r,
                    "nextcloud.talk.lobby",
                    Level::Ok,
                    &["PLAT-DEFAULT-01"],
                    both!(
                        "Talk biedt een lobby (lobby-webinar)",
                        "Talk offers a lobby (lobby-webinar)"
                    ),
                    "lobby-webinar",
                );
            }
            if feats.contains(&"recording-v1") {
                push(
                    r,
                    "nextcloud.talk.recording",
                    Level::Warning,
                    &["PLAT-OPNAME-01"],
                    both!(
                        "Talk kan opnemen (recording-v1)",
                        "Talk can record (recording-v1)"
                    ),
                    "recording-v1",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::jsdata::parse_config;

    fn report() -> ProbeReport {
        ProbeReport {
            url: "https://meet.example.nl".into(),
            deployment: None,
            probed_at: chrono::Utc::now(),
            platform: None,
            version: None,
            version_status: Text::same("?"),
            tls13: None,
            tls12: None,
            cert_days_left: None,
            chain_valid: true,
            findings: vec![],
            facts: vec![],
            requests: vec![],
        }
    }

    fn ids(r: &ProbeReport) -> Vec<&str> {
        r.findings.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn stun_hosts_of_google_and_8x8_are_problems_others_are_seen() {
        let cfg = parse_config(
            "var config = { p2p: { stunServers: [ { urls: 'stun:stun.l.google.com:19302' }, { urls: ['stun:turn.example.nl:443?transport=tcp'] } ] } };",
        )
        .unwrap();
        let mut r = report();
        jitsi(&cfg, "https://meet.example.nl/config.js", &mut r);
        let stun: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.id.starts_with("jitsi.p2p"))
            .collect();
        assert_eq!(stun.len(), 2);
        assert_eq!(
            (stun[0].level, stun[0].evidence.as_str()),
            (Level::Problem, "stun.l.google.com")
        );
        assert_eq!(
            (stun[1].level, stun[1].evidence.as_str()),
            (Level::Info, "turn.example.nl")
        );
        // With p2p off the STUN servers are not used.
        let cfg = parse_config("var config = { p2p: { enabled: false, stunServers: [ { urls: 'stun:stun.l.google.com:19302' } ] } };").unwrap();
        let mut r = report();
        jitsi(&cfg, "u", &mut r);
        assert!(!ids(&r).iter().any(|i| i.starts_with("jitsi.p2p")));
    }

    #[test]
    fn analytics_callstats_and_lobby_settings_are_findings_with_facts() {
        let cfg = parse_config(
            "var config = { callStatsID: 'abc', analytics: { amplitudeAPPKey: 'k' }, securityUi: { hideLobbyButton: true } };",
        )
        .unwrap();
        let mut r = report();
        jitsi(&cfg, "u", &mut r);
        let got = ids(&r);
        for id in [
            "jitsi.callstats",
            "jitsi.analytics.amplitudeAPPKey",
            "jitsi.lobby.hidden",
            "jitsi.gravatar",
        ] {
            assert!(got.contains(&id), "{id}: {got:?}");
        }
        let fact = |a: &str| {
            r.facts
                .iter()
                .find(|f| f.attribute == a)
                .map(|f| f.value.clone())
        };
        assert_eq!(fact("waiting_room").as_deref(), Some("false"));
        assert_eq!(
            fact("default_telemetry_minimised").as_deref(),
            Some("false")
        );
        // disableThirdPartyRequests silences Gravatar and callstats, not analytics.
        let cfg = parse_config("var config = { disableThirdPartyRequests: true, callStatsID: 'abc', analytics: { disabled: true } };").unwrap();
        let mut r = report();
        jitsi(&cfg, "u", &mut r);
        assert!(ids(&r).contains(&"jitsi.third-party.off"));
        assert!(!ids(&r).contains(&"jitsi.callstats"));
        let fact = r
            .facts
            .iter()
            .find(|f| f.attribute == "default_telemetry_minimised")
            .unwrap();
        assert_eq!(fact.value, "true");
    }

    #[test]
    fn server_text_cannot_steer_the_terminal() {
        let cfg =
            parse_config("var config = { callStatsID: 'x\\u001b[31mred\\nfake line' };").unwrap();
        let mut r = report();
        jitsi(&cfg, "u", &mut r);
        let f = r
            .findings
            .iter()
            .find(|f| f.id == "jitsi.callstats")
            .unwrap();
        assert!(
            !f.evidence.contains('\u{1b}') && !f.evidence.contains('\n'),
            "{:?}",
            f.evidence
        );
    }
}
