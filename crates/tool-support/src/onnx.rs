//! Reading an ONNX model into a module of `tg`, as both tools do it
//! (`tensor-translate --import-onnx`, `tensor-run MODEL.onnx`).

use crate::capture::Sink;
use crate::render::{self, SourceMap};
use melior::ir::Module;
use melior::Context;

/// Why a model could not be imported: what MLIR reported (rendered, maybe
/// empty) and the tool's own one-line message (without the `tool: error:`).
pub struct Failure {
    pub mlir_said: String,
    pub message: String,
}

/// Reads `path`, decodes it and imports it into `context` (tg and func get
/// loaded: ops are built with their result types inferred), with
/// `input_shapes` given as `NAME=1x3x224x224` and `constant_inputs` as
/// `NAME=FILE.pb` (a TensorProto). MLIR's diagnostics are
/// collected through `sink`.
pub fn import<'c>(
    context: &'c Context,
    sink: &Sink,
    path: &str,
    input_shapes: &[String],
    constant_inputs: &[String],
) -> Result<Module<'c>, Failure> {
    let fail = |message: String| Failure { mlir_said: String::new(), message };
    let mut options = tg_onnx::import::Options::default();
    for given in input_shapes {
        let (name, shape) = tg_onnx::import::parse_input_shape(given)
            .ok_or_else(|| fail(format!("--input-shape '{given}' is not NAME=D0xD1x... (positive sizes)")))?;
        options.input_shapes.insert(name, shape);
    }
    for given in constant_inputs {
        let (name, file) = given.split_once('=').filter(|(n, f)| !n.is_empty() && !f.is_empty())
            .ok_or_else(|| fail(format!("--constant-input '{given}' is not NAME=FILE.pb")))?;
        let bytes = std::fs::read(file).map_err(|e| fail(format!("--constant-input {name}: cannot read '{file}': {e}")))?;
        let proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(bytes.as_slice())
            .map_err(|e| fail(format!("--constant-input {name}: '{file}' is not an ONNX TensorProto: {e}")))?;
        let tensor = tg_onnx::tensor::Tensor::read(&proto).map_err(|e| fail(format!("--constant-input {name}: '{file}': {e}")))?;
        options.constant_inputs.insert(name.to_string(), tensor);
    }
    // External data is read relative to the model's directory.
    options.model_dir = Some(std::path::Path::new(path).parent().map(|d| d.to_path_buf()).unwrap_or_default());
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read '{path}': {e}")))?;
    let model = tg_onnx::decode(&bytes).map_err(|e| fail(format!("{path}: not an ONNX model: {e}")))?;
    tg_dialect::load(context);
    context.get_or_load_dialect("func");
    tg_onnx::import::import(context, &model, &options).map_err(|e| {
        let sources = SourceMap::new();
        let mlir_said = sink.drain().iter().map(|d| render::plain(d, &sources)).collect();
        Failure { mlir_said, message: format!("{path}: {e}") }
    })
}
