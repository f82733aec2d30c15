//! The work of an evaluation is bounded by the input, not left to run: a check whose estimated
//! cost exceeds the budget (`beeldbel::expr::cost::BUDGET`, 10,000,000 steps per requirement per
//! subject) ends as an `error` outcome that names the requirement, the estimate and the limit;
//! the evaluations of one file share a total (`FILE_BUDGET`);
//! a long list read once per deployment is not copied into every outcome.

mod common;

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use common::{Run, bb, outcome, root};

/// The fixture organisation (`tests/data/cases/base.toml`) with `purposes` extra purposes,
/// `covers` extra platforms in `dpia.covers` and `deployments` copies of its deployment.
fn organisation(purposes: usize, covers: usize, deployments: usize) -> String {
    let base = std::fs::read_to_string(root().join("tests/data/cases/base.toml")).unwrap();
    let (head, deployment) = base.split_once("[[deployments]]").unwrap();
    let list = |prefix: &str, n: usize| -> String {
        (0..n).map(|i| format!("\"{prefix}{i}\", ")).collect()
    };
    let head = head
        .replacen(
            "purposes = [",
            &format!("purposes = [{}", list("doel ", purposes)),
            1,
        )
        .replacen(
            "covers = [\"zoom\"]",
            &format!("covers = [{}\"zoom\"]", platform_ids(covers)),
            1,
        );
    let mut text = head;
    for i in 0..deployments {
        text.push_str("[[deployments]]");
        text.push_str(&deployment.replacen("id = \"zoom\"", &format!("id = \"zoom{i}\""), 1));
    }
    text
}

/// `n` platform ids of the catalogue, repeated (an id the catalogue lacks is refused: BB030).
fn platform_ids(n: usize) -> String {
    const IDS: [&str; 4] = ["teams", "webex", "jitsi", "whereby"];
    (0..n)
        .map(|i| format!("\"{}\", ", IDS[i % IDS.len()]))
        .collect()
}

fn policy(scope: &str, check: &str) -> String {
    common::one_requirement_policy("ORG-BUDGET-01", scope, check)
}

/// Runs `check --format json` on the organisation text (with `policy` text, if given), within
/// `timeout`; the run must end by itself with exit code 0 or 1, never by a signal. The list
/// limit of `docs/limits.md` (10,000 entries) is raised: these lists are long on purpose, to
/// show what the evaluation budget does for someone who raised it.
fn check_json(dir: &Path, org: &str, policy: Option<&str>, timeout: Duration) -> (Run, Value) {
    let org_path = dir.join("org.toml");
    std::fs::write(&org_path, org).unwrap();
    let mut cmd = bb();
    cmd.env_remove("BEELDBEL_MAX_LIST_ITEMS")
        .args(["--lang", "en", "--max-list-items", "1000000"]);
    if let Some(p) = policy {
        let policy_path = dir.join("policy.toml");
        std::fs::write(&policy_path, p).unwrap();
        cmd.args(["--policy", policy_path.to_str().unwrap()]);
    }
    let started = std::time::Instant::now();
    let run = Run::of(
        cmd.args(["check", org_path.to_str().unwrap(), "--format", "json"])
            .timeout(timeout)
            .output()
            .unwrap(),
    );
    assert!(
        matches!(run.code, Some(0 | 1)),
        "after {:?}: {}",
        started.elapsed(),
        &run.show()[..run.show().len().min(4000)]
    );
    let report = common::report_value(&run.stdout);
    (run, report)
}

/// Issue 12: `a.all(x, a.exists(y, …))` over 20,000 purposes is 4×10^8 iterations; it was
/// killed after 60 s. It is now refused before evaluating, as an `error` outcome that says why.
#[test]
fn a_two_level_comprehension_over_20000_purposes_is_an_error_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let check = "org.processing.purposes.all(a, org.processing.purposes.exists(b, a == b))";
    let (run, report) = check_json(
        dir.path(),
        &organisation(20_000, 0, 1),
        Some(&policy("organisation", check)),
        Duration::from_secs(60),
    );
    assert_eq!(run.code, Some(1), "{}", run.show());
    let o = outcome(&report, "ORG-BUDGET-01", "organisation");
    assert_eq!(o["state"], "error", "{o}");
    let message = o["message"]["en"].as_str().unwrap();
    let dutch = o["message"]["nl"].as_str().unwrap();
    assert!(
        dutch.contains("ORG-BUDGET-01") && dutch.contains("10.000.000"),
        "{dutch}"
    );
    for part in [
        "ORG-BUDGET-01",
        "`check`",
        "10,000,000",
        "simplify the expression",
    ] {
        assert!(message.contains(part), "{part} not in: {message}");
    }
    // The estimate is named, and is above the limit: 20,002 × 20,002 iterations at least.
    let estimate: u64 = message
        .split("estimated ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .map(|s| s.replace(',', ""))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no estimate in: {message}"));
    assert!(estimate > 20_002 * 20_002, "{estimate}");
}

