//! Reductions (`tg.reduce_sum`, `tg.reduce_max`, `tg.reduce_mean`) and
//! `tg.softmax`.

use super::from_vec;
use crate::element::{Element, Float};
use crate::error::OpError;
use ndarray::{ArrayD, Axis, IxDyn};

/// A reduction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reduction {
    /// `tg.reduce_sum`: starts at 0, adds.
    Sum,
    /// `tg.reduce_max`: starts at the lowest value (-inf or `MIN`), takes
    /// the maximum (NaN propagates).
    Max,
    /// `tg.reduce_mean`: the sum divided by the number of reduced elements;
    /// for integers the division truncates toward zero.
    Mean,
}

/// Reduces `input` along `axes` (distinct, each in `[0, rank)`); with
/// `keepdims` the reduced dimensions stay with size 1, otherwise they are
/// dropped. Each result element combines its input elements in row-major
/// order of the input.
pub fn reduce<T: Element>(
    kind: Reduction,
    input: &ArrayD<T>,
    axes: &[i64],
    keepdims: bool,
) -> Result<ArrayD<T>, OpError> {
    let rank = input.ndim();
    let mut reduced = vec![false; rank];
    for &axis in axes {
        let d = super::to_axis("axes", axis, rank)?;
        if reduced[d] {
            return Err(OpError::Attribute { name: String::from("axes"), reason: format!("names axis {d} twice") });
        }
        reduced[d] = true;
    }
    // The result as if with keepdims; dropped at the end otherwise.
    let kept: Vec<usize> = (0..rank).map(|d| if reduced[d] { 1 } else { input.shape()[d] }).collect();
    let init = match kind {
        Reduction::Sum | Reduction::Mean => T::ZERO,
        Reduction::Max => T::LOWEST,
    };
    let mut out = ArrayD::from_elem(IxDyn(&kept), init);
    let mut target = vec![0; rank];
    for (index, &value) in input.indexed_iter() {
        for d in 0..rank {
            target[d] = if reduced[d] { 0 } else { index[d] };
        }
        let slot = &mut out[target.as_slice()];
        *slot = match kind {
            Reduction::Sum | Reduction::Mean => slot.add(value),
            Reduction::Max => slot.max(value),
        };
    }
    if kind == Reduction::Mean {
        let count: usize = (0..rank).filter(|&d| reduced[d]).map(|d| input.shape()[d]).product();
        let divisor = T::from_count(count);
        for slot in out.iter_mut() {
            *slot = slot.div(divisor)?;
        }
    }
    if keepdims {
        return Ok(out);
    }
    let shape: Vec<usize> = (0..rank).filter(|&d| !reduced[d]).map(|d| input.shape()[d]).collect();
    from_vec(&shape, out.iter().copied().collect())
}

/// `tg.softmax` along `axis`: `exp(x - max(x)) / sum(exp(x - max(x)))`, the
/// max and the sum taken over each lane along `axis` (the sum in lane
/// order).
pub fn softmax<T: Float>(input: &ArrayD<T>, axis: i64) -> Result<ArrayD<T>, OpError> {
    let axis = super::to_axis("axis", axis, input.ndim())?;
    let mut out = input.clone();
    for mut lane in out.lanes_mut(Axis(axis)) {
        let max = lane.iter().fold(T::LOWEST, |max, &x| max.max(x));
        lane.mapv_inplace(|x| x.sub(max).exp());
        let sum = lane.iter().fold(T::ZERO, |sum, &e| sum.add(e));
        lane.mapv_inplace(|e| e.fdiv(sum));
    }
    Ok(out)
}
