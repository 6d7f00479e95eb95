//! Named pipelines tensor-opt defines: `tg-compile`.

pub mod tg_compile;
