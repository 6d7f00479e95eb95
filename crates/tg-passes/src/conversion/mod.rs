//! `tg-to-linalg` and the builder of the upstream IR it produces.

pub mod ir_builder;
pub mod tg_to_linalg;
