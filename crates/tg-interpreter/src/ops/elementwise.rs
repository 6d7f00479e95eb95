//! Elementwise ops: the broadcasting binary ops (`tg.add` ... `tg.pow`),
//! the unary ops (`tg.neg` ... `tg.erf`), `tg.clip` and `tg.cast`.
//!
//! The scalar meaning of each operation per element type (wrapping integer
//! arithmetic, truncating division, NaN-propagating max/min, integer pow) is
//! in [`crate::element`].

use super::{broadcast_index, broadcast_shapes, build, from_vec};
use crate::element::{Element, Float};
use crate::error::OpError;
use ndarray::ArrayD;

/// A binary elementwise op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `tg.add`
    Add,
    /// `tg.sub`
    Sub,
    /// `tg.mul`
    Mul,
    /// `tg.div`
    Div,
    /// `tg.max`
    Max,
    /// `tg.min`
    Min,
    /// `tg.pow`
    Pow,
}

impl BinaryOp {
    fn apply<T: Element>(self, l: T, r: T) -> Result<T, OpError> {
        match self {
            BinaryOp::Add => Ok(l.add(r)),
            BinaryOp::Sub => Ok(l.sub(r)),
            BinaryOp::Mul => Ok(l.mul(r)),
            BinaryOp::Div => l.div(r),
            BinaryOp::Max => Ok(l.max(r)),
            BinaryOp::Min => Ok(l.min(r)),
            BinaryOp::Pow => l.pow(r),
        }
    }
}

/// `op(lhs, rhs)` element by element, the operands broadcast numpy-style to
/// the result shape.
pub fn binary<T: Element>(op: BinaryOp, lhs: &ArrayD<T>, rhs: &ArrayD<T>) -> Result<ArrayD<T>, OpError> {
    let shape = broadcast_shapes(lhs.shape(), rhs.shape())?;
    build(&shape, |index| {
        let l = lhs[broadcast_index(index, lhs.shape()).as_slice()];
        let r = rhs[broadcast_index(index, rhs.shape()).as_slice()];
        op.apply(l, r)
    })
}

/// A unary elementwise op defined for every element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `tg.neg`: `-x`
    Neg,
    /// `tg.abs`: `|x|`
    Abs,
    /// `tg.relu`: `max(x, 0)` (NaN stays NaN)
    Relu,
}

/// `op(x)` for every element.
pub fn unary<T: Element>(op: UnaryOp, input: &ArrayD<T>) -> ArrayD<T> {
    input.mapv(|x| match op {
        UnaryOp::Neg => x.neg(),
        UnaryOp::Abs => x.abs(),
        UnaryOp::Relu => x.max(T::ZERO),
    })
}

/// A unary elementwise op defined only for floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatUnaryOp {
    /// `tg.exp`
    Exp,
    /// `tg.log`: the natural logarithm
    Log,
    /// `tg.tanh`
    Tanh,
    /// `tg.sigmoid`: `1 / (1 + exp(-x))`
    Sigmoid,
    /// `tg.sqrt`
    Sqrt,
    /// `tg.rsqrt`: `1 / sqrt(x)`
    Rsqrt,
    /// `tg.erf`: the Gauss error function
    Erf,
}

/// `op(x)` for every element, computed in the element type.
pub fn float_unary<T: Float>(op: FloatUnaryOp, input: &ArrayD<T>) -> ArrayD<T> {
    input.mapv(|x| match op {
        FloatUnaryOp::Exp => x.exp(),
        FloatUnaryOp::Log => x.ln(),
        FloatUnaryOp::Tanh => x.tanh(),
        FloatUnaryOp::Sigmoid => T::ONE.fdiv(T::ONE.add(x.neg().exp())),
        FloatUnaryOp::Sqrt => x.sqrt(),
        FloatUnaryOp::Rsqrt => T::ONE.fdiv(x.sqrt()),
        FloatUnaryOp::Erf => x.erf(),
    })
}

/// `tg.clip`: every element clamped to `[min, max]`; NaN stays NaN (both
/// comparisons are false), as `arith.maximumf`/`minimumf` propagate it.
pub fn clip<T: Element>(input: &ArrayD<T>, min: f64, max: f64) -> Result<ArrayD<T>, OpError> {
    let (min, max) = (T::from_f64(min)?, T::from_f64(max)?);
    Ok(input.mapv(|x| if x < min { min } else if x > max { max } else { x }))
}

/// `tg.cast`: every element converted to `D`.
///
/// * float to float: exact widening, or rounding to nearest-even (`arith.truncf`);
/// * float to integer: truncation toward zero (`arith.fptosi`); NaN or a value
///   out of the integer's range is an error (poison in `arith`);
/// * integer to float: signed, rounded to nearest-even (`arith.sitofp`);
/// * integer to integer: sign extension or truncation to the low bits
///   (`arith.extsi` / `arith.trunci`).
pub fn cast<S: Element, D: Element>(input: &ArrayD<S>) -> Result<ArrayD<D>, OpError> {
    let data = input.iter().map(|&x| D::from_scalar(x.to_scalar())).collect::<Result<Vec<D>, OpError>>()?;
    from_vec(input.shape(), data)
}
