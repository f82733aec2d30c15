//! Hostile input (issue 12 §2): what a campaign of bad and fuzzed inputs found, each fixed and
//! kept fixed here. Every run has a time limit: a hang fails the test instead of stalling it.
//!
//! - a FIFO (or any other non-regular file) named as input is refused at once (BB071);
//! - control characters from file names, keys, values and source lines never reach stderr;
//! - a full stdout is an exit-2 diagnostic naming stdout;
//! - `--output` naming an input file is refused before anything is evaluated (BB074);
//! - `advise` with a policy without appointment rules names the policy file (BB053);
//! - the limits of `docs/limits.md`: file size (BB070), deployments (BB072), list length
//!   (BB073), TOML nesting (BB001) and the number of diagnostics shown (BB075), each raisable
//!   where that makes sense.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use beeldbel::input::limits::{self, Limit};
use common::{ARBODIENST, Run, TODAY};

/// Long enough for a debug build on a busy machine; a hang is killed here.
const TIMEOUT: Duration = Duration::from_secs(60);

/// `beeldbel --lang en --today …`, with no limit raised by the caller's environment.
fn bb() -> assert_cmd::Command {
    let mut cmd = common::bb();
    for l in Limit::ALL {
        cmd.env_remove(l.env());
    }
    cmd.args(["--lang", "en"]).timeout(TIMEOUT);
    cmd
}

fn run(cmd: &mut assert_cmd::Command) -> Run {
    Run::of(cmd.output().expect("run beeldbel"))
}

fn arbodienst() -> PathBuf {
    common::root().join(ARBODIENST)
}

/// An organisation file of `n` deployments of Zoom business.
fn org_with_deployments(n: usize) -> String {
    let mut s = String::from("[organisation]\nname = \"Groot\"\nkind = \"arbodienst\"\n\n");
    for i in 0..n {
        s.push_str(&format!(
            "[[deployments]]\nid = \"d{i}\"\nplatform = \"zoom\"\nedition = \"business\"\n\n"
        ));
    }
    s
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

#[test]
fn a_fifo_named_as_input_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.toml");
    mkfifo(&fifo);
    let f = fifo.to_str().expect("utf-8 path");
    let org = arbodienst();
    let org = org.to_str().expect("utf-8 path");
    for args in [
        vec!["check", f],
        vec!["--policy", f, "check", org],
        vec!["report", "--from", f],
        vec!["advise", f],
        vec!["dpia", f],
        vec!["--platforms", f, "channels"],
        vec!["validate", f],
    ] {
        let started = Instant::now();
        let r = run(bb().args(&args));
        r.code(2);
        assert!(
            r.stderr.contains("error[BB071]")
                && r.stderr.contains(&format!("`{f}` is a named pipe (FIFO)"))
                && r.stderr.contains("expected a regular file"),
            "{args:?}\n{}",
            r.show()
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
    // A folder is not a policy file either: named, it is refused the same way.
    let r = run(bb().args(["--policy", dir.path().to_str().unwrap(), "check", org]));
    r.code(2);
    assert!(
        r.stderr.contains("error[BB071]") && r.stderr.contains("is a folder, not a regular file"),
        "{}",
        r.show()
    );
}

#[test]
fn a_fifo_inside_a_folder_is_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(arbodienst(), dir.path().join("org.toml")).expect("copy");
    mkfifo(&dir.path().join("zz-pipe.toml"));
    let r = run(bb().args(["check", dir.path().to_str().unwrap(), "--format", "json"]));
    r.code(0);
    assert_eq!(r.json()["organisations"].as_array().map(Vec::len), Some(1));
}

#[test]
fn control_characters_never_reach_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A bell in the file name; an escape sequence in a bad enum value and a bell in an unknown
    // key (TOML escapes, so the file itself is valid TOML).
    let named = dir.path().join("ring\x07bell.toml");
    std::fs::write(
        &named,
        "[organisation]\nname = \"x\"\nkind = \"arbo\\u001b[2Jdienst\"\n\"evil\\u0007key\" = 1\n",
    )
    .expect("write");
    // A raw escape sequence in a source line (a TOML syntax error, shown with its line).
    let raw = dir.path().join("raw.toml");
    std::fs::write(
        &raw,
        "[organisation]\nname = \"a\x1b[31mred\x1b]0;title\x07\"\n",
    )
    .expect("write");
    for (file, codes) in [
        (&named, &["error[BB004]", "error[BB002]"][..]),
        (&raw, &["error[BB001]"][..]),
    ] {
        let out = bb()
            .args(["check", file.to_str().unwrap()])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        for code in codes {
            assert!(stderr.contains(code), "{code} missing:\n{stderr}");
        }
        assert!(
            !stderr.contains(['\x1b', '\x07', '\r']),
            "a control character reached stderr:\n{stderr:?}"
        );
        assert!(stderr.contains('\u{FFFD}'), "{stderr}");
    }
}

