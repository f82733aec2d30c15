//! Diagnostics: every problem found in an input file, with a stable code, the file, the place in
//! it and what was expected. Loaders collect them all instead of stopping at the first.
//!
//! The codes live in one enum ([`Code`]); `docs/diagnostics.md` documents each, and a test keeps
//! the two in step.

use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files as cs_files;
use codespan_reporting::term;

use crate::input::line_index::LineIndex;

/// Stable diagnostic codes. Never renumber: reports, CI pipelines and docs refer to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The file is not valid TOML.
    TomlSyntax,
    /// A key the schema does not know.
    UnknownKey,
    /// A value of the wrong type.
    WrongType,
    /// A value outside the allowed set.
    BadEnumValue,
    /// A date that is not a TOML local date.
    BadDate,
    /// Two items share an id.
    DuplicateId,
    /// A required field is missing.
    MissingField,
    /// A value of the right type but not acceptable (pattern, range).
    InvalidValue,
    /// The file is not UTF-8.
    NotUtf8,
    /// The file is empty.
    EmptyFile,
    /// The file could not be read.
    Io,
    /// A CEL expression does not compile.
    CelSyntax,
    /// A CEL expression reads a field the schema does not have.
    CelUnknownField,
    /// A CEL expression is too large or too deep.
    CelGuard,
    /// A CEL expression calls a function that is not allowed.
    CelFunction,
    /// A CEL expression uses a variable not available in its scope.
    CelVariable,
    /// A deployment names a platform or edition the catalogue lacks.
    UnknownPlatform,
    /// An attribute names a source the file does not define.
    UnknownSource,
    /// A source no attribute uses.
    UnusedSource,
    /// Two overlays give the same fact different values.
    OverlayConflict,
    /// An overlay or organisation fact equal to the fact it replaces.
    FactUnchanged,
    /// A source's local document does not have the SHA-256 it states.
    DocumentHash,
    /// A waiver names an unknown requirement.
    WaiverUnknownRequirement,
    /// A waiver names an unknown deployment.
    WaiverUnknownDeployment,
    /// A waiver has expired.
    WaiverExpired,
    /// A waiver matched no failing or unknown outcome.
    WaiverUnused,
    /// No organisation files were found.
    NoInput,
    /// A file whose kind (policy, platform, organisation) cannot be told.
    UnknownFileKind,
    /// A command-line value that cannot be used.
    BadArgument,
    /// An id or name asked for does not exist.
    NotFound,
    /// A saved report that is not a beeldbel JSON report of this schema version.
    BadReport,
    /// An input file larger than the file-size limit.
    FileTooLarge,
    /// An input named that is not a regular file (a folder, FIFO, device or socket).
    NotAFile,
    /// An organisation file with more deployments than the limit.
    TooManyDeployments,
    /// A list or table of ids longer than the limit.
    ListTooLong,
    /// `--output` names one of the command's input files.
    OutputIsInput,
    /// `platforms --export` would replace files that exist (without `--force`).
    OutputExists,
    /// A binary format (docx, odt) asked for on a terminal, without `--output`.
    BinaryOnTerminal,
    /// More diagnostics than are shown.
    TooManyDiagnostics,
    /// `advise --interactive` without a terminal to ask on.
    InteractiveNeedsTerminal,
    /// `advise --interactive`: the answers could not be read from the terminal.
    InteractiveInput,
    /// An answer in a DPIA answers file for a gap the draft no longer has.
    AnswerUnknownGap,
    /// An answer in a DPIA answers file with no text.
    AnswerEmpty,
    /// `diff` of two reports of different organisations.
    DiffOtherOrganisation,
    /// `diff` of batch reports whose organisations cannot be paired by name.
    DiffUnmatched,
    /// `diff` of two reports of different `schema_version`s.
    DiffSchemaVersion,
    /// A remote source could not be fetched (connection, TLS, certificate, time or size limit, redirect).
    RemoteFetch,
    /// A remote source answered an HTTP status other than 200.
    RemoteStatus,
    /// A remote source sent an HTML page instead of a TOML file.
    RemoteNotToml,
    /// A remote source's SHA-256 differs from its pin or lock entry.
    RemoteHash,
    /// `--offline` and a remote source without a pin, or not in the cache.
    RemoteOffline,
    /// A remote source's URL or pin cannot be used (not https, malformed).
    RemoteUrl,
    /// The lock file cannot be read, parsed or written.
    LockFile,
    /// The `--ca-file` (or `SSL_CERT_FILE`) cannot be used.
    CaFile,
    /// A fetched source could not be stored in the cache.
    RemoteCache,
    /// `probe`: the server could not be probed (not https://, unreachable, an unusable CA file).
    ProbeFailed,
    /// `probe --facts-out`: no platform was recognised, so there is no overlay to write.
    ProbeNoPlatform,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: &'static [Code] = &[
        Code::TomlSyntax,
        Code::UnknownKey,
        Code::WrongType,
        Code::BadEnumValue,
        Code::BadDate,
        Code::DuplicateId,
        Code::MissingField,
        Code::InvalidValue,
        Code::NotUtf8,
        Code::EmptyFile,
        Code::Io,
        Code::CelSyntax,
        Code::CelUnknownField,
        Code::CelGuard,
        Code::CelFunction,
        Code::CelVariable,
        Code::UnknownPlatform,
        Code::UnknownSource,
        Code::UnusedSource,
        Code::OverlayConflict,
        Code::FactUnchanged,
        Code::DocumentHash,
        Code::WaiverUnknownRequirement,
        Code::WaiverUnknownDeployment,
        Code::WaiverExpired,
        Code::WaiverUnused,
        Code::NoInput,
        Code::UnknownFileKind,
        Code::BadArgument,
        Code::NotFound,
        Code::BadReport,
        Code::FileTooLarge,
        Code::NotAFile,
        Code::TooManyDeployments,
        Code::ListTooLong,
        Code::OutputIsInput,
        Code::TooManyDiagnostics,
        Code::OutputExists,
        Code::BinaryOnTerminal,
        Code::InteractiveNeedsTerminal,
        Code::InteractiveInput,
        Code::AnswerUnknownGap,
        Code::AnswerEmpty,
        Code::DiffOtherOrganisation,
        Code::DiffUnmatched,
        Code::DiffSchemaVersion,
        Code::RemoteFetch,
        Code::RemoteStatus,
        Code::RemoteNotToml,
        Code::RemoteHash,
        Code::RemoteOffline,
        Code::RemoteUrl,
        Code::LockFile,
        Code::CaFile,
        Code::RemoteCache,
        Code::ProbeFailed,
        Code::ProbeNoPlatform,
    ];

    /// The stable identifier, e.g. `BB002`.
    pub fn id(self) -> &'static str {
        match self {
            Code::TomlSyntax => "BB001",
            Code::UnknownKey => "BB002",
            Code::WrongType => "BB003",
            Code::BadEnumValue => "BB004",
            Code::BadDate => "BB005",
            Code::DuplicateId => "BB006",
            Code::MissingField => "BB007",
            Code::InvalidValue => "BB008",
            Code::NotUtf8 => "BB009",
            Code::EmptyFile => "BB010",
            Code::Io => "BB011",
            Code::CelSyntax => "BB020",
            Code::CelUnknownField => "BB021",
            Code::CelGuard => "BB022",
            Code::CelFunction => "BB023",
            Code::CelVariable => "BB024",
            Code::UnknownPlatform => "BB030",
            Code::UnknownSource => "BB031",
            Code::UnusedSource => "BB032",
            Code::OverlayConflict => "BB033",
            Code::FactUnchanged => "BB034",
            Code::DocumentHash => "BB035",
            Code::WaiverUnknownRequirement => "BB040",
            Code::WaiverUnknownDeployment => "BB041",
            Code::WaiverExpired => "BB042",
            Code::WaiverUnused => "BB043",
            Code::NoInput => "BB050",
            Code::UnknownFileKind => "BB051",
            Code::BadArgument => "BB052",
            Code::NotFound => "BB053",
            Code::BadReport => "BB054",
            Code::FileTooLarge => "BB070",
            Code::NotAFile => "BB071",
            Code::TooManyDeployments => "BB072",
            Code::ListTooLong => "BB073",
            Code::OutputIsInput => "BB074",
            Code::OutputExists => "BB076",
            Code::BinaryOnTerminal => "BB085",
            Code::DiffOtherOrganisation => "BB095",
            Code::DiffUnmatched => "BB096",
            Code::DiffSchemaVersion => "BB097",
            Code::TooManyDiagnostics => "BB075",
            Code::InteractiveNeedsTerminal => "BB090",
            Code::InteractiveInput => "BB091",
            Code::AnswerUnknownGap => "BB080",
            Code::AnswerEmpty => "BB081",
            Code::RemoteFetch => "BB110",
            Code::RemoteStatus => "BB111",
            Code::RemoteNotToml => "BB112",
            Code::RemoteHash => "BB113",
            Code::RemoteOffline => "BB114",
            Code::RemoteUrl => "BB115",
            Code::LockFile => "BB116",
            Code::CaFile => "BB117",
            Code::RemoteCache => "BB118",
            Code::ProbeFailed => "BB120",
            Code::ProbeNoPlatform => "BB121",
        }
    }

    /// A short kebab-case name, e.g. `unknown-key`.
    pub fn name(self) -> &'static str {
        match self {
            Code::TomlSyntax => "toml-syntax",
            Code::UnknownKey => "unknown-key",
            Code::WrongType => "wrong-type",
            Code::BadEnumValue => "bad-enum-value",
            Code::BadDate => "bad-date",
            Code::DuplicateId => "duplicate-id",
            Code::MissingField => "missing-field",
            Code::InvalidValue => "invalid-value",
            Code::NotUtf8 => "not-utf8",
            Code::EmptyFile => "empty-file",
            Code::Io => "io",
            Code::CelSyntax => "cel-syntax",
            Code::CelUnknownField => "cel-unknown-field",
            Code::CelGuard => "cel-guard",
            Code::CelFunction => "cel-function",
            Code::CelVariable => "cel-variable",
            Code::UnknownPlatform => "unknown-platform",
            Code::UnknownSource => "unknown-source",
            Code::UnusedSource => "unused-source",
            Code::OverlayConflict => "overlay-conflict",
            Code::FactUnchanged => "fact-unchanged",
            Code::DocumentHash => "document-hash",
            Code::WaiverUnknownRequirement => "waiver-unknown-requirement",
            Code::WaiverUnknownDeployment => "waiver-unknown-deployment",
            Code::WaiverExpired => "waiver-expired",
            Code::WaiverUnused => "waiver-unused",
            Code::NoInput => "no-input",
            Code::UnknownFileKind => "unknown-file-kind",
            Code::BadArgument => "bad-argument",
            Code::NotFound => "not-found",
            Code::BadReport => "bad-report",
            Code::FileTooLarge => "file-too-large",
            Code::NotAFile => "not-a-file",
            Code::TooManyDeployments => "too-many-deployments",
            Code::ListTooLong => "list-too-long",
            Code::OutputIsInput => "output-is-input",
            Code::OutputExists => "output-exists",
            Code::BinaryOnTerminal => "binary-on-terminal",
            Code::DiffOtherOrganisation => "diff-other-organisation",
            Code::DiffUnmatched => "diff-unmatched",
            Code::DiffSchemaVersion => "diff-schema-version",
            Code::TooManyDiagnostics => "too-many-diagnostics",
            Code::InteractiveNeedsTerminal => "interactive-needs-terminal",
            Code::InteractiveInput => "interactive-input",
            Code::AnswerUnknownGap => "answer-unknown-gap",
            Code::AnswerEmpty => "answer-empty",
            Code::RemoteFetch => "remote-fetch",
            Code::RemoteStatus => "remote-status",
            Code::RemoteNotToml => "remote-not-toml",
            Code::RemoteHash => "remote-hash",
            Code::RemoteOffline => "remote-offline",
            Code::RemoteUrl => "remote-url",
            Code::LockFile => "lock-file",
            Code::CaFile => "ca-file",
            Code::RemoteCache => "remote-cache",
            Code::ProbeFailed => "probe-failed",
            Code::ProbeNoPlatform => "probe-no-platform",
        }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The input cannot be used (exit 2).
    Error,
    /// Shown, but the run goes on.
    Warning,
}

