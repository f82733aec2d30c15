//! Helpers every renderer shares: neutralising control characters (in a string, or while
//! writing), the state symbols, the provenance line's oldest fact.

use std::fmt;
use std::io;

use crate::model::policy::Severity;
use crate::results::{EvidenceOrigin, OriginKind, Outcome, ReplacedFact, State, Verdict};

// The pure text-safety functions live in `crate::text_safety` (diagnostics use them too); they
// stay reachable here under their old names.
use crate::text_safety::is_unwanted;
pub use crate::text_safety::{without_controls, without_controls_cow};

/// A JSON value with control characters in its strings neutralised as [`without_controls`]
/// does (object keys stay as they are); borrowed when it has none.
pub fn json_without_controls(v: &serde_json::Value) -> std::borrow::Cow<'_, serde_json::Value> {
    fn dirty(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::String(s) => s.contains(is_unwanted),
            serde_json::Value::Array(a) => a.iter().any(dirty),
            serde_json::Value::Object(o) => o.values().any(dirty),
            _ => false,
        }
    }
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = without_controls(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            serde_json::Value::Object(o) => o.values_mut().for_each(clean),
            _ => {}
        }
    }
    if dirty(v) {
        let mut v = v.clone();
        clean(&mut v);
        std::borrow::Cow::Owned(v)
    } else {
        std::borrow::Cow::Borrowed(v)
    }
}

/// An [`fmt::Write`] over an [`io::Write`] that passes every piece of text through `piece`
/// (which escapes or neutralises it, character by character); the first I/O error is kept.
struct Filter<'w, 'f> {
    w: &'w mut dyn io::Write,
    piece: &'f dyn Fn(&str, &mut dyn io::Write) -> io::Result<()>,
    error: Option<io::Error>,
}

