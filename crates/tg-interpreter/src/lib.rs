//! The reference interpreter of the `tg` dialect: the oracle that compiled
//! code is checked against.
//!
//! [`evaluate`] runs a `func.func` of a parsed module on [`Tensor`]s. Every
//! op is implemented straight from its definition in `include/tg/TGOps.td`,
//! as plain loops over ndarrays, independently of any lowering; the choices
//! the definitions leave open are fixed (and documented) in
//! [`element`] (scalar arithmetic per element type) and in each op's
//! function in [`ops`]. In short:
//!
//! * element types f32, f64, i32, i64 (anything else is an error);
//! * integer arithmetic wraps; integer division truncates toward zero, and
//!   division by zero or `MIN / -1` is an error; float max/min propagate NaN;
//! * integer `pow` is repeated multiplication; a negative exponent gives the
//!   truncated `1 / base^n` (1, ±1 for base -1, else 0; base 0 is an error);
//! * `cast` float→int truncates toward zero (NaN/out of range is an error),
//!   int→int wraps or sign-extends;
//! * `conv2d` pads with zeros; `max_pool2d` padding never wins; `avg_pool2d`
//!   divides by the kernel area with `count_include_pad`, else by the number
//!   of real elements; integer means and averages truncate;
//! * `pad`'s f64 `value` is rounded to nearest for f32, truncated toward zero
//!   for integers;
//! * sums accumulate in the element type, in row-major loop order.
//!
//! ```ignore
//! let module = tg_dialect::parse_source_for_tool(&context, SOURCE, "x.mlir", true).unwrap();
//! let module = melior::ir::Module::from_operation(module).unwrap();
//! let outputs = tg_interpreter::evaluate(module.as_operation(), "main", &inputs)?;
//! ```

pub mod element;
pub mod error;
pub mod eval;
mod ir;
pub mod ops;
pub mod tensor;

pub use error::{EvalError, OpError};
pub use eval::evaluate;
pub use tensor::Tensor;
