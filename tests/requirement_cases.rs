//! Every requirement of the default policy, decided on real organisation data: each case in
//! `tests/data/cases/requirements.toml` patches the compliant `base.toml` and names the outcome
//! one requirement must have. The policy must have a passing and a failing case per requirement.

mod common;

use std::collections::BTreeMap;

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::check::{Settings, evaluate_org};
use beeldbel::model::catalogue::Fact;
use beeldbel::model::inputs::Sources;
use beeldbel::model::policy::{Scope, Severity};
use beeldbel::schema::{Node, NodeKind};
use chrono::NaiveDate;

use common::{TODAY, root};

/// Sets or removes a dotted path in a TOML table.
fn set_path(table: &mut toml::Table, path: &str, value: Option<toml::Value>) {
    let parts: Vec<&str> = path.split('.').collect();
    let mut cur = table;
    for p in &parts[..parts.len() - 1] {
        cur = cur
            .entry(p.to_string())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()))
            .as_table_mut()
            .unwrap_or_else(|| panic!("{path}: {p} is not a table"));
    }
    let last = parts[parts.len() - 1].to_string();
    match value {
        Some(v) => {
            cur.insert(last, v);
        }
        None => {
            cur.remove(&last);
        }
    }
}

/// A bare value as a catalogue fact (unsourced, as in a user's own catalogue).
fn fact(name: &str, v: &toml::Value) -> Fact {
    let kind = match v {
        toml::Value::Boolean(b) => NodeKind::Bool(*b),
        toml::Value::Integer(i) => NodeKind::Int(*i),
        toml::Value::String(s) => NodeKind::Str(s.clone()),
        toml::Value::Array(items) => NodeKind::List(
            items
                .iter()
                .map(|i| Node::new(0..0, NodeKind::Str(i.as_str().unwrap_or_default().into())))
                .collect(),
        ),
        other => panic!("unsupported platform fact value {other:?}"),
    };
    Fact {
        name: name.into(),
        value: Node::new(0..0, kind),
        source: None,
        note: None,
        origin: Default::default(),
        replaced: None,
    }
}

