//! `report --from` on any bytes: a saved JSON report is read back (schema_version first, then
//! the whole model) and rendered in every format. A report that was read is also written as
//! JSON, read again and written again: the second reading must give the same bytes (what
//! `report --from` writes, it reads back unchanged).
#![no_main]

use beeldbel::diag::{Files, Sink};
use beeldbel_fuzz as support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = Files::default();
    let mut sink = Sink::default();
    if let Some(mut report) = support::report_from(data, &mut files, &mut sink) {
        let once = support::json_of(&mut report);
        let mut again =
            match support::read_report(&once, &mut Files::default(), &mut Sink::default()) {
                Some(r) => r,
                None => panic!(
                    "report --from refuses the JSON it wrote itself:\n{}",
                    String::from_utf8_lossy(&once)
                ),
            };
        let twice = support::json_of(&mut again);
        assert!(once == twice, "a report read back writes other JSON");
    }
    support::render_diagnostics(&files, &sink);
});
