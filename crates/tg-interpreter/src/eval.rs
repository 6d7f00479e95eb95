//! Walking a function: binding its arguments, evaluating its ops in order,
//! and returning the operands of its `func.return`. A `tg.fused` is walked
//! the same way: its body, on its operands, up to its `tg.yield`.
//!
//! Values are mapped to tensors by the address of their MLIR value (unique
//! for the lifetime of the IR). Each op's tensors are matched to an element
//! type here and handed to the generic functions in [`crate::ops`]; the
//! result is checked against the op's declared result type.

use crate::element::Element;
use crate::error::{EvalError, OpError};
use crate::ir::{self, TensorType};
use crate::ops::elementwise::{self, BinaryOp, FloatUnaryOp, UnaryOp};
use crate::ops::linalg::{self, Window2D};
use crate::ops::movement;
use crate::ops::pool;
use crate::ops::reduce::{self, Reduction};
use crate::ops::{to_axis, to_usizes};
use crate::tensor::Tensor;
use melior::ir::attribute::StringAttribute;
use melior::ir::block::BlockLike;
use melior::ir::operation::OperationLike;
use melior::ir::RegionLike;
use melior::ir::ValueLike;
use melior::ir::{BlockRef, OperationRef};
use ndarray::ArrayD;
use std::collections::HashMap;
use std::ffi::c_void;
use tg_dialect::TgOp;

const SUPPORTED_TYPES: &str = "only statically shaped tensors of f32, f64, i32 and i64 are supported";

/// Evaluates function `entry` of `module` (a `builtin.module` operation
/// containing `func.func` ops whose bodies are `tg` ops and a `func.return`)
/// on `inputs`, one tensor per function argument, and returns the tensors
/// the function returns.
pub fn evaluate(module: OperationRef, entry: &str, inputs: &[Tensor]) -> Result<Vec<Tensor>, EvalError> {
    let name = ir::op_name(&module);
    if name != "builtin.module" {
        return Err(EvalError::NotAModule(name));
    }
    let function = find_function(module, entry)?;
    let body = single_block(function, entry)?;

    let mut values: HashMap<*const c_void, Tensor> = HashMap::new();
    if body.argument_count() != inputs.len() {
        return Err(EvalError::InputCount {
            entry: entry.to_string(),
            expected: body.argument_count(),
            got: inputs.len(),
        });
    }
    for (index, input) in inputs.iter().enumerate() {
        let argument =
            body.argument(index).map_err(|e| EvalError::Malformed(format!("argument #{index} of @{entry}: {e}")))?;
        let ty = argument.r#type();
        let expected = ir::tensor_type(ty).ok_or_else(|| EvalError::UnsupportedType {
            op: format!("func.func @{entry}"),
            location: ir::location_string(function.location()),
            ty: ty.to_string(),
            reason: format!("argument #{index}: {SUPPORTED_TYPES}"),
        })?;
        if !expected.matches(input) {
            return Err(EvalError::InputType {
                entry: entry.to_string(),
                index,
                expected: expected.to_string(),
                got: input.type_string(),
            });
        }
        values.insert(argument.to_raw().ptr, input.clone());
    }

    run_block(body, &mut values, "func.return")?.ok_or_else(|| EvalError::Malformed(format!("@{entry} has no func.return")))
}

/// Evaluates the ops of `block` in order, with `values` bound to everything
/// they read from outside, until the op named `terminator`; the tensors of
/// its operands; `None` when the block has no such op.
fn run_block(
    block: BlockRef,
    values: &mut HashMap<*const c_void, Tensor>,
    terminator: &str,
) -> Result<Option<Vec<Tensor>>, EvalError> {
    let mut next = block.first_operation();
    while let Some(op) = next {
        let name = ir::op_name(&op);
        if name == terminator {
            return (0..op.operand_count()).map(|i| lookup(values, &op, &name, i).cloned()).collect::<Result<_, _>>().map(Some);
        }
        let tensors = if name == "tg.fused" { evaluate_fused(&op, values)? } else { vec![evaluate_op(&op, &name, values)?] };
        for (index, tensor) in tensors.into_iter().enumerate() {
            let result = op.result(index).map_err(|e| EvalError::Malformed(format!("'{name}': {e}")))?;
            values.insert(result.to_raw().ptr, tensor);
        }
        next = op.next_in_block();
    }
    Ok(None)
}

