//! The command line as a user meets it: exit codes, diagnostics on stderr (code, words and
//! `file:line:col`), reports on stdout, for every bad-input fixture in `tests/data/bad/` and every
//! command. Every run uses `--today 2026-11-23` so reports are reproducible.
//!
//! Exit codes (docs: DESIGN.md): 0 compliant / success, 1 non-compliant or incomplete, 2 the
//! input could not be used — never 1 for an input error.

mod common;

use std::path::PathBuf;

use serde_json::Value;

use common::{Run, TODAY, bb, outcome, raw, root, run};

/// Assertions on what a run printed, used only here.
impl Run {
    fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            self.show()
        );
        self
    }

    fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{}",
            self.show()
        );
        self
    }

    /// The summary line of `validate` (stdout or stderr).
    fn output_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle) || self.stderr.contains(needle),
            "output lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    /// Nothing on stdout but, at most, the `validate` summary line.
    fn stdout_only_summary(&self) -> &Self {
        let rest: Vec<&str> = self
            .stdout
            .lines()
            .filter(|l| !l.contains("bestand(en) geldig") && !l.contains("file(s) valid"))
            .collect();
        assert!(
            rest.is_empty(),
            "stdout has more than the summary\n{}",
            self.show()
        );
        self
    }

    fn stdout_empty(&self) -> &Self {
        assert!(self.stdout.is_empty(), "stdout not empty\n{}", self.show());
        self
    }
}

/// `check FILE` with the embedded policy and catalogue.
fn check(file: &str) -> Run {
    run(&["check", file])
}

/// `--policy FILE check docs/examples/arbodienst.toml`.
fn check_with_policy(policy: &str) -> Run {
    run(&["--policy", policy, "check", "docs/examples/arbodienst.toml"])
}

/// Snapshot settings: provenance hashes change with every policy or catalogue edit, and temp
/// folders differ per run. The snapshots of this file are named without the module prefix
/// (`org_unknown_key.stderr.snap`, not `cli__…`).
fn snapshot_settings() -> insta::Settings {
    let mut s = common::snapshot_settings_with_temp_dirs();
    s.set_prepend_module_to_snapshot(false);
    s
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        snapshot_settings().bind(|| insta::assert_snapshot!($name, $value))
    };
}

// =============================================================================================
// Organisation files with errors: exit 2, nothing on stdout, a located diagnostic on stderr.

#[test]
fn org_unknown_key_names_the_key_and_the_nearest_valid_one() {
    let r = check("tests/data/bad/org/unknown-key.toml");
    r.code(2)
        .stdout_empty()
        .stderr_has("error[BB002]: onbekende sleutel `dpia.statuss` [unknown-key]")
        .stderr_has("tests/data/bad/org/unknown-key.toml:6:1")
        .stderr_has("= bedoelde u `dpia.status`?")
        .stderr_has("geldige sleutels: status, completed_on, covers")
        .stderr_has("1 fout(en) in de invoer");
    snapshot!("org_unknown_key.stderr", r.stderr.as_str());
}

#[test]
fn org_unknown_key_in_english() {
    run(&[
        "--lang",
        "en",
        "check",
        "tests/data/bad/org/unknown-key.toml",
    ])
    .code(2)
    .stdout_empty()
    .stderr_has("error[BB002]: unknown key `dpia.statuss` [unknown-key]")
    .stderr_has("tests/data/bad/org/unknown-key.toml:6:1")
    .stderr_has("did you mean `dpia.status`?")
    .stderr_lacks("bedoelde u")
    .stderr_lacks("onbekende sleutel");
}

#[test]
fn org_wrong_type() {
    check("tests/data/bad/org/wrong-type.toml")
        .code(2)
        .stdout_empty()
        .stderr_has(
            "error[BB003]: `organisation.public_authority` heeft het verkeerde type [wrong-type]",
        )
        .stderr_has("tests/data/bad/org/wrong-type.toml:4:20")
        .stderr_has("verwacht een boolean (true/false), gevonden: string");
}

#[test]
fn org_bad_enum_lists_the_allowed_values() {
    let r = check("tests/data/bad/org/bad-enum.toml");
    r.code(2)
        .stdout_empty()
        .stderr_has(
            "error[BB004]: `organisation.kind` heeft een ongeldige waarde \"ziekenhuis\" [bad-enum-value]",
        )
        .stderr_has("tests/data/bad/org/bad-enum.toml:3:8")
        .stderr_has(
            "toegestane waarden: \"uwv\", \"arbodienst\", \"reintegratiebedrijf\", \"verzekeraar\", \"zelfstandige\", \"gemeente\", \"overig\"",
        );
    snapshot!("org_bad_enum.stderr", r.stderr.as_str());
}

#[test]
fn org_date_with_time_and_quoted_date() {
    let r = check("tests/data/bad/org/bad-date.toml");
    r.code(2)
        .stdout_empty()
        // 2025-02-10T09:30:00 is a TOML datetime, not a local date.
        .stderr_has("error[BB005]: `dpia.completed_on` is geen datum [bad-date]")
        .stderr_has("tests/data/bad/org/bad-date.toml:7:16")
        .stderr_has("verwacht een datum zonder tijd: JJJJ-MM-DD")
        // "2025-01-28" is a string.
        .stderr_has("error[BB003]: `dpia.dpo_advice_on` heeft het verkeerde type [wrong-type]")
        .stderr_has("tests/data/bad/org/bad-date.toml:8:17")
        .stderr_has("zonder aanhalingstekens")
        .stderr_has("2 fout(en) in de invoer");
    snapshot!("org_bad_date.stderr", r.stderr.as_str());
}

#[test]
fn org_impossible_date_is_a_toml_syntax_error() {
    check("tests/data/bad/org/bad-date-syntax.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB001]: ongeldige TOML")
        .stderr_has("month")
        .stderr_has("tests/data/bad/org/bad-date-syntax.toml:6:16");
}

#[test]
fn org_duplicate_deployment() {
    check("tests/data/bad/org/duplicate-deployment.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB006]: deployment-id \"zoom\" komt twee keer voor [duplicate-id]")
        .stderr_has("tests/data/bad/org/duplicate-deployment.toml:10:12")
        .stderr_has("geef elke [[deployments]] een eigen `id`");
}

#[test]
fn org_missing_name() {
    check("tests/data/bad/org/missing-name.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB007]: verplicht veld `organisation.name` ontbreekt [missing-field]")
        .stderr_has("tests/data/bad/org/missing-name.toml:1:1");
}

