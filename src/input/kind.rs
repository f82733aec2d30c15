//! The kind of an input file, told from its top-level keys.

/// The kinds of input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Policy,
    Platform,
    Organisation,
    Appointment,
    /// The answers to a DPIA draft's gaps (`dpia --answers`).
    Answers,
}

/// Tells a parsed file's kind from its top-level keys.
pub fn kind_of(root: &toml::de::DeTable<'_>) -> Option<FileKind> {
    let has = |k: &str| root.iter().any(|(key, _)| key.get_ref() == k);
    if has("policy") || has("requirements") {
        Some(FileKind::Policy)
    } else if has("answer") || has("organisation_name") {
        Some(FileKind::Answers)
    } else if has("organisation") || has("deployments") {
        Some(FileKind::Organisation)
    } else if has("activity") {
        Some(FileKind::Appointment)
    } else if has("editions") || (has("id") && has("vendor")) {
        Some(FileKind::Platform)
    } else {
        None
    }
}
