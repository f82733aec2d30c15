//! The open questions of an appointment: the fields an undecided rule needs, each as a question
//! with its possible answers, and whether some answer can still change the advice.
//!
//! Whether a question matters is read from the rules themselves, not from a list: the rules are
//! evaluated again for every combination of answers to the open questions (each answered with
//! one of its values, or left open), and a question matters when, for some answers to the
//! others, answering it gives a different advice than leaving it open. Once a rule decides
//! *fysiek contact nodig* whatever the open answers are, no question matters.

use serde::Serialize;

use crate::i18n::Text;
use crate::results::{Outcome, State};
use crate::schema::defs::APPOINTMENT_FILE;
use crate::schema::{Node, NodeKind, Ty};

use super::Advice;

/// Above this many combinations of answers every open question counts as mattering (it is not
/// worked out); the embedded policy has at most a few dozen (3 × 5 × 3 = 45 with only
/// `--activity`).
const MAX_COMBINATIONS: usize = 256;

/// Above this many values in the appointment (a generated file with long lists) every open
/// question counts as mattering: the rules are not evaluated again for each combination, so a
/// check near the evaluation budget runs once, not hundreds of times. A real appointment has
/// fewer than twenty.
const MAX_VALUES: usize = 200;

fn values(n: &Node) -> usize {
    1 + match &n.kind {
        NodeKind::List(items) => items.iter().map(values).sum(),
        NodeKind::Table(entries) => entries.iter().map(|e| values(&e.value)).sum(),
        _ => 0,
    }
}

/// One possible answer to a question.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Choice {
    /// The value as written in the appointment file (`true`, `"physical"`, `["hearing"]`).
    pub value: serde_json::Value,
    /// The answer in words, in both languages.
    pub label: Text,
}

/// A field an undecided rule needs, asked as a question.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Question {
    /// The appointment field (`client_consents_video`); its flag is `--` and the field with
    /// dashes (`--client-consents-video`).
    pub field: String,
    /// The question, in both languages.
    pub text: Text,
    /// The possible answers.
    pub choices: Vec<Choice>,
    /// The rules (ids) that cannot be decided without it.
    pub rules: Vec<String>,
    /// Some answer to it can still change the advice. Only these are listed (and asked by
    /// `--interactive`); the others cannot change it, e.g. once physical contact is needed.
    pub relevant: bool,
}

/// The question for an appointment field, in Dutch and English.
pub fn wording(field: &str) -> Option<Text> {
    let (nl, en) = match field {
        "activity" => ("Waarvoor is het gesprek?", "What is the conversation for?"),
        "first_contact" => (
            "Is dit het eerste contact met de klant?",
            "Is this the first contact with the client?",
        ),
        "conflict_with_employer" => (
            "Is er een conflict met de werkgever?",
            "Is there a conflict with the employer?",
        ),
        "psychological_complaints" => (
            "Heeft de klant psychische klachten?",
            "Does the client have psychological complaints?",
        ),
        "physical_contact_possible" => (
            "Is fysiek contact mogelijk (nee tijdens een lockdown)?",
            "Is physical contact possible (no during a lockdown)?",
        ),
        "client_preference" => (
            "Welke contactvorm heeft de klant het liefst?",
            "Which contact form does the client prefer?",
        ),
        "client_consents_video" => (
            "Heeft de klant ingestemd met beeldbellen?",
            "Has the client agreed to a video call?",
        ),
        "medical_barriers" => (
            "Welke medische belemmeringen voor beeldbellen heeft de klant?",
            "Which medical barriers to video calling does the client have?",
        ),
        "limited_digital_skills" => (
            "Heeft de klant beperkte digitale vaardigheden?",
            "Does the client have limited digital skills?",
        ),
        "limited_language_skills" => (
            "Heeft de klant beperkte taalvaardigheid?",
            "Does the client have limited language skills?",
        ),
        "long_running_contact" => (
            "Is er al langdurig goed contact met de klant?",
            "Is there already long-running good contact with the client?",
        ),
        "client_cannot_travel" => (
            "Kan de klant niet goed naar een locatie komen?",
            "Is the client unable to come to a location easily?",
        ),
        "terminal_illness" => (
            "Is de klant terminaal ziek?",
            "Is the client terminally ill?",
        ),
        "home_visit_undesired" => (
            "Is een thuisbezoek om privéredenen niet wenselijk?",
            "Is a home visit undesired for private reasons?",
        ),
        _ => return None,
    };
    Some(Text {
        nl: nl.into(),
        en: en.into(),
    })
}

