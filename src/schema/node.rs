//! A validated value from an input file, with its place in the file.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

/// A value that passed validation, with the byte range it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    Int(i64),
    Str(String),
    Date(NaiveDate),
    List(Vec<Node>),
    /// Keys in file order, each with the span of the key.
    Table(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

impl Node {
    pub fn new(span: Range<usize>, kind: NodeKind) -> Self {
        Node { span, kind }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|e| e.key == key),
            _ => None,
        }
    }

    /// Follows a dotted path of table keys.
    pub fn path<S: AsRef<str>>(&self, path: &[S]) -> Option<&Node> {
        path.iter().try_fold(self, |n, k| n.get(k.as_ref()))
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Table(entries) => entries,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self.kind {
            NodeKind::Int(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self.kind {
            NodeKind::Date(d) => Some(d),
            _ => None,
        }
    }

    pub fn as_list(&self) -> &[Node] {
        match &self.kind {
            NodeKind::List(items) => items,
            _ => &[],
        }
    }

    /// A text field (`Ty::Text`): a string (the same in both languages) or `{ nl, en }`.
    pub fn as_text(&self) -> Option<crate::i18n::Text> {
        match &self.kind {
            NodeKind::Str(s) => Some(crate::i18n::Text::same(s.clone())),
            NodeKind::Table(_) => Some(crate::i18n::Text {
                nl: self.str_at("nl")?.to_string(),
                en: self.str_at("en")?.to_string(),
            }),
            _ => None,
        }
    }

    /// The text field at `key` (see [`Node::as_text`]).
    pub fn text_at(&self, key: &str) -> Option<crate::i18n::Text> {
        self.get(key).and_then(Node::as_text)
    }

    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// A short, human-readable rendering of the value (for reports).
    pub fn display(&self) -> String {
        match &self.kind {
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Str(s) => s.clone(),
            NodeKind::Date(d) => d.to_string(),
            NodeKind::List(items) => {
                format!(
                    "[{}]",
                    items
                        .iter()
                        .map(Node::display)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            NodeKind::Table(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|e| format!("{} = {}", e.key, e.value.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// The value as JSON (dates as `YYYY-MM-DD` strings).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.kind {
            NodeKind::Bool(b) => (*b).into(),
            NodeKind::Int(i) => (*i).into(),
            NodeKind::Str(s) => s.clone().into(),
            NodeKind::Date(d) => d.to_string().into(),
            NodeKind::List(items) => items.iter().map(Node::to_json).collect(),
            NodeKind::Table(entries) => entries
                .iter()
                .map(|e| (e.key.clone(), e.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    /// The value as CEL sees it: dates become timestamps at midnight UTC, tables maps.
    pub fn to_cel(&self) -> cel::Value {
        match &self.kind {
            NodeKind::Bool(b) => cel::Value::Bool(*b),
            NodeKind::Int(i) => cel::Value::Int(*i),
            NodeKind::Str(s) => cel::Value::String(s.clone().into()),
            NodeKind::Date(d) => date_to_cel(*d),
            NodeKind::List(items) => {
                cel::Value::List(items.iter().map(Node::to_cel).collect::<Vec<_>>().into())
            }
            NodeKind::Table(entries) => table_to_cel(entries.iter()),
        }
    }
}

/// Table entries as a CEL map (built straight into the map the `cel` crate holds).
pub fn table_to_cel<'a>(entries: impl Iterator<Item = &'a Entry>) -> cel::Value {
    let map: HashMap<cel::objects::Key, cel::Value> = entries
        .map(|e| (cel::objects::Key::from(e.key.as_str()), e.value.to_cel()))
        .collect();
    cel::Value::Map(cel::objects::Map { map: map.into() })
}

/// A date as a CEL timestamp (midnight UTC).
pub fn date_to_cel(d: NaiveDate) -> cel::Value {
    let dt = d
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset();
    cel::Value::Timestamp(dt)
}
