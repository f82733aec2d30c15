//! `beeldbel dpia --answers` and `--answers-template`: the DPIA team writes the template, fills in
//! a point, reruns, and finds the point gone from the gap list and its answer in the text as the
//! organisation's (Markdown and HTML), escaped like every other input; an answer for a point that
//! no longer exists is a warning with the nearest key; a bad answers file is a diagnostic with
//! its line and column, exit 2 and nothing written.

mod common;

use std::path::Path;

use common::*;

/// The answers template of `org`, written with `--output` into `dir`.
fn template(org: &str, dir: &Path, extra: &[&str]) -> String {
    let path = dir.join("antwoorden.toml");
    let mut args = vec![
        "dpia",
        org,
        "--answers-template",
        "-o",
        path.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args).code(0);
    std::fs::read_to_string(path).expect("the template is written")
}

/// Uncomments the entry of `key` in a template and gives it `text` (a multi-line answer).
fn fill(template: &str, key: &str, text: &str) -> String {
    let open = format!("#[[answer]]\n#gap = \"{key}\"\n#text = \"\"\"\n#\"\"\"");
    assert!(
        template.contains(&open),
        "no open entry for {key}:\n{template}"
    );
    template.replace(
        &open,
        &format!("[[answer]]\ngap = \"{key}\"\ntext = \"\"\"\n{text}\n\"\"\""),
    )
}

/// The number in "Nog in te vullen (N)".
fn open_count(md: &str) -> usize {
    let at = md.find("## Nog in te vullen (").expect("a gap list") + "## Nog in te vullen (".len();
    md[at..].split(')').next().unwrap().parse().unwrap()
}

/// The gap list at the top of the Markdown draft.
fn gap_list(md: &str) -> &str {
    let start = md.find("## Nog in te vullen (").unwrap();
    let end = md[start..].find("## Uitkomst van de toets").unwrap();
    &md[start..start + end]
}

const ANSWER: &str = "Het MT besloot op 3 maart 2025 tot beeldbellen <script>alert(1)</script>.\n\n- Betrokken: *FG* & [ICT](https://example.invalid)\n# geen kop";

#[test]
fn the_template_lists_every_open_point_under_its_section_and_question() {
    let dir = tempfile::tempdir().unwrap();
    let t = template(ARBODIENST, dir.path(), &[]);
    let md = run(&["dpia", ARBODIENST]).stdout;
    let count = open_count(&md);
    assert_eq!(t.matches("#[[answer]]").count(), count, "{t}");
    // Each open point with its key, its section and its question, in Dutch.
    assert!(t.contains("# ── § 1 Voorstel\n"), "{t}");
    assert!(
        t.contains("# hoe het voorstel tot stand is gekomen (besluitvorming, betrokkenen, planning)\n#[[answer]]\n#gap = \"s1.voorstel\""),
        "{t}"
    );
    assert!(
        t.contains("#gap = \"s16.PLAT-DOEL-02.zoom.beoordeling\""),
        "{t}"
    );
    assert!(t.contains("organisation_name = \"Arbodienst Voorbeeld B.V.\""));
    // Untouched, it is a valid answers file that answers nothing.
    let path = dir.path().join("antwoorden.toml");
    let again = run(&["dpia", ARBODIENST, "--answers", path.to_str().unwrap()]);
    again.code(0);
    assert_eq!(open_count(&again.stdout), count);
    assert!(again.stderr.is_empty(), "{}", again.stderr);
    run(&["validate", path.to_str().unwrap()]).code(0);
    // In English with --lang en.
    let en = template(ARBODIENST, dir.path(), &[]);
    let en_run = Run::of(
        bb().args(["--lang", "en", "dpia", ARBODIENST, "--answers-template"])
            .output()
            .unwrap(),
    );
    en_run.code(0);
    assert!(
        en_run.stdout.contains("# ── § 1 Proposal\n"),
        "{}",
        en_run.stdout
    );
    assert!(
        en_run.stdout.contains("#gap = \"s1.voorstel\""),
        "the key does not depend on the language"
    );
    assert_ne!(en, en_run.stdout);
}

#[test]
fn an_answer_fills_its_gap_in_markdown_and_html_as_the_organisations_text() {
    let dir = tempfile::tempdir().unwrap();
    let before = run(&["dpia", ARBODIENST]).stdout;
    let t = template(ARBODIENST, dir.path(), &[]);
    let filled = fill(&t, "s1.voorstel", ANSWER);
    let path = dir.path().join("ingevuld.toml");
    std::fs::write(&path, &filled).unwrap();
    let file = path.to_str().unwrap();
    let key_line = filled
        .lines()
        .position(|l| l == "gap = \"s1.voorstel\"")
        .unwrap()
        + 1;

    let r = run(&["dpia", ARBODIENST, "--answers", file]);
    r.code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let md = &r.stdout;
    // The point is gone from the list, and the count says so.
    assert_eq!(open_count(md), open_count(&before) - 1);
    assert!(gap_list(&before).contains("`s1.voorstel`"));
    assert!(!gap_list(md).contains("`s1.voorstel`"), "{}", gap_list(md));
    assert!(!md.contains("**\\[in te vullen: hoe het voorstel tot stand is gekomen"));
    assert!(md.contains("Beantwoord door de organisatie in"), "{md}");
    // In § 1, marked as the organisation's answer with the file and line, each line kept and
    // escaped: no HTML, no list, no heading, no link from the answer.
    assert!(
        md.contains(&format!(
            "(`s1.voorstel`) — antwoord van de organisatie, `{file}` regel {key_line}:"
        )),
        "{md}"
    );
    assert!(md.contains(
        "  > Het MT besloot op 3 maart 2025 tot beeldbellen \\<script\\>alert(1)\\</script\\>."
    ));
    assert!(md.contains("  > \\- Betrokken: \\*FG\\* \\& \\[ICT\\](https\\://example.invalid)"));
    assert!(md.contains("  > \\# geen kop"));
    // The file's SHA-256 is in the provenance.
    let sha = beeldbel::input::sha256_hex(filled.as_bytes());
    assert!(md.contains(&format!("`{file}`, SHA-256 `{sha}`")), "{md}");

    let html = run(&["dpia", ARBODIENST, "--answers", file, "--format", "html"]);
    html.code(0);
    let page = &html.stdout;
    assert!(
        page.contains("<div class=\"answer\" id=\"gap-s1.voorstel\">"),
        "{page}"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains("antwoord van de organisatie"));
    assert!(!page.contains("<mark class=\"gap\" id=\"gap-s1.voorstel\">"));
    assert!(page.contains(&sha));

    // The template written again keeps the answer and leaves the rest open.
    let again = template(ARBODIENST, dir.path(), &["--answers", file]);
    assert!(
        again.contains("[[answer]]\ngap = \"s1.voorstel\"\ntext = \"\"\"\nHet MT besloot"),
        "{again}"
    );
    assert_eq!(again.matches("#[[answer]]").count(), open_count(md));
}

