//! A checked function to MLIR: a `func.func` in which each statement is one
//! `linalg.generic` on tensors whose indexing maps are the statement's
//! accesses, exactly (the indices on the left are parallel loops, the others
//! reductions), its init `tensor.empty` (`=`), a `linalg.fill` with the
//! reduction's identity (`+=!`, `*=!`, `max=!`, `min=!`) or the earlier
//! definition (`+=`). Every op is located at its statement (`file.tc:3:5`).
//!
//! Three things make a statement fit linalg's rules, none of which changes
//! a value: a read with `else v` reads a `tensor.pad` of its tensor (its
//! indices shifted by the low padding); a read whose index is a bare loop
//! over fewer elements than the tensor has reads a `tensor.extract_slice`
//! of them (linalg takes a loop's extent from such a dimension); and a
//! reduction loop no access spans alone gets a `tensor.empty` operand of
//! its extent, unused by the body (as linalg's pooling ops take a window).

use crate::ast::{Assign, BinaryOp, Element, Reduction};
use crate::check::{Function, IndexExpr, Param, Statement, Unary, Value};
use crate::error::line_col;
use melior::dialect::func;
use melior::ir::attribute::{DenseI64ArrayAttribute, StringAttribute, TypeAttribute};
use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationResult};
use melior::ir::r#type::{FunctionType, IntegerType};
use melior::ir::{AffineExpr, Attribute, Block, Location, Module, Region, RegionLike, Type, ValueLike};
use melior::Context;
use tg_dialect::ir::edit;
use tg_passes::conversion::ir_builder::{self, BodyBuilder, Builder, LoopKind, Number};

/// The attribute naming the statement a `linalg.generic` computes (its
/// tensor's name; `NAME.accumulate` for a `+=` into it, `NAME.init` on a
/// reduction's fill), which schedules match on.
pub const STATEMENT: &str = "tc.statement";

pub fn element_type(context: &Context, element: Element) -> Type<'_> {
    match element {
        Element::F16 => Type::float16(context),
        Element::F32 => Type::float32(context),
        Element::F64 => Type::float64(context),
        Element::I32 => IntegerType::new(context, 32).into(),
        Element::I64 => IntegerType::new(context, 64).into(),
    }
}

