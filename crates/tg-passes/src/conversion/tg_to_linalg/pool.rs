//! Max and average pooling: `linalg.pooling_nchw_*`, or with
//! `conv-channels-last` `linalg.pooling_nhwc_*` between transposes (which
//! then fold into the neighbouring convolutions' instead of forcing the
//! activations back to NCHW); averages divided by the window size or by the
//! count of real elements.

use super::{info, pad_channels_last, transpose, Lowered, dense_pair, elementwise, lowest, pad_spatial, zero};
use crate::conversion::ir_builder::{Builder, Number, TensorInfo};
use melior::ir::Value;

/// A pool's window and where its input's channels are.
pub(super) struct Window<'w> {
    pub kernel: &'w [i64],
    pub strides: &'w [i64],
    pub dilations: &'w [i64],
    pub padding: &'w [i64],
    pub count_include_pad: bool,
    pub channels_last: bool,
}

pub(super) fn pool<'c, 'a>(b: &Builder<'c, 'a>, is_max: bool, input: Value<'c, 'a>, out: &TensorInfo<'c>, w: &Window) -> Lowered<'c, 'a> {
    if !w.channels_last {
        return pool_in(b, is_max, input, out, w);
    }
    let input = transpose(b, input, &[0, 2, 3, 1])?;
    let shape = vec![out.shape[0], out.shape[2], out.shape[3], out.shape[1]];
    let result = pool_in(b, is_max, input, &TensorInfo { shape, element: out.element }, w)?;
    transpose(b, result, &[0, 3, 1, 2])
}

/// The pool in the layout `w` says (`out` in that layout).
fn pool_in<'c, 'a>(b: &Builder<'c, 'a>, is_max: bool, input: Value<'c, 'a>, out: &TensorInfo<'c>, w: &Window) -> Lowered<'c, 'a> {
    let (kernel, padding, count_include_pad) = (w.kernel, w.padding, w.count_include_pad);
    let (t, is_float) = (out.element, out.is_float());
    let window = b.empty(kernel, t);
    let attrs = [("strides", dense_pair(b.context, w.strides)), ("dilations", dense_pair(b.context, w.dilations))];
    let (pad, max_op, sum_op) = if w.channels_last {
        (pad_channels_last as PadFn, "linalg.pooling_nhwc_max", "linalg.pooling_nhwc_sum")
    } else {
        (pad_spatial as PadFn, "linalg.pooling_nchw_max", "linalg.pooling_nchw_sum")
    };
    if is_max {
        let lowest = b.scalar(lowest(t, is_float), t);
        let padded = pad(b, input, padding, lowest)?;
        let init = b.filled(lowest, &out.shape, t);
        return Ok(b.named(max_op, &[padded, window], init, &attrs));
    }
    let zero = zero(b, out);
    let padded = pad(b, input, padding, zero)?;
    let init = b.filled(zero, &out.shape, t);
    let sums = b.named(sum_op, &[padded, window], init, &attrs);
    let (div, one) = if is_float { ("arith.divf", Number::Float(1.0)) } else { ("arith.divsi", Number::Int(1)) };
    if count_include_pad || padding.iter().all(|&p| p == 0) {
        let area = kernel[0] * kernel[1];
        let divisor = b.scalar(Number::count(area, is_float), t);
        return elementwise(b, &[sums], out, |body, args| body.op(div, &[args[0], divisor], t, &[]));
    }
    // Count the real elements of each window: sum-pool a tensor of ones padded with zeros.
    let ones = b.filled(b.scalar(one, t), &info(input)?.shape, t);
    let padded_ones = pad(b, ones, padding, zero)?;
    let init = b.filled(zero, &out.shape, t);
    let counts = b.named(sum_op, &[padded_ones, b.empty(kernel, t)], init, &attrs);
    elementwise(b, &[sums, counts], out, |body, args| body.op(div, &[args[0], args[1]], t, &[]))
}

/// Pads the spatial dimensions of a 4-D tensor in one layout.
type PadFn = for<'c, 'a> fn(&Builder<'c, 'a>, Value<'c, 'a>, &[i64], Value<'c, 'a>) -> Lowered<'c, 'a>;
