//! Text from an input must not steer the terminal or document it is shown in: control characters
//! (escape sequences, bell, carriage return …) are replaced by U+FFFD wherever beeldbel shows
//! user-derived text: in reports (`render`) and in diagnostics on stderr ([`crate::diag`]).

/// A control character an input must not get into a report or onto stderr: everything but line
/// breaks and tabs.
pub fn is_unwanted(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// `s` with control characters (other than line breaks and tabs) replaced by U+FFFD, so an input
/// cannot move the cursor, recolour a terminal or break a document.
pub fn without_controls(s: &str) -> String {
    s.replace(is_unwanted, "\u{FFFD}")
}

/// As [`without_controls`], borrowed when `s` has no control characters.
pub fn without_controls_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(is_unwanted) {
        std::borrow::Cow::Owned(without_controls(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// As [`without_controls`] for text shown on a terminal: a carriage return that ends a line
/// (a file saved with Windows line ends) is dropped rather than shown as U+FFFD.
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(is_unwanted) {
        std::borrow::Cow::Owned(without_controls(&s.replace("\r\n", "\n")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_replacement_characters() {
        let hostile = "a\x1b[2Jb\x07\r\nc\td\u{85}e\u{7f}";
        assert_eq!(
            without_controls(hostile),
            "a\u{FFFD}[2Jb\u{FFFD}\u{FFFD}\nc\td\u{FFFD}e\u{FFFD}"
        );
        assert!(matches!(
            without_controls_cow("plain\ttext\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn terminal_text_keeps_windows_line_ends_as_line_ends() {
        assert_eq!(for_terminal("a\r\nb\x1b\rc"), "a\nb\u{FFFD}\u{FFFD}c");
    }
}
