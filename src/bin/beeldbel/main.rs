//! The `beeldbel` binary: parse flags, set up logging, run, map the outcome to an exit code.
//! Only the binary knows the command line ([`args`]); the commands ([`commands`]) hand the
//! library resolved settings and loaded inputs.

mod args;
mod clap_error;
mod cli;
mod commands;
mod help_nl;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is known before parsing: the help and clap's messages speak it too.
    let lang = cli::language(&args, |var| std::env::var_os(var));
    beeldbel::i18n::set_lang(lang);
    let cli = match cli::parse(args, lang) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // A bad flag or value: clap's message quotes what was typed, so it is shown without
            // control characters (like every diagnostic), in plain text.
            eprint!("{}", clap_error::message(&e, lang));
            return ExitCode::from(2);
        }
        Err(e) => {
            let printed = e.print();
            // Help and version are not errors. Help that could not be written (a full disk) is
            // a failed run, and says so.
            // A closed pipe (`beeldbel --help | head`) is not a failure, as for reports.
            if let Err(err) = printed
                && err.kind() != std::io::ErrorKind::BrokenPipe
            {
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
    // The same language clap parsed (`--lang`, BEELDBEL_LANG), else the locale's.
    beeldbel::i18n::set_lang(cli.global.lang.unwrap_or(lang));
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

// A faster allocator: evaluation and reports allocate many small strings.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
