//! What `tensor-opt` does with its options: read, split, parse, run the
//! pipeline, print or verify diagnostics, and write the output whole.

use tool_support::capture::Sink;
use tool_support::input::{self, Source};
use crate::cli::{DiagnosticStyle, Options};
use tool_support::diagnostic::{Diag, Loc, Severity};
use tool_support::output::Output;
use tool_support::render::{self, SourceMap};
use tool_support::split::{self, Chunk};
use tool_support::verify_diagnostics;
use melior::ir::operation::{OperationLike, OperationPrintingFlags};
use melior::ir::Location;
use melior::pass::{PassIrPrintingOptions, PassManager};
use melior::Context;
use std::io::{IsTerminal, Write};
use tg_passes::pipeline::{self, Pipeline, PipelineError};

/// Exit codes, as mlir-opt's: 0 success; 1 a bad command line, invalid
/// input or a failed pass; 70 (`EX_SOFTWARE`) an internal error, see `main.rs`.
pub const EXIT_FAILURE: i32 = tool_support::exit::FAILURE;

/// The name diagnostics give the pipeline text, as if it were a file.
const PIPELINE_SOURCE: &str = "<pass-pipeline>";

/// How one run reports to the user.
struct Reporter {
    sources: SourceMap,
    fancy: bool,
}

impl Reporter {
    fn print(&self, diag: &Diag) {
        let text = if self.fancy {
            render::fancy(diag, &self.sources, color_on_stderr())
        } else {
            render::plain(diag, &self.sources)
        };
        eprint!("{text}");
        if !text.ends_with('\n') {
            eprintln!();
        }
    }

    /// A problem with no source location (unreadable file, bad flag combination).
    fn error(&self, message: impl Into<String>) {
        self.print(&Diag::error(None, message));
    }

    /// A pipeline error, pointing into the pipeline text.
    fn pipeline_error(&mut self, text: &str, error: &PipelineError) {
        let diag = tool_support::diagnostic::pipeline_error(&mut self.sources, PIPELINE_SOURCE, text, error);
        self.print(&diag);
    }
}

