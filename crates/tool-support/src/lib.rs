//! What both tools (`tensor-opt`, `tensor-run`) are made of, so that each is
//! a thin `main` over it: reading input, capturing MLIR's diagnostics and
//! rendering them (plain, as mlir-opt prints them, or with source snippets),
//! `--verify-diagnostics`, `--split-input-file`, writing outputs whole or not
//! at all, turning crashes into reports, and building pass managers.

pub mod bytecode;
pub mod capture;
pub mod context;
pub mod crash;
pub mod diagnostic;
pub mod input;
pub mod onnx;
pub mod output;
pub mod pass_manager;
pub mod render;
pub mod split;
pub mod tc;
pub mod verify_diagnostics;

/// Exit codes, as mlir-opt's.
pub mod exit {
    /// Invalid input, a failed pass, a bad command line (tensor-opt).
    pub const FAILURE: i32 = 1;
    /// A bad command line (tensor-run keeps 2 for it, as clap does).
    pub const USAGE: i32 = 2;
    /// An internal error: a crash, reported.
    pub const INTERNAL: i32 = 70;
}
