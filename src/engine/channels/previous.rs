//! `channels --previous OLD.json`: the previous edition of the list, as `channels --format json`
//! wrote it, and what changed since (ratings, editions that came or went, facts the ratings used
//! whose value changed). A file that is not such a list is a diagnostic (BB054) with the line and
//! column where reading stopped, and nothing is compared.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diag::{Files, Sink};
use crate::input::saved::{SavedKind, read_saved_json};
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
    let kind = SavedKind {
        noun: ["kanalenlijst van beeldbel", "beeldbel channel list"],
        expected: [
            "verwacht een eerdere lijst van `beeldbel channels --format json`",
            "expected an earlier list from `beeldbel channels --format json`",
        ],
        versions: &READABLE_VERSIONS,
    };
    let (mut previous, _) = read_saved_json::<Previous>(path, &kind, files, sink)?;
    previous.file = path.display().to_string();
    Some(previous)
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
