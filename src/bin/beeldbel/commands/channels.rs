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
    let mut inputs_named = super::source_inputs(g);
    inputs_named.extend(args.previous.as_deref());
    if super::output_replaces_input(args.output.as_deref(), &inputs_named, sink) {
        return ExitStatus::InputError;
    }
    let previous = match &args.previous {
        Some(path) => match channels::read_previous(path, files, sink) {
            Some(p) => Some(p),
            None => return ExitStatus::InputError,
        },
        None => None,
    };
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
    // Over every edition, before `--only` leaves some out.
    if let Some(previous) = &previous {
        list.changes = Some(channels::compare(previous, &list));
    }
    if let Some(only) = args.only {
        list.keep(only);
    }
    let out = Output::new(args.output.as_deref());
    let written = out.write(|w| render::channels::write(&list, args.format, w));
    out.finish(written, ExitStatus::Success, sink)
}
