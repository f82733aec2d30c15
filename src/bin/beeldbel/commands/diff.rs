//! `diff OLD.json NEW.json`: what changed between two saved JSON reports of the same
//! organisation(s). Exit 0 when nothing got worse, 1 when something did, 2 when the two cannot
//! be compared (not reports, other organisations, other schema versions).

use std::path::Path;

use beeldbel::diag::{Code, Diagnostic, FileId, Files, Sink};
use beeldbel::i18n::tr;
use beeldbel::input::saved::{SavedKind, read_saved_report};
use beeldbel::results::READABLE_VERSIONS;
use beeldbel::results::diff::{self, Mismatch};

use super::ExitStatus;
use crate::args::DiffArgs;
use crate::output::Output;

pub fn run(args: &DiffArgs, files: &mut Files, sink: &mut Sink) -> ExitStatus {
    let inputs = [args.old.as_path(), args.new.as_path()];
    if super::output_replaces_input(args.output.as_deref(), &inputs, sink) {
        return ExitStatus::InputError;
    }
    let kind = SavedKind {
        noun: ["beeldbel-rapport", "beeldbel report"],
        expected: [
            "verwacht twee JSON-rapporten van `beeldbel check --format json` (schema: `beeldbel schema report`)",
            "expected two JSON reports from `beeldbel check --format json` (schema: `beeldbel schema report`)",
        ],
        versions: &READABLE_VERSIONS,
    };
    // Both are read (and both reported on) before giving up.
    let old = read_saved_report(&args.old, &kind, files, sink);
    let new = read_saved_report(&args.new, &kind, files, sink);
    let (Some((old, old_file)), Some((new, new_file))) = (old, new) else {
        return ExitStatus::InputError;
    };
    let (old_name, new_name) = (name(&args.old), name(&args.new));
    match diff::diff(&old, &new, &old_name, &new_name) {
        Ok(d) => {
            let out = Output::new(args.output.as_deref());
            let written = out.write(|w| beeldbel::render::diff::write(&d, args.format, w));
            let ok = if d.worse {
                ExitStatus::NotCompliant
            } else {
                ExitStatus::Success
            };
            out.finish(written, ok, sink)
        }
        Err(m) => {
            let at = Sides {
                old: (old_file, &old_name),
                new: (new_file, &new_name),
            };
            sink.push(mismatch(&m, &at, files));
            ExitStatus::InputError
        }
    }
}

fn name(p: &Path) -> String {
    p.display().to_string()
}

/// The two files, with their names.
struct Sides<'a> {
    old: (FileId, &'a str),
    new: (FileId, &'a str),
}

/// The offset of the first occurrence of `needle` in a file, or 0.
fn find(files: &Files, file: FileId, needle: &str) -> usize {
    files.text(file).find(needle).unwrap_or(0)
}

/// `file:line:col`, for a note that points into the other file.
fn place(files: &Files, file: FileId, offset: usize) -> String {
    let (line, col) = files.line_col(file, offset);
    format!("{}:{line}:{col}", files.name(file))
}

/// The diagnostic of two reports that cannot be compared; it points into the new report and
/// names the place in the old one.
fn mismatch(m: &Mismatch, at: &Sides<'_>, files: &Files) -> Diagnostic {
    let (old_file, old) = at.old;
    let (new_file, new) = at.new;
    match m {
        Mismatch::SchemaVersion {
            old: v_old,
            new: v_new,
        } => {
            let key = "\"schema_version\"";
            let old_at = place(files, old_file, find(files, old_file, key));
            Diagnostic::error(
                Code::DiffSchemaVersion,
                beeldbel::tr!(
                    "`{old}` en `{new}` hebben een andere schema_version ({v_old} en {v_new}): ze zijn niet te vergelijken",
                    "`{old}` and `{new}` have different schema versions ({v_old} and {v_new}): they cannot be compared"
                ),
            )
            .at(new_file, find(files, new_file, key)..find(files, new_file, key), tr("deze versie", "this version"))
            .note(beeldbel::tr!("de versie van het oude rapport: {old_at}", "the old report's version: {old_at}"))
            .note(tr(
                "maak beide rapporten met dezelfde beeldbel-versie (`beeldbel check --format json`)",
                "make both reports with the same version of beeldbel (`beeldbel check --format json`)",
            ))
        }
        Mismatch::OtherOrganisation { old: o, new: n } => {
            let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
            let new_at = find(files, new_file, &json(n));
            let old_at = place(files, old_file, find(files, old_file, &json(o)));
            Diagnostic::error(
                Code::DiffOtherOrganisation,
                beeldbel::tr!(
                    "`{old}` gaat over „{o}”, `{new}` over „{n}”: diff vergelijkt twee rapporten van dezelfde organisatie",
                    "`{old}` is about “{o}”, `{new}` about “{n}”: diff compares two reports of the same organisation"
                ),
            )
            .at(new_file, new_at..new_at + json(n).len(), tr("andere organisatie", "other organisation"))
            .note(beeldbel::tr!("de organisatie van het oude rapport: {old_at}", "the old report's organisation: {old_at}"))
        }
        Mismatch::Unmatched {
            only_old,
            only_new,
            doubled,
        } => {
            let list = |v: &[String]| {
                v.iter()
                    .map(|s| format!("„{s}”"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut d = Diagnostic::error(
                Code::DiffUnmatched,
                beeldbel::tr!(
                    "de organisaties van `{old}` en `{new}` zijn niet op naam te koppelen",
                    "the organisations of `{old}` and `{new}` cannot be paired by name"
                ),
            );
            let key = "\"organisations\"";
            let at = find(files, new_file, key);
            d = d.at(new_file, at..at + key.len(), tr("hier", "here"));
            if !only_old.is_empty() {
                d = d.note(beeldbel::tr!(
                    "alleen in `{old}`: {}",
                    "only in `{old}`: {}",
                    list(only_old)
                ));
            }
            if !only_new.is_empty() {
                d = d.note(beeldbel::tr!(
                    "alleen in `{new}`: {}",
                    "only in `{new}`: {}",
                    list(only_new)
                ));
            }
            if !doubled.is_empty() {
                d = d.note(beeldbel::tr!(
                    "meer dan eens in één rapport: {}",
                    "more than once in one report: {}",
                    list(doubled)
                ));
            }
            d.note(tr(
                "diff vergelijkt rapporten van dezelfde organisaties; maak beide met dezelfde organisatiebestanden, of vergelijk per organisatie",
                "diff compares reports of the same organisations; make both from the same organisation files, or compare one organisation at a time",
            ))
        }
    }
}
