//! `--verify-diagnostics`: checks the diagnostics a run produced against the
//! `expected-*` comments of the input, the way mlir-opt does it.
//!
//! This mirrors MLIR's `SourceMgrDiagnosticVerifierHandler`
//! (`mlir/lib/IR/Diagnostics.cpp`, checked against mlir-opt 22) so that a test
//! that passes under mlir-opt passes here and the other way round. What MLIR
//! accepts:
//!
//! * One expectation per source line, found anywhere on the line (after
//!   trimming trailing whitespace) by MLIR's own pattern
//!   `expected-(error|note|remark|warning)(-re)? *(@([+-][0-9]+|above|below|unknown))? *{{(.*)}}$`.
//!   The text runs from the first `{{` after the designator to the `}}` that
//!   ends the line, so `{{a}} {{b}}` expects the text `a}} {{b`. To expect
//!   several diagnostics on one line, write several comment lines that point
//!   at it (`@above`, `@-N`, ...).
//! * Designators: none (the comment's own line), `@+N` / `@-N` (relative;
//!   `N` is read like `StringRef::getAsInteger` with radix 0, so a leading `0`
//!   means octal), `@above` (the closest preceding line that holds no
//!   expectation), `@below` (the next such line) and `@unknown` (diagnostics
//!   without a file location). There is no absolute `@N` and no count.
//! * Plain expectations match when the message *contains* the text. Only the
//!   `-re` forms (`expected-error-re {{...}}`) treat `{{regex}}` pieces of the
//!   text as regular expressions, with the rest matched literally; the
//!   assembled regex is searched for anywhere in the message.
//! * A diagnostic matches the first expectation of the same severity on its
//!   line (any `@unknown` one when it has no location) whose text matches it.
//!   An expectation that matched stays usable: MLIR lets one expectation
//!   absorb every identical diagnostic on its line. Notes are matched as
//!   separate diagnostics of severity note.
//!
//! Deliberate differences, all of them stricter or more precise than MLIR:
//!
//! * A comment that starts with `expected-KIND` but does not fit the pattern
//!   (e.g. `// expected-error @3 {{x}}`, a missing `{{...}}`, text after the
//!   closing `}}`) is silently ignored by mlir-opt; here it is an error, since
//!   such a typo would otherwise pass unnoticed. The same goes for `@-N`
//!   before line 1 and unparsable offsets (MLIR wraps or reads garbage).
//! * Regexes use the Rust `regex` dialect (close to POSIX ERE, which LLVM
//!   uses) with `.` matching newlines as in POSIX; so invalid-regex messages
//!   are worded by Rust's regex parser.
//! * Problems with `@unknown` expectations are reported at the comment; mlir-opt
//!   reports them at `<unknown>:0` (and lists unmatched ones twice).
//! * Diagnostics in files other than the verified one are reported as
//!   unexpected (mlir-opt would load that file and read its expectations).
//! * `Diag::help` is ours, not MLIR's, and takes no part in matching.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};

use crate::diagnostic::{Diag, Loc, Severity};

/// MLIR's expectation pattern, with the braces escaped: POSIX ERE reads `{{`
/// literally, Rust's regex would take it for a repetition.
const EXPECTED_PATTERN: &str = r"expected-(error|note|remark|warning)(-re)? *(@([+-][0-9]+|above|below|unknown))? *\{\{(.*)\}\}$";

/// A comment that *tries* to be an expectation: a `//` followed by the
/// keyword. Used only to report lines MLIR would silently ignore.
const ATTEMPT_PATTERN: &str = r"//\s*expected-(error|note|remark|warning)(-re)?(?:[\s@{]|$)";

fn expected_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // The pattern is a constant, checked by the unit tests.
    RE.get_or_init(|| Regex::new(EXPECTED_PATTERN).expect("EXPECTED_PATTERN is a valid regex"))
}

fn attempt_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // The pattern is a constant, checked by the unit tests.
    RE.get_or_init(|| Regex::new(ATTEMPT_PATTERN).expect("ATTEMPT_PATTERN is a valid regex"))
}

/// The characters `StringRef::rtrim()` removes.
const LLVM_WHITESPACE: &[char] = &[' ', '\t', '\n', '\x0b', '\x0c', '\r'];