/// The schema type of a top-level appointment field.
fn field_type(field: &str) -> Option<&'static Ty> {
    APPOINTMENT_FILE
        .iter()
        .find(|f| f.name == field)
        .map(|f| &f.ty)
}

/// The possible answers to the field: yes/no, each enumerated value, or for a list of
/// enumerated values none or one of them. Empty for a field whose answers cannot be listed.
pub fn choices(field: &str) -> Vec<Choice> {
    let yes_no = || {
        vec![
            Choice {
                value: true.into(),
                label: crate::both!("ja", "yes"),
            },
            Choice {
                value: false.into(),
                label: crate::both!("nee", "no"),
            },
        ]
    };
    match field_type(field) {
        Some(Ty::Bool) => yes_no(),
        Some(Ty::Enum(vals)) => vals
            .iter()
            .map(|v| Choice {
                value: v.id.into(),
                label: v.text(),
            })
            .collect(),
        Some(Ty::List(Ty::Enum(vals))) => std::iter::once(Choice {
            value: serde_json::Value::Array(Vec::new()),
            label: crate::both!("geen", "none"),
        })
        .chain(vals.iter().map(|v| Choice {
            value: serde_json::Value::Array(vec![v.id.into()]),
            label: v.text(),
        }))
        .collect(),
        _ => Vec::new(),
    }
}

/// The appointment with `field` set to `value` (a JSON value of a [`Choice`]), or left out
/// (`None`).
pub fn with_answer(appointment: &Node, field: &str, value: Option<&serde_json::Value>) -> Node {
    let mut entries: Vec<crate::schema::node::Entry> = appointment
        .entries()
        .iter()
        .filter(|e| e.key != field)
        .cloned()
        .collect();
    if let Some(kind) = value.and_then(node_kind) {
        entries.push(crate::schema::node::Entry {
            key: field.to_string(),
            key_span: 0..0,
            value: Node::new(0..0, kind),
        });
    }
    Node::new(appointment.span.clone(), NodeKind::Table(entries))
}

