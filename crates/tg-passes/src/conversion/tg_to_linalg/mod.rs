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
    broadcast_map, identity_map, parallel, Builder, Number, TensorInfo,
};
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use melior::ir::attribute::{DenseI64ArrayAttribute, FloatAttribute, IntegerAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::{OperationRef, RegionLike, Value, ValueLike};
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
pub(super) struct Config {
    conv_channels_last: bool,
}

mod contraction;
mod elementwise;
mod movement;
mod pool;
mod reduce;

use contraction::{conv2d, dense_pair, matmul, zero};
use elementwise::{binary, cast, elementwise, int_width, unary};
use movement::{concat, extract_slice, insert_slice, pad, pad_channels_last, pad_spatial, reshape, strided_slice, transpose};
pub(crate) use reduce::lowest;
use reduce::{reduce, softmax, Reduction};

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

pub(super) type Lowered<'c, 'a> = Result<Value<'c, 'a>, String>;

pub(super) fn info<'c>(value: Value<'c, '_>) -> Result<TensorInfo<'c>, String> {
    TensorInfo::of(value.r#type()).ok_or_else(|| format!("{} is not a statically shaped tensor", value.r#type()))
}

fn ints(op: OperationRef, name: &str) -> Option<Vec<i64>> {
    let attr = DenseI64ArrayAttribute::try_from(op.attribute(name).ok()?).ok()?;
    (0..attr.len()).map(|i| attr.element(i).ok()).collect()
}

fn int(op: OperationRef, name: &str) -> Option<i64> {
    IntegerAttribute::try_from(op.attribute(name).ok()?).ok().map(|a| a.value())
}

/// Whether every operand of `op` is used by `op` alone, once.
fn pieces_used_once(op: OperationRef) -> bool {
    op.operands().all(|v| tg_dialect::ir::uses::users(v).len() == 1)
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
        TgOp::MaxPool2D | TgOp::AvgPool2D => {
            let (kernel, strides, padding) = (attr_list("kernel")?, attr_list("strides")?, attr_list("padding")?);
            let dilations = attr_list("dilations")?;
            let window = pool::Window {
                kernel: &kernel,
                strides: &strides,
                dilations: &dilations,
                padding: &padding,
                count_include_pad: op.has_attribute("count_include_pad"),
                channels_last: config.conv_channels_last,
            };
            pool::pool(b, tg_op == TgOp::MaxPool2D, operand(0)?, &out, &window)
        }
        TgOp::Transpose => transpose(b, operand(0)?, &attr_list("perm")?),
        TgOp::BroadcastTo => {
            let input = info(operand(0)?)?;
            let init = b.empty(&out.shape, out.element);
            let maps = [broadcast_map(b.context, &input.shape, &out.shape), identity_map(b.context, out.rank())];
            Ok(b.generic(&[operand(0)?], init, &maps, &parallel(out.rank()), |_, args| args[0]))
        }
        TgOp::Reshape => reshape(b, operand(0)?, &out.shape),
        TgOp::Slice => {
            let offsets = attr_list("offsets")?;
            let sizes = attr_list("sizes")?;
            let strides = ints(op, "strides").unwrap_or_else(|| vec![1; sizes.len()]);
            strided_slice(b, operand(0)?, &offsets, &sizes, &strides)
        }
        TgOp::Concat if config.conv_channels_last && out.rank() == 4 && int(op, "axis") == Some(1) && pieces_used_once(op) => {
            // Channels concatenated channels-last, between transposes that
            // fold into the producers' and the consumer's (the branches of
            // an Inception or fire module stay NHWC). Only where each piece
            // has no other use: a piece that DenseNet's later blocks read
            // again keeps its NCHW form, and a transpose of it would be a
            // copy that does not fold (slower, and 15 s more of LLVM).
            let nhwc = |v| transpose(b, v, &[0, 2, 3, 1]);
            let pieces: Vec<Value> = (0..op.operand_count()).map(|i| nhwc(operand(i)?)).collect::<Result<_, _>>()?;
            let shape = [out.shape[0], out.shape[2], out.shape[3], out.shape[1]];
            let result = concat(b, &pieces, 3, &TensorInfo { shape: shape.to_vec(), element: out.element })?;
            transpose(b, result, &[0, 3, 1, 2])
        }
        TgOp::Concat => {
            let axis = int(op, "axis").ok_or("missing attribute 'axis'")? as usize;
            let pieces: Vec<Value> = (0..op.operand_count()).map(operand).collect::<Result<_, _>>()?;
            concat(b, &pieces, axis, &out)
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

