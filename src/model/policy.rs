//! Policy files: requirements with compiled CEL checks.
//!
//! Raw TOML is validated against [`defs::POLICY_FILE`]; then ids are checked (form and
//! uniqueness across every policy file) and each `check` / `applies_if` is compiled and its
//! field paths checked, with errors pointing inside the TOML string.

use crate::diag::{Code, Diagnostic, FileId, Files, Sink};
use crate::expr::{self, Compiled, ExprLoc, Var};
use crate::input::sha256_hex;
use crate::schema::{self, Node, defs};
use crate::tr;

pub use crate::i18n::Text;

/// A text from a policy file's `{ nl = "…", en = "…" }` table.
fn text_from_node(n: Option<&Node>) -> Text {
    Text {
        nl: n
            .and_then(|n| n.str_at("nl"))
            .unwrap_or_default()
            .to_string(),
        en: n
            .and_then(|n| n.str_at("en"))
            .unwrap_or_default()
            .to_string(),
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

crate::choice!(Severity { Low = "low", Medium = "medium", High = "high" });

impl Severity {
    /// The severity named `s`; `None` for any other text (never a default).
    pub fn parse(s: &str) -> Option<Severity> {
        crate::choice::from_name(s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Severity::High => crate::i18n::tr("hoog", "high"),
            Severity::Medium => crate::i18n::tr("midden", "medium"),
            Severity::Low => crate::i18n::tr("laag", "low"),
        }
    }
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Platform,
    Deployment,
    Organisation,
    Appointment,
}

impl Scope {
    /// The scope named `s`; `None` for any other text (never a default).
    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "platform" => Some(Scope::Platform),
            "deployment" => Some(Scope::Deployment),
            "organisation" => Some(Scope::Organisation),
            "appointment" => Some(Scope::Appointment),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Platform => "platform",
            Scope::Deployment => "deployment",
            Scope::Organisation => "organisation",
            Scope::Appointment => "appointment",
        }
    }
}

/// A feared event of the CNIL PIA method: what can happen to the personal data when a
/// requirement is not met (`threatens` in the policy file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Threat {
    /// Illegitimate access: data reach people or purposes they should not.
    Access,
    /// Unwanted change: data are altered or incomplete.
    Change,
    /// Loss: data disappear or are kept outside the rules.
    Loss,
}

impl Threat {
    /// The three, in the order the DPIA lists them.
    pub const ALL: [Threat; 3] = [Threat::Access, Threat::Change, Threat::Loss];

    fn parse(s: &str) -> Option<Threat> {
        match s {
            "access" => Some(Threat::Access),
            "change" => Some(Threat::Change),
            "loss" => Some(Threat::Loss),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Threat::Access => "access",
            Threat::Change => "change",
            Threat::Loss => "loss",
        }
    }
}

#[derive(Debug)]
pub struct Requirement {
    pub id: String,
    /// Shared with every outcome of it (an outcome's copy is a reference count).
    pub title: std::sync::Arc<Text>,
    pub scope: Scope,
    pub severity: Severity,
    pub references: std::sync::Arc<Vec<String>>,
    pub applies_if: Option<Compiled>,
    pub check: Compiled,
    pub explain: Text,
    pub remediation: std::sync::Arc<Text>,
    /// Why it does not apply when `applies_if` is false; `None`: the condition is shown.
    pub not_applicable: Option<Text>,
    /// What it looks at, in a few words (`topic`); `None`: the title names it.
    pub topic: Option<Text>,
    /// The situation when the check fails, stated positively (`finding`); `None`: the title.
    pub finding: Option<Text>,
    /// The feared events it threatens; `None` when the policy does not say.
    pub threatens: Option<Vec<Threat>>,
}

/// One or more policy files, combined.
#[derive(Debug, Default)]
pub struct Policy {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub max_fact_age_days: i64,
    pub requirements: Vec<Requirement>,
    /// SHA-256 of the policy file(s) (of their hashes when several).
    pub sha256: String,
    /// `embedded` or the path(s) given.
    pub origin: String,
    /// The policy files fetched over HTTPS: URL, SHA-256, fetch date.
    pub remote: Vec<crate::input::remote::RemoteSource>,
    /// Where the policy is declared: the `[policy]` key of its first file (or that file's start),
    /// for diagnostics about the policy as a whole.
    pub declared_at: Option<(FileId, std::ops::Range<usize>)>,
}

impl Policy {
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// The `policy` CEL variable.
    pub fn cel_value(&self) -> cel::Value {
        let mut m = std::collections::HashMap::new();
        m.insert("id".to_string(), cel::Value::String(self.id.clone().into()));
        m.insert(
            "version".to_string(),
            cel::Value::String(self.version.clone().into()),
        );
        m.insert(
            "max_fact_age_days".to_string(),
            cel::Value::Int(self.max_fact_age_days),
        );
        cel::Value::from(m)
    }

