//! What `tensor-opt` does with its options: read, split, parse, run the
//! pipeline, print or verify diagnostics, and write the output whole.

use crate::capture::Sink;
use crate::cli::{DiagnosticStyle, Options};
use crate::diagnostic::{Diag, Loc};
use crate::output::Output;
use crate::render::{self, SourceMap};
use crate::split::{self, Chunk};
use crate::verify_diagnostics;
use melior::ir::operation::{OperationLike, OperationPrintingFlags};
use melior::pass::{PassIrPrintingOptions, PassManager};
use melior::{Context, StringRef};
use std::io::{IsTerminal, Read};
use tensor_passes::assemble::assemble;
use tensor_passes::pipeline::{self, Pipeline, PipelineError};

/// Exit codes: 0 success; 1 invalid input or a failed pass; 2 bad command
/// line; 70 (`EX_SOFTWARE`) an internal error, see `main.rs`.
pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

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
            render::fancy(diag, &self.sources, std::io::stderr().is_terminal(), 100)
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
        self.sources.add(PIPELINE_SOURCE, text.to_string());
        let loc = Loc { file: PIPELINE_SOURCE.into(), line: 1, col: error.span.start + 1 };
        let mut diag = Diag::error(Some(loc), error.message.clone());
        diag.help = error.help.clone();
        self.print(&diag);
    }
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
        print!("{}", crate::listing::passes());
        return 0;
    }
    if options.pass_pipeline.is_some() && !options.pass_flags.is_empty() {
        reporter.error("--pass-pipeline cannot be combined with individual pass flags; put every pass in the pipeline");
        return EXIT_USAGE;
    }
    if options.emit_bytecode && options.split_input_file.is_some() {
        reporter.error("--emit-bytecode cannot be combined with --split-input-file");
        return EXIT_USAGE;
    }
    let pipeline_text = options.pass_pipeline.clone().unwrap_or_else(|| options.pass_flags.join(","));
    let pipeline = match pipeline::parse(&pipeline_text) {
        Ok(pipeline) => pipeline,
        Err(error) => {
            reporter.pipeline_error(&pipeline_text, &error);
            return EXIT_USAGE;
        }
    };

    let context = crate::context::create(!options.disable_threading, options.allow_unregistered_dialect);
    if options.show_dialects {
        println!("Available Dialects: {}", crate::context::dialect_names(&context).join(","));
        return 0;
    }

    let (name, source) = match read_input(&options.input) {
        Ok(read) => read,
        Err(message) => {
            reporter.error(message);
            return EXIT_FAILURE;
        }
    };
    reporter.sources.add(&name, source.clone());
    let sink = Sink::attach(&context);

    let chunks = match &options.split_input_file {
        Some(marker) => split::split(&source, marker),
        None => vec![Chunk { text: &source, line_offset: 0 }],
    };
    let mut outputs = Vec::new();
    let mut failed = false;
    for chunk in &chunks {
        let result = process_chunk(&context, &name, chunk, &pipeline, options);
        let produced = sink.drain();
        let output = match result {
            Ok(output) => output,
            Err(ChunkError::Pipeline(error)) => {
                reporter.pipeline_error(&pipeline_text, &error);
                return EXIT_USAGE;
            }
            Err(ChunkError::Failed) => None,
        };
        if options.verify_diagnostics {
            let problems = verify_chunk(&name, chunk, &produced);
            for problem in &problems {
                reporter.print(problem);
            }
            failed |= !problems.is_empty();
        } else {
            for diag in &produced {
                reporter.print(diag);
            }
            failed |= output.is_none();
        }
        outputs.push(output.unwrap_or_default());
    }

    // With --verify-diagnostics, a chunk that failed as expected is a success.
    if failed && options.output.is_some() {
        return EXIT_FAILURE;
    }
    let bytes = if options.split_input_file.is_some() {
        let texts: Vec<String> = outputs.iter().map(|o| String::from_utf8_lossy(o).into_owned()).collect();
        split::merge(&texts, &options.output_split_marker).into_bytes()
    } else {
        outputs.concat()
    };
    if let Err(error) = Output::from_arg(options.output.as_deref()).write_all(&bytes) {
        let target = options.output.as_deref().unwrap_or("-");
        // A closed stdout (`| head`) is not worth a report.
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            reporter.error(format!("cannot write '{target}': {error}"));
        }
        return EXIT_FAILURE;
    }
    if failed { EXIT_FAILURE } else { 0 }
}

