//! Data movement: `tg.transpose`, `tg.reshape`, `tg.broadcast_to`,
//! `tg.concat`, `tg.slice` and `tg.pad`. Each result element is read from
//! one input element (or is the pad value); nothing is computed.

use super::{broadcast_index, build, from_vec};
use crate::error::OpError;
use ndarray::ArrayD;

/// `tg.transpose`: result dimension `i` is input dimension `perm[i]`, so
/// `result[i_0, ..., i_{r-1}] = input[j]` with `j[perm[d]] = i_d`.
pub fn transpose<T: Copy>(input: &ArrayD<T>, perm: &[i64]) -> Result<ArrayD<T>, OpError> {
    let rank = input.ndim();
    let not_a_permutation = || OpError::Attribute {
        name: String::from("perm"),
        reason: format!("{perm:?} is not a permutation of [0, {rank})"),
    };
    if perm.len() != rank {
        return Err(not_a_permutation());
    }
    let mut perm_usize = Vec::with_capacity(rank);
    let mut seen = vec![false; rank];
    for &p in perm {
        let p = usize::try_from(p).ok().filter(|&p| p < rank).ok_or_else(not_a_permutation)?;
        if seen[p] {
            return Err(not_a_permutation());
        }
        seen[p] = true;
        perm_usize.push(p);
    }
    let shape: Vec<usize> = perm_usize.iter().map(|&p| input.shape()[p]).collect();
    let mut source = vec![0; rank];
    build(&shape, |index| {
        for (d, &p) in perm_usize.iter().enumerate() {
            source[p] = index[d];
        }
        Ok(input[source.as_slice()])
    })
}

/// `tg.reshape`: the elements in row-major order, under `shape`.
pub fn reshape<T: Copy>(input: &ArrayD<T>, shape: &[usize]) -> Result<ArrayD<T>, OpError> {
    if input.len() != shape.iter().product::<usize>() {
        return Err(OpError::Shape(format!("cannot reshape {:?} to {shape:?}", input.shape())));
    }
    // `iter` visits the elements in logical row-major order.
    from_vec(shape, input.iter().copied().collect())
}

/// `tg.broadcast_to`: `numpy.broadcast_to(input, shape)`. The input's
/// dimensions align with the trailing dimensions of `shape`; each is equal
/// or 1 (then repeated).
pub fn broadcast_to<T: Copy>(input: &ArrayD<T>, shape: &[usize]) -> Result<ArrayD<T>, OpError> {
    let from = input.shape();
    let fits = from.len() <= shape.len()
        && from.iter().zip(&shape[shape.len() - from.len()..]).all(|(&f, &t)| f == t || f == 1);
    if !fits {
        return Err(OpError::Shape(format!("cannot broadcast {from:?} to {shape:?}")));
    }
    build(shape, |index| Ok(input[broadcast_index(index, from).as_slice()]))
}

/// `tg.concat`: the inputs joined along `axis`, in operand order.
pub fn concat<T: Copy>(inputs: &[&ArrayD<T>], axis: usize) -> Result<ArrayD<T>, OpError> {
    let first = inputs.first().ok_or_else(|| OpError::Shape(String::from("concat needs at least one operand")))?;
    let rank = first.ndim();
    if axis >= rank {
        return Err(OpError::Attribute {
            name: String::from("axis"),
            reason: format!("axis {axis} is out of range for rank {rank}"),
        });
    }
    let mut shape = first.shape().to_vec();
    shape[axis] = 0;
    for input in inputs {
        let agrees = input.ndim() == rank && (0..rank).all(|d| d == axis || input.shape()[d] == first.shape()[d]);
        if !agrees {
            return Err(OpError::Shape(format!(
                "concat operands {:?} and {:?} differ outside axis {axis}",
                first.shape(),
                input.shape()
            )));
        }
        shape[axis] += input.shape()[axis];
    }
    build(&shape, |index| {
        // Find the operand whose stretch of the axis holds index[axis].
        let mut position = index[axis];
        for input in inputs {
            let size = input.shape()[axis];
            if position < size {
                let mut source = index.to_vec();
                source[axis] = position;
                return Ok(input[source.as_slice()]);
            }
            position -= size;
        }
        Err(OpError::Shape(String::from("internal error: concat index past the last operand")))
    })
}

/// `tg.slice`: `result[i] = input[offsets + i * strides]` (elementwise over
/// dimensions), `i` ranging over `sizes`.
pub fn slice<T: Copy>(
    input: &ArrayD<T>,
    offsets: &[usize],
    sizes: &[usize],
    strides: &[usize],
) -> Result<ArrayD<T>, OpError> {
    for d in 0..input.ndim() {
        let inside = sizes[d] == 0 || offsets[d] + (sizes[d] - 1) * strides[d] < input.shape()[d];
        if !inside {
            return Err(OpError::Shape(format!(
                "slice runs past dimension {d} (size {}): offset {}, size {}, stride {}",
                input.shape()[d],
                offsets[d],
                sizes[d],
                strides[d]
            )));
        }
    }
    let mut source = vec![0; input.ndim()];
    build(sizes, |index| {
        for d in 0..index.len() {
            source[d] = offsets[d] + index[d] * strides[d];
        }
        Ok(input[source.as_slice()])
    })
}

/// `tg.pad`: `low[d]` elements before and `high[d]` after dimension `d`, all
/// equal to `value`; the input sits at offset `low`.
pub fn pad<T: Copy>(input: &ArrayD<T>, low: &[usize], high: &[usize], value: T) -> Result<ArrayD<T>, OpError> {
    let shape: Vec<usize> = (0..input.ndim()).map(|d| low[d] + input.shape()[d] + high[d]).collect();
    let mut source = vec![0; input.ndim()];
    build(&shape, |index| {
        for d in 0..index.len() {
            match index[d].checked_sub(low[d]) {
                Some(i) if i < input.shape()[d] => source[d] = i,
                _ => return Ok(value),
            }
        }
        Ok(input[source.as_slice()])
    })
}
