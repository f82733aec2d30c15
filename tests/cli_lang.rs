//! The language of the command line itself: `--help` and clap's messages about a bad command
//! line are Dutch by default, English with `--lang en`, `BEELDBEL_LANG=en` or an English locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`), and the report follows the same choice (docs/cli.md).

mod common;

use common::{Run, WHATSAPP, bb, raw};

/// English that clap (or the English doc comments) would write into help.
const ENGLISH_HELP: [&str; 10] = [
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values",
    "Possible values:",
    "Limits:",
];

fn run(cmd: &mut assert_cmd::Command) -> Run {
    Run::of(cmd.output().expect("run beeldbel"))
}

#[test]
fn help_is_dutch_by_default() {
    let r = run(raw().arg("--help"));
    r.code(0);
    for dutch in [
        "Controleert of een opzet voor beeldbellen voldoet aan de AVG",
        "Gebruik: beeldbel [OPTIES] <OPDRACHT>",
        "Opdrachten:",
        "Opties:",
        "Grenzen:",
        "Organisatiebestanden (of een map ervan) toetsen aan het beleid",
        "Deze hulp tonen",
        "Versie tonen",
        "[standaard: 10000]",
        "- en: Engels",
    ] {
        assert!(r.stdout.contains(dutch), "lacks {dutch:?}:\n{}", r.stdout);
    }
    for english in ENGLISH_HELP {
        assert!(
            !r.stdout.contains(english),
            "has {english:?}:\n{}",
            r.stdout
        );
    }
}

/// Every subcommand's help, short and long, is Dutch: no heading, flag text or value list of
/// clap's English, and none of the English doc comments.
#[test]
fn every_subcommand_help_is_dutch() {
    for sub in common::subcommands() {
        let sub = sub.as_str();
        for flag in ["-h", "--help"] {
            let r = run(raw().args([sub, flag]));
            r.code(0);
            assert!(
                r.stdout.contains(&format!("Gebruik: beeldbel {sub}"))
                    && r.stdout.contains("Opties:"),
                "{sub} {flag}:\n{}",
                r.stdout
            );
            for english in
                ENGLISH_HELP
                    .iter()
                    .chain(&["Report format", "Write the report", "Output language"])
            {
                assert!(
                    !r.stdout.contains(english),
                    "{sub} {flag} has {english:?}:\n{}",
                    r.stdout
                );
            }
        }
    }
    // `help SUB` is the same help.
    let r = run(raw().args(["help", "check"]));
    r.code(0);
    assert!(
        r.stdout.contains("Organisatiebestanden of mappen") && r.stdout.contains("<BESTANDEN>"),
        "{}",
        r.stdout
    );
}

#[test]
fn help_in_english_with_lang_en() {
    for args in [
        &["--lang", "en", "--help"][..],
        &["--lang=en", "check", "--help"],
    ] {
        let r = run(raw().args(args));
        r.code(0);
        assert!(
            r.stdout.contains("Usage: beeldbel") && r.stdout.contains("Print help"),
            "{args:?}:\n{}",
            r.stdout
        );
        assert!(
            !r.stdout.contains("Gebruik") && !r.stdout.contains("Opties"),
            "{}",
            r.stdout
        );
    }
    let r = run(raw().args(["--lang", "en", "--help"]));
    assert!(
        r.stdout.contains("Checks whether a video-calling"),
        "{}",
        r.stdout
    );
}

/// An English locale makes help, clap's messages and the report English; `--lang nl` and
/// `BEELDBEL_LANG=nl` keep Dutch; `LC_ALL` and `LC_MESSAGES` come before `LANG`.
#[test]
fn an_english_locale_switches_the_language() {
    let english = |r: Run| {
        r.code(0);
        assert!(
            r.stdout.contains("Usage: beeldbel [OPTIONS] <COMMAND>"),
            "{}",
            r.stdout
        );
    };
    let dutch = |r: Run| {
        r.code(0);
        assert!(
            r.stdout.contains("Gebruik: beeldbel [OPTIES] <OPDRACHT>"),
            "{}",
            r.stdout
        );
    };
    english(run(raw().env("LANG", "en_GB.UTF-8").arg("--help")));
    english(run(raw()
        .env("LC_MESSAGES", "en_US.UTF-8")
        .env("LANG", "nl_NL.UTF-8")
        .arg("--help")));
    english(run(raw().env("BEELDBEL_LANG", "en").arg("--help")));
    dutch(run(raw()
        .env("LANG", "en_GB.UTF-8")
        .args(["--lang", "nl", "--help"])));
    dutch(run(raw()
        .env("LANG", "en_GB.UTF-8")
        .env("BEELDBEL_LANG", "nl")
        .arg("--help")));
    dutch(run(raw()
        .env("LANG", "en_GB.UTF-8")
        .env("LC_ALL", "C")
        .arg("--help")));
    dutch(run(raw().env("LANG", "C.UTF-8").arg("--help")));
    dutch(run(raw().env("LANG", "POSIX").arg("--help")));
    dutch(run(raw().env("LANG", "de_DE.UTF-8").arg("--help")));

    // The report too.
    let r = run(bb().env("LANG", "en_GB.UTF-8").args(["check", WHATSAPP]));
    r.code(1);
    assert!(r.stdout.contains("Verdict: NON-COMPLIANT"), "{}", r.show());
    let r = run(bb()
        .env("LANG", "en_GB.UTF-8")
        .args(["--lang", "nl", "check", WHATSAPP]));
    r.code(1);
    assert!(r.stdout.contains("VOLDOET NIET"), "{}", r.show());
}

