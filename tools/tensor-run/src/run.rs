//! What tensor-run does: read and check everything first (pipeline, input IR,
//! entry signature, input files), then compile and run (or interpret), then
//! write, print and time the results.

use crate::cli::{default_pipeline, Options};
use tg_runtime::dtype::ValueType;
use tg_runtime::jit::{CallError, Engine, Function};
use tg_runtime::signature::{self, Signature};
use crate::{npy, random, summary, tensor_proto};
use melior::ir::operation::{OperationLike, WalkOrder, WalkResult};
use melior::ir::Module;
use melior::pass::PassManager;
use melior::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tool_support::capture::{file_loc, Sink};
use tool_support::diagnostic::Diag;
use tool_support::render::{self, SourceMap};
use tg_passes::pipeline::{self, Pipeline, PipelineError};
use tg_interpreter::Tensor;

/// Exit codes: 0 success; 1 bad input (IR, files, a failed pass or run);
/// 2 bad command line (flags, pipeline); 70 internal error (`main.rs`).
pub const EXIT_FAILURE: i32 = tool_support::exit::FAILURE;
pub const EXIT_USAGE: i32 = tool_support::exit::USAGE;

/// The name diagnostics give the pipeline text, as if it were a file.
const PIPELINE_SOURCE: &str = "<pipeline>";

/// Why tensor-run stopped: the exit code and what to print on stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub text: String,
}

impl Failure {
    /// A one-line error about the input (exit 1).
    pub fn input(message: impl AsRef<str>) -> Self {
        Failure { code: EXIT_FAILURE, text: format!("tensor-run: error: {}\n", message.as_ref()) }
    }

    /// A one-line error about the command line (exit 2).
    pub fn usage(message: impl AsRef<str>) -> Self {
        Failure { code: EXIT_USAGE, text: format!("tensor-run: error: {}\n", message.as_ref()) }
    }
}

/// Runs tensor-run; returns the exit code.
pub fn run(options: &Options) -> i32 {
    match execute(options, &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(failure) => {
            eprint!("{}", failure.text);
            failure.code
        }
    }
}

