//! `tensor-opt`, the mlir-opt of this project: its command line and driver
//! over `tool-support`; `main.rs` is a thin wrapper, and tests call the
//! driver directly. No `unsafe` (forbidden) and no `mlir_sys`: what melior
//! lacks comes from `tg_dialect::ir`.

#![forbid(unsafe_code)]

pub mod cli;
pub mod dot;
pub mod driver;
pub mod listing;
pub mod unknown_argument;
