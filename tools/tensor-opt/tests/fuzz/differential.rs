//! Differential checking of generated programs: a module of functions is
//! compiled once per configuration (opt-level 0; opt-level 3 on 1 and on 2
//! threads), every function runs in the JIT on seeded random inputs, and
//! each result is compared with the reference interpreter's. One compile per
//! module and configuration, not per function: the JIT's start-up dominates.

use melior::ir::Module;
use tool_support::capture::Sink;
use tool_support::render::{self, SourceMap};
use tg_runtime::jit::{CallError, Convention, Engine, Function as Compiled};
use tg_runtime::signature::{self, Signature};
use tg_interpreter::{EvalError, OpError, Tensor};

/// The compilations every program is checked under.
pub const CONFIGS: &[(&str, &str)] = &[
    ("opt-level=0", "builtin.module(tg-compile{opt-level=0})"),
    ("opt-level=3 threads=1", "builtin.module(tg-compile{opt-level=3 out-params threads=1})"),
    ("opt-level=3 threads=2", "builtin.module(tg-compile{opt-level=3 out-params threads=2})"),
];

/// What checking one function found.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Every configuration agrees with the interpreter (both may report a
    /// division by zero).
    Agree,
    /// The interpreter finds the program undefined (a float converted out of
    /// an integer's range): nothing to compare.
    Undefined,
    /// The verifier rejects it: a generator bug, not a tool failure.
    Rejected(String),
    /// A configuration disagrees with the interpreter, or fails to compile.
    Fail(String),
}

/// The interpreter's result, or whether it reports a division fault.
enum Reference {
    Values(Vec<Tensor>),
    Fault,
    Undefined,
}

/// One program to check: a function's text and name.
pub struct Case {
    pub text: String,
    pub entry: String,
}

/// Checks every case, with the inputs of seed `seed + i` for case `i`.
/// Cases the verifier rejects are left out of the compiled module.
pub fn check(functions: &[Case], seed: u64) -> Vec<Verdict> {
    let mut verdicts = vec![Verdict::Agree; functions.len()];
    let mut references: Vec<Option<(Signature, Vec<Tensor>, Reference)>> = Vec::new();
    for (i, function) in functions.iter().enumerate() {
        match reference(&function.text, &function.entry, seed + i as u64) {
            Ok(found) => references.push(Some(found)),
            Err(message) => {
                verdicts[i] = Verdict::Rejected(message);
                references.push(None);
            }
        }
        if let Some((_, _, Reference::Undefined)) = references[i] {
            verdicts[i] = Verdict::Undefined;
        }
    }
    let live: Vec<usize> = (0..functions.len()).filter(|&i| verdicts[i] == Verdict::Agree).collect();
    if live.is_empty() {
        return verdicts;
    }
    let text: String = live.iter().map(|&i| functions[i].text.as_str()).collect::<Vec<_>>().join("\n");
    for (config, pipeline) in CONFIGS {
        let checked = compile_and_compare(&text, pipeline, &live, &references);
        match checked {
            Ok(results) => {
                for (i, result) in live.iter().zip(results) {
                    if let (Err(message), Verdict::Agree) = (result, &verdicts[*i]) {
                        verdicts[*i] = Verdict::Fail(format!("{config}: {message}"));
                    }
                }
            }
            // The module does not compile: find the functions that do not
            // compile on their own.
            Err(message) if live.len() > 1 => {
                for &i in &live {
                    let alone = compile_and_compare(&functions[i].text, pipeline, &[i], &references);
                    let failure = match alone {
                        Ok(mut results) => results.pop().and_then(Result::err),
                        Err(message) => Some(message),
                    };
                    if let (Some(message), Verdict::Agree) = (failure, &verdicts[i]) {
                        verdicts[i] = Verdict::Fail(format!("{config}: {message}"));
                    }
                }
                let _ = message;
            }
            Err(message) => {
                if verdicts[live[0]] == Verdict::Agree {
                    verdicts[live[0]] = Verdict::Fail(format!("{config}: {message}"));
                }
            }
        }
    }
    verdicts
}

/// Parses `text` alone, reads `entry`'s signature, makes its inputs and runs
/// the interpreter; `Err` with the verifier's messages if it does not parse.
fn reference(text: &str, entry: &str, seed: u64) -> Result<(Signature, Vec<Tensor>, Reference), String> {
    let context = tool_support::context::create(false, false);
    let sink = Sink::attach(&context);
    let Some(op) = tg_dialect::parse_source_for_tool(&context, text, "fuzz.mlir", true) else {
        let mut sources = SourceMap::new();
        sources.add("fuzz.mlir", text.to_string());
        return Err(sink.drain().iter().map(|d| render::plain(d, &sources)).collect());
    };
    let module = Module::from_operation(op).ok_or("not a module")?;
    let function = signature::find_entry(&module, entry)?;
    let signature = signature::read(function, entry, text, "fuzz.mlir")?;
    let types: Vec<_> = signature.args.iter().map(|a| &a.ty).collect();
    let inputs = tensor_run::random::generate(seed, &types);
    let reference = match tg_interpreter::evaluate(module.as_operation(), entry, &inputs) {
        Ok(values) => Reference::Values(values),
        Err(EvalError::Op { source: OpError::DivisionByZero | OpError::DivisionOverflow(_), .. }) => Reference::Fault,
        Err(EvalError::Op { source: OpError::ConversionOutOfRange { .. }, .. }) => Reference::Undefined,
        Err(other) => return Err(format!("the interpreter cannot evaluate @{entry}: {other}")),
    };
    Ok((signature, inputs, reference))
}

