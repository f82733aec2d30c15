//! The Markdown report as a wiki or a DPIA annex shows it: parsed with a CommonMark parser
//! (pulldown-cmark, GFM tables on), every table keeps its columns, and hostile strings from the
//! inputs come out as text — never as HTML, a link or emphasis.

mod common;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use common::{EXAMPLES, bb};

/// `beeldbel --today 2026-11-23 ARGS…`: its exit code and stdout. Exit code 2 (an input error)
/// with a diagnostic on stderr fails the test, showing the diagnostic.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = bb().args(args).output().expect("run beeldbel");
    assert!(
        out.stderr.is_empty() || out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
    )
}

fn events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES).collect()
}

/// Every table: its rows as cell counts (the head first).
fn table_shapes(md: &str) -> Vec<Vec<usize>> {
    let mut tables = Vec::new();
    let mut cells = 0;
    for e in events(md) {
        match e {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                tables.last_mut().expect("in a table").push(cells)
            }
            _ => {}
        }
    }
    tables
}

/// The plain text of the document (text and code spans), with soft breaks as spaces.
fn text_of(md: &str) -> String {
    let mut s = String::new();
    for e in events(md) {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(&t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[test]
fn every_example_renders_with_a_full_matrix() {
    for file in EXAMPLES {
        let (_, md) = run(&["check", file, "--format", "markdown"]);
        let json: serde_json::Value =
            common::report_value(&run(&["check", file, "--format", "json"]).1);
        let org = &json["organisations"][0];
        let requirements: std::collections::BTreeSet<&str> = org["outcomes"]
            .as_array()
            .expect("outcomes")
            .iter()
            .map(|o| o["requirement"].as_str().expect("id"))
            .collect();
        let subjects = org["deployments"].as_array().expect("deployments").len() + 1;
        let tables = table_shapes(&md);
        // The overview matrix: a head and one row per requirement, each with id, title and
        // one cell per subject.
        let matrix = tables
            .iter()
            .find(|t| t.len() == requirements.len() + 1)
            .unwrap_or_else(|| panic!("{file}: no matrix with {} rows\n{md}", requirements.len()));
        assert!(
            matrix.iter().all(|&n| n == 2 + subjects),
            "{file}: {matrix:?}"
        );
        let text = text_of(&md);
        assert!(text.contains(org["name"].as_str().expect("name")), "{file}");
        assert!(text.contains("geen juridisch advies"), "{file}: notice");
        assert!(
            text.contains(org["sha256"].as_str().expect("sha")),
            "{file}: provenance"
        );
        assert!(
            text.contains(json["policy"]["sha256"].as_str().expect("sha")),
            "{file}: policy hash"
        );
        assert!(
            text.contains(json["catalogue"]["sha256"].as_str().expect("sha")),
            "{file}: catalogue hash"
        );
    }
}

#[test]
fn failing_requirements_come_with_remediation_and_sourced_facts() {
    let (code, md) = run(&[
        "check",
        "docs/examples/zelfstandige-whatsapp.toml",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, Some(1));
    let text = text_of(&md);
    assert!(text.contains("niet voldaan AVG-DPIA-01"), "{md}");
    assert!(text.contains("Wat te doen:"));
    // A catalogue fact links to its source.
    let links: Vec<String> = events(&md)
        .into_iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert!(!links.is_empty(), "no source links\n{md}");
    assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
}

#[test]
fn a_batch_starts_with_a_summary_table() {
    let mut args = vec!["check"];
    args.extend(EXAMPLES);
    args.extend(["--format", "markdown"]);
    let (code, md) = run(&args);
    assert_eq!(code, Some(1), "worst verdict decides the exit code");
    let summary = md.find("## Samenvatting").expect("summary heading");
    let first_org = md.find("## Arbodienst").expect("first organisation");
    assert!(summary < first_org);
    let tables = table_shapes(&md);
    assert_eq!(tables[0].len(), 1 + EXAMPLES.len(), "{md}");
    for verdict in ["voldoet", "onvolledig", "voldoet niet"] {
        assert!(md.contains(&format!("| {verdict} |")), "{verdict}\n{md}");
    }
}

#[test]
fn hostile_strings_stay_text() {
    let (code, md) = run(&[
        "--policy",
        "tests/data/hostile/policy.toml",
        "check",
        "tests/data/hostile/org.toml",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, Some(1));
    let evs = events(&md);
    // No HTML from an input: the only HTML is the renderer's own `<br>` in table cells.
    for e in &evs {
        if let Event::Html(h) | Event::InlineHtml(h) = e {
            assert_eq!(h.trim(), "<br>", "raw HTML reached the output: {h:?}\n{md}");
        }
    }
    // No emphasis, links or images from an input: only the source link of the catalogue fact.
    for e in &evs {
        match e {
            Event::Start(Tag::Emphasis | Tag::Strong) => {}
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image {dest_url}"),
            Event::Start(Tag::Link { dest_url, .. }) => assert!(
                dest_url.starts_with("https://github.com/OpenTermsArchive/"),
                "a link from an input: {dest_url}"
            ),
            _ => {}
        }
    }
    let text = text_of(&md);
    for shown in [
        "<script>alert(1)</script> & Zonen \"BV\" | pipe 'quote' ]]> --> *nadruk* `code` tweede regel",
        "Titel met & en <script>alert(2)</script> en \"quotes\" | pipe",
        "Platform <img src=x onerror=alert(3)>",
        "<a href=\"https://example.invalid\">link</a>",
    ] {
        assert!(text.contains(shown), "{shown:?} not shown as text\n{md}");
    }
    // The tables keep their shape despite `|` in the strings.
    for t in table_shapes(&md) {
        assert!(t.windows(2).all(|w| w[0] == w[1]), "{t:?}\n{md}");
    }
}
