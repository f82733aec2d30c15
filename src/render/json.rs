//! The JSON report, `schema_version` 3 ([`crate::results::v3`], `docs/report.schema.json`):
//! what repeats is listed once and referred to by key. Written organisation by organisation
//! ([`Sections`]): each organisation is one object with one outcome per line, in the spool; the
//! document writes the head and the tables before them.
//!
//! The tables are shared by the parts rendered in parallel: a part claims a key for what it
//! refers to (a requirement's texts, an edition's names, a fact, a source, a recurring message)
//! and refers to it; what differs from a key already claimed is written in the outcome itself
//! (texts) or under a key with a hash of its content (facts, sources). Every key is a function of
//! what it names, so the same check writes the same document. The tables hold what the policy,
//! the catalogue and the overlays hold, and at most [`MAX_MESSAGES`] messages: memory does not grow
//! with the batch. An organisation's own facts (from its file) are listed in that organisation.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::i18n::Text;
use crate::model::catalogue::SourceRef;
use crate::render::RenderError;
use crate::render::stream::{Body, Context, End, Sections, Seen};
use crate::results::v3::{self, Document, Edition, Fact, Input, Requirement};
use crate::results::{Evidence, OrgReport, OriginKind};

/// Recurring messages listed at most; later ones are written in their outcomes.
pub const MAX_MESSAGES: usize = 4096;

/// The JSON report, organisation by organisation.
#[derive(Default)]
pub struct JsonReport {
    tables: Mutex<Tables>,
}

/// What the document lists once.
#[derive(Default)]
struct Tables {
    requirements: BTreeMap<String, Requirement>,
    edition_names: BTreeMap<String, Edition>,
    sources: BTreeMap<String, SourceRef>,
    facts: BTreeMap<String, Fact>,
    messages: BTreeMap<String, Text>,
}

/// The SHA-256 of `v` (its JSON) in hex, `len` digits: what tells apart two different things
/// under one name.
fn digest<T: Serialize + ?Sized>(v: &T, len: usize) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    hex(&Sha256::digest(&bytes), len)
}

/// The first `len` hex digits of `bytes`.
fn hex(bytes: &[u8], len: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(len + 1);
    for b in bytes.iter().take(len.div_ceil(2)) {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s.truncate(len);
    s
}

/// The key of a recurring message: the first 8 hex digits of the SHA-256 of its Dutch and English
/// words (a NUL between them).
fn message_key(t: &Text) -> String {
    let mut h = Sha256::new();
    h.update(t.nl.as_bytes());
    h.update([0]);
    h.update(t.en.as_bytes());
    hex(&h.finalize(), 8)
}

/// Claims `key` for `value` in `map`: the key it is listed under; `key~HASH` when `key` is
/// already taken by something else (the whole hash if even that is taken).
fn claim<T: PartialEq + Clone + Serialize>(
    map: &mut BTreeMap<String, T>,
    key: String,
    value: &T,
) -> String {
    match map.get(&key) {
        Some(v) if v == value => return key,
        Some(_) => {}
        None => {
            map.insert(key.clone(), value.clone());
            return key;
        }
    }
    for len in [8, 64] {
        let k = format!("{key}~{}", digest(value, len));
        match map.get(&k) {
            Some(v) if v == value => return k,
            Some(_) => continue,
            None => {
                map.insert(k.clone(), value.clone());
                return k;
            }
        }
    }
    // Two different values with one SHA-256: not to be met; the value is then listed under a
    // key of its own count.
    let k = format!("{}~{}", map.len(), digest(value, 64));
    map.insert(k.clone(), value.clone());
    k
}

/// `zoom/business.encryption_in_transit`, and `@FILE` for a fact of an overlay or an
/// organisation file.
fn fact_key(e: &Evidence) -> String {
    let mut k = format!("{}/{}.{}", e.platform, e.edition, e.attribute);
    if e.origin.kind != OriginKind::Catalogue {
        k.push('@');
        k.push_str(e.origin.file.as_deref().unwrap_or(""));
    }
    k
}

/// A fact as listed, citing its source by `source`.
fn fact(e: &Evidence, source: Option<String>) -> Fact {
    Fact {
        platform: e.platform.clone(),
        edition: e.edition.clone(),
        attribute: e.attribute.clone(),
        value: e.value.clone(),
        source,
        note: e.note.clone(),
        stale: e.stale,
        origin: e.origin.clone(),
        replaced: e.replaced.clone(),
    }
}

/// Whether `f` is `e` citing `source`.
fn is(f: &Fact, e: &Evidence, source: &Option<String>) -> bool {
    f.value == e.value
        && f.source == *source
        && f.note == e.note
        && f.stale == e.stale
        && f.origin == e.origin
        && f.replaced == e.replaced
        && f.platform == e.platform
        && f.edition == e.edition
        && f.attribute == e.attribute
}

/// A catalogue or overlay fact of this organisation, before it has its key in the report.
struct Pending<'r> {
    evidence: &'r Evidence,
    key: Option<String>,
}

