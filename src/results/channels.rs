//! The list of `beeldbel channels` as data: every platform edition with its [`Rating`], the
//! conditions, reasons and missing facts behind it, and the provenance of the whole list.
//! `engine::channels` fills it in; every renderer of `render::channels` reads it; `--format
//! json` prints it as it is ([`SCHEMA_VERSION`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, tr};
use crate::model::policy::{Scope, Severity};
use crate::results::report::{CatalogueInfo, Evidence, PolicyInfo, State, Tool};

/// The version of the JSON form of the list (`--format json`).
pub const SCHEMA_VERSION: u32 = 2;

/// The versions of the JSON form `--previous` reads: version 1 has the same editions, ratings
/// and facts, without the plain-language texts and measures of version 2.
pub const READABLE_VERSIONS: [u32; 2] = [1, 2];

/// How an edition is rated, best first (the order of the list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Every high/medium requirement passes with the settings the edition ships with.
    Acceptable,
    /// Every high/medium requirement passes, but only with settings changed (the conditions).
    AcceptableWithConditions,
    /// No high/medium requirement fails under the protective settings, but some cannot be
    /// decided: the catalogue lacks facts.
    Undetermined,
    /// A high/medium requirement fails even under the most protective settings, or the service
    /// is retired.
    NotAcceptable,
}

impl Rating {
    pub const ALL: [Rating; 4] = [
        Rating::Acceptable,
        Rating::AcceptableWithConditions,
        Rating::Undetermined,
        Rating::NotAcceptable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Acceptable => "acceptable",
            Rating::AcceptableWithConditions => "acceptable_with_conditions",
            Rating::Undetermined => "undetermined",
            Rating::NotAcceptable => "not_acceptable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Acceptable => tr("acceptabel", "acceptable"),
            Rating::AcceptableWithConditions => {
                tr("acceptabel onder voorwaarden", "acceptable with conditions")
            }
            Rating::Undetermined => tr("niet te beoordelen", "cannot be rated"),
            Rating::NotAcceptable => tr("niet acceptabel", "not acceptable"),
        }
    }

    /// A symbol that survives black-and-white printing.
    pub fn symbol(self) -> &'static str {
        match self {
            Rating::Acceptable => "✓",
            Rating::AcceptableWithConditions => "~",
            Rating::Undetermined => "?",
            Rating::NotAcceptable => "✗",
        }
    }
}

/// `--only`: the lowest rating to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Only editions rated acceptabel
    Acceptable,
    /// Acceptabel and acceptabel onder voorwaarden
    Conditional,
}

crate::choice!(Only {
    Acceptable = "acceptable" "Only editions rated acceptabel",
    Conditional = "conditional" "Acceptabel and acceptabel onder voorwaarden",
});

impl Only {
    /// The lowest rating this filter shows.
    pub fn lowest(self) -> Rating {
        match self {
            Only::Acceptable => Rating::Acceptable,
            Only::Conditional => Rating::AcceptableWithConditions,
        }
    }
}

/// A value of a deployment field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Text(String),
    Date(NaiveDate),
}

impl Value {
    /// The value as a report shows it.
    pub fn display(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => format!("\"{s}\""),
            Value::Date(d) => d.to_string(),
        }
    }
}

/// The list of channels: what `--format json` prints, and what every format renders.
#[derive(Debug, Serialize)]
pub struct ChannelsReport {
    pub schema_version: u32,
    pub tool: Tool,
    pub evaluated_on: String,
    pub lang: Lang,
    pub policy: PolicyInfo,
    pub catalogue: CatalogueInfo,
    /// What the ratings assume (the model organisation).
    pub basis: String,
    /// `--only`: the lowest rating listed; absent when every edition is listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only: Option<Rating>,
    /// How many editions got each rating (all evaluated editions, also those `--only` leaves out).
    pub counts: Counts,
    /// Sorted by rating (acceptable first), then platform name, then edition name.
    pub editions: Vec<ChannelRating>,
    /// What changed since the list given with `--previous`; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// "Not legal advice."
    pub notice: String,
}

