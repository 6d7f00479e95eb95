//! tensor-opt's own (Rust) passes and pipelines, by name: what
//! `--pass-pipeline` and the pass flags can name besides MLIR's upstream
//! passes, and what `--list-passes` and `--help` list.
//!
//! MLIR's C API cannot register a pass by name, so the registry lives here
//! and `assemble` consults it before falling back to MLIR's own parser.

use crate::framework::pass::{RustPass, RustPipeline};

/// Every Rust pass, sorted by name.
pub fn rust_passes() -> &'static [RustPass] {
    static PASSES: &[RustPass] = &[
        crate::transforms::distinct_results::PASS,
        crate::schedule::embedded::DROP_PASS,
        crate::transforms::fuse::PASS,
        crate::transforms::outline_loops::PASS,
        crate::transforms::runtime_checks::PASS,
        crate::schedule::PASS,
        crate::transforms::simplify::PASS,
        crate::transforms::strided_copies::PASS,
        crate::conversion::tg_to_linalg::PASS,
    ];
    PASSES
}

/// Looks up a Rust pass by its command-line name.
pub fn find_rust(name: &str) -> Option<&'static RustPass> {
    rust_passes().iter().find(|p| p.info.name == name)
}

/// Every Rust pipeline.
pub fn rust_pipelines() -> &'static [RustPipeline] {
    static PIPELINES: &[RustPipeline] = &[crate::pipelines::tg_compile::TG_COMPILE];
    PIPELINES
}

/// Looks up a Rust pipeline by name.
pub fn find_pipeline(name: &str) -> Option<&'static RustPipeline> {
    rust_pipelines().iter().find(|p| p.info.name == name)
}
