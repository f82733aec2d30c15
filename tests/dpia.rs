//! `beeldbel dpia`: the DPIA draft of each example (snapshots), read back as a DPIA team would —
//! by its headings, with a CommonMark parser: the 17 paragraphs of the Model DPIA Rijksdienst in
//! order, every failed or waived outcome of the check as a risk in § 16 and a measure in § 17,
//! every unknown as a point to establish, every waiver as an accepted residual risk, no
//! paragraph silently empty, every gap listed at the top with its stable key; English with
//! `--lang en`; hostile inputs shown as text; input errors exit 2. The answers file is in
//! `tests/dpia_answers.rs`, the content rules of issue 13 in `tests/dpia_content.rs`.

mod common;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use common::*;

/// The JSON check report of `file`.
fn check_json(global: &[&str], file: &str) -> Value {
    let mut args = global.to_vec();
    args.extend(["check", file, "--format", "json"]);
    let r = run(&args);
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    r.report()
}

/// A heading and what follows it up to the next heading.
#[derive(Debug, Default)]
struct Block {
    level: u8,
    title: String,
    /// All text (and code spans) under the heading, soft breaks as spaces.
    text: String,
    /// The text of each list item (nested items also on their own).
    items: Vec<String>,
    /// The text of each bold span.
    strong: Vec<String>,
}

fn events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES).collect()
}

