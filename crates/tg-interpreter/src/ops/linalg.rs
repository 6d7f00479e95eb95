//! Contractions: `tg.matmul` (batched, numpy batch broadcasting) and
//! `tg.conv2d` (NCHW input, FCHW filter, strides, dilations, padding,
//! groups).
//!
//! Sums start at zero and accumulate in the element type, in the natural
//! loop order (the contraction index innermost, increasing).

use super::{broadcast_index, broadcast_shapes, from_vec};
use crate::element::Element;
use crate::error::OpError;
use ndarray::{s, Array4, ArrayD, ArrayView2, Axis, Dimension, Ix2, Ix4, IxDyn};

/// `tg.matmul`: `lhs` is `... x M x K`, `rhs` is `... x K x N`; the leading
/// (batch) dimensions broadcast numpy-style; the result is
/// `batch x M x N` with `result[b, i, j] = sum_k lhs[b', i, k] * rhs[b'', k, j]`.
pub fn matmul<T: Element>(lhs: &ArrayD<T>, rhs: &ArrayD<T>) -> Result<ArrayD<T>, OpError> {
    let (ls, rs) = (lhs.shape(), rhs.shape());
    if ls.len() < 2 || rs.len() < 2 {
        return Err(OpError::Shape(format!("matmul operands need rank 2 or more, got {ls:?} and {rs:?}")));
    }
    let (lrank, rrank) = (ls.len(), rs.len());
    let (m, k) = (ls[lrank - 2], ls[lrank - 1]);
    let (k2, n) = (rs[rrank - 2], rs[rrank - 1]);
    if k != k2 {
        return Err(OpError::Shape(format!("matmul inner dimensions differ: {ls:?} and {rs:?}")));
    }
    let (lbatch, rbatch) = (&ls[..lrank - 2], &rs[..rrank - 2]);
    let batch = broadcast_shapes(lbatch, rbatch)?;
    let mut data = Vec::with_capacity(batch.iter().product::<usize>() * m * n);
    for b in ndarray::indices(IxDyn(&batch)) {
        let a = matrix(lhs, &broadcast_index(b.slice(), lbatch))?;
        let c = matrix(rhs, &broadcast_index(b.slice(), rbatch))?;
        for i in 0..m {
            for j in 0..n {
                // sum over p of a[i, p] * c[p, j], p increasing.
                let (row, column) = (a.row(i), c.column(j));
                data.push(row.iter().zip(column.iter()).fold(T::ZERO, |sum, (&l, &r)| sum.add(l.mul(r))));
            }
        }
    }
    let mut shape = batch;
    shape.extend([m, n]);
    from_vec(&shape, data)
}

/// The matrix formed by the last two dimensions of `array` at batch index
/// `batch` (one index per leading dimension).
fn matrix<'a, T>(array: &'a ArrayD<T>, batch: &[usize]) -> Result<ArrayView2<'a, T>, OpError> {
    let mut view = array.view();
    for &i in batch {
        view = view.index_axis_move(Axis(0), i);
    }
    view.into_dimensionality::<Ix2>()
        .map_err(|_| OpError::Shape(format!("internal error: no matrix at batch index {batch:?}")))
}

/// The attributes of a 2-D window: `[h, w]` strides and dilations, padding
/// `[top, left, bottom, right]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window2D {
    /// `[h, w]`
    pub strides: [usize; 2],
    /// `[h, w]`
    pub dilations: [usize; 2],
    /// `[top, left, bottom, right]`
    pub padding: [usize; 4],
}

impl Window2D {
    /// The output size along spatial dimension `d` (0 = height, 1 = width)
    /// for an input of size `input` and a window of `window` taps:
    /// `(input + pad_lo + pad_hi - dilation * (window - 1) - 1) / stride + 1`.
    pub fn output_size(&self, d: usize, input: usize, window: usize) -> Result<usize, OpError> {
        let padded = input + self.padding[d] + self.padding[d + 2];
        if window == 0 || self.strides[d] == 0 || self.dilations[d] == 0 {
            return Err(OpError::Shape(format!("empty window, stride or dilation in spatial dimension {d}")));
        }
        let extent = self.dilations[d] * (window - 1) + 1;
        if extent > padded {
            return Err(OpError::Shape(format!(
                "a window of {window} taps (dilation {}) does not fit the padded size {padded}",
                self.dilations[d]
            )));
        }
        Ok((padded - extent) / self.strides[d] + 1)
    }

