//! [`Tensor`]: a dense, row-major array of one of the supported element types.

use ndarray::ArrayD;

/// A tensor value: the inputs, intermediate values and results of a function.
#[derive(Debug, Clone, PartialEq)]
pub enum Tensor {
    /// `tensor<...xf32>`
    F32(ArrayD<f32>),
    /// `tensor<...xf64>`
    F64(ArrayD<f64>),
    /// `tensor<...xi32>`
    I32(ArrayD<i32>),
    /// `tensor<...xi64>`
    I64(ArrayD<i64>),
}

impl Tensor {
    /// The dimensions (empty for a rank-0 tensor).
    pub fn shape(&self) -> &[usize] {
        match self {
            Tensor::F32(a) => a.shape(),
            Tensor::F64(a) => a.shape(),
            Tensor::I32(a) => a.shape(),
            Tensor::I64(a) => a.shape(),
        }
    }

    /// The element type as MLIR spells it: `"f32"`, `"f64"`, `"i32"` or `"i64"`.
    pub fn dtype(&self) -> &'static str {
        match self {
            Tensor::F32(_) => "f32",
            Tensor::F64(_) => "f64",
            Tensor::I32(_) => "i32",
            Tensor::I64(_) => "i64",
        }
    }

    /// The MLIR type of the tensor, e.g. `tensor<2x3xf32>` (`tensor<f32>` for
    /// rank 0).
    pub fn type_string(&self) -> String {
        tensor_type_string(self.shape(), self.dtype())
    }

    /// The f32 array, if this is an f32 tensor.
    pub fn as_f32(&self) -> Option<&ArrayD<f32>> {
        match self {
            Tensor::F32(a) => Some(a),
            _ => None,
        }
    }

    /// The f64 array, if this is an f64 tensor.
    pub fn as_f64(&self) -> Option<&ArrayD<f64>> {
        match self {
            Tensor::F64(a) => Some(a),
            _ => None,
        }
    }

    /// The i32 array, if this is an i32 tensor.
    pub fn as_i32(&self) -> Option<&ArrayD<i32>> {
        match self {
            Tensor::I32(a) => Some(a),
            _ => None,
        }
    }

    /// The i64 array, if this is an i64 tensor.
    pub fn as_i64(&self) -> Option<&ArrayD<i64>> {
        match self {
            Tensor::I64(a) => Some(a),
            _ => None,
        }
    }
}

/// `tensor<2x3xf32>` for shape `[2, 3]` and `f32`.
pub(crate) fn tensor_type_string(shape: &[usize], dtype: &str) -> String {
    let mut text = String::from("tensor<");
    for dim in shape {
        text.push_str(&format!("{dim}x"));
    }
    text.push_str(dtype);
    text.push('>');
    text
}

impl From<ArrayD<f32>> for Tensor {
    fn from(array: ArrayD<f32>) -> Self {
        Tensor::F32(array)
    }
}

impl From<ArrayD<f64>> for Tensor {
    fn from(array: ArrayD<f64>) -> Self {
        Tensor::F64(array)
    }
}

impl From<ArrayD<i32>> for Tensor {
    fn from(array: ArrayD<i32>) -> Self {
        Tensor::I32(array)
    }
}

impl From<ArrayD<i64>> for Tensor {
    fn from(array: ArrayD<i64>) -> Self {
        Tensor::I64(array)
    }
}
