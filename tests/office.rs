//! `--format docx` and `--format odt` (`check`, `report --from`, `dpia`), read back as a word
//! processor would: the zip package is opened and every XML part parsed; the headings carry the
//! heading styles (the same headings, in the same order, as the Markdown rendering), the tables
//! have the rows of the Markdown tables, every gap is highlighted in yellow and nothing else is,
//! the properties name the title, the language and the evaluation date, and the same input gives
//! the same bytes. With LibreOffice (`soffice`) installed, it opens each document headless and
//! converts it: to text (checked) and docx to odt (headings and highlights survive).

mod common;

use std::io::Read;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use common::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// Runs beeldbel with `args` plus `--output` into a temporary folder, expects exit `code`, and
/// returns the file's bytes.
fn produce(args: &[&str], ext: &str, code: i32) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("out.{ext}"));
    let r = Run::of(
        bb().args(args)
            .arg("--output")
            .arg(&path)
            .output()
            .expect("run beeldbel"),
    );
    r.code(code);
    assert!(
        r.stdout.is_empty(),
        "nothing on stdout with --output: {}",
        r.show()
    );
    std::fs::read(&path).expect("output written")
}

/// The entries of a zip package, in order: name, stored uncompressed, bytes.
struct Package {
    entries: Vec<(String, bool, Vec<u8>)>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        let mut entries = Vec::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("entry");
            let stored = f.compression() == zip::CompressionMethod::Stored;
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("entry reads");
            let name = f.name().expect("entry name").to_string();
            entries.push((name, stored, data));
        }
        // Every XML part is well-formed.
        for (name, _, data) in &entries {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let text = std::str::from_utf8(data).expect("XML is UTF-8");
                roxmltree::Document::parse(text)
                    .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
            }
        }
        Package { entries }
    }

    fn part(&self, name: &str) -> &str {
        let (_, _, data) = self
            .entries
            .iter()
            .find(|(n, ..)| n == name)
            .unwrap_or_else(|| panic!("no part {name}"));
        std::str::from_utf8(data).expect("UTF-8")
    }
}

/// A paragraph as a reader sees it: its style, its text, the highlighted stretches.
#[derive(Debug)]
struct Para {
    style: String,
    outline: Option<String>,
    text: String,
    highlighted: Vec<String>,
}

/// The paragraphs of `word/document.xml`, in order (table cells included).
fn docx_paras(doc: &roxmltree::Document<'_>) -> Vec<Para> {
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let style = p
            .descendants()
            .find(|n| n.has_tag_name((W, "pStyle")))
            .and_then(|n| n.attribute((W, "val")))
            .unwrap_or("")
            .to_string();
        let mut text = String::new();
        let mut highlighted: Vec<String> = Vec::new();
        let mut open = false;
        for r in p.descendants().filter(|n| n.has_tag_name((W, "r"))) {
            let t: String = r
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            let yellow = r.descendants().any(|n| {
                n.has_tag_name((W, "highlight")) && n.attribute((W, "val")) == Some("yellow")
            });
            match (yellow, open) {
                (true, true) => highlighted.last_mut().expect("open").push_str(&t),
                (true, false) => highlighted.push(t.clone()),
                _ => {}
            }
            open = yellow;
            text.push_str(&t);
        }
        out.push(Para {
            style,
            outline: None,
            text,
            highlighted,
        });
    }
    out
}

/// The names of the automatic text styles in `content.xml` with a yellow background.
fn odt_yellow_styles(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((STYLE, "style")))
        .filter(|n| {
            n.children().any(|c| {
                c.has_tag_name((STYLE, "text-properties"))
                    && c.attribute((FO, "background-color")) == Some("#ffff00")
            })
        })
        .filter_map(|n| n.attribute((STYLE, "name")).map(str::to_string))
        .collect()
}

