//! What an outcome says in OSCAL: its status and remarks, and its evidence (catalogue facts
//! with their sources, organisation-file values with file and line).

use crate::i18n::tr;
use crate::results::{Evidence, InputValue, OrgReport, Outcome, Report, State};

use super::model::*;
use super::values::*;

/// beeldbel's state → OSCAL `target.status` (`state`, `reason`). Only a pass is satisfied.
pub(super) fn status(o: &Outcome) -> (&'static str, &'static str) {
    match o.state {
        State::Pass => ("satisfied", "pass"),
        State::Fail => ("not-satisfied", "fail"),
        State::Waived if o.underlying_state == Some(State::Fail) => ("not-satisfied", "fail"),
        State::Unknown | State::Error | State::Waived | State::NotApplicable => {
            ("not-satisfied", "other")
        }
    }
}

pub(super) fn status_remark(o: &Outcome) -> Option<String> {
    match o.state {
        State::Pass | State::Fail | State::NotApplicable => None,
        State::Unknown if !o.missing.is_empty() => Some(crate::tr!(
            "Onbekend, dus niet voldaan: de invoer mist {}.",
            "Unknown, so not satisfied: the input lacks {}.",
            codes(&o.missing)
        )),
        State::Unknown => Some(crate::tr!(
            "Onbekend, dus niet voldaan: {}",
            "Unknown, so not satisfied: {}",
            md(o.message.get())
        )),
        State::Error => Some(crate::tr!(
            "Fout in het beleid, dus niet voldaan: {}",
            "Policy error, so not satisfied: {}",
            md(o.message.get())
        )),
        State::Waived => {
            let underlying = o.underlying_state.unwrap_or(State::Fail).label();
            Some(match &o.waiver {
                Some(w) => crate::tr!(
                    "Afwijking aanvaard, dus niet voldaan (zonder afwijking: {}). Aanvaard door {} op {}, geldig tot {}. Reden: {}",
                    "Waived, so not satisfied (without the waiver: {}). Approved by {} on {}, valid until {}. Reason: {}",
                    underlying,
                    md(&w.approved_by),
                    md(&w.approved_on),
                    md(&w.expires),
                    md(&w.reason)
                ),
                None => crate::tr!(
                    "Afwijking aanvaard, dus niet voldaan (zonder afwijking: {}).",
                    "Waived, so not satisfied (without the waiver: {}).",
                    underlying
                ),
            })
        }
    }
}

pub(super) fn missing_remark(o: &Outcome) -> Option<String> {
    (!o.missing.is_empty()).then(|| {
        crate::tr!(
            "Ontbrekende gegevens: {}.",
            "Missing inputs: {}.",
            codes(&o.missing)
        )
    })
}

/// Below the `--fail-on` threshold: advice, not counted in the verdict.
pub(super) fn advisory(report: &Report, o: &Outcome) -> bool {
    o.severity < report.fail_on && matches!(o.state, State::Fail | State::Unknown)
}

pub(super) fn finding_remarks(report: &Report, org: &OrgReport, o: &Outcome) -> Option<String> {
    let mut out = Vec::new();
    if matches!(o.state, State::Fail | State::Unknown | State::Error)
        && !o.remediation.get().trim().is_empty()
    {
        out.push(crate::tr!(
            "Wat te doen: {}",
            "What to do: {}",
            md(o.remediation.get())
        ));
    }
    if !o.references.is_empty() {
        let refs: Vec<String> = o.references.iter().map(|r| md(r)).collect();
        out.push(crate::tr!("Grondslag: {}.", "Basis: {}.", refs.join("; ")));
    }
    if advisory(report, o) {
        out.push(crate::tr!(
            "Ernst {} ligt onder de drempel {}: advies, telt niet mee in het oordeel.",
            "Severity {} is below the threshold {}: advice, not counted in the verdict.",
            o.severity.label(),
            report.fail_on.label()
        ));
    }
    if let Some(w) = o.waiver.as_ref().filter(|w| w.expired) {
        out.push(crate::tr!(
            "Een afwijking, aanvaard door {} op {}, is verlopen op {} en geldt niet meer.",
            "A waiver, approved by {} on {}, expired on {} and no longer applies.",
            md(&w.approved_by),
            md(&w.approved_on),
            md(&w.expires)
        ));
    }
    if let Some(line) = o.line {
        out.push(crate::tr!(
            "Bepalend: {} regel {}.",
            "Deciding: {} line {}.",
            code(&org.file),
            line
        ));
    }
    (!out.is_empty()).then(|| paragraphs(&out))
}

