//! The SARIF log written organisation by organisation.
//!
//! A part holds an organisation's results and, for outcomes in state `error`, its tool
//! execution notifications, each pretty-printed at the depth it has in the log. Two things in
//! them only the whole batch tells, so a part leaves a mark that [`Splice`] resolves while the
//! parts are copied into the log:
//!
//! - the rule index (rules are listed once, in order of first occurrence over the batch): the
//!   requirement id between two [`RULE`] bytes;
//! - the separators between array items (a comma before every item but the first of the whole
//!   log): [`RESULT`] before a result, a notification between [`NOTE`] and [`NOTE_END`].
//!
//! These bytes are control characters, which serde_json always escapes inside a string, so they
//! occur nowhere else in a part. The notifications come before the results in the log: when there
//! are any, the results wait in a temporary file while the notifications are gathered.

use std::collections::HashMap;
use std::io::{self, Read, Seek, Write};
use std::sync::Mutex;

use serde::{Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};

use super::{OrgProperties, artifact, log, notification, result};
use crate::render::RenderError;
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::{OrgReport, State};

/// A rule index: a number in the log, a mark in a part (see the module documentation).
#[derive(Clone, Copy)]
pub(super) struct RuleIndex(u64);

impl Serialize for RuleIndex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

/// An array of the log written in its place rather than serialised with the rest.
#[derive(Clone, Copy)]
pub(crate) struct Slot(u64);

impl Slot {
    /// Slot `n` of a document (a JSON report other than SARIF's may use these too).
    pub(crate) const fn nth(n: u8) -> Slot {
        Slot(SLOT + n as u64)
    }

