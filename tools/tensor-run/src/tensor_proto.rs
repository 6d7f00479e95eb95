//! Reading inputs from ONNX `TensorProto` files (`.pb`), the format of the
//! ONNX test data (`test_data_set_0/input_0.pb`), with the importer's own
//! schema and tensor reader. Checked against the argument like an `.npy`.

use ndarray::ArrayD;
use std::path::Path;
use tg_interpreter::Tensor;
use tg_onnx::tensor::{ElementType, Values};
use tg_runtime::dtype::{type_string, DType};
use tg_runtime::signature::Argument;

/// The shape a TensorProto file gives.
pub fn shape(path: &Path) -> Result<Vec<i64>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
    let proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(bytes.as_slice())
        .map_err(|e| format!("'{}' is not an ONNX TensorProto: {e}", path.display()))?;
    Ok(proto.dims)
}

/// Loads the input for `argument` of `@entry` from the TensorProto at `path`.
pub fn load(path: &Path, argument: &Argument, entry: &str) -> Result<Tensor, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))?;
    let proto = <tg_onnx::proto::TensorProto as prost::Message>::decode(bytes.as_slice())
        .map_err(|e| format!("'{}' is not an ONNX TensorProto: {e}", path.display()))?;
    let tensor = tg_onnx::tensor::Tensor::read(&proto).map_err(|e| format!("'{}': {e}", path.display()))?;
    let dtype = match tensor.element {
        ElementType::F32 => DType::F32,
        ElementType::F64 => DType::F64,
        ElementType::I32 => DType::I32,
        ElementType::I64 => DType::I64,
    };
    let shape: Vec<usize> = tensor.shape.iter().map(|&d| d.max(0) as usize).collect();
    if dtype != argument.ty.dtype || shape != argument.ty.shape {
        return Err(format!(
            "{} expects {}, but '{}' holds {}",
            argument.describe(entry),
            argument.ty,
            path.display(),
            type_string(argument.ty.kind, &shape, dtype),
        ));
    }
    let error = |e: ndarray::ShapeError| format!("'{}': {e}", path.display());
    Ok(match (dtype, tensor.values) {
        (DType::F32, Values::Float(v)) => Tensor::F32(array(&shape, v.into_iter().map(|x| x as f32)).map_err(error)?),
        (DType::F64, Values::Float(v)) => Tensor::F64(array(&shape, v).map_err(error)?),
        (DType::I32, Values::Int(v)) => Tensor::I32(array(&shape, v.into_iter().map(|x| x as i32)).map_err(error)?),
        (DType::I64, Values::Int(v)) => Tensor::I64(array(&shape, v).map_err(error)?),
        _ => return Err(format!("'{}': its values do not match its data type", path.display())),
    })
}

fn array<T>(shape: &[usize], values: impl IntoIterator<Item = T>) -> Result<ArrayD<T>, ndarray::ShapeError> {
    ArrayD::from_shape_vec(shape.to_vec(), values.into_iter().collect())
}
