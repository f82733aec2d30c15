//! Organisation files: what an organisation uses (deployments), the measures it took, and the
//! risks it accepted (waivers).

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::input::{self, Source};
use crate::model::catalogue::{Catalogue, Edition, FactOrigin, facts_of};
use crate::model::source;
use crate::schema::{self, Node, defs};
use crate::tr;

#[derive(Clone, Debug)]
pub struct Deployment {
    pub id: String,
    pub platform: String,
    pub edition: String,
    pub node: Node,
    /// The catalogue edition with the deployment's own facts (`[deployments.facts]`) applied;
    /// `None` when it has none (then the catalogue's edition applies as it is).
    pub own_edition: Option<Edition>,
}

impl Deployment {
    /// The edition this deployment is evaluated against: `catalogue`'s edition, or that edition
    /// with the organisation's own facts.
    pub fn edition<'e>(&'e self, catalogue: &'e Edition) -> &'e Edition {
        self.own_edition.as_ref().unwrap_or(catalogue)
    }
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct Waiver {
    pub requirement: String,
    pub deployment: Option<String>,
    pub reason: String,
    pub approved_by: String,
    pub approved_on: NaiveDate,
    pub expires: NaiveDate,
    /// The whole `[[waivers]]` entry.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The `requirement = …` value.
    #[serde(skip)]
    pub requirement_span: Range<usize>,
    /// The `deployment = …` value, or the entry when absent.
    #[serde(skip)]
    pub deployment_span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Org {
    pub source: Source,
    pub name: String,
    /// The whole validated file.
    pub node: Node,
    pub deployments: Vec<Deployment>,
    pub waivers: Vec<Waiver>,
    /// The file's text (for line numbers in reports).
    pub text: String,
}

impl Org {
    /// The `org` CEL variable: the file minus `deployments` and `waivers`.
    pub fn cel_value(&self) -> cel::Value {
        crate::schema::node::table_to_cel(
            self.node
                .entries()
                .iter()
                .filter(|e| !matches!(e.key.as_str(), "deployments" | "waivers" | "sources")),
        )
    }

    pub fn file(&self) -> FileId {
        self.source.file
    }
}

/// Loads and validates one organisation file; deployments are checked against the catalogue.
pub fn load(path: &Path, catalogue: &Catalogue, files: &mut Files, sink: &mut Sink) -> Option<Org> {
    let source = input::read(path, files, sink)?;
    load_source(source, None, catalogue, files, sink)
}

/// Like [`load`], for a file already read into memory.
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    catalogue: &Catalogue,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Org> {
    let source = input::add_bytes(path.display().to_string(), bytes, files, sink)?;
    load_source(source, None, catalogue, files, sink)
}

/// Like [`load_bytes`], for bytes whose text was already parsed (to tell the file's kind).
pub fn load_parsed(
    path: &Path,
    bytes: &[u8],
    parsed: schema::Parsed<'_>,
    catalogue: &Catalogue,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Org> {
    let source = input::add_bytes(path.display().to_string(), bytes, files, sink)?;
    load_source(source, Some(parsed), catalogue, files, sink)
}

/// For a file found in a folder: parsed once, loaded when it is an organisation file. `None`
/// (and no diagnostics) when it is a file of another kind, which a folder may hold.
pub fn load_if_organisation(
    path: &Path,
    bytes: &[u8],
    catalogue: &Catalogue,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Option<Org>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let parsed = schema::parse(text);
    if crate::input::kind::kind_of(parsed.0.get_ref())
        != Some(crate::input::kind::FileKind::Organisation)
    {
        return None;
    }
    Some(load_parsed(path, bytes, parsed, catalogue, files, sink))
}

/// Validates and loads a registered file; `parsed`: its text already parsed.
fn load_source(
    source: input::Source,
    parsed: Option<schema::Parsed<'_>>,
    catalogue: &Catalogue,
    files: &mut Files,
    sink: &mut Sink,
) -> Option<Org> {
    let text = files.text(source.file).to_string();
    let before = sink.error_count();
    let parsed = parsed.unwrap_or_else(|| schema::parse(&text));
    let node = schema::validate_parsed(source.file, parsed, defs::ORG_FILE, sink)?;
    let file = source.file;
    let clean = sink.error_count() == before;
    let sources = source::build_sources(&node, file, &source.name, sink);
    let mut used = std::collections::BTreeSet::new();
    let origin = FactOrigin::Organisation {
        file: source.name.clone(),
    };
    let mut deployments: Vec<Deployment> = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for d in node.get("deployments").map(Node::as_list).unwrap_or(&[]) {
        let (Some(platform), Some(edition)) = (d.str_at("platform"), d.str_at("edition")) else {
            continue;
        };
        let id = d.str_at("id").unwrap_or(platform).to_string();
        let id_span = d
            .get("id")
            .or(d.get("platform"))
            .map_or(d.span.clone(), |n| n.span.clone());
        if !ids.insert(id.clone()) {
            sink.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    tr!(
                        "deployment-id \"{id}\" komt twee keer voor",
                        "deployment id \"{id}\" is used twice"
                    ),
                )
                .at(file, id_span, tr!("tweede keer", "second time"))
                .note(tr!(
                    "geef elke [[deployments]] een eigen `id` als u een platform vaker gebruikt",
                    "give each [[deployments]] its own `id` when a platform is used more than once"
                )),
            );
            continue;
        }
        check_platform(d, platform, edition, catalogue, file, sink);
        let own = facts_of(d.get("facts"), &sources, &origin, file, &mut used, sink);
        let own_edition = match catalogue.edition(platform, edition) {
            Some((_, e)) if !own.is_empty() => Some(with_own_facts(e, own, file, sink)),
            _ => None,
        };
        deployments.push(Deployment {
            id,
            platform: platform.into(),
            edition: edition.into(),
            node: d.clone(),
            own_edition,
        });
    }
    check_dpia_covers(&node, catalogue, file, sink);
    let waivers = node
        .get("waivers")
        .map(Node::as_list)
        .unwrap_or(&[])
        .iter()
        .filter_map(|w| {
            Some(Waiver {
                requirement: w.str_at("requirement")?.to_string(),
                deployment: w.str_at("deployment").map(str::to_string),
                reason: w.str_at("reason")?.to_string(),
                approved_by: w.str_at("approved_by")?.to_string(),
                approved_on: w.get("approved_on")?.as_date()?,
                expires: w.get("expires")?.as_date()?,
                span: w.span.clone(),
                requirement_span: w.get("requirement")?.span.clone(),
                deployment_span: w
                    .get("deployment")
                    .map_or(w.span.clone(), |n| n.span.clone()),
            })
        })
        .collect();
    if clean {
        source::warn_unused(&node, &used, file, sink);
    }
    let name = node
        .path(&["organisation", "name"])
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let after = sink.error_count();
    (after == before).then_some(Org {
        source,
        name,
        node,
        deployments,
        waivers,
        text,
    })
}

/// `edition` with the organisation's own facts: each replaces the catalogue's (kept as
/// `replaced`); one equal in value and source to the catalogue's is a warning (BB034).
fn with_own_facts(
    edition: &Edition,
    own: Vec<(Range<usize>, crate::model::catalogue::Fact)>,
    file: FileId,
    sink: &mut Sink,
) -> Edition {
    let mut e = edition.clone();
    for (span, mut fact) in own {
        if let Some(prev) = e.facts.get(&fact.name)
            && prev.same_as(&fact)
        {
            let from = crate::model::overlay::origin_words(&prev.origin);
            sink.push(crate::model::overlay::unchanged_warning(
                &fact, file, &span, &from,
            ));
            continue;
        }
        fact.replaced = e.facts.remove(&fact.name).map(Box::new);
        e.facts.insert(fact.name.clone(), fact);
    }
    e
}

/// A platform id that is not in the catalogue, with the nearest id and the list of ids.
fn unknown_platform(
    platform: &str,
    span: Range<usize>,
    catalogue: &Catalogue,
    file: FileId,
) -> Diagnostic {
    let ids: Vec<&str> = catalogue.platforms.iter().map(|p| p.id.as_str()).collect();
    Diagnostic::error(
        Code::UnknownPlatform,
        tr!(
            "platform \"{platform}\" staat niet in de catalogus",
            "platform \"{platform}\" is not in the catalogue"
        ),
    )
    .at(file, span, tr!("onbekend platform", "unknown platform"))
    .suggest(platform, ids.iter().copied())
    .note(tr!(
        "platforms in de catalogus: {}",
        "platforms in the catalogue: {}",
        ids.join(", ")
    ))
}

/// Every platform id in `dpia.covers` must be in the catalogue: a typo there would make the
/// DPIA cover nothing (AVG-DPIA-01 would fail for a reason the reader cannot see).
fn check_dpia_covers(node: &Node, catalogue: &Catalogue, file: FileId, sink: &mut Sink) {
    let Some(covers) = node.path(&["dpia", "covers"]) else {
        return;
    };
    for item in covers.as_list() {
        if let Some(id) = item.as_str()
            && catalogue.platform(id).is_none()
        {
            sink.push(unknown_platform(id, item.span.clone(), catalogue, file));
        }
    }
}

fn check_platform(
    d: &Node,
    platform: &str,
    edition: &str,
    catalogue: &Catalogue,
    file: FileId,
    sink: &mut Sink,
) {
    let Some(p) = catalogue.platform(platform) else {
        let span = d.get("platform").map_or(d.span.clone(), |n| n.span.clone());
        sink.push(unknown_platform(platform, span, catalogue, file));
        return;
    };
    if !p.editions.iter().any(|e| e.id == edition) {
        let ids: Vec<&str> = p.editions.iter().map(|e| e.id.as_str()).collect();
        let span = d.get("edition").map_or(d.span.clone(), |n| n.span.clone());
        let diag = Diagnostic::error(
            Code::UnknownPlatform,
            tr!(
                "platform \"{platform}\" heeft geen editie \"{edition}\"",
                "platform \"{platform}\" has no edition \"{edition}\""
            ),
        )
        .at(file, span, tr!("onbekende editie", "unknown edition"))
        .suggest(edition, ids.iter().copied());
        sink.push(diag.note(tr!("edities: {}", "editions: {}", ids.join(", "))));
    }
}
