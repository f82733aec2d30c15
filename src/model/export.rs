//! `beeldbel platforms --export DIR`: the catalogue in use (embedded or `--platforms`, with the
//! overlays of `--facts` applied) as editable platform files, one `<id>.toml` per platform, that
//! load back into the same catalogue.
//!
//! Every fact is written on its edition (the platform-level attributes of the original files are
//! already merged into each edition), with its value, note and source; only the sources facts
//! cite are written. A fact an overlay supplied keeps a comment naming the overlay and the value
//! it replaced. Two sources with one key but different contents (a catalogue's and an
//! overlay's) get distinct keys (`key-2`, …).

use std::fmt::Write;
use std::sync::Arc;

use super::catalogue::{Catalogue, Fact, FactOrigin, Platform, SourceRef};
use crate::i18n::Text;
use crate::schema::{Node, NodeKind};

/// The files of the export: (file name, TOML text), one per platform, by platform id.
pub fn export(catalogue: &Catalogue) -> Vec<(String, String)> {
    catalogue
        .platforms
        .iter()
        .map(|p| (format!("{}.toml", p.id), platform_file(p, catalogue)))
        .collect()
}

/// A TOML basic string (quoted and escaped).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A text field: a string when both languages agree, else `{ nl = "…", en = "…" }`.
fn text(t: &Text) -> String {
    if t.nl == t.en {
        quoted(&t.nl)
    } else {
        format!("{{ nl = {}, en = {} }}", quoted(&t.nl), quoted(&t.en))
    }
}

/// A validated value as TOML (inline).
fn value(n: &Node) -> String {
    match &n.kind {
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Int(i) => i.to_string(),
        NodeKind::Str(s) => quoted(s),
        NodeKind::Date(d) => d.to_string(),
        NodeKind::List(items) => format!(
            "[{}]",
            items.iter().map(value).collect::<Vec<_>>().join(", ")
        ),
        NodeKind::Table(entries) => format!(
            "{{ {} }}",
            entries
                .iter()
                .map(|e| format!("{} = {}", e.key, value(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// One line of a comment: no line breaks of the input.
fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The sources the platform's facts cite, each under a key unique in the file.
fn keyed_sources(p: &Platform) -> Vec<(String, Arc<SourceRef>)> {
    let mut out: Vec<(String, Arc<SourceRef>)> = Vec::new();
    for e in &p.editions {
        for f in e.facts.values() {
            let Some(s) = &f.source else { continue };
            if out.iter().any(|(_, x)| Arc::ptr_eq(x, s) || **x == **s) {
                continue;
            }
            let mut key = s.key.clone();
            let mut n = 2;
            while out.iter().any(|(k, _)| *k == key) {
                key = format!("{}-{n}", s.key);
                n += 1;
            }
            out.push((key, s.clone()));
        }
    }
    out
}

fn platform_file(p: &Platform, catalogue: &Catalogue) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} — exported by beeldbel {} (`platforms --export`) from the catalogue `{}`.",
        comment(&p.name.nl),
        env!("CARGO_PKG_VERSION"),
        comment(&catalogue.origin)
    );
    for o in &catalogue.overlays {
        let _ = writeln!(
            s,
            "# With overlay {} (SHA-256 {}).",
            comment(&o.file),
            o.sha256
        );
    }
    let _ = writeln!(
        s,
        "# Load it with `--platforms <folder>`; every fact names its source.\n"
    );
    let _ = writeln!(s, "id = {}", quoted(&p.id));
    let _ = writeln!(s, "name = {}", text(&p.name));
    let _ = writeln!(s, "vendor = {}", text(&p.vendor));
    let sources = keyed_sources(p);
    let key_of = |src: &Arc<SourceRef>| {
        sources
            .iter()
            .find(|(_, x)| Arc::ptr_eq(x, src) || **x == **src)
            .map(|(k, _)| k.clone())
    };
    for e in &p.editions {
        let _ = writeln!(s, "\n[editions.{}]", e.id);
        let _ = writeln!(s, "name = {}", text(&e.name));
        let _ = writeln!(s, "kind = {}", quoted(&e.kind));
        if e.facts.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n[editions.{}.attributes]", e.id);
        for f in e.facts.values() {
            fact_line(&mut s, f, f.source.as_ref().and_then(key_of));
        }
    }
    for (key, src) in &sources {
        let _ = writeln!(s, "\n[sources.{key}]");
        let _ = writeln!(s, "kind = {}", quoted(src.kind.as_str()));
        let _ = writeln!(s, "title = {}", quoted(&src.title));
        for (k, v) in [
            ("url", &src.url),
            ("reference", &src.reference),
            ("reviewer", &src.reviewer),
            ("document", &src.document),
            ("sha256", &src.sha256),
        ] {
            if let Some(v) = v {
                let _ = writeln!(s, "{k} = {}", quoted(v));
            }
        }
        let _ = writeln!(s, "checked = {}", src.checked);
    }
    s
}

/// One attribute, with a comment when an overlay or organisation supplied it.
fn fact_line(s: &mut String, f: &Fact, source_key: Option<String>) {
    if let FactOrigin::Overlay { file } | FactOrigin::Organisation { file } = &f.origin {
        let replaced = match &f.replaced {
            Some(r) => format!(
                "; it replaced {}{}",
                r.value.display(),
                r.source
                    .as_ref()
                    .map(|s| format!(" (source: {})", s.title))
                    .unwrap_or_default()
            ),
            None => String::new(),
        };
        let _ = writeln!(s, "# from overlay {}{}", comment(file), comment(&replaced));
    }
    let mut parts = vec![format!("value = {}", value(&f.value))];
    if let Some(k) = source_key {
        parts.push(format!("source = {}", quoted(&k)));
    }
    if let Some(n) = &f.note {
        parts.push(format!("note = {}", text(n)));
    }
    let _ = writeln!(s, "{} = {{ {} }}", f.name, parts.join(", "));
}
