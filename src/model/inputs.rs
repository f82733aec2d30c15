//! The policy and catalogue a command works with: the embedded defaults, or files named by the
//! user ([`Sources`]). Resolved settings, not command-line flags: the binary fills [`Sources`].

use std::path::PathBuf;

use crate::diag::{Code, Diagnostic, Files, Sink};
use crate::embedded;
use crate::input::{self, batch};
use crate::model::catalogue::Catalogue;
use crate::model::policy::Policy;
use crate::tr;

/// Where the policy and the catalogue come from.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Policy files replacing the embedded default policy (empty: the embedded one).
    pub policy: Vec<PathBuf>,
    /// A folder of platform files, or one file, replacing the embedded catalogue.
    pub platforms: Option<PathBuf>,
    /// Overlays (files or folders of them) applied to the catalogue, in this order.
    pub facts: Vec<PathBuf>,
}

/// The policy and catalogue a command works with.
pub struct Inputs {
    pub policy: Policy,
    pub catalogue: Catalogue,
}

fn read_all(paths: &[PathBuf], sink: &mut Sink) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .filter_map(|p| Some((p.display().to_string(), input::read_bytes(p, sink)?)))
        .collect()
}

fn embedded_inputs(list: &[(&str, &[u8])]) -> Vec<(String, Vec<u8>)> {
    list.iter()
        .map(|(n, b)| (format!("<embedded>/{n}"), b.to_vec()))
        .collect()
}

impl Sources {
    /// Loads the policy and catalogue.
    pub fn load(&self, files: &mut Files, sink: &mut Sink) -> Inputs {
        let catalogue = self.load_catalogue(files, sink);
        let policy = self.load_policy(files, sink);
        Inputs { policy, catalogue }
    }

    /// The policy: embedded, or the files of `policy`.
    pub fn load_policy(&self, files: &mut Files, sink: &mut Sink) -> Policy {
        if self.policy.is_empty() {
            return Policy::load(
                &embedded_inputs(embedded::POLICIES),
                "embedded",
                files,
                sink,
            );
        }
        let origin = self
            .policy
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        Policy::load(&read_all(&self.policy, sink), &origin, files, sink)
    }

    /// The catalogue in use: embedded, or the folder or file of `platforms`, with the overlays
    /// of `facts` applied in order.
    pub fn load_catalogue(&self, files: &mut Files, sink: &mut Sink) -> Catalogue {
        let mut catalogue = self.load_base_catalogue(files, sink);
        if !self.facts.is_empty() {
            crate::model::overlay::apply(&mut catalogue, &self.facts, files, sink);
        }
        catalogue
    }

    /// The catalogue without overlays.
    fn load_base_catalogue(&self, files: &mut Files, sink: &mut Sink) -> Catalogue {
        let Some(p) = &self.platforms else {
            return Catalogue::load(
                &embedded_inputs(embedded::PLATFORMS),
                "embedded",
                files,
                sink,
            );
        };
        let paths = if p.is_dir() {
            batch::toml_files_in(p, sink)
        } else {
            vec![p.clone()]
        };
        if paths.is_empty() && p.is_dir() {
            sink.push(Diagnostic::error(
                Code::NoInput,
                tr!(
                    "map `{}` bevat geen platformbestanden (*.toml)",
                    "folder `{}` holds no platform files (*.toml)",
                    p.display()
                ),
            ));
        }
        Catalogue::load(
            &read_all(&paths, sink),
            &p.display().to_string(),
            files,
            sink,
        )
    }
}
