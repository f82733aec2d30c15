//! The `beeldbel` binary: parse flags, set up logging, run, map the outcome to an exit code.
//! Only the binary knows the command line ([`args`]); the commands ([`commands`]) hand the
//! library resolved settings and loaded inputs.

mod args;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // A bad flag or value: clap's message quotes what was typed, so it is shown without
            // control characters (like every diagnostic), in plain text.
            let message = e.render().to_string();
            eprint!("{}", beeldbel::text_safety::for_terminal(&message));
            return ExitCode::from(2);
        }
        Err(e) => {
            let printed = e.print();
            // Help and version are not errors. Help that could not be written (a full disk) is
            // a failed run, and says so.
            if let Err(err) = printed {
                beeldbel::i18n::set_lang(lang_of_raw_args());
                eprintln!(
                    "{}",
                    beeldbel::tr!(
                        "error[BB011]: kan `stdout` niet schrijven: {err} [io]",
                        "error[BB011]: cannot write `stdout`: {err} [io]"
                    )
                );
                return ExitCode::from(2);
            }
            return ExitCode::SUCCESS;
        }
    };
    beeldbel::i18n::set_lang(cli.global.lang);
    beeldbel::input::limits::set(cli.global.limits());
    let level = match (cli.global.quiet, cli.global.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("BEELDBEL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colour only on a terminal: `2> log.txt` gets plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
    ExitCode::from(commands::run(cli).code())
}

/// The language asked for on a command line that did not parse (or asked for help): `--lang en`
/// or `--lang=en` anywhere, else Dutch.
fn lang_of_raw_args() -> beeldbel::i18n::Lang {
    let args: Vec<String> = std::env::args().collect();
    let english = args.iter().any(|a| a == "--lang=en")
        || args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en");
    if english {
        beeldbel::i18n::Lang::En
    } else {
        beeldbel::i18n::Lang::Nl
    }
}

// A faster allocator: evaluation and reports allocate many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
