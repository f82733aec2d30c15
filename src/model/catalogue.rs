//! The platform catalogue: one file per platform, with editions and sourced attributes.
//!
//! Raw TOML is validated against [`defs::PLATFORM_FILE`]; each edition's attributes are merged
//! (edition overrides platform) into [`Fact`]s that keep their source.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::source;
use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::i18n::Text;
use crate::input::{self, sha256_hex};
use crate::schema::{self, Node, defs};
use crate::tr;

pub use super::source::{SourceKind, SourceRef};

/// Where a fact came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FactOrigin {
    /// The catalogue in use (embedded or `--platforms`).
    #[default]
    Catalogue,
    /// An overlay given with `--facts`.
    Overlay { file: String },
    /// The organisation file's own `[deployments.facts]`.
    Organisation { file: String },
}

/// One attribute of an edition, with where it came from.
#[derive(Clone, Debug)]
pub struct Fact {
    pub name: String,
    pub value: Node,
    /// `None`: an unsourced attribute (allowed in a user's own catalogue).
    pub source: Option<std::sync::Arc<SourceRef>>,
    pub note: Option<Text>,
    pub origin: FactOrigin,
    /// The fact an overlay or the organisation file replaced.
    pub replaced: Option<Box<Fact>>,
}

impl Fact {
    /// The same value and the same source (by content, not key) as `other`.
    pub fn same_as(&self, other: &Fact) -> bool {
        let source = |f: &Fact| {
            f.source.as_ref().map(|s| {
                let mut s = (**s).clone();
                s.key.clear();
                s
            })
        };
        self.value.to_json() == other.value.to_json() && source(self) == source(other)
    }
}

#[derive(Clone, Debug)]
pub struct Edition {
    pub id: String,
    pub name: Text,
    pub kind: String,
    /// Merged attributes, by name.
    pub facts: BTreeMap<String, Fact>,
}

#[derive(Clone, Debug)]
pub struct Platform {
    pub id: String,
    pub name: Text,
    pub vendor: Text,
    pub file: FileId,
    pub file_name: String,
    pub editions: Vec<Edition>,
    pub sources: BTreeMap<String, std::sync::Arc<SourceRef>>,
}

/// The loaded catalogue.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    pub platforms: Vec<Platform>,
    /// SHA-256 over the platform files (sorted by name, each name and hash).
    pub sha256: String,
    /// Where it came from: `embedded` or the path given.
    pub origin: String,
    /// The overlays (`--facts`) applied to it, in order.
    pub overlays: Vec<OverlayFile>,
    /// The platform files and overlays fetched over HTTPS: URL, SHA-256, fetch date.
    pub remote: Vec<crate::input::remote::RemoteSource>,
}

/// An overlay applied to the catalogue: its path as given and its SHA-256.
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct OverlayFile {
    pub file: String,
    pub sha256: String,
}

impl Edition {
    /// The oldest `checked` date among the sources of this edition's facts.
    pub fn oldest_fact(&self) -> Option<NaiveDate> {
        self.facts
            .values()
            .filter_map(|f| f.source.as_ref().map(|s| s.checked))
            .min()
    }

    /// The `platform` CEL variable for this edition.
    pub fn cel_value(&self, platform: &Platform, today: NaiveDate) -> cel::Value {
        let mut map: std::collections::HashMap<String, cel::Value> =
            std::collections::HashMap::new();
        let s = |v: &str| cel::Value::String(v.to_string().into());
        map.insert("id".into(), s(&platform.id));
        // Names are the same in any language a run is in: checks see the Dutch one.
        map.insert("name".into(), s(&platform.name.nl));
        map.insert("vendor".into(), s(&platform.vendor.nl));
        map.insert("edition".into(), s(&self.id));
        map.insert("edition_name".into(), s(&self.name.nl));
        map.insert("kind".into(), s(&self.kind));
        if let Some(oldest) = self.oldest_fact() {
            map.insert(
                "fact_age_days".into(),
                cel::Value::Int((today - oldest).num_days()),
            );
        }
        for (name, fact) in &self.facts {
            map.insert(name.clone(), fact.value.to_cel());
        }
        cel::Value::from(map)
    }
}