#[test]
fn every_requirement_case_has_its_expected_outcome() {
    let dir = root().join("tests/data/cases");
    let base: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("base.toml")).unwrap()).unwrap();
    let cases: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("requirements.toml")).unwrap()).unwrap();
    let cases = cases["cases"].as_array().expect("[[cases]]");

    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = Sources::default().load(&mut files, &mut sink);
    assert!(!sink.has_errors(), "embedded inputs must load");

    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap_or("?");
        let req = case["requirement"].as_str().unwrap();
        let expect = case["expect"].as_str().unwrap();
        seen.entry(req.to_string())
            .or_default()
            .push(expect.to_string());

        let mut org = base.clone();
        if let Some(set) = case.get("set").and_then(|s| s.as_table()) {
            for (path, v) in set {
                set_path(&mut org, path, Some(v.clone()));
            }
        }
        if let Some(remove) = case.get("remove").and_then(|s| s.as_array()) {
            for path in remove {
                set_path(&mut org, path.as_str().unwrap(), None);
            }
        }
        if let Some(dep) = case.get("deployment").and_then(|s| s.as_table()) {
            let first = org["deployments"].as_array_mut().unwrap()[0]
                .as_table_mut()
                .unwrap();
            for (k, v) in dep {
                first.insert(k.clone(), v.clone());
            }
        }
        if let Some(fields) = case.get("remove_deployment").and_then(|s| s.as_array()) {
            let first = org["deployments"].as_array_mut().unwrap()[0]
                .as_table_mut()
                .unwrap();
            for f in fields {
                first.remove(f.as_str().expect("a deployment field"));
            }
        }
        let path = tmp.path().join(format!("case-{i}.toml"));
        std::fs::write(&path, toml::to_string(&org).unwrap()).unwrap();

        let mut catalogue = inputs.catalogue.clone();
        let first = &org["deployments"].as_array().unwrap()[0];
        let (pid, eid) = (
            first["platform"].as_str().unwrap(),
            first["edition"].as_str().unwrap(),
        );
        if let Some(facts) = case.get("platform_facts").and_then(|s| s.as_table()) {
            let p = catalogue
                .platforms
                .iter_mut()
                .find(|p| p.id == pid)
                .expect("platform in catalogue");
            let e = p
                .editions
                .iter_mut()
                .find(|e| e.id == eid)
                .expect("edition in catalogue");
            for (k, v) in facts {
                e.facts.insert(k.clone(), fact(k, v));
            }
        }
        if let Some(names) = case.get("remove_facts").and_then(|s| s.as_array()) {
            let e = catalogue
                .platforms
                .iter_mut()
                .find(|p| p.id == pid)
                .and_then(|p| p.editions.iter_mut().find(|e| e.id == eid))
                .expect("edition in catalogue");
            for n in names {
                e.facts.remove(n.as_str().expect("a fact name"));
            }
        }
        let today = case
            .get("today")
            .map(|t| NaiveDate::parse_from_str(&t.to_string(), "%Y-%m-%d").unwrap())
            .unwrap_or_else(|| NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap());

        let mut case_sink = Sink::default();
        let Some(loaded) =
            beeldbel::model::org::load(&path, &catalogue, &mut files, &mut case_sink)
        else {
            let msgs: Vec<String> = case_sink.items.iter().map(|d| d.render(&files)).collect();
            failures.push(format!(
                "case {i} \"{name}\" ({req}): organisation did not load:\n{}",
                msgs.join("")
            ));
            continue;
        };
        let report = evaluate_org(
            &loaded,
            &inputs.policy,
            &catalogue,
            Settings {
                today,
                fail_on: Severity::Medium,
            },
            &mut case_sink,
        );
        let scope = inputs.policy.requirement(req).map(|r| r.scope);
        let subject = match scope {
            Some(Scope::Organisation) => "organisation".to_string(),
            Some(_) => loaded.deployments[0].id.clone(),
            None => {
                failures.push(format!("case {i} \"{name}\": unknown requirement {req}"));
                continue;
            }
        };
        let Some(outcome) = report
            .outcomes
            .iter()
            .find(|o| o.requirement == req && o.subject == subject)
        else {
            failures.push(format!(
                "case {i} \"{name}\" ({req}): no outcome for {subject}"
            ));
            continue;
        };
        if outcome.state.as_str() != expect {
            failures.push(format!(
                "case {i} \"{name}\" ({req}): expected {expect}, got {} — {}",
                outcome.state.as_str(),
                outcome.message
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );

    // Every requirement of scope platform, deployment and organisation has a pass and a fail case.
    let mut lacking = Vec::new();
    for r in inputs
        .policy
        .requirements
        .iter()
        .filter(|r| r.scope != Scope::Appointment)
    {
        let expects = seen.get(&r.id).cloned().unwrap_or_default();
        for needed in ["pass", "fail"] {
            if !expects.iter().any(|e| e == needed) {
                lacking.push(format!("{} has no {needed} case", r.id));
            }
        }
    }
    assert!(lacking.is_empty(), "{}", lacking.join("\n"));
}

#[test]
fn the_base_case_is_compliant_apart_from_unverified_facts() {
    let dir = root().join("tests/data/cases");
    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = Sources::default().load(&mut files, &mut sink);
    let org = beeldbel::model::org::load(
        &dir.join("base.toml"),
        &inputs.catalogue,
        &mut files,
        &mut sink,
    )
    .unwrap();
    let report = evaluate_org(
        &org,
        &inputs.policy,
        &inputs.catalogue,
        Settings {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            fail_on: Severity::Low,
        },
        &mut sink,
    );
    for o in &report.outcomes {
        assert!(
            matches!(o.state.as_str(), "pass" | "not_applicable")
                || (o.state.as_str() == "unknown"
                    && o.missing
                        .iter()
                        .all(|m| m.starts_with("catalogue:") || m.starts_with("channel:"))),
            "{} on {}: {} ({})",
            o.requirement,
            o.subject,
            o.state.as_str(),
            o.message
        );
    }
}
