//! `--facts-out FILE`: the facts a probe saw, as a facts overlay (docs/catalogue.md "Overlays")
//! for the self-hosted edition of the platform found, with one source of `kind = "probe"` whose
//! `url` is the server probed and whose `checked` date is the probe's date.

use std::fmt::Write;

use super::ProbeReport;

/// TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The overlay, or `None` when no platform was recognised (an overlay needs a platform id).
pub fn overlay_toml(r: &ProbeReport) -> Option<String> {
    let platform = r.platform?;
    let date = r.probed_at.date_naive();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Facts overlay written by `beeldbel probe` on {}.",
        r.probed_at.to_rfc3339()
    );
    let _ = writeln!(
        out,
        "# Use it with `beeldbel --facts FILE check ORG`; see docs/probe.md."
    );
    if let Some(d) = &r.deployment {
        let _ = writeln!(
            out,
            "# For deployment {d:?}. An overlay sets facts of the edition: every deployment of it in the run uses them."
        );
    }
    let _ = writeln!(out, "id = {}\n", q(platform.id()));
    let _ = writeln!(out, "[editions.self-hosted.attributes]");
    for f in &r.facts {
        let _ = writeln!(
            out,
            "{} = {{ value = {}, source = \"probe\", note = {{ nl = {}, en = {} }} }}",
            f.attribute,
            f.value,
            q(&f.note.nl),
            q(&f.note.en)
        );
    }
    let _ = writeln!(out, "\n[sources.probe]");
    let _ = writeln!(out, "kind = \"probe\"");
    let _ = writeln!(out, "title = {}", q(&format!("beeldbel probe {}", r.url)));
    let _ = writeln!(out, "url = {}", q(&r.url));
    let _ = writeln!(out, "checked = {date}");
    Some(out)
}