/// Runs tensor-run, printing results to `out`.
pub fn execute(options: &Options, out: &mut dyn Write) -> Result<(), Failure> {
    let pipeline_text = options.pipeline.clone().unwrap_or_else(|| default_pipeline(options.threads));
    let pipeline = pipeline::parse(&pipeline_text).map_err(|e| pipeline_failure(&pipeline_text, &e))?;

    let context = tool_support::context::create(true, false);
    let sink = Sink::attach(&context);
    // Unknown passes and bad options are command-line errors: found before
    // the input is read.
    let pass_manager = if options.reference {
        None
    } else {
        Some(build_pass_manager(&context, &pipeline).map_err(|e| pipeline_failure(&pipeline_text, &e))?)
    };

    let mut entry = options.entry.clone().unwrap_or_else(|| "main".to_string());
    let mut tc_function = None;
    let (name, mut module, text, sources) = if options.input.ends_with(".tc") {
        // A tensor-language function: its sizes from the inputs' shapes
        // (and -D), imported as tensor-translate --import-tc does.
        let shapes = if options.inputs.is_empty() {
            None
        } else {
            let shapes: Result<Vec<Vec<i64>>, String> = options
                .inputs
                .iter()
                .map(|p| if p.extension().is_some_and(|e| e == "pb") { tensor_proto::shape(p) } else { npy::shape(p) })
                .collect();
            Some(shapes.map_err(Failure::input)?)
        };
        let (module, checked) =
            tool_support::tc::import(&context, &options.input, options.entry.as_deref(), shapes.as_deref(), &options.defines)
                .map_err(|report| Failure { code: EXIT_FAILURE, text: report })?;
        entry = checked.name.clone();
        tc_function = Some(checked);
        let (name, source) = tool_support::input::read(&options.input).map_err(Failure::input)?;
        let mut sources = SourceMap::new();
        sources.add(&name, source.text().to_string());
        (name, module, String::new(), sources)
    } else if options.input.ends_with(".onnx") {
        // An ONNX model: imported into tg (as tensor-translate --import-onnx does).
        let name = options.input.clone();
        let module = tool_support::onnx::import(&context, &sink, &name, &options.input_shapes, &options.constant_inputs).map_err(|f| Failure {
            code: EXIT_FAILURE,
            text: format!("{}tensor-run: error: {}\n", f.mlir_said, f.message),
        })?;
        let sources = SourceMap::new();
        (name, module, String::new(), sources)
    } else {
        let (name, source) = tool_support::input::read(&options.input).map_err(Failure::input)?;
        let (bytes, text) = (source.bytes(), source.text().to_string());
        let mut sources = SourceMap::new();
        sources.add(&name, text.clone());
        let op = tg_dialect::parse_source_for_tool(&context, &bytes, &name, true)
            .ok_or_else(|| diagnostics_failure(&sink, &sources, &format!("cannot parse '{name}'")))?;
        let module =
            Module::from_operation(op).ok_or_else(|| Failure::input(format!("'{name}' is not a builtin.module")))?;
        (name, module, text, sources)
    };
    let diagnostics = |fallback: &str| diagnostics_failure(&sink, &sources, fallback);

    let function = signature::find_entry(&module, &entry).map_err(Failure::input)?;
    let signature = signature::read(function, &entry, &text, &name).map_err(Failure::input)?;
    let inputs = gather_inputs(options, &signature)?;
    if !options.outputs.is_empty() && options.outputs.len() != signature.results.len() {
        return Err(Failure::input(format!(
            "@{} returns {} {}, got {}",
            signature.entry,
            count(signature.results.len(), "result"),
            type_list(&signature.results),
            count(options.outputs.len(), "-o file")
        )));
    }

    let (results, times) = if let (true, Some(tc)) = (options.reference, &tc_function) {
        let (results, times) = crate::tc_reference::evaluate(tc, &inputs, options.bench).map_err(Failure::input)?;
        (results, times.map(|t| (t, None)))
    } else if options.reference {
        let (results, times) = interpret(&module, &signature, &inputs, options.bench)?;
        (results, times.map(|t| (t, None)))
    } else {
        tg_runtime::jit::emit_c_interface(&context, function);
        let pass_manager = pass_manager.expect("built unless --reference");
        // What a fault reported by tg-runtime-checks' global refers to,
        // rendered while the guarded ops still exist.
        let faults: Vec<String> = tg_passes::transforms::runtime_checks::checked_ops(module.as_operation())
            .iter()
            .map(|op| {
                let name = op.name().as_string_ref().as_str().unwrap_or("?").to_string();
                let message = format!("'{name}' op {}", tg_passes::transforms::runtime_checks::fault_message(&name));
                render::plain(&Diag::error(file_loc(op.location()), message), &sources)
            })
            .collect();
        let call_failure = |error: CallError| match error {
            CallError::Failed(message) => Failure::input(message),
            CallError::Faulted(n) => Failure {
                code: EXIT_FAILURE,
                text: faults.get(n - 1).cloned().unwrap_or_else(|| format!("tensor-run: error: runtime check {n} failed\n")),
            },
        };
        let compile_start = Instant::now();
        if pass_manager.run(&mut module).is_err() {
            return Err(diagnostics("the pipeline failed"));
        }
        sink.drain();
        check_lowered(&module, &name)?;
        let engine = Engine::new(&module).ok_or_else(|| diagnostics("the JIT cannot compile the lowered module"))?;
        let compile_time = compile_start.elapsed();
        let convention = tg_runtime::jit::Convention::of(&module, &signature);
        let function = Function::new(&engine, signature.clone(), convention);
        if !engine.has_symbol(&function.ciface_symbol()) {
            return Err(Failure::input(format!(
                "the lowered module has no {}: the pipeline must keep @{} and lower it with convert-func-to-llvm",
                function.ciface_symbol(),
                signature.entry
            )));
        }
        let results = function.call(&inputs).map_err(call_failure)?;
        let times = match options.bench {
            Some(iters) => Some((function.bench(&inputs, iters).map_err(call_failure)?, Some(compile_time))),
            None => None,
        };
        (results, times)
    };

    let files: Vec<(&Path, &Tensor)> = options.outputs.iter().map(PathBuf::as_path).zip(&results).collect();
    npy::save_all(&files).map_err(Failure::input)?;
    let mut printed = String::new();
    if options.print || (options.outputs.is_empty() && options.bench.is_none()) {
        if results.is_empty() {
            printed.push_str(&format!("@{} returned no results\n", signature.entry));
        }
        for (index, tensor) in results.iter().enumerate() {
            printed.push_str(&summary::summarize(index, tensor));
        }
    }
    if let Some((times, compile_time)) = times {
        printed.push_str(&bench_report(&times, compile_time, options.json));
    }
    // A closed stdout (`| head`) is not worth a report.
    let _ = out.write_all(printed.as_bytes()).and_then(|()| out.flush());
    Ok(())
}

/// The inputs: from the `--input` files, checked against the signature, or
/// generated from the seed.
fn gather_inputs(options: &Options, signature: &Signature) -> Result<Vec<Tensor>, Failure> {
    let expected = signature.args.len();
    let entry = &signature.entry;
    if let Some(seed) = options.random_inputs {
        let types: Vec<&ValueType> = signature.args.iter().map(|a| &a.ty).collect();
        return Ok(random::generate(seed, &types));
    }
    if options.inputs.len() != expected {
        let given = match options.inputs.len() {
            0 if expected > 0 => {
                return Err(Failure::input(format!(
                    "@{entry} takes {} {}: give one --input FILE.npy per argument, or --random-inputs SEED",
                    count(expected, "argument"),
                    signature.argument_list()
                )))
            }
            n => count(n, "--input file"),
        };
        return Err(Failure::input(format!(
            "@{entry} takes {} {}, got {given}",
            count(expected, "argument"),
            signature.argument_list()
        )));
    }
    signature
        .args
        .iter()
        .zip(&options.inputs)
        .map(|(argument, path)| {
            let is_tensor_proto = path.extension().is_some_and(|e| e == "pb");
            let loaded = if is_tensor_proto { tensor_proto::load(path, argument, entry) } else { npy::load(path, argument, entry) };
            loaded.map_err(Failure::input)
        })
        .collect()
}

