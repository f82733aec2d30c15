//! Enums a user picks by name (a flag's value, a format): the names live here, beside the enum,
//! and the binary builds its command-line parsers from them. No command-line library in here.

/// An enum chosen by name.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];
    /// The name the user types.
    fn name(self) -> &'static str;
    /// One line of help for the value (empty: none).
    fn help(self) -> &'static str {
        ""
    }
}

/// The value named `name`, if any.
pub fn from_name<T: Choice>(name: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.name() == name)
}

/// Implements [`Choice`] for an enum: `choice!(Format { Text = "text" "help", … })`.
#[macro_export]
macro_rules! choice {
    ($ty:ty { $($variant:ident = $name:literal $($help:literal)?),+ $(,)? }) => {
        impl $crate::choice::Choice for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn name(self) -> &'static str {
                match self { $(<$ty>::$variant => $name),+ }
            }
            fn help(self) -> &'static str {
                match self { $(<$ty>::$variant => [$($help,)? ""][0]),+ }
            }
        }
    };
}
