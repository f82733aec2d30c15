//! Hostile CEL never takes the process down. The `cel` crate parses and evaluates recursively and
//! aborts the whole process on a stack overflow, so `beeldbel::expr::compile` guards every
//! expression first. These properties feed it arbitrary text and generated deep or long
//! expressions: it must return (a compiled expression or diagnostics), never panic, never abort
//! — and every diagnostic it gives must render. A test that aborts takes this whole test binary
//! down with a signal, which `cargo test` reports as a failure.

mod common;

use std::ops::Range;

use beeldbel::diag::{Code, Diagnostic, Files, Sink};
use beeldbel::expr::{Compiled, ExprLoc, Var, compile};
use proptest::prelude::*;

use common::{bb, raw};

/// Compiles `src` as a deployment-scope `check` whose text starts at offset 0 of file 0, and
/// renders every diagnostic.
fn compile_checked(src: &str) -> (Option<Compiled>, Vec<Diagnostic>) {
    let mut files = Files::default();
    let file = files.add("policy.toml", src);
    let loc = ExprLoc {
        file,
        string_span: 0..0,
        content_start: Some(0),
    };
    let mut sink = Sink::default();
    let compiled = compile(
        src,
        Var::for_scope("deployment").expect("a scope"),
        &loc,
        "check",
        &mut sink,
    );
    for d in &sink.items {
        let text = d.render(&files);
        assert!(text.contains(d.code.id()), "{text}");
        if let Some((f, span)) = &d.at {
            assert_eq!(*f, file);
            assert_in_bounds(span, src);
        }
    }
    assert_eq!(
        compiled.is_none(),
        sink.has_errors(),
        "a compiled expression has no errors, a refused one at least one: {:?}",
        sink.items
    );
    (compiled, sink.items)
}

fn assert_in_bounds(span: &Range<usize>, src: &str) {
    // A span may end one past the text (a caret after the last byte), no further.
    assert!(
        span.start <= span.end && span.end <= src.len() + 1,
        "span {span:?} outside a {}-byte expression",
        src.len()
    );
}

/// Compiling must refuse the expression with a guard error (BB022).
fn assert_guarded(src: &str) {
    let (compiled, diags) = compile_checked(src);
    assert!(compiled.is_none(), "accepted: {src}");
    assert!(
        diags.iter().any(|d| d.code == Code::CelGuard),
        "no guard error for a {}-byte expression: {:?}",
        src.len(),
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// Generators

/// Tokens of a CEL-ish alphabet: the variables and fields of the schema, operators, brackets,
/// macros, literals of every kind, and broken pieces (unterminated quotes, stray escapes).
const TOKENS: &[&str] = &[
    "platform",
    "deployment",
    "org",
    "channel",
    "policy",
    "today",
    "appointment",
    "x",
    "e2ee",
    "dpia",
    "status",
    "covers",
    "failed",
    ".",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "?",
    "!",
    "-",
    "+",
    "*",
    "/",
    "%",
    "&&",
    "||",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    " in ",
    "has(",
    "size(",
    "duration(",
    "timestamp(",
    ".all(",
    ".exists(",
    ".exists_one(",
    ".map(",
    ".filter(",
    ".contains(",
    "matches(",
    "true",
    "false",
    "null",
    "0",
    "1",
    "-1",
    "1u",
    "1.5e300",
    "9223372036854775807",
    "9223372036854775808",
    "0x1F",
    "\"s\"",
    "'s'",
    "\"\"\"t\"\"\"",
    "b\"\\xff\"",
    "r\"\\d\"",
    "\"é\"",
    "é",
    "\"",
    "'",
    "'''",
    "\\",
    "\\u",
    "\n",
    " ",
    "\t",
    "#",
    "@",
    "$",
    "`",
    "\u{0}",
    "💥",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..400).prop_map(|v| v.concat())
}

const OPENERS: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{1:", "}"),
    ("!(", ")"),
    ("-(", ")"),
    ("size(", ")"),
    ("has(", ")"),
    ("[1].all(x, ", ")"),
    ("[1].map(x, ", ")"),
    ("true ? ", " : false"),
];

/// Nesting of brackets, calls, macros and ternaries, `depth` deep, closed or left open.
fn nested() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(OPENERS), 0..300),
        prop::sample::select(&["true", "1", "x", "platform.e2ee", "\"s\""][..]),
        any::<bool>(),
    )
        .prop_map(|(layers, core, close)| {
            let mut s: String = layers.iter().map(|(o, _)| *o).collect();
            s.push_str(core);
            if close {
                for (_, c) in layers.iter().rev() {
                    s.push_str(c);
                }
            }
            s
        })
}

