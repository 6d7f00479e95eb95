//! Reductions along axes and softmax, as `linalg.generic`s with inits
//! filled with the reduction's identity.

use super::Lowered;
use super::{elementwise, int_width, zero};
use crate::conversion::ir_builder::{dim, identity_map, map, Builder, LoopKind, Number, TensorInfo};
use melior::ir::{AffineExpr, Type, Value};

/// -inf (floats) or the minimum integer of `element`.
pub(crate) fn lowest(element: Type, is_float: bool) -> Number {
    if is_float {
        return Number::Float(f64::NEG_INFINITY);
    }
    let width = int_width(element);
    Number::Int((-(1i128 << (width.clamp(1, 64) - 1))) as i64)
}

#[derive(Clone, Copy)]
pub(super) enum Reduction {
    Sum,
    Max,
}

/// Reduces `input` along `axes` into a tensor of `out`'s shape (keepdims or not).
pub(super) fn reduce<'c, 'a>(
    b: &Builder<'c, 'a>,
    input: Value<'c, 'a>,
    in_info: &TensorInfo<'c>,
    axes: &[i64],
    out: &TensorInfo<'c>,
    kind: Reduction,
) -> Value<'c, 'a> {
    let rank = in_info.rank();
    let keepdims = out.rank() == rank;
    let reduced = |d: usize| axes.contains(&(d as i64));
    let out_exprs: Vec<AffineExpr> = (0..rank)
        .filter_map(|d| match (reduced(d), keepdims) {
            (false, _) => Some(dim(b.context, d)),
            (true, true) => Some(AffineExpr::constant(b.context, 0)),
            (true, false) => None,
        })
        .collect();
    let iterators: Vec<LoopKind> =
        (0..rank).map(|d| if reduced(d) { LoopKind::Reduction } else { LoopKind::Parallel }).collect();
    let (t, is_float) = (out.element, out.is_float());
    let identity = match kind {
        Reduction::Sum => zero(b, out),
        Reduction::Max => b.scalar(lowest(t, is_float), t),
    };
    let init = b.filled(identity, &out.shape, t);
    let combine = match (kind, is_float) {
        (Reduction::Sum, true) => "arith.addf",
        (Reduction::Sum, false) => "arith.addi",
        (Reduction::Max, true) => "arith.maximumf",
        (Reduction::Max, false) => "arith.maxsi",
    };
    let maps = [identity_map(b.context, rank), map(b.context, rank, &out_exprs)];
    b.generic(&[input], init, &maps, &iterators, |body, args| {
        body.op(combine, &[args[1], args[0]], t, &[])
    })
}

/// exp(x - max) / sum(exp(x - max)) along `axis`, from generics.
pub(super) fn softmax<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, out: &TensorInfo<'c>, axis: i64) -> Lowered<'c, 'a> {
    let mut kept = out.shape.clone();
    kept[axis as usize] = 1;
    let kept = TensorInfo { shape: kept, element: out.element };
    let t = out.element;
    let max = reduce(b, input, out, &[axis], &kept, Reduction::Max);
    let exp = elementwise(b, &[input, max], out, |body, args| {
        let shifted = body.op("arith.subf", &[args[0], args[1]], t, &[]);
        body.op("math.exp", &[shifted], t, &[])
    })?;
    let sum = reduce(b, exp, out, &[axis], &kept, Reduction::Sum);
    elementwise(b, &[exp, sum], out, |body, args| body.op("arith.divf", &[args[0], args[1]], t, &[]))
}
