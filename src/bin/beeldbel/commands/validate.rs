//! `validate`: load and validate files of every kind without evaluating.

use std::path::PathBuf;

use beeldbel::input::batch;
use beeldbel::input::kind::{FileKind, kind_of};
use beeldbel::model::catalogue::Catalogue;
use beeldbel::model::org;
use beeldbel::model::policy::Policy;
use beeldbel::schema::{self, defs};

use super::ExitStatus;
use crate::args::Global;
use crate::output::Output;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

pub fn run(g: &Global, paths: &[PathBuf], files: &mut Files, sink: &mut Sink) -> ExitStatus {
    // Policy and platform files named here are validated on their own; organisation files are
    // checked against the catalogue in use (embedded, or --platforms), loaded once when the
    // first one turns up. A folder gives its `*.toml` files.
    let entries = batch::expand(paths, sink);
    let catalogue: std::sync::OnceLock<(Catalogue, Files, Sink)> = std::sync::OnceLock::new();
    let valid = batch::run(&entries, !g.quiet, files, sink, |e, files, sink| {
        let p = &e.path;
        let bytes = beeldbel::input::read_bytes(p, sink)?;
        // Parsed once: to tell the kind, and (for an organisation file) to validate.
        let text = std::str::from_utf8(&bytes).ok();
        let parsed = text.map(schema::parse);
        let kind = parsed
            .as_ref()
            .and_then(|(root, _)| kind_of(root.get_ref()));
        let name = p.display().to_string();
        // An overlay (`--facts`) names a platform's `id` without a `name` and `vendor` of its
        // own: it is validated against the catalogue in use.
        let overlay = parsed.as_ref().is_some_and(|(root, _)| {
            let has = |k: &str| root.get_ref().iter().any(|(key, _)| key.get_ref() == k);
            has("id")
                && !has("name")
                && !has("vendor")
                && matches!(kind, None | Some(FileKind::Platform))
        });
        let in_use = || {
            catalogue.get_or_init(|| {
                let (mut f, mut s) = (Files::default(), Sink::default());
                (g.sources().load_catalogue(&mut f, &mut s), f, s)
            })
        };
        if overlay {
            let mut c = in_use().0.clone();
            beeldbel::model::overlay::apply_one(&mut c, &name, &bytes, files, sink);
            return Some(!sink.has_errors());
        }
        let bytes = &bytes;
        match kind {
            Some(FileKind::Policy) => {
                Policy::load(&[(name.clone(), bytes.clone())], &name, files, sink);
            }
            Some(FileKind::Platform) => {
                Catalogue::load(&[(name.clone(), bytes.clone())], &name, files, sink);
            }
            Some(FileKind::Appointment) => {
                if let Some(src) = beeldbel::input::add_bytes(name.clone(), bytes, files, sink) {
                    let text = files.text(src.file).to_string();
                    schema::parse_and_validate(src.file, &text, defs::APPOINTMENT_FILE, sink);
                }
            }
            Some(FileKind::Answers) => {
                beeldbel::engine::dpia::answers::load(p, files, sink);
            }
            Some(FileKind::Organisation) => {
                // Organisation files are checked against the catalogue in use, loaded once.
                let (c, _, _) = in_use();
                if let Some(parsed) = parsed {
                    org::load_parsed(p, bytes, parsed, c, files, sink);
                }
            }
            None => {
                // Say why: not UTF-8, empty, broken TOML, or a TOML file of no known kind.
                if let Some(src) = beeldbel::input::add_bytes(name.clone(), bytes, files, sink) {
                    let mut syntax = Sink::default();
                    let text = files.text(src.file).to_string();
                    if schema::parse_and_validate(src.file, &text, &[], &mut syntax).is_none() {
                        sink.extend(syntax);
                    } else {
                        sink.push(
                            Diagnostic::error(
                                Code::UnknownFileKind,
                                beeldbel::tr!(
                                    "`{name}` is geen beleids-, platform- of organisatiebestand",
                                    "`{name}` is not a policy, platform or organisation file"
                                ),
                            )
                            .at(src.file, 0..0, String::new())
                            .note(tr(
                                "verwacht een [policy]-tabel, een [organisation]-tabel, id/vendor/[editions] van een platform, of `activity` van een afspraak",
                                "expected a [policy] table, an [organisation] table, a platform's id/vendor/[editions], or an appointment's `activity`",
                            )),
                        );
                    }
                }
            }
        }
        Some(!sink.has_errors())
    });
    // The overlays of --facts are validated even when no file needs the catalogue.
    if !g.facts.is_empty() {
        catalogue.get_or_init(|| {
            let (mut f, mut s) = (Files::default(), Sink::default());
            (g.sources().load_catalogue(&mut f, &mut s), f, s)
        });
    }
    if let Some((_, f, s)) = catalogue.into_inner() {
        let offset = files.absorb(f);
        sink.absorb(s, offset);
    }
    let count = valid.iter().filter(|v| **v).count();
    let total = entries.len();
    let summary = beeldbel::tr!(
        "{count} van {total} bestand(en) geldig\n",
        "{count} of {total} file(s) valid\n"
    );
    let out = Output::stdout();
    out.finish(out.text(&summary), ExitStatus::Success, sink)
}
