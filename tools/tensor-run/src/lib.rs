//! `tensor-run`: compile a function (tg, linalg on tensors, or bufferized
//! IR) with MLIR's JIT, or evaluate it with the reference interpreter, on
//! inputs from `.npy` files or a seed; write, print and time its results.
//!
//! The binary in `main.rs` is a thin wrapper around [`run::run`].

pub mod cli;
pub mod dtype;
pub mod jit;
pub mod memref;
pub mod npy;
pub mod random;
pub mod run;
pub mod signature;
pub mod summary;
