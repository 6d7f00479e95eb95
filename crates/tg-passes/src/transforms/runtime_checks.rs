//! `tg-runtime-checks`: turns the integer operations whose result is
//! undefined for some operands into defined ones that report the fault.
//!
//! `arith.divsi` by zero or of the minimum by -1 is undefined behaviour (on
//! x86 a SIGFPE), and so is `math.ipowi` of 0 to a negative power (it divides
//! by zero). The reference interpreter reports those as errors; compiled code
//! must too, not die of a signal.
//!
//! Accepts: a module of functions with `tg` ops (before `tg-fuse`: ops inside
//! a `tg.fused` body are not guarded). Guarantees: every integer `tg.div` and
//! `tg.pow` in a function body gets a guarded right operand (1 for a bad
//! divisor, 0 for a bad exponent), so no lowering of it can trap; and, where
//! any operand pair is bad, the function stores the 1-based number of the
//! first faulting op (in [`checked_ops`] order) into the public global
//! [`ERROR_GLOBAL`] (`memref<i32>`, 0 while nothing faulted) unless an earlier
//! fault is already recorded. A caller (tensor-run) zeroes it before a call,
//! reads it after, and reports the op's location.

use crate::pipeline::catalog::PassInfo;
use tg_dialect::ir::context::with_context;
use crate::conversion::ir_builder::{
    broadcast_map, identity_map, map, parallel, tensor_type, BodyBuilder, Builder, LoopKind, Number, TensorInfo,
};
use crate::framework::options::OptionValues;
use crate::framework::pass::{PassId, RustPass};
use crate::conversion::tg_to_linalg::lowest;
use tg_dialect::ir::diagnostics::emit_error;
use tg_dialect::ir::edit;
use tg_dialect::ir::walk::{self, Visit};
use melior::dialect::DialectHandle;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::attribute::{
    DenseElementsAttribute, FlatSymbolRefAttribute, IntegerAttribute, StringAttribute, TypeAttribute,
};
use melior::ir::operation::OperationBuilder;
use melior::ir::r#type::{IntegerType, MemRefType};
use melior::ir::{Attribute, Block, Identifier, OperationRef, Region, RegionLike, Type, Value, ValueLike};
use melior::pass::{ExternalPass, Pass};
use melior::Context;

/// The global a faulting check writes: the number of the op that faulted.
pub const ERROR_GLOBAL: &str = "tg_runtime_error";

pub const PASS: RustPass = RustPass {
    info: PassInfo {
        name: "tg-runtime-checks",
        summary: "Guard integer tg.div and tg.pow and record a fault in @tg_runtime_error",
        description: "Replaces a zero (or MIN / -1) divisor of an integer tg.div by 1 and a negative \
                      exponent of 0 in an integer tg.pow by 0, so compiled code never traps, and stores \
                      the number of the first faulting op into the global @tg_runtime_error.",
        anchor: "builtin.module",
        options: &[],
    },
    create,
};

static ID: PassId = PassId;