#[test]
fn an_unknown_flag_is_a_dutch_error_with_the_nearest_flag() {
    let r = run(bb().args(["check", "--formt", "html", WHATSAPP]));
    r.code(2);
    assert!(r.stdout.is_empty(), "{}", r.show());
    for line in [
        "error: onbekend argument '--formt'",
        "  tip: bedoelde u '--format'?",
        "Gebruik: beeldbel check [OPTIES] <BESTANDEN>...",
        "Meer uitleg: probeer '--help'.",
    ] {
        assert!(r.stderr.contains(line), "lacks {line:?}:\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("unexpected argument"), "{}", r.stderr);
}

#[test]
fn an_unknown_flag_in_english_with_lang_en() {
    for cmd in [
        bb().args(["--lang", "en", "check", "--formt", "html", WHATSAPP]),
        bb().env("LANG", "en_US.UTF-8")
            .args(["check", "--formt", "html", WHATSAPP]),
    ] {
        let r = run(cmd);
        r.code(2);
        assert!(
            r.stderr
                .contains("error: unexpected argument '--formt' found")
                && r.stderr.contains("a similar argument exists: '--format'")
                && r.stderr.contains("For more information, try '--help'."),
            "{}",
            r.stderr
        );
    }
}

/// The other mistakes clap finds, each in Dutch with what was typed and what would do.
#[test]
fn clap_errors_in_dutch() {
    let cases: [(&[&str], &[&str]); 9] = [
        (
            &["chek", WHATSAPP],
            &[
                "error: onbekende opdracht 'chek'",
                "bedoelde u een van",
                "'check'",
            ],
        ),
        (
            &["check", "--format", "pdf", WHATSAPP],
            &[
                "error: ongeldige waarde 'pdf' voor '--format <FORMAT>'",
                "[mogelijke waarden: text, json, markdown, html",
            ],
        ),
        (
            &["check"],
            &[
                "error: deze verplichte argumenten ontbreken:",
                "  <BESTANDEN>...",
            ],
        ),
        (
            &["advise", "--first-contact", "misschien"],
            &[
                "ongeldige waarde 'misschien' voor '--first-contact",
                "verwacht ja of nee",
            ],
        ),
        (
            &["--max-file-bytes", "0", "check", WHATSAPP],
            &[
                "ongeldige waarde '0' voor '--max-file-bytes <BYTES>': verwacht een geheel getal van 1 of meer",
            ],
        ),
        (
            &["platforms", "--stale", "--export", "d"],
            &["error: het argument '--stale' kan niet samen met '--export <MAP>'"],
        ),
        (
            &["check", WHATSAPP, "--output"],
            &["error: '--output <BESTAND>' vraagt een waarde, maar er is er geen gegeven"],
        ),
        (
            &["--lang", "fr", "check", WHATSAPP],
            &[
                "ongeldige waarde 'fr' voor '--lang <LANG>'",
                "[mogelijke waarden: nl, en]",
            ],
        ),
        (
            &["check", "--fail-on", "high", "--fail-on", "low", WHATSAPP],
            &["het argument '--fail-on <FAIL_ON>' mag maar één keer worden gegeven"],
        ),
    ];
    for (args, expected) in cases {
        let r = run(bb().args(args));
        r.code(2);
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.show());
        for e in expected {
            assert!(r.stderr.contains(e), "{args:?} lacks {e:?}:\n{}", r.stderr);
        }
        assert!(
            r.stderr.contains("Meer uitleg: probeer '--help'."),
            "{}",
            r.stderr
        );
        for english in [
            "invalid value",
            "unexpected",
            "For more information",
            "Usage:",
        ] {
            assert!(
                !r.stderr.contains(english),
                "{args:?} has {english:?}:\n{}",
                r.stderr
            );
        }
    }
}

/// What the user typed is shown without control characters, in Dutch as in English.
#[test]
fn a_typed_control_character_never_reaches_the_terminal() {
    for lang in ["nl", "en"] {
        let r = run(bb().args(["--lang", lang, "check", "--for\u{1b}[2Jmat", WHATSAPP]));
        r.code(2);
        assert!(!r.stderr.contains('\u{1b}'), "{lang}: {:?}", r.stderr);
    }
}

/// `beeldbel` alone: the Dutch help on stderr, exit 2.
#[test]
fn no_command_shows_the_help_and_fails() {
    let r = run(&mut raw());
    r.code(2);
    assert!(
        r.stderr.contains("Gebruik: beeldbel [OPTIES] <OPDRACHT>"),
        "{}",
        r.show()
    );
}
