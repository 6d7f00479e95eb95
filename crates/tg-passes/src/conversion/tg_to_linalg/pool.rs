//! Max and average pooling over NCHW: `linalg.pooling_nchw_*`, averages
//! divided by the window size or by the count of real elements.

use super::{info, Lowered, dense_pair, elementwise, lowest, pad_spatial, zero};
use crate::conversion::ir_builder::{Builder, Number, TensorInfo};
use melior::ir::Value;

#[allow(clippy::too_many_arguments)]
pub(super) fn pool<'c, 'a>(
    b: &Builder<'c, 'a>,
    is_max: bool,
    input: Value<'c, 'a>,
    out: &TensorInfo<'c>,
    kernel: &[i64],
    strides: &[i64],
    padding: &[i64],
    count_include_pad: bool,
) -> Lowered<'c, 'a> {
    let (t, is_float) = (out.element, out.is_float());
    let window = b.empty(kernel, t);
    let attrs = [("strides", dense_pair(b.context, strides)), ("dilations", dense_pair(b.context, &[1, 1]))];
    if is_max {
        let lowest = b.scalar(lowest(t, is_float), t);
        let padded = pad_spatial(b, input, padding, lowest)?;
        let init = b.filled(lowest, &out.shape, t);
        return Ok(b.named("linalg.pooling_nchw_max", &[padded, window], init, &attrs));
    }
    let zero = zero(b, out);
    let padded = pad_spatial(b, input, padding, zero)?;
    let init = b.filled(zero, &out.shape, t);
    let sums = b.named("linalg.pooling_nchw_sum", &[padded, window], init, &attrs);
    let (div, one) = if is_float { ("arith.divf", Number::Float(1.0)) } else { ("arith.divsi", Number::Int(1)) };
    if count_include_pad || padding.iter().all(|&p| p == 0) {
        let area = kernel[0] * kernel[1];
        let divisor = b.scalar(Number::count(area, is_float), t);
        return elementwise(b, &[sums], out, |body, args| body.op(div, &[args[0], divisor], t, &[]));
    }
    // Count the real elements of each window: sum-pool a tensor of ones padded with zeros.
    let ones = b.filled(b.scalar(one, t), &info(input)?.shape, t);
    let padded_ones = pad_spatial(b, ones, padding, zero)?;
    let init = b.filled(zero, &out.shape, t);
    let counts = b.named("linalg.pooling_nchw_sum", &[padded_ones, b.empty(kernel, t)], init, &attrs);
    elementwise(b, &[sums, counts], out, |body, args| body.op(div, &[args[0], args[1]], t, &[]))
}
