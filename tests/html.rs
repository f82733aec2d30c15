//! The HTML report (`check --format html`): snapshots of the page, the batch summary, hostile
//! strings shown as text and never as markup, a page that loads nothing, and markup that parses
//! (a tag-balance check here, the HTML5 parsing algorithm with `html5ever`, and well-formed XML
//! with `roxmltree`). Nothing here needs a program outside Rust.
//!
//! Every run uses `--today 2026-11-23` so reports are reproducible. What a browser makes of the
//! page (requests, console messages, screenshot, PDF) is tested in `tests/browser.rs`.

mod common;

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::BTreeSet;

use html5ever::driver::ParseOpts;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tokenizer::TokenizerOpts;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, QualName};
use serde_json::Value;

use common::{ARBODIENST, HOSTILE_ORG, HOSTILE_POLICY, REINTEGRATIE, Run, WHATSAPP, bb, root};

/// The Content-Security-Policy every page carries.
const CSP: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />"#;

/// `beeldbel [GLOBAL…] --today 2026-11-23 check FILE… --format FORMAT [--lang …]`.
fn check(global: &[&str], files: &[&str], format: &str) -> Run {
    let mut cmd = bb();
    cmd.args(global)
        .arg("check")
        .args(files)
        .args(["--format", format]);
    Run::of(cmd.output().expect("run beeldbel"))
}

/// The HTML page of a check; every check here ends in a report (exit code 0 or 1).
fn html(global: &[&str], files: &[&str]) -> String {
    let r = check(global, files, "html");
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    assert!(r.stdout.starts_with("<!DOCTYPE html>"), "{}", r.show());
    r.stdout
}

/// The JSON report of the same check.
fn json(global: &[&str], files: &[&str]) -> Value {
    let r = check(global, files, "json");
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    r.report()
}

// ---------------------------------------------------------------------------------------------
// A small HTML reader: enough to check the markup this renderer writes.

