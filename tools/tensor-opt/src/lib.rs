//! `tensor-opt`, the mlir-opt of this project: its command line and driver
//! over `tool-support`; `main.rs` is a thin wrapper, and tests call the
//! driver directly.

pub mod cli;
pub mod dot;
pub mod driver;
pub mod listing;
pub mod llvm_ir;
pub mod unknown_argument;
