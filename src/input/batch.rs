//! Many files at once: the files named on the command line (folders give their `*.toml` files),
//! each read and processed on a worker thread with its own [`Files`] and [`Sink`], then merged
//! back in command-line order — so diagnostics and reports come out the same however the work
//! was scheduled. A progress bar appears on stderr when a batch runs longer than a second on a
//! terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic, Files, Sink};
use crate::i18n::tr;

/// One file to process.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    /// Found in a folder (rather than named): files of another kind are skipped, not errors.
    pub from_folder: bool,
}

/// The files named in `args`; a folder gives its `*.toml` files (not recursive), sorted.
pub fn expand(args: &[PathBuf], sink: &mut Sink) -> Vec<Entry> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            out.extend(toml_files_in(a, sink).into_iter().map(|path| Entry {
                path,
                from_folder: true,
            }));
        } else {
            out.push(Entry {
                path: a.clone(),
                from_folder: false,
            });
        }
    }
    out
}

/// The `*.toml` files directly in a folder, sorted.
pub fn toml_files_in(dir: &Path, sink: &mut Sink) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
                .collect();
            v.sort();
            v
        }
        Err(e) => {
            sink.push(Diagnostic::error(
                Code::Io,
                crate::tr!(
                    "kan map `{}` niet lezen: {e}",
                    "cannot read folder `{}`: {e}",
                    dir.display()
                ),
            ));
            vec![]
        }
    }
}

/// What processing one file gave: its result (if any) and its diagnostics.
struct Done<T> {
    files: Files,
    sink: Sink,
    result: Option<T>,
}

/// Entries processed in parallel per step: what one step's results hold at a time.
pub const CHUNK: usize = 128;

/// Runs `work` on every entry in parallel. Each call gets fresh [`Files`] and [`Sink`]; they
/// are merged into `files` and `sink` in entry order. Results keep the entry order; `None`
/// (skipped or failed) entries are left out. `progress`: allow the progress bar (not with `-q`).
pub fn run<T, F>(
    entries: &[Entry],
    progress: bool,
    files: &mut Files,
    sink: &mut Sink,
    work: F,
) -> Vec<T>
where
    T: Send,
    F: Fn(&Entry, &mut Files, &mut Sink) -> Option<T> + Sync,
{
    let mut out = Vec::new();
    run_chunked(entries, progress, files, sink, work, |results, _| {
        out.extend(results)
    });
    out
}

/// Runs `work` on every entry, [`CHUNK`] entries at a time in parallel, and hands each chunk's
/// results to `each` in entry order (with the diagnostics so far merged into `sink`), so that a
/// batch of any size holds one chunk of results at a time. A file's text is kept (in `files`)
/// only when a diagnostic that is kept points into it: memory stays bounded by [`MAX_KEPT`]
/// files however many have warnings.
///
/// [`MAX_KEPT`]: crate::diag::MAX_KEPT
pub fn run_chunked<T, F, E>(
    entries: &[Entry],
    progress: bool,
    files: &mut Files,
    sink: &mut Sink,
    work: F,
    mut each: E,
) where
    T: Send,
    F: Fn(&Entry, &mut Files, &mut Sink) -> Option<T> + Sync,
    E: FnMut(Vec<T>, &mut Sink),
{
    let progress = Progress::new(entries.len(), progress);
    for chunk in entries.chunks(CHUNK) {
        let done: Vec<Done<T>> = chunk
            .par_iter()
            .map(|e| {
                let mut f = Files::default();
                let mut s = Sink::default();
                let result = work(e, &mut f, &mut s);
                progress.tick();
                Done {
                    files: f,
                    sink: s,
                    result,
                }
            })
            .collect();
        let mut results = Vec::with_capacity(done.len());
        for d in done {
            if sink.is_full() {
                // Only counted from here on: the file ids do not matter.
                sink.absorb(d.sink, 0);
            } else if !d.sink.is_empty() {
                let offset = files.absorb(d.files);
                sink.absorb(d.sink, offset);
            }
            results.extend(d.result);
        }
        each(results, sink);
    }
    progress.finish();
}

/// A progress bar on stderr, shown only on a terminal and only once a batch has run for more
/// than a second (short runs stay quiet).
struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    fn new(len: usize, allowed: bool) -> Progress {
        let enabled = allowed && len > 1 && std::io::stderr().is_terminal();
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(len as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({eta})")
        {
            bar.set_style(style);
        }
        bar.set_message(tr("bestanden", "files"));
        Progress {
            bar,
            started: Instant::now(),
            enabled,
            shown: AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        self.bar.inc(1);
        if self.enabled
            && self.started.elapsed() > Duration::from_secs(1)
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