/// The integer ops the pass guards, in the order their numbers count from 1:
/// module walk order (pre-order), skipping `tg.fused` bodies.
pub fn checked_ops<'c, 'a>(module: OperationRef<'c, 'a>) -> Vec<OperationRef<'c, 'a>> {
    walk::collect(module, |op| {
        let name = op.name().as_string_ref().as_str().unwrap_or("").to_string();
        if name == "tg.fused" {
            return Visit::Skip;
        }
        let integer = op.result(0).ok().and_then(|r| TensorInfo::of(r.r#type())).is_some_and(|t| !t.is_float());
        if integer && matches!(name.as_str(), "tg.div" | "tg.pow") {
            Visit::Take
        } else {
            Visit::Continue
        }
    })
}

/// What a fault of `op` (a `tg.div` or `tg.pow`) means, for the report.
pub fn fault_message(op_name: &str) -> &'static str {
    if op_name == "tg.pow" {
        "integer power of 0 to a negative exponent (a division by zero)"
    } else {
        "integer division by zero, or of the minimum value by -1"
    }
}

fn create(_: &OptionValues) -> Pass {
    let (memref, scf) = (DialectHandle::memref(), DialectHandle::scf());
    let dialects = [DialectHandle::linalg(), DialectHandle::tensor(), DialectHandle::arith(), memref, scf];
    PASS.external(&ID, "TgRuntimeChecks", &dialects, |module: OperationRef, external: ExternalPass| {
        if !with_context(module.context(), |context| run(context, module)) {
            external.signal_failure();
        }
    })
}

fn run(context: &Context, module: OperationRef) -> bool {
    let ops = checked_ops(module);
    if ops.is_empty() {
        return true;
    }
    if !declare_global(context, module) {
        return false;
    }
    for (index, op) in ops.iter().enumerate() {
        let guarded = Builder::before(context, *op).ok_or_else(|| "the op is not in a block".to_string()).and_then(
            |b| guard(&b, *op, index as i64 + 1),
        );
        if let Err(message) = guarded {
            let name = op.name().as_string_ref().as_str().unwrap_or("?").to_string();
            emit_error(op.location(), &format!("tg-runtime-checks: cannot guard '{name}': {message}"));
            return false;
        }
    }
    true
}

/// `memref.global @tg_runtime_error : memref<i32> = dense<0>` at the top of
/// the module, unless the module already has it.
fn declare_global(context: &Context, module: OperationRef) -> bool {
    let Some(body) = module.region(0).ok().and_then(|r| r.first_block()) else { return false };
    let mut next = body.first_operation();
    while let Some(op) = next {
        let named = op
            .attribute("sym_name")
            .ok()
            .and_then(|a| StringAttribute::try_from(a).ok())
            .is_some_and(|name| name.value() == ERROR_GLOBAL);
        if named {
            return true;
        }
        next = op.next_in_block();
    }
    let i32_type: Type = IntegerType::new(context, 32).into();
    let memref_type = MemRefType::new(i32_type, &[], None, None);
    let Ok(initial) = DenseElementsAttribute::new(tensor_type(&[], i32_type), &[IntegerAttribute::new(i32_type, 0).into()])
    else {
        return false;
    };
    let Ok(global) = OperationBuilder::new("memref.global", module.location())
        .add_attributes(&[
            (Identifier::new(context, "sym_name"), StringAttribute::new(context, ERROR_GLOBAL).into()),
            (Identifier::new(context, "type"), TypeAttribute::new(memref_type.into()).into()),
            (Identifier::new(context, "initial_value"), initial.into()),
        ])
        .build()
    else {
        return false;
    };
    match body.first_operation() {
        Some(first) => body.insert_operation_before(first, global),
        None => body.append_operation(global),
    };
    true
}

/// Guards `op`, the `number`th checked op: its right operand becomes a safe
/// one, and a reduction over all operand pairs records a fault.
fn guard<'c, 'a>(b: &Builder<'c, 'a>, op: OperationRef<'c, 'a>, number: i64) -> Result<(), String> {
    let is_pow = op.name().as_string_ref().as_str() == Ok("tg.pow");
    let (lhs, rhs) = (op.operand(0).map_err(|e| e.to_string())?, op.operand(1).map_err(|e| e.to_string())?);
    let out = TensorInfo::of(op.result(0).map_err(|e| e.to_string())?.r#type()).ok_or("the result is not a static tensor")?;
    let shape = |v: Value| TensorInfo::of(v.r#type()).map(|t| t.shape).ok_or("an operand is not a static tensor");
    let maps = [broadcast_map(b.context, &shape(lhs)?, &out.shape), broadcast_map(b.context, &shape(rhs)?, &out.shape)];
    let element = out.element;
    let bool_type: Type = IntegerType::new(b.context, 1).into();
    let min = lowest(element, false);
    // The right operand, broadcast to the result's shape, with every bad
    // entry replaced by one the op defines.
    let rank = out.rank();
    let parallel = parallel(rank);
    let replacement = Number::Int(if is_pow { 0 } else { 1 });
    let safe = b.generic(
        &[lhs, rhs],
        b.empty(&out.shape, element),
        &[maps[0], maps[1], identity_map(b.context, rank)],
        &parallel,
        |body, args| {
            let is_bad = undefined(body, is_pow, element, min, args[0], args[1]);
            let fallback = body.constant(replacement, element);
            body.op("arith.select", &[is_bad, fallback, args[1]], element, &[])
        },
    );

    // Whether any pair is bad: an `or` over the whole iteration space.
    let no = b.scalar(Number::Int(0), bool_type);
    let any_init = b.filled(no, &[], bool_type);
    let reduction = vec![LoopKind::Reduction; rank];
    let maps = [maps[0], maps[1], map(b.context, rank, &[])];
    let any = b.generic(&[lhs, rhs], any_init, &maps, &reduction, |body, args| {
        let is_bad = undefined(body, is_pow, element, min, args[0], args[1]);
        body.op("arith.ori", &[args[2], is_bad], bool_type, &[])
    });
    let faulted = Builder::result(b.op("tensor.extract", &[any], &[bool_type], &[], vec![]));
    record_fault(b, faulted, number);

    // `safe` has the same element type and the result's shape: a valid broadcast.
    edit::set_operand(op, 1, safe);
    Ok(())
}

/// Whether the operand pair `(l, r)` is undefined for the op: a zero
/// divisor or MIN / -1, or for `pow` a zero base with a negative exponent.
fn undefined<'c, 'x>(
    body: &BodyBuilder<'c, 'x>,
    is_pow: bool,
    element: Type<'c>,
    min: Number,
    l: Value<'c, 'x>,
    r: Value<'c, 'x>,
) -> Value<'c, 'x> {
    let bool_type: Type = IntegerType::new(body.context, 1).into();
    let zero = body.constant(Number::Int(0), element);
    let cmp = |predicate: i64, x: Value<'c, 'x>, y: Value<'c, 'x>| {
        body.op("arith.cmpi", &[x, y], bool_type, &[("predicate", predicate_attribute(body.context, predicate))])
    };
    // arith::CmpIPredicate: eq = 0, slt = 2.
    let (eq, slt) = (0, 2);
    if is_pow {
        let base_zero = cmp(eq, l, zero);
        let negative = cmp(slt, r, zero);
        return body.op("arith.andi", &[base_zero, negative], bool_type, &[]);
    }
    let by_zero = cmp(eq, r, zero);
    let min_value = body.constant(min, element);
    let minus_one = body.constant(Number::Int(-1), element);
    let is_min = cmp(eq, l, min_value);
    let is_minus_one = cmp(eq, r, minus_one);
    let overflow = body.op("arith.andi", &[is_min, is_minus_one], bool_type, &[]);
    body.op("arith.ori", &[by_zero, overflow], bool_type, &[])
}

/// `arith.cmpi`'s predicate (`arith::CmpIPredicate`: eq = 0, slt = 2), an i64.
fn predicate_attribute(context: &Context, predicate: i64) -> Attribute<'_> {
    IntegerAttribute::new(IntegerType::new(context, 64).into(), predicate).into()
}

/// `scf.if %faulted { error = error == 0 ? number : error }`.
fn record_fault<'c, 'a>(b: &Builder<'c, 'a>, faulted: Value<'c, 'a>, number: i64) {
    let i32_type: Type = IntegerType::new(b.context, 32).into();
    let block = Block::new(&[]);
    {
        let body = BodyBuilder::new(b.context, b.location, &block);
        let memref_type = MemRefType::new(i32_type, &[], None, None).into();
        let name = FlatSymbolRefAttribute::new(b.context, ERROR_GLOBAL).into();
        let global = body.op("memref.get_global", &[], memref_type, &[("name", name)]);
        let current = body.op("memref.load", &[global], i32_type, &[]);
        let zero = body.constant(Number::Int(0), i32_type);
        let bool_type = IntegerType::new(b.context, 1).into();
        let first = body.op("arith.cmpi", &[current, zero], bool_type, &[("predicate", predicate_attribute(b.context, 0))]);
        let mine = body.constant(Number::Int(number), i32_type);
        let value = body.op("arith.select", &[first, mine, current], i32_type, &[]);
        body.effect("memref.store", &[value, global]);
        body.effect("scf.yield", &[]);
    }
    let then = Region::new();
    then.append_block(block);
    let else_ = Region::new();
    b.op("scf.if", &[faulted], &[], &[], vec![then, else_]);
}
