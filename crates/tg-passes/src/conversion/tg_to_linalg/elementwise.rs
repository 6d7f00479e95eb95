//! Elementwise ops (unary, binary with broadcasting, cast, clip's body):
//! one `linalg.generic` each, a scalar body per element type.

use super::{info, Lowered};
use crate::conversion::ir_builder::{broadcast_map, identity_map, parallel, BodyBuilder, Builder, Number, TensorInfo};
use melior::ir::{Type, Value};
use tg_dialect::TgOp;

/// An elementwise `linalg.generic` over `out`'s shape, broadcasting inputs.
pub(super) fn elementwise<'c, 'a>(
    b: &Builder<'c, 'a>,
    inputs: &[Value<'c, 'a>],
    out: &TensorInfo<'c>,
    body: impl for<'x> FnOnce(&BodyBuilder<'c, 'x>, &[Value<'c, 'x>]) -> Value<'c, 'x>,
) -> Lowered<'c, 'a> {
    let mut maps = Vec::new();
    for input in inputs {
        maps.push(broadcast_map(b.context, &info(*input)?.shape, &out.shape));
    }
    maps.push(identity_map(b.context, out.rank()));
    let init = b.empty(&out.shape, out.element);
    Ok(b.generic(inputs, init, &maps, &parallel(out.rank()), body))
}

pub(super) fn binary<'c, 'b>(body: &BodyBuilder<'c, 'b>, kind: TgOp, lhs: Value<'c, '_>, rhs: Value<'c, '_>, out: &TensorInfo<'c>) -> Value<'c, 'b> {
    let name = match (kind, out.is_float()) {
        (TgOp::Add, true) => "arith.addf",
        (TgOp::Sub, true) => "arith.subf",
        (TgOp::Mul, true) => "arith.mulf",
        (TgOp::Div, true) => "arith.divf",
        (TgOp::Max, true) => "arith.maximumf",
        (TgOp::Min, true) => "arith.minimumf",
        (TgOp::Pow, true) => "math.powf",
        (TgOp::Add, false) => "arith.addi",
        (TgOp::Sub, false) => "arith.subi",
        (TgOp::Mul, false) => "arith.muli",
        (TgOp::Div, false) => "arith.divsi",
        (TgOp::Max, false) => "arith.maxsi",
        (TgOp::Min, false) => "arith.minsi",
        (TgOp::Pow, false) => "math.ipowi",
        _ => unreachable!("`lower` passes binary ops only"),
    };
    body.op(name, &[lhs, rhs], out.element, &[])
}

pub(super) fn unary<'c, 'b>(body: &BodyBuilder<'c, 'b>, kind: TgOp, x: Value<'c, '_>, out: &TensorInfo<'c>) -> Value<'c, 'b> {
    let t = out.element;
    if !out.is_float() {
        let zero = body.constant(Number::Int(0), t);
        return match kind {
            TgOp::Neg => body.op("arith.subi", &[zero, x], t, &[]),
            // max(x, 0 - x), wrapping at MIN like `math.absi`, whose LLVM
            // lowering rejects the 2-D vectors tg-schedule makes.
            TgOp::Abs => {
                let negated = body.op("arith.subi", &[zero, x], t, &[]);
                body.op("arith.maxsi", &[x, negated], t, &[])
            }
            _ => body.op("arith.maxsi", &[x, zero], t, &[]),
        };
    }
    match kind {
        TgOp::Neg => body.op("arith.negf", &[x], t, &[]),
        TgOp::Abs => body.op("math.absf", &[x], t, &[]),
        TgOp::Relu => {
            let zero = body.constant(Number::Float(0.0), t);
            body.op("arith.maximumf", &[x, zero], t, &[])
        }
        TgOp::Sigmoid => {
            let one = body.constant(Number::Float(1.0), t);
            let neg = body.op("arith.negf", &[x], t, &[]);
            let exp = body.op("math.exp", &[neg], t, &[]);
            let den = body.op("arith.addf", &[one, exp], t, &[]);
            body.op("arith.divf", &[one, den], t, &[])
        }
        TgOp::Exp => body.op("math.exp", &[x], t, &[]),
        TgOp::Log => body.op("math.log", &[x], t, &[]),
        TgOp::Tanh => body.op("math.tanh", &[x], t, &[]),
        TgOp::Sqrt => body.op("math.sqrt", &[x], t, &[]),
        TgOp::Rsqrt => body.op("math.rsqrt", &[x], t, &[]),
        TgOp::Erf => body.op("math.erf", &[x], t, &[]),
        _ => unreachable!("`lower` passes unary ops only"),
    }
}

/// The width of an integer type; 64 for anything else (the verifier makes
/// every non-float tg element an integer, so that is never reached).
pub(super) fn int_width(t: Type) -> u32 {
    melior::ir::r#type::IntegerType::try_from(t).map_or(64, |i| i.width())
}

pub(super) fn cast<'c, 'b>(body: &BodyBuilder<'c, 'b>, x: Value<'c, '_>, from: &TensorInfo<'c>, to: &TensorInfo<'c>) -> Value<'c, 'b> {
    let t = to.element;
    match (from.is_float(), to.is_float()) {
        (true, true) => {
            let (a, b) = (from.element.float_width(), to.element.float_width());
            match a.cmp(&b) {
                std::cmp::Ordering::Less => body.op("arith.extf", &[x], t, &[]),
                std::cmp::Ordering::Greater => body.op("arith.truncf", &[x], t, &[]),
                // Same width, other format (f16 <-> bf16): through f32.
                std::cmp::Ordering::Equal if from.element != to.element => {
                    let f32 = Type::float32(body.context);
                    let wide = body.op("arith.extf", &[x], f32, &[]);
                    body.op("arith.truncf", &[wide], t, &[])
                }
                std::cmp::Ordering::Equal => body.op("arith.addf", &[x, body.constant(Number::Float(-0.0), t)], t, &[]),
            }
        }
        (true, false) => body.op("arith.fptosi", &[x], t, &[]),
        (false, true) => body.op("arith.sitofp", &[x], t, &[]),
        (false, false) => match int_width(from.element).cmp(&int_width(t)) {
            std::cmp::Ordering::Less => body.op("arith.extsi", &[x], t, &[]),
            std::cmp::Ordering::Greater => body.op("arith.trunci", &[x], t, &[]),
            std::cmp::Ordering::Equal => body.op("arith.addi", &[x, body.constant(Number::Int(0), t)], t, &[]),
        },
    }
}
