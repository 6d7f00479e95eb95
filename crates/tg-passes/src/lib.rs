//! `tensor-opt`'s pass layer: the Rust passes, the catalog of upstream MLIR
//! passes, the textual pass-pipeline syntax, and `tg-compile`.
//!
//! No `unsafe` here (forbidden below) and no `mlir_sys` (not a dependency):
//! what melior's safe API lacks comes from `tg_dialect::ir`.

#![forbid(unsafe_code)]

pub mod assemble;
pub mod catalog;
pub mod fuse;
pub mod options;
pub mod pass_options;
pub mod pipeline;
pub mod registry;
pub mod runtime_checks;
pub mod schedule;
pub mod simplify;
pub mod ir_builder;
pub mod tg_to_linalg;
pub mod compile;
pub mod distinct_results;
