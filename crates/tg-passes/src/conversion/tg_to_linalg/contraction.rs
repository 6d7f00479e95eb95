//! Contractions and convolutions: named linalg ops where upstream has them
//! (`linalg.matmul`, `batch_matmul`, `conv_2d_*`), exact `linalg.generic`s
//! otherwise (broadcast batch dims, grouped convolutions).

use super::{extract_slice, info, insert_slice, reshape, Lowered, pad_channels_last, pad_spatial, transpose, Config};
use crate::conversion::ir_builder::{dense_i64, dim, map, parallel, BodyBuilder, Builder, LoopKind, Number, TensorInfo};
use melior::ir::{AffineExpr, Attribute, Value};

pub(super) fn zero<'c, 'a>(b: &Builder<'c, 'a>, t: &TensorInfo<'c>) -> Value<'c, 'a> {
    b.scalar(Number::zero(t.is_float()), t.element)
}

pub(super) fn matmul<'c, 'a>(b: &Builder<'c, 'a>, lhs: Value<'c, 'a>, rhs: Value<'c, 'a>, out: &TensorInfo<'c>) -> Lowered<'c, 'a> {
    let (l, r) = (info(lhs)?, info(rhs)?);
    let init = b.filled(zero(b, out), &out.shape, out.element);
    if l.rank() == 2 && r.rank() == 2 {
        return Ok(b.named("linalg.matmul", &[lhs, rhs], init, &[]));
    }
    if l.rank() == 3 && r.rank() == 3 && l.shape[0] == r.shape[0] {
        return Ok(b.named("linalg.batch_matmul", &[lhs, rhs], init, &[]));
    }
    // General case: batch dims broadcast; loops (batch..., m, n, k).
    let batch = out.rank() - 2;
    let rank = out.rank() + 1;
    let c = b.context;
    let (m, n, k) = (dim(c, batch), dim(c, batch + 1), dim(c, batch + 2));
    let batch_exprs = |shape: &[i64]| -> Vec<AffineExpr> {
        let own = shape.len() - 2;
        (0..own)
            .map(|j| {
                let d = j + batch - own;
                if shape[j] == 1 && out.shape[d] != 1 { AffineExpr::constant(c, 0) } else { dim(c, d) }
            })
            .collect()
    };
    let mut lhs_exprs = batch_exprs(&l.shape);
    lhs_exprs.extend([m, k]);
    let mut rhs_exprs = batch_exprs(&r.shape);
    rhs_exprs.extend([k, n]);
    let mut out_exprs: Vec<AffineExpr> = (0..batch).map(|d| dim(c, d)).collect();
    out_exprs.extend([m, n]);
    let mut iterators = parallel(rank - 1);
    iterators.push(LoopKind::Reduction);
    let maps = [map(c, rank, &lhs_exprs), map(c, rank, &rhs_exprs), map(c, rank, &out_exprs)];
    Ok(b.generic(&[lhs, rhs], init, &maps, &iterators, |body, args| multiply_accumulate(body, args, out)))
}

/// `out + lhs * rhs`: the body of every contraction (`args` = lhs, rhs, out).
pub(super) fn multiply_accumulate<'c, 'b>(body: &BodyBuilder<'c, 'b>, args: &[Value<'c, 'b>], out: &TensorInfo<'c>) -> Value<'c, 'b> {
    let (mul, add) = if out.is_float() { ("arith.mulf", "arith.addf") } else { ("arith.muli", "arith.addi") };
    let product = body.op(mul, &[args[0], args[1]], out.element, &[]);
    body.op(add, &[args[2], product], out.element, &[])
}