#[test]
fn org_unknown_platform_suggests_the_nearest() {
    let r = check("tests/data/bad/org/unknown-platform.toml");
    r.code(2)
        .stdout_empty()
        .stderr_has(
            "error[BB030]: platform \"zooom\" staat niet in de catalogus [unknown-platform]",
        )
        .stderr_has("tests/data/bad/org/unknown-platform.toml:6:12")
        .stderr_has("= bedoelde u \"zoom\"?")
        .stderr_has("platforms in de catalogus: ");
    snapshot!("org_unknown_platform.stderr", r.stderr.as_str());
}

#[test]
fn dpia_covers_naming_an_unknown_platform_is_refused_with_the_nearest() {
    // A typo in `dpia.covers` would make the DPIA cover nothing: the same error as a typo in
    // `deployments.platform`, pointing at the entry, and no report.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("docs/examples/arbodienst.toml")).unwrap();
    let bad = text.replacen("covers = [\"zoom\"]", "covers = [\"zoom\", \"temas\"]", 1);
    assert_ne!(bad, text, "the example's dpia.covers line changed");
    let line = bad
        .lines()
        .position(|l| l.starts_with("covers = [\"zoom\", \"temas\"]"))
        .unwrap()
        + 1;
    let path = dir.path().join("org.toml");
    std::fs::write(&path, bad).unwrap();
    let out = dir.path().join("rapport.json");
    run(&[
        "check",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ])
    .code(2)
    .stdout_empty()
    .stderr_has("error[BB030]: platform \"temas\" staat niet in de catalogus [unknown-platform]")
    .stderr_has(&format!("org.toml:{line}:19"))
    .stderr_has("= bedoelde u \"teams\"?");
    assert!(!out.exists(), "nothing is written for a bad input");
}

/// A report written with `--output` is created like any new file: 0666 less the umask (0644
/// under umask 022), so colleagues on a shared folder can read it; `platforms --export` too.
#[cfg(unix)]
#[test]
fn output_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rapport.html");
    let export = dir.path().join("catalogus");
    let script = format!(
        "umask 022 && \"$0\" check docs/examples/arbodienst.toml --format html --output '{}' && \"$0\" platforms --export '{}'",
        report.display(),
        export.display()
    );
    let status = std::process::Command::new("sh")
        .current_dir(root())
        .args(["-c", &script, env!("CARGO_BIN_EXE_beeldbel")])
        .status()
        .expect("sh");
    assert!(status.success(), "{status:?}");
    let mode = |p: &std::path::Path| p.metadata().unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&report), 0o644, "{}", report.display());
    let zoom = export.join("zoom.toml");
    assert_eq!(mode(&zoom), 0o644, "{}", zoom.display());
}

/// `-q` leaves only errors on stderr (no warnings), `-v` adds what was loaded and each
/// organisation's verdict, `-vv` each outcome; log lines carry no colour codes when stderr is
/// not a terminal (`2> log.txt`).
#[test]
fn quiet_and_verbose_say_less_and_more() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("docs/examples/arbodienst.toml")).unwrap();
    // A waiver that covers nothing is a warning (BB043); the verdict stays.
    let org = dir.path().join("org.toml");
    std::fs::write(
        &org,
        format!(
            "{text}\n[[waivers]]\nrequirement = \"PLAT-VERSL-01\"\ndeployment = \"zoom\"\nreason = \"x\"\napproved_by = \"FG\"\napproved_on = 2026-01-01\nexpires = 2027-12-31\n"
        ),
    )
    .unwrap();
    let org = org.to_str().unwrap();
    let plain = run(&["check", org]);
    plain.code(0).stderr_has("warning[BB043]");
    let quiet = run(&["-q", "check", org]);
    quiet.code(0);
    assert_eq!(quiet.stderr, "", "-q prints no warnings:\n{}", quiet.show());
    assert_eq!(quiet.stdout, plain.stdout, "-q changes stderr only");
    // -q still prints errors.
    run(&["-q", "check", "tests/data/bad/org/unknown-platform.toml"])
        .code(2)
        .stderr_has("error[BB030]");

    let v = run(&["-v", "check", org]);
    v.code(0)
        .stderr_has("INFO inputs loaded")
        .stderr_has("INFO organisation evaluated")
        .stderr_lacks("DEBUG");
    let vv = run(&["-vv", "check", org]);
    vv.code(0)
        .stderr_has("DEBUG outcome requirement=PLAT-VWO-01 subject=zoom state=Pass");
    for r in [&v, &vv] {
        assert!(
            !r.stderr.contains('\u{1b}'),
            "no ANSI escapes:\n{}",
            r.stderr
        );
    }
}

#[test]
fn org_not_utf8_points_at_the_bad_byte() {
    let path = root().join("tests/data/bad/org/not-utf8.toml");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.contains(&0xFF),
        "the fixture must hold the byte 0xFF (was it re-encoded?)"
    );
    check("tests/data/bad/org/not-utf8.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB009]:")
        .stderr_has("is geen UTF-8")
        // Like every other diagnostic: the place as file:line:col, so editors can jump to it.
        .stderr_has("tests/data/bad/org/not-utf8.toml:2:12");
}

#[test]
fn org_not_utf8_written_by_the_test() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    // "Café" in Latin-1: é is the single byte 0xE9.
    std::fs::write(
        &path,
        b"[organisation]\nname = \"Caf\xe9\"\nkind = \"overig\"\n",
    )
    .unwrap();
    let r = check(path.to_str().unwrap());
    r.code(2).stdout_empty().stderr_has("error[BB009]:");
    assert!(
        r.stderr.contains(&format!("{}:2:12", path.display())),
        "{}",
        r.show()
    );
}

#[test]
fn org_empty_file() {
    check("tests/data/bad/org/empty.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB010]: `tests/data/bad/org/empty.toml` is leeg [empty-file]")
        .stderr_has("tests/data/bad/org/empty.toml:1:1");
}

#[test]
fn org_file_that_does_not_exist() {
    check("tests/data/bad/org/does-not-exist.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB011]:")
        .stderr_has("tests/data/bad/org/does-not-exist.toml");
}

#[test]
fn folder_without_organisation_files() {
    let r = check("tests/data/bad/empty-dir");
    r.code(2)
        .stdout_empty()
        .stderr_has(
            "error[BB050]: map `tests/data/bad/empty-dir` bevat geen organisatiebestanden [no-input]",
        )
        .stderr_has("[organisation]-tabel");
    snapshot!("empty_dir.stderr", r.stderr.as_str());
}

// =============================================================================================
// Waivers

