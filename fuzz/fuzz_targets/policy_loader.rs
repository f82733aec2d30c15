//! The policy loader on any bytes: schema validation, requirement ids, `threatens`, and the CEL
//! of every `check` and `applies_if` through the guard and the compiler. A policy that loads
//! cleanly is evaluated: on every edition of the embedded catalogue (platform rules, when the
//! evaluator is built), on the example organisation and on the example appointment.
#![no_main]

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::check::Evaluator;
use beeldbel::model::policy::Policy;
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = [("fuzz-policy.toml".to_string(), data.to_vec())];
    let policy = Policy::load(&inputs, "fuzz-policy.toml", &mut files, &mut sink);
    if !sink.has_errors() && !policy.requirements.is_empty() {
        let ev = Evaluator::new(&policy, support::catalogue(), support::settings());
        let _ = ev.evaluate(support::example_org(), &mut sink);
        let (appointment, text) = support::example_appointment();
        let _ = ev.evaluate_appointment(appointment, text);
    }
    support::render_diagnostics(&files, &sink);
});
