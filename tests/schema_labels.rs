//! Every enumerated value in the schema carries a Dutch and an English label, the lookup finds
//! them by field path, and `beeldbel schema` puts them into the JSON Schemas for editors.

mod common;

use beeldbel::schema::{Field, Ty, defs, enum_values, label};
use serde_json::Value;

use common::bb;

/// Every (field path, value id, nl, en) reachable from `fields`.
fn labelled(
    fields: &'static [Field],
    prefix: &str,
    out: &mut Vec<(String, String, String, String)>,
) {
    fn walk(ty: &'static Ty, path: &str, out: &mut Vec<(String, String, String, String)>) {
        match ty {
            Ty::Enum(vals) => out.extend(
                vals.iter()
                    .map(|v| (path.to_string(), v.id.into(), v.nl.into(), v.en.into())),
            ),
            Ty::List(inner) | Ty::Attr(inner) | Ty::Map(inner) => walk(inner, path, out),
            Ty::Table(f) | Ty::TableArray(f) => labelled(f, path, out),
            _ => {}
        }
    }
    for f in fields {
        let path = if prefix.is_empty() {
            f.name.to_string()
        } else {
            format!("{prefix}.{}", f.name)
        };
        walk(&f.ty, &path, out);
    }
}

const ROOTS: &[(&str, &[Field])] = &[
    ("org", defs::ORG_FILE),
    ("policy", defs::POLICY_FILE),
    ("platform", defs::PLATFORM_FILE),
    ("appointment", defs::APPOINTMENT_FILE),
    ("answers", defs::ANSWERS_FILE),
];

#[test]
fn every_enum_value_has_a_dutch_and_an_english_label() {
    let mut all = Vec::new();
    for (_, fields) in ROOTS {
        labelled(fields, "", &mut all);
    }
    labelled(defs::PLATFORM_VIEW, "platform", &mut all);
    // Every enumerated field of every file: lawful bases, DPIA status, regions, activities, …
    assert!(all.len() > 80, "only {} labelled values", all.len());
    for (path, id, nl, en) in &all {
        assert!(
            !nl.trim().is_empty() && !en.trim().is_empty(),
            "{path} = \"{id}\" has no label"
        );
    }
    // The ids the command line offers are the labelled ones, in the same order.
    let ids: Vec<&str> = defs::ACTIVITIES_VALUES.iter().map(|v| v.id).collect();
    assert_eq!(ids, defs::ACTIVITIES);
}

#[test]
fn labels_are_found_by_field_path() {
    let l = label(defs::ORG_FILE, "dpia.status", "not_started").expect("a label");
    assert_eq!((l.nl, l.en), ("niet begonnen", "not started"));
    // Through an array of tables, a list, and a catalogue attribute.
    assert_eq!(
        label(defs::ORG_FILE, "deployments.data_region", "US").map(|l| l.nl),
        Some("VS")
    );
    assert_eq!(
        label(defs::ORG_FILE, "processing.special_categories", "health").map(|l| l.en),
        Some("health")
    );
    assert_eq!(
        label(defs::ATTRIBUTES, "e2ee", "always").map(|l| l.nl),
        Some("altijd aan")
    );
    assert_eq!(
        label(defs::APPOINTMENT_FILE, "activity", "werkplekonderzoek").map(|l| l.en),
        Some("workplace assessment")
    );
    // Not an enumerated field, or not one of its values.
    assert!(enum_values(defs::ORG_FILE, "organisation.name").is_none());
    assert!(label(defs::ORG_FILE, "dpia.status", "begonnen").is_none());
}

/// The schema of `beeldbel schema <kind>`.
fn schema(kind: &str) -> Value {
    let out = bb().args(["schema", kind]).output().expect("beeldbel runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn json_schemas_carry_the_labels_and_stay_valid() {
    let org = schema("org");
    let status = &org["properties"]["dpia"]["properties"]["status"];
    assert_eq!(status["enum"][0], "not_started");
    assert_eq!(status["enumDescriptions"][0], "niet begonnen — not started");
    assert_eq!(
        status["markdownEnumDescriptions"][0],
        "niet begonnen — not started"
    );
    assert_eq!(
        status["x-taplo"]["docs"]["enumValues"][0],
        "niet begonnen — not started"
    );
    let region = &org["properties"]["deployments"]["items"]["properties"]["data_region"];
    assert_eq!(region["enumDescriptions"][1], "VS — US");
    for (kind, _) in ROOTS {
        let s = schema(kind);
        assert!(
            jsonschema::meta::is_valid(&s),
            "{kind}: not a valid JSON Schema"
        );
    }
    // An organisation file as JSON still validates against it; a bad value still does not.
    let validator = jsonschema::validator_for(&org).expect("a valid JSON Schema");
    let ok = serde_json::json!({"organisation": {"name": "X", "kind": "arbodienst"}, "dpia": {"status": "completed"}});
    assert!(validator.is_valid(&ok));
    let bad = serde_json::json!({"organisation": {"name": "X", "kind": "arbodienst"}, "dpia": {"status": "klaar"}});
    assert!(!validator.is_valid(&bad));
    // The example DPIA answers file (TOML, read as JSON) validates against `schema answers`; an
    // answer without its gap key does not.
    let answers = jsonschema::validator_for(&schema("answers")).expect("a valid JSON Schema");
    let text = std::fs::read_to_string("docs/examples/answers/arbodienst-answers.toml").unwrap();
    let example: Value = toml::from_str(&text).expect("TOML");
    assert!(answers.is_valid(&example), "{example}");
    let bad = serde_json::json!({"answer": [{"text": "Besloten door de directie."}]});
    assert!(!answers.is_valid(&bad));
}