/// One `expected-*` comment.
#[derive(Clone, Debug)]
pub struct Expectation {
    pub severity: Severity,
    /// The line the diagnostic is expected on (1-based); 0 for `@unknown`.
    pub line: usize,
    /// `@unknown`: expects a diagnostic without a file location.
    pub unknown_loc: bool,
    /// Where the comment's `expected-` starts (1-based line and byte column),
    /// which is where problems with it are reported.
    pub comment_line: usize,
    pub comment_col: usize,
    /// The text between the outer `{{` and `}}`, as written.
    pub text: String,
    /// `expected-*-re`: `text` holds `{{regex}}` pieces.
    pub is_regex: bool,
    /// Set once a diagnostic matched it.
    pub matched: bool,
    /// The assembled regex of a `-re` expectation.
    matcher: Option<Regex>,
}

impl Expectation {
    /// Whether a diagnostic message satisfies the text (not the severity or line).
    pub fn matches(&self, message: &str) -> bool {
        match &self.matcher {
            Some(re) => re.is_match(message),
            None => message.contains(&self.text),
        }
    }

    /// The location of the comment, for reporting problems with it.
    pub fn comment_loc(&self, file: &str) -> Loc {
        Loc {
            file: file.to_string(),
            line: self.comment_line,
            col: self.comment_col,
        }
    }
}

/// Scans `source` (the whole text of one buffer) for expectations.
/// Malformed ones (bad designator, missing `{{ }}`, `@-N` before line 1,
/// invalid regex) are returned as `Diag` errors located at the comment.
pub fn parse_expectations(file: &str, source: &str) -> Result<Vec<Expectation>, Vec<Diag>> {
    let (expectations, errors) = scan_expectations(file, source);
    if errors.is_empty() {
        Ok(expectations)
    } else {
        Err(errors)
    }
}

/// Like [`parse_expectations`], but keeps the well-formed expectations next
/// to the errors, which is what mlir-opt does: it reports the bad comments
/// and still verifies against the good ones.
pub fn scan_expectations(file: &str, source: &str) -> (Vec<Expectation>, Vec<Diag>) {
    let mut expectations: Vec<Expectation> = Vec::new();
    let mut errors = Vec::new();

    // Split like `StringRef::split('\n')`: a trailing newline yields a last,
    // empty line, which counts (dangling `@below` lands there).
    let lines: Vec<&str> = source.split('\n').collect();
    let line_count = lines.len();
    // 0-based index of the last line holding no expectation (MLIR starts at 0
    // too, so `@above` on the first lines points at line 1).
    let mut last_non_designator = 0usize;
    // Indices into `expectations` of `@below`s waiting for their line.
    let mut pending_below: Vec<usize> = Vec::new();

    for (index, raw) in lines.iter().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end_matches(LLVM_WHITESPACE);
        let Some(caps) = expected_re().captures(line) else {
            if let Some(problem) = malformed_attempt(line) {
                let (col, message) = problem;
                let loc = Loc {
                    file: file.to_string(),
                    line: line_no,
                    col,
                };
                errors.push(Diag::error(Some(loc), message));
            }
            for pending in pending_below.drain(..) {
                expectations[pending].line = line_no;
            }
            last_non_designator = index;
            continue;
        };

        // Group 0 always exists for a match; it starts at `expected-`.
        let col = caps.get(0).map_or(0, |m| m.start()) + 1;
        let loc = Loc {
            file: file.to_string(),
            line: line_no,
            col,
        };
        let severity = match &caps[1] {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "remark" => Severity::Remark,
            _ => Severity::Note,
        };
        let mut expectation = Expectation {
            severity,
            line: line_no,
            unknown_loc: false,
            comment_line: line_no,
            comment_col: col,
            text: caps[5].to_string(),
            is_regex: caps.get(2).is_some(),
            matched: false,
            matcher: None,
        };

        if expectation.is_regex {
            match compile_expected_regex(&expectation.text) {
                Ok(re) => expectation.matcher = Some(re),
                Err(message) => {
                    errors.push(Diag::error(Some(loc), message));
                    continue;
                }
            }
        }

        if let Some(designator) = caps.get(4) {
            match designator.as_str() {
                "unknown" => {
                    expectation.unknown_loc = true;
                    expectation.line = 0;
                }
                "above" => expectation.line = last_non_designator + 1,
                "below" => {
                    pending_below.push(expectations.len());
                    // Where a dangling `@below` ends up, as in MLIR.
                    expectation.line = line_count;
                }
                offset => {
                    let (sign, digits) = offset.split_at(1);
                    let Some(n) = parse_auto_radix(digits) else {
                        let message =
                            format!("invalid line offset '@{offset}' in expected-{severity}");
                        errors.push(Diag::error(Some(loc), message));
                        continue;
                    };
                    if sign == "+" {
                        expectation.line = line_no + n;
                    } else if n < line_no {
                        expectation.line = line_no - n;
                    } else {
                        let message = format!(
                            "expected-{severity}@{offset} on line {line_no} refers to line {}, before the start of the file",
                            line_no as i64 - n as i64
                        );
                        errors.push(Diag::error(Some(loc), message));
                        continue;
                    }
                }
            }
        }
        expectations.push(expectation);
    }
    (expectations, errors)
}