/// Index of a file in [`Files`].
pub type FileId = usize;

/// One file diagnostics can point into: its name, its text and where its lines start.
struct File {
    name: String,
    text: String,
    lines: LineIndex,
}

/// The files diagnostics can point into. Each file's lines are indexed once, when it is added.
#[derive(Default)]
pub struct Files {
    files: Vec<File>,
}

impl Files {
    /// Adds a file under its display name and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        self.files.push(File {
            name: name.into(),
            lines: LineIndex::new(&text),
            text,
        });
        self.files.len() - 1
    }

    /// Moves every file of `other` into this set; returns the offset to add to `other`'s ids.
    pub fn absorb(&mut self, other: Files) -> FileId {
        let offset = self.len();
        self.files.extend(other.files);
        offset
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        self.files.get(id).map_or("", |f| f.text.as_str())
    }

    /// The display name of a file.
    pub fn name(&self, id: FileId) -> &str {
        self.files.get(id).map_or("", |f| f.name.as_str())
    }

    /// Where the lines of a file start (`None` for an unknown id).
    pub fn lines(&self, id: FileId) -> Option<&LineIndex> {
        self.files.get(id).map(|f| &f.lines)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        match self.files.get(id) {
            Some(f) => f.lines.line_col(&f.text, offset),
            None => (1, 1),
        }
    }

    fn file(&self, id: FileId) -> Result<&File, cs_files::Error> {
        self.files.get(id).ok_or(cs_files::Error::FileMissing)
    }
}

