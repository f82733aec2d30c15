//! A batch is evaluated and rendered a chunk of files at a time and its report written once
//! every file is in (`render::stream`): what a user sees must not depend on that — the order, the
//! summary, a broken file late in the batch writing nothing, a folder with one organisation.

mod common;

use std::path::Path;

use common::{bb, run};

/// Every format `check` writes.
const FORMATS: [&str; 9] = [
    "text", "json", "markdown", "html", "junit", "sarif", "oscal", "docx", "odt",
];

/// A folder with `n` copies of the arbodienst example, each with its own name.
fn batch(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(common::root().join("docs/examples/arbodienst.toml"))
        .expect("example");
    let name_line = text
        .lines()
        .find(|l| l.starts_with("name = "))
        .expect("a name line");
    for i in 0..n {
        let org = text.replacen(name_line, &format!("name = \"Organisatie {i:04}\""), 1);
        std::fs::write(dir.join(format!("org-{i:04}.toml")), org).expect("write");
    }
}

/// A broken file well after the first chunk of a batch: nothing is written in any format, to a
/// file or to stdout, and the error names the file.
#[test]
fn a_broken_file_late_in_a_batch_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    batch(dir.path(), 150);
    std::fs::write(
        dir.path().join("org-9999.toml"),
        "[organisation]\nname = \"kapot\"\nsector = \n",
    )
    .expect("write");
    let folder = dir.path().to_str().expect("utf-8");
    for format in FORMATS {
        let out = dir.path().join(format!("rapport.{format}"));
        let r = run(&[
            "check",
            folder,
            "--format",
            format,
            "--output",
            out.to_str().expect("utf-8"),
        ]);
        r.code(2);
        assert!(r.stderr.contains("org-9999.toml"), "{format}: {}", r.show());
        assert!(!out.exists(), "{format}: a report was written");
        if !matches!(format, "docx" | "odt") {
            let r = run(&["check", folder, "--format", format]);
            r.code(2);
            assert!(
                r.stdout.is_empty(),
                "{format}: stdout {} bytes",
                r.stdout.len()
            );
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".toml"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

/// A batch larger than a chunk (128 files): every organisation once, in file order, the summary
/// first with one row per organisation. (The spool moving to a temporary file is tested in
/// `render::stream`.)
#[test]
fn a_large_batch_keeps_every_organisation_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 300;
    batch(dir.path(), n);
    let folder = dir.path().to_str().expect("utf-8");
    let r = run(&["check", folder]);
    r.code(0);
    let text = &r.stdout;
    let summary = text
        .find(&format!("Samenvatting ({n} organisaties)"))
        .expect("summary");
    let headings: Vec<usize> = (0..n)
        .map(|i| {
            text.find(&format!("━━ Organisatie {i:04} ("))
                .unwrap_or_else(|| panic!("no section for {i}"))
        })
        .collect();
    assert!(summary < headings[0], "the summary comes first");
    assert!(headings.windows(2).all(|w| w[0] < w[1]), "in file order");
    assert_eq!(text.matches("━━ Organisatie ").count(), n);
    let provenance = text.rfind("Herkomst").expect("provenance");
    assert!(provenance > headings[n - 1]);
    assert_eq!(text[provenance..].matches("  bestand ").count(), n);

    let json = run(&["check", folder, "--format", "json"]).json();
    let orgs = json["organisations"].as_array().expect("organisations");
    let names: Vec<&str> = orgs.iter().filter_map(|o| o["name"].as_str()).collect();
    let expected: Vec<String> = (0..n).map(|i| format!("Organisatie {i:04}")).collect();
    assert_eq!(names, expected);
    assert_eq!(json["verdict"], "compliant");
}

/// One organisation file in a folder of other TOML files is one organisation, not a batch: the
/// report is the one `check FILE` gives.
#[test]
fn one_organisation_among_other_files_is_not_a_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    batch(dir.path(), 1);
    std::fs::copy(
        common::root().join("policies/avg-beeldbellen.toml"),
        dir.path().join("beleid.toml"),
    )
    .expect("copy policy");
    let file = dir.path().join("org-0000.toml");
    for format in ["text", "markdown", "html", "junit"] {
        let folder = bb()
            .args([
                "check",
                dir.path().to_str().expect("utf-8"),
                "--format",
                format,
            ])
            .output()
            .expect("run");
        let single = bb()
            .args(["check", file.to_str().expect("utf-8"), "--format", format])
            .output()
            .expect("run");
        assert_eq!(folder.status.code(), Some(0), "{format}");
        assert_eq!(
            String::from_utf8_lossy(&folder.stdout),
            String::from_utf8_lossy(&single.stdout),
            "{format}"
        );
    }
    let r = run(&["check", dir.path().to_str().expect("utf-8")]);
    assert!(!r.stdout.contains("Samenvatting"), "{}", r.show());
}