fn node_kind(v: &serde_json::Value) -> Option<NodeKind> {
    Some(match v {
        serde_json::Value::Bool(b) => NodeKind::Bool(*b),
        serde_json::Value::String(s) => NodeKind::Str(s.clone()),
        serde_json::Value::Number(n) => NodeKind::Int(n.as_i64()?),
        serde_json::Value::Array(items) => NodeKind::List(
            items
                .iter()
                .map(|i| node_kind(i).map(|k| Node::new(0..0, k)))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}

/// The open questions: every appointment field an unknown rule misses, in the order of the
/// rules that need them, each marked relevant when some answer can still change the advice.
/// `advice_of` evaluates the rules on an appointment and gives their advice.
pub fn open(
    outcomes: &[Outcome],
    appointment: &Node,
    advice_of: &dyn Fn(&Node) -> Advice,
) -> Vec<Question> {
    let mut questions: Vec<Question> = APPOINTMENT_FILE
        .iter()
        .filter_map(|f| {
            let rules: Vec<String> = outcomes
                .iter()
                .filter(|o| o.state == State::Unknown && o.missing.iter().any(|m| m == f.name))
                .map(|o| o.requirement.clone())
                .collect();
            (!rules.is_empty()).then(|| Question {
                field: f.name.to_string(),
                text: wording(f.name).unwrap_or_else(|| Text::same(format!("{}?", f.name))),
                choices: choices(f.name),
                rules,
                relevant: true,
            })
        })
        .collect();
    // In the order of the rules that need them: the client's say first, as the policy has it.
    let first_rule = |q: &Question| {
        outcomes
            .iter()
            .position(|o| q.rules.contains(&o.requirement))
            .unwrap_or(usize::MAX)
    };
    questions.sort_by_key(first_rule);
    let relevant = relevance(&questions, appointment, advice_of);
    for (q, r) in questions.iter_mut().zip(relevant) {
        q.relevant = r;
    }
    questions
}

/// For each question: whether, for some answers to the others (each a value or left open), some
/// answer to it gives another advice than leaving it open.
fn relevance(
    questions: &[Question],
    appointment: &Node,
    advice_of: &dyn Fn(&Node) -> Advice,
) -> Vec<bool> {
    // Digit 0 of a question: left open; digit k: its choice k-1.
    let radix: Vec<usize> = questions.iter().map(|q| q.choices.len() + 1).collect();
    let total = radix
        .iter()
        .try_fold(1usize, |acc, r| acc.checked_mul(*r))
        .filter(|t| *t <= MAX_COMBINATIONS);
    let Some(total) = total.filter(|_| values(appointment) <= MAX_VALUES) else {
        return vec![true; questions.len()];
    };
    let digits = |mut index: usize| -> Vec<usize> {
        radix
            .iter()
            .map(|r| {
                let d = index % r;
                index /= r;
                d
            })
            .collect()
    };
    let advices: Vec<Advice> = (0..total)
        .map(|index| {
            let node =
                questions
                    .iter()
                    .zip(digits(index))
                    .fold(appointment.clone(), |node, (q, d)| {
                        let value = d.checked_sub(1).map(|k| &q.choices[k].value);
                        with_answer(&node, &q.field, value)
                    });
            advice_of(&node)
        })
        .collect();
    let mut stride = 1;
    questions
        .iter()
        .zip(&radix)
        .map(|(q, r)| {
            let s = stride;
            stride *= r;
            // A question without listed answers may matter: it is always listed.
            q.choices.is_empty()
                || (0..total)
                    .filter(|index| (index / s) % r == 0)
                    .any(|open| (1..*r).any(|k| advices[open + k * s] != advices[open]))
        })
        .collect()
}

/// An answer typed at the terminal.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// One of the question's choices (its value).
    Value(serde_json::Value),
    /// "weet niet": the question stays open.
    DontKnow,
}

/// Reads a typed answer to `q`: for yes/no `ja`/`nee`, `yes`/`no`, `true`/`false` (`j`/`n`,
/// `y`); for a choice its number, its value or its label; for a list several, separated by
/// commas, or `geen`/`none`; for any question `weet niet`, `?` or an empty line (don't know).
/// `None`: not an answer to this question.
pub fn parse_answer(q: &Question, typed: &str) -> Option<Answer> {
    let t = typed.trim().to_lowercase();
    if matches!(
        t.as_str(),
        "" | "?"
            | "weet niet"
            | "weetniet"
            | "onbekend"
            | "w"
            | "don't know"
            | "dont know"
            | "unknown"
            | "d"
    ) {
        return Some(Answer::DontKnow);
    }
    if let Some(b) = yes_no(&t) {
        let v = serde_json::Value::Bool(b);
        if q.choices.iter().any(|c| c.value == v) {
            return Some(Answer::Value(v));
        }
    }
    let one = |word: &str| -> Option<&Choice> {
        let word = word.trim();
        if let Ok(n) = word.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| q.choices.get(i));
        }
        q.choices.iter().find(|c| {
            let id = match &c.value {
                serde_json::Value::String(s) => Some(s.as_str()),
                serde_json::Value::Array(a) => a.first().and_then(|v| v.as_str()),
                _ => None,
            };
            id.is_some_and(|id| id.eq_ignore_ascii_case(word))
                || c.label.nl.eq_ignore_ascii_case(word)
                || c.label.en.eq_ignore_ascii_case(word)
        })
    };
    let is_list = q.choices.iter().any(|c| c.value.is_array());
    if !is_list {
        return one(&t).map(|c| Answer::Value(c.value.clone()));
    }
    let mut items: Vec<serde_json::Value> = Vec::new();
    for word in t.split(',') {
        match &one(word)?.value {
            serde_json::Value::Array(a) => {
                for v in a {
                    if !items.contains(v) {
                        items.push(v.clone());
                    }
                }
            }
            _ => return None,
        }
    }
    Some(Answer::Value(serde_json::Value::Array(items)))
}

