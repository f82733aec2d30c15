//! CEL expressions: compile with guards, check every field path against the schema, evaluate.
//!
//! Errors point inside the TOML string that holds the expression: the loader passes where the
//! string's content starts in the file ([`ExprLoc`]). `compile` guards, parses and reports;
//! `paths` walks the tree and checks each field path against the schema; `eval` evaluates,
//! after `cost` has estimated the work against the input.

mod compile;
pub mod cost;
mod eval;
pub mod guard;
mod paths;

pub use compile::compile;
pub use eval::{Bindings, Eval, Root, Shared};

use std::ops::Range;

use cel::parser::Expression;

use crate::diag::FileId;
use crate::schema::{Field, defs};

/// A variable a CEL expression may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Var {
    Platform,
    Deployment,
    Org,
    Channel,
    Policy,
    Appointment,
    Today,
}

impl Var {
    pub const ALL: &'static [Var] = &[
        Var::Platform,
        Var::Deployment,
        Var::Org,
        Var::Channel,
        Var::Policy,
        Var::Appointment,
        Var::Today,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Var::Platform => "platform",
            Var::Deployment => "deployment",
            Var::Org => "org",
            Var::Channel => "channel",
            Var::Policy => "policy",
            Var::Appointment => "appointment",
            Var::Today => "today",
        }
    }

    /// The field tables this variable's fields come from.
    fn fields(self) -> Vec<&'static [Field]> {
        match self {
            Var::Platform => vec![defs::PLATFORM_VIEW, defs::ATTRIBUTES],
            Var::Deployment => vec![defs::DEPLOYMENT],
            Var::Org => vec![defs::org_view()],
            Var::Channel => vec![defs::CHANNEL_VIEW],
            Var::Policy => vec![defs::POLICY_VIEW],
            Var::Appointment => vec![defs::APPOINTMENT_FILE],
            Var::Today => vec![],
        }
    }

    /// The variables available to a requirement of `scope`; `None` for a scope that does not
    /// exist (never the variables of some default scope).
    pub fn for_scope(scope: &str) -> Option<&'static [Var]> {
        Some(match scope {
            "platform" => &[Var::Platform, Var::Policy, Var::Today],
            "deployment" => &[
                Var::Platform,
                Var::Deployment,
                Var::Org,
                Var::Channel,
                Var::Policy,
                Var::Today,
            ],
            "organisation" => &[Var::Org, Var::Policy, Var::Today],
            "appointment" => &[Var::Org, Var::Appointment, Var::Policy, Var::Today],
            _ => return None,
        })
    }
}

/// Functions and operators an expression may call.
const ALLOWED_FUNCTIONS: &[&str] = &[
    "_&&_",
    "_||_",
    "!_",
    "_==_",
    "_!=_",
    "_<_",
    "_<=_",
    "_>_",
    "_>=_",
    "_+_",
    "_-_",
    "_*_",
    "_/_",
    "_%_",
    "-_",
    "_?_:_",
    "_[_]",
    "@in",
    "@not_strictly_false",
    "size",
    "duration",
    "timestamp",
    "int",
    "string",
    "contains",
    "startsWith",
    "endsWith",
];

/// A field path an expression reads: a variable and the fields below it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldPath {
    pub var: Var,
    pub fields: Vec<String>,
}

/// A compiled, checked expression.
#[derive(Debug)]
pub struct Compiled {
    pub source: String,
    expr: Expression,
    /// Paths the expression reads outside `has()`: if one is absent, the outcome is unknown.
    pub reads: Vec<FieldPath>,
}

/// Where an expression's text lies in its file.
#[derive(Clone, Debug)]
pub struct ExprLoc {
    pub file: FileId,
    /// The span of the whole TOML string.
    pub string_span: Range<usize>,
    /// File offset of the expression's first byte, when the string is literal (offsets map 1:1).
    pub content_start: Option<usize>,
}

impl ExprLoc {
    fn span(&self, range: Range<usize>) -> Range<usize> {
        match self.content_start {
            Some(start) => start + range.start..start + range.end.max(range.start + 1),
            None => self.string_span.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Diagnostic, Sink};
    use std::collections::HashMap;

    fn loc() -> ExprLoc {
        ExprLoc {
            file: 0,
            string_span: 0..0,
            content_start: Some(0),
        }
    }

    fn compile_ok(src: &str, vars: &[Var]) -> Result<Compiled, Vec<Diagnostic>> {
        let mut sink = Sink::default();
        compile(src, vars, &loc(), "check", &mut sink).ok_or(sink.items)
    }

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let errs = compile_ok(
            "platform.e2e == \"always\"",
            Var::for_scope("platform").unwrap(),
        )
        .unwrap_err();
        assert_eq!(errs[0].code, Code::CelUnknownField);
        assert!(
            errs[0].notes.iter().any(|n| n.contains("platform.e2ee")),
            "{:?}",
            errs[0].notes
        );
        assert_eq!(errs[0].at.as_ref().unwrap().1, 9..12);
    }

    #[test]
    fn variables_are_limited_by_scope() {
        let errs = compile_ok(
            "org.dpia.status == \"completed\"",
            Var::for_scope("platform").unwrap(),
        )
        .unwrap_err();
        assert_eq!(errs[0].code, Code::CelVariable);
    }

    #[test]
    fn deep_chain_is_a_guard_error_not_an_abort() {
        let src = vec!["1"; 2000].join(" + ");
        let errs = compile_ok(&src, &[]).unwrap_err();
        assert_eq!(errs[0].code, Code::CelGuard);
    }

    #[test]
    fn missing_fields_make_unknown() {
        let c = compile_ok(
            "has(org.dpia.completed_on) || org.dpia.status == \"x\"",
            &[Var::Org],
        )
        .unwrap();
        let root = Root::new([]);
        let mut b = Bindings::new(&root);
        b.insert(
            Var::Org,
            cel::Value::from(HashMap::<String, cel::Value>::new()),
        );
        match c.eval(&b) {
            Eval::Missing(m) => {
                assert_eq!(m[0].fields, vec!["dpia".to_string(), "status".to_string()])
            }
            other => panic!("{other:?}"),
        }
    }
}
