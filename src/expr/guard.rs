//! Cheap checks on an expression's text before the CEL parser sees it.
//!
//! The `cel` crate parses and evaluates recursively and aborts the whole process on a stack
//! overflow (a 2,000-term `1 + 1 + …` is enough). These limits bound the input so that the parser
//! never recurses deeply; the AST limits in [`super`] bound evaluation, and the cost estimate in
//! `cost` bounds the work of one evaluation.
//!
//! The scan splits the text as the CEL lexer does (`cel` 0.15, `CEL.g4`): identifiers, numbers,
//! string and bytes literals (raw `r"…"`, triple-quoted `"""…"""`, `b`/`B` prefixes), `//`
//! comments and escaped identifiers (`` `a.b` ``). What it skips as a literal or a comment is
//! exactly what the lexer skips; a literal the lexer cannot read (unclosed, a bad escape) is
//! refused here, because the lexer would go on reading its inside as code.

/// Longest expression, in bytes.
pub const MAX_BYTES: usize = 4096;
/// Most tokens (identifiers, literals, operators, brackets).
pub const MAX_TOKENS: usize = 600;
/// Deepest nesting of `(`, `[` and `{`.
pub const MAX_NESTING: usize = 16;
/// Longest run of prefix operators (`!`, `-`).
pub const MAX_PREFIX_RUN: usize = 4;
/// Deepest syntax tree after parsing; a select chain `a.b.c` counts one level per field.
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
    /// A string or bytes literal (or an escaped identifier) the lexer cannot read.
    Literal(Broken),
}

/// A literal the CEL lexer cannot read.
#[derive(Debug, PartialEq, Eq)]
pub enum Broken {
    /// Not closed on its line (or, triple-quoted, before the end): the offset of its quote.
    Unclosed(usize),
    /// An escape sequence CEL does not have (`\q`, `\x4`): the offset of its backslash.
    Escape(usize),
    /// A `` ` `` that does not start an escaped identifier: its offset.
    Backtick(usize),
}

/// What the scanner found at one position.
enum Token {
    /// An operand: identifier, number or literal.
    Operand,
    /// Whitespace or a comment: not a token.
    Blank,
    /// One punctuation byte (operator, bracket, or a byte the lexer does not know).
    Punct(u8),
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
        let start = i;
        let (token, end) = next_token(bytes, i).map_err(Exceeded::Literal)?;
        i = end;
        if matches!(token, Token::Blank) {
            continue;
        }
        tokens += 1;
        if tokens > MAX_TOKENS {
            return Err(Exceeded::Tokens(start));
        }
        match token {
            Token::Blank => {}
            Token::Operand => {
                prev_operand = true;
                prefix_run = 0;
            }
            Token::Punct(b'(' | b'[' | b'{') => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(Exceeded::Nesting(start));
                }
                prev_operand = false;
            }
            Token::Punct(b')' | b']' | b'}') => {
                nesting = nesting.saturating_sub(1);
                prev_operand = true;
                prefix_run = 0;
            }
            Token::Punct(b'!' | b'-') if !prev_operand && !bytes[start..].starts_with(b"!=") => {
                prefix_run += 1;
                if prefix_run > MAX_PREFIX_RUN {
                    return Err(Exceeded::PrefixRun(start));
                }
            }
            Token::Punct(_) => prev_operand = false,
        }
    }
    Ok(())
}

/// The token that starts at `i` and where it ends, split as the CEL lexer splits.
fn next_token(b: &[u8], i: usize) -> Result<(Token, usize), Broken> {
    let c = b[i];
    let at = |j: usize| b.get(j).copied();
    if c.is_ascii_whitespace() {
        return Ok((Token::Blank, i + 1));
    }
    if b[i..].starts_with(b"//") {
        let end = b[i..]
            .iter()
            .position(|&x| x == b'\n')
            .map_or(b.len(), |n| i + n);
        return Ok((Token::Blank, end));
    }
    if c.is_ascii_alphabetic() || c == b'_' {
        let mut end = i + 1;
        while at(end).is_some_and(|x| x.is_ascii_alphanumeric() || x == b'_') {
            end += 1;
        }
        // A literal's prefix: `r`/`R` (raw), `b`/`B` (bytes), `b` then `r` (raw bytes). Any
        // other identifier before a quote is an identifier, and the quote starts a plain literal.
        let raw = match &b[i..end] {
            [b'r' | b'R'] | [b'b' | b'B', b'r' | b'R'] => Some(true),
            [b'b' | b'B'] => Some(false),
            _ => None,
        };
        if let (Some(raw), Some(b'"' | b'\'')) = (raw, at(end)) {
            return Ok((Token::Operand, literal_end(b, end, raw)?));
        }
        return Ok((Token::Operand, end));
    }
    if c.is_ascii_digit() || (c == b'.' && at(i + 1).is_some_and(|x| x.is_ascii_digit())) {
        return Ok((Token::Operand, number_end(b, i)));
    }
    match c {
        b'"' | b'\'' => Ok((Token::Operand, literal_end(b, i, false)?)),
        b'`' => {
            let ok = |x: u8| x.is_ascii_alphanumeric() || b"_.-/ ".contains(&x);
            let n = b[i + 1..].iter().take_while(|&&x| ok(x)).count();
            if n > 0 && at(i + 1 + n) == Some(b'`') {
                Ok((Token::Operand, i + n + 2))
            } else {
                Err(Broken::Backtick(i))
            }
        }
        _ => Ok((Token::Punct(c), i + 1)),
    }
}

