//! Output language: Dutch by default, English with `--lang en`.
//!
//! The language is chosen once per run (in `main`) and read where words are produced, so that
//! diagnostics and reports need not thread it through every call.

use std::sync::atomic::{AtomicU8, Ordering};

/// A language the tool speaks.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Nederlands (default)
    #[default]
    Nl,
    /// English
    En,
}

crate::choice!(Lang { Nl = "nl" "Nederlands (default)", En = "en" "English" });

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language for the rest of the run.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language of this run.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Nl,
    }
}

/// Picks the Dutch or English text for this run.
pub fn tr<'a>(nl: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// `tr!("… {x} …", "… {x} …")`: a formatted Dutch/English pair.
#[macro_export]
macro_rules! tr {
    ($nl:literal, $en:literal $(,)?) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::Nl => format!($nl),
            $crate::i18n::Lang::En => format!($en),
        }
    };
    ($nl:literal, $en:literal, $($args:tt)+) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::Nl => format!($nl, $($args)+),
            $crate::i18n::Lang::En => format!($en, $($args)+),
        }
    };
}
