//! The shape of the code: no module of the library imports one further up the pipeline (no import
//! cycle) and no source file is over 600 code lines. The check is `../shared/tools/structure.py`
//! (beside the checkout, as in CI). Without that folder (a clone elsewhere) the test says so and
//! passes; without Python it is skipped with a note, unless `BEELDBEL_REQUIRE_TOOLS=1` (set by
//! `.ci/run`) makes a missing program a failure (`common::outside_tool`).

mod common;

use std::process::Command;

use common::{note, outside_tool, root};

#[test]
fn no_import_cycles_and_no_oversized_files() {
    let script = root().join("../shared/tools/structure.py");
    if !script.is_file() {
        note(&format!(
            "note: structure check not run: {} is missing (it sits beside the checkout in CI)",
            script.display()
        ));
        return;
    }
    let Some(python) = outside_tool(
        "python3",
        "the structure check (../shared/tools/structure.py)",
        "`apt-get install python3` (Debian/Ubuntu)",
    ) else {
        return;
    };
    let out = Command::new(python)
        .arg(&script)
        .current_dir(root())
        .output()
        .expect("run python3 ../shared/tools/structure.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "structure.py found problems:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("no import cycles"), "{stdout}");
}
