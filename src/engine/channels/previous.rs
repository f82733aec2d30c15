//! `channels --previous OLD.json`: the previous edition of the list, as `channels --format json`
//! wrote it, and what changed since (ratings, editions that came or went, facts the ratings used
//! whose value changed). A file that is not such a list is a diagnostic (BB054) with the line and
//! column where reading stopped, and nothing is compared.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Code, Diagnostic, Files, Sink};
use crate::i18n::tr;
use crate::input::limits::Limit;
use crate::model::source::SourceRef;
use crate::results::channels::{
    Changes, ChannelRating, ChannelsReport, EditionRef, FactChange, PreviousInfo,
    READABLE_VERSIONS, Rating, RatingChange,
};

/// A previous list, as far as the comparison reads it.
#[derive(Debug, Deserialize)]
pub struct Previous {
    #[serde(skip)]
    file: String,
    evaluated_on: String,
    policy: PreviousPolicy,
    #[serde(default)]
    only: Option<Rating>,
    editions: Vec<PreviousEdition>,
}

#[derive(Debug, Deserialize)]
struct PreviousPolicy {
    version: String,
}

#[derive(Debug, Deserialize)]
struct PreviousEdition {
    platform: String,
    edition: String,
    platform_name: String,
    edition_name: String,
    rating: Rating,
    facts: Vec<PreviousFact>,
}

#[derive(Debug, Deserialize)]
struct PreviousFact {
    attribute: String,
    value: serde_json::Value,
    #[serde(default)]
    source: Option<SourceRef>,
}

/// Reads a previous list from `path` (at most the saved-report size limit). `None` after a
/// diagnostic when it cannot be read or is not a list of `channels --format json`.
pub fn read_previous(path: &Path, files: &mut Files, sink: &mut Sink) -> Option<Previous> {
    let bytes = crate::input::read_bytes_within(path, Limit::ReportBytes, sink)?;
    let name = path.display().to_string();
    let src = crate::input::add_bytes(name.clone(), &bytes, files, sink)?;
    let text = files.text(src.file);
    let bad = |message: String, offset: usize, label: &str| {
        Diagnostic::error(Code::BadReport, message)
            .at(src.file, offset..offset, label.to_string())
            .note(tr(
                "verwacht een eerdere lijst van `beeldbel channels --format json`",
                "expected an earlier list from `beeldbel channels --format json`",
            ))
    };
    // The schema version first: a list of another version gets that as its error.
    #[derive(Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let version = serde_json::from_str::<Version>(text)
        .ok()
        .and_then(|v| v.schema_version);
    if let Some(v) = version.filter(|v| !READABLE_VERSIONS.iter().any(|r| u64::from(*r) == *v)) {
        let offset = text.find("\"schema_version\"").unwrap_or(0);
        let readable = READABLE_VERSIONS
            .map(|r| r.to_string())
            .join(tr(" en ", " and "));
        sink.push(bad(
            crate::tr!(
                "lijst met schema_version {v}; deze beeldbel leest versie {readable}",
                "list of schema_version {v}; this beeldbel reads version {readable}"
            ),
            offset,
            tr("andere versie", "other version"),
        ));
        return None;
    }
    match serde_json::from_str::<Previous>(text) {
        Ok(mut previous) if version.is_some() => {
            previous.file = name;
            Some(previous)
        }
        Ok(_) => {
            sink.push(bad(
                crate::tr!(
                    "`{name}` is geen kanalenlijst van beeldbel: `schema_version` ontbreekt",
                    "`{name}` is not a beeldbel channel list: `schema_version` is missing"
                ),
                0,
                tr("hier", "here"),
            ));
            None
        }
        Err(e) => {
            let offset = files
                .lines(src.file)
                .and_then(|l| l.offset(text, e.line(), e.column()))
                .unwrap_or(text.len());
            sink.push(bad(
                crate::tr!(
                    "`{name}` is geen kanalenlijst van beeldbel: {e}",
                    "`{name}` is not a beeldbel channel list: {e}"
                ),
                offset,
                tr("hier", "here"),
            ));
            None
        }
    }
}

fn named(e: &ChannelRating) -> EditionRef {
    EditionRef {
        platform: e.platform.clone(),
        edition: e.edition.clone(),
        platform_name: e.platform_name.clone(),
        edition_name: e.edition_name.clone(),
        rating: e.rating,
    }
}

/// What changed from `previous` to `list` (every edition of `list`: compare before `--only`).
pub fn compare(previous: &Previous, list: &ChannelsReport) -> Changes {
    let key = |p: &str, e: &str| format!("{p}/{e}");
    let old: HashMap<String, &PreviousEdition> = previous
        .editions
        .iter()
        .map(|e| (key(&e.platform, &e.edition), e))
        .collect();
    let mut changes = Changes {
        previous: PreviousInfo {
            file: previous.file.clone(),
            evaluated_on: previous.evaluated_on.clone(),
            policy_version: previous.policy.version.clone(),
            only: previous.only,
        },
        ratings: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
        facts: Vec::new(),
    };
    for e in &list.editions {
        let Some(was) = old.get(&key(&e.platform, &e.edition)) else {
            changes.added.push(named(e));
            continue;
        };
        if was.rating != e.rating {
            changes.ratings.push(RatingChange {
                edition: named(e),
                from: was.rating,
            });
        }
        let before: HashMap<&str, &PreviousFact> = was
            .facts
            .iter()
            .map(|f| (f.attribute.as_str(), f))
            .collect();
        for f in &e.facts {
            let old_fact = before.get(f.attribute.as_str());
            if old_fact.is_some_and(|o| o.value == f.value) {
                continue;
            }
            let source = f.source.as_deref().cloned();
            changes.facts.push(FactChange {
                edition: named(e),
                attribute: f.attribute.clone(),
                old: old_fact.map(|o| o.value.clone()),
                new: Some(f.value.clone()),
                source,
            });
        }
        let after: std::collections::HashSet<&str> =
            e.facts.iter().map(|f| f.attribute.as_str()).collect();
        for o in &was.facts {
            if !after.contains(o.attribute.as_str()) {
                changes.facts.push(FactChange {
                    edition: named(e),
                    attribute: o.attribute.clone(),
                    old: Some(o.value.clone()),
                    new: None,
                    source: o.source.clone(),
                });
            }
        }
    }
    let now: std::collections::HashSet<String> = list
        .editions
        .iter()
        .map(|e| key(&e.platform, &e.edition))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for o in &previous.editions {
        let k = key(&o.platform, &o.edition);
        if !now.contains(&k) && seen.insert(k) {
            changes.removed.push(EditionRef {
                platform: o.platform.clone(),
                edition: o.edition.clone(),
                platform_name: o.platform_name.clone(),
                edition_name: o.edition_name.clone(),
                rating: o.rating,
            });
        }
    }
    changes
}
