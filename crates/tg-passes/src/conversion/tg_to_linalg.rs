//! `tg-to-linalg`: lowers every `tg` op to upstream `linalg` on tensors.
//!
//! Accepts: functions whose `tg` ops have static shapes and f16/bf16/f32/f64
//! or signless integer elements (what the `tg` verifier already demands).
//! Produces: named linalg ops where upstream has them (`linalg.matmul`,
//! `linalg.batch_matmul`, `linalg.conv_2d_nchw_fchw`, `linalg.pooling_nchw_*`),
//! or with `conv-channels-last` a `linalg.conv_2d_nhwc_hwcf` between
//! transposes of its operands and result (the layout a direct convolution
//! vectorizes along filters in; the transposes fold into neighbouring ops),
//! `linalg.generic` with exact indexing maps otherwise, and `tensor` ops for
//! reshape, slice, concat and pad. Every accumulation starts from an init
//! filled with the reduction's identity (0 for sums, -inf for max).
//! A `tg.fused` is lowered body first, then inlined in its place; every op
//! its body became carries `tg.group = N : i64` (N unique in the function),
//! so a later loop-level schedule can tile and fuse each group as one nest.
//! Guarantees: after the pass no `tg` op remains, or the pass failed with an
//! error on the op it could not lower.

use tg_dialect::ir::context::with_context;
use crate::pipeline::catalog::PassInfo;
use crate::conversion::ir_builder::{
    broadcast_map, dense_i64, dim, i64_array, identity_map, map, parallel, segments, BodyBuilder, Builder, LoopKind,
    Number, TensorInfo,
};
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use melior::ir::attribute::{DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{AffineExpr, Attribute, Block, OperationRef, Region, RegionLike, Type, Value, ValueLike};
use melior::pass::{ExternalPass, Pass};
use melior::dialect::DialectHandle;
use tg_dialect::ir::diagnostics::emit_error;
use tg_dialect::ir::context::Upstream;
use tg_dialect::ir::edit;
use tg_dialect::ir::walk::{self, Visit};
use tg_dialect::TgOp;

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-to-linalg",
        summary: "Lower tg ops to linalg, tensor and arith on tensors",
        description: "Lowers every tg op to named linalg ops where upstream has them, linalg.generic \
                      with exact indexing maps otherwise, and tensor ops for data movement.",
        anchor: "func.func",
        options: ToLinalgOptions::INFO,
    },
    create,
};

crate::pass_options! {
    /// How `tg-to-linalg` lowers.
    pub struct ToLinalgOptions {
        /// Lower tg.conv2d (groups = 1) to linalg.conv_2d_nhwc_hwcf between transposes, not conv_2d_nchw_fchw
        conv_channels_last: bool = "false" as "conv-channels-last",
    }
}

/// How `tg` ops are lowered (the pass's options).
#[derive(Clone, Copy)]
struct Config {
    conv_channels_last: bool,
}

static ID: PassId = PassId;

fn create(values: &OptionValues) -> Pass {
    let config = Config { conv_channels_last: ToLinalgOptions::from_values(values).conv_channels_last };
    // SAFETY: the handle functions return pointers to static tables.
    let math = Upstream::Math.handle();
    let dialects = [DialectHandle::linalg(), DialectHandle::tensor(), DialectHandle::arith(), math];
    PASS.external(
        &ID,
        "TgToLinalg",
        &dialects,
        move |op: OperationRef, external: ExternalPass| {
            if !lower_function(op, config) {
                external.signal_failure();
            }
        },
    )
}

/// Lowers every tg op in `func`; false (after an error on the op) if one cannot be.
fn lower_function(func: OperationRef, config: Config) -> bool {
    let mut groups = 0;
    with_context(func.context(), |context| lower_all(context, config, tg_ops_in(func), &mut groups))
}

/// A tg op to lower: an op on its own, or a `tg.fused` with its body.
enum Item<'c, 'a> {
    Op(OperationRef<'c, 'a>),
    Group(OperationRef<'c, 'a>),
}