/// A catalogue fact as evidence: the source URL is the `href`.
pub(super) fn fact_evidence(e: &Evidence) -> RelevantEvidence {
    let value = compact(&e.value);
    let mut props = Props::default();
    props.add("evidence", "catalogue-fact");
    props.add("platform", &e.platform);
    props.add("edition", &e.edition);
    props.add("attribute", &e.attribute);
    props.add("value", &value);
    if let Some(s) = &e.source {
        props.add("source-key", &s.key);
        props.add("source-title", &s.title);
        props.add("source-kind", s.kind.as_str());
        if let Some(url) = &s.url {
            props.add("source-url", url);
        }
        if let Some(r) = &s.reference {
            props.add("source-reference", r);
        }
        props.add("source-checked", &s.checked.to_string());
    }
    props.add("stale", if e.stale { "true" } else { "false" });
    props.add("origin", origin_id(e.origin.kind));
    if let Some(f) = &e.origin.file {
        props.add("origin-file", f);
    }
    if let Some(r) = &e.replaced {
        props.add("replaced-value", &compact(&r.value));
        if let Some(t) = &r.source_title {
            props.add("replaced-source-title", t);
        }
        props.add("replaced-origin", origin_id(r.origin.kind));
        if let Some(f) = &r.origin.file {
            props.add("replaced-origin-file", f);
        }
    }
    let origin = format!(
        " {}{}.",
        md(&capitalised(&super::super::common::origin_words(&e.origin))),
        e.replaced
            .as_ref()
            .map(|r| format!("; {}", md(&super::super::common::replaced_words(r))))
            .unwrap_or_default()
    );
    let fact = format!("{}/{}.{}", e.platform, e.edition, e.attribute);
    let source = match &e.source {
        Some(s) => crate::tr!(
            "Bron: {} ({}), gecontroleerd op {}.",
            "Source: {} ({}), checked on {}.",
            md(&s.title),
            match (s.kind, s.url.as_deref()) {
                (crate::model::catalogue::SourceKind::Web, Some(url)) => link_text(url),
                (_, Some(url)) => format!("{}, {}", md(&s.citation()), link_text(url)),
                (_, None) => md(&s.citation()),
            },
            s.checked
        ),
        None => tr("Zonder bron.", "Unsourced.").to_string(),
    };
    let stale = if e.stale {
        tr(
            " VEROUDERD: ouder dan de maximale leeftijd van het beleid.",
            " STALE: older than the policy's maximum age.",
        )
    } else {
        ""
    };
    RelevantEvidence {
        href: e
            .source
            .as_ref()
            .and_then(|s| s.url.as_deref())
            .and_then(uri),
        description: crate::tr!(
            "Catalogusfeit {} = {}. {}{}{}",
            "Catalogue fact {} = {}. {}{}{}",
            code(&fact),
            code(&value),
            source,
            origin,
            stale
        ),
        props: props.0,
        remarks: e.note.as_ref().map(|n| md_block(n.get())),
    }
}

/// The platform requirements a derived outcome rests on, as evidence: each requirement with
/// its state and missing facts, then the catalogue facts it read (marked `for-requirement`).
pub(super) fn because_evidence(o: &Outcome) -> Vec<RelevantEvidence> {
    let mut out = Vec::new();
    for b in &o.because {
        let mut props = Props::default();
        props.add("evidence", "platform-requirement");
        props.add("requirement", &b.requirement);
        props.add("state", b.state.as_str());
        props.add("severity", b.severity.as_str());
        for m in &b.missing {
            props.add("missing", m);
        }
        let missing = if b.missing.is_empty() {
            String::new()
        } else {
            crate::tr!(" Ontbreekt: {}.", " Missing: {}.", codes(&b.missing))
        };
        out.push(RelevantEvidence {
            href: None,
            description: crate::tr!(
                "{} Platformeis {} ({}) voor deze editie: {}.{}",
                "{} Platform requirement {} ({}) for this edition: {}.{}",
                super::super::common::because_heading(o),
                code(&b.requirement),
                md(&one_line(b.title.get())),
                b.state.label(),
                missing
            ),
            props: props.0,
            remarks: None,
        });
        for e in &b.evidence {
            let mut fact = fact_evidence(e);
            let mut props = Props::default();
            props.add("for-requirement", &b.requirement);
            fact.props.extend(props.0);
            out.push(fact);
        }
    }
    out
}

/// The `origin` property of a fact: `catalogue`, `overlay` or `organisation`.
fn origin_id(kind: crate::results::OriginKind) -> &'static str {
    match kind {
        crate::results::OriginKind::Catalogue => "catalogue",
        crate::results::OriginKind::Overlay => "overlay",
        crate::results::OriginKind::Organisation => "organisation",
    }
}

/// `uit de catalogus` → `Uit de catalogus`.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A value from the organisation file as evidence, with file and line.
pub(super) fn input_evidence(i: &InputValue, file: &str) -> RelevantEvidence {
    let value = compact(&i.value);
    let mut props = Props::default();
    props.add("evidence", "organisation-field");
    props.add("field", &i.field);
    props.add("value", &value);
    props.add("file", file);
    props.add("line", &i.line.to_string());
    RelevantEvidence {
        href: None,
        description: crate::tr!(
            "Gegeven uit het organisatiebestand: {} = {} ({} regel {}).",
            "Value from the organisation file: {} = {} ({} line {}).",
            code(&i.field),
            code(&value),
            code(file),
            i.line
        ),
        props: props.0,
        remarks: None,
    }
}

pub(super) fn subject_label(o: &Outcome) -> String {
    if o.subject == "organisation" {
        tr("organisatie", "organisation").to_string()
    } else {
        format!("deployment {}", one_line(&o.subject))
    }
}

pub(super) fn verdict_code(v: crate::results::Verdict) -> &'static str {
    match v {
        crate::results::Verdict::Compliant => "compliant",
        crate::results::Verdict::Incomplete => "incomplete",
        crate::results::Verdict::NonCompliant => "non_compliant",
    }
}

pub(super) fn lang_code(report: &Report) -> &'static str {
    match report.lang {
        crate::i18n::Lang::Nl => "nl",
        crate::i18n::Lang::En => "en",
    }
}
