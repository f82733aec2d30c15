//! A small, bounded reader of the JavaScript object literal in Jitsi Meet's `config.js`
//! (`var config = { … };`). The file is read as data and never executed: comments, strings
//! (single, double, and backtick strings without `${`), numbers, booleans, `null`/`undefined`,
//! arrays, nested objects and trailing commas are understood; anything else in a value position
//! (an identifier, a concatenation such as `'conference.' + subdomain`, a call, a condition) is
//! kept as [`Value::Expr`], "not a literal", and skipped up to the next `,`, `}` or `]`.
//!
//! Limits: [`MAX_BYTES`] of input, [`MAX_DEPTH`] levels of nesting and [`MAX_TOKENS`] tokens.
//! Every problem, a broken limit included, is a [`ParseError`] with its byte offset; no input
//! makes the reader panic, recurse without bound or loop.

/// The largest `config.js` read (2 MiB; Jitsi's own is about 80 KiB).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The deepest nesting of objects and arrays.
pub const MAX_DEPTH: usize = 64;
/// The most tokens read.
pub const MAX_TOKENS: usize = 500_000;

/// A value of the object literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Array(Vec<Value>),
    /// Keys and values in file order (a repeated key: the last one counts, as in JavaScript).
    Object(Vec<(String, Value)>),
    /// Not a literal (an identifier, a concatenation, a call): its value is only known at run time.
    Expr,
}

impl Value {
    /// The value at a dotted path (`p2p.stunServers`); the last of repeated keys.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut v = self;
        for key in path.split('.') {
            let Value::Object(entries) = v else {
                return None;
            };
            v = entries
                .iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v)?;
        }
        Some(v)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Why the file could not be read, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    TooLarge(usize),
    TooDeep,
    TooManyTokens,
    UnterminatedString,
    UnterminatedComment,
    UnexpectedChar(char),
    Unexpected(String),
    NoConfig,
}

