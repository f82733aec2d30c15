//! The schema of every input file, defined once.
//!
//! Each file type is a tree of [`Field`]s. The same tree drives:
//! - validation with spans ([`validate`]): every unknown key, wrong type, bad enum value, bad date
//!   and missing field is reported, not just the first;
//! - the JSON Schemas of `beeldbel schema` ([`json_schema`]);
//! - the field paths a CEL expression may read ([`lookup_path`]);
//! - the CEL values the checks see ([`node::Node::to_cel`]);
//! - the Dutch and English label of every enumerated value ([`label`]).

pub mod defs;
pub mod node;
mod validate;

pub use node::{Node, NodeKind};
pub use validate::{Parsed, parse, parse_and_validate, validate, validate_parsed};

/// The type of a value in an input file.
#[derive(Debug)]
pub enum Ty {
    Bool,
    /// A whole number, at least `min`.
    Int {
        min: i64,
    },
    Str,
    /// A TOML local date (`2025-02-10`).
    Date,
    /// An ISO 3166-1 alpha-2 country code (`NL`, `US`).
    Country,
    /// One of a fixed set of strings, each with its Dutch and English label.
    Enum(&'static [EnumValue]),
    /// A list of values of one type.
    List(&'static Ty),
    /// A table with fixed keys.
    Table(&'static [Field]),
    /// An array of tables (`[[deployments]]`).
    TableArray(&'static [Field]),
    /// A table whose keys are free ids (`[editions.<id>]`, `[sources.<id>]`).
    Map(&'static Ty),
    /// `{ nl = "…", en = "…" }`.
    Localized,
    /// A string (the same in both languages) or `{ nl = "…", en = "…" }`.
    Text,
    /// A catalogue attribute: `{ value = …, source = "key", note = "…" }` or a bare value.
    Attr(&'static Ty),
    /// A CEL expression (a string, compiled by the policy loader).
    Cel,
}

/// One allowed value of an enumerated field: the id written in the file and its labels.
#[derive(Debug, PartialEq, Eq)]
pub struct EnumValue {
    pub id: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
}

impl EnumValue {
    /// The label in both languages.
    pub fn text(&self) -> crate::i18n::Text {
        crate::i18n::Text {
            nl: self.nl.into(),
            en: self.en.into(),
        }
    }

    /// The label in this run's language.
    pub fn label(&self) -> &'static str {
        crate::i18n::tr(self.nl, self.en)
    }
}

/// The ids of enumerated values, in order.
pub fn enum_ids(vals: &[EnumValue]) -> Vec<&'static str> {
    vals.iter().map(|v| v.id).collect()
}

/// The labelled values of the enumerated field at a dotted `path` of `fields` (through tables,
/// arrays of tables, lists and catalogue attributes), e.g. `dpia.status` or
/// `deployments.data_region` in [`defs::ORG_FILE`], `e2ee` in [`defs::ATTRIBUTES`]. `None` when
/// the path is not an enumerated field.
pub fn enum_values(fields: &'static [Field], path: &str) -> Option<&'static [EnumValue]> {
    let mut current = fields;
    let mut ty: Option<&'static Ty> = None;
    for seg in path.split('.') {
        if let Some(t) = ty {
            current = table_of(t)?;
        }
        ty = Some(&current.iter().find(|f| f.name == seg)?.ty);
    }
    fn values(t: &'static Ty) -> Option<&'static [EnumValue]> {
        match t {
            Ty::Enum(vals) => Some(vals),
            Ty::List(inner) | Ty::Attr(inner) => values(inner),
            _ => None,
        }
    }
    values(ty?)
}

fn table_of(t: &'static Ty) -> Option<&'static [Field]> {
    match t {
        Ty::Table(f) | Ty::TableArray(f) => Some(f),
        Ty::Attr(inner) | Ty::List(inner) | Ty::Map(inner) => table_of(inner),
        _ => None,
    }
}

/// The label of one value of the enumerated field at `path` (see [`enum_values`]): e.g.
/// `label(defs::ORG_FILE, "dpia.status", "not_started")` is "niet begonnen" / "not started".
pub fn label(fields: &'static [Field], path: &str, value: &str) -> Option<&'static EnumValue> {
    enum_values(fields, path)?.iter().find(|v| v.id == value)
}

/// A key in a table.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// What the field means; becomes the JSON Schema description.
    pub doc: &'static str,
}

impl Field {
    pub const fn req(name: &'static str, ty: Ty, doc: &'static str) -> Field {
        Field {
            name,
            ty,
            required: true,
            doc,
        }
    }
    pub const fn opt(name: &'static str, ty: Ty, doc: &'static str) -> Field {
        Field {
            name,
            ty,
            required: false,
            doc,
        }
    }
}

impl Ty {
    /// A short English name of the type, for messages.
    pub fn describe(&self) -> String {
        match self {
            Ty::Bool => "a boolean (true/false)".into(),
            Ty::Int { min } => format!("a whole number ≥ {min}"),
            Ty::Str | Ty::Cel => "a string".into(),
            Ty::Date => "a date (YYYY-MM-DD, without quotes)".into(),
            Ty::Country => "a two-letter country code (e.g. \"NL\")".into(),
            Ty::Enum(vals) => format!("one of {}", quote_list(&enum_ids(vals))),
            Ty::List(inner) => format!("a list of {}", inner.describe_plural()),
            Ty::Text => "a string or { nl = \"…\", en = \"…\" }".into(),
            Ty::Table(_) | Ty::Map(_) | Ty::Localized | Ty::Attr(_) => "a table".into(),
            Ty::TableArray(_) => "an array of tables ([[…]])".into(),
        }
    }

    fn describe_plural(&self) -> String {
        match self {
            Ty::Enum(vals) => format!("values from {}", quote_list(&enum_ids(vals))),
            other => other.describe(),
        }
    }

    /// The Dutch description, for messages.
    pub fn describe_nl(&self) -> String {
        match self {
            Ty::Bool => "een boolean (true/false)".into(),
            Ty::Int { min } => format!("een geheel getal ≥ {min}"),
            Ty::Str | Ty::Cel => "een tekst (string)".into(),
            Ty::Date => "een datum (JJJJ-MM-DD, zonder aanhalingstekens)".into(),
            Ty::Country => "een landcode van twee letters (bijv. \"NL\")".into(),
            Ty::Enum(vals) => format!("een van {}", quote_list(&enum_ids(vals))),
            Ty::List(inner) => format!("een lijst van {}", inner.describe_nl()),
            Ty::Text => "een tekst of { nl = \"…\", en = \"…\" }".into(),
            Ty::Table(_) | Ty::Map(_) | Ty::Localized | Ty::Attr(_) => "een tabel".into(),
            Ty::TableArray(_) => "een lijst van tabellen ([[…]])".into(),
        }
    }

    /// The type as the user's language describes it.
    pub fn describe_local(&self) -> String {
        match crate::i18n::lang() {
            crate::i18n::Lang::Nl => self.describe_nl(),
            crate::i18n::Lang::En => self.describe(),
        }
    }
}

pub fn quote_list(vals: &[&str]) -> String {
    vals.iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Outcome of looking up a field path in a schema.
#[derive(Debug)]
pub enum PathError {
    /// `segment` (at index) is not a field of the table; the nearest name if any.
    Unknown {
        index: usize,
        suggestion: Option<&'static str>,
        known: Vec<&'static str>,
    },
    /// `segment` (at index) selects into a value that has no fields.
    NotATable { index: usize, ty: String },
}

/// Walks `path` through `fields`; returns the type at the end.
pub fn lookup_path<'a>(fields: &'a [Field], path: &[String]) -> Result<&'a Ty, PathError> {
    let mut current: &[Field] = fields;
    let mut ty: Option<&Ty> = None;
    for (index, seg) in path.iter().enumerate() {
        if let Some(t) = ty {
            match t {
                Ty::Table(f) => current = f,
                Ty::Attr(inner) => match inner {
                    Ty::Table(f) => current = f,
                    other => {
                        return Err(PathError::NotATable {
                            index,
                            ty: other.describe_local(),
                        });
                    }
                },
                Ty::Localized => current = defs::LOCALIZED,
                other => {
                    return Err(PathError::NotATable {
                        index,
                        ty: other.describe_local(),
                    });
                }
            }
        }
        match current.iter().find(|f| f.name == seg) {
            Some(f) => ty = Some(&f.ty),
            None => {
                let names: Vec<&'static str> = current.iter().map(|f| f.name).collect();
                return Err(PathError::Unknown {
                    index,
                    suggestion: crate::diag::did_you_mean(seg, names.iter().copied()),
                    known: names,
                });
            }
        }
    }
    ty.ok_or(PathError::Unknown {
        index: 0,
        suggestion: None,
        known: vec![],
    })
}

/// The JSON Schema (draft 2020-12) of a table of fields.
pub fn json_schema(title: &str, fields: &'static [Field]) -> serde_json::Value {
    let mut root = table_schema(fields);
    if let serde_json::Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        map.insert("title".into(), title.into());
    }
    root
}

fn table_schema(fields: &'static [Field]) -> serde_json::Value {
    let mut props = serde_json::Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut s = ty_schema(&f.ty);
        if let serde_json::Value::Object(m) = &mut s {
            m.insert("description".into(), f.doc.into());
        }
        props.insert(f.name.into(), s);
        if f.required {
            required.push(serde_json::Value::from(f.name));
        }
    }
    serde_json::json!({
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

fn ty_schema(ty: &'static Ty) -> serde_json::Value {
    use serde_json::json;
    match ty {
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Int { min } => json!({"type": "integer", "minimum": min}),
        Ty::Str | Ty::Cel => json!({"type": "string"}),
        Ty::Date => json!({"type": "string", "format": "date"}),
        Ty::Country => json!({"type": "string", "pattern": "^[A-Z]{2}$"}),
        Ty::Enum(vals) => {
            // `enum` for validation; the labels for editors: VS Code's JSON service reads
            // `enumDescriptions` / `markdownEnumDescriptions`, taplo (Even Better TOML) reads
            // `x-taplo.docs.enumValues`. Both are annotations a validator ignores.
            let described: Vec<String> = vals
                .iter()
                .map(|v| format!("{} — {}", v.nl, v.en))
                .collect();
            json!({
                "type": "string",
                "enum": enum_ids(vals),
                "enumDescriptions": described,
                "markdownEnumDescriptions": described,
                "x-taplo": {"docs": {"enumValues": described}},
            })
        }
        Ty::List(inner) => json!({"type": "array", "items": ty_schema(inner)}),
        Ty::Table(fields) => table_schema(fields),
        Ty::TableArray(fields) => json!({"type": "array", "items": table_schema(fields)}),
        Ty::Map(inner) => json!({"type": "object", "additionalProperties": ty_schema(inner)}),
        Ty::Localized => table_schema(defs::LOCALIZED),
        Ty::Text => json!({"oneOf": [{"type": "string"}, table_schema(defs::LOCALIZED)]}),
        Ty::Attr(inner) => {
            let value = ty_schema(inner);
            json!({"oneOf": [
                value.clone(),
                {
                    "type": "object",
                    "properties": {
                        "value": value,
                        "source": {"type": "string", "description": "key of a [sources.<key>] entry"},
                        "note": ty_schema(&Ty::Text)
                    },
                    "required": ["value"],
                    "additionalProperties": false
                }
            ]})
        }
    }
}