impl ChannelsReport {
    /// Keeps the editions `only` lists.
    pub fn keep(&mut self, only: Only) {
        self.editions.retain(|e| e.rating <= only.lowest());
        self.only = Some(only.lowest());
        self.catalogue.oldest_fact = oldest_fact(&self.editions);
    }
}

/// The date of the oldest source among the facts the editions used.
pub fn oldest_fact(editions: &[ChannelRating]) -> Option<String> {
    editions
        .iter()
        .flat_map(|e| e.facts.iter())
        .filter_map(|f| f.source.as_ref().map(|s| s.checked))
        .min()
        .map(|d| d.to_string())
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub acceptable: usize,
    pub acceptable_with_conditions: usize,
    pub undetermined: usize,
    pub not_acceptable: usize,
}

impl Counts {
    pub fn get(&self, r: Rating) -> usize {
        match r {
            Rating::Acceptable => self.acceptable,
            Rating::AcceptableWithConditions => self.acceptable_with_conditions,
            Rating::Undetermined => self.undetermined,
            Rating::NotAcceptable => self.not_acceptable,
        }
    }

    pub fn add(&mut self, r: Rating) {
        match r {
            Rating::Acceptable => self.acceptable += 1,
            Rating::AcceptableWithConditions => self.acceptable_with_conditions += 1,
            Rating::Undetermined => self.undetermined += 1,
            Rating::NotAcceptable => self.not_acceptable += 1,
        }
    }
}

/// One platform edition, rated.
#[derive(Debug, Serialize)]
pub struct ChannelRating {
    pub platform: String,
    pub platform_name: String,
    pub vendor: String,
    pub edition: String,
    pub edition_name: String,
    /// consumer, business or self_hosted.
    pub edition_kind: String,
    pub rating: Rating,
    /// One sentence: why this rating.
    pub summary: String,
    /// The settings an administrator must change (for `acceptable_with_conditions`; for
    /// `undetermined`, what is needed besides the missing facts).
    pub conditions: Vec<Condition>,
    /// Why the edition is not acceptable.
    pub reasons: Vec<Reason>,
    /// Catalogue facts whose absence leaves a high or medium requirement unknown.
    pub missing_facts: Vec<MissingFact>,
    /// Low-severity requirements that fail or are unknown: advice, they do not decide the rating.
    pub advice: Vec<Advice>,
    /// The organisation measures the rating assumes.
    pub measures: Vec<Measure>,
    /// Whether the catalogue holds any `default_<setting>` fact for this edition.
    pub defaults_in_catalogue: bool,
    /// Every setting: as shipped and most protective.
    pub settings: Vec<SettingProfile>,
    /// The platform- and deployment-scope requirements under both profiles.
    pub requirements: Vec<RequirementRow>,
    /// Every catalogue fact the rating used, with its source.
    pub facts: Vec<Evidence>,
}

/// Who carries out a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// A setting in the platform's administration, with a vendor default.
    Setting,
    /// A measure the organisation takes (a contract, an add-on, a way of working): it has no
    /// vendor default and is not in place until the organisation takes it.
    Measure,
}

/// A setting to change or a measure to take.
#[derive(Debug, Serialize)]
pub struct Condition {
    /// The deployment field (`waiting_room_enabled`, `e2ee_meetings_enabled`).
    pub setting: String,
    pub kind: ConditionKind,
    /// As shipped; absent when the catalogue does not say (a setting) or not yet taken (a
    /// measure).
    pub default: Option<Value>,
    /// The attribute the default comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from: Option<String>,
    /// The value it must have.
    pub required: Value,
    /// A few words for the overview ("wachtkamer aan").
    pub short: String,
    /// What an administrator or the organisation does, as an instruction.
    pub instruction: String,
    /// The requirements that need it: they are not met without it.
    pub requirements: Vec<String>,
    /// Other conditions that would do instead (another measure the same requirement accepts).
    pub alternatives: Vec<Alternative>,
}

