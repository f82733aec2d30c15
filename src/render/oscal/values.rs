//! Values in the OSCAL document: deterministic UUIDs, beeldbel's properties, timestamps, and
//! input text made safe for OSCAL's Markdown fields.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::model::*;

// =============================================================================================
// Values: UUIDs, properties, text
// =============================================================================================

/// Deterministic UUIDs. Each is SHA-256 over a fixed prefix and the JSON array of its name
/// parts (kind, then what identifies it: evaluation date, policy, organisation file and name,
/// requirement, subject), cut to 128 bits with the RFC 4122 version (5, name-based) and variant
/// bits set: OSCAL accepts versions 4 and 5 only. Should two things get the same name, the later
/// one gets a counter, so UUIDs stay unique. An `Ids` serves one
/// organisation's result (they are made in parallel); a file given twice is told apart when the
/// results are put together ([`super::parts`]).
#[derive(Default)]
pub(super) struct Ids {
    seen: HashSet<String>,
    /// Per name, the suffix to try next: a name given a thousand times (the same organisation
    /// repeated in a batch) costs a thousand hashes, not half a million.
    next: HashMap<String, u32>,
}

impl Ids {
    /// The UUIDs made so far.
    pub(super) fn made(&self) -> impl Iterator<Item = &String> {
        self.seen.iter()
    }

    pub(super) fn get(&mut self, parts: &[&str]) -> String {
        // The JSON array of the parts: what `serde_json::to_string(parts)` writes, infallibly.
        let name = serde_json::Value::from(parts).to_string();
        let mut n = self.next.get(&name).copied().unwrap_or(0);
        loop {
            let u = if n == 0 {
                uuid_from(&name)
            } else {
                uuid_from(&format!("{name}#{n}"))
            };
            n += 1;
            if self.seen.insert(u.clone()) {
                self.next.insert(name, n);
                return u;
            }
        }
    }
}

/// A version-5-shaped UUID from SHA-256 of `name`.
pub(super) fn uuid_from(name: &str) -> String {
    let mut hasher = uuid_hasher();
    hasher.update(name.as_bytes());
    uuid_of(hasher)
}

/// The hasher of [`uuid_from`] before the name: feed it the name (in pieces, for a name of
/// hundreds of megabytes) and finish with [`uuid_of`].
pub(super) fn uuid_hasher() -> Sha256 {
    let mut hasher = Sha256::new();
    hasher.update(b"beeldbel-oscal-uuid/1\n");
    hasher
}

/// The UUID of the name fed to `hasher` (from [`uuid_hasher`]).
pub(super) fn uuid_of(hasher: Sha256) -> String {
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Properties in beeldbel's namespace; empty values are left out (OSCAL forbids them).
#[derive(Default)]
pub(super) struct Props(pub(super) Vec<Prop>);

impl Props {
    pub(super) fn add(&mut self, name: &'static str, value: &str) {
        let value = one_line(value);
        if !value.is_empty() {
            self.0.push(Prop {
                name,
                ns: NS,
                value,
            });
        }
    }
}

/// `YYYY-MM-DD` → `YYYY-MM-DDT00:00:00Z`.
pub(super) fn midnight(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// A JSON value on one line, as written in the report.
pub(super) fn compact(v: &serde_json::Value) -> String {
    v.to_string()
}

/// Whitespace, line breaks and control characters collapsed to single spaces, trimmed.
pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for an OSCAL markup field (Markdown in JSON), on one line: every character that could
/// start Markdown or HTML is escaped, so an input shows as text.
pub(super) fn md(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '!'
                | '|'
                | '~'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`md`] for text that starts a paragraph (a description or remark): a start that would make a
/// list item or a thematic break is escaped too.
pub(super) fn md_block(s: &str) -> String {
    let mut out = md(s);
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let rest = &out[digits..];
    if digits == 0 && (out.starts_with('-') || out.starts_with("+ ") || out == "+") {
        out.insert(0, '\\');
    } else if digits > 0
        && rest.starts_with(['.', ')'])
        && (rest.len() == 1 || rest[1..].starts_with(' '))
    {
        out.insert(digits, '\\');
    }
    out
}

/// A Markdown code span holding `s` literally.
pub(super) fn code(s: &str) -> String {
    let s = one_line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    if s.starts_with('`') || s.ends_with('`') {
        format!("{fence} {s} {fence}")
    } else {
        format!("{fence}{s}{fence}")
    }
}

pub(super) fn codes(items: &[String]) -> String {
    items.iter().map(|m| code(m)).collect::<Vec<_>>().join(", ")
}

pub(super) fn paragraphs(items: &[String]) -> String {
    items.join("\n\n")
}

/// `url` if it is an absolute URI that can stand as an `href` as written (no spaces, quotes or
/// angle brackets), else nothing: a catalogue's URL is never rewritten into another one.
pub(super) fn uri(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once(':')?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let rest_ok = !rest.is_empty()
        && rest.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
        });
    (scheme_ok && rest_ok).then(|| url.to_string())
}

/// A URL in Markdown text: an autolink when it is a clean URI, else escaped text.
pub(super) fn link_text(url: &str) -> String {
    match uri(url) {
        Some(u) => format!("<{u}>"),
        None => md(url),
    }
}

/// An OSCAL token (an XML NCName): requirement ids (`AREA-NAME-NN`) already are; anything else
/// has its other characters replaced by `_`.
pub(super) fn token(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}
