//! What changed between two saved JSON reports of the same organisation(s) (`beeldbel diff
//! OLD.json NEW.json`): the verdict, the outcomes whose state changed (per requirement and
//! subject), waivers that came, went or expired, catalogue facts whose value or source changed,
//! and the policy and catalogue the reports were made with.
//!
//! "Worse" is defined once, here ([`rank`]): a verdict that moved towards `non_compliant`, or an
//! outcome that moved to a state of a higher rank — voldaan / niet van toepassing (0) <
//! afwijking aanvaard (1) < onbekend (2) < niet voldaan / fout (3). An outcome only in the new
//! report counts as worse when it is onbekend, niet voldaan or fout; one only in the old report
//! never does. The model is serialised as it is for `--format json` (`schema_version` 1).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::i18n::Text;
use crate::model::catalogue::SourceRef;
use crate::model::policy::Severity;
use crate::results::{
    Evidence, EvidenceOrigin, OrgReport, Outcome, Report, State, Verdict, WaiverInfo,
};

/// The version of the JSON diff's structure.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

/// The rank of a state for "worse": higher is worse.
pub fn rank(state: State) -> u8 {
    match state {
        State::Pass | State::NotApplicable => 0,
        State::Waived => 1,
        State::Unknown => 2,
        State::Fail | State::Error => 3,
    }
}

/// How an outcome or a verdict moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// To a state of a higher rank (or a new outcome that needs attention).
    Worse,
    /// To a state of a lower rank.
    Better,
    /// Another state of the same rank (voldaan ↔ niet van toepassing, niet voldaan ↔ fout), or a
    /// new outcome that needs nothing, or an outcome no longer evaluated.
    Changed,
}

/// The whole diff.
#[derive(Debug, Serialize)]
pub struct Diff {
    pub schema_version: u32,
    /// Some organisation or the verdict got worse: exit code 1.
    pub worse: bool,
    pub old: Side,
    pub new: Side,
    /// The verdict of the whole report (of the batch, for several organisations).
    pub verdict: VerdictChange,
    /// Changes in what the reports were made with (policy, catalogue, threshold, tool).
    pub provenance: Vec<ProvenanceChange>,
    pub organisations: Vec<OrgDiff>,
}

/// One of the two reports.
#[derive(Debug, Serialize)]
pub struct Side {
    /// The saved report's path as given.
    pub report: String,
    pub evaluated_on: String,
    pub tool_version: String,
}

#[derive(Debug, Serialize)]
pub struct VerdictChange {
    pub old: Verdict,
    pub new: Verdict,
    /// `None` when unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
}

impl VerdictChange {
    fn of(old: Verdict, new: Verdict) -> VerdictChange {
        let direction = match new.cmp(&old) {
            std::cmp::Ordering::Greater => Some(Direction::Worse),
            std::cmp::Ordering::Less => Some(Direction::Better),
            std::cmp::Ordering::Equal => None,
        };
        VerdictChange {
            old,
            new,
            direction,
        }
    }
}

/// A value of the provenance that differs: `what` is `policy.version`, `policy.sha256`,
/// `catalogue.sha256`, `catalogue.oldest_fact`, `catalogue.overlays`, `remote` (the sources
/// fetched over HTTPS, by URL and SHA-256; not the fetch date, which changes every run),
/// `fail_on`, `tool.version`, `policy.id`.
#[derive(Debug, Serialize)]
pub struct ProvenanceChange {
    pub what: &'static str,
    pub old: String,
    pub new: String,
}

/// One organisation's changes.
#[derive(Debug, Serialize)]
pub struct OrgDiff {
    pub name: String,
    /// The organisation file as each report names it.
    pub old_file: String,
    pub new_file: String,
    /// The organisation file's SHA-256 changed.
    pub file_changed: bool,
    pub verdict: VerdictChange,
    /// Worse for this organisation: its verdict or an outcome.
    pub worse: bool,
    pub outcomes: Vec<OutcomeChange>,
    pub waivers: Vec<WaiverChange>,
    pub facts: Vec<FactChange>,
}

