//! `advise --interactive`: the open questions asked one at a time, each time only those whose
//! answer can still change the advice (after "nee" to consent, nothing more is asked), then the
//! advice. Prompts go to stderr so that the advice on stdout can be redirected.

use std::io::{self, BufRead, Write};

use beeldbel::engine::advise::{AdviceReport, Answer, Question, questions};
use beeldbel::i18n::tr;

/// Asks the relevant open questions of `report` on `prompt`, reading answers from `input`; after
/// each answer `reevaluate` gives the advice with all answers so far (`None`: the answers could
/// not be used, diagnostics are in the sink). "Weet niet" leaves a question open and it is not
/// asked again; the end of the input leaves the rest open. The final advice, or `None`.
pub fn ask(
    input: &mut dyn BufRead,
    prompt: &mut dyn Write,
    mut report: AdviceReport,
    reevaluate: &mut dyn FnMut(&toml::Table) -> Option<AdviceReport>,
) -> io::Result<Option<AdviceReport>> {
    let mut answers = toml::Table::new();
    let mut left_open: Vec<String> = Vec::new();
    let mut first = true;
    loop {
        let next = report
            .relevant_questions()
            .find(|q| !left_open.contains(&q.field) && !answers.contains_key(&q.field))
            .cloned();
        let Some(q) = next else {
            break;
        };
        if first {
            writeln!(
                prompt,
                "{}",
                tr(
                    "Beantwoord de vragen die het advies nog kunnen veranderen (Enter: weet niet).",
                    "Answer the questions that can still change the advice (Enter: don't know).",
                )
            )?;
            first = false;
        }
        match ask_one(input, prompt, &q)? {
            None => {
                writeln!(prompt)?;
                break;
            }
            Some(Answer::DontKnow) => left_open.push(q.field.clone()),
            Some(Answer::Value(v)) => {
                answers.insert(q.field.clone(), to_toml(&v));
                match reevaluate(&answers) {
                    Some(r) => report = r,
                    None => return Ok(None),
                }
            }
        }
    }
    if !first {
        writeln!(prompt)?;
    }
    Ok(Some(report))
}

/// One question, asked until the answer is understood. `None`: the input ended.
fn ask_one(
    input: &mut dyn BufRead,
    prompt: &mut dyn Write,
    q: &Question,
) -> io::Result<Option<Answer>> {
    let is_bool = q.choices.iter().all(|c| c.value.is_boolean());
    let dont_know = tr("weet niet", "don't know");
    let hint = if is_bool {
        format!("[{}/{dont_know}]", tr("ja/nee", "yes/no"))
    } else {
        format!("[1-{}/{dont_know}]", q.choices.len())
    };
    writeln!(prompt)?;
    loop {
        writeln!(prompt, "{}", q.text.get())?;
        if !is_bool {
            for (i, c) in q.choices.iter().enumerate() {
                writeln!(prompt, "  {} {}", i + 1, c.label.get())?;
            }
            if q.choices.iter().any(|c| c.value.is_array()) {
                writeln!(
                    prompt,
                    "  {}",
                    tr(
                        "(meer dan één: scheid met komma's, bijvoorbeeld 2,4)",
                        "(more than one: separate with commas, e.g. 2,4)"
                    )
                )?;
            }
        }
        write!(prompt, "{hint} ")?;
        prompt.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        match questions::parse_answer(q, &line) {
            Some(a) => return Ok(Some(a)),
            None => writeln!(
                prompt,
                "{}",
                if is_bool {
                    tr(
                        "Antwoord met ja, nee of weet niet.",
                        "Answer yes, no or don't know.",
                    )
                } else {
                    tr(
                        "Antwoord met een nummer uit de lijst, of weet niet.",
                        "Answer with a number from the list, or don't know.",
                    )
                }
            )?,
        }
    }
}

fn to_toml(v: &serde_json::Value) -> toml::Value {
    match v {
        serde_json::Value::Bool(b) => toml::Value::Boolean(*b),
        serde_json::Value::Number(n) => toml::Value::Integer(n.as_i64().unwrap_or_default()),
        serde_json::Value::Array(a) => toml::Value::Array(a.iter().map(to_toml).collect()),
        other => toml::Value::String(other.as_str().unwrap_or_default().to_string()),
    }
}