/// The document as headings with their content; content before the first heading is dropped.
fn blocks(md: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut in_heading = false;
    let mut items: Vec<usize> = Vec::new();
    let mut strong: Option<String> = None;
    for e in events(md) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                items.clear();
                out.push(Block {
                    level: match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        HeadingLevel::H4 => 4,
                        HeadingLevel::H5 => 5,
                        HeadingLevel::H6 => 6,
                    },
                    ..Block::default()
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Item) => {
                if let Some(b) = out.last_mut() {
                    b.items.push(String::new());
                    items.push(b.items.len() - 1);
                }
            }
            Event::End(TagEnd::Item) => {
                items.pop();
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                if let (Some(s), Some(b)) = (strong.take(), out.last_mut()) {
                    b.strong.push(s);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                let Some(b) = out.last_mut() else { continue };
                if in_heading {
                    b.title.push_str(&t);
                } else {
                    b.text.push_str(&t);
                    for &i in &items {
                        b.items[i].push_str(&t);
                    }
                    if let Some(s) = strong.as_mut() {
                        s.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = out.last_mut() {
                    b.text.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// The blocks under the level-3 heading of paragraph `n` (its own block first), up to the next
/// heading of level 3 or higher.
fn paragraph(blocks: &[Block], n: u8) -> &[Block] {
    let prefix = format!("{n}. ");
    let start = blocks
        .iter()
        .position(|b| b.level == 3 && b.title.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no paragraph {n}"));
    let end = blocks[start + 1..]
        .iter()
        .position(|b| b.level <= 3)
        .map_or(blocks.len(), |i| start + 1 + i);
    &blocks[start..end]
}

/// The level-4 blocks of a paragraph whose heading starts with `letter` and a number (`R1`,
/// `M2`, `A1`).
fn numbered(blocks: &[Block], letter: char) -> Vec<&Block> {
    blocks
        .iter()
        .filter(|b| {
            b.level == 4 && {
                let mut c = b.title.chars();
                c.next() == Some(letter) && c.next().is_some_and(|d| d.is_ascii_digit())
            }
        })
        .collect()
}

/// How the draft names a subject in headings: the deployment id first, or "organisatie".
fn subject_word(subject: &str) -> &str {
    if subject == "organisation" {
        "organisatie"
    } else {
        subject
    }
}

/// The one block that names `requirement` for `subject`.
fn find<'a>(list: &[&'a Block], requirement: &str, subject: &str, what: &str) -> &'a Block {
    let found: Vec<&&Block> = list
        .iter()
        .filter(|b| {
            b.title
                .contains(&format!(" · {requirement} · {} ", subject_word(subject)))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{what} for {requirement} ({subject}): {:?}",
        list.iter().map(|b| &b.title).collect::<Vec<_>>()
    );
    found[0]
}

#[test]
fn the_draft_follows_the_model_in_order() {
    let md = dpia_draft(&[], WHATSAPP);
    let b = blocks(&md);
    let parts: Vec<&str> = b
        .iter()
        .filter(|x| x.level == 2 && x.title.starts_with("Deel "))
        .map(|x| x.title.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "Deel A — Beschrijving kenmerken gegevensverwerkingen",
            "Deel B — Beoordeling rechtmatigheid gegevensverwerkingen",
            "Deel C — Beschrijving en beoordeling risico’s voor de betrokkenen",
            "Deel D — Beschrijving maatregelen",
        ]
    );
    let numbered: Vec<&str> = b
        .iter()
        .filter(|x| x.level == 3)
        .map(|x| x.title.as_str())
        .collect();
    assert_eq!(
        numbered,
        [
            "1. Voorstel",
            "2. Persoonsgegevens",
            "3. Gegevensverwerking",
            "4. Technieken en methoden van de gegevensverwerkingen",
            "5. Verwerkingsdoeleinden",
            "6. Betrokken partijen",
            "7. Belangen bij de gegevensverwerkingen",
            "8. Verwerkingslocaties",
            "9. Juridisch en beleidsmatig kader",
            "10. Bewaartermijnen",
            "11. Rechtsgrond",
            "12. Bijzondere persoonsgegevens, strafrechtelijke persoonsgegevens en nationale identificatienummers",
            "13. Doelbinding",
            "14. Noodzaak en evenredigheid",
            "15. Rechten van de betrokkenen",
            "16. Risico’s voor betrokkenen",
            "17. Maatregelen",
        ]
    );
    // Parts frame their paragraphs: A before 1, B before 11, C before 16, D before 17.
    let pos = |title: &str| b.iter().position(|x| x.title.starts_with(title)).unwrap();
    assert!(pos("Deel A") < pos("1. ") && pos("10. ") < pos("Deel B"));
    assert!(pos("Deel B") < pos("11. ") && pos("15. ") < pos("Deel C"));
    assert!(pos("Deel C") < pos("16. ") && pos("16. ") < pos("Deel D"));
    assert!(pos("Deel D") < pos("17. "));
    // The notice and the provenance.
    let text: String = b.iter().map(|x| x.text.as_str()).collect();
    assert!(text.contains("geen juridisch advies"), "{md}");
    let json = check_json(&[], WHATSAPP);
    for sha in [
        &json["policy"]["sha256"],
        &json["catalogue"]["sha256"],
        &json["organisations"][0]["sha256"],
    ] {
        assert!(
            text.contains(sha.as_str().unwrap()),
            "{sha} not in the provenance"
        );
    }
    assert!(text.contains("Geëvalueerd op 2026-11-23"));
    assert!(text.contains(&format!(
        "beeldbel {}",
        json["tool"]["version"].as_str().unwrap()
    )));
}

/// Whether an outcome is about the organisation's own DPIA (it reads a `dpia.` field): context
/// in "Over deze DPIA", not a risk.
fn about_own_dpia(o: &Value) -> bool {
    let own = |f: &str| f == "dpia" || f.starts_with("dpia.");
    o["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| own(i["field"].as_str().unwrap()))
        || o["missing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| own(m.as_str().unwrap()))
}

#[test]
fn every_failed_outcome_is_a_risk_with_a_measure() {
    for file in EXAMPLES {
        let json = check_json(&[], file);
        let md = dpia_draft(&[], file);
        let b = blocks(&md);
        let risks = numbered(paragraph(&b, 16), 'R');
        let measures = numbered(paragraph(&b, 17), 'M');
        let open: Vec<&Value> = outcomes(&json)
            .iter()
            .filter(|o| matches!(o["state"].as_str(), Some("fail" | "waived")))
            .filter(|o| !about_own_dpia(o))
            .collect();
        assert_eq!(
            risks.len(),
            open.len(),
            "{file}: one risk per failed outcome"
        );
        assert_eq!(measures.len(), open.len(), "{file}: one measure per risk");
        for o in open {
            let (req, subject) = (
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
            );
            let r = find(&risks, req, subject, "risk");
            let id = r.title.split(' ').next().unwrap();
            // The CNIL triad, each with a proposal, marked as one.
            for event in ["onrechtmatige toegang", "ongewenste wijziging", "verlies"] {
                assert!(r.text.contains(event), "{file} {id}: {event}");
            }
            assert!(
                r.text
                    .contains("Voorstel — te beoordelen door de organisatie:"),
                "{file} {id}: the proposal is not marked"
            );
            // What was found, and the legal references.
            for reference in o["references"].as_array().unwrap() {
                assert!(
                    r.text.contains(reference.as_str().unwrap()),
                    "{file} {id}: {reference}"
                );
            }
            // Its measure names it and is worded as a measure: no file field, no command.
            let m = find(&measures, req, subject, "measure");
            assert!(
                m.title.contains(&format!("→ {id} ")),
                "{file}: {} → {id}",
                m.title
            );
            let measure = m
                .items
                .iter()
                .find(|i| i.starts_with("Maatregel:"))
                .unwrap_or_else(|| panic!("{file} {}: no measure text", m.title));
            assert!(
                measure.len() > "Maatregel: ".len() + 20,
                "{file}: {measure}"
            );
            assert!(
                !measure.contains("deployments.")
                    && !measure.split_whitespace().any(|w| w == "beeldbel"),
                "{file} {}: {measure}",
                m.title
            );
        }
        for line in md.lines().filter(|l| l.starts_with("- **Maatregel:**")) {
            assert!(
                !line.contains('`'),
                "{file}: a measure names a field: {line}"
            );
        }
        // Every outcome the check could not establish is a point to establish in § 16.
        for o in outcomes(&json)
            .iter()
            .filter(|o| matches!(o["state"].as_str(), Some("unknown" | "error")))
            .filter(|o| !about_own_dpia(o))
        {
            let subject = o["subject"].as_str().unwrap();
            let key = if subject == "organisation" {
                format!("s16.{}.vaststellen", o["requirement"].as_str().unwrap())
            } else {
                format!(
                    "s16.{}.{subject}.vaststellen",
                    o["requirement"].as_str().unwrap()
                )
            };
            assert!(md.contains(&format!("(`{key}`)")), "{file}: {key}");
        }
    }
}

#[test]
fn every_waiver_is_an_accepted_residual_risk() {
    for (file, expired) in [
        (ARBODIENST, false),
        ("tests/data/good/waived.toml", false),
        ("tests/data/bad/waivers/expired.toml", true),
    ] {
        let json = check_json(&[], file);
        let r = run(&["dpia", file]);
        r.code(0);
        let b = blocks(&r.stdout);
        let accepted = numbered(paragraph(&b, 17), 'A');
        let waived: Vec<&Value> = outcomes(&json)
            .iter()
            .filter(|o| o.get("waiver").is_some())
            .collect();
        assert!(!waived.is_empty(), "{file}: no waiver in the check");
        assert_eq!(accepted.len(), waived.len(), "{file}");
        for o in waived {
            let w = &o["waiver"];
            let a = find(
                &accepted,
                o["requirement"].as_str().unwrap(),
                o["subject"].as_str().unwrap(),
                "accepted residual risk",
            );
            for field in ["approved_by", "approved_on", "expires", "reason"] {
                let v = w[field].as_str().unwrap();
                let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    a.text.contains(&v),
                    "{file}: {field} {v:?} not in {:?}",
                    a.text
                );
            }
            assert_eq!(a.text.contains("VERLOPEN"), expired, "{file}: {:?}", a.text);
            // The risk it belongs to points to it.
            let risk_id = a
                .title
                .split(" → ")
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap();
            let risks = numbered(paragraph(&b, 16), 'R');
            let risk = risks
                .iter()
                .find(|r| r.title.starts_with(&format!("{risk_id} ")))
                .unwrap();
            let aid = a.title.split(' ').next().unwrap();
            assert!(
                risk.text.contains(aid),
                "{file}: {risk_id} does not point to {aid}"
            );
        }
        if expired {
            assert!(r.stderr.contains("BB042"), "{}", r.show());
        }
    }
}

/// Every paragraph has filled-in content or at least one gap; every gap in the text is in the
/// list at the top, in order, and the count in that list's heading matches.
#[test]
fn no_paragraph_is_silently_empty_and_every_gap_is_listed() {
    let hostile = ["--policy", HOSTILE_POLICY];
    let mut runs: Vec<(&[&str], &str)> = EXAMPLES.iter().map(|f| (&[][..], *f)).collect();
    runs.push((&hostile, HOSTILE_ORG));
    runs.push((&[], "tests/data/bad/waivers/expired.toml"));
    for (global, file) in runs {
        let md = dpia_draft(global, file);
        let b = blocks(&md);
        let list = b
            .iter()
            .find(|x| x.level == 2 && x.title.starts_with("Nog in te vullen ("))
            .unwrap_or_else(|| panic!("{file}: no gap list\n{md}"));
        let count: usize = list.title["Nog in te vullen (".len()..]
            .trim_end_matches(')')
            .parse()
            .expect("count");
        assert_eq!(list.items.len(), count, "{file}: the heading's count");
        assert!(
            count > 0,
            "{file}: a draft always leaves something to the organisation"
        );
        // The gaps in the text, in order: `[in te vullen: …]` in bold, then its key.
        let mut in_text = Vec::new();
        let mut paragraphs = 0;
        for x in b.iter().filter(|x| !std::ptr::eq(*x, list)) {
            for s in x.strong.iter().filter(|s| s.starts_with("[in te vullen: ")) {
                in_text.push(
                    s.trim_start_matches("[in te vullen: ")
                        .trim_end_matches(']')
                        .to_string(),
                );
            }
        }
        let keys: Vec<&str> = md
            .lines()
            .filter_map(|l| l.split("]** (`").nth(1))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        for ((what, item), key) in in_text.iter().zip(&list.items).zip(&keys) {
            assert!(item.starts_with(&format!("{key} · ")), "{file}: {item}");
            assert!(
                item.contains(what.as_str()),
                "{file}: {key} is {item:?} in the list, {what:?} in the text"
            );
        }
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{file}: every key once");
        assert_eq!(
            in_text.len(),
            count,
            "{file}: gaps in the text vs. the list"
        );
        assert_eq!(keys.len(), count, "{file}: every gap carries its key");
        // Every section of the draft: the 17 paragraphs and the blocks around them.
        for (i, x) in b.iter().enumerate() {
            let section = (x.level == 3)
                || (x.level == 2
                    && [
                        "Over deze DPIA",
                        "Managementsamenvatting",
                        "Vaststelling en ondertekening",
                    ]
                    .contains(&x.title.as_str()));
            if !section {
                continue;
            }
            paragraphs += usize::from(x.level == 3);
            let end = b[i + 1..]
                .iter()
                .position(|y| y.level <= x.level)
                .map_or(b.len(), |e| i + 1 + e);
            let body = &b[i..end];
            let items: usize = body.iter().map(|y| y.items.len()).sum();
            let gaps: usize = body
                .iter()
                .map(|y| {
                    y.strong
                        .iter()
                        .filter(|s| s.starts_with("[in te vullen: "))
                        .count()
                })
                .sum();
            // Every item is filled-in content or a gap: no items is a silently empty section.
            assert!(
                items > 0,
                "{file}: {} has neither content nor a gap",
                x.title
            );
            assert!(gaps <= items, "{file}: {}", x.title);
        }
        assert_eq!(paragraphs, 17, "{file}");
    }
}

/// The HTML draft marks the same gaps, and links the list to them.
#[test]
fn html_marks_every_gap() {
    for file in EXAMPLES {
        let md = dpia_draft(&[], file);
        let keys: Vec<&str> = md
            .lines()
            .filter_map(|l| l.split("]** (`").nth(1))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        let r = run(&["dpia", file, "--format", "html"]);
        r.code(0);
        let page = &r.stdout;
        assert_eq!(
            page.matches("<mark class=\"gap\"").count(),
            keys.len(),
            "{file}"
        );
        for key in keys {
            assert!(
                page.contains(&format!("<mark class=\"gap\" id=\"gap-{key}\">")),
                "{file}: {key}"
            );
            assert!(
                page.contains(&format!("href=\"#gap-{key}\"")),
                "{file}: link to {key}"
            );
        }
        assert!(page.contains(
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />"#
        ));
        assert!(!page.contains("<script"), "{file}");
        assert!(page.contains("geen juridisch advies"), "{file}");
    }
}

#[test]
fn english_with_lang_en() {
    let md = dpia_draft(&["--lang", "en"], REINTEGRATIE);
    let b = blocks(&md);
    let titles: Vec<&str> = b
        .iter()
        .filter(|x| x.level <= 3)
        .map(|x| x.title.as_str())
        .collect();
    let dutch = dpia_draft(&[], REINTEGRATIE);
    let count = dutch.matches("**\\[in te vullen: ").count();
    assert!(count > 20, "{dutch}");
    let still = format!("Still to fill in ({count})");
    for t in [
        still.as_str(),
        "Outcome of the check",
        "About this DPIA",
        "Management summary",
        "Part A — Description of the characteristics of the processing",
        "1. Proposal",
        "10. Retention periods",
        "Part B — Assessment of the lawfulness of the processing",
        "11. Legal basis",
        "15. Rights of the data subjects",
        "Part C — Description and assessment of the risks for the data subjects",
        "16. Risks for data subjects",
        "Part D — Description of the measures",
        "17. Measures",
        "Adoption and signature",
        "Provenance",
    ] {
        assert!(titles.contains(&t), "{t:?} not in {titles:#?}");
    }
    let gaps = b
        .iter()
        .flat_map(|x| &x.strong)
        .filter(|s| s.starts_with("[to fill in: "))
        .count();
    assert_eq!(gaps, count, "the same gaps as the Dutch draft\n{md}");
    assert!(
        !md.contains("in te vullen"),
        "Dutch gap marker in the English draft"
    );
    let text: String = b.iter().map(|x| x.text.as_str()).collect();
    assert!(text.contains("not legal advice"));
    assert!(text.contains("Still to be established"), "{md}");
    // A draft with risks: WhatsApp.
    let md = dpia_draft(&["--lang", "en"], WHATSAPP);
    let text: String = blocks(&md).iter().map(|x| x.text.as_str()).collect();
    assert!(text.contains("Proposal — to be assessed by the organisation:"));
    assert!(text.contains("illegitimate access") && text.contains("unwanted change"));
    assert!(
        !md.contains("in te vullen"),
        "Dutch gap marker in the English draft"
    );
}

#[test]
fn hostile_strings_stay_text_in_markdown() {
    let md = dpia_draft(&["--policy", HOSTILE_POLICY], HOSTILE_ORG);
    let evs = events(&md);
    for e in &evs {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => {
                panic!("raw HTML reached the output: {h:?}\n{md}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => panic!("image {dest_url}"),
            // Only catalogue sources become links.
            Event::Start(Tag::Link { dest_url, .. }) => assert!(
                dest_url.starts_with("https://")
                    && !dest_url.contains("example.invalid")
                    && !dest_url.contains("advies-devries"),
                "a link from an input: {dest_url}"
            ),
            _ => {}
        }
    }
    let text: String = blocks(&md)
        .iter()
        .flat_map(|b| [b.title.as_str(), b.text.as_str()])
        .collect();
    for shown in [
        "<script>alert(1)</script> & Zonen \"BV\" | pipe 'quote' ]]> --> *nadruk* `code` tweede regel",
        "Titel met & en <script>alert(2)</script> en \"quotes\" | pipe",
        "Platform <img src=x onerror=alert(3)>",
        "Onderzoek | met pipe & <b>vet</b>",
        // XSS-ORG-01 reads `dpia.status`: context about the organisation's own DPIA, its title
        // shown there; XSS-PLAT-01 is a risk with its references and its remediation as measure.
        "ref & <ref>",
        "Gebruik <een> ander platform & sluit een verwerkersovereenkomst.",
    ] {
        assert!(text.contains(shown), "{shown:?} not shown as text\n{md}");
    }
    // The tables (the CNIL triads) keep their shape.
    let mut cells = 0;
    for e in evs {
        match e {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => assert_eq!(cells, 5),
            _ => {}
        }
    }
}

#[test]
fn hostile_strings_stay_text_in_html() {
    let r = run(&[
        "--policy",
        HOSTILE_POLICY,
        "dpia",
        HOSTILE_ORG,
        "--format",
        "html",
    ]);
    r.code(0);
    let page = &r.stdout;
    for raw in [
        "<script",
        "<img",
        "<b>",
        "<a href=\"https://example.invalid",
        "<!-- comment",
    ] {
        assert!(!page.contains(raw), "{raw:?} reached the page");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;",
        "&lt;img src=x onerror=alert(3)&gt;",
        "Onderzoek | met pipe &amp; &lt;b&gt;vet&lt;",
    ] {
        assert!(page.contains(escaped), "{escaped:?} not on the page");
    }
}

#[test]
fn a_bad_organisation_file_is_an_input_error() {
    let r = run(&["dpia", "tests/data/bad/org/unknown-key.toml"]);
    r.code(2);
    assert!(r.stdout.is_empty(), "{}", r.show());
    assert!(
        r.stderr.contains("tests/data/bad/org/unknown-key.toml:6:1"),
        "{}",
        r.show()
    );
    assert!(r.stderr.contains("BB002"), "{}", r.show());
    // A missing file too.
    let r = run(&["dpia", "tests/data/does-not-exist.toml"]);
    r.code(2);
    assert!(r.stdout.is_empty(), "{}", r.show());
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("dpia.html");
    let r = run(&[
        "dpia",
        REINTEGRATIE,
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
    ]);
    r.code(0);
    assert!(r.stdout.is_empty(), "{}", r.show());
    let written = std::fs::read_to_string(&path).expect("written");
    let direct = run(&["dpia", REINTEGRATIE, "--format", "html"]);
    assert_eq!(written, direct.stdout);
    // Only the draft is left in the folder: no temporary file.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
