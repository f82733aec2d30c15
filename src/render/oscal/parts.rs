//! The OSCAL document written organisation by organisation: each organisation's `results`
//! entry is a part, pretty-printed at its depth; the document around them is written once
//! every organisation is in.
//!
//! The document's UUID is a hash of everything else in it (its compact JSON, with the UUID
//! empty), and it comes first: the results are hashed (with the white space between tokens left
//! out, which gives the compact JSON) as they go into a temporary file, and copied from there
//! after the head.
//!
//! Every UUID is derived from stable names, made unique within the document. A part makes its
//! UUIDs on its own, so two parts of the same file (given twice) would repeat them: a part
//! therefore begins with its file and name (hashed) and the UUIDs it made, and a repeated one
//! has each of them replaced by one derived from it and the repetition (`uuid#n`).

use std::collections::HashMap;
use std::io::{self, Read, Seek, Write};
use std::sync::Mutex;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::mapping;
use super::model::Document;
use super::result::build_result;
use super::values::{Ids, uuid_from, uuid_hasher, uuid_of};
use crate::render::RenderError;
use crate::render::sarif::parts::{Marks, SLOT_MARK, close, copy, item};
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::OrgReport;

/// A part begins (its header follows: the hash of its file and name, then its UUIDs).
const PART: u8 = 0x02;
/// The part's result follows its header.
const ITEM: u8 = 0x03;
/// Hex digits of the hash of a part's file and name.
const KEY: usize = 64;
/// Characters of a UUID.
const UUID: usize = 36;
/// Outcomes from which an organisation's result is serialised straight into the side file.
const LARGE: usize = 2_000;
/// The indentation of a result in the document, and of the closing bracket of `results`.
const RESULT_INDENT: usize = 6;

/// OSCAL assessment results, written organisation by organisation.
#[derive(Default)]
pub struct OscalReport {
    side: Side,
}

/// The organisations' results, in the order they were made: a part is only the place of its
/// result here (`offset length` and a line break), so that the parts of a step of the batch,
/// held together while they are made, stay small.
#[derive(Default)]
struct Side {
    file: Mutex<Option<(std::fs::File, u64)>>,
}

impl Side {
    /// Appends what `put` writes; returns where it starts and its length.
    fn put_with(
        &self,
        put: impl FnOnce(&mut dyn Write) -> Result<(), RenderError>,
    ) -> Result<(u64, u64), RenderError> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("a result could not be stored"))?;
        if file.is_none() {
            *file = Some((tempfile::tempfile()?, 0));
        }
        let (f, len) = file
            .as_mut()
            .ok_or_else(|| io::Error::other("no side file"))?;
        let at = *len;
        let mut out = Counted {
            w: io::BufWriter::with_capacity(1 << 16, f),
            n: 0,
        };
        put(&mut out)?;
        out.w.flush()?;
        *len += out.n;
        Ok((at, out.n))
    }
}

/// Counts what it writes through.
struct Counted<W: Write> {
    w: W,
    n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.w.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Turns the parts (places in the side file) into the results, written into `out`.
struct Fetch<'a> {
    side: Option<&'a std::fs::File>,
    out: &'a mut dyn Write,
    /// The place being read.
    line: Vec<u8>,
}

impl Write for Fetch<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(p) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..p]);
            rest = &rest[p + 1..];
            let line = String::from_utf8_lossy(&self.line).into_owned();
            self.line.clear();
            let (at, len) = line
                .split_once(' ')
                .and_then(|(a, l)| Some((a.parse::<u64>().ok()?, l.parse::<u64>().ok()?)))
                .ok_or_else(|| io::Error::other("a result's place is lost"))?;
            let side = self
                .side
                .ok_or_else(|| io::Error::other("the results are lost"))?;
            let mut side = side;
            side.seek(io::SeekFrom::Start(at))?;
            io::copy(&mut side.take(len), &mut self.out)?;
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

