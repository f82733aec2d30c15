//! The command line in the language of the run: which language that is (`--lang`, then
//! `BEELDBEL_LANG`, then the locale), the clap command with its help in that language (Dutch
//! texts from [`crate::help_nl`] over the English doc comments of [`crate::args`]), and parsing
//! with clap's own messages in that language ([`crate::clap_error`]).

use std::ffi::OsString;

use beeldbel::choice;
use beeldbel::i18n::Lang;
use clap::builder::Str;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::args::Cli;
use crate::help_nl as nl;

/// The language of a run, before its command line is parsed (help and clap's messages need it
/// first): `--lang X` or `--lang=X` (the last one, before a `--`), else `BEELDBEL_LANG`, else the
/// locale: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides (as
/// POSIX orders them); English when it starts with `en`, Dutch otherwise (unset, `C`, `POSIX`,
/// `nl_NL.UTF-8`, any other language).
pub fn language(args: &[OsString], env: impl Fn(&str) -> Option<OsString>) -> Lang {
    let mut from_args = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| choice::from_name::<Lang>(&v)) {
            from_args = Some(lang);
        }
    }
    from_args
        .or_else(|| {
            env("BEELDBEL_LANG").and_then(|v| choice::from_name::<Lang>(&v.to_string_lossy()))
        })
        .unwrap_or_else(|| locale_language(&env))
}

/// Dutch or English from the locale variables.
fn locale_language(env: &impl Fn(&str) -> Option<OsString>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(env)
        .find(|v| !v.is_empty());
    match locale {
        Some(v) if v.to_string_lossy().starts_with("en") => Lang::En,
        _ => Lang::Nl,
    }
}

/// What the command is built for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Parsing this run's command line and its help: the help shows an environment variable's
    /// current value, as clap does (`[env: BEELDBEL_LANG=en]`).
    Run,
    /// A file to keep (completions, man page): it must not carry the environment of whoever
    /// generated it, so only the variable's name is written (`[env: BEELDBEL_LANG]`).
    File,
}

/// The clap command, built, with its help in `lang`.
pub fn command(lang: Lang, purpose: Use) -> Command {
    let mut cmd = unbuilt(lang, purpose);
    cmd.build();
    if lang == Lang::Nl {
        cmd = dutch_usage(cmd);
        cmd = cmd.mut_subcommand("help", |help| help.about(nl::HELP_COMMAND));
    }
    cmd
}

/// The command with its help in `lang`, not built yet (clap adds its `help` subcommand, and
/// in English its help and version flags, when it is built).
pub fn unbuilt(lang: Lang, purpose: Use) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::Nl {
        cmd = dutch(cmd, "", purpose);
        cmd = cmd
            .disable_version_flag(true)
            .arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help(nl::VERSION)
                    .help_heading(nl::OPTIONS),
            )
            .subcommand_help_heading(nl::COMMANDS)
            .subcommand_value_name(nl::COMMAND);
    }
    cmd
}

/// Parses `args` with the command in `lang`: the flags, or what clap has to say instead (help,
/// the version, a mistake; [`crate::clap_error`] words a mistake).
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let mut cmd = command(lang, Use::Run);
    let matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&cmd))
}

/// `cmd` (subcommand `path`, `""` for the program) with Dutch texts, headings and help flag.
fn dutch(cmd: Command, path: &str, purpose: Use) -> Command {
    // A text missing from the table (a test fails on it) falls back to the English.
    let about = nl::about(path).map_or_else(
        || cmd.get_about().map(|a| a.to_string()).unwrap_or_default(),
        str::to_string,
    );
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    // clap's template with the heading in Dutch, styled as clap styles its own on a terminal.
    let style = *cmd.get_styles().get_usage();
    let mut cmd = cmd
        .about(about)
        .long_about(None::<&str>)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{style}{}{style:#} {{usage}}\n\n{{all-args}}{{after-help}}",
            nl::USAGE
        ))
        .disable_help_flag(true);
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| dutch_arg(arg, path, purpose));
    }
    // After the others: the headings come in the order of their first argument.
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(nl::HELP_SHORT)
            .long_help(nl::HELP_LONG)
            .help_heading(nl::OPTIONS),
    );
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| dutch(sub, &name, purpose));
    }
    cmd
}

