//! Scalar semantics of the four element types (f32, f64, i32, i64).
//!
//! Every op is written once, generically over [`Element`] (and [`Float`] for
//! the float-only math); this module fixes what each scalar operation means
//! for each type, following the `arith`/`math` ops a lowering would use:
//!
//! * integer `+ - *` and negation wrap (two's complement), like `arith.addi`;
//! * integer division truncates toward zero (`arith.divsi`); division by zero
//!   and `MIN / -1` are errors (they are undefined behaviour there);
//! * float `max`/`min` propagate NaN (`arith.maximumf`/`minimumf`, as
//!   `numpy.maximum`), and treat -0.0 as less than +0.0;
//! * integer `pow` is repeated wrapping multiplication (`math.ipowi`); with a
//!   negative exponent the result is the truncated quotient `1 / base^-e`:
//!   1 for base 1, ±1 for base -1, 0 for any other base, and an error for
//!   base 0;
//! * float `pow` is `powf`.

use crate::error::OpError;
use crate::tensor::Tensor;
use ndarray::ArrayD;
use std::fmt::Debug;

/// An element type the interpreter supports.
pub trait Element: Copy + PartialEq + PartialOrd + Debug + Send + Sync + 'static {
    /// The MLIR spelling of the type: `f32`, `f64`, `i32` or `i64`.
    const DTYPE: &'static str;
    /// Additive identity.
    const ZERO: Self;
    /// Multiplicative identity.
    const ONE: Self;
    /// The identity of `max`: -inf for floats, `MIN` for integers.
    const LOWEST: Self;

    /// `self + other` (wrapping for integers).
    fn add(self, other: Self) -> Self;
    /// `self - other` (wrapping for integers).
    fn sub(self, other: Self) -> Self;
    /// `self * other` (wrapping for integers).
    fn mul(self, other: Self) -> Self;
    /// `self / other`, truncating toward zero for integers.
    fn div(self, other: Self) -> Result<Self, OpError>;
    /// The larger operand; NaN if either is NaN.
    fn max(self, other: Self) -> Self;
    /// The smaller operand; NaN if either is NaN.
    fn min(self, other: Self) -> Self;
    /// `self` raised to `other`.
    fn pow(self, other: Self) -> Result<Self, OpError>;
    /// `-self` (wrapping for integers).
    fn neg(self) -> Self;
    /// `|self|` (wrapping for integers: `abs(MIN) == MIN`, like `math.absi`).
    fn abs(self) -> Self;
    /// A count (number of elements averaged) in this type.
    fn from_count(count: usize) -> Self;
    /// An `f64` attribute value in this type: rounded to nearest for f32,
    /// truncated toward zero for integers (error when NaN or out of range).
    fn from_f64(value: f64) -> Result<Self, OpError>;
    /// The value as a cast source: exact.
    fn to_scalar(self) -> Scalar;
    /// Converts a cast source to this type (see [`crate::ops::elementwise::cast`]).
    fn from_scalar(value: Scalar) -> Result<Self, OpError>;

    /// Wraps an array of this type as a [`Tensor`].
    fn wrap(array: ArrayD<Self>) -> Tensor;
}

/// Float-only math (`tg.exp`, `tg.log`, ... and `tg.softmax`).
pub trait Float: Element {
    /// e^self.
    fn exp(self) -> Self;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Hyperbolic tangent.
    fn tanh(self) -> Self;
    /// Square root.
    fn sqrt(self) -> Self;
    /// The Gauss error function (the `libm` crate's, as accurate as C's `erf`).
    fn erf(self) -> Self;
    /// `self / other` (infallible for floats).
    fn fdiv(self, other: Self) -> Self;
}

/// An element value converted exactly, the source of a cast: floats as f64
/// (exact for f32 and f64), integers as i64 (exact for i32 and i64).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar {
    /// A float value.
    Float(f64),
    /// A signed integer value.
    Int(i64),
}

/// Truncates `value` toward zero and checks it fits in a signed integer of
/// `bits` bits, i.e. lies in `[-2^(bits-1), 2^(bits-1))` (both bounds exact
/// in f64).
fn float_to_int(value: f64, bits: i32, to: &'static str) -> Result<f64, OpError> {
    let truncated = value.trunc();
    let limit = 2f64.powi(bits - 1);
    if truncated.is_nan() || truncated < -limit || truncated >= limit {
        return Err(OpError::ConversionOutOfRange { value: value.to_string(), to });
    }
    Ok(truncated)
}