/// `ja`/`nee`, `yes`/`no`, `true`/`false` and their first letters, in any case; the words the
/// yes/no flags take too.
pub fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "true" | "yes" | "ja" | "y" | "j" => Some(true),
        "false" | "no" | "nee" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_appointment_field_has_a_question_and_answers() {
        for f in APPOINTMENT_FILE {
            let w = wording(f.name).unwrap_or_else(|| panic!("no question for {}", f.name));
            assert!(w.nl.ends_with('?') && w.en.ends_with('?'), "{}", f.name);
            assert!(!choices(f.name).is_empty(), "{}", f.name);
        }
    }

    fn question(field: &str) -> Question {
        Question {
            field: field.into(),
            text: wording(field).unwrap(),
            choices: choices(field),
            rules: Vec::new(),
            relevant: true,
        }
    }

    fn appointment(activity: &str) -> Node {
        let entry = crate::schema::node::Entry {
            key: "activity".into(),
            key_span: 0..0,
            value: Node::new(0..0, NodeKind::Str(activity.into())),
        };
        Node::new(0..0, NodeKind::Table(vec![entry]))
    }

    #[test]
    fn a_question_matters_when_some_answer_changes_the_advice() {
        let qs = [question("first_contact"), question("client_consents_video")];
        let a = appointment("hoor_wederhoor");
        // Like the policy: a first contact needs physical contact; video is suitable only with
        // consent and no first contact; open answers leave it under conditions.
        let rules = |n: &Node| {
            let b = |k: &str| n.get(k).and_then(Node::as_bool);
            match (b("first_contact"), b("client_consents_video")) {
                (Some(true), _) | (_, Some(false)) => Advice::PhysicalNeeded,
                (Some(false), Some(true)) => Advice::VideoSuitable,
                _ => Advice::VideoWithConditions,
            }
        };
        assert_eq!(relevance(&qs, &a, &rules), [true, true]);
        // Already decided by another rule: nothing can change it.
        assert_eq!(
            relevance(&qs, &a, &|_| Advice::PhysicalNeeded),
            [false, false]
        );
        // Consent matters only together with the first contact: still listed.
        let joint = |n: &Node| {
            let b = |k: &str| n.get(k).and_then(Node::as_bool);
            if b("first_contact") == Some(false) && b("client_consents_video") == Some(true) {
                Advice::VideoSuitable
            } else {
                Advice::VideoWithConditions
            }
        };
        assert_eq!(relevance(&qs, &a, &joint), [true, true]);
        // Too many combinations to work out: every question is listed.
        let many: Vec<Question> = [
            "first_contact",
            "conflict_with_employer",
            "psychological_complaints",
            "client_consents_video",
            "limited_digital_skills",
            "limited_language_skills",
        ]
        .iter()
        .map(|f| question(f))
        .collect();
        assert!(
            relevance(&many, &a, &|_| Advice::PhysicalNeeded)
                .iter()
                .all(|r| *r)
        );
    }

    #[test]
    fn typed_answers_are_read_in_dutch_and_english() {
        let consent = question("client_consents_video");
        for (typed, want) in [
            ("ja", Some(Answer::Value(true.into()))),
            ("Nee", Some(Answer::Value(false.into()))),
            ("true", Some(Answer::Value(true.into()))),
            ("no", Some(Answer::Value(false.into()))),
            ("1", Some(Answer::Value(true.into()))),
            ("weet niet", Some(Answer::DontKnow)),
            ("", Some(Answer::DontKnow)),
            ("misschien", None),
        ] {
            assert_eq!(parse_answer(&consent, typed), want, "{typed:?}");
        }
        let pref = question("client_preference");
        assert_eq!(
            parse_answer(&pref, "physical"),
            Some(Answer::Value("physical".into()))
        );
        assert_eq!(
            parse_answer(&pref, "fysiek contact"),
            Some(Answer::Value("physical".into()))
        );
        assert_eq!(parse_answer(&pref, "4"), Some(Answer::Value("none".into())));
        assert_eq!(parse_answer(&pref, "ja"), None);
        let barriers = question("medical_barriers");
        assert_eq!(
            parse_answer(&barriers, "hearing, energy"),
            Some(Answer::Value(serde_json::json!(["hearing", "energy"])))
        );
        assert_eq!(
            parse_answer(&barriers, "geen"),
            Some(Answer::Value(serde_json::json!([])))
        );
    }
}
