//! Output language: Dutch by default, English with `--lang en`.
//!
//! Results hold texts in both languages ([`Text`]); renderers and diagnostics pick the language of
//! the run, chosen once (in `main`), when they write. A saved JSON report therefore renders fully
//! in whatever `--lang` asks for later.

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

/// A text in Dutch and English. Results keep both; the renderer picks one.
///
/// In JSON it is `{"nl": "…", "en": "…"}`. A plain string (a report of `schema_version` 1, whose
/// texts were frozen in one language) reads as that string in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    /// The same words in both languages (a name, an id, a user's own text).
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            nl: s.clone(),
            en: s,
        }
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// The text in this run's language.
    pub fn get(&self) -> &str {
        self.in_lang(lang())
    }

    /// Both languages changed by `f` (e.g. to append a clause).
    pub fn map(&self, mut f: impl FnMut(Lang, &str) -> String) -> Text {
        Text {
            nl: f(Lang::Nl, &self.nl),
            en: f(Lang::En, &self.en),
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.get())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Either {
            Both { nl: String, en: String },
            One(String),
        }
        Ok(match Either::deserialize(d)? {
            Either::Both { nl, en } => Text { nl, en },
            Either::One(s) => Text::same(s),
        })
    }
}

/// `both!("… {x} …", "… {x} …")`: a formatted Dutch/English pair kept as a [`Text`], for results
/// that are rendered later in either language.
#[macro_export]
macro_rules! both {
    ($nl:literal, $en:literal $(,)?) => {
        $crate::i18n::Text { nl: format!($nl), en: format!($en) }
    };
    ($nl:literal, $en:literal, $($args:tt)+) => {
        $crate::i18n::Text { nl: format!($nl, $($args)+), en: format!($en, $($args)+) }
    };
}

/// A count with its thousands grouped as `lang` writes them: `10.000` in Dutch, `10,000` in
/// English.
pub fn grouped(n: u64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}
