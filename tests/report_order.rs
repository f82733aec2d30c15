//! Reports lead with what to fix: in text, Markdown and HTML the findings (fails, unknowns,
//! errors, then the accepted deviations) come before the matrix; a verdict that rests on
//! accepted deviations says so ("voldoet, met 2 aanvaarde afwijkingen"); and no text is said
//! twice (a finding that only repeats its state, a waiver's reason).

mod common;

use common::{ARBODIENST, EXAMPLES, REINTEGRATIE, WHATSAPP, report};

/// Where each format puts the findings and the matrix: the first marker must come before the
/// second.
const ORDER: [(&str, &str, &str); 3] = [
    (
        "text",
        "\nWat aandacht vraagt\n",
        "\nOverzicht per onderwerp\n",
    ),
    (
        "markdown",
        "\n### Wat aandacht vraagt\n",
        "\n### Overzicht\n",
    ),
    (
        "html",
        "<h3>Wat aandacht vraagt</h3>",
        r#"<table class="matrix">"#,
    ),
];

/// The byte position of `needle` in `page`, failing with the page when absent.
fn at(page: &str, needle: &str, what: &str) -> usize {
    page.find(needle)
        .unwrap_or_else(|| panic!("{what}: {needle:?} not found in\n{page}"))
}

#[test]
fn findings_come_before_the_matrix_in_every_format() {
    for file in EXAMPLES {
        for (format, findings, matrix) in ORDER {
            let page = report(&[], file, format);
            let what = format!("{file} --format {format}");
            let f = at(&page, findings, &what);
            let m = at(&page, matrix, &what);
            assert!(
                f < m,
                "{what}: the findings ({f}) come after the matrix ({m})"
            );
            // The first failing or unknown outcome is described before the matrix too.
            if file != ARBODIENST {
                let first = match format {
                    "text" => "Wat te doen:",
                    "markdown" => "- Wat te doen:",
                    _ => "<dt>Wat te doen</dt>",
                };
                assert!(
                    at(&page, first, &what) < m,
                    "{what}: details after the matrix"
                );
            }
        }
    }
}

/// The accepted deviations come after what needs attention and before the matrix.
#[test]
fn accepted_deviations_come_between_the_findings_and_the_matrix() {
    for (format, findings, matrix) in ORDER {
        let page = report(&[], ARBODIENST, format);
        let heading = match format {
            "html" => "<h3>Aanvaarde afwijkingen</h3>",
            "markdown" => "\n### Aanvaarde afwijkingen\n",
            _ => "\nAanvaarde afwijkingen\n",
        };
        let w = at(&page, heading, format);
        assert!(
            at(&page, findings, format) < w && w < at(&page, matrix, format),
            "{format}"
        );
    }
}

/// In a batch the summary table comes first, then per organisation the same order.
#[test]
fn a_batch_keeps_the_summary_first_then_findings_before_each_matrix() {
    let mut args = vec!["check"];
    args.extend(EXAMPLES);
    for (format, findings, matrix) in ORDER {
        let out = common::bb()
            .args(&args)
            .args(["--format", format])
            .output()
            .expect("run beeldbel");
        assert_eq!(out.status.code(), Some(1));
        let page = String::from_utf8(out.stdout).expect("UTF-8");
        let summary = match format {
            "text" => "Samenvatting (3 organisaties)",
            "markdown" => "## Samenvatting",
            _ => r#"<table class="summary-table">"#,
        };
        let s = at(&page, summary, format);
        let f: Vec<usize> = page.match_indices(findings).map(|(i, _)| i).collect();
        let m: Vec<usize> = page.match_indices(matrix).map(|(i, _)| i).collect();
        assert_eq!(
            (f.len(), m.len()),
            (3, 3),
            "{format}: one of each per organisation"
        );
        assert!(s < f[0], "{format}: the summary first");
        for k in 0..3 {
            assert!(
                f[k] < m[k],
                "{format}: organisation {k}: findings after the matrix"
            );
            if k > 0 {
                assert!(m[k - 1] < f[k], "{format}: organisation {k} out of order");
            }
        }
    }
}

