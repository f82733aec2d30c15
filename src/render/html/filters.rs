//! The filters the HTML templates use beyond minijinja's own: a text in the language of the run
//! (`local`), and the words for a source (`citation`), a fact's origin (`origin`) and the fact a
//! correction replaced (`replaced`). Each takes the JSON form of a report value.

use minijinja::Value;

use crate::i18n::Lang;

/// `{{ text|local }}`: a `{nl, en}` text in the language of this run (a plain string as it is).
pub(super) fn local(v: Value) -> String {
    if let Some(s) = v.as_str() {
        return s.to_string();
    }
    let lang = match crate::i18n::lang() {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    v.get_attr(lang)
        .ok()
        .and_then(|t| t.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `{{ source|citation }}`: a source's kind, reference, reviewer and document (`SourceRef`'s
/// fields as in the JSON report), in the language of this run.
pub(super) fn citation(v: Value) -> String {
    let field = |k: &str| {
        v.get_attr(k)
            .ok()
            .and_then(|x| x.as_str().map(str::to_string))
    };
    let source = crate::model::catalogue::SourceRef {
        key: String::new(),
        kind: crate::model::catalogue::SourceKind::from_id(&field("kind").unwrap_or_default()),
        title: String::new(),
        url: None,
        reference: field("reference"),
        reviewer: field("reviewer"),
        document: field("document"),
        sha256: field("sha256"),
        checked: chrono::NaiveDate::default(),
    };
    source.citation()
}

/// `{{ e.origin|origin }}`: where a fact came from (`EvidenceOrigin` as in the JSON report), in
/// words of this run's language.
pub(super) fn origin(v: Value) -> String {
    crate::render::common::origin_words(&evidence_origin(&v))
}

/// `{{ e.replaced|replaced }}`: the fact a correction replaced (`ReplacedFact` as in the JSON
/// report), in words; empty when there is none.
pub(super) fn replaced(v: Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    let attr = |k: &str| {
        v.get_attr(k)
            .ok()
            .filter(|x| !x.is_none() && !x.is_undefined())
    };
    let value = attr("value").map(|x| json_of(&x)).unwrap_or_default();
    let r = crate::results::ReplacedFact {
        value,
        source_title: attr("source_title").and_then(|x| x.as_str().map(str::to_string)),
        origin: attr("origin")
            .map(|o| evidence_origin(&o))
            .unwrap_or_default(),
    };
    crate::render::common::replaced_words(&r)
}

/// A template value back as JSON (the inverse of [`to_value`] for what it produces).
fn json_of(v: &Value) -> serde_json::Value {
    use minijinja::value::ValueKind;
    match v.kind() {
        ValueKind::Bool => v.is_true().into(),
        ValueKind::Number => match (i64::try_from(v.clone()), f64::try_from(v.clone())) {
            (Ok(i), _) => i.into(),
            (_, Ok(f)) => f.into(),
            _ => serde_json::Value::Null,
        },
        ValueKind::String => v.as_str().unwrap_or_default().into(),
        ValueKind::Seq => v
            .try_iter()
            .map(|it| it.map(|x| json_of(&x)).collect())
            .unwrap_or_default(),
        ValueKind::Map => v
            .try_iter()
            .map(|keys| {
                keys.filter_map(|k| {
                    let key = k.as_str()?.to_string();
                    Some((key, json_of(&v.get_item(&k).ok()?)))
                })
                .collect::<serde_json::Map<_, _>>()
                .into()
            })
            .unwrap_or_default(),
        _ => serde_json::Value::Null,
    }
}

/// An `EvidenceOrigin` from its JSON form in a template value.
fn evidence_origin(v: &Value) -> crate::results::EvidenceOrigin {
    let field = |k: &str| {
        v.get_attr(k)
            .ok()
            .and_then(|x| x.as_str().map(str::to_string))
    };
    let kind = match field("kind").as_deref() {
        Some("overlay") => crate::results::OriginKind::Overlay,
        Some("organisation") => crate::results::OriginKind::Organisation,
        _ => crate::results::OriginKind::Catalogue,
    };
    crate::results::EvidenceOrigin {
        kind,
        file: field("file"),
    }
}