/// One start or end tag.
#[derive(Debug)]
struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    /// Attribute names (lower case) and values, entities decoded.
    attrs: Vec<(String, String)>,
    /// Byte offset in the page, for messages.
    at: usize,
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Decodes the character references the renderer writes (and numeric ones in general).
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The tags of a page, in order. Text never holds a raw `<` in this renderer's output, so every
/// `<` starts a tag, a comment, a doctype, or (inside `<style>`) nothing at all.
fn tags(page: &str) -> Vec<Tag> {
    let bytes = page.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = page[i..].find('<') {
        let start = i + off;
        let rest = &page[start..];
        if rest.starts_with("<!--") {
            i = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") {
            i = start + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let end = rest.starts_with("</");
        let mut j = start + if end { 2 } else { 1 };
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        let name = page[name_start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= bytes.len() {
                break;
            }
            match bytes[j] {
                b'>' => {
                    j += 1;
                    break;
                }
                b'/' => {
                    self_closing = true;
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let a = j;
            while j < bytes.len() && !b" \t\r\n=>/".contains(&bytes[j]) {
                j += 1;
            }
            let attr = page[a..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v = j + 1;
                        let close = page[v..].find(q as char).map_or(page.len(), |e| v + e);
                        value = decode(&page[v..close]);
                        j = (close + 1).min(page.len());
                    }
                    _ => {
                        let v = j;
                        while j < bytes.len() && !b" \t\r\n>".contains(&bytes[j]) {
                            j += 1;
                        }
                        value = decode(&page[v..j]);
                    }
                }
            }
            if attr.is_empty() {
                j += 1;
            } else {
                attrs.push((attr, value));
            }
        }
        i = j;
        if name == "style" && !end {
            // CSS is not markup: skip to the end tag.
            i = page[i..].find("</style>").map_or(page.len(), |e| i + e);
        }
        out.push(Tag {
            name,
            end,
            self_closing,
            attrs,
            at: start,
        });
    }
    out
}

/// Every element closed, in order; void elements never closed.
fn assert_balanced(page: &str) {
    let mut open: Vec<&Tag> = Vec::new();
    let all = tags(page);
    for t in &all {
        let context = || &page[t.at.saturating_sub(120)..(t.at + 80).min(page.len())];
        assert!(
            !t.name.is_empty(),
            "a `<` that starts no tag: …{}…",
            context()
        );
        if t.end {
            let top = open
                .pop()
                .unwrap_or_else(|| panic!("`</{}>` closes nothing: …{}…", t.name, context()));
            assert_eq!(
                top.name,
                t.name,
                "`</{}>` closes `<{}>`: …{}…",
                t.name,
                top.name,
                context()
            );
        } else if !VOID.contains(&t.name.as_str()) && !t.self_closing {
            open.push(t);
        }
    }
    let left: Vec<&str> = open.iter().map(|t| t.name.as_str()).collect();
    assert!(left.is_empty(), "elements never closed: {left:?}");
}

/// The `source.url` of every piece of evidence in a JSON report.
fn source_urls(report: &Value) -> BTreeSet<String> {
    let mut urls = BTreeSet::new();
    for org in report["organisations"].as_array().expect("organisations") {
        for o in org["outcomes"].as_array().expect("outcomes") {
            for e in o["evidence"].as_array().expect("evidence") {
                if let Some(u) = e["source"]["url"].as_str() {
                    urls.insert(u.to_string());
                }
            }
        }
    }
    urls
}

/// The page loads nothing and runs nothing: the CSP meta tag, no script, no external
/// resources, no event handlers; links only to places on the page and to `https://` sources of
/// catalogue facts (`allowed_links`).
fn assert_self_contained(page: &str, allowed_links: &BTreeSet<String>) {
    assert!(page.contains(CSP), "the page lacks its CSP meta tag");
    assert!(
        page.contains(r#"<meta charset="utf-8" />"#),
        "no UTF-8 meta tag"
    );
    assert!(
        !page.contains("@import") && !page.contains("url("),
        "CSS may load nothing"
    );
    for t in tags(page) {
        assert!(
            !matches!(
                t.name.as_str(),
                "script"
                    | "link"
                    | "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "base"
                    | "form"
                    | "video"
                    | "audio"
                    | "source"
                    | "image"
                    | "use"
                    | "foreignobject"
            ),
            "element <{}> has no place in the page",
            t.name
        );
        for (name, value) in &t.attrs {
            assert!(
                !name.starts_with("on"),
                "event handler {name}={value:?} on <{}>",
                t.name
            );
            match name.as_str() {
                "src" | "srcset" | "action" | "formaction" | "data" | "poster" | "background"
                | "xlink:href" | "ping" => {
                    panic!("<{} {name}={value:?}>: the page may load nothing", t.name)
                }
                "href" => {
                    let ok = value.starts_with('#')
                        || (t.name == "a"
                            && value.starts_with("https://")
                            && allowed_links.contains(value));
                    assert!(
                        ok,
                        "<{} href={value:?}>: only links within the page or to an https:// \
                         catalogue source",
                        t.name
                    );
                }
                _ => {}
            }
        }
    }
    // Every link within the page lands somewhere.
    let ids: BTreeSet<String> = tags(page)
        .into_iter()
        .flat_map(|t| {
            t.attrs
                .into_iter()
                .filter(|(n, _)| n == "id")
                .map(|(_, v)| v)
        })
        .collect();
    for t in tags(page) {
        for (name, value) in &t.attrs {
            if let Some(target) = value.strip_prefix('#').filter(|_| name == "href") {
                assert!(
                    ids.contains(target),
                    "link to #{target}, which is not on the page"
                );
            }
        }
    }
}

/// The HTML5 parse errors of a page (html5ever, the parser of Servo, following the WHATWG
/// parsing algorithm that browsers follow), each with its line. Inline SVG is foreign content
/// the algorithm knows; no element of the page is "unknown" to it.
fn html5_errors(page: &str) -> Vec<String> {
    let opts = ParseOpts {
        tokenizer: TokenizerOpts {
            exact_errors: true,
            ..TokenizerOpts::default()
        },
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
    };
    html5ever::parse_document(ParseErrors::default(), opts).one(page)
}

/// An html5ever tree sink that builds no tree: it keeps what the tree builder asks back (each
/// element's name) and every parse error with the line it was found on.
#[derive(Default)]
struct ParseErrors {
    /// Indexed by handle; handle 0 is the document. `None` for what is not an element.
    names: RefCell<Vec<Option<QualName>>>,
    line: Cell<u64>,
    errors: RefCell<Vec<String>>,
}

impl ParseErrors {
    fn node(&self, name: Option<QualName>) -> usize {
        let mut names = self.names.borrow_mut();
        if names.is_empty() {
            names.push(None); // the document
        }
        names.push(name);
        names.len() - 1
    }
}

impl TreeSink for ParseErrors {
    type Handle = usize;
    type Output = Vec<String>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Vec<String> {
        self.errors.into_inner()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        let line = self.line.get().max(1);
        self.errors.borrow_mut().push(format!("line {line}: {msg}"));
    }
    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| {
            names[*target]
                .as_ref()
                .expect("the tree builder asks only for elements' names")
        })
    }
    fn create_element(&self, name: QualName, _: Vec<Attribute>, flags: ElementFlags) -> usize {
        let element = self.node(Some(name));
        if flags.template {
            // Its contents: the next handle (`get_template_contents`).
            self.node(None);
        }
        element
    }
    fn get_template_contents(&self, template: &usize) -> usize {
        template + 1
    }
    fn create_comment(&self, _: StrTendril) -> usize {
        self.node(None)
    }
    fn create_pi(&self, _: StrTendril, _: StrTendril) -> usize {
        self.node(None)
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        if mode != QuirksMode::NoQuirks {
            let line = self.line.get().max(1);
            self.errors
                .borrow_mut()
                .push(format!("line {line}: the page renders in {mode:?} mode"));
        }
    }
    // Where nodes go is the tree's business; there is no tree.
    fn append(&self, _: &usize, _: NodeOrText<usize>) {}
    fn append_based_on_parent_node(&self, _: &usize, _: &usize, _: NodeOrText<usize>) {}
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn append_before_sibling(&self, _: &usize, _: NodeOrText<usize>) {}
    fn add_attrs_if_missing(&self, _: &usize, _: Vec<Attribute>) {}
    fn remove_from_parent(&self, _: &usize) {}
    fn reparent_children(&self, _: &usize, _: &usize) {}
}