/// The tg ops inside `root`'s regions, in walk order. A `tg.fused` is one
/// item: its body is lowered with it.
fn tg_ops_in<'c, 'a>(root: OperationRef<'c, 'a>) -> Vec<Item<'c, 'a>> {
    let ops = walk::collect(root, |op| match op.name().as_string_ref().as_str() {
        Ok("tg.fused") => Visit::TakeWhole,
        // Goes with its tg.fused.
        Ok("tg.yield") => Visit::Continue,
        // Only tg.fused has regions in verified IR; unverified input
        // (--mlir-very-unsafe-disable-verifier-on-parsing) may give another
        // tg op some: its nested ops go with it when it is erased, so they
        // are not collected.
        Ok(name) if name.starts_with("tg.") => {
            if op.region_count() > 0 {
                Visit::TakeWhole
            } else {
                Visit::Take
            }
        }
        _ => Visit::Continue,
    });
    ops.into_iter()
        .map(|op| if op.name().as_string_ref().as_str() == Ok("tg.fused") { Item::Group(op) } else { Item::Op(op) })
        .collect()
}

/// Lowers `items` in order. Each is still live when its turn comes:
/// lowering an item erases only that op, and in verified IR no tg op but
/// `tg.fused` (one item, body and all) has regions.
fn lower_all(context: &melior::Context, config: Config, items: Vec<Item>, groups: &mut i64) -> bool {
    for item in items {
        let lowered = match item {
            Item::Op(op) => lower_op(context, config, op),
            Item::Group(fused) => lower_group(context, config, fused, groups),
        };
        if !lowered {
            return false;
        }
    }
    true
}

/// Lowers one tg op (not `tg.fused`) and erases it.
fn lower_op(context: &melior::Context, config: Config, op: OperationRef) -> bool {
    let name = op.name().as_string_ref().as_str().unwrap_or("?").to_string();
    let lowered = TgOp::of(&op)
        .ok_or_else(|| "it is not a tg op".to_string())
        .and_then(|tg_op| {
            let b = Builder::before(context, op).ok_or_else(|| "op is not in a block".to_string())?;
            lower(&b, config, op, tg_op)
        });
    match lowered {
        Ok(value) => {
            // Its uses move to `value`; then it is erased, and `lower_all`
            // does not revisit it.
            if let Ok(result) = op.result(0) {
                edit::replace_all_uses(result.into(), value);
            }
            edit::erase(op);
            true
        }
        Err(message) => {
            emit_error(op.location(), &format!("'{name}' op cannot be lowered to linalg: {message}"));
            false
        }
    }
}

/// The discardable attribute naming the group an op was lowered from, so a
/// loop-level schedule can tile and fuse each group into one loop nest.
pub const GROUP_ATTRIBUTE: &str = "tg.group";

