//! Compiling an expression: the guard, parsing on a large stack, and every problem as a
//! diagnostic pointing inside the TOML string.

use cel::parser::{Expression, Parser};

use super::paths::{Problem, RawPath, Walker, check_path};
use super::{Compiled, ExprLoc, FieldPath, Var, guard};
use crate::diag::{Code, Diagnostic, Sink};
use crate::input::LineIndex;
use crate::tr;

/// Compiles `src` for a requirement field (`check` or `applies_if`) whose variables are `vars`.
/// Every problem goes to `sink`; `None` when any was found.
pub fn compile(
    src: &str,
    vars: &[Var],
    loc: &ExprLoc,
    what: &str,
    sink: &mut Sink,
) -> Option<Compiled> {
    if let Err(ex) = guard::scan(src) {
        let (offset, msg) = match ex {
            guard::Exceeded::Literal(broken) => {
                sink.push(broken_literal(broken, loc, what));
                return None;
            }
            guard::Exceeded::Bytes(n) => (0, tr!("langer dan {n} bytes", "longer than {n} bytes")),
            guard::Exceeded::Tokens(at) => (
                at,
                tr!(
                    "meer dan {} onderdelen",
                    "more than {} tokens",
                    guard::MAX_TOKENS
                ),
            ),
            guard::Exceeded::Nesting(at) => (
                at,
                tr!(
                    "dieper dan {} haakjes genest",
                    "nested deeper than {} brackets",
                    guard::MAX_NESTING
                ),
            ),
            guard::Exceeded::PrefixRun(at) => (
                at,
                tr!(
                    "meer dan {} !/- achter elkaar",
                    "more than {} !/- in a row",
                    guard::MAX_PREFIX_RUN
                ),
            ),
        };
        sink.push(
            Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te groot: {msg}",
                    "expression `{what}` is too large: {msg}"
                ),
            )
            .at(
                loc.file,
                loc.span(offset..offset + 1),
                tr!("grens overschreden", "limit exceeded"),
            ),
        );
        return None;
    }
    let owned = src.to_string();
    // Parse and walk on a thread with a large stack: bounded by the guard, but never on ours.
    let result = std::thread::Builder::new()
        .name("cel-compile".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || parse_and_check(&owned))
        .ok()
        .and_then(|h| h.join().ok());
    let Some(result) = result else {
        sink.push(
            Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` kon niet worden verwerkt",
                    "expression `{what}` could not be processed"
                ),
            )
            .at(loc.file, loc.string_span.clone(), String::new()),
        );
        return None;
    };
    match result {
        Err(problems) => {
            for p in problems {
                sink.push(p.into_diagnostic(src, vars, loc, what));
            }
            None
        }
        Ok((expr, paths)) => {
            let mut ok = true;
            let mut reads = Vec::new();
            // Paths the expression tests with `has()`: a read of such a path is guarded (only
            // done when present), so its absence is never what made the outcome unknown.
            let mut tested = Vec::new();
            for p in paths {
                match check_path(&p, vars) {
                    Ok(Some(fp)) => {
                        if !p.test_only {
                            reads.push(fp);
                        } else {
                            // `has(a.b.c)` reads `a.b` and tests `c`.
                            if fp.fields.len() > 1 {
                                reads.push(FieldPath {
                                    var: fp.var,
                                    fields: fp.fields[..fp.fields.len() - 1].to_vec(),
                                });
                            }
                            tested.push(fp);
                        }
                    }
                    Ok(None) => {}
                    Err(problem) => {
                        ok = false;
                        sink.push(problem.into_diagnostic(src, vars, loc, what));
                    }
                }
            }
            reads.retain(|r| !tested.contains(r));
            // In the order the expression reads them (the first read usually decides), once.
            let mut seen = Vec::new();
            reads.retain(|r| {
                let first = !seen.contains(r);
                if first {
                    seen.push(r.clone());
                }
                first
            });
            ok.then(|| Compiled {
                source: src.to_string(),
                expr,
                reads,
            })
        }
    }
}

/// A literal the CEL lexer cannot read: a syntax error at the quote or the backslash.
fn broken_literal(broken: guard::Broken, loc: &ExprLoc, what: &str) -> Diagnostic {
    let (offset, label) = match broken {
        guard::Broken::Unclosed(at) => (
            at,
            tr!(
                "deze tekst wordt niet afgesloten (op dezelfde regel, of bij \"\"\" en ''' vóór het einde)",
                "this string is not closed (on its line, or for \"\"\" and ''' before the end)"
            ),
        ),
        guard::Broken::Escape(at) => (
            at,
            tr!(
                "CEL kent deze escape niet (wel \\n, \\t, \\\", \\\\, \\xHH, \\uHHHH, …; of schrijf r\"…\")",
                "CEL has no such escape (it has \\n, \\t, \\\", \\\\, \\xHH, \\uHHHH, …; or write r\"…\")"
            ),
        ),
        guard::Broken::Backtick(at) => (
            at,
            tr!(
                "een ` opent een naam tussen backticks die hier niet wordt afgesloten",
                "a ` opens a backquoted name that is not closed here"
            ),
        ),
    };
    Diagnostic::error(
        Code::CelSyntax,
        tr!(
            "expressie `{what}` is geen geldige CEL",
            "expression `{what}` is not valid CEL"
        ),
    )
    .at(loc.file, loc.span(offset..offset + 1), label)
}