impl OrgDiff {
    /// Nothing changed that the diff reports (the file's hash aside).
    pub fn is_empty(&self) -> bool {
        self.verdict.direction.is_none()
            && self.outcomes.is_empty()
            && self.waivers.is_empty()
            && self.facts.is_empty()
    }
}

/// An outcome whose state changed, that appeared or that is no longer evaluated.
#[derive(Debug, Serialize)]
pub struct OutcomeChange {
    pub requirement: String,
    pub title: Text,
    /// The deployment id, or `organisation`.
    pub subject: String,
    pub severity: Severity,
    /// `None`: not in that report.
    pub old: Option<State>,
    pub new: Option<State>,
    pub direction: Direction,
}

/// What happened to a waiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverEvent {
    /// In force in the new report, not in the old one.
    Added,
    /// In the old report, gone from the new one (withdrawn, or no longer needed).
    Removed,
    /// Expired in the new report, not in the old one.
    Expired,
    /// Still there, with another expiry date, approver or reason.
    Changed,
}

#[derive(Debug, Serialize)]
pub struct WaiverChange {
    pub event: WaiverEvent,
    pub requirement: String,
    pub subject: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<WaiverInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<WaiverInfo>,
}

/// A catalogue fact an outcome read in both reports, whose value or source changed.
#[derive(Debug, Serialize)]
pub struct FactChange {
    pub platform: String,
    pub edition: String,
    pub attribute: String,
    pub old_value: serde_json::Value,
    pub new_value: serde_json::Value,
    pub old_source: Option<Arc<SourceRef>>,
    pub new_source: Option<Arc<SourceRef>>,
    /// Where the fact came from (catalogue, overlay, organisation file) in each report.
    pub old_origin: EvidenceOrigin,
    pub new_origin: EvidenceOrigin,
}

impl FactChange {
    pub fn value_changed(&self) -> bool {
        self.old_value != self.new_value
    }
}

/// Why two reports cannot be compared.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Different `schema_version`s.
    SchemaVersion { old: u32, new: u32 },
    /// One organisation on each side, with different names.
    OtherOrganisation { old: String, new: String },
    /// Several organisations: names on one side only, or a name twice on one side.
    Unmatched {
        only_old: Vec<String>,
        only_new: Vec<String>,
        doubled: Vec<String>,
    },
}

/// The diff of `old` and `new` (saved at the paths `old_path`, `new_path`), or why they cannot
/// be compared. Organisations are matched by name.
pub fn diff(old: &Report, new: &Report, old_path: &str, new_path: &str) -> Result<Diff, Mismatch> {
    // Version 3 is version 2's model with what repeats listed once: the two compare.
    let model = |v: u32| if v == 3 { 2 } else { v };
    if model(old.schema_version) != model(new.schema_version) {
        return Err(Mismatch::SchemaVersion {
            old: old.schema_version,
            new: new.schema_version,
        });
    }
    let pairs = pair(old, new)?;
    let organisations: Vec<OrgDiff> = pairs.into_iter().map(|(o, n)| org_diff(o, n)).collect();
    let verdict = VerdictChange::of(old.verdict, new.verdict);
    let worse =
        verdict.direction == Some(Direction::Worse) || organisations.iter().any(|o| o.worse);
    Ok(Diff {
        schema_version: DIFF_SCHEMA_VERSION,
        worse,
        old: side(old, old_path),
        new: side(new, new_path),
        verdict,
        provenance: provenance(old, new),
        organisations,
    })
}

fn side(r: &Report, path: &str) -> Side {
    Side {
        report: path.to_string(),
        evaluated_on: r.evaluated_on.clone(),
        tool_version: r.tool.version.clone(),
    }
}