impl fmt::Write for Filter<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        (self.piece)(s, self.w).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// Writes `args` into `w`, every piece of text through `piece`: an escape that works character
/// by character, so escaping the pieces is escaping the whole.
pub fn write_filtered(
    w: &mut dyn io::Write,
    args: fmt::Arguments<'_>,
    piece: &dyn Fn(&str, &mut dyn io::Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut filter = Filter {
        w,
        piece,
        error: None,
    };
    match fmt::write(&mut filter, args) {
        Ok(()) => Ok(()),
        Err(fmt::Error) => Err(filter
            .error
            .unwrap_or_else(|| io::Error::other("a value could not be formatted"))),
    }
}

/// Writes `s` with control characters replaced (see [`without_controls`]).
fn clean_piece(s: &str, w: &mut dyn io::Write) -> io::Result<()> {
    let mut rest = s;
    while let Some((i, c)) = rest.char_indices().find(|&(_, c)| is_unwanted(c)) {
        w.write_all(&rest.as_bytes()[..i])?;
        w.write_all("\u{FFFD}".as_bytes())?;
        rest = &rest[i + c.len_utf8()..];
    }
    w.write_all(rest.as_bytes())
}

/// Writes `args` into `w` with control characters (other than line breaks and tabs) replaced
/// by U+FFFD: the text renderers write every input-derived string through here.
pub fn write_clean(w: &mut dyn io::Write, args: fmt::Arguments<'_>) -> io::Result<()> {
    write_filtered(w, args, &clean_piece)
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

/// The accepted deviations a verdict rests on, in words: `met 3 aanvaarde afwijkingen` /
/// `with 3 accepted deviations` (1: `afwijking`/`deviation`). Empty for none.
pub fn accepted_deviations(waived: usize) -> String {
    match waived {
        0 => String::new(),
        1 => crate::i18n::tr("met 1 aanvaarde afwijking", "with 1 accepted deviation").into(),
        n => crate::tr!(
            "met {n} aanvaarde afwijkingen",
            "with {n} accepted deviations"
        ),
    }
}

/// How many of the accepted deviations are of high severity, in words: `waarvan 1 van hoge
/// ernst` / `1 of them of high severity`. Empty for none.
pub fn high_deviations(high: usize) -> String {
    match high {
        0 => String::new(),
        n => crate::tr!("waarvan {n} van hoge ernst", "{n} of them of high severity"),
    }
}

/// Whether a verdict rests on accepted deviations, so that its words name them: a verdict that
/// passes or is incomplete (its waivers lifted it); one that fails does so whatever was waived.
pub fn rests_on_deviations(verdict: Verdict, waived: usize) -> bool {
    waived > 0 && verdict != Verdict::NonCompliant
}

/// The verdict in words, every format's one wording: `label` (as the format writes it, e.g.
/// upper case), then the accepted deviations it rests on and how many of them are of high
/// severity: `voldoet, met 3 aanvaarde afwijkingen (waarvan 1 van hoge ernst)`.
pub fn verdict_words(label: &str, verdict: Verdict, waived: usize, high: usize) -> String {
    if !rests_on_deviations(verdict, waived) {
        return label.to_string();
    }
    let high = high_deviations(high);
    let high = if high.is_empty() {
        high
    } else {
        format!(" ({high})")
    };
    format!("{label}, {}{high}", accepted_deviations(waived))
}

/// The waived outcomes among `outcomes`, and how many of them are of high severity.
pub fn waived_counts<'a>(outcomes: impl IntoIterator<Item = &'a Outcome>) -> (usize, usize) {
    outcomes
        .into_iter()
        .filter(|o| o.state == State::Waived)
        .fold((0, 0), |(n, high), o| {
            (n + 1, high + usize::from(o.severity == Severity::High))
        })
}

/// Whether an outcome's message says more than its state: `niet voldaan` beside a "niet
/// voldaan" badge says nothing new, so the formats leave such a message out.
pub fn message_adds(o: &Outcome) -> bool {
    // The engine's bare messages (`niet voldaan`/`not met`, `voldaan`/`met`), and the state's
    // own label in either language (a saved report of version 1 kept one language).
    let bare: &[&str] = match o.state {
        State::Fail => &["niet voldaan", "not met", "fail", "failed"],
        State::Pass => &["voldaan", "met", "pass", "passed"],
        State::Unknown => &["onbekend", "unknown"],
        _ => &[],
    };
    let m = o.message.get().trim().trim_end_matches('.').to_lowercase();
    !(m.is_empty() || m == o.state.label().to_lowercase() || bare.contains(&m.as_str()))
}

/// What an outcome's message adds to its state, for the formats that show the state beside it
/// (Markdown, HTML): `None` when it adds nothing (`niet voldaan` beside "niet voldaan"), or for
/// a waived outcome whose waiver is shown in full; else the message without a leading state
/// word (`onbekend: vul … in` → `vul … in`).
pub fn finding(o: &Outcome) -> Option<&str> {
    if (o.state == State::Waived && o.waiver.is_some()) || !message_adds(o) {
        return None;
    }
    let m = o.message.get().trim();
    let words: &[&str] = match o.state {
        State::Unknown => &["onbekend", "unknown"],
        State::NotApplicable => &["niet van toepassing", "not applicable"],
        State::Fail => &["niet voldaan", "not met"],
        _ => &[],
    };
    for w in words {
        let rest = m
            .get(..w.len())
            .filter(|head| head.eq_ignore_ascii_case(w))
            .and_then(|_| m[w.len()..].strip_prefix(':'));
        if let Some(rest) = rest.map(str::trim_start).filter(|r| !r.is_empty()) {
            return Some(rest);
        }
    }
    Some(m)
}

/// The heading over the platform requirements a derived outcome rests on (`Outcome::because`):
/// the channel was rejected (the outcome failed, or would have without its waiver) or could not
/// be rated.
pub fn because_heading(o: &crate::results::Outcome) -> &'static str {
    match o.underlying_state.unwrap_or(o.state) {
        State::Unknown => crate::i18n::tr(
            "Kanaal niet beoordeeld omdat:",
            "Channel not rated because:",
        ),
        _ => crate::i18n::tr("Kanaal afgewezen omdat:", "Channel rejected because:"),
    }
}

