//! `man`: the manual page (roff, clap_mangen) in the language of the run: `beeldbel.1` on
//! stdout or into a file, or with `--output DIR` one page per command (`beeldbel.1`,
//! `beeldbel-check.1`, …).

use std::path::Path;

use beeldbel::diag::Sink;
use beeldbel::i18n::Lang;
use clap::Command;

use super::ExitStatus;
use crate::output::Output;

pub fn run(output: Option<&Path>, sink: &mut Sink) -> ExitStatus {
    let lang = beeldbel::i18n::lang();
    let cmd = crate::cli::unbuilt(lang, crate::cli::Use::File).disable_help_subcommand(true);
    let Some(dir) = output.filter(|p| p.is_dir()) else {
        let out = Output::new(output);
        return out.finish(out.text(&page(cmd, lang)), ExitStatus::Success, sink);
    };
    let mut pages = vec![("beeldbel.1".to_string(), page(cmd.clone(), lang))];
    let mut built = cmd;
    built.build();
    for sub in built.get_subcommands() {
        let name = format!("beeldbel-{}.1", sub.get_name());
        pages.push((name, page(sub.clone(), lang)));
    }
    for (name, text) in pages {
        let path = dir.join(name);
        let out = Output::new(Some(&path));
        let status = out.finish(out.text(&text), ExitStatus::Success, sink);
        if status != ExitStatus::Success {
            return status;
        }
    }
    ExitStatus::Success
}

/// The page of `cmd`, with the section names in `lang`. Letters outside ASCII are written as
/// roff escapes (`\[u00E9]`), so the page reads the same whatever encoding groff assumes.
fn page(cmd: Command, lang: Lang) -> String {
    let mut roff = Vec::new();
    // Writing into memory cannot fail.
    let _ = clap_mangen::Man::new(cmd)
        .source(format!("beeldbel {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff);
    let roff = String::from_utf8_lossy(&roff);
    let mut page = String::with_capacity(roff.len());
    let mut upper;
    for line in roff.lines() {
        let line = match (lang, line) {
            (Lang::En, line) => line,
            (Lang::Nl, ".SH NAME") => ".SH NAAM",
            (Lang::Nl, ".SH SYNOPSIS") => ".SH OVERZICHT",
            (Lang::Nl, ".SH DESCRIPTION") => ".SH BESCHRIJVING",
            (Lang::Nl, ".SH VERSION") => ".SH VERSIE",
            (Lang::Nl, ".SH AUTHORS") => ".SH AUTEURS",
            // The headings of the help (Opties, Grenzen, Opdrachten), in capitals like the rest.
            (Lang::Nl, line) if line.starts_with(".SH ") => {
                upper = line.to_uppercase();
                &upper
            }
            (Lang::Nl, line) => {
                // The Dutch list of possible values (`- nl: Nederlands`), one per line.
                if line.starts_with("\\- ") {
                    page.push_str(".br\n");
                }
                line
            }
        };
        for c in line.chars() {
            if c.is_ascii() {
                page.push(c);
            } else {
                page.push_str(&format!("\\[u{:04X}]", u32::from(c)));
            }
        }
        page.push('\n');
    }
    page
}
