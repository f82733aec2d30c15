//! The organisation's answers to the gaps of its DPIA draft (`dpia --answers`): reading the
//! answers file ([`load`]), giving every gap its stable key ([`key_gaps`]) and filling the gaps
//! the file answers ([`apply`]); an answer for a gap the draft does not have is a warning naming
//! the nearest key. The answers template (`--answers-template`) is written by
//! `render::dpia::answers`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use crate::diag::{Code, Diagnostic, FileId, Files, Sink, did_you_mean};
use crate::input::LineIndex;
use crate::results::dpia::{Answer, AnswersFile, GapRef, Section};
use crate::schema::{self, Node, defs};
use crate::tr;

/// A validated answers file.
#[derive(Debug)]
pub struct Answers {
    pub file: FileId,
    /// The file as named on the command line.
    pub name: String,
    pub sha256: String,
    pub entries: Vec<Entry>,
}

/// One `[[answer]]`.
#[derive(Debug)]
pub struct Entry {
    pub gap: String,
    /// Where the gap key is written (for a warning).
    pub gap_span: Range<usize>,
    /// 1-based line of `gap = …`.
    pub line: usize,
    pub text: String,
}

impl Answers {
    /// The name and SHA-256 for the draft's provenance.
    pub fn provenance(&self) -> AnswersFile {
        AnswersFile {
            file: self.name.clone(),
            sha256: self.sha256.clone(),
        }
    }
}

/// Reads and validates an answers file. `None` when it cannot be used: every problem is an
/// error in `sink` (TOML syntax, an unknown key, a wrong type, an empty answer, two answers for
/// one gap).
pub fn load(path: &Path, files: &mut Files, sink: &mut Sink) -> Option<Answers> {
    let src = crate::input::read(path, files, sink)?;
    let text = files.text(src.file).to_string();
    let errors_before = sink.error_count();
    let node = schema::parse_and_validate(src.file, &text, defs::ANSWERS_FILE, sink)?;
    let lines = LineIndex::new(&text);
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let list: &[Node] = node.get("answer").map_or(&[], Node::as_list);
    for a in list {
        let (Some(gap), Some(body)) = (a.get("gap"), a.get("text")) else {
            continue; // a missing field is already an error
        };
        let key = gap.as_str().unwrap_or_default().trim().to_string();
        let answer = body.as_str().unwrap_or_default();
        if answer.trim().is_empty() {
            sink.push(
                Diagnostic::error(
                    Code::AnswerEmpty,
                    tr!(
                        "het antwoord voor `{key}` is leeg",
                        "the answer for `{key}` is empty"
                    ),
                )
                .at(src.file, body.span.clone(), tr!("geen tekst", "no text"))
                .note(tr!(
                    "schrijf het antwoord, of haal dit [[answer]] weg om het punt open te laten",
                    "write the answer, or remove this [[answer]] to leave the gap open"
                )),
            );
            continue;
        }
        let line = lines.line_of(gap.span.start);
        if let Some(first) = seen.get(&key) {
            sink.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    tr!("twee antwoorden voor `{key}`", "two answers for `{key}`"),
                )
                .at(src.file, gap.span.clone(), tr!("opnieuw", "again"))
                .note(tr!(
                    "het eerste staat op regel {first}; voeg ze samen tot één antwoord",
                    "the first is on line {first}; merge them into one answer"
                )),
            );
            continue;
        }
        seen.insert(key.clone(), line);
        entries.push(Entry {
            gap: key,
            gap_span: gap.span.clone(),
            line,
            // Untrusted text: no control character reaches a report (line breaks and tabs stay).
            text: crate::text_safety::without_controls(&answer.replace("\r\n", "\n"))
                .trim_end()
                .trim_start_matches('\n')
                .to_string(),
        });
    }
    if sink.error_count() > errors_before {
        return None;
    }
    Some(Answers {
        file: src.file,
        name: src.name,
        sha256: src.sha256,
        entries,
    })
}

/// Gives every gap its stable key: the section's prefix (`s5`, `about`) and the name the
/// gap was built with (`processing.purposes`, `zoom.e2ee_enabled`, `PLAT-TELEM-01.zoom.beoordeling`).
/// Two gaps that would share a key (which the template avoids) get `-2`, `-3`, … in document
/// order.
pub fn key_gaps(sections: &mut [Section]) {
    let mut used: HashSet<String> = HashSet::new();
    for s in sections.iter_mut() {
        let prefix = s.prefix();
        for g in s.gaps_mut() {
            let base = format!("{prefix}.{}", g.key);
            let mut key = base.clone();
            let mut n = 1;
            while used.contains(&key) {
                n += 1;
                key = format!("{base}-{n}");
            }
            used.insert(key.clone());
            g.key = key;
        }
    }
}

/// Fills the gaps `answers` answers, warns (BB080) about every answer for a gap the draft does
/// not have, and lists the gaps that stay open. Returns the open gaps and how many were answered.
pub fn apply(
    sections: &mut [Section],
    answers: Option<&Answers>,
    sink: &mut Sink,
) -> (Vec<GapRef>, usize) {
    let by_key: HashMap<&str, &Entry> = answers
        .map(|a| a.entries.iter().map(|e| (e.gap.as_str(), e)).collect())
        .unwrap_or_default();
    let mut open = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    let mut keys: Vec<String> = Vec::new();
    for s in sections.iter_mut() {
        let label = s.label();
        let key = s.key.clone();
        for g in s.gaps_mut() {
            keys.push(g.key.clone());
            match (by_key.get(g.key.as_str()), answers) {
                (Some(e), Some(a)) => {
                    used.insert(e.gap.as_str());
                    g.answer = Some(Answer {
                        text: e.text.clone(),
                        file: a.name.clone(),
                        line: e.line,
                    });
                }
                _ => open.push(GapRef {
                    key: g.key.clone(),
                    section: key.clone(),
                    section_label: label.clone(),
                    what: g.what.clone(),
                    hint: g.hint.clone(),
                }),
            }
        }
    }
    let answered = used.len();
    if let Some(a) = answers {
        // A nearest key for the first few only: each is compared with every key of the draft,
        // and a hostile file may hold thousands of stale answers for a draft with many keys.
        const SUGGESTED: usize = 20;
        let stale = a.entries.iter().filter(|e| !used.contains(e.gap.as_str()));
        for (n, e) in stale.enumerate() {
            let mut d = Diagnostic::warning(
                Code::AnswerUnknownGap,
                tr!(
                    "het concept heeft geen open punt `{}`: dit antwoord wordt niet gebruikt",
                    "the draft has no gap `{}`: this answer is not used",
                    e.gap
                ),
            )
            .at(
                a.file,
                e.gap_span.clone(),
                tr!("onbekend punt", "unknown gap"),
            );
            let near = (n < SUGGESTED)
                .then(|| did_you_mean(&e.gap, keys.iter().map(String::as_str)))
                .flatten();
            match near {
                Some(near) => d = d.note(tr!("bedoelde u `{near}`?", "did you mean `{near}`?")),
                None => {
                    d = d.note(tr!(
                        "het punt is ingevuld in het organisatiebestand of bestaat niet meer; `--answers-template` toont de huidige punten",
                        "the gap was filled in the organisation file or no longer exists; `--answers-template` lists the current gaps"
                    ))
                }
            }
            sink.push(d);
        }
    }
    (open, answered)
}