#[test]
fn a_bad_flag_value_is_quoted_without_its_control_characters() {
    // clap's own error quotes the value typed: an escape sequence in it must not reach stderr.
    let out = bb()
        .args(["check", ARBODIENST, "--format", "x\x1b[2Jy\x07z\x08"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    // The value is quoted, without its control characters (clap's plain text drops them; the
    // styled text it writes to a terminal would not).
    assert!(
        stderr.contains("'xyz") && stderr.contains("--format"),
        "{stderr:?}"
    );
    assert!(!stderr.contains(['\x1b', '\x07', '\x08']), "{stderr:?}");
}

#[test]
fn windows_line_ends_in_a_diagnostic_are_not_shown_as_replacement_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("crlf.toml");
    std::fs::write(
        &file,
        "[organisation]\r\nname = \"x\"\r\nkynd = \"arbodienst\"\r\n",
    )
    .expect("write");
    let r = run(bb().args(["check", file.to_str().unwrap()]));
    r.code(2);
    assert!(
        r.stderr.contains("unknown key `organisation.kynd`"),
        "{}",
        r.show()
    );
    assert!(!r.stderr.contains('\u{FFFD}'), "{}", r.show());
}

/// A run with stdout on `/dev/full`: every write fails with "no space left".
fn to_full_disk(args: &[&str]) -> Run {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (Linux)");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_beeldbel"))
        .current_dir(common::root())
        .args(["--lang", "en", "--today", TODAY])
        .args(args)
        .stdout(full)
        .output()
        .expect("run beeldbel");
    Run::of(out)
}

#[test]
fn a_full_stdout_is_an_error_naming_stdout() {
    for args in [
        &["schema", "org"][..],
        &["check", ARBODIENST],
        &["check", ARBODIENST, "--format", "sarif"],
        &["channels"],
        &["--help"],
    ] {
        let r = to_full_disk(args);
        r.code(2);
        assert!(
            r.stderr.contains("error[BB011]: cannot write `stdout`")
                && r.stderr.contains("No space left on device"),
            "{args:?}\n{}",
            r.show()
        );
    }
}

#[test]
fn output_naming_an_input_file_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let org = d.join("org.toml");
    std::fs::copy(arbodienst(), &org).expect("copy");
    let policy = d.join("policy.toml");
    std::fs::copy(
        common::root().join("policies/avg-beeldbellen.toml"),
        &policy,
    )
    .expect("copy policy");
    let report = d.join("report.json");
    run(bb()
        .args(["check", "org.toml", "--format", "json", "-o", "report.json"])
        .current_dir(d))
    .code(0);
    std::os::unix::fs::symlink("org.toml", d.join("link.toml")).expect("symlink");
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    let appointment = d.join("afspraak.toml");
    std::fs::copy(
        common::root().join("docs/examples/afspraak-werkplekonderzoek.toml"),
        &appointment,
    )
    .expect("copy appointment");
    let platform = d.join("zoom.toml");
    std::fs::copy(common::root().join("platforms/zoom.toml"), &platform).expect("copy platform");

    let before: Vec<(PathBuf, Vec<u8>)> = [&org, &policy, &report, &appointment, &platform]
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(p).expect("read")))
        .collect();
    for (args, output, input) in [
        (vec!["check", "org.toml"], "org.toml", "org.toml"),
        (vec!["check", "org.toml"], "./sub/../org.toml", "org.toml"),
        (vec!["check", "org.toml"], "link.toml", "org.toml"),
        (vec!["check", "."], "org.toml", "org.toml"),
        (
            vec!["--policy", "policy.toml", "check", "org.toml"],
            "policy.toml",
            "policy.toml",
        ),
        (
            vec!["report", "--from", "report.json"],
            "report.json",
            "report.json",
        ),
        (vec!["dpia", "org.toml"], "org.toml", "org.toml"),
        (
            vec!["--platforms", "zoom.toml", "channels"],
            "zoom.toml",
            "zoom.toml",
        ),
        (
            vec!["--platforms", ".", "channels"],
            "zoom.toml",
            "zoom.toml",
        ),
        (
            vec!["advise", "afspraak.toml"],
            "afspraak.toml",
            "afspraak.toml",
        ),
        (
            vec!["--policy", "policy.toml", "advise", "afspraak.toml"],
            "policy.toml",
            "policy.toml",
        ),
    ] {
        let r = run(bb().args(&args).args(["-o", output]).current_dir(d));
        r.code(2);
        assert!(
            r.stderr.contains("error[BB074]")
                && r.stderr
                    .contains(&format!("--output `{output}` is the input file"))
                && r.stderr.contains(input)
                && r.stderr.contains("nothing was written"),
            "{args:?} -o {output}\n{}",
            r.show()
        );
        // Refused before evaluating: no report, no other diagnostics.
        assert_eq!(r.stdout, "", "{args:?}");
        assert_eq!(r.stderr.matches("error[").count(), 1, "{}", r.show());
    }
    for (path, bytes) in before {
        assert_eq!(
            std::fs::read(&path).expect("read"),
            bytes,
            "{} was changed",
            path.display()
        );
    }
    // Another name in the same folder is fine.
    run(bb()
        .args(["check", "org.toml", "-o", "other.txt"])
        .current_dir(d))
    .code(0);
    assert!(d.join("other.txt").is_file());
}