/// An argument with its Dutch help and heading; the default, the environment variable and the
/// possible values are written by us (in Dutch) instead of by clap.
fn dutch_arg(arg: Arg, path: &str, purpose: Use) -> Arg {
    let id = arg.get_id().as_str();
    let text = nl::arg(path, id).map_or_else(
        || arg.get_help().map(|h| h.to_string()).unwrap_or_default(),
        str::to_string,
    );
    let heading = match arg.get_help_heading() {
        Some("Limits") => nl::LIMITS,
        Some("Remote sources") => nl::REMOTE,
        _ if arg.is_positional() => nl::ARGUMENTS,
        _ => nl::OPTIONS,
    };
    let (short, long) = with_specs(&arg, &text, purpose);
    let takes_values = arg.get_action().takes_values();
    let names: Vec<Str> = arg
        .get_value_names()
        .unwrap_or_default()
        .iter()
        .map(|n| nl::value_name(n.as_str()).map_or_else(|| n.clone(), Str::from))
        .collect();
    let arg = if names.is_empty() {
        arg
    } else {
        arg.value_names(names)
    };
    arg.help(short)
        .long_help(long)
        .help_heading(heading)
        .hide_default_value(takes_values)
        .hide_possible_values(takes_values)
        .hide_env(true)
}

/// `text` followed by the argument's environment variable, default and possible values, as clap
/// would write them, in Dutch: (short help, long help).
fn with_specs(arg: &Arg, text: &str, purpose: Use) -> (String, String) {
    let mut specs = Vec::new();
    let takes_values = arg.get_action().takes_values();
    if let Some(var) = arg.get_env() {
        let name = var.to_string_lossy();
        specs.push(match purpose {
            Use::Run => {
                let now = std::env::var_os(var).unwrap_or_default();
                // From the user's environment: no control character reaches the terminal.
                let now = now.to_string_lossy();
                format!(
                    "[env: {name}={}]",
                    beeldbel::text_safety::for_terminal(&now)
                )
            }
            Use::File => format!("[env: {name}]"),
        });
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_values {
        specs.push(format!("[{}: {}]", nl::DEFAULT, defaults.join(", ")));
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| takes_values && !v.is_hide_set())
        .collect();
    let described = values.iter().any(|v| v.get_help().is_some());
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let list = format!("[{}: {}]", nl::POSSIBLE_VALUES, names.join(", "));
    let mut short = text.to_string();
    for spec in specs.iter().chain((!names.is_empty()).then_some(&list)) {
        short = format!("{short} {spec}");
    }
    let mut long = text.to_string();
    if described {
        long.push_str("\n\n");
        long.push_str(nl::POSSIBLE_VALUES_HEADING);
        // Aligned as clap aligns them: `- name:` padded to the longest name.
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0) + 1;
        for v in &values {
            match v.get_help().map(|h| h.to_string()) {
                Some(help) => {
                    let help = nl::value(&help).unwrap_or(&help);
                    let name = format!("{}:", v.get_name());
                    long.push_str(&format!("\n- {name:<width$} {help}"));
                }
                None => long.push_str(&format!("\n- {}", v.get_name())),
            }
        }
    } else if !names.is_empty() {
        specs.push(list);
    }
    if !specs.is_empty() {
        long.push_str("\n\n");
        long.push_str(&specs.join("\n"));
    }
    (short, long)
}