/// The paragraphs and headings of `content.xml`, in order.
fn odt_paras(doc: &roxmltree::Document<'_>) -> Vec<Para> {
    let yellow = odt_yellow_styles(doc);
    let mut out = Vec::new();
    for p in doc
        .descendants()
        .filter(|n| n.has_tag_name((TEXT, "p")) || n.has_tag_name((TEXT, "h")))
    {
        let mut text = String::new();
        let mut highlighted: Vec<String> = Vec::new();
        let mut open = false;
        for t in p.descendants().filter(|n| n.is_text()) {
            let s = t.text().unwrap_or("");
            let lit = t.ancestors().take_while(|a| *a != p).any(|a| {
                a.has_tag_name((TEXT, "span"))
                    && a.attribute((TEXT, "style-name"))
                        .is_some_and(|s| yellow.iter().any(|y| y == s))
            });
            match (lit, open) {
                (true, true) => highlighted.last_mut().expect("open").push_str(s),
                (true, false) => highlighted.push(s.to_string()),
                _ => {}
            }
            open = lit;
            text.push_str(s);
        }
        // `text:s` stands for spaces; the documents here need none in a heading.
        out.push(Para {
            style: p.attribute((TEXT, "style-name")).unwrap_or("").to_string(),
            outline: p.attribute((TEXT, "outline-level")).map(str::to_string),
            text,
            highlighted,
        });
    }
    out
}

/// What the Markdown rendering holds: headings (level, text), tables (header + rows, as
/// plain cell texts), and the plain text.
struct Md {
    headings: Vec<(u8, String)>,
    tables: Vec<Vec<Vec<String>>>,
    text: String,
}

fn markdown(md: &str) -> Md {
    let mut m = Md {
        headings: Vec::new(),
        tables: Vec::new(),
        text: String::new(),
    };
    let mut heading: Option<(u8, String)> = None;
    let mut cell: Option<String> = None;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => m.headings.extend(heading.take()),
            Event::Start(Tag::Table(_)) => m.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                m.tables.last_mut().expect("table").push(Vec::new());
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let row = m.tables.last_mut().and_then(|t| t.last_mut()).expect("row");
                row.push(cell.take().unwrap_or_default());
            }
            Event::Text(t) | Event::Code(t) => {
                m.text.push_str(&t);
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => m.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => m.text.push('\n'),
            _ => {}
        }
    }
    m
}

fn stdout_of(args: &[&str]) -> String {
    let r = Run::of(bb().args(args).output().expect("run beeldbel"));
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    r.stdout
}

/// The headings of a document: (level, text), from the heading styles only.
fn docx_headings(paras: &[Para]) -> Vec<(u8, String)> {
    paras
        .iter()
        .filter_map(|p| {
            let level = p.style.strip_prefix("Heading")?.parse().ok()?;
            Some((level, p.text.clone()))
        })
        .collect()
}

fn odt_headings(paras: &[Para]) -> Vec<(u8, String)> {
    paras
        .iter()
        .filter_map(|p| {
            let level: u8 = p.style.strip_prefix("Heading_20_")?.parse().ok()?;
            assert_eq!(
                p.outline.as_deref(),
                Some(level.to_string().as_str()),
                "{p:?}"
            );
            Some((level, p.text.clone()))
        })
        .collect()
}

/// Every gap is highlighted, as a whole, and nothing else: the highlighted stretches are exactly
/// the gaps of the Markdown text.
fn assert_gaps(paras: &[Para], md: &Md, open: &str) {
    let lit: Vec<&String> = paras.iter().flat_map(|p| &p.highlighted).collect();
    let expected = md.text.matches(open).count();
    assert!(expected > 0, "the Markdown has gaps ({open})");
    assert_eq!(
        lit.len(),
        expected,
        "one highlighted stretch per gap: {lit:#?}"
    );
    for l in &lit {
        assert!(
            l.starts_with(open) && l.ends_with(']'),
            "a whole gap: {l:?}"
        );
    }
    for p in paras.iter().filter(|p| p.style.starts_with("Heading")) {
        assert!(p.highlighted.is_empty(), "a heading is no gap: {p:?}");
    }
}

