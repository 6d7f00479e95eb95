//! Building a pass manager from a parsed pipeline, for every tool: MLIR's
//! own complaints about pass options (written to stderr) are folded into
//! the pipeline error instead of being printed on their own.

use melior::pass::PassManager;
use melior::Context;
use std::io::{Read, Seek, Write};
use tg_passes::pipeline::assemble::assemble;
use tg_passes::pipeline::{Pipeline, PipelineError};

/// A pass manager on `op_name` running `pipeline`, or why it cannot be built.
pub fn build<'c>(context: &'c Context, op_name: &str, pipeline: &Pipeline) -> Result<PassManager<'c>, PipelineError> {
    build_listing(context, op_name, pipeline).map(|(pm, _)| pm)
}

/// [`build`], and each Rust pass it added as `name{options}` (see
/// `tg_passes::pipeline::assemble::assemble`), for `--dump-pass-pipeline`.
pub fn build_listing<'c>(
    context: &'c Context,
    op_name: &str,
    pipeline: &Pipeline,
) -> Result<(PassManager<'c>, Vec<String>), PipelineError> {
    let pm = on_op(context, op_name);
    let (assembled, mlir_said) = capturing_stderr(|| assemble(pm.as_operation_pass_manager(), op_name, pipeline));
    let rust = match assembled {
        Ok(rust) => rust,
        Err(mut error) => {
        // MLIR's option parser explains itself on stderr; say it in the diagnostic.
        let reason: Vec<&str> =
            mlir_said.lines().map(|l| l.trim().trim_start_matches(": ")).filter(|l| !l.is_empty()).collect();
            if !reason.is_empty() {
                error.message = format!("{}: {}", error.message, reason.join("; "));
            }
            return Err(error);
        }
    };
    eprint!("{mlir_said}");
    Ok((pm, rust))
}

/// MLIR's textual pipeline `text` with each Rust pass (printed by MLIR as
/// its bare name) given its options: the `n`th of `rust` (`name{...}`, in
/// pipeline order) replaces the next bare `name` token.
pub fn with_rust_options(text: &str, rust: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    for pass in rust {
        let name = pass.split('{').next().unwrap_or(pass);
        let found = (0..rest.len()).find(|&at| {
            rest[at..].starts_with(name)
                && (at == 0 || rest[..at].ends_with(['(', ',', ' ']))
                && !rest[at + name.len()..].starts_with(|c: char| c == '{' || c == '-' || c.is_alphanumeric())
        });
        let Some(at) = found else { continue };
        out.push_str(&rest[..at]);
        out.push_str(pass);
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    out
}

/// Runs `f` with file descriptor 2 sent to a temporary file; returns what
/// was written there. MLIR's pass option parser reports to `llvm::errs()`.
fn capturing_stderr<T>(f: impl FnOnce() -> T) -> (T, String) {
    struct Restore(i32);
    impl Drop for Restore {
        fn drop(&mut self) {
            // SAFETY: `self.0` is the duplicate of fd 2 made below.
            unsafe {
                libc::dup2(self.0, 2);
                libc::close(self.0);
            }
        }
    }
    let Ok(mut file) = tempfile::tempfile() else { return (f(), String::new()) };
    let _ = std::io::stderr().flush();
    // SAFETY: duplicating fd 2 and pointing fd 2 at our file; restored on drop.
    let saved = unsafe { libc::dup(2) };
    if saved < 0 {
        return (f(), String::new());
    }
    let restore = Restore(saved);
    // SAFETY: both descriptors are open.
    unsafe { libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&file), 2) };
    let result = f();
    drop(restore);
    let mut said = String::new();
    let _ = file.seek(std::io::SeekFrom::Start(0)).and_then(|_| file.read_to_string(&mut said));
    (result, said)
}

/// An empty pass manager anchored on `op_name`.
pub fn on_op<'c>(context: &'c Context, op_name: &str) -> PassManager<'c> {
    tg_dialect::ir::pass::on_op(context, op_name)
}
