//! `tensor-opt`, the mlir-opt of this project, as a library: the binary in
//! `main.rs` is a thin wrapper, and tests can call the pieces directly.

pub mod diagnostic;
pub mod render;
pub mod verify_diagnostics;

pub mod bytecode;
pub mod capture;
pub mod cli;
pub mod context;
pub mod crash;
pub mod dot;
pub mod driver;
pub mod listing;
pub mod llvm_ir;
pub mod output;
pub mod pass_manager;
pub mod split;
pub mod unknown_argument;
