//! `tensor-translate --import-onnx MODEL.onnx [-o OUT.mlir] [--emit-bytecode]
//! [--input-shape NAME=1x3x224x224]...`: an ONNX model as a `func.func @main`
//! in the `tg` dialect, each op located at its ONNX node's name.
//!
//! An unsupported op, opset, attribute value, data type or dynamic
//! dimension is an error naming the node and what is unsupported: exit 1,
//! and nothing is written. No input may make it panic or abort (exit 70).

#![forbid(unsafe_code)]

use clap::Parser;
use melior::ir::operation::OperationLike;
use std::collections::HashMap;
use std::process::ExitCode;
use tool_support::capture::Sink;
use tool_support::crash;
use tool_support::output::Output;
use tool_support::render::{self, SourceMap};

/// Import a model into the tg dialect.
#[derive(Parser, Debug)]
#[command(name = "tensor-translate", version, about)]
struct Options {
    /// The ONNX model to import (a serialized ModelProto).
    #[arg(long = "import-onnx", value_name = "MODEL.onnx")]
    import_onnx: String,
    /// Where to write the MLIR (written whole or not at all); `-` is stdout.
    #[arg(short = 'o', value_name = "FILE", default_value = "-")]
    output: String,
    /// Write MLIR bytecode instead of text.
    #[arg(long = "emit-bytecode")]
    emit_bytecode: bool,
    /// Print each op's location (its ONNX node's name), as mlir-opt's flag does.
    #[arg(long = "mlir-print-debuginfo")]
    print_debuginfo: bool,
    /// The shape of an input with symbolic dimensions: NAME=1x3x224x224 (repeatable).
    #[arg(long = "input-shape", value_name = "NAME=SHAPE")]
    input_shapes: Vec<String>,
}

fn main() -> ExitCode {
    crash::install("tensor-translate", "inside MLIR (fatal signal)");
    let options = match Options::try_parse() {
        Ok(options) => options,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 1 } else { 0 });
        }
    };
    crash::exit_on_large_stack(|| match run(&options) {
        Ok(()) => 0,
        Err(message) => {
            eprint!("{message}");
            tool_support::exit::FAILURE
        }
    })
}

fn run(options: &Options) -> Result<(), String> {
    let path = &options.import_onnx;
    let fail = |message: String| format!("tensor-translate: error: {path}: {message}\n");
    let mut input_shapes = HashMap::new();
    for given in &options.input_shapes {
        let (name, shape) = tg_onnx::import::parse_input_shape(given)
            .ok_or_else(|| format!("tensor-translate: error: --input-shape '{given}' is not NAME=D0xD1x... (positive sizes)\n"))?;
        input_shapes.insert(name, shape);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("tensor-translate: error: cannot read '{path}': {e}\n"))?;
    let model = tg_onnx::decode(&bytes).map_err(|e| fail(format!("not an ONNX model: {e}")))?;
    let context = tool_support::context::create(false, false);
    // Ops are built with their result types inferred: tg and func must be loaded.
    tg_dialect::load(&context);
    context.get_or_load_dialect("func");
    let sink = Sink::attach(&context);
    let imported = tg_onnx::import::import(&context, &model, &tg_onnx::import::Options { input_shapes });
    // MLIR's own errors (a shape rule that failed at a node) come first.
    let sources = SourceMap::new();
    let mlir_said: String = sink.drain().iter().map(|d| render::plain(d, &sources)).collect();
    let module = imported.map_err(|e| format!("{mlir_said}{}", fail(e.to_string())))?;
    if !module.as_operation().verify() {
        let said: String = sink.drain().iter().map(|d| render::plain(d, &sources)).collect();
        return Err(format!("{said}{}", fail("the imported module does not verify".into())));
    }
    let out = if options.emit_bytecode {
        module.as_operation().write_bytecode()
    } else {
        let flags = melior::ir::operation::OperationPrintingFlags::new().enable_debug_info(options.print_debuginfo, false);
        let text = module.as_operation().to_string_with_flags(flags).map_err(|e| fail(e.to_string()))?;
        format!("{text}\n").into_bytes()
    };
    let target = if options.output == "-" { None } else { Some(options.output.as_str()) };
    Output::from_arg(target)
        .write_all(&out)
        .map_err(|e| format!("tensor-translate: error: cannot write '{}': {e}\n", options.output))
}