/// `--reference`: the interpreter's results, and its times with `--bench`.
fn interpret(
    module: &Module,
    signature: &Signature,
    inputs: &[Tensor],
    bench: Option<u64>,
) -> Result<(Vec<Tensor>, Option<Vec<Duration>>), Failure> {
    let evaluate = || {
        tg_interpreter::evaluate(module.as_operation(), &signature.entry, inputs).map_err(|e| {
            Failure::input(format!("the reference interpreter cannot evaluate @{}: {e}", signature.entry))
        })
    };
    let results = evaluate()?;
    Ok((results, bench.map(|iters| timed(iters, evaluate)).transpose()?))
}

/// The time of each of `iters` calls of `f` (`--bench` without the JIT);
/// the first error ends it.
pub fn timed<T, E>(iters: u64, mut f: impl FnMut() -> Result<T, E>) -> Result<Vec<Duration>, E> {
    (0..iters)
        .map(|_| {
            let start = Instant::now();
            f().map(|_| start.elapsed())
        })
        .collect()
}

/// `min 1.2 ms, median 1.3 ms, max 1.5 ms`, or the JSON object.
/// min/median/max of `times`, and how long compiling took (pipeline and
/// JIT code generation; none for `--reference`).
fn bench_report(times: &[Duration], compile: Option<Duration>, json: bool) -> String {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let (min, max) = (ms[0], ms[ms.len() - 1]);
    let mid = ms.len() / 2;
    let median = if ms.len() % 2 == 1 { ms[mid] } else { (ms[mid - 1] + ms[mid]) / 2.0 };
    let compile_ms = compile.map(|c| c.as_secs_f64() * 1e3);
    if json {
        let compile = compile_ms.map_or(String::new(), |c| format!(", \"compile_ms\": {c:.3}"));
        format!(
            "{{\"median_ms\": {median:.6}, \"min_ms\": {min:.6}, \"max_ms\": {max:.6}, \"iters\": {}{compile}}}\n",
            ms.len()
        )
    } else {
        let compile = compile_ms.map_or(String::new(), |c| format!(" (compiled in {c:.0} ms)"));
        format!("bench: {} iterations: min {min:.3} ms, median {median:.3} ms, max {max:.3} ms{compile}\n", ms.len())
    }
}

/// `1 argument`, `2 arguments`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn type_list(types: &[ValueType]) -> String {
    let types: Vec<String> = types.iter().map(ToString::to_string).collect();
    format!("({})", types.join(", "))
}

/// The diagnostics MLIR reported, rendered as mlir-opt does; `fallback` when
/// it reported none.
fn diagnostics_failure(sink: &Sink, sources: &SourceMap, fallback: &str) -> Failure {
    let text: String = sink.drain().iter().map(|d| render::plain(d, sources)).collect();
    if text.is_empty() {
        Failure::input(fallback)
    } else {
        Failure { code: EXIT_FAILURE, text }
    }
}

/// A pipeline error pointing into the pipeline text (exit 2).
fn pipeline_failure(text: &str, error: &PipelineError) -> Failure {
    let mut sources = SourceMap::new();
    let diag = tool_support::diagnostic::pipeline_error(&mut sources, PIPELINE_SOURCE, text, error);
    Failure { code: EXIT_USAGE, text: render::plain(&diag, &sources) }
}

/// A pass manager on `builtin.module` running `pipeline`.
pub fn build_pass_manager<'c>(context: &'c Context, pipeline: &Pipeline) -> Result<PassManager<'c>, PipelineError> {
    tool_support::pass_manager::build(context, "builtin.module", pipeline)
}

/// Fails unless every op of the lowered module is in the LLVM dialect (or
/// is an OpenMP op, which MLIR translates to LLVM IR with runtime calls).
fn check_lowered(module: &Module, file: &str) -> Result<(), Failure> {
    // The first op (pre-order, below the module) that is not LLVM or OpenMP:
    // its name and, if it comes from the input file, where.
    let root = module.as_operation().to_raw();
    let mut foreign: Option<(String, String)> = None;
    module.as_operation().walk(WalkOrder::PreOrder, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or("?").to_string();
        if op.to_raw().ptr == root.ptr || name.starts_with("llvm.") || name.starts_with("omp.") {
            return WalkResult::Advance;
        }
        let at = tool_support::capture::file_loc(op.location())
            .filter(|loc| loc.file == file)
            .map(|loc| format!(" (from {loc})"))
            .unwrap_or_default();
        foreign = Some((name, at));
        WalkResult::Interrupt
    });
    match foreign {
        None => Ok(()),
        Some((name, at)) => Err(Failure::input(format!(
            "the pipeline left '{name}'{at}: tensor-run needs a module in the LLVM dialect; end the pipeline \
             with the conversions to LLVM, as tg-compile does"
        ))),
    }
}