/// The usage lines with `[OPTIES]` for `[OPTIONS]` (clap writes its usage in English).
fn dutch_usage(mut cmd: Command) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", "[OPTIES]");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, dutch_usage);
    }
    cmd.override_usage(usage)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand, argument and described value of the English command has its Dutch text
    /// in `help_nl` (a flag added without one fails here), and every Dutch text names something
    /// that exists.
    #[test]
    fn every_subcommand_argument_and_value_has_a_dutch_text() {
        let mut missing = Vec::new();
        let mut used_args = Vec::new();
        let root = Cli::command();
        let commands =
            std::iter::once(("", &root)).chain(root.get_subcommands().map(|s| (s.get_name(), s)));
        for (path, cmd) in commands {
            if nl::about(path).is_none() {
                missing.push(format!("about of `{path}`"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                match nl::arg(path, id) {
                    Some(_) => used_args.push((path, id.to_string())),
                    None => missing.push(format!("argument `{id}` of `{path}`")),
                }
                for v in arg.get_possible_values() {
                    if let Some(help) = v.get_help()
                        && nl::value(&help.to_string()).is_none()
                    {
                        missing.push(format!("value `{}` of `{id}`: {help}", v.get_name()));
                    }
                }
            }
            assert!(
                cmd.get_subcommands()
                    .all(|s| s.get_subcommands().count() == 0),
                "nested subcommands: extend this test and `dutch`"
            );
        }
        assert!(
            missing.is_empty(),
            "no Dutch text for:\n{}",
            missing.join("\n")
        );
        for (path, id, _) in nl::ARGS {
            assert!(
                used_args.iter().any(|(p, i)| p == path && i == id),
                "help_nl names `{id}` of `{path}`, which does not exist"
            );
        }
        for (path, _) in nl::ABOUT {
            assert!(
                path.is_empty() || root.find_subcommand(path).is_some(),
                "help_nl describes subcommand `{path}`, which does not exist"
            );
        }
    }

    #[test]
    fn the_language_of_a_run() {
        let run = |args: &[&str], vars: &[(&str, &str)]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            language(&args, |k| {
                vars.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| OsString::from(v))
            })
        };
        assert_eq!(run(&["bb", "check"], &[]), Lang::Nl);
        assert_eq!(run(&["bb", "--lang", "en"], &[]), Lang::En);
        assert_eq!(run(&["bb", "--lang=en"], &[]), Lang::En);
        assert_eq!(
            run(&["bb", "--lang", "nl"], &[("LANG", "en_GB.UTF-8")]),
            Lang::Nl
        );
        assert_eq!(run(&["bb", "--", "--lang", "en"], &[]), Lang::Nl);
        assert_eq!(run(&["bb"], &[("LANG", "en_GB.UTF-8")]), Lang::En);
        assert_eq!(run(&["bb"], &[("LANG", "C.UTF-8")]), Lang::Nl);
        assert_eq!(run(&["bb"], &[("LANG", "nl_NL.UTF-8")]), Lang::Nl);
        assert_eq!(run(&["bb"], &[("LANG", "de_DE.UTF-8")]), Lang::Nl);
        // LC_ALL before LC_MESSAGES before LANG; an empty one does not count.
        let both = [("LC_ALL", "C"), ("LANG", "en_US.UTF-8")];
        assert_eq!(run(&["bb"], &both), Lang::Nl);
        let empty = [
            ("LC_ALL", ""),
            ("LC_MESSAGES", "en_US.UTF-8"),
            ("LANG", "nl_NL"),
        ];
        assert_eq!(run(&["bb"], &empty), Lang::En);
        // BEELDBEL_LANG before the locale, --lang before BEELDBEL_LANG.
        let var = [("BEELDBEL_LANG", "nl"), ("LANG", "en_US.UTF-8")];
        assert_eq!(run(&["bb"], &var), Lang::Nl);
        assert_eq!(run(&["bb", "--lang", "en"], &var), Lang::En);
    }

    #[test]
    fn the_dutch_command_is_valid_and_the_english_one_unchanged() {
        command(Lang::Nl, Use::Run).debug_assert();
        command(Lang::Nl, Use::File).debug_assert();
        let en = command(Lang::En, Use::Run).render_long_help().to_string();
        assert!(en.contains("Usage:") && en.contains("Print help"), "{en}");
    }
}
