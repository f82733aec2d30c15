//! The documentation keeps up with the code: every diagnostic code is documented, the report's
//! JSON Schema in docs/ is the one the program generates.

mod common;

use common::{EXAMPLES, TODAY, raw, root};

#[test]
fn every_diagnostic_code_is_documented() {
    let doc = std::fs::read_to_string(root().join("docs/diagnostics.md")).unwrap();
    for code in beeldbel::diag::Code::ALL {
        let row = format!("| {} | {} |", code.id(), code.name());
        assert!(
            doc.contains(&row),
            "docs/diagnostics.md lacks the row for {} ({})",
            code.id(),
            code.name()
        );
    }
}

#[test]
fn report_schema_in_docs_is_current() {
    let path = root().join("docs/report.schema.json");
    let generated = serde_json::to_string_pretty(&beeldbel::results::json_schema()).unwrap() + "\n";
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/report.schema.json is out of date: run `cargo run -- schema report > docs/report.schema.json`"
    );
}

#[test]
fn json_reports_of_the_examples_match_the_schema() {
    let schema = beeldbel::results::json_schema();
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    for example in EXAMPLES {
        let out = raw()
            .args(["check", "--today", TODAY, "--format", "json"])
            .arg(root().join(example))
            .output()
            .unwrap();
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{example}: {}", errors.join("\n"));
    }
}