/// Lowers `f` into a new module; `file` and `source` make the locations.
pub fn lower<'c>(context: &'c Context, f: &Function, file: &str, source: &str, at: usize) -> Module<'c> {
    let location_of = |offset: usize| {
        let (line, col) = line_col(source, offset);
        Location::new(context, file, line, col)
    };
    let module = Module::new(location_of(at));
    let tensor_type = |id: usize| ir_builder::tensor_type(&f.tensors[id].shape, element_type(context, f.tensors[id].element));
    let argument_types: Vec<Type> = f
        .params
        .iter()
        .map(|p| match p {
            Param::Tensor(id) => tensor_type(*id),
            // A scalar is a 0-d tensor at the boundary (what callers pass).
            Param::Scalar(_, e) => ir_builder::tensor_type(&[], element_type(context, *e)),
        })
        .collect();
    let result_types: Vec<Type> = f.outputs.iter().map(|&id| tensor_type(id)).collect();
    let arguments: Vec<(Type, Location)> = argument_types.iter().map(|&t| (t, location_of(at))).collect();
    let block = Block::new(&arguments);
    let anchor = block.append_operation(func::r#return(&[], location_of(at)));
    let mut values: Vec<Option<melior::ir::Value>> = vec![None; f.tensors.len()];
    let mut scalars: Vec<Option<melior::ir::Value>> = vec![None; f.params.len()];
    for (position, p) in f.params.iter().enumerate() {
        let argument: melior::ir::Value = block.argument(position).expect("one argument per parameter").into();
        match p {
            Param::Tensor(id) => values[*id] = Some(argument),
            Param::Scalar(_, e) => {
                let b = Builder::before(context, anchor).expect("the anchor is in the block");
                let element = element_type(context, *e);
                scalars[position] = Some(Builder::result(b.op("tensor.extract", &[argument], &[element], &[], vec![])));
            }
        }
    }
    for s in &f.statements {
        let mut b = Builder::before(context, anchor).expect("the anchor is in the block");
        b.location = location_of(s.span.start);
        let result = statement(&b, f, s, &values, &scalars);
        values[s.target] = Some(result);
    }
    let results: Vec<melior::ir::Value> = f.outputs.iter().map(|&id| values[id].expect("outputs are defined")).collect();
    block.append_operation(func::r#return(&results, location_of(at)));
    edit::erase(anchor);
    let region = Region::new();
    region.append_block(block);
    let function_type = FunctionType::new(context, &argument_types, &result_types);
    module.body().append_operation(func::func(
        context,
        StringAttribute::new(context, &f.name),
        TypeAttribute::new(function_type.into()),
        region,
        &[],
        location_of(at),
    ));
    module
}

/// One input of a statement's generic: a value and how the loops index it.
struct Input<'c, 'a> {
    value: melior::ir::Value<'c, 'a>,
    indices: Vec<IndexExpr>,
}

fn statement<'c, 'a>(
    b: &Builder<'c, 'a>,
    f: &Function,
    s: &Statement,
    values: &[Option<melior::ir::Value<'c, 'a>>],
    scalars: &[Option<melior::ir::Value<'c, 'a>>],
) -> melior::ir::Value<'c, 'a> {
    let context = b.context;
    let target = &f.tensors[s.target];
    let element = element_type(context, target.element);
    let extents: Vec<i64> = s.loops.iter().map(|l| l.extent).collect();
    let parallel = s.loops.iter().filter(|l| !l.reduction).count();
    // The reads, each once, in order of appearance.
    let mut reads: Vec<(usize, Vec<IndexExpr>, Option<f64>)> = Vec::new();
    collect_reads(&s.value, &mut reads);
    let mut inputs: Vec<Input> = Vec::new();
    for (tensor, indices, padding) in &reads {
        let source = values[*tensor].expect("read after its definition");
        let shape = &f.tensors[*tensor].shape;
        let (value, indices) = fitted(b, source, shape, f.tensors[*tensor].element, indices, *padding, &extents);
        inputs.push(Input { value, indices });
    }
    // Loops no operand spans as a bare dimension get a shape-only operand.
    let spanned = |d: usize, inputs: &[Input]| {
        d < parallel || inputs.iter().any(|i| i.indices.iter().any(|e| bare_loop(e) == Some(d)))
    };
    let mut window_inputs = Vec::new();
    for d in 0..s.loops.len() {
        if !spanned(d, &inputs) {
            window_inputs.push((d, b.empty(&[extents[d]], element)));
        }
    }
    let init = match (s.assign, s.previous) {
        (Assign::Accumulate, Some(p)) => values[p].expect("defined before"),
        (Assign::Reduce(r), _) => {
            let identity = crate::eval::identity_value(r, target.element);
            let value = b.scalar(Number::of(identity, target.element.is_float()), element);
            let fill = b.filled(value, &target.shape, element);
            if let Some(op) = defining_op(fill) {
                edit::set_discardable_attribute(op, STATEMENT, StringAttribute::new(context, &format!("{}.init", target.name)).into());
            }
            fill
        }
        _ => b.empty(&target.shape, element),
    };
    let mut maps: Vec<melior::ir::AffineMap> = inputs.iter().map(|i| map(context, s.loops.len(), &i.indices)).collect();
    let mut operands: Vec<melior::ir::Value> = inputs.iter().map(|i| i.value).collect();
    // Scalar parameters are scalar operands (the map `(loops) -> ()`).
    let mut used_scalars = Vec::new();
    collect_scalars(&s.value, &mut used_scalars);
    for &position in &used_scalars {
        maps.push(ir_builder::map(context, s.loops.len(), &[]));
        operands.push(scalars[position].expect("a scalar parameter"));
    }
    for (d, window) in &window_inputs {
        maps.push(ir_builder::map(context, s.loops.len(), &[ir_builder::dim(context, *d)]));
        operands.push(*window);
    }
    let output_exprs: Vec<AffineExpr> = (0..parallel).map(|d| ir_builder::dim(context, d)).collect();
    maps.push(ir_builder::map(context, s.loops.len(), &output_exprs));
    let iterators: Vec<LoopKind> =
        s.loops.iter().map(|l| if l.reduction { LoopKind::Reduction } else { LoopKind::Parallel }).collect();
    let read_count = reads.len();
    let scalar_count = used_scalars.len();
    let result = b.generic(&operands, init, &maps, &iterators, |body, args| {
        let read_args = &args[..read_count];
        let scalar_args = &args[read_count..read_count + scalar_count];
        let out = args[args.len() - 1];
        let v = emit(body, &s.value, &reads, read_args, &used_scalars, scalar_args);
        match s.assign.reduction() {
            None => v,
            Some(r) => combine(body, r, out, v, target.element),
        }
    });
    if let Some(op) = defining_op(result) {
        // A `+=` into an earlier definition is a statement of its own.
        let name = if s.previous.is_some() { format!("{}.accumulate", target.name) } else { target.name.clone() };
        edit::set_discardable_attribute(op, STATEMENT, StringAttribute::new(context, &name).into());
    }
    result
}

fn defining_op<'c, 'a>(v: melior::ir::Value<'c, 'a>) -> Option<melior::ir::OperationRef<'c, 'a>> {
    OperationResult::try_from(v).ok().map(|r| r.owner())
}

/// The loop an index expression is, if it is one loop alone (`d`).
fn bare_loop(e: &IndexExpr) -> Option<usize> {
    let mut nonzero = e.coefficients.iter().enumerate().filter(|(_, &c)| c != 0);
    let (d, &c) = nonzero.next()?;
    (c == 1 && e.constant == 0 && nonzero.next().is_none()).then_some(d)
}

/// The operand a read takes: padded for `else v`, cut to the loop for a
/// bare loop over fewer elements than the tensor has.
fn fitted<'c, 'a>(
    b: &Builder<'c, 'a>,
    source: melior::ir::Value<'c, 'a>,
    shape: &[i64],
    element: Element,
    indices: &[IndexExpr],
    padding: Option<f64>,
    extents: &[i64],
) -> (melior::ir::Value<'c, 'a>, Vec<IndexExpr>) {
    let (float, element) = (element.is_float(), element_type(b.context, element));
    let mut indices = indices.to_vec();
    let mut value = source;
    let mut shape = shape.to_vec();
    if let Some(pad) = padding {
        let bounds: Vec<(i64, i64)> = indices.iter().map(|e| e.bounds(extents)).collect();
        let low: Vec<i64> = bounds.iter().map(|&(lo, _)| (-lo).max(0)).collect();
        let high: Vec<i64> = bounds.iter().zip(&shape).map(|(&(_, hi), &size)| (hi - (size - 1)).max(0)).collect();
        if low.iter().chain(&high).any(|&p| p > 0) {
            let padded: Vec<i64> = shape.iter().zip(low.iter().zip(&high)).map(|(s, (l, h))| s + l + h).collect();
            value = pad_tensor(b, value, &low, &high, &padded, element, Number::of(pad, float));
            for (e, l) in indices.iter_mut().zip(&low) {
                e.constant += l;
            }
            shape = padded;
        }
    }
    let cut: Vec<i64> = indices
        .iter()
        .zip(&shape)
        .map(|(e, &size)| match bare_loop(e) {
            Some(d) if extents[d] < size => extents[d],
            _ => size,
        })
        .collect();
    if cut != shape {
        let ty = ir_builder::tensor_type(&cut, element);
        let zeros = vec![0; shape.len()];
        let ones = vec![1; shape.len()];
        let op = b.op_grouped(
            "tensor.extract_slice",
            &[&[value], &[], &[], &[]],
            &[ty],
            &[
                ("static_offsets", DenseI64ArrayAttribute::new(b.context, &zeros).into()),
                ("static_sizes", DenseI64ArrayAttribute::new(b.context, &cut).into()),
                ("static_strides", DenseI64ArrayAttribute::new(b.context, &ones).into()),
            ],
            vec![],
        );
        value = Builder::result(op);
    }
    (value, indices)
}

/// `tensor.pad` of `value` with the constant `pad`.
fn pad_tensor<'c, 'a>(
    b: &Builder<'c, 'a>,
    value: melior::ir::Value<'c, 'a>,
    low: &[i64],
    high: &[i64],
    padded: &[i64],
    element: Type<'c>,
    pad: Number,
) -> melior::ir::Value<'c, 'a> {
    let context = b.context;
    let index = Type::index(context);
    let block = Block::new(&vec![(index, b.location); low.len()]);
    let body = BodyBuilder::new(context, b.location, &block);
    let constant = body.constant(pad, element);
    block.append_operation(
        OperationBuilder::new("tensor.yield", b.location).add_operands(&[constant]).build().expect("a valid tensor.yield"),
    );
    let region = Region::new();
    region.append_block(block);
    let op = b.op_grouped(
        "tensor.pad",
        &[&[value], &[], &[]],
        &[ir_builder::tensor_type(padded, element)],
        &[
            ("static_low", DenseI64ArrayAttribute::new(context, low).into()),
            ("static_high", DenseI64ArrayAttribute::new(context, high).into()),
        ],
        vec![region],
    );
    Builder::result(op)
}

fn map<'c>(context: &'c Context, loops: usize, indices: &[IndexExpr]) -> melior::ir::AffineMap<'c> {
    let exprs: Vec<AffineExpr> = indices
        .iter()
        .map(|e| {
            let mut sum = AffineExpr::constant(context, e.constant);
            let mut first = e.constant == 0;
            for (d, &c) in e.coefficients.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let term = ir_builder::dim(context, d);
                let term = if c == 1 { term } else { term * AffineExpr::constant(context, c) };
                sum = if first { term } else { sum + term };
                first = false;
            }
            sum
        })
        .collect();
    ir_builder::map(context, loops, &exprs)
}

