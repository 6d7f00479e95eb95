//! Rendering `Diag`s for people and for tools.
//!
//! * [`plain`] is mlir-opt's own stderr format, byte for byte, because
//!   editors, lit tests and scripts parse `FILE:LINE:COL: error: MESSAGE`.
//! * [`fancy`] is miette's graphical report, for humans at a terminal.
//!
//! Both need the source text to show snippets; [`SourceMap`] holds it. Unlike
//! mlir-opt, which loads unknown files from disk, rendering never touches the
//! file system: a location in a file that is not in the map is printed
//! without its source line.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::diagnostic::{Diag, Loc, Severity};

/// The source texts diagnostics may point into, by file name (the name
/// locations carry, e.g. the path given on the command line or `<stdin>`).
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    // `Arc` so that fancy reports can share the text instead of copying it.
    files: HashMap<String, Arc<str>>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the text of `name`.
    pub fn add(&mut self, name: &str, text: String) {
        self.files.insert(name.to_string(), Arc::from(text));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|text| &**text)
    }

    fn get_arc(&self, name: &str) -> Option<Arc<str>> {
        self.files.get(name).cloned()
    }

    /// The byte offset of `loc` in its (known) source, or `None` where
    /// MLIR could not show the line: see [`find_offset`].
    fn offset_of(&self, loc: &Loc) -> Option<usize> {
        find_offset(self.get(&loc.file)?, loc.line, loc.col)
    }
}

/// Resolves a 1-based line and byte column like MLIR's
/// `convertLocToSMLoc` + `llvm::SourceMgr::FindLocForLineAndColumn`: line
/// or column 0 is unknown; the column may point one past the line's last
/// character (at the newline) but not beyond it.
fn find_offset(text: &str, line: usize, col: usize) -> Option<usize> {
    if line == 0 || col == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    let end = line_start.checked_add(col - 1)?;
    if end > text.len()
        || text.as_bytes()[line_start..end]
            .iter()
            .any(|&b| b == b'\n' || b == b'\r')
    {
        return None;
    }
    Some(end)
}

/// Notes in the order they are printed; MLIR has no notes on notes, ours are
/// flattened depth-first just in case.
fn flatten_notes(diag: &Diag) -> Vec<&Diag> {
    let mut out = Vec::new();
    for note in &diag.notes {
        out.push(note);
        out.extend(flatten_notes(note));
    }
    out
}

// ---------------------------------------------------------------------------
// Plain: mlir-opt's format.
// ---------------------------------------------------------------------------

/// mlir-opt's format, as printed by `SourceMgrDiagnosticHandler` (checked
/// against mlir-opt 22):
///
/// ```text
/// bad.mlir:5:19: error: use of value '%c' expects different type than prior uses: 'i32' vs 'i64'
///   %r = arith.addi %c, %c : i32
///                   ^
/// bad.mlir:4:3: note: prior use here
///   %c = arith.constant 1 : i64
///   ^
/// ```
///
/// Each line of the output ends in `\n`. As in MLIR, the source line and
/// caret are shown when the file is known and the line/column exist in it,
/// and a note repeats no source line when it sits at the same location as
/// the diagnostic (or note) printed just before it; tabs are expanded to
/// 8 columns, and lines with non-ASCII bytes get no caret line. Unknown
/// locations print as `<unknown>:0: error: MESSAGE`.
///
/// `Diag::help` has no MLIR counterpart. It is printed last, as an extra
/// note at the diagnostic's location, `FILE:LINE:COL: note: help: TEXT`:
/// anything that parses mlir-opt's output sees a well-formed note attached
/// to the right place, and the `help:` prefix tells it apart. A note's own
/// help follows that note.
pub fn plain(diag: &Diag, sources: &SourceMap) -> String {
    let mut out = String::new();
    emit_plain(
        &mut out,
        sources,
        diag.loc.as_ref(),
        diag.severity,
        &diag.message,
        true,
    );
    let mut previous = diag.loc.as_ref();
    for note in flatten_notes(diag) {
        let display = previous != note.loc.as_ref();
        emit_plain(
            &mut out,
            sources,
            note.loc.as_ref(),
            note.severity,
            &note.message,
            display,
        );
        previous = note.loc.as_ref();
        if let Some(help) = &note.help {
            emit_plain(
                &mut out,
                sources,
                previous,
                Severity::Note,
                &format!("help: {help}"),
                false,
            );
        }
    }
    if let Some(help) = &diag.help {
        let display = previous != diag.loc.as_ref();
        emit_plain(
            &mut out,
            sources,
            diag.loc.as_ref(),
            Severity::Note,
            &format!("help: {help}"),
            display,
        );
    }
    out
}