#[test]
fn advise_without_appointment_rules_names_the_policy_file_and_line() {
    let r = run(bb().args([
        "--policy",
        "tests/data/bad/policy/no-appointment-rules.toml",
        "advise",
        "--activity",
        "werkplekonderzoek",
    ]));
    r.code(2);
    assert!(
        r.stderr.contains("error[BB053]")
            && r.stderr.contains("holds no appointment rules")
            && r.stderr
                .contains("tests/data/bad/policy/no-appointment-rules.toml:4:2")
            && r.stderr.contains("scope = \"appointment\""),
        "{}",
        r.show()
    );
}

#[test]
fn a_hundred_thousand_deployments_are_refused_quickly_at_the_offending_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("groot.toml");
    std::fs::write(&file, org_with_deployments(100_000)).expect("write");
    let started = Instant::now();
    let r = run(bb().args(["check", file.to_str().unwrap()]));
    let took = started.elapsed();
    r.code(2);
    // The 10,001st deployment starts on line 5 + 10,000 × 5.
    assert!(
        r.stderr.contains(
            "error[BB072]: the organisation file has 100,000 deployments; the limit is 10,000"
        ) && r.stderr.contains("groot.toml:50005:1")
            && r.stderr.contains("--max-deployments N")
            && r.stderr.contains("BEELDBEL_MAX_DEPLOYMENTS=N"),
        "{}",
        r.show()
    );
    // Seconds even in a debug build, not the minute that got it killed before.
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn the_deployment_limit_can_be_raised_by_flag_or_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("dertig.toml");
    std::fs::write(&file, org_with_deployments(30)).expect("write");
    let f = file.to_str().unwrap();
    let r = run(bb().args(["--max-deployments", "20", "check", f]));
    r.code(2);
    assert!(
        r.stderr.contains("has 30 deployments; the limit is 20"),
        "{}",
        r.show()
    );
    let r = run(bb()
        .env("BEELDBEL_MAX_DEPLOYMENTS", "20")
        .args(["check", f]));
    r.code(2);
    assert!(r.stderr.contains("error[BB072]"), "{}", r.show());
    // Raised: the file is checked (not compliant: an organisation with only deployments).
    let r = run(bb().env("BEELDBEL_MAX_DEPLOYMENTS", "20").args([
        "--max-deployments",
        "30",
        "check",
        f,
    ]));
    assert!(!r.stderr.contains("BB072"), "{}", r.show());
    r.code(1);
}

#[test]
fn a_long_list_is_refused_at_the_first_entry_over_the_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("covers.toml");
    let org = std::fs::read_to_string(arbodienst()).expect("read");
    let covers: Vec<String> = (0..10_001).map(|_| "\"zoom\"".to_string()).collect();
    let org = org.replace(
        "covers = [\"zoom\"]",
        &format!("covers = [\n{}\n]", covers.join(",\n")),
    );
    std::fs::write(&file, org).expect("write");
    let f = file.to_str().unwrap();
    let r = run(bb().args(["check", f]));
    r.code(2);
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("covers.toml:"))
        .unwrap_or_default()
        .to_string();
    assert!(
        r.stderr
            .contains("error[BB073]: `dpia.covers` has 10,001 entries; the limit is 10,000")
            && r.stderr.contains("--max-list-items N"),
        "{}",
        r.show()
    );
    // The caret is on the 10,001st entry: the list opens on its own line, one entry a line.
    let opening = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("covers = ["))
        .expect("covers")
        + 1;
    assert!(
        line.ends_with(&format!("covers.toml:{}:1", opening + 10_001)),
        "{line}"
    );
    run(bb()
        .env("BEELDBEL_MAX_LIST_ITEMS", "10001")
        .args(["check", f]))
    .code(0);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 11 MiB of nothing (a sparse file): refused from its size alone.
    let big = dir.path().join("groot.toml");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(11 * 1024 * 1024))
        .expect("sparse file");
    let started = Instant::now();
    let r = run(bb().args(["check", big.to_str().unwrap()]));
    r.code(2);
    assert!(
        r.stderr.contains("error[BB070]")
            && r.stderr
                .contains("is too large: 11,534,336 bytes; the limit is 10,485,760 bytes")
            && r.stderr.contains("--max-file-bytes N")
            && r.stderr.contains("BEELDBEL_MAX_FILE_BYTES=N"),
        "{}",
        r.show()
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(limits::DEFAULT.file_bytes, 10_485_760);
    // A lower limit applies to every input: here the policy.
    let r = run(bb().args(["--max-file-bytes", "1000", "check", ARBODIENST]));
    r.code(2);
    assert!(
        r.stderr.contains("error[BB070]") && r.stderr.contains("the limit is 1,000 bytes"),
        "{}",
        r.show()
    );
}