/// Compiles `text` with `pipeline` and runs the functions `indices` name;
/// per function, `Err` with what differs. `Err` for the whole module if it
/// does not compile.
fn compile_and_compare(
    text: &str,
    pipeline: &str,
    indices: &[usize],
    references: &[Option<(Signature, Vec<Tensor>, Reference)>],
) -> Result<Vec<Result<(), String>>, String> {
    let context = tool_support::context::create(true, false);
    let sink = Sink::attach(&context);
    let mut sources = SourceMap::new();
    sources.add("fuzz.mlir", text.to_string());
    let diagnostics = |what: &str| {
        let text: String = sink.drain().iter().map(|d| render::plain(d, &sources)).collect();
        format!("{what}:\n{text}")
    };
    let op = tg_dialect::parse_source_for_tool(&context, text, "fuzz.mlir", true).ok_or_else(|| diagnostics("does not parse"))?;
    let mut module = Module::from_operation(op).ok_or("not a module")?;
    for &i in indices {
        let (signature, _, _) = references[i].as_ref().expect("only checked functions are compiled");
        let function = signature::find_entry(&module, &signature.entry)?;
        tg_runtime::jit::emit_c_interface(&context, function);
    }
    let parsed = tg_passes::pipeline::parse(pipeline).map_err(|e| e.message)?;
    let pass_manager = tensor_run::run::build_pass_manager(&context, &parsed).map_err(|e| e.message)?;
    if pass_manager.run(&mut module).is_err() {
        return Err(diagnostics("the pipeline failed"));
    }
    let engine = Engine::new(&module).ok_or_else(|| diagnostics("the JIT cannot compile the module"))?;
    Ok(indices
        .iter()
        .map(|&i| {
            let (signature, inputs, reference) = references[i].as_ref().expect("checked above");
            let convention = Convention::of(&module, signature);
            let function = Compiled::new(&engine, signature.clone(), convention);
            compare(&signature.entry, function.call(inputs), reference)
        })
        .collect())
}

fn compare(entry: &str, got: Result<Vec<Tensor>, CallError>, want: &Reference) -> Result<(), String> {
    match (got, want) {
        (Ok(got), Reference::Values(want)) => {
            for (index, (g, w)) in got.iter().zip(want).enumerate() {
                if let Some(difference) = differ(g, w) {
                    return Err(format!("@{entry} result #{index}: {difference}"));
                }
            }
            Ok(())
        }
        (Err(CallError::Faulted(_)), Reference::Fault) => Ok(()),
        (Err(CallError::Faulted(n)), _) => Err(format!("@{entry}: the JIT reports a fault of checked op {n}; the interpreter none")),
        (Ok(_), Reference::Fault) => Err(format!("@{entry}: the interpreter reports a division fault; the JIT none")),
        (Err(CallError::Failed(message)), _) => Err(format!("@{entry}: {message}")),
        (_, Reference::Undefined) => Ok(()),
    }
}

/// How `got` differs from `want`, if it does: shape, type, or the first
/// element out of tolerance (floats: relative 1e-3 plus 1e-4, NaN equal to
/// NaN, infinities exact; integers: exact).
fn differ(got: &Tensor, want: &Tensor) -> Option<String> {
    fn first<T: Copy + std::fmt::Debug>(
        g: &ndarray::ArrayD<T>,
        w: &ndarray::ArrayD<T>,
        same: impl Fn(T, T) -> bool,
    ) -> Option<String> {
        if g.shape() != w.shape() {
            return Some(format!("shape {:?}, expected {:?}", g.shape(), w.shape()));
        }
        g.iter()
            .zip(w.iter())
            .position(|(a, b)| !same(*a, *b))
            .map(|i| format!("flat index {i}: {:?}, expected {:?}", g.iter().nth(i), w.iter().nth(i)))
    }
    let close = |a: f64, b: f64| {
        (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-3 * a.abs().max(b.abs()) + 1e-4
    };
    match (got, want) {
        (Tensor::F32(g), Tensor::F32(w)) => first(g, w, |a, b| close(a.into(), b.into())),
        (Tensor::F64(g), Tensor::F64(w)) => first(g, w, close),
        (Tensor::I32(g), Tensor::I32(w)) => first(g, w, |a, b| a == b),
        (Tensor::I64(g), Tensor::I64(w)) => first(g, w, |a, b| a == b),
        _ => Some("element types differ".into()),
    }
}