impl Sections for OscalReport {
    fn org(
        &self,
        cx: &Context<'_>,
        _index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut ids = Ids::default();
        let (policy, catalogue) = mapping::document_ids(cx.head, &mut ids);
        let result = build_result(cx.head, org, &mut ids);
        let mut head = vec![PART];
        let key = serde_json::Value::from(vec![org.file.as_str(), org.name.as_str()]).to_string();
        head.extend_from_slice(hex(&Sha256::digest(key.as_bytes())).as_bytes());
        for u in ids.made().filter(|u| **u != policy && **u != catalogue) {
            head.extend_from_slice(u.as_bytes());
        }
        head.push(ITEM);
        // A result is large (hundreds of kilobytes): it goes to the side file, and only where
        // it is goes into the part. An organisation with thousands of outcomes is serialised
        // straight into the file, the others into a buffer first (they are made in parallel).
        let (at, len) = if org.outcomes.len() > LARGE {
            self.side.put_with(|f| {
                f.write_all(&head)?;
                item(f, &result, RESULT_INDENT, &[])
            })?
        } else {
            let mut part = head;
            item(&mut part, &result, RESULT_INDENT, &[])?;
            drop(result);
            self.side.put_with(|f| Ok(f.write_all(&part)?))?
        };
        writeln!(w, "{at} {len}")?;
        Ok(())
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut ids = Ids::default();
        let mut doc = Document {
            assessment_results: mapping::build(end.head, &mut ids),
        };
        let empty = end
            .orgs
            .is_empty()
            .then(|| mapping::empty_result(end.head, &mut ids));
        let (before, after) = head(&doc)?;
        let mut hasher = uuid_hasher();
        hasher.update(b"document\n");
        let mut compact = Compact::new(&mut hasher);
        compact.write_all(&before)?;
        // The results: hashed, and kept in a temporary file until the head is written.
        let mut results = tempfile::SpooledTempFile::new(8 << 20);
        let mut tee = Tee {
            a: &mut compact,
            b: &mut results,
        };
        tee.write_all(b"[")?;
        let mut n = 0;
        if let Some(e) = &empty {
            tee.write_all(b"\n")?;
            item(&mut tee, e, RESULT_INDENT, &[])?;
            n = 1;
        }
        let mut splice = Splice::new(&mut tee);
        let side = self
            .side
            .file
            .lock()
            .map_err(|_| io::Error::other("results lost"))?;
        body(&mut Fetch {
            side: side.as_ref().map(|(f, _)| f),
            out: &mut splice,
            line: Vec::new(),
        })?;
        drop(side);
        splice.finish()?;
        n += splice.items;
        close(&mut tee, n, RESULT_INDENT)?;
        compact.write_all(&after)?;
        doc.assessment_results.uuid = uuid_of(hasher);
        let (before, after) = head(&doc)?;
        w.write_all(&before)?;
        copy(&mut results, w)?;
        w.write_all(&after)?;
        Ok(w.write_all(b"\n")?)
    }
}

/// The document pretty-printed, cut where the results go.
fn head(doc: &Document) -> Result<(Vec<u8>, Vec<u8>), RenderError> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Marks::new(&[]));
    doc.serialize(&mut ser)?;
    let p = out
        .iter()
        .position(|&b| b == SLOT_MARK)
        .unwrap_or(out.len());
    let after = out.get(p + 2..).unwrap_or_default().to_vec();
    out.truncate(p);
    Ok((out, after))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes to both.
struct Tee<'a> {
    a: &'a mut dyn Write,
    b: &'a mut dyn Write,
}

impl Write for Tee<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.a.write_all(buf)?;
        self.b.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.a.flush()?;
        self.b.flush()
    }
}

/// Feeds pretty-printed JSON to a hasher as compact JSON: without the spaces and line breaks
/// outside strings.
struct Compact<'h> {
    hasher: &'h mut Sha256,
    in_string: bool,
    escaped: bool,
}

