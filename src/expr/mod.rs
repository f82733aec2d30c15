//! CEL expressions: compile with guards, check every field path against the schema, evaluate.
//!
//! Errors point inside the TOML string that holds the expression: the loader passes where the
//! string's content starts in the file ([`ExprLoc`]).

pub mod guard;

use std::collections::HashMap;
use std::ops::Range;

use cel::common::ast::Expr;
use cel::parser::{Expression, Parser};

use crate::diag::{Code, Diagnostic, FileId, Sink};
use crate::input::LineIndex;
use crate::schema::{Field, PathError, defs, lookup_path};
use crate::tr;

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

/// Compiles `src` for a requirement field (`check` or `applies_if`) whose variables are `vars`.
/// Every problem goes to `sink`; `None` when any was found.
pub fn compile(
    src: &str,
    vars: &[Var],
    loc: &ExprLoc,
    what: &str,
    sink: &mut Sink,
) -> Option<Compiled> {
    if let Err(ex) = guard::scan(src) {
        let (offset, msg) = match ex {
            guard::Exceeded::Bytes(n) => (0, tr!("langer dan {n} bytes", "longer than {n} bytes")),
            guard::Exceeded::Tokens(at) => (
                at,
                tr!(
                    "meer dan {} onderdelen",
                    "more than {} tokens",
                    guard::MAX_TOKENS
                ),
            ),
            guard::Exceeded::Nesting(at) => (
                at,
                tr!(
                    "dieper dan {} haakjes genest",
                    "nested deeper than {} brackets",
                    guard::MAX_NESTING
                ),
            ),
            guard::Exceeded::PrefixRun(at) => (
                at,
                tr!(
                    "meer dan {} !/- achter elkaar",
                    "more than {} !/- in a row",
                    guard::MAX_PREFIX_RUN
                ),
            ),
        };
        sink.push(
            Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te groot: {msg}",
                    "expression `{what}` is too large: {msg}"
                ),
            )
            .at(
                loc.file,
                loc.span(offset..offset + 1),
                tr!("grens overschreden", "limit exceeded"),
            ),
        );
        return None;
    }
    let owned = src.to_string();
    // Parse and walk on a thread with a large stack: bounded by the guard, but never on ours.
    let result = std::thread::Builder::new()
        .name("cel-compile".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || parse_and_check(&owned))
        .ok()
        .and_then(|h| h.join().ok());
    let Some(result) = result else {
        sink.push(
            Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` kon niet worden verwerkt",
                    "expression `{what}` could not be processed"
                ),
            )
            .at(loc.file, loc.string_span.clone(), String::new()),
        );
        return None;
    };
    match result {
        Err(problems) => {
            for p in problems {
                sink.push(p.into_diagnostic(src, vars, loc, what));
            }
            None
        }
        Ok((expr, paths)) => {
            let mut ok = true;
            let mut reads = Vec::new();
            // Paths the expression tests with `has()`: a read of such a path is guarded (only
            // done when present), so its absence is never what made the outcome unknown.
            let mut tested = Vec::new();
            for p in paths {
                match check_path(&p, vars) {
                    Ok(Some(fp)) => {
                        if !p.test_only {
                            reads.push(fp);
                        } else {
                            // `has(a.b.c)` reads `a.b` and tests `c`.
                            if fp.fields.len() > 1 {
                                reads.push(FieldPath {
                                    var: fp.var,
                                    fields: fp.fields[..fp.fields.len() - 1].to_vec(),
                                });
                            }
                            tested.push(fp);
                        }
                    }
                    Ok(None) => {}
                    Err(problem) => {
                        ok = false;
                        sink.push(problem.into_diagnostic(src, vars, loc, what));
                    }
                }
            }
            reads.retain(|r| !tested.contains(r));
            // In the order the expression reads them (the first read usually decides), once.
            let mut seen = Vec::new();
            reads.retain(|r| {
                let first = !seen.contains(r);
                if first {
                    seen.push(r.clone());
                }
                first
            });
            ok.then(|| Compiled {
                source: src.to_string(),
                expr,
                reads,
            })
        }
    }
}

/// A select chain found in the AST: `root.a.b`, with the offsets of each segment.
#[derive(Debug)]
struct RawPath {
    root: String,
    root_offset: usize,
    fields: Vec<(String, usize)>,
    /// Inside `has()`: the last field is tested, not read.
    test_only: bool,
}

#[derive(Debug)]
enum Problem {
    Syntax {
        offset: usize,
        message: String,
    },
    Depth,
    Nodes,
    Comprehensions,
    Function {
        name: String,
        offset: usize,
    },
    Variable {
        name: String,
        offset: usize,
    },
    Field {
        path: Vec<String>,
        index: usize,
        offset: usize,
        suggestion: Option<String>,
        known: Vec<&'static str>,
    },
    NotATable {
        path: Vec<String>,
        index: usize,
        offset: usize,
        ty: String,
    },
}

impl Problem {
    fn into_diagnostic(self, src: &str, vars: &[Var], loc: &ExprLoc, what: &str) -> Diagnostic {
        let whole = 0..src.len();
        match self {
            Problem::Syntax { offset, message } => Diagnostic::error(
                Code::CelSyntax,
                tr!("expressie `{what}` is geen geldige CEL", "expression `{what}` is not valid CEL"),
            )
            .at(loc.file, loc.span(offset..offset + 1), message),
            Problem::Depth => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te diep genest (meer dan {} niveaus)",
                    "expression `{what}` is nested too deeply (more than {} levels)",
                    guard::MAX_DEPTH
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Nodes => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te groot (meer dan {} knopen)",
                    "expression `{what}` is too large (more than {} nodes)",
                    guard::MAX_NODES
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Comprehensions => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` nest meer dan {} lijstbewerkingen (all, exists, map, …) in elkaar",
                    "expression `{what}` nests more than {} list operations (all, exists, map, …)",
                    guard::MAX_COMPREHENSION_NESTING
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Function { name, offset } => Diagnostic::error(
                Code::CelFunction,
                tr!("functie `{name}` is niet toegestaan in `{what}`", "function `{name}` is not allowed in `{what}`"),
            )
            .at(loc.file, loc.span(offset..offset + name.len()), tr!("niet toegestaan", "not allowed"))
            .note(tr!(
                "toegestaan: size, duration, timestamp, int, string, contains, startsWith, endsWith, has, all, exists, exists_one, map, filter en de operatoren",
                "allowed: size, duration, timestamp, int, string, contains, startsWith, endsWith, has, all, exists, exists_one, map, filter and the operators"
            )),
            Problem::Variable { name, offset } => {
                let names: Vec<&str> = vars.iter().map(|v| v.name()).collect();
                let exists = Var::ALL.iter().any(|v| v.name() == name);
                let message = if exists {
                    tr!(
                        "variabele `{name}` is niet beschikbaar in `{what}` (andere scope)",
                        "variable `{name}` is not available in `{what}` (another scope)"
                    )
                } else {
                    tr!("onbekende variabele `{name}` in `{what}`", "unknown variable `{name}` in `{what}`")
                };
                let d = Diagnostic::error(Code::CelVariable, message)
                .at(loc.file, loc.span(offset..offset + name.len()), tr!("niet beschikbaar hier", "not available here"))
                .note(tr!("beschikbaar in deze scope: {}", "available in this scope: {}", names.join(", ")));
                match crate::diag::did_you_mean(&name, names.iter().copied()) {
                    Some(s) => d.note(tr!("bedoelde u `{s}`?", "did you mean `{s}`?")),
                    None => d,
                }
            }
            Problem::Field { path, index, offset, suggestion, known } => {
                let full = path[..=index].join(".");
                let d = Diagnostic::error(
                    Code::CelUnknownField,
                    tr!("onbekend veld `{full}` in `{what}`", "unknown field `{full}` in `{what}`"),
                )
                .at(loc.file, loc.span(offset..offset + path[index].len()), tr!("bestaat niet in het schema", "not in the schema"));
                let d = match suggestion {
                    Some(s) => d.note(tr!(
                        "bedoelde u `{}.{s}`?",
                        "did you mean `{}.{s}`?",
                        path[..index].join(".")
                    )),
                    None => d,
                };
                d.note(tr!("velden hier: {}", "fields here: {}", known.join(", ")))
            }
            Problem::NotATable { path, index, offset, ty } => {
                let parent = path[..index].join(".");
                Diagnostic::error(
                    Code::CelUnknownField,
                    tr!("`{parent}` heeft geen velden", "`{parent}` has no fields"),
                )
                .at(loc.file, loc.span(offset..offset + path[index].len()), tr!("`{parent}` is {ty}", "`{parent}` is {ty}"))
            }
        }
    }
}

