//! `beeldbel advise` asks only what can still change the advice: once a rule decides *fysiek
//! contact nodig* no open question is listed; otherwise each is listed once, as a question, under
//! the advice; `overleg_professional` asks nothing about the client. Rules that fire are named by
//! the situation ("Er is een conflict met de werkgever"), rules that hold by their topic; the
//! header and the remediation speak of flags when flags were used and of file fields when a file
//! was; `--interactive` asks the questions one at a time.

mod common;

use common::{TODAY, raw, snapshot_settings};

const CONFLICT_FILE: &str = "tests/data/appointments/conflict-klant-wil-fysiek.toml";
const ONLY_ACTIVITY_FILE: &str = "tests/data/appointments/alleen-activiteit.toml";
const TALK_FILE: &str = "tests/data/appointments/overleg-bedrijfsarts.toml";

/// The flags of the example: a conflict, and the client wants to meet in person.
const CONFLICT_FLAGS: [&str; 5] = [
    "--activity",
    "hoor_wederhoor",
    "--conflict-with-employer",
    "--client-preference",
    "physical",
];

fn advise(args: &[&str]) -> std::process::Output {
    raw()
        .env("NO_COLOR", "1")
        .arg("advise")
        .args(args)
        .args(["--today", TODAY])
        .output()
        .unwrap()
}

fn text(args: &[&str]) -> (String, i32) {
    let out = advise(args);
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = advise(&all);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    })
}

const CONSENT_Q: &str = "Heeft de klant ingestemd met beeldbellen?";
const PREFERENCE_Q: &str = "Welke contactvorm heeft de klant het liefst?";
const FIRST_Q: &str = "Is dit het eerste contact met de klant?";