/// Reads `N` of `@+N` like `StringRef::getAsInteger(0, int&)`: a leading `0`
/// means octal, and the value must fit an `int`.
fn parse_auto_radix(digits: &str) -> Option<usize> {
    let value = if digits.len() > 1 && digits.starts_with('0') {
        i32::from_str_radix(&digits[1..], 8).ok()?
    } else {
        digits.parse::<i32>().ok()?
    };
    usize::try_from(value).ok()
}

/// Assembles the regex of a `-re` expectation like MLIR's
/// `ExpectedDiag::computeRegex`: literal text escaped, each `{{...}}` piece
/// validated on its own and wrapped in a group.
fn compile_expected_regex(text: &str) -> Result<Regex, String> {
    let mut pattern = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(start) = rest.find("{{") else {
            pattern.push_str(&regex::escape(rest));
            break;
        };
        pattern.push_str(&regex::escape(&rest[..start]));
        rest = &rest[start + 2..];
        let Some(end) = rest.find("}}") else {
            return Err("found start of regex with no end '}}'".to_string());
        };
        let piece = &rest[..end];
        build_regex(piece).map_err(|e| format!("invalid regex: {e}"))?;
        pattern.push('(');
        pattern.push_str(piece);
        pattern.push(')');
        rest = &rest[end + 2..];
    }
    build_regex(&pattern).map_err(|e| format!("invalid regex: {e}"))
}

/// Compiles with POSIX's (and so LLVM's) reading of `.`, which matches
/// newlines; multi-line messages (printed ops) depend on it. Errors are cut
/// down to the parser's one-line reason.
fn build_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .dot_matches_new_line(true)
        .build()
        .map_err(|e| {
            let full = e.to_string();
            let last = full.lines().last().unwrap_or("").trim();
            last.strip_prefix("error: ").unwrap_or(last).to_string()
        })
}

/// For a line that MLIR's pattern rejected: if it still starts a comment with
/// `expected-KIND`, say what is wrong and where (1-based byte column).
fn malformed_attempt(line: &str) -> Option<(usize, String)> {
    let caps = attempt_re().captures(line)?;
    // Group 1 is mandatory in the pattern.
    let keyword_start = caps.get(1).map_or(0, |m| m.start()) - "expected-".len();
    let keyword_end = caps.get(2).or(caps.get(1)).map_or(0, |m| m.end());
    let keyword = &line[keyword_start..keyword_end];
    let col = keyword_start + 1;
    let ignored = "mlir-opt would silently ignore this line";

    let mut rest = line[keyword_end..].trim_start_matches(' ');
    if let Some(after_at) = rest.strip_prefix('@') {
        let end = after_at.find([' ', '{']).unwrap_or(after_at.len());
        let designator = &after_at[..end];
        let valid = matches!(designator, "above" | "below" | "unknown")
            || (designator.len() > 1
                && designator.starts_with(['+', '-'])
                && designator[1..].bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            return Some((
                col,
                format!(
                    "invalid designator '@{designator}' in {keyword}: expected @above, @below, @unknown, @+N or @-N ({ignored})"
                ),
            ));
        }
        rest = after_at[end..].trim_start_matches(' ');
    }
    let message = if !rest.starts_with("{{") {
        format!("{keyword} must be followed by the expected text in '{{{{...}}}}' ({ignored})")
    } else {
        format!(
            "{keyword}: the expected text must end with '}}}}' at the end of the line ({ignored})"
        )
    };
    Some((col, message))
}

