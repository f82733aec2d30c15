//! Evaluating a compiled expression: the shared root scope, each subject's bindings, and
//! telling a missing input (unknown) from a defect (error).

use std::collections::HashMap;

use super::{Compiled, FieldPath, Var};
use crate::tr;

/// What one evaluation gave.
#[derive(Debug, PartialEq)]
pub enum Eval {
    True,
    False,
    /// Fields the expression needed but the input left out.
    Missing(Vec<FieldPath>),
    /// Evaluation failed for another reason (a defect in the policy).
    Error(String),
    /// Not evaluated: the estimated steps (see [`super::cost`]) exceed [`super::cost::BUDGET`].
    TooCostly {
        estimate: u64,
    },
    /// Not evaluated: with this evaluation, the evaluations of one organisation (or appointment)
    /// file would together exceed [`super::cost::FILE_BUDGET`]; `spent` is what they took so far.
    FileBudgetSpent {
        spent: u64,
    },
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

/// A variable converted for the evaluator once and bound by reference wherever it is used: a
/// catalogue edition's facts (`platform`), the same for every deployment of that edition. The
/// `cel` crate otherwise converts a value (every entry of every map) each time it is bound.
pub struct Shared {
    var: Var,
    value: cel::Value,
    converted: Box<dyn cel::common::value::Val>,
}

impl Shared {
    /// `None` when the value cannot be converted (it is then bound as usual).
    pub fn new(var: Var, value: cel::Value) -> Option<Shared> {
        let converted = value.clone().try_into().ok()?;
        Some(Shared {
            var,
            value,
            converted,
        })
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shared({})", self.var.name())
    }
}

impl cel::context::VariableResolver for Shared {
    fn resolve<'b>(&'b self, variable: &str) -> Option<cel::common::value::CowVal<'b, 'b>> {
        (variable == self.var.name())
            .then(|| cel::common::value::CowVal::Borrowed(self.converted.as_ref()))
    }
}

/// The variables of one subject (a deployment, the organisation), on top of the [`Root`] or of
/// an enclosing subject's bindings ([`Bindings::child`]). The CEL scope is built on first use and
/// reused for every requirement of the subject.
pub struct Bindings<'r> {
    /// The scope this one is a child of: the root's, or the enclosing subject's.
    parent: &'r cel::Context<'r, 'r>,
    /// The variables of the enclosing scopes, innermost first.
    inherited: Vec<&'r HashMap<Var, cel::Value>>,
    values: HashMap<Var, cel::Value>,
    /// A variable of `values` bound by reference (see [`Shared`]).
    shared: Option<&'r Shared>,
    /// The cost estimator's walks of the values bound here and above (by address; see
    /// [`super::cost`]), kept for the life of these bindings.
    pub(super) walked: std::cell::RefCell<HashMap<usize, u64>>,
    context: std::cell::OnceCell<cel::Context<'r, 'r>>,
    /// The estimated steps spent by every evaluation under the outermost bindings (one file),
    /// shared with its children: what [`super::cost::FILE_BUDGET`] bounds.
    spent: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<'r> Bindings<'r> {
    pub fn new(root: &'r Root) -> Self {
        Bindings {
            parent: &root.context,
            inherited: vec![&root.values],
            values: HashMap::new(),
            shared: None,
            walked: std::cell::RefCell::default(),
            context: std::cell::OnceCell::new(),
            spent: std::rc::Rc::default(),
        }
    }

    /// The bindings of a subject inside this one (a deployment of this organisation): it sees
    /// this one's variables through a child scope. The `cel` crate converts a value when it is
    /// bound (every entry of every list), so an organisation bound once here is converted once,
    /// not once per deployment.
    pub fn child<'c>(&'c self) -> Bindings<'c>
    where
        'r: 'c,
    {
        let mut inherited: Vec<&'c HashMap<Var, cel::Value>> = vec![&self.values];
        inherited.extend(self.inherited.iter().copied());
        Bindings {
            parent: self.context(),
            inherited,
            values: HashMap::new(),
            shared: None,
            walked: std::cell::RefCell::default(),
            context: std::cell::OnceCell::new(),
            spent: self.spent.clone(),
        }
    }

    /// Binds a variable (and drops a scope built before).
    pub fn insert(&mut self, var: Var, value: cel::Value) {
        if self.shared.is_some_and(|s| s.var == var) {
            self.shared = None;
        }
        self.values.insert(var, value);
        // A value replaced may be freed and its address reused.
        self.walked.get_mut().clear();
        self.context = std::cell::OnceCell::new();
    }

    /// Binds a variable converted once (one per subject at most; a second replaces the first).
    pub fn insert_shared(&mut self, shared: &'r Shared) {
        if let Some(old) = self.shared.replace(shared) {
            self.values.remove(&old.var);
        }
        self.values.insert(shared.var, shared.value.clone());
        self.walked.get_mut().clear();
        self.context = std::cell::OnceCell::new();
    }

    fn context(&self) -> &cel::Context<'r, 'r> {
        self.context.get_or_init(|| {
            let mut ctx = self.parent.new_inner_scope();
            let shared = self.shared.map(|s| s.var);
            for (var, value) in &self.values {
                if Some(*var) != shared {
                    ctx.add_variable_from_value(var.name(), value.clone());
                }
            }
            if let Some(s) = self.shared {
                ctx.set_variable_resolver(s);
            }
            ctx
        })
    }

    pub(super) fn value(&self, var: Var) -> Option<&cel::Value> {
        self.values
            .get(&var)
            .or_else(|| self.inherited.iter().find_map(|m| m.get(&var)))
    }
}

impl Compiled {
    /// Evaluates against `bindings`. A result other than a boolean is an error.
    pub fn eval(&self, bindings: &Bindings<'_>) -> Eval {
        let estimate = super::cost::estimate(&self.expr, bindings);
        if estimate > super::cost::BUDGET {
            return Eval::TooCostly { estimate };
        }
        let spent = bindings.spent.get();
        if spent.saturating_add(estimate) > super::cost::FILE_BUDGET {
            return Eval::FileBudgetSpent { spent };
        }
        bindings.spent.set(spent + estimate);
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
            cel::Value::Map(m) => match m.get(&cel::objects::KeyRef::String(f)) {
                Some(v) => cur = v,
                None => return false,
            },
            _ => return false,
        }
    }
    true
}