/// Where a fact came from, in words of this run's language: `uit de catalogus`,
/// `uit overlay fg-teams.toml`, `uit het organisatiebestand org.toml`.
pub fn origin_words(o: &EvidenceOrigin) -> String {
    let file = o.file.as_deref().unwrap_or("");
    match o.kind {
        OriginKind::Catalogue => crate::i18n::tr("uit de catalogus", "from the catalogue").into(),
        OriginKind::Overlay => crate::tr!("uit overlay {file}", "from overlay {file}"),
        OriginKind::Organisation => crate::tr!(
            "uit het organisatiebestand {file}",
            "from the organisation file {file}"
        ),
    }
}

/// The fact a correction replaced, in words: `vervangt true uit de catalogus (bron: …)`.
pub fn replaced_words(r: &ReplacedFact) -> String {
    let value = r.value.to_string();
    let origin = origin_words(&r.origin);
    match &r.source_title {
        Some(title) => crate::tr!(
            "vervangt {value} {origin} (bron: {title})",
            "replaces {value} {origin} (source: {title})"
        ),
        None => crate::tr!(
            "vervangt {value} {origin} (zonder bron)",
            "replaces {value} {origin} (unsourced)"
        ),
    }
}

/// What follows the catalogue in a provenance line: the oldest fact used, if any.
pub fn oldest_fact(date: Option<&str>) -> String {
    date.map(|d| format!(", {} {d}", crate::i18n::tr("oudste feit", "oldest fact")))
        .unwrap_or_default()
}

/// A writer that takes `room` bytes, then fails as a full disk does: for the tests that every
/// renderer reports a failed write instead of swallowing it.
#[cfg(test)]
pub struct Full {
    pub room: usize,
}

#[cfg(test)]
impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Escapes `s` for XML 1.0 text content (JUnit, docx, odt).
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_xml_char(&mut out, c, false));
    out
}

/// Escapes `s` for an XML 1.0 attribute value in double quotes; tab, newline and carriage return
/// become character references so that they survive attribute-value normalisation.
pub fn xml_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    s.chars().for_each(|c| push_xml_char(&mut out, c, true));
    out
}

/// One character escaped for XML 1.0 (in an attribute value when `attribute`). A character XML
/// does not allow (a control character in an input file) becomes U+FFFD, so the document stays
/// readable and shows that something was there.
pub fn push_xml_char(out: &mut String, c: char, attribute: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        '\t' if attribute => out.push_str("&#9;"),
        '\n' if attribute => out.push_str("&#10;"),
        '\r' => out.push_str("&#13;"),
        '\t' | '\n' => out.push(c),
        c if allowed_in_xml(c) => out.push(c),
        _ => out.push('\u{FFFD}'),
    }
}

/// The `Char` production of XML 1.0 (§2.2).
fn allowed_in_xml(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_neutralises_controls_like_the_string_helper() {
        let hostile = "a\x1b[2Jb\x07\r\nc\td\u{85}e\u{7f}";
        let mut out = Vec::new();
        write_clean(&mut out, format_args!("[{hostile}]")).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            format!("[{}]", without_controls(hostile))
        );
        assert_eq!(
            without_controls(hostile),
            "a\u{FFFD}[2Jb\u{FFFD}\u{FFFD}\nc\td\u{FFFD}e\u{FFFD}"
        );
    }

    #[test]
    fn json_values_are_cleaned_inside() {
        let v = serde_json::json!({"k": ["x\x1by", 1], "n": null});
        assert_eq!(
            json_without_controls(&v).into_owned(),
            serde_json::json!({"k": ["x\u{FFFD}y", 1], "n": null})
        );
        let plain = serde_json::json!("ok");
        assert!(matches!(
            json_without_controls(&plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