/// Matches the diagnostics a run produced (each `Diag` and, flattened, its
/// notes, which MLIR matches as separate diagnostics of severity note)
/// against `expectations` of `file`, marking the ones that matched.
///
/// Returns the problems as error `Diag`s worded like MLIR's, in MLIR's order:
/// for each produced diagnostic that matched nothing, either
/// `'KIND' diagnostic emitted when expecting a 'KIND'` at the comment (when
/// only the severity differed) or `unexpected KIND: MESSAGE` at the
/// diagnostic's location; then, for each expectation that never matched,
/// `expected KIND "TEXT" was not produced` at the comment (file-located
/// expectations first, then `@unknown` ones).
pub fn verify(file: &str, expectations: &mut [Expectation], produced: &[Diag]) -> Vec<Diag> {
    let mut problems = Vec::new();
    for diag in produced {
        process(file, expectations, diag, &mut problems);
    }
    for unknown in [false, true] {
        for e in expectations
            .iter()
            .filter(|e| e.unknown_loc == unknown && !e.matched)
        {
            problems.push(Diag::error(
                Some(e.comment_loc(file)),
                format!("expected {} \"{}\" was not produced", e.severity, e.text),
            ));
        }
    }
    problems
}

/// Checks one diagnostic, then its notes (MLIR has no notes on notes, but
/// if we ever build some, they are checked the same way).
fn process(file: &str, expectations: &mut [Expectation], diag: &Diag, problems: &mut Vec<Diag>) {
    if let Some(problem) = process_one(file, expectations, diag) {
        problems.push(problem);
    }
    for note in &diag.notes {
        process(file, expectations, note, problems);
    }
}