/// Where an outcome's (or a because's) evidence points while the organisation is built.
enum Ref {
    Key(String),
    Pending(usize),
}

/// One organisation turned into its version 3 shape, with what still needs the shared tables.
struct Part<'r> {
    org: v3::Org,
    pending: Vec<Pending<'r>>,
    /// Per outcome: its evidence, then per because its evidence.
    refs: Vec<(Vec<Ref>, Vec<Vec<Ref>>)>,
    /// Per outcome: a recurring message's key and words, to claim.
    messages: Vec<Option<(String, &'r Text)>>,
}

impl JsonReport {
    pub fn new() -> JsonReport {
        JsonReport::default()
    }

    /// The organisation in its version 3 shape: its own facts, sources and inputs listed in it,
    /// everything else still to be claimed in the shared tables.
    fn part<'r>(&self, o: &'r OrgReport) -> Part<'r> {
        let mut org = v3::Org {
            file: o.file.clone(),
            sha256: o.sha256.clone(),
            name: o.name.clone(),
            verdict: o.verdict,
            counts: o.counts,
            deployments: o
                .deployments
                .iter()
                .map(|d| v3::Deployment {
                    id: d.id.clone(),
                    platform: d.platform.clone(),
                    edition: d.edition.clone(),
                    line: d.line,
                    names: None,
                })
                .collect(),
            sources: BTreeMap::new(),
            facts: BTreeMap::new(),
            outcomes: Vec::with_capacity(o.outcomes.len()),
        };
        let mut pending: Vec<Pending<'r>> = Vec::new();
        let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut refs = Vec::with_capacity(o.outcomes.len());
        let subjects = v3::Subjects::new(o.deployments.iter().map(|d| {
            (
                d.id.as_str(),
                d.platform.as_str(),
                d.edition.as_str(),
                d.line,
            )
        }));
        let mut messages = Vec::with_capacity(o.outcomes.len());
        for out in &o.outcomes {
            let mut evidence_of =
                |list: &'r [std::sync::Arc<Evidence>], org: &mut v3::Org| -> Vec<Ref> {
                    list.iter()
                        .map(|e| {
                            let e: &'r Evidence = e;
                            if e.origin.kind == OriginKind::Organisation {
                                return Ref::Key(own_fact(org, e, &out.subject));
                            }
                            let key = fact_key(e);
                            let same = by_key.entry(key).or_default();
                            let at = same.iter().copied().find(|&i| {
                                let p = pending[i].evidence;
                                std::ptr::eq(p, e)
                                    || p.value == e.value
                                        && p.source == e.source
                                        && p.note == e.note
                                        && p.stale == e.stale
                                        && p.origin == e.origin
                                        && p.replaced == e.replaced
                            });
                            Ref::Pending(at.unwrap_or_else(|| {
                                pending.push(Pending {
                                    evidence: e,
                                    key: None,
                                });
                                same.push(pending.len() - 1);
                                pending.len() - 1
                            }))
                        })
                        .collect()
                };
            let own = evidence_of(&out.evidence, &mut org);
            let because = out
                .because
                .iter()
                .map(|b| evidence_of(&b.evidence, &mut org))
                .collect();
            refs.push((own, because));
            let rel = subjects.relative(&out.subject);
            let inputs: Vec<Input> = out
                .inputs
                .iter()
                .map(|i| Input(rel.shorten_field(&i.field), i.value.clone(), i.line))
                .collect();
            let deployment = subjects.line(&out.subject);
            let line = v3::default_line(out.state, out.underlying_state, &out.inputs, deployment);
            let bare = v3::bare_message(out.underlying_state.unwrap_or(out.state));
            messages.push(
                (bare.as_ref() != Some(&out.message))
                    .then(|| (message_key(&out.message), &out.message)),
            );
            org.outcomes.push(v3::Outcome {
                requirement: out.requirement.clone(),
                subject: out.subject.clone(),
                state: out.state,
                underlying_state: out.underlying_state,
                line: (line != out.line).then_some(out.line),
                missing: out.missing.clone(),
                inputs,
                because: out
                    .because
                    .iter()
                    .map(|b| v3::Because {
                        requirement: b.requirement.clone(),
                        state: b.state,
                        missing: b.missing.clone(),
                        evidence: Vec::new(),
                        title: None,
                        severity: None,
                    })
                    .collect(),
                waiver: out.waiver.clone(),
                message: None,
                message_key: None,
                evidence: Vec::new(),
                title: None,
                scope: None,
                severity: None,
                remediation: None,
                references: None,
            });
        }
        Part {
            org,
            pending,
            refs,
            messages,
        }
    }

    /// Claims in the shared tables what `part` refers to, and fills in its keys and the texts
    /// that differ from the tables.
    fn claim(&self, o: &OrgReport, part: &mut Part<'_>) {
        let Ok(mut t) = self.tables.lock() else {
            // A part that panicked while holding the tables: list nothing more, write in full.
            return fill_unclaimed(o, part);
        };
        let t = &mut *t;
        for p in &mut part.pending {
            let e = p.evidence;
            let source = e.source.as_ref().map(|s| {
                let mut key = s.key.clone();
                if let (OriginKind::Overlay, Some(f)) = (e.origin.kind, &e.origin.file) {
                    key = format!("{key}@{f}");
                }
                claim(&mut t.sources, key, &**s)
            });
            let key = fact_key(e);
            p.key = Some(match t.facts.get(&key) {
                Some(f) if is(f, e, &source) => key,
                _ => claim(&mut t.facts, key, &fact(e, source)),
            });
        }
        for (d, full) in part.org.deployments.iter_mut().zip(&o.deployments) {
            let names = Edition {
                platform_name: full.platform_name.clone(),
                edition_name: full.edition_name.clone(),
                edition_kind: full.edition_kind.clone(),
            };
            let key = format!("{}/{}", d.platform, d.edition);
            match t.edition_names.get(&key) {
                Some(n) if *n == names => {}
                Some(_) => d.names = Some(names),
                None => {
                    t.edition_names.insert(key, names);
                }
            }
        }
        for ((out, full), msg) in part
            .org
            .outcomes
            .iter_mut()
            .zip(&o.outcomes)
            .zip(&part.messages)
        {
            let req = t
                .requirements
                .entry(full.requirement.clone())
                .or_insert_with(|| Requirement {
                    title: Text::clone(&full.title),
                    scope: full.scope,
                    severity: full.severity,
                    remediation: Text::clone(&full.remediation),
                    references: full.references.to_vec(),
                });
            out.title = (req.title != *full.title).then(|| Text::clone(&full.title));
            out.scope = (req.scope != full.scope).then_some(full.scope);
            out.severity = (req.severity != full.severity).then_some(full.severity);
            out.remediation =
                (req.remediation != *full.remediation).then(|| Text::clone(&full.remediation));
            out.references = (req.references != *full.references).then(|| full.references.to_vec());
            if let Some((key, text)) = msg {
                match t.messages.get(key) {
                    Some(m) if m == *text => out.message_key = Some(key.clone()),
                    None if t.messages.len() < MAX_MESSAGES => {
                        t.messages.insert(key.clone(), (*text).clone());
                        out.message_key = Some(key.clone());
                    }
                    _ => out.message = Some((*text).clone()),
                }
            }
        }
        for (out, full) in part.org.outcomes.iter_mut().zip(&o.outcomes) {
            for (b, fb) in out.because.iter_mut().zip(&full.because) {
                let req = t.requirements.get(&b.requirement);
                b.title =
                    (req.map(|r| &r.title) != Some(&*fb.title)).then(|| Text::clone(&fb.title));
                b.severity = (req.map(|r| r.severity) != Some(fb.severity)).then_some(fb.severity);
            }
        }
        drop_refs(part);
    }
}

