//! Answers files (`beeldbel dpia --answers`): the organisation's own text for the gaps of its
//! DPIA draft, keyed by the gaps' stable keys (`docs/dpia.md`).

use crate::schema::{Field, Ty};

/// One answer: the gap it fills and the organisation's text.
pub const ANSWER: &[Field] = &[
    Field::req(
        "gap",
        Ty::Str,
        "The stable key of the gap this answers, as the draft's gap list shows it (e.g. \"s1.voorstel\").",
    ),
    Field::req(
        "text",
        Ty::Str,
        "The organisation's answer: plain text, several lines and paragraphs allowed (a TOML multi-line string \"\"\"…\"\"\").",
    ),
];

/// An answers file: `[[answer]]` entries (none: every gap stays open), and optionally the
/// organisation it was written for.
pub const ANSWERS_FILE: &[Field] = &[
    Field::opt(
        "organisation_name",
        Ty::Str,
        "The organisation the answers are for (informative; written by --answers-template).",
    ),
    Field::opt(
        "answer",
        Ty::TableArray(ANSWER),
        "The answers, one [[answer]] per gap.",
    ),
];