/// Evaluates a `tg.fused` by evaluating its body on its operands: the
/// tensors its `tg.yield` returns, checked against the op's result types.
fn evaluate_fused(op: &OperationRef, values: &HashMap<*const c_void, Tensor>) -> Result<Vec<Tensor>, EvalError> {
    let location = || ir::location_string(op.location());
    let malformed = |what: &str| EvalError::Malformed(format!("'tg.fused' at {}: {what}", location()));
    let body = op.region(0).ok().and_then(|region| region.first_block()).ok_or_else(|| malformed("no body"))?;
    if body.argument_count() != op.operand_count() {
        return Err(malformed("the body's arguments do not match the operands"));
    }
    // The body is isolated from above: it sees its block arguments only.
    let mut inner = HashMap::new();
    for index in 0..op.operand_count() {
        let tensor = lookup(values, op, "tg.fused", index)?.clone();
        let argument = body.argument(index).map_err(|e| malformed(&e.to_string()))?;
        inner.insert(argument.to_raw().ptr, tensor);
    }
    let results = run_block(body, &mut inner, "tg.yield")?.ok_or_else(|| malformed("the body has no tg.yield"))?;
    if results.len() != op.result_count() {
        return Err(malformed(&format!("yields {} values for {} results", results.len(), op.result_count())));
    }
    for (index, tensor) in results.iter().enumerate() {
        let declared = declared_type(op, "tg.fused", index)?;
        if !declared.matches(tensor) {
            return Err(EvalError::Op {
                op: String::from("tg.fused"),
                location: location(),
                source: OpError::ResultType { computed: tensor.type_string(), declared: declared.to_string() },
            });
        }
    }
    Ok(results)
}

/// The `func.func` named `entry` in the module's body.
fn find_function<'c, 'a>(module: OperationRef<'c, 'a>, entry: &str) -> Result<OperationRef<'c, 'a>, EvalError> {
    let body = module
        .region(0)
        .ok()
        .and_then(|region| region.first_block())
        .ok_or_else(|| EvalError::Malformed(String::from("the module has no body")))?;
    let mut next = body.first_operation();
    while let Some(op) = next {
        if ir::op_name(&op) == "func.func" {
            let symbol = op.attribute("sym_name").ok().and_then(|a| StringAttribute::try_from(a).ok());
            if symbol.is_some_and(|s| s.value() == entry) {
                return Ok(op);
            }
        }
        next = op.next_in_block();
    }
    Err(EvalError::EntryNotFound(entry.to_string()))
}

/// The body of a function with exactly one block.
fn single_block<'c, 'a>(function: OperationRef<'c, 'a>, entry: &str) -> Result<BlockRef<'c, 'a>, EvalError> {
    let block = function
        .region(0)
        .ok()
        .and_then(|region| region.first_block())
        .ok_or_else(|| EvalError::Malformed(format!("@{entry} has no body (a declaration?)")))?;
    if block.next_in_region().is_some() {
        return Err(EvalError::Malformed(format!("@{entry} has more than one block")));
    }
    Ok(block)
}

/// The tensor bound to operand `index` of `op`.
fn lookup<'v>(
    values: &'v HashMap<*const c_void, Tensor>,
    op: &OperationRef,
    name: &str,
    index: usize,
) -> Result<&'v Tensor, EvalError> {
    let operand = op.operand(index).map_err(|e| EvalError::Malformed(format!("'{name}': {e}")))?;
    values.get(&operand.to_raw().ptr).ok_or_else(|| {
        EvalError::Malformed(format!(
            "operand #{index} of '{name}' at {} has no value (defined outside the function?)",
            ir::location_string(op.location())
        ))
    })
}

/// The type of result `index` of `op` (named `name`), if the interpreter supports it.
fn declared_type(op: &OperationRef, name: &str, index: usize) -> Result<TensorType, EvalError> {
    let ty = op.result(index).map_err(|e| EvalError::Malformed(format!("'{name}': {e}")))?.r#type();
    ir::tensor_type(ty).ok_or_else(|| EvalError::UnsupportedType {
        op: name.to_string(),
        location: ir::location_string(op.location()),
        ty: ty.to_string(),
        reason: String::from(SUPPORTED_TYPES),
    })
}