/// Without the shared tables: every text in its outcome and every fact listed in the
/// organisation itself.
fn fill_unclaimed(o: &OrgReport, part: &mut Part<'_>) {
    for p in &mut part.pending {
        let e = p.evidence;
        let source = e.source.as_ref().map(|s| {
            let key = format!("{}@{}", s.key, e.origin.file.as_deref().unwrap_or(""));
            claim(&mut part.org.sources, key, &**s)
        });
        p.key = Some(claim(&mut part.org.facts, fact_key(e), &fact(e, source)));
    }
    for (d, full) in part.org.deployments.iter_mut().zip(&o.deployments) {
        d.names = Some(Edition {
            platform_name: full.platform_name.clone(),
            edition_name: full.edition_name.clone(),
            edition_kind: full.edition_kind.clone(),
        });
    }
    for ((out, full), msg) in part
        .org
        .outcomes
        .iter_mut()
        .zip(&o.outcomes)
        .zip(&part.messages)
    {
        out.title = Some(Text::clone(&full.title));
        out.scope = Some(full.scope);
        out.severity = Some(full.severity);
        out.remediation = Some(Text::clone(&full.remediation));
        out.references = Some(full.references.to_vec());
        out.message = msg.as_ref().map(|(_, t)| (*t).clone());
        for (b, fb) in out.because.iter_mut().zip(&full.because) {
            b.title = Some(Text::clone(&fb.title));
            b.severity = Some(fb.severity);
        }
    }
    drop_refs(part);
}