/// A condition that could replace another.
#[derive(Debug, Serialize)]
pub struct Alternative {
    pub setting: String,
    pub short: String,
    pub instruction: String,
}

/// A requirement that fails under the protective profile (or the retired status).
#[derive(Debug, Serialize)]
pub struct Reason {
    /// Absent for the retired status when no requirement reports it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    pub title: String,
    pub severity: Severity,
    pub state: State,
    /// Why, in plain words built from the facts ("De leverancier is zelf
    /// verwerkingsverantwoordelijke; er is geen verwerkersovereenkomst.").
    pub text: String,
    /// The policy's own finding.
    pub message: String,
    /// For a requirement on the channel as a whole: the platform requirements it fails because
    /// of (listed as reasons themselves).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub follows_from: Vec<String>,
    /// The catalogue facts the check read.
    pub evidence: Vec<std::sync::Arc<Evidence>>,
    /// The deployment settings the check read (protective profile).
    pub settings: Vec<SettingValue>,
}

#[derive(Debug, Serialize)]
pub struct SettingValue {
    pub setting: String,
    pub value: serde_json::Value,
}

#[derive(Debug, Serialize)]
pub struct MissingFact {
    /// The catalogue attribute to add (with a source).
    pub attribute: String,
    /// What is not known, in plain words ("Niet bekend of de leverancier …").
    pub text: String,
    /// The requirements that stay unknown without it.
    pub requirements: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Advice {
    pub requirement: String,
    pub title: String,
    pub state: State,
    pub message: String,
    pub remediation: String,
}

#[derive(Debug, Serialize)]
pub struct Measure {
    pub field: String,
    pub value: Value,
    pub instruction: String,
}

#[derive(Debug, Serialize)]
pub struct SettingProfile {
    pub setting: String,
    pub default: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from: Option<String>,
    pub protective: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct RequirementRow {
    pub requirement: String,
    pub title: String,
    pub scope: Scope,
    pub severity: Severity,
    pub defaults: State,
    pub protective: State,
}

/// What changed since a previous list (`--previous OLD.json`).
#[derive(Debug, Serialize)]
pub struct Changes {
    /// The previous list: its file and when and under which policy it was made.
    pub previous: PreviousInfo,
    /// Editions rated differently now, in the order of the list.
    pub ratings: Vec<RatingChange>,
    /// Editions in this list that the previous one did not have.
    pub added: Vec<EditionRef>,
    /// Editions the previous list had that this one does not.
    pub removed: Vec<EditionRef>,
    /// Catalogue facts the ratings used whose value changed, appeared or disappeared.
    pub facts: Vec<FactChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.facts.is_empty()
    }
}

#[derive(Debug, Serialize)]
pub struct PreviousInfo {
    pub file: String,
    pub evaluated_on: String,
    pub policy_version: String,
    /// `--only` of the previous list: editions it left out show as new here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only: Option<Rating>,
}

/// An edition, named.
#[derive(Clone, Debug, Serialize)]
pub struct EditionRef {
    pub platform: String,
    pub edition: String,
    pub platform_name: String,
    pub edition_name: String,
    /// Its rating in the list it is in (the new list for added, the previous for removed).
    pub rating: Rating,
}

#[derive(Debug, Serialize)]
pub struct RatingChange {
    #[serde(flatten)]
    pub edition: EditionRef,
    pub from: Rating,
}

/// One fact of one edition, before and after. `old`/`new` absent: the fact was not there.
#[derive(Debug, Serialize)]
pub struct FactChange {
    #[serde(flatten)]
    pub edition: EditionRef,
    pub attribute: String,
    pub old: Option<serde_json::Value>,
    pub new: Option<serde_json::Value>,
    /// The source of the new value (of the old one when the fact disappeared).
    pub source: Option<crate::model::source::SourceRef>,
}