/// The organisations of both reports, paired by name (in the new report's order).
fn pair<'a>(
    old: &'a Report,
    new: &'a Report,
) -> Result<Vec<(&'a OrgReport, &'a OrgReport)>, Mismatch> {
    if let ([o], [n]) = (old.organisations.as_slice(), new.organisations.as_slice()) {
        if o.name != n.name {
            return Err(Mismatch::OtherOrganisation {
                old: o.name.clone(),
                new: n.name.clone(),
            });
        }
        return Ok(vec![(o, n)]);
    }
    let index = |r: &'a Report, doubled: &mut Vec<String>| {
        let mut m: HashMap<&'a str, &'a OrgReport> = HashMap::new();
        for o in &r.organisations {
            if m.insert(&o.name, o).is_some() && !doubled.contains(&o.name) {
                doubled.push(o.name.clone());
            }
        }
        m
    };
    let mut doubled = Vec::new();
    let olds = index(old, &mut doubled);
    let news = index(new, &mut doubled);
    let only_old: Vec<String> = old
        .organisations
        .iter()
        .filter(|o| !news.contains_key(o.name.as_str()))
        .map(|o| o.name.clone())
        .collect();
    let only_new: Vec<String> = new
        .organisations
        .iter()
        .filter(|o| !olds.contains_key(o.name.as_str()))
        .map(|o| o.name.clone())
        .collect();
    if !only_old.is_empty() || !only_new.is_empty() || !doubled.is_empty() {
        return Err(Mismatch::Unmatched {
            only_old,
            only_new,
            doubled,
        });
    }
    Ok(new
        .organisations
        .iter()
        .map(|n| (olds[n.name.as_str()], n))
        .collect())
}

fn org_diff(old: &OrgReport, new: &OrgReport) -> OrgDiff {
    let key = |o: &Outcome| (o.requirement.clone(), o.subject.clone());
    let olds: HashMap<(String, String), &Outcome> =
        old.outcomes.iter().map(|o| (key(o), o)).collect();
    let news: HashMap<(String, String), &Outcome> =
        new.outcomes.iter().map(|o| (key(o), o)).collect();
    let mut outcomes = Vec::new();
    for n in &new.outcomes {
        let before = olds.get(&key(n)).map(|o| o.state);
        let direction = match before {
            Some(b) if b == n.state => continue,
            Some(b) => match rank(n.state).cmp(&rank(b)) {
                std::cmp::Ordering::Greater => Direction::Worse,
                std::cmp::Ordering::Less => Direction::Better,
                std::cmp::Ordering::Equal => Direction::Changed,
            },
            None if rank(n.state) >= 2 => Direction::Worse,
            None => Direction::Changed,
        };
        outcomes.push(change(n, before, Some(n.state), direction));
    }
    for o in old.outcomes.iter().filter(|o| !news.contains_key(&key(o))) {
        outcomes.push(change(o, Some(o.state), None, Direction::Changed));
    }
    // Worse first, then better, then the rest; within each, as the new report orders them.
    outcomes.sort_by_key(|c| match c.direction {
        Direction::Worse => 0,
        Direction::Better => 1,
        Direction::Changed => 2,
    });
    let verdict = VerdictChange::of(old.verdict, new.verdict);
    let worse = verdict.direction == Some(Direction::Worse)
        || outcomes.iter().any(|c| c.direction == Direction::Worse);
    OrgDiff {
        name: new.name.clone(),
        old_file: old.file.clone(),
        new_file: new.file.clone(),
        file_changed: old.sha256 != new.sha256,
        verdict,
        worse,
        outcomes,
        waivers: waivers(old, new),
        facts: facts(old, new),
    }
}

fn change(o: &Outcome, old: Option<State>, new: Option<State>, d: Direction) -> OutcomeChange {
    OutcomeChange {
        requirement: o.requirement.clone(),
        title: Text::clone(&o.title),
        subject: o.subject.clone(),
        severity: o.severity,
        old,
        new,
        direction: d,
    }
}

/// The waivers of each report by requirement and subject.
fn waiver_map(r: &OrgReport) -> BTreeMap<(&str, &str), &WaiverInfo> {
    r.outcomes
        .iter()
        .filter_map(|o| {
            o.waiver
                .as_ref()
                .map(|w| ((o.requirement.as_str(), o.subject.as_str()), w))
        })
        .collect()
}

