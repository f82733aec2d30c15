//! `dpia`: a DPIA draft pre-filled from an organisation file, the catalogue and the check.

use chrono::NaiveDate;

use beeldbel::choice::Choice;
use beeldbel::diag::{Files, Sink};
use beeldbel::engine::assemble::check_one;
use beeldbel::engine::check::Settings;
use beeldbel::engine::dpia;
use beeldbel::render;

use super::ExitStatus;
use crate::args::{DpiaArgs, Global};
use crate::output::Output;

/// Runs `beeldbel dpia`: loads the policy, the catalogue, the organisation file and the answers
/// file (`--answers`), evaluates the organisation, builds the draft with the answers filled in and
/// writes it (or, with `--answers-template`, the answers file to fill in). A draft with gaps is a
/// successful draft (exit 0); an input that cannot be used (an answers file included) is exit 2
/// and nothing is written.
pub fn run(
    g: &Global,
    args: &DpiaArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let mut read = vec![args.file.as_path()];
    read.extend(args.answers.as_deref());
    read.extend(super::source_inputs(g));
    if super::output_replaces_input(args.output.as_deref(), &read, sink) {
        return ExitStatus::InputError;
    }
    let out = Output::new(args.output.as_deref());
    if out.refuse_binary_on_terminal(
        args.format.is_binary() && !args.answers_template,
        args.format.name(),
        sink,
    ) {
        return ExitStatus::InputError;
    }
    let settings = Settings {
        today,
        fail_on: args.fail_on,
    };
    // Waiver problems (expired, unused) are warnings: they go to stderr, the draft is written.
    let Some(inputs) = super::load_inputs(g, files, sink) else {
        return ExitStatus::InputError;
    };
    let Some(checked) = check_one(&inputs, &args.file, settings, files, sink) else {
        return ExitStatus::InputError;
    };
    let answers = match &args.answers {
        Some(path) => match dpia::answers::load(path, files, sink) {
            Some(a) => Some(a),
            None => return ExitStatus::InputError,
        },
        None => None,
    };
    let draft = match dpia::build(
        &checked.org,
        &inputs,
        &checked.report,
        today,
        answers.as_ref(),
        sink,
    ) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("beeldbel: {e}");
            return ExitStatus::Internal;
        }
    };
    if args.answers_template {
        let written = out.write(|w| render::dpia::answers::write(&draft, w));
        return out.finish(written, ExitStatus::Success, sink);
    }
    let written = out.write(|w| render::dpia::write(&draft, args.format, w));
    out.finish(written, ExitStatus::Success, sink)
}