/// Lets codespan render snippets from the same line index.
impl<'a> cs_files::Files<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(&self.file(id)?.name)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(&self.file(id)?.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, cs_files::Error> {
        Ok(self.file(id)?.lines.line_of(byte_index) - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, cs_files::Error> {
        let lines = &self.file(id)?.lines;
        lines
            .line_range(line_index + 1)
            .ok_or(cs_files::Error::LineTooLarge {
                given: line_index,
                max: lines.line_count().saturating_sub(1),
            })
    }
}

/// One problem in an input.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: Code,
    pub level: Level,
    pub message: String,
    /// Where: a file and a byte range in it.
    pub at: Option<(FileId, Range<usize>)>,
    /// The label under the caret.
    pub label: String,
    /// Further lines: expected values, suggestions.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Error,
            message: message.into(),
            at: None,
            label: String::new(),
            notes: Vec::new(),
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, file: FileId, span: Range<usize>, label: impl Into<String>) -> Self {
        self.at = Some((file, span));
        self.label = label.into();
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds "did you mean \"…\"?" when a candidate is near `word`.
    pub fn suggest<'a>(self, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(word, candidates) {
            Some(s) => self.note(crate::tr!("bedoelde u \"{s}\"?", "did you mean \"{s}\"?")),
            None => self,
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// Renders like a compiler: `error[BB002]: …` with the file, line, column and a caret.
    pub fn render(&self, files: &Files) -> String {
        let head = match self.level {
            Level::Error => cs::Diagnostic::error(),
            Level::Warning => cs::Diagnostic::warning(),
        };
        let mut d = head
            .with_code(self.code.id())
            .with_message(format!("{} [{}]", self.message, self.code.name()))
            .with_notes(self.notes.clone());
        if let Some((file, span)) = &self.at {
            let len = files.text(*file).len();
            let start = span.start.min(len);
            let end = span.end.clamp(start, len);
            d = d.with_labels(vec![
                cs::Label::primary(*file, start..end).with_message(self.label.clone()),
            ]);
        }
        let config = term::Config::default();
        // A label on a very long line (a 10 MiB file can be one line) shows a window of that
        // line around the caret, not the whole line, at the line's real number and column.
        let excerpt = self
            .at
            .as_ref()
            .and_then(|(file, span)| Excerpt::of(files, *file, span));
        let emitted = match &excerpt {
            Some(x) => {
                let mut d = d;
                for label in &mut d.labels {
                    label.range = x.shift(&label.range);
                }
                term::emit_into_string(&config, x, &d)
            }
            None => term::emit_into_string(&config, files, &d),
        };
        let text = emitted.unwrap_or_else(|_| {
            format!(
                "{}[{}]: {}\n",
                level_word(self.level),
                self.code.id(),
                self.message
            )
        });
        // File names, keys, values and source lines come from the user: no escape sequence or
        // bell of theirs reaches the terminal (reports neutralise them the same way).
        crate::text_safety::for_terminal(&text).into_owned()
    }
}