#[test]
fn a_saved_report_has_its_own_larger_size_limit() {
    // A batch's saved report is far larger than any input file (some 70 KiB an organisation):
    // it is read under --max-report-bytes (256 MiB), not under --max-file-bytes.
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("rapport.json");
    run(bb()
        .args(["check", ARBODIENST, "--format", "json", "--output"])
        .arg(&saved))
    .code(0);
    let size = std::fs::metadata(&saved).expect("saved").len();
    assert_eq!(limits::DEFAULT.report_bytes, 256 * 1024 * 1024);
    // Larger than the file limit, read all the same.
    run(bb()
        .args([
            "--max-file-bytes",
            &(size / 2).to_string(),
            "report",
            "--from",
        ])
        .arg(&saved))
    .code(0);
    // Over the report limit: refused, naming the report limit's flag.
    let r = run(bb()
        .args([
            "--max-report-bytes",
            &(size / 2).to_string(),
            "report",
            "--from",
        ])
        .arg(&saved));
    r.code(2);
    assert!(
        r.stderr.contains("error[BB070]")
            && r.stderr.contains("--max-report-bytes N")
            && r.stderr.contains("BEELDBEL_MAX_REPORT_BYTES=N"),
        "{}",
        r.show()
    );
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 100_000;
    for (name, value) in [
        ("arrays.toml", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        (
            "tables.toml",
            format!("{}1{}", "{a=".repeat(n), "}".repeat(n)),
        ),
    ] {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!("[organisation]\nname = \"x\"\nx = {value}\n"),
        )
        .unwrap();
        let r = run(bb().args(["check", file.to_str().unwrap()]));
        r.code(2);
        assert!(
            r.stderr.contains("error[BB001]") && r.stderr.contains("max recursion depth met"),
            "{}",
            r.show()
        );
    }
    // Within the parser's depth, nesting is read (and refused by the schema, not the parser).
    let file = dir.path().join("shallow.toml");
    let depth = limits::TOML_DEPTH - 10;
    std::fs::write(
        &file,
        format!(
            "[organisation]\nname = \"x\"\nx = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )
    .unwrap();
    let r = run(bb().args(["check", file.to_str().unwrap()]));
    r.code(2);
    assert!(
        !r.stderr.contains("BB001") && r.stderr.contains("error[BB002]"),
        "{}",
        r.show()
    );
}

#[test]
fn a_flood_of_errors_shows_the_first_thousand_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("flood.toml");
    let mut text = String::from("[organisation]\nname = \"x\"\nkind = \"arbodienst\"\n");
    for i in 0..20_000 {
        text.push_str(&format!("key{i} = 1\n"));
    }
    std::fs::write(&file, text).expect("write");
    let r = run(bb().args(["check", file.to_str().unwrap()]));
    r.code(2);
    assert_eq!(r.stderr.matches("error[BB002]").count(), 1_000);
    assert!(
        r.stderr
            .contains("warning[BB075]: 19,000 more diagnostics not shown (only the first 1,000)")
            && r.stderr.contains("20,000 error(s) in the input"),
        "{}",
        r.stderr
            .lines()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_limit_flag_is_in_the_help_with_its_variable() {
    let r = run(bb().args(["check", "--help"]));
    r.code(0);
    for l in Limit::ALL {
        assert!(
            r.stdout.contains(l.flag()) && r.stdout.contains(&format!("[env: {}=", l.env())),
            "{} / {} missing from help:\n{}",
            l.flag(),
            l.env(),
            r.stdout
        );
    }
}
