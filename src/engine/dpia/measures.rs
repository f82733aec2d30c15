//! The measure of § 17 for a requirement, worded as a measure (`measures.toml`): what the
//! organisation does about the risk, without the organisation-file fields or commands the
//! policy's remediation names (those belong in the gap list). A requirement of another policy
//! (`--policy`) gets its own remediation without the sentences that name a field.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use super::template::Text;

const SOURCE: &str = include_str!("measures.toml");

/// The table, read once; empty if it does not read (a test reads it).
fn table() -> &'static BTreeMap<String, Text> {
    static TABLE: OnceLock<BTreeMap<String, Text>> = OnceLock::new();
    TABLE.get_or_init(|| toml::from_str(SOURCE).unwrap_or_default())
}

/// The measure for `requirement` of the embedded policy (`None`: another policy, whose own
/// remediation is used) in the report's language.
pub(super) fn measure_text(requirement: Option<&str>, remediation: &str, title: &str) -> String {
    if let Some(t) = requirement.and_then(|r| table().get(r)) {
        return t.get().to_string();
    }
    let kept = without_field_sentences(remediation);
    if kept.is_empty() {
        crate::tr!(
            "Neem maatregelen zodat wordt voldaan aan: {title}.",
            "Take measures so that this is met: {title}."
        )
    } else {
        kept
    }
}

/// `text` without the sentences that contain a code span (a field, a value or a command).
fn without_field_sentences(text: &str) -> String {
    let mut kept = Vec::new();
    let mut sentence = String::new();
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        sentence.push(c);
        let end = matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace());
        if end || chars.peek().is_none() {
            let s = sentence.trim().to_string();
            if !s.is_empty() && !s.contains('`') {
                kept.push(s);
            }
            sentence.clear();
        }
    }
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_holds_no_field_names() {
        let t: BTreeMap<String, Text> = toml::from_str(SOURCE).expect("measures.toml reads");
        for (id, text) in &t {
            for s in [&text.nl, &text.en] {
                assert!(
                    !s.contains('`') && !s.split_whitespace().any(|w| w == "beeldbel"),
                    "{id}: {s}"
                );
                assert!(!s.trim().is_empty(), "{id}");
            }
        }
    }

    #[test]
    fn every_requirement_of_the_embedded_policy_has_a_measure_and_no_other() {
        let t: BTreeMap<String, Text> = toml::from_str(SOURCE).expect("measures.toml reads");
        let policy: toml::Table =
            toml::from_str(include_str!("../../../policies/avg-beeldbellen.toml"))
                .expect("the policy reads");
        let mut ids = Vec::new();
        for r in policy["requirements"].as_array().expect("requirements") {
            if r.get("scope").and_then(|s| s.as_str()) != Some("appointment") {
                ids.push(r["id"].as_str().expect("id").to_string());
            }
        }
        for id in &ids {
            assert!(t.contains_key(id), "{id} has no measure in measures.toml");
        }
        for id in t.keys() {
            assert!(ids.contains(id), "{id} is not a requirement of the policy");
        }
    }

    #[test]
    fn another_policy_loses_only_the_sentences_that_name_fields() {
        let r = "Zet telemetrie uit. Vul daarna `deployments.telemetry_minimised = true` in. Vraag om documentatie.";
        assert_eq!(
            measure_text(None, r, "t"),
            "Zet telemetrie uit. Vraag om documentatie."
        );
        assert!(measure_text(None, "Vul `a` in.", "Titel").contains("Titel"));
    }
}
