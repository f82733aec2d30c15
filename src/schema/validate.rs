//! Validation of a parsed TOML document against a [`Field`] tree, collecting every problem.

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::node::{Entry, Node, NodeKind};
use super::{Field, Ty, defs};
use crate::diag::{Code, Diagnostic, FileId, Sink, did_you_mean};
use crate::input::limits::{Limit, thousands};
use crate::tr;

/// Parses `text` as TOML and validates it against `fields`. Returns `None` when the TOML itself
/// does not parse (the syntax errors are in `sink`); otherwise the validated tree, which leaves
/// out what was invalid.
pub fn parse_and_validate(
    file: FileId,
    text: &str,
    fields: &'static [Field],
    sink: &mut Sink,
) -> Option<Node> {
    validate_parsed(file, parse(text), fields, sink)
}

/// A TOML document parsed with error recovery: the tree and the syntax errors.
pub type Parsed<'t> = (Spanned<DeTable<'t>>, Vec<toml::de::Error>);

/// Parses `text` (with error recovery), for [`validate_parsed`].
pub fn parse(text: &str) -> Parsed<'_> {
    DeTable::parse_recoverable(text)
}

/// [`parse_and_validate`] for a document already parsed (e.g. to tell its kind first).
pub fn validate_parsed(
    file: FileId,
    (root, errors): Parsed<'_>,
    fields: &'static [Field],
    sink: &mut Sink,
) -> Option<Node> {
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            sink.push(
                Diagnostic::error(
                    Code::TomlSyntax,
                    tr!("ongeldige TOML: {}", "invalid TOML: {}", e.message().trim()),
                )
                .at(file, span, tr!("hier", "here")),
            );
        }
        return None;
    }
    let span = root.span();
    let _ = span;
    Some(validate(file, root.get_ref(), 0..0, fields, sink))
}

/// Validates a table against `fields`.
pub fn validate(
    file: FileId,
    table: &DeTable<'_>,
    span: Range<usize>,
    fields: &'static [Field],
    sink: &mut Sink,
) -> Node {
    let mut v = Validator { file, sink };
    v.table(table, span, fields, "")
}

/// A diagnostic just reported, to add notes to (none when the sink keeps no more).
struct Added<'a>(Option<&'a mut Diagnostic>);

impl Added<'_> {
    fn note(&mut self, note: String) {
        if let Some(d) = &mut self.0 {
            d.notes.push(note);
        }
    }
}

struct Validator<'s> {
    file: FileId,
    sink: &'s mut Sink,
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn kind_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

