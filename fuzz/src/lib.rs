//! What the fuzz targets share: the embedded policy and catalogue (loaded once), a fixed date,
//! and the steps the binary takes after loading (rendering diagnostics, every renderer).
//!
//! The targets call the library as the binary does (`src/bin/beeldbel/commands/`); where a step
//! lives in the binary (`report --from`), [`report_from`] repeats it with the same public calls.

pub mod org_spec;

use std::io;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::check::Settings;
use beeldbel::model::catalogue::Catalogue;
use beeldbel::model::inputs::{Inputs, Sources};
use beeldbel::model::policy::Severity;
use beeldbel::render::{self, text::Style};
use beeldbel::results::{READABLE_VERSIONS, Report};

/// The date every target evaluates on, so that a crash reproduces on any day.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

pub fn settings() -> Settings {
    Settings {
        today: today(),
        fail_on: Severity::Medium,
    }
}

/// The embedded policy and catalogue, loaded once per process. They must load cleanly: a
/// diagnostic here is a broken build, not a finding.
pub fn embedded() -> &'static Inputs {
    static INPUTS: OnceLock<Inputs> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let mut files = Files::default();
        let mut sink = Sink::default();
        let inputs = Sources::default().load(&mut files, &mut sink);
        assert!(
            !sink.has_errors(),
            "the embedded inputs load: {:?}",
            sink.items
        );
        inputs
    })
}

pub fn catalogue() -> &'static Catalogue {
    &embedded().catalogue
}

/// Renders every diagnostic as the binary prints it (codespan snippets with line and column),
/// so that a span outside its file, or one splitting a character, is found here.
pub fn render_diagnostics(files: &Files, sink: &Sink) {
    for d in &sink.items {
        let shown = d.render(files);
        assert!(!shown.is_empty(), "a diagnostic renders as text");
    }
}

/// Every check-report renderer into `io::sink`. A renderer error on a sink cannot be an I/O
/// error, so any error is a bug (exit 3 in the binary).
pub fn render_report_everywhere(report: &mut Report) {
    use render::format::Format;
    for format in [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Junit,
        Format::Sarif,
        Format::Oscal,
    ] {
        for color in [false, true] {
            if color && format != Format::Text {
                continue;
            }
            if let Err(e) = render::format::write(report, format, Style { color }, &mut io::sink())
            {
                panic!("{format:?} failed on a report it was given: {e}");
            }
        }
    }
}

/// The JSON report, as `check --format json` writes it.
pub fn json_of(report: &mut Report) -> Vec<u8> {
    let mut out = Vec::new();
    render::stream::write_report(&render::json::JsonReport::new(), report, &mut out)
        .expect("the JSON renderer writes into memory");
    out
}

/// `report --from` as the binary runs it (`src/bin/beeldbel/commands/report.rs`): register the
/// bytes, check `schema_version`, deserialise ([`read_report`]), then render in every format.
/// `None`: the text was refused (with a diagnostic, in the binary).
pub fn report_from(bytes: &[u8], files: &mut Files, sink: &mut Sink) -> Option<Report> {
    let mut report = read_report(bytes, files, sink)?;
    render_report_everywhere(&mut report);
    Some(report)
}

/// The reading half of `report --from`: the report, or `None` when it is refused.
pub fn read_report(bytes: &[u8], files: &mut Files, sink: &mut Sink) -> Option<Report> {
    let src = beeldbel::input::add_bytes("report.json".into(), bytes, files, sink)?;
    let text = files.text(src.file);
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64));
    if version.is_some_and(|v| !READABLE_VERSIONS.iter().any(|r| u64::from(*r) == v)) {
        return None;
    }
    if version == Some(u64::from(beeldbel::results::v3::VERSION)) {
        // Version 3: its references resolved, as `input::saved::read_saved_report` does.
        let doc = serde_json::from_str::<beeldbel::results::v3::Document>(text).ok()?;
        return doc.expand().ok();
    }
    match serde_json::from_str::<Report>(text) {
        Ok(report) => Some(report),
        Err(e) => {
            // The binary points at serde's line and column through the file's line index.
            let lines = files.lines(src.file).expect("the file was registered");
            let _ = lines.offset(files.text(src.file), e.line(), e.column());
            None
        }
    }
}

/// The path a fuzz input is registered under (it never touches the disk).
pub fn fuzz_path() -> &'static Path {
    Path::new("fuzz-input.toml")
}

/// An organisation of `docs/examples`, loaded once against the embedded catalogue: the subject
/// the policy and CEL targets evaluate their expressions on.
pub fn example_org() -> &'static beeldbel::model::org::Org {
    static ORG: OnceLock<beeldbel::model::org::Org> = OnceLock::new();
    ORG.get_or_init(|| {
        let bytes = include_bytes!("../../docs/examples/arbodienst.toml");
        let mut files = Files::default();
        let mut sink = Sink::default();
        let org = beeldbel::model::org::load_bytes(
            Path::new("arbodienst.toml"),
            bytes,
            catalogue(),
            &mut files,
            &mut sink,
        );
        assert!(!sink.has_errors(), "the example loads: {:?}", sink.items);
        org.expect("the example loads")
    })
}

/// The appointment of `docs/examples`, validated once.
pub fn example_appointment() -> &'static (beeldbel::schema::Node, String) {
    static APPOINTMENT: OnceLock<(beeldbel::schema::Node, String)> = OnceLock::new();
    APPOINTMENT.get_or_init(|| {
        let text = include_str!("../../docs/examples/afspraak-werkplekonderzoek.toml");
        let mut files = Files::default();
        let mut sink = Sink::default();
        let file = files.add("afspraak.toml", text);
        let node = beeldbel::schema::parse_and_validate(
            file,
            text,
            beeldbel::schema::defs::APPOINTMENT_FILE,
            &mut sink,
        );
        assert!(
            !sink.has_errors(),
            "the example appointment loads: {:?}",
            sink.items
        );
        (
            node.expect("the example appointment loads"),
            text.to_string(),
        )
    })
}

/// Runs `f` with an evaluator of the embedded policy and catalogue, built once per thread (it
/// evaluates every edition's platform rules when built).
pub fn with_evaluator<R>(f: impl FnOnce(&beeldbel::engine::check::Evaluator<'static>) -> R) -> R {
    use beeldbel::engine::check::Evaluator;
    thread_local! {
        static EVALUATOR: &'static Evaluator<'static> = Box::leak(Box::new(Evaluator::new(
            &embedded().policy,
            &embedded().catalogue,
            settings(),
        )));
    }
    EVALUATOR.with(|ev| f(ev))
}
