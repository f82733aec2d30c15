//! Cheap checks on an expression's text before the CEL parser sees it.
//!
//! The `cel` crate parses and evaluates recursively and aborts the whole process on a stack
//! overflow (a 2,000-term `1 + 1 + …` is enough). These limits bound the input so that the parser
//! never recurses deeply; the AST limits in [`super`] bound evaluation.

/// Longest expression, in bytes.
pub const MAX_BYTES: usize = 4096;
/// Most tokens (identifiers, literals, operators, brackets).
pub const MAX_TOKENS: usize = 600;
/// Deepest nesting of `(`, `[` and `{`.
pub const MAX_NESTING: usize = 16;
/// Longest run of prefix operators (`!`, `-`).
pub const MAX_PREFIX_RUN: usize = 4;
/// Deepest syntax tree after parsing.
pub const MAX_DEPTH: usize = 40;
/// Most syntax-tree nodes after parsing.
pub const MAX_NODES: usize = 400;
/// Deepest nesting of comprehensions (`all`, `exists`, `map`, …): each level multiplies the
/// work, so three levels over modest lists already keep a machine busy for minutes.
pub const MAX_COMPREHENSION_NESTING: usize = 2;

/// Which limit an expression exceeds, with the byte offset where it did.
#[derive(Debug, PartialEq, Eq)]
pub enum Exceeded {
    Bytes(usize),
    Tokens(usize),
    Nesting(usize),
    PrefixRun(usize),
}

/// Scans `src` and reports the first limit it exceeds.
pub fn scan(src: &str) -> Result<(), Exceeded> {
    if src.len() > MAX_BYTES {
        return Err(Exceeded::Bytes(MAX_BYTES));
    }
    let bytes = src.as_bytes();
    let (mut tokens, mut nesting, mut prefix_run) = (0usize, 0usize, 0usize);
    let mut prev_operand = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        tokens += 1;
        if tokens > MAX_TOKENS {
            return Err(Exceeded::Tokens(start));
        }
        match c {
            b'"' | b'\'' => {
                // A string literal: skip to the closing quote (triple quotes included).
                let triple = bytes[i..].starts_with(&[c, c, c]);
                let quote_len = if triple { 3 } else { 1 };
                i += quote_len;
                while i < bytes.len() {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if (triple && bytes[i..].starts_with(&[c, c, c])) || (!triple && bytes[i] == c)
                    {
                        i += quote_len;
                        break;
                    }
                    i += 1;
                }
                prev_operand = true;
                prefix_run = 0;
                continue;
            }
            b'(' | b'[' | b'{' => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(Exceeded::Nesting(start));
                }
                prev_operand = false;
            }
            b')' | b']' | b'}' => {
                nesting = nesting.saturating_sub(1);
                prev_operand = true;
                prefix_run = 0;
            }
            b'!' | b'-' if !prev_operand && !bytes[i..].starts_with(b"!=") => {
                prefix_run += 1;
                if prefix_run > MAX_PREFIX_RUN {
                    return Err(Exceeded::PrefixRun(start));
                }
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' && prev_operand => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                if i == start {
                    i += 1;
                }
                prev_operand = true;
                prefix_run = 0;
                continue;
            }
            _ => prev_operand = false,
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_checks_pass() {
        assert_eq!(
            scan(r#"org.dpia.status == "completed" && !(x != 1) && -1 < 0"#),
            Ok(())
        );
    }

    #[test]
    fn long_and_deep_inputs_are_refused() {
        assert!(matches!(
            scan(&vec!["1"; 2000].join(" + ")),
            Err(Exceeded::Bytes(_))
        ));
        assert!(matches!(
            scan(&vec!["1"; 1000].join("+")),
            Err(Exceeded::Tokens(_))
        ));
        assert!(matches!(
            scan(&format!("{}1{}", "(".repeat(50), ")".repeat(50))),
            Err(Exceeded::Nesting(_))
        ));
        assert!(matches!(
            scan(&format!("{}true", "!".repeat(50))),
            Err(Exceeded::PrefixRun(_))
        ));
        assert!(matches!(scan(&"a".repeat(5000)), Err(Exceeded::Bytes(_))));
    }
}
