//! The ops, each a plain function over ndarrays written from its definition
//! in `include/tg/TGOps.td`, generic over the element type.
//!
//! The functions check what they rely on (ranks, attribute lengths, ranges)
//! even though the verifier normally has, and report a violation as an
//! [`OpError`] rather than panicking on an out-of-bounds index.
//!
//! Shared here: building an array by evaluating every output index in
//! row-major order, numpy broadcasting of shapes and indices, and attribute
//! conversions.

pub mod elementwise;
pub mod linalg;
pub mod movement;
pub mod pool;
pub mod reduce;

use crate::error::OpError;
use ndarray::{ArrayD, Dimension, IxDyn};

/// An array from its elements in row-major order.
pub(crate) fn from_vec<T>(shape: &[usize], data: Vec<T>) -> Result<ArrayD<T>, OpError> {
    ArrayD::from_shape_vec(IxDyn(shape), data)
        .map_err(|e| OpError::Shape(format!("internal error: building a {shape:?} array: {e}")))
}

/// The array of shape `shape` whose element at each index `i` is `f(i)`,
/// evaluated in row-major order.
pub(crate) fn build<T>(
    shape: &[usize],
    mut f: impl FnMut(&[usize]) -> Result<T, OpError>,
) -> Result<ArrayD<T>, OpError> {
    let mut data = Vec::with_capacity(shape.iter().product());
    for index in ndarray::indices(IxDyn(shape)) {
        data.push(f(index.slice())?);
    }
    from_vec(shape, data)
}

/// The numpy broadcast of two shapes: aligned at the right, each pair of
/// dimensions equal or one of them 1.
pub(crate) fn broadcast_shapes(lhs: &[usize], rhs: &[usize]) -> Result<Vec<usize>, OpError> {
    let rank = lhs.len().max(rhs.len());
    let mut shape = vec![1; rank];
    for i in 0..rank {
        // Dimension i from the right; a missing dimension counts as 1.
        let l = if i < lhs.len() { lhs[lhs.len() - 1 - i] } else { 1 };
        let r = if i < rhs.len() { rhs[rhs.len() - 1 - i] } else { 1 };
        if l != r && l != 1 && r != 1 {
            return Err(OpError::Shape(format!("shapes {lhs:?} and {rhs:?} do not broadcast")));
        }
        shape[rank - 1 - i] = if l == 1 { r } else { l };
    }
    Ok(shape)
}

/// The index into an operand of shape `operand` that numpy broadcasting
/// reads for the index `index` of the (broadcast, higher or equal rank)
/// result: the operand's dimensions align with the result's trailing ones,
/// and a dimension of size 1 is read at 0.
pub(crate) fn broadcast_index(index: &[usize], operand: &[usize]) -> Vec<usize> {
    let offset = index.len() - operand.len();
    operand.iter().enumerate().map(|(d, &size)| if size == 1 { 0 } else { index[offset + d] }).collect()
}

/// An attribute list of non-negative integers as `usize`s, checking its
/// length (and that each entry is at least `min`).
pub(crate) fn to_usizes(name: &str, values: &[i64], len: usize, min: i64) -> Result<Vec<usize>, OpError> {
    if values.len() != len {
        return Err(OpError::Attribute {
            name: name.to_string(),
            reason: format!("has {} entries; expected {len}", values.len()),
        });
    }
    values
        .iter()
        .map(|&v| {
            if v < min {
                return Err(OpError::Attribute {
                    name: name.to_string(),
                    reason: format!("entry {v} is less than {min}"),
                });
            }
            usize::try_from(v).map_err(|_| OpError::Attribute {
                name: name.to_string(),
                reason: format!("entry {v} is out of range"),
            })
        })
        .collect()
}

/// A single axis attribute checked against `rank`.
pub(crate) fn to_axis(name: &str, axis: i64, rank: usize) -> Result<usize, OpError> {
    match usize::try_from(axis) {
        Ok(axis) if axis < rank => Ok(axis),
        _ => Err(OpError::Attribute {
            name: name.to_string(),
            reason: format!("axis {axis} is out of range for rank {rank}"),
        }),
    }
}
