//! tensor-run's command line.

use clap::Parser;
use std::path::PathBuf;

/// Compile a function (tg, linalg on tensors, or bufferized) with MLIR's JIT
/// and run it on inputs from .npy files or a seed.
#[derive(Parser, Debug, Clone)]
#[command(name = "tensor-run", version)]
pub struct Options {
    /// The MLIR file (`-` for standard input), an ONNX model, or a tensor-language file.
    #[arg(value_name = "INPUT.mlir|MODEL.onnx|FILE.tc")]
    pub input: String,

    /// The function to run (default: main; in a .tc file, its first function).
    #[arg(long, value_name = "NAME")]
    pub entry: Option<String>,

    /// For a .tc file: the value of a size, NAME=VALUE (repeatable); the
    /// others are bound from the --input shapes.
    #[arg(short = 'D', value_name = "NAME=VALUE")]
    pub defines: Vec<String>,

    /// An input, one per argument in order: .npy, or an ONNX TensorProto (.pb)
    #[arg(long = "input", value_name = "FILE.npy|FILE.pb")]
    pub inputs: Vec<PathBuf>,

    /// Where to write a result, one per result in order (written atomically).
    #[arg(short = 'o', value_name = "FILE.npy")]
    pub outputs: Vec<PathBuf>,

    /// Generate the inputs from SEED: floats uniform in [-1, 1), ints in [-4, 4].
    #[arg(long, value_name = "SEED", conflicts_with = "inputs")]
    pub random_inputs: Option<u64>,

    /// Print each result's type and a summary (the default without -o or --bench).
    #[arg(long)]
    pub print: bool,

    /// Run ITERS times after a warm-up and print min/median/max milliseconds.
    #[arg(long, value_name = "ITERS", value_parser = clap::value_parser!(u64).range(1..))]
    pub bench: Option<u64>,

    /// With --bench: print one JSON object (median_ms, min_ms, max_ms, iters).
    #[arg(long, requires = "bench")]
    pub json: bool,

    /// How many threads the compiled code may use (default: all cores).
    /// Sets the default pipeline's `threads`; with --pipeline, set it there.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=tg_passes::framework::options::MAX_THREADS as u64), conflicts_with = "pipeline")]
    pub threads: Option<u64>,

    /// The lowering to the LLVM dialect, anchored on builtin.module (default:
    /// builtin.module(tg-compile{opt-level=3 out-params threads=N})).
    #[arg(long, value_name = "PIPELINE", conflicts_with = "reference")]
    pub pipeline: Option<String>,

    /// Evaluate the tg function with the reference interpreter instead of
    /// compiling it (a .tc function: with the language's evaluator).
    #[arg(long)]
    pub reference: bool,

    /// For an ONNX model: the shape of an input with symbolic dimensions, NAME=1x3x224x224 (repeatable)
    #[arg(long = "input-shape", value_name = "NAME=SHAPE")]
    pub input_shapes: Vec<String>,

    /// For an ONNX model: a graph input's value, fixed at import (a shape or axes given as an input), NAME=FILE.pb (repeatable); the other inputs are --input's
    #[arg(long = "constant-input", value_name = "NAME=FILE.pb")]
    pub constant_inputs: Vec<String>,
}

/// The default lowering: tg-compile's fastest, with results written into
/// buffers tensor-run provides (and reuses across `--bench` calls), on
/// `threads` threads (all cores unless given).
pub fn default_pipeline(threads: Option<u64>) -> String {
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u64));
    format!("builtin.module(tg-compile{{opt-level=3 out-params threads={threads}}})")
}