/// Writes the final keys into the outcomes' evidence.
fn drop_refs(part: &mut Part<'_>) {
    let key = |r: &Ref| match r {
        Ref::Key(k) => k.clone(),
        Ref::Pending(i) => part.pending[*i].key.clone().unwrap_or_default(),
    };
    let subjects = subjects(&part.org.deployments);
    for (out, (own, because)) in part.org.outcomes.iter_mut().zip(&part.refs) {
        let rel = subjects.relative(&out.subject);
        out.evidence = own.iter().map(|r| rel.shorten_key(&key(r))).collect();
        for (b, refs) in out.because.iter_mut().zip(because) {
            b.evidence = refs.iter().map(|r| rel.shorten_key(&key(r))).collect();
        }
    }
}

fn subjects(deployments: &[v3::Deployment]) -> v3::Subjects<'_> {
    v3::Subjects::new(deployments.iter().map(|d| {
        (
            d.id.as_str(),
            d.platform.as_str(),
            d.edition.as_str(),
            d.line,
        )
    }))
}

/// Lists a fact of the organisation's own file in the organisation, keyed
/// `platform/edition.attribute@FILE#DEPLOYMENT`, and its source in the organisation's sources.
fn own_fact(org: &mut v3::Org, e: &Evidence, subject: &str) -> String {
    let source = e
        .source
        .as_ref()
        .map(|s| claim(&mut org.sources, s.key.clone(), &**s));
    let mut key = fact_key(e);
    if subject != "organisation" {
        key = format!("{key}#{subject}");
    }
    claim(&mut org.facts, key, &fact(e, source))
}