/// Colors only on a terminal, and never when `NO_COLOR` is set (no-color.org).
fn color_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints to stdout; a closed stdout (`| head`) is not an error worth a panic.
fn print_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// Runs tensor-opt; returns the process exit code.
pub fn run(options: &Options) -> i32 {
    let fancy = match options.diagnostics {
        DiagnosticStyle::Fancy => true,
        DiagnosticStyle::Plain => false,
        DiagnosticStyle::Auto => std::io::stderr().is_terminal(),
    };
    let mut reporter = Reporter { sources: SourceMap::new(), fancy };

    if options.list_passes {
        print_stdout(&crate::listing::passes());
        return 0;
    }
    if options.pass_pipeline.is_some() && !options.pass_flags.is_empty() {
        reporter.error("--pass-pipeline cannot be combined with individual pass flags; put every pass in the pipeline");
        return EXIT_FAILURE;
    }
    if options.emit_bytecode && (options.emit_llvm_ir || options.emit_dot) {
        let emit = if options.emit_dot { "dot" } else { "llvm-ir" };
        reporter.error(format!("--emit-bytecode cannot be combined with --emit={emit}"));
        return EXIT_FAILURE;
    }
    if options.emit_bytecode && options.split_input_file.is_some() {
        reporter.error("--emit-bytecode cannot be combined with --split-input-file");
        return EXIT_FAILURE;
    }
    if options.local_reproducer && !options.disable_threading {
        // MLIR makes this a fatal error; say it before anything runs.
        reporter.error("--mlir-pass-pipeline-local-reproducer needs --mlir-disable-threading");
        return EXIT_FAILURE;
    }
    // A bad pipeline fails each chunk that parses, as in mlir-opt: the
    // input is read and parsed first, and its chunks' outputs kept.
    let pipeline_text = options.pass_pipeline.clone().unwrap_or_else(|| options.pass_flags.join(","));
    let pipeline = pipeline::parse(&pipeline_text);

    let context = tool_support::context::create(!options.disable_threading, options.allow_unregistered_dialect);
    let action_logger = match &options.log_actions_to {
        Some(path) => match tg_dialect::ActionLogger::install(&context, path) {
            Some(logger) => Some(logger),
            None => {
                reporter.error(format!("cannot open '{path}' to log actions to"));
                return EXIT_FAILURE;
            }
        },
        None => None,
    };
    if options.show_dialects {
        print_stdout(&format!("Available Dialects: {}\n", tool_support::context::dialect_names(&context).join(",")));
        return 0;
    }

    let (name, source) = match input::read(&options.input) {
        Ok(read) => read,
        Err(message) => {
            reporter.error(message);
            return EXIT_FAILURE;
        }
    };
    let text = source.text();
    reporter.sources.add(&name, text.to_string());
    let sink = Sink::attach(&context);

    let chunks = match (&source, &options.split_input_file) {
        (Source::Text(text), Some(marker)) => {
            let split = split::split(text, marker);
            for &(line, col) in &split.near_misses {
                let loc = Loc { file: name.clone(), line, col };
                reporter.print(&Diag::new(Severity::Warning, Some(loc), "near miss with file split marker"));
            }
            split.chunks
        }
        _ => vec![Chunk { text, line_offset: 0, col_offset: 0 }],
    };
    let output = Output::from_arg(options.output.as_deref());
    // The chunks' outputs so far, joined by output markers as mlir-opt
    // prints them. Bound for stdout, they are also the crash handlers'
    // to print: a crash in a later chunk loses none of them.
    let mut printed = Vec::new();
    let mut failed = false;
    // Expectations no diagnostic matched, reported after every chunk ran as
    // mlir-opt does.
    let mut missing = Vec::new();
    for (index, chunk) in chunks.iter().enumerate() {
        let buffer = match &source {
            Source::Text(_) => chunk.text_at_original_lines().into_bytes(),
            Source::Bytecode(bytes) => bytes.clone(),
        };
        // mlir-opt locates the implicit module of a later chunk where the
        // chunk starts, just after the marker.
        let chunk_start = (index > 0).then(|| chunk.start());
        if index > 0 {
            // mlir-opt prints the marker before it processes the next chunk.
            append(&mut printed, format!("{}\n", options.output_split_marker).as_bytes(), &output);
        }
        let result = process_chunk(&context, &name, &buffer, chunk_start, &pipeline, options);
        if let Some(logger) = &action_logger {
            // `--log-actions-to=-`: the chunk's actions print before its IR, as in mlir-opt.
            append(&mut printed, &logger.take(), &output);
        }
        let mut produced = sink.drain();
        if options.verify_diagnostics {
            // mlir-opt turns off MLIR's `printOpOnDiagnostic` when verifying
            // diagnostics; the C API cannot, so drop the notes it adds.
            strip_op_notes(&mut produced);
        }
        if options.verify_diagnostics {
            let (mut problems, not_produced) = verify_chunk(&name, chunk, &produced);
            if options.verify_only_expected {
                // Unexpected diagnostics and near misses are not checked.
                problems.retain(|p| !is_unexpected(p));
            }
            for problem in &problems {
                reporter.print(problem);
            }
            failed |= !problems.is_empty() || !not_produced.is_empty();
            missing.extend(not_produced);
        } else {
            for diag in &produced {
                reporter.print(diag);
            }
        }
        let chunk_output = match result {
            Ok(output) => {
                // With --verify-diagnostics, a chunk that failed as expected is a success.
                failed |= output.is_none() && !options.verify_diagnostics;
                output
            }
            Err(ChunkError::Pipeline(error)) => {
                reporter.pipeline_error(&pipeline_text, &error);
                failed = true;
                None
            }
            Err(ChunkError::Failed) => {
                failed |= !options.verify_diagnostics;
                None
            }
        };
        append(&mut printed, &chunk_output.unwrap_or_default(), &output);
    }
    tool_support::crash::set_pending_stdout(None);

    for problem in &missing {
        reporter.print(problem);
    }
    // A failed run leaves an output file as it was; stdout gets what the
    // chunks that succeeded printed, as in mlir-opt.
    if failed && matches!(output, Output::File(_)) {
        return EXIT_FAILURE;
    }
    if let Err(error) = output.write_all(&printed) {
        let target = options.output.as_deref().unwrap_or("-");
        // A closed stdout (`| head`) is not worth a report.
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            reporter.error(format!("cannot write '{target}': {error}"));
        }
        return EXIT_FAILURE;
    }
    if failed { EXIT_FAILURE } else { 0 }
}