fn waivers(old: &OrgReport, new: &OrgReport) -> Vec<WaiverChange> {
    let (olds, news) = (waiver_map(old), waiver_map(new));
    let mut out = Vec::new();
    let mut push =
        |event, (req, subject): (&str, &str), o: Option<&WaiverInfo>, n: Option<&WaiverInfo>| {
            out.push(WaiverChange {
                event,
                requirement: req.to_string(),
                subject: subject.to_string(),
                old: o.cloned(),
                new: n.cloned(),
            })
        };
    for (&k, &n) in &news {
        match olds.get(&k) {
            None if n.expired => push(WaiverEvent::Expired, k, None, Some(n)),
            None => push(WaiverEvent::Added, k, None, Some(n)),
            Some(&o) if n.expired && !o.expired => push(WaiverEvent::Expired, k, Some(o), Some(n)),
            Some(&o) if !same_waiver(o, n) => push(WaiverEvent::Changed, k, Some(o), Some(n)),
            Some(_) => {}
        }
    }
    for (&k, &o) in olds.iter().filter(|(k, _)| !news.contains_key(*k)) {
        push(WaiverEvent::Removed, k, Some(o), None);
    }
    out
}

fn same_waiver(a: &WaiverInfo, b: &WaiverInfo) -> bool {
    (
        &a.reason,
        &a.approved_by,
        &a.approved_on,
        &a.expires,
        a.expired,
    ) == (
        &b.reason,
        &b.approved_by,
        &b.approved_on,
        &b.expires,
        b.expired,
    )
}

/// Every catalogue fact the outcomes of a report read (their own and those of `because`), by
/// platform, edition and attribute; the first one seen of each.
fn fact_map(r: &OrgReport) -> BTreeMap<(&str, &str, &str), &Evidence> {
    let mut m = BTreeMap::new();
    let all = r.outcomes.iter().flat_map(|o| {
        o.evidence
            .iter()
            .chain(o.because.iter().flat_map(|b| &b.evidence))
    });
    for e in all {
        m.entry((
            e.platform.as_str(),
            e.edition.as_str(),
            e.attribute.as_str(),
        ))
        .or_insert(&**e);
    }
    m
}

fn facts(old: &OrgReport, new: &OrgReport) -> Vec<FactChange> {
    let olds = fact_map(old);
    fact_map(new)
        .into_iter()
        .filter_map(|(k, n)| {
            let o = olds.get(&k)?;
            let source = |e: &Evidence| e.source.as_ref().map(|s| serde_json::to_value(s).ok());
            let changed = o.value != n.value || source(o) != source(n) || o.origin != n.origin;
            changed.then(|| FactChange {
                platform: k.0.to_string(),
                edition: k.1.to_string(),
                attribute: k.2.to_string(),
                old_value: o.value.clone(),
                new_value: n.value.clone(),
                old_source: o.source.clone(),
                new_source: n.source.clone(),
                old_origin: o.origin.clone(),
                new_origin: n.origin.clone(),
            })
        })
        .collect()
}

fn provenance(old: &Report, new: &Report) -> Vec<ProvenanceChange> {
    let overlays = |r: &Report| {
        r.catalogue
            .overlays
            .iter()
            .map(|o| format!("{} ({})", o.file, o.sha256))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let remote = |r: &Report| {
        (r.policy.remote.iter())
            .chain(&r.catalogue.remote)
            .map(|s| format!("{} ({})", s.url, s.sha256))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let pairs: [(&'static str, String, String); 9] = [
        ("policy.id", old.policy.id.clone(), new.policy.id.clone()),
        (
            "policy.version",
            old.policy.version.clone(),
            new.policy.version.clone(),
        ),
        (
            "policy.sha256",
            old.policy.sha256.clone(),
            new.policy.sha256.clone(),
        ),
        (
            "catalogue.sha256",
            old.catalogue.sha256.clone(),
            new.catalogue.sha256.clone(),
        ),
        (
            "catalogue.oldest_fact",
            old.catalogue.oldest_fact.clone().unwrap_or_default(),
            new.catalogue.oldest_fact.clone().unwrap_or_default(),
        ),
        ("catalogue.overlays", overlays(old), overlays(new)),
        ("remote", remote(old), remote(new)),
        (
            "fail_on",
            old.fail_on.as_str().to_string(),
            new.fail_on.as_str().to_string(),
        ),
        (
            "tool.version",
            old.tool.version.clone(),
            new.tool.version.clone(),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(what, old, new)| ProvenanceChange { what, old, new })
        .collect()
}
