//! Overlays (`--facts FILE|DIR`): facts added to or corrected in the catalogue in use.
//!
//! An overlay has the shape of a platform file ([`defs::OVERLAY_FILE`]) and holds only what it
//! adds or corrects, for a platform and editions the catalogue has. Overlays are applied in
//! command-line order (a folder: its `*.toml` files, sorted by name). A platform-level
//! attribute of an overlay applies to every edition, an edition-level one to that edition (and
//! wins over the overlay's platform-level one). Every fact keeps where it came from
//! ([`FactOrigin::Overlay`]) and the fact it replaced. Two overlays giving one fact different
//! values is an error naming both; a fact equal to what it replaces is a warning.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;

use super::catalogue::{Catalogue, Edition, Fact, FactOrigin, OverlayFile, facts_of};
use super::source;
use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::input::{self, batch, sha256_hex};
use crate::schema::{self, Node, defs};
use crate::tr;

/// The overlay files `paths` names, in order: a folder gives its `*.toml` files, sorted.
pub fn overlay_files(paths: &[PathBuf], sink: &mut Sink) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let found = batch::toml_files_in(p, sink);
            if found.is_empty() {
                sink.push(Diagnostic::error(
                    Code::NoInput,
                    tr!(
                        "map `{}` (--facts) bevat geen overlaybestanden (*.toml)",
                        "folder `{}` (--facts) holds no overlay files (*.toml)",
                        p.display()
                    ),
                ));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Where a fact was set by an overlay: the file and the span of the attribute's key.
type SetBy = HashMap<(String, String, String), (FileId, Range<usize>)>;

/// Applies the overlays `paths` names (files or folders) to `catalogue`, in order; each applied
/// file is listed in `catalogue.overlays` with its SHA-256.
pub fn apply(catalogue: &mut Catalogue, paths: &[PathBuf], files: &mut Files, sink: &mut Sink) {
    let mut set_by = SetBy::new();
    for path in overlay_files(paths, sink) {
        let Some(bytes) = input::read_bytes(&path, sink) else {
            continue;
        };
        let name = path.display().to_string();
        apply_bytes(catalogue, &name, &bytes, &mut set_by, files, sink);
    }
}

/// Applies overlays already read (name and bytes each), in order, with conflicts between them
/// found as in [`apply`] (remote overlays come in this way).
pub fn apply_read(
    catalogue: &mut Catalogue,
    overlays: &[(String, Vec<u8>)],
    files: &mut Files,
    sink: &mut Sink,
) {
    let mut set_by = SetBy::new();
    for (name, bytes) in overlays {
        apply_bytes(catalogue, name, bytes, &mut set_by, files, sink);
    }
}

/// Applies one overlay, given as its name and bytes (for `validate` and tests).
pub fn apply_one(
    catalogue: &mut Catalogue,
    name: &str,
    bytes: &[u8],
    files: &mut Files,
    sink: &mut Sink,
) {
    apply_bytes(catalogue, name, bytes, &mut SetBy::new(), files, sink);
}

fn apply_bytes(
    catalogue: &mut Catalogue,
    name: &str,
    bytes: &[u8],
    set_by: &mut SetBy,
    files: &mut Files,
    sink: &mut Sink,
) {
    catalogue.overlays.push(OverlayFile {
        file: name.to_string(),
        sha256: sha256_hex(bytes),
    });
    let Some(src) = input::add_bytes(name.to_string(), bytes, files, sink) else {
        return;
    };
    let errors_before = sink.error_count();
    let Some(node) =
        schema::parse_and_validate(src.file, files.text(src.file), defs::OVERLAY_FILE, sink)
    else {
        return;
    };
    let clean = sink.error_count() == errors_before;
    let mut overlay = Overlay {
        file: src.file,
        name,
        files,
        sink,
        set_by,
    };
    overlay.merge(catalogue, &node, clean);
}

/// One overlay file being merged.
struct Overlay<'a> {
    file: FileId,
    name: &'a str,
    files: &'a Files,
    sink: &'a mut Sink,
    set_by: &'a mut SetBy,
}