impl<'h> Compact<'h> {
    fn new(hasher: &'h mut Sha256) -> Compact<'h> {
        Compact {
            hasher,
            in_string: false,
            escaped: false,
        }
    }
}

impl Write for Compact<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if self.escaped {
                self.hasher.update(&rest[..1]);
                rest = &rest[1..];
                self.escaped = false;
            } else if self.in_string {
                match rest.iter().position(|&b| b == b'"' || b == b'\\') {
                    Some(p) => {
                        self.hasher.update(&rest[..=p]);
                        if rest[p] == b'"' {
                            self.in_string = false;
                        } else {
                            self.escaped = true;
                        }
                        rest = &rest[p + 1..];
                    }
                    None => {
                        self.hasher.update(rest);
                        rest = &[];
                    }
                }
            } else {
                let p = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b' ' || b == b'\n')
                    .unwrap_or(rest.len());
                self.hasher.update(&rest[..p]);
                rest = &rest[p..];
                match rest.first() {
                    Some(b'"') => {
                        self.hasher.update(b"\"");
                        self.in_string = true;
                        rest = &rest[1..];
                    }
                    Some(_) => {
                        let n = rest
                            .iter()
                            .position(|&b| b != b' ' && b != b'\n')
                            .unwrap_or(rest.len());
                        rest = &rest[n..];
                    }
                    None => {}
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A repeated part's text so far, and its UUIDs' replacements.
type Repeated = (Vec<u8>, HashMap<Vec<u8>, String>);

/// Copies the parts into the document: a separator before each result, and a repeated part's
/// UUIDs replaced (see the module documentation).
struct Splice<'a> {
    out: &'a mut dyn Write,
    /// How often each part's file and name came before.
    keys: HashMap<Vec<u8>, u32>,
    /// The header of the current part, while it is read.
    header: Option<Vec<u8>>,
    /// A repeated part, held until it ends, with its UUIDs' replacements.
    repeated: Option<Repeated>,
    items: usize,
}

impl<'a> Splice<'a> {
    fn new(out: &'a mut dyn Write) -> Splice<'a> {
        Splice {
            out,
            keys: HashMap::new(),
            header: None,
            repeated: None,
            items: 0,
        }
    }

    /// Starts the result of the part whose header is `header`.
    fn start(&mut self, header: &[u8]) -> io::Result<()> {
        self.out
            .write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
        self.items += 1;
        let key = header.get(..KEY).unwrap_or_default().to_vec();
        let seen = self.keys.entry(key).or_insert(0);
        let n = *seen;
        *seen += 1;
        if n > 0 {
            let uuids = header
                .get(KEY..)
                .unwrap_or_default()
                .chunks(UUID)
                .map(|u| {
                    let new = uuid_from(&format!("{}#{n}", String::from_utf8_lossy(u)));
                    (u.to_vec(), new)
                })
                .collect();
            self.repeated = Some((Vec::new(), uuids));
        }
        Ok(())
    }

    /// Writes out a repeated part held so far, its UUIDs replaced.
    fn finish(&mut self) -> io::Result<()> {
        let Some((text, uuids)) = self.repeated.take() else {
            return Ok(());
        };
        let mut i = 0;
        let mut from = 0;
        while i + UUID <= text.len() {
            if text[i + 8] == b'-'
                && let Some(new) = uuids.get(&text[i..i + UUID])
            {
                self.out.write_all(&text[from..i])?;
                self.out.write_all(new.as_bytes())?;
                i += UUID;
                from = i;
            } else {
                i += 1;
            }
        }
        self.out.write_all(&text[from..])
    }
}

impl Write for Splice<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            if let Some(header) = &mut self.header {
                match rest.iter().position(|&b| b == ITEM) {
                    Some(p) => {
                        header.extend_from_slice(&rest[..p]);
                        rest = &rest[p + 1..];
                        let header = self.header.take().unwrap_or_default();
                        self.start(&header)?;
                    }
                    None => {
                        header.extend_from_slice(rest);
                        rest = &[];
                    }
                }
                continue;
            }
            let p = rest.iter().position(|&b| b == PART).unwrap_or(rest.len());
            match &mut self.repeated {
                Some((text, _)) => text.extend_from_slice(&rest[..p]),
                None => self.out.write_all(&rest[..p])?,
            }
            if p < rest.len() {
                self.finish()?;
                self.header = Some(Vec::new());
                rest = &rest[p + 1..];
            } else {
                rest = &[];
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