/// MLIR's `SourceMgrDiagnosticHandler::emitDiagnostic(loc, message, kind,
/// displaySourceLine)` followed by `llvm::SMDiagnostic::print`.
fn emit_plain(
    out: &mut String,
    sources: &SourceMap,
    loc: Option<&Loc>,
    severity: Severity,
    message: &str,
    display_source_line: bool,
) {
    // Writing to a String cannot fail; the results are ignored below.
    let Some(loc) = loc else {
        // An invalid SMLoc: llvm prints the `<unknown>` buffer at line 0.
        let _ = writeln!(out, "<unknown>:0: {severity}: {message}");
        return;
    };
    let resolved = if display_source_line {
        sources
            .get(&loc.file)
            .and_then(|text| Some((text, find_offset(text, loc.line, loc.col)?)))
    } else {
        None
    };
    let Some((text, offset)) = resolved else {
        let _ = writeln!(
            out,
            "{}:{}:{}: {severity}: {message}",
            loc.file, loc.line, loc.col
        );
        return;
    };

    // SMDiagnostic prints the buffer name, mapping `-` to `<stdin>`.
    let name = if loc.file == "-" {
        "<stdin>"
    } else {
        &loc.file
    };
    let _ = writeln!(
        out,
        "{name}:{}:{}: {severity}: {message}",
        loc.line, loc.col
    );

    // The source line, delimited by `\n` or `\r` as in `SourceMgr::GetMessage`.
    let bytes = text.as_bytes();
    let is_eol = |b: u8| b == b'\n' || b == b'\r';
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&b| is_eol(b))
        .map_or(0, |i| i + 1);
    let line_end = bytes[offset..]
        .iter()
        .position(|&b| is_eol(b))
        .map_or(bytes.len(), |i| offset + i);
    let line = &text[line_start..line_end];

    push_tab_expanded(out, line);
    if !line.is_ascii() {
        // llvm gives up on the caret rather than misplace it.
        return;
    }
    let column = (offset - line_start).min(line.len());
    let mut caret = " ".repeat(column);
    caret.push('^');
    // Match tabs in the source line so the caret stays under its character.
    let mut out_col = 0;
    for (i, c) in caret.chars().enumerate() {
        if line.as_bytes().get(i) == Some(&b'\t') {
            loop {
                out.push(c);
                out_col += 1;
                if out_col % TAB_STOP == 0 {
                    break;
                }
            }
        } else {
            out.push(c);
            out_col += 1;
        }
    }
    out.push('\n');
}

/// llvm's `SMDiagnostic` tab stop.
const TAB_STOP: usize = 8;

/// llvm's `printSourceLine`: tabs become at least one space, up to the next
/// multiple of 8 (counting bytes, as llvm does).
fn push_tab_expanded(out: &mut String, line: &str) {
    let mut out_col = 0;
    for (i, piece) in line.split('\t').enumerate() {
        if i > 0 {
            loop {
                out.push(' ');
                out_col += 1;
                if out_col % TAB_STOP == 0 {
                    break;
                }
            }
        }
        out.push_str(piece);
        out_col += piece.len();
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------
// Fancy: miette.
// ---------------------------------------------------------------------------

/// miette's graphical report of `diag`: the message, a source snippet with
/// the location's token underlined, the help line, then the notes as
/// related reports nested under it (`├─▶`), each with its own snippet.
///
/// A snippet is shown when the location is in `sources` and exists there;
/// otherwise the location is written in front of the message, so it is never
/// lost. As in [`plain`], a note at the same location as the one before it
/// shows no snippet again. miette knows three severities, so notes and
/// remarks are "advice" and their message starts with `note:` / `remark:`.
/// With `color == false` the output has no escape codes (unicode box
/// drawing only), which is what snapshot tests want.
pub fn fancy(diag: &Diag, sources: &SourceMap, color: bool) -> String {
    let mut report = Report::new(diag, sources, true);
    let mut previous = diag.loc.as_ref();
    for note in flatten_notes(diag) {
        let show_snippet = previous != note.loc.as_ref();
        report
            .related
            .push(Report::new(note, sources, show_snippet));
        previous = note.loc.as_ref();
    }

    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // No re-wrapping: miette re-fills a nested note's whole rendering, which
    // split the `╭─[FILE:LINE:COL]` header of a deep checkout's path across
    // two lines and can mangle snippet lines. The terminal wraps long lines.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_wrap_lines(false)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        // Only a failing `Display` impl could get here, and ours cannot
        // fail; fall back on the plain form rather than lose the diagnostic.
        return plain(diag, sources);
    }
    out
}

/// A `Diag` in the shape miette wants.
#[derive(Debug)]
struct Report {
    message: String,
    severity: miette::Severity,
    source: Option<NamedSource<Arc<str>>>,
    span: Option<SourceSpan>,
    help: Option<String>,
    related: Vec<Report>,
}

impl Report {
    fn new(diag: &Diag, sources: &SourceMap, show_snippet: bool) -> Self {
        let (severity, prefix) = match diag.severity {
            Severity::Error => (miette::Severity::Error, ""),
            Severity::Warning => (miette::Severity::Warning, ""),
            Severity::Note => (miette::Severity::Advice, "note: "),
            Severity::Remark => (miette::Severity::Advice, "remark: "),
        };
        let snippet = diag.loc.as_ref().filter(|_| show_snippet).and_then(|loc| {
            let text = sources.get_arc(&loc.file)?;
            let offset = sources.offset_of(loc)?;
            let len = token_len(&text, offset);
            Some((
                NamedSource::new(&loc.file, text),
                SourceSpan::from((offset, len)),
            ))
        });
        let message = match (&diag.loc, &snippet) {
            (Some(loc), None) if show_snippet => format!("{loc}: {prefix}{}", diag.message),
            _ => format!("{prefix}{}", diag.message),
        };
        let (source, span) = match snippet {
            Some((source, span)) => (Some(source), Some(span)),
            None => (None, None),
        };
        Report {
            message,
            severity,
            source,
            span,
            help: diag.help.clone(),
            related: Vec::new(),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, span),
        )))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

