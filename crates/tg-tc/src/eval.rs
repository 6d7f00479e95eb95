//! The direct evaluator: each statement as a loop nest over its inferred
//! domain, no MLIR. It is the oracle compiled `.tc` code is checked against
//! (as the `tg` interpreter is for `tg`), so it is written for clarity, not
//! speed: values are f64 or i64, rounded to their element type after every
//! operation, the way the compiled code computes them.

use crate::ast::{Assign, BinaryOp, Element, Reduction};
use crate::check::{Function, Param, Statement, Unary, Value};

/// A dense row-major array; floats as f64, integers as i64.
#[derive(Clone, Debug, PartialEq)]
pub struct Array {
    pub element: Element,
    pub shape: Vec<i64>,
    pub data: Data,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    Float(Vec<f64>),
    Int(Vec<i64>),
}

impl Array {
    pub fn len(&self) -> usize {
        match &self.data {
            Data::Float(v) => v.len(),
            Data::Int(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn filled(element: Element, shape: &[i64], value: Scalar) -> Array {
        let n = shape.iter().product::<i64>() as usize;
        let data = match value {
            Scalar::Float(v) => Data::Float(vec![v; n]),
            Scalar::Int(v) => Data::Int(vec![v; n]),
            Scalar::Bool(_) => unreachable!("tensors hold numbers"),
        };
        Array { element, shape: shape.to_vec(), data }
    }

    fn get(&self, offset: usize) -> Scalar {
        match &self.data {
            Data::Float(v) => Scalar::Float(v[offset]),
            Data::Int(v) => Scalar::Int(v[offset]),
        }
    }

    fn set(&mut self, offset: usize, value: Scalar) {
        match (&mut self.data, value) {
            (Data::Float(v), Scalar::Float(x)) => v[offset] = x,
            (Data::Int(v), Scalar::Int(x)) => v[offset] = x,
            _ => unreachable!("the checker gave the value the tensor's type"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Scalar {
    Float(f64),
    Int(i64),
    Bool(bool),
}

/// Evaluates `f` on `inputs` (one per parameter, in order; a scalar
/// parameter as a 0-d array) and returns its outputs.
pub fn evaluate(f: &Function, inputs: &[Array]) -> Result<Vec<Array>, String> {
    if inputs.len() != f.params.len() {
        return Err(format!("'{}' takes {} inputs, {} given", f.name, f.params.len(), inputs.len()));
    }
    let mut tensors: Vec<Option<Array>> = vec![None; f.tensors.len()];
    let mut scalars = vec![Scalar::Int(0); f.params.len()];
    for (position, (param, input)) in f.params.iter().zip(inputs).enumerate() {
        match param {
            Param::Tensor(id) => {
                let t = &f.tensors[*id];
                if input.shape != t.shape || input.element != t.element {
                    return Err(format!(
                        "input {position} ('{}') is {}{:?}, the function takes {}{:?}",
                        t.name,
                        input.element.name(),
                        input.shape,
                        t.element.name(),
                        t.shape
                    ));
                }
                tensors[*id] = Some(input.clone());
            }
            Param::Scalar(name, element) => {
                if input.len() != 1 || input.element != *element {
                    return Err(format!("input {position} ('{name}') must be one {}", element.name()));
                }
                scalars[position] = input.get(0);
            }
        }
    }
    for s in &f.statements {
        let result = statement(f, s, &tensors, &scalars)?;
        tensors[s.target] = Some(result);
    }
    Ok(f.outputs.iter().map(|&id| tensors[id].clone().expect("outputs are defined")).collect())
}

fn statement(f: &Function, s: &Statement, tensors: &[Option<Array>], scalars: &[Scalar]) -> Result<Array, String> {
    let target = &f.tensors[s.target];
    let lhs = s.loops.iter().filter(|l| !l.reduction).count();
    let mut out = match (s.assign, s.previous) {
        (Assign::Accumulate, Some(p)) => tensors[p].clone().expect("defined before"),
        (Assign::Reduce(r), _) => Array::filled(target.element, &target.shape, identity(r, target.element)),
        _ => Array::filled(target.element, &target.shape, zero(target.element)),
    };
    let extents: Vec<i64> = s.loops.iter().map(|l| l.extent).collect();
    let mut point = vec![0i64; extents.len()];
    let total: i64 = extents.iter().product();
    for _ in 0..total {
        let v = value(&s.value, &point, tensors, scalars)?;
        let offset = offset(&point[..lhs], &target.shape);
        let combined = match s.assign.reduction() {
            None => v,
            Some(r) => combine(r, out.get(offset), v, target.element),
        };
        out.set(offset, combined);
        // The next point, the last loop fastest.
        for d in (0..point.len()).rev() {
            point[d] += 1;
            if point[d] < extents[d] {
                break;
            }
            point[d] = 0;
        }
    }
    Ok(out)
}

fn offset(index: &[i64], shape: &[i64]) -> usize {
    index.iter().zip(shape).fold(0i64, |acc, (i, s)| acc * s + i) as usize
}

fn zero(element: Element) -> Scalar {
    if element.is_float() { Scalar::Float(0.0) } else { Scalar::Int(0) }
}

/// The reduction's identity: what an empty reduction gives.
pub fn identity_value(r: Reduction, element: Element) -> f64 {
    match identity(r, element) {
        Scalar::Float(v) => v,
        Scalar::Int(v) => v as f64,
        Scalar::Bool(_) => unreachable!(),
    }
}

fn identity(r: Reduction, element: Element) -> Scalar {
    let (lowest, highest) = match element {
        Element::I32 => (Scalar::Int(i32::MIN as i64), Scalar::Int(i32::MAX as i64)),
        Element::I64 => (Scalar::Int(i64::MIN), Scalar::Int(i64::MAX)),
        _ => (Scalar::Float(f64::NEG_INFINITY), Scalar::Float(f64::INFINITY)),
    };
    match r {
        Reduction::Add => zero(element),
        Reduction::Mul => {
            if element.is_float() {
                Scalar::Float(1.0)
            } else {
                Scalar::Int(1)
            }
        }
        Reduction::Max => lowest,
        Reduction::Min => highest,
    }
}

fn combine(r: Reduction, acc: Scalar, v: Scalar, element: Element) -> Scalar {
    let op = match r {
        Reduction::Add => Op::Add,
        Reduction::Mul => Op::Mul,
        Reduction::Max => Op::Max,
        Reduction::Min => Op::Min,
    };
    arith(op, acc, v, element)
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
}

/// Rounds a float to `element`'s precision, an integer to its width.
fn round(v: Scalar, element: Element) -> Scalar {
    match (v, element) {
        (Scalar::Float(x), Element::F32) => Scalar::Float(x as f32 as f64),
        (Scalar::Float(x), Element::F16) => Scalar::Float(half::f16::from_f64(x).to_f64()),
        (Scalar::Int(x), Element::I32) => Scalar::Int(x as i32 as i64),
        _ => v,
    }
}

fn arith(op: Op, a: Scalar, b: Scalar, element: Element) -> Scalar {
    let r = match (a, b) {
        (Scalar::Float(x), Scalar::Float(y)) => Scalar::Float(match op {
            Op::Add => x + y,
            Op::Sub => x - y,
            Op::Mul => x * y,
            Op::Div => x / y,
            // NaN propagates, as arith.maximumf / minimumf do.
            Op::Max if x.is_nan() || y.is_nan() => f64::NAN,
            Op::Min if x.is_nan() || y.is_nan() => f64::NAN,
            Op::Max => x.max(y),
            Op::Min => x.min(y),
        }),
        (Scalar::Int(x), Scalar::Int(y)) => Scalar::Int(match op {
            Op::Add => x.wrapping_add(y),
            Op::Sub => x.wrapping_sub(y),
            Op::Mul => x.wrapping_mul(y),
            // The language defines x / 0 = 0 and MIN / -1 = MIN (wrapping).
            Op::Div if y == 0 => 0,
            Op::Div => wrap(x, element).wrapping_div(y),
            Op::Max => x.max(y),
            Op::Min => x.min(y),
        }),
        _ => unreachable!("the checker matched the operand types"),
    };
    round(r, element)
}

fn wrap(x: i64, element: Element) -> i64 {
    if element == Element::I32 { x as i32 as i64 } else { x }
}

fn value(v: &Value, point: &[i64], tensors: &[Option<Array>], scalars: &[Scalar]) -> Result<Scalar, String> {
    let eval = |x: &Value| value(x, point, tensors, scalars);
    Ok(match v {
        Value::Constant(c, e) => {
            if e.is_float() {
                round(Scalar::Float(*c), *e)
            } else {
                round(Scalar::Int(*c as i64), *e)
            }
        }
        Value::Scalar(position, _) => scalars[*position],
        Value::Index(d, lo) => Scalar::Int(point[*d] + lo),
        Value::Read { tensor, indices, padding, element, .. } => {
            let array = tensors[*tensor].as_ref().expect("read after its definition");
            let index: Vec<i64> = indices.iter().map(|e| e.at(point)).collect();
            let inside = index.iter().zip(&array.shape).all(|(i, s)| *i >= 0 && i < s);
            if !inside {
                match padding {
                    Some(p) if element.is_float() => round(Scalar::Float(*p), *element),
                    Some(p) => Scalar::Int(*p as i64),
                    None => return Err(format!("read out of range at {index:?} (shape {:?})", array.shape)),
                }
            } else {
                array.get(offset(&index, &array.shape))
            }
        }
        Value::Neg(x, e) => match eval(x)? {
            Scalar::Float(f) => Scalar::Float(-f),
            Scalar::Int(i) => round(Scalar::Int(i.wrapping_neg()), *e),
            Scalar::Bool(_) => unreachable!(),
        },
        Value::Binary(op, l, r, e) => {
            let op = match op {
                BinaryOp::Add => Op::Add,
                BinaryOp::Sub => Op::Sub,
                BinaryOp::Mul => Op::Mul,
                _ => Op::Div,
            };
            arith(op, eval(l)?, eval(r)?, *e)
        }
        Value::Compare(op, l, r, _) => {
            let ordering = match (eval(l)?, eval(r)?) {
                (Scalar::Float(x), Scalar::Float(y)) => x.partial_cmp(&y),
                (Scalar::Int(x), Scalar::Int(y)) => Some(x.cmp(&y)),
                _ => unreachable!(),
            };
            use std::cmp::Ordering::*;
            // Ordered comparisons (false on NaN), except != (true on NaN), as arith.cmpf's o* and une.
            Scalar::Bool(match (op, ordering) {
                (BinaryOp::Ne, None) => true,
                (_, None) => false,
                (BinaryOp::Lt, Some(o)) => o == Less,
                (BinaryOp::Le, Some(o)) => o != Greater,
                (BinaryOp::Gt, Some(o)) => o == Greater,
                (BinaryOp::Ge, Some(o)) => o != Less,
                (BinaryOp::Eq, Some(o)) => o == Equal,
                (_, Some(o)) => o != Equal,
            })
        }
        Value::Select(c, a, b, _) => match eval(c)? {
            Scalar::Bool(true) => eval(a)?,
            _ => eval(b)?,
        },
        Value::Unary(u, x, e) => match eval(x)? {
            Scalar::Float(f) => round(
                Scalar::Float(match u {
                    Unary::Exp => f.exp(),
                    Unary::Log => f.ln(),
                    Unary::Tanh => f.tanh(),
                    Unary::Sqrt => f.sqrt(),
                    Unary::Rsqrt => 1.0 / f.sqrt(),
                    Unary::Abs => f.abs(),
                    Unary::Sigmoid => 1.0 / (1.0 + (-f).exp()),
                }),
                *e,
            ),
            Scalar::Int(i) => round(Scalar::Int(i.wrapping_abs()), *e),
            Scalar::Bool(_) => unreachable!(),
        },
        Value::Max(l, r, e) => arith(Op::Max, eval(l)?, eval(r)?, *e),
        Value::Min(l, r, e) => arith(Op::Min, eval(l)?, eval(r)?, *e),
        Value::Cast(x, _, to) => {
            let x = eval(x)?;
            match (x, to.is_float()) {
                (Scalar::Float(f), true) => round(Scalar::Float(f), *to),
                (Scalar::Int(i), true) => round(Scalar::Float(i as f64), *to),
                // Toward zero; out of range saturates here, and is undefined in compiled code.
                (Scalar::Float(f), false) => round(Scalar::Int(f as i64), *to),
                (Scalar::Int(i), false) => round(Scalar::Int(i), *to),
                (Scalar::Bool(_), _) => unreachable!(),
            }
        }
    })
}
