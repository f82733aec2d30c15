//! `channels`: every platform edition of the catalogue rated, for the register's list.

use chrono::NaiveDate;

use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::engine::channels;
use beeldbel::i18n::tr;
use beeldbel::render;

use super::ExitStatus;
use crate::args::{ChannelsArgs, Global};
use crate::output::Output;

/// Runs `beeldbel channels`.
pub fn run(
    g: &Global,
    args: &ChannelsArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    if super::output_replaces_input(args.output.as_deref(), &super::source_inputs(g), sink) {
        return ExitStatus::InputError;
    }
    let Some(inputs) = super::load_inputs(g, files, sink) else {
        return ExitStatus::InputError;
    };
    if inputs.catalogue.platforms.is_empty() {
        sink.push(Diagnostic::error(
            Code::NoInput,
            tr(
                "de catalogus bevat geen platforms",
                "the catalogue holds no platforms",
            ),
        ));
        return ExitStatus::InputError;
    }
    let mut list = channels::evaluate(&inputs.policy, &inputs.catalogue, today, files, sink);
    if let Some(only) = args.only {
        list.keep(only);
    }
    let out = Output::new(args.output.as_deref());
    let written = out.write(|w| render::channels::write(&list, args.format, w));
    out.finish(written, ExitStatus::Success, sink)
}
