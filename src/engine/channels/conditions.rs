//! The conditions of an edition: the fewest settings to change and measures to take that make
//! every requirement pass that passes under the protective profile. The engine decides, not a
//! guess from the fields a check reads: candidate sets are evaluated, and a condition is kept
//! only when leaving it out breaks a requirement. A measure that another kept measure makes
//! unnecessary (the public DPIA accepts either end-to-end encrypted meetings or own keys) is
//! named as its alternative.

use super::profile::{Kind, PROFILE, Row};
use crate::i18n::tr;
use crate::model::policy::{Scope, Severity};
use crate::results::channels::{Alternative, Condition, ConditionKind, Value};
use crate::results::{Outcome, State};

/// A high or medium outcome of a platform or deployment requirement: these decide the rating.
pub fn decides(o: &Outcome) -> bool {
    o.severity >= Severity::Medium && o.scope != Scope::Organisation
}

/// Met, or not applicable.
pub fn passes(o: &Outcome) -> bool {
    matches!(o.state, State::Pass | State::NotApplicable)
}

/// The deployment field an outcome's field path names (`deployments[<id>].<field>`), if any.
pub fn setting_of(prefix: &str, field: &str) -> Option<String> {
    field.strip_prefix(prefix).map(str::to_string)
}

/// The outcomes of one edition's deployment with these field values.
pub type Evaluate<'a> = dyn Fn(&[(&str, &Value)]) -> Vec<Outcome> + 'a;

/// One edition's profile rows with the engine to try them.
pub struct Trial<'a> {
    pub evaluate: &'a Evaluate<'a>,
    pub rows: &'a [Row],
}

impl Trial<'_> {
    /// The outcomes (platform and deployment scope) with the rows in `set` at their protective
    /// value and every other row as shipped.
    fn outcomes(&self, set: &[usize]) -> Vec<Outcome> {
        let values: Vec<(&str, &Value)> = self
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let v = if set.contains(&i) {
                    r.protective.as_ref()
                } else {
                    r.default.as_ref()
                };
                Some((r.entry.field, v?))
            })
            .collect();
        (self.evaluate)(&values)
    }

    /// The requirements of `target` that do not pass with `set` applied.
    fn unmet(&self, set: &[usize], target: &[&str]) -> Vec<String> {
        self.outcomes(set)
            .iter()
            .filter(|o| target.contains(&o.requirement.as_str()) && !passes(o))
            .map(|o| o.requirement.clone())
            .collect()
    }

    /// The conditions: `d` and `p` are the outcomes under the defaults and the protective
    /// profile; `prefix` is the deployment's field prefix (`deployments[<id>].`).
    pub fn conditions(&self, d: &[Outcome], p: &[Outcome], prefix: &str) -> Vec<Condition> {
        // What the protective profile achieves, and what the defaults miss of it.
        let target: Vec<&str> = p
            .iter()
            .filter(|o| decides(o) && passes(o))
            .map(|o| o.requirement.as_str())
            .collect();
        let failing: Vec<&Outcome> = d
            .iter()
            .filter(|o| decides(o) && !passes(o) && target.contains(&o.requirement.as_str()))
            .collect();
        if failing.is_empty() {
            return Vec::new();
        }
        // Rows the protective profile changes: settings with another value, measures to take.
        let candidates: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.entry.kind != Kind::Assumed && r.protective.is_some() && r.protective != r.default
            })
            .map(|(i, _)| i)
            .collect();
        // First guess: the candidates the failing checks read or miss; else all of them.
        let read: Vec<String> = failing
            .iter()
            .flat_map(|o| o.inputs.iter().map(|i| &i.field).chain(&o.missing))
            .filter_map(|f| setting_of(prefix, f))
            .collect();
        let mut set: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| read.iter().any(|f| f == self.rows[i].entry.field))
            .collect();
        if !self.unmet(&set, &target).is_empty() {
            set.clone_from(&candidates);
        }
        // Leave out what is not needed, last in the profile first.
        for i in set.clone().into_iter().rev() {
            let without: Vec<usize> = set.iter().copied().filter(|&x| x != i).collect();
            if self.unmet(&without, &target).is_empty() {
                set = without;
            }
        }
        let dropped: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|i| !set.contains(i) && self.rows[*i].entry.kind == Kind::Measure)
            .collect();
        let mut conditions: Vec<Condition> = set
            .iter()
            .map(|&i| {
                let without: Vec<usize> = set.iter().copied().filter(|&x| x != i).collect();
                let mut requirements = self.unmet(&without, &target);
                requirements.sort_by_key(|r| target.iter().position(|t| t == r));
                let alternatives = if self.rows[i].entry.kind == Kind::Measure {
                    dropped
                        .iter()
                        .filter(|&&alt| {
                            let mut swapped = without.clone();
                            swapped.push(alt);
                            self.unmet(&swapped, &target).is_empty()
                        })
                        .map(|&alt| alternative(&self.rows[alt]))
                        .collect()
                } else {
                    Vec::new()
                };
                condition(&self.rows[i], requirements, alternatives)
            })
            .collect();
        let order = |c: &Condition| PROFILE.iter().position(|e| e.field == c.setting);
        conditions.sort_by_key(order);
        conditions
    }
}

fn words(row: &Row) -> ([&'static str; 2], [&'static str; 2]) {
    let value = row.protective.clone().unwrap_or(Value::Bool(true));
    ((row.entry.instruction)(&value), row.entry.short)
}

fn alternative(row: &Row) -> Alternative {
    let ([nl, en], [snl, sen]) = words(row);
    Alternative {
        setting: row.entry.field.to_string(),
        short: tr(snl, sen).to_string(),
        instruction: tr(nl, en).to_string(),
    }
}

fn condition(row: &Row, requirements: Vec<String>, alternatives: Vec<Alternative>) -> Condition {
    let ([nl, en], [snl, sen]) = words(row);
    Condition {
        setting: row.entry.field.to_string(),
        kind: match row.entry.kind {
            Kind::Setting => ConditionKind::Setting,
            Kind::Measure | Kind::Assumed => ConditionKind::Measure,
        },
        default: row.default.clone(),
        default_from: row.default_from.clone(),
        required: row.protective.clone().unwrap_or(Value::Bool(true)),
        short: tr(snl, sen).to_string(),
        instruction: tr(nl, en).to_string(),
        requirements,
        alternatives,
    }
}
