//! The platform (catalogue) loader on any bytes: one platform file, validated, its sources and
//! attributes checked. A file that loads cleanly becomes the catalogue of a run: `explain
//! <platform>` and `channels` (every edition rated against the embedded policy, in every format).
//! Facts overlays do not exist yet (a later issue); when they do, they belong here.
#![no_main]

use std::io;

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::channels;
use beeldbel::model::catalogue::Catalogue;
use beeldbel::render;
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = [("fuzz-platform.toml".to_string(), data.to_vec())];
    let catalogue = Catalogue::load(&inputs, "fuzz-platform.toml", &mut files, &mut sink);
    if !sink.has_errors() && !catalogue.platforms.is_empty() {
        let policy = &support::embedded().policy;
        let today = support::today();
        for p in &catalogue.platforms {
            render::explain::platform(p, policy.max_fact_age_days, today, &mut io::sink())
                .expect("explain writes into a sink");
        }
        render::explain::catalogue_table(&catalogue, &mut io::sink())
            .expect("the catalogue table writes into a sink");
        let list = channels::evaluate(policy, &catalogue, today, &mut files, &mut sink);
        use render::channels::Format;
        for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
            if let Err(e) = render::channels::write(&list, format, &mut io::sink()) {
                panic!("channels {format:?} failed: {e}");
            }
        }
    }
    support::render_diagnostics(&files, &sink);
});
