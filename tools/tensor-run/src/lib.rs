//! `tensor-run`: compile a function (tg, linalg on tensors, or bufferized
//! IR) with MLIR's JIT, or evaluate it with the reference interpreter, on
//! inputs from `.npy` files or a seed; write, print and time its results.
//!
//! The binary in `main.rs` is a thin wrapper around [`run::run`]; calling
//! compiled code is `tg-runtime`'s. No `unsafe` here (forbidden).

#![forbid(unsafe_code)]

pub mod cli;
pub mod npy;
pub mod random;
pub mod run;
pub mod summary;
pub mod tc_reference;
pub mod tensor_proto;
