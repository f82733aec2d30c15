//! `probe URL`: look at a self-hosted video server from outside (docs/probe.md). Exit 0 when no
//! finding works against a requirement, 1 when one does, 2 when the server could not be probed.

use beeldbel::diag::{Code, Diagnostic, Sink};
use beeldbel::probe::{self, Options, Platform, render};

use super::ExitStatus;
use crate::args::{Global, ProbeArgs, ProbeFormat};
use crate::output::Output;

pub fn run(g: &Global, args: &ProbeArgs, sink: &mut Sink) -> ExitStatus {
    if g.offline {
        sink.push(Diagnostic::error(
            Code::ProbeFailed,
            beeldbel::tr!(
                "{}: een probe heeft het netwerk nodig, en --offline is gegeven",
                "{}: a probe needs the network, and --offline was given",
                args.url
            ),
        ));
        return ExitStatus::InputError;
    }
    // The global --ca-file (or SSL_CERT_FILE) and --net-timeout (per request).
    let opts = Options {
        url: args.url.clone(),
        ca_file: g.ca_file.clone().filter(|p| !p.as_os_str().is_empty()),
        timeout: g.net_timeout,
        platform: args.platform.as_deref().and_then(Platform::from_id),
        deployment: args.deployment.clone(),
        now: chrono::Utc::now(),
    };
    let report = match probe::run(&opts) {
        Ok(r) => r,
        Err(why) => {
            sink.push(Diagnostic::error(Code::ProbeFailed, why.get().to_string()));
            return ExitStatus::InputError;
        }
    };
    let out = Output::new(args.output.as_deref());
    let written = out.write(|w| match args.format {
        ProbeFormat::Text => Ok(render::text(&report, w)?),
        ProbeFormat::Json => Ok(render::json(&report, w)?),
    });
    let status = if probe::has_problems(&report) {
        ExitStatus::NotCompliant
    } else {
        ExitStatus::Success
    };
    let status = out.finish(written, status, sink);
    if let Some(path) = &args.facts_out {
        let Some(toml) = probe::overlay::overlay_toml(&report) else {
            sink.push(Diagnostic::error(
                Code::ProbeNoPlatform,
                beeldbel::tr!(
                    "geen platform herkend op {}: er is geen overlay geschreven naar {} (geef --platform)",
                    "no platform recognised at {}: no overlay written to {} (give --platform)",
                    report.url, path.display()
                ),
            ));
            return ExitStatus::InputError;
        };
        if let Err(e) = std::fs::write(path, toml) {
            sink.push(Diagnostic::error(
                Code::Io,
                format!("{}: {e}", path.display()),
            ));
            return ExitStatus::InputError;
        }
    }
    status
}
