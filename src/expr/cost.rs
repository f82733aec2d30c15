//! What one evaluation may cost: an estimate from the expression and the sizes of the values it
//! reads, made before evaluating.
//!
//! The `cel` crate counts no steps, so a comprehension nested in a comprehension over a long
//! list (both allowed by the guard) can run for minutes. Before each evaluation the expression
//! is costed against the actual input: every node is a step, every operation also costs the
//! length of each operand (a list's or map's entries, a string's bytes / 64), and the body of a
//! comprehension costs once per entry of its range. An estimate above [`BUDGET`] is not
//! evaluated; the outcome is an error that names the requirement, the estimate and the limit.
//! The estimate is an upper bound computed from counts only, so the same input gives the same
//! outcome on any machine.

use cel::common::ast::{EntryExpr, Expr, LiteralValue};
use cel::objects::Key;
use cel::parser::Expression;

use super::Bindings;

/// The most steps one evaluation (one requirement for one subject) may take. The estimate is an
/// upper bound: a nested `all` estimated just below it took 0.1 s (release build, 2026). The
/// embedded policy needs at most a few hundred per evaluation on the example files.
pub const BUDGET: u64 = 10_000_000;

/// What the estimate knows of a value: the value itself (read from the input), or bounds.
#[derive(Clone)]
enum Shape {
    Value(cel::Value),
    Bound {
        /// Entries of a list or map, a string's bytes / [`TEXT_BYTES_PER_STEP`], 1 otherwise.
        len: u64,
        /// The largest `len` anywhere inside the value.
        inner: u64,
    },
}

const SCALAR: Shape = Shape::Bound { len: 1, inner: 0 };

impl Shape {
    fn len(&self) -> u64 {
        match self {
            Shape::Value(v) => value_len(v),
            Shape::Bound { len, .. } => *len,
        }
    }

    /// The largest length of anything inside (the entries of a list, the values of a map, and
    /// everything below them).
    fn inner(&self) -> u64 {
        match self {
            Shape::Bound { inner, .. } => *inner,
            Shape::Value(v) => {
                let mut largest = 0;
                let mut stack: Vec<&cel::Value> = children(v).collect();
                while let Some(x) = stack.pop() {
                    largest = largest.max(value_len(x));
                    stack.extend(children(x));
                }
                largest
            }
        }
    }

    /// A bound on the entries of this value: what a comprehension variable ranging over it,
    /// or an index into it, can be.
    fn entry(&self) -> Shape {
        let inner = self.inner();
        Shape::Bound { len: inner, inner }
    }

    fn bound(&self) -> (u64, u64) {
        (self.len(), self.inner())
    }
}

/// Bytes of a text per step: comparing or searching text is a tight loop, far cheaper per
/// byte than a step of the evaluator (which allocates and dispatches).
const TEXT_BYTES_PER_STEP: usize = 64;

fn text_len(bytes: usize) -> u64 {
    bytes.div_ceil(TEXT_BYTES_PER_STEP) as u64
}

fn value_len(v: &cel::Value) -> u64 {
    match v {
        cel::Value::List(l) => l.len() as u64,
        cel::Value::Map(m) => m.map.len() as u64,
        cel::Value::String(s) => text_len(s.len()),
        cel::Value::Bytes(b) => text_len(b.len()),
        _ => 1,
    }
}

fn children(v: &cel::Value) -> Box<dyn Iterator<Item = &cel::Value> + '_> {
    match v {
        cel::Value::List(l) => Box::new(l.iter()),
        cel::Value::Map(m) => Box::new(m.map.values()),
        _ => Box::new(std::iter::empty()),
    }
}

/// Estimates the steps of evaluating `e` against `bindings`.
pub(super) fn estimate(e: &Expression, bindings: &Bindings<'_>) -> u64 {
    Estimator {
        bindings,
        locals: Vec::new(),
    }
    .cost(e)
    .0
}

struct Estimator<'a, 'r> {
    bindings: &'a Bindings<'r>,
    /// Comprehension variables in scope, innermost last.
    locals: Vec<(String, Shape)>,
}