const BINARY: &[&str] = &[
    "+", " + ", "-", " - ", "*", "/", "%", " && ", "||", " == ", "!=", "<", " >= ", " in ",
];

/// A long chain `t op t op t …` with one operator or a mix.
fn chain() -> impl Strategy<Value = String> {
    (
        1usize..3000,
        prop::collection::vec(prop::sample::select(BINARY), 1..4),
        prop::sample::select(&["1", "true", "x", "\"a\"", "platform.e2ee", "[]", "1.0"][..]),
    )
        .prop_map(|(n, ops, term)| {
            let mut s = String::from(term);
            for i in 1..n {
                s.push_str(ops[i % ops.len()]);
                s.push_str(term);
            }
            s
        })
}

/// Runs of prefix operators, optionally with whitespace or parens between them.
fn prefix_run() -> impl Strategy<Value = String> {
    (
        0usize..3000,
        prop::sample::select(&["!", "-", "! ", "- ", "!-", "!(", "-("][..]),
        prop::sample::select(&["true", "1", "x", "-1", "!false"][..]),
    )
        .prop_map(|(n, op, core)| op.repeat(n) + core)
}

/// Huge (and nested) list and map literals.
fn big_literal() -> impl Strategy<Value = String> {
    (
        0usize..5000,
        prop::sample::select(&["1", "[]", "[1]", "\"s\"", "{1:2}", "x", ""][..]),
        0usize..20,
    )
        .prop_map(|(n, elem, nesting)| {
            let inner = format!("[{}]", vec![elem; n].join(","));
            format!("{}{inner}{}", "[".repeat(nesting), "]".repeat(nesting))
        })
}

/// Long select chains: `platform.a.a.a…` and `has(org.a.a…)`.
fn select_chain() -> impl Strategy<Value = String> {
    (
        0usize..2000,
        prop::sample::select(&["platform", "org", "deployment", "today", "nope", "has(org"][..]),
    )
        .prop_map(|(n, root)| {
            let close = if root.starts_with("has(") { ")" } else { "" };
            format!("{root}{}{close}", ".a".repeat(n))
        })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        compile_checked(&src);
    }

    #[test]
    fn printable_text_never_panics(src in "\\PC{0,600}") {
        compile_checked(&src);
    }

    #[test]
    fn token_soup_never_panics(src in token_soup()) {
        compile_checked(&src);
    }

    #[test]
    fn nesting_never_panics(src in nested()) {
        compile_checked(&src);
    }

    #[test]
    fn long_chains_never_panic(src in chain()) {
        compile_checked(&src);
    }

    #[test]
    fn prefix_runs_never_panic(src in prefix_run()) {
        compile_checked(&src);
    }

    #[test]
    fn big_literals_never_panic(src in big_literal()) {
        compile_checked(&src);
    }

    #[test]
    fn select_chains_never_panic(src in select_chain()) {
        compile_checked(&src);
    }

    /// Whatever mix of generators, concatenated.
    #[test]
    fn combinations_never_panic(
        a in prop_oneof![token_soup(), nested(), chain(), prefix_run(), big_literal()],
        b in prop_oneof![token_soup(), nested(), chain(), prefix_run(), big_literal()],
    ) {
        compile_checked(&(a + &b));
    }

    /// Deep or long input is refused with a guard error, never accepted.
    #[test]
    fn deep_nesting_is_refused(depth in 17usize..400) {
        assert_guarded(&format!("{}true{}", "(".repeat(depth), ")".repeat(depth)));
        assert_guarded(&format!("{}1{}", "[".repeat(depth), "]".repeat(depth)));
    }

    #[test]
    fn long_sums_are_refused(n in 301usize..4000, spaced in any::<bool>()) {
        let sep = if spaced { " + " } else { "+" };
        assert_guarded(&vec!["1"; n].join(sep));
    }

    #[test]
    fn long_not_runs_are_refused(n in 5usize..4000) {
        assert_guarded(&format!("{}true", "!".repeat(n)));
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

#[test]
fn the_2000_term_sum_is_a_guard_error() {
    assert_guarded(&vec!["1"; 2000].join(" + "));
    assert_guarded(&vec!["1"; 2000].join("+"));
}

#[test]
fn expressions_just_within_the_scanner_limits_are_handled() {
    // Each passes the text scan (≤ 600 tokens, ≤ 16 brackets, ≤ 4 prefix operators) and reaches
    // the parser; the AST limits must catch what is still too deep.
    let sum = vec!["1"; 300].join("+"); // 599 tokens
    let nots = format!("{}true{}", "!!!!(".repeat(16), ")".repeat(16));
    let negs = format!("{}1{}", "----(".repeat(16), ")".repeat(16));
    let ternaries = vec!["true ? 1 :"; 150].join(" ") + " 0";
    for src in [sum, nots, negs, ternaries] {
        compile_checked(&src);
    }
}

#[test]
fn ordinary_checks_compile() {
    for src in [
        r#"org.dpia.status == "completed" && deployment.platform in org.dpia.covers"#,
        r#"has(org.dpia.completed_on) ? org.dpia.completed_on <= today : false"#,
        r#"platform.e2ee in ["default", "always"] || deployment.e2ee_enabled"#,
        r#"size(channel.failed) == 0 && platform.status == "active""#,
        r#"org.processing.special_categories.all(c, c != "genetic")"#,
    ] {
        let (compiled, diags) = compile_checked(src);
        assert!(compiled.is_some(), "{src}: {diags:?}");
    }
}

/// The binary on a policy whose check is a 2,000-term sum: a diagnostic and exit code 2, not a
/// process killed by a signal (SIGSEGV / SIGABRT from a stack overflow).
#[test]
fn binary_refuses_the_2000_term_policy_with_exit_code_2() {
    let root = env!("CARGO_MANIFEST_DIR");
    let policy = format!("{root}/tests/data/bad/policy/deep-expression.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    assert!(
        text.matches("1 + ").count() >= 1999,
        "the fixture must hold a 2,000-term sum"
    );
    for args in [
        vec!["validate", policy.as_str()],
        vec![
            "--policy",
            policy.as_str(),
            "check",
            "docs/examples/arbodienst.toml",
        ],
    ] {
        let out = bb().args(&args).output().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                out.status.signal(),
                None,
                "killed by a signal: {:?}",
                out.status
            );
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}\n{stderr}");
        assert!(stderr.contains("[BB022]"), "{stderr}");
    }
}

