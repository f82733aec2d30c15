//! How the DPIA draft shows a value: booleans as ja/nee, enumerated values by their label
//! ([`enum_label`]: the labels the schema gives them), lists as their elements.

use crate::i18n::tr;
use crate::schema::{Node, NodeKind, defs};

/// "ja" / "nee".
pub fn yes_no(b: bool) -> String {
    if b { tr("ja", "yes") } else { tr("nee", "no") }.to_string()
}

/// A human label for an enumerated value, by the field it belongs to (`processing.lawful_basis`,
/// `deployments.recording`, a catalogue attribute name, or an edition's `kind`): the label the
/// schema gives the value, so a new value is labelled where it is defined.
pub fn enum_label(field: &str, v: &str) -> Option<&'static str> {
    [defs::ORG_FILE, defs::ATTRIBUTES, defs::PLATFORM_VIEW]
        .into_iter()
        .find_map(|fields| crate::schema::label(fields, field, v))
        .map(|value| value.label())
}

/// A value as the draft shows it: booleans as ja/nee, enumerations by their label, a list as
/// its elements (an empty list as "(geen)").
pub fn show(field: &str, n: &Node) -> Vec<String> {
    match &n.kind {
        NodeKind::Bool(b) => vec![yes_no(*b)],
        NodeKind::Int(i) => vec![i.to_string()],
        NodeKind::Date(d) => vec![d.to_string()],
        NodeKind::Str(s) => vec![enum_label(field, s).map_or_else(|| s.clone(), str::to_string)],
        NodeKind::List(items) if items.is_empty() => vec![tr("(geen)", "(none)").to_string()],
        NodeKind::List(items) => items.iter().flat_map(|i| show(field, i)).collect(),
        NodeKind::Table(_) => vec![n.display()],
    }
}

/// A catalogue note in the report's language. A note written once (a plain string) is the same
/// in both languages of its [`Text`](crate::i18n::Text), and the catalogue writes those in
/// English: the Dutch draft leaves it out rather than show English text (`docs/dpia.md`).
pub fn note_in_lang(note: &crate::i18n::Text) -> Option<String> {
    let text = note.get();
    let one_language = note.nl == note.en;
    (!text.trim().is_empty() && (!one_language || crate::i18n::lang() == crate::i18n::Lang::En))
        .then(|| text.to_string())
}