#[test]
fn a_verdict_resting_on_accepted_deviations_says_so() {
    // Text and Markdown: the verdict line.
    let text = report(&[], ARBODIENST, "text");
    assert!(
        text.starts_with("Oordeel: VOLDOET, met 2 aanvaarde afwijkingen\n"),
        "{text}"
    );
    let md = report(&[], ARBODIENST, "markdown");
    assert!(
        md.starts_with("# Rapport beeldbellen: VOLDOET, met 2 aanvaarde afwijkingen\n"),
        "{md}"
    );
    let en = report(&["--lang", "en"], ARBODIENST, "text");
    assert!(
        en.starts_with("Verdict: COMPLIANT, with 2 accepted deviations\n"),
        "{en}"
    );
    // HTML: the banner names them and is not plain green.
    let html = report(&[], ARBODIENST, "html");
    let banner = &html[at(&html, "<header", "html")..at(&html, "</header>", "html")];
    assert!(
        banner.contains(r#"class="page-head v-compliant with-deviations""#),
        "{banner}"
    );
    assert!(
        banner.contains(r#"<span class="deviations">, met 2 aanvaarde afwijkingen</span>"#),
        "{banner}"
    );
    // Without waivers nothing is added.
    for format in ["text", "markdown", "html"] {
        let page = report(&[], "docs/examples/zorggroep-jitsi.toml", format);
        assert!(!page.contains("aanvaarde afwijking"), "{format}");
        assert!(!page.contains(r#"with-deviations""#), "{format}");
    }
}

/// One deviation is singular; a high-severity one is named; a verdict that is incomplete also
/// rests on its deviations.
#[test]
fn one_high_severity_deviation_is_singular_and_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(common::root().join(ARBODIENST)).expect("example");
    // Keep the first waiver, drop the second (PLAT-CERT-01 becomes unknown: incomplete), and
    // waive the high-severity BEROEP-KANAAL-01 that now depends on it.
    let second = text.rfind("[[waivers]]").expect("two waivers");
    let org = format!(
        "{}[[waivers]]\nrequirement = \"BEROEP-KANAAL-01\"\ndeployment = \"zoom\"\nreason = \"Certificaat aangevraagd\"\napproved_by = \"FG\"\napproved_on = 2026-01-01\nexpires = 2027-12-31\n",
        &text[..second]
    );
    let path = dir.path().join("org.toml");
    std::fs::write(&path, org).expect("write");
    let path = path.to_str().expect("UTF-8 path");
    let text = report(&[], path, "text");
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.contains("ONVOLLEDIG, met 2 aanvaarde afwijkingen (waarvan 1 van hoge ernst)"),
        "{first}"
    );
    let html = report(&[], path, "html");
    assert!(html.contains(r#"class="page-head v-incomplete with-deviations with-high""#));

    // Only the first waiver: singular.
    let only = dir.path().join("one.toml");
    let base = std::fs::read_to_string(common::root().join(ARBODIENST)).expect("example");
    std::fs::write(&only, &base[..base.rfind("[[waivers]]").expect("waiver")]).expect("write");
    let only = only.to_str().expect("UTF-8 path");
    let en = report(&["--lang", "en"], only, "markdown");
    assert!(
        en.starts_with("# Video-calling report: INCOMPLETE, with 1 accepted deviation\n"),
        "{en}"
    );
    let nl = report(&[], only, "text");
    assert!(
        nl.starts_with("Oordeel: ONVOLLEDIG, met 1 aanvaarde afwijking\n"),
        "{nl}"
    );
}

/// "Bevinding: niet voldaan" beside a "niet voldaan" badge said the state twice; a waiver's
/// reason is said once.
#[test]
fn no_text_is_said_twice() {
    let html = report(&[], WHATSAPP, "html");
    assert!(html.contains(r#"<article class="outcome s-fail""#));
    assert!(
        !html.contains("<dt>Bevinding</dt>\n<dd class=\"text\">niet voldaan</dd>"),
        "a finding that repeats the state"
    );
    let md = report(&[], WHATSAPP, "markdown");
    assert!(md.contains("#### ✗ niet voldaan `PLAT-VWO-01`"), "{md}");
    for repeated in ["Bevinding: niet voldaan", "Uitkomst: niet voldaan"] {
        assert!(!md.contains(repeated), "{repeated:?} in\n{md}");
    }
    // An unknown's finding says what is missing, without the state word again.
    let md = report(&[], REINTEGRATIE, "markdown");
    assert!(
        md.contains("- Bevinding: vul \\`dpia.review\\_due\\` in"),
        "{md}"
    );
    assert!(!md.contains("Bevinding: onbekend"), "{md}");
    let html = report(&[], REINTEGRATIE, "html");
    assert!(
        !html.contains("<dd class=\"text\">onbekend:"),
        "state word repeated"
    );

    let reason = "Zoom gebruikt gebruiksgegevens voor productonderzoek.";
    for format in ["text", "markdown", "html"] {
        let page = report(&[], ARBODIENST, format);
        assert_eq!(page.matches(reason).count(), 1, "{format}: the reason once");
    }
    // The organisation's verdict is not repeated under the report's verdict.
    let text = report(&[], WHATSAPP, "text");
    assert_eq!(text.matches("VOLDOET NIET").count(), 1, "{text}");
}