/// One line of the head or a table: `  "name": VALUE` (compact).
fn line<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    indent: &str,
    name: &str,
    value: &T,
) -> Result<(), RenderError> {
    out.extend_from_slice(indent.as_bytes());
    serde_json::to_writer(&mut *out, name)?;
    out.extend_from_slice(b": ");
    serde_json::to_writer(&mut *out, value)?;
    Ok(())
}

/// A table as an object with one entry per line.
fn table<T: Serialize>(
    out: &mut Vec<u8>,
    name: &str,
    map: &BTreeMap<String, T>,
) -> Result<(), RenderError> {
    out.extend_from_slice(b",\n  ");
    serde_json::to_writer(&mut *out, name)?;
    if map.is_empty() {
        out.extend_from_slice(b": {}");
        return Ok(());
    }
    out.extend_from_slice(b": {");
    for (i, (k, v)) in map.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        line(out, "    ", k, v)?;
    }
    out.extend_from_slice(b"\n  }");
    Ok(())
}

impl Sections for JsonReport {
    fn org(
        &self,
        _cx: &Context<'_>,
        index: usize,
        org: &OrgReport,
        _seen: &mut Seen,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let mut part = self.part(org);
        self.claim(org, &mut part);
        let outcomes = std::mem::take(&mut part.org.outcomes);
        let head = serde_json::to_string(&part.org)?;
        // The organisation without outcomes ends in `"outcomes":[]}`: the outcomes go between.
        let open = head.strip_suffix("]}").unwrap_or(&head);
        let mut out = Vec::with_capacity(head.len() + outcomes.len() * 160);
        out.extend_from_slice(if index == 0 { b"\n    " } else { b",\n    " });
        out.extend_from_slice(open.as_bytes());
        for (i, o) in outcomes.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            serde_json::to_writer(&mut out, o)?;
        }
        out.extend_from_slice(if outcomes.is_empty() {
            b"]}"
        } else {
            b"\n    ]}"
        });
        Ok(w.write_all(&out)?)
    }

    fn document(
        &self,
        end: &End<'_>,
        body: &mut Body<'_>,
        w: &mut dyn Write,
    ) -> Result<(), RenderError> {
        let h = end.head;
        let t = self
            .tables
            .lock()
            .map(|mut t| std::mem::take(&mut *t))
            .unwrap_or_default();
        let mut out = Vec::new();
        out.extend_from_slice(b"{\n");
        line(&mut out, "  ", "schema_version", &v3::VERSION)?;
        let sep = |out: &mut Vec<u8>| out.extend_from_slice(b",\n");
        sep(&mut out);
        line(&mut out, "  ", "tool", &h.tool)?;
        sep(&mut out);
        line(&mut out, "  ", "evaluated_on", &h.evaluated_on)?;
        sep(&mut out);
        line(&mut out, "  ", "lang", &h.lang)?;
        sep(&mut out);
        line(&mut out, "  ", "fail_on", &h.fail_on)?;
        sep(&mut out);
        line(&mut out, "  ", "policy", &h.policy)?;
        sep(&mut out);
        line(&mut out, "  ", "catalogue", &h.catalogue)?;
        sep(&mut out);
        line(&mut out, "  ", "verdict", &h.verdict)?;
        sep(&mut out);
        line(&mut out, "  ", "notice", &h.notice)?;
        table(&mut out, "requirements", &t.requirements)?;
        table(&mut out, "edition_names", &t.edition_names)?;
        table(&mut out, "sources", &t.sources)?;
        table(&mut out, "facts", &t.facts)?;
        table(&mut out, "messages", &t.messages)?;
        out.extend_from_slice(b",\n  \"organisations\": [");
        w.write_all(&out)?;
        body(w)?;
        let tail: &[u8] = if end.orgs.is_empty() {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        };
        Ok(w.write_all(tail)?)
    }
}

/// The whole report as a version 3 document (for tests and tools that want a string).
pub fn render(report: &crate::results::Report) -> Result<String, RenderError> {
    let mut out = Vec::new();
    crate::render::stream::write_report(&JsonReport::new(), report, &mut out)?;
    String::from_utf8(out).map_err(|e| RenderError::Io(std::io::Error::other(e)))
}