/// Appends `bytes` to the output printed so far; for stdout, hands the
/// result to the crash handlers (see [`tool_support::crash::set_pending_stdout`]).
fn append(printed: &mut Vec<u8>, bytes: &[u8], output: &Output) {
    // Withdrawn first: the buffer may move while it grows.
    tool_support::crash::set_pending_stdout(None);
    printed.extend_from_slice(bytes);
    if matches!(output, Output::Stdout) {
        tool_support::crash::set_pending_stdout(Some(printed));
    }
}

/// The note `Operation::emitError` and friends attach when the context
/// prints ops on diagnostics.
const OP_NOTE_PREFIX: &str = "see current operation: ";

/// A problem `verify` reports for a diagnostic no expectation wanted
/// (`unexpected KIND: ...` or a near miss), not for a bad comment.
fn is_unexpected(problem: &Diag) -> bool {
    problem.message.starts_with("unexpected ") || problem.message.contains("' diagnostic emitted when expecting a '")
}

fn strip_op_notes(diags: &mut [Diag]) {
    for diag in diags {
        diag.notes.retain(|note| !note.message.starts_with(OP_NOTE_PREFIX));
        strip_op_notes(&mut diag.notes);
    }
}

enum ChunkError {
    /// The pipeline is bad, or cannot be built for this input.
    Pipeline(PipelineError),
    /// Parsing or a pass failed; diagnostics say why.
    Failed,
}

/// Parses one chunk, runs the pipeline on it and prints the result.
/// `chunk_start` is where a chunk after the first starts in the file.
fn process_chunk(
    context: &Context,
    name: &str,
    buffer: &[u8],
    chunk_start: Option<(usize, usize)>,
    pipeline: &Result<Pipeline, PipelineError>,
    options: &Options,
) -> Result<Option<Vec<u8>>, ChunkError> {
    let parsed = tg_dialect::parse_source_for_tool_with(
        context,
        buffer,
        name,
        !options.no_implicit_module,
        !options.no_verify_on_parse,
    );
    let Some(op) = parsed else { return Err(ChunkError::Failed) };
    let op_name = op.name().as_string_ref().as_str().unwrap_or("builtin.module").to_string();
    if let Some((line, col)) = chunk_start {
        // The implicit module is located at the start of its buffer, 0:0.
        let at_start = tool_support::capture::file_loc(op.location())
            .is_some_and(|loc| loc.file == name && loc.line == 0 && loc.col == 0);
        if at_start {
            tg_dialect::ir::edit::set_location(&op, Location::new(context, name, line, col));
        }
    }

    let pipeline = pipeline.as_ref().map_err(|error| ChunkError::Pipeline(error.clone()))?;
    let (pm, rust_passes) =
        tool_support::pass_manager::build_listing(context, &op_name, pipeline).map_err(ChunkError::Pipeline)?;
    let root = pm.as_operation_pass_manager();
    configure(&pm, options);
    if options.dump_pass_pipeline {
        let text = tool_support::pass_manager::with_rust_options(&root.to_string(), &rust_passes);
        let (count, pretty) = pretty_pipeline(&text);
        eprintln!("Pass Manager with {count} passes:\n{pretty}\n");
    }
    let ok = tg_dialect::ir::pass::run(&pm, &op);
    // Timing and statistics are reported when the pass manager is dropped.
    drop(pm);
    if ok && options.emit_llvm_ir {
        // MLIR reports through the diagnostics why a module cannot be translated.
        return Ok(tg_dialect::ir::llvm_ir::translate(&op).map(String::into_bytes));
    }
    if ok && options.emit_dot {
        return Ok(Some(crate::dot::render(&op).into_bytes()));
    }
    Ok(ok.then(|| print_op(&op, options)))
}

