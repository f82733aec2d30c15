//! The organisation loader on any bytes: as `check` reads a named file (`load_bytes`) and a file
//! found in a folder (`load_if_organisation`, which parses once to tell the kind). Every
//! diagnostic is rendered as the binary prints it; a file that loads cleanly is evaluated.
#![no_main]

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::assemble::assemble_report;
use beeldbel::model::org;
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = Files::default();
    let mut sink = Sink::default();
    let path = support::fuzz_path();
    let catalogue = support::catalogue();
    let loaded = match org::load_if_organisation(path, data, catalogue, &mut files, &mut sink) {
        Some(found) => found,
        // Not UTF-8 or not an organisation file: named on the command line, it is read anyway.
        None => org::load_bytes(path, data, catalogue, &mut files, &mut sink),
    };
    if let Some(o) = &loaded
        && !sink.has_errors()
    {
        let report = support::with_evaluator(|ev| ev.evaluate(o, &mut sink));
        let _ = assemble_report(support::embedded(), support::settings(), vec![report]);
    }
    support::render_diagnostics(&files, &sink);
});