type Parsed = Result<(Expression, Vec<RawPath>), Vec<Problem>>;

fn parse_and_check(src: &str) -> Parsed {
    let parser = Parser::new().max_recursion_depth(guard::MAX_DEPTH as u16);
    let (expr, info) = match parser.parse_with_source_info(src) {
        Ok(ok) => ok,
        Err(errors) => {
            let problems = errors
                .errors
                .into_iter()
                .map(|e| {
                    let offset = line_col_to_offset(src, e.pos.0, e.pos.1);
                    Problem::Syntax {
                        offset,
                        message: e.msg,
                    }
                })
                .collect();
            return Err(problems);
        }
    };
    let offset_of = |id: u64| info.offset_for(id).map_or(0, |(s, _)| s as usize);
    let mut walker = Walker {
        src,
        offset_of: &offset_of,
        problems: vec![],
        paths: vec![],
        nodes: 0,
        locals: vec![],
        comprehensions: 0,
        too_many_comprehensions: false,
    };
    let depth = walker.walk(&expr, 1, false);
    if depth > guard::MAX_DEPTH {
        walker.problems.push(Problem::Depth);
    }
    if walker.nodes > guard::MAX_NODES {
        walker.problems.push(Problem::Nodes);
    }
    if walker.too_many_comprehensions {
        walker.problems.push(Problem::Comprehensions);
    }
    if walker.problems.is_empty() {
        Ok((expr, walker.paths))
    } else {
        Err(walker.problems)
    }
}

