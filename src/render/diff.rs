//! `beeldbel diff` in text (a terminal or a plain file), Markdown (for a wiki or the audit file)
//! and JSON (the model of [`crate::results::diff`] as it is). Text and Markdown say the same
//! things in the same order, from the words below: the headline (worse, changed or unchanged),
//! the two reports, the verdict, per organisation the outcomes that changed (worse first), the
//! waivers, the facts, and last what the reports were made with.
//!
//! Strings from the reports are cleaned of control characters (text) or escaped (Markdown).

use std::io::Write;

use crate::i18n::tr;
use crate::render::RenderError;
use crate::render::common::{origin_words, symbol, without_controls as clean};
use crate::render::markdown::{code, esc, one_line};
use crate::results::State;
use crate::results::diff::{
    Diff, Direction, FactChange, OrgDiff, OutcomeChange, ProvenanceChange, VerdictChange,
    WaiverChange, WaiverEvent,
};

/// The output formats of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

crate::choice!(Format {
    Text = "text" "For a terminal or a plain file",
    Markdown = "markdown" "For a wiki page or the audit file",
    Json = "json" "The diff as data (schema_version 1)",
});

/// Writes `diff` in `format` into `w`.
pub fn write(diff: &Diff, format: Format, w: &mut dyn Write) -> Result<(), RenderError> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *w, diff).map_err(RenderError::from_json_write)?;
            w.write_all(b"\n")?;
            Ok(())
        }
        Format::Text => lines(diff, &Text, w),
        Format::Markdown => lines(diff, &Markdown, w),
    }
}

/// How text and Markdown differ: headings, list items and the escaping of input strings.
trait Style {
    fn title(&self, s: &str) -> String;
    fn heading(&self, s: &str) -> String;
    fn subheading(&self, s: &str) -> String;
    fn item(&self, s: &str) -> String;
    fn sub_item(&self, s: &str) -> String;
    /// An input string (a name, a title, a reason).
    fn input(&self, s: &str) -> String;
    /// An id or a value (a requirement id, a fact's value, a hash).
    fn id(&self, s: &str) -> String;
}

struct Text;
struct Markdown;

impl Style for Text {
    fn title(&self, s: &str) -> String {
        format!("{s}\n")
    }
    fn heading(&self, s: &str) -> String {
        format!("\n━━ {s}\n")
    }
    fn subheading(&self, s: &str) -> String {
        format!("── {s}\n")
    }
    fn item(&self, s: &str) -> String {
        format!("  {s}\n")
    }
    fn sub_item(&self, s: &str) -> String {
        format!("      {s}\n")
    }
    fn input(&self, s: &str) -> String {
        clean(s).lines().collect::<Vec<_>>().join(" ")
    }
    fn id(&self, s: &str) -> String {
        self.input(s)
    }
}

impl Style for Markdown {
    fn title(&self, s: &str) -> String {
        format!("# {s}\n\n")
    }
    fn heading(&self, s: &str) -> String {
        format!("\n## {s}\n\n")
    }
    fn subheading(&self, s: &str) -> String {
        format!("\n### {s}\n\n")
    }
    fn item(&self, s: &str) -> String {
        format!("- {s}\n")
    }
    fn sub_item(&self, s: &str) -> String {
        format!("  - {s}\n")
    }
    fn input(&self, s: &str) -> String {
        esc(&one_line(s))
    }
    fn id(&self, s: &str) -> String {
        format!("`{}`", code(s))
    }
}

/// The headline: what the diff comes to.
pub fn headline(diff: &Diff) -> &'static str {
    let changed =
        diff.verdict.direction.is_some() || diff.organisations.iter().any(|o| !o.is_empty());
    if diff.worse {
        tr("VERSLECHTERD", "WORSE")
    } else if changed {
        tr(
            "GEWIJZIGD, niets verslechterd",
            "CHANGED, nothing got worse",
        )
    } else {
        tr("GEEN VERANDERINGEN", "NO CHANGES")
    }
}

