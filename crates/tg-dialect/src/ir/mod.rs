//! The IR layer: what passes and tools need from MLIR that melior's safe API
//! does not give, each behind a safe function whose SAFETY comment states
//! the invariant it relies on. With the dialect's C API (the crate root),
//! this is the only Rust code that calls `mlir_sys` or writes `unsafe`.
//!
//! Handles (`OperationRef`, `Value`, `Attribute`) are MLIR's: copies of one
//! pointer, valid while the IR they point into lives. The functions here
//! keep melior's lifetimes on what they return; the ones that erase IR
//! ([`edit::erase`]) say what must not be used afterwards.

pub mod affine;
pub mod context;
pub mod diagnostics;
pub mod edit;
pub mod engine;
pub mod llvm_ir;
pub mod pass;
pub mod resource;
pub mod rewrite;
pub mod transform;
pub mod types;
pub mod uses;
pub mod walk;

/// A handle on an owned op, borrowed from it (melior has none).
pub fn op_ref<'c, 'a>(op: &'a melior::ir::Operation<'c>) -> melior::ir::OperationRef<'c, 'a> {
    use melior::ir::operation::OperationLike;
    // SAFETY: the handle borrows `op` for 'a, so it cannot outlive the op.
    unsafe { melior::ir::OperationRef::from_raw(op.to_raw()) }
}
