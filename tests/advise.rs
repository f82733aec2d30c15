//! `beeldbel advise` on situations the Cahier describes: every scenario in
//! `tests/data/appointments/scenarios.toml` gives its advice, exactly its failing rules, its
//! advice notes and its supporting reasons; and the command's flags, exit codes and errors.

mod common;

use std::collections::BTreeSet;

use common::{TODAY, raw, root};

/// `beeldbel ARGS…` from the crate root, without colour.
fn beeldbel(args: &[&str]) -> std::process::Output {
    raw().env("NO_COLOR", "1").args(args).output().unwrap()
}

fn set(v: Option<&toml::Value>) -> BTreeSet<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn json_set(v: &serde_json::Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_scenario_gets_its_advice_and_reasons() {
    let path = root().join("tests/data/appointments/scenarios.toml");
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let scenarios = doc["scenarios"].as_array().unwrap();
    assert!(scenarios.len() >= 11, "one scenario per rule at least");
    let tmp = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    let mut rules_seen = BTreeSet::new();
    for (i, sc) in scenarios.iter().enumerate() {
        let name = sc["name"].as_str().unwrap();
        let file = tmp.path().join(format!("s{i}.toml"));
        std::fs::write(
            &file,
            toml::to_string(sc["appointment"].as_table().unwrap()).unwrap(),
        )
        .unwrap();
        let out = beeldbel(&[
            "advise",
            file.to_str().unwrap(),
            "--today",
            TODAY,
            "--format",
            "json",
        ]);
        let Ok(r) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
            wrong.push(format!(
                "{name}: no JSON; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        };
        let advice = r["advice"].as_str().unwrap();
        let expect = sc["advice"].as_str().unwrap();
        let exit = out.status.code().unwrap();
        if advice != expect || exit != i32::from(advice != "video_suitable") {
            wrong.push(format!(
                "{name}: advice {advice} (exit {exit}), expected {expect}"
            ));
        }
        let failing: BTreeSet<String> = json_set(&r["reasons"])
            .union(&json_set(&r["conditions"]))
            .cloned()
            .collect();
        if failing != set(sc.get("failing")) {
            wrong.push(format!(
                "{name}: failing {failing:?}, expected {:?}",
                set(sc.get("failing"))
            ));
        }
        if json_set(&r["advisory"]) != set(sc.get("advisory")) {
            wrong.push(format!(
                "{name}: advisory {:?}, expected {:?}",
                json_set(&r["advisory"]),
                set(sc.get("advisory"))
            ));
        }
        let supporting: BTreeSet<String> = r["supporting"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["reason"].as_str().unwrap().to_string())
            .collect();
        if supporting != set(sc.get("supporting")) {
            wrong.push(format!(
                "{name}: supporting {supporting:?}, expected {:?}",
                set(sc.get("supporting"))
            ));
        }
        rules_seen.extend(failing);
        rules_seen.extend(json_set(&r["advisory"]));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every appointment rule is shown failing by at least one scenario.
    let policy = beeldbel(&["explain", "ADV-TOEST-01"]);
    assert!(policy.status.success());
    for id in [
        "ADV-TOEST-01",
        "ADV-VOORKEUR-01",
        "ADV-WERKPLEK-01",
        "ADV-AANPAS-01",
        "ADV-EERSTE-01",
        "ADV-CONFLICT-01",
        "ADV-PSYCH-01",
        "ADV-MEDISCH-01",
        "ADV-VAARDIG-01",
        "ADV-UITKOMST-01",
        "ADV-LOCKDOWN-01",
    ] {
        assert!(rules_seen.contains(id), "no scenario shows {id} failing");
    }
}

#[test]
fn flags_alone_give_advice_and_override_the_file() {
    // Werkplekonderzoek with physical contact possible: physical contact needed, exit 1.
    let out = beeldbel(&[
        "advise",
        "--activity",
        "werkplekonderzoek",
        "--physical-contact-possible",
        "--client-preference",
        "video",
        "--client-consents-video",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Advies: FYSIEK CONTACT NODIG"), "{text}");
    assert!(text.contains("ADV-WERKPLEK-01"), "{text}");
    assert!(
        text.contains("nooit, fysiek contact altijd nodig 68 %"),
        "table 4 quoted: {text}"
    );

    // The same during a lockdown: not a physical-contact ground any more; advice to prefer video.
    let out = beeldbel(&[
        "advise",
        "--activity",
        "werkplekonderzoek",
        "--physical-contact-possible=false",
        "--client-preference",
        "video",
        "--client-consents-video",
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!json_set(&r["reasons"]).contains("ADV-WERKPLEK-01"));
    assert!(json_set(&r["advisory"]).contains("ADV-LOCKDOWN-01"));
}

#[test]
fn the_clients_say_comes_first() {
    // Everything else speaks for video (terminal illness, long-running contact): still never
    // suitable when the client prefers physical contact or did not agree.
    for (preference, consents) in [("physical", "true"), ("video", "false")] {
        let out = beeldbel(&[
            "advise",
            "--activity",
            "gegevens_uitvragen",
            "--physical-contact-possible",
            "--client-preference",
            preference,
            "--client-consents-video",
            consents,
            "--long-running-contact",
            "--terminal-illness",
            "--today",
            TODAY,
            "--format",
            "json",
        ]);
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(r["advice"], "physical_needed", "{preference}/{consents}");
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn unknown_activity_lists_the_valid_ones() {
    let out = beeldbel(&["advise", "--activity", "werkplek"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("werkplekonderzoek") && err.contains("gegevens_uitvragen"),
        "{err}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a.toml");
    std::fs::write(&file, "activity = \"werkplek\"\n").unwrap();
    let out = beeldbel(&["advise", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[BB004]") && err.contains("a.toml:1:12"),
        "{err}"
    );
    assert!(err.contains("bedoelde u \"werkplekonderzoek\"?"), "{err}");
}

#[test]
fn no_activity_at_all_is_an_input_error() {
    let out = beeldbel(&["advise", "--client-consents-video"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error[BB007]") && err.contains("activity"),
        "{err}"
    );
    assert!(err.contains("--activity"), "{err}");
}

#[test]
fn a_missing_answer_is_never_suitable() {
    // Consent not known: the rule cannot be decided, so video is at best under conditions.
    let out = beeldbel(&[
        "advise",
        "--activity",
        "gegevens_uitvragen",
        "--physical-contact-possible",
        "--client-preference",
        "video",
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["advice"], "video_with_conditions");
    assert!(json_set(&r["undecided"]).contains("ADV-TOEST-01"));
    assert!(json_set(&r["conditions"]).is_empty());
}

/// Yes/no flags take `ja`/`nee` and `yes`/`no` as well as `true`/`false`; the flag alone is yes.
/// Anything else is refused (exit 2) with what is expected.
#[test]
fn yes_no_flags_take_dutch_and_english_words() {
    let advice = |value: Option<&str>| {
        let flag = match value {
            Some(v) => format!("--first-contact={v}"),
            None => "--first-contact".to_string(),
        };
        let out = beeldbel(&[
            "advise",
            "--activity",
            "gegevens_uitvragen",
            &flag,
            "--format",
            "json",
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let yes = advice(Some("true"));
    let no = advice(Some("false"));
    assert_ne!(yes, no, "a first contact changes the advice");
    for v in ["ja", "JA", "yes", "y", "j"] {
        assert_eq!(advice(Some(v)), yes, "--first-contact={v}");
    }
    assert_eq!(advice(None), yes, "the flag alone");
    for v in ["nee", "no", "No", "n"] {
        assert_eq!(advice(Some(v)), no, "--first-contact={v}");
    }
    let bad = beeldbel(&[
        "advise",
        "--activity",
        "gegevens_uitvragen",
        "--first-contact=misschien",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("verwacht ja of nee"), "{err}");
}