/// The parser reports 1-based line and column (in characters); a line past the text points at
/// its last byte.
fn line_col_to_offset(src: &str, line: isize, col: isize) -> usize {
    let (line, col) = (line.max(0) as usize, col.max(0) as usize);
    LineIndex::new(src)
        .offset(src, line, col)
        .unwrap_or(src.len().saturating_sub(1))
}

struct Walker<'a> {
    src: &'a str,
    offset_of: &'a dyn Fn(u64) -> usize,
    problems: Vec<Problem>,
    paths: Vec<RawPath>,
    nodes: usize,
    /// Comprehension variables in scope.
    locals: Vec<String>,
    /// How many comprehensions enclose the current node.
    comprehensions: usize,
    too_many_comprehensions: bool,
}

impl Walker<'_> {
    /// Walks the tree; returns its depth.
    fn walk(&mut self, e: &Expression, depth: usize, test: bool) -> usize {
        self.nodes += 1;
        if depth > guard::MAX_DEPTH + 1 || self.nodes > guard::MAX_NODES + 1 {
            return depth;
        }
        match &e.expr {
            Expr::Select(_) | Expr::Ident(_) => {
                if let Some(path) = self.select_path(e, test) {
                    self.paths.push(path);
                    return depth;
                }
                if let Expr::Select(s) = &e.expr {
                    return self.walk(&s.operand, depth + 1, false);
                }
                depth
            }
            Expr::Call(call) => {
                if !ALLOWED_FUNCTIONS.contains(&call.func_name.as_str()) {
                    let offset = self.name_offset(&call.func_name, (self.offset_of)(e.id));
                    self.problems.push(Problem::Function {
                        name: call.func_name.clone(),
                        offset,
                    });
                }
                let mut d = depth;
                if let Some(t) = &call.target {
                    d = d.max(self.walk(t, depth + 1, false));
                }
                for a in &call.args {
                    d = d.max(self.walk(a, depth + 1, false));
                }
                d
            }
            Expr::Comprehension(c) => {
                self.comprehensions += 1;
                self.too_many_comprehensions |=
                    self.comprehensions > guard::MAX_COMPREHENSION_NESTING;
                let mut d = self.walk(&c.iter_range, depth + 1, false);
                d = d.max(self.walk(&c.accu_init, depth + 1, false));
                self.locals.push(c.iter_var.clone());
                if let Some(v2) = &c.iter_var2 {
                    self.locals.push(v2.clone());
                }
                self.locals.push(c.accu_var.clone());
                for part in [&c.loop_cond, &c.loop_step, &c.result] {
                    d = d.max(self.walk(part, depth + 1, false));
                }
                self.locals
                    .truncate(self.locals.len() - 2 - usize::from(c.iter_var2.is_some()));
                self.comprehensions -= 1;
                d
            }
            Expr::List(l) => l
                .elements
                .iter()
                .map(|x| self.walk(x, depth + 1, false))
                .max()
                .unwrap_or(depth),
            Expr::Map(m) => {
                let mut d = depth;
                for entry in &m.entries {
                    if let cel::common::ast::EntryExpr::MapEntry(me) = &entry.expr {
                        d = d.max(self.walk(&me.key, depth + 1, false));
                        d = d.max(self.walk(&me.value, depth + 1, false));
                    }
                }
                d
            }
            Expr::Struct(_) => {
                self.problems.push(Problem::Function {
                    name: "struct".into(),
                    offset: (self.offset_of)(e.id),
                });
                depth
            }
            Expr::Literal(_) | Expr::Unspecified => depth,
        }
    }

    /// If `e` is `ident` or `ident.a.b…` rooted at a variable, the path; checks the root.
    fn select_path(&mut self, e: &Expression, test: bool) -> Option<RawPath> {
        let mut fields = Vec::new();
        let mut cur = e;
        let mut test_only = test;
        loop {
            match &cur.expr {
                Expr::Select(s) => {
                    test_only |= s.test && fields.is_empty();
                    let offset = self.name_offset(&s.field, (self.offset_of)(cur.id));
                    fields.push((s.field.clone(), offset));
                    cur = &s.operand;
                }
                Expr::Ident(name) => {
                    fields.reverse();
                    if self.locals.contains(name) {
                        return Some(RawPath {
                            root: String::new(),
                            root_offset: 0,
                            fields: vec![],
                            test_only,
                        });
                    }
                    let root_offset = self.name_offset(name, (self.offset_of)(cur.id));
                    return Some(RawPath {
                        root: name.clone(),
                        root_offset,
                        fields,
                        test_only,
                    });
                }
                _ => return None,
            }
        }
    }

    /// The offset of `name` at or after `from` (the parser's offsets point at the operator or
    /// the start of the node).
    fn name_offset(&self, name: &str, from: usize) -> usize {
        let from = from.min(self.src.len());
        self.src
            .get(from..)
            .and_then(|rest| rest.find(name))
            .map_or(from, |i| from + i)
    }
}

