//! `lock`: fetch https:// sources and write their SHA-256 to the lock file (docs/remote.md).

use std::io::Write;

use beeldbel::diag::{Code, Diagnostic, Sink};
use beeldbel::i18n::tr;
use beeldbel::input::remote::{self, Fetcher, LockFile};

use super::ExitStatus;
use crate::args::{Global, LockArgs};

/// Fetches each URL (checking a `#sha256=` pin if it has one), then writes all of them to the
/// lock file at once, atomically; on any error nothing is written.
pub fn run(g: &Global, args: &LockArgs, sink: &mut Sink) -> ExitStatus {
    let urls: Vec<String> = if args.urls.is_empty() {
        super::source_inputs(g)
            .iter()
            .filter_map(|p| p.to_str())
            .filter(|s| remote::is_url(s))
            .map(str::to_string)
            .collect()
    } else {
        args.urls.clone()
    };
    if urls.is_empty() {
        sink.push(Diagnostic::error(
            Code::RemoteUrl,
            tr(
                "geen URL om vast te leggen: geef URL's, of https://-bronnen met --policy, --platforms of --facts",
                "no URL to lock: give URLs, or https:// sources with --policy, --platforms or --facts",
            ),
        ));
        return ExitStatus::InputError;
    }
    let mut settings = g.remote_settings();
    if settings.offline {
        sink.push(Diagnostic::error(
            Code::RemoteOffline,
            tr(
                "`lock` haalt de bronnen op en kan niet met --offline",
                "`lock` fetches the sources and cannot run with --offline",
            ),
        ));
        return ExitStatus::InputError;
    }
    let path = settings.lock.clone();
    let mut lock = match remote::read_lock(&path, false, sink) {
        Some(l) => l,
        None if sink.has_errors() => return ExitStatus::InputError,
        None => LockFile {
            version: 1,
            sources: Vec::new(),
        },
    };
    settings.use_lock = false;
    let mut fetcher = Fetcher::new(settings);
    let mut got = Vec::new();
    for arg in &urls {
        if !remote::is_url(arg) {
            sink.push(Diagnostic::error(
                Code::RemoteUrl,
                beeldbel::tr!(
                    "`{arg}` is geen https://-URL",
                    "`{arg}` is not an https:// URL"
                ),
            ));
            continue;
        }
        if let Some(f) = fetcher.fetch(arg, sink) {
            got.push(f.source);
        }
    }
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    for s in &got {
        lock.set(s.clone());
    }
    if let Err(e) = remote::write_atomic(&path, lock.to_toml().as_bytes()) {
        sink.push(Diagnostic::error(
            Code::LockFile,
            beeldbel::tr!(
                "lockbestand `{}` niet te schrijven: {e}",
                "cannot write lock file `{}`: {e}",
                path.display()
            ),
        ));
        return ExitStatus::InputError;
    }
    if !g.quiet {
        let mut out = std::io::stdout().lock();
        for s in &got {
            let _ = writeln!(
                out,
                "{} {}  sha256 {}",
                tr("vastgelegd:", "locked:"),
                s.url,
                s.sha256
            );
        }
        let _ = writeln!(
            out,
            "{}",
            beeldbel::tr!(
                "{} bron(nen) in {}",
                "{} source(s) in {}",
                got.len(),
                path.display()
            )
        );
    }
    ExitStatus::Success
}
