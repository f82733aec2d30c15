//! The platform catalogue: one file per platform, with editions and sourced attributes.
//!
//! Raw TOML is validated against [`defs::PLATFORM_FILE`]; each edition's attributes are merged
//! (edition overrides platform) into [`Fact`]s that keep their source.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::input::{self, sha256_hex};
use crate::schema::{self, Node, defs};
use crate::tr;

/// A source a fact cites.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SourceRef {
    pub key: String,
    pub title: String,
    pub url: String,
    pub checked: NaiveDate,
}

impl SourceRef {
    /// Checked more than `max_age_days` (the policy's `max_fact_age_days`) before `today`.
    pub fn is_stale(&self, today: NaiveDate, max_age_days: i64) -> bool {
        (today - self.checked).num_days() > max_age_days
    }
}

/// One attribute of an edition, with where it came from.
#[derive(Clone, Debug)]
pub struct Fact {
    pub name: String,
    pub value: Node,
    /// `None`: an unsourced attribute (allowed in a user's own catalogue).
    pub source: Option<std::sync::Arc<SourceRef>>,
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Edition {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// Merged attributes, by name.
    pub facts: BTreeMap<String, Fact>,
}

#[derive(Clone, Debug)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub vendor: String,
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
        map.insert("name".into(), s(&platform.name));
        map.insert("vendor".into(), s(&platform.vendor));
        map.insert("edition".into(), s(&self.id));
        map.insert("edition_name".into(), s(&self.name));
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
    let mut sources = BTreeMap::new();
    if let Some(s) = node.get("sources") {
        for e in s.entries() {
            let (Some(title), Some(url), Some(checked)) = (
                e.value.str_at("title"),
                e.value.str_at("url"),
                e.value.get("checked").and_then(Node::as_date),
            ) else {
                continue;
            };
            // A source is cited in reports as a link: only a plain https address will do.
            if !url.starts_with("https://")
                || url.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                let span = e
                    .value
                    .get("url")
                    .map_or(e.value.span.clone(), |n| n.span.clone());
                sink.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        tr!(
                            "bron `{}` heeft geen https-adres: {url:?}",
                            "source `{}` has no https address: {url:?}",
                            e.key
                        ),
                    )
                    .at(file, span, tr!("geen https://-adres", "not an https:// address"))
                    .note(tr!(
                        "een bron moet een openbare pagina zijn die een lezer kan openen, bijvoorbeeld \"https://www.autoriteitpersoonsgegevens.nl/...\"",
                        "a source must be a public page a reader can open, for example \"https://www.autoriteitpersoonsgegevens.nl/...\""
                    )),
                );
            }
            sources.insert(
                e.key.clone(),
                std::sync::Arc::new(SourceRef {
                    key: e.key.clone(),
                    title: title.into(),
                    url: url.into(),
                    checked,
                }),
            );
        }
    }
    let mut used: BTreeMap<&str, bool> = sources.keys().map(|k| (k.as_str(), false)).collect();
    let mut resolve = |attrs: Option<&Node>, sink: &mut Sink| -> BTreeMap<String, Fact> {
        let mut out = BTreeMap::new();
        for e in attrs.map(Node::entries).unwrap_or(&[]) {
            let Some(value) = e.value.get("value") else {
                continue;
            };
            let source = match e.value.get("source") {
                Some(key_node) => {
                    let key = key_node.as_str().unwrap_or_default();
                    match sources.get(key) {
                        Some(s) => {
                            used.insert(s.key.as_str(), true);
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
            out.insert(
                e.key.clone(),
                Fact {
                    name: e.key.clone(),
                    value: value.clone(),
                    source,
                    note: e.value.str_at("note").map(str::to_string),
                },
            );
        }
        out
    };
    let base = resolve(node.get("attributes"), sink);
    let mut editions = Vec::new();
    for e in node.get("editions").map(Node::entries).unwrap_or(&[]) {
        let mut facts = base.clone();
        facts.extend(resolve(e.value.get("attributes"), sink));
        editions.push(Edition {
            id: e.key.clone(),
            name: e.value.str_at("name").unwrap_or(&e.key).to_string(),
            kind: e.value.str_at("kind").unwrap_or("business").to_string(),
            facts,
        });
    }
    if let Some(s) = node.get("sources").filter(|_| report_unused) {
        for e in s.entries() {
            if used.get(e.key.as_str()) == Some(&false) {
                sink.push(
                    Diagnostic::warning(
                        Code::UnusedSource,
                        tr!(
                            "bron \"{}\" wordt door geen attribuut gebruikt",
                            "source \"{}\" is used by no attribute",
                            e.key
                        ),
                    )
                    .at(file, e.key_span.clone(), tr!("ongebruikt", "unused")),
                );
            }
        }
    }
    Some(Platform {
        id,
        name: node.str_at("name").unwrap_or_default().to_string(),
        vendor: node.str_at("vendor").unwrap_or_default().to_string(),
        file,
        file_name: file_name.to_string(),
        editions,
        sources,
    })
}