#[test]
fn a_risk_assessment_can_be_answered_by_its_stable_key() {
    let dir = tempfile::tempdir().unwrap();
    let t = template(WHATSAPP, dir.path(), &[]);
    let key = "s16.PLAT-VWO-01.whatsapp.beoordeling";
    let path = dir.path().join("a.toml");
    std::fs::write(
        &path,
        fill(
            &t,
            key,
            "Kans hoog, impact hoog: geen verwerkersovereenkomst.",
        ),
    )
    .unwrap();
    let r = run(&["dpia", WHATSAPP, "--answers", path.to_str().unwrap()]);
    r.code(0);
    assert!(
        r.stdout
            .contains(&format!("(`{key}`) — antwoord van de organisatie"))
    );
    assert!(
        r.stdout
            .contains("  > Kans hoog, impact hoog: geen verwerkersovereenkomst.")
    );
}

#[test]
fn an_answer_for_a_point_that_no_longer_exists_is_a_warning_with_the_nearest_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oud.toml");
    std::fs::write(
        &path,
        "[[answer]]\ngap = \"s1.voorstell\"\ntext = \"Besloten in 2025.\"\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();
    let r = run(&["dpia", ARBODIENST, "--answers", file]);
    r.code(0);
    assert!(r.stderr.contains("warning[BB080]"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{file}:2:7")), "{}", r.stderr);
    assert!(
        r.stderr.contains("bedoelde u `s1.voorstel`?"),
        "{}",
        r.stderr
    );
    // The draft is written, the point still open.
    assert!(gap_list(&r.stdout).contains("`s1.voorstel`"));
}

#[test]
fn a_bad_answers_file_is_an_error_with_its_place_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, code, at) in [
        (
            "syntax",
            "[[answer]\ngap = \"s1.voorstel\"\n",
            "BB001",
            ":1:10",
        ),
        (
            "type",
            "[[answer]]\ngap = \"s1.voorstel\"\ntext = 3\n",
            "BB003",
            ":3:8",
        ),
        (
            "empty",
            "[[answer]]\ngap = \"s1.voorstel\"\ntext = \"\"\"\n   \n\"\"\"\n",
            "BB081",
            ":3:8",
        ),
        (
            "unknown",
            "[answers]\n\"s1.voorstel\" = \"x\"\n",
            "BB002",
            ":1:2",
        ),
        (
            "missing",
            "[[answer]]\ngap = \"s1.voorstel\"\n",
            "BB007",
            ":1:",
        ),
        (
            "twice",
            "[[answer]]\ngap = \"s1.voorstel\"\ntext = \"a\"\n[[answer]]\ngap = \"s1.voorstel\"\ntext = \"b\"\n",
            "BB006",
            ":5:7",
        ),
    ] {
        let path = dir.path().join(format!("{name}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = dir.path().join(format!("{name}.md"));
        let r = run(&[
            "dpia",
            ARBODIENST,
            "--answers",
            path.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        r.code(2);
        assert!(
            r.stderr.contains(&format!("error[{code}]")),
            "{name}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!("{}{at}", path.display())),
            "{name}: {}",
            r.stderr
        );
        assert!(!out.exists(), "{name}: a draft was written");
        let t = run(&[
            "dpia",
            ARBODIENST,
            "--answers",
            path.to_str().unwrap(),
            "--answers-template",
        ]);
        t.code(2);
        assert!(t.stdout.is_empty(), "{name}: a template was written");
    }
}

/// The example answers file answers three points of the arbodienst's draft, with no warning: its
/// keys are those of the current draft.
#[test]
fn the_example_answers_file_fits_the_example() {
    let example = "docs/examples/answers/arbodienst-answers.toml";
    let before = run(&["dpia", ARBODIENST]).stdout;
    let r = run(&["dpia", ARBODIENST, "--answers", example]);
    r.code(0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert_eq!(open_count(&r.stdout), open_count(&before) - 3);
    for key in [
        "s1.voorstel",
        "s14.afweging",
        "s16.PLAT-DOEL-02.zoom.beoordeling",
    ] {
        assert!(
            r.stdout.contains(&format!(
                "(`{key}`) — antwoord van de organisatie, `{example}` regel"
            )),
            "{key}"
        );
    }
    run(&["validate", example]).code(0);
}