/// Nested comprehensions multiply: five `all` over 50-element lists are 50^5 (3.1e8) steps,
/// yet stay within every size limit (fewer than 600 tokens and 400 nodes, 5 levels of brackets). Such a policy must be
/// refused when loaded or cut off when evaluated, not keep the process busy for many minutes.
#[test]
fn binary_bounds_the_cost_of_nested_comprehensions() {
    let list = format!("[{}]", vec!["0"; 50].join(","));
    let mut expr = String::from("true");
    for var in ["e", "d", "c", "b", "a"] {
        expr = format!("{list}.all({var}, {expr})");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.toml");
    std::fs::write(&path, policy_with_check("organisation", &expr)).unwrap();
    let started = std::time::Instant::now();
    let out = bb()
        .args(["--policy", path.to_str().unwrap()])
        .args(["check", "docs/examples/arbodienst.toml"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        matches!(out.status.code(), Some(1 | 2)),
        "after {:?}: {:?} (expected a refused policy, exit 2, or an `error` outcome, exit 1)\n{stderr}",
        started.elapsed(),
        out.status
    );
}

fn policy_with_check(scope: &str, check: &str) -> String {
    common::one_requirement_policy("PLAT-TEST-01", scope, check)
}

/// The same, for generated policies that pass the text scan and reach the parser.
#[test]
fn binary_survives_expressions_at_the_scanner_limits() {
    let dir = tempfile::tempdir().unwrap();
    let exprs = [
        vec!["1"; 300].join("+") + " == 300",
        format!("{}true{}", "!!!!(".repeat(16), ")".repeat(16)),
        vec!["1"; 2000].join("+"),
        format!("{}true{}", "(".repeat(5000), ")".repeat(5000)),
    ];
    for (i, e) in exprs.iter().enumerate() {
        let path = dir.path().join(format!("p{i}.toml"));
        std::fs::write(&path, policy_with_check("platform", e)).unwrap();
        let out = raw()
            .args(["validate", path.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "expression {i}: {:?}\n{stderr}",
            out.status
        );
        if out.status.code() == Some(2) {
            assert!(stderr.contains("[BB02"), "expression {i}: {stderr}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Literals, comments and select chains (issue 12)

/// Issue 12: the scan took `\"` in a raw string for an escape, so it read the rest of the
/// expression as string content and let a run of ten `!` through to the parser.
#[test]
fn a_raw_string_does_not_hide_the_code_after_it() {
    assert_guarded(r#"size(r"\") == 1 && !!!!!!!!!!true"#);
    for src in [
        r#"size(R'\') == 1 && !!!!!!!!!!true"#,
        r#"size(r"""\""") == 1 && !!!!!!!!!!true"#,
        r#"size(br'''\''') == 1 && !!!!!!!!!!true"#,
        "true // \"\"\"\n && !!!!!!!!!!true",
        "`a//b` == 1 && !!!!!!!!!!true",
    ] {
        assert_guarded(src);
    }
}

/// What the scan reads as a raw literal, the parser and the evaluator do too: `r"\"` is one
/// backslash, `"\""` one quote, and a `//` comment is no code.
#[test]
fn raw_and_escaped_literals_mean_what_the_scan_assumes() {
    let root = beeldbel::expr::Root::new([]);
    let bindings = beeldbel::expr::Bindings::new(&root);
    for src in [
        r#"size(r"\") == 1"#,
        r#"size(R'\') == 1"#,
        r#"size("\"") == 1 && size('\'') == 1"#,
        r#"size(r"""\ "x" """) == 6"#,
        r#"size("""a"b""") == 3"#,
        r#"size(br"\x") == 2 && size(b"\x41") == 1"#,
        "true // && false",
    ] {
        let (compiled, diags) = compile_checked(src);
        let compiled = compiled.unwrap_or_else(|| panic!("{src}: {diags:?}"));
        assert_eq!(
            compiled.eval(&bindings),
            beeldbel::expr::Eval::True,
            "{src}"
        );
    }
}

/// A literal the CEL lexer cannot read is a syntax error (BB020) at its quote or backslash:
/// the lexer would go on reading its inside as code, which the scan did not count.
#[test]
fn a_broken_literal_is_a_syntax_error_at_its_quote() {
    for (src, at) in [
        (r#"org.dpia.status == "completed"#, 19),
        (r#"org.dpia.status == "compl\eted""#, 25),
        ("org.dpia.status == 'a\nb'", 19),
        (r#"org.dpia.status == """x"#, 19),
    ] {
        let (compiled, diags) = compile_checked(src);
        assert!(compiled.is_none(), "{src}");
        assert_eq!(diags[0].code, Code::CelSyntax, "{src}: {diags:?}");
        assert_eq!(diags[0].at.as_ref().unwrap().1, at..at + 1, "{src}");
    }
}

/// Issue 12: a select chain on a comprehension variable (`v.a.a.a…`) was not counted by the
/// depth limit. Every field of a chain is a level, whatever its root.
#[test]
fn select_chains_on_a_comprehension_variable_count_toward_the_depth() {
    let chain = |n: usize| format!("[{{\"a\": 1}}].all(v, v{} == 1)", ".a".repeat(n));
    // 2,000 deep is refused by the scan, 45 deep (90 tokens) by the depth of the tree.
    assert_guarded(&chain(2000));
    let (compiled, diags) = compile_checked(&chain(45));
    assert!(compiled.is_none());
    assert!(
        diags
            .iter()
            .any(|d| d.code == Code::CelGuard && d.message.contains("40")),
        "{diags:?}"
    );
    // A short chain is fine (and fails at evaluation, as selecting into a number does).
    assert!(compile_checked(&chain(3)).0.is_some());
    // The same holds in `has()` and in a map comprehension's second variable.
    assert_guarded(&format!(
        "[{{\"a\": 1}}].exists(v, has(v{}))",
        ".a".repeat(45)
    ));
}

const PREFIXES: &[&str] = &[
    "", "r", "R", "b", "B", "br", "bR", "Br", "rb", "x", "1", "0x",
];
const QUOTES: &[&str] = &["\"", "'", "\"\"\"", "'''"];
const PIECES: &[&str] = &[
    "a", "\\", "\\", "\\", "\"", "'", "\\\"", "\\'", "\\\\", "\n", "//", "`", " ", "\\x4",
    "\\u00e9", "\\q",
];
/// Lists nested deeper than the scan allows.
const DEEP: &str = "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]";

/// A literal: a prefix, a quote, a few pieces (backslashes and quotes among them), and mostly
/// the same quote again.
fn literal() -> impl Strategy<Value = String> {
    (
        prop::sample::select(PREFIXES),
        prop::sample::select(QUOTES),
        prop::collection::vec(prop::sample::select(PIECES), 0..3),
        prop_oneof![3 => Just(None), 1 => prop::sample::select(QUOTES).prop_map(Some)],
    )
        .prop_map(|(p, q, body, close)| format!("{p}{q}{}{}", body.concat(), close.unwrap_or(q)))
}

/// How deep list literals nest in a parsed expression.
fn list_depth(e: &cel::common::ast::Expr) -> usize {
    use cel::common::ast::Expr;
    match e {
        Expr::List(l) => {
            1 + l
                .elements
                .iter()
                .map(|x| list_depth(&x.expr))
                .max()
                .unwrap_or(0)
        }
        Expr::Call(c) => c
            .target
            .iter()
            .map(|t| list_depth(&t.expr))
            .chain(c.args.iter().map(|a| list_depth(&a.expr)))
            .max()
            .unwrap_or(0),
        _ => 0,
    }
}

proptest! {
    #![proptest_config(config())]

    /// Whatever literals, comments and escapes surround a 20-deep list literal, the scan and
    /// the CEL lexer agree on what is code: an expression the scan lets through never parses
    /// into lists nested deeper than the scan's bracket limit.
    #[test]
    fn the_scan_sees_the_code_the_parser_sees(
        before in prop::collection::vec(literal(), 1..3),
        after in prop::collection::vec(literal(), 0..3),
        comment in any::<bool>(),
    ) {
        let sep = if comment { " // \n + " } else { " + " };
        let src = [before.join(sep), DEEP.to_string(), after.join(sep)].join(sep);
        if beeldbel::expr::guard::scan(&src).is_ok() {
            let owned = src.clone();
            let parsed = std::thread::Builder::new()
                .stack_size(64 * 1024 * 1024)
                .spawn(move || {
                    cel::parser::Parser::new()
                        .max_recursion_depth(200)
                        .parse(&owned)
                        .ok()
                        .map(|e| list_depth(&e.expr))
                })
                .unwrap()
                .join()
                .unwrap();
            if let Some(depth) = parsed {
                prop_assert!(
                    depth <= beeldbel::expr::guard::MAX_NESTING,
                    "{src:?} parses to lists {depth} deep"
                );
            }
        }
        compile_checked(&src);
    }
}

const VALID_PREFIXES: &[&str] = &["", "b", "B", "r", "R", "br", "bR", "Br", "BR"];
const BODY: &[&str] = &[
    "a", " ", "//", "`", "é", "\\", "\"", "'", "\n", "\\\\", "\\\"", "\\'", "\\n", "\\x41",
    "\\u00e9", "\\101", "\\?",
];

/// A literal the CEL grammar accepts, of every form: plain, raw, bytes, raw bytes, with single
/// or triple quotes, holding backslashes (an escape, or in a raw literal just a backslash), the
/// other quote, `//` and newlines where they may stand.
fn valid_literal() -> impl Strategy<Value = String> {
    (
        prop::sample::select(VALID_PREFIXES),
        prop::sample::select(QUOTES),
        prop::collection::vec(prop::sample::select(BODY), 0..6),
    )
        .prop_map(|(prefix, q, body)| {
            let raw = prefix.ends_with(['r', 'R']);
            let bytes = prefix.starts_with(['b', 'B']);
            let quote = &q[..1];
            let triple = q.len() == 3;
            let body: String = body
                .into_iter()
                .filter(|piece| {
                    let escape = piece.starts_with('\\') && piece.len() > 1;
                    if !triple && piece.contains('\n') {
                        return false;
                    }
                    if bytes && piece.starts_with("\\u") {
                        return false; // a valid token, but bytes have no \u (a parse error)
                    }
                    if raw {
                        !piece.contains(quote)
                    } else {
                        escape || !(piece.contains(quote) || *piece == "\\")
                    }
                })
                .collect();
            format!("{prefix}{q}{body}{q}")
        })
}

proptest! {
    #![proptest_config(config())]

    /// The scan ends a literal exactly where the CEL lexer does: the literal alone passes, the
    /// parser reads it as one literal, and a 20-deep list after it is seen and refused.
    #[test]
    fn the_scan_ends_every_literal_where_the_lexer_does(lit in valid_literal()) {
        use beeldbel::expr::guard::{Exceeded, scan};
        prop_assert_eq!(scan(&lit), Ok(()), "{:?}", lit);
        let parsed = cel::parser::Parser::new().parse(&lit);
        prop_assert!(
            matches!(parsed.as_ref().map(|e| &e.expr), Ok(cel::common::ast::Expr::Literal(_))),
            "{:?} is no single literal to the parser: {:?}", lit, parsed
        );
        let src = format!("{lit} + {DEEP}");
        prop_assert!(matches!(scan(&src), Err(Exceeded::Nesting(_))), "{:?}", src);
    }
}
