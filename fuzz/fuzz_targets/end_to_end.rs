//! End to end on a structurally valid organisation built from the fuzz input
//! ([`beeldbel_fuzz::org_spec::OrgSpec`]): load it as `check` does, evaluate it with the
//! embedded policy and catalogue, render the check report in every format, build and render the
//! DPIA draft, and read the JSON report back as `report --from` does (it must give the same
//! JSON again).
#![no_main]

use std::io;

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::assemble::assemble_report;
use beeldbel::model::org;
use beeldbel_fuzz as support;
use beeldbel_fuzz::org_spec::OrgSpec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: OrgSpec| {
    let text = spec.to_toml();
    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = support::embedded();
    let loaded = org::load_bytes(
        support::fuzz_path(),
        text.as_bytes(),
        &inputs.catalogue,
        &mut files,
        &mut sink,
    );
    support::render_diagnostics(&files, &sink);
    // Only what the schema cannot say is refused: two deployments with one id.
    let Some(o) = loaded.filter(|_| !sink.has_errors()) else {
        assert!(
            sink.items
                .iter()
                .filter(|d| d.is_error())
                .all(|d| d.code == beeldbel::diag::Code::DuplicateId),
            "a structurally valid organisation was refused:\n{text}\n{:#?}",
            sink.items
        );
        return;
    };
    let evaluated = support::with_evaluator(|ev| ev.evaluate(&o, &mut sink));
    let mut report = assemble_report(inputs, support::settings(), vec![evaluated]);
    support::render_report_everywhere(&mut report);

    let draft =
        beeldbel::engine::dpia::build(&o, inputs, &report, support::today(), None, &mut sink)
            .expect("the compiled-in DPIA template reads");
    use beeldbel::render::dpia::Format;
    for format in [Format::Markdown, Format::Html] {
        if let Err(e) = beeldbel::render::dpia::write(&draft, format, &mut io::sink()) {
            panic!("DPIA {format:?} failed: {e}");
        }
    }

    let once = support::json_of(&mut report);
    let mut back = match support::read_report(&once, &mut Files::default(), &mut Sink::default()) {
        Some(r) => r,
        None => panic!(
            "report --from refuses the JSON check wrote:\n{}",
            String::from_utf8_lossy(&once)
        ),
    };
    let twice = support::json_of(&mut back);
    assert!(once == twice, "report --from changes the JSON of check");
});