/// MLIR's `OpPassManager::dump` layout of a one-line textual pipeline
/// (`printAsTextualPipeline(pretty=true)`): each element on its own line,
/// nested pipelines indented by two; with the number of top-level passes.
fn pretty_pipeline(text: &str) -> (usize, String) {
    let (mut out, mut depth, mut braces, mut quoted) = (String::new(), 0usize, 0usize, false);
    let (mut count, mut at_line_start) = (0usize, false);
    let push = |out: &mut String, c: char, depth: usize, at_line_start: &mut bool| {
        if *at_line_start {
            out.push_str(&"  ".repeat(depth));
            *at_line_start = false;
        }
        out.push(c);
    };
    for c in text.chars() {
        if braces > 0 {
            match c {
                '"' => quoted = !quoted,
                '{' if !quoted => braces += 1,
                '}' if !quoted => braces -= 1,
                _ => {}
            }
            push(&mut out, c, depth, &mut at_line_start);
            continue;
        }
        match c {
            '{' => {
                braces += 1;
                push(&mut out, c, depth, &mut at_line_start);
            }
            '(' => {
                push(&mut out, c, depth, &mut at_line_start);
                out.push('\n');
                at_line_start = true;
                depth += 1;
            }
            ')' => {
                out.push('\n');
                at_line_start = true;
                depth = depth.saturating_sub(1);
                push(&mut out, c, depth, &mut at_line_start);
            }
            ',' => {
                count += usize::from(depth == 1);
                push(&mut out, c, depth, &mut at_line_start);
                out.push('\n');
                at_line_start = true;
            }
            _ => {
                // The first character of the first top-level element.
                if depth == 1 && count == 0 {
                    count = 1;
                }
                push(&mut out, c, depth, &mut at_line_start);
            }
        }
    }
    (count, out)
}

fn configure(pm: &PassManager, options: &Options) {
    pm.enable_verifier(options.verify_each);
    // As in mlir-opt, `--mlir-print-ir-after-change` only narrows what the
    // other flags print: alone, it prints nothing.
    let (before, after) = (options.print_ir_before_all, options.print_ir_after_all || options.print_ir_after_failure);
    if before || after {
        pm.enable_ir_printing(&PassIrPrintingOptions {
            before_all: before,
            after_all: after,
            module_scope: false,
            on_change: options.print_ir_after_change,
            on_failure: options.print_ir_after_failure,
            flags: printing_flags(options),
            tree_printing_path: Default::default(),
        });
    }
    if let Some(path) = &options.crash_reproducer {
        tg_dialect::enable_crash_reproducer(pm, path, options.local_reproducer);
    }
    if options.timing {
        tg_dialect::ir::pass::enable_timing(pm);
    }
    if options.pass_statistics {
        tg_dialect::ir::pass::enable_statistics(pm);
    }
}

fn printing_flags(options: &Options) -> OperationPrintingFlags {
    let mut flags = OperationPrintingFlags::new();
    if let Some(limit) = options.elide_elements_attrs_if_larger {
        flags = flags.elide_large_elements_attributes(limit);
    }
    if options.print_debuginfo {
        flags = flags.enable_debug_info(true, false);
    }
    if options.print_op_generic {
        flags = flags.print_generic_operation_form();
    }
    if options.print_local_scope {
        flags = flags.use_local_scope();
    }
    if options.print_unique_ssa_ids {
        tg_dialect::print_unique_ssa_ids(&flags);
    }
    if options.print_skip_regions {
        tg_dialect::print_skip_regions(&flags);
    }
    flags
}

fn print_op<'c: 'a, 'a>(op: &impl OperationLike<'c, 'a>, options: &Options) -> Vec<u8> {
    if options.emit_bytecode {
        return op.write_bytecode();
    }
    let mut text = op.to_string_with_flags(printing_flags(options)).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// Checks one chunk's diagnostics against its `expected-*` comments:
/// the problems found, and apart the expectations that were not produced.
fn verify_chunk(name: &str, chunk: &Chunk, produced: &[Diag]) -> (Vec<Diag>, Vec<Diag>) {
    let text = chunk.text_at_original_lines();
    match verify_diagnostics::parse_expectations(name, &text) {
        Ok(mut expectations) => {
            let mut problems = verify_diagnostics::verify(name, &mut expectations, produced);
            // `verify` reports each unmatched expectation last, one problem each.
            let unmatched = expectations.iter().filter(|e| !e.matched).count();
            let not_produced = problems.split_off(problems.len() - unmatched);
            (problems, not_produced)
        }
        Err(problems) => (problems, Vec::new()),
    }
}
