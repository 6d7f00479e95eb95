//! Parser and printer for MLIR's textual pass-pipeline syntax, as taken by
//! `--pass-pipeline` (`builtin.module(func.func(canonicalize{top-down=true}),cse)`).
//!
//! MLIR's own parser reports errors as bare offsets and only after the
//! pipeline is resolved against the registry; this one is purely syntactic,
//! keeps a byte span for every name and option, and says what was expected,
//! so `tensor-opt` can underline the exact spot in the user's string.
//!
//! ```text
//! pipeline ::= op-name '(' elements? ')'          (anchored, `--pass-pipeline`)
//!            | elements?                          (bare list, implicit nesting)
//! elements ::= element (',' element)*
//! element  ::= pass-name ('{' option* '}')?
//!            | op-name '(' elements? ')'
//! option   ::= key ('=' value)?                   (options separated by whitespace)
//! value    ::= raw text up to whitespace or '}', where nested {...}, [...]
//!              and "..." / '...' may contain anything, including whitespace
//! ```
//!
//! Names are `[A-Za-z0-9_.-]+`; whether a name is a pass or an op is decided
//! only by what follows it (`(` makes it an op), never by the registry.

use std::fmt;

/// Byte range into the parsed text.
pub type Span = std::ops::Range<usize>;

/// One `key` or `key=value` inside a pass's `{...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassOption {
    pub key: String,
    pub key_span: Span,
    /// The value exactly as written (quotes and brackets included), so that
    /// printing reproduces what MLIR's option parser will see.
    pub value: Option<String>,
    pub value_span: Option<Span>,
}

/// A pipeline element: a pass, or a pipeline nested on an op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Pass {
        name: String,
        /// The pass name only.
        span: Span,
        options: Vec<PassOption>,
        /// The `{...}` including braces, if present (even if empty).
        options_span: Option<Span>,
    },
    Nested {
        op: String,
        /// The op name only.
        span: Span,
        elements: Vec<Element>,
    },
}

/// A parsed pipeline. `anchor` is the outer `op(...)` of the anchored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    pub anchor: Option<(String, Span)>,
    pub elements: Vec<Element>,
}

/// A syntax error with the span it is about and, when useful, a hint.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[error("{message}")]
pub struct PipelineError {
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
}

/// Deeper nesting than this is certainly a mistake, and the parser recurses.
const MAX_NESTING: usize = 256;

/// Parses `builtin.module(a,b)` (anchor `Some`) or a bare list `a,b{x=1}`
/// (anchor `None`; used for implicit nesting like mlir-opt's pass flags).
///
/// The text is taken as the anchored form exactly when it is one `op(...)`
/// group with nothing beside it, which is the only shape `--pass-pipeline`
/// accepts. Empty (or all-whitespace) text is an empty bare list.
pub fn parse(text: &str) -> Result<Pipeline, PipelineError> {
    let mut parser = Parser { text, pos: 0 };
    let elements = parser.elements(None, 0)?;
    Ok(match <[Element; 1]>::try_from(elements) {
        Ok([Element::Nested { op, span, elements }]) => Pipeline {
            anchor: Some((op, span)),
            elements,
        },
        Ok([single]) => Pipeline {
            anchor: None,
            elements: vec![single],
        },
        Err(elements) => Pipeline {
            anchor: None,
            elements,
        },
    })
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

fn error(message: impl Into<String>, span: Span, help: Option<&str>) -> PipelineError {
    PipelineError {
        message: message.into(),
        span,
        help: help.map(str::to_owned),
    }
}

/// An open `op(` whose `)` has not been seen yet.
struct Open<'t> {
    op: &'t str,
    paren: usize,
}

