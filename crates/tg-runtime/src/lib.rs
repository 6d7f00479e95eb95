//! Calling compiled code: a function's signature as tensor-run passes it
//! ([`signature`]), element types ([`dtype`]), the memref descriptors
//! compiled code reads and writes ([`memref`]), and calls through MLIR's
//! ExecutionEngine in either result convention ([`jit`]).
//!
//! The `unsafe` here is the calling convention itself: pointers handed to
//! and read back from JIT-compiled code. The engine is `tg_dialect::ir::engine`.

pub mod dtype;
pub mod jit;
pub mod memref;
pub mod signature;