/// Reads a version 3 document back (see [`Document::expand`]).
pub fn read(text: &str) -> Result<crate::results::Report, String> {
    let doc: Document = serde_json::from_str(text).map_err(|e| e.to_string())?;
    doc.expand().map_err(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::Report;

    fn report(n: usize) -> Report {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/examples/zelfstandige-whatsapp.toml");
        let mut files = crate::diag::Files::default();
        let mut sink = crate::diag::Sink::default();
        let inputs = crate::model::inputs::Sources::default().load(&mut files, &mut sink);
        let org = crate::model::org::load(&path, &inputs.catalogue, &mut files, &mut sink)
            .expect("example loads");
        let settings = crate::engine::check::Settings {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            fail_on: crate::model::policy::Severity::Medium,
        };
        let ev = crate::engine::check::Evaluator::new(&inputs.policy, &inputs.catalogue, settings);
        let orgs = (0..n).map(|_| ev.evaluate(&org, &mut sink)).collect();
        crate::engine::assemble::assemble_report(&inputs, settings, orgs)
    }

    /// What the version 3 document reads back as is the report it was written from, to the
    /// last field.
    fn assert_round_trip(r: &Report) -> String {
        let json = render(r).expect("renders");
        let back = read(&json).expect("reads");
        assert_eq!(
            serde_json::to_value(&back).expect("json"),
            serde_json::to_value(r).expect("json"),
        );
        json
    }

    #[test]
    fn a_report_reads_back_as_it_was_written() {
        for n in [0, 1, 3] {
            assert_round_trip(&report(n));
        }
    }

    /// Texts and facts that differ from what another organisation listed first under the same
    /// key are kept: the texts in the outcome, the fact under a key of its own.
    #[test]
    fn what_differs_under_one_key_is_kept_apart() {
        let mut r = report(2);
        let second = &mut r.organisations[1];
        let o = second
            .outcomes
            .iter_mut()
            .find(|o| !o.evidence.is_empty())
            .expect("an outcome with evidence");
        o.title = Text::same("Een andere titel").into();
        o.message = Text::same("pass");
        std::sync::Arc::make_mut(&mut o.evidence[0]).value = serde_json::json!("iets anders");
        let key = fact_key(&o.evidence[0]);
        second.deployments[0].edition_name = Text::same("Andere editie");
        second.outcomes[0].line = None;
        let json = assert_round_trip(&r);
        let doc: Document = serde_json::from_str(&json).expect("v3");
        let apart: Vec<&String> = doc
            .facts
            .keys()
            .filter(|k| k.starts_with(&format!("{key}~")))
            .collect();
        assert_eq!(apart.len(), 1, "{:?}", doc.facts.keys().collect::<Vec<_>>());
        // The two organisations are rendered in parallel: either may list its words first, and the
        // other then carries its own.
        let titled = |i: usize| {
            doc.organisations[i]
                .outcomes
                .iter()
                .any(|o| o.title.is_some())
        };
        assert!(titled(0) != titled(1));
        let named = |i: usize| doc.organisations[i].deployments[0].names.is_some();
        assert!(named(0) != named(1));
    }

    #[test]
    fn a_claimed_key_is_never_given_to_something_else() {
        let mut map = BTreeMap::new();
        let a = claim(&mut map, "k".into(), &1);
        let b = claim(&mut map, "k".into(), &2);
        let c = claim(&mut map, "k".into(), &2);
        let d = claim(&mut map, "k".into(), &1);
        assert_eq!((a.as_str(), d.as_str()), ("k", "k"));
        assert_ne!(b, "k");
        assert_eq!(b, c);
        assert_eq!(map.get(&b), Some(&2));
        // The short hash taken by a third value: the whole hash.
        map.insert(b.clone(), 3);
        let e = claim(&mut map, "k".into(), &2);
        assert!(e.len() > b.len() && map.get(&e) == Some(&2), "{e}");
    }
}