/// One level deep, even over 100,000 purposes, is within the budget and evaluated: the budget
/// refuses quadratic work over long lists, not long lists.
#[test]
fn one_level_over_a_longer_list_is_evaluated() {
    let dir = tempfile::tempdir().unwrap();
    let (_, report) = check_json(
        dir.path(),
        &organisation(100_000, 0, 1),
        Some(&policy(
            "organisation",
            r#"org.processing.purposes.all(a, a != "") && !org.processing.purposes.exists(a, a == "x")"#,
        )),
        Duration::from_secs(60),
    );
    assert_eq!(
        outcome(&report, "ORG-BUDGET-01", "organisation")["state"],
        "pass"
    );
}

/// The estimate counts the subject's own values: a deployment requirement over `org` lists is
/// costed per deployment, and a small organisation stays far below the limit while the same
/// check on a long list is refused, for every deployment alike.
#[test]
fn the_estimate_follows_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let check =
        "org.dpia.covers.all(a, org.dpia.covers.exists(b, a == b || b == deployment.platform))";
    let p = policy("deployment", check);
    let (_, small) = check_json(
        dir.path(),
        &organisation(0, 10, 3),
        Some(&p),
        Duration::from_secs(60),
    );
    let (_, large) = check_json(
        dir.path(),
        &organisation(0, 5_000, 3),
        Some(&p),
        Duration::from_secs(60),
    );
    for i in 0..3 {
        let subject = format!("zoom{i}");
        assert_eq!(
            outcome(&small, "ORG-BUDGET-01", &subject)["state"],
            "pass",
            "{subject}"
        );
        let o = outcome(&large, "ORG-BUDGET-01", &subject);
        assert_eq!(o["state"], "error", "{subject}: {o}");
    }
}

