//! The interpreter's errors.
//!
//! [`EvalError`] is what [`crate::evaluate`] returns: it names the function,
//! argument, or op (with its source location, `FILE:LINE:COL` when the IR has
//! one) that could not be evaluated. [`OpError`] is the reason an individual
//! op failed; it travels inside [`EvalError::Op`].

/// Why a module could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvalError {
    /// The operation handed to [`crate::evaluate`] is not a `builtin.module`.
    #[error("expected a 'builtin.module' operation, got '{0}'")]
    NotAModule(String),

    /// The module has no `func.func` of that name.
    #[error("the module has no function @{0}")]
    EntryNotFound(String),

    /// The entry function was called with the wrong number of inputs.
    #[error("@{entry} takes {expected} input(s), got {got}")]
    InputCount {
        /// The entry function's name.
        entry: String,
        /// How many arguments the function declares.
        expected: usize,
        /// How many inputs were given.
        got: usize,
    },

    /// An input's shape or element type differs from its argument's type.
    #[error("input #{index} of @{entry}: expected {expected}, got {got}")]
    InputType {
        /// The entry function's name.
        entry: String,
        /// The argument's position (0-based).
        index: usize,
        /// The argument's declared type, e.g. `tensor<2x3xf32>`.
        expected: String,
        /// The type of the tensor given, in the same notation.
        got: String,
    },

    /// An op the interpreter does not know (anything but `tg.*` and
    /// `func.return` inside the entry function).
    #[error("unsupported op '{op}' at {location}")]
    UnsupportedOp {
        /// The op's name, e.g. `arith.addf`.
        op: String,
        /// `FILE:LINE:COL`, or `unknown location`.
        location: String,
    },

    /// A value whose type is not a ranked tensor of f32, f64, i32 or i64, or a
    /// float-only op applied to integers.
    #[error("unsupported type {ty} in '{op}' at {location}: {reason}")]
    UnsupportedType {
        /// The op (or `func.func @name` for an argument) holding the value.
        op: String,
        /// `FILE:LINE:COL`, or `unknown location`.
        location: String,
        /// The offending type, e.g. `tensor<4xf16>` or `i32`.
        ty: String,
        /// Why it is unsupported.
        reason: String,
    },

    /// An op failed to evaluate (bad attribute, arithmetic error, ...).
    #[error("'{op}' at {location}: {source}")]
    Op {
        /// The op's name.
        op: String,
        /// `FILE:LINE:COL`, or `unknown location`.
        location: String,
        /// What went wrong.
        #[source]
        source: OpError,
    },

    /// IR the interpreter cannot walk: several blocks, a use of a value with
    /// no tensor bound to it, a missing terminator.
    #[error("malformed IR: {0}")]
    Malformed(String),
}

/// Why one op could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    /// Integer division (or integer `pow`/mean/average) by zero: undefined
    /// for `arith.divsi`, so an error rather than a made-up value.
    #[error("integer division by zero")]
    DivisionByZero,

    /// `MIN / -1` in a signed integer type: undefined for `arith.divsi`.
    #[error("integer division overflow: {0} / -1")]
    DivisionOverflow(String),

    /// A float that is NaN or out of range of the integer type it is
    /// converted to (poison for `arith.fptosi`).
    #[error("cannot convert {value} to {to}: NaN or out of range")]
    ConversionOutOfRange {
        /// The value, as printed by Rust.
        value: String,
        /// The target element type.
        to: &'static str,
    },

    /// A missing or ill-formed attribute.
    #[error("attribute '{name}': {reason}")]
    Attribute {
        /// The attribute's name.
        name: String,
        /// What is wrong with it.
        reason: String,
    },

    /// Operand shapes or counts the op's definition does not allow (the
    /// verifier normally rejects these first).
    #[error("{0}")]
    Shape(String),

    /// Operands of different element types where the op needs one.
    #[error("operands have different element types: {0} and {1}")]
    ElementTypeMismatch(&'static str, &'static str),

    /// The computed result disagrees with the op's declared result type.
    #[error("computed a result of type {computed}, but the op declares {declared}")]
    ResultType {
        /// What the interpreter computed.
        computed: String,
        /// What the IR says.
        declared: String,
    },
}