/// MLIR's `SourceMgrDiagnosticVerifierHandler::process`.
fn process_one(file: &str, expectations: &mut [Expectation], diag: &Diag) -> Option<Diag> {
    let mut near_miss: Option<usize> = None;
    for (index, e) in expectations.iter_mut().enumerate() {
        let applies = match &diag.loc {
            Some(loc) => loc.file == file && !e.unknown_loc && loc.line == e.line,
            None => e.unknown_loc,
        };
        if !applies || !e.matches(&diag.message) {
            continue;
        }
        if e.severity == diag.severity {
            e.matched = true;
            return None;
        }
        near_miss = Some(index);
    }
    Some(match near_miss {
        Some(index) => {
            let e = &expectations[index];
            Diag::error(
                Some(e.comment_loc(file)),
                format!(
                    "'{}' diagnostic emitted when expecting a '{}'",
                    diag.severity, e.severity
                ),
            )
        }
        None => Diag::error(
            diag.loc.clone(),
            format!("unexpected {}: {}", diag.severity, diag.message),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "t.mlir";

    fn at(line: usize, col: usize) -> Option<Loc> {
        Some(Loc {
            file: FILE.to_string(),
            line,
            col,
        })
    }

    fn parse(source: &str) -> Vec<Expectation> {
        match parse_expectations(FILE, source) {
            Ok(e) => e,
            Err(errors) => panic!("unexpected parse errors: {errors:#?}"),
        }
    }

    fn parse_errors(source: &str) -> Vec<String> {
        match parse_expectations(FILE, source) {
            Ok(e) => panic!("expected parse errors, got {e:#?}"),
            Err(errors) => errors
                .iter()
                .map(|d| {
                    format!(
                        "{}: {}",
                        d.loc.as_ref().map_or("?".into(), |l| l.to_string()),
                        d.message
                    )
                })
                .collect(),
        }
    }

    fn lines_of(exps: &[Expectation]) -> Vec<usize> {
        exps.iter().map(|e| e.line).collect()
    }

    fn messages(problems: &[Diag]) -> Vec<String> {
        problems
            .iter()
            .map(|d| {
                let loc = d
                    .loc
                    .as_ref()
                    .map_or("<unknown>".to_string(), |l| l.to_string());
                format!("{loc}: {}: {}", d.severity, d.message)
            })
            .collect()
    }

    #[test]
    fn patterns_compile() {
        let _ = expected_re();
        let _ = attempt_re();
    }

    #[test]
    fn same_line_and_fields() {
        let exps = parse("%0 = \"foo\"() : () -> () // expected-error {{unknown op}}\n");
        assert_eq!(exps.len(), 1);
        let e = &exps[0];
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.line, 1);
        assert_eq!(e.comment_line, 1);
        assert_eq!(e.comment_col, 28);
        assert_eq!(e.text, "unknown op");
        assert!(!e.is_regex && !e.unknown_loc && !e.matched);
    }

    #[test]
    fn all_kinds() {
        let exps = parse(
            "// expected-error {{a}}\n// expected-warning {{b}}\n// expected-remark {{c}}\n// expected-note {{d}}\n",
        );
        let kinds: Vec<Severity> = exps.iter().map(|e| e.severity).collect();
        assert_eq!(
            kinds,
            [
                Severity::Error,
                Severity::Warning,
                Severity::Remark,
                Severity::Note
            ]
        );
    }

    #[test]
    fn relative_designators() {
        let src = "a\nb\n// expected-error@+2 {{x}}\n// expected-error @-2 {{y}}\nc\nd\n";
        assert_eq!(lines_of(&parse(src)), [5, 2]);
    }

    #[test]
    fn offset_with_leading_zero_is_octal_like_getasinteger() {
        let src = "// expected-error@+010 {{x}}\n";
        assert_eq!(lines_of(&parse(src)), [9]);
        assert_eq!(
            parse_errors("// expected-error@+08 {{x}}\n"),
            ["t.mlir:1:4: invalid line offset '@+08' in expected-error"]
        );
    }

    #[test]
    fn above_skips_expectation_lines() {
        let src = "op1\n// expected-error @above {{x}}\n// expected-note @above {{y}}\nop2\n";
        assert_eq!(lines_of(&parse(src)), [1, 1]);
    }

    #[test]
    fn above_at_start_of_file_is_line_one() {
        assert_eq!(lines_of(&parse("// expected-error @above {{x}}\n")), [1]);
    }

    #[test]
    fn below_skips_expectation_lines_and_dangles_to_last_line() {
        let src = "// expected-error @below {{x}}\n// expected-note @below {{y}}\nop\n// expected-error @below {{z}}\n";
        // "...\n" splits into 5 pieces; a dangling @below gets line 5.
        assert_eq!(lines_of(&parse(src)), [3, 3, 5]);
    }

    #[test]
    fn below_lands_on_a_line_mlir_ignores() {
        // The second line does not fit MLIR's pattern (text after `}}`), so
        // MLIR takes it as an ordinary line, the target of `@below`. We keep
        // that but report the line.
        let src = "// expected-error @below {{a}}\n// expected-error {{b}} // trailing\nop\n";
        let (exps, errors) = scan_expectations(FILE, src);
        assert_eq!(lines_of(&exps), [2]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].loc, at(2, 4));
        assert!(
            errors[0].message.contains("must end with '}}'"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn unknown_designator() {
        let exps = parse("// expected-error @unknown {{x}}\n");
        assert!(exps[0].unknown_loc);
        assert_eq!(exps[0].line, 0);
    }

    #[test]
    fn text_runs_to_the_last_closing_braces() {
        let exps = parse("// expected-error {{a}} {{b}}  \r\n");
        assert_eq!(exps[0].text, "a}} {{b");
    }

    #[test]
    fn only_one_expectation_per_line() {
        let exps = parse("op // expected-error {{a}} expected-note {{b}}\n");
        assert_eq!(exps.len(), 1);
        assert_eq!(exps[0].text, "a}} expected-note {{b");
    }

    #[test]
    fn no_space_needed() {
        let exps = parse("// expected-error@+1{{a}}\nop\n");
        assert_eq!((exps[0].line, exps[0].text.as_str()), (2, "a"));
    }

    #[test]
    fn prose_is_not_an_expectation() {
        assert!(parse("// The expected-error comments below check the verifier.\n").is_empty());
    }

    #[test]
    fn malformed_lines_are_errors() {
        let errors = parse_errors(
            "// expected-error @3 {{x}}\n// expected-error @bogus {{x}}\n// expected-error \"x\"\n// expected-error {{x\n//expected-warning\n",
        );
        assert_eq!(
            errors,
            [
                "t.mlir:1:4: invalid designator '@3' in expected-error: expected @above, @below, @unknown, @+N or @-N (mlir-opt would silently ignore this line)",
                "t.mlir:2:4: invalid designator '@bogus' in expected-error: expected @above, @below, @unknown, @+N or @-N (mlir-opt would silently ignore this line)",
                "t.mlir:3:4: expected-error must be followed by the expected text in '{{...}}' (mlir-opt would silently ignore this line)",
                "t.mlir:4:4: expected-error: the expected text must end with '}}' at the end of the line (mlir-opt would silently ignore this line)",
                "t.mlir:5:3: expected-warning must be followed by the expected text in '{{...}}' (mlir-opt would silently ignore this line)",
            ]
        );
    }

    #[test]
    fn negative_offset_before_line_one() {
        assert_eq!(
            parse_errors("a\n// expected-error@-2 {{x}}\n"),
            ["t.mlir:2:4: expected-error@-2 on line 2 refers to line 0, before the start of the file"]
        );
    }

    #[test]
    fn scan_keeps_good_expectations_next_to_errors() {
        let (exps, errors) = scan_expectations(
            FILE,
            "// expected-error-re {{a{{(}}b}}\n// expected-error {{ok}}\n",
        );
        assert_eq!(exps.len(), 1);
        assert_eq!(exps[0].text, "ok");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn regex_errors_worded_like_mlir() {
        let errors = parse_errors("// expected-remark-re @above {{h{{el+o}}\n");
        assert_eq!(
            errors,
            ["t.mlir:1:4: found start of regex with no end '}}'"]
        );
        let errors = parse_errors("// expected-remark-re {{h{{el(+}}o}}\n");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("t.mlir:1:4: invalid regex: "),
            "{}",
            errors[0]
        );
        assert!(!errors[0].contains('\n'));
    }

    #[test]
    fn plain_text_is_a_substring_and_braces_are_literal() {
        let exps = parse("// expected-error {{h{{el+}}o}}\n");
        assert!(!exps[0].is_regex);
        assert!(exps[0].matches("say h{{el+}}o there"));
        assert!(!exps[0].matches("hello"));
    }

    #[test]
    fn re_pieces_are_regexes_and_the_rest_is_literal() {
        let exps = parse("// expected-error-re {{type '{{.*}}' (x+)}}\n");
        let e = &exps[0];
        assert!(e.is_regex);
        assert!(e.matches("bad type 'tensor<2x3xf32>' (x+) here"));
        assert!(!e.matches("bad type 'tensor<2x3xf32>' (xx) here"));
        // `.` crosses newlines, as in POSIX.
        assert!(e.matches("type 'a\nb' (x+)"));
    }

    #[test]
    fn re_anchors_apply_to_the_whole_message() {
        let exps = parse("// expected-error-re {{{{^}}op}}\n");
        assert!(exps[0].matches("op failed"));
        assert!(!exps[0].matches("the op failed"));
    }

    fn run(source: &str, produced: &[Diag]) -> (Vec<String>, Vec<Expectation>) {
        let mut exps = parse(source);
        let problems = verify(FILE, &mut exps, produced);
        (messages(&problems), exps)
    }

    #[test]
    fn everything_matches() {
        let src = "op // expected-error {{bad op}}\n// expected-note @above {{prior use}}\n";
        let mut error = Diag::error(at(1, 1), "this is a bad op");
        error
            .notes
            .push(Diag::new(Severity::Note, at(1, 4), "prior use here"));
        let (problems, exps) = run(src, &[error]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(exps.iter().all(|e| e.matched));
    }

    #[test]
    fn unexpected_and_not_produced() {
        let src = "op\n// expected-error @above {{something else}}\n";
        let produced = [
            Diag::new(Severity::Warning, at(1, 1), "careful"),
            Diag::error(None, "lost"),
        ];
        let (problems, _) = run(src, &produced);
        assert_eq!(
            problems,
            [
                "t.mlir:1:1: error: unexpected warning: careful",
                "<unknown>: error: unexpected error: lost",
                "t.mlir:2:4: error: expected error \"something else\" was not produced",
            ]
        );
    }

    #[test]
    fn unmatched_note_is_unexpected() {
        let mut error = Diag::error(at(1, 1), "bad");
        error
            .notes
            .push(Diag::new(Severity::Note, at(1, 1), "see current operation"));
        let (problems, _) = run("op // expected-error {{bad}}\n", &[error]);
        assert_eq!(
            problems,
            ["t.mlir:1:1: error: unexpected note: see current operation"]
        );
    }

    #[test]
    fn near_miss_is_reported_at_the_comment() {
        // Two remarks where an error was expected: each is a near miss (as in
        // mlir-opt), and the expectation is still not produced.
        let src = "op\n// expected-error @above {{hello}}\n";
        let produced = [
            Diag::new(Severity::Remark, at(1, 1), "hello"),
            Diag::new(Severity::Remark, at(1, 9), "hello"),
        ];
        let (problems, _) = run(src, &produced);
        assert_eq!(
            problems,
            [
                "t.mlir:2:4: error: 'remark' diagnostic emitted when expecting a 'error'",
                "t.mlir:2:4: error: 'remark' diagnostic emitted when expecting a 'error'",
                "t.mlir:2:4: error: expected error \"hello\" was not produced",
            ]
        );
    }

    #[test]
    fn one_expectation_absorbs_identical_diagnostics_like_mlir() {
        let src = "op op\n// expected-remark @above {{hello}}\n";
        let produced = [
            Diag::new(Severity::Remark, at(1, 1), "hello"),
            Diag::new(Severity::Remark, at(1, 4), "hello"),
        ];
        let (problems, exps) = run(src, &produced);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(exps[0].matched);
    }

    #[test]
    fn several_expectations_for_one_line() {
        let src = "op\n// expected-error @above {{first}}\n// expected-error @-2 {{second}}\n";
        let produced = [
            Diag::error(at(1, 1), "second thing"),
            Diag::error(at(1, 1), "first thing"),
        ];
        let (problems, exps) = run(src, &produced);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(exps.iter().all(|e| e.matched));
    }

    #[test]
    fn line_and_file_must_match() {
        let src = "op\nop // expected-error {{bad}}\n";
        let produced = [
            Diag::error(at(1, 1), "bad"),
            Diag::error(
                Some(Loc {
                    file: "other.mlir".into(),
                    line: 2,
                    col: 1,
                }),
                "bad",
            ),
        ];
        let (problems, _) = run(src, &produced);
        assert_eq!(
            problems,
            [
                "t.mlir:1:1: error: unexpected error: bad",
                "other.mlir:2:1: error: unexpected error: bad",
                "t.mlir:2:7: error: expected error \"bad\" was not produced",
            ]
        );
    }

    #[test]
    fn unknown_location_expectations() {
        let src = "// expected-error @unknown {{returns 0}}\n// expected-warning @unknown {{never}}\nop // expected-error {{here}}\n";
        let produced = [
            Diag::error(None, "'func.return' op returns 0"),
            // A located diagnostic does not match @unknown ones.
            Diag::error(at(1, 1), "returns 0"),
            Diag::error(at(3, 1), "here"),
        ];
        let (problems, _) = run(src, &produced);
        assert_eq!(
            problems,
            [
                "t.mlir:1:1: error: unexpected error: returns 0",
                "t.mlir:2:4: error: expected warning \"never\" was not produced",
            ]
        );
    }

    #[test]
    fn unmatched_located_expectations_come_before_unknown_ones() {
        let src = "// expected-error @unknown {{u}}\nop // expected-error {{l}}\n";
        let (problems, _) = run(src, &[]);
        assert_eq!(
            problems,
            [
                "t.mlir:2:7: error: expected error \"l\" was not produced",
                "t.mlir:1:4: error: expected error \"u\" was not produced",
            ]
        );
    }

    #[test]
    fn regex_expectation_matches_diagnostic() {
        let src = "op\n// expected-error-re @above {{expects {{[0-9]+}} operands}}\n";
        let (problems, _) = run(
            src,
            &[Diag::error(
                at(1, 1),
                "'tosa.matmul' op expects 4 operands, got 0",
            )],
        );
        assert!(problems.is_empty(), "{problems:?}");
    }
}