/// Issue 12: `dpia.covers` with 1,000,000 entries and 200 deployments aborted (memory allocation
/// failed): every deployment's outcome of the DPIA requirement copied the whole list into its
/// `inputs`. 300,000 entries × 200 deployments (3 MB) took 2.6 GB; the run now finishes, and each
/// outcome repeats the first 100 entries and says how many it left out.
#[test]
fn a_long_covers_list_with_200_deployments_finishes_with_a_bounded_report() {
    let dir = tempfile::tempdir().unwrap();
    let org = organisation(0, 300_000, 200);
    assert!(org.len() < 10 * 1024 * 1024, "within the file size limit");
    let (run, report) = check_json(dir.path(), &org, None, Duration::from_secs(300));
    let outcomes = common::outcomes(&report);
    let reading_covers: Vec<&Value> = outcomes
        .iter()
        .filter(|o| {
            o["inputs"]
                .as_array()
                .is_some_and(|i| i.iter().any(|i| i["field"] == "dpia.covers"))
        })
        .collect();
    assert_eq!(
        reading_covers.len(),
        200,
        "one outcome per deployment reads dpia.covers"
    );
    for o in reading_covers {
        let covers = o["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["field"] == "dpia.covers")
            .unwrap();
        let value = covers["value"].as_array().unwrap();
        assert_eq!(value.len(), 101, "{}", o["subject"]);
        assert_eq!(value[0], "teams");
        assert_eq!(value[100], "… (+299901)");
        // The check itself saw the whole list: "zoom" is its last entry.
        assert_eq!(o["state"], "pass", "{o}");
    }
    assert!(
        run.stdout.len() < 20 * 1024 * 1024,
        "report of {} bytes",
        run.stdout.len()
    );
}

/// The budget holds for `applies_if` as for `check`, and the message says which one it was.
#[test]
fn a_costly_applies_if_is_an_error_outcome_too() {
    let dir = tempfile::tempdir().unwrap();
    let p = policy("organisation", "true").replace(
        "check = 'true'",
        "applies_if = 'org.processing.purposes.exists(a, org.processing.purposes.exists(b, a != b && a == b))'\ncheck = 'true'",
    );
    let (_, report) = check_json(
        dir.path(),
        &organisation(20_000, 0, 1),
        Some(&p),
        Duration::from_secs(60),
    );
    let o = outcome(&report, "ORG-BUDGET-01", "organisation");
    assert_eq!(o["state"], "error", "{o}");
    let message = o["message"]["en"].as_str().unwrap();
    assert!(
        message.contains("`applies_if` of requirement ORG-BUDGET-01"),
        "{message}"
    );
}

/// A long text an outcome reads is shown in its `inputs` with its first 2,000 characters and
/// how many were left out.
#[test]
fn a_long_text_is_shortened_in_the_inputs_only() {
    let dir = tempfile::tempdir().unwrap();
    let long = "é".repeat(3000);
    let org: String = organisation(0, 0, 1)
        .lines()
        .map(|l| {
            if l.starts_with("purpose_justification = ") {
                format!("purpose_justification = \"{long}\"\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let (_, report) = check_json(dir.path(), &org, None, Duration::from_secs(60));
    let shown = common::outcomes(&report)
        .iter()
        .flat_map(|o| o["inputs"].as_array().unwrap())
        .find(|i| i["field"] == "processing.purpose_justification")
        .expect("an outcome reads processing.purpose_justification")["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(shown, format!("{}… (+1000)", "é".repeat(2000)));
}

/// Each evaluation within the budget is not enough: a check just under it, evaluated for every
/// one of thousands of deployments, would keep a run busy for a quarter of an hour. The
/// evaluations of one file share a total (`beeldbel::expr::cost::FILE_BUDGET`, 10⁹ steps);
/// once it is spent, the remaining outcomes are `error`, naming the limit per file. The outcome
/// is decided by counts, in file order, so the same deployments are cut on every run. (The
/// check below is estimated in full but stops at its cheap first half, so the test is fast.)
#[test]
fn the_evaluations_of_one_file_share_a_total_budget() {
    let dir = tempfile::tempdir().unwrap();
    let check = "size(org.processing.purposes) < 0 && org.processing.purposes.all(a, org.processing.purposes.all(b, a != b || b == deployment.platform))";
    let p = policy("deployment", check);
    let (_, report) = check_json(
        dir.path(),
        &organisation(600, 0, 200),
        Some(&p),
        Duration::from_secs(120),
    );
    let states: Vec<String> = (0..200)
        .map(|i| {
            outcome(&report, "ORG-BUDGET-01", &format!("zoom{i}"))["state"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    // Each evaluation is under the per-evaluation budget: the first ones are evaluated (fail).
    let evaluated = states.iter().take_while(|s| *s == "fail").count();
    assert!(
        (50..200).contains(&evaluated),
        "{evaluated} evaluated: {}",
        outcome(&report, "ORG-BUDGET-01", "zoom0")
    );
    assert!(
        states[evaluated..].iter().all(|s| s == "error"),
        "{states:?}"
    );
    let cut = outcome(&report, "ORG-BUDGET-01", &format!("zoom{evaluated}"));
    let message = cut["message"]["en"].as_str().unwrap_or_default();
    assert!(
        message.contains("ORG-BUDGET-01")
            && message.contains("1,000,000,000 per file")
            && message.contains("keep the lists in the input file shorter"),
        "{cut}"
    );
    // A second organisation file starts with its own total.
    let org2 = dir.path().join("tweede.toml");
    std::fs::write(&org2, organisation(0, 0, 1)).unwrap();
    let policy_path = dir.path().join("policy.toml");
    std::fs::write(&policy_path, &p).unwrap();
    let out = bb()
        .args(["--lang", "en", "--policy", policy_path.to_str().unwrap()])
        .args(["check", dir.path().join("org.toml").to_str().unwrap()])
        .arg(&org2)
        .args(["--format", "json"])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let batch: Value = common::report_value(&String::from_utf8(out.stdout).expect("UTF-8"));
    let second = &batch["organisations"][1];
    let o = second["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["requirement"] == "ORG-BUDGET-01")
        .expect("outcome in the second file");
    assert_eq!(o["state"], "fail", "{o}");
}