fn lines(diff: &Diff, s: &dyn Style, w: &mut dyn Write) -> Result<(), RenderError> {
    let mut put = |text: String| w.write_all(text.as_bytes());
    put(s.title(&format!(
        "{}: {}",
        tr("Verschil", "Difference"),
        headline(diff)
    )))?;
    for (label, side) in [
        (tr("oud", "old"), &diff.old),
        (tr("nieuw", "new"), &diff.new),
    ] {
        put(s.item(&format!(
            "{label}: {} ({} {}, beeldbel {})",
            s.id(&side.report),
            tr("geëvalueerd op", "evaluated on"),
            s.input(&side.evaluated_on),
            s.input(&side.tool_version)
        )))?;
    }
    put(s.item(&format!(
        "{}: {}",
        tr("Oordeel", "Verdict"),
        verdict(&diff.verdict)
    )))?;
    let batch = diff.organisations.len() > 1;
    for org in &diff.organisations {
        organisation(org, batch, s, &mut put)?;
    }
    put(s.heading(tr("Beleid en catalogus", "Policy and catalogue")))?;
    if diff.provenance.is_empty() {
        put(s.item(tr(
            "ongewijzigd: hetzelfde beleid, dezelfde catalogus en drempel",
            "unchanged: the same policy, catalogue and threshold",
        )))?;
    }
    for p in &diff.provenance {
        put(s.item(&provenance(p, s)))?;
    }
    Ok(())
}

fn organisation(
    org: &OrgDiff,
    batch: bool,
    s: &dyn Style,
    put: &mut dyn FnMut(String) -> std::io::Result<()>,
) -> Result<(), RenderError> {
    put(s.heading(&s.input(&org.name)))?;
    let file = if org.old_file == org.new_file {
        s.id(&org.new_file)
    } else {
        format!("{} → {}", s.id(&org.old_file), s.id(&org.new_file))
    };
    let state = if org.file_changed {
        tr("gewijzigd", "changed")
    } else {
        tr("ongewijzigd", "unchanged")
    };
    put(s.item(&format!(
        "{}: {file} ({state})",
        tr("Organisatiebestand", "Organisation file")
    )))?;
    if batch {
        put(s.item(&format!(
            "{}: {}",
            tr("Oordeel", "Verdict"),
            verdict(&org.verdict)
        )))?;
    }
    if org.is_empty() {
        put(s.item(tr(
            "geen veranderingen in uitkomsten, afwijkingen of feiten",
            "no changes in outcomes, waivers or facts",
        )))?;
        return Ok(());
    }
    if !org.outcomes.is_empty() {
        put(s.subheading(&crate::tr!(
            "Uitkomsten die veranderden ({})",
            "Outcomes that changed ({})",
            org.outcomes.len()
        )))?;
        for c in &org.outcomes {
            put(s.item(&outcome(c, s)))?;
        }
    }
    if !org.waivers.is_empty() {
        put(s.subheading(tr("Afwijkingen", "Waivers")))?;
        for c in &org.waivers {
            put(s.item(&waiver(c, s)))?;
        }
    }
    if !org.facts.is_empty() {
        put(s.subheading(tr("Feiten die veranderden", "Facts that changed")))?;
        for f in &org.facts {
            fact(f, s, put)?;
        }
    }
    Ok(())
}

/// `voldoet → voldoet niet (verslechterd)`, or `voldoet (ongewijzigd)`.
fn verdict(v: &VerdictChange) -> String {
    match v.direction {
        None => format!("{} ({})", v.new.label(), tr("ongewijzigd", "unchanged")),
        Some(d) => format!("{} → {} ({})", v.old.label(), v.new.label(), direction(d)),
    }
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Worse => tr("verslechterd", "worse"),
        Direction::Better => tr("verbeterd", "better"),
        Direction::Changed => tr("gewijzigd", "changed"),
    }
}

/// A state, or what its absence means on that side.
fn state(s: Option<State>, side_old: bool) -> String {
    match s {
        Some(s) => format!("{} {}", symbol(s), s.label()),
        None if side_old => tr("— (nieuw)", "— (new)").to_string(),
        None => tr("— (niet meer beoordeeld)", "— (no longer evaluated)").to_string(),
    }
}

fn subject(id: &str, s: &dyn Style) -> String {
    if id == "organisation" {
        tr("organisatie", "organisation").to_string()
    } else {
        s.id(id)
    }
}

