//! The answers template (`dpia --answers-template`): a TOML answers file with every open gap of
//! the draft as a commented `[[answer]]` entry under its section and question (in the report's
//! language), and every gap already answered as a live entry with its answer, so the team fills
//! it in and reruns with `--answers`.

use std::io::Write;

use crate::i18n::tr;
use crate::render::RenderError;
use crate::results::dpia::{Draft, Gap};
use crate::text_safety::without_controls;

/// Writes the answers template of `d` into `out`.
pub fn write(d: &Draft, out: &mut dyn Write) -> Result<(), RenderError> {
    for line in [
        crate::tr!(
            "Antwoorden van {} op de open punten van het DPIA-concept (beeldbel dpia).",
            "Answers of {} to the open points of the DPIA draft (beeldbel dpia).",
            comment(&d.organisation)
        ),
        tr(
            "Vul een punt in: haal de # weg voor de regels van het [[answer]] en schrijf het antwoord tussen de \"\"\" (meerdere regels en alinea's mogen).",
            "To answer a point: remove the # before the lines of its [[answer]] and write the answer between the \"\"\" (several lines and paragraphs are fine).",
        )
        .to_string(),
        tr(
            "Draai daarna opnieuw: beeldbel dpia ORGANISATIE --answers DIT-BESTAND. Een punt zonder antwoord blijft open.",
            "Then run again: beeldbel dpia ORGANISATION --answers THIS-FILE. A point without an answer stays open.",
        )
        .to_string(),
        tr(
            "De sleutel (gap) blijft gelijk bij een nieuwe versie van het concept; een antwoord voor een punt dat niet meer bestaat geeft een waarschuwing.",
            "The key (gap) stays the same in a new version of the draft; an answer for a point that no longer exists gives a warning.",
        )
        .to_string(),
    ] {
        writeln!(out, "# {line}")?;
    }
    writeln!(out)?;
    writeln!(out, "organisation_name = {}", basic(&d.organisation))?;
    let (mut open, mut answered) = (0, 0);
    for s in &d.sections {
        let gaps = s.gaps();
        if gaps.is_empty() {
            continue;
        }
        writeln!(out, "\n# ── {}", comment(&s.label()))?;
        for g in gaps {
            writeln!(out)?;
            entry(out, g)?;
            match g.answer {
                Some(_) => answered += 1,
                None => open += 1,
            }
        }
    }
    writeln!(
        out,
        "\n# {}",
        crate::tr!(
            "{open} open punt(en), {answered} beantwoord.",
            "{open} open point(s), {answered} answered."
        )
    )?;
    Ok(())
}

/// One gap: its question as a comment, then the entry (commented when it is open).
fn entry(out: &mut dyn Write, g: &Gap) -> Result<(), RenderError> {
    writeln!(out, "# {}", comment(&g.what))?;
    if let Some(h) = &g.hint {
        writeln!(
            out,
            "# {} {}",
            tr(
                "(of vul het organisatiebestand aan:",
                "(or complete the organisation file:"
            ),
            comment(&format!("{h})"))
        )?;
    }
    match &g.answer {
        Some(a) => {
            writeln!(out, "[[answer]]")?;
            writeln!(out, "gap = {}", basic(&g.key))?;
            writeln!(out, "text = {}", multiline(&a.text))?;
        }
        None => {
            writeln!(out, "#[[answer]]")?;
            writeln!(out, "#gap = {}", basic(&g.key))?;
            writeln!(out, "#text = \"\"\"")?;
            writeln!(out, "#\"\"\"")?;
        }
    }
    Ok(())
}

/// Text for a one-line comment: no line breaks or control characters.
fn comment(s: &str) -> String {
    without_controls(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TOML basic string.
fn basic(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        escape(c, &mut out, false);
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, its lines kept.
fn multiline(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    for c in s.chars() {
        escape(c, &mut out, true);
    }
    out.push_str("\n\"\"\"");
    out
}

fn escape(c: char, out: &mut String, multiline: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\n' if multiline => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_read_back_as_written() {
        for s in [
            "a \"b\" \\ c",
            "regel 1\n\nregel 3 \"\"\" x",
            "tab\there\u{7}",
        ] {
            let doc = format!("a = {}\nb = {}\n", basic(s), multiline(s));
            let t: toml::Table = toml::from_str(&doc).expect(&doc);
            assert_eq!(t["a"].as_str(), Some(s));
            assert_eq!(t["b"].as_str().map(|b| b.trim_end_matches('\n')), Some(s));
        }
    }
}