struct Parser<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn take_name(&mut self) -> Span {
        let start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.bump();
        }
        start..self.pos
    }

    /// Span of the single character at the cursor (empty at end of input).
    fn char_span(&self) -> Span {
        self.pos..self.pos + self.peek().map_or(0, char::len_utf8)
    }

    /// Describes what is at the cursor for "found ..." messages, with its
    /// span: a whole name if one starts here, else one character.
    fn found(&self) -> (String, Span) {
        match self.peek() {
            None => ("end of input".to_owned(), self.pos..self.pos),
            Some(c) if is_name_char(c) => {
                let len = self.text[self.pos..]
                    .find(|c: char| !is_name_char(c))
                    .unwrap_or(self.text.len() - self.pos);
                let span = self.pos..self.pos + len;
                (format!("'{}'", &self.text[span.clone()]), span)
            }
            Some(c) => (format!("'{c}'"), self.char_span()),
        }
    }

    /// Parses a comma-separated list up to the `)` closing `open`, or to the
    /// end of input at top level (`open` is `None`).
    fn elements(
        &mut self,
        open: Option<Open<'t>>,
        depth: usize,
    ) -> Result<Vec<Element>, PipelineError> {
        let mut elements = Vec::new();
        self.skip_ws();
        match (&open, self.peek()) {
            (Some(_), Some(')')) => {
                self.bump();
                return Ok(elements);
            }
            (None, None) => return Ok(elements),
            _ => {}
        }
        loop {
            elements.push(self.element(depth)?);
            self.skip_ws();
            match (&open, self.peek()) {
                (_, Some(',')) => self.bump(),
                (Some(_), Some(')')) => {
                    self.bump();
                    return Ok(elements);
                }
                (None, None) => return Ok(elements),
                (Some(open), None) => {
                    return Err(error(
                        format!(
                            "expected ')' to close the pipeline of '{}' opened here",
                            open.op
                        ),
                        open.paren..open.paren + 1,
                        Some("add the missing ')'"),
                    ))
                }
                (None, Some(')')) => {
                    return Err(error(
                        "unexpected ')' with no open '(' to close",
                        self.char_span(),
                        Some("remove it, or open a nested pipeline with 'op.name('"),
                    ))
                }
                (Some(open), Some(_)) => {
                    let (found, span) = self.found();
                    return Err(error(
                        format!(
                            "expected ',' or ')' in the pipeline of '{}', found {found}",
                            open.op
                        ),
                        span,
                        Some("separate pipeline elements with ','"),
                    ));
                }
                (None, Some(_)) => {
                    let (found, span) = self.found();
                    return Err(error(
                        format!("expected ',' between pipeline elements, found {found}"),
                        span,
                        Some("separate pipeline elements with ','"),
                    ));
                }
            }
        }
    }

    fn element(&mut self, depth: usize) -> Result<Element, PipelineError> {
        self.skip_ws();
        let name_span = self.take_name();
        if name_span.is_empty() {
            return Err(match self.peek() {
                Some('{') => error(
                    "empty pass name",
                    self.pos..self.pos,
                    Some("options must follow a pass name, as in 'canonicalize{top-down=false}'"),
                ),
                Some('(') => error(
                    "empty op name",
                    self.pos..self.pos,
                    Some("a nested pipeline must be anchored on an op, as in 'func.func(cse)'"),
                ),
                _ => {
                    let (found, span) = self.found();
                    error(
                        format!("expected a pass name or an op name, found {found}"),
                        span,
                        None,
                    )
                }
            });
        }
        let name = &self.text[name_span.clone()];
        if let Some(c) = self
            .peek()
            .filter(|c| !c.is_whitespace() && !",(){}".contains(*c))
        {
            return Err(error(
                format!("invalid character '{c}' after name '{name}'"),
                self.char_span(),
                Some("pass and op names may only contain letters, digits, '_', '-' and '.'"),
            ));
        }
        self.skip_ws();
        match self.peek() {
            Some('(') => {
                if depth >= MAX_NESTING {
                    return Err(error(
                        format!("pipeline nested more than {MAX_NESTING} levels deep"),
                        self.char_span(),
                        None,
                    ));
                }
                let open = Open {
                    op: name,
                    paren: self.pos,
                };
                self.bump();
                let elements = self.elements(Some(open), depth + 1)?;
                Ok(Element::Nested {
                    op: name.to_owned(),
                    span: name_span,
                    elements,
                })
            }
            Some('{') => {
                let (options, options_span) = self.options(name)?;
                Ok(Element::Pass {
                    name: name.to_owned(),
                    span: name_span,
                    options,
                    options_span: Some(options_span),
                })
            }
            _ => Ok(Element::Pass {
                name: name.to_owned(),
                span: name_span,
                options: Vec::new(),
                options_span: None,
            }),
        }
    }

    /// Parses `{...}` at the cursor; returns the options and the braces' span.
    fn options(&mut self, pass: &str) -> Result<(Vec<PassOption>, Span), PipelineError> {
        let brace = self.pos;
        self.bump();
        let mut options = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => {
                    return Err(error(
                        "unterminated '{' option list",
                        brace..brace + 1,
                        Some(&format!("close the options of '{pass}' with '}}'")),
                    ))
                }
                Some('}') => {
                    self.bump();
                    return Ok((options, brace..self.pos));
                }
                Some(_) => options.push(self.option()?),
            }
        }
    }

    fn option(&mut self) -> Result<PassOption, PipelineError> {
        let key_span = self.take_name();
        if key_span.is_empty() {
            let (found, span) = self.found();
            let message = if self.peek() == Some('=') {
                "expected an option name before '='".to_owned()
            } else {
                format!("expected an option name, found {found}")
            };
            return Err(error(
                message,
                span,
                Some("options are written 'key=value' or 'key'"),
            ));
        }
        let key = self.text[key_span.clone()].to_owned();
        match self.peek() {
            Some('=') => {
                self.bump();
                let value_span = self.value(&key)?;
                Ok(PassOption {
                    key,
                    key_span,
                    value: Some(self.text[value_span.clone()].to_owned()),
                    value_span: Some(value_span),
                })
            }
            Some(c) if !c.is_whitespace() && c != '}' => Err(error(
                format!("invalid character '{c}' after option name '{key}'"),
                self.char_span(),
                Some("options are written 'key=value' or 'key', separated by spaces"),
            )),
            _ => Ok(PassOption {
                key,
                key_span,
                value: None,
                value_span: None,
            }),
        }
    }

    /// Scans an option value: up to whitespace or the closing `}` of the
    /// option list, with `{}`/`[]` nesting and quoted strings kept whole.
    fn value(&mut self, key: &str) -> Result<Span, PipelineError> {
        let start = self.pos;
        let mut open: Vec<(char, usize)> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return match open.last() {
                    // The enclosing option list is unterminated too; the
                    // caller reports that.
                    None => Ok(start..self.pos),
                    Some(&(opener, at)) => Err(error(
                        format!("unterminated '{opener}' in the value of option '{key}'"),
                        at..at + 1,
                        None,
                    )),
                };
            };
            match c {
                _ if open.is_empty() && (c.is_whitespace() || c == '}') => break,
                '{' | '[' => open.push((c, self.pos)),
                '}' | ']' => {
                    let closer_for = |o: char| if o == '{' { '}' } else { ']' };
                    match open.pop() {
                        Some((o, _)) if closer_for(o) == c => {}
                        Some((o, at)) => {
                            return Err(error(
                                format!("expected '{}' to close '{o}' opened here", closer_for(o)),
                                at..at + 1,
                                Some(&format!("found '{c}' in the value of option '{key}' first")),
                            ))
                        }
                        None => {
                            return Err(error(
                                format!("unmatched '{c}' in the value of option '{key}'"),
                                self.char_span(),
                                None,
                            ))
                        }
                    }
                }
                '"' | '\'' => {
                    let quote = self.pos;
                    let Some(len) = self.text[quote + 1..].find(c) else {
                        return Err(error(
                            format!("unterminated string in the value of option '{key}'"),
                            quote..quote + 1,
                            Some(&format!("close the string with {c}")),
                        ));
                    };
                    // Land on the closing quote; the bump below steps past it.
                    self.pos = quote + 1 + len;
                }
                _ => {}
            }
            self.bump();
        }
        Ok(start..self.pos)
    }
}