/// Why an op failed, before the op's name and location are attached.
enum Failure {
    Op(OpError),
    UnsupportedOp,
    /// A float-only op applied to a tensor of this (integer) element type.
    FloatOnly(&'static str),
}

impl From<OpError> for Failure {
    fn from(error: OpError) -> Self {
        Failure::Op(error)
    }
}

/// Evaluates one op (not `func.return`) and checks its result type.
fn evaluate_op(op: &OperationRef, name: &str, values: &HashMap<*const c_void, Tensor>) -> Result<Tensor, EvalError> {
    let location = || ir::location_string(op.location());
    let Some(tg_op) = TgOp::from_name(name) else {
        return Err(EvalError::UnsupportedOp { op: name.to_string(), location: location() });
    };
    let operands = (0..op.operand_count()).map(|i| lookup(values, op, name, i)).collect::<Result<Vec<_>, _>>()?;
    if op.result_count() != 1 {
        return Err(EvalError::Malformed(format!("'{name}' at {} has {} results", location(), op.result_count())));
    }
    let declared = declared_type(op, name, 0)?;
    let failed = |source: OpError| EvalError::Op { op: name.to_string(), location: location(), source };
    match dispatch(op, tg_op, &operands, &declared) {
        Ok(tensor) if declared.matches(&tensor) => Ok(tensor),
        Ok(tensor) => {
            Err(failed(OpError::ResultType { computed: tensor.type_string(), declared: declared.to_string() }))
        }
        Err(Failure::Op(source)) => Err(failed(source)),
        Err(Failure::UnsupportedOp) => Err(EvalError::UnsupportedOp { op: name.to_string(), location: location() }),
        Err(Failure::FloatOnly(dtype)) => Err(EvalError::UnsupportedType {
            op: name.to_string(),
            location: location(),
            ty: dtype.to_string(),
            reason: String::from("the op is defined only for floats"),
        }),
    }
}

/// Applies `$body` to the array inside a tensor, whatever its element type;
/// `$body` yields a `Result<ArrayD<_>, _>` of any element type.
macro_rules! each_type {
    ($tensor:expr, $a:ident => $body:expr) => {
        match $tensor {
            Tensor::F32($a) => Tensor::from($body?),
            Tensor::F64($a) => Tensor::from($body?),
            Tensor::I32($a) => Tensor::from($body?),
            Tensor::I64($a) => Tensor::from($body?),
        }
    };
}

/// As `each_type!` for two tensors of the same element type.
macro_rules! each_pair {
    ($lhs:expr, $rhs:expr, $a:ident, $b:ident => $body:expr) => {
        match ($lhs, $rhs) {
            (Tensor::F32($a), Tensor::F32($b)) => Tensor::from($body?),
            (Tensor::F64($a), Tensor::F64($b)) => Tensor::from($body?),
            (Tensor::I32($a), Tensor::I32($b)) => Tensor::from($body?),
            (Tensor::I64($a), Tensor::I64($b)) => Tensor::from($body?),
            (l, r) => return Err(OpError::ElementTypeMismatch(l.dtype(), r.dtype()).into()),
        }
    };
}

/// As `each_type!` for float-only ops.
macro_rules! each_float {
    ($tensor:expr, $a:ident => $body:expr) => {
        match $tensor {
            Tensor::F32($a) => Tensor::from($body?),
            Tensor::F64($a) => Tensor::from($body?),
            other => return Err(Failure::FloatOnly(other.dtype())),
        }
    };
}

fn count(operands: &[&Tensor], expected: usize) -> Result<(), OpError> {
    if operands.len() == expected {
        Ok(())
    } else {
        Err(OpError::Shape(format!("expected {expected} operand(s), got {}", operands.len())))
    }
}

fn ok<T>(value: T) -> Result<T, OpError> {
    Ok(value)
}

/// Strides, dilations and padding of a windowed op, with their defaults.
fn window(op: &OperationRef, dilations: bool) -> Result<Window2D, OpError> {
    let strides = ir::i64_array(op, "strides")?.unwrap_or_else(|| vec![1, 1]);
    let dilations = if dilations { ir::i64_array(op, "dilations")?.unwrap_or_else(|| vec![1, 1]) } else { vec![1, 1] };
    let padding = ir::i64_array(op, "padding")?.unwrap_or_else(|| vec![0, 0, 0, 0]);
    let strides = to_usizes("strides", &strides, 2, 1)?;
    let dilations = to_usizes("dilations", &dilations, 2, 1)?;
    let padding = to_usizes("padding", &padding, 4, 0)?;
    Ok(Window2D {
        strides: [strides[0], strides[1]],
        dilations: [dilations[0], dilations[1]],
        padding: [padding[0], padding[1], padding[2], padding[3]],
    })
}

fn pool_kernel(op: &OperationRef) -> Result<[usize; 2], OpError> {
    let kernel = to_usizes("kernel", &ir::required_i64_array(op, "kernel")?, 2, 1)?;
    Ok([kernel[0], kernel[1]])
}

fn pad_value<T: Element>(value: f64) -> Result<T, OpError> {
    T::from_f64(value)
}

/// One arm per tg op: an op added to ODS does not compile until it has one.
fn dispatch(op: &OperationRef, tg_op: TgOp, operands: &[&Tensor], declared: &TensorType) -> Result<Tensor, Failure> {
    let binary = |kind: BinaryOp| -> Result<Tensor, Failure> {
        count(operands, 2)?;
        Ok(each_pair!(operands[0], operands[1], a, b => elementwise::binary(kind, a, b)))
    };
    let unary = |kind: UnaryOp| -> Result<Tensor, Failure> {
        count(operands, 1)?;
        Ok(each_type!(operands[0], a => ok(elementwise::unary(kind, a))))
    };
    let float_unary = |kind: FloatUnaryOp| -> Result<Tensor, Failure> {
        count(operands, 1)?;
        Ok(each_float!(operands[0], a => ok(elementwise::float_unary(kind, a))))
    };
    let reduction = |kind: Reduction| -> Result<Tensor, Failure> {
        count(operands, 1)?;
        let axes = ir::required_i64_array(op, "axes")?;
        let keepdims = ir::unit_attr(op, "keepdims");
        Ok(each_type!(operands[0], a => reduce::reduce(kind, a, &axes, keepdims)))
    };
    Ok(match tg_op {
        TgOp::Constant => {
            count(operands, 0)?;
            ir::constant(op, declared)?
        }
        TgOp::Add => binary(BinaryOp::Add)?,
        TgOp::Sub => binary(BinaryOp::Sub)?,
        TgOp::Mul => binary(BinaryOp::Mul)?,
        TgOp::Div => binary(BinaryOp::Div)?,
        TgOp::Max => binary(BinaryOp::Max)?,
        TgOp::Min => binary(BinaryOp::Min)?,
        TgOp::Pow => binary(BinaryOp::Pow)?,
        TgOp::Neg => unary(UnaryOp::Neg)?,
        TgOp::Abs => unary(UnaryOp::Abs)?,
        TgOp::Relu => unary(UnaryOp::Relu)?,
        TgOp::Exp => float_unary(FloatUnaryOp::Exp)?,
        TgOp::Log => float_unary(FloatUnaryOp::Log)?,
        TgOp::Tanh => float_unary(FloatUnaryOp::Tanh)?,
        TgOp::Sigmoid => float_unary(FloatUnaryOp::Sigmoid)?,
        TgOp::Sqrt => float_unary(FloatUnaryOp::Sqrt)?,
        TgOp::Rsqrt => float_unary(FloatUnaryOp::Rsqrt)?,
        TgOp::Erf => float_unary(FloatUnaryOp::Erf)?,
        TgOp::Clip => {
            count(operands, 1)?;
            let bound = |name: &str| {
                ir::f64_attr(op, name)?
                    .ok_or_else(|| OpError::Attribute { name: name.to_string(), reason: String::from("missing") })
            };
            let (min, max) = (bound("min")?, bound("max")?);
            each_type!(operands[0], a => elementwise::clip(a, min, max))
        }
        TgOp::Cast => {
            count(operands, 1)?;
            match declared.dtype {
                "f32" => each_type!(operands[0], a => elementwise::cast::<_, f32>(a)),
                "f64" => each_type!(operands[0], a => elementwise::cast::<_, f64>(a)),
                "i32" => each_type!(operands[0], a => elementwise::cast::<_, i32>(a)),
                "i64" => each_type!(operands[0], a => elementwise::cast::<_, i64>(a)),
                other => return Err(Failure::FloatOnly(other)),
            }
        }
        TgOp::Matmul => {
            count(operands, 2)?;
            each_pair!(operands[0], operands[1], a, b => linalg::matmul(a, b))
        }
        TgOp::Conv2D => {
            count(operands, 2)?;
            let window = window(op, true)?;
            let groups = ir::i64_attr(op, "groups")?.unwrap_or(1);
            let groups = to_usizes("groups", &[groups], 1, 1)?[0];
            each_pair!(operands[0], operands[1], a, b => linalg::conv2d(a, b, &window, groups))
        }
        TgOp::MaxPool2D => {
            count(operands, 1)?;
            let (kernel, window) = (pool_kernel(op)?, window(op, true)?);
            each_type!(operands[0], a => pool::max_pool2d(a, kernel, &window))
        }
        TgOp::AvgPool2D => {
            count(operands, 1)?;
            let (kernel, window) = (pool_kernel(op)?, window(op, true)?);
            let count_include_pad = ir::unit_attr(op, "count_include_pad");
            each_type!(operands[0], a => pool::avg_pool2d(a, kernel, &window, count_include_pad))
        }
        TgOp::Transpose => {
            count(operands, 1)?;
            let perm = ir::required_i64_array(op, "perm")?;
            each_type!(operands[0], a => movement::transpose(a, &perm))
        }
        TgOp::Reshape => {
            count(operands, 1)?;
            each_type!(operands[0], a => movement::reshape(a, &declared.shape))
        }
        TgOp::BroadcastTo => {
            count(operands, 1)?;
            each_type!(operands[0], a => movement::broadcast_to(a, &declared.shape))
        }
        TgOp::Concat => {
            let first = operands.first().ok_or_else(|| OpError::Shape(String::from("concat needs an operand")))?;
            let axis = ir::i64_attr(op, "axis")?
                .ok_or_else(|| OpError::Attribute { name: String::from("axis"), reason: String::from("missing") })?;
            let axis = to_axis("axis", axis, first.shape().len())?;
            match first {
                Tensor::F32(_) => Tensor::from(movement::concat(&same_type(operands, Tensor::as_f32)?, axis)?),
                Tensor::F64(_) => Tensor::from(movement::concat(&same_type(operands, Tensor::as_f64)?, axis)?),
                Tensor::I32(_) => Tensor::from(movement::concat(&same_type(operands, Tensor::as_i32)?, axis)?),
                Tensor::I64(_) => Tensor::from(movement::concat(&same_type(operands, Tensor::as_i64)?, axis)?),
            }
        }
        TgOp::Slice => {
            count(operands, 1)?;
            let rank = operands[0].shape().len();
            let offsets = to_usizes("offsets", &ir::required_i64_array(op, "offsets")?, rank, 0)?;
            let sizes = to_usizes("sizes", &ir::required_i64_array(op, "sizes")?, rank, 0)?;
            let strides = ir::i64_array(op, "strides")?.unwrap_or_else(|| vec![1; rank]);
            let strides = to_usizes("strides", &strides, rank, 1)?;
            each_type!(operands[0], a => movement::slice(a, &offsets, &sizes, &strides))
        }
        TgOp::Pad => {
            count(operands, 1)?;
            let rank = operands[0].shape().len();
            let low = to_usizes("low", &ir::required_i64_array(op, "low")?, rank, 0)?;
            let high = to_usizes("high", &ir::required_i64_array(op, "high")?, rank, 0)?;
            let value = ir::f64_attr(op, "value")?.unwrap_or(0.0);
            each_type!(operands[0], a => movement::pad(a, &low, &high, pad_value(value)?))
        }
        TgOp::ReduceSum => reduction(Reduction::Sum)?,
        TgOp::ReduceMax => reduction(Reduction::Max)?,
        TgOp::ReduceMean => reduction(Reduction::Mean)?,
        TgOp::Softmax => {
            count(operands, 1)?;
            let axis = ir::i64_attr(op, "axis")?
                .ok_or_else(|| OpError::Attribute { name: String::from("axis"), reason: String::from("missing") })?;
            each_float!(operands[0], a => reduce::softmax(a, axis))
        }
        // Evaluated by `run_block` (a group and its terminator), never alone.
        TgOp::Fused | TgOp::Yield => return Err(Failure::UnsupportedOp),
    })
}

/// All operands as arrays of one element type (the first operand's).
fn same_type<'t, T>(
    operands: &[&'t Tensor],
    view: fn(&'t Tensor) -> Option<&'t ArrayD<T>>,
) -> Result<Vec<&'t ArrayD<T>>, OpError> {
    operands
        .iter()
        .map(|&tensor| view(tensor).ok_or_else(|| OpError::ElementTypeMismatch(operands[0].dtype(), tensor.dtype())))
        .collect()
}
