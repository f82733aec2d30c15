//! The probe report as text (in the run's language) or JSON.

use std::io::{self, Write};

use super::{Level, ProbeReport};
use crate::i18n::tr;
use crate::tr;

fn level(l: Level) -> String {
    match l {
        Level::Problem => tr!("PROBLEEM", "PROBLEM"),
        Level::Warning => tr!("let op", "warning"),
        Level::Untestable => tr!("niet te toetsen", "not testable"),
        Level::Ok => tr!("in orde", "ok"),
        Level::Info => tr!("gezien", "seen"),
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => tr("ja", "yes"),
        Some(false) => tr("nee", "no"),
        None => tr("niet vastgesteld", "not established"),
    }
}

/// A text from the server, on one line and without control characters.
fn clean(s: &str) -> String {
    s.replace(char::is_control, "\u{FFFD}")
}

pub fn text(r: &ProbeReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "{} {}", tr("Probe van", "Probe of"), r.url)?;
    if let Some(d) = &r.deployment {
        writeln!(w, "{}: {}", tr("Inzet", "Deployment"), clean(d))?;
    }
    writeln!(
        w,
        "{}: {}",
        tr("Tijdstip", "Time"),
        r.probed_at.to_rfc3339()
    )?;
    let platform = r
        .platform
        .map_or(tr("niet herkend", "not recognised"), |p| p.name());
    writeln!(w, "{}: {platform}", tr("Platform", "Platform"))?;
    let version = r
        .version
        .as_deref()
        .unwrap_or(tr("niet gepubliceerd", "not published"));
    let version = clean(version);
    writeln!(
        w,
        "{}: {version} ({}: {})",
        tr("Versie", "Version"),
        tr("ondersteuning", "support"),
        r.version_status
    )?;
    writeln!(
        w,
        "TLS 1.3: {}  TLS 1.2: {}  TLS 1.0/1.1: {}",
        yes_no(r.tls13),
        yes_no(r.tls12),
        tr("niet te toetsen", "not testable")
    )?;
    if let Some(d) = r.cert_days_left {
        writeln!(
            w,
            "{}: {d}",
            tr(
                "Certificaat geldig, dagen tot verloop",
                "Certificate valid, days to expiry"
            )
        )?;
    }
    writeln!(w, "\n{}:", tr("Bevindingen", "Findings"))?;
    for f in &r.findings {
        let reqs = if f.requirements.is_empty() {
            String::new()
        } else {
            format!(" [{}]", f.requirements.join(", "))
        };
        writeln!(w, "  - {}: {}{reqs}", level(f.level), f.text)?;
        if !f.evidence.is_empty() {
            writeln!(w, "      {}: {}", tr("waarde", "value"), f.evidence)?;
        }
    }
    writeln!(
        w,
        "\n{}:",
        tr("Verzoeken (alleen GET)", "Requests (GET only)")
    )?;
    if r.requests.is_empty() {
        writeln!(w, "  {}", tr("(geen)", "(none)"))?;
    }
    for q in &r.requests {
        match (q.status, &q.error) {
            (Some(s), _) => writeln!(w, "  GET {} -> {s}", q.url)?,
            (None, Some(e)) => writeln!(
                w,
                "  GET {} -> {}: {}",
                q.url,
                tr("mislukt", "failed"),
                clean(e)
            )?,
            _ => {}
        }
    }
    writeln!(
        w,
        "\n{}",
        tr(
            "Wat een probe niet ziet: waar de mediaserver staat, wie er beheerrechten (root) op heeft, de TURN- en videobridge-instellingen en de logbestanden (docs/probe.md).",
            "What a probe cannot see: where the media server stands, who has root on it, the TURN and videobridge settings, and the logs (docs/probe.md)."
        )
    )?;
    Ok(())
}

pub fn json(r: &ProbeReport, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r)?;
    writeln!(w)
}