impl Estimator<'_, '_> {
    /// The steps of `e` and the shape of its value.
    fn cost(&mut self, e: &Expression) -> (u64, Shape) {
        match &e.expr {
            Expr::Ident(name) => (1, self.ident(name)),
            Expr::Select(s) => {
                let (c, operand) = self.cost(&s.operand);
                let shape = match operand {
                    Shape::Value(cel::Value::Map(m)) => m
                        .map
                        .get(&Key::String(s.field.clone().into()))
                        .map_or(SCALAR, |v| Shape::Value(v.clone())),
                    // An absent field or a select on a non-map fails the evaluation.
                    Shape::Value(_) => SCALAR,
                    bound => bound.entry(),
                };
                (c.saturating_add(1), shape)
            }
            Expr::Literal(lit) => {
                let len = match lit {
                    LiteralValue::String(s) => text_len(s.inner().len()),
                    LiteralValue::Bytes(b) => text_len(b.inner().len()),
                    _ => 1,
                };
                (1, Shape::Bound { len, inner: 0 })
            }
            Expr::Call(call) => {
                let operands: Vec<(u64, Shape)> = call
                    .target
                    .iter()
                    .map(|t| &**t)
                    .chain(&call.args)
                    .map(|a| self.cost(a))
                    .collect();
                // A step, each operand, and work linear in each operand's length.
                let c = operands.iter().fold(1u64, |acc, (c, s)| {
                    acc.saturating_add(*c).saturating_add(s.len())
                });
                let shape = match call.func_name.as_str() {
                    "_+_" => {
                        let (len, inner) = operands.iter().fold((0u64, 0u64), |(l, i), (_, s)| {
                            let (sl, si) = s.bound();
                            (l.saturating_add(sl), i.max(si))
                        });
                        Shape::Bound { len, inner }
                    }
                    "_[_]" => operands.first().map_or(SCALAR, |(_, s)| s.entry()),
                    "_?_:_" => {
                        let (len, inner) =
                            operands[1..].iter().fold((0u64, 0u64), |(l, i), (_, s)| {
                                let (sl, si) = s.bound();
                                (l.max(sl), i.max(si))
                            });
                        Shape::Bound { len, inner }
                    }
                    "string" => Shape::Bound {
                        len: operands
                            .iter()
                            .map(|(_, s)| s.len())
                            .max()
                            .unwrap_or(0)
                            .max(32),
                        inner: 0,
                    },
                    _ => SCALAR,
                };
                (c, shape)
            }
            Expr::List(l) => {
                let mut c = 1u64;
                let mut inner = 0u64;
                for x in &l.elements {
                    let (xc, xs) = self.cost(x);
                    c = c.saturating_add(xc);
                    let (xl, xi) = xs.bound();
                    inner = inner.max(xl).max(xi);
                }
                let len = l.elements.len() as u64;
                (c, Shape::Bound { len, inner })
            }
            Expr::Map(m) => {
                let mut c = 1u64;
                let mut inner = 0u64;
                for entry in &m.entries {
                    if let EntryExpr::MapEntry(me) = &entry.expr {
                        for part in [&me.key, &me.value] {
                            let (pc, ps) = self.cost(part);
                            c = c.saturating_add(pc);
                            let (pl, pi) = ps.bound();
                            inner = inner.max(pl).max(pi);
                        }
                    }
                }
                let len = m.entries.len() as u64;
                (c, Shape::Bound { len, inner })
            }
            Expr::Comprehension(comp) => {
                let (range_cost, range) = self.cost(&comp.iter_range);
                let (init_cost, _) = self.cost(&comp.accu_init);
                let n = range.len();
                let entry = range.entry();
                let scope = self.locals.len();
                self.locals.push((comp.iter_var.clone(), entry.clone()));
                if let Some(v2) = &comp.iter_var2 {
                    self.locals.push((v2.clone(), entry));
                }
                // `map` and `filter` append to their accumulator in place (the crate builds the
                // list once), `all`, `exists` and `exists_one` keep a boolean or a count: within
                // the loop the accumulator costs no more than a scalar.
                self.locals
                    .push((comp.accu_var.clone(), Shape::Bound { len: 0, inner: 0 }));
                let (cond_cost, _) = self.cost(&comp.loop_cond);
                let (step_cost, step) = self.cost(&comp.loop_step);
                let (result_cost, _) = self.cost(&comp.result);
                self.locals.truncate(scope);
                let per_entry = cond_cost.saturating_add(step_cost).saturating_add(1);
                let c = range_cost
                    .saturating_add(init_cost)
                    .saturating_add(n.saturating_mul(per_entry))
                    .saturating_add(result_cost);
                let shape = match &comp.accu_init.expr {
                    Expr::List(_) => Shape::Bound {
                        len: n,
                        inner: step.inner(),
                    },
                    _ => SCALAR,
                };
                (c, shape)
            }
            Expr::Struct(_) | Expr::Unspecified => (1, SCALAR),
        }
    }

    fn ident(&self, name: &str) -> Shape {
        if let Some((_, shape)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return shape.clone();
        }
        super::Var::ALL
            .iter()
            .find(|v| v.name() == name)
            .and_then(|v| self.bindings.value(*v))
            .map_or(SCALAR, |v| Shape::Value(v.clone()))
    }
}
