//! `tensor-translate --import-onnx MODEL.onnx [-o OUT.mlir] [--emit-bytecode]
//! [--input-shape NAME=1x3x224x224]...`: an ONNX model as a `func.func @main`
//! in the `tg` dialect, each op located at its ONNX node's name.
//!
//! `tensor-translate --import-tc FILE.tc [--entry NAME] [-D N=8]...`: a
//! function of the tensor language as a `func.func` of `linalg.generic`s,
//! each located at its statement (`FILE.tc:3:5`), with its schedule (if it
//! has one) as the module's `@__transform_main`.
//!
//! An unsupported op, opset, attribute value, data type or dynamic
//! dimension is an error naming the node and what is unsupported: exit 1,
//! and nothing is written. No input may make it panic or abort (exit 70).

#![forbid(unsafe_code)]

use clap::Parser;
use melior::ir::operation::OperationLike;
use std::process::ExitCode;
use tool_support::capture::Sink;
use tool_support::crash;
use tool_support::output::Output;
use tool_support::render::{self, SourceMap};

/// Import a model into the tg dialect.
#[derive(Parser, Debug)]
#[command(name = "tensor-translate", version, about)]
#[command(group(clap::ArgGroup::new("import").required(true).args(["import_onnx", "import_tc"])))]
struct Options {
    /// The ONNX model to import (a serialized ModelProto).
    #[arg(long = "import-onnx", value_name = "MODEL.onnx")]
    import_onnx: Option<String>,
    /// The tensor-language file to import.
    #[arg(long = "import-tc", value_name = "FILE.tc")]
    import_tc: Option<String>,
    /// With --import-tc: the function to import (default: the first).
    #[arg(long, value_name = "NAME", requires = "import_tc")]
    entry: Option<String>,
    /// With --import-tc: the value of a size, NAME=VALUE (repeatable).
    #[arg(short = 'D', value_name = "NAME=VALUE", requires = "import_tc")]
    defines: Vec<String>,
    /// Where to write the MLIR (written whole or not at all); `-` is stdout.
    #[arg(short = 'o', value_name = "FILE", default_value = "-")]
    output: String,
    /// Write MLIR bytecode instead of text.
    #[arg(long = "emit-bytecode")]
    emit_bytecode: bool,
    /// Print each op's location (its ONNX node's name), as mlir-opt's flag does (always on for --import-tc).
    #[arg(long = "mlir-print-debuginfo")]
    print_debuginfo: bool,
    /// The shape of an input with symbolic dimensions: NAME=1x3x224x224 (repeatable).
    #[arg(long = "input-shape", value_name = "NAME=SHAPE")]
    input_shapes: Vec<String>,
    /// A graph input's value, fixed at import (a shape or axes given as an input): NAME=FILE.pb (repeatable).
    #[arg(long = "constant-input", value_name = "NAME=FILE.pb", requires = "import_onnx")]
    constant_inputs: Vec<String>,
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
    let path = options.import_onnx.as_ref().or(options.import_tc.as_ref()).expect("clap requires one");
    let fail = |message: String| format!("tensor-translate: error: {path}: {message}\n");
    let context = tool_support::context::create(false, false);
    let sink = Sink::attach(&context);
    let module = if let Some(tc) = &options.import_tc {
        tool_support::tc::import(&context, tc, options.entry.as_deref(), None, &options.defines)?.0
    } else {
        tool_support::onnx::import(&context, &sink, path, &options.input_shapes, &options.constant_inputs)
            .map_err(|f| format!("{}tensor-translate: error: {}\n", f.mlir_said, f.message))?
    };
    let sources = SourceMap::new();
    if !module.as_operation().verify() {
        let said: String = sink.drain().iter().map(|d| render::plain(d, &sources)).collect();
        return Err(format!("{said}{}", fail("the imported module does not verify".into())));
    }
    let out = if options.emit_bytecode {
        module.as_operation().write_bytecode()
    } else {
        let flags = melior::ir::operation::OperationPrintingFlags::new().enable_debug_info(options.print_debuginfo || options.import_tc.is_some(), false);
        let text = module.as_operation().to_string_with_flags(flags).map_err(|e| fail(e.to_string()))?;
        format!("{text}\n").into_bytes()
    };
    let target = if options.output == "-" { None } else { Some(options.output.as_str()) };
    Output::from_arg(target)
        .write_all(&out)
        .map_err(|e| format!("tensor-translate: error: cannot write '{}': {e}\n", options.output))
}
