//! The limits on what one input may hold, in one place. Real inputs stay far below them (an
//! organisation has a handful of deployments, a policy some dozens of requirements); they exist
//! so that a hostile or broken file is refused with a clear diagnostic instead of exhausting
//! memory or time. `docs/limits.md` documents each, and why it has the value it has.
//!
//! The binary sets the limits of a run once ([`set`]), from its flags and environment
//! variables; everything else reads them ([`get`]). The nesting depth of TOML is bounded by the
//! `toml` parser itself ([`TOML_DEPTH`], reported as BB001).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::diag::Code;

/// The limits of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest input file, in bytes.
    pub file_bytes: u64,
    /// The largest saved JSON report read by `report --from`, in bytes: a report beeldbel wrote
    /// itself, some 70 KiB per organisation, so a batch's report is far larger than any input.
    pub report_bytes: u64,
    /// The most `[[deployments]]` in one organisation file.
    pub deployments: u64,
    /// The most entries in any other list or table of ids in one file (requirements,
    /// waivers, `dpia.covers`, editions, sources, …).
    pub list_items: u64,
}

/// The limits when none are raised.
pub const DEFAULT: Limits = Limits {
    file_bytes: 10 * 1024 * 1024,
    report_bytes: 256 * 1024 * 1024,
    deployments: 10_000,
    list_items: 10_000,
};

/// How deep tables and arrays may nest in a TOML file: the `toml` parser's own bound (it reports
/// "max recursion depth met" or "recursion limit", BB001). Stated here to be documented and tested.
pub const TOML_DEPTH: usize = 80;

/// One limit that can be raised: how it is named, raised and reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    FileBytes,
    ReportBytes,
    Deployments,
    ListItems,
}

impl Limit {
    pub const ALL: [Limit; 4] = [
        Limit::FileBytes,
        Limit::ReportBytes,
        Limit::Deployments,
        Limit::ListItems,
    ];

    /// The command-line flag that raises it (the binary defines it under this name).
    pub fn flag(self) -> &'static str {
        match self {
            Limit::FileBytes => "--max-file-bytes",
            Limit::ReportBytes => "--max-report-bytes",
            Limit::Deployments => "--max-deployments",
            Limit::ListItems => "--max-list-items",
        }
    }

    /// The environment variable that raises it when the flag is not given.
    pub fn env(self) -> &'static str {
        match self {
            Limit::FileBytes => "BEELDBEL_MAX_FILE_BYTES",
            Limit::ReportBytes => "BEELDBEL_MAX_REPORT_BYTES",
            Limit::Deployments => "BEELDBEL_MAX_DEPLOYMENTS",
            Limit::ListItems => "BEELDBEL_MAX_LIST_ITEMS",
        }
    }

    /// The diagnostic an input over this limit gets.
    pub fn code(self) -> Code {
        match self {
            Limit::FileBytes | Limit::ReportBytes => Code::FileTooLarge,
            Limit::Deployments => Code::TooManyDeployments,
            Limit::ListItems => Code::ListTooLong,
        }
    }

    /// Its value in this run.
    pub fn value(self) -> u64 {
        let l = get();
        match self {
            Limit::FileBytes => l.file_bytes,
            Limit::ReportBytes => l.report_bytes,
            Limit::Deployments => l.deployments,
            Limit::ListItems => l.list_items,
        }
    }

    /// The note of a diagnostic for an input over this limit: how to raise it.
    pub fn how_to_raise(self) -> String {
        crate::tr!(
            "moet het bestand echt zo groot zijn, verhoog de grens dan met {} N of de omgevingsvariabele {}=N (zie docs/limits.md)",
            "if the file really must be this large, raise the limit with {} N or the environment variable {}=N (see docs/limits.md)",
            self.flag(),
            self.env()
        )
    }
}

static FILE_BYTES: AtomicU64 = AtomicU64::new(DEFAULT.file_bytes);
static REPORT_BYTES: AtomicU64 = AtomicU64::new(DEFAULT.report_bytes);
static DEPLOYMENTS: AtomicU64 = AtomicU64::new(DEFAULT.deployments);
static LIST_ITEMS: AtomicU64 = AtomicU64::new(DEFAULT.list_items);

/// Sets the limits for the rest of the run.
pub fn set(limits: Limits) {
    FILE_BYTES.store(limits.file_bytes, Ordering::Relaxed);
    REPORT_BYTES.store(limits.report_bytes, Ordering::Relaxed);
    DEPLOYMENTS.store(limits.deployments, Ordering::Relaxed);
    LIST_ITEMS.store(limits.list_items, Ordering::Relaxed);
}

/// The limits of this run.
pub fn get() -> Limits {
    Limits {
        file_bytes: FILE_BYTES.load(Ordering::Relaxed),
        report_bytes: REPORT_BYTES.load(Ordering::Relaxed),
        deployments: DEPLOYMENTS.load(Ordering::Relaxed),
        list_items: LIST_ITEMS.load(Ordering::Relaxed),
    }
}

/// A count with thousands separated as the run's language writes them: `10.000`, `10,000`.
pub fn thousands(n: u64) -> String {
    crate::i18n::grouped(n, crate::i18n::lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        // The default language is Dutch.
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10.000");
        assert_eq!(thousands(10_485_760), "10.485.760");
    }

    #[test]
    fn every_limit_has_its_own_flag_variable_and_code() {
        let flags: std::collections::HashSet<_> = Limit::ALL.iter().map(|l| l.flag()).collect();
        let envs: std::collections::HashSet<_> = Limit::ALL.iter().map(|l| l.env()).collect();
        let codes: std::collections::HashSet<_> = Limit::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(flags.len(), Limit::ALL.len());
        assert_eq!(envs.len(), Limit::ALL.len());
        // The two size limits share their diagnostic (the file is too large).
        assert_eq!(codes.len(), Limit::ALL.len() - 1);
    }
}
