//! The diagnostic model of tensor-opt: what MLIR (or our own checks) reported,
//! detached from MLIR's C objects so it can be rendered, verified and tested.

use std::fmt;

/// How serious a diagnostic is; the order matches MLIR's `DiagnosticSeverity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
    Remark,
}

impl Severity {
    /// The word MLIR prints after `FILE:LINE:COL:` (`error`, `warning`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
            Severity::Remark => "remark",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A source position, 1-based like MLIR's `FileLineColLoc`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// One diagnostic with its attached notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub severity: Severity,
    /// `None` for unknown locations (MLIR prints `loc(unknown)` ones without a prefix).
    pub loc: Option<Loc>,
    pub message: String,
    pub notes: Vec<Diag>,
    /// A suggestion we know how to phrase ("did you mean `tg-fuse`?").
    pub help: Option<String>,
}

impl Diag {
    pub fn new(severity: Severity, loc: Option<Loc>, message: impl Into<String>) -> Self {
        Diag { severity, loc, message: message.into(), notes: Vec::new(), help: None }
    }

    pub fn error(loc: Option<Loc>, message: impl Into<String>) -> Self {
        Diag::new(Severity::Error, loc, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A pipeline error as a diagnostic pointing into the pipeline text, which
/// is added to `sources` as `source_name` (`<pass-pipeline>`, say).
pub fn pipeline_error(
    sources: &mut crate::render::SourceMap,
    source_name: &str,
    text: &str,
    error: &tg_passes::pipeline::PipelineError,
) -> Diag {
    sources.add(source_name, text.to_string());
    let loc = Loc { file: source_name.into(), line: 1, col: error.span.start + 1 };
    let mut diag = Diag::error(Some(loc), error.message.clone());
    diag.help = error.help.clone();
    diag
}