fn collect_scalars(v: &Value, out: &mut Vec<usize>) {
    v.walk(&mut |x| {
        if let Value::Scalar(position, _) = x {
            if !out.contains(position) {
                out.push(*position);
            }
        }
    });
}

fn collect_reads(v: &Value, out: &mut Vec<(usize, Vec<IndexExpr>, Option<f64>)>) {
    v.walk(&mut |x| {
        if let Value::Read { tensor, indices, padding, .. } = x {
            let key = (*tensor, indices.clone(), *padding);
            if !out.contains(&key) {
                out.push(key);
            }
        }
    });
}

fn combine<'c, 'x>(body: &BodyBuilder<'c, 'x>, r: Reduction, acc: melior::ir::Value<'c, 'x>, v: melior::ir::Value<'c, 'x>, element: Element) -> melior::ir::Value<'c, 'x> {
    let name = match (r, element.is_float()) {
        (Reduction::Add, true) => "arith.addf",
        (Reduction::Mul, true) => "arith.mulf",
        (Reduction::Max, true) => "arith.maximumf",
        (Reduction::Min, true) => "arith.minimumf",
        (Reduction::Add, false) => "arith.addi",
        (Reduction::Mul, false) => "arith.muli",
        (Reduction::Max, false) => "arith.maxsi",
        (Reduction::Min, false) => "arith.minsi",
    };
    body.op(name, &[acc, v], acc.r#type(), &contract(body.context, element))
}

/// `fastmath<contract>` on float arithmetic: a product added into an
/// accumulator may become one fused multiply-add (one rounding instead of
/// two), as C compilers contract `a * b + c`; the evaluator rounds twice,
/// and tests compare within a tolerance.
fn contract(context: &Context, element: Element) -> Vec<(&'static str, Attribute<'_>)> {
    if element.is_float() {
        vec![("fastmath", Attribute::parse(context, "#arith.fastmath<contract>").expect("arith is loaded"))]
    } else {
        Vec::new()
    }
}

fn emit<'c, 'x>(
    body: &BodyBuilder<'c, 'x>,
    v: &Value,
    reads: &[(usize, Vec<IndexExpr>, Option<f64>)],
    read_args: &[melior::ir::Value<'c, 'x>],
    scalars: &[usize],
    scalar_args: &[melior::ir::Value<'c, 'x>],
) -> melior::ir::Value<'c, 'x> {
    let context = body.context;
    let go = |x: &Value| emit(body, x, reads, read_args, scalars, scalar_args);
    let ty = |e: Element| element_type(context, e);
    match v {
        Value::Constant(c, e) => body.constant(Number::of(*c, e.is_float()), ty(*e)),
        Value::Scalar(position, _) => {
            let at = scalars.iter().position(|p| p == position).expect("collected");
            scalar_args[at]
        }
        Value::Index(d, lo) => {
            let index_type = Type::index(context);
            let i = body.op("linalg.index", &[], index_type, &[("dim", integer_attr(context, *d as i64))]);
            let i = if *lo == 0 {
                i
            } else {
                let lo = body.op("arith.constant", &[], index_type, &[("value", Attribute::parse(context, &format!("{lo} : index")).expect("an index constant"))]);
                body.op("arith.addi", &[i, lo], index_type, &[])
            };
            body.op("arith.index_cast", &[i], ty(Element::I64), &[])
        }
        Value::Read { tensor, indices, padding, .. } => {
            let key = (*tensor, indices.clone(), *padding);
            let position = reads.iter().position(|r| *r == key).expect("collected");
            read_args[position]
        }
        Value::Neg(x, e) => {
            let x = go(x);
            if e.is_float() {
                body.op("arith.negf", &[x], ty(*e), &[])
            } else {
                let zero = body.constant(Number::of(0.0, false), ty(*e));
                body.op("arith.subi", &[zero, x], ty(*e), &[])
            }
        }
        Value::Binary(op, l, r, e) => {
            let (l, r) = (go(l), go(r));
            let float = e.is_float();
            match (op, float) {
                (BinaryOp::Div, false) => int_div(body, l, r, ty(*e)),
                _ => {
                    let name = match (op, float) {
                        (BinaryOp::Add, true) => "arith.addf",
                        (BinaryOp::Sub, true) => "arith.subf",
                        (BinaryOp::Mul, true) => "arith.mulf",
                        (BinaryOp::Div, true) => "arith.divf",
                        (BinaryOp::Add, false) => "arith.addi",
                        (BinaryOp::Sub, false) => "arith.subi",
                        _ => "arith.muli",
                    };
                    body.op(name, &[l, r], ty(*e), &contract(context, *e))
                }
            }
        }
        Value::Compare(op, l, r, e) => {
            let (l, r) = (go(l), go(r));
            compare(body, *op, l, r, e.is_float())
        }
        Value::Select(c, a, b, e) => {
            let (c, a, b) = (go(c), go(a), go(b));
            body.op("arith.select", &[c, a, b], ty(*e), &[])
        }
        Value::Unary(u, x, e) => {
            let x = go(x);
            let t = ty(*e);
            match u {
                Unary::Exp => body.op("math.exp", &[x], t, &[]),
                Unary::Log => body.op("math.log", &[x], t, &[]),
                Unary::Tanh => body.op("math.tanh", &[x], t, &[]),
                Unary::Sqrt => body.op("math.sqrt", &[x], t, &[]),
                Unary::Rsqrt => body.op("math.rsqrt", &[x], t, &[]),
                Unary::Abs if e.is_float() => body.op("math.absf", &[x], t, &[]),
                Unary::Abs => body.op("math.absi", &[x], t, &[]),
                Unary::Sigmoid => {
                    let negated = body.op("arith.negf", &[x], t, &[]);
                    let exp = body.op("math.exp", &[negated], t, &[]);
                    let one = body.constant(Number::of(1.0, true), t);
                    let sum = body.op("arith.addf", &[one, exp], t, &[]);
                    body.op("arith.divf", &[one, sum], t, &[])
                }
            }
        }
        Value::Max(l, r, e) | Value::Min(l, r, e) => {
            let (l, r) = (go(l), go(r));
            let is_max = matches!(v, Value::Max(..));
            let name = match (is_max, e.is_float()) {
                (true, true) => "arith.maximumf",
                (false, true) => "arith.minimumf",
                (true, false) => "arith.maxsi",
                (false, false) => "arith.minsi",
            };
            body.op(name, &[l, r], ty(*e), &[])
        }
        Value::Cast(x, from, to) => {
            let x = go(x);
            let name = match (from.is_float(), to.is_float()) {
                (true, true) if bits(*to) > bits(*from) => "arith.extf",
                (true, true) => "arith.truncf",
                (false, true) => "arith.sitofp",
                (true, false) => "arith.fptosi",
                (false, false) if bits(*to) > bits(*from) => "arith.extsi",
                (false, false) => "arith.trunci",
            };
            body.op(name, &[x], ty(*to), &[])
        }
    }
}

fn bits(e: Element) -> u32 {
    match e {
        Element::F16 => 16,
        Element::F32 | Element::I32 => 32,
        Element::F64 | Element::I64 => 64,
    }
}

fn integer_attr(context: &Context, v: i64) -> Attribute<'_> {
    melior::ir::attribute::IntegerAttribute::new(IntegerType::new(context, 64).into(), v).into()
}

