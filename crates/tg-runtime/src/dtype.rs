//! The element types tensor-run handles, and the types of arguments and
//! results: statically shaped tensors (or memrefs) of them.

use std::fmt;
use tg_interpreter::Tensor;

/// An element type: MLIR's `f32`, `f64`, `i32`, `i64` (signless), numpy's
/// `float32`, `float64`, `int32`, `int64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F32,
    F64,
    I32,
    I64,
}

impl DType {
    /// As MLIR spells it.
    pub fn mlir(self) -> &'static str {
        match self {
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::I32 => "i32",
            DType::I64 => "i64",
        }
    }

    /// As numpy spells it.
    pub fn numpy(self) -> &'static str {
        match self {
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::I32 => "int32",
            DType::I64 => "int64",
        }
    }

    pub fn of(tensor: &Tensor) -> DType {
        match tensor {
            Tensor::F32(_) => DType::F32,
            Tensor::F64(_) => DType::F64,
            Tensor::I32(_) => DType::I32,
            Tensor::I64(_) => DType::I64,
        }
    }
}

/// Whether a value is a tensor or (in already bufferized IR) a memref.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Tensor,
    MemRef,
}

/// A statically shaped tensor or identity-layout memref type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueType {
    pub kind: Kind,
    pub shape: Vec<usize>,
    pub dtype: DType,
}

impl ValueType {
    /// Whether `tensor` has this shape and element type.
    pub fn matches(&self, tensor: &Tensor) -> bool {
        self.shape == tensor.shape() && self.dtype == DType::of(tensor)
    }
}

/// `tensor<2x3xf32>`, `memref<f64>`: as MLIR prints it.
pub fn type_string(kind: Kind, shape: &[usize], dtype: DType) -> String {
    let mut text = String::from(match kind {
        Kind::Tensor => "tensor<",
        Kind::MemRef => "memref<",
    });
    for dim in shape {
        text.push_str(&format!("{dim}x"));
    }
    text.push_str(dtype.mlir());
    text.push('>');
    text
}

impl fmt::Display for ValueType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&type_string(self.kind, &self.shape, self.dtype))
    }
}