/// The longest source line a diagnostic shows whole, in bytes; a longer one is shown as a
/// window of [`EXCERPT_CONTEXT`] bytes either side of the caret, cut with `…`.
const LONG_LINE: usize = 240;
const EXCERPT_CONTEXT: usize = 80;

/// A window of one long line, standing in for the file when codespan renders a diagnostic: its
/// text is the window, its line number and columns those of the real file.
struct Excerpt<'a> {
    files: &'a Files,
    text: String,
    /// Where the window starts in the real file, and how many bytes of `…` precede it.
    start: usize,
    prefix: usize,
    line: usize,
}

impl<'a> Excerpt<'a> {
    /// The window for a label at `span`, when its line is longer than [`LONG_LINE`].
    fn of(files: &'a Files, file: FileId, span: &Range<usize>) -> Option<Self> {
        let text = files.text(file);
        let lines = files.lines(file)?;
        let at = span.start.min(text.len());
        let line = lines.line_of(at);
        let range = lines.line_range(line)?;
        if range.len() <= LONG_LINE {
            return None;
        }
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(at.saturating_sub(EXCERPT_CONTEXT).max(range.start));
        let caret_end = span.end.clamp(at, at + EXCERPT_CONTEXT).min(range.end);
        let end = floor((caret_end + EXCERPT_CONTEXT).min(range.end));
        let (head, tail) = (
            if start > range.start { "…" } else { "" },
            if end < range.end { "…" } else { "" },
        );
        Some(Excerpt {
            files,
            text: format!("{head}{}{tail}", &text[start..end]),
            start,
            prefix: head.len(),
            line,
        })
    }

