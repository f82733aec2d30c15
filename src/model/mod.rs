//! Validated inputs: the policy with compiled checks, the platform catalogue, the organisation.
//! Each is loaded from files with every problem reported as a diagnostic.

pub mod catalogue;
pub mod export;
pub mod inputs;
pub mod org;
pub mod overlay;
pub mod policy;
pub mod source;
