//! The text of `beeldbel advise`: the advice first, then why (physical contact needed), the
//! conditions, advice notes, the questions whose answer can still change the advice, the
//! supporting reasons, how peers judge the activity, and in words the rules that hold or do not
//! apply.
//!
//! A rule that fires is named by its `finding`, the situation stated positively ("Er is een
//! conflict met de werkgever"); rules in lists by their `topic`. Fields in remediations and
//! questions are spelled as the flag (`--client-consents-video`) when the user gives them by flag,
//! and as the file field (`client_consents_video = true`) when they come from the file.

use std::io::{self, Write};

use crate::engine::advise::{AdviceReport, AppointmentSource, Question, Rule};
use crate::i18n::tr;
use crate::render::RenderError;
use crate::results::State;
use crate::schema::defs::{ACTIVITIES_VALUES, APPOINTMENT_FILE};

/// The output formats of `advise`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

crate::choice!(Format { Text = "text", Json = "json" });

/// Writes the text of the advice `r` into `out`.
pub fn write(r: &AdviceReport, out: &mut dyn Write) -> Result<(), RenderError> {
    writeln!(
        out,
        "{} {}",
        tr("Advies:", "Advice:"),
        r.label.to_uppercase()
    )?;
    let activity = r
        .appointment
        .get("activity")
        .and_then(|a| a.as_str())
        .unwrap_or("?");
    let activity = match ACTIVITIES_VALUES.iter().find(|v| v.id == activity) {
        Some(v) if v.label() != activity => format!("{} ({activity})", v.label()),
        _ => activity.to_string(),
    };
    writeln!(
        out,
        "{} {activity} · {} · {} {}",
        tr("Activiteit:", "Activity:"),
        source_words(&r.source),
        tr("datum", "date"),
        r.evaluated_on
    )?;
    let section = |out: &mut dyn Write, title: &str, ids: &[String]| -> io::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n{title}")?;
        for rule in ids.iter().filter_map(|id| r.rule(id)) {
            fired(out, rule, &r.source)?;
        }
        Ok(())
    };
    section(
        out,
        tr(
            "Waarom fysiek contact nodig is",
            "Why physical contact is needed",
        ),
        &r.reasons,
    )?;
    section(
        out,
        tr(
            "Voorwaarden voor beeldbellen",
            "Conditions for video calling",
        ),
        &r.conditions,
    )?;
    section(out, tr("Aandachtspunten", "Advice"), &r.advisory)?;
    questions(out, r)?;
    if !r.supporting.is_empty() {
        writeln!(
            out,
            "\n{}",
            tr(
                "Wat beeldbellen hier juist passend maakt (Cahier 28 §4.4.2)",
                "What makes video calling more suitable here (Cahier 28 §4.4.2)"
            )
        )?;
        for s in &r.supporting {
            writeln!(out, "  + {}", s.text)?;
        }
    }
    if let Some(p) = &r.peers {
        writeln!(
            out,
            "\n{}",
            tr(
                "Hoe arbeidsdeskundigen dit beoordelen",
                "How arbeidsdeskundigen judge this"
            )
        )?;
        writeln!(out, "  \"{}\" ({}):", p.activity_in_cahier, p.source)?;
        writeln!(
            out,
            "  {} {} % · {} {} % · {} {} % · {} {} %",
            tr(
                "nooit, fysiek contact altijd nodig",
                "never, physical contact always needed"
            ),
            p.never,
            tr("ja, onder voorwaarden", "yes, under conditions"),
            p.under_conditions,
            tr("ja", "yes"),
            p.yes,
            tr("n.v.t.", "n/a"),
            p.not_applicable
        )?;
        writeln!(
            out,
            "  {} {} %",
            tr(
                "tevreden of zeer tevreden over beeldbellen hierbij (tabel 8):",
                "satisfied or very satisfied with video calling for this (table 8):"
            ),
            p.satisfied
        )?;
    }
    held_and_not_applicable(out, r)?;
    writeln!(
        out,
        "\n{} {} {} (sha256 {}), beeldbel {}",
        tr("Beleid", "Policy"),
        r.policy.id,
        r.policy.version,
        r.policy.sha256,
        r.tool.version
    )?;
    writeln!(out, "\n{}", r.notice)?;
    Ok(())
}

/// Where the appointment came from, in words: "afspraak uit X.toml", "afspraak via de
/// opdrachtregel", or both.
pub fn source_words(s: &AppointmentSource) -> String {
    let by_hand = !s.flags.is_empty() || !s.asked.is_empty();
    match (&s.file, by_hand) {
        (Some(f), false) => crate::tr!("afspraak uit {f}", "appointment from {f}"),
        (Some(f), true) => crate::tr!(
            "afspraak uit {f}, aangevuld via de opdrachtregel",
            "appointment from {f}, completed on the command line"
        ),
        (None, _) => tr(
            "afspraak via de opdrachtregel",
            "appointment given on the command line",
        )
        .to_string(),
    }
}

/// A rule that fires: the situation, what to do, the sources.
fn fired(out: &mut dyn Write, rule: &Rule, source: &AppointmentSource) -> io::Result<()> {
    let o = &rule.outcome;
    if o.state == State::Error {
        writeln!(
            out,
            "  {} {}: {} ({})",
            super::common::symbol(o.state),
            o.title.get(),
            o.message.get(),
            o.requirement
        )?;
    } else {
        writeln!(
            out,
            "  {} {} ({})",
            super::common::symbol(o.state),
            rule.finding.get(),
            o.requirement
        )?;
    }
    writeln!(
        out,
        "      {}",
        spell_fields(o.remediation.get().trim(), source)
    )?;
    if !o.references.is_empty() {
        writeln!(
            out,
            "      {} {}",
            tr("Bron:", "Source:"),
            o.references.join("; ")
        )?;
    }
    Ok(())
}

