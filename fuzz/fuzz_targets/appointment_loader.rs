//! The appointment loader of `advise FILE` on any bytes: registered, validated against the
//! appointment schema; an appointment that loads cleanly is evaluated against the embedded
//! policy's appointment rules and the advice is rendered as text and JSON.
#![no_main]

use std::io;

use beeldbel::diag::{Files, Sink};
use beeldbel::schema::{self, defs};
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = Files::default();
    let mut sink = Sink::default();
    if let Some(src) =
        beeldbel::input::add_bytes("fuzz-appointment.toml".into(), data, &mut files, &mut sink)
    {
        let text = files.text(src.file).to_string();
        let node = schema::parse_and_validate(src.file, &text, defs::APPOINTMENT_FILE, &mut sink);
        if let Some(node) = node
            && !sink.has_errors()
        {
            // `advise` merges flags into the file through a TOML table; with no flags it keeps
            // the file as written, but the table is still parsed.
            let _ = toml::from_str::<toml::Table>(&text);
            let source = beeldbel::engine::advise::AppointmentSource {
                file: Some(src.name),
                flags: Vec::new(),
                asked: Vec::new(),
            };
            let advice = support::with_evaluator(|ev| {
                beeldbel::engine::advise::report(
                    ev,
                    &support::embedded().policy,
                    &node,
                    &text,
                    source,
                    support::today(),
                )
            });
            beeldbel::render::advice::write(&advice, &mut io::sink()).expect("advice text writes");
            serde_json::to_writer_pretty(io::sink(), &advice).expect("advice JSON writes");
        }
    }
    support::render_diagnostics(&files, &sink);
});
