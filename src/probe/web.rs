//! Findings about the web server: the TLS versions it accepts, its certificate, its security
//! headers.

use chrono::{DateTime, Utc};

use super::findings::{fact, push};
use super::servers::Server;
use super::tls::{self, Versions};
use super::{Level, ProbeReport};
use crate::both;
use crate::i18n::Text;
use crate::net::Response;

/// TLS: the versions accepted, the chain, the expiry. `Err` when the server cannot be reached
/// at all.
pub fn tls(
    s: &Server,
    roots: &rustls::RootCertStore,
    timeout: std::time::Duration,
    now: DateTime<Utc>,
    r: &mut ProbeReport,
) -> Result<(), Text> {
    let mut last_err = String::new();
    let mut ok = false;
    for v in [Versions::Tls13, Versions::Tls12] {
        let res = tls::connect(&s.host, s.port, roots, v, timeout);
        let accepted = match res {
            Ok(conn) => {
                ok = true;
                if r.cert_days_left.is_none() {
                    r.cert_days_left =
                        tls::not_after(&conn).map(|t| (t - now.timestamp()) / 86_400);
                }
                true
            }
            Err(e) => {
                last_err = e;
                false
            }
        };
        match v {
            Versions::Tls13 => r.tls13 = Some(accepted),
            _ => r.tls12 = Some(accepted),
        }
    }
    r.chain_valid = ok;
    if !ok {
        let certificate = last_err.contains("certificate") || last_err.contains("Certificate");
        if !certificate && !last_err.contains("alert") && !last_err.contains("protocol") {
            return Err(both!(
                "{} is niet te bereiken: {last_err}",
                "{} cannot be reached: {last_err}",
                s.url("/")
            ));
        }
        r.tls13 = None;
        r.tls12 = None;
        push(
            r,
            "tls.handshake",
            Level::Problem,
            &["PLAT-VERSL-01"],
            both!(
                "geen geldige TLS-verbinding (TLS 1.3 of 1.2 met een certificaatketen die te verifiëren is): {last_err}",
                "no valid TLS connection (TLS 1.3 or 1.2 with a chain that verifies): {last_err}"
            ),
            &last_err,
        );
        fact(
            r,
            "encryption_in_transit",
            "false",
            both!(
                "Probe: de webserver biedt geen geldige TLS-verbinding ({last_err}).",
                "Probe: the web server offers no valid TLS connection ({last_err})."
            ),
        );
        return Ok(());
    }
    let v = match (r.tls13, r.tls12) {
        (Some(true), Some(true)) => "TLS 1.3, TLS 1.2",
        (Some(true), _) => "TLS 1.3",
        _ => "TLS 1.2",
    };
    push(
        r,
        "tls.versions",
        Level::Ok,
        &["PLAT-VERSL-01"],
        both!(
            "aangeboden: {v}; keten geverifieerd",
            "offered: {v}; chain verified"
        ),
        v,
    );
    push(
        r,
        "tls.old-versions",
        Level::Untestable,
        &[],
        both!(
            "TLS 1.0 en 1.1: niet te toetsen (rustls spreekt die versies niet; gebruik bijvoorbeeld testssl.sh)",
            "TLS 1.0 and 1.1: not testable (rustls does not speak those versions; use e.g. testssl.sh)"
        ),
        "",
    );
    if let Some(days) = r.cert_days_left
        && days < 14
    {
        push(
            r,
            "tls.expiry",
            Level::Warning,
            &["PLAT-VERSL-01"],
            both!(
                "het certificaat verloopt over {days} dagen",
                "the certificate expires in {days} days"
            ),
            &days.to_string(),
        );
    }
    fact(
        r,
        "encryption_in_transit",
        "true",
        both!(
            "Probe: de webserver en de signalering gebruiken {v} met een geldige certificaatketen. Het mediaverkeer (DTLS-SRTP naar de mediaserver) is van buiten niet te zien.",
            "Probe: the web server and signalling use {v} with a valid certificate chain. Media traffic (DTLS-SRTP to the media server) cannot be seen from outside."
        ),
    );
    Ok(())
}

/// The security headers PLAT-WEB-01 asks for (besides HSTS, which PLAT-VERSL-01 covers).
const SECURITY_HEADERS: [&str; 4] = [
    "content-security-policy",
    "referrer-policy",
    "permissions-policy",
    "x-content-type-options",
];

/// The security headers of the start page; sets the fact `web_security_headers`.
pub fn headers(resp: &Response, r: &mut ProbeReport) {
    match resp.header("strict-transport-security") {
        Some(v) => push(
            r,
            "headers.hsts",
            Level::Ok,
            &["PLAT-VERSL-01"],
            both!("HSTS staat aan", "HSTS is on"),
            v,
        ),
        None => push(
            r,
            "headers.hsts",
            Level::Warning,
            &["PLAT-VERSL-01"],
            both!(
                "geen Strict-Transport-Security (HSTS): een browser kan via http:// worden omgeleid",
                "no Strict-Transport-Security (HSTS): a browser can be diverted through http://"
            ),
            "",
        ),
    }
    let mut missing = Vec::new();
    for h in SECURITY_HEADERS {
        match resp.header(h) {
            Some(v) => push(
                r,
                &format!("headers.{h}"),
                Level::Ok,
                &["PLAT-WEB-01"],
                both!("{h} aanwezig", "{h} present"),
                v,
            ),
            None => {
                missing.push(h);
                push(
                    r,
                    &format!("headers.{h}"),
                    Level::Warning,
                    &["PLAT-WEB-01"],
                    both!(
                        "beveiligingsheader {h} ontbreekt (AVG art. 32: passende beveiliging)",
                        "security header {h} missing (GDPR art. 32: appropriate security)"
                    ),
                    "",
                )
            }
        }
    }
    if missing.is_empty() {
        fact(
            r,
            "web_security_headers",
            "true",
            both!(
                "Probe: de startpagina stuurt alle vier beveiligingsheaders ({}).",
                "Probe: the start page sends all four security headers ({}).",
                SECURITY_HEADERS.join(", ")
            ),
        );
    } else {
        let names = missing.join(", ");
        fact(
            r,
            "web_security_headers",
            "false",
            both!(
                "Probe: de startpagina stuurt niet: {names}.",
                "Probe: the start page does not send: {names}."
            ),
        );
    }
}