#[test]
fn expired_waiver_warns_and_does_not_waive() {
    let r = check("tests/data/bad/waivers/expired.toml");
    // A warning, not an input error: the report is made, and the outcome still fails.
    r.code(1)
        .stderr_has(
            "warning[BB042]: afwijking voor PLAT-TELEM-01 is verlopen op 2026-03-01 [waiver-expired]",
        )
        .stderr_has("tests/data/bad/waivers/expired.toml:10:1")
        .stderr_lacks("error[")
        .stdout_has("✗ PLAT-TELEM-01")
        .stdout_has("is verlopen op 2026-03-01 en geldt niet meer");
    snapshot!("waiver_expired.stderr", r.stderr.as_str());

    let j = run(&[
        "check",
        "--format",
        "json",
        "tests/data/bad/waivers/expired.toml",
    ]);
    j.code(1);
    let report = j.report();
    let o = outcome(&report, "PLAT-TELEM-01", "zoom");
    assert_eq!(o["state"], "fail", "{o:#}");
    assert_eq!(o["waiver"]["expired"], true, "{o:#}");
    assert_eq!(o["waiver"]["expires"], "2026-03-01", "{o:#}");
}

#[test]
fn valid_waiver_waives_and_keeps_the_underlying_state() {
    let r = run(&["check", "--format", "json", "tests/data/good/waived.toml"]);
    r.stderr_lacks("BB04");
    let report = r.report();
    let o = outcome(&report, "PLAT-TELEM-01", "zoom");
    assert_eq!(o["state"], "waived", "{o:#}");
    assert_eq!(o["underlying_state"], "fail", "{o:#}");
    assert_eq!(o["waiver"]["approved_by"], "FG, mr. J. Jansen", "{o:#}");
    assert_eq!(o["waiver"]["expired"], false, "{o:#}");
}

#[test]
fn unused_waiver_warns() {
    check("tests/data/bad/waivers/unused.toml")
        .code(1)
        .stderr_has("warning[BB043]: afwijking voor PLAT-TELEM-01")
        .stderr_has("[waiver-unused]")
        .stderr_has("tests/data/bad/waivers/unused.toml:10:1")
        .stderr_lacks("error[");
}

#[test]
fn waiver_for_unknown_requirement() {
    check("tests/data/bad/waivers/unknown-requirement.toml")
        .code(1)
        .stderr_has("[BB040]: afwijking voor onbekende requirement \"PLAT-TELEM-99\"")
        .stderr_has("tests/data/bad/waivers/unknown-requirement.toml:10:15")
        .stderr_has("bedoelde u \"PLAT-TELEM-01\"?");
}

#[test]
fn waiver_for_unknown_deployment() {
    check("tests/data/bad/waivers/unknown-deployment.toml")
        .code(1)
        .stderr_has("[BB041]: afwijking voor onbekende deployment \"teams\"")
        .stderr_has("tests/data/bad/waivers/unknown-deployment.toml:11:14")
        .stderr_has("deployments: zoom");
}

#[test]
fn waiver_without_approver_is_an_input_error() {
    check("tests/data/bad/waivers/missing-approver.toml")
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB007]: verplicht veld `waivers[0].approved_by` ontbreekt")
        .stderr_has("tests/data/bad/waivers/missing-approver.toml:9:1");
}

// =============================================================================================
// Policy files with errors: with `--policy FILE check …` and with `validate FILE`.

/// Runs both ways and asserts exit 2, the stderr fragments, and nothing on stdout.
fn policy_fails(file: &str, expected: &[&str]) -> Run {
    let v = run(&["validate", file]);
    v.code(2)
        .stdout_only_summary()
        .output_has("0 van 1 bestand(en) geldig");
    for e in expected {
        v.stderr_has(e);
    }
    let c = check_with_policy(file);
    c.code(2).stdout_empty();
    for e in expected {
        c.stderr_has(e);
    }
    c
}

#[test]
fn policy_unknown_field_in_check_points_inside_the_string() {
    let r = policy_fails(
        "tests/data/bad/policy/unknown-field-in-check.toml",
        &[
            "error[BB021]: onbekend veld `platform.e2e` in `PLAT-TEST-01.check` [cel-unknown-field]",
            // Line 13 is `check = 'platform.e2e == "always"'`; the string starts at column 9,
            // `e2e` at column 19.
            "tests/data/bad/policy/unknown-field-in-check.toml:13:19",
            "= bedoelde u `platform.e2ee`?",
        ],
    );
    // The caret sits under `e2e`, inside the quotes.
    let lines: Vec<&str> = r.stderr.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("check = 'platform.e2e"))
        .expect("source line shown");
    let caret = lines[src + 1];
    let col_src = lines[src].find("check").unwrap();
    let col_caret = caret.find('^').unwrap();
    assert_eq!(col_caret - col_src, 18, "{}", r.stderr);
    assert!(caret.contains("^^^ bestaat niet in het schema"), "{caret}");
    snapshot!("policy_unknown_field.stderr", r.stderr.as_str());
}

#[test]
fn policy_unknown_field_in_english() {
    run(&[
        "--lang",
        "en",
        "validate",
        "tests/data/bad/policy/unknown-field-in-check.toml",
    ])
    .code(2)
    .stderr_has("unknown field `platform.e2e` in `PLAT-TEST-01.check`")
    .stderr_has("did you mean `platform.e2ee`?")
    .stderr_has("tests/data/bad/policy/unknown-field-in-check.toml:13:19");
}

#[test]
fn policy_field_below_a_scalar_attribute() {
    // `platform.e2ee` exists (a string); the error is that it has no field `foo`.
    policy_fails(
        "tests/data/bad/policy/field-of-scalar-attribute.toml",
        &[
            "error[BB021]: `platform.e2ee` heeft geen velden",
            "tests/data/bad/policy/field-of-scalar-attribute.toml:13:24",
        ],
    )
    .stderr_lacks("onbekend veld `platform.e2ee`")
    .stderr_lacks("bedoelde u `platform.e2ee`?")
    // The Dutch diagnostic is Dutch throughout (the type is described in the chosen language).
    .stderr_lacks(" is one of ")
    .stderr_lacks(" is a string");
}

#[test]
fn policy_uncompilable_check() {
    policy_fails(
        "tests/data/bad/policy/uncompilable-check.toml",
        &[
            "error[BB020]: expressie `PLAT-TEST-01.check` is geen geldige CEL [cel-syntax]",
            "tests/data/bad/policy/uncompilable-check.toml:13:38",
            "Syntax error",
        ],
    );
}

