//! The field definitions of the policy, catalogue, organisation, appointment and answers files, and of
//! the CEL variables, one file per kind. `docs/formats.md` documents them; `beeldbel schema`
//! prints them. Every enumerated value carries its Dutch and English label beside it
//! ([`enum_values!`]), so reports, the DPIA draft and the JSON Schemas show the same words.

use super::{Field, Ty};

/// Defines an enumerated field's values twice from one list: `NAME` (the ids, for command-line
/// parsers and loops) and `NAME_VALUES` (each id with its Dutch and English label, for
/// [`Ty::Enum`]).
macro_rules! enum_values {
    ($ids:ident, $values:ident; $($id:literal => $nl:literal, $en:literal;)+) => {
        #[doc = concat!("The values of `", stringify!($ids), "`, with their labels.")]
        pub const $values: &[$crate::schema::EnumValue] =
            &[$($crate::schema::EnumValue { id: $id, nl: $nl, en: $en }),+];
        #[doc = concat!("The ids of [`", stringify!($values), "`].")]
        pub const $ids: &[&str] = &[$($id),+];
    };
}

mod answers;
mod appointment;
mod org;
mod platform;
mod policy;
mod source;

pub use answers::*;
pub use appointment::*;
pub use org::*;
pub use platform::*;
pub use policy::*;
pub use source::*;

// ---------------------------------------------------------------------------------------------
// Shared

/// `{ nl = "…", en = "…" }`
pub const LOCALIZED: &[Field] = &[
    Field::req("nl", Ty::Str, "Nederlandse tekst"),
    Field::req("en", Ty::Str, "English text"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_view_is_the_file_minus_deployments_waivers_and_sources() {
        let names: Vec<_> = org_view().iter().map(|f| f.name).collect();
        assert!(!names.contains(&"deployments") && !names.contains(&"waivers"));
        assert!(!names.contains(&"sources"));
        assert_eq!(names.len() + 3, ORG_FILE.len());
    }
}
