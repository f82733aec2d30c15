//! The DPIA template (`template.toml`, compiled into the binary) and its interpreter.
//!
//! The template holds the draft's content: per section its title, what the model asks, and its
//! items — an organisation-file field, a deployment setting or a catalogue fact with its label and
//! the gap text when it is missing, a fixed gap, beeldbel's own text — with the conditions under
//! which an item is shown. This module reads the template and turns each item into draft items;
//! what is genuinely computed (risks, measures, a vendor's role, …) is a `builtin` item, handled in
//! [`super::builtins`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::labels::enum_label;
use super::{Builder, Computed};
use crate::i18n::tr;
use crate::model::catalogue::{Edition, Platform};
use crate::model::org::Deployment;
use crate::results::dpia::{Item, Part, Section};
use crate::schema::{Node, NodeKind};

const SOURCE: &str = include_str!("template.toml");

/// Dutch and English text of the template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    /// The text in this run's language.
    pub fn get(&self) -> &str {
        tr(&self.nl, &self.en)
    }
}

/// The whole template: the part titles and the sections in document order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub parts: BTreeMap<String, Text>,
    pub sections: Vec<SectionDef>,
}

/// One section: a numbered paragraph of the model or a block around them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub key: String,
    pub number: Option<u8>,
    pub part: Option<String>,
    pub title: Text,
    pub asks: Text,
    #[serde(default)]
    pub items: Vec<ItemDef>,
}

/// One item of a section; `docs/dpia.md` and the head of `template.toml` describe the kinds.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemDef {
    Field {
        field: String,
        label: Text,
        gap: Option<Text>,
        #[serde(default)]
        when: Vec<Cond>,
    },
    Setting {
        field: String,
        label: Text,
        gap: Option<Text>,
    },
    Fact {
        attribute: String,
        label: Text,
        gap: Option<Text>,
        #[serde(default)]
        when: Vec<Cond>,
    },
    Gap {
        /// The gap's name within its section (its stable key without the section prefix;
        /// `{deployment}` is filled in).
        id: String,
        text: Text,
        #[serde(default)]
        when: Vec<Cond>,
    },
    Text {
        text: Text,
    },
    Heading {
        text: Text,
    },
    Proposal {
        label: Text,
        values: Vec<Text>,
    },
    GapForValue {
        field: String,
        cases: BTreeMap<String, Text>,
    },
    Deployments {
        #[serde(default)]
        heading: bool,
        #[serde(default)]
        gap_if_none: bool,
        #[serde(default)]
        when: Vec<Cond>,
        items: Vec<ItemDef>,
    },
    Builtin(BuiltinDef),
}

/// An item computed by code, with the words the template gives it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuiltinDef {
    pub name: BuiltinName,
    pub label: Option<Text>,
    pub text: Option<Text>,
    pub gap: Option<Text>,
}

/// The computed items ([`super::builtins`]).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinName {
    DeploymentList,
    Verdict,
    Proposal,
    Platform,
    ServiceKind,
    Controller,
    Dpo,
    Vendor,
    VendorRole,
    CheckedAgainst,
    RetentionCovered,
    Risks,
    Measures,
    Confirmed,
    Accepted,
    OwnDpia,
}

/// A condition on a value: of an organisation-file `field`, a deployment `setting`, a
/// catalogue `fact` of the deployment's edition, or a property of that `edition` (only `kind`).
/// `equals`: present and equal; `not`: missing or different; `present`: present.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cond {
    pub field: Option<String>,
    pub setting: Option<String>,
    pub fact: Option<String>,
    pub edition: Option<String>,
    pub equals: Option<toml::Value>,
    pub not: Option<toml::Value>,
    #[serde(default)]
    pub present: bool,
}

/// The template could not be read: a bug in beeldbel (a test reads it).
#[derive(Debug, thiserror::Error)]
#[error("DPIA template: {0}")]
pub struct TemplateError(String);

