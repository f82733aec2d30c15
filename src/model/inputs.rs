//! The policy and catalogue a command works with: the embedded defaults, or files named by the
//! user ([`Sources`]). Resolved settings, not command-line flags: the binary fills [`Sources`].

use std::path::PathBuf;

use crate::diag::{Code, Diagnostic, Files, Sink};
use crate::embedded;
use crate::input::remote::{self, Fetched, RemoteSource};
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
    /// How `https://` entries of the three are fetched (`None`: the defaults).
    pub remote: Option<remote::Shared>,
}

/// The policy and catalogue a command works with.
pub struct Inputs {
    pub policy: Policy,
    pub catalogue: Catalogue,
}

/// The URL of a path argument that is one (`https://…`, maybe with `#sha256=`).
fn url_of(p: &std::path::Path) -> Option<&str> {
    p.to_str().filter(|s| remote::is_url(s))
}

/// Reads local files and fetches URLs; each as (name, bytes), a URL named without its pin.
/// The fetched ones are added to `fetched`, for provenance.
fn read_all(
    paths: &[PathBuf],
    fetcher: &Option<remote::Shared>,
    fetched: &mut Vec<RemoteSource>,
    sink: &mut Sink,
) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .filter_map(|p| match url_of(p) {
            Some(url) => {
                let f = fetch(url, fetcher, sink)?;
                fetched.push(f.source.clone());
                Some((f.source.url, f.bytes))
            }
            None => Some((p.display().to_string(), input::read_bytes(p, sink)?)),
        })
        .collect()
}

fn fetch(url: &str, fetcher: &Option<remote::Shared>, sink: &mut Sink) -> Option<Fetched> {
    let shared = fetcher
        .clone()
        .unwrap_or_else(|| remote::Fetcher::shared(remote::Settings::default()));
    let mut f = shared.lock().unwrap_or_else(|e| e.into_inner());
    f.fetch(url, sink)
}

/// How a path or URL argument is named in reports: a URL without its `#sha256=` pin.
fn shown(p: &std::path::Path) -> String {
    match url_of(p) {
        Some(url) => remote::split_pin(url)
            .map(|(u, _)| u)
            .unwrap_or_else(|_| url.to_string()),
        None => p.display().to_string(),
    }
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
            .map(|p| shown(p))
            .collect::<Vec<_>>()
            .join(", ");
        let mut fetched = Vec::new();
        let read = read_all(&self.policy, &self.remote, &mut fetched, sink);
        let mut policy = Policy::load(&read, &origin, files, sink);
        policy.remote = fetched;
        policy
    }

    /// The catalogue in use: embedded, or the folder or file of `platforms`, with the overlays
    /// of `facts` applied in order.
    pub fn load_catalogue(&self, files: &mut Files, sink: &mut Sink) -> Catalogue {
        let mut catalogue = self.load_base_catalogue(files, sink);
        if !self.facts.is_empty() {
            // Folders are expanded, URLs fetched, in the order given.
            let mut paths = Vec::new();
            for p in &self.facts {
                if url_of(p).is_some() {
                    paths.push(p.clone());
                } else {
                    paths.extend(crate::model::overlay::overlay_files(
                        std::slice::from_ref(p),
                        sink,
                    ));
                }
            }
            let mut fetched = Vec::new();
            let read = read_all(&paths, &self.remote, &mut fetched, sink);
            crate::model::overlay::apply_read(&mut catalogue, &read, files, sink);
            catalogue.remote.extend(fetched);
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
        if url_of(p).is_some() {
            // A URL is one platform file (docs/remote.md).
            let mut fetched = Vec::new();
            let read = read_all(std::slice::from_ref(p), &self.remote, &mut fetched, sink);
            let mut catalogue = Catalogue::load(&read, &shown(p), files, sink);
            catalogue.remote = fetched;
            return catalogue;
        }
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
            &read_all(&paths, &None, &mut Vec::new(), sink),
            &p.display().to_string(),
            files,
            sink,
        )
    }
}