#[test]
fn policy_2000_term_sum_is_refused_not_aborted() {
    let r = policy_fails(
        "tests/data/bad/policy/deep-expression.toml",
        &[
            "error[BB022]: expressie `PLAT-TEST-01.check` is te groot",
            "[cel-guard]",
            "tests/data/bad/policy/deep-expression.toml:13:10",
        ],
    );
    r.stderr_lacks("overflow").stderr_lacks("panicked");
}

#[test]
fn policy_deeply_nested_parens_are_refused() {
    policy_fails(
        "tests/data/bad/policy/long-expression.toml",
        &[
            "error[BB022]: expressie `PLAT-TEST-01.check` is te groot: dieper dan 16 haakjes genest [cel-guard]",
            "tests/data/bad/policy/long-expression.toml:13:26",
        ],
    );
}

#[test]
fn policy_duplicate_requirement_id() {
    policy_fails(
        "tests/data/bad/policy/duplicate-id.toml",
        &[
            "error[BB006]: requirement-id \"PLAT-TEST-01\" komt twee keer voor [duplicate-id]",
            "tests/data/bad/policy/duplicate-id.toml:18:6",
        ],
    );
}

#[test]
fn policy_id_duplicating_the_embedded_policy() {
    // Several --policy files combine; a requirement id in two of them is an error.
    run(&[
        "--policy",
        "policies/avg-beeldbellen.toml",
        "--policy",
        "policies/avg-beeldbellen.toml",
        "check",
        "docs/examples/arbodienst.toml",
    ])
    .code(2)
    .stdout_empty()
    .stderr_has("[BB006]");
}

#[test]
fn policy_bad_requirement_id() {
    policy_fails(
        "tests/data/bad/policy/bad-id.toml",
        &[
            "error[BB008]: ongeldige requirement-id \"plat test 1\" [invalid-value]",
            "tests/data/bad/policy/bad-id.toml:8:6",
            "bijvoorbeeld \"AVG-DPIA-01\"",
        ],
    );
}

#[test]
fn policy_variable_out_of_scope() {
    let r = policy_fails(
        "tests/data/bad/policy/variable-out-of-scope.toml",
        &[
            "error[BB024]:",
            "`org`",
            "[cel-variable]",
            "tests/data/bad/policy/variable-out-of-scope.toml:13:39",
            "beschikbaar in deze scope: platform, policy, today",
        ],
    );
    snapshot!("policy_variable_out_of_scope.stderr", r.stderr.as_str());
}

// =============================================================================================
// Platform files with errors (validate, and as --platforms).

#[test]
fn platform_unknown_source() {
    for r in [
        run(&["validate", "tests/data/bad/platform/unknown-source.toml"]),
        run(&[
            "--platforms",
            "tests/data/bad/platform/unknown-source.toml",
            "platforms",
        ]),
    ] {
        r.code(2)
            .stdout_only_summary()
            .stderr_has("error[BB031]: bron \"test-e2e\" bestaat niet [unknown-source]")
            .stderr_has("tests/data/bad/platform/unknown-source.toml:6:37")
            .stderr_has("= bedoelde u \"test-e2ee\"?");
    }
}

#[test]
fn platform_unknown_attribute() {
    let r = run(&["validate", "tests/data/bad/platform/unknown-attribute.toml"]);
    r.code(2)
        .stdout_only_summary()
        .stderr_has("error[BB002]: onbekende sleutel `attributes.waiting_rooms` [unknown-key]")
        .stderr_has("tests/data/bad/platform/unknown-attribute.toml:6:1")
        .stderr_has("= bedoelde u `attributes.waiting_room`?");
    snapshot!("platform_unknown_attribute.stderr", r.stderr.as_str());
}

// =============================================================================================
// check: the three examples

#[test]
fn example_whatsapp_is_non_compliant() {
    let r = check("docs/examples/zelfstandige-whatsapp.toml");
    r.code(1)
        .stdout_has("Oordeel: VOLDOET NIET")
        .stdout_has("✗ PLAT-VWO-01 [hoog]")
        .stderr_lacks("error[");
    snapshot!("check_zelfstandige_whatsapp.txt", r.stdout.as_str());

    let j = run(&[
        "check",
        "--format",
        "json",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    j.code(1);
    let report = j.report();
    assert_eq!(report["verdict"], "non_compliant");
    assert_eq!(report["organisations"][0]["verdict"], "non_compliant");
    let o = outcome(&report, "PLAT-VWO-01", "whatsapp");
    assert_eq!(o["state"], "fail", "{o:#}");
    assert_eq!(o["severity"], "high", "{o:#}");
    assert_eq!(
        outcome(&report, "AVG-DPIA-01", "whatsapp")["state"],
        "fail",
        "no DPIA was done"
    );
}

#[test]
fn example_reintegratie_is_incomplete() {
    let r = check("docs/examples/reintegratie-onvolledig.toml");
    r.code(1)
        .stdout_has("Oordeel: ONVOLLEDIG")
        .stdout_has("vul `dpia.review_due` in")
        .stderr_lacks("error[");
    snapshot!("check_reintegratie_onvolledig.txt", r.stdout.as_str());

    let j = run(&[
        "check",
        "--format",
        "json",
        "docs/examples/reintegratie-onvolledig.toml",
    ]);
    j.code(1);
    let report = j.report();
    assert_eq!(report["verdict"], "incomplete");
    // The fields the example leaves out on purpose (see its comments).
    for (req, subject, missing) in [
        ("AVG-DPIA-02", "organisation", "dpia.review_due"),
        (
            "BEROEP-EVAL-01",
            "organisation",
            "conduct.evaluated_during_trajectory",
        ),
        ("PLAT-TELEM-01", "zoom", "telemetry_minimised"),
    ] {
        let o = outcome(&report, req, subject);
        assert_eq!(o["state"], "unknown", "{o:#}");
        let names: Vec<&str> = o["missing"]
            .as_array()
            .expect("missing is a list")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            names.iter().any(|n| n.contains(missing)),
            "{req}: missing {names:?} lacks {missing}"
        );
    }
    // Incomplete, not non-compliant: no fail at or above the threshold.
    for o in report["organisations"][0]["outcomes"].as_array().unwrap() {
        if o["state"] == "fail" {
            assert_eq!(o["severity"], "low", "{o:#}");
        }
    }
}

#[test]
fn example_arbodienst_text_report() {
    let r = check("docs/examples/arbodienst.toml");
    r.stderr_lacks("error[").stderr_lacks("warning[");
    assert!(matches!(r.code, Some(0 | 1)), "{}", r.show());
    snapshot!("check_arbodienst.txt", r.stdout.as_str());
}

/// Each example states its expected verdict in a comment ("Verwachte uitkomst …: voldoet").
#[test]
fn examples_have_their_documented_verdict() {
    let dir = root().join("docs/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(line) = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join(" ")
            .split("Verwachte uitkomst")
            .nth(1)
            .map(str::to_owned)
        else {
            continue;
        };
        let said = line.split_once(':').unwrap().1.trim_start();
        let expected = if said.starts_with("voldoet niet") {
            ("non_compliant", 1)
        } else if said.starts_with("onvolledig") {
            ("incomplete", 1)
        } else if said.starts_with("voldoet") {
            ("compliant", 0)
        } else {
            panic!(
                "{}: cannot read the expected outcome {said:?}",
                path.display()
            );
        };
        let rel = path
            .strip_prefix(root())
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let r = run(&["check", "--format", "json", &rel]);
        let report = r.report();
        let got: Vec<String> = report["organisations"][0]["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["state"] != "pass" && o["state"] != "not_applicable")
            .map(|o| format!("{} {} {}", o["requirement"], o["subject"], o["state"]))
            .collect();
        assert_eq!(
            (report["verdict"].as_str().unwrap(), r.code.unwrap()),
            expected,
            "{rel} documents {:?}; not passing: {got:#?}",
            expected.0
        );
        seen += 1;
    }
    assert!(seen >= 3, "examples with a documented outcome: {seen}");
}

// =============================================================================================
// check: formats, output, folders, flags

#[test]
fn check_json_carries_provenance() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    r.code(1);
    assert_eq!(r.json()["schema_version"], 3);
    let report = r.report();
    assert_eq!(report["tool"]["name"], "beeldbel");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["evaluated_on"], TODAY);
    assert_eq!(report["policy"]["id"], "avg-beeldbellen");
    let hex = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    assert!(hex(&report["policy"]["sha256"]), "{}", report["policy"]);
    assert!(
        hex(&report["catalogue"]["sha256"]),
        "{}",
        report["catalogue"]
    );
    let org = &report["organisations"][0];
    assert_eq!(org["file"], "docs/examples/zelfstandige-whatsapp.toml");
    assert!(hex(&org["sha256"]));
    assert_eq!(org["name"], "Arbeidsdeskundig Advies J. de Vries");
    let states = [
        "pass",
        "fail",
        "unknown",
        "not_applicable",
        "waived",
        "error",
    ];
    for o in org["outcomes"].as_array().unwrap() {
        assert!(states.contains(&o["state"].as_str().unwrap_or("")), "{o:#}");
        assert!(
            ["high", "medium", "low"].contains(&o["severity"].as_str().unwrap_or("")),
            "{o:#}"
        );
        if o["scope"] == "organisation" {
            assert_eq!(o["subject"], "organisation", "{o:#}");
        }
    }
}

