//! `beeldbel completions SHELL` and `beeldbel man`: the scripts a shell loads to complete
//! beeldbel's commands and flags, and the manual page, in the language of the run.

mod common;

use std::path::Path;

use common::{Run, outside_tool, raw};

fn run(args: &[&str]) -> Run {
    Run::of(raw().args(args).output().expect("run beeldbel"))
}

/// Each shell gets a script in its own syntax naming every subcommand and the flags.
#[test]
fn completions_for_each_shell_name_every_subcommand_and_flag() {
    let subcommands = common::subcommands();
    for (shell, marker) in [
        ("bash", "complete -F _beeldbel"),
        ("zsh", "#compdef beeldbel"),
        ("fish", "complete -c beeldbel"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[beeldbel]"),
    ] {
        let r = run(&["completions", shell]);
        r.code(0);
        assert!(r.stderr.is_empty(), "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell} lacks {marker:?}");
        for sub in &subcommands {
            assert!(
                r.stdout.contains(sub.as_str()),
                "{shell} completions lack {sub}"
            );
        }
        for flag in [
            "format",
            "output",
            "fail-on",
            "lang",
            "first-contact",
            "max-file-bytes",
        ] {
            let written = match shell {
                "fish" => format!("-l {flag}"),
                _ => format!("--{flag}"),
            };
            assert!(
                r.stdout.contains(&written),
                "{shell} completions lack {written}"
            );
        }
    }
    // Values a flag takes are offered too.
    let bash = run(&["completions", "bash"]).stdout;
    assert!(
        bash.contains("sarif") && bash.contains("werkplekonderzoek"),
        "{bash}"
    );
}

/// The descriptions that fish shows are in the language of the run.
#[test]
fn completion_descriptions_follow_the_language() {
    let nl = run(&["completions", "fish"]).stdout;
    assert!(
        nl.contains("Organisatiebestanden (of een map ervan) toetsen aan het beleid"),
        "{nl}"
    );
    let en = run(&["--lang", "en", "completions", "fish"]).stdout;
    assert!(
        en.contains("Check organisation files (or a folder of them) against the policy"),
        "{en}"
    );
}

/// The bash script is valid bash.
#[test]
fn bash_completions_parse() {
    let Some(bash) = outside_tool(
        "bash",
        "bash -n on the completion script",
        "apt-get install bash",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("beeldbel.bash");
    let r = run(&["completions", "bash"]);
    std::fs::write(&script, &r.stdout).unwrap();
    let check = std::process::Command::new(bash)
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_dutch_error_listing_the_shells() {
    let r = run(&["completions", "tcsh"]);
    r.code(2);
    assert!(
        r.stdout.is_empty()
            && r.stderr.contains("ongeldige waarde 'tcsh'")
            && r.stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{}",
        r.show()
    );
}

/// Checks that `page` is a roff manual page of `title`.
fn assert_roff(page: &str, title: &str) {
    assert!(
        page.contains(&format!(".TH {title} 1")),
        "no .TH {title}:\n{page}"
    );
    assert!(
        page.lines().any(|l| l.starts_with(".SH ")),
        "no sections:\n{page}"
    );
    assert!(page.is_ascii(), "letters outside ASCII are roff escapes");
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let r = run(&["man"]);
    r.code(0);
    let page = &r.stdout;
    assert_roff(page, "beeldbel");
    for section in [".SH NAAM", ".SH OVERZICHT", ".SH OPTIES", ".SH OPDRACHTEN"] {
        assert!(page.contains(section), "lacks {section}:\n{page}");
    }
    for sub in common::subcommands() {
        let sub = sub.as_str();
        assert!(
            page.contains(&format!("beeldbel\\-{sub}(1)")),
            "lacks {sub}:\n{page}"
        );
    }
    // "één" as roff escapes, Dutch help texts.
    assert!(
        page.contains("\\[u00E9]\\[u00E9]n organisatiebestand"),
        "{page}"
    );
    assert!(
        !page.contains("beeldbel\\-help"),
        "no page for `help`:\n{page}"
    );

    let en = run(&["--lang", "en", "man"]).stdout;
    assert_roff(&en, "beeldbel");
    assert!(
        en.contains(".SH NAME") && en.contains(".SH SUBCOMMANDS"),
        "{en}"
    );
    assert!(en.contains("Check organisation files"), "{en}");
}

/// A generated file does not carry the environment of whoever generated it: the variables are
/// named, their values are not (the help of a run shows them, as clap does).
#[test]
fn generated_files_name_variables_without_their_values() {
    let with_env = |args: &[&str]| {
        let out = raw()
            .env("BEELDBEL_MAX_DEPLOYMENTS", "7")
            .args(args)
            .output()
            .unwrap();
        Run::of(out)
    };
    for args in [
        &["man"][..],
        &["completions", "fish"],
        &["completions", "zsh"],
    ] {
        let r = with_env(args);
        r.code(0);
        assert!(!r.stdout.contains("BEELDBEL_MAX_DEPLOYMENTS=7"), "{args:?}");
    }
    assert!(
        with_env(&["man"])
            .stdout
            .contains("[env: BEELDBEL_MAX_DEPLOYMENTS]")
    );
    let help = with_env(&["check", "--help"]);
    assert!(
        help.stdout.contains("[env: BEELDBEL_MAX_DEPLOYMENTS=7]"),
        "{}",
        help.stdout
    );
}

/// `--output DIR`: a page per command; `--output FILE`: the main page.
#[test]
fn man_pages_into_a_folder_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = run(&["man", "--output", d]);
    r.code(0);
    assert!(r.stdout.is_empty(), "{}", r.show());
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_roff(&read("beeldbel.1"), "beeldbel");
    for sub in common::subcommands() {
        let sub = sub.as_str();
        let page = read(&format!("beeldbel-{sub}.1"));
        assert_roff(&page, &format!("beeldbel-{sub}"));
        assert!(page.contains("beeldbel 0.1.0"), "{page}");
    }
    assert!(read("beeldbel-check.1").contains("\\-\\-fail\\-on"));
    assert!(!Path::new(&dir.path().join("beeldbel-help.1")).exists());

    let file = dir.path().join("page.1");
    let r = run(&["man", "-o", file.to_str().unwrap()]);
    r.code(0);
    assert_roff(&std::fs::read_to_string(&file).unwrap(), "beeldbel");

    let missing = dir.path().join("no/such/folder/page.1");
    let r = run(&["man", "-o", missing.to_str().unwrap()]);
    r.code(2);
    assert!(r.stderr.contains("[BB011]"), "{}", r.show());
}

/// groff reads the page without a warning, when groff is there. An extra check, not required
/// even with BEELDBEL_REQUIRE_TOOLS: the roff is checked above without it, and groff comes with
/// `man` on most systems.
#[test]
fn groff_reads_the_man_page_without_warnings() {
    let Some(groff) = common::find_on_path("groff") else {
        common::note("NOT RUN: groff is not on PATH (apt-get install groff-base)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("beeldbel.1");
    std::fs::write(&page, run(&["man"]).stdout).unwrap();
    let out = std::process::Command::new(groff)
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "groff: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
