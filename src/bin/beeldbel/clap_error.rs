//! clap's messages about a command line it could not parse, in the language of the run. clap 4
//! words them in English only, so the Dutch is written here from the error's kind and its
//! context (the argument, the value, the valid values, the suggestion, the usage line), in the
//! same layout. A kind or context this file does not know keeps clap's English text
//! (docs/cli.md lists them).

use beeldbel::i18n::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message for a command line that could not be used (exit 2), in `lang`, as plain text
/// without control characters from what was typed.
pub fn message(e: &clap::Error, lang: Lang) -> String {
    let text = match lang {
        Lang::Nl => dutch(e).unwrap_or_else(|| e.render().to_string()),
        Lang::En => e.render().to_string(),
    };
    beeldbel::text_safety::for_terminal(&text).into_owned()
}

/// The Dutch message, or `None` when the kind or its context is not one this file words.
fn dutch(e: &clap::Error) -> Option<String> {
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // The help itself, already in Dutch.
        return Some(e.render().to_string());
    }
    let mut out = format!("error: {}", main_line(e)?);
    let mut first_tip = true;
    let mut tip = |out: &mut String, text: String| {
        out.push_str(if first_tip { "\n\n" } else { "\n" });
        first_tip = false;
        out.push_str(&format!("  tip: {text}"));
    };
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let names = match e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) if !v.is_empty() => v.clone(),
            _ => continue,
        };
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        tip(
            &mut out,
            match quoted.len() {
                1 => format!("bedoelde u {}?", quoted[0]),
                _ => format!("bedoelde u een van {}?", quoted.join(", ")),
            },
        );
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for t in tips {
            tip(&mut out, dutch_tip(&t.to_string()));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage:").map_or(usage.clone(), |rest| {
            format!("{}{rest}", crate::help_nl::USAGE)
        });
        out.push_str(&format!("\n\n{usage}"));
    }
    out.push_str("\n\nMeer uitleg: probeer '--help'.\n");
    Some(out)
}

/// The first line: what is wrong.
fn main_line(e: &clap::Error) -> Option<String> {
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let number = |kind| match e.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let given = |n: isize| {
        if n == 1 {
            format!("er werd er {n} gegeven")
        } else {
            format!("er werden er {n} gegeven")
        }
    };
    Some(match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("onbekend argument '{}'", string(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => {
            format!(
                "onbekende opdracht '{}'",
                string(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue => {
            let arg = string(ContextKind::InvalidArg)?;
            let mut line = match string(ContextKind::InvalidValue)? {
                "" => format!("'{arg}' vraagt een waarde, maar er is er geen gegeven"),
                value => format!("ongeldige waarde '{value}' voor '{arg}'"),
            };
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue)
                && !valid.is_empty()
            {
                line.push_str(&format!("\n  [mogelijke waarden: {}]", valid.join(", ")));
            }
            line
        }
        ErrorKind::ValueValidation => {
            let arg = string(ContextKind::InvalidArg)?;
            let value = string(ContextKind::InvalidValue)?;
            let reason = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("ongeldige waarde '{value}' voor '{arg}'{reason}")
        }
        ErrorKind::MissingRequiredArgument => match e.get(ContextKind::InvalidArg)? {
            ContextValue::Strings(args) => {
                let mut line = "deze verplichte argumenten ontbreken:".to_string();
                for a in args {
                    line.push_str(&format!("\n  {a}"));
                }
                line
            }
            _ => return None,
        },
        ErrorKind::MissingSubcommand => {
            let mut line = format!(
                "'{}' vraagt een opdracht, maar er is er geen gegeven",
                string(ContextKind::InvalidSubcommand)?
            );
            if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidSubcommand) {
                line.push_str(&format!("\n  [opdrachten: {}]", valid.join(", ")));
            }
            line
        }
        ErrorKind::ArgumentConflict => conflict(e)?,
        ErrorKind::NoEquals => format!(
            "een waarde voor '{}' moet met een isgelijkteken worden gegeven ('--optie=waarde')",
            string(ContextKind::InvalidArg)?
        ),
        ErrorKind::TooManyValues => format!(
            "onverwachte waarde '{}' voor '{}'; er werden geen waarden meer verwacht",
            string(ContextKind::InvalidValue)?,
            string(ContextKind::InvalidArg)?
        ),
        ErrorKind::TooFewValues => format!(
            "'{}' vraagt {} waarden; {}",
            string(ContextKind::InvalidArg)?,
            number(ContextKind::MinValues)?,
            given(number(ContextKind::ActualNumValues)?)
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "'{}' vraagt {} waarden, maar {}",
            string(ContextKind::InvalidArg)?,
            number(ContextKind::ExpectedNumValues)?,
            given(number(ContextKind::ActualNumValues)?)
        ),
        ErrorKind::InvalidUtf8 => "een of meer argumenten zijn geen geldige UTF-8".to_string(),
        _ => return None,
    })
}

/// "the argument '…' cannot be used with …", in Dutch.
fn conflict(e: &clap::Error) -> Option<String> {
    let mut prior = e.get(ContextKind::PriorArg);
    let mut line = match (
        e.get(ContextKind::InvalidArg),
        e.get(ContextKind::InvalidSubcommand),
    ) {
        (Some(ContextValue::String(arg)), _) if prior == e.get(ContextKind::InvalidArg) => {
            prior = None;
            format!("het argument '{arg}' mag maar één keer worden gegeven")
        }
        (Some(ContextValue::String(arg)), _) => {
            format!("het argument '{arg}' kan niet samen met")
        }
        (_, Some(ContextValue::String(sub))) => format!("de opdracht '{sub}' kan niet samen met"),
        _ => return None,
    };
    match prior {
        None => {}
        Some(ContextValue::Strings(args)) => {
            line.push(':');
            for a in args {
                line.push_str(&format!("\n  {a}"));
            }
        }
        Some(ContextValue::String(a)) => line.push_str(&format!(" '{a}'")),
        Some(_) => line.push_str(" een of meer van de andere gegeven argumenten"),
    }
    Some(line)
}

/// One of clap's English tips, in Dutch when it is one clap is known to give.
fn dutch_tip(tip: &str) -> String {
    let quoted: Vec<&str> = tip.split('\'').skip(1).step_by(2).collect();
    if tip.starts_with("to pass '") && tip.contains("' as a value, use '") && quoted.len() == 2 {
        format!("om '{}' als waarde te geven: '{}'", quoted[0], quoted[1])
    } else if tip.starts_with("subcommand '") && tip.contains("exists; to use it, remove the '") {
        format!(
            "opdracht '{}' bestaat; haal de '--' ervoor weg om haar te gebruiken",
            quoted.first().copied().unwrap_or_default()
        )
    } else if tip.starts_with('\'') && tip.ends_with("' exists") && quoted.len() == 1 {
        format!("'{}' bestaat", quoted[0])
    } else {
        tip.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::dutch_tip;

    #[test]
    fn clap_tips_in_dutch() {
        assert_eq!(
            dutch_tip("to pass '--x' as a value, use '-- --x'"),
            "om '--x' als waarde te geven: '-- --x'"
        );
        assert_eq!(
            dutch_tip("subcommand 'check' exists; to use it, remove the '--' before it"),
            "opdracht 'check' bestaat; haal de '--' ervoor weg om haar te gebruiken"
        );
        assert_eq!(
            dutch_tip("'check --format' exists"),
            "'check --format' bestaat"
        );
        assert_eq!(dutch_tip("something new"), "something new");
    }
}