#[test]
fn check_json_report_has_a_schema() {
    let r = raw().args(["schema", "report"]).output().unwrap();
    let r = Run::of(r);
    r.code(0);
    assert!(r.json()["properties"].is_object(), "{}", r.stdout);
}

#[test]
fn check_output_writes_the_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport.json");
    // An older report is replaced, not appended to.
    std::fs::write(&out, "oud rapport").unwrap();
    let r = run(&[
        "check",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    r.code(1).stdout_empty();
    let text = std::fs::read_to_string(&out).unwrap();
    let report: Value = common::report_value(&text);
    assert_eq!(report["verdict"], "non_compliant");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("rapport.json")]);
}

#[test]
fn check_output_text_to_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport.txt");
    run(&[
        "check",
        "-o",
        out.to_str().unwrap(),
        "docs/examples/zelfstandige-whatsapp.toml",
    ])
    .code(1)
    .stdout_empty();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("Oordeel: VOLDOET NIET"), "{text}");
    assert!(!text.contains('\x1b'), "a file gets no colour codes");
}

#[test]
fn check_output_into_a_missing_folder_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bestaat-niet/rapport.json");
    run(&[
        "check",
        "--output",
        out.to_str().unwrap(),
        "docs/examples/arbodienst.toml",
    ])
    .code(2)
    .stdout_empty()
    .stderr_has("[BB011]");
    assert!(!out.exists());
}