/// What merging one fact into an edition did.
enum Merged {
    Changed,
    Unchanged(FactOrigin),
    Conflict,
}

impl Overlay<'_> {
    fn merge(&mut self, catalogue: &mut Catalogue, node: &Node, clean: bool) {
        let Some(id) = node.str_at("id") else {
            return;
        };
        let Some(platform) = catalogue.platforms.iter_mut().find(|p| p.id == id) else {
            let ids: Vec<String> = catalogue.platforms.iter().map(|p| p.id.clone()).collect();
            let span = node.get("id").map_or(0..0, |n| n.span.clone());
            let d = Diagnostic::error(
                Code::UnknownPlatform,
                tr!(
                    "overlay voor platform \"{id}\", dat niet in de catalogus staat",
                    "overlay for platform \"{id}\", which is not in the catalogue"
                ),
            )
            .at(self.file, span, tr!("onbekend platform", "unknown platform"))
            .suggest(id, ids.iter().map(String::as_str))
            .note(tr!(
                "een overlay vult feiten aan of verbetert ze; een nieuw platform hoort in een platformbestand (--platforms). Platforms: {}",
                "an overlay adds or corrects facts; a new platform belongs in a platform file (--platforms). Platforms: {}",
                ids.join(", ")
            ));
            self.sink.push(d);
            return;
        };
        let sources = source::build_sources(node, self.file, self.name, self.sink);
        let origin = FactOrigin::Overlay {
            file: self.name.to_string(),
        };
        let mut used = BTreeSet::new();
        let base = facts_of(
            node.get("attributes"),
            &sources,
            &origin,
            self.file,
            &mut used,
            self.sink,
        );
        if let Some(n) = node.text_at("name") {
            platform.name = n;
        }
        if let Some(v) = node.text_at("vendor") {
            platform.vendor = v;
        }
        // The edition-level facts of this overlay, by edition index.
        let mut own: BTreeMap<usize, Vec<(Range<usize>, Fact)>> = BTreeMap::new();
        for e in node.get("editions").map(Node::entries).unwrap_or(&[]) {
            let Some(i) = platform.editions.iter().position(|x| x.id == e.key) else {
                let ids: Vec<&str> = platform.editions.iter().map(|x| x.id.as_str()).collect();
                let d = Diagnostic::error(
                    Code::UnknownPlatform,
                    tr!(
                        "platform \"{id}\" heeft geen editie \"{}\"",
                        "platform \"{id}\" has no edition \"{}\"",
                        e.key
                    ),
                )
                .at(
                    self.file,
                    e.key_span.clone(),
                    tr!("onbekende editie", "unknown edition"),
                )
                .suggest(&e.key, ids.iter().copied())
                .note(tr!("edities: {}", "editions: {}", ids.join(", ")));
                self.sink.push(d);
                continue;
            };
            let edition = &mut platform.editions[i];
            if let Some(n) = e.value.text_at("name") {
                edition.name = n;
            }
            if let Some(k) = e.value.str_at("kind") {
                edition.kind = k.to_string();
            }
            let facts = facts_of(
                e.value.get("attributes"),
                &sources,
                &origin,
                self.file,
                &mut used,
                self.sink,
            );
            own.entry(i).or_default().extend(facts);
        }
        // A platform-level fact counts as unchanged only when it changes no edition.
        let mut base_changed: BTreeMap<usize, bool> = BTreeMap::new();
        let mut base_unchanged: BTreeMap<usize, FactOrigin> = BTreeMap::new();
        let platform_id = platform.id.clone();
        for (i, edition) in platform.editions.iter_mut().enumerate() {
            let own_facts = own.remove(&i).unwrap_or_default();
            for (k, (span, fact)) in base.iter().enumerate() {
                if own_facts.iter().any(|(_, f)| f.name == fact.name) {
                    continue;
                }
                match self.merge_fact(&platform_id, edition, fact.clone(), span) {
                    Merged::Changed | Merged::Conflict => {
                        base_changed.insert(k, true);
                    }
                    Merged::Unchanged(o) => {
                        base_unchanged.entry(k).or_insert(o);
                    }
                }
            }
            for (span, fact) in own_facts {
                if let Merged::Unchanged(o) =
                    self.merge_fact(&platform_id, edition, fact.clone(), &span)
                {
                    self.unchanged(&fact, &span, &o);
                }
            }
        }
        for (k, o) in base_unchanged {
            if !base_changed.contains_key(&k) {
                let (span, fact) = &base[k];
                self.unchanged(fact, span, &o);
            }
        }
        if clean {
            source::warn_unused(node, &used, self.file, self.sink);
        }
    }

    /// Merges one fact into an edition.
    fn merge_fact(
        &mut self,
        platform: &str,
        edition: &mut Edition,
        mut fact: Fact,
        span: &Range<usize>,
    ) -> Merged {
        let key = (platform.to_string(), edition.id.clone(), fact.name.clone());
        if let Some(prev) = edition.facts.get(&fact.name) {
            if prev.same_as(&fact) {
                return Merged::Unchanged(prev.origin.clone());
            }
            if let FactOrigin::Overlay { file: other } = &prev.origin
                && other != self.name
                && prev.value.to_json() != fact.value.to_json()
            {
                let (line, col) = self
                    .set_by
                    .get(&key)
                    .map_or((1, 1), |(f, s)| self.files.line_col(*f, s.start));
                let d = Diagnostic::error(
                    Code::OverlayConflict,
                    tr!(
                        "`{}` van {platform}/{} is hier {}, maar {} in overlay {other}",
                        "`{}` of {platform}/{} is {} here but {} in overlay {other}",
                        fact.name,
                        edition.id,
                        fact.value.display(),
                        prev.value.display()
                    ),
                )
                .at(
                    self.file,
                    span.clone(),
                    tr!("tegenstrijdig met {other}", "conflicts with {other}"),
                )
                .note(tr!(
                    "ook gezet in {other}:{line}:{col}; twee overlays mogen elkaar niet tegenspreken: haal het feit uit één van beide, of laat de houders van de overlays het eens worden",
                    "also set in {other}:{line}:{col}; two overlays may not contradict each other: remove the fact from one of them, or have their keepers agree"
                ));
                self.sink.push(d);
                return Merged::Conflict;
            }
        }
        fact.replaced = edition.facts.remove(&fact.name).map(Box::new);
        self.set_by.insert(key, (self.file, span.clone()));
        edition.facts.insert(fact.name.clone(), fact);
        Merged::Changed
    }

    /// Warns that a fact of this overlay changes nothing.
    fn unchanged(&mut self, fact: &Fact, span: &Range<usize>, origin: &FactOrigin) {
        let from = origin_words(origin);
        self.sink
            .push(unchanged_warning(fact, self.file, span, &from));
    }
}

/// Where a fact came from, in words: `de catalogus`, `overlay x.toml`.
pub fn origin_words(origin: &FactOrigin) -> String {
    match origin {
        FactOrigin::Catalogue => tr!("de catalogus", "the catalogue"),
        FactOrigin::Overlay { file } => tr!("overlay {file}", "overlay {file}"),
        FactOrigin::Organisation { file } => tr!("{file}", "{file}"),
    }
}

/// The warning (BB034) for a fact equal in value and source to the one it would replace.
pub fn unchanged_warning(fact: &Fact, file: FileId, span: &Range<usize>, from: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::FactUnchanged,
        tr!(
            "`{} = {}` verandert niets: {from} zegt al hetzelfde, met dezelfde bron",
            "`{} = {}` changes nothing: {from} already says the same, with the same source",
            fact.name,
            fact.value.display()
        ),
    )
    .at(file, span.clone(), tr!("zonder effect", "no effect"))
    .note(tr!(
        "laat het feit weg, of noem de bron die u zelf hebt gelezen",
        "leave the fact out, or cite the source you read yourself"
    ))
}