impl Problem {
    fn into_diagnostic(self, src: &str, vars: &[Var], loc: &ExprLoc, what: &str) -> Diagnostic {
        let whole = 0..src.len();
        match self {
            Problem::Syntax { offset, message } => Diagnostic::error(
                Code::CelSyntax,
                tr!("expressie `{what}` is geen geldige CEL", "expression `{what}` is not valid CEL"),
            )
            .at(loc.file, loc.span(offset..offset + 1), message),
            Problem::Depth => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te diep genest (meer dan {} niveaus)",
                    "expression `{what}` is nested too deeply (more than {} levels)",
                    guard::MAX_DEPTH
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Nodes => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` is te groot (meer dan {} knopen)",
                    "expression `{what}` is too large (more than {} nodes)",
                    guard::MAX_NODES
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Comprehensions => Diagnostic::error(
                Code::CelGuard,
                tr!(
                    "expressie `{what}` nest meer dan {} lijstbewerkingen (all, exists, map, …) in elkaar",
                    "expression `{what}` nests more than {} list operations (all, exists, map, …)",
                    guard::MAX_COMPREHENSION_NESTING
                ),
            )
            .at(loc.file, loc.span(whole), tr!("grens overschreden", "limit exceeded")),
            Problem::Function { name, offset } => Diagnostic::error(
                Code::CelFunction,
                tr!("functie `{name}` is niet toegestaan in `{what}`", "function `{name}` is not allowed in `{what}`"),
            )
            .at(loc.file, loc.span(offset..offset + name.len()), tr!("niet toegestaan", "not allowed"))
            .note(tr!(
                "toegestaan: size, duration, timestamp, int, string, contains, startsWith, endsWith, has, all, exists, exists_one, map, filter en de operatoren",
                "allowed: size, duration, timestamp, int, string, contains, startsWith, endsWith, has, all, exists, exists_one, map, filter and the operators"
            )),
            Problem::Variable { name, offset } => {
                let names: Vec<&str> = vars.iter().map(|v| v.name()).collect();
                let exists = Var::ALL.iter().any(|v| v.name() == name);
                let message = if exists {
                    tr!(
                        "variabele `{name}` is niet beschikbaar in `{what}` (andere scope)",
                        "variable `{name}` is not available in `{what}` (another scope)"
                    )
                } else {
                    tr!("onbekende variabele `{name}` in `{what}`", "unknown variable `{name}` in `{what}`")
                };
                let d = Diagnostic::error(Code::CelVariable, message)
                .at(loc.file, loc.span(offset..offset + name.len()), tr!("niet beschikbaar hier", "not available here"))
                .note(tr!("beschikbaar in deze scope: {}", "available in this scope: {}", names.join(", ")));
                match crate::diag::did_you_mean(&name, names.iter().copied()) {
                    Some(s) => d.note(tr!("bedoelde u `{s}`?", "did you mean `{s}`?")),
                    None => d,
                }
            }
            Problem::Field { path, index, offset, suggestion, known } => {
                let full = path[..=index].join(".");
                let d = Diagnostic::error(
                    Code::CelUnknownField,
                    tr!("onbekend veld `{full}` in `{what}`", "unknown field `{full}` in `{what}`"),
                )
                .at(loc.file, loc.span(offset..offset + path[index].len()), tr!("bestaat niet in het schema", "not in the schema"));
                let d = match suggestion {
                    Some(s) => d.note(tr!(
                        "bedoelde u `{}.{s}`?",
                        "did you mean `{}.{s}`?",
                        path[..index].join(".")
                    )),
                    None => d,
                };
                d.note(tr!("velden hier: {}", "fields here: {}", known.join(", ")))
            }
            Problem::NotATable { path, index, offset, ty } => {
                let parent = path[..index].join(".");
                Diagnostic::error(
                    Code::CelUnknownField,
                    tr!("`{parent}` heeft geen velden", "`{parent}` has no fields"),
                )
                .at(loc.file, loc.span(offset..offset + path[index].len()), tr!("`{parent}` is {ty}", "`{parent}` is {ty}"))
            }
        }
    }
}

type Parsed = Result<(Expression, Vec<RawPath>), Vec<Problem>>;

fn parse_and_check(src: &str) -> Parsed {
    let parser = Parser::new().max_recursion_depth(guard::MAX_DEPTH as u16);
    let (expr, info) = match parser.parse_with_source_info(src) {
        Ok(ok) => ok,
        Err(errors) => {
            let problems = errors
                .errors
                .into_iter()
                .map(|e| {
                    let offset = line_col_to_offset(src, e.pos.0, e.pos.1);
                    Problem::Syntax {
                        offset,
                        message: e.msg,
                    }
                })
                .collect();
            return Err(problems);
        }
    };
    let offset_of = |id: u64| info.offset_for(id).map_or(0, |(s, _)| s as usize);
    let mut walker = Walker {
        src,
        offset_of: &offset_of,
        problems: vec![],
        paths: vec![],
        nodes: 0,
        locals: vec![],
        comprehensions: 0,
        too_many_comprehensions: false,
    };
    let depth = walker.walk(&expr, 1, false);
    if depth > guard::MAX_DEPTH {
        walker.problems.push(Problem::Depth);
    }
    if walker.nodes > guard::MAX_NODES {
        walker.problems.push(Problem::Nodes);
    }
    if walker.too_many_comprehensions {
        walker.problems.push(Problem::Comprehensions);
    }
    if walker.problems.is_empty() {
        Ok((expr, walker.paths))
    } else {
        Err(walker.problems)
    }
}

/// The parser reports 1-based line and column (in characters); a line past the text points at
/// its last byte.
fn line_col_to_offset(src: &str, line: isize, col: isize) -> usize {
    let (line, col) = (line.max(0) as usize, col.max(0) as usize);
    LineIndex::new(src)
        .offset(src, line, col)
        .unwrap_or(src.len().saturating_sub(1))
}