/// A report that cannot be written is never a silent success: with stdout on a full disk
/// (`/dev/full`), every format exits 2 with a diagnostic naming stdout, not 0 or 1 with a
/// report cut short, and not 3 (the failure is the output's, not beeldbel's).
#[test]
#[cfg(target_os = "linux")]
fn every_format_on_a_full_disk_is_an_output_error() {
    for format in [
        "text", "json", "markdown", "html", "junit", "sarif", "oscal",
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_beeldbel"))
            .current_dir(root())
            .env_remove("NO_COLOR")
            .args([
                "--today",
                TODAY,
                "check",
                "docs/examples",
                "--format",
                format,
            ])
            .stdout(full)
            .output()
            .expect("run beeldbel");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("[BB011]") && stderr.contains("stdout"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn check_folder_with_two_organisations() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["arbodienst.toml", "zelfstandige-whatsapp.toml"] {
        std::fs::copy(root().join("docs/examples").join(f), dir.path().join(f)).unwrap();
    }
    // Not organisation files: skipped.
    std::fs::write(dir.path().join("LEESMIJ.txt"), "notities").unwrap();
    std::fs::write(dir.path().join("notities.toml"), "title = \"x\"\n").unwrap();
    let d = dir.path().to_str().unwrap();

    let r = run(&["check", d]);
    r.code(1)
        .stdout_has("Oordeel: VOLDOET NIET")
        .stdout_has("━━ Arbodienst Voorbeeld B.V.")
        .stdout_has("━━ Arbeidsdeskundig Advies J. de Vries");

    let j = run(&["check", "--format", "json", d]);
    j.code(1);
    let report = j.report();
    let orgs = report["organisations"].as_array().unwrap();
    assert_eq!(orgs.len(), 2, "{report:#}");
    // The overall verdict is the worst one.
    assert_eq!(report["verdict"], "non_compliant");
    let names: Vec<&str> = orgs.iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Arbodienst Voorbeeld B.V."), "{names:?}");
    assert!(
        names.contains(&"Arbeidsdeskundig Advies J. de Vries"),
        "{names:?}"
    );
}

#[test]
fn check_docs_examples_folder() {
    let r = run(&["check", "--format", "json", "docs/examples"]);
    r.code(1);
    let report = r.report();
    assert!(report["organisations"].as_array().unwrap().len() >= 3);
    assert_eq!(report["verdict"], "non_compliant");
}

#[test]
fn check_several_files() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "docs/examples/reintegratie-onvolledig.toml",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    r.code(1);
    let report = r.report();
    assert_eq!(report["organisations"].as_array().unwrap().len(), 2);
    assert_eq!(report["organisations"][0]["verdict"], "incomplete");
    assert_eq!(report["organisations"][1]["verdict"], "non_compliant");
    assert_eq!(report["verdict"], "non_compliant");
}

#[test]
fn one_bad_file_among_good_ones_is_an_input_error() {
    run(&[
        "check",
        "docs/examples/arbodienst.toml",
        "tests/data/bad/org/unknown-key.toml",
    ])
    .code(2)
    .stdout_empty()
    .stderr_has("[BB002]");
}

#[test]
fn fail_on_changes_the_verdict() {
    let policy = "tests/data/good/severities-policy.toml";
    let org = "tests/data/good/severities-org.toml";
    let verdict = |fail_on: Option<&str>| {
        let mut args = vec!["--policy", policy, "check", "--format", "json", org];
        if let Some(f) = fail_on {
            args.extend(["--fail-on", f]);
        }
        let r = run(&args);
        (
            r.json()["verdict"].as_str().unwrap().to_owned(),
            r.code.unwrap(),
        )
    };
    // Medium (the default) and low: the medium failure counts.
    assert_eq!(verdict(None), ("non_compliant".into(), 1));
    assert_eq!(verdict(Some("medium")), ("non_compliant".into(), 1));
    assert_eq!(verdict(Some("low")), ("non_compliant".into(), 1));
    // High: the medium and low failures are advice only.
    assert_eq!(verdict(Some("high")), ("compliant".into(), 0));

    run(&["--policy", policy, "check", org, "--fail-on", "high"])
        .code(0)
        .stdout_has("Oordeel: VOLDOET")
        .stdout_lacks("VOLDOET NIET")
        .stdout_has("drempel hoog");
}

#[test]
fn bad_today_is_an_input_error() {
    for bad in ["2026-13-01", "tomorrow", "23-11-2026", ""] {
        let r = Run::of(
            raw()
                .args(["check", "docs/examples/arbodienst.toml", "--today", bad])
                .output()
                .unwrap(),
        );
        r.code(2)
            .stdout_empty()
            .stderr_has("error[BB052]")
            .stderr_has(&format!("--today \"{bad}\" is geen datum"))
            .stderr_has("JJJJ-MM-DD");
    }
}

/// A bad `--today` is a bad flag whatever the command: exit 2, never silently ignored.
#[test]
fn bad_today_is_an_input_error_for_every_command() {
    for args in [
        &["explain", "zoom"][..],
        &["platforms"][..],
        &["validate", "docs/examples/arbodienst.toml"][..],
        &["schema", "org"][..],
    ] {
        let r = Run::of(raw().args(args).args(["--today", "nope"]).output().unwrap());
        assert_eq!(r.code, Some(2), "{args:?}\n{}", r.show());
        r.stderr_has("[BB052]");
    }
}

#[test]
fn bad_flags_are_input_errors() {
    for args in [
        &["check", "--format", "pdf", "docs/examples/arbodienst.toml"][..],
        &[
            "check",
            "--fail-on",
            "extreme",
            "docs/examples/arbodienst.toml",
        ][..],
        &["--lang", "fr", "check", "docs/examples/arbodienst.toml"][..],
        &["check"][..],
        &["schema", "bogus"][..],
        &["frobnicate"][..],
    ] {
        let r = run(args);
        r.code(2).stdout_empty();
    }
}

#[test]
fn help_and_version_succeed() {
    for args in [
        &["--help"][..],
        &["--version"][..],
        &["check", "--help"][..],
    ] {
        Run::of(raw().args(args).output().unwrap())
            .code(0)
            .stdout_has("beeldbel");
    }
}

#[test]
fn english_report_has_no_dutch() {
    let r = run(&[
        "--lang",
        "en",
        "check",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    r.code(1)
        .stdout_has("Verdict: NON-COMPLIANT")
        .stdout_has("not met")
        .stdout_has("What to do:")
        .stdout_has("Edition comes with a processor agreement");
    for dutch in [
        "Oordeel",
        "VOLDOET",
        "niet voldaan",
        "Wat te doen",
        "Grondslag",
        "gecontroleerd",
        "Herkomst",
        "Deze", // any Dutch sentence start
        "juridisch advies",
    ] {
        r.stdout_lacks(dutch);
    }
    let j = run(&[
        "--lang",
        "en",
        "check",
        "--format",
        "json",
        "docs/examples/zelfstandige-whatsapp.toml",
    ]);
    let report = j.report();
    assert_eq!(report["lang"], "en");
    let o = outcome(&report, "PLAT-VWO-01", "whatsapp");
    assert_eq!(o["title"]["en"], "Edition comes with a processor agreement");
}

#[test]
fn output_to_a_pipe_has_no_colour() {
    for no_color in [None, Some("1")] {
        let mut cmd = bb();
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let r = Run::of(
            cmd.args(["check", "docs/examples/zelfstandige-whatsapp.toml"])
                .output()
                .unwrap(),
        );
        r.code(1);
        assert!(!r.stdout.contains('\x1b'), "ANSI escape in stdout");
        assert!(!r.stderr.contains('\x1b'), "ANSI escape in stderr");
    }
    let mut cmd = bb();
    let r = Run::of(
        cmd.env("NO_COLOR", "1")
            .args(["check", "tests/data/bad/org/unknown-key.toml"])
            .output()
            .unwrap(),
    );
    r.code(2);
    assert!(!r.stderr.contains('\x1b'), "ANSI escape in diagnostics");
}

// =============================================================================================
// validate

#[test]
fn validate_good_files() {
    run(&[
        "validate",
        "docs/examples/arbodienst.toml",
        "platforms/zoom.toml",
        "policies/avg-beeldbellen.toml",
    ])
    .code(0)
    .stdout_only_summary()
    .output_has("3 van 3 bestand(en) geldig")
    .stderr_lacks("error[");
}

#[test]
fn validate_every_shipped_file() {
    let mut args = vec!["validate".to_owned()];
    for dir in ["docs/examples", "platforms", "policies"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        args.extend(
            files
                .iter()
                .map(|p| p.strip_prefix(root()).unwrap().display().to_string()),
        );
    }
    let n = args.len() - 1;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
        .code(0)
        .output_has(&format!("{n} van {n} bestand(en) geldig"));
}

#[test]
fn validate_reports_each_bad_file() {
    run(&[
        "validate",
        "docs/examples/arbodienst.toml",
        "tests/data/bad/org/unknown-key.toml",
        "tests/data/bad/platform/unknown-source.toml",
    ])
    .code(2)
    .stdout_only_summary()
    .output_has("1 van 3 bestand(en) geldig")
    .stderr_has("tests/data/bad/org/unknown-key.toml:6:1")
    .stderr_has("tests/data/bad/platform/unknown-source.toml:6:37");
}

#[test]
fn validate_unrecognised_file() {
    run(&["validate", "tests/data/bad/empty-dir/notes.toml"])
        .code(2)
        .stderr_has("error[BB051]")
        .stderr_has("tests/data/bad/empty-dir/notes.toml:1:1");
}

#[test]
fn validate_missing_file_counts_it() {
    run(&["validate", "tests/data/bad/org/does-not-exist.toml"])
        .code(2)
        .stderr_has("error[BB011]")
        .output_has("0 van 1 bestand(en) geldig");
}

// =============================================================================================
// explain, platforms, schema

#[test]
fn explain_requirement() {
    let r = run(&["explain", "AVG-DPIA-01"]);
    r.code(0)
        .stdout_has("AVG-DPIA-01 — DPIA uitgevoerd vóór ingebruikname")
        .stdout_has("AVG art. 35 lid 1")
        .stdout_has("Toets (CEL)")
        .stdout_has("org.dpia.status")
        .stderr_lacks("error[");
    snapshot!("explain_avg_dpia_01.txt", r.stdout.as_str());

    run(&["--lang", "en", "explain", "AVG-DPIA-01"])
        .code(0)
        .stdout_has("DPIA completed before use")
        .stdout_lacks("Waarom");
}

#[test]
fn explain_platform_shows_sources() {
    let r = run(&["explain", "zoom"]);
    r.code(0)
        .stdout_has("zoom — Zoom Workplace")
        .stdout_has("Editie business");
    let sources: Vec<&str> = r
        .stdout
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("bron:"))
        .collect();
    assert!(!sources.is_empty(), "{}", r.stdout);
    for s in &sources {
        // "bron: TITLE — URL (gecontroleerd YYYY-MM-DD)"
        let (title, rest) = s["bron:".len()..]
            .split_once(" — https://")
            .unwrap_or_else(|| panic!("no title and https URL: {s}"));
        assert!(!title.trim().is_empty(), "{s}");
        let date = rest
            .rsplit_once("(gecontroleerd ")
            .map(|(_, d)| d.trim_end_matches(')'))
            .unwrap_or_else(|| panic!("no checked date: {s}"));
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "{s}"
        );
    }
}

#[test]
fn explain_unknown_id_suggests() {
    run(&["explain", "zom"])
        .code(2)
        .stdout_empty()
        .stderr_has("error[BB053]: \"zom\" is geen requirement of platform [not-found]")
        .stderr_has("bedoelde u \"zoom\"?");
    run(&["explain", "avg-dpia-1"])
        .code(2)
        .stdout_empty()
        .stderr_has("bedoelde u \"AVG-DPIA-01\"?");
}

#[test]
fn platforms_table() {
    let r = run(&["platforms"]);
    r.code(0).stderr_lacks("error[");
    let mut lines = r.stdout.lines();
    let header = lines.next().unwrap();
    for col in ["platform", "editie", "soort", "E2EE"] {
        assert!(header.contains(col), "header {header:?} lacks {col}");
    }
    // Every platform and edition of the shipped catalogue has a row.
    for (platform, edition) in [
        ("zoom", "business"),
        ("zoom", "basic"),
        ("teams", "enterprise"),
        ("whatsapp", "consumer"),
        ("facetime", "consumer"),
    ] {
        assert!(
            r.stdout.lines().any(|l| {
                let mut cells = l.split_whitespace();
                cells.next() == Some(platform) && cells.next() == Some(edition)
            }),
            "no row for {platform} {edition}\n{}",
            r.stdout
        );
    }
    run(&["--lang", "en", "platforms"])
        .code(0)
        .stdout_has("edition")
        .stdout_lacks("editie");
}

#[test]
fn schemas_are_json_with_properties() {
    for (kind, keys) in [
        (
            "org",
            &["organisation", "deployments", "waivers", "dpia"][..],
        ),
        ("policy", &["policy", "requirements"][..]),
        ("platform", &["id", "vendor", "editions", "sources"][..]),
    ] {
        let r = run(&["schema", kind]);
        r.code(0).stderr_lacks("error");
        let schema = r.json();
        let props = schema["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("schema {kind} has no properties"));
        for k in keys {
            assert!(props.contains_key(*k), "schema {kind} lacks {k}");
        }
    }
}

#[test]
fn batch_text_report_starts_with_a_summary_in_file_order() {
    let r = run(&[
        "check",
        "docs/examples/zelfstandige-whatsapp.toml",
        "docs/examples/arbodienst.toml",
        "docs/examples/reintegratie-onvolledig.toml",
    ]);
    r.code(1).stdout_has("Samenvatting (3 organisaties)");
    let lines: Vec<&str> = r.stdout.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle:?}\n{}", r.show()))
    };
    // One summary line per organisation, in the order given, before any details.
    // (The counts follow the catalogue; the verdicts and the order are what this test holds.)
    let whatsapp = at("VOLDOET NIET ");
    let arbo = at("VOLDOET         0   0   0   ");
    assert!(lines[arbo].contains("Arbodienst"), "{}", r.show());
    let reint = at("ONVOLLEDIG      0   ");
    assert!(whatsapp < arbo && arbo < reint, "{}", r.show());
    assert!(reint < at("━━ Arbeidsdeskundig Advies"), "{}", r.show());
}