/// Lowers a `tg.fused`: its body ops in place, each op left in the body
/// tagged `tg.group = N` (N counts the function's groups from 0), then
/// inlines the body in place of the op, its results replaced by the yielded
/// values.
fn lower_group(context: &melior::Context, config: Config, fused: OperationRef, groups: &mut i64) -> bool {
    let id = *groups;
    *groups += 1;
    if !lower_all(context, config, tg_ops_in(fused), groups) {
        return false;
    }
    let Some(body) = fused.region(0).ok().and_then(|r| r.first_block()) else {
        emit_error(fused.location(), "'tg.fused' op cannot be lowered to linalg: it has no body");
        return false;
    };
    let Some(terminator) = body.terminator() else {
        emit_error(fused.location(), "'tg.fused' op cannot be lowered to linalg: its body has no terminator");
        return false;
    };
    if body.argument_count() != fused.operand_count() || terminator.operand_count() != fused.result_count() {
        emit_error(fused.location(), "'tg.fused' op cannot be lowered to linalg: its body does not match its operands and results");
        return false;
    }
    let tag: melior::ir::Attribute = IntegerAttribute::new(melior::ir::r#type::IntegerType::new(context, 64).into(), id).into();
    let mut next = body.first_operation();
    while let Some(op) = next {
        next = op.next_in_block();
        if op == terminator {
            break;
        }
        // `next` is read before `op` moves; an op of a nested group keeps
        // the tag of its own (inner) group.
        if op.discardable_attribute(GROUP_ATTRIBUTE).is_err() {
            edit::set_discardable_attribute(op, GROUP_ATTRIBUTE, tag);
        }
        edit::move_before(op, fused);
    }
    // Counts were checked above; arguments are replaced before results (so a
    // yielded argument becomes its operand); then nothing uses `fused` or its
    // body, and it is erased last.
    for i in 0..body.argument_count() {
        let (Ok(argument), Ok(operand)) = (body.argument(i), fused.operand(i)) else { return false };
        edit::replace_all_uses(argument.into(), operand);
    }
    for i in 0..fused.result_count() {
        let (Ok(result), Ok(yielded)) = (fused.result(i), terminator.operand(i)) else { return false };
        edit::replace_all_uses(result.into(), yielded);
    }
    edit::erase(fused);
    true
}

type Lowered<'c, 'a> = Result<Value<'c, 'a>, String>;

fn info<'c>(value: Value<'c, '_>) -> Result<TensorInfo<'c>, String> {
    TensorInfo::of(value.r#type()).ok_or_else(|| format!("{} is not a statically shaped tensor", value.r#type()))
}

fn ints(op: OperationRef, name: &str) -> Option<Vec<i64>> {
    let attr = DenseI64ArrayAttribute::try_from(op.attribute(name).ok()?).ok()?;
    (0..attr.len()).map(|i| attr.element(i).ok()).collect()
}

fn int(op: OperationRef, name: &str) -> Option<i64> {
    IntegerAttribute::try_from(op.attribute(name).ok()?).ok().map(|a| a.value())
}

/// One arm per tg op: an op added to ODS does not compile until it has one.
fn lower<'c, 'a>(b: &Builder<'c, 'a>, config: Config, op: OperationRef<'c, 'a>, tg_op: TgOp) -> Lowered<'c, 'a> {
    let operand = |i: usize| op.operand(i).map_err(|_| format!("missing operand {i}"));
    let out = info(op.result(0).map_err(|_| "no result".to_string())?.into())?;
    let attr_list = |key: &str| ints(op, key).ok_or_else(|| format!("missing attribute '{key}'"));
    match tg_op {
        TgOp::Constant => {
            let value = op.attribute("value").map_err(|_| "missing attribute 'value'")?;
            let new = b.op("arith.constant", &[], &[b.tensor_type(&out.shape, out.element)], &[], vec![]);
            edit::set_attribute(new, "value", value);
            Ok(Builder::result(new))
        }
        TgOp::Add | TgOp::Sub | TgOp::Mul | TgOp::Div | TgOp::Max | TgOp::Min | TgOp::Pow => {
            elementwise(b, &[operand(0)?, operand(1)?], &out, |body, args| binary(body, tg_op, args[0], args[1], &out))
        }
        TgOp::Neg
        | TgOp::Abs
        | TgOp::Relu
        | TgOp::Exp
        | TgOp::Log
        | TgOp::Tanh
        | TgOp::Sigmoid
        | TgOp::Sqrt
        | TgOp::Rsqrt
        | TgOp::Erf => {
            elementwise(b, &[operand(0)?], &out, |body, args| unary(body, tg_op, args[0], &out))
        }
        TgOp::Clip => {
            let bound = |key: &str| {
                op.attribute(key)
                    .ok()
                    .and_then(|a| FloatAttribute::try_from(a).ok())
                    .map(|a| a.value())
                    .ok_or_else(|| format!("missing attribute '{key}'"))
            };
            let (min, max) = (bound("min")?, bound("max")?);
            let (low, high) = (Number::of(min, out.is_float()), Number::of(max, out.is_float()));
            let (lower_op, upper_op) =
                if out.is_float() { ("arith.maximumf", "arith.minimumf") } else { ("arith.maxsi", "arith.minsi") };
            elementwise(b, &[operand(0)?], &out, |body, args| {
                let (low, high) = (body.constant(low, out.element), body.constant(high, out.element));
                let raised = body.op(lower_op, &[args[0], low], out.element, &[]);
                body.op(upper_op, &[raised, high], out.element, &[])
            })
        }
        TgOp::Cast => {
            let input = info(operand(0)?)?;
            elementwise(b, &[operand(0)?], &out, |body, args| cast(body, args[0], &input, &out))
        }
        TgOp::Matmul => matmul(b, operand(0)?, operand(1)?, &out),
        TgOp::Conv2D => conv2d(
            b,
            config,
            operand(0)?,
            operand(1)?,
            &out,
            &attr_list("strides")?,
            &attr_list("dilations")?,
            &attr_list("padding")?,
            int(op, "groups").unwrap_or(1),
        ),
        TgOp::MaxPool2D | TgOp::AvgPool2D => pool(
            b,
            tg_op == TgOp::MaxPool2D,
            operand(0)?,
            &out,
            &attr_list("kernel")?,
            &attr_list("strides")?,
            &attr_list("padding")?,
            op.has_attribute("count_include_pad"),
        ),
        TgOp::Transpose => transpose(b, operand(0)?, &attr_list("perm")?),
        TgOp::BroadcastTo => {
            let input = info(operand(0)?)?;
            let init = b.empty(&out.shape, out.element);
            let maps = [broadcast_map(b.context, &input.shape, &out.shape), identity_map(b.context, out.rank())];
            Ok(b.generic(&[operand(0)?], init, &maps, &parallel(out.rank()), |_, args| args[0]))
        }
        TgOp::Reshape => {
            let i64_type = melior::ir::r#type::IntegerType::new(b.context, 64).into();
            let shape_type = b.tensor_type(&[out.rank() as i64], i64_type);
            let shape = Builder::result(b.op(
                "arith.constant",
                &[],
                &[shape_type],
                &[("value", dense_i64(b.context, &out.shape))],
                vec![],
            ));
            Ok(Builder::result(b.op("tensor.reshape", &[operand(0)?, shape], &[b.tensor_type(&out.shape, out.element)], &[], vec![])))
        }
        TgOp::Slice => {
            let offsets = attr_list("offsets")?;
            let sizes = attr_list("sizes")?;
            let strides = ints(op, "strides").unwrap_or_else(|| vec![1; sizes.len()]);
            // melior's generated `tensor::extract_slice` builder leaves
            // `source` out of operandSegmentSizes, so the op is built generically.
            Ok(Builder::result(b.op(
                "tensor.extract_slice",
                &[operand(0)?],
                &[b.tensor_type(&out.shape, out.element)],
                &[
                    ("operandSegmentSizes", segments(b.context, &[1, 0, 0, 0])),
                    ("static_offsets", i64_array(b.context, &offsets)),
                    ("static_sizes", i64_array(b.context, &sizes)),
                    ("static_strides", i64_array(b.context, &strides)),
                ],
                vec![],
            )))
        }
        TgOp::Concat => {
            let axis = int(op, "axis").ok_or("missing attribute 'axis'")? as usize;
            let mut result = b.empty(&out.shape, out.element);
            let mut offset = 0;
            for i in 0..op.operand_count() {
                let piece = operand(i)?;
                let shape = info(piece)?.shape;
                let mut offsets = vec![0; shape.len()];
                offsets[axis] = offset;
                offset += shape[axis];
                if shape.contains(&0) {
                    // Nothing to insert (and an offset at the end of the
                    // axis is out of bounds for tensor.insert_slice).
                    continue;
                }
                // Built generically, as tensor.extract_slice is (see there).
                result = Builder::result(b.op(
                    "tensor.insert_slice",
                    &[piece, result],
                    &[b.tensor_type(&out.shape, out.element)],
                    &[
                        ("operandSegmentSizes", segments(b.context, &[1, 1, 0, 0, 0])),
                        ("static_offsets", i64_array(b.context, &offsets)),
                        ("static_sizes", i64_array(b.context, &shape)),
                        ("static_strides", i64_array(b.context, &vec![1; shape.len()])),
                    ],
                    vec![],
                ));
            }
            Ok(result)
        }
        TgOp::Pad => {
            let value = op
                .attribute("value")
                .ok()
                .and_then(|a| FloatAttribute::try_from(a).ok())
                .map(|a| a.value())
                .unwrap_or(0.0);
            let fill = b.scalar(Number::of(value, out.is_float()), out.element);
            Ok(pad(b, operand(0)?, fill, &attr_list("low")?, &attr_list("high")?, &out))
        }
        TgOp::ReduceSum | TgOp::ReduceMax | TgOp::ReduceMean => {
            let input = info(operand(0)?)?;
            let axes = attr_list("axes")?;
            let kind = if tg_op == TgOp::ReduceMax { Reduction::Max } else { Reduction::Sum };
            let reduced = reduce(b, operand(0)?, &input, &axes, &out, kind);
            if tg_op != TgOp::ReduceMean {
                return Ok(reduced);
            }
            let count: i64 = axes.iter().map(|&a| input.shape[a as usize]).product();
            let divisor = b.scalar(Number::count(count, out.is_float()), out.element);
            let element = out.element;
            let is_float = out.is_float();
            elementwise(b, &[reduced], &out, |body, args| {
                body.op(if is_float { "arith.divf" } else { "arith.divsi" }, &[args[0], divisor], element, &[])
            })
        }
        TgOp::Softmax => {
            let axis = int(op, "axis").ok_or("missing attribute 'axis'")?;
            softmax(b, operand(0)?, &out, axis)
        }
        // Lowered with their group (`lower_group`), never alone.
        TgOp::Fused | TgOp::Yield => Err("it is lowered with its tg.fused group only".into()),
    }
}

/// -inf (floats) or the minimum integer of `element`.
pub(crate) fn lowest(element: Type, is_float: bool) -> Number {
    if is_float {
        return Number::Float(f64::NEG_INFINITY);
    }
    let width = int_width(element);
    Number::Int((-(1i128 << (width.clamp(1, 64) - 1))) as i64)
}

/// An elementwise `linalg.generic` over `out`'s shape, broadcasting inputs.
fn elementwise<'c, 'a>(
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

fn binary<'c, 'b>(body: &BodyBuilder<'c, 'b>, kind: TgOp, lhs: Value<'c, '_>, rhs: Value<'c, '_>, out: &TensorInfo<'c>) -> Value<'c, 'b> {
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

fn unary<'c, 'b>(body: &BodyBuilder<'c, 'b>, kind: TgOp, x: Value<'c, '_>, out: &TensorInfo<'c>) -> Value<'c, 'b> {
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
fn int_width(t: Type) -> u32 {
    melior::ir::r#type::IntegerType::try_from(t).map_or(64, |i| i.width())
}

fn cast<'c, 'b>(body: &BodyBuilder<'c, 'b>, x: Value<'c, '_>, from: &TensorInfo<'c>, to: &TensorInfo<'c>) -> Value<'c, 'b> {
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

fn zero<'c, 'a>(b: &Builder<'c, 'a>, t: &TensorInfo<'c>) -> Value<'c, 'a> {
    b.scalar(Number::zero(t.is_float()), t.element)
}

fn matmul<'c, 'a>(b: &Builder<'c, 'a>, lhs: Value<'c, 'a>, rhs: Value<'c, 'a>, out: &TensorInfo<'c>) -> Lowered<'c, 'a> {
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
fn multiply_accumulate<'c, 'b>(body: &BodyBuilder<'c, 'b>, args: &[Value<'c, 'b>], out: &TensorInfo<'c>) -> Value<'c, 'b> {
    let (mul, add) = if out.is_float() { ("arith.mulf", "arith.addf") } else { ("arith.muli", "arith.addi") };
    let product = body.op(mul, &[args[0], args[1]], out.element, &[]);
    body.op(add, &[args[2], product], out.element, &[])
}

/// `tensor.pad` of `input` with `fill` by `low`/`high` elements per dimension.
fn pad<'c, 'a>(
    b: &Builder<'c, 'a>,
    input: Value<'c, 'a>,
    fill: Value<'c, 'a>,
    low: &[i64],
    high: &[i64],
    out: &TensorInfo<'c>,
) -> Value<'c, 'a> {
    let empty_input = TensorInfo::of(input.r#type()).is_some_and(|t| t.shape.contains(&0));
    if empty_input {
        // All padding: tensor.pad of an empty tensor bufferizes to an
        // out-of-bounds subview.
        return b.filled(fill, &out.shape, out.element);
    }
    let index = Type::index(b.context);
    let block = Block::new(&vec![(index, b.location); low.len()]);
    block.append_operation(
        melior::ir::operation::OperationBuilder::new("tensor.yield", b.location)
            .add_operands(&[fill])
            .build()
            .expect("valid tensor.yield"),
    );
    let region = Region::new();
    region.append_block(block);
    // melior's generated `tensor::pad` builder leaves `source` out of
    // operandSegmentSizes (it writes 0, 0, 0), so the op is built generically.
    Builder::result(b.op(
        "tensor.pad",
        &[input],
        &[b.tensor_type(&out.shape, out.element)],
        &[
            ("operandSegmentSizes", segments(b.context, &[1, 0, 0])),
            ("static_low", i64_array(b.context, low)),
            ("static_high", i64_array(b.context, high)),
        ],
        vec![region],
    ))
}

/// Pads the spatial dims of an NCHW tensor by `[top, left, bottom, right]`.
fn pad_spatial<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, padding: &[i64], fill: Value<'c, 'a>) -> Lowered<'c, 'a> {
    if padding.iter().all(|&p| p == 0) {
        return Ok(input);
    }
    let t = info(input)?;
    let (low, high) = ([0, 0, padding[0], padding[1]], [0, 0, padding[2], padding[3]]);
    let shape: Vec<i64> = (0..4).map(|d| t.shape[d] + low[d] + high[d]).collect();
    Ok(pad(b, input, fill, &low, &high, &TensorInfo { shape, element: t.element }))
}

/// `input` with its dims permuted: result dim `i` is input dim `perm[i]`
/// (a `linalg.generic`, which elementwise fusion can fold into its
/// neighbours' indexing maps).
fn transpose<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, perm: &[i64]) -> Lowered<'c, 'a> {
    let t = info(input)?;
    // Input dim perm[i] is read at loop index d<i>.
    let mut exprs = vec![AffineExpr::constant(b.context, 0); perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        exprs[p as usize] = dim(b.context, i);
    }
    let shape: Vec<i64> = perm.iter().map(|&p| t.shape[p as usize]).collect();
    let init = b.empty(&shape, t.element);
    let maps = [map(b.context, perm.len(), &exprs), identity_map(b.context, perm.len())];
    Ok(b.generic(&[input], init, &maps, &parallel(perm.len()), |_, args| args[0]))
}

/// `dense<[a, b]> : tensor<2xi64>`: a convolution's strides or dilations.
fn dense_pair<'c>(context: &'c melior::Context, values: &[i64]) -> Attribute<'c> {
    dense_i64(context, values)
}

#[allow(clippy::too_many_arguments)]
fn conv2d<'c, 'a>(
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
    let padded = pad_spatial(b, input, padding, zero(b, out))?;
    let attrs = [("strides", dense_pair(b.context, strides)), ("dilations", dense_pair(b.context, dilations))];
    if groups == 1 && config.conv_channels_last {
        // NCHW -> NHWC, FCHW -> HWCF, and the NHWF result back to NCHW.
        let input = transpose(b, padded, &[0, 2, 3, 1])?;
        let filter = transpose(b, filter, &[2, 3, 1, 0])?;
        let shape = [out.shape[0], out.shape[2], out.shape[3], out.shape[1]];
        let init = b.filled(zero(b, out), &shape, out.element);
        let result = b.named("linalg.conv_2d_nhwc_hwcf", &[input, filter], init, &attrs);
        return transpose(b, result, &[0, 3, 1, 2]);
    }
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

#[allow(clippy::too_many_arguments)]
fn pool<'c, 'a>(
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

#[derive(Clone, Copy)]
enum Reduction {
    Sum,
    Max,
}

/// Reduces `input` along `axes` into a tensor of `out`'s shape (keepdims or not).
fn reduce<'c, 'a>(
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
fn softmax<'c, 'a>(b: &Builder<'c, 'a>, input: Value<'c, 'a>, out: &TensorInfo<'c>, axis: i64) -> Lowered<'c, 'a> {
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