/// How much of a path matched before the error: `(fields matched, found the name)`.
fn progress(e: &PathError) -> (usize, bool) {
    match e {
        PathError::Unknown { index, .. } => (*index, false),
        PathError::NotATable { index, .. } => (*index, true),
    }
}

/// Checks a path against the schema of its root variable.
fn check_path(p: &RawPath, vars: &[Var]) -> Result<Option<FieldPath>, Problem> {
    if p.root.is_empty() {
        return Ok(None); // a comprehension variable
    }
    let Some(var) = Var::ALL
        .iter()
        .copied()
        .find(|v| v.name() == p.root && vars.contains(v))
    else {
        return Err(Problem::Variable {
            name: p.root.clone(),
            offset: p.root_offset,
        });
    };
    let names: Vec<String> = p.fields.iter().map(|(n, _)| n.clone()).collect();
    if names.is_empty() {
        return Ok(Some(FieldPath { var, fields: names }));
    }
    let tables = var.fields();
    if tables.is_empty() {
        return Err(Problem::NotATable {
            path: std::iter::once(p.root.clone()).chain(names).collect(),
            index: 1,
            offset: p.fields[0].1,
            ty: tr!("een tijdstip", "a timestamp"),
        });
    }
    let mut last_err = None;
    for table in &tables {
        match lookup_path(table, &names) {
            Ok(_) => return Ok(Some(FieldPath { var, fields: names })),
            Err(e) => {
                // Prefer the error from the table where more of the path matched; on a tie,
                // "has no fields" (the name exists) over "unknown".
                let better = last_err
                    .as_ref()
                    .is_none_or(|last| progress(&e) > progress(last));
                if better {
                    last_err = Some(e);
                }
            }
        }
    }
    let full: Vec<String> = std::iter::once(p.root.clone()).chain(names).collect();
    // Every variable with fields has at least one table, so an error was recorded; without one
    // the path is refused as unknown rather than accepted.
    let Some(last_err) = last_err else {
        return Err(Problem::Field {
            path: full,
            index: 1,
            offset: p.fields[0].1,
            suggestion: None,
            known: vec![],
        });
    };
    Err(match last_err {
        PathError::Unknown {
            index,
            suggestion,
            known,
        } => {
            // Suggest across every table of the variable at the top level.
            let (suggestion, known) = if index == 0 {
                let all: Vec<&'static str> = tables
                    .iter()
                    .flat_map(|t| t.iter().map(|f| f.name))
                    .collect();
                (
                    crate::diag::did_you_mean(&full[1], all.iter().copied()),
                    all,
                )
            } else {
                (suggestion, known)
            };
            Problem::Field {
                path: full,
                index: index + 1,
                offset: p.fields[index].1,
                suggestion: suggestion.map(str::to_string),
                known,
            }
        }
        PathError::NotATable { index, ty } => Problem::NotATable {
            path: full,
            index: index + 1,
            offset: p.fields[index].1,
            ty,
        },
    })
}

