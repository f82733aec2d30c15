//! The DPIA draft as a format-neutral model: what the DPIA engine (`engine::dpia`) builds and the
//! DPIA renderers (`render::dpia`) read. A draft is a list of sections (the 17 paragraphs of
//! the Model DPIA Rijksdienst v3.0 and the blocks around them), each a list of items: a filled-in
//! value with its [`Origin`], a [`Gap`] for the organisation, a risk, a measure or an accepted
//! residual risk.

use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Lang;
use crate::model::catalogue::SourceRef;
use crate::model::policy::Severity;
use crate::results::{Counts, Evidence, InputValue, State, Verdict, WaiverInfo};

/// A DPIA draft for one organisation (built by `engine::dpia::build`).
#[derive(Debug, Serialize)]
pub struct Draft {
    pub lang: Lang,
    pub title: String,
    pub organisation: String,
    pub file: String,
    /// The check of the organisation this draft rests on.
    pub verdict: Verdict,
    pub counts: Counts,
    pub fail_on: Severity,
    pub evaluated_on: String,
    /// Risks in §16, measures in §17, accepted residual risks, measures the check confirmed.
    pub risk_count: usize,
    /// Gaps the organisation answered in its answers file (`--answers`).
    pub answered_count: usize,
    pub accepted_count: usize,
    pub confirmed_count: usize,
    /// Every open gap in document order: the list at the top (answered gaps are not in it).
    pub gaps: Vec<GapRef>,
    pub sections: Vec<Section>,
    pub provenance: Provenance,
    /// "This is a draft, not a finished DPIA."
    pub draft_notice: String,
    /// "Not legal advice" ([`crate::results::notice`]).
    pub notice: String,
}

/// Where the draft came from: the same provenance as the check report.
#[derive(Debug, Serialize)]
pub struct Provenance {
    pub tool: String,
    pub tool_version: String,
    pub policy_id: String,
    pub policy_version: String,
    pub policy_sha256: String,
    pub policy_origin: String,
    pub max_fact_age_days: i64,
    pub catalogue_sha256: String,
    pub catalogue_origin: String,
    pub oldest_fact: Option<String>,
    /// The overlays applied to the catalogue (`--facts`), each with its SHA-256.
    pub overlays: Vec<crate::model::catalogue::OverlayFile>,
    /// The sources fetched over HTTPS (policy, platform file, overlays), each with its URL,
    /// SHA-256 and fetch date (`docs/remote.md`).
    pub remote: Vec<crate::input::remote::RemoteSource>,
    pub file: String,
    pub file_sha256: String,
    /// The organisation's answers file (`--answers`), if one was given.
    pub answers: Option<AnswersFile>,
    pub evaluated_on: String,
    pub fail_on: Severity,
    /// The model the structure follows, and where its machine-readable form was read.
    pub model: String,
}

/// The answers file a draft was built with: its name as given and its SHA-256.
#[derive(Clone, Debug, Serialize)]
pub struct AnswersFile {
    pub file: String,
    pub sha256: String,
}

/// A part of the model (A–D), over its paragraphs.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub letter: &'static str,
    pub title: &'static str,
}

/// One paragraph of the model (numbered 1–17), or one of the blocks around them.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The anchor (`p1` … `p17`, `about`, `summary`, `adoption`).
    pub key: String,
    pub number: Option<u8>,
    pub part: Option<Part>,
    pub title: String,
    /// What the model asks here, in short.
    pub asks: String,
    pub items: Vec<Item>,
}

impl Section {
    /// "§ 5 Verwerkingsdoeleinden", or the title of an unnumbered block.
    pub fn label(&self) -> String {
        match self.number {
            Some(n) => format!("§ {n} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// The prefix of the stable keys of this section's gaps: `s5` for § 5, else the section's
    /// key (`about`, `summary`, `adoption`).
    pub fn prefix(&self) -> String {
        match self.number {
            Some(n) => format!("s{n}"),
            None => self.key.clone(),
        }
    }

    /// The gaps in this section, in order, to change them (keys, answers).
    pub fn gaps_mut(&mut self) -> Vec<&mut Gap> {
        let mut out = Vec::new();
        for item in &mut self.items {
            match item {
                Item::Gap(g) => out.push(g),
                Item::Risk(r) => out.push(&mut r.gap),
                Item::Measure(m) => out.push(&mut m.gap),
                _ => {}
            }
        }
        out
    }

    /// The gaps in this section, in order.
    pub fn gaps(&self) -> Vec<&Gap> {
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                Item::Gap(g) => out.push(g),
                Item::Risk(r) => out.push(&r.gap),
                Item::Measure(m) => out.push(&m.gap),
                _ => {}
            }
        }
        out
    }

    /// Whether anything here was filled in (anything but a gap or a sub-heading).
    pub fn has_content(&self) -> bool {
        self.items
            .iter()
            .any(|i| !matches!(i, Item::Gap(_) | Item::Heading { .. }))
    }
}

/// One item of a section.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    /// A sub-heading (a deployment, a group of measures).
    Heading {
        text: String,
    },
    /// A value the tool filled in, with where it came from.
    Filled(Filled),
    /// What the organisation still has to fill in.
    Gap(Gap),
    Risk(Box<Risk>),
    Measure(Box<Measure>),
    Accepted(Box<Accepted>),
}