/// Prints `key` or `key=value`.
impl fmt::Display for PassOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.value {
            Some(value) => write!(f, "{}={value}", self.key),
            None => f.write_str(&self.key),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, elements: &[Element]) -> fmt::Result {
    for (i, element) in elements.iter().enumerate() {
        if i > 0 {
            f.write_str(",")?;
        }
        write!(f, "{element}")?;
    }
    Ok(())
}

/// Canonical form, as MLIR's `--dump-pass-pipeline` prints it: no spaces
/// except between options, empty `{}` dropped.
impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Element::Pass { name, options, .. } => {
                f.write_str(name)?;
                if !options.is_empty() {
                    f.write_str("{")?;
                    for (i, option) in options.iter().enumerate() {
                        if i > 0 {
                            f.write_str(" ")?;
                        }
                        write!(f, "{option}")?;
                    }
                    f.write_str("}")?;
                }
                Ok(())
            }
            Element::Nested { op, elements, .. } => {
                write!(f, "{op}(")?;
                write_list(f, elements)?;
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.anchor {
            Some((op, _)) => {
                write!(f, "{op}(")?;
                write_list(f, &self.elements)?;
                f.write_str(")")
            }
            None => write_list(f, &self.elements),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> PipelineError {
        match parse(text) {
            Ok(p) => panic!("{text:?} parsed as {p:?}"),
            Err(e) => e,
        }
    }

    /// The text an error's span covers.
    fn at<'t>(text: &'t str, e: &PipelineError) -> &'t str {
        &text[e.span.clone()]
    }

    fn pass(e: &Element) -> (&str, &[PassOption]) {
        match e {
            Element::Pass { name, options, .. } => (name, options),
            Element::Nested { op, .. } => panic!("expected a pass, got nested {op}"),
        }
    }

    #[test]
    fn anchored_pipeline() {
        let text = "builtin.module(func.func(canonicalize,tg-foo{opt=1 b=[1,2]}),cse)";
        let p = parse(text).expect("valid pipeline");
        let (anchor, span) = p.anchor.clone().expect("anchored");
        assert_eq!(anchor, "builtin.module");
        assert_eq!(&text[span], "builtin.module");
        assert_eq!(p.elements.len(), 2);
        let Element::Nested { op, span, elements } = &p.elements[0] else {
            panic!("expected func.func nesting, got {:?}", p.elements[0]);
        };
        assert_eq!(op, "func.func");
        assert_eq!(&text[span.clone()], "func.func");
        assert_eq!(pass(&elements[0]), ("canonicalize", &[][..]));
        let Element::Pass {
            name,
            span,
            options,
            options_span,
        } = &elements[1]
        else {
            panic!("expected tg-foo");
        };
        assert_eq!(name, "tg-foo");
        assert_eq!(&text[span.clone()], "tg-foo");
        assert_eq!(
            &text[options_span.clone().expect("has options")],
            "{opt=1 b=[1,2]}"
        );
        assert_eq!(options.len(), 2);
        assert_eq!(options[0].key, "opt");
        assert_eq!(&text[options[0].key_span.clone()], "opt");
        assert_eq!(options[0].value.as_deref(), Some("1"));
        assert_eq!(options[1].value.as_deref(), Some("[1,2]"));
        assert_eq!(
            &text[options[1].value_span.clone().expect("has value")],
            "[1,2]"
        );
        assert_eq!(pass(&p.elements[1]).0, "cse");
        assert_eq!(p.to_string(), text);
    }

    #[test]
    fn bare_list() {
        let p = parse("cse, canonicalize{top-down=false}").expect("valid list");
        assert!(p.anchor.is_none());
        assert_eq!(p.elements.len(), 2);
        assert_eq!(p.to_string(), "cse,canonicalize{top-down=false}");
        // A single pass is a bare list, not an anchor.
        assert!(parse("cse").expect("valid").anchor.is_none());
        // Several nested groups are a bare list too.
        let p = parse("func.func(cse),builtin.module(cse)").expect("valid");
        assert!(p.anchor.is_none());
        assert_eq!(p.elements.len(), 2);
    }

    #[test]
    fn empty_forms() {
        let p = parse("").expect("empty is an empty list");
        assert!(p.anchor.is_none() && p.elements.is_empty());
        assert!(parse("  \n ").expect("blank").elements.is_empty());
        let p = parse("builtin.module()").expect("empty anchored");
        assert!(p.elements.is_empty());
        assert_eq!(p.to_string(), "builtin.module()");
        let p = parse("builtin.module(func.func( ),cse)").expect("empty nested");
        assert_eq!(p.to_string(), "builtin.module(func.func(),cse)");
        let p = parse("cse{}").expect("empty options");
        let Element::Pass {
            options,
            options_span,
            ..
        } = &p.elements[0]
        else {
            panic!("expected a pass");
        };
        assert!(options.is_empty());
        assert_eq!(options_span.clone(), Some(3..5));
        assert_eq!(p.to_string(), "cse");
    }

    #[test]
    fn whitespace_is_allowed_around_tokens() {
        let text = " builtin.module ( func.func ( cse { a=1   b } ) , canonicalize ) ";
        let p = parse(text).expect("valid");
        assert_eq!(
            p.to_string(),
            "builtin.module(func.func(cse{a=1 b}),canonicalize)"
        );
        let (_, span) = p.anchor.expect("anchored");
        assert_eq!(span, 1..15);
    }

    #[test]
    fn option_values_with_nesting_and_quotes() {
        let text = r#"p{a={b=1 c={d=2}} s="x y}" t='q"' l=[1, [2]] flag e=}"#;
        let p = parse(text).expect("valid");
        let (_, options) = pass(&p.elements[0]);
        let kv: Vec<(&str, Option<&str>)> = options
            .iter()
            .map(|o| (o.key.as_str(), o.value.as_deref()))
            .collect();
        assert_eq!(
            kv,
            [
                ("a", Some("{b=1 c={d=2}}")),
                ("s", Some(r#""x y}""#)),
                ("t", Some(r#"'q"'"#)),
                ("l", Some("[1, [2]]")),
                ("flag", None),
                ("e", Some("")),
            ]
        );
        for o in options {
            assert_eq!(&text[o.key_span.clone()], o.key);
            if let (Some(v), Some(s)) = (&o.value, &o.value_span) {
                assert_eq!(&text[s.clone()], v);
            }
        }
        assert_eq!(
            parse(&p.to_string()).expect("reparses").to_string(),
            p.to_string()
        );
    }

    #[test]
    fn printing_round_trips() {
        for text in [
            "builtin.module(func.func(canonicalize{top-down=true}),cse)",
            "a,b{x=1},c.d(e,f.g(h{y=\"z w\"}))",
            "builtin.module(gpu.module(),func.func(x{l=[1,2] m={n=3}}))",
        ] {
            let p = parse(text).expect("valid");
            assert_eq!(p.to_string(), text);
            let again = parse(&p.to_string()).expect("reparses");
            assert_eq!(again.to_string(), text);
        }
    }

    #[test]
    fn unclosed_nested_pipeline() {
        let text = "builtin.module(func.func(cse)";
        let e = err(text);
        assert_eq!(
            e.message,
            "expected ')' to close the pipeline of 'builtin.module' opened here"
        );
        assert_eq!(e.span, 14..15);
        let text = "builtin.module(func.func(cse,cse";
        let e = err(text);
        assert_eq!(
            e.message,
            "expected ')' to close the pipeline of 'func.func' opened here"
        );
        assert_eq!(e.span, 24..25);
        assert_eq!(at(text, &e), "(");
        let e = err("func.func(");
        assert_eq!(
            e.message,
            "expected a pass name or an op name, found end of input"
        );
        assert_eq!(e.span, 10..10);
    }

    #[test]
    fn extra_closing_paren() {
        let text = "builtin.module(cse))";
        let e = err(text);
        assert_eq!(e.message, "unexpected ')' with no open '(' to close");
        assert_eq!(e.span, 19..20);
    }

    #[test]
    fn missing_element() {
        let text = "cse,,canonicalize";
        let e = err(text);
        assert_eq!(e.message, "expected a pass name or an op name, found ','");
        assert_eq!(e.span, 4..5);
        let e = err("builtin.module(cse,)");
        assert_eq!(e.message, "expected a pass name or an op name, found ')'");
        assert_eq!(e.span, 19..20);
        let e = err("cse,");
        assert_eq!(
            e.message,
            "expected a pass name or an op name, found end of input"
        );
        assert_eq!(e.span, 4..4);
        let e = err(",cse");
        assert_eq!(e.span, 0..1);
    }

    #[test]
    fn missing_comma() {
        let text = "builtin.module(cse canonicalize)";
        let e = err(text);
        assert_eq!(
            e.message,
            "expected ',' or ')' in the pipeline of 'builtin.module', found 'canonicalize'"
        );
        assert_eq!(at(text, &e), "canonicalize");
        assert!(e.help.is_some());
        let text = "cse{a=1}(x)";
        let e = err(text);
        assert_eq!(
            e.message,
            "expected ',' between pipeline elements, found '('"
        );
        assert_eq!(e.span, 8..9);
    }

    #[test]
    fn empty_names() {
        let e = err("builtin.module({a=1})");
        assert_eq!(e.message, "empty pass name");
        assert_eq!(e.span, 15..15);
        let e = err("cse, (canonicalize)");
        assert_eq!(e.message, "empty op name");
        assert_eq!(e.span, 5..5);
    }

    #[test]
    fn invalid_name_character() {
        let text = "builtin.module(cano$nicalize)";
        let e = err(text);
        assert_eq!(e.message, "invalid character '$' after name 'cano'");
        assert_eq!(at(text, &e), "$");
    }

    #[test]
    fn unterminated_option_list() {
        let text = "builtin.module(cse{a=1 b=2)";
        let e = err(text);
        // `)` is part of b's value; the list never closes.
        assert_eq!(e.message, "unterminated '{' option list");
        assert_eq!(e.span, 18..19);
        assert_eq!(at(text, &e), "{");
        assert_eq!(err("cse{").span, 3..4);
    }

    #[test]
    fn option_value_errors() {
        let text = "cse{a=[1,2}";
        let e = err(text);
        assert_eq!(e.message, "expected ']' to close '[' opened here");
        assert_eq!(e.span, 6..7);
        let text = "cse{a={b=1 c=2";
        let e = err(text);
        assert_eq!(e.message, "unterminated '{' in the value of option 'a'");
        assert_eq!(e.span, 6..7);
        let text = "cse{a=\"x y}";
        let e = err(text);
        assert_eq!(e.message, "unterminated string in the value of option 'a'");
        assert_eq!(e.span, 6..7);
        let text = "cse{a=1]}";
        let e = err(text);
        assert_eq!(e.message, "unmatched ']' in the value of option 'a'");
        assert_eq!(e.span, 7..8);
    }

    #[test]
    fn option_key_errors() {
        let text = "cse{=1}";
        let e = err(text);
        assert_eq!(e.message, "expected an option name before '='");
        assert_eq!(e.span, 4..5);
        let text = "cse{[1]}";
        let e = err(text);
        assert_eq!(e.message, "expected an option name, found '['");
        assert_eq!(e.span, 4..5);
        let text = "cse{a{b}}";
        let e = err(text);
        assert_eq!(e.message, "invalid character '{' after option name 'a'");
        assert_eq!(e.span, 5..6);
    }

    #[test]
    fn spans_are_bytes_with_non_ascii() {
        let text = "p{s=\"é\" t=1}";
        let p = parse(text).expect("valid");
        let (_, options) = pass(&p.elements[0]);
        assert_eq!(&text[options[1].key_span.clone()], "t");
        let e = err("cse,é");
        assert_eq!(e.message, "expected a pass name or an op name, found 'é'");
        assert_eq!(e.span, 4..6);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "{}cse{}",
            "a(".repeat(MAX_NESTING + 1),
            ")".repeat(MAX_NESTING + 1)
        );
        let e = err(&deep);
        assert!(e.message.contains("nested more than"));
        let ok = format!("{}cse{}", "a(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(parse(&ok).is_ok());
    }
}
