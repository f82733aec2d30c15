//! `[sources.<key>]`: the sources facts cite, in platform files, overlays and organisation
//! files.

use crate::schema::{Field, Ty};

enum_values! {
    SOURCE_KINDS, SOURCE_KINDS_VALUES;
    "web" => "webpagina", "web page";
    "contract" => "contract", "contract";
    "certificate" => "certificaat", "certificate";
    "assessment" => "beoordeling (audit, DPIA, toets)", "assessment (audit, DPIA, review)";
    "probe" => "eigen test", "own test";
}

/// `[sources.<key>]` in platform files, overlays and organisation files.
pub const SOURCE: &[Field] = &[
    Field::opt(
        "kind",
        Ty::Enum(SOURCE_KINDS_VALUES),
        "What the source is: web (a public page, the default), contract, certificate, assessment or probe (an own test).",
    ),
    Field::req(
        "title",
        Ty::Str,
        "Title of the page or document read; mark secondary sources as such.",
    ),
    Field::opt(
        "url",
        Ty::Str,
        "Address (https): required for web and probe, optional for the other kinds.",
    ),
    Field::opt(
        "reference",
        Ty::Str,
        "Where in the source: an article, a page, a certificate number.",
    ),
    Field::opt("reviewer", Ty::Str, "Who reviewed the source."),
    Field::opt(
        "document",
        Ty::Str,
        "A local document (path relative to this file); needs sha256.",
    ),
    Field::opt(
        "sha256",
        Ty::Str,
        "The SHA-256 of document (64 hexadecimal characters); verified when the document is there.",
    ),
    Field::req("checked", Ty::Date, "The date the source was read."),
];