fn question(r: &serde_json::Value, field: &str) -> serde_json::Value {
    r["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["field"] == field)
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

fn state(r: &serde_json::Value, id: &str) -> String {
    r["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["requirement"] == id)
        .map(|o| o["state"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn physical_contact_decided_lists_no_open_questions() {
    for args in [&CONFLICT_FLAGS[..], &[CONFLICT_FILE][..]] {
        let (t, code) = text(args);
        assert_eq!(code, 1);
        assert!(t.starts_with("Advies: FYSIEK CONTACT NODIG"), "{t}");
        for absent in [
            CONSENT_Q,
            FIRST_Q,
            "Nog te beantwoorden",
            "onbekend",
            "vul `",
            "Voorwaarden voor beeldbellen",
        ] {
            assert!(!t.contains(absent), "{args:?}: {absent:?} in\n{t}");
        }
        // The JSON keeps every rule and every open question, marked as not changing the advice.
        let r = json(args);
        assert_eq!(r["outcomes"].as_array().unwrap().len(), 11);
        assert_eq!(state(&r, "ADV-TOEST-01"), "unknown");
        assert_eq!(question(&r, "client_consents_video")["relevant"], false);
        assert_eq!(question(&r, "first_contact")["relevant"], false);
        let undecided: Vec<&str> = r["undecided"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(undecided, ["ADV-TOEST-01", "ADV-EERSTE-01"]);
    }
    // The same holds when it is the client's "no" that decides it.
    let (t, _) = text(&[
        "--activity",
        "gegevens_uitvragen",
        "--client-consents-video",
        "nee",
    ]);
    assert!(t.starts_with("Advies: FYSIEK CONTACT NODIG"), "{t}");
    assert!(!t.contains(PREFERENCE_Q) && !t.contains(FIRST_Q), "{t}");
}

#[test]
fn only_the_activity_lists_each_question_once_under_the_advice() {
    let (t, code) = text(&["--activity", "hoor_wederhoor"]);
    assert_eq!(code, 1);
    assert!(
        t.starts_with("Advies: BEELDBELLEN ONDER VOORWAARDEN"),
        "{t}"
    );
    for q in [CONSENT_Q, PREFERENCE_Q, FIRST_Q] {
        assert_eq!(t.matches(q).count(), 1, "{q} once in\n{t}");
    }
    assert_eq!(t.matches("Nog te beantwoorden").count(), 1, "{t}");
    assert!(!t.contains("onbekend: vul"), "{t}");
    // Under the advice: before the peers' table and the rules that hold.
    let q = t.find(CONSENT_Q).unwrap();
    assert!(q < t.find("Hoe arbeidsdeskundigen").unwrap(), "{t}");
    // Given by flags: the flags that answer them.
    assert!(t.contains("`--client-consents-video ja|nee`"), "{t}");
    assert!(
        t.contains("`--client-preference video|physical|phone|none`"),
        "{t}"
    );
    // From a file: the file fields.
    let (t, _) = text(&[ONLY_ACTIVITY_FILE]);
    assert_eq!(t.matches(CONSENT_Q).count(), 1, "{t}");
    assert!(t.contains("`client_consents_video = true|false`"), "{t}");
    assert!(!t.contains("--client-consents-video ja"), "{t}");
    // And in English.
    let (t, _) = text(&["--activity", "hoor_wederhoor", "--lang", "en"]);
    assert!(t.contains("Has the client agreed to a video call?"), "{t}");
    assert!(t.contains("`--client-consents-video yes|no`"), "{t}");
    let r = json(&["--activity", "hoor_wederhoor"]);
    for f in [
        "client_consents_video",
        "client_preference",
        "first_contact",
    ] {
        assert_eq!(question(&r, f)["relevant"], true, "{f}");
    }
}

#[test]
fn a_talk_between_professionals_asks_nothing_about_the_client() {
    for args in [
        &["--activity", "overleg_professional"][..],
        &[TALK_FILE][..],
    ] {
        let (t, code) = text(args);
        assert_eq!(code, 0, "{t}");
        assert!(t.starts_with("Advies: BEELDBELLEN PASSEND"), "{t}");
        assert!(
            !t.contains(CONSENT_Q) && !t.contains(PREFERENCE_Q) && !t.contains("?\n"),
            "{t}"
        );
        assert!(
            t.contains("Niet van toepassing: instemming van de klant, voorkeur van de klant"),
            "{t}"
        );
        assert!(t.contains("de klant neemt niet deel aan het gesprek (Cahier 28 §4.4.2)"));
        let r = json(args);
        assert_eq!(state(&r, "ADV-TOEST-01"), "not_applicable");
        assert_eq!(state(&r, "ADV-VOORKEUR-01"), "not_applicable");
        assert!(r["questions"].as_array().unwrap().is_empty());
    }
}

#[test]
fn rules_that_fire_state_the_situation_and_rules_that_hold_are_named_in_words() {
    let (t, _) = text(&CONFLICT_FLAGS);
    assert!(t.contains("✗ Er is een conflict met de werkgever"), "{t}");
    assert!(t.contains("✗ De klant wil fysiek contact"), "{t}");
    assert!(!t.contains("Geen conflict met de werkgever"), "{t}");
    assert!(
        !t.contains("Klant heeft geen voorkeur voor fysiek contact"),
        "{t}"
    );
    let held = t
        .lines()
        .find(|l| l.starts_with("Geen bezwaar gevonden in:"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(
        held.contains("werkplekonderzoek") && held.contains("psychische klachten"),
        "{held}"
    );
    assert!(!held.contains("ADV-"), "{held}");
    let (t, _) = text(&[&CONFLICT_FLAGS[..], &["--lang", "en"]].concat());
    assert!(t.contains("✗ There is a conflict with the employer"), "{t}");
    assert!(t.contains("✗ The client wants to meet in person"), "{t}");
    assert!(
        t.contains("No objection found in: workplace assessment"),
        "{t}"
    );
}

#[test]
fn header_and_remediation_speak_of_flags_or_of_the_file() {
    let (t, _) = text(&CONFLICT_FLAGS);
    assert!(t.contains("· afspraak via de opdrachtregel ·"), "{t}");
    assert!(!t.contains("<opties>"), "{t}");
    assert!(t.contains("`--conflict-with-employer nee`"), "{t}");
    assert!(!t.contains("conflict_with_employer"), "{t}");

    let (t, _) = text(&[CONFLICT_FILE]);
    assert!(
        t.contains("· afspraak uit tests/data/appointments/conflict-klant-wil-fysiek.toml ·"),
        "{t}"
    );
    assert!(t.contains("`conflict_with_employer = false`"), "{t}");
    assert!(!t.contains("--conflict-with-employer"), "{t}");

    // The file, with the preference overridden by a flag: each field spelled as it was given.
    let (t, _) = text(&[CONFLICT_FILE, "--client-preference", "physical"]);
    assert!(t.contains(", aangevuld via de opdrachtregel ·"), "{t}");
    assert!(t.contains("`conflict_with_employer = false`"), "{t}");
    assert!(t.contains("`--client-preference`"), "{t}");
}

/// Yes/no flags take ja/nee, yes/no and true/false in any case.
#[test]
fn yes_no_flags_take_ja_nee_yes_no_true_false() {
    let advice_of = |v: &str| {
        let r = json(&[
            "--activity",
            "gegevens_uitvragen",
            "--client-preference",
            "video",
            "--first-contact",
            "nee",
            &format!("--client-consents-video={v}"),
        ]);
        r["advice"].as_str().unwrap().to_string()
    };
    for v in ["ja", "yes", "true", "TRUE", "Ja"] {
        assert_eq!(advice_of(v), "video_suitable", "{v}");
    }
    for v in ["nee", "no", "false", "False", "NEE"] {
        assert_eq!(advice_of(v), "physical_needed", "{v}");
    }
}

fn interactive(answers: &str, extra: &[&str]) -> (String, String, i32) {
    let out = raw()
        .env("NO_COLOR", "1")
        .env("BEELDBEL_INTERACTIVE_FORCE", "1")
        .args(["advise", "--activity", "hoor_wederhoor", "--interactive"])
        .args(extra)
        .args(["--today", TODAY])
        .write_stdin(answers)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn interactive_asks_only_what_can_still_change_the_advice() {
    // "No" to consent decides it: nothing more is asked.
    let (out, prompts, code) = interactive("nee\n", &[]);
    assert_eq!(code, 1);
    assert_eq!(prompts.matches('?').count(), 1, "{prompts}");
    assert!(prompts.contains(CONSENT_Q), "{prompts}");
    assert!(out.starts_with("Advies: FYSIEK CONTACT NODIG"), "{out}");
    assert!(
        out.contains("De klant heeft niet ingestemd met beeldbellen"),
        "{out}"
    );

    // A misunderstood answer is asked again; the preference by number; all three answered.
    let (out, prompts, code) = interactive("misschien\nja\n1\nnee\n", &[]);
    assert_eq!(code, 0, "{prompts}\n{out}");
    assert!(
        prompts.contains("Antwoord met ja, nee of weet niet."),
        "{prompts}"
    );
    assert!(prompts.contains("  2 fysiek contact"), "{prompts}");
    assert_eq!(prompts.matches(FIRST_Q).count(), 1, "{prompts}");
    assert!(out.starts_with("Advies: BEELDBELLEN PASSEND"), "{out}");
    assert!(!out.contains("Nog te beantwoorden"), "{out}");

    // "Weet niet" and the end of the input leave questions open: listed under the advice.
    let (out, _, code) = interactive("ja\nweet niet\n", &[]);
    assert_eq!(code, 1);
    assert!(out.contains(PREFERENCE_Q) && out.contains(FIRST_Q), "{out}");
    assert!(!out.contains(CONSENT_Q), "{out}");

    // In English.
    let (_, prompts, _) = interactive("no\n", &["--lang", "en"]);
    assert!(
        prompts.contains("Has the client agreed to a video call?\n[yes/no/don't know]"),
        "{prompts}"
    );
}

#[test]
fn interactive_without_a_terminal_is_refused() {
    let out = raw()
        .env("NO_COLOR", "1")
        .env_remove("BEELDBEL_INTERACTIVE_FORCE")
        .args(["advise", "--activity", "hoor_wederhoor", "--interactive"])
        .write_stdin("ja\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("error[BB090]") && err.contains("geen terminal"),
        "{err}"
    );
}

/// Which questions matter comes from the rules' logic, for any policy: a question counts when
/// some answer to it (with some answers to the others) changes the advice.
#[test]
fn which_questions_matter_is_worked_out_from_the_rules() {
    let with_policy = |activity: &str| {
        let out = raw()
            .args([
                "--policy",
                "tests/data/appointments/policy-drie-regels.toml",
                "advise",
                "--activity",
                activity,
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let relevant = |f: &str| question(&r, f)["relevant"].as_bool().unwrap();
        (
            r["advice"].as_str().unwrap().to_string(),
            relevant("first_contact"),
            relevant("client_consents_video"),
            relevant("limited_language_skills"),
        )
    };
    // Consent matters only together with `first_contact = false`; the low rule's never does.
    assert_eq!(
        with_policy("gegevens_uitvragen"),
        ("video_with_conditions".into(), true, true, false)
    );
    // A failing high rule decides it: no answer can change the advice.
    assert_eq!(
        with_policy("werkplekonderzoek"),
        ("physical_needed".into(), false, false, false)
    );
}

/// What an arbeidsdeskundige reads for the example, and with only the activity.
#[test]
fn advice_text_snapshots() {
    let (conflict, _) = text(&CONFLICT_FLAGS);
    let (only_activity, _) = text(&["--activity", "hoor_wederhoor"]);
    let (talk_en, _) = text(&["--activity", "overleg_professional", "--lang", "en"]);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("advise_conflict_client_wants_physical", conflict);
        insta::assert_snapshot!("advise_only_activity", only_activity);
        insta::assert_snapshot!("advise_talk_between_professionals_en", talk_en);
    });
}