/// Characters of the token a location points at: identifiers, `%values`,
/// `@symbols`, `#aliases` and dotted op names such as `arith.addi`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '%' | '@' | '#' | '-')
}

/// Length in bytes of the span for a location at `offset`: the token that
/// starts there; a whole `"quoted"` string (how generic-form op names such
/// as `"tosa.matmul"` appear) when it closes on the same line; else the one
/// character there; else (at the end of a line or of the text) nothing.
fn token_len(text: &str, offset: usize) -> usize {
    // MLIR columns count bytes; one could land inside a UTF-8 sequence.
    if !text.is_char_boundary(offset) {
        return 0;
    }
    let rest = &text[offset..];
    let token: usize = rest
        .chars()
        .take_while(|&c| is_token_char(c))
        .map(char::len_utf8)
        .sum();
    if token > 0 {
        return token;
    }
    if let Some(quoted) = rest.strip_prefix('"') {
        if let Some(len) = closing_quote(quoted) {
            return len + 2;
        }
    }
    match rest.chars().next() {
        Some(c) if c != '\n' && c != '\r' => c.len_utf8(),
        _ => 0,
    }
}

/// Byte index of the `"` closing a string body, skipping `\"` escapes; `None`
/// if the line ends first.
fn closing_quote(body: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\n' | '\r' => return None,
            '"' if !escaped => return Some(i),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD: &str = "func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {\n  %0 = arith.addf %a, %a : tensor<2x3xf32>\n  %1 = \"test.foo\"() : () -> i32\n  %c = arith.constant 1 : i64\n  %r = arith.addi %c, %c : i32\n  return %0 : tensor<2x3xf32>\n}\n";

    fn loc(file: &str, line: usize, col: usize) -> Option<Loc> {
        Some(Loc {
            file: file.to_string(),
            line,
            col,
        })
    }

    fn sources() -> SourceMap {
        let mut s = SourceMap::new();
        s.add("bad.mlir", BAD.to_string());
        s
    }

    fn type_mismatch() -> Diag {
        let mut d = Diag::error(
            loc("bad.mlir", 5, 19),
            "use of value '%c' expects different type than prior uses: 'i32' vs 'i64'",
        );
        d.notes.push(Diag::new(
            Severity::Note,
            loc("bad.mlir", 4, 3),
            "prior use here",
        ));
        d
    }

    #[test]
    fn source_map_roundtrip() {
        let s = sources();
        assert_eq!(s.get("bad.mlir"), Some(BAD));
        assert_eq!(s.get("nope.mlir"), None);
    }

    #[test]
    fn plain_matches_mlir_opt_byte_for_byte() {
        // Captured from `mlir-opt bad.mlir` (LLVM 22).
        let expected = "bad.mlir:5:19: error: use of value '%c' expects different type than prior uses: 'i32' vs 'i64'
  %r = arith.addi %c, %c : i32
                  ^
bad.mlir:4:3: note: prior use here
  %c = arith.constant 1 : i64
  ^
";
        assert_eq!(plain(&type_mismatch(), &sources()), expected);
    }

    #[test]
    fn plain_note_at_same_location_has_no_source_line() {
        // Captured from mlir-opt 22 on a func.return verifier error.
        let text = "func.func @g() {\n  %c = arith.constant 1 : i32\n  \"func.return\"(%c) : (i32) -> ()\n}\n";
        let mut s = SourceMap::new();
        s.add("ver2.mlir", text.to_string());
        let mut d = Diag::error(
            loc("ver2.mlir", 3, 3),
            "'func.return' op has 1 operands, but enclosing function (@g) returns 0",
        );
        d.notes.push(Diag::new(
            Severity::Note,
            loc("ver2.mlir", 3, 3),
            "see current operation: \"func.return\"(%0) : (i32) -> ()",
        ));
        let expected = "ver2.mlir:3:3: error: 'func.return' op has 1 operands, but enclosing function (@g) returns 0
  \"func.return\"(%c) : (i32) -> ()
  ^
ver2.mlir:3:3: note: see current operation: \"func.return\"(%0) : (i32) -> ()
";
        assert_eq!(plain(&d, &s), expected);
    }

    #[test]
    fn plain_unknown_location() {
        let mut d = Diag::error(None, "'func.return' op has 1 operands");
        d.notes
            .push(Diag::new(Severity::Note, None, "see current operation"));
        assert_eq!(
            plain(&d, &sources()),
            "<unknown>:0: error: 'func.return' op has 1 operands\n<unknown>:0: note: see current operation\n"
        );
    }

    #[test]
    fn plain_without_source_line_when_unresolvable() {
        // Unknown file, line past the end, column past the end, column 0:
        // mlir-opt prints the location alone.
        let s = sources();
        let cases = [
            (loc("nofile.mlir", 3, 4), "nofile.mlir:3:4: error: m\n"),
            (loc("bad.mlir", 99, 1), "bad.mlir:99:1: error: m\n"),
            (loc("bad.mlir", 3, 33), "bad.mlir:3:33: error: m\n"),
            (loc("bad.mlir", 1, 0), "bad.mlir:1:0: error: m\n"),
        ];
        for (l, expected) in cases {
            assert_eq!(plain(&Diag::error(l, "m"), &s), expected);
        }
    }

    #[test]
    fn plain_caret_at_end_of_line_and_last_line() {
        let s = sources();
        // Line 3 has 31 characters; column 32 is the newline itself.
        assert_eq!(
            plain(&Diag::error(loc("bad.mlir", 3, 32), "m"), &s),
            "bad.mlir:3:32: error: m\n  %1 = \"test.foo\"() : () -> i32\n                               ^\n"
        );
        // The empty line after the final newline exists.
        assert_eq!(
            plain(&Diag::error(loc("bad.mlir", 8, 1), "m"), &s),
            "bad.mlir:8:1: error: m\n\n^\n"
        );
    }

    #[test]
    fn plain_expands_tabs_like_llvm() {
        // Captured from mlir-opt 22 on a file indented with a tab.
        let mut s = SourceMap::new();
        s.add("tab.mlir", "func.func @g() {\n\t%c = arith.constant 1 : i32\n\t\"func.return\"(%c) : (i32) -> ()\n}\n".to_string());
        assert_eq!(
            plain(&Diag::error(loc("tab.mlir", 3, 2), "m"), &s),
            "tab.mlir:3:2: error: m\n        \"func.return\"(%c) : (i32) -> ()\n        ^\n"
        );
        s.add("tab2.mlir", "a\tbc\td\n".to_string());
        assert_eq!(
            plain(&Diag::error(loc("tab2.mlir", 1, 6), "m"), &s),
            "tab2.mlir:1:6: error: m\na       bc      d\n                ^\n"
        );
    }

    #[test]
    fn plain_non_ascii_line_has_no_caret() {
        let mut s = SourceMap::new();
        s.add(
            "u.mlir",
            "%0 = \"x\"() {s = \"é\"} : () -> ()\n".to_string(),
        );
        assert_eq!(
            plain(&Diag::error(loc("u.mlir", 1, 1), "m"), &s),
            "u.mlir:1:1: error: m\n%0 = \"x\"() {s = \"é\"} : () -> ()\n"
        );
    }

    #[test]
    fn plain_stdin_and_crlf() {
        let mut s = SourceMap::new();
        s.add("-", "a b\r\nc\r\n".to_string());
        assert_eq!(
            plain(&Diag::error(loc("-", 1, 3), "m"), &s),
            "<stdin>:1:3: error: m\na b\n  ^\n"
        );
        assert_eq!(
            plain(&Diag::error(loc("-", 2, 1), "m"), &s),
            "<stdin>:2:1: error: m\nc\n^\n"
        );
        // The `\r` ends the line: column 5 would cross it.
        assert_eq!(
            plain(&Diag::error(loc("-", 1, 5), "m"), &s),
            "-:1:5: error: m\n"
        );
    }

    #[test]
    fn plain_help_is_a_trailing_note() {
        let d = Diag::error(loc("bad.mlir", 2, 8), "unknown op 'arith.addff'")
            .with_help("did you mean 'arith.addf'?");
        assert_eq!(
            plain(&d, &sources()),
            "bad.mlir:2:8: error: unknown op 'arith.addff'
  %0 = arith.addf %a, %a : tensor<2x3xf32>
       ^
bad.mlir:2:8: note: help: did you mean 'arith.addf'?
"
        );
        // After a note elsewhere, the help shows the line again, like any
        // note whose location differs from the previous one.
        let d = type_mismatch().with_help("cast with arith.extsi");
        assert!(plain(&d, &sources()).ends_with(
            "bad.mlir:5:19: note: help: cast with arith.extsi\n  %r = arith.addi %c, %c : i32\n                  ^\n"
        ));
        let d = Diag::error(None, "m").with_help("h");
        assert_eq!(
            plain(&d, &sources()),
            "<unknown>:0: error: m\n<unknown>:0: note: help: h\n"
        );
    }

    #[test]
    fn token_spans() {
        let span_at = |line, col| find_offset(BAD, line, col).map(|offset| token_len(BAD, offset));
        assert_eq!(span_at(5, 19), Some(2)); // %c
        assert_eq!(span_at(5, 8), Some(10)); // arith.addi
        assert_eq!(span_at(1, 11), Some(2)); // @f
        assert_eq!(span_at(3, 8), Some(10)); // "test.foo"
        assert_eq!(span_at(3, 20), Some(1)); // :
        assert_eq!(span_at(3, 31), Some(1)); // the 2 of i32, up to the newline
        assert_eq!(span_at(3, 32), Some(0)); // end of line
        assert_eq!(token_len("é", 1), 0); // inside a UTF-8 sequence
        assert_eq!(token_len(r#"x = "a\"b" y"#, 4), 6); // escaped quote
        assert_eq!(token_len("\"open\nclosed\"", 0), 1); // no closing quote on the line
    }


    /// File snapshot `src/snapshots/{name}.snap`, named for the case alone.
    fn snapshot(name: &str, rendered: String) {
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(name, rendered));
    }

    #[test]
    fn fancy_type_mismatch() {
        snapshot(
            "render__fancy_type_mismatch",
            fancy(&type_mismatch(), &sources(), false),
        );
    }

    #[test]
    fn fancy_bad_matmul_with_help() {
        let text = "func.func @h(%a: tensor<1x2x3xf32>) {\n  %0 = \"tosa.matmul\"() : () -> tensor<1x2x4xf32>\n  return\n}\n";
        let mut s = SourceMap::new();
        s.add("matmul.mlir", text.to_string());
        let mut d = Diag::error(
            loc("matmul.mlir", 2, 8),
            "'tosa.matmul' op expected 4 operands, but found 0",
        )
        .with_help("pass the operands: tosa.matmul %a, %b, %a_zp, %b_zp");
        d.notes.push(Diag::new(
            Severity::Note,
            loc("matmul.mlir", 2, 8),
            "see current operation: %0 = \"tosa.matmul\"() : () -> tensor<1x2x4xf32>",
        ));
        d.notes.push(Diag::new(
            Severity::Note,
            loc("matmul.mlir", 1, 14),
            "operand %a is defined here",
        ));
        snapshot("render__fancy_bad_matmul", fancy(&d, &s, false));
    }

    #[test]
    fn fancy_locations_outside_the_source_map() {
        let mut d = Diag::new(
            Severity::Warning,
            loc("elsewhere.mlir", 7, 2),
            "op was folded away",
        );
        d.notes
            .push(Diag::new(Severity::Remark, None, "pass: canonicalize"));
        d.notes.push(Diag::new(
            Severity::Note,
            loc("bad.mlir", 6, 3),
            "result used here",
        ));
        snapshot(
            "render__fancy_unknown_sources",
            fancy(&d, &sources(), false),
        );
    }

    #[test]
    fn fancy_is_deterministic_and_colorless_when_asked() {
        let a = fancy(&type_mismatch(), &sources(), false);
        let b = fancy(&type_mismatch(), &sources(), false);
        assert_eq!(a, b);
        assert!(!a.contains('\u{1b}'));
        assert!(fancy(&type_mismatch(), &sources(), true).contains('\u{1b}'));
    }
}