/// A filled-in value: a label, one or more values, and their origin.
#[derive(Debug, Serialize)]
pub struct Filled {
    /// Empty for a paragraph of the tool's own text.
    pub label: String,
    pub values: Vec<String>,
    pub origin: Origin,
    /// A warning about the value (e.g. the contract basis needs a contract with the data subject).
    pub warning: Option<String>,
}

/// Where a filled-in value came from.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Origin {
    /// A field of the organisation file (as written there) and its 1-based line.
    Org { field: String, line: usize },
    /// A catalogue attribute of one platform edition, with its source.
    Fact {
        platform: String,
        edition: String,
        attribute: String,
        source: Option<Arc<SourceRef>>,
        /// The catalogue's note in the report's language; `None` also when the catalogue gives
        /// it in one language only and the report is Dutch (see `docs/dpia.md`).
        note: Option<String>,
        stale: bool,
    },
    /// The platform file of the catalogue (name, vendor, edition).
    Platform { platform: String, file: String },
    /// The policy the organisation was checked against.
    Policy { id: String, version: String },
    /// A check outcome.
    Check {
        requirement: String,
        subject: String,
        state: State,
    },
    /// beeldbel's own text: what video calling involves in general, or how the draft is made.
    /// A proposal for the organisation to check.
    Tool,
}

/// Something the tool cannot fill in: shown as "[in te vullen: …]" and listed at the top, or,
/// when the organisation answered it in its answers file, its answer.
#[derive(Debug, Serialize)]
pub struct Gap {
    /// The stable key (`s1.voorstel`, `s16.PLAT-TELEM-01.zoom.beoordeling`): the section's
    /// prefix and a name that does not depend on the order or number of other gaps. The answers
    /// file is keyed by it.
    pub key: String,
    /// What is to be filled in, in plain language (no file field names).
    pub what: String,
    /// How to fill it in from the organisation file, when a field would fill it (names the
    /// field): shown in the gap list only.
    pub hint: Option<String>,
    /// The organisation's own answer, from its answers file.
    pub answer: Option<Answer>,
}

/// The organisation's answer to a gap: its text as written, and where.
#[derive(Debug, Serialize)]
pub struct Answer {
    pub text: String,
    /// The answers file as named on the command line.
    pub file: String,
    /// 1-based line of the answer's key.
    pub line: usize,
}

/// An open gap in the list at the top of the draft.
#[derive(Debug, Serialize)]
pub struct GapRef {
    pub key: String,
    /// The anchor of its section.
    pub section: String,
    /// "§ 5 Verwerkingsdoeleinden".
    pub section_label: String,
    pub what: String,
    pub hint: Option<String>,
}

/// A feared event of the CNIL PIA method, with a proposed likelihood and impact.
#[derive(Debug, Serialize)]
pub struct EventRow {
    pub event: &'static str,
    pub label: &'static str,
    /// The event is proposed for this requirement (else only listed, to be assessed).
    pub proposed: bool,
    pub likelihood: Option<&'static str>,
    pub impact: Option<&'static str>,
    pub level: Option<&'static str>,
}

/// A risk in §16: one fail, unknown, error or waived outcome.
#[derive(Debug, Serialize)]
pub struct Risk {
    /// `R1`, `R2`, …
    pub id: String,
    pub requirement: String,
    pub title: String,
    pub subject: String,
    pub subject_label: String,
    pub state: State,
    pub underlying_state: Option<State>,
    pub severity: Severity,
    /// Below the `--fail-on` threshold: advice, it does not count for the verdict.
    pub advice: bool,
    /// Why it matters (the requirement's explanation).
    pub explain: String,
    /// What the check found.
    pub finding: String,
    pub missing: Vec<String>,
    pub references: Vec<String>,
    pub line: Option<usize>,
    pub evidence: Vec<std::sync::Arc<Evidence>>,
    pub inputs: Vec<InputValue>,
    pub events: Vec<EventRow>,
    /// The requirement names the events it threatens (`threatens` in the policy). When it does
    /// not, all three are proposed and the risk's gap asks which apply.
    pub events_from_policy: bool,
    /// How the proposal was derived.
    pub basis: String,
    pub waiver: Option<WaiverInfo>,
    /// The measure in §17 (`M1`) and the accepted residual risk (`A1`), if any.
    pub measure: String,
    pub accepted: Option<String>,
    pub gap: Gap,
}

/// A measure in §17, for one risk.
#[derive(Debug, Serialize)]
pub struct Measure {
    /// `M1`, `M2`, … (the same number as its risk).
    pub id: String,
    pub risk: String,
    pub requirement: String,
    pub title: String,
    pub subject: String,
    pub subject_label: String,
    pub state: State,
    /// The requirement's remediation.
    pub text: String,
    pub accepted: Option<String>,
    /// The waiver behind `accepted` has expired: it no longer accepts the risk.
    pub expired: bool,
    pub gap: Gap,
}

/// An accepted residual risk: a waiver in the organisation file (an expired one is shown with a
/// warning: it no longer accepts anything).
#[derive(Debug, Serialize)]
pub struct Accepted {
    /// `A1`, `A2`, …
    pub id: String,
    pub risk: String,
    pub requirement: String,
    pub title: String,
    pub subject: String,
    pub subject_label: String,
    pub reason: String,
    pub approved_by: String,
    pub approved_on: String,
    pub expires: String,
    pub expired: bool,
}