fn outcome(c: &OutcomeChange, s: &dyn Style) -> String {
    let mark = match c.direction {
        Direction::Worse => "▼",
        Direction::Better => "▲",
        Direction::Changed => "•",
    };
    format!(
        "{mark} {} {} [{}] {} — {}: {} → {}",
        direction(c.direction),
        s.id(&c.requirement),
        c.severity.label(),
        s.input(c.title.get()),
        subject(&c.subject, s),
        state(c.old, true),
        state(c.new, false)
    )
}

fn waiver(c: &WaiverChange, s: &dyn Style) -> String {
    let what = format!("{} ({})", s.id(&c.requirement), subject(&c.subject, s));
    let info = |w: &crate::results::WaiverInfo| {
        format!(
            "{} {} {} {}, {} {}: {}",
            tr("goedgekeurd door", "approved by"),
            s.input(&w.approved_by),
            tr("op", "on"),
            s.input(&w.approved_on),
            tr("geldig tot", "valid until"),
            s.input(&w.expires),
            s.input(&w.reason)
        )
    };
    match (c.event, &c.old, &c.new) {
        (WaiverEvent::Added, _, Some(n)) => {
            format!("+ {} {what}: {}", tr("nieuw", "new"), info(n))
        }
        (WaiverEvent::Removed, Some(o), _) => format!(
            "− {} {what} ({} {})",
            tr("vervallen", "removed"),
            tr("was geldig tot", "was valid until"),
            s.input(&o.expires)
        ),
        (WaiverEvent::Expired, _, Some(n)) => format!(
            "! {} {what} ({} {})",
            tr("verlopen", "expired"),
            tr("geldig tot", "valid until"),
            s.input(&n.expires)
        ),
        (_, Some(o), Some(n)) => format!(
            "~ {} {what}: {} → {}",
            tr("gewijzigd", "changed"),
            info(o),
            info(n)
        ),
        _ => what,
    }
}

fn fact(
    f: &FactChange,
    s: &dyn Style,
    put: &mut dyn FnMut(String) -> std::io::Result<()>,
) -> Result<(), RenderError> {
    let name = format!("{}/{}.{}", f.platform, f.edition, f.attribute);
    let value = if f.value_changed() {
        format!(
            "{} → {}",
            s.id(&f.old_value.to_string()),
            s.id(&f.new_value.to_string())
        )
    } else {
        format!(
            "{} ({})",
            s.id(&f.new_value.to_string()),
            tr("waarde ongewijzigd", "value unchanged")
        )
    };
    put(s.item(&format!("{}: {value}", s.id(&name))))?;
    let source = |src: &Option<std::sync::Arc<crate::model::catalogue::SourceRef>>| match src {
        Some(r) => format!(
            "{} ({}, {} {})",
            s.input(&r.title),
            s.input(&r.locator()),
            tr("gecontroleerd", "checked"),
            r.checked
        ),
        None => tr("zonder bron", "unsourced").to_string(),
    };
    let (o, n) = (
        format!(
            "{} — {}",
            source(&f.old_source),
            s.input(&origin_words(&f.old_origin))
        ),
        format!(
            "{} — {}",
            source(&f.new_source),
            s.input(&origin_words(&f.new_origin))
        ),
    );
    if o != n {
        put(s.sub_item(&format!("{} {o}", tr("bron was:", "source was:"))))?;
        put(s.sub_item(&format!("{} {n}", tr("bron nu:", "source now:"))))?;
    }
    Ok(())
}

fn provenance(p: &ProvenanceChange, s: &dyn Style) -> String {
    let what = match p.what {
        "policy.id" => tr("beleid", "policy"),
        "policy.version" => tr("beleidsversie", "policy version"),
        "policy.sha256" => tr("beleid, SHA-256", "policy, SHA-256"),
        "catalogue.sha256" => tr("catalogus, SHA-256", "catalogue, SHA-256"),
        "catalogue.oldest_fact" => tr("oudste feit", "oldest fact"),
        "catalogue.overlays" => tr("overlays (--facts)", "overlays (--facts)"),
        "remote" => tr("bronnen via HTTPS", "sources over HTTPS"),
        "fail_on" => tr("drempel (--fail-on)", "threshold (--fail-on)"),
        "tool.version" => tr("beeldbel-versie", "beeldbel version"),
        other => other,
    };
    let v = |x: &str| {
        if x.is_empty() {
            "—".to_string()
        } else {
            s.id(x)
        }
    };
    format!("{what}: {} → {}", v(&p.old), v(&p.new))
}
