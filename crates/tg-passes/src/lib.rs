//! `tensor-opt`'s pass layer: the catalog of upstream MLIR passes and the
//! textual pass-pipeline syntax.

pub mod assemble;
pub mod catalog;
pub mod fuse;
pub mod options;
pub mod pipeline;
pub mod registry;
pub mod runtime_checks;
pub mod schedule;
pub mod simplify;
pub mod ir_builder;
pub mod tg_to_linalg;
pub mod compile;
pub mod context;
pub mod distinct_results;