    pub(super) const NOTIFICATIONS: Slot = Slot(SLOT);
    pub(super) const ARTIFACTS: Slot = Slot(SLOT + 1);
    pub(super) const RESULTS: Slot = Slot(SLOT + 2);
    pub(super) const ORGANISATIONS: Slot = Slot(SLOT + 3);
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

/// Numbers from here on are slots, and from [`RULE_BASE`] rule indexes (by their position in a
/// part's own requirements): [`Marks`] writes them as marks.
const SLOT: u64 = 1 << 62;
const RULE_BASE: u64 = 1 << 63;

/// The marks (see the module documentation).
pub(crate) const SLOT_MARK: u8 = 0x01;
const RESULT: u8 = 0x02;
const NOTE: u8 = 0x03;
const NOTE_END: u8 = 0x04;
const RULE: u8 = 0x05;

/// The indentation (in spaces) of the items of each slot, and of its closing bracket.
const NOTIFICATION_INDENT: usize = 12;
const RESULT_INDENT: usize = 8;
const ARTIFACT_INDENT: usize = 8;
const ORGANISATION_INDENT: usize = 10;

/// The SARIF log, written organisation by organisation.
#[derive(Default)]
pub struct SarifReport {
    /// Requirement id → the first organisation (by index) that noted it in its `Seen`.
    noted: Mutex<HashMap<String, usize>>,
}

impl Sections for SarifReport {
    fn org(
        &self,
        cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        // The requirements of this organisation, in order of first occurrence.
        let mut local: HashMap<&str, u64> = HashMap::new();
        let mut ids: Vec<String> = Vec::new();
        for o in &org.outcomes {
            if !local.contains_key(o.requirement.as_str()) {
                local.insert(&o.requirement, RULE_BASE + ids.len() as u64);
                ids.push(o.requirement.clone());
            }
        }
        // Only what an organisation before this one has not noted can be a first occurrence:
        // noting the rest would change nothing (`Seen::merge` keeps the first) but copy texts.
        let firsts: Vec<&str> = match self.noted.lock() {
            Ok(mut noted) => ids
                .iter()
                .filter(|id| {
                    let before = noted.get(id.as_str()).is_some_and(|&i| i < index);
                    if !before {
                        noted.insert((*id).clone(), index);
                    }
                    !before
                })
                .map(String::as_str)
                .collect(),
            Err(_) => ids.iter().map(String::as_str).collect(),
        };
        for o in &org.outcomes {
            if firsts.contains(&o.requirement.as_str())
                && !seen.requirements.contains_key(&o.requirement)
            {
                seen.requirement(o);
            }
        }
        // The part may go straight into a file (a large organisation): written in pieces.
        let mut w = io::BufWriter::with_capacity(1 << 16, w);
        let w: &mut dyn Write = &mut w;
        for o in &org.outcomes {
            let rule = RuleIndex(local.get(o.requirement.as_str()).copied().unwrap_or(0));
            if let Some(r) = result(cx.head, org, index, o, rule) {
                w.write_all(&[RESULT])?;
                item(w, &r, RESULT_INDENT, &ids)?;
            }
            if o.state == State::Error {
                w.write_all(&[NOTE])?;
                item(
                    w,
                    &notification(org, index, o, rule),
                    NOTIFICATION_INDENT,
                    &ids,
                )?;
                w.write_all(&[NOTE_END])?;
            }
        }
        Ok(w.flush()?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut head = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut head, Marks::new(&[]));
        log(end).serialize(&mut ser)?;
        let rules: HashMap<&str, usize> = end
            .seen
            .requirement_ids()
            .enumerate()
            .map(|(k, id)| (id, k))
            .collect();
        // The results, when the notifications have to be gathered before them.
        let mut waiting: Option<(tempfile::SpooledTempFile, usize)> = None;
        let mut rest = &head[..];
        while let Some(p) = rest.iter().position(|&b| b == SLOT_MARK) {
            w.write_all(&rest[..p])?;
            let slot = rest.get(p + 1).copied().unwrap_or(0);
            rest = rest.get(p + 2..).unwrap_or_default();
            match u64::from(slot) + SLOT {
                s if s == Slot::NOTIFICATIONS.0 => {
                    let mut results = tempfile::SpooledTempFile::new(8 << 20);
                    let mut notes = tempfile::SpooledTempFile::new(1 << 20);
                    let mut splice = Splice::new(&rules, &mut results, &mut notes);
                    body(&mut splice)?;
                    let (n_results, n_notes) = (splice.results, splice.notes);
                    w.write_all(b"[")?;
                    copy(&mut notes, w)?;
                    close(w, n_notes, NOTIFICATION_INDENT)?;
                    waiting = Some((results, n_results));
                }
                s if s == Slot::ARTIFACTS.0 => {
                    w.write_all(b"[")?;
                    for (i, o) in end.orgs.iter().enumerate() {
                        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                        item(w, &artifact(&o.file, &o.sha256, i), ARTIFACT_INDENT, &[])?;
                    }
                    close(w, end.orgs.len(), ARTIFACT_INDENT)?;
                }
                s if s == Slot::RESULTS.0 => {
                    w.write_all(b"[")?;
                    let n = match waiting.take() {
                        Some((mut results, n)) => {
                            copy(&mut results, w)?;
                            n
                        }
                        None => {
                            let mut sink = io::sink();
                            let mut splice = Splice::new(&rules, w, &mut sink);
                            body(&mut splice)?;
                            splice.results
                        }
                    };
                    close(w, n, RESULT_INDENT)?;
                }
                _ => {
                    w.write_all(b"[")?;
                    for (i, o) in end.orgs.iter().enumerate() {
                        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                        let props = OrgProperties {
                            file: &o.file,
                            sha256: &o.sha256,
                            name: &o.name,
                            verdict: o.verdict,
                        };
                        item(w, &props, ORGANISATION_INDENT, &[])?;
                    }
                    close(w, end.orgs.len(), ORGANISATION_INDENT)?;
                }
            }
        }
        w.write_all(rest)?;
        Ok(w.write_all(b"\n")?)
    }
}

/// Ends an array of `n` items whose items are indented by `indent`: `]` after `[` when empty.
pub(crate) fn close(w: &mut dyn Write, n: usize, indent: usize) -> io::Result<()> {
    if n > 0 {
        w.write_all(b"\n")?;
        w.write_all(&b" ".repeat(indent - 2))?;
    }
    w.write_all(b"]")
}

/// Writes `value` pretty-printed as an array item indented by `indent` (without the separator
/// before it); rule indexes as marks naming `rules[k]`.
pub(crate) fn item(
    w: &mut dyn Write,
    value: &impl Serialize,
    indent: usize,
    rules: &[String],
) -> Result<(), RenderError> {
    let pad = b" ".repeat(indent);
    w.write_all(&pad)?;
    let mut out = Indented { w, pad: &pad };
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Marks::new(rules));
    value
        .serialize(&mut ser)
        .map_err(RenderError::from_json_write)
}

