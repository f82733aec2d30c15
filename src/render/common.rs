//! Helpers every renderer shares: neutralising control characters, the state symbols, the
//! provenance line's oldest fact.

use crate::results::State;

/// `s` with control characters (other than line breaks and tabs) replaced by U+FFFD, so an input
/// cannot move the cursor, recolour a terminal or break a document.
pub fn without_controls(s: &str) -> String {
    s.replace(
        |c: char| c.is_control() && c != '\n' && c != '\t',
        "\u{FFFD}",
    )
}

/// The symbol of a state: every cell carries a symbol beside its colour and word.
pub fn symbol(state: State) -> &'static str {
    match state {
        State::Pass => "✓",
        State::Fail => "✗",
        State::Unknown => "?",
        State::NotApplicable => "–",
        State::Waived => "~",
        State::Error => "!",
    }
}

/// What follows the catalogue in a provenance line: the oldest fact used, if any.
pub fn oldest_fact(date: Option<&str>) -> String {
    date.map(|d| format!(", {} {d}", crate::i18n::tr("oudste feit", "oldest fact")))
        .unwrap_or_default()
}