/// The template, read once.
pub fn template() -> Result<&'static Template, TemplateError> {
    static TEMPLATE: OnceLock<Result<Template, String>> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| toml::from_str(SOURCE).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| TemplateError(e.clone()))
}

/// A deployment with its catalogue platform and edition.
pub type Dep<'a> = (&'a Deployment, &'a Platform, &'a Edition);

/// `{deployment}`, `{platform}`, `{edition}`, `{vendor}`, `{kind}` filled in for a deployment.
pub fn fill(text: &str, dep: Option<Dep>) -> String {
    let Some((d, p, e)) = dep else {
        return text.to_string();
    };
    text.replace("{deployment}", &d.id)
        .replace("{platform}", p.name.get())
        .replace("{edition}", e.name.get())
        .replace("{vendor}", p.vendor.get())
        .replace("{kind}", enum_label("kind", &e.kind).unwrap_or(&e.kind))
}

/// Whether a node has the value a condition names (booleans, strings, integers, lists of them).
fn same(n: &Node, v: &toml::Value) -> bool {
    match (&n.kind, v) {
        (NodeKind::Bool(a), toml::Value::Boolean(b)) => a == b,
        (NodeKind::Str(a), toml::Value::String(b)) => a == b,
        (NodeKind::Int(a), toml::Value::Integer(b)) => a == b,
        (NodeKind::List(a), toml::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        _ => false,
    }
}

/// The part (A–D) of a section, with its title.
fn part(t: &'static Template, letter: Option<&'static str>) -> Option<Part> {
    let letter = letter?;
    Some(Part {
        letter,
        title: t.parts.get(letter).map_or("", Text::get),
    })
}

impl<'a> Builder<'a> {
    /// A section of the draft from its definition.
    pub(super) fn section(
        &self,
        t: &'static Template,
        def: &'static SectionDef,
        computed: &mut Computed<'a>,
    ) -> Section {
        let mut items = Vec::new();
        self.items(&def.items, None, &mut items, computed);
        Section {
            key: def.key.clone(),
            number: def.number,
            part: part(t, def.part.as_deref()),
            title: def.title.get().to_string(),
            asks: def.asks.get().to_string(),
            items,
        }
    }

    /// Whether any of the conditions holds (no conditions: always).
    fn any(&self, when: &[Cond], dep: Option<Dep<'a>>) -> bool {
        when.is_empty() || when.iter().any(|c| self.holds(c, dep))
    }

    fn holds(&self, c: &Cond, dep: Option<Dep<'a>>) -> bool {
        if c.edition.is_some() {
            // `edition = "kind"` (the only property `check_cond` lets through).
            let kind = dep.map(|(_, _, e)| e.kind.as_str());
            let is = |v: &toml::Value| kind.is_some_and(|k| v.as_str() == Some(k));
            return match (&c.equals, &c.not) {
                (Some(v), _) => is(v),
                (None, Some(v)) => !is(v),
                (None, None) => c.present && kind.is_some(),
            };
        }
        let node = if let Some(path) = &c.field {
            self.node(&path.split('.').collect::<Vec<_>>())
        } else if let Some(key) = &c.setting {
            dep.and_then(|(d, _, _)| d.node.get(key))
        } else if let Some(attribute) = &c.fact {
            dep.and_then(|(_, _, e)| e.facts.get(attribute).map(|f| &f.value))
        } else {
            None
        };
        if let Some(v) = &c.equals {
            node.is_some_and(|n| same(n, v))
        } else if let Some(v) = &c.not {
            node.is_none_or(|n| !same(n, v))
        } else {
            c.present && node.is_some()
        }
    }

    fn items(
        &self,
        defs: &'static [ItemDef],
        dep: Option<Dep<'a>>,
        items: &mut Vec<Item>,
        computed: &mut Computed<'a>,
    ) {
        for def in defs {
            self.item(def, dep, items, computed);
        }
    }

    fn item(
        &self,
        def: &'static ItemDef,
        dep: Option<Dep<'a>>,
        items: &mut Vec<Item>,
        computed: &mut Computed<'a>,
    ) {
        let what =
            |label: &Text, gap: &Option<Text>| fill(gap.as_ref().unwrap_or(label).get(), dep);
        match def {
            ItemDef::Field {
                field,
                label,
                gap,
                when,
            } => {
                if self.any(when, dep) {
                    let path: Vec<&str> = field.split('.').collect();
                    self.field(items, label.get(), &path, &what(label, gap));
                }
            }
            ItemDef::Setting { field, label, gap } => {
                if let Some((d, _, _)) = dep {
                    self.dep_field(items, d, label.get(), field, &what(label, gap));
                }
            }
            ItemDef::Fact {
                attribute,
                label,
                gap,
                when,
            } => {
                if let Some((d, p, e)) = dep
                    && self.any(when, dep)
                {
                    let gap = gap.as_ref().map(|g| fill(g.get(), dep));
                    self.fact(items, (d, p, e), attribute, label.get(), gap.as_deref());
                }
            }
            ItemDef::Gap { id, text, when } => {
                if self.any(when, dep) {
                    items.push(self.gap_item(fill(id, dep), fill(text.get(), dep), None));
                }
            }
            ItemDef::Text { text } => items.push(self.tool(text.get())),
            ItemDef::Heading { text } => items.push(Item::Heading {
                text: text.get().to_string(),
            }),
            ItemDef::Proposal { label, values } => items.push(self.filled(
                label.get(),
                values.iter().map(|v| v.get().to_string()).collect(),
                crate::results::dpia::Origin::Tool,
            )),
            ItemDef::GapForValue { field, cases } => {
                let path: Vec<&str> = field.split('.').collect();
                let value = self.node(&path).and_then(Node::as_str);
                if let Some(text) = value.and_then(|v| cases.get(v)) {
                    items.push(self.gap_item(
                        format!("{field}.voorwaarden"),
                        text.get().to_string(),
                        None,
                    ));
                }
            }
            ItemDef::Deployments {
                heading,
                gap_if_none,
                when,
                items: defs,
            } => {
                if *gap_if_none && self.no_deployments(items) {
                    return;
                }
                for dep in self.deployments() {
                    if !self.any(when, Some(dep)) {
                        continue;
                    }
                    if *heading {
                        items.push(self.dep_heading(dep));
                    }
                    self.items(defs, Some(dep), items, computed);
                }
            }
            ItemDef::Builtin(b) => self.builtin(b, dep, items, computed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Field, Ty, defs, lookup_path};

    /// The type at a dotted path in a table of fields, or why there is none.
    fn ty(fields: &'static [Field], path: &str) -> Result<&'static Ty, String> {
        let names: Vec<String> = path.split('.').map(str::to_string).collect();
        lookup_path(fields, &names).map_err(|e| format!("{path}: {e:?}"))
    }

    /// Checks a condition's path (in the org file, a deployment or the catalogue attributes) and
    /// that it names exactly one value and one test.
    fn check_cond(c: &Cond, in_deployment: bool, errors: &mut Vec<String>) {
        let sources = [&c.field, &c.setting, &c.fact, &c.edition]
            .iter()
            .filter(|s| s.is_some())
            .count();
        let tests =
            usize::from(c.equals.is_some()) + usize::from(c.not.is_some()) + usize::from(c.present);
        if sources != 1 || tests != 1 {
            errors.push(format!("{c:?}: one of field/setting/fact and one test"));
        }
        if let Some(f) = &c.field
            && let Err(e) = ty(defs::ORG_FILE, f)
        {
            errors.push(e);
        }
        if (c.setting.is_some() || c.fact.is_some() || c.edition.is_some()) && !in_deployment {
            errors.push(format!(
                "{c:?}: a setting, fact or edition outside `deployments`"
            ));
        }
        if c.edition.as_deref().is_some_and(|p| p != "kind") {
            errors.push(format!("{c:?}: `edition` can only test `kind`"));
        }
        if let Some(s) = &c.setting
            && let Err(e) = ty(defs::DEPLOYMENT, s)
        {
            errors.push(e);
        }
        if let Some(f) = &c.fact
            && let Err(e) = ty(defs::ATTRIBUTES, f)
        {
            errors.push(e);
        }
    }

    fn check_items(
        items: &[ItemDef],
        in_deployment: bool,
        paths: &mut Vec<String>,
        errors: &mut Vec<String>,
    ) {
        for item in items {
            match item {
                ItemDef::Field { field, when, .. } => {
                    paths.push(field.clone());
                    if let Err(e) = ty(defs::ORG_FILE, field) {
                        errors.push(e);
                    }
                    when.iter()
                        .for_each(|c| check_cond(c, in_deployment, errors));
                }
                ItemDef::Setting { field, .. } => {
                    paths.push(format!("deployments.{field}"));
                    if !in_deployment {
                        errors.push(format!("setting {field} outside `deployments`"));
                    }
                    if let Err(e) = ty(defs::DEPLOYMENT, field) {
                        errors.push(e);
                    }
                }
                ItemDef::Fact {
                    attribute, when, ..
                } => {
                    if !in_deployment {
                        errors.push(format!("fact {attribute} outside `deployments`"));
                    }
                    if let Err(e) = ty(defs::ATTRIBUTES, attribute) {
                        errors.push(e);
                    }
                    when.iter()
                        .for_each(|c| check_cond(c, in_deployment, errors));
                }
                ItemDef::Gap { when, .. } => {
                    when.iter()
                        .for_each(|c| check_cond(c, in_deployment, errors));
                }
                ItemDef::GapForValue { field, cases } => {
                    paths.push(field.clone());
                    match ty(defs::ORG_FILE, field) {
                        Ok(Ty::Enum(values)) => {
                            for case in cases.keys() {
                                if !values.iter().any(|v| v.id == case.as_str()) {
                                    errors.push(format!("{field}: no value {case}"));
                                }
                            }
                        }
                        Ok(other) => errors.push(format!("{field}: {other:?} is not an enum")),
                        Err(e) => errors.push(e),
                    }
                }
                ItemDef::Deployments { when, items, .. } => {
                    when.iter().for_each(|c| check_cond(c, true, errors));
                    check_items(items, true, paths, errors);
                }
                ItemDef::Text { .. }
                | ItemDef::Heading { .. }
                | ItemDef::Proposal { .. }
                | ItemDef::Builtin(_) => {}
            }
        }
    }

    #[test]
    fn every_field_path_of_the_template_is_in_the_schema() {
        let t = template().expect("the template reads");
        let (mut paths, mut errors) = (Vec::new(), Vec::new());
        for s in &t.sections {
            check_items(&s.items, false, &mut paths, &mut errors);
        }
        assert_eq!(errors, Vec::<String>::new());
        // The DPIA reads the organisation file by these paths: nearly forty of them.
        paths.sort();
        paths.dedup();
        assert!(paths.len() >= 35, "{paths:?}");
        assert!(paths.contains(&"deployments.telemetry_minimised".to_string()));
    }

    #[test]
    fn a_misspelt_path_is_caught() {
        assert!(ty(defs::ORG_FILE, "processing.purpose").is_err());
        assert!(ty(defs::ORG_FILE, "processing.purposes").is_ok());
        assert!(ty(defs::DEPLOYMENT, "e2ee_enabeld").is_err());
    }

    #[test]
    fn the_sections_follow_the_model() {
        let t = template().expect("the template reads");
        let numbers: Vec<u8> = t.sections.iter().filter_map(|s| s.number).collect();
        assert_eq!(numbers, (1..=17).collect::<Vec<u8>>());
        for s in &t.sections {
            assert_eq!(s.number.is_some(), s.part.is_some(), "{}", s.key);
            if let Some(p) = &s.part {
                assert!(t.parts.contains_key(p), "{}: part {p}", s.key);
            }
        }
    }
}