/// Where the literal whose opening quote is at `q` ends (one past its closing quote).
fn literal_end(b: &[u8], q: usize, raw: bool) -> Result<usize, Broken> {
    let quote = b[q];
    let triple = b[q..].starts_with(&[quote; 3]);
    let mut i = q + if triple { 3 } else { 1 };
    loop {
        let Some(&c) = b.get(i) else {
            return Err(Broken::Unclosed(q));
        };
        if triple && b[i..].starts_with(&[quote; 3]) {
            return Ok(i + 3);
        }
        if !triple && c == quote {
            return Ok(i + 1);
        }
        if !triple && (c == b'\n' || c == b'\r') {
            return Err(Broken::Unclosed(q));
        }
        if c == b'\\' && !raw {
            i = escape_end(b, i).ok_or(Broken::Escape(i))?;
        } else {
            i += 1;
        }
    }
}

/// Where the escape sequence whose backslash is at `i` ends; `None` if CEL has no such escape.
fn escape_end(b: &[u8], i: usize) -> Option<usize> {
    let digits = |from: usize, n: usize, ok: fn(&u8) -> bool| {
        (b.len() >= from + n && b[from..from + n].iter().all(ok)).then_some(from + n)
    };
    match *b.get(i + 1)? {
        b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'"' | b'\'' | b'\\' | b'?' | b'`' => {
            Some(i + 2)
        }
        b'0'..=b'3' => digits(i + 2, 2, |x| (b'0'..=b'7').contains(x)),
        b'x' | b'X' => digits(i + 2, 2, u8::is_ascii_hexdigit),
        b'u' => digits(i + 2, 4, u8::is_ascii_hexdigit),
        b'U' => digits(i + 2, 8, u8::is_ascii_hexdigit),
        _ => None,
    }
}

