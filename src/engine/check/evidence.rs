//! A catalogue fact as evidence for an outcome: its value, source and whether it is stale.

use chrono::NaiveDate;

use crate::model::catalogue::{Edition, Fact, Platform};
use crate::results::Evidence;

/// A catalogue fact of an edition as evidence: its value and source, stale when the source was
/// checked more than `max_age_days` before `today`.
pub fn evidence(
    platform: &Platform,
    edition: &Edition,
    fact: &Fact,
    today: NaiveDate,
    max_age_days: i64,
) -> Evidence {
    Evidence {
        platform: platform.id.clone(),
        edition: edition.id.clone(),
        attribute: fact.name.clone(),
        value: fact.value.to_json(),
        stale: fact
            .source
            .as_ref()
            .is_some_and(|s| s.is_stale(today, max_age_days)),
        source: fact.source.clone(),
        note: fact.note.clone(),
        origin: crate::results::EvidenceOrigin::from(&fact.origin),
        replaced: crate::results::ReplacedFact::of(fact),
    }
}