impl ParseError {
    /// The problem, in Dutch and English.
    pub fn text(&self) -> crate::i18n::Text {
        use crate::both;
        match &self.kind {
            ErrorKind::TooLarge(n) => both!(
                "het bestand is {n} bytes, meer dan de grens van {MAX_BYTES} bytes",
                "the file is {n} bytes, more than the limit of {MAX_BYTES} bytes"
            ),
            ErrorKind::TooDeep => both!(
                "meer dan {MAX_DEPTH} niveaus van geneste objecten of lijsten",
                "more than {MAX_DEPTH} levels of nested objects or arrays"
            ),
            ErrorKind::TooManyTokens => both!(
                "meer dan {MAX_TOKENS} onderdelen (tokens)",
                "more than {MAX_TOKENS} tokens"
            ),
            ErrorKind::UnterminatedString => {
                both!(
                    "een tekenreeks die niet wordt afgesloten",
                    "an unterminated string"
                )
            }
            ErrorKind::UnterminatedComment => {
                both!(
                    "commentaar dat niet wordt afgesloten",
                    "an unterminated comment"
                )
            }
            ErrorKind::UnexpectedChar(c) => {
                let c = c.escape_debug();
                both!("onverwacht teken '{c}'", "unexpected character '{c}'")
            }
            ErrorKind::Unexpected(what) => both!("onverwacht: {what}", "unexpected: {what}"),
            ErrorKind::NoConfig => both!(
                "geen `var config = {{ … }}` gevonden",
                "no `var config = {{ … }}` found"
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Num(f64),
    /// A string with `${…}` in it: not a literal.
    Template,
    Punct(char),
    End,
}

struct Lexer<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    count: usize,
}

impl<'a> Lexer<'a> {
    fn err(&self, offset: usize, kind: ErrorKind) -> ParseError {
        ParseError { offset, kind }
    }

    fn skip_space_and_comments(&mut self) -> Result<(), ParseError> {
        loop {
            match self.src.get(self.pos..self.pos + 2) {
                Some(b"//") => {
                    while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                }
                Some(b"/*") => {
                    let start = self.pos;
                    match self.text[self.pos + 2..].find("*/") {
                        Some(i) => self.pos += 2 + i + 2,
                        None => return Err(self.err(start, ErrorKind::UnterminatedComment)),
                    }
                }
                _ => match self.src.get(self.pos) {
                    Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                    _ => {
                        // Non-ASCII white space (a no-break space, U+FEFF) counts as space.
                        let c = self.text[self.pos..].chars().next();
                        match c {
                            Some(c) if c.is_whitespace() || c == '\u{feff}' => {
                                self.pos += c.len_utf8()
                            }
                            _ => return Ok(()),
                        }
                    }
                },
            }
        }
    }

    /// The next token and its offset.
    fn next(&mut self) -> Result<(Tok, usize), ParseError> {
        self.skip_space_and_comments()?;
        let start = self.pos;
        self.count += 1;
        if self.count > MAX_TOKENS {
            return Err(self.err(start, ErrorKind::TooManyTokens));
        }
        let Some(c) = self.text[self.pos..].chars().next() else {
            return Ok((Tok::End, start));
        };
        let tok = match c {
            '\'' | '"' | '`' => self.string(c)?,
            '0'..='9' => self.number(),
            '.' if self.src.get(self.pos + 1).is_some_and(u8::is_ascii_digit) => self.number(),
            c if c == '_' || c == '$' || c.is_alphabetic() => {
                let end = self.text[self.pos..]
                    .char_indices()
                    .find(|&(_, c)| !(c == '_' || c == '$' || c.is_alphanumeric()))
                    .map_or(self.text.len(), |(i, _)| self.pos + i);
                let word = self.text[self.pos..end].to_string();
                self.pos = end;
                Tok::Ident(word)
            }
            c if c.is_ascii_punctuation() => {
                self.pos += 1;
                Tok::Punct(c)
            }
            c => return Err(self.err(start, ErrorKind::UnexpectedChar(c))),
        };
        Ok((tok, start))
    }

    fn number(&mut self) -> Tok {
        let end = self.src[self.pos..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_'))
            .map_or(self.src.len(), |i| self.pos + i);
        let raw = self.text[self.pos..end].replace('_', "");
        self.pos = end;
        let n = if let Some(hex) = raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
            u64::from_str_radix(hex, 16).map(|n| n as f64).ok()
        } else {
            raw.parse::<f64>().ok()
        };
        // A malformed number (`1e`, `0x`) is not a literal.
        n.map_or(Tok::Template, Tok::Num)
    }

    fn string(&mut self, quote: char) -> Result<Tok, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut template = false;
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(self.err(start, ErrorKind::UnterminatedString));
            };
            self.pos += c.len_utf8();
            match c {
                c if c == quote => break,
                '\n' if quote != '`' => return Err(self.err(start, ErrorKind::UnterminatedString)),
                '$' if quote == '`' && self.src.get(self.pos) == Some(&b'{') => template = true,
                '\\' => {
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        return Err(self.err(start, ErrorKind::UnterminatedString));
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        '0' => out.push('\0'),
                        'u' | 'x' => {
                            let len = if e == 'x' { 2 } else { 4 };
                            let hex = self.text.get(self.pos..self.pos + len).unwrap_or("");
                            match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                                Some(ch) if hex.len() == len => {
                                    out.push(ch);
                                    self.pos += len;
                                }
                                _ => out.push(e),
                            }
                        }
                        '\n' => {}
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
        Ok(if template {
            Tok::Template
        } else {
            Tok::Str(out)
        })
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    at: usize,
}

impl Parser<'_> {
    fn bump(&mut self) -> Result<(), ParseError> {
        let (tok, at) = self.lex.next()?;
        self.tok = tok;
        self.at = at;
        Ok(())
    }

    fn unexpected(&self, what: &str) -> ParseError {
        let found = match &self.tok {
            Tok::Ident(s) => format!("`{}`", s.chars().take(40).collect::<String>()),
            Tok::Str(_) | Tok::Template => "string".to_string(),
            Tok::Num(n) => n.to_string(),
            Tok::Punct(c) => format!("`{c}`"),
            Tok::End => "end of file".to_string(),
        };
        ParseError {
            offset: self.at,
            kind: ErrorKind::Unexpected(format!("{found} ({what})")),
        }
    }

    fn is(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }

    /// A value; `depth` counts the objects and arrays around it.
    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(ParseError {
                offset: self.at,
                kind: ErrorKind::TooDeep,
            });
        }
        let v = match self.tok.clone() {
            Tok::Punct('{') => self.object(depth + 1)?,
            Tok::Punct('[') => self.array(depth + 1)?,
            Tok::Str(s) => {
                self.bump()?;
                Value::Str(s)
            }
            Tok::Num(n) => {
                self.bump()?;
                Value::Num(n)
            }
            Tok::Punct('-') => {
                self.bump()?;
                match self.tok {
                    Tok::Num(n) => {
                        self.bump()?;
                        Value::Num(-n)
                    }
                    _ => Value::Expr,
                }
            }
            Tok::Ident(w) if matches!(w.as_str(), "true" | "false" | "null" | "undefined") => {
                self.bump()?;
                match w.as_str() {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => Value::Null,
                }
            }
            Tok::Punct('}' | ']' | ',') | Tok::End => return Err(self.unexpected("a value")),
            _ => Value::Expr,
        };
        // Anything after the literal up to the end of the entry (`+ subdir`, `? a : b`,
        // `.join()`) makes the whole an expression.
        if self.is(',') || self.is('}') || self.is(']') || self.tok == Tok::End || self.is(';') {
            return Ok(v);
        }
        self.skip_expression(depth)?;
        Ok(Value::Expr)
    }

    /// Skips tokens up to a `,`, `}`, `]` or `;` outside brackets, counting the brackets.
    fn skip_expression(&mut self, depth: usize) -> Result<(), ParseError> {
        let mut stack: Vec<char> = Vec::new();
        loop {
            match self.tok {
                Tok::End => return Err(self.unexpected("the end of a value")),
                Tok::Punct(c @ ('(' | '[' | '{')) => {
                    if depth + stack.len() >= MAX_DEPTH {
                        return Err(ParseError {
                            offset: self.at,
                            kind: ErrorKind::TooDeep,
                        });
                    }
                    stack.push(match c {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    });
                }
                Tok::Punct(c @ (')' | ']' | '}')) => match stack.last() {
                    Some(&open) if open == c => {
                        stack.pop();
                    }
                    None if c != ')' => return Ok(()),
                    _ => return Err(self.unexpected("a bracket that does not match")),
                },
                Tok::Punct(',' | ';') if stack.is_empty() => return Ok(()),
                _ => {}
            }
            self.bump()?;
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.bump()?; // `{`
        let mut entries = Vec::new();
        loop {
            if self.is('}') {
                self.bump()?;
                return Ok(Value::Object(entries));
            }
            if self.is('.') {
                // `...spread`: not a literal entry.
                self.skip_expression(depth)?;
            } else {
                let key = match &self.tok {
                    Tok::Ident(s) | Tok::Str(s) => s.clone(),
                    Tok::Num(n) => n.to_string(),
                    _ => return Err(self.unexpected("a key")),
                };
                self.bump()?;
                if !self.is(':') {
                    return Err(self.unexpected("`:` after a key"));
                }
                self.bump()?;
                let v = self.value(depth)?;
                entries.push((key, v));
            }
            if self.is(',') {
                self.bump()?;
            } else if !self.is('}') {
                return Err(self.unexpected("`,` or `}`"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.bump()?; // `[`
        let mut items = Vec::new();
        loop {
            if self.is(']') {
                self.bump()?;
                return Ok(Value::Array(items));
            }
            items.push(self.value(depth)?);
            if self.is(',') {
                self.bump()?;
            } else if !self.is(']') {
                return Err(self.unexpected("`,` or `]`"));
            }
        }
    }
}

/// The value assigned to `config` (`var config = {…}`, also with `let`/`const` or without a
/// keyword) in the text of a `config.js`.
pub fn parse_config(text: &str) -> Result<Value, ParseError> {
    parse_assigned(text, "config")
}

/// The value assigned to the top-level variable `name`.
pub fn parse_assigned(text: &str, name: &str) -> Result<Value, ParseError> {
    if text.len() > MAX_BYTES {
        return Err(ParseError {
            offset: 0,
            kind: ErrorKind::TooLarge(text.len()),
        });
    }
    let mut p = Parser {
        lex: Lexer {
            src: text.as_bytes(),
            text,
            pos: 0,
            count: 0,
        },
        tok: Tok::End,
        at: 0,
    };
    p.bump()?;
    // Scan the statements before it for `name =` (not `==`, not `.name =`).
    let mut prev_dot = false;
    loop {
        match &p.tok {
            Tok::End => {
                return Err(ParseError {
                    offset: text.len(),
                    kind: ErrorKind::NoConfig,
                });
            }
            Tok::Ident(w) if w == name && !prev_dot => {
                p.bump()?;
                if p.is('=') {
                    p.bump()?;
                    if !p.is('=') {
                        return p.value(0);
                    }
                }
                prev_dot = false;
                continue;
            }
            t => prev_dot = *t == Tok::Punct('.'),
        }
        p.bump()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_literal_forms() {
        let v = parse_config(
            "/* head */ var x = 1; var config = {\n // c\n a: 'x\\'y', \"b\": true, c: -2.5, d: [1, 'two', null,],\n e: { f: { g: false } }, h: undefined, i: `tpl`, j: 0x10,\n};",
        )
        .unwrap();
        assert_eq!(v.get("a"), Some(&Value::Str("x'y".into())));
        assert_eq!(v.get("b"), Some(&Value::Bool(true)));
        assert_eq!(v.get("c"), Some(&Value::Num(-2.5)));
        assert_eq!(
            v.get("d"),
            Some(&Value::Array(vec![
                Value::Num(1.0),
                Value::Str("two".into()),
                Value::Null
            ]))
        );
        assert_eq!(v.get("e.f.g"), Some(&Value::Bool(false)));
        assert_eq!(v.get("h"), Some(&Value::Null));
        assert_eq!(v.get("i"), Some(&Value::Str("tpl".into())));
        assert_eq!(v.get("j"), Some(&Value::Num(16.0)));
    }

    #[test]
    fn expressions_are_kept_as_not_a_literal() {
        let v = parse_config(
            "var subdir = '<!--# echo -->';\nif (subdir.startsWith('<!--')) { subdir = ''; }\nvar config = { muc: 'conference.' + subdomain + 'x', bosh: `https://${h}/`, f: a ? { b: 1 } : [2], n: 3 };",
        )
        .unwrap();
        assert_eq!(v.get("muc"), Some(&Value::Expr));
        assert_eq!(v.get("bosh"), Some(&Value::Expr));
        assert_eq!(v.get("f"), Some(&Value::Expr));
        assert_eq!(v.get("n"), Some(&Value::Num(3.0)));
    }

    #[test]
    fn config_dot_assignments_and_comparisons_are_not_the_config() {
        let v = parse_config("if (config == 1) {}; x.config = 2; var config = { a: 1 };").unwrap();
        assert_eq!(v.get("a"), Some(&Value::Num(1.0)));
    }

    #[test]
    fn errors_name_the_place() {
        let e = parse_config("var config = { a: 'open\n };").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnterminatedString);
        assert_eq!(e.offset, 18);
        let e = parse_config("var config = { a: 1 /* x").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnterminatedComment);
        assert_eq!(
            parse_config("var x = 1;").unwrap_err().kind,
            ErrorKind::NoConfig
        );
        let e = parse_config("var config = { a 1 }").unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Unexpected(_)));
    }

    #[test]
    fn limits_hold() {
        let deep = format!("var config = {}", "[".repeat(10_000));
        assert_eq!(parse_config(&deep).unwrap_err().kind, ErrorKind::TooDeep);
        let deep_expr = format!("var config = {{ a: f{} }}", "(".repeat(10_000));
        assert_eq!(
            parse_config(&deep_expr).unwrap_err().kind,
            ErrorKind::TooDeep
        );
        let big = format!("var config = {{ a: '{}' }}", "x".repeat(MAX_BYTES));
        assert!(matches!(
            parse_config(&big).unwrap_err().kind,
            ErrorKind::TooLarge(_)
        ));
        let many = format!("var config = [{}]", "1,".repeat(MAX_TOKENS));
        assert_eq!(
            parse_config(&many).unwrap_err().kind,
            ErrorKind::TooManyTokens
        );
    }

    proptest::proptest! {
        #[test]
        fn any_input_gives_a_value_or_an_error(s in "\\PC{0,300}") {
            let _ = parse_config(&s);
            let _ = parse_config(&format!("var config = {s}"));
        }

        #[test]
        fn js_like_input_never_panics(s in "[{}\\[\\]:,'\"`/*a-z0-9 .$+\\-\\\\\n]{0,300}") {
            let _ = parse_config(&format!("var config = {s}"));
        }
    }
}