macro_rules! float_element {
    ($t:ty, $name:literal, $variant:ident) => {
        impl Element for $t {
            const DTYPE: &'static str = $name;
            const ZERO: Self = 0.0;
            const ONE: Self = 1.0;
            const LOWEST: Self = <$t>::NEG_INFINITY;

            fn add(self, other: Self) -> Self {
                self + other
            }
            fn sub(self, other: Self) -> Self {
                self - other
            }
            fn mul(self, other: Self) -> Self {
                self * other
            }
            fn div(self, other: Self) -> Result<Self, OpError> {
                Ok(self / other)
            }
            fn max(self, other: Self) -> Self {
                if self.is_nan() || other.is_nan() {
                    <$t>::NAN
                } else if self == other {
                    // Equal, or +0.0 and -0.0: +0.0 is the larger.
                    if self.is_sign_negative() {
                        other
                    } else {
                        self
                    }
                } else if self > other {
                    self
                } else {
                    other
                }
            }
            fn min(self, other: Self) -> Self {
                if self.is_nan() || other.is_nan() {
                    <$t>::NAN
                } else if self == other {
                    // Equal, or +0.0 and -0.0: -0.0 is the smaller.
                    if self.is_sign_negative() {
                        self
                    } else {
                        other
                    }
                } else if self < other {
                    self
                } else {
                    other
                }
            }
            fn pow(self, other: Self) -> Result<Self, OpError> {
                Ok(self.powf(other))
            }
            fn neg(self) -> Self {
                -self
            }
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            fn from_count(count: usize) -> Self {
                count as $t
            }
            fn from_f64(value: f64) -> Result<Self, OpError> {
                Ok(value as $t)
            }
            fn to_scalar(self) -> Scalar {
                Scalar::Float(self as f64)
            }
            fn from_scalar(value: Scalar) -> Result<Self, OpError> {
                // One rounding step in each case: f64 -> f32 and i64 -> f32/f64
                // round to nearest-even, as arith.truncf / arith.sitofp do.
                Ok(match value {
                    Scalar::Float(v) => v as $t,
                    Scalar::Int(v) => v as $t,
                })
            }
            fn wrap(array: ArrayD<Self>) -> Tensor {
                Tensor::$variant(array)
            }
        }

        impl Float for $t {
            fn exp(self) -> Self {
                <$t>::exp(self)
            }
            fn ln(self) -> Self {
                <$t>::ln(self)
            }
            fn tanh(self) -> Self {
                <$t>::tanh(self)
            }
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            fn erf(self) -> Self {
                libm::Libm::<$t>::erf(self)
            }
            fn fdiv(self, other: Self) -> Self {
                self / other
            }
        }
    };
}

float_element!(f32, "f32", F32);
float_element!(f64, "f64", F64);

macro_rules! int_element {
    ($t:ty, $name:literal, $variant:ident) => {
        impl Element for $t {
            const DTYPE: &'static str = $name;
            const ZERO: Self = 0;
            const ONE: Self = 1;
            const LOWEST: Self = <$t>::MIN;

            fn add(self, other: Self) -> Self {
                self.wrapping_add(other)
            }
            fn sub(self, other: Self) -> Self {
                self.wrapping_sub(other)
            }
            fn mul(self, other: Self) -> Self {
                self.wrapping_mul(other)
            }
            fn div(self, other: Self) -> Result<Self, OpError> {
                if other == 0 {
                    return Err(OpError::DivisionByZero);
                }
                // `/` on signed integers truncates toward zero; it returns
                // None only for MIN / -1.
                self.checked_div(other).ok_or_else(|| OpError::DivisionOverflow(self.to_string()))
            }
            fn max(self, other: Self) -> Self {
                Ord::max(self, other)
            }
            fn min(self, other: Self) -> Self {
                Ord::min(self, other)
            }
            fn pow(self, other: Self) -> Result<Self, OpError> {
                if other < 0 {
                    // 1 / self^|other|, truncated toward zero.
                    return match self {
                        0 => Err(OpError::DivisionByZero),
                        1 => Ok(1),
                        -1 => Ok(if other % 2 == 0 { 1 } else { -1 }),
                        _ => Ok(0),
                    };
                }
                let mut result: $t = 1;
                let mut remaining = other;
                while remaining > 0 {
                    result = result.wrapping_mul(self);
                    remaining -= 1;
                }
                Ok(result)
            }
            fn neg(self) -> Self {
                self.wrapping_neg()
            }
            fn abs(self) -> Self {
                self.wrapping_abs()
            }
            fn from_count(count: usize) -> Self {
                // Counts are element counts of in-memory tensors; a count that
                // does not fit wraps like any integer conversion here.
                count as $t
            }
            fn from_f64(value: f64) -> Result<Self, OpError> {
                // In range after the check, so `as` converts exactly.
                Ok(float_to_int(value, <$t>::BITS as i32, $name)? as $t)
            }
            fn to_scalar(self) -> Scalar {
                Scalar::Int(self as i64)
            }
            fn from_scalar(value: Scalar) -> Result<Self, OpError> {
                match value {
                    Scalar::Float(v) => Self::from_f64(v),
                    // Truncation (i64 -> i32) keeps the low bits, like
                    // arith.trunci; widening sign-extends, like arith.extsi.
                    Scalar::Int(v) => Ok(v as $t),
                }
            }
            fn wrap(array: ArrayD<Self>) -> Tensor {
                Tensor::$variant(array)
            }
        }
    };
}

int_element!(i32, "i32", I32);
int_element!(i64, "i64", I64);