/// The rows of the first table in `paras` order is not kept by paragraphs; tables are read
/// from the XML directly.
fn docx_tables(doc: &roxmltree::Document<'_>) -> Vec<Vec<Vec<String>>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|t| {
            t.children()
                .filter(|r| r.has_tag_name((W, "tr")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((W, "tc")))
                        .map(|c| {
                            c.descendants()
                                .filter(|n| n.has_tag_name((W, "t")))
                                .filter_map(|n| n.text())
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn odt_tables(doc: &roxmltree::Document<'_>) -> Vec<Vec<Vec<String>>> {
    doc.descendants()
        .filter(|n| n.has_tag_name((TABLE, "table")))
        .map(|t| {
            t.descendants()
                .filter(|r| r.has_tag_name((TABLE, "table-row")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((TABLE, "table-cell")))
                        .map(|c| {
                            c.descendants()
                                .filter(|n| n.is_text())
                                .filter_map(|n| n.text())
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Reads a docx: headings, tables and gaps against the Markdown rendering, and its properties.
fn check_docx(bytes: &[u8], md: &Md, lang: &str, open: Option<&str>) {
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    let pkg = Package::open(bytes);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "docProps/core.xml",
    ] {
        pkg.part(part);
    }
    let doc = roxmltree::Document::parse(pkg.part("word/document.xml")).expect("xml");
    let paras = docx_paras(&doc);
    assert_eq!(
        docx_headings(&paras),
        md.headings,
        "the headings, as heading styles"
    );
    // The heading styles are Word's own ("heading 1"), with an outline level: a table of
    // contents finds them.
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).expect("xml");
    for level in 1..=6 {
        let style = styles
            .descendants()
            .find(|n| n.attribute((W, "styleId")) == Some(&format!("Heading{level}")))
            .expect("heading style");
        let name = style.children().find(|n| n.has_tag_name((W, "name")));
        assert_eq!(
            name.and_then(|n| n.attribute((W, "val"))),
            Some(format!("heading {level}").as_str())
        );
        let outline = style
            .descendants()
            .find(|n| n.has_tag_name((W, "outlineLvl")));
        assert_eq!(
            outline.and_then(|n| n.attribute((W, "val"))),
            Some((level - 1).to_string().as_str())
        );
    }
    assert_eq!(docx_tables(&doc), md.tables, "the tables, row by row");
    if let Some(open) = open {
        assert_gaps(&paras, md, open);
    }
    let core = pkg.part("docProps/core.xml");
    let core = roxmltree::Document::parse(core).expect("xml");
    let field = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(field("title"), md.headings[0].1);
    assert_eq!(field("language"), lang);
    assert_eq!(field("created"), format!("{TODAY}T00:00:00Z"));
}

/// Reads an odt: the package layout ODF requires, then as [`check_docx`].
fn check_odt(bytes: &[u8], md: &Md, lang: &str, open: Option<&str>) {
    let pkg = Package::open(bytes);
    let (name, stored, data) = &pkg.entries[0];
    assert_eq!(name, "mimetype", "mimetype is the first entry");
    assert!(*stored, "mimetype is stored uncompressed");
    assert_eq!(data, b"application/vnd.oasis.opendocument.text");
    // …with no extra field, so its text sits at byte 38, where file(1) and desktops look.
    assert_eq!(&bytes[28..30], &[0, 0], "no extra field");
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..77], b"application/vnd.oasis.opendocument.text");
    let manifest = pkg.part("META-INF/manifest.xml");
    for part in ["content.xml", "styles.xml", "meta.xml"] {
        assert!(
            manifest.contains(&format!("\"{part}\"")),
            "{part} in the manifest"
        );
        pkg.part(part);
    }
    let doc = roxmltree::Document::parse(pkg.part("content.xml")).expect("xml");
    let paras = odt_paras(&doc);
    assert_eq!(
        odt_headings(&paras),
        md.headings,
        "the headings, as heading styles"
    );
    let styles = pkg.part("styles.xml");
    for level in 1..=6 {
        assert!(styles.contains(&format!(
            "style:name=\"Heading_20_{level}\" style:display-name=\"Heading {level}\""
        )));
    }
    assert_eq!(odt_tables(&doc), md.tables, "the tables, row by row");
    if let Some(open) = open {
        assert_gaps(&paras, md, open);
    }
    let meta = roxmltree::Document::parse(pkg.part("meta.xml")).expect("xml");
    let field = |ns: &str, name: &str| {
        meta.descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(field(DC, "title"), md.headings[0].1);
    assert_eq!(field(DC, "language"), lang);
    assert_eq!(
        field(
            "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
            "creation-date"
        ),
        format!("{TODAY}T00:00:00Z")
    );
}

#[test]
fn the_dpia_draft_as_docx_and_odt_has_its_headings_tables_and_highlighted_gaps() {
    let md = markdown(&stdout_of(&["dpia", ARBODIENST]));
    assert!(
        md.tables.iter().any(|t| t[0][0] == "Gevolg (CNIL)"),
        "the risk tables of § 16"
    );
    assert!(
        md.headings
            .iter()
            .any(|(_, h)| h == "Nog in te vullen (24)" || h.starts_with("Nog in te vullen"))
    );
    let docx = produce(&["dpia", ARBODIENST, "--format", "docx"], "docx", 0);
    check_docx(&docx, &md, "nl-NL", Some("[in te vullen: "));
    let odt = produce(&["dpia", ARBODIENST, "--format", "odt"], "odt", 0);
    check_odt(&odt, &md, "nl-NL", Some("[in te vullen: "));
    // Dutch text, as a reader sees it.
    let pkg = Package::open(&docx);
    let doc = roxmltree::Document::parse(pkg.part("word/document.xml")).expect("xml");
    let all: String = docx_paras(&doc)
        .iter()
        .map(|p| p.text.clone() + "\n")
        .collect();
    assert!(all.contains("Persoonsgegevens"), "{all}");
    assert!(all.contains("geëvalueerd op 2026-11-23"), "{all}");
}

#[test]
fn the_english_draft_is_english_with_english_gaps() {
    let md = markdown(&stdout_of(&["--lang", "en", "dpia", ARBODIENST]));
    let docx = produce(
        &["--lang", "en", "dpia", ARBODIENST, "--format", "docx"],
        "docx",
        0,
    );
    check_docx(&docx, &md, "en-GB", Some("[to fill in: "));
    let odt = produce(
        &["--lang", "en", "dpia", ARBODIENST, "--format", "odt"],
        "odt",
        0,
    );
    check_odt(&odt, &md, "en-GB", Some("[to fill in: "));
}

#[test]
fn the_check_report_as_docx_and_odt_has_the_requirement_matrix() {
    for file in EXAMPLES {
        let md = markdown(&report(&[], file, "markdown"));
        let code = if file == ARBODIENST { 0 } else { 1 };
        let docx = produce(&["check", file, "--format", "docx"], "docx", code);
        check_docx(&docx, &md, "nl-NL", None);
        let odt = produce(&["check", file, "--format", "odt"], "odt", code);
        check_odt(&odt, &md, "nl-NL", None);
        // The matrix: a header row and one row per requirement of the JSON report.
        let json: serde_json::Value = common::report_value(&report(&[], file, "json"));
        let requirements: std::collections::BTreeSet<&str> = outcomes(&json)
            .iter()
            .filter_map(|o| o["requirement"].as_str())
            .collect();
        let pkg = Package::open(&docx);
        let doc = roxmltree::Document::parse(pkg.part("word/document.xml")).expect("xml");
        let tables = docx_tables(&doc);
        let matrix = tables
            .iter()
            .find(|t| t[0][0] == "Eis")
            .expect("the requirement matrix");
        assert_eq!(matrix.len(), requirements.len() + 1, "{file}");
        for id in &requirements {
            assert!(
                matrix.iter().any(|r| r[0] == *id),
                "{file}: {id} in the matrix"
            );
        }
    }
}

#[test]
fn report_from_a_saved_report_gives_the_same_document_as_check() {
    let dir = tempfile::tempdir().expect("temp dir");
    let saved = dir.path().join("rapport.json");
    std::fs::write(&saved, report(&[], REINTEGRATIE, "json")).expect("write");
    for ext in ["docx", "odt"] {
        let direct = produce(&["check", REINTEGRATIE, "--format", ext], ext, 1);
        let from = produce(
            &[
                "report",
                "--from",
                saved.to_str().expect("utf-8"),
                "--format",
                ext,
            ],
            ext,
            1,
        );
        assert!(
            direct == from,
            "report --from … --format {ext} differs from check"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_and_the_date_is_the_evaluation_date() {
    for ext in ["docx", "odt"] {
        let a = produce(&["dpia", ARBODIENST, "--format", ext], ext, 0);
        let b = produce(&["dpia", ARBODIENST, "--format", ext], ext, 0);
        assert!(a == b, "two runs of dpia --format {ext} differ");
        let c = produce(&["check", WHATSAPP, "--format", ext], ext, 1);
        let d = produce(&["check", WHATSAPP, "--format", ext], ext, 1);
        assert!(c == d, "two runs of check --format {ext} differ");
        // The zip entries are dated on the evaluation date.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).expect("zip");
        for i in 0..zip.len() {
            let t = zip
                .by_index(i)
                .expect("entry")
                .last_modified()
                .expect("time");
            assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2026, 11, 23, 0));
        }
    }
}

#[test]
fn strings_from_the_input_are_text_in_the_documents() {
    let args = ["--policy", HOSTILE_POLICY, "check", HOSTILE_ORG];
    for ext in ["docx", "odt"] {
        let mut a = args.to_vec();
        a.extend(["--format", ext]);
        let bytes = produce(&a, ext, 1);
        let pkg = Package::open(&bytes); // well-formed, whatever the input held
        let body = if ext == "docx" {
            "word/document.xml"
        } else {
            "content.xml"
        };
        let doc = roxmltree::Document::parse(pkg.part(body)).expect("xml");
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert!(
            text.contains("<script>alert(1)</script> & Zonen"),
            "{ext}: {text}"
        );
    }
    let bytes = produce(&["dpia", HOSTILE_ORG, "--format", "odt"], "odt", 0);
    Package::open(&bytes);
}

#[test]
fn a_binary_format_is_written_to_a_pipe_and_refused_on_a_terminal() {
    // To a pipe (`> file`, `| …`): the document itself.
    let out = bb()
        .args(["dpia", ARBODIENST, "--format", "docx"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    // On a terminal: BB085, exit 2, nothing written.
    for args in [
        ["dpia", ARBODIENST, "--format", "odt"],
        ["check", ARBODIENST, "--format", "docx"],
    ] {
        let (code, stderr, written) = on_terminal(&args);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains("BB085") && stderr.contains("--output"),
            "{stderr}"
        );
        assert_eq!(written, 0, "nothing on the terminal");
    }
}

/// Runs beeldbel with stdout on a pseudo-terminal: exit code, stderr, bytes on the terminal.
fn on_terminal(args: &[&str]) -> (Option<i32>, String, usize) {
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new file descriptors into the two integers.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors are new and owned here.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beeldbel"))
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(["--today", TODAY])
        .args(args)
        .stdout(std::process::Stdio::from(slave))
        .output()
        .expect("run");
    let mut file = std::fs::File::from(master);
    // The child has ended and closed its side; read what is there without blocking.
    // SAFETY: fcntl on a descriptor this function owns.
    unsafe {
        use std::os::fd::AsRawFd;
        let fd = file.as_raw_fd();
        libc::fcntl(
            fd,
            libc::F_SETFL,
            libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
        );
    }
    let mut buf = Vec::new();
    let _ = file.read_to_end(&mut buf);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        buf.len(),
    )
}

#[test]
fn a_format_that_does_not_apply_is_refused() {
    let r = Run::of(
        bb().args(["channels", "--format", "docx"])
            .output()
            .expect("run"),
    );
    r.code(2);
    assert!(r.stderr.contains("docx"), "{}", r.show());
}

/// LibreOffice opens each document and converts it: to text, with the Dutch text, a gap and a
/// table cell in it; a docx to odt keeps the headings (with outline levels) and the highlights.
#[test]
fn libreoffice_opens_the_documents() {
    let Some(soffice) = outside_tool(
        "soffice",
        "opening the docx and odt documents in LibreOffice",
        "`apt-get install --no-install-recommends libreoffice-writer-nogui` (Debian)",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(d.join(name), bytes).expect("write");
    };
    write(
        "dpia-w.docx",
        produce(&["dpia", ARBODIENST, "--format", "docx"], "docx", 0),
    );
    write(
        "dpia-o.odt",
        produce(&["dpia", ARBODIENST, "--format", "odt"], "odt", 0),
    );
    write(
        "check-w.docx",
        produce(&["check", ARBODIENST, "--format", "docx"], "docx", 0),
    );
    write(
        "check-o.odt",
        produce(&["check", ARBODIENST, "--format", "odt"], "odt", 0),
    );
    let convert = |to: &str, outdir: &Path, files: &[&str]| {
        let profile = format!(
            "-env:UserInstallation=file://{}",
            d.join("profile").display()
        );
        let out = std::process::Command::new(&soffice)
            .arg(profile)
            .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
            .arg(outdir)
            .args(files.iter().map(|f| d.join(f)))
            .output()
            .expect("run soffice");
        assert!(
            out.status.success(),
            "soffice --convert-to {to}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    convert(
        "txt:Text",
        d,
        &["dpia-w.docx", "dpia-o.odt", "check-w.docx", "check-o.odt"],
    );
    for name in ["dpia-w", "dpia-o"] {
        let text = std::fs::read_to_string(d.join(format!("{name}.txt")))
            .unwrap_or_else(|e| panic!("{name}.txt: {e}"));
        assert!(
            text.contains("DPIA-concept beeldbellen: Arbodienst Voorbeeld B.V."),
            "{name}: {text}"
        );
        assert!(text.contains("Persoonsgegevens"), "{name}");
        assert!(
            text.contains("[in te vullen: hoe het voorstel tot stand is gekomen"),
            "{name}"
        );
        assert!(
            text.contains("onrechtmatige toegang"),
            "{name}: a cell of the risk table"
        );
    }
    for name in ["check-w", "check-o"] {
        let text = std::fs::read_to_string(d.join(format!("{name}.txt"))).expect("txt");
        assert!(
            text.contains("Rapport beeldbellen: VOLDOET"),
            "{name}: {text}"
        );
        assert!(
            text.contains("PLAT-VWO-01") && text.contains("Editie met verwerkersovereenkomst"),
            "{name}"
        );
    }
    // docx → odt in LibreOffice: it read the heading styles as headings and the highlights.
    let again = d.join("again");
    std::fs::create_dir(&again).expect("mkdir");
    convert("odt", &again, &["dpia-w.docx"]);
    let bytes = std::fs::read(again.join("dpia-w.odt")).expect("converted");
    let pkg = Package::open(&bytes);
    let doc = roxmltree::Document::parse(pkg.part("content.xml")).expect("xml");
    let headings: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((TEXT, "h")))
        .map(|n| {
            let text = n
                .descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect();
            (
                n.attribute((TEXT, "outline-level"))
                    .unwrap_or("")
                    .to_string(),
                text,
            )
        })
        .collect();
    let md = markdown(&stdout_of(&["dpia", ARBODIENST]));
    let expected: Vec<(String, String)> = md
        .headings
        .iter()
        .map(|(l, t)| (l.to_string(), t.clone()))
        .collect();
    assert_eq!(
        headings, expected,
        "LibreOffice sees the same headings at the same levels"
    );
    let lit: Vec<String> = odt_paras(&doc)
        .into_iter()
        .flat_map(|p| p.highlighted)
        .collect();
    assert!(
        lit.iter()
            .any(|l| l.starts_with("[in te vullen: hoe het voorstel")),
        "the highlight survives: {lit:?}"
    );
}

#[path = "../benches/common/large_org.rs"]
mod large_org;

/// An organisation with many deployments: every document covers all of them (the requirement
/// matrix, one column per deployment, is split into tables of at most eight columns, each
/// repeating the requirement column), and takes time linear in the deployments (at most six
/// times as long for four times as many, as in tests/large_org.rs).
#[test]
fn a_large_organisation_is_covered_whole_in_time_linear_in_its_deployments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (small, large) = (100, 400);
    let mut slow = Vec::new();
    for (cmd, ext) in [
        ("check", "docx"),
        ("check", "odt"),
        ("dpia", "docx"),
        ("dpia", "odt"),
    ] {
        let mut took = Vec::new();
        for n in [small, large] {
            let org = dir.path().join(format!("org-{n}.toml"));
            std::fs::write(&org, large_org::organisation(n)).expect("write");
            let org = org.to_str().expect("UTF-8 path");
            let started = std::time::Instant::now();
            let code = if cmd == "check" { 1 } else { 0 };
            let bytes = produce(&["-q", cmd, org, "--format", ext], ext, code);
            took.push(started.elapsed());
            let pkg = Package::open(&bytes);
            let body = if ext == "docx" {
                "word/document.xml"
            } else {
                "content.xml"
            };
            let doc = roxmltree::Document::parse(pkg.part(body)).expect("xml");
            let text: String = doc
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            let last = large_org::deployment_id(n - 1);
            assert!(text.contains(&last), "{cmd} {ext} {n}: {last} is missing");
            let tables = if ext == "docx" {
                docx_tables(&doc)
            } else {
                odt_tables(&doc)
            };
            let widest = tables.iter().map(|t| t[0].len()).max().unwrap_or(0);
            assert!(widest <= 8, "{cmd} {ext} {n}: a table of {widest} columns");
            if cmd == "check" {
                // The matrix: the requirement column and every deployment's, over its parts.
                let parts: Vec<_> = tables.iter().filter(|t| t[0][0] == "Eis").collect();
                let columns: usize = parts.iter().map(|t| t[0].len() - 1).sum();
                assert_eq!(
                    columns,
                    1 + n + 1,
                    "{cmd} {ext} {n}: title, deployments, organisation"
                );
            }
        }
        note(&format!(
            "{cmd} --format {ext}: {small}: {:.2?}, {large}: {:.2?}",
            took[0], took[1]
        ));
        if took[1].as_secs_f64() > 6.0 * took[0].as_secs_f64() {
            slow.push(format!("{cmd} {ext}: {:?} then {:?}", took[0], took[1]));
        }
    }
    assert!(slow.is_empty(), "more than linear: {slow:?}");
}