    /// A range of the real file as a range of the window (clamped to it).
    fn shift(&self, r: &Range<usize>) -> Range<usize> {
        let body = self.text.len() - self.prefix;
        let map = |i: usize| self.prefix + i.saturating_sub(self.start).min(body);
        let body_end = self.text.len()
            - if self.text.ends_with('…') {
                '…'.len_utf8()
            } else {
                0
            };
        let end = map(r.end).min(body_end);
        let start = map(r.start).min(end);
        start..end
    }
}

impl<'a> cs_files::Files<'a> for Excerpt<'a> {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(self.files.file(id)?.name.as_str())
    }

    fn source(&'a self, _: FileId) -> Result<&'a str, cs_files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: FileId, _: usize) -> Result<usize, cs_files::Error> {
        Ok(0)
    }

    fn line_number(&'a self, _: FileId, _: usize) -> Result<usize, cs_files::Error> {
        Ok(self.line)
    }

    fn column_number(
        &'a self,
        id: FileId,
        _: usize,
        byte_index: usize,
    ) -> Result<usize, cs_files::Error> {
        let real = self.start + byte_index.saturating_sub(self.prefix);
        Ok(self.files.line_col(id, real).1)
    }

    fn line_range(&'a self, _: FileId, _: usize) -> Result<Range<usize>, cs_files::Error> {
        Ok(0..self.text.len())
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

/// The most diagnostics kept in one run. A hostile file can hold a million unknown keys; past
/// this many, diagnostics are counted (errors still make the run fail) but not kept, and one
/// warning ([`Code::TooManyDiagnostics`]) says how many were left out.
pub const MAX_KEPT: usize = 1_000;

/// Collects diagnostics while loading (at most [`MAX_KEPT`]; the rest are counted).
#[derive(Default, Debug)]
pub struct Sink {
    pub items: Vec<Diagnostic>,
    /// Diagnostics left out once [`MAX_KEPT`] were kept.
    dropped: usize,
    /// How many of those were errors.
    dropped_errors: usize,
}

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.push_mut(d);
    }

    /// Pushes `d` and returns it to add to, or `None` when it was left out (over [`MAX_KEPT`]).
    pub fn push_mut(&mut self, d: Diagnostic) -> Option<&mut Diagnostic> {
        if self.items.len() >= MAX_KEPT {
            self.dropped += 1;
            self.dropped_errors += usize::from(d.is_error());
            return None;
        }
        self.items.push(d);
        self.items.last_mut()
    }

    pub fn has_errors(&self) -> bool {
        self.dropped_errors > 0 || self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of errors, those left out included.
    pub fn error_count(&self) -> usize {
        self.dropped_errors + self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Keeps no more diagnostics: any further one is only counted.
    pub fn is_full(&self) -> bool {
        self.items.len() >= MAX_KEPT
    }

    /// Holds no diagnostic (kept or left out).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.dropped == 0
    }

    /// The number of diagnostics left out (over [`MAX_KEPT`]).
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    pub fn extend(&mut self, other: Sink) {
        self.absorb(other, 0);
    }

    /// Takes over `other`'s diagnostics, whose file ids are shifted by `offset` (see
    /// [`Files::absorb`]).
    pub fn absorb(&mut self, other: Sink, offset: FileId) {
        self.dropped += other.dropped;
        self.dropped_errors += other.dropped_errors;
        for mut d in other.items {
            if let Some((f, _)) = &mut d.at {
                *f += offset;
            }
            self.push(d);
        }
    }
}