/// `dense<[a, b]> : tensor<2xi64>`: a convolution's strides or dilations.
pub(super) fn dense_pair<'c>(context: &'c melior::Context, values: &[i64]) -> Attribute<'c> {
    dense_i64(context, values)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn conv2d<'c, 'a>(
    b: &Builder<'c, 'a>,
    config: Config,
    input: Value<'c, 'a>,
    filter: Value<'c, 'a>,
    out: &TensorInfo<'c>,
    strides: &[i64],
    dilations: &[i64],
    padding: &[i64],
    groups: i64,
) -> Lowered<'c, 'a> {
    let attrs = [("strides", dense_pair(b.context, strides)), ("dilations", dense_pair(b.context, dilations))];
    if groups > 1 && config.conv_channels_last {
        return grouped_conv_channels_last(b, input, filter, out, padding, groups, &attrs);
    }
    if groups == 1 && config.conv_channels_last {
        // NCHW -> NHWC, FCHW -> HWCF, and the NHWF result back to NCHW. The
        // input is padded after its transpose, so that elementwise fusion
        // can fold this transpose into the producer's (a preceding
        // convolution's NHWC -> NCHW epilogue): between two convolutions
        // the activations then stay channels-last.
        let input = transpose(b, input, &[0, 2, 3, 1])?;
        let input = pad_channels_last(b, input, padding, zero(b, out))?;
        let filter = transpose(b, filter, &[2, 3, 1, 0])?;
        let shape = [out.shape[0], out.shape[2], out.shape[3], out.shape[1]];
        let init = b.filled(zero(b, out), &shape, out.element);
        let result = b.named("linalg.conv_2d_nhwc_hwcf", &[input, filter], init, &attrs);
        return transpose(b, result, &[0, 3, 1, 2]);
    }
    let padded = pad_spatial(b, input, padding, zero(b, out))?;
    let init = b.filled(zero(b, out), &out.shape, out.element);
    if groups == 1 {
        return Ok(b.named("linalg.conv_2d_nchw_fchw", &[padded, filter], init, &attrs));
    }
    // Grouped: loops (n, f, oh, ow, c, kh, kw); filter f reads channels of its group.
    let (f_total, c_per_group) = (info(filter)?.shape[0], info(filter)?.shape[1]);
    let f_per_group = f_total / groups;
    let c = b.context;
    let d = |i| dim(c, i);
    let k = |v| AffineExpr::constant(c, v);
    let input_map = map(
        c,
        7,
        &[
            d(0),
            AffineExpr::floor_div(d(1), k(f_per_group)) * k(c_per_group) + d(4),
            d(2) * k(strides[0]) + d(5) * k(dilations[0]),
            d(3) * k(strides[1]) + d(6) * k(dilations[1]),
        ],
    );
    let maps = [input_map, map(c, 7, &[d(1), d(4), d(5), d(6)]), map(c, 7, &[d(0), d(1), d(2), d(3)])];
    let (p, r) = (LoopKind::Parallel, LoopKind::Reduction);
    let iterators = [p, p, p, p, r, r, r];
    Ok(b.generic(&[padded, filter], init, &maps, &iterators, |body, args| multiply_accumulate(body, args, out)))
}

/// A grouped convolution channels-last: depthwise (one filter per channel)
/// as `linalg.depthwise_conv_2d_nhwc_hwc`, else one `conv_2d_nhwc_hwcf` per
/// group on its slice of the channels and filters, the results inserted
/// side by side. Either way tg-schedule convolves them directly, where the
/// generic form of a grouped convolution stayed scalar loops.
#[allow(clippy::too_many_arguments)]
fn grouped_conv_channels_last<'c, 'a>(
    b: &Builder<'c, 'a>,
    input: Value<'c, 'a>,
    filter: Value<'c, 'a>,
    out: &TensorInfo<'c>,
    padding: &[i64],
    groups: i64,
    attrs: &[(&str, Attribute<'c>)],
) -> Lowered<'c, 'a> {
    let input = transpose(b, input, &[0, 2, 3, 1])?;
    let input = pad_channels_last(b, input, padding, zero(b, out))?;
    let padded = info(input)?.shape;
    let fshape = info(filter)?.shape;
    let (filters, c_per_group, kh, kw) = (fshape[0], fshape[1], fshape[2], fshape[3]);
    let (n, oh, ow) = (out.shape[0], out.shape[2], out.shape[3]);
    let f_per_group = filters / groups;
    let result_shape = [n, oh, ow, filters];
    if c_per_group == 1 && f_per_group == 1 {
        // [C, 1, KH, KW] -> [KH, KW, C].
        let filter = reshape(b, filter, &[filters, kh, kw])?;
        let filter = transpose(b, filter, &[1, 2, 0])?;
        let init = b.filled(zero(b, out), &result_shape, out.element);
        let result = b.named("linalg.depthwise_conv_2d_nhwc_hwc", &[input, filter], init, attrs);
        return transpose(b, result, &[0, 3, 1, 2]);
    }
    let filter = transpose(b, filter, &[2, 3, 1, 0])?;
    let mut result = b.empty(&result_shape, out.element);
    for g in 0..groups {
        let x = extract_slice(b, input, &[0, 0, 0, g * c_per_group], &[padded[0], padded[1], padded[2], c_per_group])?;
        let w = extract_slice(b, filter, &[0, 0, 0, g * f_per_group], &[kh, kw, c_per_group, f_per_group])?;
        let init = b.filled(zero(b, out), &[n, oh, ow, f_per_group], out.element);
        let piece = b.named("linalg.conv_2d_nhwc_hwcf", &[x, w], init, attrs);
        result = insert_slice(b, piece, result, &[0, 0, 0, g * f_per_group])?;
    }
    transpose(b, result, &[0, 3, 1, 2])
}
