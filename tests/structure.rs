//! The shape of the code: no module of the library imports one further up the pipeline (no import
//! cycle) and no source file is over 600 code lines. The check is `../shared/tools/structure.py`
//! (beside the checkout, as in CI). Without that folder (a clone elsewhere) the test says so and
//! passes; without Python it says so and passes, unless `BEELDBEL_REQUIRE_TOOLS=1` (set by
//! `.ci/run`) makes a missing program a failure.

use std::path::Path;
use std::process::Command;

#[test]
fn no_import_cycles_and_no_oversized_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/tools/structure.py");
    let required = std::env::var("BEELDBEL_REQUIRE_TOOLS").is_ok_and(|v| v == "1");
    let skip = |why: String| {
        assert!(!required, "BEELDBEL_REQUIRE_TOOLS=1 but {why}");
        eprintln!("note: structure check skipped: {why}");
    };
    if !script.is_file() {
        eprintln!(
            "note: structure check skipped: {} is missing",
            script.display()
        );
        return;
    }
    let out = match Command::new("python3")
        .arg(&script)
        .current_dir(root)
        .output()
    {
        Ok(out) => out,
        Err(e) => return skip(format!("python3 cannot be run: {e}")),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "structure.py found problems:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("no import cycles"), "{stdout}");
}
