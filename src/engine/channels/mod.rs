//! `beeldbel channels`: every platform edition in the catalogue rated for the register's list of
//! acceptable channels (Cahier 28 §4.4.2, §4.5).
//!
//! The engine decides, not this module. For each edition, a model organisation that took every
//! organisation-level measure ([`model_org`]) gets one deployment of the edition and is evaluated
//! twice by the check engine ([`rate`]):
//!
//! - **defaults**: the settings the edition ships with, as far as the catalogue knows them
//!   (`default_<setting>` attributes, or a capability fact that fixes the setting);
//! - **protective**: the most protective settings the edition supports, derived from its facts by
//!   [`PROFILE`] — the one place that says, per deployment field, what "most protective" means.
//!
//! The model organisation is built as data — the validated [`crate::model::org::Org`] value,
//! constructed directly, with the deployment's fields set from the profile — never written as
//! TOML and parsed back. Organisation measures (the model organisation, a signed processor
//! agreement where the edition offers one, a transfer basis, functional accounts) are present in
//! both evaluations; only the settings differ. The outcomes give the [`Rating`]; the list is a
//! [`ChannelsReport`] (`crate::results::channels`), which `crate::render::channels` renders;
//! `docs/channels.md` explains it for privacy officers.

mod conditions;
mod model_org;
mod previous;
mod profile;
mod rate;
mod texts;

use chrono::NaiveDate;

use crate::diag::{Files, Sink};
use crate::engine::check::{Evaluator, Settings};
use crate::i18n::tr;
use crate::model::catalogue::Catalogue;
use crate::model::policy::{Policy, Severity};
use crate::results::{CatalogueInfo, PolicyInfo, Tool};
use model_org::ModelOrganisation;

pub use crate::results::channels::{
    Advice, ChannelRating, ChannelsReport, Condition, Counts, Measure, MissingFact, Only, Rating,
    Reason, RequirementRow, SCHEMA_VERSION, SettingProfile, SettingValue, Value,
};
pub use previous::{Previous, compare, read_previous};
pub use profile::{Entry, Facts, Kind, PROFILE};
pub use texts::{REASONS, UNKNOWN};

/// Rates every edition of the catalogue. The model organisation is registered in `files`;
/// warnings of the evaluation, if any, go to `sink`.
pub fn evaluate(
    policy: &Policy,
    catalogue: &Catalogue,
    today: NaiveDate,
    files: &mut Files,
    sink: &mut Sink,
) -> ChannelsReport {
    let settings = Settings {
        today,
        fail_on: Severity::Medium,
    };
    let evaluator = Evaluator::new(policy, catalogue, settings);
    let model = ModelOrganisation::new(today, files);
    let ctx = rate::Context {
        evaluator: &evaluator,
        policy,
        model: &model,
        today,
    };
    let mut editions = Vec::new();
    for platform in &catalogue.platforms {
        for edition in &platform.editions {
            editions.push(ctx.rate(platform, edition, sink));
        }
    }
    let key = |e: &ChannelRating| {
        (
            e.rating,
            e.platform_name.to_lowercase(),
            e.edition_name.to_lowercase(),
            e.platform.clone(),
            e.edition.clone(),
        )
    };
    editions.sort_by_key(key);
    let mut counts = Counts::default();
    for e in &editions {
        counts.add(e.rating);
    }
    ChannelsReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool::current(),
        evaluated_on: today.to_string(),
        lang: crate::i18n::lang(),
        policy: PolicyInfo::of(policy),
        catalogue: CatalogueInfo::of(
            catalogue,
            crate::results::channels::oldest_fact(&editions),
        ),
        basis: tr(
            "Elke editie is beoordeeld voor een modelorganisatie die gezondheidsgegevens verwerkt en alle organisatiemaatregelen heeft genomen (DPIA voor het platform, beleid beeldbellen, nooit opnemen, cliënten vooraf geïnformeerd en met een keuze), met de maatregelen die per editie zijn genoemd. Een editie in eigen beheer host de modelorganisatie zelf, op eigen servers in de EU (er is dan geen verwerker). De platformeisen lezen alleen catalogusfeiten; de inzeteisen zijn twee keer beoordeeld: met de standaardinstellingen van de editie en met de meest beschermende instellingen die zij biedt.",
            "Each edition is rated for a model organisation that processes health data and took every organisation measure (a DPIA covering the platform, a video-calling policy, never recording, clients informed beforehand and given a choice), with the measures listed per edition. The model organisation hosts a self-hosted edition itself, on its own servers in the EU (so there is no processor). Platform requirements read catalogue facts only; deployment requirements were evaluated twice: with the edition's default settings and with the most protective settings it supports.",
        )
        .to_string(),
        only: None,
        counts,
        changes: None,
        editions,
        notice: tr(
            "Deze lijst is geen juridisch advies. Zij toetst de feiten in de catalogus aan het beleid, onder de genoemde aannames; een organisatie blijft zelf verantwoordelijk voor haar keuze, haar DPIA en het advies van haar functionaris gegevensbescherming.",
            "This list is not legal advice. It tests the facts in the catalogue against the policy, under the assumptions stated; an organisation remains responsible for its own choice, its DPIA and its data protection officer's advice.",
        )
        .to_string(),
    }
}