impl Catalogue {
    pub fn edition(&self, platform: &str, edition: &str) -> Option<(&Platform, &Edition)> {
        let p = self.platforms.iter().find(|p| p.id == platform)?;
        let e = p.editions.iter().find(|e| e.id == edition)?;
        Some((p, e))
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id == id)
    }

    /// Loads platform files given as (display name, bytes).
    pub fn load(
        inputs: &[(String, Vec<u8>)],
        origin: &str,
        files: &mut Files,
        sink: &mut Sink,
    ) -> Catalogue {
        let mut hashes: Vec<(String, String)> = Vec::new();
        let mut platforms: Vec<Platform> = Vec::new();
        for (name, bytes) in inputs {
            hashes.push((name.clone(), sha256_hex(bytes)));
            let Some(src) = input::add_bytes(name.clone(), bytes, files, sink) else {
                continue;
            };
            let errors_before = sink.error_count();
            let Some(node) = schema::parse_and_validate(
                src.file,
                files.text(src.file),
                defs::PLATFORM_FILE,
                sink,
            ) else {
                continue;
            };
            // An attribute rejected by validation may be what cites a source: only call sources
            // unused in a file that validated cleanly.
            let clean = sink.error_count() == errors_before;
            let Some(platform) = build_platform(&node, src.file, name, clean, sink) else {
                continue;
            };
            if let Some(first) = platforms.iter().find(|p| p.id == platform.id) {
                let other = first.file_name.clone();
                let id_span = node
                    .entry("id")
                    .map(|e| e.value.span.clone())
                    .unwrap_or(0..0);
                sink.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        tr!(
                            "platform-id \"{}\" komt twee keer voor",
                            "platform id \"{}\" is used twice",
                            platform.id
                        ),
                    )
                    .at(
                        src.file,
                        id_span,
                        tr!("ook in {other}", "also in {other}"),
                    ),
                );
                continue;
            }
            platforms.push(platform);
        }
        hashes.sort();
        let joined: String = hashes
            .iter()
            .map(|(n, h)| format!("{h}  {}\n", base_name(n)))
            .collect();
        platforms.sort_by(|a, b| a.id.cmp(&b.id));
        Catalogue {
            platforms,
            sha256: sha256_hex(joined.as_bytes()),
            origin: origin.to_string(),
            overlays: Vec::new(),
            remote: Vec::new(),
        }
    }
}

/// The file name without folders, so the catalogue hash does not depend on where it lies.
fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

fn build_platform(
    node: &Node,
    file: FileId,
    file_name: &str,
    report_unused: bool,
    sink: &mut Sink,
) -> Option<Platform> {
    let id = node.str_at("id")?.to_string();
    let sources = source::build_sources(node, file, file_name, sink);
    let mut used = BTreeSet::new();
    let mut resolve = |attrs: Option<&Node>, sink: &mut Sink| -> BTreeMap<String, Fact> {
        facts_of(
            attrs,
            &sources,
            &FactOrigin::Catalogue,
            file,
            &mut used,
            sink,
        )
        .into_iter()
        .map(|(_, f)| (f.name.clone(), f))
        .collect()
    };
    let base = resolve(node.get("attributes"), sink);
    let mut editions = Vec::new();
    for e in node.get("editions").map(Node::entries).unwrap_or(&[]) {
        let mut facts = base.clone();
        facts.extend(resolve(e.value.get("attributes"), sink));
        editions.push(Edition {
            id: e.key.clone(),
            name: e
                .value
                .text_at("name")
                .unwrap_or_else(|| Text::same(e.key.clone())),
            kind: e.value.str_at("kind").unwrap_or("business").to_string(),
            facts,
        });
    }
    if report_unused {
        source::warn_unused(node, &used, file, sink);
    }
    Some(Platform {
        id,
        name: node.text_at("name").unwrap_or_default(),
        vendor: node.text_at("vendor").unwrap_or_default(),
        file,
        file_name: file_name.to_string(),
        editions,
        sources,
    })
}

/// The facts of an `attributes` table (catalogue, overlay or a deployment's `facts`), each with
/// the span of its key; `origin` is where they come from. A source key that `sources` lacks is an
/// error (BB031); the keys cited are added to `used`.
pub fn facts_of(
    attrs: Option<&Node>,
    sources: &source::Sources,
    origin: &FactOrigin,
    file: FileId,
    used: &mut BTreeSet<String>,
    sink: &mut Sink,
) -> Vec<(std::ops::Range<usize>, Fact)> {
    let mut out = Vec::new();
    for e in attrs.map(Node::entries).unwrap_or(&[]) {
        let Some(value) = e.value.get("value") else {
            continue;
        };
        let source = match e.value.get("source") {
            Some(key_node) => {
                let key = key_node.as_str().unwrap_or_default();
                match sources.get(key) {
                    Some(s) => {
                        used.insert(s.key.clone());
                        Some(s.clone())
                    }
                    None => {
                        let d = Diagnostic::error(
                            Code::UnknownSource,
                            tr!(
                                "bron \"{key}\" bestaat niet",
                                "source \"{key}\" does not exist"
                            ),
                        )
                        .at(
                            file,
                            key_node.span.clone(),
                            tr!("geen [sources.{key}]", "no [sources.{key}]"),
                        )
                        .suggest(key, sources.keys().map(String::as_str));
                        sink.push(d);
                        None
                    }
                }
            }
            None => None,
        };
        out.push((
            e.key_span.clone(),
            Fact {
                name: e.key.clone(),
                value: value.clone(),
                source,
                note: e.value.text_at("note"),
                origin: origin.clone(),
                replaced: None,
            },
        ));
    }
    out
}