impl Validator<'_> {
    /// Reports a problem at `span`; notes are added to what this returns.
    fn err(&mut self, code: Code, span: Range<usize>, message: String, label: String) -> Added<'_> {
        Added(
            self.sink
                .push_mut(Diagnostic::error(code, message).at(self.file, span, label)),
        )
    }

    fn table(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        fields: &'static [Field],
        path: &str,
    ) -> Node {
        let mut entries = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let key_span = key.span();
            match fields.iter().find(|f| f.name == name) {
                Some(field) => {
                    if let Some(node) = self.value(value, &field.ty, &join(path, name)) {
                        entries.push(Entry {
                            key: name.to_string(),
                            key_span,
                            value: node,
                        });
                    }
                }
                None => {
                    let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
                    let suggestion = did_you_mean(name, known.iter().copied());
                    let full = join(path, name);
                    let mut d = self.err(
                        Code::UnknownKey,
                        key_span,
                        tr!("onbekende sleutel `{full}`", "unknown key `{full}`"),
                        tr!("niet in het schema", "not in the schema"),
                    );
                    if let Some(s) = suggestion {
                        d.note(tr!("bedoelde u `{}`?", "did you mean `{}`?", join(path, s)));
                    }
                    d.note(tr!(
                        "geldige sleutels: {}",
                        "valid keys: {}",
                        known.join(", ")
                    ));
                }
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !table.iter().any(|(k, _)| k.get_ref() == field.name) {
                let full = join(path, field.name);
                let where_ = if path.is_empty() {
                    String::new()
                } else {
                    format!(" [{path}]")
                };
                self.err(
                    Code::MissingField,
                    span.clone(),
                    tr!(
                        "verplicht veld `{full}` ontbreekt",
                        "required field `{full}` is missing"
                    ),
                    tr!("in deze tabel{where_}", "in this table{where_}"),
                )
                .note(tr!(
                    "verwacht: {}",
                    "expected: {}",
                    field.ty.describe_local()
                ));
            }
        }
        Node::new(span, NodeKind::Table(entries))
    }

    fn wrong_type(&mut self, value: &Spanned<DeValue<'_>>, ty: &Ty, path: &str) {
        let got = kind_name(value.get_ref());
        let expected = ty.describe_local();
        let mut d = self.err(
            Code::WrongType,
            value.span(),
            tr!(
                "`{path}` heeft het verkeerde type",
                "`{path}` has the wrong type"
            ),
            tr!(
                "verwacht {expected}, gevonden: {got}",
                "expected {expected}, found {got}"
            ),
        );
        if matches!(ty, Ty::Date) && matches!(value.get_ref(), DeValue::String(_)) {
            d.note(tr!(
                "schrijf een datum zonder aanhalingstekens: 2025-02-10",
                "write a date without quotes: 2025-02-10"
            ));
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, ty: &'static Ty, path: &str) -> Option<Node> {
        let span = value.span();
        let kind = match (ty, value.get_ref()) {
            (Ty::Bool, DeValue::Boolean(b)) => NodeKind::Bool(*b),
            (Ty::Int { min }, DeValue::Integer(i)) => {
                let parsed = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok();
                match parsed {
                    Some(n) if n >= *min => NodeKind::Int(n),
                    _ => {
                        self.err(
                            Code::InvalidValue,
                            span,
                            tr!(
                                "`{path}` valt buiten het bereik",
                                "`{path}` is out of range"
                            ),
                            tr!("verwacht {}", "expected {}", ty.describe_local()),
                        );
                        return None;
                    }
                }
            }
            (Ty::Str | Ty::Cel, DeValue::String(s)) => NodeKind::Str(s.to_string()),
            (Ty::Country, DeValue::String(s)) => {
                if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
                    NodeKind::Str(s.to_string())
                } else {
                    self.err(
                        Code::InvalidValue,
                        span,
                        tr!(
                            "`{path}` is geen landcode",
                            "`{path}` is not a country code"
                        ),
                        tr!("verwacht {}", "expected {}", ty.describe_local()),
                    );
                    return None;
                }
            }
            (Ty::Enum(allowed), DeValue::String(s)) => {
                if allowed.iter().any(|v| v.id == s.as_ref()) {
                    NodeKind::Str(s.to_string())
                } else {
                    let mut d = self.err(
                        Code::BadEnumValue,
                        span,
                        tr!(
                            "`{path}` heeft een ongeldige waarde \"{s}\"",
                            "`{path}` has an invalid value \"{s}\""
                        ),
                        tr!("niet toegestaan", "not allowed"),
                    );
                    if let Some(s) = did_you_mean(s, allowed.iter().map(|v| v.id)) {
                        d.note(tr!("bedoelde u \"{s}\"?", "did you mean \"{s}\"?"));
                    }
                    d.note(tr!(
                        "toegestane waarden: {}",
                        "allowed values: {}",
                        super::quote_list(&super::enum_ids(allowed))
                    ));
                    return None;
                }
            }
            (Ty::Date, DeValue::Datetime(dt)) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) {
                        Some(date) => NodeKind::Date(date),
                        None => {
                            self.bad_date(span, path);
                            return None;
                        }
                    }
                }
                _ => {
                    self.bad_date(span, path);
                    return None;
                }
            },
            (Ty::List(inner), DeValue::Array(items)) => {
                let over = items.get(self.max_len(path)).map(Spanned::span);
                self.within_limit(items.len(), over, path)?;
                let nodes = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| self.value(item, inner, &format!("{path}[{i}]")))
                    .collect();
                NodeKind::List(nodes)
            }
            (Ty::Table(fields), DeValue::Table(t)) => {
                return Some(self.table(t, span, fields, path));
            }
            (Ty::Localized | Ty::Text, DeValue::Table(t)) => {
                return Some(self.table(t, span, defs::LOCALIZED, path));
            }
            (Ty::Text, DeValue::String(s)) => NodeKind::Str(s.to_string()),
            (Ty::TableArray(fields), DeValue::Array(items)) => {
                let over = items.get(self.max_len(path)).map(Spanned::span);
                self.within_limit(items.len(), over, path)?;
                let mut nodes = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item.get_ref() {
                        DeValue::Table(t) => {
                            nodes.push(self.table(t, item.span(), fields, &format!("{path}[{i}]")))
                        }
                        _ => self.wrong_type(item, &Ty::Table(fields), &format!("{path}[{i}]")),
                    }
                }
                NodeKind::List(nodes)
            }
            (Ty::Map(inner), DeValue::Table(t)) => {
                let over = t.iter().nth(self.max_len(path)).map(|(k, _)| k.span());
                self.within_limit(t.len(), over, path)?;
                let mut entries = Vec::new();
                for (key, v) in t.iter() {
                    let name: &str = key.get_ref();
                    if !is_id(name) {
                        self.err(
                            Code::InvalidValue,
                            key.span(),
                            tr!("ongeldige id `{name}`", "invalid id `{name}`"),
                            tr!(
                                "gebruik kleine letters, cijfers, - en _",
                                "use lowercase letters, digits, - and _"
                            ),
                        );
                        continue;
                    }
                    if let Some(node) = self.value(v, inner, &join(path, name)) {
                        entries.push(Entry {
                            key: name.to_string(),
                            key_span: key.span(),
                            value: node,
                        });
                    }
                }
                NodeKind::Table(entries)
            }
            (Ty::Attr(inner), DeValue::Table(t)) if !matches!(inner, Ty::Table(_)) => {
                return self.attr(t, span, inner, path);
            }
            (Ty::Attr(inner), _) => {
                // A bare value: an unsourced attribute.
                let node = self.value(value, inner, path)?;
                return Some(Node::new(
                    span.clone(),
                    NodeKind::Table(vec![Entry {
                        key: "value".into(),
                        key_span: span,
                        value: node,
                    }]),
                ));
            }
            _ => {
                self.wrong_type(value, ty, path);
                return None;
            }
        };
        Some(Node::new(span, kind))
    }

    fn attr(
        &mut self,
        t: &DeTable<'_>,
        span: Range<usize>,
        inner: &'static Ty,
        path: &str,
    ) -> Option<Node> {
        const ATTR_KEYS: &[&str] = &["value", "source", "note"];
        let mut entries = Vec::new();
        let mut ok = true;
        for (key, v) in t.iter() {
            let name: &str = key.get_ref();
            let ty: &'static Ty = match name {
                "value" => inner,
                "source" => &Ty::Str,
                "note" => &Ty::Text,
                _ => {
                    let mut d = self.err(
                        Code::UnknownKey,
                        key.span(),
                        tr!(
                            "onbekende sleutel `{path}.{name}`",
                            "unknown key `{path}.{name}`"
                        ),
                        tr!("niet in het schema", "not in the schema"),
                    );
                    if let Some(s) = did_you_mean(name, ATTR_KEYS.iter().copied()) {
                        d.note(tr!("bedoelde u `{s}`?", "did you mean `{s}`?"));
                    }
                    d.note(tr!(
                        "geldige sleutels: value, source, note",
                        "valid keys: value, source, note"
                    ));
                    continue;
                }
            };
            match self.value(v, ty, &join(path, name)) {
                Some(node) => entries.push(Entry {
                    key: name.into(),
                    key_span: key.span(),
                    value: node,
                }),
                None => ok &= name != "value",
            }
        }
        if !t.iter().any(|(k, _)| k.get_ref() == "value") {
            self.err(
                Code::MissingField,
                span.clone(),
                tr!(
                    "verplicht veld `{path}.value` ontbreekt",
                    "required field `{path}.value` is missing"
                ),
                tr!("in dit attribuut", "in this attribute"),
            );
            ok = false;
        }
        ok.then(|| Node::new(span, NodeKind::Table(entries)))
    }

    /// The limit on the length of the list at `path`: an organisation file's deployments (the
    /// only top-level `deployments` of any file kind) have their own.
    fn limit(&self, path: &str) -> Limit {
        if path == "deployments" {
            Limit::Deployments
        } else {
            Limit::ListItems
        }
    }

    /// The most entries the list at `path` may have.
    fn max_len(&self, path: &str) -> usize {
        usize::try_from(self.limit(path).value()).unwrap_or(usize::MAX)
    }

    /// `None` (and a diagnostic at the first entry over the limit, `over`) when the list at
    /// `path` has more than its limit of `len` entries: such a list is left out unread.
    fn within_limit(&mut self, len: usize, over: Option<Range<usize>>, path: &str) -> Option<()> {
        let Some(span) = over else {
            return Some(());
        };
        let limit = self.limit(path);
        let (n, max) = (thousands(len as u64), thousands(limit.value()));
        let first = thousands(limit.value().saturating_add(1));
        let message = match limit {
            Limit::Deployments => tr!(
                "het organisatiebestand heeft {n} deployments; de grens is {max}",
                "the organisation file has {n} deployments; the limit is {max}"
            ),
            _ => tr!(
                "`{path}` heeft {n} items; de grens is {max}",
                "`{path}` has {n} entries; the limit is {max}"
            ),
        };
        self.sink.push(
            Diagnostic::error(limit.code(), message)
                .at(
                    self.file,
                    span,
                    tr!("item {first} en verder", "entry {first} and on"),
                )
                .note(limit.how_to_raise()),
        );
        None
    }

    fn bad_date(&mut self, span: Range<usize>, path: &str) {
        self.err(
            Code::BadDate,
            span,
            tr!("`{path}` is geen datum", "`{path}` is not a date"),
            tr!(
                "verwacht een datum zonder tijd: JJJJ-MM-DD",
                "expected a date without time: YYYY-MM-DD"
            ),
        );
    }
}

/// Ids of editions and sources: lowercase ASCII letters, digits, `-` and `_`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