/// The questions whose answer can still change the advice, once each.
fn questions(out: &mut dyn Write, r: &AdviceReport) -> io::Result<()> {
    let open: Vec<&Question> = r.relevant_questions().collect();
    if open.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{}",
        tr(
            "Nog te beantwoorden (het antwoord kan het advies veranderen)",
            "Still to answer (the answer can change the advice)"
        )
    )?;
    for q in &open {
        writeln!(out, "  ? {}", q.text.get())?;
        writeln!(out, "      {}", answer_hint(q, &r.source))?;
    }
    let by_flag = open.iter().all(|q| r.source.by_flag(&q.field));
    writeln!(
        out,
        "  {}",
        if by_flag {
            tr(
                "Geef de antwoorden met deze opties, of laat ze u stellen met --interactive.",
                "Give the answers with these flags, or have them asked with --interactive.",
            )
        } else {
            tr(
                "Vul de antwoorden in het afspraakbestand in, of laat ze u stellen met --interactive.",
                "Fill in the answers in the appointment file, or have them asked with --interactive.",
            )
        }
    )?;
    Ok(())
}

/// How to give the answer: the choices in words and the flag or file field that takes them.
pub fn answer_hint(q: &Question, source: &AppointmentSource) -> String {
    let words: Vec<String> = q
        .choices
        .iter()
        .map(|c| c.label.get().to_string())
        .collect();
    let words = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {} {last}", rest.join(", "), tr("of", "or"))
        }
        _ => words.join(""),
    };
    let ids: Vec<String> = q
        .choices
        .iter()
        .filter_map(|c| match &c.value {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Array(a) => a.first().and_then(|v| v.as_str()).map(str::to_string),
            _ => None,
        })
        .collect();
    let is_bool = q.choices.iter().all(|c| c.value.is_boolean());
    let how = if source.by_flag(&q.field) {
        let flag = flag_name(&q.field);
        if is_bool {
            format!("`{flag} {}`", tr("ja|nee", "yes|no"))
        } else {
            format!("`{flag} {}`", ids.join("|"))
        }
    } else if is_bool {
        format!("`{} = true|false`", q.field)
    } else {
        let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
        format!("`{} = {}`", q.field, quoted.join("|"))
    };
    if is_bool || words.is_empty() {
        how
    } else {
        format!("{words}: {how}")
    }
}

/// The flag of an appointment field: `--client-consents-video`.
pub fn flag_name(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}

/// Code spans that name an appointment field (`` `client_consents_video = true` ``,
/// `` `client_preference` ``) spelled as the flag (`` `--client-consents-video ja` ``) when the
/// user gives that field by flag; other text unchanged.
pub fn spell_fields(text: &str, source: &AppointmentSource) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        let inner = &rest[start + 1..start + 1 + len];
        out.push_str(&rest[..start]);
        match as_flag(inner, source) {
            Some(flag) => out.push_str(&format!("`{flag}`")),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

fn as_flag(code: &str, source: &AppointmentSource) -> Option<String> {
    let (field, value) = match code.split_once('=') {
        Some((f, v)) => (f.trim(), Some(v.trim())),
        None => (code.trim(), None),
    };
    if !APPOINTMENT_FILE.iter().any(|f| f.name == field) || !source.by_flag(field) {
        return None;
    }
    let flag = flag_name(field);
    Some(match value {
        None => flag,
        Some("true") => format!("{flag} {}", tr("ja", "yes")),
        Some("false") => format!("{flag} {}", tr("nee", "no")),
        Some(v) => format!("{flag} {}", v.trim_matches('"')),
    })
}

/// The rules that hold, and those that do not apply, named by their topic.
fn held_and_not_applicable(out: &mut dyn Write, r: &AdviceReport) -> io::Result<()> {
    let topics = |rules: &[&Rule]| {
        rules
            .iter()
            .map(|x| x.topic.get().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let passed: Vec<&Rule> = r
        .outcomes
        .iter()
        .filter(|x| x.outcome.state == State::Pass)
        .collect();
    let any_na = r
        .outcomes
        .iter()
        .any(|x| x.outcome.state == State::NotApplicable);
    if !passed.is_empty() || any_na {
        writeln!(out)?;
    }
    if !passed.is_empty() {
        writeln!(
            out,
            "{} {}",
            tr("Geen bezwaar gevonden in:", "No objection found in:"),
            topics(&passed)
        )?;
    }
    // Grouped by the reason they do not apply, in the order the reasons first appear.
    let mut groups: Vec<(String, Vec<&Rule>)> = Vec::new();
    for x in r
        .outcomes
        .iter()
        .filter(|x| x.outcome.state == State::NotApplicable)
    {
        let why = x
            .not_applicable
            .as_ref()
            .map(|t| t.get().to_string())
            .unwrap_or_default();
        match groups.iter_mut().find(|(w, _)| *w == why) {
            Some((_, v)) => v.push(x),
            None => groups.push((why, vec![x])),
        }
    }
    for (why, rules) in &groups {
        let label = tr("Niet van toepassing", "Not applicable");
        if why.is_empty() {
            writeln!(out, "{label}: {}", topics(rules))?;
        } else {
            writeln!(out, "{label}: {} — {why}", topics(rules))?;
        }
    }
    Ok(())
}