fn read_input(input: &str) -> Result<(String, String), String> {
    let (name, bytes) = if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes = std::fs::read(input).map_err(|e| format!("cannot read '{input}': {e}"))?;
        (input.to_string(), bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        format!("'{name}' is not UTF-8 text (invalid byte at offset {}); MLIR bytecode input is not supported", e.utf8_error().valid_up_to())
    })?;
    Ok((name, text))
}

enum ChunkError {
    /// The pipeline cannot be built for this input (a command-line problem).
    Pipeline(PipelineError),
    /// Parsing or a pass failed; diagnostics say why.
    Failed,
}

/// Parses one chunk, runs the pipeline on it and prints the result.
fn process_chunk(
    context: &Context,
    name: &str,
    chunk: &Chunk,
    pipeline: &Pipeline,
    options: &Options,
) -> Result<Option<Vec<u8>>, ChunkError> {
    let text = chunk.text_at_original_lines();
    // SAFETY: the context is live; the parser copies the source buffer.
    let parsed = tg_dialect::parse_source_for_tool(context, &text, name, !options.no_implicit_module);
    let Some(op) = parsed else { return Err(ChunkError::Failed) };
    let op_name = op.name().as_string_ref().as_str().unwrap_or("builtin.module").to_string();

    let pm = pass_manager_on(context, &op_name);
    let root = pm.as_operation_pass_manager();
    assemble(root, &op_name, pipeline).map_err(ChunkError::Pipeline)?;
    configure(&pm, options);
    if options.dump_pass_pipeline {
        eprintln!("Pass Manager with {} top-level passes:\n{root}\n", count_top_level(pipeline));
    }
    // SAFETY: the pass manager and op are live; the op is owned by `op`.
    let ok = unsafe { mlir_sys::mlirPassManagerRunOnOp(pm.to_raw(), op.to_raw()) }.value != 0;
    // Timing and statistics are reported when the pass manager is dropped.
    drop(pm);
    Ok(ok.then(|| print_op(&op, options)))
}

fn count_top_level(pipeline: &Pipeline) -> usize {
    pipeline.elements.len()
}

fn pass_manager_on<'c>(context: &'c Context, op_name: &str) -> PassManager<'c> {
    // SAFETY: creating a pass manager only needs a live context; ownership
    // passes to the returned `PassManager`, which destroys it on drop.
    unsafe {
        PassManager::from_raw(mlir_sys::mlirPassManagerCreateOnOperation(
            context.to_raw(),
            StringRef::new(op_name).to_raw(),
        ))
    }
}

fn configure(pm: &PassManager, options: &Options) {
    pm.enable_verifier(options.verify_each);
    let (before, after) = (options.print_ir_before_all, options.print_ir_after_all || options.print_ir_after_failure
        || options.print_ir_after_change);
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
    // SAFETY: the pass manager is live.
    unsafe {
        if options.timing {
            mlir_sys::mlirPassManagerEnableTiming(pm.to_raw());
        }
        if options.pass_statistics {
            mlir_sys::mlirPassManagerEnableStatistics(pm.to_raw(), mlir_sys::MlirPassDisplayMode_MLIR_PASS_DISPLAY_MODE_PIPELINE);
        }
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

/// Checks one chunk's diagnostics against its `expected-*` comments.
fn verify_chunk(name: &str, chunk: &Chunk, produced: &[Diag]) -> Vec<Diag> {
    let text = chunk.text_at_original_lines();
    match verify_diagnostics::parse_expectations(name, &text) {
        Ok(mut expectations) => verify_diagnostics::verify(name, &mut expectations, produced),
        Err(problems) => problems,
    }
}