/// Writes through to `w`, indenting every line after the first by `pad` (a pretty-printed JSON
/// value has line breaks only between its tokens).
struct Indented<'a> {
    w: &'a mut dyn Write,
    pad: &'a [u8],
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(p) = rest.iter().position(|&b| b == b'\n') {
            self.w.write_all(&rest[..=p])?;
            self.w.write_all(self.pad)?;
            rest = &rest[p + 1..];
        }
        self.w.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// serde_json's pretty printer, writing slots and rule indexes as marks.
pub(crate) struct Marks<'r> {
    pretty: PrettyFormatter<'static>,
    rules: &'r [String],
}

impl<'r> Marks<'r> {
    pub(crate) fn new(rules: &'r [String]) -> Marks<'r> {
        Marks {
            pretty: PrettyFormatter::new(),
            rules,
        }
    }
}

impl Formatter for Marks<'_> {
    fn write_u64<W: ?Sized + Write>(&mut self, w: &mut W, value: u64) -> io::Result<()> {
        if value >= RULE_BASE {
            let id = usize::try_from(value - RULE_BASE)
                .ok()
                .and_then(|k| self.rules.get(k))
                .map_or("", String::as_str);
            w.write_all(&[RULE])?;
            w.write_all(id.as_bytes())?;
            w.write_all(&[RULE])
        } else if value >= SLOT {
            w.write_all(&[SLOT_MARK, (value - SLOT) as u8])
        } else {
            write!(w, "{value}")
        }
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// Copies the parts into the log: the results into `results`, the notifications into `notes`,
/// with the separators and the rule indexes put in.
struct Splice<'a> {
    rules: &'a HashMap<&'a str, usize>,
    out: &'a mut dyn Write,
    notes_out: &'a mut dyn Write,
    /// Between [`NOTE`] and [`NOTE_END`].
    in_note: bool,
    /// The requirement id of a rule mark being read.
    rule: Option<Vec<u8>>,
    results: usize,
    notes: usize,
}

impl<'a> Splice<'a> {
    fn new(
        rules: &'a HashMap<&'a str, usize>,
        out: &'a mut dyn Write,
        notes_out: &'a mut dyn Write,
    ) -> Splice<'a> {
        Splice {
            rules,
            out,
            notes_out,
            in_note: false,
            rule: None,
            results: 0,
            notes: 0,
        }
    }

    fn sink(&mut self) -> &mut dyn Write {
        if self.in_note {
            &mut *self.notes_out
        } else {
            &mut *self.out
        }
    }
}

impl Write for Splice<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if let Some(id) = &mut self.rule {
                match rest.iter().position(|&b| b == RULE) {
                    Some(p) => {
                        id.extend_from_slice(&rest[..p]);
                        rest = &rest[p + 1..];
                        let id = self.rule.take().unwrap_or_default();
                        let index = std::str::from_utf8(&id)
                            .ok()
                            .and_then(|id| self.rules.get(id))
                            .copied()
                            .unwrap_or(0);
                        write!(self.sink(), "{index}")?;
                    }
                    None => {
                        id.extend_from_slice(rest);
                        rest = &[];
                    }
                }
                continue;
            }
            let Some(p) = rest.iter().position(|&b| b <= RULE) else {
                self.sink().write_all(rest)?;
                break;
            };
            let mark = rest[p];
            self.sink().write_all(&rest[..p])?;
            rest = &rest[p + 1..];
            match mark {
                RESULT => {
                    let sep: &[u8] = if self.results == 0 { b"\n" } else { b",\n" };
                    self.results += 1;
                    self.out.write_all(sep)?;
                }
                NOTE => {
                    let sep: &[u8] = if self.notes == 0 { b"\n" } else { b",\n" };
                    self.notes += 1;
                    self.in_note = true;
                    self.notes_out.write_all(sep)?;
                }
                NOTE_END => self.in_note = false,
                RULE => self.rule = Some(Vec::new()),
                // Not in a part (a JSON string never holds a control character unescaped).
                _ => self.sink().write_all(&[mark])?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.notes_out.flush()
    }
}

/// Copies a temporary file from its start into `w`.
pub(crate) fn copy(f: &mut tempfile::SpooledTempFile, w: &mut dyn Write) -> io::Result<()> {
    f.rewind()?;
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        w.write_all(&buf[..n])?;
    }
}