fn compare<'c, 'x>(body: &BodyBuilder<'c, 'x>, op: BinaryOp, l: melior::ir::Value<'c, 'x>, r: melior::ir::Value<'c, 'x>, float: bool) -> melior::ir::Value<'c, 'x> {
    let context = body.context;
    let i1 = IntegerType::new(context, 1).into();
    // arith.cmpf's predicates: ordered ones (false on NaN), `une` for != (true on NaN).
    let (name, predicate) = if float {
        let p = match op {
            BinaryOp::Eq => 1,
            BinaryOp::Gt => 2,
            BinaryOp::Ge => 3,
            BinaryOp::Lt => 4,
            BinaryOp::Le => 5,
            _ => 14,
        };
        ("arith.cmpf", p)
    } else {
        let p = match op {
            BinaryOp::Eq => 0,
            BinaryOp::Ne => 1,
            BinaryOp::Lt => 2,
            BinaryOp::Le => 3,
            BinaryOp::Gt => 4,
            _ => 5,
        };
        ("arith.cmpi", p)
    };
    body.op(name, &[l, r], i1, &[("predicate", integer_attr(context, predicate))])
}

/// Integer division as the language defines it: x / 0 = 0 and MIN / -1 =
/// MIN (wrapping), with no trap: the divisor is made safe before
/// `arith.divsi` and the special cases selected after.
fn int_div<'c, 'x>(body: &BodyBuilder<'c, 'x>, n: melior::ir::Value<'c, 'x>, d: melior::ir::Value<'c, 'x>, t: Type<'c>) -> melior::ir::Value<'c, 'x> {
    let zero = body.constant(Number::of(0.0, false), t);
    let one = body.constant(Number::of(1.0, false), t);
    let minus_one = body.constant(Number::of(-1.0, false), t);
    let is_zero = compare(body, BinaryOp::Eq, d, zero, false);
    let is_minus_one = compare(body, BinaryOp::Eq, d, minus_one, false);
    let i1 = IntegerType::new(body.context, 1).into();
    let special = body.op("arith.ori", &[is_zero, is_minus_one], i1, &[]);
    let safe = body.op("arith.select", &[special, one, d], t, &[]);
    let quotient = body.op("arith.divsi", &[n, safe], t, &[]);
    let negated = body.op("arith.subi", &[zero, n], t, &[]);
    let by_minus_one = body.op("arith.select", &[is_minus_one, negated, quotient], t, &[]);
    body.op("arith.select", &[is_zero, zero, by_minus_one], t, &[])
}
