//! `advise`: advice for one appointment, from a file and/or flags (flags win), optionally with
//! the open questions asked at the terminal (`--interactive`, [`interactive`]).

mod interactive;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use beeldbel::engine::advise::{AdviceReport, AppointmentSource};
use beeldbel::engine::check::{Evaluator, Settings};
use beeldbel::model::catalogue::Catalogue;
use beeldbel::model::policy::{Policy, Severity};
use beeldbel::render::{self, RenderError};
use beeldbel::schema::{self, Node, defs};

use super::ExitStatus;
use crate::args::{AdviseArgs, Global};
use crate::output::Output;
use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::i18n::tr;

/// For tests only: `--interactive` reads its answers from a standard input that is not a
/// terminal (a pipe) when this variable is `1`.
const FORCE_INTERACTIVE: &str = "BEELDBEL_INTERACTIVE_FORCE";

/// `advise`: the appointment from a file and/or flags (flags win), the appointment rules of the
/// policy, the advice.
pub fn run(
    g: &Global,
    args: &AdviseArgs,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ExitStatus {
    let read: Vec<&Path> = g
        .policy
        .iter()
        .chain(&args.file)
        .map(PathBuf::as_path)
        .collect();
    if super::output_replaces_input(args.output.as_deref(), &read, sink) {
        return ExitStatus::InputError;
    }
    if args.interactive && !can_ask() {
        sink.push(
            Diagnostic::error(
                Code::InteractiveNeedsTerminal,
                tr(
                    "--interactive stelt de vragen in de terminal, maar de invoer is geen terminal",
                    "--interactive asks its questions in the terminal, but standard input is not a terminal",
                ),
            )
            .note(tr(
                "geef de antwoorden als opties (bijvoorbeeld --client-consents-video ja) of in een afspraakbestand",
                "give the answers as flags (for example --client-consents-video yes) or in an appointment file",
            )),
        );
        return ExitStatus::InputError;
    }
    let policy = g.sources().load_policy(files, sink);
    if sink.has_errors() {
        return ExitStatus::InputError;
    }
    // The file first, validated as written, so its errors point into it.
    let mut table = toml::Table::new();
    let mut source = AppointmentSource::default();
    if let Some(path) = &args.file {
        let Some(src) = beeldbel::input::read(path, files, sink) else {
            return ExitStatus::InputError;
        };
        let text = files.text(src.file).to_string();
        if schema::parse_and_validate(src.file, &text, defs::APPOINTMENT_FILE, sink).is_none()
            || sink.has_errors()
        {
            return ExitStatus::InputError;
        }
        table = toml::from_str(&text).unwrap_or_default();
        source.file = Some(src.name);
    }
    for (k, v) in args.overrides() {
        table.insert(k.to_string(), v);
        source.flags.push(k.to_string());
    }
    let Some(appointment) = Appointment::load(&table, &source, files, sink) else {
        return ExitStatus::InputError;
    };
    let settings = Settings {
        today,
        fail_on: Severity::Medium,
    };
    let catalogue = Catalogue::default();
    let evaluator = Evaluator::new(&policy, &catalogue, settings);
    if evaluator
        .evaluate_appointment(&appointment.node, &appointment.text)
        .is_empty()
    {
        sink.push(no_appointment_rules(&policy));
        return ExitStatus::InputError;
    }
    let advise = |a: &Appointment, source: &AppointmentSource| {
        beeldbel::engine::advise::report(
            &evaluator,
            &policy,
            &a.node,
            &a.text,
            source.clone(),
            today,
        )
    };
    let mut advice = advise(&appointment, &source);
    if args.interactive {
        let stdin = std::io::stdin();
        let asked = interactive::ask(
            &mut stdin.lock(),
            &mut std::io::stderr(),
            advice,
            &mut |answers: &toml::Table| {
                let mut t = table.clone();
                let mut s = source.clone();
                for (k, v) in answers {
                    t.insert(k.clone(), v.clone());
                    s.asked.push(k.clone());
                }
                let a = Appointment::load(&t, &s, files, sink)?;
                Some(advise(&a, &s))
            },
        );
        advice = match asked {
            Ok(Some(report)) => report,
            Ok(None) => return ExitStatus::InputError,
            Err(e) => {
                sink.push(Diagnostic::error(
                    Code::InteractiveInput,
                    beeldbel::tr!(
                        "het antwoord kon niet uit de terminal worden gelezen: {e}",
                        "the answer could not be read from the terminal: {e}"
                    ),
                ));
                return ExitStatus::InputError;
            }
        };
    }
    write(args, &advice, sink)
}

/// Whether `--interactive` may ask: standard input is a terminal (or a test forces it).
fn can_ask() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdin())
        || std::env::var(FORCE_INTERACTIVE).as_deref() == Ok("1")
}

/// The appointment as validated, and the TOML text it was read from.
struct Appointment {
    node: Node,
    text: String,
}

impl Appointment {
    /// The appointment of `table` (the file's fields with the flags' and answers' on top),
    /// validated; the errors of a file without flags point into the file itself.
    fn load(
        table: &toml::Table,
        source: &AppointmentSource,
        files: &mut Files,
        sink: &mut Sink,
    ) -> Option<Appointment> {
        let text = toml::to_string(table).unwrap_or_default();
        let name = match &source.file {
            Some(f) if source.flags.is_empty() && source.asked.is_empty() => f.clone(),
            Some(f) => beeldbel::tr!("{f} + opties", "{f} + flags"),
            None => tr("<opties>", "<flags>").to_string(),
        };
        let file = files.add(name, text.clone());
        match schema::parse_and_validate(file, &text, defs::APPOINTMENT_FILE, sink) {
            Some(node) if !sink.has_errors() => Some(Appointment { node, text }),
            _ => {
                if let Some(d) = sink.items.iter_mut().find(|d| d.code == Code::MissingField) {
                    d.notes.push(
                        tr(
                            "geef een afspraakbestand of --activity",
                            "give an appointment file or --activity",
                        )
                        .to_string(),
                    );
                }
                None
            }
        }
    }
}

fn no_appointment_rules(policy: &Policy) -> Diagnostic {
    let mut d = Diagnostic::error(
        Code::NotFound,
        beeldbel::tr!(
            "het beleid ({}) bevat geen afspraakregels (scope \"appointment\")",
            "the policy ({}) holds no appointment rules (scope \"appointment\")",
            policy.origin
        ),
    )
    .note(tr(
        "advise heeft requirements met scope = \"appointment\" nodig; voeg ze toe, of laat --policy weg voor het ingebouwde beleid",
        "advise needs requirements with scope = \"appointment\"; add them, or leave out --policy for the embedded policy",
    ));
    if let Some((file, span)) = policy.declared_at.clone() {
        d = d.at(file, span, tr("dit beleid", "this policy"));
    }
    d
}

fn write(args: &AdviseArgs, advice: &AdviceReport, sink: &mut Sink) -> ExitStatus {
    let out = Output::new(args.output.as_deref());
    let written = out.write(|w| match args.format {
        render::advice::Format::Text => render::advice::write(advice, w),
        render::advice::Format::Json => {
            serde_json::to_writer_pretty(&mut *w, advice).map_err(RenderError::from_json_write)?;
            Ok(w.write_all(b"\n")?)
        }
    });
    let ok = match advice.advice {
        beeldbel::engine::advise::Advice::VideoSuitable => ExitStatus::Success,
        _ => ExitStatus::NotCompliant,
    };
    out.finish(written, ok, sink)
}
