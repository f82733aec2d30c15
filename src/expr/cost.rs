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
use cel::objects::KeyRef;
use cel::parser::Expression;

use std::collections::HashMap;
use std::sync::Arc;

use super::Bindings;

/// The most steps one evaluation (one requirement for one subject) may take. The estimate is an
/// upper bound: a nested `all` estimated just below it took 0.1 s (release build, 2026). The
/// embedded policy needs at most a few hundred per evaluation on the example files.
pub const BUDGET: u64 = 10_000_000;

/// The most steps all evaluations of one organisation (or appointment) file may take together:
/// a hundred evaluations at [`BUDGET`]. Without it a check just under the budget, evaluated for
/// each of 10,000 deployments, would run for a quarter of an hour. Real files take some
/// thousands (37 requirements, a few hundred steps each, per deployment).
pub const FILE_BUDGET: u64 = 100 * BUDGET;

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
    // The walks of earlier estimates under the same bindings are reused: the values they walked
    // live as long as the bindings, so an address still names the same value.
    let walked = bindings.walked.take();
    let mut estimator = Estimator {
        bindings,
        locals: Vec::new(),
        walked,
    };
    let cost = estimator.cost(e).0;
    bindings.walked.replace(estimator.walked);
    cost
}

struct Estimator<'a, 'r> {
    bindings: &'a Bindings<'r>,
    /// Comprehension variables in scope, innermost last.
    locals: Vec<(String, Shape)>,
    /// The largest length inside each list or map walked so far, by address: each value is
    /// walked once per bindings (the values outlive them, so an address names one value).
    walked: HashMap<usize, u64>,
}

impl Estimator<'_, '_> {
    /// The largest length of anything inside a value (the entries of a list, the values of a
    /// map, and everything below them).
    fn inner(&mut self, shape: &Shape) -> u64 {
        let v = match shape {
            Shape::Bound { inner, .. } => return *inner,
            Shape::Value(v) => v,
        };
        let key = match v {
            cel::Value::List(l) => Arc::as_ptr(l) as usize,
            cel::Value::Map(m) => Arc::as_ptr(&m.map) as usize,
            _ => return 0,
        };
        *self.walked.entry(key).or_insert_with(|| {
            let mut largest = 0;
            let mut stack: Vec<&cel::Value> = children(v).collect();
            while let Some(x) = stack.pop() {
                largest = largest.max(value_len(x));
                stack.extend(children(x));
            }
            largest
        })
    }

    /// A bound on the entries of a value: what a comprehension variable ranging over it, or an
    /// index into it, can be.
    fn entry(&mut self, shape: &Shape) -> Shape {
        let inner = self.inner(shape);
        Shape::Bound { len: inner, inner }
    }

    fn bound(&mut self, shape: &Shape) -> (u64, u64) {
        (shape.len(), self.inner(shape))
    }

    /// The steps of `e` and the shape of its value.
    fn cost(&mut self, e: &Expression) -> (u64, Shape) {
        match &e.expr {
            Expr::Ident(name) => (1, self.ident(name)),
            Expr::Select(s) => {
                let (c, operand) = self.cost(&s.operand);
                let shape = match operand {
                    Shape::Value(cel::Value::Map(m)) => m
                        .get(&KeyRef::String(&s.field))
                        .map_or(SCALAR, |v| Shape::Value(v.clone())),
                    // An absent field or a select on a non-map fails the evaluation.
                    Shape::Value(_) => SCALAR,
                    bound => self.entry(&bound),
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
                            let (sl, si) = self.bound(s);
                            (l.saturating_add(sl), i.max(si))
                        });
                        Shape::Bound { len, inner }
                    }
                    "_[_]" => match operands.first() {
                        Some((_, s)) => self.entry(s),
                        None => SCALAR,
                    },
                    "_?_:_" => {
                        let (len, inner) =
                            operands[1..].iter().fold((0u64, 0u64), |(l, i), (_, s)| {
                                let (sl, si) = self.bound(s);
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
                    let (xl, xi) = self.bound(&xs);
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
                            let (pl, pi) = self.bound(&ps);
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
                let entry = self.entry(&range);
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
                        inner: self.inner(&step),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{Root, Var};

    /// The estimate of `src` with `org.l` a list of `n` short texts (parsed without the schema
    /// check: `org.l` is no field of the organisation file, and the estimate does not care).
    fn estimate_with(src: &str, n: usize) -> u64 {
        let expr = cel::parser::Parser::new().parse(src).unwrap();
        let list: Vec<cel::Value> = (0..n)
            .map(|i| cel::Value::String(format!("p{i}").into()))
            .collect();
        let org =
            std::collections::HashMap::from([("l".to_string(), cel::Value::List(list.into()))]);
        let root = Root::new([]);
        let mut b = Bindings::new(&root);
        b.insert(Var::Org, cel::Value::from(org));
        estimate(&expr, &b)
    }

    #[test]
    fn a_membership_test_costs_the_length_of_the_list() {
        let small = estimate_with(r#""x" in org.l"#, 10);
        let large = estimate_with(r#""x" in org.l"#, 1_000_010);
        assert_eq!(large - small, 1_000_000);
        assert!(large < BUDGET);
    }

    #[test]
    fn one_list_operation_is_linear_and_two_are_quadratic() {
        let one = |n| estimate_with(r#"org.l.all(a, a != "")"#, n);
        assert_eq!(one(2000) - one(1000), one(3000) - one(2000));
        let two = |n| estimate_with("org.l.all(a, org.l.exists(b, a == b))", n);
        // Doubling the list quadruples the work (up to lower-order terms).
        let (t1, t2) = (two(1000), two(2000));
        assert!(t2 > 3 * t1 && t2 < 5 * t1, "{t1} {t2}");
        assert!(two(20_000) > BUDGET);
        assert!(one(100_000) < BUDGET);
    }

    /// `map` and `filter` append in place in the `cel` crate: linear, not quadratic.
    #[test]
    fn map_and_filter_are_linear() {
        for src in [
            r#"size(org.l.map(a, a + "x")) > 0"#,
            r#"size(org.l.filter(a, a != "p1")) > 0"#,
        ] {
            let (e1, e2, e3) = (
                estimate_with(src, 1000),
                estimate_with(src, 2000),
                estimate_with(src, 3000),
            );
            assert_eq!(e2 - e1, e3 - e2, "{src}");
        }
    }

    /// A comprehension over the result of another costs the length of that result per entry:
    /// `org.l.map(…).all(…)` is linear, `org.l.map(a, org.l).all(x, x.all(…))` quadratic.
    #[test]
    fn the_shape_of_a_result_carries_into_the_next_operation() {
        let linear = |n| estimate_with(r#"org.l.map(a, a).all(x, x != "")"#, n);
        assert_eq!(linear(2000) - linear(1000), linear(3000) - linear(2000));
        let nested = |n| estimate_with(r#"[org.l, org.l].all(x, x.all(y, y != ""))"#, n);
        assert!(nested(2000) > nested(1000) * 19 / 10);
        let indexed = |n| estimate_with(r#"[org.l][0].all(y, y != "")"#, n);
        assert!(indexed(2000) > indexed(1000) * 19 / 10);
    }

    #[test]
    fn the_estimate_is_the_same_every_time() {
        let src = "org.l.all(a, org.l.exists(b, a == b))";
        assert_eq!(estimate_with(src, 500), estimate_with(src, 500));
    }
}
