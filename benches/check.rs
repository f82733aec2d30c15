//! Benchmark of the `check` pipeline, by stage: loading and compiling the embedded policy and
//! catalogue, loading an organisation file, and evaluating it. Run with `cargo bench`; the
//! numbers go in the closing notes. (No timed assertions live in the tests.)

#[path = "common/measure.rs"]
mod measure;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use beeldbel::diag::{Files, Sink};
use beeldbel::engine::check::{Settings, evaluate_org};
use beeldbel::model::inputs::Sources;
use beeldbel::model::policy::Severity;

/// Runs `f` repeatedly for about a second; prints the median and the fastest time per run.
fn bench<T>(name: &str, mut f: impl FnMut() -> T) {
    for _ in 0..3 {
        black_box(f());
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || samples.len() < 10 {
        let t = Instant::now();
        black_box(f());
        samples.push(t.elapsed());
    }
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "{name:<48} median {:>10.1} µs   min {:>10.1} µs   ({} runs)",
        micros(median),
        micros(samples[0]),
        samples.len()
    );
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let settings = Settings {
        today,
        fail_on: Severity::Medium,
    };

    bench("load + compile embedded policy and catalogue", || {
        let mut files = Files::default();
        let mut sink = Sink::default();
        Sources::default().load(&mut files, &mut sink)
    });

    let mut files = Files::default();
    let mut sink = Sink::default();
    let inputs = Sources::default().load(&mut files, &mut sink);
    for example in [
        "arbodienst",
        "zelfstandige-whatsapp",
        "reintegratie-onvolledig",
    ] {
        let path = root.join(format!("docs/examples/{example}.toml"));
        bench(&format!("load organisation {example}"), || {
            let mut files = Files::default();
            beeldbel::model::org::load(&path, &inputs.catalogue, &mut files, &mut Sink::default())
        });
        let org =
            beeldbel::model::org::load(&path, &inputs.catalogue, &mut files, &mut sink).unwrap();
        let evaluator =
            beeldbel::engine::check::Evaluator::new(&inputs.policy, &inputs.catalogue, settings);
        bench(&format!("evaluate {example}"), || {
            evaluator.evaluate(&org, &mut Sink::default())
        });
        let report_org = evaluate_org(
            &org,
            &inputs.policy,
            &inputs.catalogue,
            settings,
            &mut Sink::default(),
        );
        bench(&format!("render JSON {example}"), || {
            serde_json::to_string(&report_org).unwrap()
        });
    }

    // The whole process, as a user runs it: one organisation with the embedded policy and
    // catalogue (start, load, evaluate, render, write), every format to /dev/null.
    let bin = Path::new(env!("CARGO_BIN_EXE_beeldbel"));
    let file = root.join("docs/examples/arbodienst.toml");
    let file = file.to_str().expect("utf-8 path");
    let runs = measure::env_or("CHECK_PROCESS_RUNS", 21);
    println!();
    println!("| one organisation (arbodienst) | median wall (ms) | peak RSS (MB) |");
    println!("|---|---:|---:|");
    for format in [
        "text", "json", "markdown", "html", "junit", "sarif", "oscal", "docx", "odt",
    ] {
        let out = std::env::temp_dir().join(format!("beeldbel-bench-one.{format}"));
        let out = out.to_str().expect("utf-8 path");
        let args = [
            "--today",
            "2026-11-23",
            "-q",
            "check",
            file,
            "--format",
            format,
            "--output",
            out,
        ];
        let m = measure::measure_runs(bin, &args, None, runs);
        println!(
            "| `check ORG --format {format}` | {:.1} | {:.1} |",
            m.wall.as_secs_f64() * 1e3,
            m.peak as f64 / 1e6
        );
        let _ = std::fs::remove_file(out);
    }
}