#[test]
fn batch_results_do_not_depend_on_scheduling() {
    // Parallel evaluation merges results back in command-line order: the JSON of a batch is
    // the single-file reports, in order.
    let files = [
        "docs/examples/reintegratie-onvolledig.toml",
        "docs/examples/arbodienst.toml",
        "docs/examples/zelfstandige-whatsapp.toml",
    ];
    let mut args = vec!["check", "--format", "json"];
    args.extend(files);
    let batch = run(&args).json();
    for (i, f) in files.iter().enumerate() {
        let single = run(&["check", "--format", "json", f]).json();
        assert_eq!(
            batch["organisations"][i], single["organisations"][0],
            "{f} differs in the batch"
        );
    }
}

#[test]
fn batch_with_bad_files_reports_each_problem_once_in_file_order() {
    let r = run(&[
        "check",
        "tests/data/bad/org/unknown-key.toml",
        "docs/examples/arbodienst.toml",
        "tests/data/bad/org/bad-enum.toml",
    ]);
    r.code(2).stdout_empty();
    let first = r
        .stderr
        .find("unknown-key.toml:")
        .expect("first file named");
    let second = r.stderr.find("bad-enum.toml:").expect("second file named");
    assert!(first < second, "{}", r.show());
    assert_eq!(r.stderr.matches("[BB002]").count(), 1, "{}", r.show());
}