/// Why the page is not well-formed XML (roxmltree: line, column and what), if it is not. The
/// `<!DOCTYPE html>` declaration is allowed.
fn xml_error(page: &str) -> Option<String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(page, opts)
        .err()
        .map(|e| e.to_string())
}

/// The page parses without a single HTML5 parse error, and is well-formed XML too (so any XML
/// tool can read it).
fn assert_parses_cleanly(page: &str, label: &str) {
    let errors = html5_errors(page);
    assert!(
        errors.is_empty(),
        "HTML5 parse errors on the {label} page:\n{}",
        errors.join("\n")
    );
    if let Some(e) = xml_error(page) {
        panic!("the {label} page is not well-formed XML: {e}");
    }
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let i = page
        .find(start)
        .unwrap_or_else(|| panic!("the page lacks {start:?}"));
    let rest = &page[i..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("{start:?} is never ended by {end:?}"))]
}

// ---------------------------------------------------------------------------------------------

#[test]
fn zelfstandige_whatsapp_in_dutch() {
    let r = check(&[], &[WHATSAPP], "html");
    r.code(1);
    let page = &r.stdout;
    assert!(page.contains(r#"<html lang="nl">"#));
    assert!(page.contains("VOLDOET NIET"));
}

#[test]
fn zelfstandige_whatsapp_in_english() {
    let r = check(&["--lang", "en"], &[WHATSAPP], "html");
    r.code(1);
    let page = &r.stdout;
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("NON-COMPLIANT"));
    assert!(page.contains("What needs attention"));
    assert!(
        !page.contains("Wat aandacht vraagt"),
        "Dutch words on the English page"
    );
}

/// Three organisations in one run: a summary table first, one row per organisation with its
/// name, verdict and counts, linking to its section.
#[test]
fn a_batch_starts_with_a_summary_table() {
    let files = [ARBODIENST, WHATSAPP, REINTEGRATIE];
    let page = html(&[], &files);
    let report = json(&[], &files);
    let orgs = report["organisations"].as_array().expect("organisations");
    assert_eq!(orgs.len(), 3);

    let summary = between(&page, r#"<table class="summary-table">"#, "</table>");
    let first_section = page.find(r#"<section class="org""#).expect("org sections");
    assert!(
        page.find(r#"<table class="summary-table">"#).unwrap() < first_section,
        "the summary comes before the organisations"
    );
    let rows: Vec<&str> = summary.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3, "one row per organisation:\n{summary}");
    let verdicts = [
        ("compliant", "✓ voldoet<"),
        ("non_compliant", "✗ voldoet niet<"),
        ("incomplete", "? onvolledig<"),
    ];
    for (n, (row, org)) in rows.iter().zip(orgs).enumerate() {
        let name = org["name"].as_str().unwrap();
        assert!(
            row.contains(&format!(r##"<a href="#org-{}">{name}</a>"##, n + 1)),
            "{row}"
        );
        let verdict = org["verdict"].as_str().unwrap();
        let (_, label) = verdicts.iter().find(|(v, _)| *v == verdict).unwrap();
        assert!(row.contains(&format!(r#"class="v-{verdict}""#)), "{row}");
        assert!(row.contains(label), "{name}: {label} missing in {row}");
        let counts = &org["counts"];
        let cells: Vec<String> = ["fail", "unknown", "waived", "pass", "not_applicable"]
            .iter()
            .map(|s| format!(r#"<td class="n">{}</td>"#, counts[s]))
            .collect();
        assert!(
            row.contains(&cells.concat()),
            "{name}: counts {counts} not in {row}"
        );
        assert!(page.contains(&format!(r#"<section class="org" id="org-{}">"#, n + 1)));
        assert!(page.contains(&format!("<h2>{name}</h2>")));
    }
    assert!(page.contains("<h1>✗ Oordeel: <span class=\"verdict-word\">VOLDOET NIET</span></h1>"));
    assert_balanced(&page);
    assert_self_contained(&page, &source_urls(&report));
}

/// A single organisation has no summary table.
#[test]
fn a_single_organisation_has_no_summary_table() {
    let page = html(&[], &[ARBODIENST]);
    assert!(!page.contains(r#"<table class="summary-table">"#));
}

/// Each matrix cell: colour (class), symbol and word, and a tooltip; `—` where the requirement
/// does not cover the subject; failing and unknown cells link to their details.
#[test]
fn matrix_cells_carry_colour_symbol_and_word() {
    let page = html(&[], &[WHATSAPP]);
    let report = json(&[], &[WHATSAPP]);
    let org = &report["organisations"][0];
    let outcomes = org["outcomes"].as_array().unwrap();
    let matrix = between(&page, r#"<table class="matrix">"#, "</table>");
    let head = between(matrix, "<thead>", "</thead>");
    assert!(head.contains("whatsapp<br /><small>WhatsApp — WhatsApp (consumentenapp)</small>"));
    assert!(head.contains(r#"<th scope="col">organisatie</th>"#));

    let symbols = [
        ("pass", "✓ voldaan"),
        ("fail", "✗ niet voldaan"),
        ("unknown", "? onbekend"),
        ("not_applicable", "– n.v.t."),
        ("waived", "~ afwijking"),
        ("error", "! fout"),
    ];
    let mut filled = 0;
    let mut empty = 0;
    for cell in matrix.split("<td ").skip(1) {
        let cell = &cell[..cell.find("</td>").unwrap()];
        if cell.starts_with(r#"class="cell none""#) {
            assert!(cell.ends_with(">—"), "{cell}");
            assert!(cell.contains("title=\"geen uitkomst"), "{cell}");
            empty += 1;
            continue;
        }
        filled += 1;
        let (state, words) = symbols
            .iter()
            .find(|(s, _)| cell.starts_with(&format!(r#"class="cell s-{s}""#)))
            .unwrap_or_else(|| panic!("a cell without a state class: {cell}"));
        let content = &cell[cell.find('>').unwrap() + 1..];
        let text = decode(&strip_tags(content));
        assert!(text.ends_with(words), "{state}: {text:?} lacks {words:?}");
        assert!(cell.contains(" title=\""), "no tooltip: {cell}");
        assert_eq!(
            cell.contains("<a href=\"#org-1-o-"),
            !matches!(*state, "pass" | "not_applicable"),
            "{cell}"
        );
    }
    let rows = matrix.matches("<tr><th scope=\"row\">").count();
    assert_eq!(filled, outcomes.len(), "one cell per outcome");
    assert_eq!(
        filled + empty,
        rows * 2,
        "a cell for every requirement and subject"
    );

    // The summary: a stacked bar and its legend, with the counts in numbers.
    let bar = between(&page, r#"<svg class="bar""#, "</svg>");
    assert!(bar.contains("<title>niet voldaan: 13</title>"), "{bar}");
    assert!(bar.contains(">✗ 13</text>"), "{bar}");
    let legend = between(&page, r#"<ul class="legend">"#, "</ul>");
    for words in [
        "✗</span> niet voldaan: <strong>13</strong>",
        "?</span> onbekend: <strong>4</strong>",
        "~</span> afwijking aanvaard: <strong>0</strong>",
        "✓</span> voldaan: <strong>16</strong>",
        "–</span> niet van toepassing: <strong>7</strong>",
    ] {
        assert!(legend.contains(words), "legend lacks {words:?}:\n{legend}");
    }
}

/// The text of a fragment without its tags.
fn strip_tags(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The details: failing, unknown and error outcomes first, then waived, then passes and
/// not-applicable compactly; the waiver with its reason, approver and expiry.
#[test]
fn details_come_in_order_with_evidence_inputs_and_waivers() {
    let page = html(&[], &[ARBODIENST, WHATSAPP]);
    let whatsapp = &page[page.find(r#"id="org-2""#).unwrap()..];
    let attention = whatsapp.find("<h3>Wat aandacht vraagt</h3>").unwrap();
    let rest = whatsapp
        .find("<h3>Voldaan en niet van toepassing</h3>")
        .unwrap();
    let first_unknown = whatsapp
        .find(r#"<article class="outcome s-unknown""#)
        .unwrap();
    let first_fail = whatsapp.find(r#"<article class="outcome s-fail""#).unwrap();
    assert!(attention < first_fail && first_fail < first_unknown && first_unknown < rest);

    // Evidence: the fact, its source title, URL as text and link, date checked.
    let vwo = between(whatsapp, r#"id="org-2-o-1""#, "</article>");
    assert!(
        vwo.contains("<code>processor_agreement = false</code>"),
        "{vwo}"
    );
    assert!(
        vwo.contains("bron: WhatsApp Privacy Policy, European Region"),
        "{vwo}"
    );
    assert!(vwo.contains("(gecontroleerd 2026-11-23)"), "{vwo}");
    let url = "https://github.com/OpenTermsArchive/pga-versions/blob/234327bfd7320db84756224af37c978ff3684a29/WhatsApp/Privacy%20Policy.md";
    assert!(
        decode(vwo).contains(&format!(r#"<a href="{url}" rel="noreferrer">{url}</a>"#)),
        "{vwo}"
    );
    assert!(vwo.contains("<dt>Wat te doen</dt>"), "{vwo}");
    assert!(vwo.contains("<li>AVG art. 28 lid 3</li>"), "{vwo}");
    // Inputs with their lines; missing fields.
    assert!(
        whatsapp.contains("<li><code>dpia.status = &quot;not_started&quot;</code> (regel 24)</li>")
    );
    assert!(whatsapp.contains("<dt>Ontbrekende gegevens</dt>"));
    assert!(
        whatsapp.contains(
            "<li><code>catalogue:whatsapp&#x2f;consumer.encryption_in_transit</code></li>"
        )
    );
    // Below the threshold: advice.
    assert!(whatsapp.contains("advies: onder de drempel"));

    // The waiver: after what needs attention, before the passes.
    let arbo = &page[page.find(r#"id="org-1""#).unwrap()..page.find(r#"id="org-2""#).unwrap()];
    let waived_at = arbo.find("<h3>Aanvaarde afwijkingen</h3>").unwrap();
    assert!(arbo.find("<h3>Wat aandacht vraagt</h3>").unwrap() < waived_at);
    assert!(
        waived_at
            < arbo
                .find("<h3>Voldaan en niet van toepassing</h3>")
                .unwrap()
    );
    let waived = between(arbo, r#"<article class="outcome s-waived""#, "</article>");
    for needle in [
        "PLAT-DOEL-02",
        "<dt>Afwijking</dt>",
        "Zoom gebruikt gebruiksgegevens voor productonderzoek",
        "goedgekeurd door FG, mr. A. de Boer op 2025-02-20",
        "geldig tot 2027-02-20",
        "<dt>Zonder afwijking</dt>",
        "?</span> onbekend</dd>",
    ] {
        assert!(
            waived.contains(needle),
            "the waiver lacks {needle:?}:\n{waived}"
        );
    }
    assert!(
        !waived.contains("<dt>Wat te doen</dt>"),
        "a waived outcome needs no remedy"
    );
    assert!(
        arbo.contains("<p class=\"none-found\">"),
        "nothing needs attention at the arbodienst"
    );
    // Passes compactly, with their titles.
    assert!(arbo.contains("✓</span> voldaan (17)</span>"));
    assert!(arbo.contains("<li><code class=\"req\">AVG-DOEL-01</code> "));
}

/// Provenance: tool, policy, catalogue, every file with its hash, date, threshold; then the
/// notice in the footer.
#[test]
fn provenance_and_notice_close_the_page() {
    let files = [ARBODIENST, REINTEGRATIE];
    let page = html(&[], &files);
    let report = json(&[], &files);
    let prov = between(&page, r#"<section class="provenance""#, "</section>");
    let text = decode(prov);
    for needle in [
        format!("beeldbel {}", report["tool"]["version"].as_str().unwrap()),
        format!(
            "avg-beeldbellen {} (herkomst: embedded)",
            report["policy"]["version"].as_str().unwrap()
        ),
        format!(
            "<code>{}</code>",
            report["policy"]["sha256"].as_str().unwrap()
        ),
        format!(
            "<code>{}</code>",
            report["catalogue"]["sha256"].as_str().unwrap()
        ),
        format!(
            "oudste feit {}",
            report["catalogue"]["oldest_fact"].as_str().unwrap()
        ),
        "<td>2026-11-23</td>".to_string(),
        "midden (<code>medium</code>)".to_string(),
    ] {
        assert!(
            text.contains(&needle),
            "provenance lacks {needle:?}:\n{text}"
        );
    }
    for org in report["organisations"].as_array().unwrap() {
        let file = org["file"].as_str().unwrap();
        let sha = org["sha256"].as_str().unwrap();
        assert!(
            text.contains(&format!(
                "<li>{file}<br /><span class=\"hash\">SHA-256 <code>{sha}</code>"
            )),
            "provenance lacks {file} {sha}:\n{text}"
        );
    }
    let footer = between(&page, "<footer>", "</footer>");
    assert!(footer.contains(report["notice"]["nl"].as_str().unwrap()));
    assert!(page.find("<footer>").unwrap() > page.find(r#"<section class="provenance""#).unwrap());
}

/// Strings from the policy and the organisation file are text, never markup.
#[test]
fn hostile_strings_are_shown_as_text() {
    let global = ["--policy", HOSTILE_POLICY];
    let r = check(&global, &[HOSTILE_ORG], "html");
    r.code(1);
    let page = &r.stdout;
    for raw in [
        "<script",
        "<img",
        "<b>",
        "<i>",
        "<een>",
        "<ref>",
        "<!--",
        r#"<a href="https://example.invalid""#,
        "onerror=alert",
    ] {
        let hit = page
            .find(raw)
            .map(|i| &page[i.saturating_sub(80)..(i + 80).min(page.len())]);
        if raw == "onerror=alert" {
            // Only as escaped text inside an element, never as an attribute.
            assert!(
                tags(page)
                    .iter()
                    .all(|t| t.attrs.iter().all(|(n, _)| n != "onerror")),
                "an onerror attribute"
            );
            continue;
        }
        assert!(
            hit.is_none(),
            "raw {raw:?} in the page: …{}…",
            hit.unwrap_or_default()
        );
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;",
        "&lt;script&gt;alert(2)&lt;",
        "&amp; Zonen &quot;BV&quot;",
        "Platform &lt;img src=x onerror=alert(3)&gt;",
        "&lt;a href=&quot;https:",
        "&lt;!-- comment --&gt; &amp; &#x27;single&#x27; &quot;double&quot;",
        "ref &amp; &lt;ref&gt;",
        "hostile-&lt;policy&gt; 1 &amp; &quot;2&quot;",
    ] {
        assert!(page.contains(escaped), "the page lacks {escaped:?}");
    }
    // The organisation's name reads as written, once decoded.
    let name = "<script>alert(1)</script> & Zonen \"BV\" | pipe 'quote' ]]> --> *nadruk* `code`";
    assert!(decode(page).contains(&format!("<h2>{name}\ntweede regel</h2>")));
    let report = json(&global, &[HOSTILE_ORG]);
    assert_self_contained(page, &source_urls(&report));
    assert_balanced(page);
    assert_parses_cleanly(page, "hostile");
}

/// Control characters (here terminal escapes and a bell in the organisation's name) do not
/// reach the page: each becomes U+FFFD, as in the text report.
#[test]
fn control_characters_are_neutralised() {
    let page = html(&[], &["tests/data/hostile/org-terminal.toml"]);
    let bad: Vec<char> = page
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "control characters in the page: {bad:?}");
    assert!(page.contains("<h2>Evil\u{FFFD}[2J\u{FFFD}[31m Rood\u{FFFD}</h2>"));
    assert_balanced(&page);
    assert_parses_cleanly(&page, "terminal");
}

/// A URL in the organisation file is text, never a link: only catalogue sources with an
/// `https://` address become links. (The hostile organisation with clients not informed, so that
/// AVG-INFO-01 fails and shows the privacy notice URL it read.)
#[test]
fn a_url_in_the_input_never_becomes_a_link() {
    let hostile = std::fs::read_to_string(root().join(HOSTILE_ORG)).expect("read hostile org");
    let org = hostile.replace(
        "informed_before_call = true",
        "informed_before_call = false",
    );
    assert_ne!(org, hostile);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("org.toml");
    std::fs::write(&file, org).expect("write org");
    let file = file.to_str().expect("UTF-8 temp path");

    let page = html(&[], &[file]);
    let report = json(&[], &[file]);
    let input = "https://advies-devries.nl/privacy";
    let info = report["organisations"][0]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| {
            o["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["value"] == input)
        })
        .expect("an outcome reads client_information.privacy_notice_url");
    assert_eq!(info["state"], "fail", "{info}");
    let text = decode(&page);
    assert!(
        text.contains(&format!("privacy_notice_url = \"{input}\"</code>")),
        "the URL is shown as text"
    );
    for t in tags(&page) {
        for (name, value) in &t.attrs {
            assert!(
                !value.contains("advies-devries"),
                "<{} {name}={value:?}>",
                t.name
            );
        }
    }
    assert_self_contained(&page, &source_urls(&report));
}

/// A catalogue source whose address is not `https://` (here `javascript:` and `http://`) is
/// shown as text, not as a link; its title is escaped like everything else.
#[test]
fn only_https_catalogue_sources_become_links() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("zoom.toml"),
        r#"id = "zoom"
name = "Zoom (eigen catalogus)"
vendor = "Zoom Communications, Inc."

[attributes]
processor_agreement = { value = false, source = "evil" }
vendor_own_purposes = { value = true, source = "plain" }
encryption_in_transit = true
status = "active"

[editions.business]
name = "Zoom zakelijk"
kind = "business"

[sources.evil]
title = "Evil <script>alert(4)</script>"
url = "javascript:alert(5)"
checked = 2026-11-23

[sources.plain]
title = "Plain http"
url = "http://example.invalid/plain"
checked = 2026-11-23
"#,
    )
    .expect("write catalogue");
    let platforms = dir.path().to_str().expect("UTF-8 temp path");
    // The catalogue loader refuses such sources (BB008), naming each address.
    let r = check(&["--platforms", platforms], &[ARBODIENST], "html");
    assert_eq!(r.code, Some(2), "{}", r.show());
    assert!(r.stdout.is_empty(), "{}", r.show());
    assert!(r.stderr.contains("[BB008]"), "{}", r.show());
    assert!(r.stderr.contains("javascript:alert(5)"), "{}", r.show());
    assert!(
        r.stderr.contains("http://example.invalid/plain"),
        "{}",
        r.show()
    );

    // And should a saved report carry them anyway (edited by hand), the renderer still links
    // https:// sources only.
    let mut report = json(&[], &[WHATSAPP]);
    let mut swapped = 0;
    for o in report["organisations"][0]["outcomes"]
        .as_array_mut()
        .expect("outcomes")
        .iter_mut()
        .filter(|o| o["state"] == "fail")
    {
        for e in o["evidence"].as_array_mut().expect("evidence") {
            if e["source"].is_object() {
                let (url, title) = if swapped % 2 == 0 {
                    ("javascript:alert(5)", "Evil <script>alert(4)</script>")
                } else {
                    ("http://example.invalid/plain", "Plain http")
                };
                e["source"]["url"] = url.into();
                e["source"]["title"] = title.into();
                swapped += 1;
            }
        }
    }
    assert!(swapped >= 2, "the example cites sources");
    let saved = dir.path().join("edited.json");
    std::fs::write(&saved, report.to_string()).expect("write report");
    let r = Run::of(
        bb().args(["report", "--format", "html", "--from"])
            .arg(&saved)
            .output()
            .expect("run beeldbel"),
    );
    assert_eq!(r.code, Some(1), "{}", r.show());
    let page = r.stdout;
    let urls = source_urls(&report);
    assert!(urls.contains("javascript:alert(5)") && urls.contains("http://example.invalid/plain"));
    let text = decode(&page);
    assert!(text.contains(r#"<span class="url">javascript:alert(5)</span>"#));
    assert!(text.contains(r#"<span class="url">http://example.invalid/plain</span>"#));
    assert!(page.contains("Evil &lt;script&gt;alert(4)&lt;"));
    assert!(!page.contains("<script"));
    // Even with those addresses in the report, no href may carry them: hrefs are https:// only.
    assert_self_contained(&page, &urls);
}

/// The markup parses: balanced tags, no HTML5 parse error and well-formed XML, for every example
/// alone, in a batch, in English.
#[test]
fn every_page_is_well_formed() {
    let cases: [(&str, &[&str], &[&str]); 5] = [
        ("arbodienst", &[], &[ARBODIENST]),
        ("whatsapp", &[], &[WHATSAPP]),
        ("reintegratie", &[], &[REINTEGRATIE]),
        ("batch", &[], &[ARBODIENST, WHATSAPP, REINTEGRATIE]),
        ("whatsapp-en", &["--lang", "en"], &[WHATSAPP]),
    ];
    for (label, global, files) in cases {
        let page = html(global, files);
        assert_balanced(&page);
        assert_parses_cleanly(&page, label);
        assert_self_contained(&page, &source_urls(&json(global, files)));
    }
}

/// The checks above can fail: they catch the mistakes they are there for.
#[test]
fn the_page_checks_catch_bad_pages() {
    let good = html(&[], &[ARBODIENST]);
    let urls = source_urls(&json(&[], &[ARBODIENST]));
    let fails = |f: &dyn Fn()| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).is_err();
    let with = |extra: &str| good.replace("<main>", &format!("<main>{extra}"));
    // (Each caught failure prints its message; libtest shows it only if this test fails.)
    let results = [
        ("unclosed <div>", fails(&|| assert_balanced(&with("<div>")))),
        ("stray </p>", fails(&|| assert_balanced(&with("</p>")))),
        (
            "<script>",
            fails(&|| assert_self_contained(&with("<script></script>"), &urls)),
        ),
        (
            "<img src>",
            fails(&|| assert_self_contained(&with(r#"<img src="data:," />"#), &urls)),
        ),
        (
            "link to an input URL",
            fails(&|| {
                assert_self_contained(
                    &with(r#"<a href="https://advies-devries.nl/">x</a>"#),
                    &urls,
                )
            }),
        ),
        (
            "javascript: link",
            fails(&|| assert_self_contained(&with(r#"<a href="javascript:x()">x</a>"#), &urls)),
        ),
        (
            "event handler",
            fails(&|| assert_self_contained(&with(r#"<p onclick="x()">x</p>"#), &urls)),
        ),
        (
            "dangling #link",
            fails(&|| assert_self_contained(&with(r##"<a href="#nowhere">x</a>"##), &urls)),
        ),
        (
            "no CSP",
            fails(&|| assert_self_contained(&good.replace(CSP, ""), &urls)),
        ),
        (
            "HTML5: misnested",
            !html5_errors(&with("<p><b>a</p></b>")).is_empty(),
        ),
        (
            "HTML5: stray </div>",
            !html5_errors(&with("</div>")).is_empty(),
        ),
        (
            "HTML5: duplicate attribute",
            !html5_errors(&with(r#"<p class="a" class="b">x</p>"#)).is_empty(),
        ),
        (
            "HTML5: no doctype (quirks mode)",
            !html5_errors(&good.replacen("<!DOCTYPE html>", "", 1)).is_empty(),
        ),
        ("XML: raw &", xml_error(&with("<p>a & b</p>")).is_some()),
        (
            "XML: misnested",
            xml_error(&with("<p><b>a</p></b>")).is_some(),
        ),
        ("XML: unclosed <br>", xml_error(&with("<br>")).is_some()),
        (
            "both, together",
            fails(&|| assert_parses_cleanly(&with("<p><b>a</p></b>"), "bad-nesting")),
        ),
    ];
    let blind: Vec<&str> = results
        .iter()
        .filter(|(_, f)| !f)
        .map(|(n, _)| *n)
        .collect();
    assert!(blind.is_empty(), "the checks miss: {blind:?}");
    // And the good page passes them all.
    assert_balanced(&good);
    assert_self_contained(&good, &urls);
    assert_parses_cleanly(&good, "good");
}

/// "Voldoet" never hides accepted risks: under the verdict the page says how many waivers the
/// verdict rests on, and how many of them are of high severity; without waivers it says nothing.
#[test]
fn the_verdict_says_how_many_waivers_it_rests_on() {
    let head = |page: &str| between(page, "<header", "</header>").to_string();
    let arbo = head(&html(&[], &["docs/examples/arbodienst.toml"]));
    assert!(arbo.contains("VOLDOET"), "{arbo}");
    assert!(
        arbo.contains(r#"<span class="deviations">, met 2 aanvaarde afwijkingen</span>"#),
        "{arbo}"
    );
    assert!(arbo.contains("het oordeel rust op risico"), "{arbo}");
    assert!(!arbo.contains("van hoge ernst"), "{arbo}");
    // A waived outcome shows its reason once, under "Afwijking" (not again as the finding).
    let page = html(&[], &["docs/examples/arbodienst.toml"]);
    let waived = between(&page, r#"<article class="outcome s-waived""#, "</article>");
    assert_eq!(
        waived
            .matches("Zoom gebruikt gebruiksgegevens voor productonderzoek")
            .count(),
        1,
        "{waived}"
    );
    assert!(!head(&html(&[], &[WHATSAPP])).contains("waivers-note"));

    // A waiver of a high-severity requirement is counted as such.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("docs/examples/arbodienst.toml").unwrap();
    let org = dir.path().join("org.toml");
    std::fs::write(
        &org,
        format!(
            "{text}\n[[waivers]]\nrequirement = \"AVG-DPIA-01\"\ndeployment = \"zoom\"\nreason = \"DPIA loopt\"\napproved_by = \"FG\"\napproved_on = 2026-01-01\nexpires = 2027-12-31\n"
        )
        .replacen("completed_on = 2025-02-10", "", 1),
    )
    .unwrap();
    let page = head(&html(&["--lang", "en"], &[org.to_str().unwrap()]));
    assert!(
        page.contains(", with 3 accepted deviations (1 of them of high severity)"),
        "{page}"
    );
}
