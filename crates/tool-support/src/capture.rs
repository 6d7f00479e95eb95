//! Capturing MLIR's diagnostics as [`Diag`]s, so tensor-opt decides how to
//! print them (plain, fancy) or checks them (`--verify-diagnostics`).

use crate::diagnostic::{Diag, Loc, Severity};
use melior::diagnostic::{Diagnostic, DiagnosticSeverity};
use melior::ir::Location;
use melior::Context;
use std::cell::RefCell;
use std::rc::Rc;

/// Diagnostics reported to a context since the sink was attached or drained.
#[derive(Clone, Default)]
pub struct Sink {
    diags: Rc<RefCell<Vec<Diag>>>,
}

impl Sink {
    /// Attaches a handler that records every diagnostic and stops MLIR from
    /// printing it.
    pub fn attach(context: &Context) -> Self {
        let sink = Sink::default();
        let diags = sink.diags.clone();
        context.attach_diagnostic_handler(move |diagnostic| {
            diags.borrow_mut().push(convert(&diagnostic));
            true
        });
        sink
    }

    /// Takes the diagnostics recorded so far.
    pub fn drain(&self) -> Vec<Diag> {
        std::mem::take(&mut self.diags.borrow_mut())
    }
}

/// The diagnostic's text. melior's `Display` stops with an error at the
/// first piece that is not UTF-8 (the producer string of corrupt bytecode),
/// and `to_string` would then panic inside MLIR's callback: keep what came
/// before and mark the rest.
fn message(diagnostic: &Diagnostic) -> String {
    use std::fmt::Write;
    let mut text = String::new();
    if write!(text, "{diagnostic}").is_err() {
        text.push_str("\u{FFFD} (the rest of this message is not UTF-8)");
    }
    text
}

fn convert(diagnostic: &Diagnostic) -> Diag {
    let severity = match diagnostic.severity() {
        DiagnosticSeverity::Error => Severity::Error,
        DiagnosticSeverity::Warning => Severity::Warning,
        DiagnosticSeverity::Note => Severity::Note,
        DiagnosticSeverity::Remark => Severity::Remark,
    };
    let mut diag = Diag::new(severity, file_loc(diagnostic.location()), message(diagnostic));
    for i in 0..diagnostic.note_count() {
        if let Ok(note) = diagnostic.note(i) {
            diag.notes.push(convert(&note));
        }
    }
    diag
}

/// The file position a location points at, looking through names, call
/// sites (the callee, as MLIR's own handlers do) and fused locations.
pub fn file_loc(location: Location) -> Option<Loc> {
    if location.is_file_line_col_range() {
        let file = location.file_line_col_range_filename().as_string_ref().as_str().ok()?.to_string();
        return Some(Loc {
            file,
            line: location.file_line_col_range_start_line(),
            col: location.file_line_col_range_start_column(),
        });
    }
    if location.is_name() {
        return file_loc(location.name_child_location());
    }
    if location.is_call_site() {
        return file_loc(location.call_site_callee());
    }
    if location.is_fused() {
        return (0..location.fused_num_locations()).find_map(|i| file_loc(location.fused_location(i)));
    }
    None
}