/// The nearest candidate to `word` (Jaro-Winkler similarity ≥ 0.8), for "did you mean".
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let names: HashSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn a_sink_keeps_the_first_diagnostics_and_counts_the_rest() {
        let mut sink = Sink::default();
        for _ in 0..MAX_KEPT {
            sink.push(Diagnostic::warning(Code::UnusedSource, "w"));
        }
        assert!(!sink.has_errors());
        // Over the cap: left out, but an error still counts.
        assert!(
            sink.push_mut(Diagnostic::error(Code::UnknownKey, "e"))
                .is_none()
        );
        assert_eq!(sink.items.len(), MAX_KEPT);
        assert!(sink.has_errors());
        assert_eq!((sink.error_count(), sink.dropped()), (1, 1));
        let mut all = Sink::default();
        all.push(Diagnostic::error(Code::Io, "first"));
        all.absorb(sink, 3);
        assert_eq!(all.items.len(), MAX_KEPT);
        assert_eq!((all.error_count(), all.dropped()), (2, 2));
        assert_eq!(all.items[0].message, "first");
    }

    #[test]
    fn rendering_replaces_control_characters_from_the_input() {
        let mut files = Files::default();
        let file = files.add("a\x07b.toml", "key = \"\x1b[31m\"\r\n");
        let d = Diagnostic::error(Code::UnknownKey, "unknown key `k\x1b]0;t\x07`")
            .at(file, 0..3, "label \x1b[2J")
            .note("note \x07");
        let shown = d.render(&files);
        assert!(!shown.contains(['\x1b', '\x07', '\r']), "{shown:?}");
        assert!(shown.contains("a\u{FFFD}b.toml") && shown.contains("k\u{FFFD}]0;t\u{FFFD}"));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_at_its_real_line_and_column() {
        let mut files = Files::default();
        // Line 2 is 100,000 entries long; the caret is on "bad", some 600 kB into it.
        let long: String = (0..100_000).map(|i| format!("\"d{i}\", ")).collect();
        let text = format!("[processing]\npurposes = [{long}\"bad\"]\nx = 1\n");
        let at = text.find("\"bad\"").unwrap();
        let file = files.add("groot.toml", text.clone());
        let d = Diagnostic::error(Code::UnknownKey, "x").at(file, at..at + 5, "hier");
        let shown = d.render(&files);
        assert!(shown.len() < 1_000, "{} bytes:\n{shown}", shown.len());
        let column = at - text.find("purposes").unwrap() + 1;
        assert!(shown.contains(&format!("groot.toml:2:{column}")), "{shown}");
        assert!(
            shown.contains("│ …\"d99") && shown.contains("\"d99999\", \"bad\"]"),
            "{shown}"
        );
        assert!(shown.contains("^^^^^ hier"), "{shown}");
        assert!(shown.contains("2 │"), "{shown}");
        // A caret at the start of the line: no `…` before it.
        let d = Diagnostic::error(Code::UnknownKey, "x").at(file, 13..21, "hier");
        let shown = d.render(&files);
        assert!(
            shown.contains("groot.toml:2:1") && shown.contains("│ purposes = [\"d0\""),
            "{shown}"
        );
        assert!(shown.len() < 1_000);
        // A short line is shown whole, as before.
        let d = Diagnostic::error(Code::UnknownKey, "x").at(
            file,
            text.len() - 6..text.len() - 5,
            "hier",
        );
        assert!(d.render(&files).contains("3 │ x = 1"));
    }

    #[test]
    fn suggests_nearest() {
        assert_eq!(did_you_mean("e2e", ["e2ee", "status"]), Some("e2ee"));
        assert_eq!(did_you_mean("zzz", ["e2ee", "status"]), None);
    }
}
