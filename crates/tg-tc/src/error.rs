//! Errors of the language: a message, the source range it is about, the
//! constraints behind it (labelled ranges), and a help line; rendered by
//! miette with the source.

use crate::ast::Span;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub message: String,
    /// What the error is about, with a label.
    pub span: Span,
    pub label: String,
    /// Other places that explain it (the access that constrains a range, the
    /// earlier definition), each with a label.
    pub notes: Vec<(Span, String)>,
    pub help: Option<String>,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(message: impl Into<String>, span: Span, label: impl Into<String>) -> Error {
        Error { message: message.into(), span, label: label.into(), notes: Vec::new(), help: None }
    }

    pub fn note(mut self, span: Span, label: impl Into<String>) -> Error {
        self.notes.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// `FILE:LINE:COL` of the error's start (1-based, bytes), as MLIR locations are.
    pub fn position(&self, source: &str) -> (usize, usize) {
        line_col(source, self.span.start)
    }

    /// miette's report: the message, the source with the ranges labelled,
    /// and the help. No colour, so tests can compare it.
    pub fn render(&self, file: &str, source: &str) -> String {
        let report = Report { error: self, source: NamedSource::new(file, source.to_string()) };
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_wrap_lines(false);
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            let (line, col) = self.position(source);
            return format!("{file}:{line}:{col}: error: {}\n", self.message);
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The 1-based line and column of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let col = offset - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

#[derive(Debug)]
struct Report<'e> {
    error: &'e Error,
    source: NamedSource<String>,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let main = LabeledSpan::new_primary_with_span(Some(self.error.label.clone()), span(&self.error.span));
        let notes = self.error.notes.iter().map(|(s, label)| LabeledSpan::new_with_span(Some(label.clone()), span(s)));
        Some(Box::new(std::iter::once(main).chain(notes)))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

fn span(s: &Span) -> miette::SourceSpan {
    (s.start, s.end.saturating_sub(s.start)).into()
}
