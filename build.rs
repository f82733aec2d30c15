//! Embeds `policies/*.toml` and `platforms/*.toml` into the binary, so `beeldbel check` works
//! on a fresh machine with nothing else.

use std::fmt::Write;
use std::path::Path;

fn list(dir: &str) -> Vec<String> {
    println!("cargo:rerun-if-changed={dir}");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    for n in &names {
        println!("cargo:rerun-if-changed={dir}/{n}");
    }
    names
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for (konst, dir) in [("POLICIES", "policies"), ("PLATFORMS", "platforms")] {
        let _ = writeln!(out, "pub const {konst}: &[(&str, &[u8])] = &[");
        for n in list(dir) {
            let full = Path::new(&root).join(dir).join(&n);
            let _ = writeln!(
                out,
                "    ({:?}, include_bytes!({:?})),",
                format!("{dir}/{n}"),
                full.display().to_string()
            );
        }
        let _ = writeln!(out, "];");
    }
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("write embedded.rs");
}
