//! `tensor-opt`'s pass layer: the Rust passes, the catalog of upstream MLIR
//! passes, the textual pass-pipeline syntax, and `tg-compile`.
//!
//! No `unsafe` here (forbidden below) and no `mlir_sys` (not a dependency):
//! what melior's safe API lacks comes from `tg_dialect::ir`.

#![forbid(unsafe_code)]

pub mod conversion;
pub mod framework;
pub mod pipeline;
pub mod pipelines;
pub mod schedule;
pub mod transforms;