/// What one evaluation gave.
#[derive(Debug, PartialEq)]
pub enum Eval {
    True,
    False,
    /// Fields the expression needed but the input left out.
    Missing(Vec<FieldPath>),
    /// Evaluation failed for another reason (a defect in the policy).
    Error(String),
}

/// The CEL standard library and the variables shared by every evaluation of a run (`policy`,
/// `today`). Built once; each subject's [`Bindings`] is a cheap child scope of it.
pub struct Root {
    context: cel::Context<'static, 'static>,
    values: HashMap<Var, cel::Value>,
}

impl Root {
    pub fn new(globals: impl IntoIterator<Item = (Var, cel::Value)>) -> Root {
        let mut context = cel::Context::default();
        let values: HashMap<Var, cel::Value> = globals.into_iter().collect();
        for (var, value) in &values {
            context.add_variable_from_value(var.name(), value.clone());
        }
        Root { context, values }
    }
}

/// The variables of one subject (a deployment, the organisation), on top of the [`Root`]. The
/// CEL scope is built on first use and reused for every requirement of the subject.
pub struct Bindings<'r> {
    root: &'r Root,
    values: HashMap<Var, cel::Value>,
    context: std::cell::OnceCell<cel::Context<'r, 'static>>,
}

impl<'r> Bindings<'r> {
    pub fn new(root: &'r Root) -> Self {
        Bindings {
            root,
            values: HashMap::new(),
            context: std::cell::OnceCell::new(),
        }
    }

    /// Binds a variable (and drops a scope built before).
    pub fn insert(&mut self, var: Var, value: cel::Value) {
        self.values.insert(var, value);
        self.context = std::cell::OnceCell::new();
    }

    fn context(&self) -> &cel::Context<'r, 'static> {
        self.context.get_or_init(|| {
            let mut ctx = self.root.context.new_inner_scope();
            for (var, value) in &self.values {
                ctx.add_variable_from_value(var.name(), value.clone());
            }
            ctx
        })
    }

    fn value(&self, var: Var) -> Option<&cel::Value> {
        self.values.get(&var).or_else(|| self.root.values.get(&var))
    }
}

impl Compiled {
    /// Evaluates against `bindings`. A result other than a boolean is an error.
    pub fn eval(&self, bindings: &Bindings<'_>) -> Eval {
        match cel::Value::resolve(&self.expr, bindings.context()) {
            Ok(cel::Value::Bool(true)) => Eval::True,
            Ok(cel::Value::Bool(false)) => Eval::False,
            Ok(other) => Eval::Error(tr!(
                "de expressie gaf geen true/false maar {:?}",
                "the expression gave no true/false but {:?}",
                other
            )),
            Err(err) => {
                let absent: Vec<&FieldPath> = self
                    .reads
                    .iter()
                    .filter(|p| !present(bindings, p))
                    .collect();
                // Name the most specific path: drop one that another absent path extends.
                let missing: Vec<FieldPath> = absent
                    .iter()
                    .filter(|p| {
                        !absent.iter().any(|q| {
                            q.var == p.var
                                && q.fields.len() > p.fields.len()
                                && q.fields.starts_with(&p.fields)
                        })
                    })
                    .map(|p| (*p).clone())
                    .collect();
                if missing.is_empty() {
                    Eval::Error(err.to_string())
                } else {
                    Eval::Missing(missing)
                }
            }
        }
    }
}

fn present(bindings: &Bindings<'_>, path: &FieldPath) -> bool {
    let Some(mut cur) = bindings.value(path.var) else {
        return false;
    };
    for f in &path.fields {
        match cur {
            cel::Value::Map(m) => match m.get(&cel::objects::Key::String(f.clone().into())) {
                Some(v) => cur = v,
                None => return false,
            },
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