/// Where the number that starts at `i` ends: `0x1F`, `12`, `12u`, `1.5`, `1e-3`, `.5e2`.
fn number_end(b: &[u8], i: usize) -> usize {
    let digits = |mut j: usize, ok: fn(&u8) -> bool| {
        while b.get(j).is_some_and(ok) {
            j += 1;
        }
        j
    };
    let uint = |j: usize| j + usize::from(matches!(b.get(j), Some(b'u' | b'U')));
    let exponent = |j: usize| {
        if !matches!(b.get(j), Some(b'e' | b'E')) {
            return j;
        }
        let k = j + 1 + usize::from(matches!(b.get(j + 1), Some(b'+' | b'-')));
        let end = digits(k, u8::is_ascii_digit);
        if end > k { end } else { j }
    };
    if b[i..].starts_with(b"0x") && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit) {
        return uint(digits(i + 2, u8::is_ascii_hexdigit));
    }
    let int_end = digits(i, u8::is_ascii_digit);
    if b.get(int_end) == Some(&b'.') && b.get(int_end + 1).is_some_and(u8::is_ascii_digit) {
        return exponent(digits(int_end + 1, u8::is_ascii_digit));
    }
    let with_exponent = exponent(int_end);
    if with_exponent > int_end {
        with_exponent
    } else {
        uint(int_end)
    }
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
        for ok in [
            r#"size(r"\") == 1"#,
            r#"b"\xff" != b'\377' && B"\u00e9" == bR"\q""#,
            r#""""a "quoted" \""" word""" != '''it's'''"#,
            r#"r"""\""" == R'''\'''"#,
            "0x1Fu + 1.5e-3 + .5 + 12u > 0 // a comment with \"\"\" and `",
            "`a.b-c/d e` == 1",
        ] {
            assert_eq!(scan(ok), Ok(()), "{ok}");
        }
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

    /// The issue's example: in a raw string a backslash is no escape, so `r"\"` ends at its
    /// second quote and the `!` run after it is code.
    #[test]
    fn a_raw_string_ends_at_its_quote() {
        let src = r#"size(r"\") == 1 && !!!!!!!!!!true"#;
        assert_eq!(
            scan(src),
            Err(Exceeded::PrefixRun(src.find("!!!!!").unwrap() + 4))
        );
        for prefix in ["r", "R", "br", "bR", "Br", "BR"] {
            for q in ["\"", "'", "\"\"\"", "'''"] {
                let src = format!(r"{prefix}{q}\{q} == {prefix}{q}x{q} && !!!!!!!true");
                assert!(matches!(scan(&src), Err(Exceeded::PrefixRun(_))), "{src}");
            }
        }
    }

    /// Only `r`, `R`, `b`, `B` and `b` then `r` prefix a literal; in `rb"…"` and `xr"…"` the
    /// lexer reads an identifier and then a plain literal, in `1r"…"` a number and a raw one.
    #[test]
    fn prefixes_are_read_as_the_lexer_reads_them() {
        // `rb` is an identifier: the literal after it is not raw, `\"` is an escape and the
        // literal runs on to the last quote.
        assert_eq!(scan(r#"rb"\" !!!!!!!!!!true ""#), Ok(()));
        assert_eq!(scan(r#"xr"\" !!!!!!!!!!true ""#), Ok(()));
        // `1r"…"` is the number 1 and a raw literal; `0xbr"…"` the number 0xb and a raw one.
        for src in [r#"1r"\" !!!!!!!!!!true "#, r#"0xbr"\" !!!!!!!!!!true "#] {
            assert!(matches!(scan(src), Err(Exceeded::PrefixRun(_))), "{src}");
        }
    }

    #[test]
    fn comments_and_escaped_identifiers_hide_nothing() {
        // A quote in a comment opens no literal.
        assert!(matches!(
            scan("true // \"\"\"\n && !!!!!!!!true // \"\"\""),
            Err(Exceeded::PrefixRun(_))
        ));
        // `//` inside an escaped identifier is no comment.
        assert!(matches!(
            scan("`a//b` && !!!!!!!!true"),
            Err(Exceeded::PrefixRun(_))
        ));
        // A comment is not a token and does not end a run of prefix operators.
        assert!(matches!(
            scan("!!! // x\n !!! true"),
            Err(Exceeded::PrefixRun(_))
        ));
    }

    /// A literal the lexer cannot read is refused: the lexer would read its inside as code.
    #[test]
    fn broken_literals_are_refused() {
        for (src, broken) in [
            (r#""abc"#, Broken::Unclosed(0)),
            ("x == 'a\nb'", Broken::Unclosed(5)),
            (r#""""abc""#, Broken::Unclosed(0)),
            (r#"r"abc"#, Broken::Unclosed(1)),
            (r#""a\q !!!!!!!!!true""#, Broken::Escape(2)),
            (r#""\x4g""#, Broken::Escape(1)),
            (r#""\u12""#, Broken::Escape(1)),
            (r#""\477""#, Broken::Escape(1)),
            (r#""\"#, Broken::Escape(1)),
            ("`a` + `", Broken::Backtick(6)),
            ("`a\"b` + 1", Broken::Backtick(0)),
        ] {
            assert_eq!(scan(src), Err(Exceeded::Literal(broken)), "{src}");
        }
    }

    #[test]
    fn escapes_cel_has_are_accepted() {
        for e in [
            r"\a",
            r"\b",
            r"\f",
            r"\n",
            r"\r",
            r"\t",
            r"\v",
            r#"\""#,
            r"\'",
            r"\\",
            r"\?",
            r"\`",
            r"\012",
            r"\377",
            r"\x0A",
            r"\XfF",
            r"\u00e9",
            r"\U0001F600",
        ] {
            let src = format!("\"{e}\" == '{e}'");
            assert_eq!(scan(&src), Ok(()), "{src}");
        }
    }

    #[test]
    fn numbers_end_where_the_lexer_ends_them() {
        for (src, end) in [
            ("12", 2),
            ("12u", 3),
            ("0x1F", 4),
            ("0x1FU", 5),
            ("0x", 1),
            ("1.5", 3),
            ("1.", 1),
            ("1e5", 3),
            ("1e+5", 4),
            ("1e+", 1),
            (".5e-2", 5),
            ("1.5e3u", 5),
        ] {
            assert_eq!(number_end(src.as_bytes(), 0), end, "{src}");
        }
    }
}