    /// The input coordinate of output position `out`, window tap `tap`
    /// along spatial dimension `d`, or `None` if it falls in the padding.
    pub fn input_coordinate(&self, d: usize, out: usize, tap: usize, input: usize) -> Option<usize> {
        // Coordinates in the padded input, then shifted back by the low padding.
        let padded = out * self.strides[d] + tap * self.dilations[d];
        let coordinate = padded.checked_sub(self.padding[d])?;
        (coordinate < input).then_some(coordinate)
    }
}

/// `tg.conv2d`: `input` is `N x C x H x W`, `filter` is `F x C/groups x KH x KW`;
/// the result is `N x F x OH x OW` with
/// `result[n, f, y, x] = sum_{c, ky, kx} padded[n, g*C/groups + c, y*sh + ky*dh, x*sw + kx*dw] * filter[f, c, ky, kx]`
/// where `g = f / (F/groups)` is the filter's group and `padded` is the input
/// padded with zeros (`padding[0]` rows on top, `padding[1]` columns on the
/// left, `padding[2]` rows at the bottom, `padding[3]` columns on the right).
pub fn conv2d<T: Element>(
    input: &ArrayD<T>,
    filter: &ArrayD<T>,
    window: &Window2D,
    groups: usize,
) -> Result<ArrayD<T>, OpError> {
    let x = input
        .view()
        .into_dimensionality::<Ix4>()
        .map_err(|_| OpError::Shape(format!("conv2d input must have rank 4, got {:?}", input.shape())))?;
    let w = filter
        .view()
        .into_dimensionality::<Ix4>()
        .map_err(|_| OpError::Shape(format!("conv2d filter must have rank 4, got {:?}", filter.shape())))?;
    let (n, c, h, wd) = x.dim();
    let (f, cg, kh, kw) = w.dim();
    if groups == 0 || c % groups != 0 || f % groups != 0 || cg != c / groups {
        return Err(OpError::Shape(format!(
            "conv2d with {groups} group(s) cannot take input {:?} and filter {:?}",
            input.shape(),
            filter.shape()
        )));
    }
    let filters_per_group = f / groups;
    let (oh, ow) = (window.output_size(0, h, kh)?, window.output_size(1, wd, kw)?);
    // The input padded with zeros, as the definition reads it.
    let [top, left, bottom, right] = window.padding;
    let mut padded = Array4::from_elem((n, c, top + h + bottom, left + wd + right), T::ZERO);
    padded.slice_mut(s![.., .., top..top + h, left..left + wd]).assign(&x);
    let ([sh, sw], [dh, dw]) = (window.strides, window.dilations);
    let mut out = Array4::from_elem((n, f, oh, ow), T::ZERO);
    for b in 0..n {
        for o in 0..f {
            let group = o / filters_per_group;
            let taps = w.index_axis(Axis(0), o); // C/groups x KH x KW
            for y in 0..oh {
                for xo in 0..ow {
                    // The (dilated) window of this output in the padded
                    // input, over the group's channels: C/groups x KH x KW.
                    let window = padded.slice(s![
                        b,
                        group * cg..(group + 1) * cg,
                        y * sh..y * sh + (kh - 1) * dh + 1;dh,
                        xo * sw..xo * sw + (kw - 1) * dw + 1;dw
                    ]);
                    // Both iterate in row-major (c, ky, kx) order.
                    out[[b, o, y, xo]] =
                        window.iter().zip(taps.iter()).fold(T::ZERO, |sum, (&v, &t)| sum.add(v.mul(t)));
                }
            }
        }
    }
    Ok(out.into_dyn())
}
