//! The field paths an expression reads: the walk over its syntax tree (depth, size, allowed
//! functions, variables) and the check of each path against its variable's schema.

use cel::common::ast::Expr;
use cel::parser::Expression;

use super::{ALLOWED_FUNCTIONS, FieldPath, Var, guard};
use crate::schema::{PathError, lookup_path};
use crate::tr;

/// A problem found while parsing or walking an expression; `compile` makes it a diagnostic.
#[derive(Debug)]
pub(super) enum Problem {
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

/// A select chain found in the AST: `root.a.b`, with the offsets of each segment.
#[derive(Debug)]
pub(super) struct RawPath {
    pub(super) root: String,
    pub(super) root_offset: usize,
    pub(super) fields: Vec<(String, usize)>,
    /// Inside `has()`: the last field is tested, not read.
    pub(super) test_only: bool,
}

pub(super) struct Walker<'a> {
    pub(super) src: &'a str,
    pub(super) offset_of: &'a dyn Fn(u64) -> usize,
    pub(super) problems: Vec<Problem>,
    pub(super) paths: Vec<RawPath>,
    pub(super) nodes: usize,
    /// Comprehension variables in scope.
    pub(super) locals: Vec<String>,
    /// How many comprehensions enclose the current node.
    pub(super) comprehensions: usize,
    pub(super) too_many_comprehensions: bool,
}

impl Walker<'_> {
    /// Walks the tree; returns its depth.
    pub(super) fn walk(&mut self, e: &Expression, depth: usize, test: bool) -> usize {
        self.nodes += 1;
        if depth > guard::MAX_DEPTH + 1 || self.nodes > guard::MAX_NODES + 1 {
            return depth;
        }
        match &e.expr {
            Expr::Select(_) | Expr::Ident(_) => {
                if let Some(path) = self.select_path(e, test) {
                    // Each field of the chain is a level and a node, whatever its root (a
                    // variable or a comprehension variable): `v.a.a.a…` is as deep as it is long.
                    let chain = select_chain_len(e);
                    self.nodes += chain;
                    self.paths.push(path);
                    return depth + chain;
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

/// How many selects `e` is: 2 for `a.b.c`, 0 for `a`.
fn select_chain_len(e: &Expression) -> usize {
    let mut n = 0;
    let mut cur = e;
    while let Expr::Select(s) = &cur.expr {
        n += 1;
        cur = &s.operand;
    }
    n
}

/// How much of a path matched before the error: `(fields matched, found the name)`.
fn progress(e: &PathError) -> (usize, bool) {
    match e {
        PathError::Unknown { index, .. } => (*index, false),
        PathError::NotATable { index, .. } => (*index, true),
    }
}

/// Checks a path against the schema of its root variable.
pub(super) fn check_path(p: &RawPath, vars: &[Var]) -> Result<Option<FieldPath>, Problem> {
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