    /// Loads and combines policy files given as (display name, bytes).
    pub fn load(
        inputs: &[(String, Vec<u8>)],
        origin: &str,
        files: &mut Files,
        sink: &mut Sink,
    ) -> Policy {
        let mut policy = Policy {
            max_fact_age_days: 540,
            origin: origin.to_string(),
            ..Policy::default()
        };
        let mut hashes = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (name, bytes) in inputs {
            hashes.push(sha256_hex(bytes));
            let Some(src) = crate::input::add_bytes(name.clone(), bytes, files, sink) else {
                continue;
            };
            let text = files.text(src.file).to_string();
            let Some(node) = schema::parse_and_validate(src.file, &text, defs::POLICY_FILE, sink)
            else {
                continue;
            };
            if policy.declared_at.is_none() {
                let span = node.entry("policy").map_or(0..0, |e| e.key_span.clone());
                policy.declared_at = Some((src.file, span));
            }
            // With several policy files, the first one's header names the combination.
            if let Some(h) = node.get("policy")
                && policy.id.is_empty()
            {
                policy.id = h.str_at("id").unwrap_or_default().to_string();
                policy.version = h.str_at("version").unwrap_or_default().to_string();
                policy.title = text_from_node(h.get("title"));
                if let Some(days) = h.get("max_fact_age_days").and_then(Node::as_int) {
                    policy.max_fact_age_days = days;
                }
            }
            for r in node.get("requirements").map(Node::as_list).unwrap_or(&[]) {
                if let Some(req) = build_requirement(r, src.file, &text, &mut seen, sink) {
                    policy.requirements.push(req);
                }
            }
        }
        policy.sha256 = if hashes.len() == 1 {
            hashes.remove(0)
        } else {
            sha256_hex(hashes.join("\n").as_bytes())
        };
        policy
    }
}

/// `AREA-NAME-NN`: capitals, capitals/digits, two digits.
pub fn valid_requirement_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() == 3
        && !parts[0].is_empty()
        && parts[0].chars().all(|c| c.is_ascii_uppercase())
        && !parts[1].is_empty()
        && parts[1]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && parts[2].len() == 2
        && parts[2].chars().all(|c| c.is_ascii_digit())
}

fn build_requirement(
    r: &Node,
    file: FileId,
    text: &str,
    seen: &mut std::collections::HashSet<String>,
    sink: &mut Sink,
) -> Option<Requirement> {
    let id_node = r.get("id")?;
    let id = id_node.as_str()?.to_string();
    let mut ok = true;
    if !valid_requirement_id(&id) {
        sink.push(
            Diagnostic::error(
                Code::InvalidValue,
                tr!(
                    "ongeldige requirement-id \"{id}\"",
                    "invalid requirement id \"{id}\""
                ),
            )
            .at(
                file,
                id_node.span.clone(),
                tr!("verwacht GEBIED-NAAM-NN", "expected AREA-NAME-NN"),
            )
            .note(tr!(
                "bijvoorbeeld \"AVG-DPIA-01\"",
                "for example \"AVG-DPIA-01\""
            )),
        );
        ok = false;
    }
    if !seen.insert(id.clone()) {
        sink.push(
            Diagnostic::error(
                Code::DuplicateId,
                tr!(
                    "requirement-id \"{id}\" komt twee keer voor",
                    "requirement id \"{id}\" is used twice"
                ),
            )
            .at(
                file,
                id_node.span.clone(),
                tr!("tweede keer", "second time"),
            ),
        );
        ok = false;
    }
    // The schema has already rejected an unknown scope or severity (BB004) and left it out of
    // the tree; should one get here anyway, it is an error too, never a default.
    let scope = enum_field(r, "scope", Scope::parse, defs::SCOPES, file, sink)?;
    let severity = enum_field(r, "severity", Severity::parse, defs::SEVERITIES, file, sink)?;
    let vars = Var::for_scope(scope.as_str())?;
    let mut compile = |key: &str| -> Option<Option<Compiled>> {
        let Some(n) = r.get(key) else {
            return Some(None);
        };
        let src = n.as_str().unwrap_or_default();
        let loc = expr_loc(file, text, n, src);
        expr::compile(src, vars, &loc, &format!("{id}.{key}"), sink).map(Some)
    };
    let applies_if = compile("applies_if");
    let check = compile("check");
    let (Some(applies_if), Some(Some(check))) = (applies_if, check) else {
        return None;
    };
    ok.then(|| Requirement {
        id,
        title: text_from_node(r.get("title")).into(),
        scope,
        severity,
        references: r
            .get("references")
            .map(Node::as_list)
            .unwrap_or(&[])
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect::<Vec<_>>()
            .into(),
        applies_if,
        check,
        explain: text_from_node(r.get("explain")),
        remediation: text_from_node(r.get("remediation")).into(),
        not_applicable: r.get("not_applicable").map(|n| text_from_node(Some(n))),
        topic: r.get("topic").map(|n| text_from_node(Some(n))),
        finding: r.get("finding").map(|n| text_from_node(Some(n))),
        threatens: r.get("threatens").map(|n| {
            n.as_list()
                .iter()
                .filter_map(|t| t.as_str().and_then(Threat::parse))
                .collect()
        }),
    })
}