#[test]
fn validate_takes_a_folder() {
    let r = run(&["validate", "docs/examples"]);
    r.code(0).output_has("5 van 5 bestand(en) geldig");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("docs/examples/arbodienst.toml"),
        dir.path().join("a.toml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/data/bad/org/wrong-type.toml"),
        dir.path().join("b.toml"),
    )
    .unwrap();
    run(&["validate", dir.path().to_str().unwrap()])
        .code(2)
        .stderr_has("b.toml:")
        .stderr_has("[BB003]")
        .output_has("1 van 2 bestand(en) geldig");
}

#[test]
fn report_from_saved_json_renders_without_evaluating() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("result.json");
    let file = "docs/examples/reintegratie-onvolledig.toml";
    run(&[
        "check",
        file,
        "--format",
        "json",
        "--output",
        saved.to_str().unwrap(),
    ])
    .code(1);
    for format in ["text", "markdown", "json"] {
        let direct = run(&["check", file, "--format", format]);
        let again = run(&[
            "report",
            "--from",
            saved.to_str().unwrap(),
            "--format",
            format,
        ]);
        again.code(1);
        assert_eq!(direct.stdout, again.stdout, "{format} differs");
    }
    // It does not evaluate: a saved report keeps its date and verdict even with another
    // --today.
    let r = Run::of(
        raw()
            .args(["--today", "2030-01-01", "report", "--from"])
            .arg(&saved)
            .output()
            .unwrap(),
    );
    r.code(1).stdout_has("datum 2026-11-23");
}

#[test]
fn report_from_a_broken_file_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("result.json");
    let json = run(&["check", "docs/examples/arbodienst.toml", "--format", "json"]).stdout;
    std::fs::write(
        &saved,
        json.replacen("\"verdict\": \"compliant\"", "\"verdict\": \"groen\"", 1),
    )
    .unwrap();
    let line = json
        .lines()
        .position(|l| l.contains("\"verdict\": \"compliant\""))
        .unwrap()
        + 1;
    run(&["report", "--from", saved.to_str().unwrap()])
        .code(2)
        .stdout_empty()
        .stderr_has("[BB054]")
        .stderr_has(&format!("result.json:{line}:"))
        .stderr_has("unknown variant `groen`");

    std::fs::write(
        &saved,
        json.replacen("\"schema_version\": 3", "\"schema_version\": 4", 1),
    )
    .unwrap();
    run(&["--lang", "en", "report", "--from", saved.to_str().unwrap()])
        .code(2)
        .stderr_has("[BB054]")
        .stderr_has("schema_version 4; this beeldbel reads version 1, 2 and 3");

    run(&["report", "--from", "tests/data/hostile/org.toml"])
        .code(2)
        .stderr_has("[BB054]");
}

#[test]
fn text_report_neutralises_terminal_control_characters() {
    let r = check("tests/data/hostile/org-terminal.toml");
    r.code(1);
    assert!(!r.stdout.contains('\u{1b}'), "escape reached stdout");
    assert!(!r.stdout.contains('\u{7}'), "bell reached stdout");
    r.stdout_has("Evil\u{FFFD}[2J\u{FFFD}[31m Rood\u{FFFD}");
    // JSON keeps the value as it is (escaped by JSON itself).
    let j = run(&[
        "check",
        "--format",
        "json",
        "tests/data/hostile/org-terminal.toml",
    ]);
    assert_eq!(
        j.json()["organisations"][0]["name"],
        "Evil\u{1b}[2J\u{1b}[31m Rood\u{7}"
    );
}

/// The JSON report of the WhatsApp example (checked in Dutch), changed by `edit` and saved in a
/// temporary folder: the folder (kept alive), the file and the saved value.
fn saved_whatsapp_report(edit: impl FnOnce(&mut Value)) -> (tempfile::TempDir, PathBuf, Value) {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("result.json");
    let json = run(&[
        "check",
        "docs/examples/zelfstandige-whatsapp.toml",
        "--format",
        "json",
    ])
    .stdout;
    // As version 2 (every text and fact in its outcome), which the edits change.
    let mut v: Value = common::report_value(&json);
    v["schema_version"] = 2.into();
    edit(&mut v);
    std::fs::write(&saved, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    (dir, saved, v)
}

/// Render late: a report saved in Dutch renders wholly in English with `--lang en` — the policy's
/// titles and remediation, the findings and the notice, not only the report's own words.
#[test]
fn report_from_renders_a_dutch_result_in_english() {
    let (_dir, saved, _) = saved_whatsapp_report(|_| {});
    let en = run(&["--lang", "en", "report", "--from", saved.to_str().unwrap()]);
    en.code(1);
    for english in [
        "Edition comes with a processor agreement",
        "not met",
        "What to do: Use a business edition of this platform",
        "This report is not legal advice.",
    ] {
        assert!(
            en.stdout.contains(english),
            "missing {english:?}:\n{}",
            en.stdout
        );
    }
    for dutch in [
        "Editie met verwerkersovereenkomst",
        "niet voldaan",
        "geen juridisch advies",
    ] {
        assert!(
            !en.stdout.contains(dutch),
            "Dutch {dutch:?} in:\n{}",
            en.stdout
        );
    }
}

/// A report of schema_version 1 (texts frozen in one language, as plain strings) still renders.
#[test]
fn report_from_reads_schema_version_1() {
    fn freeze(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in ["title", "message", "remediation", "notice"] {
                    if let Some(t) = m.get_mut(key).filter(|t| t.get("nl").is_some()) {
                        *t = t["nl"].clone();
                    }
                }
                m.values_mut().for_each(freeze);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(freeze),
            _ => {}
        }
    }
    let (_dir, saved, v) = saved_whatsapp_report(|v| {
        freeze(v);
        v["schema_version"] = 1.into();
    });
    assert!(v["organisations"][0]["outcomes"][0]["title"].is_string());
    let text = run(&["report", "--from", saved.to_str().unwrap()]);
    text.code(1);
    assert!(
        text.stdout.contains("Editie met verwerkersovereenkomst"),
        "{}",
        text.stdout
    );
}
