//! Where a command's output goes: stdout, or a file written atomically (a temporary file in the
//! same folder, renamed into place), so a reader never sees a half-written report. How a failure
//! to render or write becomes an exit status is decided here, once.

use std::io::Write;
use std::path::Path;

use beeldbel::diag::{Code, Diagnostic, Sink};
use beeldbel::i18n::tr;
use beeldbel::render::RenderError;
use beeldbel::tr;

use crate::commands::ExitStatus;

/// stdout, or a file.
#[derive(Clone, Copy, Debug)]
pub struct Output<'a> {
    path: Option<&'a Path>,
}

impl<'a> Output<'a> {
    /// `--output FILE`, or stdout when absent.
    pub fn new(path: Option<&'a Path>) -> Self {
        Output { path }
    }

    pub fn stdout() -> Self {
        Output { path: None }
    }

    /// Refuses a binary format (docx, odt) whose output would go to a terminal: says so (BB085)
    /// and returns `true`; the command then stops with exit 2 before writing anything.
    pub fn refuse_binary_on_terminal(self, binary: bool, format: &str, sink: &mut Sink) -> bool {
        use std::io::IsTerminal;
        if !binary || self.path.is_some() || !std::io::stdout().is_terminal() {
            return false;
        }
        sink.push(
            Diagnostic::error(
                Code::BinaryOnTerminal,
                tr!(
                    "`--format {format}` maakt een binair document; dat hoort niet op de terminal",
                    "`--format {format}` makes a binary document, not for a terminal"
                ),
            )
            .note(tr!(
                "schrijf het naar een bestand met `--output rapport.{format}`",
                "write it to a file with `--output report.{format}`"
            )),
        );
        true
    }

    /// Writes what `write` produces (through a buffer). A closed pipe on stdout is not an error
    /// (`beeldbel check … | head`).
    pub fn write(
        self,
        write: impl FnOnce(&mut dyn Write) -> Result<(), RenderError>,
    ) -> Result<(), RenderError> {
        match self.path {
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                match write(&mut out).and_then(|()| Ok(out.flush()?)) {
                    Err(RenderError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    r => r,
                }
            }
            Some(p) => {
                let dir = p
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                // Created like any new file (0666 less the umask, so usually 0644): a report
                // on a shared folder is readable by colleagues, as `>` would have made it.
                // (A temporary file is otherwise created 0600.)
                let mut builder = tempfile::Builder::new();
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o666));
                }
                let tmp = builder.tempfile_in(dir)?;
                let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp);
                write(&mut out)?;
                out.flush()?;
                let tmp = out.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                tmp.persist(p).map_err(|e| e.error)?;
                Ok(())
            }
        }
    }

    /// Writes a text that is already whole.
    pub fn text(self, text: &str) -> Result<(), RenderError> {
        self.write(|w| Ok(w.write_all(text.as_bytes())?))
    }

    /// The exit status of a command that wrote its output: `ok` when it was written. Writing
    /// that failed is exit 2 with a diagnostic naming the file; a renderer that failed is a bug
    /// in beeldbel: exit 3, said on stderr, and nothing half-written is left behind.
    pub fn finish(
        self,
        written: Result<(), RenderError>,
        ok: ExitStatus,
        sink: &mut Sink,
    ) -> ExitStatus {
        match written {
            Ok(()) => ok,
            Err(RenderError::Io(e)) => {
                let target = self
                    .path
                    .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
                sink.push(Diagnostic::error(
                    Code::Io,
                    tr!(
                        "kan `{target}` niet schrijven: {e}",
                        "cannot write `{target}`: {e}"
                    ),
                ));
                ExitStatus::InputError
            }
            Err(e) => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "{}: {e}\n{}",
                    tr("interne fout", "internal error"),
                    tr(
                        "dit is een fout in beeldbel, niet in de invoer; meld het met de opdracht en de invoerbestanden",
                        "this is a bug in beeldbel, not in the input; please report it with the command and the input files",
                    )
                );
                ExitStatus::Internal
            }
        }
    }
}