/// An enumerated field of a requirement, parsed. Absent (left out by validation, which reported
/// why): `None`. Present but not a known value: a BB004 diagnostic at the value, and `None`.
fn enum_field<T>(
    r: &Node,
    key: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &[&str],
    file: FileId,
    sink: &mut Sink,
) -> Option<T> {
    let node = r.get(key)?;
    let text = node.as_str().unwrap_or_default();
    let parsed = parse(text);
    if parsed.is_none() {
        sink.push(
            Diagnostic::error(
                Code::BadEnumValue,
                tr!(
                    "`requirements.{key}` heeft een ongeldige waarde \"{text}\"",
                    "`requirements.{key}` has an invalid value \"{text}\""
                ),
            )
            .at(
                file,
                node.span.clone(),
                tr!("niet toegestaan", "not allowed"),
            )
            .suggest(text, allowed.iter().copied())
            .note(tr!(
                "toegestane waarden: {}",
                "allowed values: {}",
                schema::quote_list(allowed)
            )),
        );
    }
    parsed
}

/// Where the expression's text starts in the file. Literal strings (`'…'`, `'''…'''`) map
/// offsets 1:1; for basic strings with escapes, errors point at the whole string.
fn expr_loc(file: FileId, text: &str, n: &Node, content: &str) -> ExprLoc {
    let raw = text.get(n.span.clone()).unwrap_or_default();
    // A newline right after an opening triple quote is not part of the string.
    let after_newline = |rest: &str| {
        if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        }
    };
    let content_start = if let Some(rest) = raw.strip_prefix("'''") {
        Some(n.span.start + 3 + after_newline(rest))
    } else if let Some(rest) = raw.strip_prefix("\"\"\"") {
        let skip = after_newline(rest);
        rest[skip..]
            .starts_with(content)
            .then_some(n.span.start + 3 + skip)
    } else if raw.starts_with('\'')
        || (raw.starts_with('"') && raw.get(1..raw.len().saturating_sub(1)) == Some(content))
    {
        Some(n.span.start + 1)
    } else {
        None
    };
    ExprLoc {
        file,
        string_span: n.span.clone(),
        content_start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_ids() {
        assert!(valid_requirement_id("AVG-DPIA-01"));
        assert!(valid_requirement_id("PLAT-E2EE-01"));
        assert!(!valid_requirement_id("avg-dpia-01"));
        assert!(!valid_requirement_id("AVG-DPIA-1"));
        assert!(!valid_requirement_id("AVG-01"));
    }

    #[test]
    fn unknown_severity_or_scope_is_an_error_not_a_default() {
        assert_eq!(Severity::parse("critical"), None);
        assert_eq!(Scope::parse("tenant"), None);
        assert_eq!(Severity::parse("high"), Some(Severity::High));
        assert_eq!(Scope::parse("appointment"), Some(Scope::Appointment));
        // A tree that skipped the schema's enum check (scope and severity as free text): the
        // requirement is refused with BB004 at the value, not read as medium / appointment.
        use crate::schema::{Field, Ty};
        const LOOSE: &[Field] = &[
            Field::req("id", Ty::Str, ""),
            Field::req("scope", Ty::Str, ""),
            Field::req("severity", Ty::Str, ""),
            Field::req("check", Ty::Cel, ""),
        ];
        let text = "id = \"AVG-DPIA-01\"\nscope = \"deployment\"\nseverity = \"critical\"\ncheck = 'true'\n";
        let mut files = Files::default();
        let file = files.add("p.toml", text);
        let mut sink = Sink::default();
        let node = schema::parse_and_validate(file, text, LOOSE, &mut sink).unwrap();
        assert!(sink.items.is_empty(), "{:?}", sink.items);
        let req = build_requirement(&node, file, text, &mut Default::default(), &mut sink);
        assert!(req.is_none());
        assert_eq!(sink.items.len(), 1, "{:?}", sink.items);
        let d = &sink.items[0];
        assert_eq!(d.code, Code::BadEnumValue);
        let (_, span) = d.at.clone().unwrap();
        assert_eq!(files.line_col(file, span.start), (3, 12));
        assert!(d.render(&files).contains("p.toml:3:12"));
    }
}
